"""``govnews``: a thin click layer over the crawler and the archive.

Each command's docstring is its ``--help``; errors are ClickExceptions with a sentence a
person can act on (exit 1; usage errors exit 2), never a traceback: what the commands do
not foresee, the group's safety net (``GovnewsGroup``) still says in one sentence.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import sqlite3
import stat
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import click

from archive.access import ArchiveError
from crawler.kernel.record import RECORD_KEYS

DEFAULT_DB = "archive.db"
# ctx.meta key: the --db of the running command, for the safety net's sentence.
META_DB = "govnews.db"
LOCALHOST = "127.0.0.1"


def _remember_db(ctx, param, value):
    ctx.meta[META_DB] = value
    return value


def _db_option(f):
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                        type=click.Path(dir_okay=False), callback=_remember_db,
                        help="The archive database (SQLite).")(f)


def _os_reason(exc: OSError, subject: str | None = None) -> str:
    """What went wrong, as the end of a sentence about ``subject``."""
    if exc.errno == errno.ENOENT and subject:
        parent = Path(subject).parent
        if not parent.exists():
            return f"the directory {parent} does not exist"
    reason = exc.strerror or str(exc)
    reason = reason[:1].lower() + reason[1:]
    filename = getattr(exc, "filename", None)
    if filename and subject and os.path.abspath(str(filename)) != os.path.abspath(subject):
        reason = f"{reason} ({filename})"
    return reason


def _open_existing(db_path: str, readonly: bool = False):
    """The archive at ``db_path``, or a ClickException saying why not.  ``readonly``: for
    the reading commands, writing nothing (a read-only file or directory is fine); else
    the archive must be writable and is brought up to date."""
    from archive.access import (
        archive_problem,
        directory_problem,
        explain,
        schema_outdated,
    )
    from archive.store import Archive, check_writable

    problem = directory_problem(db_path)
    if problem:
        raise click.ClickException(problem)
    if not Path(db_path).exists():
        raise click.ClickException(
            f"no archive at {db_path}: run `govnews crawl --db {db_path}` first, or pass --db")
    try:
        if not readonly:
            problem = archive_problem(db_path, upgrade=True)
            if problem:
                raise click.ClickException(problem)
            check_writable(db_path)
        elif schema_outdated(db_path):
            # An archive made by an older govnews, read for the first time since the
            # upgrade: brought up to date when it can be written, else said so.
            try:
                check_writable(db_path)
            except ArchiveError:
                pass
            else:
                Archive(db_path).close()
        return Archive(db_path, readonly=readonly)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error as exc:
        raise click.ClickException(explain(db_path, exc, writing=not readonly)) from None


class GovnewsGroup(click.Group):
    """The safety net: an error no command turned into a sentence (an ArchiveError, an
    sqlite3 or operating-system error) becomes one, exit 1, instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            from archive.access import explain

            db_path = ctx.meta.get(META_DB)
            if db_path:
                raise click.ClickException(explain(db_path, exc)) from None
            raise click.ClickException(f"an SQLite error stopped govnews: {exc}") from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # click's own handling: the reader went away, exit quietly
            filename = getattr(exc, "filename", None)
            if filename:
                raise click.ClickException(
                    f"cannot use {filename}: {_os_reason(exc)}") from None
            raise click.ClickException(
                f"the system refused an operation: {_os_reason(exc)}") from None


@click.group(cls=GovnewsGroup)
@click.version_option(package_name="govnews")
def cli():
    """govnews: crawl Vietnamese government news portals into a SQLite archive."""


# A scheme, unless what follows the colon is a port: "localhost:8000" is a host.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d+(?:[/?#]|$))")
_HOST = re.compile(r"[\w.-]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")


class SiteURL(click.ParamType):
    """One site to crawl: an http(s) address with a host; a bare host gets https://."""

    name = "SITE_URL"

    def convert(self, value, param, ctx):
        text = str(value).strip()
        example = "e.g. https://www.nghean.gov.vn"
        if not text:
            self.fail("an empty site address: pass e.g. https://www.nghean.gov.vn", param, ctx)
        if any(c.isspace() for c in text):
            self.fail(f"{value!r} contains a space: give one site per argument "
                      "(govnews crawl https://a.gov.vn https://b.gov.vn)", param, ctx)
        bare = "://" not in text and not _SCHEME.match(text)
        url = f"https://{text}" if bare else text
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            self.fail(f"{value!r} is not an http or https address: pass {example}", param, ctx)
        try:
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            self.fail(f"{value!r} has an invalid port: pass {example}", param, ctx)
        if not parts.hostname:
            self.fail(f"{value!r} names no host: pass {example}", param, ctx)
        if "," in parts.netloc:
            self.fail(f"{value!r} holds a comma: give one site per argument "
                      "(govnews crawl https://a.gov.vn https://b.gov.vn)", param, ctx)
        if not _HOST.fullmatch(parts.hostname):
            self.fail(f"{value!r} has an invalid host name {parts.hostname!r}: pass {example}",
                      param, ctx)
        if bare:
            click.echo(f"no scheme given for {text}: using {url}", err=True)
        return url


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


def run_crawl(sites, db_path, delay=None, concurrency=None, max_pages=None, settings=(),
              log_level="WARNING", quiet=False, full=False, refresh=None, resume=False,
              log_file=None, progress=False, subsites=False, files=True):
    """Run one crawl in this process, holding the database's crawl lock; return the
    crawl_runs row.  Raises archive.lock.CrawlRunning if another crawl holds the lock,
    and a ClickException, before anything is fetched, if the archive (or the log file)
    cannot be written."""
    import shutil

    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from archive.lock import CrawlLock
    from crawler import settings as default_settings
    from crawler.spiders.portal import PortalSpider

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
    jobdir = f"{db_path}.job"
    if resume:
        s.set("JOBDIR", jobdir, priority="cmdline")
    for pair in settings:
        key, _, value = pair.partition("=")
        if not key or not _:
            raise click.BadParameter(f"{pair!r}: expected NAME=VALUE", param_hint="-s")
        s.set(key, value, priority="cmdline")

    from archive.store import check_writable

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
        process = CrawlerProcess(s)
        process.crawl(PortalSpider, site=list(sites) if sites else None)
        process.start()

        from archive.store import Archive

        archive = Archive(db_path, readonly=True)  # a full disk still lets us read
        try:
            run = next(archive.db.query("select * from crawl_runs order by id desc limit 1"), None)
            errors = list(archive.db.query(
                "select kind, url, message from crawl_errors where run_id = ? order by id",
                [run["id"]])) if run else []
            pending = dict(archive.db.execute(
                "select state, count(*) from pending group by state").fetchall())
        finally:
            archive.close()
    finally:
        lock.release()
    if resume and run and run["status"] != "interrupted":
        shutil.rmtree(jobdir, ignore_errors=True)  # finished: nothing left to resume
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


@cli.command()
@click.argument("sites", nargs=-1, metavar="[SITE_URL ...]", type=SiteURL())
@_db_option
@click.option("--full", is_flag=True,
              help="Walk every listing page (default: stop after a page's worth of archived "
                   "articles in a row), and re-check archived articles no listing shows.")
@click.option("--refresh", is_flag=True, help="Re-fetch every archived article it meets.")
@click.option("--refresh-older-than", type=click.FloatRange(min=0), metavar="DAYS",
              help="Re-fetch archived articles fetched more than DAYS ago.")
@click.option("--resume", is_flag=True,
              help="Keep the request queue in DB.job so that an interrupted crawl resumes "
                   "where it stopped (Scrapy JOBDIR).")
@click.option("--delay", type=click.FloatRange(min=0), default=None,
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
        raise click.ClickException("the crawl did not start; see the log above")
    if run["status"] == "running":  # the crawl is over, but its end could not be stored
        raise click.ClickException(
            f"run {run['id']} could not record its end in the archive {db_path} "
            "(storage_error: the archive refused a write, e.g. the disk is full): "
            "free some space and run again")
    _report(run, quiet)
    sys.exit(run.get("exit_code") or 0)


@cli.command()
@click.argument("site", type=SiteURL())
@click.option("--pages", type=click.IntRange(min=1, max=10000), default=20, show_default=True,
              help="Pages to judge after the start page.")
@click.option("--delay", type=click.FloatRange(min=0), default=None,
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
    for pair in settings:
        key, _, value = pair.partition("=")
        if not key or not _:
            raise click.BadParameter(f"{pair!r}: expected NAME=VALUE", param_hint="-s")
        s.set(key, value, priority="cmdline")
    _configure_logging("ERROR", None, True)
    process = CrawlerProcess(s)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, site=[site])
    process.start()
    from crawler.probe import ProbeReport

    return getattr(crawler, "govnews_probe", None) or ProbeReport()


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


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="The page's URL (default: its canonical link or og:url).")
@click.option("--fetched-at", help="When the page was fetched (ISO 8601), copied to the record.")
def parse(file, url, fetched_at):
    """Parse one stored page and print its record as JSON.

        govnews parse page.html --url https://www.nghean.gov.vn/tin-tuc/abc-569138
    """
    from crawler.parsers import classify, load

    data = file.read_bytes()
    try:
        doc = load(data)
    except ValueError as exc:
        raise click.ClickException(f"{file}: cannot read it as HTML ({exc})") from None
    if not url:
        found = doc.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content')
        if not found or "://" not in found[0]:
            raise click.ClickException(
                f"{file} names no canonical URL; pass the page's address with --url")
        url = found[0].strip()
    role = classify(doc, url, reached_as="article", fetched_at=fetched_at)
    for kind, message in role.problems:
        click.echo(f"warning: {kind}: {message}", err=True)
    if role.role != "article":
        raise click.ClickException(
            f"{file} is not an article page: read as {role.role} by {role.layout_key} "
            f"({role.evidence[-1]}); `govnews probe` shows why, page by page")
    click.echo(json.dumps(role.record.to_dict(), ensure_ascii=False, indent=2))


def _filter_options(f):
    f = click.option("--site", metavar="HOST",
                     help="Only this site (e.g. vhttdl.nghean.gov.vn).")(f)
    f = click.option("--query", "text", metavar="QUERY",
                     help="Only records matching QUERY, as `govnews search` reads it.")(f)
    f = click.option("--category", metavar="NAME",
                     help="Only this category; accents and case do not matter "
                          "(\"chi dao dieu hanh\" is \"Chỉ đạo điều hành\").")(f)
    f = click.option("--until", metavar="DATE",
                     help="Published on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY).")(f)
    f = click.option("--since", metavar="DATE",
                     help="Published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")(f)
    return f


def _resolve(db, column: str, table: str, wanted: str | None, what: str) -> list[str] | None:
    """The stored values of ``column`` that ``wanted`` names, accents and case aside;
    None when no filter is asked; a click error when it names none."""
    from archive.syntax import matching_values

    if not wanted:
        return None
    values = [v for (v,) in db.execute(
        f"select distinct {column} from {table} where {column} is not null")]
    found = matching_values(wanted, values)
    if not found:
        raise click.BadParameter(f"no {what} is {wanted!r} (`govnews stats` lists them)",
                                 param_hint=f"--{'site' if column == 'site' else 'category'}")
    return found


def _record_filter(db, since, until, category, site=None, text=None, table="articles",
                   date_column="published_at", category_column="category"
                   ) -> tuple[str, list]:
    """SQL conditions (and parameters) for the filters export takes, as search does:
    dates, category and site (accent-blind), and a query in the search language."""
    from archive.search import date_bound

    conds, params = [], []
    for column, wanted, what in ((category_column, category, "category"),
                                 ("site", site, "site")):
        values = _resolve(db, column, table, wanted, what)
        if values is not None:
            conds.append(f"{column} in ({', '.join('?' * len(values))})")
            params.extend(values)
    if text:
        conds.append(_matching(db, table, text))
    for hint, value, end, op in (("--since", since, False, ">="), ("--until", until, True, "<")):
        try:
            bound = date_bound(value, end=end)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=hint) from None
        if bound:
            conds.append(f"{date_column} {op} ?")
            params.append(bound)
    return " and ".join(conds), params


def _matching(db, table: str, text: str) -> str:
    """A condition on ``table``'s rowid: the rows its search index matches for ``text``."""
    from archive.search import DOCUMENT_FOLDED, FOLDED, fts_query

    columns = FOLDED if table == "articles" else DOCUMENT_FOLDED
    try:
        match = fts_query(text, columns=columns)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--query") from None
    if match is None:
        raise click.BadParameter(f"{text!r} has no letters or digits to search for",
                                 param_hint="--query")
    quoted = match.replace("'", "''")
    return f"rowid in (select rowid from {table}_fts where {table}_fts match '{quoted}')"


CSV_LIST_SEPARATOR = " | "


def _is_regular_file(stream) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, AttributeError, ValueError):
        return False


@contextmanager
def _writing(out: str, open_stream, finish=lambda stream: stream.close()):
    """The stream ``open_stream()`` makes for writing ``out`` ("-": standard output),
    closed (or flushed: ``finish``) at the end.  An OSError opening, writing or closing
    it becomes "cannot write OUT: reason"; a regular file left half-written is removed,
    a device (/dev/full) or standard output never is."""
    name = "standard output" if out == "-" else out
    try:
        stream = open_stream()
    except OSError as exc:
        raise click.ClickException(f"cannot write {name}: {_os_reason(exc, out)}") from None
    regular = out != "-" and _is_regular_file(stream)
    try:
        yield stream
        finish(stream)
    except OSError as exc:
        try:
            finish(stream)
        except (OSError, ValueError):
            pass
        if exc.errno == errno.EPIPE and out == "-":
            raise  # the reader went away (| head): click exits quietly
        partial = ""
        if regular:
            try:
                os.remove(out)
                partial = f"; the partial {out} was removed"
            except OSError:
                partial = f"; a partial {out} is left: delete it"
        raise click.ClickException(
            f"cannot write {name}: {_os_reason(exc, out)}{partial}") from None
    except BaseException:
        try:
            finish(stream)
        except (OSError, ValueError):
            pass
        raise


@cli.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx", "warc"]),
              default="jsonl", show_default=True,
              help="jsonl: full records; csv: one row per article, lists joined, UTF-8 with BOM; "
                   "xlsx: a workbook (dates as dates, multi-line bodies); warc: the raw fetches "
                   "as WARC 1.1 (gzip).")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Output file (default: standard output; for warc: archive.warc.gz).")
@click.option("--kind", type=click.Choice(["articles", "documents"]), default="articles",
              show_default=True,
              help="articles, or the register's documents (văn bản; --since/--until then "
                   "select by issue date and --category by kind, e.g. \"Quyết định\").")
@_filter_options
def export(db_path, fmt, out, kind, since, until, category, text, site):
    """Export the archive: records as JSON lines or CSV, or raw pages as WARC.

    The WARC holds every fetch of the selected records' pages and of the files they link.

    \b
        govnews export --db archive.db --format jsonl --out articles.jsonl
        govnews export --format csv --since 2023 --category "Tin tức - Sự kiện" --out a.csv
        govnews export --format warc --out archive.warc.gz
        govnews export --format jsonl --kind documents --out documents.jsonl
    """
    from archive.query import documents, records

    table, read, keys = "articles", records, RECORD_KEYS
    dates, categories = "published_at", "category"
    if kind == "documents":
        from crawler.kernel.record import DOCUMENT_KEYS

        table, read, keys = "documents", documents, (*DOCUMENT_KEYS, "cited_by")
        dates, categories = "issued", "kind"
    archive = _open_existing(db_path, readonly=True)
    try:
        where, params = _record_filter(archive.db, since, until, category, site, text,
                                       table, dates, categories)
        if fmt == "warc":
            from archive.warc import write_warc

            out = out or "archive.warc.gz"
            fetch_where, fetch_params = "", []
            if where or kind == "documents":
                # the fetches of the selected pages and of the files they link
                pages = f"select url from {table}" + (f" where {where}" if where else "")
                linked = ("select url from images where article_url in (pages) union select"
                          " url from attachments where article_url in (pages)"
                          if table == "articles" else
                          "select url from document_files where document_url in (pages)")
                fetch_where = (f"url in ({pages}) or request_url in"
                               f" ({linked.replace('(pages)', f'({pages})')})")
                fetch_params = params * (3 if table == "articles" else 2)
            with _writing(out, lambda: click.open_file(out, "wb"),
                          finish=_flush if out == "-" else _close) as stream:
                count = write_warc(archive.db, stream, fetch_where, fetch_params)
            click.echo(f"{count} fetches written to {out}", err=True)
            return
        out = out or "-"
        count = 0
        if fmt == "xlsx":
            from archive.xlsx import write_xlsx

            if out == "-" and sys.stdout.isatty():
                raise click.UsageError("a workbook is binary: pass --out FILE.xlsx")
            columns = [k for k in keys if k != "body_html"]
            with _writing(out, lambda: click.open_file(out, "wb"),
                          finish=_flush if out == "-" else _close) as stream:
                count = write_xlsx(read(archive.db, where, params), columns, stream,
                                   sheet=kind)
        elif fmt == "jsonl":
            with _writing(out, lambda: click.open_file(out, "w", encoding="utf-8"),
                          finish=_flush if out == "-" else _close) as stream:
                for rec in read(archive.db, where, params):
                    stream.write(json.dumps({k: rec[k] for k in keys}, ensure_ascii=False))
                    stream.write("\n")
                    count += 1
        else:
            import csv
            import io

            columns = [k for k in keys if k != "body_html"]
            # csv writes its own \r\n, so the stream must not translate newlines.
            if out == "-":
                def open_stream():
                    return io.TextIOWrapper(sys.stdout.buffer,
                                            encoding="utf-8-sig", newline="")

                def finish(stream):
                    try:
                        stream.flush()
                    finally:
                        stream.detach()  # leave standard output open
            else:
                def open_stream():
                    return open(out, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115

                finish = _close
            with _writing(out, open_stream, finish) as stream:
                writer = csv.writer(stream)
                writer.writerow(columns)
                for rec in read(archive.db, where, params):
                    writer.writerow([_csv_cell(rec[k]) for k in columns])
                    count += 1
        if out != "-":
            click.echo(f"{count} {kind} written to {out}", err=True)
    finally:
        archive.close()


def _flush(stream) -> None:
    stream.flush()


def _close(stream) -> None:
    stream.close()


def _csv_cell(value):
    """Lists joined so that one article stays one spreadsheet row."""
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                text, url = item.get("title") or item.get("caption") or item.get("name"), item["url"]
                parts.append(f"{text} <{url}>" if text else url)
            else:
                parts.append(str(item))
        return CSV_LIST_SEPARATOR.join(parts)
    return "" if value is None else value


@cli.command()
@_db_option
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--files", "files", is_flag=True,
              help="Also read the text of every archived file again (after a reader fix).")
def reparse(db_path, dry_run, files):
    """Run today's parsers over the stored raw pages and update the records (articles
    and documents), with no network. Changed records keep their old version in
    article_versions (document_versions). Files whose text was never read are read.

        govnews reparse --db archive.db --dry-run
        govnews reparse --db archive.db --files
    """
    from archive.files import read_archived
    from archive.reparse import reparse as run_reparse

    archive = _open_existing(db_path, readonly=dry_run)
    read = Counter()
    try:
        report = run_reparse(archive, dry_run=dry_run)
        if not dry_run:
            for _sha, _url, got in read_archived(archive, again=files):
                read[got.status] += 1
    finally:
        archive.close()
    verb = "would change" if dry_run else "changed"
    click.echo(f"{report.total} articles re-parsed: {report.unchanged} unchanged, "
               f"{report.changed} {verb}, {len(report.failed)} failed")
    if report.documents:
        click.echo(f"{report.documents} documents re-parsed: {report.documents_changed} {verb}")
    if read:
        click.echo("files read: " + ", ".join(f"{n} {status}" for status, n in
                                               sorted(read.items())))
    for name, n in report.fields.most_common():
        click.echo(f"  {name}: {n} records (e.g. {report.examples[name]})")
    for url, why in report.failed[:20]:
        click.echo(f"  failed: {url} ({why})")


@cli.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def sites(db_path, fmt):
    """Every site the archive knows: host, layout and version, articles, newest article
    date, last crawl and its status (ok, failing with the reason, never reached).

        govnews sites --db archive.db
        govnews sites --db archive.db --format json
    """
    from archive.query import sites as get_sites

    archive = _open_existing(db_path, readonly=True)
    try:
        rows = get_sites(archive.db)
    finally:
        archive.close()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no site yet: run `govnews crawl` first", err=True)
        return
    width = max(len(r["site"]) for r in rows)
    click.echo(f"{'site':<{width}}  {'layout':<12}  {'articles':>8}  {'newest':<10}  "
               f"{'last crawl':<20}  status")
    for r in rows:
        status = r["status"] + (f": {r['reason']}" if r["reason"] else "")
        click.echo(f"{r['site']:<{width}}  {r['layout'] or '-':<12}  {r['articles']:>8}  "
                   f"{(r['newest'] or '-')[:10]:<10}  {(r['last_crawl'] or '-')[:19]:<20}  "
                   f"{status}")


@cli.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def stats(db_path, fmt):
    """Counts of archived articles per site, per category and per month, of documents
    per kind, and of files per state.

        govnews stats --db archive.db
    """
    from archive.query import stats as get_stats

    archive = _open_existing(db_path, readonly=True)
    try:
        data = get_stats(archive.db)
    finally:
        archive.close()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"{data['articles']} articles")
    for title, key, rows in (("site", "site", data["by_site"]),
                             ("category", "category", data["by_category"]),
                             ("month", "month", data["by_month"])):
        click.echo(f"\nby {title}:")
        for row in rows:
            click.echo(f"  {row['articles']:>7}  {row[key]}")
    if data["documents_by_kind"]:
        total = sum(r["documents"] for r in data["documents_by_kind"])
        click.echo(f"\n{total} documents, by kind:")
        for row in data["documents_by_kind"]:
            click.echo(f"  {row['documents']:>7}  {row['kind']}")
    if data["files_by_state"]:
        click.echo("\nfiles:")
        for row in data["files_by_state"]:
            size = f" ({row['bytes'] / 1e6:.1f} MB)" if row["bytes"] else ""
            click.echo(f"  {row['files']:>7}  {row['state']}{size}")
        for row in data["file_texts_by_status"]:
            click.echo(f"  {row['files']:>7}  text {row['status']}")
    run = data["last_run"]
    if run:
        click.echo(f"\nlast run {run['id']}: {run['status']}, started {run['started_at']}, "
                   f"{run['articles_new']} new, {run['errors']} errors")


@cli.command("search")
@click.argument("query")
@_db_option
@click.option("--since", metavar="DATE",
              help="Only articles published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", metavar="DATE",
              help="Only articles published on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY: "
                   "--until 2020 takes in all of 2020).")
@click.option("--category", metavar="NAME",
              help="Only articles in this category, as `govnews stats` lists it; accents and "
                   "case do not matter.")
@click.option("--site", metavar="HOST", help="Only what this site published.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many results to show, best first.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True,
              help="table: to read; json: the full records; csv: url, title, published_at, "
                   "category, author, snippet.")
@click.option("--exact", is_flag=True,
              help="Match accents as typed (Hoà then finds Hoà, not Hòa); case is still ignored.")
@click.option("--words", is_flag=True,
              help="Find the words anywhere in a title, lead, body or byline, in any order "
                   "(default: next to each other, in order, as a phrase).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["article", "file", "document"]),
              help="Only results of this kind (repeatable; default: all three).")
def search_command(query, db_path, since, until, category, site, limit, fmt, exact, words,
                   kinds):
    """Search articles, the text of their files and the register's documents for QUERY,
    best matches first.

    Case, accents and tone-mark style do not matter: "nguyen duc trung", "Nguyễn Đức
    Trung" and "NGUYEN ĐUC TRUNG" find the same articles, "Hòa Bình" finds "Hoà Bình".
    Several words are searched as a phrase; "quoted words" too; OR (in capitals) finds
    either side, NOT (in capitals) or a leading minus leaves out what has the words
    after it; other punctuation is read as text.
    A document number finds the same documents however it is written ("1205/QĐ-UBND",
    "1205/qd-ubnd", "1205 QĐ-UBND"), and the articles that cite it. Each result says
    what matched: an article, a file (with the page that links it) or a document.

    \b
        govnews search "Nguyễn Đức Trung" --db archive.db --since 2023 --limit 5
        govnews search "thủy lợi" --category "Kinh tế" --format csv > thuy-loi.csv
        govnews search "1205/QĐ-UBND" --kind document
    """
    import csv
    import io
    import textwrap

    from archive.query import documents, file_rows, records
    from archive.search import date_bound, query_words, search_all

    for hint, value in (("--since", since), ("--until", until)):
        try:
            date_bound(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=hint) from None
    archive = _open_existing(db_path, readonly=True)
    try:
        from archive.syntax import QueryError

        categories = _resolve(archive.db, "category", "articles", category, "category")
        sites = _resolve(archive.db, "site", "articles", site, "site")
        try:
            hits = search_all(archive.db, query,
                              kinds=kinds or ("article", "file", "document"), exact=exact,
                              since=since, until=until, category=categories, site=sites,
                              limit=limit, phrase=not words)
        except QueryError as exc:
            raise click.BadParameter(str(exc), param_hint="QUERY") from None
        if fmt == "json":
            out = []
            for hit in hits:
                if hit["kind"] == "article":
                    record = next(records(archive.db, "url = ?", [hit["url"]]), None)
                elif hit["kind"] == "document":
                    record = next(documents(archive.db, "url = ?", [hit["url"]]), None)
                else:
                    record = next(file_rows(archive.db, "f.url = ?", [hit["url"]]), None)
                out.append({**hit, "record": record})
            click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        elif fmt == "csv":
            fields = ("kind", "url", "title", "published_at", "category", "author", "snippet",
                      "article_url", "document_url")
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore",
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(hits)
            click.echo(buffer.getvalue(), nl=False)
        else:
            for n, hit in enumerate(hits, 1):
                label = {"article": "", "file": "[file] ", "document": "[document] "}[hit["kind"]]
                meta = "  ".join(x for x in ((hit["published_at"] or "undated")[:10],
                                             hit["category"], hit["author"]) if x)
                click.echo(f"{n:>3}. {label}{hit['title']}\n     {meta}")
                click.echo(textwrap.fill(hit["snippet"], width=96, initial_indent="     ",
                                         subsequent_indent="     "))
                click.echo(f"     {hit['url']}")
                page = hit.get("article_url") or hit.get("document_url")
                if page:
                    click.echo(f"     linked from {page}")
                click.echo("")
        if not hits:
            why = ""
            if not query_words(query):
                why = ": the query has no letters or digits"
            click.echo(f"nothing matches {query!r}{why}", err=True)
        elif len(hits) == limit:
            click.echo(f"the {limit} best matches shown; there may be more: raise --limit",
                       err=True)
    finally:
        archive.close()


@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on.")
def serve(db_path, host, port):
    """Read, compare and search the archive in a browser, at http://HOST:PORT/.

    /article?url=URL reads an article (its history and the page as fetched are linked
    from it), /find?q=... searches articles, files and documents, /charts, /runs and
    /sites show the archive as a whole (README "Web view"); /archive/... is Datasette,
    with SQL, JSON and CSV. Read-only: a crawl can write to the archive meanwhile. Stop
    with Ctrl-C.

        govnews serve --db archive.db --port 8001
    """
    from archive.web import listen_socket
    from archive.web import serve as run_server

    _open_existing(db_path, readonly=True).close()  # a clear error if it cannot be read
    try:
        sock = listen_socket(host, port)
    except OSError as exc:
        raise click.ClickException(_listen_problem(host, port, exc)) from None
    port = sock.getsockname()[1]
    click.echo(f"serving {db_path} at http://{host}:{port}/archive/articles (Ctrl-C stops)",
               err=True)
    try:
        run_server(db_path, host=host, port=port, sock=sock)
    except SystemExit as exc:  # uvicorn's way of saying it could not start
        if exc.code in (0, None):
            raise
        raise click.ClickException(
            f"the web server could not start on {host}:{port} (is port {port} on {host} "
            "already in use? pass --port); see the message above") from None


def _listen_problem(host: str, port: int, exc: OSError) -> str:
    """One sentence for a failure to listen on ``host:port``."""
    import socket

    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use: pass --port with another port"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"this user may not listen on port {port} on {host}: "
                "pass --port with a port above 1023")
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return (f"cannot listen on {host}: it is not an address of this machine "
                f"({_os_reason(exc)}): pass --host, e.g. 127.0.0.1")
    return f"cannot listen on {host} port {port}: {_os_reason(exc)}: pass --host or --port"


@cli.command()
@click.option("--db", "db_path", default="demo.db", show_default=True,
              type=click.Path(dir_okay=False), callback=_remember_db,
              help="Database to create (replaced if an earlier demo made it; any other "
                   "file is left alone).")
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port for the replica on 127.0.0.1 (default: any free).")
def demo(db_path, port):
    """Serve an offline replica of the Nghệ An portal family on 127.0.0.1 (the main
    portal, a vnPortal subsite in another skin, a NukeViet commune site, a WordPress ward
    site, two dead subsites, a file host: an HTTP proxy answering for their real host
    names), crawl it with --subsites into a fresh database and print what was archived,
    site by site: the whole job, without internet. An existing DB is replaced only if it
    is a demo archive (every run in it was a demo).

        govnews demo --db demo.db
    """
    from archive.access import demo_problem
    from archive.lock import CrawlRunning
    from crawler.pipelines import EXIT_RUNNING
    from crawler.replica.family import PORTAL_HOST, FamilyProxy, build_family

    problem = demo_problem(db_path)
    if problem:
        raise click.ClickException(problem)
    try:
        proxy = FamilyProxy(build_family(), port=port)
    except OSError as exc:
        raise click.ClickException(_listen_problem(LOCALHOST, port, exc)) from None
    with proxy, _proxy_environment(proxy.url):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db_path + suffix):
                try:
                    os.remove(db_path + suffix)
                except OSError as exc:
                    raise click.ClickException(
                        f"cannot replace the demo archive {db_path}: "
                        f"{_os_reason(exc, db_path + suffix)}") from None
        click.echo(f"replica of the portal family serving as an HTTP proxy at {proxy.url}",
                   err=True)
        # Recorded in crawl_runs.settings: what makes this a demo archive.
        try:
            run = run_crawl([f"http://{PORTAL_HOST}"], db_path, delay=0, quiet=True,
                            settings=("GOVNEWS_DEMO=True", "RETRY_TIMES=3",
                                      "GOVNEWS_RETRY_BACKOFF_BASE=0"),
                            subsites=True)
        except CrawlRunning as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_RUNNING)
        if run and run["status"] != "ok":
            _report(run, quiet=True)
    if run is None:
        raise click.ClickException("the demo crawl did not start")
    click.echo(f"crawled {run['requests']} pages into {db_path}\n", err=True)
    ctx = click.get_current_context()
    ctx.invoke(sites, db_path=db_path, fmt="table")
    click.echo("")
    ctx.invoke(stats, db_path=db_path, fmt="table")
    click.echo(f"\nnext: govnews search \"nguyen duc trung\" --db {db_path}\n"
               f"      govnews sites --db {db_path}\n"
               f"      govnews export --db {db_path} --format csv --out demo.csv\n"
               f"      govnews serve --db {db_path}")


@contextmanager
def _proxy_environment(url: str):
    """http_proxy set to ``url`` (and no_proxy cleared) while the block runs: Scrapy's
    HttpProxyMiddleware reads them, so the demo's requests all go to the replica."""
    names = ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(http_proxy=url, HTTP_PROXY=url, no_proxy="", NO_PROXY="")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def main():  # pragma: no cover - console entry point
    cli(prog_name="govnews")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
