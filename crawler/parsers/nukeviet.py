"""NukeViet 4 subsites (hcc.nghean.gov.vn, many commune sites).

The news module's detail page keeps the body in ``div#news-bodyhtml.bodytext``, the lead in
``div.hometext``, and the byline and source as ``<p class="h5 text-right"><strong>Tác giả:
</strong>…`` lines after the body.  Selectors are named constants, one function per field.
"""

from __future__ import annotations

import copy
import itertools
import re
from urllib.parse import parse_qs, urlsplit

from ..kernel.record import Article, Attachment, Listing
from ..kernel.text import canonical_url, clean_or_none, clean_text, fold
from . import published
from .body import assemble, extract_body, sapo_element, sapo_text
from .bylines import byline_date, clean_author, credit_of, is_org, signed_date, site_names
from .jsonld import jsonld_article, jsonld_breadcrumb
from .links import (
    extract_related,
    is_article_url,
    is_file_link,
    link_listing,
    viewed_file,
)
from .list_names import breadcrumb_category, parent_link_name
from .page import block_lines, css, first, meta_content, shown_text, text_of, xp
from .registry import Layout
from .sieve import loaded_elements
from .urls import asks_for_a_file, collection_path

NAME = "nukeviet"
VERSION = "1"

GENERATOR = "nukeviet"
BODY = (css("div#news-bodyhtml"), css("div.bodytext"), css("#news-bodyhtml"),
        css("#print #bodytext"))  # the print view's
TITLE = (css(".news_column h1"), css("h1.title"), css("h1"), css("h2.title"), css("h2.news-title"))
DATE = (css(".news_column span.h5"), css("span.h5"), css(".time"), css(".publtime"), css("time"))
# NukeViet 3 writes the lead as div#hometext, with the picture and its caption inside
# (div#imghome): not the lead's words.
SUMMARY = (css("div.hometext"), css(".hometext"), css("#hometext"))
LEAD_PICTURE = css("#imghome, .imghome, figure")
BYLINE_LINES = css("p.h5.text-right, p.text-right, .author, p[style*=right], .text-right > p,"
                   " [class*=author] > p, div.source,"  # NukeViet 3: "Tác giả bài viết:"
                   " div.text-right, #author, #author > p, #source")  # "news-source", print view
TAG_LINKS = (css("a[href*='/tag/']"),)
BREADCRUMB_ITEMS = (css(".breadcrumbs li"), css(".breadcrumb li"),
                    css("[itemtype*=BreadcrumbList] [itemprop=name]"), css(".breadcrumbs a"))
BODY_NOISE = (css(".hometext"), css("#hometext"), css("script"), css(".socialicon"), css(".fb-like"))
AUTHOR_LABELS = {fold("Tác giả"), fold("Người viết"), fold("Tác giả bài viết")}
SOURCE_LABELS = {fold("Nguồn tin"), fold("Nguồn"), fold("Nguồn bài viết")}


def is_nukeviet(doc) -> bool:
    gen = meta_content(doc, "generator") or ""
    if GENERATOR in gen.lower():
        return True
    found = loaded_elements(doc, ("#", "news-bodyhtml"))
    # An article's print view ("/{module}/print/{alias}-{id}.html"): its own head, no theme.
    if found is None:
        return bool(xp(doc, '//div[@id="news-bodyhtml"] | //div[@id="hd_print"]'))
    return any(el.tag == "div" for el in found) or bool(loaded_elements(doc, ("#", "hd_print")))


def _without(el, parts):
    """A copy of ``el`` without ``parts`` (elements inside it)."""
    held = copy.deepcopy(el)
    twins = [twin for original, twin in zip(el.iter(), held.iter())
             if any(original is p for p in parts)]
    for twin in twins:
        twin.drop_tree()
    return held


# NukeViet 3's article address: /{module}/{category}/{alias}-{id}/, no .html.
NV3_ARTICLE = re.compile(r"^/[^/]+/[^/]+/[^/]+-\d+/?$")


def article_url(url: str) -> bool:
    """An article's address: NukeViet 4's ("/{category}/{alias}-{id}.html"), or NukeViet
    3's as its links write it, closing slash kept ("/news/Thong-bao/Lich-tiep-dan-122/")."""
    parts = urlsplit(url)
    return is_article_url(url) or (not parts.query and parts.path.endswith("/")
                                   and bool(NV3_ARTICLE.match(parts.path))) or _query_article(parts)


def _query_article(parts) -> bool:
    """Without URL rewriting: "index.php?language=vi&nv=news&op=Hoat-dong/Alias-612", not
    a list's later page ("op=Hoat-dong/page-20")."""
    if "nv=" not in parts.query:
        return False
    op = parse_qs(parts.query).get("op", [""])[0]
    last = op.rsplit("/", 1)[-1]
    return "/" in op and bool(NV_QUERY_ARTICLE.search(last)) and not last.startswith("page-")


# Without URL rewriting: index.php?language=vi&nv=news&op={category}/{alias}-{id}, with
# ".html" after the id on some versions (4.3).
NV_QUERY_ARTICLE = re.compile(r"-\d+(?:\.html?)?$")


def related_item(url: str) -> bool:
    parts = urlsplit(url)
    if parts.query and "nv=" in parts.query:
        return _query_article(parts)
    return is_article_url(url) or bool(NV3_ARTICLE.match(parts.path))


def _labelled_lines(doc):
    """(folded label, value) of each "Label: value" line of the byline elements whose label
    is set in bold; NukeViet 3 puts "Tác giả bài viết:" and "Nguồn tin:" in one element,
    a line each."""
    for p in BYLINE_LINES(doc):
        if not xp(p, "./strong | ./b"):
            continue
        for line in block_lines(p):
            label, colon, value = line.partition(":")
            if colon:
                yield fold(label).strip(), value.strip()


def byline(doc, site=None) -> tuple[str | None, str | None]:
    """(author, date) of the "Tác giả:" line: its writers (several when it names several),
    never the site's own name, which NukeViet fills in when the writer is left blank; and
    the date some themes print beside it."""
    for key, text in _labelled_lines(doc):
        if key in AUTHOR_LABELS:
            dated = byline_date(text)
            return clean_author(text, site, organisations=True), dated[1] if dated else None
    return None, None


def author(doc, site=None) -> str | None:
    return byline(doc, site)[0]


def source(doc) -> str | None:
    """The "Nguồn tin:" line NukeViet prints under the body: an organisation or paper."""
    return next((credit_of(text) or clean_text(text) or None for key, text in _labelled_lines(doc)
                 if key in SOURCE_LABELS), None)  # ("Theo Báo X": the paper)


def published_at(doc, ld, sources) -> str | None:
    return published.published_at(doc, doc, ld, DATE, sources)


def theme_date(title_el, body_el, sources) -> str | None:
    """A theme's own date box between the title and the text, where the module's boxes
    (DATE) are not ("<span class="date">Thứ Bảy, 14/11/2026 lúc 09:35</span>", "<div
    class="news-date">Ngày 4 tháng 12 năm 2026</div>"): the first date line in the few
    elements after the title."""
    from .generic_fields import date_of, is_date_line

    if title_el is None:
        return None
    for el in itertools.islice(title_el.itersiblings(), 4):
        if not isinstance(el.tag, str):
            continue
        if el is body_el or any(a is el for a in body_el.iterancestors()):
            break
        for part in el.iter():
            text = text_of(part) if isinstance(part.tag, str) else ""
            if is_date_line(text):
                sources["published_at"] = "layout"
                return date_of(text)
    return None


def category(doc, url: str, title_text) -> str | None:
    """The trail's category; but where the trail stops at the module ("Trang nhất » Tin
    tức", NukeViet 3), the name the page links the article's own category by, its address
    the article's but for the last part ("/news/Thong-bao/")."""
    parent = urlsplit(url).path.rstrip("/").rsplit("/", 1)[0] + "/"
    for sel in BREADCRUMB_ITEMS:
        items = sel(doc)
        name = breadcrumb_category([el.text_content() for el in items], title_text)
        if not name:
            continue
        last = next((a.get("href") for a in items[-1].iter("a") if a.get("href")), None)
        trail = urlsplit(canonical_url(last, url)).path.rstrip("/") if last else None
        above = trail is not None and parent.startswith(trail + "/") and len(trail) > 0
        return (parent_link_name(doc, url) if above else None) or name
    return breadcrumb_category(jsonld_breadcrumb(doc), title_text) or parent_link_name(doc, url)


def tags(doc) -> list[str]:
    found = []
    for sel in TAG_LINKS:
        found = [text_of(a) for a in sel(doc)]
    return [t for t in dict.fromkeys(found) if t]


def parse(doc, url: str, fetched_at: str | None = None) -> Article | None:
    body_el = first(doc, BODY)
    if body_el is None:
        return None
    url = canonical_url(url)
    sources: dict[str, str] = {}
    ld = jsonld_article(doc)
    title_el = first(doc, TITLE)
    title_text = clean_text(ld.get("headline") or "") if ld else ""
    if title_text:
        sources["title"] = "jsonld"
    elif title_el is not None:
        title_text = shown_text(title_el)
        sources["title"] = "layout"
    else:
        title_text = meta_content(doc, "og:title") or ""
    site = site_names(doc, url, ld)
    lead_el = first(doc, SUMMARY)
    lead = None
    if lead_el is not None:
        pictures = LEAD_PICTURE(lead_el)
        lead = clean_or_none(_without(lead_el, pictures).text_content() if pictures
                             else lead_el.text_content())
    if lead is None:
        lead = sapo_text(sapo_element(doc, body_el, after=title_el))
    writers, signed = byline(doc, site)
    # An office on the "Tác giả:" line (NukeViet fills in the site's when it is left
    # blank) yields to writers signing the text.
    office = writers is not None and is_org(writers)
    body = extract_body(body_el, url, remove=BODY_NOISE, find_byline=writers is None or office,
                        summary=lead, find_lead=lead is None, site=site)
    if not body.text and lead_el is not None and lead:
        # A short item written whole in the lead's box, its body left empty: that is its
        # text, and it has no lead of its own.
        body = extract_body(lead_el, url, find_byline=writers is None or office, site=site)
        lead = None
    known = {a.url for a in body.attachments}
    body.attachments += [a for a in attached_files(doc, url) if a.url not in known]
    return assemble(
        url, body, parser=f"{NAME}/{VERSION}", fetched_at=fetched_at, sources=sources,
        title=title_text,
        published_at=(published_at(doc, ld, sources)
                      or signed_date(signed or body.published_at, sources)
                      or theme_date(title_el, body_el, sources)),
        author=(body.author if office else None) or writers or body.author,
        source=source(doc) or body.source,
        summary=lead or body.summary,
        category=category(doc, url, title_text),
        tags=tags(doc),
        related=extract_related(doc, url, scope_exclude=body_el, is_article=related_item),
    )


FILE_ITEMS = css(".news-download-file .list-group-item")


def attached_files(doc, url: str) -> list[Attachment]:
    """The files the news module lists under the text (``news-download-file``): each the
    file itself where its quick view (``data-src``, or the file= of the pdf.js viewer it
    names) or its link names it, else the module's download link ("...?download=1&id=0",
    which answers with the file), else the quick view."""
    out: list[Attachment] = []
    for item in FILE_ITEMS(doc):
        link = next((a for a in item.iter("a") if (a.get("href") or "").strip()[:1] not in
                     ("", "#") and not a.get("href").strip().startswith("javascript:")), None)
        shown = next((el.get("data-src") for el in item.iter() if el.get("data-src")), None)
        linked = link.get("href").strip() if link is not None else None
        viewed = viewed_file(shown.strip(), url) if shown else None
        href = (next((h for h in (viewed, linked) if is_file_link(h)), None)
                or (linked if linked and asks_for_a_file(urlsplit(linked).query) else None)
                or viewed or linked)
        if not href:
            continue
        name = (clean_text(link.get("title")) or text_of(link)) if link is not None else None
        name = re.sub(r"^(?:tải file|tải về|download)\s*:\s*", "", name or "", flags=re.I)
        out.append(Attachment(url=canonical_url(href.strip(), url), name=name or None))
    return out


# Listings page in their URL: /{cat}/page-2.
PAGER = re.compile(r"/page-\d+/?$")


def pager_link(url: str) -> bool:
    parts = urlsplit(url)  # (without URL rewriting: "op=Hoat-dong/page-20")
    return bool(PAGER.search(parts.path) or "nv=" in parts.query
                and PAGER.search(parse_qs(parts.query).get("op", [""])[0]))


# A category page's items, where the default theme and its forks put them.
LISTING_ITEMS = (css(".news_column"), css("#module-news"), css(".viewcat_list"),
                 css("[class*=col-md-18]"), css("main"))


def parse_listing(doc, url: str) -> Listing | None:
    """A category or tag page: its article links (its pages 2+ are /page-N links)."""
    if first(doc, BODY) is not None:
        return None
    # A tag's page may show one or two articles: its address says it is a list.
    parts = urlsplit(url)
    # (without URL rewriting, "?nv=news&op=kinh-te" names a category, and "op=kinh-te/page-2"
    # one of its pages)
    op = parse_qs(parts.query).get("op", [""])[0] if "nv=" in parts.query else None
    listing = link_listing(doc, url, article_url, f"{NAME}/{VERSION}", LISTING_ITEMS,
                           collection=bool(collection_path(parts.path) or op))
    if listing is not None and op is not None and (not op or op.startswith("page-")):
        listing.category = None  # the module's own page ("?nv=news"): every category's news
    return listing


LAYOUTS = (Layout(NAME, VERSION, recognise=is_nukeviet, parse=parse,
                  parse_listing=parse_listing, article_url=article_url, priority=10,
                  pager_link=pager_link),)
