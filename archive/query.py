"""Reading the archive: full records, counts, exports.  Never writes."""

from __future__ import annotations

import json
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
