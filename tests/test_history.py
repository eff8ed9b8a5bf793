"""Nothing the archive saw is lost: raw snapshots of every fetch, versions of changed
articles, gone articles keep their content, re-parsing without the network, WARC export."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.query import records
from archive.reparse import reparse
from archive.store import Archive
from crawler.parsers import vnportal
from crawler.replica import ReplicaServer, build_site
from tests.conftest import copy_db, export_records, govnews, query


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("history")
    db = tmp / "a.db"
    site = build_site()
    ids = [p.rsplit("-", 1)[1] for p in site.article_paths()]
    changed_id, removed_id = ids[5], ids[7]
    # Without ETags every re-fetch brings the whole page back, as from a server that
    # ignores conditional requests.
    with ReplicaServer(site, port=0, conditional=False) as server:
        govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        first_requests = list(server.requests)
        first = {r["url"]: r for r in export_records(db)}
        counts_first = {t: query(db, f"select count(*) from {t}")[0][0]
                        for t in ("fetches", "bodies")}
        govnews("crawl", server.url, "--db", str(db), "--delay", "0", "--full", "--refresh")
        counts_second = {t: query(db, f"select count(*) from {t}")[0][0]
                         for t in ("fetches", "bodies")}
        new_body = list(site.articles[changed_id].body)
        new_body[0] = "Nội dung đã được cập nhật: đoạn văn mới hoàn toàn khác bản trước."
        server.site = build_site(edit={changed_id: {"body": new_body}}, remove=[removed_id])
        govnews("crawl", server.url, "--db", str(db), "--delay", "0", "--full", "--refresh")
        third = {r["url"]: r for r in export_records(db)}
        expected_after = {e["url"]: e for e in server.site.expected_records(server.url)}
        url = server.url
    changed_url = next(u for u in first if u.endswith(changed_id))
    removed_url = next(u for u in first if u.endswith(removed_id))
    return {"db": db, "tmp": tmp, "first": first, "third": third, "url": url,
            "first_requests": first_requests, "counts": (counts_first, counts_second),
            "changed_url": changed_url, "removed_url": removed_url,
            "expected_after": expected_after}


def test_every_response_is_kept_raw(history):
    db = history["db"]
    fetched = query(db, "select method, url, status, request_body from fetches where run_id = 1")
    # every request the replica answered, robots.txt included
    assert len(fetched) == len(history["first_requests"])
    posts = [f for f in fetched if f[0] == "POST"]
    assert posts and all(b"article_category_id=" in f[3] for f in posts)
    # bodies are stored compressed and hash-addressed
    row = query(db, "select sha256, size, length(data) from bodies order by size desc limit 1")[0]
    assert row[2] < row[1]


def test_identical_bodies_are_stored_once(history):
    first, second = history["counts"]
    assert second["fetches"] == 2 * first["fetches"]
    assert second["bodies"] == first["bodies"]


def test_a_changed_article_keeps_its_old_version(history):
    url = history["changed_url"]
    assert history["third"][url]["body"] == history["expected_after"][url]["body"]
    versions = query(history["db"], "select version, record, replaced_because from article_versions"
                     " where url = ?", url)
    assert len(versions) == 1
    version, record, because = versions[0]
    assert (version, because) == (1, "site")
    assert json.loads(record)["body"] == history["first"][url]["body"]
    first_seen, changed = query(history["db"], "select first_seen_at, last_changed_at"
                                " from articles where url = ?", url)[0]
    assert changed > first_seen
    # A related list that lost the removed article makes no version ("Tin cùng chuyên mục"
    # changes with its category, not with the article); the record shows the list as now.
    assert query(history["db"], "select distinct url from article_versions") == [(url,)]
    removed = history["removed_url"]
    lost = [u for u, r in history["first"].items()
            if u != removed and removed in {x["url"] for x in r["related"]}]
    assert lost, "no related list showed the removed article: the test proves nothing"
    for other in lost:
        assert removed not in {x["url"] for x in history["third"][other]["related"]}, other


def test_a_removed_article_is_marked_gone_and_keeps_its_content(history):
    url = history["removed_url"]
    gone_at, reason, body = query(history["db"], "select gone_at, gone_reason, body from articles"
                                  " where url = ?", url)[0]
    assert gone_at and reason == "http_404"
    assert body == history["first"][url]["body"]
    assert url in history["third"]
    others = query(history["db"], "select count(*) from articles where gone_at is not null")[0][0]
    assert others == 1


def test_reparse_reproduces_every_record(history, tmp_path):
    db = copy_db(history["db"], tmp_path / "copy.db")
    before = export_records(db)
    out = govnews("reparse", "--db", str(db)).stdout
    assert f"{len(before)} articles re-parsed: {len(before)} unchanged, 0 changed, 0 failed" in out
    assert export_records(db) == before


def test_reparse_reports_a_deliberate_parser_change(history, tmp_path, monkeypatch):
    db = copy_db(history["db"], tmp_path / "copy.db")
    original = vnportal.summary

    def shouted(*args, **kwargs):
        value = original(*args, **kwargs)
        return value.upper() if value else value

    monkeypatch.setattr(vnportal, "summary", shouted)
    archive = Archive(db)
    report = reparse(archive)
    with_summary = sum(1 for r in records(archive.db) if r["summary"])
    assert report.changed == with_summary > 0
    assert set(report.fields) == {"summary"}
    assert all(r["summary"] == r["summary"].upper() for r in records(archive.db) if r["summary"])
    kept = archive.db.execute(
        "select count(*) from article_versions where replaced_because = 'reparse'").fetchone()[0]
    assert kept == with_summary
    archive.close()


def test_warc_export_holds_every_fetch_and_passes_warcio_check(history):
    out = history["tmp"] / "archive.warc.gz"
    govnews("export", "--db", str(history["db"]), "--format", "warc", "--out", str(out))
    fetches = query(history["db"], "select count(*) from fetches")[0][0]
    kinds = {"response": 0, "request": 0, "warcinfo": 0}
    post_bodies = 0
    with gzip.open(out, "rb") as raw, open(out, "rb") as stream:
        assert raw.read(8) == b"WARC/1.1"
        for record in ArchiveIterator(stream):
            kinds[record.rec_type] += 1
            if record.rec_type == "request" and record.http_headers.protocol == "POST":
                post_bodies += bool(record.content_stream().read())
    assert kinds["response"] == fetches
    assert kinds["request"] == fetches
    assert post_bodies > 0
    check = subprocess.run([sys.executable, "-c", "import sys; from warcio.cli import main; "
                            "sys.exit(main(['check', '-v', sys.argv[1]]))", str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
