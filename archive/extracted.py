"""What reading an archived file gives, and what every reader of ``archive.extract``
shares: the result (``Extracted``) and its statuses, the limits on pages, cells and
unpacked bytes, text cleaned as the articles' text is, runs typed in TCVN3 or VNI fonts
converted to Unicode, and the check a ZIP container (DOCX, XLSX, ODT) passes before it is
unpacked."""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass

from crawler.kernel.fonts import font_encoding, tcvn3_to_unicode, vni_to_unicode
from crawler.kernel.text import clean_text

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


def clean_lines(lines) -> str:
    return "\n".join(t for t in (clean_text(x) for x in lines) if t)


def zip_problem(data: bytes, kind: str) -> Extracted | None:
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


def legacy_text(text: str, font: str | None) -> str:
    """Text set in a named font, converted when the font is a TCVN3 or VNI one (raw text,
    before ``clean_text``, which drops U+00AD, TCVN3's "ư")."""
    encoding = _font_encoding(font) if text and font else None
    if encoding == "vni":
        return vni_to_unicode(text)
    if encoding in ("tcvn3", "tcvn3_upper"):
        return tcvn3_to_unicode(text, upper=encoding == "tcvn3_upper")
    return text
