"""Half a page is never judged, and a withdrawal that was a passing fault is undone.

A connection closed mid-page with no Content-Length (HTTP/1.0's own way to end a body)
leaves nothing on the wire to say the page was cut.  The crawl knows it by what every page
of the site ends with, learnt from its start page: a listing cut so is an error of its
walk, an article cut so is recorded ``truncated`` and tried again, never ``not_an_article``.
An article the portal answered with a redirect home during a ``--refresh`` is marked gone,
and when it answers again on a later run it is no longer gone."""

from __future__ import annotations

from crawler.replica import build_site
from crawler.replica.faults import FaultPlan
from crawler.replica.server import ReplicaServer
from tests.conftest import export_records, govnews, query

FAST = ("--delay", "0", "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=5")


def crawl(url, db, *options):
    return govnews("crawl", url, "--db", str(db), *FAST, *options, check=False)


def test_pages_cut_short_without_a_length_are_retried_not_judged(tmp_path):
    db = tmp_path / "a.db"
    site = build_site()
    listing = site.listing_paths()[0]
    first_page = {site.article_path(a) for c in site.categories
                  for a in site.listing_page(c.slug, 1)}
    articles = sorted(first_page)[:3]
    plan = FaultPlan(assign={listing: "truncated_close",
                             **{p: "truncated_close" for p in articles}})
    with ReplicaServer(site, port=0) as server:
        server.faults = plan
        faulted = crawl(server.url, db)
        server.faults = None
        healed = crawl(server.url, db)
        base = server.url
        expected = {e["url"] for e in site.expected_records(server.url)}
    assert "Traceback" not in faulted.stderr
    errors = {(url, kind) for url, kind in query(db, "select url, kind from crawl_errors"
                                                     " where run_id = 1")}
    assert (base + listing, "truncated") in errors
    for path in articles:
        assert (base + path, "truncated") in errors
        assert (base + path, "not_an_article") not in errors
    assert not any(kind == "not_an_article" for _, kind in errors)
    # the cut listing's walk is not complete: the next run walks it in full
    walked = {u for (u,) in query(db, "select listing_url from listing_walks")}
    assert base + listing not in walked or healed.returncode == 0
    # nothing judged from half a page: no cut page is remembered as "other"
    others = {u for (u,) in query(db, "select url from pages where kind = 'other'")}
    assert not ({base + listing} | {base + p for p in articles}) & others
    assert healed.returncode == 0, healed.stderr[-2000:]
    stored = {r["url"] for r in export_records(db)}
    assert {base + p for p in articles} <= stored
    assert stored == expected


def test_a_page_without_end_tags_but_whole_is_read(tmp_path):
    db = tmp_path / "a.db"
    site = build_site()
    first_page = sorted({site.article_path(a) for c in site.categories
                         for a in site.listing_page(c.slug, 1)})
    plan = FaultPlan(assign={first_page[0]: "no_end_tags"})
    with ReplicaServer(site, port=0) as server:
        server.faults = plan
        result = crawl(server.url, db, "--max-pages", "1")
        url = server.url + first_page[0]
    assert result.returncode == 0, result.stderr
    assert url in {r["url"] for r in export_records(db)}


def test_an_article_that_redirected_home_and_answers_again_is_no_longer_gone(tmp_path):
    db = tmp_path / "a.db"
    site = build_site()
    # articles deep in their listings: an incremental walk stops before it meets them
    paths = sorted({site.article_path(a) for c in site.categories
                    for a in site.listing_page(c.slug, site.max_page(c.slug))})[:6]
    assert len(paths) == 6
    with ReplicaServer(site, port=0) as server:
        first = crawl(server.url, db)
        assert first.returncode == 0, first.stderr
        server.faults = FaultPlan(assign={p: "redirect_home" for p in paths})
        crawl(server.url, db, "--refresh")
        gone = {u for (u,) in query(db, "select url from articles where gone_at is not null")}
        assert gone == {server.url + p for p in paths}
        server.faults = None
        again = crawl(server.url, db)
        base = server.url
    assert again.returncode == 0, again.stderr
    still = query(db, "select url from articles where gone_at is not null")
    assert still == []
    stored = {r["url"] for r in export_records(db)}
    assert {base + p for p in paths} <= stored
