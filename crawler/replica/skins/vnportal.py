"""vnPortal (VNPT's ASP.NET portal) in skins drawn from a seed: the main portal of a family.

What the seed picks (`VnSkin`, drawn in `vnportal_skin.py`), all within what installs of
vnPortal print (PORTAL.md):
- the article template: "a" (`div.ArticleDetailControl` > `div.ArticleHeader h1.title`,
  `div.PostDate`, `div.ArticleSummary`, `div.ArticleContent`, `div.author`), "b" (ids,
  the title as the header's own text, the tool bar last), "c" (an outer `div.news-detail`,
  `h2 > span` title, `img.ImgDetailImage`, the summary in a `<p>`), or "v2" (the later
  template: `div.ThongTinBai span.NgayXuatBan` above the title, the byline in
  `div.NguonTin` before the body); zero to two extra wrapper divs around the control;
- listings: `div.UIArticleInMenu_Default ul.ArticleList li.row` (h2.Title a,
  div.Ngaydang, img.image, p) or `div.UIListNews_Default div.ListNews div.item` (a.title,
  span.date, div.summary); pages 2+ only through the inline script's LoadArticle POST,
  form-encoded (the fragment answered as HTML, 400 for a bad field, as the family's main
  portal) or JSON (`{"d": fragment}`, ASP.NET's 500 errors, as the family's vhttdl);
  article links plain, with `?pageindex=0`, absolute, or all three in turn;
- category slugs with or without a numeric suffix (`tin-tuc-su-kien-73053`);
- the related block's heading ("Tin cùng chuyên mục", "Tin liên quan", "Tin khác", "Các
  tin khác") and markup (image link + title link, a dated list, divs);
- the home page: the menu only, a featured box only, dated side boxes ("Tin mới nhất",
  "Văn bản mới" linking PDFs), category blocks (in a shuffled order), or several of
  these in any order;
- the side column's boxes, the introduction page's address (`/gioi-thieu` or a root
  page whose slug ends in a number, `/qua-trinh-hinh-thanh-va-phat-trien-62242`).

Per article (`model.Habits`): lead in `div.ArticleSummary`, as a bold first paragraph,
or none; byline in `div.author` (bare or "Tác giả: "), a last right-aligned bold body
paragraph (`<strong>` or `<p align="right"><b>`), beside the date in `div.PostDate`
("Nguyên Minh - 07/03/2026 08:47"), `div.NguonTin` (v2), or none; one or two authors;
a "Nguồn: X" last paragraph; the date forms and labels of PORTAL.md ("Ngày đăng: X |
Cập nhật: Y" included); NFC, NFD or entity-encoded text.

Non-article pages, linked from the menu, the top bar and the footer: `/lien-he`, the
introduction, `/so-do-cong-thong-tin`, `/lich-cong-tac`, and search results
`/tim-kiem?keyword=...` (the tag links lead there too); robots.txt disallows `/Admin/`.
Their fixed texts are in `vnportal_texts.py`.
"""

from __future__ import annotations

import json
import random
import re
from datetime import datetime
from urllib.parse import parse_qs, quote

from ..family.base import ticks
from ..family.vnportal import aspnet_error_page, aspnet_json_error
from ..render import LOAD_ARTICLE_PATH
from ..response import Response, parse_form
from ..textutil import slugify
from .corpus import AUTHORS, SOURCES
from .model import (
    Article,
    Category,
    SkinSite,
    assemble_body,
    attr,
    caption_p,
    draft_articles,
    esc,
    html,
    newest_first,
    pages_of,
    paginate,
    set_related,
    show_date,
    teaser,
)
from .vnportal_skin import CATEGORY_POOL, draw_skin, habits_for
from .vnportal_texts import CONTACT, DOCS, INTRO, SCHEDULE, SITEMAP

DATAFILES = "datafiles.nghean.gov.vn"
REQUIRED = ("article_category_id", "categoryIds", "site_id", "page", "page_size")


class VnPortalSkinSite(SkinSite):
    engine = "vnportal"
    layout = "vnportal"
    server_header = "Microsoft-IIS/10.0"

    def __init__(self, host: str, name: str, rng: random.Random, corpus, *,
                 links: list[tuple[str, str, str]] = (), count: int | None = None) -> None:
        super().__init__(host, name)
        self.skin = skin = draw_skin(rng)
        self.links = list(links)  # (host, name, group) of the subsites it links
        picked = rng.sample(CATEGORY_POOL, rng.randint(2, 3))
        self.categories = []
        for slug, cname in picked:
            cid = rng.randint(1000, 9999)
            if rng.random() < 0.3:
                slug = f"{slug}-{rng.randint(10000, 99999)}"
            self.categories.append(Category(slug, cname, cid, "/" + slug))
        self.articles = draft_articles(
            rng, corpus, count=count or rng.randint(6, 10), categories=self.categories,
            habits=habits_for(skin), start=datetime(2023, 1, 5), days=1150,
            authors=AUTHORS, sources=SOURCES,
        )
        next_id = rng.randint(500000, 800000)
        for a in self.articles:
            next_id += rng.randint(3, 900)
            a.article_id = str(next_id)
            a.path = f"/{a.category.slug}/{slugify(a.title)}-{a.article_id}"
            folder = f"quantritintuc{a.published.year}{a.published.month}"
            for k, img in enumerate(a.images):
                stem = f"{slugify(a.title)[:24].rstrip('-')}-{k + 1}"
                img.src = (f"http://{DATAFILES}/nan-ubnd/{skin.site_id}/{folder}/"
                           f"{stem}{ticks(a.published, a.article_id + stem)}.jpg")
        set_related(self.articles, skin.related_count)
        self.search_sample = rng.choice([t for a in self.articles for t in a.tags] or ["nông thôn mới"])

    # --- model ----------------------------------------------------------------------
    def category_by_id(self, cid: int) -> Category | None:
        return next((c for c in self.categories if c.id == cid), None)

    def listing(self, cat: Category) -> list[Article]:
        return newest_first([a for a in self.articles if a.category is cat])

    def href(self, a: Article, n: int = 0) -> str:
        style = self.skin.links
        if style == "mixed":
            style = ("plain", "pageindex", "absolute")[n % 3]
        if style == "pageindex":
            return a.path + "?pageindex=0"
        if style == "absolute":
            return self.url(a.path)
        return a.path

    def thumbnail(self, a: Article) -> str:
        if a.images:
            return a.images[0].src
        return f"http://{DATAFILES}/nan-ubnd/{self.skin.site_id}/quantritintuc/no-image.png"

    def disallowed(self) -> list[str]:
        return ["/Admin/"]

    def listing_urls(self) -> list[str]:
        return [self.url(c.path) for c in self.categories]

    def non_article_paths(self) -> list[str]:
        return ["/", "/lien-he", self.skin.intro_path, "/so-do-cong-thong-tin", "/lich-cong-tac",
                "/tim-kiem?keyword=" + quote(self.search_sample)] + [c.path for c in self.categories]

    # --- chrome ---------------------------------------------------------------------
    def page(self, title: str, main: str, head: str = "", *, home: bool = False) -> str:
        """A whole page: the chrome around `main`; the home page also links the subsites."""
        s = self.skin
        marker = "<!--MAIN-->"
        doc = self._head(title, head) + self._header(home) + self._body(marker, home)
        if s.minified:
            doc = re.sub(r">\s+<", "><", doc)
        return doc.replace(marker, main)

    def _head(self, title: str, head: str) -> str:
        s = self.skin
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(title)}</title>
  <link rel="stylesheet" href="/Portals/_default/Skins/portal{s.site_id}/css/style.css">
{head}</head>
"""

    def _header(self, home: bool) -> str:
        """<body>, the form, and div#header: top bar, banner, menu (on the home page also the
        first subsite)."""
        s = self.skin
        menu = "\n".join(
            f'        <li class="menu-item"><a href="{c.path}">{esc(c.name)}</a></li>'
            for c in self.categories
        )
        if home and self.links:
            h, n, _g = self.links[0]
            menu += f'\n        <li class="menu-item"><a href="http://{h}/" target="_blank">{esc(n)}</a></li>'
        return f"""<body class="portal-{s.site_id}">
<form method="post" action="" id="Form" enctype="multipart/form-data">
<div id="wrapper">
  <div id="header" class="header">
    <div class="top-bar container">
      <a class="login" href="/Admin/Login.aspx">ĐĂNG NHẬP</a> |
      <a href="/so-do-cong-thong-tin">Sơ đồ cổng</a> |
      <a href="/lich-cong-tac">Lịch công tác</a>
    </div>
    <div class="banner"><a href="/"><img alt="Banner {attr(self.name)}" src="http://{DATAFILES}/nan-ubnd/{s.site_id}/banner/banner-home.png"></a></div>
    <nav class="main-menu">
      <ul class="menu">
        <li class="menu-item home"><a href="/">Trang chủ</a></li>
        <li class="menu-item"><a href="{s.intro_path}">Giới thiệu</a></li>
{menu}
        <li class="menu-item"><a href="/lien-he">Liên hệ</a></li>
      </ul>
    </nav>
  </div>
"""

    def _body(self, marker: str, home: bool) -> str:
        """The content pane (`marker`, replaced by the page's main part), the side column,
        the footer (on the home page also the subsites' links)."""
        s = self.skin
        side = [self.side_box(b) for b in s.side_boxes]
        if home and self.links:
            side.insert(0, self.weblinks_box())
        footer_links = ""
        if home and self.links:
            anchors = " | ".join(f'<a href="http://{h}/" target="_blank">{esc(n)}</a>' for h, n, _g in self.links)
            footer_links = f'      <p class="footer-links">Website thành viên: {anchors}</p>\n'
        return f"""  <div class="container main">
    <div class="row">
      <div class="col-md-8 content-pane">
{marker}
      </div>
      <div class="col-md-4 sidebar">
{chr(10).join(side)}
      </div>
    </div>
  </div>
  <div id="footer" class="footer">
    <div class="container">
      <p><strong>{esc(self.name.upper())}</strong></p>
      <p>Địa chỉ: Số 03, đường Trường Thi, thành phố Vinh, tỉnh Nghệ An - Điện thoại: 0238.3844.511</p>
{footer_links}      <p class="footer-nav"><a href="/lien-he">Liên hệ</a> | <a href="/so-do-cong-thong-tin">Sơ đồ cổng</a> | <a href="/tim-kiem?keyword={quote(self.search_sample)}">Tìm kiếm</a></p>
      <p class="copyright">© Bản quyền thuộc {esc(self.name)}. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
    </div>
  </div>
</div>
</form>
<script src="/Portals/_default/Skins/portal{s.site_id}/js/jquery.min.js"></script>
</body>
</html>
"""

    def weblinks_box(self) -> str:
        groups: dict[str, list[str]] = {}
        for host, name, group in self.links:
            groups.setdefault(group, []).append(f'<option value="http://{host}/">{esc(name)}</option>')
        body = "".join(f'<optgroup label="{attr(g)}">{"".join(o)}</optgroup>' for g, o in groups.items())
        return (
            '<div class="box box-weblinks"><div class="box-title"><span>Liên kết website</span></div>'
            '<select class="form-control" id="ddlWebLink" onchange="if (this.value != \'\') '
            f'window.open(this.value, \'_blank\');"><option value="">-- Chọn website --</option>{body}</select></div>'
        )

    def side_box(self, kind: str) -> str:
        if kind == "hot":
            items = "".join(
                f'<li><a href="{attr(self.href(a, n))}">{esc(a.title)}</a></li>'
                for n, a in enumerate(newest_first(self.articles)[:4])
            )
            return f'<div class="box box-hot"><div class="box-title"><span>Tin nổi bật</span></div><ul class="list-hot">{items}</ul></div>'
        if kind == "links":
            return ('<div class="box box-links"><div class="box-title"><span>Thông tin hữu ích</span></div>'
                    '<ul><li><a href="/lien-he">Liên hệ - Góp ý</a></li>'
                    '<li><a href="/so-do-cong-thong-tin">Sơ đồ cổng thông tin</a></li></ul></div>')
        return ('<div class="box box-poll"><div class="box-title"><span>Thăm dò ý kiến</span></div>'
                '<p>Bạn đánh giá thế nào về giao diện mới của Cổng thông tin?</p>'
                '<label><input type="radio" name="poll" value="1"> Đẹp, dễ sử dụng</label>'
                '<label><input type="radio" name="poll" value="2"> Bình thường</label></div>')

    def crumb(self, *names: tuple[str, str | None]) -> str:
        items = ['<li><a href="/">Trang chủ</a></li>']
        for name, href in names:
            items.append(f'<li><a href="{attr(href)}">{esc(name)}</a></li>' if href else f'<li class="active">{esc(name)}</li>')
        return f'<ol class="breadcrumb">{"".join(items)}</ol>'

    # --- listings -------------------------------------------------------------------
    def items(self, cat: Category, posts: list[Article]) -> str:
        rows = []
        for n, a in enumerate(posts):
            href, t = attr(self.href(a, n)), attr(a.title)
            lead = esc(a.lead or "")
            if self.skin.listing == "articlelist":
                rows.append(
                    f'<li class="row"><div class="col-xs-12 col-sm-4"><a href="{href}" title="{t}">'
                    f'<img class="image" src="{attr(self.thumbnail(a))}" alt="{t}"></a></div>'
                    f'<div class="col-xs-12 col-sm-8"><h2 class="Title"><a href="{href}">{esc(a.title)}</a></h2>'
                    f'<div class="Ngaydang">{a.published:%d/%m/%Y}</div><p>{lead}</p></div></li>'
                )
            else:
                rows.append(
                    f'<div class="item clearfix"><a class="thumb" href="{href}" title="{t}">'
                    f'<img src="{attr(self.thumbnail(a))}" alt="{t}"></a><div class="info">'
                    f'<a class="title" href="{href}" title="{t}">{esc(a.title)}</a>'
                    f'<span class="date"><i class="fa fa-calendar"></i> {a.published:%d/%m/%Y}</span>'
                    f'<div class="summary">{lead}</div></div></div>'
                )
        return "\n".join(rows)

    def script_params(self, cat: Category) -> str:
        size = self.skin.page_size
        return (
            f'article_category_id: {cat.id}, categoryIds: "{cat.id}", site_id: {self.skin.site_id}, '
            f'page_size: {size}, page: page, keyword: "", date_begin: "", date_end: "", '
            'show_no: "False", show_post_date: "True", num_of_text: 0, show_view_count: "False", '
            'filter_order_in_list: "False", is_default: "False", new: "False", number_of_day: 3, '
            f'no: -{size}, articlelang: "vi-VN", is_authenticated: "False"'
        )

    def listing_page(self, cat: Category) -> Response:
        s = self.skin
        posts = self.listing(cat)
        max_page = pages_of(posts, s.page_size)
        pager = "".join(
            f'<li class="page-item page-number{" active" if p == 1 else ""}" data-page="{p}">'
            f'<a class="page-link" href="javascript:void(0)">{p}</a></li>'
            for p in range(1, max_page + 1)
        )
        first = self.items(cat, paginate(posts, s.page_size, 1))
        if s.listing == "articlelist":
            box = (f'<div class="UIArticleInMenu_Default"><div class="category-title"><h1><a href="{cat.path}">'
                   f'{esc(cat.name)}</a></h1></div><ul class="ArticleList" id="List_{cat.id}">\n{first}\n</ul>'
                   f'<div class="pager"><ul class="pagination">{pager}</ul></div></div>')
        else:
            box = (f'<div class="UIListNews_Default"><div class="header-title"><h1><a href="{cat.path}">'
                   f'{esc(cat.name)}</a></h1></div><div class="ListNews" id="List_{cat.id}">\n{first}\n</div>'
                   f'<div class="paging"><ul class="pagination">{pager}</ul></div></div>')
        if s.encoding == "json":
            call = (f'data: JSON.stringify({{ {self.script_params(cat)} }}),\n'
                    '      contentType: "application/json; charset=utf-8", dataType: "json",\n'
                    f'      success: function (res) {{ $("#List_{cat.id}").html(res.d); }}')
        else:
            call = (f'data: {{ {self.script_params(cat)} }},\n'
                    f'      success: function (html) {{ $("#List_{cat.id}").html(html); }}')
        script = f"""<script type="text/javascript">
  var maxPage = parseInt({max_page});
  function LoadArticle(page) {{
    $.ajax({{
      type: "POST",
      url: "{LOAD_ARTICLE_PATH}",
      {call}
    }});
  }}
  $(document).on("click", ".pagination .page-number", function () {{ LoadArticle($(this).data("page")); }});
</script>"""
        main = f"{self.crumb((cat.name, None))}\n{box}\n{script}"
        return html(self.page(f"{cat.name} - {self.name}", main))

    def load_article(self, body: bytes, headers: dict[str, str]) -> Response:
        as_json = self.skin.encoding == "json"
        ctype = {k.lower(): v for k, v in headers.items()}.get("content-type", "").lower()
        if as_json:
            if not ctype.startswith("application/json"):
                return aspnet_error_page("Only a request with Content-Type application/json can "
                                         "call the page method LoadArticle.")
            try:
                data = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                return aspnet_json_error("Invalid JSON primitive.", "System.ArgumentException")
            if not isinstance(data, dict):
                return aspnet_json_error("Invalid web service call: the body must be a JSON object.",
                                         "System.InvalidOperationException")
        else:
            data = parse_form(body, headers)
            if data is None:
                return _bad("expected an application/x-www-form-urlencoded body")
        problem = self._check(data)
        if problem:
            if as_json:
                return aspnet_json_error(problem, "System.ArgumentException")
            return _bad(problem)
        cat = self.category_by_id(int(data["article_category_id"]))
        fragment = self.items(cat, paginate(self.listing(cat), self.skin.page_size, int(data["page"])))
        if as_json:
            return Response(200, json.dumps({"d": fragment}, ensure_ascii=False).encode("utf-8"),
                            "application/json; charset=utf-8")
        return Response(200, fragment.encode("utf-8"))

    def _check(self, data: dict) -> str | None:
        for name in REQUIRED:
            if name not in data or data[name] in ("", None):
                return f"missing field: {name}"
        try:
            cid, page, size, site_id = (int(data[k]) for k in ("article_category_id", "page", "page_size", "site_id"))
        except (TypeError, ValueError):
            return "article_category_id, site_id, page and page_size must be integers"
        if self.category_by_id(cid) is None:
            return f"unknown article_category_id: {cid}"
        if str(data["categoryIds"]) != str(cid):
            return "categoryIds must equal article_category_id"
        if site_id != self.skin.site_id:
            return f"site_id must be {self.skin.site_id}"
        if page < 1:
            return "page must be 1 or more"
        if size != self.skin.page_size:
            return f"page_size must be {self.skin.page_size}"
        return None

    # --- home -----------------------------------------------------------------------
    def home(self) -> Response:
        latest = newest_first(self.articles)
        parts = []
        for comp in self.skin.home:
            if comp == "featured":
                top = latest[0]
                others = "".join(f'<li><a href="{attr(self.href(a, n + 1))}">{esc(a.title)}</a></li>'
                                 for n, a in enumerate(latest[1:4]))
                parts.append(
                    f'<div class="home-featured"><div class="box-title"><span>Tin nổi bật</span></div>'
                    f'<div class="featured-top"><a href="{attr(self.href(top))}"><img src="{attr(self.thumbnail(top))}" alt="{attr(top.title)}"></a>'
                    f'<h2><a href="{attr(self.href(top))}">{esc(top.title)}</a></h2><p>{esc(top.lead or "")}</p></div>'
                    f'<ul class="featured-list">{others}</ul></div>')
            elif comp == "latest":
                rows = "".join(f'<li><a href="{attr(a.path)}">{esc(a.title)}</a> <span class="date">({a.published:%d/%m/%Y})</span></li>'
                               for a in latest[:5])
                parts.append(f'<div class="home-latest"><div class="box-title"><span>Tin mới nhất</span></div><ul>{rows}</ul></div>')
            elif comp == "docs":
                parts.append(self.docs_box())
            elif comp == "blocks":
                for c in [self.categories[i] for i in self.skin.block_order if i < len(self.categories)]:
                    rows = "".join(f'<li><a href="{attr(self.url(a.path))}">{esc(a.title)}</a></li>'
                                   for a in self.listing(c)[:3])
                    parts.append(f'<div class="home-category"><h2 class="cat-title"><a href="{c.path}">{esc(c.name)}</a></h2>'
                                 f'<ul>{rows}</ul><a class="more" href="{c.path}">Xem thêm</a></div>')
        if not parts:
            parts.append(f'<div class="home-welcome"><p>Chào mừng bạn đến với {esc(self.name)}.</p></div>')
        main = '<div class="home">\n' + "\n".join(parts) + "\n</div>"
        return html(self.page(self.name, main, home=True))

    def docs_box(self) -> str:
        s = self.skin
        rows = []
        for n, (kind, code, about) in enumerate(DOCS):
            number = f"{120 + 37 * n + s.site_id % 50}/{code}"
            day = f"{3 + 5 * n:02d}/0{1 + n}/2024"
            rows.append(
                f'<li><a href="http://{DATAFILES}/nan-ubnd/{s.site_id}/vanban/{slugify(kind + " " + number)}.pdf" target="_blank">'
                f'{kind} số {number} {esc(about)}</a> <span class="date">Ngày ban hành: {day}</span></li>')
        return f'<div class="home-docs box-docs"><div class="box-title"><span>Văn bản mới</span></div><ul>{"".join(rows)}</ul></div>'

    # --- articles -------------------------------------------------------------------
    def image(self, a: Article, n: int) -> str:
        img = a.images[n]
        src = attr(img.src)
        cap = img.caption
        if img.style == "figcaption":
            inner = f"<figcaption>{esc(cap)}</figcaption>" if cap else ""
            return f'<figure class="image"><img alt="Anh-tin-bai" src="{src}">{inner}</figure>'
        if img.style == "p_img":
            out = f'<p style="text-align:center"><img alt="Anh-tin-bai" src="{src}" style="width: 100%;"></p>'
        elif img.style == "figure_strong":
            out = f'<figure class="image" style="text-align:center"><img alt="Anh-tin-bai" height="400" src="{src}" width="600"></figure>'
            if cap:
                return out + f'\n<p style="text-align: center;"><strong><em>{esc(cap)}</em></strong></p>'
        else:
            out = f'<figure class="image"><img alt="Anh-tin-bai" src="{src}"></figure>'
        return out + ("\n" + caption_p(cap) if cap else "")

    def content(self, a: Article) -> str:
        tpl = self.skin.template
        para = {"a": '<p style="text-align:justify">{}</p>', "b": "<p>{}</p>", "v2": '<p style="text-align:justify">{}</p>',
                "c": '<p class="MsoNormal" style="text-align: justify;"><span style="font-size:14.0pt">{}</span></p>'}[tpl]
        byline_p = ('<p align="right"><b>{}</b></p>' if a.n % 2 else '<p style="text-align: right;"><strong>{}</strong></p>')
        return assemble_body(a, para=para, image=lambda art, n: self.image(art, n), byline_p=byline_p,
                        bold_lead=para.format("<strong>{}</strong>"), sep="" if tpl == "b" else "\n")

    def date_text(self, a: Article) -> str:
        shown = show_date(a.published, a.date_form)
        if a.byline == "date":
            return f"{a.author_text} - {shown}"
        if a.updated is not None:
            return f"Ngày đăng: {shown} | Cập nhật: {show_date(a.updated, a.date_form)}"
        return f"{a.date_label} {shown}" if a.date_label else shown

    def author_div(self, a: Article) -> str:
        cls = self.skin.author_class
        if a.byline == "element":
            inner = f"<strong>{esc(a.author_text)}</strong>" if "text-right" in cls else esc(a.author_text)
            return f'<div class="{cls}">{inner}</div>'
        if a.byline == "label":
            return f'<div class="{cls}">Tác giả: {esc(a.author_text)}</div>'
        return ""

    def summary(self, a: Article) -> str:
        if a.lead_style != "element" or not a.lead:
            return ""
        lead = esc(a.lead)
        wrap = self.skin.summary_wrap
        inner = f"<strong>{lead}</strong>" if wrap == "strong" else f"<p>{lead}</p>" if wrap == "p" else lead
        return f'<div class="ArticleSummary">{inner}</div>'

    def tags(self, a: Article) -> str:
        if not a.tags:
            return ""
        anchors = ", ".join(f'<a href="/tim-kiem?keyword={quote(t)}">{esc(t)}</a>' for t in a.tags)
        return f'<div class="tags"><span class="tags-label">Từ khóa:</span> {anchors}</div>'

    def related(self, a: Article) -> str:
        if not a.related:
            return ""
        s = self.skin
        heading = esc(s.related_heading)
        rows = []
        for n, r in enumerate(a.related):
            href, t = attr(self.href(r, n)), esc(r.title)
            if s.related_style == "double_ul":
                rows.append(f'<li class="item"><a class="img" href="{href}" title="{attr(r.title)}"><img alt="{attr(r.title)}" '
                            f'src="{attr(self.thumbnail(r))}"></a> <a class="title" href="{href}">{t}</a></li>')
            elif s.related_style == "ul_single":
                rows.append(f'<li><a href="{href}">{t}</a> <span class="date">({r.published:%d/%m/%Y})</span></li>')
            else:
                rows.append(f'<div class="item"><i class="fa fa-angle-right"></i> <a href="{href}" title="{attr(r.title)}">{t}</a></div>')
        if s.related_style == "double_ul":
            return (f'<div class="ArticleRelated TinCungChuyenMuc"><div class="HeaderRelated"><span>{heading}</span></div>'
                    f'<ul class="RelatedList">{"".join(rows)}</ul></div>')
        if s.related_style == "ul_single":
            return f'<div class="other-news"><div class="title-other">{heading}</div><ul>{"".join(rows)}</ul></div>'
        return f'<section class="related-news"><h4>{heading}</h4><div class="list">{"".join(rows)}</div></section>'

    def article_page(self, a: Article) -> Response:
        s = self.skin
        t = esc(a.title)
        date = esc(self.date_text(a))
        content = self.content(a)
        share = (f'<div class="UISocialShare"><div class="fb-like" data-href="{attr(self.url(a.path))}"></div>'
                 f'<a class="zalo-share-button" href="javascript:void(0)" data-href="{attr(self.url(a.path))}">Zalo</a></div>')
        if s.template == "a":
            control = (f'<div class="ArticleDetailControl">\n<div class="ArticleHeader"><h1 class="title">{t}</h1></div>\n'
                       f'<div class="PostDate">{date}</div>\n{TOOL}\n{self.summary(a)}\n'
                       f'<div class="ArticleContent">\n{content}\n</div>\n{self.author_div(a)}\n{self.tags(a)}\n{share}\n</div>')
        elif s.template == "b":
            control = (f'<div id="ctl00_ArticleDetail" class="ArticleDetailControl clearfix">'
                       f'<div id="ArticleHeader" class="ArticleHeader clearfix">\n        {t}\n    </div>'
                       f'<div class="PostDate"><i class="fa fa-clock-o"></i> {date}</div>{self.summary(a)}'
                       f'<div class="ArticleContent clearfix" id="ArticleContent">{content}</div>'
                       f'{self.author_div(a)}{self.tags(a)}{TOOL}{share}'
                       "<script>$(function(){ $('.ArticleContent img').addClass('img-responsive'); });</script></div>")
        elif s.template == "c":
            control = (f'<div class="news-detail"><div class="ArticleDetailControl">\n'
                       f'<div class="ArticleHeader"><h2><span>{t}</span></h2></div>\n<div class="PostDate">\n  {date}\n</div>\n'
                       f'<img class="ImgDetailImage" src="{attr(self.thumbnail(a))}" alt="">\n{self.summary(a)}\n{TOOL}\n'
                       f'<div class="ArticleContent">\n{content}\n</div>\n{self.author_div(a)}\n{self.tags(a)}\n{share}\n</div></div>')
        else:
            byline = f'<div class="NguonTin">{esc(a.author_text)}</div>\n' if a.byline == "element" else ""
            control = (f'<div class="ArticleDetailControl">\n<div class="ThongTinBai"><span class="NgayXuatBan">{date}</span>'
                       f'<span class="LuotXem"><i class="fa fa-eye"></i> Lượt xem: 1.024</span>'
                       f'<a href="javascript:window.print()" class="print">In bài viết</a></div>\n'
                       f'<div class="ArticleHeader"><h1 class="title">{t}</h1></div>\n{self.summary(a)}\n{byline}'
                       f'<div class="ArticleContent">\n{content}\n</div>\n{self.tags(a)}\n{share}\n</div>')
        for w in reversed(s.wrappers):
            control = f'<div class="{w}">\n{control}\n</div>'
        main = f"{self.crumb((a.category.name, a.category.path))}\n{control}\n{self.related(a)}"
        head = (f'  <meta property="og:title" content="{attr(a.title)}">\n'
                f'  <meta property="og:url" content="{attr(self.url(a.path))}">\n'
                '  <meta property="og:type" content="article">\n')
        return self.article_response(a, self.page(f"{a.title} - {self.name}", main, head))

    # --- other pages ----------------------------------------------------------------
    def content_page(self, title: str, inner: str) -> Response:
        main = f'{self.crumb((title, None))}\n<div class="ContentPage">\n{inner}\n</div>'
        return html(self.page(f"{title} - {self.name}", main))

    def search_page(self, keyword: str) -> Response:
        hits = [a for a in newest_first(self.articles) if keyword in a.tags] or newest_first(self.articles)[:3]
        rows = "".join(
            f'<div class="search-item"><h3><a href="{attr(self.href(a, n))}">{esc(a.title)}</a></h3>'
            f'<span class="date">Ngày đăng: {a.published:%d/%m/%Y %H:%M}</span><p>{esc(teaser(a))}</p></div>'
            for n, a in enumerate(hits))
        main = (f'{self.crumb(("Tìm kiếm", None))}\n<div class="SearchControl"><h1 class="page-title">Kết quả tìm kiếm</h1>'
                f'<p>Tìm thấy {len(hits)} kết quả phù hợp với từ khóa "{esc(keyword)}".</p>{rows}</div>')
        return html(self.page(f"Tìm kiếm - {self.name}", main))

    def route(self, method, path, query, body, headers) -> Response | None:
        if method == "POST":
            if path == LOAD_ARTICLE_PATH:
                return self.load_article(body, headers)
            return Response(405, b"method not allowed\n", "text/plain; charset=utf-8", {"Allow": "GET, HEAD"})
        if path in ("/", "/trang-chu"):
            return self.home()
        if path == "/lien-he":
            return self.content_page("Liên hệ", CONTACT.format(name=esc(self.name)))
        if path == self.skin.intro_path:
            return self.content_page("Giới thiệu", INTRO)
        if path == "/so-do-cong-thong-tin":
            cats = "".join(f'<li><a href="{c.path}">{esc(c.name)}</a></li>' for c in self.categories)
            return self.content_page("Sơ đồ cổng thông tin", SITEMAP.format(cats=cats, intro=self.skin.intro_path))
        if path == "/lich-cong-tac":
            return self.content_page("Lịch công tác", SCHEDULE)
        if path == "/tim-kiem":
            keyword = parse_qs(query).get("keyword", [""])[0]
            return self.search_page(keyword)
        if path.startswith("/Admin/"):
            return html(self.page("Đăng nhập", '<div class="LoginControl"><h1>Đăng nhập hệ thống</h1></div>'))
        cat = next((c for c in self.categories if c.path == path), None)
        if cat is not None:
            return self.listing_page(cat)
        a = self.by_path().get(path)
        return self.article_page(a) if a is not None else None


def _bad(message: str) -> Response:
    return Response(400, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")


TOOL = ('<div class="tool"><a href="javascript:void(0)" class="font-minus">A-</a> '
        '<a href="javascript:void(0)" class="font-plus">A+</a> '
        '<a href="javascript:window.print()" class="print">In bài viết</a> '
        '<span class="view-count">Lượt xem: 1.024</span></div>')
