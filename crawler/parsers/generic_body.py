"""The fallback parser's body, cleaned and judged (parsers.generic): a copy of the body's
element without chrome, title, lead, date and tool lines, inline "Xem thêm" links and the
boxes after the text, its loose text and ``<br><br>`` runs made paragraphs; and whether
the page is a list of teasers rather than an article.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..kernel.text import clean_text
from .bylines import (
    credit_of,
    is_org,
    is_outlet,
    looks_like_byline,
    names_people,
    strip_byline_label,
)
from .generic_byline import clean_author
from .generic_fields import is_date_line, signed_date
from .generic_index import (
    Page,
    _hidden,
    _inside,
    _is_box_label,
    _is_leaf,
    _is_prose,
    _leaves,
    _link_chars,
    _pictured,
)
from .generic_patterns import (
    BLOCKS,
    CONTAINERS,
    COPYRIGHT_LINE,
    DROPPED_TAGS,
    HEADINGS,
    INLINE,
    MAX_INLINE_DEPTH,
    META_LINE,
    MIN_TEASERS,
    MORE_LINK,
    TEASERS_PER_PARAGRAPH,
    TOOL_LINE,
)
from .links import is_file_link
from .page import has_text, text_of, xp

# --- cleaning the body ------------------------------------------------------------------

def _has_file_link(el) -> bool:
    return any(is_file_link(a.get("href")) for a in el.iter("a")) or bool(
        xp(el, ".//iframe[contains(@src,'file=')] | .//embed | .//object"))


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
        not isinstance(x, str) and (x.tag == "img" or has_text(x) or x.find(".//img") is not None)
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
    body, title_inside = _stripped_copy(page, body_el, title_el, lead_el)

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
    while prose and COPYRIGHT_LINE.search(text(keep[prose[-1]])):
        prose.pop()  # the site's credit under the text, in the same cell
    result = Cleaned(body, prose=len(prose))
    if not prose:
        return result
    first, last = prose[0], prose[-1]
    teasers = _drop_chrome_lines(keep, links, text, first, last, title_inside)
    result.teaser_links = len(teasers)
    # The byline printed again as a plain last line ("Phương Thảo" under the text).
    if author_text:
        _drop_repeated_byline(keep, text, author_text)
    return result


def _stripped_copy(page: Page, body_el, title_el, lead_el) -> tuple:
    """A copy of the body's element without chrome, hidden elements and tags that are never
    text, its loose text made paragraphs, without the title (and what comes before it
    inside the element) or the lead; and whether the title was inside it."""
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
    return body, title_inside


def _drop_chrome_lines(keep: list, links: dict, text, first: int, last: int,
                       title_inside: bool) -> set:
    """Drop the lines of ``keep`` that are not the text: those before its first paragraph
    of prose (``first``), after its last (``last``) and between them; returns the links
    (hrefs) of the teasers met between them."""
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
            if MORE_LINK.match(line) and len(el.findall(".//a")) == 1 and not _is_box_label(line):
                _drop(el)  # one pointer ("Xem thêm: <a>…</a>"): the signature may follow
                continue
            if _is_box_label(line) or _opens_box(el, line):
                for rest in keep[i:]:
                    _drop(rest)
                break
            if linky or is_date_line(line) or TOOL_LINE.match(line) or COPYRIGHT_LINE.search(
                    line) or (
                    META_LINE.match(line) and not credit_of(line)
                    and not names_people(line) and not _signed_by_office(line)):
                _drop(el)
        elif linky or TOOL_LINE.match(line) or _is_box_label(line):
            # Inside the text: a related box's label and links, a tool line.
            if linky and len(line) >= 15 and not MORE_LINK.match(line):
                teasers.add(next((a.get("href") for a in el.iter("a") if a.get("href")), line))
            _drop(el)
    return teasers


def _signed_by_office(line: str) -> bool:
    """A labelled byline naming an office ("Người viết: Tổ Ngữ văn - GDCD"): its writer."""
    name = strip_byline_label(line) or ""
    return name != clean_text(line) and is_org(name) and not is_outlet(name)


def _opens_box(el, line: str) -> bool:
    """A box's label and its first items in one paragraph ("<b>Các tin khác:</b><br>- <a>
    ...</a>"), as hand-made pages write them."""
    head, colon, _ = line.partition(":")
    return bool(colon) and el.find(".//a") is not None and _is_box_label(head)


def _drop_repeated_byline(keep: list, text, author_text: str) -> None:
    """Drop the last line of ``keep`` left in the body when it is the byline printed
    again as a plain line (not one set as a byline: extract_body reads that)."""
    tail = [el for el in keep if el.getparent() is not None and text(el)]
    if tail and author_text in (text(tail[-1]), clean_author(text(tail[-1]))) \
            and not looks_like_byline(tail[-1]):
        _drop(tail[-1])

# --- is it an article -------------------------------------------------------------------

def _teaser(el) -> bool:
    """An item of a list: it holds a heading that is a link (<h2><a>, <a><h3>)."""
    return any(h.find(".//a") is not None or any(a.tag == "a" for a in h.iterancestors())
               for h in el.iter(*HEADINGS))


def teasers_within(body_el) -> bool:
    """The text block holds three or more teasers: headings that are links, each to another
    page (a blog list's items, whatever the page's <body> class declares it)."""
    targets = set()
    for heading in body_el.iter(*HEADINGS):
        link = heading.find(".//a[@href]")
        if link is None:
            link = next((a for a in heading.iterancestors("a") if a.get("href")), None)
        if link is not None and not link.get("href").startswith("#"):
            targets.add(link.get("href"))
    return len(targets) >= MIN_TEASERS


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
