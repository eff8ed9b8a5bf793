"""WordPress ward and commune sites (``<meta name="generator" content="WordPress ...">``).

Themes differ, but nearly all keep the core template tags' markup: a post is
``article.post`` (``id="post-123"``), its title ``h1.entry-title``, its date
``time.entry-date[datetime]`` (ISO 8601 with the site's offset), its author
``.author.vcard``/``a[rel=author]``, its text ``div.entry-content``.  Posts live at
``/{yyyy}/{mm}/{slug}/`` (the common permalink) or ``/?p=123``; archives page as
``/page/2/``.  A layout plug-in: this module and its fixtures are all it takes.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from ..kernel.dates import parse_date
from ..kernel.record import Article, Listing
from ..kernel.text import canonical_url, clean_or_none, clean_text
from . import published
from .body import assemble, extract_body, sapo_element, sapo_text
from .bylines import is_org, layout_byline, signed_date, site_names
from .jsonld import jsonld_article
from .links import extract_related, link_listing
from .list_names import breadcrumb_category
from .page import css, first, meta_content, shown_text, text_of, xp
from .registry import Layout
from .sieve import is_loaded_root
from .urls import titled_slug

NAME = "wordpress"
VERSION = "1"

GENERATOR = "wordpress"
# Elementor Pro's single-post template holds the post (its related posts are <article>s).
POST = (css("[data-elementor-type=single-post]"), css("article.post"), css("article.type-post"),
        css("div.post"), css("article"))
TITLE = (css("h1.entry-title"), css(".entry-title"), css("h1.post-title"), css("h1"))
DATE = (css("time.entry-date.published"), css("time.entry-date"), css("time.published"),
        css(".posted-on time"), css(".entry-date"), css(".elementor-post-info__item--type-date"),
        css(".posted-on"),  # Flatsome prints "Ngày đăng: 5/3/2024" with no <time>
        css(".news-date, .post-date, .meta-date"))  # a theme of its own, its own names
AUTHOR = (css(".author.vcard a"), css(".author.vcard"), css("a[rel=author]"), css(".byline .author"),
          css(".meta-author a.author-name"), css(".td-post-author-name a"),  # Jannah, Newspaper
          css(".post-author a"),  # Twenty Twenty's "post-meta" list
          css(".byline .vcard a.fn, .byline .vcard .fn"),  # Flatsome's "bởi <span class=vcard>"
          css(".elementor-post-info__item--type-author"))  # Elementor's post info
BODY = (css("div.entry-content"), css(".entry-content"), css(".post-content"),
        css(".elementor-widget-theme-post-content > .elementor-widget-container"))
EXCERPT = (css(".entry-summary"), css(".td-post-sub-title"), css(".entry-excerpt"))
CATEGORY_LINKS = (css(".cat-links a"), css("a[rel~=category]"),
                  css(".elementor-post-info__terms-list a"),
                  css(".td-category .entry-category a"))  # tagDiv's Newspaper
# Yoast's trail (p#breadcrumbs): home, the category, the post.
TRAIL = css("#breadcrumbs a, .breadcrumb a, .breadcrumbs a")
TAG_LINKS = (css(".tags-links a"), css("a[rel=tag]"))
# Related-posts plug-ins that print their list inside the text (YARPP, Jetpack,
# Contextual Related Posts, Related Posts for WordPress), and their label.
RELATED_BOX = css(".yarpp-related, .jp-relatedposts, .crp_related, .rp4wp-related-posts")
RELATED_LABEL = (css("h2, h3, h4, h5, .jp-relatedposts-headline"),)
BODY_NOISE = (css(".sharedaddy"), RELATED_BOX, css(".wp-block-buttons"),
              css(".addtoany_share_save_container"), css("nav"), css("script"),
              css(".post-bottom-meta"), css(".tags-links"))  # the tags under the text
# /2023/09/slug/ (or /2023/09/15/slug/), and ?p=123 shortlinks.
POST_PATH = re.compile(r"^/(?:\d{4})/(?:\d{1,2})/(?:\d{1,2}/)?[^/]+/?$")
POST_ID = re.compile(r"\bpost-(\d+)\b")


def recognise(doc) -> bool:
    generator = (meta_content(doc, "generator") or "").lower()
    if GENERATOR in generator:
        return True
    if not is_loaded_root(doc):
        return bool(doc.xpath(
            '//link[contains(@href, "/wp-content/") or contains(@href, "/wp-includes/")]'
            ' | //script[contains(@src, "/wp-content/") or contains(@src, "/wp-includes/")]'))
    # A loaded page's root: its <link> and <script> elements, fewer than the XPath's scan
    # takes to find.
    return any(_wp_path(el.get("href" if el.tag == "link" else "src"))
               for el in doc.iter("link", "script"))


def _wp_path(value: str | None) -> bool:
    return bool(value) and ("/wp-content/" in value or "/wp-includes/" in value)


def article_url(url: str) -> bool:
    parts = urlsplit(url)
    if "p" in parse_qs(parts.query) and parts.path in ("", "/", "/index.php"):
        return parse_qs(parts.query)["p"][0].isdigit()
    return bool(POST_PATH.match(parts.path))


def related_post(url: str) -> bool:
    """A link of the related block that is a post's: shaped like one, or, with
    "/%postname%/" addresses that have no shape, a slug of three words or more that names
    no category, tag, author or page ("/tin-tuc/ra-quan-tong-ve-sinh-moi-truong/")."""
    return article_url(url) or titled_slug(url, 3)


def article_id(post, url: str) -> str | None:
    match = POST_ID.search(post.get("id") or "") or POST_ID.search(post.get("class") or "")
    if match:
        return match.group(1)
    values = parse_qs(urlsplit(url).query).get("p")
    return values[0] if values and values[0].isdigit() else None


def title(post, doc, ld, sources) -> str:
    el = first(post, TITLE)
    if el is not None and shown_text(el):
        sources["title"] = "layout"
        return shown_text(el)
    value = clean_text((ld or {}).get("headline") or "") or meta_content(doc, "og:title")
    return value or ""


def published_at(post, doc, ld, sources) -> str | None:
    for sel in DATE:
        for el in sel(post):
            text = el.get("datetime") or text_of(el)
            value = parse_date(text)
            if value:
                sources["published_at"] = "layout"
                value = published.with_time_beside(value, text, el)
                # a day printed without its time yields to the same day with it
                said: dict = {}
                timed = "T" not in value and published.published_at(doc, post, ld, (), said)
                if timed and timed.startswith(value + "T"):
                    sources.update(said)
                    return timed
                return value
    return published.published_at(doc, post, ld, (), sources)


# WordPress's day-and-name permalinks ("/2024/03/15/slug/") carry the post's day.
PERMALINK_DAY = re.compile(r"^/(\d{4})/(\d{2})/(\d{2})/[^/]+/?$")


def permalink_day(url: str, sources) -> str | None:
    """The day the post's permalink names, when its page prints no date (a theme with its
    post meta switched off)."""
    found = PERMALINK_DAY.match(urlsplit(url).path)
    day = found and parse_date("-".join(found.groups()))
    if day:
        sources["published_at"] = "url"
    return day or None


def author(post, site=None) -> str | None:
    """The post's author links: every writer once (co-author plug-ins print several);
    never "admin" or the site's own name, which ward sites post under."""
    return layout_byline(post, AUTHOR, site)[0]


def summary(post, body_el=None, title_el=None) -> str | None:
    el = first(post, EXCERPT)
    if el is not None:
        return clean_or_none(el.text_content())
    return sapo_text(sapo_element(post, body_el, after=title_el))


def category(post, doc) -> str | None:
    for sel in CATEGORY_LINKS:
        names = [text_of(a) for a in sel(post)] or [text_of(a) for a in sel(doc)]
        if names and names[0]:
            return names[0]
    return (breadcrumb_category([text_of(a) for a in TRAIL(doc)], None)
            or next((text_of(a) for a in MENU_PARENT(doc) if text_of(a)), None))


# The menu's item WordPress marks as the post's category (wp_nav_menu's classes).
MENU_PARENT = css("li.current-post-ancestor > a, li.current-menu-parent > a")


def tags(post) -> list[str]:
    for sel in TAG_LINKS:
        found = [t for t in dict.fromkeys(text_of(a) for a in sel(post)) if t]
        if found:
            return found
    return []


def parse(doc, url: str, fetched_at: str | None = None) -> Article | None:
    post = first(doc, POST)
    body_el = first(post, BODY) if post is not None else None
    if body_el is None:
        return None  # an archive page, or not a post
    # Several posts: an archive (home, category, search), unless one post's template holds
    # them (Elementor's single-post template, its related posts' boxes beside it).
    if (len(xp(doc, "//article[contains(concat(' ', @class, ' '), ' post ')]")) > 1
            and post.get("data-elementor-type") != "single-post"):
        return None
    url = canonical_url(url)
    sources: dict[str, str] = {}
    ld = jsonld_article(doc)
    site = site_names(doc, url, ld)
    lead = summary(post, body_el, first(post, TITLE))
    byline = author(post, site)
    office = byline is not None and is_org(byline)  # yields to writers signing the text
    body = extract_body(body_el, url, remove=BODY_NOISE, find_byline=byline is None or office,
                        summary=lead, find_lead=lead is None, site=site)
    return assemble(
        url, body, parser=f"{NAME}/{VERSION}", fetched_at=fetched_at, sources=sources,
        article_id=article_id(post, url),
        title=title(post, doc, ld, sources),
        published_at=(published_at(post, doc, ld, sources)
                      or signed_date(body.published_at, sources) or permalink_day(url, sources)),
        author=(body.author if office else None) or byline or body.author,
        summary=lead or body.summary,
        category=category(post, doc),
        tags=tags(post),
        related=_related(doc, url, body_el),
    )


def _related(doc, url: str, body_el) -> list:
    """The related posts: a plug-in's list inside the text, else a block after it."""
    box = next(iter(RELATED_BOX(body_el)), None)
    label = first(box, RELATED_LABEL) if box is not None else None
    if label is not None:
        return extract_related(doc, url, heading=label, is_article=related_post)
    return extract_related(doc, url, scope_exclude=body_el, is_article=related_post)


# Archives page in their URL: /page/2/ (and ?paged=2 without pretty permalinks).
PAGER = re.compile(r"/page/\d+/?$")


def pager_link(url: str) -> bool:
    parts = urlsplit(url)
    return bool(PAGER.search(parts.path)) or "paged" in parse_qs(parts.query)


# A post's box, wherever a theme puts it: WordPress themes give it id="post-{ID}" (the
# template tag the_ID), whatever their classes (a theme's own "post-item row").
POST_BOX = ("//*[starts-with(@id, 'post-') and string-length(@id) > 5"
            " and translate(substring(@id, 6), '0123456789', '') = '']")
ARCHIVE_ITEMS = (css("article.post"), css("article.type-post"), css("main"),
                 css(".wp-block-latest-posts"), css(".wp-block-query"),
                 lambda doc: xp(doc, POST_BOX))
# Where a theme, the block editor or a page builder (Elementor's posts widget) links a
# post by its title.
POST_TITLE_LINKS = (css("article .entry-title a"), css("a[rel~=bookmark]"),
                    css(".wp-block-latest-posts__list li > a"), css(".wp-block-post-title a"),
                    css("article .post-title a"), css(".elementor-post__title a"),
                    css(".box-blog-post .post-title a"),  # Flatsome's blog boxes
                    lambda doc: xp(doc, POST_BOX + "//*[self::h1 or self::h2 or self::h3"
                                   " or self::h4]//a[@href]"))
# <body class="single single-post postid-12">: the page of one post.
SINGLE_POST = re.compile(r"(?:^|\s)(?:single-post|postid-\d+)(?:\s|$)")


def parse_listing(doc, url: str) -> Listing | None:
    """The home page, a category, tag or date archive: several posts' links.  Posts are
    told by their place (a post's title link, a "latest posts" block) as well as by their
    address: with "/%postname%/" permalinks a post's URL has no shape of its own."""
    body = doc.find("body")
    if SINGLE_POST.search(body.get("class") or "" if body is not None else ""):
        return None
    if parse(doc, url) is not None and body is not None and not body.get("class"):
        return None
    titled = set()
    for sel in POST_TITLE_LINKS:
        for a in sel(doc):
            href = (a.get("href") or "").strip()
            if href and not href.startswith(("#", "javascript:", "mailto:")):
                titled.add(canonical_url(href, url))
    # (an archive's <body> class says it is a list, which may hold one post)
    archive = body is not None and bool(ARCHIVE_BODY.search(body.get("class") or ""))
    return link_listing(doc, url, lambda u: article_url(u) or u in titled,
                        f"{NAME}/{VERSION}", ARCHIVE_ITEMS, collection=archive)


ARCHIVE_BODY = re.compile(r"(?:^|\s)(?:archive|category|blog)(?:\s|$)")


LAYOUTS = (Layout(NAME, VERSION, recognise=recognise, parse=parse, parse_listing=parse_listing,
                  article_url=article_url, priority=10, pager_link=pager_link),)
