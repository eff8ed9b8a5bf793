"""Crawl throughput: pages per second for a whole `govnews crawl --delay 0` of the replica.

The replica is enlarged with synthetic articles (``--extra N``, spread over its categories)
so that the crawl runs long enough to measure; it is served on 127.0.0.1 only.  The figure
includes everything a real crawl does: robots.txt, listings, LoadArticle POSTs, parsing and
batched SQLite writes.  The second run shows the cost of re-crawling an unchanged site.

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

from crawler.replica import ReplicaServer, build_site

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
                    "--delay", "0", "--quiet"], check=True, env=env, cwd=ROOT,
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
    site = build_site(add=synthetic(args.extra, [c.slug for c in base.categories]))
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(site, port=0) as server:
        db = Path(tmp) / "bench.db"
        results = {}
        for label in ("first", "second"):
            server.requests.clear()
            elapsed, run = crawl(server.url, db)
            results[label] = {
                "seconds": round(elapsed, 2),
                "requests": run["requests"],
                "pages_per_second": round(run["requests"] / elapsed, 1),
                "articles_new": run["articles_new"],
                "articles_unchanged": run["articles_unchanged"],
            }
        results["articles"] = len(site.article_paths())
        results["db_bytes_per_article"] = round(db.stat().st_size / results["articles"])
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
