"""Tests of the offline replica itself, over HTTP on 127.0.0.1 (no crawler involved).

They check that the replica serves what PORTAL.md describes and that its pages agree
with the expected records it computes from its source data, so a crawl test that fails
points at the crawler, not at the replica.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
import urllib.robotparser
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import lxml.html
import pytest

from crawler.replica import EXPECTED_KEYS, ReplicaServer, build_site, new_articles
from crawler.replica.render import LOAD_ARTICLE_PATH
from crawler.replica.server import etag_of
from crawler.replica.textutil import slugify
from tests.conftest import interruptible
from tests.seed import SEED_RELATED_TITLES

SEED_ID = "566421"


@pytest.fixture(scope="module")
def server():
    with ReplicaServer(port=0) as srv:
        yield srv


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get(server, path: str):
    return fetch(server.url + path)


def post_form(server, fields: dict):
    body = urlencode(fields).encode()
    return fetch(
        server.url + LOAD_ARTICLE_PATH,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )


def doc(raw: bytes):
    return lxml.html.fromstring(raw.decode("utf-8"))


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def load_fields(site, slug: str, page: int) -> dict:
    """The POST fields PORTAL.md lists, for one category page."""
    cat = site.category(slug)
    size = site.page_size
    return {
        "article_category_id": cat.id,
        "categoryIds": str(cat.id),
        "site_id": site.site_id,
        "page": page,
        "page_size": size,
        "keyword": "",
        "date_begin": "",
        "date_end": "",
        "show_no": "False",
        "show_post_date": "True",
        "num_of_text": 0,
        "show_view_count": "False",
        "filter_order_in_list": "False",
        "is_default": "False",
        "new": "False",
        "number_of_day": 3,
        "no": -size,
        "articlelang": "vi-VN",
        "is_authenticated": "False",
    }


def canonical(base: str, href: str) -> str:
    return urljoin(base + "/", href).split("#")[0].split("?")[0]


# --- the source data ----------------------------------------------------------------


def test_site_size_and_listings_cover_every_article():
    site = build_site()
    assert len(site.categories) >= 3
    assert len(site.articles) >= 60
    listed = {a.id for c in site.categories for a in site.listing(c.slug)}
    assert listed == set(site.articles)
    for c in site.categories:
        assert site.max_page(c.slug) >= 2, c.slug


def test_variants_cover_every_required_form():
    variants = build_site().variants()
    required = [
        *(
            f"date:{f}"
            for f in ("dmy", "dmy_short", "hm_dmy", "dmy_hm", "weekday", "dash_hms", "words")
        ),
        "date_label:Ngày đăng:",
        "date_label:Cập nhật:",
        "date_label:both",
        *(f"byline:{b}" for b in ("div", "div_label", "p_right_strong", "p_align_b", "none")),
        "text:nfd",
        "text:entities",
        "links:pageindex",
        "links:absolute",
        "attachment:link-download",
        "attachment:docx",
        "attachment:iframe",
        *(
            f"related_heading:{h}"
            for h in ("Tin cùng chuyên mục", "Tin liên quan", "Tin khác", "Các tin khác")
        ),
        "related:none",
        "category:listed_twice",
        "layout:a",
        "layout:b",
        "layout:c",
        "slug:cut",
    ]
    missing = [v for v in required if v not in variants]
    assert not missing


def test_tone_mark_styles_and_names_for_search():
    records = build_site().expected_records("http://127.0.0.1:8000")
    text = "\n".join(
        " ".join(str(r[k]) for k in ("title", "summary", "body", "author")) for r in records
    )
    for word in ("Hoà Bình", "Hòa Bình", "thuỷ", "thủy"):
        assert word in text, word
    with_name = [
        r
        for r in records
        if "Nguyễn Đức Trung" in " ".join(str(r[k]) for k in ("title", "summary", "body", "author"))
    ]
    assert len(with_name) >= 5
    assert any(r["author"] == "Nguyễn Đức Trung" for r in records)


def test_slugs():
    assert slugify(
        "Ký kết quy chế phối hợp giữa Ban cán sự đảng UBND với Ban Tuyên giáo Tỉnh ủy"
    ) == ("ky-ket-quy-che-phoi-hop-giua-ban-can-su-dang-ubnd-voi-ban-tuyen-giao-tinh-uy")
    assert slugify("Đô Lương: Hoà Bình, thuỷ lợi") == "do-luong-hoa-binh-thuy-loi"
    long = slugify(
        "Tổng kết 5 năm thực hiện Nghị quyết số 26-NQ/TW ngày 30/7/2013 của Bộ Chính trị về phương hướng"
    )
    assert len(long) <= 96 and not long.endswith("-")


def test_expected_record_shape():
    base = "http://127.0.0.1:8000"
    site = build_site()
    records = site.expected_records(base)
    assert len(records) == len(site.articles)
    assert len({r["url"] for r in records}) == len(records)
    for r in records:
        assert tuple(r) == EXPECTED_KEYS
        assert r["site"] == "127.0.0.1:8000"
        assert r["url"].startswith(base + "/") and "?" not in r["url"]
        assert r["url"].endswith("-" + r["article_id"]) and re.fullmatch(r"\d{6}", r["article_id"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d\+07:00)?", r["published_at"])
        assert r["body"] and r["title"] and r["summary"]
        for value in (r["title"], r["summary"], r["body"]):
            assert value == unicodedata.normalize("NFC", value)
        assert len({x["url"] for x in r["related"]}) == len(r["related"])
    seed = site.expected_record(SEED_ID, base)
    assert seed["author"] == "Quang Minh"
    assert seed["published_at"] == "2020-08-14T17:05:00+07:00"
    assert seed["category"] == "Tin tức - Sự kiện"
    assert len(seed["body"].split("\n")) == 5
    assert [x["title"] for x in seed["related"]] == SEED_RELATED_TITLES


# --- over HTTP ----------------------------------------------------------------------


def test_listing_page_shows_first_ten_and_the_pagination_script(server):
    site = server.site
    status, _, raw = get(server, "/tin-tuc-su-kien-73053")
    assert status == 200
    page = doc(raw)
    items = page.cssselect("div.UIArticleInMenu_Default ul.ArticleList li.row")
    assert len(items) == 10
    for li in items:
        assert li.cssselect("h2.Title a")[0].get("href")
        assert re.fullmatch(
            r"\d\d/\d\d/\d{4}", li.cssselect("div.Ngaydang")[0].text_content().strip()
        )
        assert li.cssselect("img.image") and li.cssselect("p")
    titles = [norm(li.cssselect("h2.Title a")[0].text_content()) for li in items]
    assert titles == [a.title for a in site.listing("tin-tuc-su-kien-73053")[:10]]
    text = raw.decode()
    assert 'article_category_id: 5120, categoryIds: "5120", site_id: 2930, page_size: 10' in text
    assert "var maxPage = parseInt(3)" in text
    pages = [
        li.get("data-page")
        for li in page.cssselect("ul.pagination li.page-item.page-number[data-page]")
    ]
    assert pages == ["1", "2", "3"]


def test_load_article_returns_later_pages(server):
    site = server.site
    slug = "tin-tuc-su-kien-73053"
    listing = site.listing(slug)
    status, _, raw = post_form(server, load_fields(site, slug, 2))
    assert status == 200
    frag = lxml.html.fragment_fromstring(raw.decode(), create_parent="ul")
    items = frag.cssselect("li.row")
    assert [norm(li.cssselect("h2.Title a")[0].text_content()) for li in items] == [
        a.title for a in listing[10:20]
    ]
    status, _, raw = post_form(server, load_fields(site, slug, 3))
    assert status == 200 and raw.decode().count('<li class="row">') == len(listing) - 20
    status, _, raw = post_form(server, load_fields(site, slug, 4))
    assert status == 200 and raw.strip() == b""


@pytest.mark.parametrize(
    "field", ["article_category_id", "categoryIds", "site_id", "page", "page_size"]
)
def test_load_article_rejects_a_missing_field(server, field):
    fields = load_fields(server.site, "chi-dao-dieu-hanh", 2)
    del fields[field]
    status, _, raw = post_form(server, fields)
    assert status == 400
    assert field in raw.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"site_id": 1},
        {"page_size": 15},
        {"categoryIds": "9999"},
        {"article_category_id": 1},
        {"page": 0},
    ],
)
def test_load_article_rejects_wrong_values(server, change):
    fields = {**load_fields(server.site, "chi-dao-dieu-hanh", 2), **change}
    status, _, _ = post_form(server, fields)
    assert status == 400


def test_load_article_wants_a_form_body(server):
    body = json.dumps(load_fields(server.site, "chi-dao-dieu-hanh", 2)).encode()
    status, _, _ = fetch(
        server.url + LOAD_ARTICLE_PATH, data=body, headers={"Content-Type": "application/json"}
    )
    assert status == 400


def test_robots_txt_disallows_pages_the_home_page_links(server):
    status, _, raw = get(server, "/robots.txt")
    assert status == 200
    rp = urllib.robotparser.RobotFileParser()
    rp.parse(raw.decode().splitlines())
    site = server.site
    home_links = [a.get("href") for a in doc(get(server, "/")[2]).iter("a") if a.get("href")]
    for prefix in site.disallowed_paths():
        assert not rp.can_fetch("*", server.url + prefix)
        assert any(
            urlsplit(urljoin(server.url + "/", h)).path.startswith(prefix) for h in home_links
        ), prefix
    for path in [*site.article_paths(), *site.non_article_paths(), LOAD_ARTICLE_PATH]:
        assert rp.can_fetch("*", server.url + path), path


@pytest.mark.parametrize(
    "path",
    [
        "/khong-co-trang-nay",
        "/tin-tuc-su-kien-73053/khong-co-bai-nay-999999",
        # the seed's id and slug under another category
        "/chi-dao-dieu-hanh/ky-ket-quy-che-phoi-hop-giua-ban-can-su-dang-ubnd-voi-ban-tuyen-giao-tinh-uy-566421",
        "/tin-tuc-su-kien-73053/",
    ],
)
def test_unknown_paths_answer_404(server, path):
    assert get(server, path)[0] == 404


def test_seed_article_has_its_fifteen_related_titles(server):
    site = server.site
    status, _, raw = get(server, site.article_path(site.articles[SEED_ID]))
    assert status == 200
    text = norm(doc(raw).text_content())
    assert "Tin cùng chuyên mục" in text
    for title in SEED_RELATED_TITLES:
        # once as the image link's title, once as the title link
        assert raw.decode().count(f">{title}</a>") == 1, title
        assert raw.decode().count(f'title="{title}"') == 1, title


def test_every_expected_url_answers_200(server):
    for record in server.site.expected_records(server.url):
        status, _, raw = fetch(record["url"])
        assert status == 200, record["url"]
        assert b"ArticleDetailControl" in raw
        # ?pageindex=0 names the same article
        assert fetch(record["url"] + "?pageindex=0")[0] == 200


def test_non_article_pages(server):
    for path in server.site.non_article_paths():
        status, _, raw = get(server, path)
        assert status == 200, path
        assert b"ArticleDetailControl" not in raw, path
        assert (
            "ĐĂNG NHẬP" in raw.decode() and "Banner Tỉnh ủy Nghệ An (Home-latest-1)" in raw.decode()
        )


def test_text_modes_reach_the_page(server):
    site = server.site
    nfd = site.articles["612477"]
    raw = get(server, site.article_path(nfd))[2].decode()
    assert unicodedata.normalize("NFD", nfd.title) in raw and nfd.title not in raw
    body_only = site.articles["721560"]
    raw = get(server, site.article_path(body_only))[2].decode()
    assert body_only.title in raw  # title composed, body decomposed
    first = body_only.body[0]
    assert unicodedata.normalize("NFD", first) in raw and first not in raw
    ent = site.articles["670115"]
    raw = get(server, site.article_path(ent))[2]
    assert raw.isascii() and b"&#7897;" in raw and b"&agrave;" in raw


def test_request_log_records_method_path_form_and_status(tmp_path):
    log = tmp_path / "requests.jsonl"
    with ReplicaServer(port=0, log_path=log) as srv:
        get(srv, "/van-hoa-xa-hoi?pageindex=0")
        post_form(srv, load_fields(srv.site, "van-hoa-xa-hoi", 2))
        get(srv, "/nope")
        entries = srv.requests.snapshot()
    assert [(e["method"], e["status"]) for e in entries] == [
        ("GET", 200),
        ("POST", 200),
        ("GET", 404),
    ]
    assert entries[0]["path"] == "/van-hoa-xa-hoi?pageindex=0" and entries[0]["form"] is None
    assert entries[1]["path"] == LOAD_ARTICLE_PATH
    assert entries[1]["form"]["page"] == "2" and entries[1]["form"]["categoryIds"] == "5131"
    assert entries[1]["form"]["keyword"] == ""
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert lines == entries


def test_site_can_be_swapped_while_serving():
    site = build_site()
    seed_path = site.article_path(site.articles[SEED_ID])
    other = site.articles["598830"]
    with ReplicaServer(site, port=0) as srv:
        assert get(srv, seed_path)[0] == 200
        srv.site = build_site(remove=[SEED_ID], edit={other.id: {"lead": "Tóm tắt mới."}})
        assert get(srv, seed_path)[0] == 404
        assert "Tóm tắt mới." in get(srv, site.article_path(other))[2].decode()
        record = srv.site.expected_record(other.id, srv.url)
        assert record["summary"] == "Tóm tắt mới."
        assert SEED_ID not in {a.id for a in srv.site.listing("tin-tuc-su-kien-73053")}


def test_command_line_entry_point_serves_until_interrupted():
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.replica", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        assert fetch(url + "/robots.txt")[0] == 200
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


# --- nightly re-crawls: a changed template, conditional GET, slow answers, new articles


def raw_request(server, path: str, headers: dict | None = None, method: str = "GET"):
    """status, headers and body exactly as sent (urllib would hide a 304's headers)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def test_moved_layout_drops_the_old_date_and_byline_markup():
    site = build_site(layout="moved")
    assert site.expected_records("http://x") == build_site().expected_records("http://x")
    assert set(site.variants()["layout:moved"]) == set(site.article_paths())
    with ReplicaServer(site, port=0) as srv:
        for rec in site.expected_records(srv.url):
            status, _, raw = fetch(rec["url"])
            assert status == 200
            page = doc(raw)
            where = rec["url"]
            (control,) = page.cssselect("div.ArticleDetailControl")
            # What a parser of the old template looks for is gone...
            assert not page.cssselect(".PostDate, .post-date, .ArticleDate, time"), where
            assert not page.cssselect(".author, .ArticleAuthor, .tacgia"), where
            assert 'itemprop="datePublished"' not in raw.decode(), where
            assert "published_time" not in raw.decode(), where
            assert not re.search(r"Ngày đăng|Cập nhật|Tác giả", raw.decode()), where
            (content,) = control.cssselect("div.ArticleContent")
            right = content.xpath(".//*[@align='right' or contains(@style, 'right')]")
            assert not right, where
            # ...the title, lead and body stay where they were...
            assert norm(control.cssselect("div.ArticleHeader h1")[0].text_content()) == rec["title"]
            assert norm(control.cssselect("div.ArticleSummary")[0].text_content()) == rec["summary"]
            # ...and the date and byline are in elements of new names.
            children = [el.get("class") for el in control]
            (date_el,) = control.cssselect("div.ThongTinBai > span.NgayXuatBan")
            assert children.index("ThongTinBai") < children.index("ArticleHeader"), where
            date_text = date_el.text_content().strip()
            when = rec["published_at"]
            if "T" in when:
                shown = datetime.fromisoformat(when).strftime("%d/%m/%Y %H:%M:%S")
            else:
                shown = datetime.fromisoformat(when).strftime("%d/%m/%Y")
            assert date_text == shown, where
            bylines = control.cssselect("div.NguonTin")
            if rec["author"] is None:
                assert not bylines, where
            else:
                assert [norm(b.text_content()) for b in bylines] == [rec["author"]], where
                assert children.index("NguonTin") < children.index("ArticleContent"), where


def test_moved_is_a_layout_of_the_source_data_too():
    site = build_site(edit={SEED_ID: {"layout": "moved"}})
    assert site.variants()["layout:moved"] == [site.article_path(site.articles[SEED_ID])]
    with pytest.raises(ValueError, match="unknown layout"):
        build_site(edit={SEED_ID: {"layout": "d"}})


def test_article_pages_carry_etag_and_last_modified(server):
    site = server.site
    seed = site.articles[SEED_ID]
    status, headers, raw = raw_request(server, site.article_path(seed))
    assert status == 200 and raw
    assert re.fullmatch(r'"[0-9a-f]{32}"', headers["ETag"])
    when = parsedate_to_datetime(headers["Last-Modified"])
    # 14/08/2020 17:05 in Vinh is 10:05 GMT
    assert when == datetime(2020, 8, 14, 10, 5, tzinfo=timezone.utc)
    assert headers["Last-Modified"] == "Fri, 14 Aug 2020 10:05:00 GMT"
    # an article updated later is modified as of its update
    updated = next(a for a in site.articles.values() if a.updated)
    _, headers, _ = raw_request(server, site.article_path(updated))
    local = updated.updated.replace(tzinfo=timezone(timedelta(hours=7)))
    assert parsedate_to_datetime(headers["Last-Modified"]) == local
    # only article pages: listings, the home page and errors change without their own date
    for path in ["/", "/tin-tuc-su-kien-73053", "/robots.txt", "/nope"]:
        _, headers, _ = raw_request(server, path)
        assert "ETag" not in headers and "Last-Modified" not in headers, path


def test_conditional_requests_get_304_without_a_body():
    site = build_site()
    path = site.article_path(site.articles[SEED_ID])
    with ReplicaServer(site, port=0) as srv:
        _, headers, raw = raw_request(srv, path)
        etag, modified = headers["ETag"], headers["Last-Modified"]
        srv.requests.clear()
        later = format_datetime(datetime(2030, 1, 1, tzinfo=timezone.utc), usegmt=True)
        earlier = "Thu, 13 Aug 2020 10:05:00 GMT"
        cases = [
            ({"If-None-Match": etag}, 304),
            ({"If-None-Match": f'"other", W/{etag}'}, 304),
            ({"If-None-Match": "*"}, 304),
            ({"If-None-Match": '"0123"'}, 200),
            ({"If-Modified-Since": modified}, 304),
            ({"If-Modified-Since": later}, 304),
            ({"If-Modified-Since": earlier}, 200),
            ({"If-Modified-Since": "not a date"}, 200),
            # If-None-Match decides when both are sent
            ({"If-None-Match": '"0123"', "If-Modified-Since": modified}, 200),
            ({"If-None-Match": etag, "If-Modified-Since": earlier}, 304),
        ]
        for headers_sent, want in cases:
            status, headers, body = raw_request(srv, path, headers_sent)
            assert status == want, headers_sent
            assert headers["ETag"] == etag and headers["Last-Modified"] == modified
            if status == 304:
                assert body == b"" and "Content-Length" not in headers, headers_sent
            else:
                assert body == raw, headers_sent
        status, _, body = raw_request(srv, path, {"If-None-Match": etag}, method="HEAD")
        assert status == 304 and body == b""
        # urllib sees the 304 as an answer without a body
        status, _, body = fetch(srv.url + path, headers={"If-None-Match": etag})
        assert status == 304 and body == b""
        entries = srv.requests.snapshot()
        assert [e["status"] for e in entries] == [want for _, want in cases] + [304, 304]
        assert entries[0]["if_none_match"] == etag and entries[0]["if_modified_since"] is None
        assert entries[4]["if_modified_since"] == modified and entries[4]["if_none_match"] is None

        # an edit changes the page, so the old ETag no longer matches
        srv.site = build_site(edit={SEED_ID: {"lead": "Tóm tắt đã sửa."}})
        status, headers, body = raw_request(srv, path, {"If-None-Match": etag})
        assert status == 200 and "Tóm tắt đã sửa." in body.decode()
        assert headers["ETag"] != etag
        # the dates did not change, so Last-Modified did not either (as on the portal)
        assert headers["Last-Modified"] == modified
        # a removed article is gone whatever the client holds
        srv.site = build_site(remove=[SEED_ID])
        assert raw_request(srv, path, {"If-None-Match": etag})[0] == 404


def test_conditional_false_ignores_validators():
    site = build_site()
    path = site.article_path(site.articles[SEED_ID])
    with ReplicaServer(site, port=0, conditional=False) as srv:
        status, headers, raw = raw_request(srv, path)
        assert status == 200 and "ETag" not in headers and "Last-Modified" not in headers
        # the ETag the page would have had (pages name their server, so it is this one's)
        sent = {"If-None-Match": etag_of(raw), "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}
        for _ in range(2):
            status, headers, body = raw_request(srv, path, sent)
            assert status == 200 and body == raw
            assert "ETag" not in headers and "Last-Modified" not in headers
        assert [e["status"] for e in srv.requests.snapshot()] == [200, 200, 200]
        # switchable while serving
        srv.conditional = True
        assert raw_request(srv, path, sent)[0] == 304


def test_pages_are_byte_identical_between_requests(server):
    site = server.site
    for path in [*site.article_paths(), *site.non_article_paths()]:
        first = raw_request(server, path)
        second = raw_request(server, path)
        assert first[0] == second[0] == 200, path
        assert first[2] == second[2], path
        assert first[1].get("ETag") == second[1].get("ETag"), path
    fields = load_fields(site, "van-hoa-xa-hoi", 2)
    assert post_form(server, fields)[2] == post_form(server, fields)[2]


def test_new_articles_leave_the_other_article_pages_unchanged():
    site = build_site()
    slugs = [c.slug for c in site.categories]
    with ReplicaServer(site, port=0) as srv:
        etags = {p: raw_request(srv, p)[1]["ETag"] for p in site.article_paths()}
        srv.site = build_site(add=new_articles(6, slugs))
        srv.requests.clear()
        for path, etag in etags.items():
            assert raw_request(srv, path, {"If-None-Match": etag})[0] == 304, path
        assert {e["status"] for e in srv.requests.snapshot()} == {304}


def test_delay_slows_every_answer():
    with ReplicaServer(port=0, delay=0.3) as srv:
        assert srv.delay == 0.3
        for path in ["/robots.txt", "/nope"]:
            start = time.monotonic()
            assert raw_request(srv, path)[0] in (200, 404)
            assert time.monotonic() - start >= 0.3, path
        start = time.monotonic()
        assert post_form(srv, load_fields(srv.site, "van-hoa-xa-hoi", 2))[0] == 200
        assert time.monotonic() - start >= 0.3
        assert len(srv.requests) == 3
    assert ReplicaServer(port=0).delay == 0


def test_new_articles_are_fresh_realistic_source_data():
    base = build_site()
    slugs = [c.slug for c in base.categories]
    items = new_articles(7, slugs)
    assert items == new_articles(7, slugs)  # deterministic
    ids = [x["id"] for x in items]
    assert len(set(ids)) == 7 and all(re.fullmatch(r"\d{6}", i) for i in ids)
    assert not set(ids) & set(base.articles)
    assert [x["category"] for x in items] == [slugs[i % 3] for i in range(7)]
    newest = max(max(a.published, a.updated or a.published) for a in base.articles.values())
    site = build_site(add=items)
    added = [site.articles[i] for i in ids]
    assert all(a.published > newest for a in added)
    assert len({a.title for a in added}) == 7
    for a in added:
        text = " ".join([a.title, a.lead, *a.body])
        assert re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", text)
        assert len(a.body) >= 2 and len(a.lead) > 60
    records = {r["article_id"]: r for r in site.expected_records("http://x")}
    assert all(records[i]["body"] and records[i]["published_at"] for i in ids)
    # a later batch goes on after the first, in time and in id
    more = new_articles(
        3, slugs[:1], start_id=int(ids[-1]) + 1, published_after=items[-1]["published"]
    )
    assert min(x["published"] for x in more) > items[-1]["published"]
    assert not {x["title"] for x in more} & {x["title"] for x in items}
    build_site(add=items + more)
    with pytest.raises(ValueError, match="used twice"):
        build_site(add=items + items[:1])
    explicit = new_articles(2, slugs, start_id=123456, published_after=datetime(2030, 5, 1, 9, 0))
    assert [x["id"] for x in explicit] == ["123456", "123457"]
    assert all(x["published"] > "2030-05-01 09:00" for x in explicit)


def test_new_articles_come_first_on_their_listings():
    base = build_site()
    slugs = [c.slug for c in base.categories]
    items = new_articles(6, slugs)
    with ReplicaServer(build_site(add=items), port=0) as srv:
        for slug in slugs:
            mine = [x for x in items if x["category"] == slug]
            titles = [x["title"] for x in sorted(mine, key=lambda x: x["published"], reverse=True)]
            status, _, raw = get(srv, "/" + slug)
            assert status == 200
            shown = [
                norm(a.text_content())
                for a in doc(raw).cssselect("ul.ArticleList li.row h2.Title a")
            ]
            assert shown[: len(titles)] == titles, slug
            assert shown[len(titles) :] == [a.title for a in base.listing(slug)][: 10 - len(titles)]
            for x in mine:
                path = f"/{slug}/{slugify(x['title'])}-{x['id']}"
                assert get(srv, path)[0] == 200, path


# --- the pages agree with the expected records ---------------------------------------


def _content_paragraph_texts(content) -> list[str]:
    texts = []
    for el in content.iter("p", "figcaption"):
        t = norm(el.text_content())
        if t:
            texts.append(t)
    return texts


def test_every_article_page_agrees_with_its_expected_record(server):
    """A check of the replica, not a parser: each expected value is found where
    PORTAL.md says the page keeps it, so the records are fair to hold a parser to."""
    check_pages_against_records(server)


@pytest.mark.parametrize("layout", ["a", "b", "c", "moved"])
def test_every_layout_renders_every_article_faithfully(layout):
    site = build_site(layout=layout)
    # The template changes the markup, never the meaning.
    assert site.expected_records("http://x") == build_site().expected_records("http://x")
    with ReplicaServer(site, port=0) as srv:
        check_pages_against_records(srv)


def check_pages_against_records(server):
    base = server.url
    for rec in server.site.expected_records(base):
        raw = fetch(rec["url"])[2]
        page = doc(raw)
        where = rec["url"]
        (control,) = page.cssselect("div.ArticleDetailControl")
        assert norm(control.cssselect("div.ArticleHeader")[0].text_content()) == rec["title"], where
        assert norm(control.cssselect("div.ArticleSummary")[0].text_content()) == rec["summary"], (
            where
        )
        moved = bool(control.cssselect("span.NgayXuatBan"))
        date_el = "span.NgayXuatBan" if moved else "div.PostDate"
        date_text = norm(control.cssselect(date_el)[0].text_content())
        year, _month, day = rec["published_at"][:10].split("-")
        assert year in date_text and str(int(day)) in date_text, where
        if "T" in rec["published_at"]:
            assert rec["published_at"][11:16] in date_text, where
        crumbs = page.cssselect(".breadcrumb, .breadcrumbs")
        assert rec["category"] in norm(crumbs[0].text_content()), where

        (content,) = control.cssselect("div.ArticleContent")
        paras = _content_paragraph_texts(content)
        captions = {i["caption"] for i in rec["images"] if i["caption"]}
        lines = rec["body"].split("\n")
        assert [p for p in paras if p in lines] == lines, where
        extras = [p for p in paras if p not in lines]
        for extra in extras:
            assert (
                extra in captions or extra == rec["author"] or extra.startswith("File đính kèm:")
            ), (where, extra)

        byline_el = "div.NguonTin" if moved else "div.author"
        if rec["author"] is None:
            assert not control.cssselect(byline_el), where
        elif moved:
            assert [norm(e.text_content()) for e in control.cssselect(byline_el)] == [
                rec["author"]
            ], where
            assert rec["author"] not in extras, where
        else:
            shown = [norm(e.text_content()) for e in control.cssselect("div.author")] + paras[-1:]
            assert any(s.endswith(rec["author"]) for s in shown), where

        srcs = [canonical(base, img.get("src")) for img in content.iter("img")]
        assert srcs == [i["url"] for i in rec["images"]], where

        docs = []  # in page order
        for el in content.iter("a", "iframe"):
            if el.tag == "iframe":
                (file_,) = parse_qs(urlsplit(el.get("src")).query)["file"]
                docs.append(canonical(base, file_))
            elif re.search(r"\.(pdf|docx?|xlsx?)$", el.get("href", "")):
                docs.append(canonical(base, el.get("href")))
        assert docs == [x["url"] for x in rec["attachments"]], where

        assert [norm(a.text_content()) for a in control.cssselect("div.tags a")] == rec["tags"], (
            where
        )

        # Related links: anchors after the article control inside the content pane.
        pane = page.cssselect("div.content-pane")[0]
        after, seen = [], False
        for el in pane.iter():
            if el is control:
                seen = True
                continue
            if seen and el.tag == "a" and not any(p is control for p in el.iterancestors()):
                after.append(canonical(base, el.get("href")))
        assert list(dict.fromkeys(after)) == [r["url"] for r in rec["related"]], where
