"""What a page links to: its attached files and its images' addresses, the related-news block
under an article (extract_related), an article's address told by its id (is_article_url),
the breadcrumb's category, and a listing read from its links to articles when its pages are
numbered in their URL (link_listing).
"""

from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import etree

from ..kernel.dates import parse_date
from ..kernel.record import Attachment, Link
from ..kernel.text import canonical_url, clean_text, fold
from .boxes import _FOLDED_OTHER, _FOLDED_RELATED, _label_key, inline_related_boxes, side_boxes
from .list_names import HOME_LABELS, listing_name
from .page import block_lines, chrome_names, text_of, unlinked_text, xp
from .sieve import tree_root
from .urls import PAGER_KEYS, PRINT_VIEW, asks_for_a_file, collection_path

# --- files and images -------------------------------------------------------------------

FILE_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar",
                   ".7z", ".odt", ".ods", ".rtf", ".txt", ".csv")


# A page's links as a crawl follows them: its anchors, and where a jump menu's options go
# ("<option value="?page=2">"; a relative one where the menu says "location=this.value").
PAGE_LINKS = etree.XPath(
    "//a/@href | //option[starts-with(@value, '/') or starts-with(@value, '?') or starts-with("
    "@value, 'http')]/@value | //select[contains(@onchange, 'location') or contains(@onchange,"
    " 'window.open')]/option[not(starts-with(@value, '/') or starts-with(@value, '?') or "
    "starts-with(@value, 'http'))]/@value")
# And the address a script on a box or a row goes to when clicked: "<div onclick=
# "location.href='/thong-bao/bai-950944'">", "window.open('/tin/bai-12.html')".
_ONCLICKS = etree.XPath("//@onclick[contains(., 'location') or contains(., 'window.open')]")
_ONCLICK_URL = re.compile(r"""(?:location(?:\.href)?\s*=\s*|window\.open\(\s*)['"]([^'"]+)['"]""")


def page_links(doc) -> list[str]:
    """``PAGE_LINKS`` and the literal addresses of the page's onclick scripts."""
    links = PAGE_LINKS(doc)
    for code in _ONCLICKS(doc):
        found = _ONCLICK_URL.search(code)
        if found:
            links.append(found.group(1))
    return links


# Systems that serve a file from an address with no file name at its end: DotNetNuke's
# "LinkClick.aspx?fileticket=…", Liferay's "/documents/20182/1234567/KH.pdf/8c1f…?version=1.0".
_SERVED_FILE = re.compile(r"/linkclick\.aspx$|^/documents/\d+/\d+/[^/]+/[0-9a-f-]{36}$")


# A download handler's address, which names its file by a query ("DownloadFile?id=8123",
# EasyDNN's "DocumentDownload.ashx?...&documentid=233", WebCenter's "ShowProperty?nodeId=
# /UCMServer/TAND318250"); without a query such an address is a page of downloads.
_FILE_HANDLER = re.compile(r"(?:^|/)(?:download|downloadfile|filedownload|documentdownload|getfile"
                           r"|showfile|showproperty|downloaddocument)(?:\.ashx|\.aspx|\.php)?$")


def is_file_link(href: str | None) -> bool:
    if not href:
        return False
    parts = urlsplit(href.strip())
    path = parts.path.lower()
    return path.endswith(FILE_EXTENSIONS) or bool(
        _SERVED_FILE.search(path) and (not path.endswith(".aspx") or "fileticket=" in
                                       parts.query.lower())) or bool(
        parts.query and _FILE_HANDLER.search(path))


def is_file_anchor(a) -> bool:
    """A link to a file: by its address, or, where the address is a download script's
    with no file name in it (Joomla K2's ".../item/download/57_8a3f1c"), by the file name
    the link shows ("KH-05-CCCNTY.pdf")."""
    href = a.get("href")
    if is_file_link(href):
        return True
    if not href or "download" not in urlsplit(href.strip()).path.lower():
        return False
    shown = (text_of(a) or clean_text(a.get("title"))).lower()
    return " " not in shown and shown.endswith(FILE_EXTENSIONS)


_PICTURE = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp")


def _enlarges_its_picture(a, href: str | None) -> bool:
    """A gallery's link around a picture to the picture itself, larger (``a.view-gallery``
    in a vnPortal photo story): the article's image, not a file attached to it."""
    path = urlsplit((href or "").strip()).path.lower()
    return path.endswith(_PICTURE) and a.find(".//img") is not None


def img_src(img) -> str | None:
    """The picture an <img> shows: a lazy loader's address (data-src) before its "src",
    which holds the placeholder until a script swaps them (loading.gif, a data: URI)."""
    for attr in ("data-src", "data-original", "data-lazy-src", "src"):
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return None


def files_after(body_el, region, page_url: str, in_noise=lambda el: False) -> list[Attachment]:
    """The files the article attaches in a box of its own after its text, inside its
    region (Drupal's file field, SharePoint's "news-attach", "Tập tin đính kèm"): the
    file links of the few elements after the body, and after each of its ancestors up to
    the region, in a box whose links are mostly files (a side box of news is no such box;
    nor is one ``in_noise`` says is chrome)."""
    found: dict[str, Attachment] = {}
    el = body_el
    while el is not None and el is not region:
        for sibling in itertools.islice(el.itersiblings(), 3):
            if not isinstance(sibling.tag, str) or sibling.tag == "aside" or in_noise(sibling):
                continue
            links = sibling.xpath(".//a[@href]")
            files = [a for a in links if is_file_anchor(a)]
            if files and 2 * len(files) >= len(links) and not _headed_box(sibling):
                for a in files:
                    url = canonical_url(a.get("href"), page_url)
                    found.setdefault(url, Attachment(url=url, name=text_of(a) or None))
            elif not _headed_box(sibling) and all(  # a file embedded, a button to one
                    a.get("href").strip().startswith(("javascript:", "#")) for a in links):
                for attachment in collect_attachments(sibling, page_url):
                    found.setdefault(attachment.url, attachment)
        el = el.getparent()
    return list(found.values())


_ATTACHED = re.compile(r"đính kèm|tải về|tệp tin|tập tin|attach|download", re.IGNORECASE)


def _headed_box(el) -> bool:
    """Whether ``el`` is a box under a heading of its own that is no attachment label
    ("Văn bản mới", "Tài liệu tham khảo"): a side box, whatever its class says."""
    heads = el.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6")
    return any(not _ATTACHED.search(text_of(h)) for h in heads)


def viewed_file(src: str, page_url: str) -> str:
    """The file a viewer's address shows ("/pdf.js/web/viewer.html?file=/uploads/a.pdf",
    Google's "viewer?url=..."): its ``file`` or ``url``, resolved; else ``src`` itself."""
    query = parse_qs(urlsplit(src).query)
    files = query.get("file") or query.get("File") or query.get("url")
    return urljoin(urljoin(page_url, src), files[0]) if files else src


def collect_attachments(scope, page_url: str, selectors=()) -> list[Attachment]:
    found: dict[str, Attachment] = {}

    def add(href, name):
        if not href:
            return
        url = canonical_url(href, page_url)
        if url in found:
            if not found[url].name and name:
                found[url].name = name
            return
        found[url] = Attachment(url=url, name=name or None)

    # One pass in document order, so attachments keep the page's order.
    for el in xp(scope, ".//a[@href] | .//iframe[@src] | .//embed[@src] | .//object[@data]"
                        " | .//*[@onclick]"):
        opens = _ONCLICK_URL.search(el.get("onclick") or "")
        if opens and is_file_link(opens.group(1)):
            # a button that opens the file ("window.open('/upload/CV-1820.pdf')")
            add(opens.group(1), text_of(el) or None)
            continue
        if el.tag not in ("a", "iframe", "embed", "object") or not (
                el.get("href") or el.get("src") or el.get("data")):
            continue
        if el.tag == "a":
            classes = (el.get("class") or "").split()
            href = el.get("href")
            # (a gallery's link to its album's page is no file: only one to a file's name)
            named = "link-download" in classes or (
                "view-gallery" in classes
                and "." in urlsplit((href or "").strip()).path.rsplit("/", 1)[-1])
            if (named or is_file_anchor(el)) and not _enlarges_its_picture(el, href):
                add(href, text_of(el) or clean_text(el.get("title")) or None)
            continue
        src = el.get("src") or el.get("data")
        shown = viewed_file(src, page_url)
        if shown != src:
            add(shown, clean_text(el.get("title")) or None)
        elif is_file_link(src):
            add(src, clean_text(el.get("title")) or None)
    return list(found.values())


# --- related news -----------------------------------------------------------------------

_MORE_LINK_TEXT = {fold(x) for x in ("xem thêm", "xem tất cả", "chi tiết", "xem tiếp", "đọc tiếp", ">>", "»")}
# vnPortal: /{cat}/{slug}-{id}, ids of five digits or more (62242, 569138: a shorter number
# ends many titles, "kỳ họp thứ 17", four a year, "/tag/nam-2023/"); NukeViet:
# /{cat}/{alias}-{id}.html with any id.
ARTICLE_PATH = re.compile(r"-(\d+)\.(?:html?|aspx)$|-(\d{5,})/?$")


def article_id_from_url(url: str) -> str | None:
    parts = urlsplit(url)
    path = parts.path
    if PRINT_VIEW.search(path) or (parts.query and asks_for_a_file(parts.query)):
        return None  # the article's print view, or a file it attaches ("?download=1&id=0")
    match = ARTICLE_PATH.search(path)
    return (match.group(1) or match.group(2)) if match else None


def is_article_url(url: str) -> bool:
    return article_id_from_url(url) is not None


# Text a reader sees: not inside a script, a style or a select box's option.
_HIDDEN_TEXT = frozenset(("script", "style", "option"))
# Every label holds one of these: a cheap test before folding each short text, one
# search of a lowercased text, not one test per hint.
_LABEL_HINTS = ("tin", "bài", "bai", "liên quan", "related", "more on")
_HAS_HINT = re.compile("|".join(map(re.escape, _LABEL_HINTS))).search
# What XPath's normalize-space() takes for space.
_XML_SPACES = re.compile("[ \t\r\n]+")


def _short_enough(stripped: str) -> bool:
    """Whether ``stripped`` (stripped of XML spaces, 40 characters or more) is under 40
    once its runs of spaces are one space each, as normalize-space() makes them."""
    spaces = stripped.count(" ") + stripped.count("\t") + stripped.count("\r") + stripped.count("\n")
    return len(stripped) - spaces < 40 and len(_XML_SPACES.sub(" ", stripped)) < 40


# Empty elements a theme sets before a label: an icon font's <i>, a <span>, a picture.
_ICON = frozenset(("i", "span", "img", "em", "svg"))


def _shown(el) -> bool:
    return el.tag not in _HIDDEN_TEXT and not any(a.tag in _HIDDEN_TEXT for a in el.iterancestors())


def find_related_heading(doc, exclude=None):
    """The first element whose whole text is a related-news label ("Tin liên quan"), or
    the outermost of a nest of such elements (<div class=title><h3><a>Tin liên quan</a>).

    A label is an element's own first text (never a tail), short, shown to a reader: each
    element's text is looked at in page order, as one walk of the page's elements, which
    takes half the time of lxml's XPath for the page's short texts."""
    for el in tree_root(doc).iter(etree.Element):  # the whole page, wherever ``doc`` stands
        text = el.text
        if (text is None or text.isspace()) and len(el) and el[0].tag in _ICON \
                and not el[0].text and len(el[0]) == 0:
            text = el[0].tail  # after an icon: <h2><i class="icon-link"></i> Nội dung liên quan
        stripped = text.strip(" \t\r\n") if text else None
        if not stripped or len(stripped) >= 40 and not _short_enough(stripped):
            continue  # normalize-space(text) empty, or 40 characters long or more
        if not _HAS_HINT(text.lower()) or _label_key(text) not in _FOLDED_RELATED:
            continue
        if not _shown(el):
            continue
        if exclude is not None and (el is exclude or exclude in el.iterancestors()):
            continue
        if _label_key(el.text_content()) not in _FOLDED_RELATED:
            continue
        while (el.getparent() is not None and el.getparent().tag not in ("body", "html")
               and _label_key(el.getparent().text_content()) in _FOLDED_RELATED):
            el = el.getparent()
        return el
    return None


def _is_stop(el, heading) -> bool:
    """Another box's heading after the related block ends the block."""
    if not isinstance(el.tag, str) or el is heading:
        return False
    text = el.text_content()
    if not text or len(text) > 60 or xp(el, ".//a[@href]") and el.tag != "a":
        return False
    key = _label_key(text)
    if key in _FOLDED_OTHER:
        return True
    return el.tag in ("h1", "h2", "h3", "h4") and key not in _FOLDED_RELATED and not xp(el, "ancestor::a")


def extract_related(doc, page_url: str, *, scope_exclude=None, heading=None,
                    is_article=None) -> list[Link]:
    """The related block's articles, after those of the boxes set inside the text
    (``scope_exclude``, the body); ``is_article``: how the layout tells an article's
    address (default: a slug ending in an id)."""
    page = canonical_url(page_url)
    host = urlsplit(page).netloc
    is_article = _or_shaped_as(is_article or is_article_url, page)
    inline = [found for box in (inline_related_boxes(scope_exclude) if scope_exclude is not None
                                else ()) for found in _article_links(
        [a for a in box.iter("a") if a.get("href")], page_url, page, host, is_article)]
    heading = heading if heading is not None else find_related_heading(doc, exclude=scope_exclude)
    if heading is None:
        return _related_entries(inline)

    container = heading
    found = []
    while container.getparent() is not None:
        container = container.getparent()
        found = _article_links(_links_after(container, heading), page_url, page, host, is_article)
        if found:
            break
    # The block's twins right after it, each a box: NukeViet's "Những tin mới hơn", "… cũ hơn".
    twin = container.getnext() if found else None
    while twin is not None and isinstance(twin.tag, str):
        label = next((el for el in itertools.islice(twin.iter(), 4) if isinstance(el.tag, str)
                      and el.text and _label_key(el.text) in _FOLDED_RELATED), None)
        if label is None:
            break
        found += _article_links(_links_after(twin, label), page_url, page, host, is_article)
        twin = twin.getnext()
    return _related_entries(inline + found)


_ENDS_IN_ID = re.compile(r"-(\d{3,})/?$")


def _or_shaped_as(is_article, page: str):
    """``is_article``, or an address shaped as the page's own, an article's: in the same
    category, ending in an id as long, give or take a digit ("/thong-bao/ten-bai-8806" beside
    "/thong-bao/bai-nay-8812": a subsite whose ids are shorter than the portal's)."""
    own = urlsplit(page).path
    found = _ENDS_IN_ID.search(own)
    if not found or is_article(page):
        return is_article
    parent, digits = own.rsplit("/", 1)[0], len(found.group(1))

    def shaped(url: str) -> bool:
        path = urlsplit(url).path
        twin = _ENDS_IN_ID.search(path)
        return is_article(url) or (twin is not None and path.rsplit("/", 1)[0] == parent
                                   and abs(len(twin.group(1)) - digits) <= 1)
    return shaped


def _links_after(container, heading) -> list:
    """The links in ``container`` after ``heading`` (not inside it), up to the heading of
    another box (_is_stop)."""
    after = False
    links = []
    inside = set(heading.iter())  # held, so each node keeps its one proxy
    for el in container.iter():
        if el is heading:
            after = True
            continue
        if not after or el in inside:
            continue
        if _is_stop(el, heading):
            break
        if isinstance(el.tag, str) and el.tag == "a" and el.get("href"):
            links.append(el)
    return links


def _article_links(links, page_url: str, page: str, host: str, is_article) -> list:
    """(url, link, its text) for each of ``links`` that leads to another article of the
    page's site (``page``, on ``host``) and is not a "more" link ("Xem thêm")."""
    out = []
    for a in links:
        href = a.get("href").strip()
        if href.startswith(("javascript:", "mailto:", "#", "tel:")):
            continue
        url = canonical_url(href, page_url)
        if urlsplit(url).netloc != host or url == page or not is_article(url):
            continue
        text = text_of(a)
        if _label_key(text) in _MORE_LINK_TEXT:
            continue
        out.append((url, a, text))
    return out


def _related_entries(found) -> list[Link]:
    """One Link per address of ``found`` ((url, link, its text)), in page order, titled by its
    link's text, else by the link's title or its image's alt text; a later link with text
    names an address whose first link had none."""
    entries: dict[str, Link] = {}
    weak: set[str] = set()
    for url, a, text in found:
        title = text
        if not title:
            title = clean_text(a.get("title")) or next(
                (clean_text(i.get("alt")) or clean_text(i.get("title")) for i in xp(a, ".//img")), ""
            )
        if url not in entries:
            entries[url] = Link(url=url, title=title or None)
            if not text:
                weak.add(url)
        elif url in weak and text:
            entries[url].title = text
            weak.discard(url)
    return list(entries.values())


# --- listings paged in their URL --------------------------------------------------------

# Where a page's own list never is: menus, side boxes, footers.
_CHROME = ("header", "nav", "footer", "aside")
_CHROME_CLASSES = ("sidebar", "widget", "menu", "footer", "header", "breadcrumb")
# An item's or a page's own heading, no chrome: Joomla 4 heads each item of its blog and
# archive lists with <div class="page-header"><h2><a>.
_ITEM_HEADER = re.compile(r"\b(?:page|entry|item|post|article|news|card|blog)-header\b")
MIN_LISTING_ENTRIES = 3
# Page 2+ of a listing paged in its URL (WordPress /page/2/, NukeViet /page-2, ?page=2,
# Joomla ?start=10, a register's ?pageindex=2 or /trang-2, DNN's query in the path).
LATER_PAGE = re.compile(r"/(?:page|currentpage|pageindex)[/-]\d+/?$|/trang-\d+(?:\.html?)?/?$"
                        r"|[?&](?:page|trang|start|limitstart"
                        r"|paged|pageindex|pg|pageno|pagenumber|currentpage"
                        # Liferay's asset publisher: "_101_INSTANCE_Xy12_cur=2"
                        r"|\w+_cur)=\d+", re.IGNORECASE)


def pager_group(url: str) -> str:
    """A listing's address but for its page number: what its pages share."""
    return LATER_PAGE.sub("", url).rstrip("/")


def _in_chrome(el) -> bool:
    ancestors = list(el.iterancestors())
    # A post's own <header class="entry-header"> or <footer> holds its title link and its
    # meta: only what is around the post can make it the page's chrome.
    post = next((i for i, anc in enumerate(ancestors) if anc.tag == "article"), 0)
    for anc in ancestors[post:]:
        if anc.tag in _CHROME:
            return True
        classes = _ITEM_HEADER.sub(" ", chrome_names(anc, ids=False))
        if any(c in classes for c in _CHROME_CLASSES):
            return True
        if anc.get("id") and _CHROME_IDS & set(re.split(r"[\W_]+", anc.get("id").lower())):
            return True
    return False


# Ids a hand-made site gives its chrome: <div id="menu">, <td id="leftmenu">.
_CHROME_IDS = {"menu", "mainmenu", "topmenu", "leftmenu", "menutop", "nav", "navbar",
               "navigation", "sidebar", "footer", "header"}


def _outside_side_boxes(doc, page_url: str, links: list) -> list:
    """``links`` without those inside side boxes (side_boxes), where enough are left to
    be a list (on a list's later page, any), or none at all: a label taken for a box's that heads part of the page's own
    list changes nothing."""
    boxes = side_boxes(doc, page_url)
    if not boxes:
        return links
    kept = [(a, url) for a, url in links
            if not any(box in boxes for box in a.iterancestors())]
    if not kept or LATER_PAGE.search(page_url):
        # A video's, a profile's page: what it links is all in its side boxes.  A list's
        # last page may hold one item beside side boxes of their usual length.
        return kept
    return kept if len(kept) >= max(MIN_LISTING_ENTRIES, len(links) // 2) else links


def _numbered_twin(url: str, page_url: str) -> bool:
    """Whether ``url`` is the list's page at ``page_url`` numbered otherwise: the same path,
    the same query but for one short number ("viec-lam?p=3" beside "viec-lam?p=2"; beside
    "viec-lam" a pager's own key: "viec-lam?p=2")."""
    link, page = urlsplit(url), urlsplit(page_url)
    if link.path != page.path or link.netloc != page.netloc:
        return False
    asked, shown = parse_qs(link.query), parse_qs(page.query)
    changed = [k for k in asked.keys() | shown.keys() if asked.get(k) != shown.get(k)]
    if len(changed) != 1 or not all(v.isdigit() and len(v) <= 3 for v in asked.get(changed[0], ["x"])):
        return False
    return changed[0] in shown or changed[0].lower() in _PAGE_KEYS


_PAGE_KEYS = PAGER_KEYS | {"p", "pg", "pn"}  # (WordPress's "p" names a post alone)


def linked_entries(doc, page_url: str, is_article, item_selectors=()) -> list:
    """A listing's items from its links: every link to an article of the same site in
    the page's own content (not menus, side boxes or footers), in page order, once; the
    title from the link, the date from the smallest element around it that holds no other
    article link.  For layouts whose listings have no markup of their own to rely on
    (NukeViet's themes, WordPress's) and page in their URL."""
    from ..kernel.record import ListingEntry

    host = urlsplit(page_url).netloc
    own = pager_group(page_url)
    links = []
    scopes = [el for sel in item_selectors for el in sel(doc)] or [doc]
    for scope in scopes:
        for a in scope.iter("a"):
            href = (a.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:")):
                continue
            url = canonical_url(href, page_url)
            if urlsplit(url).netloc != host or not is_article(url) or _in_chrome(a) \
                    or is_file_link(url):  # (an attached file is no item)
                continue
            if url != page_url and (pager_group(url) == own or _numbered_twin(url, page_url)):
                continue  # another page of this list ("list.asp?id=1&page=3", "?p=3")
            links.append((a, url))
    links = _outside_side_boxes(doc, page_url, links)
    entries: dict[str, ListingEntry] = {}
    ranks: dict[str, int] = {}
    for a, url in links:
        title = text_of(a) or clean_text(a.get("title"))
        rank = _title_rank(a, title)
        if url in entries:
            if rank > ranks[url]:
                entries[url].title, ranks[url] = title, rank
            continue
        ranks[url] = rank
        item = a
        for anc in a.iterancestors():
            others = {canonical_url(x.get("href") or "", page_url) for x in anc.iter("a")}
            if len({u for u in others if u != url and is_article(u)}) > 0:
                break
            item = anc
        entries[url] = ListingEntry(url=url, title=title or None,
                                    published_at=_item_date(item))
    return list(entries.values())


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _title_rank(a, title: str | None) -> int:
    """How surely a link's text is its item's title, of the links an item has to one
    article: a heading's link above all; then any words; the date a theme links to the
    post ("Tháng 10 15, 2024" before the heading, in WordPress's entry-meta) below them."""
    if not title:
        return 0
    if any(anc.tag in _HEADINGS for anc in a.iterancestors()) or a.find(".//h2") is not None \
            or a.find(".//h3") is not None:
        return 3
    return 1 if len(title) < 40 and parse_date(title) else 2


def _item_date(item) -> str | None:
    for el in item.iter("time"):
        value = parse_date(el.get("datetime") or el.text_content())
        if value:
            return value
    for line in block_lines(item):
        value = parse_date(line)
        if value and len(line) < 60:
            return value
    # the date on the title's line: "<a>Hội nghị …</a> <span class="time">(18/09/2024)</span>"
    for el in item.iter("span", "em", "small", "i", "font"):
        text = text_of(el)
        if len(text) < 40 and _DATED_CLASS.search(el.get("class") or el.tag):
            value = parse_date(text)
            if value:
                return value
    rest = unlinked_text(item)
    return parse_date(rest) if len(rest) < 60 else None


_DATED_CLASS = re.compile(r"date|time|ngay|small|^(?:em|i|font)$", re.IGNORECASE)


# Lists by a writer, a tag, a search or a date: their names are no article's category.
_NAMELESS = {"tag", "tags", "the", "tu-khoa", "tukhoa", "keyword", "keywords", "author",
             "authors", "tac-gia", "search", "tim-kiem", "timkiem", "ket-qua-tim-kiem"}


def _nameless(url: str) -> bool:
    segment = collection_path(urlsplit(url).path)
    return bool(segment) and (segment.rsplit(".", 1)[0] in _NAMELESS or segment[:1].isdigit())


def link_listing(doc, url: str, is_article, layout_key: str, item_selectors=(),
                 collection: bool = False):
    """The page as a listing of its article links (see linked_entries), or None when it
    links to fewer than MIN_LISTING_ENTRIES articles; ``collection``: the page says it
    is one (a category's page), and one article is enough."""
    from ..kernel.record import Listing

    url = canonical_url(url)
    entries = linked_entries(doc, url, is_article, item_selectors)
    # A listing's later page may hold its last one or two items, a young category two.
    if len(entries) < (1 if collection or LATER_PAGE.search(url) else MIN_LISTING_ENTRIES):
        return None
    category = None if _nameless(url) else listing_name(doc)
    if category and fold(category) in HOME_LABELS:
        category = None  # the site's home page, as Liferay serves it: no category
    return Listing(url=url, category=category or None, entries=entries, layout=layout_key)
