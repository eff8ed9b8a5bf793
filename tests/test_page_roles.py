"""A page's role is decided once, from how it was reached and what it holds, with evidence.

Pages written here by hand: a small site of no known system (a home page of a menu and a
dated side box, a section list, a contact page that carries a heading, a date and
paragraphs, two articles whose slugs end in the same number), and the pages a fallback is
most easily fooled by.  The crawl of that site stores the three articles and nothing else,
and keeps the two that end in the same number apart."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from archive.store import Archive
from crawler.kernel.record import Article
from crawler.parsers import article_shaped, classify, is_article_url
from crawler.parsers.urls import search_words
from tests.conftest import export_records, govnews, query

PARA = ("{} của bài {}, với đủ chữ để là một đoạn văn thật của một bài tin trên cổng thông "
        "tin điện tử của xã.")
NAV = ('<div class="nav"><a href="/">Trang chủ</a> <a href="/tin-tuc/">Tin tức</a> '
       '<a href="/lien-he.html">Liên hệ</a></div>')
FOOTER = '<div class="footer"><p>Ủy ban nhân dân xã Thử. Địa chỉ: thôn 1.</p></div>'


def article_page(slug: str, title: str) -> str:
    paras = "".join(f"<p>{PARA.format(n, slug)}</p>\n" for n in ("Đoạn thứ nhất",
                                                                   "Đoạn thứ hai", "Đoạn thứ ba"))
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{NAV}\n'
            f'<div class="main"><h1>{title}</h1><div class="ngay">Ngày 12/03/2024 08:30</div>\n'
            f"{paras}</div>{FOOTER}</body></html>")


ARTICLES = {
    "ky-niem-2024": "Kỷ niệm ngày thành lập xã năm 2024",
    "tong-ket-2024": "Tổng kết công tác năm 2024 của xã",
    "hop-mat-dau-xuan": "Họp mặt đầu xuân với các thế hệ cán bộ",
}
HOME = ('<html><head><meta charset="utf-8"><title>Xã Thử</title></head><body>' + NAV +
        '<div class="box"><h2>Văn bản mới</h2><ul><li><a href="/tin-tuc/tong-ket-2024.html">'
        "Tổng kết công tác năm 2024 của xã</a> <span>12/03/2024</span></li></ul></div>"
        '<div class="footer"><p>Ủy ban nhân dân xã Thử. Địa chỉ: thôn 1, xã Thử, huyện Thử, '
        "tỉnh Nghệ An. Điện thoại: 0238 000 000.</p></div></body></html>")
SECTION = ('<html><head><meta charset="utf-8"><title>Tin tức</title></head><body><h1>Tin tức'
           "</h1><ul>" + "".join(f'<li><a href="/tin-tuc/{s}.html">{t}</a> 12/03/2024</li>'
                                 for s, t in ARTICLES.items()) + "</ul></body></html>")
CONTACT = ('<html><head><meta charset="utf-8"><title>Liên hệ</title></head><body><h1>Liên hệ'
           "</h1><p>Cập nhật: 01/02/2024</p><p>Ủy ban nhân dân xã Thử, thôn 1, xã Thử, huyện "
           "Thử, tỉnh Nghệ An. Điện thoại 0238 000 000, thư điện tử ubnd@xathu.example. Giờ "
           "làm việc từ thứ Hai đến thứ Sáu.</p></div></body></html>")
BASE = "http://xathu.example"


def site_files() -> dict[str, str]:
    files = {"/": HOME, "/tin-tuc/": SECTION, "/lien-he.html": CONTACT,
             "/robots.txt": "User-agent: *\nAllow: /\n"}
    files.update({f"/tin-tuc/{s}.html": article_page(s, t) for s, t in ARTICLES.items()})
    return files


# --- roles of single pages ---------------------------------------------------------------

def test_a_start_page_is_a_hub_whatever_it_holds():
    # even an article's markup at a start URL is followed, never stored
    role = classify(article_page("x", "Một bài tin bất kỳ ở trang đầu"), BASE + "/",
                    reached_as="start")
    assert role.role == "hub" and role.record is None
    assert any("start page" in e for e in role.evidence)


def test_the_home_page_of_a_menu_and_a_dated_side_box_is_no_article():
    role = classify(HOME, BASE + "/", reached_as="page")
    assert role.role == "hub"
    # reached as an article it is still none: the side box's heading is no page's title
    assert classify(HOME, BASE + "/trang-chu.html", reached_as="article").role != "article"


def test_a_contact_page_with_a_heading_a_date_and_paragraphs_is_other():
    role = classify(CONTACT, BASE + "/lien-he.html", reached_as="article")
    assert role.role == "other", role.evidence
    # even at an address that does not say so: its title does
    assert classify(CONTACT, BASE + "/tin/thong-tin-7.html", reached_as="article").role == "other"


def test_an_article_reached_through_an_article_link_is_an_article_with_evidence():
    role = classify(article_page("ky-niem-2024", ARTICLES["ky-niem-2024"]),
                    BASE + "/tin-tuc/ky-niem-2024.html", reached_as="article")
    assert role.role == "article", role.evidence
    assert role.record.title == ARTICLES["ky-niem-2024"]
    assert role.record.published_at == "2024-03-12T08:30:00+07:00"
    assert role.record.parser.startswith("generic/")
    # identity: no module's URL rule, so the number ending the slug is no id
    assert role.record.article_id is None
    assert any("date near the title" in e for e in role.evidence)


def test_the_fallback_takes_no_article_from_a_page_not_reached_as_one():
    role = classify(article_page("a", "Một bài tin đến qua trình đơn"),
                    BASE + "/gioi-thieu/lich-su", reached_as="page")
    assert role.role != "article"


@pytest.mark.parametrize("body_class", ["site com_content view-article itemid-108",
                                        "post-template-default single single-post postid-7",
                                        "path-node page-node-type-article",
                                        "html not-front page-node node-type-tin-tuc"])
def test_a_page_whose_body_says_it_is_one_post_is_an_article_however_reached(body_class):
    # Joomla and WordPress name the view on <body>: a menu link to one article is one.
    page = article_page("a", "Một bài tin đến qua trình đơn").replace(
        "<body>", f'<body class="{body_class}">')
    role = classify(page, BASE + "/index.php/tin-tuc/78-mot-bai-tin", reached_as="page")
    assert role.role == "article", role.evidence
    assert "its <body> class says it is a single post" in role.evidence


def test_a_drupal_basic_page_is_no_post():
    # Drupal's "page" type is a static page (an introduction): not news however it reads.
    page = article_page("a", "Giới thiệu chung về Sở Y tế").replace(
        "<body>", '<body class="path-node page-node-type-page">')
    role = classify(page, BASE + "/gioi-thieu-chung", reached_as="page")
    assert role.role != "article", role.evidence


SEED = Path(__file__).parent / "fixtures" / "seed-article.html"


@pytest.mark.parametrize("message", ["Bài viết không tồn tại hoặc đã bị gỡ bỏ.",
                                     "Rất tiếc, trang bạn tìm không tồn tại!", "Lỗi 404"])
def test_a_portals_no_such_article_page_is_no_article(message):
    # The portal answers a withdrawn article with status 200 and its article template
    # emptied but for a message: its footer is no article's text.
    doc = lxml.html.fromstring(SEED.read_bytes())
    control = doc.find_class("ArticleDetailControl")[0]
    for child in list(control):
        control.remove(child)
    control.text = None
    etree.SubElement(control, "div", {"class": "alert alert-warning"}).text = message
    page = lxml.html.tostring(doc, encoding="unicode")
    url = "https://www.nghean.gov.vn/tin-noi-bat/le-khai-giang-nam-hoc-moi-561002"
    role = classify(page, url, reached_as="article")
    assert role.role == "other", role.evidence
    assert f"the page says its article is missing ({message!r})" in role.evidence
    # a short line of an article's own text that merely starts alike is no such message
    assert classify(SEED.read_bytes().replace(
        b"</p>", "</p><p>404 hộ dân được hỗ trợ</p>".encode(), 1), url).role == "article"


def test_a_page_whose_only_running_text_is_its_footer_is_no_article():
    # What is left of a page whose article is gone: the site's name and its footer.
    lines = ("Cơ quan chủ quản: Ủy ban nhân dân xã Thử. Địa chỉ: thôn 1, xã Thử, huyện Thử, "
             "tỉnh Nghệ An. Điện thoại: 0238 000 000, thư điện tử ubnd@xathu.example.",
             "Chịu trách nhiệm nội dung: Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã "
             "Thử, trưởng ban biên tập cổng thông tin điện tử của xã.")
    page = ('<html><head><meta charset="utf-8"><meta property="og:type" content="article">'
            "<title>Cổng thông tin điện tử xã Thử</title></head><body>" + NAV +
            '<div class="main"><h1>Cổng thông tin điện tử xã Thử</h1></div><footer>'
            + "".join(f"<p>{line}</p>" for line in lines) + "</footer></body></html>")
    role = classify(page, BASE + "/tin/bai-viet-10007", reached_as="article")
    assert role.role != "article", role.evidence
    assert "the main text is the page's footer: the page has no text of its own" \
        in role.evidence


def test_an_item_asked_of_the_root_page_by_its_number_is_no_hub():
    page = article_page("a", "Ra quân bảo đảm trật tự an toàn giao thông")
    role = classify(page, BASE + "/Default.aspx?tabid=120&ID=4567", reached_as="article")
    assert role.role == "article", role.evidence
    assert classify(page, BASE + "/Default.aspx?tabid=120", reached_as="article").role == "hub"


def test_a_section_list_of_article_shaped_links_is_a_listing():
    role = classify(SECTION, BASE + "/tin-tuc/", reached_as="page")
    assert role.role == "listing"
    assert [e.url for e in role.listing.entries] == [
        f"{BASE}/tin-tuc/{s}.html" for s in ARTICLES]



@pytest.mark.parametrize("address", ["/?s=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91",
                                     "/seek/?q=n%C3%B4ng+th%C3%B4n&m=news",
                                     "/index.php?searchword=giao+th%C3%B4ng&option=com_search"])
def test_a_site_searchs_results_are_no_list_of_the_news(address):
    # the same list of article links as a section's, asked of the site's search
    role = classify(SECTION, BASE + address, reached_as="page")
    assert role.role == "other", role.evidence
    assert role.listing is None


@pytest.mark.parametrize("query, words", [("q=n%C3%B4ng+th%C3%B4n&m=news", "nông thôn"),
                                          ("q=node/12", None), ("s=", None), ("page=2", None)])
def test_a_query_asks_the_search_only_for_words(query, words):
    # Drupal without clean addresses asks for its pages as "?q=node/12"
    assert search_words(query) == words


@pytest.mark.parametrize("body_class, role", [
    ("post-type-archive post-type-archive-tribe_events tribe-events-page-template", "other"),
    ("archive category category-tin-tuc", "listing"),
])
def test_an_events_calendars_list_is_no_list_of_the_news(body_class, role):
    page = SECTION.replace("<body>", f'<body class="{body_class}">')
    verdict = classify(page, BASE + "/su-kien/danh-sach/", reached_as="page")
    assert verdict.role == role, verdict.evidence


@pytest.mark.parametrize("mails, role", [(3, "other"), (1, "listing")])
def test_a_directory_of_people_is_no_list_of_the_news(mails, role):
    """Leaders' cards, each a link to the person's page beside a phone number and an
    e-mail address; one address in a news list (a writer's) makes no directory."""
    cards = "".join(
        f'<div class="leader-item"><h3><a href="/lanh-dao/{slug}-9021{n}">{name}</a></h3><div>'
        f"Phó Chủ tịch UBND xã</div><p>ĐT: 0238.3844.10{n}</p>"
        + (f'<p><a href="mailto:ld{n}@xathu.example">ld{n}@xathu.example</a></p>' if n < mails else "")
        + "</div>"
        for n, (slug, name) in enumerate([("tran-van-an", "Trần Văn An"),
                                          ("le-thi-binh", "Lê Thị Bình"),
                                          ("ho-minh-chau", "Hồ Minh Châu")]))
    page = ('<html><head><title>Lãnh đạo UBND xã</title></head><body><h1>Lãnh đạo UBND xã</h1>'
            f'<div class="leaders">{cards}</div></body></html>')
    verdict = classify(page, BASE + "/lanh-dao-ubnd-xa", reached_as="page")
    assert verdict.role == role, verdict.evidence


# A site whose articles sit at bare slugs ("/tin-tuc/{alias}", as Drupal's path aliases and
# many hand-made systems write them): no link has an article's shape.
BARE = {
    "hoi-nghi-trien-khai-tiem-chung-mo-rong": "Hội nghị triển khai tiêm chủng mở rộng",
    "kiem-tra-an-toan-thuc-pham-dip-tet": "Kiểm tra an toàn thực phẩm dịp Tết",
    "tap-huan-chuyen-doi-so-y-te-co-so": "Tập huấn chuyển đổi số cho y tế cơ sở",
    "kham-benh-mien-phi-cho-nguoi-cao-tuoi": "Khám bệnh miễn phí cho người cao tuổi",
}


def bare_section(slugs=BARE, dated=True, page="") -> str:
    rows = "".join(
        f'<div class="views-row"><div class="views-field-title"><a href="/tin-tuc/{s}">{t}'
        f'</a></div><div class="views-field-created">{f"1{i}/03/2024" if dated else ""}'
        f"</div><p>{PARA.format('Tóm tắt', s)}</p><a href=\"/taxonomy/term/5\">Y tế dự phòng</a></div>"
        for i, (s, t) in enumerate(slugs.items()))
    return (f'<html><head><meta charset="utf-8"><title>Tin tức</title></head><body>{NAV}'
            f'<h1>Tin tức</h1><div class="view-content">{rows}</div>{page}{FOOTER}'
            "</body></html>")



def _table_rows(message: str = "") -> str:
    """A classic ASP site's list: a table row per item, the date on the title's line."""
    rows = "".join(
        f'<tr><td><img src="/images/bullet.gif"></td><td class="tieude"><a href="chitiet.asp?'
        f'MaTin={1380 - i}" class="tieude">{t}</a> <span class="ngay">(1{i}/09/2024)</span></td>'
        "</tr>" for i, t in enumerate(BARE.values()))
    return (f'<html><head><title>Tin tuc</title></head><body>{NAV}<b>TIN TỨC - SỰ KIỆN</b>'
            f"{message}<table>{rows}</table>{FOOTER}</body></html>")


@pytest.mark.parametrize("message, role", [
    ("", "listing"),
    # a "no such page" page suggesting other news is no list of them
    ("<h2>Trang bạn tìm không tồn tại</h2><p>Mời bạn xem các tin khác:</p>", "other"),
])
def test_a_table_of_items_dated_on_their_titles_line_is_a_listing(message, role):
    verdict = classify(_table_rows(message), BASE + "/tintuc/danhsach.asp?MaCM=1",
                       reached_as="page")
    assert verdict.role == role, verdict.evidence
    if role == "listing":
        assert [e.published_at for e in verdict.listing.entries][:2] == ["2024-09-10", "2024-09-11"]

def test_a_run_of_alike_dated_items_is_a_listing_whatever_its_links_look_like():
    role = classify(bare_section(), BASE + "/tin-tuc", reached_as="page")
    assert role.role == "listing", role.evidence
    assert [e.url for e in role.listing.entries] == [f"{BASE}/tin-tuc/{s}" for s in BARE]
    assert [e.title for e in role.listing.entries] == list(BARE.values())
    assert [e.published_at for e in role.listing.entries] == [
        f"2024-03-1{i}" for i in range(len(BARE))]
    assert "4 alike items (div.views-row), each one dated, titled link to a page of the site" \
        in role.evidence
    # a start page's run of items is walked as its list
    hub = classify(bare_section(), BASE + "/", reached_as="start")
    assert hub.role == "hub" and len(hub.listing.entries) == len(BARE)


def test_rows_told_apart_by_their_place_and_linking_their_writer_are_one_list():
    """Drupal 7 numbers each row ("views-row views-row-3 views-row-odd views-row-first");
    Drupal 9's teasers link their writer ("Đăng bởi bientap", /user/3) and repeat the
    title as "Xem thêm": the rows are still one list, each naming its article."""
    page = bare_section()
    for place in ("views-row-1 views-row-odd views-row-first", "views-row-2 views-row-even",
                  "views-row-3 views-row-odd", "views-row-4 views-row-even views-row-last"):
        page = page.replace('<div class="views-row">', f'<div class="views-row {place}">', 1)
    page = page.replace('<div class="views-field-created">',
                        'Đăng bởi <a href="/user/3">bientap</a><div class="views-field-created">')
    for slug in BARE:  # "Xem thêm" after each teaser, to its own article
        end = page.index("</p>", page.index(f'href="/tin-tuc/{slug}"'))
        page = page[:end] + f'</p><a href="/tin-tuc/{slug}">Xem thêm</a>' + page[end + 4:]
    role = classify(page, BASE + "/tin-tuc", reached_as="page")
    assert role.role == "listing", role.evidence
    assert [e.url for e in role.listing.entries] == [f"{BASE}/tin-tuc/{s}" for s in BARE]
    assert [e.title for e in role.listing.entries] == list(BARE.values())


@pytest.mark.parametrize("path,pager,page_2", [
    # a screen reader's word before each number (Elementor), a WordPress page's own pages
    ("/tin-tuc/", '<a href="/tin-tuc/2/"><span class="screen-only">Trang</span>2</a>',
     "/tin-tuc/2/"),
    # a register's jump menu (its selected page is this one)
    ("/tin-tuc", '<select onchange="go(this)"><option value="?page=1" selected>Trang 1</option>'
     '<option value="?page=2">Trang 2</option></select>', "/tin-tuc?page=2"),
    # a "load more" button naming its next page
    ("/tin-tuc/", '<div class="e-load-more-anchor" data-next-page="/tin-tuc/2/"></div>',
     "/tin-tuc/2/"),
    # a static site's older items
    ("/tin-tuc/index.htm", '<a href="index2.htm">Các tin cũ hơn &gt;&gt;</a>',
     "/tin-tuc/index2.htm"),
    # EasyDNN News, WordPress's query-loop block, a skin's ?pageindex=
    ("/tin-tuc", '<a href="/tin-tuc/PgrID/1089/PageID/2">2</a>', "/tin-tuc/PgrID/1089/PageID/2"),
    ("/tin-tuc", '<a href="/tin-tuc?query-2-page=2">Trang sau »</a>', "/tin-tuc?query-2-page=2"),
    ("/tin-tuc", '<a href="/tin-tuc?pageindex=2">2</a>', "/tin-tuc?pageindex=2"),
    # a hand-made site numbering its list's pages like pages of their own
    ("/chinh-sach/", '<a href="/chinh-sach/2.html">2</a>', "/chinh-sach/2.html"),
    # DNN writes its pager's query into the path
    ("/Thong-bao", '<a href="/Thong-bao/currentpage/2">2</a>', "/Thong-bao/currentpage/2"),
])
def test_a_listings_pager_of_any_system_is_followed(path, pager, page_2):
    """The pager of a list no module reads, as the systems of the family print it: its
    next page is found, so the list is walked past its first page."""
    role = classify(bare_section(page=f'<div class="paging">{pager}</div>'), BASE + path,
                    reached_as="page")
    assert role.role == "listing", role.evidence
    assert role.listing.pager_links == [BASE + page_2]



@pytest.mark.parametrize("path, pages", [
    # a hand-made site's pages of its list, named like pages of their own
    ("/tin-tuc/trang-2.html", ["/tin-tuc/trang-1.html", "/tin-tuc/trang-3.html"]),
    # a pager of one short number in the query, "?p=" as WordPress names a post
    ("/viec-lam?p=2", ["/viec-lam?p=1", "/viec-lam?p=3"]),
])
def test_a_lists_other_pages_shaped_like_articles_are_no_items_of_it(path, pages):
    pager = "".join(f'<a href="{p}">{n}</a> ' for n, p in zip((1, 3), pages))
    page = SECTION.replace("</ul>", f'</ul><div class="pager">{pager}</div>')
    verdict = classify(page, BASE + path, reached_as="page")
    assert [e.url for e in verdict.listing.entries] == [
        f"{BASE}/tin-tuc/{s}.html" for s in ARTICLES], verdict.evidence
    assert BASE + pages[1] in verdict.listing.pager_links


def test_a_hand_made_sites_menu_by_its_id_lends_no_item_to_the_list():
    """<div id="menu"> holds a link shaped like an article's ("van-ban.php")."""
    menu = ('<div id="menu"><ul><li><a href="/index.php">Trang chủ</a></li><li><a href="/van-ban'
            '.php">Văn bản</a></li></ul></div>')
    page = SECTION.replace("<body>", f"<body>{menu}")
    verdict = classify(page, BASE + "/tin-tuc/", reached_as="page")
    assert [e.url for e in verdict.listing.entries] == [
        f"{BASE}/tin-tuc/{s}.html" for s in ARTICLES], verdict.evidence

def test_links_that_only_look_like_a_pager_are_not_one():
    """A path's number a pager does not print: a title, a "more" link."""
    pager = ('<a href="/tin-tuc/123">Báo cáo số 123 năm nay</a> <a href="/tin-tuc/2/">Xem chi '
             'tiết</a> <a href="/tin-tuc/3/">Chi tiết »</a>')
    role = classify(bare_section(page=pager), BASE + "/tin-tuc/", reached_as="page")
    assert role.role == "listing" and role.listing.pager_links == []


def test_undated_items_or_two_of_them_make_no_listing():
    assert classify(bare_section(dated=False), BASE + "/tin-tuc", reached_as="page").role \
        == "other"
    two = dict(list(BARE.items())[:2])
    assert classify(bare_section(two), BASE + "/tin-tuc", reached_as="page").role == "other"
    # ... except on a list's later page, which may hold its last two
    later = classify(bare_section(two), BASE + "/tin-tuc?page=3", reached_as="page")
    assert later.role == "listing" and len(later.listing.entries) == 2


@pytest.mark.parametrize("url", [
    "/tin-tuc/ky-niem-2024.html", "/tin/hop-ban-123", "/2024/03/12/hop-ban/",
    "/2024/03/hop-ban-dau-nam", "/tin.asp?id=12", "/News/chi-tiet-tin-45.aspx",
    "/chi-tiet/12345", "/news/detail/123", "/tin-tuc/tabid/85/ArticleID/15541/Default.aspx",
    # Joomla's id before the alias, K2's items
    "/index.php/tin-tuc/78-ubnd-tinh-hop-ban", "/12-tin-tuc/78-hop-ban-nam-2024.html",
    "/tin-tuc/item/405-mo-hinh-trong-sa-ket-hop-nuoi-ga",
    # ASP.NET and PHP sites serve every item from their root page, by its number
    "/Default.aspx?tabid=120&ID=4567", "/index.php?option=com_content&view=article&id=12",
    "/index.php?option=com_content&view=article&id=904:so-tu-phap-tap-huan&catid=12",
    # a static site's pages named by a word and a number
    "/tintuc/2023/tin_1214.htm", "/news/bai1187.html",
    # a classic ASP site's item by its Vietnamese key ("mã tin")
    "/tintuc/chitiet.asp?MaTin=1288"])
def test_article_shaped_links(url):
    assert article_shaped(BASE + url)


@pytest.mark.parametrize("url", [
    "/", "/index.html", "/2024/02/", "/2024/", "/tag/nam-2024/", "/author/hang/",
    "/category/tin-tuc/", "/tim-kiem?q=abc", "/lien-he", "/page/2/", "/tin-tuc/",
    "/search.html", "/so-do-trang.html", "/so-do-cong-thong-tin", "/tin-tuc/tabid/85/Default.aspx",
    "/chi-tiet/", "/news/2024",
    "/index.php?option=com_content&view=category&id=12&Itemid=134",
    "/tintuc/index2.htm", "/tin-tuc/page3.html", "/trang4.htm",
    # a Joomla category by id and alias, a file named so
    "/index.php/12-tin-tuc", "/12-tin-tuc", "/upload/banan/2024/38-2024-DS-PT.pdf",
    "/Default.aspx?tabid=120", "/tim-kiem?id=3",
    # Drupal's term pages, even named by a number; an article's print view
    "/taxonomy/term/2024", "/print/tin-tuc/hop-ban-1245.html", "/news/print/hop-ban-1245.html",
    # a file an article or a document attaches, asked of its page (NukeViet's laws module)
    "/laws/detail/quyet-dinh-06-2024-311.html?download=1&id=0",
    # a hand-made site's list's later page: "p" beside a category's key is its page
    "/?act=list&cat=2&p=2"])
def test_not_article_shaped_links(url):
    assert not article_shaped(BASE + url)
    if "print" in url or "download" in url:  # whatever layout's rule
        assert not is_article_url(BASE + url)


def test_a_month_archive_of_a_known_layout_is_never_an_article():
    page = ('<html><head><meta name="generator" content="WordPress 6.4"></head>'
            '<body class="archive date"><main><article class="post type-post post-7">'
            '<header class="entry-header"><h1 class="entry-title"><a href="/2024/02/mot/">'
            "Một bài đăng tháng hai</a></h1><time class='entry-date' datetime='2024-02-03"
            "T08:00:00+07:00'>03/02/2024</time></header><div class='entry-content'><p>"
            + PARA.format("Đoạn", "một") * 3 + "</p></div></article></main></body></html>")
    role = classify(page, BASE + "/2024/02/", reached_as="page")
    assert role.role != "article"
    role = classify(page, BASE + "/2024/02/", reached_as="article")
    assert role.role != "article", role.evidence


# --- identity ------------------------------------------------------------------------------

def _article(url: str, title: str, parser: str, article_id: str | None) -> Article:
    return Article(url=url, site="xathu.example", title=title, body=f"Nội dung {title}.",
                   article_id=article_id, parser=parser,
                   fetched_at="2026-01-01T00:00:00+00:00")


def test_two_articles_ending_in_the_same_number_stay_two_rows(tmp_path):
    archive = Archive(tmp_path / "a.db")
    try:
        archive.store_articles([_article(f"{BASE}/tin/ky-niem-2024.html", "Kỷ niệm",
                                         "generic/3", None)])
        archive.store_articles([_article(f"{BASE}/tin/tong-ket-2024.html", "Tổng kết",
                                         "generic/3", None)])
        rows = sorted(r["url"] for r in archive.db.query("select url from articles"))
        assert rows == [f"{BASE}/tin/ky-niem-2024.html", f"{BASE}/tin/tong-ket-2024.html"]
        assert archive.db["article_versions"].count == 0
    finally:
        archive.close()


def test_no_article_is_merged_on_an_id_its_layout_did_not_give(tmp_path):
    """An archive made before identities were the layouts' holds fallback rows with ids
    taken from slugs; and two layouts' ids are two numberings."""
    archive = Archive(tmp_path / "a.db")
    try:
        archive.store_articles([_article(f"{BASE}/tin/ky-niem-2024.html", "Kỷ niệm",
                                         "generic/2", "2024")])
        archive.store_articles([_article(f"{BASE}/2024/03/tong-ket/", "Tổng kết",
                                         "wordpress/1", "2024")])
        archive.store_articles([_article(f"{BASE}/tin/bai-moi-2024", "Bài mới",
                                         "vnportal/1", "2024")])
        assert archive.db["articles"].count == 3
        # within one layout that gives ids, a new URL with the same id is the same article
        archive.store_articles([_article(f"{BASE}/tin/bai-moi-sua-2024", "Bài mới sửa",
                                         "vnportal/1", "2024")])
        urls = {r["url"] for r in archive.db.query("select url from articles")}
        assert f"{BASE}/tin/bai-moi-sua-2024" in urls and f"{BASE}/tin/bai-moi-2024" not in urls
        assert archive.db["articles"].count == 3
    finally:
        archive.close()


# --- the crawl -----------------------------------------------------------------------------

class _Site(http.server.BaseHTTPRequestHandler):
    files: dict[str, str] = {}

    def do_GET(self):  # noqa: N802
        answer = getattr(self.files, "answer", None)  # a site of its own: (status, html)
        if answer is not None:
            status, body = answer(self.path)
        else:
            body = self.files.get(self.path, self.files.get(self.path.split("?")[0]))
            status = 200 if body is not None else 404
        data = (body or "<html><body><h1>Không tìm thấy</h1></body></html>").encode("utf-8")
        self.send_response(status)
        kind = "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def serve(files: dict[str, str]):
    handler = type("Handler", (_Site,), {"files": files})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def crawl(url: str, db: Path):
    return govnews("crawl", url, "--db", str(db), "--delay", "0", check=False)


def test_a_small_site_of_no_known_system_stores_its_three_articles_and_nothing_else(tmp_path):
    server = serve(site_files())
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = crawl(url, tmp_path / "a.db")
        again = crawl(url, tmp_path / "a.db")
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    records = {r["url"].split("/", 3)[3]: r for r in export_records(tmp_path / "a.db")}
    assert sorted(records) == sorted(f"tin-tuc/{s}.html" for s in ARTICLES)
    for slug, title in ARTICLES.items():
        record = records[f"tin-tuc/{slug}.html"]
        assert record["title"] == title
        assert record["article_id"] is None
        assert record["published_at"] == "2024-03-12T08:30:00+07:00"
    kinds = dict(query(tmp_path / "a.db", "select url, kind from pages"))
    assert kinds[url + "/"] == "hub"
    assert kinds[url + "/lien-he.html"] == "other"
    assert kinds[url + "/tin-tuc/"] == "listing"
    evidence = query(tmp_path / "a.db", "select evidence from pages where url = ?",
                     url + "/lien-he.html")[0][0]
    assert "service page" in evidence
    # the next night: the contact page is not asked again, the run is still ok
    assert again.returncode == 0, again.stderr
    assert query(tmp_path / "a.db", "select count(*) from articles") == [(3,)]


def one_night(db: Path, files: dict[str, str], prepare=None):
    """Crawl the site of ``files`` into ``db``, ``prepare(files, url)`` first when its pages
    name the site's address: (the site's URL, the run)."""
    server = serve(files)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        if prepare:
            prepare(files, url)
        return url, crawl(url, db)
    finally:
        server.shutdown()
        server.server_close()


def two_nights(db: Path, files: dict[str, str], change, *second_args: str):
    """Crawl the site of ``files`` into ``db``, let ``change(files, url)`` edit it, and crawl
    again with ``second_args``: (the site's URL, the second run)."""
    server = serve(files)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        assert crawl(url, db).returncode == 0
        change(files, url)
        again = govnews("crawl", url, "--db", str(db), "--delay", "0", *second_args,
                        check=False)
    finally:
        server.shutdown()
        server.server_close()
    return url, again


def test_a_site_of_bare_slugs_is_read_through_its_lists(tmp_path):
    # Neither the home page's links nor the section's have an article's shape: the runs of
    # alike, dated items say which pages are articles, on the home page and on the pages
    # of the section's list.
    first, rest = dict(list(BARE.items())[:3]), dict(list(BARE.items())[3:])
    more = dict(rest, **{"le-ky-niem-ngay-thay-thuoc-viet-nam": "Lễ kỷ niệm Ngày Thầy thuốc"
                         " Việt Nam", "hien-mau-tinh-nguyen-dot-mot": "Hiến máu tình nguyện"
                         " đợt một năm nay"})
    pager = '<ul class="pager"><li><a href="/tin-tuc/?page=1">2</a></li></ul>'
    files = {"/": bare_section(first).replace("<h1>Tin tức</h1>", ""),
             "/tin-tuc/": bare_section(first, page=pager),
             "/tin-tuc/?page=1": bare_section(more),
             "/robots.txt": "User-agent: *\nAllow: /\n"}
    files.update({f"/tin-tuc/{s}": article_page(s, t) for s, t in {**BARE, **more}.items()})
    url, result = one_night(tmp_path / "a.db", files)
    assert result.returncode == 0, result.stderr
    stored = sorted(r["url"].split("/", 3)[3] for r in export_records(tmp_path / "a.db"))
    assert stored == sorted(f"tin-tuc/{s}" for s in {**BARE, **more})


def test_an_archived_article_that_now_says_it_is_missing_is_marked_gone(tmp_path):
    # The portal withdraws an article and answers its address with status 200 and a
    # page saying so: gone, as a 404 would say, with its archived text kept.
    def withdraw(files, url):
        files["/tin-tuc/ky-niem-2024.html"] = (
            f'<html><head><meta charset="utf-8"><title>Xã Thử</title></head><body>{NAV}'
            '<div class="main"><p>Bài viết không tồn tại hoặc đã bị gỡ bỏ.</p></div>'
            f"{FOOTER}</body></html>")

    url, again = two_nights(tmp_path / "a.db", site_files(), withdraw, "--refresh")
    assert again.returncode == 0, again.stderr
    gone = query(tmp_path / "a.db", "select url, gone_reason, title from articles"
                 " where gone_at is not null")
    assert gone == [(url + "/tin-tuc/ky-niem-2024.html", "says_missing",
                     ARTICLES["ky-niem-2024"])]


def test_a_site_whose_article_addresses_answer_another_page_is_degraded(tmp_path):
    # A broken rewrite rule: the home page answers, and so does every article's address,
    # with the section's list.  The articles re-fetched to judge the site say so.
    def break_rewrites(files, url):
        for slug in ARTICLES:
            files[f"/tin-tuc/{slug}.html"] = SECTION

    url, again = two_nights(tmp_path / "a.db", site_files(), break_rewrites)
    assert again.returncode == 5, again.stderr
    (status, reason), = query(tmp_path / "a.db", "select status, reason from site_runs"
                              " order by run_id desc limit 1")
    assert status == "degraded"
    assert reason.startswith("3 archived articles fetched again are no articles now")
    assert query(tmp_path / "a.db", "select count(*) from articles where gone_at is null") \
        == [(3,)]


def with_canonical(page: str, href: str) -> str:
    return page.replace("<title>", f'<link rel="canonical" href="{href}"><title>', 1)


@pytest.mark.parametrize("page_url, canonical, copy_of", [
    # a mobile twin, another category's address of the same id: the article is there
    ("http://m.xathu.example/tin-tuc/hop-ban-10001.html",
     "http://www.xathu.example/tin-tuc/hop-ban-10001.html",
     "http://www.xathu.example/tin-tuc/hop-ban-10001.html"),
    ("https://www.nghean.gov.vn/tin-noi-bat/hop-ban-569138",
     "https://www.nghean.gov.vn/tin-tuc-su-kien-73053/hop-ban-569138",
     "https://www.nghean.gov.vn/tin-tuc-su-kien-73053/hop-ban-569138"),
    # a template naming the home page, a section or another article: no evidence
    ("http://www.xathu.example/tin-tuc/hop-ban-10001.html", "http://www.xathu.example/", None),
    ("http://www.xathu.example/tin-tuc/hop-ban-10001.html",
     "http://www.xathu.example/tin-tuc/", None),
    ("http://www.xathu.example/tin-tuc/hop-ban-10001.html",
     "http://www.xathu.example/tin-tuc/tong-ket-10002.html", None),
    ("http://www.xathu.example/tin-tuc/hop-ban-10001.html", "/tin-tuc/hop-ban-10001.html", None),
    # itself, over https or without www.: no copy (the crawl keeps the address it asked)
    ("http://www.xathu.example/tin-tuc/hop-ban-10001.html",
     "https://xathu.example/tin-tuc/hop-ban-10001.html/", None),
])
def test_an_articles_canonical_address_elsewhere_says_it_is_a_copy(page_url, canonical,
                                                                     copy_of):
    role = classify(with_canonical(article_page("hop-ban", "Họp bàn kế hoạch năm"), canonical),
                    page_url, reached_as="article")
    assert role.role == "article"
    assert role.copy_of == copy_of


def test_a_copy_of_an_article_is_not_stored_again(tmp_path):
    # A mobile edition at /m/ whose pages name the article's own address as canonical.
    files = site_files()
    files["/m/"] = SECTION.replace('href="/tin-tuc/', 'href="/m/tin-tuc/')
    files["/"] = HOME.replace("</body>", '<a href="/m/">Phiên bản di động</a></body>')

    def mobile_copies(files, url):
        for slug, title in ARTICLES.items():
            files[f"/m/tin-tuc/{slug}.html"] = with_canonical(
                article_page(slug, title), f"{url}/tin-tuc/{slug}.html")

    url, result = one_night(tmp_path / "a.db", files, mobile_copies)
    assert result.returncode == 0, result.stderr
    stored = sorted(u for (u,) in query(tmp_path / "a.db", "select url from articles"))
    assert stored == sorted(f"{url}/tin-tuc/{s}.html" for s in ARTICLES)
    copies = query(tmp_path / "a.db", "select kind, evidence from pages where url like ?",
                   f"{url}/m/tin-tuc/%")
    assert len(copies) == len(ARTICLES)
    assert all(kind == "other" and "its canonical address is" in ev for kind, ev in copies)


def dated_section(items: list[tuple[str, int]], next_page: bool) -> str:
    rows = "".join(f'<li><a href="/tin-tuc/{s}.html">Bài {s} của chuyên mục tin tức</a> '
                   f"{day:02d}/03/2024</li>" for s, day in items)
    pager = '<a href="/tin-tuc/?page=2">Trang 2</a>' if next_page else ""
    return (f'<html><head><meta charset="utf-8"><title>Tin tức</title></head><body>{NAV}'
            f"<h1>Tin tức</h1><ul>{rows}</ul>{pager}{FOOTER}</body></html>")


def test_an_article_gone_while_its_list_moved_on_by_a_page_is_checked(tmp_path):
    # Night 1: page 1 shows a1-a3, page 2 a4-a6.  Night 2: two new articles push a1 and
    # a2 down, and a3 is withdrawn (404).  Neither page alone tells: a3 is older than
    # what page 1 shows now, and page 2 never showed it.  Taken together they do.
    old = [(f"a{n}", 20 - n) for n in range(1, 7)]
    files = {"/robots.txt": "User-agent: *\nAllow: /\n", "/": HOME,
             "/tin-tuc/": dated_section(old[:3], True),
             "/tin-tuc/?page=2": dated_section(old[3:], False)}
    files.update({f"/tin-tuc/{s}.html": article_page(s, f"Bài {s} của chuyên mục tin tức")
                  .replace("12/03/2024", f"{day:02d}/03/2024")
                  for s, day in [*old, ("n1", 22), ("n2", 21)]})

    def next_night(files, url):
        now = [("n1", 22), ("n2", 21), old[0], old[1], *old[3:]]
        files["/tin-tuc/"], files["/tin-tuc/?page=2"] = (
            dated_section(now[:3], True), dated_section(now[3:], False))
        del files["/tin-tuc/a3.html"]

    # no canaries: they re-fetch the newest archived articles whatever the lists say
    url, again = two_nights(tmp_path / "a.db", files, next_night, "-s",
                            "GOVNEWS_HEALTH_SAMPLE=0")
    assert again.returncode in (0, 3), again.stderr
    gone = query(tmp_path / "a.db", "select url, gone_reason from articles"
                 " where gone_at is not null")
    assert gone == [(url + "/tin-tuc/a3.html", "http_404")]
    assert query(tmp_path / "a.db", "select count(*) from articles") == [(8,)]


def test_links_under_a_base_href_and_a_jump_menus_pages_are_followed(tmp_path):
    # <base href=".../Portal/"> makes "../tin-tuc/x.html" the site's own /tin-tuc/x.html;
    # the home page's later pages are only a <select>'s options.
    base = ('<html><head><meta charset="utf-8"><base href="{url}/Portal/"><title>Xã Thử'
            "</title></head><body>" + NAV + "<ul>{items}</ul>{pager}" + FOOTER +
            "</body></html>")
    pager = ('<select onchange="location.href=this.value"><option value="?page=1">Trang 1'
             '</option><option value="?page=2">Trang 2</option></select>')
    slugs = list(ARTICLES)
    files = {"/robots.txt": "User-agent: *\nAllow: /\n"}
    files.update({f"/tin-tuc/{s}.html": article_page(s, t) for s, t in ARTICLES.items()})

    def page_of(url, chosen):
        items = "".join(f'<li><a href="../tin-tuc/{s}.html">{ARTICLES[s]}</a> 12/03/2024</li>'
                        for s in chosen)
        return base.format(url=url, items=items, pager=pager)

    def home_pages(files, url):
        files["/"], files["/?page=2"] = page_of(url, slugs[:2]), page_of(url, slugs[2:])

    url, result = one_night(tmp_path / "a.db", files, home_pages)
    assert result.returncode == 0, result.stderr
    stored = sorted(u for (u,) in query(tmp_path / "a.db", "select url from articles"))
    assert stored == sorted(f"{url}/tin-tuc/{s}.html" for s in slugs)


def test_an_article_linked_only_by_a_boxs_onclick_is_reached(tmp_path):
    # A notice box that is a <div> with a script, not a link: the address it goes to is
    # the page's link all the same.
    files = site_files()
    files["/"] = HOME.replace(
        "</body>", '<div class="notice" onclick="location.href=\'/tin-tuc/hop-mat-dau-xuan.html'
                   '\'">Họp mặt đầu xuân với các thế hệ cán bộ</div></body>')
    files["/tin-tuc/"] = SECTION.replace(
        '<li><a href="/tin-tuc/hop-mat-dau-xuan.html">Họp mặt đầu xuân với các thế hệ cán bộ'
        "</a> 12/03/2024</li>", "")
    assert "hop-mat-dau-xuan" not in files["/tin-tuc/"]
    url, result = one_night(tmp_path / "a.db", files)
    assert result.returncode == 0, result.stderr
    stored = {u for (u,) in query(tmp_path / "a.db", "select url from articles")}
    assert f"{url}/tin-tuc/hop-mat-dau-xuan.html" in stored


def test_a_site_whose_pages_hold_no_listing_and_no_article_fails_with_exit_4(tmp_path):
    files = {"/": HOME.replace("/tin-tuc/tong-ket-2024.html", "/thong-bao.html"),
             "/tin-tuc/": "<html><body><h1>Bảo trì</h1><p>Trang đang bảo trì.</p></body></html>",
             "/lien-he.html": CONTACT,
             "/thong-bao.html": ("<html><head><title>Thông báo</title></head><body><h1>Thông "
                                 "báo bảo trì</h1><p>Cổng thông tin đang được nâng cấp để phục "
                                 "vụ tốt hơn. Mong quý vị thông cảm và quay lại sau ít phút."
                                 "</p></body></html>"),
             "/robots.txt": "User-agent: *\nAllow: /\n"}
    server = serve(files)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = crawl(url, tmp_path / "a.db")
    finally:
        server.shutdown()
        server.server_close()
    host = url.split("://")[1]
    assert result.returncode == 4, result.stderr
    assert (f"found no listing and no article on {host}: its pages match no known layout; "
            f"run `govnews probe {url}/`") in result.stderr
    assert "Traceback" not in result.stderr
    assert query(tmp_path / "a.db", "select count(*) from articles") == [(0,)]


@pytest.mark.parametrize("path, title", [
    ("/so-do-cong-thong-tin", "Sơ đồ cổng thông tin"),
    ("/sitemap.html", "Sơ đồ trang"),
    ("/trang/so-do", "Sơ đồ website"),
    ("/lien-he-gop-y", "Liên hệ - Góp ý"),
])
def test_a_site_map_links_articles_but_lists_none(path, title):
    """A site map or a contact page links articles (its menu, a side box of news): the
    links are followed, but the page is no listing, so nothing it links is taken for an
    item to store or to keep trying."""
    page = (f'<html><head><title>{title}</title></head><body><h1>{title}</h1><ul>'
            + "".join(f'<li><a href="/tin-tuc/{s}.html">{t}</a></li>' for s, t in ARTICLES.items())
            + "</ul></body></html>")
    role = classify(page, BASE + path, reached_as="page")
    assert role.role == "other", role.evidence
    assert role.listing is None


@pytest.mark.parametrize("path, role", [("/tag/cai-cach-hanh-chinh", "listing"),
                                        ("/tin-tuc/", "other")])
def test_a_nukeviet_tag_page_of_two_articles_is_a_listing(path, role):
    items = "".join(
        f'<div class="panel"><h3><a href="/tin-tuc/bai-so-{n}-12{n}0.html">Bài số {n} về cải '
        f"cách hành chính</a></h3><span>22:57 14/07/2023</span></div>" for n in (1, 2))
    page = ('<html><head><meta name="generator" content="NukeViet v4.5"><title>cải cách '
            'hành chính</title></head><body><div class="news_column">' + items
            + "</div></body></html>")
    verdict = classify(page, "https://hcc.nghean.gov.vn" + path, reached_as="page")
    # a tag's address says it is a list; a section's page needs three items to be one
    assert verdict.role == role, verdict.evidence
    if role == "listing":
        assert len(verdict.listing.entries) == 2


def test_an_article_met_first_as_a_plain_link_is_archived_when_a_listing_lists_it(tmp_path):
    # A Drupal-like site: articles at "/tin-tuc/{alias}", no id.  The home page links one
    # of them in a box of its own, so it is met as a plain link first (and read as no
    # article); the section lists it with the others.
    files = {f"/tin-tuc/{s}": article_page(s, t) for s, t in BARE.items()}
    first = next(iter(BARE))
    files["/"] = HOME.replace('href="/tin-tuc/tong-ket-2024.html"', f'href="/tin-tuc/{first}"'
                              ).replace("</body>", '<a href="/tin-tuc">Tin tức</a></body>')
    files["/tin-tuc"] = files["/tin-tuc/"] = files["/taxonomy/term/5"] = bare_section()
    files.update({"/robots.txt": "User-agent: *\nAllow: /\n", "/lien-he.html": CONTACT})
    _, result = one_night(tmp_path / "a.db", files)
    assert result.returncode == 0, result.stderr
    stored = sorted(r["url"].rsplit("/", 1)[1] for r in export_records(tmp_path / "a.db"))
    assert stored == sorted(BARE)


def test_a_list_items_date_in_its_own_span_beside_the_title_and_a_summary_under_it():
    items = "".join(
        f'<li><img src="/upload/news/thumb_{1587 - i}.jpg" alt=""><a class="tit" href="/?act=detail'
        f'&amp;id={1587 - i}">{t} của huyện Lâm Điền</a> <span class="time">(2{i}/09/2024 15:40)'
        '</span><div class="des">'
        f"{PARA.format('Tóm tắt', i)}</div></li>" for i, t in enumerate(BARE.values()))
    page = (f'<html><head><title>Văn hóa - Xã hội</title></head><body>{NAV}<div class="box-news">'
            f'<div class="tit-cate">Văn hóa - Xã hội</div><ul>{items}</ul></div>{FOOTER}</body></html>')
    verdict = classify(page, BASE + "/?act=list&cat=3", reached_as="listing")
    assert [e.published_at for e in verdict.listing.entries][:2] == [
        "2024-09-20T15:40:00+07:00", "2024-09-21T15:40:00+07:00"], verdict.evidence
