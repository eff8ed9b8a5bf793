"""Whole-page scans run on a page's UTF-8 bytes where they can: each must answer what the
same scan of the decoded text answers, on text built to trip it (case variants, the
letters Unicode case-folding maps onto ASCII ones, controls, no-break spaces)."""

from __future__ import annotations

import random
import re

import pytest
from lxml import etree

from crawler.parsers import documents, links, page
from crawler.parsers.page import load

# Pieces a page's text is built from: the words the scans look for, spelt every way, and
# their near misses.
PIECES = ["v", "V", "n", "N", "i", "I", "\u0130", "\u0131", "-", " ", ".", "a", "Z", "\u017f",
          "\u212a", "\u1ec7", "\xa0", "\x01", "\x85", "\x9f", "\xa1", "\u0111", "<p>", "vni",
          ".vn", "VNI-", ".VnTime", "gov.vn/", "\x7f", "\t", "\u3000", "ệ"]


def joined(rng: random.Random, pieces: list[str], least: int, most: int) -> str:
    """From ``least`` to ``most`` of ``pieces``, drawn at random, one after another."""
    return "".join(rng.choice(pieces) for _ in range(rng.randint(least, most)))


def random_pages(seed: int, pieces: list[str], count: int, most: int,
                 page: str = "<html><body>{}</body></html>"):
    """``count`` pages of up to ``most`` pieces each: (the generator, the pieces, the page
    loaded)."""
    rng = random.Random(seed)
    for _ in range(count):
        body = joined(rng, pieces, 1, most)
        yield rng, body, load(page.format(body))


def _texts(seed: int, count: int = 400):
    rng = random.Random(seed)
    for _ in range(count):
        yield joined(rng, PIECES, 1, 12)


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



@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf", b'<?xml version="1.0" encoding="utf-8"?>\n'])
@pytest.mark.parametrize("header", [None, "text/html; charset=windows-1258", "text/html"])
@pytest.mark.parametrize("font", [".VnTime", "Arial"])
@pytest.mark.parametrize("between", ["x", "a\x01b", "&#1;", "\x85"])
def test_the_crawls_way_of_loading_reads_what_the_text_reads(prefix, header, font, between):
    """The crawl decodes a page once (it wants the decoding's note) and hands load() the
    bytes with that answer, so that the scans run on the bytes: the tree is the one the
    decoded text alone gives."""
    raw = prefix + LEGACY_PAGE.format(font=font, between=between).encode("utf-8")
    decoded = page.decode_page(raw, header)
    crawled, from_text = load(raw, decoded=decoded), load(decoded.text)
    assert etree.tostring(crawled) == etree.tostring(from_text)
    assert page.legacy_encodings(crawled) == page.legacy_encodings(from_text)
    assert not {"\x01", "\x85"} & set(crawled.text_content())

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
        text = joined(rng, DOCUMENT_PIECES, 1, 8)
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


# --- the related box's heading: found by a walk of the elements, as the XPath of the
# page's short shown texts finds it -------------------------------------------------------

_SHOWN = "[not(ancestor::script) and not(ancestor::style) and not(ancestor::option)]"
_SHORT_TEXTS = etree.XPath("//text()[normalize-space() and string-length(normalize-space()) < 40]"
                           + _SHOWN)


def heading_by_xpath(doc, exclude=None):
    """The heading as the XPath reading finds it: the first short shown text node that is
    an element's own label."""
    for node in _SHORT_TEXTS(doc):
        if not links._HAS_HINT(node.lower()) or links._label_key(node) not in links._FOLDED_RELATED:
            continue
        el = node.getparent()
        if node.is_tail:  # the label after an empty icon that opens its element
            icon, el = el, el.getparent()
            if (el is None or el.index(icon) != 0 or icon.tag not in ("i", "span", "img", "em", "svg")
                    or icon.text or len(icon) or (el.text or "").strip()):
                continue
        elif not node.is_text:
            continue
        if exclude is not None and (el is exclude or exclude in el.iterancestors()):
            continue
        if links._label_key(el.text_content()) not in links._FOLDED_RELATED:
            continue
        while (el.getparent() is not None and el.getparent().tag not in ("body", "html")
               and links._label_key(el.getparent().text_content()) in links._FOLDED_RELATED):
            el = el.getparent()
        return el
    return None


# Blocks a page's boxes are built from: labels hidden, padded, split, in tails, too long.
HEADING_PIECES = [
    "<h3>Tin liên quan</h3>", "<h3>  Tin\n\tliên   quan  </h3>", "<h3>\xa0Tin liên quan</h3>",
    "<h3>Tin liên quan" + " " * 40 + "</h3>", "<h3>Tin liên quan" + ":" * 40 + "</h3>",
    "<h3>Tin" + " \n" * 30 + "liên quan</h3>", "<script>var a='Tin liên quan'</script>",
    "<select><option>Tin liên quan</option></select>", "<p><b>x</b>Tin liên quan</p>",
    "<p><!-- c -->Tin liên quan</p>", "<div class=t><h3><a href='#'>Tin khác</a></h3></div>",
    "<style>.x{}</style>", "<p>Tin mới</p>", "<p>Bài viết khác</p>", "<p>related news</p>",
    "<ul><li><a href='/a-12345'>Một bài</a></li></ul>", "<div>tin tức</div>", "<p></p>",
    "<h3>Tín liên quan</h3>", "<h2><i class='icon-link'></i> Nội dung liên quan</h2>",
    "<h2><b></b> Tin liên quan</h2>", "<h2><img src=x.png> Tin khác</h2>",
]


@pytest.mark.parametrize("seed", range(5))
def test_the_related_heading_is_the_one_the_xpath_reading_finds(seed):
    page = "<html><body><div id=main>{0}</div><div>{0}</div></body></html>"
    for rng, body, doc in random_pages(seed, HEADING_PIECES, 300, 6, page):
        exclude = doc.find(".//div") if rng.random() < 0.5 else None
        assert links.find_related_heading(doc, exclude) is heading_by_xpath(doc, exclude), body


# --- clean_text: one scan for the characters it removes, then the same steps -------------

def clean_text_in_three_scans(value):
    import html
    import unicodedata

    from crawler.kernel import text

    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    if not value.isascii():
        value = text._SURROGATES.sub("\ufffd", value)
        value = unicodedata.normalize("NFC", value)
        value = text._INVISIBLE.sub("", value)
    value = text._CONTROLS.sub("", value)
    return " ".join(value.split())


CLEAN_PIECES = ["a", "Ệ", "e\u0302\u0301", " ", "\xa0", "\u200b", "\u00ad", "\ufeff", "\x01",
                "\x85", "\x9f", "\u202e", "\u2067", "&amp;", "&#xD800;", "\ud800", "\t", "ơ",
                "\u0301", "\u3000", "x"]


@pytest.mark.parametrize("seed", range(5))
def test_clean_text_is_the_three_scans(seed):
    from crawler.kernel.text import clean_text

    rng = random.Random(seed)
    for _ in range(2000):
        value = joined(rng, CLEAN_PIECES, 0, 10)
        assert clean_text(value) == clean_text_in_three_scans(value), repr(value)


# --- xp: shapes of XPath answered by a walk of the element's descendants or ancestors ---

WALKED = [".//img", ".//a[@href]", ".//p", ".//figcaption", "ancestor::a", "ancestor::a[@href]",
          "ancestor::table[1]", "ancestor::figure[1]", "ancestor::div[@class][1]", "ancestor::div",
          ".//a[1]", ".//a[@href][1]"]
TREE_PIECES = ["<div class=x>", "<div>", "</div>", "<a href='/a'>", "<a>", "</a>", "<p>", "</p>",
               "<img src=i.png>", "<figure>", "</figure>", "<figcaption>c</figcaption>",
               "<table><tr><td>", "</td></tr></table>", "text", "<!-- c -->"]


@pytest.mark.parametrize("seed", range(5))
def test_walked_xpaths_answer_as_lxml_does(seed):
    from crawler.parsers.page import xp

    for _, body, doc in random_pages(seed, TREE_PIECES, 60, 25):
        for el in [*doc.iter(etree.Element), doc.getroottree()]:
            for expr in WALKED:
                assert xp(el, expr) == etree.XPath(expr)(el), (expr, body)
