"""The web view's own pages (archive/pages.py), over HTTP in-process (datasette.client), on
an archive written here: an article with an archived image, a cited document, an edit
(two versions), a gone article, a stored page whose script and outside resources must
never load, and a run with errors.  What the pages look like in a real browser is
tests/test_browser.py's."""

from __future__ import annotations

import asyncio
import hashlib
import io
import struct
import urllib.parse
import zlib
from datetime import datetime, timezone

import pytest
from lxml import etree
from lxml import html as lxml_html

from archive.extract import Extracted
from archive.store import Archive
from archive.web import make_datasette
from crawler.kernel.record import (
    Article,
    Attachment,
    Document,
    FileFetched,
    Gone,
    Image,
    Link,
    Snapshot,
)

WWW = "www.nghean.gov.vn"
URL = f"https://{WWW}/tin-tuc/chu-tich-lam-viec-123456"
GONE_URL = f"https://{WWW}/tin-tuc/bai-da-go-123457"
IMG = "https://datafiles.nghean.gov.vn/nan-ubnd/anh-1.png"
PDF = "https://datafiles.nghean.gov.vn/nan-ubnd/ke-hoach.pdf"
DOC_URL = f"https://{WWW}/van-ban/phe-duyet-1234"


# When the gone article was found gone: during the second run, set by the fixture.
GONE = {}


def png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + b"\x10\x20\x30" * 2) * 1)
            + chunk(b"IEND", b""))


PNG = png()
STORED = ("<html><head><title>Trang gốc</title>"
          "<script>document.title = 'đã bị sửa'</script>"
          "<link rel='stylesheet' href='https://cdn.example.com/x.css'>"
          "<meta http-equiv='refresh' content='0;url=https://example.com/'></head>"
          "<body><h1>Chủ tịch làm việc</h1>"
          f"<img src='{IMG}'><img src='https://other.example.com/b.png'>"
          "<iframe src='https://ads.example.com/'></iframe></body></html>").encode()


def article(**fields) -> Article:
    base = dict(
        url=URL, site=WWW, article_id="123456", title="Chủ tịch Nguyễn Đức Trung làm việc",
        body="Sáng nay, Chủ tịch làm việc về Quyết định số 1205/QĐ-UBND.\nĐoạn thứ hai.",
        summary="Lãnh đạo tỉnh làm việc với huyện.", author="Thu Hà",
        published_at="2024-05-02T08:00:00+07:00", category="Chỉ đạo điều hành",
        images=[Image(IMG, "Quang cảnh buổi làm việc")],
        attachments=[Attachment(PDF, "Kế hoạch số 45/KH-UBND")],
        related=[Link(GONE_URL, "Bài đã gỡ"), Link(f"https://{WWW}/khac-999999", "Bài khác")],
        cites=["1205/QĐ-UBND"], fetched_at="2024-05-02T02:00:00+00:00", parser="vnportal/1")
    base.update(fields)
    return Article(**base)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "a.db"
    archive = Archive(path)
    run = archive.start_run([f"https://{WWW}"])
    snaps = [
        Snapshot(url=URL, method="GET", status=200, body=STORED,
                 fetched_at="2024-05-02T02:00:00+00:00",
                 headers=[("Content-Type", "text/html; charset=utf-8")]),
        Snapshot(url=IMG, request_url=IMG, method="GET", status=200, body=PNG,
                 fetched_at="2024-05-02T02:00:01+00:00", headers=[("Content-Type", "image/png")]),
    ]
    gone = Article(url=GONE_URL, site=WWW, article_id="123457", title="Bài đã gỡ",
                   body="Nội dung cũ.", published_at="2024-03-01", category="Tin tức")
    archive.store_batch(
        [article(), gone], snaps, run_id=run,
        documents=[Document(url=DOC_URL, site=WWW, number="1205/QĐ-UBND",
                            title="Phê duyệt Đề án du lịch", kind="Quyết định",
                            agency="UBND tỉnh Nghệ An", issued="2024-04-12")],
        files=[FileFetched(url=IMG, status=200, sha256=hashlib.sha256(PNG).hexdigest(),
                           content_type="image/png", bytes=len(PNG))])
    archive.record_error(run, f"https://{WWW}/tin-tuc/loi-1", "http_503", "GET: HTTP 503")
    archive.store_file_texts([(hashlib.sha256(PNG).hexdigest(),
                               Extracted("unsupported", kind="image", reason="an image"))])
    archive.finish_run(run, "ok")
    run2 = archive.start_run([f"https://{WWW}"])
    GONE["at"] = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    archive.store_batch([article(title="Chủ tịch Nguyễn Đức Trung làm việc tại Vinh",
                                 body="Sáng nay, Chủ tịch làm việc về Quyết định số "
                                      "1205/QĐ-UBND.\nĐoạn thứ hai, đã sửa.")],
                        gone=[Gone(GONE_URL, "http_404", GONE["at"])],
                        run_id=run2)
    archive.finish_run(run2, "ok")
    archive.close()
    return path


@pytest.fixture(scope="module")
def ds(db_path):
    return make_datasette(db_path)


def get(ds, path, **params):
    if params:
        path += "?" + urllib.parse.urlencode(params)
    return asyncio.run(ds.client.get(path))


def page(response):
    assert response.status_code == 200, response.text[:2000]
    return lxml_html.fromstring(response.text)


def text(doc, css: str) -> str:
    return " ".join(" ".join(el.text_content().split()) for el in doc.cssselect(css))


def test_the_article_page_reads_as_text_with_its_archived_image(ds):
    doc = page(get(ds, "/article", url=URL, lang="en"))
    assert text(doc, "h1.article-title") == "Chủ tịch Nguyễn Đức Trung làm việc tại Vinh"
    assert [p.text_content() for p in doc.cssselect(".article-body p")] == [
        "Sáng nay, Chủ tịch làm việc về Quyết định số 1205/QĐ-UBND.", "Đoạn thứ hai, đã sửa."]
    assert text(doc, ".lead") == "Lãnh đạo tỉnh làm việc với huyện."
    [img] = doc.cssselect("figure img")
    assert img.get("src") == "/file?" + urllib.parse.urlencode({"url": IMG})
    assert text(doc, "figcaption") == "Quang cảnh buổi làm việc"
    # not archived: named, never loaded from its host
    assert "not archived yet" in text(doc, ".attachments")
    # the cited document links to its page, the gone related article to its archived copy
    assert doc.cssselect(f'.cites a[href="/document?{urllib.parse.urlencode({"url": DOC_URL})}"]')
    assert doc.cssselect(f'.related a[href="/article?{urllib.parse.urlencode({"url": GONE_URL})}"]')
    citation = text(doc, ".cite-apa")
    assert "Chủ tịch Nguyễn Đức Trung làm việc tại Vinh." in citation and URL in citation
    assert "2 versions" in text(doc, ".record")


def test_history_lists_versions_and_why_and_diffs_words(ds):
    doc = page(get(ds, "/article/history", url=URL, lang="en"))
    rows = doc.cssselect("table.versions tbody tr")
    assert len(rows) == 2
    assert "title, body" in rows[0].text_content()
    assert "the site edited it" in rows[0].text_content()
    assert text(doc, ".diff-text.title ins") == "tại Vinh"
    assert text(doc, ".diff-text.body del") == "hai."
    assert text(doc, ".diff-text.body ins") == "hai, đã sửa."
    same = page(get(ds, "/article/history", url=URL, lang="en", **{"from": "1", "to": "1"}))
    assert "the same" in text(same, ".diff")


def test_a_gone_article_says_since_when_and_why(ds):
    from archive.i18n import vndate, vntime

    doc = page(get(ds, "/article/history", url=GONE_URL, lang="en"))
    assert f"Gone since {vntime(GONE['at'])}" in text(doc, ".gone")
    assert "no such page (404)" in text(doc, ".gone")
    assert doc.cssselect(".gone .failure")[0].get("title") == "http_404"
    assert f"stopped answering on {vndate(GONE['at'])}" in text(
        page(get(ds, "/article", url=GONE_URL, lang="en")), ".gone")


def test_the_stored_page_loads_nothing_from_outside_and_runs_no_script(ds):
    wrapper = page(get(ds, "/article/raw", url=URL))
    [frame] = wrapper.cssselect("iframe.stored-page")
    assert frame.get("sandbox") == ""  # no allow-scripts
    response = get(ds, frame.get("src"))
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert "script-src" not in policy  # falls back to default-src 'none'
    doc = page(response)
    srcs = [el.get("src") or el.get("href") for el in doc.iter() if isinstance(el.tag, str)
            and (el.get("src") or (el.tag == "link" and el.get("href")))]
    assert srcs == ["/file?" + urllib.parse.urlencode({"url": IMG})]
    assert not doc.cssselect("meta[http-equiv]")
    raw = get(ds, "/article/raw/download", url=URL)
    assert raw.content == STORED and "attachment" in raw.headers["content-disposition"]


def test_the_warc_of_an_article_holds_its_page_and_its_files(ds):
    from warcio.archiveiterator import ArchiveIterator

    response = get(ds, "/article/warc", url=URL)
    assert response.status_code == 200
    got = {r.rec_headers.get_header("WARC-Target-URI"): r.content_stream().read()
           for r in ArchiveIterator(io.BytesIO(response.content)) if r.rec_type == "response"}
    assert got == {URL: STORED, IMG: PNG}


def test_an_archived_file_is_served_as_stored_and_sandboxed(ds):
    response = get(ds, "/file", url=IMG)
    assert response.content == PNG
    assert response.headers["content-type"] == "image/png"
    assert "sandbox" in response.headers["content-security-policy"]
    assert get(ds, "/file", url=PDF).status_code == 404


def test_the_text_read_from_a_file_is_served_with_its_status(ds):
    response = get(ds, "/file/text", url=IMG)
    assert response.status_code == 200 and response.text.startswith("[unsupported: an image]")
    assert get(ds, "/file/text", url=PDF).status_code == 404


def test_stats_counts_documents_and_files(db_path):
    from click.testing import CliRunner

    from archive.cli import cli

    out = CliRunner().invoke(cli, ["stats", "--db", str(db_path)]).output
    assert "1 document, by kind:" in out and "Quyết định" in out
    assert "archived" in out and "pending" in out and "text unsupported" in out


def test_the_document_page_knows_who_cites_it(ds):
    doc = page(get(ds, "/document", url=DOC_URL))
    assert "1205/QĐ-UBND" in text(doc, "dl.properties")
    assert doc.cssselect(f'a[href="/article?{urllib.parse.urlencode({"url": URL})}"]')


def test_charts_have_a_bar_for_each_month_and_the_sql_behind(ds):
    doc = page(get(ds, "/charts"))
    months = {el.get("data-month") for el in doc.cssselect("#months rect.bar")}
    assert months == {"2024-03", "2024-05"}
    values = {(el.get("data-month"), el.get("data-stack")): int(el.get("data-value"))
              for el in doc.cssselect("#months rect.bar")}
    assert values == {("2024-03", WWW): 1, ("2024-05", WWW): 1}
    links = [a.get("href") for a in doc.cssselect("#months figcaption a")]
    csv = get(ds, links[1])
    assert csv.status_code == 200 and "2024-05" in csv.text
    by_category = page(get(ds, "/charts", by="category"))
    assert {el.get("data-stack") for el in by_category.cssselect("#months rect.bar")} == {
        "Chỉ đạo điều hành", "Tin tức"}
    assert len(doc.cssselect("#runs rect.bar")) >= 2
    image = get(ds, "/charts/months.svg", by="category")
    assert image.headers["content-type"].startswith("image/svg+xml")
    svg = etree.fromstring(image.content)
    assert {el.get("data-stack") for el in svg.iter("{*}rect") if el.get("data-stack")} == {
        "Chỉ đạo điều hành", "Tin tức"}


def test_a_run_page_says_what_it_fetched_changed_and_failed(ds):
    doc = page(get(ds, "/runs/1"))
    assert "http_503: 1" in text(doc, "details summary")
    assert "Chủ tịch" in text(doc, "ul")
    second = page(get(ds, "/runs/2", lang="en")).text_content()
    assert "Changed articles" in second
    assert "Gone" in second


def test_a_site_page(ds):
    doc = page(get(ds, f"/sites/{WWW}", lang="en"))
    assert "Documents" in text(doc, "dl.properties")
    assert "http_503" in text(doc, "ul")


def test_the_search_page_marks_matches_and_filters_accent_blind(ds):
    doc = page(get(ds, "/find", q="nguyen duc trung", category="chi dao dieu hanh"))
    hits = doc.cssselect("ol.hits li")
    assert [h.cssselect("a.hit-title")[0].get("href") for h in hits] == [
        "/article?" + urllib.parse.urlencode({"url": URL})]
    assert "**" not in hits[0].text_content()
    assert text(hits[0], "mark") == "Nguyễn Đức Trung"
    assert not page(get(ds, "/find", q="nguyen duc trung", category="Tin tức")).cssselect(
        "ol.hits li")
    refused = get(ds, "/find", q="-trung", lang="en")
    assert refused.status_code == 400 and "cannot only leave things out" in refused.text
    assert "OR" in text(page(get(ds, "/find")), ".syntax")
    number = page(get(ds, "/find", q="1205 qđ-ubnd", kind="document"))
    assert text(number, "ol.hits a.hit-title") == "Phê duyệt Đề án du lịch"


@pytest.mark.parametrize("path,params", [
    ("/article", {"url": "https://example.com/none"}), ("/article", {}),
    ("/article/history", {"url": "https://example.com/none"}),
    ("/article/raw", {"url": "https://example.com/none"}), ("/runs/99", {}),
    ("/sites/example.com", {}), ("/document", {"url": "x"}),
    ("/runs/99999999999999999999999", {}),
])
def test_what_the_archive_lacks_is_a_404_with_a_sentence(ds, path, params):
    response = get(ds, path, **params)
    assert response.status_code == 404
    assert "Traceback" not in response.text


@pytest.mark.parametrize("params", [
    {"url": URL, "from": "x", "to": "9" * 30}, {"url": URL, "from": "-1"},
    {"url": URL, "fetch": "9" * 30}, {"url": URL, "fetch": "abc"},
])
def test_crafted_parameters_answer_without_a_server_error(ds, params):
    for path in ("/article/history", "/article/raw", "/article/raw/page"):
        response = get(ds, path, **params)
        assert response.status_code in (200, 404), (path, params, response.text[:500])


def test_the_table_rows_link_to_the_article_page(ds):
    response = get(ds, "/archive/articles")
    assert ('href="/article?' + urllib.parse.urlencode({"url": URL}) + '"') in response.text


def test_no_page_writes_to_the_archive(ds, db_path):
    before = {p: p.read_bytes() for p in db_path.parent.iterdir()}
    for path, params in [("/article", {"url": URL}), ("/article/history", {"url": URL}),
                         ("/article/raw", {"url": URL}), ("/article/raw/page", {"url": URL}),
                         ("/charts", {}), ("/runs", {}), ("/runs/1", {}), ("/sites", {}),
                         (f"/sites/{WWW}", {}), ("/find", {"q": "trung"}),
                         ("/article/warc", {"url": URL})]:
        get(ds, path, **params)
    after = {p: p.read_bytes() for p in db_path.parent.iterdir()}
    assert after == before


@pytest.mark.parametrize("stored", [b"", b"  \n ", b"<!DOCTYPE html>\n<!-- saved <b>page</b>"])
def test_a_stored_answer_with_no_element_is_shown_as_its_text(tmp_path, stored):
    """An answer an HTML parser builds no page of (empty, or a doctype and a comment cut
    off) is still the archive's: its raw view says so and shows the text, escaped."""
    path = tmp_path / "a.db"
    archive = Archive(path)
    run = archive.start_run([f"https://{WWW}"])
    archive.store_batch([], [Snapshot(url=URL, method="GET", status=200, body=stored,
                                      fetched_at="2024-05-02T02:00:00+00:00",
                                      headers=[("Content-Type", "text/html")])], run_id=run)
    archive.finish_run(run, "ok")
    archive.close()
    response = get(make_datasette(path), "/article/raw/page", url=URL)
    assert "default-src 'none'" in response.headers["content-security-policy"]
    doc = page(response)
    assert "no page a browser could show" in text(doc, "p")
    assert doc.cssselect("pre")[0].text_content() == stored.decode()
    assert not doc.cssselect("b")  # the comment's markup stays text
