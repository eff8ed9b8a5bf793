"""Legal documents (văn bản): the register pages that describe them.  Their numbers are
read by ``crawler.kernel.numbers``.

A document page is recognised by what it says, not by its markup, because every register
marks it up its own way (vnPortal's table, NukeViet's ``table-properties``, a ``<dl>``, a
row of ``div``s): a set of label/value pairs among which the number and at least two more
of the known labels ("Ngày ban hành", "Trích yếu", "Cơ quan ban hành" …).  A register's
list page is a table (or list) whose rows each show a document number and link to the
document's page.  Hand-written: no library reads Vietnamese registers; the labels are
facts of the sites, listed in LABELS, where a new spelling is a one-line change.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import etree

from ..kernel.dates import parse_date
from ..kernel.numbers import (
    KIND_NAMES,
    NUMBER_IN_TEXT,
    NUMBER_TYPED,
    canonical_number,
    citations,
    kind_of,
    normal_dashes,
    number_key,
)
from ..kernel.record import DocFile, Document, Listing, ListingEntry
from ..kernel.text import canonical_url, clean_text, fold, site_of
from .boxes import side_boxes
from .bylines import SIGNER_TITLE_LINE, signer_name
from .links import is_file_link
from .list_names import list_name, listing_name
from .page import block_lines, chrome_names, text_of
from .pagers import pager_links
from .urls import asks_for_a_file

NAME = "register"
VERSION = 1

# --- document pages -------------------------------------------------------------------

# Field -> the labels registers give it, folded (lowercase, no marks, đ -> d).
LABELS = {
    "number": ("so ky hieu", "so hieu", "so/ky hieu", "so, ky hieu", "ky hieu", "so van ban",
               "so hieu van ban", "so ky hieu van ban", "so/ ky hieu"),
    # A court's published judgment (congbobanan.toaan.gov.vn and the courts' own sites):
    # "Số bản án", "Ngày tuyên án", "Tòa án xét xử", "Thông tin về vụ/việc".
    "judgment": ("so ban an", "so ban an/quyet dinh"),
    "issued": ("ngay ban hanh", "ngay ky", "ngay phat hanh", "ngay ky ban hanh",
               "ngay van ban", "ngay tuyen an"),
    "effective": ("ngay co hieu luc", "ngay hieu luc", "hieu luc tu ngay", "ngay ap dung",
                  "co hieu luc tu ngay", "hieu luc", "ngay bat dau hieu luc"),
    "kind": ("loai van ban", "the loai", "hinh thuc van ban", "loai", "the loai van ban"),
    "agency": ("co quan ban hanh", "noi ban hanh", "don vi ban hanh", "co quan",
               "cơ quan ban hanh", "toa an xet xu"),
    "signer": ("nguoi ky", "nguoi ky duyet", "nguoi ky van ban",
               # a judgment's: the presiding judge
               "tham phan - chu toa phien toa", "tham phan chu toa phien toa", "chu toa phien toa"),
    "summary": ("trich yeu", "trich yeu noi dung", "noi dung trich yeu", "tom tat",
                "thong tin ve vu/viec", "thong tin ve vu viec"),
    "title": ("ten van ban", "tieu de", "ten ban an"),
    "field": ("linh vuc", "linh vuc van ban", "loai vu/viec", "loai vu viec"),
    "status": ("tinh trang", "tinh trang hieu luc", "trang thai", "trang thai hieu luc"),
    "expires": ("ngay het hieu luc", "het hieu luc"),
}
_FIELD_OF = {label: name for name, labels in LABELS.items() for label in labels}
# The word every court judgment's page shows ("Ngày tuyên án"): a first look beside the
# register's label words.
COURT_WORD = "tuyên án"
# A register that labels no number still names the signer; news prose seldom does.
SIGNER_WORDS = ("Người ký", "người ký", "NGƯỜI KÝ")
# Besides the number, a page must give this many of these to be a document's.
CORE = ("issued", "effective", "kind", "agency", "signer", "summary")
MIN_CORE = 2
GENERIC_HEADINGS = ("chi tiet van ban", "van ban", "thong tin van ban", "noi dung van ban",
                    "van ban phap luat", "van ban chi dao dieu hanh", "thuoc tinh van ban")
_CHROME = ("header", "footer", "nav", "aside")
_CHROME_CLASSES = ("sidebar", "menu", "footer", "header", "breadcrumb", "widget", "box-side",
                   "col-right", "right-col")


def label_key(text: str) -> str | None:
    """The field a label names ("Số ký hiệu:" -> "number"), or None."""
    folded = re.sub(r"\s+", " ", fold(text)).strip(" :*.-\u00a0")
    return _FIELD_OF.get(folded) if len(folded) < 40 else None


def _in_chrome(el) -> bool:
    for anc in el.iterancestors():
        if anc.tag in _CHROME:
            return True
        if any(c in chrome_names(anc, ids=False) for c in _CHROME_CLASSES):
            return True
    return False


def _pairs(doc) -> list[tuple[str, object, object]]:
    """(field, label element, value element or text) of every label/value pair on the
    page, in page order: table rows (label cell, value cell; two pairs a row too), <dt>/<dd>,
    an element followed by its value sibling, and "Label: value" in one element."""
    out: list[tuple[str, object, object]] = []
    claimed: set = set()
    for row in doc.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        joined = _joined_labels(cells)
        if joined:  # "Cơ quan ban hành/ Chức danh / Người ký" over three value cells
            out.extend((name, cells[0], value) for name, value in joined)
            claimed.update(cells)
            continue
        for i in range(0, len(cells) - 1, 2):
            name = label_key(text_of(cells[i]))
            if name and not label_key(text_of(cells[i + 1])):
                out.append((name, cells[i], cells[i + 1]))
                claimed.update((cells[i], cells[i + 1]))
    for dt in doc.iter("dt"):
        dd = dt.getnext()
        name = label_key(text_of(dt))
        if name and dd is not None and dd.tag == "dd":
            out.append((name, dt, dd))
            claimed.update((dt, dd))
    for el in doc.iter("div", "span", "strong", "b", "label", "p", "li", "th", "td"):
        # The text an element starts with must be a label (or "Label: value") before
        # anything costlier is looked at: the walk stays linear on a page of 10,000
        # nested blocks.
        start = (el.text or "").strip()
        if not start and len(el) and isinstance(el[0].tag, str):
            start = (el[0].text or "").strip()
        if not start or not label_key(start[:60].partition(":")[0]):
            continue
        if el in claimed or any(a in claimed for a in el.iterancestors()):
            continue
        if el.find(".//a") is not None or any(a.tag == "a" for a in el.iterancestors()):
            continue  # a link (a tab, a menu entry) is no label
        own = text_of(el)
        if not own or len(own) > 400:
            continue
        name = label_key(own)
        if name:
            value = el.getnext()
            if value is not None and text_of(value) and not label_key(text_of(value)):
                out.append((name, el, value))
                claimed.update((el, value))
            elif el.tail and clean_text(el.tail).strip(": "):
                # <strong>Số ký hiệu:</strong> 1205/QĐ-UBND
                out.append((name, el, clean_text(el.tail).strip(": ")))
                claimed.add(el)
            continue
        if ":" in own and len(el) <= 2:
            head, _, rest = own.partition(":")
            name = label_key(head)
            if name and rest.strip():
                out.append((name, el, rest.strip()))
                claimed.add(el)
    return out


def _joined_labels(cells) -> list[tuple[str, object]]:
    """The fields of a row whose one label names several, parted by "/", each over its
    own value cell (vbpl's "Cơ quan ban hành/ Chức danh / Người ký"): (field, cell) for
    the parts that name one."""
    if len(cells) < 3:
        return []
    text = text_of(cells[0])
    if "/" not in text or label_key(text):
        return []
    names = [label_key(part) for part in text.split("/")]
    if len(names) != len(cells) - 1 or sum(1 for n in names if n) < 2:
        return []
    return [(name, cell) for name, cell in zip(names, cells[1:]) if name]


def _value(value) -> str | None:
    if isinstance(value, str):
        return clean_text(value) or None
    return clean_text(" ".join(block_lines(value))) or None


# Words one of which a document page always shows: a cheap first look, so that the
# pairs are sought on few pages.
# r"k[ýy]\s*hi[ệe]u|s[ốo]\s*hi[ệe]u|tr[íi]ch\s*y[ếe]u|s[ốo]\s*v[ăa]n\s*b[ảa]n" with
# re.IGNORECASE, spelt out case by case (with the letters IGNORECASE folds into i, k and
# s): a case-sensitive scan of the whole page is much faster.
_I = "[Ii\u0130\u0131]"
_S = "[Ss\u017f]"
_LABEL_WORDS = re.compile(
    f"[Kk\u212a][Yy\xdd\xfd]\\s*[Hh]{_I}[Ee\u1ec6\u1ec7][Uu]"
    f"|{_S}[Oo\u1ed0\u1ed1]\\s*(?:[Hh]{_I}[Ee\u1ec6\u1ec7][Uu]|[Vv][Aa\u0102\u0103][Nn]\\s*[Bb][Aa\u1ea2\u1ea3][Nn])"
    "|[Tt][Rr][Ii\xcd\xed\u0130\u0131][Cc][Hh]\\s*[Yy\xdd\xfd][Ee\u1ebe\u1ebf][Uu]")

# What each of those words holds after its first letters, lowered: "hiệu" (in "ký hiệu",
# "số hiệu"), "yếu" (in "trích yếu"), "văn" (in "số văn bản"), with the letters matched
# above.  str.find looks for each, far faster than any scan by the pattern.
_LABEL_WORD_PARTS = tuple(h + i + e + "u" for h in "h" for i in "i\u0131" for e in "e\u1ec7") + tuple(
    y + e + "u" for y in "y\xfd" for e in "e\u1ebf") + ("van", "v\u0103n")


def has_label_words(text: str) -> bool:
    """``_LABEL_WORDS.search(text)``, tried only where a part stands: a match ends its
    first letters where the part's run of spaces begins, two letters back ("ký", "số") or
    five ("trích").  Hand-written: the regular-expression engine tries every position of
    the text against the pattern's first letters, 27 ns a character of a Vietnamese page."""
    if "\u0130" in text:  # lower() makes "İ" two characters, and the offsets would differ
        return bool(_LABEL_WORDS.search(text))
    low = text.lower()
    for part in _LABEL_WORD_PARTS:
        at = low.find(part)
        while at != -1:
            start = at
            while start and text[start - 1].isspace():  # isspace: what \s matches
                start -= 1
            if any(begin >= 0 and _LABEL_WORDS.match(text, begin) for begin in (start - 2, start - 5)):
                return True
            at = low.find(part, at + 1)
    return False


# The page's text nodes as plain strings, in page order: what itertext() yields (libxml2
# keeps no two text nodes side by side), five times faster.
_TEXT_NODES = etree.XPath("descendant::text()", smart_strings=False)


def _page_text(doc) -> str:
    root = doc.getroot() if hasattr(doc, "getroot") else doc
    text = " ".join(_TEXT_NODES(root))
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def parse_document(doc, url: str, fetched_at: str | None = None) -> Document | None:
    """The page as a register's document, or None when it is none (see the module's
    docstring for what makes one)."""
    page_text = _page_text(doc)
    if not (has_label_words(page_text) or COURT_WORD in page_text
            or any(w in page_text for w in SIGNER_WORDS)):
        return None
    fields: dict[str, str] = {}
    numbers: set[str | None] = set()
    scope = None
    pairs = [p for p in _pairs(doc) if not _in_chrome(p[1])]
    for name, label, value in _own_table(pairs):
        text = _value(value)
        if name == "signer" and not isinstance(value, str):
            lines = block_lines(value)  # "Phó Chủ tịch UBND tỉnh" over "Hoàng Văn Thành"
            if len(lines) > 1 and SIGNER_TITLE_LINE.match(lines[0]):
                text = clean_text(lines[-1])
        if text and name in ("number", "judgment"):
            numbers.add(number_key(_number(text)) or text)
        if not text or name in fields:
            continue
        fields[name] = text
        if name == "number":
            scope = label
    if len(numbers) > 1:
        return None  # labels of several documents: a register's list, not a document
    judgment = "number" not in fields and fields.pop("judgment", None)
    if judgment:  # its number, a case's code ("15/2023/HS-ST"), names no kind of act
        fields.setdefault("kind", "Bản án")
        fields["number"] = judgment
    if "number" not in fields and sum(1 for f in CORE if f in fields) > MIN_CORE:
        # A register that prints the number only in the document's name ("Kế hoạch
        # 112/KH-UBND triển khai …") above a table of its other properties.
        named = _named_number(doc, fields)
        if named:
            fields["number"] = named
            if COURT_WORD in page_text.lower():
                fields.setdefault("kind", "Bản án")
    if "number" not in fields or sum(1 for f in CORE if f in fields) < MIN_CORE:
        return None
    number = _number(fields["number"])
    if number is None or not any(c.isdigit() for c in number):
        return None  # a list's column heads ("Số ký hiệu", "Ban hành"): no document's number
    issued = parse_date(fields.get("issued"))
    effective = _effective(fields)
    summary = fields.get("summary") or _lead_before(scope)
    title = fields.get("title") or _heading(doc, scope, number) or summary
    if summary is None and title and len(_NAME_WORDS.sub(" ", title.replace(number, " ")).split()) > 3:
        summary = title  # a heading that is the document's name, more than its kind and number
    kind = fields.get("kind") or kind_of(number, title)
    return Document(
        url=canonical_url(url), site=site_of(url), number=number, title=title,
        kind=_kind_name(kind), agency=fields.get("agency"), issued=issued and issued[:10],
        effective=effective, signer=signer_name(fields.get("signer")), summary=summary,
        files=_files(doc, url), text=_body_text(doc), fetched_at=fetched_at,
        parser=f"{NAME}/{VERSION}")


# What a heading holds besides a document's name: its kind, "số", the number's marks.
_NAME_WORDS = re.compile(r"(?i)\b(?:số|" + "|".join(sorted(KIND_NAMES, key=len, reverse=True))
                         + r")\b|[:.,/()-]")


def _named_number(doc, fields: dict) -> str | None:
    """The number the document's name holds: its "Tên văn bản" field, else the page's
    first <h1> outside the chrome."""
    names = [fields.get("title")] + [text_of(h) for h in doc.iter("h1") if not _in_chrome(h)][:1]
    for name in names:
        found = name and NUMBER_IN_TEXT.search(normal_dashes(name))
        if found:
            return found[0]
    return None


def _own_table(pairs: list) -> list:
    """The pairs of the page's document: where the first number's label stands in a table
    (or <dl>) that names the document's properties (the number and MIN_CORE + 1 more), the
    pairs in that table; a box of other documents below it ("Văn bản cùng thể loại", each
    row a number and a date) is no part of it.  Otherwise every pair."""
    first = next((p for p in pairs if p[0] == "number"), None)
    table = first and next((a for a in first[1].iterancestors() if a.tag in ("table", "dl")), None)
    if table is None:
        return pairs
    inside = [p for p in pairs if any(a is table for a in p[1].iterancestors())]
    named = {p[0] for p in inside}
    if sum(1 for p in inside if p[0] == "number") == 1 and len(named & set(CORE)) > MIN_CORE:
        return inside
    return pairs


def _number(text: str) -> str | None:
    """The number as the page prints it, spaces around its separators closed up."""
    m = NUMBER_IN_TEXT.search(normal_dashes(text))
    if m:
        return canonical_number(m[1], m[2], m[3] or m[4], printed=True)
    if number_key(text):
        m = NUMBER_TYPED.match(normal_dashes(text))
        return canonical_number(m[1], m[2], m[3] or m[4], printed=True)
    return clean_text(text) or None


def _lead_before(label) -> str | None:
    """Without a "Trích yếu" label, the paragraphs just before the table of properties
    (NukeViet's laws module prints the summary there)."""
    if label is None:
        return None
    table = next((a for a in label.iterancestors() if a.tag in ("table", "dl")), None)
    if table is None:
        return None
    head = _heading_row(table, label)
    if head:
        return head
    while (table.getparent() is not None and table.getparent().tag == "div"
           and len([c for c in table.getparent() if isinstance(c.tag, str)]) == 1):
        table = table.getparent()  # a wrapper of its own: <div class="table-responsive">
    lines = []
    for el in table.itersiblings(preceding=True):
        if (el.tag not in ("p", "div") or el.find(".//table") is not None
                or label_key(text_of(el)) or next(el.iter("h1", "h2", "h3"), None) is not None):
            break  # (a description's <div>: eDocman's "edocman-description"; not its heading)
        lines.insert(0, text_of(el))
    return clean_text(" ".join(x for x in lines if x)) or None


def _heading_row(table, label) -> str | None:
    """The text of a table's first row when it is one cell across the table above the
    properties' rows, no label (vbpl's "Thuộc tính" heads them with the summary)."""
    first_row = next(table.iter("tr"), None)
    if first_row is None or any(first_row is a for a in label.iterancestors()):
        return None
    cells = [c for c in first_row if c.tag in ("td", "th")]
    text = text_of(cells[0]) if len(cells) == 1 else ""
    return text if len(text) >= 20 and not label_key(text) else None


def _effective(fields: dict[str, str]) -> str | None:
    value = parse_date(fields.get("effective"))
    return value[:10] if value else None


def _kind_name(kind: str | None) -> str | None:
    """A kind as the register names it, its capitalisation kept ("Quyết định")."""
    if not kind:
        return None
    kind = clean_text(kind)
    for name in KIND_NAMES:
        if fold(kind) == fold(name):
            return name
    return kind


def _heading(doc, scope, number: str) -> str | None:
    """The document's own heading: the nearest h1-h3 before its label/value pairs that is
    not a register's generic one ("Chi tiết văn bản")."""
    headings = [h for h in doc.iter("h1", "h2", "h3") if not _in_chrome(h)]
    if scope is not None:
        before = []
        for h in headings:
            if h is scope or scope in h.iterancestors():
                continue
            before.append(h)
            # document order: stop at the first heading after the scope
            if _after(h, scope):
                before.pop()
                break
        headings = before[::-1] + [h for h in headings if h not in before]
    for h in headings:
        text = text_of(h)
        folded = fold(text).strip(" :")
        if text and folded not in GENERIC_HEADINGS and len(text) > len(number) + 3:
            return text
    return None


def _after(a, b) -> bool:
    """Whether element ``a`` comes after ``b`` in document order."""
    for el in b.getroottree().iter():
        if el is a:
            return False
        if el is b:
            return True
    return False


def _files(doc, url: str) -> list[DocFile]:
    files: dict[str, DocFile] = {}
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if href.lower().startswith("javascript:"):
            # vbpl's "javascript:downloadfile('x.pdf','/FileData/.../x.pdf')": the file's
            # address in a data-url, else the script's last quoted argument
            quoted = _QUOTED.findall(href)
            href = (a.get("data-url") or (quoted[-1] if quoted else "")).strip()
        if href in ("", "#") and a.get("data-downloadurl"):
            href = a.get("data-downloadurl").strip()  # WordPress Download Manager's button
        if (not (is_file_link(href) or _download_link(a, href)
                 or (href and asks_for_a_file(urlsplit(href).query))) or _in_chrome(a)
                or _another_documents(a, url)):
            continue
        link = canonical_url(href, url)
        name = _file_name(text_of(a), link) or _file_name(clean_text(a.get("title")), link)
        if link not in files:
            files[link] = DocFile(url=link, name=name)
        elif name and not files[link].name:
            files[link].name = name
    for frame in doc.iter("iframe", "embed"):  # a viewer of the file: "viewer.aspx?file=..."
        shown = parse_qs(urlsplit(frame.get("src") or "").query).get("file")
        if shown and is_file_link(shown[0]) and not _in_chrome(frame):
            link = canonical_url(urljoin(urljoin(url, frame.get("src")), shown[0]))
            files.setdefault(link, DocFile(url=link, name=_file_name(link.rsplit("/", 1)[-1], link)))
    return list(files.values())


_QUOTED = re.compile(r"""['"]([^'"]+)['"]""")


def _another_documents(a, url: str) -> bool:
    """Whether the file link ``a`` sits in a list item or row that links another
    document's page by its number ("27/KH-UBND - Kế hoạch ...", under "Văn bản cùng lĩnh
    vực"): that document's file, not this one's."""
    item = next((x for x in a.iterancestors() if x.tag in ("li", "tr")), None)
    if item is None:
        return False
    for other in item.iter("a"):
        href = (other.get("href") or "").strip()
        if (other is a or not href or href.startswith(("#", "javascript:")) or "file=" in href
                or is_file_link(href)):
            continue
        if canonical_url(href, url) != canonical_url(url) and _number(text_of(other)):
            return True
    return False


def _download_link(a, href: str) -> bool:
    """A link that says it downloads the file and whose address says so too, with no file
    name in it ("/5ta1187402t1cvn/chi-tiet-ban-an/download": "Tải bản án")."""
    return "download" in href.lower() and bool(_DOWNLOAD_WORDS.match(fold(text_of(a))))


# What a download link says besides the file's name ("Tải tập tin 1: qd-86.pdf").
_DOWNLOAD_WORDS = re.compile(r"^(?:tai (?:ve|tap tin|file|xuong)|download|tep dinh kem|"
                             r"file dinh kem|dinh kem|xem|xem file|tai)\s*\d*\s*:?\s*")


def _file_name(text: str | None, url: str) -> str | None:
    """A file link's name as the page shows it, without the link's "Tải về" words; the
    file's own name when the link says nothing else."""
    if not text:
        return None
    m = _DOWNLOAD_WORDS.match(fold(text))
    if m is None:
        return text
    # fold() keeps one character per character of the NFC text: cut at the same place.
    rest = clean_text(text)[m.end():].strip()
    return rest or urlsplit(url).path.rsplit("/", 1)[-1] or None


def _body_text(doc) -> str | None:
    """The document's own text where the page shows it (NukeViet's doc-body tab, a
    register's "Nội dung" block), else None."""
    for el in doc.iter("div", "section"):
        ident = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
        if any(k in ident for k in ("doc-body", "noi-dung-van-ban", "vanban-content",
                                    "document-content")):
            text = "\n".join(block_lines(el))
            if text:
                return text
    return None


# --- register list pages ---------------------------------------------------------------


def parse_register(doc, url: str) -> Listing | None:
    """A register's list page: rows that each show a document number and link to a page
    of the same site that is not a file.  None for any other page."""
    if len(NUMBER_IN_TEXT.findall(_page_text(doc))) < 2:
        return None
    url = canonical_url(url)
    host = urlsplit(url).netloc
    entries: dict[str, ListingEntry] = {}
    rows = [row for row in _rows(doc) if not _in_chrome(row)]
    # Not a side box's ("Văn bản mới"), unless the register's rows are all there.
    boxes = side_boxes(doc, url)
    rows = [row for row in rows if not any(b in boxes for b in row.iterancestors())] or rows
    for row in rows:
        text = clean_text(" ".join(row.itertext()))
        # One document a row: a row holding several (a page's column, a whole table) is
        # no row of the register.
        if len(text) > MAX_ROW_TEXT or len(citations(text)) != 1 and not _numbered_cell(row):
            continue
        links = [canonical_url(a.get("href").strip(), url) for a in row.iter("a")
                 if (a.get("href") or "").strip() and not is_file_link(a.get("href"))
                 and not a.get("href").strip().startswith(("#", "javascript:", "mailto:"))]
        links = [u for u in links if urlsplit(u).netloc == host and u != url]
        if not links:
            continue
        # The row's most linked page; of links as often, the first (a set's order would
        # make the answer change from one run of Python to the next).
        link = max(dict.fromkeys(links), key=links.count)
        if link in entries:
            continue
        entries[link] = ListingEntry(url=link, title=_row_title(row, link, url),
                                     published_at=_row_date(row))
    if len(entries) < 2:
        return None
    heading = next((list_name(text_of(h)) for h in doc.iter("h1", "h2") if not _in_chrome(h)
                    and text_of(h)), None) or listing_name(doc)
    return Listing(url=url, category=heading, entries=list(entries.values()),
                   layout=f"{NAME}/{VERSION}", pager_links=pager_links(doc, url))


MAX_ROW_TEXT = 1500


def _numbered_cell(row) -> bool:
    """A row whose number has a cell of its own, its summary citing other documents
    ("Nghị định sửa đổi ... Nghị định số 38/2022/NĐ-CP")."""
    return any(len(citations(t)) == 1 and len(t) <= 40
               for t in (text_of(c) for c in row if c.tag in ("td", "th")))


def _rows(doc):
    """Candidate rows: table rows, list items, and divs among sibling divs (the rows of
    a flex table, a list of cards); each must hold one document number (parse_register)."""
    yield from doc.iter("tr", "li")
    counted: dict = {}  # (parent, tag) -> how many such children: counted once a parent
    for el in doc.iter("div", "article"):
        parent = el.getparent()
        if parent is None:
            continue
        key = (parent, el.tag)
        if key not in counted:
            counted[key] = sum(1 for c in parent if c.tag == el.tag)
        if counted[key] >= 2 and next(el.iter("tr", "li"), None) is None:
            yield el  # (a div around table rows or list items is no row: it holds them)


def _row_title(row, link: str, page_url: str) -> str | None:
    for a in row.iter("a"):
        if canonical_url((a.get("href") or "").strip(), page_url) == link and text_of(a):
            return text_of(a)
    return None


def _row_date(row) -> str | None:
    for line in block_lines(row):
        if len(line) < 40:
            value = parse_date(line)
            if value:
                return value
    return None
