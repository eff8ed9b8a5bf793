"""Where a listing ends, and what a site whose listings cannot be read is.

Sites written by others: a pager that answers any ``?page=N``, a vnPortal pager that
numbers only its first pages and whose script gives no maxPage, a title edited by adding
words, a listing that fails one night, listings whose every article is in a layout no
reader knows.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.replica.server import ReplicaServer
from tests.conftest import export_records, govnews, query
from tests.test_page_roles import ARTICLES, FOOTER, HOME, NAV, SECTION, article_page, serve


class _Site:
    """A site answering ``answer(path)``: (status, html), counting what was asked."""

    def __init__(self, files: dict[str, str]):
        self.files = files
        self.failing: set[str] = set()  # paths answering 500
        self.asked: list[str] = []

    def answer(self, path: str) -> tuple[int, str]:
        self.asked.append(path)
        return self._answer(path)

    def _answer(self, path: str) -> tuple[int, str]:
        if path in self.failing:
            return 500, "<html><body><h1>Lỗi máy chủ</h1></body></html>"
        body = self.files.get(path, self.files.get(path.split("?")[0]))
        return (200, body) if body is not None else (404, "<html><body>404</body></html>")


def _nights(db: Path, site: _Site, *changes):
    """Crawl ``site`` into ``db`` once, then once more after each of ``changes(site)``:
    the runs."""
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    runs = []
    try:
        for change in (None, *changes):
            if change:
                change(site)
            runs.append(govnews("crawl", url, "--db", str(db), "--delay", "0", check=False))
    finally:
        server.shutdown()
        server.server_close()
    return url, runs


def _plain_site() -> dict[str, str]:
    files = {"/": HOME, "/tin-tuc/": SECTION, "/robots.txt": "User-agent: *\nAllow: /\n"}
    files.update({f"/tin-tuc/{s}.html": article_page(s, t) for s, t in ARTICLES.items()})
    return files


class _EndlessPager(_Site):
    """A section whose ``?page=N`` answers for every N with its last page, each linking
    the next: the pager never ends."""

    def _answer(self, path: str) -> tuple[int, str]:
        if path.startswith("/tin-tuc/?page="):
            n = int(parse_qs(urlsplit(path).query)["page"][0])
            slug, title = "hop-mat-dau-xuan", ARTICLES["hop-mat-dau-xuan"]
            return 200, (f'<html><head><meta charset="utf-8"><title>Tin tức</title></head>'
                         f"<body>{NAV}<h1>Tin tức</h1><ul><li><a href=\"/tin-tuc/{slug}.html\">"
                         f"{title}</a> 12/03/2024</li></ul><p class=\"next\"><a href=\"/tin-tuc/"
                         f'?page={n + 1}">Trang sau »</a></p>{FOOTER}</body></html>')
        return super()._answer(path)


def test_a_pager_that_answers_every_page_number_is_not_followed_for_ever(tmp_path):
    files = _plain_site()
    first = {s: t for s, t in ARTICLES.items() if s != "hop-mat-dau-xuan"}
    files["/tin-tuc/"] = SECTION.replace(
        f'<li><a href="/tin-tuc/hop-mat-dau-xuan.html">{ARTICLES["hop-mat-dau-xuan"]}</a> '
        "12/03/2024</li>", "").replace("</ul>", '</ul><p class="next"><a href="/tin-tuc/'
                                                '?page=2">Trang sau »</a></p>')
    assert all(f"/tin-tuc/{s}.html" in files["/tin-tuc/"] for s in first)
    site = _EndlessPager(files)
    _, (run,) = _nights(tmp_path / "a.db", site)
    assert run.returncode == 0, run.stderr
    stored = sorted(r["url"].rsplit("/", 1)[1] for r in export_records(tmp_path / "a.db"))
    assert stored == sorted(f"{s}.html" for s in ARTICLES)
    # page 2 shows the last item; page 3 repeats it, and the walk ends there
    pages = [p for p in site.asked if p.startswith("/tin-tuc/?page=")]
    assert pages == ["/tin-tuc/?page=2", "/tin-tuc/?page=3"], pages


def _video_page(slug: str, title: str) -> str:
    # a page with a title and a player, and no text of its own: no article
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{NAV}'
            f'<div class="main"><h1>{title}</h1><iframe src="/player/{slug}"></iframe></div>'
            f"{FOOTER}</body></html>")


def test_a_site_whose_listed_pages_none_read_as_articles_is_failing(tmp_path):
    videos = {**ARTICLES, "le-hoi-2024": "Lễ hội truyền thống của xã năm 2024",
              "giai-bong-da": "Giải bóng đá thanh niên mừng Đảng mừng Xuân"}
    files = _plain_site()
    files["/tin-tuc/"] = SECTION.replace("</ul>", "".join(
        f'<li><a href="/tin-tuc/{s}.html">{t}</a> 12/03/2024</li>'
        for s, t in videos.items() if s not in ARTICLES) + "</ul>")
    files.update({f"/tin-tuc/{s}.html": _video_page(s, t) for s, t in videos.items()})
    url, (run,) = _nights(tmp_path / "a.db", _Site(files))
    assert run.returncode != 0, "a run that archived nothing of its one site said ok"
    assert query(tmp_path / "a.db", "select count(*) from articles") == [(0,)]
    (status, reason), = query(tmp_path / "a.db", "select status, reason from site_runs")
    assert status == "failing"
    assert re.search(r"linked \d pages as articles and none read as one", reason), reason
    assert "Traceback" not in run.stderr


def test_words_added_to_a_title_in_the_listing_are_an_edit(tmp_path):
    slug = "tong-ket-2024"
    old, new = ARTICLES[slug], ARTICLES[slug] + " (cập nhật)"

    def edit(site):
        site.files["/tin-tuc/"] = site.files["/tin-tuc/"].replace(f"{old}</a>", f"{new}</a>")
        site.files[f"/tin-tuc/{slug}.html"] = article_page(slug, new)

    _, runs = _nights(tmp_path / "a.db", _Site(_plain_site()), edit)
    assert [r.returncode for r in runs] == [0, 0], runs[-1].stderr
    titles = dict(query(tmp_path / "a.db", "select url, title from articles"))
    assert titles[next(u for u in titles if slug in u)] == new
    assert query(tmp_path / "a.db", "select count(*) from article_versions") == [(1,)]


def test_a_listing_that_fails_one_night_makes_its_site_degraded_and_loses_nothing(tmp_path):
    site = _Site(_plain_site())
    _, runs = _nights(tmp_path / "a.db", site, lambda s: s.failing.add("/tin-tuc/"))
    assert runs[0].returncode == 0, runs[0].stderr
    rows = query(tmp_path / "a.db", "select run_id, status, reason from site_runs order by run_id")
    assert rows[0][1] == "ok" and rows[1][1] == "degraded", rows
    assert "listings" in rows[1][2] and "HTTP 500" in rows[1][2], rows[1][2]
    assert runs[1].returncode == 5, runs[1].stderr  # degraded
    # nothing archived is taken for gone
    assert query(tmp_path / "a.db", "select count(*) from articles where gone_at is null") \
        == [(len(ARTICLES),)]


class _PagerWindow:
    """The replica's vnPortal site with a pager that numbers only its first two pages
    and a script without maxPage (as some installs print it)."""

    def __init__(self, site):
        self._site = site

    def __getattr__(self, name):
        return getattr(self._site, name)

    def respond(self, method, target, body, headers, base):
        answer = self._site.respond(method, target, body, headers, base)
        if method != "GET" or b"var maxPage" not in answer.body:
            return answer
        html = answer.body.decode("utf-8")
        html = re.sub(r"var maxPage = parseInt\(\d+\);", "", html)
        html = re.sub(r'<li class="page-item page-number[^"]*" data-page="([3-9]|\d\d+)">.*?</li>',
                      "", html)
        answer.body = html.encode("utf-8")
        return answer


def test_a_pager_showing_only_its_first_pages_is_walked_to_its_end(tmp_path):
    from crawler.replica import build_site

    site = build_site()
    deep = [c for c in site.categories if site.max_page(c.slug) > 2]
    assert deep, "no listing of more than two pages: the test proves nothing"
    with ReplicaServer(_PagerWindow(site), port=0) as server:
        run = govnews("crawl", server.url, "--db", str(tmp_path / "a.db"), "--delay", "0",
                      check=False)
        posts = [r for r in server.requests if r["method"] == "POST"]
    assert run.returncode == 0, run.stderr
    for cat in deep:
        asked = {int(r["form"]["page"]) for r in posts if r["form"]["categoryIds"] == str(cat.id)}
        assert set(range(2, site.max_page(cat.slug) + 1)) <= asked, (cat.slug, sorted(asked))
    assert query(tmp_path / "a.db", "select count(*) from crawl_errors where kind = 'pagination'") \
        == [(0,)]


class _Twins:
    """The replica's vnPortal site answering one article at a second address too (another
    category's path, as vnPortal resolves an article by its trailing id whatever the path
    says), linked from the home page; ``gone`` paths answer 404."""

    def __init__(self, site, twin: str, of: str):
        self._site, self.twin, self.of = site, twin, of
        self.gone: set[str] = set()

    def __getattr__(self, name):
        return getattr(self._site, name)

    def respond(self, method, target, body, headers, base):
        path = target.split("?")[0]
        if path in self.gone:
            from crawler.replica.response import Response

            return Response(404, b"<html><body>404</body></html>")
        if path == self.twin:
            target = self.of
        answer = self._site.respond(method, target, body, headers, base)
        if path == "/" and method == "GET":
            answer.body = answer.body.replace(
                b"</body>", f'<a href="{self.twin}">Tin nổi bật</a></body>'.encode())
        return answer


def _twin_site():
    from crawler.replica import build_site

    site = build_site()
    article = next(iter(site.articles.values()))
    home = site.article_path(article)
    other = next(c.slug for c in site.categories if c.slug != home.split("/")[1])
    return _Twins(site, f"/{other}/{home.rsplit('/', 1)[1]}", home), article.id


def _stored_at(db: Path, article_id: str) -> list[tuple]:
    return query(db, "select url, gone_at from articles where article_id = ?", article_id)


def test_an_article_at_two_addresses_stays_where_it_was_stored(tmp_path):
    """Night after night it was moved to whichever address was met last; the other
    address is not fetched while the stored one answers."""
    site, article_id = _twin_site()
    db = tmp_path / "a.db"
    with ReplicaServer(site, port=0) as server:
        stored, asked = [], []
        for _ in range(3):
            before = len(server.requests)
            run = govnews("crawl", server.url, "--db", str(db), "--delay", "0", check=False)
            assert run.returncode == 0, run.stderr
            stored.append(_stored_at(db, article_id))
            asked.append({r["path"] for r in list(server.requests)[before:]})
    assert len(stored[0]) == 1 and stored[0][0][1] is None, stored[0]
    assert stored[1] == stored[0] and stored[2] == stored[0], stored
    where = urlsplit(stored[0][0][0]).path
    other = site.of if where == site.twin else site.twin
    assert {site.of, site.twin} <= asked[0], "the first run did not meet both addresses"
    assert other not in asked[1] | asked[2]


def test_an_article_whose_stored_address_stops_answering_moves_to_its_other_one(tmp_path):
    site, article_id = _twin_site()
    db = tmp_path / "a.db"
    with ReplicaServer(site, port=0) as server:
        govnews("crawl", server.url, "--db", str(db), "--delay", "0")
        first = urlsplit(_stored_at(db, article_id)[0][0]).path
        site.gone.add(first)
        run = govnews("crawl", server.url, "--db", str(db), "--delay", "0", check=False)
    assert run.returncode in (0, 4), run.stderr
    rows = _stored_at(db, article_id)
    other = site.of if first == site.twin else site.twin
    assert [(urlsplit(u).path, gone) for u, gone in rows] == [(other, None)], rows


_PAGED = {f"bai-{n}": f"Tin hoạt động số {n} của xã trong tháng ba" for n in range(1, 11)}


def _section_page(slugs: list[str], page: int, last: int) -> str:
    items = "".join(f'<li><a href="/tin-tuc/{s}.html">{_PAGED[s]}</a> 12/03/2024</li>'
                    for s in slugs)
    pager = "".join(f'<a href="/tin-tuc/?page={n}">{n}</a> ' if n != page else f"<b>{n}</b> "
                    for n in range(1, last + 1)).replace('?page=1"', '"')
    return (f'<html><head><meta charset="utf-8"><title>Tin tức</title></head><body>{NAV}'
            f'<h1>Tin tức</h1><ul>{items}</ul><div class="pager">{pager}</div>{FOOTER}'
            "</body></html>")


def _paged_files(slugs: list[str]) -> dict[str, str]:
    """A section of three pages of three items, newest first."""
    files = {"/": HOME.replace('href="/tin-tuc/tong-ket-2024.html"', 'href="/tin-tuc/"'),
             "/robots.txt": "User-agent: *\nAllow: /\n"}
    files["/tin-tuc/"] = _section_page(slugs[0:3], 1, 3)
    files["/tin-tuc/?page=2"] = _section_page(slugs[3:6], 2, 3)
    files["/tin-tuc/?page=3"] = _section_page(slugs[6:9], 3, 3)
    files.update({f"/tin-tuc/{s}.html": article_page(s, _PAGED[s]) for s in _PAGED})
    return files


class _PagedSite(_Site):
    def _answer(self, path: str) -> tuple[int, str]:
        return (200, self.files[path]) if path in self.files else super()._answer(path)


def test_a_page_two_repeating_page_one_inside_its_pager_degrades_the_site(tmp_path):
    slugs = [f"bai-{n}" for n in range(9, 0, -1)]
    site = _PagedSite(_paged_files(slugs))

    def stale(site):
        # A new article pushes the list on; page 2 answers the cache's copy of page 1.
        files = _paged_files(["bai-10", *slugs])
        files["/tin-tuc/?page=2"] = files["/tin-tuc/"]
        site.files.clear()
        site.files.update(files)
        site.asked.clear()

    _, runs = _nights(tmp_path / "a.db", site, stale)
    assert [r.returncode for r in runs][0] == 0, runs[0].stderr
    rows = query(tmp_path / "a.db", "select run_id, status, reason from site_runs order by run_id")
    assert [r[1] for r in rows] == ["ok", "degraded"], (rows, runs[1].stdout[-800:], runs[1].stderr[-1500:])
    assert "repeats" in rows[1][2] and "?page=2" in rows[1][2], rows[1][2]
    assert "/tin-tuc/?page=3" in site.asked  # the pager's later page is still read
    stored = {r["url"].rsplit("/", 1)[1] for r in export_records(tmp_path / "a.db")}
    assert stored == {f"{s}.html" for s in _PAGED}
    assert "Traceback" not in runs[1].stderr


class _EndlessScriptPager(_Site):
    """An old ASP site: articles at ``tintuc.asp?id=N``, its list at ``danhmuc.asp?id=1``
    whose ``&page=N`` answers for every N with its last page, linking the page before and
    the page after: pager links shaped like an item's address."""

    def _answer(self, path: str) -> tuple[int, str]:
        if path.startswith("/danhmuc.asp"):
            n = int(parse_qs(urlsplit(path).query).get("page", ["1"])[0])
            ids = range(10, 5, -1) if n == 1 else range(5, 2, -1)
            items = "".join(f'<li><a href="tintuc.asp?id={i}">Tin hoạt động số {i} của phường '
                            f"trong tháng ba</a> 12/03/2024</li>" for i in ids)
            pager = "".join(f'<a href="danhmuc.asp?id=1&amp;page={p}">{p}</a> '
                            for p in (n - 1, n + 1) if p >= 1)
            return 200, (f'<html><head><meta charset="utf-8"><title>Tin tức</title></head>'
                         f"<body>{NAV}<h1>Tin tức</h1><ul>{items}</ul><p>{pager}</p>{FOOTER}"
                         "</body></html>")
        if path.startswith("/tintuc.asp"):
            i = parse_qs(urlsplit(path).query)["id"][0]
            return 200, article_page(f"bai-{i}", f"Tin hoạt động số {i} của phường trong tháng ba")
        if path == "/":
            return 200, HOME.replace('href="/tin-tuc/tong-ket-2024.html"', 'href="/danhmuc.asp?id=1"')
        return super()._answer(path)


def test_an_endless_pager_whose_links_look_like_items_is_not_followed_for_ever(tmp_path):
    site = _EndlessScriptPager({"/robots.txt": "User-agent: *\nAllow: /\n"})
    _, (run,) = _nights(tmp_path / "a.db", site)
    assert run.returncode == 0, run.stderr
    stored = sorted(int(r["url"].rsplit("=", 1)[1]) for r in export_records(tmp_path / "a.db"))
    assert stored == list(range(3, 11))
    # page 2 shows the last items; page 3 repeats them, and the walk ends there
    pages = sorted({p for p in site.asked if "page=" in p})
    assert pages == ["/danhmuc.asp?id=1&page=1", "/danhmuc.asp?id=1&page=2",
                     "/danhmuc.asp?id=1&page=3"], pages


def _nv_site() -> dict[str, str]:
    """A site whose section a module reads (NukeViet, by its generator), its articles plain."""
    files = _plain_site()
    files["/tin-tuc/"] = SECTION.replace(
        "<head>", '<head><meta name="generator" content="NukeViet v4.5">').replace(
        ".html\">", "-12.html\">")
    files.update({f"/tin-tuc/{s}-12.html": article_page(s, t) for s, t in ARTICLES.items()})
    return files


def test_a_listing_its_module_no_longer_reads_makes_its_site_degraded(tmp_path):
    def new_skin(site):
        site.files["/tin-tuc/"] = site.files["/tin-tuc/"].replace(
            '<meta name="generator" content="NukeViet v4.5">', "")

    _, runs = _nights(tmp_path / "a.db", _Site(_nv_site()), new_skin)
    assert runs[0].returncode == 0, runs[0].stderr
    rows = query(tmp_path / "a.db", "select status, reason from site_runs order by run_id")
    assert [r[0] for r in rows] == ["ok", "degraded"], rows
    assert "layout seems to have changed" in rows[1][1], rows[1][1]
    assert query(tmp_path / "a.db", "select count(*) from articles where gone_at is not null") \
        == [(0,)]


def test_a_listing_answering_an_empty_page_makes_its_site_degraded(tmp_path):
    _, runs = _nights(tmp_path / "a.db", _Site(_nv_site()),
                      lambda site: site.files.update({"/tin-tuc/": ""}))
    rows = query(tmp_path / "a.db", "select status, reason from site_runs order by run_id")
    assert [r[0] for r in rows] == ["ok", "degraded"], rows
    assert "listings" in rows[1][1], rows[1][1]
    assert "Traceback" not in runs[1].stderr


def test_a_later_page_of_a_list_that_fails_makes_its_site_degraded(tmp_path):
    slugs = [f"bai-{n}" for n in range(9, 0, -1)]

    class Failing(_PagedSite):
        def _answer(self, path: str) -> tuple[int, str]:
            if path == "/tin-tuc/?page=2":
                return 500, "<html><body><h1>Lỗi máy chủ</h1></body></html>"
            return super()._answer(path)

    _, (run,) = _nights(tmp_path / "a.db", Failing(_paged_files(slugs)))
    (status, reason), = query(tmp_path / "a.db", "select status, reason from site_runs")
    assert status == "degraded" and "listings" in reason, (status, reason)
    stored = {r["url"].rsplit("/", 1)[1] for r in export_records(tmp_path / "a.db")}
    assert {f"{s}.html" for s in slugs[:3] + slugs[6:]} <= stored


@pytest.mark.parametrize("on_home", [False, True])
def test_an_article_dated_only_in_its_list_takes_the_lists_date(tmp_path, on_home):
    """A hand-made site prints an item's date in its lists only ("12/03/2024" beside the
    link): the page is archived with that date, and a re-parse of it keeps it.  The home
    page may link it first, where no date stands beside it: read then as no article (no
    list had shown it), it is asked again when the list shows it."""
    files = _plain_site()
    undated = "hop-mat-dau-xuan"
    if on_home:
        files["/"] = files["/"].replace('href="/tin-tuc/tong-ket-2024.html"',
                                        f'href="/tin-tuc/{undated}.html"')
    files[f"/tin-tuc/{undated}.html"] = article_page(undated, ARTICLES[undated]).replace(
        '<div class="ngay">Ngày 12/03/2024 08:30</div>', "")
    db = tmp_path / "a.db"
    url, (run,) = _nights(db, _Site(files))
    assert run.returncode == 0, run.stderr
    dated = query(db, "select published_at from articles where url = ?",
                  f"{url}/tin-tuc/{undated}.html")
    assert dated and dated[0][0].startswith("2024-03-12"), dated
    reparsed = govnews("reparse", "--db", str(db), check=False)
    assert "no longer parses" not in reparsed.stdout + reparsed.stderr, reparsed.stdout
    assert query(db, "select published_at from articles where url = ?",
                 f"{url}/tin-tuc/{undated}.html") == dated


def test_the_dates_kept_for_pages_on_their_way_are_let_go_as_they_are_read():
    """The date a list prints is kept only until its article's page is read: a list that
    shows an article read long ago keeps nothing, so the crawl's memory stays flat."""
    from types import SimpleNamespace

    from crawler.kernel.record import ListingEntry
    from crawler.spiders.walk import ListingWalker

    spider = SimpleNamespace(requested_articles=set(), memory=SimpleNamespace(read_as_pages=set()))
    walker = ListingWalker(spider)
    dated = ListingEntry(url="http://x.vn/tin/a-1.html", published_at="2024-03-12")
    walker.note_asked(dated)
    assert walker.listed_at(dated.url, {}) == "2024-03-12"
    # asked on its link's shape, no date beside it; a list dates it while it is on its way
    shaped = ListingEntry(url="http://x.vn/tin/b-2.html")
    walker.note_asked(shaped)
    assert not walker.guessed_wrong(ListingEntry(url=shaped.url, published_at="2024-03-13"))
    assert walker.listed_at(shaped.url, {"listing_entry": shaped}) == "2024-03-13"
    # read: another list showing either keeps nothing for them
    for url in (dated.url, shaped.url):
        walker.guessed_wrong(ListingEntry(url=url, published_at="2024-03-14"))
    assert walker.dates == {} and walker.undated == set()
