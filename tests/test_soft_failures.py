"""Nights a site answers but is not itself, as a years-long archive meets them.

Every article address answering 404 or sending to the home page at once, a listing that
shows nothing ("Chưa có dữ liệu") while its articles still answer, a start page cut short
in transit: each is said, makes its site degraded, and loses nothing the archive holds.
"""

from __future__ import annotations

import sqlite3

from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.spiders.portal import PortalSpider
from tests.conftest import query
from tests.test_crawl_memory import listing_response
from tests.test_listing_ends import _nights, _plain_site, _Site
from tests.test_page_roles import ARTICLES, SECTION, article_page


def test_every_article_answering_404_one_night_marks_none_gone(tmp_path):
    site = _Site(_plain_site())
    saved = {p: b for p, b in site.files.items() if p.endswith(".html")}

    def all_missing(site):
        for path in saved:
            del site.files[path]

    def back(site):
        site.files.update(saved)

    db = tmp_path / "a.db"
    url, runs = _nights(db, site, all_missing, back)
    assert runs[0].returncode == 0, runs[0].stderr
    asked_missing = [p for p in site.asked if p in saved]
    assert len(asked_missing) > len(saved), "the second night asked no archived article"
    assert runs[1].returncode == 5, runs[1].stderr  # degraded
    rows = query(db, "select status, reason from site_runs where run_id = 2")
    assert rows[0][0] == "degraded" and "not itself" in rows[0][1], rows
    assert query(db, "select count(*) from articles where gone_at is not null") == [(0,)]
    assert runs[2].returncode == 0, runs[2].stderr
    assert query(db, "select count(*) from articles where gone_at is null") == [(len(ARTICLES),)]


def test_one_article_answering_404_among_others_is_gone(tmp_path):
    site = _Site(_plain_site())
    removed = "/tin-tuc/hop-mat-dau-xuan.html"

    def withdraw(site):
        del site.files[removed]
        site.files["/tin-tuc/"] = SECTION.replace("hop-mat-dau-xuan", "hop-mat-cuoi-nam")
        site.files["/tin-tuc/hop-mat-cuoi-nam.html"] = article_page(
            "hop-mat-cuoi-nam", "Họp mặt cuối năm với các thế hệ cán bộ")

    db = tmp_path / "a.db"
    url, runs = _nights(db, site, withdraw)
    assert runs[1].returncode in (0, 4), runs[1].stderr
    assert query(db, "select url from articles where gone_at is not null") == [(url + removed,)]


def test_a_walked_listing_showing_nothing_one_night_stays_a_listing(tmp_path):
    site = _Site(_plain_site())
    empty = ('<html><head><meta charset="utf-8"><title>Tin tức</title></head><body><h1>Tin tức'
             "</h1><p>Chưa có dữ liệu</p></body></html>")
    new = "/tin-tuc/don-xuan-2025.html"

    def emptied(site):
        site.files["/tin-tuc/"] = empty

    def refilled(site):
        site.files["/tin-tuc/"] = SECTION.replace(
            "<ul>", '<ul><li><a href="/tin-tuc/don-xuan-2025.html">Đón xuân 2025</a>'
                    " 12/03/2024</li>")
        site.files[new] = article_page("don-xuan-2025", "Đón xuân 2025 cùng bà con trong xã")

    db = tmp_path / "a.db"
    url, runs = _nights(db, site, emptied, refilled)
    _listing_lost_one_night(db, url, runs, "no article now")
    # not remembered as a page that is no listing: walked again, its new article found
    assert query(db, "select kind from pages where url = ?", url + "/tin-tuc/") == [("listing",)]
    assert runs[2].returncode == 0, runs[2].stderr
    assert query(db, "select count(*) from articles where url = ?", url + new) == [(1,)]


def _listing_lost_one_night(db, url: str, runs, reason: str) -> None:
    """The second night: the site degraded for its listing /tin-tuc/ (``reason``), said as
    listing_empty, and no archived article taken for gone."""
    assert runs[1].returncode == 5, runs[1].stderr
    rows = query(db, "select status, reason from site_runs where run_id = 2")
    assert rows[0][0] == "degraded" and reason in rows[0][1], rows
    assert query(db, "select kind from crawl_errors where url = ?", url + "/tin-tuc/") \
        == [("listing_empty",)]
    assert query(db, "select count(*) from articles where gone_at is not null") == [(0,)]


def test_a_walked_listing_answering_with_the_home_page_one_night_is_said(tmp_path):
    """Joomla answers a list it lost with its default menu item, the home page, under the
    list's own address: that list is not read tonight (its site degraded), its articles
    are not taken for gone, and it is walked again the next night."""
    site = _Site(_plain_site())
    listing = site.files["/tin-tuc/"]
    # the home page's box of the newest articles, none of them the list's
    home = ('<html><head><meta charset="utf-8"><title>Trang chủ - Xã Thử</title></head><body>'
            "<h1>Tin mới</h1><ul>" + "".join(
                f'<li><a href="/tin-moi/bai-{n}.html">Tin mới số {n} của xã Thử trong tuần</a> '
                "14/03/2024</li>" for n in range(3)) + "</ul></body></html>")

    def home_instead(site):
        site.files["/tin-tuc/"] = home
        site.files.update({f"/tin-moi/bai-{n}.html": article_page(
            f"bai-{n}", f"Tin mới số {n} của xã Thử trong tuần") for n in range(3)})

    def back(site):
        site.files["/tin-tuc/"] = listing

    db = tmp_path / "a.db"
    url, runs = _nights(db, site, home_instead, back)
    _listing_lost_one_night(db, url, runs, "home page")
    assert runs[2].returncode == 0, runs[2].stderr


def test_a_start_page_cut_short_is_said_and_its_site_degraded(tmp_path):
    files = _plain_site()
    home = files["/"]
    files["/"] = home[:home.index("Địa chỉ") + 3]  # mid-word: no footer, no </html>
    db = tmp_path / "a.db"
    url, runs = _nights(db, _Site(files))
    assert runs[0].returncode == 5, runs[0].stderr
    assert query(db, "select kind from crawl_errors where url = ?", url + "/") == [("truncated",)]
    rows = query(db, "select status, reason from site_runs")
    assert rows[0][0] == "degraded" and "cut short" in rows[0][1], rows
    assert query(db, "select count(*) from articles") == [(len(ARTICLES),)]


def test_a_start_page_without_its_end_tag_but_whole_is_no_fault(tmp_path):
    files = _plain_site()
    files["/"] = files["/"].replace("</body></html>", "").rstrip()
    assert "</html>" not in files["/"]
    db = tmp_path / "a.db"
    url, runs = _nights(db, _Site(files))
    assert runs[0].returncode == 0, runs[0].stderr
    assert query(db, "select status from site_runs") == [("ok",)]


def test_a_module_page_names_the_site_layout_over_a_page_the_fallback_read_first(tmp_path):
    crawler = get_crawler(PortalSpider, {"GOVNEWS_DB": str(tmp_path / "none.db")})
    spider = PortalSpider.from_crawler(crawler, site="https://www.nghean.gov.vn")
    register = "https://www.nghean.gov.vn/tin-tuc/"
    request = Request(register, meta={"kind": "page", "depth_hops": 9})
    first = HtmlResponse(register, body=SECTION.encode(), encoding="utf-8", request=request)
    list(spider.judge_page(first, spider_doc(first), register, "2026-01-01T00:00:00+00:00"))
    response, role = listing_response(400)
    list(spider.judge_page(response, spider_doc(response), response.url,
                           "2026-01-01T00:00:00+00:00"))
    assert spider.site_layout["www.nghean.gov.vn"] == role.layout_key
    assert spider.known_layout(response.url) is not None


def spider_doc(response):
    from crawler.parsers import load

    return load(response.body)


def test_a_page_found_no_listing_is_asked_again_after_a_month(tmp_path):
    """A new category holding no article yet reads as no list; remembered as "other" it
    was never asked again, and the articles it listed later were never found."""
    site = _Site(_plain_site())
    site.files["/tin-tuc/"] = ('<html><head><meta charset="utf-8"><title>Tin tức</title></head>'
                               "<body><h1>Tin tức</h1><p>Chưa có bài viết.</p></body></html>")
    db = tmp_path / "a.db"
    seen = []

    def a_day_on(site):
        seen.append(query(db, "select kind from pages where url like '%/tin-tuc/'"))
        site.files["/tin-tuc/"] = SECTION
        site.asked.clear()

    def a_month_on(site):
        seen.append("/tin-tuc/" in site.asked)
        with sqlite3.connect(db) as con:
            con.execute("update pages set last_fetched_at = '2020-01-01T00:00:00+00:00'")
        site.asked.clear()

    url, runs = _nights(db, site, a_day_on, a_month_on)
    assert seen == [[("other",)], False], seen  # the next day it is not asked
    assert "/tin-tuc/" in site.asked  # a month on it is, and lists its articles
    assert sorted(u for (u,) in query(db, "select url from articles")) == sorted(
        f"{url}/tin-tuc/{s}.html" for s in ARTICLES)
