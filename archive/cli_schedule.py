"""``govnews schedule``: crawls run by Scrapyd on many machines, one job per site, each
site on the node its host hashes to (archive.scrapyd); ``--status`` shows the nodes' jobs,
``--deploy`` uploads the project."""

from __future__ import annotations

import time

import click

from archive.cli_common import FiniteFloat, SiteURL, absolute_http, plural
from archive.cli_crawl import _checked_override
from archive.filters import shorten


class NodeURL(click.ParamType):
    """A Scrapyd node's address: http(s) with a host (a port, a path behind a proxy); a
    bare host[:port] gets http://, as Scrapyd serves it."""

    name = "URL"

    def convert(self, value, param, ctx):
        text = str(value).strip()
        url = text if "://" in text else f"http://{text}"
        if not absolute_http(url):
            self.fail(f"{shorten(value)!r} is not a Scrapyd node's http address: pass e.g."
                      " http://node1:6800", param, ctx)
        return url


def _job_settings(db_path, full, delay, subsites, settings) -> dict[str, str]:
    """The Scrapy settings of each job, as NAME=VALUE strings (-s checked as a crawl's)."""
    job = {"GOVNEWS_DB": db_path}
    if full:
        job["GOVNEWS_FULL"] = "True"
    if subsites:
        job["GOVNEWS_SUBSITES"] = "True"
    if delay is not None:
        job["DOWNLOAD_DELAY"] = str(float(delay))
        if float(delay) == 0:
            job["AUTOTHROTTLE_ENABLED"] = "False"
            job["DOWNLOAD_DELAY_JITTER"] = "0"
    for pair in settings:
        _checked_override(pair)
        name, _, value = pair.partition("=")
        job[name] = value
    return job


def _excluding_others(job: dict, site: str, sites) -> dict:
    """With --subsites, the other start sites are not this job's subsites: each has a job
    of its own, on its own node."""
    from urllib.parse import urlsplit

    others = [urlsplit(s).hostname for s in sites if s != site]
    if not others:
        return job
    given = [h for h in job.get("GOVNEWS_SUBSITE_EXCLUDE", "").split(",") if h]
    return dict(job, GOVNEWS_SUBSITE_EXCLUDE=",".join(given + others))


def _deploy(node) -> None:
    from archive.scrapyd import build_egg

    version = str(int(time.time()))
    answer = node.deploy(build_egg(version), version)
    click.echo(f"{node.url}: deployed version {version}"
               f" ({plural(answer.get('spiders', 0), 'spider')})")


def _status(nodes) -> None:
    from archive.scrapyd import site_of_job

    rows = [("NODE", "STATE", "SITE", "JOB", "START", "END")]
    for node in nodes:
        jobs = node.jobs()
        for state in ("pending", "running", "finished"):
            for job in jobs.get(state, []):
                rows.append((node.url, state, site_of_job(job), job.get("id", ""),
                             _time(job.get("start_time")), _time(job.get("end_time"))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    click.echo(plural(len(rows) - 1, "job"))


def _time(value) -> str:
    return "" if value in (None, "None") else str(value).split(".")[0]


@click.command()
@click.argument("sites", nargs=-1, metavar="[SITE_URL ...]", type=SiteURL())
@click.option("--node", "node_urls", multiple=True, required=True, type=NodeURL(),
              help="A Scrapyd node, e.g. http://node1:6800 (repeatable).")
@click.option("--db", "db_path", default="archive.db", show_default=True,
              help="The archive each node writes: a path on the node (a relative one is "
                   "taken from the directory scrapyd runs in).")
@click.option("--subsites", is_flag=True,
              help="Crawl each start site with its subsites, in the start site's job on its "
                   "node (subsites are known only once its home page is read); the other "
                   "start sites given are left to their own jobs.")
@click.option("--full", is_flag=True, help="Each job walks every listing page (crawl --full).")
@click.option("--delay", type=FiniteFloat(min=0), default=None,
              help="Seconds between requests to one host (as crawl --delay).")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy or GOVNEWS_* setting of each job (repeatable).")
@click.option("--deploy", is_flag=True,
              help="Upload the project to every node first (done anyway on a node that "
                   "does not have it). Without SITE_URL, only that.")
@click.option("--status", is_flag=True,
              help="Show the nodes' jobs (pending, running, finished) and schedule nothing.")
def schedule(sites, node_urls, db_path, subsites, full, delay, settings, deploy, status):
    """Crawl sites on many machines through Scrapyd, one job per site.

    Each site goes to the node its host name hashes to (sha256 over the sorted node
    list): the same site always lands on the same node, where its incremental state is,
    in that node's archive (--db). SITE_URL defaults to https://www.nghean.gov.vn. Run
    each node's scrapyd with max_proc = 1: a node's archive takes one crawl at a time
    (a second job on it would stop at once, "another crawl is running"). Merge the
    nodes' archives with ``govnews merge``.

    \b
        govnews schedule --node http://node1:6800 --node http://node2:6800 \\
            https://www.nghean.gov.vn https://vhttdl.nghean.gov.vn --db /srv/govnews/node.db
        govnews schedule --node http://node1:6800 --node http://node2:6800 --status
    """
    from archive.scrapyd import Node, ScrapydError, assign

    nodes = [Node(url) for url in dict.fromkeys(node_urls)]
    try:
        if status:
            _status(nodes)
            return
        if deploy:
            for node in nodes:
                _deploy(node)
            if not sites:
                return
        sites = list(dict.fromkeys(sites or ["https://www.nghean.gov.vn"]))
        job = _job_settings(db_path, full, delay, subsites, settings)
        by_url = {node.url: node for node in nodes}
        for url, mine in assign(sites, by_url).items():
            node = by_url[url]
            if not deploy and not node.versions():
                _deploy(node)
            for site in mine:
                wanted = _excluding_others(job, site, sites) if subsites else job
                click.echo(f"{node.url}: {site} scheduled as job {node.schedule(site, wanted)}")
    except ScrapydError as exc:
        raise click.ClickException(str(exc)) from None
