"""Documents of the registers (văn bản): numbers, citations, document pages and register
lists, on pages written by hand for each markup the registers use.  The expected values
are read off the pages by eye."""

from __future__ import annotations

import pytest

from crawler.kernel.numbers import citations, kind_of, number_key
from crawler.parsers import parse_article_doc, parse_document, parse_register
from crawler.parsers.page import load

SITE = "http://www.nghean.gov.vn"


@pytest.mark.parametrize("typed", ["1205/QĐ-UBND", "1205/qd-ubnd", "1205 QĐ-UBND",
                                   "1205/QD-UBND", " 1205 / qđ - ubnd ", "01205/QĐ-UBND"])
def test_every_spelling_of_a_number_has_one_key(typed):
    assert number_key(typed) == number_key("1205/QĐ-UBND")


@pytest.mark.parametrize("text", ["12/4/2024", "Nguyễn Đức Trung", "50/ha", "1205", "",
                                  "QĐ-UBND", "2/9"])
def test_what_is_no_number_has_no_key(text):
    assert number_key(text) is None


def test_numbers_with_a_year_keep_it_apart():
    assert number_key("78/2008/QĐ-UBND") != number_key("78/QĐ-UBND")
    assert number_key("78 2008 qđ-ubnd") == number_key("78/2008/QĐ-UBND")


def test_citations_in_running_text():
    text = ("Thực hiện Quyết định số 1205/QĐ-UBND ngày 12/4/2024 của UBND tỉnh và Kế hoạch "
            "45/KH-UBND, Công văn số 3021/UBND-VX; Nghị quyết số 12/2023/NQ-HĐND. Diện tích "
            "50/ha, tỷ lệ 1/2, ngày 2/9. Nhắc lại Quyết định 1205/QĐ-UBND.")
    assert citations(text) == ["1205/QĐ-UBND", "45/KH-UBND", "3021/UBND-VX",
                               "12/2023/NQ-HĐND"]


def test_citations_across_title_lead_and_body_are_counted_once():
    assert citations("Triển khai 45/KH-UBND", None, "Theo 45/KH-UBND và 7/CT-UBND") == [
        "45/KH-UBND", "7/CT-UBND"]


@pytest.mark.parametrize("number,kind", [
    ("1205/QĐ-UBND", "Quyết định"), ("45/KH-UBND", "Kế hoạch"), ("3021/UBND-VX", "Công văn"),
    ("15/CV-SYT", "Công văn"), ("06/CT-UBND", "Chỉ thị"), ("25/TB-UBND", "Thông báo"),
    ("12/2023/NQ-HĐND", "Nghị quyết"), ("78/2008/QĐ-UBND", "Quyết định"),
])
def test_the_kind_follows_from_the_code(number, kind):
    assert kind_of(number) == kind


def test_without_a_code_the_title_says_the_kind():
    assert kind_of(None, "Kế hoạch tổ chức Tháng hành động") == "Kế hoạch"
    assert kind_of("123", "Thông báo kết luận") == "Thông báo"
    assert kind_of(None, "Về việc tăng cường") is None


TABLE_PAGE = """<html><head><title>Chi tiết văn bản</title></head><body>
<header><h1>Cổng thông tin điện tử tỉnh Nghệ An</h1><a href="/files/logo.pdf">x</a></header>
<div class="main"><h2>Chi tiết văn bản</h2>
<table class="table"><tbody>
<tr><td class="lbl">Số ký hiệu</td><td>1205/QĐ-UBND</td></tr>
<tr><td class="lbl">Ngày ban hành</td><td>12/04/2024</td></tr>
<tr><td class="lbl">Ngày có hiệu lực</td><td>20/04/2024</td></tr>
<tr><td class="lbl">Loại văn bản</td><td>Quyết định</td></tr>
<tr><td class="lbl">Cơ quan ban hành</td><td>UBND tỉnh Nghệ An</td></tr>
<tr><td class="lbl">Người ký</td><td>Nguyễn Đức Trung</td></tr>
<tr><td class="lbl">Trích yếu</td><td>Phê duyệt Đề án phát triển du lịch cộng đồng</td></tr>
</tbody></table>
<p>File đính kèm: <a href="https://datafiles.nghean.gov.vn/nan-ubnd/vb/1205.pdf">1205-qd-ubnd.pdf</a>
<a href="/Uploads/vb/1205-phu-luc.docx">Phụ lục</a></p></div>
<footer><a href="/files/gioi-thieu.pdf">Giới thiệu</a></footer></body></html>"""


def test_a_label_value_table_is_a_document():
    doc = parse_document(load(TABLE_PAGE), f"{SITE}/van-ban/phe-duyet-de-an-1234")
    assert doc is not None
    assert (doc.number, doc.kind, doc.agency, doc.issued, doc.effective, doc.signer) == (
        "1205/QĐ-UBND", "Quyết định", "UBND tỉnh Nghệ An", "2024-04-12", "2024-04-20",
        "Nguyễn Đức Trung")
    assert doc.summary == "Phê duyệt Đề án phát triển du lịch cộng đồng"
    # the register's own heading is generic: the summary is the title
    assert doc.title == doc.summary
    assert [(f.url, f.name) for f in doc.files] == [
        ("https://datafiles.nghean.gov.vn/nan-ubnd/vb/1205.pdf", "1205-qd-ubnd.pdf"),
        (f"{SITE}/Uploads/vb/1205-phu-luc.docx", "Phụ lục")]


def judgment_item(number: str, day: str) -> str:
    return (f"<li><span>Tên bản án:</span> Bản án về tội trộm cắp tài sản</li><li><span>Số bản "
            f"án:</span> {number}</li><li><span>Ngày tuyên án:</span> {day}</li><li><span>Tòa "
            "án xét xử:</span> TAND huyện Nghi Lộc - Nghệ An</li><li><span>Loại vụ/việc:</span>"
            " Hình sự</li><li><span>Thông tin về vụ/việc:</span> Bị cáo chiếm đoạt 01 xe mô "
            "tô; xử phạt 09 tháng tù.</li>")


JUDGMENT = ('<html><body><h1>Bản án số 15/2023/HS-ST ngày 21/03/2023 của TAND huyện Nghi Lộc'
            "</h1><ul class=\"info\">" + judgment_item("15/2023/HS-ST", "21/03/2023")
            + '</ul><a class="btn" href="/5ta1187402t1cvn/chi-tiet-ban-an/download">Tải bản '
            'án</a><a href="/5ta1187402t1cvn/chi-tiet-ban-an">Bản án</a></body></html>')


def test_a_courts_judgment_page_is_a_document_of_its_own_kind():
    # A court's attribute page is no news, and its number's code names a case, not an act.
    doc = parse_document(load(JUDGMENT), "https://congbobanan.toaan.gov.vn/5ta1187402t1cvn/chi-tiet-ban-an")
    assert (doc.number, doc.kind, doc.issued, doc.agency, doc.title) == (
        "15/2023/HS-ST", "Bản án", "2023-03-21", "TAND huyện Nghi Lộc - Nghệ An",
        "Bản án về tội trộm cắp tài sản")
    assert doc.summary == "Bị cáo chiếm đoạt 01 xe mô tô; xử phạt 09 tháng tù."
    assert [f.url for f in doc.files] == [
        "https://congbobanan.toaan.gov.vn/5ta1187402t1cvn/chi-tiet-ban-an/download"]
    # a list of judgments is no one judgment
    two = JUDGMENT.replace("</ul>", judgment_item("09/2023/HS-ST", "14/02/2023") + "</ul>")
    assert parse_document(load(two), "https://congbobanan.toaan.gov.vn/danh-sach") is None


def test_a_file_shown_only_in_a_viewer_is_the_documents_file():
    page = DL_PAGE.replace("</dl>", '</dl><iframe src="/viewer.aspx?file=/Uploads/2024/2/'
                                    '45-kh-ubnd.pdf" width="100%"></iframe>')
    doc = parse_document(load(page), f"{SITE}/van-ban/chi-tiet.aspx?ItemID=1004")
    assert [f.url for f in doc.files] == [f"{SITE}/Uploads/2024/2/45-kh-ubnd.pdf"]


DL_PAGE = """<html><body><div class="content">
<h1 class="title">Kế hoạch tổ chức Tháng hành động vì an toàn thực phẩm năm 2024</h1>
<dl class="props"><dt>Số hiệu:</dt><dd>45/KH-UBND</dd>
<dt>Ngày ban hành:</dt><dd>01/02/2024</dd><dt>Trích yếu:</dt><dd>Tháng hành động ATTP</dd></dl>
<div class="row"><div class="label">Người ký:</div><div class="value">Lê Hồng Vinh</div></div>
<p><strong>Cơ quan ban hành:</strong> UBND tỉnh</p>
</div></body></html>"""


def test_a_definition_list_and_div_rows_are_a_document_too():
    doc = parse_document(load(DL_PAGE), f"{SITE}/vb/45")
    assert doc is not None
    assert doc.number == "45/KH-UBND"
    assert doc.title == "Kế hoạch tổ chức Tháng hành động vì an toàn thực phẩm năm 2024"
    # no "Loại văn bản": the code says Kế hoạch
    assert doc.kind == "Kế hoạch"
    assert (doc.issued, doc.effective, doc.signer, doc.agency) == (
        "2024-02-01", None, "Lê Hồng Vinh", "UBND tỉnh")
    assert doc.files == []


def test_nukeviet_laws_detail_properties():
    page = """<html><body><div class="law-detail"><h1>Quyết định về giá dịch vụ</h1>
    <div id="doc-basic" class="tab-pane"><table class="table-properties">
    <tr><th>Số hiệu văn bản</th><td>78/2008/QĐ-UBND</td><th>Ngày ban hành</th><td>05/09/2008</td></tr>
    <tr><th>Loại văn bản</th><td>Quyết định</td><th>Ngày có hiệu lực</th><td>15/09/2008</td></tr>
    <tr><th>Cơ quan ban hành</th><td>UBND xã Quang Châu</td><th>Người ký</th><td>Trần Văn B</td></tr>
    <tr><th>Trích yếu</th><td colspan="3">Về giá dịch vụ</td></tr></table></div>
    <div id="doc-body" class="tab-pane"><p>Điều 1. Ban hành giá.</p></div>
    <div id="doc-files"><a href="/uploads/laws/78-2008.pdf">78-2008.pdf</a></div></div></body></html>"""
    doc = parse_document(load(page), "http://quangchau.nghean.gov.vn/laws/detail/x-12/")
    assert (doc.number, doc.issued, doc.effective, doc.kind, doc.agency, doc.signer) == (
        "78/2008/QĐ-UBND", "2008-09-05", "2008-09-15", "Quyết định", "UBND xã Quang Châu",
        "Trần Văn B")
    assert doc.title == "Quyết định về giá dịch vụ"
    assert doc.summary == "Về giá dịch vụ"
    assert doc.text == "Điều 1. Ban hành giá."
    assert [f.url for f in doc.files] == ["http://quangchau.nghean.gov.vn/uploads/laws/78-2008.pdf"]


ARTICLE_WITH_A_NUMBER = """<html><body><article><h1>UBND tỉnh ban hành kế hoạch</h1>
<p class="date">12/04/2024</p><div class="content"><p>Ngày 12/4, UBND tỉnh ban hành Kế hoạch
số 45/KH-UBND về tổ chức Tháng hành động. Trích yếu nội dung như sau: các sở, ngành triển
khai đồng bộ.</p><p>Kế hoạch yêu cầu các địa phương báo cáo trước ngày 30/4.</p></div>
</article></body></html>"""


def test_an_article_that_names_a_document_is_no_document():
    assert parse_document(load(ARTICLE_WITH_A_NUMBER), f"{SITE}/tin/a-123456") is None


REGISTER = """<html><body><header><ul class="menu"><li><a href="/van-ban">Văn bản</a></li></ul></header>
<h1>Văn bản chỉ đạo điều hành</h1><table class="table"><thead><tr><th>Số ký hiệu</th>
<th>Ngày ban hành</th><th>Trích yếu</th><th>Tải về</th></tr></thead><tbody>
<tr><td>1205/QĐ-UBND</td><td>12/04/2024</td><td><a href="/van-ban/phe-duyet-1234">Phê duyệt đề án 1205/QĐ-UBND</a></td>
<td><a href="/Uploads/1205.pdf">Tải</a></td></tr>
<tr><td>45/KH-UBND</td><td>01/02/2024</td><td><a href="/van-ban/thang-hanh-dong-1233">Tháng hành động</a></td><td></td></tr>
<tr><td>3021/UBND-VX</td><td>15/01/2024</td><td><a href="/van-ban/cong-van-1232">Về việc tăng cường</a></td><td></td></tr>
</tbody></table><ul class="pagination"><li><a href="/van-ban?page=2">2</a></li></ul></body></html>"""


def test_a_register_list_lists_its_documents_pages():
    listing = parse_register(load(REGISTER), f"{SITE}/van-ban")
    assert [(e.url, e.title, e.published_at) for e in listing.entries] == [
        (f"{SITE}/van-ban/phe-duyet-1234", "Phê duyệt đề án 1205/QĐ-UBND", "2024-04-12"),
        (f"{SITE}/van-ban/thang-hanh-dong-1233", "Tháng hành động", "2024-02-01"),
        (f"{SITE}/van-ban/cong-van-1232", "Về việc tăng cường", "2024-01-15")]
    assert listing.category == "Văn bản chỉ đạo điều hành"


def test_a_register_list_is_no_document():
    assert parse_document(load(REGISTER), f"{SITE}/van-ban") is None


def test_a_news_article_is_no_register():
    doc = load(ARTICLE_WITH_A_NUMBER)
    assert parse_register(doc, f"{SITE}/tin/a-123456") is None
    assert parse_article_doc(doc, f"{SITE}/tin/a-123456").cites == ["45/KH-UBND"]


@pytest.mark.parametrize("href,text", [
    ("/van-ban?pageindex=2", "2"), ("/van-ban?PageIndex=3&cat=5", "»"),
    ("/van-ban/trang-2", "Trang sau"), ("/van-ban?p=4", "Cuối"),
])
def test_a_registers_own_pager_is_followed_whatever_its_parameter(href, text):
    page = REGISTER.replace('<ul class="pagination"><li><a href="/van-ban?page=2">2</a></li></ul>',
                            f'<div class="pager"><a href="{href}">{text}</a>'
                            '<a href="/tin-tuc/bai-123456">12</a><a href="/lien-he">Sau</a></div>')
    listing = parse_register(load(page), f"{SITE}/van-ban")
    assert listing.pager_links == [f"{SITE}{href}"]


def test_laws_and_dashes_from_word_processors():
    text = ("Luật số 59/2020/QH14, Nghị định 100/2019/NĐ-CP và Quyết định 1205/QĐ–UBND "
            "(gõ bằng gạch ngang dài); năm 2020/2021 không phải số văn bản.")
    assert citations(text) == ["59/2020/QH14", "100/2019/NĐ-CP", "1205/QĐ-UBND"]
    assert number_key("59 2020 qh14") == number_key("59/2020/QH14")
    assert number_key("1205/QĐ–UBND") == number_key("1205/QĐ-UBND")
    assert kind_of("100/2019/NĐ-CP") == "Nghị định"


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"])
def test_every_dash_a_word_processor_types_is_a_hyphen_in_a_number(dash):
    text = f"Căn cứ Quyết định 1205/QĐ{dash}UBND và Công văn 12/UBND{dash}VX{dash}KT."
    assert citations(text) == ["1205/QĐ-UBND", "12/UBND-VX-KT"]
    assert number_key(f"1205/QĐ{dash}UBND") == "1205/QD-UBND"


def test_a_row_whose_label_names_several_fields_gives_each_its_cell():
    """vbpl's "Thuộc tính" page: the summary heads the table in one cell across it, and
    one row's label names the agency, the signer's title and the signer over three cells."""
    page = load(
        '<html><body><div class="vbProperties"><table><tr><td colspan="4" class="title">Quy '
        'định một số chính sách hỗ trợ phát triển nông nghiệp trên địa bàn tỉnh</td></tr><tr>'
        '<td class="label">Số ký hiệu</td><td>12/2019/NQ-HĐND</td><td class="label">Ngày ban '
        'hành</td><td>12/07/2019</td></tr><tr><td class="label">Loại văn bản</td><td>Nghị '
        'quyết</td><td class="label">Ngày có hiệu lực</td><td>22/07/2019</td></tr><tr><td '
        'class="label">Cơ quan ban hành/ Chức danh / Người ký</td><td>Hội đồng Nhân dân tỉnh '
        'Nghệ An</td><td>Chủ tịch</td><td>Hoàng Văn Nhân</td></tr></table></div></body></html>')
    document = parse_document(page, "https://vbpl.moj.gov.vn/nghean/Pages/vbpq-thuoctinh.aspx"
                                    "?dvid=317&ItemID=139120")
    assert (document.number, document.agency, document.signer) == (
        "12/2019/NQ-HĐND", "Hội đồng Nhân dân tỉnh Nghệ An", "Hoàng Văn Nhân")
    assert document.summary == ("Quy định một số chính sách hỗ trợ phát triển nông nghiệp "
                                "trên địa bàn tỉnh")
    assert (document.issued, document.effective) == ("2019-07-12", "2019-07-22")


def test_the_files_of_other_documents_beside_it_are_not_its_files():
    """A register's page lists "Văn bản cùng lĩnh vực", each with its own download link,
    and a side box links a handbook: neither is this document's file."""
    own = "https://storage-vnportal.vnpt.vn/nan-ubnd/1/quantrivanban/15-ct-ubnd6369535.pdf"
    page = load(
        '<html><body><div class="col-md-9"><table><tr><td>Số ký hiệu</td><td>15/CT-UBND</td>'
        '</tr><tr><td>Ngày ban hành</td><td>20/05/2019</td></tr><tr><td>Cơ quan ban hành</td>'
        '<td>UBND tỉnh Nghệ An</td></tr><tr><td>Trích yếu</td><td>Chỉ thị về việc tăng cường '
        'quản lý khai thác khoáng sản</td></tr><tr><td>Tệp đính kèm</td><td><a class="link-'
        f'download" href="{own}">15-ct-ubnd.pdf</a></td></tr></table><div class="document-'
        'other"><h3>Văn bản cùng lĩnh vực</h3><ul><li><a href="https://www.nghean.gov.vn/van-'
        'ban-chi-dao-dieu-hanh/ke-hoach-27-kh-ubnd-9733"><strong>27/KH-UBND</strong> - Kế hoạch'
        ' kiểm tra khai thác khoáng sản</a> <a class="link-download" href="https://storage-'
        'vnportal.vnpt.vn/nan-ubnd/1/quantrivanban/27-kh-ubnd6369053.pdf">Tải về</a></li></ul>'
        '</div></div><div class="col-md-3 col-right"><div class="box-side"><h3>Tài liệu</h3>'
        '<ul><li><a href="https://datafiles.nghean.gov.vn/nan-ubnd/3010/cam-nang-chuyen-doi-so'
        '.pdf">Cẩm nang chuyển đổi số</a></li></ul></div></div></body></html>')
    document = parse_document(page, "https://www.nghean.gov.vn/van-ban-chi-dao-dieu-hanh/"
                                    "chi-thi-15-ct-ubnd-9876")
    assert document.number == "15/CT-UBND"
    assert [f.url for f in document.files] == [own]


@pytest.mark.parametrize("cell, signer", [
    ("Phó Chủ tịch - Trần Minh Quang", "Trần Minh Quang"),
    ("KT. Chủ tịch: Lê Hồng Vinh", "Lê Hồng Vinh"),
    ("Lê Văn An (Phó Giám đốc Sở)", "Lê Văn An"),
    ("Nguyễn Văn Đệ", "Nguyễn Văn Đệ"),
    ("Phó Chủ tịch UBND tỉnh<br />Hoàng&nbsp;Văn Thành", "Hoàng Văn Thành"),
    # the title run into the name, no mark between
    ("Phó Chủ tịch UBND tỉnh Đặng Thị Lan", "Đặng Thị Lan"),
    ("KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC Nguyễn Hữu Tài", "Nguyễn Hữu Tài"),
    ("Giám đốc Sở Nguyễn Văn An", "Nguyễn Văn An"),
    # a police officer's rank
    ("Đại tá Trương Quốc Bình", "Trương Quốc Bình"),
    ("Phó Giám đốc - Thượng tá Lê Minh Đức", "Lê Minh Đức"),
    # a joint document's signers, joined as writers are
    ("Nguyễn Đình Hòa; Chủ tịch UBMTTQ huyện Lê Thị Thanh Xuân",
     "Nguyễn Đình Hòa, Lê Thị Thanh Xuân"),
])
@pytest.mark.parametrize("label", ["Người ký", "Thẩm phán - Chủ tọa phiên tòa"])
def test_the_signer_is_the_person_without_the_title_printed_beside(cell, signer, label):
    html = ("<html><body><h1>Quyết định 1205/QĐ-UBND</h1><table class='vb'><tr><th>Số ký hiệu</th>"
            "<td>1205/QĐ-UBND</td></tr><tr><th>Ngày ban hành</th><td>12/04/2024</td></tr><tr><th>"
            f"Cơ quan ban hành</th><td>UBND tỉnh Nghệ An</td></tr><tr><th>{label}</th><td>"
            f"{cell}</td></tr><tr><th>Trích yếu</th><td>Về việc phê duyệt kế hoạch</td></tr>"
            "</table><p><a rel='nofollow' href='/laws/detail/Quyet-dinh-1205-412/?download=1&amp;"
            "id=0'>Nhấn vào link để tải file: <strong>1205-QD-UBND.signed.pdf</strong></a></p>"
            "</body></html>")
    doc = parse_document(load(html), SITE + "/van-ban/quyet-dinh-1205-qd-ubnd-12345")
    assert doc is not None and doc.signer == signer
    # NukeViet's laws module serves the file at the page's own address, asked for it
    assert [f.url for f in doc.files] == [SITE + "/laws/detail/Quyet-dinh-1205-412/?download=1&id=0"]


def test_a_file_linked_through_a_download_script_is_the_documents():
    """vbpl.vn links the original through "javascript:downloadfile('name', '/path')"."""
    files = "/FileData/nghean/Lists/vbpq/Attachments/162345/"
    html = ("<html><body><h1>Quyết định 12/2024/QĐ-UBND</h1><table class='vb'><tr><th>Số ký "
            "hiệu</th><td>12/2024/QĐ-UBND</td></tr><tr><th>Ngày ban hành</th><td>12/04/2024</td>"
            "</tr><tr><th>Cơ quan ban hành</th><td>UBND tỉnh Nghệ An</td></tr><tr><th>Trích yếu"
            "</th><td>Ban hành quy định</td></tr></table><ul><li>Văn bản gốc: <a href=\"javascript:"
            f"downloadfile('VanBanGoc_12.pdf','{files}VanBanGoc_12.pdf');\">VanBanGoc_12.pdf</a>"
            f'</li><li>Tải về: <a href="{files}12.doc">12.doc</a></li><li>In: <a href="javascript:'
            "window.print()\">In</a></li></ul></body></html>")
    doc = parse_document(load(html), "https://vbpl.vn/nghean/Pages/vbpq-thuoctinh.aspx?ItemID=162345")
    assert [f.url for f in doc.files] == [f"https://vbpl.vn{files}VanBanGoc_12.pdf",
                                          f"https://vbpl.vn{files}12.doc"]


def test_a_number_joining_two_offices_or_with_a_small_letter_is_cited():
    # "Sở GD&ĐT", and "GDTrH" (Giáo dục Trung học) as departments number their letters
    assert citations("Công văn số 3125/SGD&ĐT-GDTrH hướng dẫn nhiệm vụ năm học") == [
        "3125/SGD&ĐT-GDTRH"]
    assert citations("Theo 1507/SGD&ĐT-VP ngày 12/4/2024, 50/ha") == ["1507/SGD&ĐT-VP"]


def test_a_register_row_whose_summary_cites_another_document_is_still_its_row():
    rows = "".join(
        f'<tr><td><a href="/van-ban/{slug}">{number}</a></td><td>01/08/2024</td>'
        f'<td><a href="/van-ban/{slug}">{summary}</a></td></tr>'
        for slug, number, summary in (
            ("nd-97-2024", "97/2024/NĐ-CP", "Nghị định sửa đổi Nghị định số 38/2022/NĐ-CP"),
            ("qd-28-2024", "28/2024/QĐ-UBND", "Quyết định ban hành quy định mức hỗ trợ"),
            ("nq-12-2024", "12/2024/NQ-HĐND", "Nghị quyết quy định chính sách hỗ trợ")))
    html = ('<html><head><meta charset="utf-8"><title>Văn bản</title></head><body><h1>Văn bản'
            f"</h1><table><tr><th>Số ký hiệu</th><th>Ngày</th><th>Trích yếu</th></tr>{rows}"
            "</table></body></html>")
    listing = parse_register(load(html), "https://sldtbxh.example.vn/van-ban")
    assert [e.url.rsplit("/", 1)[1] for e in listing.entries] == [
        "nd-97-2024", "qd-28-2024", "nq-12-2024"]


_PROPERTIES = ("<table class='table'><tr><th>Số ký hiệu</th><td>01/CT-UBND</td></tr><tr><th>Ngày ban "
               "hành</th><td>02/12/2024</td></tr><tr><th>Cơ quan ban hành</th><td>UBND huyện Tân "
               "Phước</td></tr><tr><th>Người ký</th><td>Lê Văn Hải</td></tr></table>")
_SUMMARY = "Chỉ thị về tăng cường công tác phòng cháy, chữa cháy mùa hanh khô năm 2024 - 2025"


@pytest.mark.parametrize("before", [
    # NukeViet 3's laws module: the number over the summary, the table in a wrapper
    f"<h3 class='lawh3'>Chỉ thị số 01/CT-UBND</h3><p>{_SUMMARY}</p>",
    # Joomla's eDocman: the description's <div>
    f"<h1 class='edocman-page-heading'>01/CT-UBND</h1><div class='edocman-description'>{_SUMMARY}</div>",
    # and its heading in a box of its own, naming the document by kind and number
    "<div class='edocman-box-heading'><h1 class='edocman-page-heading'>Chỉ thị số 01/CT-UBND"
    f"</h1></div><div class='edocman-description'><p>{_SUMMARY}</p></div>",
    # the heading is the document's name
    f"<h1>{_SUMMARY}</h1>",
])
def test_a_documents_summary_without_its_label(before):
    html = (f"<html><body><div class='main'>{before}<div class='table-responsive'>{_PROPERTIES}"
            "</div></div></body></html>")
    doc = parse_document(load(html), SITE + "/laws/detail/Chi-thi-so-01-CT-UBND-312/")
    assert doc is not None and (doc.number, doc.summary) == ("01/CT-UBND", _SUMMARY)


@pytest.mark.parametrize("printed, number", [
    ("2310/SGDĐT-GDTrH", "2310/SGDĐT-GDTrH"),  # a code's small letters are its own (trung học)
    ("1205/qđ-ubnd", "1205/QĐ-UBND"),  # typed all in small letters
])
def test_a_documents_number_is_kept_as_the_register_prints_it(printed, number):
    html = ("<html><body><table class='vb'><tr><th>Số ký hiệu</th>"
            f"<td>{printed}</td></tr><tr><th>Ngày ban hành</th><td>12/08/2024</td></tr><tr><th>"
            "Cơ quan ban hành</th><td>Sở Giáo dục và Đào tạo</td></tr><tr><th>Trích yếu</th><td>"
            "Hướng dẫn nhiệm vụ giáo dục trung học năm học 2024 - 2025</td></tr></table>"
            "</body></html>")
    doc = parse_document(load(html), SITE + "/laws/detail/Cong-van-2310-412/")
    assert doc.number == number


def test_a_sharepoint_list_items_form_is_a_document():
    """SharePoint's DispForm prints each field's value after a comment naming the field:
    the value is the text after the comment."""
    def row(label, value):
        return (f'<tr><td class="ms-formlabel"><h3 class="ms-standardheader">{label}</h3></td>'
                f'<td class="ms-formbody">\n<!-- FieldName="{label}" FieldType="SPFieldText" -->'
                f"\n{value}\n</td></tr>")
    rows = (row("Số ký hiệu", "1532/QĐ-UBND") + row("Ngày ban hành", "12/08/2024")
            + row("Cơ quan ban hành", "UBND tỉnh Lam Sơn") + row("Trích yếu", "Về việc phê duyệt"
                                                                 " Đề án du lịch cộng đồng"))
    html = (f'<html><body><form id="aspnetForm"><table class="ms-formtable">{rows}</table></form>'
            "</body></html>")
    doc = parse_document(load(html), "https://vanban.nghean.gov.vn/Lists/VanBan/DispForm.aspx?ID=2715")
    assert (doc.number, doc.issued, doc.agency, doc.summary) == (
        "1532/QĐ-UBND", "2024-08-12", "UBND tỉnh Lam Sơn", "Về việc phê duyệt Đề án du lịch cộng đồng")


def test_the_text_after_a_comment_is_text():
    from crawler.parsers.page import block_lines

    el = load("<html><body><div><p>Hội nghị <!-- sửa 12/3 --> đã thông qua</p><p>x<?php ?>y</p>"
              "</div></body></html>").find(".//div")
    assert block_lines(el) == ["Hội nghị đã thông qua", "xy"]


def test_wordpress_download_managers_button_is_the_documents_file():
    dl = ("https://xatanhoa.nghean.gov.vn/download/quyet-dinh-245/?wpdmdl=1187"
          "&refresh=6761b0c3e5a8f")
    html = ("<html><body><h1>Quyết định số 245/QĐ-UBND</h1><table><tr><td>Số ký hiệu</td><td>"
            "245/QĐ-UBND</td></tr><tr><td>Ngày ban hành</td><td>02/12/2024</td></tr><tr><td>Cơ "
            "quan ban hành</td><td>UBND xã Tân Hòa</td></tr></table><a class='wpdm-download-link "
            f"btn' rel='nofollow' href='#' data-downloadurl=\"{dl.replace('&', '&amp;')}\">Tải về"
            "</a></body></html>")
    doc = parse_document(load(html), "https://xatanhoa.nghean.gov.vn/download/quyet-dinh-245/")
    assert [f.url for f in doc.files] == [dl]
