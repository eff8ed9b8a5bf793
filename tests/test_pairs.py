"""The word-pair index (archive.pairs): a search that reads it finds exactly what the
word index finds, and the index stays in step with the articles whoever writes them."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlencode

import pytest

from archive import fts, pairs
from archive import search as search_module
from archive.search import search
from archive.store import Archive
from crawler.kernel.record import Article

SITES = ("www.nghean.gov.vn", "kyson.nghean.gov.vn", "vinh.nghean.gov.vn")
CATEGORIES = ("Kinh tế", "Chính trị", None)
NAMES = ("Nguyễn Đức Trung", "Nguyễn Văn Hùng", "Trung Nguyễn Đức", "Đức Trung", "Lê Hồng Vinh")


def make(n: int, **over) -> Article:
    """Articles whose words are all common, the names in every order and column."""
    name, other = NAMES[n % 5], NAMES[(n + 2) % 5]
    fields = {
        "url": f"https://{SITES[n % 3]}/tin-tuc/bai-{n}", "site": SITES[n % 3],
        "article_id": str(n), "title": f"Đồng chí {name} làm việc" if n % 4 else f"Tin {n}",
        "summary": f"Tỉnh Nghệ An và {other}." if n % 3 else None,
        "body": (f"Ông {name} chỉ đạo. Tỉnh Nghệ An, {other} dự. " * (1 + n % 2)
                 + ("Nguyen Duc Trung không dấu. " if n % 7 == 0 else "")),
        "author": other if n % 6 == 0 else None,
        "published_at": f"{2015 + n % 7}-{n % 12 + 1:02d}-{n % 27 + 1:02d}T08:00:00+07:00",
        "category": CATEGORIES[n // 2 % 3], "fetched_at": "2026-01-01T00:00:00+00:00",
        "parser": "vnportal/1",
    }
    fields.update(over)
    return Article(**fields)


@pytest.fixture
def archive(tmp_path, monkeypatch):
    monkeypatch.setattr(fts, "COMMON", 2)  # every word of these queries is common
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make(n) for n in range(1, 91)])
    yield archive
    archive.close()


QUERIES = ["Nguyễn Đức Trung", "nguyen duc trung", "NGUYEN DUC TRUNG", "Đức Trung",
           "duc trung nguyen", "Trung Nguyễn", "tỉnh nghệ an", '"Nguyễn Văn Hùng" OR "Lê Hồng Vinh"',
           'Đức Trung NOT "Văn Hùng"', '"chỉ đạo" "Nghệ An"', "Vinh Đồng chí",
           "an Ông", "làm việc Tỉnh"]
OPTIONS = [{}, {"site": SITES[1]}, {"category": "Kinh tế", "since": "2018"},
           {"since": "2016-03", "until": "2019"}, {"site": [SITES[0], SITES[2]], "category": None}]


def run(db, query, **options):
    return [(h["url"], h["rank"], h["snippet"]) for h in search(db, query, **options)]


@pytest.mark.parametrize("options", OPTIONS)
def test_the_pair_index_finds_what_the_word_index_finds(archive, monkeypatch, options):
    monkeypatch.setattr(search_module, "FEW_MATCHES", 0)  # no filter is read from its side
    taken = []
    real = search_module.pairs_match
    monkeypatch.setattr(search_module, "pairs_match",
                        lambda *a, **k: taken.append(real(*a, **k)) or taken[-1])
    with_pairs = {q: run(archive.db, q, limit=1000, **options) for q in QUERIES}
    with_pairs_limited = {q: run(archive.db, q, limit=3, **options) for q in QUERIES}
    with_pairs_exact = {q: run(archive.db, q, limit=5, exact=True, **options) for q in QUERIES}
    assert len(taken) == 3 * len(QUERIES) and all(taken)  # each read the pair index
    monkeypatch.setattr(search_module, "pairs_ready", lambda db: False)
    for q in QUERIES:
        words = run(archive.db, q, limit=1000, **options)
        assert with_pairs[q] == words, q
        assert with_pairs_limited[q] == words[:3], q
        assert with_pairs_exact[q] == run(archive.db, q, limit=5, exact=True, **options), q
    assert any(with_pairs.values())


def test_a_pair_never_spans_two_columns_or_a_sentence_break_it_does_not_have(archive):
    archive.store_articles([make(500, title="Hội nghị Kỳ Sơn", summary="Tổng kết năm",
                                 body="Tổng kết năm. Kỳ Sơn hội nghị.")])
    found = {h["url"].rsplit("-", 1)[1] for h in search(archive.db, "Kỳ Sơn Tổng", limit=50)}
    assert "500" not in found  # "Sơn" ends the title, "Tổng" starts the lead
    # punctuation is no word: the word index finds "năm Kỳ" across the full stop too
    found = {h["url"].rsplit("-", 1)[1] for h in search(archive.db, "năm Kỳ Sơn", limit=50)}
    assert "500" in found


def vocabulary(db) -> list[tuple]:
    """Every token of the pair index with the rows and places that hold it."""
    db.execute("create virtual table if not exists temp.pv using fts5vocab("
               "main, article_pairs_fts, 'row')")
    return db.execute("select term, doc, cnt from temp.pv order by term").fetchall()


def fresh(db) -> list[tuple]:
    """The vocabulary of a pair index made afresh from the articles as they are now."""
    db.execute("drop table if exists temp.cv")
    db.execute("drop table if exists temp.check_pairs")
    db.execute(f"create virtual table temp.check_pairs using fts5("
               f"{', '.join(pairs.COLUMNS)}, content='',"
               " tokenize='unicode61 remove_diacritics 2')")
    rows = db.execute(f"select rowid, {', '.join(pairs.COLUMNS)} from articles").fetchall()
    db.conn.executemany(f"insert into temp.check_pairs (rowid, {', '.join(pairs.COLUMNS)})"
                        f" values (?, {', '.join('?' * len(pairs.COLUMNS))})",
                        [(r[0], *(pairs.pair_text(t) for t in r[1:])) for r in rows])
    db.execute("create virtual table temp.cv using fts5vocab(temp, check_pairs, 'row')")
    return db.execute("select term, doc, cnt from temp.cv order by term").fetchall()


def test_the_index_follows_changes_deletions_and_other_tools(archive, tmp_path):
    db = archive.db
    # changed text (a new version), twice in one batch, then back
    archive.store_articles([make(5, body="Nội dung mới của Nguyễn Đức Trung."),
                            make(6, title="Tiêu đề mới")])
    archive.store_articles([make(6, title="Tiêu đề khác hẳn"), make(6, title="Lần ba")])
    archive.store_articles([make(5)])
    assert pairs.ready(db)
    assert vocabulary(db) == fresh(db)
    # another SQLite tool deletes, inserts and edits: the index waits in the queue
    other = sqlite3.connect(archive.path)
    with other:
        other.execute("delete from articles where url like '%bai-7'")
        other.execute("update articles set body = 'Văn bản Hồng Vinh' where url like '%bai-8'")
        other.execute("insert into articles (url, site, title, body, fetched_at, parser)"
                      " values ('https://x.nghean.gov.vn/tin-tuc/bai-999', 'x.nghean.gov.vn',"
                      " 'Ông Nguyễn Đức Trung', 'Bài mới', '2026-01-01', 'other')")
    other.close()
    assert not pairs.ready(db)
    urls = {h["url"] for h in search(db, "Nguyễn Đức Trung", limit=1000)}
    assert "https://x.nghean.gov.vn/tin-tuc/bai-999" in urls  # read from the word index
    archive.close()
    archive = Archive(tmp_path / "a.db")  # govnews opening it indexes the queue
    assert pairs.ready(archive.db)
    assert vocabulary(archive.db) == fresh(archive.db)
    assert {h["url"] for h in search(archive.db, "Nguyễn Đức Trung", limit=1000)} == urls
    # a rebuild makes the same index again
    archive.rebuild_index()
    assert vocabulary(archive.db) == fresh(archive.db)
    archive.close()


def test_merged_articles_are_in_the_pair_index(tmp_path, monkeypatch):
    monkeypatch.setattr(fts, "COMMON", 2)
    node = Archive(tmp_path / "node.db")
    node.store_articles([make(n) for n in range(1, 30)])
    node.close()
    into = Archive(tmp_path / "into.db")
    into.store_articles([make(n, body="Bản cũ của Lê Hồng Vinh.") for n in range(20, 40)])
    into.merge_from(tmp_path / "node.db", "node-1")
    assert pairs.ready(into.db)
    assert vocabulary(into.db) == fresh(into.db)
    into.close()


def test_queries_the_pair_index_cannot_answer_alone():
    assert pairs.match("Nguyễn Đức Trung") is not None
    assert pairs.match("trung") is None  # one word has no pair
    assert pairs.match("Đức Trung NOT Hùng") is None  # a word left out
    assert pairs.match("Đức Trung OR Hùng") is None
    assert pairs.match("Đức Trung", phrase=False) is None  # words anywhere
    assert pairs.match('"Đức Trung" covid-19') is not None  # "covid 19" is a phrase
    assert pairs.match("*** ---") is None


@pytest.mark.parametrize("text", [
    "Nguyễn Đức Trung, Chủ tịch UBND tỉnh.", "covid-19 1205/QĐ-UBND", "snake_case __x__",
    "Nguye\u0302\u0303n (NFD)", "a\u00a0b\u2003c\u200bd", "“Hòa” – ‘Hoà’…", "x\ue000y", "",
    "tab\tnew\nline  ", "½ ² ٣ ক্ষ", "dấu.chấm,phẩy;x"])
def test_pairs_cut_words_as_the_word_index_does(text):
    from crawler.kernel.text import INDEX_TOKEN, index_fold

    assert pairs.tokens(text) == INDEX_TOKEN.findall(index_fold(text))


def forget_the_pair_index(db) -> None:
    """Make the archive as govnews left it before migration m015."""
    for name in ("ai", "au", "ad"):
        db.execute(f"drop trigger article_pairs_{name}")
    db.execute("drop table article_pairs_fts")
    db.execute("drop table article_pairs_queue")
    db.execute("delete from _sqlite_migrations where name = 'm015_word_pairs'")


def test_an_archive_made_before_the_pair_index_gets_it_whole_when_opened(archive, tmp_path):
    db = archive.db
    forget_the_pair_index(db)
    archive.close()
    archive = Archive(tmp_path / "a.db")
    assert pairs.ready(archive.db)
    assert len(vocabulary(archive.db)) > 50
    assert vocabulary(archive.db) == fresh(archive.db)
    archive.close()


def test_a_connection_that_cannot_make_a_temporary_index_gets_the_same_snippets(archive):
    expected = run(archive.db, "Nguyễn Đức Trung", limit=10)
    archive.db.execute("pragma query_only = 1")  # not even a temporary table
    try:
        assert run(archive.db, "Nguyễn Đức Trung", limit=10) == expected
    finally:
        archive.db.execute("pragma query_only = 0")
    assert expected and all("**" in s for _, _, s in expected)


def test_a_word_found_common_in_one_archive_is_not_taken_as_common_in_another(
        archive, tmp_path, monkeypatch):
    assert not fts.rare_words(archive.db, fts.FTS_TABLE, "Nguyễn Đức Trung")  # COMMON = 2
    other = Archive(tmp_path / "other.db")
    other.store_articles([make(5)])  # names Nguyễn Đức Trung
    assert fts.rare_words(other.db, fts.FTS_TABLE, "Nguyễn Đức Trung")
    assert search(other.db, "Nguyễn Đức Trung")[0]["rank"] is not None  # ranked by bm25
    monkeypatch.setattr(fts, "COMMON", 2_000)  # nor under another cut
    assert fts.rare_words(archive.db, fts.FTS_TABLE, "Nguyễn Đức Trung")
    other.close()


def test_a_command_that_upgrades_an_archive_says_so_first(archive, tmp_path):
    from click.testing import CliRunner

    from archive.cli import cli

    forget_the_pair_index(archive.db)
    archive.close()
    result = CliRunner().invoke(cli, ["search", "Nguyễn Đức Trung", "--db",
                                      str(tmp_path / "a.db")])
    assert result.exit_code == 0, result.output
    assert "up to date for this version of govnews" in result.stderr
    assert "bai-" in result.stdout  # and then searched
    again = CliRunner().invoke(cli, ["search", "Nguyễn Đức Trung", "--db",
                                     str(tmp_path / "a.db")])
    assert "up to date" not in again.stderr


@pytest.mark.parametrize("text", ["Nguyễn Đức Trung", "trung nguyen duc", '"Lê Hồng Vinh" OR "Văn Hùng"',
                                  "trung", "Đức Trung NOT Hùng"])
def test_the_articles_table_search_box_reads_the_pair_index_and_finds_the_same(
        archive, monkeypatch, text):
    import asyncio
    import json

    from archive import web_search
    from archive.web import make_datasette

    def urls() -> list[str]:
        ds = make_datasette(archive.path)
        response = asyncio.run(ds.client.get(
            "/archive/articles.json?" + urlencode({"_search": text, "_shape": "array",
                                                  "_col": "url", "_size": "max"})))
        assert response.status_code == 200, response.text
        return sorted(row["url"] for row in json.loads(response.text))

    taken = []
    real = web_search.pairs_match
    monkeypatch.setattr(web_search, "pairs_match", lambda *a, **k: taken.append(real(*a, **k))
                        or taken[-1])
    found = urls()
    assert bool(taken[-1]) == (pairs.match(text) is not None)  # phrases only
    monkeypatch.setattr(web_search, "pairs_ready", lambda db: False)
    assert found == urls() and found
