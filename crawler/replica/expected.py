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

Hostile text (`build_site(hostile=True)`; the rule holds for every text field of every
record, the ordinary source data just never triggers it), in this order:
- C0 and C1 control characters other than tab and newline (U+0000-U+0008,
  U+000B-U+001F, U+0080-U+009F) are removed, raw or written as a numeric reference:
  `&#0;` and `&#7;` are a NUL and a BEL, removed like raw ones. (An HTML5 parser turns
  `&#0;` into U+FFFD and keeps `&#7;` as U+0007; the record keeps neither.)
- The bidi embedding/override/isolate controls U+202A-U+202E and U+2066-U+2069 are
  removed (the record is text, not display).
- A numeric reference to a lone surrogate (`&#xD800;`) is U+FFFD, as HTML5 decodes it.
- Then NFC and whitespace collapsed as usual. Removing is not a space: `tiế<U+0007>p` is
  `tiếp`.
- `<script>` (and `<style>`) elements never contribute text, wherever they sit; a
  `<script>` written as text (`&lt;script&gt;` in the body, or in a title, which is plain
  text) is text like any other.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from .model import SiteModel
from .source import ArticleSource, attachment_marker
from .textutil import collapse, esc

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


# What the hostile-text rule removes (see the module docstring).
_REMOVED = re.compile("[\x00-\x08\x0b-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
# A numeric reference to NUL. Python's html.unescape gives U+FFFD for it (as HTML5 does);
# the record's rule treats it as the NUL it names, so it goes before decoding.
_NUL_REF = re.compile(r"&#(?:0+|[xX]0+);")
_NO_TEXT = ("script", "style")


def record_text(text: str) -> str:
    """A record's form of a text: controls and bidi controls removed, NFC, collapsed."""
    return collapse(_REMOVED.sub("", text))


class _FragmentText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # depth inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _NO_TEXT:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _NO_TEXT and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """The record's text of a hand-written body fragment (the rule above)."""
    parser = _FragmentText()
    parser.feed(_NUL_REF.sub("", fragment))
    parser.close()
    return record_text("".join(parser.parts))


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
                inline.append(entry(att, record_text(att.name or "") or None))
    viewer = [entry(att, None) for att in a.attachments if att.kind == "iframe"]
    files = [
        entry(att, record_text(att.name or "") or None)
        for att in a.attachments
        if att.kind in ("link-download", "docx")
    ]
    return inline + viewer + files


def expected_record(site: SiteModel, a: ArticleSource, base_url: str) -> dict[str, Any]:
    base = base_url.rstrip("/")
    images = []
    for n, img in enumerate(a.images):
        caption = record_text(img.caption) if img.caption is not None else None
        images.append(
            {"url": urljoin(base + "/", site.image_src(a, n)), "caption": caption or None}
        )
    return {
        "url": base + site.article_path(a),
        "site": urlsplit(base).netloc,
        "article_id": a.id,
        "title": record_text(a.title),
        "published_at": published_at(a),
        "author": record_text(a.author) if a.author else None,
        "summary": record_text(a.lead),
        "body": body_text(a),
        "category": record_text(site.category(a.category).name),
        "tags": [record_text(t) for t in a.tags],
        "related": [
            {"url": base + site.article_path(r), "title": record_text(r.title)}
            for r in site.related_of(a)
        ],
        "images": images,
        "attachments": _attachments(a, base),
    }


def expected_records(site: SiteModel, base_url: str) -> list[dict[str, Any]]:
    return [expected_record(site, a, base_url) for a in site.articles.values()]
