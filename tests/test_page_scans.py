"""Whole-page scans run on a page's UTF-8 bytes where they can: each must answer what the
same scan of the decoded text answers, on text built to trip it (case variants, the
letters Unicode case-folding maps onto ASCII ones, controls, no-break spaces)."""

from __future__ import annotations

import random
import re

import pytest

from crawler.parsers import documents, page
from crawler.parsers.page import load

# Pieces a page's text is built from: the words the scans look for, spelt every way, and
# their near misses.
PIECES = ["v", "V", "n", "N", "i", "I", "\u0130", "\u0131", "-", " ", ".", "a", "Z", "\u017f",
          "\u212a", "\u1ec7", "\xa0", "\x01", "\x85", "\x9f", "\xa1", "\u0111", "<p>", "vni",
          ".vn", "VNI-", ".VnTime", "gov.vn/", "\x7f", "\t", "\u3000", "ệ"]


def _texts(seed: int, count: int = 400):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))


@pytest.mark.parametrize("seed", range(5))
def test_the_control_scan_on_bytes_finds_what_the_text_scan_finds(seed):
    for text in _texts(seed):
        raw = text.encode("utf-8")
        assert page._has_control_bytes(raw) == bool(page._CONTROLS.search(text)), repr(text)


@pytest.mark.parametrize("seed", range(5))
def test_the_legacy_font_scan_on_bytes_finds_what_the_text_scan_finds(seed):
    for text in _texts(seed):
        raw = text.encode("utf-8")
        on_bytes = bool(page._LEGACY_FONT_HINT_BYTES.search(raw.lower()))
        assert on_bytes == bool(page._LEGACY_FONT_HINT.search(text)), repr(text)


LEGACY_PAGE = ('<html><body><p style="font-family:{font}">Uû ban nh©n d©n</p>'
               '<p>{between}</p></body></html>')


@pytest.mark.parametrize("font, converted", [(".VnTime", ["tcvn3"]), ("VNI-Times", ["vni"]),
                                             ("Arial", [])])
@pytest.mark.parametrize("between", ["x", "a\x01b", "&#1;"])
def test_load_converts_the_same_page_read_from_bytes_or_from_text(font, converted, between):
    html = LEGACY_PAGE.format(font=font, between=between)
    from_bytes, from_text = load(html.encode("utf-8")), load(html)
    assert page.legacy_encodings(from_bytes) == page.legacy_encodings(from_text) == converted
    assert from_bytes.text_content() == from_text.text_content()
    assert "\x01" not in from_bytes.text_content()


# The document check's words ("số hiệu", "ký hiệu", "trích yếu", "số văn bản"), spelt
# every way the pattern takes, their parts, and what stands between.
DOCUMENT_PIECES = ["Số", "số", "SỐ", "so", "Ký", "ký", "KÝ", "ky", "\u212a", "\u017f", "o",
                   " ", "\xa0", "\u3000", "\n", "hiệu", "HIỆU", "H\u0130\u1ec7u", "h\u0131eu",
                   "hieu", "văn", "VĂN", "van", "bản", "BẢN", "ban", "trích", "TRÍCH",
                   "tr\u0131ch", "yếu", "YẾU", "yeu", "x", "hi", "ệu", "y", "b", "tr", "\u0130"]


@pytest.mark.parametrize("seed", range(5))
def test_the_document_words_are_found_where_the_whole_scan_finds_them(seed):
    rng = random.Random(seed)
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(DOCUMENT_PIECES) for _ in range(rng.randint(1, 8)))
        expected = bool(documents._LABEL_WORDS.search(text))
        assert documents.has_label_words(text) == expected, repr(text)
        found += expected
    assert found > 20  # the texts hold the words often enough to test both answers


def test_only_one_letter_lowers_to_two_characters():
    """has_label_words reads offsets of the lowered text in the text itself."""
    assert [c for c in range(0x110000) if len(chr(c).lower()) != 1] == [0x130]


def test_isspace_is_the_patterns_space():
    spaces = [c for c in range(0x110000) if chr(c).isspace()]
    assert spaces == [c for c in range(0x110000) if re.match(r"\s", chr(c))]
