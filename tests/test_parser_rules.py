"""Parser rules on small hand-made pages: what counts as a byline, a related block, a body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parsers import parse_article
from crawler.parsers.bylines import clean_author

URL = "https://www.nghean.gov.vn/tin-tuc/bai-viet-569138"
# Four paragraphs of running text: a page's body.
PARAS = "".join(f"<p>Đoạn văn số {i} của bài, với đủ chữ để là một đoạn văn thật của một bài tin "
                "trên cổng thông tin.</p>" for i in range(4))


def page(body: str, after: str = "", header: str = "") -> str:
    return (f'<html><body>{header}<div class="ArticleDetailControl">'
            f'<div class="ArticleHeader">Tiêu đề</div><div class="ArticleContent">'
            f"<p>Đoạn một của bài.</p>{body}</div></div>{after}</body></html>")


@pytest.mark.parametrize("last,author", [
    ('<p style="text-align: right;"><strong>Quang Minh</strong></p>', "Quang Minh"),
    ('<p align="right"><b>Thu Hà</b></p>', "Thu Hà"),
    ('<p style="text-align:right"><em>Bài, ảnh: Hữu Nghĩa</em></p>', "Hữu Nghĩa"),
    ("<p><strong>Quang Minh</strong></p>", "Quang Minh"),
    ("<p><b>Thu Hà - Văn phòng UBND tỉnh</b></p>", "Thu Hà - Văn phòng UBND tỉnh"),
    ("<p>Tác giả: Nguyễn Văn A</p>", "Nguyễn Văn A"),
    # not bylines: a sentence, a plain last paragraph, a bold caption-like line
    ("<p><strong>Kính mời bạn đọc theo dõi.</strong></p>", None),
    ("<p>Quang Minh</p>", None),
    ("<p><strong>Một số hình ảnh tại buổi lễ</strong></p>", None),
])
def test_byline_from_the_last_paragraph(last, author):
    article = parse_article(page(last), URL)
    assert article.author == author
    if author:
        assert article.body == "Đoạn một của bài."
    else:
        assert article.body.startswith("Đoạn một của bài.\n")


def test_related_heading_written_as_a_link_and_side_boxes_left_out():
    after = """
      <div class="box-related"><div class="title"><h3><a href="/tin-tuc">Tin cùng chuyên mục</a></h3></div>
        <div class="item"><a href="/tin-tuc/bai-a-123456?pageindex=0"><img src="/a.jpg" alt="Bài A"></a>
          <h4><a href="/tin-tuc/bai-a-123456">Bài A</a></h4><span>14/08/2020</span></div>
        <div class="item"><h4><a href="/tin-tuc/bai-b-123457">Bài B</a></h4></div>
        <a class="more" href="/tin-tuc">Xem thêm</a></div>
      <div class="side"><div class="title"><a href="/noi-bat">Tin nổi bật</a></div>
        <ul><li><a href="/x/c-123458">C</a></li></ul></div>"""
    article = parse_article(page("", after=after), URL)
    assert [(r.url, r.title) for r in article.related] == [
        ("https://www.nghean.gov.vn/tin-tuc/bai-a-123456", "Bài A"),
        ("https://www.nghean.gov.vn/tin-tuc/bai-b-123457", "Bài B"),
    ]


def test_side_box_before_the_article_is_not_related():
    header = ('<div class="side"><h3>Tin nổi bật</h3><ul><li><a href="/x/c-123458">C</a></li>'
              "</ul></div>")
    assert parse_article(page("", header=header), URL).related == []


def test_lead_repeated_as_first_body_paragraph_is_not_repeated():
    html = ('<html><body><div class="ArticleDetailControl"><div class="ArticleHeader">T</div>'
            '<div class="ArticleSummary">Chiều 14/8, hội nghị diễn ra.</div>'
            '<div class="ArticleContent"><p>Chiều 14/8, hội nghị diễn ra.</p><p>Nội dung.</p>'
            "</div></div></body></html>")
    article = parse_article(html, URL)
    assert article.summary == "Chiều 14/8, hội nghị diễn ra."
    assert article.body == "Nội dung."
    assert article.published_at is None  # "14/8" has no year: no date


@pytest.mark.parametrize("lines,author,source", [
    ('<p style="text-align:right"><strong>Nguồn: Sở Văn hóa, Thể thao và Du lịch</strong></p>',
     None, "Sở Văn hóa, Thể thao và Du lịch"),
    ('<p style="text-align:right"><em>Theo baonghean.vn</em></p>', None, "baonghean.vn"),
    ('<p style="text-align:right"><strong>Thu Hà</strong></p>'
     '<p style="text-align:right"><em>Nguồn tin: Báo Nghệ An</em></p>', "Thu Hà", "Báo Nghệ An"),
    ('<p style="text-align:right"><em>(Theo Báo Nghệ An)</em></p>'
     '<p style="text-align:right"><strong>PV</strong></p>', "PV", "Báo Nghệ An"),
    ('<p style="text-align:right"><strong>N.H</strong></p>', "N.H", None),
    ('<p style="text-align:right">Tác giả: Minh Thư</p>', "Minh Thư", None),
    # an office signing the text is its byline as printed; a paper's name there, a credit
    ('<p style="text-align: right;"><strong>Văn phòng UBND xã</strong></p>',
     "Văn phòng UBND xã", None),
    ('<p align="right"><b>Phòng Báo chí và Xuất bản</b></p>', "Phòng Báo chí và Xuất bản", None),
    ('<p style="text-align:right"><strong>Báo Nghệ An</strong></p>', None, "Báo Nghệ An"),
    ('<p style="text-align:right"><em>Cổng TTĐT tỉnh</em></p>', None, "Cổng TTĐT tỉnh"),
    # a sentence that opens with "Theo" is body text, not a credit
    ("<p>Theo kế hoạch, các hoạt động diễn ra đến hết tháng 10.</p>", None, None),
    # labels of who wrote what, a writer's part in brackets, Bootstrap 5's right alignment
    ('<p style="text-align: right;"><strong>Tin, video: Thu Trang</strong></p>', "Thu Trang",
     None),
    ('<p style="text-align: right;"><strong>Ảnh, bài: Hoàng Anh - Minh Tú</strong></p>',
     "Hoàng Anh, Minh Tú", None),
    ('<p style="text-align: right;"><strong>Lê Hải (CTV)</strong></p>', "Lê Hải", None),
    ('<p class="text-end fw-bold">Minh Tuấn - Bảo Ngọc</p>', "Minh Tuấn, Bảo Ngọc", None),
])
def test_a_credit_is_the_source_and_a_person_the_author(lines, author, source):
    record = parse_article(page(lines), URL)
    assert (record.author, record.source) == (author, source)
    for value in (author, source):
        if value:
            assert value not in record.body


@pytest.mark.parametrize("text,author", [
    ("Bởi", None), ("By:", None), ("Đăng bởi", None), ("Bởi Thu Hà", "Thu Hà"),
    ("By John Smith", "John Smith"), ("Bùi Văn An", "Bùi Văn An"), ("Byron Lee", "Byron Lee"),
    # Joomla's Vietnamese "Được đăng:" is the date's label
    ("Được đăng: 02 Tháng 12 2024", None), ("Ngọc Lan (thực hiện)", "Ngọc Lan"),
])
def test_an_author_label_is_dropped_and_alone_names_no_one(text, author):
    assert clean_author(text) == author


def test_a_gallerys_links_to_its_own_pictures_are_images_not_attachments():
    files = "https://datafiles.nghean.gov.vn/nan-ubnd/2935/quantritintuc20244/"
    items = "".join(
        f'<div class="gallery-item"><a class="view-gallery" href="{files}anh{i}.jpg">'
        f'<img alt="Anh-tin-bai" src="{files}anh{i}.jpg"></a></div>' for i in (1, 2))
    plan = (f'<p><a class="view-gallery" href="{files}ke-hoach.pdf">Kế hoạch tổ chức</a>'
            "</p>")
    article = parse_article(page(f'<div class="gallery">{items}</div>' + plan), URL)
    assert [i.url for i in article.images] == [f"{files}anh1.jpg", f"{files}anh2.jpg"]
    assert [a.url for a in article.attachments] == [f"{files}ke-hoach.pdf"]


def test_nukeviet_files_listed_under_the_text_are_attachments():
    # NukeViet 4's detail.tpl lists the files after #news-bodyhtml: a download link per
    # file, and the file itself on the quick view's data-src when the theme has one.
    fixtures = Path(__file__).parent / "fixtures"
    spec = json.loads((fixtures / "nukeviet-hcc-article.json").read_text(encoding="utf-8"))
    files = ('<div class="panel panel-default"><div class="list-group news-download-file">'
             '<div class="list-group-item"><span class="badge"><a role="button" href="#file-1"'
             '><i class="fa fa-eye"></i></a></span><a href="/tin-tuc/bai-1287.html?download=1'
             '&amp;id=0" title="Kế hoạch.pdf">Kế hoạch.pdf</a><div class="collapse" id="file-1"'
             ' data-src="/uploads/news/2023_09/ke-hoach.pdf"></div></div>'
             '<div class="list-group-item"><a href="/tin-tuc/bai-1287.html?download=1&amp;id=1"'
             ' title="Tải file: Danh mục">Tải file: <strong>Danh mục</strong></a></div>'
             "</div></div>")
    html = (fixtures / "nukeviet-hcc-article.html").read_text(encoding="utf-8").replace(
        '        <div class="margin-bottom-lg">\n            <p class="h5 text-right">',
        files + '<div class="margin-bottom-lg"><p class="h5 text-right">', 1)
    assert files in html
    article = parse_article(html, spec["url"])
    assert [(a.url, a.name) for a in article.attachments] == [
        ("https://hcc.nghean.gov.vn/uploads/news/2023_09/ke-hoach.pdf", "Kế hoạch.pdf"),
        ("https://hcc.nghean.gov.vn/tin-tuc/bai-1287.html?download=1&id=1", "Danh mục")]
    assert article.body == spec["expected"]["body"]
    assert article.author == spec["expected"]["author"]


@pytest.mark.parametrize("last, author, source", [
    # a byline and its credit in one paragraph, on two lines
    ('<p style="text-align: right;"><strong>Hoàng Lam</strong><br />Nguồn: Chi cục Thủy lợi</p>',
     "Hoàng Lam", "Chi cục Thủy lợi"),
    ('<p style="text-align: right;"><strong>NGUYỄN TRANG</strong><br /><em>Nguồn: Bệnh viện '
     "Sản Nhi Nghệ An</em></p>", "NGUYỄN TRANG", "Bệnh viện Sản Nhi Nghệ An"),
    # a writer's e-mail beside the name: contact, not an organisation
    ('<p style="text-align: right;"><strong>Minh Đức (minhduc.ttdt@haiphong.gov.vn)</strong></p>',
     "Minh Đức", None),
    ('<p style="text-align: right;"><strong>Nguyễn Hồng Sơn</strong> Email: '
     "sonnh.skhcn@nghean.gov.vn</p>", "Nguyễn Hồng Sơn", None),
    # an English edition's credit
    ('<p style="text-align: right;"><em>Source: Nghe An Newspaper</em></p>', None,
     "Nghe An Newspaper"),
])
def test_the_lines_that_sign_a_body(last, author, source):
    article = parse_article(page(last), URL)
    assert (article.author, article.source) == (author, source)
    assert article.body == "Đoạn một của bài."


def test_a_paragraph_of_links_elsewhere_that_ends_the_body_is_no_text():
    more = ('<p><strong>Xem thêm:</strong> <a href="/tin/nghi-loc-so-tan-569101">Nghi Lộc sơ '
            'tán hơn 300 hộ dân khỏi vùng ngập</a>; <a href="/tin/huyen-trich-569102">Huyện '
            "trích ngân sách hỗ trợ người dân (21/10/2020)</a></p>")
    article = parse_article(page("<p>Đoạn hai của bài.</p>" + more), URL)
    assert article.body == "Đoạn một của bài.\nĐoạn hai của bài."
    # a sentence that only starts so stays
    kept = "<p>Xem thêm: người dân có thể hỏi ở bộ phận một cửa của xã.</p>"
    assert parse_article(page(kept), URL).body.endswith("bộ phận một cửa của xã.")


@pytest.mark.parametrize("last, author, source", [
    # writers, then a wire agency or a paper in brackets: its credit
    ('<p style="text-align:right"><strong>Văn Tý - Bích Huệ (TTXVN)</strong></p>',
     "Văn Tý, Bích Huệ", "TTXVN"),
    ('<p style="text-align:right"><strong>Mai Hoa (Báo Nghệ An)</strong></p>',
     "Mai Hoa", "Báo Nghệ An"),
    # an announcement's signature block: its signer, the block left in the text
    ('<table><tr><td>&nbsp;</td><td style="text-align:center"><strong>T/M UBND XÃ<br>CHỦ TỊCH'
     "</strong><br><em>(Đã ký)</em><br><br><strong>Nguyễn Văn Hùng</strong></td></tr></table>",
     "Nguyễn Văn Hùng", None),
    ('<p style="text-align:center"><b>KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC</b><br><br><b>Trần Thị Mai'
     "</b></p>", "Trần Thị Mai", None),
    # a table closing the text that signs nothing
    ("<table><tr><td>Tổng</td><td>12</td></tr><tr><td>Đạt</td><td>Nguyễn Văn Hùng</td></tr>"
     "</table>", None, None),
])
def test_who_signs_the_last_lines(last, author, source):
    article = parse_article(page(last), URL)
    assert (article.author, article.source) == (author, source)


def test_a_pointer_to_another_article_before_the_signature_leaves_the_signature_read():
    html = ('<html><head><meta charset="utf-8"><title>Thông báo lịch thu gom rác</title></head>'
            '<body><table><tr><td class="tieude"><font size="4"><b>Thông báo lịch thu gom rác'
            '</b></font></td></tr><tr><td><font size="1" color="#666666">Ngày đăng: 09/09/2024'
            '</font></td></tr><tr><td><div id="noidung">'
            + "".join(f"<p>Đoạn văn số {i} của bài thông báo, với đủ chữ để là một đoạn văn thật "
                      "của một bài tin trên trang.</p>" for i in range(8))
            + '<p><b>Xem thêm:</b> <a href="tintuc.asp?id=1526">Thông báo cắt điện khu vực tổ '
            'dân phố 3</a></p><p align="right"><b>Hải Yến</b></p><p align="right"><b>Theo Đài '
            "PT-TH Hồng Lĩnh</b></p></div></td></tr></table></body></html>")
    article = parse_article(html, "http://namlinh.example.vn/tintuc.asp?id=1528")
    assert (article.author, article.source) == ("Hải Yến", "Đài PT-TH Hồng Lĩnh")
    assert "Xem thêm" not in article.body and article.body.endswith("trên trang.")


def test_a_menu_a_skin_sets_in_a_breadcrumb_box_names_no_category():
    # SharePoint's top navigation sits in <div class="ms-breadcrumb-top">
    html = ('<html><head><meta charset="utf-8"><title>Công bố bảng giá đất</title></head><body>'
            '<div class="ms-breadcrumb-top"><div class="ms-core-navigation"><ul class="root '
            'ms-core-listMenu-root"><li><a href="/Pages/default.aspx">Trang chủ</a></li><li><a '
            'href="/tin-tuc/Pages/dat-dai.aspx">Đất đai</a></li><li><a href="/tin-tuc/Pages/moi-'
            'truong.aspx">Môi trường</a></li></ul></div></div><div class="news-detail"><h1>Công '
            'bố bảng giá đất</h1><div class="news-date">Ngày đăng: 09/09/2024 3:00 CH</div>'
            '<div class="news-content">'
            + PARAS
            + "</div></div></body></html>")
    article = parse_article(html, "http://stnmt.example.vn/tin-tuc/Pages/dat-dai.aspx?ItemID=209")
    assert article.title == "Công bố bảng giá đất" and article.category is None


def test_flatsomes_byline_names_the_writer():
    html = ('<html><head><meta charset="utf-8"><title>Hướng dẫn tích hợp giấy tờ</title></head>'
            '<body class="single single-post postid-12"><article class="post"><header class='
            '"entry-header"><h1 class="entry-title">Hướng dẫn tích hợp giấy tờ</h1><div class='
            '"entry-meta uppercase is-xsmall"><span class="posted-'
            'on">Đăng vào <time class="entry-date published" datetime="2024-11-05T09:20:14+07:00">'
            '05/11/2024</time></span><span class="byline"> bởi <span class="meta-author vcard">'
            '<a class="url fn n" href="/author/lethilan/">Lê Thị Lan</a></span></span></div>'
            '<div class="entry-updated-note"><em>Cập nhật lúc 15:30 ngày 02/12/2024</em></div>'
            '</header><div class="entry-content">'
            + PARAS
            + '</div><footer class="entry-meta">Bài viết này được đăng trong <a href="/category/'
            'tin-tuc/" rel="category tag">Tin tức</a>.</footer></article></body></html>')
    article = parse_article(html, "https://phuong.example.vn/huong-dan-tich-hop-giay-to/")
    assert article.author == "Lê Thị Lan"


def _nukeviet_print(after_body: str) -> str:
    return ('<html><head><meta charset="utf-8"><title>Hưng Nguyên hoàn thành bầu cử trưởng xóm'
            '</title></head><body><div id="print"><div id="hd_print"><h2>Cổng thông tin điện tử '
            'huyện Hưng Nguyên</h2></div><div id="content"><h1>Hưng Nguyên hoàn thành bầu cử '
            'trưởng xóm</h1><ul class="list-inline"><li>Thứ ba - 10/12/2024 08:00</li></ul><div '
            'id="hometext">Đến ngày 8/12/2024, 100% xóm, khối đã hoàn thành bầu cử.</div><div '
            'class="bodytext">'
            + PARAS
            + f"</div>{after_body}</div></div></body></html>")


@pytest.mark.parametrize("after_body", [
    # NukeViet's print view
    '<div id="author"><strong>Tác giả bài viết: </strong>Đình Tuấn</div>'
    '<div id="source"><strong>Nguồn tin: </strong>Báo Nghệ An</div>',
    # a theme's right-aligned boxes of its own
    '<div class="news-author text-right"><strong>Tác giả: </strong>Đình Tuấn</div>'
    '<div class="news-source text-right"><strong>Nguồn tin: </strong>Báo Nghệ An</div>',
])
def test_nukeviets_labelled_author_and_source_lines(after_body):
    article = parse_article(_nukeviet_print(after_body),
                            "https://hungnguyen.example.vn/tin-tuc/print/hung-nguyen-1278.html")
    assert (article.author, article.source) == ("Đình Tuấn", "Báo Nghệ An")
    assert article.summary.startswith("Đến ngày 8/12/2024")


def _plain_article(head: str, after: str = "") -> str:
    return ('<html><head><meta charset="utf-8"><title>Lễ ra quân tổng vệ sinh môi trường</title>'
            f'</head><body>{head}<div class="post"><h1>Lễ ra quân tổng vệ sinh môi trường</h1>'
            '<div class="meta"><span class="me-3"><i class="bi bi-person"></i> Hồng Hạnh</span>'
            '<span><i class="bi bi-calendar3"></i> Thứ Sáu, 06/12/2024 07:00</span></div>'
            '<div class="content">'
            + PARAS
            + f"</div>{after}</div></body></html>")


@pytest.mark.parametrize("head, after, category", [
    # WordPress's AMP reader: "Danh mục: <a rel="category tag">"
    ("", '<div class="amp-wp-tax-category">Danh mục: <a href="/category/tin-tuc/" rel="category '
         'tag">Tin tức</a></div>', "Tin tức"),
    # Liferay's navigation marks the page's section
    ('<nav id="navigation"><ul><li><a href="/web/guest/trang-chu">Trang chủ</a></li><li class='
     '"selected"><a href="/web/guest/tin-tuc-su-kien">Tin tức - Sự kiện</a></li></ul></nav>', "",
     "Tin tức - Sự kiện"),
    # ... not its home page
    ('<nav id="navigation"><ul><li class="selected"><a href="/">Trang chủ</a></li></ul></nav>', "",
     None),
    # a meta line's label, the category linked after it or written as text
    ("", '<div class="articleEntry"><span class="date">05/12/24 08:30</span> | <span class='
         '"category">Chuyên mục: <a href="/an-ninh-trat-tu">An ninh trật tự</a></span></div>',
     "An ninh trật tự"),
    ("", '<p class="print-date">Ngày đăng: 02/12/2024 14:35 | Chuyên mục: Văn hóa</p>', "Văn hóa"),
    ("", '<p class="print-date">Ngày đăng: 02/12/2024 14:35 | Chuyên mục:</p>', None),
    # Joomla's article info, EasyDNN's categories above the title
    ("", '<dl class="article-info"><dd class="category-name">Danh mục: <a href="/index.php/tin-'
         'y-te" itemprop="genre">Tin y tế</a></dd></dl>', "Tin y tế"),
    ('<div class="edn_articleCategories"><a href="/Tin-tuc/ArtMID/512/CategoryID/6/Gia-ca">Giá '
     'cả thị trường</a></div>', "", "Giá cả thị trường"),
    # a block named the BEM way (DNN's 2sxc News), not a box of every category
    ('<div class="app-news-details__category"><a href="/tin-tuc/category/kinh-te-xa-hoi">Kinh '
     'tế - Xã hội</a></div>', "", "Kinh tế - Xã hội"),
    ("", '<div class="widget__categories"><a href="/tin-tuc/category/kinh-te-xa-hoi">Kinh tế - '
         "Xã hội</a></div>", None),
    # Drupal 9's taxonomy field over its path's trail, which names only the section
    ('<nav class="breadcrumb"><ol><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin '
     'tức</a></li></ol></nav>', '<div class="field field--name-field-tags"><h3 class="field__label">'
     'Chuyên mục</h3><ul class="field__items"><li><a href="/danh-muc/du-lich">Du lịch</a></li></ul>'
     "</div>", "Du lịch"),
])
def test_a_category_the_page_marks_without_a_trail(head, after, category):
    article = parse_article(_plain_article(head, after), "https://xa.example.vn/tin-tuc/le-ra-quan-12")
    assert article.category == category
    # and the writer after a person's icon
    assert article.author == "Hồng Hạnh"


def test_k2s_attachment_label_is_no_text():
    after = ('<div class="itemAttachmentsBlock"><span>Tải về tập tin đính kèm</span><ul><li><a '
             'href="/tin-tuc/item/download/37_5c0f2a4b">Ke-hoach-2024.pdf</a></li></ul></div>')
    article = parse_article(_plain_article("", "").replace("</div></div></body>",
                                                          f"{after}</div></div></body>"),
                            "https://xa.example.vn/tin-tuc/le-ra-quan-12")
    assert "Tải về" not in article.body and article.body.endswith("cổng thông tin.")


def test_nukeviet_3_its_addresses_its_category_and_its_one_box_of_author_and_source():
    from crawler.parsers.roles import classify

    url = "http://donghai.example.vn/news/Thong-bao/Thong-bao-lich-cat-nuoc-122/"
    html = ('<html><head><meta charset="utf-8"><title>Thông báo lịch cắt nước</title></head><body>'
            '<div id="nav"><ul><li><a href="/">Trang nhất</a></li><li><a href="/news/">Tin tức</a>'
            '<ul><li><a href="/news/Tin-hoat-dong/">Tin hoạt động</a></li><li><a href="/news/Thong-'
            'bao/">Thông báo</a></li></ul></li></ul></div><div class="breadcrumbs"><a href="/">Trang'
            ' nhất</a> &raquo; <a href="/news/">Tin tức</a></div><div id="news-bodyhtml"><h1>Thông '
            'báo lịch cắt nước</h1><span class="time">10:05 02/10/2024</span><div class="bodytext">'
            + PARAS
            + '</div><div class="author" style="text-align:right"><strong>Tác giả bài viết: </strong>'
            "Bích Ngọc<br /><strong>Nguồn tin: </strong>Cổng TTĐT tỉnh Bắc Sơn</div></div>"
            '<ul><li><a href="/news/Tin-hoat-dong/Ra-quan-ve-sinh-118/">Ra quân vệ sinh</a></li></ul>'
            "</body></html>")
    verdict = classify(html, url, reached_as="page")  # its link's shape says it is an article
    assert verdict.role == "article", verdict.evidence
    article = verdict.record
    # the trail stops at the module; the menu names the article's own category
    assert (article.category, article.author, article.source) == (
        "Thông báo", "Bích Ngọc", "Cổng TTĐT tỉnh Bắc Sơn")


def test_a_lists_column_heads_make_no_document():
    from crawler.parsers.roles import classify

    rows = "".join(f'<div class="row"><div class="c-code"><a href="/van-ban/detail/Quyet-dinh-so-'
                   f'{n}-qd-ubnd-{800 + n}/">{n}/QĐ-UBND</a></div><div class="c-time">0{n}/12/2024'
                   f'</div><div class="c-intro">Quyết định số {n} về việc giao chỉ tiêu</div></div>'
                   for n in range(1, 5))
    html = ('<html><head><meta charset="utf-8"><title>Văn bản chỉ đạo điều hành</title></head>'
            '<body><h1>Văn bản chỉ đạo điều hành</h1><div class="head"><div class="c-code">Số ký '
            'hiệu</div><div class="c-time">Ban hành</div><div class="c-intro">Trích yếu</div>'
            f'<div>Người ký: Hà Văn Hùng</div></div>{rows}</body></html>')
    verdict = classify(html, "https://x.example.vn/van-ban/cat/Van-ban-chi-dao/page-2",
                       reached_as="listing")
    assert verdict.role != "document", verdict.evidence


@pytest.mark.parametrize("base, resolved", [
    # the name the site moved from, left in its template: its paths are this site's
    ("http://truong.old-name.gov.vn/", "http://truong.example.gov.vn/tin-tuc/bai-so-{n}"),
    # a base path of the site's own is kept
    ("/Portal/", "http://truong.example.gov.vn/Portal/tin-tuc/bai-so-{n}"),
    ("http://truong.example.gov.vn/Portal/", "http://truong.example.gov.vn/Portal/tin-tuc/bai-so-{n}"),
])
def test_a_base_href_naming_another_site_keeps_the_links_on_this_one(base, resolved):
    from crawler.parsers.roles import classify

    items = "".join(f'<li><a href="tin-tuc/bai-so-{n}">Bài viết số {n} của nhà trường trong '
                    f"tháng mười</a> 1{n}/10/2026</li>" for n in range(4))
    html = (f'<html><head><meta charset="utf-8"><base href="{base}"><title>Tin tức</title>'
            f"</head><body><h1>Tin tức</h1><ul>{items}</ul></body></html>")
    verdict = classify(html, "http://truong.example.gov.vn/tin-tuc", reached_as="listing")
    assert [e.url for e in verdict.listing.entries] == [resolved.format(n=n) for n in range(4)]


def test_a_field_labelled_as_the_category_names_it():
    # Drupal 7: a tags field the site labels "Chuyên mục:"
    html = _plain_article("", '<div class="field field-name-field-tags"><div class="field-label">'
                              'Chuyên mục:&nbsp;</div><div class="field-items"><div class="field-'
                              'item"><a href="/danh-muc/hoat-dong">Hoạt động nhà trường</a></div>'
                              "</div></div>")
    article = parse_article(html, "https://truong.example.vn/tin-tuc/le-ra-quan-12")
    assert article.category == "Hoạt động nhà trường"


@pytest.mark.parametrize("meta", ['<i class="bi bi-calendar3"></i> 01/08/2024 13:15 &nbsp;|&nbsp; '
                                  '<i class="bi bi-eye"></i> 157 lượt xem',
                                  "Lượt xem: 1.204 - 01/08/2024 13:15"])
def test_a_date_beside_a_view_count_is_the_articles_date(meta):
    """A hand-made Bootstrap site prints the date and the page's view count on one line
    under the title, and nothing else dates the page."""
    html = ('<html><head><meta charset="utf-8"><title>Sở Y tế sơ kết du lịch cộng đồng</title>'
            '</head><body><main><article class="news-detail"><h1 class="news-title h3">Sở Y tế sơ'
            f' kết du lịch cộng đồng</h1><p class="news-meta text-muted small">{meta}</p><div '
            f'class="news-content">{PARAS}</div></article></main></body></html>')
    article = parse_article(html, "http://soyte.example.gov.vn/chi-tiet.php?id=451")
    assert article is not None and article.published_at == "2024-08-01T13:15:00+07:00"


def test_a_meta_line_of_a_date_and_its_category_link_dates_the_article():
    """ASP.NET MVC's default date ("2/12/2024 8:05:00 SA") beside the folder icon and the
    category's link, on one line under the title."""
    html = ('<html><head><meta charset="utf-8"><title>Ra mắt mô hình</title></head><body>'
            '<div class="news-detail"><h2 class="news-title">Hội LHPN tỉnh ra mắt mô hình</h2>'
            '<p class="news-info"><span class="glyphicon glyphicon-time"></span> 2/12/2024 '
            '8:05:00 SA &nbsp; <span class="glyphicon glyphicon-folder-open"></span> <a href="'
            f'/tin-tuc/danh-muc/3/hoat-dong-hoi">Hoạt động Hội</a></p><div class="news-content">'
            f"{PARAS}</div></div></body></html>")
    article = parse_article(html, "https://hoiphunu.example.gov.vn/tin-tuc/chi-tiet/5530/ra-mat")
    assert article is not None
    assert (article.published_at, article.category) == ("2024-12-02T08:05:00+07:00", "Hoạt động Hội")


@pytest.mark.parametrize("who", ["PV", "Nhóm PV", "Minh Châu"])
def test_the_newsroom_or_a_writer_beside_the_date_under_the_title_is_the_author(who):
    html = ('<html><head><meta charset="utf-8"><title>Khai trương trung tâm</title></head><body>'
            '<main><h1 class="Article_title__i9j0">Khai trương trung tâm hành chính công</h1>'
            f'<div class="Article_meta__k1l2"><span>{who}</span><span>·</span><time dateTime="'
            '2024-12-02T03:40:00.000Z">10:40 02/12/2024</time></div><div class="Article_body">'
            f"{PARAS}</div></main></body></html>")
    article = parse_article(html, "https://phulam.example.gov.vn/tin-tuc/khai-truong-trung-tam")
    assert article.author == who
