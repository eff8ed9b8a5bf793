"""Parser speed: milliseconds per article page, against a bare lxml parse of the same bytes.

DESIGN.md's target: a layout parser should cost about one bare lxml parse, not trafilatura's
three.  Pages: every stored fixture plus every article page the replica renders.

    python bench/bench_parse.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import lxml.html

from crawler.parsers import parse_article
from crawler.replica import ReplicaServer

ROOT = Path(__file__).resolve().parent.parent


def pages() -> list[tuple[bytes, str]]:
    out = []
    for spec in sorted((ROOT / "tests" / "fixtures").glob("*.json")):
        meta = json.loads(spec.read_text(encoding="utf-8"))
        if meta.get("expected"):
            out.append((spec.with_suffix(".html").read_bytes(), meta["url"]))
    import urllib.request

    with ReplicaServer(port=0) as server:
        for path in server.site.article_paths():
            with urllib.request.urlopen(server.url + path) as response:
                out.append((response.read(), server.url + path))
    return out


def per_page_ms(fn, corpus, rounds) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for body, url in corpus:
            fn(body, url)
        times.append((time.perf_counter() - start) * 1000 / len(corpus))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    corpus = pages()
    size = sum(len(b) for b, _ in corpus) / len(corpus)
    bare = per_page_ms(lambda b, u: lxml.html.document_fromstring(b), corpus, args.rounds)
    full = per_page_ms(lambda b, u: parse_article(b, u), corpus, args.rounds)
    print(f"{len(corpus)} article pages, mean {size / 1024:.1f} KiB")
    print(f"bare lxml parse : {statistics.median(bare):.2f} ms/page (median of {args.rounds} rounds)")
    print(f"parse_article   : {statistics.median(full):.2f} ms/page "
          f"({statistics.median(full) / statistics.median(bare):.1f}x a bare parse)")
    print(f"throughput      : {1000 / statistics.median(full):.0f} pages/s on one core")


if __name__ == "__main__":
    main()
