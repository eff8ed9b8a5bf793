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

For bad days: `ReplicaServer(faults=FaultPlan(seed=7, rate=0.3))` breaks a deterministic
share of article, listing and pagination requests (errors, resets, hangs, truncated or
oversize bodies, redirects, pages that are valid but hard to parse; see `faults`), and
`server.faults = None` heals it while it runs. `build_site(hostile=True)` adds articles
whose text is hostile (SQL, scripts, control and bidi characters, a 1 MB paragraph).

Modules: `source` (the source data's shape and readers), `model` (URLs, listings,
related lists), `site` (the model with its pages and records; `build_site`), `additions`
and `hostile` (articles added later, hostile ones), `render` (routing, listings, static
pages) with `chrome`, `article` and `response`, `expected` (the records), `server`
(HTTP), `faults` (the fault mode), `textutil` (slugs and text forms).
"""

from .additions import new_articles
from .expected import EXPECTED_KEYS
from .faults import FaultPlan
from .hostile import hostile_articles
from .server import ReplicaServer
from .site import Site, build_site
from .source import ArticleSource, Category

__all__ = [
    "EXPECTED_KEYS",
    "ArticleSource",
    "Category",
    "FaultPlan",
    "ReplicaServer",
    "Site",
    "build_site",
    "hostile_articles",
    "new_articles",
]
