"""Bylines, leads and dates as real sites print them, in the fallback and in every layout.

Each test takes a stored page (tests/fixtures, with full page chrome) and prints one of
its fields the way another site does: the site's name as <meta name="author">, two writers
joined by " - ", a lead in an h2.sapo, a date only beside the byline.  The values the page
must then give are written here by hand.

The rules:
1. The site's own name (og:site_name, JSON-LD's publisher, the host's name, a <meta
   name="author"> equal to one of them) and organisations are never the author; a byline
   printed under the body or beside the date is.
2. Several writers are all kept, in page order, once each, joined with ", "; a photo
   credit after the writer is no second writer.
3. A lead set apart from the body (by class, on any tag) or set wholly in bold as the
   first paragraph is the summary, and is not repeated in the body.
4. A date printed only beside the byline is the date; the byline keeps the name alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parsers import generic, nukeviet, parse_article, vnportal, wordpress
from crawler.parsers.page import load

FIXTURES = Path(__file__).parent / "fixtures"


def stored(name: str) -> tuple[dict, str]:
    spec = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return spec, (FIXTURES / f"{name}.html").read_text(encoding="utf-8")


def edit(html: str, *pairs: tuple[str, str]) -> str:
    """The page with each (old, new) replaced once; old must be on the page."""
    for old, new in pairs:
        assert html.count(old) == 1, f"not once on the page: {old!r}"
        html = html.replace(old, new)
    return html


def read(parser, html: str, spec: dict):
    article = parser.parse(load(html), spec["url"], spec["fetched_at"])
    assert article is not None, "the page was not read"
    return article


def lines(text: str) -> list[str]:
    return text.split("\n") if text else []


# --- 1. the site's name is no author ----------------------------------------------------

PAPER = "fallback-provincial-paper-site-author"
PAPER_META_AUTHOR = '<meta name="author" content="Baonghean">'
PAPER_BYLINE = '<p style="text-align: right;"><strong>Hồ Phương - Ảnh: Thành Cường</strong></p>'


@pytest.mark.parametrize("meta_author", ["Baonghean", "Báo Nghệ An", "baonghean.vn",
                                         "BAONGHEAN.VN", "Báo Nghệ An Online", "Nghệ An"])
def test_the_papers_name_as_meta_author_yields_to_the_byline_under_the_body(meta_author):
    spec, html = stored(PAPER)
    html = edit(html, (PAPER_META_AUTHOR, f'<meta name="author" content="{meta_author}">'))
    article = read(generic, html, spec)
    assert article.author == "Hồ Phương"
    assert "Hồ Phương" not in article.body


def test_the_papers_name_is_never_the_author_even_alone():
    spec, html = stored(PAPER)
    article = read(generic, edit(html, (PAPER_BYLINE, "")), spec)
    assert article.author is None


def test_a_person_in_meta_author_still_answers_when_the_page_prints_no_byline():
    spec, html = stored(PAPER)
    html = edit(html, (PAPER_BYLINE, ""),
                (PAPER_META_AUTHOR, '<meta name="author" content="Trần Văn Bình">'))
    assert read(generic, html, spec).author == "Trần Văn Bình"


def test_json_ld_person_named_as_the_site_is_no_author():
    spec, html = stored(PAPER)
    html = edit(html, ('"author": {"@type": "Organization", "name": "Báo Nghệ An"}',
                       '"author": {"@type": "Person", "name": "Baonghean"}'))
    assert read(generic, html, spec).author == "Hồ Phương"


VNP = "vnportal-trichdan-byline-date"
VNP_AUTHOR = '<div class="author">Nguyên Minh - 07/03/2026 08:47</div>'
VNP_LAST = ('<p style="text-align: justify;">Năm 2026, tỉnh phấn đấu có thêm 80 sản phẩm được '
            'công nhận OCOP, trong đó có ít nhất 2 sản phẩm tiềm năng 5 sao cấp quốc gia.</p>')


@pytest.mark.parametrize("box", ["Sở Nông nghiệp và Môi trường Nghệ An", "snnmt.nghean.gov.vn",
                                 "Ban Biên tập", "admin"])
def test_vnportal_byline_box_naming_the_site_yields_to_the_byline_under_the_body(box):
    spec, html = stored(VNP)
    html = edit(html, (VNP_AUTHOR, f'<div class="author">{box}</div>'),
                (VNP_LAST, VNP_LAST + '<p style="text-align: right;"><strong>Thanh Thủy</strong></p>'))
    article = read(vnportal, html, spec)
    assert article.author == "Thanh Thủy"
    assert "Thanh Thủy" not in article.body


WP = "wordpress-site-author-bold-lead"
WP_AUTHOR = '<a class="url fn n" href="https://hungdung.vinh.nghean.gov.vn/author/hungdung/">Hưng Dũng</a>'


@pytest.mark.parametrize("account", ["admin", "UBND phường Hưng Dũng", "hungdung.vinh.nghean.gov.vn"])
def test_wordpress_posted_under_an_account_or_the_site_is_signed_under_the_body(account):
    spec, html = stored(WP)
    html = edit(html, (WP_AUTHOR, WP_AUTHOR.replace(">Hưng Dũng<", f">{account}<")))
    assert read(wordpress, html, spec).author == "Thanh Thủy"


# --- 2. several writers -----------------------------------------------------------------

@pytest.mark.parametrize("printed,author", [
    ("Hồ Phương - Lê Minh", "Hồ Phương, Lê Minh"),
    ("Hồ Phương, Lê Minh", "Hồ Phương, Lê Minh"),
    ("Hồ Phương và Lê Minh", "Hồ Phương, Lê Minh"),
    ("Hồ Phương – Lê Minh – Thu Hà", "Hồ Phương, Lê Minh, Thu Hà"),
    ("Hồ Phương - Ảnh: Thành Cường", "Hồ Phương"),
    ("Hồ Phương, Lê Minh - Ảnh: Thành Cường", "Hồ Phương, Lê Minh"),
    ("Bài, ảnh: Hồ Phương - Lê Minh", "Hồ Phương, Lê Minh"),
    ("HỒ PHƯƠNG - LÊ MINH", "HỒ PHƯƠNG, LÊ MINH"),
    ("Hồ Phương - Hồ Phương", "Hồ Phương"),
    # a writer and their office, a writer and their role: one writer, as printed
    ("Thu Hà - Văn phòng UBND tỉnh", "Thu Hà - Văn phòng UBND tỉnh"),
    ("Thu Hà - PV", "Thu Hà - PV"),
    ("Thanh Hà - TTXVN", "Thanh Hà - TTXVN"),
])
def test_writers_signed_under_the_body(printed, author):
    spec, html = stored(PAPER)
    html = edit(html, (PAPER_BYLINE, PAPER_BYLINE.replace("Hồ Phương - Ảnh: Thành Cường", printed)))
    article = read(generic, html, spec)
    assert article.author == author
    assert lines(article.body) == lines(spec["expected"]["body"])


def test_writers_signed_on_two_lines_under_the_body():
    spec, html = stored(PAPER)
    html = edit(html, (PAPER_BYLINE, '<p style="text-align: right;"><strong>Hồ Phương</strong></p>'
                                     '<p style="text-align: right;"><strong>Lê Minh</strong></p>'))
    article = read(generic, html, spec)
    assert article.author == "Hồ Phương, Lê Minh"
    assert lines(article.body) == lines(spec["expected"]["body"])


def test_writers_in_json_ld():
    spec, html = stored(PAPER)
    html = edit(html, (PAPER_BYLINE, ""),
                ('"author": {"@type": "Organization", "name": "Báo Nghệ An"}',
                 '"author": [{"@type": "Person", "name": "Hồ Phương"}, '
                 '{"@type": "Person", "name": "Lê Minh"}, {"@type": "Person", "name": "Hồ Phương"}]'))
    assert read(generic, html, spec).author == "Hồ Phương, Lê Minh"


MINISTRY = "fallback-ministry-coauthors"
MINISTRY_BYLINE = ('<p class="byline"><a rel="author" href="/tac-gia/ho-phuong">Hồ Phương</a>, '
                   '<a rel="author" href="/tac-gia/le-minh">Lê Minh</a></p>')


@pytest.mark.parametrize("byline", [
    '<p class="byline">Hồ Phương - Lê Minh</p>',
    '<p class="byline">Hồ Phương và Lê Minh</p>',
    '<span class="author">Hồ Phương</span> <span class="author">Lê Minh</span>',
    '<div class="author-name">Hồ Phương</div><div class="author-name">Lê Minh</div>'
    '<div class="author-name">Hồ Phương</div>',
])
def test_writers_in_byline_elements_under_the_title(byline):
    spec, html = stored(MINISTRY)
    assert read(generic, edit(html, (MINISTRY_BYLINE, byline)), spec).author == "Hồ Phương, Lê Minh"


def test_a_byline_elsewhere_in_the_article_is_not_a_second_writer():
    spec, html = stored(MINISTRY)
    html = edit(html, ('<p>Bộ Công Thương cũng đề nghị', '<p class="byline">Trần Văn Bình</p>'
                                                         '<p>Bộ Công Thương cũng đề nghị'))
    assert read(generic, html, spec).author == "Hồ Phương, Lê Minh"


def test_an_account_byline_first_gives_way_to_the_writers():
    spec, html = stored(MINISTRY)
    html = edit(html, ('<span class="post-date">', '<p class="byline">admin</p><span class="post-date">'))
    assert read(generic, html, spec).author == "Hồ Phương, Lê Minh"


@pytest.mark.parametrize("boxes", [
    '<div class="author">Hồ Phương - Lê Minh</div>',
    '<div class="author">Hồ Phương và Lê Minh - 07/03/2026 08:47</div>',
    '<div class="author">Hồ Phương</div><div class="author">Lê Minh</div>',
])
def test_vnportal_writers(boxes):
    spec, html = stored(VNP)
    article = read(vnportal, edit(html, (VNP_AUTHOR, boxes)), spec)
    assert article.author == "Hồ Phương, Lê Minh"


NV = "nukeviet-site-author-signed-body"
NV_AUTHOR = '<p class="h5 text-right"><strong>Tác giả: </strong>UBND xã Nghi Phong</p>'


@pytest.mark.parametrize("printed", ["Hồ Phương - Lê Minh", "Hồ Phương và Lê Minh"])
def test_nukeviet_writers(printed):
    spec, html = stored(NV)
    html = edit(html, (NV_AUTHOR, NV_AUTHOR.replace("UBND xã Nghi Phong", printed)))
    article = read(nukeviet, html, spec)
    assert article.author == "Hồ Phương, Lê Minh"


def test_wordpress_co_authors():
    spec, html = stored(WP)
    second = ('<span class="author vcard"><a class="url fn n" href="https://hungdung.vinh.nghean.gov.vn/'
              'author/leminh/">Lê Minh</a></span>')
    html = edit(html, (WP_AUTHOR, WP_AUTHOR.replace(">Hưng Dũng<", ">Hồ Phương<")),
                ("</span></span>\n    </div>", f"</span> và {second}</span>\n    </div>"))
    assert read(wordpress, html, spec).author == "Hồ Phương, Lê Minh"


# --- 3. the lead ------------------------------------------------------------------------

DISTRICT = "fallback-district-sapo-signed-date"
DISTRICT_SAPO_OPEN = '<h2 class="sapo">'
DISTRICT_SAPO_CLOSE = "trên toàn huyện.</h2>"
LEAD_CLASSES = ["sapo", "chapeau", "description", "summary", "trichdan", "tomtat", "lead",
                "excerpt", "news-sapo", "detail__summary", "article-lead"]


@pytest.mark.parametrize("tag", ["h2", "p", "div", "strong"])
@pytest.mark.parametrize("cls", LEAD_CLASSES)
def test_a_lead_set_apart_by_its_class_on_any_tag(tag, cls):
    spec, html = stored(DISTRICT)
    html = edit(html, (DISTRICT_SAPO_OPEN, f'<{tag} class="{cls}">'),
                (DISTRICT_SAPO_CLOSE, f"trên toàn huyện.</{tag}>"))
    article = read(generic, html, spec)
    assert (article.title, article.summary) == (spec["expected"]["title"], spec["expected"]["summary"])
    assert lines(article.body) == lines(spec["expected"]["body"])


def test_a_lead_the_body_repeats_is_not_repeated():
    spec, html = stored(DISTRICT)
    summary = spec["expected"]["summary"]
    html = edit(html, ('<div class="news-body">', f'<div class="news-body"><p>{summary}</p>'))
    article = read(generic, html, spec)
    assert article.summary == summary
    assert lines(article.body) == lines(spec["expected"]["body"])


COURT = "fallback-court-byline-date"


def test_a_bold_first_paragraph_is_the_lead():
    spec, html = stored(COURT)
    article = read(generic, html, spec)
    assert article.summary == spec["expected"]["summary"]
    assert spec["expected"]["summary"] not in article.body


def test_a_first_paragraph_bold_by_its_style_is_the_lead():
    spec, html = stored(COURT)
    html = edit(html, ("<p><strong>Ngày 6/3,", '<p style="font-weight: bold;">Ngày 6/3,'),
                ("chất ma túy.</strong></p>", "chất ma túy.</p>"))
    assert read(generic, html, spec).summary == spec["expected"]["summary"]


VNP_SAPO = '<h2 class="ArticleTrichDan">'
VNP_SAPO_TEXT = ("Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Nghệ An vừa công nhận 15 sản phẩm "
                 "đạt 4 sao, nâng tổng số sản phẩm OCOP của tỉnh lên 712 sản phẩm.")


@pytest.mark.parametrize("tag,cls", [("h2", "sapo"), ("p", "chapeau"), ("div", "tomtat"),
                                     ("strong", "description"), ("h3", "ArticleLead")])
def test_vnportal_lead_under_another_name(tag, cls):
    spec, html = stored(VNP)
    html = edit(html, (VNP_SAPO + VNP_SAPO_TEXT + "</h2>", f'<{tag} class="{cls}">{VNP_SAPO_TEXT}</{tag}>'))
    article = read(vnportal, html, spec)
    assert article.summary == VNP_SAPO_TEXT
    assert lines(article.body) == lines(spec["expected"]["body"])


def test_vnportal_bold_first_paragraph_is_the_lead():
    spec, html = stored(VNP)
    first = '<p style="text-align: justify;">Các sản phẩm đạt 4 sao'
    html = edit(html, (VNP_SAPO + VNP_SAPO_TEXT + "</h2>", ""),
                (first, f'<p style="text-align: justify;"><strong>{VNP_SAPO_TEXT}</strong></p>{first}'))
    article = read(vnportal, html, spec)
    assert article.summary == VNP_SAPO_TEXT
    assert lines(article.body) == lines(spec["expected"]["body"])


def test_nukeviet_bold_first_paragraph_is_the_lead():
    spec, html = stored(NV)
    article = read(nukeviet, html, spec)
    assert article.summary == spec["expected"]["summary"]
    assert lines(article.body) == lines(spec["expected"]["body"])


def test_wordpress_bold_first_paragraph_is_the_lead():
    spec, html = stored(WP)
    article = read(wordpress, html, spec)
    assert article.summary == spec["expected"]["summary"]
    assert lines(article.body) == lines(spec["expected"]["body"])


def test_a_bold_subheading_first_is_no_lead():
    spec, html = stored(WP)
    html = edit(html, ('<p class="has-text-align-justify"><strong>Sau hai tháng',
                       '<p><strong>Chỉnh trang vỉa hè</strong></p><p class="has-text-align-justify">'
                       '<strong>Sau hai tháng'))
    article = read(wordpress, html, spec)
    assert article.summary is None
    assert lines(article.body)[0] == "Chỉnh trang vỉa hè"


# --- 4. a date beside the byline --------------------------------------------------------

COURT_LINE = '<p class="thong-tin">Nguyên Minh - 07/03/2026 08:47</p>'


@pytest.mark.parametrize("printed,published,author,source", [
    ("Nguyên Minh - 07/03/2026 08:47", "2026-03-07T08:47:00+07:00", "Nguyên Minh", None),
    ("Nguyên Minh | 07/03/2026", "2026-03-07", "Nguyên Minh", None),
    ("Nguyên Minh – Thứ Bảy, 07/03/2026 - 08:47", "2026-03-07T08:47:00+07:00", "Nguyên Minh", None),
    ("07/03/2026 08:47 | Nguyên Minh", "2026-03-07T08:47:00+07:00", "Nguyên Minh", None),
    ("Theo Báo Nghệ An - 07/03/2026 08:47", "2026-03-07T08:47:00+07:00", None, "Báo Nghệ An"),
    ("Hồ Phương - Lê Minh | 07/03/2026 08:47", "2026-03-07T08:47:00+07:00", "Hồ Phương, Lê Minh", None),
])
def test_a_date_printed_only_beside_the_byline_under_the_title(printed, published, author, source):
    spec, html = stored(COURT)
    article = read(generic, edit(html, (COURT_LINE, f'<p class="thong-tin">{printed}</p>')), spec)
    assert (article.published_at, article.author, article.source) == (published, author, source)
    assert lines(article.body) == lines(spec["expected"]["body"])


DISTRICT_SIGNED = '<p style="text-align: right;"><b>Nguyên Minh | 07/03/2026</b></p>'


@pytest.mark.parametrize("printed,published,author,source", [
    ("Nguyên Minh | 07/03/2026", "2026-03-07", "Nguyên Minh", None),
    ("Nguyên Minh - 07/03/2026 08:47", "2026-03-07T08:47:00+07:00", "Nguyên Minh", None),
    ("Theo Báo Nghệ An - 07/03/2026 08:47", "2026-03-07T08:47:00+07:00", None, "Báo Nghệ An"),
])
@pytest.mark.parametrize("style", ['style="text-align: right;"', ""])
def test_a_date_printed_only_beside_the_byline_under_the_body(printed, published, author, source,
                                                              style):
    spec, html = stored(DISTRICT)
    html = edit(html, (DISTRICT_SIGNED, f"<p {style}>{printed}</p>"))
    article = read(generic, html, spec)
    assert (article.published_at, article.author, article.source) == (published, author, source)
    assert lines(article.body) == lines(spec["expected"]["body"])


def test_a_place_and_a_date_under_the_body_is_no_byline():
    spec, html = stored(DISTRICT)
    html = edit(html, (DISTRICT_SIGNED, '<p style="text-align: right;"><i>Yên Thành, ngày 07/03/2026</i></p>'
                                        + DISTRICT_SIGNED.replace("Nguyên Minh | 07/03/2026", "Nguyên Minh")),
                ("<title>", '<meta property="og:type" content="article"><title>'))
    article = read(generic, html, spec)
    assert (article.author, article.published_at) == ("Nguyên Minh", None)
    assert lines(article.body)[-1] == "Yên Thành, ngày 07/03/2026"


@pytest.mark.parametrize("printed,published,author,source", [
    ("Nguyên Minh | 07/03/2026", "2026-03-07", "Nguyên Minh", None),
    ("Theo Báo Nghệ An - 07/03/2026 08:47", "2026-03-07T08:47:00+07:00", None, "Báo Nghệ An"),
])
def test_vnportal_date_beside_the_byline(printed, published, author, source):
    spec, html = stored(VNP)
    article = read(vnportal, edit(html, (VNP_AUTHOR, f'<div class="author">{printed}</div>')), spec)
    assert (article.published_at, article.author, article.source) == (published, author, source)


def test_nukeviet_date_beside_the_byline():
    spec, html = stored(NV)
    html = edit(html, ('<meta property="article:published_time" content="2026-03-06+0715:20:00">', ""),
                ('<span class="hidden hide d-none" itemprop="datePublished">2026-03-06T15:20:00+07:00</span>', ""),
                ('<span class="time"><em class="fa fa-clock-o"></em> 15:20 06/03/2026</span>', ""),
                ('"datePublished":"2026-03-06T15:20:00+07:00"', '"inLanguage":"vi"'),
                (NV_AUTHOR, NV_AUTHOR.replace("UBND xã Nghi Phong", "Nguyên Minh - 06/03/2026 15:20")))
    article = read(nukeviet, html, spec)
    assert (article.published_at, article.author) == ("2026-03-06T15:20:00+07:00", "Nguyên Minh")


def test_wordpress_date_beside_the_byline_under_the_body():
    spec, html = stored(WP)
    html = edit(html, ('<meta property="article:published_time" content="2026-03-07T01:47:00+00:00">', ""),
                ('"datePublished":"2026-03-07T01:47:00+00:00",', ""),
                ('<time class="entry-date published" datetime="2026-03-07T08:47:00+07:00">07/03/2026</time>',
                 "Đăng ngày"),
                ("<strong>Thanh Thủy</strong>", "<strong>Thanh Thủy - 07/03/2026 08:47</strong>"))
    article = read(wordpress, html, spec)
    assert (article.published_at, article.author) == ("2026-03-07T08:47:00+07:00", "Thanh Thủy")
    assert lines(article.body) == lines(spec["expected"]["body"])


# --- the whole parse --------------------------------------------------------------------

NEW_PAGES = [PAPER, MINISTRY, COURT, DISTRICT, "fallback-health-dept-credit-date",
             "fallback-english-ministry-byline", "fallback-english-paper-malformed-jsonld", VNP, NV, WP]


@pytest.mark.parametrize("name", NEW_PAGES)
def test_the_stored_page_gives_its_head_fields(name):
    """Through the crawler's own entry point (layout detection included)."""
    spec, html = stored(name)
    article = parse_article(html.encode("utf-8"), spec["url"], spec["fetched_at"])
    assert article is not None
    got = {k: getattr(article, k) for k in ("title", "published_at", "author", "source", "summary")}
    assert got == {k: spec["expected"][k] for k in got}
