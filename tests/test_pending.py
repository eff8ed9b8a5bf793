"""Articles a listing showed but no run could store yet: kept in ``pending`` with their
reason, offered to later runs with a backoff counted in runs, given up after N attempts,
and forgotten once stored."""

from __future__ import annotations

from archive.query import crawl_state
from archive.store import Archive
from crawler.kernel.record import Article

SITE = "www.nghean.gov.vn"
URL = f"https://{SITE}/tin-tuc-su-kien/khai-mac-le-hoi-723384"


def pend(archive, run_id, kind="http_503", gone=False, max_attempts=8):
    return archive.record_problem(run_id, URL, kind, f"GET: {kind}",
                                  pending={"site": SITE, "listing_url": f"https://{SITE}/tin",
                                           "category": "Tin tức", "gone": gone},
                                  max_attempts=max_attempts)


def due(archive) -> list[str]:
    return [row["url"] for row in crawl_state(archive.db, {SITE})["pending"]]


def new_run(archive) -> int:
    return archive.start_run([f"https://{SITE}"])


def test_a_failed_article_is_offered_to_the_next_run_then_backs_off(tmp_path):
    archive = Archive(tmp_path / "a.db")
    run = new_run(archive)
    assert pend(archive, run) == "pending"
    assert due(archive) == [URL]  # the very next run tries it again
    run = new_run(archive)
    pend(archive, run)  # failed a second time: skip one run
    assert due(archive) == []
    new_run(archive)
    assert due(archive) == [URL]
    row = archive.db["pending"].get(URL)
    assert (row["attempts"], row["reason"], row["category"]) == (2, "http_503", "Tin tức")
    errors = archive.db.execute("select count(*) from crawl_errors where url = ?", [URL])
    assert errors.fetchone()[0] == 2


def test_given_up_after_n_attempts_and_recorded(tmp_path):
    archive = Archive(tmp_path / "a.db")
    states = [pend(archive, new_run(archive), max_attempts=3) for _ in range(3)]
    assert states == ["pending", "pending", "gave_up"]
    for _ in range(20):
        new_run(archive)
    assert due(archive) == []
    assert archive.db["pending"].get(URL)["state"] == "gave_up"


def test_a_404_before_it_was_ever_stored_is_gone_not_retried(tmp_path):
    archive = Archive(tmp_path / "a.db")
    assert pend(archive, new_run(archive), kind="http_404", gone=True) == "gone"
    new_run(archive)
    assert due(archive) == []


def test_stored_at_last_it_leaves_pending(tmp_path):
    archive = Archive(tmp_path / "a.db")
    run = new_run(archive)
    pend(archive, run)
    article = Article(url=URL, site=SITE, title="Khai mạc lễ hội", body="Nội dung.",
                      article_id="723384", fetched_at="2026-12-01T00:00:00+00:00")
    counts = archive.store_batch([article], run_id=run)
    assert counts["new"] == 1
    assert archive.db["pending"].count == 0
    assert archive.db["crawl_runs"].get(run)["articles_new"] == 1  # counted as committed
