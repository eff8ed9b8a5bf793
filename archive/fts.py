"""The archive's search indexes as a query sees them: which columns each index holds, and
the MATCH expression a person's text becomes.

Each index (made by ``archive.schema.folded_fts``) holds its table's columns as they are
and, as ``{column}_f``, folded (đ -> d); govnews folds every query, so it searches the
folded twins.  ``archive.search`` ranks what they match; ``archive.filters`` keeps the
records a query matches; the web view's search box reads them too.
"""

from __future__ import annotations

from crawler.kernel.text import index_fold

FTS_TABLE = "articles_fts"
COLUMNS = ("title", "summary", "body", "author")
# The index holds each column as it is and, as ``{column}_f``, folded (đ -> d; see
# schema.folded_fts); govnews folds every query, so it searches the folded twins.
FOLDED = tuple(c + "_f" for c in COLUMNS)
DOCUMENT_COLUMNS = ("number", "title", "summary", "agency", "signer", "text")
DOCUMENT_FOLDED = tuple(c + "_f" for c in DOCUMENT_COLUMNS)


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
