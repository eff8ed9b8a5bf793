"""Retries with exponential backoff.

Scrapy's RetryMiddleware re-queues a failed request at once; against an overloaded portal
that only adds load.  This subclass waits base * 2**(n-1) seconds (capped) before handing
the retry back, without blocking other requests.
"""

from __future__ import annotations

import asyncio

from scrapy.downloadermiddlewares.retry import RetryMiddleware


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
