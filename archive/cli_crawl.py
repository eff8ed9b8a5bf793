"""The crawling commands: ``crawl`` (and ``run_crawl``, the crawl in this process that
``demo`` runs too, with its summary) and ``probe``; the Scrapy settings each builds from
its options and the logging a crawl sets up (console and log file).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from archive.access import ArchiveError
from archive.cli_common import FiniteFloat, SiteURL, _db_option, _os_reason


class _ConsoleFormatter(logging.Formatter):
    """A log line for a person: the message without the traceback a library may attach
    (a failed download, say); the log file, and --log-level DEBUG, keep it."""

    def format(self, record):
        record = logging.makeLogRecord(record.__dict__)
        record.exc_info = record.exc_text = record.stack_info = None
        return super().format(record)


def _configure_logging(log_level: str, log_file: str | None, quiet: bool) -> None:
    """Console: problems only unless asked; the log file, if any, gets everything."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.DEBUG)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel("WARNING" if quiet else log_level)
    console.setFormatter((logging.Formatter if log_level == "DEBUG" else _ConsoleFormatter)(
        "%(levelname)s: %(message)s"))
    root.addHandler(console)
    if log_file:
        try:
            handler = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(
                f"cannot write the log file {log_file}: {_os_reason(exc, log_file)}") from None
        handler.setLevel("DEBUG" if log_level == "DEBUG" else "INFO")
        handler.setFormatter(logging.Formatter(
            "%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
        root.addHandler(handler)


def _prepare_log_file(log_file: str | None) -> None:
    """Make the log file's missing directories and check that it can be appended to."""
    if not log_file:
        return
    try:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        with open(log_file, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        for parent in Path(log_file).parents:
            if parent.exists() and not parent.is_dir():
                raise click.ClickException(
                    f"cannot write the log file {log_file}: {parent} is not a directory"
                ) from None
        raise click.ClickException(
            f"cannot write the log file {log_file}: {_os_reason(exc, log_file)}") from None


def _apply_overrides(s, settings) -> None:
    """Set each -s NAME=VALUE of ``settings`` on the Scrapy settings ``s``, each checked
    first (crawler.settings_check): a value its setting cannot take, or an unknown
    GOVNEWS_* name, is a usage error before anything runs."""
    for pair in settings:
        s.set(*_checked_override(pair), priority="cmdline")


def _checked_override(pair: str) -> tuple[str, object]:
    """(NAME, value) of one -s NAME=VALUE, or a usage error in one sentence."""
    from archive.filters import shorten
    from crawler.settings_check import SettingRefused, checked

    key, equals, value = pair.partition("=")
    if not key or not equals:
        raise click.BadParameter(f"{shorten(pair)!r}: expected NAME=VALUE", param_hint="-s")
    if key == "GOVNEWS_DB":  # the lock and the checks would watch one file, the crawl write another
        raise click.UsageError(f"-s {shorten(pair)}: the archive is named by --db")
    try:
        return key, checked(key, value)
    except SettingRefused as exc:
        raise click.UsageError(f"-s {shorten(pair)}: {exc}") from None


def _crawl_settings(db_path, delay, concurrency, max_pages, settings, full, refresh, resume,
                    progress, subsites, files):
    """The Scrapy settings of one crawl: the project's, then the command line's."""
    from scrapy.settings import Settings

    from crawler import settings as default_settings

    s = Settings()
    s.setmodule(default_settings, priority="project")
    s.set("GOVNEWS_DB", str(db_path), priority="cmdline")
    s.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    s.set("GOVNEWS_LOCK_HELD", True, priority="cmdline")
    s.set("GOVNEWS_FULL", bool(full), priority="cmdline")
    s.set("GOVNEWS_REFRESH", "" if refresh is None else str(refresh), priority="cmdline")
    s.set("GOVNEWS_PROGRESS", bool(progress), priority="cmdline")
    s.set("GOVNEWS_SUBSITES", bool(subsites), priority="cmdline")
    if not files:
        s.set("GOVNEWS_FILES", False, priority="cmdline")
    if delay is not None:
        s.set("DOWNLOAD_DELAY", float(delay), priority="cmdline")
        if float(delay) == 0:
            s.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
            s.set("DOWNLOAD_DELAY_JITTER", 0, priority="cmdline")
        else:
            s.set("AUTOTHROTTLE_START_DELAY", float(delay), priority="cmdline")
    if concurrency is not None:
        s.set("CONCURRENT_REQUESTS_PER_DOMAIN", int(concurrency), priority="cmdline")
        s.set("CONCURRENT_REQUESTS", max(int(concurrency), 8), priority="cmdline")
    if max_pages is not None:
        s.set("GOVNEWS_MAX_LISTING_PAGES", int(max_pages), priority="cmdline")
    if resume:
        s.set("JOBDIR", f"{db_path}.job", priority="cmdline")
    _apply_overrides(s, settings)
    return s


def run_crawl(sites, db_path, delay=None, concurrency=None, max_pages=None, settings=(),
              log_level="WARNING", quiet=False, full=False, refresh=None, resume=False,
              log_file=None, progress=False, subsites=False, files=True):
    """Run one crawl in this process, holding the database's crawl lock; return the
    crawl_runs row.  Raises archive.lock.CrawlRunning if another crawl holds the lock,
    and a ClickException, before anything is fetched, if the archive (or the log file)
    cannot be written."""
    import shutil

    from archive.lock import CrawlLock
    from archive.store import check_writable
    from crawler.spiders.portal import PortalSpider
    from crawler.stopping import StoppingCrawlerProcess

    s = _crawl_settings(db_path, delay, concurrency, max_pages, settings, full, refresh,
                        resume, progress, subsites, files)
    _prepare_log_file(log_file)
    try:
        check_writable(db_path)  # a read-only archive fails here, before any fetch
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    lock = CrawlLock(str(db_path))
    try:
        lock.acquire()
    except OSError as exc:
        raise click.ClickException(
            f"cannot take the crawl lock {lock.path}: {_os_reason(exc, lock.path)}") from None
    try:
        _configure_logging(log_level, log_file, quiet)
        if lock.stale:
            logging.getLogger("govnews").warning(
                "took over the lock of a crawl that ended without releasing it "
                "(pid %s, started %s)", lock.stale.get("pid"), lock.stale.get("started_at"))
        # SIGINT/SIGTERM: the first stops gracefully, the second at once (crawler.stopping)
        process = StoppingCrawlerProcess(s)
        crawler = process.create_crawler(PortalSpider)
        failed = _crawl(process, crawler, site=list(sites) if sites else None)
        process.start()
        _stopped_before_a_run(crawler)
        if failed and not _run_id(crawler):
            raise click.ClickException(f"the crawl did not start: {failed[0]}")
        if failed:  # after its run began: the run's row says how it ended; this says why
            logging.getLogger("govnews").error("the crawl stopped: %s", failed[0])
        run = _ended_run(db_path, _run_id(crawler))
    finally:
        lock.release()
    if resume and run and run["status"] != "interrupted":
        shutil.rmtree(f"{db_path}.job", ignore_errors=True)  # finished: nothing left to resume
    return run


def _crawl(process, crawler, **kwargs) -> list[str]:
    """``process.crawl(crawler, **kwargs)``; the list its failure is put in, said as one
    sentence (a -s setting naming a module that does not import, a JOBDIR that cannot be
    made), where Twisted would print "Unhandled error in Deferred" and a traceback."""
    failed: list[str] = []

    def keep(failure):
        failed.append(f"{failure.type.__name__}: {failure.value}")
        logging.getLogger("govnews").debug("the crawl failed", exc_info=(
            failure.type, failure.value, failure.getTracebackObject()))

    process.crawl(crawler, **kwargs).addErrback(keep)
    return failed


def _stopped_before_a_run(crawler) -> None:
    """A signal that stopped the crawl before it recorded a run ends the command here, as
    interrupted (the archive's last run is an earlier crawl's)."""
    from crawler.pipelines import EXIT_INTERRUPTED

    if crawler.stop_request.requested and not _run_id(crawler):
        click.echo("interrupted before the crawl began: nothing was fetched", err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED)


def _run_id(crawler) -> int | None:
    """The crawl_runs id this crawl recorded; None if it recorded none."""
    stats = getattr(crawler, "_stats", None)  # None if the crawl never started
    return stats.get_value("govnews/run_id") if stats else None


def _ended_run(db_path, run_id: int | None) -> dict | None:
    """This crawl's crawl_runs row, with its errors (error_list) and the pending table's
    counts by state (pending); None if it recorded no run: never an earlier run's row."""
    from archive.reads import pending_by_state, run_by_id, run_errors
    from archive.store import Archive

    if run_id is None:
        return None
    archive = Archive(db_path, readonly=True)  # a full disk still lets us read
    try:
        run = run_by_id(archive.db, run_id)
        errors = run_errors(archive.db, run["id"]) if run else []
        pending = pending_by_state(archive.db)
    finally:
        archive.close()
    if run is not None:
        run = dict(run, error_list=errors, pending=pending)
    return run


def _report(run: dict, quiet: bool) -> None:
    """The run's summary; problems always, the rest unless --quiet."""
    ok = run["status"] == "ok"
    if not quiet or not ok:
        click.echo(
            f"run {run['id']} ({run.get('mode') or 'incremental'}): {run['status']}; "
            f"{run['requests']} requests; articles {run['articles_new']} new, "
            f"{run['articles_updated']} updated, {run['articles_unchanged']} unchanged, "
            f"{run.get('articles_not_modified') or 0} not modified, "
            f"{run.get('articles_gone') or 0} gone; {run['errors']} errors", err=True)
        extra = []
        if run.get("documents_new") or run.get("documents_updated"):
            extra.append(f"documents {run.get('documents_new') or 0} new, "
                         f"{run.get('documents_updated') or 0} updated")
        if run.get("files_archived") or run.get("files_failed"):
            extra.append(f"files {run.get('files_archived') or 0} archived "
                         f"({(run.get('file_bytes') or 0) / 1e6:.1f} MB), "
                         f"{run.get('files_failed') or 0} not archived")
        if extra and not quiet:
            click.echo("  " + "; ".join(extra), err=True)
    for failed in json.loads(run.get("failed_sites") or "[]"):
        click.echo(f"  {failed_site_line(failed)}", err=True)
    pending = run.get("pending") or {}
    if pending.get("pending") or pending.get("gave_up"):
        click.echo(f"  {pending.get('pending', 0)} articles pending (fetched again next run), "
                   f"{pending.get('gave_up', 0)} given up (see the pending table)", err=True)
    by_kind: dict[str, list[str]] = {}
    for error in run.get("error_list", []):
        by_kind.setdefault(error["kind"], []).append(error["url"])
    for kind, urls in sorted(by_kind.items()):
        urls = [u for u in urls if u]  # a storage error names no page
        more = f" and {len(urls) - 3} more" if len(urls) > 3 else ""
        shown = f" ({', '.join(urls[:3])}{more})" if urls else ""
        click.echo(f"  {kind}: {len(by_kind[kind])}{shown}", err=True)
    if run.get("health"):
        for site in json.loads(run["health"]).get("sites", []):
            for problem in site.get("problems", []):
                click.echo(f"  parser health: {site['site']}: {problem}", err=True)
    if run["status"] == "degraded":
        click.echo("  the site's layout seems to have changed: see README, "
                   "\"When the site changes\"", err=True)


def failed_site_line(failed: dict) -> str:
    """One sentence for a start site that failed: it could not be fetched, or it answered
    and nothing on it was a listing or an article (the reason names the site then)."""
    if failed.get("kind") == "nothing_found":
        return failed["reason"]
    return f"could not fetch any page of {failed['site']}: {failed['reason']}"


@click.command()
@click.argument("sites", nargs=-1, metavar="[SITE_URL ...]", type=SiteURL())
@_db_option
@click.option("--full", is_flag=True,
              help="Walk every listing page (default: stop after a page's worth of archived "
                   "articles in a row), and re-check archived articles no listing shows.")
@click.option("--refresh", is_flag=True, help="Re-fetch every archived article it meets.")
@click.option("--refresh-older-than", type=FiniteFloat(min=0), metavar="DAYS",
              help="Re-fetch archived articles fetched more than DAYS ago.")
@click.option("--resume", is_flag=True,
              help="Keep the request queue in DB.job so that an interrupted crawl resumes "
                   "where it stopped (Scrapy JOBDIR).")
@click.option("--delay", type=FiniteFloat(min=0), default=None,
              help="Seconds between requests to one host (default 1, adapted by AutoThrottle; "
                   "0 turns throttling off, for local replicas).")
@click.option("--concurrency", type=click.IntRange(min=1), default=None,
              help="Concurrent requests per host (default 2).")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="Listing pages walked per category (default: all).")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy or GOVNEWS_* setting (repeatable).")
@click.option("--log-level", default="WARNING", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
              help="What the console shows.")
@click.option("--log-file", type=click.Path(dir_okay=False),
              help="Keep the full log (INFO and up) in this file (missing directories are "
                   "made).")
@click.option("--quiet", is_flag=True, help="Print only problems: no progress, no summary.")
@click.option("--subsites", is_flag=True,
              help="Also crawl every site of the family the start sites link to (hosts under "
                   "the start site's domain: for www.nghean.gov.vn every *.nghean.gov.vn; "
                   "file hosts excluded). A dead subsite is recorded, and does not fail the "
                   "run.")
@click.option("--files/--no-files", default=True, show_default=True,
              help="Archive the files pages link (images, attachments, documents' files) and "
                   "read their text. With --no-files they wait, pending, for a later run.")
def crawl(sites, db_path, full, refresh, refresh_older_than, resume, delay, concurrency,
          max_pages, settings, log_level, log_file, quiet, subsites, files):
    """Crawl one or more portal sites into the archive.

    SITE_URL defaults to https://www.nghean.gov.vn; any vnPortal site, subsite or local
    mirror works, one per argument (a bare host gets https://). Incremental by default:
    only new articles are fetched. Exit codes: 0 ok, 1 setup error (e.g. the archive is
    read-only), 2 usage error, 3 another crawl is running, 4 too many fetch errors, 5
    parser health degraded (the layout changed), 6 interrupted.

    \b
        govnews crawl --db archive.db --quiet --log-file crawl.log
        govnews crawl https://vhttdl.nghean.gov.vn --db archive.db --full
    """
    from archive.lock import CrawlRunning
    from crawler.pipelines import EXIT_RUNNING

    refresh_value = "all" if refresh else refresh_older_than
    try:
        run = run_crawl(sites, db_path, delay, concurrency, max_pages, settings, log_level,
                        quiet, full=full, refresh=refresh_value, resume=resume,
                        log_file=log_file, progress=sys.stderr.isatty() and not quiet,
                        subsites=subsites, files=files)
    except CrawlRunning as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_RUNNING)
    if run is None:
        raise click.ClickException("the crawl recorded no run in the archive (did a -s setting"
                                   " leave out its pipeline?); see the log above")
    if run["status"] == "running":  # the crawl is over, but its end could not be stored
        raise click.ClickException(
            f"run {run['id']} could not record its end in the archive {db_path} "
            "(storage_error: the archive refused a write, e.g. the disk is full): "
            "free some space and run again")
    _report(run, quiet)
    sys.exit(run.get("exit_code") or 0)


@click.command()
@click.argument("site", type=SiteURL())
@click.option("--pages", type=click.IntRange(min=1, max=10000), default=20, show_default=True,
              help="Pages to judge after the start page.")
@click.option("--delay", type=FiniteFloat(min=0), default=None,
              help="Seconds between requests to one host (default: as a crawl).")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy or GOVNEWS_* setting (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def probe(site, pages, delay, settings, fmt):
    """Show what a crawl would make of a site, storing nothing.

    Fetches SITE's start page and up to --pages pages a crawl would visit (robots.txt and
    politeness as in a crawl) and prints each page's role (hub, listing, article,
    document, other), the layout that read it and the evidence; for articles the fields a
    crawl would store; then the listings found and how they paginate. Exit 0 when it
    found at least one listing and one article, 4 otherwise: a nightly job pointed at
    that site would archive too little.

    \b
        govnews probe https://www.nghean.gov.vn --pages 30
    """
    report = run_probe(site, pages, delay, settings)
    if fmt == "json":
        click.echo(json.dumps({"site": site, "ok": report.ok, "pages": report.pages,
                               "problems": report.problems,
                               "verdict": report.verdict(site)}, ensure_ascii=False, indent=2))
    else:
        _print_probe(report, site)
    sys.exit(0 if report.ok else 4)


def run_probe(site: str, pages: int, delay, settings):
    """One probe run in this process: the crawl's spider and settings, no archive."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from crawler import settings as default_settings
    from crawler.spiders.portal import PortalSpider

    s = Settings()
    s.setmodule(default_settings, priority="project")
    overrides = {"GOVNEWS_DB": None, "GOVNEWS_PROBE": True, "GOVNEWS_PROBE_PAGES": pages,
                 "GOVNEWS_FILES": False, "LOG_INSTALL_ROOT_HANDLER": False,
                 "ITEM_PIPELINES": {"crawler.probe.ProbePipeline": 300},
                 "EXTENSIONS": {}, "LOG_LEVEL": "ERROR"}
    if delay is not None:
        overrides["DOWNLOAD_DELAY"] = float(delay)
        if float(delay) == 0:
            overrides["AUTOTHROTTLE_ENABLED"] = False
            overrides["DOWNLOAD_DELAY_JITTER"] = 0
    for key, value in overrides.items():
        s.set(key, value, priority="cmdline")
    _apply_overrides(s, settings)
    _configure_logging("ERROR", None, True)
    process = CrawlerProcess(s)
    crawler = process.create_crawler(PortalSpider)
    failed = _crawl(process, crawler, site=[site])
    process.start()
    from crawler.probe import ProbeReport

    report = getattr(crawler, "govnews_probe", None) or ProbeReport()
    if failed:
        raise click.ClickException(
            f"the probe {'stopped' if report.pages else 'did not start'}: {failed[0]}")
    return report


def _print_probe(report, site: str) -> None:
    for page in report.pages:
        click.echo(f"[{page['role']}] {page['url']}  ({page['layout']}, reached as "
                   f"{page['reached_as']})")
        for name, value in (page.get("fields") or {}).items():
            if value not in (None, "", 0):
                click.echo(f"    {name}: {value}")
        if page.get("listing"):
            listing = page["listing"]
            click.echo(f"    lists {listing['entries']} articles; {listing['pagination']}")
        for line in page["evidence"]:
            click.echo(f"    - {line}")
        for problem in page["problems"]:
            click.echo(f"    ! {problem['kind']}: {problem['message']}")
    if report.listings:
        click.echo("listings found:")
        for page in report.listings:
            click.echo(f"  {page['url']}: {page['listing']['entries']} articles, "
                       f"{page['listing']['pagination']}")
    for problem in report.problems:
        click.echo(f"problem: {problem['kind']} {problem['url']}: {problem['message']}")
    roles = ", ".join(f"{report.count(r)} {r}" for r in ("hub", "listing", "article",
                                                          "document", "other")
                      if report.count(r))
    click.echo(f"{len(report.pages)} pages judged ({roles or 'none'})")
    click.echo(report.verdict(site))
