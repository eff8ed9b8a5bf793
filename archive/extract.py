"""Text from archived files: the decisions, plans and reports attached to articles.

PDF (its text layer, by pdfminer.six) and DOCX (by python-docx) are read; a PDF that has
pages but no text is a scan, marked ``no_text_layer`` (no OCR).  The text is cleaned as
the articles' text is: Vietnamese NFC, control characters out, and runs typed in a TCVN3
or VNI font (old Word files keep ``.VnTime``) converted to Unicode.

Files come from sites nobody vouches for, so every extraction runs in a child process
with a time limit and a memory limit (``RLIMIT_AS``), and ZIP containers are checked for
what they would unpack to before anything is unpacked: a truncated, encrypted, bombed or
endless file ends as a status with a one-sentence reason, and never stalls or crashes
the run that asked.
"""

from __future__ import annotations

import io
import multiprocessing
import zipfile
from dataclasses import dataclass

from crawler.parsers.legacy import font_encoding, tcvn3_to_unicode, vni_to_unicode
from crawler.parsers.text import clean_text

# Limits per file (the crawl's settings may pass others).
TIMEOUT_SECONDS = 30.0
MEMORY_MB = 512
MAX_PAGES = 2000  # of a PDF; the rest is left out, and said so
MAX_UNZIPPED = 200 * 1024 * 1024  # what a DOCX may unpack to
MAX_RATIO = 200  # unpacked / packed, past which a ZIP member is a bomb

OK = "ok"
NO_TEXT_LAYER = "no_text_layer"
ENCRYPTED = "encrypted"
UNSUPPORTED = "unsupported"
FAILED = "failed"
TIMEOUT = "timeout"
TOO_LARGE = "too_large"


@dataclass
class Extracted:
    """What a file gave: ``status`` (one of the constants above), its text (None when
    nothing could be read), why not or what was left out (one sentence), and its
    kind ("pdf", "docx", ...)."""

    status: str
    text: str | None = None
    reason: str | None = None
    kind: str | None = None
    pages: int | None = None


def sniff(data: bytes, name: str | None = None) -> str | None:
    """The file's kind from its first bytes (a server's Content-Type and a link's
    extension lie too often to go by)."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            return "odt"
        return "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"  # the OLE container of Word 97-2003 (and old Excel)
    lowered = (name or "").lower()
    for ext in ("pdf", "docx", "doc", "xlsx", "xls", "odt"):
        if lowered.endswith("." + ext):
            return ext
    return None


def extract(data: bytes, name: str | None = None, *, timeout: float = TIMEOUT_SECONDS,
            memory_mb: int = MEMORY_MB, max_pages: int = MAX_PAGES) -> Extracted:
    """The text of one file, read in a child process under the limits."""
    kind = sniff(data, name)
    if kind not in READERS:
        what = f"a {kind.upper()} file" if kind else "a file of unknown kind"
        return Extracted(UNSUPPORTED, reason=f"{what}: no text is read from it", kind=kind)
    # forkserver: a clean child each time (fork would copy a crawler's threads and locks).
    context = multiprocessing.get_context("forkserver")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, data, kind, memory_mb, max_pages),
                              daemon=True)
    process.start()
    child.close()
    try:
        if parent.poll(timeout):
            try:
                return parent.recv()
            except EOFError:
                pass  # the child died before answering: the memory limit, or a crash
        else:
            return Extracted(TIMEOUT, kind=kind,
                             reason=f"reading it took longer than {timeout:g} seconds")
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
    return Extracted(FAILED, kind=kind,
                     reason=f"the reader stopped without an answer (over {memory_mb} MB of "
                            "memory, or a crash)")


def _child(conn, data: bytes, kind: str, memory_mb: int, max_pages: int) -> None:
    import resource

    # On top of what the forked child already maps (the parent's libraries), not in all:
    # a crawler process maps hundreds of MB before reading any file.
    limit = _mapped_bytes() + memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    try:
        result = READERS[kind](data, max_pages)
    except MemoryError:
        result = Extracted(FAILED, kind=kind, reason=f"reading it needed over {memory_mb} MB")
    except Exception as exc:  # noqa: BLE001 - a hostile file may raise anything
        result = Extracted(FAILED, kind=kind, reason=_failure(kind, exc))
    conn.send(result)
    conn.close()


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _failure(kind: str, exc: BaseException) -> str:
    text = str(exc).strip().rstrip(".") or type(exc).__name__
    return f"the {kind.upper()} cannot be read ({type(exc).__name__}: {text[:200]})"


def _clean(lines) -> str:
    return "\n".join(t for t in (clean_text(x) for x in lines) if t)


def read_pdf(data: bytes, max_pages: int = MAX_PAGES) -> Extracted:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage

    try:
        pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
        text = extract_text(io.BytesIO(data), maxpages=max_pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return Extracted(ENCRYPTED, kind="pdf", reason="the PDF is encrypted with a password")
    lines = text.replace("\x0c", "\n").splitlines()
    cleaned = _clean(lines)
    if not cleaned:
        if pages:
            return Extracted(NO_TEXT_LAYER, kind="pdf", pages=pages,
                             reason=f"its {pages} pages have no text layer (a scan?)")
        return Extracted(FAILED, kind="pdf", pages=0, reason="the PDF has no pages")
    reason = None
    if pages > max_pages:
        reason = f"only the first {max_pages} of its {pages} pages were read"
    return Extracted(OK, text=cleaned, kind="pdf", pages=pages, reason=reason)


def _zip_problem(data: bytes) -> str | None:
    """Why a ZIP container must not be unpacked (a bomb), or None."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile as exc:
        return f"the file is not a whole ZIP container ({exc})"
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        return (f"it would unpack to {total // (1024 * 1024)} MB, over the "
                f"{MAX_UNZIPPED // (1024 * 1024)} MB allowed (a zip bomb?)")
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            return (f"{info.filename} would unpack {info.file_size // info.compress_size} times "
                    "its size (a zip bomb?)")
    return None


def read_docx(data: bytes, max_pages: int = MAX_PAGES) -> Extracted:
    import docx

    problem = _zip_problem(data)
    if problem:
        return Extracted(TOO_LARGE, kind="docx", reason=problem)
    document = docx.Document(io.BytesIO(data))
    lines = [_paragraph_text(p) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [_clean(_paragraph_text(p) for p in cell.paragraphs) for cell in row.cells]
            lines.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    cleaned = _clean(lines)
    if not cleaned:
        return Extracted(OK, text="", kind="docx", reason="the document holds no text")
    return Extracted(OK, text=cleaned, kind="docx")


def _paragraph_text(paragraph) -> str:
    """A paragraph's text, its runs typed in TCVN3 or VNI fonts converted."""
    parts = []
    for run in paragraph.runs:
        text = run.text
        encoding = font_encoding(run.font.name or "") if text else None
        if encoding == "vni":
            text = vni_to_unicode(text)
        elif encoding in ("tcvn3", "tcvn3_upper"):
            text = tcvn3_to_unicode(text, upper=encoding == "tcvn3_upper")
        parts.append(text)
    return "".join(parts) if paragraph.runs else paragraph.text


READERS = {"pdf": read_pdf, "docx": read_docx}
