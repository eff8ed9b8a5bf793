"""Extraction speed: seconds per MB through ``archive.extract.extract`` (a forkserver child
under the time and memory limits) against the bare library on the same bytes, in process:
``pdfminer.high_level.extract_text`` for PDF, python-docx's paragraphs and tables for DOCX,
openpyxl's read-only rows for XLSX.

Files, generated here and the same on every run (a seeded generator):

* PDF, ~1 MB and ~10 MB: pages of Latin text in Helvetica, 60 lines a page, content streams
  uncompressed, each line a TJ array with a kerning number every few letters, as PDF
  producers write them (about 3.7 bytes of file per character of text);
* DOCX, ~1 MB: paragraphs of Vietnamese syllables (NFC), every tenth a table row;
* XLSX, ~1 MB: one sheet of text and number cells.

Times are medians of ``--rounds`` rounds (one by default: the 10 MB PDF takes about 35 s a
read).  ``extract`` runs with the time limit raised so that every file is read to its end;
a file that needs more than the default limit (``TIMEOUT_SECONDS``) is flagged.  The child's
peak RSS is its ``VmHWM``, sampled from /proc while it runs: the children of a forkserver
are the forkserver's, not ours, so ``getrusage(RUSAGE_CHILDREN)`` never sees them.

    .venv/bin/python bench/bench_extract.py [--rounds 1] [--quick]

``--quick`` leaves out the 10 MB PDF (a run of about 25 s instead of about 100 s).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive import extract as extract_module  # noqa: E402

MB = 1024 * 1024
LATIN_WORDS = ("ke hoach quyet dinh uy ban nhan dan tinh nghe an so van ban thong bao chuyen "
               "doi phat trien kinh te xa hoi nam giao duc y te dau tu cong trinh du an").split()


# --- files ---------------------------------------------------------------------------------

def make_pdf(target_bytes: int, seed: int = 1) -> bytes:
    """A multi-page text PDF of about ``target_bytes``."""
    rng = random.Random(seed)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               "/Encoding /WinAnsiEncoding >>"]
    kids, size = [], 0
    while size < target_bytes:
        lines = []
        for _ in range(60):
            parts = []
            for _ in range(14):
                word = rng.choice(LATIN_WORDS)
                pieces = [word[i:i + 3] for i in range(0, len(word), 3)]
                kerned = " ".join(f"({p}) {rng.randint(-30, 30)}" for p in pieces[:-1])
                parts.append(f"{kerned} ({pieces[-1]}) -{rng.randint(250, 290)}".strip())
            lines.append(f"[{' '.join(parts)}] TJ 0 -12 Td")
        stream = "BT /F1 10 Tf 40 760 Td\n" + "\n".join(lines) + "\nET"
        page = len(objects) + 1
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       f"<< /Font << /F1 3 0 R >> >> /Contents {page + 1} 0 R >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        kids.append(page)
        size += len(stream) + 200
    objects[1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                  f"/Count {len(kids)} >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def vietnamese_syllables() -> list[str]:
    import unicodedata

    initials = ["", "b", "c", "ch", "d", "đ", "g", "h", "k", "kh", "l", "m", "n", "ng", "nh",
                "ph", "qu", "s", "t", "th", "tr", "v", "x"]
    rhymes = ["a", "ai", "an", "ang", "anh", "ao", "ăn", "âm", "ân", "e", "en", "ê", "ên", "i",
              "inh", "o", "oa", "oan", "ô", "ông", "ơ", "ơn", "u", "uy", "ư", "ương", "iêt"]
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    out = []
    for initial in initials:
        for rhyme in rhymes:
            for tone in tones:
                # The tone on the rhyme's first vowel: not always the spelling rule, but
                # letters of the same kind, which is what the reader sees.
                out.append(unicodedata.normalize("NFC", initial + rhyme[0] + tone + rhyme[1:]))
    return out


def make_docx(target_bytes: int, seed: int = 2) -> bytes:
    """A DOCX of about ``target_bytes``: python-docx's blank document with a generated body."""
    from xml.sax.saxutils import escape

    import docx

    rng = random.Random(seed)
    syllables = vietnamese_syllables()
    template = io.BytesIO()
    docx.Document().save(template)
    with zipfile.ZipFile(template) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    head, _, _ = parts["word/document.xml"].decode("utf-8").partition("<w:body>")

    def sentence(n):
        return escape(" ".join(rng.choice(syllables) for _ in range(n)))

    def build(paragraphs: int) -> bytes:
        body = []
        for i in range(paragraphs):
            if i % 10 == 9:
                cells = "".join(f'<w:tc><w:p><w:r><w:t xml:space="preserve">{sentence(6)}'
                                "</w:t></w:r></w:p></w:tc>" for _ in range(3))
                body.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
            else:
                body.append(f'<w:p><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" '
                            f'w:hAnsi="Times New Roman"/></w:rPr><w:t xml:space="preserve">'
                            f"{sentence(30)}</w:t></w:r><w:r><w:t xml:space=\"preserve\"> "
                            f"{sentence(10)}</w:t></w:r></w:p>")
        document = f"{head}<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>"
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, document.encode("utf-8") if name == "word/document.xml"
                           else data)
        return out.getvalue()

    paragraphs = 1000
    for _ in range(2):  # small documents pack better: a second guess from the first
        rng.seed(seed)
        paragraphs = max(1, round(paragraphs * target_bytes / len(build(paragraphs))))
    rng.seed(seed)
    return build(paragraphs)


def make_xlsx(target_bytes: int, seed: int = 3) -> bytes:
    import openpyxl

    rng = random.Random(seed)
    syllables = vietnamese_syllables()

    def build(rows: int) -> bytes:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Danh mục")
        for r in range(rows):
            sheet.append([r + 1, f"{rng.randint(1, 9999)}/QĐ-UBND",
                          " ".join(rng.choice(syllables) for _ in range(12)),
                          rng.randint(0, 10**9) / 100, " ".join(rng.choice(syllables)
                                                                for _ in range(4))])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    rows = 2000
    for _ in range(2):  # small workbooks pack better: a second guess from the first
        rng.seed(seed)
        rows = max(1, round(rows * target_bytes / len(build(rows))))
    rng.seed(seed)
    return build(rows)


# --- the bare libraries --------------------------------------------------------------------

def bare_pdf(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def bare_docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def bare_xlsx(data: bytes) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return "\n".join("\t".join("" if v is None else str(v) for v in row)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    finally:
        book.close()


# --- the child's memory --------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out.extend(int(p) for p in fh.read().split())
    except OSError:
        pass
    return out


def _peak_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


class ChildPeak:
    """The largest ``VmHWM`` of our grandchildren (the forkserver's children: the readers)
    while the block runs, sampled every 5 ms; None where /proc does not tell."""

    def __init__(self) -> None:
        self.peak_kib: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChildPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            for child in _children(me):
                for grandchild in _children(child):
                    kib = _peak_kib(grandchild)
                    if kib is not None and (self.peak_kib is None or kib > self.peak_kib):
                        self.peak_kib = kib
            self._stop.wait(0.005)


# --- measuring ------------------------------------------------------------------------------

def timed(fn, rounds: int):
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="leave out the 10 MB PDF")
    args = parser.parse_args()

    start = time.perf_counter()
    cases = [("PDF ~1 MB", make_pdf(1 * MB), bare_pdf, "pdfminer extract_text")]
    if not args.quick:
        cases.append(("PDF ~10 MB", make_pdf(10 * MB), bare_pdf, "pdfminer extract_text"))
    cases.append(("DOCX ~1 MB", make_docx(1 * MB), bare_docx, "python-docx"))
    cases.append(("XLSX ~1 MB", make_xlsx(1 * MB), bare_xlsx, "openpyxl read-only"))
    tiny = [("PDF", make_pdf(1), bare_pdf), ("DOCX", make_docx(20_000), bare_docx),
            ("XLSX", make_xlsx(20_000), bare_xlsx)]
    print(f"files generated in {time.perf_counter() - start:.1f} s; median of {args.rounds} "
          f"round(s); extract() with a {extract_module.MEMORY_MB} MB memory limit")

    # The forkserver starts once, at the first extraction: not part of any file's time.
    extract_module.extract(make_pdf(1000))

    header = (f"{'file':<11} {'MB':>6}  {'reader':<22} {'s':>7} {'MB/s':>6} {'s/MB':>6} "
              f"{'ours/bare':>9} {'child peak RSS':>14}  status")
    print(header)
    print("-" * len(header))
    notes = []
    for label, data, bare, bare_name in cases:
        size = len(data) / MB
        bare_s, bare_text = timed(lambda d=data, b=bare: b(d), args.rounds)
        with ChildPeak() as peak:
            ours_s, result = timed(lambda d=data: extract_module.extract(d, timeout=3600),
                                   args.rounds)
        rss = f"{peak.peak_kib / 1024:.0f} MB" if peak.peak_kib else "n/a"
        print(f"{label:<11} {size:>6.2f}  {bare_name:<22} {bare_s:>7.2f} {size / bare_s:>6.2f} "
              f"{bare_s / size:>6.2f} {'':>9} {'(in process)':>14}  {len(bare_text):,} chars")
        status = result.status + (f" ({result.reason})" if result.reason else "")
        print(f"{'':<11} {'':>6}  {'extract() in a child':<22} {ours_s:>7.2f} "
              f"{size / ours_s:>6.2f} {ours_s / size:>6.2f} {ours_s / bare_s:>8.2f}x "
              f"{rss:>14}  {status}, {len(result.text or ''):,} chars")
        if ours_s > extract_module.TIMEOUT_SECONDS:
            notes.append(f"{label} needs {ours_s:.0f} s: over the default time limit of "
                         f"{extract_module.TIMEOUT_SECONDS:g} s, it would end as a timeout")
    # What every file pays whatever its size: a fresh child, its imports, the bytes sent.
    fixed = []
    for label, data, bare in tiny:
        ours_s, _ = timed(lambda d=data: extract_module.extract(d), 3)
        bare_s, _ = timed(lambda d=data, b=bare: b(d), 3)
        fixed.append(f"{label} of {len(data) / 1024:.0f} KB {ours_s:.2f} s (bare {bare_s:.3f} s)")
    print(f"a small file, median of 3: {'; '.join(fixed)}")
    for note in notes:
        print(f"note: {note}")
    print(f"whole run: {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
