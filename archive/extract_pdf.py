"""Text from a PDF: its text layer, by pdfminer.six, to a cap on pages; a PDF with pages
but no text is a scan (``no_text_layer``: no OCR)."""

from __future__ import annotations

import io

from .extracted import ENCRYPTED, FAILED, MAX_PAGES, NO_TEXT_LAYER, OK, Extracted, clean_lines


def read_pdf(data: bytes, max_pages: int = MAX_PAGES, **_limits) -> Extracted:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage

    try:
        pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
        text = extract_text(io.BytesIO(data), maxpages=max_pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return Extracted(ENCRYPTED, kind="pdf", reason="the PDF is encrypted with a password")
    lines = text.replace("\x0c", "\n").splitlines()
    cleaned = clean_lines(lines)
    if not cleaned:
        if pages:
            return Extracted(NO_TEXT_LAYER, kind="pdf", pages=pages,
                             reason=f"its {pages} pages have no text layer (a scan?)")
        return Extracted(FAILED, kind="pdf", pages=0, reason="the PDF has no pages")
    reason = None
    if pages > max_pages:
        reason = f"only the first {max_pages} of its {pages} pages were read"
    return Extracted(OK, text=cleaned, kind="pdf", pages=pages, reason=reason)
