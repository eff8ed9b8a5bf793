"""The web view's own pages, beside Datasette's tables: made for reading an article,
comparing its versions, seeing the page as it was fetched, watching the archive grow and
citing what one saw.  Every address is stable (README "Web view"):

    /article?url=URL                  the article, set as readable text
    /article/history?url=URL          its versions; &from=V&to=W: a word-level diff
    /article/raw?url=URL              the stored page, sandboxed; &fetch=N: another fetch
    /article/raw/page?url=URL         the stored page itself (framed by the one above)
    /article/raw/download?url=URL     the raw bytes as fetched
    /article/warc?url=URL             the article's fetches and files as WARC records
    /document?url=URL                 a register's document
    /file?url=URL, /file/text?url=URL an archived file, and the text read from it
    /charts                           articles per month, growth, runs, parser health
    /charts/NAME.svg                  one of them as an image (months, growth, runs)
    /runs, /runs/N                    the crawls, and one crawl
    /sites, /sites/HOST               the sites, and one site
    /find?q=...                       the ranked search

This module routes each address to its view and serves what the view makes; the data of
the pages comes from ``archive.page_article`` (an article, its history, a document),
``archive.page_stored`` (stored pages, WARC, files), ``archive.page_overview`` (charts,
runs, sites) and ``archive.page_find`` (the search), which ask the archive through the
named reads of ``archive.queries_web``.  Pages only read: each query runs on Datasette's
read-only connection to the archive (``Database.execute_fn``), and nothing here writes.  An archived page is served with a
Content-Security-Policy that lets it load nothing but the archive's own copies of its
images and run no script, inside an ``<iframe sandbox>`` (no ``allow-scripts``).

Each page is rendered in the reader's language (``archive.i18n``: Vietnamese unless
``?lang=en`` or the cookie it sets says English), its dates and times Vietnam's, with its
layout's own style sheet (``/-/govnews-pages.css``, ``templates/govnews_pages.css``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import sqlite_utils
from datasette.utils import path_with_replaced_args
from datasette.utils.asgi import Response

from crawler.kernel.text import canonical_url

from .i18n import COOKIE, LANGUAGES, N_, choose_language, install, translator
from .links import link
from .page_article import article_data, document_data, history_data
from .page_find import find_data
from .page_overview import charts_data, run_data, runs_data, site_data, sites_data
from .page_stored import file_bytes, raw_data, sandboxed_html, stored_fetch, warc_bytes
from .queries_web import file_text

# What an archived page may load when shown: its images, from the archive; styles inline
# or from the archive; nothing else, and no script (sandbox without allow-scripts).
RAW_CSP = ("sandbox allow-same-origin; default-src 'none'; img-src 'self' data:; "
           "style-src 'self' 'unsafe-inline'; font-src 'self' data:; form-action 'none'; "
           "frame-ancestors 'self'; base-uri 'none'")
FILE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
# The pages' own style sheet (layouts for narrow and wide screens), beside web.py's.
STYLESHEET = Path(__file__).parent / "templates" / "govnews_pages.css"
STYLESHEET_PATH = "/-/govnews-pages.css"


def route_list(database: str):
    """(regex, view) pairs for Datasette's register_routes."""
    views = Pages(database)
    return [
        (r"^/article$", views.article),
        (r"^/article/history$", views.history),
        (r"^/article/raw$", views.raw),
        (r"^/article/raw/page$", views.raw_page),
        (r"^/article/raw/download$", views.raw_download),
        (r"^/article/warc$", views.warc),
        (r"^/document$", views.document),
        (r"^/file$", views.file),
        (r"^/file/text$", views.file_text),
        (r"^/charts$", views.charts),
        (r"^/charts/(?P<name>months|growth|runs)\.svg$", views.chart_image),
        (r"^/runs$", views.runs),
        (r"^/runs/(?P<run_id>\d+)$", views.run),
        (r"^/sites$", views.sites),
        (r"^/sites/(?P<host>[^/]+)$", views.site),
        (r"^/find$", views.find),
        (f"^{re.escape(STYLESHEET_PATH)}$", views.stylesheet),
    ]


class Pages:
    def __init__(self, database: str):
        self.database = database

    # --- plumbing -------------------------------------------------------------------
    async def _read(self, datasette, fn, *args):
        db = datasette.get_database(self.database)

        def run(conn):
            return fn(sqlite_utils.Database(conn), *args)

        return await db.execute_fn(run)

    async def _page(self, datasette, request, template: str, context: dict, status=200):
        """The template rendered in the reader's language (see archive.i18n), which a
        ``?lang=`` given is remembered for in a cookie."""
        lang, remember = choose_language(request.args.get("lang"),
                                         request.cookies.get(COOKIE))
        env = datasette.jinja_env
        if "vntime" not in env.filters:
            install(env)
        t = translator(lang)
        other = next(code for code in LANGUAGES if code != lang)
        context = dict(context, db=self.database, link=link, quote=quote, lang=lang, _=t,
                       ngettext=t.ngettext, other_lang=other, other_name=LANGUAGES[other],
                       switch_url=path_with_replaced_args(request, {"lang": other}),
                       stylesheet=STYLESHEET_PATH)
        html = await datasette.render_template(template, context, request=request)
        response = Response.html(html, status=status)
        response.headers.update({"Content-Language": lang, "Vary": "Cookie"})
        if remember:
            response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
        return response

    async def _missing(self, datasette, request, sentence: str, **values):
        return await self._page(datasette, request, "govnews_missing.html",
                                {"sentence": sentence, "values": values}, 404)

    async def stylesheet(self, request, datasette):
        return Response(STYLESHEET.read_text(encoding="utf-8"),
                        content_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "max-age=3600"})

    def _url(self, request) -> str | None:
        url = (request.args.get("url") or "").strip()
        return canonical_url(url) if url else None

    # --- an article ---------------------------------------------------------------------
    async def article(self, request, datasette):
        url = self._url(request)
        data = await self._read(datasette, article_data, url) if url else None
        if data is None:
            return await self._missing(datasette, request, _no_article(url), url=url)
        return await self._page(datasette, request, "govnews_article.html", data)

    async def history(self, request, datasette):
        url = self._url(request)
        data = await self._read(datasette, history_data, url, request.args.get("from"),
                                request.args.get("to")) if url else None
        if data is None:
            return await self._missing(datasette, request, _no_article(url), url=url)
        return await self._page(datasette, request, "govnews_history.html", data)

    async def raw(self, request, datasette):
        url = self._url(request)
        data = await self._read(datasette, raw_data, url, request.args.get("fetch")) if url \
            else None
        if data is None:
            return await self._missing(
                datasette, request, N_("the archive holds no stored page of %(url)s"),
                url=url or "…")
        return await self._page(datasette, request, "govnews_raw.html", data)

    async def raw_page(self, request, datasette):
        url = self._url(request)
        fetch = await self._read(datasette, stored_fetch, url, request.args.get("fetch")) \
            if url else None
        if fetch is None:
            return Response.text("not in the archive", status=404)
        html = await self._read(datasette, sandboxed_html, fetch)
        return Response(html, content_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": RAW_CSP,
                                 "X-Content-Type-Options": "nosniff",
                                 "Referrer-Policy": "no-referrer"})

    async def raw_download(self, request, datasette):
        url = self._url(request)
        fetch = await self._read(datasette, stored_fetch, url, request.args.get("fetch")) \
            if url else None
        if fetch is None:
            return Response.text("not in the archive", status=404)
        name = (urlsplit(fetch["url"]).path.rsplit("/", 1)[-1] or "page") + ".html"
        return Response(fetch["body"], content_type="application/octet-stream",
                        headers=_download(name))

    async def warc(self, request, datasette):
        url = self._url(request)
        data = await self._read(datasette, warc_bytes, url) if url else None
        if not data:
            return Response.text("no fetch of that URL in the archive", status=404)
        name = (urlsplit(url).path.rsplit("/", 1)[-1] or "article") + ".warc.gz"
        return Response(data, content_type="application/warc", headers=_download(name))

    async def document(self, request, datasette):
        url = self._url(request)
        data = await self._read(datasette, document_data, url) if url else None
        if data is None:
            return await self._missing(
                datasette, request, N_("the archive has no document at %(url)s"),
                url=url or "…")
        return await self._page(datasette, request, "govnews_document.html", data)

    async def file(self, request, datasette):
        url = (request.args.get("url") or "").strip()
        row = await self._read(datasette, file_bytes, url) if url else None
        if row is None:
            return Response.text("that file is not archived", status=404)
        data, content_type = row
        inline = content_type.startswith("image/") or content_type == "application/pdf"
        headers = {"Content-Security-Policy": FILE_CSP, "X-Content-Type-Options": "nosniff",
                   "Cache-Control": "max-age=86400"}
        if not inline:
            headers.update(_download(urlsplit(url).path.rsplit("/", 1)[-1] or "file"))
        return Response(data, content_type=content_type if inline else
                        "application/octet-stream", headers=headers)

    async def file_text(self, request, datasette):
        url = (request.args.get("url") or "").strip()
        row = await self._read(datasette, file_text, url) if url else None
        if row is None:
            return Response.text("no text was read from that file", status=404)
        status, reason, text = row
        head = f"[{status}{': ' + reason if reason else ''}]\n\n" if status != "ok" or reason \
            else ""
        return Response.text(head + (text or ""))

    # --- the archive as a whole ---------------------------------------------------------
    async def charts(self, request, datasette):
        by = request.args.get("by") if request.args.get("by") in ("site", "category") \
            else "site"
        data = await self._read(datasette, charts_data, by, request.args.get("site"),
                                request.args.get("category"), self.database,
                                translator(_language(request)))
        return await self._page(datasette, request, "govnews_charts.html", data)

    async def chart_image(self, request, datasette):
        """One chart of /charts alone, as an SVG image to save or embed."""
        by = request.args.get("by") if request.args.get("by") in ("site", "category") \
            else "site"
        data = await self._read(datasette, charts_data, by, request.args.get("site"),
                                request.args.get("category"), self.database,
                                translator(_language(request)))
        svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + str(
            data[f"{request.url_vars['name']}_svg"])
        return Response(svg, content_type="image/svg+xml; charset=utf-8",
                        headers={"Content-Security-Policy": "default-src 'none'",
                                 "Content-Disposition": "inline"})

    async def runs(self, request, datasette):
        data = await self._read(datasette, runs_data)
        return await self._page(datasette, request, "govnews_runs.html", data)

    async def run(self, request, datasette):
        run_id = int(request.url_vars["run_id"])
        data = await self._read(datasette, run_data, run_id) if run_id < 2 ** 62 else None
        if data is None:
            return await self._missing(datasette, request, N_("there is no run %(run)s"),
                                       run=run_id)
        return await self._page(datasette, request, "govnews_run.html", data)

    async def sites(self, request, datasette):
        data = await self._read(datasette, sites_data)
        return await self._page(datasette, request, "govnews_sites.html", data)

    async def site(self, request, datasette):
        host = request.url_vars["host"]
        data = await self._read(datasette, site_data, host, translator(_language(request)))
        if data is None:
            return await self._missing(datasette, request,
                                       N_("the archive knows no site %(site)s"), site=host)
        return await self._page(datasette, request, "govnews_site.html", data)

    async def find(self, request, datasette):
        args = {k: (request.args.get(k) or "").strip() for k in
                ("q", "site", "category", "since", "until", "kind")}
        data = await self._read(datasette, find_data, args)
        return await self._page(datasette, request, "govnews_find.html", data,
                                400 if data.get("error") else 200)


def _language(request) -> str:
    return choose_language(request.args.get("lang"), request.cookies.get(COOKIE))[0]


def _no_article(url: str | None) -> str:
    if not url:
        return N_("give the article's address: /article?url=https://…")
    return N_("the archive has no article at %(url)s")


def _download(name: str) -> dict:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:120] or "download"
    return {"Content-Disposition": f'attachment; filename="{safe}"'}
