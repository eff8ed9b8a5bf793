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

import math
from dataclasses import dataclass, field

from .query import last_finished_run_end, listed_counts, site_body_length, site_field_counts

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

    @classmethod
    def of(cls, article, previous_body_length: int | None = None) -> PageStats:
        return cls(
            url=article.url, site=article.site,
            present={"title": bool(article.title), "published_at": bool(article.published_at),
                     "body": bool(article.body), "author": bool(article.author),
                     "related": bool(article.related)},
            body_length=len(article.body or ""), previous_body_length=previous_body_length)

    @classmethod
    def incomplete(cls, url: str, site: str) -> PageStats:
        """A page that looked like an article but gave no title or body."""
        return cls(url=url, site=site, present=dict.fromkeys(HEALTH_FIELDS, False), body_length=0)


@dataclass
class Baseline:
    articles: int = 0
    present: dict[str, int] = field(default_factory=dict)
    median_body_length: int = 0


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


def _median(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0


def _median_float(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 1.0


def assess(pages: list[PageStats], baselines: dict[str, Baseline]) -> HealthReport:
    report = HealthReport()
    by_site: dict[str, list[PageStats]] = {}
    for page in pages:
        by_site.setdefault(page.site, []).append(page)
    for site, site_pages in sorted(by_site.items()):
        base = baselines.get(site) or Baseline()
        n = len(site_pages)
        health = SiteHealth(
            site=site, pages=n,
            shares={f: sum(p.present[f] for p in site_pages) / n for f in HEALTH_FIELDS},
            baseline={f: (base.present.get(f, 0) / base.articles if base.articles else None)
                      for f in HEALTH_FIELDS},
            median_body_length=_median([p.body_length for p in site_pages if p.body_length]),
            baseline_body_length=base.median_body_length,
        )
        for f in HEALTH_FIELDS:
            missing = [p.url for p in site_pages if not p.present[f]]
            share = health.shares[f]
            if base.articles >= MIN_BASELINE:
                expected = health.baseline[f]
                # Laplace's rule: a field never missing so far is not impossible to miss.
                p_missing = (base.articles - base.present.get(f, 0) + 1) / (base.articles + 2)
                bad = (len(missing) >= MIN_MISSING and expected - share > MAX_DROP
                       and binomial_tail(len(missing), n, p_missing) < SIGNIFICANCE)
                context = f"archive: {expected:.0%}"
            else:
                bad = f in ("title", "body") and n >= MIN_PAGES_FIRST_RUN and share < 0.95
                context = "no history yet"
            if bad:
                health.degraded_fields.append(f)
                health.examples[f] = missing[:EXAMPLES]
                health.problems.append(
                    f"{f} missing on {len(missing)} of {n} article pages ({context}), "
                    f"e.g. {', '.join(missing[:EXAMPLES])}")
        # Body length: a re-fetched page against its own archived copy is a sharp test;
        # new pages against the archive's median only in numbers, since news lengths vary.
        paired = [p for p in site_pages if p.previous_body_length]
        ratio = _median_float([p.body_length / p.previous_body_length for p in paired])
        fresh = [p for p in site_pages if not p.previous_body_length]
        if len(paired) >= MIN_PAIRED_PAGES and ratio < BODY_RATIO:
            shrunk = sorted(paired, key=lambda p: p.body_length / p.previous_body_length)
            health.degraded_fields.append("body_length")
            health.examples["body_length"] = [p.url for p in shrunk[:EXAMPLES]]
            health.problems.append(
                f"bodies of re-fetched articles are {ratio:.0%} of their archived length "
                f"(median of {len(paired)}), e.g. "
                f"{', '.join(p.url for p in shrunk[:EXAMPLES])}")
        elif (len(fresh) >= MIN_NEW_PAGES_FOR_LENGTH and base.articles >= MIN_BASELINE
              and _median([p.body_length for p in fresh]) < BODY_RATIO * base.median_body_length):
            shortest = sorted(fresh, key=lambda p: p.body_length)[:EXAMPLES]
            health.degraded_fields.append("body_length")
            health.examples["body_length"] = [p.url for p in shortest]
            health.problems.append(
                f"median body length {_median([p.body_length for p in fresh])} characters, "
                f"under half the archive's {base.median_body_length}, e.g. "
                f"{', '.join(p.url for p in shortest)}")
        report.sites.append(health)
    return report


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


def add_yield_drops(report: HealthReport, drops: dict[str, str]) -> None:
    """Each site's yield drop as a degraded health verdict."""
    by_site = {s.site: s for s in report.sites}
    for site, problem in sorted(drops.items()):
        health = by_site.get(site)
        if health is None:
            health = SiteHealth(site=site, pages=0, shares={}, baseline={},
                                median_body_length=0, baseline_body_length=0)
            report.sites.append(health)
        health.degraded_fields.append("listed")
        health.problems.append(problem)
