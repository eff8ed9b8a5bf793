"""What the web view asks of the archive: each function answers one question a page of
``archive.pages`` asks, so that no page holds a query of its own.

The functions that take a ``sqlite_utils.Database`` (the web view's read-only connection)
read it; nothing here writes.  A few give SQL instead of running it: the queries behind
the charts, which their page shows (``*_SQL``, ``articles_per_month_sql``), the condition
on ``fetches`` a page's WARC is written from (``page_fetches``) and the month facet's
query, which Datasette runs (``month_facet_sql``).
"""

from __future__ import annotations

import sqlite_utils

from crawler.kernel.numbers import number_key

RUNS_SHOWN = 60

# --- an article, its versions, a document ----------------------------------------------


def _row(db: sqlite_utils.Database, sql: str, params) -> dict | None:
    return next(db.query(sql, params), None)


def archived_files(db: sqlite_utils.Database, urls) -> dict[str, dict]:
    """{url: files row, with ``text_status``} for the archived ones of ``urls``."""
    urls = list(urls)
    out = {}
    for i in range(0, len(urls), 500):
        chunk = urls[i:i + 500]
        for row in db.query(
                f"select f.*, t.status as text_status from files f left join file_texts t"
                f" on t.sha256 = f.sha256 where f.url in ({','.join('?' * len(chunk))})"
                # + : found by URL, not by the index of states (most files are archived:
                # SQLite would read them all, a quarter of a second in a large archive)
                " and +f.state = 'archived'", chunk):
            out[row["url"]] = row
    return out


def article_lifecycle(db: sqlite_utils.Database, url: str) -> dict | None:
    """When the article was first and last seen and last changed, whether (and why) it
    is gone, and the fetch its record was parsed from."""
    return _row(db, "select first_seen_at, last_seen_at, last_changed_at, gone_at, gone_reason,"
                    " snapshot_id from articles where url = ?", [url])


def version_count(db: sqlite_utils.Database, url: str) -> int:
    """How many superseded records of the article ``article_versions`` keeps."""
    return db.execute("select count(*) from article_versions where url = ?",
                      [url]).fetchone()[0]


def archived_article_urls(db: sqlite_utils.Database, urls: list[str]) -> set[str]:
    """The ones of ``urls`` the archive holds as articles."""
    if not urls:
        return set()
    return {u for (u,) in db.execute(
        f"select url from articles where url in ({','.join('?' * len(urls))})", urls)}


def cited_document(db: sqlite_utils.Database, number: str) -> dict | None:
    """The archived document (url, title) numbered ``number``, however it is spelt."""
    return _row(db, "select url, title from documents where number_key = ?",
                [number_key(number)])


def article_versions(db: sqlite_utils.Database, url: str) -> list[dict]:
    """The superseded records of the article, oldest first (version, record as JSON,
    valid_from, replaced_at, replaced_because, parser)."""
    return list(db.query("select version, record, valid_from, replaced_at, replaced_because,"
                         " parser from article_versions where url = ? order by version", [url]))


def current_version(db: sqlite_utils.Database, url: str) -> dict | None:
    """Since when the article's current record holds, and the parser that made it."""
    return _row(db, "select last_changed_at, parser from articles where url = ?", [url])


def article_status(db: sqlite_utils.Database, url: str) -> dict | None:
    """The article's title, and when and why it went gone (null while it answers)."""
    return _row(db, "select gone_at, gone_reason, title from articles where url = ?", [url])


def article_titles(db: sqlite_utils.Database, urls: list[str]) -> dict[str, str]:
    """{url: title} of the ones of ``urls`` the archive holds as articles."""
    if not urls:
        return {}
    return {u: t for u, t in db.execute(
        f"select url, title from articles where url in ({','.join('?' * len(urls))})", urls)}


# --- stored fetches and files ----------------------------------------------------------

def fetch_of(db: sqlite_utils.Database, url: str, fetch_id: int) -> int | None:
    """``fetch_id`` when it is a fetch of ``url`` (asked for, or answered at)."""
    row = _row(db, "select id from fetches where id = ? and (url = ? or request_url = ?)",
               [fetch_id, url, url])
    return row["id"] if row else None


def parsed_fetch(db: sqlite_utils.Database, url: str) -> int | None:
    """The fetch the record (article, else document) at ``url`` was parsed from, else
    the latest fetch of ``url`` that answered 200."""
    row = _row(db, "select snapshot_id as id from articles where url = ? and"
                   " snapshot_id is not null union all select snapshot_id from documents"
                   " where url = ? and snapshot_id is not null", [url, url]) or _row(
        db, "select id from fetches where (url = ? or request_url = ?) and status = 200"
            " order by id desc limit 1", [url, url])
    return row["id"] if row else None


def fetches_of(db: sqlite_utils.Database, url: str) -> list[dict]:
    """Every fetch of ``url`` (id, fetched_at, status, body_sha256), newest first."""
    return list(db.query("select id, fetched_at, status, body_sha256 from fetches"
                         " where url = ? or request_url = ? order by id desc", [url, url]))


def page_title(db: sqlite_utils.Database, url: str) -> str | None:
    """The title of the article, else of the document, at ``url``."""
    row = _row(db, "select title from articles where url = ? union all"
                   " select title from documents where url = ?", [url, url])
    return row["title"] if row else None


# The fetches of a page and of the files it links (an article's images and attachments,
# a document's files): a condition on ``fetches`` taking the page's URL five times.
PAGE_FETCHES = ("url = ? or request_url = ? or request_url in (select url from images where"
                " article_url = ? union select url from attachments where article_url = ?"
                " union select url from document_files where document_url = ?)")


def page_fetches(url: str) -> tuple[str, list]:
    """The condition on ``fetches`` (and its parameters) for ``url`` and its files."""
    return PAGE_FETCHES, [url] * 5


def has_page_fetches(db: sqlite_utils.Database, url: str) -> bool:
    """Whether the archive holds any fetch of ``url`` or of the files it links."""
    where, params = page_fetches(url)
    found = db.execute(f"select 1 from fetches where {where} limit 1", params).fetchone()
    return found is not None


def archived_file(db: sqlite_utils.Database, url: str) -> dict | None:
    """The sha256 and content type of the file at ``url``, if it is archived."""
    return _row(db, "select sha256, content_type from files where url = ? and"
                    " state = 'archived'", [url])


def file_text(db: sqlite_utils.Database, url: str) -> tuple | None:
    """(status, reason, text) of what was read from the file at ``url``."""
    row = _row(db, "select t.status, t.reason, t.text from files f join file_texts t"
                   " on t.sha256 = f.sha256 where f.url = ?", [url])
    return (row["status"], row["reason"], row["text"]) if row else None


# --- the archive as a whole: charts, runs, sites ------------------------------------------

# The counts of the charts, the sites and the search form come from the summaries that
# schema m014's triggers keep (article_tallies: per month published, site and category;
# article_days: per day first stored): the same numbers as counting ``articles``, without
# reading a million rows at each page.  A count emptied by deletions stays as a 0.
GROWTH_SQL = ("select day, sum(articles) as articles from article_days group by day"
              " having sum(articles) > 0 order by day")
RUNS_SQL = ("select id, started_at, status, articles_new, articles_updated, errors from"
            f" crawl_runs order by id desc limit {RUNS_SHOWN}")
LATEST_HEALTH_SQL = ("select id, started_at, health from crawl_runs"
                     " where health is not null order by id desc limit 1")


def articles_per_month_sql(by: str, site: str | None, category: str | None
                           ) -> tuple[str, list]:
    """The query counting dated articles per month and per site (``by="site"``) or
    category, of ``site`` and ``category`` alone when given, and its parameters."""
    conds, params = ["month is not null"], []
    if site:
        conds.append("site = ?")
        params.append(site)
    if category:
        conds.append("category = ?")
        params.append(category)
    where = " and ".join(conds)
    column = "site" if by == "site" else "coalesce(category, '(none)')"
    return (f"select month, {column} as {by}, sum(articles) as articles from article_tallies"
            f" where {where} group by 1, 2 having sum(articles) > 0 order by 1, 2"), params


def articles_per_month(db: sqlite_utils.Database, by: str, site: str | None,
                       category: str | None) -> list[tuple]:
    """(month, site or category, articles) rows of ``articles_per_month_sql``."""
    return db.execute(*articles_per_month_sql(by, site, category)).fetchall()


def articles_first_seen_by_day(db: sqlite_utils.Database) -> list[tuple]:
    """(day, articles first stored that day), in order (``GROWTH_SQL``)."""
    return db.execute(GROWTH_SQL).fetchall()


def recent_runs(db: sqlite_utils.Database) -> list[dict]:
    """The last RUNS_SHOWN runs, newest first, with what each stored (``RUNS_SQL``)."""
    return list(db.query(RUNS_SQL))


def recent_health(db: sqlite_utils.Database) -> list[tuple]:
    """(run id, started_at, health JSON) of the last 30 runs that judged parser health,
    newest first."""
    return db.execute("select id, started_at, health from crawl_runs where health is not null"
                      " order by id desc limit 30").fetchall()


def article_sites(db: sqlite_utils.Database) -> list[str]:
    """Every site the archive holds articles of, in order."""
    return [s for (s,) in db.execute(
        "select distinct site from article_tallies where articles > 0 order by 1")]


def article_categories(db: sqlite_utils.Database) -> list[str]:
    """Every category of the archived articles, in order."""
    return [c for (c,) in db.execute("select distinct category from article_tallies"
                                     " where category is not null and articles > 0 order by 1")]


def all_runs(db: sqlite_utils.Database) -> list[dict]:
    """Every run, newest first, with its counts and how it ended."""
    return list(db.query(
        "select id, started_at, finished_at, status, mode, requests, articles_new,"
        " articles_updated, articles_gone, errors, exit_code from crawl_runs order by id desc"))


def run_row(db: sqlite_utils.Database, run_id: int) -> dict | None:
    return _row(db, "select * from crawl_runs where id = ?", [run_id])


def run_problems(db: sqlite_utils.Database, run_id: int) -> list[tuple]:
    """(kind, url, message) of each problem the run recorded, in the order met."""
    return db.execute("select kind, url, message from crawl_errors where run_id = ? order by id",
                      [run_id]).fetchall()


def articles_new_between(db: sqlite_utils.Database, start: str, end: str) -> list[dict]:
    """The first 200 articles first stored from ``start`` to ``end`` (url, title, site)."""
    return list(db.query("select url, title, site from articles where first_seen_at >= ? and"
                         " first_seen_at <= ? order by first_seen_at limit 200", [start, end]))


def versions_replaced_between(db: sqlite_utils.Database, start: str, end: str) -> list[dict]:
    """The first 200 records replaced from ``start`` to ``end``, and why."""
    return list(db.query(
        "select v.url, v.version, v.replaced_because, a.title from article_versions v"
        " join articles a on a.url = v.url where v.replaced_at >= ? and v.replaced_at <= ?"
        " order by v.id limit 200", [start, end]))


def articles_gone_between(db: sqlite_utils.Database, start: str, end: str) -> list[dict]:
    """200 of the articles found gone from ``start`` to ``end``, and why."""
    return list(db.query("select url, title, gone_reason from articles where gone_at >= ?"
                         " and gone_at <= ? limit 200", [start, end]))


def run_sites(db: sqlite_utils.Database, run_id: int) -> list[dict]:
    """How each site fared in the run (site_runs rows), by site."""
    return list(db.query("select * from site_runs where run_id = ? order by site", [run_id]))


def site_recent_articles(db: sqlite_utils.Database, host: str) -> list[dict]:
    """The site's 20 newest articles (url, title, published_at)."""
    return list(db.query("select url, title, published_at from articles where site = ?"
                         " order by published_at desc limit 20", [host]))


def site_run_history(db: sqlite_utils.Database, host: str) -> list[dict]:
    """How the site fared in its last 30 runs, newest first, with when each started."""
    return list(db.query("select s.*, r.started_at from site_runs s join crawl_runs r on"
                         " r.id = s.run_id where s.site = ? order by s.run_id desc limit 30",
                         [host]))


def site_failures(db: sqlite_utils.Database, host: str) -> list[dict]:
    """The last 50 problems met on the site's pages (run_id, kind, url, message)."""
    return list(db.query(
        "select run_id, kind, url, message from crawl_errors where url like ?"
        " order by id desc limit 50", [f"%://{host}/%"]))


def site_months(db: sqlite_utils.Database, host: str) -> dict[str, int]:
    """{month: dated articles of the site published that month}."""
    return dict(db.execute("select month, sum(articles) from article_tallies where site = ?"
                           " and month is not null group by 1 having sum(articles) > 0",
                           [host]).fetchall())


def site_document_count(db: sqlite_utils.Database, host: str) -> int:
    return db.execute("select count(*) from documents where site = ?", [host]).fetchone()[0]


def site_pending(db: sqlite_utils.Database, host: str) -> dict[str, int]:
    """{state: article URLs of the site in ``pending``}."""
    return dict(db.execute("select state, count(*) from pending where site = ?"
                           " group by state", [host]).fetchall())


# --- Datasette's month facet (archive.web) -------------------------------------------------

def month_facet_sql(column: str, source: str, size: int) -> str:
    """Counts per month (the first 7 characters of ``column``, already escaped for SQL)
    of the rows of the query ``source``, newest first, at most ``size`` + 1."""
    return (f"select substr({column}, 1, 7) as value, count(*) as count from ({source})"
            f" where {column} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
            f" group by value order by value desc limit {size + 1}")


# The month facet of the whole articles table, from article_tallies (schema m014): the
# months of the dates that start YYYY-MM, as the query above counts them.
MONTH_TALLY_SQL = ("select month as value, sum(articles) as count from article_tallies"
                   " where month glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]' group by month"
                   " having sum(articles) > 0 order by value desc limit {limit}")


def month_facet_tally_sql(size: int) -> str:
    """``month_facet_sql`` of every article's published_at, read from the month counts
    instead of the million rows."""
    return MONTH_TALLY_SQL.format(limit=size + 1)


# The columns of articles that article_tallies counts by (schema m014).
TALLIED_COLUMNS = ("site", "category")


def column_facet_tally_sql(column: str, size: int) -> str:
    """Counts per value of ``column`` (one of TALLIED_COLUMNS) of the whole articles
    table, as Datasette's column facet counts them (not null, most first, then by
    value; at most ``size`` + 1), read from article_tallies."""
    if column not in TALLIED_COLUMNS:
        raise ValueError(f"article_tallies does not count by {column!r}")
    return (f"select {column} as value, sum(articles) as count from article_tallies"
            f" where {column} is not null group by {column} having sum(articles) > 0"
            f" order by count desc, value limit {size + 1}")


# How many rows the articles table has, from article_tallies (kept by triggers).
ARTICLE_COUNT_SQL = "select coalesce(sum(articles), 0) from article_tallies"
