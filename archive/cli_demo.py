"""``govnews demo``: the whole job without internet.  It serves the replica of the Nghệ An
portal family (crawler.replica, imported here and only inside the command, the one place
production code touches it) as an HTTP proxy, crawls it into a fresh database and prints
what was archived.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from archive.cli_common import LOCALHOST, _listen_problem, _os_reason, _remember_db
from archive.cli_crawl import _report, run_crawl
from archive.cli_read import sites, stats


@click.command()
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
    from crawler.pipelines import EXIT_INTERRUPTED
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
        run = _demo_crawl(db_path, f"http://{PORTAL_HOST}")
        if run and run["status"] == "interrupted":  # a signal stopped it: no tables
            click.echo(f"demo interrupted: run {run['id']} stopped after {run['requests']} "
                       f"requests and is recorded interrupted in {db_path}", err=True)
            sys.exit(EXIT_INTERRUPTED)
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


def _demo_crawl(db_path: str, start: str) -> dict | None:
    """The demo's crawl of the replica: its run, or None if it recorded none."""
    from archive.lock import CrawlRunning
    from crawler.pipelines import EXIT_RUNNING

    try:
        # GOVNEWS_DEMO, recorded in crawl_runs.settings, is what makes this a demo archive.
        # On a terminal, the crawl's progress line every second (quiet under cron).
        return run_crawl([start], db_path, delay=0, quiet=True,
                         settings=("GOVNEWS_DEMO=True", "RETRY_TIMES=3",
                                   "GOVNEWS_RETRY_BACKOFF_BASE=0",
                                   "GOVNEWS_PROGRESS_INTERVAL=1"),
                         subsites=True, progress=sys.stderr.isatty())
    except CrawlRunning as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_RUNNING)


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
