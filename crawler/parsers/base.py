"""Shared machinery for the layout parsers: decoding, structured data, and the field
extractors that every layout needs in the same form (body text, byline, related block,
images, attachments, breadcrumb).

Layout modules (vnportal, nukeviet, generic) hold only their selectors and the order in
which sources are tried; the mechanics live here so that one fix reaches every layout.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
from bs4.dammit import UnicodeDammit
from lxml import etree
from lxml.cssselect import CSSSelector
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from ..items import Article, Attachment, Image, Link
from .dates import parse_date
from .legacy import convert_legacy
from .text import canonical_url, clean_text, fold, site_of

# --- decoding ---------------------------------------------------------------------------

# A charset header that claims a single-byte Western encoding on a Vietnamese page is
# wrong more often than not (misconfigured IIS); such pages are really UTF-8.
_SUSPECT_DECLARED = {"iso-8859-1", "latin-1", "latin1", "cp1252", "windows-1252", "ascii", "us-ascii"}
_UTF8 = ("utf-8", "utf8")


def _norm_encoding(name: str | None) -> str | None:
    return name.strip().lower().replace("_", "-") if name else None


@dataclass
class Decoded:
    """A page's text and how it was decided; ``note`` says when the page's own
    declaration was overruled (a disagreement worth recording with the page's URL)."""

    text: str
    encoding: str
    declared: str | None = None
    note: str | None = None


def decode_page(body: bytes | str, content_type: str | None = None) -> Decoded:
    """Page bytes -> text.

    Valid UTF-8 with non-ASCII bytes is UTF-8, whatever the header or <meta> says: bytes
    of an 8-bit Vietnamese encoding (windows-1258, TCVN3) almost never form valid UTF-8,
    while IIS installs that label every page windows-1258 or iso-8859-1 are common, and
    trusting them makes mojibake of every accented letter.  Anything else is decided by
    bs4's UnicodeDammit (BOM, then the HTTP header, then <meta>, then windows-1258 as
    the likeliest legacy encoding of a Vietnamese page); lxml still does the parsing.
    """
    if isinstance(body, str):
        return Decoded(body, "unicode")
    header = _norm_encoding(http_content_type_encoding(content_type)) if content_type else None
    meta = _norm_encoding(html_body_declared_encoding(body))
    declared = header or meta
    bom, _ = read_bom(body)
    if bom:
        return Decoded(body.decode(bom, "replace").lstrip("\ufeff"), bom, declared)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        note = None
        if declared and declared not in _UTF8 and not text.isascii():
            note = (f"the page says {declared} but its bytes are valid UTF-8: read as UTF-8")
        return Decoded(text, "utf-8", declared, note)
    known = [header] if header and header not in _UTF8 else []
    dammit = UnicodeDammit(body, known_definite_encodings=known,
                           user_encodings=[e for e in (meta, "cp1258") if e and e not in _UTF8],
                           is_html=True)
    encoding = dammit.original_encoding or "cp1258"
    if dammit.unicode_markup is None:  # nothing decoded cleanly: keep every byte we can
        return Decoded(body.decode("cp1258", "replace"), "cp1258", declared,
                       "no encoding decodes the page cleanly: read as windows-1258")
    note = None
    if declared and _norm_encoding(encoding) != declared:
        note = f"the page says {declared} but is not valid {declared}: read as {encoding}"
    return Decoded(dammit.unicode_markup, encoding, declared, note)


def decode_html(body: bytes | str, content_type: str | None = None) -> str:
    return decode_page(body, content_type).text


# Characters no article text carries: C0/C1 controls (NUL first: libxml2 refuses it) but
# tab and newlines.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# libxml2 stops building the tree past this depth even with huge_tree (2048 there), and
# drops the rest of the page silently; pages this deep are flattened first.
MAX_DEPTH = 1000
# Character references to the same controls (&#0;, &#x7;): HTML would make &#0; U+FFFD and
# keep the rest; a record has no use for either.  (&#128;-&#159; are not controls in
# HTML: they name windows-1252's letters, and lxml reads them so.)
_CONTROL_REFS = re.compile(r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]));")
_HTML_PARSER = lxml.html.HTMLParser(huge_tree=True)


def load(html: bytes | str, content_type: str | None = None):
    text = decode_html(html, content_type)
    # lxml refuses str input carrying an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    text = _CONTROLS.sub("", text)
    if "&#" in text:
        text = _CONTROL_REFS.sub("", text)
    if not text.strip():
        raise ValueError("empty page")
    doc = lxml.html.document_fromstring(text, parser=_HTML_PARSER)
    if any("Excessive depth" in e.message for e in _HTML_PARSER.error_log):
        doc = lxml.html.document_fromstring(flatten_deep(text), parser=_HTML_PARSER)
    hoist_blocks(doc)
    if _LEGACY_FONT_HINT.search(text):
        # Text typed in the TCVN3 or VNI fonts: converted to Unicode before any field is
        # read (and before NFC, which would merge its marks into the wrong letters).
        converted = convert_legacy(doc)
        if converted:
            doc.set(LEGACY_MARK, ",".join(converted))
    return doc


# Where load() notes the legacy encodings it converted, on the root element (outside any
# field a parser reads).
LEGACY_MARK = "data-govnews-legacy"
_LEGACY_FONT_HINT = re.compile(r"\.vn[a-z]|vni[- ]", re.IGNORECASE)


def legacy_encodings(doc) -> list[str]:
    """The legacy encodings load() converted in ``doc`` ("tcvn3", "vni"), if any."""
    value = doc.get(LEGACY_MARK)
    return value.split(",") if value else []


_TOKEN = re.compile(r"<!--.*?-->|<(script|style|textarea)\b.*?</\1\s*>|<(/?)([a-zA-Z][\w:-]*)[^>]*>",
                    re.DOTALL | re.IGNORECASE)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
# Tags that only wrap (no paragraph or list boundary of their own): the ones left out
# past the depth limit.
_WRAPPERS = {"div", "span", "font", "section", "article", "aside", "main", "center", "small",
             "big", "ins", "del", "b", "i", "u", "em", "strong"}
# Elements an HTML parser closes when another of the same name opens.
_SELF_CLOSING_SIBLINGS = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}


def flatten_deep(text: str, limit: int = MAX_DEPTH) -> str:
    """The page with the tags nested deeper than ``limit`` left out (their text kept).

    No parser library keeps a 10,000-deep tree (libxml2 stops at 2048 and silently
    drops everything after), and real pages reach such depths only through broken
    editors wrapping wrappers; the wrappers carry no text, so dropping the excess tags
    keeps every word and every shallower boundary.  Hand-written because it must run
    before any parser sees the page.
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, kept)
    kept = 0
    pos = 0
    for m in _TOKEN.finditer(text):
        name = m.group(3)
        if not name:
            continue  # a comment or a script: copied as it is
        name = name.lower()
        keep = True
        if m.group(2):  # a closing tag closes the innermost open element of its name
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    keep = stack[i][1]
                    kept -= sum(1 for _, k in stack[i:] if k)
                    del stack[i:]
                    break
        elif name not in _VOID and not m.group(0).endswith("/>"):
            if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1][0] == name:
                kept -= stack.pop()[1]
            keep = not (kept >= limit and name in _WRAPPERS)
            stack.append((name, keep))
            kept += keep
        if not keep:
            out.append(text[pos:m.start()])
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


# Elements that end a paragraph (HTML5 closes an open <p> before them) and cannot sit in
# an inline element; libxml2's HTML 4 parser nests them instead when a </p> or an inline
# element's end tag is missing, which would pull a figure and its caption into the
# paragraph before it.
_BLOCKS = ("figure", "figcaption", "div", "table", "ul", "ol", "dl", "blockquote", "p",
           "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "aside", "header",
           "footer", "nav", "pre", "hr", "address", "details", "center", "main")
# Containers a block is lifted out of; <a> is left alone (HTML5 lets it wrap blocks).
_PHRASING = {"p", "span", "em", "strong", "b", "i", "u", "font", "small", "big", "sub", "sup",
             "s", "strike", "mark", "abbr", "cite", "code", "q", "label", "tt"}


def hoist_blocks(doc) -> None:
    """Lift every block element out of the paragraph or inline element it was wrongly
    nested in, splitting that element around it, as an HTML5 parser would have built the
    tree.  Hand-written: lxml's HTML parser is HTML 4, and html5lib costs ten times more."""
    clones = []
    for block in list(doc.iter(*_BLOCKS)):
        parent = block.getparent()
        while parent is not None and parent.tag in _PHRASING and parent.getparent() is not None:
            clones.append(_split_around(parent, block))
            parent = block.getparent()
    # A clone whose content was lifted out in turn is an empty shell between two blocks
    # (it would stand between a figure and its caption): gone, its tail kept.
    clones = [c for c in clones if c is not None]
    clones.sort(key=lambda c: sum(1 for _ in c.iterancestors()), reverse=True)  # inner first
    for clone in clones:
        if len(clone) == 0 and not (clone.text or "").strip():
            clone.drop_tree()


def _split_around(parent, block):
    grand = parent.getparent()
    following = list(block.itersiblings())
    tail, block.tail = block.tail, None
    rest = None
    if following or (tail and tail.strip()):
        rest = parent.makeelement(parent.tag, dict(parent.attrib))
        rest.text = tail
        for sibling in following:
            rest.append(sibling)
    parent.remove(block)
    at = grand.index(parent)
    grand.insert(at + 1, block)
    last = block
    if rest is not None:
        grand.insert(at + 2, rest)
        last = rest
    last.tail, parent.tail = parent.tail, None
    return rest


# --- generic element helpers ------------------------------------------------------------

def css(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def first(doc, selectors) -> etree._Element | None:
    for sel in selectors:
        found = sel(doc)
        if found:
            return found[0]
    return None


def text_of(el) -> str:
    if el is None:
        return ""
    return clean_text(el.text_content())


def meta_content(doc, *names: str) -> str | None:
    for name in names:
        for el in doc.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]", n=name):
            value = clean_text(el.get("content"))
            if value:
                return value
    return None


ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle"}


def jsonld_article(doc) -> dict:
    """The first JSON-LD object typed as an article (also inside @graph), or {}."""
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(str(k).lower() in ARTICLE_TYPES for k in kinds):
                    return item
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
    return {}


def jsonld_text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return clean_text(str(value)) if value else None


# --- body -------------------------------------------------------------------------------

BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
    "table", "tr", "td", "th", "tbody", "thead", "section", "article", "figure", "figcaption",
    "dl", "dt", "dd", "center", "header", "footer", "aside", "address",
}
NOISE_TAGS = ("script", "style", "noscript", "form", "button", "input", "select", "textarea",
              "iframe", "object", "embed", "svg", "template", "link", "meta")
FILE_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar",
                   ".7z", ".odt", ".ods", ".rtf", ".txt", ".csv")
ATTACHMENT_LABELS = ("file đính kèm", "tệp đính kèm", "tập tin đính kèm", "văn bản đính kèm",
                     "tài liệu đính kèm", "đính kèm", "tải về", "download", "xem chi tiết tại",
                     "xem file", "tải file")
_FOLDED_ATTACHMENT_LABELS = tuple(fold(x) for x in ATTACHMENT_LABELS)


# Block boundaries are marked with a character no page contains, because the page's own
# newlines are mere whitespace inside a paragraph.
_BREAK = "\ue000"


def block_lines(el) -> list[str]:
    """Visible text of ``el`` as lines: one per block element or <br>, cleaned, non-empty.

    Walked without recursion (lxml's iterwalk), so a page nested a thousand deep costs
    no Python stack."""
    parts: list[str] = [el.text or ""]
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        if node is el:
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in NOISE_TAGS:
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS or tag == "br":
                parts.append(_BREAK)
            if node.text and tag:
                parts.append(node.text)
        else:
            if tag in BLOCK_TAGS:
                parts.append(_BREAK)
            if node.tail:
                parts.append(node.tail)
    return [line for line in (clean_text(x) for x in "".join(parts).split(_BREAK)) if line]


def _style(el) -> str:
    return (el.get("style") or "").replace(" ", "").lower()


def is_right_aligned(el) -> bool:
    for node in [el, *el.iterdescendants()]:
        if not isinstance(node.tag, str):
            continue
        if "text-align:right" in _style(node) or (node.get("align") or "").lower() == "right":
            return True
        classes = (node.get("class") or "").lower().split()
        if "text-right" in classes or "right" in classes or "author" in classes:
            return True
    return False


def is_all_bold(el) -> bool:
    """Every visible character of el sits inside <strong>/<b> (or a bold style)."""
    total = text_of(el)
    if not total:
        return False
    bold = "".join(
        text_of(b) for b in el.xpath(".//strong | .//b | .//*[contains(translate(@style,'BOLD','bold'),'font-weight:bold') or contains(@style,'font-weight: bold') or contains(@style,'font-weight:700')]")
        if not b.xpath("ancestor::strong | ancestor::b")
    )
    return len(clean_text(bold)) >= len(total) * 0.9


def is_all_italic(el) -> bool:
    total = text_of(el)
    if not total:
        return False
    italic = "".join(text_of(i) for i in el.xpath(".//em | .//i") if not i.xpath("ancestor::em | ancestor::i"))
    return len(clean_text(italic)) >= len(total) * 0.9


BYLINE_LABELS = ("tác giả", "người viết", "bài và ảnh", "bài, ảnh", "bài - ảnh", "bài ảnh",
                 "tin và ảnh", "tin, ảnh", "tin - ảnh", "tin ảnh", "tin", "bài", "người đăng",
                 "biên tập", "phóng viên", "pv", "theo")
_BYLINE_LABEL_RE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(x) for x in sorted(BYLINE_LABELS, key=len, reverse=True)) + r")\s*[:：]\s*",
    re.IGNORECASE,
)
MAX_BYLINE_CHARS = 80


def strip_byline_label(text: str | None) -> str | None:
    text = clean_text(text)
    text = _BYLINE_LABEL_RE.sub("", text, count=1)
    text = text.strip(" -–—|").strip()
    if len(text) > 2 and text[0] + text[-1] in ("()", "[]"):
        text = text[1:-1].strip()
    return text or None


# A credit to an organisation or another paper, not a person: "Nguồn: Sở Văn hóa, Thể thao
# và Du lịch", "Nguồn tin: Báo Nghệ An", "Theo baonghean.vn".
_CREDIT_RE = re.compile(
    r"^\s*[(\[]?\s*(?:nguồn(?:\s+tin|\s+bài|\s+ảnh)?\s*[:：]|theo\s*[:：]?)\s*(?P<source>.+?)[)\]]?\s*$",
    re.IGNORECASE)
MAX_CREDIT_CHARS = 120


def credit_of(text: str | None) -> str | None:
    """The credited source if ``text`` (a byline line) is a credit, else None."""
    text = clean_text(text)
    if not text or len(text) > MAX_CREDIT_CHARS:
        return None
    match = _CREDIT_RE.match(text)
    if not match:
        return None
    source = match.group("source").strip(" .-–—|")
    # "Theo kế hoạch, ..." opens a sentence; a credit names its source with a capital
    # letter or a domain ("Theo Báo Nghệ An", "Theo baonghean.vn").
    if text.lower().lstrip("([ ").startswith("theo") and not (
            source[:1].isupper() or re.search(r"\.[a-z]{2,}\b", source)):
        return None
    return source or None


def split_byline(text: str | None) -> tuple[str | None, str | None]:
    """(author, source) of one byline line: a credit is a source, anything else a
    person's byline with its label ("Tác giả:") stripped."""
    credit = credit_of(text)
    if credit:
        return None, credit
    return strip_byline_label(text), None


def looks_like_byline(el) -> bool:
    """A short, right-aligned or wholly bold paragraph: how CKEditor users sign an article."""
    text = text_of(el)
    if not text or len(text) > MAX_BYLINE_CHARS or len(text.split()) > 12:
        return False
    if text.endswith((":", ";", ",")) or el.xpath(".//img | .//a[contains(@href,'.pdf')]"):
        return False
    if _BYLINE_LABEL_RE.match(text):
        return True
    right = is_right_aligned(el)
    if right and (is_all_bold(el) or is_all_italic(el) or len(text.split()) <= 6):
        return True
    # Not aligned, but a short, wholly bold line of capitalised words with no sentence
    # punctuation at the very end of the body is a name ("Quang Minh", "Thu Hà - PV").
    # After " - " or "(" comes the writer's office, in ordinary case.
    name = re.split(r"\s[-–(]|\(", text)[0]
    words = [w for w in re.split(r"[\s/,&]+", name) if w]
    return (0 < len(words) <= 5 and not text.endswith((".", "!", "?", "…", ":"))
            and is_all_bold(el)
            and all(w[0].isupper() or w.lower() in ("và", "tin", "ảnh", "bài") for w in words))


def body_blocks(body) -> list:
    """The block-level children that carry the body's paragraphs, in order (descends
    through wrapper divs that CKEditor or a theme put around the real paragraphs; with a
    stack of its own, not recursion, for pages nested a thousand deep)."""
    blocks = []
    stack = [iter(body)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if not isinstance(child.tag, str):
            continue
        if child.tag == "div" and any(
            isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in child
        ) and "author" not in (child.get("class") or ""):
            stack.append(iter(child))
        else:
            blocks.append(child)
    return blocks


def is_file_link(href: str | None) -> bool:
    if not href:
        return False
    path = urlsplit(href.strip()).path.lower()
    return path.endswith(FILE_EXTENSIONS)


def is_attachment_block(el) -> bool:
    """A paragraph that only announces attached files ("File đính kèm: …")."""
    links = [a for a in el.xpath(".//a[@href]") if is_file_link(a.get("href")) or
             "link-download" in (a.get("class") or "") or "view-gallery" in (a.get("class") or "")]
    if not links and not el.xpath(".//iframe"):
        raw = el.text_content()
        if len(raw) > 60:
            return False
    text = fold(text_of(el))
    if links:
        rest = text
        for a in links:
            rest = rest.replace(fold(text_of(a)), "")
        rest = rest.strip(" :-–,.;()")
        if not rest or any(rest.startswith(label) for label in _FOLDED_ATTACHMENT_LABELS) or len(rest) < 25:
            return True
    if el.xpath(".//iframe[contains(@src,'file=')]") and len(text) < 60:
        return True
    return bool(text) and any(text == label or text == label + ":" for label in _FOLDED_ATTACHMENT_LABELS)


_CAPTION_MAX = 400


def image_only(el) -> bool:
    return bool(el.xpath(".//img")) and not text_of(el)


def find_caption_after(el):
    """The caption paragraph right after an image block: short, italic or centred."""
    nxt = el.getnext()
    while nxt is not None and isinstance(nxt.tag, str) and nxt.tag in ("br",):
        nxt = nxt.getnext()
    if nxt is None or not isinstance(nxt.tag, str) or nxt.tag not in ("p", "div", "em", "i", "span", "figcaption", "h6"):
        return None
    text = text_of(nxt)
    if not text or len(text) > _CAPTION_MAX or nxt.xpath(".//img"):
        return None
    centred = "text-align:center" in _style(nxt) or (nxt.get("align") or "").lower() == "center" or any(
        "text-align:center" in _style(d) for d in nxt.iterdescendants() if isinstance(d.tag, str)
    ) or "caption" in (nxt.get("class") or "").lower()
    if is_all_italic(nxt) or nxt.tag in ("em", "i", "figcaption") or centred:
        return nxt
    return None


class BodyResult:
    def __init__(self):
        self.text = ""
        self.html = ""
        self.author: str | None = None
        self.source: str | None = None
        self.images: list[Image] = []
        self.attachments: list[Attachment] = []


def assemble(url: str, body: BodyResult, *, parser: str, fetched_at: str | None,
             sources: dict, **fields) -> Article:
    """The record of an article page: what every layout takes from the page's address
    and its extracted body, and ``fields`` (title, published_at, summary, category,
    tags, related, author, source, ... as each layout reads them).  ``author`` and
    ``source`` default to the body's byline; ``article_id`` to the URL's id."""
    fields.setdefault("article_id", article_id_from_url(url))
    fields.setdefault("author", body.author)
    fields.setdefault("source", body.source)
    fields.setdefault("images", body.images)
    fields.setdefault("attachments", body.attachments)
    return Article(url=url, site=site_of(url), body=body.text, body_html=body.html,
                   fetched_at=fetched_at, parser=parser, sources=sources, **fields)


def img_src(img) -> str | None:
    for attr in ("src", "data-src", "data-original", "data-lazy-src"):
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return None


def extract_body(body_el, page_url: str, *, remove=(), find_byline=True, summary: str | None = None) -> BodyResult:
    """Clean a body element: drop noise, captions, attachment lines and the byline; collect
    images (with captions) and attachments along the way."""
    result = BodyResult()
    body = copy.deepcopy(body_el)
    body.tail = None

    for sel in remove:
        for el in sel(body):
            el.drop_tree()

    result.attachments = collect_attachments(body, page_url)

    # Images and their captions, before the captions are removed from the text.
    seen_images = set()
    for img in body.xpath(".//img"):
        src = img_src(img)
        if not src or img.xpath("ancestor::a[@href]") and any(
            is_file_link(a.get("href")) for a in img.xpath("ancestor::a[@href]")
        ):
            continue
        url = canonical_url(src, page_url)
        caption_el = None
        figure = img.xpath("ancestor::figure[1]")
        if figure:
            caps = figure[0].xpath(".//figcaption")
            caption_el = caps[0] if caps else find_caption_after(figure[0])
        if caption_el is None:
            table = img.xpath("ancestor::table[1]")
            if table and len(table[0].xpath(".//img")) == 1 and len(text_of(table[0])) <= _CAPTION_MAX:
                caption_text = text_of(table[0])
                if caption_text:
                    caption_el = table[0]
        if caption_el is None:
            # The caption follows the outermost block that holds nothing but this image
            # (<p><span><img></span></p> <p><em>caption</em></p>), or the image itself.
            holder = img
            while (holder.getparent() is not None and holder.getparent() is not body
                   and not text_of(holder.getparent())):
                holder = holder.getparent()
            caption_el = find_caption_after(holder)
        caption = text_of(caption_el) if caption_el is not None else None
        if url not in seen_images:
            seen_images.add(url)
            result.images.append(Image(url=url, caption=caption or None))
        if caption_el is not None and caption_el.getparent() is not None:
            # captions (and layout tables holding image + caption) are not body text
            caption_el.drop_tree()

    for el in body.xpath(".//figcaption"):
        el.drop_tree()

    for el in list(body.iter(*NOISE_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()

    for el in body_blocks(body):
        if el.getparent() is not None and is_attachment_block(el):
            el.drop_tree()

    # The signature ends the body: a person's byline, a credit, or both (in either order,
    # on two lines).  A credit is looked for even where the layout has the byline elsewhere.
    blocks = [b for b in body_blocks(body) if text_of(b)]
    for _ in range(2):
        if not blocks:
            break
        last = blocks[-1]
        credit = credit_of(text_of(last))
        if credit and not result.source:
            result.source = credit
        elif find_byline and not credit and not result.author and looks_like_byline(last):
            result.author, source = split_byline(text_of(last))
            result.source = result.source or source
        else:
            break
        last.drop_tree()
        blocks.pop()

    lines = block_lines(body)
    if summary and lines and clean_text(summary) == lines[0]:
        lines = lines[1:]
    result.text = "\n".join(lines)
    result.html = clean_body_html(body, page_url)
    return result


def clean_body_html(body, page_url: str) -> str:
    """The body's markup, with absolute links, without styling, handlers or empty blocks."""
    body.make_links_absolute(page_url, resolve_base_href=False, handle_failures="ignore")
    for el in list(body.iter("p", "div", "span")):
        if el is not body and not text_of(el) and not el.xpath(".//img") and el.getparent() is not None:
            el.drop_tree()
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in list(el.attrib):
            if attr.startswith("on") or attr in ("style", "class", "id") and el.tag not in ("img", "figure"):
                del el.attrib[attr]
    inner = (body.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in body
    )
    return inner.strip()


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
    for el in scope.xpath(".//a[@href] | .//iframe[@src] | .//embed[@src] | .//object[@data]"):
        if el.tag == "a":
            classes = (el.get("class") or "").split()
            href = el.get("href")
            if "link-download" in classes or "view-gallery" in classes or is_file_link(href):
                add(href, text_of(el) or clean_text(el.get("title")) or None)
            continue
        src = el.get("src") or el.get("data")
        query = parse_qs(urlsplit(src).query)
        files = query.get("file") or query.get("File") or query.get("url")
        if files:
            add(urljoin(urljoin(page_url, src), files[0]), clean_text(el.get("title")) or None)
        elif is_file_link(src):
            add(src, clean_text(el.get("title")) or None)
    return list(found.values())


# --- related news -----------------------------------------------------------------------

RELATED_LABELS = ("tin cùng chuyên mục", "tin liên quan", "tin khác", "các tin khác",
                  "bài liên quan", "tin bài liên quan", "các tin liên quan", "tin đã đưa",
                  "các tin đã đưa", "bài viết liên quan", "tin tức liên quan",
                  "tin cùng loại", "các bài viết khác", "bài viết khác",
                  # NukeViet's detail page: the newer and the older items of its category
                  "những tin mới hơn", "những tin cũ hơn", "tin mới hơn", "tin cũ hơn")
# Side boxes that sit next to the related block and are not related news.
OTHER_BOX_LABELS = ("tin nổi bật", "tin mới", "tin mới nhất", "tin xem nhiều", "xem nhiều nhất",
                    "tin đọc nhiều", "đọc nhiều nhất", "liên kết website", "thông báo", "video",
                    "thư viện ảnh", "tin tiêu điểm", "tin nóng", "sự kiện nổi bật", "tiêu điểm",
                    "văn bản mới", "lịch công tác", "thăm dò ý kiến", "thống kê truy cập")
_FOLDED_RELATED = {fold(x) for x in RELATED_LABELS}
_FOLDED_OTHER = {fold(x) for x in OTHER_BOX_LABELS}
_MORE_LINK_TEXT = {fold(x) for x in ("xem thêm", "xem tất cả", "chi tiết", "xem tiếp", "đọc tiếp", ">>", "»")}
# vnPortal: /{cat}/{slug}-{id} (ids have 4+ digits; a shorter number ends many titles,
# "kỳ họp thứ 17"); NukeViet: /{cat}/{alias}-{id}.html with any id.
# vnPortal ids have five digits or more (62242, 569138); four would take a year for one
# ("/tag/nam-2023/").
ARTICLE_PATH = re.compile(r"-(\d+)\.(?:html?|aspx)$|-(\d{5,})/?$")


def _label_key(text: str) -> str:
    return fold(text).strip(" :»>-–|").strip()


def article_id_from_url(url: str) -> str | None:
    match = ARTICLE_PATH.search(urlsplit(url).path)
    return (match.group(1) or match.group(2)) if match else None


def is_article_url(url: str) -> bool:
    return article_id_from_url(url) is not None


def _is_heading_candidate(el) -> bool:
    if not isinstance(el.tag, str) or el.tag in ("a", "html", "body", "script", "style", "option"):
        return False
    text = el.text_content()
    return len(text) <= 60


_LABEL_TEXTS = etree.XPath(
    "//text()[normalize-space() and string-length(normalize-space()) < 40]"
    "[not(ancestor::script) and not(ancestor::style) and not(ancestor::option)]")
_LABEL_HINTS = ("tin", "bài", "bai")


def find_related_heading(doc, exclude=None):
    """The first element whose whole text is a related-news label ("Tin liên quan"), or
    the outermost of a nest of such elements (<div class=title><h3><a>Tin liên quan</a>)."""
    for node in _LABEL_TEXTS(doc):
        low = node.lower()
        if not any(h in low for h in _LABEL_HINTS) or _label_key(node) not in _FOLDED_RELATED:
            continue
        if not node.is_text:
            continue  # tail text: not an element's own label
        el = node.getparent()
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
    if not text or len(text) > 60 or el.xpath(".//a[@href]") and el.tag != "a":
        return False
    key = _label_key(text)
    if key in _FOLDED_OTHER:
        return True
    return el.tag in ("h1", "h2", "h3", "h4") and key not in _FOLDED_RELATED and not el.xpath("ancestor::a")


def extract_related(doc, page_url: str, *, scope_exclude=None, heading=None) -> list[Link]:
    heading = heading if heading is not None else find_related_heading(doc, exclude=scope_exclude)
    if heading is None:
        return []
    page = canonical_url(page_url)
    host = urlsplit(page).netloc

    def candidate_links(container):
        after = False
        links = []
        for el in container.iter():
            if el is heading:
                after = True
                continue
            if not after or heading in el.iterancestors():
                continue
            if _is_stop(el, heading):
                break
            if isinstance(el.tag, str) and el.tag == "a" and el.get("href"):
                links.append(el)
        return links

    def article_links(links):
        out = []
        for a in links:
            href = a.get("href").strip()
            if href.startswith(("javascript:", "mailto:", "#", "tel:")):
                continue
            url = canonical_url(href, page_url)
            if urlsplit(url).netloc != host or url == page or not is_article_url(url):
                continue
            if _label_key(text_of(a)) in _MORE_LINK_TEXT:
                continue
            out.append((url, a))
        return out

    container = heading
    found = []
    while container.getparent() is not None:
        container = container.getparent()
        found = article_links(candidate_links(container))
        if found:
            break
    entries: dict[str, Link] = {}
    weak: set[str] = set()
    for url, a in found:
        text = text_of(a)
        title = text
        if not title:
            title = clean_text(a.get("title")) or next(
                (clean_text(i.get("alt")) or clean_text(i.get("title")) for i in a.xpath(".//img")), ""
            )
        if url not in entries:
            entries[url] = Link(url=url, title=title or None)
            if not text:
                weak.add(url)
        elif url in weak and text:
            entries[url].title = text
            weak.discard(url)
    return list(entries.values())


# --- breadcrumb -------------------------------------------------------------------------

HOME_LABELS = {fold(x) for x in ("trang chủ", "home", "trang chu", "")}


def breadcrumb_category(items, title: str | None) -> str | None:
    names = [clean_text(x) for x in items]
    names = [n for n in names if n and fold(n) not in HOME_LABELS and n not in (">", "»", "/", "|")]
    if title:
        names = [n for n in names if n != title]
    return names[-1] if names else None


def jsonld_breadcrumb(doc) -> list[str]:
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and item.get("@type") == "BreadcrumbList":
                out = []
                for entry in sorted(item.get("itemListElement", []), key=lambda e: e.get("position", 0)):
                    name = entry.get("name") or (entry.get("item") or {}).get("name") if isinstance(entry.get("item"), dict) else entry.get("name")
                    if name:
                        out.append(name)
                return out
    return []


def date_from(doc_or_el, selectors) -> str | None:
    for sel in selectors:
        for el in sel(doc_or_el):
            value = parse_date(el.get("datetime") or el.get("content") or el.text_content())
            if value:
                return value
    return None


def structured_date(doc, ld) -> tuple[str | None, str | None]:
    """published date from JSON-LD, article:published_time meta or an itemprop element."""
    candidates = [(ld.get("datePublished") if ld else None, "jsonld"),
                  (meta_content(doc, "article:published_time", "pubdate", "datePublished",
                                "dc.date.issued"), "meta")]
    for el in doc.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        candidates.append((el.get("datetime") or el.get("content") or el.text_content(), "microdata"))
    first_day = None
    for value, source in candidates:
        parsed = parse_date(str(value)) if value else None
        if parsed and "T" in parsed:
            return parsed, source
        if parsed and first_day is None:
            first_day = (parsed, source)
    return first_day or (None, None)


def published_at(doc, scope, ld, selectors, sources) -> str | None:
    """Structured data first, then the layout's date box; a bare day yields to the same day
    with its time.  Records which source answered in ``sources``."""
    value, source = best_date(structured_date(doc, ld), (date_from(scope, selectors), "layout"))
    if value:
        sources["published_at"] = source
    return value


def best_date(*candidates: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """The first date found; but a bare day yields to a later source that gives the same
    day with its time (a meta tag with no time, a date box with one)."""
    found = [(v, s) for v, s in candidates if v]
    if not found:
        return None, None
    best = found[0]
    if "T" not in best[0]:
        for value, source in found[1:]:
            if "T" in value and value.startswith(best[0]):
                return value, source
    return best


# --- listings paged in their URL --------------------------------------------------------

# Where a page's own list never is: menus, side boxes, footers.
_CHROME = ("header", "nav", "footer", "aside")
_CHROME_CLASSES = ("sidebar", "widget", "menu", "footer", "header", "breadcrumb")
MIN_LISTING_ENTRIES = 3


def _in_chrome(el) -> bool:
    ancestors = list(el.iterancestors())
    # A post's own <header class="entry-header"> or <footer> holds its title link and its
    # meta: only what is around the post can make it the page's chrome.
    post = next((i for i, anc in enumerate(ancestors) if anc.tag == "article"), 0)
    for anc in ancestors[post:]:
        if anc.tag in _CHROME:
            return True
        classes = (anc.get("class") or "").lower()
        if any(c in classes for c in _CHROME_CLASSES):
            return True
    return False


def linked_entries(doc, page_url: str, is_article, item_selectors=()) -> list:
    """A listing's items from its links: every link to an article of the same site in
    the page's own content (not menus, side boxes or footers), in page order, once; the
    title from the link, the date from the smallest element around it that holds no other
    article link.  For layouts whose listings have no markup of their own to rely on
    (NukeViet's themes, WordPress's) and page in their URL."""
    from ..items import ListingEntry

    host = urlsplit(page_url).netloc
    links = []
    scopes = [el for sel in item_selectors for el in sel(doc)] or [doc]
    for scope in scopes:
        for a in scope.iter("a"):
            href = (a.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:")):
                continue
            url = canonical_url(href, page_url)
            if urlsplit(url).netloc != host or not is_article(url) or _in_chrome(a):
                continue
            links.append((a, url))
    entries: dict[str, ListingEntry] = {}
    for a, url in links:
        title = text_of(a) or clean_text(a.get("title"))
        if url in entries:
            if title and not entries[url].title:
                entries[url].title = title
            continue
        item = a
        for anc in a.iterancestors():
            others = {canonical_url(x.get("href") or "", page_url) for x in anc.iter("a")}
            if len({u for u in others if u != url and is_article(u)}) > 0:
                break
            item = anc
        entries[url] = ListingEntry(url=url, title=title or None,
                                    published_at=_item_date(item))
    return list(entries.values())


def _item_date(item) -> str | None:
    for el in item.iter("time"):
        value = parse_date(el.get("datetime") or el.text_content())
        if value:
            return value
    for line in block_lines(item):
        value = parse_date(line)
        if value and len(line) < 60:
            return value
    return None


def link_listing(doc, url: str, is_article, layout_key: str, item_selectors=()):
    """The page as a listing of its article links (see linked_entries), or None when it
    links to fewer than MIN_LISTING_ENTRIES articles."""
    from ..items import Listing

    url = canonical_url(url)
    entries = linked_entries(doc, url, is_article, item_selectors)
    if len(entries) < MIN_LISTING_ENTRIES:
        return None
    title_el = doc.find(".//title")
    heading = doc.xpath("//h1")
    category = (text_of(heading[0]) if heading else None) or (
        clean_text(title_el.text_content()).split(" - ")[0].split(" | ")[0]
        if title_el is not None else None)
    return Listing(url=url, category=category or None, entries=entries, layout=layout_key)
