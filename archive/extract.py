"""Text from archived files: the decisions, plans and reports attached to articles.

Read: PDF (its text layer, by pdfminer.six), DOCX (python-docx), XLSX (openpyxl), XLS
(xlrd) and ODT (its ``content.xml``, by lxml).  A PDF that has pages but no text is a scan,
marked ``no_text_layer`` (no OCR).  Word 97-2003 ``.doc`` files are told apart from old
Excel ``.xls`` files inside their common OLE container and kept, but their text is not
read (``unsupported``): no maintained library reads them.  The text is cleaned as the
articles' text is: Vietnamese NFC, control characters out, and runs typed in a TCVN3 or
VNI font (old Word and Excel files keep ``.VnTime``) converted to Unicode, wherever the
format names the font of a run or a cell (DOCX runs, XLS and XLSX cells, ODT styles).
Each kind has its reader (``archive.extract_pdf``, ``extract_docx``, ``extract_sheets``,
``extract_odt``), ``archive.extract_sniff`` tells the kind from the first bytes, and
``archive.extracted`` holds what they share; this module runs them.

Files come from sites nobody vouches for, so every extraction runs in a child process
with a time limit and a memory limit (``RLIMIT_AS``), ZIP containers are checked for what
they would unpack to before anything is unpacked, and spreadsheets are read to a cap on
cells: a truncated, encrypted, bombed or endless file ends as a status with a one-sentence
reason, and never stalls or crashes the run that asked.
"""

from __future__ import annotations

import multiprocessing
import time

from .extract_docx import read_docx
from .extract_odt import read_odt
from .extract_pdf import read_pdf
from .extract_sheets import read_xls, read_xlsx
from .extract_sniff import sniff
from .extracted import (
    ENCRYPTED,
    FAILED,
    MAX_CELLS,
    MAX_PAGES,
    NO_TEXT_LAYER,
    OK,
    TIMEOUT,
    TOO_LARGE,
    UNSUPPORTED,
    Extracted,
)

__all__ = ["ENCRYPTED", "FAILED", "NOT_READ", "NO_TEXT_LAYER", "OK", "TIMEOUT", "TOO_LARGE",
           "UNSUPPORTED", "Extracted", "ReadingStopped", "extract", "sniff"]

# Limits per file (the crawl's settings may pass others).
TIMEOUT_SECONDS = 30.0
MEMORY_MB = 512
# How often a reader's parent asks its ``stop`` whether to end the reading (seconds).
STOP_POLL_SECONDS = 0.05

# Kinds that are recognised and kept, but whose text is not read, and why.
NOT_READ = {
    # Word's binary format is documented, but the readers of it in Python are alpha-stage
    # one-author projects or wrappers of the antiword binary; none is maintained.
    "doc": "Word 97-2003 .doc files are kept but their text is not read: no maintained "
           "library reads them",
    "ole": "an OLE container holding neither a Word document nor an Excel workbook: no text "
           "is read from it",
}


class ReadingStopped(Exception):
    """``extract``'s ``stop`` said stop while the file was read: its child process was
    ended, and nothing is known of the file (it is read again another time)."""


def extract(data: bytes, name: str | None = None, *, timeout: float = TIMEOUT_SECONDS,
            memory_mb: int = MEMORY_MB, max_pages: int = MAX_PAGES,
            max_cells: int = MAX_CELLS, stop=None) -> Extracted:
    """The text of one file, read in a child process under the limits.  ``stop``, a
    callable asked while the child reads, ends it when true: ReadingStopped is raised."""
    kind = sniff(data, name)
    if kind in NOT_READ:
        return Extracted(UNSUPPORTED, reason=NOT_READ[kind], kind=kind)
    if kind not in READERS:
        what = f"{_article(kind)} {kind.upper()} file" if kind else "a file of unknown kind"
        return Extracted(UNSUPPORTED, reason=f"{what}: no text is read from it", kind=kind)
    # forkserver: a clean child each time (fork would copy a crawler's threads and locks).
    context = multiprocessing.get_context("forkserver")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child,
                              args=(child, data, kind, memory_mb, max_pages, max_cells),
                              daemon=True)
    process.start()
    child.close()
    try:
        if _answered(parent, timeout, stop):
            try:
                return parent.recv()
            except EOFError:  # the child died before answering: the memory limit, a
                if stop is not None and stop():  # crash, or the signal that stops us
                    raise ReadingStopped(name) from None
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


def _answered(parent, timeout: float, stop) -> bool:
    """Whether the child answered (or died) within ``timeout`` seconds; raises
    ReadingStopped as soon as ``stop()`` is true."""
    if stop is None:
        return parent.poll(timeout)
    deadline = time.monotonic() + timeout
    while not stop():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        if parent.poll(min(left, STOP_POLL_SECONDS)):
            return True
    raise ReadingStopped("reading stopped")


def _article(kind: str) -> str:
    """The article before a kind's letters read out: "an ODS file", "a ZIP file"."""
    return "an" if kind[:1].upper() in "AEFHILMNORSX" else "a"


def _child(conn, data: bytes, kind: str, memory_mb: int, max_pages: int,
           max_cells: int) -> None:
    try:
        _read_and_send(conn, data, kind, memory_mb, max_pages, max_cells)
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: end quietly, the
        pass  # parent (which got it too) leaves the file unread


def _read_and_send(conn, data: bytes, kind: str, memory_mb: int, max_pages: int,
                   max_cells: int) -> None:
    import resource

    # On top of what the forked child already maps (the parent's libraries), not in all:
    # a crawler process maps hundreds of MB before reading any file.
    limit = _mapped_bytes() + memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    try:
        result = READERS[kind](data, max_pages=max_pages, max_cells=max_cells)
    except MemoryError:
        result = Extracted(FAILED, kind=kind, reason=f"reading it needed over {memory_mb} MB")
    except Exception as exc:  # noqa: BLE001 - a hostile file may raise anything
        result = Extracted(FAILED, kind=kind, reason=_failure(kind, exc))
    try:
        conn.send(result)
    except MemoryError:  # no memory left to send the text: the parent says so
        pass
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


READERS = {"pdf": read_pdf, "docx": read_docx, "xlsx": read_xlsx, "xls": read_xls,
           "odt": read_odt}
