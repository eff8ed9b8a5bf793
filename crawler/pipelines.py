"""The pipeline: keep what the spider yields in the archive, and judge the run when it ends.

Scrapy's own pattern: ``from_crawler`` reads settings, ``open_spider`` opens the archive and
starts a run record, ``process_item`` buffers records (and records each problem at once)
and each batch stores them with which listings showed which articles (nothing the run
meets stays in memory until it ends but a few figures per page for the health verdict),
``close_spider`` flushes the buffers.
``spider_closed``, once the engine has closed the spider and the run's counts are known,
records the listing walks and how each site fared, reads the text of the archived files,
judges the run (its status, exit code, parser health, failing sites) and closes its record.
Every response the engine receives (articles, listings, LoadArticle POSTs, errors, robots.txt)
is buffered as a raw snapshot, written in the same batch as the articles parsed from it or an
earlier one, so the archive never holds a record whose page it lost.

It writes only through ``archive.store.Archive``'s methods and reads through named functions
(``archive.crawl_reads``, ``archive.health``); the SQL is theirs.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from urllib.parse import urlsplit

from scrapy import signals

from archive import health
from archive.crawl_reads import listed_category, stored_body_length
from archive.store import Archive
from crawler.items import FileNotModified, Listed, ListingWalked, NotModified, PageKind, Problem
from crawler.kernel.record import FileFetched, Gone, Snapshot
from crawler.stopping import stop_now, stop_request_of

logger = logging.getLogger(__name__)

# Exit codes of `govnews crawl` (README "Exit codes"); the run's status names them.
EXIT_OK = 0
EXIT_RUNNING = 3
EXIT_FETCH_ERRORS = 4
EXIT_DEGRADED = 5
EXIT_INTERRUPTED = 6
EXIT_STORAGE = 1
STATUS_EXIT = {"ok": EXIT_OK, "fetch_errors": EXIT_FETCH_ERRORS, "degraded": EXIT_DEGRADED,
               "interrupted": EXIT_INTERRUPTED, "storage_error": EXIT_STORAGE}

# Flush early when raw bodies pile up, whatever the article count.
MAX_BUFFERED_BYTES = 32 * 1024 * 1024
MAX_BUFFERED_SNAPSHOTS = 500


def _pairs(headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items() for value in values
    ]


class ArchivePipeline:
    def __init__(self, db_path: str, batch_size: int, batch_seconds: float, crawler=None):
        self.db_path = db_path
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.crawler = crawler
        self.articles: list = []
        self.documents: list = []
        self.files: list[FileFetched] = []
        self.files_not_modified: list[str] = []
        self.snapshots: list[Snapshot] = []
        self.snapshot_bytes = 0
        self.gone: list[Gone] = []
        # Gone marks, held to the run's end: marked only on a site that was itself then
        # (release_gone).
        self.gone_held: list[Gone] = []
        self.listings: dict[str, list[tuple[str, str | None]]] = {}
        self.counts: Counter = Counter()
        self.last_flush = time.monotonic()
        self.archive: Archive | None = None
        self.run_id: int | None = None
        self.pages: list[dict] = []
        self.walks: list[dict] = []
        self.not_modified: list[str] = []
        self.health_sites: dict[str, health.SiteTally] = {}  # what the verdict needs
        self.baselines: dict[str, health.Baseline] = {}
        self.fetch_errors = 0
        # (host, kind) -> (files, the first message): one line per cause, not per file.
        self.file_failures: dict[tuple[str, str], tuple[int, str]] = {}
        self.storage_errors = 0
        self.health_report: health.HealthReport | None = None
        self.ended = False  # the run's end is recorded: nothing more is written

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        pipeline = cls(s.get("GOVNEWS_DB"), s.getint("GOVNEWS_BATCH_SIZE", 50),
                       s.getfloat("GOVNEWS_BATCH_SECONDS", 5.0), crawler)
        pipeline.lock = None
        if not s.getbool("GOVNEWS_LOCK_HELD"):
            # Run as `scrapy crawl portal`: the CLI's lock is not there, take it here.
            from archive.lock import CrawlLock

            pipeline.lock = CrawlLock(pipeline.db_path).acquire()
        pipeline.max_error_rate = s.getfloat("GOVNEWS_MAX_FETCH_ERROR_RATE", 0.1)
        pipeline.min_errors = s.getint("GOVNEWS_MIN_FETCH_ERRORS", 3)
        pipeline.max_attempts = s.getint("GOVNEWS_PENDING_MAX_ATTEMPTS", 8)
        pipeline.extract_limits = dict(
            timeout=s.getfloat("GOVNEWS_EXTRACT_TIMEOUT", 30.0),
            seconds_per_mb=s.getfloat("GOVNEWS_EXTRACT_SECONDS_PER_MB", 6.0),
            budget_seconds=s.getfloat("GOVNEWS_EXTRACT_BUDGET_SECONDS", 3600.0),
            memory_mb=s.getint("GOVNEWS_EXTRACT_MEMORY_MB", 512),
            max_pages=s.getint("GOVNEWS_EXTRACT_MAX_PAGES", 2000))
        pipeline.extract_files = s.getbool("GOVNEWS_FILES", True)
        pipeline.stop = stop_request_of(crawler)
        crawler.signals.connect(pipeline.stop_now, signal=stop_now)
        crawler.signals.connect(pipeline.response_received, signal=signals.response_received)
        # The run's outcome (finish reason, request counts) is known only once the engine
        # has closed the spider, after the pipelines' close_spider.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider=None):
        self.archive = Archive(self.db_path)
        spider = spider or self.crawler.spider
        options = {k: self.crawler.settings.get(k) for k in (
            "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN", "GOVNEWS_MAX_LISTING_PAGES",
            "AUTOTHROTTLE_ENABLED", "GOVNEWS_FULL", "GOVNEWS_REFRESH", "GOVNEWS_DEMO")} if self.crawler else {}
        crashed = self.archive.mark_crashed_runs()
        if crashed:
            logger.warning("runs %s ended without closing (killed?): marked crashed",
                           ", ".join(map(str, crashed)))
        self.run_id = self.archive.start_run(getattr(spider, "sites", []), options)
        if self.crawler:  # which row is this run's, for the CLI
            self.crawler.stats.set_value("govnews/run_id", self.run_id)
        mode = "full" if getattr(spider, "full", False) else "incremental"
        self.archive.set_run_mode(self.run_id, mode)
        # The archive as it was before this run is the yardstick for the parser's health.
        self.baselines = {host: health.baseline(self.archive.db, host)
                          for host in getattr(spider, "hosts", ())}
        logger.info("archive %s, run %s (%s)", self.db_path, self.run_id, mode)

    def response_received(self, response, request, spider=None):
        if self.archive is None or self.ended:
            return
        original = (request.meta.get("redirect_urls") or [request.url])[0]
        fetched_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        request.meta["fetched_at"] = fetched_at
        snap = Snapshot(
            url=response.url,
            request_url=original,
            method=request.method,
            status=response.status,
            body=response.body,
            fetched_at=fetched_at,
            headers=_pairs(response.headers),
            request_headers=_pairs(request.headers),
            request_body=request.body or b"",
        )
        self.snapshots.append(snap)
        self.snapshot_bytes += len(snap.body)
        if self.snapshot_bytes > MAX_BUFFERED_BYTES or len(self.snapshots) > MAX_BUFFERED_SNAPSHOTS:
            self.flush()

    def note_file_failures(self) -> None:
        for (host, _kind), (count, message) in sorted(self.file_failures.items()):
            what = "1 file" if count == 1 else f"{count} files"
            logger.warning("%s on %s not archived: %s; tried again next run", what, host,
                           message.removeprefix("GET: "))

    def process_item(self, item, spider=None):
        if self.ended:  # stopped now: what still arrives is fetched again next run
            return item
        if isinstance(item, Problem):
            self.on_problem(item)
        elif isinstance(item, PageKind):
            self.pages.append(item)
        elif isinstance(item, ListingWalked):
            self.walks.append(item)
        elif isinstance(item, NotModified):
            self.not_modified.append(item["url"])
        elif isinstance(item, Listed):
            for url in item["article_urls"]:
                self.listings.setdefault(url, []).append((item["listing_url"], item["category"]))
        elif isinstance(item, Gone):
            logger.info("gone (%s): %s", item.reason, item.url)
            self.gone_held.append(item)
        elif isinstance(item, FileFetched):
            self.files.append(item)
        elif isinstance(item, FileNotModified):
            self.files_not_modified.append(item["url"])
        elif "document" in item:
            self.documents.append(item["document"])
            if len(self.documents) >= self.batch_size:
                self.flush()
        else:
            self.on_article(item)
        return item

    def on_problem(self, item: Problem) -> None:
        """Counted, said, and recorded at once (with its pending article, if any)."""
        stats = self.crawler.stats if self.crawler else None
        self.counts["problems"] += 1
        if stats:
            stats.inc_value("govnews/errors")
        if item.get("fetch"):
            self.fetch_errors += 1
        if item["kind"] == "parse_incomplete":
            self.note_health(health.PageStats.incomplete(item["url"],
                                                         urlsplit(item["url"]).netloc))
        if item.get("file"):
            # Said once per host and cause when the run ends (note_file_failures): a
            # file host that cannot be reached fails every file it holds.
            key = (urlsplit(item["url"]).netloc, item["kind"])
            count, message = self.file_failures.get(key, (0, item["message"]))
            self.file_failures[key] = (count + 1, message)
            logger.debug("%s: %s (%s)", item["kind"], item["url"], item["message"])
        else:
            logger.warning("%s: %s (%s)", item["kind"], item["url"], item["message"])
        try:
            if item.get("file"):
                state = self.archive.record_file_problem(
                    self.run_id, item["url"], item["kind"], item["message"],
                    max_attempts=self.max_attempts)
                self.counts["files_failed"] += 1
            else:
                state = self.archive.record_problem(
                    self.run_id, item["url"], item["kind"], item["message"],
                    pending=item.get("pending"), max_attempts=self.max_attempts)
        except Exception as exc:  # noqa: BLE001 - the archive refused the write
            self.storage_failed(f"could not record a problem with {item['url']}", exc)
            return
        if state == "gave_up":
            logger.error("giving up on %s after %d runs (%s)", item["url"],
                         self.max_attempts, item["kind"])

    def note_health(self, page: health.PageStats) -> None:
        """A page for the run's health verdict, counted into its site's tally: nothing
        of it is kept but counts and a few examples, however many pages the run reads."""
        tally = self.health_sites.get(page.site)
        if tally is None:
            tally = self.health_sites[page.site] = health.SiteTally()
        tally.add(page)

    def on_article(self, item: dict) -> None:
        """Weighed for the parser's health against what the archive holds, then buffered."""
        article = item["article"]
        if article.site not in self.baselines:
            # A subsite found during the run: its own history is its yardstick too (only
            # articles of finished runs count, so this run's batches do not).
            self.baselines[article.site] = health.baseline(self.archive.db, article.site)
        previous = stored_body_length(self.archive.db, article.url)
        self.note_health(health.PageStats.of(article, previous))
        if not article.category:
            # A page without a breadcrumb takes the category of the first listing that
            # showed it: the archive keeps the listings of earlier batches, the buffer
            # this batch's.
            article.category = (item.get("listing_category")
                                or listed_category(self.archive.db, article.url)
                                or next((c for _, c in self.listings.get(article.url, ()) if c),
                                        None))
        self.articles.append(article)
        if (len(self.articles) >= self.batch_size
                or time.monotonic() - self.last_flush > self.batch_seconds):
            self.flush()

    def flush(self):
        try:
            self._flush()
        except Exception as exc:  # the archive refused a batch: say so, stop the run
            lost = len(self.articles)
            self.articles, self.snapshots, self.gone = [], [], []
            self.documents, self.files, self.files_not_modified = [], [], []
            self.pages, self.not_modified, self.listings = [], [], {}
            self.snapshot_bytes = 0
            self.storage_failed(f"could not store a batch ({lost} articles)", exc)

    def storage_failed(self, what: str, exc: Exception) -> None:
        """The archive refused a write (disk full, read-only, corrupt): nothing more this
        run fetches could be kept, so the run stops here, completes no listing walk, and
        ends as storage_error.  The next run fetches again whatever was lost."""
        logger.error("%s: %s: %s", what, type(exc).__name__, exc)
        self.storage_errors += 1
        try:
            self.archive.record_error(self.run_id, "", "storage", f"{what}: {exc}")
        except Exception:  # noqa: BLE001 - the archive may be what failed
            pass
        if self.storage_errors == 1 and self.crawler is not None and self.crawler.engine:
            from scrapy.utils.defer import deferred_from_coro

            engine = self.crawler.engine
            if getattr(engine, "running", False) and engine.spider is not None:
                deferred_from_coro(engine.close_spider_async(reason="storage_error"))

    def _flush(self):
        # A page without a category whose listing came after it in this batch (a related
        # link led there first) takes that listing's, as on_article would have.
        for article in self.articles:
            if not article.category:
                article.category = next(
                    (c for _, c in self.listings.get(article.url, ()) if c), None)
        if self.articles or self.snapshots or self.gone or self.documents or self.files:
            counts = self.archive.store_batch(
                self.articles, self.snapshots, self.gone, run_id=self.run_id,
                documents=self.documents, files=self.files)
            self.counts.update(counts)
            self.documents, self.files = [], []
            if self.crawler:
                for key in ("new", "updated", "unchanged", "gone"):
                    if counts[key]:
                        self.crawler.stats.inc_value(f"govnews/{key}", counts[key])
            self.counts["snapshots"] += len(self.snapshots)
            self.articles, self.snapshots, self.gone = [], [], []
            self.snapshot_bytes = 0
        if self.listings:  # which listings showed which articles, batch by batch
            self.archive.store_listings(self.listings)
            self.listings = {}
        if self.files_not_modified:
            self.archive.file_seen(self.files_not_modified, self.run_id)
            self.counts["files_not_modified"] += len(self.files_not_modified)
            self.files_not_modified = []
        if self.pages or self.not_modified:
            self.counts["not_modified"] += len(self.not_modified)
            self.archive.store_progress(pages=self.pages, not_modified=self.not_modified)
            self.pages, self.not_modified = [], []
        self.last_flush = time.monotonic()

    def close_spider(self, spider=None):
        if self.ended:
            return
        self.flush()

    def read_files(self) -> None:
        """Text from the archived files not read yet (this run's, and any an earlier run
        left unread), each in a child process with a time and memory limit: a hostile
        file ends with its reason in file_texts and crawl_errors, and never stops the
        run.  After the crawl, so that a slow file never holds up a download."""
        from archive.files import read_archived

        try:
            for _sha256, url, got in read_archived(self.archive, **self.extract_limits,
                                                   stop=lambda: self.stop.requested,
                                                   progress=self.reading_progress()):
                self.counts["files_read"] += 1
                if got.status not in ("ok", "unsupported"):
                    logger.warning("file text: %s: %s (%s)", url, got.status, got.reason)
                    self.archive.record_error(self.run_id, url, f"file_{got.status}",
                                              got.reason or got.status)
        except Exception as exc:  # noqa: BLE001 - the archive refused a write
            self.storage_failed("could not store the text read from files", exc)

    def reading_progress(self):
        """A line on standard error every GOVNEWS_PROGRESS_INTERVAL seconds while files'
        text is read, when the crawl shows progress (a terminal); None otherwise (cron)."""
        settings = self.crawler.settings
        if not settings.getbool("GOVNEWS_PROGRESS"):
            return None
        interval = settings.getfloat("GOVNEWS_PROGRESS_INTERVAL", 5.0)
        last = [time.monotonic()]

        def tell(done: int, total: int) -> None:
            if time.monotonic() - last[0] >= interval or done == total:
                last[0] = time.monotonic()
                sys.stderr.write(f"reading files' text: {done} of {total} files read\n")
                sys.stderr.flush()
        return tell

    def stop_now(self) -> None:
        """The second signal: what is held is committed as one batch and the run's end is
        recorded (interrupted) now, before the reactor stops under a crawl still closing."""
        if self.archive is not None and not self.ended:
            self.spider_closed(self.crawler.spider, "shutdown")

    def spider_closed(self, spider, reason):
        if self.ended:  # already recorded by stop_now
            return
        if reason == "finished":  # a run stopped early judges no site
            self.release_gone(spider)
        self.flush()  # responses that arrived after the last item
        stats = self.crawler.stats.get_stats()
        requests = stats.get("downloader/request_count", 0)
        failed = getattr(spider, "failed_walks", set())
        stopped = reason == "shutdown"
        if reason == "finished" and not self.storage_errors:
            self.record_walks(failed)
        # A crawl stopped early reached some sites and not others: it judges none of them.
        failed_sites = [] if stopped else getattr(spider, "failed_start_sites", list)()
        drops: dict[str, tuple[str, str]] = {}
        self.health_report = health.assess_tallies(self.health_sites, self.baselines)
        if hasattr(spider, "site_report") and not self.storage_errors and not stopped:
            drops = self.record_sites(spider, reason)
        self.note_file_failures()
        for site in failed_sites:
            if site.get("kind") == "nothing_found":
                logger.error("%s", site["reason"])
            else:
                logger.error("could not fetch any page of %s: %s", site["site"], site["reason"])
        if self.extract_files and not self.storage_errors and not self.stop.requested:
            self.read_files()  # a stop asked meanwhile leaves the rest for the next run
        health.add_yield_drops(self.health_report, drops)
        status = self.status(reason, failed_sites, requests)
        for problem in self.health_report.problems():
            logger.error("parser health: %s", problem)
        self.finish(self.outcome(status, stats, requests, failed_sites))

    def release_gone(self, spider) -> None:
        """The articles found withdrawn this run are marked gone, but not on a site whose
        every article address asked answered so (MIN_REFUSED or more, and no article
        read): a site sending every article to its home page, or answering 404 for all of
        them, is not itself tonight (sites.SiteLedger.not_itself says so)."""
        ledger = getattr(spider, "ledger", None)
        for item in self.gone_held:
            host = urlsplit(item.url).netloc
            if ledger is not None and ledger.not_itself(host):
                logger.info("not marked gone (its site is not itself): %s", item.url)
            else:
                self.gone.append(item)
        self.gone_held = []

    def record_walks(self, failed) -> None:
        """Walks count as complete only once the run that made them finished cleanly,
        stored every batch, and read every page of the walk; each article they listed is
        stored or pending.  Failed walks are forgotten: walked in full next run."""
        try:
            self.archive.store_progress(
                walks=[w for w in self.walks if w["listing_url"] not in failed],
                incomplete=sorted(failed), run_id=self.run_id)
        except Exception as exc:  # noqa: BLE001
            self.storage_failed("could not record the listing walks", exc)

    def record_sites(self, spider, reason) -> dict[str, tuple[str, str]]:
        """How each site fared, recorded; per site read worse than before, what and why:
        ("listed", its listings showed far fewer articles than in earlier runs) or
        ("articles", its archived articles' addresses answer other pages now)."""
        drops: dict[str, tuple[str, str]] = {}
        try:
            report = spider.site_report()
            for row in report if reason == "finished" else ():
                if row["status"] == "degraded" and row.get("what") != "fetches":
                    # the spider's own verdict that the site is read worse: pages that
                    # could not be fetched are fetch errors, not the parsers' health
                    drops[row["site"]] = (row.get("what", "articles"), row["reason"])
                elif row["status"] == "ok" and row.get("listed") is not None:
                    drop = health.yield_drop(row["listed"], health.listed_history(
                        self.archive.db, row["site"], self.run_id))
                    if drop:
                        drops[row["site"]] = ("listed", drop)
            sick = {h.site: "; ".join(h.problems) for h in self.health_report.sites
                    if h.degraded_fields}
            for row in report:  # read, but not as well as before: said per site too
                problem = sick.get(row["site"]) or drops.get(row["site"], (None, None))[1]
                if row["status"] == "ok" and problem:
                    row["status"], row["reason"] = "degraded", problem
            self.archive.record_site_runs(self.run_id, report)
        except Exception as exc:  # noqa: BLE001
            self.storage_failed("could not record how each site fared", exc)
        return drops

    def status(self, reason, failed_sites, requests: int) -> str:
        """The run's status (STATUS_EXIT names its exit code)."""
        if self.storage_errors:
            return "storage_error"
        if reason == "shutdown" or self.stop.requested:
            return "interrupted"
        if reason != "finished":
            return str(reason)
        if failed_sites or (self.fetch_errors >= self.min_errors
                            and self.fetch_errors > self.max_error_rate * max(requests, 1)):
            return "fetch_errors"
        if self.health_report.degraded:
            return "degraded"
        return "ok"

    def outcome(self, status: str, stats: dict, requests: int, failed_sites) -> dict:
        """The run's row of crawl_runs, as it ends."""
        return dict(
            status=status,
            requests=requests,
            responses=stats.get("downloader/response_count", 0),
            articles_new=self.counts["new"],
            articles_updated=self.counts["updated"],
            articles_unchanged=self.counts["unchanged"],
            articles_gone=self.counts["gone"],
            articles_not_modified=self.counts["not_modified"],
            snapshots=self.counts["snapshots"],
            files_archived=self.counts["files_archived"],
            files_failed=self.counts["files_failed"],
            file_bytes=self.counts["file_bytes"],
            documents_new=self.counts["documents_new"],
            documents_updated=self.counts["documents_updated"],
            exit_code=STATUS_EXIT.get(status, EXIT_OK),
            health=json.dumps(self.health_report.to_dict(), ensure_ascii=False),
            failed_sites=json.dumps(failed_sites, ensure_ascii=False),
        )

    def finish(self, outcome: dict) -> None:
        """The run's end, recorded; the archive closed and the lock released."""
        # Also in the stats, for the CLI: when the archive refuses even this last write,
        # the run's row still says "running" (the next run marks it crashed), and the
        # summary must not be read back from it.
        self.crawler.stats.set_value("govnews/outcome", dict(outcome, id=self.run_id))
        try:
            self.archive.finish_run(self.run_id, **outcome)
            self.summary = dict(self.archive.run(self.run_id))
        except Exception as exc:  # noqa: BLE001 - disk full, read-only: said, not raised
            logger.error("could not record the end of run %s: %s: %s", self.run_id,
                         type(exc).__name__, exc)
            self.summary = dict(outcome, id=self.run_id)
        finally:
            self.archive.close()
            self.ended = True
        if self.lock is not None:
            self.lock.release()
