"""Fallback for pages of no known layout.

Structured data first (JSON-LD article, og: and article: meta), then the text-densest block
of paragraphs as the body.  It only answers for pages that declare themselves articles or
sit at an article-like URL with a real body and a date, so a contact page or a listing is never taken
for an article.
"""

from __future__ import annotations

from ..items import Article
from . import base
from .base import css, first, text_of
from .dates import parse_date
from .text import canonical_url, clean_text, site_of

NAME = "generic"
VERSION = "1"

TITLE = (css("article h1"), css("h1"), css(".title"))
DATE = (css("time[datetime]"), css("[itemprop=datePublished]"), css(".date"), css(".time"),
        css(".post-date"), css(".published"))
MIN_BODY_CHARS = 300


def densest_block(doc):
    """The element whose direct <p> children hold the most text."""
    best, best_len = None, 0
    for el in doc.iter("div", "article", "section", "td", "main"):
        total = sum(len(text_of(p)) for p in el if isinstance(p.tag, str) and p.tag == "p")
        if total > best_len:
            best, best_len = el, total
    return best, best_len


def parse(doc, url: str, fetched_at: str | None = None) -> Article | None:
    url = canonical_url(url)
    ld = base.jsonld_article(doc)
    declared = bool(ld) or (base.meta_content(doc, "og:type") or "").lower() == "article"
    body_el, body_len = densest_block(doc)
    if not declared and not (base.is_article_url(url) and body_len >= MIN_BODY_CHARS):
        return None
    sources: dict[str, str] = {}
    dated = (ld.get("datePublished") if ld else None) or base.meta_content(
        doc, "article:published_time", "pubdate") or base.date_from(doc, DATE)
    if not declared and not dated:
        # News has a date; an undated page at an article-like URL is an "about" page.
        return None
    title_text = clean_text(ld.get("headline") or "") if ld else ""
    if not title_text:
        title_text = base.meta_content(doc, "og:title") or text_of(first(doc, TITLE))
    published = None
    for value in (ld.get("datePublished") if ld else None,
                  base.meta_content(doc, "article:published_time", "pubdate")):
        published = parse_date(str(value)) if value else None
        if published:
            break
    if not published:
        published = base.date_from(doc, DATE)
    body = base.extract_body(body_el, url) if body_el is not None else base.BodyResult()
    author = base.jsonld_text(ld.get("author")) if ld else None
    author = author or base.meta_content(doc, "article:author", "author") or body.author
    return Article(
        url=url,
        site=site_of(url),
        article_id=base.article_id_from_url(url),
        title=title_text,
        published_at=published,
        author=author,
        summary=clean_text(ld.get("description") or "") or None if ld else None,
        body=body.text,
        body_html=body.html,
        category=base.breadcrumb_category(base.jsonld_breadcrumb(doc), title_text),
        tags=[],
        related=base.extract_related(doc, url, scope_exclude=body_el),
        images=body.images,
        attachments=body.attachments,
        fetched_at=fetched_at,
        parser=f"{NAME}/{VERSION}",
        sources=sources,
    )
