"""The web view's own pages in a real headless Chromium, on an archive crawled from the
replica (through the family proxy, with its files) in which one article was then edited
and one removed: what a person sees on each page, that the stored page runs no script,
that no request leaves 127.0.0.1, that the view writes nothing, and that a crawl can run
while it serves."""

from __future__ import annotations

import hashlib
import urllib.parse

import pytest

from archive.store import Archive
from crawler.kernel.record import Snapshot
from crawler.replica import build_site
from crawler.replica.family import FamilyProxy, build_family

from .browser import outside, served_archive
from .conftest import family_crawl, query

MAIN = "http://www.nghean.gov.vn"
EDITED, REMOVED = "669820", "598830"
NEW_TITLE = "Công điện khẩn của Chủ tịch UBND tỉnh về ứng phó với bão số 4 (Noru)"
SCRIPTED = ("<html><head><title>Trang gốc</title><script>document.title = 'đã chạy'</script>"
            "</head><body><h1 id='h'>Trang lưu</h1><script>document.getElementById('h')"
            ".textContent = 'script đã chạy'</script>"
            "<img src='https://ads.example.com/pixel.gif'></body></html>").encode()


def q(url: str) -> str:
    return urllib.parse.quote(url, safe="")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("view") / "a.db"
    with FamilyProxy(build_family(), port=0) as proxy:
        first = family_crawl(proxy, db, MAIN)
        assert first.returncode == 0, first.stderr[-3000:]
        proxy.family = build_family(portal=build_site(
            edit={EDITED: {"title": NEW_TITLE}}, remove=[REMOVED]))
        second = family_crawl(proxy, db, MAIN, "--full", "--refresh")
        assert second.returncode == 0, second.stderr[-3000:]
    urls = dict(query(db, "select article_id, url from articles"))
    # a stored page whose scripts would change its title and heading, if they ran
    archive = Archive(db)
    archive.store_batch(snapshots=[Snapshot(url=urls[EDITED], method="GET", status=200,
                                            body=SCRIPTED, fetched_at="2026-01-01T00:00:00+00:00")])
    archive.close()
    fetch = query(db, "select max(id) from fetches")[0][0]
    return {"db": db, "edited": urls[EDITED], "removed": urls[REMOVED], "fetch": fetch}


@pytest.fixture(scope="module")
def base(crawled):
    with served_archive(crawled["db"]) as url:
        yield url


@pytest.fixture(autouse=True)
def _fresh(browser):
    browser.clear()


def all_local(browser):
    assert outside(browser.requests) == []
    bad = [(r.url, r.status, r.failure) for r in browser.requests
           if r.failure or (r.status or 0) >= 400]
    assert bad == []


def test_the_article_page_shows_the_body_and_the_archived_image(browser, base, crawled):
    page = browser.open(f"{base}/article?url={q(crawled['edited'])}")
    assert page.locator("h1.article-title").inner_text() == NEW_TITLE
    body = page.locator(".article-body").inner_text()
    assert "bão số 4 là cơn bão rất mạnh" in body
    image = page.locator("figure img").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.get_attribute("src").startswith("/file?url=")
    assert page.locator("figcaption").first.inner_text() == (
        "Tàu thuyền neo đậu tránh bão tại cảng cá Lạch Quèn, huyện Quỳnh Lưu")
    assert NEW_TITLE in page.locator(".cite .cite-apa").inner_text()
    all_local(browser)


def test_the_diff_highlights_the_changed_words(browser, base, crawled):
    page = browser.open(f"{base}/article/history?url={q(crawled['edited'])}")
    inserted = " ".join(page.locator(".diff-text.title ins").all_inner_texts())
    removed = " ".join(page.locator(".diff-text.title del").all_inner_texts())
    assert "khẩn" in inserted and "(Noru)" in inserted
    assert "chủ động" in removed
    colour = page.locator(".diff-text.title ins").first.evaluate(
        "el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "trang nguồn đã sửa" in page.locator("table.versions").inner_text()
    all_local(browser)


def test_a_removed_article_says_it_is_gone(browser, base, crawled):
    page = browser.open(f"{base}/article/history?url={q(crawled['removed'])}")
    assert "Đã gỡ từ" in page.locator(".gone").inner_text()
    all_local(browser)


def test_the_chart_has_a_bar_for_each_month(browser, base, crawled):
    page = browser.open(f"{base}/charts")
    months = {m for (m,) in query(crawled["db"], "select distinct substr(published_at, 1, 7)"
                                                 " from articles")}
    bars = page.locator("#months rect.bar")
    shown = set(bars.evaluate_all("els => els.map(e => e.dataset.month)"))
    assert shown == months
    box = bars.first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    all_local(browser)


def test_the_stored_page_runs_no_script_and_loads_nothing_outside(browser, base, crawled):
    page = browser.open(f"{base}/article/raw?url={q(crawled['edited'])}&fetch={crawled['fetch']}")
    frame = next(f for f in page.frames if "/article/raw/page" in f.url)
    assert frame.title() == "Trang gốc"
    assert frame.locator("#h").inner_text() == "Trang lưu"
    assert page.title().endswith("govnews")
    assert not [r for r in browser.requests if "ads.example.com" in r.url]
    all_local(browser)


@pytest.mark.parametrize("path", ["/runs/1", "/runs/2", "/sites/www.nghean.gov.vn", "/sites",
                                  "/runs", "/find?q=nguyen+duc+trung&category=chi+dao+dieu+hanh",
                                  "/archive/articles"])
def test_each_page_answers(browser, base, path):
    page = browser.open(base + path)
    assert page.locator("h1").first.inner_text()
    all_local(browser)


def test_the_search_page_shows_snippets_without_markers(browser, base, crawled):
    page = browser.open(f"{base}/find?q=nguyen+duc+trung&category=chi+dao+dieu+hanh")
    hits = page.locator("ol.hits li")
    assert hits.count() > 0
    assert "**" not in hits.first.inner_text()
    assert page.locator("ol.hits mark").first.inner_text() == "Nguyễn Đức Trung"
    all_local(browser)


def test_the_view_writes_nothing_and_a_crawl_can_run_while_it_serves(browser, crawled,
                                                                     tmp_path):
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(crawled["db"], db)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with served_archive(db) as url:
        for path in ("/charts", f"/article?url={q(crawled['edited'])}", "/runs/1",
                     f"/article/raw/page?url={q(crawled['edited'])}"):
            browser.open(url + path)
        assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
        with FamilyProxy(build_family(), port=0) as proxy:
            run = family_crawl(proxy, db, MAIN, "--refresh")
            assert run.returncode == 0, run.stderr[-3000:]
        page = browser.open(url + "/runs")
        assert page.locator("table tbody tr").count() == 3
    all_local(browser)
