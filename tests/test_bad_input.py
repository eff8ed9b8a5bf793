"""Bad input during a crawl: a 500, a timeout, a page cut short in transit, a wrong charset
header and a crafted title each get a clear record in crawl_errors (or are stored
correctly), and nothing already stored is lost."""

from __future__ import annotations

import sqlite3
import time

import pytest

from crawler.replica import ReplicaServer, build_site
from crawler.replica.faults import FaultPlan
from crawler.replica.render import Response
from tests.conftest import export_records, govnews

CRAFTED_TITLE = "<script>alert('x')</script> Tiêu đề \"lạ\"; DROP TABLE articles; -- " + "dài " * 200
FAST_FAILURE = ("-s", "RETRY_TIMES=1", "-s", "GOVNEWS_RETRY_BACKOFF_BASE=0",
                "-s", "DOWNLOAD_TIMEOUT=2")


class FaultySite:
    """The replica, with some article paths answering badly."""

    def __init__(self, site, faults):
        self._site = site
        self.faults = faults

    def __getattr__(self, name):
        return getattr(self._site, name)

    def respond(self, method, target, body, headers, base):
        response = self._site.respond(method, target, body, headers, base)
        fault = self.faults.get(target.split("?", 1)[0])
        if fault == "500":
            return Response(500, b"<html><body>Server Error</body></html>")
        if fault == "slow":
            time.sleep(4)
        if fault == "latin1-header":
            return Response(200, response.body, "text/html; charset=iso-8859-1")
        return response


def crawl(url, db, *options):
    return govnews("crawl", url, "--db", str(db), "--delay", "0", *FAST_FAILURE, *options)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    base = build_site()
    paths = base.article_paths()
    crafted_id = paths[10].rsplit("-", 1)[1]
    site = build_site(edit={crafted_id: {"title": CRAFTED_TITLE}})
    paths = site.article_paths()
    faults = {paths[1]: "500", paths[2]: "slow", paths[3]: "truncated", paths[4]: "latin1-header"}
    db = tmp / "a.db"
    with ReplicaServer(site, port=0, conditional=False) as server:
        crawl(server.url, db)  # a clean crawl first: everything stored
        before = {r["url"]: r for r in export_records(db)}
        server.site = FaultySite(site, faults)
        # cut short in transit: the full Content-Length, half the body, then close
        server.faults = FaultPlan(assign={paths[3]: "truncated_length"})
        server.requests.clear()
        result = crawl(server.url, db, "--refresh")
        after = {r["url"]: r for r in export_records(db)}
        expected = {e["url"]: e for e in site.expected_records(server.url)}
        requests = list(server.requests)
        url = server.url
    con = sqlite3.connect(db)
    errors = con.execute(
        "select url, kind, message from crawl_errors where run_id = (select max(id) from crawl_runs)"
    ).fetchall()
    run = con.execute("select status from crawl_runs order by id desc limit 1").fetchone()
    con.close()
    return {"before": before, "after": after, "expected": expected, "errors": errors,
            "faults": {url + p: kind for p, kind in faults.items()}, "result": result,
            "requests": requests, "run": run, "base": url}


def kind_of(faulty, fault):
    url = next(u for u, k in faulty["faults"].items() if k == fault)
    return url, {kind for u, kind, _ in faulty["errors"] if u == url}


def test_server_error_is_retried_then_recorded(faulty):
    url, kinds = kind_of(faulty, "500")
    assert kinds == {"http_500"}
    path = url[len(faulty["base"]):]
    assert sum(1 for r in faulty["requests"] if r["path"] == path) == 2  # first try + 1 retry


def test_timeout_is_recorded(faulty):
    _, kinds = kind_of(faulty, "slow")
    assert kinds == {"timeout"}


def test_page_cut_short_in_transit_is_recorded_not_stored(faulty):
    url, kinds = kind_of(faulty, "truncated")
    assert kinds == {"truncated"}
    message = next(m for u, k, m in faulty["errors"] if u == url)
    assert "Content-Length" in message


def test_nothing_already_stored_is_lost(faulty):
    assert set(faulty["after"]) == set(faulty["before"])
    for url in faulty["faults"]:
        after = dict(faulty["after"][url], fetched_at=None)
        assert after == dict(faulty["before"][url], fetched_at=None)
    assert faulty["run"] == ("ok",)


def test_wrong_charset_header_still_reads_vietnamese(faulty):
    url = next(u for u, k in faulty["faults"].items() if k == "latin1-header")
    assert faulty["after"][url]["title"] == faulty["expected"][url]["title"]
    assert faulty["after"][url]["body"] == faulty["expected"][url]["body"]


def test_crafted_title_is_stored_as_text(faulty):
    crafted = [r for r in faulty["after"].values() if r["title"].startswith("<script>")]
    assert len(crafted) == 1
    assert crafted[0]["title"] == " ".join(CRAFTED_TITLE.split())
    assert len(faulty["after"]) == len(faulty["expected"])  # the table is still there
