"""The generic fallback against trafilatura, on pages of systems no layout module knows.

Two sets, measured the same way in one run:

* fixtures: ``tests/fixtures/fallback-*.html`` with their hand-written records;
* corpus:   ``bench/pages/NAME.html`` (news portals, blogs, government sites, Vietnamese
  and English), each with ``NAME.txt`` (the body, a paragraph a line, written by hand from
  the page) and ``NAME.json`` (url, title, published_at, author, summary; or
  ``"article": false`` for a page that is no article);
* held-out: ``bench/pages/heldout-*``, the same kind of pages, written after the parser was
  last tuned and never used to tune it: the fairest of the three measures.

Per field: title, author and lead are right when they equal the expected text exactly
(None for None); the date is right to the day (trafilatura gives no time of day; a page
printed in another time zone may show the day before ours, which counts too), and for
the generic parser also to the second.  trafilatura's lead is its ``description``.

Body: token precision / recall / F1 (tokens: NFC, casefold, split on non-word
characters), macro-averaged over pages, in two views: "text" compares the lead and body
together (trafilatura keeps the lead in its text, so this is the fair view of both), and
"body" the body field alone against the expected body.

Speed: ms/page for a bare lxml parse, ``load`` + ``generic.parse``, and trafilatura's
``bare_extraction``, as medians of ``--rounds`` rounds, with ratios to the bare parse.

    .venv/bin/python bench/bench_fallback.py [--rounds 5] [--pages]
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.parsers import generic  # noqa: E402
from crawler.parsers.page import load  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
PAGES = ROOT / "bench" / "pages"

# trafilatura settings compared; the best on body F1 is the headline column.
TRAFILATURA_SETTINGS = {
    "default": {},
    "favor_precision": {"favor_precision": True},
    "favor_recall": {"favor_recall": True},
}
FIELDS = ("title", "date", "author", "lead")


@dataclass
class Case:
    name: str
    group: str
    html: bytes
    url: str
    expected: dict | None  # None: the page is no article


def fixture_cases() -> list[Case]:
    cases = []
    for spec_path in sorted(FIXTURES.glob("fallback-*.json")):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        exp = spec["expected"]
        cases.append(Case(spec_path.stem, "fixtures", spec_path.with_suffix(".html").read_bytes(),
                          spec["url"], {k: exp[k] for k in ("title", "published_at", "author",
                                                            "summary", "body")}))
    return cases


def corpus_cases(held_out: bool = False) -> list[Case]:
    """The corpus pages; ``held_out``: those named ``heldout-*``, written after the parser
    they measure was last changed (the others were at hand while it was written)."""
    cases = []
    for meta_path in sorted(PAGES.glob("*.json")):
        if meta_path.name.startswith("heldout-") != held_out:
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        html = meta_path.with_suffix(".html").read_bytes()
        if meta.get("article") is False:
            cases.append(Case(meta_path.stem, "held-out" if held_out else "corpus", html,
                              meta["url"], None))
            continue
        body = meta_path.with_suffix(".txt").read_text(encoding="utf-8").strip()
        expected = {k: meta.get(k) for k in ("title", "published_at", "author", "summary")}
        expected["body"] = body
        expected["published_day"] = meta.get("published_day")
        cases.append(Case(meta_path.stem, "held-out" if held_out else "corpus", html,
                          meta["url"], expected))
    return cases


# --- measures ---------------------------------------------------------------------------

def tokens(text: str | None) -> list[str]:
    if not text:
        return []
    return [t for t in re.split(r"\W+", unicodedata.normalize("NFC", text).casefold()) if t]


def prf(got: str | None, want: str | None) -> tuple[float, float, float]:
    g, w = Counter(tokens(got)), Counter(tokens(want))
    if not g or not w:
        same = float(not g and not w)
        return same, same, same
    common = sum((g & w).values())
    if not common:
        return 0.0, 0.0, 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return p, r, 2 * p * r / (p + r)


def norm(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(text)).split())
    return text or None


def same_instant(got: str | None, want: str | None) -> bool:
    if not got or not want:
        return got == want
    if "T" not in want or "T" not in got:
        return got == want
    return datetime.fromisoformat(got) == datetime.fromisoformat(want)


def same_day(got: str | None, expected: dict) -> bool:
    want = expected.get("published_at")
    if not got or not want:
        return not got and not want
    return got[:10] in {want[:10], expected.get("published_day")}


def joined(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


# --- the two extractors -----------------------------------------------------------------

def run_generic(case: Case) -> dict | None:
    article = generic.parse(load(case.html), case.url)
    if article is None:
        return None
    return {"title": article.title, "date": article.published_at, "author": article.author,
            "lead": article.summary, "body": article.body,
            "text": joined(article.summary, article.body)}


def run_trafilatura(case: Case, settings: dict) -> dict | None:
    import trafilatura

    doc = trafilatura.bare_extraction(case.html, url=case.url, include_comments=False,
                                      include_tables=True, with_metadata=True, **settings)
    if doc is None or not (doc.text or "").strip():
        return None
    return {"title": doc.title, "date": doc.date, "author": doc.author,
            "lead": doc.description, "body": doc.text, "text": doc.text}


# --- scoring ----------------------------------------------------------------------------

def score(cases: list[Case], results: list[dict | None], exact_date: bool) -> dict:
    articles = [(c, r) for c, r in zip(cases, results) if c.expected is not None]
    out: dict = {"pages": len(articles), "refused": sum(r is None for _, r in articles),
                 "non_articles": sum(c.expected is None for c in cases),
                 "non_articles_taken": sum(c.expected is None and r is not None
                                           for c, r in zip(cases, results))}
    right = Counter()
    views = {"text": [], "body": []}
    for case, got in articles:
        exp = case.expected
        got = got or {}
        right["title"] += norm(got.get("title")) == norm(exp["title"])
        right["author"] += norm(got.get("author")) == norm(exp["author"])
        right["lead"] += norm(got.get("lead")) == norm(exp["summary"])
        right["date"] += same_day(got.get("date"), exp)
        if exact_date:
            right["date_exact"] += same_instant(got.get("date"), exp["published_at"])
        views["text"].append(prf(got.get("text"), joined(exp["summary"], exp["body"])))
        views["body"].append(prf(got.get("body"), exp["body"]))
    n = max(len(articles), 1)
    out["fields"] = {k: right[k] / n for k in (*FIELDS, "date_exact")}
    for view, triples in views.items():
        out[view] = tuple(statistics.fmean(t[i] for t in triples) if triples else 0.0
                          for i in range(3))
    out["page_f1"] = {c.name: t[2] for (c, _), t in zip(articles, views["text"])}
    return out


def per_page_ms(fn, cases: list[Case], rounds: int) -> float:
    gc.collect()  # what the accuracy runs left behind is not charged to the next timing
    fn(cases[0])  # warm-up: imports, compiled selectors
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for case in cases:
            fn(case)
        times.append((time.perf_counter() - start) * 1000 / len(cases))
    return statistics.median(times)


# --- report -----------------------------------------------------------------------------

def report(title: str, ours: dict, theirs: dict, theirs_name: str) -> None:
    print(f"\n== {title}: {ours['pages']} article pages"
          + (f", {ours['non_articles']} that are no article" if ours["non_articles"] else ""))
    print(f"{'':28}{'generic':>12}   {theirs_name}")
    for field in FIELDS:
        print(f"{field + ' (exact)' if field != 'date' else 'date (day)':28}"
              f"{ours['fields'][field]:>12.3f}{theirs['fields'][field]:>12.3f}")
    print(f"{'date (to the second)':28}{ours['fields']['date_exact']:>12.3f}{'n/a':>12}")
    for view in ("text", "body"):
        label = "lead+body" if view == "text" else "body field"
        for i, part in enumerate(("P", "R", "F1")):
            print(f"{label + ' token ' + part:28}{ours[view][i]:>12.3f}{theirs[view][i]:>12.3f}")
    print(f"{'articles refused':28}{ours['refused']:>12}{theirs['refused']:>12}")
    if ours["non_articles"]:
        print(f"{'non-articles taken':28}{ours['non_articles_taken']:>12}"
              f"{theirs['non_articles_taken']:>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", action="store_true", help="print each page's text F1")
    args = parser.parse_args()

    import trafilatura

    groups = {"fixtures": fixture_cases(), "corpus": corpus_cases(),
              "held-out": corpus_cases(held_out=True)}
    everything = [c for cases in groups.values() for c in cases]
    print(f"trafilatura {trafilatura.__version__}; " + ", ".join(
        f"{len(cs)} {name} pages" for name, cs in groups.items()))

    ours = {g: score(cs, [run_generic(c) for c in cs], True) for g, cs in groups.items()}
    ours["all"] = score(everything, [run_generic(c) for c in everything], True)
    theirs_by_setting = {}
    for name, settings in TRAFILATURA_SETTINGS.items():
        theirs_by_setting[name] = {
            g: score(cs, [run_trafilatura(c, settings) for c in cs], False)
            for g, cs in {**groups, "all": everything}.items()}
    print("\ntrafilatura settings, lead+body token F1 (" + " / ".join([*groups, "all"]) + "):")
    for name, res in theirs_by_setting.items():
        print(f"  {name:16} " + " / ".join(f"{res[g]['text'][2]:.3f}" for g in [*groups, "all"]))
    best = max(theirs_by_setting, key=lambda n: theirs_by_setting[n]["all"]["text"][2])
    theirs = theirs_by_setting[best]
    name = f"trafilatura ({best})"
    for group in (*groups, "all"):
        report(group, ours[group], theirs[group], name)

    if args.pages:
        print(f"\n{'page':48}{'generic':>9}{'trafilatura':>13}")
        for case in everything:
            if case.expected is None:
                continue
            print(f"{case.name:48}{ours['all']['page_f1'][case.name]:>9.3f}"
                  f"{theirs['all']['page_f1'][case.name]:>13.3f}")

    bare = per_page_ms(lambda c: lxml.html.document_fromstring(c.html), everything, args.rounds)
    mine = per_page_ms(run_generic, everything, args.rounds)
    traf = per_page_ms(lambda c: run_trafilatura(c, TRAFILATURA_SETTINGS[best]), everything,
                       args.rounds)
    size = statistics.fmean(len(c.html) for c in everything) / 1024
    print(f"\n== speed: {len(everything)} pages, mean {size:.1f} KiB, median of {args.rounds} rounds")
    rows = (("bare lxml parse", bare), ("load + generic.parse", mine),
            (f"trafilatura ({best})", traf))
    for label, ms in rows:
        print(f"{label:32}{ms:7.2f} ms/page {ms / bare:6.1f}x a bare parse")


if __name__ == "__main__":
    main()
