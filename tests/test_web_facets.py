"""The articles table's facets by category, site and month on a filtered or searched page,
whatever way the search reaches its rows (``archive.web_search``): each is the counts of
the rows the page lists, ordered and cut as Datasette's column facet and the month facet
order them."""

from __future__ import annotations

import asyncio
import re
import urllib.parse
from collections import Counter

import pytest

from archive import web_search
from archive.web import make_datasette
from crawler.kernel.record import Article

from .test_web_search import archive_with

SITES = ("www.nghean.gov.vn", "sxd.nghean.gov.vn", "anhson.nghean.gov.vn", "vinh.nghean.gov.vn")
CATEGORIES = ("Tin tức - Sự kiện", "Chỉ đạo điều hành", "Văn hóa", None)


def _articles() -> list[Article]:
    out = []
    for n in range(1, 81):
        words = "Hội nghị của tỉnh" + (" về Hòa Bình" if n % 3 == 0 else "")
        # dates: full, a month alone, none, and one no month can be read from
        published = (None if n % 13 == 0 else "2023" if n % 17 == 0
                     else f"202{n % 3 + 2}-{n % 12 + 1:02d}" if n % 7 == 0
                     else f"202{n % 3 + 2}-{n % 12 + 1:02d}-{n % 27 + 1:02d}T08:00:00+07:00")
        out.append(Article(
            url=f"https://{SITES[n % 4]}/tin-tuc/bai-viet-{n}", site=SITES[n % 4],
            article_id=str(n), title=f"{words} số {n}", body=f"Nội dung {n}. {words}.",
            published_at=published, category=CATEGORIES[(n * 7) % 4 if n % 5 else 3]))
    return out


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return archive_with(tmp_path_factory.mktemp("web_facets") / "a.db", _articles())


def _get(ds, args: dict) -> dict:
    response = asyncio.run(ds.client.get(
        "/archive/articles.json?" + urllib.parse.urlencode(args, doseq=True)))
    assert response.status_code == 200, response.text
    return response.json()


def _expected(rows: list[dict], size: int) -> dict[str, list[tuple]]:
    """Each facet's counts over every row the page lists, as the facets' SQL orders and
    cuts them (column facets: most first, then by value; months: newest first)."""
    out = {}
    for column in ("category", "site"):
        counts = Counter(row[column] for row in rows if row[column] is not None)
        out[column] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:size]
    months = Counter(row["published_at"][:7] for row in rows
                     if re.fullmatch(r"[0-9]{4}-[0-9]{2}.*", row["published_at"] or ""))
    out["published_at"] = sorted(months.items(), reverse=True)[:size]
    return out


FILTERS = [
    {"_search": "tỉnh"},
    {"_search": "hòa bình"},
    {"_search_title": "tỉnh"},
    {"site": SITES[1]},
    {"category": CATEGORIES[0]},
    {"_search": "tỉnh", "site": SITES[2]},
    {"_search": "tỉnh", "published_at__startswith": "2023"},
    {"published_at__startswith": "2024-03"},
]


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("plan", ["small", "large", "most"])
@pytest.mark.parametrize("args", FILTERS, ids=lambda a: urllib.parse.urlencode(a))
def test_each_facet_counts_the_rows_the_page_lists(db_path, monkeypatch, args, plan, size):
    monkeypatch.setattr(web_search, "LARGE_MATCH", {"small": 10**9}.get(plan, 2))
    monkeypatch.setattr(web_search, "MOST_LOOKUPS", {"most": 3}.get(plan, 10**9))
    ds = make_datasette(db_path)
    rows = _get(ds, dict(args, _size="max", _shape="objects"))["rows"]
    assert rows
    data = _get(ds, dict(args, _size=5, _facet_size=size))
    got = {name: [(v["value"], v["count"]) for v in facet["results"]]
           for name, facet in data["facet_results"].items()}
    assert got == _expected(rows, size)
    assert all(facet["truncated"] == (len(_expected(rows, 10**6)[name]) > size)
               for name, facet in data["facet_results"].items())
