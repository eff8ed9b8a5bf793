"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) to Unicode NFC.

The inputs are the published code charts of the two encodings, transcribed here as the
windows-1252 characters a browser shows for each code; every expected letter is built with
``unicodedata`` from its ASCII base and its combining marks, never taken from the module's
tables.  Each input is also checked as latin-1 and windows-1258 would have decoded the same
bytes (``decode_page`` falls back on windows-1258 for an undeclared 8-bit page).
"""

from __future__ import annotations

import unicodedata

import lxml.html
import pytest

from crawler.kernel.fonts import font_encoding, looks_legacy, tcvn3_to_unicode, vni_to_unicode
from crawler.parsers.legacy import convert_legacy
from crawler.parsers.page import _HTML_PARSER, decode_html, legacy_encodings
from crawler.parsers.page import load as load_page


def load(page):
    """The page parsed as page.load parses it, but not yet converted: convert_legacy is
    what these tests exercise (page.load runs it itself, see the last test)."""
    return lxml.html.document_fromstring(decode_html(page), parser=_HTML_PARSER)


GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
# The six tones in the order of every row below: none, huyền, sắc, hỏi, ngã, nặng.
TONES = ("", GRAVE, ACUTE, HOOK, TILDE, DOT)
# The twelve vowel letters as ASCII base + vowel mark.
VOWELS = {
    "a": ("a", ""), "ă": ("a", BREVE), "â": ("a", CIRCUMFLEX), "e": ("e", ""),
    "ê": ("e", CIRCUMFLEX), "i": ("i", ""), "o": ("o", ""), "ô": ("o", CIRCUMFLEX),
    "ơ": ("o", HORN), "u": ("u", ""), "ư": ("u", HORN), "y": ("y", ""),
}
D_SMALL = unicodedata.lookup("LATIN SMALL LETTER D WITH STROKE")
D_CAPITAL = unicodedata.lookup("LATIN CAPITAL LETTER D WITH STROKE")


def letter(name: str, tone: str, capital: bool = False) -> str:
    base, mark = VOWELS[name]
    return unicodedata.normalize("NFC", (base.upper() if capital else base) + mark + tone)


def redecode(text: str, codec: str) -> str:
    """The same bytes as another decoding reads them."""
    return text.encode("cp1252").decode(codec)


DECODINGS = ("cp1252", "latin-1", "cp1258")

# TCVN3: one code per letter, small letters only.  Columns as TONES.
TCVN3_CHART = {
    "a": "aµ¸¶·¹", "ă": "¨»¾¼½Æ", "â": "©ÇÊÈÉË", "e": "eÌÐÎÏÑ",
    "ê": "ªÒÕÓÔÖ", "i": "i×ÝØÜÞ", "o": "oßãáâä", "ô": "«åèæçé",
    "ơ": "¬êíëìî", "u": "uïóñòô", "ư": "\xadõøö÷ù", "y": "yúýûüþ",
}
TCVN3_D = "®"
# The capitals the ABC fonts have besides ASCII's: Ă Â Ê Ô Ơ Ư Đ.
TCVN3_CAPITALS = {"ă": "¡", "â": "¢", "ê": "£", "ô": "¤", "ơ": "¥", "ư": "¦"}
TCVN3_D_CAPITAL = "§"

TCVN3_CASES = [(code, letter(name, tone)) for name, row in TCVN3_CHART.items()
               for code, tone in zip(row, TONES)] + [(TCVN3_D, D_SMALL)]
TCVN3_UPPER_CASES = [(code, letter(name, tone, capital=True))
                     for name, row in TCVN3_CHART.items()
                     for code, tone in zip(row, TONES)] + [(TCVN3_D, D_CAPITAL)]
TCVN3_CAPITAL_CASES = [(code, letter(name, "", capital=True))
                       for name, code in TCVN3_CAPITALS.items()] + [
    (TCVN3_D_CAPITAL, D_CAPITAL)] + [(c.upper(), c.upper()) for c in "aeiouy"]

# VNI: ASCII base + one mark code; ơ ư đ, the toned i and ỵ in one code.  Capitals take
# their own mark codes.
VNI_SMALL = {
    "a": ("a", "aø", "aù", "aû", "aõ", "aï"),
    "ă": ("aê", "aè", "aé", "aú", "aü", "aë"),
    "â": ("aâ", "aà", "aá", "aå", "aã", "aä"),
    "e": ("e", "eø", "eù", "eû", "eõ", "eï"),
    "ê": ("eâ", "eà", "eá", "eå", "eã", "eä"),
    "i": ("i", "ì", "í", "æ", "ó", "ò"),
    "o": ("o", "oø", "où", "oû", "oõ", "oï"),
    "ô": ("oâ", "oà", "oá", "oå", "oã", "oä"),
    "ơ": ("ô", "ôø", "ôù", "ôû", "ôõ", "ôï"),
    "u": ("u", "uø", "uù", "uû", "uõ", "uï"),
    "ư": ("ö", "öø", "öù", "öû", "öõ", "öï"),
    "y": ("y", "yø", "yù", "yû", "yõ", "î"),
}
VNI_CAPITAL = {
    "a": ("A", "AØ", "AÙ", "AÛ", "AÕ", "AÏ"),
    "ă": ("AÊ", "AÈ", "AÉ", "AÚ", "AÜ", "AË"),
    "â": ("AÂ", "AÀ", "AÁ", "AÅ", "AÃ", "AÄ"),
    "e": ("E", "EØ", "EÙ", "EÛ", "EÕ", "EÏ"),
    "ê": ("EÂ", "EÀ", "EÁ", "EÅ", "EÃ", "EÄ"),
    "i": ("I", "Ì", "Í", "Æ", "Ó", "Ò"),
    "o": ("O", "OØ", "OÙ", "OÛ", "OÕ", "OÏ"),
    "ô": ("OÂ", "OÀ", "OÁ", "OÅ", "OÃ", "OÄ"),
    "ơ": ("Ô", "ÔØ", "ÔÙ", "ÔÛ", "ÔÕ", "ÔÏ"),
    "u": ("U", "UØ", "UÙ", "UÛ", "UÕ", "UÏ"),
    "ư": ("Ö", "ÖØ", "ÖÙ", "ÖÛ", "ÖÕ", "ÖÏ"),
    "y": ("Y", "YØ", "YÙ", "YÛ", "YÕ", "Î"),
}
VNI_CASES = (
    [(code, letter(name, tone)) for name, row in VNI_SMALL.items()
     for code, tone in zip(row, TONES)]
    + [(code, letter(name, tone, capital=True)) for name, row in VNI_CAPITAL.items()
       for code, tone in zip(row, TONES)]
    + [("ñ", D_SMALL), ("Ñ", D_CAPITAL)]
)


def test_the_charts_cover_every_letter():
    # 12 vowels x 6 tones + đ, small and capital.
    assert len(TCVN3_CASES) == len(TCVN3_UPPER_CASES) == 73
    assert len(VNI_CASES) == 146
    assert len({e for _, e in VNI_CASES}) == 146
    assert all(unicodedata.is_normalized("NFC", e) and len(e) == 1 for _, e in VNI_CASES)


@pytest.mark.parametrize("codec", DECODINGS)
@pytest.mark.parametrize(("code", "expected"), TCVN3_CASES, ids=[e for _, e in TCVN3_CASES])
def test_tcvn3_every_small_letter(code, expected, codec):
    code = redecode(code, codec)
    assert tcvn3_to_unicode(code) == expected
    assert tcvn3_to_unicode("t" + code + "n") == "t" + expected + "n"


@pytest.mark.parametrize("codec", DECODINGS)
@pytest.mark.parametrize(("code", "expected"), TCVN3_UPPER_CASES,
                         ids=[e for _, e in TCVN3_UPPER_CASES])
def test_tcvn3_every_capital_in_the_h_fonts(code, expected, codec):
    code = redecode(code, codec)
    assert tcvn3_to_unicode(code, upper=True) == expected
    # The H fonts draw the ASCII letters as capitals too.
    assert tcvn3_to_unicode("t" + code + "n", upper=True) == "T" + expected + "N"


@pytest.mark.parametrize("codec", DECODINGS)
@pytest.mark.parametrize(("code", "expected"), TCVN3_CAPITAL_CASES,
                         ids=[e for _, e in TCVN3_CAPITAL_CASES])
def test_tcvn3_precomposed_capitals(code, expected, codec):
    assert tcvn3_to_unicode(redecode(code, codec)) == expected
    assert tcvn3_to_unicode(redecode(code, codec), upper=True) == expected


@pytest.mark.parametrize("codec", DECODINGS)
@pytest.mark.parametrize(("code", "expected"), VNI_CASES, ids=[e for _, e in VNI_CASES])
def test_vni_every_letter(code, expected, codec):
    code = redecode(code, codec)
    assert vni_to_unicode(code) == expected
    assert vni_to_unicode("t" + code + "n") == "t" + expected + "n"
    assert vni_to_unicode(code + " " + code) == expected + " " + expected


@pytest.mark.parametrize("codec", DECODINGS)
def test_all_letters_in_one_text(codec):
    tcvn3 = " ".join(c for c, _ in TCVN3_CASES)
    assert tcvn3_to_unicode(redecode(tcvn3, codec)) == " ".join(e for _, e in TCVN3_CASES)
    vni = " ".join(c for c, _ in VNI_CASES)
    assert vni_to_unicode(redecode(vni, codec)) == " ".join(e for _, e in VNI_CASES)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


SENTENCES_TCVN3 = [
    ("UBND tØnh NghÖ An", "UBND tỉnh Nghệ An"),
    ("Theo b¸o c¸o cña Së Y tÕ", "Theo báo cáo của Sở Y tế"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Thñ t\xad\xedng ChÝnh phñ", "Thủ tướng Chính phủ"),
    ("¡n ¢m £m ¤ng ¥n ¦u §i", "Ăn Âm Êm Ông Ơn Ưu Đi"),
]
SENTENCES_VNI = [
    ("Theo baùo caùo cuûa Sôû Y teá", "Theo báo cáo của Sở Y tế"),
    ("UBND tænh Ngheä An", "UBND tỉnh Nghệ An"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Thuû töôùng Chính phuû", "Thủ tướng Chính phủ"),
    ("Ñaø Naüng, saün coù, thuî, chaúng", "Đà Nẵng, sẵn có, thuỵ, chẳng"),
]


@pytest.mark.parametrize("codec", DECODINGS)
@pytest.mark.parametrize(("text", "expected"), SENTENCES_TCVN3)
def test_tcvn3_sentences(text, expected, codec):
    assert tcvn3_to_unicode(redecode(text, codec)) == nfc(expected)


@pytest.mark.parametrize("codec", DECODINGS)
@pytest.mark.parametrize(("text", "expected"), SENTENCES_VNI)
def test_vni_sentences(text, expected, codec):
    assert vni_to_unicode(redecode(text, codec)) == nfc(expected)


def test_tcvn3_heading_in_an_h_font():
    assert (tcvn3_to_unicode("céng hoµ x· héi chñ nghÜa viÖt nam", upper=True)
            == nfc("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"))


def test_punctuation_at_0x80_0x9f_reads_the_same_under_both_decodings():
    # Bytes 0x93 0x94 0x96 are quotes and a dash in windows-1252, C1 controls in latin-1:
    # the font draws the quotes, so both come out as quotes.
    raw = b"\x93UBND t\xd8nh\x94 \x96 Ngh\xd6 An"
    for codec in ("cp1252", "latin-1"):
        assert tcvn3_to_unicode(raw.decode(codec)) == "“UBND tỉnh” – Nghệ An"
    raw = b"\x93Theo ba\xf9o\x94 \x96 ca\xf9o"
    for codec in ("cp1252", "latin-1"):
        assert vni_to_unicode(raw.decode(codec)) == "“Theo báo” – cáo"


@pytest.mark.parametrize("convert", [tcvn3_to_unicode, vni_to_unicode])
def test_ascii_and_unicode_pass_unchanged(convert):
    for text in ("", "UBND 2020 - Hanoi (abc)!", "Nghệ An → Hà Tĩnh", "tỉnh ủy"):
        assert convert(text) == text


def test_output_is_nfc():
    for text in ("c¸c ViÖt", "caùc Vieät"):
        assert unicodedata.is_normalized("NFC", tcvn3_to_unicode(text))
        assert unicodedata.is_normalized("NFC", vni_to_unicode(text))


# --- fonts ------------------------------------------------------------------------------

@pytest.mark.parametrize(("family", "expected"), [
    ("'.VnTime', serif", "tcvn3"),
    (".VnTime", "tcvn3"),
    ('".VnArial", sans-serif', "tcvn3"),
    (".VnArial Narrow", "tcvn3"),
    (".VnTimeH", "tcvn3_upper"),
    (".VnArialH", "tcvn3_upper"),
    ("'.VnArial NarrowH'", "tcvn3_upper"),
    ('"VNI-Times"', "vni"),
    ("VNI-Helve, Arial", "vni"),
    ("vni-times", "vni"),
    ("VNI Times", "vni"),
    ("Times New Roman", None),
    ("Arial, .VnTime", None),  # the first family is the one drawn
    ("serif", None),
    ("", None),
    ("inherit", None),
])
def test_font_encoding(family, expected):
    assert font_encoding(family) == expected


# --- looks_legacy -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("UBND tØnh NghÖ An", "tcvn3"),
    ("Theo b¸o c¸o cña Së Y tÕ, t×nh h×nh dÞch bÖnh ®· ®\xad\xeec kiÓm so¸t", "tcvn3"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3"),
    ("Theo baùo caùo cuûa Sôû Y teá", "vni"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni"),
    ("UBND tænh Ngheä An ñaõ toå chöùc hoäi nghò", "vni"),
])
def test_looks_legacy_fires(text, expected):
    assert looks_legacy(text) == expected
    assert looks_legacy(redecode(text, "latin-1")) == expected


@pytest.mark.parametrize("text", [
    "",
    "UBND tỉnh Nghệ An",
    "Theo báo cáo của Sở Y tế",
    unicodedata.normalize("NFD", "Theo báo cáo của Sở Y tế, tình hình dịch bệnh"),
    "Bà Đào Thu Hà và ông Lê Văn Tám",
    "chào mừng đón năm mới",
    "The committee met on Monday to discuss the budget.",
    "The café serves crème brûlée and a naïve rosé.",
    "Nous avons été très heureux de vous voir à la fête, où nous avons mangé des crêpes.",
    "Je ne sais où il est, ni où il va.",
    "Über die Brücke gehen wir zur Straße, während die Mädchen schöne Lieder singen.",
    "El niño está en el jardín y su mamá cocina.",
    "José Müller, Zoë, Noël, São Tomé",
    "Viá»‡t Nam",  # UTF-8 read as windows-1252: another fault, not a legacy font
])
def test_looks_legacy_stays_quiet(text):
    assert looks_legacy(text) is None


# --- convert_legacy ---------------------------------------------------------------------

def texts(doc, xpath="//p"):
    return [el.text_content() for el in doc.xpath(xpath)]


def test_a_tcvn3_span_inside_a_utf8_paragraph():
    page = ('<html><head><meta charset="utf-8"></head><body>'
            '<p>Tin tức: <span style="font-family:.VnTime">UBND tØnh NghÖ An</span> – hết.</p>'
            "</body></html>").encode()
    doc = load(page)
    assert convert_legacy(doc) == ["tcvn3"]
    assert texts(doc) == ["Tin tức: UBND tỉnh Nghệ An – hết."]


@pytest.mark.parametrize("codec", ["cp1252", "cp1258"])
def test_a_vni_font_around_paragraphs_still_reaches_them(codec):
    # <font face="VNI-Times"><p>..</p><p>..</p></font>: the paragraphs are lifted out of
    # the inline element (page.hoist_blocks), a browser keeps them inside it and in its
    # face.  A Unicode paragraph after it is left alone.
    page = (f'<html><head><meta charset="{codec}"></head><body><table><tr><td>'
            '<font face="VNI-Times" size="3"><p>Saùng 17/10, taïi hoäi tröôøng UBND xaõ</p>'
            "<p align=right><b>Traàn Minh Ñöùc</b></p></font>").encode("cp1252") + (
            unicodedata.normalize("NFC" if codec == "cp1252" else "NFD",
                                  "</td></tr></table><p>Trang tin xã</p></body></html>")
            .encode(codec))
    doc = load_page(page)
    assert legacy_encodings(doc) == ["vni"]
    assert [unicodedata.normalize("NFC", t) for t in texts(doc)] == [
        "Sáng 17/10, tại hội trường UBND xã", "Trần Minh Đức", "Trang tin xã"]


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1", None])
def test_a_vni_font_element_in_an_8bit_page(charset):
    meta = f'<meta charset="{charset}">' if charset else ""
    page = (f"<html><head>{meta}</head><body>"
            '<p>Theo: <font face="VNI-Times">baùo caùo cuûa Sôû Y teá, ñòa lyù</font> ok</p>'
            "</body></html>").encode("cp1252")
    doc = load(page)
    assert convert_legacy(doc) == ["vni"]
    assert texts(doc) == ["Theo: báo cáo của Sở Y tế, địa lý ok"]


def test_a_body_set_in_an_h_font():
    doc = load('<html><body style="font-family: .VnTimeH, serif">'
               "<p>céng hoµ x· héi chñ nghÜa viÖt nam</p><p>§éc lËp - Tù do</p></body></html>")
    assert convert_legacy(doc) == ["tcvn3_upper"]
    assert texts(doc) == ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP - TỰ DO"]


@pytest.mark.parametrize("css", [
    "body { font-family: '.VnTime' }",
    "p, td {font-size: 13pt; font-family: .VnTime;}",
    'p.MsoNormal, li.MsoNormal {mso-style-parent:""; font-family:".VnTime"; font-size:14pt}',
    "p { font: bold 13pt/1.5 .VnTime, serif }",
])
def test_a_style_rule_sets_the_font(css):
    doc = load(f"<html><head><style>{css}</style></head><body>"
               '<p class="MsoNormal">UBND tØnh NghÖ An</p><table><tr><td><p class="MsoNormal">'
               "Së Y tÕ</p></td></tr></table></body></html>")
    assert convert_legacy(doc) == ["tcvn3"]
    assert texts(doc) == ["UBND tỉnh Nghệ An", "Sở Y tế"]


def test_the_nearest_font_wins_and_a_unicode_font_stops_conversion():
    doc = load('<html><body><div style="font-family:.VnTime">'
               "<p>c¸c <b>tØnh</b> vµ <span style=\"font-family: 'Times New Roman'\">"
               'Hà Nội <i>và</i> <font face="VNI-Times">Ñaø Naüng</font></span> '
               "NghÖ An</p></div><p>tØnh</p></body></html>")
    assert convert_legacy(doc) == ["tcvn3", "vni"]
    assert texts(doc) == ["các tỉnh và Hà Nội và Đà Nẵng Nghệ An", "tØnh"]


def test_an_elements_tail_follows_its_parents_font():
    doc = load('<html><body><p><span style="font-family:.VnTime">c¸c<br>tØnh</span>'
               " c¸c</p></body></html>")
    convert_legacy(doc)
    assert texts(doc) == ["cáctỉnh c¸c"]


def test_scripts_comments_and_attributes_are_left_alone():
    doc = load('<html><body style="font-family:.VnTime"><p title="tØnh">tØnh<!-- tØnh -->'
               "tØnh</p><script>var s = 'tØnh';</script></body></html>")
    assert convert_legacy(doc) == ["tcvn3"]
    p = doc.xpath("//p")[0]
    assert p.text == "tỉnh" and p[0].tail == "tỉnh"
    assert p.get("title") == "tØnh" and p[0].text == " tØnh "
    assert doc.xpath("//script")[0].text == "var s = 'tØnh';"


def test_no_legacy_font_no_change():
    page = "<html><body><p style='font-family:Arial'>UBND tØnh</p><p>c¸c</p></body></html>"
    doc = load(page)
    before = lxml.html.tostring(doc)
    assert convert_legacy(doc) == []
    assert lxml.html.tostring(doc) == before


def test_a_unicode_page_that_kept_its_old_font_names_is_left_alone():
    # Converted to Unicode long ago, the CSS still names .VnTime: converting again would
    # ruin it ("Lê Văn" read as TCVN3 is "Lờ Vón").
    doc = load('<html><head><meta charset="utf-8"></head><body style="font-family:.VnTime">'
               "<p>UBND tỉnh Nghệ An</p><p>Lê Văn</p><p>Bà</p></body></html>".encode())
    assert convert_legacy(doc) == []
    assert texts(doc) == ["UBND tỉnh Nghệ An", "Lê Văn", "Bà"]


def test_a_mixed_region_converts_only_the_legacy_texts():
    doc = load('<html><head><meta charset="utf-8"></head><body style="font-family:.VnTime">'
               "<p>Trang chủ</p><p>Theo b¸o c¸o cña Së Y tÕ</p><p>Lê Văn</p></body></html>"
               .encode())
    assert convert_legacy(doc) == ["tcvn3"]
    assert texts(doc) == ["Trang chủ", "Theo báo cáo của Sở Y tế", "Lê Văn"]


def test_deep_trees_do_not_exhaust_the_stack():
    page = ('<html><body><div style="font-family:.VnTime">' + "<span>" * 900 + "tØnh"
            + "</span>" * 900 + "</div></body></html>")
    doc = load(page)
    assert convert_legacy(doc) == ["tcvn3"]
    assert "tỉnh" in doc.text_content()


def test_load_converts_and_says_which_encodings():
    doc = load_page('<html><body><p><span style="font-family:.VnTime">UBND tØnh NghÖ An</span>'
                    ' <font face="VNI-Times">Theo baùo caùo</font></p></body></html>')
    assert doc.xpath("string(//p)") == "UBND tỉnh Nghệ An Theo báo cáo"
    assert sorted(legacy_encodings(doc)) == ["tcvn3", "vni"]
