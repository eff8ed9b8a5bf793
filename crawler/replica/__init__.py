"""An offline replica of the Nghệ An portal (VNPT vnPortal), served on 127.0.0.1.

Tests and `govnews demo` crawl it instead of the real site, then compare what was stored
with `site.expected_records(server.url)`, which the replica computes from its own source
data (`data/`).

    from crawler.replica import ReplicaServer, build_site

    with ReplicaServer(port=0) as server:
        ...crawl server.url...
        expected = server.site.expected_records(server.url)

For nightly re-crawls: `build_site(add=new_articles(3, slugs))` adds articles that come
first in their listings, `build_site(layout="moved")` renders every article in the later
template (date and byline moved), `ReplicaServer(conditional=...)` turns ETag /
Last-Modified / 304 on article pages on (default) or off, `ReplicaServer(delay=...)`
slows every answer down.

Modules: `site` (source data, URLs, listings), `render` (pages and routing), `expected`
(the records), `server` (HTTP), `textutil` (slugs and text forms).
"""

from .expected import EXPECTED_KEYS
from .server import ReplicaServer
from .site import ArticleSource, Category, Site, build_site, new_articles

__all__ = [
    "EXPECTED_KEYS",
    "ArticleSource",
    "Category",
    "ReplicaServer",
    "Site",
    "build_site",
    "new_articles",
]
