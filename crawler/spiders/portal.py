"""Discovery only: home page -> category listings -> every listing page -> articles.

The spider decides what to fetch and hands pages to the pure parsers; it never parses
fields itself and never writes to the archive (the pipeline does).  What it cannot make
sense of (a listing whose pagination parameters are missing, a POST page that comes back
empty, a page that looks like an article but yields no title or body, a failed fetch) is
yielded as a ``Problem`` so that the run records it with its URL.

Incremental by default: a listing whose walk once completed is walked only until it shows
a page's worth of archived articles in a row; archived articles are not fetched again
unless a refresh is asked for (then with conditional GET); pages once found to be neither
listings nor articles are not fetched again.  ``GOVNEWS_FULL`` walks everything, and then
re-checks archived articles that no listing shows any more (gone or not).

Run as ``govnews crawl [SITE_URL ...]`` or ``scrapy crawl portal -a site=URL[,URL...]``.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import FormRequest, JsonRequest
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.failures import RedirectRefused, RobotsUnavailable, failure_kind
from crawler.items import (
    FileNotModified,
    Listed,
    ListingWalked,
    NotModified,
    PageKind,
    Probed,
    Problem,
)
from crawler.kernel.record import FileFetched, Gone, ListingEntry
from crawler.kernel.text import canonical_url, clean_text
from crawler.parsers import (
    article_shaped,
    base,
    classify,
    cut_short,
    is_article_url,
    is_pager_link,
    layout_of,
    load,
    page_tail,
)
from crawler.parsers import registry as parser_registry
from crawler.parsers.base import decode_page, legacy_encodings

# Links that never lead to a listing or an article.
SKIP_EXTENSIONS = base.FILE_EXTENSIONS + (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg",
                                          ".mp4", ".mp3", ".css", ".js", ".ico", ".xml")
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:")
# Fonts that draw TCVN3 (.VnTime, .VnArial …) or VNI (VNI-Times …) encoded text.
LEGACY_FONT = re.compile(rb"font-family\s*:\s*['\"]?(?:\.Vn[A-Z]|VNI[- ])|face=['\"]?(?:\.Vn[A-Z]|VNI[- ])",
                         re.IGNORECASE)


# How a request's kind reached its page, as roles.classify weighs it.
REACHED_AS = {"home": "start", "article": "article", "recheck": "article", "canary": "article",
              "refresh": "article", "page": "page"}


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
            # `scrapy crawl portal -a site=A,B`; the CLI passes a list.
            sites = [s for s in sites.split(",") if s.strip()]
        spider.sites = [normalise_site(s) for s in sites]
        spider.hosts = {urlsplit(s).netloc for s in spider.sites}
        spider.start_hosts = sorted(spider.hosts)
        # Per host: answers that were pages (not errors), and the first failure seen, so
        # that a start site of which nothing could be fetched is named with its reason.
        spider.answered: dict[str, int] = {}
        spider.first_failure: dict[str, str] = {}
        max_pages = spider._max_pages_arg or settings.getint("GOVNEWS_MAX_LISTING_PAGES", 0)
        spider.max_listing_pages = int(max_pages or 0)
        spider.discovery_depth = settings.getint("GOVNEWS_DISCOVERY_DEPTH", 2)
        spider.full = settings.getbool("GOVNEWS_FULL", False)
        refresh = str(settings.get("GOVNEWS_REFRESH") or "").strip().lower()
        spider.refresh_all = refresh == "all"
        spider.refresh_before = None
        if refresh and not spider.refresh_all:
            cutoff = datetime.now(timezone.utc) - timedelta(days=float(refresh))
            spider.refresh_before = cutoff.replace(microsecond=0).isoformat()
        spider.stop_after = settings.getint("GOVNEWS_STOP_AFTER", 0)
        spider.health_sample = settings.getint("GOVNEWS_HEALTH_SAMPLE", 5)
        spider.seen_listings: set[str] = set()
        spider.requested_articles: set[str] = set()
        spider.fresh_pages: dict[str, int] = {}
        spider.pending_pages: dict[str, int] = {}
        spider.failed_walks: set[str] = set()
        spider.listings_found: dict[str, int] = {}
        # Per host: the last words its start page ends with (roles.page_tail).
        spider.site_tail: dict[str, str | None] = {}
        spider.probe = settings.getbool("GOVNEWS_PROBE", False)
        state = load_state(settings.get("GOVNEWS_DB"), spider.hosts,
                           validators=True)
        spider.archived = state["archived"]
        spider.validators = state["validators"]
        spider.other_pages = state["other_pages"]
        spider.walked_listings = state["walked_listings"]
        spider.canaries = state["canaries"]
        spider.shown = state["shown"]
        spider.listing_members = state["listing_members"]
        spider.pending = state.get("pending", [])
        spider.gone = state.get("gone", set())
        spider.db_path = settings.get("GOVNEWS_DB")
        # Files the pages link (images, attachments, documents' files): fetched once per
        # URL, within a size cap and a per-run byte budget (GOVNEWS_FILE_*).
        spider.fetch_files = settings.getbool("GOVNEWS_FILES", True)
        spider.file_max_bytes = settings.getint("GOVNEWS_FILE_MAX_BYTES", 50 * 1024 * 1024)
        spider.file_budget = settings.getint("GOVNEWS_FILE_BUDGET_BYTES", 0)
        spider.file_bytes = 0
        spider.files = state.get("files", {})
        spider.files_due = state.get("files_due", [])
        spider.documents = state.get("documents", set())
        spider.requested_files: set[str] = set()
        spider.budget_spent = False
        # --subsites: the family of each start site, found on its home page.
        spider.subsites = settings.getbool("GOVNEWS_SUBSITES", False)
        spider.file_hosts = {h.lower() for h in settings.getlist("GOVNEWS_FILE_HOSTS")}
        spider.family_domains = family_domains(
            spider.start_hosts, settings.getlist("GOVNEWS_SUBSITE_DOMAINS"))
        spider.excluded_hosts = {h.lower() for h in settings.getlist("GOVNEWS_SUBSITE_EXCLUDE")}
        spider.subsite_hosts: set[str] = set()
        spider.site_layout: dict[str, str] = {}
        parser_registry.disable(settings.getlist("GOVNEWS_DISABLED_LAYOUTS"))
        # The LoadArticle encoding each site answered ("form" or "json").
        spider.encoding_for: dict[str, str] = {}
        spider.walk_seen: dict[str, set[str]] = {}
        spider.walk_oldest: dict[str, str] = {}
        spider.rechecked = False
        spider.canaried = False
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    @property
    def incremental(self) -> bool:
        return not self.full

    def on_idle(self):
        """When the walk is done: in a full crawl, fetch the archived articles that no
        listing showed any more (a 404 or a redirect home marks them gone); with a
        refresh, fetch the archived articles due that the walk did not meet; in an
        incremental run that fetched too few articles to judge the parser's health,
        re-fetch a few of the newest archived articles as canaries."""
        requests = []
        if self.full and not self.rechecked and not self.max_listing_pages:
            self.rechecked = True
            missing = sorted(set(self.archived) - self.requested_articles)
            if missing:
                self.logger.info("re-checking %d archived articles no listing showed",
                                 len(missing))
            requests = [self.revisit_request(url, "recheck") for url in missing]
        elif (self.refresh_all or self.refresh_before) and not self.rechecked:
            self.rechecked = True
            due = sorted(u for u in self.archived if self.wants(u) == "refresh")
            requests = [self.revisit_request(url, "refresh") for url in due]
            # Archived files too, conditionally: a page that answered 304 led to none.
            for url, (state, _etag, _modified) in sorted(self.files.items()):
                request = self.file_request(url, None) if state == "archived" else None
                if request is not None:
                    requests.append(request)
        elif self.incremental and not self.canaried:
            self.canaried = True
            for site, urls in self.canaries.items():
                wanted = self.health_sample - self.fresh_pages.get(site, 0)
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
        etag, modified = self.validators.get(url, (None, None)) if conditional else (None, None)
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
        if self.pending:
            self.logger.info("fetching again %d articles earlier runs could not store",
                             len(self.pending))
        for url in sorted(self.gone):
            # Marked gone lately (a 404, a redirect home): a portal that answered so while
            # it was being mended answers again; the article is then no longer gone.
            yield self.revisit_request(url, "recheck", conditional=False)
        for row in self.pending:
            # Articles that earlier runs saw listed but could not store: tried again
            # whether or not a listing still shows them.
            yield self.article_request(ListingEntry(url=row["url"]), row["listing_url"],
                                       row["category"])
        for request in self.due_file_requests():
            yield request

    def due_file_requests(self):
        """Files earlier runs met but did not archive (failed, over the budget, or run
        with --no-files), tried again when due."""
        due, self.files_due = self.files_due, []
        if due and self.fetch_files:
            self.logger.info("fetching %d files earlier runs did not archive", len(due))
        for url in due:
            request = self.file_request(url, None)
            if request is not None:
                yield request

    def redirect_refusal(self, origin: str, target: str, meta: dict) -> str | None:
        """Why a redirect from ``origin`` to ``target`` is not followed, or None.

        Only within a site: a start page that redirects to its www. twin (or back) makes
        that host the site's; any other host is another site.  A file may move to any
        host files are fetched from."""
        source, dest = urlsplit(origin).netloc.lower(), urlsplit(target).netloc.lower()
        if dest == source or dest in self.hosts:
            return None
        if meta.get("kind") == "file" and self.file_host_allowed(target, None):
            # A file host handing the file over to another of the family's file hosts.
            return None
        if meta.get("kind") == "home" and dest.removeprefix("www.") == source.removeprefix("www."):
            self.hosts.add(dest)
            self.answered.setdefault(dest, 0)
            return None
        return f"another site than {source}"

    # --- subsites -----------------------------------------------------------------------
    def discover_subsites(self, doc, page_url: str):
        """The family's other sites a start site's home page links to (menus, footers,
        the "Liên kết website" select): each is crawled as a site of its own, from its
        home page, with its own incremental state; file hosts are not sites."""
        for href in doc.xpath("//a/@href | //option/@value | //area/@href"):
            href = (href or "").strip()
            if not href or href.startswith(SKIP_SCHEMES) or "://" not in href:
                continue
            parts = urlsplit(canonical_url(href, page_url))
            host, name = parts.netloc, (parts.hostname or "")
            if (parts.scheme not in ("http", "https") or not name or host in self.hosts
                    or name in self.file_hosts or name in self.excluded_hosts
                    or not in_family(name, self.family_domains)):
                continue
            self.hosts.add(host)
            self.subsite_hosts.add(host)
            self.answered.setdefault(host, 0)
            self.merge_state(host)
            site = f"{parts.scheme}://{host}/"
            self.logger.info("subsite found: %s (linked from %s)", site, page_url)
            yield scrapy.Request(site, callback=self.parse_page, errback=self.on_error,
                                 meta={"kind": "home", "depth_hops": 0, "subsite": True})
            for row in [r for r in self.pending if urlsplit(r["url"]).netloc == host]:
                yield self.article_request(ListingEntry(url=row["url"]), row["listing_url"],
                                           row["category"])
            for url in sorted(u for u in self.gone if urlsplit(u).netloc == host):
                yield self.revisit_request(url, "recheck", conditional=False)
            yield from self.due_file_requests()

    def merge_state(self, host: str) -> None:
        """What earlier runs know of a subsite found during this run."""
        state = load_state(self.db_path, {host}, validators=True)
        self.archived.update(state["archived"])
        self.gone |= state.get("gone", set())
        self.validators.update(state["validators"])
        self.other_pages |= state["other_pages"]
        self.walked_listings |= state["walked_listings"]
        self.canaries.update(state["canaries"])
        self.shown.update(state["shown"])
        self.listing_members.update(state["listing_members"])
        self.pending.extend(state.get("pending", []))
        self.files.update(state.get("files", {}))
        self.documents |= state.get("documents", set())
        due = [u for u in state.get("files_due", []) if u not in self.requested_files]
        self.files_due.extend(due)

    def site_report(self) -> list[dict]:
        """Per site of this run (start sites and subsites): its layout, what answered, and
        whether it failed, for the archive's ``site_runs``."""
        failed = {f["site"]: f["reason"] for f in self.failed_sites(self.all_sites())}
        rows = []
        for site in self.all_sites():
            host = urlsplit(site).netloc
            listed = {u for url, seen in self.walk_seen.items()
                      if urlsplit(url).netloc == host for u in seen}
            rows.append({"site": host, "start": host not in self.subsite_hosts,
                         "layout": self.site_layout.get(host), "listed": len(listed),
                         "pages": self.answered.get(host, 0),
                         "articles": self.fresh_pages.get(host, 0),
                         "status": "failing" if site in failed else "ok",
                         "reason": failed.get(site)})
        return rows

    def all_sites(self) -> list[str]:
        return self.sites + [f"http://{h}/" for h in sorted(self.subsite_hosts)
                             if not any(urlsplit(s).netloc == h for s in self.sites)]

    def note_answer(self, response) -> None:
        host = urlsplit(response.url).netloc
        self.answered[host] = self.answered.get(host, 0) + 1

    def failed_start_sites(self) -> list[dict]:
        """Start sites of which no page could be fetched, with the first reason seen."""
        return self.failed_sites(self.sites)

    def failed_sites(self, sites) -> list[dict]:
        failed = []
        for site in sites:
            host = urlsplit(site).netloc
            twins = {h for h in self.answered if h.removeprefix("www.") == host.removeprefix("www.")}
            hosts = twins | {host}
            if not any(self.answered.get(h) for h in hosts):
                reason = self.first_failure.get(host) or "no page answered"
                failed.append({"site": site, "reason": reason, "kind": "unreachable"})
            elif not any(self.fresh_pages.get(h) or self.listings_found.get(h) for h in hosts):
                # It answered, but after following its hubs' links as deep as discovery
                # goes nothing on it was a listing or an article: an archive that says "ok"
                # having kept nothing is the one failure nobody notices.
                failed.append({"site": site, "kind": "nothing_found", "reason": (
                    f"found no listing and no article on {host}: its pages match no known "
                    f"layout; run `govnews probe {site}`")})
        return failed

    def page_request(self, url: str, hops: int, category: str | None = None):
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                              meta={"kind": "page", "depth_hops": hops, "category": category})

    def wants(self, url: str) -> str | None:
        """Why ``url`` should be fetched this run ("new", "refresh"), or None."""
        if url in self.requested_articles:
            return None
        if url not in self.archived:
            return "new"
        if self.refresh_all:
            return "refresh"
        fetched_at = self.archived[url]
        if self.refresh_before and (not fetched_at or fetched_at < self.refresh_before):
            return "refresh"
        return None

    def article_request(self, entry: ListingEntry, listing_url: str | None, category: str | None,
                        shaped: bool = False):
        """``shaped``: asked only because the link looks like an article's, on a site no
        module knows; a refusal then makes the page "other", not a problem."""
        if self.wants(entry.url) == "refresh":
            request = self.revisit_request(entry.url, "article")
            request.meta.update(listing_url=listing_url, category=category)
            return request
        self.requested_articles.add(entry.url)
        # Articles first: they are what the run is for, and finishing them early keeps the
        # scheduler's queue short on a site with thousands of listing pages.
        return scrapy.Request(entry.url, callback=self.parse_page, errback=self.on_error,
                              priority=10,
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
        self.note_answer(response)
        if response.status == 304:
            yield NotModified(url=canonical_url(response.request.url))
            return
        try:
            decoded = decode_page(response.body,
                                  response.headers.get("Content-Type", b"").decode("latin-1"))
            doc = load(decoded.text)
        except Exception as exc:  # broken bytes: keep going, say where
            yield self.problem(response.request, "undecodable",
                               f"the page cannot be read as HTML ({exc})")
            return
        url = canonical_url(response.url)
        if (self.subsites and response.meta.get("kind") == "home"
                and not response.meta.get("subsite")):
            yield from self.discover_subsites(doc, url)
        if decoded.note:
            yield Problem(url=url, kind="charset_mismatch", message=decoded.note)
        hops = response.meta.get("depth_hops", 0)
        redirected_from = response.meta.get("redirect_urls")
        if redirected_from and urlsplit(url).path in ("", "/") and response.meta.get("kind") in (
                "article", "recheck", "canary", "refresh"):
            # The portal answers a withdrawn article with a redirect to its home page.
            original = canonical_url(redirected_from[0])
            if original in self.gone:
                return  # still withdrawn
            if original in self.archived:
                yield Gone(url=original, reason="redirect_home", at=fetched_at)
            else:
                # Never stored: a home-page redirect may as well be an overloaded portal's
                # way of failing, so it is tried again, not taken for "gone".
                yield self.problem(response.request, "redirect_home",
                                   "an article link redirects to the home page; tried again "
                                   "next run")
            return

        host = urlsplit(url).netloc
        if response.meta.get("kind") == "home":
            self.site_tail.setdefault(host, page_tail(doc))
        elif cut_short(response.body, doc, self.site_tail.get(host)):
            # Half a page: its role cannot be judged from it (a cut listing would look like
            # a short one, a cut article like no article).  Retried, never judged.
            listing_url = response.meta.get("listing_url")
            if listing_url and response.meta.get("kind") == "pagination":
                self.failed_walks.add(listing_url)
            yield self.problem(response.request, "truncated",
                               "the page ends before its site's pages do (no </html>, not the "
                               "footer its start page ends with): cut short in transit; tried "
                               "again next run")
            return
        try:
            role = classify(doc, url, reached_as=REACHED_AS.get(response.meta.get("kind"), "page"),
                            fetched_at=fetched_at)
        except Exception as exc:  # a parser's bug: said with its URL, the crawl goes on
            yield self.problem(response.request, "parser_error",
                               f"{type(exc).__name__}: {exc}", fetch=False)
            return
        self.logger.debug("%s: %s (%s)", url, role.role, "; ".join(role.evidence))
        if self.probe:
            yield Probed(url=url, reached_as=role.reached_as, role=role.role,
                         layout=role.layout_key, evidence=list(role.evidence),
                         record=role.record, listing=role.listing,
                         problems=list(role.problems))
        for kind, message in role.problems:
            yield Problem(url=url, kind=kind, message=message, fetch=False)
        if role.layout.article_url is not None:  # a plug-in's page: the site's layout is known
            self.site_layout.setdefault(urlsplit(url).netloc, role.layout_key)
        handle = {"hub": self.on_hub, "document": self.on_document, "article": self.on_article,
                  "listing": self.on_listing}.get(role.role, self.on_other)
        yield from handle(role, doc, response, hops)

    def on_hub(self, role, doc, response, hops):
        """A start page or a site's root: its links are followed; a list its layout reads
        on it is walked; it is never stored."""
        yield PageKind(url=role.url, kind="hub", layout=role.layout_key, evidence=role.evidence)
        if role.listing is not None:
            role.listing.category = None  # a home page names no category
            yield from self.handle_listing(doc, role.listing, response, hops)
        elif hops <= self.discovery_depth:
            yield from self.follow_links(doc, role.url, hops)

    def on_document(self, role, doc, response, hops):
        document = role.record
        self.fresh_pages[document.site] = self.fresh_pages.get(document.site, 0) + 1
        yield {"document": document, "listing_url": response.meta.get("listing_url")}
        yield from self.file_requests([f.url for f in document.files], role.url)

    def on_article(self, role, doc, response, hops):
        article, url = role.record, role.url
        converted = legacy_encodings(doc)
        if converted:
            self.logger.info("%s: text in %s fonts converted to Unicode", url,
                             " and ".join(converted))
        elif LEGACY_FONT.search(response.body):
            # A legacy font named, but nothing converted: either the text was Unicode
            # after all, or a font the converter does not know.  The raw page is kept;
            # said so, it can be looked at and re-parsed.
            yield Problem(url=url, kind="legacy_encoding",
                          message="the page sets a TCVN3/VNI font (.VnTime, VNI-Times) "
                                  "but no text in it needed converting")
        # A page cut short in transit never gets here: Scrapy fails a body shorter than
        # its Content-Length or a chunked body without its last chunk
        # (DOWNLOAD_FAIL_ON_DATALOSS), and on_error records it.  Missing end tags
        # alone prove nothing: </body> and </html> are optional in HTML.
        if not article.title or not article.body:
            missing = [f for f in ("title", "body") if not getattr(article, f)]
            yield self.problem(response.request, "parse_incomplete",
                               f"{role.layout.name} page without {', '.join(missing)}",
                               fetch=False)
            return
        self.fresh_pages[article.site] = self.fresh_pages.get(article.site, 0) + 1
        self.site_layout.setdefault(article.site, article.parser or role.layout_key)
        yield {"article": article, "listing_url": response.meta.get("listing_url"),
               "listing_category": response.meta.get("category"),
               "kind": response.meta.get("kind")}
        yield from self.file_requests(
            [x.url for x in [*article.images, *article.attachments]], url)

    def on_listing(self, role, doc, response, hops):
        self.site_layout.setdefault(urlsplit(role.url).netloc, role.layout_key)
        yield PageKind(url=role.url, kind="listing", layout=role.layout_key,
                       evidence=role.evidence)
        yield from self.handle_listing(doc, role.listing, response, hops)

    def on_other(self, role, doc, response, hops):
        kind = response.meta.get("kind")
        if kind in ("article", "recheck", "canary", "refresh") and not response.meta.get("shaped"):
            yield self.problem(response.request, "not_an_article",
                               "a listing linked here but the page is no article ("
                               + role.evidence[-1] + ")", fetch=False)
        else:
            # Reached by a menu link, or by a link only shaped like an article's: a contact
            # page, a site map, an archive by month.  Remembered, not fetched again.
            yield PageKind(url=role.url, kind="other", layout=role.layout_key,
                           evidence=role.evidence)
        if hops <= self.discovery_depth:
            yield from self.follow_links(doc, role.url, hops)

    def handle_listing(self, doc, listing, response, hops):
        if listing.url in self.seen_listings:
            return
        self.seen_listings.add(listing.url)
        host = urlsplit(listing.url).netloc
        self.listings_found[host] = self.listings_found.get(host, 0) + 1
        category = listing.category or response.meta.get("category")
        layout = layout_of(listing.layout)
        paged_in_url = layout is None or layout.page_request is None
        # A listing paged in its URL: in an incremental run, once it was walked before,
        # its next page is worth asking only while this one shows something new.
        nothing_new = all(e.url in self.archived for e in listing.entries)
        pagers = not (paged_in_url and self.incremental and listing.url in self.walked_listings
                      and nothing_new)
        last = listing.max_page
        if self.max_listing_pages:
            last = min(last, self.max_listing_pages)
        size = int(listing.pagination.get("page_size") or len(listing.entries) or 10)
        walk = {"listing_url": listing.url, "category": category, "page": 1, "last": last,
                "streak": 0, "stop_after": self.stop_after or size,
                "pagination": listing.pagination, "max_page": listing.max_page,
                "site": urlsplit(listing.url).netloc,
                "partial": bool(self.max_listing_pages and listing.max_page > last),
                # Only a listing walked to its end before may stop at archived articles:
                # after a crash, the next run walks the unfinished listing again in full.
                "sequential": self.incremental and listing.url in self.walked_listings}
        # The listing's items first: asked as articles, they are never asked again as
        # the plain links they also are (a post at "/slug/" has no article's shape).
        yield from self.walk_entries(walk, listing.entries)
        if hops <= self.discovery_depth:
            yield from self.follow_links(doc, listing.url, hops, pagers=pagers)
        if pagers:
            for url in listing.pager_links:
                if url not in self.seen_listings:
                    yield self.page_request(url, hops, category)
        if last <= 1:
            yield from self.walk_done(walk)
            return
        if paged_in_url:
            # Paged in its URL (or not at all): its page links are followed as pages.
            yield from self.walk_done(walk)
            return
        walk["layout"] = layout.key
        missing = layout.missing_pagination(listing) if layout.missing_pagination else []
        if missing:
            yield Problem(url=listing.url, kind="pagination",
                          message=f"listing has {listing.max_page} pages but its script lacks "
                                  f"{', '.join(missing)}; only page 1 was read")
            return
        if walk["sequential"]:
            if self.should_stop(walk):
                yield from self.walk_done(walk, stopped=True)
            else:
                yield self.pagination_request(walk, 2)
            return
        self.pending_pages[listing.url] = last - 1
        for page in range(2, last + 1):
            yield self.pagination_request(walk, page)

    def walk_entries(self, walk, entries):
        entries = [e for e in entries if self.same_site(e.url)]
        if entries:
            yield Listed(listing_url=walk["listing_url"], category=walk["category"],
                         article_urls=[e.url for e in entries])
        seen = self.walk_seen.setdefault(walk["listing_url"], set())
        edited = []
        for entry in entries:
            seen.add(entry.url)
            if entry.published_at:
                day = entry.published_at[:10]
                oldest = self.walk_oldest.get(walk["listing_url"])
                if oldest is None or day < oldest:
                    self.walk_oldest[walk["listing_url"]] = day
            if entry.url in self.archived:
                walk["streak"] += 1
            else:
                walk["streak"] = 0
            if self.wants(entry.url):
                yield self.article_request(entry, walk["listing_url"], walk["category"])
            elif self.edited(entry):
                edited.append(entry)
        archived_here = sum(1 for e in entries if e.url in self.archived)
        if len(edited) > max(2, archived_here // 2):
            # Most titles differ: the listing writes titles its own way, not edits.
            self.logger.info("listing %s shows %d of %d archived titles differently; not "
                             "taken for edits", walk["listing_url"], len(edited), archived_here)
            edited = []
        for entry in edited:
            # The listing shows another title than the archive holds: the article was
            # edited; fetch it again, unconditionally.
            self.logger.info("listing shows an edited article: %s", entry.url)
            request = self.revisit_request(entry.url, "article", conditional=False)
            request.meta.update(listing_url=walk["listing_url"], category=walk["category"])
            yield request

    def edited(self, entry: ListingEntry) -> bool:
        """The listing's title differs from the archived one (leads are left out: listings
        cut and rewrite them too freely to tell an edit)."""
        if entry.url in self.requested_articles or entry.url not in self.shown:
            return False
        return differs(entry.title, self.shown[entry.url][0])

    def vanished(self, walk) -> list[str]:
        """Archived articles of this listing, as new as what the walk covered, that it no
        longer shows: withdrawn, or moved; a fetch tells which."""
        url = walk["listing_url"]
        oldest = self.walk_oldest.get(url)
        seen = self.walk_seen.get(url, set())
        if oldest is None:
            return []
        return [u for u, day in self.listing_members.get(url, ())
                if day and day > oldest and u not in seen and u not in self.requested_articles]

    def should_stop(self, walk) -> bool:
        return walk["sequential"] and walk["streak"] >= walk["stop_after"]

    def walk_done(self, walk, stopped: bool = False):
        if walk["sequential"]:
            for url in self.vanished(walk):
                yield self.revisit_request(url, "recheck")
        if walk["partial"] or walk["listing_url"] in self.failed_walks:
            return
        self.logger.debug("listing %s walked to page %s%s", walk["listing_url"], walk["page"],
                          " (stopped at archived articles)" if stopped else "")
        yield ListingWalked(listing_url=walk["listing_url"], site=walk["site"],
                            pages=walk["page"])

    def pagination_request(self, walk, page, encoding=None, tried=()):
        """Page ``page`` of a listing paginated by the server, as its layout asks for it.
        A POST may go as a form or as JSON and installs take one or the other: a site's
        first answer decides, and a failure with one encoding is tried once with the
        next before it counts (``retry_encoding``)."""
        layout = layout_of(walk["layout"])
        host = urlsplit(walk["listing_url"]).netloc
        spec = layout.page_request(walk["listing_url"], walk["pagination"], page,
                                   encoding or self.encoding_for.get(host), self.settings)
        meta = {"kind": "pagination", "walk": dict(walk, page=page),
                "listing_url": walk["listing_url"], "page": page, "encoding": spec.encoding,
                "tried": tuple(tried) + (spec.encoding,)}
        if spec.method == "GET":
            return scrapy.Request(spec.url, callback=self.parse_fragment, errback=self.on_error,
                                  meta=meta)
        if spec.encoding == "json":
            return JsonRequest(spec.url, data=spec.fields, callback=self.parse_fragment,
                               errback=self.on_error, meta=meta)
        return FormRequest(spec.url, formdata=spec.fields, callback=self.parse_fragment,
                           errback=self.on_error, meta=meta)

    def parse_fragment(self, response):
        self.note_answer(response)
        walk = response.meta["walk"]
        layout = layout_of(walk["layout"])
        entries = [e for e in layout.page_entries(response.text, walk["listing_url"])
                   if self.is_article(e.url)]
        if not entries:
            retry = self.retry_encoding(response.request)
            if retry is not None:
                yield retry
                return
            self.failed_walks.add(walk["listing_url"])
            yield Problem(url=walk["listing_url"], kind="pagination",
                          message=f"page {walk['page']} of {walk['max_page']} came back with no "
                                  "articles")
            yield from self.page_finished(walk)
            return
        if response.meta.get("encoding"):
            self.encoding_for.setdefault(urlsplit(walk["listing_url"]).netloc,
                                         response.meta["encoding"])
        seen = self.walk_seen.get(walk["listing_url"], set())
        if all(e.url in seen for e in entries):
            # Every item was on an earlier page of this walk: the portal answered a cached
            # page (seen: page 1 again for every page).  What the real page holds is
            # unknown, so the walk is not complete and the next run walks it again.
            self.failed_walks.add(walk["listing_url"])
            yield Problem(url=walk["listing_url"], kind="pagination",
                          message=f"page {walk['page']} of {walk['max_page']} repeats articles "
                                  "of earlier pages (a stale cache?); walked again next run")
            if walk["sequential"]:
                yield from self.walk_done(walk)
            else:
                yield from self.page_finished(walk)
            return
        yield from self.walk_entries(walk, entries)
        if walk["sequential"]:
            if walk["page"] < walk["last"] and not self.should_stop(walk):
                yield self.pagination_request(walk, walk["page"] + 1)
            else:
                yield from self.walk_done(walk, stopped=walk["page"] < walk["last"])
        else:
            yield from self.page_finished(walk)

    def page_finished(self, walk):
        """One of a full walk's POST pages is answered (or failed)."""
        url = walk["listing_url"]
        if url not in self.pending_pages:
            return
        self.pending_pages[url] -= 1
        if self.pending_pages[url] <= 0:
            del self.pending_pages[url]
            yield from self.walk_done(dict(walk, page=walk["last"]))

    def follow_links(self, doc, page_url: str, hops: int, pagers: bool = True):
        for href in doc.xpath("//a/@href"):
            href = href.strip()
            if not href or href.startswith(SKIP_SCHEMES):
                continue
            url = canonical_url(href, page_url)
            parts = urlsplit(url)
            if not self.same_site(url) or parts.path.lower().endswith(SKIP_EXTENSIONS):
                continue
            if url in self.requested_articles:
                continue  # asked already, as an article
            if parts.path in ("", "/"):
                continue
            if is_pager_link(url):
                if not pagers:
                    continue
                # Server-side pagination (NukeViet /page-2, ?page=2): same depth as its list.
                yield self.page_request(url, hops)
                continue
            known = self.known_layout(url)
            if parts.query and (known or not article_shaped(url)):
                continue
            segments = [s for s in parts.path.split("/") if s]
            # On a known layout a one-segment path is a category ("/tin-tuc-su-kien-73053"
            # ends in its own number); on an unknown site the link's shape is all there is.
            if self.is_article(url) and (len(segments) >= 2 or not known):
                if self.incremental and url in self.other_pages:
                    continue  # shaped like an article, known to be none
                if self.wants(url):
                    yield self.article_request(ListingEntry(url=url), None, None,
                                               shaped=not known)
            elif self.incremental and url in self.other_pages:
                continue  # known to be neither listing nor article
            elif url in self.archived and not self.wants(url):
                continue  # a root-level article, archived
            else:
                yield self.page_request(url, hops + 1)

    def retry_encoding(self, request):
        """The same page in the encoding this site was seen to take, or else in the
        layout's next one, if not tried yet; else None."""
        walk = request.meta["walk"]
        host = urlsplit(walk["listing_url"]).netloc
        layout = layout_of(walk.get("layout"))
        tried = request.meta.get("tried", ())
        untried = [e for e in (layout.page_encodings if layout else ()) if e not in tried]
        if host in self.encoding_for:
            # Another page answered meanwhile: this one goes as that one did, if not yet.
            untried = [e for e in untried if e == self.encoding_for[host]]
        if not untried:
            return None
        self.logger.info("%s: a page of %s failed as %s; trying %s", host, walk["listing_url"],
                         request.meta.get("encoding"), untried[0])
        return self.pagination_request(walk, walk["page"], untried[0], tried)

    def on_error(self, failure):
        request = failure.request
        walk = request.meta.get("walk")
        if walk is not None and failure.check(HttpError):
            # The endpoint refused the request as sent (an install that takes only JSON
            # answers a form with a 500): the other encoding may be what it wants.  A
            # transport failure says nothing about encodings.
            retry = self.retry_encoding(request)
            if retry is not None:
                yield retry
                return
        if walk is not None:
            self.failed_walks.add(walk["listing_url"])
            yield from self.page_finished(walk)
        if failure.check(IgnoreRequest) and not failure.check(HttpError, RedirectRefused,
                                                                RobotsUnavailable):
            # robots.txt said no, or a middleware dropped it on purpose: not a failure.
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
                if url in self.gone:
                    return  # still gone
                if url in self.archived:
                    yield Gone(url=url, reason=kind, at=now_iso())
                    return
                gone = True
        host = urlsplit(request.url).netloc
        self.first_failure.setdefault(host, message)
        self.logger.warning("fetch failed: %s %s (%s)", request.method, request.url, message)
        yield self.problem(request, kind, f"{request.method}: {message}", gone=gone)

    def problem(self, request, kind: str, message: str, *, fetch: bool = True,
                gone: bool = False) -> Problem:
        """A problem with ``request``; for an article a listing showed that is not
        archived, it carries what the archive needs to keep it pending."""
        url = canonical_url((request.meta.get("redirect_urls") or [request.url])[0])
        problem = Problem(url=url, kind=kind, message=message, fetch=fetch)
        if request.meta.get("kind") == "article" and url not in self.archived:
            problem["pending"] = {"site": urlsplit(url).netloc,
                                  "listing_url": request.meta.get("listing_url"),
                                  "category": request.meta.get("category"), "gone": gone}
        return problem

    # --- files ---------------------------------------------------------------------------
    def file_host_allowed(self, url: str, page_url: str | None) -> bool:
        """Files are fetched from the page's own site, the family's sites and the file
        hosts the portal uses (GOVNEWS_FILE_HOSTS), never from anywhere else."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        host, name = parts.netloc, parts.hostname.lower()
        if page_url and host == urlsplit(page_url).netloc:
            return True
        return (host in self.hosts or name in self.file_hosts
                or in_family(name, self.family_domains))

    def file_requests(self, urls, page_url: str):
        for url in urls:
            request = self.file_request(url, page_url)
            if request is not None:
                yield request

    def file_request(self, url: str, page_url: str | None):
        """A request for a linked file, or None when it is not to be fetched this run:
        files are off (--no-files), it was asked already, it is archived (asked again,
        conditionally, only with a refresh), it was given up, the run's byte budget is
        spent, or its host is not one files are fetched from."""
        if not self.fetch_files or url in self.requested_files:
            return None
        if not self.file_host_allowed(url, page_url):
            self.logger.debug("file not fetched (another host): %s", url)
            return None
        state, etag, modified = self.files.get(url, (None, None, None))
        if state == "gave_up":
            return None
        headers = {}
        if state == "archived":
            if not (self.refresh_all or self.refresh_before):
                return None
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        if self.file_budget and self.file_bytes >= self.file_budget:
            if not self.budget_spent:
                self.budget_spent = True
                self.logger.warning("the run's file budget (%d bytes) is spent: the other "
                                    "files wait for the next run", self.file_budget)
            return None
        self.requested_files.add(url)
        # After the pages: a file never holds up the articles that link it.
        return scrapy.Request(url, callback=self.parse_file, errback=self.on_error,
                              priority=-10, headers=headers,
                              meta={"kind": "file", "download_maxsize": self.file_max_bytes,
                                    "handle_httpstatus_list": [304],
                                    "depth_hops": self.discovery_depth + 1})

    def parse_file(self, response):
        url = canonical_url((response.meta.get("redirect_urls") or [response.request.url])[0])
        if response.status == 304:
            yield FileNotModified(url=url)
            return
        body = response.body
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        if (content_type or "").startswith("text/html") and body.lstrip()[:1] == b"<" \
                and not url.lower().endswith((".htm", ".html")):
            # A site's "file not found" page, served as 200.
            yield Problem(url=url, kind="not_a_file", fetch=True, file=True,
                          message="the link answered an HTML page, not the file; tried "
                                  "again next run")
            return
        self.file_bytes += len(body)
        yield FileFetched(url=url, status=response.status,
                          sha256=hashlib.sha256(body).hexdigest(),
                          content_type=content_type, bytes=len(body))

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


def family_domains(start_hosts, extra=()) -> set[str]:
    """The domains whose hosts are one family: each start site's host without "www."
    (www.nghean.gov.vn -> nghean.gov.vn: every *.nghean.gov.vn), and any listed."""
    domains = {h.split(":")[0].lower().removeprefix("www.") for h in start_hosts}
    return {d for d in domains | {e.lower().lstrip(".") for e in extra} if d}


def in_family(hostname: str, domains) -> bool:
    hostname = hostname.lower()
    return any(hostname == d or hostname.endswith("." + d) for d in domains)


def differs(shown: str | None, stored: str | None) -> bool:
    """A listing's text differs from the archived one, beyond the listing's cutting it short."""
    if not shown or not stored:
        return False
    a, b = clean_text(shown).rstrip(".… "), clean_text(stored).rstrip(".… ")
    return not (a.startswith(b) or b.startswith(a))


def load_state(db_path: str | None, hosts: set[str], validators: bool = False) -> dict:
    """The archive's memory of earlier runs (empty for a new archive)."""
    empty = {"archived": {}, "gone": set(), "validators": {}, "other_pages": set(),
             "walked_listings": set(),
             "canaries": {}, "shown": {}, "listing_members": {}, "files": {}, "files_due": [],
             "documents": set()}
    if not db_path or not os.path.exists(db_path):
        return empty
    from archive.query import crawl_state
    from archive.store import Archive  # brings an older archive's schema up to date

    archive = Archive(db_path)
    try:
        return crawl_state(archive.db, hosts, validators=validators)
    finally:
        archive.close()


def normalise_site(site: str) -> str:
    site = clean_text(site)
    if "://" not in site:
        site = "https://" + site
    parts = urlsplit(site)
    return f"{parts.scheme}://{parts.netloc}{parts.path or '/'}"


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
