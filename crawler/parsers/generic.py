"""Fallback for pages of no known layout: DotNetNuke, Joomla, Drupal, Liferay, SharePoint,
Blogger, hand-made table pages, ASP pages of <font> and <br><br>, headless front ends.

Structured data first where a page has it (JSON-LD, og:/article: meta, microdata), then
what the page shows.  The body is found by weighing text, not by trusting class names:
every visible line of the page is prose (a sentence) or chrome (links, labels, dates,
menu lines, titles), and the body is the element whose prose outweighs its chrome the
most.  Body containers of common systems are preferred, but only when they hold most of
that prose, so a side block that happens to share the class (Drupal's
``field--name-body`` in a sidebar) is never taken.  Class names that mean chrome
(comments, related lists, share bars) mark chrome only on elements that hold a minor part
of the page's prose: some themes call their main column ``sidebar-1``.

Inside the body the title, the lead, date lines, tool bars, "Xem thêm" links and the
boxes that follow the text are dropped; paragraphs written as ``<br><br>`` runs become
paragraphs; the byline and the credit that end the text go to ``author`` and ``source``
(extract_body).  The byline a page prints (beside the title or the date, or under
the text) comes before <meta name="author">, which many sites fill with their own name;
the site's own name (og:site_name, JSON-LD's publisher, the host's) is never the author.
Structured data written wrong (a bare string for the author, lists in a breadcrumb's
list) is asked only after the markup.  A page is an article when it says so (JSON-LD, og:type, a single
article itemscope) or shows a date, and its body is not a list of teasers: a listing, a
home page, a search page, an undated "about" or contact page is refused.

One walk over the page (``Page``) weighs the text and indexes the elements by class, so
that no class selector walks the whole tree again.  trafilatura is not used, not even as
a second opinion: on the pages of bench/bench_fallback.py this module reads the body at
least as well, the head fields (title, date, byline, lead) better, in about half its time.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from ..kernel.record import Article
from ..kernel.text import canonical_url
from .body import assemble, extract_body
from .bylines import clean_author, is_org, is_outlet, names_people, read_signature
from .generic_body import _drop, clean_body, in_teaser_list, is_listing, teasers_within
from .generic_byline import (
    author,
    category,
    late_author,
    meta_lines,
    source_field,
    tags,
)
from .generic_fields import (
    _site_heading,
    article_region,
    bold_lead,
    declared_article,
    described,
    italic_lead,
    lead_by_class,
    lead_by_description,
    meta,
    metas,
    published_at,
    site_names,
    title,
)
from .generic_index import H1_SEL, Page, _inside, body_element
from .generic_patterns import MIN_BODY_CHARS
from .jsonld import jsonld_article
from .links import extract_related, files_after, is_article_url
from .page import is_right_aligned, text_of
from .urls import article_shaped, titled_slug

NAME = "generic"
VERSION = "3"


# --- the record -------------------------------------------------------------------------


# Under a related block's label, another article of the site is also an item asked for
# by a code (Oracle WebCenter's "chi-tiet-tin?dDocName=TAND311870") or a title's slug
# with no id (Drupal's and Liferay's "/content/thanh-lap-them-3-benh-vien-da-chien"): four
# words or more, naming no collection.
_CODED_ITEM = re.compile(r"^[A-Za-z]{0,12}\d{5,}$")
SLUG_WORDS = 4


def _related_item(url: str) -> bool:
    if is_article_url(url) or article_shaped(url):
        return True
    parts = urlsplit(url)
    if parts.query:
        return any(_CODED_ITEM.match(v) for values in parse_qs(parts.query).values()
                   for v in values)
    return titled_slug(url, SLUG_WORDS)


def parse(doc, url: str, fetched_at: str | None = None,
          evidence: dict | None = None, listed_at: str | None = None) -> Article | None:
    """The page's article, or None.  ``evidence``, when given, is filled with what the
    page's roles are judged by (parsers.roles): how much of the page's running text the
    body holds, where the date came from, what the page declares itself.  ``listed_at``:
    the date a listing printed beside its link, the page's when it prints none."""
    url = canonical_url(url)
    page = Page(doc)
    body_el = body_element(page)
    if evidence is not None:
        evidence["page_prose"] = page.good.get(page.root, 0)
        evidence["body_prose"] = page.good.get(body_el, 0) if body_el is not None else 0
        evidence["body_el"] = body_el
    if body_el is None:
        return None
    ld = jsonld_article(doc)
    meta_map = metas(doc)
    sources: dict[str, str] = {"body": "weighed"}
    title_text, title_el, sources["title"] = title(page, ld, meta_map, body_el)
    if title_el is not None and _inside(body_el, title_el):
        title_el = None  # a "title" class on an element around the whole article
    region = article_region(title_el, body_el)
    names = site_names(doc, url, ld)
    byline = author(page, ld, meta_map, region, names,
                    meta_lines(page, region, title_el, body_el), sources)

    summary = described(ld, meta_map)
    lead_el = lead_by_class(page, region, title_el, body_el)
    if lead_el is None:
        lead_el = lead_by_description(page, region, body_el, summary, title_text)
    lead_text = page.text(lead_el) if lead_el is not None else None
    result = clean_body(page, body_el, title_text=title_text, title_el=title_el,
                        lead_el=lead_el, lead_text=lead_text, author_text=byline)
    if lead_text is None:
        lead_text = _lead_in_body(result.body, summary)
    if lead_text:
        sources["summary"] = "layout"

    declared = declared_article(doc, ld, meta_map)
    if (not declared and (is_listing(result) or in_teaser_list(body_el))) or teasers_within(body_el):
        return None  # (a page declaring itself a post that holds a list's teasers is a list)
    body = extract_body(result.body, url, find_byline=True, summary=lead_text)
    if not (byline or body.author):
        body.author = _signed_row_below(body_el, names)
    byline = _late_byline(body, byline, ld, meta_map, names, sources)
    published = published_at(page, ld, meta_map, region, title_el, body_el, sources)
    if evidence is not None:
        _note_signs(evidence, page, ld, meta_map, sources, title_el, published)
    if not title_text or len(body.text) < MIN_BODY_CHARS:
        return None
    if not (declared or published) and listed_at:
        # A hand-made site may date its news in its lists only.
        published, sources["published_at"] = listed_at, "listing"
    if not (declared or published):
        # News has a date: an undated page that does not call itself an article, nor one a
        # list dates, is an "about" or a contact page, even at an article-like URL.
        return None
    return _assembled(doc, url, fetched_at, page, region, body, sources, body_el=body_el,
                      title_text=title_text,
                      published=published, byline=byline, lead_text=lead_text)


def _lead_in_body(body, summary: str) -> str | None:
    """The lead set as the cleaned body's first paragraph (in bold, or in italics that the
    page's description repeats), taken out of the body; None when there is none."""
    first_para = bold_lead(body)
    if first_para is None:
        first_para = italic_lead(body, summary)
    if first_para is not None:
        lead_text = text_of(first_para)
        _drop(first_para)
        return lead_text
    return None


def _signed_row_below(body_el, names) -> str | None:
    """An old layout's byline just under the text, outside its element: in a row of its
    own under the text's row (<tr><td align="right"><b>Hoàng Văn Sơn</b></td></tr>), or
    the right-aligned paragraph after the text's <div> (<p align="right"><b>…</b></p>)."""
    row = body_el.getparent() if body_el.tag == "td" else body_el
    below = row.getnext() if row is not None else None
    while below is not None and not isinstance(below.tag, str):
        below = below.getnext()
    if below is None:
        return None
    if below.tag == "tr":
        cells = below.findall("td")
        line = cells[0] if len(cells) == 1 else None
    else:  # a person's name, or an office's: a right-aligned line there may be anything else
        text = text_of(below)
        line = below if (below.tag in ("p", "div") and is_right_aligned(below) and (
            names_people(text) or len(text) <= 60 and is_org(text) and not is_outlet(text))
        ) else None
    signed = read_signature(line, find_byline=True, site=names) if line is not None else None
    return signed.author if signed is not None else None


def _late_byline(body, byline, ld, meta_map, names, sources) -> str | None:
    """The byline when the head of the article prints none: the byline paragraph under
    the body, then late_author."""
    if body.author and not byline:
        # (an office the signature names is its author: read_signature took no paper)
        byline = clean_author(body.author, names, organisations=True)
        if byline:
            sources["author"] = "byline-paragraph"
    if not byline:
        byline = late_author(ld, meta_map, names, sources)
    return byline


def _note_signs(evidence: dict, page: Page, ld, meta_map, sources, title_el,
                published) -> None:
    """What the page's roles are judged by besides the weights: how the title was found,
    the page's headings, what the page declares itself, where the date came from."""
    evidence["title_how"] = sources["title"]
    evidence["title_el"] = title_el
    evidence["headings"] = [el for el in page.select(page.root, H1_SEL)
                            if not page.in_noise(el) and not _site_heading(el)
                            and page.text(el)]
    evidence["og_article"] = (meta(meta_map, "og:type") or "").lower() == "article"
    evidence["jsonld_article"] = str(ld.get("@type")) if ld else None
    evidence["date_near_title"] = bool(published) and sources.get("published_at") == "layout"
    evidence["structured_date"] = bool(published) and sources.get("published_at") == "structured"


def _assembled(doc, url: str, fetched_at, page: Page, region, body, sources, *, title_text,
               published, byline, lead_text, body_el=None) -> Article:
    """The record: the fields read, with the credit, category, tags and related links."""
    if body_el is not None:
        known = {a.url for a in body.attachments}
        body.attachments += [a for a in files_after(body_el, region, url, page.in_noise)
                             if a.url not in known]
    return assemble(
        url, body, parser=f"{NAME}/{VERSION}", fetched_at=fetched_at, sources=sources,
        title=title_text,
        published_at=published,
        author=byline,
        source=body.source or source_field(page, region),
        summary=lead_text or None,
        category=category(page, title_text),
        tags=tags(page, region),
        # The body's element may hold the related box after the text (a <td> of an old
        # page): its heading is looked for everywhere.
        related=extract_related(doc, url, is_article=_related_item),
    )
