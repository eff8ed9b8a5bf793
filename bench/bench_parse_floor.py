"""Parser cost against the floor: CPU time of a bare ``lxml.html.fromstring`` of a page's
bytes beside the crawl's verdict on it (``load`` then ``roles.classify(..., reached_as=
"article")``) and ``parse_article``, interleaved on the same pages in one run.

Pages: tests/fixtures/**/*.html and bench/pages/**/*.html, grouped by kind (fixture,
bench page, other page).  Prints per-kind medians (ms of process time per page) and the
ratio of each to bare lxml.

    .venv/bin/python bench/bench_parse_floor.py [--rounds 5] [--cold] [--replica N]

``--cold``: the memo caches of the parsers and the kernel (functools.lru_cache on pure
functions of a page's strings; not the compiled XPaths, see COMPILED) are emptied before
each page, so that no page gains from having been read in an earlier
round: what a crawl meeting each page once pays.

``--replica N``: a group more, the article pages of the replica enlarged with N synthetic
articles (``bench_crawl.synthetic``, as ``bench_crawl_floor`` crawls them), rendered in
this process: the pages a crawl of the replica spends its parsing on.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from crawler.parsers import load, parse_article  # noqa: E402
from crawler.parsers.roles import classify  # noqa: E402


def kind_of(path: Path) -> str:
    rel = path.relative_to(ROOT).parts
    if rel[0] == "tests":
        return "fixture"
    return "bench-other" if "other" in rel else "bench-page"


def corpus() -> list[tuple[str, bytes, str]]:
    paths = sorted(list(ROOT.glob("tests/fixtures/**/*.html")) + list(ROOT.glob("bench/pages/**/*.html")))
    return [(kind_of(p), p.read_bytes(), "https://www.nghean.gov.vn/" + p.stem + "-123456.html")
            for p in paths]


def replica_pages(extra: int) -> list[tuple[str, bytes, str]]:
    """The replica's article pages, with ``extra`` synthetic articles, as a crawl meets them."""
    from bench_crawl import synthetic

    from crawler.replica import build_site
    from crawler.replica.article import article_page

    base = "https://www.nghean.gov.vn"
    site = build_site()
    site = build_site(add=synthetic(extra, [c.slug for c in site.categories]))
    return [("replica", article_page(site, a, base).body, base + site.article_path(a))
            for a in site.articles.values()]


def bare(raw: bytes, url: str) -> None:
    lxml.html.fromstring(raw)


def verdict(raw: bytes, url: str) -> None:
    classify(load(raw), url, reached_as="article")


def article(raw: bytes, url: str) -> None:
    parse_article(raw, url)


CONTENDERS = {"lxml": bare, "classify": verdict, "parse_article": article}


# Memoised functions of the code, not of a page: compiled XPath expressions and the list of
# layout plug-ins.  A crawl pays for them once per process, so they are not emptied.
COMPILED = {"crawler.parsers.page._xpath", "crawler.parsers.registry._all_layouts",
            "crawler.kernel.text._marks"}


def memo_caches() -> list:
    """The cache_clear of every memoised function of a page's strings in crawler.parsers
    and crawler.kernel (canonical URLs, folded labels, classified lines...)."""
    import crawler.kernel as kernel
    import crawler.parsers as package

    out = []
    for pkg in (package, kernel):
        for info in pkgutil.iter_modules(pkg.__path__):
            name = f"{pkg.__name__}.{info.name}"
            module = importlib.import_module(name)
            out += [f.cache_clear for key, f in vars(module).items()
                    if hasattr(f, "cache_clear") and f"{name}.{key}" not in COMPILED]
    return out


def measure(pages, rounds: int, cold: bool = False) -> dict[str, dict[str, list[float]]]:
    """kind -> contender -> per-page best-of-rounds CPU ms."""
    best: dict[tuple[int, str], float] = {}
    clears = memo_caches() if cold else []
    for _ in range(rounds):
        for i, (_kind, raw, url) in enumerate(pages):
            for name, fn in CONTENDERS.items():
                for clear in clears:
                    clear()
                start = time.process_time()
                fn(raw, url)
                spent = (time.process_time() - start) * 1000
                best[i, name] = min(best.get((i, name), spent), spent)
    out: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (i, name), ms in best.items():
        out[pages[i][0]][name].append(ms)
        if pages[i][0] != "replica":  # "all": the stored pages, with or without --replica
            out["all"][name].append(ms)
    return out


def report(out) -> None:
    print(f"{'kind':12} {'pages':>5} {'lxml ms':>8} {'classify':>9} {'ratio':>6} {'article':>8} {'ratio':>6} {'sum ratio':>9}")
    for kind in sorted(out):
        row = out[kind]
        floor = statistics.median(row["lxml"])
        cls = statistics.median(row["classify"])
        art = statistics.median(row["parse_article"])
        total = sum(row["classify"]) / sum(row["lxml"])
        print(f"{kind:12} {len(row['lxml']):5} {floor:8.2f} {cls:9.2f} {cls / floor:6.1f} "
              f"{art:8.2f} {art / floor:6.1f} {total:9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="empty the memo caches before each page")
    parser.add_argument("--replica", type=int, default=0, metavar="N",
                        help="also the replica's article pages, with N synthetic articles")
    args = parser.parse_args()
    pages = corpus() + (replica_pages(args.replica) if args.replica else [])
    report(measure(pages, args.rounds, args.cold))


if __name__ == "__main__":
    main()
