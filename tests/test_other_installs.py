"""Pages as other installs print them: a page builder's widgets, a template's <body>
class that names the wrong view, a register with its number only in the document's name,
a laws page with a box of other laws, a damaged UTF-8 page, a session in every link."""

from __future__ import annotations

import pytest

from crawler.kernel.dates import parse_date
from crawler.kernel.text import canonical_url
from crawler.parsers import classify
from crawler.parsers.page import decode_page

PARAS = ("<p>Sáng Chủ nhật, Ủy ban nhân dân phường tổ chức ra quân tổng vệ sinh môi trường "
         "tại các tuyến hẻm thuộc khu vực 1, 2 và 4 với hơn 300 người tham gia.</p>"
         "<p>Các đoàn viên, hội viên và người dân đã thu gom rác thải, khơi thông cống rãnh, "
         "phát quang bụi rậm và trồng mới 150 cây xanh dọc bờ kè.</p>"
         "<p>Dịp này, phường phát động phong trào phân loại rác tại nguồn, mỗi hộ gia đình "
         "được phát hai thùng chứa rác hữu cơ và rác tái chế.</p>")
TITLE = "Phường Tân An ra quân tổng vệ sinh môi trường hưởng ứng Ngày Chủ nhật xanh"
FOOT = ('<footer class="site-info"><p>Ủy ban nhân dân phường Tân An. Địa chỉ: số 2 Hai Bà '
        "Trưng, quận Ninh Kiều, thành phố Cần Thơ.</p><p>© Bản quyền thuộc Ủy ban nhân dân "
        "phường Tân An.</p></footer>")


def _widget(kind: str, inner: str) -> str:
    return (f'<div class="elementor-element elementor-widget elementor-widget-{kind}" '
            f'data-widget_type="{kind}.default"><div class="elementor-widget-container">'
            f"{inner}</div></div>")


def test_a_page_builders_single_post_is_an_article():
    # Elementor names every element a widget, and the template's <body> class names the
    # header and footer it draws: neither makes the post's text chrome.
    page = (f'<html><head><meta charset="utf-8"><title>{TITLE} – Phường Tân An</title>'
            '<meta property="og:type" content="article"></head>'
            '<body class="post-template-elementor_header_footer single single-post postid-3912">'
            '<nav class="main-navigation"><a href="/">Trang chủ</a> <a href="/category/tin-tuc/">'
            'Tin tức</a></nav><div data-elementor-type="single-post" class="elementor '
            'elementor-location-single post-3912 post type-post"><section class="elementor-'
            'section"><div class="elementor-column"><div class="elementor-widget-wrap">'
            + _widget("theme-post-title", f'<h1 class="elementor-heading-title">{TITLE}</h1>')
            + _widget("post-info", '<ul class="elementor-post-info"><li itemprop="datePublished">'
                      '<span class="elementor-post-info__item--type-date">4 Tháng Mười, 2023'
                      '</span></li><li><span class="elementor-post-info__item--type-time">8:45 '
                      "sáng</span></li></ul>")
            + _widget("theme-post-content", PARAS)
            + "</div></div></section></div>" + FOOT + "</body></html>")
    role = classify(page, "https://phuongtanan.cantho.gov.vn/phuong-tan-an-ra-quan-tong-ve-sinh/")
    assert role.role == "article", role.evidence
    assert role.record.title == TITLE
    assert role.record.body.startswith("Sáng Chủ nhật, Ủy ban nhân dân phường")
    assert role.record.body.endswith("rác hữu cơ và rác tái chế.")
    assert role.record.published_at.startswith("2023-10-04")


@pytest.mark.parametrize("text, day", [
    ("4 Tháng Mười, 2023", "2023-10-04"),
    ("Tháng Mười 4, 2023", "2023-10-04"),
    ("Tháng 10 15, 2024", "2024-10-15"),
    ("15 Tháng Mười Hai, 2023 3:05 chiều", "2023-12-15T15:05:00+07:00"),
    ("1 Tháng Một, 2024 8:45 sáng", "2024-01-01T08:45:00+07:00"),
    ("Ngày 11 tháng 10 năm 2024 - Cập nhật lúc 18:05 ngày 20/11/2024", "2024-10-11"),
])
def test_wordpress_vietnamese_month_names_and_an_updates_own_time(text, day):
    assert parse_date(text) == day


def test_a_headline_ending_in_a_bracket_is_no_paragraph_and_the_date_under_it_counts():
    title = "Cảnh báo thủ đoạn lừa đảo chiếm đoạt tài sản qua mạng xã hội (cập nhật)"
    page = ('<html><head><meta charset="utf-8"><title>' + title + "</title></head><body>"
            '<div id="dnn_Menu"><a href="/">Trang chủ</a> | <a href="/tin-tuc.html">Tin tức</a>'
            '</div><div id="dnn_ContentPane"><div class="news-detail"><h1>' + title + "</h1>"
            '<div class="news-detail-date">Ngày 11 tháng 10 năm 2024 - Cập nhật lúc 18:05 ngày '
            '20/11/2024</div><div class="news-detail-content">' + PARAS + "</div>"
            '<div class="news-detail-author">Tác giả: Lê Hà</div></div></div></body></html>')
    role = classify(page, "http://congan.hagiang.gov.vn/tin-tuc/chi-tiet-5538/canh-bao.html")
    assert role.role == "article", role.evidence
    assert role.record.title == title
    assert role.record.published_at == "2024-10-11"
    assert role.record.author == "Lê Hà"


@pytest.mark.parametrize("body_class, post", [
    ("home blog", '<article class="post-701258 post type-post"><header class="entry-header">'
                  '<h1 class="entry-title">{t}</h1><time class="entry-date published" '
                  'datetime="2024-06-11T07:45:00+07:00">11/06/2024</time></header>'
                  '<div class="entry-content">{p}</div></article>'),
    ("site com_content view-category layout-blog",
     '<div class="item-page" itemscope itemtype="https://schema.org/Article"><div class='
     '"page-header"><h2 itemprop="headline">{t}</h2></div><dl class="article-info"><dd '
     'class="published"><time datetime="2024-06-11T07:45:00+07:00" itemprop="datePublished">'
     "11/06/2024</time></dd></dl><div itemprop=\"articleBody\">{p}</div></div>"),
])
def test_one_post_on_the_page_outweighs_a_body_class_naming_a_list(body_class, post):
    page = (f'<html><head><meta charset="utf-8"><title>{TITLE}</title></head>'
            f'<body class="{body_class}"><nav><a href="/">Trang chủ</a></nav><main>'
            + post.format(t=TITLE, p=PARAS) + "</main>" + FOOT + "</body></html>")
    role = classify(page, "http://xa.tuyenquang.gov.vn/2024/06/11/phuong-ra-quan-258/")
    assert role.role == "article", role.evidence
    assert role.record.published_at == "2024-06-11T07:45:00+07:00"
    # two posts under that class are a blog's list, no article
    two = page.replace("</main>", post.format(t=TITLE + " lần hai", p=PARAS) + "</main>")
    assert classify(two, "http://xa.tuyenquang.gov.vn/2024/06/").role != "article"


LAW_ROWS = ("<tr><td>Số ký hiệu</td><td>25/2024/QĐ-UBND</td></tr><tr><td>Ngày ban hành</td>"
            "<td>12/06/2024</td></tr><tr><td>Loại văn bản</td><td>Quyết định</td></tr>"
            "<tr><td>Cơ quan ban hành</td><td>UBND tỉnh</td></tr><tr><td>Người ký</td>"
            "<td>Nguyễn Văn Sơn</td></tr>")


def test_a_laws_page_with_a_box_of_other_laws_is_its_own_document():
    page = ('<html><head><meta charset="utf-8"><title>Quyết định 25/2024/QĐ-UBND</title></head>'
            '<body><div class="law-detail"><h1>Quyết định số 25/2024/QĐ-UBND quy định về phân '
            "cấp quản lý an toàn thực phẩm</h1><p>Quy định về phân cấp quản lý an toàn thực "
            f'phẩm</p><table class="table-properties">{LAW_ROWS}</table></div>'
            '<div class="law-detail-other"><h3>Văn bản cùng thể loại</h3><div class="flex-table'
            '-laws"><div class="table-rows"><div class="c-code"><span class="label-name">Số ký '
            'hiệu:</span><a href="/laws/detail/Quyet-dinh-21-121/">21/2024/QĐ-UBND</a></div>'
            '<div class="c-time"><span class="label-name">Ngày ban hành:</span>20/05/2024</div>'
            "</div></div></div></body></html>")
    role = classify(page, "https://stp.hagiang.gov.vn/laws/detail/Quyet-dinh-25-2024-128/")
    assert role.role == "document", role.evidence
    assert role.record.number == "25/2024/QĐ-UBND"
    assert role.record.signer == "Nguyễn Văn Sơn"
    assert role.record.issued == "2024-06-12"


def test_a_register_that_prints_the_number_only_in_the_documents_name():
    page = ('<html><head><meta charset="utf-8"><title>Văn bản</title></head><body>'
            "<h1>Kế hoạch 112/KH-UBND triển khai chiến dịch tiêm vắc xin sởi năm 2024</h1>"
            "<table><tr><td>Cơ quan ban hành:</td><td>UBND tỉnh Hòa Bình</td></tr><tr><td>Ngày "
            "ban hành:</td><td>18/06/2024</td></tr><tr><td>Người ký:</td><td>Đinh Công Sứ</td>"
            "</tr></table><p>Triển khai tiêm bổ sung vắc xin sởi cho trẻ.</p></body></html>")
    role = classify(page, "https://soyte.hoabinh.gov.vn/tabid/80/VanBanID/2291/Default.aspx")
    assert role.role == "document", role.evidence
    assert role.record.number == "112/KH-UBND"
    assert role.record.kind == "Kế hoạch"
    judgment = ('<html><head><meta charset="utf-8"><title>Bản án</title></head><body><h2>Bản án '
                "15/2024/HS-ST ngày 22/02/2024 về tội trộm cắp tài sản</h2><table><tr><td>Tên "
                "bản án:</td><td>Bản án về tội trộm cắp tài sản số 15/2024/HS-ST</td></tr><tr>"
                "<td>Tòa án xét xử:</td><td>TAND huyện Ba Chẽ</td></tr><tr><td>Ngày tuyên án:"
                "</td><td>22/02/2024</td></tr><tr><td>Thông tin về vụ/việc:</td><td>Bị cáo trộm "
                "cắp 02 chiếc xe máy</td></tr></table></body></html>")
    role = classify(judgment, "https://congbobanan.toaan.gov.vn/2ta1456789t1cvn/chi-tiet-ban-an")
    assert role.role == "document", role.evidence
    assert (role.record.number, role.record.kind) == ("15/2024/HS-ST", "Bản án")


def test_a_utf8_page_with_a_few_bad_bytes_stays_utf8():
    text = "<p>Đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các đơn vị tập trung.</p>" * 8
    raw = text.encode("utf-8")
    damaged = raw[:200] + b"\xff\xfe" + raw[200:]
    decoded = decode_page(damaged, "text/html; charset=utf-8")
    assert decoded.encoding == "utf-8" and "Ủy ban nhân dân" in decoded.text
    assert decoded.text.count("\ufffd") == 2 and decoded.note
    # a page in an 8-bit encoding is still read as one
    legacy = b"<p>Nghe An to chuc hoi nghi cong tac nam 2024</p>" + bytes(
        range(0xC0, 0xFF)) * 3
    assert decode_page(legacy, "text/html; charset=utf-8").encoding != "utf-8"


@pytest.mark.parametrize("link, same", [
    ("http://xa.vn/tin/a/?sid=19742e5a73d08eafcd", "http://xa.vn/tin/a/"),
    ("http://xa.vn/tin.php?id=5&PHPSESSID=9f8e7d6c5b4a", "http://xa.vn/tin.php?id=5"),
    ("http://xa.vn/tin;jsessionid=A1B2C3D4?id=5", "http://xa.vn/tin?id=5"),
    ("http://xa.vn/tin.asp?id=5&ASPSESSIONIDQATB=ABCDEF", "http://xa.vn/tin.asp?id=5"),
    ("http://xa.vn/tin.php?sid=12", "http://xa.vn/tin.php?sid=12"),  # a section's id
])
def test_a_session_in_a_link_names_no_other_page(link, same):
    assert canonical_url(link) == same


def test_a_wordpress_static_page_with_its_one_article_element_is_still_no_post():
    page = (f'<html><head><meta charset="utf-8"><title>Hình ảnh hoạt động của phường năm 2024</title></head>'
            '<body class="page-template-default page page-id-12"><main><article class="page '
            'type-page"><h1 class="entry-title">Hình ảnh hoạt động của phường năm 2024</h1><time class="entry-date" '
            'datetime="2024-06-11T07:45:00+07:00">11/06/2024</time><div class="entry-content">'
            f"{PARAS}</div></article></main>{FOOT}</body></html>")
    role = classify(page, "http://xa.tuyenquang.gov.vn/hinh-anh-hoat-dong/")
    assert role.role != "article", role.evidence


@pytest.mark.parametrize("url, root", [
    ("https://english.thuathienhue.gov.vn/?gd=1&cn=28&tc=12345", False),  # an item's number
    ("https://x.gov.vn/?page=2", True),
    ("https://x.gov.vn/?lang=en", True),
    ("https://x.gov.vn/?year=2024", True),
    # Joomla without friendly addresses: its lists are no root, its front page is
    ("https://x.gov.vn/index.php?option=com_content&view=category&id=12&Itemid=134", False),
    ("https://x.gov.vn/index.php?option=com_content&view=archive&month=9&year=2023", False),
    ("https://x.gov.vn/index.php?option=com_content&view=featured&Itemid=101", True),
    # a site search's results are no front page
    ("https://x.gov.vn/?s=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91", False),
    # nor a category's list asked of the root script, nor a NukeViet module's page
    ("https://x.gov.vn/?cat=4&paged=2", False),
    ("http://x.gov.vn/default.asp?cat=12&page=2", False),
    ("https://x.gov.vn/index.php?mod=news&cat=5&page=4", False),
    ("https://x.gov.vn/index.php?language=vi&nv=voting&vid=3", False),
])
def test_a_root_address_whose_query_numbers_an_item_is_no_root(url, root):
    from crawler.parsers.urls import is_root

    assert is_root(url) is root


def test_a_photo_storys_byline_is_read_without_its_label():
    from crawler.parsers.bylines import strip_byline_label

    assert strip_byline_label("Thực hiện: Quang Huy") == "Quang Huy"


def test_a_wordpress_post_printing_no_date_is_dated_by_its_permalink():
    page = ('<html><head><meta charset="utf-8"><meta name="generator" content="WordPress 6.4">'
            f'<title>{TITLE}</title></head><body class="post-template-default single '
            'single-post postid-77"><main><article class="post-77 post type-post"><header '
            f'class="entry-header"><h1 class="entry-title">{TITLE}</h1></header><div class='
            f'"entry-content">{PARAS}</div></article></main>{FOOT}</body></html>')
    role = classify(page, "https://xahoathanh.tayninh.gov.vn/2024/03/15/ngay-hoi-dai-doan-ket/")
    assert role.role == "article", role.evidence
    assert role.record.published_at == "2024-03-15"
    assert classify(page, "https://xahoathanh.tayninh.gov.vn/ngay-hoi-dai-doan-ket/"
                    ).record.published_at is None


def test_a_page_builders_posts_grid_is_a_listing():
    cards = "".join(
        f'<article class="elementor-post elementor-grid-item post type-post"><div class='
        f'"elementor-post__card"><a class="elementor-post__thumbnail__link" href="/bai-{i}/">'
        f'<img src="/anh-{i}.jpg" alt=""></a><div class="elementor-post__text"><h3 class='
        f'"elementor-post__title"><a href="/bai-{i}/">Hoạt động du lịch số {i} của tỉnh</a></h3>'
        f'<a class="elementor-post__read-more" href="/bai-{i}/">Xem thêm »</a></div><div class='
        f'"elementor-post__meta-data"><span class="elementor-post-date">{10 + i}/05/2024</span>'
        "</div></div></article>" for i in range(4))
    page = ('<html><head><meta charset="utf-8"><meta name="generator" content="WordPress 6.4">'
            '<title>Tin du lịch</title></head><body class="archive category category-tin-du-lich">'
            '<div class="elementor elementor-location-archive"><h1>Tin du lịch</h1><div class='
            '"elementor-element elementor-widget elementor-widget-archive-posts"><div class='
            f'"elementor-widget-container"><div class="elementor-posts-container">{cards}</div>'
            f"</div></div></div>{FOOT}</body></html>")
    base = "https://sodulich.quangnam.gov.vn"
    role = classify(page, base + "/chuyen-muc/tin-du-lich/", reached_as="page")
    assert role.role == "listing", role.evidence
    assert [e.url for e in role.listing.entries] == [f"{base}/bai-{i}/" for i in range(4)]


def test_a_registers_rows_are_its_documents_whatever_the_hash_seed():
    # Each row links its document and its kind once each: the first is the row's page.  A
    # div around the table, holding the menu's and breadcrumb's links, is no row.
    rows = "".join(
        f'<tr><td><a href="/VanBan/ChiTiet.aspx?ID={n}">{num}</a></td><td>{day}</td><td><a '
        f'href="/VanBan.aspx?Loai=2">Quyết định</a></td></tr>'
        for n, num, day in ((901, "23/2024/QĐ-UBND", "12/06/2024"),
                            (899, "2301/STC-NS", "10/06/2024")))
    page = ('<html><head><meta charset="utf-8"><title>Văn bản</title></head><body>'
            '<div><div id="menu"><a href="/Default.aspx">Trang chủ</a> <a href="/VanBan.aspx">'
            'Văn bản</a></div><div class="pathbar"><a href="/Default.aspx">Trang chủ</a> » '
            '<a href="/TinTuc.aspx?ChuyenMucID=3">Tài chính</a></div><div class="noidung">'
            f"<p>Văn bản số 15/2024/QĐ-UBND đã được công bố.</p><table>{rows}</table></div>"
            "</div></body></html>")
    code = ("import sys; from crawler.parsers import classify; "
            "v = classify(sys.stdin.read(), 'https://stc.example.gov.vn/VanBan.aspx', "
            "reached_as='page'); print([e.url for e in v.listing.entries] if v.listing else None)")
    import os
    import subprocess
    import sys

    seen = {subprocess.run([sys.executable, "-c", code], input=page, text=True, capture_output=True,
                           env=dict(os.environ, PYTHONHASHSEED=str(seed))).stdout.strip()
            for seed in range(6)}
    assert seen == {"['https://stc.example.gov.vn/VanBan/ChiTiet.aspx?ID=901', "
                    "'https://stc.example.gov.vn/VanBan/ChiTiet.aspx?ID=899']"}, seen


def _static_page(title: str) -> str:
    """A portal's static page as a commune skin prints it: a title, a date, prose."""
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            '<div class="header"><ul class="menu"><li><a href="/">Trang chủ</a></li>'
            '<li><a href="/tin-tuc-su-kien">Tin tức - Sự kiện</a></li></ul></div>'
            f'<div class="content"><h1 class="PageTitle">{title}</h1>'
            '<div class="date-update">Ngày đăng: 14/08/2020 16:30</div><div class="content">'
            "<p>Xã An Yên nằm ở phía Đông huyện Xuân Khê, có diện tích tự nhiên 8,6 km², dân số "
            "7.420 người, được chia thành 6 thôn. Nhân dân chủ yếu sản xuất nông nghiệp.</p>"
            "<p>Năm 2019, xã đạt chuẩn nông thôn mới; năm 2023 đạt chuẩn nông thôn mới nâng cao."
            " Đảng bộ xã có 21 chi bộ với 412 đảng viên.</p></div></div>"
            '<div class="footer">UBND xã An Yên, huyện Xuân Khê, tỉnh Thanh Hóa.</div>'
            "</body></html>")


@pytest.mark.parametrize("path,title,role", [
    ("/gioi-thieu-chung-1201", "Giới thiệu chung xã An Yên", "other"),
    ("/can-bo-chu-chot-1202", "Cán bộ chủ chốt", "other"),
    ("/lanh-dao/tieu-su-dong-chi-trinh-quang-vinh-62250",
     "Tiểu sử đồng chí Trịnh Quang Vinh, Chủ tịch UBND tỉnh", "other"),
    ("/en/introduction-to-thanh-hoa-province-62301", "Introduction to Thanh Hoa province", "other"),
    ("/hoi-dap-phap-luat/nguoi-dan-co-the-yeu-cau-cap-ban-sao-o-dau-212",
     "Người dân có thể yêu cầu cấp bản sao trích lục khai sinh ở đâu?", "other"),
    # a news title that opens with the same words is still news
    ("/tin-tuc/gioi-thieu-diem-moi-cua-luat-dat-dai-2024-56789",
     "Giới thiệu điểm mới của Luật Đất đai năm 2024", "article"),
    # a calendar's page, against one notice of it, which names its period
    ("/lich-tiep-cong-dan-1203", "Lịch tiếp công dân của Chủ tịch UBND xã", "other"),
    ("/tin-tuc/lich-tiep-cong-dan-dinh-ky-thang-5-2024-56790",
     "Lịch tiếp công dân định kỳ tháng 5/2024 của Chủ tịch UBND huyện", "article"),
])
def test_a_portals_introduction_officials_and_qa_pages_are_no_news(path, title, role):
    found = classify(_static_page(title).encode(), "http://xay.thanhhoa.gov.vn" + path,
                     reached_as="article")
    assert found.role == role, found.evidence


def _nukeviet_theme(head: str) -> bytes:
    """A NukeViet 4 news page of a theme that prints its own title and date boxes."""
    return ('<html><head><meta charset="utf-8"><meta name="generator" content="NukeViet v4.5">'
            '<title>Hội nghị tổng kết công tác cải cách hành chính năm 2026</title></head><body>'
            f'<div class="col-md-8">{head}'
            '<div class="hometext">Chỉ số cải cách hành chính năm 2025 của tỉnh xếp thứ 17/63.'
            '</div><div id="news-bodyhtml" class="bodytext"><p>Sáng 4/12, Sở Nội vụ tổ chức hội '
            "nghị tổng kết công tác cải cách hành chính năm 2026 với sự tham dự của đại diện các "
            "sở, ngành và địa phương.</p><p>Hội nghị đánh giá kết quả và đề ra nhiệm vụ năm tới,"
            " trong đó có việc đẩy mạnh số hóa hồ sơ thủ tục hành chính.</p></div></div>"
            "</body></html>").encode()


@pytest.mark.parametrize("head,when", [
    ('<h2 class="news-title">Hội nghị tổng kết công tác cải cách hành chính năm 2026</h2>'
     '<div class="news-date"><i class="fa fa-calendar"></i> Ngày 4 tháng 12 năm 2026</div>',
     "2026-12-04"),
    ('<h1 class="title margin-bottom-lg">Hội nghị tổng kết công tác cải cách hành chính năm '
     '2026</h1><div class="meta-line"><span class="date"><i class="fa fa-clock-o"></i> Thứ Bảy,'
     ' 14/11/2026 lúc 09:35</span> | <span class="poster">Người đăng: admin</span> | <span '
     'class="hits">Lượt xem: 318</span></div>', "2026-11-14T09:35:00+07:00"),
])
def test_a_nukeviet_themes_own_date_box_dates_the_article(head, when):
    found = classify(_nukeviet_theme(head),
                     "https://sonv.quangbinh.gov.vn/cai-cach-hanh-chinh/hoi-nghi-tong-ket-3310.html")
    assert found.role == "article", found.evidence
    assert found.record.title == "Hội nghị tổng kết công tác cải cách hành chính năm 2026"
    assert found.record.published_at == when


def test_a_drupal_7_rdfa_date_of_two_properties_dates_the_article():
    page = ('<html><head><meta charset="utf-8"><title>Sơ kết Đề án 06 | Thành phố</title></head>'
            '<body class="html not-front node-type-article"><div id="content"><h1 class="title">'
            'Sơ kết 6 tháng thực hiện Đề án 06</h1><div class="meta submitted"><span property='
            '"dc:date dc:created" content="2026-07-13T08:45:00+07:00" datatype="xsd:dateTime">'
            'Gửi bởi <span class="username">admin</span> vào T2, 13/07/2026 - 08:45</span></div>'
            '<div class="field-name-body"><p>Sáng 13/7, Ban Chỉ đạo Đề án 06 thành phố tổ chức '
            "hội nghị sơ kết 6 tháng đầu năm 2026 với các phường, xã trên địa bàn.</p><p>Hội nghị"
            " đã đánh giá kết quả và giao nhiệm vụ cho 6 tháng cuối năm.</p></div></div>"
            "</body></html>")
    found = classify(page.encode(), "https://tpthaibinh.thaibinh.gov.vn/tin-tuc/so-ket-de-an-06")
    assert found.role == "article", found.evidence
    assert found.record.published_at == "2026-07-13T08:45:00+07:00"


def test_a_counters_pixel_and_an_emoji_are_no_pictures_of_the_story():
    head = ('<h1 class="title">Hội nghị tổng kết công tác cải cách hành chính năm 2026</h1>'
            '<span class="h5">04/12/2026 08:30</span>')
    page = _nukeviet_theme(head).replace(
        b"</p></div></div>",
        b'</p><p><img src="/uploads/news/hoi-nghi.jpg" alt="Hoi nghi"> <img src="/emoji/like.png"'
        b' width="16" alt=""></p><img src="/counter/pixel.gif?aid=1" width="1"'
        b' height="1" alt=""></div></div>')
    found = classify(page, "https://sonv.quangbinh.gov.vn/cai-cach-hanh-chinh/hoi-nghi-3310.html")
    assert [i.url for i in found.record.images] == [
        "https://sonv.quangbinh.gov.vn/uploads/news/hoi-nghi.jpg"]


@pytest.mark.parametrize("opening,author", [
    ("<p><em>Bài và ảnh: Trần Quốc Việt</em></p>", "Trần Quốc Việt"),
    ("<p><strong>Tác giả:</strong> Lê Minh Hà</p>", "Lê Minh Hà"),
    # a dateline-like opening is the story's, not a byline
    ("<p>Tin: Sáng 4/12, các đại biểu đã đến dự.</p>", None),
])
def test_a_labelled_byline_opening_the_text_is_the_author(opening, author):
    head = ('<h1 class="title">Hội nghị tổng kết công tác cải cách hành chính năm 2026</h1>'
            '<span class="h5">04/12/2026 08:30</span>')
    page = _nukeviet_theme(head).replace(b'class="bodytext">', b'class="bodytext">'
                                         + opening.encode())
    found = classify(page, "https://sonv.quangbinh.gov.vn/cai-cach-hanh-chinh/hoi-nghi-3310.html")
    assert found.record.author == author
    assert found.record.body.startswith("Tin:" if author is None else "Sáng 4/12, Sở Nội vụ")


def test_a_jannah_posts_author_box_and_tags_under_its_text():
    page = ('<html><head><meta charset="utf-8"><title>Ra mắt mô hình Camera an ninh</title>'
            '<script src="/wp-content/themes/jannah/js/navigation.js"></script></head>'
            '<body class="post-template-default single single-post postid-1200"><article '
            'id="the-post" class="post-content"><div class="entry-header"><h1 class="post-title '
            'entry-title">Ra mắt mô hình Camera an ninh tại 12 xã</h1><div class="post-meta">'
            '<span class="meta-author"><a href="/author/hoale/" class="author-name" title="Lê Hòa">'
            'Lê Hòa</a></span><span class="date meta-item">20/04/2026 08:00</span></div></div>'
            '<div class="entry-content"><p>Mô hình được triển khai với 214 mắt camera lắp đặt tại'
            " các tuyến đường trục chính, khu vực trường học và chợ.</p><p>Dự kiến đến cuối năm "
            "2026, mô hình sẽ được nhân rộng ra toàn bộ 16 xã, thị trấn trên địa bàn huyện.</p>"
            '<div class="post-bottom-meta post-bottom-tags"><div class="post-bottom-meta-title">'
            'Từ khóa</div><span class="tagcloud"><a href="/tag/camera-an-ninh/" rel="tag">camera '
            "an ninh</a></span></div></div></article></body></html>")
    found = classify(page.encode(), "https://conganhuyenkrongpac.daklak.gov.vn/2026/04/20/"
                                    "ra-mat-mo-hinh-camera-an-ninh/")
    assert found.record.author == "Lê Hòa"
    assert found.record.body.endswith("trên địa bàn huyện."), found.record.body[-80:]


_DRUPAL_NODE = (
    '<html><head><meta charset="utf-8"><title>Sơ kết Đề án 06</title></head><body class="html '
    'node-type-article"><div id="main"><div id="content"><h1 class="title">Sơ kết 6 tháng '
    'thực hiện Đề án 06</h1><div class="node"><span property="dc:date dc:created" content='
    '"2026-07-13T08:45:00+07:00"></span><div class="content"><div class="field '
    'field-name-body"><div class="field-items"><div class="field-item even"><p>Sáng 13/7, Ban '
    "Chỉ đạo Đề án 06 thành phố tổ chức hội nghị sơ kết 6 tháng đầu năm 2026 với các phường, "
    "xã trên địa bàn.</p><p>Hội nghị đã đánh giá kết quả và giao nhiệm vụ cho 6 tháng cuối "
    'năm.</p></div></div></div><div class="field field-name-field-file-dinh-kem '
    'field-type-file"><div class="field-label">Tập tin đính kèm:</div><span class="file"><a '
    'href="/sites/default/files/2026-07/bao-cao.pdf">bao-cao.pdf</a></span></div></div></div>'
    # a side box inside the article's region, as some themes place it
    '<div id="sidebar" class="region-sidebar"><h2>Văn bản mới</h2><ul><li><a href="/sites/'
    'default/files/qd-1.pdf">Quyết định 1</a></li><li><a href="/sites/default/files/qd-2.pdf">'
    '</a></li></ul></div><div class="box"><h3>Tài liệu tham khảo</h3><a href="/files/tl.pdf">'
    "Tài liệu</a></div></div></div></body></html>")


def test_a_file_box_after_the_text_is_the_articles_and_a_side_box_of_files_is_not():
    found = classify(_DRUPAL_NODE.encode(), "https://tpthaibinh.thaibinh.gov.vn/tin-tuc/de-an-06")
    assert found.role == "article", found.evidence
    assert [a.url for a in found.record.attachments] == [
        "https://tpthaibinh.thaibinh.gov.vn/sites/default/files/2026-07/bao-cao.pdf"]


def test_an_event_date_field_above_the_nodes_own_date_is_not_its_publication():
    page = ('<html><head><meta charset="utf-8"><title>Giải chạy vì hòa bình</title></head><body>'
            '<main><h1 class="page-title">Giải chạy vì hòa bình năm 2026</h1><article class="node">'
            '<div class="field field--name-field-thoi-gian-to-chuc"><div class="field__label">'
            'Thời gian tổ chức</div><div class="field__item"><time datetime="2026-03-20T12:00:00Z"'
            ' class="datetime">Thứ Sáu, 20/03/2026</time></div></div><div class="node__meta">'
            '<span>Bởi Nguyễn Thu Trang</span>, <span class="field--name-created">Thứ Sáu, '
            '06/03/2026 - 16:10</span></div><div class="node__content"><div class="field--name-body">'
            "<p>Ban tổ chức thông báo giải chạy vì hòa bình năm 2026 sẽ diễn ra tại quảng trường "
            "trung tâm thành phố với hơn 3.000 vận động viên tham gia.</p><p>Vận động viên đăng ký"
            " trực tuyến đến hết ngày 15/3/2026 trên cổng thông tin của thành phố.</p></div></div>"
            "</article></main></body></html>")
    found = classify(page.encode(), "https://vhttdl.danang.gov.vn/vi/tin-tuc/giai-chay-vi-hoa-binh")
    assert found.role == "article", found.evidence
    assert found.record.published_at == "2026-03-06T16:10:00+07:00"


def test_an_old_table_layouts_title_date_and_byline_rows_around_its_text():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            "<title>UBND huyện Yên Thành - Tin tức</title></head><body><table width=\"778\">"
            '<tr><td width="180"><a href="trang-chu.asp">Trang chủ</a><br><a href="tin-tuc.asp">'
            'Tin tức</a></td><td width="588" valign="top"><table width="100%"><tr><td><font '
            'size="4"><b>Huyện Yên Thành tổng kết công tác khuyến nông năm 2008</b></font></td>'
            '</tr><tr><td><font size="2"><i>Cập nhật ngày 17/10/2008</i></font></td></tr><tr><td '
            'align="justify"><font size="3">Ngày 16/10/2008, Trạm Khuyến nông huyện Yên Thành tổ '
            "chức hội nghị tổng kết công tác khuyến nông năm 2008 và triển khai kế hoạch năm 2009."
            "<br><br>Trong năm, Trạm đã xây dựng 14 mô hình trình diễn về lúa lai, ngô lai và chăn"
            " nuôi bò lai sind với tổng diện tích 86 ha.</font></td></tr><tr><td align=\"right\">"
            "<b>Hoàng Văn Sơn</b></td></tr></table></td></tr><tr><td colspan=\"2\">Bản quyền © "
            "2008 UBND huyện Yên Thành</td></tr></table></body></html>")
    found = classify(page.encode(), "http://yenthanh.nghean.gov.vn/tin_chitiet.asp?id=1287&cat=5")
    assert found.role == "article", found.evidence
    record = found.record
    assert record.title == "Huyện Yên Thành tổng kết công tác khuyến nông năm 2008"
    assert (record.published_at, record.author) == ("2008-10-17", "Hoàng Văn Sơn")
    assert record.body.startswith("Ngày 16/10/2008") and record.body.endswith("86 ha.")


_POST_INFO = ('<ul class="elementor-post-info"><li class="elementor-inline-item"><a href="/2023/10/'
              '04/"><span class="elementor-post-info__item elementor-post-info__item--type-date">'
              '4 Tháng Mười, 2023</span></a></li><li class="elementor-inline-item"><span class='
              '"elementor-post-info__item elementor-post-info__item--type-time">8:45 sáng</span>'
              "</li></ul>")
_PARAS = ("<p>Sáng 4/10, phường Tân An ra quân tổng vệ sinh môi trường hưởng ứng ngày Chủ nhật "
          "xanh với sự tham gia của hơn 300 đoàn viên, hội viên.</p><p>Lực lượng ra quân đã thu "
          "gom hơn 5 tấn rác thải, phát quang 2 km đường giao thông trên địa bàn phường.</p>")


@pytest.mark.parametrize("page", [
    # a site no module knows
    ('<html><head><meta charset="utf-8"><title>Ra quân tổng vệ sinh</title></head><body><main>'
     f'<h1>Phường Tân An ra quân tổng vệ sinh môi trường</h1>{_POST_INFO}<div class="content">'
     f"{_PARAS}</div></main></body></html>"),
    # WordPress, Elementor's post info widget
    ('<html><head><meta charset="utf-8"><title>Ra quân tổng vệ sinh</title><link rel="stylesheet" '
     'href="/wp-content/plugins/elementor/css/frontend.css"></head><body class="single '
     'single-post"><article class="post type-post"><h1 class="entry-title">Phường Tân An ra '
     f'quân tổng vệ sinh môi trường</h1>{_POST_INFO}<div class="entry-content">{_PARAS}</div>'
     "</article></body></html>"),
])
def test_a_time_printed_beside_the_date_in_an_element_of_its_own_is_the_articles(page):
    found = classify(page.encode(), "https://phuongtanan.cantho.gov.vn/2023/10/04/ra-quan/")
    assert found.role == "article", found.evidence
    assert found.record.published_at == "2023-10-04T08:45:00+07:00"


_VNP_SIDE = ('<div class="col-md-4 RightPane"><div class="ArticleHighLight box-side"><h3>Phòng '
             'chống dịch</h3><ul><li><a href="/phong-chong-dich/kiem-tra-bao-hiem-y-te-337122">'
             "Kiểm tra công tác bảo hiểm y tế hộ gia đình</a></li><li><a href=\"/phong-chong-dich"
             '/hoi-thao-giam-ngheo-311316">Hội thảo giải pháp giảm nghèo bền vững</a></li></ul>'
             "</div></div>")
_VNP_SCRIPT = ('<script>var maxPage = parseInt(14); function LoadArticle_9120(page) { $.ajax({ '
               'type: "POST", url: "/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/'
               'LoadArticle", data: { article_category_id: 9120, categoryIds: "9120", site_id: '
               '3020, page: page, page_size: 9 } }); }</script>')


def _vnportal_listing(module: str) -> bytes:
    return ('<html><head><meta charset="utf-8"><title>Tin y tế</title></head><body><form '
            'id="form1"><div class="BreadcrumbControl"><a href="/">Trang chủ</a> › <a href="/'
            f'tin-y-te">Tin y tế</a></div><div class="col-md-8 ContentPane">{module}</div>'
            f"{_VNP_SIDE}</form>{_VNP_SCRIPT}</body></html>").encode()


def _tile(slug: str, title: str) -> str:
    return (f'<div class="col-md-4"><div class="tile"><a class="thumb" href="/tin-y-te/{slug}?'
            f'pageindex=0"><img src="/a.jpg"></a><h3 class="Title"><a href="/tin-y-te/{slug}">'
            f'{title}</a></h3><span class="post-date">Cập nhật: 13/09/2023</span> <a class='
            f'"detail" href="/tin-y-te/{slug}">Chi tiết</a></div></div>')


def _row(slug: str, title: str) -> str:
    return (f'<li class="row"><h2 class="Title"><a href="/tin-y-te/{slug}">{title}</a></h2>'
            '<div class="PostDate">12/09/2023</div></li>')


_ITEMS = [("huyen-nam-thanh-giam-ngheo-843372", "Huyện Nam Thanh đẩy mạnh giảm nghèo bền vững"),
          ("khai-mac-le-hoi-den-qua-son-840725", "Khai mạc lễ hội đền Quả Sơn năm 2023"),
          ("xa-nghi-truong-nuoc-sach-834810", "Xã Nghi Trường ra quân tuần lễ nước sạch")]


@pytest.mark.parametrize("module,listed", [
    # a skin of the list module other than "_Default": tiles, refilled by its pager's script
    ('<div class="UIArticleInMenu_Tiles"><div class="CategoryTitle"><h1>Tin y tế</h1></div>'
     '<div class="row" id="ArticleList_9120">' + "".join(_tile(*i) for i in _ITEMS)
     + "</div></div>", [s for s, _ in _ITEMS]),
    # the default skin with its newest article shown above the list, in markup of its own
    ('<div class="UIArticleInMenu_Default"><div class="CategoryTitle"><h1>Tin y tế</h1></div>'
     '<div class="ArticleTop"><a class="thumb" href="/tin-y-te/hoi-nghi-chuyen-doi-so-198783?'
     'pageindex=0"><img src="/b.jpg"></a><h2><a href="/tin-y-te/hoi-nghi-chuyen-doi-so-198783">'
     'Hội nghị sơ kết chuyển đổi số</a></h2></div><ul class="ArticleList">'
     + "".join(_row(*i) for i in _ITEMS) + "</ul></div>",
     ["hoi-nghi-chuyen-doi-so-198783"] + [s for s, _ in _ITEMS]),
])
def test_a_vnportal_list_in_another_skin_or_with_a_featured_item_lists_its_own(module, listed):
    found = classify(_vnportal_listing(module), "https://yte.songlam.gov.vn/tin-y-te",
                     reached_as="page")
    assert found.role == "listing", found.evidence
    assert [e.url for e in found.listing.entries] == [
        f"https://yte.songlam.gov.vn/tin-y-te/{s}" for s in listed]


def _joomla_row(n: int, title: str, day: int) -> str:
    href = (f"/index.php?option=com_content&amp;view=article&amp;id={900 - n}:{'-'.join(title.lower().split()[:4])}"
            "&amp;catid=12&amp;Itemid=134")
    return (f'<div class="row{n % 2}" itemscope itemtype="https://schema.org/BlogPosting">'
            f'<div class="page-header"><h2 itemprop="headline"><a href="{href}" itemprop="url">'
            f'{title}</a></h2></div><dl class="article-info"><dd class="category-name">Danh mục: '
            '<a href="/index.php?option=com_content&amp;view=category&amp;id=12&amp;Itemid=134">'
            f'Tin tức</a></dd><dd class="published"><time datetime="2023-09-{day:02d}T09:00:00+07:00">'
            f"Ngày đăng: {day} Tháng 9 2023</time></dd></dl><div class=\"intro\">{title}: hoạt động "
            "được tổ chức với sự tham gia của đông đảo cán bộ, nhân dân.</div></div>")


def test_a_joomla_list_without_friendly_addresses_lists_its_articles():
    """Joomla 4 with plain addresses: each item is "?view=article&id=904:alias", headed
    by its own <div class="page-header">; the category it links is no item, and the
    archive's address (index.php with a query naming a list) is no home page."""
    titles = ["Khai mạc hội thi văn nghệ quần chúng", "Gặp mặt động viên học sinh nghèo",
              "Kiểm tra công tác phòng cháy rừng", "Sở Tư pháp tập huấn nghiệp vụ hộ tịch"]
    page = ('<html><head><meta charset="utf-8"><title>Lưu trữ</title></head>'
            '<body class="site com_content view-archive"><header><nav><a href="/">Trang chủ</a>'
            '</nav></header><main><div class="com-content-archive"><div id="archive-items">'
            + "".join(_joomla_row(i, t, 20 - i) for i, t in enumerate(titles))
            + "</div></div></main><footer>UBND xã Thử</footer></body></html>")
    url = "http://xa.tuyenquang.gov.vn/index.php?option=com_content&view=archive&month=9&year=2023&Itemid=140"
    role = classify(page, url, reached_as="page")
    assert role.role == "listing", role.evidence
    assert [e.title for e in role.listing.entries] == titles
    assert all("view=article&id=" in e.url for e in role.listing.entries)
    assert [e.published_at[:10] for e in role.listing.entries] == [
        f"2023-09-{20 - i}" for i in range(len(titles))]


def test_a_file_a_download_script_serves_is_known_by_the_name_it_shows():
    """Joomla K2 attaches files at ".../item/download/57_8a3f1c", an address with no file
    name; the link shows the file's name, and that makes it an attachment."""
    page = _static_page("Kế hoạch tiêm phòng vắc xin cúm gia cầm năm 2026").replace(
        '</div></div><div class="footer">',
        '</div><div class="itemAttachmentsBlock"><span>Tệp đính kèm:</span><ul><li>'
        '<a title="KH-05-CCCNTY.pdf" href="/index.php/tin-tuc/item/download/57_8a3f1c2e">'
        'KH-05-CCCNTY.pdf</a></li><li><a href="/index.php/tin-tuc/item/download-center">'
        'Trung tâm tải về</a></li></ul></div></div><div class="footer">')
    found = classify(page.encode(), "http://xay.thanhhoa.gov.vn/tin-tuc/item/57-ke-hoach-tiem"
                     "-phong.html", reached_as="article")
    assert found.role == "article", found.evidence
    assert [(a.url, a.name) for a in found.record.attachments] == [
        ("http://xay.thanhhoa.gov.vn/index.php/tin-tuc/item/download/57_8a3f1c2e",
         "KH-05-CCCNTY.pdf")]


@pytest.mark.parametrize("caption, author", [
    # the text signed nowhere else: the caption credits picture and text alike
    ("Quang cảnh hội nghị. (Ảnh và bài: Trần Quang Vinh)", "Trần Quang Vinh"),
    ("Quang cảnh hội nghị [Bài, ảnh: Lê Thu Hà]", "Lê Thu Hà"),
    # a photographer wrote nothing
    ("Quang cảnh hội nghị. (Ảnh: Trần Quang Vinh)", None),
])
def test_a_caption_crediting_the_text_names_its_writer(caption, author):
    head = ('<h1 class="title">Hội nghị tổng kết công tác cải cách hành chính năm 2026</h1>'
            '<span class="h5">04/12/2026 08:30</span>')
    figure = (f'<figure class="image"><img src="/uploads/news/hoi-nghi.jpg" alt="Hoi nghi">'
              f"<figcaption>{caption}</figcaption></figure>")
    page = _nukeviet_theme(head).replace(b'class="bodytext">', b'class="bodytext">'
                                         + figure.encode())
    found = classify(page, "https://sonv.quangbinh.gov.vn/cai-cach-hanh-chinh/hoi-nghi-3310.html")
    assert [i.caption for i in found.record.images] == [caption]
    assert found.record.author == author


def test_a_wordpress_post_naming_no_category_is_in_the_one_its_menu_marks():
    menu = ('<nav><ul class="menu"><li class="menu-item"><a href="/">Trang chủ</a></li><li class='
            '"menu-item current-post-ancestor current-menu-parent"><a href="/category/tin-tuc/">'
            'Tin tức</a></li><li class="menu-item"><a href="/lien-he/">Liên hệ</a></li></ul></nav>')
    page = ('<html><head><meta charset="utf-8"><meta name="generator" content="WordPress 6.4">'
            f'<title>{TITLE}</title></head><body class="post-template-default single '
            f'single-post postid-77">{menu}<main><article class="post-77 post type-post"><header '
            f'class="entry-header"><h1 class="entry-title">{TITLE}</h1><time class="entry-date" '
            'datetime="2024-03-15T08:00:00+07:00">15/03/2024</time></header><div class='
            f'"entry-content">{PARAS}</div></article></main>{FOOT}</body></html>')
    role = classify(page, "https://xahoathanh.tayninh.gov.vn/ngay-hoi-dai-doan-ket/")
    assert role.record.category == "Tin tức"


def test_a_nukeviet_print_views_lead_text_writer_and_source_are_read():
    html = ('<html><head><title>Huyện có thêm 3 xã đạt chuẩn</title></head><body><div id="print">'
            '<div id="hd_print"><h2>Cổng thông tin điện tử huyện</h2></div><div id="content"><h1>'
            'Huyện có thêm 3 xã đạt chuẩn nông thôn mới nâng cao</h1><ul class="list-inline"><li>'
            'Thứ hai - 16/12/2024 10:40</li></ul><div id="hometext">Ngày 14/12, UBND tỉnh trao '
            'quyết định công nhận ba xã đạt chuẩn.</div><div id="bodytext" class="clearfix"><p>'
            "Với kết quả này, toàn huyện có 9/17 xã đạt chuẩn nông thôn mới nâng cao.</p><p>Ba xã"
            " đã huy động hơn 86 tỷ đồng để đầu tư hạ tầng giao thông nông thôn.</p></div><div "
            'id="author"><p><strong>Tác giả:</strong> Hồng Nhung</p><p><strong>Nguồn tin:</strong>'
            " Trung tâm Văn hóa - Thông tin huyện</p></div></div></div></body></html>")
    found = classify(html.encode(), "https://vinhtra.nghean.gov.vn/print/kinh-te/ba-xa-1452.html")
    article = found.record
    assert (article.summary, article.author, article.source) == (
        "Ngày 14/12, UBND tỉnh trao quyết định công nhận ba xã đạt chuẩn.", "Hồng Nhung",
        "Trung tâm Văn hóa - Thông tin huyện")
    assert article.body.startswith("Với kết quả này")
