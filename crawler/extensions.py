"""What a crawl tells people: a progress line on a terminal, and Scrapy's log lines.

Every ``GOVNEWS_PROGRESS_INTERVAL`` seconds: pages fetched, articles new/updated, errors,
the rate and the elapsed time, on standard error.  Off unless ``GOVNEWS_PROGRESS`` is set
(the CLI sets it when standard error is a terminal and --quiet is not given), so cron mail
and log files stay free of it.

Scrapy's two lines per page and per item ("Crawled (200) <GET ...>", "Scraped from ...",
both DEBUG) are made only when a log handler would show them (``QuietLogFormatter``).
"""

from __future__ import annotations

import logging
import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.logformatter import LogFormatter
from twisted.internet import task


class Progress:
    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVNEWS_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler, crawler.settings.getfloat("GOVNEWS_PROGRESS_INTERVAL", 5.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()

    def line(self) -> str:
        stats = self.crawler.stats
        pages = stats.get_value("downloader/response_count", 0)
        elapsed = time.monotonic() - self.started
        minutes, seconds = divmod(int(elapsed), 60)
        return (f"[{minutes // 60}:{minutes % 60:02d}:{seconds:02d}] {pages} pages "
                f"({pages / elapsed if elapsed else 0:.1f}/s), "
                f"articles {stats.get_value('govnews/new', 0)} new, "
                f"{stats.get_value('govnews/updated', 0)} updated, "
                f"{stats.get_value('govnews/errors', 0)} errors")

    def report(self):
        # One write a line: the stop's acknowledgement (crawler.stopping), written from a
        # signal handler, then never lands between a line and its newline.
        sys.stderr.write(self.line() + "\n")
        sys.stderr.flush()


class QuietLogFormatter(LogFormatter):
    """Scrapy's log lines, but for its DEBUG line for each page answered and each item
    stored, which is not made when nothing would show it (a crawl's console shows
    warnings, its log file INFO and up, unless --log-level DEBUG): made, each is a log
    record built, with its referer looked up, for nothing."""

    def crawled(self, *args, **kwargs):
        return super().crawled(*args, **kwargs) if debug_shown("scrapy.core.engine") else None

    def scraped(self, *args, **kwargs):
        return super().scraped(*args, **kwargs) if debug_shown("scrapy.core.scraper") else None


def debug_shown(name: str) -> bool:
    """Whether a DEBUG record of the logger ``name`` reaches a handler that takes it."""
    logger: logging.Logger | None = logging.getLogger(name)
    if not logger.isEnabledFor(logging.DEBUG):
        return False
    while logger is not None:
        if any(handler.level <= logging.DEBUG for handler in logger.handlers):
            return True
        if not logger.propagate:
            return False
        logger = logger.parent
    return False
