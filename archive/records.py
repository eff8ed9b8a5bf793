"""A record as the archive keeps it, without touching the archive: which fields are its
content, its content hash, and the row of ``articles`` or ``documents`` it makes; and the
rules for a URL that failed: its state after each failure and the run that tries it again.

The columns of those rows come from the record's own definition
(``crawler.kernel.record``): every key of ``RECORD_KEYS`` (``DOCUMENT_KEYS``) whose value
is no list; the lists (related links, images, attachments, citations, a document's
files) go to tables of their own, and an article's tags to a JSON column.
``archive.store``, the one writer, stores what this module shapes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime, timezone

from crawler.kernel.numbers import number_key
from crawler.kernel.record import DOCUMENT_KEYS, RECORD_KEYS, Article, Document

# What a page says of its article, as a re-parse or a comparison of versions reports it.
CONTENT_FIELDS = ("title", "published_at", "author", "summary", "body", "category", "tags",
                  "related", "images", "attachments")
# Fields whose change makes a new version of an article; fetched_at, parser and the
# markup are not among them, so a re-fetch of an unchanged article changes nothing.  Nor
# is the related list: "Tin cùng chuyên mục" shows the category's newest articles, and
# changes with every one published, not with the article (the fetch keeps what it showed).
VERSIONED_FIELDS = tuple(k for k in CONTENT_FIELDS if k != "related")

# Fields added to the record later: in the hash only when set, so that an article
# archived before they existed keeps its hash (and gets no new version) when nothing
# on its page changed.
LATER_CONTENT_FIELDS = ("source",)

# What a page says of an image or attachment; what the archive learns of its file
# (sha256, type, size) is no part of the article's content.
PAGE_FILE_FIELDS = {"images": ("url", "caption"), "attachments": ("url", "name")}


def _row_keys(record_type, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of ``keys`` whose values are no list (a list field is made by
    ``field(default_factory=list)``), in their order: the record's own columns."""
    lists = {f.name for f in dataclasses.fields(record_type) if f.default_factory is list}
    return tuple(key for key in keys if key not in lists)


# url, site, article_id, title, published_at, author, source, summary, body, body_html,
# category, fetched_at, parser
ARTICLE_ROW_KEYS = _row_keys(Article, RECORD_KEYS)
# url, site, number, title, kind, agency, issued, effective, signer, summary, text,
# fetched_at, parser
DOCUMENT_ROW_KEYS = _row_keys(Document, DOCUMENT_KEYS)


def utcnow() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def page_view(record: dict) -> dict:
    """A record as its page gave it: images and attachments without what the archive
    learnt of their files (a parser never knows those), for comparing records."""
    out = dict(record)
    for key, keep in PAGE_FILE_FIELDS.items():
        out[key] = [{k: item.get(k) for k in keep} for item in record.get(key) or []]
    return out


def content_hash(record: dict, fields: tuple[str, ...] = VERSIONED_FIELDS) -> str:
    """The hash of what makes a version of ``record``; with ``fields=CONTENT_FIELDS``, the
    hash archives made before the related list left it (``Archive._same_but_related``)."""
    fields = {k: record.get(k) for k in fields}
    fields.update(page_view({k: fields[k] for k in PAGE_FILE_FIELDS}))
    fields.update({k: record[k] for k in LATER_CONTENT_FIELDS if record.get(k) is not None})
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def shallow_record(article) -> dict:
    """``article.to_dict()`` without its deep copy of every value: what the store reads of
    a record, which it never changes."""
    record = {key: getattr(article, key) for key in RECORD_KEYS}
    for key in ("related", "images", "attachments"):
        record[key] = [dict(vars(item)) for item in record[key]]
    return record


def category_learned(record: dict, digest: str, stored: str) -> bool:
    """Whether ``record`` (of hash ``digest``) is the stored one (of hash ``stored``) with
    only its category known now.  A page that names no category takes a listing's; one
    stored before any listing showed it (a related link led there first) is completed
    when one does: the category was unknown, not edited, and makes no version."""
    return (digest != stored and record["category"] is not None
            and content_hash(dict(record, category=None)) == stored)


def article_row(record: dict) -> dict:
    """The ``articles`` columns of an article's record (``Article.to_dict()``): its own
    fields, its tags as JSON and its content hash."""
    row = {key: record[key] for key in ARTICLE_ROW_KEYS}
    row["tags"] = json.dumps(record["tags"], ensure_ascii=False)
    row["content_hash"] = content_hash(record)
    # searched with the article (schema m016), one per line
    row["captions"] = "\n".join(i["caption"] for i in record["images"] if i.get("caption")) or None
    return row


def document_row(document: Document) -> dict:
    """The ``documents`` columns of a document: its own fields, the key its number folds
    to, its content hash (of every field but fetched_at and parser) and its year."""
    record = document.to_dict()
    hashed = {k: v for k, v in record.items() if k not in ("fetched_at", "parser")}
    digest = hashlib.sha256(json.dumps(hashed, ensure_ascii=False, sort_keys=True,
                                       default=str).encode("utf-8")).hexdigest()
    row = {k: record[k] for k in DOCUMENT_ROW_KEYS}
    row.update(number_key=number_key(document.number), content_hash=digest,
               year=int(document.issued[:4]) if document.issued else None)
    return row


def next_try(run_id: int | None, attempts: int) -> int:
    """The run that tries a failed URL again: backoff counted in runs, the next run, then
    every 2nd, 4th, ... (at most 16th)."""
    return (run_id or 0) + min(2 ** (attempts - 1), 16)


def pending_state(gone: bool, attempts: int, max_attempts: int) -> str:
    """An article URL's state in ``pending`` after its ``attempts``-th failure."""
    if gone:
        return "gone"
    if attempts >= max_attempts:
        return "gave_up"
    return "pending"


def file_state(state: str | None, kind: str, attempts: int, max_attempts: int) -> str:
    """A file's state in ``files`` after its ``attempts``-th failure (of ``kind``), from
    its ``state`` before: a file archived before keeps its bytes and stays "archived"."""
    if state == "archived":
        return "archived"
    if kind == "too_large":
        return "too_large"
    if attempts >= max_attempts:
        return "gave_up"
    return "failed"
