"""Layouts are plug-ins: found in the package, asked in order, and the record names the
layout and version that made it; a fixture's file name says which layout must read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parsers import detect_layout, is_article_url, layouts, load, parse_article
from crawler.parsers.registry import get

FIXTURES = Path(__file__).parent / "fixtures"
KEYED = sorted(p for p in FIXTURES.glob("*.html")
               if p.name.split("-")[0] in {"vnportal", "nukeviet", "wordpress"})


def test_the_layout_modules_are_found_without_a_list():
    names = {layout.name for layout in layouts()}
    assert {"vnportal", "nukeviet", "wordpress"} <= names
    assert len({layout.key for layout in layouts()}) == len(layouts())


@pytest.mark.parametrize("page", KEYED, ids=[p.stem for p in KEYED])
def test_each_fixture_is_read_by_the_layout_it_is_named_after(page):
    spec = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    name = page.name.split("-")[0]
    record = parse_article(page.read_bytes(), spec["url"], spec["fetched_at"])
    if spec["expected"] is None:  # a page of the site that is no article
        assert record is None
        return
    assert detect_layout(load(page.read_bytes())).name == name
    assert record.parser == get(name).key


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
