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

Pages only read: each query runs on Datasette's read-only connection to the archive
(``Database.execute_fn``), and nothing here writes.  An archived page is served with a
Content-Security-Policy that lets it load nothing but the archive's own copies of its
images and run no script, inside an ``<iframe sandbox>`` (no ``allow-scripts``).
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections import defaultdict
from urllib.parse import quote, urlencode, urlsplit

import sqlite_utils
from datasette.utils.asgi import Response
from lxml import etree
from markupsafe import Markup, escape

from crawler.kernel.numbers import number_key
from crawler.kernel.text import canonical_url
from crawler.parsers.base import decode_page, load

from . import charts
from .files import body
from .query import documents, records, sites, snapshot
from .search import ELLIPSIS, HIGHLIGHT, KINDS, date_bound, search_all
from .store import CONTENT_FIELDS, page_view

# What an archived page may load when shown: its images, from the archive; styles inline
# or from the archive; nothing else, and no script (sandbox without allow-scripts).
RAW_CSP = ("sandbox allow-same-origin; default-src 'none'; img-src 'self' data:; "
           "style-src 'self' 'unsafe-inline'; font-src 'self' data:; form-action 'none'; "
           "frame-ancestors 'self'; base-uri 'none'")
FILE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
# Elements and attributes that make a browser fetch something.
FETCHING = {"img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",),
            "link": ("href",), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
            "object": ("data",), "video": ("src", "poster"), "audio": ("src",),
            "track": ("src",), "input": ("src",), "image": ("href",), "use": ("href",)}
RUNS_SHOWN = 60


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
    ]


def link(path: str, **params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(params) if params else "")


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
        context = dict(context, db=self.database, link=link, quote=quote)
        html = await datasette.render_template(template, context, request=request)
        return Response.html(html, status=status)

    async def _missing(self, datasette, request, sentence: str):
        return await self._page(datasette, request, "govnews_missing.html",
                                {"sentence": sentence, "title": "Not in the archive"}, 404)

    def _url(self, request) -> str | None:
        url = (request.args.get("url") or "").strip()
        return canonical_url(url) if url else None

    # --- an article ---------------------------------------------------------------------
    async def article(self, request, datasette):
        url = self._url(request)
        data = await self._read(datasette, article_data, url) if url else None
        if data is None:
            return await self._missing(datasette, request, _no_article(url))
        return await self._page(datasette, request, "govnews_article.html", data)

    async def history(self, request, datasette):
        url = self._url(request)
        data = await self._read(datasette, history_data, url, request.args.get("from"),
                                request.args.get("to")) if url else None
        if data is None:
            return await self._missing(datasette, request, _no_article(url))
        return await self._page(datasette, request, "govnews_history.html", data)

    async def raw(self, request, datasette):
        url = self._url(request)
        data = await self._read(datasette, raw_data, url, request.args.get("fetch")) if url \
            else None
        if data is None:
            return await self._missing(datasette, request,
                                       f"the archive holds no stored page of {url or '(no URL)'}")
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
            return await self._missing(datasette, request,
                                       f"the archive has no document at {url or '(no URL)'}")
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
                                request.args.get("category"), self.database)
        return await self._page(datasette, request, "govnews_charts.html", data)

    async def chart_image(self, request, datasette):
        """One chart of /charts alone, as an SVG image to save or embed."""
        by = request.args.get("by") if request.args.get("by") in ("site", "category") \
            else "site"
        data = await self._read(datasette, charts_data, by, request.args.get("site"),
                                request.args.get("category"), self.database)
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
            return await self._missing(datasette, request, f"there is no run {run_id}")
        return await self._page(datasette, request, "govnews_run.html", data)

    async def sites(self, request, datasette):
        data = await self._read(datasette, sites_data)
        return await self._page(datasette, request, "govnews_sites.html", data)

    async def site(self, request, datasette):
        host = request.url_vars["host"]
        data = await self._read(datasette, site_data, host)
        if data is None:
            return await self._missing(datasette, request, f"the archive knows no site {host}")
        return await self._page(datasette, request, "govnews_site.html", data)

    async def find(self, request, datasette):
        args = {k: (request.args.get(k) or "").strip() for k in
                ("q", "site", "category", "since", "until", "kind")}
        data = await self._read(datasette, find_data, args)
        return await self._page(datasette, request, "govnews_find.html", data,
                                400 if data.get("error") else 200)


def _no_article(url: str | None) -> str:
    if not url:
        return "give the article's address: /article?url=https://…"
    return f"the archive has no article at {url}"


def _download(name: str) -> dict:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:120] or "download"
    return {"Content-Disposition": f'attachment; filename="{safe}"'}


# --- reading the archive (each runs on a read-only connection) ---------------------------

def _row(db, sql: str, params) -> dict | None:
    return next(db.query(sql, params), None)


def archived_files(db, urls) -> dict[str, dict]:
    """{url: files row} for the archived ones of ``urls``."""
    urls = list(urls)
    out = {}
    for i in range(0, len(urls), 500):
        chunk = urls[i:i + 500]
        for row in db.query(
                f"select f.*, t.status as text_status from files f left join file_texts t"
                f" on t.sha256 = f.sha256 where f.url in ({','.join('?' * len(chunk))})"
                " and f.state = 'archived'", chunk):
            out[row["url"]] = row
    return out


def article_data(db, url: str) -> dict | None:
    rec = next(records(db, "url = ?", [url]), None)
    if rec is None:
        return None
    row = _row(db, "select first_seen_at, last_seen_at, last_changed_at, gone_at, gone_reason,"
                   " snapshot_id from articles where url = ?", [url])
    versions = db.execute("select count(*) from article_versions where url = ?",
                          [url]).fetchone()[0]
    related = [r["url"] for r in rec["related"]]
    archived = {u for (u,) in db.execute(
        f"select url from articles where url in ({','.join('?' * len(related))})",
        related)} if related else set()
    cited = {}
    for number in rec["cites"]:
        doc = _row(db, "select url, title from documents where number_key = ?",
                   [number_key(number)])
        cited[number] = doc
    files = archived_files(db, [i["url"] for i in rec["images"] + rec["attachments"]])
    return {"title": rec["title"], "rec": rec, "row": row, "versions": versions + 1,
            "paragraphs": [p for p in (rec["body"] or "").split("\n") if p.strip()],
            "archived_related": archived, "cited": cited, "files": files,
            "citation": citation(rec, row)}


def citation(rec: dict, row: dict) -> str:
    """A line to cite the article by: title, site, date, URL, when it was archived."""
    date = (rec["published_at"] or "undated")[:10]
    archived = (row["first_seen_at"] or "")[:10]
    return (f"{rec['title']}. {rec['site']}, {date}. {rec['url']} "
            f"(archived {archived}; govnews)")


def _versions(db, url: str) -> list[dict]:
    """Every version of an article, oldest first, the current record last."""
    out = []
    for row in db.query("select version, record, valid_from, replaced_at, replaced_because,"
                        " parser from article_versions where url = ? order by version", [url]):
        out.append({"version": row["version"], "record": json.loads(row["record"]),
                    "from": row["valid_from"], "until": row["replaced_at"],
                    "because": row["replaced_because"], "parser": row["parser"]})
    current = next(records(db, "url = ?", [url]), None)
    if current is None:
        return []
    row = _row(db, "select last_changed_at, parser from articles where url = ?", [url])
    out.append({"version": len(out) + 1, "record": current, "from": row["last_changed_at"],
                "until": None, "because": None, "parser": row["parser"], "current": True})
    for before, after in zip(out, out[1:]):
        after["changed"] = [k for k in CONTENT_FIELDS
                            if page_view(before["record"]).get(k) != page_view(after["record"]).get(k)]
        # why the record changed: the reason stored with the version it replaced
        after["why"] = before["because"]
    return out


def history_data(db, url: str, start: str | None, end: str | None) -> dict | None:
    versions = _versions(db, url)
    if not versions:
        return None
    by_number = {v["version"]: v for v in versions}
    try:
        to = by_number[int(end[:18])] if end else versions[-1]
        frm = by_number[int(start[:18])] if start else (versions[-2] if len(versions) > 1
                                                        else None)
    except (KeyError, ValueError):
        frm = to = None
    diff = None
    if frm is not None and to is not None:
        diff = {"from": frm["version"], "to": to["version"],
                "fields": [(k, word_diff(_text(frm["record"].get(k)), _text(to["record"].get(k))))
                           for k in ("title", "summary", "body")
                           if frm["record"].get(k) != to["record"].get(k)],
                "other": [k for k in CONTENT_FIELDS if k not in ("title", "summary", "body")
                          and page_view(frm["record"]).get(k) != page_view(to["record"]).get(k)]}
    row = _row(db, "select gone_at, gone_reason, title from articles where url = ?", [url])
    return {"title": row["title"], "url": url, "versions": versions[::-1], "diff": diff,
            "gone": row if row["gone_at"] else None, "bad_range": frm is None and bool(end or start)}


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(a: str, b: str) -> Markup:
    """``b`` against ``a``, word by word: removed words in <del>, added ones in <ins>."""
    ta, tb = _WORDS.findall(a), _WORDS.findall(b)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(ta[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>{}</del>").format("".join(ta[i1:i2])))
        if j2 > j1:
            out.append(Markup("<ins>{}</ins>").format("".join(tb[j1:j2])))
    return Markup("").join(out)


def stored_fetch(db, url: str, fetch_id: str | None) -> dict | None:
    """The stored fetch of ``url`` asked for, else the one its record was parsed from,
    else its latest answer."""
    if fetch_id and fetch_id.isdigit() and len(fetch_id) < 18:
        row = _row(db, "select id from fetches where id = ? and (url = ? or request_url = ?)",
                   [int(fetch_id), url, url])
    else:
        row = _row(db, "select snapshot_id as id from articles where url = ? and"
                       " snapshot_id is not null union all select snapshot_id from documents"
                       " where url = ? and snapshot_id is not null", [url, url]) or _row(
            db, "select id from fetches where (url = ? or request_url = ?) and status = 200"
                " order by id desc limit 1", [url, url])
    return snapshot(db, row["id"]) if row and row["id"] else None


def raw_data(db, url: str, fetch_id: str | None) -> dict | None:
    fetch = stored_fetch(db, url, fetch_id)
    if fetch is None:
        return None
    others = list(db.query("select id, fetched_at, status, body_sha256 from fetches"
                           " where url = ? or request_url = ? order by id desc", [url, url]))
    title = _row(db, "select title from articles where url = ? union all"
                     " select title from documents where url = ?", [url, url])
    return {"title": (title or {}).get("title") or url, "url": url, "fetch": fetch,
            "fetches": others, "size": len(fetch["body"])}


def sandboxed_html(db, fetch: dict) -> str:
    """The stored page, with every image pointing at the archive's copy (or at nothing,
    when the archive has none) and every other thing that would fetch from the network
    (scripts, style sheets, frames, a <base>, a meta refresh) left out."""
    decoded = decode_page(fetch["body"], _header(fetch["headers"], "content-type"))
    doc = load(decoded.text)
    base = fetch["url"]
    wanted = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname.lower()
        for attr in FETCHING.get(tag, ()):
            if el.get(attr):
                wanted.append((el, tag, attr, el.get(attr)))
        if tag == "base" or (tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh"):
            el.getparent().remove(el)
    images = {canonical_url(v.split()[0], base) for _el, tag, _a, v in wanted
              if tag in ("img", "source", "input") and v.split()}
    archived = archived_files(db, images)
    for el, tag, attr, value in wanted:
        if tag in ("img", "source", "input") and value.split():
            target = canonical_url(value.split()[0], base)
            el.set("data-govnews-original", target)
            if target in archived and attr == "src":
                el.set(attr, link("/file", url=target))
                continue
        el.attrib.pop(attr, None)
    return etree.tostring(doc, method="html", encoding="unicode", doctype="<!DOCTYPE html>")


def _header(pairs, name: str) -> str | None:
    return next((v for k, v in pairs if k.lower() == name), None)


def warc_bytes(db, url: str) -> bytes | None:
    from .warc import write_warc

    where = ("url = ? or request_url = ? or request_url in (select url from images where"
             " article_url = ? union select url from attachments where article_url = ?"
             " union select url from document_files where document_url = ?)")
    if not db.execute(f"select 1 from fetches where {where} limit 1", [url] * 5).fetchone():
        return None
    stream = io.BytesIO()
    write_warc(db, stream, where, [url] * 5)
    return stream.getvalue()


def document_data(db, url: str) -> dict | None:
    doc = next(documents(db, "url = ?", [url]), None)
    if doc is None:
        return None
    cited_by = {u: t for u, t in db.execute(
        f"select url, title from articles where url in ({','.join('?' * len(doc['cited_by']))})",
        doc["cited_by"])} if doc["cited_by"] else {}
    files = archived_files(db, [f["url"] for f in doc["files"]])
    return {"title": doc["title"] or doc["number"], "doc": doc, "cited_by": cited_by,
            "files": files}


def file_bytes(db, url: str):
    row = _row(db, "select sha256, content_type from files where url = ? and"
                   " state = 'archived'", [url])
    data = body(db, row["sha256"]) if row else None
    if data is None:
        return None
    content_type = (row["content_type"] or "application/octet-stream").split(";")[0].strip()
    return data, content_type


def file_text(db, url: str):
    row = _row(db, "select t.status, t.reason, t.text from files f join file_texts t"
                   " on t.sha256 = f.sha256 where f.url = ?", [url])
    return (row["status"], row["reason"], row["text"]) if row else None


# --- charts, runs, sites ---------------------------------------------------------------

def sql_link(database: str, sql: str, fmt: str = "") -> str:
    return f"/{database}{'.' + fmt if fmt else ''}?" + urlencode({"sql": sql})


def charts_data(db, by: str, site: str | None, category: str | None, database: str) -> dict:
    conds, params = ["published_at is not null"], []
    if site:
        conds.append("site = ?")
        params.append(site)
    if category:
        conds.append("category = ?")
        params.append(category)
    where = " and ".join(conds)
    column = "site" if by == "site" else "coalesce(category, '(none)')"
    month_sql = (f"select substr(published_at, 1, 7) as month, {column} as {by}, count(*) as"
                 f" articles from articles where {where} group by 1, 2 order by 1, 2")
    rows = db.execute(month_sql, params).fetchall()
    totals: dict[str, int] = defaultdict(int)
    for _m, key, n in rows:
        totals[key] += n
    stacks = charts.top_stacks(totals)
    values: dict[tuple[str, str], int] = defaultdict(int)
    for month, key, n in rows:
        values[(month, key if key in stacks else charts.OTHER)] += n
    months = _month_range([m for m, _k, _n in rows])
    inline = month_sql
    for p in params:
        inline = inline.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
    growth_sql = ("select substr(first_seen_at, 1, 10) as day, count(*) as articles from"
                  " articles group by 1 order by 1")
    growth, total = [], 0
    for day, n in db.execute(growth_sql):
        total += n
        growth.append((day, total))
    runs_sql = ("select id, started_at, status, articles_new, articles_updated, errors from"
                f" crawl_runs order by id desc limit {RUNS_SHOWN}")
    run_rows = list(db.query(runs_sql))[::-1]
    run_values = {}
    for r in run_rows:
        run_values[(str(r["id"]), "new")] = r["articles_new"] or 0
        run_values[(str(r["id"]), "updated")] = r["articles_updated"] or 0
        run_values[(str(r["id"]), "errors")] = r["errors"] or 0
    health = _health(db)
    site_options = [s for (s,) in db.execute("select distinct site from articles order by 1")]
    return {
        "title": "Charts", "by": by, "site": site, "category": category,
        "site_options": site_options,
        "months_svg": Markup(charts.stacked_bars(
            f"Articles per month, by {by}", months, stacks, values)),
        "months_table": [(m, [(s, values.get((m, s), 0)) for s in stacks]) for m in months],
        "stacks": stacks,
        "months_sql": sql_link(database, inline), "months_csv": sql_link(database, inline, "csv"),
        "growth_svg": Markup(charts.line("Articles in the archive, by the day first seen",
                                         growth)),
        "growth_sql": sql_link(database, growth_sql),
        "growth_csv": sql_link(database, growth_sql, "csv"),
        "runs_svg": Markup(charts.stacked_bars(
            "Each run: articles new and updated, errors", [str(r["id"]) for r in run_rows],
            ["new", "updated", "errors"], run_values, kind="run")),
        "runs": run_rows, "runs_sql": sql_link(database, runs_sql),
        "runs_csv": sql_link(database, runs_sql, "csv"),
        "health": health,
        "health_sql": sql_link(database, "select id, started_at, health from crawl_runs"
                                         " where health is not null order by id desc limit 1"),
    }


def _month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last, the empty ones too."""
    if not months:
        return []
    valid = sorted(m for m in set(months) if re.fullmatch(r"\d{4}-\d{2}", m))
    if not valid:
        return []
    out = []
    y, m = map(int, valid[0].split("-"))
    ey, em = map(int, valid[-1].split("-"))
    while (y, m) <= (ey, em) and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _health(db) -> list[dict]:
    """Per site, from the newest run that judged it: each field's share this run and in
    the archive, and the verdict."""
    seen: dict[str, dict] = {}
    for run_id, started, health in db.execute(
            "select id, started_at, health from crawl_runs where health is not null"
            " order by id desc limit 30"):
        try:
            data = json.loads(health)
        except (TypeError, ValueError):
            continue
        for site in data.get("sites", []):
            name = site.get("site")
            if name and name not in seen:
                seen[name] = dict(site, run_id=run_id, started_at=started)
    return [seen[k] for k in sorted(seen)]


def runs_data(db) -> dict:
    return {"title": "Runs", "runs": list(db.query(
        "select id, started_at, finished_at, status, mode, requests, articles_new,"
        " articles_updated, articles_gone, errors, exit_code from crawl_runs order by id desc"))}


def run_data(db, run_id: int) -> dict | None:
    run = _row(db, "select * from crawl_runs where id = ?", [run_id])
    if run is None:
        return None
    errors = defaultdict(list)
    for kind, url, message in db.execute(
            "select kind, url, message from crawl_errors where run_id = ? order by id",
            [run_id]):
        errors[kind].append((url, message))
    end = run["finished_at"] or "9999"
    new = list(db.query("select url, title, site from articles where first_seen_at >= ? and"
                        " first_seen_at <= ? order by first_seen_at limit 200",
                        [run["started_at"], end]))
    changed = list(db.query(
        "select v.url, v.version, v.replaced_because, a.title from article_versions v"
        " join articles a on a.url = v.url where v.replaced_at >= ? and v.replaced_at <= ?"
        " order by v.id limit 200", [run["started_at"], end]))
    gone = list(db.query("select url, title, gone_reason from articles where gone_at >= ?"
                         " and gone_at <= ? limit 200", [run["started_at"], end]))
    health = json.loads(run["health"]) if run.get("health") else None
    site_rows = list(db.query("select * from site_runs where run_id = ? order by site",
                              [run_id]))
    return {"title": f"Run {run_id}", "run": run, "errors": sorted(errors.items()),
            "new": new, "changed": changed, "gone": gone, "health": health,
            "site_rows": site_rows,
            "failed_sites": json.loads(run.get("failed_sites") or "[]")}


def sites_data(db) -> dict:
    return {"title": "Sites", "sites": sites(db)}


def site_data(db, host: str) -> dict | None:
    row = next((s for s in sites(db) if s["site"] == host), None)
    if row is None:
        return None
    recent = list(db.query("select url, title, published_at from articles where site = ?"
                           " order by published_at desc limit 20", [host]))
    runs = list(db.query("select s.*, r.started_at from site_runs s join crawl_runs r on"
                         " r.id = s.run_id where s.site = ? order by s.run_id desc limit 30",
                         [host]))
    like = f"%://{host}/%"
    failures = list(db.query(
        "select run_id, kind, url, message from crawl_errors where url like ?"
        " order by id desc limit 50", [like]))
    months = dict(db.execute("select substr(published_at, 1, 7), count(*) from articles"
                             " where site = ? and published_at is not null group by 1",
                             [host]).fetchall())
    labels = _month_range(list(months))
    svg = charts.stacked_bars(f"Articles of {host} per month", labels, [host],
                              {(m, host): months.get(m, 0) for m in labels})
    documents_count = db.execute("select count(*) from documents where site = ?",
                                 [host]).fetchone()[0]
    pending = dict(db.execute("select state, count(*) from pending where site = ?"
                              " group by state", [host]).fetchall())
    return {"title": host, "site": row, "recent": recent, "runs": runs, "failures": failures,
            "months_svg": Markup(svg), "documents": documents_count, "pending": pending}


# --- the search page ---------------------------------------------------------------------

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
    from .syntax import SYNTAX_HELP, QueryError, matching_values

    context = {"title": "Search", "args": args, "hits": [], "help": SYNTAX_HELP,
               "error": None, "kinds": KINDS, "ellipsis": ELLIPSIS}
    context["site_options"] = [s for (s,) in db.execute(
        "select distinct site from articles order by 1")]
    categories = [c for (c,) in db.execute(
        "select distinct category from articles where category is not null order by 1")]
    context["category_options"] = categories
    if not args["q"]:
        return context
    try:
        for hint in ("since", "until"):
            date_bound(args[hint] or None)
    except ValueError as exc:
        context["error"] = str(exc)
        return context
    category = None
    if args["category"]:
        category = matching_values(args["category"], categories)
        if not category:
            context["error"] = f"no article has a category like {args['category']!r}"
            return context
    site = None
    if args["site"]:
        site = matching_values(args["site"], context["site_options"]) or [args["site"]]
    kinds = (args["kind"],) if args["kind"] in KINDS else KINDS
    try:
        hits = search_all(db, args["q"], kinds=kinds, since=args["since"] or None,
                          until=args["until"] or None, category=category, site=site,
                          limit=50)
    except QueryError as exc:
        context["error"] = str(exc)
        return context
    for hit in hits:
        hit["snippet_html"] = snippet_html(hit["snippet"])
        if hit["kind"] == "article":
            hit["page"] = link("/article", url=hit["url"])
        elif hit["kind"] == "document":
            hit["page"] = link("/document", url=hit["url"])
        else:
            owner = hit.get("article_url") or hit.get("document_url")
            hit["page"] = link("/article" if hit.get("article_url") else "/document",
                               url=owner)
            hit["file_page"] = link("/file", url=hit["url"])
            hit["text_page"] = link("/file/text", url=hit["url"])
    context["hits"] = hits
    return context
