"""When a page says its article was published: JSON-LD's datePublished, a meta tag or
microdata (structured_date), else the layout's date box (date_from); a bare day yields to a
later source that gives the same day with its time (best_date), and published_at records in
the record's sources which one answered.
"""

from __future__ import annotations

import itertools
import re

from ..kernel.dates import english_datetime, parse_date
from ..kernel.text import clean_text
from .page import meta_content, xp
from .sieve import loaded_elements


def date_from(doc_or_el, selectors) -> str | None:
    for sel in selectors:
        for el in sel(doc_or_el):
            text = el.get("datetime") or el.get("content") or el.text_content()
            # An English edition's date box: "August 14, 2022", "October 3, 2023 | 15:05".
            value = parse_date(text) or english_datetime(text)
            if value:
                return with_time_beside(value, text, el)
    return None


# A time alone: "8:45 sáng", "15:30", "08h45", "2:45 CH".
_TIME_ONLY = re.compile(r"^\W*\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?\s*(?:sáng|trưa|chiều|tối|sa|ch|am|pm)?"
                        r"\W*$", re.IGNORECASE)


def with_time_beside(value: str, text: str, el) -> str:
    """A bare day (``value``, read from ``text``) with the time a theme prints in an
    element of its own just after the date's (Elementor's post info: "4 Tháng Mười, 2023"
    then "8:45 sáng"); the day alone when there is none."""
    if "T" in value:
        return value
    for scope in itertools.islice(itertools.chain([el], el.iterancestors()), 3):
        for sibling in itertools.islice(scope.itersiblings(), 2):
            if not isinstance(sibling.tag, str):
                continue
            time = clean_text(sibling.text_content())
            if _TIME_ONLY.match(time):
                timed = parse_date(f"{clean_text(text)} {time}")
                return timed if timed and timed.startswith(value) else value
    return value


def structured_date(doc, ld) -> tuple[str | None, str | None]:
    """published date from JSON-LD, article:published_time meta or an itemprop element."""
    candidates = [(ld.get("datePublished") if ld else None, "jsonld"),
                  (meta_content(doc, "article:published_time", "pubdate", "datePublished",
                                "dc.date.issued"), "meta")]
    marked = loaded_elements(doc, ("itemprop", "datePublished"))
    if marked is None:
        marked = xp(doc, '//*[@itemprop="datePublished"]')
    for el in (el for el in marked if el.tag != "meta"):
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
