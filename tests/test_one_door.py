"""One door to the archive: only ``archive.store`` (the package archive/store/) and the
schema's migrations write.

The code of ``crawler/`` and ``archive/`` is searched for SQL that changes rows (INSERT,
UPDATE, DELETE, REPLACE) and for sqlite-utils' writing calls; the replica, which never
touches an archive, is left out."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The store is a package: its merge (Archive.merge_from, `govnews merge`) is archive/store/merge.py.
ALLOWED = {"archive/store/__init__.py", "archive/store/files.py", "archive/store/merge.py",
           "archive/store/pairs.py",
           "archive/schema.py", "archive/schema_tallies.py"}
# A connection's temporary schema (``insert into temp.…``: the search's snippet index of
# a few hits) is the connection's own, not the archive.
SQL_WRITE = re.compile(r"""["'](?:\s*)(?:insert\b(?!\s+into\s+temp\.)|update\s+\w+\s+set\b|delete\s+from\b|replace\s+into\b)""",
                       re.IGNORECASE)
UTILS_WRITE = re.compile(r"\]\.(?:insert|insert_all|upsert|upsert_all|update|delete|delete_where)\(")


def production_modules():
    for folder in ("crawler", "archive"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if not rel.startswith("crawler/replica/"):
                yield rel, path.read_text(encoding="utf-8")


def test_only_the_store_writes_to_the_archive():
    writers = {}
    for rel, text in production_modules():
        lines = [n for n, line in enumerate(text.splitlines(), 1)
                 if SQL_WRITE.search(line) or UTILS_WRITE.search(line)]
        if lines:
            writers[rel] = lines
    assert set(writers) <= ALLOWED, {k: v for k, v in writers.items() if k not in ALLOWED}
    assert "archive/store/__init__.py" in writers  # the search does find writes where they are


def test_the_search_finds_a_write_written_elsewhere():
    samples = ['db.execute("update articles set title = ?", [t])',
               "db.execute('INSERT INTO pages (url) VALUES (?)')",
               'db["crawl_runs"].update(run_id, {"mode": mode})',
               'conn.execute("delete from pending where url = ?")']
    for line in samples:
        assert SQL_WRITE.search(line) or UTILS_WRITE.search(line), line
    for line in ['db.execute("select url from articles")', "counts.update(more)",
                 "self.archived.update(state)", "headers.update(x)"]:
        assert not (SQL_WRITE.search(line) or UTILS_WRITE.search(line)), line
