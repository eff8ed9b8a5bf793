"""Two runs, a faulted one and then a normal one, against the replica in its fault mode
(crawler/replica/faults.py): every article of the replica ends up stored exactly once with
every field right, nothing stored before is lost or changed, no request goes to another
host or a disallowed path, and every page the faulted run dropped is in crawl_errors with
its URL and kind.

The first run stores page 1 of every listing; the faulted run then walks everything (and
re-fetches the stored articles, --refresh) while about a third of the articles, listings
and pagination POSTs fail or come back in hard-to-parse shapes; the normal run after it
must finish the job from what the archive remembers (pending articles, incomplete walks).
"""

from __future__ import annotations

import json

import pytest

from crawler.replica import ReplicaServer, build_site
from crawler.replica.faults import (
    CONTENT_FAULTS,
    TRANSPORT_FAULTS,
    FaultPlan,
    pagination_key,
)
from crawler.replica.render import LOAD_ARTICLE_PATH
from tests.conftest import export_records, govnews, query

# What each transport fault must be recorded as (crawl_errors.kind).
RECORDED_AS = {
    "http_500": "http_500", "http_503": "http_503", "reset": "reset", "timeout": "timeout",
    "truncated_length": "truncated", "truncated_chunked": "truncated",
    "truncated_close": "truncated", "oversize": "too_large",
    "redirect_loop": "redirect_loop", "redirect_home": "redirect_home",
    "redirect_offsite": "redirect_offsite",
}
FAST = ("--delay", "0", "-s", "RETRY_TIMES=1", "-s", "GOVNEWS_RETRY_BACKOFF_BASE=0",
        "-s", "DOWNLOAD_TIMEOUT=2")
SEED = 20261201


def crawl(url, db, *options, check=True):
    return govnews("crawl", url, "--db", str(db), *FAST, *options, check=check)


def errors_of(db, run_id):
    return query(db, "select url, kind, message from crawl_errors where run_id = ?", run_id)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fault-runs")
    db = tmp / "a.db"
    site = build_site(hostile=True)
    cats = site.categories
    first_pages = {site.article_path(a) for c in cats for a in site.listing_page(c.slug, 1)}
    # Pagination: one stale page and one failing page; the other pages answer, so that
    # the articles they list meet their own faults.
    assign = {pagination_key(c.id, page): None for c in cats
              for page in range(1, site.max_page(c.slug) + 1)}
    assign[pagination_key(cats[0].id, 2)] = "stale_pagination"
    assign[pagination_key(cats[1].id, 2)] = "http_500"
    assign.update({path: None for path in site.listing_paths()})
    hidden = {site.article_path(a) for c, page in ((cats[0], 2), (cats[1], 2))
              for a in site.listing_page(c.slug, page)}
    reachable = [p for p in site.article_paths() if p not in first_pages and p not in hidden]
    # Every kind at least once: transport faults on articles not yet stored (they must end
    # up pending, then stored), content faults on stored ones (parsed right, or the stored
    # record kept), and a few transport faults on stored ones too (nothing lost).
    assert len(reachable) >= len(TRANSPORT_FAULTS)
    for kind, path in zip(TRANSPORT_FAULTS, reachable):
        assign[path] = kind
    stored = sorted(first_pages)
    content = [k for k in CONTENT_FAULTS if k != "stale_pagination"]
    for kind, path in zip([*content, "http_500", "timeout", "redirect_home", "reset"], stored):
        assign[path] = kind
    plan = FaultPlan(seed=SEED, rate=0.3, assign=assign, hang_seconds=3.0)
    with ReplicaServer(site, port=0) as server:
        first = crawl(server.url, db, "--max-pages", "1")
        before = {r["url"]: r for r in export_records(db)}
        server.requests.clear()
        server.faults = plan
        faulted = crawl(server.url, db, "--refresh", check=False)
        faulted_requests = server.requests.snapshot()
        pending_after_fault = query(db, "select url, state, reason from pending")
        server.faults = None
        server.requests.clear()
        normal = crawl(server.url, db, check=False)
        normal_requests = server.requests.snapshot()
        after = {r["url"]: r for r in export_records(db)}
        expected = {e["url"]: e for e in site.expected_records(server.url)}
        base = server.url
    return {"db": db, "site": site, "plan": plan, "base": base, "first": first,
            "before": before, "faulted": faulted, "faulted_requests": faulted_requests,
            "pending_after_fault": pending_after_fault, "normal": normal,
            "normal_requests": normal_requests, "after": after, "expected": expected}


def test_the_faulted_run_says_what_happened(runs):
    result = runs["faulted"]
    assert "Traceback" not in result.stderr
    status, code = query(runs["db"], "select status, exit_code from crawl_runs where id = 2")[0]
    assert result.returncode == code
    assert (status, code) in {("ok", 0), ("fetch_errors", 4)}


def test_the_normal_run_after_it_is_ok(runs):
    assert runs["normal"].returncode == 0, runs["normal"].stderr
    assert query(runs["db"], "select status from crawl_runs where id = 3") == [("ok",)]


def test_every_article_stored_exactly_once_with_every_field_right(runs):
    urls = [u for (u,) in query(runs["db"], "select url from articles")]
    assert len(urls) == len(set(urls))
    assert set(runs["after"]) == set(runs["expected"])
    for url, want in runs["expected"].items():
        got = runs["after"][url]
        for key, value in want.items():
            assert got[key] == value, f"{url}: {key}"


def test_nothing_stored_before_was_lost_or_changed(runs):
    # body_html is the markup of the latest fetch (a faulted page's own markup, cleaned),
    # kept with its raw page; every field the record is made of stays as it was.
    def content(record):
        return {k: v for k, v in record.items() if k not in ("fetched_at", "body_html")}

    assert set(runs["before"]) <= set(runs["after"])
    for url, record in runs["before"].items():
        assert content(runs["after"][url]) == content(record), url
    assert query(runs["db"], "select count(*) from article_versions") == [(0,)]


def test_every_dropped_page_is_in_crawl_errors_with_its_url_and_kind(runs):
    errors = errors_of(runs["db"], 2)
    recorded = {(url, kind) for url, kind, _ in errors}
    faulted = {(r["method"], r["path"].split("?")[0], r["fault"])
               for r in runs["faulted_requests"] if r["fault"] in RECORDED_AS}
    assert {f for _, _, f in faulted} == set(RECORDED_AS)
    for method, path, fault in faulted:
        url = runs["base"] + path
        if fault == "redirect_home" and url in runs["before"]:
            continue  # a stored article that redirects home is marked gone, not an error
        assert (url, RECORDED_AS[fault]) in recorded, (method, path, fault)
    pagination = [m for url, kind, m in errors if kind == "pagination"]
    assert any("repeats articles of earlier pages" in m for m in pagination)


def test_articles_the_faulted_run_dropped_were_pending_then_stored(runs):
    pending = {url for url, state, _ in runs["pending_after_fault"] if state == "pending"}
    dropped = {runs["base"] + r["path"].split("?")[0] for r in runs["faulted_requests"]
               if r["fault"] in RECORDED_AS and r["method"] == "GET"
               and runs["site"].article_at(r["path"].split("?")[0]) is not None}
    assert dropped - set(runs["before"]) <= pending
    assert pending, "the faulted run left nothing pending"
    assert query(runs["db"], "select count(*) from pending where state = 'pending'") == [(0,)]
    asked = {runs["base"] + r["path"].split("?")[0] for r in runs["normal_requests"]}
    assert pending <= asked


def test_no_request_to_another_host_or_a_disallowed_path(runs):
    host = runs["base"].split("://", 1)[1]
    for request in runs["faulted_requests"] + runs["normal_requests"]:
        assert request["host"] == host, request
        assert not any(request["path"].startswith(p) for p in runs["site"].disallowed_paths())


def test_the_killed_walks_are_walked_again(runs):
    # the stale and the failing pagination made their listings' walks incomplete in the
    # faulted run; the normal run asked for their later pages again
    posts = [json.dumps(r["form"], sort_keys=True) for r in runs["normal_requests"]
             if r["method"] == "POST" and r["path"] == LOAD_ARTICLE_PATH]
    cats = runs["site"].categories
    for cat, page in ((cats[0], "2"), (cats[1], "2")):
        assert any(f'"article_category_id": "{cat.id}"' in p and f'"page": "{page}"' in p
                   for p in posts), cat.slug
