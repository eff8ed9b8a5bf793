"""Text from archived files, and hostile files that must end with a reason: each
extraction runs in a child process under a time and a memory limit."""

from __future__ import annotations

import datetime
import io
import struct
import unicodedata
import zipfile

import pytest

from archive.extract import (
    ENCRYPTED,
    FAILED,
    NO_TEXT_LAYER,
    NOT_READ,
    OK,
    TIMEOUT,
    TOO_LARGE,
    UNSUPPORTED,
    extract,
    sniff,
)


def nfd(text: str) -> str:
    """Text as some editors store it: letters and marks apart."""
    return unicodedata.normalize("NFD", text)


def make_pdf(pages: list[str], encrypt: bool = False) -> bytes:
    """A minimal PDF, written object by object: one Helvetica text line a page (an empty
    string: a page with no text, as a scan has)."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET" if text else ""
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                    f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objs.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    if encrypt:
        objs.append("<< /Filter /Standard /V 1 /R 2 /O (0123456789012345678901234567890a)"
                    " /U (0123456789012345678901234567890b) /P -4 >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{obj}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    extra = (f" /Encrypt {len(objs)} 0 R /ID [<00112233445566778899aabbccddeeff>"
             "<00112233445566778899aabbccddeeff>]") if encrypt else ""
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{extra} >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_docx(paragraphs: list[tuple[str, str | None]], table=None) -> bytes:
    import docx

    document = docx.Document()
    for text, font in paragraphs:
        run = document.add_paragraph().add_run(text)
        if font:
            run.font.name = font
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_pdf_with_a_text_layer():
    result = extract(make_pdf(["Quyet dinh so 1205/QD-UBND", "Ke hoach 45/KH-UBND"]))
    assert (result.status, result.kind, result.pages) == (OK, "pdf", 2)
    assert result.text.splitlines() == ["Quyet dinh so 1205/QD-UBND", "Ke hoach 45/KH-UBND"]


def test_a_scanned_pdf_is_marked_as_having_no_text_layer():
    result = extract(make_pdf(["", ""]))
    assert result.status == NO_TEXT_LAYER and result.text is None
    assert "no text layer" in result.reason


def test_a_docx_in_vietnamese_with_a_table_and_a_legacy_font_run():
    data = make_docx([("Quyết định số 1205/QĐ-UBND về việc phê duyệt kế hoạch.", None),
                      ("UBND tØnh NghÖ An", ".VnTime")],
                     table=[["Số ký hiệu", "Trích yếu"], ["45/KH-UBND", "Kế hoạch chuyển đổi số"]])
    result = extract(data, "kh-45.docx")
    assert (result.status, result.kind) == (OK, "docx")
    lines = result.text.splitlines()
    assert lines[0] == "Quyết định số 1205/QĐ-UBND về việc phê duyệt kế hoạch."
    assert "UBND tỉnh Nghệ An" in lines
    assert "45/KH-UBND | Kế hoạch chuyển đổi số" in lines


def test_a_truncated_pdf_fails_with_a_reason():
    data = make_pdf(["Quyet dinh so 1205/QD-UBND"] * 3)
    result = extract(data[: len(data) // 2])
    assert result.status in (FAILED, OK)  # pdfminer may recover the pages it has
    if result.status == FAILED:
        assert result.reason.startswith("the PDF cannot be read")


def test_an_encrypted_pdf_is_named_so():
    result = extract(make_pdf(["bi mat"], encrypt=True))
    assert result.status == ENCRYPTED and "password" in result.reason


def test_a_zip_bomb_is_never_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as member:
            zeros = b"\0" * (1 << 20)
            for _ in range(300):  # 300 MB of nothing, a few hundred KB packed
                member.write(zeros)
    result = extract(out.getvalue(), "bomb.docx")
    assert result.status == TOO_LARGE and "zip bomb" in result.reason


def test_a_huge_pdf_is_cut_at_the_page_limit_and_said_so():
    result = extract(make_pdf([f"Trang {i}" for i in range(3000)]), max_pages=100)
    assert result.status == OK and result.pages == 3000
    assert result.text.splitlines()[-1] == "Trang 99"
    assert "first 100 of its 3000 pages" in result.reason


def test_a_file_that_takes_too_long_is_stopped():
    result = extract(make_pdf([f"Trang {i}" for i in range(3000)]), timeout=0.2)
    assert result.status == TIMEOUT and "longer than 0.2 seconds" in result.reason


def test_a_reader_over_its_memory_limit_ends_with_a_reason():
    result = extract(make_pdf([f"Trang {i}" for i in range(2000)]), memory_mb=1)
    assert result.status == FAILED and result.reason


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7 ...", "pdf"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ole"),
    (b"<html>not a file</html>", None),
])
def test_files_are_told_by_their_bytes(data, kind):
    assert sniff(data) == kind


def test_a_kind_without_a_reader_is_said_to_be_unsupported():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "not an office file")
    result = extract(out.getvalue(), "hoso.zip")
    assert (result.status, result.kind) == (UNSUPPORTED, "zip")
    assert result.reason == "a ZIP file: no text is read from it"


# --- Office 97-2003: the OLE container, XLS and DOC ------------------------------------

FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def make_ole(streams: dict[str, bytes]) -> bytes:
    """A compound file (version 3, 512-byte sectors) with up to three streams at its root:
    sector 0 is the allocation table, sector 1 the directory, then the streams, each padded
    to 4096 bytes so that it sits in ordinary sectors rather than in the mini stream."""
    assert len(streams) <= 3
    fat = [FAT_SECTOR, END_OF_CHAIN]
    entries = [("Root Entry", 5, END_OF_CHAIN, 0)]
    body = b""
    for name, data in streams.items():
        data = data.ljust(4096, b"\0")
        data += b"\0" * (-len(data) % 512)
        start, count = len(fat), len(data) // 512
        fat.extend(range(start + 1, start + count))
        fat.append(END_OF_CHAIN)
        entries.append((name, 2, start, len(data)))
        body += data
    assert len(fat) <= 128
    directory = b""
    for i, (name, kind, start, size) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        child = 1 if i == 0 and len(entries) > 1 else NO_STREAM
        right = i + 1 if 0 < i < len(entries) - 1 else NO_STREAM  # siblings as a chain
        directory += (encoded.ljust(64, b"\0")
                      + struct.pack("<HBB3I", len(encoded), kind, 1, NO_STREAM, right, child)
                      + b"\0" * 36 + struct.pack("<IQ", start, size))
    directory = directory.ljust(512, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, b"", 0, 1, 1, 0, 4096,
                            END_OF_CHAIN, 0, END_OF_CHAIN, 0)
              + struct.pack("<109I", 0, *([FREE] * 108)))
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return header + fat_sector + directory + body


def biff(kind: int, payload: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def biff_short_string(text: str) -> bytes:
    return struct.pack("<BB", len(text), 1) + text.encode("utf-16-le")


def make_xls(sheets: dict[str, list[list]], fonts=("Arial",), encrypted=False) -> bytes:
    """A BIFF8 workbook (Excel 97-2003) with one cell format per font.  A cell is a str, a
    number, None, (text, font index) for text set in that font, or a list of
    (text, font index) runs for a rich-text cell."""
    def bof(kind):
        return biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    def xf(font, kind):
        return biff(0x00E0, struct.pack("<HHHBBBBIIH", font, 0, kind, 0x20, 0, 0, 0, 0, 0,
                                        0x20C0))

    def string_of(value):
        if isinstance(value, tuple):
            return value[0]
        if isinstance(value, list):
            return tuple(value)
        return value

    workbook = bof(0x0005)
    if encrypted:
        workbook += biff(0x002F, b"\0" * 6)  # FILEPASS: what follows is encrypted
    workbook += biff(0x0042, struct.pack("<H", 1200))  # CODEPAGE: UTF-16
    for name in fonts:
        workbook += biff(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0)
                         + biff_short_string(name))
    workbook += xf(0, 0xFFF5) + b"".join(xf(i, 1) for i in range(len(fonts)))
    strings = []
    for rows in sheets.values():
        for row in rows:
            for value in row:
                key = string_of(value)
                if isinstance(key, (str, tuple)) and key not in strings:
                    strings.append(key)
    sst = struct.pack("<II", len(strings), len(strings))
    for key in strings:
        if isinstance(key, str):
            sst += struct.pack("<HB", len(key), 1) + key.encode("utf-16-le")
        else:  # rich text: the runs' text, then where each run starts and its font
            text = "".join(t for t, _ in key)
            sst += struct.pack("<HBH", len(text), 0x09, len(key)) + text.encode("utf-16-le")
            start = 0
            for run_text, font in key:
                sst += struct.pack("<HH", start, font)
                start += len(run_text)
    tail = biff(0x00FC, sst) + biff(0x000A)
    index_size = sum(len(biff(0x0085, b"\0" * 6 + biff_short_string(n))) for n in sheets)
    offset = len(workbook) + index_size + len(tail)
    index, bodies = b"", b""
    for name, rows in sheets.items():
        index += biff(0x0085, struct.pack("<IBB", offset + len(bodies), 0, 0)
                      + biff_short_string(name))
        width = max((len(r) for r in rows), default=0)
        sheet = bof(0x0010) + biff(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                font = value[1] if isinstance(value, tuple) else 0
                key = string_of(value)
                if isinstance(key, (str, tuple)):
                    sheet += biff(0x00FD, struct.pack("<HHHI", r, c, 1 + font, strings.index(key)))
                elif key is not None:
                    sheet += biff(0x0203, struct.pack("<HHHd", r, c, 1 + font, key))
        bodies += sheet + biff(0x000A)
    return make_ole({"Workbook": workbook + index + tail + bodies})


def test_an_xls_workbook_every_sheet_its_cells_between_tabs():
    data = make_xls({
        nfd("Kế hoạch"): [[nfd("Số ký hiệu"), nfd("Trích yếu"), "Năm"],
                           ["45/KH-UBND", nfd("Kế hoạch chuyển đổi số"), 2024],
                           [1205.0, None, 3.5],
                           [None, None, None]],
        "Sheet2": [["ghi chú"]],
        "Trống": [],
    })
    result = extract(data, "phu-luc.xls")
    assert (result.status, result.kind, result.reason) == (OK, "xls", None)
    assert result.text.split("\n") == [
        "Kế hoạch",
        "Số ký hiệu\tTrích yếu\tNăm",
        "45/KH-UBND\tKế hoạch chuyển đổi số\t2024",
        "1205\t\t3.5",
        "Sheet2",
        "ghi chú",
    ]
    assert unicodedata.is_normalized("NFC", result.text)


def test_xls_cells_and_runs_in_legacy_fonts_are_converted():
    data = make_xls({"Sheet1": [[("UBND tØnh NghÖ An", 1), ("Theo baùo caùo", 2)],
                                [[("Gửi ", 0), ("UBND tØnh", 1), (" và ", 0),
                                  ("Theo baùo caùo", 2)]]]},
                    fonts=("Times New Roman", ".VnTime", "VNI-Times"))
    result = extract(data, "bieu.xls")
    assert result.status == OK
    assert result.text.split("\n") == ["Sheet1", "UBND tỉnh Nghệ An\tTheo báo cáo",
                                       "Gửi UBND tỉnh và Theo báo cáo"]


def test_an_encrypted_xls_is_named_so():
    result = extract(make_xls({"Sheet1": [["bí mật"]]}, encrypted=True), "mat.xls")
    assert (result.status, result.kind) == (ENCRYPTED, "xls")
    assert "password" in result.reason


def test_a_workbook_is_cut_at_the_cell_limit_and_said_so():
    rows = [[f"r{r}c{c}" for c in range(2)] for r in range(10)]
    data = make_xls({"A": rows, "B": rows, "C": rows, "D": rows})
    result = extract(data, max_cells=25)
    assert result.status == OK
    lines = result.text.split("\n")
    assert lines[-3:] == ["B", "r0c0\tr0c1", "r1c0\tr1c1"]
    assert result.reason == ("only the first 25 cells were read: sheet 'B' stops before its "
                             "row 3, and the 2 sheets after it were left out")


def test_a_word_97_document_is_kept_as_unsupported_with_its_reason():
    data = make_ole({"WordDocument": b"\xec\xa5\xc1\x00" + b"\0" * 60, "1Table": b""})
    result = extract(data, "qd-1205.doc")
    assert (result.status, result.kind, result.text) == (UNSUPPORTED, "doc", None)
    assert result.reason == NOT_READ["doc"]
    assert result.reason.startswith("Word 97-2003 .doc files are kept but their text is not read")


def test_word_and_excel_are_told_apart_in_their_common_container():
    word = make_ole({"\x05SummaryInformation": b"", "1Table": b"", "WordDocument": b""})
    excel = make_xls({"Sheet1": [["x"]]})
    excel5 = make_ole({"Book": b""})
    assert sniff(word) == "doc" and sniff(excel) == "xls" and sniff(excel5) == "xls"
    # The bytes win over a link's extension ...
    assert sniff(word, "bang-tinh.xls") == "doc" and sniff(excel, "van-ban.doc") == "xls"
    assert sniff(make_ole({"PowerPoint Document": b""}), "x.doc") == "ppt"
    # ... which is what is left when the container's directory cannot be read.
    header_only = word[:512]
    assert sniff(header_only, "bang.XLS") == "xls" and sniff(header_only, "qd.doc") == "doc"
    assert sniff(header_only) == "ole"
    result = extract(header_only)
    assert (result.status, result.kind) == (UNSUPPORTED, "ole")


# --- XLSX ----------------------------------------------------------------------------------

def make_xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook written by openpyxl; a cell given as (value, font name) is set in that font."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                font = None
                if isinstance(value, tuple):
                    value, font = value
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                if font:
                    cell.font = Font(name=font)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_workbook_every_sheet_in_nfc_with_legacy_font_cells():
    data = make_xlsx({
        nfd("Danh mục"): [[nfd("Số ký hiệu"), nfd("Ngày ban hành"), nfd("Trích yếu")],
                          ["45/KH-UBND", datetime.date(2024, 5, 1), nfd("Kế hoạch chuyển đổi số")],
                          [1205, None, ("UBND tØnh NghÖ An", ".VnTime")],
                          [3.5, True, ("Theo baùo caùo", "VNI-Times")]],
        "Sheet2": [[None, None], [None, "ghi chú"]],
    })
    result = extract(data, "danh-muc.xlsx")
    assert (result.status, result.kind, result.reason) == (OK, "xlsx", None)
    assert result.text.split("\n") == [
        "Danh mục",
        "Số ký hiệu\tNgày ban hành\tTrích yếu",
        "45/KH-UBND\t2024-05-01\tKế hoạch chuyển đổi số",
        "1205\t\tUBND tỉnh Nghệ An",
        "3.5\tTRUE\tTheo báo cáo",
        "Sheet2",
        "\tghi chú",
    ]
    assert unicodedata.is_normalized("NFC", result.text)


def test_an_xlsx_is_cut_at_the_cell_limit_and_said_so():
    rows = [[f"r{r}c{c}" for c in range(2)] for r in range(10)]
    result = extract(make_xlsx({"A": rows, "B": rows}), max_cells=25)
    assert result.status == OK
    assert result.text.split("\n")[-3:] == ["B", "r0c0\tr0c1", "r1c0\tr1c1"]
    assert result.reason == "only the first 25 cells were read: sheet 'B' stops before its row 3"


def test_an_xlsx_zip_bomb_is_never_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as member:
            zeros = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(zeros)
    result = extract(out.getvalue(), "bomb.xlsx")
    assert (result.status, result.kind) == (TOO_LARGE, "xlsx")
    assert "zip bomb" in result.reason


def test_a_truncated_xlsx_fails_with_a_reason_rather_than_passing_for_a_zip():
    data = make_xlsx({"Sheet1": [["Kế hoạch"]] * 50})
    result = extract(data[: len(data) // 2], "kh.xlsx")
    assert (result.status, result.kind) == (FAILED, "xlsx")
    assert result.reason.startswith("the file is not a whole ZIP container")


# --- ODT -----------------------------------------------------------------------------------

ODF_NAMESPACES = " ".join(f'xmlns:{p}="urn:oasis:names:tc:opendocument:xmlns:{u}"' for p, u in [
    ("office", "office:1.0"), ("style", "style:1.0"), ("text", "text:1.0"),
    ("table", "table:1.0"), ("draw", "drawing:1.0"), ("fo", "xsl-fo-compatible:1.0"),
    ("svg", "svg-compatible:1.0")]) + ' xmlns:dc="http://purl.org/dc/elements/1.1/"'


def make_odt(body: str, styles: str = "", *, common_styles: str = "", encrypted=False,
             mimetype="application/vnd.oasis.opendocument.text") -> bytes:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NAMESPACES}'
               f' office:version="1.3">{styles}<office:body><office:text>{body}</office:text>'
               "</office:body></office:document-content>")
    styles_xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles '
                  f'{ODF_NAMESPACES}>{common_styles}</office:document-styles>')
    entry = ('<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>' if encrypted else "")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                f'manifest:full-path="content.xml" manifest:media-type="text/xml">{entry}'
                "</manifest:file-entry></manifest:manifest>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content.encode("utf-8"))
        z.writestr("styles.xml", styles_xml.encode("utf-8"))
    return out.getvalue()


def test_an_odt_its_headings_paragraphs_notes_and_table_cells_in_nfc():
    styles = ('<office:font-face-decls><style:font-face style:name="VnTime" '
              "svg:font-family=\"'.VnTime'\"/></office:font-face-decls>"
              '<office:automatic-styles><style:style style:name="T1" style:family="text">'
              '<style:text-properties style:font-name="VnTime"/></style:style>'
              '<style:style style:name="P1" style:family="paragraph" '
              'style:parent-style-name="Legacy"/></office:automatic-styles>')
    # A common paragraph style in styles.xml, its font set through its parent.
    common = ('<office:styles><style:style style:name="VNI" style:family="paragraph">'
              '<style:text-properties fo:font-family="VNI-Times"/></style:style>'
              '<style:style style:name="Legacy" style:family="paragraph" '
              'style:parent-style-name="VNI"/></office:styles>')
    # The Unicode text decomposed, as some editors store it; the legacy runs as they are
    # stored, 8-bit characters.
    body = (nfd(
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>Đoạn đã xoá</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">Kế hoạch chuyển đổi số</text:h>'
        "<text:p>Quyết định số<text:s/>1205/QĐ-UBND<text:note><text:note-citation>1"
        "</text:note-citation><text:note-body><text:p>Ghi chú cuối trang</text:p></text:note-body>"
        "</text:note> về việc phê duyệt.</text:p>"
        "<text:p>Gửi ") + '<text:span text:style-name="T1">UBND tØnh NghÖ An</text:span>'
        + nfd(" và các sở.</text:p>") + '<text:p text:style-name="P1">Theo baùo caùo</text:p>'
        + nfd(
        "<text:list><text:list-item><text:p>Mục một</text:p></text:list-item></text:list>"
        "<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Số ký "
        "hiệu</text:p></table:table-cell><table:table-cell><text:p>Trích yếu</text:p>"
        "</table:table-cell></table:table-row></table:table-header-rows><table:table-row>"
        '<table:table-cell table:number-columns-spanned="2"><text:p>45/KH-UBND</text:p>'
        "</table:table-cell><table:covered-table-cell><text:p>45/KH-UBND</text:p>"
        "</table:covered-table-cell><table:table-cell><text:p>Kế hoạch</text:p><text:p>chuyển "
        "đổi số</text:p></table:table-cell></table:table-row></table:table>"
        "<text:p>Nội dung<office:annotation><dc:creator>Ai đó</dc:creator><text:p>bình luận"
        "</text:p></office:annotation> chính</text:p>"))
    result = extract(make_odt(body, styles, common_styles=common), "kh.odt")
    assert (result.status, result.kind, result.reason) == (OK, "odt", None)
    assert result.text.split("\n") == [
        "Kế hoạch chuyển đổi số",
        "Quyết định số 1205/QĐ-UBND về việc phê duyệt.",
        "Ghi chú cuối trang",
        "Gửi UBND tỉnh Nghệ An và các sở.",
        "Theo báo cáo",
        "Mục một",
        "Số ký hiệu | Trích yếu",
        "45/KH-UBND | Kế hoạch chuyển đổi số",
        "Nội dung chính",
    ]
    assert unicodedata.is_normalized("NFC", result.text)


def test_an_odt_table_is_cut_at_the_cell_limit_and_the_text_after_it_kept():
    rows = "".join(f"<table:table-row><table:table-cell><text:p>a{r}</text:p></table:table-cell>"
                   f"<table:table-cell><text:p>b{r}</text:p></table:table-cell></table:table-row>"
                   for r in range(10))
    data = make_odt(f"<text:p>Mở đầu</text:p><table:table>{rows}</table:table>"
                    "<text:p>Kết thúc</text:p>")
    result = extract(data, max_cells=4)
    assert result.status == OK
    assert result.text.split("\n") == ["Mở đầu", "a0 | b0", "a1 | b1", "Kết thúc"]
    assert "only the first 4 table cells were read" in result.reason


def test_an_encrypted_odt_is_named_so():
    result = extract(make_odt("<text:p>bí mật</text:p>", encrypted=True))
    assert (result.status, result.kind) == (ENCRYPTED, "odt")
    assert "password" in result.reason


def test_an_odt_zip_bomb_is_never_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        with z.open("content.xml", "w") as member:
            spaces = b" " * (1 << 20)
            for _ in range(250):
                member.write(spaces)
    result = extract(out.getvalue())
    assert (result.status, result.kind) == (TOO_LARGE, "odt")


def test_opendocument_spreadsheets_are_told_from_text_and_not_read():
    data = make_odt("", mimetype="application/vnd.oasis.opendocument.spreadsheet")
    result = extract(data, "bang.odt")
    assert (result.status, result.kind) == (UNSUPPORTED, "ods")
    assert result.reason == "an ODS file: no text is read from it"


@pytest.mark.parametrize("make", [
    # Each file needs more memory than the limit leaves even when its reader's library
    # happens to be loaded already (lxml always is): a small file can be read within the
    # address space a process has reserved before the limit is set (malloc's arenas), so
    # the Excel 97 writer above, which makes only small files, has no case here; its
    # reader runs in the same limited child as these.
    lambda: make_xlsx({"Sheet1": [[f"ô {i}", i] for i in range(20_000)]}),
    lambda: make_odt("".join(f"<text:p>Trang {i}</text:p>" for i in range(50_000))),
], ids=["xlsx", "odt"])
def test_the_new_readers_run_under_the_memory_limit_too(make):
    result = extract(make(), memory_mb=1)
    assert result.status == FAILED and result.reason


def test_a_pass_over_the_archives_files_stops_at_its_time_budget(tmp_path):
    """Files left unread by a pass whose time is spent are read by the next one."""
    import hashlib

    from archive.files import read_archived, unread
    from archive.store import Archive
    from crawler.kernel.record import FileFetched, Snapshot

    archive = Archive(tmp_path / "a.db")
    pdfs = [make_pdf([f"Trang {i}"]) for i in range(3)]
    urls = [f"https://datafiles.nghean.gov.vn/{i}.pdf" for i in range(3)]
    archive.store_batch(
        snapshots=[Snapshot(url=u, request_url=u, method="GET", status=200, body=b,
                            fetched_at="2024-01-01T00:00:00+00:00") for u, b in zip(urls, pdfs)],
        files=[FileFetched(url=u, status=200, sha256=hashlib.sha256(b).hexdigest(),
                           content_type="application/pdf", bytes=len(b))
               for u, b in zip(urls, pdfs)])
    first = list(read_archived(archive, budget_seconds=1e-9))
    assert len(first) == 1 and len(unread(archive.db)) == 2
    rest = list(read_archived(archive))
    assert len(rest) == 2 and unread(archive.db) == []
    archive.close()
