"""The search box of the archive's tables in Datasette (``_search``, ``_search_COLUMN``),
as filters: folded and quoted words (``archive.fts.fts_query``) matched in the tables'
search indexes, or in the word-pair index for phrases (``archive.pairs``).

How a match reaches the page depends on its size (``match_test``).  A small match is
read row by row (``rowid in (select rowid ...)``) and sorted: a rare word's few rows.
A large one is read that way too slowly: a common word's million rows fetched from all
over the file and sorted took minutes at a million articles, over Datasette's time
limit.  It is tested as a set instead (``+rowid in``: the ``+`` keeps SQLite from
looking rows up by it), so SQLite walks the sort's own index (newest first) and stops at
the end of the page.  A match of most of the table is not even built as a set: each row
the index gives is looked up in the search index (``exists``), a few dozen lookups for a
page of a word every article holds (MOST_LOOKUPS says from how many rows).
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict

import sqlite_utils
from datasette.database import QueryInterrupted
from datasette.filters import FilterArguments

from .fts import COLUMNS, DOCUMENT_COLUMNS, FTS_TABLE, fts_query
from .pairs import PAIRS_TABLE
from .pairs import match as pairs_match
from .pairs import ready as pairs_ready

# An FTS5 expression that is valid and matches nothing: for a query with no words.
NO_MATCH = '""'

# Tables whose search box the plugin answers: their index and its columns.
SEARCHABLE = {
    "articles": (FTS_TABLE, COLUMNS),
    "documents": ("documents_fts", DOCUMENT_COLUMNS),
    "file_texts": ("file_texts_fts", ("text",)),
}

# Matches from this many rows up are large: tested as a set, found by the sort's index.
LARGE_MATCH = 1000
# A match is "most of the table" when looking each row the sort's index gives up in the
# search index costs less than building the set of the match's rows.  A page of a match
# of s·N rows (of a table of N) needs about PAGE/s look-ups, L each, where the set costs
# s·N·b; look-ups win from s² > PAGE·L/(N·b), from sqrt(MOST_LOOKUPS·N) matching rows.
# Measured at 100,000 articles: L about 100 µs in the words' index, b 0.18 µs a row, a
# page of 51 rows; a word-pair index's look-up reads positions, twice the cost.  (A
# fixed share of a twentieth took 75 ms for a phrase in a seventh of the table, where
# its set took 3 ms.)
MOST_LOOKUPS = 25_000
LOOKUP_COST = {PAIRS_TABLE: 2}
# The time the search may take to count up to that share; past it, the match is large.
MOST_COUNT_MS = 200
SMALL_TEST = "rowid in (select rowid from {index} where {index} match :{name})"
LARGE_TEST = "+rowid in (select rowid from {index} where {index} match :{name})"
MOST_TEST = ("exists (select 1 from {index} where {index}.rowid = {table}.rowid"
             " and {index} match :{name})")
# What the facets' SQL holds when the search is large or most of the table.
_LARGE_MARKS = (LARGE_TEST.split("{")[0], MOST_TEST.split("{")[0])


async def _count(db, index: str, match: str, most: int, **limit) -> int:
    sql = f"select count(*) from (select 1 from {index} where {index} match ? limit {most})"
    return (await db.execute(sql, [match], **limit)).first()[0]


# Matches of most of the table too many for a facet to count in its time limit, by
# (archive file, index, MATCH expression): their facets time out at once (beyond_limit).
# Remembered by the search that counted them, for the facets of the same page.
_HUGE: OrderedDict[tuple, bool] = OrderedDict()
_HUGE_KEPT = 256


def _remember_huge(db, index: str, match: str) -> None:
    _HUGE[(db.path, index, match)] = True
    _HUGE.move_to_end((db.path, index, match))
    while len(_HUGE) > _HUGE_KEPT:
        _HUGE.popitem(last=False)


async def match_test(db, table: str, index: str, match: str) -> str:
    """SMALL_TEST, LARGE_TEST or MOST_TEST for ``match`` in ``index`` (of ``table``):
    it counts the match up to the rows from which it is most of the table (MOST_LOOKUPS),
    or the rows a facet can count (facet_rows) when they are more: a match that reaches
    those is remembered as too large to facet."""
    try:
        if await _count(db, index, match, LARGE_MATCH) < LARGE_MATCH:
            return SMALL_TEST
    except QueryInterrupted:
        return LARGE_TEST
    rows = (await db.execute(f"select max(rowid) from {table}")).first()[0] or 0
    most = math.isqrt(MOST_LOOKUPS * LOOKUP_COST.get(index, 1) * rows)
    if most <= LARGE_MATCH:
        return LARGE_TEST
    huge = facet_rows(db.ds)
    try:
        found = await _count(db, index, match, max(most, huge), custom_time_limit=MOST_COUNT_MS)
    except QueryInterrupted:
        return LARGE_TEST
    if found >= huge:
        _remember_huge(db, index, match)
    return MOST_TEST if most <= min(found, rows) else LARGE_TEST


# MOST_TEST and LARGE_TEST as they stand in a query.
_MOST_CLAUSE = (r"exists \(select 1 from (?P<index>\w+) where (?P=index)\.rowid = (?P<table>\w+)"
                r"\.rowid and (?P=index) match :(?P<name>\w+)\)")
_LARGE_CLAUSE = r"\+rowid in \(select rowid from (?P<index>\w+) where (?P=index) match :(?P<name>\w+)\)"
# Datasette's count of a table page whose one filter is a search of most of the table,
# or of a large match.
_COUNT = r"select count\(\*\) from \w+ where {}\s*"
_SEARCH_COUNTS = (re.compile(_COUNT.format(_MOST_CLAUSE)), re.compile(_COUNT.format(_LARGE_CLAUSE)))
# A facet's count (Datasette's column facet, the plugin's month facet).
_FACET = re.compile(r" as value, count\(\*\) as count from \(")


def reread(sql: str) -> str:
    """``sql`` as the archive answers it best when it holds a search of most of the table
    (MOST_TEST), which is only the best way to a page's first rows, or of a large match:

    - the page's count, when the search is its one filter, is the count of the search
      index's matches: the same number (each of the index's rows is one of the table's,
      kept so by its triggers), a few tenths of a second for a million matches where
      testing each of the table's rows ran past the time limit and showed no count;
    - a count with other filters, and a facet, test each row against the match as a
      set (LARGE_TEST), as they read every row anyway: a facet took 0.1 s at 100,000
      articles, where a look-up per row took 7 s."""
    for pattern in _SEARCH_COUNTS:
        counted = pattern.fullmatch(sql)
        if counted:
            index, name = counted["index"], counted["name"]
            return f"select count(*) from {index} where {index} match :{name}"
    if sql.startswith("select count(*) from ") or _FACET.search(sql):
        return re.sub(_MOST_CLAUSE, lambda m: LARGE_TEST.format(**m.groupdict()), sql)
    return sql


# Rows of a large match a facet counts in a millisecond of its time limit: a facet tests
# each row against the set of the match's rows, and building a set of a million took
# 0.4 s at a million articles on a 2-core machine, three facets at once.
FACET_ROWS_PER_MS = 400


def facet_rows(ds) -> int:
    """The rows of a large match a facet can count in its time limit (facet_limit's)."""
    return ds.setting("facet_time_limit_ms") // 4 * FACET_ROWS_PER_MS


def beyond_limit(facet) -> bool:
    """Whether the facet counts a large match of more rows than it can count in its
    time limit: the page's rows (``row_count``; None when that count itself ran out of
    time), or the rows of a search the page's search found too many (match_test).  It
    is reported timed out at once, as it would be after its time limit, which kept a
    common word's page waiting for counts that could not finish (three facets of a
    quarter of a second each, at a million articles)."""
    if not any(mark in facet.sql for mark in _LARGE_MARKS):
        return False
    rows = facet.row_count
    if rows is None or rows > facet_rows(facet.ds):
        return True
    path = facet.ds.get_database(facet.database).path
    return any((path, index, value) in _HUGE for value in (facet.params or {}).values()
               for index in _indexes_in(facet.sql))


def _indexes_in(sql: str) -> set[str]:
    """The search indexes a facet's SQL matches in."""
    return set(re.findall(r"from (\w+) where (?:\1\.rowid = \w+\.rowid and )?\1 match", sql))


def facet_limit(facet) -> int:
    """A facet's time limit: a large match's facets count most of the archive, 0.1 s at
    100,000 articles and seconds at a million, so they get a quarter of it rather than
    keep the page's rows waiting a second each for counts that time out anyway."""
    limit = facet.ds.setting("facet_time_limit_ms")
    return limit // 4 if any(mark in facet.sql for mark in _LARGE_MARKS) else limit


def _searched(request, columns):
    """(column or None for every column, text) for each search argument with words."""
    for key in request.args:
        if key == "_search":
            column = None
        elif key.startswith("_search_") and key[len("_search_"):] in columns:
            column = key[len("_search_"):]
        else:
            continue
        text = request.args.get(key) or ""
        if text.strip():  # the form sends _search= when a filter is applied
            yield column, text


async def search_filters(request, db, table) -> FilterArguments:
    """The filters of a table's search arguments (``table`` in SEARCHABLE)."""
    fts, columns = SEARCHABLE[table]
    # Articles: a search of phrases reads the word-pair index when it is in step
    # (archive.pairs), which finds the same rows without reading every match of each
    # common word: a name in a million articles, over Datasette's time limit otherwise.
    pairs = (table == "articles" and (request.args.get("_search") or "").strip()
             and await db.execute_fn(lambda conn: pairs_ready(sqlite_utils.Database(conn))))
    clauses, params, descriptions = [], {}, []
    for column, text in _searched(request, columns):
        # Every column: the expression over the whole index, originals and twins
        # (archive.fts.plain_query): the same rows, and FTS5 reads a common word's
        # million matches without picking the twins' positions out of each.
        twins = (f"{column}_f",) if column else None
        try:
            match = fts_query(text, columns=twins) or NO_MATCH
        except ValueError:  # only leaves things out: nothing to find
            match = NO_MATCH
        index = fts
        if pairs and column is None and match != NO_MATCH:
            found = pairs_match(text)
            if found is not None:
                match, index = found, PAIRS_TABLE
        name = f"govnews_search_{len(params)}"
        params[name] = match
        test = await match_test(db, table, index, match)
        clauses.append(test.format(index=index, table=table, name=name))
        where = f" in {column}" if column else ""
        descriptions.append(f'search{where} matches "{text}"')
    return FilterArguments(
        clauses, params, descriptions,
        extra_context={"supports_search": True, "search": request.args.get("_search", "")})


class _Settings:
    """A Datasette whose facet time limit is ``limit`` (for Datasette's own facets, which
    read it from ``facet.ds``); everything else is the Datasette's."""

    def __init__(self, ds, limit: int):
        self._ds, self._limit = ds, limit

    def setting(self, key):
        return self._limit if key == "facet_time_limit_ms" else self._ds.setting(key)

    def __getattr__(self, name):
        return getattr(self._ds, name)


def limit_facet(facet) -> None:
    """Give one of Datasette's own facets facet_limit's time limit."""
    limit = facet_limit(facet)
    if limit != facet.ds.setting("facet_time_limit_ms"):
        facet.ds = _Settings(facet.ds, limit)
