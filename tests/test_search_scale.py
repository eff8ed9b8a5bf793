"""Search and the reading pages as a large archive needs them: what stays exactly as it
was, and the one thing that changes on purpose.

- A search is ranked by bm25 when it has a word that is not common (in at most
  ``fts.COMMON`` articles, on each side of OR): the results are then exactly those of
  bm25 over every match.  A search made only of common words lists its matches newest
  first (the latest archived first, rank None), filters applied before the limit.
- The index is asked with the expression over all its columns (``fts.plain_query``),
  which finds the same articles and scores them the same as the one over the folded
  twins.
- ``article_facets``, ``article_tallies`` and ``article_days`` (schema m014) stay equal
  to what the articles say, whoever writes; the charts, the sites and the search form
  read them and show what counting the articles shows.
"""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from archive import fts, schema
from archive import search as search_module
from archive.fts import FOLDED, fts_query, plain_query, rare_words
from archive.i18n import translator
from archive.page_overview import site_data
from archive.queries_web import (
    article_categories,
    article_sites,
    articles_first_seen_by_day,
    articles_per_month,
    month_facet_sql,
    month_facet_tally_sql,
    site_months,
)
from archive.query import sites, tallied_articles
from archive.search import WEIGHTS, search, search_all
from archive.store import Archive
from crawler.kernel.record import Article, Document, Gone

SITES = ("www.nghean.gov.vn", "kyson.nghean.gov.vn", "vinh.nghean.gov.vn")
CATEGORIES = ("Kinh tế", "Chính trị", None)


def make(n: int, title: str, body: str, **over) -> Article:
    fields = {
        "url": f"https://{SITES[n % 3]}/tin-tuc/bai-{n}", "site": SITES[n % 3],
        "article_id": str(n), "title": title, "body": body,
        "published_at": f"{2015 + n % 7}-{n % 12 + 1:02d}-{n % 27 + 1:02d}T08:00:00+07:00",
        "category": CATEGORIES[n // 2 % 3], "fetched_at": "2026-01-01T00:00:00+00:00",
        "parser": "vnportal/1", "author": "Nguyễn Đức Trung" if n % 5 == 0 else None,
    }
    fields.update(over)
    return Article(**fields)


def corpus() -> list[Article]:
    """60 articles: every one says "tỉnh Nghệ An", some twice or in the title; a few name
    Đức Thọ (đ) or a rare subject; dates, sites and categories vary."""
    out = []
    for n in range(1, 61):
        title = ("Tỉnh Nghệ An " if n % 4 == 0 else "Tin ") + f"số {n}"
        body = "Tỉnh Nghệ An triển khai kế hoạch. " * (1 + n % 3)
        if n % 6 == 0:
            body += "Huyện Đức Thọ và huyện Duc Tho. "
        if n % 10 == 3:
            body += "Khảo cổ học tại trống đồng. "
        out.append(make(n, title, body, published_at=None) if n == 30 else make(n, title, body))
    return out


@pytest.fixture
def archive(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles(corpus())
    yield archive
    archive.close()


def numbers(hits) -> list[int]:
    return [int(h["url"].rsplit("-", 1)[1]) for h in hits]


def by_bm25(db, query: str, phrase: bool = True) -> list[tuple[int, float]]:
    """bm25 over every match of the query, as the search ranked before this module."""
    weights = ", ".join(map(str, WEIGHTS))
    return db.execute(
        f"select rowid, bm25(articles_fts, {weights}) as s from articles_fts where"
        f" articles_fts match ? order by s", [fts_query(query, phrase=phrase)]).fetchall()


def newest(db, query: str, keep=lambda row: True) -> list[int]:
    """Article numbers matching, newest archived first, that ``keep`` keeps."""
    rows = db.execute(
        "select a.rowid, a.url, a.site, a.category, a.published_at from articles_fts f join"
        " articles a on a.rowid = f.rowid where articles_fts match ? order by a.rowid desc",
        [fts_query(query)]).fetchall()
    return [int(r[1].rsplit("-", 1)[1]) for r in rows if keep(r)]


QUERIES = ["tỉnh nghệ an", "nghe an", "Đức Thọ", "duc tho", "tỉnh NOT thọ", "thọ OR khảo",
           '"trống đồng" OR "kế hoạch"', "-tho tinh", "khảo cổ học", "Nghệ", "d"]


# --- the expression over every column --------------------------------------------------

@pytest.mark.parametrize("query", QUERIES)
def test_the_plain_expression_finds_and_scores_the_same(archive, query):
    db = archive.db
    weights = ", ".join(map(str, WEIGHTS))
    sql = (f"select rowid, bm25(articles_fts, {weights}) as s from articles_fts"
           " where articles_fts match ? order by s, rowid")
    for phrase in (True, False):
        folded = db.execute(sql, [fts_query(query, phrase=phrase, columns=FOLDED)]).fetchall()
        plain = db.execute(sql, [plain_query(query, phrase=phrase)]).fetchall()
        assert plain == folded
    assert plain_query(query) == fts_query(query, columns=None)


# --- ranked when a word is not common ---------------------------------------------------

@pytest.mark.parametrize("query", QUERIES)
def test_below_the_cut_results_are_bm25_over_every_match(archive, query):
    assert rare_words(archive.db, "articles_fts", query)  # 60 articles: nothing is common
    hits = search(archive.db, query, limit=100)
    expected = by_bm25(archive.db, query)
    assert [(h["rank"]) for h in hits] == [score for _, score in expected]
    assert [h["url"] for h in hits] == [
        archive.db.execute("select url from articles where rowid = ?", [r]).fetchone()[0]
        for r, _ in expected]


def test_a_search_of_common_words_lists_the_newest_first(archive, monkeypatch):
    monkeypatch.setattr(fts, "COMMON", 10)  # "tỉnh", "nghệ", "an" are in all 60
    db = archive.db
    assert not rare_words(db, "articles_fts", "tỉnh nghệ an")
    hits = search(db, "tỉnh nghệ an", limit=7)
    assert numbers(hits) == newest(db, "tỉnh nghệ an")[:7] == list(range(60, 53, -1))
    assert all(h["rank"] is None for h in hits)
    assert all("Nghệ An**" in h["snippet"] for h in hits)
    # a word in at most COMMON articles brings bm25 back, on each side of OR
    assert rare_words(db, "articles_fts", "tỉnh khảo")
    assert search(db, "tỉnh khảo", phrase=False)[0]["rank"] is not None
    assert not rare_words(db, "articles_fts", "khảo OR tỉnh")
    assert rare_words(db, "articles_fts", "khảo OR trống")
    # a common word left out does not make a search common, nor a rare one rare
    assert rare_words(db, "articles_fts", "khảo NOT tỉnh")
    assert not rare_words(db, "articles_fts", "tỉnh NOT khảo")


@pytest.mark.parametrize("few", [0, 10_000])
@pytest.mark.parametrize("options,keep", [
    ({"site": SITES[0]}, lambda r: r[2] == SITES[0]),
    ({"category": "Kinh tế", "since": "2017"},
     lambda r: r[3] == "Kinh tế" and bool(r[4]) and r[4] >= "2017"),
    ({"since": "2016-03", "until": "2018"}, lambda r: bool(r[4]) and "2016-03" <= r[4] < "2019"),
    ({"site": [SITES[0], SITES[2]], "category": "Chính trị", "until": "2019-06-30"},
     lambda r: r[2] in (SITES[0], SITES[2]) and r[3] == "Chính trị" and bool(r[4])
     and r[4] < "2019-07"),
])
def test_filters_keep_the_newest_that_pass_before_the_limit(archive, monkeypatch, few,
                                                            options, keep):
    """Both ways of filtering a common search: the index's matches tested one by one
    (FEW_MATCHES 0), and the filter's own articles looked up in the index."""
    monkeypatch.setattr(fts, "COMMON", 10)
    monkeypatch.setattr(search_module, "FEW_MATCHES", few)
    expected = newest(archive.db, "tinh", keep)
    assert expected
    assert numbers(search(archive.db, "tinh", limit=4, **options)) == expected[:4]
    assert numbers(search(archive.db, "tinh", limit=100, **options)) == expected
    exact = search(archive.db, "Tỉnh", exact=True, limit=3, **options)
    assert numbers(exact) == expected[:3] and all("**Tỉnh**" in h["snippet"] for h in exact)


def test_an_article_without_a_date_is_kept_unless_dates_are_asked(archive, monkeypatch):
    monkeypatch.setattr(fts, "COMMON", 10)
    assert 30 in numbers(search(archive.db, "tinh", limit=100, category=None))
    assert 30 not in numbers(search(archive.db, "tinh", limit=100, since="2000"))


def test_common_documents_and_files_come_after_ranked_hits(tmp_path, monkeypatch):
    archive = Archive(tmp_path / "d.db")
    archive.store_articles(corpus()[:12])
    archive.store_batch(documents=[Document(
        url=f"https://congbao.nghean.gov.vn/van-ban/{i}", site="congbao.nghean.gov.vn",
        number=f"{i}/QĐ-UBND", title=f"Quyết định về tỉnh Nghệ An số {i}", kind="Quyết định",
        issued=f"2020-01-{i:02d}", text="Tỉnh Nghệ An ban hành.") for i in range(1, 9)])
    ranked = search_all(archive.db, "tỉnh nghệ an", limit=30)
    assert all(h["rank"] is not None for h in ranked)
    monkeypatch.setattr(fts, "COMMON", 3)
    hits = search_all(archive.db, "tỉnh nghệ an", limit=30)
    assert {h["url"] for h in hits} == {h["url"] for h in ranked}
    docs = [h for h in hits if h["kind"] == "document"]
    assert [h["url"].rsplit("/", 1)[1] for h in docs] == [str(i) for i in range(8, 0, -1)]
    assert all(h["rank"] is None and "**" in h["snippet"] for h in hits)
    number = search_all(archive.db, "3/QĐ-UBND", limit=5)
    assert number[0]["kind"] == "document" and number[0]["rank"] == -1e9
    archive.close()


# --- the summaries of schema m014 -----------------------------------------------------

def summaries(db) -> tuple:
    facets = db.execute("select article_rowid, site, category, published_at from"
                        " article_facets order by 1").fetchall()
    tallies = db.execute("select month, site, category, sum(articles) from article_tallies"
                         " group by 1, 2, 3 having sum(articles) != 0 order by 1, 2, 3"
                         ).fetchall()
    days = db.execute("select day, sum(articles) from article_days group by 1"
                      " having sum(articles) != 0 order by 1").fetchall()
    return facets, tallies, days


def counted(db) -> tuple:
    facets = db.execute("select rowid, site, category, published_at from articles"
                        " order by 1").fetchall()
    tallies = db.execute("select substr(published_at, 1, 7), site, category, count(*)"
                         " from articles group by 1, 2, 3 order by 1, 2, 3").fetchall()
    days = db.execute("select substr(first_seen_at, 1, 10), count(*) from articles"
                      " group by 1 order by 1").fetchall()
    return facets, tallies, days


def spans_hold(db) -> bool:
    """Whether each month, site and category's span of rowids holds its articles."""
    return not db.execute(
        "select 1 from articles a join article_tallies t on t.month is"
        " substr(a.published_at, 1, 7) and t.site is a.site and t.category is a.category"
        " where a.rowid < t.first_rowid or a.rowid > t.last_rowid").fetchall()


def test_the_summaries_follow_every_write(archive, tmp_path):
    db = archive.db
    assert summaries(db) == counted(db) and spans_hold(db)
    edited = [make(n, f"Tin sửa {n}", "Tỉnh Nghệ An.", category="Văn hóa",
                   published_at="2024-02-02", site="new.nghean.gov.vn") for n in (3, 4, 5)]
    archive.store_articles(edited)  # new versions: category, date and site change
    archive.store_batch(gone=[Gone(make(7, "", "").url, "http_404", "2026-02-01")])
    assert summaries(db) == counted(db)
    # any SQLite client: the triggers keep the summaries, as they keep the index
    other = sqlite3.connect(archive.path)
    other.execute("update articles set first_seen_at = '2030-01-01T00:00:00+00:00',"
                  " category = null where rowid in (1, 2)")
    other.execute("delete from articles where rowid in (8, 9)")
    other.execute("insert into articles (url, site, title, published_at, first_seen_at)"
                  " values ('https://x.vn/1', 'x.vn', 'Mới', '2031-05-05', '2031-05-06')")
    other.commit()
    other.close()
    assert summaries(db) == counted(db) and spans_hold(db)


def test_the_migration_fills_the_summaries_of_an_older_archive(tmp_path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    schema.migrations.apply(db, stop_before="m014_reading_at_scale")
    assert not db["article_facets"].exists()
    for n, a in enumerate(corpus()[:20]):
        row = {k: v for k, v in a.to_dict().items() if not isinstance(v, list)}
        db["articles"].insert(dict(row, first_seen_at=f"2025-0{1 + n % 3}-01T00:00:00+00:00"))
    schema.apply(db)
    assert summaries(db) == counted(db) and spans_hold(db)
    assert any(i.columns == ["request_url"] for i in db["fetches"].indexes)


def test_the_pages_read_the_summaries_and_show_the_same_counts(archive):
    db = archive.db
    for by, column in (("site", "site"), ("category", "coalesce(category, '(none)')")):
        direct = db.execute(f"select substr(published_at, 1, 7), {column}, count(*) from"
                            " articles where published_at is not null group by 1, 2"
                            " order by 1, 2").fetchall()
        assert articles_per_month(db, by, None, None) == direct
    assert articles_per_month(db, "category", SITES[1], "Kinh tế") == db.execute(
        "select substr(published_at, 1, 7), category, count(*) from articles where"
        " published_at is not null and site = ? and category = ? group by 1, 2 order by 1",
        [SITES[1], "Kinh tế"]).fetchall()
    assert articles_first_seen_by_day(db) == db.execute(
        "select substr(first_seen_at, 1, 10), count(*) from articles group by 1"
        " order by 1").fetchall()
    assert article_sites(db) == sorted(SITES)
    assert article_categories(db) == ["Chính trị", "Kinh tế"]
    assert site_months(db, SITES[0]) == dict(db.execute(
        "select substr(published_at, 1, 7), count(*) from articles where site = ? and"
        " published_at is not null group by 1", [SITES[0]]).fetchall())
    listed = {s["site"]: (s["articles"], s["newest"]) for s in sites(db)}
    assert listed == {s: tuple(db.execute("select count(*), max(published_at) from"
                                          " articles where site = ?", [s]).fetchone())
                      for s in SITES}
    assert site_data(db, SITES[2], translator("en"))["site"]["articles"] == 20
    assert tallied_articles(db) == (60, 1, 60)
    count, first, last = tallied_articles(db, "2016-03-05", "2017-01-01", [SITES[0]])
    exact = db.execute("select count(*), min(rowid), max(rowid) from articles where site = ?"
                       " and published_at >= '2016-03-05' and published_at < '2017-01-01'",
                       [SITES[0]]).fetchone()
    assert count >= exact[0] > 0 and first <= exact[1] and last >= exact[2]
    assert tallied_articles(db, sites=["nowhere.vn"])[0] == 0


def test_the_month_facet_of_the_whole_table_is_the_counted_one(archive):
    import asyncio

    from archive.web import make_datasette

    db = archive.db
    counted = db.execute(month_facet_sql("published_at", "select * from articles", 5))
    assert db.execute(month_facet_tally_sql(5)).fetchall() == counted.fetchall()
    ds = make_datasette(archive.path)

    def months(**args):
        query = "&".join(f"{k}={v}" for k, v in {"_size": 1, **args}.items())
        page = asyncio.run(ds.client.get(f"/archive/articles.json?{query}")).json()
        return [(v["value"], v["count"]) for v in page["facet_results"]["published_at"]
                ["results"]]

    assert months() == db.execute(month_facet_sql("published_at", "select * from articles",
                                                  30)).fetchall()[:30]
    assert months(site=SITES[1]) == db.execute(month_facet_sql(
        "published_at", f"select * from articles where site = '{SITES[1]}'", 30)
        ).fetchall()[:30]
