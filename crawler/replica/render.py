"""Pages of the replica, in the markup of VNPT vnPortal, and the routing that picks them.

Every byte the server sends comes from here or from the modules this one puts together:
the site chrome (header, menu, side boxes, footer) is `chrome.py`; the article pages in
their three layouts ("a", "b", "c": different skins and editor habits, as a portal that
has run for years has) and the changed template "moved" (the portal's later one: the
date in `span.NgayXuatBan` of an info bar above the title, the byline in `div.NguonTin`
before the body, neither with a label) are `article.py`; the `Response` they all return
is `response.py`. This module has category listings, the LoadArticle pagination
fragment, static pages, robots.txt, errors and the routing. Pages are rendered per
request, so a site swapped on a running server shows at once. Nothing on a page changes
between two requests of the same site (no counters, no clocks), so a page's bytes
identify its content.

Nothing here is the record: what a page *means* is computed in `expected.py` from the
source data, never from this markup.
"""

from __future__ import annotations

from .article import article_page
from .chrome import SEARCH_SAMPLE, SITE_NAME, html_response, link, page
from .model import SiteModel
from .response import Response, parse_form
from .source import DISALLOWED_PREFIXES, ArticleSource, Category
from .textutil import attr, esc

LOAD_ARTICLE_PATH = "/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"


# --- listings -----------------------------------------------------------------------


def listing_items(site: SiteModel, cat: Category, items: list[ArticleSource], base: str) -> str:
    rows = []
    for n, a in enumerate(items):
        href = attr(link(base, site.article_path(a), cat.links, n))
        rows.append(
            f"""<li class="row">
  <div class="col-xs-12 col-sm-4"><a href="{href}" title="{attr(a.title)}"><img class="image" src="{attr(site.thumbnail(a))}" alt="{attr(a.title)}"></a></div>
  <div class="col-xs-12 col-sm-8">
    <h2 class="Title"><a href="{href}">{esc(a.title)}</a></h2>
    <div class="Ngaydang">{a.published:%d/%m/%Y}</div>
    <p>{esc(a.lead)}</p>
  </div>
</li>"""
        )
    return "\n".join(rows)


def pagination_params(site: SiteModel, cat: Category) -> str:
    """The inline script's data object, in the order the portal's module writes it."""
    size = site.page_size
    return (
        f'article_category_id: {cat.id}, categoryIds: "{cat.id}", site_id: {site.site_id}, '
        f'page_size: {size}, page: page, keyword: "", date_begin: "", date_end: "", '
        'show_no: "False", show_post_date: "True", num_of_text: 0, show_view_count: "False", '
        'filter_order_in_list: "False", is_default: "False", new: "False", number_of_day: 3, '
        f'no: -{size}, articlelang: "vi-VN", is_authenticated: "False"'
    )


def listing_page(site: SiteModel, cat: Category, base: str) -> Response:
    items = listing_items(site, cat, site.listing_page(cat.slug, 1), base)
    max_page = site.max_page(cat.slug)
    pager = "\n".join(
        f'      <li class="page-item page-number{" active" if p == 1 else ""}" data-page="{p}">'
        f'<a class="page-link" href="javascript:void(0)">{p}</a></li>'
        for p in range(1, max_page + 1)
    )
    main = f"""<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li class="active">{esc(cat.name)}</li></ol>
<div class="UIArticleInMenu_Default">
  <div class="category-title"><h1><a href="{cat.path}">{esc(cat.name)}</a></h1></div>
  <ul class="ArticleList" id="ArticleList_{cat.id}">
{items}
  </ul>
  <div class="pager">
    <ul class="pagination">
      <li class="page-item prev disabled"><a class="page-link" href="javascript:void(0)">&laquo;</a></li>
{pager}
      <li class="page-item next"><a class="page-link" href="javascript:void(0)">&raquo;</a></li>
    </ul>
  </div>
</div>
<script type="text/javascript">
  var maxPage = parseInt({max_page});
  var currentPage = 1;
  function LoadArticle(page) {{
    $.ajax({{
      type: "POST",
      url: "{LOAD_ARTICLE_PATH}",
      data: {{ {pagination_params(site, cat)} }},
      success: function (html) {{ $("#ArticleList_{cat.id}").html(html); currentPage = page; }}
    }});
  }}
  $(document).on("click", ".pagination .page-number", function () {{ LoadArticle($(this).data("page")); }});
</script>"""
    markup = page(site, base, title=f"{cat.name} - {SITE_NAME}", main=main)
    return html_response(markup)


def _bad_request(message: str) -> Response:
    return Response(400, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")


def load_article(site: SiteModel, body: bytes, headers: dict[str, str], base: str) -> Response:
    """The POST pagination endpoint. It checks what a crawler could plausibly get wrong
    (the fields it must copy from the listing's script) and answers 400 saying which."""
    form = parse_form(body, headers)
    if form is None:
        return _bad_request("expected an application/x-www-form-urlencoded body")
    for name in ("article_category_id", "categoryIds", "site_id", "page", "page_size"):
        if name not in form or form[name] == "":
            return _bad_request(f"missing field: {name}")
    try:
        category_id = int(form["article_category_id"])
        page_no = int(form["page"])
        size = int(form["page_size"])
        site_id = int(form["site_id"])
    except ValueError:
        return _bad_request("article_category_id, site_id, page and page_size must be integers")
    cat = site.category_by_id(category_id)
    if cat is None:
        return _bad_request(f"unknown article_category_id: {category_id}")
    if form["categoryIds"] != str(category_id):
        return _bad_request("categoryIds must equal article_category_id")
    if site_id != site.site_id:
        return _bad_request(f"site_id must be {site.site_id}")
    if page_no < 1:
        return _bad_request("page must be 1 or more")
    if size != site.page_size:
        return _bad_request(f"page_size must be {site.page_size}")
    items = site.listing_page(cat.slug, page_no)
    return Response(200, listing_items(site, cat, items, base).encode("utf-8"))


# --- static pages -------------------------------------------------------------------


def home(site: SiteModel, base: str) -> str:
    featured = site.featured()
    top = featured[0]
    top_html = (
        f'<div class="featured-top"><a href="{site.article_path(top)}"><img src="{attr(site.thumbnail(top))}" '
        f'alt="{attr(top.title)}"></a><h2><a href="{site.article_path(top)}">{esc(top.title)}</a></h2>'
        f"<p>{esc(top.lead)}</p></div>"
    )
    others = "\n".join(
        f'      <li><a href="{link(base, site.article_path(a), "pageindex")}">{esc(a.title)}</a></li>'
        for a in featured[1:]
    )
    latest = "\n".join(
        f'      <li><a href="{site.article_path(a)}">{esc(a.title)}</a> <span class="date">{a.published:%d/%m/%Y}</span></li>'
        for a in site.latest(6)
    )
    blocks = []
    for c in site.categories:
        rows = "\n".join(
            f'        <li><a href="{link(base, site.article_path(a), "absolute")}">{esc(a.title)}</a></li>'
            for a in site.listing(c.slug)[:3]
        )
        blocks.append(
            f'    <div class="home-category"><h2 class="cat-title"><a href="{c.path}">{esc(c.name)}</a></h2>\n'
            f"      <ul>\n{rows}\n      </ul>\n"
            f'      <a class="more" href="{c.path}">Xem thêm</a></div>'
        )
    return f"""<div class="home">
  <div class="home-featured">
    <div class="box-title"><span>Tin nổi bật</span></div>
    {top_html}
    <ul class="featured-list">
{others}
    </ul>
  </div>
  <div class="home-latest">
    <div class="box-title"><span>Tin mới nhất</span></div>
    <ul>
{latest}
    </ul>
  </div>
  <div class="home-search"><a href="{SEARCH_SAMPLE}">Tìm kiếm nâng cao</a> | <a href="/Admin/Login.aspx">Quản trị</a></div>
{chr(10).join(blocks)}
</div>"""


def contact(site: SiteModel, base: str) -> str:
    return """<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li class="active">Liên hệ</li></ol>
<div class="ContactControl">
  <h1 class="page-title">Liên hệ</h1>
  <p><strong>Ban biên tập Cổng thông tin điện tử tỉnh Nghệ An</strong></p>
  <p>Địa chỉ: Số 03, đường Trường Thi, thành phố Vinh, tỉnh Nghệ An</p>
  <p>Điện thoại: 0238.3844.511 - Fax: 0238.3844.512</p>
  <p>Email: congthongtin@nghean.gov.vn</p>
  <div class="contact-form">
    <label>Họ và tên <input type="text" name="name"></label>
    <label>Nội dung <textarea name="content"></textarea></label>
    <button type="button">Gửi liên hệ</button>
  </div>
</div>"""


def sitemap(site: SiteModel, base: str) -> str:
    cats = "\n".join(f'    <li><a href="{c.path}">{esc(c.name)}</a></li>' for c in site.categories)
    return f"""<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li class="active">Sơ đồ cổng thông tin</li></ol>
<div class="SiteMapControl">
  <h1 class="page-title">Sơ đồ cổng thông tin</h1>
  <ul class="sitemap">
    <li><a href="/">Trang chủ</a></li>
    <li><a href="/qua-trinh-hinh-thanh-va-phat-trien-62242">Giới thiệu</a></li>
{cats}
    <li><a href="/lien-he">Liên hệ</a></li>
  </ul>
</div>"""


def intro(site: SiteModel, base: str) -> str:
    # A root-level page whose slug ends in a number like an article id or a category
    # suffix; it is neither.
    return """<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li class="active">Giới thiệu</li></ol>
<div class="ContentPage">
  <h1 class="page-title">Quá trình hình thành và phát triển</h1>
  <p>Nghệ An là tỉnh có diện tích lớn nhất cả nước, nằm ở trung tâm vùng Bắc Trung Bộ, phía Bắc giáp tỉnh Thanh Hóa, phía Nam giáp tỉnh Hà Tĩnh, phía Tây giáp nước Cộng hòa Dân chủ Nhân dân Lào, phía Đông giáp Biển Đông.</p>
  <p>Năm 1976, tỉnh Nghệ An và tỉnh Hà Tĩnh hợp nhất thành tỉnh Nghệ Tĩnh. Năm 1991, tỉnh Nghệ Tĩnh được chia tách, tái lập tỉnh Nghệ An và tỉnh Hà Tĩnh như ngày nay.</p>
  <p>Hiện nay, tỉnh có 21 đơn vị hành chính cấp huyện, gồm thành phố Vinh, 3 thị xã và 17 huyện.</p>
</div>"""


def search_page(site: SiteModel, base: str) -> str:
    return """<div class="SearchControl"><h1 class="page-title">Tìm kiếm</h1>
  <p>Nhập từ khóa để tìm kiếm tin bài, văn bản.</p></div>"""


def login_page(site: SiteModel, base: str) -> str:
    return """<div class="LoginControl"><h1 class="page-title">Đăng nhập hệ thống</h1>
  <label>Tên đăng nhập <input type="text" name="username"></label>
  <label>Mật khẩu <input type="password" name="password"></label></div>"""


# Allowed pages that are not articles (path -> (page title, main markup)).
STATIC_PAGES = {
    "/": ("Trang chủ", home),
    "/lien-he": ("Liên hệ", contact),
    "/so-do-cong-thong-tin": ("Sơ đồ cổng thông tin", sitemap),
    "/qua-trinh-hinh-thanh-va-phat-trien-62242": ("Quá trình hình thành và phát triển", intro),
}


def robots_txt() -> str:
    lines = ["User-agent: *"] + [f"Disallow: {p}" for p in DISALLOWED_PREFIXES] + [""]
    return "\n".join(lines)


def not_found(site: SiteModel, base: str) -> Response:
    main = """<div class="NotFound"><h1>Không tìm thấy trang</h1>
  <p>Trang bạn yêu cầu không tồn tại hoặc đã bị gỡ bỏ. <a href="/">Về trang chủ</a></p></div>"""
    return html_response(page(site, base, title=f"404 - {SITE_NAME}", main=main), status=404)


# --- routing ------------------------------------------------------------------------


def respond(
    site: SiteModel, method: str, target: str, body: bytes, headers: dict[str, str], base: str
) -> Response:
    """Answer one request. `target` is the request path with its query string."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if method == "POST":
        if path == LOAD_ARTICLE_PATH:
            return load_article(site, body, headers, base)
        return Response(
            405, b"method not allowed\n", "text/plain; charset=utf-8", {"Allow": "GET, HEAD"}
        )
    if method not in ("GET", "HEAD"):
        return Response(
            405, b"method not allowed\n", "text/plain; charset=utf-8", {"Allow": "GET, HEAD, POST"}
        )
    if path == "/robots.txt":
        return Response(200, robots_txt().encode("ascii"), "text/plain; charset=utf-8")
    if path in STATIC_PAGES:
        title, make = STATIC_PAGES[path]
        return html_response(
            page(site, base, title=f"{title} - {SITE_NAME}", main=make(site, base))
        )
    if path == "/tim-kiem":
        return html_response(
            page(site, base, title=f"Tìm kiếm - {SITE_NAME}", main=search_page(site, base))
        )
    if path.startswith("/Admin/"):
        return html_response(
            page(site, base, title=f"Đăng nhập - {SITE_NAME}", main=login_page(site, base))
        )
    slug = path[1:]
    if "/" not in slug and any(c.slug == slug for c in site.categories):
        return listing_page(site, site.category(slug), base)
    article = site.article_at(path)
    if article is not None:
        return article_page(site, article, base)
    return not_found(site, base)
