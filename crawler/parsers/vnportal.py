"""The VNPT vnPortal layout (www.nghean.gov.vn and most of its subsites; other provinces'
portals run the same product).

Selectors are named constants, one small function per field.  Each field tries structured
data first where it is trustworthy (JSON-LD article objects, article:published_time), then
these selectors, then the generic fallbacks in ``base``; ``Article.sources`` records which
one answered.  When the site changes its markup, add a new module version next to this one
(see README "When the site changes") rather than editing these constants in place.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

from ..kernel.record import Article, Listing, ListingEntry, PageRequest
from ..kernel.text import canonical_url, clean_or_none, clean_text
from . import published
from .body import BodyResult, assemble, extract_body, sapo_element, sapo_text
from .boxes import side_boxes
from .bylines import is_org, layout_byline, signed_date, site_names
from .jsonld import jsonld_article, jsonld_breadcrumb, jsonld_text
from .links import (
    collect_attachments,
    extract_related,
    img_src,
    is_article_url,
)
from .list_names import breadcrumb_category
from .page import css, first, load, meta_content, shown_text, text_of, xp
from .published import date_from
from .registry import Layout
from .sieve import loaded_class_prefix

NAME = "vnportal"
VERSION = "1"

# --- article page -----------------------------------------------------------------------
ARTICLE_ROOT = (css("div.ArticleDetailControl"), css(".ArticleDetailControl"), css(".ArticleDetail"),
                css("div.article-detail"))
TITLE = (css("div.ArticleHeader h1"), css("div.ArticleHeader h2"), css("div.ArticleHeader"),
         css(".ArticleHeader"),  # the classic skin's table cell: <td class="ArticleHeader">
         css(".ArticleTitle"), css("h1.title"), css("h1"))
POST_DATE = (css("div.PostDate"), css(".PostDate"), css(".post-date"), css(".ArticleDate"),
             css(".date-post"), css("time[datetime]"))
SUMMARY = (css("div.ArticleSummary"), css(".ArticleSummary"), css(".sapo"), css(".summary"))
BODY = (css("div.ArticleContent"), css(".ArticleContent"), css("#ArticleContent"),
        css(".article-content"), css(".NewsContent"))
AUTHOR = (css("div.author"), css(".ArticleAuthor"), css(".author"), css(".tacgia"))
BREADCRUMB_ITEMS = (
    css(".breadcrumb li"), css(".breadcrumbs li"), css("[itemtype*=BreadcrumbList] [itemprop=name]"),
    css(".BreadcrumbControl a"), css(".breadcrumb a"), css(".breadcrumbs a"), css(".path a"),
    css(".duongdan a"), css("div.NavigationControl a"),
)
TAGS = (css(".ArticleTags a, .tags a, .tag a, .keyword a, .TagControl a"),)
# Noise inside the article control or the body.
BODY_NOISE = (css("div.tool"), css(".UISocialShare"), css("img.ImgDetailImage"),
              css(".social-share"), css(".share"), css(".ArticleSummary"), css(".PostDate"),
              css(".ArticleHeader"), css("div.author"), css(".print"), css(".fb-like"),
              css(".zalo-share-button"))
ARTICLE_MARKERS = ARTICLE_ROOT + (css("div.ArticleContent"),)

# --- listing page -----------------------------------------------------------------------
# Installs differ: nghean.gov.vn lists ul.ArticleList li.row, others (Ninh Bình's
# portal, some subsites) div.UIListNews_Default div.item.
LISTING_ITEMS = (css("div.UIArticleInMenu_Default ul.ArticleList li.row"), css("ul.ArticleList li.row"),
                 css("ul.ArticleList > li"), css(".ArticleList .row"),
                 css("div.UIListNews_Default div.item"), css(".UIListNews_Default .item"))
ITEM_LINK = (css("h2.Title a"), css(".Title a"), css("h3 a"), css("h2 a"), css("a[href]"))
ITEM_DATE = (css("div.Ngaydang"), css(".Ngaydang"), css(".PostDate"), css(".date"))
ITEM_IMAGE = (css("img.image"), css("img"))
LISTING_TITLE = (css(".UIArticleInMenu_Default .title"), css(".CategoryTitle"), css(".cat-title"),
                 css("h1"), css(".TitleControl"))
PAGER_PAGES = css("ul.pagination li.page-item.page-number[data-page], ul.pagination li[data-page]")

# The pagination parameters sit in the listing page's inline script, e.g.
#   article_category_id: 5120, categoryIds: "5120", site_id: 2930, page_size: 15
#   var maxPage = parseInt(37)
# Other installs' scripts name fewer (Ninh Bình's: article_category_id, site_id, page,
# page_size, show_post_date, no, lang: no categoryIds), and the page's own are sent.
PAGINATION_KEYS = ("article_category_id", "categoryIds", "site_id", "page_size", "num_of_text",
                   "show_no", "show_post_date", "show_view_count", "filter_order_in_list",
                   "is_default", "new", "number_of_day", "articlelang", "lang", "keyword",
                   "date_begin", "date_end")
# A whole key: "lang" is not the end of "articlelang".
_JS_PAIR = r"""(?<![\w$])["']?{key}["']?\s*[:=]\s*(?:"([^"]*)"|'([^']*)'|([\w.\-]+))"""
MAX_PAGE_RE = re.compile(r"""maxPage\s*=\s*(?:parseInt\(\s*)?["']?(\d+)""", re.IGNORECASE)
REQUIRED_PAGINATION = ("article_category_id", "site_id", "page_size")


# Every selector of ARTICLE_MARKERS and LISTING_ITEMS names a class, so on a page without
# those classes (most pages are no vnPortal page) each costs a set lookup (page.css).
def is_article_page(doc) -> bool:
    return first(doc, ARTICLE_MARKERS) is not None


def is_listing_page(doc) -> bool:
    return (first(doc, LISTING_ITEMS) is not None or bool(skin_items(doc))
            or any(_list_holder(module) for module in
                   loaded_class_prefix(doc, SKINNED_MODULES)))


def _list_holder(module) -> bool:
    """Whether a list module holds its list's element, items or none ("Chưa có dữ liệu":
    a category with nothing in it yet is a list of nothing, not a page to guess at)."""
    return bool(xp(module, ".//*[starts-with(@id, 'ArticleList')]"
                           " | .//*[contains(concat(' ', @class, ' '), ' ArticleList ')]"))


# The list modules PORTAL.md names in their "_Default" skin; an install may show another
# ("UIArticleInMenu_Tiles", "UIListNews_Grid").
SKINNED_MODULES = ("UIArticleInMenu_", "UIListNews_")


def skin_items(doc) -> list:
    """The items of a list module in a skin LISTING_ITEMS does not name: the children of
    the list its pager's script refills (id "ArticleList_N"), else its largest run of
    alike linked boxes ("div.list-news > div.news-item"), else the children of its first
    list."""
    for module in loaded_class_prefix(doc, SKINNED_MODULES):
        lists = xp(module, ".//*[starts-with(@id, 'ArticleList')]")
        if lists:
            return [item for item in lists[0] if isinstance(item.tag, str)]
        alike = _alike_boxes(module)
        if alike:
            return alike
        lists = xp(module, ".//ul[li] | .//ol[li]")
        if lists:
            return [item for item in lists[0] if isinstance(item.tag, str)]
    return []


# A pager's boxes are alike too: their class, or their list's, says so.
_PAGER_CLASS = re.compile(r"pag", re.IGNORECASE)


def _alike_boxes(module) -> list:
    """The largest group of two or more children of one element in ``module`` that share
    their tag and class and each hold a link, not a pager's."""
    best: list = []
    for parent in module.iter():
        if not isinstance(parent.tag, str) or _PAGER_CLASS.search(parent.get("class") or ""):
            continue
        groups: dict[tuple, list] = {}
        for child in parent:
            if isinstance(child.tag, str):
                groups.setdefault((child.tag, child.get("class")), []).append(child)
        for (_tag, cls), members in groups.items():
            if (len(members) >= 2 and len(members) > len(best)
                    and not _PAGER_CLASS.search(cls or "")
                    and all(xp(m, ".//a[@href]") for m in members)):
                best = members
    return best


def title(doc, root, ld, sources) -> str:
    value = clean_text(ld.get("headline") or "") if ld else ""
    if value:
        sources["title"] = "jsonld"
        return value
    el = first(root, TITLE) if root is not None else None
    if el is None:
        el = first(doc, TITLE)
    if el is not None and shown_text(el):
        sources["title"] = "layout"
        return shown_text(el)
    value = meta_content(doc, "og:title", "twitter:title")
    if value:
        sources["title"] = "meta"
        return value
    return ""


def published_at(doc, root, ld, sources, selectors=POST_DATE) -> str | None:
    scope = root if root is not None else doc
    return published.published_at(doc, scope, ld, selectors, sources)


def summary(root, sources, body_el=None, title_el=None) -> str | None:
    """div.ArticleSummary; on installs whose template renamed it, any element named as a
    lead (h2.sapo, p.chapeau, div.trichdan) between the title and the body."""
    el = first(root, SUMMARY)
    if el is not None:
        sources["summary"] = "layout"
        return clean_or_none(el.text_content())
    el = sapo_element(root, body_el, after=title_el)
    if el is not None:
        sources["summary"] = "layout"
        return sapo_text(el)
    return None


def author_from_layout(root, selectors=AUTHOR, site=None) -> tuple[str | None, str | None,
                                                                    str | None]:
    """(author, source, date) from the layout's byline boxes: every writer they name
    (several div.author, or "Hồ Phương - Lê Minh" in one), an organisation's credit, and
    the date some installs print beside the byline and nowhere else."""
    return layout_byline(root, selectors, site)


def category(doc, title_text, ld, sources) -> str | None:
    for sel in BREADCRUMB_ITEMS:
        items = [el.text_content() for el in sel(doc)]
        name = breadcrumb_category(items, title_text)
        if name:
            sources["category"] = "layout"
            return name
    name = breadcrumb_category(jsonld_breadcrumb(doc), title_text)
    if name:
        sources["category"] = "jsonld"
        return name
    value = (ld.get("articleSection") if ld else None) or meta_content(doc, "article:section")
    if value:
        sources["category"] = "meta"
        return jsonld_text(value)
    return None


def tags(doc) -> list[str]:
    for sel in TAGS:
        found = [text_of(a) for a in sel(doc)]
        found = [t for t in dict.fromkeys(found) if t]
        if found:
            return found
    return [clean_text(x) for x in dict.fromkeys(
        el.get("content") for el in xp(doc, '//meta[@property="article:tag"]')) if x]


def parse(doc, url: str, fetched_at: str | None = None, *, post_date=POST_DATE, author=AUTHOR,
          version: str = VERSION) -> Article | None:
    """The article of a vnPortal page; a later version of the layout passes its own
    date and byline selectors (and its version, which the record names)."""
    author_selectors = author
    root = first(doc, ARTICLE_ROOT)
    body_el = first(root if root is not None else doc, BODY)
    if root is None and body_el is None:
        return None
    if root is None:
        root = body_el.getparent()
    sources: dict[str, str] = {}
    ld = jsonld_article(doc)
    url = canonical_url(url)
    site = site_names(doc, url, ld)
    title_text = title(doc, root, ld, sources)
    title_el = first(root, TITLE)
    lead = summary(root, sources, body_el, title_el)
    author, source, signed = author_from_layout(root, author_selectors, site)
    if author:
        sources["author"] = "layout"

    body = BodyResult()
    if body_el is not None:
        body = extract_body(body_el, url, remove=BODY_NOISE, find_byline=True,
                            summary=lead, find_lead=lead is None, site=site)
        sources["body"] = "layout"
    if lead is None and body.summary:
        lead = body.summary
        sources["summary"] = "layout"
    if (not author or is_org(author)) and body.author:
        # a writer signing the text, over an office named in the author box
        author = body.author
        sources["author"] = "byline-paragraph"
    if not author:
        # Some installs print the writer in the date box itself: "Lê Văn Quang - 18-04-2025".
        author, dated_source, _ = layout_byline(root, post_date, site)
        if author:
            sources["author"] = "date-line"
        source = source or dated_source
    source = source or body.source
    # Attachments may sit outside the body (a download box under it) but inside the control.
    attachments = {a.url: a for a in collect_attachments(root, url)}
    for a in body.attachments:
        attachments.setdefault(a.url, a)

    return assemble(
        url, body, parser=f"{NAME}/{version}", fetched_at=fetched_at, sources=sources,
        title=title_text,
        published_at=(published_at(doc, root, ld, sources, post_date)
                      or signed_date(signed or body.published_at, sources)),
        author=author,
        source=source,
        summary=lead,
        category=category(doc, title_text, ld, sources),
        tags=tags(doc),
        related=extract_related(doc, url, scope_exclude=body_el),
        attachments=list(attachments.values()),
    )


# --- listings ---------------------------------------------------------------------------

def listing_entries(scope, page_url: str, selectors=LISTING_ITEMS,
                    skip=()) -> list[ListingEntry]:
    """The list's items; not those in the boxes ``skip`` (side boxes in the list's skin)."""
    entries = []
    seen = set()
    items = first_all(scope, selectors) or (skin_items(scope) if selectors is LISTING_ITEMS else [])
    if skip:
        items = [i for i in items if not any(b is i or b in i.iterancestors() for b in skip)]
    if items and selectors is LISTING_ITEMS:
        entries = _featured(items, page_url)
        seen = {e.url for e in entries}
    for item in items:
        link = first(item, ITEM_LINK)
        if link is None or not link.get("href"):
            continue
        url = canonical_url(link.get("href"), page_url)
        if url in seen:
            continue
        seen.add(url)
        image = first(item, ITEM_IMAGE)
        lead = xp(item, ".//p")
        entries.append(ListingEntry(
            url=url,
            title=text_of(link) or clean_or_none(link.get("title")),
            published_at=date_from(item, ITEM_DATE),
            summary=clean_or_none(lead[0].text_content()) if lead else None,
            image=canonical_url(img_src(image), page_url) if image is not None and img_src(image) else None,
        ))
    return entries


def _featured(items: list, page_url: str) -> list[ListingEntry]:
    """The article a list module shows above its list, in markup of its own (a picture, a
    title and its summary in "ArticleTop"): the newest, and on no other line of the list."""
    module = next((a for a in items[0].iterancestors() if any(
        c.startswith(SKINNED_MODULES) for c in (a.get("class") or "").split())), None)
    if module is None:
        return []
    listed = set(items)
    found: dict[str, str] = {}
    for link in module.iter("a"):
        href = link.get("href")
        if not href or any(a in listed for a in link.iterancestors()):
            continue
        url = canonical_url(href, page_url)
        # an article is /{category}/{slug}-{id}; "/tin-tuc-su-kien-73053" is its category
        if is_article_url(url) and urlsplit(url).path.strip("/").count("/") >= 1:
            title = text_of(link) or clean_text(link.get("title") or "")
            if len(title) > len(found.get(url, "")):
                found[url] = title
            found.setdefault(url, "")
    return [ListingEntry(url=u, title=t or None) for u, t in found.items()]


def first_all(scope, selectors):
    for sel in selectors:
        found = sel(scope)
        if found:
            return found
    return []


def pagination_params(doc) -> dict[str, str]:
    """The LoadArticle parameters from the page's inline scripts (values as strings)."""
    scripts = "\n".join(s.text or "" for s in xp(doc, "//script[not(@src)]"))
    params: dict[str, str] = {}
    for key in PAGINATION_KEYS:
        match = re.search(_JS_PAIR.format(key=re.escape(key)), scripts)
        if match:
            params[key] = next(g for g in match.groups() if g is not None)
    return params


def max_page(doc) -> int:
    return _last_page(doc)[0]


def _last_page(doc) -> tuple[int, bool]:
    """The listing's last page, and whether that is only the last its pager shows (its
    script gives no maxPage)."""
    scripts = "\n".join(s.text or "" for s in xp(doc, "//script[not(@src)]"))
    match = MAX_PAGE_RE.search(scripts)
    pages = [int(match.group(1))] if match else []
    for li in PAGER_PAGES(doc):
        try:
            pages.append(int(li.get("data-page")))
        except (TypeError, ValueError):
            pass
    return (max(pages), match is None) if pages else (1, False)


def listing_category(doc, page_url: str) -> str | None:
    for sel in BREADCRUMB_ITEMS:
        name = breadcrumb_category([el.text_content() for el in sel(doc)], None)
        if name:
            return name
    el = first(doc, LISTING_TITLE)
    if el is not None and text_of(el) and len(text_of(el)) < 120:
        return text_of(el)
    return None


def parse_listing(doc, url: str) -> Listing | None:
    if not is_listing_page(doc) or is_article_page(doc):
        return None
    url = canonical_url(url)
    # "Tin nổi bật" beside the list, in the list's own skin (not a box around the page's
    # heading: a label's smallest box may hold the whole column)
    boxes = [box for box in side_boxes(doc, url) if box.find(".//h1") is None]
    entries = listing_entries(doc, url, skip=boxes)
    if not entries and boxes and listing_entries(doc, url) and not any(
            _list_holder(module) for module in loaded_class_prefix(doc, SKINNED_MODULES)):
        return None  # only side boxes' items: a module's page (the weather, prices), no list
    last, shown_only = _last_page(doc)
    return Listing(
        url=url,
        category=listing_category(doc, url),
        entries=entries,
        pagination=pagination_params(doc),
        max_page=last,
        layout=f"{NAME}/{VERSION}",
        pages_open=shown_only and last > 1,
    )


# --- pages 2+: the LoadArticle POST -----------------------------------------------------

# What the endpoint answers: the same items without their list (li.row on nghean.gov.vn,
# div.item elsewhere).
FRAGMENT_ITEMS = LISTING_ITEMS + (css("li.row"), css("div.item"), css("li"))
# Assumed facts, settings so that a changed site is one -s away (crawler/settings.py).
DEFAULT_PATH = "/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
ENCODINGS = ("form", "json")


def missing_pagination(listing: Listing) -> list[str]:
    return [k for k in REQUIRED_PAGINATION if k not in listing.pagination]


def page_request(listing_url: str, pagination: dict, page: int, encoding: str | None,
                 settings) -> PageRequest:
    """Page ``page`` of a listing through LoadArticle: the listing's own script
    parameters over the fixed defaults, the page number, ``no = -page_size``."""
    fields = dict(settings.getdict("GOVNEWS_PAGINATION_DEFAULTS") or {})
    fields.update(pagination)
    size = int(pagination.get("page_size") or 10)
    fields.update({"page": str(page), "page_size": str(size), "no": str(-size)})
    path = settings.get("GOVNEWS_LOAD_ARTICLE_PATH") or DEFAULT_PATH
    encoding = encoding or settings.get("GOVNEWS_PAGINATION_ENCODING") or ENCODINGS[0]
    return PageRequest(url=urljoin(listing_url, path), method="POST", fields=fields,
                       encoding=encoding)


def page_entries(text: str, listing_url: str) -> list[ListingEntry]:
    """The items of a LoadArticle answer: an HTML fragment, or, called with JSON as an
    ASP.NET page method, {"d": "<fragment>"}."""
    if text.lstrip().startswith("{"):
        try:
            text = json.loads(text).get("d") or ""
        except (ValueError, AttributeError):
            pass
    if not text.strip():
        return []
    doc = load(f"<html><body><ul>{text}</ul></body></html>")
    return [e for e in listing_entries(doc, listing_url, FRAGMENT_ITEMS)
            if is_article_url(e.url)]


def recognise(doc) -> bool:
    return is_article_page(doc) or is_listing_page(doc)


LAYOUTS = (Layout(NAME, VERSION, recognise=recognise, parse=parse, parse_listing=parse_listing,
                  article_url=is_article_url, priority=20, page_request=page_request,
                  missing_pagination=missing_pagination, page_entries=page_entries,
                  page_encodings=ENCODINGS),)
