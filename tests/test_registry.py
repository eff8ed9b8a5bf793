"""Layouts are plug-ins: listed in the registry, asked in order, and the record names the
layout and version that made it; a fixture's file name says which layout must read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parsers import detect_layout, is_article_url, layouts, load, parse_article
from crawler.parsers.registry import get
from tests.conftest import without_file_fields

FIXTURES = Path(__file__).parent / "fixtures"
# A fixture's name starts with the layout that must read it, and its version when not
# the first: vnportal-*.html is vnportal/1's, vnportal.v2-*.html vnportal/2's.
KEYED = sorted(p for p in FIXTURES.glob("*.html")
               if p.name.split("-")[0].split(".v")[0] in {"vnportal", "nukeviet", "wordpress"})


def layout_key(page: Path) -> str:
    name, _, version = page.name.split("-")[0].partition(".v")
    return f"{name}/{version or '1'}"


def test_the_registry_lists_every_layout_module_and_nothing_else():
    import ast

    from crawler.parsers import registry

    package = Path(registry.__file__).parent
    defining = sorted(p.stem for p in package.glob("*.py") if any(
        isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "LAYOUTS"
                                             for t in node.targets)
        for node in ast.parse(p.read_text(encoding="utf-8")).body))
    assert sorted(registry.LAYOUT_MODULES) == defining
    names = {layout.name for layout in layouts()}
    assert {"vnportal", "nukeviet", "wordpress"} <= names
    assert len({layout.key for layout in layouts()}) == len(layouts())


@pytest.mark.parametrize("page", KEYED, ids=[p.stem for p in KEYED])
def test_each_fixture_is_read_by_the_layout_it_is_named_after(page):
    spec = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    key = layout_key(page)
    record = parse_article(page.read_bytes(), spec["url"], spec["fetched_at"])
    if spec["expected"] is None:  # a page of the site that is no article
        assert record is None
        return
    assert detect_layout(load(page.read_bytes())).key == key
    assert record.parser == key


def test_two_versions_of_a_layout_side_by_side():
    assert get("vnportal/1").version == "1" and get("vnportal/2").version == "2"
    assert get("vnportal").key == "vnportal/2"  # the newest, asked first
    order = [x.key for x in layouts()]
    assert order.index("vnportal/2") < order.index("vnportal/1")


@pytest.mark.parametrize("url, article", [
    ("https://truongthi.vinh.nghean.gov.vn/2023/10/ra-quan-lam-sach-moi-truong/", True),
    ("https://truongthi.vinh.nghean.gov.vn/?p=1842", True),
    ("https://truongthi.vinh.nghean.gov.vn/category/tin-tuc-su-kien/page/2/", False),
    ("https://www.nghean.gov.vn/tin-tuc-su-kien/khai-mac-le-hoi-723384", True),
    ("https://quangchau.nghean.gov.vn/tin-tuc/lam-duong-giao-thong-1234.html", True),
    ("https://www.nghean.gov.vn/tin-tuc-su-kien", False),
])
def test_article_urls_are_told_by_the_layouts(url, article):
    assert is_article_url(url) is article


WP_ARCHIVE = """<html><head><meta name="generator" content="WordPress 6.4.2"></head><body>
<header><nav><a href="/2023/01/gioi-thieu-phuong/">Giới thiệu</a></nav></header>
<main><h1 class="page-title">Tin tức - Sự kiện</h1>
<article id="post-3" class="post-3 post"><h2 class="entry-title"><a href="/2023/10/bai-ba/">Bài ba</a></h2>
<time class="entry-date published" datetime="2023-10-08T07:45:12+07:00">08/10/2023</time></article>
<article id="post-2" class="post-2 post"><h2 class="entry-title"><a href="/2023/10/bai-hai/">Bài hai</a></h2>
<time class="entry-date published" datetime="2023-10-05T09:00:00+07:00">05/10/2023</time></article>
<article id="post-1" class="post-1 post"><h2 class="entry-title"><a href="/2023/09/bai-mot/">Bài một</a></h2>
<time class="entry-date published" datetime="2023-09-30T16:10:00+07:00">30/09/2023</time></article>
<nav class="pagination"><a class="next" href="/category/tin-tuc/page/2/">Trang sau</a></nav></main>
<aside class="widget-area"><a href="/2022/12/bai-cu/">Bài cũ</a></aside></body></html>"""


def test_a_wordpress_archive_is_a_listing_paged_in_its_url():
    from crawler.parsers import is_pager_link, parse_listing

    base = "https://truongthi.vinh.nghean.gov.vn/category/tin-tuc/"
    listing = parse_listing(WP_ARCHIVE, base)
    assert listing is not None and listing.layout == get("wordpress").key
    assert [(e.title, e.published_at) for e in listing.entries] == [
        ("Bài ba", "2023-10-08T07:45:12+07:00"), ("Bài hai", "2023-10-05T09:00:00+07:00"),
        ("Bài một", "2023-09-30T16:10:00+07:00")]  # not the menu's or the side box's links
    assert is_pager_link(base + "page/2/")
    assert not is_pager_link("https://truongthi.vinh.nghean.gov.vn/?p=1842")


def test_the_portals_later_template_is_read_by_version_2_with_every_field_right():
    import urllib.request

    from crawler.replica import ReplicaServer, build_site

    site = build_site(layout="moved")
    with ReplicaServer(site, port=0) as server:
        for article in site.articles.values():
            path = site.article_path(article)
            html = urllib.request.urlopen(server.url + path).read()
            record = without_file_fields(parse_article(html, server.url + path).to_dict())
            assert record["parser"] == "vnportal/2", path
            for key, value in site.expected_record(article.id, server.url).items():
                assert record[key] == value, f"{path}: {key}"
