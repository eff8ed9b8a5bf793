"""Pages of skins and themes the layouts' own selectors do not name: a theme's share bar
inside the text, a Joomla article's page index above its text, NukeViet's quick view
through pdf.js, a WordPress theme's own post boxes, a vnPortal list skin in <div>s or with
nothing in it yet, and a list page's "Tin xem nhiều" box.  Each is read as a reader
reads it: the text without the buttons, the headline as the title, the file itself, the
category's own items and only those."""

from __future__ import annotations

import pytest

from crawler.parsers import classify

PARAS = ("<p>Sáng nay, Ủy ban nhân dân phường tổ chức hội nghị triển khai kế hoạch chuyển "
         "đổi số năm 2024 với sự tham dự của cán bộ, công chức và đại diện các khối phố.</p>"
         "<p>Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm qua và thống nhất các giải pháp "
         "trọng tâm trong thời gian tới, trong đó có việc số hóa hồ sơ hành chính.</p>")
LAST = "số hóa hồ sơ hành chính."


def _verdict(html: str, url: str, reached_as: str = "article"):
    return classify(html.encode(), url, reached_as=reached_as)


def test_a_share_bar_inside_the_text_is_not_text():
    """Flatsome puts its share buttons inside div.entry-content; their words are the
    buttons' ("WhatsApp Facebook"), not the article's last line."""
    url = "https://phuongdongvinh.hoaison.gov.vn/phuong-trien-khai-chuyen-doi-so-nam-2024/"
    found = _verdict(
        '<html><head><meta name="generator" content="WordPress 6.4"><title>Phường triển khai '
        'chuyển đổi số năm 2024 - Phường Đông Vĩnh</title></head><body class="single '
        'single-post postid-884"><article id="post-884" class="post type-post"><h1 '
        'class="entry-title">Phường triển khai chuyển đổi số năm 2024</h1><div class='
        f'"entry-content single-page">{PARAS}<div class="blog-share text-center"><div '
        'class="social-icons share-icons share-row"><a href="whatsapp://send?text=x" '
        'class="icon button whatsapp">WhatsApp</a><a href="https://www.facebook.com/sharer.'
        'php?u=x" class="icon button facebook">Facebook</a></div></div></div></article>'
        "</body></html>", url)
    assert found.role == "article", found.evidence
    assert found.record.body.endswith(LAST), found.record.body[-80:]
    assert "WhatsApp" not in found.record.body_html


def test_a_bar_named_social_that_holds_text_stays():
    """Only a bar whose words are its buttons' goes: a paragraph a theme happens to class
    "social" is the article's."""
    url = "https://phuongdongvinh.hoaison.gov.vn/phuong-trien-khai-chuyen-doi-so-nam-2024/"
    found = _verdict(
        '<html><head><meta name="generator" content="WordPress 6.4"><title>Phường triển khai '
        'chuyển đổi số năm 2024</title></head><body class="single single-post postid-884">'
        '<article id="post-884" class="post"><h1 class="entry-title">Phường triển khai chuyển'
        f' đổi số năm 2024</h1><div class="entry-content">{PARAS}<p class="social">Các tổ '
        'chức chính trị - xã hội của phường cùng vào cuộc tuyên truyền.</p></div></article>'
        "</body></html>", url)
    assert found.record.body.endswith("cùng vào cuộc tuyên truyền.")


def test_the_headline_that_title_names_beats_a_heading_nearer_the_text():
    """Joomla's page break plugin sets "Mục lục bài viết" between the headline and the
    text; <title> is the headline (itself holding " - " and ": ") and the site's name."""
    headline = ("Sơ kết học kỳ I năm học 2017 - 2018: Nhiều chuyển biến tích cực trong dạy "
                "và học")
    found = _verdict(
        f'<html><head><title>{headline} - Trường THPT Cửa Lò</title></head><body><div '
        f'class="item-page"><div class="page-header"><h2 itemprop="headline">{headline}</h2>'
        '</div><dl class="article-info"><dd class="published">Ngày đăng: 10/01/2018 09:15</dd>'
        '</dl><div class="article-index"><h3>Mục lục bài viết</h3><ul><li><a href="/tin-tuc/'
        '125-so-ket?start=1">Trang 2</a></li></ul></div><div itemprop="articleBody">'
        f"{PARAS}</div></div></body></html>",
        "https://thptcualo.hoaison.edu.vn/index.php/tin-tuc/125-so-ket-hoc-ky-i")
    assert found.role == "article", found.evidence
    assert found.record.title == headline


def test_a_nukeviet_quick_view_through_pdfjs_names_the_file_itself():
    """A theme's quick view loads pdf.js on the file (``viewer.html?file=...``) and the
    link beside it is the file: the attachment is the file, not the viewer."""
    url = "https://hcc.hoaison.gov.vn/tin-tuc/tiep-nhan-ho-so-thang-8-1204.html"
    found = _verdict(
        '<html><head><meta name="generator" content="NukeViet v4.5"><title>Tiếp nhận hồ sơ'
        ' tháng 8</title></head><body><div class="news_column panel"><h1 class="title">Tiếp '
        'nhận hồ sơ tháng 8</h1><span class="h5">15/09/2023 10:00</span><div class="hometext">'
        'Trung tâm tiếp nhận hơn 12.000 hồ sơ trong tháng.</div><div id="news-bodyhtml" '
        f'class="bodytext">{PARAS}</div><div class="list-group news-download-file"><div '
        'class="list-group-item"><span class="badge"><a role="button" href="#pdf0">Xem '
        'nhanh</a></span><a href="/uploads/news/2023_09/bao-cao-thang-8.pdf" title="Tải về '
        'Báo cáo">Tải về: <strong>Báo cáo</strong></a><div class="collapse" id="pdf0" '
        'data-src="/assets/js/pdf.js/web/viewer.html?file=/uploads/news/2023_09/bao-cao-'
        'thang-8.pdf"></div></div></div></div></body></html>', url)
    assert [a.url for a in found.record.attachments] == [
        "https://hcc.hoaison.gov.vn/uploads/news/2023_09/bao-cao-thang-8.pdf"]


def _post_box(n: int, slug: str) -> str:
    return (f'<div class="post-item row" id="post-{5000 + n}"><div class="post-thumb"><a '
            f'href="https://hoangmai.hoaison.gov.vn/{slug}.html"><img src="/a{n}.jpg"></a>'
            f'</div><div class="post-info"><h3 class="post-title"><a href="https://hoangmai.'
            f'hoaison.gov.vn/{slug}.html">Tin số {n} của thị xã</a></h3><div class="post-meta">'
            f"{10 + n}/09/2023</div></div></div>")


def test_a_wordpress_themes_own_post_boxes_are_its_list():
    """A theme that prints each post in its own box (id="post-{ID}", no post classes),
    with /%postname%.html addresses that have no shape of their own."""
    slugs = ["hoi-nghi-xuc-tien-dau-tu", "kiem-tra-khu-cong-nghiep", "ra-mat-pho-van-minh",
             "trao-qua-cho-hoc-sinh"]
    found = _verdict(
        '<html><head><meta name="generator" content="WordPress 6.2.2"><title>Tin tức - Sự '
        'kiện</title></head><body class="archive category category-tin-tuc-su-kien"><div '
        'class="col-lg-8"><h1 class="page-title">Tin tức - Sự kiện</h1><div class="post-list">'
        + "".join(_post_box(n, s) for n, s in enumerate(slugs)) + '</div><a href="https://'
        'hoangmai.hoaison.gov.vn/chuyen-muc/tin-tuc-su-kien/page/2/" class="btn-load-more">Xem'
        ' thêm</a></div><div class="sidebar"><div class="widget"><h3>Tin nổi bật</h3><ul><li>'
        '<a href="https://hoangmai.hoaison.gov.vn/don-nhan-co-thi-dua.html">Đón nhận cờ thi '
        'đua</a></li></ul></div></div></body></html>',
        "https://hoangmai.hoaison.gov.vn/chuyen-muc/tin-tuc-su-kien/", reached_as="listing")
    assert found.role == "listing", found.evidence
    assert [e.url for e in found.listing.entries] == [
        f"https://hoangmai.hoaison.gov.vn/{s}.html" for s in slugs]


VNPORTAL_SIDE = ('<div class="col-right"><div class="box-side UIArticleHot_Default"><div '
                 'class="box-title"><h3>Tin nổi bật</h3></div><ul class="list-hot"><li class='
                 '"item"><a href="https://yte.hoaison.gov.vn/tin-noi-bat/ghi-nhan-ca-mac-sot-'
                 'xuat-huyet-849877">Ghi nhận ca mắc sốt xuất huyết</a></li><li class="item">'
                 '<a href="https://yte.hoaison.gov.vn/thong-bao/lich-tiep-cong-dan-850001">'
                 "Lịch tiếp công dân</a></li></ul></div></div>")


def _vnportal_list(module: str) -> str:
    return ('<html><head><title>Tin hoạt động ngành</title></head><body><div class="header">'
            'ĐĂNG NHẬP</div><div class="col-content"><section class="category-news '
            f'{module}</section></div>{VNPORTAL_SIDE}</body></html>')


def test_a_vnportal_list_skin_of_div_boxes_is_read_as_its_list():
    ids = (850112, 850059, 849953)
    items = "".join(
        f'<div class="news-item col-sm-12"><div class="news-thumb"><a href="https://yte.'
        f'hoaison.gov.vn/tin-hoat-dong-nganh/tin-so-{n}-{i}"><img src="/t{n}.jpg"></a></div>'
        f'<div class="news-body"><h3 class="news-title"><a href="https://yte.hoaison.gov.vn/'
        f'tin-hoat-dong-nganh/tin-so-{n}-{i}">Tin số {n} của ngành</a></h3><span class='
        f'"news-date">0{n + 1}/10/2023</span></div></div>' for n, i in enumerate(ids))
    found = _verdict(_vnportal_list(
        f'UIArticleInMenu_Style2"><h1 class="heading-title">Tin hoạt động ngành</h1><div '
        f'class="list-news row">{items}</div>'),
        "https://yte.hoaison.gov.vn/tin-hoat-dong-nganh", reached_as="listing")
    assert found.role == "listing", found.evidence
    assert found.listing.layout.startswith("vnportal")
    assert [e.url for e in found.listing.entries] == [
        f"https://yte.hoaison.gov.vn/tin-hoat-dong-nganh/tin-so-{n}-{i}"
        for n, i in enumerate(ids)]


def test_a_vnportal_category_with_nothing_in_it_is_an_empty_list():
    """"Chưa có dữ liệu": the list module is there with an empty list, and the side
    box's articles are not the category's."""
    found = _verdict(_vnportal_list(
        'UIArticleInMenu_Default"><div class="title">Thông tin tuyển dụng</div><ul '
        'class="ArticleList"></ul><div class="no-data">Chưa có dữ liệu</div>'),
        "https://yte.hoaison.gov.vn/thong-tin-tuyen-dung", reached_as="listing")
    assert found.role == "listing", found.evidence
    assert found.listing.entries == []


def test_a_most_read_box_beside_a_list_is_not_part_of_it():
    """A Joomla category list with the "Tin xem nhiều" module beside it, in a template
    whose module wrappers name no side box."""
    host = "https://skhcn.hoaison.gov.vn"
    own = [f"{host}/tin-tuc/hoat-dong/{n}-tin-hoat-dong-so-{n}" for n in (2301, 2290, 2285)]
    read = [f"{host}/tin-tuc/hoat-dong/2198-nghe-an-co-15-san-pham",
            f"{host}/thong-bao/2250-thong-bao-tuyen-chon-nhiem-vu"]
    rows = "".join(f'<tr><td><a href="{u}">Tin hoạt động khoa học số {i}</a></td><td>'
                   f"0{i + 1}-12-2023</td></tr>" for i, u in enumerate(own))
    box = "".join(f'<li><a href="{u}">Bài được xem nhiều số {i}</a></li>'
                  for i, u in enumerate(read))
    found = _verdict(
        '<html><head><title>Hoạt động KH&amp;CN</title></head><body class="site com_content '
        f'view-category"><div class="row"><div id="content" class="span9"><h2>Hoạt động KH&amp;'
        f'CN</h2><table class="category">{rows}</table></div><div id="aside" class="span3">'
        f'<div class="well"><h3 class="page-header">Tin xem nhiều</h3><ul class="mostread">'
        f"{box}</ul></div></div></div></body></html>",
        f"{host}/tin-tuc/hoat-dong", reached_as="listing")
    assert found.role == "listing", found.evidence
    assert [e.url for e in found.listing.entries] == own


def test_a_video_page_whose_links_are_all_in_its_boxes_lists_nothing():
    """A video's page (an embed and a line) links other videos and the featured news,
    each under its box's label: no list of its own, so "other", not a listing."""
    host = "https://vhttdl.hoaison.gov.vn"
    videos = "".join(f'<li><a href="{host}/video/video-so-{n}-73100{n}">Video số {n}</a></li>'
                     for n in range(2))
    hot = "".join(f'<li><a href="{host}/tin-noi-bat/tin-so-{n}-72300{n}">Tin nổi bật số {n} '
                  "của tỉnh</a></li>" for n in range(4))
    found = _verdict(
        '<html><head><title>Dân ca ví, giặm Nghệ Tĩnh</title></head><body><div class="main">'
        '<h1 class="video-title">Dân ca ví, giặm Nghệ Tĩnh</h1><iframe src="https://www.'
        'youtube.com/embed/Vd3kHq9ZtP4"></iframe><p class="video-desc">Phóng sự giới thiệu '
        f'dân ca ví, giặm.</p><div class="other-videos"><h3>Video khác</h3><ul>{videos}</ul>'
        '</div></div><div class="right-col"><div class="box-right"><div class="box-title"><h3>'
        f"Tin nổi bật</h3></div><ul>{hot}</ul></div></div></body></html>",
        f"{host}/video/dan-ca-vi-giam-nghe-tinh-731305")
    assert found.role == "other", found.evidence


@pytest.mark.parametrize("title, heading, slug", [
    # the "Tin nổi bật" category's own page: its <h1> and <title> name it
    ("Tin nổi bật - Cổng thông tin điện tử", "<h1>Tin nổi bật</h1>", "tin-noi-bat"),
    # a commune site's "Thông báo": an <h2>, a <title> of the site's name; its address
    ("Cổng thông tin điện tử xã Nghi Thái", "<h2>Thông báo</h2>", "thong-bao"),
])
def test_a_category_named_like_a_side_box_keeps_its_items(title, heading, slug):
    """A list headed by a side box's label is no side box when the page says it is that
    list: its heading is its name."""
    host = "https://xanghithai.hoaison.gov.vn"
    own = [f"{host}/{slug}/{slug}-so-{n}-80{n}456" for n in range(4)]
    items = "".join(f'<li><a href="{u}">Bài số {n} của xã về lịch tiếp dân</a> <span>'
                    f"0{n + 1}/12/2023</span></li>" for n, u in enumerate(own))
    found = _verdict(
        f'<html><head><title>{title}</title></head><body><div class="content"><div class='
        f'"box">{heading}<ul>{items}</ul></div></div></body></html>', f"{host}/{slug}",
        reached_as="listing")
    assert found.role == "listing", found.evidence
    assert [e.url for e in found.listing.entries] == own


@pytest.mark.parametrize("box, author, source", [
    # an office, with no writer signing the text
    ("Phòng Kinh tế và Hạ tầng", "Phòng Kinh tế và Hạ tầng", None),
    # writers, then their credit in brackets on a line of its own
    ("Mai Hoa - Công Kiên<br />(Theo Báo Nghệ An)", "Mai Hoa, Công Kiên", "Báo Nghệ An"),
])
def test_the_author_box_is_the_byline_as_printed(box, author, source):
    """vnPortal's div.author."""
    url = "https://sxd.hoaison.gov.vn/tin-hoat-dong/kiem-tra-chat-luong-cong-trinh-810245"
    found = _verdict(
        '<html><head><title>Kiểm tra chất lượng công trình - Phòng Kinh tế và Hạ tầng huyện'
        '</title></head><body><div class="ArticleDetailControl"><div class="ArticleHeader">'
        'Kiểm tra chất lượng công trình cầu qua sông Mai Giang</div><div class="PostDate">'
        '15/05/2024 09:30</div><div class="ArticleSummary">Đoàn kiểm tra của huyện làm việc '
        f'tại công trình.</div><div class="ArticleContent">{PARAS}</div><div class="author">'
        f"{box}</div></div></body></html>", url)
    assert (found.record.author, found.record.source) == (author, source)


def _nukeviet(byline: str, signature: str = "") -> str:
    return ('<html><head><meta name="generator" content="NukeViet v4.5"><title>Xã diễn tập '
            'phòng cháy</title></head><body><div class="news_column panel"><h1 class="title">'
            'Xã diễn tập phòng cháy</h1><span class="h5">15/05/2024 10:00</span><div class='
            '"hometext">Xã tổ chức diễn tập phương án phòng cháy tại khu dân cư.</div><div id='
            f'"news-bodyhtml" class="bodytext">{PARAS}{signature}</div><div class="margin-'
            f'bottom-lg"><p class="h5 text-right"><strong>Tác giả: </strong>{byline}</p></div>'
            "</div></body></html>")


def test_an_office_on_the_author_line_is_the_author_unless_writers_sign_the_text():
    url = "https://quynhdoi.hoaison.gov.vn/tin-tuc/xa-dien-tap-phong-chay-306.html"
    assert _verdict(_nukeviet("Ban Văn hóa xã"), url).record.author == "Ban Văn hóa xã"
    signed = _verdict(_nukeviet("Ban Văn hóa xã", '<p style="text-align: right;"><strong>'
                                "Hồ Phương</strong></p>"), url).record
    assert signed.author == "Hồ Phương" and signed.body.endswith(LAST)



def test_a_nukeviet_item_written_whole_in_its_lead_box_is_that_text():
    """A short item whose writer filled only the lead's box (div.hometext), its body left
    empty: that is its text, and it has no lead of its own; its category is the trail's."""
    html = _nukeviet("Hồ Phương").replace(
        '<div class="hometext">Xã tổ chức diễn tập phương án phòng cháy tại khu dân cư.</div>',
        f'<div class="hometext">{PARAS}</div>').replace(f"bodytext\">{PARAS}", 'bodytext">')
    html = html.replace('<div class="news_column panel">', '<ul class="temp-breadcrumbs hidden" '
                        'itemscope itemtype="https://schema.org/BreadcrumbList"><li itemprop="item'
                        'ListElement"><a href="/" itemprop="item"><span itemprop="name">Trang '
                        'nhất</span></a></li><li itemprop="itemListElement"><a href="/tin-xa/" '
                        'itemprop="item"><span itemprop="name">Tin xã, thị trấn</span></a></li>'
                        '</ul><div class="news_column panel">')
    found = _verdict(html, "https://quynhdoi.hoaison.gov.vn/tin-xa/xa-dien-tap-phong-chay-306.html")
    assert found.record.parser.startswith("nukeviet/"), found.evidence
    assert found.record.body.endswith(LAST) and found.record.summary is None
    assert (found.record.author, found.record.category) == ("Hồ Phương", "Tin xã, thị trấn")

def test_a_nukeviet_themes_author_box_of_plain_lines_names_writers_and_source():
    """A NukeViet 4.4 theme sets "Tác giả:" and "Nguồn tin:" as plain paragraphs in its own
    right-aligned author box (div.egov-author.text-right)."""
    html = _nukeviet("x").replace(
        '<div class="margin-bottom-lg"><p class="h5 text-right"><strong>Tác giả: </strong>x</p>'
        "</div>", '<div class="egov-author text-right"><p><strong>Tác giả: </strong>Minh Châu -'
        ' Thu Trang</p><p><strong>Nguồn tin: </strong>Trung tâm Văn hóa - Thể thao và Truyền '
        "thông huyện</p></div>")
    found = _verdict(html, "https://tanky.nghean.gov.vn/kinh-te/xa-dien-tap-phong-chay-3318.html")
    assert (found.record.author, found.record.source) == (
        "Minh Châu, Thu Trang", "Trung tâm Văn hóa - Thể thao và Truyền thông huyện")


def test_a_login_in_lower_case_is_no_byline_and_the_signature_is():
    """WordPress prints the account ("bientap"); the writers sign the text."""
    url = "https://phuonghungbinh.hoaison.gov.vn/tin-tuc/ra-mat-mo-hinh-khu-dan-cu-khong-rac/"
    found = _verdict(
        '<html><head><meta name="generator" content="WordPress 6.4"><title>Ra mắt mô hình '
        '</title></head><body class="single single-post postid-77"><article id="post-77" '
        'class="post"><h1 class="entry-title">Ra mắt mô hình khu dân cư không rác thải nhựa'
        '</h1><span class="byline">bởi <span class="author vcard"><a class="url fn n" href="/'
        'author/bientap/">bientap</a></span></span><div class="entry-content">'
        f'{PARAS}<p style="text-align: right;"><strong>Minh Hằng - Quốc Việt</strong></p>'
        '</div></article><div class="related-posts"><h3 class="related-title">Bài viết liên '
        'quan</h3><ul><li><a href="https://phuonghungbinh.hoaison.gov.vn/tin-tuc/tong-ket-'
        'cong-tac-nam-2020/">Tổng kết công tác năm 2020</a></li><li><a href="https://'
        'phuonghungbinh.hoaison.gov.vn/tin-tuc/">Tin tức</a></li></ul></div></body></html>',
        url)
    assert found.record.author == "Minh Hằng, Quốc Việt"
    assert found.record.body.endswith(LAST)
    # a related post at a "/%postname%/" address; the category's link is no post
    assert [r.url for r in found.record.related] == [
        "https://phuonghungbinh.hoaison.gov.vn/tin-tuc/tong-ket-cong-tac-nam-2020/"]


def test_an_article_reached_with_a_trailing_slash_keeps_the_address_it_declares():
    """A related list links "/slug-723585/"; the page (and the site's lists) say
    "/slug-723585": the article is kept at that address."""
    own = "http://www.hoaison.gov.vn/chi-dao-dieu-hanh/huyen-chi-dao-ra-soat-ho-tro-723585"
    found = _verdict(
        f'<html><head><title>Huyện chỉ đạo rà soát</title><meta property="og:url" content='
        f'"{own}"></head><body><div class="ArticleDetailControl"><div class="ArticleHeader">'
        'Huyện chỉ đạo rà soát, hỗ trợ người dân</div><div class="PostDate">15/05/2024 09:30'
        f'</div><div class="ArticleContent">{PARAS}</div></div></body></html>', own + "/")
    assert found.role == "article"
    assert found.url == found.record.url == own


def test_a_script_inside_a_headline_is_not_part_of_the_title():
    """A crafted title: an escaped "<script>" is its text, a real <script> is not."""
    url = "https://yte.hoaison.gov.vn/tin-tuc-y-te/canh-bao-mao-danh-nhan-vien-y-te-951172"
    found = _verdict(
        '<html><head><title>Cảnh báo</title></head><body><div class="ArticleDetailControl">'
        '<div class="ArticleHeader">Cảnh báo: &lt;script&gt;alert(1)&lt;/script&gt; mạo danh '
        '<b>nhân viên</b> y tế<script>var _t=1;</script> gọi điện</div><div class="PostDate">'
        f'15/05/2024 09:30</div><div class="ArticleContent">{PARAS}</div></div></body></html>',
        url)
    assert found.record.title == ("Cảnh báo: <script>alert(1)</script> mạo danh nhân viên y "
                                  "tế gọi điện")


def test_related_blocks_on_sites_no_module_knows_link_slugs_and_coded_items():
    """"Bài viết cùng chuyên mục" and "Tin liên quan" over links that carry no id: a court
    portal's "chi-tiet-tin?dDocName=TAND311870", a Drupal node's title slug.  A category's
    link in the block is no article."""
    host = "https://toaan.hoaison.gov.vn"
    coded = f"{host}/webcenter/portal/chi-tiet-tin?dDocName=TAND311870"
    slug = f"{host}/tin-tuc/hoi-thao-khoa-hoc-ve-phat-trien-san-pham-ocop"
    found = _verdict(
        '<html><head><title>Tòa án tỉnh tổng kết công tác năm 2024</title></head><body><div '
        'class="content"><h1>Tòa án tỉnh tổng kết công tác năm 2024</h1><p class="date">Ngày '
        f'15/01/2025 09:00</p><div class="noi-dung">{PARAS}</div><section class="related">'
        f'<h3>Bài viết cùng chuyên mục</h3><ul><li><a href="{coded}">Phiên tòa trực tuyến xét '
        f'xử vụ án ma túy</a></li><li><a href="{slug}">Hội thảo khoa học về phát triển sản '
        f'phẩm OCOP</a></li><li><a href="{host}/tin-tuc">Tin tức</a></li></ul></section></div>'
        "</body></html>", f"{host}/webcenter/portal/chi-tiet-tin?dDocName=TAND312345")
    assert found.role == "article", found.evidence
    assert [r.url for r in found.record.related] == [coded, slug]


def test_a_nukeviet_3_article_its_lead_byline_and_older_items():
    """NukeViet 3: the lead in div#hometext holds the picture and its caption, the byline
    is "Tác giả bài viết:" in a right-aligned paragraph, and "Những tin mới hơn" links
    /{module}/{category}/{alias}-{id}/ addresses."""
    base = "https://thptdienchau3.hoaison.edu.vn/news/Hoat-dong-Doan-Doi"
    newer = f"{base}/Hoi-trai-26-3-nam-2016-415/"
    found = _verdict(
        '<html><head><meta name="generator" content="NukeViet v3.4"><title>Lễ kỷ niệm 85 năm'
        '</title></head><body><div class="news_column"><h1>Lễ kỷ niệm 85 năm Ngày thành lập '
        'Đoàn</h1><span class="time">Thứ hai, 21/03/2016 - 10:15</span><div id="hometext">'
        '<div id="imghome"><img src="/files/news/thumb/le-ky-niem.jpg"><p><em>Đoàn viên biểu '
        'diễn văn nghệ chào mừng</em></p></div>Sáng 21/3/2016, Đoàn trường long trọng tổ chức'
        f' Lễ kỷ niệm 85 năm Ngày thành lập Đoàn.</div><div class="bodytext">{PARAS}</div><p '
        'style="text-align: right;"><strong>Tác giả bài viết: </strong>Đoàn trường</p></div>'
        '<p><strong>Những tin mới hơn</strong></p><ul class="related"><li><a href="'
        f'{newer}">Hội trại 26/3 năm 2016</a></li></ul></body></html>',
        f"{base}/Le-ky-niem-85-nam-412/")
    assert found.role == "article", found.evidence
    record = found.record
    assert record.summary == ("Sáng 21/3/2016, Đoàn trường long trọng tổ chức Lễ kỷ niệm 85 "
                              "năm Ngày thành lập Đoàn.")
    assert record.author == "Đoàn trường"
    assert [r.url for r in record.related] == [newer]


def test_twenty_twentys_post_meta_names_the_writer():
    url = "https://phuongtruongthi.hoaison.gov.vn/2021/10/20/phuong-to-chuc-tiem-vac-xin/"
    found = _verdict(
        '<html><head><meta name="generator" content="WordPress 5.8"><title>Phường tổ chức '
        'tiêm vắc xin</title></head><body class="single single-post postid-310"><article '
        'id="post-310" class="post"><h1 class="entry-title">Phường tổ chức tiêm vắc xin</h1>'
        f'<div class="entry-content">{PARAS}</div><div class="post-meta-wrapper"><ul class='
        '"post-meta"><li class="post-author meta-wrapper"><span class="meta-text">Người đăng: '
        '<a href="/author/phamthao/">Phạm Thảo</a></span></li></ul></div></article></body>'
        "</html>", url)
    assert found.record.author == "Phạm Thảo"


def test_a_liferay_asset_publisher_list_its_items_and_its_pager():
    """Liferay: web content at /-/asset_publisher/{id}/content/{slug} (no id), pages
    "_101_INSTANCE_{id}_cur=2", and a second publisher headed "Tin xem nhiều" (an <h1>,
    as Liferay heads every portlet) beside the list."""
    base = "https://www.hoaison.gov.vn/web/guest/tin-tuc-su-kien"
    own = [f"{base}/-/asset_publisher/Xy12/content/tin-su-kien-so-{n}-cua-thanh-pho"
           for n in range(3)]
    read = [f"{base}/-/asset_publisher/Mv98/content/bai-duoc-xem-nhieu-so-{n}" for n in range(2)]
    nxt = (f"{base}?p_p_id=101_INSTANCE_Xy12&p_p_lifecycle=0&_101_INSTANCE_Xy12_delta=10"
           "&_101_INSTANCE_Xy12_cur=2")
    items = "".join(f'<div class="asset-abstract"><h3 class="asset-title"><a href="{u}">Tin '
                    f'sự kiện số {n} của thành phố</a></h3><span class="date">0{n + 1}/09/2023'
                    "</span></div>" for n, u in enumerate(own))
    box = "".join(f'<li><a href="{u}">Bài được xem nhiều số {n}</a></li>' for n, u in enumerate(read))
    found = _verdict(
        '<html><head><title>Tin tức - Sự kiện - Cổng thông tin điện tử</title></head><body>'
        '<div class="portlet-boundary portlet-asset-publisher"><h1 class="portlet-title">Tin tức'
        f' - Sự kiện</h1>{items}<ul class="lfr-pagination-buttons pager"><li><a href="'
        f'{nxt.replace("&", "&amp;")}">Tiếp theo</a></li></ul></div><div class="portlet-'
        'boundary portlet-asset-publisher"><h1 class="portlet-title">Tin xem nhiều</h1><ul '
        f'class="title-list">{box}</ul></div></body></html>', base, reached_as="listing")
    assert found.role == "listing", found.evidence
    assert [e.url for e in found.listing.entries] == own
    assert nxt in found.listing.pager_links


def test_the_editorial_board_named_as_the_writer_is_the_byline():
    """A commune's WordPress posts signed by "Ban biên tập" in the theme's author box: an
    office, as printed; "admin" or a role word alone is still no byline."""
    url = "https://quynhnghia.hoaison.gov.vn/2024/05/19/ngu-dan-trung-mua-ca-com-dau-vu/"

    def post(name: str) -> str:
        return ('<html><head><meta name="generator" content="WordPress 6.4"><title>Ngư dân '
                'trúng mùa</title></head><body class="single single-post postid-51"><article '
                'id="post-51" class="post"><h1 class="entry-title">Ngư dân trúng mùa cá cơm</h1>'
                '<span class="byline">bởi <span class="author vcard"><a class="url fn n" href='
                f'"/author/x/">{name}</a></span></span><div class="entry-content">{PARAS}</div>'
                "</article></body></html>")

    assert _verdict(post("Ban biên tập"), url).record.author == "Ban biên tập"
    assert _verdict(post("admin"), url).record.author is None
    assert _verdict(post("Biên tập viên"), url).record.author is None


def test_a_related_posts_plugins_list_inside_the_text_is_the_related_list_not_text():
    """YARPP prints its list at the end of Twenty Twenty's entry-content."""
    base = "https://phuongtruongthi.vinh.nghean.gov.vn"
    posts = [f"{base}/2024/03/05/bai-viet-lien-quan-so-{n}/" for n in (1, 2)]
    items = "".join(f'<li><a href="{u}" rel="bookmark">Bài viết liên quan số {n}</a></li>'
                    for n, u in enumerate(posts, 1))
    html = ('<html><head><meta name="generator" content="WordPress 6.4.3"><title>Ra mắt mô hình'
            '</title></head><body class="post-template-default single single-post postid-2210">'
            '<article class="post-2210 post type-post" id="post-2210"><h1 class="entry-title">'
            'Ra mắt mô hình</h1><div class="post-meta-wrapper"><span class="meta-text"><a href='
            f'"{base}/2024/03/17/ra-mat-mo-hinh/">17/03/2024</a></span></div><div class="entry-'
            f"content\">{PARAS}<div class='yarpp yarpp-related'><!-- YARPP List --><h3>Bài viết "
            f"liên quan:</h3><ol>{items}</ol></div></div></article></body></html>")
    found = _verdict(html, f"{base}/2024/03/17/ra-mat-mo-hinh/").record
    assert [link.url for link in found.related] == posts
    assert found.body.endswith(LAST) and "liên quan" not in found.body


def test_a_nukeviet_3_article_without_url_rewriting_its_byline_and_both_lists():
    """NukeViet 3 with no URL rewriting serves its pages from index.php?...&nv=news&op=...:
    an article, not the site's root; its byline is "Tác giả bài viết:" in div.source; the
    newer and the older items stand in two boxes, both related."""
    site = "https://thcsquynhthach.quynhluu.edu.vn/index.php?language=vi&nv=news&op=Tin-tuc/"
    newer, older = f"{site}Hoi-thi-giao-vien-129", f"{site}Le-khai-giang-117"
    found = _verdict(
        '<html><head><meta name="generator" content="NukeViet v3.4"><title>Kỷ niệm 34 năm Ngày '
        'Nhà giáo</title></head><body><div class="news_column"><h1>Kỷ niệm 34 năm Ngày Nhà giáo'
        '</h1><span class="time">Thứ hai, 21/11/2016 - 10:15</span><div class="bodytext">'
        f'{PARAS}</div><div class="source"><strong>Tác giả bài viết: </strong>Thái Hiền</div>'
        f'</div><div class="other_news"><h4>Những tin mới hơn</h4><ul><li><a href="{newer}">'
        f'Hội thi giáo viên dạy giỏi</a></li></ul></div><div class="other_news"><h4>Những tin '
        f'cũ hơn</h4><ul><li><a href="{older}">Lễ khai giảng năm học mới</a></li></ul></div>'
        "</body></html>", f"{site}Ky-niem-34-nam-Ngay-Nha-giao-126")
    assert found.role == "article", found.evidence
    assert found.record.author == "Thái Hiền"
    assert [r.url for r in found.record.related] == [
        newer.replace("Tin-tuc/", "Tin-tuc%2F"), older.replace("Tin-tuc/", "Tin-tuc%2F")]


def test_a_gallerys_link_to_its_album_page_is_no_attachment():
    url = "https://vhttdl.hoaison.gov.vn/tin-hoat-dong/le-hoi-lang-sen-2025-812345"
    found = _verdict(
        '<html><head><title>Lễ hội Làng Sen 2025</title></head><body><div class="Article'
        'DetailControl"><div class="ArticleHeader">Lễ hội Làng Sen 2025</div><div class="Post'
        f'Date">15/05/2025 09:30</div><div class="ArticleContent">{PARAS}<p><a class="view-'
        'gallery" href="/thu-vien-anh/le-hoi-lang-sen-2025-1204">Xem album ảnh</a></p><p><a '
        'class="view-gallery" href="/Uploads/ke-hoach-le-hoi.pdf">Kế hoạch tổ chức</a></p></div>'
        "</div></body></html>", url)
    assert [a.url for a in found.record.attachments] == [
        "https://vhttdl.hoaison.gov.vn/Uploads/ke-hoach-le-hoi.pdf"]


def _leader_page(fields: str) -> str:
    return ('<html><head><title>Đồng chí Trần Minh Quang - Phó Chủ tịch UBND tỉnh</title></head>'
            '<body><div class="LeaderDetailControl"><div class="ArticleHeader">Đồng chí Trần Minh '
            'Quang - Phó Chủ tịch UBND tỉnh</div><div class="PostDate">Cập nhật: 02/01/2025</div>'
            f'{fields}<div class="ArticleContent"><p><strong>Tóm tắt quá trình công tác:</strong>'
            f"</p>{PARAS}</div></div></body></html>")


@pytest.mark.parametrize("fields, role", [
    # a leader's profile: label and value side by side
    ('<table><tr><td>Họ và tên:</td><td>Trần Minh Quang</td></tr><tr><td>Ngày sinh:</td><td>'
     '14/02/1972</td></tr><tr><td>Quê quán:</td><td>Xã Thanh Lĩnh, huyện Thanh Chương</td></tr>'
     "<tr><td>Dân tộc:</td><td>Kinh</td></tr></table>", "other"),
    ("<p><strong>Ngày sinh:</strong> 14/02/1972</p><p><strong>Quê quán:</strong> Thanh Chương"
     "</p><p><strong>Chức vụ:</strong> Phó Chủ tịch UBND tỉnh</p>", "other"),
    # news listing candidates: the fields head one row's columns
    ("<table><tr><th>Họ và tên</th><th>Ngày sinh</th><th>Quê quán</th><th>Dân tộc</th></tr><tr>"
     "<td>Trần Văn An</td><td>1970</td><td>Nghi Lộc</td><td>Kinh</td></tr></table>", "article"),
])
def test_a_persons_profile_in_the_article_template_is_no_article(fields, role):
    url = "https://www.nghean.gov.vn/lanh-dao-tinh/dong-chi-tran-minh-quang-640215"
    found = _verdict(_leader_page(fields), url)
    assert found.role == role, found.evidence



def _procedure_page(fields: str) -> str:
    return ('<html><head><title>Cấp lại giấy phép hành nghề dược</title></head><body><div class='
            '"ArticleDetailControl"><div class="ArticleHeader">Cấp lại giấy phép hành nghề dược'
            '</div><div class="PostDate">Cập nhật: 12/03/2025 08:15</div><div class="Article'
            f'Content">{fields}</div></div></body></html>')


@pytest.mark.parametrize("fields, role", [
    # a procedure's record: each part a label beside its value, or a heading over it
    ("<table><tr><th>Mã thủ tục</th><td>1.002339</td></tr><tr><th>Trình tự thực hiện</th><td>"
     f"{PARAS}</td></tr><tr><th>Cách thức thực hiện</th><td>Trực tiếp; Trực tuyến</td></tr><tr>"
     "<th>Thời hạn giải quyết</th><td>10 ngày làm việc</td></tr><tr><th>Phí, lệ phí</th><td>"
     "Không</td></tr></table>", "other"),
    (f"<h4>Trình tự thực hiện</h4>{PARAS}<h4>Thành phần, số lượng hồ sơ</h4><p>01 bộ.</p><h4>"
     "Thời hạn giải quyết</h4><p>05 ngày.</p><h4>Căn cứ pháp lý</h4><p>Luật Dược 2016.</p>",
     "other"),
    # news of a procedure made simpler names its parts in running text, not as labels
    (f"{PARAS}<p>Thời hạn giải quyết rút từ 10 ngày xuống 5 ngày; trình tự thực hiện, thành "
     "phần hồ sơ và lệ phí giữ nguyên.</p>", "article"),
])
def test_an_administrative_procedure_in_the_article_template_is_no_article(fields, role):
    url = "https://syt.nghean.gov.vn/thu-tuc-hanh-chinh/cap-lai-giay-phep-hanh-nghe-duoc-10452"
    found = _verdict(_procedure_page(fields), url)
    assert found.role == role, found.evidence

def test_an_elementor_single_post_beside_its_related_posts_boxes_is_one_post():
    """Elementor Pro's single-post template: the text in its post-content widget, the
    related posts as <article class="elementor-post post"> boxes after it."""
    base = "https://bvdk.songlam.gov.vn"
    boxes = "".join(
        f'<article class="elementor-post elementor-grid-item post-{n} post type-post"><h3><a '
        f'href="{base}/bai-viet-lien-quan-{n}/">Bài viết liên quan {n}</a></h3><div class="'
        f'elementor-post__excerpt"><p>Tóm tắt bài {n} về hoạt động bệnh viện.</p></div></article>'
        for n in (1, 2))
    html = ('<html><head><meta name="generator" content="WordPress 6.4.3"><title>Hiến máu tình '
            'nguyện đợt 3</title></head><body class="post-template-default single single-post '
            'postid-1129 wp-custom-logo"><div data-elementor-type="single-post" class="elementor '
            'elementor-location-single post-1129 post type-post"><div class="elementor-widget-'
            'theme-post-title"><h1 class="elementor-heading-title">Hiến máu tình nguyện đợt 3</h1>'
            '</div><ul class="elementor-post-info"><li class="elementor-post-info__item--type-date">'
            '04/09/2024</li></ul><div class="elementor-element elementor-widget-theme-post-content">'
            f'<div class="elementor-widget-container">{PARAS}<p style="text-align: right;"><strong>'
            "Hoàng Long – Trần Văn Bình</strong></p></div></div><div class=\"elementor-widget-"
            f'archive-posts">{boxes}</div></div></body></html>')
    found = _verdict(html, f"{base}/hien-mau-tinh-nguyen-dot-3/")
    assert found.layout_key == "wordpress/1" and found.role == "article", found.evidence
    assert found.record.author == "Hoàng Long, Trần Văn Bình"
    assert found.record.body.endswith(LAST)


def test_an_elementor_posts_info_names_its_writer_and_yoasts_trail_its_category():
    base = "https://bqlkkt.nghean.gov.vn"
    html = ('<html><head><meta name="generator" content="WordPress 6.4.3"><title>Thu hút 5 dự án'
            '</title></head><body class="single single-post postid-9912"><p id="breadcrumbs"><a '
            f'href="{base}/">Trang chủ</a> » <a href="{base}/tin-tuc/">Tin tức</a> » <span>Thu hút'
            ' 5 dự án</span></p><div data-elementor-type="single-post" class="elementor post-9912 '
            'post type-post"><h1 class="elementor-heading-title">Thu hút 5 dự án</h1><ul class="'
            'elementor-post-info"><li itemprop="author"><a href="/author/thutrang/"><span class="'
            'elementor-post-info__item elementor-post-info__item--type-author"> Phạm Thu Trang '
            '</span></a></li><li><time>03/04/2025</time></li></ul><div class="elementor-widget-'
            f'theme-post-content"><div class="elementor-widget-container">{PARAS}</div></div>'
            '<article class="elementor-post post"><a href="/a/">A</a></article><article class="'
            'elementor-post post"><a href="/b/">B</a></article></div></body></html>')
    found = _verdict(html, f"{base}/thu-hut-5-du-an/").record
    assert (found.author, found.category) == ("Phạm Thu Trang", "Tin tức")


def test_the_classic_skins_article_table_and_a_related_box_inside_its_text():
    """The classic skin sets the article in <table class="ArticleDetailControl">, one row
    each for the title, the date ("14:35 | 2/12/2024"), the lead and the text; an editor
    floats a "Tin liên quan" table inside the text."""
    base = "https://tanphuoc.hoaison.gov.vn/tin-tuc-su-kien/"
    box = ('<table class="tinlienquan" align="right" width="220"><tr><td><strong>Tin liên quan'
           f'</strong><br><a href="{base}thanh-toan-khong-dung-tien-mat-612704">Triển khai thanh '
           f'toán không dùng tiền mặt</a><br><a href="{base}tap-huan-ky-nang-so-612655">Tập huấn '
           "kỹ năng số</a></td></tr></table>")
    html = ('<html><head><title>Ra quân chuyển đổi số</title></head><body><table class="Article'
            'DetailControl"><tr><td class="path"><a href="/">Trang chủ</a> » <a href="/tin-tuc-su'
            '-kien">Tin tức - Sự kiện</a></td></tr><tr><td><div class="ArticleHeader"><span>Ra '
            'quân chuyển đổi số cộng đồng</span></div></td></tr><tr><td><div class="PostDate">'
            '<span>14:35 | 2/12/2024</span></div></td></tr><tr><td><div class="ArticleSummary">'
            "<strong>Sáng 2/12, huyện ra quân hỗ trợ người dân dùng các nền tảng số.</strong>"
            f'</div></td></tr><tr><td><div class="ArticleContent">{box}{PARAS}</div></td></tr>'
            '<tr><td class="other-title"><strong>Các tin khác</strong></td></tr><tr><td><a href="'
            f'{base}hoi-nghi-giao-ban-612801">Hội nghị giao ban</a></td></tr></table></body></html>')
    found = _verdict(html, base + "ra-quan-chuyen-doi-so-cong-dong-612850")
    record = found.record
    assert (record.published_at, record.summary) == (
        "2024-12-02T14:35:00+07:00", "Sáng 2/12, huyện ra quân hỗ trợ người dân dùng các nền tảng số.")
    assert "Tin liên quan" not in record.body and "Tập huấn" not in record.body
    assert record.body.endswith(LAST)
    assert [link.url.rsplit("-", 1)[1] for link in record.related] == ["612704", "612655", "612801"]


def test_the_classic_skins_title_in_a_table_cell():
    """Another classic install names the title's cell itself: <td class="ArticleHeader">."""
    html = ('<html><head><title>UBND xã Tân Lập</title></head><body><div class="ArticleDetail'
            'Control"><table><tr><td class="ArticleHeader"><span><b>Thông báo lịch tiếp công dân '
            'tháng 01 năm 2025</b></span></td></tr><tr><td class="PostDate">Ngày đăng: 30/12/2024'
            f'</td></tr><tr><td><div class="ArticleContent">{PARAS}</div></td></tr></table></div>'
            "</body></html>")
    found = _verdict(html, "https://tanlap.hoaison.gov.vn/thong-bao/thong-bao-lich-tiep-123456")
    assert found.record.title == "Thông báo lịch tiếp công dân tháng 01 năm 2025", found.evidence


def test_a_wordpress_theme_of_its_own_names_date_writers_and_category_its_own_way():
    """A province's own WordPress theme: no <time>, no byline markup, a plain trail."""
    base = "https://tpphulam.hoaison.gov.vn"
    html = ('<html><head><meta name="generator" content="WordPress 6.6.2"><title>Khánh thành '
            'công viên</title></head><body class="post-template-default single single-post '
            f'postid-3340"><nav class="breadcrumb"><a href="{base}/">Trang chủ</a> / <a href="'
            f'{base}/chuyen-muc/do-thi/">Đô thị</a></nav><article class="news-detail post-3340">'
            '<h1 class="news-title">Khánh thành công viên ven sông</h1><div class="news-meta">'
            '<span class="news-date"><i class="fa fa-calendar"></i> Thứ 2, 02/12/2024 - 09:45'
            '</span> <span class="news-view">Lượt xem: 1.204</span></div><div class="news-content '
            f'entry-content">{PARAS}<p class="author-name">Thu Trang - Minh Đức</p></div>'
            "</article></body></html>")
    record = _verdict(html, f"{base}/tin-tuc/khanh-thanh-cong-vien-ven-song/").record
    assert (record.published_at, record.author, record.category) == (
        "2024-12-02T09:45:00+07:00", "Thu Trang, Minh Đức", "Đô thị")
    assert record.body.endswith(LAST)


def test_a_see_also_pointer_inside_the_text_is_a_related_link_not_text():
    base = "https://bensoi.hoaison.gov.vn/tin-tuc/"
    pointer = (f'<p><em>Xem thêm: <a href="{base}phe-duyet-quy-hoach-chung-do-thi-287655">Phê '
               "duyệt quy hoạch chung đô thị đến năm 2040</a></em></p>")
    html = ('<html><head><title>Đô thị văn minh</title></head><body><div class="ArticleDetail'
            'Control"><div class="ArticleHeader"><h1>Đẩy nhanh xây dựng đô thị văn minh</h1></div>'
            '<div class="PostDate">Ngày 29/11/2024 16:05</div><div class="ArticleContent">'
            f"{pointer}{PARAS}</div></div></body></html>")
    record = _verdict(html, base + "day-nhanh-xay-dung-do-thi-van-minh-288100").record
    assert "Xem thêm" not in record.body and "quy hoạch chung" not in record.body
    assert [link.url for link in record.related] == [base + "phe-duyet-quy-hoach-chung-do-thi-287655"]


def test_a_nukeviet_source_line_crediting_a_paper_names_the_paper():
    html = _nukeviet("x").replace(
        '<p class="h5 text-right"><strong>Tác giả: </strong>x</p>',
        '<p class="h5 text-right"><strong>Nguồn tin: </strong>Theo Báo Hoài Sơn</p>')
    found = _verdict(html, "https://quynhdoi.hoaison.gov.vn/tin-tuc/xa-dien-tap-phong-chay-306.html")
    assert (found.record.author, found.record.source) == (None, "Báo Hoài Sơn")


def test_an_office_set_apart_in_italics_over_the_text_is_its_writer():
    """A school's post opens with its team's name in italics; the theme's "admin" is no one."""
    url = "https://thcsphuctho.hoaison.edu.vn/hoi-thi-giao-vien-day-gioi/"
    html = ('<html><head><meta name="generator" content="WordPress 6.6"><title>Hội thi giáo viên'
            '</title></head><body class="single single-post postid-88"><article class="post">'
            '<h1 class="entry-title">Hội thi giáo viên dạy giỏi cấp trường</h1><span class="byline">'
            'Đăng bởi <span class="author vcard"><a href="/author/admin/">admin</a></span></span>'
            '<time class="entry-date published" datetime="2024-12-03T07:45:00+07:00">03/12/2024'
            '</time><div class="entry-content"><p><em>Tổ Chuyên môn Toán - Tin</em></p>'
            f"{PARAS}</div></article></body></html>")
    record = _verdict(html, url).record
    assert record.author == "Tổ Chuyên môn Toán - Tin"
    assert "Tổ Chuyên môn" not in record.body and record.body.endswith(LAST)


def test_a_subsites_short_ids_name_its_related_articles():
    """A small vnPortal subsite numbers its articles in four digits: the "Các tin khác" box's
    links shaped as the page's own address are its related articles."""
    from crawler.parsers import classify

    base = "https://sonv.hatinh.gov.vn"
    others = [f"/thong-tin-tuyen-dung/ket-qua-xet-tuyen-dot-{n}-56{n}2" for n in range(3)]
    box = "".join(f'<tr><td><a class="OtherNews" href="{base}{path}">Kết quả đợt {n}</a>'
                  f'</td></tr>' for n, path in enumerate(others))
    html = ('<html><head><title>Thông báo tuyển dụng công chức</title></head><body><table>'
            '<tr><td class="menubar"><a href="/">Trang chủ</a> | <a href="/tin-tuc">Tin tức</a>'
            ' | <a href="/thong-tin-tuyen-dung">Thông tin tuyển dụng</a></td></tr></table>'
            '<div class="ArticleDetailControl"><div class="ArticleHeader">Thông báo tuyển dụng '
            'công chức năm 2025</div><div class="PostDate">12/12/2024 08:00</div><div class='
            '"ArticleContent"><p>Sở Nội vụ thông báo tuyển dụng 12 công chức làm việc tại các '
            'phòng chuyên môn, hồ sơ nhận đến hết ngày 31/12/2024 tại bộ phận một cửa.</p><p>'
            'Thí sinh xem chi tiết điều kiện, tiêu chuẩn và vị trí việc làm trong thông báo '
            'kèm theo, đồng thời theo dõi lịch thi trên trang thông tin của Sở.</p></div></div>'
            f'<div class="OtherNewsPane"><div class="header-other">Các tin khác</div><table>{box}'
            '</table></div></body></html>')
    url = f"{base}/thong-tin-tuyen-dung/thong-bao-tuyen-dung-cong-chuc-nam-2025-5631"
    article = classify(html, url).record
    assert [link.url for link in article.related] == [base + p for p in others]


def _ninh_binh_page(main: str) -> str:
    side = "".join(f'<div class="item"><a href="/tin-tuc-su-kien/tin-noi-bat-so-{n}-91230{n}">Tin '
                   f'nổi bật số {n} của tỉnh</a></div>' for n in range(3))
    return ('<html><head><title>Thời tiết - Cổng TTĐT tỉnh</title></head><body><div class='
            f'"main">{main}</div><div class="box-side UIListNews_Default"><h3 class="title-box">'
            f'<span>Tin nổi bật</span></h3><div class="list">{side}</div></div></body></html>')


def test_a_side_box_in_the_lists_own_skin_is_no_part_of_the_list():
    """Ninh Bình's skin sets its "Tin nổi bật" box in the list module's own classes: on a
    category page its items are not the category's; a module's page (the weather) that
    holds only that box is no list."""
    from crawler.parsers import classify

    items = "".join(f'<div class="item"><a class="title" href="/kinh-te-4102/bai-so-{n}-71250{n}">'
                    f'Bài số {n} về kinh tế</a><span class="date">1{n}/09/2024</span></div>'
                    for n in range(4))
    category = _ninh_binh_page(f'<div class="UIListNews_Default"><h1>Kinh tế</h1>{items}</div>')
    listing = classify(category, "https://www.ninhbinh.gov.vn/kinh-te-4102", reached_as="page").listing
    assert [e.url.rsplit("-", 1)[1] for e in listing.entries] == [f"71250{n}" for n in range(4)]
    weather = _ninh_binh_page('<div class="weather"><h1>Thời tiết</h1><p>Trời nắng, 32 độ.</p></div>')
    assert classify(weather, "https://www.ninhbinh.gov.vn/thoi-tiet", reached_as="page").role == "other"


def test_a_box_label_whose_smallest_box_is_the_whole_column_hides_no_item():
    """A "Tin mới" label set loose in the column that holds the page's heading and its list:
    the smallest element around it holding a link is that column, no side box."""
    from crawler.parsers import classify

    items = "".join(f'<div class="item"><a class="title" href="/kinh-te-4102/bai-so-{n}-71250{n}">'
                    f'Bài số {n} về kinh tế</a><span class="date">1{n}/09/2024</span></div>'
                    for n in range(4))
    page = _ninh_binh_page(f'<div class="row"><h1>Kinh tế</h1><div class="UIListNews_Default">'
                           f'{items}</div><span>Tin mới</span></div>')
    listing = classify(page, "https://www.ninhbinh.gov.vn/kinh-te-4102", reached_as="page").listing
    assert [e.url.rsplit("-", 1)[1] for e in listing.entries] == [f"71250{n}" for n in range(4)]
