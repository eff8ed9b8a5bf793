"""Pages of the replica, in the markup of VNPT vnPortal, and the routing that picks them.

Owns every byte the server sends: site chrome (header, menu, side boxes, footer), the
three article layouts ("a", "b", "c": different skins and editor habits, as a portal that
has run for years has), the changed template "moved" (the portal's later one: the date in
`span.NgayXuatBan` of an info bar above the title, the byline in `div.NguonTin` before the
body, neither with a label), category listings, the LoadArticle pagination fragment,
static pages, robots.txt and errors. Pages are rendered per request, so a site swapped
on a running server shows at once. Nothing on a page changes between two requests of
the same site (no counters, no clocks), so a page's bytes identify its content.

Nothing here is the record: what a page *means* is computed in `expected.py` from the
source data, never from this markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, quote

from .site import DISALLOWED_PREFIXES, ArticleSource, Category, Site, attachment_marker
from .textutil import attr, encode_text, esc

LOAD_ARTICLE_PATH = "/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
SITE_NAME = "Cổng thông tin điện tử tỉnh Nghệ An"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
BANNER_ALT = "Banner Tỉnh ủy Nghệ An (Home-latest-1)"
DATAFILES = "https://datafiles.nghean.gov.vn/nan-ubnd/2930"
# A document shown through the portal's viewer; the side box links it (robots disallow).
VIEWER_SAMPLE = "/Viewer?file=/Uploads/nan-ubnd/2930/vanban/ke-hoach-cai-cach-hanh-chinh-2024.pdf"
SEARCH_SAMPLE = "/tim-kiem?keyword=" + quote("Nguyễn Đức Trung")


PORTAL_TZ = timezone(timedelta(hours=7))  # the portal's local time (Asia/Ho_Chi_Minh)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # Set on article pages: when the article last changed (aware). The server turns it
    # into Last-Modified and answers conditional requests from it and the body's hash.
    last_modified: datetime | None = None


# --- small pieces -------------------------------------------------------------------


def format_date(article: ArticleSource, when=None) -> str:
    d = when or article.published
    fmt = article.date_format
    if fmt == "dmy":
        return d.strftime("%d/%m/%Y")
    if fmt == "dmy_short":
        return f"{d.day}/{d.month}/{d.year}"
    if fmt == "hm_dmy":
        return d.strftime("%H:%M %d/%m/%Y")
    if fmt == "dmy_hm":
        return d.strftime("%d/%m/%Y %H:%M")
    if fmt == "weekday":
        return f"{WEEKDAYS[d.weekday()]}, {d.strftime('%d/%m/%Y - %H:%M')}"
    if fmt == "dash_hms":
        return d.strftime("%d-%m-%Y %H:%M:%S")
    if fmt == "words":
        return f"Ngày {d.day} tháng {d.month} năm {d.year}"
    raise ValueError(fmt)


def link(base: str, path: str, style: str, n: int = 0) -> str:
    """An href for a same-site path, written the way this page writes its links."""
    if style == "mixed":
        style = ("plain", "pageindex", "absolute")[n % 3]
    if style == "pageindex":
        return path + "?pageindex=0"
    if style == "absolute":
        return base + path
    return path


def minify(markup: str) -> str:
    """Drop whitespace between tags: skin "b" ships its chrome minified."""
    return re.sub(r">\s+<", "><", markup)


# --- chrome -------------------------------------------------------------------------


def header(site: Site, base: str) -> str:
    menu = "\n".join(
        f'        <li class="menu-item"><a href="{c.path}">{esc(c.name)}</a></li>'
        for c in site.categories
    )
    return f"""  <div id="header" class="header">
    <div class="top-bar container">
      <span class="date-now" id="dateNow"></span>
      <a class="login" href="/Admin/Login.aspx">ĐĂNG NHẬP</a> |
      <a href="/so-do-cong-thong-tin">Sơ đồ cổng</a>
      <div class="search-box">
        <input type="text" id="txtKeyword" placeholder="Nhập từ khóa tìm kiếm">
        <button type="button" onclick="location.href='/tim-kiem?keyword='+encodeURIComponent(document.getElementById('txtKeyword').value)">Tìm kiếm</button>
      </div>
    </div>
    <div class="banner">
      <a href="/"><img alt="{attr(BANNER_ALT)}" src="{DATAFILES}/banner/banner-home-latest-1.png"></a>
    </div>
    <nav class="main-menu">
      <ul class="menu">
        <li class="menu-item home"><a href="/">Trang chủ</a></li>
        <li class="menu-item"><a href="/qua-trinh-hinh-thanh-va-phat-trien-62242">Giới thiệu</a></li>
{menu}
        <li class="menu-item"><a href="/lien-he">Liên hệ</a></li>
      </ul>
    </nav>
  </div>"""


def sidebar(site: Site, base: str) -> str:
    items = "\n".join(
        f'        <li><a href="{link(base, site.article_path(a), "mixed", n)}">{esc(a.title)}</a></li>'
        for n, a in enumerate(site.featured()[:5])
    )
    return f"""  <div class="col-md-4 sidebar">
    <div class="box box-hot">
      <div class="box-title"><span>Tin nổi bật</span></div>
      <ul class="list-hot">
{items}
      </ul>
    </div>
    <div class="box box-docs">
      <div class="box-title"><span>Văn bản mới</span></div>
      <ul>
        <li><a href="{VIEWER_SAMPLE}">Kế hoạch cải cách hành chính năm 2024</a></li>
        <li><a href="{SEARCH_SAMPLE}">Tìm văn bản chỉ đạo</a></li>
      </ul>
    </div>
    <div class="box box-links">
      <div class="box-title"><span>Thông tin hữu ích</span></div>
      <ul>
        <li><a href="/lien-he">Liên hệ - Góp ý</a></li>
        <li><a href="/so-do-cong-thong-tin">Sơ đồ cổng thông tin</a></li>
      </ul>
    </div>
    <div class="box box-poll">
      <div class="box-title"><span>Thăm dò ý kiến</span></div>
      <p>Bạn đánh giá thế nào về giao diện mới của Cổng thông tin?</p>
      <label><input type="radio" name="poll" value="1"> Đẹp, dễ sử dụng</label>
      <label><input type="radio" name="poll" value="2"> Bình thường</label>
      <button type="button" onclick="return false;">Biểu quyết</button>
    </div>
    <div class="box box-stats">Lượt truy cập: <span>12.345.678</span> | Đang online: <span>321</span></div>
  </div>"""


FOOTER = """  <div id="footer" class="footer">
    <div class="container">
      <p><strong>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NGHỆ AN</strong></p>
      <p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Nghệ An</p>
      <p>Địa chỉ: Số 03, đường Trường Thi, thành phố Vinh, tỉnh Nghệ An</p>
      <p>Điện thoại: 0238.3844.511 - Email: congthongtin@nghean.gov.vn</p>
      <p>Giấy phép số 45/GP-TTĐT do Sở Thông tin và Truyền thông cấp.</p>
      <p class="copyright">© Bản quyền thuộc Cổng thông tin điện tử tỉnh Nghệ An. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
    </div>
  </div>"""

SCRIPTS = """  <script src="/Portals/_default/Skins/nghean/js/jquery.min.js"></script>
  <script src="/Portals/_default/Skins/nghean/js/bootstrap.min.js"></script>
  <script type="text/javascript">
    var d = new Date();
    document.getElementById("dateNow").innerHTML = d.toLocaleDateString("vi-VN");
    window.dataLayer = window.dataLayer || [];
    function gtag(){dataLayer.push(arguments);}
  </script>"""


def page(
    site: Site,
    base: str,
    *,
    title: str,
    main: str,
    head_extra: str = "",
    skin: str = "a",
) -> str:
    """A whole page: the shared chrome around `main` (inserted untouched)."""
    marker = "<!--MAIN-->"
    head_meta = (
        '  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        if skin == "c"
        else '  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">'
    )
    doc = f"""<!DOCTYPE html>
<html lang="vi">
<head>
{head_meta}
  <title>{esc(title)}</title>
  <link rel="stylesheet" href="/Portals/_default/Skins/nghean/css/style.css">
{head_extra}</head>
<body class="skin-{skin}">
<form method="post" action="" id="Form" enctype="multipart/form-data">
<div id="wrapper">
{header(site, base)}
  <div class="container main">
    <div class="row">
      <div class="col-md-8 content-pane">
{marker}
      </div>
{sidebar(site, base)}
    </div>
  </div>
{FOOTER}
</div>
</form>
{SCRIPTS}
</body>
</html>
"""
    if skin == "b":
        doc = minify(doc)
    return doc.replace(marker, main)


def html_response(markup: str, *, skin: str = "a", status: int = 200) -> Response:
    if skin == "c":
        # The old skin's pages go out with CRLF line ends and no charset in the header
        # (only in the <meta>), as IIS served them.
        return Response(status, markup.replace("\n", "\r\n").encode("utf-8"), "text/html")
    return Response(status, markup.encode("utf-8"))


# --- article pages ------------------------------------------------------------------


def _attachment_anchor(att, *, with_class: bool) -> str:
    cls = ' class="link-download"' if with_class else ""
    return f'<a{cls} href="{attr(att.href)}" target="_blank">{esc(att.name or "")}</a>'


def _paragraph(text: str, layout: str) -> str:
    if layout in ("a", "moved"):
        return f'<p style="text-align:justify">{text}</p>'
    if layout == "b":
        return f"<p>{text}</p>"
    return f'<p class="MsoNormal" style="text-align: justify;"><span style="font-size:14.0pt">{text}</span></p>'


def _image(site: Site, a: ArticleSource, n: int) -> str:
    img = a.images[n]
    src = attr(site.image_src(a, n))
    cap = esc(img.caption) if img.caption is not None else None
    if img.style == "figure":
        out = f'<figure class="image"><img alt="Anh-tin-bai" src="{src}"></figure>'
        if cap is not None:
            out += f'\n<p style="text-align:center"><em>{cap}</em></p>'
    elif img.style == "figure_strong":
        out = (
            f'<figure class="image" style="text-align:center">'
            f'<img alt="Anh-tin-bai" height="400" src="{src}" width="600"></figure>'
        )
        if cap is not None:
            out += f'\n<p style="text-align: center;"><strong><em>{cap}</em></strong></p>'
    elif img.style == "p_img":
        out = f'<p style="text-align:center"><img alt="Anh-tin-bai" src="{src}" style="width: 100%;"></p>'
        if cap is not None:
            out += f'\n<p style="text-align:center"><em>{cap}</em></p>'
    else:  # figcaption: the newer editor's own caption element
        inner = f"<figcaption>{cap}</figcaption>" if cap is not None else ""
        out = f'<figure class="image"><img alt="Anh-tin-bai" src="{src}">{inner}</figure>'
    return out


def article_content(site: Site, a: ArticleSource) -> str:
    """The inside of div.ArticleContent: what the editor saved for this article."""
    parts: list[str] = []
    for idx in range(len(a.body) + 1):
        parts.extend(_image(site, a, n) for n, img in enumerate(a.images) if img.after == idx)
        if idx < len(a.body):
            text = a.body[idx]
            for n, att in enumerate(a.attachments):
                text = text.replace(attachment_marker(n), _attachment_anchor(att, with_class=False))
            parts.append(_paragraph(text, a.layout))
    for att in a.attachments:
        if att.kind == "iframe":
            parts.append(
                f'<p><iframe frameborder="0" height="700" src="/Viewer?file={attr(att.href)}" '
                f'width="100%"></iframe></p>'
            )
    files = [att for att in a.attachments if att.kind in ("link-download", "docx")]
    if files:
        anchors = "; ".join(
            _attachment_anchor(f, with_class=f.kind == "link-download") for f in files
        )
        label = "<strong>File đính kèm:</strong>" if a.layout != "c" else "File đính kèm:"
        parts.append(f"<p>{label} {anchors}</p>")
    if a.layout == "moved":
        pass  # the later template shows the byline in div.NguonTin, never in the body
    elif a.byline == "p_right_strong":
        # The seed page leaves trailing non-breaking spaces after the name.
        tail = "&nbsp;&nbsp;" if a.layout == "a" else ""
        parts.append(f'<p style="text-align: right;"><strong>{esc(a.author)}{tail}</strong></p>')
    elif a.byline == "p_align_b":
        parts.append(f'<p align="right"><b>{esc(a.author)}</b></p>')
    if a.layout == "c":
        parts.append("<p>&nbsp;</p>")  # the old editor's trailing empty paragraph
    sep = "" if a.layout == "b" else "\n"
    return sep.join(parts)


def _author_div(a: ArticleSource) -> str:
    if a.byline == "div":
        if a.layout == "b":
            return f'<div class="author text-right"><strong>{esc(a.author)}</strong></div>'
        return f'<div class="author">{esc(a.author)}</div>'
    if a.byline == "div_label":
        if a.layout == "b":
            return f'<div class="author"><span class="label-author">Tác giả: </span><span>{esc(a.author)}</span></div>'
        return f'<div class="author">Tác giả: {esc(a.author)}</div>'
    return ""


def _moved_date(a: ArticleSource) -> str:
    """The later template's date: one form for every article, seconds included."""
    if a.shows_time:
        return a.published.strftime("%d/%m/%Y %H:%M:%S")
    return a.published.strftime("%d/%m/%Y")


def _date_text(a: ArticleSource) -> str:
    shown = format_date(a)
    if a.updated is not None:
        return f"Ngày đăng: {shown} | Cập nhật: {format_date(a, a.updated)}"
    if a.date_label:
        return f"{a.date_label} {shown}"
    return shown


def _tags(a: ArticleSource) -> str:
    if not a.tags:
        return ""
    anchors = ", ".join(f'<a href="/tim-kiem?keyword={quote(t)}">{esc(t)}</a>' for t in a.tags)
    return f'<div class="tags"><span class="tags-label">Từ khóa:</span> {anchors}</div>'


def related_block(site: Site, a: ArticleSource, base: str) -> str:
    spec = a.related
    items = site.related_of(a)
    if spec is None or not items:
        return ""
    rows = []
    for n, r in enumerate(items):
        href = attr(link(base, site.article_path(r), a.links, n))
        t = esc(r.title)
        thumb = attr(site.thumbnail(r))
        if spec.style == "double_ul":
            rows.append(
                f'      <li class="item"><a class="img" href="{href}" title="{attr(r.title)}">'
                f'<img alt="{attr(r.title)}" src="{thumb}"></a>\n'
                f'        <a class="title" href="{href}">{t}</a></li>'
            )
        elif spec.style == "divs_double":
            rows.append(
                f'<div class="col-md-4 news-item"><div class="thumb"><a href="{href}">'
                f'<img src="{thumb}" alt="{attr(r.title)}"></a></div>'
                f'<div class="news-title"><a href="{href}">{t}</a></div></div>'
            )
        elif spec.style == "ul_single":
            rows.append(
                f'    <li><a href="{href}">{t}</a> <span class="date">({r.published:%d/%m/%Y})</span></li>'
            )
        else:
            rows.append(
                f'  <div class="item"><i class="fa fa-angle-right"></i> <a href="{href}" title="{attr(r.title)}">{t}</a></div>'
            )
    heading = esc(spec.heading)
    if spec.style == "double_ul":
        body = "\n".join(rows)
        return (
            f'<div class="ArticleRelated TinCungChuyenMuc">\n'
            f'  <div class="HeaderRelated"><span>{heading}</span></div>\n'
            f'  <ul class="RelatedList">\n{body}\n  </ul>\n</div>'
        )
    if spec.style == "divs_double":
        return (
            f'<div class="box-news-other"><h3 class="box-title">{heading}</h3>'
            f'<div class="row">{"".join(rows)}</div></div>'
        )
    if spec.style == "ul_single":
        body = "\n".join(rows)
        return f'<div class="other-news">\n  <div class="title-other">{heading}</div>\n  <ul>\n{body}\n  </ul>\n</div>'
    body = "\n".join(rows)
    return f'<section class="related-news">\n<h4>{heading}</h4>\n<div class="list">\n{body}\n</div>\n</section>'


def _breadcrumb(site: Site, a: ArticleSource, base: str) -> str:
    cat = site.category(a.category)
    name = esc(cat.name)
    if a.layout in ("a", "moved"):
        return (
            '<ol class="breadcrumb">\n  <li><a href="/">Trang chủ</a></li>\n'
            f'  <li><a href="{cat.path}">{name}</a></li>\n</ol>'
        )
    if a.layout == "b":
        return (
            '<div class="breadcrumb-container"><ul class="breadcrumb" itemscope '
            'itemtype="https://schema.org/BreadcrumbList">'
            '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            '<a itemprop="item" href="/"><span itemprop="name">Trang chủ</span></a></li>'
            '<li class="active" itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            f'<a itemprop="item" href="{base}{cat.path}"><span itemprop="name">{name}</span></a></li>'
            "</ul></div>"
        )
    return (
        f'<div class="breadcrumbs"><a href="/">Trang chủ</a> &raquo; '
        f'<a href="{cat.path}?pageindex=0">{name}</a></div>'
    )


def _share(site: Site, a: ArticleSource, base: str) -> str:
    url = attr(base + site.article_path(a))
    return (
        '<div class="UISocialShare">'
        f'<div class="fb-like" data-href="{url}" data-layout="button_count"></div>'
        f'<a class="zalo-share-button" href="javascript:void(0)" data-href="{url}">Zalo</a>'
        "</div>"
    )


TOOL = (
    '<div class="tool"><a href="javascript:void(0)" class="font-minus">A-</a> '
    '<a href="javascript:void(0)" class="font-plus">A+</a> '
    '<a href="javascript:window.print()" class="print">In bài viết</a> '
    '<a href="javascript:void(0)" class="email" onclick="sendMail()">Gửi email</a> '
    '<span class="view-count">Lượt xem: 1.024</span></div>'
)


def article_main(site: Site, a: ArticleSource, base: str) -> str:
    """Breadcrumb, div.ArticleDetailControl and the related block, per layout."""
    content = article_content(site, a)
    if a.text == "nfd_body":
        # Only the body was pasted from a word processor that saves decomposed text.
        content = encode_text(content, "nfd")
    t = esc(a.title)
    lead = esc(a.lead)
    date = esc(_date_text(a))
    crumb = _breadcrumb(site, a, base)
    related = related_block(site, a, base)
    if a.layout == "a":
        control = f"""<div class="ArticleDetailControl">
  <div class="ArticleHeader"><h1 class="title">{t}</h1></div>
  <div class="PostDate">{date}</div>
  {TOOL}
  <div class="ArticleSummary">{lead}</div>
  <div class="ArticleContent">
{content}
  </div>
  {_author_div(a)}
  {_tags(a)}
  {_share(site, a, base)}
</div>"""
    elif a.layout == "b":
        control = (
            f'<div id="ctl00_ArticleDetail" class="ArticleDetailControl clearfix">'
            f'<div id="ArticleHeader" class="ArticleHeader clearfix">\n        {t}\n    </div>'
            f'<div class="PostDate"><i class="fa fa-clock-o"></i> {date}</div>'
            f'<div class="ArticleSummary"><strong>{lead}</strong></div>'
            f'<div class="ArticleContent clearfix" id="ArticleContent">{content}</div>'
            f"{_author_div(a)}{_tags(a)}{TOOL}{_share(site, a, base)}"
            f"<script>$(function(){{ $('.ArticleContent img').addClass('img-responsive'); }});</script>"
            "</div>"
        )
    elif a.layout == "moved":
        byline = f'<div class="NguonTin">{esc(a.author)}</div>\n  ' if a.author else ""
        control = f"""<div class="ArticleDetailControl">
  <div class="ThongTinBai">
    <span class="NgayXuatBan">{esc(_moved_date(a))}</span>
    <span class="LuotXem"><i class="fa fa-eye"></i> Lượt xem: 1.024</span>
    <a href="javascript:window.print()" class="print">In bài viết</a>
  </div>
  <div class="ArticleHeader"><h1 class="title">{t}</h1></div>
  <div class="ArticleSummary">{lead}</div>
  {byline}<div class="ArticleContent">
{content}
  </div>
  {_tags(a)}
  {_share(site, a, base)}
</div>"""
    else:
        control = f"""<div class="news-detail">
<div class="ArticleDetailControl">
<div class="ArticleHeader"><h2><span>{t}</span></h2></div>
<div class="PostDate">
  {date}
</div>
<img class="ImgDetailImage" src="{attr(site.thumbnail(a))}" alt="">
<div class="ArticleSummary"><p>{lead}</p></div>
{TOOL}
<div class="ArticleContent">
{content}
</div>
{_author_div(a)}
{_tags(a)}
{_share(site, a, base)}
</div>
</div>"""
    return f"{crumb}\n{control}\n{related}"


def article_page(site: Site, a: ArticleSource, base: str) -> Response:
    main = article_main(site, a, base)
    head = ""
    if a.layout in ("a", "b", "moved"):
        head = (
            f'  <meta property="og:title" content="{attr(a.title)}">\n'
            f'  <meta property="og:description" content="{attr(a.lead)}">\n'
            f'  <meta property="og:url" content="{attr(base + site.article_path(a))}">\n'
            f'  <meta property="og:type" content="article">\n'
        )
    markup = page(
        site, base, title=f"{a.title} - {SITE_NAME}", main=main, head_extra=head, skin=a.layout
    )
    if a.text in ("nfd", "entities"):
        markup = encode_text(markup, a.text)
    response = html_response(markup, skin=a.layout)
    response.last_modified = a.modified.replace(tzinfo=PORTAL_TZ)
    return response


# --- listings -----------------------------------------------------------------------


def listing_items(site: Site, cat: Category, items: list[ArticleSource], base: str) -> str:
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


def pagination_params(site: Site, cat: Category) -> str:
    """The inline script's data object, in the order the portal's module writes it."""
    size = site.page_size
    return (
        f'article_category_id: {cat.id}, categoryIds: "{cat.id}", site_id: {site.site_id}, '
        f'page_size: {size}, page: page, keyword: "", date_begin: "", date_end: "", '
        'show_no: "False", show_post_date: "True", num_of_text: 0, show_view_count: "False", '
        'filter_order_in_list: "False", is_default: "False", new: "False", number_of_day: 3, '
        f'no: -{size}, articlelang: "vi-VN", is_authenticated: "False"'
    )


def listing_page(site: Site, cat: Category, base: str) -> Response:
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


def parse_form(body: bytes, headers: dict[str, str]) -> dict[str, str] | None:
    """Form fields of a POST body, or None when it is not form-encoded."""
    ctype = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    if not ctype.lower().startswith("application/x-www-form-urlencoded"):
        return None
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[-1] for k, v in fields.items()}


def load_article(site: Site, body: bytes, headers: dict[str, str], base: str) -> Response:
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


def home(site: Site, base: str) -> str:
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


def contact(site: Site, base: str) -> str:
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


def sitemap(site: Site, base: str) -> str:
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


def intro(site: Site, base: str) -> str:
    # A root-level page whose slug ends in a number like an article id or a category
    # suffix; it is neither.
    return """<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li class="active">Giới thiệu</li></ol>
<div class="ContentPage">
  <h1 class="page-title">Quá trình hình thành và phát triển</h1>
  <p>Nghệ An là tỉnh có diện tích lớn nhất cả nước, nằm ở trung tâm vùng Bắc Trung Bộ, phía Bắc giáp tỉnh Thanh Hóa, phía Nam giáp tỉnh Hà Tĩnh, phía Tây giáp nước Cộng hòa Dân chủ Nhân dân Lào, phía Đông giáp Biển Đông.</p>
  <p>Năm 1976, tỉnh Nghệ An và tỉnh Hà Tĩnh hợp nhất thành tỉnh Nghệ Tĩnh. Năm 1991, tỉnh Nghệ Tĩnh được chia tách, tái lập tỉnh Nghệ An và tỉnh Hà Tĩnh như ngày nay.</p>
  <p>Hiện nay, tỉnh có 21 đơn vị hành chính cấp huyện, gồm thành phố Vinh, 3 thị xã và 17 huyện.</p>
</div>"""


def search_page(site: Site, base: str) -> str:
    return """<div class="SearchControl"><h1 class="page-title">Tìm kiếm</h1>
  <p>Nhập từ khóa để tìm kiếm tin bài, văn bản.</p></div>"""


def login_page(site: Site, base: str) -> str:
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


def not_found(site: Site, base: str) -> Response:
    main = """<div class="NotFound"><h1>Không tìm thấy trang</h1>
  <p>Trang bạn yêu cầu không tồn tại hoặc đã bị gỡ bỏ. <a href="/">Về trang chủ</a></p></div>"""
    return html_response(page(site, base, title=f"404 - {SITE_NAME}", main=main), status=404)


# --- routing ------------------------------------------------------------------------


def respond(
    site: Site, method: str, target: str, body: bytes, headers: dict[str, str], base: str
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
