"""NukeViet 4 in skins drawn from a seed: a commune site's news module.

Markup after NukeViet's own templates (`themes/default/modules/news/`, written anew):
`<meta name="generator" content="NukeViet v4.x">` on every page; articles at
`{module}/{cat}/{alias}-{id}.html` in `div.news_column` (`.panel.panel-default` >
`.panel-body`, or the older bare `div.news_column`) with `h1.title[itemprop=headline]`,
hidden schema.org spans (`dateModified` filled with the publish date, as NukeViet does),
the date in `span.h5`, the lead in `div.hometext[itemprop=description]` beside the home
image (a `figure.article`, never a record image), the body `div#news-bodyhtml.bodytext`,
credits as `p.h5.text-right` lines "Tác giả: " and "Nguồn tin: ", keywords linking
`{module}/tag/{alias}`, then "Những tin mới hơn" / "Những tin cũ hơn" (the record's
`related`, newer then older).

What the seed picks (`NvSkin`): where the news module lives (the site root, `/news`, or a
renamed `/tin-tuc`; off the root, `/` is a home of blocks), the listing template
(`viewcat_page_new` panels, `viewcat_list_new` titles with times, `viewcat_grid_new`
thumbnails), the home (the module's newest posts paginated `/page-2`, or category blocks
in a shuffled order like `viewcat_main_right`), the panel or bare `div.news_column`, the
detail date ("Thứ sáu - 15/09/2023 22:57", "15/09/2023 22:57" or "22:57 15/09/2023"),
how many newer/older links, the side blocks, the version in the generator meta.

Per article: lead in `div.hometext` (bare, `<strong>` or `<p>`), as a bold first body
paragraph, or none (hometext left empty); byline as the "Tác giả:" field (one or two
names, "Hồ Phương - Lê Minh"), a last bold right-aligned body paragraph, or none; source
in "Nguồn tin:"; images as `figure.image` + `figcaption` or a centred image paragraph
(caption, if any, in an `<em>` paragraph below).

Non-article pages: tag pages, the `page` module's `/about/gioi-thieu-chung.html`
(heading, date, paragraphs), the `contact` module's `/contact/`, the `seek` module's
search results `/seek/?q=...`; robots.txt as NukeViet ships it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, quote

from ..response import Response
from ..textutil import slugify
from .corpus import AUTHORS, SOURCES
from .model import (
    WEEKDAYS_LOWER,
    Article,
    Category,
    Habits,
    SkinSite,
    assemble_body,
    attr,
    caption_p,
    draft_articles,
    esc,
    html,
    iso,
    newest_first,
    pages_of,
    paginate,
    teaser,
    weighted,
)

CATEGORY_POOL = (
    ("tin-tuc", "Tin tức"),
    ("thong-bao", "Thông báo"),
    ("hoat-dong", "Hoạt động"),
    ("kinh-te-xa-hoi", "Kinh tế - Xã hội"),
    ("an-ninh-quoc-phong", "An ninh - Quốc phòng"),
    ("van-hoa-the-thao", "Văn hóa - Thể thao"),
)


@dataclass
class NvSkin:
    module: str  # "", "/news", "/tin-tuc"
    list_tpl: str  # "page_new", "list_new", "grid"
    home_tpl: str  # "module" (newest posts, paginated) or "blocks"
    panel: bool
    date_style: str  # "weekday", "dmy_hm", "hm_dmy"
    related_each: int
    per_page: int
    version: str
    hometext_wrap: str  # "", "strong", "p"
    side_blocks: list[str]
    block_order: list[int]


def draw_skin(rng: random.Random) -> NvSkin:
    module = weighted(rng, {"": 5, "/news": 2, "/tin-tuc": 2})
    return NvSkin(
        module=module,
        list_tpl=rng.choice(("page_new", "list_new", "grid")),
        home_tpl=rng.choice(("module", "blocks")) if module == "" else "blocks",
        panel=rng.random() < 0.7,
        date_style=rng.choice(("weekday", "dmy_hm", "hm_dmy")),
        related_each=rng.randint(2, 4),
        per_page=rng.randint(4, 5),
        version=rng.choice(("4.3", "4.4", "4.5")),
        hometext_wrap=rng.choice(("", "strong", "p")),
        side_blocks=[b for b in ("latest", "members", "links") if rng.random() < 0.6],
        block_order=rng.sample(range(3), 3),
    )


HABITS = Habits(
    lead_styles={"element": 6, "bold_p": 2, "none": 2},
    bylines={"meta": 5, "body_p": 3, "none": 2},
    date_forms={"dmy_hm": 1},
    image_styles={"figure": 1, "p_center": 1},
    source_at={"none": 6, "element": 4},
    text_modes={"nfc": 8, "nfd": 1, "nfd_body": 1},
)


class NukeVietSkinSite(SkinSite):
    engine = "nukeviet"
    layout = "nukeviet"
    server_header = "Apache"

    def __init__(self, host: str, name: str, short: str, rng: random.Random, corpus) -> None:
        super().__init__(host, name)
        self.short = short  # "xã Quang Châu"
        self.skin = s = draw_skin(rng)
        pool = [c for c in CATEGORY_POOL if not (s.module == "/tin-tuc" and c[0] == "tin-tuc")]
        for slug, cname in rng.sample(pool, rng.randint(2, 3)):
            self.categories.append(Category(slug, cname, 0, f"{s.module}/{slug}/"))
        self.articles = draft_articles(
            rng, corpus, count=rng.randint(6, 10), categories=self.categories, habits=HABITS,
            start=datetime(2023, 3, 1), days=1000, authors=AUTHORS, sources=SOURCES,
        )
        next_id = rng.randint(20, 400)
        for a in self.articles:
            next_id += rng.randint(1, 12)
            a.article_id = str(next_id)
            a.shows_time = True
            a.path = f"{s.module}/{a.category.slug}/{slugify(a.title, 250)}-{a.article_id}.html"
            for k, img in enumerate(a.images):
                img.src = f"/uploads/news/{a.published:%Y_%m}/{slugify(a.title)[:20].rstrip('-')}-{k + 1}.jpg"
        for a in self.articles:
            same = newest_first([b for b in self.articles if b.category is a.category])
            pos = same.index(a)
            newer = same[max(0, pos - s.related_each):pos]
            older = same[pos + 1:pos + 1 + s.related_each]
            a.extra["newer"], a.extra["older"] = newer, older
            a.related = newer + older
        self.seek_sample = rng.choice([t for a in self.articles for t in a.tags] or ["nông thôn mới"])

    # --- model ----------------------------------------------------------------------
    def tag_alias(self, tag: str) -> str:
        return slugify(tag, 250)

    def tags(self) -> dict[str, str]:
        return {self.tag_alias(t): t for a in self.articles for t in a.tags}

    def listing(self, cat: Category | None) -> list[Article]:
        return newest_first([a for a in self.articles if cat is None or a.category is cat])

    def thumb(self, a: Article) -> str:
        if a.images:
            return a.images[0].src.replace("/uploads/", "/assets/")
        return "/themes/default/images/no_image.png"

    def disallowed(self) -> list[str]:
        return ["/admin/", "/data/", "/includes/", "/install/", "/vendor/", "/index.php?nv=users"]

    def non_article_paths(self) -> list[str]:
        s = self.skin
        paths = ["/", "/about/gioi-thieu-chung.html", "/contact/", "/seek/?q=" + quote(self.seek_sample)]
        paths += [f"{s.module}/tag/{alias}" for alias in self.tags()]
        return paths + [c.path for c in self.categories] + ([f"{s.module}/"] if s.module else [])

    # --- chrome ---------------------------------------------------------------------
    def page(self, title: str, main: str, *, trail=(), meta: str = "", canonical: str | None = None) -> str:
        s = self.skin
        menu = "".join(f'<li><a href="{c.path}" title="{attr(c.name)}">{esc(c.name)}</a></li>' for c in self.categories)
        # Off the site root, NukeViet puts the module's own title between home and the rest.
        module = [(f"{s.module}/", "Tin Tức")] if s.module and trail and trail[0][0].startswith(s.module + "/") else []
        crumbs = [("/", "Trang nhất"), *module, *trail]
        lis = "".join(
            f'<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            f'<a href="{attr(h)}" itemprop="item" title="{attr(n)}"><span itemprop="name">{esc(n)}</span></a>'
            f'<i class="hidden" itemprop="position" content="{k}"></i></li>'
            for k, (h, n) in enumerate(crumbs, 1))
        side = "".join(self.side_block(b) for b in s.side_blocks)
        canon = f'<link rel="canonical" href="{attr(canonical)}">\n' if canonical else ""
        return f"""<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">
<head>
<title>{esc(title)}</title>
<meta name="description" content="{attr(title)}">
<meta name="generator" content="NukeViet v{s.version}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
{meta}{canon}<link rel="StyleSheet" href="/themes/default/css/bootstrap.non-responsive.css">
<link rel="StyleSheet" href="/themes/default/css/style.css">
<link rel="StyleSheet" href="/themes/default/css/news.css">
</head>
<body>
<div class="body-bg"><div class="wraper">
<header><div class="container"><div id="header" class="row">
<div class="logo col-xs-24 col-sm-24 col-md-8"><a title="{attr(self.name)}" href="/"><img src="/uploads/logo.png" alt="{attr(self.name)}"></a>
<span class="site_name">{esc(self.name)}</span><span class="site_description">Ủy ban nhân dân {esc(self.short)}</span></div>
</div></div></header>
<nav class="second-nav" id="menusite"><div class="container"><div class="row"><div class="bg box-shadow">
<div class="navbar navbar-default navbar-static-top" role="navigation"><ul class="nav navbar-nav">
<li><a class="home" title="Trang nhất" href="/"><em class="fa fa-lg fa-home">&nbsp;</em><span class="visible-xs-inline-block"> Trang nhất</span></a></li>
<li><a href="/about/gioi-thieu-chung.html" title="Giới thiệu">Giới thiệu</a></li>
{menu}
<li><a href="/contact/" title="Liên hệ">Liên hệ</a></li>
</ul></div></div></div></div></nav>
<section><div class="container" id="body">
<nav class="third-nav"><div class="row"><div class="bg"><div class="clearfix"><div class="col-xs-24 col-sm-18 col-md-18">
<div class="breadcrumbs-wrap"><div class="display"><ul class="breadcrumbs list-none"></ul></div>
<ul class="temp-breadcrumbs hidden" itemscope itemtype="https://schema.org/BreadcrumbList">{lis}</ul></div>
</div></div></div></div></nav>
<div class="row"><div class="col-sm-16 col-md-18">
{main}
</div><div class="col-sm-8 col-md-6">{side}</div></div>
</div></section>
</div>
<footer id="footer" class="wraper"><div class="container">
<p><strong>{esc(self.name.upper())}</strong></p>
<p>Chịu trách nhiệm: Chủ tịch UBND {esc(self.short)} - Điện thoại: 0238.3871.234</p>
<p><a href="/contact/">Liên hệ</a> | <a href="/seek/?q={quote(self.seek_sample)}">Tìm kiếm</a> | <a href="/admin/">Quản trị</a></p>
</div></footer>
</div>
<script src="/assets/js/jquery/jquery.min.js"></script>
</body>
</html>
"""

    def side_block(self, kind: str) -> str:
        if kind == "latest":
            items = "".join(f'<li class="clearfix"><a href="{attr(a.path)}" title="{attr(a.title)}">{esc(a.title)}</a></li>'
                            for a in self.listing(None)[:4])
            return (f'<div class="panel panel-primary"><div class="panel-heading">Tin mới</div>'
                    f'<div class="panel-body"><ul class="block_tophits list-none list-items">{items}</ul></div></div>')
        if kind == "members":
            return ('<div class="panel panel-default"><div class="panel-heading">Thành viên</div>'
                    '<div class="panel-body"><a href="/index.php?nv=users&amp;op=login">Đăng nhập</a></div></div>')
        return ('<div class="panel panel-default"><div class="panel-heading">Liên kết</div><div class="panel-body">'
                '<ul><li><a href="http://www.nghean.gov.vn/">Cổng TTĐT tỉnh Nghệ An</a></li></ul></div></div>')

    # --- listings -------------------------------------------------------------------
    def items(self, posts: list[Article], tpl: str | None = None) -> str:
        tpl = tpl or self.skin.list_tpl
        rows = []
        for a in posts:
            href, t = attr(a.path), attr(a.title)
            when = f"{a.published:%H:%M %d/%m/%Y}"
            if tpl == "list_new":
                rows.append(f'<li><em class="fa fa-angle-right">&nbsp;</em><a href="{href}" title="{t}">{esc(a.title)}</a>'
                            f' <span class="text-muted">({when})</span></li>')
            elif tpl == "grid":
                rows.append(f'<div class="col-xs-24 col-sm-12 col-md-8"><div class="thumbnail">'
                            f'<a title="{t}" href="{href}"><img alt="{t}" src="{attr(self.thumb(a))}" class="img-thumbnail"></a>'
                            f'<div class="caption text-center"><h3><a title="{t}" href="{href}">{esc(a.title)}</a></h3>'
                            f'<span class="text-muted">{when}</span></div></div></div>')
            else:
                rows.append(f"""<div class="news_column panel panel-default"><div class="panel-body">
<a href="{href}" title="{t}"><img alt="{t}" src="{attr(self.thumb(a))}" width="100" class="img-thumbnail pull-left imghome"></a>
<h3><a href="{href}" title="{t}">{esc(a.title)}</a></h3>
<div class="text-muted"><ul class="list-unstyled list-inline"><li><em class="fa fa-clock-o">&nbsp;</em> {when}</li>
<li><em class="fa fa-eye">&nbsp;</em> Xem: {100 + 7 * a.n}</li></ul></div>
<div class="hometext">{esc(a.lead or "")}</div><div class="clearfix"></div></div></div>""")
        if tpl == "list_new":
            return f'<ul class="related list-none list-items">{"".join(rows)}</ul>'
        if tpl == "grid":
            return f'<div class="row">{"".join(rows)}</div>'
        return "\n".join(rows)

    def pager(self, prefix: str, page: int, pages: int) -> str:
        if pages <= 1:
            return ""

        def url(n: int) -> str:
            return f"{prefix}/" if n == 1 else f"{prefix}/page-{n}"

        lis = []
        for n in range(1, pages + 1):
            lis.append(f'<li class="active"><a href="#">{n}</a></li>' if n == page
                       else f'<li><a href="{url(n)}" title="Trang {n}">{n}</a></li>')
        if page < pages:
            lis.append(f'<li><a rel="next" href="{url(page + 1)}" title="Trang sau">&raquo;</a></li>')
        return f'<div class="text-center"><ul class="pagination">{"".join(lis)}</ul></div>'

    def listing_response(self, cat: Category | None, page: int) -> Response | None:
        s = self.skin
        posts = self.listing(cat)
        pages = pages_of(posts, s.per_page)
        if page > pages:
            return None
        prefix = cat.path.rstrip("/") if cat else s.module
        title = cat.name if cat else "Tin Tức"
        trail = [(cat.path, cat.name)] if cat else []
        main = (f'<div class="viewcat-{s.list_tpl}">\n{self.items(paginate(posts, s.per_page, page))}\n'
                f'{self.pager(prefix, page, pages)}\n</div>')
        suffix = f" - Trang {page}" if page > 1 else ""
        return html(self.page(f"{title}{suffix} - {self.name}", main, trail=trail))

    def home_blocks(self) -> Response:
        order = [self.categories[i] for i in self.skin.block_order if i < len(self.categories)]
        blocks = []
        for c in order:
            posts = self.listing(c)[:3]
            if not posts:
                continue
            first, rest = posts[0], posts[1:]
            others = "".join(f'<li><a href="{attr(a.path)}" title="{attr(a.title)}">{esc(a.title)}</a></li>' for a in rest)
            blocks.append(f"""<div class="news_column panel panel-default">
<div class="panel-heading"><h2><a title="{attr(c.name)}" href="{c.path}"><span>{esc(c.name)}</span></a></h2></div>
<div class="panel-body"><div class="row"><div class="col-md-12">
<a href="{attr(first.path)}" title="{attr(first.title)}"><img src="{attr(self.thumb(first))}" alt="{attr(first.title)}" width="183" class="img-thumbnail pull-left imghome"></a>
<h3><a href="{attr(first.path)}" title="{attr(first.title)}">{esc(first.title)}</a></h3>
<p class="text-muted"><em class="fa fa-clock-o">&nbsp;</em> {first.published:%H:%M %d/%m/%Y}</p>
<div class="hometext">{esc(first.lead or "")}</div></div>
<div class="col-md-12"><ul class="related list-none list-items">{others}</ul></div></div></div></div>""")
        return html(self.page(self.name, '<div class="viewcat-main-right">\n' + "\n".join(blocks) + "\n</div>"))

    def tag_response(self, alias: str) -> Response | None:
        keyword = self.tags().get(alias)
        if keyword is None:
            return None
        posts = [a for a in self.listing(None) if keyword in a.tags]
        main = (f'<div class="page-header"><h1>{esc(keyword)}</h1></div>\n'
                f'<div class="viewcat-page-new">\n{self.items(posts, "page_new")}\n</div>')
        return html(self.page(f"{keyword} - {self.name}", main, trail=[(f"{self.skin.module}/tag/{alias}", keyword)]))

    # --- articles -------------------------------------------------------------------
    def image(self, a: Article, n: int) -> str:
        img = a.images[n]
        src = attr(img.src)
        if img.style == "figure" and img.caption:
            return (f'<figure class="image" style="display:inline-block"><img alt="{attr(img.caption)}" height="533" '
                    f'src="{src}" width="800"><figcaption>{esc(img.caption)}</figcaption></figure>')
        out = f'<p style="text-align:center"><img alt="" height="533" src="{src}" width="800"></p>'
        return out + ("\n" + caption_p(img.caption) if img.caption else "")

    def detail_date(self, a: Article) -> str:
        d = a.published
        if self.skin.date_style == "weekday":
            return f"{WEEKDAYS_LOWER[d.weekday()]} - {d:%d/%m/%Y %H:%M}"
        if self.skin.date_style == "hm_dmy":
            return f"{d:%H:%M %d/%m/%Y}"
        return f"{d:%d/%m/%Y %H:%M}"

    def credits(self, a: Article) -> str:
        lines = []
        if a.byline == "meta" and a.authors:
            lines.append(f'<p class="h5 text-right">\n<strong>Tác giả: </strong>{esc(a.author_text)}\n</p>')
        if a.source_at == "element" and a.source:
            lines.append(f'<p class="h5 text-right">\n<strong>Nguồn tin: </strong>{esc(a.source)}\n</p>')
        return '<div class="margin-bottom-lg">\n' + "\n".join(lines) + "\n</div>" if lines else ""

    def keywords(self, a: Article) -> str:
        if not a.tags:
            return ""
        anchors = ", ".join(f'<a title="{attr(t)}" href="{self.skin.module}/tag/{self.tag_alias(t)}"><em>{esc(t)}</em></a>'
                            for t in a.tags)
        return ('<div class="news_column panel panel-default"><div class="panel-body"><div class="h5">'
                f'<em class="fa fa-tags">&nbsp;</em><strong>Từ khóa: </strong>{anchors}</div></div></div>')

    def others(self, a: Article) -> str:
        def block(label: str, posts: list[Article]) -> str:
            if not posts:
                return ""
            lis = "".join(f'<li><em class="fa fa-angle-right">&nbsp;</em><h4><a href="{attr(r.path)}" title="{attr(r.title)}">'
                          f'{esc(r.title)}</a></h4> <em>({r.published:%d/%m/%Y})</em></li>' for r in posts)
            return (f'<p class="h3"><strong>{label}</strong></p>'
                    f'<div class="clearfix"><ul class="related list-none list-items">{lis}</ul></div>')

        inner = block("Những tin mới hơn", a.extra["newer"]) + block("Những tin cũ hơn", a.extra["older"])
        return f'<div class="news_column panel panel-default"><div class="panel-body other-news">{inner}</div></div>' if inner else ""

    def article_page(self, a: Article) -> Response:
        s = self.skin
        url = self.url(a.path)
        homeimg = ""
        if a.images:
            homeimg = (f'<figure class="article left pointer"><div id="imgpreview" style="width:160px;">'
                       f'<p class="text-center"><img alt="{attr(a.title)}" src="{attr(self.thumb(a))}" class="img-thumbnail"></p>'
                       f"<figcaption>{esc(a.title)}</figcaption></div></figure>")
        lead = ""
        if a.lead_style == "element" and a.lead:
            inner = esc(a.lead)
            inner = f"<strong>{inner}</strong>" if s.hometext_wrap == "strong" else f"<p>{inner}</p>" if s.hometext_wrap == "p" else inner
            lead = f'<div class="hometext m-bottom" itemprop="description">{inner}</div>'
        body = assemble_body(a, para='<p style="text-align: justify;">{}</p>', image=lambda art, n: self.image(art, n),
                             bold_lead='<p style="text-align: justify;"><strong>{}</strong></p>')
        # NukeViet fills the schema's author from the "Tác giả" field, else with the site's name.
        schema_author = a.author_text if a.byline == "meta" else self.name
        inside = f"""<h1 class="title margin-bottom-lg" itemprop="headline">{esc(a.title)}</h1>
<div class="hidden hide d-none" itemprop="author" itemtype="http://schema.org/Person" itemscope><span itemprop="name">{esc(schema_author)}</span></div>
<span class="hidden hide d-none" itemprop="datePublished">{iso(a.published)}</span>
<span class="hidden hide d-none" itemprop="dateModified">{iso(a.published)}</span>
<span class="hidden hide d-none" itemprop="mainEntityOfPage">{esc(url)}</span>
<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">{self.detail_date(a)}</span></div>
<div class="col-md-12"><ul class="list-inline text-right"><li><a class="dimgray" rel="nofollow" title="In ra" href="javascript:void(0);"><em class="fa fa-print fa-lg">&nbsp;</em></a></li></ul></div></div>
<div class="clearfix">{homeimg}{lead}</div>
<div id="news-bodyhtml" class="bodytext margin-bottom-lg">
{body}
</div>
{self.credits(a)}"""
        if s.panel:
            detail = (f'<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" itemscope>'
                      f'<div class="panel-body">\n{inside}\n</div></div>')
        else:
            detail = f'<div class="news_column" itemtype="http://schema.org/NewsArticle" itemscope>\n{inside}\n</div>'
        main = f"{detail}\n{self.keywords(a)}\n{self.others(a)}"
        og = (f'<meta property="og:title" content="{attr(a.title)}">\n<meta property="og:type" content="article">\n'
              f'<meta property="og:url" content="{attr(url)}">\n'
              f'<meta property="article:published_time" content="{a.published:%Y-%m-%d}+07{a.published:%H:%M:%S}">\n'
              f'<meta property="article:section" content="{attr(a.category.name)}">\n')
        markup = self.page(f"{a.title} - {self.name}", main, trail=[(a.category.path, a.category.name)], meta=og, canonical=url)
        return self.article_response(a, markup)

    # --- other modules --------------------------------------------------------------
    def about(self) -> Response:
        main = f"""<div class="page panel panel-default"><div class="panel-body">
<h1 class="title margin-bottom-lg">Giới thiệu chung</h1>
<div class="margin-bottom-lg"><span class="h5">Thứ hai - 08/01/2024 09:15</span></div>
<div class="bodytext">
<p>{esc(self.short[:1].upper() + self.short[1:])} nằm ở phía Tây Bắc của huyện, có diện tích tự nhiên hơn 2.300 héc-ta, dân số khoảng 9.800 người, sinh sống ở 14 thôn.</p>
<p>Kinh tế của địa phương chủ yếu là sản xuất nông nghiệp, trồng lúa, ngô, chăn nuôi gia súc, gia cầm; những năm gần đây phát triển thêm các ngành nghề tiểu thủ công nghiệp, dịch vụ.</p>
<p>Năm 2020, địa phương được công nhận đạt chuẩn nông thôn mới; hiện đang phấn đấu xây dựng nông thôn mới nâng cao.</p>
</div></div></div>"""
        return html(self.page(f"Giới thiệu chung - {self.name}", main, trail=[("/about/gioi-thieu-chung.html", "Giới thiệu chung")]))

    def contact(self) -> Response:
        main = f"""<div class="panel panel-default"><div class="panel-body">
<h1>Liên hệ</h1>
<p class="text-muted">Cập nhật: 15/01/2024</p>
<p><strong>Văn phòng HĐND - UBND {esc(self.short)}</strong></p>
<p>Địa chỉ: Trụ sở UBND {esc(self.short)}, tỉnh Nghệ An. Điện thoại: 0238.3871.234.</p>
<p>Người dân có thể gửi ý kiến, kiến nghị qua biểu mẫu dưới đây; bộ phận tiếp nhận sẽ trả lời trong vòng 5 ngày làm việc.</p>
<form method="post" action="/contact/"><input type="text" name="fname"><textarea name="fcon"></textarea></form>
</div></div>"""
        return html(self.page(f"Liên hệ - {self.name}", main, trail=[("/contact/", "Liên hệ")]))

    def seek(self, q: str) -> Response:
        hits = [a for a in self.listing(None) if q in a.tags] or self.listing(None)[:3]
        rows = "".join(f'<div class="result"><h3><a href="{attr(a.path)}">{esc(a.title)}</a></h3>'
                       f'<p class="text-muted">{a.published:%d/%m/%Y %H:%M}</p><p>{esc(teaser(a))}</p></div>'
                       for a in hits)
        main = (f'<div class="panel panel-default"><div class="panel-body"><h1>Kết quả tìm kiếm</h1>'
                f'<p>Có {len(hits)} kết quả cho từ khóa <strong>{esc(q)}</strong></p>{rows}</div></div>')
        return html(self.page(f"Tìm kiếm - {self.name}", main, trail=[("/seek/", "Tìm kiếm")]))

    def route(self, method, path, query, body, headers) -> Response | None:
        if method == "POST":
            return Response(405, b"", headers={"Allow": "GET, HEAD"})
        s = self.skin
        if path == "/about/gioi-thieu-chung.html":
            return self.about()
        if path == "/contact/":
            return self.contact()
        if path == "/seek/":
            return self.seek(parse_qs(query).get("q", [""])[0])
        if path.startswith("/admin/") or path == "/index.php":
            return html(self.page("Đăng nhập", '<div class="users-login"><h2>Đăng nhập thành viên</h2></div>'))
        if path == "/":
            if s.home_tpl == "blocks":
                return self.home_blocks()
            return self.listing_response(None, 1)
        if not path.startswith(s.module + "/"):
            return None
        rest = path[len(s.module):]
        parts = rest.strip("/").split("/")
        if s.module and rest == "/":
            return self.listing_response(None, 1)
        if len(parts) == 1 and parts[0].startswith("page-") and parts[0][5:].isdigit():
            return self.listing_response(None, int(parts[0][5:])) if int(parts[0][5:]) >= 2 else None
        if len(parts) == 2 and parts[0] == "tag":
            return self.tag_response(parts[1])
        cat = next((c for c in self.categories if c.slug == parts[0]), None)
        if cat is not None:
            if len(parts) == 1:
                if not rest.endswith("/"):
                    return Response(301, b"", headers={"Location": self.url(cat.path)})
                return self.listing_response(cat, 1)
            if len(parts) == 2 and parts[1].startswith("page-") and parts[1][5:].isdigit() and int(parts[1][5:]) >= 2:
                return self.listing_response(cat, int(parts[1][5:]))
        a = self.by_path().get(path)
        return self.article_page(a) if a is not None else None

    def respond(self, method, target, body, headers) -> Response:
        resp = super().respond(method, target, body, headers)
        resp.headers.setdefault("X-Powered-By", "PHP/7.4.33")
        return resp
