"""Paging through a table in Datasette (0.65), as the archive answers it.

- **The first page is ordered as the next ones.**  Datasette adds the primary key after
  the sort column only from the second page on, so among rows of one date the first
  page's order was SQLite's and the next page's key skipped some rows and repeated
  others (a page through 60 articles of three dates showed 49).  The first page gets
  the key too; the SQL the page shows stays Datasette's.
- **A next page walks the sort's index to its key** (``_walked``).
- **A facet counts the same rows on every page** (``without_key``).

Hand-written: Datasette has no hook that reaches a table page's SQL; these rewrite the
shapes its table view writes and leave SQL of any other shape as it is.  A query of the
same shape written in the SQL page is rewritten too, and finds the same rows: the key
only orders rows its sort leaves equal, and ``+`` only changes how SQLite reads.
"""

from __future__ import annotations

import re

from datasette.utils import detect_primary_keys, escape_sqlite


def paged(sql: str, ties: dict[str, str]) -> str:
    """``sql`` with a next page's key test walked (``_walked``) and a first page's sort
    followed by its table's key (``ties``: primary_key_terms)."""
    sql = _KEYSET.sub(_walked, sql)
    first_page = _FIRST_PAGE.fullmatch(sql)
    if first_page:
        tie = ties.get(first_page["table"].strip("[]"))
        if tie and first_page["column"] != tie:
            end = first_page.end("order")
            sql = f"{sql[:end]}, {tie}{sql[end:]}"
    return sql


# A table page's first page as Datasette writes it: one sort column and no key after it.
_FIRST_PAGE = re.compile(r"select (?:(?! from ).)+ from (?P<table>\[[^\]]+\]|\w+) (?:where .* )?"
                         r"(?P<order>order by (?P<column>\[[^\]]+\]|\w+)(?: desc)?) limit \d+\s*",
                         re.DOTALL)


# Datasette's test of a next page's key: (col < :p0 [or col is null] or (col = :p0 and ...
_KEYSET = re.compile(r"\((?P<col>\[[^\]]+\]|\w+) (?P<op>[<>]) (?P<p>:p\d+)"
                     r"(?P<null> or (?P=col) is null)? or \((?P=col) = (?P=p) and ")


def _walked(key) -> str:
    """The key test with ``+`` on its first comparison, which SQLite then does not answer
    from the index: with it, SQLite gathered every row past the key from the index (an
    OR of three index searches) and sorted them, 79 s for the middle of a million
    articles, over the time limit from the second page on; without it, it walks the
    sort's index to the key, 16 ms for the second page and 0.2 s for the last."""
    return (f"(+{key['col']} {key['op']} {key['p']}{key['null'] or ''}"
            f" or ({key['col']} = {key['p']} and ")


def without_key(sql: str) -> str:
    """``sql`` without its next page's key test.  A facet counts the rows of the page's
    filters on every page alike: Datasette counts only the rows after the page's key
    from the second page on, counts that shrink as one pages (and, at a million articles,
    a second per facet to give up)."""
    key = _KEYSET.search(sql)
    if not key:
        return sql
    depth, end = 0, key.start()
    for end in range(key.start(), len(sql)):  # the key test's closing parenthesis
        depth += {"(": 1, ")": -1}.get(sql[end], 0)
        if depth == 0:
            break
    before, after = sql[:key.start()], sql[end + 1:]
    if before.endswith(" and "):
        return before[:-len(" and ")] + after
    if after.startswith(" and "):
        return before + after[len(" and "):]
    return before.removesuffix("where ") + after.lstrip()


def primary_key_terms(conn) -> dict[str, str]:
    """table -> the ORDER BY terms Datasette pages it by: its primary key, else rowid."""
    names = [row[0] for row in conn.execute(
        "select name from sqlite_master where type = 'table'")]
    return {name: ", ".join(escape_sqlite(pk) for pk in detect_primary_keys(conn, name))
            or "rowid" for name in names}
