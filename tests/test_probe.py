"""`govnews probe SITE`: each page's role, layout and evidence, the fields an article would
give, the listings and how they page; nothing written; exit 0 only with a listing and an
article found.  Tried on each engine of the family replica (through its proxy on
127.0.0.1) and on a small site of no known system."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from crawler.replica.family import FamilyProxy, build_family
from tests.conftest import ROOT
from tests.test_page_roles import ARTICLES, CONTACT, HOME, serve, site_files

ENGINES = {  # host: the layout its pages are read by
    "www.nghean.gov.vn": "vnportal/",
    "quangchau.nghean.gov.vn": "nukeviet/",
    "phuongtruongthi.nghean.gov.vn": "wordpress/",
}


def probe(site: str, *args: str, proxy=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    if proxy is not None:
        env.update(http_proxy=proxy.url, HTTP_PROXY=proxy.url, no_proxy="", NO_PROXY="")
    return subprocess.run([sys.executable, "-m", "archive.cli", "probe", site, "--delay", "0",
                           *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=300)


@pytest.fixture(scope="module")
def family_probes(tmp_path_factory):
    family = build_family()
    out = {}
    with FamilyProxy(family, port=0) as proxy:
        for host in ENGINES:
            out[host] = probe(f"http://{host}", "--pages", "25", "--format", "json",
                              proxy=proxy)
        text = probe("http://quangchau.nghean.gov.vn", "--pages", "6", proxy=proxy)
    return family, out, text


@pytest.mark.parametrize("host", list(ENGINES))
def test_probe_names_each_page_of_each_engine_rightly(family_probes, host):
    family, out, _ = family_probes
    result = out[host]
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(result.stdout)
    pages = report["pages"]
    articles = {r["url"] for r in family.expected_records()}
    documents = {d["url"] for d in family.expected_documents()}
    assert pages[0]["url"] == f"http://{host}/" and pages[0]["role"] == "hub"
    assert 10 <= len(pages) <= 26  # the start page and at most --pages more
    for page in pages[1:]:
        want = ("article" if page["url"] in articles else
                "document" if page["url"] in documents else None)
        if want:
            assert page["role"] == want, page
        else:
            assert page["role"] in ("listing", "other"), page
        assert page["evidence"], page
    found = [p for p in pages if p["role"] == "article"]
    assert found and all(p["layout"].startswith(ENGINES[host]) for p in found)
    for page in found:
        fields = page["fields"]
        assert fields["title"] and fields["body_chars"] > 100 and fields["published_at"]
    assert any(p["role"] == "listing" for p in pages)


def test_probe_prints_roles_fields_listings_and_a_verdict(family_probes):
    _, _, text = family_probes
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith("[hub] http://quangchau.nghean.gov.vn/")
    assert any(line.startswith("[article] ") for line in lines)
    assert any(line.strip().startswith("title: ") for line in lines)
    assert any(line.strip().startswith("body_chars: ") for line in lines)
    assert "listings found:" in lines
    assert "7 pages judged" in text.stdout
    assert lines[-1].startswith("ok: ")


def test_probe_of_a_site_of_no_known_system(tmp_path):
    server = serve(site_files())
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = probe(url, "--format", "json")
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    roles = {p["url"].removeprefix(url): p["role"] for p in json.loads(result.stdout)["pages"]}
    assert roles == {"/": "hub", "/tin-tuc/": "listing", "/lien-he.html": "other",
                     **{f"/tin-tuc/{s}.html": "article" for s in ARTICLES}}


def test_probe_exits_4_when_it_finds_no_listing_and_no_article_and_writes_nothing(tmp_path):
    server = serve({"/": HOME.replace("/tin-tuc/tong-ket-2024.html", "/lien-he.html"),
                    "/lien-he.html": CONTACT, "/robots.txt": "User-agent: *\nAllow: /\n"})
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = subprocess.run(
            [sys.executable, "-m", "archive.cli", "probe", url, "--delay", "0"],
            capture_output=True, text=True, cwd=tmp_path, timeout=300,
            env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8"))
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "found no listing and no article" in result.stdout.splitlines()[-1]
    assert list(tmp_path.iterdir()) == []  # no archive made in the working directory
