"""The sites of a run: their start URLs, the family their subsites belong to, and how
each fared (the pages it answered, the first failure it gave, the articles and listings
found on it); from these, which sites failed (nothing answered, or nothing found) and the
rows of the archive's ``site_runs``."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy

from crawler.failures import browser_check, gateway_reason
from crawler.items import Problem
from crawler.kernel.text import canonical_url, clean_text
from crawler.parsers.links import LATER_PAGE
from crawler.parsers.roles import page_tail

# Links that lead to no page.
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:")


def normalise_site(site: str) -> str:
    site = clean_text(site)
    if "://" not in site:
        site = "https://" + site
    parts = urlsplit(site)
    # the query too: a start page may be a script's ("tintuc.asp?MaCM=5", Joomla's
    # "index.php?option=com_content&view=category&id=12"); only a fragment is no address
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{parts.netloc}{parts.path or '/'}{query}"


def family_domains(start_hosts, extra=()) -> set[str]:
    """The domains whose hosts are one family: each start site's host without "www."
    (www.nghean.gov.vn -> nghean.gov.vn: every *.nghean.gov.vn), and any listed."""
    domains = {h.split(":")[0].lower().removeprefix("www.") for h in start_hosts}
    return {d for d in domains | {e.lower().lstrip(".") for e in extra} if d}


def in_family(hostname: str, domains) -> bool:
    hostname = hostname.lower()
    return any(hostname == d or hostname.endswith("." + d) for d in domains)


class SiteHosts:
    """The hosts a crawl may fetch from, for the portal spider: a redirect stays within
    them, and a start site's home page (and the pages its menus lead to) adds the family's
    subsites it links to."""

    def note_failed(self, request, url: str, message: str) -> None:
        """A page that could not be fetched or read: a listing's (a walk's page, a later
        page its pager links, or one earlier runs walked) makes its site's listings unread
        tonight, an article's its articles."""
        host = urlsplit(request.url).netloc
        if request.meta.get("walk") is not None or url in self.memory.walked_listings or (
                request.meta.get("kind") == "page" and LATER_PAGE.search(url)):
            self.ledger.note_listing_failed(host, message)
        elif request.meta.get("kind") in ("article", "recheck", "refresh"):
            self.ledger.note_article_failed(host, message)
        elif request.meta.get("kind") == "home":  # its lists are found from it
            self.ledger.home_failed.setdefault(host, message)

    def redirect_refusal(self, origin: str, target: str, meta: dict) -> str | None:
        """Why a redirect from ``origin`` to ``target`` is not followed, or None.

        Only within a site: a start page that redirects to its www. twin (or back) makes
        that host the site's; any other host is another site.  A file may move to any
        host files are fetched from."""
        source, dest = urlsplit(origin).netloc.lower(), urlsplit(target).netloc.lower()
        if dest == source or dest in self.hosts:
            return None
        if meta.get("kind") == "file" and self.file_fetcher.host_allowed(target, None):
            # A file host handing the file over to another of the family's file hosts.
            return None
        if meta.get("kind") == "home" and dest.removeprefix("www.") == source.removeprefix("www."):
            self.hosts.add(dest)
            self.ledger.answered.setdefault(dest, 0)
            return None
        if meta.get("subsite") and self._family_site(urlsplit(target).hostname or ""):
            # A subsite's old name answering with its new one (stnmt -> sotnmt): followed,
            # and the site is the one it answers as (same_site).
            self.hosts.add(dest)
            return None
        return f"another site than {source}"

    def _family_site(self, name: str) -> bool:
        """Whether a host name is a site of the family's (not a file host, not one
        excluded, not a mail or sign-in service)."""
        return bool(name) and in_family(name, self.family_domains) and not (
            name in self.file_fetcher.hosts or name in self.excluded_hosts
            or name.split(".", 1)[0] in NO_SITE_HOSTS)

    def family_links(self, response, doc, url: str):
        """With --subsites: the subsites a start site's home page, or another page of it
        a menu leads to ("Hệ thống cổng thành phần", "Liên kết website"), links to; and a
        subsite whose home page answered as another host (its old name, a twin, a page
        of the portal it was merged into) is that host, not a site of its own."""
        kind, host = response.meta.get("kind"), urlsplit(url).netloc
        if kind == "home" and response.meta.get("subsite"):
            asked = urlsplit((response.meta.get("redirect_urls") or [url])[0]).netloc
            if asked != host:
                self._answered_as(asked, host)
        elif (kind == "home" or (kind == "page" and response.meta.get("depth_hops", 0) <= 1)
              ) and host not in self.subsite_hosts:
            yield from self.discover_subsites(doc, url)
            if kind == "home":  # a subsite no page links now is still a site of the family
                scheme = urlsplit(url).scheme
                yield from self.subsites_named(
                    [f"{scheme}://{h}/" for h in sorted(self.memory.subsites)], url,
                    "crawled by earlier runs; no page read so far links it")

    def _answered_as(self, asked: str, host: str) -> None:
        self.logger.info("subsite %s answers as %s: one site", asked, host)
        self.subsite_hosts.discard(asked)
        self.ledger.answered.pop(asked, None)
        if host not in self.subsite_hosts and not any(
                urlsplit(s).netloc == host for s in self.sites):
            self.subsite_hosts.add(host)  # its answer is counted already (note_answer)
            self.remember({host})

    def learn_tail(self, response, doc, host: str) -> Problem | None:
        """Learn the last words every complete page of ``host`` ends with (its footer's:
        roles.page_tail) from its start page; or, when that ends mid-text or mid-tag
        without its </html> (cut short in transit: said, and its site is degraded, its
        links followed as far as they went), from the first page that came whole."""
        body = response.body
        complete = b"</html" in body[-4096:].lower()
        if response.meta.get("kind") != "home":
            if complete and host in self.cut_homes and host not in self.site_tail:
                self.cut_homes.discard(host)
                self.site_tail[host] = page_tail(doc)
            return None
        if complete or body.rstrip().endswith(b">"):  # a whole page may leave </html> out
            self.site_tail.setdefault(host, page_tail(doc))
            return None
        self.cut_homes.add(host)
        message = ("the start page ends mid-text without its </html>: cut short in transit; "
                   "its links were followed as far as they went")
        self.ledger.note_listing_failed(host, message)
        return Problem(url=canonical_url(response.url), kind="truncated", message=message,
                       fetch=False)

    def discover_subsites(self, doc, page_url: str):
        """The family's other sites a start site's home page links to (menus, footers,
        the "Liên kết website" select): each is crawled as a site of its own, from its
        home page, with its own incremental state; file hosts are not sites."""
        yield from self.subsites_named(doc.xpath("//a/@href | //option/@value | //area/@href"),
                                       page_url)

    def subsites_named(self, hrefs, page_url: str, how: str = "linked from {}"):
        """The requests for the home pages of the family's sites ``hrefs`` name that the
        crawl does not know yet (discover_subsites); ``how`` it came to know them."""
        for href in hrefs:
            href = (href or "").strip()
            if (not href or href.startswith(SKIP_SCHEMES)
                    or not ("://" in href or href.startswith("//"))):
                continue
            parts = urlsplit(canonical_url(href, page_url))
            host, name = parts.netloc, (parts.hostname or "")
            if (parts.scheme not in ("http", "https") or host in self.hosts
                    or parts.path.lower().endswith(FILE_PATHS) or not self._family_site(name)):
                continue  # a file's link names its host, not a site
            self.hosts.add(host)
            self.subsite_hosts.add(host)
            self.ledger.answered.setdefault(host, 0)
            self.remember({host})  # what earlier runs know of the subsite
            site = f"{parts.scheme}://{host}/"
            self.logger.info("subsite found: %s (%s)", site, how.format(page_url))
            yield scrapy.Request(site, callback=self.parse_page, errback=self.on_error,
                                 meta={"kind": "home", "depth_hops": 0, "subsite": True})
            yield from self.left_over(host)


# The first label of hosts that serve no news: mail, sign-in and file services.
NO_SITE_HOSTS = {"mail", "webmail", "email", "sso", "login", "dangnhap", "ftp", "datafiles",
                 "static", "cdn", "files", "upload", "uploads"}
# Links to files (documents, pictures, media, scripts): their host is no site for that.
FILE_PATHS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar",
              ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".mp4", ".mp3", ".css", ".js")


# A password field: the page is a login form (a site's own pages, behind a redirect to it).
_PASSWORD = re.compile(rb"""<input\b[^>]*\btype\s*=\s*["']?password\b""", re.IGNORECASE)


# Archived articles fetched again that are no article now, on a site of which no page read
# as one: this many is no chance.
MIN_REFUSED = 3
# A site some of whose article pages failed is degraded when they are this share or more
# of the article pages it was asked for: one error page in a site of twenty is news to its
# archivist, one in five thousand a night's noise the next run asks again.
ARTICLES_FAILED_SHARE = 0.01


class SiteLedger:
    """Per host: answers that were pages (not errors), the first failure seen, article
    pages kept and listings found, so that a site of which nothing could be fetched, or
    on which nothing was found, is named with its reason."""

    def __init__(self):
        self.answered: dict[str, int] = {}
        self.first_failure: dict[str, str] = {}
        self.fresh_pages: dict[str, int] = {}
        self.listings_found: dict[str, int] = {}
        # archived articles fetched again (canaries) that are no article now
        self.refused: dict[str, int] = {}
        # pages a listing linked as articles that read as none
        self.unread: dict[str, int] = {}
        # article addresses that answered as withdrawn (404, a redirect home, "không tồn
        # tại"), archived or not
        self.withdrawn: dict[str, int] = {}
        # archived articles that answered 304 Not Modified: there, as they were
        self.unchanged: dict[str, int] = {}
        # host -> (listings read in earlier runs, or later pages of a listing, that failed
        # now; the first reason)
        self.lists_failed: dict[str, tuple[int, str]] = {}
        # host -> (article pages that could not be fetched, after retries; the first reason)
        self.articles_failed: dict[str, tuple[int, str]] = {}
        # host -> why its home page could not be fetched (its other pages may answer)
        self.home_failed: dict[str, str] = {}
        # host -> what stands in front of its pages, by its first answer: a browser check,
        # or a login form its start page redirects to
        self.gates: dict[str, str] = {}

    def note_answer(self, response) -> None:
        host = urlsplit(response.url).netloc
        if not self.answered.get(host):  # its first page: the site's, or a gate's?
            check = browser_check(response.body)
            if check:
                self.gates[host] = gateway_reason(check)
            elif response.meta.get("redirect_urls") and _PASSWORD.search(response.body[:65536]):
                self.gates[host] = (f"a login form ({response.url}), not with public pages: "
                                    "govnews archives what anyone can read")
        self.answered[host] = self.answered.get(host, 0) + 1

    def note_article(self, site: str) -> None:
        self.fresh_pages[site] = self.fresh_pages.get(site, 0) + 1

    def note_refused(self, host: str) -> None:
        self.refused[host] = self.refused.get(host, 0) + 1

    def note_withdrawn(self, host: str) -> None:
        self.withdrawn[host] = self.withdrawn.get(host, 0) + 1

    def note_unchanged(self, host: str) -> None:
        self.unchanged[host] = self.unchanged.get(host, 0) + 1

    def not_itself(self, host: str) -> bool:
        """Whether every article address of ``host`` asked this run answered as withdrawn,
        MIN_REFUSED of them or more: none read as an article, none answered unchanged."""
        return (self.withdrawn.get(host, 0) >= MIN_REFUSED and not self.fresh_pages.get(host)
                and not self.unchanged.get(host))

    def note_unread(self, host: str) -> None:
        self.unread[host] = self.unread.get(host, 0) + 1

    def note_listing_failed(self, host: str, message: str) -> None:
        count, first = self.lists_failed.get(host, (0, message))
        self.lists_failed[host] = (count + 1, first)

    def note_article_failed(self, host: str, message: str) -> None:
        count, first = self.articles_failed.get(host, (0, message))
        self.articles_failed[host] = (count + 1, first)

    def note_listing(self, host: str) -> None:
        self.listings_found[host] = self.listings_found.get(host, 0) + 1

    def failed(self, sites) -> list[dict]:
        """The sites of which no page could be fetched, with the first reason seen, and
        those on which nothing was found."""
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
                gate = next((self.gates[h] for h in hosts if h in self.gates), None)
                reason = (f"{host} answers with {gate}" if gate else
                          f"found no listing and no article on {host}: its pages match no "
                          f"known layout; run `govnews probe {site}`")
                failed.append({"site": site, "kind": "nothing_found", "reason": reason})
            elif (sum(self.unread.get(h, 0) for h in hosts) >= MIN_REFUSED
                  and not any(self.fresh_pages.get(h) for h in hosts)):
                # Its listings were read, but none of the pages they link read as an
                # article: a layout no reader knows, and nothing archived.
                unread = sum(self.unread.get(h, 0) for h in hosts)
                failed.append({"site": site, "kind": "nothing_found", "reason": (
                    f"the listings of {host} linked {unread} pages as articles and none read "
                    f"as one: nothing was archived; run `govnews probe {site}`")})
        return failed

    def report(self, sites, subsite_hosts, site_layout, listed_count) -> list[dict]:
        """Per site of ``sites``: its layout, what answered, and whether it failed;
        ``listed_count(host)``: how many articles the walks of its listings showed."""
        failed = {f["site"]: f["reason"] for f in self.failed(sites)}
        rows = []
        for site in sites:
            host = urlsplit(site).netloc
            status = "failing" if site in failed else "ok"
            refused, reason = self.refused.get(host, 0), failed.get(site)
            if status == "ok" and refused >= MIN_REFUSED and not self.fresh_pages.get(host):
                # Its home page answers, but the addresses of articles it served before
                # answer other pages: a broken rewrite rule, a page in the article's place.
                status, reason = "degraded", (
                    f"{refused} archived articles fetched again are no articles now and no "
                    f"page of {host} read as one: its articles' addresses answer other pages")
            if status == "ok" and self.not_itself(host):
                status, reason = "degraded", (
                    f"{self.withdrawn[host]} article addresses of {host} answered as withdrawn "
                    "(HTTP 404, a redirect to the home page, a 'no such article' page) and no "
                    "page read as an article: the site is not itself; nothing was marked gone")
            what = "articles"
            if status == "ok" and host in self.lists_failed:
                # It answers, but a listing it had could not be read: the articles new
                # there were not looked for.
                count, first = self.lists_failed[host]
                status, what, reason = "degraded", "listings", (
                    f"{count} of its listings or their later pages could not be read "
                    f"({first}): the articles new there were not looked for; walked again "
                    f"next run")
            if status == "ok" and host in self.home_failed:
                status, what, reason = "degraded", "fetches", (
                    f"its home page could not be fetched ({self.home_failed[host]}): its "
                    "lists were not read, only its pages other sites link; asked again next run")
            failed_here, why = self.articles_failed.get(host, (0, None))
            if status == "ok" and failed_here and failed_here >= ARTICLES_FAILED_SHARE * (
                    failed_here + self.fresh_pages.get(host, 0)):
                # It answers, but some of its articles could not be fetched (an error page,
                # a cut answer, no answer): not archived tonight, asked again next run.
                status, what, reason = "degraded", "fetches", (
                    f"{failed_here} of its article pages could not be fetched ({why}): "
                    "kept pending, asked again next run")
            rows.append({"site": host, "start": host not in subsite_hosts, "what": what,
                         "layout": site_layout.get(host), "listed": listed_count(host),
                         "pages": self.answered.get(host, 0),
                         "articles": self.fresh_pages.get(host, 0),
                         "status": status, "reason": reason})
        return rows
