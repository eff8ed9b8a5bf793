"""WordPress 6 in skins drawn from a seed: a ward site.

What the seed picks (`WpSkin`):
- the theme, one of three classic themes as they print a post: an `_s`-based theme
  (`header.entry-header` with `div.entry-meta`, the manual excerpt as
  `div.entry-summary`, `footer.entry-footer`), Twenty Twenty-One (`article.post.entry`,
  `header.entry-header.alignwide`, the date and author in `footer.entry-footer`,
  `span.byline a[rel=author]`), GeneratePress (`div.inside-article`,
  `span.author.vcard span.author-name`, `div.entry-content[itemprop=text]`, the post
  navigation inside `footer.entry-meta`); all with `article.post`, `h1.entry-title`,
  `time.entry-date[datetime]` and `div.entry-content`;
- the permalink structure: `/%year%/%monthnum%/%postname%/`, `/%postname%/` (posts and
  pages look alike) or `/%category%/%postname%/`;
- the front page: the blog index (`/`, `/page/2/`) or a static page of category blocks
  with the posts page at `/tin-tuc/`;
- whether the theme shows the post's author (then the record's author is that user;
  else bylines sit in the body) and the manual excerpt, the displayed date format
  (`15/09/2023`, `15/9/2023`, `15 Tháng 9, 2023`; the time is in `datetime`), posts per
  page, the sidebar widgets (recent posts, categories, the monthly archive list, a tag
  cloud).

Per article: the manual excerpt shown as the lead, a bold first paragraph, or none (the
listings' automatic 55-word excerpt " […]" is not a lead); the author (theme meta), a
last bold right-aligned paragraph, a "Tác giả: X" paragraph, or none; one or two names in
the body; a "Nguồn: X" / "Theo X" last paragraph (the source); Gutenberg
`figure.wp-block-image` or classic `figure.wp-caption` images.

Non-article pages: month archives `/2024/02/`, category, tag and author archives (all
paginated `.../page/2/`), search results `/?s=...`, the pages `/gioi-thieu/` and
`/lien-he/` (a heading, an updated date, paragraphs); `/?p=ID` answers 301 (linked
only from `<link rel=shortlink>`); robots.txt is WordPress's own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import parse_qs, quote

from ..expected import fragment_text
from ..response import PORTAL_TZ, Response
from ..textutil import slugify
from .corpus import AUTHORS, SOURCES
from .model import (
    Article,
    Category,
    Habits,
    SkinSite,
    assemble_body,
    attr,
    draft_articles,
    esc,
    html,
    iso,
    newest_first,
    pages_of,
    paginate,
)

CATEGORY_POOL = (
    ("tin-tuc", "Tin tức"),
    ("hoat-dong-cua-phuong", "Hoạt động của phường"),
    ("thong-bao", "Thông báo"),
    ("van-hoa-xa-hoi", "Văn hóa - Xã hội"),
    ("cai-cach-hanh-chinh", "Cải cách hành chính"),
)
USERS = ("Nguyễn Thị Hằng", "Lê Văn Quang", "Phạm Thu Trang", "Trần Minh Đức", "Hoàng Thị Lan")
MONTHS = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai")
EXCERPT_WORDS = 55


@dataclass
class WpSkin:
    theme: str  # "underscores", "twentytwentyone", "generatepress"
    permalink: str  # "date", "postname", "category"
    front: str  # "blog" or "page"
    show_author: bool
    show_excerpt: bool
    date_format: str  # "dmy", "dmy_short", "vi_month"
    per_page: int
    widgets: list[str]
    users: list[str]


def draw_skin(rng: random.Random) -> WpSkin:
    theme = rng.choice(("underscores", "twentytwentyone", "generatepress"))
    widgets = ["recent"] * (rng.random() < 0.7) + ["categories"] * (rng.random() < 0.6) + ["archives"]
    if rng.random() < 0.5:
        widgets.append("tags")
    rng.shuffle(widgets)
    return WpSkin(
        theme=theme,
        permalink=rng.choice(("date", "postname", "category")),
        front=rng.choice(("blog", "page")),
        show_author=rng.random() < 0.6,
        show_excerpt=theme != "twentytwentyone" and rng.random() < 0.6,
        date_format=rng.choice(("dmy", "dmy_short", "vi_month")),
        per_page=rng.randint(4, 5),
        widgets=widgets,
        users=rng.sample(USERS, 3),
    )


def habits_for(skin: WpSkin) -> Habits:
    leads = {"element": 5, "bold_p": 2, "none": 3} if skin.show_excerpt else {"bold_p": 4, "none": 6}
    bylines = {"meta": 1} if skin.show_author else {"body_p": 4, "body_label": 3, "none": 3}
    return Habits(
        lead_styles=leads,
        bylines=bylines,
        date_forms={"dmy_hm": 1},
        image_styles={"block": 1, "classic": 1},
        source_at={"none": 6, "body": 4},
        text_modes={"nfc": 9, "nfd_body": 1},
    )


class WordPressSkinSite(SkinSite):
    engine = "wordpress"
    layout = "wordpress"
    server_header = "nginx"

    def __init__(self, host: str, name: str, short: str, rng: random.Random, corpus) -> None:
        super().__init__(host, name)
        self.short = short
        self.skin = s = draw_skin(rng)
        for k, (slug, cname) in enumerate(rng.sample(CATEGORY_POOL, rng.randint(2, 3))):
            self.categories.append(Category(slug, cname, 2 + k, f"/category/{slug}/"))
        self.articles = draft_articles(
            rng, corpus, count=rng.randint(6, 10), categories=self.categories, habits=habits_for(s),
            start=datetime(2023, 6, 1), days=900, authors=AUTHORS, sources=SOURCES,
        )
        post_id = rng.randint(40, 300)
        for a in self.articles:
            post_id += rng.randint(2, 40)
            a.article_id = str(post_id)
            a.shows_time = True
            a.slug = slugify(a.title, 200)
            if a.byline == "meta":
                a.authors = [rng.choice(s.users)]
            a.extra["theo"] = a.source_at == "body" and rng.random() < 0.5
            if rng.random() < 0.25:
                a.updated = a.published.replace(hour=min(a.published.hour + 2, 23))
            base = f"/wp-content/uploads/{a.published:%Y}/{a.published:%m}"
            for k, img in enumerate(a.images):
                img.src = f"{self.base}{base}/{a.slug[:24].rstrip('-')}-{k + 1}-1024x683.jpg"
            if s.permalink == "date":
                a.path = f"/{a.published:%Y}/{a.published:%m}/{a.slug}/"
            elif s.permalink == "category":
                a.path = f"/{a.category.slug}/{a.slug}/"
            else:
                a.path = f"/{a.slug}/"
        self.search_sample = rng.choice([t for a in self.articles for t in a.tags] or ["phường"])
        self.posts_index = "/" if s.front == "blog" else "/tin-tuc/"

    # --- model ----------------------------------------------------------------------
    def nicename(self, name: str) -> str:
        return slugify(name).replace("-", "")

    def archives(self) -> dict[str, tuple[str, list[Article]]]:
        """Archive path -> (heading, posts newest first)."""
        everything = newest_first(self.articles)
        out: dict[str, tuple[str, list[Article]]] = {self.posts_index: ("", everything)}
        for c in self.categories:
            out[c.path] = (f"Chuyên mục: {c.name}", [a for a in everything if a.category is c])
        for a in everything:
            month = f"/{a.published:%Y}/{a.published:%m}/"
            out.setdefault(month, (f"Tháng: Tháng {MONTHS[a.published.month - 1]} {a.published.year}", []))[1].append(a)
            for t in a.tags:
                out.setdefault(f"/tag/{slugify(t)}/", (f"Thẻ: {t}", []))[1].append(a)
            if a.byline == "meta":
                out.setdefault(f"/author/{self.nicename(a.authors[0])}/", (f"Tác giả: {a.authors[0]}", []))[1].append(a)
        return out

    def pages(self) -> dict[str, tuple[str, str]]:
        out = {"/gioi-thieu/": ("Giới thiệu", INTRO.format(short=esc(self.short))),
               "/lien-he/": ("Liên hệ", CONTACT.format(short=esc(self.short)))}
        if self.skin.front == "page":
            out["/"] = ("Trang chủ", "")
        return out

    def disallowed(self) -> list[str]:
        return ["/wp-admin/"]

    def robots_txt(self) -> str:
        return "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"

    def non_article_paths(self) -> list[str]:
        paths = list(self.archives()) + list(self.pages()) + ["/?s=" + quote(self.search_sample)]
        return list(dict.fromkeys(paths))

    def show_date(self, when: datetime) -> str:
        f = self.skin.date_format
        if f == "dmy":
            return f"{when:%d/%m/%Y}"
        if f == "dmy_short":
            return f"{when.day}/{when.month}/{when.year}"
        return f"{when.day} Tháng {when.month}, {when.year}"

    # --- chrome ---------------------------------------------------------------------
    def page(self, title: str, main: str, *, body_class: str, head: str = "") -> str:
        b = self.base
        s = self.skin
        menu = "".join(f'<li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a href="{b}{c.path}">{esc(c.name)}</a></li>'
                       for c in self.categories)
        if s.front == "page":
            menu = f'<li class="menu-item"><a href="{b}/tin-tuc/">Tin tức</a></li>' + menu
        widgets = "".join(self.widget(w) for w in s.widgets)
        return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<meta name='robots' content='max-image-preview:large' />
<link rel="alternate" type="application/rss+xml" title="{attr(self.name)} &raquo; Dòng thông tin" href="{b}/feed/" />
<link rel='stylesheet' id='{s.theme}-style-css' href='{b}/wp-content/themes/{s.theme}/style.css?ver=1.0' media='all' />
<link rel="https://api.w.org/" href="{b}/wp-json/" />
<meta name="generator" content="WordPress 6.4.3" />
{head}</head>
<body class="{body_class} wp-theme-{s.theme}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Chuyển đến nội dung</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="{b}/" rel="home">{esc(self.name)}</a></p>
<p class="site-description">Trang thông tin điện tử {esc(self.short)}</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li class="menu-item menu-item-home"><a href="{b}/">Trang chủ</a></li>{menu}
<li class="menu-item menu-item-type-post_type menu-item-object-page"><a href="{b}/gioi-thieu/">Giới thiệu</a></li>
<li class="menu-item menu-item-type-post_type menu-item-object-page"><a href="{b}/lien-he/">Liên hệ</a></li>
</ul></nav>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
{main}
</main>
<aside id="secondary" class="widget-area">
{widgets}
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">
&copy; 2024 UBND {esc(self.short)}. <a href="{b}/lien-he/">Liên hệ</a> | <a href="{b}/?s={quote(self.search_sample)}">Tìm kiếm</a> | <a href="{b}/wp-admin/">Quản trị</a>
</div></footer>
</div>
</body>
</html>
"""

    def widget(self, kind: str) -> str:
        b = self.base
        if kind == "recent":
            items = "".join(f'<li><a href="{attr(self.url(a.path))}">{esc(a.title)}</a></li>' for a in newest_first(self.articles)[:5])
            return f'<section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>{items}</ul></section>'
        if kind == "categories":
            items = "".join(f'<li class="cat-item"><a href="{b}{c.path}">{esc(c.name)}</a></li>' for c in self.categories)
            return f'<section class="widget widget_categories"><h2 class="widget-title">Chuyên mục</h2><ul>{items}</ul></section>'
        if kind == "archives":
            months = sorted({(a.published.year, a.published.month) for a in self.articles}, reverse=True)
            items = "".join(f'<li><a href="{b}/{y}/{m:02d}/">Tháng {MONTHS[m - 1]} {y}</a></li>' for y, m in months)
            return f'<section class="widget widget_archive"><h2 class="widget-title">Lưu trữ</h2><ul>{items}</ul></section>'
        tags = sorted({t for a in self.articles for t in a.tags})
        cloud = " ".join(f'<a href="{b}/tag/{slugify(t)}/" class="tag-cloud-link">{esc(t)}</a>' for t in tags)
        return f'<section class="widget widget_tag_cloud"><h2 class="widget-title">Thẻ</h2><div class="tagcloud">{cloud}</div></section>'

    # --- pieces ---------------------------------------------------------------------
    def post_classes(self, a: Article) -> str:
        classes = [f"post-{a.article_id}", "post", "type-post", "status-publish", "format-standard"]
        if a.images:
            classes.append("has-post-thumbnail")
        classes += ["hentry", f"category-{a.category.slug}"] + [f"tag-{slugify(t)}" for t in a.tags]
        if self.skin.theme == "twentytwentyone":
            classes.append("entry")
        return " ".join(classes)

    def time_html(self, a: Article) -> str:
        shown = self.show_date(a.published)
        if a.updated is None:
            return f'<time class="entry-date published updated" datetime="{iso(a.published)}">{shown}</time>'
        return (f'<time class="entry-date published" datetime="{iso(a.published)}">{shown}</time>'
                f'<time class="updated" datetime="{iso(a.updated)}">{self.show_date(a.updated)}</time>')

    def author_link(self, a: Article) -> str:
        return f"{self.base}/author/{self.nicename(a.authors[0])}/"

    def meta(self, a: Article) -> str:
        s = self.skin
        posted = f'<span class="posted-on">Đăng ngày <a href="{attr(self.url(a.path))}" rel="bookmark">{self.time_html(a)}</a></span>'
        byline = ""
        if a.byline == "meta":
            name = esc(a.authors[0])
            if s.theme == "generatepress":
                byline = (f' <span class="byline">bởi <span class="author vcard" itemprop="author" itemtype="https://schema.org/Person" itemscope>'
                          f'<a class="url fn n" href="{self.author_link(a)}" rel="author" itemprop="url"><span class="author-name" itemprop="name">{name}</span></a></span></span>')
            elif s.theme == "twentytwentyone":
                byline = f'<span class="byline">bởi <a href="{self.author_link(a)}" rel="author">{name}</a></span>'
            else:
                byline = f'<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="{self.author_link(a)}">{name}</a></span></span>'
        return posted + byline

    def taxonomies(self, a: Article) -> str:
        out = f'<span class="cat-links">Chuyên mục <a href="{self.base}{a.category.path}" rel="category tag">{esc(a.category.name)}</a></span>'
        if a.tags:
            tags = ", ".join(f'<a href="{self.base}/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in a.tags)
            out += f'<span class="tags-links">Thẻ {tags}</span>'
        return out

    def excerpt(self, a: Article) -> str:
        if a.lead_style == "element" and a.lead:
            return esc(a.lead)
        texts = ([a.lead] if a.lead_style == "bold_p" and a.lead else []) + [fragment_text(x) for x in a.body]
        words = " ".join(texts).split()
        return esc(" ".join(words[:EXCERPT_WORDS])) + (" [&hellip;]" if len(words) > EXCERPT_WORDS else "")

    def image(self, a: Article, n: int) -> str:
        img = a.images[n]
        src = img.src
        wp_id = int(a.article_id) + n + 1
        tag = (f'<img decoding="async" width="1024" height="683" src="{attr(src)}" alt="" class="wp-image-{wp_id}" '
               f'srcset="{attr(src)} 1024w, {attr(src.replace("-1024x683.", "-300x200."))} 300w" sizes="(max-width: 1024px) 100vw, 1024px" />')
        if img.style == "classic" and img.caption:
            return (f'<figure id="attachment_{wp_id}" aria-describedby="caption-attachment-{wp_id}" style="width: 1024px" '
                    f'class="wp-caption aligncenter">{tag}<figcaption id="caption-attachment-{wp_id}" class="wp-caption-text">'
                    f"{esc(img.caption)}</figcaption></figure>")
        cap = f'<figcaption class="wp-element-caption">{esc(img.caption)}</figcaption>' if img.caption else ""
        return f'<figure class="wp-block-image size-large">{tag}{cap}</figure>'

    def content(self, a: Article) -> str:
        source_p = "<p><em>Theo {}</em></p>" if a.extra.get("theo") else '<p style="text-align: right;"><em>Nguồn: {}</em></p>'
        return assemble_body(a, image=lambda art, n: self.image(art, n), source_p=source_p,
                             label_p='<p style="text-align: right;"><strong>Tác giả: {}</strong></p>')

    def navigation(self, a: Article) -> str:
        order = newest_first(self.articles)
        pos = order.index(a)
        links = ""
        if pos + 1 < len(order):
            prev = order[pos + 1]
            links += (f'<div class="nav-previous"><a href="{attr(self.url(prev.path))}" rel="prev"><span class="nav-subtitle">Bài trước:</span> '
                      f'<span class="nav-title">{esc(prev.title)}</span></a></div>')
        if pos > 0:
            nxt = order[pos - 1]
            links += (f'<div class="nav-next"><a href="{attr(self.url(nxt.path))}" rel="next"><span class="nav-subtitle">Bài sau:</span> '
                      f'<span class="nav-title">{esc(nxt.title)}</span></a></div>')
        return (f'<nav class="navigation post-navigation" aria-label="Bài viết"><h2 class="screen-reader-text">Điều hướng bài viết</h2>'
                f'<div class="nav-links">{links}</div></nav>')

    def single(self, a: Article) -> Response:
        s = self.skin
        t = esc(a.title)
        thumb = ""
        if a.images:
            thumb = (f'<img width="1024" height="683" src="{attr(a.images[0].src)}" class="attachment-post-thumbnail size-post-thumbnail '
                     'wp-post-image" alt="" decoding="async" />')
        summary = f'<div class="entry-summary"><p>{esc(a.lead)}</p></div>' if a.lead_style == "element" and a.lead else ""
        if s.theme == "twentytwentyone":
            fig = f'<figure class="post-thumbnail">{thumb}</figure>' if thumb else ""
            main = f"""<article id="post-{a.article_id}" class="{self.post_classes(a)}">
<header class="entry-header alignwide"><h1 class="entry-title">{t}</h1>{fig}</header>
<div class="entry-content">
{self.content(a)}
</div>
<footer class="entry-footer default-max-width"><div class="posted-by">{self.meta(a)}</div>
<div class="post-taxonomies">{self.taxonomies(a)}</div></footer>
</article>
{self.navigation(a)}"""
        elif s.theme == "generatepress":
            fig = f'<div class="featured-image page-header-image-single">{thumb}</div>' if thumb else ""
            main = f"""<article id="post-{a.article_id}" class="{self.post_classes(a)}" itemtype="https://schema.org/CreativeWork" itemscope>
<div class="inside-article">
<header class="entry-header"><h1 class="entry-title" itemprop="headline">{t}</h1>
<div class="entry-meta">{self.meta(a)}</div></header>
{fig}{summary}
<div class="entry-content" itemprop="text">
{self.content(a)}
</div>
<footer class="entry-meta" aria-label="Entry meta">{self.taxonomies(a)}{self.navigation(a)}</footer>
</div>
</article>"""
        else:
            fig = f'<div class="post-thumbnail">{thumb}</div>' if thumb else ""
            main = f"""<article id="post-{a.article_id}" class="{self.post_classes(a)}">
<header class="entry-header"><h1 class="entry-title">{t}</h1>
<div class="entry-meta">{self.meta(a)}</div></header>
{fig}{summary}
<div class="entry-content">
{self.content(a)}
</div>
<footer class="entry-footer">{self.taxonomies(a)}</footer>
</article>
{self.navigation(a)}"""
        url = self.url(a.path)
        head = (f'<link rel="canonical" href="{attr(url)}" />\n<link rel=\'shortlink\' href=\'{self.base}/?p={a.article_id}\' />\n'
                f'<meta property="og:type" content="article" />\n'
                f'<meta property="article:published_time" content="{iso(a.published)}" />\n')
        if a.updated:
            head += f'<meta property="article:modified_time" content="{iso(a.updated)}" />\n'
        markup = self.page(f"{a.title} – {self.name}", main, head=head,
                           body_class=f"post-template-default single single-post postid-{a.article_id} single-format-standard")
        resp = self.article_response(a, markup)
        resp.headers["Link"] = f"<{self.base}/?p={a.article_id}>; rel=shortlink"
        return resp

    def list_item(self, a: Article) -> str:
        s = self.skin
        link = attr(self.url(a.path))
        title = f'<h2 class="entry-title"><a href="{link}" rel="bookmark">{esc(a.title)}</a></h2>'
        if s.theme == "twentytwentyone":
            return (f'<article id="post-{a.article_id}" class="{self.post_classes(a)}"><header class="entry-header">{title}</header>'
                    f'<div class="entry-content"><p>{self.excerpt(a)}</p></div>'
                    f'<footer class="entry-footer default-max-width"><div class="posted-by">{self.meta(a)}</div></footer></article>')
        inner = (f'<header class="entry-header">{title}<div class="entry-meta">{self.meta(a)}</div></header>'
                 f'<div class="entry-summary"><p>{self.excerpt(a)}</p></div>')
        if s.theme == "generatepress":
            return f'<article id="post-{a.article_id}" class="{self.post_classes(a)}"><div class="inside-article">{inner}</div></article>'
        return f'<article id="post-{a.article_id}" class="{self.post_classes(a)}">{inner}<footer class="entry-footer">{self.taxonomies(a)}</footer></article>'

    def archive(self, base_path: str, page: int) -> Response | None:
        heading, posts = self.archives()[base_path]
        pages = pages_of(posts, self.skin.per_page)
        if page > pages:
            return None
        items = "\n".join(self.list_item(a) for a in paginate(posts, self.skin.per_page, page))
        header = f'<header class="page-header"><h1 class="page-title">{esc(heading)}</h1></header>\n' if heading else ""
        nav = ""
        if pages > 1:
            links = []
            for n in range(1, pages + 1):
                href = self.base + base_path + ("" if n == 1 else f"page/{n}/")
                links.append(f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page
                             else f'<a class="page-numbers" href="{href}">{n}</a>')
            nav = f'\n<nav class="navigation pagination" aria-label="Bài viết"><div class="nav-links">{"".join(links)}</div></nav>'
        body_class = "home blog" if base_path == "/" else "blog" if base_path == self.posts_index else "archive"
        name = heading.split(": ", 1)[-1] if heading else "Tin tức"
        suffix = f" – Trang {page}" if page > 1 else ""
        return html(self.page(f"{name}{suffix} – {self.name}", header + items + nav, body_class=body_class))

    def front_page(self) -> Response:
        blocks = []
        for c in self.categories:
            rows = "".join(f'<li><a href="{attr(self.url(a.path))}">{esc(a.title)}</a> <span class="wp-block-latest-posts__post-date">'
                           f'{self.show_date(a.published)}</span></li>' for a in newest_first([a for a in self.articles if a.category is c])[:3])
            blocks.append(f'<div class="wp-block-group"><h2 class="wp-block-heading"><a href="{self.base}{c.path}">{esc(c.name)}</a></h2>'
                          f'<ul class="wp-block-latest-posts__list wp-block-latest-posts">{rows}</ul></div>')
        main = (f'<article id="post-2" class="post-2 page type-page status-publish hentry"><div class="entry-content">'
                f'{"".join(blocks)}</div></article>')
        return html(self.page(self.name, main, body_class="home page-template-default page page-id-2"))

    def static_page(self, path: str) -> Response:
        title, content = self.pages()[path]
        page_id = 10 + list(self.pages()).index(path)
        main = (f'<article id="post-{page_id}" class="post-{page_id} page type-page status-publish hentry">'
                f'<header class="entry-header"><h1 class="entry-title">{esc(title)}</h1></header>'
                f'<div class="entry-content">{content}</div></article>')
        return html(self.page(f"{title} – {self.name}", main, body_class=f"page-template-default page page-id-{page_id}"))

    def search(self, q: str) -> Response:
        hits = [a for a in newest_first(self.articles) if q in a.tags or q in a.title]
        header = f'<header class="page-header"><h1 class="page-title">Kết quả tìm kiếm cho: <span>{esc(q)}</span></h1></header>\n'
        items = "\n".join(self.list_item(a) for a in hits) or "<p>Không tìm thấy kết quả.</p>"
        return html(self.page(f"Kết quả tìm kiếm cho “{q}” – {self.name}", header + items, body_class="search search-results"))

    def feed(self) -> Response:
        items = "".join(
            f"<item><title>{esc(a.title)}</title><link>{esc(self.url(a.path))}</link>"
            f"<pubDate>{format_datetime(a.published.replace(tzinfo=PORTAL_TZ))}</pubDate>"
            f'<guid isPermaLink="false">{self.base}/?p={a.article_id}</guid></item>'
            for a in newest_first(self.articles)[:10])
        xml = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{esc(self.name)}</title>'
               f"<link>{self.base}</link>{items}</channel></rss>")
        return Response(200, xml.encode("utf-8"), "application/rss+xml; charset=UTF-8")

    def redirect(self, location: str, status: int = 301) -> Response:
        return Response(status, b"", headers={"Location": location, "X-Redirect-By": "WordPress"})

    def route(self, method, path, query, body, headers) -> Response | None:
        if method == "POST":
            return Response(405, b"", headers={"Allow": "GET, HEAD"})
        if path.startswith("/wp-admin"):
            return self.redirect(f"{self.base}/wp-login.php?redirect_to={quote(self.base + '/wp-admin/', safe='')}", 302)
        if path == "/wp-login.php":
            return html(self.page(f"Đăng nhập – {self.name}", '<div id="login"><h1>Đăng nhập</h1></div>', body_class="login"))
        if path == "/feed/":
            return self.feed()
        if path == "/" and query:
            params = parse_qs(query)
            if "s" in params:
                return self.search(params["s"][0])
            ids = params.get("p")
            post = next((a for a in self.articles if ids and a.article_id == ids[0]), None)
            if post is not None:
                return self.redirect(self.url(post.path))
        if not path.endswith("/"):
            return self.redirect(self.url(path + "/")) if self._known(path + "/") else None
        post = self.by_path().get(path)
        if post is not None:
            return self.single(post)
        if path in self.pages():
            return self.front_page() if path == "/" else self.static_page(path)
        base_path, page = split_page(path)
        if base_path in self.archives():
            if page == 1 and path != base_path:
                return self.redirect(self.url(base_path))
            return self.archive(base_path, page)
        return None

    def _known(self, path: str) -> bool:
        return path in self.by_path() or path in self.pages() or split_page(path)[0] in self.archives()


def split_page(path: str) -> tuple[str, int]:
    head, sep, tail = path.rpartition("/page/")
    if sep and tail.endswith("/") and tail[:-1].isdigit():
        return head + "/", int(tail[:-1])
    return path, 1


INTRO = """<p class="updated-on"><em>Cập nhật ngày 10/01/2024</em></p>
<p>{short} có diện tích tự nhiên 1,2 km², dân số hơn 14.000 người, được chia thành 12 khối phố; là một trong những địa bàn trung tâm của thành phố Vinh.</p>
<p>Trên địa bàn có nhiều cơ quan, trường học, bệnh viện của tỉnh và thành phố; hoạt động thương mại, dịch vụ phát triển mạnh.</p>
<p>Đảng bộ, chính quyền và nhân dân {short} nhiều năm liền hoàn thành xuất sắc nhiệm vụ, được tặng nhiều bằng khen của Chính phủ và UBND tỉnh.</p>"""

CONTACT = """<p><em>Cập nhật ngày 05/03/2024</em></p>
<p><strong>UBND {short}</strong></p>
<p>Địa chỉ: số 25, đường Lê Hồng Phong, thành phố Vinh, tỉnh Nghệ An. Điện thoại: 0238.3842.115.</p>
<p>Bộ phận tiếp nhận và trả kết quả làm việc từ thứ Hai đến sáng thứ Bảy hằng tuần, trong giờ hành chính.</p>"""
