"""`govnews export` takes the search's language and filters (--query, --site, an
accent-blind --category) and writes a real workbook (--format xlsx)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from archive.cli import cli
from archive.store import Archive
from crawler.kernel.record import Article

WWW, VH = "www.nghean.gov.vn", "vhttdl.nghean.gov.vn"


def make(n, site, title, body, category, published_at):
    return Article(url=f"https://{site}/tin-tuc/bai-{n}", site=site, article_id=str(n),
                   title=title, body=body, category=category, published_at=published_at)


ARTICLES = [
    make(1, WWW, "Bão số 3 đổ bộ", "Mưa lớn tại Hà Tĩnh và Nghệ An.\nDân sơ tán.",
         "Chỉ đạo điều hành", "2024-09-07T10:00:00+07:00"),
    make(2, WWW, "Khắc phục hậu quả bão", "Các xã ven biển khắc phục hậu quả.",
         "Chỉ đạo điều hành", "2024-09-10"),
    make(3, VH, "Lễ hội đền Cuông", "Bão không ảnh hưởng đến lễ hội.", "Văn hóa",
         "2024-03-02T08:00:00+07:00"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "a.db"
    archive = Archive(path)
    archive.store_articles(ARTICLES)
    archive.close()
    return str(path)


def export(db, *args):
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl", *args])
    return result, [json.loads(line)["article_id"] for line in result.stdout.splitlines()
                    if line.strip()]


@pytest.mark.parametrize("args,expected", [
    (["--query", "bão"], ["3", "1", "2"]),
    (["--query", "bão NOT \"Hà Tĩnh\""], ["3", "2"]),
    (["--query", "lễ hội OR sơ tán"], ["3", "1"]),
    (["--category", "chi dao dieu hanh"], ["1", "2"]),
    (["--site", VH], ["3"]),
    (["--query", "bão", "--since", "2024-09", "--category", "CHỈ ĐẠO ĐIỀU HÀNH"], ["1", "2"]),
])
def test_export_takes_the_search_language_and_filters(db, args, expected):
    result, ids = export(db, *args)
    assert result.exit_code == 0, result.output
    assert ids == expected


@pytest.mark.parametrize("args,words", [
    (["--query", "-bão"], "cannot only leave things out"),
    (["--category", "Thể thao"], "govnews stats"),
    (["--query", "***"], "'***' has nothing to search for: give a word"),
])
def test_export_filters_that_cannot_work_say_why(db, args, words):
    result, _ = export(db, *args)
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output


def test_xlsx_is_a_real_workbook(db, tmp_path):
    out = tmp_path / "a.xlsx"
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "xlsx", "--out",
                                      str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("url", "site", "article_id", "title")
    by_id = {row[header.index("article_id")]: dict(zip(header, row)) for row in rows[1:]}
    assert by_id["1"]["title"] == "Bão số 3 đổ bộ"
    assert by_id["1"]["body"] == "Mưa lớn tại Hà Tĩnh và Nghệ An.\nDân sơ tán."
    assert by_id["1"]["published_at"] == dt.datetime(2024, 9, 7, 10, 0)
    assert by_id["2"]["published_at"] == dt.datetime(2024, 9, 10)  # a date: midnight
    assert "body_html" not in header


def test_search_takes_the_same_filters(db):
    def urls(*args):
        result = CliRunner().invoke(cli, ["search", *args, "--db", db, "--format", "json"])
        assert result.exit_code == 0, result.output
        return [hit["record"]["article_id"] for hit in json.loads(result.stdout)]

    assert sorted(urls("bão")) == ["1", "2", "3"]
    assert urls("bão", "--site", VH) == ["3"]
    assert sorted(urls("bão", "--category", "chi dao dieu hanh")) == ["1", "2"]
    assert urls("bão NOT lễ hội", "--site", VH) == []
