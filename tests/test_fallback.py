"""Pages of systems no layout module knows (DotNetNuke, Joomla, a windows-1258 table page,
JSON-LD only, Drupal, Blogger, ASP with <font>, a headless <main><article>, Liferay) are
still articles: the fallback reads their title, date, byline, lead and body, and a page
that is no article (a listing, a contact page) is still refused.

The records are the fixtures' own hand-written JSON (``tests/fixtures/fallback-*.json``);
``test_fixtures.py`` holds them to every field, this file states what the fallback is for:
no article refused, the four head fields exact, the body nearly word for word.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from crawler.parsers import classify, parse_article

FIXTURES = Path(__file__).parent / "fixtures"
FALLBACK = sorted(FIXTURES.glob("fallback-*.json"))
NOT_ARTICLES = [p for p in sorted(FIXTURES.glob("*.json"))
                if not json.loads(p.read_text(encoding="utf-8")).get("expected")]
HEAD_FIELDS = ("title", "published_at", "author", "source", "summary")
MIN_BODY_F1 = 0.97


def tokens(text: str | None) -> list[str]:
    """Words of a text: NFC, casefolded, split on anything that is not a word character."""
    if not text:
        return []
    return [t for t in re.split(r"\W+", unicodedata.normalize("NFC", text).casefold()) if t]


def body_f1(got: str | None, want: str | None) -> float:
    g, w = Counter(tokens(got)), Counter(tokens(want))
    common = sum((g & w).values())
    if not g or not w:
        return float(g == w)
    precision, recall = common / sum(g.values()), common / sum(w.values())
    return 2 * precision * recall / (precision + recall) if common else 0.0


def read(spec_path: Path):
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    html = spec_path.with_suffix(".html").read_bytes()
    return spec, parse_article(html, spec["url"], fetched_at=spec["fetched_at"])


def test_there_are_fallback_pages_of_many_systems():
    assert len(FALLBACK) >= 8
    assert NOT_ARTICLES, "the refusal test needs pages that are no article"


@pytest.mark.parametrize("spec_path", FALLBACK, ids=[p.stem for p in FALLBACK])
def test_an_article_of_an_unknown_system_is_read(spec_path: Path):
    spec, article = read(spec_path)
    expected = spec["expected"]
    assert article is not None, "an article page was refused"
    record = article.to_dict()
    wrong = [f"{key}: expected {expected[key]!r} vs got {record[key]!r}"
             for key in HEAD_FIELDS if record[key] != expected[key]]
    assert not wrong, "\n".join(wrong)
    f1 = body_f1(record["body"], expected["body"])
    assert f1 >= MIN_BODY_F1, f"body token F1 {f1:.3f} < {MIN_BODY_F1}:\n{record['body']}"


@pytest.mark.parametrize("spec_path", NOT_ARTICLES, ids=[p.stem for p in NOT_ARTICLES])
def test_a_page_that_is_no_article_is_still_refused(spec_path: Path):
    spec, article = read(spec_path)
    assert article is None, f"not an article page, but parsed as {article!r}"


PROSE = ("<p>Sáng 12/3, UBND xã tổ chức hội nghị triển khai kế hoạch phát triển kinh tế - xã "
         "hội năm 2024 với sự tham dự của các ban, ngành, đoàn thể và đại biểu các thôn.</p>"
         "<p>Hội nghị thống nhất các chỉ tiêu chủ yếu: thu nhập bình quân đầu người đạt 52 "
         "triệu đồng, tỷ lệ hộ nghèo giảm còn dưới 2%, hoàn thành 3 km đường giao thông.</p>")
SIDE = ('<div class="sidebar"><h3>Tin mới</h3><ul><li><a href="/tin/a-10001">Tin A</a></li>'
        '<li><a href="/tin/b-10002">Tin B</a></li></ul></div>')


def page(main: str, head: str = "") -> str:
    return (f"<html><head><title>Xã Nghi Phong</title>{head}</head><body>"
            f'<div class="menu"><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></div>'
            f"<div class=main>{main}</div>{SIDE}</body></html>")



@pytest.mark.parametrize("signature, author, source", [
    # the commune's loudspeaker station writes the commune's news
    ("Đài Truyền thanh xã Thanh Lâm", "Đài Truyền thanh xã Thanh Lâm", None),
    # a paper signing the text is its credit
    ("Báo Nghệ An", None, "Báo Nghệ An"),
    # a school's teaching team, labelled as the writer
    ("Người viết: Tổ Ngữ văn - GDCD", "Tổ Ngữ văn - GDCD", None),
    ("Tác giả: Phòng Văn hóa và Thông tin", "Phòng Văn hóa và Thông tin", None),
])
def test_an_office_signing_the_text_writes_it_and_a_paper_credits_it(signature, author, source):
    html = page("<h1>Hội nghị triển khai kế hoạch năm 2024</h1><div class=ngay>12/03/2024 "
                f'08:30</div>{PROSE}<p style="text-align:right"><strong>{signature}</strong></p>')
    article = parse_article(html, "https://thanhlam.nghean.gov.vn/tin/hoi-nghi-10003")
    assert (article.author, article.source) == (author, source)

def test_a_signed_article_of_no_known_system():
    html = page("<h1>Hội nghị triển khai kế hoạch năm 2024</h1><div class=ngay>12/03/2024 "
                "08:30</div>" + PROSE + '<p style="text-align:right"><b>Thu Hà</b></p>'
                '<p style="text-align:right"><em>Nguồn: Đài Truyền thanh xã</em></p>')
    article = parse_article(html, "https://nghiphong.nghean.gov.vn/tin/hoi-nghi-10003")
    assert (article.title, article.published_at) == ("Hội nghị triển khai kế hoạch năm 2024",
                                                     "2024-03-12T08:30:00+07:00")
    assert (article.author, article.source) == ("Thu Hà", "Đài Truyền thanh xã")
    assert article.body.count("\n") == 1 and "Tin A" not in article.body


def test_an_account_name_is_no_author():
    html = page('<h1>Hội nghị năm 2024</h1><span class="author">admin</span>'
                "<div>12/03/2024</div>" + PROSE)
    article = parse_article(html, "https://nghiphong.nghean.gov.vn/tin/hoi-nghi-10004")
    assert article is not None and article.author is None


@pytest.mark.parametrize("account, author", [("Nguyễn Thị Lan", "Nguyễn Thị Lan"),
                                             ("admin", None), ("Ban Biên tập", None)])
def test_drupal_names_the_posting_account_when_no_byline_does(account, author):
    # Drupal prints "Đăng bởi <account> vào <date>" above the text: a person's name is the
    # author, an account or an office is no one.
    html = page('<h1>Hội nghị năm 2024</h1><div class="node__meta"><span>Đăng bởi <span '
                'class="field field--name-uid"><span property="schema:name">'
                f"{account}</span></span> vào <time>12/03/2024 - 08:30</time></span></div>"
                + PROSE)
    article = parse_article(html, "https://soyte.nghean.gov.vn/tin/hoi-nghi-10006")
    assert article is not None and article.author == author


@pytest.mark.parametrize("box, author", [
    # Drupal 7's "Tác giả" field, Joomla 3's "Viết bởi" with its schema.org name
    ('<div class="field field-name-field-tac-gia"><div class="field-label">Tác giả:&nbsp;</div>'
     '<div class="field-item even">Phòng Quản lý khoa học</div></div>', "Phòng Quản lý khoa học"),
    ('<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">'
     'Viết bởi <span itemprop="name">Văn phòng Sở</span></dd>', "Văn phòng Sở"),
    # a paper's name there is not a writer
    ('<div class="field-name-field-tac-gia">Báo Nghệ An</div>', None),
])
def test_an_office_in_a_bylines_element_is_the_author(box, author):
    html = page(f"<h1>Hội nghị năm 2024</h1>{box}<div>12/03/2024</div>" + PROSE)
    article = parse_article(html, "https://sokhcn.nghean.gov.vn/tin/hoi-nghi-10007")
    assert article is not None and article.author == author


def static_cell(tail: str) -> str:
    # A hand-made page of the 2000s: title, date, text, byline and the site's credit all
    # in one table cell.
    return ('<html><head><title>UBND huyện Diễn Châu</title></head><body><table><tr><td '
            'width="160"><p><b>Tin mới</b></p><p><a href="tin_1210.htm">Hội nghị tổng kết vụ '
            'Hè Thu</a></p></td><td><p class="tieude">Xã Diễn Hồng hoàn thành kiên cố hoá kênh '
            "mương</p><p><i>Ngày 14 tháng 12 năm 2009</i></p>" + PROSE + tail
            + "</td></tr></table></body></html>")


def test_a_byline_and_the_sites_credit_in_the_articles_cell_are_no_text():
    article = parse_article(static_cell(
        '<p align="right"><b>Trần Văn Thắng</b><br><i>(Đài Truyền thanh huyện)</i></p>'
        '<hr><p align="center"><font size="1">Bản quyền © 2009 UBND huyện Diễn Châu<br>Ghi '
        "rõ nguồn khi phát hành lại thông tin từ website này</font></p>"),
        "http://www.dienchau.nghean.gov.vn/tintuc/2009/tin_1214.htm")
    # the line break parts the name from the office, as it does on screen
    assert article.author == "Trần Văn Thắng (Đài Truyền thanh huyện)"
    assert article.body.endswith("hoàn thành 3 km đường giao thông.")


def test_a_paragraph_that_opens_with_a_box_label_ends_the_text():
    article = parse_article(static_cell(
        '<p align="right"><b>Hồ Sỹ Thành</b></p><p><b>Các tin khác:</b><br>- <a href="'
        'tin_1215.htm">Quỳnh Lưu ra quân làm giao thông nông thôn</a> (15/12/2010)</p>'),
        "http://quynhluu.nghean.gov.vn/tintuc/2010/tin_1221.htm")
    assert article.author == "Hồ Sỹ Thành"
    assert article.body.endswith("hoàn thành 3 km đường giao thông.")
    assert "Quỳnh Lưu ra quân" not in article.body


def test_an_undated_page_that_does_not_call_itself_an_article_is_refused():
    html = page("<h1>Giới thiệu chung về xã</h1>" + PROSE)
    assert parse_article(html, "https://nghiphong.nghean.gov.vn/gioi-thieu-10005") is None


def test_a_list_of_teasers_is_refused():
    items = "".join(f'<article class="post"><h2><a href="/tin/bai-{i}-1000{i}">Bài số {i} của '
                    f"chuyên mục</a></h2><time>1{i}/03/2024</time>{PROSE[:180]}</p></article>"
                    for i in range(4))
    assert parse_article(page(items), "https://nghiphong.nghean.gov.vn/tin/") is None


def test_body_f1_counts_words_not_layout():
    assert body_f1("Một hai,\nba.", "một hai ba") == 1.0
    assert body_f1("Nghê\u0323 An", "Nghệ An") == 1.0  # NFD and NFC are the same words
    assert body_f1("", "") == 1.0 and body_f1("a", "") == 0.0
    assert 0.0 < body_f1("a b c d", "a b") < 1.0


def aspnet_cells(first: str, byline: str) -> str:
    # An ASP.NET site of the 2000s: a one-column table of labels (title, date, lead, text),
    # the text's paragraphs inside a span; then a box of other news.
    return ('<html><head><title>Khai mạc giải bóng chuyền hơi năm 2024</title></head><body>'
            '<table width="980"><tr><td><table><tr><td class="menu"><a href="TinTuc.aspx?'
            'CatID=1">Tin tức</a></td></tr></table></td></tr><tr><td width="720"><table '
            'width="100%"><tr><td><span id="lblTieuDe" class="TieuDe">Khai mạc giải bóng '
            'chuyền hơi năm 2024</span><br><span id="lblNgay" class="NgayDang">Ngày 8 tháng 8 '
            'năm 2024</span></td></tr><tr><td><span id="lblTomTat" class="TomTat"><b>Sáng 8/8, '
            'UBND phường tổ chức chương trình.</b></span></td></tr><tr><td><span id="lblNoiDung"'
            f' class="NoiDung">{first}{PROSE}<p align="right"><b>{byline}</b></p></span></td>'
            '</tr></table><table><tr><td class="box_title">CÁC TIN KHÁC</td></tr><tr><td>» <a '
            'href="ChiTietTin.aspx?ID=2205">Tổ dân phố 7 đón nhận danh hiệu</a></td></tr>'
            "</table></td></tr></table></body></html>")


@pytest.mark.parametrize("first", ["", '<p align="center"><img src="/Uploads/a.jpg"></p>'
                                       '<p align="center"><i>Đoàn công tác kiểm tra.</i></p>'])
@pytest.mark.parametrize("byline,author", [("Thanh Tâm, Phương Thảo, Đức Thắng",
                                            "Thanh Tâm, Phương Thảo, Đức Thắng"),
                                           ("Mai Hương - Ngọc Ánh", "Mai Hương, Ngọc Ánh")])
def test_an_old_table_layouts_title_label_and_signature_are_read(first, byline, author):
    """The title in a span named "TieuDe" (title), the text in one cell of a one-column
    layout table whose other cells hold the title and the lead: its last paragraph signs."""
    article = parse_article(aspnet_cells(first, byline),
                            "http://bacha.hatinh.gov.vn/ChiTietTin.aspx?ID=1871")
    assert article.title == "Khai mạc giải bóng chuyền hơi năm 2024"
    assert article.published_at == "2024-08-08"
    assert article.author == author and byline not in article.body
    assert article.body.endswith("hoàn thành 3 km đường giao thông.")


@pytest.mark.parametrize("box", [
    # tagDiv's Newspaper theme, under the text
    '<div class="td-post-source-tags"><div class="td-post-source-via"><div class="td-post-small-'
    'box"><span>Nguồn</span><a rel="nofollow" href="https://baonghean.vn/">Báo Nghệ An</a></div>'
    '<div class="td-post-small-box"><span>Via</span><a href="https://nghean.gov.vn/">UBND tỉnh'
    "</a></div></div></div>",
    '<div class="field field--name-field-nguon"><div class="field__item">Báo Nghệ An</div></div>',
])
def test_a_credit_in_a_box_of_its_own_is_the_source(box):
    html = page(f"<h1>Hội nghị năm 2024</h1><div>12/03/2024</div>{PROSE}{box}")
    article = parse_article(html, "https://ttvhtt.dienchau.nghean.gov.vn/hoi-nghi-nam-2024/")
    assert article is not None and article.source == "Báo Nghệ An"


TITLE = "Hội nghị triển khai nhiệm vụ năm 2024 của ngành giáo dục"


@pytest.mark.parametrize("trail, category", [
    # Bootstrap's trail that stops at the category, unlinked
    ('<ol class="breadcrumb"><li><a href="./">Trang chủ</a></li><li><a href="tin-tuc">Tin tức'
     '</a></li><li class="active">Tin trong huyện</li></ol>', "Tin trong huyện"),
    # ... or goes on to the page's own title, whole or cut short
    ('<ol class="breadcrumb"><li><a href="./">Trang chủ</a></li><li><a href="tin-tuc">Tin tức'
     f'</a></li><li class="active">{TITLE}</li></ol>', "Tin tức"),
    ('<ol class="breadcrumb"><li><a href="./">Trang chủ</a> »</li><li><a href="tin-tuc">Tin tức'
     f'</a> »</li><li class="active">{TITLE[:30]}...</li></ol>', "Tin tức"),
    # no trail: the article's meta line links its category (EasyDNN News)
    ('<div class="edn_metaDetails"><time>09/09/2024</time> <span class="edn_category">Chuyên '
     'mục: <a href="/tin-tuc/category/kinh-te">Kinh tế</a></span></div>', "Kinh tế"),
    # a hand-made site's trail, written as text
    ('<font size="1">Trang chủ &gt; Tin hoạt động</font><br>', "Tin hoạt động"),
    ('<font size="1">Trang chu\u0309 &gt; Tin hoa\u0323t đô\u0323ng</font>', "Tin hoạt động"),
    # schema.org's trail, its last item unlinked
    ('<ul class="breadcrumb" itemscope itemtype="https://schema.org/BreadcrumbList"><li>Bạn đang ở:'
     '</li><li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a '
     'itemprop="item" href="/index.php"><span itemprop="name">Trang chủ</span></a></li><li '
     'itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><span itemprop='
     '"name">Tin giáo dục</span></li></ul>', "Tin giáo dục"),
    # DNN marks the menu's items on the current path "breadcrumb": no trail
    ('<ul class="topMenu"><li class="item selected breadcrumb"><a href="/tin-tuc">Tin tức</a><ul>'
     '<li class="item"><a href="/tin-tuc/an-ninh">An ninh trật tự</a></li><li class="item"><a '
     'href="/tin-tuc/xay-dung">Xây dựng lực lượng</a></li></ul></li></ul><div class="ca-bread">'
     '<span itemscope itemtype="http://schema.org/BreadcrumbList"><span itemprop="itemListElement"'
     ' itemscope><a href="/tin-tuc" itemprop="item"><span itemprop="name">Tin tức</span></a></span>'
     ' › <span itemprop="itemListElement" itemscope><a href="/tin-tuc/an-ninh" itemprop="item">'
     '<span itemprop="name">An ninh trật tự</span></a></span></span></div>', "An ninh trật tự"),
])
def test_the_category_is_the_trails_last_item_but_the_pages_own_title(trail, category):
    html = page(f"{trail}<h1>{TITLE}</h1><div>12/03/2024</div>" + PROSE).replace(
        "<title>Xã Nghi Phong", f"<title>{TITLE} - Xã Nghi Phong")
    article = parse_article(html, "https://nghiadan.nghean.gov.vn/tin-tuc/hoi-nghi-10008")
    assert article is not None and article.category == category


@pytest.mark.parametrize("link, attached", [
    ('<a href="DownloadFile?id=8123">QĐ 812/QĐ-UBND phê duyệt quy hoạch (PDF)</a>',
     "https://nghiadan.nghean.gov.vn/tin-tuc/DownloadFile?id=8123"),
    ('<a href="/DesktopModules/EasyDNNNews/DocumentDownload.ashx?portalid=0&amp;moduleid=1024&amp;'
     'documentid=233">Khuyến cáo phòng, chống lừa đảo</a>',
     "https://nghiadan.nghean.gov.vn/DesktopModules/EasyDNNNews/DocumentDownload.ashx?portalid=0"
     "&moduleid=1024&documentid=233"),
    ('<a href="/webcenter/ShowProperty?nodeId=/UCMServer/TAND318250">Bản án số 12/2024</a>',
     "https://nghiadan.nghean.gov.vn/webcenter/ShowProperty?nodeId=%2FUCMServer%2FTAND318250"),
    # a page of downloads, no file
    ('<a href="/download">Tải về</a>', None),
])
def test_a_download_handlers_link_is_an_attachment(link, attached):
    html = page(f"<h1>Hội nghị năm 2024</h1><div>12/03/2024</div>{PROSE}<p>{link}</p>")
    article = parse_article(html, "https://nghiadan.nghean.gov.vn/tin-tuc/hoi-nghi-10009")
    assert [a.url for a in article.attachments] == ([attached] if attached else [])


@pytest.mark.parametrize("box, signature, author", [
    # an office signing the text's last line
    ("", '<p style="text-align: right;"><strong>Văn phòng UBND tỉnh</strong></p>',
     "Văn phòng UBND tỉnh"),
    # a writer and the credit in brackets in the byline's element
    ('<div class="news-author author">Ngọc Mai (Theo Báo Sông Lam)</div>', "", "Ngọc Mai"),
])
def test_the_fallback_reads_an_office_signing_and_a_writer_beside_a_credit(box, signature, author):
    html = page(f"<h1>Hội nghị năm 2024</h1><div>12/03/2024</div>{box}{PROSE}{signature}")
    article = parse_article(html, "https://www.songlam.gov.vn/tin-tuc/hoi-nghi-724129")
    assert article is not None and article.author == author


def test_an_old_table_layouts_title_row_over_a_side_columns_box_heading():
    """A classic ASP site: a side column's box heading (class "tieude") comes first in the
    page; the article's title is a bold row of the main column's table above the text."""
    html = ('<html><head><title>Chi cuc Thuy loi - Tin tuc</title></head><body><table><tr><td '
            'width="180"><table><tr><td class="tieude">MỰC NƯỚC HỒ CHỨA</td></tr><tr><td>Hồ Khe '
            'Sâu: 42,15 m</td></tr></table></td><td width="600"><table><tr><td class="path"><a '
            'href="default.asp">Trang chủ</a> &gt; <a href="tintuc.asp?loai=2">Tin hoạt động</a>'
            '</td></tr><tr><td><font size="3" color="#C00000"><b>Kiểm tra an toàn hồ đập trước '
            'mùa mưa lũ</b></font></td></tr><tr><td><font size="1"><i>Ngày đăng tin: 09/12/2024'
            f"</i></font></td></tr><tr><td>{PROSE}</td></tr></table></td></tr></table></body></html>")
    article = parse_article(html, "http://thuyloi.phuvan.gov.vn/tintuc.asp?id=3518")
    assert article is not None and article.title == "Kiểm tra an toàn hồ đập trước mùa mưa lũ"


def test_a_list_of_teasers_is_no_article_whatever_its_body_class_says():
    """A template that prints "view-article" on its category's blog list: the text block is
    a run of teasers (a linked heading, a date, an intro, "Xem thêm" each), so the page is a
    list, not an article holding its first teaser."""
    def item(n: int, kind: str) -> str:
        return (f'<div class="{kind}" itemprop="blogPost"><div class="page-header"><h2 itemprop='
                f'"name"><a href="/index.php/chi-dao-tuyen/{n}-bai-{n}">Tập huấn chuyên môn đợt '
                f'{n} cho tuyến xã</a></h2></div><dl class="article-info"><dt>Chi tiết</dt><dd class='
                f'"published">'
                f'<time datetime="2024-10-{n:02d}T09:30:00+07:00">Ngày đăng: {n} Tháng 10 2024'
                f"</time></dd></dl><p>Công tác tập huấn đợt {n} được Bệnh viện Đa khoa tỉnh xác "
                f"định là một trong những nhiệm vụ trọng tâm của năm 2024.</p><p class="
                f'"readmore"><a href="/index.php/chi-dao-tuyen/{n}-bai-{n}">Xem thêm...</a></p>'
                "</div>")

    # Joomla's blog: one leading item, then the others in a row of their own
    items = ('<div class="items-leading">' + item(14, "leading-0") + "</div>"
             '<div class="items-row cols-1 row-0">' + "".join(item(n, "item column-1")
                                                          for n in (13, 12)) + "</div>")
    html = ('<html><head><title>Chỉ đạo tuyến - Bệnh viện Đa khoa tỉnh</title></head>'
            '<body class="site com_content view-article no-layout itemid-105">'
            '<nav><a href="/">Trang chủ</a> <a href="/index.php/chi-dao-tuyen">Chỉ đạo tuyến</a>'
            '</nav><main><div class="blog"><div class="page-header"><h1>Chỉ đạo tuyến</h1></div>'
            f'{items}</div></main><footer>Bệnh viện Đa khoa tỉnh</footer></body></html>')
    url = "http://bvdk.nghean.gov.vn/index.php/chi-dao-tuyen"
    for reached in ("page", "article"):
        verdict = classify(html, url, reached_as=reached)
        assert verdict.role == "listing", verdict.evidence
        assert len(verdict.listing.entries) == 3


def test_an_address_hidden_by_cloudflare_beside_the_writer_is_no_writer():
    hidden = ('<a href="/cdn-cgi/l/email-protection#7b0f14"><span class="__cf_email__" '
              'data-cfemail="7b0f14">[email&#160;protected]</span></a>')
    html = page(f'<h1>Hội nghị triển khai kế hoạch năm 2024</h1><div class="news-author">Trần '
                f'Minh Khôi ({hidden})</div><div class=ngay>12/03/2024 08:30</div>{PROSE}')
    article = parse_article(html, "https://sct.nghean.gov.vn/tin/hoi-nghi-10003")
    assert article.author == "Trần Minh Khôi"


def test_a_kicker_before_the_headline_and_a_subtitle_under_it_are_neither_title_nor_lead():
    """og:title joins the kicker to the headline ("ĐẠI HỘI ...: <h1>"); a subtitle as an
    <h2> sits between the headline and the sapo, which is the lead."""
    head = ('<meta property="og:title" content="ĐẠI HỘI ĐẢNG BỘ CÁC CẤP: Đại hội điểm Đảng bộ '
            'xã Phú Xuân nhiệm kỳ 2025 - 2030">')
    sapo = ("Ngày 14/8, Đảng bộ xã Phú Xuân tổ chức Đại hội đại biểu lần thứ XXVI, nhiệm kỳ "
            "2025 - 2030, đại hội điểm cấp cơ sở của tỉnh.")
    html = page('<div class="article-kicker">ĐẠI HỘI ĐẢNG BỘ CÁC CẤP</div><h1 class="article-'
                'title">Đại hội điểm Đảng bộ xã Phú Xuân nhiệm kỳ 2025 - 2030</h1><h2 class='
                '"article-subtitle">Rút kinh nghiệm để chỉ đạo đại hội cấp cơ sở trong toàn '
                f'tỉnh</h2><div class="article-time">14/8/2024 | 10:30</div><div class="article-'
                f'sapo">{sapo}</div><div class="article-body">{PROSE}</div>', head=head)
    article = parse_article(html, "https://lamson.dcs.vn/tin-tuc/dai-hoi-diem-c3n4412.aspx")
    assert article.title == "Đại hội điểm Đảng bộ xã Phú Xuân nhiệm kỳ 2025 - 2030"
    assert article.summary == sapo


def test_an_interviews_last_words_are_its_text_not_its_signature():
    html = page("<h1>Thu hút đầu tư phải gắn với chất lượng và hiệu quả</h1><div class=ngay>"
                f"12/03/2024 08:30</div>{PROSE}<p><strong>PV: Thời gian tới, Sở sẽ tập trung vào"
                " những giải pháp gì?</strong></p><p><strong>Ông Nguyễn Văn Thịnh:</strong> "
                "Chúng tôi sẽ rà soát, thu hồi các dự án chậm tiến độ.</p><p><strong>PV: Xin cảm "
                "ơn ông!</strong></p>")
    article = parse_article(html, "https://sokhdt.nghean.gov.vn/tin/thu-hut-dau-tu-10003")
    assert article.body.endswith("PV: Xin cảm ơn ông!")
    assert article.author is None


def test_files_opened_by_a_button_or_embedded_after_the_text_are_its_attachments():
    box = ('<div class="tepdinhkem"><p><b>Văn bản:</b> CV-1820.pdf <button type="button" onclick='
           '"window.open(\'/upload/2024/08/CV-1820-STC-NS.pdf\',\'_blank\')">Tải về</button></p>'
           '<p><a href="javascript:void(0)" onclick="location.href=\'/upload/2024/08/KH-12.docx\'">'
           'Kế hoạch</a></p><object data="/upload/2024/08/Bieu-mau.pdf#toolbar=0" type='
           '"application/pdf"><p>Trình duyệt không hỗ trợ xem tệp PDF.</p></object></div>')
    html = page("<h1>Hướng dẫn xây dựng dự toán ngân sách năm 2025</h1><div class=ngay>12/03/2024"
                f" 08:30</div><div class=noidung>{PROSE}</div>{box}")
    article = parse_article(html, "https://stc.nghean.gov.vn/tin/huong-dan-du-toan-10003")
    assert [a.url for a in article.attachments] == [
        "https://stc.nghean.gov.vn/upload/2024/08/CV-1820-STC-NS.pdf",
        "https://stc.nghean.gov.vn/upload/2024/08/KH-12.docx",
        "https://stc.nghean.gov.vn/upload/2024/08/Bieu-mau.pdf"]


def test_an_office_signing_in_a_right_aligned_line_under_the_text_writes_it():
    html = page("<h1>Hội nghị triển khai kế hoạch năm 2024</h1><div class=ngay>12/03/2024 "
                f'08:30</div><div class="noidung">{PROSE}</div><p class="text-end fw-bold">'
                "Phòng Nghiệp vụ Y</p>")
    article = parse_article(html, "https://soyte.nghean.gov.vn/tin/hoi-nghi-10003")
    assert (article.author, article.source) == ("Phòng Nghiệp vụ Y", None)


@pytest.mark.parametrize("byline", ["Phóng sự ảnh: <strong>Quang Vinh</strong>",
                                    "Dự báo viên: <strong>Quang Vinh</strong>"])
def test_a_photo_storys_or_a_bulletins_byline_names_its_maker(byline):
    html = page('<article class="post-detail"><h1 class="post-title">Sắc màu lễ hội đình làng '
                f'năm 2024</h1><div class="post-byline">{byline}</div><div class=ngay>'
                f'12/03/2024 08:30</div><div class="post-content">{PROSE}</div></article>')
    article = parse_article(html, "https://svhttdl.nghean.gov.vn/tin/sac-mau-le-hoi-10003")
    assert article.author == "Quang Vinh"


def test_a_credit_in_italics_ending_the_last_paragraph_is_the_source():
    last = ("<p>Người dân cần đậy kín dụng cụ chứa nước và đưa người bệnh đến cơ sở y tế khi "
            "sốt cao liên tục.<em> (Nguồn: Cục Phòng bệnh - Bộ Y tế)</em></p>")
    html = page("<h1>Chủ động phòng chống sốt xuất huyết trong mùa mưa</h1><div class=ngay>"
                f"12/03/2024 08:30</div><div class=noidung>{PROSE}{last}</div>"
                '<p style="text-align:right"><b>Lan Anh</b></p>')
    article = parse_article(html, "https://ksbt.nghean.gov.vn/tin/phong-chong-sxh-10003")
    assert (article.author, article.source) == ("Lan Anh", "Cục Phòng bệnh - Bộ Y tế")
    assert article.body.endswith("khi sốt cao liên tục.")
