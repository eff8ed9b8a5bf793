"""vnPortal's later article template, beside the first (``vnportal`` version 1).

Seen on the portal as its template changed: the date moved out of ``div.PostDate`` into a
``div.ThongTinBai`` bar above the title (``span.NgayXuatBan``, seconds included, with the
view count and a print link), and the byline out of the body into ``div.NguonTin``.
Everything else (listings, LoadArticle pagination, body, related list) is version 1's.
Pages of the old template stay with version 1 (its fixtures are untouched), pages of this
one are read here, and each record names the version that made it.
"""

from __future__ import annotations

from . import vnportal
from .links import is_article_url
from .page import css, first
from .registry import Layout

NAME = vnportal.NAME
VERSION = "2"

# What only this template has.
MARKERS = (css("div.ThongTinBai"), css("span.NgayXuatBan"))
POST_DATE = (css("span.NgayXuatBan"), css("div.ThongTinBai")) + vnportal.POST_DATE
AUTHOR = (css("div.NguonTin"),) + vnportal.AUTHOR


def recognise(doc) -> bool:
    # This template's markers first: on a page of version 1 they cost a set lookup.
    return (first(doc, MARKERS) is not None
            and first(doc, vnportal.ARTICLE_MARKERS) is not None)


def parse(doc, url: str, fetched_at: str | None = None):
    return vnportal.parse(doc, url, fetched_at, post_date=POST_DATE, author=AUTHOR,
                          version=VERSION)


LAYOUTS = (Layout(NAME, VERSION, recognise=recognise, parse=parse,
                  parse_listing=vnportal.parse_listing, article_url=is_article_url,
                  priority=20, page_request=vnportal.page_request,
                  missing_pagination=vnportal.missing_pagination,
                  page_entries=vnportal.page_entries, page_encodings=vnportal.ENCODINGS),)
