"""Systems the crawler has no module for, in skins drawn from a seed: a DotNetNuke site
(police, an older department) and a Joomla site (a youth union, an association).

DotNetNuke (`DnnSkinSite`), after the DNN_News module of a provincial police site:
`<meta name="GENERATOR" content="DotNetNuke ">`, a RadMenu, the breadcrumb in
`span#dnn_dnnBREADCRUMB_lblBreadCrumb`, the article in `div.news_detail` (title
`span.Head` or `h1.Head`, date `span.NormalGray` "Thứ Ba, 12/03/2024 - 08:15", lead
`span.NormalBold`, body `div.Normal`, tools, "Các tin khác" / "Tin liên quan" in
`div.news_other`), side modules "Tin mới". Article URLs `/{tab}/{subtab}/{slug}-{id}`
or the older `/{tab}/tabid/{n}/ArticleID/{id}/Default.aspx`; listings paginated
`?page=2`. Non-article pages: `/gioi-thieu`, `/lien-he` (Text/HTML modules: heading,
date, paragraphs), search results `/tim-kiem?Search=...`.

Joomla (`JoomlaSkinSite`), Joomla 4 (Cassiopeia: `div.com-content-article.item-page`,
`h1[itemprop=headline]`) or Joomla 3 (Protostar: `div.item-page`, `h2[itemprop=headline]`):
`dl.article-info` with "Viết bởi:" (`dd.createdby`, the record's author when shown), the
category, `time[datetime]` "Ngày đăng: 26 Tháng 5 2024" (the time is in `datetime`);
tags `ul.tags`; body `div[itemprop=articleBody]` with the intro as a bold first paragraph
or none; previous/next `pagenavigation` (not related); `mod_related_items` "Bài viết liên
quan" (related) on some sites; JComments below some articles (not body). Article URLs
`/{cat}/{id}-{alias}.html`; category blogs `/{cat}.html` paginated `?start=N`.
Non-article pages: `/gioi-thieu.html` (a page of the content component without article
info, its update date in the text), `/lien-he.html` (com_contact), tag pages
`/component/tags/tag/{alias}.html`, search results `/tim-kiem.html?q=...`.
"""

from __future__ import annotations

import random
from datetime import datetime
from types import SimpleNamespace
from urllib.parse import parse_qs, quote

from ..response import Response
from ..textutil import slugify
from .corpus import AUTHORS, SOURCES
from .model import (
    WEEKDAYS,
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
)

# --- DotNetNuke ---------------------------------------------------------------------------

DNN_TABS = (
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", (("an-ninh-trat-tu", "An ninh trật tự"), ("hoat-dong-nganh", "Hoạt động ngành"))),
    ("tin-tuc", "Tin tức", (("tin-trong-tinh", "Tin trong tỉnh"), ("cai-cach-hanh-chinh", "Cải cách hành chính"))),
)
DNN_HABITS = Habits(
    lead_styles={"element": 6, "bold_p": 2, "none": 2},
    bylines={"body_p": 5, "label": 3, "none": 2},
    date_forms={"weekday": 5, "dmy_hm": 3, "dmy": 2},
    image_styles={"em_p": 1},
    source_at={"none": 8, "body": 2},
    text_modes={"nfc": 1},
    tag_rate=0.0,
)


class DnnSkinSite(SkinSite):
    engine = "dnn"
    layout = "generic"
    server_header = "Microsoft-IIS/8.5"

    def __init__(self, host: str, name: str, rng: random.Random, corpus) -> None:
        super().__init__(host, name)
        tab, tab_name, subs = rng.choice(DNN_TABS)
        self.tab, self.tab_name = tab, tab_name
        self.url_style = rng.choice(("slug_id", "tabid"))
        self.title_tag = rng.choice(("span", "h1"))
        self.related_heading = rng.choice(("Các tin khác", "Tin liên quan"))
        self.per_page = rng.randint(3, 5)
        for k, (slug, cname) in enumerate(subs):
            self.categories.append(Category(slug, cname, 80 + 5 * k, f"/{tab}/{slug}"))
        self.skin = SimpleNamespace(system="dnn", tab=tab, url_style=self.url_style, title_tag=self.title_tag,
                                    related_heading=self.related_heading, per_page=self.per_page)
        self.articles = draft_articles(
            rng, corpus, count=rng.randint(6, 9), categories=self.categories, habits=DNN_HABITS,
            start=datetime(2023, 4, 1), days=1000, authors=AUTHORS, sources=SOURCES,
        )
        next_id = rng.randint(15000, 19000)
        for a in self.articles:
            next_id += rng.randint(2, 30)
            a.article_id = str(next_id)
            if self.url_style == "slug_id":
                a.path = f"{a.category.path}/{slugify(a.title)}-{a.article_id}"
            else:
                a.path = f"{a.category.path}/tabid/{a.category.id}/ArticleID/{a.article_id}/Default.aspx"
            for k, img in enumerate(a.images):
                img.src = f"/Portals/0/Images/{a.published:%Y/%m}/{slugify(a.title)[:20].rstrip('-')}-{k + 1}.jpg"
        for a in self.articles:
            a.related = [b for b in newest_first(self.articles) if b.category is a.category and b is not a][:3]

    def disallowed(self) -> list[str]:
        return ["/Admin/", "/Login", "/DesktopModules/"]

    def non_article_paths(self) -> list[str]:
        paths = ["/", "/gioi-thieu", "/lien-he", "/tim-kiem?Search=" + quote("an ninh")]
        for c in self.categories:
            n = pages_of(self.listing(c), self.per_page)
            paths += [c.path] + [f"{c.path}?page={k}" for k in range(2, n + 1)]
        return paths

    def listing(self, cat: Category) -> list[Article]:
        return newest_first([a for a in self.articles if a.category is cat])

    def page(self, title: str, main: str, crumbs: list[tuple[str, str]], description: str = "") -> str:
        menu = "".join(f'<li class="rmItem"><a class="rmLink rmRootLink" href="{c.path}"><span class="rmText">{esc(c.name)}</span></a></li>'
                       for c in self.categories)
        crumb = " › ".join(f'<a href="{self.url(h)}" class="Breadcrumb">{esc(n)}</a>' for h, n in crumbs)
        latest = "".join(f'<li><a href="{attr(a.path)}">{esc(a.title)}</a></li>' for a in newest_first(self.articles)[:4])
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml">
<head id="Head"><meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<meta id="MetaDescription" name="DESCRIPTION" content="{attr(description or self.name)}" />
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<title>{esc(title)}</title>
<link href="/Portals/_default/default.css?cdv=52" type="text/css" rel="stylesheet"/>
</head>
<body id="Body">
<form method="post" action="" id="Form" enctype="multipart/form-data">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk" />
<div id="dnn_wrapper">
<div id="dnn_topbar" class="topbar"><a id="dnn_dnnLOGIN_loginLink" class="LoginLink" rel="nofollow" href="/Login?returnurl=%2f">Đăng nhập</a></div>
<div id="dnn_header" class="header"><a title="{attr(self.name)}" href="/"><img src="/Portals/0/banner.png" alt="{attr(self.name)}" /></a></div>
<div id="dnn_dnnMENU_RadMenu1" class="RadMenu RadMenu_Default"><ul class="rmRootGroup rmHorizontal">
<li class="rmItem rmFirst"><a class="rmLink rmRootLink" href="/"><span class="rmText">Trang chủ</span></a></li>
<li class="rmItem"><a class="rmLink rmRootLink" href="/gioi-thieu"><span class="rmText">Giới thiệu</span></a></li>
{menu}
<li class="rmItem rmLast"><a class="rmLink rmRootLink" href="/lien-he"><span class="rmText">Liên hệ</span></a></li>
</ul></div>
<div class="breadcrumb-bar"><span class="breadcrumb-label">Bạn đang ở:</span> <span id="dnn_dnnBREADCRUMB_lblBreadCrumb">{crumb}</span></div>
<table id="dnn_layout" width="100%" cellspacing="0" cellpadding="0" border="0"><tr>
<td id="dnn_ContentPane" class="ContentPane" valign="top">
{main}
</td>
<td id="dnn_RightPane" class="RightPane" valign="top" width="300">
<div class="DnnModule DnnModule-DNN_News"><div class="c_head"><h2 class="c_title"><span class="Head">Tin mới</span></h2></div>
<div class="c_content"><ul class="news_latest">{latest}</ul></div></div>
</td></tr></table>
<div id="dnn_footer" class="footer"><p>{esc(self.name)} - Đường dây nóng: 069.2900.111</p>
<p><a href="/lien-he">Liên hệ</a> | <a href="/tim-kiem?Search={quote('an ninh')}">Tìm kiếm</a></p></div>
</div>
</form>
</body>
</html>
"""

    def module(self, title: str, inner: str, mid: int = 456) -> str:
        return (f'<div class="DnnModule DnnModule-DNN_News DnnModule-{mid}"><a name="{mid}"></a><div class="c_container c_head_blue">'
                f'<div class="c_head"><h2 class="c_title"><span id="dnn_ctr{mid}_dnnTITLE_titleLabel" class="Head">{esc(title)}</span></h2></div>'
                f'<div id="dnn_ctr{mid}_ContentPane" class="c_content"><div id="dnn_ctr{mid}_ModuleContent" class="DNNModuleContent ModDNNNewsC">'
                f"{inner}</div></div></div></div>")

    def home(self) -> Response:
        blocks = []
        for c in self.categories:
            rows = "".join(f'<li><a href="{attr(a.path)}">{esc(a.title)}</a> <span class="NormalGray">({a.published:%d/%m/%Y})</span></li>'
                           for a in self.listing(c)[:3])
            blocks.append(self.module(c.name, f'<ul class="news_home">{rows}</ul><a href="{c.path}" class="more">Xem tiếp</a>', 400 + c.id))
        return html(self.page(self.name, "\n".join(blocks), [("/", "Trang chủ")]))

    def listing_page(self, cat: Category, page: int) -> Response | None:
        posts = self.listing(cat)
        pages = pages_of(posts, self.per_page)
        if not 1 <= page <= pages:
            return None
        rows = "".join(
            f'<div class="news_item"><h3><a href="{attr(a.path)}">{esc(a.title)}</a></h3>'
            f'<span class="NormalGray">{a.published:%d/%m/%Y}</span><p>{esc(a.lead or "")}</p></div>'
            for a in paginate(posts, self.per_page, page))
        pager = " ".join(f"<span class=\"CommandButton current\">{n}</span>" if n == page
                         else f'<a class="CommandButton" href="{cat.path}{"" if n == 1 else f"?page={n}"}">{n}</a>'
                         for n in range(1, pages + 1)) if pages > 1 else ""
        inner = f'<div class="news_list">{rows}</div><div class="news_pager">{pager}</div>'
        crumbs = [(f"/{self.tab}", self.tab_name), (cat.path, cat.name)]
        return html(self.page(f"{cat.name} - {self.name}", self.module(cat.name, inner), crumbs))

    def article_page(self, a: Article) -> Response:
        date = show_date_dnn(a)
        title = (f'<span id="dnn_ctr456_ViewNews_lblTitle" class="Head">{esc(a.title)}</span>' if self.title_tag == "span"
                 else f'<h1 id="dnn_ctr456_ViewNews_lblTitle" class="Head">{esc(a.title)}</h1>')
        lead = (f'<span id="dnn_ctr456_ViewNews_lblSummary" class="NormalBold">{esc(a.lead)}</span>'
                if a.lead_style == "element" and a.lead else "")
        body = assemble_body(a, para='<p style="text-align: justify;">{}</p>', image=lambda art, n: self.image(art, n),
                             bold_lead='<p style="text-align: justify;"><strong>{}</strong></p>')
        label = (f'<div class="news_author"><span class="NormalGray">Tác giả: {esc(a.author_text)}</span></div>'
                 if a.byline == "label" else "")
        rows = "".join(f'<li><a href="{attr(r.path)}">{esc(r.title)}</a> <span class="NormalGray">({r.published:%d/%m/%Y})</span></li>'
                       for r in a.related)
        other = f'<div class="news_other"><span class="Head">{esc(self.related_heading)}</span><ul>{rows}</ul></div>' if rows else ""
        inner = f"""<div id="dnn_ctr456_ViewNews_pnlDetail" class="news_detail">
{title}
<div class="news_info"><span id="dnn_ctr456_ViewNews_lblDate" class="NormalGray">{esc(date)}</span> <span class="sep">|</span> <span class="NormalGray">Lượt xem: 2.418</span></div>
{lead}
<div id="dnn_ctr456_ViewNews_lblContent" class="Normal">
{body}
</div>
{label}
<div class="news_tool"><a href="javascript:window.print();" class="print">In bài viết</a> <a href="javascript:history.back();" class="back">Quay lại</a></div>
{other}
</div>"""
        crumbs = [(f"/{self.tab}", self.tab_name), (a.category.path, a.category.name)]
        markup = self.page(f"{a.title} - {self.name}", self.module(self.tab_name, inner), crumbs, a.lead or "")
        return self.article_response(a, markup)

    def image(self, a: Article, n: int) -> str:
        img = a.images[n]
        out = f'<p style="text-align: center;"><img alt="" src="{attr(img.src)}" style="width: 600px; height: 400px;" /></p>'
        return out + ("\n" + caption_p(img.caption) if img.caption else "")

    def text_page(self, path: str, title: str, inner: str) -> Response:
        return html(self.page(f"{title} - {self.name}", self.module(title, f'<div class="Normal">{inner}</div>', 380), [(path, title)]))

    def route(self, method, path, query, body, headers) -> Response | None:
        if method == "POST":
            return html(self.page(self.name, "", [("/", "Trang chủ")]))
        if path in ("/", "/Default.aspx"):
            return self.home()
        if path == "/gioi-thieu":
            return self.text_page(path, "Giới thiệu", DNN_INTRO.format(name=esc(self.name)))
        if path == "/lien-he":
            return self.text_page(path, "Liên hệ", DNN_CONTACT.format(name=esc(self.name)))
        if path == "/tim-kiem":
            q = parse_qs(query).get("Search", [""])[0]
            rows = "".join(f'<div class="SearchResult"><a href="{attr(a.path)}" class="SubHead">{esc(a.title)}</a>'
                           f'<span class="Normal">{a.published:%d/%m/%Y}</span><p class="Normal">{esc(teaser(a))}</p></div>'
                           for a in newest_first(self.articles)[:3])
            return self.text_page(path, "Kết quả tìm kiếm", f"<p>Kết quả tìm kiếm cho: {esc(q)}</p>{rows}")
        if path == f"/{self.tab}":
            return self.home()
        cat = next((c for c in self.categories if c.path == path), None)
        if cat is not None:
            page = parse_qs(query).get("page", ["1"])[0]
            return self.listing_page(cat, int(page)) if page.isdigit() else None
        a = self.by_path().get(path)
        return self.article_page(a) if a is not None else None


def show_date_dnn(a: Article) -> str:
    d = a.published
    if a.date_form == "weekday":
        return f"{WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y - %H:%M}"
    if a.date_form == "dmy_hm":
        return f"{d:%d/%m/%Y %H:%M}"
    return f"{d:%d/%m/%Y}"


DNN_INTRO = """<p class="NormalGray">Ngày đăng: 02/09/2021 08:00</p>
<p>{name} là cơ quan chuyên môn, tham mưu giúp UBND tỉnh thực hiện chức năng quản lý nhà nước trong lĩnh vực được giao.</p>
<p>Lực lượng có các phòng nghiệp vụ và đơn vị cấp huyện, thường trực 24/24 giờ để tiếp nhận tin báo của nhân dân.</p>
<p>Nhiều năm qua, đơn vị luôn hoàn thành xuất sắc nhiệm vụ, được Nhà nước tặng nhiều phần thưởng cao quý.</p>"""

DNN_CONTACT = """<p class="NormalGray">Cập nhật: 11/01/2024</p>
<p><strong>{name}</strong></p>
<p>Địa chỉ: số 2, đường Trường Thi, thành phố Vinh, tỉnh Nghệ An. Đường dây nóng: 069.2900.111.</p>
<p>Người dân có thể gửi tin báo, tố giác tội phạm qua số điện thoại trên hoặc trực tiếp tại trụ sở.</p>"""


# --- Joomla -------------------------------------------------------------------------------

JOOMLA_CATEGORIES = (
    ("tin-tuc/hoat-dong", "Hoạt động"),
    ("tin-tuc/phong-trao", "Phong trào"),
    ("thong-bao", "Thông báo"),
)


def joomla_habits(show_author: bool) -> Habits:
    return Habits(
        lead_styles={"bold_p": 6, "none": 4},
        bylines={"meta": 1} if show_author else {"body_p": 4, "body_label": 3, "none": 3},
        date_forms={"dmy_hm": 1},
        image_styles={"em_p": 1},
        source_at={"none": 8, "body": 2},
        text_modes={"nfc": 1},
        tag_rate=0.6,
    )


class JoomlaSkinSite(SkinSite):
    engine = "joomla"
    layout = "generic"
    server_header = "Apache"

    def __init__(self, host: str, name: str, rng: random.Random, corpus) -> None:
        super().__init__(host, name)
        self.version = rng.choice(("j3", "j4"))
        self.show_author = rng.random() < 0.6
        self.related_module = rng.random() < 0.6
        self.comments = rng.random() < 0.4
        self.per_page = rng.randint(3, 4)
        for k, (slug, cname) in enumerate(rng.sample(JOOMLA_CATEGORIES, 2)):
            self.categories.append(Category(slug, cname, 8 + k, f"/{slug}.html"))
        self.skin = SimpleNamespace(system="joomla", version=self.version, show_author=self.show_author,
                                    related_module=self.related_module, comments=self.comments,
                                    per_page=self.per_page)
        self.articles = draft_articles(
            rng, corpus, count=rng.randint(6, 9), categories=self.categories,
            habits=joomla_habits(self.show_author), start=datetime(2023, 5, 1), days=900,
            authors=AUTHORS, sources=SOURCES,
        )
        next_id = rng.randint(800, 2400)
        users = rng.sample(("Hồ Thị Thu Trang", "Nguyễn Văn Hùng", "Lê Thị Mai"), 2)
        for a in self.articles:
            next_id += rng.randint(1, 9)
            a.article_id = str(next_id)
            a.shows_time = True  # time[datetime] carries it
            a.slug = slugify(a.title, 120)
            a.path = f"/{a.category.slug}/{a.article_id}-{a.slug}.html"
            if a.byline == "meta":
                a.authors = [rng.choice(users)]
            for k, img in enumerate(a.images):
                img.src = f"/images/{a.published:%Y/%m}/{a.slug[:20].rstrip('-')}-{k + 1}.jpg"
        if self.related_module:
            for a in self.articles:
                a.related = [b for b in newest_first(self.articles) if b.category is a.category and b is not a][:3]
        self.search_sample = "thanh niên"

    def disallowed(self) -> list[str]:
        return ["/administrator/", "/bin/", "/cache/", "/cli/", "/components/", "/includes/", "/installation/",
                "/language/", "/layouts/", "/libraries/", "/logs/", "/modules/", "/plugins/", "/tmp/"]

    def tags(self) -> dict[str, str]:
        return {slugify(t): t for a in self.articles for t in a.tags}

    def listing(self, cat: Category) -> list[Article]:
        return newest_first([a for a in self.articles if a.category is cat])

    def non_article_paths(self) -> list[str]:
        paths = ["/", "/gioi-thieu.html", "/lien-he.html", "/tim-kiem.html?q=" + quote(self.search_sample)]
        paths += [f"/component/tags/tag/{t}.html" for t in self.tags()]
        for c in self.categories:
            n = pages_of(self.listing(c), self.per_page)
            paths += [c.path] + [f"{c.path}?start={self.per_page * k}" for k in range(1, n)]
        return paths

    def page(self, title: str, main: str, crumbs: list[tuple[str | None, str]], body_class: str, head: str = "") -> str:
        menu = "".join(f'<li class="nav-item item-{110 + c.id}"><a href="{c.path}">{esc(c.name)}</a></li>' for c in self.categories)
        trail = [("/", "Trang chủ"), *crumbs]
        lis = "".join(
            (f'<li class="mod-breadcrumbs__item breadcrumb-item"><a href="{attr(h)}" class="pathway"><span>{esc(n)}</span></a></li>' if h
             else f'<li class="mod-breadcrumbs__item breadcrumb-item active"><span>{esc(n)}</span></li>')
            for h, n in trail)
        latest = "".join(f'<li><a href="{attr(a.path)}"><span>{esc(a.title)}</span></a></li>' for a in newest_first(self.articles)[:4])
        tpl = "cassiopeia" if self.version == "j4" else "protostar"
        return f"""<!DOCTYPE html>
<html lang="vi-vn" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Joomla! - Open Source Content Management">
{head}<title>{esc(title)}</title>
<link href="/templates/{tpl}/css/template.css" rel="stylesheet">
</head>
<body class="site com_content {body_class}">
<header class="header container-header"><div class="navbar-brand"><a class="brand-logo" href="/"><img src="/images/logo.png" alt="{attr(self.name)}"></a></div>
<ul class="mod-menu mod-list nav"><li class="nav-item item-101 default"><a href="/">Trang chủ</a></li>
<li class="nav-item item-102"><a href="/gioi-thieu.html">Giới thiệu</a></li>{menu}
<li class="nav-item item-107"><a href="/lien-he.html">Liên hệ</a></li></ul>
<form class="mod-finder form-search" action="/tim-kiem.html" method="get" role="search"><input type="text" name="q" class="form-control"></form>
</header>
<div class="site-grid"><div class="grid-child container-component">
<nav class="mod-breadcrumbs__wrapper" aria-label="Breadcrumbs"><ol class="mod-breadcrumbs breadcrumb">{lis}</ol></nav>
<main>
{main}
</main>
</div>
<div class="grid-child container-sidebar-right"><div class="sidebar-right card"><h3 class="card-header">Tin mới</h3>
<div class="card-body"><ul class="mod-articleslatest latestnews mod-list">{latest}</ul></div></div></div>
</div>
<footer class="container-footer footer"><p>&copy; 2024 {esc(self.name)}</p><p><a href="/lien-he.html">Liên hệ</a> | <a href="/tim-kiem.html?q={quote(self.search_sample)}">Tìm kiếm</a></p></footer>
</body>
</html>
"""

    def info(self, a: Article) -> str:
        rows = []
        if a.byline == "meta":
            rows.append(f'<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">'
                        f'Viết bởi: <span itemprop="name">{esc(a.authors[0])}</span></dd>')
        rows.append(f'<dd class="category-name">Danh mục: <a href="{a.category.path}" itemprop="genre">{esc(a.category.name)}</a></dd>')
        rows.append(f'<dd class="published"><time datetime="{iso(a.published)}" itemprop="datePublished">'
                    f"Ngày đăng: {a.published.day} Tháng {a.published.month} {a.published.year}</time></dd>")
        rows.append(f'<dd class="hits">Lượt xem: {300 + 17 * a.n}</dd>')
        return f'<dl class="article-info text-muted"><dt class="article-info-term">Chi tiết</dt>{"".join(rows)}</dl>'

    def article_page(self, a: Article) -> Response:
        tags = ""
        if a.tags:
            items = "".join(f'<li class="list-inline-item" itemprop="keywords"><a href="/component/tags/tag/{slugify(t)}.html" '
                            f'class="btn btn-sm btn-info">{esc(t)}</a></li>' for t in a.tags)
            tags = f'<ul class="tags list-inline">{items}</ul>'
        body = assemble_body(a, para='<p style="text-align: justify;">{}</p>', image=lambda art, n: self.image(art, n),
                             bold_lead='<p style="text-align: justify;"><strong>{}</strong></p>',
                             label_p='<p style="text-align: right;">Tác giả: <strong>{}</strong></p>')
        order = newest_first(self.articles)
        pos = order.index(a)
        nav = ""
        if pos + 1 < len(order):
            nav += f'<a class="btn btn-sm btn-secondary previous" href="{attr(order[pos + 1].path)}" rel="prev">Trước</a>'
        if pos > 0:
            nav += f'<a class="btn btn-sm btn-secondary next" href="{attr(order[pos - 1].path)}" rel="next">Tiếp theo</a>'
        if self.version == "j4":
            head = f'<div class="page-header"><h1 itemprop="headline">{esc(a.title)}</h1></div>'
            cls = "com-content-article item-page"
            body_cls = "com-content-article__body"
        else:
            head = f'<div class="page-header"><h2 itemprop="headline">{esc(a.title)}</h2></div>'
            cls = "item-page"
            body_cls = ""
        related = ""
        if a.related:
            items = "".join(f'<li><a href="{attr(r.path)}">{esc(r.title)}</a></li>' for r in a.related)
            related = f'<div class="moduletable"><h3>Bài viết liên quan</h3><ul class="mod-relateditems relateditems mod-list">{items}</ul></div>'
        comments = ""
        if self.comments:
            comments = ('<div id="jc"><div id="comments"><h4>Bình luận (1)</h4><div class="comment"><span class="comment-author">'
                        'Bạn đọc Nghi Lộc</span> <span class="comment-date">' + f"{a.published:%d.%m.%Y} 21:40"
                        + '</span><div class="comment-body">Hoạt động rất ý nghĩa, mong được tổ chức thường xuyên hơn.</div></div></div></div>')
        main = f"""<div class="{cls}" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="vi-VN">
{head}
{self.info(a)}
{tags}
<div itemprop="articleBody" class="{body_cls}">
{body}
</div>
<nav class="pagenavigation" aria-label="Điều hướng trang"><span class="pagination ms-0">{nav}</span></nav>
</div>
{related}
{comments}"""
        crumbs = [(a.category.path, a.category.name), (None, a.title)]
        meta = f'<meta name="author" content="{attr(a.authors[0])}">\n' if a.byline == "meta" else ""
        markup = self.page(f"{a.title} - {self.name}", main, crumbs, f"view-article itemid-{110 + a.category.id}", meta)
        return self.article_response(a, markup)

    def image(self, a: Article, n: int) -> str:
        img = a.images[n]
        out = f'<p style="text-align: center;"><img src="{attr(img.src)}" alt="" width="800" height="533" loading="lazy"></p>'
        return out + ("\n" + caption_p(img.caption) if img.caption else "")

    def blog(self, cat: Category, start: int) -> Response | None:
        posts = self.listing(cat)
        if start % self.per_page or not 0 <= start < max(len(posts), 1):
            return None
        items = "".join(
            f'<div class="com-content-category-blog__item blog-item"><div class="page-header"><h2><a href="{attr(a.path)}">{esc(a.title)}</a></h2></div>'
            f'<dl class="article-info"><dd class="published"><time datetime="{iso(a.published)}">Ngày đăng: {a.published.day} Tháng {a.published.month} {a.published.year}</time></dd></dl>'
            f'<p>{esc(teaser(a))}</p><p class="readmore"><a class="btn btn-secondary" href="{attr(a.path)}">Đọc thêm</a></p></div>'
            for a in posts[start:start + self.per_page])
        pages = pages_of(posts, self.per_page)
        links = "".join(f'<li class="page-item{" active" if k * self.per_page == start else ""}"><a class="page-link" href="{cat.path}'
                        f'{"" if k == 0 else f"?start={k * self.per_page}"}">{k + 1}</a></li>' for k in range(pages))
        pager = f'<div class="com-content-category-blog__navigation"><ul class="pagination">{links}</ul></div>' if pages > 1 else ""
        main = f'<div class="com-content-category-blog blog"><h1>{esc(cat.name)}</h1><div class="blog-items">{items}</div>{pager}</div>'
        return html(self.page(f"{cat.name} - {self.name}", main, [(None, cat.name)], "view-category layout-blog"))

    def home(self) -> Response:
        items = "".join(f'<div class="blog-item"><h2><a href="{attr(a.path)}">{esc(a.title)}</a></h2>'
                        f'<p class="text-muted">{a.published:%d/%m/%Y}</p></div>' for a in newest_first(self.articles)[:4])
        main = f'<div class="blog-featured"><h1>Tin nổi bật</h1>{items}</div>'
        return html(self.page(self.name, main, [], "view-featured"))

    def tag_page(self, alias: str) -> Response | None:
        tag = self.tags().get(alias)
        if tag is None:
            return None
        rows = "".join(f'<li class="list-group-item"><h3><a href="{attr(a.path)}">{esc(a.title)}</a></h3>'
                       f'<span class="tag-date">Ngày đăng: {a.published:%d/%m/%Y}</span></li>'
                       for a in newest_first(self.articles) if tag in a.tags)
        main = f'<div class="com-tags-tag tag-category"><h1>{esc(tag)}</h1><ul class="category list-group">{rows}</ul></div>'
        return html(self.page(f"{tag} - {self.name}", main, [(None, tag)], "com_tags view-tag"))

    def route(self, method, path, query, body, headers) -> Response | None:
        if method == "POST":
            return Response(405, b"", headers={"Allow": "GET, HEAD"})
        if path in ("/", "/index.php"):
            return self.home()
        if path == "/gioi-thieu.html":
            main = (f'<div class="com-content-article item-page"><div class="page-header"><h1>Giới thiệu</h1></div>'
                    f'<div itemprop="articleBody">{JOOMLA_INTRO.format(name=esc(self.name))}</div></div>')
            return html(self.page(f"Giới thiệu - {self.name}", main, [(None, "Giới thiệu")], "view-article"))
        if path == "/lien-he.html":
            main = (f'<div class="com-contact contact"><h1><span class="contact-name">{esc(self.name)}</span></h1>'
                    f'{JOOMLA_CONTACT}</div>')
            return html(self.page(f"Liên hệ - {self.name}", main, [(None, "Liên hệ")], "com_contact view-contact"))
        if path == "/tim-kiem.html":
            q = parse_qs(query).get("q", [""])[0]
            rows = "".join(f'<li class="result__item"><p class="result__title"><a href="{attr(a.path)}">{esc(a.title)}</a></p>'
                           f'<p class="result__description"><span class="result__date">{a.published:%d/%m/%Y}</span> {esc(teaser(a))}</p></li>'
                           for a in newest_first(self.articles)[:3])
            main = f'<div class="com-finder finder"><h1>Tìm kiếm: {esc(q)}</h1><ol class="com-finder__results-list">{rows}</ol></div>'
            return html(self.page(f"Tìm kiếm - {self.name}", main, [(None, "Tìm kiếm")], "com_finder view-search"))
        if path.startswith("/component/tags/tag/") and path.endswith(".html"):
            return self.tag_page(path[len("/component/tags/tag/"):-5])
        cat = next((c for c in self.categories if c.path == path), None)
        if cat is not None:
            start = parse_qs(query).get("start", ["0"])[0]
            return self.blog(cat, int(start)) if start.isdigit() else None
        a = self.by_path().get(path)
        return self.article_page(a) if a is not None else None


JOOMLA_INTRO = """<p><em>Cập nhật ngày 08/01/2024</em></p>
<p>{name} là tổ chức chính trị - xã hội của thanh niên, tập hợp, đoàn kết đoàn viên, thanh niên trên địa bàn toàn tỉnh.</p>
<p>Toàn tỉnh hiện có 21 huyện, thành, thị đoàn và đoàn trực thuộc với hơn 250.000 đoàn viên.</p>
<p>Các phong trào thanh niên tình nguyện, khởi nghiệp, chuyển đổi số được triển khai sâu rộng, tạo dấu ấn tốt đẹp.</p>"""

JOOMLA_CONTACT = """<p class="text-muted">Cập nhật: 03/02/2024</p>
<dl class="com-contact__address contact-address dl-horizontal"><dd><span class="contact-street">Số 2, đường Hồ Tùng Mậu, thành phố Vinh, tỉnh Nghệ An</span></dd>
<dd><span class="contact-telephone">0238.3844.679</span></dd></dl>
<p>Mọi thông tin, góp ý xin gửi qua biểu mẫu dưới đây; chúng tôi sẽ phản hồi sớm nhất.</p>
<form class="contact-form"><input type="text" name="jform[contact_name]"><textarea name="jform[contact_message]"></textarea></form>"""
