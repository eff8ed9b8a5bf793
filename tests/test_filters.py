"""One filter builder (archive.filters): dates, an accent-blind category and site, and a
query in the search language, turned into one WHERE clause with ``?`` parameters, or into
named conditions for the search; what cannot be applied is a sentence naming its option."""

from __future__ import annotations

import pytest

from archive.filters import Filter, FilterError, build_filter, check_dates
from archive.query import records
from archive.store import Archive
from crawler.kernel.record import Article, Document

WWW, VH = "www.nghean.gov.vn", "vhttdl.nghean.gov.vn"


def make(n, site, title, category, published_at):
    return Article(url=f"https://{site}/tin-tuc/bai-{n}", site=site, article_id=str(n),
                   title=title, body=f"{title}.", category=category, published_at=published_at)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    archive = Archive(tmp_path_factory.mktemp("filters") / "a.db")
    archive.store_articles([
        make(1, WWW, "Bão số 3 đổ bộ", "Chỉ đạo điều hành", "2024-09-07T10:00:00+07:00"),
        make(2, WWW, "Khắc phục hậu quả bão", "Chỉ đạo điều hành", "2024-12-31"),
        make(3, VH, "Lễ hội đền Cuông", "Văn hóa", "2025-01-01T08:00:00+07:00"),
    ])
    archive.store_batch(documents=[Document(
        url=f"https://{WWW}/van-ban/1", site=WWW, number="1205/QĐ-UBND",
        title="Phê duyệt đề án", kind="Quyết định", issued="2024-04-12")])
    yield archive.db
    archive.close()


def ids(db, keep: Filter) -> list[str]:
    where, params = keep.where()
    return [r["article_id"] for r in records(db, where, params, order_by="article_id")]


def test_nothing_asked_is_every_record(db):
    assert build_filter(db).where() == ("", [])
    assert ids(db, build_filter(db)) == ["1", "2", "3"]


def test_until_a_year_takes_in_all_of_it_and_since_starts_on_the_day(db):
    keep = build_filter(db, since="2024-09-07", until="2024")
    assert keep.where() == ("published_at >= ? and published_at < ?",
                            ["2024-09-07", "2025-01-01"])
    assert ids(db, keep) == ["1", "2"]


def test_category_and_site_are_named_accents_and_case_aside(db):
    keep = build_filter(db, category="CHI DAO dieu hanh", site=VH.upper())
    assert keep.where() == ("category in (?) and site in (?)", ["Chỉ đạo điều hành", VH])
    assert ids(db, build_filter(db, category="chi dao dieu hanh")) == ["1", "2"]


def test_the_query_is_the_search_language_in_the_tables_own_index(db):
    keep = build_filter(db, text="bão NOT đổ bộ")
    assert keep.where()[0].startswith("rowid in (select rowid from articles_fts where")
    assert ids(db, keep) == ["2"]
    documents = build_filter(db, text="1205", category="quyet dinh", since="2024-04",
                             table="documents")
    assert documents.where() == (
        "kind in (?) and rowid in (select rowid from documents_fts where documents_fts match"
        " '{number_f title_f summary_f agency_f signer_f text_f} : (\"1205\")')"
        " and issued >= ?", ["Quyết định", "2024-04-01"])


@pytest.mark.parametrize("kwargs,hint,sentence", [
    ({"category": "Thể thao"}, "--category",
     "no category is 'Thể thao' (`govnews stats` lists them)"),
    ({"site": "example.com"}, "--site", "no site is 'example.com' (`govnews stats` lists them)"),
    ({"text": "-bão"}, "--query", "a query cannot only leave things out"),
    ({"text": "!!"}, "--query", "'!!' has nothing to search for: give a word"),
    ({"text": ""}, "--query", "'' has nothing to search for: give a word"),
    ({"text": "NOT"}, "--query", "'NOT' has nothing to search for: give a word"),
    ({"since": "2024-13"}, "--since", "'2024-13' is not a date"),
    ({"until": "soon"}, "--until", "'soon' is not a date"),
    # checked in the order category, site, query, since, until
    ({"since": "x", "category": "nope"}, "--category", "no category is 'nope'"),
])
def test_what_cannot_be_applied_names_its_option(db, kwargs, hint, sentence):
    with pytest.raises(FilterError, match="^" + sentence.replace("(", r"\(").replace(
            ")", r"\)")) as caught:
        build_filter(db, **kwargs)
    assert caught.value.hint == hint


def test_the_search_takes_the_same_filter_with_named_parameters():
    keep = Filter.of(since="2024", until="2024-02", category=["A", "B"], site=WWW)
    assert keep.clauses(named=True) == [
        ("category", "category in (:category0, :category1)", {"category0": "A", "category1": "B"}),
        ("site", "site in (:site0)", {"site0": WWW}),
        ("since", "published_at >= :since", {"since": "2024-01-01"}),
        ("until", "published_at < :until", {"until": "2024-03-01"}),
    ]
    with pytest.raises(ValueError, match="is not a date"):
        Filter.of(since="yesterday")


def test_dates_alone_are_checked_as_dates():
    check_dates("2024", None)
    with pytest.raises(FilterError) as caught:
        check_dates("2024", "2024-02-30")
    assert caught.value.hint == "--until"


@pytest.mark.parametrize("until", ["9999", "9999-12", "9999-12-31"])
def test_until_the_calendars_last_day_takes_in_every_record(db, until):
    """The day after 9999-12-31 is past Python's calendar: such an --until bounds nothing."""
    keep = build_filter(db, until=until)
    assert keep.where() == ("", [])
    assert ids(db, keep) == ["1", "2", "3"]
    assert ids(db, build_filter(db, until="9999-11")) == ["1", "2", "3"]
