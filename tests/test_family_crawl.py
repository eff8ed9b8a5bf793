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
from tests.conftest import ROOT, export_records, family_crawl, govnews, query

MAIN = "http://www.nghean.gov.vn"


def crawl(proxy, db, *extra):
    return family_crawl(proxy, db, MAIN, "--subsites", *extra)


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
        records_with_files = export_records(db, files=True)
        documents = [json.loads(line) for line in govnews(
            "export", "--db", str(db), "--format", "jsonl", "--kind", "documents"
        ).stdout.splitlines() if line.strip()]
        warc = db.parent / "family.warc.gz"
        govnews("export", "--db", str(db), "--format", "warc", "--out", str(warc))
        before_refresh = len(proxy.requests)
        refresh = crawl(proxy, db, "--refresh")
        requests_refresh = list(proxy.requests)[before_refresh:]
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
            "records_with_files": records_with_files, "documents": documents, "warc": warc,
            "refresh": refresh, "requests_refresh": requests_refresh,
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
        # the last run moved the main portal's template: that site says so, with why
        if host == "www.nghean.gov.vn":
            assert by_host[host]["status"] == "degraded", by_host[host]
            assert "missing on" in by_host[host]["reason"], by_host[host]
        else:
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


# --- what the pages point to: files, documents, citations --------------------------------

def test_every_linked_file_is_archived_with_its_sha256(family_run):
    expected = family_run["family"].expected_files()
    rows = {url: (state, sha256) for url, state, sha256 in query(
        family_run["db"], "select url, state, sha256 from files")}
    assert expected, "the family links files"
    for url, want in expected.items():
        assert rows.get(url) == ("archived", want["sha256"]), url
    # and the records say so
    for record in family_run["records_with_files"]:
        for item in record["images"] + record["attachments"]:
            want = expected[item["url"]]
            assert (item["sha256"], item["bytes"]) == (want["sha256"], want["bytes"]), item


def test_the_warc_holds_a_response_for_each_file(family_run):
    import hashlib

    from warcio.archiveiterator import ArchiveIterator

    got = {}
    with open(family_run["warc"], "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                got[record.rec_headers.get_header("WARC-Target-URI")] = hashlib.sha256(
                    record.content_stream().read()).hexdigest()
    for url, want in family_run["family"].expected_files().items():
        assert got.get(url) == want["sha256"], url


def test_the_next_run_fetches_no_file_again_and_a_refresh_asks_conditionally(family_run):
    files = set(family_run["family"].expected_files())
    asked = [r for r in family_run["requests_second"] if r["url"] in files]
    assert asked == []
    assert family_run["refresh"].returncode == 0, family_run["refresh"].stderr[-3000:]
    refreshed = [r for r in family_run["requests_refresh"] if r["url"] in files]
    assert {r["url"] for r in refreshed} == files
    assert all(r["if_none_match"] or r["if_modified_since"] for r in refreshed)
    assert {r["status"] for r in refreshed} == {304}


DOCUMENT_FIELDS = ("number", "title", "kind", "agency", "issued", "effective", "signer",
                   "summary", "site")


def test_every_document_of_the_registers_is_exported_right(family_run):
    expected = {d["url"]: d for d in family_run["family"].expected_documents()}
    got = {d["url"]: d for d in family_run["documents"]}
    assert set(got) == set(expected)
    for url, want in expected.items():
        for key in DOCUMENT_FIELDS:
            assert got[url][key] == want[key], f"{url}: {key}"
        assert [(f["url"], f["name"]) for f in got[url]["files"]] == [
            (f["url"], f["name"]) for f in want["files"]], url
    articles = {u for (u,) in query(family_run["db"], "select url from articles")}
    assert not articles & set(expected), "a document page stored as an article"


def test_articles_cite_documents_and_documents_know_who_cites_them(family_run):
    expected = {e["url"]: e for e in family_run["family"].expected_records() if "cites" in e}
    got = {r["url"]: r for r in family_run["records"]}
    assert any(e["cites"] for e in expected.values())
    for url, want in expected.items():
        assert got[url]["cites"] == want["cites"], url
    from crawler.kernel.numbers import number_key

    citing: dict[str, set] = {}
    for url, want in expected.items():
        for number in want["cites"]:
            citing.setdefault(number_key(number), set()).add(url)
    for document in family_run["documents"]:
        assert set(document["cited_by"]) == citing.get(number_key(document["number"]), set())


def search_json(db, *args):
    proc = govnews("search", *args, "--db", str(db), "--format", "json", "--limit", "50")
    return json.loads(proc.stdout)


def test_a_sentence_only_in_a_file_finds_its_page(family_run):
    family = family_run["family"]
    linked: dict[str, set] = {}
    for record in family.expected_records():
        for item in record["images"] + record["attachments"]:
            linked.setdefault(item["url"], set()).add(record["url"])
    for document in family.expected_documents():
        for f in document["files"]:
            linked.setdefault(f["url"], set()).add(document["url"])
    checked = 0
    for url, want in family.expected_files().items():
        if not want["sentence"] or want["hostile"]:
            continue
        hits = search_json(family_run["db"], want["sentence"])
        files = [h for h in hits if h["kind"] == "file"]
        assert files, f"{want['sentence']!r} ({url}) not found"
        assert set(files[0]["linked_from"]) <= linked[url]
        assert (files[0].get("article_url") or files[0].get("document_url")) in linked[url]
        checked += 1
    assert checked >= 4


def test_a_document_number_written_three_ways_finds_the_same_documents(family_run):
    document = next(d for d in family_run["family"].expected_documents() if "QĐ" in d["number"])
    number = document["number"]
    ways = [number, number.lower(), number.replace("/", " ", 1)]
    found = []
    for way in ways:
        hits = search_json(family_run["db"], way, "--kind", "document")
        found.append({h["url"] for h in hits})
    assert document["url"] in found[0]
    assert found[0] == found[1] == found[2]


def test_hostile_files_end_with_a_reason_and_the_run_completes(family_run):
    hostile = {url: f["hostile"] for url, f in family_run["family"].expected_files().items()
               if f["hostile"]}
    assert set(hostile.values()) >= {"truncated", "encrypted", "bomb", "huge"}
    rows = {url: (status, reason) for url, status, reason in query(
        family_run["db"], "select f.url, t.status, t.reason from files f join file_texts t"
                          " on t.sha256 = f.sha256")}
    statuses = {"truncated": {"failed"}, "encrypted": {"encrypted"}, "bomb": {"too_large"},
                "huge": {"ok"}}
    for url, kind in hostile.items():
        status, reason = rows[url]
        assert status in statuses[kind], (url, status, reason)
        assert reason, url
    assert family_run["first"].returncode == 0
