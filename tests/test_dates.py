"""Vietnamese dates to ISO 8601: every form the portal and its subsites print.

Vietnamese pages write the day first and give local time (UTC+07:00). ``parse_date``
answers ``YYYY-MM-DDTHH:MM:SS+07:00`` when the text has a time, ``YYYY-MM-DD`` when it has
only a date, and None when there is no complete date or the date cannot exist. Every
expected value below was worked out by hand from the calendar.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

import pytest

from crawler.kernel.dates import english_datetime, parse_date
from crawler.parsers import parse_article


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# (text, expected)
FORMS = [
    # the forms listed for the portal, bare
    ("15/09/2023", "2023-09-15"),
    ("14/8/2020", "2020-08-14"),
    ("22:57 15/09/2023", "2023-09-15T22:57:00+07:00"),
    ("15/09/2023 22:57", "2023-09-15T22:57:00+07:00"),
    ("Thứ Sáu, 14/08/2020 - 16:30", "2020-08-14T16:30:00+07:00"),
    ("14-08-2020 16:30:00", "2020-08-14T16:30:00+07:00"),
    ("Ngày 14 tháng 8 năm 2020", "2020-08-14"),
    # NukeViet detail pages: 'l - d/m/Y H:i' with Vietnamese day names
    ("Thứ sáu - 15/09/2023 22:57", "2023-09-15T22:57:00+07:00"),
    ("Thứ bảy - 02/09/2023 07:30", "2023-09-02T07:30:00+07:00"),
    ("Chủ nhật, 01/01/2023 - 09:15", "2023-01-01T09:15:00+07:00"),
    ("Thứ Hai, 02/01/2023 - 07:00", "2023-01-02T07:00:00+07:00"),
    # variants of the same forms
    ("14/08/2020 - 16:30", "2020-08-14T16:30:00+07:00"),
    ("14-08-2020", "2020-08-14"),
    ("14-08-2020 16:30:45", "2020-08-14T16:30:45+07:00"),
    ("15/09/2023 22:57:09", "2023-09-15T22:57:09+07:00"),
    ("ngày 05 tháng 01 năm 2021", "2021-01-05"),
    ("Ngày 5 tháng 10 năm 2023", "2023-10-05"),
]

LABELS = [
    ("Ngày đăng: 15/09/2023", "2023-09-15"),
    ("Ngày đăng: 15/09/2023 10:45", "2023-09-15T10:45:00+07:00"),
    ("Ngày đăng:14/8/2020", "2020-08-14"),
    ("Ngày đăng: Thứ Sáu, 14/08/2020 - 16:30", "2020-08-14T16:30:00+07:00"),
    ("Cập nhật: 14-08-2020 16:30:00", "2020-08-14T16:30:00+07:00"),
    ("Cập nhật: 21-10-2020 08:05:00", "2020-10-21T08:05:00+07:00"),
    ("Cập nhật: 22:57 15/09/2023", "2023-09-15T22:57:00+07:00"),
    ("Cập nhật: Ngày 28 tháng 8 năm 2020", "2020-08-28"),
    # the label as a page may store it: non-breaking spaces, decomposed letters
    ("Ngày đăng:\u00a015/09/2023\u00a010:45", "2023-09-15T10:45:00+07:00"),
    (nfd("Cập nhật: 14-08-2020 16:30:00"), "2020-08-14T16:30:00+07:00"),
    (nfd("Ngày đăng: 06/03/2023"), "2023-03-06"),
]

NOISE = [
    ("  \n\t15/09/2023  \n", "2023-09-15"),
    ("(15/09/2023)", "2023-09-15"),
    ("\n    Thứ Sáu, 14/08/2020 - 16:30\n  ", "2020-08-14T16:30:00+07:00"),
    ("15/09/2023 22:57 | Lượt xem: 356", "2023-09-15T22:57:00+07:00"),
    ("Lượt xem: 1234 - Ngày đăng: 15/09/2023", "2023-09-15"),
    ("08:15 03/10/2023  Lượt xem: 215", "2023-10-03T08:15:00+07:00"),
    ("Thứ sáu - 15/09/2023 22:57 (GMT+7)", "2023-09-15T22:57:00+07:00"),
    ("Đăng lúc 08:15 03/10/2023 bởi Quản trị viên", "2023-10-03T08:15:00+07:00"),
    (nfd("Ngày 14 tháng 8 năm 2020"), "2020-08-14"),
    (nfd("Thứ Sáu, 14/08/2020 - 16:30"), "2020-08-14T16:30:00+07:00"),
]

# Day first, always: 03/10 is the 3rd of October, never the 10th of March.
DAY_FIRST = [
    ("03/10/2023", "2023-10-03"),
    ("12/01/2021", "2021-01-12"),
    ("01/02/2023 07:00", "2023-02-01T07:00:00+07:00"),
    ("13/01/2021", "2021-01-13"),
]

PADDING = [
    ("5/9/2023", "2023-09-05"),
    ("05/09/2023", "2023-09-05"),
    ("5/09/2023", "2023-09-05"),
    ("05/9/2023", "2023-09-05"),
    ("24/9/2020", "2020-09-24"),
    ("8:05 3/10/2023", "2023-10-03T08:05:00+07:00"),
    ("3/10/2023 8:05", "2023-10-03T08:05:00+07:00"),
    ("3-10-2023 08:05:00", "2023-10-03T08:05:00+07:00"),
]

EDGES = [
    ("00:00 01/01/2024", "2024-01-01T00:00:00+07:00"),
    ("31/12/2023 23:59", "2023-12-31T23:59:00+07:00"),
    ("31/01/2021", "2021-01-31"),
    ("30/04/2021", "2021-04-30"),
]

LEAP_YEARS = [
    ("29/02/2020", "2020-02-29"),
    ("29/02/2024 09:00", "2024-02-29T09:00:00+07:00"),
    ("29/02/2000", "2000-02-29"),  # divisible by 400: leap
    ("Ngày 29 tháng 2 năm 2024", "2024-02-29"),
    ("29/02/2023", None),
    ("29/02/1900", None),  # divisible by 100, not by 400: not leap
    ("Ngày 29 tháng 2 năm 2021", None),
    ("29-02-2022 10:00:00", None),
]

INVALID = [
    ("31/02/2020", None),
    ("30/02/2020", None),
    ("31/04/2021", None),
    ("31/06/2023", None),
    ("31/09/2023", None),
    ("31/11/2023", None),
    ("32/01/2020", None),
    ("00/01/2020", None),
    ("15/13/2023", None),
    ("15/00/2023", None),
    ("Ngày 31 tháng 2 năm 2020", None),
    ("Ngày 14 tháng 13 năm 2020", None),
]

NO_DATE = [
    ("", None),
    ("   ", None),
    ("Ngày đăng:", None),
    ("Không rõ ngày", None),
    ("Lượt xem: 1234", None),
    ("Số 745/KH-UBND", None),
    ("năm 2020", None),
    # the lead of the seed page: a day and month without a year is not a date
    ("Chiều 14/8, Ban cán sự đảng UBND với Ban Tuyên giáo Tỉnh ủy tổ chức lễ ký kết", None),
    ("Điện thoại: 0238.3844.511", None),
]

CASES = FORMS + LABELS + NOISE + DAY_FIRST + PADDING + EDGES + LEAP_YEARS + INVALID + NO_DATE


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[repr(t) for t, _ in CASES])
def test_parse_date(text: str, expected: str | None):
    assert parse_date(text) == expected


WITH_TIME = [(t, e) for t, e in CASES if e is not None and "T" in e]
DATE_ONLY = [(t, e) for t, e in CASES if e is not None and "T" not in e]


@pytest.mark.parametrize(("text", "expected"), WITH_TIME, ids=[repr(t) for t, _ in WITH_TIME])
def test_times_are_local_vietnam_time(text: str, expected: str):
    got = parse_date(text)
    assert got is not None
    parsed = datetime.fromisoformat(got)
    assert parsed.utcoffset() == timedelta(hours=7)
    assert len(got) == len("2020-08-14T16:30:00+07:00")


@pytest.mark.parametrize(("text", "expected"), DATE_ONLY, ids=[repr(t) for t, _ in DATE_ONLY])
def test_dates_without_time_stay_dates(text: str, expected: str):
    got = parse_date(text)
    assert got is not None
    assert date.fromisoformat(got).isoformat() == got


def test_nfd_and_nfc_give_the_same_answer():
    for text in ("Ngày 14 tháng 8 năm 2020", "Thứ Sáu, 14/08/2020 - 16:30", "Cập nhật: 14/8/2020"):
        assert parse_date(nfd(text)) == parse_date(text) is not None


@pytest.mark.parametrize("text,expected", [
    ("Cập nhật: 20/08/2020 09:00 | Ngày đăng: 14/08/2020 16:30", "2020-08-14T16:30:00+07:00"),
    ("Ngày đăng: 14/08/2020 16:30 | Cập nhật: 20/08/2020 09:00", "2020-08-14T16:30:00+07:00"),
    # the update's time is not lent to a published day printed without one
    ("Ngày đăng: 14/08/2020 | Cập nhật: 20/08/2020 09:00", "2020-08-14"),
    ("Cập nhật: 20/08/2020", "2020-08-20"),
])
def test_published_date_wins_over_the_update(text, expected):
    assert parse_date(text) == expected


# Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999 (a fixed pivot: parse_date
# takes no reference date).
TWO_DIGIT_YEARS = [
    ("14/08/20", "2020-08-14"),
    ("14/8/20", "2020-08-14"),
    ("14/8/20 16:30", "2020-08-14T16:30:00+07:00"),
    ("16:30 14/8/20", "2020-08-14T16:30:00+07:00"),
    ("14-08-20 16:30:45", "2020-08-14T16:30:45+07:00"),
    ("Ngày đăng: 05/09/23", "2023-09-05"),
    ("01/01/00", "2000-01-01"),
    ("31/12/69", "2069-12-31"),
    ("01/01/70", "1970-01-01"),
    ("15/06/99", "1999-06-15"),
    ("29/02/00", "2000-02-29"),  # 2000 is leap
    ("29/02/21", None),
    ("31/04/20", None),
    ("14/13/20", None),
    # dots with a two-digit year number sections, not dates
    ("Mục 1.2.10", None),
    ("14.08.20", None),
    # a three-digit year is no year
    ("14/08/202", None),
]

# ASP.NET's en-US default (M/d/yyyy h:mm:ss tt): month first when the time has AM/PM.
ASPNET_EN_US = [
    ("8/14/2020 4:30:00 PM", "2020-08-14T16:30:00+07:00"),
    ("8/14/2020 4:30 PM", "2020-08-14T16:30:00+07:00"),
    ("8/14/2020 4:30:00 pm", "2020-08-14T16:30:00+07:00"),
    ("Ngày đăng: 8/14/2020 9:05:00 AM", "2020-08-14T09:05:00+07:00"),
    # ambiguous (both numbers <= 12): the AM/PM marker says en-US, so month first
    ("8/6/2020 4:30:00 PM", "2020-08-06T16:30:00+07:00"),
    ("12/1/2021 10:00:00 AM", "2021-12-01T10:00:00+07:00"),
    ("8/6/20 4:30 PM", "2020-08-06T16:30:00+07:00"),
    # 12 AM is midnight, 12 PM is noon
    ("8/14/2020 12:00:00 AM", "2020-08-14T00:00:00+07:00"),
    ("8/14/2020 12:30:00 AM", "2020-08-14T00:30:00+07:00"),
    ("8/14/2020 12:30:00 PM", "2020-08-14T12:30:00+07:00"),
    ("8/6/2020 12:00:00 PM", "2020-08-06T12:00:00+07:00"),
    ("12/31/2023 11:59:59 PM", "2023-12-31T23:59:59+07:00"),
    # month first makes no date: day first after all
    ("14/8/2020 4:30 PM", "2020-08-14T16:30:00+07:00"),
    ("29/02/2024 9:00 AM", "2024-02-29T09:00:00+07:00"),
    # month first is still checked against the calendar
    ("2/30/2020 4:30:00 PM", None),
    ("2/29/2023 4:30:00 PM", None),
    ("2/29/2024 4:30:00 PM", "2024-02-29T16:30:00+07:00"),
]

# Without English AM/PM, day first stays the rule.
STILL_DAY_FIRST = [
    ("8/6/2020 16:30:00", "2020-06-08T16:30:00+07:00"),
    ("8/6/2020", "2020-06-08"),
    ("8/14/2020", None),  # not a day-first date, and nothing says en-US
    ("8/14/2020 16:30", None),
    # Vietnamese culture's markers (SA/CH) are not en-US
    ("8/6/2020 4:30:00 CH", "2020-06-08T16:30:00+07:00"),
    ("8/6/2020 9:00 SA", "2020-06-08T09:00:00+07:00"),
    ("8/6/2020 4:30 chiều", "2020-06-08T16:30:00+07:00"),
    # the AM/PM of another date's time does not turn this one
    ("Ngày đăng: 8/6/2020 | Cập nhật: 9/6/2020 4:30 PM", "2020-06-08"),
    # dashes and words are not ASP.NET's en-US form
    ("8-6-2020 4:30 PM", "2020-06-08T16:30:00+07:00"),
    ("Ngày 8 tháng 6 năm 2020 4:30 PM", "2020-06-08T16:30:00+07:00"),
]

NEW_FORMS = TWO_DIGIT_YEARS + ASPNET_EN_US + STILL_DAY_FIRST


@pytest.mark.parametrize(("text", "expected"), NEW_FORMS, ids=[repr(t) for t, _ in NEW_FORMS])
def test_two_digit_years_and_aspnet_en_us(text: str, expected: str | None):
    assert parse_date(text) == expected


def test_existing_forms_parse_as_before():
    # Every form above with a four-digit year keeps its day-first reading when no AM/PM
    # is present, whatever the new forms added.
    for text, expected in CASES:
        assert parse_date(text) == expected, text
    assert parse_date("03/10/2023") == "2023-10-03"
    assert parse_date("05/06/2020 16:30") == "2020-06-05T16:30:00+07:00"


@pytest.mark.parametrize("text, expected", [
    ("August 14, 2022", "2022-08-14"),
    ("October 3, 2023 | 15:05", "2023-10-03T15:05:00+07:00"),
    ("3 June 2024, 3:05 PM", "2024-06-03T15:05:00+07:00"),  # never read month first
    ("June 3, 2024 12:10 AM", "2024-06-03T00:10:00+07:00"),
    ("Ngày 14/8", None),
])
def test_an_english_date_with_its_time(text, expected):
    assert english_datetime(text) == expected


def test_an_english_editions_date_box_gives_the_articles_date():
    # en.* subsites run the same vnPortal: its PostDate prints the date in English.
    html = ('<html><body><div class="ArticleDetailControl"><div class="ArticleHeader">Nghe An '
            'welcomes investors</div><div class="PostDate">October 3, 2023 | 15:05</div>'
            '<div class="ArticleContent"><p>The province received a delegation.</p></div>'
            "</div></body></html>")
    article = parse_article(html, "https://en.nghean.gov.vn/news/nghe-an-welcomes-investors-88123")
    assert article.published_at == "2023-10-03T15:05:00+07:00"
