"""The fallback parser's page index (parsers.generic): one walk over the page that weighs
each visible line as prose or chrome and indexes the elements by class (``Page``), the
selector strings compiled to lookups in that index, the tests of a line or an element built
on them, and the body's element found by weight (``body_element``) with where its text
starts (``first_prose``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ..kernel.text import fold
from .body import SAPO_ATTR
from .generic_patterns import (
    AUTHOR,
    BLOCKS,
    BODY,
    BODY_SELECTOR_SHARE,
    BOX_LABELS,
    BREADCRUMB,
    CATEGORY_LINK,
    CONTAINERS,
    DATE,
    HIDDEN_ATTR,
    INLINE,
    LEAD_MAX_CHARS,
    MENU_CATEGORY,
    NOISE_ATTR,
    NOISE_ELEMENTS,
    NOISE_MAX_SHARE,
    NOISE_ROLES,
    SENTENCE,
    SKIP_TAGS,
    SOURCE,
    STRUCTURED_DATE,
    TAGS,
    TITLE,
)
from .page import css, has_text, text_of

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


(BODY_SEL, TITLE_SEL, AUTHOR_SEL, SOURCE_SEL, DATE_SEL, BREADCRUMB_SEL, TAGS_SEL,
 CATEGORY_LINK_SEL, MENU_CATEGORY_SEL) = map(_compile, (BODY, TITLE, AUTHOR, SOURCE, DATE,
                                                       BREADCRUMB, TAGS, CATEGORY_LINK,
                                                       MENU_CATEGORY))
STRUCTURED_DATE_SEL = tuple(css(s) for s in STRUCTURED_DATE)
# The attribute every selector of STRUCTURED_DATE_SEL needs: one scan of the page rules
# them all out on the many pages that carry none.
STRUCTURED_DATE_HINT = etree.XPath(
    "boolean(//@property[contains(concat(' ', normalize-space(.), ' '), ' schema:dateCreated ')"
    " or contains(concat(' ', normalize-space(.), ' '), ' dc:date ')]"
    " | //@itemprop[. = 'datePublished'])")
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
        self._subs: dict[str, list] = {}
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
        stack, blocks = [], []  # per open element its flags; the open blocks, innermost last
        parts: list[str] = []
        links = depth = 0
        owner = root

        walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))  # (its tail)
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
                        _credit_line(parts, owner, links, good, bad)
                    links = 0
                if block:
                    owner = node
                    blocks.append(node)
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
                            _credit_line(parts, owner, links, good, bad)
                        links = 0
                        # The text after a block's end belongs to the block around it.
                        blocks.pop()
                        owner = blocks[-1] if blocks else root
                text = node.tail
            if text:
                parts.append(text)
                if depth:
                    links += len(text.strip())
        if parts:
            _credit_line(parts, owner, links, good, bad)

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
                el.tag not in ("body", "html") and _noise_named(_attr_text(el))))
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
            found = self._with_class_part(sub)
        else:
            found = list(scope.iter(tag))
        if not found:
            return []  # most selectors name a class the page does not have
        found = [el for el in found if self.within(el, scope) and _part_matches(el, first)]
        if rest:
            deeper = []
            for el in found:
                deeper += [d for d in el.iter() if d is not el and isinstance(d.tag, str)
                           and _part_matches(d, rest[0]) and d in self.order]
            found = deeper
        return sorted(set(found), key=self.order.get)

    def _with_class_part(self, sub: str) -> list:
        """The elements with a class token holding ``sub``, in the index's order; asked of
        every scope and selector naming it, the index is searched once."""
        found = self._subs.get(sub)
        if found is None:
            found = self._subs[sub] = [el for token, els in self.by_class.items()
                                       if sub in token for el in els]
        return found

    def select_all(self, scope, selectors) -> list:
        """Matches of each selector in turn, once each."""
        out, seen = [], set()
        for sel in selectors:
            for el in self.select(scope, sel):
                if el not in seen:
                    seen.add(el)
                    out.append(el)
        return out


def _credit_line(parts: list[str], owner, links: int, good: dict, bad: dict) -> None:
    """The line gathered in ``parts`` (emptied) credited to ``owner``: its unlinked
    characters as prose and its links as chrome when it is prose, all of it as chrome
    when not."""
    text = " ".join("".join(parts).split())
    parts.clear()
    if text:
        if _is_prose(text, links):
            good[owner] = good.get(owner, 0) + len(text) - links
            bad[owner] = bad.get(owner, 0) + links
        else:
            bad[owner] = bad.get(owner, 0) + len(text)


def _attr_text(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _hidden(el) -> bool:
    style = el.get("style")
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or (style is not None and "display:none" in style.replace(" ", "").lower())
            or _hidden_class(el.get("class") or ""))


# Pages repeat a few class names thousands of times: each is searched once.
@lru_cache(maxsize=8192)
def _noise_named(attr_text: str) -> bool:
    return bool(NOISE_ATTR.search(attr_text))


@lru_cache(maxsize=8192)
def _hidden_class(classes: str) -> bool:
    return bool(HIDDEN_ATTR.search(classes))


def _is_prose(text: str, link_chars: int) -> bool:
    """A line of running text: mostly not links, and a sentence (or very long).  Titles,
    menus and addresses run to 60-100 characters too, but do not end as sentences."""
    plain = len(text) - link_chars
    if link_chars * 2 >= len(text):
        return False
    # (a short line of mostly figures is a date or a count, even in brackets: "Thứ 3,
    # 13/05/2025, 15:20 (GMT+7)"; one cut short, "Hội nghị triển khai n...", a teaser's or
    # a trail's title)
    return plain >= 150 or (plain >= 25 and bool(SENTENCE.search(text))
                            and sum(c.isalpha() for c in text) * 2 >= plain
                            and not _CUT_SHORT.search(text))


_CUT_SHORT = re.compile(r"\w(?:\.\.\.|…)\s*$")


def _link_chars(el) -> int:
    return sum(len(text_of(a)) for a in el.iter("a"))


_BLOCK_TUPLE = tuple(sorted(BLOCKS))


def _is_leaf(el) -> bool:
    # lxml filters the children by tag in C.
    return el.tag in BLOCKS and next(el.iterchildren(*_BLOCK_TUPLE), None) is None


def _inside(el, container) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def _lead_named(el) -> bool:
    """Named as the lead (h2.sapo, h2.chapeau): set as a headline, but never the title."""
    return _sapo_named(_attr_text(el))


@lru_cache(maxsize=8192)
def _sapo_named(attr_text: str) -> bool:
    return bool(SAPO_ATTR.search(attr_text))


@lru_cache(maxsize=2048)  # a site's boxes repeat their labels on every page
def _is_box_label(text: str) -> bool:
    key = fold(text).strip(" :»>-–|.()[]").strip()
    return key in BOX_LABELS or bool(re.match(r"^\d+\s+(?:binh luan|nhan xet|comments?)\b", key))


def _leaves(root, text=has_text) -> list:
    """The blocks with no block inside that show text or an image, in document order."""
    return list(_iter_leaves(root, text))


def _iter_leaves(root, text=has_text):
    """_leaves one by one: a reader of the first few does not walk the whole body."""
    return (el for el in root.iter(*_BLOCK_TUPLE)
            if next(el.iterchildren(*_BLOCK_TUPLE), None) is None
            and (text(el) or el.find(".//img") is not None))


def _pictured(el) -> bool:
    """An image, or the caption of one (kept for extract_body, which pairs them)."""
    return el.find(".//img") is not None or el.tag == "figcaption" or any(
        a.tag == "figure" for a in el.iterancestors())


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
        if el.tag in BLOCKS and page.good.get(el, 0) and _is_leaf(el) and el.tag != "h1":
            # (a headline that ends as a sentence does, "… (cập nhật)", is no paragraph)
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
