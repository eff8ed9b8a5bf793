"""Pure parsers: (html, url) -> Article | Listing.  No Scrapy, no SQL, so a stored page is a
test and a stored snapshot can be re-parsed years later.

The layouts are plug-ins (``registry``): each module it lists defines ``LAYOUTS``, saying how to
recognise its pages, parse its articles and listings and tell its article URLs.
``roles.classify`` decides each page's role (hub, listing, article, document, other) once,
with its record and the evidence; ``parse_article`` is its verdict on one stored page read
as an article.
"""

from __future__ import annotations

import re

from ..kernel.numbers import citations
from ..kernel.record import Article, Listing
from . import generic, registry
from .documents import parse_document, parse_register
from .page import load
from .registry import Layout, detect, is_article_url, layouts

# Any site: a listing paged as ?page=2 or ?trang=2 ("trang": page), Joomla's ?start=10 and
# ?limitstart=10, WordPress's ?paged=2.  Not ?p=: WordPress names posts so.
GENERIC_PAGER = re.compile(r"[?&](?:page|trang|start|limitstart|paged)=\d+$", re.IGNORECASE)

FALLBACK = Layout(generic.NAME, generic.VERSION, recognise=lambda doc: True,
                  parse=generic.parse, priority=1000,
                  pager_link=lambda url: bool(GENERIC_PAGER.search(url)))


def is_pager_link(url: str) -> bool:
    """A link to another page of a listing paginated in its URL, in any layout."""
    return registry.is_pager_link(url) or FALLBACK.pager_link(url)


def layout_of(key: str | None) -> Layout | None:
    """A layout by "name/version", None when unknown."""
    if not key:
        return None
    try:
        return registry.get(key)
    except KeyError:
        return None


def detect_layout(doc) -> Layout:
    """The layout of a page; the generic fallback when no plug-in recognises it."""
    try:
        return detect(doc)
    except LookupError:
        return FALLBACK


def parse_article(html: bytes | str, url: str, fetched_at: str | None = None,
                  content_type: str | None = None, listed_at: str | None = None) -> Article | None:
    """The article of one stored page, read as a page reached through an article link
    (``roles.classify``; ``listed_at``: the date its listing printed); None when the page
    is no article."""
    return parse_article_doc(load(html, content_type), url, fetched_at, listed_at)


def parse_article_doc(doc, url: str, fetched_at: str | None = None,
                      listed_at: str | None = None) -> Article | None:
    role = classify(doc, url, reached_as="article", fetched_at=fetched_at, listed_at=listed_at)
    return role.record if role.role == "article" else None


def parse_listing_doc(doc, url: str, layout: Layout | None = None) -> Listing | None:
    """The page as a category listing of its own layout, or None."""
    layout = layout or detect_layout(doc)
    if layout.parse_listing is None:
        return None
    return layout.parse_listing(doc, url)


def parse_listing(html: bytes | str, url: str, content_type: str | None = None) -> Listing | None:
    return parse_listing_doc(load(html, content_type), url)


from .roles import PageRole, article_shaped, classify, cut_short, page_tail  # noqa: E402

__all__ = ["citations", "parse_document", "parse_register", "parse_article", "parse_article_doc", "parse_listing", "parse_listing_doc",
           "detect_layout", "is_article_url", "is_pager_link", "layout_of", "load", "layouts",
           "Layout", "PageRole", "article_shaped", "classify", "cut_short", "page_tail"]
