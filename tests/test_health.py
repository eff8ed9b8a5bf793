"""Parser-health verdicts: alarms for a changed layout, silence for ordinary variation."""

from __future__ import annotations

import pytest

from archive.health import Baseline, PageStats, assess, binomial_tail

SITE = "www.nghean.gov.vn"
FIELDS = ("title", "published_at", "body", "author", "related")


def page(i, missing=(), length=2000, previous=None):
    return PageStats(url=f"https://{SITE}/tin-tuc/bai-{100000 + i}", site=SITE,
                     present={f: f not in missing for f in FIELDS}, body_length=length,
                     previous_body_length=previous)


def history(articles=200, missing=None, median=2000):
    missing = missing or {}
    return {SITE: Baseline(articles=articles,
                           present={f: articles - missing.get(f, 0) for f in FIELDS},
                           median_body_length=median)}


def test_binomial_tail_values():
    assert binomial_tail(0, 5, 0.3) == 1.0
    assert binomial_tail(5, 5, 0.5) == pytest.approx(1 / 32)
    assert binomial_tail(1, 3, 0.5) == pytest.approx(7 / 8)
    assert binomial_tail(600, 2000, 0.25) == pytest.approx(1.5e-7, rel=0.5)  # normal branch


def test_a_few_missing_bylines_on_a_small_night_are_not_an_alarm():
    pages = [page(i, missing=("author",) if i < 2 else ()) for i in range(8)]
    report = assess(pages, history(missing={"author": 10}))
    assert not report.degraded


def test_dates_gone_from_every_page_are_an_alarm_naming_the_field():
    pages = [page(i, missing=("published_at",)) for i in range(5)]
    report = assess(pages, history())
    assert report.degraded
    assert report.sites[0].degraded_fields == ["published_at"]
    assert "published_at missing on 5 of 5" in report.problems()[0]
    assert pages[0].url in report.problems()[0]


def test_bylines_moved_on_canaries_is_an_alarm_even_where_some_lack_one():
    pages = [page(i, missing=("author",)) for i in range(5)]
    report = assess(pages, history(missing={"author": 15}))  # 7.5% had none before
    assert report.sites[0].degraded_fields == ["author"]


def test_a_field_the_site_never_had_is_not_an_alarm():
    pages = [page(i, missing=("related",)) for i in range(20)]
    report = assess(pages, history(missing={"related": 200}))
    assert not report.degraded


def test_halved_bodies_of_refetched_pages_are_an_alarm():
    pages = [page(i, length=800, previous=2000) for i in range(4)]
    report = assess(pages, history())
    assert report.sites[0].degraded_fields == ["body_length"]
    assert "40% of their archived length" in report.problems()[0]


def test_short_new_articles_on_a_small_night_are_not_an_alarm():
    pages = [page(i, length=400) for i in range(8)]
    assert not assess(pages, history(median=2000)).degraded


def test_many_short_new_articles_are_an_alarm():
    pages = [page(i, length=400) for i in range(30)]
    assert assess(pages, history(median=2000)).sites[0].degraded_fields == ["body_length"]


def test_first_run_judges_only_title_and_body():
    no_history = {}
    assert not assess([page(i, missing=("author", "published_at")) for i in range(10)],
                      no_history).degraded
    report = assess([page(i, missing=("title",)) for i in range(10)], no_history)
    assert report.sites[0].degraded_fields == ["title"]
    assert "no history yet" in report.problems()[0]


# --- a site whose listings show far fewer articles than before ---------------------------

def read_by(parser, n=5):
    pages = [page(i) for i in range(n)]
    for p in pages:
        p.parser = parser
    return pages


def modules(**counts):
    base = history(articles=sum(counts.values()))
    base[SITE].parsers = counts
    return base


def test_pages_no_longer_read_by_the_sites_module_are_an_alarm_however_well_read():
    # A vnPortal site that moved to a new skin: the fallback reads every field, but the
    # module that read its archive reads none of tonight's pages.
    report = assess(read_by("generic"), modules(vnportal=14))
    assert report.sites[0].degraded_fields == ["layout"]
    assert report.problems() == [
        f"{SITE}: vnportal read 14 of its 14 archived articles but none of this run's 5 "
        f"pages (generic 5): the site changed its layout; run `govnews probe http://{SITE}/`"]


@pytest.mark.parametrize("pages, counts", [
    # one page still read by the module: the layout is there
    (read_by("generic", 4) + read_by("vnportal", 1), {"vnportal": 14}),
    # too few pages, too little history, a site of mixed modules, a fallback site
    (read_by("generic", 2), {"vnportal": 14}),
    (read_by("generic"), {"vnportal": 4}),
    (read_by("generic"), {"vnportal": 10, "generic": 6}),
    (read_by("vnportal"), {"generic": 14}),
])
def test_no_layout_alarm_without_evidence(pages, counts):
    assert "layout" not in assess(pages, modules(**counts)).sites[0].degraded_fields


def test_a_yield_far_under_the_sites_earlier_runs_is_an_alarm():
    from archive.health import yield_drop

    problem = yield_drop(3, [40, 38, 45, 41])
    assert problem is not None and "showed 3 articles" in problem and "median of 41" in problem
    assert yield_drop(30, [40, 38, 45]) is None  # an ordinary night
    assert yield_drop(0, [40, 38]) is None  # too little history to judge
    assert yield_drop(1, [4, 5, 6]) is None  # too few ever to tell


def test_the_yield_is_compared_with_runs_of_the_same_mode(tmp_path):
    from archive.health import listed_history
    from archive.store import Archive

    archive = Archive(tmp_path / "a.db")
    try:
        for mode, listed in (("full", 300), ("incremental", 30), ("full", 310),
                             ("incremental", 28), ("incremental", 0)):
            run = archive.start_run([SITE])
            archive.db["crawl_runs"].update(run, {"mode": mode})
            archive.record_site_runs(run, [{"site": SITE, "status": "ok", "listed": listed}])
            archive.finish_run(run, "ok")
        now = archive.start_run([SITE])
        archive.db["crawl_runs"].update(now, {"mode": "incremental"})
        assert listed_history(archive.db, SITE, now) == [0, 28, 30]
        archive.db["crawl_runs"].update(now, {"mode": "full"})
        assert listed_history(archive.db, SITE, now) == [310, 300]
    finally:
        archive.close()


# --- the tally: counted page by page, judged as if every page had been kept -------------

def _plain_report(pages, baselines):
    """The verdict's figures stated plainly over the whole list of pages: shares, the
    medians (the value at index n // 2 in order), the first missing pages and the
    shortest or most shrunk ones by a stable sort."""
    out = {}
    for site in sorted({p.site for p in pages}):
        mine = [p for p in pages if p.site == site]
        lengths = sorted(p.body_length for p in mine if p.body_length)
        paired = [p for p in mine if p.previous_body_length]
        fresh = [p for p in mine if not p.previous_body_length]
        ratios = sorted(p.body_length / p.previous_body_length for p in paired)
        out[site] = {
            "shares": {f: sum(p.present[f] for p in mine) / len(mine) for f in FIELDS},
            "median": lengths[len(lengths) // 2] if lengths else 0,
            "missing": {f: [p.url for p in mine if not p.present[f]][:5] for f in FIELDS},
            "ratio": ratios[len(ratios) // 2] if ratios else 1.0,
            "shrunk": [p.url for p in sorted(
                paired, key=lambda p: p.body_length / p.previous_body_length)][:5],
            "fresh_median": sorted(p.body_length for p in fresh)[len(fresh) // 2] if fresh else 0,
            "shortest": [p.url for p in sorted(fresh, key=lambda p: p.body_length)][:5],
        }
    return out


@pytest.mark.parametrize("seed", range(12))
def test_the_tally_judges_as_the_whole_list_of_pages_would(seed):
    import random

    from archive.health import EXAMPLES, tally

    rng = random.Random(seed)
    sites = [SITE, "sxd.nghean.gov.vn", "anhson.nghean.gov.vn"][:rng.randint(1, 3)]
    pages = []
    for i in range(rng.randint(1, 400)):
        missing = tuple(f for f in FIELDS if rng.random() < rng.choice((0.02, 0.3, 0.9)))
        length = rng.choice((0, 10, 600, 1200, 2000, rng.randint(1, 5000)))  # ties, zeros
        previous = rng.choice((None, None, 0, 2000, length or 1, rng.randint(1, 5000)))
        pages.append(PageStats(url=f"https://{rng.choice(sites)}/tin-tuc/bai-{100000 + i}",
                               site="", present={f: f not in missing for f in FIELDS},
                               body_length=length, previous_body_length=previous))
        pages[-1].site = pages[-1].url.split("/")[2]
    plain = _plain_report(pages, {})
    for site, counted in tally(pages).items():
        assert EXAMPLES == 5
        want = plain[site]
        report = assess(pages, {site: Baseline(articles=200, present=dict.fromkeys(FIELDS, 200),
                                               median_body_length=10**6)})
        health = next(s for s in report.sites if s.site == site)
        assert health.shares == want["shares"]
        assert health.median_body_length == want["median"]
        for f in FIELDS:
            assert counted.missing[f] == want["missing"][f]
            if f in health.examples:
                assert health.examples[f] == want["missing"][f]
        shown = health.examples.get("body_length")
        if shown is not None:  # shrunk re-fetched pages first, else the shortest new ones
            assert shown in (want["shrunk"], want["shortest"])
            if want["ratio"] < 0.5 and len(want["shrunk"]) >= 3:
                assert shown == want["shrunk"]
        else:
            assert not (want["ratio"] < 0.5 and sum(1 for p in pages if p.site == site
                                                    and p.previous_body_length) >= 3)


def test_the_tally_of_a_long_run_stays_the_size_of_a_short_ones():
    import sys

    from archive.health import SiteTally

    def size(n: int) -> int:
        counted = SiteTally()
        for i in range(n):
            counted.add(page(i, missing=("author",) if i % 3 else (), length=1000 + i % 50,
                             previous=None if i % 2 else 1000 + i % 50))
        return (sum(len(v) for v in counted.missing.values()) + len(counted.lengths)
                + len(counted.fresh) + len(counted.ratios) + len(counted.shortest)
                + len(counted.shrunk)), sys.getsizeof(counted.lengths)

    assert size(100_000) == size(1_000)
