"""A crawl's memory does not grow with the site.

What earlier runs left (every archived page's fetch time, title, validators and listings)
stays on disk and is asked a URL at a time, with the same answers as
``archive.query.crawl_state``; the pipeline keeps which listings showed which articles
only until its batch is stored; a full walk of a listing paged by POST asks for its pages
a window at a time, and still asks for every one of them exactly once.  (And Scrapy's
DEBUG line for each page and item is not even made when no log handler shows it.)"""

from __future__ import annotations

import gc
import io
import logging
import tracemalloc

from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from archive.crawl_reads import EarlierRuns, listing_shows
from archive.query import crawl_state
from archive.store import Archive
from crawler.extensions import QuietLogFormatter
from crawler.items import Listed, ListingWalked
from crawler.kernel.record import Article, Attachment, Gone, Image, Snapshot
from crawler.parsers import classify, load
from crawler.pipelines import ArchivePipeline
from crawler.replica import build_site, new_articles
from crawler.spiders.portal import PortalSpider
from crawler.spiders.state import CrawlMemory
from crawler.spiders.walk import FULL_WALK_WINDOW

HOST = "www.nghean.gov.vn"


def article(i: int, **over) -> Article:
    url = f"https://{HOST}/tin-tuc/bai-viet-so-{i}-{100000 + i}"
    fields = dict(url=url, site=HOST, title=f"Bài viết số {i}", body=f"Nội dung {i}.",
                  article_id=str(100000 + i), published_at=f"2024-01-{1 + i % 28:02d}",
                  category="Tin tức", fetched_at="2026-01-01T00:00:00+00:00",
                  parser="vnportal/1")
    fields.update(over)
    return Article(**fields)


def snapshot(url: str, i: int) -> Snapshot:
    headers = [("Content-Type", "text/html")]
    if i % 3:
        headers.append(("ETag", f'"e{i}"'))
    if i % 2:
        headers.append(("last-modified", f"Mon, 0{1 + i % 9} Jan 2024 00:00:00 GMT"))
    return Snapshot(url=url, method="GET", status=200, body=f"<p>{i}</p>".encode(),
                    fetched_at="2026-01-01T00:00:00+00:00", headers=headers)


def archive_of(path, n: int) -> str:
    """An archive of ``n`` articles of HOST, listed, with their answers' validators, one
    of them gone, one failing (pending)."""
    archive = Archive(path)
    articles = [article(i) for i in range(n)]
    for start in range(0, n, 200):
        batch = articles[start:start + 200]
        archive.store_batch(batch, [snapshot(a.url, i + start) for i, a in enumerate(batch)])
    archive.store_listings({a.url: [(f"https://{HOST}/tin-tuc-{i % 3}", "Tin tức")]
                            for i, a in enumerate(articles)})
    archive.store_batch(gone=[Gone(url=articles[0].url, reason="http_404",
                                   at="2999-01-01T00:00:00+00:00")])
    archive.record_problem(None, f"https://{HOST}/tin-tuc/chua-luu-999999", "http_500", "HTTP 500",
                           pending={"site": HOST, "listing_url": None, "category": None})
    archive.close()
    return str(path)


def test_what_earlier_runs_left_is_read_from_disk_as_crawl_state_reads_it(tmp_path):
    db = archive_of(tmp_path / "a.db", 60)
    archive = Archive(db)
    expected = crawl_state(archive.db, {HOST}, validators=True)
    archive.close()
    runs = EarlierRuns()
    small = runs.read(db, {HOST})
    for key in ("gone", "other_pages", "walked_listings", "canaries", "pending", "files",
                "files_due"):
        assert small[key] == expected[key], key
    assert expected["archived"] and expected["validators"] and expected["pending"]
    assert dict(runs.pages()) == expected["archived"]
    for url, fetched_at in expected["archived"].items():
        assert runs.fetched_at(url) == (True, fetched_at)
        assert runs.validators(url) == expected["validators"].get(url, (None, None))
    for url, (title,) in expected["shown"].items():
        assert runs.title(url) == (True, title)
    for listing, members in expected["listing_members"].items():
        assert runs.members(listing) == members
    gone = article(0).url
    assert runs.fetched_at(gone) == (False, None) and runs.members("https://x/") == []
    assert runs.fetched_at("https://elsewhere.example/a-1") == (False, None)
    runs.close()


def _kept_by_merge(db: str) -> int:
    """Bytes of Python objects a CrawlMemory holds after reading the archive at ``db``."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        memory = CrawlMemory()
        memory.merge(db, {HOST})
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(memory.archived) > 0
    memory.close()
    return kept


def test_the_memory_of_earlier_runs_does_not_grow_with_the_archive(tmp_path):
    small = _kept_by_merge(archive_of(tmp_path / "small.db", 100))
    large = _kept_by_merge(archive_of(tmp_path / "large.db", 1100))
    # The files and the canaries are all it keeps of the pages (a few hundred bytes,
    # whatever the archive holds); the dicts crawl_state makes take a kilobyte a page.
    assert (large - small) / 1000 < 16, (small, large)


def listing_response(extra: int):
    """Page 1 of a replica listing paged by LoadArticle POSTs, with its parsed listing."""
    base = "https://www.nghean.gov.vn"
    site = build_site(add=new_articles(extra, [build_site().categories[0].slug]))
    path = site.listing_paths()[0]
    page = site.respond("GET", path, b"", {}, base)
    request = Request(base + path, meta={"kind": "page", "depth_hops": 9})
    response = HtmlResponse(base + path, body=page.body, encoding="utf-8", request=request)
    role = classify(page.body, base + path, reached_as="page")
    assert role.role == "listing" and role.listing.max_page > 3 * FULL_WALK_WINDOW
    return response, role


def test_a_full_walk_asks_a_window_of_pages_at_a_time_and_every_page_once(tmp_path):
    crawler = get_crawler(PortalSpider, {"GOVNEWS_DB": str(tmp_path / "none.db"),
                                         "GOVNEWS_FULL": True})
    spider = PortalSpider.from_crawler(crawler, site="https://www.nghean.gov.vn")
    response, role = listing_response(400)
    out = list(spider.walker.handle_listing(load(response.text), role.listing, response, 9))
    waiting = [r for r in out if isinstance(r, Request) and r.meta.get("kind") == "pagination"]
    assert len(waiting) == FULL_WALK_WINDOW
    asked, done = [], []
    while waiting:
        assert len(waiting) <= FULL_WALK_WINDOW
        request = waiting.pop(0)
        asked.append(request.meta["page"])
        for out in spider.walker.page_finished(request.meta["walk"]):
            if isinstance(out, ListingWalked):
                done.append(out)
            else:
                waiting.append(out)
    assert sorted(asked) == list(range(2, role.listing.max_page + 1))
    assert len(done) == 1 and done[0]["pages"] == role.listing.max_page
    spider.memory.close()


def opened_pipeline(db: str, batch_size: int):
    """A spider of HOST and its archive pipeline, open on ``db``."""
    crawler = get_crawler(PortalSpider, {"GOVNEWS_DB": db, "GOVNEWS_LOCK_HELD": True,
                                         "GOVNEWS_BATCH_SIZE": batch_size})
    spider = PortalSpider.from_crawler(crawler, site=f"https://{HOST}")
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider(spider)
    return spider, pipeline


def test_the_pipeline_keeps_listings_only_until_their_batch_is_stored(tmp_path):
    db = str(tmp_path / "a.db")
    spider, pipeline = opened_pipeline(db, 2)
    listing = f"https://{HOST}/tin-tuc"
    first, second, third = (article(i, category=None) for i in range(3))
    pipeline.process_item(Listed(listing_url=listing, category="Tin tức",
                                 article_urls=[first.url, second.url, third.url]), spider)
    for item in (first, second):
        pipeline.process_item({"article": item, "listing_url": listing}, spider)
    assert pipeline.listings == {}  # stored with the batch
    # A page without a breadcrumb, fetched after its listing's batch was stored, still
    # takes that listing's category.
    pipeline.process_item({"article": third, "listing_url": None}, spider)
    pipeline.flush()
    archive = Archive(db)
    assert archive.db.execute("select count(*) from article_listings").fetchone()[0] == 3
    assert {c for (c,) in archive.db.execute("select category from articles")} == {"Tin tức"}
    archive.close()
    assert pipeline.health_sites[HOST].pages == 3  # counted, not kept
    pipeline.finish({"status": "ok"})
    spider.memory.close()


def test_an_article_stored_before_its_listing_in_one_batch_takes_its_category(tmp_path):
    # Reached first by a related link, the page names no category; the listing that shows
    # it comes later in the same batch.
    db = str(tmp_path / "a.db")
    spider, pipeline = opened_pipeline(db, 5)
    early = article(7, category=None)
    pipeline.process_item({"article": early, "listing_url": None}, spider)
    pipeline.process_item(Listed(listing_url=f"https://{HOST}/an-ninh", category="An ninh",
                                 article_urls=[early.url]), spider)
    pipeline.flush()
    archive = Archive(db)
    assert [c for (c,) in archive.db.execute("select category from articles")] == ["An ninh"]
    archive.close()
    pipeline.finish({"status": "ok"})
    spider.memory.close()


def test_scrapys_line_for_each_page_and_item_is_made_only_when_shown():
    formatter = QuietLogFormatter()
    request = Request(f"https://{HOST}/a-1")
    response = HtmlResponse(request.url, body=b"<html></html>", request=request)
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    handler = logging.StreamHandler(io.StringIO())
    try:
        root.handlers, root.level = [handler], logging.DEBUG
        handler.setLevel(logging.WARNING)  # a crawl's console under --quiet
        assert formatter.crawled(request, response, None) is None
        assert formatter.scraped({"a": 1}, response, None) is None
        handler.setLevel(logging.DEBUG)  # --log-level DEBUG
        assert formatter.crawled(request, response, None)["level"] == logging.DEBUG
        assert formatter.scraped({"a": 1}, response, None)["level"] == logging.DEBUG
    finally:
        root.handlers, root.level = saved


def archive_with_files(path, n: int) -> str:
    """An archive of ``n`` articles of HOST, each linking two images (archived) and a
    document (pending: never fetched, so due) on the file host."""
    archive = Archive(path)
    files = "https://datafiles.nghean.gov.vn/nan-ubnd/2930/quantritintuc"
    articles = [article(i, images=[Image(url=f"{files}/anh{i}-{k}.jpg") for k in (1, 2)],
                        attachments=[Attachment(url=f"{files}/vb{i}.pdf", name="Văn bản")])
                for i in range(n)]
    for start in range(0, n, 200):
        batch = articles[start:start + 200]
        archive.store_batch(batch, [snapshot(a.url, i + start) for i, a in enumerate(batch)])
    with archive.db.conn:
        archive.db.execute("update files set state = 'archived' where url like '%.jpg'")
    archive.close()
    return str(path)


def test_the_files_earlier_runs_met_are_read_from_disk_and_do_not_grow_the_memory(tmp_path):
    db = archive_with_files(tmp_path / "f.db", 40)
    archive = Archive(db)
    expected = crawl_state(archive.db, {HOST})
    archive.close()
    runs = EarlierRuns()
    state = runs.read(db, {HOST})
    assert len(expected["files"]) == 120 and len(expected["files_due"]) == 40
    assert state["files"] == expected["files"] and state["files_due"] == expected["files_due"]
    assert list(runs.files.items_by_url()) == sorted(expected["files"].items())
    runs.close()
    small = _kept_by_spider(archive_with_files(tmp_path / "small.db", 100))
    large = _kept_by_spider(archive_with_files(tmp_path / "large.db", 1100))
    # Only the URLs of the files due stay in memory (a list, as long as the failures
    # are many: here a third); a dict of the files' states took 280 bytes a file more.
    assert (large - small) / 3000 < 100, (small, large)


def _kept_by_spider(db: str) -> int:
    """Bytes of Python objects a crawl of HOST holds, once started on the archive ``db``."""
    crawler = get_crawler(PortalSpider, {"GOVNEWS_DB": db})
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        spider = PortalSpider.from_crawler(crawler, site=f"https://{HOST}")
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(spider.file_fetcher.known) > 0 and spider.file_fetcher.due
    spider.memory.close()
    return kept


def test_what_a_run_has_asked_for_is_kept_on_disk(tmp_path):
    db = archive_of(tmp_path / "a.db", 50)
    memory = CrawlMemory()
    memory.merge(db, {HOST})
    archived = sorted(memory.archived)
    asked = archived[::3] + [f"https://{HOST}/tin-tuc/moi-{i}-{900000 + i}" for i in range(5)]
    for url in asked + asked[:4]:
        memory.requested.add(url)
    assert len(memory.requested) == len(asked)
    assert all(url in memory.requested for url in asked)
    assert not any(url in memory.requested for url in set(archived) - set(asked))
    assert archived[1] not in memory.requested_files  # another kind
    # A full crawl re-checks what no listing showed: the archived pages not asked for.
    assert memory.unrequested() == sorted(set(archived) - set(asked))
    # What each listing showed: asked of the walk, counted per site for the run's report.
    shows = listing_shows(memory.runs, f"https://{HOST}/tin-tuc")
    for url in asked[:10] + asked[:3]:
        shows.add(url)
    listing_shows(memory.runs, f"https://{HOST}/thoi-su").add(asked[0])
    listing_shows(memory.runs, "https://vhttdl.nghean.gov.vn/tin-tuc").add(asked[1])
    assert asked[0] in shows and asked[12] not in shows
    assert asked[1] not in listing_shows(memory.runs, f"https://{HOST}/thoi-su")
    assert memory.runs.listed_count(HOST) == 10
    assert memory.runs.listed_count("vhttdl.nghean.gov.vn") == 1
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(20000):
            memory.requested.add(f"https://{HOST}/tin-tuc/bai-viet-moi-so-{i}-{200000 + i}")
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 200_000, kept  # a set of these URLs takes 3 MB
    memory.close()
