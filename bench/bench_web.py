"""How fast the web view answers over an archive of 100,000 articles: every page of
archive/pages.py (and Datasette's articles table) asked through Datasette's in-process
client (routing, the queries and the templates; no network), each against its anchor in
the same run: the bare SQL that fetches the page's main data, on a plain sqlite3
connection (a bare FTS5 query for the search page).

    .venv/bin/python bench/bench_web.py [--articles 100000] [--db PATH] [--rounds 21]

The archive is bench/bench_search.py's synthetic one (kept at --db to be reused), plus 500
edited articles (versions), a stored page, 40 runs with health verdicts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_search import Corpus, build  # noqa: E402

from archive.store import Archive  # noqa: E402
from archive.web import make_datasette  # noqa: E402
from crawler.kernel.record import Snapshot  # noqa: E402


def extras(path: Path, count: int) -> None:
    corpus = Corpus()
    archive = Archive(path)
    if archive.db.execute("select count(*) from article_versions").fetchone()[0]:
        archive.close()
        return
    edited = [corpus.article(n) for n in range(0, count, max(count // 500, 1))]
    for a in edited:
        a.title += " (cập nhật)"
    archive.store_batch(edited)
    first = corpus.article(0)
    archive.store_batch(snapshots=[Snapshot(
        url=first.url, method="GET", status=200, fetched_at="2026-01-01T00:00:00+00:00",
        body=f"<html><body><h1>{first.title}</h1>{first.body_html}</body></html>".encode())])
    health = {"sites": [{"site": "www.nghean.gov.vn", "pages": 40, "degraded_fields": [],
                         "shares": {"title": 1.0, "published_at": 1.0, "body": 1.0}}]}
    for _ in range(40):
        run = archive.start_run(["https://www.nghean.gov.vn"])
        archive.finish_run(run, "ok", health=json.dumps(health), articles_new=25)
    archive.db.execute("pragma wal_checkpoint(truncate)")
    archive.close()


def median_ms(fn, rounds: int) -> float:
    fn()  # warm
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "web.db"
    if not path.exists():
        print(f"building {args.articles:,} articles in {path}", file=sys.stderr)
        build(path, args.articles)
    Archive(path).close()  # brings an archive built by an older version up to date
    extras(path, args.articles)
    ds = make_datasette(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    first = Corpus().article(0).url
    url = urllib.parse.quote(first, safe="")
    run_id = conn.execute("select max(id) from crawl_runs").fetchone()[0]

    def sql(query, *params):
        return lambda: conn.execute(query, params).fetchall()

    pages = [
        ("/article", f"/article?url={url}",
         sql("select * from articles where url = ?", first)),
        ("/article/history", f"/article/history?url={url}",
         sql("select record from article_versions where url = ?", first)),
        ("/article/raw", f"/article/raw?url={url}",
         sql("select * from fetches where url = ?", first)),
        ("/article/raw/page", f"/article/raw/page?url={url}",
         sql("select data from bodies b join fetches f on f.body_sha256 = b.sha256"
             " where f.url = ?", first)),
        ("/charts", "/charts",
         sql("select substr(published_at, 1, 7), site, count(*) from articles"
             " where published_at is not null group by 1, 2")),
        ("/charts?by=category", "/charts?by=category",
         sql("select substr(published_at, 1, 7), category, count(*) from articles"
             " where published_at is not null group by 1, 2")),
        ("/runs", "/runs", sql("select * from crawl_runs order by id desc")),
        (f"/runs/{run_id}", f"/runs/{run_id}",
         sql("select * from crawl_runs where id = ?", run_id)),
        ("/sites", "/sites", sql("select site, count(*) from articles group by site")),
        ("/sites/www.nghean.gov.vn", "/sites/www.nghean.gov.vn",
         sql("select count(*) from articles where site = ?", "www.nghean.gov.vn")),
        ("/find?q=Nguyễn Văn", "/find?q=" + urllib.parse.quote("nguyen van"),
         sql("select rowid from articles_fts where articles_fts match ? limit 50",
             '{title_f summary_f body_f author_f} : ("nguyen van")')),
        ("/find?q=chuyển đổi số", "/find?q=" + urllib.parse.quote("chuyển đổi số"),
         sql("select rowid from articles_fts where articles_fts match ? limit 50",
             '{title_f summary_f body_f author_f} : ("chuyen doi so")')),
        ("/archive/articles", "/archive/articles",
         sql("select * from articles order by published_at desc limit 51")),
    ]
    print(f"{path}: {conn.execute('select count(*) from articles').fetchone()[0]:,} articles;"
          f" median of {args.rounds} requests, in-process")
    print(f"{'page':30}{'status':>7}{'page ms':>10}{'anchor ms':>11}{'ratio':>9}")
    worst = 0.0
    for name, path_, anchor in pages:
        status = asyncio.run(ds.client.get(path_)).status_code
        page_ms = median_ms(lambda p=path_: asyncio.run(ds.client.get(p)), args.rounds)
        anchor_ms = median_ms(anchor, args.rounds)
        worst = max(worst, page_ms)
        print(f"{name:30}{status:>7}{page_ms:>10.1f}{anchor_ms:>11.2f}"
              f"{page_ms / max(anchor_ms, 1e-3):>8.0f}x")
    print(f"slowest page: {worst:.1f} ms median")


if __name__ == "__main__":
    main()
