"""`quangchau.nghean.gov.vn`: a commune site on NukeViet 4.5, its news module at the root.

Markup after NukeViet's default theme (`themes/default/modules/news/`), written anew:
- every page: `<meta name="generator" content="NukeViet v4.5">`, the breadcrumb kept in a
  hidden `ul.temp-breadcrumbs` (schema.org BreadcrumbList) that a script copies into the
  visible, empty `ul.breadcrumbs`;
- listings (`viewcat_page_new`): home `/` and categories `/{cat}/`, paginated
  `/page-2`, `/{cat}/page-2`; items `div.news_column.panel > div.panel-body` with an
  `h3 a`, the time `H:i d/m/Y` (22:57 15/09/2023) in `div.text-muted li`, and the lead in
  `div.hometext`; pager `ul.pagination` of plain links. Tag pages `/tag/{alias}`.
- articles (`detail`), URL `/{cat}/{alias}-{id}.html`: `div.news_column.panel[itemtype=
  http://schema.org/NewsArticle]`, `h1.title[itemprop=headline]`, hidden schema spans
  (their `dateModified` is the publish date, as NukeViet fills it), the date
  `span.h5` "Thứ sáu - 15/09/2023 22:57" (`l - d/m/Y H:i`), the lead
  `div.hometext[itemprop=description]` beside the home image (a `figure.article` with its
  own figcaption, outside the body: never a record image), the body
  `div#news-bodyhtml.bodytext` (`figure.image` + `figcaption`, or a centred image
  paragraph without caption), then `p.h5.text-right` lines "Tác giả: " and
  "Nguồn tin: ", keywords linking `/tag/{alias}`, and "Những tin mới hơn" / "Những tin
  cũ hơn" (the three nearest newer, then older, articles of the category: the record's
  `related`, in that order).
Images live on the site itself: `/uploads/news/{YYYY_MM}/{name}`, written root-relative
in the body (the record's image URLs are absolute on the site's base), thumbnails under
`/assets/news/...`; this site serves them.

The site also runs the `laws` module at `/laws/` (its register of documents, `laws.py`),
linked from the menu as "Văn bản".
"""

from __future__ import annotations

import math
from typing import Any

from ..response import Response
from ..textutil import encode_text, slugify
from .base import (
    Post,
    PostSite,
    attr,
    esc,
    html,
    iso,
    last_modified,
    listing_order,
    method_not_allowed,
    post_record,
    split_target,
    text_response,
)
from .content_communes import NUKEVIET_CATEGORIES, NUKEVIET_POSTS
from .files import CONTENT_TYPES, extension, file_response
from .laws import MODULE_PATH, MODULE_TITLE, LawsModule

# NukeViet's Vietnamese weekday names (language file), Monday first.
NV_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
RELATED_EACH = 3
ALIAS_MAX = 250


class NukeVietSite(PostSite):
    layout = "nukeviet"
    server_header = "Apache"

    def __init__(
        self,
        host: str = "quangchau.nghean.gov.vn",
        *,
        name: str = "Cổng thông tin điện tử xã Quang Châu",
        per_page: int = 5,
        posts: list[Post] | None = None,
        categories=NUKEVIET_CATEGORIES,
    ) -> None:
        self.per_page = per_page
        self._setup(host, name, posts if posts is not None else NUKEVIET_POSTS, categories)
        self.laws = LawsModule(self)

    # --- model ----------------------------------------------------------------------
    def path_of(self, post: Post) -> str:
        return self.article_path(post)

    def article_path(self, p: Post) -> str:
        return f"/{p.category}/{slugify(p.title, ALIAS_MAX)}-{p.id}.html"

    def listing(self, slug: str | None) -> list[Post]:
        posts = [p for p in self.posts.values() if slug is None or p.category == slug]
        return listing_order(posts)

    def tag_alias(self, tag: str) -> str:
        return slugify(tag, ALIAS_MAX)

    def tags(self) -> dict[str, str]:
        """alias -> keyword, for every keyword used."""
        return {self.tag_alias(t): t for p in self.posts.values() for t in p.tags}

    def related(self, p: Post) -> tuple[list[Post], list[Post]]:
        same = self.listing(p.category)
        pos = same.index(p)
        newer = same[max(0, pos - RELATED_EACH) : pos]
        older = same[pos + 1 : pos + 1 + RELATED_EACH]
        return newer, older

    def upload_folder(self, p: Post) -> str:
        return f"{p.published:%Y_%m}"

    def image_path(self, p: Post, n: int) -> str:
        """The src the body writes: root-relative, as NukeViet's editor saves it."""
        return f"/uploads/news/{self.upload_folder(p)}/{p.images[n].name}"

    def image_url(self, p: Post, n: int) -> str:
        return self.base + self.image_path(p, n)

    def thumb_path(self, p: Post) -> str:
        if p.images:
            return f"/assets/news/{self.upload_folder(p)}/{p.images[0].name}"
        return "/themes/default/images/no_image.png"

    def disallowed(self) -> list[str]:
        return ["/admin/", "/index.php?nv=users"]

    def listing_urls(self) -> list[str]:
        urls = []
        for prefix, slug in [("", None)] + [(f"/{c['slug']}", c["slug"]) for c in self.categories]:
            pages = self.max_page(slug)
            urls.append(self.base + (prefix + "/" if prefix else "/"))
            urls.extend(f"{self.base}{prefix}/page-{n}" for n in range(2, pages + 1))
        return urls

    def register_urls(self) -> list[str]:
        return self.laws.listing_urls()

    def expected_documents(self) -> list[dict[str, Any]]:
        return self.laws.expected_documents()

    def max_page(self, slug: str | None) -> int:
        return max(1, math.ceil(len(self.listing(slug)) / self.per_page))

    def expected_records(self) -> list[dict[str, Any]]:
        out = []
        for p in self.posts.values():
            newer, older = self.related(p)
            out.append(
                post_record(
                    p,
                    host=self.host,
                    url=self.base + self.article_path(p),
                    category=self.category(p.category)["name"],
                    layout=self.layout,
                    images=[self.image_url(p, n) for n in range(len(p.images))],
                    related=[(self.base + self.article_path(r), r.title) for r in newer + older],
                )
            )
        return out

    # --- chrome ---------------------------------------------------------------------
    def crumbs(self, trail: list[tuple[str, str]]) -> str:
        items = [("/", "Trang nhất")] + trail
        lis = "".join(
            f'<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            f'<a href="{attr(href)}" itemprop="item" title="{attr(name)}"><span itemprop="name">'
            f'{esc(name)}</span></a><i class="hidden" itemprop="position" content="{n}"></i></li>'
            for n, (href, name) in enumerate(items, 1)
        )
        return (
            '<div class="breadcrumbs-wrap"><div class="display">'
            '<a class="show-subs-breadcrumbs hidden" href="#" onclick="showSubBreadcrumbs(this, event);">'
            '<em class="fa fa-lg fa-angle-right"></em></a><ul class="breadcrumbs list-none"></ul></div>'
            '<ul class="subs-breadcrumbs"></ul>'
            f'<ul class="temp-breadcrumbs hidden" itemscope itemtype="https://schema.org/BreadcrumbList">{lis}</ul></div>'
        )

    def page(
        self,
        title: str,
        main: str,
        *,
        trail: list[tuple[str, str]] | None = None,
        meta: str = "",
        canonical: str | None = None,
    ) -> str:
        return self._head(title, meta, canonical) + self._masthead() + self._body(main, trail)

    def _head(self, title: str, meta: str, canonical: str | None) -> str:
        """The page's <!DOCTYPE> and <head>: title, meta tags, canonical link, styles."""
        canon = f'\n<link rel="canonical" href="{attr(canonical)}">' if canonical else ""
        return f"""<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">
<head>
<title>{esc(title)}</title>
<meta name="description" content="{attr(title)}">
<meta name="author" content="{attr(self.name)}">
<meta name="copyright" content="{attr(self.name)} [webmaster@quangchau.nghean.gov.vn]">
<meta name="generator" content="NukeViet v4.5">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
{meta}<link rel="shortcut icon" href="/favicon.ico">{canon}
<link rel="alternate" href="/rss/" title="Tin Tức" type="application/rss+xml">
<link rel="StyleSheet" href="/themes/default/css/font-awesome.min.css">
<link rel="StyleSheet" href="/themes/default/css/bootstrap.non-responsive.css">
<link rel="StyleSheet" href="/themes/default/css/style.css">
<link rel="StyleSheet" href="/themes/default/css/news.css">
</head>
"""

    def _masthead(self) -> str:
        """The top of the page's <body>: the header with the logo, the menu."""
        menu = "".join(
            f'<li><a href="/{c["slug"]}/" title="{attr(c["name"])}">{esc(c["name"])}</a></li>'
            for c in self.categories
        )
        menu += f'<li><a href="{MODULE_PATH}/" title="{MODULE_TITLE}">{MODULE_TITLE}</a></li>'
        return f"""<body>
<div class="body-bg">
<div class="wraper">
    <header>
        <div class="container">
            <div id="header" class="row">
                <div class="logo col-xs-24 col-sm-24 col-md-8">
                    <a title="{attr(self.name)}" href="/"><img src="/uploads/logo-quangchau.png" alt="{attr(self.name)}"></a>
                    <span class="site_name">{esc(self.name)}</span>
                    <span class="site_description">Ủy ban nhân dân xã Quang Châu</span>
                </div>
            </div>
        </div>
    </header>
    <nav class="second-nav" id="menusite">
        <div class="container"><div class="row"><div class="bg box-shadow">
            <div class="navbar navbar-default navbar-static-top" role="navigation">
                <ul class="nav navbar-nav">
                    <li><a class="home" title="Trang nhất" href="/"><em class="fa fa-lg fa-home">&nbsp;</em><span class="visible-xs-inline-block"> Trang nhất</span></a></li>
                    {menu}
                </ul>
            </div>
        </div></div></div>
    </nav>
"""

    def _body(self, main: str, trail: list[tuple[str, str]] | None) -> str:
        """The rest of the <body>: breadcrumb, `main`, the side column, the footer."""
        latest = "".join(
            f'<li class="clearfix"><a href="{attr(self.article_path(p))}" title="{attr(p.title)}">'
            f"{esc(p.title)}</a></li>"
            for p in self.listing(None)[:4]
        )
        return f"""    <section>
        <div class="container" id="body">
            <nav class="third-nav"><div class="row"><div class="bg"><div class="clearfix">
                <div class="col-xs-24 col-sm-18 col-md-18">{self.crumbs(trail or [])}</div>
            </div></div></div></nav>
            <div class="row">
                <div class="col-sm-16 col-md-18">
{main}
                </div>
                <div class="col-sm-8 col-md-6">
                    <div class="panel panel-primary"><div class="panel-heading">Tin mới</div>
                        <div class="panel-body"><ul class="block_tophits list-none list-items">{latest}</ul></div>
                    </div>
                    <div class="panel panel-default"><div class="panel-heading">Thành viên</div>
                        <div class="panel-body"><a href="/index.php?nv=users&amp;op=login">Đăng nhập</a></div>
                    </div>
                </div>
            </div>
        </div>
    </section>
</div>
<footer id="footer" class="wraper">
    <div class="container">
        <p><strong>{esc(self.name.upper())}</strong></p>
        <p>Chịu trách nhiệm: Chủ tịch UBND xã Quang Châu - Điện thoại: 0238.3871.234</p>
        <p>&copy; Bản quyền thuộc về UBND xã Quang Châu. <a href="/admin/">Quản trị</a></p>
    </div>
</footer>
</div>
<script src="/assets/js/jquery/jquery.min.js"></script>
<script src="/themes/default/js/main.js"></script>
</body>
</html>
"""

    # --- listings -------------------------------------------------------------------
    def list_items(self, posts: list[Post]) -> str:
        rows = []
        for p in posts:
            href = attr(self.article_path(p))
            t = attr(p.title)
            rows.append(
                f"""<div class="news_column panel panel-default">
    <div class="panel-body">
        <a href="{href}" title="{t}"><img alt="{t}" src="{attr(self.thumb_path(p))}" width="100" class="img-thumbnail pull-left imghome"></a>
        <h3>
            <a href="{href}" title="{t}">{esc(p.title)}</a>
        </h3>
        <div class="text-muted">
            <ul class="list-unstyled list-inline">
                <li><em class="fa fa-clock-o">&nbsp;</em> {p.published:%H:%M %d/%m/%Y}</li>
                <li><em class="fa fa-eye">&nbsp;</em> Xem: {100 + int(p.id) * 7}</li>
            </ul>
        </div>
        <div class="hometext">{esc(p.lead or "")}</div>
        <div class="clearfix"></div>
    </div>
</div>"""
            )
        return "\n".join(rows)

    def pager(self, prefix: str, page: int, pages: int) -> str:
        if pages <= 1:
            return ""

        def url(n: int) -> str:
            return (prefix or "") + "/" if n == 1 else f"{prefix}/page-{n}"

        lis = []
        if page > 1:
            lis.append(
                f'<li><a rel="prev" href="{url(page - 1)}" title="Trang trước">&laquo;</a></li>'
            )
        for n in range(1, pages + 1):
            if n == page:
                lis.append(f'<li class="active"><a href="#">{n}</a></li>')
            else:
                lis.append(f'<li><a href="{url(n)}" title="Trang {n}">{n}</a></li>')
        if page < pages:
            lis.append(
                f'<li><a rel="next" href="{url(page + 1)}" title="Trang sau">&raquo;</a></li>'
            )
        return f'<div class="text-center"><ul class="pagination">{"".join(lis)}</ul></div>'

    def listing_response(self, slug: str | None, page: int) -> Response:
        posts = self.listing(slug)
        pages = self.max_page(slug)
        if page > pages:
            return self.not_found()
        chunk = posts[(page - 1) * self.per_page : page * self.per_page]
        prefix = f"/{slug}" if slug else ""
        trail = [(f"/{slug}/", self.category(slug)["name"])] if slug else []
        title = self.category(slug)["name"] if slug else "Tin Tức"
        if page > 1:
            title += f" - Trang {page}"
        main = f'<div class="viewcat-page-new">\n{self.list_items(chunk)}\n{self.pager(prefix, page, pages)}\n</div>'
        return html(self.page(f"{title} - {self.name}", main, trail=trail))

    def tag_response(self, alias: str) -> Response:
        keyword = self.tags().get(alias)
        if keyword is None:
            return self.not_found()
        posts = [p for p in self.listing(None) if keyword in p.tags]
        main = (
            f'<div class="page-header"><h1>{esc(keyword)}</h1></div>\n'
            f'<div class="viewcat-page-new">\n{self.list_items(posts)}\n</div>'
        )
        return html(self.page(f"{keyword} - {self.name}", main, trail=[(f"/tag/{alias}", keyword)]))

    # --- articles -------------------------------------------------------------------
    def bodyhtml(self, p: Post) -> str:
        parts = []
        for idx in range(len(p.body) + 1):
            for n, img in enumerate(p.images):
                if img.after != idx:
                    continue
                src = attr(self.image_path(p, n))
                if img.caption:
                    parts.append(
                        f'<figure class="image" style="display:inline-block"><img alt="{attr(img.caption)}" '
                        f'height="533" src="{src}" width="800"><figcaption>{esc(img.caption)}</figcaption></figure>'
                    )
                else:
                    parts.append(
                        f'<p style="text-align:center"><img alt="" height="533" src="{src}" width="800"></p>'
                    )
            if idx < len(p.body):
                parts.append(f'<p style="text-align: justify;">{p.body[idx]}</p>')
        if p.byline == "body_p" and p.author:
            parts.append(f'<p style="text-align: right;"><strong>{esc(p.author)}</strong></p>')
        inner = "\n".join(parts)
        if p.text == "entities":
            inner = encode_text(inner, "entities")
        return inner

    def detail_date(self, p: Post) -> str:
        d = p.published
        return f"{NV_WEEKDAYS[d.weekday()]} - {d:%d/%m/%Y %H:%M}"

    def credits(self, p: Post) -> str:
        lines = []
        if p.author and p.byline != "body_p":
            lines.append(
                f'<p class="h5 text-right">\n<strong>Tác giả: </strong>{esc(p.author)}\n</p>'
            )
        if p.source:
            lines.append(
                f'<p class="h5 text-right">\n<strong>Nguồn tin: </strong>{esc(p.source)}\n</p>'
            )
        if not lines:
            return ""
        return '<div class="margin-bottom-lg">\n' + "\n".join(lines) + "\n</div>"

    def keywords(self, p: Post) -> str:
        if not p.tags:
            return ""
        anchors = ", ".join(
            f'<a title="{attr(t)}" href="/tag/{self.tag_alias(t)}"><em>{esc(t)}</em></a>'
            for t in p.tags
        )
        return (
            '<div class="news_column panel panel-default"><div class="panel-body"><div class="h5">'
            f'<em class="fa fa-tags">&nbsp;</em><strong>Từ khóa: </strong>{anchors}</div></div></div>'
        )

    def others(self, p: Post) -> str:
        newer, older = self.related(p)

        def block(label: str, posts: list[Post]) -> str:
            if not posts:
                return ""
            lis = "".join(
                f'<li><em class="fa fa-angle-right">&nbsp;</em><h4><a href="{attr(self.article_path(r))}" '
                f'title="{attr(r.title)}">{esc(r.title)}</a></h4> <em>({r.published:%d/%m/%Y})</em></li>'
                for r in posts
            )
            return (
                f'<p class="h3"><strong>{label}</strong></p>'
                f'<div class="clearfix"><ul class="related list-none list-items">{lis}</ul></div>'
            )

        inner = block("Những tin mới hơn", newer) + block("Những tin cũ hơn", older)
        if not inner:
            return ""
        return f'<div class="news_column panel panel-default"><div class="panel-body other-news">{inner}</div></div>'

    def article_response(self, p: Post) -> Response:
        cat = self.category(p.category)
        url = self.base + self.article_path(p)
        markup = self.page(
            f"{p.title} - {self.name}",
            self._detail(p, url),
            trail=[(f"/{cat['slug']}/", cat["name"])],
            meta=self._og_meta(p, cat, url),
            canonical=url,
        )
        if p.text == "nfd":
            markup = encode_text(markup, "nfd")
        resp = html(markup)
        resp.last_modified = last_modified(p)
        return resp

    def _home_image(self, p: Post) -> str:
        """The lead's picture (the first image's thumbnail): outside the body, never a
        record image."""
        if not p.images:
            return ""
        return (
            '<figure class="article left pointer" onclick="modalShowByObj(\'#imgpreview\');">'
            '<div id="imgpreview" style="width:160px;">'
            f'<p class="text-center"><img alt="{attr(p.title)}" src="{attr(self.thumb_path(p))}" '
            'class="img-thumbnail"></p>'
            f"<figcaption>{esc(p.title)}</figcaption></div></figure>"
        )

    def _detail(self, p: Post, url: str) -> str:
        """The article's `div.news_column` (headline, schema spans, date, lead beside the
        home image, body, credits), then its keywords and the newer and older ones."""
        published = iso(p.published)
        homeimg = self._home_image(p)
        schema_author = p.author or self.name
        return f"""<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" itemscope>
    <div class="panel-body">
        <h1 class="title margin-bottom-lg" itemprop="headline">{esc(p.title)}</h1>
        <div class="hidden hide d-none" itemprop="author" itemtype="http://schema.org/Person" itemscope>
            <span itemprop="name">{esc(schema_author)}</span>
        </div>
        <span class="hidden hide d-none" itemprop="datePublished">{published}</span>
        <span class="hidden hide d-none" itemprop="dateModified">{published}</span>
        <span class="hidden hide d-none" itemprop="mainEntityOfPage">{esc(url)}</span>
        <div class="hidden hide d-none" itemprop="publisher" itemtype="http://schema.org/Organization" itemscope>
            <span itemprop="name">{esc(self.name)}</span>
        </div>
        <div class="row margin-bottom-lg">
            <div class="col-md-12">
                <span class="h5">{self.detail_date(p)}</span>
            </div>
            <div class="col-md-12">
                <ul class="list-inline text-right">
                    <li><a class="dimgray" rel="nofollow" title="Gửi bài viết qua email" href="javascript:void(0);"><em class="fa fa-envelope fa-lg">&nbsp;</em></a></li>
                    <li><a class="dimgray" rel="nofollow" title="In ra" href="javascript:void(0);"><em class="fa fa-print fa-lg">&nbsp;</em></a></li>
                </ul>
            </div>
        </div>
        <div class="clearfix">
            {homeimg}
            <div class="hometext m-bottom" itemprop="description">{esc(p.lead or "")}</div>
        </div>
        <div id="news-bodyhtml" class="bodytext margin-bottom-lg">
{self.bodyhtml(p)}
        </div>
        {self.credits(p)}
    </div>
</div>
{self.keywords(p)}
{self.others(p)}"""

    def _og_meta(self, p: Post, cat: dict[str, Any], url: str) -> str:
        """The detail page's Open Graph and article meta tags."""
        return (
            f'<meta property="og:title" content="{attr(p.title)}">\n'
            '<meta property="og:type" content="article">\n'
            f'<meta property="og:description" content="{attr(p.lead or "")}">\n'
            f'<meta property="og:site_name" content="{attr(self.name)}">\n'
            f'<meta property="og:url" content="{attr(url)}">\n'
            # NukeViet formats these with date('Y-m-dTH:i:s'): its "T" prints the zone.
            f'<meta property="article:published_time" content="{p.published:%Y-%m-%d}+07{p.published:%H:%M:%S}">\n'
            f'<meta property="article:section" content="{attr(cat["name"])}">\n'
        )

    # --- routing --------------------------------------------------------------------
    def not_found(self) -> Response:
        main = '<div class="alert alert-danger">Không tìm thấy trang bạn yêu cầu.</div>'
        return html(self.page(f"404 - {self.name}", main), status=404)

    def login(self) -> Response:
        main = '<div class="users-login"><h2>Đăng nhập thành viên</h2><input name="nv_login"></div>'
        return html(self.page(f"Đăng nhập - {self.name}", main))

    def respond(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Response:
        path, query = split_target(target)
        if method not in ("GET", "HEAD"):
            return method_not_allowed()
        resp = self._route(path, query)
        resp.headers.setdefault("X-Powered-By", "PHP/7.4.33")
        return resp

    def _route(self, path: str, query: str) -> Response:
        if path == "/robots.txt":
            return text_response(self.robots_txt())
        if (
            path.startswith(("/uploads/", "/assets/", "/themes/"))
            and extension(path) in CONTENT_TYPES
        ):
            return file_response(path) or self.not_found()
        if path == "/index.php":
            return self.login() if "nv=users" in query else self.not_found()
        if path.startswith("/admin/"):
            return self.login()
        if path == MODULE_PATH or path.startswith(MODULE_PATH + "/"):
            return self.laws.respond(path) or self.not_found()
        if path == "/":
            return self.listing_response(None, 1)
        parts = path.strip("/").split("/")
        slugs = {c["slug"] for c in self.categories}
        if len(parts) == 1 and parts[0].startswith("page-"):
            return self._paged(None, parts[0])
        if parts[0] in slugs:
            slug = parts[0]
            if len(parts) == 1:
                if not path.endswith("/"):
                    return Response(301, b"", headers={"Location": f"{self.base}/{slug}/"})
                return self.listing_response(slug, 1)
            if len(parts) == 2 and parts[1].startswith("page-"):
                return self._paged(slug, parts[1])
        if len(parts) == 2 and parts[0] == "tag":
            return self.tag_response(parts[1])
        post = self._by_path.get(path)
        if post is not None:
            return self.article_response(post)
        return self.not_found()

    def _paged(self, slug: str | None, part: str) -> Response:
        number = part[len("page-") :]
        if not number.isdigit() or int(number) < 2:
            return self.not_found()
        return self.listing_response(slug, int(number))
