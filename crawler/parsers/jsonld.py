"""A page's structured data (its JSON-LD scripts) and what is wrong with it: every block read
as leniently as is safe, the article object with its text fields as strings (jsonld_article),
the names in an author or publisher value of any shape (jsonld_people), the names the page
gives its publisher, its breadcrumb (jsonld_breadcrumb); and one plain sentence per malformed
block (structured_data_problems), for the archive to keep a note of.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape as html_unescape

from lxml import etree

from ..kernel.dates import parse_date
from ..kernel.text import clean_text
from .sieve import is_loaded_root, page_memo

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
    scripts = page_memo(doc, "ld-scripts", _ld_scripts) if is_loaded_root(doc) else _LD_SCRIPTS(doc)
    return [LdBlock(number, *_ld_read(script.text or "")) for number, script in enumerate(scripts, 1)]


def _ld_scripts(root) -> list:
    """_LD_SCRIPTS of a loaded page, from lxml's walk of its scripts (fewer than the XPath
    scans to find), read once: the title, the date, the byline and the checks all ask."""
    found = []
    for script in root.iter("script"):
        head = (script.get("type") or "").lstrip(" \t\r\n")[:19]
        # lower() as translate() of ASCII capitals: the only non-ASCII letters it makes
        # ASCII are the Kelvin sign ("k") and "İ" ("i" and a dot), neither matching
        if head.lower() == "application/ld+json":
            found.append(script)
    return found


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
