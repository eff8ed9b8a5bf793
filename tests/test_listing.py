"""Listing pages: items, the LoadArticle parameters in their inline script, and the POST
form the spider builds from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler import settings as project_settings
from crawler.middlewares import BackoffRetryMiddleware
from crawler.parsers import load, parse_listing
from crawler.parsers.vnportal import max_page, pagination_params

FIXTURES = Path(__file__).parent / "fixtures"

SCRIPTS = [
    # as seen on the portal
    """$(function(){ LoadArticle({article_category_id: 5120, categoryIds: "5120", site_id: 2930,
       page_size: 15}); }); var maxPage = parseInt(37);""",
    # quoted keys and values, single quotes, other spacing
    """var opts = {'article_category_id' : '5120', 'categoryIds':'5120,5121', "site_id": "2930",
       "page_size" : 15}; var maxPage=parseInt('37');""",
    # assignments instead of an object literal
    """article_category_id = 5120; categoryIds = "5120"; site_id = 2930; page_size = 15;
       var maxPage = 37;""",
]


@pytest.mark.parametrize("script", SCRIPTS)
def test_pagination_parameters_are_read_from_the_script(script):
    doc = load(f"<html><body><ul class='pagination'></ul><script>{script}</script></body></html>")
    params = pagination_params(doc)
    assert params["article_category_id"] == "5120"
    assert params["categoryIds"].startswith("5120")
    assert params["site_id"] == "2930"
    assert params["page_size"] == "15"
    assert max_page(doc) == 37


def test_pager_data_pages_count_when_the_script_has_no_max():
    doc = load("""<html><body><ul class="pagination">
      <li class="page-item page-number" data-page="1"><a>1</a></li>
      <li class="page-item page-number" data-page="2"><a>2</a></li>
      <li class="page-item page-number" data-page="9"><a>9</a></li></ul></body></html>""")
    assert max_page(doc) == 9


def test_listing_fixture_items():
    html = (FIXTURES / "vnportal-category-listing.html").read_bytes()
    listing = parse_listing(html, "https://www.nghean.gov.vn/tin-tuc-su-kien-73053")
    assert listing is not None
    assert len(listing.entries) == 15
    assert all(e.url.startswith("https://www.nghean.gov.vn/") for e in listing.entries)
    assert all("pageindex" not in e.url for e in listing.entries)
    assert all(e.title and e.published_at for e in listing.entries)
    assert listing.max_page > 1
    assert {"article_category_id", "categoryIds", "site_id", "page_size"} <= set(listing.pagination)


def test_an_article_page_is_not_a_listing():
    html = (FIXTURES / "seed-article.html").read_bytes()
    assert parse_listing(html, "https://www.nghean.gov.vn/tin-tuc/x-569138") is None


def test_retry_backoff_grows_and_is_capped():
    s = Settings()
    s.setmodule(project_settings)
    s.set("GOVNEWS_RETRY_BACKOFF_BASE", 2.0)
    s.set("GOVNEWS_RETRY_BACKOFF_MAX", 10.0)
    mw = BackoffRetryMiddleware(s)

    class Req:
        def __init__(self, n):
            self.meta = {"retry_times": n}

    assert [mw._delay(Req(n)) for n in (1, 2, 3, 4, 5)] == [2.0, 4.0, 8.0, 10.0, 10.0]


# Another install's listing (Ninh Bình's portal, and subsites built like it): items in
# div.UIListNews_Default, and a script that posts fewer parameters as JSON, without
# categoryIds, with "lang" rather than "articlelang".
NINH_BINH_STYLE = """<html><body><div class="UIListNews_Default">
  <div class="item"><a href="/tin-tuc/le-hoi-den-cuong-2024-433314">Lễ hội đền Cuông 2024</a>
    <span class="date">12/03/2024</span></div>
  <div class="item"><a href="/tin-tuc/giai-bong-chuyen-nu-433173">Giải bóng chuyền nữ</a>
    <span class="date">10/03/2024</span></div></div>
  <ul class="pagination"><li class="page-item page-number" data-page="1"><a>1</a></li></ul>
  <script>var maxPage = parseInt(4);
  function LoadPage(page) {
    var param = { article_category_id: 8801, site_id: 3100, page: page, page_size: 10,
                  show_post_date: true, no: -10, lang: "vi-VN" };
    $.ajax({ type: "POST", url: "/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle",
             data: JSON.stringify(param), contentType: "application/json; charset=utf-8" });
  }</script></body></html>"""


def test_a_script_without_category_ids_still_pages_its_listing():
    from crawler.parsers.vnportal import missing_pagination, page_request

    url = "https://vhttdl.nghean.gov.vn/tin-tuc"
    listing = parse_listing(NINH_BINH_STYLE.encode(), url)
    assert [e.title for e in listing.entries] == ["Lễ hội đền Cuông 2024", "Giải bóng chuyền nữ"]
    assert listing.max_page == 4 and missing_pagination(listing) == []
    s = Settings()
    s.setmodule(project_settings)
    request = page_request(url, listing.pagination, 3, "json", s)
    assert request.url == ("https://vhttdl.nghean.gov.vn/DesktopModule/UIArticleInMenu/"
                           "ArticleInMenuPagination.aspx/LoadArticle")
    fields = request.fields
    assert (fields["article_category_id"], fields["site_id"], fields["page"], fields["page_size"],
            fields["no"], fields["lang"]) == ("8801", "3100", "3", "10", "-10", "vi-VN")
    assert "categoryIds" not in fields  # none is invented


def test_a_key_is_read_whole():
    # "lang" is not the end of "articlelang", nor "page_size" of "my_page_size".
    doc = load("<html><body><script>var o = {articlelang: 'en-US', my_page_size: 99,"
               " article_category_id: 7, site_id: 1, page_size: 20};</script></body></html>")
    params = pagination_params(doc)
    assert params["articlelang"] == "en-US" and "lang" not in params
    assert params["page_size"] == "20"


def test_an_items_title_is_its_headings_link_not_the_date_linked_before_it():
    # A WordPress theme that prints the entry meta above the title links the date to
    # the post as well: the item's title is the heading's text.
    posts = "".join(
        f'<article class="post"><header class="entry-header"><div class="entry-meta"><span '
        f'class="posted-on"><a href="/2024/10/1{n}/bai-{n}/" rel="bookmark"><time '
        f'datetime="2024-10-1{n}T08:00:00+07:00">Tháng 10 1{n}, 2024</time></a></span></div>'
        f'<h2 class="entry-title"><a href="/2024/10/1{n}/bai-{n}/">Bài số {n} về xây dựng '
        f"nông thôn mới</a></h2></header></article>" for n in range(3))
    html = ('<html><head><meta name="generator" content="WordPress 6.4"></head><body '
            f'class="archive category"><main>{posts}</main></body></html>')
    listing = parse_listing(html, "http://phuongdongson.thanhhoa.gov.vn/category/tin-tuc/")
    assert [e.title for e in listing.entries] == [
        f"Bài số {n} về xây dựng nông thôn mới" for n in range(3)]
    assert [e.published_at[:10] for e in listing.entries] == [
        f"2024-10-1{n}" for n in range(3)]


LIFERAY = "http://yte.hatinh.gov.vn/web/guest/chi-dao-dieu-hanh"


def liferay_list(items: int) -> str:
    links = "".join(
        f'<div class="asset-abstract"><h3 class="asset-title"><a href="{LIFERAY}/-/asset_'
        f"publisher/Pq3RvW7c/content/bai-viet-so-{n};jsessionid=78E71930E07605B9C9?redirect="
        f'http%3A%2F%2Fyte.hatinh.gov.vn%2Fweb%2Fguest%2Fchi-dao-dieu-hanh">Bài viết số {n} về '
        "công tác y tế</a></h3></div>" for n in range(items))
    return ('<html><head><title>Chỉ đạo điều hành - Sở Y tế tỉnh Hà Tĩnh</title></head><body>'
            '<header id="banner"><h1 class="site-title"><a href="/web/guest/trang-chu"><img '
            'alt="Sở Y tế" src="/logo.png"> SỞ Y TẾ TỈNH HÀ TĨNH</a></h1></header>'
            f'<div class="portlet-body">{links}</div></body></html>')


@pytest.mark.parametrize("items, url", [
    (5, LIFERAY),
    # the category's last page holds one item
    (1, LIFERAY + "?p_p_id=101_INSTANCE_Pq3RvW7c&p_p_lifecycle=0&_101_INSTANCE_Pq3RvW7c_delta=5"
        "&_101_INSTANCE_Pq3RvW7c_cur=2"),
])
def test_a_liferay_category_page_lists_its_articles_under_its_own_name(items, url):
    from crawler.parsers.roles import classify

    verdict = classify(liferay_list(items), url, reached_as="pagination")
    assert verdict.role == "listing", verdict.evidence
    # the site's name in the banner's <h1> is no category; the back link names no article
    assert verdict.listing.category == "Chỉ đạo điều hành"
    assert [e.url for e in verdict.listing.entries] == [
        f"{LIFERAY}/-/asset_publisher/Pq3RvW7c/content/bai-viet-so-{n}" for n in range(items)]


@pytest.mark.parametrize("title, category", [
    ("Tin tức - Sự kiện - Sở Y tế tỉnh Hà Tĩnh", "Tin tức - Sự kiện"),
    ("Tin tức - Sự kiện", "Tin tức - Sự kiện"),  # a ward's site names only its page
    ("Văn hóa - Xã hội | UBND huyện Tân Kỳ", "Văn hóa - Xã hội"),
    ("Chỉ đạo điều hành - Sở Y tế tỉnh Hà Tĩnh", "Chỉ đạo điều hành"),
    # the site's name first, and a list's name that opens with an office's word
    ("Trung tâm Y tế dự phòng tỉnh Nghệ An - Phòng chống dịch bệnh", "Phòng chống dịch bệnh"),
    ("Hội nghị - Hội thảo - Sở Y tế tỉnh Hà Tĩnh", "Hội nghị - Hội thảo"),
    ("Sở Y tế tỉnh Hà Tĩnh - Hội nghị, hội thảo chuyên đề", "Hội nghị, hội thảo chuyên đề"),
    ("UBND phường Nam Lĩnh - Tin tức - Sự kiện", "Tin tức - Sự kiện"),
])
def test_a_lists_category_is_its_titles_page_name_dashes_and_all(title, category):
    from crawler.parsers.roles import classify

    html = liferay_list(3).replace("Chỉ đạo điều hành - Sở Y tế tỉnh Hà Tĩnh", title)
    assert classify(html, LIFERAY, reached_as="listing").listing.category == category


@pytest.mark.parametrize("heading, title", [
    # Elementor's archive title on a theme with a custom logo (a class of <body>)
    ('<h1 class="elementor-heading-title">Chuyên mục: Hoạt động bệnh viện</h1>',
     "Hoạt động bệnh viện Archives - Trang 2 trên 3 - Bệnh viện Đa khoa tỉnh Sông Lam"),
    # Yoast's archive title, no heading of its own
    ("", "Hoạt động bệnh viện Archives - Trang 2 trên 3 - Bệnh viện Đa khoa tỉnh Sông Lam"),
])
def test_a_lists_name_is_printed_without_its_kind_archives_or_page_number(heading, title):
    from crawler.parsers.roles import classify

    html = liferay_list(3).replace("Chỉ đạo điều hành - Sở Y tế tỉnh Hà Tĩnh", title).replace(
        "<body>", f'<body class="archive category wp-custom-logo">{heading}')
    listing = classify(html, LIFERAY + "?_101_INSTANCE_Pq3RvW7c_cur=2", reached_as="listing").listing
    assert listing.category == "Hoạt động bệnh viện"


def test_a_home_page_read_as_a_list_names_no_category():
    """Liferay serves its home page at /web/guest/trang-chu, titled "Trang chủ - ..."."""
    from crawler.parsers.roles import classify

    html = liferay_list(3).replace("Chỉ đạo điều hành - Sở Y tế tỉnh Hà Tĩnh",
                                   "Trang chủ - Sở Y tế tỉnh Hà Tĩnh")
    verdict = classify(html, "http://yte.hatinh.gov.vn/web/guest/trang-chu", reached_as="page")
    assert verdict.role == "listing" and verdict.listing.category is None


@pytest.mark.parametrize("title, name", [
    ("UBND xã Kim Liên", None),  # a home page's title: the site's name
    ("Sở Khoa học và Công nghệ tỉnh Nghệ An", None),
    ("Trường THCS Đặng Thai Mai - TP Vinh - Nghệ An", None),
    ("Ban Dan toc tinh Nghe An", None),  # written without its marks
    # a headline that opens with an office names itself
    ("Hội Nông dân tỉnh tập huấn kỹ thuật nuôi ong lấy mật", "Hội Nông dân tỉnh tập huấn kỹ thuật nuôi ong lấy mật"),
    ("Tòa án nhân dân tỉnh Nghệ An - Tin tức", "Tin tức"),
])
def test_a_title_naming_only_an_office_names_no_list(title, name):
    from crawler.parsers import load
    from crawler.parsers.list_names import listing_name

    assert listing_name(load(f"<html><head><title>{title}</title></head><body><p>x</p></body></html>")) == name


def _nv_list(items: str) -> str:
    side = ('<div class="col-md-3 egov-right"><div class="egov-block"><div class="egov-block-'
            'title">Tin nổi bật</div><ul>' + "".join(
                f'<li><a href="/tin-tuc-su-kien/tin-noi-bat-so-{n}-{400 + n}.html">Tin nổi bật '
                f"số {n} của xã</a></li>" for n in range(3)) + "</ul></div></div>")
    return ('<html><head><meta charset="utf-8"><title>Thông tin tuyên truyền</title></head>'
            f'<body><div class="col-md-6"><h1>Thông tin tuyên truyền</h1>{items}</div>{side}'
            "</body></html>")


def test_a_lists_last_page_of_one_item_leaves_the_side_boxes_out():
    from crawler.parsers.roles import classify

    item = ('<div class="item"><h3><a href="/thong-tin-tuyen-truyen/tuyen-truyen-thuoc-la-'
            '312.html">Tuyên truyền phòng chống tác hại của thuốc lá điện tử</a></h3>'
            "<div>09:05 14/03/2022</div></div>")
    url = "https://nghiphong.nghean.gov.vn/thong-tin-tuyen-truyen/page-4"
    verdict = classify(_nv_list(item), url, reached_as="pagination")
    assert [e.url for e in verdict.listing.entries] == [
        "https://nghiphong.nghean.gov.vn/thong-tin-tuyen-truyen/tuyen-truyen-thuoc-la-312.html"]



def test_a_lists_older_items_under_it_in_the_same_column_are_no_side_box_of_the_page():
    """NukeViet sets "Các tin khác" (the category's next older items) under its list, in
    the list's own column: the list's items stay its items, the older ones are left out."""
    from crawler.parsers.roles import classify

    items = "".join(
        f'<div class="panel"><h3><a href="/thong-tin-tuyen-truyen/bai-so-{n}-{300 + n}.html">Bài '
        f"số {n} về tuyên truyền pháp luật</a></h3><div>09:05 1{n}/03/2022</div></div>"
        for n in range(6))
    older = ('<h4>Các tin khác</h4><ul class="related">' + "".join(
        f'<li><a href="/thong-tin-tuyen-truyen/tin-cu-{n}-{200 + n}.html">Tin cũ số {n} về '
        "tuyên truyền</a></li>" for n in range(3)) + "</ul>")
    url = "https://nghiphong.nghean.gov.vn/thong-tin-tuyen-truyen/"
    verdict = classify(_nv_list(items + older), url, reached_as="listing")
    assert [e.url.rsplit("/", 1)[1] for e in verdict.listing.entries] == [
        f"bai-so-{n}-{300 + n}.html" for n in range(6)], verdict.evidence

def test_an_articles_related_box_makes_no_list_of_it():
    from crawler.parsers.roles import classify

    # A Drupal article (no id in its address) met through a plain link: its "Tin cùng
    # chuyên mục" box lists four articles, but the page is no list of them.
    related = "".join(f'<li><a href="/tin-tuc/bai-lien-quan-so-{n}">Bài liên quan số {n} của '
                      f"ngành giáo dục</a> <span>1{n}/09/2024</span></li>" for n in range(4))
    html = ('<html><head><meta charset="utf-8"><title>Khai giảng năm học mới</title></head><body>'
            '<h1 class="page-title">Khai giảng năm học mới</h1><div class="field--name-body">'
            "<p>Sáng 5/9, các trường học trong tỉnh tổ chức lễ khai giảng năm học mới với sự tham "
            "dự của lãnh đạo tỉnh và đông đảo phụ huynh, học sinh.</p></div>"
            '<p><a href="/sites/default/files/2024-09/Ke-hoach-7455.pdf">Kế hoạch</a> <a href="/'
            'sites/default/files/2024-09/Phu-luc-7455.docx">Phụ lục</a></p>'  # its files: no items
            f'<div class="block-views"><h2>Tin cùng chuyên mục</h2><ul>{related}</ul></div>'
            "</body></html>")
    verdict = classify(html, "https://sogd.example.vn/tin-tuc/khai-giang-nam-hoc-moi",
                       reached_as="page")
    assert verdict.role == "other", verdict.evidence


def test_a_register_lists_its_own_rows_not_its_side_boxes_documents():
    from crawler.parsers.roles import classify

    rows = "".join(f'<tr><td><a href="/van-ban/ban-an-so-{n}-2024-hs-st-{90 + n}.html">Bản án số '
                   f"{n}/2024/HS-ST</a></td><td>0{n}/05/2024</td></tr>" for n in range(1, 4))
    html = ('<html><head><meta charset="utf-8"><title>Bản án</title></head><body><h1>Bản án'
            f'</h1><table class="list">{rows}</table><div class="ta-box"><h3>Văn bản mới</h3><ul>'
            '<li><a href="/van-ban/nghi-quyet-so-01-2024-nq-hdtp-88.html">Nghị quyết số '
            "01/2024/NQ-HĐTP</a></li></ul></div></body></html>")
    verdict = classify(html, "https://toaan.example.vn/ban-an/", reached_as="listing")
    assert [e.url.rsplit("/", 1)[1] for e in verdict.listing.entries] == [
        f"ban-an-so-{n}-2024-hs-st-{90 + n}.html" for n in range(1, 4)]


@pytest.mark.parametrize("head, url, name", [
    # WordPress's Vietnamese archive title, its dash printed as an en dash
    ("<title>Lưu trữ Tin tức – Sự kiện – UBND xã Diễn Thọ</title>",
     "https://x.example.vn/category/tin-tuc-su-kien/", "Tin tức – Sự kiện"),
    # no heading, a generic <title>: the trail's last item
    ('<title>Danh sách tin</title></head><body><div class="breadcrumb"><a href="/">Trang chủ</a>'
     ' &gt; <a href="/tintuc/">Tin tức</a> &gt; <span>Cải cách hành chính</span></div>',
     "https://x.example.vn/tintuc/Pages/danh-sach.aspx?CateID=12", "Cải cách hành chính"),
    # a writer's archive names no category
    ("<title>admin – UBND xã Tân Phong</title>", "https://x.example.vn/author/admin/", None),
])
def test_a_lists_name_from_its_title_or_trail(head, url, name):
    from crawler.parsers.roles import classify

    items = "".join(f'<li><a href="/tin-tuc/bai-so-{n}-12{n}.html">Bài viết số {n} của xã trong '
                    f"tháng mười</a> 1{n}/10/2024</li>" for n in range(4))
    html = f'<html><head><meta charset="utf-8">{head}</head><body><ul>{items}</ul></body></html>'
    verdict = classify(html, url, reached_as="listing")
    assert verdict.role == "listing", verdict.evidence
    assert verdict.listing.category == name


def test_flatsomes_blog_boxes_are_an_archives_posts():
    from crawler.parsers.roles import classify

    boxes = "".join(
        f'<div class="col post-item"><div class="box box-vertical box-blog-post"><div class="box-'
        f'text"><h5 class="post-title is-large"><a href="https://ttyt.example.vn/bai-viet-so-{n}-'
        f'cua-trung-tam/" class="plain">Bài viết số {n} của trung tâm y tế</a></h5><div class="'
        f'post-meta">2{n}/10/2024</div></div></div></div>' for n in range(4))
    html = ('<html><head><meta charset="utf-8"><title>Hoạt động chuyên môn</title></head><body '
            'class="archive category"><main id="main"><div class="blog-archive"><header class="'
            'archive-page-header"><h1 class="page-title">Danh mục: <span>Hoạt động chuyên môn</span>'
            f'</h1></header><div class="row">{boxes}</div></div></main></body></html>')
    verdict = classify(html, "https://ttyt.example.vn/category/hoat-dong-chuyen-mon/page/3/",
                       reached_as="listing")
    assert verdict.role == "listing", verdict.evidence
    assert [e.url for e in verdict.listing.entries] == [
        f"https://ttyt.example.vn/bai-viet-so-{n}-cua-trung-tam/" for n in range(4)]


def test_a_trails_label_names_no_list_and_the_lists_heading_does():
    """Joomla's trail opens with "Bạn đang ở:" and, on K2's list, stops at the home page:
    the list is named by its own heading."""
    from crawler.parsers.roles import classify

    items = "".join(
        f'<div class="catItemView"><h3 class="catItemTitle"><a href="/index.php/tu-van/item/'
        f'{40 + n}-cau-hoi-ve-dat-dai-so-{n}">Câu hỏi về đất đai số {n} của hội viên</a></h3>'
        f'<span class="catItemDateCreated">1{n}/03/2024</span></div>' for n in range(4))
    html = ('<html><head><title>Tư vấn pháp luật</title></head><body><ol class="breadcrumb"><li>'
            'Bạn đang ở: &#160;</li><li><a href="/index.php">Trang chủ</a></li></ol><div id="k2'
            'Container" class="itemListView"><div class="itemListCategory"><h2>Tư vấn pháp luật'
            f'</h2></div><div class="itemList">{items}</div></div></body></html>')
    verdict = classify(html, "https://hoinongdan.example.vn/index.php/tu-van", reached_as="listing")
    assert verdict.listing.category == "Tư vấn pháp luật", verdict.evidence


def test_a_registers_heading_names_its_kind_without_its_label():
    from crawler.parsers.roles import classify

    rows = "".join(
        f'<tr><td>{n}</td><td><a href="/VanBan/ChiTiet.aspx?ID={500 + n}">0{n}/CT-UBND</a></td>'
        f"<td>1{n}/03/2024</td><td>Chỉ thị về công tác số {n}</td></tr>" for n in range(1, 4))
    html = ('<html><head><title>Văn bản</title></head><body><h1>Loại văn bản: Chỉ thị</h1><table>'
            f"<tr><th>STT</th><th>Số/Ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th></tr>{rows}"
            "</table></body></html>")
    verdict = classify(html, "https://ubnd.example.vn/VanBan/DanhSach.aspx?LoaiVB=3",
                       reached_as="listing")
    assert verdict.listing.category == "Chỉ thị", verdict.evidence


def test_a_nukeviet_list_without_url_rewriting_is_read_with_its_pager():
    """NukeViet 3 without rewriting: its articles at "index.php?language=vi&nv=news&op=
    {category}/{alias}-{id}", its list's later pages at "op={category}/page-20"."""
    from crawler.parsers.roles import classify

    base = "http://hoinongdan.example.org.vn/index.php?language=vi&nv=news&op=Hoat-dong-Hoi"
    items = "".join(
        f'<div class="news_column"><h3><a href="{base}/Bai-So-{n}-Ve-Hoat-Dong-{600 + n}">Bài số '
        f"{n} về hoạt động của Hội</a></h3><span>10:00 1{n}/03/2024</span></div>" for n in range(4))
    html = ('<html><head><meta name="generator" content="NukeViet v3.4"><title>Hoạt động Hội'
            f'</title></head><body>{items}<div class="generate_page"><a href="{base}/page-10">1</a>'
            f' <a href="{base}/page-30">3</a></div></body></html>')
    verdict = classify(html, base + "/page-20", reached_as="listing")
    assert [e.url for e in verdict.listing.entries] == [
        f"{base}/Bai-So-{n}-Ve-Hoat-Dong-{600 + n}".replace("/Bai", "%2FBai") for n in range(4)]
    assert any(link.endswith("page-30") for link in verdict.listing.pager_links), verdict.listing


LIFERAY7 = "http://skhdt.hatinh.gov.vn/dau-tu-doanh-nghiep"
LIFERAY7_PAGE2 = (LIFERAY7 + "?p_p_id=com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet"
                  "_INSTANCE_ab12&_com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet"
                  "_INSTANCE_ab12_cur=2")


def liferay7_list(slugs) -> str:
    """Liferay 7's asset publisher: friendly /w/ addresses (no id), one dated abstract each,
    in a portlet section that holds nothing else of the site's pages."""
    items = "".join(
        f'<div class="asset-abstract"><h3 class="asset-title"><a href="/w/{slug}">Sở Kế hoạch '
        f'{slug.replace("-", " ")}</a></h3><div class="asset-metadata"><span class='
        f'"metadata-entry metadata-publish-date">0{n + 1}/07/24</span></div><div class="asset-'
        f'summary">Ngày {n + 1}/7, Sở tổ chức hội nghị.</div></div>' for n, slug in enumerate(slugs))
    return ('<html><head><title>Đầu tư - Doanh nghiệp - Sở Kế hoạch và Đầu tư</title></head><body>'
            '<nav><a href="/">Trang chủ</a> <a href="/lien-he">Liên hệ</a></nav>'
            '<section class="portlet"><h2 class="portlet-title-text">Đầu tư - Doanh nghiệp</h2>'
            f'<div class="asset-publisher">{items}</div><ul class="pagination"><li><a href="'
            f'{LIFERAY7}?_com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_ab12'
            '_cur=1">1</a></li><li class="active"><a href="javascript:;">2</a></li></ul></section>'
            '<footer>Sở Kế hoạch và Đầu tư - Số 20 đường Hùng Vương</footer></body></html>')


def test_a_lists_last_page_of_one_item_reached_through_its_pager_lists_it():
    """The last page of a list whose addresses have no article's shape holds one item: reached
    through the list's pager it is the list's page, and its item an article to read; the same
    page reached as any link stays unread as a list (one dated link proves no list)."""
    from crawler.parsers.roles import classify

    page = liferay7_list(["phat-dong-thi-dua-dao-tao-nghe"])
    verdict = classify(page, LIFERAY7_PAGE2, reached_as="listing")
    assert verdict.role == "listing", verdict.evidence
    assert [e.url for e in verdict.listing.entries] == [
        "http://skhdt.hatinh.gov.vn/w/phat-dong-thi-dua-dao-tao-nghe"]
    assert verdict.listing.entries[0].published_at.startswith("2024-07-01")
    assert any("div.asset-abstract" in said for said in verdict.evidence), verdict.evidence
    assert classify(page, LIFERAY7_PAGE2, reached_as="page").role != "listing"


@pytest.mark.parametrize("op, article", [
    ("Hoat-dong/Bai-so-mot-612", True),
    ("kinh-te/xa-yen-tho-ra-mat-to-hop-tac-nuoi-ong-43.html", True),  # NukeViet 4.3 adds .html
    ("kinh-te/page-2", False),
    ("kinh-te", False),
])
def test_a_nukeviet_address_without_rewriting_names_an_article_by_its_id(op, article):
    from crawler.parsers.nukeviet import article_url, related_item

    url = f"http://yentho.nghean.gov.vn/index.php?language=vi&nv=news&op={op}"
    assert article_url(url) is article
    assert related_item(url) is article


def test_the_home_pages_later_page_names_no_category():
    """NukeViet's news module at the site's root pages its newest articles as /page-2, titled
    with the module's name ("Tin Tức"): every category's articles, so no category's name."""
    from crawler.parsers.roles import classify

    items = "".join(
        f'<div class="news_column"><h3><a href="/tin-tuc/bai-so-{n}-{70 + n}.html">Bài số {n} '
        f"về hoạt động của xã</a></h3><span>10:00 1{n}/09/2024</span></div>" for n in range(4))
    html = ('<html><head><meta name="generator" content="NukeViet v4.5"><title>Tin Tức - UBND xã'
            f' Phú Lạc</title></head><body><h1>Tin Tức</h1>{items}<ul class="pagination"><li><a '
            'href="/">1</a></li><li><a href="/page-2">2</a></li></ul></body></html>')
    home_page2 = classify(html, "http://phulac.nghean.gov.vn/page-2", reached_as="listing")
    assert len(home_page2.listing.entries) == 4
    assert home_page2.listing.category is None
    category = classify(html, "http://phulac.nghean.gov.vn/tin-tuc/page-2", reached_as="listing")
    assert category.listing.category == "Tin Tức"


def _nukeviet_query_list(op: str | None, title: str, slugs) -> tuple[str, str]:
    base = "http://yentho.nghean.gov.vn/index.php?language=vi&nv=news"
    items = "".join(
        f'<div class="news_column panel panel-default"><div class="panel-body"><h3><a href="'
        f'/index.php?language=vi&amp;nv=news&amp;op={slug}">Bài {n} của xã</a></h3><div class='
        f'"text-muted"><ul><li>10:30 1{n}/09/2024</li></ul></div>Tin của xã.</div></div>'
        for n, slug in enumerate(slugs))
    html = ('<html><head><meta name="generator" content="NukeViet v4.3"><title>'
            f'{title} - UBND xã Yên Thọ</title></head><body><nav><a href="/index.php?language=vi'
            '&amp;nv=news">Trang nhất</a> <a href="/index.php?language=vi&amp;nv=news&amp;op='
            f'kinh-te">Kinh tế</a></nav><div class="col-md-18">{items}</div></body></html>')
    return html, base + (f"&op={op}" if op else "")


def test_a_nukeviet_category_without_url_rewriting_is_a_list_of_its_own():
    """Its address is a query ("?nv=news&op=kinh-te"): a category holding two articles is a
    list of that category; the module's own page ("?nv=news") lists every category's."""
    from crawler.parsers.roles import classify
    from crawler.parsers.urls import menu_query

    slugs = ["kinh-te/ra-mat-to-hop-tac-56.html", "kinh-te/nghiem-thu-kenh-muong-43.html"]
    html, url = _nukeviet_query_list("kinh-te", "Kinh tế - Nông nghiệp", slugs)
    verdict = classify(html, url, reached_as="page")
    assert verdict.role == "listing", verdict.evidence
    assert (len(verdict.listing.entries), verdict.listing.category) == (2, "Kinh tế - Nông nghiệp")
    html, url = _nukeviet_query_list(None, "Tin Tức", slugs + ["tin-tuc/sot-xuat-huyet-67.html"])
    assert classify(html, url, reached_as="page").listing.category is None
    # the start page's links to them are followed though the site's layout is known
    assert menu_query("language=vi&nv=news&op=kinh-te", known=True)
    assert not menu_query("MaCM=5", known=True) and menu_query("MaCM=5")


def test_a_wordpress_category_holding_one_post_is_a_list():
    from crawler.parsers.roles import classify

    post = "https://thpt.nghean.edu.vn/thong-bao-tuyen-dung-giao-vien-hop-dong-mon-tin-hoc/"
    html = ('<html><head><meta name="generator" content="WordPress 6.6"><title>Tuyển dụng - '
            'Trường THPT</title></head><body class="archive category category-tuyen-dung '
            'category-9 generatepress"><main><h1 class="page-title">Tuyển dụng</h1><article '
            'class="post type-post status-publish"><header class="entry-header"><h2 class='
            f'"entry-title"><a href="{post}" rel="bookmark">Thông báo tuyển dụng giáo viên hợp '
            'đồng môn Tin học</a></h2><time class="entry-date" datetime="2024-12-02T08:00:00+07:00">'
            '02/12/2024</time></header><div class="entry-summary"><p>Nhà trường thông báo tuyển'
            ' dụng giáo viên.</p></div></article></main></body></html>')
    verdict = classify(html, "https://thpt.nghean.edu.vn/chuyen-muc/tuyen-dung/", reached_as="listing")
    assert verdict.role == "listing", verdict.evidence
    assert [e.url for e in verdict.listing.entries] == [post]


@pytest.mark.parametrize("later", ["trang2.htm", "index2.htm", "trang-2.html"])
def test_a_static_sites_next_page_is_its_pagers(later):
    from crawler.parsers.pagers import pager_links

    html = ('<html><body><ul><li><a href="tin01.htm">Tin 1</a></li></ul><p align="right">Trang '
            f'1/4 <a href="{later}">Trang sau &gt;&gt;</a> <a href="../lienhe.htm">Liên hệ</a></p>'
            "</body></html>")
    url = "http://bdt.nghean.gov.vn/tin/2003/index.htm"
    assert pager_links(load(html), url) == [f"http://bdt.nghean.gov.vn/tin/2003/{later}"]


def test_a_sharepoint_list_views_next_page_is_named_in_its_script():
    from crawler.parsers.pagers import pager_links

    script = ('javascript:RefreshPageTo(event, "\\u002ftin-tuc\\u002fPages\\u002fdefault.aspx?Paged='
              'TRUE\\u0026p_ID=3171\\u0026PageFirstRow=7");javascript:return false;')
    html = ("<html><body><ul><li><a href='/tin-tuc/Pages/bai-1.aspx'>Bài 1</a></li></ul><table>"
            f"<tr><td><a onclick='{script}' href='javascript:'><img src='/_layouts/15/images/"
            "spcommon.png' alt='Tiếp'></a></td></tr></table></body></html>")
    url = "https://www.nghean.gov.vn/tin-tuc/Pages/default.aspx"
    assert pager_links(load(html), url) == [
        "https://www.nghean.gov.vn/tin-tuc/Pages/default.aspx?Paged=TRUE&p_ID=3171&PageFirstRow=7"]
