"""What the spider tells the pipeline besides records: plain dicts with a type, so the
pipeline tells them apart.  The records themselves are ``crawler.kernel.record``'s."""

from __future__ import annotations


class Problem(dict):
    """Something the run should record: {url, kind, message}; ``fetch`` when a fetch
    failed; ``pending`` ({site, listing_url, category, gone}) when it is an article a
    listing showed that is not stored yet, to be fetched again by a later run."""


class PageKind(dict):
    """A fetched page that is no article: {url, kind, layout, evidence} with kind "hub",
    "listing" or "other"."""


class Probed(dict):
    """A page's verdict for ``govnews probe``: {url, reached_as, role, layout, evidence,
    record, listing, problems}; only when GOVNEWS_PROBE is set."""


class ListingWalked(dict):
    """A listing walked to its end or to the incremental stop: {listing_url, site, pages}."""


class NotModified(dict):
    """An archived article that answered 304 to a conditional GET: {url}."""


class Listed(dict):
    """Which articles one listing page showed: {listing_url, category, article_urls}."""


class FileNotModified(dict):
    """An archived file that answered 304 to a conditional GET: {url}."""
