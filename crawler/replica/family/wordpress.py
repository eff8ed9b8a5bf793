"""`phuongtruongthi.nghean.gov.vn`: a ward site on WordPress 6.4, in an `_s`-based theme.

What it serves (all links absolute, as WordPress writes them):
- `/` the blog index and `/category/{slug}/`, `/tag/{slug}/`, `/author/{nicename}/`
  archives, paginated `.../page/2/` (`/page/1/` and a path without its trailing slash
  answer 301 to the canonical URL, as `redirect_canonical` does); each item an
  `article.post` with `h2.entry-title a`, `time.entry-date.published[datetime]` and
  `div.entry-summary` (the manual excerpt, or WordPress's own 55-word excerpt with
  " […]" when the post has none);
- single posts `/{yyyy}/{mm}/{slug}/`: `article#post-{ID}.post`, `h1.entry-title`,
  `time.entry-date.published[datetime=...+07:00]` (classes `published updated` until the
  post is edited, then a second `time.updated`), `span.author.vcard a` (the post's user:
  the record's author), the manual excerpt as `div.entry-summary` (the record's summary;
  none, and summary null, without one), `div.entry-content` (paragraphs, Gutenberg
  `figure.wp-block-image` or classic `figure.wp-caption` images with figcaption, an
  inline PDF link as an attachment, and a last credit paragraph "Nguồn: X" / "Theo X"
  that is the record's source, not body), `footer.entry-footer` with the category and
  tag links, then previous/next post navigation (not a related list: `related` is []);
- `/feed/`: RSS 2.0 of the ten newest posts;
- `/?p={ID}` (the shortlink) answers 301 to the permalink; `/wp-admin/` and `/admin/`
  (robots.txt disallows both; the sidebar and footer link them) lead to `wp-login.php`.
The article id is the post ID. Images and files live under `/wp-content/uploads/`.
"""

from __future__ import annotations

import math
import re
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qs, quote

from ..expected import fragment_text
from ..response import PORTAL_TZ, Response
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
    post_record,
    split_target,
    text_response,
)
from .content_communes import WORDPRESS_CATEGORIES, WORDPRESS_POSTS
from .files import CONTENT_TYPES, extension, file_response

NICENAMES = {"Nguyễn Thị Hằng": "hangnt", "Lê Văn Quang": "quanglv", "Phạm Thu Trang": "trangpt"}
EXCERPT_WORDS = 55
_UPLOAD = re.compile(r"\{upload:([^}]+)\}")


class WordPressSite(PostSite):
    layout = "wordpress"
    server_header = "nginx"

    def __init__(
        self,
        host: str = "phuongtruongthi.nghean.gov.vn",
        *,
        name: str = "Phường Trường Thi",
        per_page: int = 4,
        posts: list[Post] | None = None,
        categories=WORDPRESS_CATEGORIES,
    ) -> None:
        self.per_page = per_page
        self._setup(host, name, posts if posts is not None else WORDPRESS_POSTS, categories)

    # --- model ----------------------------------------------------------------------
    def path_of(self, post: Post) -> str:
        return self.post_path(post)

    def post_slug(self, p: Post) -> str:
        return p.slug or slugify(p.title, 200)

    def post_path(self, p: Post) -> str:
        return f"/{p.published:%Y}/{p.published:%m}/{self.post_slug(p)}/"

    def permalink(self, p: Post) -> str:
        return self.base + self.post_path(p)

    def nicename(self, p: Post) -> str:
        return NICENAMES.get(p.author or "", "admin")

    def archives(self) -> dict[str, tuple[str, list[Post]]]:
        """Archive base path -> (title, posts newest first)."""
        everything = listing_order(list(self.posts.values()))
        out: dict[str, tuple[str, list[Post]]] = {"/": ("", everything)}
        for c in self.categories:
            out[f"/category/{c['slug']}/"] = (
                f"Chuyên mục: {c['name']}",
                [p for p in everything if p.category == c["slug"]],
            )
        for p in everything:
            for t in p.tags:
                key = f"/tag/{slugify(t)}/"
                out.setdefault(key, (f"Thẻ: {t}", []))[1].append(p)
            key = f"/author/{self.nicename(p)}/"
            out.setdefault(key, (f"Tác giả: {p.author}", []))[1].append(p)
        return out

    def pages(self, count: int) -> int:
        return max(1, math.ceil(count / self.per_page))

    def upload_base(self, p: Post) -> str:
        return f"{self.base}/wp-content/uploads/{p.published:%Y}/{p.published:%m}"

    def image_url(self, p: Post, n: int) -> str:
        stem, ext = p.images[n].name.rsplit(".", 1)
        return f"{self.upload_base(p)}/{stem}-1024x683.{ext}"

    def attachment_url(self, p: Post, name: str) -> str:
        return f"{self.upload_base(p)}/{name}"

    def disallowed(self) -> list[str]:
        return ["/wp-admin/", "/admin/"]

    def robots_txt(self) -> str:
        # WordPress's own virtual robots.txt, with the site's extra rule.
        return (
            "User-agent: *\nDisallow: /wp-admin/\nDisallow: /admin/\n"
            "Allow: /wp-admin/admin-ajax.php\n"
        )

    def listing_urls(self) -> list[str]:
        urls = []
        for path, (_title, posts) in self.archives().items():
            if path.startswith("/author/") or path.startswith("/tag/"):
                continue
            urls.append(self.base + path)
            urls.extend(f"{self.base}{path}page/{n}/" for n in range(2, self.pages(len(posts)) + 1))
        return urls

    def expected_records(self) -> list[dict[str, Any]]:
        out = []
        for p in self.posts.values():
            out.append(
                post_record(
                    p,
                    host=self.host,
                    url=self.permalink(p),
                    category=self.category(p.category)["name"],
                    layout=self.layout,
                    images=[self.image_url(p, n) for n in range(len(p.images))],
                    related=[],
                    attachments=[(self.attachment_url(p, f), t) for f, t in p.attachments],
                )
            )
        return out

    # --- chrome ---------------------------------------------------------------------
    def page(self, title: str, main: str, *, body_class: str, head: str = "") -> str:
        return self._head(title, head) + self._body(main, body_class)

    def _head(self, title: str, head: str) -> str:
        """The theme's <!doctype> and <head> (wp_head's links and scripts), then `head`."""
        b = self.base
        return f"""<!doctype html>
<html lang="vi">
<head>
	<meta charset="UTF-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<link rel="profile" href="https://gmpg.org/xfn/11">
	<title>{esc(title)}</title>
<meta name='robots' content='max-image-preview:large' />
<link rel="alternate" type="application/rss+xml" title="{attr(self.name)} &raquo; Dòng thông tin" href="{b}/feed/" />
<link rel='stylesheet' id='wp-block-library-css' href='{b}/wp-includes/css/dist/block-library/style.min.css?ver=6.4' media='all' />
<link rel='stylesheet' id='truongthi-style-css' href='{b}/wp-content/themes/truongthi/style.css?ver=1.0.2' media='all' />
<script src="{b}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<link rel="https://api.w.org/" href="{b}/wp-json/" />
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{b}/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress 6.4" />
{head}</head>
"""

    def _body(self, main: str, body_class: str) -> str:
        """The theme's <body>: header and menu, `main`, the widget column, the footer."""
        b = self.base
        menu = "\n".join(
            f'<li id="menu-item-{20 + c["id"]}" class="menu-item menu-item-type-taxonomy menu-item-object-category '
            f'menu-item-{20 + c["id"]}"><a href="{b}/category/{c["slug"]}/">{esc(c["name"])}</a></li>'
            for c in self.categories
        )
        return f"""
<body class="{body_class}">
<div id="page" class="site">
	<a class="skip-link screen-reader-text" href="#primary">Chuyển đến nội dung</a>
	<header id="masthead" class="site-header">
		<div class="site-branding">
			<p class="site-title"><a href="{b}/" rel="home">{esc(self.name)}</a></p>
			<p class="site-description">Trang thông tin điện tử phường Trường Thi, thành phố Vinh</p>
		</div>
		<nav id="site-navigation" class="main-navigation">
			<button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
			<div class="menu-menu-chinh-container"><ul id="primary-menu" class="menu">
<li id="menu-item-20" class="menu-item menu-item-type-custom menu-item-object-custom menu-item-home menu-item-20"><a href="{b}/">Trang chủ</a></li>
{menu}
</ul></div>
		</nav>
	</header>

	<main id="primary" class="site-main">
{main}
	</main>

""" + self._widgets()

    def _widgets(self) -> str:
        """The widget column (recent posts, categories, meta links), the footer, scripts."""
        b = self.base
        recent = "\n".join(
            f'<li><a href="{attr(self.permalink(p))}">{esc(p.title)}</a></li>'
            for p in listing_order(list(self.posts.values()))[:5]
        )
        cats = "\n".join(
            f'<li class="cat-item cat-item-{c["id"]}"><a href="{b}/category/{c["slug"]}/">{esc(c["name"])}</a></li>'
            for c in self.categories
        )
        return f"""<aside id="secondary" class="widget-area">
	<section id="recent-posts-2" class="widget widget_recent_entries">
		<h2 class="widget-title">Bài viết mới</h2>
		<ul>
{recent}
		</ul>
	</section>
	<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Chuyên mục</h2>
		<ul>
{cats}
		</ul>
	</section>
	<section id="meta-2" class="widget widget_meta"><h2 class="widget-title">Thông tin</h2>
		<ul><li><a href="{b}/wp-admin/">Trang quản trị</a></li><li><a href="{b}/feed/">Dòng thông tin</a></li></ul>
	</section>
</aside>

	<footer id="colophon" class="site-footer">
		<div class="site-info">
			&copy; 2024 UBND phường Trường Thi, thành phố Vinh, tỉnh Nghệ An.
			<span class="sep"> | </span><a href="{b}/admin/">Quản trị</a>
			<span class="sep"> | </span><a href="http://www.nghean.gov.vn/">Cổng TTĐT tỉnh Nghệ An</a>
		</div>
	</footer>
</div>
<script src="{b}/wp-content/themes/truongthi/js/navigation.js?ver=1.0.2" id="truongthi-navigation-js"></script>

</body>
</html>
"""

    # --- pieces ---------------------------------------------------------------------
    def post_classes(self, p: Post) -> str:
        classes = [f"post-{p.id}", "post", "type-post", "status-publish", "format-standard"]
        if p.images:
            classes.append("has-post-thumbnail")
        classes += ["hentry", f"category-{p.category}"] + [f"tag-{slugify(t)}" for t in p.tags]
        return " ".join(classes)

    def time_html(self, p: Post) -> str:
        pub = f"{p.published:%d/%m/%Y}"
        if p.updated is None:
            return f'<time class="entry-date published updated" datetime="{iso(p.published)}">{pub}</time>'
        return (
            f'<time class="entry-date published" datetime="{iso(p.published)}">{pub}</time>'
            f'<time class="updated" datetime="{iso(p.updated)}">{p.updated:%d/%m/%Y}</time>'
        )

    def entry_meta(self, p: Post) -> str:
        return (
            '<div class="entry-meta">'
            f'<span class="posted-on">Đăng ngày <a href="{attr(self.permalink(p))}" rel="bookmark">{self.time_html(p)}</a></span>'
            f'<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="{self.base}/author/{self.nicename(p)}/">'
            f"{esc(p.author or 'admin')}</a></span></span></div>"
        )

    def excerpt(self, p: Post) -> str:
        if p.lead:
            return esc(p.lead)
        words = " ".join(fragment_text(x) for x in p.body).split()
        text = " ".join(words[:EXCERPT_WORDS])
        return esc(text) + (" [&hellip;]" if len(words) > EXCERPT_WORDS else "")

    def image_html(self, p: Post, n: int) -> str:
        img = p.images[n]
        src = self.image_url(p, n)
        small = src.replace("-1024x683.", "-300x200.")
        wp_id = int(p.id) + n + 1
        tag = (
            f'<img decoding="async" width="1024" height="683" src="{attr(src)}" alt="" class="wp-image-{wp_id}" '
            f'srcset="{attr(src)} 1024w, {attr(small)} 300w" sizes="(max-width: 1024px) 100vw, 1024px" />'
        )
        if img.caption and int(p.id) % 2:
            # The classic editor's [caption] shortcode, as WordPress renders it.
            return (
                f'<figure id="attachment_{wp_id}" aria-describedby="caption-attachment-{wp_id}" '
                f'style="width: 1024px" class="wp-caption aligncenter">{tag}'
                f'<figcaption id="caption-attachment-{wp_id}" class="wp-caption-text">{esc(img.caption)}</figcaption></figure>'
            )
        cap = (
            f'<figcaption class="wp-element-caption">{esc(img.caption)}</figcaption>'
            if img.caption
            else ""
        )
        return f'<figure class="wp-block-image size-large">{tag}{cap}</figure>'

    def content_html(self, p: Post) -> str:
        parts = []
        for idx in range(len(p.body) + 1):
            parts.extend(
                self.image_html(p, n) for n, img in enumerate(p.images) if img.after == idx
            )
            if idx < len(p.body):
                para = _UPLOAD.sub(lambda m: attr(self.attachment_url(p, m.group(1))), p.body[idx])
                parts.append(f"<p>{para}</p>")
        if p.source and p.byline == "source_p":
            parts.append(f'<p style="text-align: right;"><em>Nguồn: {esc(p.source)}</em></p>')
        elif p.source and p.byline == "theo_p":
            parts.append(f"<p><em>Theo {esc(p.source)}</em></p>")
        inner = "\n".join(parts)
        if p.text == "nfd_body":
            inner = encode_text(inner, "nfd")
        return inner

    def entry_footer(self, p: Post) -> str:
        cat = self.category(p.category)
        out = (
            f'<span class="cat-links">Đăng trong <a href="{self.base}/category/{cat["slug"]}/" rel="category tag">'
            f"{esc(cat['name'])}</a></span>"
        )
        if p.tags:
            tags = ", ".join(
                f'<a href="{self.base}/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in p.tags
            )
            out += f'<span class="tags-links">Thẻ {tags}</span>'
        return f'<footer class="entry-footer">{out}</footer>'

    def post_navigation(self, p: Post) -> str:
        order = listing_order(list(self.posts.values()))
        pos = order.index(p)
        links = ""
        if pos + 1 < len(order):
            prev = order[pos + 1]
            links += (
                f'<div class="nav-previous"><a href="{attr(self.permalink(prev))}" rel="prev">'
                f'<span class="nav-subtitle">Bài trước:</span> <span class="nav-title">{esc(prev.title)}</span></a></div>'
            )
        if pos > 0:
            nxt = order[pos - 1]
            links += (
                f'<div class="nav-next"><a href="{attr(self.permalink(nxt))}" rel="next">'
                f'<span class="nav-subtitle">Bài sau:</span> <span class="nav-title">{esc(nxt.title)}</span></a></div>'
            )
        return (
            '<nav class="navigation post-navigation" aria-label="Bài viết">'
            '<h2 class="screen-reader-text">Điều hướng bài viết</h2>'
            f'<div class="nav-links">{links}</div></nav>'
        )

    def single(self, p: Post) -> Response:
        thumb = ""
        if p.images:
            thumb = (
                f'<div class="post-thumbnail"><img width="1024" height="683" src="{attr(self.image_url(p, 0))}" '
                'class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="" decoding="async" /></div>'
            )
        summary = f'\n\t<div class="entry-summary"><p>{esc(p.lead)}</p></div>' if p.lead else ""
        main = f"""
<article id="post-{p.id}" class="{self.post_classes(p)}">
	<header class="entry-header">
		<h1 class="entry-title">{esc(p.title)}</h1>
		{self.entry_meta(p)}
	</header>
	{thumb}{summary}
	<div class="entry-content">
{self.content_html(p)}
	</div>
	{self.entry_footer(p)}
</article>
{self.post_navigation(p)}"""
        url = self.permalink(p)
        head = f"<link rel=\"canonical\" href=\"{attr(url)}\" />\n<link rel='shortlink' href='{self.base}/?p={p.id}' />\n"
        if p.lead:
            head = (
                f'<meta name="description" content="{attr(p.lead)}" />\n'
                f'<meta property="og:description" content="{attr(p.lead)}" />\n' + head
            )
        head += (
            f'<meta property="og:type" content="article" />\n'
            f'<meta property="article:published_time" content="{iso(p.published)}" />\n'
        )
        if p.updated:
            head += f'<meta property="article:modified_time" content="{iso(p.updated)}" />\n'
        markup = self.page(
            f"{p.title} – {self.name}",
            main,
            body_class=f"post-template-default single single-post postid-{p.id} single-format-standard",
            head=head,
        )
        resp = html(markup, headers={"Link": f"<{self.base}/?p={p.id}>; rel=shortlink"})
        resp.last_modified = last_modified(p)
        return resp

    def archive(self, base_path: str, page: int) -> Response:
        title, posts = self.archives()[base_path]
        pages = self.pages(len(posts))
        if page > pages:
            return self.not_found()
        chunk = posts[(page - 1) * self.per_page : page * self.per_page]
        items = []
        for p in chunk:
            link = attr(self.permalink(p))
            thumb = ""
            if p.images:
                small = self.image_url(p, 0).replace("-1024x683.", "-300x200.")
                thumb = (
                    f'<div class="post-thumbnail"><a href="{link}" aria-hidden="true" tabindex="-1">'
                    f'<img width="300" height="200" src="{attr(small)}" class="attachment-medium size-medium wp-post-image" '
                    'alt="" decoding="async" /></a></div>'
                )
            items.append(
                f"""<article id="post-{p.id}" class="{self.post_classes(p)}">
	{thumb}
	<header class="entry-header">
		<h2 class="entry-title"><a href="{link}" rel="bookmark">{esc(p.title)}</a></h2>
		{self.entry_meta(p)}
	</header>
	<div class="entry-summary"><p>{self.excerpt(p)}</p></div>
	{self.entry_footer(p)}
</article>"""
            )
        header = (
            f'<header class="page-header"><h1 class="page-title">{esc(title)}</h1></header>\n'
            if title
            else ""
        )
        main = header + "\n".join(items) + self.pagination(base_path, page, pages)
        if base_path == "/":
            body_class = "home blog" if page == 1 else "home blog paged"
        elif base_path.startswith("/category/"):
            body_class = "archive category"
        else:
            body_class = "archive"
        name = title.split(": ", 1)[-1] if title else "Trang chủ"
        suffix = f" – Trang {page}" if page > 1 else ""
        return html(self.page(f"{name}{suffix} – {self.name}", main, body_class=body_class))

    def pagination(self, base_path: str, page: int, pages: int) -> str:
        if pages <= 1:
            return ""

        def url(n: int) -> str:
            return self.base + base_path + ("" if n == 1 else f"page/{n}/")

        links = []
        if page > 1:
            links.append(f'<a class="prev page-numbers" href="{url(page - 1)}">Trang trước</a>')
        for n in range(1, pages + 1):
            if n == page:
                links.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
            else:
                links.append(f'<a class="page-numbers" href="{url(n)}">{n}</a>')
        if page < pages:
            links.append(f'<a class="next page-numbers" href="{url(page + 1)}">Trang sau</a>')
        return (
            '\n<nav class="navigation pagination" aria-label="Bài viết">'
            '<h2 class="screen-reader-text">Điều hướng bài viết</h2>'
            f'<div class="nav-links">{"".join(links)}</div></nav>'
        )

    # --- routing --------------------------------------------------------------------
    def not_found(self) -> Response:
        main = (
            '<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">'
            "Rất tiếc! Không thể tìm thấy trang này.</h1></header></section>"
        )
        return html(
            self.page(f"Không tìm thấy trang – {self.name}", main, body_class="error404"),
            status=404,
        )

    def feed(self) -> Response:
        items = "".join(
            f"<item><title>{esc(p.title)}</title><link>{esc(self.permalink(p))}</link>"
            f"<pubDate>{format_datetime(p.published.replace(tzinfo=PORTAL_TZ))}</pubDate>"
            f'<guid isPermaLink="false">{self.base}/?p={p.id}</guid>'
            f"<description><![CDATA[{self.excerpt(p)}]]></description></item>"
            for p in listing_order(list(self.posts.values()))[:10]
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{esc(self.name)}</title><link>{self.base}</link>"
            f"<language>vi</language><generator>https://wordpress.org/?v=6.4</generator>{items}"
            "</channel></rss>"
        )
        return Response(200, xml.encode("utf-8"), "application/rss+xml; charset=UTF-8")

    def redirect(self, location: str, status: int = 301) -> Response:
        return Response(status, b"", headers={"Location": location, "X-Redirect-By": "WordPress"})

    def respond(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Response:
        path, query = split_target(target)
        if method not in ("GET", "HEAD"):
            return Response(405, b"", headers={"Allow": "GET, HEAD"})
        resp = self._route(path, query)
        resp.headers.setdefault("Link", f'<{self.base}/wp-json/>; rel="https://api.w.org/"')
        return resp

    def _route(self, path: str, query: str) -> Response:
        if path == "/robots.txt":
            return text_response(self.robots_txt())
        if path.startswith("/wp-content/uploads/") and extension(path) in CONTENT_TYPES:
            return file_response(path) or self.not_found()
        if path.startswith("/wp-admin"):
            return self.redirect(
                f"{self.base}/wp-login.php?redirect_to={quote(self.base + '/wp-admin/', safe='')}&reauth=1",
                302,
            )
        if path.startswith("/admin"):
            return self.redirect(f"{self.base}/wp-admin/", 302)
        if path == "/feed/":
            return self.feed()
        if path == "/wp-login.php":
            main = '<div id="login"><h1>Đăng nhập</h1><form name="loginform" id="loginform"></form></div>'
            return html(self.page(f"Đăng nhập – {self.name}", main, body_class="login"))
        if path == "/" and query:
            ids = parse_qs(query).get("p")
            if ids and ids[0] in self.posts:
                return self.redirect(self.permalink(self.posts[ids[0]]))
        if not path.endswith("/"):
            # redirect_canonical: the same page with its trailing slash.
            if self._known(path + "/"):
                return self.redirect(self.base + path + "/")
            return self.not_found()
        post = self._by_path.get(path)
        if post is not None:
            return self.single(post)
        base_path, page = self._split_page(path)
        if base_path in self.archives():
            if page == 1 and path != base_path:
                return self.redirect(self.base + base_path)
            return self.archive(base_path, page)
        return self.not_found()

    def _split_page(self, path: str) -> tuple[str, int]:
        m = re.fullmatch(r"(.*/)page/(\d+)/", path)
        if m:
            return m.group(1), int(m.group(2))
        return path, 1

    def _known(self, path: str) -> bool:
        if path in self._by_path:
            return True
        base_path, _page = self._split_page(path)
        return base_path in self.archives()
