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
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape as html_unescape
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
from bs4.dammit import UnicodeDammit
from lxml import etree
from lxml.cssselect import CSSSelector
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from ..kernel.dates import MONTH_NAMES, english_date, parse_date
from ..kernel.record import Article, Attachment, Image, Link
from ..kernel.text import canonical_url, clean_text, fold, site_of
from .legacy import convert_legacy

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


# --- structured data (JSON-LD) ----------------------------------------------------------
# Site templates write JSON-LD by hand or by string concatenation, and get it wrong in
# every way seen: lists inside lists ("itemListElement": [[{...}], [{...}]]), plain strings
# where objects belong ("author": "Báo Nghệ An", "publisher": "Site"), numbers in @type,
# positions as strings, @graph as one object, a trailing comma, an HTML comment or CDATA
# markers around the JSON, two objects pasted into one script.  Nothing here assumes a
# shape: every value is checked for its type before it is read, what cannot be read is
# skipped (the page's markup answers instead), and structured_data_problems says what was
# wrong so that the archive can keep a note of it.

ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle",
                 "analysisnewsarticle", "report", "backgroundnewsarticle", "opinionnewsarticle"}
# Types whose "name" is an organisation's or the site's own.
SITE_TYPES = {"organization", "newsmediaorganization", "governmentorganization", "corporation",
              "website", "educationalorganization", "localbusiness"}
# Article fields read as text; whatever shape a template gave them, jsonld_article hands
# them over as a string (or leaves them out).
LD_TEXT_FIELDS = ("headline", "alternativeHeadline", "name", "description", "datePublished",
                  "dateCreated", "dateModified", "articleSection", "inLanguage")

_LD_SCRIPTS = etree.XPath(
    "//script[starts-with(translate(normalize-space(@type), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz'), 'application/ld+json')]")
# Wrappers from the days when scripts hid from old browsers: <!-- -->, <![CDATA[ ]]>, and
# their commented-out forms (//<![CDATA[, /*<![CDATA[*/).
_LD_OPEN = re.compile(r"^\s*(?:/\*\s*)?(?://\s*)?(<!--|<!\[CDATA\[)(?:\s*\*/)?")
_LD_CLOSE = re.compile(r"(?:/\*\s*)?(?://\s*)?(-->|\]\]>)(?:\s*\*/)?\s*$")
_LD_WRAPPER_NAMES = {"<!--": "an HTML comment", "<![CDATA[": "CDATA markers"}
_LD_STRICT = json.JSONDecoder()
_LD_LENIENT = json.JSONDecoder(strict=False)
# Deeper than this is no metadata anyone wrote: a template looping on itself.
_LD_MAX_DEPTH = 20


@dataclass
class LdBlock:
    """One <script type="application/ld+json">: its JSON values (a script may hold several
    pasted one after another), or why it could not be read, and what was wrong with its
    text even where it was read."""

    number: int
    values: list
    error: str | None = None
    notes: list[str] = field(default_factory=list)


def _ld_unwrap(text: str, notes: list) -> str:
    for _ in range(4):  # a comment inside CDATA markers, or the reverse
        opened = _LD_OPEN.match(text)
        if not opened:
            break
        closed = _LD_CLOSE.search(text, opened.end())
        text = text[opened.end():closed.start() if closed else len(text)]
        notes.append(f"is wrapped in {_LD_WRAPPER_NAMES[opened.group(1)]}")
    return text


def _ld_decode(text: str, notes: list) -> tuple[list, str | None]:
    """The JSON values in ``text`` and the first error, if any (values before it kept)."""
    values: list = []
    pos, end = 0, len(text)
    while True:
        while pos < end and text[pos] in " \t\r\n;,\ufeff":
            pos += 1
        if pos >= end:
            return values, None
        try:
            value, pos = _LD_STRICT.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            if "control character" not in exc.msg:
                return values, f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
            # Line breaks typed into a description: invalid JSON that every reader
            # forgives, and so do we, with a note.
            try:
                value, pos = _LD_LENIENT.raw_decode(text, pos)
            except json.JSONDecodeError as again:
                return values, f"{again.msg} at line {again.lineno}, column {again.colno}"
            except RecursionError:
                return values, "nested too deep to read"
            if "has raw control characters (line breaks, tabs) inside its strings" not in notes:
                notes.append("has raw control characters (line breaks, tabs) inside its strings")
        except RecursionError:
            return values, "nested too deep to read"
        values.append(value)
        if len(values) == 2:
            notes.append("holds several JSON texts one after another")


def jsonld_blocks(doc) -> list[LdBlock]:
    """Every JSON-LD script of the page, in page order, read as leniently as is safe."""
    return [LdBlock(number, *_ld_read(script.text or ""))
            for number, script in enumerate(_LD_SCRIPTS(doc), 1)]


@lru_cache(maxsize=32)
def _ld_read(raw: str) -> tuple[list, str | None, list[str]]:
    """(values, error, notes) of one script's text; read once however many fields of the
    page ask for it (the title, the date, the byline, the site's name, the breadcrumb)."""
    notes: list[str] = []
    text = _ld_unwrap(raw, notes)
    if "&quot;" in text and '"' not in text:
        # A CMS that escaped the JSON as HTML text.
        text = html_unescape(text)
        notes.append("is escaped as HTML (&quot; for quotes)")
    values, error = _ld_decode(text, notes)
    return values, error, notes


def _ld_flat(value, depth: int = 0) -> list:
    """``value`` as a list of its non-list items, nested lists flattened; None -> []."""
    if value is None:
        return []
    if not isinstance(value, list):
        return [value]
    if depth > _LD_MAX_DEPTH:
        return []
    out: list = []
    for item in value:
        out.extend(_ld_flat(item, depth + 1) if isinstance(item, list) else [item])
    return out


def _ld_objects(values) -> list[dict]:
    """The objects of a block, in order: top-level ones, those in (nested) lists, and
    those in @graph (a list or, as some templates write it, one object)."""
    out: list[dict] = []
    stack = [(v, 0) for v in reversed(values)]
    while stack:
        item, depth = stack.pop()
        if depth > _LD_MAX_DEPTH:
            continue
        if isinstance(item, list):
            stack.extend((x, depth + 1) for x in reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, (list, dict)):
                stack.append((graph, depth + 1))
    return out


def jsonld_nodes(doc) -> list[dict]:
    """Every JSON-LD object of the page (all blocks, lists and @graphs flattened)."""
    return [node for block in jsonld_blocks(doc) for node in _ld_objects(block.values)]


def ld_types(node) -> set[str]:
    """The object's types, lowercased, without a vocabulary prefix ("schema:NewsArticle",
    "http://schema.org/NewsArticle"); whatever is not a string is ignored."""
    if not isinstance(node, dict):
        return set()
    return {k.strip().rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()
            for k in _ld_flat(node.get("@type")) if isinstance(k, str) and k.strip()}


def jsonld_text(value, _depth: int = 0) -> str | None:
    """The first text in a JSON-LD value of any shape: a string, a number, an object's
    name or @value, the first of a (nested) list."""
    if value is None or isinstance(value, bool) or _depth > _LD_MAX_DEPTH:
        return None
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        for item in value:
            text = jsonld_text(item, _depth + 1)
            if text:
                return text
        return None
    if isinstance(value, dict):
        for key in ("name", "@value", "text"):
            text = jsonld_text(value.get(key), _depth + 1)
            if text:
                return text
    return None


def jsonld_article(doc) -> dict:
    """The first JSON-LD object typed as an article (in any block, list or @graph), or {}.

    A shallow copy whose text fields (LD_TEXT_FIELDS) are strings whatever the page gave
    (a headline as a list, a date as an object), so that callers may read them as such;
    ``author`` and ``publisher`` are left as they are (read with jsonld_people)."""
    for node in jsonld_nodes(doc):
        if ld_types(node) & ARTICLE_TYPES:
            view = dict(node)
            for key in LD_TEXT_FIELDS:
                if key in view:
                    # A text field given as a list of mixed things is malformed: the
                    # markup answers instead (a list of one string is a common slip).
                    value = view[key]
                    if isinstance(value, list) and not (
                            len(value) == 1 and isinstance(value[0], str)):
                        value = None
                    text = jsonld_text(value) if value is not None else None
                    if text:
                        view[key] = text
                    else:
                        del view[key]
            return view
    return {}


@dataclass
class LdPerson:
    name: str
    # typed as an organisation (Organization, NewsMediaOrganization, ...)
    organisation: bool
    # written as schema.org asks: an object with a name (not a bare string, a number)
    well_formed: bool


def jsonld_people(value) -> list[LdPerson]:
    """The names in an author or publisher value of any shape: an object, a string, a
    list of either, lists of lists."""
    out = []
    for item in _ld_flat(value):
        if isinstance(item, dict):
            name = jsonld_text(item.get("name"))
            if name:
                out.append(LdPerson(name, bool(ld_types(item) & SITE_TYPES), True))
        else:
            name = jsonld_text(item)
            if name:
                out.append(LdPerson(name, False, False))
    return out


def jsonld_site_names(doc, ld=None) -> list[str]:
    """Names the page's JSON-LD gives its publisher: the article's publisher, and every
    organisation or website object of the page."""
    ld = jsonld_article(doc) if ld is None else ld
    names = [p.name for p in jsonld_people(ld.get("publisher") if ld else None)]
    for node in jsonld_nodes(doc):
        if ld_types(node) & SITE_TYPES:
            name = jsonld_text(node.get("name"))
            if name:
                names.append(name)
    return names


def _ld_position(entry) -> float | None:
    value = entry.get("position")
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def jsonld_breadcrumb(doc, well_formed: bool | None = None) -> list[str]:
    """The names of the first JSON-LD BreadcrumbList that has any, in position order
    (page order when some item has no usable position).  ``well_formed``: only from a
    list written as schema.org asks (True), or only from one that is not (False): a
    caller may trust a visible trail more than a template that got its list wrong."""
    for node in jsonld_nodes(doc):
        if "breadcrumblist" not in ld_types(node):
            continue
        if well_formed is not None and well_formed == bool(_breadcrumb_problems("", node)):
            continue
        entries = [e for e in _ld_flat(node.get("itemListElement")) if isinstance(e, dict)]
        positions = [_ld_position(e) for e in entries]
        if entries and all(p is not None for p in positions):
            entries = [e for _, _, e in sorted(zip(positions, range(len(entries)), entries))]
        names = []
        for entry in entries:
            name = jsonld_text(entry.get("name"))
            item = entry.get("item")
            if not name and isinstance(item, dict):
                name = jsonld_text(item.get("name"))
            if name:
                names.append(name)
        if names:
            return names
    return []


# --- what is wrong with it

def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({short!r})"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _kinds(items) -> str:
    """"strings and numbers" for the non-object items of a list."""
    names = []
    for item in items:
        name = ("lists" if isinstance(item, list) else "strings" if isinstance(item, str)
                else "numbers" if isinstance(item, (int, float)) and not isinstance(item, bool)
                else "nulls" if item is None else "true/false values")
        if name not in names:
            names.append(name)
    return " and ".join(names)


def _node_label(node) -> str:
    for kind in _ld_flat(node.get("@type")):
        if isinstance(kind, str) and kind.strip():
            return kind.strip().rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return "object"


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "AEIOU" else "a ") + noun


def _people_problem(label: str, key: str, value, wanted: str) -> str | None:
    """``wanted``: what each entry should be ("Person or Organization")."""
    if value is None:
        return None
    if isinstance(value, str):
        return f"{label}'s {key} is a plain string, not {_a(wanted)}"
    if isinstance(value, dict):
        # {"@id": ...} refers to an object elsewhere in the @graph (Yoast writes so).
        named = jsonld_text(value.get("name")) or isinstance(value.get("@id"), str)
        return None if named else f"{label}'s {key} has no name"
    if not isinstance(value, list):
        return f"{label}'s {key} is {_kind(value)}, not {_a(wanted)}"
    if any(isinstance(x, list) for x in value):
        return f"{label}'s {key} holds lists inside its list, not {wanted} objects"
    odd = [x for x in value if not isinstance(x, dict)]
    if odd:
        return f"{label}'s {key} list holds {_kinds(odd)}, not only {wanted} objects"
    return None


def _breadcrumb_problems(label: str, node: dict) -> list[str]:
    value = node.get("itemListElement")
    if value is None:
        return [f"{label} has no itemListElement"]
    if isinstance(value, dict):
        return [f"{label}'s itemListElement is a single object, not a list of items"]
    if not isinstance(value, list):
        return [f"{label}'s itemListElement is {_kind(value)}, not a list of items"]
    out = []
    if any(isinstance(x, list) for x in value):
        out.append(f"{label}'s itemListElement holds lists, not items")
    odd = [x for x in value if not isinstance(x, (dict, list))]
    if odd:
        out.append(f"{label}'s itemListElement holds {_kinds(odd)}, not items")
    entries = [e for e in _ld_flat(value) if isinstance(e, dict)]
    raw = [e.get("position") for e in entries if "position" in e]
    strings = [p for p in raw if isinstance(p, str)]
    numbers = [p for p in raw if isinstance(p, (int, float)) and not isinstance(p, bool)]
    if strings and numbers:
        out.append(f"{label}'s item positions mix numbers and strings ({strings[0]!r})")
    elif strings:
        out.append(f"{label}'s item positions are strings ({strings[0]!r}), not numbers")
    unreadable = [p for p in raw if _ld_position({"position": p}) is None]
    if unreadable:
        out.append(f"{label} has an item position that is no number: {_kind(unreadable[0])}")
    return out


def _object_problems(node: dict) -> list[str]:
    label = _node_label(node)
    out = []
    odd = [k for k in _ld_flat(node.get("@type")) if not (isinstance(k, str) and k.strip())]
    if isinstance(node.get("@type"), list) and any(isinstance(k, list) for k in node["@type"]):
        out.append(f"{label}'s @type holds lists")
    elif odd:
        out.append(f"{label}'s @type holds {_kind(odd[0])}, not a type name")
    types = ld_types(node)
    if types & ARTICLE_TYPES:
        for key in ("headline", "datePublished"):
            value = node.get(key)
            if value is not None and not isinstance(value, str):
                out.append(f"{label}'s {key} is {_kind(value)}, not text")
        published = node.get("datePublished")
        if isinstance(published, str) and published.strip() and not parse_date(published):
            out.append(f"{label}'s datePublished {published[:40]!r} is not a date")
        for key, wanted in (("author", "Person or Organization"),
                            ("publisher", "Organization")):
            problem = _people_problem(label, key, node.get(key), wanted)
            if problem:
                out.append(problem)
    if "breadcrumblist" in types:
        out.extend(_breadcrumb_problems(label, node))
    graph = node.get("@graph")
    if isinstance(graph, dict):
        out.append("@graph is a single object, not a list")
    elif graph is not None and not isinstance(graph, list):
        out.append(f"@graph is {_kind(graph)}, not a list")
    elif isinstance(graph, list):
        odd = [x for x in graph if not isinstance(x, dict)]
        if odd:
            out.append(f"@graph holds {_kinds(odd)}, not objects")
    return out


def structured_data_problems(doc) -> list[str]:
    """One plain sentence per JSON-LD block of the page that is malformed (what the
    parsers read past), in page order; empty when every block is well formed.  E.g.
    "JSON-LD block 2 is not valid JSON (Expecting ',' delimiter at line 3, column 5)",
    "JSON-LD block 1: BreadcrumbList's itemListElement holds lists, not items"."""
    sentences = []
    for block in jsonld_blocks(doc):
        clauses = list(block.notes)
        if block.error:
            clauses.insert(0, f"is not valid JSON ({block.error})")
        elif not block.values:
            clauses.insert(0, "is empty")
        for value in block.values:
            if not isinstance(value, (dict, list)):
                clauses.append(f"holds {_kind(value)}, not an object")
                continue
            if isinstance(value, list):
                odd = [x for x in value if not isinstance(x, dict)]
                if odd:
                    clauses.append(f"holds a list of {_kinds(odd)}, not only objects")
            for node in _ld_objects([value]):
                clauses.extend(_object_problems(node))
        if not clauses:
            continue
        verbs = [c for c in clauses if c.startswith(("is ", "has ", "holds "))]
        others = [c for c in clauses if c not in verbs]
        if verbs:
            sentence = f"JSON-LD block {block.number} " + "; ".join(
                verbs[:1] + [f"it {c}" for c in verbs[1:]] + others)
        else:
            sentence = f"JSON-LD block {block.number}: " + "; ".join(others)
        sentences.append(sentence)
    return sentences


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
        # Bootstrap's text-right, the block editor's has-text-align-right.
        if {"text-right", "right", "author", "has-text-align-right", "alignright"} & set(classes):
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


# --- who wrote it: people, organisations, the site's own name ---------------------------

# Labels before a byline that strip_byline_label does not know ("Viết bởi", "Posted by").
AUTHOR_LABEL = re.compile(r"^\s*(?:viết bởi|đăng bởi|gửi bởi|người đăng|bởi|posted by"
                          r"|written by|by)\s*[:：]?\s+", re.IGNORECASE)
# The photographer after the writer: "Hồ Phương - Ảnh: Thành Cường".
PHOTO_CREDIT = re.compile(r"\s*[-–—,;|]?\s*\(?\s*(?:ảnh|photo|video|đồ họa)\s*[:：].*$",
                          re.IGNORECASE)
# CMS accounts, not people ("admin", "Quản trị viên", "bientap.pbgdpl"; not "N.H").
ACCOUNT = re.compile(r"^(?:admin\w*|administrator|quản trị(?: viên)?|super user|webmaster"
                     r"|biên tập(?: viên)?|ban biên tập|editor|root|btv|user\d*"
                     r"|(?-i:[a-z0-9]{3,}[._][a-z0-9._]{2,}))$", re.IGNORECASE)
# A byline that names an organisation or a paper: not an author.
ORG_WORDS = ("báo ", "tạp chí", "cổng thông tin", "cổng ttđt", "trang thông tin", "công an ",
             "sở ", "ủy ban", "uỷ ban", "ubnd", "ban ", "phòng ", "trung tâm", "đài ",
             "văn phòng", "hội ", "đoàn thanh niên", "tỉnh đoàn", "huyện đoàn", "huyện ủy",
             "tỉnh ủy", "thành ủy", "bộ ", "cục ", "chi cục", "viện ", "trường ", "bệnh viện",
             "tòa án", "toà án", "viện kiểm sát", "xã ", "phường ", "thị trấn ",
             "ttxvn", "vov", "vtv", "công ty", "tập đoàn", "hợp tác xã", "department",
             "ministry", "office of", "council", "agency", "the ")
ORG_SUFFIX = re.compile(r"\b(?:inc|ltd|llc|corp|co|plc|gmbh|jsc|company|group|corporation)\.?$",
                        re.IGNORECASE)
# A reporter's role after the name, not a second name: "Thu Hà - PV", "Jane Doe, Staff
# Writer".
ROLE_WORDS = {"pv", "ctv", "btv", "ptv", "ktv", "nhóm pv", "phóng viên", "cộng tác viên",
              "biên tập viên", "thông tấn viên", "reporter", "correspondent", "editor", "staff",
              "writer", "contributor", "columnist", "photographer", "staff writer"}
_FOLDED_ROLES = {fold(x) for x in ROLE_WORDS}
# Particles inside Western names ("Ursula von der Leyen").
_NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "del", "dos", "la",
                   "le", "bin", "al", "y"}
# "N.H", "Q.M.", "T.L": the initials some papers sign with.
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.){1,3}[A-ZĐ]?\.?$")
# Between two writers' names: "Hồ Phương - Lê Minh", "Hồ Phương, Lê Minh", "Hồ Phương và
# Lê Minh", "Jane Doe and John Roe".
_AUTHOR_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[,;&]\s*|\s+(?:và|and)\s+", re.IGNORECASE)


def is_org(text: str | None) -> bool:
    low = clean_text(text).lower() + " "
    return (low.startswith(ORG_WORDS) or bool(re.search(r"\.(?:vn|com|net|org)\b", low))
            or bool(ORG_SUFFIX.search(low.strip())))


def is_person_name(text: str) -> bool:
    """A person's name as bylines print it: one to five capitalised words ("Hồ Phương",
    "HỒ PHƯƠNG", "N.H", "Ursula von der Leyen"), no digits, no role, no organisation."""
    text = clean_text(text)
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 40 or re.search(r"[\d():/@|\"“”]", text):
        return False
    if fold(text) in _FOLDED_ROLES or any(fold(w) in _FOLDED_ROLES for w in words):
        return False
    if is_org(text) or ACCOUNT.match(text):
        return False
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 3 and "." not in words[0]:
        return False  # an acronym: TTXVN, TTKSBT
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES or _INITIALS.match(w)
               for w in words)


def _one_name(text: str) -> bool:
    return is_person_name(text) and (len(text.split()) >= 2 or bool(_INITIALS.match(text)))


def split_authors(text: str) -> list[str]:
    """The writers of a byline that names several ("Hồ Phương - Lê Minh"), or the byline
    whole when any part of it is no person's name ("Thu Hà - Văn phòng UBND tỉnh",
    "Thu Hà - PV")."""
    parts = [p.strip() for p in _AUTHOR_SEPARATOR.split(text) if p.strip()]
    if len(parts) > 1 and all(_one_name(p) for p in parts):
        return parts
    return [text]


def join_authors(names) -> str | None:
    """Writers in page order, each once, joined with ", "."""
    seen, out = set(), []
    for name in names:
        key = fold(name) if name else ""
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return ", ".join(out) or None


_SITE_PREFIXES = ("baodientu", "bao", "tapchi", "congthongtindientu", "congthongtin", "congttdt",
                  "trangthongtindientu", "trangtindientu", "trangthongtin", "www")
_SITE_SUFFIXES = ("online", "dientu", "govvn", "comvn", "vn", "com", "net", "org", "news")
# Host labels that name no site: public suffixes and the "www" in front.
_HOST_NOISE = {"www", "vn", "com", "net", "org", "gov", "edu", "info", "biz", "io", "co", "uk",
               "us", "int", "ac"}
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright|bản quyền(?: thuộc về)?)\s*[:：]?\s*(?:\d{4}\s*[-–]?\s*"
                        r"(?:\d{4})?\s*)?(?:by\s+)?", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—:»]\s+|\s*::\s*")
_SITE_METAS = {"og:site_name", "application-name", "apple-mobile-web-app-title", "publisher",
               "dc.publisher", "copyright", "twitter:site"}


def _name_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _key_variants(key: str, prefixes: bool = True) -> set[str]:
    """A name's key with and without the words that come and go in a site's name ("Báo
    Nghệ An", "Nghệ An Online", "baonghean.vn").  Without ``prefixes`` only its tail is
    let go: "Báo Nghệ An" is a paper, not the province's portal nghean.gov.vn."""
    out = {key}
    for prefix in _SITE_PREFIXES if prefixes else ():
        if key.startswith(prefix):
            out.add(key[len(prefix):])
    for k in list(out):
        for suffix in _SITE_SUFFIXES:
            if k.endswith(suffix):
                out.add(k[:-len(suffix)])
    return {k for k in out if len(k) >= 4}


@dataclass(frozen=True)
class SiteNames:
    """The names a page gives its site, and its host's: none of them is an author."""

    names: tuple[str, ...] = ()
    keys: frozenset[str] = frozenset()

    def named(self, text: str | None) -> bool:
        """``text`` is the site's own name, however spelt ("Báo Nghệ An", "baonghean.vn",
        "BAONGHEAN" on baonghean.vn)."""
        key = _name_key(text or "")
        return bool(key) and bool(_key_variants(key, prefixes=False) & self.keys)


def site_names(doc, url: str | None = None, ld=None) -> SiteNames:
    """The site's names: og:site_name and its kin, the publisher in the page's JSON-LD,
    the last part of <title> ("... - Báo Nghệ An"), and the host's name."""
    names = []
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in _SITE_METAS:
            value = _COPYRIGHT.sub("", clean_text(el.get("content")).lstrip("@")).strip(" .")
            if 2 <= len(value) <= 80:
                names.append(value)
    names.extend(jsonld_site_names(doc, ld))
    title = doc.find(".//title")
    parts = _TITLE_SEPARATOR.split(text_of(title)) if title is not None else []
    if len(parts) >= 2 and 2 <= len(parts[-1].strip()) <= 60:
        names.append(parts[-1].strip())
    keys: set[str] = set()
    for name in names:
        keys |= _key_variants(_name_key(name))
    if url:
        host = (urlsplit(url).hostname or "").lower()
        labels = [x for x in host.split(".") if x and x not in _HOST_NOISE]
        keys |= _key_variants(_name_key(host))
        for label in labels + ["".join(labels)]:
            keys |= _key_variants(_name_key(label))
    return SiteNames(tuple(dict.fromkeys(names)), frozenset(keys))


def clean_author(text: str | None, site: SiteNames | None = None) -> str | None:
    """A byline as printed, without its labels, its date and the photographer, several
    writers joined with ", "; None for an account name, an organisation, a credit or the
    site's own name."""
    text = clean_text(text)
    if not text or text.startswith(("http://", "https://", "www.")):
        return None
    dated = byline_date(text)
    if dated:
        text = dated[0]
    text = AUTHOR_LABEL.sub("", text)
    text = strip_byline_label(text) or ""
    text = PHOTO_CREDIT.sub("", text).strip(" -–—|,")
    if not text or len(text) > 80 or len(text.split()) > 12 or re.search(r"\d\d|\d[/.:]\d", text):
        return None  # not a name: a date, a time, a count
    if ACCOUNT.match(text) or is_org(text) or credit_of(text) or (site and site.named(text)):
        return None
    names = [n for n in split_authors(text) if not (site and site.named(n))]
    return join_authors(names)


# --- a date printed beside the byline ---------------------------------------------------

# A date as bylines carry it, with its weekday, label and time around it:
# "Thứ Bảy, 07/03/2026 - 08:47", "Cập nhật: 08:47 07/03/2026", "2026-03-07 08:47",
# "7 tháng 3 năm 2026", "March 7, 2026".
_TIME_RE = r"\d{1,2}\s*(?::|h|giờ)\s*\d{2}(?::\d{2})?(?:\s*(?:am|pm|sa|ch)\b)?"
_DATE_RE = (r"(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"
            r"|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
            r"|\d{1,2}\s+tháng\s+\d{1,2}\s*(?:năm|,)?\s*\d{4}"
            rf"|(?:{MONTH_NAMES})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTH_NAMES})\.?,?\s+\d{{4}})")
_DATE_EXPR = re.compile(
    r"(?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|t[2-7]|cn|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)\s*[,-]?\s*)?"
    r"(?:(?:ngày\s*đăng|đăng\s*ngày|ngày\s*xuất\s*bản|xuất\s*bản|cập\s*nhật|đăng\s*lúc|đăng"
    r"|ngày|published(?:\s+on)?|updated(?:\s+on)?|posted(?:\s+on)?)\s*[:：]?\s*)?"
    rf"(?:{_TIME_RE}\s*[,|-]?\s*(?:ngày\s*)?)?"
    + _DATE_RE +
    rf"(?:\s*[,|-]?\s*(?:lúc\s*)?{_TIME_RE})?"
    r"(?:\s*\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?)?",
    re.IGNORECASE)
# Bits of a meta line that are neither the byline nor the date.
_META_BITS = re.compile(r"(?:lượt xem|số lượt xem|views?|bình luận|comments?)\s*[:：]?\s*[\d.,]*",
                        re.IGNORECASE)
_NOT_A_BYLINE = re.compile(r"^(?:cập nhật|ngày đăng|đăng lúc|ngày|lúc|published|updated|posted"
                           r"|last updated|thời gian|date)\b", re.IGNORECASE)


def any_date(text: str | None) -> str | None:
    """A Vietnamese or numeric date (dates.parse_date), or an English one."""
    return parse_date(text) or english_date(text)


def byline_date(text: str | None) -> tuple[str, str] | None:
    """(byline, date) of a line that prints a byline beside its date: "Nguyên Minh -
    07/03/2026 08:47", "Nguyên Minh | 07/03/2026", "Theo Báo Nghệ An - 07/03/2026 08:47",
    "07/03/2026 | Tác giả: Nguyên Minh".  None when the line is something else: a date
    alone, a place and a date, words on both sides of the date.  The byline part is
    returned as printed; the caller judges whether it names a person or a credit."""
    text = clean_text(text)
    if not text or len(text) > 160:
        return None
    match = _DATE_EXPR.search(text)
    if not match:
        return None
    when = any_date(match.group(0))
    if not when:
        return None
    head = _META_BITS.sub(" ", text[:match.start()]).rstrip(" -–—|•·/").strip()
    tail = _META_BITS.sub(" ", text[match.end():]).lstrip(" -–—|•·/").strip()
    if head and re.search(r"\w", tail):
        return None
    if head.endswith(",") and not (AUTHOR_LABEL.match(head) or _BYLINE_LABEL_RE.match(head)):
        return None  # "Nghệ An, ngày 7/3/2026": a place, not a byline ("By X, 3 June": one)
    who = (head or tail).strip(" -–—|•·/,:").strip()
    if not who or re.search(r"\d", who) or len(who) > 80 or _NOT_A_BYLINE.match(who):
        return None
    return who, when


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


# --- the lead (sapo) --------------------------------------------------------------------

# The lead set apart from the body, by its class or id, on any tag (h2.sapo, p.chapeau,
# div.trichdan, strong.description, div.hometext): Vietnamese papers' and CMSes' names.
SAPO_ATTR = re.compile(
    r"sapo|chapeau|summary|trichdan|trich-dan|tomtat|tom-tat|excerpt|standfirst|hometext"
    r"|(?:^|[^a-z])(?:lead|description|desc|intro|mota|mo-ta)(?:[^a-z]|$)"
    # vnPortal's CamelCase: ArticleLead, NewsIntro
    r"|(?-i:[a-z](?:Lead|Intro|Desc|Description)(?![a-z]))", re.IGNORECASE)
# Named so, but a picture's description, a box's, or the page's chrome.
_NOT_SAPO_ATTR = re.compile(r"caption|photo|image|img|thumb|video|gallery|related|lien-?quan"
                            r"|sidebar|menu|comment|share|author|date|banner|footer",
                            re.IGNORECASE)
_SAPO_SKIP_TAGS = {"a", "img", "figure", "figcaption", "meta", "link", "script", "style",
                   "noscript", "ul", "ol", "li", "nav", "aside", "footer", "form", "table"}
# A lead ends as a sentence does (or is long enough to be one).
LEAD_SENTENCE = re.compile(r"[.!?…:;,\"”’)»]\s*$|[.!?…]\s+\S")
MIN_LEAD_CHARS = 30
MAX_LEAD_CHARS = 1000


def _attrs(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _within(el, container) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def sapo_element(scope, body_el=None, after=None):
    """The lead set apart from the body: the first element in ``scope`` named as a lead
    (SAPO_ATTR) that comes after ``after`` (the title) and before ``body_el``, outside
    both and outside the page's chrome, and holds one to three lines of text.  None when
    there is none."""
    started = after is None or not _within(after, scope)
    for el in scope.iter():
        if body_el is not None and el is body_el:
            break
        if not isinstance(el.tag, str):
            continue
        if not started:
            started = el is after
            continue
        if after is not None and _within(el, after):
            continue
        if el.tag in _SAPO_SKIP_TAGS or not SAPO_ATTR.search(_attrs(el)):
            continue
        if (body_el is not None and _within(body_el, el)) or (after is not None and _within(after, el)):
            continue  # a wrapper around the body or the title, not the lead
        chrome = False
        for node in (el, *el.iterancestors()):
            if node is scope:
                break
            if _NOT_SAPO_ATTR.search(_attrs(node)) or node.tag in ("nav", "aside", "footer", "figure"):
                chrome = True
                break
        if chrome:
            continue
        lines = block_lines(el)
        text = " ".join(lines)
        if 1 <= len(lines) <= 3 and MIN_LEAD_CHARS <= len(text) <= MAX_LEAD_CHARS:
            return el
    return None


def sapo_text(el) -> str | None:
    return clean_text(" ".join(block_lines(el))) or None if el is not None else None


def bold_lead(blocks):
    """The first paragraph of a body set wholly in bold and followed by more text: the
    lead, as Vietnamese papers set it when they have no field for it.  ``blocks``: the
    body's blocks (body_blocks) in order."""
    texts = [b for b in blocks if text_of(b) and not image_only(b)]
    if len(texts) < 2:
        return None
    el = texts[0]
    text = text_of(el)
    if (el.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or len(text) < 50
            or not LEAD_SENTENCE.search(text) or _BYLINE_LABEL_RE.match(text)):
        return None
    return el if is_all_bold(el) else None


def _same_text(a: str | None, b: str | None) -> bool:
    return bool(a and b) and clean_text(a) == clean_text(b)


# --- the signature under the body -------------------------------------------------------

@dataclass
class Signature:
    author: str | None = None
    source: str | None = None
    published_at: str | None = None


def names_people(line: str) -> bool:
    """The line (a byline, its label stripped) names only people ("Hồ Phương - Lê Minh")."""
    name = clean_author(line)
    return bool(name) and all(is_person_name(n) for n in name.split(", "))


def read_signature(el, *, find_byline: bool = True, site: SiteNames | None = None):
    """What a line that ends the body signs: a person's byline, a credit ("Theo Báo Nghệ
    An"), either with its date ("Nguyên Minh - 07/03/2026 08:47"); None when the line is
    text.  An organisation signing is the source; the site's own name or an account
    signing is nobody, but the line is still no text."""
    text = text_of(el)
    dated = byline_date(text)
    line, when = dated if dated else (text, None)
    credit = credit_of(line)
    if credit:
        return Signature(None, credit, when)
    if not find_byline:
        return None
    labelled = bool(AUTHOR_LABEL.match(line) or _BYLINE_LABEL_RE.match(line))
    if not (looks_like_byline(el) or ((dated or labelled) and names_people(line))
            or (dated and is_org(line))):
        return None
    author, source = split_byline(line)
    name = clean_author(author, site) if author else None
    if name:
        return Signature(name, source, when)
    plain = strip_byline_label(author) or ""
    if site and site.named(plain) or ACCOUNT.match(plain):
        return Signature(None, source, when)
    if is_org(plain):
        return Signature(None, source or plain, when)
    return None


def bylines_together(found: list) -> list:
    """The byline elements that make one byline with the first: the first, and those set
    beside it (<span class=author>A</span>, <span class=author>B</span>); not one nested in
    another, nor a byline elsewhere on the page (a teaser's, an author box's)."""
    found = [el for el in found if not any(o is not el and _within(el, o) for o in found)]
    if not found:
        return []
    first_up = list(found[0].iterancestors())[:BYLINE_SPREAD]
    together = [found[0]]
    for el in found[1:]:
        common = next((a for a in list(el.iterancestors())[:BYLINE_SPREAD]
                       if any(a is b for b in first_up)), None)
        if el.getprevious() is together[-1] or (
                common is not None and len(text_of(common)) <= MAX_BYLINE_LINE):
            together.append(el)
    return together


# The writers of one byline sit next to each other, or in one short line: under a common
# container this many levels up at most, holding this much text at most.
BYLINE_SPREAD = 2
MAX_BYLINE_LINE = 200


def layout_byline(scope, selectors, site: SiteNames | None = None) -> tuple[str | None, str | None,
                                                                            str | None]:
    """(author, source, date) from a layout's byline elements: the matches of the first
    selector that has any, set together (bylines_together), every writer they name in
    page order, a credit or an organisation as the source, and the date printed beside
    the byline.  The site's own name and accounts sign nothing."""
    found = []
    for sel in selectors:
        found = sel(scope)
        if found:
            break
    found = bylines_together(found)
    writers: list[str] = []
    source = when = None
    for el in found:
        text = text_of(el)
        dated = byline_date(text)
        if dated:
            text, when = dated[0], when or dated[1]
        author, credit = split_byline(text)
        name = clean_author(author, site) if author else None
        if name:
            writers.extend(name.split(", "))
        elif author and is_org(author) and not (site and site.named(author)):
            credit = credit or strip_byline_label(author)
        source = source or credit
    return join_authors(writers), source, when


def signed_date(value: str | None, sources: dict) -> str | None:
    """The date printed beside the byline, when the page prints it nowhere else."""
    if value:
        sources["published_at"] = "byline"
    return value


class BodyResult:
    def __init__(self):
        self.text = ""
        self.html = ""
        self.author: str | None = None
        self.source: str | None = None
        # The date printed beside the byline under the body, the lead found as a bold
        # first paragraph (extract_body's find_lead).
        self.published_at: str | None = None
        self.summary: str | None = None
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


def extract_body(body_el, page_url: str, *, remove=(), find_byline=True, summary: str | None = None,
                 find_lead: bool = False, site: SiteNames | None = None) -> BodyResult:
    """Clean a body element: drop noise, captions, attachment lines and the signature;
    collect images (with captions) and attachments along the way.  ``summary``: the lead
    found outside, dropped where the body repeats it; ``find_lead``: without one, a bold
    first paragraph is the lead (``result.summary``); ``site``: its names sign nothing."""
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

    blocks = [b for b in body_blocks(body) if text_of(b)]
    if find_lead and not summary:
        lead = bold_lead(blocks)
        if lead is not None:
            result.summary = summary = text_of(lead)
            lead.drop_tree()
            blocks.remove(lead)

    # The signature ends the body: a person's byline, a credit, or both (in either order,
    # on two lines), a date beside either; two writers may sign on two lines.  A credit
    # is looked for even where the layout has the byline elsewhere.
    for _ in range(3):
        if not blocks:
            break
        last = blocks[-1]
        signed = read_signature(last, find_byline=find_byline, site=site)
        if signed is None:
            break
        if signed.author and result.author:
            if not (names_people(signed.author) and names_people(result.author)):
                break
            result.author = join_authors([*signed.author.split(", "), *result.author.split(", ")])
        elif signed.author:
            result.author = signed.author
        if signed.source:
            if result.source and not signed.author:
                break
            result.source = result.source or signed.source
        result.published_at = result.published_at or signed.published_at
        last.drop_tree()
        blocks.pop()

    lines = block_lines(body)
    if summary and lines and _same_text(summary, lines[0]):
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
                  "những tin mới hơn", "những tin cũ hơn", "tin mới hơn", "tin cũ hơn",
                  # the English editions of ministries' and provinces' sites
                  "related news", "related articles", "related stories", "related posts",
                  "related content", "more on this story")
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


_LABEL_TEXTS = etree.XPath(
    "//text()[normalize-space() and string-length(normalize-space()) < 40]"
    "[not(ancestor::script) and not(ancestor::style) and not(ancestor::option)]")
# Every label holds one of these: a cheap test before folding each short text.
_LABEL_HINTS = ("tin", "bài", "bai", "related", "more on")


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


def extract_related(doc, page_url: str, *, scope_exclude=None, heading=None,
                    is_article=None) -> list[Link]:
    """The related block's articles; ``is_article``: how the layout tells an article's
    address (default: a slug ending in an id)."""
    is_article = is_article or is_article_url
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
            if urlsplit(url).netloc != host or url == page or not is_article(url):
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
# Page 2+ of a listing paged in its URL (WordPress /page/2/, NukeViet /page-2, ?page=2,
# Joomla ?start=10, a register's ?pageindex=2 or /trang-2).
LATER_PAGE = re.compile(r"/page[/-]\d+/?$|/trang-\d+/?$|[?&](?:page|trang|start|limitstart"
                        r"|paged|pageindex)=\d+", re.IGNORECASE)


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
    from ..kernel.record import ListingEntry

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
    title_el = doc.find(".//title")
    heading = doc.xpath("//h1")
    category = (text_of(heading[0]) if heading else None) or (
        clean_text(title_el.text_content()).split(" - ")[0].split(" | ")[0]
        if title_el is not None else None)
    return Listing(url=url, category=category or None, entries=entries, layout=layout_key)
