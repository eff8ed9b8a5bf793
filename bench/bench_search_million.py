"""Search and the reading pages at a million articles, against bare anchors, interleaved.

    .venv/bin/python bench/bench_search_million.py [--db PATH] [--rounds 3] [--pages-rounds 21]

The archive is bench/bench_million.py's (built there if missing).  Two parts:

- ``archive.search.search`` (what ``govnews search`` runs for articles) over a fixed mix
  of queries, each kind equally often: common words, one letter, 10-word phrases, names
  as typed (with and without accents), places, rare words, document numbers, words in
  any order, accents as typed, and filters by site (the portal and small sites), by
  category and by date range.  Each query is timed beside its anchor, a bare FTS5
  ``SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20``
  of the same words, the two run one after the other (which goes first alternates),
  ``--rounds`` times; a query's time is its median over the rounds.  Prints, per kind
  and overall, the median, 95th percentile and maximum of both, and their ratio.
- every reading page of the web view (archive/pages.py: the article, its versions, the
  stored page, a document, a file's text, the charts, the runs, the sites, one site,
  the search page with several kinds of query; Datasette's home, database and articles
  pages), asked through Datasette's in-process client, round-robin, ``--pages-rounds``
  times each: median and 95th percentile.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_million import (  # noqa: E402
    CATEGORIES,
    DEFAULT_DB,
    DOCUMENTS,
    PHRASES,
    PLACES,
    RARE,
    SITES,
    Portal,
    build,
)
from bench_search import round_robin  # noqa: E402
from datasette.utils import tilde_encode  # noqa: E402

from archive.search import fts_query, search  # noqa: E402
from archive.store import Archive  # noqa: E402
from crawler.kernel.text import fold  # noqa: E402

LETTERS = list("abcdeghiklmnopqrstuvxyđ")


def query_plan(portal: Portal, count: int, seed: int = 11) -> list[tuple[str, str, dict]]:
    """(kind, text, options): a fixed mix, each kind about equally often."""
    rng = random.Random(seed)
    c = portal.corpus

    def name() -> str:
        return portal._pick(rng, c.names, portal.name_cum)[0]

    def phrase(n: int) -> str:
        while True:
            words = rng.choice(c.sentences).rstrip(".").split()
            if len(words) >= n:
                i = rng.randrange(len(words) - n + 1)
                return " ".join(words[i:i + n])

    def number() -> str:
        return portal.number(portal._pick(rng, range(DOCUMENTS), portal.doc_cum)[0])

    small = SITES[len(SITES) // 2:]
    kinds = [
        ("common word", lambda: (rng.choice(c.vocabulary[:30]), {})),
        ("one letter", lambda: (rng.choice(LETTERS), {})),
        ("10-word phrase", lambda: (phrase(10), {})),
        ("name", lambda: (name(), {})),
        ("name, no accents", lambda: (fold(name()).lower(), {})),
        ("place", lambda: (rng.choice(PLACES), {})),
        ("rare word", lambda: (rng.choice(RARE), {})),
        ("document number", lambda: (number(), {})),
        ("words, any order", lambda: (" ".join(rng.sample(c.vocabulary[100:1000], 2)),
                                      {"phrase": False})),
        ("exact place", lambda: (rng.choice(PLACES), {"exact": True})),
        ("common + site", lambda: (rng.choice(c.vocabulary[:30]),
                                   {"site": rng.choice([SITES[0], *small])})),
        ("name + site", lambda: (fold(name()).lower(), {"site": rng.choice(SITES)})),
        ("common + category", lambda: (rng.choice(c.vocabulary[:30]),
                                       {"category": rng.choice(CATEGORIES)})),
        ("phrase + date range", lambda: (rng.choice(PHRASES), {"since": "2018-01-01",
                                                               "until": "2019-06-30"})),
        ("common + date range", lambda: (rng.choice(c.vocabulary[:30]), _range(rng))),
        ("name + category + since", lambda: (name(), {"category": rng.choice(CATEGORIES),
                                                      "since": str(rng.randint(2014, 2024))})),
    ]
    return round_robin(kinds, count)


def _range(rng: random.Random) -> dict:
    first = rng.randint(2012, 2024)
    return {"since": f"{first}-{rng.randint(1, 12):02d}", "until": str(first + rng.randint(0, 2))}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _ms(fn) -> tuple[float, float]:
    """(wall-clock ms, this process's CPU ms) of ``fn()``: the machine is shared, and the
    CPU time tells what another program's load added to the wait."""
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def time_searches(path: Path, plan, rounds: int) -> dict[str, list[list[float]]]:
    """{kind: [[search ms, anchor ms, search CPU ms, anchor CPU ms] per query, each the
    median over the rounds]}."""
    archive = Archive(path, readonly=True)
    db = archive.db
    anchor = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    bare = ("select rowid from articles_fts where articles_fts match ? order by rank"
            " limit 20")
    for _kind, text, options in plan[:32]:  # warm the caches as a long-lived server would
        search(db, text, **options)
    times: list[list[tuple[float, ...]]] = [[] for _ in plan]
    for r in range(rounds):
        for i, (_kind, text, options) in enumerate(plan):
            match = fts_query(text, phrase=options.get("phrase", True))
            runs = [lambda t=text, o=options: search(db, t, **o),
                    lambda m=match: anchor.execute(bare, [m]).fetchall()]
            first = (i + r) % 2  # which of the two goes first alternates
            a = _ms(runs[first])
            b = _ms(runs[1 - first])
            (s, c) = (a, b) if first == 0 else (b, a)
            times[i].append((s[0], c[0], s[1], c[1]))
        every = [t[-1][0] for t in times]
        print(f"  round {r + 1} of {rounds}: search median {statistics.median(every):.1f} ms,"
              f" p95 {percentile(every, 95):.1f}, max {max(every):.1f};"
              f" load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    archive.close()
    out: dict[str, list[list[float]]] = {}
    for (kind, _t, _o), ts in zip(plan, times):
        out.setdefault(kind, []).append([statistics.median(t[k] for t in ts) for k in range(4)])
    return out


def search_report(times: dict[str, list[list[float]]]) -> None:
    for title, first in (("wall clock", 0), ("CPU time of this process", 2)):
        print(f"\n{title}\n{'kind':<26}{'n':>4}  {'search ms: median':>17}{'p95':>7}"
              f"{'max':>7}  {'anchor: median':>14}{'p95':>7}{'max':>8}  {'ratio':>6}")
        for kind, rows in [*times.items(), ("ALL", [r for rs in times.values() for r in rs])]:
            s, a = [r[first] for r in rows], [r[first + 1] for r in rows]
            print(f"{kind:<26}{len(rows):>4}  {statistics.median(s):>17.1f}"
                  f"{percentile(s, 95):>7.1f}{max(s):>7.1f}  {statistics.median(a):>14.1f}"
                  f"{percentile(a, 95):>7.1f}{max(a):>8.1f}"
                  f"  {statistics.median(s) / max(statistics.median(a), 1e-6):>5.2f}x")


def page_list(path: Path) -> list[tuple[str, str]]:
    """(name, address) of every reading page, on records that have what the page shows."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    one = conn.execute(
        "select a.url from articles a join article_versions v on v.url = a.url"
        " where exists (select 1 from attachments t where t.article_url = a.url)"
        " and exists (select 1 from citations c where c.article_url = a.url)"
        " order by a.rowid desc limit 1").fetchone()
    url = one[0] if one else conn.execute("select max(url) from articles").fetchone()[0]
    versions = conn.execute("select count(*) from article_versions where url = ?",
                            [url]).fetchone()[0]
    doc = conn.execute("select d.url from documents d join citations c on"
                       " c.number_key = d.number_key group by d.url order by count(*) desc"
                       " limit 1").fetchone()[0]
    file = conn.execute("select f.url from files f join file_texts t on t.sha256 = f.sha256"
                        " order by f.rowid desc limit 1").fetchone()[0]
    run = conn.execute("select max(id) from crawl_runs").fetchone()[0]
    number = conn.execute("select number from documents where url = ?", [doc]).fetchone()[0]
    # Next-page keys as Datasette writes them: the 50th row's, and the middle row's.
    count = conn.execute("select max(rowid) from articles").fetchone()[0]
    keys = [",".join(tilde_encode(v) for v in conn.execute(
        "select published_at, url from articles order by published_at desc, url"
        " limit 1 offset ?", [offset]).fetchone()) for offset in (49, count // 2)]
    conn.close()
    q = lambda **kw: urllib.parse.urlencode(kw)  # noqa: E731
    return [
        ("/ (Datasette home)", "/"),
        ("/archive (database)", "/archive"),
        ("/archive/articles", "/archive/articles"),
        ("/archive/articles, page 2", f"/archive/articles?{q(_next=keys[0])}"),
        ("/archive/articles, middle page", f"/archive/articles?{q(_next=keys[1])}"),
        ("/article", f"/article?{q(url=url)}"),
        ("/article/history", f"/article/history?{q(url=url)}"),
        ("/article/history compare", f"/article/history?{q(url=url, **{'from': 1})}"
                                     f"&to={versions + 1}"),
        ("/article/raw", f"/article/raw?{q(url=url)}"),
        ("/article/raw/page", f"/article/raw/page?{q(url=url)}"),
        ("/document", f"/document?{q(url=doc)}"),
        ("/file/text", f"/file/text?{q(url=file)}"),
        ("/charts", "/charts"),
        ("/charts?by=category", "/charts?by=category"),
        ("/charts/months.svg", "/charts/months.svg"),
        ("/runs", "/runs"),
        (f"/runs/{run}", f"/runs/{run}"),
        ("/runs/1", "/runs/1"),
        ("/sites", "/sites"),
        (f"/sites/{SITES[0]}", f"/sites/{SITES[0]}"),
        (f"/sites/{SITES[-1]}", f"/sites/{SITES[-1]}"),
        ("/find (empty form)", "/find"),
        ("/find common word", f"/find?{q(q='tỉnh')}"),
        ("/find name, no accents", f"/find?{q(q='nguyen van hung')}"),
        ("/find phrase", f"/find?{q(q='chuyển đổi số')}"),
        ("/find document number", f"/find?{q(q=number)}"),
        ("/find rare + site", f"/find?{q(q=RARE[0], site=SITES[3])}"),
        ("/find common + category + dates",
         f"/find?{q(q='xã', category=CATEGORIES[2], since='01/01/2018', until='30/06/2019')}"),
        ("/find one letter, documents", f"/find?{q(q='a', kind='document')}"),
        ("articles table: common word", f"/archive/articles?{q(_search='tỉnh')}"),
        ("articles table: common word, title", f"/archive/articles?{q(_search_title='tỉnh')}"),
        ("articles table: common word + site",
         f"/archive/articles?{q(_search='tỉnh', site=SITES[3])}"),
        ("articles table: name, no accents",
         f"/archive/articles?{q(_search='nguyen van hung')}"),
        ("articles table: phrase", f"/archive/articles?{q(_search='chuyển đổi số')}"),
        ("articles table: rare word", f"/archive/articles?{q(_search=RARE[0])}"),
    ]


def time_pages(path: Path, rounds: int) -> dict:
    from archive.web import make_datasette

    ds = make_datasette(path)
    pages = page_list(path)

    async def get(address):
        return await ds.client.get(address)

    out: dict[str, tuple[int, list[tuple[float, float]], float]] = {}
    for name, address in pages:  # the first view (its counts not kept yet), and the status
        answer = []
        first = _ms(lambda a=address, kept=answer: kept.append(asyncio.run(get(a))))[0]
        out[name] = (answer[0].status_code, [], first)
    for _ in range(rounds):  # round-robin: the machine's load falls on every page alike
        for name, address in pages:
            out[name][1].append(_ms(lambda a=address: asyncio.run(get(a))))
    return out


def pages_report(times: dict[str, tuple[int, list[tuple[float, float]], float]]) -> None:
    """Per page: its first view (the archive's counts for it not yet kept: see
    archive.web.ArchiveDatabase.execute), then the median and 95th percentile of the
    views after it."""
    print(f"\n{'page':<40}{'status':>7}{'first ms':>10}{'median ms':>11}{'p95 ms':>9}"
          f"{'CPU median':>12}")
    for name, (status, ts, first) in times.items():
        wall = [t[0] for t in ts]
        print(f"{name:<40}{status:>7}{first:>10.1f}{statistics.median(wall):>11.1f}"
              f"{percentile(wall, 95):>9.1f}{statistics.median(t[1] for t in ts):>12.1f}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--articles", type=int, default=1_000_000,
                        help="when the archive is built here")
    parser.add_argument("--queries", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages-rounds", type=int, default=21)
    parser.add_argument("--only", choices=("search", "pages"))
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"building {args.articles:,} articles into {args.db}", file=sys.stderr)
        build(args.db, args.articles)
    started = time.perf_counter()
    Archive(args.db).close()  # brings the archive up to date (migrations), timed
    print(f"opened (migrations) in {time.perf_counter() - started:.1f} s")
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    count = conn.execute("select max(rowid) from articles").fetchone()[0]
    conn.close()
    portal = Portal(count)
    print(f"{args.db}: {args.db.stat().st_size / 1e9:.2f} GB, about {count:,} articles")
    if args.only != "pages":
        search_report(time_searches(args.db, query_plan(portal, args.queries), args.rounds))
    if args.only != "search":
        pages_report(time_pages(args.db, args.pages_rounds))


if __name__ == "__main__":
    main()
