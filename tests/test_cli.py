"""The CLI's contract: commands print the record, errors are sentences, not tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


@pytest.mark.parametrize("stored", [b"", b"<!DOCTYPE html>\n<!-- saved page, cut off",
                                    b'<?xml version="1.0"?><!-- x -->'])
def test_parse_empty_file_is_a_clear_error(tmp_path, stored):
    page = tmp_path / "empty.html"
    page.write_bytes(stored)
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


def _stored_pages():
    root = Path(__file__).parent.parent
    for path in sorted((root / "tests" / "fixtures").glob("*.html")):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        yield path, spec["url"]
    for path in sorted((root / "bench" / "pages").glob("*.html")):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        yield path, spec["url"]
    for path in sorted((root / "bench" / "pages" / "other").glob("*.html")):
        yield path, path.with_suffix(".url").read_text(encoding="utf-8").strip()


def test_parse_ends_in_a_record_or_a_sentence_on_every_stored_page():
    """Every page of the fixtures and the bench's corpora (news of every kind, and pages
    that are no articles): a record, or one sentence saying what the page is."""
    seen = 0
    for path, url in _stored_pages():
        result = CliRunner().invoke(cli, ["parse", str(path), "--url", url])
        seen += 1
        assert result.exit_code in (0, 1), (path.name, result.output)
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit), (path.name, result.exception)
        if result.exit_code == 0:
            assert json.loads(result.stdout)["url"]
        else:
            assert result.output.startswith("Error: ") and "not an article page: read as" \
                in result.output, (path.name, result.output)
    assert seen > 120


MALFORMED_JSON_LD = (
    '{"@type": "BreadcrumbList", "itemListElement": [[{"@type": "ListItem", "position": 1,'
    ' "name": "Tin tức"}], [{"@type": "ListItem", "position": 2, "name": "Xã hội"}]]}',
    '{"@type": "NewsArticle", "headline": ["a", {"b": 1}], "author": "X", "publisher": "Y"}',
    '{"@type": ["NewsArticle", 3], "author": [{"name": ["A"]}, 7], "datePublished": {}}',
    '{"@graph": {"@type": "NewsArticle", "itemListElement": "x"}}',
    '{"@type": "NewsArticle", "headline": "Tiêu đề" ',  # cut short: invalid JSON
    '<!-- {"@type": "NewsArticle"} -->',
    '[1, "two", null, [[[]]]]',
)


def test_parse_reads_past_malformed_structured_data_of_every_shape(tmp_path):
    html = (FIXTURES / "seed-article.html").read_text(encoding="utf-8")
    for n, block in enumerate(MALFORMED_JSON_LD):
        page = tmp_path / f"p{n}.html"
        page.write_text(html.replace(
            "</head>", f'<script type="application/ld+json">{block}</script></head>', 1),
            encoding="utf-8")
        result = CliRunner().invoke(cli, ["parse", str(page), "--url", SEED_URL])
        assert result.exit_code == 0, (block, result.output)
        record = json.loads(result.stdout)
        # the fields still come from the markup
        assert record["title"].startswith("Ký kết quy chế phối hợp"), block
        assert record["author"] == "Quang Minh", block
