"""`govnews schedule`: the family's sites crawled by two Scrapyd nodes, their archives
merged, equal to a one-machine `govnews crawl` of the same sites.

Two scrapyd processes run on 127.0.0.1, each in a directory of its own (its scrapyd.conf,
eggs, logs, and the node's archive, archive.db, as the jobs' working directory), with the
family replica's proxy (crawler/replica/family, on 127.0.0.1) as their `http_proxy` (and
`https_proxy`, though the family links nothing over https): every host is asked for by its
real name through it and nothing is ever resolved.  The sites are given one by one, so
which node crawls which is known (archive.scrapyd.node_for); then the main portal once
more, with --subsites, as one job on its node into another archive."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from archive.scrapyd import Node, assign, node_for
from crawler.replica.family import FamilyProxy, build_family
from tests.conftest import ROOT, copy_db, family_crawl, govnews, query
from tests.test_merge import exported

SITES = [f"http://{h}" for h in ("www.nghean.gov.vn", "vhttdl.nghean.gov.vn",
                                  "quangchau.nghean.gov.vn", "phuongtruongthi.nghean.gov.vn")]
CRAWL = ("--delay", "0", "-s", "RETRY_TIMES=3", "-s", "GOVNEWS_RETRY_BACKOFF_BASE=0",
         "-s", "DOWNLOAD_TIMEOUT=5")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_node(home: Path, proxy_url: str) -> tuple[str, subprocess.Popen]:
    """A scrapyd process in ``home``: its address and the process, not waited for (see
    ``wait_until_up``), so that both nodes start at once."""
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\nitems_dir =\nmax_proc = 1\npoll_interval = 0.5\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8",
               http_proxy=proxy_url, HTTP_PROXY=proxy_url, https_proxy=proxy_url,
               HTTPS_PROXY=proxy_url, no_proxy="", NO_PROXY="")
    out = open(home / "scrapyd.out", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=home, env=env,
                            stdout=out, stderr=subprocess.STDOUT)
    out.close()
    return f"http://127.0.0.1:{port}", proc


def wait_until_up(home: Path, url: str, proc: subprocess.Popen) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 60
    while True:
        try:
            with opener.open(f"{url}/daemonstatus.json", timeout=5) as response:
                if json.load(response)["status"] == "ok":
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError((home / "scrapyd.out").read_text()[-3000:]) from None
            time.sleep(0.1)


def unfinished(nodes: list[str], count: int) -> dict | None:
    """The nodes' jobs (listjobs, asked over HTTP here: cheaper than a `govnews schedule
    --status` process each time) unless they are ``count`` jobs, every one finished."""
    jobs = {url: Node(url).jobs() for url in nodes}
    if (sum(len(j["finished"]) for j in jobs.values()) == count
            and not any(j["pending"] or j["running"] for j in jobs.values())):
        return None
    return jobs


def wait_for_jobs(nodes: list[str], count: int, timeout: float = 1500) -> str:
    """Wait until every job has finished, then poll `govnews schedule --status` until its
    table says so too; its last table."""
    deadline = time.monotonic() + timeout
    while True:
        table = unfinished(nodes, count)
        if table is None:
            table = govnews("schedule", *(a for n in nodes for a in ("--node", n)),
                            "--status").stdout
            lines = table.splitlines()[1:-1]
            if len(lines) == count and all(line.split()[1] == "finished" for line in lines):
                return table
        assert time.monotonic() < deadline, table
        time.sleep(0.5)


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scrapyd")
    family = build_family()
    processes = []
    with FamilyProxy(family, port=0) as proxy:
        try:
            for name in ("node1", "node2"):
                processes.append(start_node(tmp / name, proxy.url))
            for name, (url, proc) in zip(("node1", "node2"), processes):
                wait_until_up(tmp / name, url, proc)
            nodes = [url for url, _ in processes]
            out = govnews("schedule", "--node", nodes[1], "--node", nodes[0], *SITES,
                          *CRAWL).stdout
            # and the main portal with its subsites, in one job, into another archive
            out += govnews("schedule", "--node", nodes[0], "--node", nodes[1], SITES[0],
                           "--subsites", "--db", "subsites.db", *CRAWL).stdout
            with ThreadPoolExecutor(2) as pool:  # the one-machine crawls, meanwhile
                ones = [pool.submit(family_crawl, proxy, tmp / db, *args) for db, args in (
                    ("one.db", SITES), ("one-subsites.db", [SITES[0], "--subsites"]))]
                table = wait_for_jobs(nodes, len(SITES) + 1)
            for one in ones:
                assert one.result().returncode == 0, one.result().stderr[-3000:]
            hosts = {e["host"] for e in proxy.requests.snapshot()}
        finally:
            for _, proc in processes:
                proc.terminate()
                proc.wait(timeout=30)
    archives = {url: copy_db(tmp / name / "archive.db", tmp / f"{name}.db")
                for (url, _), name in zip(processes, ("node1", "node2"))}
    merged = tmp / "national.db"
    govnews("merge", *map(str, archives.values()), "--into", str(merged))
    return {"tmp": tmp, "nodes": nodes, "archives": archives, "merged": merged,
            "one": tmp / "one.db", "out": out, "table": table, "hosts": hosts,
            "family": family}


def test_a_start_site_with_subsites_is_one_job_on_its_node(scheduled):
    node = node_for("www.nghean.gov.vn", scheduled["nodes"])
    home = scheduled["tmp"] / ("node1", "node2")[scheduled["nodes"].index(node)]
    assert f"{node}: {SITES[0]} scheduled as job" in scheduled["out"]
    crawled = exported(home / "subsites.db")
    assert len({url.split("/")[2] for url in crawled}) == len(SITES)  # all four live sites
    assert crawled == exported(scheduled["tmp"] / "one-subsites.db")


def test_each_site_is_crawled_on_its_node(scheduled):
    plan = assign(SITES, scheduled["nodes"])
    assert len(plan) == 2  # the four sites fall on both nodes
    for node, sites in plan.items():
        for site in sites:
            assert f"{node}: {site} scheduled as job" in scheduled["out"]
        hosts = {h for (h,) in query(scheduled["archives"][node],
                                     "select distinct site from articles")}
        assert hosts and hosts <= {s.split("//")[1] for s in sites}, (node, hosts)
    for site in SITES:
        assert site.split("//")[1] in scheduled["table"]


def test_the_merged_node_archives_equal_a_one_machine_crawl(scheduled):
    merged, one = exported(scheduled["merged"]), exported(scheduled["one"])
    assert len(merged) == len(one) > 0
    assert merged == one
    documents = exported(scheduled["merged"], "documents")
    assert documents and documents == exported(scheduled["one"], "documents")


def test_only_the_family_was_asked_for_anything(scheduled):
    assert scheduled["hosts"] <= set(scheduled["family"].sites)


def test_a_host_keeps_its_node_whatever_the_order_of_the_nodes():
    nodes = ["http://n1:6800", "http://n2:6800", "http://n3:6800"]
    hosts = [f"site{i}.nghean.gov.vn" for i in range(300)]
    first = {h: node_for(h, nodes) for h in hosts}
    assert first == {h: node_for(h, nodes[::-1]) for h in hosts}
    assert first == {h: node_for(h.upper(), [nodes[1], nodes[2], nodes[0]]) for h in hosts}
    counts = {n: list(first.values()).count(n) for n in nodes}
    assert all(60 < c < 140 for c in counts.values()), counts
    assert assign([f"https://{h}/" for h in hosts[:5]], nodes[::-1]) == assign(
        [f"https://{h}/" for h in hosts[:5]], nodes)


def test_an_unreachable_node_is_one_sentence():
    node = f"http://127.0.0.1:{free_port()}"
    proc = govnews("schedule", "--node", node, "http://www.nghean.gov.vn", check=False)
    assert proc.returncode == 1
    assert f"cannot reach the Scrapyd node {node}" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_each_job_gets_the_crawl_s_settings_and_subsites_leave_the_other_sites_out():
    from archive.cli_schedule import _excluding_others, _job_settings

    job = _job_settings("/srv/node.db", False, 0, True, ("GOVNEWS_SUBSITE_EXCLUDE=x.gov.vn",))
    assert job == {"GOVNEWS_DB": "/srv/node.db", "GOVNEWS_SUBSITES": "True",
                   "DOWNLOAD_DELAY": "0.0", "AUTOTHROTTLE_ENABLED": "False",
                   "DOWNLOAD_DELAY_JITTER": "0", "GOVNEWS_SUBSITE_EXCLUDE": "x.gov.vn"}
    mine = _excluding_others(job, SITES[0], SITES[:2])
    assert mine["GOVNEWS_SUBSITE_EXCLUDE"] == "x.gov.vn,vhttdl.nghean.gov.vn"
    assert _excluding_others(job, SITES[0], SITES[:1]) == job


def test_a_setting_a_crawl_would_refuse_is_refused_before_any_node_is_asked():
    proc = govnews("schedule", "--node", "http://127.0.0.1:9", "-s", "GOVNEWS_NO_SUCH=1",
                   check=False)
    assert proc.returncode == 2
    assert "GOVNEWS_NO_SUCH" in proc.stderr
