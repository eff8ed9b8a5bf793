"""A page's role, decided once, from structure before markup, with the evidence for it.

Every fetched page is one of:

- ``hub``: a start page or a site's root (its home page): its links are followed, it is
  never stored as an article or a document, whatever it holds;
- ``document``: a page of a register of documents (labels: số ký hiệu, ngày ban hành ...);
- ``article``: a page reached through an article link (a listing's item, a link a layout
  calls one of its articles, or on a site no module knows a link shaped like an article's)
  that its layout reads as an article; the generic fallback accepts one only with evidence
  of an article (``_fallback_evidence``);
- ``listing``: a list of articles (a layout's category page, a register's list, or on a
  site no module knows a page whose content links three or more article-shaped pages);
- ``other``: everything else: contact, introduction and site-map pages, forms, search
  results, archives by month, author or tag, attribute tables, a person's profile.

``classify`` is the one function the spider asks per page; ``govnews probe`` prints its
verdicts.  It is pure: (page, url, how the page was reached) in, ``PageRole`` out.
News-please's URL heuristics and trafilatura's readerability check weigh such signs;
none knows Vietnamese portals' page names, so the signs are written here and in
``page_kinds``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..kernel.record import Article, Listing
from ..kernel.text import canonical_url, clean_text, fold
from . import generic, jsonld
from .addresses import apply_base_href, canonical_elsewhere, declared_address
from .bylines import caption_writer
from .documents import citations, parse_document, parse_register
from .links import LATER_PAGE, link_listing, pager_group
from .missing import SAYS_MISSING, footer_share, says_missing
from .page import load, meta_content, text_of, xp
from .page_kinds import BODY_POST, collection_sign, directory_sign, service_page
from .pagers import pager_links
from .profiles import profile_sign
from .registry import Layout
from .repeated import repeated_items
from .urls import article_shaped, collection_path, is_root

ROLES = ("hub", "listing", "article", "document", "other")
# How the spider reached a page: a start URL, an article link, a list's page, any link.
REACHED = ("start", "article", "listing", "page")

# --- a page that ends early -----------------------------------------------------------------

# A page's last words are read from its last blocks of text (a footer's address or copyright).
TAIL_CHARS = 60
COUNTER = re.compile(r"\d[.,]\d{3}|\d{5,}")
_TAIL_SKIP = {"script", "style", "noscript", "template", "head", "title"}


def page_tail(doc) -> str | None:
    """The last line of visible text a page ends with, folded (its footer's copyright or
    address): what every complete page of a site carries, learnt from its start page."""
    body = doc.find("body")
    root = body if body is not None else doc
    for el in reversed(list(root.iter())):
        if not isinstance(el.tag, str) or el.tag in _TAIL_SKIP or any(
                a.tag in _TAIL_SKIP for a in el.iterancestors()):
            continue
        own = clean_text(" ".join(t for t in (el.text, *(c.tail for c in el)) if t))
        # A visitor counter ("Lượt truy cập: 12.345.678") changes from page to page.
        if len(own) >= 12 and not COUNTER.search(own):
            return fold(own)[-TAIL_CHARS:]
    return None


def cut_short(raw: bytes, doc, tail: str | None) -> bool:
    """Whether a page ends before its site's pages do: no ``</html>`` near its end (an
    optional tag, so proof of nothing alone) and not the last words its site's start page
    ends with.  A connection closed mid-page with no Content-Length gives such a page, and
    its role must not be judged from the half that came."""
    if b"</html" in raw[-4096:].lower() or not tail:
        return False
    body = doc.find("body")
    text = fold(clean_text(" ".join((body if body is not None else doc).itertext())))
    return tail not in text


# --- the verdict ------------------------------------------------------------------------

@dataclass
class PageRole:
    role: str
    url: str
    layout: Layout
    reached_as: str
    # The Article (role article) or Document (role document); None otherwise.
    record: Any = None
    # A list of articles the page carries: a listing's own, or a hub's its layout reads.
    listing: Listing | None = None
    evidence: list[str] = field(default_factory=list)  # why, in the order weighed
    # (kind, sentence) the run records with the page's URL (malformed structured data).
    problems: list[tuple[str, str]] = field(default_factory=list)
    # An article's page whose rel=canonical names it at another address (a mobile twin,
    # another category's URL): that address.
    copy_of: str | None = None

    @property
    def layout_key(self) -> str:
        return self.layout.key


def classify(page, url: str, *, reached_as: str = "article", fetched_at: str | None = None,
             content_type: str | None = None, listed_at: str | None = None) -> PageRole:
    """The role of one page (``page``: its bytes, text or a loaded document) and the record
    that goes with it.  ``reached_as``: how the crawl came to it (``REACHED``);
    ``listed_at``: the date the listing that linked it printed beside its link."""
    from . import FALLBACK, detect_layout

    doc = page if hasattr(page, "xpath") else load(page, content_type)
    url = canonical_url(url)
    apply_base_href(doc, url)
    layout = detect_layout(doc)
    verdict = PageRole("other", url, layout, reached_as)
    read: list = []

    def layout_listing() -> Listing | None:
        """The page as its layout's listing, read once whoever asks first."""
        if not read:
            read.append(layout.parse_listing(doc, url) if layout.parse_listing else None)
        return read[0]

    evidence = verdict.evidence
    problems = getattr(jsonld, "structured_data_problems", None)
    if problems is not None:
        verdict.problems = [("structured_data", p) for p in problems(doc)]
    evidence.append(f"layout {layout.key}" + (" (no module recognises the page)"
                                              if layout is FALLBACK else ""))

    if reached_as == "start" or is_root(url):
        return _hub_verdict(verdict, doc, layout_listing)

    document = parse_document(doc, url, fetched_at)
    if document is not None:
        verdict.role, verdict.record = "document", document
        evidence.append(f"register labels give document number {document.number!r}")
        return verdict

    collection, article = collection_sign(doc, url), None
    profile = profile_sign(doc)
    if profile:  # a profile or a procedure set in the article template: no news
        evidence.append(profile)
        return verdict
    if collection is None:
        article = _article(doc, url, fetched_at, layout, reached_as, evidence,
                           verdict.problems, layout_listing, listed_at)
    else:
        evidence.append(collection)
    if article is not None:
        return _article_verdict(verdict, doc, url, article, listed_at)

    if collection is not None and service_page(doc, url):
        # A contact page or a site map links articles from its side boxes or as its
        # content, but lists none of its own.
        evidence.append("a service page: no list of articles")
        return verdict
    return _listing_verdict(verdict, doc, url, collection, layout_listing)


def _article_verdict(verdict: PageRole, doc, url: str, article: Article,
                     listed_at: str | None) -> PageRole:
    """The verdict on a page read as an article: its record with the documents it cites,
    at the address the page declares its own."""
    if not article.published_at and listed_at:  # the page prints no date; its list did
        article.published_at, article.sources["published_at"] = listed_at, "listing"
    if not article.author:  # the text signed only in a picture's caption
        article.author = caption_writer(image.caption for image in article.images)
        if article.author:
            article.sources["author"] = "caption"
    article.cites = citations(article.title, article.summary, article.body)
    article.url = verdict.url = declared_address(doc, url) or url
    verdict.role, verdict.record = "article", article
    verdict.copy_of = canonical_elsewhere(doc, url)
    return verdict


def _listing_verdict(verdict: PageRole, doc, url: str, collection: str | None,
                     layout_listing) -> PageRole:
    """The verdict on a page that is no article and no document: a list of articles (its
    layout's listing, a register's list, or on a site no module knows its links shaped
    like articles'), else "other"."""
    from . import FALLBACK

    layout, evidence = verdict.layout, verdict.evidence
    listing = layout_listing() or parse_register(doc, url)
    if listing is None and layout is FALLBACK:
        # A listing's later page may hold its last one or two items.
        listing = link_listing(doc, url, article_shaped, layout.key,
                               collection=collection is not None or verdict.reached_as == "listing")
        alike, said = _items_listing(doc, url, layout.key, verdict.reached_as == "listing")
        if alike is not None and (listing is None or len(alike.entries) > len(listing.entries)):
            evidence.append(said)
            listing = alike
        missing = listing is not None and says_missing(doc)
        refusal = listing is not None and (directory_sign(doc, len(listing.entries)) or (
            f"{SAYS_MISSING} ({missing!r}): its items are suggestions" if missing else None))
        if refusal:  # a directory of people; a "no such page" page suggesting other news
            evidence.append(refusal)
            listing = None
    if listing is not None:
        if is_root(pager_group(url)):  # the home page's later page ("/page-2") names none
            listing.category = None
        if not listing.pager_links and not listing.pagination and listing.max_page <= 1:
            # links a layout's pager rule knows, else those its pager shows as a pager's
            listing.pager_links = _pager_links(doc, url) or pager_links(doc, url)
        verdict.role, verdict.listing = "listing", listing
        evidence.append(f"lists {len(listing.entries)} article links"
                        + (f" over {listing.max_page} pages" if listing.max_page > 1 else ""))
        return verdict
    evidence.append("neither an article, a document nor a list of articles")
    return verdict


def _hub_verdict(verdict: PageRole, doc, layout_listing) -> PageRole:
    """A start page or a site's root, with the list its layout reads on it, or on a site no
    module knows its run of alike items."""
    from . import FALLBACK

    verdict.role = "hub"
    verdict.evidence.append("a start page or the site's root: its links are followed, it "
                            "is never stored")
    verdict.listing = layout_listing()
    if verdict.listing is None and verdict.layout is FALLBACK:
        verdict.listing, said = _items_listing(doc, verdict.url, verdict.layout.key)
        if said:
            verdict.evidence.append(said)
    return verdict


def _items_listing(doc, url: str, layout_key: str,
                   paged: bool = False) -> tuple[Listing | None, str]:
    """On a site no module knows whose links have no article's shape: the page's run of
    alike, dated, titled items (``repeated``), and the evidence that says so.  A list's
    later page may hold two items; one, when the crawl came to it through the list's pager
    (``paged``)."""
    later = LATER_PAGE.search(url)
    found = repeated_items(doc, url, least=(1 if paged else 2) if later else None)
    if found is None:
        return None, ""
    name, entries = found
    listing = link_listing(doc, url, {e.url for e in entries}.__contains__, layout_key,
                           collection=True)
    if listing is None:
        return None, ""
    dates = {e.url: e.published_at for e in entries}
    for entry in listing.entries:  # each item's own date, not what is around its link
        entry.published_at = dates.get(entry.url) or entry.published_at
    if len(entries) == 1:
        return listing, f"a list's later page of one item ({name}), a dated, titled link"
    return listing, (f"{len(listing.entries)} alike items ({name}), each one dated, titled "
                     "link to a page of the site")


def _pager_links(doc, url: str) -> list[str]:
    """The listing's other pages, for a listing paged in its URL (/page/2/, /page-2,
    ?page=2): what ``probe`` shows of its pagination; the crawl follows them as links."""
    from . import is_pager_link

    host = urlsplit(url).netloc
    out: list[str] = []
    for href in xp(doc, "//a/@href"):
        link = canonical_url(href.strip(), url) if href.strip() else ""
        if (link and link != url and urlsplit(link).netloc == host and is_pager_link(link)
                and link not in out):
            out.append(link)
    return out


def _article(doc, url: str, fetched_at, layout: Layout, reached_as: str,
             evidence: list[str], problems: list, layout_listing,
             listed_at: str | None = None) -> Article | None:
    """The page's article, when the way it was reached and what it holds say it is one."""
    from . import FALLBACK

    if layout is not FALLBACK:
        own_url = layout.article_url is not None and layout.article_url(url)
        body = doc.find("body")
        declared = body is not None and bool(BODY_POST.search(body.get("class") or ""))
        if declared and not own_url:
            evidence.append("its <body> class says it is a single post")
        if reached_as != "article" and not own_url and not declared:
            # A layout reads its article template, but nothing linked the page as an
            # article and its address is none of the layout's: a static page in the
            # article template ("Giới thiệu") is no news.
            evidence.append(f"not reached as an article, and {layout.key} does not call its "
                            "address an article's")
            return None
        article = layout.parse(doc, url, fetched_at)
        if article is not None and article.title and article.body:
            evidence.append(f"{layout.key} reads its article template"
                            + (" at one of its article addresses" if own_url else ""))
            return article
        if article is not None:
            # The layout knows the page but reads no title or body from it: its template
            # moved, or the page only shares a class name with it.  The fallback may read
            # it; either way the miss is said, for it is how a layout's drift shows.
            missing = ", ".join(f for f in ("title", "body") if not getattr(article, f))
            evidence.append(f"{layout.key} reads the page as its article but finds no "
                            f"{missing}")
            said = says_missing(doc)
            if said:  # the portal's "no such article" page, in the article's template
                evidence.append(f"{SAYS_MISSING} ({said!r})")
                return None
            rescued = _fallback_article(doc, url, fetched_at, reached_as, evidence, listed_at)
            if rescued is None:
                return article
            problems.append(("layout_incomplete",
                             f"{layout.key} found no {missing} on the page; the fallback "
                             "read it"))
            return rescued
        evidence.append(f"{layout.key} finds no article on the page")
        if layout_listing() is not None:
            return None
    return _fallback_article(doc, url, fetched_at, reached_as, evidence, listed_at)


def _fallback_article(doc, url: str, fetched_at, reached_as: str,
                      evidence: list[str], listed_at: str | None = None) -> Article | None:
    body = doc.find("body")
    if body is not None and BODY_POST.search(body.get("class") or ""):
        evidence.append("its <body> class says it is a single post")
    elif reached_as != "article":
        evidence.append("not reached through an article link: the fallback takes no article "
                        "from it")
        return None
    signs: dict[str, Any] = {}
    article = generic.parse(doc, url, fetched_at, evidence=signs, listed_at=listed_at)
    if article is None:
        evidence.append("the fallback finds no dated text block under a title")
        return None
    said = len(article.body or "") < MISSING_BODY and says_missing(doc)
    if said:  # the text found is what is left around the message: a menu, a footer
        evidence.append(f"{SAYS_MISSING} ({said!r})")
        return None
    refusal = _fallback_refusal(doc, article, signs, evidence)
    if refusal:
        evidence.append(refusal)
        return None
    # No module's URL rule: the canonical URL is the identity.
    article.article_id = None
    return article


# The main text must hold this share of the page's running text (Readability and
# trafilatura weigh the same: a home page's featured box is a small part of its prose).
MIN_BODY_SHARE = 0.45
# A form with this many fields in the text block is a form to fill, not an article.
MAX_FORM_FIELDS = 3
PROSE_PER_FIELD = 200
# A page that says its article is missing has little text besides.
MISSING_BODY = 600
# A page whose main text is mostly its footer (an address, a copyright) has none of its own.
MAX_FOOTER_SHARE = 0.5
# An attribute table: rows of a label and a value make up this share of the body.
ATTRIBUTE_SHARE = 0.6


def _fallback_refusal(doc, article: Article, signs: dict, evidence: list[str]) -> str | None:
    """Why the fallback's article is not one, or None; each sign weighed is said."""
    page_prose, body_prose = signs.get("page_prose", 0), signs.get("body_prose", 0)
    share = body_prose / page_prose if page_prose else 0.0
    evidence.append(f"main text holds {share:.0%} of the page's running text "
                    f"({body_prose} of {page_prose} characters)")
    if share < MIN_BODY_SHARE:
        return "the main text does not dominate the page: a home page, a section or a box"
    names = _names(doc)
    agrees = _agrees(article.title, names)
    if not agrees and signs.get("title_how") == "above":
        headings = signs.get("headings") or []
        if not headings or signs.get("title_el") in headings:
            # An old page whose <title> names only the site and whose headline is a bold
            # line: the line set right above the text is its main heading.
            agrees = "the heading set above the main text (the page has no other)"
    evidence.append(f"title {article.title[:60]!r} " + (
        f"agrees with {agrees}" if agrees else "agrees with neither <title>, og:title nor "
                                                "the main heading"))
    if not agrees:
        return "the title is not the page's own name: a heading of some box"
    declared = []
    if signs.get("og_article"):
        declared.append("og:type=article")
    if signs.get("jsonld_article"):
        declared.append("JSON-LD " + signs["jsonld_article"])
    if signs.get("date_near_title"):
        declared.append("a date near the title")
    elif signs.get("structured_date"):
        declared.append("a publication date in the page's metadata")
    elif article.sources.get("published_at") == "listing":
        declared.append("the date its listing prints beside its link")
    if not declared:
        return "no date near the title and no og:type=article or JSON-LD article"
    evidence.append("article signs: " + ", ".join(declared))
    body_el = signs.get("body_el")
    if body_el is not None and footer_share(body_el) > MAX_FOOTER_SHARE:
        return "the main text is the page's footer: the page has no text of its own"
    forms = _form_fields(body_el)
    if forms >= MAX_FORM_FIELDS and body_prose < PROSE_PER_FIELD * forms:
        # A comment box under a story has fields too, but under far more text.
        return f"the text block is mostly a form of {forms} fields"
    region = _region(body_el, signs.get("title_el"))
    attributes = _attribute_share(body_el)
    if attributes < ATTRIBUTE_SHARE and region is not None:
        attributes = _attribute_share(region)
    if attributes >= ATTRIBUTE_SHARE:
        return f"{attributes:.0%} of the text is rows of a label and a value: an attribute table"
    data = _data_table_share(region if region is not None else body_el)
    if data >= DATA_TABLE_SHARE:
        return f"{data:.0%} of the text is rows of a data table: a schedule, a register, a list"
    return None


# Rows of three or more short cells holding this share of the text: a table of data.
DATA_TABLE_SHARE = 0.5


def _region(body_el, title_el):
    """The smallest element holding the title and the text: the page's main part."""
    if body_el is None:
        return None
    if title_el is None:
        return body_el.getparent() if body_el.getparent() is not None else body_el
    # The elements themselves, not their id()s: lxml makes a new proxy (and id) for a
    # node each time nothing holds the last one.
    around = [body_el, *body_el.iterancestors()]
    for anc in (title_el, *title_el.iterancestors()):
        if any(anc is a for a in around):
            return anc
    return body_el


def _data_table_share(el) -> float:
    """How much of the text sits in rows of three or more short cells (a layout table's
    few rows of long cells are no data)."""
    if el is None:
        return 0.0
    rows = 0
    for table in el.iter("table"):
        data = []
        for tr in table.iter("tr"):
            cells = [text_of(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if len(cells) >= 3 and sum(map(len, cells)) / len(cells) < 80:
                data.append(sum(map(len, cells)))
        if len(data) >= 3:
            rows += sum(data)
    return _share(rows, el)


def _share(rows: int, el) -> float:
    """``rows`` characters as a share of ``el``'s text; the whole text (a long string to
    clean) is read only when there are rows to weigh."""
    total = len(text_of(el)) if rows else 0
    return rows / total if total else 0.0


def _form_fields(el) -> int:
    """Fields to fill in the text block (a search box in the page's side column is no
    part of it)."""
    if el is None:
        return 0
    return len(el.xpath(".//input[not(@type='hidden') and not(@type='submit') and "
                           "not(@type='button') and not(@type='image')] | .//textarea | .//select"))


# A label: short, ending with a colon or a label's word, with no sentence in it.
_LABEL = re.compile(r"^[^.!?]{1,40}:?$")


def _attribute_share(el) -> float:
    """How much of the block's text is rows of a label and a value (<tr> of two or three
    cells, <dt>/<dd>): a court's judgment card, a profile, a product sheet."""
    if el is None:
        return 0.0
    rows = 0
    for tr in el.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if len(cells) in (2, 3) and _LABEL.match(text_of(cells[0]) or "-" * 50):
            rows += len(text_of(tr))
    for dt in el.iter("dt"):
        dd = dt.getnext()
        if dd is not None and dd.tag == "dd":
            rows += len(text_of(dt)) + len(text_of(dd))
    return _share(rows, el)


def _names(doc) -> dict[str, str]:
    """The names a page gives itself: <title>, og:title, JSON-LD's headline, its first h1."""
    out = {}
    title = doc.find(".//title")
    if title is not None and text_of(title):
        out["<title>"] = text_of(title)
    meta = meta_content(doc, "og:title", "twitter:title")
    if meta:
        out["og:title"] = meta
    ld = jsonld.jsonld_article(doc)
    headline = ld.get("headline") if isinstance(ld, dict) else None
    if isinstance(headline, str) and headline.strip():
        out["JSON-LD headline"] = clean_text(headline)
    h1 = doc.find(".//h1")
    if h1 is not None and text_of(h1):
        out["the main heading"] = text_of(h1)
    return out


def _agrees(title: str, names: dict[str, str]) -> str | None:
    """Which of the page's names the title agrees with: equal, or one holding the other
    (a <title> adds the site's name; a heading may drop a kicker)."""
    mine = fold(title)
    if len(mine) < 4:
        return None
    for where, name in names.items():
        theirs = fold(name)
        if not theirs:
            continue
        if mine == theirs or (len(mine) >= 12 and mine in theirs) or (
                len(theirs) >= 12 and theirs in mine and len(theirs) * 2 >= len(mine)):
            return where
    return None


__all__ = ["PageRole", "ROLES", "REACHED", "article_shaped", "classify", "collection_path",
           "cut_short", "is_root", "page_tail"]
