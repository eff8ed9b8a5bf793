"""Text typed in the legacy Vietnamese 8-bit fonts, TCVN3 (ABC) and VNI -> Unicode NFC.

Before Unicode, Vietnamese was typed in fonts that draw Vietnamese letters at the places of
Western ones: the ABC fonts of TCVN 5712:1993 "VN3" (``.VnTime``, ``.VnArial``, and their
capitals-only ``H`` variants ``.VnTimeH``, ``.VnArialH``) and the VNI fonts (``VNI-Times``,
``VNI-Helve``).  The bytes are 8-bit; a browser decodes them as windows-1252 or latin-1,
whichever the page declares, and the font draws the Vietnamese letter, so the text lxml hands
us reads ``UBND tØnh NghÖ An`` (TCVN3) or ``Theo baùo caùo`` (VNI).

Every function here works through the bytes: a character is first mapped back to the byte it
was decoded from, under windows-1252, latin-1 or windows-1258 (the three decodings agree on
every character they share, so one reverse table serves them all; windows-1258 is what
``decode_page`` falls back on for an undeclared 8-bit page), and the byte is then read in the
font's encoding.  So the windows-1252 and the latin-1 readings of the same bytes, which differ
at 0x80-0x9F, convert to the same text.  A character that no 8-bit decoding produces (a
Unicode Vietnamese letter such as "ệ", an arrow) passes through unchanged; so does ASCII.
Convert raw text, before ``clean_text``: NFC would fuse windows-1258's combining marks into
other letters, and ``clean_text`` removes U+00AD, which is TCVN3's "ư".

The tables are written here by hand.  The one maintained-looking converter on PyPI
(``viparse``, a document loader for RAG, 0.1.x) has TCVN3 right but no capitals-font mode,
and its VNI table lacks "ẳ"/"Ẳ" and writes "ỵ" as ``y`` + mark where VNI has one byte (0xEE);
``vniencoder`` is about the VNI *typing* scheme ("a1" -> "á"), not the font encoding.  Each
entry below was checked against two independently published conversion charts per encoding.
"""

from __future__ import annotations

import re
import unicodedata

GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
_TONES = (GRAVE, ACUTE, HOOK, TILDE, DOT)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- characters -> bytes ----------------------------------------------------------------

def _reverse_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for codec in ("cp1252", "latin-1", "cp1258"):
        for byte in range(0x80, 0x100):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:  # cp1252 and cp1258 leave a few bytes undefined
                continue
            table.setdefault(char, byte)
    return table


_BYTE_OF = _reverse_table()


def _glyph(byte: int, original: str) -> str:
    """What a byte the font leaves unassigned shows: the windows-1252 character (a legacy
    font is a Western font with Vietnamese letters in some places), or the character as given
    where windows-1252 has none."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return original


# --- TCVN3 ------------------------------------------------------------------------------

# Byte of each letter: plain, huyền, hỏi, ngã, sắc, nặng (the chart's column order).
# The plain a e i o u y are ASCII.  The ABC fonts have no toned capitals: headings are set
# in the "H" fonts, which draw every code, these included, as a capital.
_TCVN3_ROWS = {
    "a": (0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_COLUMNS = ("", GRAVE, HOOK, TILDE, ACUTE, DOT)
# The seven capitals the ABC fonts do have, and đ.
_TCVN3_OTHERS = {0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
                 0xAE: "đ"}


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_OTHERS)
    for base, codes in _TCVN3_ROWS.items():
        for code, tone in zip(codes, _TCVN3_COLUMNS):
            if code >= 0x80:
                table[code] = _nfc(base + tone)
    return table


_TCVN3 = _tcvn3_table()


def tcvn3_to_unicode(text: str, upper: bool = False) -> str:
    """TCVN3 (ABC, ``.VnTime``) text as a browser decoded it -> Unicode NFC.

    ``upper=True`` for the capitals-only fonts (``.VnTimeH``): they draw every letter, ASCII
    ones included, as a capital, so the whole text comes back in capitals, as its reader saw
    it.  Otherwise ASCII passes unchanged.
    """
    if not text:
        return text
    out = []
    for char in text:
        byte = _BYTE_OF.get(char)
        if byte is None:
            out.append(char)
        else:
            out.append(_TCVN3.get(byte) or _glyph(byte, char))
    result = _nfc("".join(out))
    return result.upper() if upper else result


# --- VNI --------------------------------------------------------------------------------

# VNI writes a letter as its ASCII base followed by one mark byte that carries the vowel
# mark, the tone, or both.  Capitals take their own mark bytes, each 0x20 below the small
# one (the windows-1252 capital of the same accented letter).
_VNI_MARKS_SMALL = {
    0xF8: ("", GRAVE), 0xF9: ("", ACUTE), 0xFB: ("", HOOK), 0xF5: ("", TILDE), 0xEF: ("", DOT),
    0xE2: (CIRCUMFLEX, ""), 0xE0: (CIRCUMFLEX, GRAVE), 0xE1: (CIRCUMFLEX, ACUTE),
    0xE5: (CIRCUMFLEX, HOOK), 0xE3: (CIRCUMFLEX, TILDE), 0xE4: (CIRCUMFLEX, DOT),
    0xEA: (BREVE, ""), 0xE8: (BREVE, GRAVE), 0xE9: (BREVE, ACUTE),
    0xFA: (BREVE, HOOK), 0xFC: (BREVE, TILDE), 0xEB: (BREVE, DOT),
}
# Letters VNI writes in one byte: ơ ư đ, the toned i, and ỵ.  ơ and ư still take a tone
# byte after them (ờ = ô + ø); the others are complete.
_VNI_SINGLE_SMALL = {
    0xF4: "o" + HORN, 0xF6: "u" + HORN, 0xF1: "đ",
    0xEC: "i" + GRAVE, 0xED: "i" + ACUTE, 0xE6: "i" + HOOK, 0xF3: "i" + TILDE, 0xF2: "i" + DOT,
    0xEE: "y" + DOT,
}
_VNI_MARKS = {**_VNI_MARKS_SMALL,
              **{code - 0x20: mark for code, mark in _VNI_MARKS_SMALL.items()}}
_VNI_SINGLE = {**_VNI_SINGLE_SMALL,
               **{code - 0x20: letter.upper() for code, letter in _VNI_SINGLE_SMALL.items()}}
_VNI_OPEN = {0xF4, 0xD4, 0xF6, 0xD6}  # ơ Ơ ư Ư: a tone byte may follow
_VOWELS = set("aeiouyAEIOUY")
_TAKES_MARK = {CIRCUMFLEX: set("aeoAEO"), BREVE: set("aA")}


def vni_to_unicode(text: str) -> str:
    """VNI (``VNI-Times``) text as a browser decoded it -> Unicode NFC.  ASCII passes
    unchanged; a mark byte that follows no letter it can sit on stays the windows-1252
    character it is."""
    if not text:
        return text
    out: list[str] = []
    # The letter still open for marks: [base, vowel mark, tone].
    open_letter: list[str] | None = None

    def close():
        nonlocal open_letter
        if open_letter is not None:
            out.append(_nfc("".join(open_letter)))
            open_letter = None

    for char in text:
        byte = _BYTE_OF.get(char)
        mark = _VNI_MARKS.get(byte) if byte is not None else None
        if mark is not None and open_letter is not None:
            vowel_mark, tone = mark
            base, has_mark, has_tone = open_letter
            fits = not has_tone  # a tone closes the letter: nothing goes on after it
            if vowel_mark:
                fits = fits and not has_mark and base in _TAKES_MARK[vowel_mark]
            if fits:
                open_letter = [base, vowel_mark or has_mark, tone]
                continue
        close()
        if char in _VOWELS:
            open_letter = [char, "", ""]
        elif byte is None:
            out.append(char)
        elif byte in _VNI_OPEN:
            letter = _VNI_SINGLE[byte]
            open_letter = [letter[0], letter[1], ""]
        elif byte in _VNI_SINGLE:
            out.append(_nfc(_VNI_SINGLE[byte]))
        else:
            out.append(_glyph(byte, char))
    close()
    return _nfc("".join(out))


def convert(text: str, encoding: str) -> str:
    if encoding == "vni":
        return vni_to_unicode(text)
    return tcvn3_to_unicode(text, upper=encoding == "tcvn3_upper")


# --- fonts ------------------------------------------------------------------------------

CSS_WIDE = {"inherit", "initial", "unset", "revert", "revert-layer"}
UNICODE = "unicode"  # a font named, and not a legacy one: conversion stops there


def font_decision(value: str | None) -> str | None:
    """What a font-family list or <font face> means: "tcvn3", "tcvn3_upper", "vni",
    "unicode" (any other font), or None when it names no font (empty, ``inherit``).

    The first family decides: it is the one the page's author had installed and saw.
    """
    for family in (value or "").split(","):
        name = family.strip().strip("\"'").strip()
        if not name:
            continue
        key = name.lower()
        if key in CSS_WIDE:
            return None
        if key.startswith("vni"):  # VNI-Times, VNI-Helve, VNI Times
            return "vni"
        if re.match(r"\.?vn[a-z]", key):
            # .VnTimeH, .VnArialH, .VnArial NarrowH: the capitals-only fonts.
            return "tcvn3_upper" if key.endswith("h") else "tcvn3"
        return UNICODE
    return None


def font_encoding(font_family: str) -> str | None:
    """The legacy encoding a CSS font-family list or a ``<font face>`` value implies:
    ``'.VnTime', serif`` -> "tcvn3", ``.VnTimeH`` -> "tcvn3_upper", ``"VNI-Times"`` ->
    "vni", any other font -> None."""
    decision = font_decision(font_family)
    return None if decision == UNICODE else decision


# --- how Vietnamese a text reads --------------------------------------------------------

# Words as legacy text reads: runs of letters, combining marks, and the Latin-1 symbols
# (¸ µ ¬ ª ® ...) that legacy fonts draw as letters; ₫ is windows-1258's TCVN3 "ỵ".
_WORD = re.compile(r"[A-Za-z\u00a1-\u024f\u0300-\u036f\u1e00-\u1eff\u20ab]+")
_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô "
    "uơ uy ưa ưi ươ ưu yê iêu yêu oai oay oeo uây uôi ươi ươu uyê uya uyu"
).split()
_SYLLABLE = re.compile(
    _ONSET + "(" + "|".join(sorted(_NUCLEI, key=len, reverse=True))
    + r"|oo(?=(?:ng|c)$))(ch|ng|nh|[cmnpt])?")
# Letters no 8-bit decoding produces: text that has them is Unicode already.
UNICODE_ONLY = re.compile("[\u1ea0-\u1ef9\u0128\u0129\u0168\u0169\u0302\u0306\u031b]")


def _is_syllable(word: str) -> bool:
    """Whether ``word`` is shaped like a Vietnamese syllable: onset, vowel nucleus, coda, at
    most one tone (and only sắc or nặng before a stop -p -t -c -ch)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = _nfc("".join(c for c in decomposed if c not in _TONES))
    match = _SYLLABLE.fullmatch(bare)
    if not match:
        return False
    return not (tones and tones[0] not in (ACUTE, DOT) and match.group(2) in ("p", "t", "c", "ch"))


def gain(text: str, encoding: str) -> tuple[int, int, int]:
    """(words with non-ASCII letters, how many of them read as Vietnamese syllables as they
    are, how many read so only after conversion)."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    before = sum(1 for w in words if _is_syllable(w))
    after = 0
    for word in words:
        converted = convert(word, encoding)
        if converted != word and _is_syllable(converted):
            after += 1
    return len(words), before, after


def _syllable_share(text: str) -> float | None:
    """Share of the words of ``text`` that are Vietnamese syllables, acronyms (UBND)
    left out; None when nothing is left."""
    words = [w for w in _WORD.findall(text) if not (len(w) > 1 and w.isupper())]
    if not words:
        return None
    return sum(1 for w in words if _is_syllable(w)) / len(words)


def looks_legacy(text: str) -> str | None:
    """"tcvn3" or "vni" when ``text`` (Vietnamese words as a browser decoded them) reads as
    Vietnamese only once converted from that encoding, else None.

    Counts the words holding non-ASCII characters that become Vietnamese syllables after
    conversion, against those that are syllables already: at least two, at least 60% of
    such words, more than before; and the converted text as a whole must be mostly
    syllables, which keeps French or German words whose accents happen to convert (VNI
    reads French "où" as "ó") from tipping it.  Unicode Vietnamese has letters no legacy
    decoding yields ("ệ", "ủ") and is never taken for legacy.
    """
    if not text or text.isascii():
        return None
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words or sum(1 for w in words if UNICODE_ONLY.search(w)) * 5 > len(words):
        return None
    best, best_after = None, 0
    for encoding in ("tcvn3", "vni"):
        total, before, after = gain(text, encoding)
        if after < 2 or after < 0.6 * total or after <= before:
            continue
        share = _syllable_share(convert(text, encoding))
        if share is not None and share < 0.6:
            continue
        if after > best_after:
            best, best_after = encoding, after
    return best
