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
