"""The archive's schema, as ordered migrations (sqlite-utils ``Migrations``).

A database made by any earlier version is brought up to date on open; a migration, once
released, is never edited: a change is a new migration appended at the end.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("govnews")

SCHEMA_NAME = "govnews"


@migrations()
def m001_articles(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "url": str,
            "site": str,
            "article_id": str,
            "title": str,
            "published_at": str,
            "author": str,
            "summary": str,
            "body": str,
            "body_html": str,
            "category": str,
            "tags": str,  # JSON list
            "fetched_at": str,
            "parser": str,
            "content_hash": str,
            "first_seen_at": str,
            "last_seen_at": str,
            "last_changed_at": str,
        },
        pk="url",
    )
    db["articles"].create_index(["site", "article_id"])
    db["articles"].create_index(["published_at"])
    db["articles"].create_index(["category"])
    for name, extra in (("related_links", {"url": str, "title": str}),
                        ("images", {"url": str, "caption": str}),
                        ("attachments", {"url": str, "name": str})):
        db[name].create(
            {"article_url": str, "position": int, **extra},
            pk=("article_url", "position"),
            foreign_keys=[("article_url", "articles", "url")],
        )
    db["related_links"].create_index(["url"])
    # Every listing an article was found in: one article, many categories, one row above.
    db["article_listings"].create(
        {"article_url": str, "listing_url": str, "category": str, "first_seen_at": str},
        pk=("article_url", "listing_url"),
    )


@migrations()
def m002_runs(db: sqlite_utils.Database) -> None:
    db["crawl_runs"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "sites": str,  # JSON list of start URLs
            "pid": int,
            "requests": int,
            "responses": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_unchanged": int,
            "errors": int,
            "errors_by_kind": str,  # JSON {kind: count}
            "settings": str,  # JSON of the options the run was started with
        },
        pk="id",
    )
    db["crawl_errors"].create(
        {"id": int, "run_id": int, "at": str, "url": str, "kind": str, "message": str},
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db["crawl_errors"].create_index(["run_id"])


def apply(db: sqlite_utils.Database) -> None:
    migrations.apply(db)
