"""Text from a Word document (DOCX, by python-docx): its paragraphs, then its tables a row a
line, runs typed in a TCVN3 or VNI font converted."""

from __future__ import annotations

import io

from .extracted import OK, Extracted, clean_lines, legacy_text, zip_problem


def read_docx(data: bytes, **_limits) -> Extracted:
    import docx

    problem = zip_problem(data, "docx")
    if problem:
        return problem
    document = docx.Document(io.BytesIO(data))
    lines = [_paragraph_text(p) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [clean_lines(_paragraph_text(p) for p in cell.paragraphs) for cell in row.cells]
            lines.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    cleaned = clean_lines(lines)
    if not cleaned:
        return Extracted(OK, text="", kind="docx", reason="the document holds no text")
    return Extracted(OK, text=cleaned, kind="docx")


def _paragraph_text(paragraph) -> str:
    """A paragraph's text, its runs typed in TCVN3 or VNI fonts converted."""
    runs = paragraph.runs
    if not runs:
        return paragraph.text
    return "".join(legacy_text(run.text, run.font.name) for run in runs)
