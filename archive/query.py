"""Reading the archive: full records, counts, exports.  Never writes."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator

import sqlite_utils

from crawler.items import RECORD_KEYS


def _children(db: sqlite_utils.Database, table: str, fields: tuple[str, ...],
              urls: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {u: [] for u in urls}
    if not urls:
        return out
    marks = ",".join("?" * len(urls))
    cols = ", ".join(fields)
    for row in db.query(
        f"select article_url, {cols} from {table} where article_url in ({marks})"
        " order by article_url, position", urls):
        out[row["article_url"]].append({f: row[f] for f in fields})
    return out


def records(db: sqlite_utils.Database, where: str = "", params=(), order_by: str = "published_at, url",
            batch: int = 500) -> Iterator[dict]:
    """Full article records (the same keys as ``govnews parse``), in batches."""
    sql = "select * from articles"
    if where:
        sql += f" where {where}"
    sql += f" order by {order_by}"
    rows = db.query(sql, list(params))
    while True:
        chunk = [row for _, row in zip(range(batch), rows)]
        if not chunk:
            return
        urls = [r["url"] for r in chunk]
        related = _children(db, "related_links", ("url", "title"), urls)
        images = _children(db, "images", ("url", "caption"), urls)
        attachments = _children(db, "attachments", ("url", "name"), urls)
        for row in chunk:
            rec = {key: row.get(key) for key in RECORD_KEYS}
            rec["tags"] = json.loads(row["tags"] or "[]")
            rec["related"] = related[row["url"]]
            rec["images"] = images[row["url"]]
            rec["attachments"] = attachments[row["url"]]
            yield rec


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
    return {"articles": total, "by_site": by_site, "by_category": by_category,
            "by_month": by_month, "last_run": last_run}


def sites(db: sqlite_utils.Database) -> list[dict]:
    """Every site the archive knows: from its articles and from the runs that tried it.

    ``status``: "ok" (its last crawl answered), "failing" (with the reason), or "never
    reached" (no crawl ever got an answer from it)."""
    known: dict[str, dict] = {}
    for site, articles, newest in db.execute(
            "select site, count(*), max(published_at) from articles group by site"):
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
            status = "ok"
        out.append({**row, "layout": layout, "last_crawl": last["started_at"] if last else None,
                    "last_run": last["run_id"] if last else None, "status": status,
                    "reason": last["reason"] if last and last["status"] == "failing" else None,
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
    state = {
        "archived": archived,
        "shown": shown,
        "listing_members": members,
        "other_pages": {u for (u,) in db.execute("select url from pages where kind = 'other'")},
        "walked_listings": {u for (u,) in db.execute("select listing_url from listing_walks")},
        "validators": {},
        "canaries": {},
    }
    # The run about to start is the next row of crawl_runs.
    next_run = (db.execute("select max(id) from crawl_runs").fetchone()[0] or 0) + 1
    state["pending"] = [
        {"url": url, "listing_url": listing_url, "category": category, "reason": reason,
         "attempts": attempts}
        for url, listing_url, category, reason, attempts in db.execute(
            "select url, listing_url, category, reason, attempts from pending"
            f" where state = 'pending' and next_run_id <= ? and site in ({marks})"
            " order by last_failed_at", [next_run, *hosts])
        if url not in archived]
    for site in hosts:
        state["canaries"][site] = [u for (u,) in db.execute(
            "select url from articles where site = ? and gone_at is null"
            " order by published_at desc limit ?", [site, canaries])]
    if validators:
        for url, headers in db.execute(
                "select a.url, f.headers from articles a join fetches f on f.id = a.snapshot_id"
                f" where a.gone_at is null and a.site in ({marks})", hosts):
            pairs = json.loads(headers or "[]")
            etag, modified = header(pairs, "etag"), header(pairs, "last-modified")
            if etag or modified:
                state["validators"][url] = (etag, modified)
    return state
