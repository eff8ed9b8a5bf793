"""A photo's caption is searched with its article: it is often the only place a page names
who is in the picture."""

from __future__ import annotations

import sqlite_utils

from archive import schema
from archive.search import search
from archive.store import Archive
from crawler.kernel.record import Image
from tests.conftest import export_records
from tests.test_search import SITE, make

CAPTION = "Đồng chí Nguyễn Đức Trung thăm hỏi gia đình bà Lê Thị Mai, xã Triệu Long"
PICTURED = make(1, "Lãnh đạo tỉnh thăm, tặng quà gia đình chính sách dịp Tết",
                "Đoàn đã thăm hỏi, động viên và tặng 50 suất quà cho các gia đình chính sách.",
                images=[Image(url=f"https://{SITE}/anh-1.jpg", caption=CAPTION),
                        Image(url=f"https://{SITE}/anh-2.jpg", caption=None)])
OTHERS = [make(2, "Hội nghị tổng kết", "Phát biểu tại hội nghị, ông Nguyễn Đức Trung nhấn mạnh."),
          make(3, "Hội thảo khoa học", "Ông Nguyễn Văn Trung và bà Đức dự hội thảo.")]


def test_an_article_naming_a_person_only_in_a_caption_is_found(tmp_path):
    archive = Archive(tmp_path / "a.db")
    try:
        archive.store_articles([PICTURED, *OTHERS])
        for query in ("nguyen duc trung", "Nguyễn Đức Trung", "le thi mai"):
            hits = {h["url"]: h for h in search(archive.db, query)}
            assert PICTURED.url in hits, query
        hit = {h["url"]: h for h in search(archive.db, "nguyen duc trung")}[PICTURED.url]
        assert "**Nguyễn Đức Trung**" in hit["snippet"]
        assert OTHERS[1].url not in {h["url"] for h in search(archive.db, "nguyen duc trung")}
        # an edited caption is searched as it is now, the old one no more
        edited = make(1, PICTURED.title, PICTURED.body,
                      images=[Image(url=f"https://{SITE}/anh-1.jpg", caption="Quang cảnh buổi lễ")])
        archive.store_articles([edited])
        assert PICTURED.url not in {h["url"] for h in search(archive.db, "le thi mai")}
        assert PICTURED.url in {h["url"] for h in search(archive.db, "quang canh buoi le")}
    finally:
        archive.close()
    # the record is what the page gave: the captions stay with their images
    [record] = [r for r in export_records(tmp_path / "a.db") if r["url"] == PICTURED.url]
    assert "captions" not in record
    assert record["images"][0]["caption"] == "Quang cảnh buổi lễ"


def test_an_archive_made_before_captions_were_searched_finds_them_once_opened(tmp_path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    schema.migrations.apply(db, stop_before="m016_captions_searched")
    db["articles"].insert({"url": PICTURED.url, "site": SITE, "title": PICTURED.title,
                           "body": PICTURED.body, "published_at": PICTURED.published_at})
    db["images"].insert_all([{"article_url": PICTURED.url, "position": 0, "url": "a.jpg",
                              "caption": "Ảnh: Quang cảnh"},
                             {"article_url": PICTURED.url, "position": 1, "url": "b.jpg",
                              "caption": CAPTION}])
    assert "captions" not in db["articles"].columns_dict
    db.close()
    archive = Archive(tmp_path / "old.db")  # opening it brings it up to date
    try:
        [hit] = search(archive.db, "nguyen duc trung")
        assert hit["url"] == PICTURED.url
        [(captions,)] = archive.db.execute("select captions from articles").fetchall()
        assert captions == f"Ảnh: Quang cảnh\n{CAPTION}"
    finally:
        archive.close()
