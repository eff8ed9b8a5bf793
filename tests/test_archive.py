"""The archive's storage rules: one row per canonical URL, updates in place, children kept
in page order, runs recorded."""

from __future__ import annotations

import json

from archive.query import records, stats
from archive.store import Archive
from crawler.kernel.record import Article, Attachment, Image, Link


def make(url="https://www.nghean.gov.vn/tin-tuc/bai-viet-123456", **over):
    fields = dict(
        url=url, site="www.nghean.gov.vn", title="Tiêu đề", body="Đoạn một.\nĐoạn hai.",
        article_id=url.rsplit("-", 1)[1], published_at="2020-08-14T16:30:00+07:00", author="Quang Minh",
        summary="Tóm tắt", category="Tin tức", tags=["a"],
        related=[Link("https://www.nghean.gov.vn/tin-tuc/khac-1234", "Khác")],
        images=[Image("https://datafiles.nghean.gov.vn/a.jpg", "Ảnh")],
        attachments=[Attachment("https://www.nghean.gov.vn/f/qd.pdf", "QĐ")],
        fetched_at="2026-01-01T00:00:00+00:00", parser="vnportal/1",
    )
    fields.update(over)
    return Article(**fields)


def counts(archive):
    return {t: archive.db[t].count for t in ("articles", "related_links", "images", "attachments")}


def test_store_is_idempotent_and_updates_in_place(tmp_path):
    archive = Archive(tmp_path / "a.db")
    assert archive.store_articles([make()]) == {"new": 1}
    before = counts(archive)
    assert before == {"articles": 1, "related_links": 1, "images": 1, "attachments": 1}

    assert archive.store_articles([make(fetched_at="2026-01-02T00:00:00+00:00")]) == {"unchanged": 1}
    assert counts(archive) == before

    changed = make(body="Đoạn mới.", related=[Link("https://www.nghean.gov.vn/x/a-1111", "A"),
                                              Link("https://www.nghean.gov.vn/x/b-2222", "B")])
    assert archive.store_articles([changed]) == {"updated": 1}
    assert archive.db["articles"].count == 1
    assert archive.db["related_links"].count == 2
    rec = next(records(archive.db))
    assert rec["body"] == "Đoạn mới."
    assert [r["title"] for r in rec["related"]] == ["A", "B"]
    archive.close()


def test_full_record_round_trips(tmp_path):
    archive = Archive(tmp_path / "a.db")
    article = make()
    archive.store_articles([article])
    rec = next(records(archive.db))
    assert rec == article.to_dict()
    archive.close()


def test_listed_in_two_categories_is_one_row(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make()])
    archive.store_listings({make().url: [("https://www.nghean.gov.vn/a", "A"),
                                         ("https://www.nghean.gov.vn/b", "B")]})
    archive.store_listings({make().url: [("https://www.nghean.gov.vn/a", "A")]})
    assert archive.db["articles"].count == 1
    assert archive.db["article_listings"].count == 2
    archive.close()


def test_an_article_without_a_category_takes_the_first_list_that_names_one(tmp_path):
    """A related link led to it before any list showed it; a later batch's list names it."""
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make(category=None), make(make().url[:-6] + "654321")])
    archive.store_listings({make().url: [("https://www.nghean.gov.vn/x", None),
                                         ("https://www.nghean.gov.vn/a", "Tin tức - Sự kiện"),
                                         ("https://www.nghean.gov.vn/b", "Thông báo")],
                            make().url[:-6] + "654321": [("https://www.nghean.gov.vn/b", "B")]})
    archive.store_listings({make().url: [("https://www.nghean.gov.vn/c", "C")]})
    categories = dict(archive.db.execute("select url, category from articles"))
    assert categories == {make().url: "Tin tức - Sự kiện",
                          make().url[:-6] + "654321": "Tin tức"}  # its page named one
    counted = dict(archive.db.execute(
        "select category, sum(articles) from article_tallies group by category"
        " having sum(articles) > 0"))
    assert counted == {"Tin tức - Sự kiện": 1, "Tin tức": 1}
    archive.close()


def test_runs_and_errors_are_recorded(tmp_path):
    archive = Archive(tmp_path / "a.db")
    run = archive.start_run(["https://www.nghean.gov.vn/"])
    archive.record_error(run, "https://www.nghean.gov.vn/x", "http_500", "HTTP 500")
    archive.record_error(run, "https://www.nghean.gov.vn/y", "http_500", "HTTP 500")
    archive.finish_run(run, "ok", requests=10)
    row = archive.run(run)
    assert row["status"] == "ok" and row["errors"] == 2 and row["requests"] == 10
    assert json.loads(row["errors_by_kind"]) == {"http_500": 2}
    archive.close()


def test_schema_migrations_apply_once(tmp_path):
    path = tmp_path / "a.db"
    Archive(path).close()
    archive = Archive(path)  # reopening applies nothing twice
    names = [r["name"] for r in archive.db.query("select name from _sqlite_migrations")]
    assert len(names) == len(set(names)) >= 2
    archive.close()


def test_stats_counts_per_category_and_month(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([
        make(),
        make(url="https://www.nghean.gov.vn/tin-tuc/b-222222", category="Khác",
             published_at="2021-01-05"),
        make(url="https://www.nghean.gov.vn/tin-tuc/c-333333", published_at=None),
    ])
    data = stats(archive.db)
    assert data["articles"] == 3
    assert {r["category"]: r["articles"] for r in data["by_category"]} == {"Tin tức": 2, "Khác": 1}
    assert {r["month"]: r["articles"] for r in data["by_month"]} == {
        "2020-08": 1, "2021-01": 1, "(undated)": 1}
    archive.close()


def test_csv_export_opens_cleanly_in_a_spreadsheet(tmp_path):
    import csv

    from click.testing import CliRunner

    from archive.cli import cli

    db = tmp_path / "a.db"
    archive = Archive(db)
    archive.store_articles([
        make(),
        make(url="https://www.nghean.gov.vn/tin-tuc/b-222222", category="Khác",
             published_at="2021-01-05", body="Dòng một,\n\"trích dẫn\"; dòng hai"),
    ])
    archive.close()
    out = tmp_path / "a.csv"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "csv", "--out", str(out),
                                      "--since", "2021"])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert len(rows) == 1  # --since 2021 leaves out the 2020 article
    row = rows[0]
    assert row["body"] == "Dòng một,\n\"trích dẫn\"; dòng hai"
    assert row["related"] == "Khác <https://www.nghean.gov.vn/tin-tuc/khac-1234>"
    assert row["tags"] == "a"
    assert "body_html" not in row


def test_jsonl_export_filters_by_category(tmp_path):
    from click.testing import CliRunner

    from archive.cli import cli

    db = tmp_path / "a.db"
    archive = Archive(db)
    archive.store_articles([make(), make(url="https://www.nghean.gov.vn/tin-tuc/b-222222",
                                         category="Khác")])
    archive.close()
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--category", "Khác"])
    lines = [json.loads(x) for x in result.output.splitlines() if x.strip()]
    assert [r["url"] for r in lines] == ["https://www.nghean.gov.vn/tin-tuc/b-222222"]


def test_a_batch_is_stored_whole_or_not_at_all(tmp_path, monkeypatch):
    from crawler.kernel.record import Snapshot

    archive = Archive(tmp_path / "a.db")
    calls = []
    original = archive._replace_children

    def failing(article):
        calls.append(article.url)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(article)

    monkeypatch.setattr(archive, "_replace_children", failing)
    snap = Snapshot(url=make().url, method="GET", status=200, body=b"<html></html>",
                    fetched_at="2026-01-01T00:00:00+00:00")
    try:
        archive.store_batch([make(), make(url="https://www.nghean.gov.vn/tin-tuc/b-222222")],
                            [snap])
    except RuntimeError:
        pass
    assert archive.db["articles"].count == 0
    assert archive.db["fetches"].count == 0
    archive.close()


def test_an_article_moved_to_a_new_url_stays_one_article(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make()])
    moved = make(url="https://www.nghean.gov.vn/tin-tuc/tieu-de-moi-123456", title="Tiêu đề mới")
    assert archive.store_articles([moved]) == {"updated": 1}
    assert [r["url"] for r in records(archive.db)] == [moved.url]
    assert archive.db["related_links"].count == 1
    versions = list(archive.db.query("select url, record from article_versions"))
    assert [(v["url"], json.loads(v["record"])["title"]) for v in versions] == [
        (moved.url, "Tiêu đề")]
    archive.close()


def test_an_article_that_moves_to_a_new_url_takes_its_citations_along(tmp_path):
    """The portal builds URLs from the title: an edited title moves the article, with
    everything that points at it (a foreign key left behind would fail the batch)."""
    archive = Archive(tmp_path / "a.db")
    old = Article(url="https://www.nghean.gov.vn/tin-tuc/cu-123456", site="www.nghean.gov.vn",
                  article_id="123456", title="Cũ", body="Theo Kế hoạch 45/KH-UBND.",
                  cites=["45/KH-UBND"], parser="vnportal/1")
    archive.store_articles([old])
    moved = Article(**{**old.__dict__, "url": "https://www.nghean.gov.vn/tin-tuc/moi-123456",
                       "title": "Mới"})
    assert archive.store_articles([moved])["updated"] == 1
    assert [r[0] for r in archive.db.execute("select article_url from citations")] == [moved.url]
    archive.close()


def test_an_archive_made_before_files_and_documents_is_brought_up_to_date(tmp_path):
    """An archive of the version before files and documents: its images and attachments
    become files to fetch, its articles' citations are read from their text, and its
    search index finds "Đức" typed either way."""
    import sqlite_utils

    from archive import schema

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    schema.migrations.apply(db, stop_before="m009_files_and_documents")
    db["articles"].insert({"url": "https://www.nghean.gov.vn/a-123456", "site": "www.nghean.gov.vn",
                           "title": "Chủ tịch Nguyễn Đức Trung", "tags": "[]",
                           "body": "Thực hiện Quyết định số 1205/QĐ-UBND của tỉnh."})
    db["images"].insert({"article_url": "https://www.nghean.gov.vn/a-123456", "position": 0,
                         "url": "https://datafiles.nghean.gov.vn/a.jpg"})
    db.close()
    archive = Archive(path)
    from archive.search import search

    assert [r[0] for r in archive.db.execute("select number from citations")] == ["1205/QĐ-UBND"]
    assert list(archive.db.execute("select url, state from files")) == [
        ("https://datafiles.nghean.gov.vn/a.jpg", "pending")]
    for query in ("Đức", "duc", "nguyen duc trung"):
        assert [h["url"] for h in search(archive.db, query)] == [
            "https://www.nghean.gov.vn/a-123456"], query
    archive.close()


def test_a_category_learned_after_the_article_completes_it_without_a_version(tmp_path):
    # A page that names no category takes a listing's; reached first by a related link,
    # it was stored before any listing showed it.  Next run the listing's category is
    # known: the record is completed (and found by it), not edited.
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make(category=None)])
    assert archive.store_articles([make(fetched_at="2026-01-02T00:00:00+00:00")]) == {
        "unchanged": 1}
    assert archive.db["article_versions"].count == 0
    assert [r["category"] for r in records(archive.db)] == ["Tin tức"]
    assert stats(archive.db)["by_category"] == [{"category": "Tin tức", "articles": 1}]
    # A category that replaces another, or comes with an edit, is a change as before.
    assert archive.store_articles([make(category="Thời sự")]) == {"updated": 1}
    assert archive.store_articles([make(category=None, url=make().url.replace("123456", "654321"))]) \
        == {"new": 1}
    assert archive.store_articles([make(url=make().url.replace("123456", "654321"),
                                        title="Tiêu đề mới")]) == {"updated": 1}
    assert archive.db["article_versions"].count == 2
    archive.close()


def test_a_changed_related_list_makes_no_version_and_shows_as_now(tmp_path):
    # "Tin cùng chuyên mục" lists the category's newest articles: it changes with every
    # one published, not with the article.
    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make()])
    newer = [Link("https://www.nghean.gov.vn/tin-tuc/moi-5678", "Mới"),
             Link("https://www.nghean.gov.vn/tin-tuc/khac-1234", "Khác")]
    assert archive.store_articles([make(related=newer)]) == {"unchanged": 1}
    assert archive.db["article_versions"].count == 0
    assert [r["title"] for r in next(records(archive.db))["related"]] == ["Mới", "Khác"]
    assert archive.store_articles([make(related=newer, body="Đoạn mới.")]) == {"updated": 1}
    assert archive.db["article_versions"].count == 1
    archive.close()


def test_an_article_hashed_with_its_related_list_is_not_versioned_for_it(tmp_path):
    # Archives made before the related list left the hash hold hashes with it: a re-fetch
    # whose only change is that list is the same article, and its hash is brought up to date.
    from archive.records import CONTENT_FIELDS, content_hash, shallow_record

    archive = Archive(tmp_path / "a.db")
    archive.store_articles([make()])
    old_hash = content_hash(shallow_record(make()), CONTENT_FIELDS)
    archive.db.execute("update articles set content_hash = ?", [old_hash])
    archive.db.conn.commit()
    moved_on = [Link("https://www.nghean.gov.vn/tin-tuc/moi-5678", "Mới")]
    assert archive.store_articles([make(related=moved_on)]) == {"unchanged": 1}
    assert archive.db["article_versions"].count == 0
    assert archive.db.execute("select content_hash from articles").fetchone()[0] \
        == content_hash(shallow_record(make()))
    # a real edit of such an article is still one
    archive.db.execute("update articles set content_hash = ?", [old_hash])
    archive.db.conn.commit()
    assert archive.store_articles([make(related=moved_on, title="Tiêu đề mới")]) == {"updated": 1}
    archive.close()


def test_a_write_waits_for_another_writer_instead_of_failing(tmp_path):
    """Another process holding the write lock for a moment (a second crawl checking that
    the archive is writable, a merge, a tagging command) makes a batch wait, not fail: a
    transaction that read first and then writes would get "database is locked" at once,
    without waiting, if it did not take the write lock at its start."""
    import sqlite3
    import threading

    path = tmp_path / "a.db"
    archive = Archive(path)
    archive.store_articles([make()])
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        # reads the stored row first, then writes the new version
        assert archive.store_articles([make(body="Đoạn mới.")]) == {"updated": 1}
    finally:
        release.join()
        other.close()
    assert next(records(archive.db))["body"] == "Đoạn mới."
    archive.close()
