"""Named reads the crawl makes of the archive.

The spider reads what earlier runs left (``earlier_runs``) before it asks for a page; the
pipeline reads an article's stored body length to judge the parser's health
(``stored_body_length``).  Never writes: every write goes through ``archive.store``.
"""

from __future__ import annotations

import os


def earlier_runs(db_path: str | None, hosts: set[str], validators: bool = False) -> dict | None:
    """What earlier runs left for a crawl of ``hosts`` (``archive.query.crawl_state``), read
    from the archive at ``db_path`` once its schema is brought up to date; None when there
    is no archive there yet."""
    if not db_path or not os.path.exists(db_path):
        return None
    from archive.query import crawl_state
    from archive.store import Archive  # brings an older archive's schema up to date

    archive = Archive(db_path)
    try:
        return crawl_state(archive.db, hosts, validators=validators)
    finally:
        archive.close()


def stored_body_length(db, url: str) -> int | None:
    """The length of the body the archive holds for the article at ``url`` (None when it
    holds no such article, or one without a body)."""
    row = db.execute("select length(body) from articles where url = ?", [url]).fetchone()
    return row[0] if row else None
