"""``govnews probe``: what a crawl would make of a site, before a nightly job is pointed at it.

The crawl's own spider runs with the crawl's settings (robots.txt, politeness, retries),
but with ``GOVNEWS_PROBE`` set, no archive (nothing is read or written) and no files; this
pipeline takes the verdict the spider gives each page (``Probed``) instead of storing
anything, and ends the run once the start page and ``pages`` more have been judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.items import Probed, Problem
from crawler.kernel.record import Article, Document, Listing


@dataclass
class ProbeReport:
    pages: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)

    def count(self, role: str) -> int:
        return sum(1 for p in self.pages if p["role"] == role)

    @property
    def listings(self) -> list[dict]:
        return [p for p in self.pages if p.get("listing")]

    @property
    def ok(self) -> bool:
        """A crawl of the site would archive something: a listing and an article found."""
        return bool(self.count("article") and self.listings)

    def verdict(self, site: str) -> str:
        if self.ok:
            return (f"ok: {self.count('article')} articles and {len(self.listings)} listings "
                    f"found on {site}")
        missing = " and ".join(x for x, n in (("no listing", len(self.listings)),
                                               ("no article", self.count("article"))) if not n)
        if not self.pages:
            return f"no page of {site} could be read" + (
                f": {self.problems[0]['message']}" if self.problems else "")
        return (f"found {missing} on {site} in {len(self.pages)} pages: a crawl would archive "
                "too little; see each page's evidence above")


def page_summary(item: Probed) -> dict:
    """What ``probe`` prints of one page, as plain data (``--format json`` too)."""
    out = {"url": item["url"], "reached_as": item["reached_as"], "role": item["role"],
           "layout": item["layout"], "evidence": item["evidence"],
           "problems": [{"kind": k, "message": m} for k, m in item["problems"]]}
    record = item["record"]
    if isinstance(record, Article):
        words = (record.summary or "").split()
        out["fields"] = {
            "title": record.title, "published_at": record.published_at,
            "author": record.author, "source": record.source,
            "lead": " ".join(words[:12]) + (" …" if len(words) > 12 else "") if words else None,
            "body_chars": len(record.body or ""), "category": record.category,
            "article_id": record.article_id, "images": len(record.images),
            "attachments": len(record.attachments)}
    elif isinstance(record, Document):
        out["fields"] = {"number": record.number, "title": record.title, "kind": record.kind,
                         "issued": record.issued, "files": len(record.files)}
    listing: Listing | None = item["listing"]
    if listing is not None:
        out["listing"] = {"entries": len(listing.entries), "category": listing.category,
                          "layout": listing.layout, "pagination": paging(listing)}
    return out


def paging(listing: Listing) -> str:
    """How a listing's further pages are asked for, in words."""
    if listing.pagination and listing.max_page > 1:
        return (f"{listing.max_page} pages, pages 2+ by the layout's own request "
                f"({listing.layout}; parameters: {', '.join(sorted(listing.pagination))})")
    if listing.pager_links:
        return f"paged in its URL: {', '.join(listing.pager_links[:3])}"
    if listing.max_page > 1:
        return f"{listing.max_page} pages"
    return "one page (or pager links the layout follows as pages)"


class ProbePipeline:
    """Collects the spider's verdicts; stores nothing."""

    def __init__(self, crawler, limit: int):
        self.crawler = crawler
        self.limit = limit
        self.report = ProbeReport()
        crawler.govnews_probe = self.report

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getint("GOVNEWS_PROBE_PAGES", 20))

    def process_item(self, item):
        if isinstance(item, Probed):
            if len(self.report.pages) <= self.limit:
                self.report.pages.append(page_summary(item))
            if len(self.report.pages) == self.limit + 1:
                self.stop()
        elif isinstance(item, Problem):
            self.report.problems.append({"url": item["url"], "kind": item["kind"],
                                         "message": item["message"]})
        return item

    def stop(self) -> None:
        engine = self.crawler.engine
        close = getattr(engine, "close_spider_async", None)
        if close is not None:  # Scrapy 2.14+
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(close(reason="probe_done"))
        else:
            engine.close_spider(self.crawler.spider, "probe_done")
