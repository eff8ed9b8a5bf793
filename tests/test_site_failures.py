"""Start sites of which no page can be fetched make the run exit 4, naming the site and
the reason (refused, DNS, 5xx, resets, robots.txt 5xx), and never fetch a path robots.txt
could be hiding; a dead site beside a live one does not stop the live one."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from crawler.replica import ReplicaServer, build_site
from crawler.replica.faults import FaultPlan
from tests.conftest import govnews, query

FAST = ("--delay", "0", "-s", "RETRY_TIMES=1", "-s", "GOVNEWS_RETRY_BACKOFF_BASE=0",
        "-s", "DOWNLOAD_TIMEOUT=3")
RESOLVER = ("-s", "TWISTED_DNS_RESOLVER=crawler.replica.dns.LoopbackResolver")


def crawl(*sites, db, extra=()):
    return govnews("crawl", *sites, "--db", str(db), *FAST, *extra, check=False)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends


def assert_site_failed(result, db, site, *reason_words, opening="could not fetch any page of"):
    assert result.returncode == 4, result.stderr
    assert "Traceback" not in result.stderr
    line = next((x for x in result.stderr.splitlines()
                 if x.strip().startswith(opening)), None)
    assert line is not None, result.stderr
    assert site in line
    for word in reason_words:
        assert word in line, line
    status = query(db, "select status, exit_code from crawl_runs order by id desc limit 1")
    assert status == [("fetch_errors", 4)]


def test_closed_port(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}"
    result = crawl(url, db=tmp_path / "a.db")
    assert_site_failed(result, tmp_path / "a.db", url, "refused")


def test_dns_failure(tmp_path):
    result = crawl("http://portal.invalid", db=tmp_path / "a.db", extra=RESOLVER)
    assert_site_failed(result, tmp_path / "a.db", "http://portal.invalid", "DNS")


@pytest.mark.parametrize("fault, words", [("all_500", ("HTTP 500",)),
                                          ("all_reset", ("reset",)),
                                          ("robots_503", ("robots.txt", "503"))])
def test_a_failing_site(tmp_path, fault, words):
    with ReplicaServer(build_site(), faults=FaultPlan(site_faults=(fault,))) as server:
        result = crawl(server.url, db=tmp_path / "a.db")
        paths = {r["path"] for r in server.requests}
    assert_site_failed(result, tmp_path / "a.db", server.url, *words)
    if fault == "robots_503":
        # robots.txt could not be read: disallow everything, so nothing else was asked
        assert paths == {"/robots.txt"}
    assert query(tmp_path / "a.db", "select count(*) from articles") == [(0,)]


def test_a_dead_site_beside_a_live_one(tmp_path):
    dead = f"http://127.0.0.1:{closed_port()}"
    site = build_site()
    with ReplicaServer(site) as server:
        result = crawl(server.url, dead, db=tmp_path / "a.db")
        expected = site.expected_records(server.url)
    assert_site_failed(result, tmp_path / "a.db", dead, "refused")
    stored = query(tmp_path / "a.db", "select count(*) from articles")[0][0]
    assert stored == len(expected)


class _Parked(http.server.BaseHTTPRequestHandler):
    """A parked domain: one page, no links, robots.txt absent."""

    def do_GET(self):  # noqa: N802
        body = "<html><body><h1>Tên miền đang chờ</h1><p>Trang này chưa có nội dung.</p>"
        data = body.encode("utf-8")
        self.send_response(404 if self.path == "/robots.txt" else 200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_a_site_with_no_article_on_it_is_not_ok(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Parked)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = crawl(url, db=tmp_path / "a.db")
    finally:
        server.shutdown()
        server.server_close()
    host = url.split("://")[1]
    assert_site_failed(result, tmp_path / "a.db", host, "its pages match no known layout",
                       f"govnews probe {url}/", opening=f"found no listing and no article on {host}")
