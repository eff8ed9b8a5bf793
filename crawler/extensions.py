"""A progress line for people watching a crawl on a terminal.

Every ``GOVNEWS_PROGRESS_INTERVAL`` seconds: pages fetched, articles new/updated, errors,
the rate and the elapsed time, on standard error.  Off unless ``GOVNEWS_PROGRESS`` is set
(the CLI sets it when standard error is a terminal and --quiet is not given), so cron mail
and log files stay free of it.
"""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
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
