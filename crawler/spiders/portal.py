"""Discovery only: home page -> category listings -> every listing page -> articles.

The spider decides what to fetch and hands pages to the pure parsers; it never parses
fields itself and never writes to the archive (the pipeline does).  What it cannot make
sense of (a listing whose pagination parameters are missing, a POST page that comes back
empty, a page that looks like an article but yields no title or body, a failed fetch) is
yielded as a ``Problem`` so that the run records it with its URL.

Incremental by default: a listing whose walk once completed is walked only until it shows
a page's worth of archived articles in a row; archived articles are not fetched again
unless a refresh is asked for (then with conditional GET); pages once found to be neither
listings nor articles are not fetched again for a month.  ``GOVNEWS_FULL`` walks
everything, then re-checks archived articles no listing shows any more (gone or not).

Its helpers: what earlier runs left (``state``), a listing's walk (``walk``), the files
pages link (``files``), the hosts it may fetch from and how each fared (``sites``).  Run
as ``govnews crawl [SITE_URL ...]`` or ``scrapy crawl portal -a site=URL[,URL...]``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.failures import (
    RedirectRefused,
    RobotsForbidden,
    RobotsUnavailable,
    decompressed_too_large,
    failure_kind,
    not_a_page,
)
from crawler.items import NotModified, PageKind, Probed, Problem
from crawler.kernel.record import Gone, ListingEntry
from crawler.kernel.text import canonical_url
from crawler.middlewares import plain_note
from crawler.parsers import (
    article_shaped,
    classify,
    cut_short,
    is_article_url,
    is_pager_link,
    layout_of,
    load,
)
from crawler.parsers import registry as parser_registry
from crawler.parsers.links import FILE_EXTENSIONS, page_links
from crawler.parsers.missing import says_missing
from crawler.parsers.page import decode_page, legacy_encodings
from crawler.parsers.urls import menu_query
from crawler.spiders.files import FileFetcher
from crawler.spiders.sites import (
    SKIP_SCHEMES,
    SiteHosts,
    SiteLedger,
    family_domains,
    normalise_site,
)
from crawler.spiders.state import CrawlMemory
from crawler.spiders.walk import ListingWalker

# Links that never lead to a listing or an article.
SKIP_EXTENSIONS = FILE_EXTENSIONS + (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg",
                                     ".mp4", ".mp3", ".css", ".js", ".ico", ".xml")
# Fonts that draw TCVN3 (.VnTime, .VnArial …) or VNI (VNI-Times …) encoded text, in a
# page's bytes lowercased (a case-blind pattern would be tried at every byte: 6x slower).
LEGACY_FONT = re.compile(rb"font-family\s*:\s*['\"]?(?:\.vn[a-z]|vni[- ])|face=['\"]?(?:\.vn[a-z]|vni[- ])")


# How a request's kind reached its page, as roles.classify weighs it.
REACHED_AS = {"home": "start", "article": "article", "recheck": "article", "canary": "article",
              "refresh": "article", "page": "page", "postback": "listing"}


class PortalSpider(SiteHosts, scrapy.Spider):
    name = "portal"

    def __init__(self, site: str | None = None, max_pages: int | str | None = None, **kwargs):
        super().__init__(**kwargs)
        self._site_arg = site
        self._max_pages_arg = max_pages

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.read_sites(settings)
        spider.read_options(settings)
        spider.db_path = settings.get("GOVNEWS_DB")
        spider.memory = CrawlMemory()
        # Closed last: the pipeline's close reads it (what the listings showed).
        crawler.signals.connect(spider.memory.close, signal=signals.engine_stopped)
        # Files the pages link (images, attachments, documents' files): fetched once per
        # URL, within a size cap and a per-run byte budget (GOVNEWS_FILE_*).
        spider.file_fetcher = FileFetcher(spider, settings)
        spider.remember(spider.hosts)
        spider.walker = ListingWalker(spider)
        # --subsites: the family of each start site, found on its home page.
        spider.subsites = settings.getbool("GOVNEWS_SUBSITES", False)
        spider.family_domains = family_domains(
            spider.start_hosts, settings.getlist("GOVNEWS_SUBSITE_DOMAINS"))
        spider.excluded_hosts = {h.lower() for h in settings.getlist("GOVNEWS_SUBSITE_EXCLUDE")}
        spider.subsite_hosts: set[str] = set()
        spider.site_layout: dict[str, str] = {}
        parser_registry.disable(settings.getlist("GOVNEWS_DISABLED_LAYOUTS"))
        spider.rechecked = spider.canaried = False
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    def read_sites(self, settings) -> None:
        """The start sites, from ``-a site=`` (or the CLI) or GOVNEWS_DEFAULT_SITE."""
        sites = self._site_arg or settings.get("GOVNEWS_DEFAULT_SITE")
        if isinstance(sites, str):  # `scrapy crawl portal -a site=A,B`; the CLI passes a list
            sites = [s for s in sites.split(",") if s.strip()]
        self.sites = [normalise_site(s) for s in sites]
        self.hosts = {urlsplit(s).netloc for s in self.sites}
        self.start_hosts = sorted(self.hosts)
        # Per host: what answered and what was found, to name a site that failed.
        self.ledger = SiteLedger()

    def read_options(self, settings) -> None:
        """How far the run goes and what it fetches again (GOVNEWS_*)."""
        self.max_listing_pages = int(self._max_pages_arg or settings.getint(
            "GOVNEWS_MAX_LISTING_PAGES", 0) or 0)
        self.discovery_depth = settings.getint("GOVNEWS_DISCOVERY_DEPTH", 2)
        self.full = settings.getbool("GOVNEWS_FULL", False)
        refresh = str(settings.get("GOVNEWS_REFRESH") or "").strip().lower()
        self.refresh_all, self.refresh_before = refresh == "all", None
        if refresh and not self.refresh_all:
            cutoff = datetime.now(timezone.utc) - timedelta(days=float(refresh))
            self.refresh_before = cutoff.replace(microsecond=0).isoformat()
        self.stop_after = settings.getint("GOVNEWS_STOP_AFTER", 0)
        self.health_sample = settings.getint("GOVNEWS_HEALTH_SAMPLE", 5)
        # Per host: the last words its start page ends with (roles.page_tail).
        self.site_tail: dict[str, str | None] = {}
        self.cut_homes: set[str] = set()  # hosts whose start page came cut short
        self.probe = settings.getbool("GOVNEWS_PROBE", False)

    @property
    def requested_articles(self):
        """The article URLs this run has asked for (on disk: ``CrawlMemory.requested``)."""
        return self.memory.requested

    def remember(self, hosts: set[str]) -> None:
        """What earlier runs know of ``hosts``, added to what this run knows."""
        self.file_fetcher.merge(self.memory.merge(self.db_path, hosts))

    @property
    def failed_walks(self) -> set[str]:
        """Listings whose walk did not complete this run (the pipeline forgets them)."""
        return self.walker.failed

    incremental = property(lambda self: not self.full)

    def on_idle(self):
        """When the walk is done: in a full crawl, fetch the archived articles that no
        listing showed any more (a 404 or a redirect home marks them gone); with a
        refresh, fetch the archived articles due that the walk did not meet; in an
        incremental run that fetched too few articles to judge the parser's health,
        re-fetch a few of the newest archived articles as canaries."""
        requests = []
        if self.full and not self.rechecked and not self.max_listing_pages:
            self.rechecked = True
            missing = self.memory.unrequested()
            if missing:
                self.logger.info("re-checking %d archived articles no listing showed", len(missing))
            requests = [self.revisit_request(url, "recheck") for url in missing]
        elif (self.refresh_all or self.refresh_before) and not self.rechecked:
            self.rechecked = True
            due = sorted(u for u in self.memory.archived if self.wants(u) == "refresh")
            requests = [self.revisit_request(url, "refresh") for url in due]
            # Archived files too, conditionally: a page that answered 304 led to none.
            requests += self.file_fetcher.archived_requests()
        elif self.incremental and not self.canaried:
            self.canaried = True
            requests = [self.revisit_request(u, "recheck") for u in self.walker.vanished_from_paged()]
            for site, urls in self.memory.canaries.items():
                wanted = self.health_sample - self.ledger.fresh_pages.get(site, 0)
                picked = [u for u in urls if u not in self.requested_articles][:max(wanted, 0)]
                requests += [self.revisit_request(url, "canary") for url in picked]
        if not requests:
            return
        for request in requests:
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def revisit_request(self, url: str, kind: str, conditional: bool = True):
        """A request for an archived article, conditional when its last answer allows."""
        self.requested_articles.add(url)
        headers = {}
        etag, modified = self.memory.validators(url) if conditional else (None, None)
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error, priority=10,
                              headers=headers,
                              meta={"kind": kind, "depth_hops": self.discovery_depth + 1,
                                    "handle_httpstatus_list": [304]})

    # --- requests -------------------------------------------------------------------
    async def start(self):
        for site in self.sites:
            yield scrapy.Request(site, callback=self.parse_page, errback=self.on_error,
                                 meta={"kind": "home", "depth_hops": 0})
        if self.memory.pending:
            self.logger.info("fetching again %d articles earlier runs could not store",
                             len(self.memory.pending))
        for request in self.left_over(None):
            yield request

    def left_over(self, host: str | None):
        """What earlier runs left to do on ``host`` (on every site when None): articles
        marked gone lately, asked again (a portal that answered so while it was being
        mended answers again, and the article is no longer gone); articles they saw listed
        but could not store, tried again whether or not a listing still shows them; the
        files due again."""
        def mine(url: str) -> bool:
            return host is None or urlsplit(url).netloc == host

        for url in sorted(u for u in self.memory.gone if mine(u)):
            yield self.revisit_request(url, "recheck", conditional=False)
        for row in [r for r in self.memory.pending if mine(r["url"])]:
            yield self.article_request(ListingEntry(url=row["url"]), row["listing_url"],
                                       row["category"])
        yield from self.file_fetcher.due_requests()

    def site_report(self) -> list[dict]:
        """Per site of this run (start sites and subsites): its layout, what answered, and
        whether it failed, for the archive's ``site_runs``."""
        return self.ledger.report(self.all_sites(), self.subsite_hosts, self.site_layout,
                                  self.memory.runs.listed_count)

    def all_sites(self) -> list[str]:
        return self.sites + [f"http://{h}/" for h in sorted(self.subsite_hosts)
                             if not any(urlsplit(s).netloc == h for s in self.sites)]

    def failed_start_sites(self) -> list[dict]:
        """Start sites of which no page could be fetched, with the first reason seen."""
        return self.ledger.failed(self.sites)

    def page_request(self, url: str, hops: int, category: str | None = None):
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                              meta={"kind": "page", "depth_hops": hops, "category": category})

    def wants(self, url: str) -> str | None:
        """Why ``url`` should be fetched this run ("new", "refresh"), or None."""
        if url in self.requested_articles:
            return None
        if url not in self.memory.archived:
            twin = self.walker.twin(url)  # the same article archived at another address
            return None if twin and twin[0] in self.requested_articles else "new"
        if self.refresh_all:
            return "refresh"
        fetched_at = self.memory.archived[url]
        if self.refresh_before and (not fetched_at or fetched_at < self.refresh_before):
            return "refresh"
        return None

    def article_request(self, entry: ListingEntry, listing_url: str | None, category: str | None,
                        shaped: bool = False, twin: bool = True):
        """``shaped``: asked only because the link looks like an article's, on a site no
        module knows; a refusal then makes the page "other", not a problem.  ``twin``: the
        article archived at another address is asked instead (walk.twin_request)."""
        request = self.walker.twin_request(entry, listing_url, category) if twin else None
        if request is not None:
            return request
        if self.wants(entry.url) == "refresh":
            request = self.revisit_request(entry.url, "article")
            request.meta.update(listing_url=listing_url, category=category)
            return request
        self.walker.note_asked(entry)  # (requested_articles, and the date the list printed)
        # Articles first: they keep the scheduler's queue short on a site with thousands of
        # listing pages.  One fetched as a plain link and read as none is asked again.
        return scrapy.Request(entry.url, callback=self.parse_page, errback=self.on_error,
                              priority=10, dont_filter=entry.url in self.memory.read_as_pages,
                              meta={"kind": "article", "listing_url": listing_url, "shaped": shaped,
                                    "category": category, "listing_entry": entry,
                                    "depth_hops": self.discovery_depth + 1})

    # --- callbacks ------------------------------------------------------------------
    def parse_page(self, response):
        if not hasattr(response, "text"):
            return
        # The pipeline stamps each response as it arrives, with the same time it gives the
        # raw snapshot, so a re-parse of the snapshot reproduces the record exactly.
        fetched_at = response.meta.get("fetched_at") or now_iso()
        self.ledger.note_answer(response)
        if response.status == 304:
            self.ledger.note_unchanged(urlsplit(response.url).netloc)
            yield NotModified(url=canonical_url(response.request.url))
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        binary = not_a_page(response.body, content_type)
        if binary:  # a file where a page was linked: kept as fetched, nothing to read
            yield Problem(url=canonical_url(response.url), kind="not_a_page", message=binary)
            return
        try:
            decoded = decode_page(response.body, content_type)
            doc = load(response.body, decoded=decoded)
        except Exception as exc:  # broken bytes, an empty answer: keep going, say where
            message = f"the page cannot be read as HTML ({exc})"
            self.note_failed(response.request, canonical_url(response.url), message)
            yield self.problem(response.request, "undecodable", message)
            return
        url = canonical_url(response.url)
        if self.subsites:
            yield from self.family_links(response, doc, url)
        for kind, note in (("charset_mismatch", decoded.note), ("encoding_mismatch", plain_note(response))):
            if note:  # a page read though its charset or its compression was labelled wrong
                yield Problem(url=url, kind=kind, message=note)
        redirected_from = response.meta.get("redirect_urls")
        if redirected_from and urlsplit(url).path in ("", "/") and response.meta.get("kind") in (
                "article", "recheck", "canary", "refresh"):
            # The portal answers a withdrawn article with a redirect to its home page.
            yield from self.redirected_home(response, canonical_url(redirected_from[0]),
                                            fetched_at)
            return

        host = urlsplit(url).netloc
        cut = self.learn_tail(response, doc, host)
        if cut is not None:
            yield cut
        if response.meta.get("kind") != "home" and cut_short(response.body, doc,
                                                             self.site_tail.get(host)):
            yield self.truncated(response)
            return
        yield from self.judge_page(response, doc, url, fetched_at)

    def redirected_home(self, response, original: str, fetched_at: str):
        """An article link answered by a redirect to the site's home page."""
        if original in self.memory.gone:
            return  # still withdrawn
        self.ledger.note_withdrawn(urlsplit(original).netloc)
        if original in self.memory.archived:
            yield Gone(url=original, reason="redirect_home", at=fetched_at)
            yield from self.walker.twin_gone(response.request)
        else:
            # Never stored: a home-page redirect may as well be an overloaded portal's
            # way of failing, so it is tried again, not taken for "gone".
            yield self.problem(response.request, "redirect_home",
                               "an article link redirects to the home page; tried again "
                               "next run")

    def truncated(self, response) -> Problem:
        """Half a page: its role cannot be judged from it (a cut listing would look like a
        short one, a cut article like no article).  Retried, never judged."""
        listing_url = response.meta.get("listing_url")
        if listing_url and response.meta.get("kind") == "pagination":
            self.walker.failed.add(listing_url)
        return self.problem(response.request, "truncated",
                            "the page ends before its site's pages do (no </html>, not the "
                            "footer its start page ends with): cut short in transit; tried "
                            "again next run")

    def judge_page(self, response, doc, url: str, fetched_at: str):
        """What the page is (roles.classify), and what follows from it."""
        meta, hops = response.meta, response.meta.get("depth_hops", 0)
        reached = meta.get("reached") or REACHED_AS.get(meta.get("kind"), "page")
        if reached == "page" and url in self.requested_articles:
            reached = "article"  # a listing listed it while its plain link was on its way
        try:
            role = classify(doc, url, reached_as=reached, fetched_at=fetched_at,
                            listed_at=self.walker.listed_at(url, response.meta))
        except Exception as exc:  # a parser's bug: said with its URL, the crawl goes on
            yield self.problem(response.request, "parser_error",
                               f"{type(exc).__name__}: {exc}", fetch=False)
            return
        self.logger.debug("%s: %s (%s)", url, role.role, "; ".join(role.evidence))
        if self.probe:
            yield Probed(url=url, reached_as=role.reached_as, role=role.role,
                         layout=role.layout_key, evidence=list(role.evidence),
                         record=role.record, listing=role.listing, problems=list(role.problems))
        for kind, message in role.problems:
            yield Problem(url=url, kind=kind, message=message, fetch=False)
        if role.layout.article_url is not None and self.known_layout(url) is None:
            # A plug-in's page: the site's layout is known, over the fallback's a listing
            # or an article no module reads (a register, a search page) said first.
            self.site_layout[urlsplit(url).netloc] = role.layout_key
        if response.meta.get("kind") == "canary" and role.role != "article":
            self.ledger.note_refused(urlsplit(url).netloc)  # an archived article no more
        if role.role in ("listing", "other") and (  # a plain link, or one asked on its shape
                response.meta.get("kind") == "page" or response.meta.get("shaped")):
            self.memory.read_as_pages.add(url)
        handle = {"hub": self.on_hub, "document": self.on_document, "article": self.on_article,
                  "listing": self.on_listing}.get(role.role, self.on_other)
        yield from handle(role, doc, response, hops)

    def on_hub(self, role, doc, response, hops):
        """A start page or a site's root: its links followed, its layout's list walked."""
        yield PageKind(url=role.url, kind="hub", layout=role.layout_key, evidence=role.evidence)
        if role.listing is not None:
            role.listing.category = None  # a home page names no category
            yield from self.walker.handle_listing(doc, role.listing, response, hops)
        elif hops <= self.discovery_depth:
            yield from self.follow_links(doc, role.url, hops)

    def on_document(self, role, doc, response, hops):
        self.ledger.note_article(role.record.site)
        yield {"document": role.record, "listing_url": response.meta.get("listing_url")}
        yield from self.file_fetcher.requests([f.url for f in role.record.files], role.url)

    def on_article(self, role, doc, response, hops):
        if role.copy_of and self.subsites and not self.same_site(role.copy_of):  # a twin
            yield from self.subsites_named([role.copy_of], role.url)  # site: the one it names
        if role.copy_of and self.same_site(role.copy_of):  # its page says it is a copy
            yield from self.walker.copy_of(role)
            return
        article, url = role.record, role.url
        converted = legacy_encodings(doc)
        if converted:
            self.logger.info("%s: text in %s fonts converted", url, " and ".join(converted))
        elif LEGACY_FONT.search(response.body.lower()):
            # A legacy font named, but nothing converted: either the text was Unicode
            # after all, or a font the converter does not know.  The raw page is kept;
            # said so, it can be looked at and re-parsed.
            yield Problem(url=url, kind="legacy_encoding",
                          message="the page sets a TCVN3/VNI font (.VnTime, VNI-Times) "
                                  "but no text in it needed converting")
        # A page cut short in transit never gets here: Scrapy fails a body shorter than its
        # Content-Length or a chunked body without its last chunk (DOWNLOAD_FAIL_ON_DATALOSS)
        # and on_error records it.  Missing end tags prove nothing: they are optional.
        if not article.title or not article.body:
            missing = [f for f in ("title", "body") if not getattr(article, f)]
            yield self.problem(response.request, "parse_incomplete",
                               f"{role.layout.name} page without {', '.join(missing)}",
                               fetch=False)
            return
        self.ledger.note_article(article.site)
        self.site_layout.setdefault(article.site, article.parser or role.layout_key)
        yield {"article": article, "listing_url": response.meta.get("listing_url"),
               "listing_category": response.meta.get("category"),
               "kind": response.meta.get("kind")}
        yield from self.file_fetcher.requests(
            [x.url for x in [*article.images, *article.attachments]], url)
        yield from self.walker.related_requests(article)

    def on_listing(self, role, doc, response, hops):
        self.site_layout.setdefault(urlsplit(role.url).netloc, role.layout_key)
        yield PageKind(url=role.url, kind="listing", layout=role.layout_key, evidence=role.evidence)
        yield from self.walker.layout_changed(role)
        yield from self.walker.home_in_place(role, doc, response, hops)  # drops a lost list
        if role.listing is not None:
            yield from self.walker.handle_listing(doc, role.listing, response, hops)

    def on_other(self, role, doc, response, hops):
        kind = response.meta.get("kind")
        if role.url in self.memory.archived and says_missing(doc):  # "no such article" now
            if role.url not in self.memory.gone:
                self.ledger.note_withdrawn(urlsplit(role.url).netloc)
                yield Gone(url=role.url, reason="says_missing", at=now_iso())
            yield from self.walker.twin_gone(response.request)
            return
        if role.url in self.memory.walked_listings:
            # A listing earlier runs walked that lists nothing now ("Chưa có dữ liệu"):
            # emptied by a fault, or a layout no reader knows.  It stays a listing, walked
            # again next run, and its site is read worse than before.
            message = "a listing earlier runs walked shows no article now"
            self.ledger.note_listing_failed(urlsplit(role.url).netloc, message)
            yield Problem(url=role.url, kind="listing_empty", message=message, fetch=False)
        elif kind in ("article", "recheck", "canary", "refresh") and not response.meta.get("shaped"):
            self.ledger.note_unread(urlsplit(role.url).netloc)
            yield self.problem(response.request, "not_an_article",
                               "a listing linked here but the page is no article ("
                               + role.evidence[-1] + ")", fetch=False)
        else:
            # Reached by a menu link or a link only shaped like an article's (a contact page,
            # a site map, a month's archive): remembered, not fetched again.
            yield PageKind(url=role.url, kind="other", layout=role.layout_key,
                           evidence=role.evidence)
        if hops <= self.discovery_depth:
            yield from self.follow_links(doc, role.url, hops)

    def follow_links(self, doc, page_url: str, hops: int, pagers: bool = True):
        for href in page_links(doc):
            href = href.strip()
            if not href or href.startswith(SKIP_SCHEMES):
                continue
            url = canonical_url(href, page_url)
            parts = urlsplit(url)
            if not self.same_site(url) or parts.path.lower().endswith(SKIP_EXTENSIONS):
                continue
            if url in self.requested_articles or (parts.path in ("", "/") and not parts.query):
                continue  # asked already, as an article; or a home page (not its page 2)
            if is_pager_link(url):
                if not pagers:
                    continue
                # Server-side pagination (NukeViet /page-2, ?page=2): same depth as its list.
                yield self.page_request(url, hops)
                continue
            known = self.known_layout(url)
            if parts.query and (known or not article_shaped(url)) and not (
                    hops == 0 and menu_query(parts.query, bool(known))):
                continue  # a query no page of the site's own menus needs (a start page's)
            segments = [s for s in parts.path.split("/") if s]
            # On a known layout a one-segment path is a category ("/tin-tuc-su-kien-73053"
            # ends in its own number); on an unknown site the link's shape is all there is.
            if self.is_article(url) and (len(segments) >= 2 or not known):
                if self.incremental and url in self.memory.other_pages:
                    continue  # shaped like an article, known to be none
                if self.wants(url):
                    yield self.article_request(ListingEntry(url=url), None, None,
                                               shaped=not known)
            elif self.incremental and url in self.memory.other_pages:
                continue  # known to be neither listing nor article
            elif url in self.memory.archived and not self.wants(url):
                continue  # a root-level article, archived
            else:
                yield self.page_request(url, hops + 1)

    def parse_fragment(self, response):
        self.ledger.note_answer(response)
        yield from self.walker.parse_fragment(response)

    def parse_file(self, response):
        yield from self.file_fetcher.parse(response)

    def on_error(self, failure):
        request = failure.request
        walk = request.meta.get("walk")
        if walk is not None:
            retry = self.walker.retry_after(failure)
            if retry is not None:
                yield retry
                return
            yield from self.walker.page_failed(walk)
        dropped = failure.check(IgnoreRequest) and not failure.check(
            HttpError, RedirectRefused, RobotsUnavailable)
        if dropped and not decompressed_too_large(failure):
            # robots.txt said no, or a middleware dropped it on purpose: not a failure, but
            # the reason a site of which nothing was fetched gets.
            if failure.check(RobotsForbidden):
                self.ledger.first_failure.setdefault(urlsplit(request.url).netloc,
                                                     str(failure.value))
            self.logger.debug("skipped %s (%s)", request.url, failure.value)
            return
        kind, message = failure_kind(failure)
        url = canonical_url((request.meta.get("redirect_urls") or [request.url])[0])
        if request.meta.get("kind") == "file":
            self.logger.debug("file not archived: %s (%s)", request.url, message)
            yield Problem(url=url, kind=kind, message=f"{request.method}: {message}",
                          fetch=True, file=True)
            return
        gone = False
        if failure.check(HttpError):
            status = failure.value.response.status
            if status in (404, 410):
                if url in self.memory.gone:
                    return  # still gone
                if request.meta.get("kind") in ("article", "recheck", "canary", "refresh"):
                    self.ledger.note_withdrawn(urlsplit(url).netloc)
                if url in self.memory.archived:
                    yield Gone(url=url, reason=kind, at=now_iso())
                    yield from self.walker.twin_gone(request)
                    return
                gone = True
        host = urlsplit(request.url).netloc
        if not gone or request.meta.get("kind") == "home":  # (a 404 is no fault but a home's)
            self.note_failed(request, url, message)
        self.ledger.first_failure.setdefault(host, message)
        self.logger.warning("fetch failed: %s %s (%s)", request.method, request.url, message)
        yield self.problem(request, kind, f"{request.method}: {message}", gone=gone)

    def problem(self, request, kind: str, message: str, *, fetch: bool = True,
                gone: bool = False) -> Problem:
        """A problem with ``request``; for an unarchived article, what keeps it pending."""
        url = canonical_url((request.meta.get("redirect_urls") or [request.url])[0])
        problem = Problem(url=url, kind=kind, message=message, fetch=fetch)
        if request.meta.get("kind") == "article" and url not in self.memory.archived:
            problem["pending"] = {"site": urlsplit(url).netloc,
                                  "listing_url": request.meta.get("listing_url"),
                                  "category": request.meta.get("category"), "gone": gone}
        return problem

    def same_site(self, url: str) -> bool:
        return urlsplit(url).netloc in self.hosts

    def known_layout(self, url: str):
        """The layout a page of the link's site showed, when it is a module's."""
        layout = layout_of(self.site_layout.get(urlsplit(url).netloc))
        return layout if layout is not None and layout.article_url is not None else None

    def is_article(self, url: str) -> bool:
        """Whether a link names an article: by its site's own layout once a page of the
        site showed which it is (a WordPress tag "/tag/nam-2023/" is no vnPortal article),
        else by any layout's rule or, on a site no module knows, by its shape."""
        layout = self.known_layout(url)
        if layout is not None:
            return layout.article_url(url)
        return is_article_url(url) or article_shaped(url)


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
