"""Archiving linked files under every condition a file host puts a crawler in: files
skipped then fetched, a size cap, a byte budget, a host that fails or answers a "not
found" page with 200, and a robots.txt that keeps files out.

One subsite of the family replica (vhttdl.nghean.gov.vn, whose pages link images and
documents on datafiles.nghean.gov.vn), crawled through the family proxy; faults are put
on the file host by wrapping its answers."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.replica.family import DATAFILES_HOST, FamilyProxy, build_family
from crawler.replica.render import Response
from tests.conftest import family_crawl, query

SITE = "http://vhttdl.nghean.gov.vn"


def linked_files(family) -> dict[str, dict]:
    urls = {i["url"] for r in family.expected_records("vhttdl.nghean.gov.vn")
            for i in r["images"] + r["attachments"]}
    return {u: f for u, f in family.expected_files().items() if u in urls}


def states(db) -> dict[str, str]:
    return dict(query(db, "select url, state from files"))


def file_requests(proxy, since: int = 0) -> list[dict]:
    return [r for r in list(proxy.requests)[since:] if r["host"] == DATAFILES_HOST
            and r["path"] != "/robots.txt"]


@pytest.fixture
def family():
    return build_family()


def wrap(family, answer):
    """Make the file host answer ``answer(path)`` where it returns a Response."""
    host = family.sites[DATAFILES_HOST]
    original = host.respond

    def respond(method, target, body, headers):
        return answer(target.split("?", 1)[0]) or original(method, target, body, headers)

    host.respond = respond
    return original


def test_no_files_leaves_them_pending_and_the_next_run_fetches_each_once(family, tmp_path):
    db = tmp_path / "a.db"
    files = linked_files(family)
    with FamilyProxy(family, port=0) as proxy:
        first = family_crawl(proxy, db, SITE, "--no-files")
        assert first.returncode == 0, first.stderr[-2000:]
        assert file_requests(proxy) == []
        assert set(states(db).values()) == {"pending"}
        assert set(states(db)) == set(files)
        before = len(proxy.requests)
        second = family_crawl(proxy, db, SITE)
        assert second.returncode == 0, second.stderr[-2000:]
        asked = [f"http://{r['host']}{r['path']}" for r in file_requests(proxy, before)]
    assert sorted(asked) == sorted(files)
    got = dict(query(db, "select url, sha256 from files where state = 'archived'"))
    assert got == {u: f["sha256"] for u, f in files.items()}


def test_a_size_cap_a_failing_file_and_a_not_found_page(family, tmp_path):
    db = tmp_path / "a.db"
    files = linked_files(family)
    big = {u for u, f in files.items() if f["bytes"] > 100_000}
    small = sorted(u for u in files if u not in big and u.endswith(".jpg"))
    failing, soft404 = urlsplit(small[0]).path, urlsplit(small[1]).path
    assert big

    def answer(path):
        if path == failing:
            return Response(503, b"<h1>Service Unavailable</h1>", "text/html")
        if path == soft404:
            return Response(200, b"<html><body>File not found</body></html>", "text/html")
        return None

    original = wrap(family, answer)
    with FamilyProxy(family, port=0) as proxy:
        first = family_crawl(proxy, db, SITE, "-s", "GOVNEWS_FILE_MAX_BYTES=100000")
        # the articles are all stored: the files' faults are the files' own
        assert query(db, "select count(*) from articles")[0][0] == len(
            family.expected_records("vhttdl.nghean.gov.vn"))
        st = states(db)
        assert {st[u] for u in big} == {"too_large"}
        assert st[f"http://{DATAFILES_HOST}{failing}"] == "failed"
        assert st[f"http://{DATAFILES_HOST}{soft404}"] == "failed"
        kinds = dict(query(db, "select url, kind from crawl_errors where run_id = 1"))
        assert kinds[f"http://{DATAFILES_HOST}{failing}"] == "http_503"
        assert kinds[f"http://{DATAFILES_HOST}{soft404}"] == "not_a_file"
        assert all(kinds[u] == "too_large" for u in big)
        assert "Traceback" not in first.stderr
        # the host recovers and the cap is the default again: the next run gets them all
        family.sites[DATAFILES_HOST].respond = original
        second = family_crawl(proxy, db, SITE)
    assert second.returncode == 0, second.stderr[-2000:]
    got = dict(query(db, "select url, sha256 from files where state = 'archived'"))
    assert got == {u: f["sha256"] for u, f in files.items()}


def test_a_byte_budget_leaves_the_rest_for_the_next_run(family, tmp_path):
    db = tmp_path / "a.db"
    files = linked_files(family)
    with FamilyProxy(family, port=0) as proxy:
        first = family_crawl(proxy, db, SITE, "-s", "GOVNEWS_FILE_BUDGET_BYTES=1",
                             "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
        assert first.returncode == 0, first.stderr[-2000:]
        archived = [u for u, s in states(db).items() if s == "archived"]
        assert 0 < len(archived) < len(files)
        assert "file budget" in first.stderr
        family_crawl(proxy, db, SITE)
    assert {u for u, s in states(db).items() if s == "archived"} == set(files)


def test_a_file_hosts_robots_txt_is_obeyed(family, tmp_path):
    db = tmp_path / "a.db"
    files = linked_files(family)
    kept_out = {u for u in files if "/vanban/" in u}
    assert kept_out

    def answer(path):
        if path == "/robots.txt":
            return Response(200, b"User-agent: *\nDisallow: /nan-ubnd/2962/vanban/\n",
                            "text/plain")
        return None

    wrap(family, answer)
    with FamilyProxy(family, port=0) as proxy:
        run = family_crawl(proxy, db, SITE)
        asked = {f"http://{r['host']}{r['path']}" for r in file_requests(proxy)}
    assert run.returncode == 0, run.stderr[-2000:]
    assert not asked & kept_out
    st = states(db)
    assert {st[u] for u in kept_out} == {"pending"}
    assert {st[u] for u in set(files) - kept_out} == {"archived"}


def test_a_file_may_move_to_another_file_host_but_not_off_the_family(family, tmp_path):
    from crawler.replica.family import STORAGE_HOST
    from crawler.replica.family.files import file_bytes

    db = tmp_path / "a.db"
    files = sorted(u for u in linked_files(family) if u.endswith(".jpg"))
    moved, away = urlsplit(files[0]).path, urlsplit(files[1]).path
    target = f"http://{STORAGE_HOST}{moved}"

    def answer(path):
        if path == moved:
            return Response(302, b"", "text/html", {"Location": target})
        if path == away:
            return Response(302, b"", "text/html", {"Location": "http://cdn.example.com/a.jpg"})
        return None

    wrap(family, answer)
    with FamilyProxy(family, port=0) as proxy:
        run = family_crawl(proxy, db, SITE)
        hosts = {r["host"] for r in proxy.requests}
    assert "Traceback" not in run.stderr
    got = dict(query(db, "select url, sha256 from files where state = 'archived'"))
    import hashlib

    assert got[f"http://{DATAFILES_HOST}{moved}"] == hashlib.sha256(
        file_bytes(moved)).hexdigest()
    assert states(db)[f"http://{DATAFILES_HOST}{away}"] == "failed"
    kinds = dict(query(db, "select url, kind from crawl_errors"))
    assert kinds[f"http://{DATAFILES_HOST}{away}"] == "redirect_offsite"
    assert "cdn.example.com" not in hosts


def test_reparse_counts_no_change_for_archived_files_and_remakes_documents(family, tmp_path):
    """Re-parsing a crawl whose files are archived changes nothing (the archive's file
    fields are no part of a page's record); a document record gone wrong is re-made
    from its stored page, its old record kept."""
    import sqlite3

    from tests.conftest import govnews

    db = tmp_path / "a.db"
    with FamilyProxy(family, port=0) as proxy:
        run = family_crawl(proxy, db, "http://quangchau.nghean.gov.vn")
    assert run.returncode == 0, run.stderr[-2000:]
    documents = query(db, "select count(*) from documents")[0][0]
    assert documents == len(family.expected_documents("quangchau.nghean.gov.vn"))
    assert query(db, "select count(*) from files where state = 'archived'")[0][0] > 0
    dry = govnews("reparse", "--db", str(db), "--dry-run").stdout
    assert " 0 would change" in dry.splitlines()[0]
    assert f"{documents} documents re-parsed: 0 would change" in dry
    url, signer = query(db, "select url, signer from documents order by url limit 1")[0]
    con = sqlite3.connect(db)
    # as an older parser would have stored it: another signer, and the hash of that record
    con.execute("update documents set signer = 'nobody', content_hash = 'of an older parse'"
                " where url = ?", [url])
    con.commit()
    con.close()
    out = govnews("reparse", "--db", str(db)).stdout
    assert f"{documents} documents re-parsed: 1 changed" in out
    assert query(db, "select signer from documents where url = ?", url) == [(signer,)]
    assert query(db, "select count(*) from document_versions where url = ?", url) == [(1,)]


def test_a_file_host_that_fails_every_file_is_said_once_per_cause(family, tmp_path):
    db = tmp_path / "a.db"
    files = linked_files(family)
    on_host = [u for u in files if urlsplit(u).netloc == DATAFILES_HOST]
    assert len(on_host) > 3
    wrap(family, lambda path: Response(503, b"<h1>Service Unavailable</h1>", "text/html")
         if path != "/robots.txt" else None)
    with FamilyProxy(family, port=0) as proxy:
        result = family_crawl(proxy, db, SITE)
    assert "Traceback" not in result.stderr
    assert query(db, "select count(*) from articles")[0][0] == len(
        family.expected_records("vhttdl.nghean.gov.vn"))
    lines = [x for x in result.stderr.splitlines() if DATAFILES_HOST in x
             and not x.strip().startswith("http_503:")]
    said = [x for x in lines if "not archived" in x]
    assert len(said) == 1, lines
    assert f"{len(on_host)} files on {DATAFILES_HOST} not archived: HTTP 503; tried again " \
           "next run" in said[0]
    # every file is still recorded with its own URL
    kinds = dict(query(db, "select url, kind from crawl_errors"))
    assert all(kinds.get(u) == "http_503" for u in on_host)
    # the summary names the cause once, not each file
    assert sum("http_503" in x for x in result.stderr.splitlines()) == 1
