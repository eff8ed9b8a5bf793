"""A DNS resolver for crawls of the replica that never asks a DNS server.

``TWISTED_DNS_RESOLVER = "crawler.replica.dns.LoopbackResolver"`` makes Scrapy resolve
the names in the setting ``GOVNEWS_REPLICA_HOSTS`` (and ``localhost``) to 127.0.0.1 and
fail every other name as a DNS lookup failure, at once.  Tests use it to crawl the
replica under real host names, and to meet a DNS failure, without a packet leaving the
machine.
"""

from __future__ import annotations

from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer

LOOPBACK = "127.0.0.1"


@implementer(IResolverSimple)
class LoopbackResolver:
    def __init__(self, reactor, names=()):
        self.reactor = reactor
        self.names = {n.lower() for n in names} | {"localhost", LOOPBACK}

    @classmethod
    def from_crawler(cls, crawler, reactor):
        return cls(reactor, crawler.settings.getlist("GOVNEWS_REPLICA_HOSTS"))

    def install_on_reactor(self) -> None:
        self.reactor.installResolver(self)

    def getHostByName(self, name: str, timeout=()):  # noqa: N802 - Twisted's interface
        if name.lower() in self.names:
            return defer.succeed(LOOPBACK)
        return defer.fail(DNSLookupError(f"{name}: no such host (replica resolver)"))
