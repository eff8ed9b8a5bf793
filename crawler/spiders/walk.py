"""A category listing's walk through its pages: which articles it shows, which of its
pages are asked for, and when the walk is done.

A listing paged in its URL (or not paged) is walked by following its page links as pages;
one a layout pages by a request of its own (vnPortal's LoadArticle POST) is walked here,
page by page, each page's ``ListingWalk`` carried in its request's meta.  In an
incremental run a listing walked to its end before is walked only until a page's worth of
archived articles in a row; a full walk asks for all its pages, ``FULL_WALK_WINDOW`` at a
time.  A walk that
read every page it meant to says so (``ListingWalked``); one that failed is walked again
next run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import scrapy
from scrapy.http import FormRequest, JsonRequest
from scrapy.spidermiddlewares.httperror import HttpError

from archive.crawl_reads import UrlSet, listing_shows
from crawler.items import Listed, ListingWalked, PageKind, Problem
from crawler.kernel.record import ListingEntry
from crawler.kernel.text import canonical_url, clean_text
from crawler.parsers import layout_of
from crawler.parsers.links import LATER_PAGE, article_id_from_url, page_links, pager_group
from crawler.parsers.page_kinds import home_titled

# A full walk of a listing paged by POST asks for this many pages at a time, each answer
# (or failure) asking for the page a window further: the scheduler then holds a few
# pages of each listing, not all of them (thousands on a large site) from the start.
FULL_WALK_WINDOW = 8


@dataclass
class ListingWalk:
    """Where one listing's walk is: the page it is at, and how many archived articles in
    a row it has met (the incremental stop)."""

    listing_url: str
    site: str
    category: str | None
    last: int  # the last page this run walks
    max_page: int  # the last page the listing has
    stop_after: int  # archived articles in a row that end a sequential walk
    pagination: dict
    partial: bool  # GOVNEWS_MAX_LISTING_PAGES cut the walk short
    # Only a listing walked to its end before may stop at archived articles: after a
    # crash, the next run walks the unfinished listing again in full.
    sequential: bool
    page: int = 1
    streak: int = 0
    layout: str | None = None  # the layout that asks for its pages
    # Its pager shows only its first pages (Listing.pages_open): a full last page is
    # followed by the next, and a page past the end (empty, or repeating) ends the walk.
    open_ended: bool = False
    beyond: bool = False  # this page is past the last one the pager showed

    def at(self, page: int) -> ListingWalk:
        """The same walk, at page ``page``."""
        return replace(self, page=page)

    def count(self, archived: bool) -> None:
        self.streak = self.streak + 1 if archived else 0

    def should_stop(self) -> bool:
        return self.sequential and self.streak >= self.stop_after

    def walked(self) -> ListingWalked:
        return ListingWalked(listing_url=self.listing_url, site=self.site, pages=self.page)


def differs(shown: str | None, stored: str | None) -> bool:
    """A listing's text differs from the archived one, beyond the listing's cutting it
    short.  A longer one differs: words added to a title ("… (cập nhật)") are an edit."""
    if not shown or not stored:
        return False
    a, b = clean_text(shown).rstrip(".… "), clean_text(stored).rstrip(".… ")
    return not b.startswith(a)


def page_number(url: str) -> int:
    """The number a later page's address gives (its page, or an offset), 0 without one."""
    found = LATER_PAGE.search(url)
    return int(re.search(r"(\d+)/?$", found.group()).group(1)) if found else 0


# A WebForms pager's link: "javascript:__doPostBack('ctl00$Main$rptPager$ctl02$lnkPage','')".
POSTBACK = re.compile(r"""__doPostBack\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]*)['"]\s*\)""")
MAX_POSTBACK_PAGES = 500


class ListingWalker:
    """The run's listing walks, for one spider: what the walks saw, which failed, and the
    pagination encoding each site answered."""

    def __init__(self, spider):
        self.spider = spider
        self.seen_listings: set[str] = set()
        self.oldest: dict[str, str] = {}  # listing url -> the oldest day it showed
        self.failed: set[str] = set()  # listings whose walk did not complete
        self.posted: set[str] = set()  # "listing#page=N" asked by posting its form back
        # A listing paged in its URL, by its first page's URL: the pages of it walked in
        # sequence this run (its articles move from page to page as new ones come).
        self.paged: dict[str, list[str]] = {}
        self.pending_pages: dict[str, int] = {}  # a full walk's pages not answered yet
        # The LoadArticle encoding each site answered ("form" or "json").
        self.encoding_for: dict[str, str] = {}
        # The date a listing printed beside an article asked for and not answered yet: its
        # page may arrive as a plain link asked earlier (the listing's request a duplicate).
        self.dates: dict[str, str] = {}
        self.undated: set[str] = set()  # articles asked with no date, not answered yet
        self.reasked: set[str] = set()  # pages read as none on their link's shape, asked again
        # What each listing page of the run showed (the hash of its items' URLs in order).
        # The first page showing each list of items (by its hash, with its listing's).
        self.shown_items: dict[int, str] = {}
        # The furthest page of its listing each listing page links, where it links one.
        self.furthest_page: dict[str, int] = {}

    def handle_listing(self, doc, listing, response, hops):
        spider = self.spider
        seen = listing.url + (f"#{response.meta['postback']}" if "postback" in response.meta else "")
        if seen in self.seen_listings:
            return
        self.seen_listings.add(seen)
        host = urlsplit(listing.url).netloc
        spider.ledger.note_listing(host)
        category = listing.category or response.meta.get("category")
        layout = layout_of(listing.layout)
        paged_in_url = layout is None or layout.page_request is None
        # A listing paged in its URL: in an incremental run, once it was walked before,
        # its next page is worth asking only while this one shows something new.
        nothing_new = all(e.url in spider.memory.archived for e in listing.entries)
        pagers = not (paged_in_url and spider.incremental
                      and listing.url in spider.memory.walked_listings and nothing_new)
        if pagers and paged_in_url:
            pagers, problem = self.after_repeat(doc, listing, host)
            if problem is not None:
                yield problem
        walk = self.new_walk(listing, category)
        # The listing's items first: asked as articles, they are never asked again as
        # the plain links they also are (a post at "/slug/" has no article's shape).
        yield from self.walk_entries(walk, listing.entries)
        if hops <= spider.discovery_depth:
            yield from spider.follow_links(doc, listing.url, hops, pagers=pagers)
        if pagers:
            for url in listing.pager_links:
                if url not in self.seen_listings:
                    request = spider.page_request(url, hops, category)
                    request.meta["reached"] = "listing"  # judged as a list's page (roles)
                    yield request
            yield from self.postbacks(response, doc, listing.url, hops, category)
        if walk.last <= 1 or paged_in_url:
            # Paged in its URL (or not at all): its page links are followed as pages.
            yield from self.walk_done(walk)
            return
        walk.layout = layout.key
        missing = layout.missing_pagination(listing) if layout.missing_pagination else []
        if missing:
            yield Problem(url=listing.url, kind="pagination",
                          message=f"listing has {listing.max_page} pages but its script lacks "
                                  f"{', '.join(missing)}; only page 1 was read")
            return
        if walk.sequential:
            if walk.should_stop():
                yield from self.walk_done(walk, stopped=True)
            else:
                yield self.pagination_request(walk, 2)
            return
        self.pending_pages[listing.url] = walk.last - 1
        for page in range(2, min(walk.last, 1 + FULL_WALK_WINDOW) + 1):
            yield self.pagination_request(walk, page)

    def repeats(self, listing) -> str | None:
        """The earlier page of the same listing (its address but for the page number) that
        showed the same items in the same order this run, if one did.  (A page of one item
        that repeats another is a last page too; a home page may well show a section's
        first page, and stops nothing.)"""
        if not listing.entries:
            return None
        shown = hash((pager_group(listing.url), *(e.url for e in listing.entries)))
        if shown in self.shown_items:
            return self.shown_items[shown]
        self.shown_items[shown] = listing.url
        return None

    def layout_changed(self, role):
        """A listing earlier runs walked as a module's page that another layout reads now
        (its markup changed: the module's reader no longer knows it): said, and its site's
        listings are read worse than before."""
        before = self.spider.memory.walked_listings.get(role.url)
        if before and before != role.layout_key and not before.startswith("generic/"):
            message = (f"this listing, read by {before} before, is read by {role.layout_key} "
                       "now: its site's layout seems to have changed")
            self.spider.ledger.note_listing_failed(urlsplit(role.url).netloc, message)
            yield Problem(url=role.url, kind="layout_changed", message=message, fetch=False)

    def guessed_wrong(self, entry: ListingEntry) -> bool:
        """Whether the entry's page, asked this run on its link's shape alone (no list had
        shown it) and read as no article, is to be asked again, once, as what the list
        says it is (with the date the list prints); while it is on its way, the date is
        kept for it."""
        url, spider = entry.url, self.spider
        if url in self.reasked:
            return False
        if url not in spider.memory.read_as_pages:
            if entry.published_at and url in self.undated:
                self.dates[url] = entry.published_at
            return False
        self.reasked.add(url)
        return url in spider.requested_articles

    def note_asked(self, entry: ListingEntry) -> None:
        """An article asked for as a listing's: not asked twice this run; its listed date
        kept until its page is read."""
        self.spider.requested_articles.add(entry.url)
        if entry.published_at:
            self.dates[entry.url] = entry.published_at
        else:
            self.undated.add(entry.url)

    def listed_at(self, url: str, meta: dict) -> str | None:
        """The date the listing that asked for ``url`` printed beside its link."""
        entry = meta.get("listing_entry")
        day = self.dates.pop(url, None)
        self.undated.discard(url)  # (both hold only pages on their way: memory stays flat)
        return (entry.published_at if entry is not None else None) or day

    def home_in_place(self, role, doc, response, hops):
        """A listing earlier runs walked that answers with the site's home page (a CMS's
        fallback for a list it lost: titled as the home page, none of the articles it
        showed before among its items): its own articles are not shown tonight, so the
        home page's list is not walked in its place (its links are followed); its site's
        listings are read worse than before, and it is walked again next run."""
        spider = self.spider
        if (role.url not in spider.memory.walked_listings or response.meta.get("kind") == "home"
                or not home_titled(doc)):
            return
        before = {url for url, _ in spider.memory.runs.members(role.url)}
        if not before or before & {e.url for e in role.listing.entries}:
            return  # the home page's own later pages, or its list under another address
        role.listing = None
        message = "a listing earlier runs walked answers with the site's home page"
        spider.ledger.note_listing_failed(urlsplit(role.url).netloc, message)
        yield Problem(url=role.url, kind="listing_empty", message=message, fetch=False)
        if hops <= spider.discovery_depth:
            yield from spider.follow_links(doc, role.url, hops)

    def after_repeat(self, doc, listing, host: str) -> tuple[bool, Problem | None]:
        """Whether a listing page paged in its URL has its pager followed, and the problem
        its showing an earlier page's items is."""
        self.note_pages_linked(doc, listing.url)
        earlier = self.repeats(listing)
        if earlier is None:
            return True, None
        if self.inside_pager(listing.url, earlier):
            # A page its pager numbers before the last, showing an earlier page's items: the
            # portal's cache answered for it.  Its own articles are unknown tonight; the
            # pager's other pages are still asked.
            message = (f"listing page {listing.url} repeats {earlier} although its pager "
                       "goes on past it (a stale cache?); walked again next run")
            self.spider.ledger.note_listing_failed(host, message)
            return True, Problem(url=listing.url, kind="pagination", message=message, fetch=False)
        # Its items are an earlier page's, in the same order: a pager that answers any
        # ?page=N with its last page, or page 1 past the end, has no later page.
        self.spider.logger.info("listing page %s repeats an earlier page: its pager is not "
                                "followed", listing.url)
        return False, None

    def note_pages_linked(self, doc, listing_url: str) -> None:
        """The furthest page of its own listing the page ``listing_url`` links (its page
        number, or the offset Joomla's ?start= counts in)."""
        group, furthest = pager_group(listing_url), 0
        for href in page_links(doc):
            if LATER_PAGE.search(href):
                url = canonical_url(href, listing_url)
                if pager_group(url) == group:
                    furthest = max(furthest, page_number(url))
        if furthest:
            self.furthest_page[listing_url] = furthest

    def inside_pager(self, url: str, earlier: str) -> bool:
        """Whether the page ``url``, repeating ``earlier``, is one the page it repeats
        links a page after: no page past the listing's end (a pager answering page 1, or
        its last page, for any number past it, each linking the next, is one)."""
        number = page_number(url)
        return number >= 2 and page_number(earlier) < number < self.furthest_page.get(earlier, 0)

    def postbacks(self, response, doc, listing_url: str, hops: int, category: str | None):
        """An ASP.NET WebForms listing's other pages, asked the only way it offers: its form
        posted back with the pager link's target (``javascript:__doPostBack('...$lnkPage',
        '')``), Scrapy's FormRequest.from_response carrying the view state.  Each page
        number once per listing, as far as GOVNEWS_MAX_LISTING_PAGES allows."""
        if b"__VIEWSTATE" not in response.body:
            return
        limit = self.spider.max_listing_pages or MAX_POSTBACK_PAGES
        for a in doc.iter("a"):
            found = POSTBACK.search(a.get("href") or "")
            number = clean_text(a.text_content())
            if not found or not number.isdigit() or not 1 < int(number) <= limit:
                continue
            key = f"{listing_url}#page={number}"
            if key in self.posted:
                continue
            self.posted.add(key)
            try:
                yield FormRequest.from_response(
                    response, formdata={"__EVENTTARGET": found[1], "__EVENTARGUMENT": found[2]},
                    dont_click=True, dont_filter=True, callback=self.spider.parse_page,
                    errback=self.spider.on_error,
                    meta={"kind": "postback", "depth_hops": hops, "category": category,
                          "postback": f"page={number}"})
            except ValueError:  # no form to post back
                return

    def new_walk(self, listing, category: str | None) -> ListingWalk:
        spider = self.spider
        last = listing.max_page
        if spider.max_listing_pages:
            last = min(last, spider.max_listing_pages)
        size = int(listing.pagination.get("page_size") or len(listing.entries) or 10)
        return ListingWalk(
            listing_url=listing.url, category=category, last=last,
            stop_after=spider.stop_after or size, pagination=listing.pagination,
            max_page=listing.max_page, site=urlsplit(listing.url).netloc,
            partial=bool(spider.max_listing_pages and listing.max_page > last),
            sequential=spider.incremental and listing.url in spider.memory.walked_listings,
            open_ended=listing.pages_open and last == listing.max_page)

    def related_requests(self, article):
        """The articles a stored page names as related that the run has not asked for and
        the archive lacks: some are reached no other way (a pager that only posts back,
        a page the portal's cache repeats).  Not in a sample run (--max-pages) or a probe."""
        spider = self.spider
        if spider.max_listing_pages or spider.probe:
            return
        for link in article.related:
            if spider.same_site(link.url) and spider.wants(link.url) == "new":
                yield spider.article_request(ListingEntry(url=link.url), None, None,
                                             shaped=spider.known_layout(link.url) is None)

    def copy_of(self, role):
        """An article's page whose rel=canonical names the article's own address in the
        crawl (a mobile twin, another category's URL): no second copy is stored; the page is
        recorded as other and the article asked for at that address."""
        spider, there = self.spider, role.copy_of
        role.evidence.append(f"its canonical address is {there}: the article is kept there")
        yield PageKind(url=role.url, kind="other", layout=role.layout_key, evidence=role.evidence)
        if spider.wants(there):
            yield spider.article_request(ListingEntry(url=there), None, None)

    def shown(self, listing_url: str) -> UrlSet:
        """The articles the listing showed this run (on disk, with the run's other URLs)."""
        return listing_shows(self.spider.memory.runs, listing_url)

    def walk_entries(self, walk: ListingWalk, entries):
        spider = self.spider
        archived = spider.memory.archived
        entries = [e for e in entries if spider.same_site(e.url)]
        if entries:
            yield Listed(listing_url=walk.listing_url, category=walk.category,
                         article_urls=[e.url for e in entries])
        seen = self.shown(walk.listing_url)
        edited = []
        for entry in entries:
            seen.add(entry.url)
            if entry.published_at:
                day = entry.published_at[:10]
                oldest = self.oldest.get(walk.listing_url)
                if oldest is None or day < oldest:
                    self.oldest[walk.listing_url] = day
            walk.count(entry.url in archived)
            if spider.wants(entry.url) or self.guessed_wrong(entry):
                yield spider.article_request(entry, walk.listing_url, walk.category)
            elif self.edited(entry):
                edited.append(entry)
        archived_here = sum(1 for e in entries if e.url in archived)
        if len(edited) > max(2, archived_here // 2):
            # Most titles differ: the listing writes titles its own way, not edits.
            spider.logger.info("listing %s shows %d of %d archived titles differently; not "
                               "taken for edits", walk.listing_url, len(edited), archived_here)
            edited = []
        for entry in edited:
            # The listing shows another title than the archive holds: the article was
            # edited; fetch it again, unconditionally.
            spider.logger.info("listing shows an edited article: %s", entry.url)
            request = spider.revisit_request(entry.url, "article", conditional=False)
            request.meta.update(listing_url=walk.listing_url, category=walk.category)
            yield request

    def twin(self, url: str) -> tuple[str, str | None] | None:
        """(address, title) of the archived article that ``url``, an address the archive
        does not hold, names by the id in it: the same article at another category's
        address, or with its slug cut short or written out.  Only where the layout that
        read the archived one takes ``url`` for one of its articles and took that id from
        the archived address too (a WordPress post's id is its page's, not its address's)."""
        article_id = article_id_from_url(url)
        found = self.spider.memory.runs.stored_twin(url, article_id) if article_id else None
        if found is None or article_id_from_url(found[0]) != article_id:
            return None
        layout = layout_of(found[2])
        if layout is None or layout.article_url is None or not layout.article_url(url):
            return None
        return found[0], found[1]

    def twin_request(self, entry: ListingEntry, listing_url: str | None, category: str | None):
        """The archived twin of ``entry`` asked again in its place: the article stays where
        it was first stored, not moved to whichever address was met last (night after night,
        back and forth), as long as that address answers (else ``twin_gone``).  None when
        there is no twin, or the entry shows another title: an edited title moves a
        vnPortal article to a new address, where it is then fetched."""
        twin = self.twin(entry.url)
        if twin is None or differs(entry.title, twin[1]):
            return None
        request = self.spider.revisit_request(twin[0], "recheck")
        request.meta.update(listing_url=listing_url, category=category, twin_of=entry)
        return request

    def twin_gone(self, request):
        """The archived twin asked in a listed address's place no longer answers: the
        listed address is asked for, and the article moves there when stored."""
        entry = request.meta.get("twin_of")
        if entry is not None:
            yield self.spider.article_request(entry, request.meta.get("listing_url"),
                                              request.meta.get("category"), twin=False)

    def edited(self, entry: ListingEntry) -> bool:
        """The listing's title differs from the archived one (leads are left out: listings
        cut and rewrite them too freely to tell an edit)."""
        shown = self.spider.memory.shown
        if entry.url in self.spider.requested_articles or entry.url not in shown:
            return False
        return differs(entry.title, shown[entry.url][0])

    def vanished(self, pages: list[str]) -> list[str]:
        """Archived articles the pages of one listing showed before, as new as what its
        walk covered, that none of them shows now: withdrawn, or moved; a fetch tells
        which.  The pages of a listing paged in its URL are taken together: an article
        that left page 1 for page 2 has not vanished."""
        days = [self.oldest[u] for u in pages if u in self.oldest]
        if not days:
            return []
        oldest, seen = min(days), [self.shown(u) for u in pages]
        out: dict[str, None] = {}
        for page in pages:
            for u, day in self.spider.memory.listing_members(page):
                if (day and day > oldest and u not in self.spider.requested_articles
                        and not any(u in shown for shown in seen)):
                    out[u] = None
        return list(out)

    def vanished_from_paged(self) -> list[str]:
        """``vanished`` of each listing paged in its URL, once all its pages are walked."""
        groups, self.paged = self.paged, {}
        return [u for pages in groups.values() for u in self.vanished(pages)]

    def walk_done(self, walk: ListingWalk, stopped: bool = False):
        if walk.sequential and walk.layout is None:  # paged in its URL: judged at the end
            self.paged.setdefault(LATER_PAGE.sub("", walk.listing_url).rstrip("/"), []).append(
                walk.listing_url)
        elif walk.sequential:
            for url in self.vanished([walk.listing_url]):
                yield self.spider.revisit_request(url, "recheck")
        if walk.partial or walk.listing_url in self.failed:
            return
        self.spider.logger.debug("listing %s walked to page %s%s", walk.listing_url, walk.page,
                                 " (stopped at archived articles)" if stopped else "")
        yield walk.walked()

    def pagination_request(self, walk: ListingWalk, page: int, encoding=None, tried=()):
        """Page ``page`` of a listing paginated by the server, as its layout asks for it.
        A POST may go as a form or as JSON and installs take one or the other: a site's
        first answer decides, and a failure with one encoding is tried once with the
        next before it counts (``retry_encoding``)."""
        spider = self.spider
        layout = layout_of(walk.layout)
        host = urlsplit(walk.listing_url).netloc
        spec = layout.page_request(walk.listing_url, walk.pagination, page,
                                   encoding or self.encoding_for.get(host), spider.settings)
        meta = {"kind": "pagination", "walk": walk.at(page),
                "listing_url": walk.listing_url, "page": page, "encoding": spec.encoding,
                "tried": tuple(tried) + (spec.encoding,)}
        if spec.method == "GET":
            return scrapy.Request(spec.url, callback=spider.parse_fragment,
                                  errback=spider.on_error, meta=meta)
        if spec.encoding == "json":
            return JsonRequest(spec.url, data=spec.fields, callback=spider.parse_fragment,
                               errback=spider.on_error, meta=meta)
        return FormRequest(spec.url, formdata=spec.fields, callback=spider.parse_fragment,
                           errback=spider.on_error, meta=meta)

    def parse_fragment(self, response):
        """A page of a listing its layout pages by a request of its own."""
        spider = self.spider
        walk: ListingWalk = response.meta["walk"]
        layout = layout_of(walk.layout)
        entries = [e for e in layout.page_entries(response.text, walk.listing_url)
                   if spider.is_article(e.url)]
        if walk.beyond and (not entries or all(e.url in self.shown(walk.listing_url)
                                                for e in entries)):
            # Past the pages its pager showed: nothing new is the listing's end.
            yield from self.walk_done(walk.at(walk.page - 1)) if walk.sequential else \
                self.page_finished(walk)
            return
        if not entries:
            retry = self.retry_encoding(response.request)
            if retry is not None:
                yield retry
                return
            self.failed.add(walk.listing_url)
            message = f"page {walk.page} of {walk.max_page} came back with no articles"
            spider.ledger.note_listing_failed(walk.site, message)
            yield Problem(url=walk.listing_url, kind="pagination", message=message)
            yield from self.page_finished(walk)
            return
        if response.meta.get("encoding"):
            self.encoding_for.setdefault(urlsplit(walk.listing_url).netloc,
                                         response.meta["encoding"])
        seen = self.shown(walk.listing_url)
        if all(e.url in seen for e in entries):
            # Every item was on an earlier page of this walk: the portal answered a cached
            # page (seen: page 1 again for every page).  What the real page holds is
            # unknown, so the walk is not complete and the next run walks it again.
            self.failed.add(walk.listing_url)
            message = (f"page {walk.page} of {walk.max_page} repeats articles of earlier "
                       "pages (a stale cache?); walked again next run")
            self.spider.ledger.note_listing_failed(walk.site, message)
            yield Problem(url=walk.listing_url, kind="pagination", message=message)
            yield from (self.walk_done(walk) if walk.sequential else self.page_finished(walk))
            return
        yield from self.walk_entries(walk, entries)
        if (walk.open_ended and walk.page == walk.last and not walk.should_stop()
                and len(entries) >= int(walk.pagination.get("page_size") or len(entries) + 1)):
            # A full last page of a pager that shows only its first pages: one more.
            walk.last = walk.max_page = walk.page + 1
            if walk.listing_url in self.pending_pages:
                self.pending_pages[walk.listing_url] += 1
            yield self.pagination_request(replace(walk, beyond=True), walk.page + 1)
            if walk.sequential:
                return
        if not walk.sequential:
            yield from self.page_finished(walk)
        elif walk.page < walk.last and not walk.should_stop():
            yield self.pagination_request(walk, walk.page + 1)
        else:
            yield from self.walk_done(walk, stopped=walk.page < walk.last)

    def page_finished(self, walk: ListingWalk):
        """One of a full walk's POST pages is answered (or failed): the page a window
        further is asked for (the request carries what that takes, so a resumed crawl
        goes on too), and the walk is done with its last page."""
        url = walk.listing_url
        if walk.page + FULL_WALK_WINDOW <= walk.last:
            yield self.pagination_request(walk, walk.page + FULL_WALK_WINDOW)
        if url not in self.pending_pages:
            return
        self.pending_pages[url] -= 1
        if self.pending_pages[url] <= 0:
            del self.pending_pages[url]
            yield from self.walk_done(walk.at(walk.last))

    def retry_encoding(self, request):
        """The same page in the encoding this site was seen to take, or else in the
        layout's next one, if not tried yet; else None."""
        walk: ListingWalk = request.meta["walk"]
        host = urlsplit(walk.listing_url).netloc
        layout = layout_of(walk.layout)
        tried = request.meta.get("tried", ())
        untried = [e for e in (layout.page_encodings if layout else ()) if e not in tried]
        if host in self.encoding_for:
            # Another page answered meanwhile: this one goes as that one did, if not yet.
            untried = [e for e in untried if e == self.encoding_for[host]]
        if not untried:
            return None
        self.spider.logger.info("%s: a page of %s failed as %s; trying %s", host,
                                walk.listing_url, request.meta.get("encoding"), untried[0])
        return self.pagination_request(walk, walk.page, untried[0], tried)

    def retry_after(self, failure):
        """A page of a walk that could not be fetched, asked again in the other encoding
        when the endpoint refused it as sent; else None."""
        if not failure.check(HttpError):
            # A transport failure says nothing about encodings.
            return None
        # The endpoint refused the request as sent (an install that takes only JSON
        # answers a form with a 500): the other encoding may be what it wants.
        return self.retry_encoding(failure.request)

    def page_failed(self, walk: ListingWalk):
        """A page of the walk failed for good: the walk is walked again next run."""
        self.failed.add(walk.listing_url)
        yield from self.page_finished(walk)
