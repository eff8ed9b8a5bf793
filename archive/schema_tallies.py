"""Schema m014's summaries of ``articles`` (what the web view counts without counting a
million rows): their tables, first filled, and the trigger statements that keep them."""

from __future__ import annotations

import sqlite_utils

# m014's summaries: each keeps counts of ``articles`` by the key of its columns, NULL a key
# like any other (compared with IS), moved by the triggers below as rows come, change and go.
TALLIES = {"article_tallies": ("month", "substr({row}.published_at, 1, 7)", "site",
                               "{row}.site", "category", "{row}.category"),
           "article_days": ("day", "substr({row}.first_seen_at, 1, 10)")}


def tally(table: str, row: str, step: int) -> str:
    """The statements of a trigger adding ``step`` to the count of ``row``'s key (row:
    new or old), the key's row made first if it has none; an article counted in
    ``article_tallies`` widens its key's span of rowids (a span never narrows: it bounds
    where the key's articles are in the search index)."""
    spec = TALLIES[table]
    names, values = spec[0::2], [v.format(row=row) for v in spec[1::2]]
    match = " and ".join(f"{n} is {v}" for n, v in zip(names, values))
    span = (f", first_rowid = min(coalesce(first_rowid, {row}.rowid), {row}.rowid),"
            f" last_rowid = max(coalesce(last_rowid, {row}.rowid), {row}.rowid)"
            if table == "article_tallies" and step > 0 else "")
    return (f"insert into {table} ({', '.join(names)}, articles) select {', '.join(values)}, 0"
            f" where not exists (select 1 from {table} where {match});"
            f" update {table} set articles = articles + {step}{span} where {match};")


def m014_summaries(db: sqlite_utils.Database) -> None:
    db.execute("create table article_facets (article_rowid integer primary key, site text,"
               " category text, published_at text)")
    db.execute("insert into article_facets select rowid, site, category, published_at"
               " from articles")
    db.execute("create table article_tallies (month text, site text, category text,"
               " articles integer not null, first_rowid integer, last_rowid integer)")
    db.execute("insert into article_tallies select substr(published_at, 1, 7), site, category,"
               " count(*), min(rowid), max(rowid) from articles group by 1, 2, 3")
    # Each index holds every column: a sum over a site, a category or months reads it alone.
    rest = "articles, first_rowid, last_rowid"
    for name, key in (("key", "site, month, category"), ("category", "category, month, site"),
                      ("month", "month, site, category")):
        db.execute(f"create index article_tallies_{name} on article_tallies ({key}, {rest})")
    db.execute("create table article_days (day text, articles integer not null)")
    db.execute("create index article_days_key on article_days (day, articles)")
    db.execute("insert into article_days select substr(first_seen_at, 1, 10), count(*)"
               " from articles group by 1")
