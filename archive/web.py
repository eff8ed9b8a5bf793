"""The archive in Datasette: ``govnews serve``, or ``make_datasette(path)`` in-process.

Datasette shows the tables as they are, with their metadata (``archive.web_metadata``:
titles, column descriptions, facets, default sorts, a ranked "search" query), the web
view's own pages (``archive.pages``) and a small plugin:

- **Search from the articles page** (and the documents' and files' texts).  Datasette's
  own ``_search`` filter is kept off these tables (``ArchiveDatabase``): it hands the
  text to MATCH as typed, so a lone ``"`` or an empty box is an error.  The plugin's
  ``filters_from_request`` takes ``_search`` (and ``_search_title``, ``_search_summary``,
  ``_search_body``, ``_search_author``: ``archive.web_search``) instead, folds it with
  ``archive.fts.fts_query`` (words only, each quoted: no input is FTS syntax), searches
  the index's folded twins of the columns (``archive.schema.folded_fts``) and turns the
  search box on.  The words are searched as a phrase, as ``govnews search`` does by
  default.
- **Month facet.**  A facet needs a column, and ``articles`` has no month column; adding
  one (a generated column, or a view) would change the schema the crawler writes to,
  which is for migrations alone.  A facet type registered by the plugin, ``month``,
  counts ``substr(published_at, 1, 7)`` and selects a month with Datasette's own
  ``published_at__startswith=YYYY-MM`` filter, so it combines with search and the other
  facets on the table page and reads the database as it is.
- **Heavy columns left out.**  Datasette has no metadata for columns hidden by default,
  so the HTML pages of ``articles``, ``bodies``, ``documents`` and ``file_texts`` get
  ``_nocol=`` added to their query string for the markup (``body_html``), the compressed
  body (``data``) and the folded twins the search index reads (``HIDDEN_COLUMNS``),
  unless it already picks columns (``_col``).  The JSON and CSV views keep every column;
  each row's own page shows it.

- **Read-only over HTTP.**  A POST (PUT, PATCH, DELETE) to the archive's database,
  table, row or query pages answers 405 Method Not Allowed (``asgi_wrapper``): Datasette
  itself fails one to a table page with a 500, and the archive has no query that writes.
- **Citing.**  ``/article/cite.bib``, ``/article/cite.ris`` (and ``/document/...``)
  download an article's or a document's BibTeX or RIS (``archive.citation``); the
  article and document pages get their citation ``<meta>`` tags and reference lines
  (``extra_template_vars``), made with the page's public address from the request.

Datasette opens the archive read-only (``mode=ro``); a crawl may write to it meanwhile.  A
WAL archive in a directory this user cannot write to (where SQLite cannot create the
``-shm`` file ``mode=ro`` needs) is opened ``immutable=1`` instead: nothing is written to
the file or its directory either way.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import time
import weakref
from collections import OrderedDict
from pathlib import Path
from urllib.parse import parse_qsl

import sqlite_utils
from datasette import hookimpl
from datasette.app import Datasette
from datasette.database import Database, QueryInterrupted
from datasette.facets import ColumnFacet, Facet
from datasette.plugins import pm
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_removed_args,
)
from datasette.utils.asgi import Response
from datasette.views.base import DatasetteError
from markupsafe import Markup, escape

from crawler.kernel.text import canonical_url

from .access import needs_immutable
from .citation import bibtex, ris
from .fts import DOCUMENT_FOLDED, FOLDED, fts_query
from .links import link
from .page_article import citation_of, cite_context
from .pages import route_list
from .queries_web import (
    ARTICLE_COUNT_SQL,
    column_facet_tally_sql,
    month_facet_sql,
    month_facet_tally_sql,
)
from .search import HIGHLIGHT, unfold_snippet
from .web_metadata import DATABASE, MATCH_FUNCTION, UNFOLD_FUNCTION, metadata
from .web_paging import paged, primary_key_terms, without_key
from .web_search import (
    NO_MATCH,
    SEARCHABLE,
    beyond_limit,
    facet_limit,
    limit_facet,
    reread,
    search_filters,
)

PLUGIN_NAME = "govnews"
# Columns left out of a table's HTML page unless the URL picks columns with _col.
# The folded twins the search index reads (schema.folded_fts) are the same text again.
HIDDEN_COLUMNS = {"articles": ("body_html", *FOLDED),
                  "bodies": ("data",),
                  "documents": DOCUMENT_FOLDED,
                  "file_texts": ("text_f",)}
SETTINGS = {
    # A body is thousands of characters: a table page shows the start of each.
    "truncate_cells_html": 300,
    # Facets count over the whole archive (or the whole search result).
    "facet_time_limit_ms": 1000,
    # The facets in the metadata are the useful ones; suggestions would list a dozen
    # timestamp columns, each tried on every page view.
    "suggest_facets": False,
}

# Datasette lists every column description above a table; the articles table has twenty.
# The list is kept (the column menus show the same text) but as a short scrolling box, so
# the search box and the rows stay in view.
STYLESHEET_PATH = "/-/govnews.css"
STYLESHEET = """\
dl.column-descriptions {
  display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em;
  max-height: 7.5em; overflow-y: auto; font-size: 0.85em;
  border: 1px solid #ddd; padding: 0.3em 0.6em; }
dl.column-descriptions dt, dl.column-descriptions dd { margin: 0; }
mark { background: #fff3a3; }
"""

TEMPLATES = Path(__file__).parent / "templates"
# The web view's own pages (archive.pages): text set for reading Vietnamese.
PAGES_STYLESHEET = """\
.govnews { max-width: 68em; }
.reading { max-width: 40em; font-family: "Noto Serif", "Source Serif Pro", "DejaVu Serif",
  Georgia, "Times New Roman", serif; font-size: 1.1em; line-height: 1.6; }
.reading h1.article-title { font-size: 1.8em; line-height: 1.25; margin: 0.2em 0 0.4em; }
.reading .lead { font-weight: bold; }
.reading figure { margin: 1em 0; } .reading figure img { max-width: 100%; height: auto; }
.reading figcaption { font-style: italic; font-size: 0.9em; color: #444; }
.kicker, .byline, .meta { color: #555; font-size: 0.9em; }
.record { border-top: 1px solid #ccc; margin-top: 2em; max-width: 40em; }
.record dl, dl.properties { display: grid; grid-template-columns: max-content 1fr;
  gap: 0.2em 1em; } .record dd, dl.properties dd { margin: 0; overflow-wrap: anywhere; }
.citation textarea { width: 100%; font-family: inherit; }
.gone, .missing { background: #fdecea; padding: 0.4em 0.6em; }
.original { color: #666; font-size: 0.85em; overflow-wrap: anywhere; }
del { background: #fdd; text-decoration: line-through; } ins { background: #dfd;
  text-decoration: none; }
.diff-text { white-space: pre-wrap; line-height: 1.6; max-width: 46em; }
iframe.stored-page { width: 100%; height: 75vh; border: 1px solid #999; }
svg.chart { max-width: 100%; height: auto; } figure { margin: 1em 0 2em; }
.hits li { margin-bottom: 1em; } .hits .kind { font-size: 0.8em; text-transform: uppercase;
  background: #eee; padding: 0 0.3em; margin-right: 0.4em; }
.status-ok, td.ok { color: #1a7f37; } .status-degraded, td.degraded, .status-fetch_errors,
.status-storage_error, .status-crashed { color: #b3261e; }
.syntax pre { white-space: pre-wrap; }
"""

# Methods the archive's Datasette pages answer; any other is 405 Method Not Allowed.
READ_METHODS = ("GET", "HEAD")
# The downloads of /article/cite.bib and /article/cite.ris (and /document/...).
CITE_FORMATS = {"bib": (bibtex, "application/x-bibtex; charset=utf-8"),
                "ris": (ris, "application/x-research-info-systems; charset=utf-8")}
# The pages whose template gets citation_meta and cite, and what they show.
CITED_TEMPLATES = {"govnews_article.html": "article", "govnews_document.html": "document"}

# The Datasette instances made by make_datasette, with their archive's database name:
# the plugin is registered once per process and leaves every other Datasette alone.
_ARCHIVES: weakref.WeakKeyDictionary[Datasette, str] = weakref.WeakKeyDictionary()


def match_expression(text: str | None) -> str:
    """The MATCH expression for user text: folded words as a phrase, or NO_MATCH."""
    try:
        return fts_query(text or "") or NO_MATCH
    except ValueError:  # a query that only leaves things out finds nothing
        return NO_MATCH


class ArchiveDatabase(Database):
    """The archive, to Datasette.  Datasette would find the search indexes of
    ``SEARCHABLE`` (``content=[table]``) and search them itself, passing the text to MATCH
    as typed (a lone ``"`` is an error there, and an empty box too); the plugin's
    ``filters_from_request`` searches them instead, folded and quoted as ``govnews
    search`` does.  Plain ``datasette archive.db`` finds them and searches them itself:
    the index answers it too (``archive.schema.folded_fts``)."""

    async def fts_table(self, table):
        if table in SEARCHABLE:
            return None
        return await super().fts_table(table)

    _kept_counts: tuple | None = None  # (files' state, limit, counts): see table_counts
    _ties: dict | None = None  # table -> its primary key's ORDER BY terms: see execute
    _counted: OrderedDict | None = None  # (files' state, SQL, params) -> Results: see execute

    async def execute(self, sql, params=None, *args, **kwargs):
        """Datasette's query as the archive answers it best: a table page's as
        ``archive.web_paging.paged`` says, a search of most of the table as
        ``archive.web_search.reread`` says.  Hand-written: no hook reaches that SQL.

        A count (a page's rows, a facet's, a search's size) is kept until the archive's
        files change, as table_counts keeps the tables': one search's pages count once."""
        if self._ties is None:
            self._ties = await self.execute_fn(primary_key_terms)
        sql = paged(reread(sql), self._ties)
        if not _COUNTING.search(sql):
            return await super().execute(sql, params, *args, **kwargs)
        if self._counted is None:
            self._counted = OrderedDict()
        key = (_file_state(self.path), sql, repr(params))
        if key in self._counted:
            self._counted.move_to_end(key)
            return self._counted[key]
        results = await super().execute(sql, params, *args, **kwargs)
        self._counted[key] = results
        while len(self._counted) > COUNTS_KEPT:
            self._counted.popitem(last=False)
        return results

    async def table_counts(self, limit=10):
        """Each table's row count, None when counting takes more than ``limit`` ms, as
        Datasette's own, but a limit that holds: its plain ``count(*)`` is one SQLite
        instruction (OP_Count) that its time limit cannot interrupt, seconds on a large
        archive's search index (``where 1`` makes it a loop that can be).  The articles
        are counted by article_tallies (schema m014), exact and at once.  The counts are
        kept until the archive's files change (a crawl's commit changes its WAL file)."""
        state = _file_state(self.path)
        kept = self._kept_counts
        if kept is not None and kept[:2] == (state, limit):
            return dict(kept[2])
        tables = await self.table_names()

        def count(conn) -> dict:
            counts = {}  # in one call: Datasette's thread hop per query is a millisecond
            for table in tables:
                if table == "articles" and "article_tallies" in tables:
                    # a row per month, site and category: summed whole, no limit
                    counts[table] = conn.execute(ARTICLE_COUNT_SQL).fetchone()[0]
                    continue
                deadline = time.perf_counter() + limit / 1000
                # checked every 1,000 instructions (Datasette checks every one under 20
                # ms: a Python call per row counted)
                conn.set_progress_handler(lambda d=deadline: time.perf_counter() > d, 1000)
                try:
                    counts[table] = conn.execute(
                        f"select count(*) from {escape_sqlite(table)} where 1").fetchone()[0]
                except sqlite3.DatabaseError:  # interrupted, or unreadable
                    counts[table] = None
                finally:
                    conn.set_progress_handler(None, 1000)
            return counts

        counts = await self.execute_fn(count)
        self._kept_counts = (state, limit, counts)
        return dict(counts)


# The counts ArchiveDatabase.execute keeps: a count of rows, a facet's counts, the
# article tallies.
_COUNTING = re.compile(r"^\s*select count\(\*\) from |\bas value, count\(\*\) as count from \("
                       r"|\bfrom article_tallies\b")
COUNTS_KEPT = 512


def _file_state(path: str | None) -> tuple:
    """The size and modification time of a database's file and its WAL file."""
    state = []
    for name in (path, f"{path}-wal") if path else ():
        try:
            stat = os.stat(name)
        except OSError:
            state.append(None)
        else:
            state.append((stat.st_size, stat.st_mtime_ns))
    return tuple(state)


class ArchiveDatasette(Datasette):
    """Datasette, for an archive whose metadata is fixed when it is served
    (``archive.web_metadata``).  Datasette 0.65 deep-copies the whole metadata for each
    check of a table's permissions, several for each table on the database page (a
    tenth of a second at each view of it); the answer for a table is kept instead, and
    a plugin's metadata (the ``get_metadata`` hook) is then not read again."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._table_allows: dict[tuple[str, str], list] = {}

    def _table_permission_allows(self, database, table):
        key = (database, table)
        if key not in self._table_allows:
            self._table_allows[key] = super()._table_permission_allows(database, table)
        return list(self._table_allows[key])


def unfold(snippet, *originals) -> str:
    return unfold_snippet(snippet or "", originals)


def make_datasette(db_path: str | os.PathLike, *, name: str = DATABASE) -> Datasette:
    """A Datasette serving the archive at ``db_path`` as ``/name``, with the metadata and
    plugin above.  The archive must exist (``archive.store.Archive`` makes and migrates
    one)."""
    if not os.path.exists(db_path):
        raise FileNotFoundError(f"no archive at {db_path}")
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(ArchivePlugin(), name=PLUGIN_NAME)
    ds = ArchiveDatasette(metadata=metadata(name), settings=SETTINGS,
                          template_dir=str(TEMPLATES))
    # Datasette adds an in-memory database when given no files; only the archive is shown.
    ds.remove_database("_memory")
    # mode=ro when SQLite can share the WAL index with a crawl; immutable=1 when it may
    # not create one (a read-only directory: then nobody is writing to it either).
    mutable = not needs_immutable(db_path)
    ds.add_database(ArchiveDatabase(ds, path=str(db_path), is_mutable=mutable), name=name)
    _ARCHIVES[ds] = name
    return ds


def listen_socket(host: str = "127.0.0.1", port: int = 8001) -> socket.socket:
    """A socket bound to ``host:port`` (as uvicorn binds, with SO_REUSEADDR), for
    ``serve``: binding first tells "port in use" apart before anything starts, and
    leaves no moment in which another process could take the port.  Raises OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def serve(db_path: str | os.PathLike, host: str = "127.0.0.1", port: int = 8001,
          sock: socket.socket | None = None) -> None:
    """Serve the archive until interrupted, on ``sock`` if given (see listen_socket),
    else on ``host:port``.  uvicorn raises SystemExit if it cannot start."""
    import datasette.handle_exception
    import uvicorn

    # Datasette prints every exception its pages answer, a reader's 404 included, with its
    # locals through rich when rich is importable (govnews's progress display needs it):
    # a mistyped address would fill the terminal.  Without rich it prints a plain traceback
    # of what is not one of Datasette's own answers (a 404, a 400): the real failures.
    datasette.handle_exception.rich = None
    ds = make_datasette(db_path)
    sock = sock or listen_socket(host, port)
    try:
        config = uvicorn.Config(ds.app(), host=host, port=sock.getsockname()[1],
                                log_level="warning")
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()


def _ours(datasette, database) -> bool:
    return database is not None and _ARCHIVES.get(datasette) == database


async def _counted(facet, sql_of, key_of, hide_arg: str):
    """``facet_results`` of a facet of the plugin's: for each column configured, the
    counts ``sql_of(column, size)`` gives (rows of value and count, at most size + 1),
    each value toggling the filter ``key_of(column)=value`` as Datasette's column facet
    toggles its own; ``hide_arg``: the query argument that names the facet."""
    results, timed_out = [], []
    pairs = facet.get_querystring_pairs()
    size = facet.get_facet_size()
    for source_and_config in facet.get_configs():
        config, source = source_and_config["config"], source_and_config["source"]
        column = config.get("column") or config["simple"]
        if beyond_limit(facet):
            timed_out.append(column)
            continue
        try:
            rows = await facet.ds.execute(
                facet.database, sql_of(column, size), facet.params, truncate=False,
                custom_time_limit=facet_limit(facet))
        except QueryInterrupted:
            timed_out.append(column)
            continue
        key, values = key_of(column), []
        for row in rows.rows[:size]:
            selected = (key, str(row["value"])) in pairs
            change = path_with_removed_args if selected else path_with_added_args
            path = change(facet.request, {key: str(row["value"])})
            values.append({"value": row["value"], "label": row["value"],
                           "count": row["count"], "selected": selected,
                           "toggle_url": facet.ds.absolute_url(
                               facet.request, facet.ds.urls.path(path))})
        results.append({
            "name": column, "type": facet.type, "hideable": source != "metadata",
            "toggle_url": facet.ds.urls.path(
                path_with_removed_args(facet.request, {hide_arg: column})),
            "results": values, "truncated": len(rows) > size,
        })
    return results, timed_out


def _whole_articles(facet) -> bool:
    """Whether the facet counts the whole articles table (no filter, no search)."""
    return facet.table == "articles" and facet.sql.rstrip().endswith(" from articles")


class MonthFacet(Facet):
    """Counts per month (``YYYY-MM``, the first 7 characters of an ISO date), newest
    first; selecting one adds ``COLUMN__startswith=YYYY-MM``.  The articles' months over
    the whole table are read from article_tallies (schema m014)."""

    type = "month"

    async def facet_results(self):
        self.sql = without_key(self.sql)

        def sql_of(column, size):
            if column == "published_at" and _whole_articles(self):
                return month_facet_tally_sql(size)
            return month_facet_sql(escape_sqlite(column), self.sql, size)

        return await _counted(self, sql_of, lambda column: f"{column}__startswith",
                              "_facet_month")


class TallyFacet(ColumnFacet):
    """Datasette's column facet, for the articles' site and category: over the whole
    table (no filter, no search) it reads the counts of article_tallies (schema m014,
    kept by triggers) instead of grouping every article at each page view; otherwise it
    counts the rows shown, as the column facet does."""

    type = "tally"

    async def facet_results(self):
        self.sql = without_key(self.sql)
        if not _whole_articles(self):
            if beyond_limit(self):
                return [], [config["config"].get("column") or config["config"]["simple"]
                            for config in self.get_configs()]
            limit_facet(self)
            return await super().facet_results()
        return await _counted(self, column_facet_tally_sql, lambda column: column,
                              "_facet_tally")


_HIGHLIGHTED = re.compile(re.escape(str(escape(HIGHLIGHT[0]))) + "(.+?)"
                          + re.escape(str(escape(HIGHLIGHT[1]))))


class ArchivePlugin:
    """Datasette plugin hooks for archives made by make_datasette (registered once)."""

    __name__ = PLUGIN_NAME  # Datasette's /-/plugins lists plugins by __name__

    @hookimpl
    def handle_exception(self, datasette, exception):
        """A table page asked to sort by a column it lacks (a link edited by hand) is the
        reader's mistake, a 400; Datasette calls it a server error, 500."""
        if (datasette in _ARCHIVES and isinstance(exception, DatasetteError)
                and exception.status == 500 and str(exception.message).startswith(
                    ("Cannot sort table by", "Cannot use _sort and _sort_desc"))):
            exception.status = 400  # Datasette's own handler then answers with it

    @hookimpl
    def prepare_connection(self, conn, database, datasette):
        if _ours(datasette, database):
            conn.create_function(MATCH_FUNCTION, 1, match_expression, deterministic=True)
            conn.create_function(UNFOLD_FUNCTION, 6, unfold, deterministic=True)

    # trylast: Datasette's own search filter (which finds no FTS table for these tables:
    # ArchiveDatabase) sets supports_search to False; this one has the last word.
    @hookimpl(trylast=True)
    def filters_from_request(self, request, database, table, datasette):
        if table not in SEARCHABLE or not _ours(datasette, database):
            return None
        return search_filters(request, datasette.get_database(database), table)

    @hookimpl
    def register_routes(self, datasette):
        async def stylesheet():
            return Response(STYLESHEET + PAGES_STYLESHEET,
                            content_type="text/css; charset=utf-8")

        name = _ARCHIVES.get(datasette) or DATABASE

        async def cite_download(request):
            return await _cite_download(datasette, name, request)

        routes = [(f"^{re.escape(STYLESHEET_PATH)}$", stylesheet),
                  (r"^/(?P<kind>article|document)/cite\.(?P<fmt>bib|ris)$", cite_download)]
        return routes + route_list(name)

    @hookimpl
    def extra_template_vars(self, template, request, datasette):
        # The citation of an article's or document's page, with its public address: the
        # request is here, where archive.pages' data functions only get the database.
        kind, name = CITED_TEMPLATES.get(template), _ARCHIVES.get(datasette)
        if kind is None or name is None or request is None:
            return None

        async def citation_vars():
            url = (request.args.get("url") or "").strip()
            found = await _citation(datasette, name, kind, canonical_url(url), request) \
                if url else None
            return cite_context(found) if found is not None else {}

        return citation_vars

    @hookimpl
    def extra_css_urls(self, database, datasette):
        if _ours(datasette, database):
            return [datasette.urls.path(STYLESHEET_PATH)]
        return None

    @hookimpl
    def register_facet_classes(self):
        return [MonthFacet, TallyFacet]

    @hookimpl
    def render_cell(self, row, value, column, table, database, datasette):
        if not _ours(datasette, database) or not isinstance(value, str):
            return None
        # Every row of the articles (documents) table: its title links to its own page
        # (the url column is the key, which Datasette links to the row's page).
        page = {"articles": "/article", "documents": "/document"}.get(table or "")
        if page and column == "title" and row is not None and "url" in row.keys():  # noqa: SIM118 - a Row's "in" looks at values
            return Markup('<a href="{}">{}</a>').format(link(page, url=row["url"]), value)
        # The "search" query's snippets: the matched words marked, the rest escaped.
        if column == "snippet" and table is None:
            return Markup(_HIGHLIGHTED.sub(r"<mark>\1</mark>", str(escape(value))))
        if table is None and column == "url" and value.startswith(("http://", "https://")):
            return Markup('<a href="{}">{}</a>').format(link("/article", url=value), value)
        return None

    @hookimpl
    def asgi_wrapper(self, datasette):
        # Datasette builds its app (for datasette.client) inside its constructor, before
        # make_datasette has recorded it: which archive it serves is looked up per request.
        def wrap(app):
            async def read_only_and_light(scope, receive, send):
                name = _ARCHIVES.get(datasette)
                if name is not None and scope["type"] == "http":
                    if _writes_to(scope, name):
                        await Response.text("Method not allowed", status=405, headers={
                            "Allow": ", ".join(READ_METHODS)}).asgi_send(send)
                        return
                    table = (scope.get("path") or "").removeprefix(f"/{name}/")
                    cols = HIDDEN_COLUMNS.get(table)
                    if cols and scope["path"] == f"/{name}/{table}":
                        scope = dict(scope, query_string=_with_nocol(
                            scope.get("query_string") or b"", cols))
                await app(scope, receive, send)

            return read_only_and_light

        return wrap


def _writes_to(scope, name: str) -> bool:
    """Whether a request asks anything but to read of the database ``name``'s pages (the
    database, its tables, rows and queries, in any format)."""
    path = scope.get("path") or ""
    ours = path == f"/{name}" or path.startswith((f"/{name}/", f"/{name}."))
    return ours and scope.get("method", "GET").upper() not in READ_METHODS


async def _citation(datasette, name: str, kind: str, url: str, request):
    """The ``archive.citation.Work`` of the article or document at ``url`` (None: not in
    the archive), its reading page's public address taken from ``request``."""
    page = datasette.absolute_url(request, datasette.urls.path(link(f"/{kind}", url=url)))

    def read(conn):
        return citation_of(sqlite_utils.Database(conn), kind, url, page)

    return await datasette.get_database(name).execute_fn(read)


async def _cite_download(datasette, name: str, request) -> Response:
    """/article/cite.bib?url=URL and the like: the record's BibTeX or RIS, to save."""
    kind, fmt = request.url_vars["kind"], request.url_vars["fmt"]
    url = (request.args.get("url") or "").strip()
    if not url:
        return Response.text(f"give the {kind}'s address: /{kind}/cite.{fmt}?url=https://…",
                             status=400)
    found = await _citation(datasette, name, kind, canonical_url(url), request)
    if found is None:
        return Response.text(f"the archive has no {kind} at {url}", status=404)
    write, content_type = CITE_FORMATS[fmt]
    return Response(write(found), content_type=content_type, headers={
        "Content-Disposition": f'attachment; filename="{found.key}.{fmt}"',
        "X-Content-Type-Options": "nosniff"})


def _with_nocol(query_string: bytes, columns: tuple[str, ...]) -> bytes:
    """``query_string`` with ``_nocol=`` for each of ``columns``, unless it chooses its
    columns itself (``_col``) or already leaves them out."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    if any(k == "_col" for k, _ in pairs):
        return query_string
    left_out = {v for k, v in pairs if k == "_nocol"}
    extra = "&".join(f"_nocol={c}" for c in columns if c not in left_out)
    if not extra:
        return query_string
    return query_string + b"&" + extra.encode() if query_string else extra.encode()
