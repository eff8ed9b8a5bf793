"""The whole family in one command: `govnews crawl http://www.nghean.gov.vn --subsites`
through the family replica served as an HTTP proxy on 127.0.0.1 (crawler/replica/family),
so that every site is asked for by its real host name and nothing is ever resolved.

Every article of every live site is stored exactly once with every field right, each site
is read by its own layout, the dead subsites are recorded with their reason without
failing the run, `govnews sites` shows them all, and the proxy's log shows no request to a
disallowed path or to a host outside the family."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from crawler.replica import build_site
from crawler.replica.family import FamilyProxy, build_family
from tests.conftest import ROOT, export_records, query

MAIN = "http://www.nghean.gov.vn"


def crawl(proxy, db, *extra):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8",
               http_proxy=proxy.url, HTTP_PROXY=proxy.url, no_proxy="", NO_PROXY="")
    return subprocess.run(
        [sys.executable, "-m", "archive.cli", "crawl", MAIN, "--subsites", "--db", str(db),
         "--delay", "0", "-s", "RETRY_TIMES=3", "-s", "GOVNEWS_RETRY_BACKOFF_BASE=0",
         "-s", "DOWNLOAD_TIMEOUT=5", *extra],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def family_run(tmp_path_factory):
    db = tmp_path_factory.mktemp("family") / "family.db"
    family = build_family()
    with FamilyProxy(family, port=0) as proxy:
        first = crawl(proxy, db)
        requests_first = list(proxy.requests)
        second = crawl(proxy, db)
        requests_second = list(proxy.requests)[len(requests_first):]
        records = export_records(db)
        # the main portal's template changes; its subsites stay as they were
        proxy.family = build_family(portal=build_site(layout="moved"))
        # without vnportal/2, which reads that template: a change no parser knows
        moved = crawl(proxy, db, "-s", "GOVNEWS_DISABLED_LAYOUTS=vnportal/2")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    sites = subprocess.run([sys.executable, "-m", "archive.cli", "sites", "--db", str(db),
                            "--format", "json"], capture_output=True, text=True, env=env,
                           cwd=ROOT)
    return {"family": family, "db": db, "first": first, "second": second, "moved": moved,
            "requests": requests_first, "requests_second": requests_second,
            "records": records, "sites": json.loads(sites.stdout or "[]"),
            "sites_proc": sites}


def test_the_run_is_ok_though_two_subsites_are_dead(family_run):
    first = family_run["first"]
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Traceback" not in first.stderr


def test_every_article_of_every_live_site_once_with_every_field_right(family_run):
    expected = {e["url"]: e for e in family_run["family"].expected_records()}
    got = {r["url"]: r for r in family_run["records"]}
    urls = [u for (u,) in query(family_run["db"], "select url from articles")]
    assert len(urls) == len(set(urls))
    assert set(got) == set(expected)
    for url, want in expected.items():
        for key, value in want.items():
            if key == "layout":
                continue
            assert got[url][key] == value, f"{url}: {key}"


def test_each_site_is_read_by_its_own_layout(family_run):
    expected = {e["url"]: e for e in family_run["family"].expected_records()}
    for record in family_run["records"]:
        assert record["parser"].split("/")[0] == expected[record["url"]]["layout"], record["url"]


def test_sites_lists_each_site_with_its_layout_and_the_dead_with_their_reason(family_run):
    assert family_run["sites_proc"].returncode == 0, family_run["sites_proc"].stderr
    family = family_run["family"]
    by_host = {row["site"]: row for row in family_run["sites"]}
    for host in family.live_hosts:
        assert by_host[host]["status"] == "ok", by_host[host]
        assert by_host[host]["layout"], host
        assert by_host[host]["articles"] > 0
    for host in family.dead_hosts:
        row = by_host[host]
        assert row["status"] in ("failing", "never reached"), row
        assert row["reason"], row
    for host in family.file_hosts:
        assert host not in by_host


def test_no_request_outside_the_family_or_to_a_disallowed_path(family_run):
    family = family_run["family"]
    allowed = set(family.live_hosts) | set(family.dead_hosts) | set(family.file_hosts)
    for request in family_run["requests"] + family_run["requests_second"]:
        assert request["host"] in allowed, request
        for prefix in family.disallowed(request["host"]):
            assert not request["path"].startswith(prefix), request


def test_the_next_run_fetches_no_article_again(family_run):
    assert family_run["second"].returncode == 0, family_run["second"].stderr[-3000:]
    stored = {r["url"] for r in family_run["records"]}
    again = [r for r in family_run["requests_second"]
             if f"http://{r['host']}{r['path']}" in stored]
    # only the canaries that judge each site's parser health
    assert len(again) <= 5 * len(family_run["family"].live_hosts), again


def test_the_health_alarm_names_the_site_whose_layout_changed(family_run):
    moved = family_run["moved"]
    assert moved.returncode == 5, moved.stderr[-3000:]
    health = json.loads(query(family_run["db"], "select health from crawl_runs"
                                                 " order by id desc limit 1")[0][0])
    degraded = {s["site"] for s in health["sites"] if s["degraded_fields"]}
    assert degraded == {"www.nghean.gov.vn"}
