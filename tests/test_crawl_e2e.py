"""End to end: crawl the offline replica with the real CLI and compare every stored article
with the record the replica computes from its own source data."""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import urlsplit

import pytest

from crawler.replica import ReplicaServer
from tests.conftest import export_records, govnews

# Compared exactly; body is compared as text (line by line, whitespace-normalised).
EXACT_FIELDS = ("url", "site", "article_id", "title", "published_at", "author", "summary",
                "category", "related", "images", "attachments", "tags")
TABLES = ("articles", "related_links", "images", "attachments", "article_listings")


def row_counts(db):
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crawl")
    db = tmp / "archive.db"
    with ReplicaServer(port=0, log_path=tmp / "requests.jsonl") as server:
        first = govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        records = export_records(db)
        counts_after_first = row_counts(db)
        first_requests = list(server.requests)
        second = govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        counts_after_second = row_counts(db)
        yield {
            "server": server, "db": db, "records": records, "first": first, "second": second,
            "expected": server.site.expected_records(server.url),
            "counts": (counts_after_first, counts_after_second),
            "requests": first_requests,
            "all_requests": list(server.requests),
            "log_path": tmp / "requests.jsonl",
        }


def normalise_body(text):
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def test_every_article_stored_exactly_once(crawled):
    urls = [r["url"] for r in crawled["records"]]
    assert len(urls) == len(set(urls))
    assert sorted(urls) == sorted(e["url"] for e in crawled["expected"])
    assert len(urls) >= 60


def test_every_field_of_every_article(crawled):
    got = {r["url"]: r for r in crawled["records"]}
    problems = []
    for expected in crawled["expected"]:
        record = got.get(expected["url"])
        if record is None:
            problems.append(f"{expected['url']}: not stored")
            continue
        for field in EXACT_FIELDS:
            if field in expected and record[field] != expected[field]:
                problems.append(f"{expected['url']} {field}: expected {expected[field]!r}, "
                                f"got {record[field]!r}")
        if normalise_body(record["body"]) != normalise_body(expected["body"]):
            problems.append(f"{expected['url']} body differs:\n  expected {expected['body']!r}\n"
                            f"  got      {record['body']!r}")
    assert not problems, "\n".join(problems)


def test_no_non_article_page_is_stored(crawled):
    server = crawled["server"]
    stored_paths = {urlsplit(r["url"]).path for r in crawled["records"]}
    assert not stored_paths & set(server.site.non_article_paths())
    # ...although the crawl did look at them (they are linked from the home page).
    fetched = {urlsplit(r["path"]).path for r in crawled["requests"]}
    assert set(server.site.non_article_paths()) & fetched


def test_listings_were_paginated_through_the_post_endpoint(crawled):
    posts = [r for r in crawled["requests"] if r["method"] == "POST"]
    assert posts, "no LoadArticle POST was sent"
    assert all(r.get("status") == 200 for r in posts)
    pages = {(r["form"]["categoryIds"], r["form"]["page"]) for r in posts}
    assert len(pages) == len(posts), "a listing page was requested twice"


def test_each_article_fetched_once(crawled):
    gets = [urlsplit(r["path"]).path for r in crawled["requests"] if r["method"] == "GET"]
    article_paths = set(crawled["server"].site.article_paths())
    fetched_articles = [p for p in gets if p in article_paths]
    assert sorted(set(fetched_articles)) == sorted(article_paths)
    assert len(fetched_articles) == len(set(fetched_articles))


def test_robots_disallowed_paths_never_requested(crawled):
    disallowed = crawled["server"].site.disallowed_paths()
    assert disallowed
    logged = [json.loads(line) for line in crawled["log_path"].read_text().splitlines()]
    assert any(r["path"] == "/robots.txt" for r in logged)
    for entry in logged:
        assert not any(entry["path"].startswith(p) for p in disallowed), entry


def test_second_crawl_changes_no_row_count(crawled):
    first, second = crawled["counts"]
    assert first == second
    con = sqlite3.connect(crawled["db"])
    runs = con.execute("select status, articles_new, articles_updated, articles_unchanged "
                       "from crawl_runs order by id").fetchall()
    con.close()
    assert runs[0][:2] == ("ok", len(crawled["expected"]))
    assert runs[1][:3] == ("ok", 0, 0)


def test_stats_show_every_category(crawled):
    out = govnews("stats", "--db", str(crawled["db"]), "--format", "json").stdout
    data = json.loads(out)
    assert data["articles"] == len(crawled["expected"])
    expected_categories = {e["category"] for e in crawled["expected"]}
    assert {r["category"] for r in data["by_category"]} == expected_categories


@pytest.mark.parametrize("query", ["nguyen duc trung", "Nguyễn Đức Trung", "NGUYEN ĐUC TRUNG"])
def test_search_finds_every_article_about_a_person(crawled, query):
    name = "nguyễn đức trung"
    expected = {e["url"] for e in crawled["expected"]
                if any(name in (e[f] or "").lower() for f in ("title", "summary", "body", "author"))}
    assert len(expected) >= 5
    out = govnews("search", query, "--db", str(crawled["db"]), "--format", "json",
                  "--limit", "1000").stdout
    found = [r["url"] for r in json.loads(out)]
    assert len(found) == len(set(found))
    assert set(found) == expected
    # ranked: an article naming him in its title comes before one naming him only in the body
    titled = [u for u in found if name in next(e for e in crawled["expected"]
                                                  if e["url"] == u)["title"].lower()]
    assert titled and found[0] in titled


@pytest.mark.parametrize("query,spelling", [("Hòa Bình", "hoà bình"), ("Hoà Bình", "hòa bình")])
def test_search_ignores_tone_mark_style(crawled, query, spelling):
    out = govnews("search", query, "--db", str(crawled["db"]), "--format", "json",
                  "--limit", "1000").stdout
    texts = [" ".join(r["record"][f] or "" for f in ("title", "summary", "body", "author"))
             .lower() for r in json.loads(out)]
    assert any(spelling in t for t in texts)


class _PagerGone:
    """The replica with its LoadArticle pager answering 404: only page 1 of each listing
    can be read (as on a site whose pager only posts back)."""

    def __init__(self, site):
        self._site = site

    def __getattr__(self, name):
        return getattr(self._site, name)

    def respond(self, method, target, body, headers, base):
        if method == "POST":
            from crawler.replica.render import Response

            return Response(404, b"<html><body>Not Found</body></html>")
        return self._site.respond(method, target, body, headers, base)


def test_articles_only_named_as_related_are_reached_through_the_related_block(tmp_path):
    from crawler.replica import build_site

    db = tmp_path / "a.db"
    site = build_site()
    with ReplicaServer(_PagerGone(site), port=0) as server:
        govnews("crawl", server.url, "--db", str(db), "--delay", "0", check=False)
        home = site.respond("GET", "/", b"", {}, server.url).body.decode("utf-8")
    records = {r["url"]: r for r in export_records(db)}
    with sqlite3.connect(db) as conn:
        listed = {u for (u,) in conn.execute("select article_url from article_listings")}
    # Every article a stored article names as related is stored too ...
    named = {link["url"] for r in records.values() for link in r["related"]}
    assert named and named <= set(records)
    # ... some of them shown by no listing page the crawl could read, nor by the home page.
    only_related = {u for u in named - listed if urlsplit(u).path not in home}
    assert only_related, "every related article was listed anyway: the test proves nothing"
