"""Vietnamese dates on the portal's pages -> ISO 8601 strings.

Written by hand rather than with dateparser/htmldate: the portal's forms are few and known
(PORTAL.md "Dates"), day first, and a date box is parsed once per page, so a small
regular-expression reader is both exact and ~100x cheaper than a general parser, and it never
guesses month-first on an ambiguous "05/06/2020".  htmldate-style whole-page guessing is left
to the generic fallback.

One form is read month first: ASP.NET's en-US default, ``8/14/2020 4:30:00 PM``
(``M/d/yyyy h:mm:ss tt``), printed by IIS servers left on an English culture.  The English
AM/PM marker is the evidence: a numeric date with slashes whose time carries AM or PM is read
month first when that makes a date ("8/6/2020 4:30:00 PM" is the 6th of August), day first
otherwise ("14/8/2020 4:30 PM").  Vietnamese culture prints SA/CH there and stays day first,
as does every date without AM/PM.

Two-digit years (``14/08/20``) are read as 2000-2069 for 00-69 and 1970-1999 for 70-99.

Output: ``2020-08-14T16:30:00+07:00`` when the text gives a time, ``2020-08-14`` when it gives
only a day.  Times are local (Asia/Ho_Chi_Minh, UTC+07:00) unless the text names an offset.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from .text import clean_text

LOCAL_TZ = timezone(timedelta(hours=7))

# 2020-08-14T16:30:00+07:00 / 2020-08-14 16:30 / 2020-08-14 (meta tags, JSON-LD, <time>)
_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)"
)
_NUKEVIET_META = re.compile(r"(\d{4}-\d{2}-\d{2})([+-]\d{2}(?::?\d{2})?)(\d{2}:\d{2}(?::\d{2})?)")
# 14/08/2020, 14/8/2020, 14-08-2020, 14.08.2020; 14/08/20, 14-8-20 (not with dots: "1.2.10"
# numbers sections far more often than it dates anything)
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?!\d)")
# Ngày 14 tháng 8 năm 2020 (also "14 tháng 08, 2020")
_WORDS = re.compile(
    r"(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|,)?\s*(\d{4})", re.IGNORECASE
)
# WordPress's Vietnamese locale names months in words: "4 Tháng Mười, 2023" (j F, Y) and
# "Tháng Mười 4, 2023" / "Tháng 10 15, 2024" (F j, Y), the month before the day.
_MONTH_WORDS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
                "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12,
                "chạp": 12}
_MONTH_WORD = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_WORD_MONTH = re.compile(
    rf"(?<!\d)(?:(\d{{1,2}})\s+tháng\s+({_MONTH_WORD})\s*,\s*(\d{{4}})"
    rf"|tháng\s+({_MONTH_WORD}|\d{{1,2}})\s+(\d{{1,2}})\s*,\s*(\d{{4}}))(?!\d)", re.IGNORECASE)
# 16:30, 16:30:00, 16h30, 16 giờ 30 (phút), optional SA/CH or AM/PM
_TIME = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?!\d)(?::(\d{2})(?!\d))?(?:\s*phút)?"
    r"(?:\s*(am|pm|sa|ch|sáng|chiều|tối)\b)?",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)


def _full_year(digits: str) -> int:
    """A year as written: four digits as they are; two digits by a fixed pivot, 00-69 ->
    2000-2069 and 70-99 -> 1970-1999 (POSIX strptime's %y rule).  The parser takes no
    reference "now" to keep a two-digit year out of the future against, and an archive of
    news does not need one before 2070; digital portals do not reach back past 1970."""
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year <= 69 else 1900
    return year


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _tz_from(text: str):
    match = _OFFSET.search(text)
    if not match:
        return LOCAL_TZ
    sign = 1 if match.group(1) == "+" else -1
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    return timezone(sign * timedelta(minutes=minutes))


def _iso_offset(raw: str | None):
    if not raw:
        return LOCAL_TZ
    if raw == "Z":
        return timezone.utc
    sign = 1 if raw[0] == "+" else -1
    digits = raw[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)))


def _format(day: date, hms: tuple[int, int, int] | None, tz) -> str:
    if hms is None:
        return day.isoformat()
    moment = datetime(day.year, day.month, day.day, *hms, tzinfo=tz)
    # One archive, one clock: instants given in another offset are shown in local time.
    return moment.astimezone(LOCAL_TZ).isoformat()


def _find_time(text: str, skip: tuple[int, int]) -> tuple[tuple[int, int, int], str] | None:
    """The first time in ``text`` outside ``skip``, as (hour, minute, second) and its
    meridiem marker as written, lowercased ("" when none)."""
    for match in _TIME.finditer(text):
        if skip[0] <= match.start() < skip[1]:
            continue
        hour, minute = int(match.group(1)), int(match.group(2))
        second = int(match.group(3) or 0)
        meridiem = (match.group(4) or "").lower()
        if meridiem in ("pm", "ch", "chiều", "tối") and hour < 12:
            hour += 12
        elif meridiem in ("am", "sa", "sáng") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60 and second < 60:
            return (hour, minute, second), meridiem
    return None


# A date box may print both dates ("Cập nhật: … | Ngày đăng: …"): the published one wins.
_PUBLISHED_LABEL = re.compile(r"ngày\s*đăng|đăng\s*lúc|ngày\s*xuất\s*bản|xuất\s*bản|ngày\s*ban\s*hành"
                              r"|published", re.IGNORECASE)
_UPDATED_LABEL = re.compile(r"cập\s*nhật|sửa\s*đổi|updated|modified", re.IGNORECASE)


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` (day first, but for ASP.NET's en-US "M/d/yyyy h:mm:ss
    AM/PM"), with its time when one is given; where the text labels one date as published
    and another as updated, the published one."""
    if not text:
        return None
    text = clean_text(text)
    label = _PUBLISHED_LABEL.search(text)
    if label and _UPDATED_LABEL.search(text):
        after = _parse(text[label.end():])
        if after:
            return after
    return _parse(text)


def _parse(text: str) -> str | None:
    # NukeViet writes article:published_time as "2023-09-15+0722:57:00" (offset before time).
    text = _NUKEVIET_META.sub(r"\1T\3\2", text)
    for match in _ISO.finditer(text):
        year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        found = _valid_day(year, month, day)
        if not found:
            continue
        if match.group(4) is None:
            return found.isoformat()
        hms = (int(match.group(4)), int(match.group(5)), int(match.group(6) or 0))
        if hms[0] > 23 or hms[1] > 59 or hms[2] > 59:
            return found.isoformat()
        return _format(found, hms, _iso_offset(match.group(7)))

    # (start, end, year, month, day, whether an en-US AM/PM time may make it month first)
    candidates = []
    for match in _DMY.finditer(text):
        if match.group(2) == "." and len(match.group(4)) == 2:
            continue
        candidates.append((match.start(), match.end(), _full_year(match.group(4)),
                           int(match.group(3)), int(match.group(1)), match.group(2) == "/"))
    for match in _WORDS.finditer(text):
        candidates.append((match.start(), match.end(), int(match.group(3)),
                           int(match.group(2)), int(match.group(1)), False))
    if "háng" in text or "HÁNG" in text:
        for match in _WORD_MONTH.finditer(text):
            day, month, year = ((match.group(1), match.group(2), match.group(3)) if match.group(1)
                                else (match.group(5), match.group(4), match.group(6)))
            month = int(month) if month.isdigit() else _MONTH_WORDS[month.lower()]
            candidates.append((match.start(), match.end(), int(year), month, int(day), False))
    candidates.sort()
    for i, (start, end, year, month, day, swappable) in enumerate(candidates):
        # The time belongs to this date: look between the dates around it, so that
        # "14/08/2020 | Cập nhật: 20/08/2020 09:00" does not lend 09:00 to the 14th.
        lo = candidates[i - 1][1] if i else 0
        hi = candidates[i + 1][0] if i + 1 < len(candidates) else len(text)
        update = _UPDATED_LABEL.search(text, end, hi)
        if update:  # "14/08/2020 - Cập nhật lúc 18:05 ngày 20/08/2020": the update's time
            hi = update.start()
        time = _find_time(text[lo:hi], (start - lo, end - lo))
        found = None
        if swappable and time is not None and time[1] in ("am", "pm"):
            # ASP.NET en-US, M/d/yyyy h:mm:ss tt: the first number is the month.
            found = _valid_day(year, day, month)
        found = found or _valid_day(year, month, day)
        if found:
            return _format(found, time[0] if time else None, _tz_from(text))
    return None


# English pages (and the English editions of ministries' sites) write "June 3, 2024" or
# "3 June 2024"; parse_date leaves month names alone so that a Vietnamese text never has a
# word read as a month.  Read only where an English date is looked for.
MONTHS = {m: i for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for m in names}
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
ENGLISH_DATE = re.compile(rf"\b(?:({MONTH_NAMES})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})"
                          rf"|(\d{{1,2}})\s+({MONTH_NAMES})\.?,?\s+(\d{{4}}))\b", re.IGNORECASE)


def english_date(text: str | None) -> str | None:
    """The first "June 3, 2024" / "3 June 2024" in ``text`` as an ISO day."""
    found = _english_day(ENGLISH_DATE.search(text or ""))
    return found.isoformat() if found else None


def _english_day(match) -> date | None:
    if not match:
        return None
    if match.group(1):
        month, day, year = match.group(1), match.group(2), match.group(3)
    else:
        day, month, year = match.group(4), match.group(5), match.group(6)
    return _valid_day(int(year), MONTHS[month.lower()], int(day))


def english_datetime(text: str | None) -> str | None:
    """``english_date`` with the time the text gives beside it ("October 3, 2023 | 15:05",
    "3 June 2024, 3:05 PM"), in local time."""
    match = ENGLISH_DATE.search(text or "")
    day = _english_day(match)
    if day is None:
        return None
    found = _find_time(text, (match.start(), match.end()))
    return _format(day, found[0] if found else None, LOCAL_TZ)
