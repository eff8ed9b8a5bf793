"""The archive's search indexes as a query sees them: which columns each index holds, and
the MATCH expression a person's text becomes.

Each index (made by ``archive.schema.folded_fts``) holds its table's columns as they are
and, as ``{column}_f``, folded (đ -> d); govnews folds every query, so it searches the
folded twins.  ``archive.search`` ranks what they match; ``archive.filters`` keeps the
records a query matches; the web view's search box reads them too.
"""

from __future__ import annotations

import sqlite_utils

from crawler.kernel.text import INDEX_TOKEN, index_fold

FTS_TABLE = "articles_fts"
# The tokenizer of the indexes of folded text (schema.folded_fts), of the word-pair index
# (archive.pairs) and of the search's snippet index: unicode61 folds case and marks.
TOKENIZE = "unicode61 remove_diacritics 2"
COLUMNS = ("title", "summary", "body", "author", "captions")
# The index holds each column as it is and, as ``{column}_f``, folded (đ -> d; see
# schema.folded_fts); govnews folds every query, so it searches the folded twins.
FOLDED = tuple(c + "_f" for c in COLUMNS)
DOCUMENT_COLUMNS = ("number", "title", "summary", "agency", "signer", "text")
DOCUMENT_FOLDED = tuple(c + "_f" for c in DOCUMENT_COLUMNS)
# A word in more records of an index than this is common: a search made only of common
# words is not ranked by bm25 (see rare_words).
COMMON = 2_000


def fts_query(query: str, *, phrase: bool = True, columns: tuple[str, ...] | None = FOLDED
              ) -> str | None:
    """An FTS5 MATCH expression for user text (the language of ``archive.syntax``:
    phrases, ``"quoted"``, ``OR``, ``NOT``, ``-word``), or None when it has no words.

    Only letters and digits reach FTS5, each inside a double-quoted string, so no input
    (``"``, ``AND OR (``, ``title:x``, ``NEAR``, ``*``) can be read as query syntax.
    ``columns``: the index columns searched (the folded twins of the articles' index by
    default; None: every column).  Raises ``archive.syntax.QueryError`` (a ValueError)
    with a sentence for a query that only leaves things out.
    """
    from .syntax import compile_query

    return compile_query(query, words=not phrase, fold=index_fold, columns=columns)


def plain_query(query: str, *, phrase: bool = True) -> str | None:
    """``fts_query`` over every column of the index, the originals with their twins.

    It finds the same records as the expression over the twins alone, and bm25 with the
    originals weighing 0 scores them the same: a folded query has no đ, so each of its
    words found in an original column is also in the column's twin, at the same place.
    FTS5 reads it faster: it does not pick the twins' positions out of every match."""
    return fts_query(query, phrase=phrase, columns=None)


# Words found common, by archive file, index and COMMON: a long-lived reader (the web
# view) asks the index once per word (reading COMMON + 1 of its records: 0.3 ms, most of
# a search of a 10-word phrase of common words).  Only "common" is kept: a word's records
# only grow as an archive does, so a common word stays common (save deletions, which at
# worst list a search newest first that bm25 would now rank); a rare one may not stay rare.
_FOUND_COMMON: dict[tuple, None] = {}
MAX_FOUND_COMMON = 100_000


def rare_words(db: sqlite_utils.Database, table: str, query: str, *,
               phrase: bool = True) -> bool:
    """Whether each side of OR of ``query`` has a word that at most COMMON records of
    ``table`` (an index) hold.

    Such a query matches a few thousand records at most, and FTS5 finds them by that
    word's list, stepping over the others' (so its bm25 ranking is quick); a query of
    common words only may match, or make FTS5 read, most of a large archive twice over
    (bm25 counts every record that has each phrase, for its weight, then scores every
    match).  Each word is looked for once, counting no further than COMMON + 1 records.
    """
    from .syntax import alternatives

    known: dict[str, bool] = {}
    path = db.execute("pragma database_list").fetchone()[2]
    where = (path, table, COMMON) if path else None  # an archive in memory: not kept

    def rare(token: str) -> bool:
        if token not in known:
            known[token] = (where, token) not in _FOUND_COMMON and db.execute(
                f"select rowid from {table} where {table} match ? limit 1 offset ?",
                [f'"{token}"', COMMON]).fetchone() is None
            if not known[token] and where is not None:
                if len(_FOUND_COMMON) >= MAX_FOUND_COMMON:
                    _FOUND_COMMON.clear()
                _FOUND_COMMON[where, token] = None
        return known[token]

    for group in alternatives(query, words=not phrase):
        tokens = {t for part in group for word in part
                  for t in INDEX_TOKEN.findall(index_fold(word))}
        # the longest first: a long word is more often a rare one (the answer is the same)
        if not any(rare(t) for t in sorted(tokens, key=lambda t: (-len(t), t))):
            return False
    return True
