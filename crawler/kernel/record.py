"""The record: the one contract between parsing and storage (the kernel's record types).

An ``Article`` is what a parser makes of one page and what the archive stores.  Its
``to_dict()`` is the JSON record printed by ``govnews parse`` and written, one per line,
by ``govnews export --format jsonl``; key order is fixed so exports diff cleanly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

RECORD_KEYS = (
    "url",
    "site",
    "article_id",
    "title",
    "published_at",
    "author",
    "source",
    "summary",
    "body",
    "body_html",
    "category",
    "tags",
    "related",
    "images",
    "attachments",
    "cites",
    "fetched_at",
    "parser",
)


@dataclass
class Link:
    url: str
    title: str | None = None


# An image's or attachment's file as the archive keeps it: the sha256 of its bytes, the
# type the server gave and its size; null until the file is archived (a parser never
# knows them; the archive's records do).


@dataclass
class Image:
    url: str
    caption: str | None = None
    sha256: str | None = None
    content_type: str | None = None
    bytes: int | None = None


@dataclass
class Attachment:
    url: str
    name: str | None = None
    sha256: str | None = None
    content_type: str | None = None
    bytes: int | None = None


@dataclass
class Article:
    url: str
    site: str
    title: str
    body: str
    article_id: str | None = None
    published_at: str | None = None
    author: str | None = None
    # A credit to an organisation or another paper ("Nguồn: Sở Y tế", "Theo baonghean.vn"),
    # never a person: that is ``author``.  A page can have both.
    source: str | None = None
    summary: str | None = None
    body_html: str = ""
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # Document numbers the text names ("1205/QĐ-UBND"), canonical, in order, once each:
    # derived from the text (kernel.numbers.citations), so no part of the content hash.
    cites: list[str] = field(default_factory=list)
    fetched_at: str | None = None
    # "name/version" of the parser that produced the record, so a record can be traced
    # to the code that made it and re-made when that code changes.
    parser: str | None = None
    # Which source answered each field ("jsonld", "meta", "layout", "generic", ...).
    # Diagnostic only: kept out of the record's public keys.
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {key: data[key] for key in RECORD_KEYS}



DOCUMENT_KEYS = ("url", "site", "number", "title", "kind", "agency", "issued", "effective",
                 "signer", "summary", "files", "text", "fetched_at", "parser")


@dataclass
class DocFile:
    url: str
    name: str | None = None


@dataclass
class Document:
    """One document of a register (văn bản: a decision, a plan, an official letter): the
    record ``govnews export --kind documents`` writes, with ``cited_by`` added there.
    Dates are ISO (YYYY-MM-DD); ``kind`` is the full name ("Quyết định")."""

    url: str
    site: str
    number: str | None
    title: str | None
    kind: str | None = None
    agency: str | None = None
    issued: str | None = None
    effective: str | None = None
    signer: str | None = None
    summary: str | None = None
    files: list[DocFile] = field(default_factory=list)
    text: str | None = None
    fetched_at: str | None = None
    parser: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {key: data[key] for key in DOCUMENT_KEYS}


@dataclass
class FileFetched:
    """A linked file that answered: its bytes are in the response's snapshot."""

    url: str
    status: int
    sha256: str | None = None
    content_type: str | None = None
    bytes: int | None = None


@dataclass
class ListingEntry:
    """One item of a category listing page (or of a LoadArticle pagination fragment)."""

    url: str
    title: str | None = None
    published_at: str | None = None
    summary: str | None = None
    image: str | None = None


@dataclass
class Listing:
    """What a parser makes of a category listing page."""

    url: str
    category: str | None = None
    entries: list[ListingEntry] = field(default_factory=list)
    # POST pagination parameters read from the page's inline script (vnPortal), or {}.
    pagination: dict[str, str] = field(default_factory=dict)
    max_page: int = 1
    # Its other pages as its own pager links them, for a listing paged in its URL whose
    # pager no layout knows (a register's "?pageindex=2", "Trang sau"): fetched as pages.
    pager_links: list[str] = field(default_factory=list)
    # The layout ("name/version") whose listing this is: it knows how its pages 2+ are asked.
    layout: str | None = None
    # Its pager numbers a few pages and its script no count of them: max_page is the last
    # page shown, and a full last page may have more after it.
    pages_open: bool = False


@dataclass
class PageRequest:
    """One more page of a listing, as its layout asks for it: a GET, or a POST whose
    fields go as a form (``encoding="form"``) or as JSON (``"json"``)."""

    url: str
    method: str = "GET"
    fields: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None


@dataclass
class Snapshot:
    """One fetched response, as it came over the wire (body decoded from gzip only)."""

    url: str
    method: str
    status: int
    body: bytes
    fetched_at: str
    request_url: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""


@dataclass
class Gone:
    """An archived article that answered 404/410 or redirected to the home page."""

    url: str
    reason: str
    at: str
