"""What kind of file this is, from its first bytes: PDF, a ZIP container (DOCX, XLSX, or an
OpenDocument file by its ``mimetype``) or an OLE container (Word 97-2003, Excel 97-2003,
PowerPoint, told apart by the streams at its root); the link's extension only when the
bytes do not say."""

from __future__ import annotations

import io
import struct
import zipfile


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

