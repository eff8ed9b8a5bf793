"""What every site of the family shares: the site interface, the article model of the
three new sites, and the helpers that turn an article into its expected record.

A `FamilySite` answers requests for one host (`respond(method, target, body, headers)`,
target = path and query), says what its robots.txt disallows and which records a crawl
of it must produce (articles, and the documents of its register if it has one). Articles of the vnPortal subsite, the NukeViet site and the
WordPress site are `Post`s: hand-written source data (in `content.py` and
`content_communes.py`); each site's module renders them in its own markup, and
`post_record` makes the record from the source data alone, never from the markup.

The record's rules for these sites, beyond those of `crawler/replica/expected.py` (which
hold here too: text NFC and collapsed, `body` the body paragraphs one a line without
image captions and byline/credit paragraphs, images in page order with null captions):
- `author` is a person's name or initials as the page credits it ("Thu Hà", "PV",
  "N.H"); `source` the organisation or paper the page credits ("Nguồn: X",
  "Nguồn tin: X", "Theo X" all give "X"); a page can have both, either or neither.
  Labels ("Tác giả:", "Nguồn:", "Nguồn tin:", "Theo") are never part of the value.
- `published_at`: ISO with seconds and +07:00 when the page shows a time of day (the
  NukeViet and WordPress pages always do), else the date.
- `layout`: "vnportal", "nukeviet" or "wordpress".
- `cites`: the document numbers the post's text names (`Post.cites`, hand-written with
  the text; the rule is in `documents`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from ..expected import TZ, fragment_text, record_text
from ..response import PORTAL_TZ, Response
from ..textutil import attr, esc

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@dataclass
class Img:
    after: int  # body paragraphs before the image
    caption: str | None
    name: str  # file name; each site puts it under its own upload folder


@dataclass
class Post:
    id: str
    category: str
    title: str
    published: datetime
    lead: str | None
    body: list[str]  # inline HTML fragments, one a paragraph
    images: list[Img] = field(default_factory=list)
    author: str | None = None
    source: str | None = None
    # Where the credit sits; each site module documents the values it knows.
    byline: str = "none"
    tags: list[str] = field(default_factory=list)
    text: str = "nfc"  # "nfc", "nfd" (whole page), "nfd_body", "entities" (body)
    date_format: str = "dmy_hm"  # vnPortal only: how div.PostDate writes the date
    date_label: str | None = None
    shows_time: bool = True
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (file name, link text)
    slug: str | None = None  # WordPress: the post name; else computed from the title
    updated: datetime | None = None  # WordPress: the "updated" time, when edited
    # Document numbers the title, lead and body name, canonical, in order, each once.
    cites: list[str] = field(default_factory=list)

    @property
    def modified(self) -> datetime:
        return max(self.published, self.updated or self.published)


class FamilySite:
    """One host of the family. Subclasses answer requests and know their records."""

    host: str = ""
    name: str = ""
    kind: str = "live"  # "live", "dead" or "files"
    layout: str | None = None  # the record's "layout" for a live site
    server_header: str = "Microsoft-IIS/10.0"

    @property
    def base(self) -> str:
        return f"http://{self.host}"

    def respond(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Response:
        raise NotImplementedError

    def disallowed(self) -> list[str]:
        """Path prefixes its robots.txt disallows (empty for a host without rules)."""
        return []

    def robots_txt(self) -> str:
        lines = ["User-agent: *"] + [f"Disallow: {p}" for p in self.disallowed()]
        if not self.disallowed():
            lines.append("Disallow:")
        return "\n".join(lines) + "\n"

    def expected_records(self) -> list[dict[str, Any]]:
        return []

    def article_urls(self) -> list[str]:
        return [r["url"] for r in self.expected_records()]

    def listing_urls(self) -> list[str]:
        """Every listing page reachable by GET (pages 2+ included where the URL has them)."""
        return []

    def expected_documents(self) -> list[dict[str, Any]]:
        """The documents of the site's register (`documents.DOCUMENT_KEYS`), if it has one."""
        return []

    def register_urls(self) -> list[str]:
        """Every page of the site's register list, page 1 first (none without a register)."""
        return []


class PostSite(FamilySite):
    """A live site made of posts in categories (the subsites' common model); subclasses
    say where a post lives (``path_of``)."""

    def _setup(self, host: str, name: str, posts, categories) -> None:
        self.host = host
        self.name = name
        self.categories = [{"slug": s, "name": n, "id": i} for s, n, i in categories]
        self.posts = {p.id: p for p in posts}
        self._by_path = {self.path_of(p): p for p in self.posts.values()}

    def path_of(self, post) -> str:
        raise NotImplementedError

    def category(self, slug: str) -> dict[str, Any]:
        return next(c for c in self.categories if c["slug"] == slug)


# --- small helpers ----------------------------------------------------------------------


def html(markup: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, markup.encode("utf-8"), "text/html; charset=UTF-8", dict(headers or {}))


def text_response(body: str, status: int = 200) -> Response:
    return Response(status, body.encode("utf-8"), "text/plain; charset=utf-8")


def method_not_allowed(allow: str = "GET, HEAD") -> Response:
    return Response(405, b"method not allowed\n", "text/plain; charset=utf-8", {"Allow": allow})


def split_target(target: str) -> tuple[str, str]:
    parts = urlsplit(target)
    return parts.path or "/", parts.query


def ticks(when: datetime, salt: str) -> int:
    """A .NET tick count a little before `when`, its low digits drawn from `salt`."""
    seconds = int((when - datetime(1, 1, 1)).total_seconds()) - 1800
    low = int(hashlib.sha256(salt.encode()).hexdigest()[:6], 16) % 10**7
    return seconds * 10**7 + low


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S") + TZ


def published_at(post: Post) -> str:
    return iso(post.published) if post.shows_time else post.published.strftime("%Y-%m-%d")


def body_text(post: Post) -> str:
    lines = [fragment_text(p) for p in post.body]
    return "\n".join(line for line in lines if line)


def last_modified(post: Post) -> datetime:
    return post.modified.replace(tzinfo=PORTAL_TZ)


def post_record(
    post: Post,
    *,
    host: str,
    url: str,
    category: str,
    layout: str,
    images: list[str],
    related: list[tuple[str, str]],
    attachments: list[tuple[str, str | None]] = (),
) -> dict[str, Any]:
    """The expected record of one post. `images` are the image URLs (in page order),
    `related` (url, title) pairs, `attachments` (url, name) pairs."""
    return {
        "url": url,
        "site": host,
        "article_id": post.id,
        "title": record_text(post.title),
        "published_at": published_at(post),
        "author": record_text(post.author) if post.author else None,
        "summary": record_text(post.lead) if post.lead else None,
        "body": body_text(post),
        "category": record_text(category),
        "tags": [record_text(t) for t in post.tags],
        "related": [{"url": u, "title": record_text(t)} for u, t in related],
        "images": [
            {"url": u, "caption": record_text(img.caption) if img.caption else None}
            for u, img in zip(images, post.images)
        ],
        "attachments": [{"url": u, "name": record_text(n) if n else None} for u, n in attachments],
        "source": record_text(post.source) if post.source else None,
        "layout": layout,
        "cites": list(post.cites),
    }


def listing_order(posts: list[Post]) -> list[Post]:
    """Newest first (ties: the higher id first), as all three systems list."""
    return sorted(posts, key=lambda p: (p.published, int(p.id)), reverse=True)


__all__ = [
    "FamilySite",
    "Img",
    "Post",
    "attr",
    "esc",
    "html",
    "iso",
    "listing_order",
    "post_record",
]
