"""The data of the web view's search page (``/find``): the ranked search of
``archive.search.search_all`` over articles, the text of their files and the register's
documents, its filters checked as ``archive.filters`` checks them (a category named
accents and case aside; a site too, or taken as typed), and each hit's snippet with its
matches marked.  Reads through ``archive.queries_web`` and ``archive.search``."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .filters import FilterError, check_dates, matching
from .i18n import N_
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


def iso_date(text: str) -> str:
    """A date typed dd/mm/yyyy (or mm/yyyy) as the filters take it (YYYY-MM-DD,
    YYYY-MM); anything else as typed."""
    m = re.fullmatch(r"(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})", text.strip())
    if not m:
        return text
    day, month, year = m.groups()
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _query_error(exc: Exception) -> dict:
    """A query the search cannot run, as a sentence of the catalogue."""
    from .syntax import ONLY_NEGATIVE, SIDE_NEGATIVE

    known = {ONLY_NEGATIVE: N_("a search cannot only leave things out: add a word to "
                               "find, e.g. bão NOT Hà Tĩnh"),
             SIDE_NEGATIVE: N_("each side of OR needs a word to find, not only words to "
                               "leave out: e.g. bão OR lũ NOT Hà Tĩnh")}
    if str(exc) in known:
        return {"msgid": known[str(exc)], "values": {}}
    return {"msgid": N_("the search cannot run: %(why)s"), "values": {"why": str(exc)}}


def find_data(db, args: dict) -> dict:
    from .syntax import QueryError

    context = {"args": args, "hits": [], "error": None, "kinds": KINDS,
               "ellipsis": ELLIPSIS}
    context["site_options"] = article_sites(db)
    context["category_options"] = categories = article_categories(db)
    if not args["q"]:
        return context
    since, until = iso_date(args["since"]) or None, iso_date(args["until"]) or None
    try:
        check_dates(since, until)
    except FilterError as exc:
        value = args["since"] if exc.hint == "--since" else args["until"]
        context["error"] = {"msgid": N_("“%(value)s” is not a date: write dd/mm/yyyy, "
                                        "mm/yyyy or yyyy"), "values": {"value": value}}
        return context
    try:
        category = matching(categories, args["category"], "category", "--category")
    except FilterError:
        context["error"] = {"msgid": N_("no article has a category like “%(category)s”"),
                            "values": {"category": args["category"]}}
        return context
    try:
        site = matching(context["site_options"], args["site"], "site", "--site")
    except FilterError:
        site = [args["site"]]  # a site the archive has no article of: as typed
    kinds = (args["kind"],) if args["kind"] in KINDS else KINDS
    try:
        hits = search_all(db, args["q"], kinds=kinds, since=since, until=until,
                          category=category, site=site, limit=50)
    except (QueryError, FilterError) as exc:
        context["error"] = _query_error(exc)
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
