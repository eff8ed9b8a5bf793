"""Valid (or deliberately broken), deterministic file bytes for the family's images and
documents.

Every image or document a family page links is served by some host (the file hosts for
vnPortal's `datafiles`, the NukeViet and WordPress sites for their own `/uploads/`), and
its bytes are made here from its path alone: the same path always gives the same bytes,
and two paths give different files. Nothing is read from disk.

- PNG: 8-bit RGB, one solid colour, zlib-compressed rows (`png_bytes`);
- JPEG: baseline, greyscale, one solid grey level, written by a tiny encoder that only
  ever has a DC coefficient to code (`jpeg_bytes`);
- PDF: one A4 page with a real text layer (`pdf_bytes`): Vietnamese lines in a simple
  TrueType font whose codes 1..N stand for the page's distinct characters, with a
  `/ToUnicode` CMap mapping each code to its (NFC) character, so a text extractor gives
  the lines back exactly; the font program itself is not embedded;
- DOCX: the three parts Word needs, in a zip with fixed timestamps (`docx_bytes`), one
  Vietnamese paragraph a line.

Each PDF and DOCX holds one sentence found in no other file and on no page
(`file_sentence`), so that an archive's text search can be checked against it.

Hostile files (`HOSTILE_FILES`, chosen by file name wherever they are served;
`hostile_bytes(kind)`): "truncated" (a text PDF cut at 60% of its bytes, served whole
with its true length: the file is broken, not the transport), "encrypted" (standard
security handler, RC4 40-bit, a non-empty user password), "bomb" (a small DOCX whose
`word/document.xml` inflates to more than 1 GiB of spaces) and "huge" (10,000 small
pages, a line of text each). They carry no unique sentence.

`file_response(path)` picks by extension and answers None for anything else. Every file
answer carries an ETag (a hash of its bytes) and a fixed Last-Modified, so conditional
GETs are answered 304 (the proxy compares them, as for article pages).
"""

from __future__ import annotations

import hashlib
import struct
import unicodedata
import zlib
from datetime import datetime
from functools import cache

from ..response import PORTAL_TZ, Response
from ..server import etag_of, http_date

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Content types by file extension (lower case, with the dot).
CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# When every file was last changed, as its Last-Modified says.
FILES_MODIFIED = datetime(2024, 6, 1, 8, 0, tzinfo=PORTAL_TZ)
# Hostile files by file name: served broken in their own way under any folder.
HOSTILE_FILES = {
    "ho-so-hong.pdf": "truncated",
    "tai-lieu-mat.pdf": "encrypted",
    "bieu-mau-nen.docx": "bomb",
    "so-tay-10000-trang.pdf": "huge",
}
ENCRYPTED_USER_PASSWORD = "quangchau2024"  # opens encrypted.pdf; a reader without it fails
BOMB_INFLATED = 1 << 30  # bytes of spaces inside bomb.docx's word/document.xml
HUGE_PAGES = 10_000
TRUNCATED_FRACTION = 0.6


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


# --- the text inside documents ----------------------------------------------------------

# Rare words make each file's sentence searchable: a village name coined from the path's
# hash (two syllables of 16 onsets x 16 rhymes x 6 tones, about 2.4 million names), and an
# upland crop.
_ONSETS = ("b", "ch", "d", "h", "kh", "l", "m", "n", "v", "nh", "p", "ph", "s", "t", "th", "x")
# Rhymes, and which of their letters carries the tone mark.
_RHYMES = (("a", 0), ("ai", 0), ("ăng", 0), ("âm", 0), ("e", 0), ("êu", 0), ("i", 0),
           ("iêng", 1), ("o", 0), ("ôm", 0), ("ơn", 0), ("u", 0), ("ưa", 0), ("ương", 1),
           ("oi", 0), ("uôn", 1))
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_CROPS = ("sa nhân tím", "ba kích", "chè vằng", "mắc khén", "gừng gié", "lúa nếp cẩm",
          "nghệ đỏ", "khoai sọ", "dong riềng", "quế Quỳ", "trám đen", "măng bát độ")
_GROUPS = ("hộ nghèo", "hộ cận nghèo", "hợp tác xã", "tổ hợp tác", "hộ đồng bào Thái",
           "hộ mới thoát nghèo")
_SENTENCES = (
    "Văn bản này quy định mức hỗ trợ {n} triệu đồng cho {group} bản {place} trồng {crop}.",
    "Kinh phí thực hiện dự kiến {n} tỷ đồng, ưu tiên {group} bản {place} phát triển {crop}.",
    "Giao Hội Nông dân hướng dẫn {group} bản {place} trồng {crop} trên diện tích {n} ha.",
    "Đến hết năm 2025, bản {place} phấn đấu có {n} {group} tham gia chuỗi giá trị {crop}.",
)
_DOCUMENT_HEAD = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân tỉnh Nghệ An quyết định ban hành kèm theo văn bản này các nội dung sau đây.",
)
_HOSTILE_LINES = {
    "truncated": ("Hồ sơ đề nghị công nhận bản văn hóa năm 2024.",
                  "Thành phần hồ sơ gồm tờ trình, báo cáo thành tích và biên bản họp bản."),
    "encrypted": ("Tài liệu mật: phương án bảo vệ an ninh trật tự dịp Tết Nguyên đán.",
                  "Chỉ lưu hành nội bộ trong Ban Chỉ huy Công an xã."),
}


def _name(path: str) -> str:
    return path.split("?", 1)[0].rsplit("/", 1)[-1]


def hostile_kind(path: str) -> str | None:
    """"truncated", "encrypted", "bomb" or "huge" for a hostile file's path, else None."""
    return HOSTILE_FILES.get(_name(path).lower())


def _syllable(a: int, b: int) -> str:
    """A capitalised Vietnamese syllable from two bytes: onset, rhyme and tone."""
    rhyme, at = _RHYMES[b % 16]
    toned = rhyme[: at + 1] + _TONES[(a // 16) % 6] + rhyme[at + 1 :]
    return unicodedata.normalize("NFC", _ONSETS[a % 16] + toned).capitalize()


def file_sentence(path: str) -> str | None:
    """The sentence only the PDF or DOCX at `path` holds (None for other files and for
    hostile ones). Drawn from the path's hash: a template, an amount, a group, a coined
    village name and a crop, so sentences differ from file to file."""
    if extension(path) not in (".pdf", ".docx") or hostile_kind(path):
        return None
    h = _seed(path.split("?", 1)[0])
    place = f"{_syllable(h[1], h[2])} {_syllable(h[6], h[7])}"
    template = _SENTENCES[h[0] % len(_SENTENCES)]
    return template.format(
        n=10 + h[3] % 90, group=_GROUPS[h[4] % len(_GROUPS)], place=place,
        crop=_CROPS[h[5] % len(_CROPS)],
    )


def document_lines(path: str) -> list[str]:
    """The lines (PDF) or paragraphs (DOCX) of the document at `path`: the national
    heading, a line of body text, the file's sentence, and the file name."""
    sentence = file_sentence(path)
    return [*_DOCUMENT_HEAD, *([sentence] if sentence else []), f"Tệp lưu trữ: {_name(path)}"]


def _wrap(text: str, width: int = 80) -> list[str]:
    """Lines of at most `width` characters, broken at spaces (text never needs hyphens)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


# --- PDF ------------------------------------------------------------------------------

_FONT_NAME = b"/QCTAAA+TimesNewRomanPSMT"
# The standard security handler's padding string (PDF 1.7, 7.6.3.3, Algorithm 2).
_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_PERMISSIONS = -64  # print, modify, copy and annotate all off


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


class _Pdf:
    """A PDF being written: numbered objects (a dictionary, and a stream's data when it
    has one), serialised with a correct xref table, optionally encrypted (revision 2)."""

    def __init__(self) -> None:
        self.objects: list[tuple[bytes, bytes | None]] = []

    def add(self, dictionary: bytes, data: bytes | None = None) -> int:
        self.objects.append((dictionary, data))
        return len(self.objects)

    def reserve(self) -> int:
        """A number for an object written later with `put` (a parent its kids refer to)."""
        return self.add(b"null")

    def put(self, number: int, dictionary: bytes) -> None:
        self.objects[number - 1] = (dictionary, None)

    def font(self, chars: str) -> tuple[int, dict[str, int]]:
        """A simple TrueType font whose code n+1 is `chars[n]`, declared to extractors
        by a /ToUnicode CMap. Returns its object number and the code of each character."""
        if len(chars) > 255:
            raise ValueError("a simple font has 255 codes at most")
        codes = {ch: n for n, ch in enumerate(chars, 1)}
        bfchar = b"".join(
            b"<%02X> <%s>\n" % (code, ch.encode("utf-16-be").hex().upper().encode())
            for ch, code in codes.items()
        )
        cmap = (
            b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            b"1 begincodespacerange\n<01> <FF>\nendcodespacerange\n"
            b"%d beginbfchar\n%sendbfchar\nendcmap\n"
            b"CMapName currentdict /CMap defineresource pop\nend\nend" % (len(codes), bfchar)
        )
        to_unicode = self.add(b"<< >>", cmap)
        descriptor = self.add(
            b"<< /Type /FontDescriptor /FontName %s /Flags 34 /FontBBox [-568 -307 2000 1007] "
            b"/ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV 82 >>" % _FONT_NAME
        )
        widths = b" ".join(b"250" if ch == " " else b"500" for ch in codes)
        number = self.add(
            b"<< /Type /Font /Subtype /TrueType /BaseFont %s /FirstChar 1 /LastChar %d "
            b"/Widths [%s] /FontDescriptor %d 0 R /ToUnicode %d 0 R >>"
            % (_FONT_NAME, len(codes), widths, descriptor, to_unicode)
        )
        return number, codes

    @staticmethod
    def text(lines: list[str], codes: dict[str, int], *, size: int = 11, top: int = 780) -> bytes:
        """A content stream showing `lines` one under the other."""
        shown = b"".join(
            b"<%s> Tj T*\n" % "".join(f"{codes[ch]:02X}" for ch in line).encode()
            for line in lines
        )
        return b"BT /F1 %d Tf %d TL 56 %d Td\n%sET" % (size, size + 3, top, shown)

    def serialise(self, root: int, *, info: int | None, file_id: bytes,
                  user_password: str | None = None) -> bytes:
        key = None
        extra = b""
        if user_password is not None:
            encrypt, key = self._encryption(user_password.encode("latin-1"), file_id)
            extra = b" /Encrypt %d 0 R" % encrypt
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, (dictionary, data) in enumerate(self.objects, 1):
            offsets.append(len(out))
            if data is None:
                body = dictionary
            else:
                if key is not None:
                    data = _rc4(self._object_key(key, number), data)
                body = b"%s\nstream\n%s\nendstream" % (
                    dictionary[:-2].rstrip() + b" /Length %d >>" % len(data), data)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
        info_ref = b" /Info %d 0 R" % info if info else b""
        out += b"trailer\n<< /Size %d /Root %d 0 R%s%s /ID [<%s> <%s>] >>\n" % (
            len(self.objects) + 1, root, info_ref, extra, file_id.hex().encode(),
            file_id.hex().encode())
        out += b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)

    def _encryption(self, user: bytes, file_id: bytes) -> tuple[int, bytes]:
        """The /Encrypt dictionary (V1, R2, 40-bit RC4; owner password = user password
        reversed) and the file key, by Algorithms 2, 3 and 4 of PDF 1.7."""
        padded_user = (user + _PASSWORD_PAD)[:32]
        padded_owner = (user[::-1] + _PASSWORD_PAD)[:32]
        owner_entry = _rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
        key = hashlib.md5(
            padded_user + owner_entry + struct.pack("<i", _PERMISSIONS) + file_id
        ).digest()[:5]
        user_entry = _rc4(key, _PASSWORD_PAD)
        number = self.add(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P %d >>"
            % (owner_entry.hex().encode(), user_entry.hex().encode(), _PERMISSIONS)
        )
        return number, key

    @staticmethod
    def _object_key(key: bytes, number: int) -> bytes:
        return hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]


def _text_pdf(lines: list[str], title: str, *, user_password: str | None = None) -> bytes:
    """A one-page A4 PDF showing `lines` (wrapped at 80 characters)."""
    shown = [part for line in lines for part in _wrap(line)]
    pdf = _Pdf()
    font, codes = pdf.font("".join(dict.fromkeys("".join(shown))))
    content = pdf.add(b"<< >>", _Pdf.text(shown, codes))
    pages = pdf.reserve()
    page = pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                   b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages, content, font))
    pdf.put(pages, b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    catalog = pdf.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    info = None
    if user_password is None:  # an encrypted file would need its Info strings encrypted
        info = pdf.add(b"<< /Title <%s> /Producer (govnews replica) >>"
                       % title.encode("ascii", "replace").hex().encode())
    return pdf.serialise(catalog, info=info, file_id=hashlib.md5(title.encode()).digest(),
                         user_password=user_password)


def pdf_bytes(path: str) -> bytes:
    """A one-page PDF whose text layer holds `document_lines(path)`."""
    return _text_pdf(document_lines(path), _name(path))


def _huge_pdf() -> bytes:
    """HUGE_PAGES small pages, one line of text each, sharing one font."""
    pdf = _Pdf()
    label = "Sổ tay hướng dẫn nghiệp vụ - trang "
    font, codes = pdf.font("".join(dict.fromkeys(label + "0123456789/")))
    pages = pdf.reserve()
    kids = []
    for n in range(1, HUGE_PAGES + 1):
        content = pdf.add(b"<< >>", _Pdf.text([f"{label}{n}/{HUGE_PAGES}"], codes, size=9, top=40))
        kids.append(pdf.add(b"<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>" % (pages, content)))
    pdf.put(pages, b"<< /Type /Pages /MediaBox [0 0 300 72] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Count %d /Kids [%s] >>" % (font, len(kids), b" ".join(b"%d 0 R" % k for k in kids)))
    catalog = pdf.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    return pdf.serialise(catalog, info=None, file_id=hashlib.md5(b"huge").digest())


# --- DOCX -----------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
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
_DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1  # 2024-01-01, time 00:00:00


def _deflate(data: bytes, mode: int = zlib.Z_FINISH) -> bytes:
    """Raw deflate of `data`; Z_FULL_FLUSH ends byte-aligned with no back-references, so
    such pieces can be concatenated into one stream (the last one with Z_FINISH)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(mode)


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, raw deflate data, crc32, inflated size) entries, fixed timestamps."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode("utf-8")
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, _DOS_DATE, crc, len(data), size)
        central += (struct.pack("<IH", 0x02014B50, 20) + fields
                    + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded)
        out += struct.pack("<I", 0x04034B50) + fields + struct.pack("<HH", len(encoded), 0)
        out += encoded + data
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                       len(central), start, 0)
    return bytes(out)


def _part(name: str, text: str) -> tuple[str, bytes, int, int]:
    data = text.encode("utf-8")
    return name, _deflate(data), zlib.crc32(data), len(data)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx_bytes(path: str) -> bytes:
    """A minimal Word document, one paragraph per line of `document_lines(path)`."""
    paragraphs = "".join(
        f"<w:p><w:r><w:t>{_xml_text(line)}</w:t></w:r></w:p>" for line in document_lines(path)
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{paragraphs}</w:body></w:document>'
    )
    parts = [*_DOCX_PARTS.items(), ("word/document.xml", document)]
    return _zip([_part(name, text) for name, text in parts])


def _bomb_docx() -> bytes:
    """A DOCX whose word/document.xml is one paragraph of BOMB_INFLATED spaces: about
    1 MB on the wire, made from one deflated MiB repeated (never 1 GiB in memory)."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body><w:p><w:r><w:t xml:space="preserve">'
    ).encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    mib = b" " * (1 << 20)
    crc = zlib.crc32(head)
    for _ in range(BOMB_INFLATED // len(mib)):
        crc = zlib.crc32(mib, crc)
    crc = zlib.crc32(tail, crc)
    data = (_deflate(head, zlib.Z_FULL_FLUSH)
            + _deflate(mib, zlib.Z_FULL_FLUSH) * (BOMB_INFLATED // len(mib))
            + _deflate(tail))
    document = ("word/document.xml", data, crc, len(head) + BOMB_INFLATED + len(tail))
    return _zip([*(_part(name, text) for name, text in _DOCX_PARTS.items()), document])


# --- hostile files and serving --------------------------------------------------------


@cache
def hostile_bytes(kind: str) -> bytes:
    """The bytes of a hostile file: "truncated", "encrypted", "bomb" or "huge"."""
    if kind == "truncated":
        whole = _text_pdf([*_DOCUMENT_HEAD, *_HOSTILE_LINES[kind]], "ho-so-hong.pdf")
        return whole[: int(len(whole) * TRUNCATED_FRACTION)]
    if kind == "encrypted":
        return _text_pdf([*_DOCUMENT_HEAD, *_HOSTILE_LINES[kind]], "tai-lieu-mat.pdf",
                         user_password=ENCRYPTED_USER_PASSWORD)
    if kind == "bomb":
        return _bomb_docx()
    if kind == "huge":
        return _huge_pdf()
    raise ValueError(f"unknown hostile file kind {kind!r}")


def extension(path: str) -> str:
    name = path.split("?", 1)[0].rsplit("/", 1)[-1].lower()
    return name[name.rfind(".") :] if "." in name else ""


def file_bytes(path: str) -> bytes | None:
    """The bytes served at `path` (its query string ignored), or None for an unknown type."""
    clean = path.split("?", 1)[0]
    ext = extension(clean)
    kind = hostile_kind(clean)
    if kind is not None:
        return hostile_bytes(kind)
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
    """A 200 with the file at `path`, or None when its type is not one served. Its
    validators are set here too, so they are there even with conditional GET off."""
    data = file_bytes(path)
    if data is None:
        return None
    headers = {
        "Cache-Control": "max-age=31536000",
        "Accept-Ranges": "bytes",
        "ETag": etag_of(data),
        "Last-Modified": http_date(FILES_MODIFIED),
    }
    resp = Response(200, data, CONTENT_TYPES[extension(path)], headers)
    resp.last_modified = FILES_MODIFIED
    return resp
