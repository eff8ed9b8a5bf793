"""``govnews serve``: the archive in Datasette, driven over HTTP in-process
(``datasette.client``) and, once, as the real command on a loopback port."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.parse
import urllib.request

import pytest

from archive.store import Archive
from archive.web import make_datasette
from archive.web_metadata import TABLES, metadata
from crawler.kernel.record import Article, Document, Snapshot

from .conftest import ROOT
from .conftest import query as sql_rows

WWW = "www.nghean.gov.vn"
VH = "vhttdl.nghean.gov.vn"


def _article(n: int, site: str = WWW, **fields) -> Article:
    fields.setdefault("body", "Nội dung bài viết.")
    return Article(url=f"https://{site}/tin-tuc/bai-viet-{n}", site=site, article_id=str(n),
                   **fields)


A_TITLE = _article(1, title="Chủ tịch UBND tỉnh Nguyễn Đức Trung làm việc với huyện Anh Sơn",
                   published_at="2024-05-02T08:00:00+07:00", category="Tin tức - Sự kiện",
                   body="Buổi làm việc bàn về tiến độ các dự án trọng điểm.",
                   body_html="<p>" + "Buổi làm việc bàn về tiến độ. " * 400 + "</p>")
A_BODY = _article(2, title="Hội nghị tổng kết công tác năm 2023",
                  published_at="2024-01-15", category="Chỉ đạo điều hành",
                  body="Đồng chí Nguyễn Đức Trung, Chủ tịch UBND tỉnh chủ trì hội nghị.\n"
                       "Các sở, ngành báo cáo kết quả thực hiện nhiệm vụ.")
A_AUTHOR = _article(3, site=VH, title="Kiểm tra tiến độ dự án đường ven biển",
                    published_at="2024-05-20T15:45:00+07:00", category="Tin tức - Sự kiện",
                    author="Nguyễn Đức Trung", body="Đoàn kiểm tra làm việc tại công trường.")
A_HOA_OLD = _article(4, title="Đoàn công tác tỉnh Hoà Bình thăm Nghệ An",
                     published_at="2023-11-03T09:00:00+07:00", category="Tin tức - Sự kiện",
                     body="Hai tỉnh trao đổi kinh nghiệm phát triển kinh tế.")
A_HOA_NEW = _article(5, site=VH, title="Hợp tác phát triển du lịch",
                     published_at="2023-11-20", category="Văn hoá - Xã hội",
                     body="Nghệ An và tỉnh Hòa Bình ký kết chương trình hợp tác du lịch.")
# Every word of both names, never next to each other and in order: a phrase finds neither.
A_NEITHER = _article(6, title="Giám đốc Trung tâm Nguyễn Văn Đức tiếp đoàn doanh nghiệp",
                     published_at="2024-05-07", category="Chỉ đạo điều hành",
                     body="Hòa nhập cộng đồng là việc bình thường, ông Đức nói.")
A_UNDATED = _article(7, title="Thông báo lịch tiếp công dân", category=None,
                     body="Lịch tiếp công dân định kỳ.")
ARTICLES = [A_TITLE, A_BODY, A_AUTHOR, A_HOA_OLD, A_HOA_NEW, A_NEITHER, A_UNDATED]
TRUNG = {A_TITLE.url, A_BODY.url, A_AUTHOR.url}
HOA_BINH = {A_HOA_OLD.url, A_HOA_NEW.url}


DOCUMENTS = [
    Document(url=f"https://{WWW}/van-ban/d-{n}", site=WWW, number=number, title=title,
             kind=kind, agency=agency, issued=issued)
    for n, (number, title, kind, agency, issued) in enumerate([
        ("1205/QĐ-UBND", "Phê duyệt đề án", "Quyết định", "UBND tỉnh Nghệ An", "2024-04-12"),
        ("45/KH-UBND", "Tháng hành động", "Kế hoạch", "UBND tỉnh Nghệ An", "2024-02-01"),
        ("12/2023/NQ-HĐND", "Chính sách hỗ trợ", "Nghị quyết", "HĐND tỉnh Nghệ An",
         "2023-12-08"),
    ])]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "a.db"
    archive = Archive(path)
    try:
        archive.store_articles(ARTICLES)
        archive.store_batch(snapshots=[Snapshot(
            url=A_TITLE.url, method="GET", status=200, body=b"<html>" + b"x" * 5000,
            fetched_at="2024-05-02T02:00:00+00:00")], documents=DOCUMENTS)
    finally:
        archive.close()
    return path


@pytest.fixture(scope="module")
def ds(db_path):
    return make_datasette(db_path)


def get(ds, path: str, **params):
    if params:
        path += ("&" if "?" in path else "?") + urllib.parse.urlencode(params)
    return asyncio.run(ds.client.get(path))


def search_urls(ds, query: str, key: str = "_search") -> set[str]:
    response = get(ds, "/archive/articles.json", **{key: query, "_shape": "array",
                                                    "_col": "title", "_size": "max"})
    assert response.status_code == 200, response.text
    return {row["url"] for row in response.json()}


def test_articles_page_has_title_description_and_search_box(ds):
    page = get(ds, "/archive/articles")
    assert page.status_code == 200
    assert f"<h1>{TABLES['articles']['title']}</h1>" in page.text
    assert "whatever their case, accents or tone marks" in page.text  # description
    assert '<input id="_search" type="search" name="_search" value="">' in page.text
    assert metadata()["title"] in get(ds, "/").text


def test_column_descriptions_kept_compact(ds):
    page = get(ds, "/archive/articles")
    assert '<dl class="column-descriptions">' in page.text
    assert TABLES["articles"]["columns"]["published_at"] in page.text
    assert 'href="/-/govnews.css"' in page.text
    css = get(ds, "/-/govnews.css")
    assert css.status_code == 200 and "column-descriptions" in css.text


def test_articles_sorted_newest_first_undated_last(ds):
    rows = get(ds, "/archive/articles.json", _shape="array", _col="published_at").json()
    assert [r["url"] for r in rows] == [a.url for a in (
        A_AUTHOR, A_NEITHER, A_TITLE, A_BODY, A_HOA_NEW, A_HOA_OLD, A_UNDATED)]


@pytest.mark.parametrize("query", [
    "nguyen duc trung",
    "Nguyễn Đức Trung",
    "NGUYEN ĐUC TRUNG",
    "nguyễn đức trung",
    unicodedata.normalize("NFD", "Nguyễn Đức Trung"),  # as some keyboards send it
    '"Nguyen Duc Trung',  # a stray quote is only punctuation
])
def test_search_box_finds_a_name_whatever_its_accents(ds, query):
    assert search_urls(ds, query) == TRUNG


@pytest.mark.parametrize("query", ["Hòa Bình", "Hoà Bình", "hoa binh", "HOÀ BÌNH"])
def test_search_box_ignores_tone_mark_style(ds, query):
    assert search_urls(ds, query) == HOA_BINH


def test_search_page_shows_what_was_typed_and_the_matches(ds):
    page = get(ds, "/archive/articles", _search="Nguyễn Đức Trung")
    assert page.status_code == 200
    assert '<input id="_search" type="search" name="_search" value="Nguyễn Đức Trung">' in page.text
    assert "3 rows" in page.text
    assert A_TITLE.title in page.text and A_HOA_OLD.title not in page.text


def test_search_in_one_column(ds):
    assert search_urls(ds, "nguyen duc trung", "_search_author") == {A_AUTHOR.url}
    assert search_urls(ds, "nguyen duc trung", "_search_title") == {A_TITLE.url}
    assert search_urls(ds, "hoa binh", "_search_body") == {A_HOA_NEW.url}


def test_empty_search_is_no_filter(ds):
    # The table page's form sends _search= along with any column filter.
    assert len(search_urls(ds, "")) == len(ARTICLES)
    assert len(search_urls(ds, "   ")) == len(ARTICLES)


@pytest.mark.parametrize("query", [
    '"', "AND (", "OR", "NOT", "title:x", "*", "NEAR(a b", "^", "a -b", "{title}: x",
    "') or 1=1 --", "\\", "%", "_", "\u200b",
])
def test_crafted_search_answers_200(ds, query):
    for path in ("/archive/articles", "/archive/articles.json", "/archive/search.json"):
        key = "q" if "search.json" in path else "_search"
        response = get(ds, path, **{key: query})
        assert response.status_code == 200, (path, query, response.text[:500])
        assert "syntax error" not in response.text


def test_search_with_a_filter(ds):
    response = get(ds, "/archive/articles.json", _search="hoa binh", site=VH, _shape="array")
    assert [r["url"] for r in response.json()] == [A_HOA_NEW.url]


def test_facets_category_site_and_month(ds):
    facets = get(ds, "/archive/articles.json").json()["facet_results"]
    assert set(facets) >= {"category", "site", "published_at"}
    counts = {f: {v["value"]: v["count"] for v in facets[f]["results"]} for f in facets}
    assert counts["site"] == {WWW: 5, VH: 2}
    assert counts["category"]["Tin tức - Sự kiện"] == 3
    month = facets["published_at"]
    assert month["type"] == "month"
    # newest month first; the undated article is in no month
    assert [(v["value"], v["count"]) for v in month["results"]] == [
        ("2024-05", 3), ("2024-01", 1), ("2023-11", 2)]


def test_month_facet_selects_a_month(ds):
    facets = get(ds, "/archive/articles.json").json()["facet_results"]
    may = next(v for v in facets["published_at"]["results"] if v["value"] == "2024-05")
    toggle = urllib.parse.urlsplit(may["toggle_url"])
    assert "published_at__startswith=2024-05" in toggle.query
    response = get(ds, f"{toggle.path}?{toggle.query}")
    data = response.json()
    assert {row[0] for row in data["rows"]} == {A_TITLE.url, A_AUTHOR.url, A_NEITHER.url}
    selected = [v for v in data["facet_results"]["published_at"]["results"] if v["selected"]]
    assert [v["value"] for v in selected] == ["2024-05"]


def test_facets_count_the_search_results(ds):
    facets = get(ds, "/archive/articles.json", _search="nguyen duc trung").json()["facet_results"]
    assert {v["value"]: v["count"] for v in facets["site"]["results"]} == {WWW: 2, VH: 1}
    page = get(ds, "/archive/articles", _search="nguyen duc trung")
    assert "published_at (month)" in page.text
    assert 'data-column="category"' in page.text


def test_heavy_columns_left_out_of_the_html_pages(ds):
    page = get(ds, "/archive/articles")
    assert 'data-column="title"' in page.text
    assert 'data-column="body_html"' not in page.text
    assert "Buổi làm việc bàn về tiến độ. Buổi" not in page.text
    # still there when asked for, in the JSON, and on the article's own page
    assert 'data-column="body_html"' in get(ds, "/archive/articles", _col="body_html").text
    row = get(ds, "/archive/articles.json", _shape="array", url__exact=A_TITLE.url).json()[0]
    assert row["body_html"] == A_TITLE.body_html
    bodies = get(ds, "/archive/bodies")
    assert bodies.status_code == 200
    assert 'data-column="sha256"' in bodies.text
    assert 'data-column="data"' not in bodies.text


def test_other_tables_have_descriptions(ds):
    for table in ("related_links", "images", "attachments", "article_listings", "crawl_runs",
                  "crawl_errors", "fetches", "bodies", "article_versions"):
        page = get(ds, f"/archive/{table}")
        assert page.status_code == 200, table
        assert TABLES[table]["title"] in page.text


def test_canned_search_query_is_ranked_with_snippets(ds):
    rows = get(ds, "/archive/search.json", q="NGUYEN ĐUC TRUNG", _shape="array").json()
    assert {r["url"] for r in rows} == TRUNG
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores)
    assert rows[0]["url"] == A_TITLE.url  # the name in the title outranks body and byline
    assert all("**" in r["snippet"] for r in rows)
    assert "**Nguyễn Đức Trung**" in rows[0]["snippet"]
    hoa = get(ds, "/archive/search.json", q="Hòa Bình", _shape="array").json()
    assert {r["url"] for r in hoa} == HOA_BINH
    page = get(ds, "/archive/search", q="nguyen duc trung")
    assert page.status_code == 200
    assert "<mark>Nguyễn Đức Trung</mark>" in page.text


def test_canned_search_without_words_finds_nothing(ds):
    for q in ("", '"', "***"):
        response = get(ds, "/archive/search.json", q=q, _shape="array")
        assert response.status_code == 200
        assert response.json() == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command(db_path):
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive.cli", "serve", "--db", str(db_path), "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = (f"http://127.0.0.1:{port}/archive/articles.json?"
           + urllib.parse.urlencode({"_search": "Nguyễn Đức Trung", "_shape": "array"}))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.load(response)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert {r["url"] for r in rows} == TRUNG
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert "serving" in err


def test_serve_without_archive(tmp_path, run_govnews):
    result = run_govnews("serve", "--db", str(tmp_path / "none.db"), check=False)
    assert result.returncode != 0
    assert "no archive at" in result.stderr


def test_documents_are_listed_with_facets_by_agency_kind_and_year(ds):
    page = get(ds, "/archive/documents.json", _shape="objects")
    assert page.status_code == 200, page.text
    data = page.json()
    assert {r["number"] for r in data["rows"]} == {d.number for d in DOCUMENTS}
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    values = {name: {v["value"]: v["count"] for v in facet["results"]}
              for name, facet in facets.items()}
    assert values["agency"] == {"UBND tỉnh Nghệ An": 2, "HĐND tỉnh Nghệ An": 1}
    assert values["kind"] == {"Quyết định": 1, "Kế hoạch": 1, "Nghị quyết": 1}
    assert values["year"] == {2024: 2, 2023: 1}
    html = get(ds, "/archive/documents")
    assert TABLES["documents"]["title"] in html.text


def test_plain_datasette_finds_what_govnews_finds(db_path):
    """The index folds đ in what it holds: Datasette without govnews's plugin, searching
    with its own table search, finds an article typed with đ and typed without."""
    from datasette.app import Datasette

    plain = Datasette([str(db_path)], immutables=[])
    name = os.path.splitext(os.path.basename(db_path))[0]
    for query in ("Đức", "duc", "NGUYỄN ĐỨC TRUNG"):
        rows = asyncio.run(plain.client.get(
            f"/{name}/articles.json?" + urllib.parse.urlencode(
                {"_search": query, "_shape": "array", "_col": "title"}))).json()
        assert {r["url"] for r in rows} >= TRUNG, query


def test_facets_of_the_whole_table_count_what_datasettes_column_facet_counts(ds, db_path):
    def counts(**args):
        facets = get(ds, "/archive/articles.json", **args).json()["facet_results"]
        return {f: {v["value"]: v["count"] for v in facets[f]["results"]}
                for f in ("site", "category")}

    whole = counts()  # from the tallies
    shown = counts(url__notblank=1)  # a filter that keeps every row: the rows counted
    assert whole == shown
    for column in ("site", "category"):
        assert whole[column] == dict(sql_rows(
            db_path, f"select {column}, count(*) from articles where {column} is not null"
                     f" group by {column}"))
    # a value picked: the facet counts the rows shown, the value is marked selected
    site = next(v for v in get(ds, "/archive/articles.json").json()["facet_results"]["site"][
        "results"] if v["value"] == VH)
    toggle = urllib.parse.urlsplit(site["toggle_url"])
    picked = get(ds, f"{toggle.path}?{toggle.query}").json()
    assert len(picked["rows"]) == 2
    assert [(v["value"], v["count"], v["selected"])
            for v in picked["facet_results"]["site"]["results"]] == [(VH, 2, True)]


def test_the_database_page_counts_its_tables_again_when_the_archive_changes(tmp_path):
    path = tmp_path / "a.db"
    archive = Archive(path)
    archive.store_articles(ARTICLES[:3])
    ds = make_datasette(path)

    def counts():
        return {t["name"]: t["count"] for t in get(ds, "/archive.json").json()["tables"]}

    assert counts()["articles"] == 3 and counts()["documents"] == 0
    archive.store_articles(ARTICLES[3:])  # a crawl writing while the archive is served
    archive.store_batch(documents=DOCUMENTS)
    archive.close()
    seen = counts()
    assert seen["articles"] == len(ARTICLES) == sql_rows(path, "select count(*) from articles")[0][0]
    assert seen["documents"] == len(DOCUMENTS)
    assert seen["crawl_runs"] == sql_rows(path, "select count(*) from crawl_runs")[0][0]
