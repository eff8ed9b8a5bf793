"""Which records a reader asked for, as SQL: one builder for every reader's filters.

A filter keeps records published (a document: issued) from ``since`` and up to ``until``
(dates as YYYY-MM-DD, YYYY-MM or YYYY: ``until 2020`` takes in all of 2020), of some
categories (a document: kinds), from some sites, matching a query in the search
language.  ``Filter`` holds them, dates turned into bounds and names into the values
stored; it writes them as a WHERE clause with ``?`` parameters (``where``: what
``govnews export`` selects) or as conditions with named ones (``clauses(named=True)``:
what ``archive.search`` wraps around the index's rowids).

``build_filter`` makes one from what a person typed, as ``govnews export`` takes it: a
category or site is matched accents and case aside, and what cannot be applied raises
``FilterError``, a sentence with the option it came from (``hint``).  ``check_dates`` and
``matching`` are its steps for callers that apply the rest themselves (the search page,
``govnews search``).  Reads the archive only to learn the values stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .fts import DOCUMENT_FOLDED, FOLDED, fts_query

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# A kind of record: its table's date and category columns and its index's folded columns.
TABLES = {"articles": ("published_at", "category", FOLDED),
          "documents": ("issued", "kind", DOCUMENT_FOLDED)}


# Anything a person typed is shown in a message cut to about this many characters.
SHOWN_CHARS = 80


def shorten(text, limit: int = SHOWN_CHARS) -> str:
    """``text`` (what a person typed) as a message shows it: whole when short, else its
    first ``limit`` - 1 characters and "…", so that a 10,000-character query is not
    echoed back whole."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def nothing_to_search(text: str) -> str | None:
    """The sentence for a query with nothing to search for (no letters or digits, or
    only the operators NOT and OR: ``""``, ``*``, ``()``, ``NOT``, ``-``); None when it
    has words.  ``govnews search`` and ``export --query`` both show it."""
    from .syntax import searchable

    return None if searchable(text) else _nothing(text)


def _nothing(text: str) -> str:
    return f"{shorten(text)!r} has nothing to search for: give a word"


class FilterError(ValueError):
    """A filter that cannot be applied, as one sentence, and the option it came from
    (``hint``: "--since", "--until", "--category", "--site" or "--query")."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def date_bound(value: str | dt.date | None, *, end: bool = False) -> str | None:
    """A ``published_at`` bound for DATE given as YYYY-MM-DD, YYYY-MM or YYYY.

    ``end=False``: the first instant of DATE (compare with >=); ``end=True``: the first
    instant after DATE (compare with <), so ``--until 2020`` takes in all of 2020.
    Raises ValueError with a sentence a person can act on.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not end:
            return value.isoformat()
        return None if value == dt.date.max else (value + dt.timedelta(days=1)).isoformat()
    m = _DATE.match(str(value).strip())
    try:
        if not m:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        start = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{shorten(value)!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY"
                         ) from None
    if not end:
        return start.isoformat()
    if year == dt.MAXYEAR and (m[2] is None or month == 12) and (m[3] is None or day == 31):
        return None  # the calendar's last day: every date is before the day after it
    if m[3]:
        after = start + dt.timedelta(days=1)
    elif m[2]:
        after = dt.date(year + (month == 12), month % 12 + 1, 1)
    else:
        after = dt.date(year + 1, 1, 1)
    return after.isoformat()


def _bound(value, end: bool, hint: str) -> str | None:
    try:
        return date_bound(value, end=end)
    except ValueError as exc:
        raise FilterError(str(exc), hint) from None


def check_dates(since, until) -> None:
    """Raise FilterError unless ``since`` and ``until`` are each a date or nothing."""
    _bound(since, False, "--since")
    _bound(until, False, "--until")


def matching(values, wanted: str | None, what: str, hint: str) -> list[str] | None:
    """The ``values`` that ``wanted`` names, accents and case aside; None when no filter
    is asked; FilterError when it names none."""
    from .syntax import matching_values

    if not wanted:
        return None
    found = matching_values(wanted, values)
    if not found:
        raise FilterError(f"no {what} is {shorten(wanted)!r} (`govnews stats` lists them)",
                          hint)
    return found


def resolve(db, column: str, table: str, wanted: str | None, what: str) -> list[str] | None:
    """The stored values of ``column`` that ``wanted`` names (see ``matching``)."""
    from .query import distinct_values

    if not wanted:
        return None
    return matching(distinct_values(db, table, column), wanted, what,
                    "--site" if column == "site" else "--category")


def match_condition(table: str, text: str) -> str:
    """A condition on ``table``'s rowid: the rows its search index matches for ``text``
    (the expression inlined, so the parameters stay the dates' and values' alone)."""
    empty = nothing_to_search(text)
    if empty:
        raise FilterError(empty, "--query")
    try:
        match = fts_query(text, columns=TABLES[table][2])
    except ValueError as exc:
        raise FilterError(str(exc), "--query") from None
    if match is None:  # words that fold to nothing
        raise FilterError(_nothing(text), "--query")
    quoted = match.replace("'", "''")
    return f"rowid in (select rowid from {table}_fts where {table}_fts match '{quoted}')"


def _values(value) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Filter:
    """Records of ``table`` published from ``since`` (>=) and before ``until`` (<), both
    bounds as ``date_bound`` makes them; of ``categories`` and on ``sites`` (the values
    stored; None: any); whose rowid ``text`` keeps (a ``match_condition``)."""

    since: str | None = None
    until: str | None = None
    categories: tuple[str, ...] | None = None
    sites: tuple[str, ...] | None = None
    text: str | None = None
    table: str = "articles"

    @classmethod
    def of(cls, since=None, until=None, category=None, site=None,
           table: str = "articles") -> Filter:
        """A filter of dates as typed (ValueError for one that is none) and categories
        and sites as stored, one value or several."""
        return cls(date_bound(since), date_bound(until, end=True), _values(category),
                   _values(site), table=table)

    def clauses(self, named: bool = False) -> list[tuple[str, str, list | dict]]:
        """(name, condition, parameters) of each filter asked, in the order category,
        site, query, since, until; ``named``: parameters as :category0, :site0, :since,
        :until (a dict), else as ``?`` (a list)."""
        dates, category = TABLES[self.table][:2]
        out: list[tuple[str, str, list | dict]] = []
        for name, column, values in (("category", category, self.categories),
                                     ("site", "site", self.sites)):
            if values is None:
                continue
            if named:
                marks = ", ".join(f":{name}{i}" for i in range(len(values)))
                out.append((name, f"{column} in ({marks})",
                            {f"{name}{i}": v for i, v in enumerate(values)}))
            else:
                out.append((name, f"{column} in ({', '.join('?' * len(values))})", list(values)))
        if self.text:
            out.append(("query", self.text, {} if named else []))
        for name, op, bound in (("since", ">=", self.since), ("until", "<", self.until)):
            if bound:
                out.append((name, f"{dates} {op} {':' + name if named else '?'}",
                            {name: bound} if named else [bound]))
        return out

    def where(self) -> tuple[str, list]:
        """The conditions joined by "and" (empty: every record), and their parameters."""
        clauses = self.clauses()
        return " and ".join(c for _, c, _ in clauses), [p for _, _, ps in clauses for p in ps]


def build_filter(db, since=None, until=None, category=None, site=None, text=None,
                 table: str = "articles") -> Filter:
    """The filter a person asked for, checked in the order category, site, query,
    since, until: the first that cannot be applied raises FilterError."""
    categories = resolve(db, TABLES[table][1], table, category, "category")
    sites = resolve(db, "site", table, site, "site")
    condition = match_condition(table, text) if text is not None else None
    return Filter(_bound(since, False, "--since"), _bound(until, True, "--until"),
                  None if categories is None else tuple(categories),
                  None if sites is None else tuple(sites), condition, table)
