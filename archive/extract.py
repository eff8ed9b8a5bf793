"""Text from archived files: the decisions, plans and reports attached to articles.

Read: PDF (its text layer, by pdfminer.six), DOCX (python-docx), XLSX (openpyxl), XLS
(xlrd) and ODT (its ``content.xml``, by lxml).  A PDF that has pages but no text is a scan,
marked ``no_text_layer`` (no OCR).  Word 97-2003 ``.doc`` files are told apart from old
Excel ``.xls`` files inside their common OLE container and kept, but their text is not
read (``unsupported``): no maintained library reads them.  The text is cleaned as the
articles' text is: Vietnamese NFC, control characters out, and runs typed in a TCVN3 or
VNI font (old Word and Excel files keep ``.VnTime``) converted to Unicode, wherever the
format names the font of a run or a cell (DOCX runs, XLS and XLSX cells, ODT styles).

Files come from sites nobody vouches for, so every extraction runs in a child process
with a time limit and a memory limit (``RLIMIT_AS``), ZIP containers are checked for what
they would unpack to before anything is unpacked, and spreadsheets are read to a cap on
cells: a truncated, encrypted, bombed or endless file ends as a status with a one-sentence
reason, and never stalls or crashes the run that asked.
"""

from __future__ import annotations

import datetime
import functools
import io
import multiprocessing
import struct
import zipfile
from dataclasses import dataclass

from crawler.kernel.fonts import font_encoding, tcvn3_to_unicode, vni_to_unicode
from crawler.kernel.text import clean_text

# Limits per file (the crawl's settings may pass others).
TIMEOUT_SECONDS = 30.0
MEMORY_MB = 512
MAX_PAGES = 2000  # of a PDF; the rest is left out, and said so
MAX_CELLS = 1_000_000  # of a workbook (or an ODT's tables); the rest is left out, and said so
MAX_UNZIPPED = 200 * 1024 * 1024  # what a ZIP container (DOCX, XLSX, ODT) may unpack to
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
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = archive.namelist()
        except zipfile.BadZipFile:
            # Cut short (its directory is at the end): the link tells what it was meant to
            # be, and that kind's reader says what is wrong with it.
            lowered = (name or "").lower()
            for ext in ("docx", "xlsx", "odt"):
                if lowered.endswith("." + ext):
                    return ext
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            return _opendocument_kind(archive)
        return "zip"
    if data[:8] == _OLE_MAGIC:
        # Word 97-2003, Excel 97-2003 and PowerPoint files share this container: the name
        # of the stream at its root tells them apart; the link's extension when that fails.
        kind = _ole_kind(data)
        if kind:
            return kind
        lowered = (name or "").lower()
        for ext in ("doc", "xls", "ppt"):
            if lowered.endswith("." + ext):
                return ext
        return "ole"
    lowered = (name or "").lower()
    for ext in ("pdf", "docx", "doc", "xlsx", "xls", "odt"):
        if lowered.endswith("." + ext):
            return ext
    return None


def _opendocument_kind(archive: zipfile.ZipFile) -> str:
    """odt, ods, odp... from the ``mimetype`` member an OpenDocument file starts with."""
    try:
        info = archive.getinfo("mimetype")
        mimetype = ""
        if info.file_size < 200:
            mimetype = archive.read(info).decode("ascii", "replace").strip()
    except (KeyError, zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
        return "odt"  # no mimetype member: a content.xml is most likely a text document
    for suffix, kind in (("text", "odt"), ("spreadsheet", "ods"), ("presentation", "odp"),
                         ("graphics", "odg")):
        if mimetype.startswith("application/vnd.oasis.opendocument." + suffix):
            return kind
    return "odt" if not mimetype else "zip"


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream at the root of the container that makes each kind (Excel 5 called it "Book"),
# its name in lower case: the format compares names without case.
_OLE_STREAMS = {"worddocument": "doc", "workbook": "xls", "book": "xls",
                "powerpoint document": "ppt"}
_END_OF_CHAIN = 0xFFFFFFFA  # sector numbers from here on mark ends and free sectors


def _ole_kind(data: bytes) -> str | None:
    names = _ole_root_names(data)
    for stream, kind in _OLE_STREAMS.items():
        if stream in names:
            return kind
    return None


def _ole_root_names(data: bytes, max_sectors: int = 64) -> set[str]:
    """The names, in lower case, of the entries at the root of an OLE (compound file)
    container, read from its directory: the header gives the directory's first sector and
    the first 109 sectors of the allocation table, which chain the rest.  A damaged or
    truncated container gives what could be read, perhaps nothing; never more than
    ``max_sectors`` directory sectors are read."""
    if len(data) < 512:
        return set()
    shift = int.from_bytes(data[0x1E:0x20], "little")
    if shift not in (9, 12):  # 512- or 4096-byte sectors: the only two there are
        return set()
    size = 1 << shift
    per_fat_sector = size // 4
    fat_sectors = struct.unpack_from("<109I", data, 0x4C)

    def following(sector: int) -> int:
        index = sector // per_fat_sector
        if index >= len(fat_sectors) or fat_sectors[index] >= _END_OF_CHAIN:
            return _END_OF_CHAIN
        offset = (fat_sectors[index] + 1) * size + (sector % per_fat_sector) * 4
        if offset + 4 > len(data):
            return _END_OF_CHAIN
        return int.from_bytes(data[offset:offset + 4], "little")

    directory = bytearray()
    sector, seen = int.from_bytes(data[0x30:0x34], "little"), set()
    while sector < _END_OF_CHAIN and sector not in seen and len(seen) < max_sectors:
        seen.add(sector)
        chunk = data[(sector + 1) * size:(sector + 2) * size]
        if not chunk:
            break
        directory += chunk
        sector = following(sector)
    count = len(directory) // 128
    if not count:
        return set()
    # The root's children are a tree of siblings (left and right links) under its child link.
    names, pending, visited = set(), [struct.unpack_from("<I", directory, 0x4C)[0]], set()
    while pending:
        index = pending.pop()
        if index >= count or index in visited:
            continue
        visited.add(index)
        entry = directory[index * 128:(index + 1) * 128]
        length = min(int.from_bytes(entry[0x40:0x42], "little"), 64)
        names.add(bytes(entry[:length]).decode("utf-16-le", "replace").rstrip("\0").lower())
        left, right = struct.unpack_from("<2I", entry, 0x44)
        pending.extend((left, right))
    return names


# Kinds that are recognised and kept, but whose text is not read, and why.
NOT_READ = {
    # Word's binary format is documented, but the readers of it in Python are alpha-stage
    # one-author projects or wrappers of the antiword binary; none is maintained.
    "doc": "Word 97-2003 .doc files are kept but their text is not read: no maintained "
           "library reads them",
    "ole": "an OLE container holding neither a Word document nor an Excel workbook: no text "
           "is read from it",
}


def extract(data: bytes, name: str | None = None, *, timeout: float = TIMEOUT_SECONDS,
            memory_mb: int = MEMORY_MB, max_pages: int = MAX_PAGES,
            max_cells: int = MAX_CELLS) -> Extracted:
    """The text of one file, read in a child process under the limits."""
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


def _article(kind: str) -> str:
    """The article before a kind's letters read out: "an ODS file", "a ZIP file"."""
    return "an" if kind[:1].upper() in "AEFHILMNORSX" else "a"


def _child(conn, data: bytes, kind: str, memory_mb: int, max_pages: int,
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


def _clean(lines) -> str:
    return "\n".join(t for t in (clean_text(x) for x in lines) if t)


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


def _zip_problem(data: bytes, kind: str) -> Extracted | None:
    """Why a ZIP container must not be unpacked, or None: ``failed`` when it is no whole
    container, ``too_large`` when it is a bomb.

    The sizes are the ones the container declares; a member that unpacks to more than it
    declared is cut there by ``zipfile``, which then fails its checksum.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile as exc:
        return Extracted(FAILED, kind=kind,
                         reason=f"the file is not a whole ZIP container ({exc})")
    reason = None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        reason = (f"it would unpack to {total // (1024 * 1024)} MB, over the "
                  f"{MAX_UNZIPPED // (1024 * 1024)} MB allowed (a zip bomb?)")
    for info in infos:
        if reason:
            break
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            reason = (f"{info.filename} would unpack {info.file_size // info.compress_size} "
                      "times its size (a zip bomb?)")
    return Extracted(TOO_LARGE, kind=kind, reason=reason) if reason else None


_font_encoding = functools.lru_cache(maxsize=1024)(font_encoding)


def _legacy(text: str, font: str | None) -> str:
    """Text set in a named font, converted when the font is a TCVN3 or VNI one (raw text,
    before ``clean_text``, which drops U+00AD, TCVN3's "ư")."""
    encoding = _font_encoding(font) if text and font else None
    if encoding == "vni":
        return vni_to_unicode(text)
    if encoding in ("tcvn3", "tcvn3_upper"):
        return tcvn3_to_unicode(text, upper=encoding == "tcvn3_upper")
    return text


def read_docx(data: bytes, **_limits) -> Extracted:
    import docx

    problem = _zip_problem(data, "docx")
    if problem:
        return problem
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
    runs = paragraph.runs
    if not runs:
        return paragraph.text
    return "".join(_legacy(run.text, run.font.name) for run in runs)


# --- workbooks ---------------------------------------------------------------------------

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

    problem = _zip_problem(data, "xlsx")
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
                return _legacy(value, font)

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
            return _legacy(value, font)
        # Rich text: runs in other fonts, each from its character offset on.
        bounds = [(0, font)] + [(offset, _list_item(font_names, index))
                                for offset, index in runlist]
        ends = [start for start, _ in bounds[1:]] + [len(value)]
        return "".join(_legacy(value[start:end], run_font)
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


# --- OpenDocument --------------------------------------------------------------------------
#
# An ODT's text is its content.xml, read here with lxml rather than a library: odfpy, the
# library Python has long had for it, was last released in 2020, and odfdo (maintained)
# builds its whole document model for what is one walk of one XML tree.

_ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}


def _odf(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_ODF[prefix]}}}{local}"


_P, _H, _SPAN, _S = _odf("text:p"), _odf("text:h"), _odf("text:span"), _odf("text:s")
_TAB, _BREAK, _NOTE = _odf("text:tab"), _odf("text:line-break"), _odf("text:note")
_NOTE_BODY, _FRAME = _odf("text:note-body"), _odf("draw:frame")
_TABLE, _ROW, _CELL = _odf("table:table"), _odf("table:table-row"), _odf("table:table-cell")
_STYLE_NAME = _odf("text:style-name")
# Not the document's text: comments, the record of deleted changes, a note's number.
_SKIPPED = {_odf("office:annotation"), _odf("office:annotation-end"),
            _odf("text:tracked-changes"), _odf("text:note-citation"),
            _odf("table:covered-table-cell")}


class _OdfFonts:
    """The font of each paragraph and text style, through the styles' parents, from
    styles.xml and content.xml (a style's font is a font-face name, or a family)."""

    def __init__(self, roots):
        faces: dict[str, str] = {}
        self.styles: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self.defaults: dict[str, str | None] = {}
        for root in roots:
            for face in root.iter(_odf("style:font-face")):
                name = face.get(_odf("style:name"))
                if name:
                    faces[name] = face.get(_odf("svg:font-family")) or name
        for root in roots:
            for element in root.iter(_odf("style:style"), _odf("style:default-style")):
                props = element.find(_odf("style:text-properties"))
                font = None
                if props is not None:
                    face = props.get(_odf("style:font-name"))
                    font = faces.get(face, face) if face else props.get(_odf("fo:font-family"))
                family = element.get(_odf("style:family")) or ""
                if element.tag == _odf("style:default-style"):
                    self.defaults[family] = font
                else:
                    self.styles[(family, element.get(_odf("style:name")) or "")] = (
                        element.get(_odf("style:parent-style-name")), font)
        self._cache: dict[tuple[str, str], str | None] = {}

    def font(self, family: str, name: str | None) -> str | None:
        """The font a style sets, its own or a parent's; None when none of them sets one."""
        if not name:
            return None
        key = (family, name)
        if key not in self._cache:
            font, seen = None, set()
            while name and (family, name) not in seen and len(seen) < 50:
                seen.add((family, name))
                parent, font = self.styles.get((family, name), (None, None))
                if font:
                    break
                name = parent
            self._cache[key] = font
        return self._cache[key]

    def paragraph(self, name: str | None) -> str | None:
        return self.font("paragraph", name) or self.defaults.get("paragraph")


class _OdtReader:
    def __init__(self, fonts: _OdfFonts, max_cells: int):
        self.fonts = fonts
        self.max_cells = max_cells
        self.cells = 0
        self.cut = False

    def blocks(self, element, out: list[str]) -> None:
        """Paragraphs, headings and tables anywhere under ``element`` (sections, lists,
        frames, tables of contents), a line each, in document order."""
        for child in element:
            tag = child.tag
            if tag in (_P, _H):
                self.paragraph(child, out)
            elif tag == _TABLE:
                self.table(child, out)
            elif tag not in _SKIPPED and isinstance(tag, str):
                self.blocks(child, out)

    def paragraph(self, element, out: list[str]) -> None:
        later: list = []  # notes and frames inside the paragraph: lines of their own after it
        font = self.fonts.paragraph(element.get(_STYLE_NAME))
        out.append(self.inline(element, font, later))
        for block in later:
            self.blocks(block, out)

    def inline(self, element, font: str | None, later: list) -> str:
        parts = [_legacy(element.text or "", font)]
        for child in element:
            tag = child.tag
            if tag == _SPAN:
                own = self.fonts.font("text", child.get(_STYLE_NAME))
                parts.append(self.inline(child, own or font, later))
            elif tag in (_S, _TAB, _BREAK):
                parts.append(" ")
            elif tag == _NOTE:
                later.extend(child.iter(_NOTE_BODY))
            elif tag == _FRAME:
                later.append(child)
            elif tag not in _SKIPPED and isinstance(tag, str):
                parts.append(self.inline(child, font, later))  # links, fields, metadata
            parts.append(_legacy(child.tail or "", font))
        return "".join(parts)

    def table(self, element, out: list[str]) -> None:
        for row in self.rows(element):
            cells = []
            for cell in row:
                if cell.tag != _CELL:
                    continue  # a covered (merged) cell, or no cell
                if self.cells >= self.max_cells:
                    self.cut = True
                    break
                self.cells += 1
                inside: list[str] = []
                self.blocks(cell, inside)
                cells.append(_clean(inside))
            out.append(" | ".join(dict.fromkeys(c for c in cells if c)))
            if self.cut:
                return

    def rows(self, element):
        """The table's rows, through header rows and row groups, but not a nested
        table's rows (those are read with their cell)."""
        for child in element:
            if child.tag == _ROW:
                yield child
            elif child.tag != _TABLE and isinstance(child.tag, str):
                yield from self.rows(child)


def read_odt(data: bytes, max_cells: int = MAX_CELLS, **_limits) -> Extracted:
    from lxml import etree

    problem = _zip_problem(data, "odt")
    if problem:
        return problem
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read(
            "META-INF/manifest.xml"):
        return Extracted(ENCRYPTED, kind="odt", reason="the document is encrypted with a password")
    # No DTDs, no entities, no network: a file's XML is data, nothing it points to is read.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    content = etree.fromstring(archive.read("content.xml"), parser)
    roots = [content]
    if "styles.xml" in names:
        try:
            roots.insert(0, etree.fromstring(archive.read("styles.xml"), parser))
        except etree.XMLSyntaxError:
            pass  # styles lost: the text is still there, in the default font
    reader = _OdtReader(_OdfFonts(roots), max_cells)
    lines: list[str] = []
    for body in content.iter(_odf("office:text")):
        reader.blocks(body, lines)
    cleaned = _clean(lines)
    reason = None
    if reader.cut:
        reason = (f"only the first {max_cells} table cells were read: the rest of that table "
                  "and the tables after it were left out")
    if not cleaned:
        return Extracted(OK, text="", kind="odt", reason=reason or "the document holds no text")
    return Extracted(OK, text=cleaned, kind="odt", reason=reason)


READERS = {"pdf": read_pdf, "docx": read_docx, "xlsx": read_xlsx, "xls": read_xls,
           "odt": read_odt}
