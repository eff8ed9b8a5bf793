"""CSS selectors that skip a page lacking what they name.

A layout's selectors are tried in turn, most of them on pages of another layout or
install, and each evaluation is a scan of the whole tree (``.tags a`` tests every element's
class).  A page's class names and ids are read once, in C (two XPaths), and a selector
whose every alternative names a class or id the page lacks answers ``[]`` without
scanning.  The answer is the selector's own whenever it is asked.

Hand-written: neither cssselect nor lxml keeps an index of a document's classes.
"""

from __future__ import annotations

import weakref

import cssselect
from lxml import etree
from lxml.cssselect import CSSSelector

_CLASSES = etree.XPath("descendant-or-self::*/@class", smart_strings=False)
_IDS = etree.XPath("descendant-or-self::*/@id", smart_strings=False)

# root element -> {what: what was read of its tree}: read on first use, while the page is
# being parsed.  Parsers move and copy elements only within a page (makeelement copies
# attributes already there), and a deep copy is a tree of its own, so the class names
# never lack one the tree has (a name removed since only costs a scan); <meta> elements
# are never removed from a page.
_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def page_memo(el, what: str, read):
    """``read(root)`` of the tree ``el`` belongs to, read once per tree."""
    # The outermost ancestor, not getroottree().getroot(): an element taken out of the
    # page still names the page's root there, which no longer holds its subtree.
    if not hasattr(el, "iterancestors"):  # a whole tree (an ElementTree), as XPath takes
        el = el.getroot()
    ancestors = list(el.iterancestors())
    root = ancestors[-1] if ancestors else el
    memo = _MEMO.get(root)
    if memo is None:
        memo = _MEMO[root] = {}
    if what not in memo:
        memo[what] = read(root)
    return memo[what]


def _tokens(root) -> frozenset[str]:
    return frozenset(" ".join(_CLASSES(root)).split()) | {"#" + i for i in _IDS(root)}


def page_tokens(el) -> frozenset[str]:
    """The class names (split as XPath's normalize-space splits, or finer) and the
    ``#id``s of the tree ``el`` belongs to."""
    return page_memo(el, "tokens", _tokens)


def _needs(tree) -> set[str]:
    """The class names and ids a parsed selector requires of the page: those of its
    compound parts joined by combinators, never those under a negation or a pseudo-class
    function (which do not require them)."""
    needs: set[str] = set()
    while tree is not None:
        if isinstance(tree, cssselect.parser.Class):
            needs.add(tree.class_name)
        elif isinstance(tree, cssselect.parser.Hash):
            needs.add("#" + tree.id)
        elif isinstance(tree, cssselect.parser.CombinedSelector):
            needs |= _needs(tree.subselector)
        tree = getattr(tree, "selector", None)
    return needs


class Sieved(CSSSelector):
    """A CSSSelector (html translator) that first asks whether the page has any chance
    of a match: for each comma-separated alternative, the classes and ids it names."""

    def __init__(self, css: str):
        super().__init__(css, translator="html")
        self.selector_text = css
        alternatives = [_needs(s.parsed_tree) for s in cssselect.parse(css)]
        # An alternative that names no class or id (h1, [itemprop=name]) is always tried.
        self.needs = None if any(not n for n in alternatives) else [frozenset(n) for n in alternatives]

    def __call__(self, el, **kwargs):
        if self.needs is not None:
            tokens = page_tokens(el)
            if not any(need <= tokens for need in self.needs):
                return []
        return super().__call__(el, **kwargs)
