"""``govnews serve`` in a real headless Chromium (tests/browser.py): what a person sees on
the Datasette pages, and that the browser asks nothing of any machine but this one."""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

from archive.store import Archive
from archive.web_metadata import TABLES
from crawler.kernel.record import Article

from .browser import inline, outside, screenshot, served_archive

WWW = "www.nghean.gov.vn"


def _article(n: int, title: str, **fields) -> Article:
    fields.setdefault("body", "Nội dung bài viết.")
    return Article(url=f"https://{WWW}/tin-tuc/bai-viet-{n}", site=WWW, article_id=str(n),
                   title=title, **fields)


TRUNG = _article(1, "Chủ tịch UBND tỉnh Nguyễn Đức Trung làm việc với huyện Anh Sơn",
                 published_at="2024-05-02T08:00:00+07:00", category="Tin tức - Sự kiện",
                 body="Buổi làm việc bàn về tiến độ các dự án trọng điểm.")
TRUNG_BODY = _article(2, "Hội nghị tổng kết công tác năm 2023", published_at="2024-01-15",
                      body="Đồng chí Nguyễn Đức Trung, Chủ tịch UBND tỉnh chủ trì hội nghị.")
OTHER = _article(3, "Giám đốc Trung tâm Nguyễn Văn Đức tiếp đoàn doanh nghiệp",
                 published_at="2024-05-07", body="Ông Đức tiếp đoàn doanh nghiệp.")
ARTICLES = [TRUNG, TRUNG_BODY, OTHER]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The base URL of ``govnews serve`` on a small archive."""
    path = tmp_path_factory.mktemp("browser") / "a.db"
    archive = Archive(path)
    try:
        archive.store_articles(ARTICLES)
    finally:
        archive.close()
    with served_archive(path) as url:
        yield url


@pytest.fixture(autouse=True)
def _fresh(browser):
    browser.clear()


def titles(page) -> list[str]:
    """The titles in the rows the page shows."""
    return page.locator("table.rows-and-columns tbody td.col-title").all_inner_texts()


def assert_all_local_and_fine(browser):
    assert outside(browser.requests) == []
    assert [(r.url, r.status, r.failure) for r in browser.requests
            if r.failure or (r.status or 0) >= 400] == []
    assert browser.console_errors == [] and browser.page_errors == []


def test_articles_page_shows_the_articles(browser, base):
    page = browser.open(base + "/archive/articles")
    expect(page.get_by_role("heading", level=1)).to_have_text(TABLES["articles"]["title"])
    expect(page.get_by_text(TRUNG.title, exact=True)).to_be_visible()
    assert set(titles(page)) == {a.title for a in ARTICLES}
    kinds = {r.resource_type for r in browser.requests}
    assert {"document", "stylesheet"} <= kinds
    assert all(r.frame_url is not None for r in browser.requests)
    assert_all_local_and_fine(browser)


def test_search_box_finds_a_name_typed_without_accents(browser, base, tmp_path):
    page = browser.open(base + "/archive/articles")
    box = page.get_by_label("Search")
    box.click()
    box.press_sequentially("nguyen duc trung")
    with page.expect_navigation():
        box.press("Enter")
    browser.settle(page)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    assert query["_search"] == ["nguyen duc trung"]
    expect(page.get_by_label("Search")).to_have_value("nguyen duc trung")
    expect(page.get_by_text(TRUNG.title, exact=True)).to_be_visible()
    assert sorted(titles(page)) == sorted([TRUNG.title, TRUNG_BODY.title])
    navigations = [r.url for r in browser.requests if r.navigation]
    assert navigations[0] == base + "/archive/articles" and navigations[-1] == page.url
    assert_all_local_and_fine(browser)
    png = screenshot(page, tmp_path / "search.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 1280  # the IHDR width: the viewport's


def test_a_row_page_shows_its_title(browser, base):
    page = browser.open(base + "/archive/articles")
    with page.expect_navigation():
        page.get_by_role("link", name=TRUNG.url, exact=True).click()
    browser.settle(page)
    assert urllib.parse.urlsplit(page.url).path.startswith("/archive/articles/")
    expect(page.get_by_text(TRUNG.title, exact=True)).to_be_visible()
    expect(page.get_by_text(OTHER.title, exact=True)).to_have_count(0)
    assert_all_local_and_fine(browser)


def test_localhost_is_served_directly(browser, base):
    page = browser.open(base.replace("127.0.0.1", "localhost") + "/archive/articles")
    expect(page.get_by_text(TRUNG.title, exact=True)).to_be_visible()
    assert_all_local_and_fine(browser)


def test_what_a_page_asks_of_another_machine_is_recorded_and_goes_nowhere(browser, base):
    page = browser.open(base + "/archive/articles")
    browser.clear()
    page.set_content('<img src="http://example.com/logo.png">'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                     f'<iframe src="{base}/archive/articles?_search=trung"></iframe>')
    browser.settle(page)
    away = outside(browser.requests)
    assert [(r.url, r.resource_type, r.failure) for r in away] == [
        ("http://example.com/logo.png", "image", "net::ERR_PROXY_CONNECTION_FAILED")]
    frame = [r for r in browser.requests if r.resource_type == "document"]
    assert [(r.url, r.frame_url) for r in frame] == [
        (base + "/archive/articles?_search=trung", base + "/archive/articles")]
    assert any(r.frame_url == frame[0].url and r.resource_type == "stylesheet"
               for r in browser.requests)  # the iframe's own CSS
    assert inline(browser.requests) == []  # Playwright reports no data: URL
    # Chromium writes its NetLog in batches: another page's events push these out.
    browser.open(base + "/-/versions")
    asked = {r.url for r in browser.net_requests()}
    assert "http://example.com/logo.png" in asked and base + "/favicon.ico" in asked
    assert browser.off_machine() == []
