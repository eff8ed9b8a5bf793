"""Tests of the portal family replica (crawler/replica/family), through its HTTP proxy.

Every request goes to the proxy on 127.0.0.1 with `urllib.request` and a
`ProxyHandler({"http": proxy.url})`, by the sites' real host names; a guard makes any
attempt to resolve another name fail, so nothing here can leave the machine. No crawler
is involved: these check that the family serves what PORTAL.md describes and that its
pages agree with the records it computes from its own source data; likewise for the two
registers of documents, and for every linked file (its bytes, validators and text).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import socket
import struct
import unicodedata
import urllib.error
import urllib.request
import zipfile
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

import lxml.html
import pytest

from crawler.replica.family import (
    DATAFILES_HOST,
    DEAD_503_HOST,
    DEAD_RESET_HOST,
    DOCUMENT_KEYS,
    NUKEVIET_HOST,
    PORTAL_HOST,
    RECORD_KEYS,
    STORAGE_HOST,
    VHTTDL_HOST,
    WORDPRESS_HOST,
    FamilyProxy,
    build_family,
)
from crawler.replica.render import LOAD_ARTICLE_PATH
from tests.conftest import interruptible

# In the order of the portal's "Liên kết website" select (departments, then communes).
SUBSITES = [VHTTDL_HOST, DEAD_503_HOST, NUKEVIET_HOST, WORDPRESS_HOST, DEAD_RESET_HOST]
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


# --- fixtures and helpers -----------------------------------------------------------


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """No name but loopback may be resolved, and no request may bypass the proxy."""
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        if host not in LOOPBACK_NAMES:
            raise OSError(f"test tried to resolve {host!r}: only 127.0.0.1 may be contacted")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def family():
    return build_family()


@pytest.fixture(scope="module")
def proxy(family):
    with FamilyProxy(family, port=0) as p:
        yield p


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # show the redirect itself


def fetch(proxy, url: str, data: bytes | None = None, headers: dict | None = None):
    """status, headers, body of `url` fetched through `proxy` (a FamilyProxy or its URL)."""
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": getattr(proxy, "url", proxy)}), _NoRedirect()
    )
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=10) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get_ok(proxy, url: str) -> bytes:
    status, _headers, body = fetch(proxy, url)
    assert status == 200, (url, status)
    return body


def doc(raw: bytes):
    return lxml.html.fromstring(raw.decode("utf-8"))


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def canonical(page_url: str, href: str) -> str:
    url = urldefrag(urljoin(page_url, href))[0]
    return url.replace("?pageindex=0", "")


def links(page, page_url: str) -> list[str]:
    out = []
    for a in page.xpath("//a[@href]"):
        href = a.get("href")
        if not href.startswith(("javascript:", "#", "mailto:")):
            out.append(canonical(page_url, href))
    return out


def post_json(proxy, host: str, fields: dict):
    return fetch(
        proxy,
        f"http://{host}{LOAD_ARTICLE_PATH}",
        data=json.dumps(fields).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )


def script_fields(raw: bytes) -> dict:
    """The LoadArticle parameters a crawler reads from a listing's inline script."""
    text = raw.decode("utf-8")
    grab = {
        "article_category_id": r"article_category_id:\s*(\d+)",
        "categoryIds": r'categoryIds:\s*"([^"]+)"',
        "site_id": r"site_id:\s*(\d+)",
        "page_size": r"page_size:\s*(\d+)",
        "max_page": r"maxPage\s*=\s*parseInt\((\d+)\)",
    }
    out = {}
    for key, pattern in grab.items():
        m = re.search(pattern, text)
        assert m, f"no {key} in the listing's script"
        out[key] = m.group(1)
    return out


# --- the model ----------------------------------------------------------------------


def test_hosts_and_determinism(family):
    assert family.live_hosts == [PORTAL_HOST, VHTTDL_HOST, NUKEVIET_HOST, WORDPRESS_HOST]
    assert family.dead_hosts == [DEAD_503_HOST, DEAD_RESET_HOST]
    assert DATAFILES_HOST in family.file_hosts and STORAGE_HOST in family.file_hosts
    assert set(family.sites) == set(family.live_hosts + family.dead_hosts + family.file_hosts)
    again = build_family()
    assert again.expected_records() == family.expected_records()
    for host in family.sites:
        assert again.disallowed(host) == family.disallowed(host)


def test_records_have_the_keys_and_sizes(family):
    records = family.expected_records()
    for rec in records:
        assert tuple(rec) == RECORD_KEYS, rec["url"]
        assert rec["site"] == urlsplit(rec["url"]).netloc
        assert rec["url"].startswith(f"http://{rec['site']}/")
        assert rec["body"] and "\n\n" not in rec["body"]
    by_host = {h: family.expected_records(h) for h in family.live_hosts}
    assert sum(len(v) for v in by_host.values()) == len(records)
    assert {r["layout"] for r in by_host[PORTAL_HOST]} == {"vnportal"}
    assert {r["layout"] for r in by_host[VHTTDL_HOST]} == {"vnportal"}
    assert {r["layout"] for r in by_host[NUKEVIET_HOST]} == {"nukeviet"}
    assert {r["layout"] for r in by_host[WORDPRESS_HOST]} == {"wordpress"}
    assert 8 <= len(by_host[VHTTDL_HOST]) <= 15
    assert 8 <= len(by_host[NUKEVIET_HOST]) <= 12
    assert 8 <= len(by_host[WORDPRESS_HOST]) <= 12
    assert 2 <= len({r["category"] for r in by_host[VHTTDL_HOST]}) <= 3
    assert len({r["category"] for r in by_host[NUKEVIET_HOST]}) == 2
    assert len({r["category"] for r in by_host[WORDPRESS_HOST]}) == 2
    for rec in by_host[VHTTDL_HOST]:
        assert re.fullmatch(r"\d{6}", rec["article_id"])
        assert re.fullmatch(r"http://[^/]+/[a-z0-9-]+/[a-z0-9-]+-\d{6}", rec["url"])
    for rec in by_host[NUKEVIET_HOST]:
        assert re.fullmatch(r"http://[^/]+/[a-z0-9-]+/[a-z0-9-]+-\d+\.html", rec["url"])
        assert rec["url"].endswith(f"-{rec['article_id']}.html")
    for rec in by_host[WORDPRESS_HOST]:
        assert rec["article_id"].isdigit()
        assert re.fullmatch(r"http://[^/]+/\d{4}/\d{2}/[a-z0-9-]+/", rec["url"])
        assert rec["related"] == []


def test_author_and_source_follow_one_rule(family):
    labels = ("Tác giả", "Nguồn", "Theo ", "Nguồn tin")
    new_sites = [
        r for h in (VHTTDL_HOST, NUKEVIET_HOST, WORDPRESS_HOST) for r in family.expected_records(h)
    ]
    for rec in family.expected_records():
        for key in ("author", "source"):
            value = rec[key]
            if value is not None:
                assert value == norm(value) and not value.startswith(labels), (rec["url"], key)
        assert rec["published_at"] == rec["published_at"].strip()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+07:00)?", rec["published_at"])
    assert all(r["source"] is None for r in family.expected_records(PORTAL_HOST))
    for host in (VHTTDL_HOST, NUKEVIET_HOST):
        recs = family.expected_records(host)
        kinds = {(r["author"] is not None, r["source"] is not None) for r in recs}
        assert kinds == {(True, True), (True, False), (False, True), (False, False)}, host
    assert any(r["author"] in ("PV", "N.H") for r in new_sites)
    assert any(r["source"] == "Sở Văn hóa, Thể thao và Du lịch" for r in new_sites)
    assert any(r["source"] == "Báo Nghệ An" for r in family.expected_records(NUKEVIET_HOST))
    assert any(r["source"] == "baonghean.vn" for r in family.expected_records(WORDPRESS_HOST))
    for rec in family.expected_records(NUKEVIET_HOST) + family.expected_records(WORDPRESS_HOST):
        assert "T" in rec["published_at"], "NukeViet and WordPress pages always show a time"
    assert any("T" not in r["published_at"] for r in family.expected_records(VHTTDL_HOST))


# --- every live host ----------------------------------------------------------------


@pytest.mark.parametrize("host", [PORTAL_HOST, VHTTDL_HOST, NUKEVIET_HOST, WORDPRESS_HOST])
def test_live_host_serves_home_robots_and_listings(proxy, family, host):
    raw = get_ok(proxy, f"http://{host}/")
    page = doc(raw)
    assert b"127.0.0.1" not in raw
    status, headers, robots = fetch(proxy, f"http://{host}/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    rules = [
        line.split(":", 1)[1].strip()
        for line in robots.decode().splitlines()
        if line.startswith("Disallow:")
    ]
    assert rules == family.disallowed(host) and 1 <= len(rules) <= 3
    # Each disallowed prefix is linked from the home page, so a crawler ignoring
    # robots.txt is caught asking for it.
    hrefs = [urlsplit(u) for u in links(page, f"http://{host}/")]
    for prefix in rules:
        assert any(
            u.netloc == host and (u.path + ("?" + u.query if u.query else "")).startswith(prefix)
            for u in hrefs
        ), (host, prefix)
    for url in family.listing_urls(host):
        assert b"127.0.0.1" not in get_ok(proxy, url), url


@pytest.mark.parametrize("host", [PORTAL_HOST, VHTTDL_HOST, NUKEVIET_HOST, WORDPRESS_HOST])
def test_unknown_paths_answer_404(proxy, host):
    assert fetch(proxy, f"http://{host}/khong-co-trang-nay-999999")[0] == 404


# --- the main portal ----------------------------------------------------------------


def test_main_portal_home_links_every_subsite(proxy, family):
    raw = get_ok(proxy, f"http://{PORTAL_HOST}/")
    page = doc(raw)
    (select,) = [
        s
        for s in page.xpath("//select")
        if "Liên kết website" in norm(s.getparent().text_content())
    ]
    values = [o.get("value") for o in select.iter("option") if o.get("value")]
    assert values == [f"http://{h}/" for h in SUBSITES]
    assert set(values) == {f"http://{h}/" for h in family.live_hosts[1:] + family.dead_hosts}
    assert family.subsite_links() == values
    footer = page.cssselect("#footer")[0]
    assert [a.get("href") for a in footer.cssselect("a")] == values[:2]
    menu = [a.get("href") for a in page.cssselect("nav.main-menu a")]
    assert f"http://{VHTTDL_HOST}/" in menu
    hosts = {urlsplit(u).netloc for u in links(page, f"http://{PORTAL_HOST}/")}
    assert hosts == {PORTAL_HOST, VHTTDL_HOST, DEAD_503_HOST}  # the rest only in the select
    for src in [img.get("src") for img in page.iter("img")]:
        assert src.startswith(f"http://{DATAFILES_HOST}/nan-ubnd/"), src
    # Absolute links name the portal, never the proxy.
    assert b"http://www.nghean.gov.vn/" in raw and b"127.0.0.1" not in raw
    assert b"https://datafiles" not in raw


def test_main_portal_paginates_by_form_post_as_before(proxy, family):
    site = family.portal.site
    slug = site.categories[0].slug
    raw = get_ok(proxy, f"http://{PORTAL_HOST}/{slug}")
    fields = script_fields(raw)
    assert int(fields["max_page"]) >= 2
    form = {
        "article_category_id": fields["article_category_id"],
        "categoryIds": fields["categoryIds"],
        "site_id": fields["site_id"],
        "page": 2,
        "page_size": fields["page_size"],
    }
    status, _h, body = fetch(
        proxy,
        f"http://{PORTAL_HOST}{LOAD_ARTICLE_PATH}",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert status == 200
    titles = [
        norm(a.text_content()) for a in doc(b"<ul>" + body + b"</ul>").cssselect("h2.Title a")
    ]
    assert titles == [norm(a.title) for a in site.listing_page(slug, 2)]
    entry = [
        e for e in proxy.requests.snapshot() if e["method"] == "POST" and e["host"] == PORTAL_HOST
    ][-1]
    assert entry["form"]["page"] == "2" and entry["json"] is None


# --- vhttdl: vnPortal in another skin, JSON-only pagination ----------------------------


def test_vhttdl_listing_markup_and_script(proxy, family):
    site = family.site(VHTTDL_HOST)
    for cat in site.categories:
        url = f"http://{VHTTDL_HOST}/{cat['slug']}"
        raw = get_ok(proxy, url)
        page = doc(raw)
        assert not page.cssselect("ul.ArticleList")
        items = page.cssselect("div.UIListNews_Default div.item")
        expected = site.listing_page(cat["slug"], 1)
        assert len(items) == len(expected) <= site.page_size
        for item, post in zip(items, expected):
            a = item.cssselect("a[href][title]")[0]
            assert canonical(url, a.get("href")) == f"http://{VHTTDL_HOST}{site.article_path(post)}"
            assert norm(a.get("title")) == norm(post.title)
            date = norm(item.cssselect("span.date")[0].text_content())
            assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", date)
            assert date == post.published.strftime("%d/%m/%Y")
            assert item.cssselect("img[src]")
            assert norm(item.cssselect("div.summary")[0].text_content()) == norm(post.lead)
        fields = script_fields(raw)
        assert fields["article_category_id"] == fields["categoryIds"] == str(cat["id"])
        assert fields["site_id"] == str(site.site_id)
        assert int(fields["page_size"]) == site.page_size
        assert int(fields["max_page"]) == math.ceil(len(site.listing(cat["slug"])) / site.page_size)
        text = raw.decode()
        assert "JSON.stringify(" in text and 'contentType: "application/json' in text
        assert f'url: "{LOAD_ARTICLE_PATH}"' in text


def test_vhttdl_json_post_answers_every_later_page(proxy, family):
    site = family.site(VHTTDL_HOST)
    later = 0
    for cat in site.categories:
        raw = get_ok(proxy, f"http://{VHTTDL_HOST}/{cat['slug']}")
        fields = script_fields(raw)
        max_page = int(fields.pop("max_page"))
        shown = []
        for page_no in range(1, max_page + 2):
            status, headers, body = post_json(proxy, VHTTDL_HOST, {**fields, "page": page_no})
            assert status == 200 and headers["Content-Type"].startswith("application/json")
            answer = json.loads(body)
            assert list(answer) == ["d"]
            if page_no > max_page:
                assert answer["d"] == ""
                continue
            fragment = lxml.html.fromstring(f"<div>{answer['d']}</div>")
            items = fragment.cssselect("div.item")
            assert items, (cat["slug"], page_no)
            shown += [norm(i.cssselect("a.title")[0].get("title")) for i in items]
            later += page_no > 1
        assert shown == [norm(p.title) for p in site.listing(cat["slug"])]
    assert later >= 2
    entry = [
        e for e in proxy.requests.snapshot() if e["host"] == VHTTDL_HOST and e["method"] == "POST"
    ][-1]
    assert entry["json"]["article_category_id"] and entry["form"] is None
    assert entry["path"] == LOAD_ARTICLE_PATH and entry["status"] == 200


def test_vhttdl_post_takes_only_json(proxy, family):
    site = family.site(VHTTDL_HOST)
    cat = site.categories[0]
    fields = {
        "article_category_id": cat["id"],
        "categoryIds": str(cat["id"]),
        "site_id": site.site_id,
        "page": 2,
        "page_size": site.page_size,
    }
    url = f"http://{VHTTDL_HOST}{LOAD_ARTICLE_PATH}"
    status, _h, body = fetch(
        proxy,
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert status == 500 and b"Server Error" in body
    entry = proxy.requests.snapshot()[-1]
    assert entry["form"]["page"] == "2" and entry["json"] is None and entry["status"] == 500
    # Strings as well as numbers (ASP.NET converts them).
    assert post_json(proxy, VHTTDL_HOST, {k: str(v) for k, v in fields.items()})[0] == 200
    for name in ("article_category_id", "categoryIds", "site_id", "page", "page_size"):
        status, _h, body = post_json(
            proxy, VHTTDL_HOST, {k: v for k, v in fields.items() if k != name}
        )
        assert status == 500 and name in json.loads(body)["Message"], name
    for change in ({"page_size": 10}, {"site_id": 2930}, {"categoryIds": "1"}, {"page": 0}):
        status, _h, body = post_json(proxy, VHTTDL_HOST, {**fields, **change})
        assert status == 500 and json.loads(body)["Message"], change
    bad = fetch(proxy, url, data=b"{not json", headers={"Content-Type": "application/json"})
    assert bad[0] == 500
    assert fetch(proxy, url, data=b"[1, 2]", headers={"Content-Type": "application/json"})[0] == 500


def test_vhttdl_later_pages_are_reached_only_through_the_post(proxy, family):
    site = family.site(VHTTDL_HOST)
    base = f"http://{VHTTDL_HOST}"
    only_post = {base + site.article_path(p) for p in site.post_only()}
    assert len(only_post) >= 2
    linked = set()
    pages = [base + "/", *family.listing_urls(VHTTDL_HOST), base + "/gioi-thieu", base + "/lien-he"]
    pages += [r["url"] for r in family.expected_records(VHTTDL_HOST)]
    for url in pages:
        linked.update(links(doc(get_ok(proxy, url)), url))
    assert not only_post & linked
    on_first_pages = {r["url"] for r in family.expected_records(VHTTDL_HOST)} - only_post
    assert on_first_pages <= linked


# --- quangchau: NukeViet 4.5 ----------------------------------------------------------


def test_nukeviet_listings_paginate_by_url(proxy, family):
    site = family.site(NUKEVIET_HOST)
    base = f"http://{NUKEVIET_HOST}"
    paged = 0
    for cat in site.categories:
        posts = site.listing(cat["slug"])
        pages = math.ceil(len(posts) / site.per_page)
        shown = []
        for n in range(1, pages + 1):
            url = f"{base}/{cat['slug']}/" if n == 1 else f"{base}/{cat['slug']}/page-{n}"
            page = doc(get_ok(proxy, url))
            assert page.xpath('//meta[@name="generator"]/@content') == ["NukeViet v4.5"]
            items = page.cssselect("div.news_column div.panel-body")
            for item in items:
                a = item.cssselect("h3 a")[0]
                shown.append(canonical(url, a.get("href")))
                when = norm(item.cssselect("div.text-muted li")[0].text_content())
                assert re.fullmatch(r"\d{2}:\d{2} \d{2}/\d{2}/\d{4}", when), when
                assert norm(item.cssselect("div.hometext")[0].text_content())
            if n < pages:
                assert f"/{cat['slug']}/page-{n + 1}" in [
                    a.get("href") for a in page.cssselect("ul.pagination a")
                ]
            paged += n > 1
        assert shown == [base + site.article_path(p) for p in posts]
        assert fetch(proxy, f"{base}/{cat['slug']}/page-{pages + 1}")[0] == 404
        status, headers, _ = fetch(proxy, f"{base}/{cat['slug']}")
        assert status == 301 and headers["Location"] == f"{base}/{cat['slug']}/"
    assert paged >= 1
    home = doc(get_ok(proxy, base + "/"))
    assert "/page-2" in [a.get("href") for a in home.cssselect("ul.pagination a")]
    assert doc(get_ok(proxy, base + "/page-2")).cssselect("div.news_column h3 a")


def test_nukeviet_tag_pages(proxy, family):
    site = family.site(NUKEVIET_HOST)
    tags = site.tags()
    assert tags
    for alias, keyword in tags.items():
        page = doc(get_ok(proxy, f"http://{NUKEVIET_HOST}/tag/{alias}"))
        titles = [norm(a.text_content()) for a in page.cssselect("div.news_column h3 a")]
        assert titles == [norm(p.title) for p in site.listing(None) if keyword in p.tags]
    assert fetch(proxy, f"http://{NUKEVIET_HOST}/tag/khong-co")[0] == 404


# --- phuongtruongthi: WordPress 6.4 ----------------------------------------------------


def test_wordpress_archives_paginate(proxy, family):
    site = family.site(WORDPRESS_HOST)
    base = f"http://{WORDPRESS_HOST}"
    recs = sorted(
        family.expected_records(WORDPRESS_HOST),
        key=lambda r: (r["published_at"], int(r["article_id"])),
        reverse=True,
    )
    everything = [r["url"] for r in recs]
    archives = [("/", everything)] + [
        (f"/category/{c['slug']}/", [r["url"] for r in recs if r["category"] == c["name"]])
        for c in site.categories
    ]
    for archive, expected in archives:
        pages = math.ceil(len(expected) / site.per_page)
        shown = []
        for n in range(1, pages + 1):
            url = base + archive + ("" if n == 1 else f"page/{n}/")
            page = doc(get_ok(proxy, url))
            assert page.xpath('//meta[@name="generator"]/@content') == ["WordPress 6.4"]
            for art in page.cssselect("article.post"):
                assert re.fullmatch(r"post-\d+", art.get("id"))
                shown.append(art.cssselect("h2.entry-title a")[0].get("href"))
                assert art.cssselect("time.entry-date.published[datetime]")
            if n < pages:
                assert base + archive + f"page/{n + 1}/" in [
                    a.get("href") for a in page.cssselect(".pagination a")
                ]
        assert shown == expected, archive
        assert fetch(proxy, base + archive + f"page/{pages + 1}/")[0] == 404
    assert len(everything) > 2 * site.per_page  # the home page has a page 3
    status, headers, _ = fetch(proxy, base + "/page/1/")
    assert status == 301 and headers["Location"] == base + "/"
    status, headers, _ = fetch(proxy, base + "/category/tin-tuc-su-kien")
    assert status == 301 and headers["Location"] == base + "/category/tin-tuc-su-kien/"


def test_wordpress_shortlink_and_admin(proxy, family):
    site = family.site(WORDPRESS_HOST)
    post = next(iter(site.posts.values()))
    status, headers, _ = fetch(proxy, f"http://{WORDPRESS_HOST}/?p={post.id}")
    assert status == 301 and headers["Location"] == site.permalink(post)
    status, headers, _ = fetch(proxy, f"http://{WORDPRESS_HOST}/admin/")
    assert status == 302 and headers["Location"].endswith("/wp-admin/")
    status, _h, feed = fetch(proxy, f"http://{WORDPRESS_HOST}/feed/")
    assert status == 200 and b"<rss" in feed


# --- dead, unknown, CONNECT -----------------------------------------------------------


def test_dead_hosts(proxy):
    for path in ("/", "/robots.txt", "/tin-tuc/abc-123456"):
        status, headers, body = fetch(proxy, f"http://{DEAD_503_HOST}{path}")
        assert status == 503 and b"Service Unavailable" in body
        assert headers["Server"] == "Microsoft-HTTPAPI/2.0"
    with pytest.raises((ConnectionError, urllib.error.URLError, http_client_errors())):
        fetch(proxy, f"http://{DEAD_RESET_HOST}/")
    entries = proxy.requests_for(DEAD_RESET_HOST)
    assert entries and all(e["dead"] and e["status"] is None for e in entries)
    assert all(e["dead"] and e["status"] == 503 for e in proxy.requests_for(DEAD_503_HOST))


def http_client_errors():
    import http.client

    return http.client.HTTPException


def test_unknown_host_answers_502_and_is_logged(proxy):
    for url in ("http://example.com/", "http://nghean.gov.vn/", f"http://{VHTTDL_HOST}:8080/"):
        status, _h, body = fetch(proxy, url)
        assert status == 502 and body == b"replica proxy: unknown host\n", url
    unknown = proxy.unknown_requests()
    assert {e["host"] for e in unknown} >= {"example.com", "nghean.gov.vn", VHTTDL_HOST}
    assert all(e["status"] == 502 and e["kind"] == "unknown" for e in unknown)


def test_connect_answers_405_and_origin_form_400(proxy):
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
        sock.sendall(
            f"CONNECT {PORTAL_HOST}:443 HTTP/1.1\r\nHost: {PORTAL_HOST}:443\r\n\r\n".encode()
        )
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.0 405") or answer.startswith(b"HTTP/1.1 405")
    entry = [e for e in proxy.requests.snapshot() if e["method"] == "CONNECT"][-1]
    assert entry["host"] == PORTAL_HOST and entry["status"] == 405 and entry["kind"] == "connect"
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: {PORTAL_HOST}\r\nConnection: close\r\n\r\n".encode())
        answer = sock.recv(4096)
    assert b" 400 " in answer.split(b"\r\n", 1)[0]


def test_request_log_entries(proxy):
    get_ok(proxy, f"http://{NUKEVIET_HOST}/thong-bao/")
    entry = proxy.requests.snapshot()[-1]
    for key in ("time", "method", "host", "path", "status", "form", "json", "dead"):
        assert key in entry
    assert entry["host"] == NUKEVIET_HOST and entry["path"] == "/thong-bao/"
    assert entry["status"] == 200 and entry["dead"] is False and entry["method"] == "GET"


def test_log_path_writes_json_lines(tmp_path, family):
    log = tmp_path / "proxy.jsonl"
    with FamilyProxy(family, port=0, log_path=log) as p:
        fetch(p, f"http://{WORDPRESS_HOST}/")
        fetch(p, "http://example.net/")
    lines = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    assert [(x["host"], x["status"]) for x in lines] == [
        (WORDPRESS_HOST, 200),
        ("example.net", 502),
    ]


# --- files ----------------------------------------------------------------------------


def check_png(data: bytes) -> None:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, idat = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        payload = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + payload) & 0xFFFFFFFF == crc
        chunks.append(kind)
        if kind == b"IDAT":
            idat += payload
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", payload[:10])
        pos += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND" and pos == len(data)
    assert depth == 8 and colour == 2
    assert len(zlib.decompress(idat)) == height * (1 + 3 * width)


def check_jpeg(data: bytes) -> None:
    """Walk the segments and decode the scan's Huffman data block by block."""
    assert data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9"
    pos, tables, frame = 2, {}, None
    while True:
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        seg = data[pos + 4 : pos + 2 + length]
        if marker == 0xC4:
            bits, vals = seg[1:17], seg[17:]
            codes, code, k = {}, 0, 0
            for size in range(1, 17):
                for _ in range(bits[size - 1]):
                    codes[(code, size)] = vals[k]
                    code, k = code + 1, k + 1
                code <<= 1
            tables[seg[0]] = codes
        elif marker == 0xC0:
            precision, height, width, ncomp = struct.unpack(">BHHB", seg[:6])
            frame = (height, width, ncomp)
        pos += 2 + length
        if marker == 0xDA:
            break
    assert frame is not None and frame[2] == 1
    scan = data[pos:-2].replace(b"\xff\x00", b"\xff")
    bitstring = "".join(f"{b:08b}" for b in scan)
    at = 0

    def symbol(table):
        nonlocal at
        for size in range(1, 17):
            key = (int(bitstring[at : at + size], 2), size)
            if key in table:
                at += size
                return table[key]
        raise AssertionError("no Huffman code matches")

    height, width, _ = frame
    for _block in range(math.ceil(height / 8) * math.ceil(width / 8)):
        size = symbol(tables[0x00])  # the DC category, then that many bits
        at += size
        k = 1
        while k < 64:
            rs = symbol(tables[0x10])
            if rs == 0:
                break
            at += rs & 0x0F
            k += (rs >> 4) + 1
    rest = bitstring[at:]
    assert len(rest) < 8 and set(rest) <= {"1"}, "the scan ends in padding"


def test_file_hosts_serve_valid_images(proxy, family):
    images = {i["url"] for r in family.expected_records() for i in r["images"]}
    page = doc(get_ok(proxy, f"http://{PORTAL_HOST}/"))
    images |= {img.get("src") for img in page.iter("img")}
    images |= {
        canonical(f"http://{VHTTDL_HOST}/", img.get("src"))
        for img in doc(get_ok(proxy, f"http://{VHTTDL_HOST}/")).iter("img")
    }
    hosts = {urlsplit(u).netloc for u in images}
    assert {DATAFILES_HOST, STORAGE_HOST, NUKEVIET_HOST, WORDPRESS_HOST} <= hosts
    kinds = set()
    for url in sorted(images):
        status, headers, data = fetch(proxy, url)
        assert status == 200, url
        if url.endswith(".png"):
            assert headers["Content-Type"] == "image/png"
            check_png(data)
        else:
            assert headers["Content-Type"] == "image/jpeg", url
            check_jpeg(data)
        kinds.add(headers["Content-Type"])
        assert fetch(proxy, url)[2] == data  # deterministic
    assert kinds == {"image/png", "image/jpeg"}
    hostile = {u for u, f in family.expected_files().items() if f["hostile"]}
    docs = {a["url"] for r in family.expected_records() for a in r["attachments"]} - hostile
    for url in sorted(docs):
        status, headers, data = fetch(proxy, url)
        assert status == 200, url
        if url.endswith(".pdf"):
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        elif url.endswith(".docx"):
            assert data.startswith(b"PK")
    assert fetch(proxy, f"http://{DATAFILES_HOST}/nan-ubnd/2930/khong-co.exe")[0] == 404
    assert fetch(proxy, f"http://{DATAFILES_HOST}/")[0] == 404
    assert fetch(proxy, f"http://{DATAFILES_HOST}/robots.txt")[0] == 200


# --- the pages agree with the records ---------------------------------------------------


def paragraph_texts(container) -> list[str]:
    return [t for t in (norm(el.text_content()) for el in container.iter("p", "figcaption")) if t]


def check_body(rec, container, page_url, *, credits=()):
    where = rec["url"]
    paras = paragraph_texts(container)
    lines = rec["body"].split("\n")
    assert [p for p in paras if p in lines] == lines, where
    captions = {i["caption"] for i in rec["images"] if i["caption"]}
    for extra in (p for p in paras if p not in lines):
        assert extra in captions or extra in credits or extra.startswith("File đính kèm:"), (
            where,
            extra,
        )
    srcs = [canonical(page_url, img.get("src")) for img in container.iter("img")]
    assert srcs == [i["url"] for i in rec["images"]], where
    files = []  # in page order
    for el in container.iter("a", "iframe"):
        if el.tag == "iframe":
            (file_,) = parse_qs(urlsplit(el.get("src")).query)["file"]
            files.append(canonical(page_url, file_))
        elif re.search(r"\.(pdf|docx?|xlsx?)$", el.get("href", "")):
            files.append(canonical(page_url, el.get("href")))
    assert files == [a["url"] for a in rec["attachments"]], where


def check_date(rec, text: str) -> None:
    year, month, day = rec["published_at"][:10].split("-")
    assert year in text and (day in text or str(int(day)) in text), (rec["url"], text)
    if "T" in rec["published_at"]:
        assert rec["published_at"][11:16] in text, (rec["url"], text)


def credit_lines(rec) -> set[str]:
    out = set()
    if rec["author"]:
        out |= {rec["author"]}
    if rec["source"]:
        out |= {f"Nguồn: {rec['source']}", f"Theo {rec['source']}"}
    return out


def check_vnportal(rec, page, url):
    (control,) = page.cssselect("div.ArticleDetailControl")
    assert norm(control.cssselect("div.ArticleHeader")[0].text_content()) == rec["title"]
    assert norm(control.cssselect("div.ArticleSummary")[0].text_content()) == rec["summary"]
    check_date(rec, norm(control.cssselect("div.PostDate")[0].text_content()))
    assert rec["category"] in norm(page.cssselect(".breadcrumb, .breadcrumbs")[0].text_content())
    check_body(rec, control.cssselect("div.ArticleContent")[0], url, credits=credit_lines(rec))
    bylines = [norm(e.text_content()) for e in control.cssselect("div.author")]
    tail = paragraph_texts(control.cssselect("div.ArticleContent")[0])[-1:]
    if rec["author"]:
        assert any(s.endswith(rec["author"]) for s in bylines + tail), url
    if rec["source"]:
        assert f"Nguồn: {rec['source']}" in bylines + tail, url
    if not rec["author"] and not rec["source"]:
        assert not bylines, url
    assert [norm(a.text_content()) for a in control.cssselect("div.tags a")] == rec["tags"]


def check_nukeviet(rec, page, url):
    (art,) = page.cssselect('div.news_column[itemtype="http://schema.org/NewsArticle"]')
    assert norm(art.cssselect('h1.title[itemprop="headline"]')[0].text_content()) == rec["title"]
    summary = art.cssselect('div.hometext[itemprop="description"]')[0]
    assert norm(summary.text_content()) == rec["summary"]
    check_date(rec, norm(art.cssselect("span.h5")[0].text_content()))
    crumbs = [norm(x.text_content()) for x in page.cssselect("ul.temp-breadcrumbs [itemprop=name]")]
    assert crumbs == ["Trang nhất", rec["category"]]
    (body,) = art.cssselect("div#news-bodyhtml.bodytext")
    check_body(rec, body, url, credits=credit_lines(rec))
    lines = {norm(p.text_content()) for p in art.cssselect("p.h5.text-right")}
    if rec["source"]:
        assert f"Nguồn tin: {rec['source']}" in lines, url
    if rec["author"]:
        assert f"Tác giả: {rec['author']}" in lines or paragraph_texts(body)[-1] == rec["author"], (
            url
        )
    keywords = [norm(a.text_content()) for a in page.cssselect("div.h5 a[href^='/tag/']")]
    assert keywords == rec["tags"]
    assert page.xpath('//meta[@name="generator"]/@content') == ["NukeViet v4.5"]


def check_wordpress(rec, page, url):
    (art,) = page.cssselect(f"article#post-{rec['article_id']}.post")
    assert norm(art.cssselect("h1.entry-title")[0].text_content()) == rec["title"]
    (time_el,) = art.cssselect("time.entry-date.published")
    assert time_el.get("datetime") == rec["published_at"]
    assert norm(art.cssselect("span.author.vcard a")[0].text_content()) == rec["author"]
    summaries = [norm(s.text_content()) for s in art.cssselect("div.entry-summary")]
    assert summaries == ([rec["summary"]] if rec["summary"] else [])
    assert rec["category"] == norm(art.cssselect(".cat-links a[rel~=category]")[0].text_content())
    check_body(rec, art.cssselect("div.entry-content")[0], url, credits=credit_lines(rec))
    assert [norm(a.text_content()) for a in art.cssselect(".tags-links a")] == rec["tags"]
    assert page.xpath("//link[@rel='shortlink']/@href") == [
        f"http://{rec['site']}/?p={rec['article_id']}"
    ]


CHECKS = {"vnportal": check_vnportal, "nukeviet": check_nukeviet, "wordpress": check_wordpress}


def test_every_record_agrees_with_its_page(proxy, family):
    for rec in family.expected_records():
        raw = get_ok(proxy, rec["url"])
        page = doc(raw)
        CHECKS[rec["layout"]](rec, page, rec["url"])
        hrefs = links(page, rec["url"])
        for related in rec["related"]:
            assert related["url"] in hrefs, (rec["url"], related["url"])
        text = norm(page.text_content())
        for line in rec["body"].split("\n"):
            assert line in text, (rec["url"], line)


def test_text_forms_reach_the_pages(proxy, family):
    def raw_of(host, article_id):
        rec = next(r for r in family.expected_records(host) if r["article_id"] == article_id)
        return get_ok(proxy, rec["url"]), rec

    raw, rec = raw_of(VHTTDL_HOST, "812377")
    text = raw.decode()
    assert unicodedata.normalize("NFD", rec["title"]) in text and rec["title"] not in text
    raw, rec = raw_of(NUKEVIET_HOST, "127")
    body = raw.decode().split('id="news-bodyhtml"', 1)[1].split("</div>", 1)[0]
    assert "&#" in body and not re.search(r"[^\x00-\x7f]", body)
    raw, rec = raw_of(WORDPRESS_HOST, "1271")
    content = raw.decode().split('<div class="entry-content">', 1)[1].split("</div>", 1)[0]
    first = rec["body"].split("\n")[0]
    assert unicodedata.normalize("NFD", first) in content and rec["title"] in raw.decode()


def test_article_pages_answer_conditional_gets(proxy, family):
    for host in (PORTAL_HOST, VHTTDL_HOST, NUKEVIET_HOST, WORDPRESS_HOST):
        url = family.expected_records(host)[0]["url"]
        status, headers, _ = fetch(proxy, url)
        assert status == 200 and headers["ETag"] and headers["Last-Modified"], url
        assert fetch(proxy, url, headers={"If-None-Match": headers["ETag"]})[0] == 304
        status = fetch(proxy, url, headers={"If-Modified-Since": headers["Last-Modified"]})[0]
        assert status == 304, url


def test_family_imports_no_crawler_code():
    root = Path(__file__).resolve().parent.parent / "crawler" / "replica" / "family"
    for path in root.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"crawler\.(parsers|spiders)|from archive|import archive", source), (
            path
        )
        assert not re.search(r"from \.\.\.(parsers|spiders)", source), path


def test_pages_are_byte_identical_between_builds(family):
    other = build_family()
    for host in family.live_hosts:
        paths = ["/", "/robots.txt"] + [
            urlsplit(r["url"]).path for r in family.expected_records(host)[:3]
        ]
        for path in paths:
            mine = family.site(host).respond("GET", path, b"", {})
            theirs = other.site(host).respond("GET", path, b"", {})
            assert mine.status == 200 and mine.body == theirs.body, (host, path)


def test_command_line_entry_point_serves_until_interrupted():
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.replica.family", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        preexec_fn=interruptible,
    )
    try:
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert found, line
        assert fetch(found.group(0), f"http://{WORDPRESS_HOST}/robots.txt")[0] == 200
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


# --- the registers of documents -------------------------------------------------------

# The kind each code stands for, written out here as the registers' pages imply it.
KINDS = {"QĐ": "Quyết định", "KH": "Kế hoạch", "CV": "Công văn", "UBND": "Công văn",
         "CT": "Chỉ thị", "TB": "Thông báo", "NQ": "Nghị quyết"}
NUMBER = re.compile(r"\d+(?:/\d{4})?/[A-ZĐ]+(?:-[A-ZĐ]+)*")
REGISTER_HOSTS = (PORTAL_HOST, NUKEVIET_HOST)


def code_kind(number: str) -> str:
    return KINDS[number.rsplit("/", 1)[-1].split("-", 1)[0]]


def dmy_of(iso_date: str) -> str:
    year, month, day = iso_date.split("-")
    return f"{day}/{month}/{year}"


def portal_properties(page) -> dict[str, str]:
    """label -> value of a portal document page, in whichever of its three markups."""
    (detail,) = page.cssselect("div.VanBanDetail")
    pairs = [(tr[0], tr[1]) for tr in detail.cssselect("table.table-thuoc-tinh tr")]
    pairs += list(zip(detail.cssselect("dl dt"), detail.cssselect("dl dd")))
    pairs += [
        (row.cssselect("div.label")[0], row.cssselect("div.value")[0])
        for row in detail.cssselect("div.row")
    ]
    return {norm(k.text_content()).rstrip(":"): norm(v.text_content()) for k, v in pairs}


def laws_properties(page) -> dict[str, str]:
    return {
        norm(td.text_content()): norm(td.getnext().text_content())
        for td in page.cssselect("table.table-properties td.col-header")
    }


def test_documents_have_the_keys_and_the_variety_of_real_registers(family):
    docs = family.expected_documents()
    assert docs == build_family().expected_documents()
    assert {d["site"] for d in docs} == set(REGISTER_HOSTS)
    portal = family.expected_documents(PORTAL_HOST)
    laws = family.expected_documents(NUKEVIET_HOST)
    assert 10 <= len(portal) <= 14 and 6 <= len(laws) <= 10
    numbers = [d["number"] for d in docs]
    assert len(set(numbers)) == len(numbers), "a number names one document"
    for doc in docs:
        assert tuple(doc) == DOCUMENT_KEYS, doc["url"]
        assert NUMBER.fullmatch(doc["number"]), doc["number"]
        assert doc["kind"] == code_kind(doc["number"]), doc["number"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["issued"])
        assert doc["effective"] is None or doc["effective"] >= doc["issued"]
        for key in ("title", "agency", "signer", "summary"):
            assert doc[key] and doc[key] == norm(doc[key]), (doc["url"], key)
        for f in doc["files"]:
            assert f["name"] == norm(f["name"]) and urlsplit(f["url"]).path.endswith(
                (".pdf", ".docx")), f
    for doc in portal:
        assert re.fullmatch(r"http://www\.nghean\.gov\.vn/van-ban/[a-z0-9-]+-\d{4}", doc["url"])
        assert doc["title"] == doc["summary"]
        assert all(f["url"].startswith(f"http://{DATAFILES_HOST}/nan-ubnd/") for f in doc["files"])
    for doc in laws:
        assert re.fullmatch(r"http://quangchau\.nghean\.gov\.vn/laws/detail/[A-Za-z0-9-]+-\d+/",
                            doc["url"])
        assert doc["title"] != doc["summary"]
        assert all(f["url"].startswith(f"http://{NUKEVIET_HOST}/uploads/laws/")
                   for f in doc["files"])
    assert {d["kind"] for d in portal} == set(KINDS.values())
    assert any(d["effective"] is None for d in portal) and any(d["effective"] for d in portal)
    assert any(re.fullmatch(r"\d+/\d{4}/.*", n) for n in numbers)
    assert any(re.fullmatch(r"\d+/UBND-[A-Z]+", n) for n in numbers)
    assert {len(d["files"]) for d in portal} >= {0, 1, 2}


def test_registers_paginate_and_list_every_document(proxy, family):
    for host in REGISTER_HOSTS:
        urls = family.register_urls(host)
        assert len(urls) >= 2, host
        listed = []
        for n, url in enumerate(urls, 1):
            page = doc(get_ok(proxy, url))
            pager = page.cssselect("ul.pagination a[href]")
            targets = {canonical(url, a.get("href")) for a in pager} | {url}
            assert targets == set(urls), (url, targets)
            if n < len(urls):
                assert any(norm(a.text_content()) == "»" for a in pager), url
            hrefs = links(page, url)
            listed += [u for u in hrefs if u in {d["url"] for d in family.expected_documents(host)}]
        assert list(dict.fromkeys(listed)) == [d["url"] for d in family.expected_documents(host)]
    page = doc(get_ok(proxy, f"http://{PORTAL_HOST}/van-ban"))
    heads = [norm(th.text_content()) for th in page.cssselect("table.table-vanban th")]
    assert {"Số ký hiệu", "Ngày ban hành", "Trích yếu", "Tải về"} <= set(heads)
    page = doc(get_ok(proxy, f"http://{NUKEVIET_HOST}/laws/"))
    (table,) = page.cssselect("div.flex-table-laws")
    for cell in ("c-code", "c-time", "c-intro"):
        assert len(table.cssselect(f"div.table-rows div.{cell}")) > 1, cell
    assert table.cssselect("ul.laws-download a[href^='/uploads/laws/']")
    assert fetch(proxy, f"http://{PORTAL_HOST}/van-ban?page=9")[0] == 404
    assert fetch(proxy, f"http://{PORTAL_HOST}/van-ban/khong-co-1234")[0] == 404
    assert fetch(proxy, f"http://{NUKEVIET_HOST}/laws/page-9")[0] == 404
    assert fetch(proxy, f"http://{NUKEVIET_HOST}/laws")[0] == 301


def test_menus_link_the_registers(proxy):
    page = doc(get_ok(proxy, f"http://{PORTAL_HOST}/"))
    assert [norm(a.text_content()) for a in page.cssselect("ul.menu a[href='/van-ban']")] == [
        "Văn bản"]
    page = doc(get_ok(proxy, f"http://{NUKEVIET_HOST}/"))
    assert page.cssselect("ul.navbar-nav a[href='/laws/']")


def test_every_document_page_shows_its_record(proxy, family):
    seen = {"no kind label": 0, "no effective": 0, "markups": set()}
    for rec in family.expected_documents():
        status, headers, raw = fetch(proxy, rec["url"])
        assert status == 200 and headers["Last-Modified"], rec["url"]
        page = doc(raw)
        assert rec["number"] in norm(page.text_content()), rec["url"]
        if rec["site"] == PORTAL_HOST:
            props = portal_properties(page)
            seen["markups"] |= {m for m in ("table.table-thuoc-tinh", "dl", "div.row")
                                if page.cssselect(f"div.VanBanDetail {m}")}
            (detail,) = page.cssselect("div.VanBanDetail")
            assert norm(detail.cssselect("h1")[0].text_content()) == rec["title"]
            labels = {"number": "Số ký hiệu", "issued": "Ngày ban hành",
                      "effective": "Ngày có hiệu lực", "kind": "Loại văn bản",
                      "agency": "Cơ quan ban hành", "signer": "Người ký"}
            assert props["Trích yếu"] == rec["summary"]
            files = [(canonical(rec["url"], a.get("href")), norm(a.text_content()))
                     for a in detail.cssselect("div.vanban-files a")]
        else:
            props = laws_properties(page)
            (detail,) = page.cssselect("div.law-detail")
            assert norm(detail.cssselect("h1")[0].text_content()) == rec["title"]
            assert norm(detail.cssselect("#doc-basic p")[0].text_content()) == rec["summary"]
            assert {a.get("href") for a in detail.cssselect("ul.nav-tabs a")} >= {"#doc-basic"}
            assert props["Tình trạng"] in ("Còn hiệu lực", "Hết hiệu lực")
            labels = {"number": "Số hiệu văn bản", "issued": "Ngày ban hành",
                      "effective": "Ngày bắt đầu hiệu lực", "kind": "Thể loại",
                      "agency": "Cơ quan ban hành", "signer": "Người ký"}
            files = [(canonical(rec["url"], a.get("href")), norm(a.cssselect("strong")[0].text))
                     for a in detail.cssselect("#doc-files .laws-download-file a")]
        assert props[labels["number"]] == rec["number"]
        assert props[labels["issued"]] == dmy_of(rec["issued"])
        assert props.get(labels["effective"]) == (dmy_of(rec["effective"]) if rec["effective"]
                                                  else None), rec["url"]
        assert props.get(labels["kind"], code_kind(rec["number"])) == rec["kind"]
        assert props[labels["agency"]] == rec["agency"]
        assert props[labels["signer"]] == rec["signer"]
        assert files == [(f["url"], f["name"]) for f in rec["files"]], rec["url"]
        seen["no kind label"] += labels["kind"] not in props
        seen["no effective"] += labels["effective"] not in props
        etag = headers["ETag"]
        assert fetch(proxy, rec["url"], headers={"If-None-Match": etag})[0] == 304
    assert seen["no kind label"] >= 2 and seen["no effective"] >= 2
    assert seen["markups"] == {"table.table-thuoc-tinh", "dl", "div.row"}


# --- files: bytes, validators, text -------------------------------------------------------


def test_every_linked_file_is_served_with_its_bytes(proxy, family):
    files = family.expected_files()
    assert files == build_family().expected_files()
    linked = {i["url"] for r in family.expected_records() for i in r["images"] + r["attachments"]}
    linked |= {f["url"] for d in family.expected_documents() for f in d["files"]}
    assert set(files) == linked
    for url, want in files.items():
        status, headers, data = fetch(proxy, url)
        assert status == 200, url
        assert len(data) == want["bytes"] == int(headers["Content-Length"]), url
        assert hashlib.sha256(data).hexdigest() == want["sha256"], url
        assert headers["Content-Type"] == want["content_type"], url
        assert headers["ETag"] and headers["Last-Modified"], url
    assert {f["hostile"] for f in files.values()} == {None, "truncated", "encrypted", "bomb",
                                                      "huge"}


def test_files_answer_conditional_gets(proxy, family):
    files = family.expected_files()
    by_host = {}
    for url, f in files.items():
        by_host.setdefault((urlsplit(url).netloc, f["hostile"] is None), url)
    for url in by_host.values():
        status, headers, _ = fetch(proxy, url)
        assert status == 200
        etag, modified = headers["ETag"], headers["Last-Modified"]
        status, headers304, body = fetch(proxy, url, headers={"If-None-Match": etag})
        assert (status, body) == (304, b""), url
        assert headers304["ETag"] == etag
        assert fetch(proxy, url, headers={"If-Modified-Since": modified})[:3:2] == (304, b"")
        later = "Sat, 01 Feb 2025 00:00:00 GMT"
        assert fetch(proxy, url, headers={"If-Modified-Since": later})[0] == 304
        older = "Mon, 01 Jan 2024 00:00:00 GMT"
        assert fetch(proxy, url, headers={"If-Modified-Since": older})[0] == 200, url
        assert fetch(proxy, url, headers={"If-None-Match": '"other"'})[0] == 200, url


def test_each_pdf_and_docx_holds_its_own_sentence(proxy, family):
    from docx import Document as WordDocument
    from pdfminer.high_level import extract_text

    files = family.expected_files()
    plain = {u: f for u, f in files.items()
             if f["hostile"] is None and u.endswith((".pdf", ".docx"))}
    assert all(f["sentence"] for f in plain.values())
    assert all(f["sentence"] is None for u, f in files.items() if u not in plain)
    sentences = [f["sentence"] for f in plain.values()]
    assert len(set(sentences)) == len(sentences) >= 20
    villages = [re.search(r"bản ([A-Z]\S* [A-Z]\S*)", s).group(1) for s in sentences]
    assert len(set(villages)) == len(villages), "each file has a village name of its own"
    for url, f in plain.items():
        data = fetch(proxy, url)[2]
        if url.endswith(".pdf"):
            text = extract_text(io.BytesIO(data))
        else:
            text = "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs)
        assert unicodedata.is_normalized("NFC", text), url
        assert f["sentence"] in " ".join(text.split()), url
        assert "Ủy ban nhân dân tỉnh Nghệ An" in text, url


def test_hostile_files_are_broken_each_in_its_own_way(proxy, family):
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage

    from crawler.replica.family.files import ENCRYPTED_USER_PASSWORD

    files = family.expected_files()
    by_kind = {}
    for url, f in files.items():
        if f["hostile"]:
            by_kind.setdefault(f["hostile"], []).append(url)
    on_posts = {a["url"] for r in family.expected_records() for a in r["attachments"]}
    assert any(u in on_posts for urls in by_kind.values() for u in urls)
    data = {kind: fetch(proxy, urls[0])[2] for kind, urls in by_kind.items()}

    truncated = data["truncated"]
    assert truncated.startswith(b"%PDF-") and b"%%EOF" not in truncated
    assert b"startxref" not in truncated and len(truncated) > 1000

    encrypted = data["encrypted"]
    assert b"/Encrypt" in encrypted and b"/Filter /Standard" in encrypted
    with pytest.raises(PDFPasswordIncorrect):
        extract_text(io.BytesIO(encrypted))
    opened = extract_text(io.BytesIO(encrypted), password=ENCRYPTED_USER_PASSWORD)
    assert "Tài liệu mật" in opened  # a real encryption, not a broken file

    bomb = data["bomb"]
    assert len(bomb) < 2_000_000
    with zipfile.ZipFile(io.BytesIO(bomb)) as zf:
        info = zf.getinfo("word/document.xml")
        assert info.file_size >= 1 << 30 and info.compress_size < 2_000_000
        with zf.open(info) as part:
            head = part.read(1 << 20)
    assert head.startswith(b"<?xml") and head.rstrip(b" ").endswith(b'xml:space="preserve">')

    huge = data["huge"]
    assert len(huge) < 5_000_000
    assert sum(1 for _ in PDFPage.get_pages(io.BytesIO(huge))) == 10_000


def html_pages(family) -> list[str]:
    """Every HTML page of the live sites a test can name: homes, listings, registers,
    articles and documents."""
    urls = []
    for host in family.live_hosts:
        urls += [f"http://{host}/", *family.listing_urls(host), *family.register_urls(host)]
    urls += [r["url"] for r in family.expected_records()]
    urls += [d["url"] for d in family.expected_documents()]
    return urls


def test_no_file_sentence_is_on_any_page(proxy, family):
    sentences = [f["sentence"] for f in family.expected_files().values() if f["sentence"]]
    villages = [re.search(r"bản ([A-Z]\S* [A-Z]\S*)", s).group(1) for s in sentences]
    for url in html_pages(family):
        raw = get_ok(proxy, url)
        text = norm(doc(raw).text_content())
        for sentence, village in zip(sentences, villages):
            assert sentence not in text and village not in text, (url, sentence)


# --- citations ------------------------------------------------------------------------------


def test_cites_are_the_numbers_each_article_names(family):
    registered = {d["number"] for d in family.expected_documents()}
    citing = {}
    for rec in family.expected_records():
        text = " ".join([rec["title"], rec["summary"] or "", rec["body"]])
        assert rec["cites"] == list(dict.fromkeys(NUMBER.findall(text))), rec["url"]
        for number in rec["cites"]:
            citing.setdefault(number, []).append(rec["url"])
    subsites = [r for r in family.expected_records() if r["site"] != PORTAL_HOST and r["cites"]]
    assert 4 <= len(subsites) <= 8
    assert any(len(urls) >= 2 for urls in citing.values()), "a number cited by two posts"
    assert set(citing) - registered, "a number no register holds"
    assert len(set(citing) & registered) >= 4
    assert any(len(r["cites"]) >= 2 for r in subsites)
    assert any(r["cites"] for r in family.expected_records(PORTAL_HOST))
