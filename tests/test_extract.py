"""Text from archived files, and hostile files that must end with a reason: each
extraction runs in a child process under a time and a memory limit."""

from __future__ import annotations

import io
import zipfile

import pytest

from archive.extract import (
    ENCRYPTED,
    FAILED,
    NO_TEXT_LAYER,
    OK,
    TIMEOUT,
    TOO_LARGE,
    UNSUPPORTED,
    extract,
    sniff,
)


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
    (b"%PDF-1.7 ...", "pdf"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "doc"),
    (b"<html>not a file</html>", None),
])
def test_files_are_told_by_their_bytes(data, kind):
    assert sniff(data) == kind


def test_a_kind_without_a_reader_is_said_to_be_unsupported():
    result = extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "qd.doc")
    assert result.status == UNSUPPORTED and "DOC" in result.reason
