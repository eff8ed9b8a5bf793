"""The articles table's search box over a large match: tested as a set and found by the
sort's own index (``archive.web_search``), with the same rows, pages and facets as a
small match read row by row."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import urllib.parse

import pytest

from archive import web_search
from archive.store import Archive
from archive.web import make_datasette
from crawler.kernel.record import Article, Document

SITES = ("www.nghean.gov.vn", "sxd.nghean.gov.vn", "anhson.nghean.gov.vn")
CATEGORIES = ("Tin tức - Sự kiện", "Chỉ đạo điều hành", None)


def _articles() -> list[Article]:
    out = []
    for n in range(1, 61):
        # Every article says "tỉnh"; one in three "Hòa Bình"; some dates are missing, so
        # that the sort's empty end is paged through too.  (The other dates differ: among
        # equal values, Datasette's first page follows SQLite's order and the next ones
        # its key's, so rows with the same date can be shown twice with either plan.)
        words = "Hội nghị của tỉnh" + (" với tỉnh Hòa Bình" if n % 3 == 0 else "")
        out.append(Article(
            url=f"https://{SITES[n % 3]}/tin-tuc/bai-viet-{n}", site=SITES[n % 3],
            article_id=str(n), title=f"{words} số {n}", body=f"Nội dung {n}. {words}.",
            published_at=None if n % 11 == 0 else f"2024-{n % 12 + 1:02d}-{n % 5 + 1:02d}",
            category=CATEGORIES[n % 3 if n % 7 else 2]))
    return out


@pytest.fixture
def ran(monkeypatch) -> list[str]:
    """The SQL each query sends to SQLite (after the archive's database has changed it)."""
    from datasette.database import Database

    sent = []
    real = Database.execute

    async def execute(self, sql, *args, **kwargs):
        sent.append(sql)
        return await real(self, sql, *args, **kwargs)

    monkeypatch.setattr(Database, "execute", execute)
    return sent


def archive_with(path, articles: list[Article]):
    """An archive at ``path`` holding ``articles``."""
    archive = Archive(path)
    try:
        archive.store_articles(articles)
    finally:
        archive.close()
    return path


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return archive_with(tmp_path_factory.mktemp("web_search") / "a.db", _articles())


def _facets(data: dict) -> dict:
    return {name: [(v["value"], v["count"]) for v in facet["results"]]
            for name, facet in data["facet_results"].items()}


def _pages(ds, args: dict, table: str = "articles") -> tuple[list[str], dict, str]:
    """Every row's URL over all of ``table``'s pages of 7 (following ``next``), the first
    page's facet counts and row count, and its SQL."""
    urls, facets, sql, after = [], None, None, None
    while True:
        page = dict(args, _size=7, _shape="objects", **({"_next": after} if after else {}))
        response = asyncio.run(ds.client.get(
            f"/archive/{table}.json?" + urllib.parse.urlencode(page)))
        assert response.status_code == 200, response.text
        data = response.json()
        urls += [row["url"] for row in data["rows"]]
        if facets is None:
            facets = _facets(data)
            facets["(rows)"] = data["filtered_table_rows_count"]
            sql = data["query"]["sql"]
        after = data["next"]
        if not after:
            return urls, facets, sql


SEARCHES = [
    {"_search": "tỉnh"},
    {"_search": "tinh"},
    {"_search": "hoa binh"},
    {"_search_title": "tỉnh"},
    {"_search": "tỉnh", "site": SITES[1]},
    {"_search": "tỉnh", "category": CATEGORIES[0]},
    {"_search": "tỉnh", "_sort": "title"},
    {"_search": "tỉnh", "_sort_desc": "article_id"},
    {"_search": "tỉnh", "_sort_desc": "url"},
    {"_search": "tỉnh", "_search_body": "hòa bình"},
    {"_search": "tỉnh", "published_at__startswith": "2024-03"},
]


# How each plan is brought about on this archive of 60 rows: (LARGE_MATCH, MOST_LOOKUPS),
# most of the table from sqrt(MOST_LOOKUPS * 60) matching rows (13; a phrase's 18).
PLANS = {"small": (10**9, 25_000), "large": (2, 10**9), "most": (2, 3)}


def _plan_pages(db_path, monkeypatch, plan: str, args: dict):
    monkeypatch.setattr(web_search, "LARGE_MATCH", PLANS[plan][0])
    monkeypatch.setattr(web_search, "MOST_LOOKUPS", PLANS[plan][1])
    return _pages(make_datasette(db_path), args)


def _used(sql: str) -> set[str]:
    """The plans whose test the SQL holds."""
    tests = {"small": web_search.SMALL_TEST, "large": web_search.LARGE_TEST,
             "most": web_search.MOST_TEST}
    def pattern(test: str) -> str:  # any index (words or word pairs), any search
        marks = {"index": "INDEX", "table": "TABLE", "name": "NAME"}
        return (r"(?<!\+)" + re.escape(test.format(**marks)).replace("INDEX", r"\w+")
                .replace("TABLE", "articles").replace("NAME", r"govnews_search_\d+"))

    # (the small test is the large one's without its +)
    return {plan for plan, test in tests.items() if re.search(pattern(test), sql)}


@pytest.mark.parametrize("plan", ["large", "most"])
@pytest.mark.parametrize("args", SEARCHES, ids=lambda a: urllib.parse.urlencode(a))
def test_a_large_match_finds_the_same_rows_pages_and_counts_as_a_small_one(
        db_path, monkeypatch, args, plan):
    small = _plan_pages(db_path, monkeypatch, "small", args)
    other = _plan_pages(db_path, monkeypatch, plan, args)
    assert _used(small[2]) == {"small"} and _used(other[2]) == {plan}
    assert other[0] == small[0] and other[0]  # the same rows, in the same order
    assert len(set(other[0])) == len(other[0])  # no row twice across the pages
    assert other[1] == small[1]  # the facets and the count
    assert other[1].pop("(rows)") == len(other[0]) and any(other[1].values())


def test_the_plan_follows_the_size_of_the_match(db_path, monkeypatch):
    ds = make_datasette(db_path)
    db = ds.get_database("archive")

    def plan(expression: str) -> str:
        test = asyncio.run(web_search.match_test(db, "articles", "articles_fts", expression))
        return _used(test.format(index="articles_fts", table="articles",
                                 name="govnews_search_0")).pop()

    assert web_search.LARGE_MATCH > 60  # this archive: no match of its is large
    assert plan('"tinh"') == "small"
    monkeypatch.setattr(web_search, "LARGE_MATCH", 10)
    assert plan('"tinh"') == "large"  # 60 rows: most of the table would be sqrt(25,000 * 60)
    assert plan('"hoa" + "binh"') == "large"  # 20 rows
    assert plan('"qwerty"') == "small"
    monkeypatch.setattr(web_search, "MOST_LOOKUPS", 15)  # most: 30 rows and up
    assert plan('"tinh"') == "most"
    assert plan('"hoa" + "binh"') == "large"


def _plan(db_path, sql: str) -> str:
    conn = sqlite3.connect(db_path)
    try:
        sql = sql.replace(":govnews_search_0", "'\"tinh\"'")
        return " | ".join(row[3] for row in conn.execute("explain query plan " + sql))
    finally:
        conn.close()


@pytest.mark.parametrize("plan", ["large", "most"])
def test_a_large_match_is_walked_in_the_sorts_index_not_read_and_sorted(
        db_path, monkeypatch, plan):
    """Why a large match is tested, not read: SQLite walks published_at's index newest
    first and stops at the page's end, instead of reading every match by rowid and
    sorting them all (a common word at a million articles: minutes)."""
    _, _, sql = _plan_pages(db_path, monkeypatch, plan, {"_search": "tỉnh"})
    explained = _plan(db_path, sql)
    assert "published_at" in explained and "TEMP B-TREE FOR ORDER BY" not in explained
    _, _, sql = _plan_pages(db_path, monkeypatch, "small", {"_search": "tỉnh"})
    explained = _plan(db_path, sql)
    assert "USING INTEGER PRIMARY KEY" in explained and "TEMP B-TREE FOR ORDER BY" in explained


@pytest.mark.parametrize("plan", ["large", "most"])
def test_a_large_matchs_facets_get_a_quarter_of_the_time_limit(db_path, plan):
    ds = make_datasette(db_path)
    limit = ds.setting("facet_time_limit_ms")

    class Facet:
        def __init__(self, test):
            self.ds = ds
            self.sql = "select * from articles where " + test.format(
                index="articles_fts", table="articles", name="govnews_search_0")

    test = {"large": web_search.LARGE_TEST, "most": web_search.MOST_TEST}[plan]
    assert web_search.facet_limit(Facet(test)) == limit // 4
    assert web_search.facet_limit(Facet(web_search.SMALL_TEST)) == limit
    facet = Facet(test)
    web_search.limit_facet(facet)
    assert facet.ds.setting("facet_time_limit_ms") == limit // 4
    assert facet.ds.setting("sql_time_limit_ms") == ds.setting("sql_time_limit_ms")


@pytest.mark.parametrize("plan", ["large", "most"])
def test_a_search_of_most_of_the_table_is_counted_in_its_index_and_faceted_as_a_set(
        db_path, monkeypatch, ran, plan):
    _, counts, page_sql = _plan_pages(db_path, monkeypatch, plan, {"_search": "tỉnh"})
    assert _used(page_sql) == {plan} and counts["(rows)"] == 60
    count = [sql for sql in ran if sql.startswith("select count(*) from articles_fts where")]
    assert count == ["select count(*) from articles_fts where articles_fts match"
                     " :govnews_search_0"] * len(count) and count
    facets = [sql for sql in ran if " as value, count(*) as count from (" in sql]
    assert facets and all(_used(sql) == {"large"} for sql in facets)
    rows = [sql for sql in ran if " limit 8" in sql]
    assert rows and all(_used(sql) == {plan} for sql in rows)



@pytest.mark.parametrize("plan", ["large", "most"])
def test_facets_of_a_match_too_large_to_count_in_time_time_out_at_once(
        db_path, monkeypatch, ran, plan):
    """A facet whose rows (the page's count) are more than it can count in its time
    limit is reported timed out without being run; below that it is counted."""
    monkeypatch.setattr(web_search, "FACET_ROWS_PER_MS", 0.1)  # 250 ms: 25 rows
    monkeypatch.setattr(web_search, "LARGE_MATCH", PLANS[plan][0])
    monkeypatch.setattr(web_search, "MOST_LOOKUPS", PLANS[plan][1])
    ds = make_datasette(db_path)

    def page(args):
        ran.clear()
        response = asyncio.run(ds.client.get(
            "/archive/articles.json?" + urllib.parse.urlencode(dict(args, _size=7))))
        assert response.status_code == 200, response.text
        facet_sql = [sql for sql in ran if " as value, count(*) as count from (" in sql]
        return response.json(), facet_sql

    data, facet_sql = page({"_search": "tỉnh"})  # 60 rows
    assert data["filtered_table_rows_count"] == 60 and data["rows"]
    assert not facet_sql and not data["facet_results"]
    ran.clear()
    html = asyncio.run(ds.client.get("/archive/articles?_search=t%E1%BB%89nh")).text
    timed_out = re.search(r"These facets timed out: ([^<]*)", html)
    assert timed_out and {"site", "category", "published_at"} <= set(
        timed_out[1].split(", "))
    assert not [sql for sql in ran if " as value, count(*) as count from (" in sql]
    data, facet_sql = page({"_search": "hoa binh", "site": SITES[0]})  # 20 rows, then 7
    assert data["filtered_table_rows_count"] < 25
    assert facet_sql
    assert _facets(data)["site"] == [(SITES[0], data["filtered_table_rows_count"])]


def test_a_search_too_large_to_facet_is_not_faceted_on_a_page_of_fewer_rows(
        db_path, monkeypatch, ran):
    """A common word and a site: the page's rows are few, but each facet would test them
    against the set of every row the word is in (a million at a million articles); the
    search counted it too large (as a large match or most of the table), so its facets
    time out at once.  A large match that is no such search keeps its facets."""
    monkeypatch.setattr(web_search, "FACET_ROWS_PER_MS", 0.1)  # 25 rows
    monkeypatch.setattr(web_search, "_HUGE", web_search.OrderedDict())
    for plan, words, faceted in (("large", "tỉnh", False), ("most", "tỉnh", False),
                                 ("large", "hoa binh", True)):  # 60, 60 and 20 rows
        monkeypatch.setattr(web_search, "LARGE_MATCH", PLANS[plan][0])
        monkeypatch.setattr(web_search, "MOST_LOOKUPS", PLANS[plan][1])
        ran.clear()
        response = asyncio.run(make_datasette(db_path).client.get(
            "/archive/articles.json?" + urllib.parse.urlencode(
                {"_search": words, "site": SITES[0], "_size": 7})))
        data = response.json()
        assert 0 < data["filtered_table_rows_count"] < 25  # faceted, unless huge
        facet_sql = [sql for sql in ran if " as value, count(*) as count from (" in sql]
        assert bool(facet_sql) == faceted == bool(data["facet_results"]), (plan, words)


# --- paging a sorted table ---------------------------------------------------------------

@pytest.fixture(scope="module")
def tied_path(tmp_path_factory):
    """60 articles on 3 dates (and 4 without one), 30 documents on 2: most rows share
    their sort value with others."""
    path = tmp_path_factory.mktemp("tied") / "a.db"
    archive = Archive(path)
    try:
        archive.store_articles([Article(
            url=f"https://{SITES[0]}/tin-tuc/bai-viet-{n}", site=SITES[0], article_id=str(n),
            title=f"Tin của tỉnh số {n}", body="Nội dung.",
            published_at=None if n % 16 == 0 else f"2024-01-0{n % 3 + 1}") for n in range(64)])
        archive.store_batch(documents=[Document(
            url=f"https://{SITES[0]}/van-ban/d-{n}", site=SITES[0], number=f"{n}/QĐ-UBND",
            title="Quyết định", issued=f"2024-02-0{n % 2 + 1}") for n in range(30)])
    finally:
        archive.close()
    return path


@pytest.mark.parametrize("table, args, rows", [
    ("articles", {}, 64),
    ("articles", {"_sort": "published_at"}, 64),
    ("articles", {"_search": "tỉnh"}, 64),
    ("articles", {"_sort_desc": "site"}, 64),
    ("documents", {}, 30),
    ("documents", {"_sort": "issued"}, 30),
])
def test_paging_a_table_sorted_by_a_shared_value_shows_every_row_once(tied_path, table, args,
                                                                       rows):
    urls = _pages(make_datasette(tied_path), args, table)[0]
    assert len(urls) == rows and len(set(urls)) == rows


def test_only_a_first_page_sorted_by_another_column_gets_the_key(tied_path, ran):
    ds = make_datasette(tied_path)

    def page_sql(path: str) -> tuple[str, dict]:
        ran.clear()
        response = asyncio.run(ds.client.get(path))
        assert response.status_code == 200, response.text
        return next(sql for sql in ran if " limit 8" in sql), response.json()

    sql, first = page_sql("/archive/articles.json?_size=7")
    assert sql.endswith(" from articles order by published_at desc, url limit 8")
    sql, _ = page_sql("/archive/articles.json?" + urllib.parse.urlencode(
        {"_size": 7, "_next": first["next"]}))
    assert sql.endswith("order by published_at desc, url limit 8")  # Datasette's own
    sql, _ = page_sql("/archive/articles.json?_sort=url&_size=7")
    assert sql.endswith("order by url limit 8")
    sql, _ = page_sql("/archive/crawl_runs.json?_sort=started_at&_size=7")
    assert sql.endswith("order by started_at, id limit 8")
    sql, _ = page_sql("/archive/article_citations.json?_size=7")  # a view: no key
    assert "order by" not in sql or ", " not in sql.split("order by")[-1]


@pytest.mark.parametrize("plan", ["large", "most"])
def test_a_documents_search_of_most_of_the_table_counts_and_pages_as_a_small_one(
        tied_path, monkeypatch, plan):
    def read(plan: str) -> tuple[list[str], int]:
        monkeypatch.setattr(web_search, "LARGE_MATCH", PLANS[plan][0])
        monkeypatch.setattr(web_search, "MOST_LOOKUPS", PLANS[plan][1])
        ds = make_datasette(tied_path)
        first = asyncio.run(ds.client.get(
            "/archive/documents.json?_search=quyet+dinh&_size=7")).json()
        return _pages(ds, {"_search": "quyết định"}, "documents")[0], first[
            "filtered_table_rows_count"]

    assert read(plan) == read("small") == (read("small")[0], 30)


@pytest.mark.parametrize("args", [{}, {"_search": "tỉnh"}, {"_sort": "published_at"},
                                  {"site": SITES[0], "_sort_desc": "title"}])
def test_every_page_of_a_table_shows_the_same_facets_and_walks_to_its_key(tied_path, ran, args):
    ds = make_datasette(tied_path)

    def page(after=None) -> dict:
        query = dict(args, _size=7, **({"_next": after} if after else {}))
        response = asyncio.run(ds.client.get("/archive/articles.json?"
                                             + urllib.parse.urlencode(query)))
        assert response.status_code == 200, response.text
        return response.json()

    first = page()
    ran.clear()
    second = page(first["next"])
    assert _facets(second) == _facets(first) and any(_facets(first).values())
    rows = [sql for sql in ran if sql.startswith("select url, site,")]
    column = (args.get("_sort") or args.get("_sort_desc") or "published_at")
    assert rows and all(f"(+{column} " in sql for sql in rows), rows  # not an index OR
    assert not any(f"+{column} " in sql for sql in ran if sql not in rows)


@pytest.mark.parametrize("where, left", [
    ("where (published_at < :p1 or published_at is null or (published_at = :p1 and "
     "((url > :p0)))) order by published_at desc", "order by published_at desc"),
    ("where site = :site and (title > :p2 or (title = :p2 and "
     "((pk1 > :p0) or (pk1 = :p0 and pk2 > :p1)))) ", "where site = :site "),
    ("where (title > :p2 or (title = :p2 and ((url > :p0)))) and site = :site ",
     "where site = :site "),
    ("where site = :site ", "where site = :site "),
])
def test_a_facet_counts_without_the_next_pages_key(where, left):
    from archive.web_paging import without_key

    assert without_key(f"select * from articles {where}") == f"select * from articles {left}"


def test_a_searchs_counts_are_kept_until_the_archive_changes(tmp_path, ran):
    path = tmp_path / "a.db"
    archive = Archive(path)
    archive.store_articles(_articles()[:30])
    ds = make_datasette(path)

    def page() -> int:
        response = asyncio.run(ds.client.get(
            "/archive/articles.json?" + urllib.parse.urlencode({"_search": "tỉnh", "_size": 5})))
        assert response.status_code == 200, response.text
        return response.json()["filtered_table_rows_count"]

    def counted() -> list[str]:
        return [sql for sql in ran if sql.startswith("select count(*)")
                or " as value, count(*) as count from (" in sql]

    assert page() == 30 and counted()
    ran.clear()
    assert page() == 30 and not counted()  # the same search again: nothing counted
    archive.store_articles(_articles()[30:])  # a crawl's batch: the files change
    ran.clear()
    assert page() == 60 and counted()
    archive.close()
