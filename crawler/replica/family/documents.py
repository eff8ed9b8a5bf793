"""Source data of the family's document registers (văn bản), and the rules of their
expected records.

Two registers hold legal documents (PORTAL.md "Legal documents (văn bản)"):
- the main portal's vnPortal register (`PORTAL_DOCUMENTS`, rendered by `register.py`);
- the NukeViet `laws` module of xã Quang Châu (`LAWS_DOCUMENTS`, rendered by `laws.py`).

A document's number (số ký hiệu) is written here in its canonical form, which is also how
every page writes it: digits, an optional "/year", "/", then the code's parts joined by
"-", upper case, "Đ" kept (`1205/QĐ-UBND`, `78/2008/QĐ-UBND`, `3021/UBND-VX`). Numbers are
unique across both registers, so a number names one document.

The expected document record (`document_record`) has the keys of `DOCUMENT_KEYS`:
- `title`: the document's title as its page shows it. NukeViet documents have their own
  title (the `h1` heading, "Tên văn bản"); the vnPortal register has none, so there the
  title is the trích yếu (which is also its heading);
- `summary`: the trích yếu; `kind`: the full Vietnamese name ("Quyết định"), shown on the
  page as "Loại văn bản"/"Thể loại" or, where the page omits it, following from the
  number's code ("45/KH-UBND" is a Kế hoạch); `agency`, `signer` as shown;
- `issued`, `effective`: ISO dates (`effective` None when the page has no effective date);
- `files`: `{url, name}` in page order, `name` the link text the page shows (vnPortal)
  or the file's name as the download list shows it (NukeViet).
All text NFC with whitespace collapsed.

Article citations: every expected article record has `cites`, the register numbers its
title, summary and body name (in that order, each once, canonical form), whether or not
a register holds them. A number only in an attachment's link text is not cited, nor is
a Party document's `26-NQ/TW` (not a register number). The subsites' cites are in
`content.py` and `content_communes.py` with their posts; the main portal's, whose source
data lives elsewhere, are `PORTAL_CITES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..textutil import collapse

DOCUMENT_KEYS = (
    "url",
    "site",
    "number",
    "title",
    "kind",
    "agency",
    "issued",
    "effective",
    "signer",
    "summary",
    "files",
)

# The main portal's article ids and the numbers their text cites (see the module doc).
PORTAL_CITES = {
    "669820": ["12/CĐ-UBND"],
    "632105": ["123/QĐ-UBND"],
    "603318": ["12/CT-UBND"],
}


@dataclass(frozen=True)
class DocFile:
    name: str  # the file's name in its URL
    text: str | None = None  # the link text, when the page shows one other than the name


@dataclass
class Document:
    id: str
    number: str
    kind: str
    agency: str
    signer: str
    issued: date
    summary: str  # trích yếu
    field: str  # lĩnh vực
    effective: date | None = None
    files: list[DocFile] = field(default_factory=list)
    title: str | None = None  # NukeViet's own title; None where the register has none
    shows_kind: bool = True  # vnPortal: whether the page has a "Loại văn bản" row
    markup: str = "table"  # vnPortal detail: "table", "dl" or "rows"
    status: str = "Còn hiệu lực"  # NukeViet: the effectiveness the page states
    expires: date | None = None  # NukeViet: "Ngày hết hiệu lực", when there is one
    body: list[str] = field(default_factory=list)  # NukeViet: text typed into the module

    @property
    def shown_title(self) -> str:
        return self.title or self.summary


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def document_record(
    doc: Document, *, url: str, site: str, files: list[tuple[str, str]]
) -> dict[str, Any]:
    """The expected record of `doc` at `url`; `files` are (url, name) in page order."""
    return {
        "url": url,
        "site": site,
        "number": doc.number,
        "title": collapse(doc.shown_title),
        "kind": doc.kind,
        "agency": collapse(doc.agency),
        "issued": doc.issued.isoformat(),
        "effective": doc.effective.isoformat() if doc.effective else None,
        "signer": collapse(doc.signer),
        "summary": collapse(doc.summary),
        "files": [{"url": u, "name": collapse(n)} for u, n in files],
    }


D = date
UBND_TINH = "UBND tỉnh Nghệ An"

# --- www.nghean.gov.vn: the portal's register (ids of 4 digits, newest first) ------------

PORTAL_DOCUMENTS = [
    Document(
        id="4821",
        number="1205/QĐ-UBND",
        kind="Quyết định",
        agency=UBND_TINH,
        signer="Trần Minh Đức",
        issued=D(2024, 4, 12),
        effective=D(2024, 4, 12),
        summary="Phê duyệt Đề án bảo tồn, phát huy giá trị Dân ca Ví, Giặm Nghệ Tĩnh "
        "giai đoạn 2024 - 2030",
        field="Văn hóa - Thể thao - Du lịch",
        files=[DocFile("1205-qd-ubnd.pdf")],
    ),
    Document(
        id="4817",
        number="3021/UBND-VX",
        kind="Công văn",
        agency=UBND_TINH,
        signer="Trần Minh Đức",
        issued=D(2024, 4, 19),
        summary="V/v tăng cường quản lý hoạt động du lịch dịp nghỉ lễ 30/4 - 1/5/2024",
        field="Văn hóa - Thể thao - Du lịch",
        files=[DocFile("3021-ubnd-vx.pdf", "Công văn 3021/UBND-VX")],
        shows_kind=False,
    ),
    Document(
        id="4790",
        number="27/CT-UBND",
        kind="Chỉ thị",
        agency=UBND_TINH,
        signer="Lê Văn Hòa",
        issued=D(2024, 3, 28),
        effective=D(2024, 3, 28),
        summary="Về tăng cường công tác phòng cháy, chữa cháy rừng mùa khô năm 2024",
        field="Nông nghiệp - Lâm nghiệp",
        files=[DocFile("27-ct-ubnd.pdf")],
    ),
    Document(
        id="4766",
        number="2210/QĐ-UBND",
        kind="Quyết định",
        agency=UBND_TINH,
        signer="Phạm Quang Vinh",
        issued=D(2024, 3, 15),
        effective=D(2024, 3, 20),
        summary="Ban hành Kế hoạch cải cách hành chính tỉnh Nghệ An năm 2024",
        field="Cải cách hành chính",
        files=[
            DocFile("2210-qd-ubnd.pdf", "Quyết định 2210/QĐ-UBND"),
            DocFile("2210-qd-ubnd-phu-luc.docx", "Phụ lục kèm theo Quyết định"),
        ],
    ),
    Document(
        id="4702",
        number="156/TB-UBND",
        kind="Thông báo",
        agency="Văn phòng UBND tỉnh",
        signer="Hoàng Văn Bình",
        issued=D(2024, 2, 26),
        summary="Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư "
        "công năm 2024",
        field="Kế hoạch - Đầu tư",
        files=[DocFile("156-tb-ubnd.pdf")],
        shows_kind=False,
        markup="rows",
    ),
    Document(
        id="4689",
        number="45/KH-UBND",
        kind="Kế hoạch",
        agency=UBND_TINH,
        signer="Trần Minh Đức",
        issued=D(2024, 1, 22),
        summary="Tổ chức các hoạt động kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh "
        "(19/5/1890 - 19/5/2024)",
        field="Văn hóa - Thể thao - Du lịch",
        files=[DocFile("45-kh-ubnd.pdf")],
        shows_kind=False,
    ),
    Document(
        id="4653",
        number="1580/UBND-NN",
        kind="Công văn",
        agency=UBND_TINH,
        signer="Lê Văn Hòa",
        issued=D(2024, 1, 9),
        summary="V/v chủ động phòng, chống rét đậm, rét hại cho cây trồng, vật nuôi",
        field="Nông nghiệp - Lâm nghiệp",
        shows_kind=False,
    ),
    Document(
        id="4611",
        number="4117/QĐ-UBND",
        kind="Quyết định",
        agency=UBND_TINH,
        signer="Phạm Quang Vinh",
        issued=D(2023, 12, 18),
        effective=D(2024, 1, 1),
        summary="Công bố danh mục thủ tục hành chính được tiếp nhận và trả kết quả tại Trung "
        "tâm Phục vụ hành chính công tỉnh",
        field="Cải cách hành chính",
        files=[DocFile("4117-qd-ubnd.docx")],
        markup="dl",
    ),
    Document(
        id="4580",
        number="12/2023/NQ-HĐND",
        kind="Nghị quyết",
        agency="HĐND tỉnh Nghệ An",
        signer="Nguyễn Thị Thu Hà",
        issued=D(2023, 7, 14),
        effective=D(2023, 7, 24),
        summary="Quy định chính sách hỗ trợ phát triển sản xuất nông nghiệp trên địa bàn tỉnh "
        "Nghệ An giai đoạn 2023 - 2025",
        field="Nông nghiệp - Lâm nghiệp",
        files=[DocFile("12-2023-nq-hdnd.pdf")],
    ),
    Document(
        id="4544",
        number="19/CT-UBND",
        kind="Chỉ thị",
        agency=UBND_TINH,
        signer="Lê Văn Hòa",
        issued=D(2023, 6, 5),
        summary="Về tăng cường bảo đảm trật tự, an toàn giao thông dịp hè năm 2023",
        field="Giao thông vận tải",
        files=[DocFile("19-ct-ubnd.pdf")],
    ),
    Document(
        id="4512",
        number="521/CV-STTTT",
        kind="Công văn",
        agency="Sở Thông tin và Truyền thông",
        signer="Đinh Công Sơn",
        issued=D(2023, 5, 10),
        summary="V/v hướng dẫn sử dụng chữ ký số trên thiết bị di động",
        field="Thông tin - Truyền thông",
        files=[DocFile("521-cv-stttt.pdf")],
        shows_kind=False,
    ),
    Document(
        id="4105",
        number="78/2008/QĐ-UBND",
        kind="Quyết định",
        agency=UBND_TINH,
        signer="Nguyễn Văn Thông",
        issued=D(2008, 9, 15),
        effective=D(2008, 9, 25),
        summary="Ban hành Quy định về quản lý hoạt động du lịch trên địa bàn tỉnh Nghệ An",
        field="Văn hóa - Thể thao - Du lịch",
        files=[DocFile("78-2008-qd-ubnd.pdf")],
    ),
]

# --- quangchau.nghean.gov.vn: the NukeViet laws module ---------------------------------

UBND_XA = "UBND xã Quang Châu"
CHU_TICH_XA = "Nguyễn Hữu Thắng"
PHO_CHU_TICH_XA = "Trần Thị Lan"

LAWS_DOCUMENTS = [
    Document(
        id="18",
        number="86/QĐ-UBND",
        kind="Quyết định",
        title="Quyết định thành lập Ban Chỉ đạo xây dựng nông thôn mới nâng cao xã Quang Châu",
        summary="Về việc thành lập Ban Chỉ đạo xây dựng nông thôn mới nâng cao xã Quang Châu "
        "giai đoạn 2024 - 2025",
        agency=UBND_XA,
        signer=CHU_TICH_XA,
        issued=D(2024, 3, 12),
        effective=D(2024, 3, 12),
        field="Nông nghiệp - Nông thôn",
        files=[DocFile("qd-86-ubnd.pdf"), DocFile("ho-so-hong.pdf")],
    ),
    Document(
        id="17",
        number="9/TB-UBND",
        kind="Thông báo",
        title="Thông báo lịch tiêm phòng gia súc, gia cầm đợt 1 năm 2024",
        summary="Thông báo lịch tiêm phòng vắc-xin cho đàn gia súc, gia cầm đợt 1 năm 2024 tại "
        "các xóm",
        agency=UBND_XA,
        signer=PHO_CHU_TICH_XA,
        issued=D(2024, 2, 20),
        field="Nông nghiệp - Nông thôn",
        files=[DocFile("tb-9-ubnd.pdf")],
    ),
    Document(
        id="16",
        number="41/KH-UBND",
        kind="Kế hoạch",
        title="Kế hoạch bảo đảm an ninh trật tự dịp Tết Nguyên đán Giáp Thìn 2024",
        summary="Kế hoạch bảo đảm an ninh chính trị, trật tự an toàn xã hội trước, trong và sau "
        "Tết Nguyên đán Giáp Thìn 2024",
        agency=UBND_XA,
        signer=CHU_TICH_XA,
        issued=D(2024, 1, 15),
        field="An ninh - Quốc phòng",
        files=[DocFile("tai-lieu-mat.pdf")],
    ),
    Document(
        id="15",
        number="32/KH-UBND",
        kind="Kế hoạch",
        title="Kế hoạch tiếp công dân định kỳ năm 2024",
        summary="Kế hoạch tiếp công dân định kỳ của Chủ tịch UBND xã năm 2024",
        agency=UBND_XA,
        signer=CHU_TICH_XA,
        issued=D(2023, 12, 25),
        field="Tiếp công dân",
        files=[DocFile("kh-32-ubnd.docx")],
        body=[
            "Chủ tịch UBND xã tiếp công dân định kỳ vào sáng thứ Năm hằng tuần tại Phòng tiếp "
            "công dân.",
            "Văn phòng HĐND - UBND xã có trách nhiệm bố trí địa điểm, ghi sổ tiếp công dân và "
            "theo dõi việc giải quyết.",
        ],
    ),
    Document(
        id="13",
        number="5/NQ-HĐND",
        kind="Nghị quyết",
        title="Nghị quyết về dự toán thu, chi ngân sách xã năm 2024",
        summary="Nghị quyết về dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách "
        "xã Quang Châu năm 2024",
        agency="HĐND xã Quang Châu",
        signer="Lê Văn Sơn",
        issued=D(2023, 12, 20),
        effective=D(2024, 1, 1),
        field="Tài chính - Ngân sách",
        files=[DocFile("nq-5-hdnd.pdf"), DocFile("phu-luc-du-toan-2024.docx")],
    ),
    Document(
        id="11",
        number="112/UBND-VP",
        kind="Công văn",
        title="Công văn về việc rà soát hộ nghèo, hộ cận nghèo cuối năm 2023",
        summary="V/v rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều cuối năm 2023",
        agency=UBND_XA,
        signer=PHO_CHU_TICH_XA,
        issued=D(2023, 10, 16),
        field="Lao động - Xã hội",
        files=[DocFile("so-tay-10000-trang.pdf")],
    ),
    Document(
        id="8",
        number="14/CT-UBND",
        kind="Chỉ thị",
        title="Chỉ thị về tăng cường công tác phòng, chống thiên tai năm 2023",
        summary="Về tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2023",
        agency=UBND_XA,
        signer=CHU_TICH_XA,
        issued=D(2023, 5, 4),
        effective=D(2023, 5, 4),
        expires=D(2023, 12, 31),
        status="Hết hiệu lực",
        field="Phòng, chống thiên tai",
        files=[DocFile("ct-14-ubnd.pdf")],
    ),
    Document(
        id="5",
        number="71/QĐ-UBND",
        kind="Quyết định",
        title="Quyết định ban hành Quy chế làm việc của UBND xã Quang Châu nhiệm kỳ 2021 - 2026",
        summary="Ban hành Quy chế làm việc của Ủy ban nhân dân xã Quang Châu nhiệm kỳ 2021 - 2026",
        agency=UBND_XA,
        signer=CHU_TICH_XA,
        issued=D(2021, 8, 2),
        effective=D(2021, 8, 2),
        field="Tổ chức bộ máy",
        files=[DocFile("qd-71-ubnd.pdf")],
        body=[
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân xã "
            "Quang Châu nhiệm kỳ 2021 - 2026.",
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
        ],
    ),
]


def register_order(docs: list[Document]) -> list[Document]:
    """Newest issued first (ties: the higher id first), as both registers list."""
    return sorted(docs, key=lambda d: (d.issued, int(d.id)), reverse=True)
