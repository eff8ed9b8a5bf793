"""What every skinned site shares: the article model, date forms, credits, the body an
editor saved, and the expected record.

An `Article` holds the source data (title, lead, paragraphs, images, authors, source,
tags, cites) and *where the page puts things* (`lead_style`, `byline`, `source_at`,
`date_form`, ...). Each engine module renders it in its own markup; `SkinSite.record`
makes the expected record from the source data alone.

Record rules (beyond `crawler/replica/expected.py` and `family/base.py`, which hold here:
text NFC and collapsed, `body` the body paragraphs one a line without captions, credits
or the lead; `author` a person, `source` an organisation, labels never part of a value):
- several authors: `author` keeps every name, in page order, joined with ", " however
  the page separates them ("Hồ Phương - Lê Minh" and "Hồ Phương, Lê Minh" both give
  "Hồ Phương, Lê Minh");
- a lead written as the body's first, wholly bold paragraph is the `summary`, and not a
  line of `body`; a page without a lead has `summary` null (an excerpt WordPress makes
  from the body in listings is not a lead);
- `published_at` has the time (seconds, +07:00) when the page gives a time of day, in
  its text or in a machine-readable attribute (`time[datetime]`, `article:published_time`);
  else the date. With "Ngày đăng:" and "Cập nhật:" both, the "Ngày đăng:" one;
- `article_id`: the id the publishing system gives the article, as its URL carries it,
  where the crawler has a module for the system that knows its URL rule (vnPortal
  `-569138`, NukeViet `-123.html`, the WordPress post ID of `postid-N`); on the systems
  no module is written for (static pages, DotNetNuke, Joomla) the canonical URL is the
  identity and `article_id` is null: a number in a URL the crawler has no rule for
  (`ky-niem-2024.html`, `/1618-alias.html`) is never taken for an id;
- `category`: the article's own category as its breadcrumb (or, without one, its
  category link) names it;
- `related`: a block of related news (headings such as "Tin cùng chuyên mục", "Tin liên
  quan", "Tin khác", "Các tin khác", "Bài viết liên quan", NukeViet's "Những tin mới
  hơn" / "Những tin cũ hơn"), each article once, in page order, canonical URL. Previous
  / next post links, "Tin mới" / "Tin nổi bật" side boxes and listings are not related.
- `layout`: "vnportal", "nukeviet", "wordpress", or "generic" for the systems no module
  of the crawler is written for (static pages, DotNetNuke, Joomla).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from ..expected import fragment_text, record_text
from ..family.base import FamilySite, html, method_not_allowed, split_target, text_response
from ..family.files import CONTENT_TYPES, extension, file_response
from ..response import PORTAL_TZ, Response
from ..textutil import attr, encode_text, esc
from .corpus import dates

TZ = "+07:00"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAYS_LOWER = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")

# Display forms of PORTAL.md "Dates": form -> whether it shows the time of day.
DATE_FORMS = {
    "dmy": False,  # 15/09/2023
    "dmy_short": False,  # 14/8/2020
    "hm_dmy": True,  # 22:57 15/09/2023
    "dmy_hm": True,  # 15/09/2023 22:57
    "dmy_hms": True,  # 15/09/2023 22:57:00
    "weekday": True,  # Thứ Sáu, 14/08/2020 - 16:30
    "dash_hms": True,  # 14-08-2020 16:30:00
    "words": False,  # Ngày 14 tháng 8 năm 2020
}


def show_date(when: datetime, form: str) -> str:
    if form == "dmy":
        return f"{when:%d/%m/%Y}"
    if form == "dmy_short":
        return f"{when.day}/{when.month}/{when.year}"
    if form == "hm_dmy":
        return f"{when:%H:%M %d/%m/%Y}"
    if form == "dmy_hm":
        return f"{when:%d/%m/%Y %H:%M}"
    if form == "dmy_hms":
        return f"{when:%d/%m/%Y %H:%M:%S}"
    if form == "weekday":
        return f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y - %H:%M}"
    if form == "dash_hms":
        return f"{when:%d-%m-%Y %H:%M:%S}"
    if form == "words":
        return f"Ngày {when.day} tháng {when.month} năm {when.year}"
    raise ValueError(f"unknown date form {form!r}")


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S") + TZ


@dataclass
class Category:
    slug: str
    name: str
    id: int = 0
    path: str = ""  # the listing's URL path, set by the site


@dataclass
class Image:
    after: int  # body paragraphs (lead paragraph not counted) before it
    caption: str | None
    src: str  # as the page writes it (absolute, root-relative or relative)
    style: str = "figure"  # engine-specific: how the page shows it and its caption


@dataclass
class Article:
    n: int  # position in the site, oldest first
    category: Category
    title: str
    published: datetime
    lead: str | None
    body: list[str]
    images: list[Image] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    tags: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    # Where and how the page shows it; each engine knows its own values.
    lead_style: str = "element"  # "element", "bold_p", "none"
    byline: str = "none"  # "element", "label", "body_p", "body_label", "date", "meta", "none"
    joiner: str = ", "  # how several authors are separated on the page
    source_at: str = "none"  # "none", "body", "element"
    date_form: str = "dmy_hm"
    date_label: str | None = None
    updated: datetime | None = None
    text_mode: str = "nfc"  # "nfc", "nfd", "entities" (whole page), "nfd_body"
    shows_time: bool = True
    path: str = ""
    article_id: str | None = None
    slug: str = ""
    related: list[Article] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def author_text(self) -> str:
        return self.joiner.join(self.authors)

    @property
    def modified(self) -> datetime:
        return max(self.published, self.updated or self.published)


def newest_first(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published, a.n), reverse=True)


def teaser(a: Article) -> str:
    """What a list or search result shows under a title: the lead, else the first
    paragraph's text."""
    return a.lead or fragment_text(a.body[0])


def paginate(items: list, size: int, page: int) -> list:
    return items[(page - 1) * size : page * size]


def pages_of(items: list, size: int) -> int:
    return max(1, -(-len(items) // size))


# --- the body as an editor saved it -----------------------------------------------------


def assemble_body(
    a: Article,
    *,
    para: str = "<p>{}</p>",
    image,
    bold_lead: str = "<p><strong>{}</strong></p>",
    byline_p: str = '<p style="text-align: right;"><strong>{}</strong></p>',
    label_p: str = '<p style="text-align: right;"><strong>Tác giả:</strong> {}</p>',
    source_p: str = '<p style="text-align: right;"><em>Nguồn: {}</em></p>',
    sep: str = "\n",
) -> str:
    """Lead paragraph (when bold), paragraphs with their images, then the credits the body
    carries. `image(article, n)` renders image n with its caption."""
    parts: list[str] = []
    if a.lead_style == "bold_p" and a.lead:
        parts.append(bold_lead.format(esc(a.lead)))
    for idx in range(len(a.body) + 1):
        parts.extend(image(a, n) for n, img in enumerate(a.images) if img.after == idx)
        if idx < len(a.body):
            parts.append(para.format(a.body[idx]))
    if a.byline == "body_p" and a.authors:
        parts.append(byline_p.format(esc(a.author_text)))
    elif a.byline == "body_label" and a.authors:
        parts.append(label_p.format(esc(a.author_text)))
    if a.source_at == "body" and a.source:
        parts.append(source_p.format(esc(a.source)))
    inner = sep.join(parts)
    if a.text_mode == "nfd_body":
        inner = encode_text(inner, "nfd")
    return inner


def caption_p(caption: str) -> str:
    return f'<p style="text-align:center"><em>{esc(caption)}</em></p>'


# --- choosing -------------------------------------------------------------------------


def weighted(rng: random.Random, options: dict[str, float]) -> str:
    names = list(options)
    return rng.choices(names, weights=[options[n] for n in names])[0]


def choose_authors(rng: random.Random, pool: tuple[str, ...]) -> list[str]:
    count = 2 if rng.random() < 0.25 else 1
    return rng.sample(pool, count)


# --- the site -------------------------------------------------------------------------


class SkinSite(FamilySite):
    """A live site of a skinned family. Subclasses set `articles`, render pages in
    `route(method, path, query, body, headers)` and list their non-article pages."""

    engine = ""  # "vnportal", "nukeviet", "wordpress", "static", "dnn", "joomla"
    layout = ""
    articles: list[Article]

    def __init__(self, host: str, name: str) -> None:
        self.host = host
        self.name = name
        self.articles = []
        self.categories: list[Category] = []

    def url(self, path: str) -> str:
        return self.base + path

    # --- records --------------------------------------------------------------------
    def image_url(self, a: Article, img: Image) -> str:
        return urljoin(self.url(a.path), img.src)

    def record(self, a: Article) -> dict[str, Any]:
        lines = [fragment_text(p) for p in a.body]
        return {
            "url": self.url(a.path),
            "site": self.host,
            "article_id": a.article_id if self.layout != "generic" else None,
            "title": record_text(a.title),
            "published_at": iso(a.published) if a.shows_time else f"{a.published:%Y-%m-%d}",
            "author": record_text(", ".join(a.authors)) if a.authors and a.byline != "none" else None,
            "summary": record_text(a.lead) if a.lead and a.lead_style != "none" else None,
            "body": "\n".join(line for line in lines if line),
            "category": record_text(a.category.name),
            "tags": [record_text(t) for t in a.tags],
            "related": [{"url": self.url(r.path), "title": record_text(r.title)} for r in a.related],
            "images": [
                {"url": self.image_url(a, img), "caption": record_text(img.caption) if img.caption else None}
                for img in a.images
            ],
            "attachments": [],
            "source": record_text(a.source) if a.source and a.source_at != "none" else None,
            "layout": self.layout,
            "cites": list(a.cites),
        }

    def expected_records(self) -> list[dict[str, Any]]:
        return [self.record(a) for a in self.articles]

    def non_article_paths(self) -> list[str]:
        """Pages that carry a heading, a date and paragraphs but are not articles."""
        return []

    # --- serving --------------------------------------------------------------------
    def respond(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Response:
        path, query = split_target(target)
        if method in ("GET", "HEAD"):
            if path == "/robots.txt":
                return text_response(self.robots_txt())
            if extension(path) in CONTENT_TYPES:
                found = file_response(path)
                if found is not None:
                    return found
        elif method != "POST":
            return method_not_allowed("GET, HEAD, POST")
        resp = self.route(method, path, query, body, headers)
        return resp if resp is not None else self.not_found()

    def route(self, method, path, query, body, headers) -> Response | None:
        raise NotImplementedError

    def not_found(self) -> Response:
        return html("<!DOCTYPE html><html><head><title>404</title></head><body>"
                    "<h1>Không tìm thấy trang</h1></body></html>", status=404)

    def article_response(self, a: Article, markup: str) -> Response:
        if a.text_mode in ("nfd", "entities"):
            markup = encode_text(markup, a.text_mode)
        resp = html(markup)
        resp.last_modified = a.modified.replace(tzinfo=PORTAL_TZ)
        return resp

    def by_path(self) -> dict[str, Article]:
        return {a.path: a for a in self.articles}


@dataclass
class Habits:
    """How a site's editors and template write articles: weights of each choice."""

    lead_styles: dict[str, float]
    bylines: dict[str, float]
    date_forms: dict[str, float]
    image_styles: dict[str, float]
    source_at: dict[str, float] = field(default_factory=lambda: {"none": 1.0})
    text_modes: dict[str, float] = field(default_factory=lambda: {"nfc": 1.0})
    date_labels: dict[str, float] = field(default_factory=lambda: {"": 1.0})
    updated_rate: float = 0.0  # "Ngày đăng: X | Cập nhật: Y" (vnPortal)
    tag_rate: float = 0.5
    max_images: int = 2


def draft_articles(
    rng: random.Random,
    corpus,
    *,
    count: int,
    categories: list[Category],
    habits: Habits,
    start: datetime,
    days: int,
    authors: tuple[str, ...],
    sources: tuple[str, ...],
) -> list[Article]:
    """`count` articles, oldest first, spread over `categories` (each gets one at least),
    text from `corpus`, placements drawn from `habits`."""
    times = dates(rng, count, start=start, days=days)
    cats = list(categories) + [rng.choice(categories) for _ in range(count - len(categories))]
    rng.shuffle(cats)
    return [
        _draft(rng, corpus, n, when, cat, habits=habits, authors=authors, sources=sources)
        for n, (when, cat) in enumerate(zip(times, cats))
    ]


def _draft(
    rng: random.Random,
    corpus,
    n: int,
    when: datetime,
    cat: Category,
    *,
    habits: Habits,
    authors: tuple[str, ...],
    sources: tuple[str, ...],
) -> Article:
    """Article `n`, published `when` in `cat`: its text, then each placement drawn in turn."""
    text = corpus.text(rng, when)
    lead_style = weighted(rng, habits.lead_styles)
    byline = weighted(rng, habits.bylines)
    names = choose_authors(rng, authors) if byline != "none" else []
    source_at = weighted(rng, habits.source_at)
    if byline == "body_p" and source_at == "body":
        source_at = "none"  # the bold byline paragraph stays the body's last
    form = weighted(rng, habits.date_forms)
    label = weighted(rng, habits.date_labels) or None
    updated = None
    if habits.updated_rate and rng.random() < habits.updated_rate and byline != "date":
        updated = when.replace(hour=min(when.hour + rng.randint(1, 2), 23))
    images = _draw_images(rng, text, habits)
    return Article(
        n=n,
        category=cat,
        title=text.title,
        published=when,
        lead=text.lead if lead_style != "none" else None,
        body=text.body,
        images=images,
        authors=names,
        source=rng.choice(sources) if source_at != "none" else None,
        tags=text.tags if rng.random() < habits.tag_rate else [],
        cites=text.cites,
        lead_style=lead_style,
        byline=byline,
        joiner=rng.choice((" - ", ", ")) if byline != "date" else ", ",
        source_at=source_at,
        date_form=form,
        date_label=label,
        updated=updated,
        text_mode=weighted(rng, habits.text_modes),
        shows_time=DATE_FORMS[form],
    )


def _draw_images(rng: random.Random, text, habits: Habits) -> list[Image]:
    """Up to `habits.max_images` body images, each after a drawn paragraph, in body order."""
    images = []
    for k in range(rng.randint(0, habits.max_images)):
        after = rng.randint(1, max(1, len(text.body) - 1))
        caption = text.captions[k % len(text.captions)] if rng.random() < 0.75 else None
        images.append(Image(after, caption, "", weighted(rng, habits.image_styles)))
    images.sort(key=lambda i: i.after)
    return images


def set_related(articles: list[Article], count: int) -> None:
    """Each article's related list: the newest others of its category."""
    for a in articles:
        same = [b for b in newest_first(articles) if b.category is a.category and b is not a]
        a.related = same[:count]


__all__ = [
    "Article",
    "Category",
    "DATE_FORMS",
    "Image",
    "SkinSite",
    "assemble_body",
    "attr",
    "caption_p",
    "esc",
    "html",
    "iso",
    "newest_first",
    "show_date",
    "weighted",
]
