"""Re-parse stored snapshots with today's parsers, without the network.

A parser fix reaches every archived article: each article's latest raw page is parsed again
and, where the record changes, the old record is kept in article_versions (marked
"reparse") and the new one replaces it.  The report says which fields changed how often.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawler.parsers import parse_article

from .query import header, records, snapshot
from .store import CONTENT_FIELDS, Archive


@dataclass
class ReparseReport:
    total: int = 0
    unchanged: int = 0
    changed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    fields: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # field -> one URL where it changed


def reparse(archive: Archive, batch: int = 200, dry_run: bool = False) -> ReparseReport:
    report = ReparseReport()
    db = archive.db
    rows = db.execute(
        "select url, snapshot_id from articles where snapshot_id is not null order by url"
    ).fetchall()
    pending = []
    for url, snapshot_id in rows:
        report.total += 1
        snap = snapshot(db, snapshot_id)
        try:
            article = parse_article(snap["body"], url, fetched_at=snap["fetched_at"],
                                    content_type=header(snap["headers"], "content-type"))
        except Exception as exc:  # one bad page must not stop the others
            report.failed.append((url, f"{type(exc).__name__}: {exc}"))
            continue
        if article is None or not article.title or not article.body:
            report.failed.append((url, "no longer parses as an article"))
            continue
        old = next(records(db, "url = ?", [url]))
        if article.category is None:
            article.category = old["category"]  # it came from a listing, not the page
        new = article.to_dict()
        changed = [k for k in CONTENT_FIELDS if new[k] != old[k]]
        if changed:
            report.changed += 1
            report.fields.update(changed)
            for k in changed:
                report.examples.setdefault(k, url)
        else:
            report.unchanged += 1
        if changed or new["parser"] != old["parser"] or new["body_html"] != old["body_html"]:
            pending.append((article, snapshot_id))
        if len(pending) >= batch and not dry_run:
            archive.store_reparsed(pending)
            pending = []
    if pending and not dry_run:
        archive.store_reparsed(pending)
    return report
