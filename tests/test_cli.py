"""The CLI's contract: commands print the record, errors are sentences, not tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from archive.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SEED_URL = json.loads((FIXTURES / "seed-article.json").read_text(encoding="utf-8"))["url"]


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_parse_prints_the_record():
    result = invoke("parse", str(FIXTURES / "seed-article.html"), "--url", SEED_URL + "?pageindex=0")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["url"] == SEED_URL
    assert record["title"].startswith("Ký kết quy chế phối hợp")
    assert record["author"] == "Quang Minh"
    assert len(record["related"]) == 15


def test_parse_without_url_uses_the_canonical_link(tmp_path):
    page = tmp_path / "p.html"
    html = (FIXTURES / "seed-article.html").read_text(encoding="utf-8")
    if 'rel="canonical"' not in html:
        html = html.replace("<head>", f'<head><link rel="canonical" href="{SEED_URL}">', 1)
    page.write_text(html, encoding="utf-8")
    result = invoke("parse", str(page))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["url"] == SEED_URL


def test_parse_rejects_a_non_article_with_a_sentence(tmp_path):
    page = tmp_path / "contact.html"
    page.write_text("<html><body><h1>Liên hệ</h1><p>Địa chỉ: 03 Trường Thi, Vinh</p></body></html>",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(page), "--url", "https://www.nghean.gov.vn/lien-he"])
    assert result.exit_code == 1
    assert "not an article page" in result.output
    assert "Traceback" not in result.output


def test_parse_empty_file_is_a_clear_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_bytes(b"")
    result = CliRunner().invoke(cli, ["parse", str(page), "--url", "https://www.nghean.gov.vn/a/b-1234"])
    assert result.exit_code == 1
    assert "cannot read it as HTML" in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no archive at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_every_command_has_help_with_an_example():
    for command in ("crawl", "parse", "export", "stats", "demo"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "govnews " + command in result.output
