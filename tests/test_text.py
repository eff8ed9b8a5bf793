"""Text and URL normalisation: the small pure steps every field goes through.

``clean_text`` decodes HTML entities, composes Unicode (NFC) and collapses every kind of
space, non-breaking and zero-width ones included, to one ASCII space. ``canonical_url``
makes a link absolute and comparable: fragment and ``pageindex=0`` dropped (the portal's
links carry it and it names the same page), other query parameters kept in order, scheme
and host lowercased. Expected values are written out by hand.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import pytest

from crawler.kernel.text import canonical_url, clean_text


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --------------------------------------------------------------------------------------
# clean_text
# --------------------------------------------------------------------------------------

WHITESPACE = [
    ("  Nghệ   An \n\t ", "Nghệ An"),
    ("Dòng 1\r\nDòng 2", "Dòng 1 Dòng 2"),
    ("a\u00a0\u00a0b", "a b"),
    ("Quang Minh\u00a0\u00a0", "Quang Minh"),
    ("Nghệ \u200b An", "Nghệ An"),
    ("\u200bNghệ An\u200b", "Nghệ An"),
    ("\ufeffTiêu đề", "Tiêu đề"),
    ("Hà\u2009Nội", "Hà Nội"),
    ("Hà\u202fNội", "Hà Nội"),
    ("Hà\u3000Nội", "Hà Nội"),
    ("", ""),
    ("   ", ""),
    (" \u00a0\u200b\ufeff ", ""),
]

ENTITIES = [
    ("Ngh&#7879; An", "Nghệ An"),
    ("Ngh&#x1EC7; An", "Nghệ An"),
    ("Ngh&#x1ec7; An", "Nghệ An"),
    ("nh&#226;n d&#226;n", "nhân dân"),
    ("T&agrave;i nguy&ecirc;n &amp; M&ocirc;i trường", "Tài nguyên & Môi trường"),
    ("Ch&iacute;nh phủ", "Chính phủ"),
    ("&ldquo;n&oacute;ng&rdquo;", "“nóng”"),
    ("y tế&hellip;", "y tế…"),
    ("&quot;Cloramin B&quot;", '"Cloramin B"'),
    ("500&nbsp;mm", "500 mm"),
    ("Quang Minh&nbsp;&nbsp;", "Quang Minh"),
    ("&nbsp;", ""),
    ("1930 &ndash; 1931", "1930 – 1931"),
    # a bare ampersand is text, not an entity
    ("Nông nghiệp & PTNT", "Nông nghiệp & PTNT"),
    # entities are decoded once: an escaped entity in the source stays visible text
    ("Q&amp;A", "Q&A"),
    ("&amp;nbsp;", "&nbsp;"),
]

UNICODE = [
    (nfd("Nghệ An"), "Nghệ An"),
    (nfd("Ký kết quy chế phối hợp"), "Ký kết quy chế phối hợp"),
    # windows-1258 style: base letter, then the combining tone mark
    ("Vie\u0323\u0302t Nam", "Việt Nam"),
    ("Tie\u0302\u0301ng Vie\u0323\u0302t", "Tiếng Việt"),
    # combining marks written as entities compose only after decoding
    ("Nghe&#770;&#803; An", "Nghệ An"),
    ("Hưng Nguye&#770;n", "Hưng Nguyên"),
    # both tone-mark placements are valid spellings; NFC keeps each as printed
    ("Hoà Bình", "Hoà Bình"),
    ("Hòa Bình", "Hòa Bình"),
    ("thuỷ lợi", "thuỷ lợi"),
    (nfd("thuỷ lợi"), "thuỷ lợi"),
]

CLEAN_CASES = WHITESPACE + ENTITIES + UNICODE


@pytest.mark.parametrize(("raw", "expected"), CLEAN_CASES, ids=[repr(r) for r, _ in CLEAN_CASES])
def test_clean_text(raw: str, expected: str):
    got = clean_text(raw)
    assert got == expected
    assert unicodedata.is_normalized("NFC", got)


@pytest.mark.parametrize(("raw", "expected"), CLEAN_CASES, ids=[repr(r) for r, _ in CLEAN_CASES])
def test_clean_text_is_idempotent(raw: str, expected: str):
    once = clean_text(raw)
    # "&amp;nbsp;" -> "&nbsp;" is the one case where a second pass would decode again.
    if "&" not in once:
        assert clean_text(once) == once


def test_nfd_and_nfc_come_out_equal():
    composed = "Chủ tịch UBND tỉnh Nguyễn Đức Trung thăm, chúc Tết tại huyện Kỳ Sơn"
    decomposed = nfd(composed)
    assert decomposed != composed
    assert clean_text(decomposed) == clean_text(composed) == composed


def test_tone_mark_styles_are_not_folded():
    assert clean_text("hoà") != clean_text("hòa")


# --------------------------------------------------------------------------------------
# canonical_url
# --------------------------------------------------------------------------------------

ARTICLE = "https://www.nghean.gov.vn/tin-tuc-su-kien/ky-ket-quy-che-phoi-hop-569138"
BASE = "https://www.nghean.gov.vn/tin-noi-bat/xem-xet-569001"

# (url, base, expected)
URL_CASES = [
    # pageindex=0 names the same article: dropped, with no "?" left behind
    (ARTICLE + "?pageindex=0", None, ARTICLE),
    (
        "https://www.nghean.gov.vn/tin-tuc-su-kien?pageindex=0",
        None,
        "https://www.nghean.gov.vn/tin-tuc-su-kien",
    ),
    # fragments dropped
    (ARTICLE + "#binh-luan", None, ARTICLE),
    (ARTICLE + "?pageindex=0#top", None, ARTICLE),
    # other parameters kept, in their order
    (ARTICLE + "?pageindex=2", None, ARTICLE + "?pageindex=2"),
    (ARTICLE + "?pageindex=0&lang=vi", None, ARTICLE + "?lang=vi"),
    (ARTICLE + "?lang=vi&pageindex=0", None, ARTICLE + "?lang=vi"),
    (ARTICLE + "?b=2&pageindex=0&a=1", None, ARTICLE + "?b=2&a=1"),
    # where a visitor came from names no other page: campaign tags, social click ids
    (ARTICLE + "?utm_source=zalo&utm_medium=zalo&utm_campaign=zalo", None, ARTICLE),
    (ARTICLE + "?pageindex=0&utm_source=zalo", None, ARTICLE),
    (ARTICLE + "?zarsrc=30&gidzl=AbC-1&UTM_Source=x", None, ARTICLE),
    (ARTICLE + "?fbclid=IwAR0x&lang=vi&gclid=Cj0", None, ARTICLE + "?lang=vi"),
    (ARTICLE + "?utm=1&source=zalo", None, ARTICLE + "?utm=1&source=zalo"),
    (
        "https://www.nghean.gov.vn/pdfjs/web/viewer.html?file=https%3A%2F%2Fdatafiles.nghean.gov.vn%2Fa.pdf",
        None,
        "https://www.nghean.gov.vn/pdfjs/web/viewer.html?file=https%3A%2F%2Fdatafiles.nghean.gov.vn%2Fa.pdf",
    ),
    # relative links resolved against the page
    ("/tin-tuc-su-kien/ky-ket-quy-che-phoi-hop-569138?pageindex=0", BASE, ARTICLE),
    (
        "ky-ket-quy-che-phoi-hop-569138",
        "https://www.nghean.gov.vn/tin-tuc-su-kien/abc-569200",
        ARTICLE,
    ),
    (
        "../gioi-thieu",
        "https://www.nghean.gov.vn/tin-tuc-su-kien/abc-569200",
        "https://www.nghean.gov.vn/gioi-thieu",
    ),
    ("?pageindex=0", ARTICLE + "?pageindex=0", ARTICLE),
    (
        "//datafiles.nghean.gov.vn/nan-ubnd/3190/quantritintuc/a637365277800000000.jpg",
        "https://yte.nghean.gov.vn/tin-hoat-dong/tang-cuong-575620",
        "https://datafiles.nghean.gov.vn/nan-ubnd/3190/quantritintuc/a637365277800000000.jpg",
    ),
    (
        "/tin-tuc/trung-tam-tiep-nhan-1287.html#comment",
        "https://hcc.nghean.gov.vn/",
        "https://hcc.nghean.gov.vn/tin-tuc/trung-tam-tiep-nhan-1287.html",
    ),
    (
        "/uploads/news/2023_10/lam-duong-xom-5.jpg",
        "https://quynhdoi.nghean.gov.vn/hoat-dong-cua-xa/xa-quynh-doi-87.html",
        "https://quynhdoi.nghean.gov.vn/uploads/news/2023_10/lam-duong-xom-5.jpg",
    ),
    # an absolute link ignores the base
    (
        "https://vhttdl.nghean.gov.vn/tin-van-hoa/trien-lam-570212",
        BASE,
        "https://vhttdl.nghean.gov.vn/tin-van-hoa/trien-lam-570212",
    ),
    # scheme and host lowercased; the path keeps its case; http is not upgraded
    (
        "HTTPS://WWW.NGHEAN.GOV.VN/Tin-Tuc-Su-Kien/Abc-569138",
        None,
        "https://www.nghean.gov.vn/Tin-Tuc-Su-Kien/Abc-569138",
    ),
    ("http://nghean.gov.vn/ky-ket-569138", None, "http://nghean.gov.vn/ky-ket-569138"),
    (ARTICLE, None, ARTICLE),
    (ARTICLE, BASE, ARTICLE),
]


@pytest.mark.parametrize(
    ("url", "base", "expected"), URL_CASES, ids=[f"{u}|{b}" for u, b, _ in URL_CASES]
)
def test_canonical_url(url: str, base: str | None, expected: str):
    assert canonical_url(url, base) == expected


@pytest.mark.parametrize(
    ("url", "base", "expected"), URL_CASES, ids=[f"{u}|{b}" for u, b, _ in URL_CASES]
)
def test_canonical_url_is_idempotent(url: str, base: str | None, expected: str):
    once = canonical_url(url, base)
    assert canonical_url(once) == once
    assert canonical_url(once, base) == once


def test_base_is_optional():
    assert canonical_url(ARTICLE + "?pageindex=0") == ARTICLE


def _by_urljoin(url: str, base: str) -> str:
    """canonical_url spelled with urllib's own urljoin for every link: the yardstick for
    its shortcut past urljoin."""
    parts = urlsplit(urljoin(base, clean_text(url)))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not (k.lower() == "pageindex" and v == "0")]
    netloc, scheme = parts.netloc.lower(), parts.scheme.lower()
    if (scheme, netloc.rsplit(":", 1)[-1]) in (("http", "80"), ("https", "443")):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


_SCHEMES = ["http://", "https://", "HTTP://", "Https://", "", "//", "ftp://", "mailto:", "http:"]
_HOSTS = ["www.nghean.gov.vn", "WWW.Nghean.gov.vn:443", "a.vn:80", "", "user@h.vn:8080",
          "\u200bh.vn", " h.vn", "đ.vn", "[::1]:80"]
_PATHS = ["/", "/a", "/a/b/", "a/b", "./a", "../a", "/a/../b", "/a/./b", "//x/y", "/a//b",
          "/.well-known/x", "/a/.", "/a/..", "", ";p", "/a;p=1/b", "/a/b;p", "/tin-tức/bài-1.html",
          "/a b", " /a ", "/a\t/b", "/%2e%2e/a", "/..", "/a/b/../../..", "/x/.."]
_QUERIES = ["", "?", "?x=1", "?pageindex=0", "?a=1&pageindex=0", "?u=http://x//y/../z", "?a=/./b"]
_FRAGMENTS = ["", "#", "#f", "#/a/../b", "#?x=1"]
_BASES = [BASE, "https://www.nghean.gov.vn/", "http://a.vn/x/y/z?q=1#f", "HTTPS://A.VN:443/p/",
          "https://a.vn", "https://h.vn/a//b/./c", "mailto:x@y.vn", "ftp://h.vn/d/", "/relative/base",
          "https://user@h.vn:8080/a/b;p?x=1#y", "http://[::1]:80/a/", "HTTP://H.VN", "http:/x/y"]


def test_canonical_url_of_every_link_shape_is_what_urljoin_makes_of_it():
    import random

    rng = random.Random(20261206)
    links = {s + h + p + q + f for s in _SCHEMES[:3] for h in _HOSTS[:2] for p in _PATHS
             for q in _QUERIES[:3] for f in _FRAGMENTS[:2]}
    links |= {p + q + f for p in _PATHS for q in _QUERIES for f in _FRAGMENTS}
    links |= {"".join((rng.choice(_SCHEMES), rng.choice(_HOSTS), rng.choice(_PATHS),
                       rng.choice(_PATHS), rng.choice(_QUERIES), rng.choice(_FRAGMENTS)))
              for _ in range(3000)}
    checked = 0
    for link in sorted(links):
        for base in _BASES:
            assert canonical_url(link, base) == _by_urljoin(link, base), (link, base)
            checked += 1
    assert checked > 40000


def test_controls_and_bidi_overrides_never_reach_a_record():
    # NUL and BEL hide text from tools; U+202E and the isolates make a title display in
    # another order than it reads.
    assert clean_text("Tiêu\x00 đề\x07 \u202egnol\u202c \u2066x\u2069") == "Tiêu đề gnol x"


def test_a_lone_surrogate_becomes_the_replacement_character():
    assert clean_text("a \ud800 b") == "a \ufffd b"
