"""Answers that are not the page they claim to be, on article links of the replica: a PDF
(Scrapy takes application/pdf for text), an Office file sent as text/html, a body whose gzip
is broken, and a deflate body that decompresses past DOWNLOAD_MAXSIZE (Scrapy drops it as
it drops a request on purpose).  Each is recorded with its URL under its own kind, none is
taken for a page cut short, and every other article is archived.  And a robots.txt that
disallows every page: the site is failing, for that reason, not for "no page answered".
And a gateway's cookie check (a redirect to the same page, setting a cookie): passed once,
as a browser passes it; a loop when it never lets through.  And a gateway's JavaScript
check instead of the site's pages (200, 403 or 503), or a login form every address
redirects to: the site is failing, and says so."""

from __future__ import annotations

import gzip
import sqlite3
import zlib

import pytest

from crawler.replica import ReplicaServer, build_site
from crawler.replica.render import Response
from tests.conftest import export_records, govnews
from tests.test_bad_input import FaultySite

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
OLE = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)  # a Word 97-2003 file's header


class OddSite(FaultySite):
    """The replica, with some article paths answering with what ``faults`` names."""

    def respond(self, method, target, body, headers, base):
        response = self._site.respond(method, target, body, headers, base)
        odd = self.faults.get(target.split("?", 1)[0])
        if odd == "pdf":
            return Response(200, PDF, "application/pdf")
        if odd == "word":
            return Response(200, OLE, "text/html; charset=utf-8")
        if odd == "bad_gzip":
            return Response(200, b"\x1f\x8b\x08" + bytes(40), response.content_type,
                            {"Content-Encoding": "gzip"})
        if odd == "bomb":  # 48 KB on the wire, 21 MB decompressed
            return Response(200, zlib.compress(b" " * (21 * 1024 * 1024), 9),
                            response.content_type, {"Content-Encoding": "deflate"})
        if odd == "gzip":  # well formed: read as any page
            return Response(200, gzip.compress(response.body), response.content_type,
                            {"Content-Encoding": "gzip"})
        if odd == "plain_gzip":  # labelled gzip, sent plain
            return Response(200, response.body, response.content_type, {"Content-Encoding": "gzip"})
        return response


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("odd") / "a.db"
    site = build_site()
    paths = site.article_paths()
    odd = {paths[1]: "pdf", paths[2]: "word", paths[3]: "bad_gzip", paths[4]: "bomb",
           paths[5]: "gzip"}
    with ReplicaServer(OddSite(site, odd), port=0, conditional=False) as server:
        result = govnews("crawl", server.url, "--db", str(db), "--delay", "0", check=False)
        expected = {e["url"]: e for e in site.expected_records(server.url)}
        url = server.url
    con = sqlite3.connect(db)
    errors = con.execute("select url, kind, message from crawl_errors").fetchall()
    fetched = {u for (u,) in con.execute("select url from fetches where status = 200")}
    con.close()
    return {"result": result, "errors": errors, "fetched": fetched, "expected": expected,
            "records": {r["url"]: r for r in export_records(db)},
            "odd": {url + p: kind for p, kind in odd.items()}}


def errors_of(crawled, kind):
    url = next(u for u, k in crawled["odd"].items() if k == kind)
    return url, [(k, m) for u, k, m in crawled["errors"] if u == url]


@pytest.mark.parametrize("kind, label", [("pdf", "PDF file, sent as application/pdf"),
                                         ("word", "OLE file, sent as text/html; charset=utf-8")])
def test_a_file_where_a_page_was_linked_is_said_so_and_kept(crawled, kind, label):
    url, errors = errors_of(crawled, kind)
    assert errors == [("not_a_page", f"the answer is not a web page but a file ({label}): "
                                     "kept as fetched, nothing read from it")]
    assert url in crawled["fetched"]  # the raw answer is in the archive
    assert url not in crawled["records"]


def test_a_body_that_does_not_decompress_is_recorded(crawled):
    _, errors = errors_of(crawled, "bad_gzip")
    assert [k for k, _ in errors] == ["bad_compression"]
    assert "does not decompress as its Content-Encoding says" in errors[0][1]


def test_a_body_decompressing_past_the_size_limit_is_recorded_not_dropped(crawled):
    _, errors = errors_of(crawled, "bomb")
    assert [k for k, _ in errors] == ["too_large"]
    assert "decompressed, is larger than DOWNLOAD_MAXSIZE" in errors[0][1]


def test_every_other_article_is_archived_and_the_run_lists_the_rest(crawled):
    gzipped = next(u for u, k in crawled["odd"].items() if k == "gzip")
    assert crawled["records"][gzipped]["title"] == crawled["expected"][gzipped]["title"]
    failed = {u for u, k in crawled["odd"].items() if k != "gzip"}
    assert set(crawled["records"]) == set(crawled["expected"]) - failed
    assert {u for u, _, _ in crawled["errors"]} == failed
    # The run archived the site: it is "ok", and names each failure with its URL.
    assert crawled["result"].returncode == 0, crawled["result"].stderr[-2000:]
    assert "Traceback" not in crawled["result"].stderr
    for url in failed:
        assert url in crawled["result"].stderr


class ClosedSite(FaultySite):
    """The replica behind a robots.txt that disallows every page."""

    def respond(self, method, target, body, headers, base):
        if target == "/robots.txt":
            return Response(200, b"User-agent: *\nDisallow: /\n", "text/plain")
        return self._site.respond(method, target, body, headers, base)


def test_a_site_whose_robots_txt_disallows_every_page_is_failing_and_says_why(tmp_path):
    from crawler.pipelines import EXIT_FETCH_ERRORS

    with ReplicaServer(ClosedSite(build_site(), {}), port=0) as server:
        result = govnews("crawl", server.url, "--db", str(tmp_path / "a.db"), "--delay", "0",
                         check=False)
        asked = [r["path"] for r in server.requests]
        host = server.url.split("//")[1]
    assert asked == ["/robots.txt"]
    assert result.returncode == EXIT_FETCH_ERRORS, result.stderr[-2000:]
    assert (f"could not fetch any page of {server.url}/: robots.txt of {host} disallows "
            f"{server.url}/; govnews obeys it") in result.stderr


class CookieCheckSite(FaultySite):
    """The replica behind a gateway that answers a request without its cookie with a
    redirect to the same address, setting it (``faults``: "stubborn" sets it and asks
    again for ever)."""

    def respond(self, method, target, body, headers, base):
        cookie = {k.lower(): v for k, v in headers.items()}.get("cookie", "")
        if target != "/robots.txt" and ("gate=passed" not in cookie or self.faults):
            return Response(302, b"", headers={"Location": target,
                                                "Set-Cookie": "gate=passed; Path=/"})
        return self._site.respond(method, target, body, headers, base)


@pytest.mark.parametrize("stubborn", [False, True])
def test_a_cookie_check_redirecting_to_the_same_page_is_passed_once(tmp_path, stubborn):
    site = build_site()
    db = tmp_path / "a.db"
    with ReplicaServer(CookieCheckSite(site, {"stubborn": True} if stubborn else {}),
                       port=0, conditional=False) as server:
        result = govnews("crawl", server.url, "--db", str(db), "--delay", "0", check=False)
        expected = {e["url"] for e in site.expected_records(server.url)}
    con = sqlite3.connect(db)
    kinds = {k for (k,) in con.execute("select kind from crawl_errors")}
    con.close()
    if stubborn:  # a gateway that never lets through is a loop, said so
        assert "redirect_loop" in kinds and "redirects in a loop" in result.stderr
        assert export_records(db) == []
    else:
        assert {r["url"] for r in export_records(db)} == expected
        assert "redirect_loop" not in kinds, result.stderr[-2000:]


CHALLENGE = (b'<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>'
             b'<body><noscript>Enable JavaScript and cookies to continue</noscript><script>'
             b'window._cf_chl_opt={cvId: "3"};</script><script src="/cdn-cgi/challenge-platform/'
             b'h/g/orchestrate/chl_page/v1"></script></body></html>')


class GatedSite(FaultySite):
    """The replica behind an anti-bot gateway's JavaScript check, answered with the status
    ``faults["status"]``."""

    def respond(self, method, target, body, headers, base):
        if target == "/robots.txt":
            return self._site.respond(method, target, body, headers, base)
        return Response(self.faults["status"], CHALLENGE)


@pytest.mark.parametrize("status", [200, 403, 503])
def test_a_site_behind_a_browser_check_is_failing_and_says_so(tmp_path, status):
    with ReplicaServer(GatedSite(build_site(), {"status": status}), port=0) as server:
        result = govnews("crawl", server.url, "--db", str(tmp_path / "a.db"), "--delay", "0",
                         "-s", "RETRY_TIMES=0", check=False)
    assert result.returncode != 0
    failing = [line for line in result.stderr.splitlines() if line.startswith("ERROR: ")]
    assert len(failing) == 1 and "Cloudflare's browser check" in failing[0], result.stderr
    assert "govnews runs no JavaScript" in failing[0]


LOGIN = ('<html><head><meta charset="utf-8"><title>Đăng nhập hệ thống</title></head><body>'
         '<form method="post"><input name="user"><input type="password" name="pass">'
         '<button>Đăng nhập</button></form></body></html>').encode()


class LoginSite(FaultySite):
    """A subsite that sends every visitor to its login form (an office's document system)."""

    def respond(self, method, target, body, headers, base):
        if target == "/robots.txt":
            return self._site.respond(method, target, body, headers, base)
        if target.startswith("/dang-nhap"):
            return Response(200, LOGIN)
        return Response(302, b"", headers={"Location": "/dang-nhap?ReturnUrl=" + target})


def test_a_site_that_sends_everyone_to_a_login_form_is_failing_and_says_so(tmp_path):
    with ReplicaServer(LoginSite(build_site(), {}), port=0) as server:
        result = govnews("crawl", server.url, "--db", str(tmp_path / "a.db"), "--delay", "0",
                         check=False)
        host = server.url.split("//")[1]
    assert result.returncode != 0
    failing = [line for line in result.stderr.splitlines() if line.startswith("ERROR: ")]
    assert failing == [f"ERROR: {host} answers with a login form ({server.url}/dang-nhap?"
                       "ReturnUrl=/), not with public pages: govnews archives what anyone can "
                       "read"], result.stderr


def test_a_page_labelled_gzip_but_sent_plain_is_read_as_it_is_and_said(tmp_path):
    """A server that labels its pages "Content-Encoding: gzip" and sends them as they are:
    the bytes are plain HTML, no gzip stream cut short, so the page is archived, the run
    is ok, and the label is recorded with the page's address."""
    site = build_site()
    path = site.article_paths()[2]
    with ReplicaServer(OddSite(site, {path: "plain_gzip"}), port=0, conditional=False) as server:
        result = govnews("crawl", server.url, "--db", str(tmp_path / "a.db"), "--delay", "0",
                         check=False)
        expected = {e["url"]: e for e in site.expected_records(server.url)}
        url = server.url + path
    assert result.returncode == 0, result.stderr[-2000:]
    titles = {r["url"]: r["title"] for r in export_records(tmp_path / "a.db")}
    assert titles.get(url) == expected[url]["title"]
    con = sqlite3.connect(tmp_path / "a.db")
    errors = con.execute("select kind, message from crawl_errors where url = ?", [url]).fetchall()
    con.close()
    assert [k for k, _ in errors] == ["encoding_mismatch"] and "sends it plain" in errors[0][1]
