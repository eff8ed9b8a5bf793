"""Articles told from everything else: ours beside trafilatura, on stored pages, in one run.

Two sets:

* news: every ``bench/pages/NAME.json`` that is an article (``.txt`` holds its body, written
  by hand), reported for the held-out pages (``heldout-*``, never used to tune a parser)
  and for all of them.  Each should be accepted, and its body read.
* non-articles: ``bench/pages/other/NAME.html`` (with ``NAME.url`` and a one-line
  ``NAME.kind``: home, section, contact, search, ...) and the ``"article": false`` pages of
  ``bench/pages``.  None should be accepted.

Contenders, each answering "is this an article, and what is its body":

* ``generic.parse``: the fallback parser; an article when it returns one;
* ``classify``: ``crawler.parsers.classify(..., reached_as="article")``, an article when its
  role is "article" (the column is left out while the tree has no classifier);
* trafilatura with its own defaults, ``bare_extraction(html, url=url)`` and
  ``extract(html, url=url)``.  trafilatura never says "no article": it returns whatever
  text it found (it gives up only below ``MIN_OUTPUT_SIZE``, one character).  It counts
  here as accepting a page when the text is at least ``--min-chars`` characters, by
  default 250, its own ``MIN_EXTRACTED_SIZE`` (below which it tries its fallback
  extractors);
* ``is_probably_readerable`` (trafilatura.readability_lxml, Readability's port): a yes or
  no, with no body.

Body: token precision/recall/F1 as bench_fallback.py computes them (NFC, casefold, split
on non-word characters), macro-averaged; a page a contender does not accept scores 0 in
the main row, and a second row averages over the pages it accepts.  "body" compares the
body field with the expected body; "lead+body" compares lead and body together with the
expected lead and body (trafilatura keeps the lead in its text: the fair view of it).

    .venv/bin/python bench/bench_roles.py [--min-chars 250] [--pages]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_fallback import PAGES, corpus_cases, joined, prf  # noqa: E402

from crawler.parsers import generic  # noqa: E402
from crawler.parsers.page import load  # noqa: E402

try:
    from crawler.parsers import classify
except ImportError:  # a tree from before the classifier: its column is left out
    classify = None

OTHER = PAGES / "other"
# trafilatura's settings.cfg MIN_EXTRACTED_SIZE.
DEFAULT_MIN_CHARS = 250


@dataclass
class Page:
    name: str
    kind: str
    url: str
    html: bytes
    expected: dict | None  # None: no article


@dataclass
class Answer:
    accepted: bool
    body: str | None = None
    text: str | None = None  # lead and body, the "lead+body" view


def news_pages() -> tuple[list[Page], list[Page]]:
    def pages(held_out: bool) -> list[Page]:
        return [Page(c.name, "held-out news" if held_out else "news", c.url, c.html, c.expected)
                for c in corpus_cases(held_out=held_out) if c.expected is not None]
    held_out = pages(True)
    return held_out, pages(False) + held_out


def non_article_pages() -> list[Page]:
    pages = [Page(p.stem, p.with_suffix(".kind").read_text(encoding="utf-8").strip(),
                  p.with_suffix(".url").read_text(encoding="utf-8").strip(), p.read_bytes(), None)
             for p in sorted(OTHER.glob("*.html"))]
    pages += [Page(c.name, "article: false", c.url, c.html, None)
              for held_out in (False, True) for c in corpus_cases(held_out=held_out)
              if c.expected is None]
    return pages


# --- the contenders ---------------------------------------------------------------------

def by_generic(page: Page, min_chars: int) -> Answer:
    article = generic.parse(load(page.html), page.url)
    if article is None:
        return Answer(False)
    return Answer(True, article.body, joined(article.summary, article.body))


def by_classify(page: Page, min_chars: int) -> Answer:
    role = classify(page.html, page.url, reached_as="article")
    if role.role != "article" or role.record is None:
        return Answer(False)
    return Answer(True, role.record.body, joined(role.record.summary, role.record.body))


def by_bare_extraction(page: Page, min_chars: int) -> Answer:
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, url=page.url)
    text = (doc.text or "").strip() if doc is not None else ""
    return Answer(len(text) >= min_chars, text or None, text or None)


def by_extract(page: Page, min_chars: int) -> Answer:
    import trafilatura

    text = (trafilatura.extract(page.html, url=page.url) or "").strip()
    return Answer(len(text) >= min_chars, text or None, text or None)


def by_readerable(page: Page, min_chars: int) -> Answer:
    from trafilatura.readability_lxml import is_probably_readerable

    return Answer(bool(is_probably_readerable(page.html)))


def contenders() -> dict:
    found = {"generic.parse": by_generic}
    if classify is not None:
        found["classify"] = by_classify
    found["traf.bare"] = by_bare_extraction
    found["traf.extract"] = by_extract
    found["readerable"] = by_readerable
    return found


BODILESS = {"readerable"}


# --- measures ---------------------------------------------------------------------------

def news_scores(pages: list[Page], answers: list[Answer]) -> dict:
    def mean(values):
        return statistics.fmean(values) if values else 0.0

    body = [prf(a.body if a.accepted else None, p.expected["body"])[2]
            for p, a in zip(pages, answers)]
    text = [prf(a.text if a.accepted else None,
                joined(p.expected["summary"], p.expected["body"]))[2]
            for p, a in zip(pages, answers)]
    taken = [i for i, a in enumerate(answers) if a.accepted]
    return {"accepted": len(taken), "refused": len(pages) - len(taken),
            "body": mean(body), "text": mean(text),
            "body_taken": mean([body[i] for i in taken]),
            "text_taken": mean([text[i] for i in taken]),
            "page_body": {p.name: f for p, f in zip(pages, body)}}


# --- report -----------------------------------------------------------------------------

def row(label: str, values: list[str], width: int = 15) -> str:
    return f"{label:34}" + "".join(f"{v:>{width}}" for v in values)


def report_news(title: str, pages: list[Page], results: dict) -> dict:
    names = list(results)
    scores = {n: news_scores(pages, results[n]) for n in names}
    print(f"\n== {title}: {len(pages)} pages, each an article")
    print(row("", names))
    print(row("accepted", [f"{scores[n]['accepted']}/{len(pages)}" for n in names]))
    print(row("refused", [str(scores[n]["refused"]) for n in names]))
    for key, label in (("body", "body token F1 (refused = 0)"),
                       ("body_taken", "body token F1 (accepted only)"),
                       ("text", "lead+body token F1 (refused = 0)"),
                       ("text_taken", "lead+body F1 (accepted only)")):
        print(row(label, ["n/a" if n in BODILESS else f"{scores[n][key]:.3f}" for n in names]))
    return scores


def report_non_articles(pages: list[Page], results: dict) -> dict:
    names = list(results)
    taken = {n: sum(a.accepted for a in results[n]) for n in names}
    print(f"\n== non-article pages: {len(pages)}, none an article")
    print(row("", names))
    print(row("accepted as an article", [f"{taken[n]}/{len(pages)}" for n in names]))
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, page in enumerate(pages):
        by_kind[page.kind].append(i)
    for kind in sorted(by_kind):
        idx = by_kind[kind]
        print(row(f"  {kind} ({len(idx)})",
                  [str(sum(results[n][i].accepted for i in idx)) for n in names]))
    return taken


def report_ratios(held: dict, taken: dict, n_news: int, n_other: int) -> None:
    print("\n== ratios (held-out news; non-articles)")
    ours = [n for n in ("generic.parse", "classify") if n in held]
    theirs = [n for n in held if n not in ours]
    for mine in ours:
        for other in theirs:
            parts = []
            if other not in BODILESS and held[other]["body"]:
                parts.append(f"body F1 {held[mine]['body'] / held[other]['body']:.2f}x")
            parts.append(f"refusals {held[mine]['refused']} vs {held[other]['refused']}")
            wrong = (f"{taken[other] / taken[mine]:.1f}x as many" if taken[mine]
                     else f"{taken[other]} vs none")
            parts.append(f"non-articles taken {taken[mine]} vs {taken[other]} ({other}: {wrong})")
            print(f"  {mine} vs {other}: " + "; ".join(parts))
    for name in held:
        print(f"  {name:14} refuses {held[name]['refused'] / n_news:6.1%} of held-out news, "
              f"takes {taken[name] / n_other:6.1%} of non-articles")


def report_mistakes(news: list[Page], news_results: dict, others: list[Page],
                    other_results: dict) -> None:
    print("\n== mistakes")
    for name in news_results:
        refused = [p.name for p, a in zip(news, news_results[name]) if not a.accepted]
        taken = [f"{p.name} ({p.kind})" for p, a in zip(others, other_results[name]) if a.accepted]
        print(f"{name}:")
        print(f"  refuses {len(refused)} news page(s): " + (", ".join(refused) or "none"))
        print(f"  takes {len(taken)} non-article page(s): " + (", ".join(taken) or "none"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-chars", type=int, default=DEFAULT_MIN_CHARS,
                        help="trafilatura accepts a page when its text is this long")
    parser.add_argument("--pages", action="store_true", help="print each news page's body F1")
    args = parser.parse_args()

    import trafilatura

    held_out, all_news = news_pages()
    others = non_article_pages()
    kinds = Counter(p.kind for p in others)
    print(f"trafilatura {trafilatura.__version__}, defaults; it accepts a page when its text "
          f"has at least {args.min_chars} characters")
    print(f"{len(all_news)} news pages ({len(held_out)} held out), {len(others)} non-article "
          f"pages of {len(kinds)} kinds"
          + ("" if classify is not None else "; no crawler.parsers.classify in this tree"))

    found = contenders()
    news_results = {n: [fn(p, args.min_chars) for p in all_news] for n, fn in found.items()}
    other_results = {n: [fn(p, args.min_chars) for p in others] for n, fn in found.items()}
    held_idx = [i for i, p in enumerate(all_news) if p.kind == "held-out news"]
    held_results = {n: [r[i] for i in held_idx] for n, r in news_results.items()}

    held = report_news("held-out news", held_out, held_results)
    everything = report_news("all news", all_news, news_results)
    taken = report_non_articles(others, other_results)
    report_ratios(held, taken, len(held_out), len(others))
    report_mistakes(all_news, news_results, others, other_results)

    if args.pages:
        names = [n for n in found if n not in BODILESS]
        print("\n" + f"{'page (body token F1)':48}" + "".join(f"{n:>15}" for n in names))
        for page in all_news:
            print(f"{page.name:48}"
                  + "".join(f"{everything[n]['page_body'][page.name]:>15.3f}" for n in names))


if __name__ == "__main__":
    main()
