"""The replica's site model: what a site holds and what follows from it, without its pages.

`SiteModel` takes the categories and articles of the source data (`source.py`), checks
them, and owns the URL of every article, listing order and pages, related lists, image
URLs, and the helpers tests use to know what the site holds (`article_paths`,
`listing_paths`, `disallowed_paths`, `variants`). The pages (`render.py`) and the expected
records (`expected.py`) are computed from a `SiteModel`; `site.Site` is the model with
both attached, so this module imports neither.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import datetime
from typing import Any

from .hostile import HOSTILE_KINDS
from .source import (
    ATTACHMENT_KINDS,
    BYLINES,
    DISALLOWED_PREFIXES,
    IMAGE_STYLES,
    LAYOUTS,
    LINK_STYLES,
    RELATED_DEFAULT_COUNT,
    RELATED_STYLES,
    TEXT_MODES,
    ArticleSource,
    Category,
    attachment_marker,
)
from .textutil import slugify


class SiteModel:
    """What the site holds, built from source data; immutable once built: lookup, URLs,
    listing order, related lists, image URLs, and what tests need to know. `site.Site`
    adds the pages and the records."""

    def __init__(
        self,
        categories: list[Category],
        articles: list[ArticleSource],
        *,
        site_id: int = 2930,
        page_size: int = 10,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.site_id = site_id
        self.page_size = page_size
        self.options = dict(options or {})
        self.categories = list(categories)
        self._categories = {c.slug: c for c in self.categories}
        self.articles = {a.id: a for a in articles}
        if len(self.articles) != len(articles):
            counts = Counter(a.id for a in articles)
            twice = sorted(i for i, k in counts.items() if k > 1)
            raise ValueError(f"replica source data: article ids used twice: {twice}")
        self._validate()
        self._by_path = {self.article_path(a): a for a in self.articles.values()}

    # --- lookup ---------------------------------------------------------------------
    def category(self, slug: str) -> Category:
        return self._categories[slug]

    def category_by_id(self, category_id: int) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def article_path(self, article: ArticleSource) -> str:
        return f"/{article.category}/{article.slug}-{article.id}"

    def article_at(self, path: str) -> ArticleSource | None:
        return self._by_path.get(path)

    def listing(self, slug: str) -> list[ArticleSource]:
        """A category's articles, newest first (ties: higher id first), as the portal lists."""
        items = [a for a in self.articles.values() if a.category == slug or slug in a.also_in]
        return sorted(items, key=lambda a: (a.published, a.id), reverse=True)

    def max_page(self, slug: str) -> int:
        return max(1, math.ceil(len(self.listing(slug)) / self.page_size))

    def listing_page(self, slug: str, page: int) -> list[ArticleSource]:
        start = (page - 1) * self.page_size
        return self.listing(slug)[start : start + self.page_size]

    def related_of(self, article: ArticleSource) -> list[ArticleSource]:
        spec = article.related
        if spec is None:
            return []
        if spec.ids is not None:
            # An id whose article was removed from the site drops out of the list, as
            # the portal rebuilds the list from what it still has.
            ids = dict.fromkeys(i for i in spec.ids if i in self.articles)
            return [self.articles[i] for i in ids]
        same = self.listing(article.category)
        pos = same.index(article)
        # The nearest older articles first, then newer ones when the older run out.
        ordered = same[pos + 1 :] + list(reversed(same[:pos]))
        return ordered[:RELATED_DEFAULT_COUNT]

    def image_src(self, article: ArticleSource, n: int) -> str:
        """The image's src as the page writes it (absolute, or root-relative)."""
        img = article.images[n]
        if img.src:
            return img.src
        when = article.published if article.shows_time else article.published.replace(hour=12)
        # The file name ends in the .NET tick count of the upload, a little before the
        # article went out; the id makes the sub-second digits differ between articles.
        seconds = int((when - datetime(1, 1, 1)).total_seconds()) - (30 - n) * 60
        ticks = seconds * 10**7 + int(article.id) % 10**7
        name = f"anh{n + 1}{ticks}.jpg"
        if when < datetime(2021, 1, 1):
            url = f"https://storage-vnportal.vnpt.vn/nan-ubnd/1/quantritintuc/{name}"
        elif when < datetime(2023, 7, 1):
            url = f"https://datafiles.nghean.gov.vn/nan-ubnd/{self.site_id}/quantritintuc/{name}"
        else:
            folder = f"quantritintuc{when.year}{when.month}"  # month not zero-padded
            url = f"https://datafiles.nghean.gov.vn/nan-ubnd/{self.site_id}/{folder}/{name}"
        if img.relative:
            return "/" + url.split("/", 3)[3]
        return url

    def thumbnail(self, article: ArticleSource) -> str:
        if article.images:
            src = self.image_src(article, 0)
            if not src.startswith("/"):
                return src
        return f"https://datafiles.nghean.gov.vn/nan-ubnd/{self.site_id}/quantritintuc/no-image.png"

    def featured(self) -> list[ArticleSource]:
        items = [a for a in self.articles.values() if a.featured]
        return sorted(items, key=lambda a: (a.published, a.id), reverse=True)

    def latest(self, count: int) -> list[ArticleSource]:
        items = sorted(self.articles.values(), key=lambda a: (a.published, a.id), reverse=True)
        return items[:count]

    # --- what tests need to know ----------------------------------------------------
    def article_paths(self) -> list[str]:
        return [self.article_path(a) for a in self.articles.values()]

    def listing_paths(self) -> list[str]:
        return [c.path for c in self.categories]

    def disallowed_paths(self) -> list[str]:
        """Path prefixes robots.txt disallows; the site links to a page under each."""
        return list(DISALLOWED_PREFIXES)

    def variants(self) -> dict[str, list[str]]:
        """Variant name -> article paths carrying it (e.g. "date:weekday", "text:nfd")."""
        out: dict[str, list[str]] = {}

        def add(name: str, a: ArticleSource) -> None:
            out.setdefault(name, []).append(self.article_path(a))

        for a in self.articles.values():
            add(f"layout:{a.layout}", a)
            add(f"date:{a.date_format}", a)
            if a.date_label:
                add(f"date_label:{a.date_label}", a)
            if a.updated:
                add("date_label:both", a)
            add(f"byline:{a.byline or 'none'}", a)
            add(f"text:{a.text}", a)
            add(f"links:{a.links}", a)
            for img in a.images:
                add(f"image:{img.style}", a)
                if img.caption is None:
                    add("image:no_caption", a)
                if img.relative or (img.src or "").startswith("/"):
                    add("image:relative_src", a)
            for att in a.attachments:
                add(f"attachment:{att.kind}", a)
            if a.related is None:
                add("related:none", a)
            else:
                add(f"related_heading:{a.related.heading}", a)
                add(f"related_style:{a.related.style}", a)
            if a.also_in:
                add("category:listed_twice", a)
            if a.tags:
                add("tags", a)
            if a.slug != slugify(a.title, max_length=10_000):
                add("slug:cut", a)
            if a.id in HOSTILE_KINDS:
                add(f"hostile:{HOSTILE_KINDS[a.id]}", a)
        for paths in out.values():
            paths[:] = list(dict.fromkeys(paths))
        return dict(sorted(out.items()))

    # --- checks ---------------------------------------------------------------------
    def _validate(self) -> None:
        errors: list[str] = []
        for a in self.articles.values():
            where = f"article {a.id}"
            if not (a.id.isdigit() and len(a.id) == 6):
                errors.append(f"{where}: id must be a 6-digit number")
            for slug in [a.category, *a.also_in]:
                if slug not in self._categories:
                    errors.append(f"{where}: unknown category {slug!r}")
            if a.byline is not None and a.byline not in BYLINES:
                errors.append(f"{where}: unknown byline {a.byline!r}")
            if (a.byline is None) != (a.author is None):
                errors.append(f"{where}: author and byline go together")
            if a.text not in TEXT_MODES:
                errors.append(f"{where}: unknown text mode {a.text!r}")
            if a.links not in LINK_STYLES:
                errors.append(f"{where}: unknown link style {a.links!r}")
            if a.layout not in LAYOUTS:
                errors.append(f"{where}: unknown layout {a.layout!r}")
            for img in a.images:
                if img.style not in IMAGE_STYLES or not 0 <= img.after <= len(a.body):
                    errors.append(f"{where}: bad image {img}")
            for n, att in enumerate(a.attachments):
                if att.kind not in ATTACHMENT_KINDS:
                    errors.append(f"{where}: unknown attachment kind {att.kind!r}")
                placed = sum(attachment_marker(n) in p for p in a.body)
                if (att.kind == "inline") != (placed == 1):
                    errors.append(f"{where}: an inline attachment is placed once, others never")
            if a.related is not None:
                if a.related.style not in RELATED_STYLES:
                    errors.append(f"{where}: unknown related style {a.related.style!r}")
                for rid in a.related.ids or []:
                    if rid not in self.articles:
                        errors.append(f"{where}: related id {rid} is not an article")
        paths = [self.article_path(a) for a in self.articles.values()]
        if len(set(paths)) != len(paths):
            errors.append("two articles share a URL")
        if errors:
            raise ValueError("replica source data:\n  " + "\n  ".join(errors))
