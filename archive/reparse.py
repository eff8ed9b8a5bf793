"""Re-parse stored snapshots with today's parsers, without the network.

A parser fix reaches every archived article: each article's latest raw page is parsed again
and, where the record changes, the old record is kept in article_versions (marked
"reparse") and the new one replaces it.  The report says which fields changed how often.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from crawler.parsers import load, parse_article, parse_document

from .query import documents, header, records, snapshot
from .records import CONTENT_FIELDS, page_view
from .store import Archive


@dataclass
class ReparseReport:
    total: int = 0
    unchanged: int = 0
    changed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    fields: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # field -> one URL where it changed
    documents: int = 0
    documents_changed: int = 0


# Told (pages taken up so far, pages in all) as each article's and document's page is.
Progress = Callable[[int, int], None]


def reparse(archive: Archive, batch: int = 200, dry_run: bool = False,
            progress: Progress | None = None) -> ReparseReport:
    """Re-parse every article's and document's latest stored page; ``progress``, if
    given, is told as each page is taken up how many have been, of how many."""
    report = ReparseReport()
    db = archive.db
    rows = db.execute(
        "select url, snapshot_id from articles where snapshot_id is not null order by url"
    ).fetchall()
    tick = None
    if progress:
        documents = db.execute(
            "select count(*) from documents where snapshot_id is not null").fetchone()[0]
        tick = _counting(progress, len(rows) + documents)
    pending = []
    for url, snapshot_id in rows:
        report.total += 1
        if tick:
            tick()
        snap = snapshot(db, snapshot_id)
        old = page_view(next(records(db, "url = ?", [url])))
        try:  # (a page that prints no date has the one its listing printed)
            article = parse_article(snap["body"], url, fetched_at=snap["fetched_at"],
                                    content_type=header(snap["headers"], "content-type"),
                                    listed_at=old["published_at"])
        except Exception as exc:  # one bad page must not stop the others
            report.failed.append((url, f"{type(exc).__name__}: {exc}"))
            continue
        if article is None or not article.title or not article.body:
            report.failed.append((url, "no longer parses as an article"))
            continue
        if article.category is None:
            article.category = old["category"]  # it came from a listing, not the page
        new = page_view(article.to_dict())
        changed = [k for k in CONTENT_FIELDS if new[k] != old[k]]
        if changed:
            report.changed += 1
            report.fields.update(changed)
            for k in changed:
                report.examples.setdefault(k, url)
        else:
            report.unchanged += 1
        if (changed or new["parser"] != old["parser"] or new["body_html"] != old["body_html"]
                or new["cites"] != old["cites"]):
            pending.append((article, snapshot_id))
        if len(pending) >= batch and not dry_run:
            archive.store_reparsed(pending)
            pending = []
    if pending and not dry_run:
        archive.store_reparsed(pending)
    _reparse_documents(archive, report, dry_run, tick)
    return report


def _counting(progress: Progress, total: int) -> Callable[[], None]:
    """A callback that tells ``progress`` one more page is done, of ``total``."""
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        progress(done, total)

    return tick


def _reparse_documents(archive: Archive, report: ReparseReport, dry_run: bool,
                       tick: Callable[[], None] | None = None) -> None:
    """The registers' documents, from their stored pages, the same way."""
    db = archive.db
    changed = []
    for url, snapshot_id in db.execute("select url, snapshot_id from documents where"
                                       " snapshot_id is not null order by url").fetchall():
        report.documents += 1
        if tick:
            tick()
        snap = snapshot(db, snapshot_id)
        try:
            document = parse_document(load(snap["body"], header(snap["headers"], "content-type")),
                                      url, snap["fetched_at"])
        except Exception as exc:  # one bad page must not stop the others
            report.failed.append((url, f"{type(exc).__name__}: {exc}"))
            continue
        if document is None:
            report.failed.append((url, "no longer parses as a document"))
            continue
        old = next(documents(db, "url = ?", [url]))
        new = document.to_dict()
        keys = [k for k in new if k not in ("fetched_at", "parser", "files")]
        if any(new[k] != old[k] for k in keys) or [(f["url"], f["name"]) for f in new["files"]] \
                != [(f["url"], f["name"]) for f in old["files"]]:
            report.documents_changed += 1
            changed.append((document, snapshot_id))
    if changed and not dry_run:
        archive.store_reparsed_documents(changed)
