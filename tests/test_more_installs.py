"""Article and list pages of systems and skins met on more installs: Joomla's tool bar
that carries the date, DotNetNuke's English dates and LinkClick files, Liferay's document
library, Flatsome's date line, lazy-loaded pictures, an "alternate row" register, a bare
"Tải văn bản:" label.  Each field is read as the page shows it, and nothing else is."""

from __future__ import annotations

import pytest

from crawler.parsers import classify

HOST = "https://soyte.hoaison.gov.vn"
PARAS = ("<p>Sáng nay, Sở Y tế tổ chức hội nghị triển khai công tác phòng, chống dịch bệnh "
         "năm 2024 với sự tham dự của lãnh đạo các phòng, ban và trung tâm y tế các huyện.</p>"
         "<p>Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm qua, chỉ ra những tồn tại, hạn "
         "chế và thống nhất các giải pháp trọng tâm trong thời gian tới trên địa bàn tỉnh.</p>")
TITLE = "Sở Y tế triển khai công tác phòng, chống dịch bệnh năm 2024"


def _page(inner: str, head: str = "", body_class: str = "") -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>{TITLE}</title>{head}</head>'
            f'<body class="{body_class}"><div class="header"><span class="today">Thứ Hai, '
            f'07/12/2026</span><ul class="menu"><li><a href="/">Trang chủ</a></li></ul></div>'
            f'<main>{inner}</main><div class="footer">Sở Y tế tỉnh Hoài Sơn</div>'
            "</body></html>").encode()


def _article(page: bytes, path: str = "/tin-tuc/trien-khai-phong-chong-dich-2318.html"):
    found = classify(page, HOST + path, reached_as="article")
    assert found.role == "article", found.evidence
    return found.record


def test_a_date_in_the_tool_bar_under_the_title_is_the_articles():
    """Joomla templates print the date in "article-tools" beside print and e-mail, a bar
    read as noise; the dates of "Các tin khác" under the text and the header's "today"
    above the title are not the article's."""
    record = _article(_page(
        f'<div class="item-page"><h2 class="contentheading">{TITLE}</h2>'
        '<div class="article-tools"><span class="createdate">15-01-2024 | 08:30</span>'
        '<span class="hits">Lượt xem: 377</span><a href="#" class="print">In</a></div>'
        f'<div class="article-content">{PARAS}</div><div class="items-more"><h3>Các tin khác'
        '</h3><ul><li><a href="/tin-tuc/dien-tap-2301.html">Hoàn thành diễn tập khu vực '
        'phòng thủ</a> <span class="date">(20-12-2023)</span></li></ul></div></div>'))
    assert record.published_at == "2024-01-15T08:30:00+07:00"


def test_an_english_date_keeps_its_time():
    """DotNetNuke left on an English culture: "Thursday, February 29, 2024 10:45 AM"."""
    record = _article(_page(
        f'<div class="edn_article"><h1 class="edn_articleTitle">{TITLE}</h1>'
        '<div class="edn_metaDetails"><span class="edn_articleDate">Thursday, February 29, '
        f'2024 10:45 AM</span></div><div class="edn_articleContent">{PARAS}</div></div>'))
    assert record.published_at == "2024-02-29T10:45:00+07:00"


@pytest.mark.parametrize("ld,when", [
    ("", "2024-03-05"),
    # the structured data gives the same day with its time
    ('<script type="application/ld+json">{"@type": "BlogPosting", "datePublished": '
     '"2024-03-05T08:45:00+07:00"}</script>', "2024-03-05T08:45:00+07:00"),
])
def test_a_wordpress_themes_date_line_without_a_time_element(ld, when):
    """Flatsome prints "Ngày đăng: 5/3/2024" in span.posted-on, no <time>."""
    page = _page('<div class="blog-wrapper blog-single"><article class="post type-post">'
                 '<div class="article-inner"><header class="entry-header"><div class="entry-'
                 'header-text text-left"><h6 class="entry-category is-xsmall"><a href="/cate'
                 'gory/tin-tuc/" rel="category tag">Tin tức</a></h6><h1 class="entry-title">'
                 f'{TITLE}</h1><div class="entry-divider is-divider small"></div><div class="'
                 'entry-meta uppercase is-xsmall"><span class="posted-on">Ngày đăng: 5/3/2024'
                 f'</span></div></div></header><div class="entry-content single-page">{PARAS}'
                 "</div></div></article></div>",
                 head='<meta name="generator" content="WordPress 6.4.3">' + ld,
                 body_class="post-template-default single single-post")
    assert _article(page, "/trien-khai-phong-chong-dich/").published_at == when


@pytest.mark.parametrize("href", [
    "/LinkClick.aspx?fileticket=Q2FvRGllbUtIMjAyNA%3D%3D&tabid=95&portalid=0&mid=512",
    "/documents/20182/1234567/KH+thi+tuyen+2024.pdf/8c1f0e2a-5b3d-4e6f-9a7b-0c1d2e3f4a5b",
])
def test_files_served_from_addresses_without_a_file_name_are_attached(href):
    """DotNetNuke's LinkClick and Liferay's document library, in the text's last line, and
    a bare "Tải văn bản:" label before them: attachments, and none of it body text."""
    record = _article(_page(
        f'<div class="news-detail"><h1>{TITLE}</h1><div class="date">15/01/2024 08:30</div>'
        f'<div class="news-content">{PARAS}<p><strong>Tải văn bản:</strong></p>'
        f'<p><a href="{href}">Kế hoạch số 12/KH-SYT</a></p></div></div>'))
    assert [a.url for a in record.attachments] == [HOST + href]
    assert record.body.endswith("trên địa bàn tỉnh.")


def test_a_lazy_loaded_picture_is_the_picture_not_its_placeholder():
    record = _article(_page(
        f'<div class="news-detail"><h1>{TITLE}</h1><div class="date">15/01/2024 08:30</div>'
        f'<div class="news-content">{PARAS}<p><img class="lazy" src="/Content/images/'
        'loading.gif" data-src="https://datafiles.hoaison.gov.vn/2024/hoi-nghi.jpg" alt="">'
        '</p></div></div>'))
    assert [i.url for i in record.images] == ["https://datafiles.hoaison.gov.vn/2024/hoi-nghi.jpg"]


def test_a_registers_alternate_rows_are_one_list():
    """ASP.NET's grids style every other row apart ("dnnGridItem", "dnnGridAltItem")."""
    rows = "".join(
        f'<tr class="{"dnnGridAltItem" if n % 2 else "dnnGridItem"}"><td>{10 + n}/01/2024</td>'
        f'<td><a href="/thong-bao/lich-tiep-cong-dan-xa-{name}">Thông báo lịch tiếp công dân '
        f"xã {name.title()}</a></td></tr>"
        for n, name in enumerate(("an-hoa", "binh-minh", "cam-lo", "dong-xuan", "gia-lam",
                                  "hong-phong"), start=1))
    found = classify(_page(f'<h1>Thông báo</h1><table class="dnnGrid">{rows}</table>'),
                     HOST + "/thong-bao", reached_as="page")
    assert found.role == "listing", found.evidence
    assert len(found.listing.entries) == 6
