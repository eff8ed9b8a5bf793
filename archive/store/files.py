"""The archive's rows of the files pages link (images, attachments): registered when a
page names them, archived when fetched, their failures and the text read from them.
Part of the archive's one writer (``archive.store.Archive``)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from crawler.kernel.record import FileFetched
from crawler.kernel.text import canonical_url

from ..records import file_state, next_try, utcnow


class FileRows:
    """The files part of ``Archive`` (its ``db``)."""

    def _register_files(self, urls, now: str | None) -> None:
        """Files a stored page links: known from now on, "pending" until fetched."""
        now = now or utcnow()
        self.db.conn.executemany(
            "insert or ignore into files (url, host, state, attempts, first_seen_at)"
            " values (?, ?, 'pending', 0, ?)", [(url, urlsplit(url).netloc, now) for url in urls])

    def _file_archived(self, fetched: FileFetched, fetch_id: int | None, now: str,
                       run_id: int | None) -> None:
        url = canonical_url(fetched.url)
        self._register_files([url], now)
        if fetch_id is None:  # its response came in an earlier batch
            row = self.db.execute(
                "select id from fetches where request_url = ? and status = 200"
                " order by id desc limit 1", [fetched.url]).fetchone()
            fetch_id = row[0] if row else None
        self.db.execute(
            "update files set state = 'archived', sha256 = ?, content_type = ?, bytes = ?,"
            " fetch_id = coalesce(?, fetch_id), archived_at = ?, last_tried_at = ?,"
            " last_run_id = ?, reason = null, message = null, attempts = 0 where url = ?",
            [fetched.sha256, fetched.content_type, fetched.bytes, fetch_id, now, now, run_id,
             url])

    def file_seen(self, urls: Iterable[str], run_id: int | None) -> None:
        """Archived files that answered 304: unchanged, nothing to store."""
        now = utcnow()
        with self.db.atomic():
            for url in urls:
                self.db.execute("update files set last_tried_at = ?, last_run_id = ? where url = ?",
                                [now, run_id, url])

    def record_file_problem(self, run_id: int | None, url: str, kind: str, message: str,
                            max_attempts: int = 8) -> str:
        """A file that could not be archived: in crawl_errors, and its state in ``files``
        ("failed", or "too_large" for one over the size cap, tried again by later runs
        with a backoff counted in runs; "gave_up" after ``max_attempts``), one
        transaction.  A file archived before keeps its bytes and stays "archived"."""
        now = utcnow()
        with self.db.atomic():
            self.db["crawl_errors"].insert({"run_id": run_id, "at": now, "url": url,
                                            "kind": kind, "message": message[:2000]})
            self._register_files([url], now)
            row = self.db.execute("select attempts, state from files where url = ?",
                                  [url]).fetchone()
            attempts = (row[0] or 0) + 1
            state = file_state(row[1], kind, attempts, max_attempts)
            self.db.execute(
                "update files set state = ?, reason = ?, message = ?, attempts = ?,"
                " last_tried_at = ?, last_run_id = ?, next_run_id = ? where url = ?",
                [state, kind, message[:2000], attempts, now, run_id,
                 next_try(run_id, attempts), url])
            self.db.execute("update crawl_runs set files_failed = coalesce(files_failed, 0) + 1"
                            " where id = ?", [run_id])
        return state

    def store_file_texts(self, results) -> None:
        """Text read from archived files: (sha256, Extracted) pairs."""
        now = utcnow()
        with self.db.atomic():
            for sha256, got in results:
                self.db.execute(
                    "insert or replace into file_texts (sha256, kind, status, reason, pages,"
                    " text, extracted_at, extractor) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [sha256, got.kind, got.status, got.reason, got.pages, got.text, now,
                     "govnews.extract/1"])
