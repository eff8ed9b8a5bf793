"""Records as an Excel workbook (.xlsx): one sheet, a bold frozen header, one row each.

Written with openpyxl in write-only mode, row by row, so memory stays flat however many
records there are.  Cells are typed as a spreadsheet user expects:

- text stays text (a title that starts with ``=`` or reads ``#N/A`` is not a formula or
  an error), Vietnamese kept as stored (NFC); text with line breaks wraps;
- ISO dates in date columns (``published_at``, ``fetched_at``, ``first_seen_at``, any
  ``*_at``, ``issued``, ``effective``) become real Excel dates: a date-time as the local
  time it was printed in, the offset dropped ("2020-08-14T16:30:00+07:00" -> 14 Aug 2020
  16:30), since Excel has no time zones; a bare date as a date.  Anything else there
  (a year alone, a malformed value) stays text;
- lists are joined with " | ", a link, image or file as "text <url>", as in the CSV
  export; None is an empty cell.

Excel holds at most 32,767 characters in a cell: a longer text is cut and ends with a
marker saying how many characters were left out (the JSON export has them all).
Characters XML 1.0 cannot hold (control characters other than tab and newline, lone
surrogates) are removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CELL_LIMIT = 32767
MAX_ROWS = 1_048_576  # rows in a sheet, the header included
LIST_SEPARATOR = " | "
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"

DATE_COLUMNS = frozenset({"issued", "effective", "date"})
WIDTHS = {
    "url": 50, "site": 22, "article_id": 12, "title": 60, "author": 22, "source": 26,
    "summary": 60, "body": 80, "body_html": 80, "text": 80, "category": 30, "tags": 30,
    "related": 50, "images": 50, "attachments": 50, "files": 50, "cites": 30,
    "cited_by": 50, "parser": 18, "number": 20, "kind": 18, "agency": 34, "signer": 24,
}
DATE_WIDTH = 17
DEFAULT_WIDTH = 20

# Not in XML 1.0: C0 controls but tab, newline and carriage return; lone surrogates;
# U+FFFE/U+FFFF.  C1 controls are allowed by XML but are never text: removed as well.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\Z")
_ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                          "#N/A", "#GETTING_DATA"})


def is_date_column(name: str) -> bool:
    return name in DATE_COLUMNS or name.endswith("_at")


def parse_iso(value: str) -> dt.datetime | dt.date | None:
    """The naive date or date-time ``value`` prints, or None if it is not one."""
    m = _ISO.match(value.strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if year < 1900:  # before Excel's calendar
        return None
    try:
        if m[4] is None:
            return dt.date(year, month, day)
        micro = int((m[7] or "0")[:6].ljust(6, "0"))
        return dt.datetime(year, month, day, int(m[4]), int(m[5]), int(m[6] or 0), micro)
    except ValueError:
        return None


def clean_cell_text(text: str) -> str:
    """``text`` as a cell can hold it: line breaks as \\n, no characters XML cannot hold,
    NFC, at most CELL_LIMIT characters (UTF-16 units, as Excel counts), a cut text
    ending with a marker."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ILLEGAL.sub("", text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if len(text) <= CELL_LIMIT // 2 or _units(text) <= CELL_LIMIT:
        return text
    return _cut(text)


def _units(text: str) -> int:
    """Length in UTF-16 code units, as Excel counts: a character beyond the BMP is two."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def cut_marker(left_out: int) -> str:
    return (f"\n… [{left_out:,} characters left out: Excel holds at most {CELL_LIMIT:,}"
            " in a cell; the JSON export has the whole text]")


def _cut(text: str) -> str:
    total = len(text)
    left_out = total - CELL_LIMIT
    while True:
        marker = cut_marker(left_out)
        budget = CELL_LIMIT - _units(marker)
        # keep as many UTF-16 units as fit, never half of a surrogate pair
        kept = text.encode("utf-16-le")[:budget * 2].decode("utf-16-le", errors="ignore")
        if total - len(kept) == left_out:
            return kept + marker
        left_out = total - len(kept)


def cell_text(value: Any) -> str | None:
    """A record's value as the text of one cell (before cleaning), or None if empty."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        parts = []
        for item in value:
            if isinstance(item, dict):
                text = item.get("title") or item.get("caption") or item.get("name")
                url = item.get("url")
                parts.append(f"{text} <{url}>" if text and url else str(text or url or ""))
            elif item is not None:
                parts.append(str(item))
        return LIST_SEPARATOR.join(p for p in parts if p) or None
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else None
    return str(value)


class _Cells:
    """Makes the cells of one sheet, sharing its few styles."""

    def __init__(self, ws):
        self.ws = ws
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def header(self, name: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=clean_cell_text(name))
        cell.font = self.bold
        cell.data_type = "s"
        return cell

    def make(self, column: str, value: Any, date_column: bool):
        if value is None or value == "" or value == []:
            return None
        if isinstance(value, (bool, int, float)):
            return value
        if date_column:
            when = value if isinstance(value, dt.date) else (
                parse_iso(value) if isinstance(value, str) else None)
            if when is not None:
                return self._date(when)
        if isinstance(value, dt.date):
            return self._date(value)
        text = cell_text(value)
        if not text:
            return None
        text = clean_cell_text(text)
        if not text:
            return None
        multiline = "\n" in text
        if not multiline and not text.startswith("=") and text not in _ERROR_CODES:
            return text
        cell = WriteOnlyCell(self.ws, value=text)
        cell.data_type = "s"  # never a formula or an error value
        if multiline:
            cell.alignment = self.wrap
        return cell

    def _date(self, when: dt.date) -> WriteOnlyCell:
        if isinstance(when, dt.datetime):
            when = when.replace(tzinfo=None)
            number_format = DATETIME_FORMAT
        else:
            number_format = DATE_FORMAT
        cell = WriteOnlyCell(self.ws, value=when)
        cell.number_format = number_format
        return cell


def write_xlsx(rows: Iterable[dict], columns: list[str], target: str | os.PathLike | IO[bytes],
               *, sheet: str = "articles") -> int:
    """Write ``rows`` (records; keys beyond ``columns`` ignored, missing ones empty) as a
    workbook to ``target`` (a path or a binary stream); return the number of rows.

    Raises ValueError when the rows do not fit in one sheet (1,048,575 of them).
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet)
    columns = list(columns)
    dates = [is_date_column(c) for c in columns]
    for i, (name, is_date) in enumerate(zip(columns, dates), 1):
        width = DATE_WIDTH if is_date else WIDTHS.get(name, DEFAULT_WIDTH)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    cells = _Cells(ws)
    ws.append([cells.header(c) for c in columns])
    count = 0
    for row in rows:
        if count + 1 >= MAX_ROWS:
            raise ValueError(f"more than {MAX_ROWS - 1:,} records do not fit in one sheet:"
                             " export fewer (--since/--until) or as JSON lines")
        ws.append([cells.make(c, row.get(c), d) for c, d in zip(columns, dates)])
        count += 1
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    wb.save(target)
    return count
