"""An article page of the single site, in each of its layouts.

What the editor saved (`article_content`: body paragraphs, images with or without
captions, inline, viewer and "File đính kèm:" attachments, a byline paragraph), and
around it the layout's `div.ArticleDetailControl`: "a", "b" and "c" (the skins the
portal has shown over the years, each with its own date, summary and byline markup) and
"moved" (the later template: the date in `span.NgayXuatBan` of an info bar above the
title, the byline in `div.NguonTin` before the body, neither with a label); then the
breadcrumb, tags, share buttons and the related block, in the chrome of `chrome.py`.
"""

from __future__ import annotations

from urllib.parse import quote

from .chrome import SITE_NAME, html_response, link, page
from .model import SiteModel
from .response import PORTAL_TZ, Response
from .source import ArticleSource, attachment_marker
from .textutil import attr, encode_text, esc

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


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


def _attachment_anchor(att, *, with_class: bool) -> str:
    cls = ' class="link-download"' if with_class else ""
    return f'<a{cls} href="{attr(att.href)}" target="_blank">{esc(att.name or "")}</a>'


def _paragraph(text: str, layout: str) -> str:
    if layout in ("a", "moved"):
        return f'<p style="text-align:justify">{text}</p>'
    if layout == "b":
        return f"<p>{text}</p>"
    return f'<p class="MsoNormal" style="text-align: justify;"><span style="font-size:14.0pt">{text}</span></p>'


def _image(site: SiteModel, a: ArticleSource, n: int) -> str:
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


def article_content(site: SiteModel, a: ArticleSource) -> str:
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


def related_block(site: SiteModel, a: ArticleSource, base: str) -> str:
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


def _breadcrumb(site: SiteModel, a: ArticleSource, base: str) -> str:
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


def _share(site: SiteModel, a: ArticleSource, base: str) -> str:
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


def _control_a(site: SiteModel, a: ArticleSource, base: str, content: str) -> str:
    t, lead, date = esc(a.title), esc(a.lead), esc(_date_text(a))
    return f"""<div class="ArticleDetailControl">
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


def _control_b(site: SiteModel, a: ArticleSource, base: str, content: str) -> str:
    t, lead, date = esc(a.title), esc(a.lead), esc(_date_text(a))
    return (
        f'<div id="ctl00_ArticleDetail" class="ArticleDetailControl clearfix">'
        f'<div id="ArticleHeader" class="ArticleHeader clearfix">\n        {t}\n    </div>'
        f'<div class="PostDate"><i class="fa fa-clock-o"></i> {date}</div>'
        f'<div class="ArticleSummary"><strong>{lead}</strong></div>'
        f'<div class="ArticleContent clearfix" id="ArticleContent">{content}</div>'
        f"{_author_div(a)}{_tags(a)}{TOOL}{_share(site, a, base)}"
        f"<script>$(function(){{ $('.ArticleContent img').addClass('img-responsive'); }});</script>"
        "</div>"
    )


def _control_moved(site: SiteModel, a: ArticleSource, base: str, content: str) -> str:
    t, lead = esc(a.title), esc(a.lead)
    byline = f'<div class="NguonTin">{esc(a.author)}</div>\n  ' if a.author else ""
    return f"""<div class="ArticleDetailControl">
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


def _control_c(site: SiteModel, a: ArticleSource, base: str, content: str) -> str:
    t, lead, date = esc(a.title), esc(a.lead), esc(_date_text(a))
    return f"""<div class="news-detail">
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


# The layout's div.ArticleDetailControl around the content ("c" for any other key).
_CONTROLS = {"a": _control_a, "b": _control_b, "moved": _control_moved}


def article_main(site: SiteModel, a: ArticleSource, base: str) -> str:
    """Breadcrumb, div.ArticleDetailControl and the related block, per layout."""
    content = article_content(site, a)
    if a.text == "nfd_body":
        # Only the body was pasted from a word processor that saves decomposed text.
        content = encode_text(content, "nfd")
    crumb = _breadcrumb(site, a, base)
    related = related_block(site, a, base)
    control = _CONTROLS.get(a.layout, _control_c)(site, a, base, content)
    return f"{crumb}\n{control}\n{related}"


def article_page(site: SiteModel, a: ArticleSource, base: str) -> Response:
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
