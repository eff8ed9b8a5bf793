"""Named reads for the CLI: each function answers one question a ``govnews`` command asks
of the archive, so that no command module holds a query of its own.  One builds rather
than runs a query: the condition on ``fetches`` that ``export --format warc`` hands to
:func:`archive.warc.write_warc`.
"""

from __future__ import annotations

import sqlite_utils

from archive.query import documents, file_rows, records


def run_by_id(db: sqlite_utils.Database, run_id: int) -> dict | None:
    """The crawl_runs row ``run_id``, or None if there is none."""
    return next(db.query("select * from crawl_runs where id = ?", [run_id]), None)


def run_errors(db: sqlite_utils.Database, run_id: int) -> list[dict]:
    """The errors run ``run_id`` recorded (kind, url, message), in the order it met them."""
    return list(db.query(
        "select kind, url, message from crawl_errors where run_id = ? order by id", [run_id]))


def pending_by_state(db: sqlite_utils.Database) -> dict[str, int]:
    """How many articles the pending table holds in each state (pending, gave_up)."""
    return dict(db.execute("select state, count(*) from pending group by state").fetchall())


def hit_record(db: sqlite_utils.Database, kind: str, url: str) -> dict | None:
    """The full record of a search hit: the article, document or file at ``url``."""
    if kind == "article":
        return next(records(db, "url = ?", [url]), None)
    if kind == "document":
        return next(documents(db, "url = ?", [url]), None)
    return next(file_rows(db, "f.url = ?", [url]), None)


def warc_fetches(table: str, where: str, params: list) -> tuple[str, list]:
    """The condition on ``fetches`` (and its parameters) for the pages of the ``table``
    records ``where`` selects and the files they link; all fetches ("") when ``where`` is
    empty and the records are articles."""
    if not (where or table == "documents"):
        return "", []
    pages = f"select url from {table}" + (f" where {where}" if where else "")
    linked = ("select url from images where article_url in (pages) union select"
              " url from attachments where article_url in (pages)"
              if table == "articles" else
              "select url from document_files where document_url in (pages)")
    fetch_where = (f"url in ({pages}) or request_url in"
                   f" ({linked.replace('(pages)', f'({pages})')})")
    return fetch_where, params * (3 if table == "articles" else 2)
