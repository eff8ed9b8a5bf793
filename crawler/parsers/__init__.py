"""Pure parsers: (html, url) -> Article | Listing.  No Scrapy, no SQL, so a stored page is a
test and a stored snapshot can be re-parsed years later.

``parse_article`` picks the layout (vnPortal, NukeViet, else the generic fallback) and
returns None for pages that are not articles (home, listings, contact pages).
"""

from __future__ import annotations

from ..items import Article, Listing
from . import generic, nukeviet, vnportal
from .base import load

LAYOUTS = (vnportal, nukeviet, generic)
PARSER_VERSIONS = {m.NAME: m.VERSION for m in LAYOUTS}


def detect_layout(doc):
    if nukeviet.is_nukeviet(doc):
        return nukeviet
    if vnportal.is_article_page(doc) or vnportal.is_listing_page(doc):
        return vnportal
    return generic


def parse_article(html: bytes | str, url: str, fetched_at: str | None = None,
                  content_type: str | None = None) -> Article | None:
    doc = load(html, content_type)
    return parse_article_doc(doc, url, fetched_at)


def parse_article_doc(doc, url: str, fetched_at: str | None = None) -> Article | None:
    layout = detect_layout(doc)
    if layout is vnportal and not vnportal.is_article_page(doc):
        return None  # a vnPortal listing page
    article = layout.parse(doc, url, fetched_at)
    if article is None and layout is not generic:
        article = generic.parse(doc, url, fetched_at)
    return article


def parse_listing(html: bytes | str, url: str, content_type: str | None = None) -> Listing | None:
    return vnportal.parse_listing(load(html, content_type), url)


__all__ = ["parse_article", "parse_article_doc", "parse_listing", "detect_layout", "load",
           "LAYOUTS", "PARSER_VERSIONS"]
