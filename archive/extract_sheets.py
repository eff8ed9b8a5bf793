"""Text from workbooks: XLSX (openpyxl) and Excel 97-2003 XLS (xlrd), each sheet's name
then its rows, a row a line, to a cap on cells; cells (and, in XLS, runs of rich text)
typed in a TCVN3 or VNI font converted."""

from __future__ import annotations

import datetime
import io

from crawler.kernel.text import clean_text

from .extracted import ENCRYPTED, MAX_CELLS, OK, Extracted, legacy_text, zip_problem


def _value_text(value) -> str:
    """A cell's value as the sheet shows it, near enough: 12 not 12.0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else str(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _workbook_text(kind: str, sheets, sheet_count: int, max_cells: int) -> Extracted:
    """The text of a workbook's sheets: each sheet's name on a line, then its rows, a row
    a line with its cells' texts between tabs (trailing empty cells dropped, and rows with
    nothing in them).

    ``sheets`` yields (name, rows, text_of): rows yields each row's cells, ``text_of`` a
    cell's raw text (legacy fonts converted).  Reading stops before the row that would
    take it past ``max_cells`` cells, empty ones counted (the work is in reading them).
    """
    lines: list[str] = []
    read = 0
    reason = None
    for index, (name, rows, text_of) in enumerate(sheets):
        body = []
        for number, row in enumerate(rows, 1):
            if read + len(row) > max_cells:
                later = sheet_count - index - 1
                reason = (f"only the first {max_cells} cells were read: sheet '{name}' stops "
                          f"before its row {number}")
                if later == 1:
                    reason += ", and the sheet after it was left out"
                elif later:
                    reason += f", and the {later} sheets after it were left out"
                break
            read += len(row)
            cells = [clean_text(text_of(cell)) for cell in row]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                body.append("\t".join(cells))
        if body:
            lines.append(clean_text(name))
            lines.extend(body)
        if reason:
            break
    text = "\n".join(line for line in lines if line)
    if not text:
        return Extracted(OK, text="", kind=kind, reason=reason or "the workbook holds no text")
    return Extracted(OK, text=text, kind=kind, reason=reason)


def read_xlsx(data: bytes, max_cells: int = MAX_CELLS, **_limits) -> Extracted:
    import warnings

    import openpyxl

    problem = zip_problem(data, "xlsx")
    if problem:
        return problem
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of every extension it skips
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            worksheets = book.worksheets

            def text_of(cell) -> str:
                value = cell.value
                if not isinstance(value, str):
                    return _value_text(value)
                try:
                    font = cell.font.name
                except (AttributeError, IndexError, TypeError):  # a style table cut short
                    font = None
                return legacy_text(value, font)

            def sheets():
                for sheet in worksheets:
                    # The dimension a sheet declares may be wrong, or A1:XFD1048576: rows
                    # are read as stored, not padded to it.
                    sheet.reset_dimensions()
                    yield sheet.title, sheet.iter_rows(), text_of

            return _workbook_text("xlsx", sheets(), len(worksheets), max_cells)
        finally:
            book.close()


def read_xls(data: bytes, max_cells: int = MAX_CELLS, **_limits) -> Extracted:
    import xlrd

    try:
        # formatting_info: the cells' fonts, for the legacy ones; the log would go to stdout.
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            return Extracted(ENCRYPTED, kind="xls",
                             reason="the workbook is encrypted with a password")
        raise
    try:
        font_names = [font.name for font in book.font_list]
        cell_fonts = [_list_item(font_names, xf.font_index) for xf in book.xf_list]

        def sheets():
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                runs = sheet.rich_text_runlist_map

                def text_of(cell, runs=runs) -> str:
                    return _xls_cell_text(cell, book, cell_fonts, font_names, runs)

                def rows(sheet=sheet):
                    for rowx in range(sheet.nrows):
                        yield [(rowx, colx, cell) for colx, cell in enumerate(sheet.row(rowx))]

                yield sheet.name, rows(), text_of
                book.unload_sheet(index)

        return _workbook_text("xls", sheets(), book.nsheets, max_cells)
    finally:
        book.release_resources()


def _list_item(items: list, index: int):
    return items[index] if 0 <= index < len(items) else None


def _xls_cell_text(located, book, cell_fonts, font_names, runs) -> str:
    import xlrd

    rowx, colx, cell = located
    kind, value = cell.ctype, cell.value
    if kind == xlrd.XL_CELL_TEXT:
        font = _list_item(cell_fonts, cell.xf_index) if cell.xf_index is not None else None
        runlist = runs.get((rowx, colx))
        if not runlist:
            return legacy_text(value, font)
        # Rich text: runs in other fonts, each from its character offset on.
        bounds = [(0, font)] + [(offset, _list_item(font_names, index))
                                for offset, index in runlist]
        ends = [start for start, _ in bounds[1:]] + [len(value)]
        return "".join(legacy_text(value[start:end], run_font)
                       for (start, run_font), end in zip(bounds, ends))
    if kind == xlrd.XL_CELL_NUMBER:
        return _value_text(float(value))
    if kind == xlrd.XL_CELL_DATE:
        try:
            return _value_text(xlrd.xldate.xldate_as_datetime(value, book.datemode))
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return _value_text(float(value))
    if kind == xlrd.XL_CELL_BOOLEAN:
        return _value_text(bool(value))
    return ""  # empty, blank, or an error code (#DIV/0!): no text
