"""Reading the archive: full records (articles, documents, files, stored fetches) for the
exports and the pages, counts and the sites' standing for ``govnews stats`` and ``sites``,
what an incremental crawl needs to know from earlier runs (``crawl_state``), the stored
values a filter may name (``distinct_values``) and the figures parser health compares a
run with.  Never writes."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import sqlite_utils

from crawler.kernel.record import RECORD_KEYS

# What the archive knows of a linked file, added to each image and attachment of a record
# (null until the file is archived).
FILE_FIELDS = ("sha256", "content_type", "bytes")


def _children(db: sqlite_utils.Database, table: str, fields: tuple[str, ...],
              urls: list[str], key: str = "article_url",
              with_files: bool = False) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {u: [] for u in urls}
    if not urls:
        return out
    marks = ",".join("?" * len(urls))
    cols = ", ".join(f"c.{f}" for f in fields)
    if with_files:
        cols += ", " + ", ".join(f"f.{f}" for f in FILE_FIELDS)
        join = " left join files f on f.url = c.url and f.sha256 is not null"
        fields = fields + FILE_FIELDS
    else:
        join = ""
    for row in db.query(
        f"select c.{key} as owner, {cols} from {table} c{join} where c.{key} in ({marks})"
        f" order by c.{key}, c.position", urls):
        out[row["owner"]].append({f: row[f] for f in fields})
    return out


def _batches(db, table: str, where: str, params, order_by: str, batch: int):
    """The rows of ``table`` (filtered, ordered) in lists of ``batch``, read lazily."""
    sql = f"select * from {table}" + (f" where {where}" if where else "") + f" order by {order_by}"
    rows = db.query(sql, list(params))
    while True:
        chunk = [row for _, row in zip(range(batch), rows)]
        if not chunk:
            return
        yield chunk


def records(db: sqlite_utils.Database, where: str = "", params=(), order_by: str = "published_at, url",
            batch: int = 500) -> Iterator[dict]:
    """Full article records (the same keys as ``govnews parse``), in batches."""
    for chunk in _batches(db, "articles", where, params, order_by, batch):
        urls = [r["url"] for r in chunk]
        related = _children(db, "related_links", ("url", "title"), urls)
        images = _children(db, "images", ("url", "caption"), urls, with_files=True)
        attachments = _children(db, "attachments", ("url", "name"), urls, with_files=True)
        cites = _children(db, "citations", ("number",), urls)
        for row in chunk:
            rec = {key: row.get(key) for key in RECORD_KEYS}
            rec["tags"] = json.loads(row["tags"] or "[]")
            rec["related"] = related[row["url"]]
            rec["images"] = images[row["url"]]
            rec["attachments"] = attachments[row["url"]]
            rec["cites"] = [c["number"] for c in cites[row["url"]]]
            yield rec


def documents(db: sqlite_utils.Database, where: str = "", params=(),
              order_by: str = "issued, number, url", batch: int = 500) -> Iterator[dict]:
    """Full document records (``crawler.kernel.record.DOCUMENT_KEYS``) plus ``cited_by``: the
    archived articles whose text names the document's number."""
    from crawler.kernel.record import DOCUMENT_KEYS

    for chunk in _batches(db, "documents", where, params, order_by, batch):
        urls = [r["url"] for r in chunk]
        files = _children(db, "document_files", ("url", "name"), urls, key="document_url",
                          with_files=True)
        for row in chunk:
            rec = {key: row.get(key) for key in DOCUMENT_KEYS}
            rec["files"] = files[row["url"]]
            rec["cited_by"] = [u for (u,) in db.execute(
                "select distinct article_url from citations where number_key = ?"
                " order by article_url", [row["number_key"]])] if row["number_key"] else []
            yield rec


def file_rows(db: sqlite_utils.Database, where: str = "", params=()) -> Iterator[dict]:
    """Every known file with its state, text status and what links it."""
    sql = ("select f.*, t.kind, t.status as text_status, t.reason as text_reason, t.pages"
           " from files f left join file_texts t on t.sha256 = f.sha256"
           + (f" where {where}" if where else "") + " order by f.url")
    yield from db.query(sql, list(params))


def stats(db: sqlite_utils.Database) -> dict:
    total = db.execute("select count(*) from articles").fetchone()[0]
    by_category = [
        {"category": r[0] or "(none)", "articles": r[1]}
        for r in db.execute(
            "select category, count(*) from articles group by category order by 2 desc, 1")
    ]
    by_month = [
        {"month": r[0] or "(undated)", "articles": r[1]}
        for r in db.execute(
            "select substr(published_at, 1, 7) as m, count(*) from articles group by m order by m")
    ]
    by_site = [
        {"site": r[0], "articles": r[1]}
        for r in db.execute("select site, count(*) from articles group by site order by 2 desc")
    ]
    last_run = next(db.query("select * from crawl_runs order by id desc limit 1"), None)
    documents = [{"kind": r[0] or "(none)", "documents": r[1]} for r in db.execute(
        "select kind, count(*) from documents group by kind order by 2 desc, 1")]
    files = [{"state": r[0], "files": r[1], "bytes": r[2] or 0} for r in db.execute(
        "select state, count(*), sum(bytes) from files group by state order by 2 desc")]
    texts = [{"status": r[0], "files": r[1]} for r in db.execute(
        "select status, count(*) from file_texts group by status order by 2 desc")]
    return {"articles": total, "by_site": by_site, "by_category": by_category,
            "by_month": by_month, "documents_by_kind": documents, "files_by_state": files,
            "file_texts_by_status": texts, "last_run": last_run}


def sites(db: sqlite_utils.Database) -> list[dict]:
    """Every site the archive knows: from its articles and from the runs that tried it.

    ``status``: "ok" (its last crawl answered), "degraded" (read, but worse than its
    history: its layout changed; with the reason), "failing" (with the reason), or "never
    reached" (no crawl ever got an answer from it)."""
    known: dict[str, dict] = {}
    # Counts from article_tallies (schema m014); each site's newest date from the index
    # on (site, published_at): no pass over the articles.
    for site, articles, newest in db.execute(
            "select site, sum(articles), (select max(published_at) from articles a"
            " where a.site is t.site) from article_tallies t group by site"
            " having sum(articles) > 0"):
        known[site] = {"site": site, "articles": articles, "newest": newest}
    for (site,) in db.execute("select distinct site from site_runs"):
        known.setdefault(site, {"site": site, "articles": 0, "newest": None})
    out = []
    for site, row in sorted(known.items()):
        last = next(db.query(
            "select s.*, r.started_at from site_runs s join crawl_runs r on r.id = s.run_id"
            " where s.site = ? order by s.run_id desc limit 1", [site]), None)
        reached = db.execute("select 1 from site_runs where site = ? and pages > 0 limit 1",
                             [site]).fetchone() or row["articles"]
        layout = last["layout"] if last and last["layout"] else None
        if layout is None:
            found = db.execute(
                "select parser from articles where site = ? group by parser"
                " order by count(*) desc limit 1", [site]).fetchone()
            layout = found[0] if found else None
        if last is None:
            status = "ok" if row["articles"] else "never reached"
        elif last["status"] == "failing":
            status = "failing" if reached else "never reached"
        else:
            status = "degraded" if last["status"] == "degraded" else "ok"
        said = last and last["status"] in ("failing", "degraded")
        out.append({**row, "layout": layout, "last_crawl": last["started_at"] if last else None,
                    "last_run": last["run_id"] if last else None, "status": status,
                    "reason": last["reason"] if said else None,
                    "start": bool(last["start"]) if last else None})
    return out


def snapshot(db: sqlite_utils.Database, fetch_id: int) -> dict | None:
    """One stored fetch with its body decompressed (``body``) and headers as pairs."""
    row = next(db.query(
        "select f.*, b.data, b.compression from fetches f join bodies b"
        " on b.sha256 = f.body_sha256 where f.id = ?", [fetch_id]), None)
    if row is None:
        return None
    row = dict(row)
    data = row.pop("data")
    compression = row.pop("compression")
    row["body"] = zlib.decompress(data) if compression == "zlib" else data
    row["headers"] = json.loads(row["headers"] or "[]")
    row["request_headers"] = json.loads(row["request_headers"] or "[]")
    return row


def header(pairs: list, name: str) -> str | None:
    name = name.lower()
    return next((v for k, v in pairs if k.lower() == name), None)


def fetches(db: sqlite_utils.Database, where: str = "", params=()) -> Iterator[dict]:
    """Every stored fetch in order, bodies decompressed one at a time."""
    sql = "select id from fetches" + (f" where {where}" if where else "") + " order by id"
    for (fetch_id,) in db.execute(sql, list(params)).fetchall():
        yield snapshot(db, fetch_id)


def _file_state(db: sqlite_utils.Database, hosts: list[str], next_run: int):
    """{url: (state, etag, last_modified)} of the files the pages of ``hosts`` link, and
    the URLs of those due for another try this run (never fetched, or failed or over
    the size cap and past their backoff: the cap may have been raised), linked first by
    the newest pages."""
    known, due = {}, []
    for url, state, etag, modified, is_due in linked_file_states(db, hosts, next_run):
        known[url] = (state, etag, modified)
        if is_due:
            due.append(url)
    return known, due


def linked_file_states(db, hosts: list[str], next_run: int) -> Iterator[tuple]:
    """(url, state, ETag, Last-Modified, due this run) of each file the pages of ``hosts``
    link, linked first by the newest pages: what ``_file_state`` keeps, one row at a time
    (the crawl keeps them on disk: ``archive.crawl_reads.EarlierRuns``)."""
    marks = ",".join("?" * len(hosts))
    linked = (
        "select i.url, a.published_at as at from images i join articles a"
        f" on a.url = i.article_url where a.site in ({marks})"
        " union all select t.url, a.published_at from attachments t join articles a"
        f" on a.url = t.article_url where a.site in ({marks})"
        " union all select df.url, d.issued from document_files df join documents d"
        f" on d.url = df.document_url where d.site in ({marks})")
    rows = db.execute(
        f"select f.url, f.state, f.next_run_id, h.headers, max(l.at) from ({linked}) l"
        " join files f on f.url = l.url left join fetches h on h.id = f.fetch_id"
        " group by f.url order by max(l.at) desc", list(hosts) * 3)
    for url, state, next_run_id, headers, _at in rows:
        pairs = json.loads(headers or "[]")
        due = state == "pending" or (state in ("failed", "too_large")
                                     and (next_run_id or 0) <= next_run)
        yield url, state, header(pairs, "etag"), header(pairs, "last-modified"), due


GONE_RECHECK_DAYS = 30
# A page found to be neither listing nor article is asked again after this many days.
OTHER_RECHECK_DAYS = 30


def crawl_state(db: sqlite_utils.Database, hosts: set[str], validators: bool = False,
                canaries: int = 10) -> dict:
    """What an incremental crawl of ``hosts`` needs to know from earlier runs."""
    marks = ",".join("?" * len(hosts))
    hosts = list(hosts)
    archived = {
        url: fetched_at for url, fetched_at in db.execute(
            f"select url, fetched_at from articles where gone_at is null and site in ({marks})",
            hosts)
    }
    known = _known_pages(db, hosts, marks)
    state = {"gone": known.pop("gone"), "archived": archived, **known, "validators": {},
             "canaries": {}}
    # The run about to start is the next row of crawl_runs.
    next_run = (db.execute("select max(id) from crawl_runs").fetchone()[0] or 0) + 1
    state["pending"] = [p for p in _pending(db, hosts, marks, next_run)
                        if p["url"] not in archived]
    for site in hosts:
        state["canaries"][site] = [u for (u,) in db.execute(
            "select url from articles where site = ? and gone_at is null"
            " order by published_at desc limit ?", [site, canaries])]
    # Documents of the registers: archived pages like articles (not fetched again by an
    # incremental run; a register walk stops at them).
    for url, fetched_at in db.execute(
            f"select url, fetched_at from documents where gone_at is null and site in ({marks})",
            hosts):
        archived[url] = fetched_at
    state["documents"] = {url for url, in db.execute(
        f"select url from documents where site in ({marks})", hosts)}
    state["files"], state["files_due"] = _file_state(db, hosts, next_run)
    if validators:
        state["validators"] = _validators(db, hosts, marks)
    return state


def _known_pages(db: sqlite_utils.Database, hosts: list[str], marks: str) -> dict:
    """The pages of ``hosts`` an incremental crawl knows before it starts: the live
    articles' titles (to notice edits from a listing), each listing's members, the
    articles gone lately, the pages that are neither, the listings walked to their end."""
    shown: dict[str, tuple] = {}  # url -> (title,), to notice edits from a listing
    for url, title in db.execute(
            f"select url, title from articles where gone_at is null and site in ({marks})",
            hosts):
        shown[url] = (title,)
    members: dict[str, list[tuple[str, str]]] = {}
    for listing_url, url, day in db.execute(
            "select l.listing_url, a.url, substr(a.published_at, 1, 10) from article_listings l"
            " join articles a on a.url = l.article_url"
            f" where a.gone_at is null and a.site in ({marks})", hosts):
        members.setdefault(listing_url, []).append((url, day))
    # Articles marked gone in the last GONE_RECHECK_DAYS: fetched again each run, for a
    # withdrawal may have been the portal's passing fault.
    since = (datetime.now(timezone.utc) - timedelta(days=GONE_RECHECK_DAYS)).isoformat()
    gone = {u for (u,) in db.execute(
        f"select url from articles where gone_at >= ? and site in ({marks})", [since, *hosts])}
    return {
        "gone": gone,
        "shown": shown,
        "listing_members": members,
        "other_pages": {u for (u,) in db.execute(
            "select url from pages where kind = 'other' and last_fetched_at >= ?",
            [(datetime.now(timezone.utc) - timedelta(days=OTHER_RECHECK_DAYS)).isoformat()])},
        # (with the layout that read each last)
        "walked_listings": dict(db.execute(
            "select w.listing_url, p.layout from listing_walks w"
            " left join pages p on p.url = w.listing_url")),
    }


def _pending(db: sqlite_utils.Database, hosts: list[str], marks: str,
             next_run: int) -> list[dict]:
    """The article URLs of ``hosts`` that failed and are due again in run ``next_run``,
    the longest-failing first."""
    return [
        {"url": url, "listing_url": listing_url, "category": category, "reason": reason,
         "attempts": attempts}
        for url, listing_url, category, reason, attempts in db.execute(
            "select url, listing_url, category, reason, attempts from pending"
            f" where state = 'pending' and next_run_id <= ? and site in ({marks})"
            " order by last_failed_at", [next_run, *hosts])]


def _validators(db: sqlite_utils.Database, hosts: list[str], marks: str) -> dict:
    """{url: (etag, last_modified)} of the live articles of ``hosts`` whose stored fetch
    gave either, for conditional requests."""
    out = {}
    for url, headers in db.execute(
            "select a.url, f.headers from articles a join fetches f on f.id = a.snapshot_id"
            f" where a.gone_at is null and a.site in ({marks})", hosts):
        pairs = json.loads(headers or "[]")
        etag, modified = header(pairs, "etag"), header(pairs, "last-modified")
        if etag or modified:
            out[url] = (etag, modified)
    return out


def distinct_values(db: sqlite_utils.Database, table: str, column: str) -> list:
    """Every value ``column`` of ``table`` holds, once each, NULL left out."""
    return [v for (v,) in db.execute(
        f"select distinct {column} from {table} where {column} is not null")]


# --- what parser health compares a run with (archive.health) ------------------------------

def last_finished_run_end(db: sqlite_utils.Database) -> str | None:
    """When the last run that finished (not killed, not still running) ended."""
    row = db.execute(
        "select max(finished_at) from crawl_runs where finished_at is not null"
        " and status not in ('running', 'crashed')").fetchone()
    return row[0] if row else None


def site_field_counts(db: sqlite_utils.Database, site: str, until: str) -> tuple:
    """Of the live articles of ``site`` first stored by ``until``: how many there are,
    and how many have a title, a date, a body, an author and related links."""
    return db.execute(
        "select count(*), count(nullif(title, '')), count(published_at), count(nullif(body, '')),"
        " count(author), sum(exists(select 1 from related_links r where r.article_url = a.url))"
        " from articles a where site = ? and gone_at is null and first_seen_at <= ?",
        [site, until]).fetchone()


def site_parser_counts(db: sqlite_utils.Database, site: str, until: str) -> dict[str, int]:
    """Of the live articles of ``site`` first stored by ``until``: how many each module
    read ("vnportal/1" and "vnportal/2" are both vnportal's)."""
    return dict(db.execute(
        "select substr(parser, 1, instr(parser || '/', '/') - 1), count(*) from articles"
        " where site = ? and gone_at is null and first_seen_at <= ? group by 1",
        [site, until]).fetchall())


def site_body_length(db: sqlite_utils.Database, site: str, until: str, rank: int):
    """The length of the body ``rank`` places from the shortest (0: the shortest) among
    the live articles of ``site`` first stored by ``until``."""
    return db.execute(
        "select length(body) from articles where site = ? and gone_at is null"
        " and first_seen_at <= ? order by length(body) limit 1 offset ?",
        [site, until, rank]).fetchone()[0]


def listed_counts(db: sqlite_utils.Database, site: str, before_run: int, runs: int) -> list[int]:
    """How many articles the site's listings showed in its last ``runs`` ok runs before
    ``before_run`` of the same mode as it, newest first."""
    return [n for (n,) in db.execute(
        "select s.listed from site_runs s join crawl_runs r on r.id = s.run_id"
        " where s.site = ? and s.run_id < ? and s.status = 'ok' and s.listed is not null"
        " and r.mode = (select mode from crawl_runs where id = ?)"
        " and r.status in ('ok', 'degraded') order by s.run_id desc limit ?",
        [site, before_run, before_run, runs])]


def tallied_articles(db: sqlite_utils.Database, since: str | None = None,
                     until: str | None = None, sites=None, categories=None
                     ) -> tuple[int, int | None, int | None]:
    """How many articles of ``sites`` and ``categories`` (None: any) were published in
    the months from ``since`` to ``until`` (bounds as ``archive.filters.date_bound``
    makes them), and the lowest and highest rowid they can have, by ``article_tallies``
    (schema m014): every month the bounds touch counts whole, and a span of rowids
    never narrows, so each is the most there can be.  Without bounds, undated ones count."""
    conds, params = ["articles > 0"], []
    for column, values in (("site", sites), ("category", categories)):
        if values is not None:
            conds.append(f"{column} in ({', '.join('?' * len(values))})")
            params += list(values)
    if since:
        conds.append("month >= ?")
        params.append(since[:7])
    if until:
        conds.append("month <= ?")
        params.append(until[:7])
    count, first, last = db.execute(
        "select coalesce(sum(articles), 0), min(first_rowid), max(last_rowid) from"
        f" article_tallies where {' and '.join(conds)}", params).fetchone()
    return count, first, last
