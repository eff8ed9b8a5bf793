"""The replica's site: its model with its pages and its records, and how one is built.

`Site` is a `model.SiteModel` (source data, URLs, listings, related lists; see there)
that also answers requests (`respond`, with `render.py`) and gives the records a correct
crawl stores (`expected_records`, with `expected.py`). The source data's shape lives in
`source.py`, the articles added later in `additions.py` (`new_articles`), the hostile
ones in `hostile.py` (`hostile_articles`), serving in `server.py`.

`build_site(**options)` is the one way to make a `Site`. A server serves whichever `Site`
it is given and the site can be swapped while it runs, so a changed site (articles added,
edited or removed, another template) is just another `build_site(...)` call.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .expected import expected_record, expected_records
from .hostile import hostile_articles
from .model import SiteModel
from .render import STATIC_PAGES, respond
from .response import Response
from .source import ArticleSource, Category, article_from_dict, load_source, to_datetime


class Site(SiteModel):
    """Everything the replica serves, built from source data; immutable once built: the
    model, its pages (`respond`) and the records a correct crawl of it stores."""

    # --- what tests need to know ----------------------------------------------------
    def static_paths(self) -> list[str]:
        return list(STATIC_PAGES)

    def non_article_paths(self) -> list[str]:
        """Allowed pages that are not articles: home and other static pages, then listings."""
        return self.static_paths() + self.listing_paths()

    def expected_records(self, base_url: str) -> list[dict[str, Any]]:
        return expected_records(self, base_url)

    def expected_record(self, article_id: str, base_url: str) -> dict[str, Any]:
        return expected_record(self, self.articles[article_id], base_url)

    # --- serving --------------------------------------------------------------------
    def respond(
        self, method: str, target: str, body: bytes, headers: dict[str, str], base_url: str
    ) -> Response:
        return respond(self, method, target, body, headers, base_url)


def build_site(
    *,
    data_dir: Path | str | None = None,
    add: Iterable[dict[str, Any]] = (),
    edit: dict[str, dict[str, Any]] | None = None,
    remove: Iterable[str] = (),
    layout: str | None = None,
    hostile: bool = False,
) -> Site:
    """Build the replica's site from its source data, optionally changed.

    - ``add``: more articles, as dicts in the source-data shape (see data/README.md);
    - ``edit``: ``{article_id: {field: new value}}``, e.g. a new title or body;
    - ``remove``: article ids that are gone (their pages answer 404, listings drop them);
    - ``layout``: render every article with this layout key;
    - ``hostile``: add the articles of `hostile_articles()` (SQL and script text, control
      characters, bidi controls, a lone surrogate, a 1 MB paragraph) to the first
      category, published just after the source data so they head its listing.
    """
    source = copy.deepcopy(load_source(data_dir))
    added = [copy.deepcopy(dict(x)) for x in add]
    extra = _hostile_extra(source) if hostile else []
    removed = set(remove)
    edits = edit or {}
    articles = _articles(source["articles"] + extra + added, edits, removed, layout)
    categories = [Category(**c) for c in source["categories"]]
    options = {
        "add": added,
        "edit": edits,
        "remove": sorted(removed),
        "layout": layout,
        "hostile": hostile,
    }
    return Site(
        categories,
        articles,
        site_id=source.get("site_id", 2930),
        page_size=source.get("page_size", 10),
        options=options,
    )


def _hostile_extra(source: dict[str, Any]) -> list[dict[str, Any]]:
    """`hostile_articles()` in the first category, published after the newest source time."""
    newest = max(
        to_datetime(t, f"article {x['id']}")
        for x in source["articles"]
        for t in (x["published"], x.get("updated"))
        if t
    )
    return hostile_articles(source["categories"][0]["slug"], published_after=newest)


def _articles(
    raw_articles: list[dict[str, Any]],
    edits: dict[str, dict[str, Any]],
    removed: set[str],
    layout: str | None,
) -> list[ArticleSource]:
    """The raw articles read, with `edits` applied, `removed` left out, `layout` forced."""
    known_ids = {x["id"] for x in raw_articles}
    missing = (set(edits) | removed) - known_ids
    if missing:
        raise ValueError(f"no such article ids: {sorted(missing)}")
    articles = []
    for raw in raw_articles:
        if raw["id"] in removed:
            continue
        raw = {**raw, **edits.get(raw["id"], {})}
        if layout is not None:
            raw["layout"] = layout
        articles.append(article_from_dict(raw))
    # Related lists that name a removed article simply lose it (see Site.related_of).
    present = {a.id for a in articles}
    for a in articles:
        if a.related is not None and a.related.ids is not None:
            a.related.ids = [i for i in a.related.ids if i in present]
    return articles
