"""The layouts the crawler knows, listed here by name.

Each module named in ``LAYOUT_MODULES`` defines ``LAYOUTS`` (a tuple of ``Layout``) and is
a layout plug-in: adding a layout is one module, its fixtures and its name in that list
(a test checks that every module of the package that defines ``LAYOUTS`` is listed, and
nothing else is), with no edit to the spider or the pipeline.  ``detect(doc)`` asks the
layouts in order of ``priority`` and the first that recognises the page parses it;
``is_article_url(url)`` asks every layout whether a link names one of its articles.

A layout that changes is a new ``Layout`` with the next ``version`` beside the old one
(Fundus keeps parsers the same way): ``recognise`` tells their pages apart, each
record's ``parser`` names the version that made it, and fixtures are keyed by it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Layout:
    name: str
    version: str
    # (doc) -> bool: this page is one of this layout's (article or listing)
    recognise: Callable[[Any], bool]
    # (doc, url, fetched_at) -> Article | None
    parse: Callable[..., Any]
    # (doc, url) -> Listing | None: the layout's category listings, if it has its own
    parse_listing: Callable[..., Any] | None = None
    # (url) -> bool: a link that names one of this layout's article pages
    article_url: Callable[[str], bool] | None = None
    # Lower is asked first (the generic fallback, parsers/__init__.py, comes after them all).
    priority: int = 100
    # Listings paginated by the server (pages 2+ asked with a request the layout builds):
    # (listing_url, pagination, page, encoding, settings) -> PageRequest; the fields a listing
    # must carry for it; (answer text, listing url) -> [ListingEntry]; the encodings it may
    # take, first the usual one.
    page_request: Callable[..., Any] | None = None
    missing_pagination: Callable[[Any], list[str]] | None = None
    page_entries: Callable[[str, str], list] | None = None
    page_encodings: tuple[str, ...] = ()
    # (url) -> bool: a link to another page of a listing paginated in its URL
    # (NukeViet /page-2, WordPress /page/2/): followed at its listing's depth.
    pager_link: Callable[[str], bool] | None = None

    @property
    def key(self) -> str:
        return f"{self.name}/{self.version}"

    # Old call sites print a layout's name as a module constant.
    @property
    def NAME(self) -> str:  # noqa: N802
        return self.name


# "name/version" keys switched off (GOVNEWS_DISABLED_LAYOUTS): a new version that reads
# a site wrong can be turned off without a release, and its pages fall to the others.
_disabled: set[str] = set()


_enabled: tuple[Layout, ...] | None = None


def disable(keys) -> None:
    """Switch layouts off by "name/version" (the spider does it from its settings)."""
    global _enabled
    _disabled.clear()
    _disabled.update(k.strip() for k in keys if k and k.strip())
    _enabled = None


def layouts() -> tuple[Layout, ...]:
    """Every enabled layout, in the order they are asked (asked for every link of every
    page, so worked out once)."""
    global _enabled
    if _enabled is None:
        _enabled = tuple(x for x in _all_layouts() if x.key not in _disabled)
    return _enabled


# The layout plug-ins, by module name in this package.
LAYOUT_MODULES = ("vnportal", "vnportal_v2", "nukeviet", "wordpress")


@cache
def _all_layouts() -> tuple[Layout, ...]:
    """Every layout of every listed module, in the order they are asked."""
    found: list[Layout] = []
    for name in LAYOUT_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        found.extend(module.LAYOUTS)
    keys = [layout.key for layout in found]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise RuntimeError(f"two layouts claim the same name and version: {twice}")
    return tuple(sorted(found, key=lambda layout: (layout.priority, layout.name,
                                                   -int(layout.version or 0))))


def detect(doc) -> Layout:
    """The layout of a page: the first plug-in that recognises it; LookupError when none
    does (``parsers.detect_layout`` then answers the generic fallback)."""
    for layout in layouts():
        if layout.recognise(doc):
            return layout
    raise LookupError("no layout plug-in recognises the page")


def get(key: str) -> Layout:
    """A layout by "name/version" (or "name": its newest version)."""
    name, _, version = key.partition("/")
    matches = [x for x in layouts() if x.name == name and (not version or x.version == version)]
    if not matches:
        raise KeyError(f"no layout {key!r}; known: {', '.join(x.key for x in layouts())}")
    return max(matches, key=lambda x: int(x.version or 0))


def is_article_url(url: str) -> bool:
    return any(layout.article_url(url) for layout in layouts() if layout.article_url)


def is_pager_link(url: str) -> bool:
    return any(layout.pager_link(url) for layout in layouts() if layout.pager_link)


def versions() -> dict[str, str]:
    """{name: newest version}, for the record and the docs."""
    out: dict[str, str] = {}
    for layout in layouts():
        if int(layout.version) >= int(out.get(layout.name, "0")):
            out[layout.name] = layout.version
    return out
