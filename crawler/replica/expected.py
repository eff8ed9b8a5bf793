"""Expected records: what a correct parser must make of each replica article page.

Computed from the replica's source data only (never from any parser's output), in the
shape of DESIGN.md "The record". Keys that depend on the fetch or on the parser
(`body_html`, `fetched_at`, `parser`) are left out: a comparison checks the keys given here.

Rules this module encodes, so a failing comparison can be read against them:
- `url` is base_url + the article's own path (its primary category), without
  `?pageindex=0`; `site` is base_url's host:port.
- `published_at` has seconds and +07:00 when the page shows a time, else just the date.
  With both "Ngày đăng:" and "Cập nhật:" on the page, it is the "Ngày đăng:" one.
- `body` is the text of the body paragraphs, one line each, without image captions,
  the byline paragraph, the "File đính kèm:" paragraph and empty paragraphs; the text of
  an inline attachment link stays in its paragraph.
- `related` lists each linked article once, in page order, by its canonical URL.
- `images` are body images in page order; a root-relative src is made absolute on
  base_url; `caption` is null when the image has none.
- `attachments` in page order: links inside body paragraphs, then documents shown in a
  viewer iframe (url = the iframe's `file=` document, name null), then the
  "File đính kèm:" links.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from .site import ArticleSource, Site, attachment_marker
from .textutil import collapse, esc, fragment_text

TZ = "+07:00"  # the portal prints local time (Asia/Ho_Chi_Minh)

# Written out again rather than imported from crawler.items on purpose: the replica's
# expected records must not depend on the code they are used to check.
EXPECTED_KEYS = (
    "url",
    "site",
    "article_id",
    "title",
    "published_at",
    "author",
    "summary",
    "body",
    "category",
    "tags",
    "related",
    "images",
    "attachments",
)


def published_at(a: ArticleSource) -> str:
    if a.shows_time:
        return a.published.strftime("%Y-%m-%dT%H:%M:%S") + TZ
    return a.published.strftime("%Y-%m-%d")


def body_text(a: ArticleSource) -> str:
    lines = []
    for para in a.body:
        for n, att in enumerate(a.attachments):
            para = para.replace(attachment_marker(n), esc(att.name or ""))
        text = fragment_text(para)
        if text:
            lines.append(text)
    return "\n".join(lines)


def _attachments(a: ArticleSource, base: str) -> list[dict[str, Any]]:
    def entry(att, name):
        return {"url": urljoin(base + "/", att.href), "name": name}

    inline = []
    for para in a.body:
        for n, att in enumerate(a.attachments):
            if attachment_marker(n) in para:
                inline.append(entry(att, collapse(att.name or "") or None))
    viewer = [entry(att, None) for att in a.attachments if att.kind == "iframe"]
    files = [
        entry(att, collapse(att.name or "") or None)
        for att in a.attachments
        if att.kind in ("link-download", "docx")
    ]
    return inline + viewer + files


def expected_record(site: Site, a: ArticleSource, base_url: str) -> dict[str, Any]:
    base = base_url.rstrip("/")
    images = []
    for n, img in enumerate(a.images):
        caption = collapse(img.caption) if img.caption is not None else None
        images.append(
            {"url": urljoin(base + "/", site.image_src(a, n)), "caption": caption or None}
        )
    return {
        "url": base + site.article_path(a),
        "site": urlsplit(base).netloc,
        "article_id": a.id,
        "title": collapse(a.title),
        "published_at": published_at(a),
        "author": collapse(a.author) if a.author else None,
        "summary": collapse(a.lead),
        "body": body_text(a),
        "category": collapse(site.category(a.category).name),
        "tags": [collapse(t) for t in a.tags],
        "related": [
            {"url": base + site.article_path(r), "title": collapse(r.title)}
            for r in site.related_of(a)
        ],
        "images": images,
        "attachments": _attachments(a, base),
    }


def expected_records(site: Site, base_url: str) -> list[dict[str, Any]]:
    return [expected_record(site, a, base_url) for a in site.articles.values()]
