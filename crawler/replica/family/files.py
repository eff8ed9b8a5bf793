"""Small, valid, deterministic file bytes for the family's images and documents.

Every image or document a family page links is served by some host (the file hosts for
vnPortal's `datafiles`, the NukeViet and WordPress sites for their own `/uploads/`), and
its bytes are made here from its path alone: the same path always gives the same bytes,
and two paths give files of different colours. Nothing is read from disk.

- PNG: 8-bit RGB, one solid colour, zlib-compressed rows (`png_bytes`);
- JPEG: baseline, greyscale, one solid grey level, written by a tiny encoder that only
  ever has a DC coefficient to code (`jpeg_bytes`);
- PDF: one empty A4 page, a correct xref table (`pdf_bytes`);
- DOCX: the three parts Word needs, stored in a zip with fixed timestamps (`docx_bytes`).

`file_response(path)` picks by extension and answers None for anything else.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

from ..render import Response

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Content types by file extension (lower case, with the dot).
CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _seed(path: str) -> bytes:
    return hashlib.sha256(path.encode("utf-8")).digest()


# --- PNG ------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_bytes(path: str, width: int = 16, height: int = 12) -> bytes:
    """A solid-colour RGB PNG whose colour follows `path`."""
    rgb = _seed(path)[:3]
    row = b"\x00" + rgb * width  # filter type 0 (None), then the pixels
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(row * height, 9)
    return (
        PNG_SIGNATURE
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


# --- JPEG -----------------------------------------------------------------------------

# The DC table of JPEG Annex K (luminance): code lengths 1..16, then the categories.
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
_DC_VALS = tuple(range(12))
# An AC table of two 2-bit codes: EOB (0x00) is all a solid block ever needs.
_AC_BITS = (0, 2) + (0,) * 14
_AC_VALS = (0x00, 0x01)
_QUANT = 8  # every entry of the quantisation table: the DC coefficient becomes level-128


def _huffman_codes(bits: tuple[int, ...], vals: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    """Canonical Huffman codes (JPEG Annex C): symbol -> (code, length)."""
    codes: dict[int, tuple[int, int]] = {}
    code, k = 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class _BitWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self._acc = 0
        self._n = 0

    def write(self, value: int, length: int) -> None:
        for i in range(length - 1, -1, -1):
            self._acc = (self._acc << 1) | ((value >> i) & 1)
            self._n += 1
            if self._n == 8:
                self._emit(self._acc)
                self._acc, self._n = 0, 0

    def _emit(self, byte: int) -> None:
        self.out.append(byte)
        if byte == 0xFF:
            self.out.append(0x00)  # byte stuffing

    def flush(self) -> bytes:
        if self._n:
            pad = 8 - self._n
            self._emit((self._acc << pad) | ((1 << pad) - 1))  # pad with 1-bits
            self._acc, self._n = 0, 0
        return bytes(self.out)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg_bytes(path: str, width: int = 16, height: int = 16) -> bytes:
    """A baseline greyscale JPEG of one grey level (following `path`)."""
    level = 48 + _seed(path)[0] % 160
    dc_codes = _huffman_codes(_DC_BITS, _DC_VALS)
    ac_codes = _huffman_codes(_AC_BITS, _AC_VALS)
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits = _BitWriter()
    previous = 0
    for _ in range(blocks):
        diff = (level - 128) - previous
        previous = level - 128
        size = abs(diff).bit_length()
        bits.write(*dc_codes[size])
        if size:
            bits.write(diff if diff > 0 else diff + (1 << size) - 1, size)
        bits.write(*ac_codes[0x00])  # EOB: every AC coefficient is zero
    scan = bits.flush()
    app0 = b"JFIF\x00" + bytes([1, 1, 0]) + struct.pack(">HH", 1, 1) + b"\x00\x00"
    dqt = b"\x00" + bytes([_QUANT] * 64)
    sof0 = struct.pack(">BHHB", 8, height, width, 1) + bytes([1, 0x11, 0])
    dht_dc = b"\x00" + bytes(_DC_BITS) + bytes(_DC_VALS)
    dht_ac = b"\x10" + bytes(_AC_BITS) + bytes(_AC_VALS)
    sos = bytes([1, 1, 0x00, 0, 63, 0])
    return (
        b"\xff\xd8"
        + _segment(0xE0, app0)
        + _segment(0xDB, dqt)
        + _segment(0xC0, sof0)
        + _segment(0xC4, dht_dc)
        + _segment(0xC4, dht_ac)
        + _segment(0xDA, sos)
        + scan
        + b"\xff\xd9"
    )


# --- documents ------------------------------------------------------------------------


def pdf_bytes(path: str) -> bytes:
    """A one-page PDF (blank A4) whose Title is the file name."""
    title = path.rsplit("/", 1)[-1].encode("ascii", "replace").replace(b"(", b"").replace(b")", b"")
    stream = b"0.9 g 72 720 451 40 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title (%s) /Producer (govnews replica) >>" % title,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}


def docx_bytes(path: str) -> bytes:
    """A minimal Word document holding one paragraph: the file name."""
    name = path.rsplit("/", 1)[-1]
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{name}</w:t></w:r></w:p></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, text in [*_DOCX_PARTS.items(), ("word/document.xml", document)]:
            info = zipfile.ZipInfo(part, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def extension(path: str) -> str:
    name = path.split("?", 1)[0].rsplit("/", 1)[-1].lower()
    return name[name.rfind(".") :] if "." in name else ""


def file_bytes(path: str) -> bytes | None:
    """The bytes served at `path` (its query string ignored), or None for an unknown type."""
    clean = path.split("?", 1)[0]
    ext = extension(clean)
    if ext == ".png":
        return png_bytes(clean)
    if ext in (".jpg", ".jpeg"):
        return jpeg_bytes(clean)
    if ext == ".pdf":
        return pdf_bytes(clean)
    if ext == ".docx":
        return docx_bytes(clean)
    return None


def file_response(path: str) -> Response | None:
    """A 200 with the file at `path`, or None when its type is not one served."""
    data = file_bytes(path)
    if data is None:
        return None
    headers = {"Cache-Control": "max-age=31536000", "Accept-Ranges": "bytes"}
    return Response(200, data, CONTENT_TYPES[extension(path)], headers)
