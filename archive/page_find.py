"""The data of the web view's search page (``/find``): the ranked search of
``archive.search.search_all`` over articles, the text of their files and the register's
documents, its filters checked as ``archive.filters`` checks them (a category named
accents and case aside; a site too, or taken as typed), and each hit's snippet with its
matches marked.  Reads through ``archive.queries_web`` and ``archive.search``."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .filters import FilterError, check_dates, matching
from .links import link
from .queries_web import article_categories, article_sites
from .search import ELLIPSIS, HIGHLIGHT, KINDS, search_all


def snippet_html(snippet: str) -> Markup:
    """A snippet with its matches in <mark>, everything else escaped (no ** markers)."""
    start, stop = HIGHLIGHT
    out, marked = [], False
    for part in re.split(f"({re.escape(start)}|{re.escape(stop)})", snippet or ""):
        if part in (start, stop):
            # the same marker may open and close (**): each one turns marking over
            marked = not marked if start == stop else part == start
        elif part:
            out.append(Markup("<mark>{}</mark>").format(part) if marked else escape(part))
    return Markup("").join(out)


def find_data(db, args: dict) -> dict:
    from .syntax import SYNTAX_HELP, QueryError

    context = {"title": "Search", "args": args, "hits": [], "help": SYNTAX_HELP,
               "error": None, "kinds": KINDS, "ellipsis": ELLIPSIS}
    context["site_options"] = article_sites(db)
    context["category_options"] = categories = article_categories(db)
    if not args["q"]:
        return context
    try:
        check_dates(args["since"] or None, args["until"] or None)
        category = matching(categories, args["category"], "category", "--category")
    except FilterError as exc:
        context["error"] = (f"no article has a category like {args['category']!r}"
                            if exc.hint == "--category" else str(exc))
        return context
    try:
        site = matching(context["site_options"], args["site"], "site", "--site")
    except FilterError:
        site = [args["site"]]  # a site the archive has no article of: as typed
    kinds = (args["kind"],) if args["kind"] in KINDS else KINDS
    try:
        hits = search_all(db, args["q"], kinds=kinds, since=args["since"] or None,
                          until=args["until"] or None, category=category, site=site,
                          limit=50)
    except QueryError as exc:
        context["error"] = str(exc)
        return context
    for hit in hits:
        _link(hit)
    context["hits"] = hits
    return context


def _link(hit: dict) -> None:
    """The pages a hit links to: its own, and for a file the page that links it and the
    text read from it."""
    hit["snippet_html"] = snippet_html(hit["snippet"])
    if hit["kind"] == "article":
        hit["page"] = link("/article", url=hit["url"])
    elif hit["kind"] == "document":
        hit["page"] = link("/document", url=hit["url"])
    else:
        owner = hit.get("article_url") or hit.get("document_url")
        hit["page"] = link("/article" if hit.get("article_url") else "/document", url=owner)
        hit["file_page"] = link("/file", url=hit["url"])
        hit["text_page"] = link("/file/text", url=hit["url"])
