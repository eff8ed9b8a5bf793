"""`vhttdl.nghean.gov.vn`: a vnPortal subsite in another skin than the main portal's.

What differs from the main portal (crawler/replica/render.py), as PORTAL.md says installs
of vnPortal differ:
- listings are `div.UIListNews_Default div.ListNews div.item` (each: a thumbnail link, an
  `a.title` with href and title, a `span.date` dd/mm/yyyy, a `div.summary` lead), not
  `ul.ArticleList li.row`;
- the listing's inline script posts its parameters (the same fields as the main portal's)
  as JSON: `LoadArticle` at the same path accepts only `Content-Type: application/json`
  with a JSON object body, and answers `{"d": "<div class=\\"item\\">…"}` as an ASP.NET
  page method does. A form-encoded POST answers 500 (ASP.NET's error page), a JSON body
  without a required field or with a wrong value answers 500 with ASP.NET's JSON error
  (`{"Message": …}`) naming it;
- pages 2+ of a listing are reachable only through that POST: the home page shows the
  first two items of each listing, and "Tin cùng chuyên mục" shows the newest three of
  the category, all on page 1.

Article pages keep vnPortal's markup (`div.ArticleDetailControl`, `div.ArticleHeader`,
`div.PostDate`, `div.ArticleSummary`, `div.ArticleContent`, `div.author`), with the
bylines and credits of `content.py`. Images and attachments live on
`http://datafiles.nghean.gov.vn/nan-ubnd/{site_id}/...`.
"""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import quote

from ..render import LOAD_ARTICLE_PATH
from ..response import Response
from ..textutil import encode_text, slugify
from .base import (
    WEEKDAYS,
    Post,
    PostSite,
    attr,
    esc,
    html,
    last_modified,
    listing_order,
    method_not_allowed,
    post_record,
    split_target,
    text_response,
    ticks,
)
from .content import VHTTDL_CATEGORIES, VHTTDL_POSTS

DATAFILES_HOST = "datafiles.nghean.gov.vn"
REQUIRED_FIELDS = ("article_category_id", "categoryIds", "site_id", "page", "page_size")
# How each listing writes its article links (the LoadArticle fragment writes them alike).
LINK_STYLES = {
    "van-hoa-nghe-thuat": "plain",
    "the-duc-the-thao": "pageindex",
    "du-lich-15723": "absolute",
}
HOME_PER_CATEGORY = 2
RELATED_COUNT = 3


class VnPortalSubsite(PostSite):
    layout = "vnportal"
    server_header = "Microsoft-IIS/10.0"

    def __init__(
        self,
        host: str = "vhttdl.nghean.gov.vn",
        *,
        name: str = "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An",
        site_id: int = 2962,
        page_size: int = 4,
        posts: list[Post] | None = None,
        categories=VHTTDL_CATEGORIES,
    ) -> None:
        self.site_id = site_id
        self.page_size = page_size
        self._setup(host, name, posts if posts is not None else VHTTDL_POSTS, categories)

    # --- model ----------------------------------------------------------------------
    def path_of(self, post: Post) -> str:
        return self.article_path(post)

    def category_by_id(self, cid: int) -> dict[str, Any] | None:
        return next((c for c in self.categories if c["id"] == cid), None)

    def article_path(self, p: Post) -> str:
        return f"/{p.category}/{slugify(p.title)}-{p.id}"

    def listing(self, slug: str) -> list[Post]:
        return listing_order([p for p in self.posts.values() if p.category == slug])

    def max_page(self, slug: str) -> int:
        return max(1, math.ceil(len(self.listing(slug)) / self.page_size))

    def listing_page(self, slug: str, page: int) -> list[Post]:
        start = (page - 1) * self.page_size
        return self.listing(slug)[start : start + self.page_size]

    def post_only(self) -> list[Post]:
        """Articles that only a LoadArticle POST lists (pages 2+)."""
        return [p for c in self.categories for p in self.listing(c["slug"])[self.page_size :]]

    def related_of(self, p: Post) -> list[Post]:
        return [r for r in self.listing(p.category) if r.id != p.id][:RELATED_COUNT]

    def _upload(self, p: Post, folder: str | None = None) -> str:
        when = p.published
        folder = folder or f"quantritintuc{when.year}{when.month}"
        return f"http://{DATAFILES_HOST}/nan-ubnd/{self.site_id}/{folder}"

    def image_url(self, p: Post, n: int) -> str:
        img = p.images[n]
        stem, ext = img.name.rsplit(".", 1)
        return f"{self._upload(p)}/{stem}{ticks(p.published, p.id + img.name)}.{ext}"

    def attachment_url(self, p: Post, name: str) -> str:
        return f"{self._upload(p, 'vanban')}/{name}"

    def thumbnail(self, p: Post) -> str:
        if p.images:
            return self.image_url(p, 0)
        return f"http://{DATAFILES_HOST}/nan-ubnd/{self.site_id}/quantritintuc/no-image.png"

    def href(self, p: Post, style: str) -> str:
        path = self.article_path(p)
        if style == "pageindex":
            return path + "?pageindex=0"
        if style == "absolute":
            return self.base + path
        return path

    def disallowed(self) -> list[str]:
        return ["/Admin/", "/tim-kiem"]

    def listing_urls(self) -> list[str]:
        return [f"{self.base}/{c['slug']}" for c in self.categories]

    def expected_records(self) -> list[dict[str, Any]]:
        out = []
        for p in self.posts.values():
            out.append(
                post_record(
                    p,
                    host=self.host,
                    url=self.base + self.article_path(p),
                    category=self.category(p.category)["name"],
                    layout=self.layout,
                    images=[self.image_url(p, n) for n in range(len(p.images))],
                    related=[
                        (self.base + self.article_path(r), r.title) for r in self.related_of(p)
                    ],
                    attachments=[(self.attachment_url(p, f), t) for f, t in p.attachments],
                )
            )
        return out

    # --- chrome ---------------------------------------------------------------------
    def page(self, title: str, main: str, head_extra: str = "") -> str:
        menu = "\n".join(
            f'          <li><a href="/{c["slug"]}">{esc(c["name"])}</a></li>'
            for c in self.categories
        )
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(title)}</title>
  <link rel="stylesheet" href="/Portals/_default/Skins/vhttdl/css/main.css">
{head_extra}</head>
<body class="vhttdl">
<form method="post" action="" id="Form">
<div class="page-wrapper">
  <header class="site-header">
    <div class="topbar"><div class="container">
      <a href="/Admin/Login.aspx" class="login">ĐĂNG NHẬP</a>
      <a href="http://www.nghean.gov.vn/" class="portal-link">Cổng TTĐT tỉnh Nghệ An</a>
    </div></div>
    <div class="logo-area container">
      <a href="/"><img src="http://{DATAFILES_HOST}/nan-ubnd/{self.site_id}/banner/logo-so-vhttdl.png" alt="{attr(self.name)}"></a>
      <div class="site-name">{esc(self.name.upper())}</div>
    </div>
    <nav class="navbar-main"><div class="container">
      <ul class="nav-menu">
          <li><a href="/">Trang chủ</a></li>
          <li><a href="/gioi-thieu">Giới thiệu</a></li>
{menu}
          <li><a href="/lien-he">Liên hệ</a></li>
      </ul>
      <div class="search"><input type="text" id="keyword"><a href="/tim-kiem?keyword=">Tìm kiếm</a></div>
    </div></nav>
  </header>
  <main class="site-main container">
    <div class="row">
      <div class="col-lg-9 main-content">
{main}
      </div>
      <aside class="col-lg-3 sidebar">
        <div class="box-links"><h3>Liên kết</h3>
          <ul><li><a href="http://www.nghean.gov.vn/">Cổng TTĐT tỉnh</a></li>
          <li><a href="/lien-he">Đường dây nóng</a></li></ul>
        </div>
      </aside>
    </div>
  </main>
  <footer class="site-footer"><div class="container">
    <p><strong>{esc(self.name.upper())}</strong></p>
    <p>Địa chỉ: Số 2, đường Nguyễn Du, thành phố Vinh, tỉnh Nghệ An - Điện thoại: 0238.3844.788</p>
    <p>Ghi rõ nguồn "Sở Văn hóa, Thể thao và Du lịch Nghệ An" khi phát hành lại thông tin từ website này.</p>
  </div></footer>
</div>
</form>
<script src="/Portals/_default/Skins/vhttdl/js/jquery-3.6.0.min.js"></script>
</body>
</html>
"""

    # --- listings -------------------------------------------------------------------
    def items(self, cat: dict[str, Any], posts: list[Post]) -> str:
        style = LINK_STYLES.get(cat["slug"], "plain")
        rows = []
        for p in posts:
            href = attr(self.href(p, style))
            t = attr(p.title)
            rows.append(
                f'<div class="item clearfix">'
                f'<a class="thumb" href="{href}" title="{t}"><img src="{attr(self.thumbnail(p))}" alt="{t}"></a>'
                f'<div class="info"><a class="title" href="{href}" title="{t}">{esc(p.title)}</a>'
                f'<span class="date"><i class="fa fa-calendar"></i> {p.published:%d/%m/%Y}</span>'
                f'<div class="summary">{esc(p.lead or "")}</div></div></div>'
            )
        return "\n".join(rows)

    def script_params(self, cat: dict[str, Any]) -> str:
        size = self.page_size
        return (
            f'article_category_id: {cat["id"]}, categoryIds: "{cat["id"]}", site_id: {self.site_id}, '
            f'page_size: {size}, page: page, keyword: "", date_begin: "", date_end: "", '
            'show_no: "False", show_post_date: "True", num_of_text: 200, show_view_count: "False", '
            'filter_order_in_list: "False", is_default: "False", new: "False", number_of_day: 3, '
            f'no: -{size}, articlelang: "vi-VN", is_authenticated: "False"'
        )

    def listing_html(self, cat: dict[str, Any]) -> str:
        slug, cid = cat["slug"], cat["id"]
        max_page = self.max_page(slug)
        pager = "".join(
            f'<li class="page-item page-number{" active" if n == 1 else ""}" data-page="{n}">'
            f'<a class="page-link" href="javascript:void(0)">{n}</a></li>'
            for n in range(1, max_page + 1)
        )
        return f"""<div class="breadcrumb-wrap"><ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li class="active">{esc(cat["name"])}</li></ol></div>
<div class="UIListNews_Default">
  <div class="header-title"><h1><a href="/{slug}">{esc(cat["name"])}</a></h1></div>
  <div class="ListNews" id="ListNews_{cid}">
{self.items(cat, self.listing_page(slug, 1))}
  </div>
  <div class="paging"><ul class="pagination">{pager}</ul></div>
</div>
<script type="text/javascript">
  var maxPage = parseInt({max_page});
  function LoadArticle(page) {{
    $.ajax({{
      type: "POST",
      url: "{LOAD_ARTICLE_PATH}",
      data: JSON.stringify({{ {self.script_params(cat)} }}),
      contentType: "application/json; charset=utf-8",
      dataType: "json",
      success: function (res) {{ $("#ListNews_{cid}").html(res.d); }}
    }});
  }}
  $(".paging").on("click", ".page-number", function () {{ LoadArticle($(this).data("page")); }});
</script>"""

    def home_html(self) -> str:
        blocks = []
        shown: list[Post] = []
        for c in self.categories:
            top = self.listing_page(c["slug"], 1)[:HOME_PER_CATEGORY]
            shown.extend(top)
            rows = "\n".join(
                f'      <li><a href="{attr(self.article_path(p))}">{esc(p.title)}</a></li>'
                for p in top
            )
            blocks.append(
                f'  <div class="home-cat"><h2><a href="/{c["slug"]}">{esc(c["name"])}</a></h2>\n'
                f"    <ul>\n{rows}\n    </ul></div>"
            )
        latest = listing_order(shown)[:4]
        hot = latest[0]
        others = "\n".join(
            f'      <li><a href="{attr(self.base + self.article_path(p))}">{esc(p.title)}</a> '
            f'<span class="date">{p.published:%d/%m/%Y}</span></li>'
            for p in latest[1:]
        )
        return f"""<div class="home">
  <div class="hot-news">
    <a href="{attr(self.article_path(hot))}"><img src="{attr(self.thumbnail(hot))}" alt="{attr(hot.title)}"></a>
    <h2><a href="{attr(self.article_path(hot))}">{esc(hot.title)}</a></h2>
    <p>{esc(hot.lead or "")}</p>
    <ul class="latest">
{others}
    </ul>
  </div>
{chr(10).join(blocks)}
</div>"""

    # --- articles -------------------------------------------------------------------
    def date_text(self, p: Post) -> str:
        d = p.published
        if p.date_format == "weekday":
            shown = f"{WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y - %H:%M}"
        elif p.date_format == "dmy":
            shown = f"{d:%d/%m/%Y}"
        else:
            shown = f"{d:%d/%m/%Y %H:%M}"
        return f"{p.date_label} {shown}" if p.date_label else shown

    def content_html(self, p: Post) -> str:
        parts = []
        for idx in range(len(p.body) + 1):
            for n, img in enumerate(p.images):
                if img.after != idx:
                    continue
                src = attr(self.image_url(p, n))
                if img.caption is None:
                    parts.append(
                        f'<figure class="image"><img alt="Anh-tin-bai" src="{src}"></figure>'
                    )
                elif int(p.id) % 2:
                    parts.append(
                        f'<figure class="image"><img alt="Anh-tin-bai" src="{src}">'
                        f"<figcaption>{esc(img.caption)}</figcaption></figure>"
                    )
                else:
                    parts.append(
                        f'<figure class="image"><img alt="Anh-tin-bai" src="{src}"></figure>\n'
                        f'<p style="text-align:center"><em>{esc(img.caption)}</em></p>'
                    )
            if idx < len(p.body):
                parts.append(f'<p style="text-align: justify;">{p.body[idx]}</p>')
        if p.attachments:
            links = "; ".join(
                f'<a class="link-download" href="{attr(self.attachment_url(p, f))}" target="_blank">{esc(t)}</a>'
                for f, t in p.attachments
            )
            parts.append(f"<p><strong>File đính kèm:</strong> {links}</p>")
        if p.byline in ("p_right_strong", "both"):
            parts.append(f'<p style="text-align: right;"><strong>{esc(p.author)}</strong></p>')
        elif p.byline == "source_p":
            parts.append(f'<p style="text-align: right;"><em>Nguồn: {esc(p.source)}</em></p>')
        return "\n".join(parts)

    def author_div(self, p: Post) -> str:
        if p.byline == "div":
            return f'<div class="author">{esc(p.author)}</div>'
        if p.byline in ("source_div", "both"):
            return f'<div class="author">Nguồn: {esc(p.source)}</div>'
        return ""

    def related_html(self, p: Post) -> str:
        rows = "\n".join(
            f'    <li><a href="{attr(self.href(r, "pageindex"))}" title="{attr(r.title)}">{esc(r.title)}</a> '
            f'<span class="date">({r.published:%d/%m/%Y})</span></li>'
            for r in self.related_of(p)
        )
        if not rows:
            return ""
        return (
            '<div class="ArticleRelated">\n  <div class="HeaderRelated"><span>Tin cùng chuyên mục</span></div>\n'
            f'  <ul class="RelatedList">\n{rows}\n  </ul>\n</div>'
        )

    def tags_html(self, p: Post) -> str:
        if not p.tags:
            return ""
        anchors = ", ".join(f'<a href="/tim-kiem?keyword={quote(t)}">{esc(t)}</a>' for t in p.tags)
        return f'<div class="tags"><span>Từ khóa:</span> {anchors}</div>'

    def article_response(self, p: Post) -> Response:
        cat = self.category(p.category)
        main = f"""<div class="breadcrumb-wrap"><ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/{cat["slug"]}">{esc(cat["name"])}</a></li></ol></div>
<div class="ArticleDetailControl">
  <div class="ArticleHeader"><h1 class="title">{esc(p.title)}</h1></div>
  <div class="PostDate"><i class="fa fa-calendar"></i> {esc(self.date_text(p))}</div>
  <div class="tool"><a href="javascript:window.print()">In bài</a> <span class="view">Lượt xem: 356</span></div>
  <div class="ArticleSummary"><strong>{esc(p.lead or "")}</strong></div>
  <div class="ArticleContent">
{self.content_html(p)}
  </div>
  {self.author_div(p)}
  {self.tags_html(p)}
  <div class="UISocialShare"><div class="fb-like" data-href="{attr(self.base + self.article_path(p))}"></div></div>
</div>
{self.related_html(p)}"""
        head = (
            f'  <meta property="og:title" content="{attr(p.title)}">\n'
            f'  <meta property="og:url" content="{attr(self.base + self.article_path(p))}">\n'
            '  <meta property="og:type" content="article">\n'
        )
        markup = self.page(f"{p.title} - {self.name}", main, head)
        if p.text in ("nfd", "entities"):
            markup = encode_text(markup, p.text)
        resp = html(markup)
        resp.last_modified = last_modified(p)
        return resp

    # --- pagination POST ------------------------------------------------------------
    def load_article(self, body: bytes, headers: dict[str, str]) -> Response:
        ctype = {k.lower(): v for k, v in headers.items()}.get("content-type", "").lower()
        if not ctype.startswith("application/json"):
            return aspnet_error_page(
                "Only a request with Content-Type application/json can call the page method "
                "LoadArticle."
            )
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return aspnet_json_error("Invalid JSON primitive.", "System.ArgumentException")
        if not isinstance(data, dict):
            return aspnet_json_error(
                "Invalid web service call: the body must be a JSON object.",
                "System.InvalidOperationException",
            )
        for name in REQUIRED_FIELDS:
            if name not in data or data[name] in ("", None):
                return aspnet_json_error(
                    f"Invalid web service call, missing value for parameter: '{name}'.",
                    "System.InvalidOperationException",
                )
        try:
            cid, page, size, site_id = (
                int(data[k]) for k in ("article_category_id", "page", "page_size", "site_id")
            )
        except (TypeError, ValueError):
            return aspnet_json_error(
                "Cannot convert article_category_id, page, page_size or site_id to System.Int32.",
                "System.InvalidOperationException",
            )
        cat = self.category_by_id(cid)
        problem = None
        if cat is None:
            problem = f"unknown article_category_id: {cid}"
        elif str(data["categoryIds"]) != str(cid):
            problem = "categoryIds must equal article_category_id"
        elif site_id != self.site_id:
            problem = f"site_id must be {self.site_id}"
        elif page < 1:
            problem = "page must be 1 or more"
        elif size != self.page_size:
            problem = f"page_size must be {self.page_size}"
        if problem:
            return aspnet_json_error(problem, "System.ArgumentException")
        fragment = self.items(cat, self.listing_page(cat["slug"], page))
        body_out = json.dumps({"d": fragment}, ensure_ascii=False).encode("utf-8")
        return Response(200, body_out, "application/json; charset=utf-8")

    # --- routing --------------------------------------------------------------------
    def respond(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Response:
        path, _query = split_target(target)
        if method == "POST":
            if path == LOAD_ARTICLE_PATH:
                return self.load_article(body, headers)
            return method_not_allowed()
        if method not in ("GET", "HEAD"):
            return method_not_allowed("GET, HEAD, POST")
        if path == "/robots.txt":
            return text_response(self.robots_txt())
        if path in ("/", "/trang-chu"):
            return html(self.page(self.name, self.home_html()))
        if path in STATIC:
            title, text = STATIC[path]
            return html(self.page(f"{title} - {self.name}", text))
        if path.startswith("/Admin/"):
            return html(
                self.page("Đăng nhập", '<div class="login"><h1>Đăng nhập hệ thống</h1></div>')
            )
        if path == "/tim-kiem":
            return html(self.page("Tìm kiếm", '<div class="search-page"><h1>Tìm kiếm</h1></div>'))
        slug = path.strip("/")
        if any(c["slug"] == slug for c in self.categories):
            cat = self.category(slug)
            return html(self.page(f"{cat['name']} - {self.name}", self.listing_html(cat)))
        post = self._by_path.get(path)
        if post is not None:
            return self.article_response(post)
        return html(
            self.page(
                "Không tìm thấy trang", '<div class="NotFound"><h1>Không tìm thấy trang</h1></div>'
            ),
            status=404,
        )


STATIC = {
    "/gioi-thieu": (
        "Giới thiệu",
        '<div class="ContentPage"><h1>Chức năng, nhiệm vụ</h1><p>Sở Văn hóa, Thể thao và Du lịch '
        "là cơ quan chuyên môn thuộc UBND tỉnh, tham mưu quản lý nhà nước về văn hóa, gia đình, "
        "thể dục, thể thao và du lịch.</p></div>",
    ),
    "/lien-he": (
        "Liên hệ",
        '<div class="ContentPage"><h1>Liên hệ</h1><p>Văn phòng Sở: 0238.3844.788 - Email: '
        "vanphong.svhttdl@nghean.gov.vn</p></div>",
    ),
}


def aspnet_error_page(message: str) -> Response:
    """ASP.NET's yellow error page, as a page method answers a call it cannot take."""
    markup = f"""<!DOCTYPE html>
<html>
    <head>
        <title>{esc(message)}</title>
        <style>body {{font-family:"Verdana";font-weight:normal;font-size: .7em;color:black;}}</style>
    </head>
    <body bgcolor="white">
            <span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver></H1>
            <h2> <i>{esc(message)}</i> </h2></span>
            <b> Exception Details: </b>System.InvalidOperationException: {esc(message)}<br><br>
    </body>
</html>
"""
    return Response(500, markup.encode("utf-8"), "text/html; charset=utf-8", {"jsonerror": "false"})


def aspnet_json_error(message: str, exception: str) -> Response:
    payload = {"Message": message, "StackTrace": "", "ExceptionType": exception}
    return Response(
        500,
        json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        "application/json; charset=utf-8",
        {"jsonerror": "true"},
    )
