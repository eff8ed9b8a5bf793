"""The files the pages link (images, attachments, documents' files): which are fetched,
from where, within what size and budget, and what their answers yield.

Each URL is fetched once, from the page's own site, the family's sites or the file hosts
the portal uses (``GOVNEWS_FILE_HOSTS``), never from anywhere else; a file that is
archived is asked again (conditionally) only with a refresh, one given up on never.
Requests go after the pages, so that a file never holds up the articles that link it.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import scrapy

from crawler.items import FileNotModified, Problem
from crawler.kernel.record import FileFetched
from crawler.kernel.text import canonical_url
from crawler.spiders.sites import in_family


class FileFetcher:
    """The run's file requests, for one spider: its sites, its callbacks, its logger."""

    def __init__(self, spider, settings):
        self.spider = spider
        self.enabled = settings.getbool("GOVNEWS_FILES", True)
        self.max_bytes = settings.getint("GOVNEWS_FILE_MAX_BYTES", 50 * 1024 * 1024)
        self.budget = settings.getint("GOVNEWS_FILE_BUDGET_BYTES", 0)
        self.spent = 0  # bytes fetched this run
        # url -> (state, ETag, Last-Modified) of the files the archive knows: a view of
        # the disk, which each site's memory read adds to (CrawlMemory.merge).
        self.known = spider.memory.runs.files
        self.due: list[str] = []  # met by earlier runs, not archived, due again
        self.requested = spider.memory.requested_files  # on disk, as the pages' URLs
        self.budget_spent = False
        self.hosts = {h.lower() for h in settings.getlist("GOVNEWS_FILE_HOSTS")}

    def merge(self, state: dict) -> None:
        """Add the files ``CrawlMemory.merge`` read for more hosts."""
        self.due.extend(u for u in state.get("files_due", []) if u not in self.requested)

    def host_allowed(self, url: str, page_url: str | None) -> bool:
        """Files are fetched from the page's own site, the family's sites and the file
        hosts the portal uses (GOVNEWS_FILE_HOSTS), never from anywhere else."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        host, name = parts.netloc, parts.hostname.lower()
        if page_url and host == urlsplit(page_url).netloc:
            return True
        return (host in self.spider.hosts or name in self.hosts
                or in_family(name, self.spider.family_domains))

    def requests(self, urls, page_url: str):
        for url in urls:
            request = self.request(url, page_url)
            if request is not None:
                yield request

    def due_requests(self):
        """Files earlier runs met but did not archive (failed, over the budget, or run
        with --no-files), tried again when due."""
        due, self.due = self.due, []
        if due and self.enabled:
            self.spider.logger.info("fetching %d files earlier runs did not archive", len(due))
        for url in due:
            request = self.request(url, None)
            if request is not None:
                yield request

    def archived_requests(self) -> list:
        """The archived files, asked again conditionally (a refresh)."""
        requests = []
        for url, (state, _etag, _modified) in self.known.items_by_url():
            request = self.request(url, None) if state == "archived" else None
            if request is not None:
                requests.append(request)
        return requests

    def request(self, url: str, page_url: str | None):
        """A request for a linked file, or None when it is not to be fetched this run:
        files are off (--no-files), it was asked already, it is archived (asked again,
        conditionally, only with a refresh), it was given up, the run's byte budget is
        spent, or its host is not one files are fetched from."""
        spider = self.spider
        if not self.enabled or url in self.requested:
            return None
        if not self.host_allowed(url, page_url):
            spider.logger.debug("file not fetched (another host): %s", url)
            return None
        state, etag, modified = self.known.get(url, (None, None, None))
        if state == "gave_up":
            return None
        headers = {}
        if state == "archived":
            if not (spider.refresh_all or spider.refresh_before):
                return None
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        if self.budget and self.spent >= self.budget:
            if not self.budget_spent:
                self.budget_spent = True
                spider.logger.warning("the run's file budget (%d bytes) is spent: the other "
                                      "files wait for the next run", self.budget)
            return None
        self.requested.add(url)
        # After the pages: a file never holds up the articles that link it.
        return scrapy.Request(url, callback=spider.parse_file, errback=spider.on_error,
                              priority=-10, headers=headers,
                              meta={"kind": "file", "download_maxsize": self.max_bytes,
                                    "handle_httpstatus_list": [304],
                                    "depth_hops": spider.discovery_depth + 1})

    def parse(self, response):
        """What a file's answer yields: the file, its 304, or the page a link answered."""
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
        self.spent += len(body)
        yield FileFetched(url=url, status=response.status,
                          sha256=hashlib.sha256(body).hexdigest(),
                          content_type=content_type, bytes=len(body))
