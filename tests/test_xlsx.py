"""The spreadsheet export (archive.xlsx): written, then read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from openpyxl import load_workbook

from archive.xlsx import CELL_LIMIT, clean_cell_text, parse_iso, write_xlsx
from crawler.kernel.record import DOCUMENT_KEYS, RECORD_KEYS

COLUMNS = [k for k in RECORD_KEYS if k != "body_html"]
LONG = "Nghị quyết về phát triển kinh tế - xã hội. " * 1000  # 43,000 characters


def record(n: int, **over) -> dict:
    rec = {k: None for k in RECORD_KEYS}
    rec.update({
        "url": f"https://www.nghean.gov.vn/tin-tuc/bai-{n}", "site": "www.nghean.gov.vn",
        "article_id": f"00{n}", "title": "Chủ tịch UBND tỉnh Nguyễn Đức Trung tiếp đoàn",
        "published_at": "2020-08-14T16:30:00+07:00", "body": "Một dòng.",
        "category": "Chỉ đạo điều hành", "tags": [], "related": [], "images": [],
        "attachments": [], "cites": [], "fetched_at": "2026-01-01T00:00:05+00:00",
        "parser": "vnportal/1", "body_html": "<p>x</p>",
    })
    rec.update(over)
    return rec


ROWS = [
    record(1, body="Đoạn một: bão số 3.\nĐoạn hai: lũ lớn.\n\nĐoạn ba.",
           tags=["Thiên tai", "Hà Tĩnh"], cites=["1205/QĐ-UBND", "20/2023/NĐ-CP"],
           images=[{"url": "https://x/a.jpg", "caption": "Ảnh lũ", "sha256": None},
                   {"url": "https://x/b.jpg", "caption": None}],
           attachments=[{"url": "https://x/qd.pdf", "name": "Quyết định 1205"}],
           related=[{"url": "https://x/r", "title": "Tin liên quan"}]),
    record(2, published_at="2021-03-02", author=None, summary=None, body=LONG),
    record(3, title="=HYPERLINK(\"http://evil\")", category="#N/A", published_at="2019",
           body="Có ký tự lạ\x00 ở đây\x1b và\x0b đây.\r\nDòng sau.", author="Thanh Hòa"),
    record(4, title=unicodedata.normalize("NFD", "Hoà Bình"), published_at=None,
           fetched_at="2026-01-01T00:00:00Z", source="Theo baonghean.vn"),
]


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "a.xlsx"
    assert write_xlsx(iter(ROWS), COLUMNS, path) == len(ROWS)
    wb = load_workbook(path)
    yield wb["articles"]
    wb.close()


def cells(ws, n: int) -> dict:
    """Row n (1: header) as {column name: cell}."""
    header = [c.value for c in ws[1]]
    return dict(zip(header, ws[n]))


def test_header_is_bold_and_frozen(sheet):
    assert [c.value for c in sheet[1]] == COLUMNS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == len(ROWS) + 1


def test_text_is_kept_as_text(sheet):
    row = cells(sheet, 2)
    assert row["title"].value == "Chủ tịch UBND tỉnh Nguyễn Đức Trung tiếp đoàn"
    assert row["category"].value == "Chỉ đạo điều hành"
    assert row["article_id"].value == "001"  # not the number 1
    assert row["article_id"].data_type == "s"


def test_multiline_body_wraps(sheet):
    body = cells(sheet, 2)["body"]
    assert body.value == "Đoạn một: bão số 3.\nĐoạn hai: lũ lớn.\n\nĐoạn ba."
    assert body.alignment.wrap_text
    assert not cells(sheet, 2)["title"].alignment.wrap_text


def test_dates_are_excel_dates(sheet):
    published = cells(sheet, 2)["published_at"]
    assert published.is_date
    assert published.value == dt.datetime(2020, 8, 14, 16, 30)  # as printed, +07:00 dropped
    assert published.number_format == "yyyy-mm-dd hh:mm"
    fetched = cells(sheet, 2)["fetched_at"]
    assert fetched.value == dt.datetime(2026, 1, 1, 0, 0, 5)
    day = cells(sheet, 3)["published_at"]
    assert day.is_date
    assert day.number_format == "yyyy-mm-dd"
    # openpyxl reads every date cell back as a datetime: midnight of that day
    assert day.value == dt.datetime(2021, 3, 2)
    assert cells(sheet, 5)["fetched_at"].value == dt.datetime(2026, 1, 1)


def test_a_value_that_is_not_a_date_stays_text(sheet):
    year = cells(sheet, 4)["published_at"]
    assert year.value == "2019"
    assert year.data_type == "s"


def test_none_is_an_empty_cell(sheet):
    row = cells(sheet, 3)
    assert row["author"].value is None
    assert row["summary"].value is None
    assert row["tags"].value is None  # an empty list
    assert cells(sheet, 5)["published_at"].value is None


def test_lists_are_joined(sheet):
    row = cells(sheet, 2)
    assert row["tags"].value == "Thiên tai | Hà Tĩnh"
    assert row["cites"].value == "1205/QĐ-UBND | 20/2023/NĐ-CP"
    assert row["images"].value == "Ảnh lũ <https://x/a.jpg> | https://x/b.jpg"
    assert row["attachments"].value == "Quyết định 1205 <https://x/qd.pdf>"
    assert row["related"].value == "Tin liên quan <https://x/r>"


def test_long_text_is_cut_with_a_marker(sheet):
    body = cells(sheet, 3)["body"].value
    assert len(body) <= CELL_LIMIT
    m = re.search(r"… \[([\d,]+) characters left out: .*the JSON export has the whole text\]$",
                  body)
    assert m, body[-200:]
    kept = body[:m.start()].rstrip("\n")
    assert LONG.startswith(kept)
    assert int(m[1].replace(",", "")) == len(LONG) - len(kept)


def test_characters_xml_cannot_hold_are_removed(sheet):
    row = cells(sheet, 4)
    assert row["body"].value == "Có ký tự lạ ở đây và đây.\nDòng sau."
    assert row["body"].alignment.wrap_text


def test_formulas_and_error_codes_stay_text(sheet):
    row = cells(sheet, 4)
    assert row["title"].value == '=HYPERLINK("http://evil")'
    assert row["title"].data_type == "s"
    assert row["category"].value == "#N/A"
    assert row["category"].data_type == "s"


def test_text_is_nfc(sheet):
    assert cells(sheet, 5)["title"].value == "Hoà Bình"
    assert unicodedata.is_normalized("NFC", cells(sheet, 5)["title"].value)


def test_column_widths(sheet):
    letter = {name: c.column_letter for name, c in cells(sheet, 1).items()}
    assert sheet.column_dimensions[letter["title"]].width == 60
    assert sheet.column_dimensions[letter["body"]].width == 80
    assert sheet.column_dimensions[letter["url"]].width == 50


def test_binary_stream_and_sheet_name():
    out = io.BytesIO()
    docs = [{"url": "https://x/d1", "number": "1205/QĐ-UBND", "title": "Quyết định",
             "issued": "2023-05-04", "effective": "2023-06-01", "files": [
                 {"url": "https://x/d1.pdf", "name": "Toàn văn"}], "text": None}]
    assert write_xlsx(docs, list(DOCUMENT_KEYS), out, sheet="documents") == 1
    wb = load_workbook(io.BytesIO(out.getvalue()))
    row = cells(wb["documents"], 2)
    assert row["issued"].value == dt.datetime(2023, 5, 4)
    assert row["issued"].number_format == "yyyy-mm-dd"
    assert row["effective"].is_date
    assert row["files"].value == "Toàn văn <https://x/d1.pdf>"
    assert row["site"].value is None  # a key the record lacks


def test_no_rows_is_a_header_only():
    out = io.BytesIO()
    assert write_xlsx([], ["url", "title"], out) == 0
    ws = load_workbook(io.BytesIO(out.getvalue()))["articles"]
    assert [c.value for c in ws[1]] == ["url", "title"]
    assert ws.max_row == 1


def test_parse_iso():
    assert parse_iso("2020-08-14T16:30:00+07:00") == dt.datetime(2020, 8, 14, 16, 30)
    assert parse_iso("2020-08-14 16:30") == dt.datetime(2020, 8, 14, 16, 30)
    assert parse_iso("2020-08-14T16:30:00.250Z") == dt.datetime(2020, 8, 14, 16, 30, 0, 250000)
    assert parse_iso("2020-08-14") == dt.date(2020, 8, 14)
    assert type(parse_iso("2020-08-14")) is dt.date
    for bad in ("2020", "2020-08", "2020-02-30", "14/08/2020", "1850-01-01", "2020-08-14x"):
        assert parse_iso(bad) is None, bad


def test_cut_counts_utf16_units_as_excel_does():
    text = "😀" * 20000  # 40,000 UTF-16 units
    out = clean_cell_text(text)
    assert len(out.encode("utf-16-le")) // 2 <= CELL_LIMIT
    assert "characters left out" in out
    assert "\ud83d" not in out  # no half of a pair
    assert clean_cell_text("a" * CELL_LIMIT) == "a" * CELL_LIMIT
    assert "left out" in clean_cell_text("a" * (CELL_LIMIT + 1))
