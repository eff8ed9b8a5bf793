"""Keeping the word-pair index (``archive.pairs``) in step with ``articles``.

The triggers of schema m015 queue what changed in ``article_pairs_queue``; ``sync``
indexes the queue inside the caller's write transaction.  ``Archive`` runs it in each
transaction that writes articles, and when it opens an archive (what another tool wrote,
or a whole archive the migration queued).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import sqlite_utils

from ..pairs import COLUMNS, PAIRS_TABLE, QUEUE_TABLE, exists, pair_text

# Articles indexed per statement.
CHUNK = 2_000


def _row(rowid: int, texts: Iterable[str | None]) -> tuple:
    return (rowid, *(pair_text(t) for t in texts))


def _insert(db: sqlite_utils.Database, rows: Iterable[tuple], delete: bool = False) -> None:
    names = ", ".join(COLUMNS)
    marks = ", ".join("?" * len(COLUMNS))
    if delete:
        sql = (f"insert into {PAIRS_TABLE}({PAIRS_TABLE}, rowid, {names})"
               f" values ('delete', ?, {marks})")
    else:
        sql = f"insert into {PAIRS_TABLE}(rowid, {names}) values (?, {marks})"
    db.conn.executemany(sql, rows)


def _articles(db: sqlite_utils.Database, rowids: list[int]) -> Iterator[tuple]:
    cols = ", ".join(COLUMNS)
    for i in range(0, len(rowids), 500):  # within SQLite's limit on bound parameters
        chunk = rowids[i:i + 500]
        yield from db.execute(f"select rowid, {cols} from articles where rowid in"
                              f" ({','.join('?' * len(chunk))})", chunk)


def sync(db: sqlite_utils.Database) -> int:
    """Index what ``article_pairs_queue`` holds and empty it; the number of articles
    re-indexed.  Run inside the caller's write transaction.

    Only each article's first queued entry says what the index holds of it: a 'drop'
    carries the text indexed before it changed (deleted now: a contentless index deletes
    only given the text it indexed), an 'add' means nothing was indexed yet.  The
    article's text as it is now is then indexed, if it is still there; whatever happened
    in between needs nothing.  Read CHUNK articles at a time, so a queue of a whole
    archive (schema m015) takes no more memory than a batch.
    """
    if not exists(db, QUEUE_TABLE):
        return 0
    last = db.execute(f"select max(id) from {QUEUE_TABLE}").fetchone()[0]
    if last is None:
        return 0
    names = ", ".join(f"q.{c}" for c in COLUMNS)
    firsts = db.conn.execute(
        f"select q.article_rowid, q.op, {names} from {QUEUE_TABLE} q join"
        f" (select article_rowid, min(id) as id from {QUEUE_TABLE} where id <= ?"
        " group by article_rowid) f on f.id = q.id", [last])
    done = 0
    while chunk := firsts.fetchmany(CHUNK):
        _insert(db, (_row(r[0], r[2:]) for r in chunk if r[1] == "drop"), delete=True)
        _insert(db, (_row(r[0], r[1:]) for r in _articles(db, [r[0] for r in chunk])))
        done += len(chunk)
    db.execute(f"delete from {QUEUE_TABLE} where id <= ?", [last])
    return done


def index_all(db: sqlite_utils.Database) -> int:
    """Re-make the pair index from ``articles`` (``Archive.rebuild_index``): emptied,
    every article queued, the queue indexed."""
    db.execute(f"insert into {PAIRS_TABLE}({PAIRS_TABLE}) values ('delete-all')")
    db.execute(f"delete from {QUEUE_TABLE}")
    db.execute(f"insert into {QUEUE_TABLE} (article_rowid, op) select rowid, 'add'"
               " from articles order by rowid")
    return sync(db)
