"""The archive's files: reading the text of those not read yet.

A file's bytes are in ``bodies`` (stored with the fetch that brought them); its text goes
to ``file_texts``, once per sha256, whatever URLs serve the same bytes.  Reading happens
after a crawl (``crawler.pipelines``) and on demand (``govnews reparse --files``), each
file in a child process under the limits of ``archive.extract``.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Iterator

from .extract import UNSUPPORTED, Extracted, ReadingStopped, extract

logger = logging.getLogger(__name__)
IMAGE_REASON = "an image: no text is read from images"


def unread(db) -> list[tuple[str, str, str | None]]:
    """(sha256, url, content_type) of each archived file whose text was never read, one
    URL per content."""
    return [tuple(row) for row in db.execute(
        "select f.sha256, min(f.url), max(f.content_type) from files f"
        " where f.state = 'archived' and f.sha256 is not null and not exists"
        " (select 1 from file_texts t where t.sha256 = f.sha256) group by f.sha256"
        " order by min(f.url)")]


def body(db, sha256: str) -> bytes | None:
    row = db.execute("select data, compression from bodies where sha256 = ?",
                     [sha256]).fetchone()
    if row is None:
        return None
    return zlib.decompress(row[0]) if row[1] == "zlib" else row[0]


def read_archived(archive, *, timeout: float = 30.0, seconds_per_mb: float = 6.0,
                  memory_mb: int = 512, max_pages: int = 2000, again: bool = False,
                  budget_seconds: float = 0.0, stop=None,
                  progress=None) -> Iterator[tuple[str, str, Extracted]]:
    """Read every archived file not read yet (``again``: every archived file), store
    each result as it comes (one transaction a file, so an interrupted pass keeps what
    it read), and yield (sha256, url, Extracted).

    A file may take ``timeout`` seconds plus ``seconds_per_mb`` for each MB: a dense
    10 MB PDF takes pdfminer about 40 s (bench/bench_extract.py), and a fixed limit would
    give every large report up as a timeout.  ``budget_seconds`` (0: none) ends the pass
    once that long has been spent: the files left are read by the next one.  ``stop``
    (a callable) ends the pass as soon as it is true, the file being read included: its
    reader is ended, and it and the rest stay unread.  ``progress`` (a callable) is told
    (files read, files to read) after each file."""
    started = time.monotonic()
    todo = unread(archive.db)
    if again:
        todo = [tuple(r) for r in archive.db.execute(
            "select sha256, min(url), max(content_type) from files where state = 'archived'"
            " and sha256 is not null group by sha256 order by min(url)")]
    for done, (sha256, url, content_type) in enumerate(todo):
        if done and budget_seconds and time.monotonic() - started > budget_seconds:
            logger.warning("reading files' text: the run's %g s are spent; %d files are left"
                           " for the next run", budget_seconds, len(todo) - done)
            return
        try:
            got = _read(archive, sha256, url, content_type, stop, timeout=timeout,
                        seconds_per_mb=seconds_per_mb, memory_mb=memory_mb,
                        max_pages=max_pages)
        except ReadingStopped:
            logger.info("reading files' text: stopped; %d files are left unread for the "
                        "next run", len(todo) - done)
            return
        archive.store_file_texts([(sha256, got)])
        if progress is not None:
            progress(done + 1, len(todo))
        yield sha256, url, got


def _read(archive, sha256: str, url: str, content_type: str | None, stop, *, timeout,
          seconds_per_mb, memory_mb, max_pages) -> Extracted:
    """One file's text (ReadingStopped when ``stop`` says so first)."""
    if stop is not None and stop():
        raise ReadingStopped(url)
    data = body(archive.db, sha256)
    if data is None:
        return Extracted("failed", reason="its bytes are missing from the archive")
    if (content_type or "").startswith("image/") or data[:4] in (
            b"\x89PNG", b"GIF8") or data[:3] == b"\xff\xd8\xff":
        return Extracted(UNSUPPORTED, kind="image", reason=IMAGE_REASON)
    return extract(data, url, timeout=timeout + seconds_per_mb * len(data) / 1e6,
                   memory_mb=memory_mb, max_pages=max_pages, stop=stop)
