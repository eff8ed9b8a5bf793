"""Full-text search: Vietnamese folding, phrases, ranking, filters, escaping, keeping the
index in step with the table, and the ``govnews search`` command."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import unicodedata

import pytest
import sqlite_utils
from click.testing import CliRunner

from archive import schema
from archive.cli import cli
from archive.search import fts_query, search
from archive.store import Archive
from crawler.kernel.record import Article

SITE = "www.nghean.gov.vn"


def make(n: int, title: str, body: str = "Nội dung.", **over) -> Article:
    fields = {
        "url": f"https://{SITE}/tin-tuc/bai-{n}", "site": SITE, "article_id": str(n),
        "title": title, "body": body, "published_at": "2021-05-10T08:00:00+07:00",
        "category": "Tin tức - Sự kiện", "fetched_at": "2026-01-01T00:00:00+00:00",
        "parser": "vnportal/1",
    }
    fields.update(over)
    return Article(**fields)


ARTICLES = [
    make(1, "Chủ tịch UBND tỉnh Nguyễn Đức Trung tiếp đoàn công tác",
         "Sáng nay, đồng chí Nguyễn Đức Trung, Chủ tịch UBND tỉnh, tiếp đoàn công tác.",
         author="Thanh Hòa", published_at="2021-03-02T09:15:00+07:00"),
    make(2, "Hội nghị tổng kết", "Phát biểu tại hội nghị, ông Nguyễn Đức Trung nhấn mạnh.",
         published_at="2022-07-01", category="Chính trị"),
    make(3, "Hội thảo khoa học", "Ông Trung cùng ông Nguyễn Đức Anh dự hội thảo.",
         summary="Trung tâm Đức Nguyễn tổ chức."),
    make(4, "Đoàn công tác tỉnh Hoà Bình thăm Nghệ An", "Đoàn do lãnh đạo tỉnh Hoà Bình dẫn đầu."),
    make(5, "Kết nối giao thương", "Doanh nghiệp tỉnh Hòa Bình giới thiệu sản phẩm."),
    make(6, "Công trình thủy lợi Bản Mồng", "Công trình thủy lợi lớn nhất tỉnh."),
    make(7, "Phòng chống lụt bão", "Các hồ chứa thuỷ lợi được kiểm tra trước mùa mưa."),
    make(8, "Ghi chú kỹ thuật", 'Cú pháp AND OR ( và title: x, dấu "ngoặc kép".'),
]


@pytest.fixture
def archive(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles(ARTICLES)
    yield archive
    archive.close()


def numbers(hits) -> list[int]:
    return [int(hit["url"].rsplit("-", 1)[1]) for hit in hits]


def found(archive, query, **kw) -> set[int]:
    return set(numbers(search(archive.db, query, **kw)))


# --- folding ------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "nguyen duc trung",
    "Nguyễn Đức Trung",
    "NGUYEN ĐUC TRUNG",
    "NGUYỄN ĐỨC TRUNG",
    unicodedata.normalize("NFD", "Nguyễn Đức Trung"),
    "  nguyễn   đức\ttrung ",
])
def test_case_accents_and_d_do_not_matter(archive, query):
    assert found(archive, query) == {1, 2}


@pytest.mark.parametrize("query", ["Hòa Bình", "Hoà Bình", "hoa binh", "HOÀ BÌNH"])
def test_tone_mark_style_does_not_matter(archive, query):
    assert found(archive, query) == {4, 5}


@pytest.mark.parametrize("query", ["thủy lợi", "thuỷ lợi", "thuy loi"])
def test_thuy_both_ways(archive, query):
    assert found(archive, query) == {6, 7}


def test_letters_with_two_marks_fold(archive):
    # ộ and ễ carry two marks each: remove_diacritics 1 would leave them unfolded.
    assert found(archive, "hoi nghi") == {2}
    assert found(archive, "nguyen") == {1, 2, 3}


# --- exact --------------------------------------------------------------------------

def test_exact_keeps_accents_as_typed(archive):
    assert found(archive, "Hoà Bình", exact=True) == {4}
    assert found(archive, "Hòa Bình", exact=True) == {5}
    assert found(archive, "thủy", exact=True) == {6}
    assert found(archive, "thuỷ", exact=True) == {7}
    assert found(archive, "hoa binh", exact=True) == set()


def test_exact_ignores_case_and_input_form(archive):
    assert found(archive, "HOÀ BÌNH", exact=True) == {4}
    assert found(archive, unicodedata.normalize("NFD", "Hoà Bình"), exact=True) == {4}
    assert found(archive, "nguyễn đức trung", exact=True) == {1, 2}


def test_exact_tells_d_from_đ(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make(1, "Ông Duc đến", "x"), make(2, "Ông Đức đến", "x")])
    assert found(archive, "duc") == {1, 2}
    assert found(archive, "Đức", exact=True) == {2}
    assert found(archive, "duc", exact=True) == {1}
    archive.close()


def test_exact_snippet_highlights_the_exact_form(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make(1, "Tin", "Tỉnh Hòa Bình mời tỉnh Hoà Bình dự hội nghị.")])
    [hit] = search(archive.db, "Hoà Bình", exact=True)
    assert "**Hoà Bình**" in hit["snippet"] and "**Hòa" not in hit["snippet"]
    archive.close()


def test_exact_fills_the_limit_past_folded_matches(tmp_path):
    archive = Archive(tmp_path / "a.db")
    # The folded matches ranked first (short titles) are not exact ones.
    archive.store_articles(
        [make(i, "Hòa Bình", "x") for i in range(1, 31)]
        + [make(i, "Tin", "Một bài dài hơn về tỉnh Hoà Bình và nhiều việc khác.")
           for i in range(31, 36)])
    hits = search(archive.db, "Hoà Bình", exact=True, limit=3)
    assert len(hits) == 3 and set(numbers(hits)) <= set(range(31, 36))
    assert len(search(archive.db, "Hoà Bình", exact=True, limit=50)) == 5
    archive.close()


def test_exact_words_in_any_column(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make(1, "Tỉnh Hoà Bình", "Đoàn thăm nhà máy thuỷ điện."),
                            make(2, "Tỉnh Hòa Bình", "Đoàn thăm nhà máy thuỷ điện.")])
    [hit] = search(archive.db, "thuỷ Hoà", exact=True, phrase=False)
    assert numbers([hit]) == [1]
    assert "**Hoà**" in hit["snippet"] or "**thuỷ**" in hit["snippet"]
    assert search(archive.db, "thuỷ Hòa bình", exact=True, phrase=False)[0]["url"].endswith("-2")
    assert search(archive.db, "thủy Hoà", exact=True, phrase=False) == []
    archive.close()


def test_a_large_limit_returns_every_match(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make(i, f"Tin số {i}", "Tỉnh Nghệ An.") for i in range(1, 1201)])
    assert len(search(archive.db, "nghe an", limit=5000)) == 1200
    assert len(search(archive.db, "Nghệ An", exact=True, limit=5000)) == 1200
    archive.close()


# --- phrases ------------------------------------------------------------------------

def test_words_are_a_phrase_by_default(archive):
    # 3 has all three words, but not next to each other in order.
    assert 3 not in found(archive, "Nguyễn Đức Trung")
    assert found(archive, "Nguyễn Đức Trung", phrase=False) == {1, 2, 3}
    assert found(archive, "Trung Nguyễn Đức", phrase=False) == {1, 2, 3}
    assert found(archive, "Trung Nguyễn Đức") == set()


def test_fts_query_quotes_everything():
    assert fts_query("Nguyễn Đức Trung", columns=None) == '"Nguyễn Dức Trung"'
    assert fts_query("a b", phrase=False, columns=None) == '"a" AND "b"'
    # by default, in the folded twins of the index's columns only
    assert fts_query("Đức") == '{title_f summary_f body_f author_f captions_f} : ("Dức")'
    assert fts_query('"') is None
    assert fts_query("  ( ) * ^ : ") is None


# --- ranking and snippets -----------------------------------------------------------

def test_title_ranks_above_body(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([
        make(1, "Tin trong tỉnh", "Bản tin về lúa gạo. " * 3 + "Giá lúa gạo tăng."),
        make(2, "Giá lúa gạo tăng mạnh", "Thị trường nông sản trong tuần."),
        make(3, "Tin khác", "Không liên quan."),
    ])
    hits = search(archive.db, "lúa gạo")
    assert numbers(hits) == [2, 1]
    assert hits[0]["rank"] < hits[1]["rank"]
    archive.close()


def test_snippet_shows_the_accented_original(archive):
    hits = search(archive.db, "nguyen duc trung")
    assert hits
    for hit in hits:
        assert "**Nguyễn Đức Trung**" in hit["snippet"]
        assert "nguyen" not in hit["snippet"].lower()
    [hit] = search(archive.db, "thuy loi kiem tra", phrase=False)
    assert "**thuỷ lợi**" in hit["snippet"] and "**kiểm tra**" in hit["snippet"]


def test_result_keys_and_limit(archive):
    hits = search(archive.db, "tỉnh", limit=2)
    assert len(hits) == 2
    assert set(hits[0]) == {"url", "title", "published_at", "category", "author", "rank",
                            "snippet"}
    assert search(archive.db, "tỉnh", limit=0) == []


# --- filters ------------------------------------------------------------------------

@pytest.fixture(params=["look-up", "set"])
def dated(tmp_path, request, monkeypatch):
    """30 articles on one subject, one a month from 2019; the best matches are the oldest.

    Run with each way of testing a date (per match, or a set of rowids from the index).
    """
    if request.param == "set":
        monkeypatch.setattr("archive.search.FEW_MATCHES", 0)
    archive = Archive(tmp_path / "d.db")
    archive.store_articles([
        make(i, "Nông thôn mới" + (" nông thôn mới" if i < 20 else ""),
             "Xây dựng nông thôn mới.",
             published_at=f"{2019 + (i - 1) // 12}-{(i - 1) % 12 + 1:02d}-15T10:00:00+07:00",
             category="Kinh tế" if i % 2 else "Xã hội")
        for i in range(1, 31)
    ] + [make(99, "Nông thôn mới", "Không có ngày.", published_at=None)])
    yield archive
    archive.close()


def test_filters_apply_before_the_limit(dated):
    # With LIMIT 3 before the filter, the three best (2019) matches would leave nothing.
    hits = search(dated.db, "nông thôn mới", since="2021-01-01", limit=3)
    assert len(hits) == 3
    assert all(h["published_at"] >= "2021" for h in hits)
    assert found(dated, "nông thôn mới", since="2021", limit=100) == set(range(25, 31))
    assert found(dated, "nông thôn mới", until="2019-03-15", limit=100) == {1, 2, 3}
    assert found(dated, "nông thôn mới", until="2019-03-14", limit=100) == {1, 2}
    assert found(dated, "nông thôn mới", until="2019", limit=100) == set(range(1, 13))
    assert found(dated, "nông thôn mới", since="2020-02", until="2020-04", limit=100) == {
        14, 15, 16}
    assert found(dated, "nông thôn mới", category="Xã hội", limit=100) == set(range(2, 31, 2))
    assert found(dated, "nông thôn mới", category="Xã hội", since="2021", limit=2) <= {
        26, 28, 30}
    assert len(search(dated.db, "nông thôn mới", category="Xã hội", since="2021")) == 3
    assert found(dated, "nông thôn mới", category="Không có", limit=100) == set()
    assert 99 in found(dated, "nông thôn mới", limit=100)


def test_filters_with_exact(dated):
    assert found(dated, "Nông thôn mới", exact=True, since="2021", limit=100) == set(
        range(25, 31))


def test_bad_date_is_refused(dated):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        search(dated.db, "x", since="15/03/2020")
    with pytest.raises(ValueError):
        search(dated.db, "x", until="2020-02-30")


# --- crafted queries ----------------------------------------------------------------

@pytest.mark.parametrize("query", [
    '"', '""', "AND OR (", "title:x", "NEAR(a b)", "a*", "*", "^x", "a -x", "a + b",
    "'", "\\", "x AND", "(", ")", "{title}: x", "NOT", "và\u0000", "'); drop table x; --",
])
def test_crafted_queries_are_text(archive, query):
    stored = {a.url for a in ARTICLES}
    tables = {t: archive.db[t].count for t in archive.db.table_names()}
    for kwargs in ({}, {"phrase": False}, {"exact": True}):
        hits = search(archive.db, query, **kwargs)
        # answered as a search of the text: stored articles only, nothing run, nothing changed
        assert isinstance(hits, list) and {h["url"] for h in hits} <= stored, (query, kwargs)
    assert {t: archive.db[t].count for t in archive.db.table_names()} == tables


def test_a_query_that_only_leaves_out_is_refused_with_a_sentence(archive):
    from archive.syntax import QueryError

    with pytest.raises(QueryError, match="cannot only leave things out"):
        search(archive.db, "-x")


def test_operators_are_searched_as_words(archive):
    assert found(archive, "AND OR (") == {8}
    assert found(archive, "title:x") == {8}
    assert found(archive, 'ngoặc kép"') == {8}


# --- the index follows the table ----------------------------------------------------

def test_update_and_delete_keep_the_index_in_step(archive):
    assert found(archive, "Bản Mồng") == {6}
    changed = make(6, "Công trình thủy điện Khe Bố", "Công trình thủy điện lớn nhất tỉnh.")
    assert archive.store_articles([changed]) == {"updated": 1}
    assert found(archive, "Bản Mồng") == set()
    assert found(archive, "Khe Bố") == {6}
    assert found(archive, "thủy lợi") == {7}
    # A re-crawl of an unchanged article touches the row but not the indexed columns.
    assert archive.store_articles([changed]) == {"unchanged": 1}
    assert found(archive, "Khe Bố") == {6}
    with archive.db.conn:
        archive.db.execute("delete from articles where url = ?", [changed.url])
    assert found(archive, "Khe Bố") == set()
    assert found(archive, "Hoà Bình") == {4, 5}


def test_any_writer_keeps_the_index_right(archive):
    """Folding is in the triggers' SQL: a plain sqlite3 client needs no custom function."""
    archive.close()
    conn = sqlite3.connect(archive.path)
    with conn:
        conn.execute("insert into articles (url, site, title, body) values (?, ?, ?, ?)",
                     ["https://x/1", SITE, "Đường Đại Đồng", "Đã đi đến Điện Biên."])
        conn.execute("update articles set body = 'Đèo Đá Đẽo' where url = 'https://x/1'")
    conn.close()
    archive.db = sqlite_utils.Database(archive.path)
    assert len(search(archive.db, "duong dai dong")) == 1
    assert search(archive.db, "deo da deo")[0]["snippet"] == "**Đèo Đá Đẽo**"
    assert search(archive.db, "dien bien") == []


def test_migration_indexes_existing_articles(tmp_path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    schema.migrations.apply(db, stop_before="m003_search")
    assert not db["articles_fts"].exists()
    db["articles"].insert({"url": "https://x/1", "site": SITE, "title": "Đức Thọ",
                           "body": "Huyện Đức Thọ."})
    schema.apply(db)
    [hit] = search(db, "duc tho")
    assert hit["snippet"] == "**Đức Thọ**"


def vocabulary(db):
    db.execute("create virtual table if not exists temp.v using fts5vocab("
               "main, articles_fts, 'instance')")
    return sorted(db.execute("select doc, term, col, offset from temp.v"))


def test_rebuild_makes_the_same_index(archive):
    before = vocabulary(archive.db)
    names = [r[1] for r in archive.db.execute("pragma table_info(articles_fts)")]
    folded = {names.index(c) for c in ("title_f", "summary_f", "body_f", "author_f")}
    # the originals keep đ (so "Đức" typed in any tool finds them), the twins fold it
    assert any(term == "duc" and col in folded for _, term, col, _ in [
        (d, t, names.index(c), o) for d, t, c, o in before])
    assert not any("đ" in term and names.index(col) in folded for _, term, col, _ in before)
    assert any("đ" in term for _, term, _, _ in before)
    assert archive.rebuild_index() == len(ARTICLES)
    assert vocabulary(archive.db) == before
    assert found(archive, "nguyen duc trung") == {1, 2}


def test_the_index_answers_the_same_in_other_sqlite_tools(archive, tmp_path):
    """FTS5 queries as Datasette's table search and ``sqlite-utils search`` send them,
    unfolded, and after ``sqlite-utils rebuild-fts`` (FTS5's own 'rebuild')."""
    import sqlite3

    import sqlite_utils

    archive.close()
    db = sqlite_utils.Database(sqlite3.connect(archive.path))
    try:
        def raw(query):
            return {r[0] for r in db.execute(
                "select a.article_id from articles a join articles_fts f on f.rowid = a.rowid"
                " where articles_fts match ?", [query])}

        for query in ('"Đức"', '"Duc"', '"đức"', '"NGUYEN" "ĐUC" "TRUNG"'):
            assert raw(query) == {"1", "2", "3"}, query  # 3: Nguyễn Đức Anh, ông Trung
        for query in ('"Nguyễn Đức Trung"', '"nguyen duc trung"', '"NGUYEN ĐUC TRUNG"'):
            assert raw(query) == {"1", "2"}, query
        assert {r["article_id"] for r in db["articles"].search('"Nguyễn Đức Trung"')} == {
            "1", "2"}
        db["articles"].rebuild_fts()
        for query in ('"Nguyễn Đức Trung"', '"nguyen duc trung"'):
            assert raw(query) == {"1", "2"}, query
    finally:
        db.close()


# --- the command --------------------------------------------------------------------

@pytest.fixture
def db_path(archive):
    return archive.path


def run(*args):
    return CliRunner().invoke(cli, ["search", *args])


def test_cli_table(db_path):
    result = run("nguyen duc trung", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "Chủ tịch UBND tỉnh Nguyễn Đức Trung tiếp đoàn công tác" in result.output
    assert "**Nguyễn Đức Trung**" in result.output
    assert f"https://{SITE}/tin-tuc/bai-2" in result.output


def test_cli_json_gives_full_records_in_rank_order(db_path, archive):
    result = run("Nguyễn Đức Trung", "--db", db_path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ranked = [h["url"] for h in search(archive.db, "Nguyễn Đức Trung")]
    assert [r["url"] for r in data] == ranked
    assert {r["kind"] for r in data} == {"article"}
    first = next(a for a in ARTICLES if a.url == ranked[0])
    assert data[0]["record"] == first.to_dict()


def test_cli_csv(db_path):
    result = run("hoa binh", "--db", db_path, "--format", "csv", "--exact")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["kind", "url", "title", "published_at", "category", "author", "snippet",
                       "article_url", "document_url"]
    assert rows[1:] == []
    result = run("HOÀ BÌNH", "--db", db_path, "--format", "csv", "--exact")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["url"] for r in rows] == [f"https://{SITE}/tin-tuc/bai-4"]
    assert "**Hoà Bình**" in rows[0]["snippet"]


def test_cli_filters_and_limit(db_path):
    result = run("nguyen duc trung", "--db", db_path, "--format", "csv",
                 "--since", "2022", "--category", "Chính trị")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["url"] for r in rows] == [f"https://{SITE}/tin-tuc/bai-2"]
    result = run("tỉnh", "--db", db_path, "--format", "csv", "--limit", "1")
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 1
    assert "--limit" in result.stderr


def test_cli_words(db_path):
    result = run("Trung Nguyễn Đức", "--db", db_path, "--format", "csv", "--words")
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 3


def test_cli_errors_say_what_to_do(tmp_path, db_path):
    result = run("x", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code != 0 and "govnews crawl" in result.output
    result = run("x", "--db", db_path, "--since", "03/2020")
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
    result = run("x", "--db", db_path, "--limit", "0")
    assert result.exit_code != 0
    result = run("tỉnh", "--db", db_path, "--category", "Thể thao")
    assert result.exit_code == 2 and "govnews stats" in result.output
    # accents and case aside, a category is found
    assert run("tỉnh", "--db", db_path, "--category", "chinh tri").exit_code == 0


@pytest.mark.parametrize("query", ["AND OR (", "title:x"])
def test_cli_crafted_queries(db_path, query):
    result = run(query, "--db", db_path)
    assert result.exit_code == 0, result.output


def test_cli_a_query_with_nothing_to_search_is_a_usage_error(db_path):
    result = run('"', "--db", db_path)
    assert result.exit_code == 2
    assert "Invalid value for QUERY: '\"' has nothing to search for: give a word" in \
        result.output
