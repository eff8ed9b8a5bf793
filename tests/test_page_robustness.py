"""Pages judged by their content: a stored article, broken the ways real pages are
(optional end tags left out, 10,000 nested <div>s, an unclosed <span>/<em>, a missing </p>
before a figure, a charset header that lies), still parses to its hand-written record.

The record each variant must give is the fixture's own expected JSON, written by hand from
the page, so these tests do not depend on what the parser happens to make of it."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from crawler.kernel.text import clean_text
from crawler.parsers import parse_article
from crawler.parsers.page import decode_page, flatten_deep, load

FIXTURES = Path(__file__).parent / "fixtures"
NAME = "vnportal-author-label-attachments"
SPEC = json.loads((FIXTURES / f"{NAME}.json").read_text(encoding="utf-8"))
PAGE = (FIXTURES / f"{NAME}.html").read_text(encoding="utf-8")
FIRST_P = '<p style="text-align:justify">Kế hoạch nhằm'
FIGURE = '<figure class="image">'
COMPARED = ("title", "published_at", "author", "summary", "body", "images", "attachments",
            "related")


def parsed(html: str | bytes, content_type: str | None = None) -> dict:
    article = parse_article(html, SPEC["url"], SPEC["fetched_at"], content_type)
    assert article is not None, "the page was not taken for an article"
    return article.to_dict()


def assert_record(record: dict) -> None:
    for key in COMPARED:
        assert record[key] == SPEC["expected"][key], key


def test_the_fixture_itself_parses_right():
    assert FIRST_P in PAGE and FIGURE in PAGE and "</html>" in PAGE  # the surgery below holds
    assert_record(parsed(PAGE))


def test_page_without_optional_end_tags():
    page = PAGE.replace("</body>", "").replace("</html>", "")
    assert "</html>" not in page
    assert_record(parsed(page))


@pytest.mark.parametrize("depth", [300, 3000, 10_000])
def test_body_nested_deeper_than_libxml2_allows(depth):
    # Everything after the first paragraph, footer and related list included, sits
    # inside `depth` nested <div>s, closed right before the body's own </div>.
    start = PAGE.index(FIGURE)
    end = PAGE.index('<div class="author">')
    close = PAGE.rindex("</div>", start, end)
    page = (PAGE[:start] + "<div>" * depth + PAGE[start:close] + "</div>" * depth
            + PAGE[close:])
    assert_record(parsed(page))


def test_unclosed_inline_element_and_missing_p_keep_the_caption_out():
    page = PAGE.replace(FIRST_P, FIRST_P.replace("Kế hoạch", "<span style='color:red'>Kế "
                                                          "<em>hoạch", 1), 1)
    # the first paragraph loses its </p>, and its <span> and <em> are never closed
    head, rest = page.split(FIGURE, 1)
    head = head[: head.rindex("</p>")] + head[head.rindex("</p>") + 4:]
    page = head + FIGURE + rest
    record = parsed(page)
    assert_record(record)
    assert "Người dân thực hiện thủ tục" not in record["body"]


def test_utf8_page_whose_header_says_windows_1258():
    raw = PAGE.replace('<meta charset="utf-8">', "").encode("utf-8")
    decoded = decode_page(raw, "text/html; charset=windows-1258")
    assert decoded.encoding == "utf-8"
    assert "windows-1258" in decoded.note or "cp1258" in decoded.note
    assert_record(parsed(raw, "text/html; charset=windows-1258"))


@pytest.mark.parametrize("cut", [1, 2])
@pytest.mark.parametrize("content_type", [None, "text/html; charset=utf-8"])
def test_a_utf8_page_cut_inside_a_character_is_still_utf8(cut, content_type):
    # Cut short in transit, the page ends in the middle of "ệ": everything before it is
    # still the UTF-8 it was, not another encoding's mojibake.
    raw = PAGE.encode("utf-8")
    end = raw.index("Kế hoạch nhằm".encode()) + len("Kế hoạch nh".encode()) + 3 - cut
    decoded = decode_page(raw[:end], content_type)
    assert decoded.encoding == "utf-8"
    assert decoded.text.endswith("Kế hoạch nh\ufffd") and decoded.note is None


def test_windows_1258_page_whose_header_says_utf8():
    # windows-1258 writes tones as combining marks after a base letter it has
    text = "<html><body><p>Nghê\u0323 An, Đư\u0301c</p></body></html>"
    raw = text.encode("cp1258")
    decoded = decode_page(raw, "text/html; charset=utf-8")
    assert unicodedata.normalize("NFC", decoded.text) == unicodedata.normalize("NFC", text)
    assert decoded.note and "utf-8" in decoded.note


@pytest.mark.parametrize("header", ["iso-8859-1", "windows-1252"])
def test_a_servers_western_default_yields_to_the_pages_windows_1258_meta(header):
    # IIS and Apache label every page with their default; the page names what it is.
    text = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1258"></head><body><p>UBND ti\u0309nh chi\u0309 đa\u0323o '
            "pho\u0300ng, chô\u0301ng lu\u0303 lu\u0323t</p></body></html>")
    decoded = decode_page(text.encode("cp1258"), f"text/html; charset={header}")
    assert unicodedata.normalize("NFC", decoded.text) == unicodedata.normalize("NFC", text)
    assert decoded.encoding == "cp1258" and "<meta>" in decoded.note
    doc = load(text.encode("cp1258"), f"text/html; charset={header}")
    assert clean_text(doc.findtext(".//p")) == "UBND tỉnh chỉ đạo phòng, chống lũ lụt"


def test_a_western_header_with_no_other_word_is_kept():
    # Without the page saying otherwise the header stands (a legacy VNI font is then
    # converted from those bytes, tests/test_legacy.py).
    raw = "<html><body><p>Café crème, voilà</p></body></html>".encode("cp1252")
    decoded = decode_page(raw, "text/html; charset=iso-8859-1")
    assert "Café crème, voilà" in decoded.text and decoded.note is None


def test_a_correct_declaration_is_not_overruled():
    raw = PAGE.encode("utf-8")
    decoded = decode_page(raw, "text/html; charset=utf-8")
    assert decoded.encoding == "utf-8" and decoded.note is None


def test_flatten_keeps_every_word_and_shallow_boundaries():
    html = "<div><p>a</p>" + "<div>" * 5000 + "<p>b</p><p>c</p>" + "</div>" * 5000 + "<p>d</p></div>"
    flat = flatten_deep(html, limit=100)
    assert flat.count("<div>") <= 100
    doc = load("<html><body>" + flat + "</body></html>")
    assert [p.text for p in doc.iter("p")] == ["a", "b", "c", "d"]


def test_nul_and_control_characters_do_not_stop_the_parse():
    doc = load("<html><body><p>một\x00 hai\x07 ba</p><p>bốn</p></body></html>")
    assert [p.text_content() for p in doc.iter("p")] == ["một hai ba", "bốn"]
