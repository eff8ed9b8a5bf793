"""Listing pages: items, the LoadArticle parameters in their inline script, and the POST
form the spider builds from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler import settings as project_settings
from crawler.middlewares import BackoffRetryMiddleware
from crawler.parsers import load, parse_listing
from crawler.parsers.vnportal import max_page, pagination_params

FIXTURES = Path(__file__).parent / "fixtures"

SCRIPTS = [
    # as seen on the portal
    """$(function(){ LoadArticle({article_category_id: 5120, categoryIds: "5120", site_id: 2930,
       page_size: 15}); }); var maxPage = parseInt(37);""",
    # quoted keys and values, single quotes, other spacing
    """var opts = {'article_category_id' : '5120', 'categoryIds':'5120,5121', "site_id": "2930",
       "page_size" : 15}; var maxPage=parseInt('37');""",
    # assignments instead of an object literal
    """article_category_id = 5120; categoryIds = "5120"; site_id = 2930; page_size = 15;
       var maxPage = 37;""",
]


@pytest.mark.parametrize("script", SCRIPTS)
def test_pagination_parameters_are_read_from_the_script(script):
    doc = load(f"<html><body><ul class='pagination'></ul><script>{script}</script></body></html>")
    params = pagination_params(doc)
    assert params["article_category_id"] == "5120"
    assert params["categoryIds"].startswith("5120")
    assert params["site_id"] == "2930"
    assert params["page_size"] == "15"
    assert max_page(doc) == 37


def test_pager_data_pages_count_when_the_script_has_no_max():
    doc = load("""<html><body><ul class="pagination">
      <li class="page-item page-number" data-page="1"><a>1</a></li>
      <li class="page-item page-number" data-page="2"><a>2</a></li>
      <li class="page-item page-number" data-page="9"><a>9</a></li></ul></body></html>""")
    assert max_page(doc) == 9


def test_listing_fixture_items():
    html = (FIXTURES / "vnportal-category-listing.html").read_bytes()
    listing = parse_listing(html, "https://www.nghean.gov.vn/tin-tuc-su-kien-73053")
    assert listing is not None
    assert len(listing.entries) == 15
    assert all(e.url.startswith("https://www.nghean.gov.vn/") for e in listing.entries)
    assert all("pageindex" not in e.url for e in listing.entries)
    assert all(e.title and e.published_at for e in listing.entries)
    assert listing.max_page > 1
    assert {"article_category_id", "categoryIds", "site_id", "page_size"} <= set(listing.pagination)


def test_an_article_page_is_not_a_listing():
    html = (FIXTURES / "seed-article.html").read_bytes()
    assert parse_listing(html, "https://www.nghean.gov.vn/tin-tuc/x-569138") is None


def test_retry_backoff_grows_and_is_capped():
    s = Settings()
    s.setmodule(project_settings)
    s.set("GOVNEWS_RETRY_BACKOFF_BASE", 2.0)
    s.set("GOVNEWS_RETRY_BACKOFF_MAX", 10.0)
    mw = BackoffRetryMiddleware(s)

    class Req:
        def __init__(self, n):
            self.meta = {"retry_times": n}

    assert [mw._delay(Req(n)) for n in (1, 2, 3, 4, 5)] == [2.0, 4.0, 8.0, 10.0, 10.0]
