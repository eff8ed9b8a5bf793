"""The archive's schema, as ordered migrations (sqlite-utils ``Migrations``).

A database made by any earlier version is brought up to date on open; a migration, once
released, is never edited: a change is a new migration appended at the end.
"""

from __future__ import annotations

import re
import unicodedata

import sqlite_utils
from sqlite_utils.migrations import Migrations

from crawler.kernel.text import fold_d_sql

from .fts import TOKENIZE
from .schema_tallies import m014_summaries, tally

migrations = Migrations("govnews")


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


@migrations()
def m003_search(db: sqlite_utils.Database) -> None:
    """Full-text index over title, summary, body and author (read by archive/search.py).

    unicode61 with remove_diacritics 2 folds case and every Vietnamese mark (1 would leave
    letters with two marks, ộ or ế, unfolded) but nothing folds đ, which has no
    decomposition: the index is fed text with đ/Đ replaced by d/D.  The folding is plain
    SQL in the triggers, so a row written by any client (sqlite3, Datasette) is indexed
    the same way.  The index takes its text through its triggers but reads documents back
    from ``articles`` (external content), so snippets show the original accented text;
    replacing only đ keeps the token positions of the two texts identical, which the
    snippets rely on.  FTS5's own 'rebuild' would index the unfolded text: use
    ``archive.store.Archive.rebuild_index`` instead.
    """
    cols = ("title", "summary", "body", "author")

    def folded(prefix: str) -> str:
        return ", ".join(f"replace(replace({prefix}{c}, 'đ', 'd'), 'Đ', 'D')" for c in cols)

    names = ", ".join(cols)
    db.execute(
        f"create virtual table articles_fts using fts5({names}, content='articles',"
        " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')")
    insert = f"insert into articles_fts(rowid, {names}) values (new.rowid, {folded('new.')});"
    delete = (f"insert into articles_fts(articles_fts, rowid, {names})"
              f" values ('delete', old.rowid, {folded('old.')});")
    db.execute(f"create trigger articles_fts_ai after insert on articles begin {insert} end")
    db.execute(f"create trigger articles_fts_ad after delete on articles begin {delete} end")
    # Only a change to an indexed column re-indexes: a re-crawl that finds an article
    # unchanged updates last_seen_at on every row and must not rewrite the index.
    db.execute(f"create trigger articles_fts_au after update of {names} on articles"
               f" begin {delete} {insert} end")
    db.execute(f"insert into articles_fts(rowid, {names}) select rowid, {folded('')}"
               " from articles")


@migrations()
def m004_snapshots_and_versions(db: sqlite_utils.Database) -> None:
    """Raw fetches (bodies stored once per sha256, zlib-compressed), superseded article
    versions, and the gone state of articles that stopped answering."""
    db["bodies"].create(
        {"sha256": str, "size": int, "compression": str, "data": bytes}, pk="sha256")
    db["fetches"].create(
        {
            "id": int,
            "run_id": int,
            "url": str,  # the URL answered (after redirects)
            "request_url": str,  # the URL asked for
            "method": str,
            "request_headers": str,  # JSON [[name, value], ...]
            "request_body": bytes,  # the POST form, as sent
            "status": int,
            "headers": str,  # JSON [[name, value], ...]
            "fetched_at": str,
            "body_sha256": str,
        },
        pk="id",
        foreign_keys=[("body_sha256", "bodies", "sha256")],
    )
    db["fetches"].create_index(["url"])
    db["fetches"].create_index(["run_id"])
    db["articles"].add_column("snapshot_id", int)
    db["articles"].add_column("gone_at", str)
    db["articles"].add_column("gone_reason", str)
    db["article_versions"].create(
        {
            "id": int,
            "url": str,
            "version": int,  # 1 = the first record ever stored for this URL
            "content_hash": str,
            "record": str,  # the full record as JSON, as `govnews export` writes it
            "parser": str,
            "snapshot_id": int,
            "valid_from": str,
            "replaced_at": str,
            "replaced_because": str,  # "site" (a new fetch differed) or "reparse"
        },
        pk="id",
    )
    db["article_versions"].create_index(["url", "version"], unique=True)
    db["crawl_runs"].add_column("articles_gone", int)
    db["crawl_runs"].add_column("snapshots", int)


@migrations()
def m005_nightly(db: sqlite_utils.Database) -> None:
    """What incremental nightly runs need to remember between runs."""
    # Pages that are neither articles nor listings (contact, site map): not re-fetched by
    # incremental runs.  Listings whose walk once completed: only those may stop early.
    db["pages"].create(
        {"url": str, "kind": str, "first_seen_at": str, "last_fetched_at": str}, pk="url")
    db["listing_walks"].create(
        {"listing_url": str, "site": str, "completed_at": str, "pages": int, "run_id": int},
        pk="listing_url")
    db["crawl_runs"].add_column("mode", str)
    db["crawl_runs"].add_column("exit_code", int)
    db["crawl_runs"].add_column("health", str)  # JSON: per site shares, baseline, verdict
    db["crawl_runs"].add_column("articles_not_modified", int)


@migrations()
def m006_pending(db: sqlite_utils.Database) -> None:
    """Articles a listing showed that are not stored yet, and why: every later run tries
    them again (with a backoff counted in runs) until they are stored, gone, or given up."""
    db["pending"].create(
        {
            "url": str,
            "site": str,
            "listing_url": str,
            "category": str,
            "state": str,  # "pending", "gone" (404/410 before it was ever stored), "gave_up"
            "reason": str,  # the kind of the last failure, as in crawl_errors
            "message": str,
            "attempts": int,
            "first_failed_at": str,
            "last_failed_at": str,
            "last_run_id": int,
            "next_run_id": int,  # the first run that tries it again
        },
        pk="url",
    )
    db["pending"].create_index(["site", "state"])
    # Start sites of which no page could be fetched, with the reason: JSON [{site, reason}].
    db["crawl_runs"].add_column("failed_sites", str)


@migrations()
def m007_site_runs(db: sqlite_utils.Database) -> None:
    """Each site a run crawled (start sites and the subsites they led to): its layout,
    how many pages answered, how many articles it gave, and whether it failed, why."""
    db["site_runs"].create(
        {"run_id": int, "site": str, "start": int, "layout": str, "pages": int,
         "articles": int, "status": str, "reason": str, "at": str},
        pk=("run_id", "site"),
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db["site_runs"].create_index(["site", "run_id"])


@migrations()
def m008_source(db: sqlite_utils.Database) -> None:
    """The record's ``source``: the organisation or paper an article credits."""
    db["articles"].add_column("source", str)


# What the index's folded twins hold: crawler.kernel.text.fold_d, written in SQL.
FOLD_SQL = fold_d_sql("{c}")
FOLDED_SUFFIX = "_f"


def folded_fts(db: sqlite_utils.Database, table: str, cols: tuple[str, ...]) -> None:
    """A search index over ``cols`` of ``table`` that folds đ/Đ to d/D in what it
    indexes, so that every SQLite tool finds the same rows (see m010's docstring).

    Each column gets a twin, ``{col}_f``: a virtual generated column of the same text
    with đ/Đ replaced by d/D, one character for one, so token positions are the same.
    The index (external content: ``table`` itself) holds both, the originals (unicode61
    leaves đ as it is) and the twins, so "Đức" typed in any tool finds the originals'
    "đuc" and "Duc" finds the twins' "duc"; FTS5's own 'rebuild' (``sqlite-utils
    rebuild-fts``) reads both from the table, and keeps the folding."""
    fts = f"{table}_fts"
    twins = tuple(c + FOLDED_SUFFIX for c in cols)
    existing = {r[1] for r in db.execute(f"pragma table_xinfo({table})")}
    for col, twin in zip(cols, twins):
        if twin not in existing:
            db.execute(f"alter table {table} add column {twin} text generated always as"
                       f" ({FOLD_SQL.format(c=col)}) virtual")
    names = ", ".join(cols + twins)
    values = lambda p: ", ".join(f"{p}{c}" for c in cols + twins)  # noqa: E731
    # content=[table], as sqlite-utils writes it: how it and Datasette find a table's index.
    db.execute(f"create virtual table {fts} using fts5({names}, content=[{table}],"
               f" content_rowid='rowid', tokenize='{TOKENIZE}')")
    insert = f"insert into {fts}(rowid, {names}) values (new.rowid, {values('new.')});"
    delete = (f"insert into {fts}({fts}, rowid, {names})"
              f" values ('delete', old.rowid, {values('old.')});")
    db.execute(f"create trigger {fts}_ai after insert on {table} begin {insert} end")
    db.execute(f"create trigger {fts}_ad after delete on {table} begin {delete} end")
    # Only a change to an indexed column re-indexes (a re-crawl updates last_seen_at).
    db.execute(f"create trigger {fts}_au after update of {', '.join(cols)} on {table}"
               f" begin {delete} {insert} end")
    db.execute(f"insert into {fts}({fts}) values ('rebuild')")


def _m009_files(db: sqlite_utils.Database) -> None:
    db["files"].create(
        {
            "url": str,
            "host": str,
            "state": str,
            "sha256": str,
            "content_type": str,
            "bytes": int,
            "fetch_id": int,
            "reason": str,  # the kind of the last failure, as in crawl_errors
            "message": str,
            "attempts": int,
            "first_seen_at": str,
            "archived_at": str,
            "last_tried_at": str,
            "last_run_id": int,
            "next_run_id": int,
        },
        pk="url",
    )
    db["files"].create_index(["state"])
    db["files"].create_index(["sha256"])
    db["file_texts"].create(
        {"sha256": str, "kind": str, "status": str, "reason": str, "pages": int, "text": str,
         "extracted_at": str, "extractor": str},
        pk="sha256",
    )
    folded_fts(db, "file_texts", ("text",))


def _m009_documents(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {
            "url": str,
            "site": str,
            "number": str,
            "number_key": str,  # the number as every spelling of it folds (kernel.numbers)
            "title": str,
            "kind": str,
            "agency": str,
            "issued": str,
            "effective": str,
            "year": int,  # of issue, for facets
            "signer": str,
            "summary": str,
            "text": str,
            "fetched_at": str,
            "parser": str,
            "content_hash": str,
            "snapshot_id": int,
            "first_seen_at": str,
            "last_seen_at": str,
            "last_changed_at": str,
            "gone_at": str,
            "gone_reason": str,
        },
        pk="url",
    )
    db["document_versions"].create(
        {"id": int, "url": str, "version": int, "content_hash": str, "record": str,
         "snapshot_id": int, "valid_from": str, "replaced_at": str},
        pk="id",
    )
    db["document_versions"].create_index(["url", "version"], unique=True)
    db["documents"].create_index(["number_key"])
    db["documents"].create_index(["site"])
    db["documents"].create_index(["issued"])
    db["document_files"].create(
        {"document_url": str, "position": int, "url": str, "name": str},
        pk=("document_url", "position"),
        foreign_keys=[("document_url", "documents", "url")],
    )
    db["document_files"].create_index(["url"])
    folded_fts(db, "documents", ("number", "title", "summary", "agency", "signer", "text"))


def _m009_citations(db: sqlite_utils.Database) -> None:
    db["citations"].create(
        {"article_url": str, "position": int, "number": str, "number_key": str},
        pk=("article_url", "position"),
        foreign_keys=[("article_url", "articles", "url")],
    )
    db["citations"].create_index(["number_key"])
    db["images"].create_index(["url"])
    db["attachments"].create_index(["url"])
    # Which document an article's citation names, where the archive has it.
    db.execute(
        "create view article_citations as select c.article_url, c.number, d.url as"
        " document_url, d.title as document_title from citations c left join documents d"
        " on d.number_key = c.number_key")


# --- m009's reading of document numbers, frozen ------------------------------------------
# A migration is history: what it computes must not change when the parsers do.  These are
# the rules by which m009 read the numbers cited in the text of articles archived before it,
# as they stood then (today's rules live in crawler.kernel.numbers; ``govnews reparse``
# applies them to every stored page).  Never edit them.
_M009_UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_M009_CODE = rf"[{_M009_UPPER}][{_M009_UPPER}0-9]*(?:-[{_M009_UPPER}0-9]+)+"
_M009_IN_TEXT = re.compile(
    rf"(?<![\w/.-])(\d{{1,6}})\s?/\s?(?:(?:(\d{{4}})\s?/\s?({_M009_CODE}|[{_M009_UPPER}]"
    rf"[{_M009_UPPER}0-9]*))|({_M009_CODE}))(?![\w-])")
_M009_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})


def _m009_cited(*texts: str | None) -> list[tuple[str, str]]:
    """(number as printed, its key) for each number ``texts`` cite, once, as m009 read them."""
    found: dict[str, str] = {}
    for m in (m for text in texts for m in _M009_IN_TEXT.finditer(
            unicodedata.normalize("NFC", text or "").translate(_M009_DASHES))):
        code = re.sub(r"\s*-\s*", "-", m[3] or m[4]).upper()
        printed = "/".join(p for p in (m[1], m[2], code) if p)
        bare = "".join(c for c in unicodedata.normalize("NFD", code.replace("Đ", "D"))
                       if not unicodedata.combining(c))
        found.setdefault("/".join(p for p in (m[1].lstrip("0") or "0", m[2], bare) if p), printed)
    return [(printed, key) for key, printed in found.items()]


def _m009_backfill(db: sqlite_utils.Database) -> None:
    """What the articles archived by earlier versions cite, read from their text; and
    what they link to: known, to be fetched by the next run."""
    rows = db.execute("select url, title, summary, body from articles").fetchall()
    for url, title, summary, body in rows:
        for i, (number, key) in enumerate(_m009_cited(title, summary, body)):
            db.execute("insert into citations (article_url, position, number, number_key)"
                       " values (?, ?, ?, ?)", [url, i, number, key])
    db.execute(
        "insert or ignore into files (url, host, state, attempts, first_seen_at)"
        " select url, '', 'pending', 0, datetime('now') from"
        " (select url from images union select url from attachments)")


@migrations()
def m009_files_and_documents(db: sqlite_utils.Database) -> None:
    """What articles point to: the files they link (images, attachments), the text read
    from those files, the register's documents, and the document numbers articles cite.

    ``files`` has one row per file URL, whatever links it: its state ("pending" until
    fetched, "archived", "failed" and tried again in later runs, "too_large", "gave_up"),
    and once archived the sha256 of its bytes (kept in ``bodies`` like every fetch).  The
    text is per content (``file_texts``, keyed by sha256): the same file under two URLs
    is read once."""
    _m009_files(db)
    _m009_documents(db)
    _m009_citations(db)
    _m009_backfill(db)
    db["crawl_runs"].add_column("files_archived", int)
    db["crawl_runs"].add_column("files_failed", int)
    db["crawl_runs"].add_column("file_bytes", int)
    db["crawl_runs"].add_column("documents_new", int)
    db["crawl_runs"].add_column("documents_updated", int)


@migrations()
def m010_folding_in_the_index(db: sqlite_utils.Database) -> None:
    """The articles' search index folds đ in what it indexes, not only in the query.

    m003's index held text folded by its triggers, so a query typed with đ ("Đức") in
    Datasette's table search or ``sqlite-utils search`` found nothing (only govnews folded
    the query), and ``sqlite-utils rebuild-fts`` re-made it from the unfolded columns.
    Now the index has each column twice, as it is and folded by a generated column
    (``folded_fts``), and answers the same in every SQLite tool."""
    for suffix in ("ai", "ad", "au"):
        db.execute(f"drop trigger if exists articles_fts_{suffix}")
    db.execute("drop table if exists articles_fts")
    folded_fts(db, "articles", ("title", "summary", "body", "author"))


@migrations()
def m011_web_view_indexes(db: sqlite_utils.Database) -> None:
    """Indexes the web view's overview pages read instead of the articles' rows (each row
    holds a whole body): months by site or category, the archive's growth, the sites."""
    db["articles"].create_index(["published_at", "site", "category"],
                                index_name="articles_month_site_category")
    db["articles"].create_index(["first_seen_at"], index_name="articles_first_seen")
    db["articles"].create_index(["site", "published_at"], index_name="articles_site_published")
    db["articles"].create_index(["site", "parser"], index_name="articles_site_parser")
    db.execute("create index articles_gone on articles(gone_at) where gone_at is not null")
    db["article_versions"].create_index(["replaced_at"])


@migrations()
def m012_page_roles(db: sqlite_utils.Database) -> None:
    """Why a page is what the crawl took it for: the layout that read it and the evidence
    (``govnews probe`` prints the same), so a page refused as an article can be looked
    at; older rows keep nulls."""
    db["pages"].add_column("layout", str)
    db["pages"].add_column("evidence", str)
    # How many articles the site's listings showed in the run: a site whose listings show
    # far fewer than in its earlier runs has changed, whatever its pages still parse.
    db["site_runs"].add_column("listed", int)


@migrations()
def m013_run_nodes(db: sqlite_utils.Database) -> None:
    """Runs merged from a node's archive (``govnews merge``) keep the node they came from
    and their id there: the archive's own runs have nulls; a second merge of the same node
    knows its runs by (node, node_run_id) and adds none of them again."""
    db["crawl_runs"].add_column("node", str)
    db["crawl_runs"].add_column("node_run_id", int)
    db["crawl_runs"].create_index(["node", "node_run_id"], unique=True)


@migrations()
def m014_reading_at_scale(db: sqlite_utils.Database) -> None:
    """What reading an archive of a million articles needs besides its rows, kept by
    triggers so that every writer keeps it in step, as the search index is kept.

    - ``article_facets``: each article's rowid with its site, category and publication
      date, in a narrow table the search reads for its filters (site, category, dates)
      match by match; in ``articles`` the category lies past the body.
    - ``article_tallies`` (articles per month published, site and category, with the
      span of their rowids) and ``article_days`` (articles per day first stored): what
      the charts, the sites and the search form count, without counting a million rows
      at each page, and where in the search index a filter's articles can be.
    - an index of fetches by the URL asked for: a stored page's fetches are those asked
      for at its URL as well as those answered there.
    """
    m014_summaries(db)
    facets = "(article_rowid, site, category, published_at)"
    new_facets = "(new.rowid, new.site, new.category, new.published_at)"
    db.execute(
        "create trigger article_facets_ai after insert on articles begin"
        f" insert into article_facets {facets} values {new_facets};"
        f" {tally('article_tallies', 'new', 1)} {tally('article_days', 'new', 1)} end")
    db.execute(
        "create trigger article_facets_ad after delete on articles begin"
        " delete from article_facets where article_rowid = old.rowid;"
        f" {tally('article_tallies', 'old', -1)} {tally('article_days', 'old', -1)} end")
    db.execute(
        "create trigger article_facets_au after update of site, category, published_at"
        " on articles begin"
        f" insert or replace into article_facets {facets} values {new_facets};"
        f" {tally('article_tallies', 'old', -1)} {tally('article_tallies', 'new', 1)} end")
    db.execute(
        "create trigger article_days_au after update of first_seen_at on articles begin"
        f" {tally('article_days', 'old', -1)} {tally('article_days', 'new', 1)} end")
    db["fetches"].create_index(["request_url"])


@migrations()
def m015_word_pairs(db: sqlite_utils.Database) -> None:
    """The pair index (``archive.pairs``): each pair of neighbouring words of an
    article's title, lead, body and byline as one token, so that a phrase of common
    words (a name) is found by reading a few short lists.  The triggers queue what
    changed, with the old text of what changes or goes; ``archive.store.pairs.sync``
    indexes the queue in each write transaction of govnews (SQL cannot cut text into
    words)."""
    from . import pairs

    # Of pairs.COLUMNS, those the articles have yet: m016 adds captions and makes the
    # index again with them.
    have = {r[1] for r in db.execute("pragma table_info(articles)")}
    _pair_index(db, tuple(c for c in pairs.COLUMNS if c in have))


def _pair_index(db: sqlite_utils.Database, columns: tuple[str, ...]) -> None:
    """The pair index over ``columns`` of ``articles``, its queue and its triggers, every
    article queued."""
    from . import pairs

    names = ", ".join(columns)
    db.execute(f"create virtual table {pairs.PAIRS_TABLE} using fts5({names}, content='',"
               f" tokenize='{TOKENIZE}')")
    db.execute(f"create table {pairs.QUEUE_TABLE} (id integer primary key, article_rowid"
               f" integer not null, op text not null, {names})")
    add = f"insert into {pairs.QUEUE_TABLE} (article_rowid, op) values (new.rowid, 'add');"
    old = ", ".join(f"old.{c}" for c in columns)
    drop = (f"insert into {pairs.QUEUE_TABLE} (article_rowid, op, {names})"
            f" values (old.rowid, 'drop', {old});")
    db.execute(f"create trigger article_pairs_ai after insert on articles begin {add} end")
    db.execute(f"create trigger article_pairs_ad after delete on articles begin {drop} end")
    db.execute(f"create trigger article_pairs_au after update of {names} on articles"
               f" begin {drop} {add} end")
    # every article queued; govnews indexes the queue when it opens the archive to write
    db.execute(f"insert into {pairs.QUEUE_TABLE} (article_rowid, op) select rowid, 'add'"
               " from articles order by rowid")


@migrations()
def m016_captions_searched(db: sqlite_utils.Database) -> None:
    """Image captions are searched with the article: a photo's caption is often the only
    place a page names who is in it ("Đồng chí Nguyễn Đức Trung phát biểu").  ``captions``
    holds them, one per line in page order (null for none), and the word and pair indexes
    are made again with it as a column of their own."""
    from . import fts, pairs

    db["articles"].add_column("captions", str)
    db.execute("update articles set captions = (select group_concat(caption, char(10)) from"
               " (select caption from images i where i.article_url = articles.url"
               " and coalesce(caption, '') != '' order by position))")
    for suffix in ("ai", "ad", "au"):
        db.execute(f"drop trigger if exists {fts.FTS_TABLE}_{suffix}")
        db.execute(f"drop trigger if exists article_pairs_{suffix}")
    db.execute(f"drop table if exists {fts.FTS_TABLE}")
    db.execute(f"drop table if exists {pairs.PAIRS_TABLE}")
    db.execute(f"drop table if exists {pairs.QUEUE_TABLE}")
    folded_fts(db, "articles", fts.COLUMNS)
    _pair_index(db, pairs.COLUMNS)


def apply(db: sqlite_utils.Database) -> None:
    migrations.apply(db)
