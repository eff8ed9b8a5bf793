"""The fallback parser's head fields (parsers.generic): the page's structured data
(<meta>, what it declares itself, the site's names), the title (a visible headline that
the structured data or <title> names, else the one set above the text), the article's
region around the title and the body, the published date (structured, then shown near the
title or signed under the text) and the lead (named by its class, repeated by the page's
description, or set in bold or italics as the first paragraph).
"""

from __future__ import annotations

import itertools
import re

from ..kernel.dates import ENGLISH_DATE, english_datetime, parse_date
from ..kernel.text import clean_text, fold
from . import bylines
from .bylines import SiteNames, byline_date, credit_of, is_org, names_people
from .generic_index import (
    DATE_SEL,
    STRUCTURED_DATE_HINT,
    STRUCTURED_DATE_SEL,
    TITLE_SEL,
    Page,
    _attr_text,
    _inside,
    _is_box_label,
    _is_leaf,
    _iter_leaves,
    _lead_named,
    _link_chars,
    _pictured,
    first_prose,
)
from .generic_patterns import (
    _MONTH_WORD,
    ARTICLE_ITEMTYPE,
    BLOCKS,
    DATE_META,
    DATE_WORDS,
    HEADINGS,
    INLINE,
    LEAD_ATTR,
    META_LINE,
    SENTENCE,
    SITE_ATTR,
)
from .page import block_lines, has_text, is_all_bold, is_all_italic, text_of, unlinked_text, xp
from .published import best_date, with_time_beside

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
    scopes = [el for el in xp(doc, "//*[@itemtype]")
              if ARTICLE_ITEMTYPE.search(el.get("itemtype") or "")]
    return len(scopes) == 1


def site_names(doc, url: str, ld) -> SiteNames:
    """The site's own names (og:site_name, JSON-LD's publisher, <title>'s last part, the
    host's name): never an author."""
    return bylines.site_names(doc, url, ld)


# --- title ------------------------------------------------------------------------------

def _title_parts(text: str) -> list[str]:
    """<title> split at the separators that join an article title and a site name."""
    return [p.strip() for p in re.split(r"\s+[-|–—:»]\s+|\s*::\s*|\s\|\s|:\s", text)
            if p.strip()]


# What joins a title and the site's name in <title>: " - ", " | ", " :: ", ": "...
_JOIN_AFTER = re.compile(r"\s*(?:[-|–—:»]|::)\s")
_JOIN_BEFORE = re.compile(r"\s(?:[-|–—:»]|::)\s*$")
# A headline this long that <title> holds whole, beside the site's name, is the title,
# whatever separators it holds itself ("Sơ kết học kỳ I năm học 2017 - 2018: ..."); a
# shorter one may be a box's label that begins the site's name.
TITLED_MIN = 20


def _titled_by(page_title: str, text: str) -> bool:
    """Whether <title> is ``text`` with the site's name before or after it."""
    if len(text) < TITLED_MIN or len(text) >= len(page_title):
        return False
    return bool((page_title.startswith(text) and _JOIN_AFTER.match(page_title, len(text)))
                or (page_title.endswith(text)
                    and _JOIN_BEFORE.search(page_title[:len(page_title) - len(text)])))


def _site_heading(el) -> bool:
    return any(SITE_ATTR.search(_attr_text(a)) for a in (el, *el.iterancestors())
               if a.tag not in ("body", "html"))


def _headline_like(page: Page, el) -> bool:
    """Set as a headline: a heading, a title class, or bold large type."""
    if el.tag in ("h1", "h2", "h3", "h4"):
        return True
    if re.search(r"title|tieu-?de|head", _attr_text(el), re.IGNORECASE):
        return True
    sizes = xp(el, "ancestor-or-self::font[@size][1]/@size | .//font[@size]/@size")
    big = any(s.strip().lstrip("+").isdigit() and int(s.strip().lstrip("+")) >= 3
              for s in sizes)
    return big and is_all_bold(el)


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
    named = [el for el in headlines if page.text(el) == page_title or page.text(el) in parts
             or _titled_by(page_title, page.text(el))]
    if named:
        el = max(named, key=lambda e: len(page.text(e)))
        return page.text(el), el, "layout"
    if structured:
        for el in headlines:
            # (or the structured title is the headline after its kicker: "ĐẠI HỘI ...: <h1>")
            text, whole = fold(page.text(el)), fold(structured[0])
            if text == whole or whole.endswith(text) and whole[:-len(text)].rstrip().endswith(":"):
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
    if body_el.tag == "td":
        # An old table layout sets the title and the date in rows above the text's.
        scope = next(body_el.iterancestors("table"), scope)
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
    if body_el.tag == "td":  # an old table layout: the title in a row above the text's
        scope = next(body_el.iterancestors("table"), scope)
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
    return (parse_date(text) or english_datetime(text)) if text else None


# A view count printed beside the date ("01/08/2024 13:15 | 157 lượt xem", "Lượt xem: 86").
_VIEWS = re.compile(r"\d[\d.,]*\s*(?:lượt xem|lượt đọc|lần xem|views?)|(?:lượt xem|lượt đọc|"
                    r"lần xem|views?)\s*:?\s*\d[\d.,]*")


def is_date_line(text: str) -> bool:
    """A line that is a date, perhaps with its label and a view count: little is left once
    they are out."""
    if not text or len(text) > 120 or not date_of(text):
        return False
    rest = ENGLISH_DATE.sub(" ", _VIEWS.sub(" ", text.lower()))
    rest = _MONTH_WORD.sub(" ", DATE_WORDS.sub(" ", rest))
    rest = re.sub(r"[\d\s/.,:|()\-–—+]+", "", rest)
    return len(rest) <= max(6, len(text) // 5)


def structured_date(page: Page, ld, meta_map) -> str | None:
    values = [ld.get("datePublished") if ld else None, meta(meta_map, *DATE_META)]
    for sel in STRUCTURED_DATE_SEL if STRUCTURED_DATE_HINT(page.doc) else ():
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
    value, source = best_date((structured, "structured"), (visible, "layout"))
    if value:
        sources["published_at"] = source
    return value


def visible_date(page: Page, region, title_el, body_el) -> str | None:
    start = page.order.get(title_el, page.order.get(region, 0))
    body_start = first_prose(page, body_el)
    # (a tool bar between the title and the text, noise to the text, holds its date:
    # Joomla's "article-tools" with its "createdate" beside the print and e-mail buttons;
    # not a header's "today" above the title; a date box that opens the text, as the
    # text's first line, is its dateline: Liferay's "ngay-dang" in the web content)
    boxes = [el for el in page.select_all(region, DATE_SEL)
             if (start < page.order[el] <= body_start or not page.in_noise(el))
             and not _listed_date(el) and not _event_date(page, el)
             and not (page.order[el] > body_start and page.within(el, body_el))]
    # The boxes above the text before those under it ("Các tin khác" dates each item).
    boxes.sort(key=lambda el: page.order[el] >= body_start)
    for el in boxes:
        machine = el.get("datetime") or el.get("title") if el.tag in ("time", "abbr") else None
        value = date_of(machine) if machine else None
        if value is None and is_date_line(page.text(el)):
            value = date_of(page.text(el))
        if value:
            return with_time_beside(value, machine or page.text(el), el)
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
            if group is not signature and _event_date(page, el):
                continue
            # Line by line: "FOR IMMEDIATE RELEASE<br>June 3, 2024" is one paragraph.  The
            # line under the title may link the category after the date: its own words.
            texts = block_lines(el) if _is_leaf(el) else [page.text(el)]
            if group is after_title and el.find(".//a") is not None:
                texts = [*texts, unlinked_text(el)]
            for text in texts:
                if group is not signature and (
                        is_date_line(text) or (META_LINE.match(text) and len(text) <= 120)):
                    value = date_of(text)
                    if value:
                        return with_time_beside(value, text, el)
                value = signed_date(text)
                if value:
                    return value
    return None


# A date field labelled as the time of what the article announces, not of the article
# (Drupal's "Thời gian tổ chức" field above the node's own date).
_EVENT_LABEL = re.compile(r"thời gian (?:tổ chức|diễn ra|thực hiện)|ngày (?:tổ chức|diễn ra)"
                          r"|hạn (?:chót|nộp)|ngày hết hạn|thời hạn|event date|deadline",
                          re.IGNORECASE)


def _event_date(page: Page, el) -> bool:
    """Whether the date box ``el`` sits in a field whose label names an event's time."""
    own = page.text(el)
    for container in itertools.islice(el.iterancestors(), 2):
        text = page.text(container)
        if len(text) > len(own) + 60:
            return False  # a block of more than a label and its date
        if _EVENT_LABEL.search(text.replace(own, " ")):
            return True
    return False


def _listed_date(el) -> bool:
    """Whether the date box dates an item of a list of links (another article's)."""
    item = next(iter(xp(el, "ancestor::li[1]")), None)
    return item is not None and bool(xp(item, ".//a[@href]"))


def signed_date(text: str) -> str | None:
    """The date of a line that prints it beside a byline or a credit ("Nguyên Minh -
    07/03/2026 08:47", "Theo Báo Nghệ An | 07/03/2026"): some sites print it nowhere
    else."""
    dated = byline_date(text)
    if dated and (names_people(dated[0]) or credit_of(dated[0])
                  or is_org(dated[0])):
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
        if 40 <= len(page.text(el)) <= 800 and len(block_lines(el)) == 1:
            out.append(el)
            if first_only and not _subtitle(el):
                break
    if first_only and len(out) > 1:  # a subtitle set as a heading, then the sapo: the sapo
        return [next((el for el in out if not _subtitle(el)), out[0])]
    return out


def _subtitle(el) -> bool:
    """A heading named as the title's second line ("h2.article-subtitle"), not as the lead
    ("h2.sapo"): a lead named so may follow it."""
    return el.tag in ("h2", "h3", "h4") and not _SAPO_WORDS.search(_attr_text(el))


_SAPO_WORDS = re.compile(r"sapo|summary|lead|chapeau|tomtat|tom-tat|intro|desc|mo-?ta",
                         re.IGNORECASE)


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
    for el in _iter_leaves(body):
        if has_text(el) and not _pictured(el):
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
    return el if is_all_bold(el) else None


def italic_lead(body, summary: str):
    """A first paragraph in italics that the page's description repeats."""
    leaves = _text_leaves(body, 2)
    if len(leaves) < 2 or len(summary) < 40:
        return None
    el = leaves[0]
    return el if is_all_italic(el) and text_of(el).startswith(summary) else None
