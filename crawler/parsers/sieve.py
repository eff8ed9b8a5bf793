"""CSS selectors that read a loaded page's index of classes and ids instead of scanning it.

A layout's selectors are tried in turn, most of them on pages of another layout or
install, and each evaluation is a scan of the whole tree (``.tags a`` tests every element's
class).  The elements of a page ``load`` built, which no parser changes afterwards
(parsers change deep copies of its parts, never the page), are read once, in one walk,
into an index: class name, id, itemprop or itemprop word -> those elements in page order
(ids and itemprops keyed apart from class names, which may be spelt "#x" too).  Of any
other tree (such a copy) only its class names and ids are read, in C.  Then

- a selector whose every alternative names a class or id the tree lacks (on a loaded
  page also an itemprop, [itemprop=x] or [itemprop~=x]) answers ``[]`` without scanning;
- on a loaded page, a selector of one alternative whose compounds are
  joined by spaces and whose first names a class or id (``div.ArticleHeader h1``,
  ``.breadcrumb li``, ``#news-bodyhtml``) is answered from the index: the first compound's
  elements, then each later compound among their descendants;
- anything else is the selector's own XPath.

The answer is the selector's own whenever it is asked (tests compare the two on every call
the parsers make on every stored and replica page).

Hand-written: neither cssselect nor lxml keeps an index of a document's classes.
"""

from __future__ import annotations

import re
import weakref

import cssselect
from lxml import etree
from lxml.cssselect import CSSSelector

# What XPath's normalize-space() splits on, as cssselect's class test does.
_XML_SPACE = re.compile("[ \t\r\n]+")

# root element -> {what: what was read of its tree}: read on first use, while the page is
# being parsed.  A deep copy is a tree of its own; <meta> elements are never removed from
# a page.
_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def tree_root(el):
    """The root of the tree ``el`` belongs to (of an ElementTree, its root element)."""
    # The outermost ancestor, not getroottree().getroot(): an element taken out of the
    # page still names the page's root there, which no longer holds its subtree.
    if not hasattr(el, "iterancestors"):  # a whole tree (an ElementTree), as XPath takes
        return el.getroot()
    outermost = el
    for outermost in el.iterancestors():  # noqa: B007 (the last one is the answer)
        pass
    return outermost


def _memo(root) -> dict:
    memo = _MEMO.get(root)
    if memo is None:
        memo = _MEMO[root] = {}
    return memo


def page_memo(el, what: str, read):
    """``read(root)`` of the tree ``el`` belongs to, read once per tree."""
    root = tree_root(el)
    memo = _memo(root)
    if what not in memo:
        memo[what] = read(root)
    return memo[what]


def mark_loaded(doc) -> None:
    """Say that ``doc`` is a page as ``load`` built it, which parsers only read."""
    _memo(tree_root(doc))["loaded"] = True


def is_loaded_root(doc) -> bool:
    """Whether ``doc`` is the root of a page load() built (so a walk of it is the whole
    document, as an XPath's ``//`` reads it)."""
    return (hasattr(doc, "getparent") and doc.getparent() is None
            and bool(_MEMO.get(doc, {}).get("loaded")))  # asked, not made


def loaded_elements(doc, key) -> list | None:
    """The elements of the index entry ``key`` (a class name, ("#", id) or ("itemprop",
    value)) of the page ``doc`` is the root of, when load() built it; None for any other
    tree or element (a caller then reads the tree itself)."""
    if not is_loaded_root(doc):
        return None
    return _resolved(_index_of(_memo(doc), doc).get(key, []), doc)


def loaded_class_prefix(doc, prefixes: tuple[str, ...]) -> list:
    """The elements of the page ``doc`` (a page load() built) with a class name that begins
    with one of ``prefixes`` (a module's skins: "UIArticleInMenu_Tiles"), in page order of
    their names' first use; [] for any other tree.  Read from the index's names, a few
    hundred, not from the page."""
    if not is_loaded_root(doc):
        return []
    memo = _memo(doc)
    index = _index_of(memo, doc)
    key = ("prefixed", prefixes)
    if key not in memo:  # the names, read once a page
        memo[key] = [n for n in index if isinstance(n, str) and n.startswith(prefixes)]
    found: list = []
    for name in memo[key]:
        found += [el for el in _resolved(index[name], doc) if el not in found]
    return found


# The root in an index's lists: a memo holding its own key (the root) would keep itself,
# and the page, alive for good.
_ROOT = object()


def _resolved(found: list, root) -> list:
    """An index entry's elements, the root (first in page order if there) put back."""
    return [root, *found[1:]] if found and found[0] is _ROOT else found


def _class_names(classes: str) -> list[str]:
    if "\t" in classes or "\n" in classes or "\r" in classes:
        return _XML_SPACE.split(classes)
    return classes.split(" ")


def _index_of(memo: dict, root) -> dict:
    """The index in a loaded page's ``memo``, made on first use."""
    if "index" not in memo:
        memo["index"] = _index(root)
    return memo["index"]


def _index(root) -> dict:
    """Class name, ("#", id) or ("itemprop", value) -> the elements of the tree bearing it, in
    page order, the root standing as _ROOT.  A walk of every element in Python: lxml's
    XPath for the elements named takes longer."""
    index: dict[str, list] = {}
    for el in root.iter(etree.Element):
        item = _ROOT if el is root else el
        classes = el.get("class")
        if classes:
            for name in _class_names(classes):
                found = index.get(name)
                if found is None:
                    index[name] = [item]
                elif found[-1] is not item:  # a name said twice in one class attribute
                    found.append(item)
        ident = el.get("id")
        if ident is not None:
            index.setdefault(("#", ident), []).append(item)
        prop = el.get("itemprop")
        if prop is not None:
            index.setdefault(("itemprop", prop), []).append(item)
            for word in dict.fromkeys(_class_names(prop)):  # [itemprop~=word]
                if word:
                    index.setdefault(("itemprop~", word), []).append(item)
    index.pop("", None)  # what two spaces in a row leave between them
    return index


_CLASSES = etree.XPath("descendant-or-self::*/@class", smart_strings=False)
_IDS = etree.XPath("descendant-or-self::*/@id", smart_strings=False)


def _tokens(root) -> frozenset[str]:
    """The class names (split as XPath's normalize-space splits, or finer) and the ids
    (as ("#", id)) of a tree: what the sieve needs of a tree it does not index."""
    return frozenset(" ".join(_CLASSES(root)).split()) | {("#", i) for i in _IDS(root)}


def _needs(tree, itemprops: bool = False) -> set:
    """The class names and ids (and with ``itemprops``, the exact itemprops: the generic
    reader's [itemprop=headline]) a parsed selector requires of the page: those of its
    compound parts joined by combinators, never those under a negation or a pseudo-class
    function (which do not require them)."""
    needs: set = set()
    while tree is not None:
        if isinstance(tree, cssselect.parser.Class):
            needs.add(tree.class_name)
        elif isinstance(tree, cssselect.parser.Hash):
            needs.add(("#", tree.id))
        elif isinstance(tree, cssselect.parser.Attrib) and tree.namespace is None:
            needs |= _attribute_needs(tree, itemprops)
        elif isinstance(tree, cssselect.parser.CombinedSelector):
            needs |= _needs(tree.subselector, itemprops)
        tree = getattr(tree, "selector", None)
    return needs


def _attribute_needs(tree, itemprops: bool) -> set:
    """What an attribute test needs that a page's names or index can tell: [id=x] an id,
    [itemprop=x] and [itemprop~=x] an itemprop or one of its words (index only)."""
    name, value = tree.attrib.lower(), getattr(tree.value, "value", tree.value)
    if name == "id" and tree.operator == "=":
        return {("#", value)}
    if itemprops and name == "itemprop" and tree.operator in ("=", "~="):
        return {("itemprop" if tree.operator == "=" else "itemprop~", value)}
    return set()


def _all_needed(alternatives: list[set]) -> list[frozenset] | None:
    # An alternative that needs nothing (h1, [itemtype*=Breadcrumb]) is always tried.
    return None if any(not n for n in alternatives) else [frozenset(n) for n in alternatives]


def _compound(tree) -> tuple[str | None, tuple[str, ...], str | None] | None:
    """(tag or None for any, class names, id or None) of a compound selector made only of
    those; None for anything else (attributes, pseudo-classes, negations)."""
    classes: list[str] = []
    ident = None
    while not isinstance(tree, cssselect.parser.Element):
        if isinstance(tree, cssselect.parser.Class):
            classes.append(tree.class_name)
        elif isinstance(tree, cssselect.parser.Hash) and ident is None:
            ident = tree.id
        else:
            return None
        tree = tree.selector
    if tree.namespace:
        return None
    return (tree.element.lower() if tree.element not in (None, "*") else None), tuple(classes), ident


def _chain(parsed) -> tuple | None:
    """The compounds of a selector of one alternative joined by descendant combinators,
    the first naming a class or id; None for any other selector."""
    if len(parsed) != 1 or parsed[0].pseudo_element:
        return None
    tree, compounds = parsed[0].parsed_tree, []
    while isinstance(tree, cssselect.parser.CombinedSelector):
        if tree.combinator != " ":
            return None
        compounds.append(_compound(tree.subselector))
        tree = tree.selector
    compounds.append(_compound(tree))
    compounds.reverse()
    if any(c is None for c in compounds) or not (compounds[0][1] or compounds[0][2] is not None):
        return None
    return tuple(compounds)


def _matches(el, compound) -> bool:
    tag, classes, ident = compound
    if tag is not None and el.tag != tag:
        return False
    if ident is not None and el.get("id") != ident:
        return False
    if classes:
        own = _class_names(el.get("class") or "")
        return all(name in own for name in classes)
    return True


def _within(el, scope) -> bool:
    return el is scope or any(a is scope for a in el.iterancestors())


def _descendants(outer: list, compound) -> list:
    """The elements below any of ``outer`` (in page order) that match ``compound``, in
    page order, each once: an element inside the last one searched was searched with it."""
    found, last = [], None
    for el in outer:
        if last is not None and _within(el, last):
            continue
        last = el
        found += [d for d in el.iterdescendants(compound[0] or "*") if _matches(d, compound)]
    return found


class Sieved(CSSSelector):
    """A CSSSelector (html translator) that first asks whether the page has any chance
    of a match, and answers from the page's index where it can (module docstring)."""

    def __init__(self, css: str):
        super().__init__(css, translator="html")
        self.selector_text = css
        parsed = cssselect.parse(css)
        # What a tree must have (its class names and ids, read in C), and what a loaded
        # page must have (its index holds its itemprops too).
        self.needs = _all_needed([_needs(s.parsed_tree) for s in parsed])
        self.index_needs = _all_needed([_needs(s.parsed_tree, itemprops=True) for s in parsed])
        self.chain = _chain(parsed)

    def __call__(self, el, **kwargs):
        if self.index_needs is None:
            return super().__call__(el, **kwargs)
        root = tree_root(el)
        memo = _memo(root)
        if not memo.get("loaded"):
            # A tree parsers change (a deep copy of a part): its names only, read in C.
            if self.needs is None:
                return super().__call__(el, **kwargs)
            if "tokens" not in memo:
                memo["tokens"] = _tokens(root)
            if not any(need <= memo["tokens"] for need in self.needs):
                return []
            return super().__call__(el, **kwargs)
        index = _index_of(memo, root)
        if not any(index.keys() >= need for need in self.index_needs):
            return []
        if self.chain is None or kwargs:
            return super().__call__(el, **kwargs)
        return self.indexed(el, root, index)

    def indexed(self, el, root, index) -> list:
        """The selector's answer on ``el`` read from its loaded page's ``index``."""
        first = self.chain[0]
        key = first[1][0] if first[1] else ("#", first[2])
        found = [c for c in _resolved(index[key], root)
                 if _matches(c, first) and (el is root or _within(c, el))]
        for compound in self.chain[1:]:
            found = _descendants(found, compound)
        return found
