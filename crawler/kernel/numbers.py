"""Document numbers (số ký hiệu): how everyone names a legal document.

"1205/QĐ-UBND" (number, the kind's code, the issuing body), "78/2008/QĐ-UBND" (with the
year), "3021/UBND-VX" (a Công văn: no kind code, the body and its office).  Articles cite
documents by it, and people type it every way ("1205/qd-ubnd", "1205 QĐ-UBND"):
``number_key`` is the one spelling they all share, by which citations meet documents and
searches find them.  Part of the kernel: the parsers, the archive's store and its search
all read numbers the same way.
"""

from __future__ import annotations

import re
import unicodedata

from .text import fold, fold_d, strip_marks

# Kinds by the code that follows the number ("1205/QĐ-UBND": QĐ), folded to ASCII.
KIND_CODES = {
    "QD": "Quyết định",
    "KH": "Kế hoạch",
    "CV": "Công văn",
    "CT": "Chỉ thị",
    "TB": "Thông báo",
    "NQ": "Nghị quyết",
    "ND": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "BC": "Báo cáo",
    "TTR": "Tờ trình",
    "HD": "Hướng dẫn",
    "QC": "Quy chế",
    "QDPH": "Quyết định",
    "L": "Luật",
    "PL": "Pháp lệnh",
    "CTR": "Chương trình",
    "DA": "Đề án",
}
# Kind names a title may open with, longest first ("Thông tư liên tịch" before "Thông tư").
KIND_NAMES = sorted(set(KIND_CODES.values()), key=len, reverse=True)

# In running text: digits, an optional year, then a code of capitals with at least one
# hyphen ("QĐ-UBND", "UBND-VX", "NQ-HĐND").  Capitals and the hyphen keep dates (12/4/2024),
# fractions and "50/ha" out.
_UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
# A part may join two with "&" ("SGD&ĐT") and hold a small letter between capitals
# ("GDTrH", Giáo dục Trung học).
_MORE = rf"(?:&[{_UPPER}]+)?(?:[a-zđ][{_UPPER}][{_UPPER}0-9]*)?"
_CODE = rf"[{_UPPER}][{_UPPER}0-9]*{_MORE}(?:-[{_UPPER}0-9]+{_MORE})+"
# With a year ("59/2020/QH14", a law), the code may be one part.
_ONE_PART = rf"[{_UPPER}][{_UPPER}0-9]*"
NUMBER_IN_TEXT = re.compile(
    rf"(?<![\w/.-])(\d{{1,6}})\s?/\s?(?:(?:(\d{{4}})\s?/\s?({_CODE}|{_ONE_PART}))"
    rf"|({_CODE}))(?![\w-])")
# Dashes typed in place of the hyphen ("1205/QĐ–UBND", an en dash from a word processor).
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
# As people type it: any case, "/" or a space between the parts.
NUMBER_TYPED = re.compile(
    r"^\s*(\d{1,6})\s*[/\s]\s*(?:(?:(\d{4})\s*[/\s]\s*([^\W\d_]\w*(?:\s*-\s*\w+)*))"
    r"|([^\W\d_]\w*(?:\s*-\s*\w+)+))\s*$")


def canonical_number(number: str, year: str | None, code: str, printed: bool = False) -> str:
    """The number as registers print it: "1205/QĐ-UBND", "78/2008/QĐ-UBND"; ``printed``: a
    code in capitals and small letters as the page prints it ("2310/SGDĐT-GDTrH", trung
    học), one typed all in small letters in capitals."""
    code = re.sub(r"\s*-\s*", "-", unicodedata.normalize("NFC", code))
    if not printed or not any(c.islower() for c in code.replace("đ", "")) or code.islower():
        code = code.upper()
    return "/".join(p for p in (number, year, code) if p)


def number_key(text: str | None) -> str | None:
    """The spelling every way of writing a number shares ("1205/qd-ubnd", "1205 QĐ-UBND",
    "01205/QĐ-UBND" -> "1205/QD-UBND"), or None when ``text`` is no document number."""
    if not text:
        return None
    m = NUMBER_TYPED.match(normal_dashes(text))
    if not m:
        return None
    code = re.sub(r"\s*-\s*", "-", strip_marks(fold_d(m[3] or m[4]))).upper()
    return "/".join(p for p in (m[1].lstrip("0") or "0", m[2], code) if p)


def normal_dashes(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # str.replace per dash the text holds: scans in C, where translate() looks up every
    # character of an article's body in a dict (half a millisecond for a 4 KB body).
    for dash in _DASHES:
        if dash in text:
            text = text.replace(dash, "-")
    return text


def citations(*texts: str | None) -> list[str]:
    """The document numbers ``texts`` name, canonical, in order of first appearance, once."""
    found: dict[str, str] = {}
    for text in texts:
        for m in NUMBER_IN_TEXT.finditer(normal_dashes(text or "")):
            number = canonical_number(m[1], m[2], m[3] or m[4])
            found.setdefault(number_key(number), number)
    return list(found.values())


def kind_of(number: str | None, title: str | None = None) -> str | None:
    """The kind a number's code names (QĐ: Quyết định), a bare "/UBND-..." being a Công
    văn; else the kind the title opens with; else None."""
    key = number_key(number) if number else None
    if key:
        code = key.rsplit("/", 1)[-1]
        first = code.split("-")[0]
        if first in KIND_CODES:
            return KIND_CODES[first]
        if "-" in code:
            return "Công văn"
    if title:
        folded = fold(title)
        for name in KIND_NAMES:
            if folded.startswith(fold(name)):
                return name
    return None
