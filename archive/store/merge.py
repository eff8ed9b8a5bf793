"""The store's merge door: a node's archive merged into this one (``govnews merge``).

Only ``archive.store`` calls it (``Archive.merge_from``); with the store it is the only
code that writes to an archive.  The node's archive is ATTACHed as ``node`` and read.

- Runs get new ids here and keep where they came from: ``crawl_runs.node`` (the node's
  name) and ``node_run_id`` (their id there; a run the node had itself merged keeps its
  own node and id).  A second merge knows a run by that pair and adds it again never:
  its row is refreshed, its errors past those already here are added.
- Rows whose ids are local to an archive (runs, fetches, versions, errors) get new ids;
  every column that points at one (``run_id``, ``snapshot_id``, ``fetch_id``,
  ``last_run_id``, ``next_run_id``) is mapped.  Errors and fetches belong to their run:
  those here are the first of the run's there, in order, so each is added once.
- Rows keyed by a natural key: bodies and file texts (by sha256) are inserted or ignored;
  pages, listing walks, pending URLs and files keep the newer of the two.
- An article or document (by URL) in both keeps both histories: the record seen last
  becomes current, the other is kept as a version (``replaced_because`` "merge"), and the
  node's versions are added, each once (known by content hash and ``valid_from``).
"""

from __future__ import annotations

import json
import os
from collections import Counter

import sqlite_utils

from ..access import ArchiveError, open_readonly
from ..query import documents, records
from ..records import utcnow
from .pairs import sync as sync_pairs

KINDS = {
    "articles": ("article_versions", records,
                 (("related_links", "article_url"), ("images", "article_url"),
                  ("attachments", "article_url"), ("citations", "article_url"))),
    "documents": ("document_versions", documents, (("document_files", "document_url"),)),
}


def merge(db: sqlite_utils.Database, path: str | os.PathLike, node: str) -> Counter:
    """Merge the archive at ``path`` (an up-to-date archive, else ArchiveError) into
    ``db`` in one transaction; return what was added, by kind."""
    source = open_readonly(path)
    counts: Counter = Counter()
    db.execute("attach database ? as node", [str(path)])
    try:
        with db.atomic():
            runs = _merge_runs(db, node, counts)
            _map_table(db, "merge_runs", runs)
            fetches = _merge_fetches(db, runs, counts)
            _map_table(db, "merge_fetches", fetches)
            for table, kind in KINDS.items():
                _merge_records(db, source, table, kind, fetches, counts)
            _merge_keyed(db)
            _merge_files(db)
            sync_pairs(db)  # the merged articles in the pair index (archive.pairs)
    finally:
        source.close()
        db.execute("detach database node")
    return counts


def _columns(db: sqlite_utils.Database, table: str, skip=("id",)) -> list[str]:
    return [r[1] for r in db.execute(f"pragma main.table_info({table})") if r[1] not in skip]


def _map_table(db: sqlite_utils.Database, name: str, mapping: dict) -> None:
    """A temporary table ``name`` (old, new): the ids ``mapping`` gives, for SQL to join."""
    db.execute(f"create temp table if not exists {name} (old integer primary key, new integer)")
    db.execute(f"delete from temp.{name}")
    db.conn.executemany(f"insert into temp.{name} (old, new) values (?, ?)",
                        [(k, v) for k, v in mapping.items() if k is not None])


def _merge_runs(db: sqlite_utils.Database, node: str, counts: Counter) -> dict:
    """The node's runs here (new ids, known by node and node_run_id) and their errors."""
    cols = _columns(db, "crawl_runs", skip=("id", "node", "node_run_id"))
    names = ", ".join(cols)
    runs: dict = {None: None}
    for row in db.execute(f"select id, node, node_run_id, {names} from node.crawl_runs"
                          " order by id").fetchall():
        key = (row[1] or node, row[2] if row[1] else row[0])
        found = db.execute("select id, started_at from main.crawl_runs where node = ?"
                           " and node_run_id = ?", key).fetchone()
        if found and found[1] != row[3 + cols.index("started_at")]:
            raise ArchiveError(
                f"run {key[1]} of node {key[0]} merged before is not the run {row[0]} of this"
                f" archive: another archive was merged under the name {key[0]}; give this"
                " one a file name of its own")
        if found:
            runs[row[0]] = found[0]
            db.execute(f"update main.crawl_runs set ({names}) = ({', '.join('?' * len(cols))})"
                       " where id = ?", [*row[3:], found[0]])
        else:
            runs[row[0]] = db.execute(
                f"insert into main.crawl_runs (node, node_run_id, {names})"
                f" values (?, ?, {', '.join('?' * len(cols))})", [*key, *row[3:]]).lastrowid
            counts["runs"] += 1
        # The node's errors of the run past those already here (a run merged while it ran).
        have = db.execute("select count(*) from main.crawl_errors where run_id = ?",
                          [runs[row[0]]]).fetchone()[0]
        counts["errors"] += db.execute(
            "insert into main.crawl_errors (run_id, at, url, kind, message)"
            " select ?, at, url, kind, message from node.crawl_errors where run_id = ?"
            " order by id limit -1 offset ?", [runs[row[0]], row[0], have]).rowcount
    counts["errors"] += db.execute(
        "insert into main.crawl_errors (run_id, at, url, kind, message)"
        " select null, e.at, e.url, e.kind, e.message from node.crawl_errors e"
        " where e.run_id is null and not exists (select 1 from main.crawl_errors x where"
        " x.run_id is null and x.at is e.at and x.url is e.url and x.kind is e.kind"
        " and x.message is e.message) order by e.id").rowcount
    return runs


def _merge_fetches(db: sqlite_utils.Database, runs: dict, counts: Counter) -> dict:
    """Bodies once each, by sha256; the node's fetches with new ids.  A run's fetches here
    are the first of its fetches there, in order (a run merged while it ran has more
    since); one of no run is known by all its columns."""
    db.execute("insert or ignore into main.bodies (sha256, size, compression, data)"
               " select sha256, size, compression, data from node.bodies")
    cols = _columns(db, "fetches")
    names = ", ".join(cols)
    fetches: dict = {None: None}
    for node_run, run in runs.items():
        rows = db.execute(f"select id, {names} from node.fetches where run_id is ?"
                          " order by id", [node_run]).fetchall()
        if node_run is None:
            same = " and ".join(f"{c} is ?" for c in cols)
            here = [db.execute(f"select id from main.fetches where {same}",
                               row[1:]).fetchone() for row in rows]
        else:
            here = db.execute("select id from main.fetches where run_id = ? order by id",
                              [run]).fetchall()
        for i, row in enumerate(rows):
            if i < len(here) and here[i]:
                fetches[row[0]] = here[i][0]
                continue
            values = dict(zip(cols, row[1:]), run_id=run)
            fetches[row[0]] = db.execute(
                f"insert into main.fetches ({names}) values ({', '.join('?' * len(cols))})",
                list(values.values())).lastrowid
            counts["fetches"] += 1
    return fetches


def _merge_records(db, source, table: str, kind, fetches: dict, counts: Counter) -> None:
    """Articles (or documents) by URL: new ones copied with their children; one in both
    keeps the record seen last as current and the other as a version."""
    versions, reader, children = kind
    cols = _columns(db, table)
    names = ", ".join(cols)
    for row in db.execute(f"select {names} from node.{table} order by url").fetchall():
        theirs = dict(zip(cols, row))
        theirs["snapshot_id"] = fetches.get(theirs["snapshot_id"])
        url = theirs["url"]
        mine = db.execute(f"select content_hash, last_seen_at, fetched_at from main.{table}"
                          " where url = ?", [url]).fetchone()
        if mine is None:
            db.execute(f"insert into main.{table} ({names}) values ({', '.join('?' * len(cols))})",
                       list(theirs.values()))
            _copy_children(db, children, url)
            counts[f"{table}_new"] += 1
        elif mine[0] != theirs["content_hash"]:
            newer = ((theirs["last_seen_at"] or "", theirs["fetched_at"] or "")
                     > (mine[1] or "", mine[2] or ""))
            if newer:
                _keep_version(db, table, versions, next(reader(db, "url = ?", [url])))
                db.execute(f"update main.{table} set ({names}) = ({', '.join('?' * len(cols))})"
                           " where url = ?", [*theirs.values(), url])
                _copy_children(db, children, url)
                counts[f"{table}_replaced"] += 1
            else:
                theirs_record = next(reader(source, "url = ?", [url]))
                counts[f"{table}_kept_as_version"] += _keep_version(
                    db, table, versions, theirs_record, theirs)
        counts[f"{versions}"] += _copy_versions(db, versions, url, fetches)
    if table == "articles":
        db.execute("insert or ignore into main.article_listings"
                   " (article_url, listing_url, category, first_seen_at)"
                   " select article_url, listing_url, category, first_seen_at"
                   " from node.article_listings")


def _copy_children(db: sqlite_utils.Database, children, url: str) -> None:
    for child, key in children:
        names = ", ".join(_columns(db, child))
        db.execute(f"delete from main.{child} where {key} = ?", [url])
        db.execute(f"insert into main.{child} ({names}) select {names} from node.{child}"
                   f" where {key} = ? order by position", [url])


def _keep_version(db, table: str, versions: str, record: dict, row: dict | None = None) -> int:
    """``record`` (the current one of ``table`` here, or ``row``'s) kept in ``versions``
    unless a version with its content hash and start is there already; 1 if added."""
    if row is None:
        row = dict(zip(("content_hash", "parser", "snapshot_id", "last_changed_at"),
                       db.execute(f"select content_hash, parser, snapshot_id, last_changed_at"
                                  f" from main.{table} where url = ?",
                                  [record["url"]]).fetchone()))
    url = record["url"]
    if db.execute(f"select 1 from main.{versions} where url = ? and content_hash is ?"
                  " and valid_from is ?", [url, row["content_hash"],
                                           row["last_changed_at"]]).fetchone():
        return 0
    values = {"url": url, "version": _next_version(db, versions, url),
              "content_hash": row["content_hash"],
              "record": json.dumps(record, ensure_ascii=False),
              "snapshot_id": row["snapshot_id"], "valid_from": row["last_changed_at"],
              "replaced_at": utcnow()}
    if versions == "article_versions":
        values.update(parser=row["parser"], replaced_because="merge")
    db.execute(f"insert into main.{versions} ({', '.join(values)})"
               f" values ({', '.join('?' * len(values))})", list(values.values()))
    return 1


def _next_version(db: sqlite_utils.Database, versions: str, url: str) -> int:
    return db.execute(f"select coalesce(max(version), 0) + 1 from main.{versions}"
                      " where url = ?", [url]).fetchone()[0]


def _copy_versions(db: sqlite_utils.Database, versions: str, url: str, fetches: dict) -> int:
    """The node's versions of ``url`` not here yet (by content hash and start), numbered
    after those here, their snapshots mapped."""
    cols = _columns(db, versions, skip=("id", "url", "version"))
    added = 0
    for row in db.execute(f"select {', '.join(cols)} from node.{versions} where url = ?"
                          " order by version", [url]).fetchall():
        values = dict(zip(cols, row))
        if db.execute(f"select 1 from main.{versions} where url = ? and content_hash is ?"
                      " and valid_from is ?", [url, values["content_hash"],
                                               values["valid_from"]]).fetchone():
            continue
        values.update(url=url, version=_next_version(db, versions, url),
                      snapshot_id=fetches.get(values["snapshot_id"]))
        db.execute(f"insert into main.{versions} ({', '.join(values)})"
                   f" values ({', '.join('?' * len(values))})", list(values.values()))
        added += 1
    return added


def _merge_keyed(db: sqlite_utils.Database) -> None:
    """Rows keyed by URL or sha256: the newer of the two kept, run ids mapped."""
    texts = ", ".join(_columns(db, "file_texts"))
    db.execute(f"insert or ignore into main.file_texts ({texts}) select {texts}"
               " from node.file_texts")
    db.execute(
        "insert into main.pages (url, kind, first_seen_at, last_fetched_at, layout, evidence)"
        " select url, kind, first_seen_at, last_fetched_at, layout, evidence from node.pages"
        " where true on conflict(url) do update set kind = excluded.kind,"
        " last_fetched_at = excluded.last_fetched_at, layout = excluded.layout,"
        " evidence = excluded.evidence where coalesce(excluded.last_fetched_at, '')"
        " > coalesce(pages.last_fetched_at, '')")
    db.execute(
        "insert into main.listing_walks (listing_url, site, completed_at, pages, run_id)"
        " select w.listing_url, w.site, w.completed_at, w.pages, m.new from node.listing_walks w"
        " left join temp.merge_runs m on m.old = w.run_id where true on conflict(listing_url)"
        " do update set site = excluded.site, completed_at = excluded.completed_at,"
        " pages = excluded.pages, run_id = excluded.run_id"
        " where coalesce(excluded.completed_at, '') > coalesce(listing_walks.completed_at, '')")
    db.execute(
        "insert or replace into main.site_runs (run_id, site, start, layout, pages, articles,"
        " status, reason, at, listed) select m.new, s.site, s.start, s.layout, s.pages,"
        " s.articles, s.status, s.reason, s.at, s.listed from node.site_runs s"
        " join temp.merge_runs m on m.old = s.run_id")
    cols = _columns(db, "pending", skip=("last_run_id", "next_run_id"))
    names = ", ".join(cols)
    db.execute(
        f"insert into main.pending ({names}, last_run_id, next_run_id)"
        f" select {', '.join('p.' + c for c in cols)}, m.new, m.new + p.next_run_id - p.last_run_id"
        " from node.pending p left join temp.merge_runs m on m.old = p.last_run_id"
        " where p.url not in (select url from main.articles union select url from main.documents)"
        f" and true on conflict(url) do update set ({names}, last_run_id, next_run_id) ="
        f" ({', '.join('excluded.' + c for c in cols)}, excluded.last_run_id,"
        " excluded.next_run_id) where excluded.last_failed_at > pending.last_failed_at")
    db.execute("delete from main.pending where url in"
               " (select url from main.articles union select url from main.documents)")


def _merge_files(db: sqlite_utils.Database) -> None:
    """Files by URL: an archived one wins over one that is not, else the one tried last;
    its fetch and runs mapped."""
    cols = _columns(db, "files", skip=("fetch_id", "last_run_id", "next_run_id"))
    names = ", ".join(cols)
    archived = "({}.state = 'archived')"
    tried = "coalesce({}.last_tried_at, '')"
    db.execute(
        f"insert into main.files ({names}, fetch_id, last_run_id, next_run_id)"
        f" select {', '.join('f.' + c for c in cols)}, mf.new, mr.new,"
        " mr.new + f.next_run_id - f.last_run_id from node.files f"
        " left join temp.merge_fetches mf on mf.old = f.fetch_id"
        " left join temp.merge_runs mr on mr.old = f.last_run_id where true"
        f" on conflict(url) do update set ({names}, fetch_id, last_run_id, next_run_id) ="
        f" ({', '.join('excluded.' + c for c in cols)}, excluded.fetch_id,"
        " excluded.last_run_id, excluded.next_run_id)"
        f" where {archived.format('excluded')} > {archived.format('files')}"
        f" or ({archived.format('excluded')} = {archived.format('files')}"
        f" and {tried.format('excluded')} > {tried.format('files')})")
