"""Fallback for pages of no known layout: DotNetNuke, Joomla, Drupal, Liferay, SharePoint,
Blogger, hand-made table pages, ASP pages of <font> and <br><br>, headless front ends.

Structured data first where a page has it (JSON-LD, og:/article: meta, microdata), then
what the page shows.  The body is found by weighing text, not by trusting class names:
every visible line of the page is prose (a sentence) or chrome (links, labels, dates,
menu lines, titles), and the body is the element whose prose outweighs its chrome the
most.  Body containers of common systems are preferred, but only when they hold most of
that prose, so a side block that happens to share the class (Drupal's
``field--name-body`` in a sidebar) is never taken.  Class names that mean chrome
(comments, related lists, share bars) mark chrome only on elements that hold a minor part
of the page's prose: some themes call their main column ``sidebar-1``.

Inside the body the title, the lead, date lines, tool bars, "Xem thêm" links and the
boxes that follow the text are dropped; paragraphs written as ``<br><br>`` runs become
paragraphs; the byline and the credit that end the text go to ``author`` and ``source``
(base.extract_body).  The byline a page prints (beside the title or the date, or under
the text) comes before <meta name="author">, which many sites fill with their own name;
the site's own name (og:site_name, JSON-LD's publisher, the host's) is never the author.
Structured data written wrong (a bare string for the author, lists in a breadcrumb's
list) is asked only after the markup.  A page is an article when it says so (JSON-LD, og:type, a single
article itemscope) or shows a date, and its body is not a list of teasers: a listing, a
home page, a search page, an undated "about" or contact page is refused.

One walk over the page (``Page``) weighs the text and indexes the elements by class, so
that no class selector walks the whole tree again.  trafilatura is not used, not even as
a second opinion: on the pages of bench/bench_fallback.py this module reads the body at
least as well, the head fields (title, date, byline, lead) better, in about half its time.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from ..kernel.dates import ENGLISH_DATE, MONTH_NAMES, english_date, parse_date
from ..kernel.record import Article
from ..kernel.text import canonical_url, clean_text, fold
from . import base
from .base import css, text_of
from .urls import article_shaped

NAME = "generic"
VERSION = "3"

# --- selectors --------------------------------------------------------------------------
# Written as "tag", ".class", "tag.class", "*part" (a class containing "part"), one
# descendant step (".author .fn"), or an attribute selector (passed to cssselect).

# Body containers of common systems (schema.org microdata, Drupal 7-10, WordPress, Blogger,
# Liferay, SharePoint, Ghost, Vietnamese news CMSes).  Candidates only: see body_element.
BODY = ("[itemprop~=articleBody]", ".field--name-body", ".field-name-body", ".post-body",
        ".entry-content", ".journal-content-article", ".ms-rtestate-field", ".gh-content",
        ".td-post-content", ".article-body", ".article__body", ".article-content",
        ".post-content", ".news-content", ".detail-content", ".detail__content",
        ".singular-content", ".fck_detail", ".content-detail", ".noi-dung", ".noidung",
        ".govspeak")
# Headline elements: candidates for the title, matched against <title> and og:title.
TITLE = ("h1", "[itemprop=headline]", "h2", "h3", "*title", "*Title", "*tieude", "*tieu-de",
         "*headline", "span.Head", "[data-testid=storyTitle]")
# The lead (sapo) by its class or id: sapo, summary, lead, tóm tắt, mô tả, chapeau, excerpt.
LEAD_ATTR = re.compile(
    r"sapo|summary|tomtat|tom-tat|trichdan|trich-dan|chapeau|standfirst|excerpt|subtitle"
    r"|introtext|intro-text|hometext|mo-ta"
    r"|(?:^|[^a-z])(?:lead|desc|description|intro|teaser|mota|sub|deck|dek)(?:[^a-z]|$)",
    re.IGNORECASE)
# Bylines, most specific first.  Matches in comments and side boxes are skipped.
AUTHOR = ("[itemprop=author] [itemprop=name]", "[itemprop=author]",
          ".field--name-field-tac-gia .field__item", ".field-name-field-tac-gia",
          "[data-testid=byline-name]", "[data-testid=authorName]", "a[rel=author]",
          ".author-name", ".post-author a", ".td-post-author-name a", ".author-info .name",
          ".author .fn", ".fn", ".article__author", ".post-author", ".author", ".tacgia",
          ".tac-gia", ".field-name-field-byline", ".byline", "*author-name a", "*author-name",
          "[href*='/author/']", "[href*='/tac-gia/']", "*author a", "*Author a", "*author")
# A credit printed in a field of its own ("Nguồn: Báo Nghệ An") rather than under the body.
SOURCE = (".field--name-field-nguon .field__item", ".field-name-field-nguon",
          ".field--name-field-source .field__item", ".news-source", ".nguon", ".nguon-tin")
# Date boxes, read only inside the article (side boxes and related lists have dates too);
# the published date before the modified one.
DATE = ("[itemprop=datePublished]", "time.published", "abbr.published", "time.entry-date",
        "time", ".published", "*date", "*Date", "*time", "*ngay", "*publish")
# Machine-readable publish dates outside JSON-LD and meta (Drupal's RDFa, Blogger's abbr).
STRUCTURED_DATE = ("[property='schema:dateCreated'][content]", "[property='dc:date'][content]",
                   "[itemprop=datePublished][datetime]", "[itemprop=datePublished][content]",
                   "[itemprop=datePublished][title]")
DATE_META = ("article:published_time", "pubdate", "datepublished", "dc.date.issued",
             "govuk:first-published-at", "publish-date", "date")
BREADCRUMB = (".breadcrumb a", ".breadcrumbs a", "[aria-label*=readcrumb] a", ".crumbs a",
              "a.Breadcrumb", ".entry-crumbs a", ".dt-breadcrumb a", "*breadcrumb a",
              ".pathbar a", ".path a", ".duongdan a", "[id=breadcrumb] a",
              "[itemtype*=BreadcrumbList] [itemprop=name]", ".breadcrumb li")
TAGS = (".tags a", "*tags a", "*Tags a", ".field--name-field-tags a",
        ".field-name-field-tags a", "a[rel=tag]", ".post-labels a", ".keywords a",
        ".detail-tab a", ".box-tag a")

# Class or id words of chrome.  Substrings for words no content class contains; whole
# words for short ones ("nav", "ads", "tag") that occur inside longer innocent words.
NOISE_ATTR = re.compile(
    r"comment|binh-?luan|y-?kien|disqus|sidebar|relate|lien-?quan|tin-?khac|share|sharing"
    r"|social|breadcrumb|footer|copyright|advert|adspot|quang-?cao|popular|xem-?nhieu"
    r"|mostread|most-read|trending|recommend|read-?more|newsletter|subscribe|cookie"
    r"|pagination|pagenav|navigation|toolbar|feedback|samecat|same-cat|cung-?chuyen-?muc"
    r"|author-?box|author-?bio|about-?(?:the-?)?author|bio-?box"
    r"|(?:^|[^a-z])(?:nav|navbar|menu|ads|ad|tags?|tools?|other|banner|crumbs|labels|pager"
    r"|search|login|respond|reply|rating|hotline|poll)(?:[^a-z]|$)", re.IGNORECASE)
NOISE_ELEMENTS = {"nav", "aside", "footer"}
NOISE_ROLES = {"navigation", "complementary", "contentinfo", "banner", "search"}
# Where a byline is someone else's: comments, side boxes, related teasers.  (An article's
# own footer is chrome for the body but often holds its byline: Blogger's post-footer.)
OTHERS_ATTR = re.compile(r"comment|binh-?luan|respond|reply|sidebar|relate|lien-?quan"
                         r"|popular|profile", re.IGNORECASE)
# The site's own name, set as a heading in the banner: never an article's title.
SITE_ATTR = re.compile(r"site-?title|site-?name|site-branding|masthead|logo|brand|blog-name",
                       re.IGNORECASE)
HIDDEN_ATTR = re.compile(r"(?:^|\s)(?:hidden|visually-hidden|element-invisible|sr-only"
                         r"|screen-reader-text|rdf-meta|element-hidden)(?:\s|$)")
# Never text: walked past without a look.
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
             "select", "option", "textarea", "button", "input", "head", "title", "meta",
             "link", "map", "canvas", "video", "audio", "picture", "source"}
# Dropped from a body copy: never text (iframes, objects and <picture> stay: attachments
# and images live there).
DROPPED_TAGS = SKIP_TAGS - {"iframe", "object", "embed", "picture", "source"}
# Elements that may hold the body.
CONTAINERS = {"div", "td", "th", "article", "section", "main", "body", "center", "blockquote",
              "span", "font", "form", "dd", "li", "tbody", "table", "tr"}
# Inline elements: a <br> inside them still splits the paragraph they are part of.
INLINE = {"span", "font", "b", "strong", "i", "em", "u", "a", "small", "big", "sub", "sup",
          "abbr", "cite", "q", "mark", "s", "strike", "code", "tt", "label", "time", "o:p"}
BLOCKS = base.BLOCK_TAGS | {"center", "main", "figure"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# --- labels and patterns ----------------------------------------------------------------

# Headings of boxes that end the article's text (related and other lists, comments, tags).
BOX_LABELS = {fold(x) for x in (
    *base.RELATED_LABELS, *base.OTHER_BOX_LABELS, "tin đã đưa", "các tin đã đưa",
    "cùng chuyên mục", "đọc thêm", "xem thêm", "bài đọc thêm", "tin bài khác", "video khác",
    "bình luận", "ý kiến", "ý kiến bạn đọc", "gửi ý kiến", "gửi bình luận", "viết bình luận",
    "thêm bình luận", "nhận xét", "từ khóa", "tags", "tag", "nhãn", "chia sẻ",
    "related", "related articles", "related content", "related posts", "more on this story",
    "read more", "you may also like", "more from author", "latest news", "most read",
    "popular", "leave a reply", "comments", "share this", "share")}
# Lines that are the page's tools, not its text.
_TOOL = (r"(?:in bài(?: viết)?|in trang|in|gửi email|gửi cho bạn bè|quay lại|trở về|về đầu trang"
         r"|lên đầu trang|chia sẻ|lưu|sao chép liên kết|cỡ chữ|bản in|print|share|email|save"
         r"|back to [\w ]+|###|-*\s*advertisement\s*-*|quảng cáo|a-|a\+)")
TOOL_LINE = re.compile(rf"^(?:[\[(]?\s*{_TOOL}\s*[\])]?\s*[:|/·-]?\s*)+$", re.IGNORECASE)
# Words of a date line besides the date: "Thứ Ba, 12/03/2024 - 08:15", "Cập nhật lúc ...".
DATE_WORDS = re.compile(
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|t[2-7]|cn|ngày|tháng|năm|lúc|giờ|phút"
    r"|cập nhật|đăng|xuất bản|gmt|utc|am|pm|sa|ch|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|published|updated|posted|on|at|date|by)\b", re.IGNORECASE)
META_LINE = re.compile(
    r"^\W*(?:cập nhật|ngày đăng|đăng lúc|đăng ngày|ngày xuất bản|xuất bản|thứ (?:hai|ba|tư|năm"
    r"|sáu|bảy)|chủ nhật|lượt xem|số lượt xem|views?|tác giả|người đăng|người viết|đăng bởi"
    r"|viết bởi|posted|published|updated|last updated|\d+\s*(?:phút đọc|min read|lượt xem))",
    re.IGNORECASE)
# A month's name left in an English date line ("Published June 3, 2024").
_MONTH_WORD = re.compile(rf"\b(?:{MONTH_NAMES})\b", re.IGNORECASE)
# Inline "see also" links inside a text, not a listing's teasers.
MORE_LINK = re.compile(r"^\W*(?:xem thêm|đọc thêm|xem tiếp|đọc tiếp|read more|see also)",
                       re.IGNORECASE)
# A sentence ends the line, or one ends inside it.
SENTENCE = re.compile(r"[.!?…:;,\"”’)»]\s*$|[.!?…]\s+\S")
# "Tác giả: Lê Minh Tuấn" inside a line of metadata, up to the next separator.
LABELLED_AUTHOR = re.compile(
    r"(?:^|[|•·]\s*)(?:về tác giả|tác giả|người viết|phóng viên|bài và ảnh|bài, ảnh|bài - ảnh"
    r"|tin và ảnh|tin, ảnh|bài|tin|author|written by|about the author)\s*[:：]\s*"
    r"([^|•·\n]+?)\s*(?:[|•·]|\s[-–]\s*(?=\d)|$)", re.IGNORECASE)
ARTICLE_ITEMTYPE = re.compile(r"schema\.org/(?:News|Blog|Reportage|Analysis)?"
                              r"(?:Article|Posting)$", re.IGNORECASE)

MIN_BODY_CHARS = 150
# An element named as the lead (div.chapeau) holding less prose than this is the lead, never
# the body, even when the body's container weighs less for the boxes beside the text.
LEAD_MAX_CHARS = 600
# <br>s are lifted out of at most this many nested inline elements (paragraphize).
MAX_INLINE_DEPTH = 12
# A container whose class says "body" must hold this share of the best-weighed element's
# prose to be taken instead of it.
BODY_SELECTOR_SHARE = 0.6
# Chrome classes mark chrome only on elements holding less of the page's prose than this.
NOISE_MAX_SHARE = 0.5
# A listing: this many one-link lines between its paragraphs, per paragraph.
MIN_TEASERS = 3
TEASERS_PER_PARAGRAPH = 0.6


# --- selectors over the page's index ----------------------------------------------------

_PART = re.compile(r"^([\w:]+)?(?:\.([\w-]+)|\*([\w-]+))?$")


@dataclass(frozen=True)
class Selector:
    """One of the selector strings above, compiled: class lookups go to the page's index,
    attribute selectors to cssselect."""

    parts: tuple = ()
    xpath: object = None

    @classmethod
    def of(cls, spec: str) -> Selector:
        pieces = spec.split()
        parsed = [_PART.match(p) for p in pieces]
        if "[" in spec or len(pieces) > 2 or not all(parsed):
            return cls(xpath=css(spec))
        return cls(parts=tuple(m.groups() for m in parsed))


def _compile(specs) -> tuple[Selector, ...]:
    return tuple(Selector.of(s) for s in specs)


BODY_SEL, TITLE_SEL, AUTHOR_SEL, SOURCE_SEL, DATE_SEL, BREADCRUMB_SEL, TAGS_SEL = map(
    _compile, (BODY, TITLE, AUTHOR, SOURCE, DATE, BREADCRUMB, TAGS))
STRUCTURED_DATE_SEL = tuple(css(s) for s in STRUCTURED_DATE)
H1_SEL = Selector.of("h1")


def _part_matches(el, part) -> bool:
    tag, cls, sub = part
    if tag and el.tag != tag:
        return False
    if cls:
        return cls in (el.get("class") or "").split()
    if sub:
        return sub in (el.get("class") or "")
    return True


# --- the page, weighed and indexed ------------------------------------------------------

class Page:
    """One walk over the page: each visible line is credited to the block it sits in, as
    prose (its unlinked characters) or chrome (all of them), and totals flow up to every
    ancestor; elements are numbered in document order with the end of their subtree, and
    indexed by class.  Hidden elements and scripts are not walked: they are not there."""

    def __init__(self, doc):
        self.doc = doc
        body = doc.find("body")
        self.root = body if body is not None else doc
        self.order: dict = {}
        self.end: dict = {}
        self.good: dict = {}
        self.bad: dict = {}
        self.by_class: dict[str, list] = {}
        self._texts: dict = {}
        self.starts: dict = {}
        # The short lines between the title and the text (meta_lines).
        self.head_lines: list[str] = []
        self._weigh()
        self.elements = sorted(self.order, key=self.order.get)
        self._totals()
        self.noise = self._chrome()
        self._noisy = [False] * len(self.order)
        # Chrome inside an element that is named as chrome (a "Tin khác" box under a short
        # story) is cut from the body anyway: it does not count against its container.
        self.boxed: dict = {}
        for el in self.noise:
            for i in range(self.order[el], self.end[el] + 1):
                self._noisy[i] = True
            node, weight = el.getparent(), self.bad.get(el, 0)
            while weight and node is not None and node in self.order:
                self.boxed[node] = self.boxed.get(node, 0) + weight
                node = node.getparent()

    def _weigh(self) -> None:
        # One tight loop (this walk is most of the module's time): the open elements on a
        # stack, the current line's pieces and how many of its characters are links.
        root, order, end, good, bad, by_class = (self.root, self.order, self.end, self.good,
                                                 self.bad, self.by_class)
        stack: list = []
        parts: list[str] = []
        links = depth = 0
        owner = root

        def flush(owner, links):
            text = " ".join("".join(parts).split())
            parts.clear()
            if text:
                if _is_prose(text, links):
                    good[owner] = good.get(owner, 0) + len(text) - links
                    bad[owner] = bad.get(owner, 0) + links
                else:
                    bad[owner] = bad.get(owner, 0) + len(text)

        walker = etree.iterwalk(root, events=("start", "end"))
        for event, node in walker:
            tag = node.tag
            if event == "start":
                if not isinstance(tag, str):
                    continue
                order[node] = len(order)
                if tag in SKIP_TAGS or (node.attrib and _hidden(node)):
                    walker.skip_subtree()
                    stack.append((False, False))
                    continue
                classes = node.get("class")
                if classes:
                    for token in classes.split():
                        by_class.setdefault(token, []).append(node)
                block = tag in BLOCKS or node is root
                if block or tag == "br":
                    if parts:
                        flush(owner, links)
                    links = 0
                if block:
                    owner = node
                    stack.append((True, False))
                elif tag == "a":
                    depth += 1
                    stack.append((False, True))
                else:
                    stack.append((False, False))
                text = node.text
            else:
                if isinstance(tag, str):
                    block, counted = stack.pop()
                    end[node] = len(order) - 1
                    if counted:
                        depth -= 1
                    if block:
                        if parts:
                            flush(owner, links)
                        links = 0
                        # The text after a block's end belongs to the block around it.
                        owner = node.getparent() if node is not root else root
                        while owner is not root and owner is not None and owner.tag not in BLOCKS:
                            owner = owner.getparent()
                        owner = root if owner is None else owner
                text = node.tail
            if text:
                parts.append(text)
                if depth:
                    links += len(text.strip())
        if parts:
            flush(owner, links)

    def _totals(self) -> None:
        good, bad, order = self.good, self.bad, self.order
        for el in reversed(self.elements):
            parent = el.getparent()
            if parent is not None and parent in order:
                good[parent] = good.get(parent, 0) + good.get(el, 0)
                bad[parent] = bad.get(parent, 0) + bad.get(el, 0)

    def _chrome(self) -> set:
        """The outermost chrome elements; their prose is re-counted as chrome upwards."""
        total = max(self.good.get(self.root, 0), 1)
        noise: set = set()
        covered = -1
        for el in self.elements:
            i = self.order[el]
            if i <= covered:
                continue
            named = (el.tag in NOISE_ELEMENTS or (el.get("role") or "") in NOISE_ROLES or (
                el.tag not in ("body", "html") and bool(NOISE_ATTR.search(_attr_text(el)))))
            if named and self.good.get(el, 0) < NOISE_MAX_SHARE * total:
                noise.add(el)
                covered = self.end[el]
        for el in noise:
            moved = self.good.get(el, 0)
            node = el
            while moved and node is not None and node in self.order:
                self.good[node] = self.good.get(node, 0) - moved
                self.bad[node] = self.bad.get(node, 0) + moved
                node = node.getparent()
        return noise

    # -- queries --

    def seen(self, el) -> bool:
        return el in self.order

    def in_noise(self, el) -> bool:
        i = self.order.get(el)
        return i is None or self._noisy[i]

    def within(self, el, scope) -> bool:
        if scope is self.doc or scope is self.root or scope.tag == "html":
            return el in self.order
        i, lo = self.order.get(el), self.order.get(scope)
        return i is not None and lo is not None and lo <= i <= self.end[scope]

    def text(self, el) -> str:
        value = self._texts.get(el)
        if value is None:
            value = self._texts[el] = text_of(el)
        return value

    def score(self, el, boxed: bool = False) -> int:
        """Prose less chrome; ``boxed``: not counting the chrome of boxes named so."""
        extra = self.boxed.get(el, 0) if boxed else 0
        return self.good.get(el, 0) - self.bad.get(el, 0) + extra

    def select(self, scope, selector: Selector) -> list:
        """The visible elements inside ``scope`` that match, in document order."""
        if selector.xpath is not None:
            return [el for el in selector.xpath(scope) if el in self.order]
        first, *rest = selector.parts
        tag, cls, sub = first
        if cls:
            found = self.by_class.get(cls, [])
        elif sub:
            found = [el for token, els in self.by_class.items() if sub in token for el in els]
        else:
            found = list(scope.iter(tag))
        found = [el for el in found if self.within(el, scope) and _part_matches(el, first)]
        if rest:
            deeper = []
            for el in found:
                deeper += [d for d in el.iter() if d is not el and isinstance(d.tag, str)
                           and _part_matches(d, rest[0]) and d in self.order]
            found = deeper
        return sorted(set(found), key=self.order.get)

    def select_all(self, scope, selectors) -> list:
        """Matches of each selector in turn, once each."""
        out, seen = [], set()
        for sel in selectors:
            for el in self.select(scope, sel):
                if el not in seen:
                    seen.add(el)
                    out.append(el)
        return out


def _attr_text(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _hidden(el) -> bool:
    style = el.get("style")
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or (style is not None and "display:none" in style.replace(" ", "").lower())
            or bool(HIDDEN_ATTR.search(el.get("class") or "")))


def _is_prose(text: str, link_chars: int) -> bool:
    """A line of running text: mostly not links, and a sentence (or very long).  Titles,
    menus and addresses run to 60-100 characters too, but do not end as sentences."""
    plain = len(text) - link_chars
    if link_chars * 2 >= len(text):
        return False
    return plain >= 150 or (plain >= 25 and bool(SENTENCE.search(text)))


def _link_chars(el) -> int:
    return sum(len(text_of(a)) for a in el.iter("a"))


def _is_leaf(el) -> bool:
    return el.tag in BLOCKS and not any(isinstance(c.tag, str) and c.tag in BLOCKS for c in el)


def _inside(el, container) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def _best_container(page: Page, boxed: bool):
    best, best_score = None, 0
    for el in page.elements:
        if el.tag not in CONTAINERS or page.in_noise(el):
            continue
        if _lead_named(el) and page.good.get(el, 0) < LEAD_MAX_CHARS:
            continue
        score = page.score(el, boxed)
        if score > 0 and score >= best_score:  # ties: the inner element
            best, best_score = el, score
    return best


def body_element(page: Page):
    """The element whose prose outweighs its chrome the most; a known body container
    instead when it holds most of that prose (it leaves the title and the lead out)."""
    best = _best_container(page, boxed=False)
    if best is None:
        # A short story whose container also holds a long box of other news ("Tin khác"):
        # weighed without the boxes named as such.
        best = _best_container(page, boxed=True)
    if best is None:
        return None
    floor = BODY_SELECTOR_SHARE * page.good.get(best, 0)
    picks = [el for el in page.select_all(page.root, BODY_SEL) if not page.in_noise(el)]
    if picks:
        pick = max(picks, key=lambda el: page.good.get(el, 0))
        if page.good.get(pick, 0) >= floor and page.score(pick) > 0:
            return pick
    return best


def first_prose(page: Page, body_el) -> int:
    """Where the body's text starts: its first paragraph of prose (or the first run of
    prose written straight into a <td> or a <font>)."""
    if body_el not in page.starts:
        page.starts[body_el] = _first_prose(page, body_el)
    return page.starts[body_el]


def _own_prose(el) -> bool:
    """Prose written straight into a block beside its child blocks (<div>text<br><br>text
    <div align=right>byline</div></div>), not only inside them."""
    own = " ".join(t for t in (el.text, *(c.tail for c in el)) if t and t.strip())
    return _is_prose(" ".join(own.split()), 0)


def _first_prose(page: Page, body_el) -> int:
    for el in body_el.iter():
        if not isinstance(el.tag, str) or el not in page.order:
            continue
        if el.tag in BLOCKS and page.good.get(el, 0) and _is_leaf(el):
            return page.order[el]
        parent = el.getparent()
        if el.tag in INLINE and parent is not None and parent.tag not in INLINE and _is_prose(
                page.text(el), _link_chars(el)):
            return page.order[el]
    # No paragraph of its own: the first block that holds prose written straight into it.
    for el in body_el.iter(*BLOCKS):
        if el in page.order and page.good.get(el, 0) and el is not body_el and _own_prose(el):
            return page.order[el]
    return page.order.get(body_el, 0) + 1


# --- structured data --------------------------------------------------------------------

def metas(doc) -> dict[str, str]:
    """<meta> contents by property, name or itemprop, lowercased ("DESCRIPTION" in DNN)."""
    out: dict[str, str] = {}
    for el in doc.iter("meta"):
        value = clean_text(el.get("content"))
        if not value:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if key and key not in out:
                out[key] = value
    return out


def meta(meta_map: dict, *names: str) -> str | None:
    return next((meta_map[n] for n in names if meta_map.get(n)), None)


def declared_article(doc, ld, meta_map) -> bool:
    """The page says it is one article: JSON-LD, og:type, or a single article itemscope
    (a category page's items are each an itemscope of their own)."""
    if ld or (meta(meta_map, "og:type") or "").lower() == "article":
        return True
    scopes = [el for el in doc.xpath("//*[@itemtype]")
              if ARTICLE_ITEMTYPE.search(el.get("itemtype") or "")]
    return len(scopes) == 1


def site_names(doc, url: str, ld) -> base.SiteNames:
    """The site's own names (og:site_name, JSON-LD's publisher, <title>'s last part, the
    host's name): never an author."""
    return base.site_names(doc, url, ld)


# --- title ------------------------------------------------------------------------------

def _title_parts(text: str) -> list[str]:
    """<title> split at the separators that join an article title and a site name."""
    return [p.strip() for p in re.split(r"\s+[-|–—:»]\s+|\s*::\s*|\s\|\s|:\s", text)
            if p.strip()]


def _lead_named(el) -> bool:
    """Named as the lead (h2.sapo, h2.chapeau): set as a headline, but never the title."""
    return bool(base.SAPO_ATTR.search(_attr_text(el)))


def _site_heading(el) -> bool:
    return any(SITE_ATTR.search(_attr_text(a)) for a in (el, *el.iterancestors())
               if a.tag not in ("body", "html"))


def _headline_like(page: Page, el) -> bool:
    """Set as a headline: a heading, a title class, or bold large type."""
    if el.tag in ("h1", "h2", "h3", "h4"):
        return True
    if re.search(r"title|tieu-?de|head", _attr_text(el), re.IGNORECASE):
        return True
    sizes = el.xpath("ancestor-or-self::font[@size][1]/@size | .//font[@size]/@size")
    big = any(s.strip().lstrip("+").isdigit() and int(s.strip().lstrip("+")) >= 3
              for s in sizes)
    return big and base.is_all_bold(el)


def title(page: Page, ld, meta_map, body_el) -> tuple[str, object, str]:
    """(title, its element, where it came from).  A visible headline that JSON-LD, og:title
    or <title> names; else the structured title; else the headline set right above the
    body (pages whose <title> is the site's name on every page); else <title>."""
    doc = page.doc
    structured = [clean_text(ld.get("headline") or "") if ld else "",
                  meta(meta_map, "og:title", "twitter:title", "title") or ""]
    structured = [s for s in structured if s]
    title_el = doc.find(".//title")
    page_title = text_of(title_el) if title_el is not None else ""
    headlines = [el for el in page.select_all(page.root, TITLE_SEL)
                 if not page.in_noise(el) and 5 <= len(page.text(el)) <= 300
                 and not _site_heading(el) and not _lead_named(el)]
    headlines.sort(key=page.order.get)
    for s in structured:
        for el in headlines:
            if page.text(el) == s:
                return s, el, "layout"
    parts = _title_parts(page_title) if page_title else []
    named = [el for el in headlines if page.text(el) == page_title or page.text(el) in parts]
    if named:
        el = max(named, key=lambda e: len(page.text(e)))
        return page.text(el), el, "layout"
    if structured:
        for el in headlines:
            if fold(page.text(el)) == fold(structured[0]):
                return page.text(el), el, "layout"
        return structured[0], None, "jsonld" if ld and ld.get("headline") else "meta"
    above = _headline_above(page, body_el, headlines)
    if above is not None:
        return page.text(above), above, "above"
    longest = max(parts, key=len) if parts else page_title
    line = _line_above(page, body_el)
    if line is not None and (len(longest) < 30 or fold(page.text(line)) in fold(page_title)):
        # <title> names only the site ("Xã Nghi Thái - Trang thông tin điện tử"): the
        # line set above the text is the title, bold by a stylesheet we do not read.
        return page.text(line), line, "above"
    return longest, None, "title"


def _line_above(page: Page, body_el):
    """The last plain line before the body's first prose line: no date, label or link."""
    start = first_prose(page, body_el)
    scope = body_el.getparent() if body_el.getparent() is not None else body_el
    best = None
    for el in scope.iter():
        if not isinstance(el.tag, str) or el not in page.order:
            continue
        if page.order[el] >= start:
            break
        if not (_is_leaf(el) or (el.tag in INLINE and el.getparent().tag not in INLINE)):
            continue
        text = page.text(el)
        if (15 <= len(text) <= 250 and not page.in_noise(el) and not is_date_line(text)
                and not META_LINE.match(text) and not _is_box_label(text)
                and _link_chars(el) * 2 < len(text) and not _inside(body_el, el)):
            best = el
    return best


def _headline_above(page: Page, body_el, headlines):
    """The last headline-like element before the body's first prose line."""
    start = first_prose(page, body_el)
    scope = body_el.getparent() if body_el.getparent() is not None else body_el
    pool = [*headlines, *(el for el in scope.iter() if isinstance(el.tag, str))]
    candidates = [el for el in pool if el in page.order and page.order[el] < start
                  and not page.in_noise(el)
                  and 5 <= len(page.text(el)) <= 250 and not _is_box_label(page.text(el))
                  and not is_date_line(page.text(el)) and _headline_like(page, el)
                  and not _lead_named(el)]
    return max(candidates, key=page.order.get) if candidates else None


def article_region(title_el, body_el):
    """The smallest element holding both the title and the body: where this article's
    date, byline and lead are, and not those of the side boxes."""
    if title_el is None:
        parent = body_el.getparent()
        return parent if parent is not None else body_el
    # The elements themselves, not their id()s: lxml makes a new proxy (and id) for a
    # node each time nothing holds the last one.
    ancestors = [body_el, *body_el.iterancestors()]
    for anc in (title_el, *title_el.iterancestors()):
        if any(anc is a for a in ancestors):
            return anc
    return body_el


# --- date -------------------------------------------------------------------------------

def date_of(text: str | None) -> str | None:
    return (parse_date(text) or english_date(text)) if text else None


def is_date_line(text: str) -> bool:
    """A line that is a date, perhaps with its label: little is left once it is out."""
    if not text or len(text) > 120 or not date_of(text):
        return False
    rest = ENGLISH_DATE.sub(" ", text.lower())
    rest = _MONTH_WORD.sub(" ", DATE_WORDS.sub(" ", rest))
    rest = re.sub(r"[\d\s/.,:|()\-–—+]+", "", rest)
    return len(rest) <= max(6, len(text) // 5)


def structured_date(page: Page, ld, meta_map) -> str | None:
    values = [ld.get("datePublished") if ld else None, meta(meta_map, *DATE_META)]
    for sel in STRUCTURED_DATE_SEL:
        for el in sel(page.doc):
            values.append(el.get("content") or el.get("datetime") or el.get("title"))
    first_day = None
    for value in values:
        parsed = parse_date(str(value)) if value else None
        if parsed and "T" in parsed:
            return parsed
        first_day = first_day or parsed
    return first_day


def published_at(page: Page, ld, meta_map, region, title_el, body_el, sources) -> str | None:
    """Structured data first; then, inside the article, a date box, then a date line
    after the title, before it, or just after the body.  A bare day yields to the same
    day with its time."""
    structured = structured_date(page, ld, meta_map)
    visible = None if structured and "T" in structured else visible_date(
        page, region, title_el, body_el)
    value, source = base.best_date((structured, "structured"), (visible, "layout"))
    if value:
        sources["published_at"] = source
    return value


def visible_date(page: Page, region, title_el, body_el) -> str | None:
    start = page.order.get(title_el, page.order.get(region, 0))
    body_start = first_prose(page, body_el)
    for el in page.select_all(region, DATE_SEL):
        if page.in_noise(el) or (page.order[el] >= body_start and page.within(el, body_el)):
            continue
        machine = el.get("datetime") or el.get("title") if el.tag in ("time", "abbr") else None
        value = date_of(machine) if machine else None
        if value is None and is_date_line(page.text(el)):
            value = date_of(page.text(el))
        if value:
            return value
    lines = [el for el in region.iter() if isinstance(el.tag, str) and not page.in_noise(el)
             and (el.tag in BLOCKS or el.tag in INLINE)]
    after_title = [el for el in lines if start <= page.order[el] < body_start]
    before_title = [el for el in reversed(lines) if page.order[el] < start][:6]
    after_body = [el for el in lines if page.order[el] > body_start
                  and not page.within(el, body_el)][:6]
    # The signature under the text, when it carries the date ("Nguyên Minh - 07/03/2026").
    signature = [el for el in reversed(list(body_el.iter())) if isinstance(el.tag, str)
                 and el in page.order and page.order[el] > body_start and _is_leaf(el)
                 and page.text(el)][:3]
    for group in (after_title, before_title, after_body, signature):
        for el in group:
            # Line by line: "FOR IMMEDIATE RELEASE<br>June 3, 2024" is one paragraph.
            for text in (base.block_lines(el) if _is_leaf(el) else [page.text(el)]):
                if group is not signature and (
                        is_date_line(text) or (META_LINE.match(text) and len(text) <= 120)):
                    value = date_of(text)
                    if value:
                        return value
                value = signed_date(text)
                if value:
                    return value
    return None


def signed_date(text: str) -> str | None:
    """The date of a line that prints it beside a byline or a credit ("Nguyên Minh -
    07/03/2026 08:47", "Theo Báo Nghệ An | 07/03/2026"): some sites print it nowhere
    else."""
    dated = base.byline_date(text)
    if dated and (base.names_people(dated[0]) or base.credit_of(dated[0])
                  or base.is_org(dated[0])):
        return dated[1]
    return None


# --- lead -------------------------------------------------------------------------------

def lead_by_class(page: Page, region, title_el, body_el):
    """An element named as the lead (sapo, summary, lead...), one paragraph long, after
    the title and before or first in the body.  Without a title element (the visible
    headline differs from og:title) the article's region is only the body's parent, and
    the lead may sit higher up, beside the headline: the nearest one before the body is
    looked for there."""
    start = page.order.get(title_el, 0)
    body_start = first_prose(page, body_el)
    found = _leads(page, region, start, body_start, first_only=True)
    if found or title_el is not None:
        return found[0] if found else None
    scope = region
    for _ in range(3):
        scope = scope.getparent()
        if scope is None or scope.tag in ("body", "html"):
            break
        found = _leads(page, scope, start, body_start)
        if found:
            return found[-1]
    return None


def _leads(page: Page, scope, start: int, body_start: int, first_only: bool = False) -> list:
    out = []
    for el in scope.iter():
        if not isinstance(el.tag, str) or el not in page.order:
            continue
        if not start <= page.order[el] <= body_start:
            continue
        if not LEAD_ATTR.search(_attr_text(el)) or page.in_noise(el) or _site_heading(el):
            continue
        if 40 <= len(page.text(el)) <= 800 and len(base.block_lines(el)) == 1:
            out.append(el)
            if first_only:
                break
    return out


def described(ld, meta_map) -> str:
    """The page's own summary, without the ellipsis a truncated one ends with."""
    value = clean_text((ld.get("description") if ld else "") or "") or meta(
        meta_map, "og:description", "description", "twitter:description") or ""
    return re.sub(r"\s*(?:\.\.\.|…|\[…\])$", "", value)


def lead_by_description(page: Page, region, body_el, summary: str, title_text: str):
    """A visible paragraph outside the body that the page's description repeats (not a
    heading: some sites' description is their title)."""
    if len(summary) < 40 or summary == title_text:
        return None
    for el in region.iter(*(BLOCKS - HEADINGS)):
        if el not in page.order or page.within(el, body_el) or page.in_noise(el):
            continue
        text = page.text(el)
        if text.startswith(summary) and len(text) <= 800 and _is_leaf(el):
            return el
    return None


def _text_leaves(body, limit: int) -> list:
    """The first leaves of text, past pictures and their captions."""
    out = []
    for el in _leaves(body):
        if text_of(el) and not _pictured(el):
            out.append(el)
            if len(out) >= limit:
                break
    return out


def bold_lead(body):
    """The first paragraph set wholly in bold and followed by more text: the lead, as
    Vietnamese papers set it when they have no field for it."""
    leaves = _text_leaves(body, 2)
    if len(leaves) < 2:
        return None
    el = leaves[0]
    text = text_of(el)
    if el.tag in HEADINGS or len(text) < 60 or not SENTENCE.search(text):
        return None
    return el if base.is_all_bold(el) else None


def italic_lead(body, summary: str):
    """A first paragraph in italics that the page's description repeats."""
    leaves = _text_leaves(body, 2)
    if len(leaves) < 2 or len(summary) < 40:
        return None
    el = leaves[0]
    return el if base.is_all_italic(el) and text_of(el).startswith(summary) else None


# --- byline, credit, category, tags -----------------------------------------------------

def clean_author(text: str | None, names: base.SiteNames | None = None) -> str | None:
    """A byline as printed, without its labels, date and photographer, several writers
    joined with ", "; None for an account, an organisation or the site's own name."""
    return base.clean_author(text, names)


def _jsonld_authors(ld, names, well_formed: bool) -> str | None:
    """The people JSON-LD names as the article's authors.  ``well_formed``: only when
    written as schema.org asks (an object, or a list of objects, with names); else only
    when not (a bare string, a list mixing strings and objects): such a template is
    trusted less than the byline the page prints, and asked after it."""
    value = ld.get("author") if ld else None
    formed = isinstance(value, dict) or (isinstance(value, list) and bool(value)
                                         and all(isinstance(x, dict) for x in value))
    if value is None or formed != well_formed:
        return None
    writers = []
    for person in base.jsonld_people(value):
        if not person.organisation:
            writers.extend((clean_author(person.name, names) or "").split(", "))
    return base.join_authors(w for w in writers if w)


def _someone_elses(el) -> bool:
    return any(anc.tag in ("aside", "nav") or OTHERS_ATTR.search(_attr_text(anc))
               for anc in (el, *el.iterancestors()) if anc.tag not in ("body", "html"))


def author(page: Page, ld, meta_map, region, names: base.SiteNames, meta_lines: list[str],
           sources) -> str | None:
    """JSON-LD's people, then the article's byline elements (all the writers they name,
    each once), then a "Tác giả:" or a byline printed beside the date in the lines around
    the title; never an account ("admin"), an organisation or the site's own name.  The
    byline under the body comes next, then late_author."""
    name = _jsonld_authors(ld, names, well_formed=True)
    if name:
        sources["author"] = "jsonld"
        return name
    for sel in AUTHOR_SEL:
        # Anchored on the first that names someone: an "admin" box may come first.
        found = base.bylines_together([el for el in page.select(region, sel)
                                       if not _someone_elses(el)
                                       and clean_author(page.text(el), names)])
        name = base.join_authors(w for el in found
                                 for w in clean_author(page.text(el), names).split(", "))
        if name:
            sources["author"] = "layout"
            return name
    for text in meta_lines:
        match = LABELLED_AUTHOR.search(text)
        name = clean_author(match.group(1), names) if match else None
        if name:
            sources["author"] = "layout"
            return name
    for text in meta_lines:
        dated = base.byline_date(text)
        if dated and base.names_people(dated[0]):
            name = clean_author(dated[0], names)
            if name:
                sources["author"] = "layout"
                return name
    return None


def late_author(ld, meta_map, names: base.SiteNames, sources) -> str | None:
    """When neither the head of the article nor its end prints a byline: JSON-LD's author
    written as a bare string, then <meta name="author"> (which many sites fill with their
    own name: never taken then)."""
    name = _jsonld_authors(ld, names, well_formed=False)
    if name:
        sources["author"] = "jsonld"
        return name
    name = clean_author(meta(meta_map, "author", "article:author", "dc.creator"), names)
    if name:
        sources["author"] = "meta"
        return name
    return None


def _line_of_its_own(el) -> bool:
    """An inline element set straight in a block, as a line of its own (<span
    class="date">Hồ Phương - 30/06/2024</span> between the title and the text)."""
    parent = el.getparent()
    return (el.tag in INLINE and el.tag != "a" and parent is not None
            and parent.tag not in INLINE and not any(
                isinstance(c.tag, str) and c.tag in BLOCKS for c in el.iter()))


def meta_lines(page: Page, region, title_el, body_el) -> list[str]:
    """The short lines between the title and the body ("Đăng ngày: ... | Tác giả: ..."),
    then those just after the body ("Về tác giả: ..." in an author box)."""
    start = page.order.get(title_el, page.order.get(region, 0))
    body_start = first_prose(page, body_el)
    body_end = page.end.get(body_el, body_start)
    before, after = [], []
    for el in region.iter():
        if not isinstance(el.tag, str) or el not in page.order or not (
                _is_leaf(el) or _line_of_its_own(el)):
            continue
        i = page.order[el]
        if start < i < body_start and not page.in_noise(el) and len(page.text(el)) <= 200:
            before.append(page.text(el))
        elif i > body_end and len(after) < 12 and len(page.text(el)) <= 80 \
                and not _someone_elses(el):
            after.append(page.text(el))
    page.head_lines = before
    return before + after


def source_field(page: Page, region) -> str | None:
    """A credit printed in a field of its own ("Nguồn: Báo Nghệ An"), or beside the date
    under the title ("Theo Báo Nghệ An - 07/03/2026 08:47")."""
    for el in page.select_all(region, SOURCE_SEL):
        text = re.sub(r"^\s*nguồn(?:\s+tin)?\s*[:：]?\s*", "", page.text(el), flags=re.I)
        if text:
            return text
    for line in page.head_lines:
        dated = base.byline_date(line)
        credit = base.credit_of(dated[0]) if dated else None
        if credit:
            return credit
    return None


def category(page: Page, title_text: str) -> str | None:
    """The last breadcrumb item that is neither home nor the title: class-named trails
    first, then JSON-LD's, then a run of links after "Trang chủ" joined by » > / ›, then
    a JSON-LD list written wrong."""
    for sel in BREADCRUMB_SEL:
        name = base.breadcrumb_category([el.text_content() for el in page.select(page.root, sel)],
                                        title_text)
        if name:
            return name
    name = base.breadcrumb_category(base.jsonld_breadcrumb(page.doc, well_formed=True), title_text)
    if name:
        return name
    name = _trail_category(page, title_text)
    if name:
        return name
    # A template's list written wrong (lists in lists, positions as text) still names the
    # category when the page shows no trail.
    return base.breadcrumb_category(base.jsonld_breadcrumb(page.doc, well_formed=False),
                                    title_text)


def _trail_category(page: Page, title_text: str) -> str | None:
    for a in page.root.iter("a"):
        label = (a.text or "").strip()
        if not label or len(label) > 12 or fold(label) not in base.HOME_LABELS or a not in page.order:
            continue
        trail = a.getparent()
        for _ in range(3):
            if trail is None or trail.tag in INLINE - {"span"}:
                break
            links = trail.findall(".//a")
            text = page.text(trail)
            if 2 <= len(links) <= 5 and len(text) <= 150 and re.search(r"[»›>/]", text) \
                    and "|" not in text:
                return base.breadcrumb_category([text_of(x) for x in links], title_text)
            if len(links) > 5:
                break
            trail = trail.getparent()
    return None


def tags(page: Page, region) -> list[str]:
    for scope in (region, page.root):
        for sel in TAGS_SEL:
            found = [t for t in dict.fromkeys(page.text(a) for a in page.select(scope, sel)) if t]
            found = [t for t in found if fold(t).rstrip(": ") not in ("tags", "tag", "nhan",
                                                                    "tu khoa")]
            if found:
                return found
    return [clean_text(x) for x in dict.fromkeys(
        el.get("content") for el in page.doc.xpath('//meta[@property="article:tag"]')) if x]


# --- cleaning the body ------------------------------------------------------------------

def _is_box_label(text: str) -> bool:
    key = fold(text).strip(" :»>-–|.()[]").strip()
    return key in BOX_LABELS or bool(re.match(r"^\d+\s+(?:binh luan|nhan xet|comments?)\b", key))


def _has_file_link(el) -> bool:
    return any(base.is_file_link(a.get("href")) for a in el.iter("a")) or bool(
        el.xpath(".//iframe[contains(@src,'file=')] | .//embed | .//object"))


def _leaves(root, text=text_of) -> list:
    """The blocks with no block inside that show text or an image, in document order."""
    return [el for el in root.iter() if isinstance(el.tag, str) and _is_leaf(el)
            and (text(el) or el.find(".//img") is not None)]


def _has_inline_br_at(el, br) -> bool:
    """``br`` breaks the text of ``el`` itself (only inline elements between them)."""
    node = br.getparent()
    while node is not None and node is not el and node.tag in INLINE:
        node = node.getparent()
    return node is el


def _inline_depth(el, br) -> int:
    """How many inline elements stand between ``br`` and ``el`` (a large number when a
    block does)."""
    depth, node = 0, br.getparent()
    while node is not None and node is not el:
        if node.tag not in INLINE:
            return 1 << 30
        depth += 1
        node = node.getparent()
    return depth if node is el else 1 << 30


def _has_inline_br(el) -> bool:
    return any(_has_inline_br_at(el, br) for br in el.iter("br"))


_BR = object()


def _append_text(el, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _lift_br(container, br) -> None:
    """Move a <br> out of the inline elements around it up to ``container``, splitting
    each of them in two there (by a loop, not recursion: pages nest spans deeply)."""
    while br.getparent() is not container:
        parent = br.getparent()
        grand = parent.getparent()
        rest = parent.makeelement(parent.tag, dict(parent.attrib))
        rest.text, br.tail = br.tail, None
        for sibling in list(br.itersiblings()):
            rest.append(sibling)
        parent.remove(br)
        at = grand.index(parent)
        grand.insert(at + 1, br)
        grand.insert(at + 2, rest)
        rest.tail, parent.tail = parent.tail, None


def _close_run(el, run: list) -> None:
    """The run of loose text and inline elements as a new <p> at the end of ``el``."""
    visible = any(isinstance(x, str) and x.strip() for x in run) or any(
        not isinstance(x, str) and (x.tag == "img" or text_of(x) or x.find(".//img") is not None)
        for x in run)
    if visible:
        p = el.makeelement("p", {})
        for x in run:
            if isinstance(x, str):
                _append_text(p, x)
            else:
                p.append(x)
        el.append(p)
    run.clear()


def paragraphize(root) -> None:
    """Each run of loose text between <br>s or blocks becomes a <p> of its own: old editors
    wrote paragraphs as "text<br><br>text" inside a <td> or a <font>, and a mixed <div>
    holds text beside its blocks.  Then every paragraph is an element to keep or drop."""
    for el in reversed(list(root.iter(*(CONTAINERS - INLINE)))):
        blocks = [c for c in el if isinstance(c.tag, str) and c.tag in BLOCKS]
        loose = (el.text or "").strip() or any((c.tail or "").strip() for c in el) or any(
            isinstance(c.tag, str) and c.tag in INLINE for c in el)
        if not (_has_inline_br(el) or (blocks and loose)):
            continue
        # Last first, so that each split moves only the text up to the next <br>; and
        # only through a few inline levels (<font><b><span>): deeper is a broken page.
        for br in reversed([b for b in el.iter("br") if b.getparent() is not el]):
            if _inline_depth(el, br) <= MAX_INLINE_DEPTH:
                _lift_br(el, br)
        items: list = [el.text] if el.text else []
        el.text = None
        for child in list(el):
            tail, child.tail = child.tail, None
            el.remove(child)
            if isinstance(child.tag, str) and child.tag == "br":
                items.append(_BR)
            elif isinstance(child.tag, str):
                items.append(child)
            if tail:
                items.append(tail)
        run: list = []
        for item in items:
            if item is _BR:
                _close_run(el, run)
            elif not isinstance(item, str) and item.tag in BLOCKS:
                _close_run(el, run)
                el.append(item)
            else:
                run.append(item)
        _close_run(el, run)


def _pictured(el) -> bool:
    """An image, or the caption of one (kept for extract_body, which pairs them)."""
    return el.find(".//img") is not None or el.tag == "figcaption" or any(
        a.tag == "figure" for a in el.iterancestors())


def _drop(el) -> None:
    if el is not None and el.getparent() is not None:
        el.drop_tree()


@dataclass
class Cleaned:
    body: object
    # Lines that are one link each, between the first and the last paragraph of prose, and
    # the paragraphs: a listing's teasers, not an article's text.
    teaser_links: int = 0
    prose: int = 0


def clean_body(page: Page, body_el, *, title_text, title_el, lead_el, lead_text,
               author_text) -> Cleaned:
    """A copy of the body without chrome, title, lead, date lines, tool lines, inline
    "Xem thêm" links and the boxes that follow the text; loose text made paragraphs."""
    originals = list(body_el.iter())
    body = copy.deepcopy(body_el)
    body.tail = None
    mapping = dict(zip(map(id, originals), body.iter()))
    title_copy = mapping.get(id(title_el)) if title_el is not None else None
    lead_copy = mapping.get(id(lead_el)) if lead_el is not None else None
    for el in originals:
        if el is not body_el and isinstance(el.tag, str) and (
                el in page.noise or el.tag in DROPPED_TAGS or (el.attrib and _hidden(el))):
            _drop(mapping[id(el)])
    for el in body.iter("amp-img"):
        el.tag = "img"  # AMP's <img>, so that extract_body pairs it with its caption
    paragraphize(body)
    title_inside = title_copy is not None and _inside(title_copy, body)
    if title_inside:
        # What comes before the title inside the body's element is the section's chrome
        # ("TIN TỨC - SỰ KIỆN", a breadcrumb).
        before = []
        for el in body.iter():
            if el is title_copy:
                break
            before.append(el)
        for el in before:
            if isinstance(el.tag, str) and _is_leaf(el) and not _inside(title_copy, el):
                _drop(el)
        _drop(title_copy)
    _drop(lead_copy)

    cache: dict = {}

    def text(el) -> str:
        value = cache.get(el)
        if value is None:
            value = cache[el] = text_of(el)
        return value

    keep = []
    for el in _leaves(body, text):
        text_ = text(el)
        if text_ and (text_ == title_text or (lead_text and text_ == lead_text)):
            _drop(el)
        else:
            keep.append(el)
    links = {el: _link_chars(el) for el in keep}
    prose = [i for i, el in enumerate(keep) if text(el) and _is_prose(text(el), links[el])]
    result = Cleaned(body, prose=len(prose))
    if not prose:
        return result
    first, last = prose[0], prose[-1]
    teasers = set()
    for i, el in enumerate(keep):
        line = text(el)
        if not line:
            continue
        linky = links[el] * 10 >= len(line) * 7 and not _has_file_link(el)
        if i < first:
            # Before the text: date and meta lines, tools, links, a box's label; and when
            # the title is in this element, every line between it and the text (byline,
            # kicker, reading time) but the pictures.
            if (is_date_line(line) or META_LINE.match(line) or TOOL_LINE.match(line) or linky
                    or _is_box_label(line) or (title_inside and not _pictured(el))
                    or signed_date(line)):
                _drop(el)
        elif i > last:
            # After it: a box's label ends the article; links, dates and tools go; the
            # byline and the credit stay for extract_body.
            if _is_box_label(line):
                for rest in keep[i:]:
                    _drop(rest)
                break
            if linky or is_date_line(line) or TOOL_LINE.match(line) or (
                    META_LINE.match(line) and not base.credit_of(line)
                    and not base.names_people(line)):
                _drop(el)
        elif linky or TOOL_LINE.match(line) or _is_box_label(line):
            # Inside the text: a related box's label and links, a tool line.
            if linky and len(line) >= 15 and not MORE_LINK.match(line):
                teasers.add(next((a.get("href") for a in el.iter("a") if a.get("href")), line))
            _drop(el)
    result.teaser_links = len(teasers)
    # The byline printed again as a plain last line ("Phương Thảo" under the text).
    if author_text:
        tail = [el for el in keep if el.getparent() is not None and text(el)]
        if tail and author_text in (text(tail[-1]), clean_author(text(tail[-1]))) \
                and not base.looks_like_byline(tail[-1]):
            _drop(tail[-1])
    return result


# --- is it an article -------------------------------------------------------------------

def _teaser(el) -> bool:
    """An item of a list: it holds a heading that is a link (<h2><a>, <a><h3>)."""
    return any(h.find(".//a") is not None or any(a.tag == "a" for a in h.iterancestors())
               for h in el.iter(*HEADINGS))


def in_teaser_list(body_el) -> bool:
    """The body is one of three or more like siblings that are each a teaser (a WordPress
    archive's <article>s, a category page's items): the page lists articles."""
    node = body_el
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            return False
        key = (node.tag, (node.get("class") or "").split()[:1])
        alike = [s for s in parent if isinstance(s.tag, str)
                 and (s.tag, (s.get("class") or "").split()[:1]) == key]
        if len(alike) >= MIN_TEASERS and sum(_teaser(s) for s in alike) >= MIN_TEASERS:
            return True
        node = parent
    return False


def is_listing(cleaned: Cleaned) -> bool:
    """A list of teasers: three or more lines between the paragraphs that are each one
    link to another page, nearly as many as the paragraphs ("Xem thêm" links in a text
    do not count)."""
    return (cleaned.teaser_links >= MIN_TEASERS
            and cleaned.teaser_links >= TEASERS_PER_PARAGRAPH * cleaned.prose)


# --- the record -------------------------------------------------------------------------

def parse(doc, url: str, fetched_at: str | None = None,
          evidence: dict | None = None) -> Article | None:
    """The page's article, or None.  ``evidence``, when given, is filled with what the
    page's roles are judged by (parsers.roles): how much of the page's running text the
    body holds, where the date came from, what the page declares itself."""
    url = canonical_url(url)
    page = Page(doc)
    body_el = body_element(page)
    if evidence is not None:
        evidence["page_prose"] = page.good.get(page.root, 0)
        evidence["body_prose"] = page.good.get(body_el, 0) if body_el is not None else 0
        evidence["body_el"] = body_el
    if body_el is None:
        return None
    ld = base.jsonld_article(doc)
    meta_map = metas(doc)
    sources: dict[str, str] = {"body": "weighed"}
    title_text, title_el, sources["title"] = title(page, ld, meta_map, body_el)
    if title_el is not None and _inside(body_el, title_el):
        title_el = None  # a "title" class on an element around the whole article
    region = article_region(title_el, body_el)
    names = site_names(doc, url, ld)
    byline = author(page, ld, meta_map, region, names,
                    meta_lines(page, region, title_el, body_el), sources)

    summary = described(ld, meta_map)
    lead_el = lead_by_class(page, region, title_el, body_el)
    if lead_el is None:
        lead_el = lead_by_description(page, region, body_el, summary, title_text)
    lead_text = page.text(lead_el) if lead_el is not None else None
    result = clean_body(page, body_el, title_text=title_text, title_el=title_el,
                        lead_el=lead_el, lead_text=lead_text, author_text=byline)
    if lead_text is None:
        first_para = bold_lead(result.body)
        if first_para is None:
            first_para = italic_lead(result.body, summary)
        if first_para is not None:
            lead_text = text_of(first_para)
            _drop(first_para)
    if lead_text:
        sources["summary"] = "layout"

    declared = declared_article(doc, ld, meta_map)
    if not declared and (is_listing(result) or in_teaser_list(body_el)):
        return None
    body = base.extract_body(result.body, url, find_byline=True, summary=lead_text)
    if body.author and not byline:
        byline = clean_author(body.author, names)
        if byline:
            sources["author"] = "byline-paragraph"
    if not byline:
        byline = late_author(ld, meta_map, names, sources)
    published = published_at(page, ld, meta_map, region, title_el, body_el, sources)
    if evidence is not None:
        evidence["title_how"] = sources["title"]
        evidence["title_el"] = title_el
        evidence["headings"] = [el for el in page.select(page.root, H1_SEL)
                                if not page.in_noise(el) and not _site_heading(el)
                                and page.text(el)]
        evidence["og_article"] = (meta(meta_map, "og:type") or "").lower() == "article"
        evidence["jsonld_article"] = str(ld.get("@type")) if ld else None
        evidence["date_near_title"] = bool(published) and sources.get("published_at") == "layout"
        evidence["structured_date"] = bool(published) and sources.get("published_at") == "structured"
    if not title_text or len(body.text) < MIN_BODY_CHARS:
        return None
    if not (declared or published):
        # News has a date: an undated page that does not call itself an article is an
        # "about" or a contact page, even at an article-like URL.
        return None
    return base.assemble(
        url, body, parser=f"{NAME}/{VERSION}", fetched_at=fetched_at, sources=sources,
        title=title_text,
        published_at=published,
        author=byline,
        source=body.source or source_field(page, region),
        summary=lead_text or None,
        category=category(page, title_text),
        tags=tags(page, region),
        # The body's element may hold the related box after the text (a <td> of an old
        # page): its heading is looked for everywhere.
        related=base.extract_related(
            doc, url, is_article=lambda u: base.is_article_url(u) or article_shaped(u)),
    )
