"""How a site fared, as the run's ledger judges it (crawler.spiders.sites.SiteLedger):
a site some of whose article pages could not be fetched says so, and the share that makes
it so keeps one error page in thousands from raising it every night."""

from __future__ import annotations

from crawler.spiders.sites import ARTICLES_FAILED_SHARE, SiteLedger

SITE = "http://xa.hoaison.gov.vn/"
HOST = "xa.hoaison.gov.vn"


def _row(fetched: int, failed: int) -> dict:
    ledger = SiteLedger()
    ledger.answered[HOST] = fetched + 5
    ledger.listings_found[HOST] = 2
    for _ in range(fetched):
        ledger.note_article(HOST)
    for n in range(failed):
        ledger.note_article_failed(HOST, "HTTP 500" if n == 0 else "no answer within the "
                                   "download timeout")
    [row] = ledger.report([SITE], set(), {HOST: "vnportal/1"}, lambda host: fetched + failed)
    return row


def test_a_site_whose_article_pages_failed_is_degraded_and_says_why():
    row = _row(fetched=26, failed=2)
    assert row["status"] == "degraded" and row["what"] == "fetches"
    assert row["reason"].startswith("2 of its article pages could not be fetched (HTTP 500)")


def test_every_article_fetched_is_ok():
    assert _row(fetched=28, failed=0)["status"] == "ok"


def test_one_error_page_among_thousands_is_not_news():
    fetched = int(2 / ARTICLES_FAILED_SHARE)
    assert _row(fetched=fetched, failed=1)["status"] == "ok"
    assert _row(fetched=fetched, failed=fetched // 50)["status"] == "degraded"


def test_a_night_with_nothing_new_and_nothing_failed_is_ok():
    assert _row(fetched=0, failed=0)["status"] == "ok"
