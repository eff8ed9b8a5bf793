"""A page's markup as the layout parsers read it: its bytes decoded whatever the page or its
server claims (decode_page), parsed by lxml into a tree repaired as an HTML5 parser would
build it, with text typed in the legacy TCVN3 and VNI fonts converted (load), and the element
helpers every field reader shares: CSS selectors, an element's text and its lines, <meta>
values, whether an element is set bold, italic or right-aligned.  Layout modules (vnportal,
nukeviet, wordpress, generic) hold only their selectors and the order in which sources are
tried; the mechanics live here and in jsonld, bylines, body, links and published, so that one
fix reaches every layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from ..kernel import text as _text
from ..kernel.text import clean_text
from .legacy import convert_legacy
from .sieve import Sieved, is_loaded_root, mark_loaded, page_memo

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
    # The page's <meta> charset: a scan of its head, needed when no header names one, or
    # for the guess below.
    meta = None if header else _norm_encoding(html_body_declared_encoding(body))
    declared = header or meta
    bom, _ = read_bom(body)
    if bom:
        return Decoded(body.decode(bom, "replace").lstrip("\ufeff"), bom, declared)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, damaged = _damaged_utf8(body, exc)
        if damaged:
            return Decoded(text, "utf-8", declared, "the page is UTF-8 but for a few bytes "
                                                    "that are not: those are replaced")
    if text is not None:
        note = None
        if declared and declared not in _UTF8 and not text.isascii():
            note = (f"the page says {declared} but its bytes are valid UTF-8: read as UTF-8")
        return Decoded(text, "utf-8", declared, note)
    # Imported here: most pages are UTF-8, and a crawl of them need not hold bs4 (2 MB).
    from bs4.dammit import UnicodeDammit

    if header:
        meta = _norm_encoding(html_body_declared_encoding(body))
    known = [header] if header and header not in _UTF8 else []
    # A server's default Western label against the page's own <meta> naming another
    # 8-bit encoding (windows-1258): the page knows what its author typed in.
    overruled = (header in _SUSPECT_DECLARED and meta and meta not in _SUSPECT_DECLARED
                 and meta not in _UTF8)
    if overruled:
        known = []
    dammit = UnicodeDammit(body, known_definite_encodings=known,
                           user_encodings=[e for e in (meta, "cp1258") if e and e not in _UTF8],
                           is_html=True)
    encoding = dammit.original_encoding or "cp1258"
    if dammit.unicode_markup is None:  # nothing decoded cleanly: keep every byte we can
        return Decoded(body.decode("cp1258", "replace"), "cp1258", declared,
                       "no encoding decodes the page cleanly: read as windows-1258")
    note = None
    if overruled and _norm_encoding(encoding) == meta:
        note = (f"the server says {header} but the page's <meta> says {meta}: "
                f"read as {encoding}")
    elif declared and _norm_encoding(encoding) != declared:
        note = f"the page says {declared} but is not valid {declared}: read as {encoding}"
    return Decoded(dammit.unicode_markup, encoding, declared, note)


# Of a page that is not valid UTF-8: at most this share of its non-ASCII characters may
# be bad bytes, with at least MIN_UTF8 good, for it to be UTF-8 with a few damaged bytes.
# A legacy 8-bit Vietnamese page read as UTF-8 makes almost nothing but bad bytes.
MAX_BAD_UTF8 = 0.02
MIN_UTF8 = 50


def _damaged_utf8(body: bytes, exc: UnicodeDecodeError) -> tuple[str | None, bool]:
    """``body``, which is not valid UTF-8, as UTF-8 when it is that but for a cut (its
    end) or a few bad bytes (then with True: worth a note); else (None, False)."""
    if exc.reason == "unexpected end of data" and exc.end == len(body):
        # A page cut short in transit can end inside a character: the rest is UTF-8 still
        # (the cut itself is the truncation check's to judge).
        return body[:exc.start].decode("utf-8", "replace") + "\ufffd", False
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return (text, True) if good >= MIN_UTF8 and bad <= MAX_BAD_UTF8 * good else (None, False)


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


class PageElement(lxml.html.HtmlElement):
    """lxml.html's element whose text_content() is libxml2's text output (XPath string()'s
    text nodes, in C): half the cost of an XPath call, asked fifty times a page."""

    def text_content(self):
        return etree.tostring(self, method="text", encoding="unicode", with_tail=False)


# Every element a PageElement chosen in C: lxml.html's own lookup calls back into Python
# per element, for forms' and inputs' classes no parser uses (a tenth of their time).
_HTML_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=PageElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))


def load(html: bytes | str, content_type: str | None = None, *, decoded: Decoded | None = None):
    """The page's tree; ``decoded``, when the caller already has decode_page's answer for
    these bytes (it wants the note), spares the second decoding, and the scans below
    still run on the bytes."""
    decoded = decoded or decode_page(html, content_type)
    text = decoded.text
    # lxml refuses str input carrying an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    # The bytes themselves, when the text is exactly their UTF-8 (most pages): the scans of
    # the whole page below then run on bytes, several times faster than on the text.
    raw = html if _plain_utf8(html, decoded, text) else None
    if raw is None or _has_control_bytes(raw):
        text = _CONTROLS.sub("", text)
        raw = None
    if "&#" in text:
        kept = len(text)
        text = _CONTROL_REFS.sub("", text)
        raw = raw if len(text) == kept else None
    if not text.strip():
        raise ValueError("empty page")
    try:
        doc = lxml.html.document_fromstring(text, parser=_HTML_PARSER)
    except etree.ParserError:  # lxml's "Document is empty"
        raise ValueError("no HTML element in the page, only a doctype or comments") from None
    if any("Excessive depth" in e.message for e in _HTML_PARSER.error_log):
        doc = lxml.html.document_fromstring(flatten_deep(text), parser=_HTML_PARSER)
    hoist_blocks(doc)
    for br in doc.iter("br"):
        # A line break parts words as a space does: "<b>Trần Văn Thắng</b><br>(Đài ...)"
        # is two lines, not "Thắng(Đài", wherever a field reads the element's text.
        tail = br.tail
        if not tail or not tail[0].isspace():
            br.tail = "\n" + (tail or "")
    if (_LEGACY_FONT_HINT.search(text) if raw is None
            else _LEGACY_FONT_HINT_BYTES.search(raw.lower())):
        # Text typed in the TCVN3 or VNI fonts: converted to Unicode before any field is
        # read (and before NFC, which would merge its marks into the wrong letters).
        converted = convert_legacy(doc)
        if converted:
            doc.set(LEGACY_MARK, ",".join(converted))
    mark_loaded(doc)
    return doc


# Where load() notes the legacy encodings it converted, on the root element (outside any
# field a parser reads).
LEGACY_MARK = "data-govnews-legacy"
# r"\.vn[a-z]|vni[- ]" with re.IGNORECASE, spelt out case by case (the letters
# IGNORECASE folds into i, k and s included) so that the scan of the whole page runs on a
# case-sensitive pattern, two to three times faster.
_I = "[Ii\u0130\u0131]"
_LEGACY_FONT_HINT = re.compile(
    "[Vv][Nn](?:" + _I + "[- ]|(?<=\\.[Vv][Nn])[A-Za-z\u0130\u0131\u017f\u212a])")


# The same test on a page's UTF-8 bytes with ASCII letters lowered (bytes.lower() leaves
# every byte of a multi-byte letter alone): "İ" and "ı" are C4 B0 and C4 B1, "ſ" C5 BF
# and the Kelvin sign E2 84 AA.  A match starts at an ASCII "v", so on a letter's boundary.
_LEGACY_FONT_HINT_BYTES = re.compile(
    rb"vn(?:(?:i|\xc4[\xb0\xb1])[- ]|(?<=\.vn)(?:[a-z]|\xc4[\xb0\xb1]|\xc5\xbf|\xe2\x84\xaa))")
# _CONTROLS in UTF-8: the C0 controls and DEL are single bytes, U+0080-U+009F are C2 80-9F.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _plain_utf8(html, decoded: Decoded, text: str) -> bool:
    """Whether ``text`` is ``html``'s bytes read as UTF-8, nothing dropped (no BOM, no
    XML declaration)."""
    return (isinstance(html, bytes) and decoded.encoding == "utf-8" and text is decoded.text
            and not html.startswith(b"\xef\xbb\xbf"))


def _has_control_bytes(raw: bytes) -> bool:
    """Whether UTF-8 ``raw`` holds a character _CONTROLS removes."""
    return len(raw.translate(None, _CONTROL_BYTES)) != len(raw) or bool(_C1_UTF8.search(raw))


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
    return Sieved(selector)


# Shapes of XPath an element walk answers in a third of the time lxml's XPath takes to set
# up on an element (the parsers ask them of small parts, a paragraph's links, an image's
# ancestors, a score of times a page): ".//img", ".//a[@href]", "ancestor::a[@href]",
# "ancestor::figure[1]".  Hand-written: lxml has no faster way to ask these.
_WALKABLE = re.compile(r"(\.//|ancestor::)([a-z][a-z0-9]*)(?:\[@([a-z][a-z-]*)\])?(\[1\])?$")


@cache
def _xpath(expr: str):
    """The compiled ``expr``, or a walk answering it as XPath does."""
    compiled = etree.XPath(expr)
    m = _WALKABLE.match(expr)
    if m is None or m[1] == ".//" and m[4]:
        return compiled
    axis, tag, attr, nearest = m.groups()

    def walk(el):
        if not hasattr(el, "iterancestors"):  # a whole tree, as XPath also takes
            return compiled(el)
        found = el.iterdescendants(tag) if axis == ".//" else el.iterancestors(tag)
        found = [x for x in found if attr is None or x.get(attr) is not None]
        if axis == ".//":
            return found
        # ancestors in page order (outermost first); [1] is the nearest
        return found[:1] if nearest else found[::-1]

    return walk


def xp(el, expr: str) -> list:
    """``el.xpath(expr)`` with ``expr`` compiled once, not on every call."""
    return _xpath(expr)(el)


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


def unlinked_text(el) -> str:
    """The text of ``el`` without its links' (a meta line's category link, a list item's
    title)."""
    return clean_text(" ".join(xp(el, ".//text()[not(ancestor::a)]")))


_UNSEEN = ("script", "style", "noscript")


def shown_text(el) -> str:
    """``text_of(el)`` without what a reader never sees in it: a script or a style set
    inside a headline (a crafted title, a tracker a template pastes in)."""
    if el is None:
        return ""
    if next(el.iter(*_UNSEEN), None) is None:
        return text_of(el)

    def shown(node) -> str:
        out = [node.text or ""]
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _UNSEEN:
                out.append(shown(child))
            out.append(child.tail or "")
        return "".join(out)

    return clean_text(shown(el))


# A character clean_text keeps: neither whitespace nor one of the invisible or control
# characters it removes.
_SHOWN = re.compile("[^\\s" + _text._INVISIBLE.pattern[1:-1] + _text._CONTROLS.pattern[1:-1] + "]")


def has_text(el) -> bool:
    """``bool(text_of(el))``, read only up to the first character shown instead of
    building and cleaning the element's whole text (an entity left in the text, which
    clean_text decodes, is left to text_of)."""
    if el is None:
        return False
    if not isinstance(el.tag, str):
        return bool(text_of(el))
    for piece in el.itertext():
        if "&" in piece:
            return bool(text_of(el))
        if _SHOWN.search(piece):
            return True
    return False


_METAS = etree.XPath("//meta")


def _metas_named(root) -> dict[str, list]:
    """name -> the page's <meta> elements whose property, name or itemprop it is, in page
    order: what ``//meta[@property=$n or @name=$n or @itemprop=$n]`` finds, for every
    name at once (a page's readers ask for a dozen)."""
    named: dict[str, list] = {}
    # A loaded page's <meta> elements, fewer than //meta scans to find.
    for el in (root.iter("meta") if is_loaded_root(root) else _METAS(root)):
        for key in dict.fromkeys((el.get("property"), el.get("name"), el.get("itemprop"))):
            if key is not None:
                named.setdefault(key, []).append(el)
    return named


def meta_content(doc, *names: str) -> str | None:
    metas = page_memo(doc, "metas", _metas_named)
    for name in names:
        for el in metas.get(name, ()):
            value = clean_text(el.get("content"))
            if value:
                return value
    return None


# --- an element's text as lines, and how it is set --------------------------------------

BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
    "table", "tr", "td", "th", "tbody", "thead", "section", "article", "figure", "figcaption",
    "dl", "dt", "dd", "center", "header", "footer", "aside", "address",
}
NOISE_TAGS = ("script", "style", "noscript", "form", "button", "input", "select", "textarea",
              "iframe", "object", "embed", "svg", "template", "link", "meta")

# Block boundaries are marked with a character no page contains, because the page's own
# newlines are mere whitespace inside a paragraph.
_BREAK = "\ue000"


def block_lines(el) -> list[str]:
    """Visible text of ``el`` as lines: one per block element or <br>, cleaned, non-empty.

    Walked without recursion (lxml's iterwalk), so a page nested a thousand deep costs
    no Python stack."""
    parts: list[str] = [el.text or ""]
    # (a comment's or a processing instruction's event brings the text after it)
    walker = etree.iterwalk(el, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if node is el:
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if event in ("comment", "pi"):
            if node.tail:
                parts.append(node.tail)
        elif event == "start":
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
        # Bootstrap's text-right (text-end from its 5), the block editor's has-text-align-right.
        if {"text-right", "text-end", "right", "author", "author-name", "has-text-align-right",
                "alignright"} & set(classes):
            return True
    return False


_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)\b", re.IGNORECASE)
_BOLD_CLASS = re.compile(r"(?:^|\s)(?:bold|fw-bold|font-weight-bold|text-bold|b)(?:\s|$)")


def _bold(node) -> bool:
    return (node.tag in ("strong", "b") or bool(_BOLD_STYLE.search(node.get("style") or ""))
            or bool(_BOLD_CLASS.search(node.get("class") or "")))


def is_all_bold(el) -> bool:
    """Every visible character of el is bold: inside <strong>/<b>, a bold style or class,
    or el itself set bold (<p style="font-weight: bold">)."""
    total = text_of(el)
    if not total:
        return False
    if _bold(el):
        return True
    bold = 0
    for node in el.iterdescendants():
        if not isinstance(node.tag, str) or not _bold(node):
            continue
        outer = False
        for anc in node.iterancestors():
            if anc is el:
                break
            if isinstance(anc.tag, str) and _bold(anc):
                outer = True
                break
        if not outer:
            bold += len(text_of(node))
    return bold >= len(total) * 0.9


def is_all_italic(el) -> bool:
    total = text_of(el)
    if not total:
        return False
    italic = "".join(text_of(i) for i in xp(el, ".//em | .//i") if not xp(i, "ancestor::em | ancestor::i"))
    return len(clean_text(italic)) >= len(total) * 0.9


def _within(el, container) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


# Page builders name every element they make a widget ("elementor-widget-theme-post-content"
# holds a post's text), so their widget tokens say nothing about chrome.
_BUILDER_WIDGET = re.compile(r"(?<![\w-])elementor-widget[\w-]*")


def chrome_names(el, ids: bool = True) -> str:
    """``el``'s class (and with ``ids`` its id) in lower case, as the words that name chrome
    are looked for in them; of the page's <body> and <html> nothing (their classes name the
    whole page: a WordPress template "elementor_header_footer"), and no page builder's
    widget token."""
    if el.tag in ("body", "html"):
        return ""
    names = (f"{el.get('class') or ''} {el.get('id') or ''}" if ids else el.get("class") or "").lower()
    return _BUILDER_WIDGET.sub(" ", names) if "elementor-widget" in names else names
