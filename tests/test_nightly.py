"""The archive's life as a nightly cron job: incremental runs, one crawl per database,
crash safety, run records and the parser-health alarm."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from crawler.replica import ReplicaServer, build_site, new_articles
from tests.conftest import ROOT, export_records, govnews, query

EXIT_RUNNING, EXIT_DEGRADED = 3, 5


def crawl_cmd(url, db, *options):
    return [sys.executable, "-m", "archive.cli", "crawl", url, "--db", str(db), "--no-files",
            "--delay", "0", *options]


def env():
    return dict(os.environ, PYTHONPATH=str(ROOT))


def listing_requests(requests, site):
    listing_paths = set(site.listing_paths())
    return [r for r in requests
            if r["method"] == "POST" or urlsplit(r["path"]).path in listing_paths]


@pytest.fixture(scope="module")
def nightly(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nightly")
    db = tmp / "a.db"
    base = build_site()
    categories = [c.slug for c in base.categories][:2]
    added = new_articles(8, categories)
    with ReplicaServer(base, port=0) as server:
        started = time.perf_counter()
        first = govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        first_time = time.perf_counter() - started
        first_requests = list(server.requests)
        server.site = build_site(add=added)
        server.requests.clear()
        started = time.perf_counter()
        second = subprocess.run(crawl_cmd(server.url, db), capture_output=True, text=True,
                                env=env(), cwd=ROOT)
        second_time = time.perf_counter() - started
        second_requests = list(server.requests)
        site = server.site
        expected = {e["url"]: e for e in site.expected_records(server.url)}
        url = server.url
    return {"db": db, "first": first, "second": second, "first_requests": first_requests,
            "second_requests": second_requests, "site": site, "added": added,
            "expected": expected, "url": url, "times": (first_time, second_time)}


def test_incremental_run_stores_exactly_the_new_articles(nightly):
    assert nightly["second"].returncode == 0, nightly["second"].stderr
    records = {r["url"]: r for r in export_records(nightly["db"])}
    new_urls = {u for u in nightly["expected"] if u.rsplit("-", 1)[1] in
                {a["id"] for a in nightly["added"]}}
    assert len(new_urls) == 8
    assert set(records) == set(nightly["expected"])
    run = query(nightly["db"], "select articles_new, articles_updated, status, exit_code"
                " from crawl_runs order by id desc limit 1")[0]
    assert run == (8, 0, "ok", 0)
    for url in new_urls:
        assert records[url]["title"] == nightly["expected"][url]["title"]


def test_incremental_run_fetches_only_needed_listings_and_the_new_articles(nightly):
    requests = nightly["second_requests"]
    site = nightly["site"]
    article_paths = set(site.article_paths())
    fetched_articles = {urlsplit(r["path"]).path for r in requests
                        if urlsplit(r["path"]).path in article_paths}
    new_paths = {urlsplit(u).path for u in nightly["expected"]
                 if u.rsplit("-", 1)[1] in {a["id"] for a in nightly["added"]}}
    assert fetched_articles == new_paths
    # nothing else but robots.txt, the home page and listing pages
    others = [r["path"] for r in requests
              if urlsplit(r["path"]).path not in article_paths | {"/", "/robots.txt"}
              and r not in listing_requests(requests, site)]
    assert others == []
    # far fewer listing pages than a full walk
    assert len(listing_requests(requests, site)) < len(
        listing_requests(nightly["first_requests"], site))


def test_incremental_run_is_cheaper(nightly):
    assert len(nightly["second_requests"]) < len(nightly["first_requests"]) / 3


def test_two_crawls_at_once_one_works_the_other_says_why(tmp_path):
    db = tmp_path / "a.db"
    # Each answer slowed enough that the first crawl is still running when the second,
    # started after its first request, has imported itself, on a busy machine too.
    with ReplicaServer(build_site(), port=0, delay=0.25) as server:
        first = subprocess.Popen(crawl_cmd(server.url, db), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env(), cwd=ROOT)
        # wait until the first holds the lock and is fetching
        deadline = time.monotonic() + 30
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        second = subprocess.run(crawl_cmd(server.url, db), capture_output=True, text=True,
                                env=env(), cwd=ROOT)
        out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == EXIT_RUNNING
    assert "another crawl is running" in second.stderr
    assert f"pid {first.pid}" in second.stderr
    assert "started 20" in second.stderr
    assert query(db, "select count(*) from crawl_runs") == [(1,)]


# Ten moments: at start-up, then one drawn from a fixed seed in each ninth of the 76
# requests of a whole crawl of the replica (listings, pagination POSTs, articles, the end).
_SEED = random.Random(20261201)
KILL_POINTS = [0, *(_SEED.randrange(1 + 8 * i, 9 + 8 * i) for i in range(9))]


@pytest.mark.parametrize("after_requests", KILL_POINTS)
def test_kill_9_at_any_moment_loses_nothing(tmp_path, after_requests):
    """Killed at start-up and at seeded points (counted in requests the replica has
    answered, so they do not depend on speed); the run after stores every article once,
    exits 0 (no false health alarm from judging it against a half-crawled archive), and
    the killed run's row keeps the counts of what it had committed."""
    db = tmp_path / "a.db"
    site = build_site()
    with ReplicaServer(site, port=0, delay=0.05) as server:
        victim = subprocess.Popen(crawl_cmd(server.url, db), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env=env(), cwd=ROOT)
        deadline = time.monotonic() + 120
        while (len(server.requests) < after_requests and victim.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.01)
        if after_requests == 0:
            time.sleep(0.3)  # mid start-up: archive opened, nothing fetched yet
        victim.send_signal(signal.SIGKILL)
        assert victim.wait() == -signal.SIGKILL, "the crawl ended before it could be killed"
        if db.exists():
            assert query(db, "pragma integrity_check") == [("ok",)]
        server.delay = 0
        again = govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        expected = site.expected_records(server.url)
    assert query(db, "pragma integrity_check") == [("ok",)]
    urls = [r[0] for r in query(db, "select url from articles")]
    assert len(urls) == len(set(urls))
    assert sorted(urls) == sorted(e["url"] for e in expected)
    statuses = [r[0] for r in query(db, "select status from crawl_runs order by id")]
    assert statuses[-1] == "ok"
    assert set(statuses[:-1]) <= {"crashed"}
    assert "took over the lock" in again.stderr or not statuses[:-1]
    if statuses[:-1]:
        # the killed run's row counts exactly the articles it committed
        killed_new = query(db, "select articles_new from crawl_runs where id = 1")[0][0]
        last_new = query(db, "select articles_new from crawl_runs order by id desc limit 1")[0][0]
        assert killed_new + last_new == len(expected)


def test_changed_template_trips_the_health_alarm(tmp_path):
    db = tmp_path / "a.db"
    with ReplicaServer(build_site(), port=0) as server:
        govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        server.site = build_site(layout="moved")
        # vnportal/2 reads the portal's later template; without it, the template is one
        # no parser knows, as the next change will be.
        result = subprocess.run(crawl_cmd(server.url, db, "-s",
                                          "GOVNEWS_DISABLED_LAYOUTS=vnportal/2"),
                                capture_output=True, text=True, env=env(), cwd=ROOT)
    assert result.returncode == EXIT_DEGRADED, result.stderr
    assert "published_at missing" in result.stderr
    assert "author missing" in result.stderr
    assert "layout seems to have changed" in result.stderr
    run = query(db, "select status, exit_code, health from crawl_runs order by id desc limit 1")[0]
    assert run[:2] == ("degraded", EXIT_DEGRADED)
    health = json.loads(run[2])
    broken = {f for s in health["sites"] for f in s["degraded_fields"]}
    assert broken == {"published_at", "author"}


def test_unchanged_site_is_healthy_and_quiet(tmp_path):
    db = tmp_path / "a.db"
    with ReplicaServer(build_site(), port=0) as server:
        govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        result = subprocess.run(crawl_cmd(server.url, db, "--quiet"), capture_output=True,
                                text=True, env=env(), cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""


def test_interrupted_crawl_resumes_where_it_stopped(tmp_path):
    db = tmp_path / "a.db"
    site = build_site()
    with ReplicaServer(site, port=0, delay=0.12) as server:
        first = subprocess.Popen(crawl_cmd(server.url, db, "--resume"), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env(), cwd=ROOT)
        deadline = time.monotonic() + 60
        while len(server.requests) < 20 and time.monotonic() < deadline:  # into the articles
            time.sleep(0.05)
        first.send_signal(signal.SIGINT)
        _, err = first.communicate(timeout=120)
        assert first.returncode == 6, err  # interrupted
        assert "interrupted" in err
        assert (tmp_path / "a.db.job" / "requests.queue").exists()
        before = len(server.requests)
        server.delay = 0
        again = subprocess.run(crawl_cmd(server.url, db, "--resume"), capture_output=True,
                               text=True, env=env(), cwd=ROOT)
        resumed = server.requests[before:]
        expected = site.expected_records(server.url)
    assert again.returncode == 0, again.stderr
    urls = [r[0] for r in query(db, "select url from articles")]
    assert sorted(urls) == sorted(e["url"] for e in expected)
    # the resumed run fetched only what the first had not: no article twice
    first_paths = {r["path"] for r in server.requests[:before] if r["method"] == "GET"}
    assert not {r["path"] for r in resumed if r["method"] == "GET"
                and r["path"] in set(site.article_paths())} & first_paths
    assert not (tmp_path / "a.db.job").exists()  # finished: nothing left to resume


def test_too_many_fetch_errors_exit_4(tmp_path):
    db = tmp_path / "a.db"

    class Failing:
        def __init__(self, site):
            self._site = site

        def __getattr__(self, name):
            return getattr(self._site, name)

        def respond(self, method, target, body, headers, base):
            from crawler.replica.render import Response

            if target.split("?")[0] in self._site.article_paths():
                return Response(503, b"<html><body>Service Unavailable</body></html>")
            return self._site.respond(method, target, body, headers, base)

    with ReplicaServer(Failing(build_site()), port=0) as server:
        result = subprocess.run(
            crawl_cmd(server.url, db, "-s", "RETRY_TIMES=0"), capture_output=True, text=True,
            env=env(), cwd=ROOT)
    assert result.returncode == 4, result.stderr
    assert "fetch_errors" in result.stderr and "http_503" in result.stderr
    assert query(db, "select status, exit_code from crawl_runs") == [("fetch_errors", 4)]


def test_progress_lines_and_full_log_file(tmp_path):
    db, log = tmp_path / "a.db", tmp_path / "crawl.log"
    with ReplicaServer(build_site(), port=0, delay=0.05) as server:
        result = subprocess.run(
            crawl_cmd(server.url, db, "--log-file", str(log), "-s", "GOVNEWS_PROGRESS=1",
                      "-s", "GOVNEWS_PROGRESS_INTERVAL=0.5"),
            capture_output=True, text=True, env=env(), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    progress = [line for line in result.stderr.splitlines() if " pages (" in line]
    assert progress, result.stderr
    assert "articles" in progress[-1] and "errors" in progress[-1]
    assert result.stderr.rstrip().splitlines()[-1].startswith("run 1 (incremental): ok")
    text = log.read_text(encoding="utf-8")
    assert "Spider closed (finished)" in text and " INFO: " in text
    # the console shows no INFO lines by default; the file has them all
    assert "INFO:" not in result.stderr


def test_nightly_run_notices_recent_edits_and_withdrawals(tmp_path):
    """Without --full or --refresh: an article whose listing shows a new title is fetched
    again (both versions kept); a recent article that vanished from its listing is checked
    and marked gone, keeping its content."""
    db = tmp_path / "a.db"
    site = build_site()
    slug = site.categories[0].slug
    newest = [a.id for a in site.listing_page(slug, 1)]
    edited_id, removed_id = newest[1], newest[3]
    with ReplicaServer(site, port=0) as server:
        govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        before = {r["url"]: r for r in export_records(db)}
        server.site = build_site(edit={edited_id: {"title": "Tiêu đề đã được sửa lại sau khi đăng"}},
                                 remove=[removed_id])
        server.requests.clear()
        result = subprocess.run(crawl_cmd(server.url, db), capture_output=True, text=True,
                                env=env(), cwd=ROOT)
        after = {r["url"]: r for r in export_records(db)}
        fetched = [r["path"] for r in server.requests if r["method"] == "GET"]
    assert result.returncode == 0, result.stderr
    # the portal's URLs carry the title: the edited article moved to a new URL with the
    # same id, and is still one article
    edited = [u for u in after if u.endswith(f"-{edited_id}")]
    assert len(edited) == 1
    edited_url, old_url = edited[0], next(u for u in before if u.endswith(f"-{edited_id}"))
    assert edited_url != old_url
    removed_url = next(u for u in before if u.endswith(removed_id))
    assert after[edited_url]["title"] == "Tiêu đề đã được sửa lại sau khi đăng"
    versions = query(db, "select record from article_versions where url = ?", edited_url)
    assert [json.loads(v[0])["title"] for v in versions] == [before[old_url]["title"]]
    assert len(after) == len(before)
    assert query(db, "select gone_reason from articles where url = ?", removed_url) == [
        ("http_404",)]
    assert after[removed_url]["body"] == before[removed_url]["body"]
    # and still no full walk: far fewer requests than articles
    assert len(fetched) < len(before) / 2


def test_a_site_whose_listings_show_far_fewer_articles_raises_the_alarm(tmp_path):
    """Three full runs each list every article; then the listings show a fifth of them
    (a listing template nothing reads any more looks the same to the archive): the run is
    degraded and says how many the listings showed against their usual number."""
    db = tmp_path / "a.db"
    site = build_site()
    ids = sorted(a.id for a in site.articles.values())
    with ReplicaServer(site, port=0) as server:
        for _ in range(3):
            govnews("crawl", server.url, "--db", str(db), "--delay", "0", "--full")
        server.site = build_site(remove=ids[: len(ids) * 4 // 5])
        result = govnews("crawl", server.url, "--db", str(db), "--delay", "0", "--full",
                         check=False)
    listed = [n for (n,) in query(db, "select listed from site_runs order by run_id")]
    assert listed[:3] == [len(ids)] * 3 and listed[3] < len(ids) // 4
    assert result.returncode == 5, result.stderr
    assert f"its listings showed {listed[3]} articles, against a median of {len(ids)}" \
        in result.stderr
    status = query(db, "select status from crawl_runs order by id desc limit 1")
    assert status == [("degraded",)]
