"""Parser health: did this run's article pages parse as well as the archive's history says
they should?

For each site, the share of article pages with a title, a date, a body, an author and a
related list, and the median body length, are compared with the same figures over the
articles already archived for that site.  A field is degraded when its share dropped by
more than ``MAX_DROP`` (5 points) *and* the drop is too large to be chance for a run of
that size (binomial tail below ``SIGNIFICANCE``), on at least ``MIN_MISSING`` pages: a
nightly run of 8 articles, 2 of them without a byline, is not an alarm on a site where 1
article in 20 has none; 5 of 5 without a date on a site where every article has one is.
The body length is degraded when the median is under half of the archive's.  A site whose
listings show far fewer articles than in its earlier runs is degraded too (``yield_drop``).

The verdicts are pure functions of the figures; the archive's figures (``baseline``,
``listed_history``) are read through ``archive.query``.  The pipeline gathers the pages,
the CLI prints the verdict.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field

from .query import (
    last_finished_run_end,
    listed_counts,
    site_body_length,
    site_field_counts,
    site_parser_counts,
)

HEALTH_FIELDS = ("title", "published_at", "body", "author", "related")
MAX_DROP = 0.05
SIGNIFICANCE = 1e-3
# Archived articles of a site before its history is trusted: the first twenty a crawl
# stores are a listing's first page or a featured box, not a sample of the site (an
# interrupted first run left 19 of 20 with a byline on a site where 1 in 5 has none).
MIN_BASELINE = 30
MIN_MISSING = 3  # fewer pages than this lacking a field is never an alarm on its own
MIN_PAGES_FIRST_RUN = 5
BODY_RATIO = 0.5
MIN_PAIRED_PAGES = 3  # re-fetched pages compared with their own archived copy
MIN_NEW_PAGES_FOR_LENGTH = 20  # new pages compared with the archive's median
EXAMPLES = 5


@dataclass
class PageStats:
    url: str
    site: str
    present: dict[str, bool]
    body_length: int
    previous_body_length: int | None = None  # the archived copy's, for a re-fetched page
    parser: str | None = None  # the module that read it ("vnportal"), without its version

    @classmethod
    def of(cls, article, previous_body_length: int | None = None) -> PageStats:
        return cls(
            url=article.url, site=article.site,
            present={"title": bool(article.title), "published_at": bool(article.published_at),
                     "body": bool(article.body), "author": bool(article.author),
                     "related": bool(article.related)},
            body_length=len(article.body or ""), previous_body_length=previous_body_length,
            parser=(article.parser or "").split("/")[0] or None)

    @classmethod
    def incomplete(cls, url: str, site: str) -> PageStats:
        """A page that looked like an article but gave no title or body."""
        return cls(url=url, site=site, present=dict.fromkeys(HEALTH_FIELDS, False), body_length=0)


@dataclass
class Baseline:
    articles: int = 0
    present: dict[str, int] = field(default_factory=dict)
    median_body_length: int = 0
    parsers: dict[str, int] = field(default_factory=dict)  # module -> live articles it read


def baseline(db, site: str, until: str | None = "") -> Baseline:
    """The archive's own figures for ``site`` (live articles), counting only articles
    first stored by ``until`` (default: the end of the last run that finished; None:
    no finished run, so no history).

    The yardstick is what finished runs stored: a killed run stored whatever part of the
    site it reached first (one category, the newest pages), which is no picture of the
    site, and judging the next run's pages against it raises false alarms."""
    if until == "":
        until = last_finished_run_end(db)
    if until is None:
        return Baseline()
    row = site_field_counts(db, site, until)
    total = row[0] or 0
    base = Baseline(articles=total, present=dict(zip(HEALTH_FIELDS, (x or 0 for x in row[1:]))))
    if total:
        base.median_body_length = site_body_length(db, site, until, total // 2) or 0
        base.parsers = site_parser_counts(db, site, until)
    return base


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    if p <= 0:
        return 0.0
    if n > 1000:  # normal approximation with continuity correction
        mean, sd = n * p, math.sqrt(n * p * (1 - p)) or 1e-12
        return 0.5 * math.erfc((k - 0.5 - mean) / (sd * math.sqrt(2)))
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


@dataclass
class SiteHealth:
    site: str
    pages: int
    shares: dict[str, float]
    baseline: dict[str, float | None]
    median_body_length: int
    baseline_body_length: int
    problems: list[str] = field(default_factory=list)
    degraded_fields: list[str] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class HealthReport:
    sites: list[SiteHealth] = field(default_factory=list)

    @property
    def degraded(self) -> bool:
        return any(s.degraded_fields for s in self.sites)

    def problems(self) -> list[str]:
        return [f"{s.site}: {p}" for s in self.sites for p in s.problems]

    def to_dict(self) -> dict:
        return {"degraded": self.degraded, "sites": [s.__dict__ for s in self.sites]}


class SiteTally:
    """What a run's article pages of one site tell the verdict, gathered page by page in
    a size that does not grow with the site: counts, the body lengths and length ratios
    as counts of each value (exact medians; a site's pages share a few thousand lengths
    and mostly the ratio 1.0), and the first or smallest EXAMPLES pages of each kind."""

    def __init__(self):
        self.pages = 0
        self.present = dict.fromkeys(HEALTH_FIELDS, 0)
        self.missing: dict[str, list[str]] = {f: [] for f in HEALTH_FIELDS}  # first ones
        self.parsers: Counter = Counter()  # the modules that read them
        self.lengths: Counter = Counter()  # of the pages with a body
        self.fresh: Counter = Counter()  # new pages' lengths
        self.ratios: Counter = Counter()  # re-fetched pages' length / archived length
        # The EXAMPLES shortest new pages and most shrunk re-fetched ones, as heaps of
        # (-key, -order, url): the largest key kept is the first to go.
        self.shortest: list = []
        self.shrunk: list = []

    def add(self, page: PageStats) -> None:
        self.pages += 1
        self.parsers[page.parser] += 1
        for f in HEALTH_FIELDS:
            if page.present[f]:
                self.present[f] += 1
            elif len(self.missing[f]) < EXAMPLES:
                self.missing[f].append(page.url)
        if page.body_length:
            self.lengths[page.body_length] += 1
        if page.previous_body_length:
            ratio = page.body_length / page.previous_body_length
            self.ratios[ratio] += 1
            _keep_smallest(self.shrunk, ratio, self.pages, page.url)
        else:
            self.fresh[page.body_length] += 1
            _keep_smallest(self.shortest, page.body_length, self.pages, page.url)


def _keep_smallest(heap: list, key, order: int, url: str) -> None:
    """Keep in ``heap`` the EXAMPLES smallest (key, order) seen, as a stable sort by key
    would list them first."""
    if len(heap) < EXAMPLES:
        heapq.heappush(heap, (-key, -order, url))
    elif (key, order) < (-heap[0][0], -heap[0][1]):
        heapq.heapreplace(heap, (-key, -order, url))


def _smallest(heap: list) -> list[str]:
    return [url for _, _, url in sorted(heap, reverse=True)]


def _median(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0


def _counted_median(counts: Counter, empty):
    """The upper median of the values counted (the value at index n // 2 in order)."""
    rank = sum(counts.values()) // 2
    for value in sorted(counts):
        rank -= counts[value]
        if rank < 0:
            return value
    return empty


def tally(pages: list[PageStats]) -> dict[str, SiteTally]:
    sites: dict[str, SiteTally] = {}
    for page in pages:
        sites.setdefault(page.site, SiteTally()).add(page)
    return sites


def assess(pages: list[PageStats], baselines: dict[str, Baseline]) -> HealthReport:
    return assess_tallies(tally(pages), baselines)


def assess_tallies(sites: dict[str, SiteTally], baselines: dict[str, Baseline]) -> HealthReport:
    report = HealthReport()
    for site, counted in sorted(sites.items()):
        base = baselines.get(site) or Baseline()
        n = counted.pages
        health = SiteHealth(
            site=site, pages=n,
            shares={f: counted.present[f] / n for f in HEALTH_FIELDS},
            baseline={f: (base.present.get(f, 0) / base.articles if base.articles else None)
                      for f in HEALTH_FIELDS},
            median_body_length=_counted_median(counted.lengths, 0),
            baseline_body_length=base.median_body_length,
        )
        for f in HEALTH_FIELDS:
            _judge_field(health, f, n - counted.present[f], counted.missing[f], base)
        _judge_length(health, counted, base)
        _judge_layout(health, counted, base)
        report.sites.append(health)
    return report


def _judge_field(health: SiteHealth, f: str, missing: int, examples: list[str],
                 base: Baseline) -> None:
    n, share = health.pages, health.shares[f]
    if base.articles >= MIN_BASELINE:
        expected = health.baseline[f]
        # Laplace's rule: a field never missing so far is not impossible to miss.
        p_missing = (base.articles - base.present.get(f, 0) + 1) / (base.articles + 2)
        bad = (missing >= MIN_MISSING and expected - share > MAX_DROP
               and binomial_tail(missing, n, p_missing) < SIGNIFICANCE)
        context = f"archive: {expected:.0%}"
    else:
        bad = f in ("title", "body") and n >= MIN_PAGES_FIRST_RUN and share < 0.95
        context = "no history yet"
    if bad:
        health.degraded_fields.append(f)
        health.examples[f] = examples
        health.problems.append(f"{f} missing on {missing} of {n} article pages ({context}), "
                               f"e.g. {', '.join(examples)}")


def _judge_length(health: SiteHealth, counted: SiteTally, base: Baseline) -> None:
    """Body length: a re-fetched page against its own archived copy is a sharp test; new
    pages against the archive's median only in numbers, since news lengths vary."""
    paired = sum(counted.ratios.values())
    ratio = _counted_median(counted.ratios, 1.0)
    fresh = sum(counted.fresh.values())
    if paired >= MIN_PAIRED_PAGES and ratio < BODY_RATIO:
        shrunk = _smallest(counted.shrunk)
        health.degraded_fields.append("body_length")
        health.examples["body_length"] = shrunk
        health.problems.append(
            f"bodies of re-fetched articles are {ratio:.0%} of their archived length "
            f"(median of {paired}), e.g. {', '.join(shrunk)}")
    elif (fresh >= MIN_NEW_PAGES_FOR_LENGTH and base.articles >= MIN_BASELINE
          and _counted_median(counted.fresh, 0) < BODY_RATIO * base.median_body_length):
        shortest = _smallest(counted.shortest)
        health.degraded_fields.append("body_length")
        health.examples["body_length"] = shortest
        health.problems.append(
            f"median body length {_counted_median(counted.fresh, 0)} characters, "
            f"under half the archive's {base.median_body_length}, e.g. "
            f"{', '.join(shortest)}")


# A site's archive read by one module in this share of its articles is that module's site;
# of this run's pages, none of at least MIN_LAYOUT_PAGES read by it is no chance (0.2^3).
LAYOUT_SHARE = 0.8
MIN_LAYOUT_BASELINE = 5
MIN_LAYOUT_PAGES = 3
# The modules that read any page: no layout of their own to lose.
FALLBACK_PARSERS = {"generic", None}


def _judge_layout(health: SiteHealth, counted: SiteTally, base: Baseline) -> None:
    """A site whose archived articles its module read, and of whose pages this run that
    module read none (another did, or the fallback): the site changed its layout, however
    well the other reads it."""
    if base.articles < MIN_LAYOUT_BASELINE or counted.pages < MIN_LAYOUT_PAGES:
        return
    module, read = max(base.parsers.items(), key=lambda kv: kv[1], default=(None, 0))
    if module in FALLBACK_PARSERS or read < LAYOUT_SHARE * base.articles:
        return
    if counted.parsers.get(module):
        return
    now = ", ".join(f"{name or 'none'} {n}" for name, n in counted.parsers.most_common())
    health.degraded_fields.append("layout")
    health.problems.append(
        f"{module} read {read} of its {base.articles} archived articles but none of this "
        f"run's {counted.pages} pages ({now}): the site changed its layout; run "
        f"`govnews probe http://{health.site}/`")


# --- how much a site's listings show ------------------------------------------------------

YIELD_RUNS = 5  # earlier runs of a site its listings' yield is compared with
MIN_YIELD = 10  # a median under this says too little to compare with
YIELD_RATIO = 0.25


def listed_history(db, site: str, before_run: int) -> list[int]:
    """How many articles the site's listings showed in its last YIELD_RUNS ok runs of the
    same mode as ``before_run`` (an incremental walk stops early, a full one does not)."""
    return listed_counts(db, site, before_run, YIELD_RUNS)


def yield_drop(listed: int, history: list[int]) -> str | None:
    """A sentence when a site's listings showed far fewer articles than in its earlier
    runs (a listing that now shows nothing the layout can read), else None."""
    if len(history) < 3:
        return None
    median = _median(history)
    if median < MIN_YIELD or listed >= YIELD_RATIO * median:
        return None
    return (f"its listings showed {listed} articles, against a median of {median} in its "
            f"last {len(history)} runs: the listing layout may have changed")


def add_yield_drops(report: HealthReport, drops: dict[str, tuple[str, str]]) -> None:
    """Each site's verdict of the crawl itself ((what, why): its yield dropped, "listed";
    its articles' addresses answer other pages, "articles") as a degraded health verdict."""
    by_site = {s.site: s for s in report.sites}
    for site, (what, problem) in sorted(drops.items()):
        health = by_site.get(site)
        if health is None:
            health = SiteHealth(site=site, pages=0, shares={}, baseline={},
                                median_body_length=0, baseline_body_length=0)
            report.sites.append(health)
        health.degraded_fields.append(what)
        health.problems.append(problem)
