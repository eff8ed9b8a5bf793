"""Named reads the crawl makes of the archive.

The spider reads what earlier runs left (``EarlierRuns``) before it asks for a page; the
pipeline reads an article's stored body length to judge the parser's health
(``stored_body_length``) and, for a page that names no category, the category of a
listing that showed it (``listed_category``).  Never writes to the archive: every write
goes through ``archive.store``.  What a run asks for and what its listings show are kept
beside the earlier runs' state, in the crawl's private database (``UrlSet``,
``listing_shows``), so that no set in memory grows with the run.
"""

from __future__ import annotations

import heapq
import itertools
import os
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from crawler.kernel.text import site_of

# The incremental state of a crawl (``archive.query.crawl_state``), per URL: what it needs
# of the archived pages of a set of sites, one table each.
_PER_URL = {
    # Live articles and documents: when each was fetched; an article's title (to notice an
    # edit a listing shows) and its id in its layout (to know its other addresses).  A
    # document of the same URL is the one that counts.
    "pages": "select url, fetched_at, title, 0 as doc, site, article_id, parser"
             " from src.articles"
             " where gone_at is null and site in ({marks}) union all select url, fetched_at,"
             " null, 1, null, null, null from src.documents where gone_at is null"
             " and site in ({marks})",
    # Each listing's live articles, with the day each was published.
    "members": "select l.listing_url as listing_url, a.url as url,"
               " substr(a.published_at, 1, 10) as day from src.article_listings l"
               " join src.articles a on a.url = l.article_url"
               " where a.gone_at is null and a.site in ({marks})",
    # The ETag and Last-Modified of each live article's stored answer, for a conditional
    # request (the first header of each name, as archive.query.header reads them).
    "validators": "select a.url as url, {etag} as etag, {modified} as modified"
                  " from src.articles a join src.fetches f on f.id = a.snapshot_id"
                  " where a.gone_at is null and a.site in ({marks})",
}
_INDEXES = {"pages": "url, doc", "members": "listing_url", "validators": "url"}
_HEADER = ("(select json_extract(j.value, '$[1]') from json_each(f.headers) j"
           " where lower(json_extract(j.value, '$[0]')) = '{name}' order by j.key limit 1)")


class EarlierRuns:
    """What earlier runs left for a crawl, as the archive held it when it was read, once
    for each set of sites (the start sites, then each subsite the run finds).

    What there is of every archived page (when it was fetched, its title, its validators,
    the listings that showed it) goes to a private temporary SQLite database on disk,
    whose page cache is all the memory it takes, and is asked one URL or one listing at
    a time; ``read`` returns the rest, which is small (the pages gone lately, the pending
    ones, the canaries, the files).  The same answers as ``archive.query.crawl_state``,
    without a dict that grows with the site."""

    def __init__(self) -> None:
        # Private, on disk, deleted when closed; each statement its own transaction (an
        # archive is attached and detached between the run's writes), none of them synced.
        self.db = sqlite3.connect("", isolation_level=None)
        self.db.execute("pragma synchronous = off")
        # A quarter of a megabyte of page cache each (SQLite's default is 2 MB for each
        # schema): the file sits in the operating system's cache, and a crawl's memory is
        # measured against a bare spider's.
        self.db.execute("pragma cache_size = -256")
        self.db.execute("pragma temp.cache_size = -256")
        self.part_of: dict[str, int] = {}  # site -> the number of the tables it is in
        self.parts = 0
        # In the connection's own temporary schema (every write below says temp.): the
        # files the archived pages link, one row each (a later read replaces a row, as
        # dict.update would), and the URL sets of the run (UrlSet): what it asked for, and
        # what each listing showed, counted per site by the host its rows carry.
        self.db.execute("create temp table files (url text primary key, state text,"
                        " etag text, modified text) without rowid")
        self.db.execute("create temp table asked (kind text, url text, host text,"
                        " primary key (kind, url)) without rowid")
        self.db.execute("create index temp.asked_host on asked (host, url)"
                        " where host is not null")
        self.files = FileStates(self.db)

    def close(self) -> None:
        self.db.close()

    def read(self, db_path: str | None, hosts: set[str], canaries: int = 10) -> dict | None:
        """Read what earlier runs left for ``hosts`` (None: no archive there yet)."""
        if not db_path or not os.path.exists(db_path):
            return None
        from archive.query import GONE_RECHECK_DAYS, OTHER_RECHECK_DAYS, _pending
        from archive.store import Archive  # brings an older archive's schema up to date

        archive = Archive(db_path)
        try:
            db, sites = archive.db, sorted(hosts)
            marks = ",".join("?" * len(sites))
            self._copy(db_path, sites, marks)
            since = (datetime.now(timezone.utc) - timedelta(days=GONE_RECHECK_DAYS)).isoformat()
            other_since = (datetime.now(timezone.utc)
                           - timedelta(days=OTHER_RECHECK_DAYS)).isoformat()
            next_run = (db.execute("select max(id) from crawl_runs").fetchone()[0] or 0) + 1
            files_due = self._copy_files(db, sites, next_run)
            return {
                "gone": {u for (u,) in db.execute(
                    f"select url from articles where gone_at >= ? and site in ({marks})",
                    [since, *sites])},
                # Found other lately: not fetched again.  Once a month they are, for a
                # category that held one article then lists more now.
                "other_pages": {u for (u,) in db.execute(
                    "select url from pages where kind = 'other' and last_fetched_at >= ?",
                    [other_since])},
                # (with the layout that read each last)
                "walked_listings": dict(db.execute(
                    "select w.listing_url, p.layout from listing_walks w"
                    " left join pages p on p.url = w.listing_url")),
                "canaries": {site: [u for (u,) in db.execute(
                    "select url from articles where site = ? and gone_at is null"
                    " order by published_at desc limit ?", [site, canaries])]
                    for site in sites},
                "pending": [p for p in _pending(db, sites, marks, next_run)
                            if not self.fetched_at(p["url"])[0]],
                "files": self.files, "files_due": files_due,
                # The subsites earlier runs crawled: crawled still when no page links them.
                "subsites": {h for (h,) in db.execute(
                    "select distinct site from site_runs where not start")},
            }
        finally:
            archive.close()

    def _copy(self, db_path: str, sites: list[str], marks: str) -> None:
        """The per-URL state of ``sites``, copied into tables of their own."""
        part = self.parts = self.parts + 1
        self.db.execute("attach database ? as src", [db_path])
        try:
            for name, select in _PER_URL.items():
                sql = select.format(marks=marks, etag=_HEADER.format(name="etag"),
                                    modified=_HEADER.format(name="last-modified"))
                self.db.execute(f"create table {name}_{part} as {sql}",
                                sites * select.count("({marks})"))
                self.db.execute(f"create index {name}_{part}_key on {name}_{part}"
                                f" ({_INDEXES[name]})")
            self.db.execute(f"create index pages_{part}_id on pages_{part} (article_id, site)"
                            " where article_id is not null")
        finally:
            self.db.execute("detach database src")
        for site in sites:
            self.part_of[site] = part

    def _copy_files(self, db, sites: list[str], next_run: int) -> list[str]:
        """The files the pages of ``sites`` link, copied into ``files``; the URLs of those
        due for another try this run (few: the ones that failed), newest pages' first."""
        from archive.query import linked_file_states

        due: list[str] = []

        def rows():
            for url, state, etag, modified, is_due in linked_file_states(db, sites, next_run):
                if is_due:
                    due.append(url)
                yield url, state, etag, modified

        with self.db:  # one transaction
            self.db.execute("begin")
            self.db.executemany("insert into temp.files values (?, ?, ?, ?) on conflict (url)"
                                " do update set state = excluded.state, etag = excluded.etag,"
                                " modified = excluded.modified", rows())
        return due

    def _one(self, table: str, url: str, sql: str, params: list | None = None):
        """The first row ``sql`` reads from the ``table`` holding ``url``'s site, with
        ``params`` (``[url]`` unless given)."""
        part = self.part_of.get(site_of(url))
        if part is None:
            return None
        return self.db.execute(sql.format(table=f"{table}_{part}"),
                               [url] if params is None else params).fetchone()

    def fetched_at(self, url: str) -> tuple[bool, str | None]:
        """Whether ``url`` is a live archived article or document, and when it was fetched."""
        row = self._one("pages", url, "select fetched_at from {table} where url = ?"
                                      " order by doc desc limit 1")
        return (True, row[0]) if row else (False, None)

    def title(self, url: str) -> tuple[bool, str | None]:
        """Whether ``url`` is a live archived article, and its title."""
        row = self._one("pages", url, "select title from {table} where url = ? and doc = 0")
        return (True, row[0]) if row else (False, None)

    def stored_twin(self, url: str, article_id: str) -> tuple[str, str | None, str] | None:
        """(address, title, parser) of a live archived article of ``url``'s site read with
        the id ``article_id`` at another address, if any."""
        row = self._one("pages", url, "select url, title, parser from {table}"
                                      " where article_id = ? and site = ? and doc = 0"
                                      " and url != ? order by url limit 1",
                        [article_id, site_of(url), url])
        return None if row is None else (row[0], row[1], row[2])

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the archived article's answer gave (or Nones)."""
        row = self._one("validators", url,
                        "select etag, modified from {table} where url = ?")
        return (row[0], row[1]) if row else (None, None)

    def members(self, listing_url: str) -> list[tuple[str, str | None]]:
        """The live archived articles the listing showed, with the day each was published
        (the sites read last answer for a listing more than one set of sites has)."""
        for part in range(self.parts, 0, -1):
            rows = self.db.execute(f"select url, day from members_{part} where listing_url = ?"
                                   " order by rowid", [listing_url]).fetchall()
            if rows:
                return rows
        return []

    def pages(self):
        """Every live archived page, (url, fetched_at), in the order of their URLs."""
        return heapq.merge(*(self.db.execute(
            f"select url, fetched_at from pages_{part} a where doc = 1 or not exists"
            f" (select 1 from pages_{part} b where b.url = a.url and b.doc = 1)"
            " order by url") for part in range(1, self.parts + 1)))

    def unasked_pages(self, kind: str) -> list[str]:
        """The URLs of the live archived pages not asked for as ``kind`` (UrlSet), in
        order, each once."""
        merged = heapq.merge(*(self.db.execute(
            f"select distinct url from pages_{part} a where not exists (select 1 from asked"
            " where kind = ? and url = a.url) order by url", [kind]).fetchall()
            for part in range(1, self.parts + 1)))
        return [url for url, _ in itertools.groupby(url for (url,) in merged)]

    def listed_count(self, host: str) -> int:
        """How many articles the listings on ``host`` showed this run (listing_shows)."""
        return self.db.execute("select count(distinct url) from asked where host = ?",
                               [host]).fetchone()[0]

    def count(self) -> int:
        return sum(self.db.execute(f"select count(distinct url) from pages_{part}").fetchone()[0]
                   for part in range(1, self.parts + 1))


def stored_body_length(db, url: str) -> int | None:
    """The length of the body the archive holds for the article at ``url`` (None when it
    holds no such article, or one without a body)."""
    row = db.execute("select length(body) from articles where url = ?", [url]).fetchone()
    return row[0] if row else None


def listed_category(db, url: str) -> str | None:
    """The category of the first listing that showed the article at ``url`` and named one
    (None when none did)."""
    row = db.execute("select category from article_listings where article_url = ?"
                     " and category is not null order by rowid limit 1", [url]).fetchone()
    return row[0] if row else None


class FileStates(Mapping):
    """url -> (state, ETag, Last-Modified) of the files the archived pages link, as
    ``archive.query.crawl_state`` gives them, read from disk a URL at a time."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __getitem__(self, url: str) -> tuple:
        row = self.db.execute("select state, etag, modified from files where url = ?",
                              [url]).fetchone()
        if row is None:
            raise KeyError(url)
        return row

    def __iter__(self) -> Iterator[str]:
        return (url for (url,) in self.db.execute("select url from files order by url"))

    def __len__(self) -> int:
        return self.db.execute("select count(*) from files").fetchone()[0]

    def items_by_url(self) -> Iterator[tuple[str, tuple]]:
        """(url, (state, ETag, Last-Modified)) in the order of the URLs, in one read."""
        for url, *state in self.db.execute("select url, state, etag, modified from files"
                                           " order by url"):
            yield url, tuple(state)


class UrlSet:
    """The URLs of one ``kind`` a run has asked for (or one listing has shown), kept in
    ``runs``'s private database rather than in a set that grows with the site: a crawl of
    a million articles holds none of their addresses in memory.  ``host``: the site the
    set's URLs count for in ``EarlierRuns.listed_count``."""

    def __init__(self, runs: EarlierRuns, kind: str, host: str | None = None):
        self.db, self.kind, self.host = runs.db, kind, host

    def add(self, url: str) -> None:
        self.db.execute("insert into temp.asked values (?, ?, ?) on conflict do nothing",
                        [self.kind, url, self.host])

    def __contains__(self, url: object) -> bool:
        return self.db.execute("select 1 from asked where kind = ? and url = ?",
                               [self.kind, url]).fetchone() is not None

    def __len__(self) -> int:
        return self.db.execute("select count(*) from asked where kind = ?",
                               [self.kind]).fetchone()[0]


def listing_shows(runs: EarlierRuns, listing_url: str) -> UrlSet:
    """The article URLs one listing showed this run, counted for the listing's site."""
    return UrlSet(runs, "listed " + listing_url, urlsplit(listing_url).netloc)
