"""Text from an OpenDocument text (ODT): its ``content.xml``, read with lxml (no DTD, no
entities, no network), paragraphs, headings and tables in document order, to a cap on
table cells; text in a style whose font is a TCVN3 or VNI one converted."""

from __future__ import annotations

import io
import zipfile

from .extracted import ENCRYPTED, MAX_CELLS, OK, Extracted, clean_lines, legacy_text, zip_problem

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
        parts = [legacy_text(element.text or "", font)]
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
            parts.append(legacy_text(child.tail or "", font))
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
                cells.append(clean_lines(inside))
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

    problem = zip_problem(data, "odt")
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
    cleaned = clean_lines(lines)
    reason = None
    if reader.cut:
        reason = (f"only the first {max_cells} table cells were read: the rest of that table "
                  "and the tables after it were left out")
    if not cleaned:
        return Extracted(OK, text="", kind="odt", reason=reason or "the document holds no text")
    return Extracted(OK, text=cleaned, kind="odt", reason=reason)
