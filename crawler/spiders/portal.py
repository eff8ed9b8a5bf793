"""Discovery only: home page -> category listings -> every listing page -> articles.

The spider decides what to fetch and hands pages to the pure parsers; it never parses
fields itself and never writes to the archive (the pipeline does).  What it cannot make
sense of (a listing whose pagination parameters are missing, a POST page that comes back
empty, a page that looks like an article but yields no title or body, a failed fetch) is
yielded as a ``Problem`` so that the run records it with its URL.

Run as ``govnews crawl [SITE_URL ...]`` or ``scrapy crawl portal -a site=URL[,URL...]``.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import FormRequest, JsonRequest

try:  # Scrapy >= 2.14 raises its own timeout error
    from scrapy.exceptions import DownloadTimeoutError
except ImportError:  # pragma: no cover
    DownloadTimeoutError = TimeoutError
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from crawler.items import Gone, ListingEntry
from crawler.parsers import base, detect_layout, load, parse_article_doc, vnportal
from crawler.parsers.text import canonical_url, clean_text

# Links that never lead to a listing or an article.
SKIP_EXTENSIONS = base.FILE_EXTENSIONS + (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg",
                                          ".mp4", ".mp3", ".css", ".js", ".ico", ".xml")
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:")
# Listing pages paginated by URL rather than by POST.
PAGER_LINK = re.compile(r"/page-\d+/?$|[?&](?:page|p|trang)=\d+$", re.IGNORECASE)
# Listing fragments answer li.row items, without the surrounding list.
FRAGMENT_ITEMS = vnportal.LISTING_ITEMS + (base.css("li.row"), base.css("li"))


class Problem(dict):
    """Something the run should record: {url, kind, message}."""


class Listed(dict):
    """Which articles one listing page showed: {listing_url, category, article_urls}."""


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, site: str | None = None, max_pages: int | str | None = None, **kwargs):
        super().__init__(**kwargs)
        self._site_arg = site
        self._max_pages_arg = max_pages

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        sites = spider._site_arg or settings.get("GOVNEWS_DEFAULT_SITE")
        if isinstance(sites, str):
            sites = [s for s in re.split(r"[,\s]+", sites) if s]
        spider.sites = [normalise_site(s) for s in sites]
        spider.hosts = {urlsplit(s).netloc for s in spider.sites}
        max_pages = spider._max_pages_arg or settings.getint("GOVNEWS_MAX_LISTING_PAGES", 0)
        spider.max_listing_pages = int(max_pages or 0)
        spider.discovery_depth = settings.getint("GOVNEWS_DISCOVERY_DEPTH", 2)
        spider.load_article_path = settings.get("GOVNEWS_LOAD_ARTICLE_PATH")
        spider.pagination_encoding = settings.get("GOVNEWS_PAGINATION_ENCODING", "form")
        spider.pagination_defaults = dict(settings.getdict("GOVNEWS_PAGINATION_DEFAULTS"))
        spider.seen_listings: set[str] = set()
        spider.requested_articles: set[str] = set()
        spider.archived = archived_articles(settings.get("GOVNEWS_DB"), spider.hosts)
        spider.rechecked = False
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    def on_idle(self):
        """Once every listing is walked, fetch the archived articles that no listing showed
        any more: a 404 or a redirect home marks them gone.  Only after a complete walk:
        with --max-pages the unseen ones are merely older, not gone."""
        if self.rechecked or self.max_listing_pages:
            return
        self.rechecked = True
        missing = sorted(self.archived - self.requested_articles)
        if not missing:
            return
        self.logger.info("re-checking %d archived articles no listing showed", len(missing))
        for url in missing:
            self.requested_articles.add(url)
            self.crawler.engine.crawl(scrapy.Request(
                url, callback=self.parse_page, errback=self.on_error, priority=10,
                meta={"kind": "recheck", "depth_hops": self.discovery_depth + 1}))
        raise DontCloseSpider

    # --- requests -------------------------------------------------------------------
    async def start(self):
        for site in self.sites:
            yield scrapy.Request(site, callback=self.parse_page, errback=self.on_error,
                                 meta={"kind": "home", "depth_hops": 0})

    def page_request(self, url: str, hops: int, category: str | None = None):
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                              meta={"kind": "page", "depth_hops": hops, "category": category})

    def article_request(self, entry: ListingEntry, listing_url: str | None, category: str | None):
        self.requested_articles.add(entry.url)
        # Articles first: they are what the run is for, and finishing them early keeps the
        # scheduler's queue short on a site with thousands of listing pages.
        return scrapy.Request(entry.url, callback=self.parse_page, errback=self.on_error,
                              priority=10,
                              meta={"kind": "article", "listing_url": listing_url,
                                    "category": category, "listing_entry": entry,
                                    "depth_hops": self.discovery_depth + 1})

    # --- callbacks ------------------------------------------------------------------
    def parse_page(self, response):
        if not hasattr(response, "text"):
            return
        # The pipeline stamps each response as it arrives, with the same time it gives the
        # raw snapshot, so a re-parse of the snapshot reproduces the record exactly.
        fetched_at = response.meta.get("fetched_at") or now_iso()
        try:
            doc = load(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
        except Exception as exc:  # broken bytes: keep going, say where
            yield Problem(url=response.url, kind="undecodable", message=str(exc))
            return
        url = canonical_url(response.url)
        hops = response.meta.get("depth_hops", 0)
        redirected_from = response.meta.get("redirect_urls")
        if redirected_from and urlsplit(url).path in ("", "/") and response.meta.get("kind") in (
                "article", "recheck"):
            # The portal answers a withdrawn article with a redirect to its home page.
            original = canonical_url(redirected_from[0])
            if original in self.archived:
                yield Gone(url=original, reason="redirect_home", at=fetched_at)
            else:
                yield Problem(url=original, kind="redirect_home",
                              message="an article link redirects to the home page")
            return

        # Article first: an article page may embed a listing widget ("Tin cùng chuyên mục"
        # rendered by the same module), never the reverse.
        article = None
        layout = detect_layout(doc)
        try:
            article = parse_article_doc(doc, url, fetched_at)
        except Exception as exc:
            yield Problem(url=url, kind="parser_error", message=f"{type(exc).__name__}: {exc}")
        if article is not None:
            if looks_truncated(response.body):
                # A cut-off page would overwrite a good stored copy with half an article.
                yield Problem(url=url, kind="truncated",
                              message=f"page ends before </html> ({len(response.body)} bytes); "
                                      "not stored, fetched again next run")
                return
            if not article.title or not article.body:
                missing = [f for f in ("title", "body") if not getattr(article, f)]
                yield Problem(url=url, kind="parse_incomplete",
                              message=f"{layout.NAME} page without {', '.join(missing)}")
                return
            yield {"article": article, "listing_url": response.meta.get("listing_url"),
                   "listing_category": response.meta.get("category")}
            return

        listing = vnportal.parse_listing(doc, url)
        if listing is not None:
            yield from self.handle_listing(doc, listing, response, hops)
            return

        if response.meta.get("kind") == "article":
            yield Problem(url=url, kind="not_an_article",
                          message="a listing linked here but the page is no article")
        if hops <= self.discovery_depth:
            yield from self.follow_links(doc, url, hops)

    def handle_listing(self, doc, listing, response, hops):
        if listing.url in self.seen_listings:
            return
        self.seen_listings.add(listing.url)
        category = listing.category or response.meta.get("category")
        yield from self.listed(listing.entries, listing.url, category)
        if hops <= self.discovery_depth:
            yield from self.follow_links(doc, listing.url, hops)

        last = listing.max_page
        if self.max_listing_pages:
            last = min(last, self.max_listing_pages)
        if last <= 1:
            return
        missing = [k for k in vnportal.REQUIRED_PAGINATION if k not in listing.pagination]
        if missing:
            yield Problem(url=listing.url, kind="pagination",
                          message=f"listing has {listing.max_page} pages but its script lacks "
                                  f"{', '.join(missing)}; only page 1 was read")
            return
        endpoint = urljoin(listing.url, self.load_article_path)
        for page in range(2, last + 1):
            yield self.pagination_request(endpoint, listing, page, category)

    def listed(self, entries, listing_url, category):
        entries = [e for e in entries if self.same_site(e.url)]
        if entries:
            yield Listed(listing_url=listing_url, category=category,
                         article_urls=[e.url for e in entries])
        for entry in entries:
            yield self.article_request(entry, listing_url, category)

    def pagination_request(self, endpoint, listing, page, category):
        form = dict(self.pagination_defaults)
        form.update(listing.pagination)
        size = int(listing.pagination.get("page_size") or 10)
        form.update({"page": str(page), "page_size": str(size), "no": str(-size)})
        meta = {"kind": "pagination", "listing_url": listing.url, "category": category,
                "page": page, "max_page": listing.max_page}
        if self.pagination_encoding == "json":
            return JsonRequest(endpoint, data=form, callback=self.parse_fragment,
                               errback=self.on_error, meta=meta)
        return FormRequest(endpoint, formdata=form, callback=self.parse_fragment,
                           errback=self.on_error, meta=meta)

    def parse_fragment(self, response):
        html = response.text
        # ASP.NET page methods wrap their answer as {"d": "..."} when called with JSON.
        if html.lstrip().startswith("{"):
            try:
                html = json.loads(html).get("d") or ""
            except ValueError:
                pass
        listing_url = response.meta["listing_url"]
        entries = []
        if html.strip():
            doc = load(f"<html><body><ul>{html}</ul></body></html>")
            entries = vnportal.listing_entries(doc, listing_url, FRAGMENT_ITEMS)
            entries = [e for e in entries if base.is_article_url(e.url)]
        if not entries:
            yield Problem(url=listing_url, kind="pagination",
                          message=f"page {response.meta['page']} of {response.meta['max_page']} "
                                  "came back with no articles")
            return
        yield from self.listed(entries, listing_url, response.meta.get("category"))

    def follow_links(self, doc, page_url: str, hops: int):
        for href in doc.xpath("//a/@href"):
            href = href.strip()
            if not href or href.startswith(SKIP_SCHEMES):
                continue
            url = canonical_url(href, page_url)
            parts = urlsplit(url)
            if not self.same_site(url) or parts.path.lower().endswith(SKIP_EXTENSIONS):
                continue
            if parts.path in ("", "/"):
                continue
            if PAGER_LINK.search(url):
                # Server-side pagination (NukeViet /page-2, ?page=2): same depth as its list.
                yield self.page_request(url, hops)
                continue
            if parts.query:
                continue
            segments = [s for s in parts.path.split("/") if s]
            if base.is_article_url(url) and len(segments) >= 2:
                entry = ListingEntry(url=url)
                yield self.article_request(entry, None, None)
            else:
                yield self.page_request(url, hops + 1)

    def on_error(self, failure):
        request = failure.request
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            # robots.txt said no, or a middleware dropped it on purpose: not a failure.
            self.logger.debug("skipped %s (%s)", request.url, failure.value)
            return
        if failure.check(HttpError):
            status = failure.value.response.status
            kind, message = f"http_{status}", f"HTTP {status}"
            url = canonical_url(request.url)
            if status in (404, 410) and url in self.archived:
                yield Gone(url=url, reason=kind, at=now_iso())
                return
        elif failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
            kind, message = "timeout", str(failure.value)
        elif failure.check(DNSLookupError):
            kind, message = "dns", str(failure.value)
        else:
            kind, message = failure.type.__name__.lower(), str(failure.value)
        self.logger.warning("fetch failed: %s %s (%s)", request.method, request.url, message)
        yield Problem(url=request.url, kind=kind, message=f"{request.method}: {message}")

    def same_site(self, url: str) -> bool:
        return urlsplit(url).netloc in self.hosts


def archived_articles(db_path: str | None, hosts: set[str]) -> set[str]:
    """Canonical URLs of the archive's live articles on these hosts."""
    if not db_path or not os.path.exists(db_path):
        return set()
    from archive.store import Archive  # brings an older archive's schema up to date

    archive = Archive(db_path)
    try:
        rows = archive.db.execute("select url, site from articles where gone_at is null")
        return {url for url, site in rows if site in hosts}
    finally:
        archive.close()


def looks_truncated(body: bytes) -> bool:
    head, tail = body[:4096].lower(), body[-4096:].lower()
    return b"<html" in head and b"</html" not in tail and b"</body" not in tail


def normalise_site(site: str) -> str:
    site = clean_text(site)
    if "://" not in site:
        site = "https://" + site
    parts = urlsplit(site)
    return f"{parts.scheme}://{parts.netloc}{parts.path or '/'}"


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
