"""Crawl throughput: pages per second for a whole `govnews crawl --delay 0` of the replica.

The replica is enlarged with synthetic articles (``--extra N``, spread over its categories)
so that the crawl runs long enough to measure; it is served on 127.0.0.1 only.  The figure
includes everything a real crawl does: robots.txt, listings, LoadArticle POSTs, parsing and
batched SQLite writes and raw snapshots.  The second run is the nightly case: 8 new articles
in two categories, crawled incrementally.  The database size per article includes every raw
snapshot.

    python bench/bench_crawl.py [--extra 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.replica import ReplicaServer, build_site, new_articles

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("Ủy ban nhân dân tỉnh Nghệ An tổ chức hội nghị triển khai nhiệm vụ phát triển kinh tế "
         "xã hội đảm bảo quốc phòng an ninh trên địa bàn các huyện thành phố thị xã năm").split()


def synthetic(n: int, categories: list[str]) -> list[dict]:
    out = []
    for i in range(n):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(12)]
        out.append({
            "id": str(800000 + i),
            "category": categories[i % len(categories)],
            "title": f"{' '.join(words).capitalize()} số {i}",
            "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} {8 + i % 10:02d}:{i % 60:02d}",
            "lead": " ".join(words[:8]).capitalize() + ".",
            "body": [" ".join(WORDS[(i + k) % len(WORDS)] for k in range(60)) + "."
                     for _ in range(6)],
            "author": "Phóng viên",
            "byline": "div",
        })
    return out


def crawl(url: str, db: Path) -> tuple[float, dict]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "archive.cli", "crawl", url, "--db", str(db),
                    "--delay", "0", "--quiet"], check=False, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    run = dict(con.execute("select * from crawl_runs order by id desc limit 1").fetchone())
    con.close()
    return elapsed, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--extra", type=int, default=1000, help="synthetic articles to add")
    args = parser.parse_args()
    base = build_site()
    extra = synthetic(args.extra, [c.slug for c in base.categories])
    site = build_site(add=extra)
    nightly = new_articles(8, [c.slug for c in base.categories][:2])
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(site, port=0) as server:
        db = Path(tmp) / "bench.db"
        results = {}
        for label in ("first", "incremental_8_new"):
            if label != "first":
                server.site = build_site(add=extra + nightly)
            server.requests.clear()
            elapsed, run = crawl(server.url, db)
            results[label] = {
                "seconds": round(elapsed, 2),
                "requests": run["requests"],
                "pages_per_second": round(run["requests"] / elapsed, 1),
                "articles_new": run["articles_new"],
                "status": run["status"],
            }
            if label == "first":
                results["articles"] = run["articles_new"]
                size = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))
                con = sqlite3.connect(db)
                fetches, bodies, raw, packed = con.execute(
                    "select (select count(*) from fetches), count(*), sum(size), sum(length(data))"
                    " from bodies").fetchone()
                con.close()
                results["db_bytes_per_article"] = round(size / run["articles_new"])
                results["snapshots"] = {"fetches": fetches, "distinct_bodies": bodies,
                                        "raw_bytes": raw, "stored_bytes": packed}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
