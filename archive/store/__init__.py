"""The only module that writes to the archive.

Articles are upserted on their canonical URL, so a re-crawl, or an article listed in two
categories, updates one row and never adds a second.  Writes come in batches, each one
transaction, so the crawl never waits on the disk and a crash loses at most the open batch,
never a committed one.  The rows it writes are shaped by ``archive.records`` (content hash,
columns from the record's definition), which touches no archive.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable

import sqlite_utils

from crawler.kernel.numbers import number_key
from crawler.kernel.record import Article, Document, FileFetched, Gone, Snapshot
from crawler.kernel.text import canonical_url

from .. import records as _records
from .. import schema
from ..access import WRITE_CHECK_TABLE, ArchiveError, directory_problem, explain, open_readonly
from ..records import article_row, document_row, next_try, pending_state, utcnow
from .files import FileRows
from .pairs import sync as sync_pairs


class _WriteDatabase(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock as it begins.

    Its own ``atomic()`` begins a deferred transaction: one that reads, then writes, asks
    for the write lock mid-transaction, and SQLite answers "database is locked" at once,
    without the busy timeout, if anyone else holds it at that moment (a second crawl
    checking the archive is writable, a merge). Nested blocks stay savepoints."""

    @contextlib.contextmanager
    def atomic(self):
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()


def open_db(path: str | os.PathLike, readonly: bool = False) -> sqlite_utils.Database:
    """The archive at ``path``, its schema brought up to date (created if need be).

    ``readonly=True`` writes nothing, neither to the file nor to its directory: no PRAGMA
    that changes the file, no migration (``archive.access.open_readonly``); a
    file that is no archive, or an archive older than the code, raises
    ``archive.access.ArchiveError`` with a sentence saying so.
    """
    if readonly:
        return open_readonly(path)
    db = _WriteDatabase(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=30000")
    db.execute("PRAGMA foreign_keys=ON")
    schema.apply(db)
    with db.atomic():  # what another tool wrote since (archive.pairs)
        sync_pairs(db)
    return db


class Archive(FileRows):
    """A handle on one archive database."""

    def __init__(self, path: str | os.PathLike, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self.db = open_db(path, readonly=readonly)

    def close(self) -> None:
        self.db.close()

    # --- runs -----------------------------------------------------------------------
    def start_run(self, sites: Iterable[str], settings: dict | None = None) -> int:
        with self.db.atomic():
            table = self.db["crawl_runs"].insert({
                "started_at": utcnow(),
                "status": "running",
                "sites": json.dumps(list(sites)),
                "pid": os.getpid(),
                "requests": 0, "responses": 0,
                "articles_new": 0, "articles_updated": 0, "articles_unchanged": 0,
                "errors": 0, "errors_by_kind": "{}",
                "settings": json.dumps(settings or {}, ensure_ascii=False, default=str),
            })
        return table.last_pk

    def finish_run(self, run_id: int, status: str, **counts) -> None:
        kinds = Counter(
            row["kind"] for row in self.db.query(
                "select kind from crawl_errors where run_id = ?", [run_id]))
        with self.db.atomic():
            self.db["crawl_runs"].update(run_id, {
                "finished_at": utcnow(),
                "status": status,
                "errors": sum(kinds.values()),
                "errors_by_kind": json.dumps(dict(kinds)),
                **counts,
            })

    def record_error(self, run_id: int | None, url: str, kind: str, message: str) -> None:
        self.record_problem(run_id, url, kind, message)

    def record_problem(self, run_id: int | None, url: str, kind: str, message: str,
                       pending: dict | None = None, max_attempts: int = 8) -> str | None:
        """One problem in crawl_errors; with ``pending`` ({site, listing_url, category,
        gone}), the article URL is also kept in ``pending`` in the same transaction, so
        that a later run fetches it again.  Returns the URL's pending state."""
        with self.db.atomic():
            self.db["crawl_errors"].insert({
                "run_id": run_id, "at": utcnow(), "url": url, "kind": kind,
                "message": message[:2000],
            })
            if pending is not None:
                return self._pend(run_id, url, kind, message, pending, max_attempts)
        return None

    def _pend(self, run_id, url, kind, message, pending, max_attempts) -> str:
        now = utcnow()
        row = self.db.execute("select attempts from pending where url = ?", [url]).fetchone()
        attempts = (row[0] if row else 0) + 1
        state = pending_state(bool(pending.get("gone")), attempts, max_attempts)
        next_run = next_try(run_id, attempts)
        self.db.execute(
            "insert into pending (url, site, listing_url, category, state, reason, message,"
            " attempts, first_failed_at, last_failed_at, last_run_id, next_run_id)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict(url) do update set"
            " listing_url = coalesce(excluded.listing_url, listing_url),"
            " category = coalesce(excluded.category, category), state = excluded.state,"
            " reason = excluded.reason, message = excluded.message, attempts = excluded.attempts,"
            " last_failed_at = excluded.last_failed_at, last_run_id = excluded.last_run_id,"
            " next_run_id = excluded.next_run_id",
            [url, pending.get("site"), pending.get("listing_url"), pending.get("category"),
             state, kind, message[:2000], attempts, now, now, run_id, next_run])
        return state

    def record_site_runs(self, run_id: int, rows) -> None:
        """How each site of a run fared (see schema m007)."""
        now = utcnow()
        with self.db.atomic():
            for row in rows:
                self.db.execute(
                    "insert or replace into site_runs (run_id, site, start, layout, pages,"
                    " articles, status, reason, at, listed)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [run_id, row["site"], int(bool(row.get("start"))), row.get("layout"),
                     row.get("pages", 0), row.get("articles", 0), row["status"],
                     row.get("reason"), now, row.get("listed")])

    def run(self, run_id: int) -> dict:
        return self.db["crawl_runs"].get(run_id)

    # --- batches --------------------------------------------------------------------
    def store_batch(self, articles: Iterable[Article] = (), snapshots: Iterable[Snapshot] = (),
                    gone: Iterable[Gone] = (), run_id: int | None = None,
                    documents: Iterable[Document] = (),
                    files: Iterable[FileFetched] = ()) -> Counter:
        """Snapshots, articles, documents, fetched files and gone marks of one batch, in
        one transaction: after a crash either all of a batch is there or none of it."""
        articles, snapshots = list(articles), list(snapshots)
        documents, files = list(documents), list(files)
        counts: Counter = Counter()
        now = utcnow()
        with self.db.atomic():
            fetch_ids = {}
            for snap in snapshots:
                fetch_id = self._insert_snapshot(snap, run_id)
                for key in (snap.url, snap.request_url):
                    if key:
                        fetch_ids[canonical_url(key)] = fetch_id
            for article in articles:
                fetch_id = fetch_ids.get(article.url) or self._latest_fetch(article.url)
                counts[self._upsert(article, now, fetch_id, "site")] += 1
            for document in documents:
                fetch_id = fetch_ids.get(document.url) or self._latest_fetch(document.url)
                counts["documents_" + self._upsert_document(document, now, fetch_id)] += 1
            for fetched in files:
                counts["files_archived"] += 1
                counts["file_bytes"] += fetched.bytes or 0
                self._file_archived(fetched, fetch_ids.get(canonical_url(fetched.url)), now,
                                    run_id)
            for mark in gone:
                counts["gone"] += self._mark_gone(mark)
            stored = [a.url for a in articles] + [d.url for d in documents]
            for i in range(0, len(stored), 500):
                chunk = stored[i:i + 500]
                self.db.execute(
                    f"delete from pending where url in ({','.join('?' * len(chunk))})", chunk)
            if run_id is not None:
                self._count_batch(run_id, counts, len(snapshots))
            sync_pairs(self.db)  # the pair index in step at each commit (archive.pairs)
        return counts

    def _count_batch(self, run_id: int, counts: Counter, snapshots: int) -> None:
        """Add a batch to its run's row, which counts what is committed, batch by batch,
        so a crawl killed mid-run leaves the truth behind."""
        added = {"articles_new": counts["new"], "articles_updated": counts["updated"],
                 "articles_unchanged": counts["unchanged"], "articles_gone": counts["gone"],
                 "snapshots": snapshots, "responses": snapshots,
                 "documents_new": counts["documents_new"],
                 "documents_updated": counts["documents_updated"],
                 "files_archived": counts["files_archived"], "file_bytes": counts["file_bytes"]}
        self.db.execute("update crawl_runs set " + ", ".join(
            f"{c} = coalesce({c}, 0) + ?" for c in added) + " where id = ?",
            [*added.values(), run_id])

    def store_progress(self, pages=(), walks=(), not_modified=(), run_id=None,
                       incomplete=()) -> None:
        """What the crawl learned besides articles: page kinds, completed listing walks,
        listings whose walk failed (walked in full next run), archived articles that
        answered 304 (seen again, unchanged)."""
        now = utcnow()
        with self.db.atomic():
            for url in incomplete:
                self.db.execute("delete from listing_walks where listing_url = ?", [url])
            for page in pages:
                self.db.execute(
                    "insert into pages (url, kind, first_seen_at, last_fetched_at, layout,"
                    " evidence) values (?, ?, ?, ?, ?, ?) on conflict(url) do update set"
                    " kind = excluded.kind, last_fetched_at = excluded.last_fetched_at,"
                    " layout = excluded.layout, evidence = excluded.evidence",
                    [page["url"], page["kind"], now, now, page.get("layout"),
                     "\n".join(page.get("evidence") or []) or None])
            for walk in walks:
                self.db.execute(
                    "insert into listing_walks (listing_url, site, completed_at, pages, run_id)"
                    " values (?, ?, ?, ?, ?) on conflict(listing_url) do update set"
                    " completed_at = excluded.completed_at, pages = excluded.pages,"
                    " run_id = excluded.run_id",
                    [walk["listing_url"], walk["site"], now, walk["pages"], run_id])
            for url in not_modified:
                self.db.execute(
                    "update articles set last_seen_at = ?, gone_at = null, gone_reason = null"
                    " where url = ?", [now, url])

    def mark_crashed_runs(self) -> list[int]:
        """Runs left 'running' by a process that died (the caller holds the crawl lock)."""
        ids = [r[0] for r in self.db.execute("select id from crawl_runs where status = 'running'")]
        with self.db.atomic():
            for run_id in ids:
                self.db.execute("update crawl_runs set status = 'crashed' where id = ?", [run_id])
        return ids

    def store_articles(self, articles: Iterable[Article]) -> Counter:
        """Upsert a batch of articles in one transaction; count new/updated/unchanged."""
        return self.store_batch(articles=articles)

    def store_reparsed(self, pairs) -> Counter:
        """Records re-made from stored snapshots: (article, snapshot_id) pairs."""
        counts: Counter = Counter()
        now = utcnow()
        with self.db.atomic():
            for article, snapshot_id in pairs:
                counts[self._upsert(article, now, snapshot_id, "reparse", seen=False)] += 1
            sync_pairs(self.db)
        return counts

    def _insert_snapshot(self, snap: Snapshot, run_id: int | None) -> int:
        digest = hashlib.sha256(snap.body).hexdigest()
        self.db.execute(
            "insert or ignore into bodies (sha256, size, compression, data) values (?, ?, ?, ?)",
            [digest, len(snap.body), "zlib", zlib.compress(snap.body, 6)])
        cursor = self.db.execute(
            "insert into fetches (run_id, url, request_url, method, request_headers, request_body,"
            " status, headers, fetched_at, body_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, snap.url, snap.request_url or snap.url, snap.method,
             json.dumps(snap.request_headers, ensure_ascii=False), snap.request_body or None,
             snap.status, json.dumps(snap.headers, ensure_ascii=False), snap.fetched_at, digest])
        return cursor.lastrowid

    def _latest_fetch(self, url: str) -> int | None:
        row = self.db.execute(
            "select id from fetches where url = ? and status = 200 order by id desc limit 1",
            [url]).fetchone()
        return row[0] if row else None

    def _mark_gone(self, mark: Gone) -> int:
        cursor = self.db.execute(
            "update articles set gone_at = ?, gone_reason = ? where url = ? and gone_at is null",
            [mark.at, mark.reason, mark.url])
        if cursor.rowcount:
            return cursor.rowcount
        # A register's document page that stopped answering.
        self.db.execute(
            "update documents set gone_at = ?, gone_reason = ? where url = ? and gone_at is null",
            [mark.at, mark.reason, mark.url])
        return 0

    def store_listings(self, listings: dict[str, list[tuple[str, str | None]]]) -> None:
        """Remember which listing pages showed each article (first sighting kept)."""
        now = utcnow()
        rows = [
            {"article_url": url, "listing_url": listing_url, "category": category,
             "first_seen_at": now}
            for url, seen in listings.items() for listing_url, category in seen
        ]
        # An article stored without a category (its page prints none, and a related link led
        # to it before any list showed it) takes the first listing's that names one.
        named = {}
        for row in rows:
            if row["category"]:
                named.setdefault(row["article_url"], row["category"])
        with self.db.atomic():
            self.db["article_listings"].insert_all(rows, ignore=True, batch_size=500)
            self.db.conn.executemany(
                "update articles set category = ? where url = ? and category is null",
                [(category, url) for url, category in named.items()])

    def _upsert(self, article: Article, now: str, snapshot_id: int | None = None,
                because: str = "site", seen: bool = True) -> str:
        record = _records.shallow_record(article)
        row = article_row(record)
        digest = row["content_hash"]
        existing = self.db.execute(
            "select content_hash, first_seen_at from articles where url = ?",
            [article.url]).fetchone()
        if existing is None and article.article_id:
            existing = self._follow_new_url(article)
        if existing and existing[0] != digest and self._same_but_related(record, existing[0]):
            self.db.execute("update articles set content_hash = ? where url = ?",
                            [digest, article.url])
            existing = (digest, existing[1])
        if seen:
            row["last_seen_at"] = now
            # A page that answers again is no longer gone.
            row["gone_at"] = None
            row["gone_reason"] = None
        if snapshot_id is not None:
            row["snapshot_id"] = snapshot_id
        if existing is None:
            row["first_seen_at"] = now
            row["last_changed_at"] = now
            self._insert("articles", [row])
            self._replace_children(article)
            return "new"
        if existing[0] == digest and not seen:
            self.db.execute("update articles set parser = ?, body_html = ? where url = ?",
                            [row["parser"], row["body_html"], article.url])
            self._replace_citations(article)
            self._refresh_related(article)
            return "unchanged"
        if seen and _records.category_learned(record, digest, existing[0]):
            self.db.execute("update articles set category = ?, content_hash = ? where url = ?",
                            [record["category"], digest, article.url])
            existing = (digest, existing[1])
        if existing[0] == digest:
            self.db.execute(
                "update articles set last_seen_at = ?, fetched_at = ?, parser = ?, body_html = ?,"
                " snapshot_id = coalesce(?, snapshot_id), gone_at = null, gone_reason = null"
                " where url = ?",
                [now, row["fetched_at"], row["parser"], row["body_html"], snapshot_id,
                 article.url])
            self._refresh_related(article)
            return "unchanged"
        self._keep_version(article.url, now, because)
        row["first_seen_at"] = existing[1]
        row["last_changed_at"] = now
        self.db["articles"].update(article.url, row)
        self._replace_children(article)
        return "updated"

    def _same_but_related(self, record: dict, stored: str) -> bool:
        """Whether an article hashed before its related list left the hash (``stored``) is
        ``record`` but for that list: its hash then, with the related links stored."""
        related = self._stored_related(record["url"])
        return _records.content_hash(dict(record, related=related), _records.CONTENT_FIELDS) == stored

    def _stored_related(self, url: str) -> list[dict]:
        return [{"url": u, "title": t} for u, t in self.db.execute(
            "select url, title from related_links where article_url = ? order by position",
            [url])]

    def _refresh_related(self, article: Article) -> None:
        """An unchanged article's related list as its page shows it now: the record is its
        latest page's, and the list makes no version (records.VERSIONED_FIELDS)."""
        shown = [{"url": r.url, "title": r.title} for r in article.related]
        if shown != self._stored_related(article.url):
            self.db.execute("delete from related_links where article_url = ?", [article.url])
            self._insert("related_links", [{"article_url": article.url, "position": i, **r}
                                           for i, r in enumerate(shown)])

    def _follow_new_url(self, article: Article):
        """The portal builds URLs from the title: an edited title moves the article to a new
        URL with the same id.  It is the same article: its row (and history) moves along.
        Only within one layout: an id is the site's own only where the layout that read it
        says so (a number that ends two slugs, "-2024.html", is no id at all)."""
        layout = (article.parser or "").split("/")[0]
        if not layout:
            return None
        old = self.db.execute(
            "select url from articles where site = ? and article_id = ? and url != ?"
            " and substr(parser, 1, ?) = ?",
            [article.site, article.article_id, article.url, len(layout) + 1,
             layout + "/"]).fetchone()
        if old is None:
            return None
        self.db.execute("PRAGMA defer_foreign_keys = ON")
        for table, column in (("articles", "url"), ("related_links", "article_url"),
                              ("images", "article_url"), ("attachments", "article_url"),
                              ("article_listings", "article_url"), ("article_versions", "url"),
                              ("citations", "article_url"), ("pending", "url")):
            self.db.execute(f"update or ignore {table} set {column} = ? where {column} = ?",
                            [article.url, old[0]])
        return self.db.execute("select content_hash, first_seen_at from articles where url = ?",
                               [article.url]).fetchone()

    def _keep_version(self, url: str, now: str, because: str) -> None:
        """Copy the current record of ``url`` into article_versions before it is replaced."""
        from ..query import records

        old = next(records(self.db, "url = ?", [url]), None)
        row = next(self.db.query(
            "select content_hash, parser, snapshot_id, last_changed_at from articles"
            " where url = ?", [url]))
        version = self.db.execute(
            "select count(*) from article_versions where url = ?", [url]).fetchone()[0] + 1
        self.db["article_versions"].insert({
            "url": url, "version": version, "content_hash": row["content_hash"],
            "record": json.dumps(old, ensure_ascii=False), "parser": row["parser"],
            "snapshot_id": row["snapshot_id"], "valid_from": row["last_changed_at"],
            "replaced_at": now, "replaced_because": because,
        })

    def _replace_children(self, article: Article) -> None:
        for table, items, fields in (
            ("related_links", article.related, ("url", "title")),
            ("images", article.images, ("url", "caption")),
            ("attachments", article.attachments, ("url", "name")),
        ):
            self.db.execute(f"delete from {table} where article_url = ?", [article.url])
            self._insert(table, [{"article_url": article.url, "position": i,
                                  **{f: getattr(item, f) for f in fields}}
                                 for i, item in enumerate(items)])
        self._replace_citations(article)
        self._register_files([x.url for x in [*article.images, *article.attachments]], now=None)

    def _replace_citations(self, article: Article) -> None:
        self.db.execute("delete from citations where article_url = ?", [article.url])
        self.db.conn.executemany(
            "insert into citations (article_url, position, number, number_key)"
            " values (?, ?, ?, ?)",
            [(article.url, i, number, number_key(number)) for i, number in enumerate(article.cites)])

    def _insert(self, table: str, rows: list[dict]) -> None:
        """Rows with the same keys, as plain INSERTs (sqlite-utils' insert looks the table
        up on every call: the crawl's hot path does without)."""
        if rows:
            cols = list(rows[0])
            self.db.conn.executemany(
                f"insert into {table} ({', '.join(cols)}) values ({', '.join('?' * len(cols))})",
                [[r[c] for c in cols] for r in rows])

    # --- documents --------------------------------------------------------------------
    def store_reparsed_documents(self, pairs) -> None:
        """Documents re-made from their stored pages: (document, snapshot_id) pairs."""
        now = utcnow()
        with self.db.atomic():
            for document, snapshot_id in pairs:
                self._upsert_document(document, now, snapshot_id, seen=False)

    def _upsert_document(self, document: Document, now: str, snapshot_id: int | None,
                         seen: bool = True) -> str:
        row = document_row(document)
        digest = row["content_hash"]
        if seen:
            row.update(last_seen_at=now, gone_at=None, gone_reason=None)
        if snapshot_id is not None:
            row["snapshot_id"] = snapshot_id
        existing = self.db.execute(
            "select content_hash, first_seen_at, last_changed_at, snapshot_id from documents"
            " where url = ?", [document.url]).fetchone()
        if existing is None:
            row.update(first_seen_at=now, last_changed_at=now)
            self.db["documents"].insert(row)
            outcome = "new"
        elif existing[0] == digest:
            self.db["documents"].update(document.url, {
                k: row[k] for k in ("last_seen_at", "fetched_at", "parser", "gone_at",
                                    "gone_reason", "snapshot_id") if k in row})
            return "unchanged"
        else:
            old = next(self.documents("url = ?", [document.url]))
            version = self.db.execute("select count(*) from document_versions where url = ?",
                                      [document.url]).fetchone()[0] + 1
            self.db["document_versions"].insert({
                "url": document.url, "version": version, "content_hash": existing[0],
                "record": json.dumps(old, ensure_ascii=False), "snapshot_id": existing[3],
                "valid_from": existing[2], "replaced_at": now})
            row.update(last_changed_at=now)
            self.db["documents"].update(document.url, row)
            outcome = "updated"
        self.db.execute("delete from document_files where document_url = ?", [document.url])
        for i, f in enumerate(document.files):
            self.db.execute("insert into document_files (document_url, position, url, name)"
                            " values (?, ?, ?, ?)", [document.url, i, f.url, f.name])
        self._register_files([f.url for f in document.files], now)
        return outcome

    def merge_from(self, path: str | os.PathLike, node: str) -> Counter:
        """Merge the node's archive at ``path`` into this one, its runs marked as the
        node's (``archive.store.merge``); what was added."""
        from .merge import merge

        return merge(self.db, path, node)

    def set_run_mode(self, run_id: int, mode: str) -> None:
        """Whether the run walks incrementally or in full (``crawl_runs.mode``)."""
        self.db["crawl_runs"].update(run_id, {"mode": mode})

    def rebuild_index(self) -> int:
        """Re-make the search index from ``articles``; return the number of articles
        indexed.  For an index out of step with its table (a writer that bypassed the
        triggers, e.g. ``INSERT OR REPLACE`` without ``PRAGMA recursive_triggers``).
        FTS5's own 'rebuild' (what ``sqlite-utils rebuild-fts`` runs) does the same: the
        folding is in the table's generated columns, which the index reads."""
        from ..search import FTS_TABLE
        from .pairs import index_all

        with self.db.atomic():
            self.db.execute(f"insert into {FTS_TABLE}({FTS_TABLE}) values ('rebuild')")
            index_all(self.db)
        return self.db.execute("select count(*) from articles").fetchone()[0]

    def documents(self, where: str = "", params=()):
        from ..query import documents

        return documents(self.db, where, params)


def check_writable(path: str | os.PathLike) -> None:
    """Raise ArchiveError unless a write transaction on ``path`` can succeed.

    A missing file is created for the check and removed again; an existing one is left
    as it was (the transaction is rolled back).  An archive another process is writing
    to at this moment is writable: whoever holds it will be reported by the crawl lock.
    """
    path = str(path)
    problem = directory_problem(path)
    if problem:
        raise ArchiveError(problem)
    existed = os.path.exists(path)
    try:
        conn = sqlite3.connect(path, timeout=5, isolation_level=None)
    except sqlite3.Error as exc:
        raise ArchiveError(explain(path, exc, writing=True)) from None
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {WRITE_CHECK_TABLE} (x)")
            conn.execute(f"INSERT INTO {WRITE_CHECK_TABLE} VALUES (1)")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", None) != "SQLITE_BUSY" and "locked" not in str(exc):
            raise ArchiveError(explain(path, exc, writing=True)) from None
    except sqlite3.Error as exc:
        raise ArchiveError(explain(path, exc, writing=True)) from None
    finally:
        conn.close()
        if not existed:
            _remove_if_empty(path)


def _remove_if_empty(path: str) -> None:
    try:
        if os.path.getsize(path) == 0:
            os.remove(path)
    except OSError:
        pass
