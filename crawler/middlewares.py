"""Downloader middlewares: how requests are retried, redirected and checked against
robots.txt, where Scrapy's defaults do not fit an archive.

- Retries with exponential backoff: Scrapy's RetryMiddleware re-queues a failed request at
  once; against an overloaded portal that only adds load.  This subclass waits
  base * 2**(n-1) seconds (capped) before handing the retry back, without blocking other
  requests.
- Redirects followed on the same site only, loops named as loops.
- robots.txt that answers 5xx (or nothing) disallows everything, as RFC 9309 says.
- A page labelled gzip but sent plain is read as the plain page it is.
"""

from __future__ import annotations

import asyncio
import logging
import re

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.httpobj import urlparse_cached

from crawler.failures import (
    COMPRESSION_ERRORS,
    OffsiteRedirect,
    RedirectLoop,
    RedirectRefused,
    RobotsForbidden,
    RobotsUnavailable,
    robots_message,
)
from crawler.kernel.text import canonical_url


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("GOVNEWS_RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("GOVNEWS_RETRY_BACKOFF_MAX", 60.0)

    def _delay(self, request) -> float:
        tries = request.meta.get("retry_times", 0)
        return min(self.backoff_max, self.backoff_base * (2 ** max(tries - 1, 0)))

    async def _wait(self, result, request):
        if result is not request and getattr(result, "meta", {}).get("retry_times"):
            delay = self._delay(result)
            if delay > 0:
                await asyncio.sleep(delay)
        return result

    async def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        return await self._wait(result, request)

    async def process_exception(self, request, exception, spider=None):
        result = super().process_exception(request, exception)
        if result is None:
            return None
        return await self._wait(result, request)


# --- redirects ----------------------------------------------------------------------

def _same_page(a: str, b: str) -> bool:
    return canonical_url(a) == canonical_url(b)


class SameSiteRedirectMixin:
    """Redirects are followed on the same site only, and never in circles (but once back
    to where a cookie was just set: a cookie check).

    A page that redirects to another host is not that host's article (a portal that
    moved, a parked domain, a captive portal), so it is refused and recorded rather than
    stored under the other host's name; the spider decides what "the same site" is
    (``spider.redirect_refusal``).  A loop is refused as soon as a URL comes round again,
    instead of after REDIRECT_MAX_TIMES hops, and the give-up after too many hops is named
    too: Scrapy's own IgnoreRequest would make both look like a robots.txt refusal.
    """

    # Whether the answer being redirected set a cookie (process_response notes it for
    # _redirect, which Scrapy calls from it without the answer).
    _sets_cookie = False

    def process_response(self, request, response, spider=None):
        self._sets_cookie = bool(response.headers.getlist("Set-Cookie"))
        return super().process_response(request, response)

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        spider = self.crawler.spider
        refusal = getattr(spider, "redirect_refusal", None)
        why = refusal(chain[0], redirected.url, request.meta) if refusal else None
        if why:
            raise OffsiteRedirect(f"redirects to {redirected.url} ({why}); not followed",
                                  redirected.url)
        seen = sum(1 for url in chain if _same_page(redirected.url, url))
        # Back to a page of the chain with a cookie just set: a cookie check (a session's,
        # an anti-bot gateway's) that a browser passes on its second visit; followed once.
        if seen and not (seen == 1 and self._sets_cookie):
            raise RedirectLoop(f"redirects in a loop ({' -> '.join(chain)} -> {redirected.url})",
                               redirected.url)
        try:
            followed = super()._redirect(redirected, request, reason)
        except RedirectRefused:
            raise
        except IgnoreRequest:
            raise RedirectLoop(f"more than {self.max_redirect_times} redirects "
                               f"({chain[0]} -> ... -> {redirected.url})", redirected.url) from None
        # A redirect to a page already fetched (an article sent to the home page) would be
        # dropped by the dupefilter without a word, and the article with it; the loop
        # check above is what keeps redirects from going round.
        followed.dont_filter = True
        return followed


class SameSiteRedirectMiddleware(SameSiteRedirectMixin, RedirectMiddleware):
    pass


# A page that is only a script sending the browser on ("<script>window.location.href =
# "/portal/home";</script>", "location.replace('/trang-chu')"): a meta refresh in script.
_SCRIPT_REDIRECT = re.compile(
    r"""(?:(?:window|document|top|self)\.)?location(?:\.href)?\s*=\s*['"]([^'"]+)['"]"""
    r"""|location\.(?:replace|assign)\(\s*['"]([^'"]+)['"]\s*\)""")
# Such a page is small and says nothing itself: no link, hardly a word outside its scripts.
SCRIPT_REDIRECT_BYTES = 8192
SCRIPT_REDIRECT_WORDS = 30


def script_redirect(body: bytes) -> str | None:
    """Where a page that is only a redirecting script sends the browser, else None.  (A
    browser would run it; no library reads such a page without one, and a regex over a
    page of a few hundred bytes is enough to tell.)"""
    if len(body) > SCRIPT_REDIRECT_BYTES:
        return None
    text = body.decode("utf-8", "replace")
    if re.search(r"<a\s[^>]*href", text, re.IGNORECASE):
        return None
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", text, re.IGNORECASE | re.DOTALL)
    found = next((m for code in scripts for m in [_SCRIPT_REDIRECT.search(code)] if m), None)
    if found is None:
        return None
    rest = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", text,
                  flags=re.IGNORECASE | re.DOTALL)
    return (found.group(1) or found.group(2)) if len(rest.split()) <= SCRIPT_REDIRECT_WORDS else None


class SameSiteMetaRefreshMiddleware(SameSiteRedirectMixin, MetaRefreshMiddleware):
    """Meta refreshes, and pages that are only a redirecting script, followed on the site."""

    def process_response(self, request, response, spider=None):
        answer = super().process_response(request, response, spider)
        if answer is not response or request.meta.get("dont_redirect") or response.status != 200:
            return answer
        target = script_redirect(response.body) if isinstance(response, HtmlResponse) else None
        if not target or target.startswith(("javascript:", "#")):
            return answer
        redirected = self._redirect_request_using_get(request, response, response.urljoin(target))
        if urlparse_cached(redirected).scheme not in ("http", "https"):
            return answer
        return self._redirect(redirected, request, "a page that is only a redirecting script")


# --- robots.txt ---------------------------------------------------------------------

class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """robots.txt read as RFC 9309 section 2.3.1 says.

    Scrapy parses whatever body comes back, so a 503 error page (or no answer at all)
    counts as "allow everything".  Here a 5xx answer, or none, means "disallow
    everything" for the rest of the run, and each request it stops fails with
    ``RobotsUnavailable`` naming the reason, so the run reports the site instead of
    crawling paths it was asked not to.  A 4xx answer means there are no rules.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self.unavailable: dict[str, str] = {}
        # Scrapy logs a failed robots.txt download with a traceback, under the name of the
        # page that asked for it; the spider records the failure in one sentence instead.
        logging.getLogger(RobotsTxtMiddleware.__module__).addFilter(_no_download_errors)

    async def _parse_robots(self, response, netloc, request):
        if response.status >= 500:
            self.unavailable[netloc] = (f"robots.txt answered HTTP {response.status}; that means "
                                        "disallow everything until it answers (RFC 9309)")
            response = response.replace(body=b"User-agent: *\nDisallow: /\n")
        elif response.status >= 400:
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc, netloc):
        if not isinstance(exc, IgnoreRequest):
            self.unavailable[netloc] = robots_message(exc, netloc)
        super()._robots_error(exc, netloc)

    def process_request_2(self, rp, request):
        netloc = urlparse_cached(request).netloc
        if netloc in self.unavailable:
            self._stats.inc_value("robotstxt/forbidden")
            raise RobotsUnavailable(self.unavailable[netloc])
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            raise RobotsForbidden(f"robots.txt of {netloc} disallows {request.url}; govnews "
                                  "obeys it") from None


def _no_download_errors(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("Error downloading")


# --- a body that says it is compressed and is not ------------------------------------

# The magic bytes a gzip stream begins with: a body without them was never gzipped.
GZIP_MAGIC = b"\x1f\x8b"


class PlainBodyCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, except for a page whose server labels it
    "Content-Encoding: gzip" (or deflate) but sends it as it is: its bytes are plain HTML,
    not a gzip stream cut short, so they are the page (curl and wget read it so).  Said
    on the request (``plain_despite_encoding``) for the spider to record; a cut or broken
    stream still fails as Scrapy fails it."""

    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except COMPRESSION_ERRORS:
            encodings = b",".join(response.headers.getlist("Content-Encoding")).lower()
            body = response.body.lstrip(b"\xef\xbb\xbf \t\r\n")
            if response.body.startswith(GZIP_MAGIC) or not body.startswith(b"<") or not (
                    encodings and set(encodings.split(b",")) <= {b"gzip", b"x-gzip", b"deflate"}):
                raise
            request.meta["plain_despite_encoding"] = encodings.decode("latin-1")
            del response.headers["Content-Encoding"]
            return response.replace(body=response.body)


def plain_note(response) -> str | None:
    """What the spider records of a page read plain though labelled compressed."""
    said = response.meta.get("plain_despite_encoding")
    return (f"the server labels the page {said}-compressed but sends it plain: read as it is"
            if said else None)
