"""Stopping a crawl on SIGINT or SIGTERM the way Scrapy does, said at once and recorded.

``StoppingCrawlerProcess`` is Scrapy's ``CrawlerProcess`` with its two signal handlers
extended (``scrapy.crawler.CrawlerProcessBase._signal_shutdown`` and ``_signal_kill``):

- the first signal is acknowledged at once on standard error (one line, ``ACKNOWLEDGEMENT``,
  even under --quiet: written to the file descriptor from the handler, so that a reactor
  busy storing a batch or waiting on a file's reader does not hold it back), and starts
  Scrapy's graceful shutdown: the engine closes the spider with reason "shutdown" and
  sends no new request, what is in flight is answered and stored, and the pipeline ends
  the run ``interrupted``.  Reading files' text, which happens after the crawl in the
  pipeline, stops too: the reader's child process is ended and the files not read yet
  stay unread, for the next run;
- the second signal stops at once: the pipeline commits what it holds as one batch and
  records the run's end (``interrupted``) before the reactor is stopped, instead of the
  reactor stopping under the pipeline and the run staying ``running``.

A handler only sets ``StopRequest``'s level, writes the line and hands the rest to the
reactor (``callFromThread``): it never raises into the code it interrupted, so a write to
the archive in progress ends as a whole transaction.
"""

from __future__ import annotations

import os
import signal

from scrapy.crawler import CrawlerProcess
from scrapy.utils.ossignal import install_shutdown_handlers
from scrapy.utils.reactor import is_reactor_installed

ACKNOWLEDGEMENT = "stopping: finishing what is in flight; Ctrl-C again to stop now"

# A crawler signal (Scrapy's SignalManager takes any object): stop now, the second signal.
stop_now = object()


class StopRequest:
    """What the signals asked so far: 0 nothing, 1 a graceful stop, 2 a stop now."""

    def __init__(self) -> None:
        self.level = 0

    @property
    def requested(self) -> bool:
        return self.level >= 1


def stop_request_of(crawler) -> StopRequest:
    """The stop request of a crawler a ``StoppingCrawlerProcess`` made; run any other way
    (``scrapy crawl``), one that never asks, and Scrapy's own handlers apply."""
    try:
        return crawler.stop_request
    except AttributeError:
        return StopRequest()


def _say(line: str) -> None:
    """One line on standard error, from a signal handler: straight to the descriptor (the
    interrupted code may be writing to sys.stderr, which must not be entered twice)."""
    try:
        os.write(2, (line + "\n").encode("utf-8"))
    except OSError:
        pass


class StoppingCrawlerProcess(CrawlerProcess):
    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.stop_request = StopRequest()
        self._early: list = []  # asked of the reactor before there was one
        # From here on, not only once the reactor runs: a signal while the crawl is set
        # up (a second or so of imports) is a stop too.
        install_shutdown_handlers(self._signal_shutdown)

    def create_crawler(self, crawler_or_spidercls):
        crawler = super().create_crawler(crawler_or_spidercls)
        crawler.stop_request = self.stop_request
        return crawler

    def start(self, stop_after_crawl: bool = True, install_signal_handlers: bool = True) -> None:
        """Scrapy's start; what a signal asked before the reactor was installed is done as
        soon as it runs.  After a stop the run's end is recorded and the process ends
        with it: signals are ignored from then on (Python would otherwise put the default
        handlers back as it exits, and a late second signal would kill it, exit code and
        all).  Without one, Scrapy's handlers stay: a signal then finds nothing to stop."""
        from twisted.internet import reactor

        for call, args in self._early:
            reactor.callWhenRunning(call, *args)
        super().start(stop_after_crawl, install_signal_handlers)
        if self.stop_request.requested:
            install_shutdown_handlers(signal.SIG_IGN)

    def _soon(self, call, *args) -> None:
        """``call(*args)`` in the reactor, asked from a signal handler."""
        if is_reactor_installed():
            from twisted.internet import reactor

            reactor.callFromThread(call, *args)
        else:  # importing it now would install the wrong one
            self._early.append((call, args))

    def _signal_shutdown(self, signum: int, _frame) -> None:
        if self.stop_request.requested:  # Scrapy puts this handler back as the reactor starts
            self._signal_kill(signum, _frame)
            return
        self.stop_request.level = 1
        _say(ACKNOWLEDGEMENT)
        install_shutdown_handlers(self._signal_kill)
        self._soon(self._log_shutdown, signum)
        self._soon(self._graceful_stop)

    def _signal_kill(self, signum: int, _frame) -> None:
        self.stop_request.level = 2
        install_shutdown_handlers(signal.SIG_IGN)
        self._soon(self._log_kill, signum)
        self._soon(self._stop_now)

    def _graceful_stop(self) -> None:
        """Scrapy's graceful stop, once every crawl's engine runs: asked while a crawl is
        still being set up, it would stop the reactor under it before its spider closed."""
        from twisted.internet import reactor

        if any(c.crawling and not (c._engine is not None and c._engine.running)
               for c in self.crawlers):
            reactor.callLater(0.05, self._graceful_stop)
            return
        self._graceful_stop_reactor()

    def _stop_now(self) -> None:
        """In the reactor: each crawler's pipeline records its run's end, then the reactor
        stops (Scrapy's forced shutdown), whatever is still in flight."""
        for crawler in list(self.crawlers):
            crawler.signals.send_catch_log(signal=stop_now)
        self._stop_reactor()
