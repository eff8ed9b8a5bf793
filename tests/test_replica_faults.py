"""Tests of the replica's fault mode and hostile text, over HTTP on 127.0.0.1.

Each fault is checked on the wire, with http.client or a raw socket: that it breaks the
answer the way its name says, that content faults leave every line of the expected
record on the page, that a plan picks the same faults for the same seed, and that
`server.faults = None` heals the site. No crawler is involved.
"""

from __future__ import annotations

import http.client
import re
import socket
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest

from crawler.replica import ReplicaServer, build_site
from crawler.replica.faults import (
    CONTENT_FAULTS,
    DEFAULT_OVERSIZE_BYTES,
    FAULTS,
    NESTING_DEPTH,
    SITE_FAULTS,
    TRANSPORT_FAULTS,
    FaultPlan,
    pagination_key,
    unclosed_inline_image,
)
from crawler.replica.hostile import HOSTILE_KINDS, LONG_PARAGRAPH_CHARS
from crawler.replica.render import LOAD_ARTICLE_PATH

SITE = build_site()
PAGE_FAULTS = ("no_end_tags", "deep_nesting", "unclosed_inline", "charset_lie", "huge_page")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def request(server, path, *, method="GET", body=None, headers=None, timeout=10):
    """status, headers and body as sent, with no redirect followed."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def raw_exchange(server, path, *, timeout=10, host=None) -> bytes:
    """Everything the server sends for a GET, until it closes the connection."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        host = host or f"127.0.0.1:{server.port}"
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)


def split_response(raw: bytes) -> tuple[str, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status_line, headers, body


def form_body(site, slug: str, page: int) -> bytes:
    cat = site.category(slug)
    return urlencode(
        {
            "article_category_id": cat.id,
            "categoryIds": str(cat.id),
            "site_id": site.site_id,
            "page": page,
            "page_size": site.page_size,
        }
    ).encode()


FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}


def post_page(server, slug: str, page: int):
    return request(
        server,
        LOAD_ARTICLE_PATH,
        method="POST",
        body=form_body(server.site, slug, page),
        headers=FORM_HEADERS,
    )


def article_paths_by(predicate, site=SITE) -> list[str]:
    return [site.article_path(a) for a in site.articles.values() if predicate(a)]


def faulted(server, plan: FaultPlan):
    server.faults = plan
    server.requests.clear()
    return server


# --- the kinds and the plan ---------------------------------------------------------


def test_kinds_are_named_and_partitioned():
    assert TRANSPORT_FAULTS == (
        "http_500",
        "http_503",
        "reset",
        "timeout",
        "truncated_length",
        "truncated_chunked",
        "truncated_close",
        "oversize",
        "redirect_loop",
        "redirect_home",
        "redirect_offsite",
    )
    assert CONTENT_FAULTS == (
        "no_end_tags",
        "deep_nesting",
        "unclosed_inline",
        "charset_lie",
        "huge_page",
        "stale_pagination",
    )
    assert set(FAULTS) == set(TRANSPORT_FAULTS) | set(CONTENT_FAULTS)
    assert not set(TRANSPORT_FAULTS) & set(CONTENT_FAULTS)
    assert len(FAULTS) == len(set(FAULTS))
    assert SITE_FAULTS == ("robots_503", "all_500", "all_reset")


def every_key(site):
    """(method, path, form) of every faultable request of the site."""
    out = [("GET", p, None) for p in [*site.article_paths(), *site.listing_paths()]]
    for cat in site.categories:
        for page in range(1, site.max_page(cat.slug) + 2):
            form = {"article_category_id": str(cat.id), "page": str(page)}
            out.append(("POST", LOAD_ARTICLE_PATH, form))
    return out


def draws(plan, site=SITE):
    return [plan.fault_for(m, p, form=f, site=site) for m, p, f in every_key(site)]


def test_same_seed_same_faults_other_seed_others():
    a = FaultPlan(seed=7, rate=0.3, kinds=FAULTS)
    b = FaultPlan(seed=7, rate=0.3, kinds=FAULTS)
    c = FaultPlan(seed=8, rate=0.3, kinds=FAULTS)
    assert draws(a) == draws(b)
    assert draws(a) != draws(c)
    hit = [k for k in draws(a) if k is not None]
    total = len(every_key(SITE))
    assert 0.1 * total < len(hit) < 0.5 * total  # about rate, for this seed
    assert len(set(hit)) >= 8
    # every retry of one URL: the same answer; the query string does not count
    path = SITE.article_paths()[0]
    assert {a.fault_for("GET", path + q, site=SITE) for q in ("", "?pageindex=0", "?loop=1")} == {
        a.fault_for("GET", path, site=SITE)
    }
    # a plan needs no site for article-shaped paths
    example = "/tin-tuc/abc-123456"
    assert a.fault_for("GET", example) == b.fault_for("GET", example)
    assert FaultPlan(seed=7, rate=1.0).fault_for("GET", example) in FAULTS


def test_assignments_list_what_fault_for_draws():
    plan = FaultPlan(seed=3, rate=0.4)
    listed = plan.assignments(SITE)
    for path in SITE.article_paths():
        assert listed.get(path) == plan.fault_for("GET", path, site=SITE)
    cat = SITE.categories[0]
    form = {"article_category_id": str(cat.id), "page": "2"}
    assert listed.get(pagination_key(cat.id, 2)) == plan.fault_for(
        "POST", LOAD_ARTICLE_PATH, form=form, site=SITE
    )


def test_kinds_are_drawn_only_where_they_apply():
    seen: dict[str, set[str]] = {}
    for seed in range(40):
        plan = FaultPlan(seed=seed, rate=1.0)
        for (method, path, form), kind in zip(every_key(SITE), draws(plan)):
            assert kind is not None  # rate 1: everything faultable is hit
            if method == "POST":
                where = "later_page" if int(form["page"]) >= 2 else "first_page"
            else:
                where = "article" if SITE.article_at(path) else "listing"
            seen.setdefault(where, set()).add(kind)
    article_only = {"redirect_home", "deep_nesting", "unclosed_inline"}
    assert "stale_pagination" in seen["later_page"]
    assert "stale_pagination" not in seen["first_page"] | seen["article"] | seen["listing"]
    assert not article_only & (seen["listing"] | seen["first_page"] | seen["later_page"])
    assert article_only <= seen["article"]
    redirects = {"redirect_loop", "redirect_home", "redirect_offsite"}
    assert not redirects & seen["later_page"]
    # never the home page, robots.txt, other static pages, a 404 or a HEAD
    plan = FaultPlan(seed=1, rate=1.0)
    for path in ["/", "/robots.txt", "/lien-he", "/khong-co-trang-nay", "/Admin/Login.aspx"]:
        assert plan.fault_for("GET", path, site=SITE) is None, path
        if path != "/khong-co-trang-nay":  # without the site, that one looks like a listing
            assert plan.fault_for("GET", path) is None, path
    assert plan.fault_for("HEAD", SITE.article_paths()[0], site=SITE) is None
    # assign overrides the draw, None included (never faulted)
    first = SITE.article_paths()[0]
    assert FaultPlan(seed=1, rate=1.0, assign={first: None}).fault_for("GET", first) is None
    assert FaultPlan(assign={first: "reset"}).fault_for("GET", first, site=SITE) == "reset"
    # kinds limits the draw
    only = FaultPlan(seed=1, rate=1.0, kinds=("reset",))
    assert set(draws(only)) == {"reset"}
    assert FaultPlan(seed=1, rate=0.0).assignments(SITE) == {}


def test_unclosed_inline_falls_back_without_a_captioned_image():
    without = article_paths_by(lambda a: unclosed_inline_image(a) is None)
    with_one = article_paths_by(lambda a: unclosed_inline_image(a) is not None)
    assert without and with_one
    plan = FaultPlan(assign={without[0]: "unclosed_inline", with_one[0]: "unclosed_inline"})
    assert plan.fault_for("GET", without[0], site=SITE) == "no_end_tags"
    assert plan.fault_for("GET", with_one[0], site=SITE) == "unclosed_inline"
    assert plan.fault_for("GET", without[0]) == "unclosed_inline"  # no site: cannot know


def test_plan_checks_its_arguments():
    with pytest.raises(ValueError, match="unknown fault kinds"):
        FaultPlan(kinds=("http_404",))
    with pytest.raises(ValueError, match="site_faults"):
        FaultPlan(kinds=("all_500",))
    with pytest.raises(ValueError, match="unknown site faults"):
        FaultPlan(site_faults=("reset",))
    with pytest.raises(ValueError, match="rate"):
        FaultPlan(rate=1.5)
    with pytest.raises(ValueError, match="site_faults"):
        FaultPlan(assign={"/": "http_500"})
    with pytest.raises(ValueError, match="unknown fault kind"):
        FaultPlan(assign={"/x/y-123456": "gone"})
    plan = FaultPlan()
    assert (plan.hang_seconds, plan.oversize_bytes) == (5.0, DEFAULT_OVERSIZE_BYTES)
    assert plan.oversize_bytes > 20 * 1024 * 1024  # the crawler's DOWNLOAD_MAXSIZE


# --- transport faults on the wire ----------------------------------------------------


@pytest.fixture(scope="module")
def server():
    with ReplicaServer(SITE, conditional=False) as srv:
        yield srv


@pytest.fixture
def paths():
    """Plain NFC articles of layout "a", and listing paths, for assigning faults to."""
    arts = article_paths_by(lambda a: a.text == "nfc" and a.layout == "a")
    return arts, SITE.listing_paths()


def test_http_500_and_503(server, paths):
    arts, lists = paths
    faulted(
        server, FaultPlan(assign={arts[0]: "http_500", arts[1]: "http_503", lists[0]: "http_500"})
    )
    status, headers, body = request(server, arts[0])
    assert status == 500 and b"<html" in body.lower() and "text/html" in headers["Content-Type"]
    assert "Retry-After" not in headers
    status, headers, body = request(server, arts[1])
    assert status == 503 and headers["Retry-After"] == "1" and b"Service Unavailable" in body
    assert request(server, lists[0] + "?pageindex=0")[0] == 500
    assert request(server, arts[2])[0] == 200  # others unharmed
    log = server.requests.snapshot()
    assert [(e["fault"], e["status"]) for e in log] == [
        ("http_500", 500),
        ("http_503", 503),
        ("http_500", 500),
        (None, 200),
    ]
    assert all(e["host"] == f"127.0.0.1:{server.port}" for e in log)


def test_reset_sends_no_answer(server, paths):
    arts, _ = paths
    faulted(server, FaultPlan(assign={arts[0]: "reset"}))
    for _ in range(2):  # a retry is reset too
        try:
            got = raw_exchange(server, arts[0])
        except ConnectionResetError:
            got = b""
        assert got == b""
    with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected)):
        request(server, arts[0])
    assert [(e["fault"], e["status"]) for e in server.requests.snapshot()] == [("reset", None)] * 3


def test_timeout_sends_nothing_then_closes_and_blocks_nobody(server, paths):
    arts, _ = paths
    faulted(server, FaultPlan(assign={arts[0]: "timeout"}, hang_seconds=0.5))
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"GET {arts[0]} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        sock.settimeout(0.1)
        with pytest.raises(socket.timeout):  # nothing comes while it hangs...
            sock.recv(1)
        # ...other requests are answered meanwhile...
        assert request(server, arts[1])[0] == 200
        sock.settimeout(10)
        assert sock.recv(1) == b""  # ...and then it closes without a word
    entry = server.requests.snapshot()[0]
    assert entry["fault"] == "timeout" and entry["status"] is None


def test_truncated_length_sends_half_of_what_it_announces(server, paths):
    arts, _ = paths
    full = normal_page(server, arts[0])
    faulted(server, FaultPlan(assign={arts[0]: "truncated_length"}))
    status_line, headers, body = split_response(raw_exchange(server, arts[0]))
    assert status_line.endswith("200 OK")
    assert int(headers["content-length"]) == len(full) > len(body)
    assert body == full[: len(full) // 2]
    with pytest.raises(http.client.IncompleteRead):
        request(server, arts[0])


def test_truncated_close_sends_half_the_page_as_if_it_were_whole(server, paths):
    arts, _ = paths
    full = normal_page(server, arts[0])
    faulted(server, FaultPlan(assign={arts[0]: "truncated_close"}))
    status_line, headers, body = split_response(raw_exchange(server, arts[0]))
    assert status_line.endswith("200 OK")
    assert "content-length" not in headers and "transfer-encoding" not in headers
    assert body == full[: len(full) // 2]
    # nothing on the wire says it was cut: a client reads it to the close, no error
    assert request(server, arts[0])[2] == body


def test_truncated_chunked_never_sends_the_last_chunk(server, paths):
    arts, _ = paths
    full = normal_page(server, arts[0])
    faulted(server, FaultPlan(assign={arts[0]: "truncated_chunked"}))
    status_line, headers, body = split_response(raw_exchange(server, arts[0]))
    assert status_line.startswith("HTTP/1.1 200")
    assert headers["transfer-encoding"] == "chunked" and "content-length" not in headers
    assert headers["connection"] == "close"
    data, rest = b"", body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line, 16)
        assert size > 0  # never the terminating 0-size chunk
        data, rest = data + rest[:size], rest[size:]
        assert rest.startswith(b"\r\n")
        rest = rest[2:]
    assert data == full[: len(full) // 2]
    assert not body.endswith(b"0\r\n\r\n")
    with pytest.raises(http.client.IncompleteRead):
        request(server, arts[0])


def test_oversize_pads_past_the_crawlers_limit(server, paths):
    arts, _ = paths
    full = normal_page(server, arts[0])
    faulted(server, FaultPlan(assign={arts[0]: "oversize"}))
    status, headers, body = request(server, arts[0])
    assert status == 200
    assert int(headers["Content-Length"]) == len(body) >= DEFAULT_OVERSIZE_BYTES
    assert body.startswith(full)
    # a client that hangs up after the headers does not break the server
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"GET {arts[0]} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        assert sock.recv(12).startswith(b"HTTP/1.0 200")
    server.faults.oversize_bytes = 100_000  # settable on the plan in use
    assert len(request(server, arts[0])[2]) == 100_000
    assert request(server, arts[1])[0] == 200


def test_redirects(server, paths):
    arts, lists = paths
    plan = FaultPlan(
        assign={
            arts[0]: "redirect_loop",
            arts[1]: "redirect_home",
            arts[2]: "redirect_offsite",
            lists[1]: "redirect_loop",
        }
    )
    faulted(server, plan)
    status, headers, _ = request(server, arts[0])
    assert status == 302 and headers["Location"] == arts[0] + "?loop=1"
    status, headers, _ = request(server, arts[0] + "?loop=1")
    assert status == 302 and headers["Location"] == arts[0]  # and round again
    assert request(server, lists[1])[1]["Location"] == lists[1] + "?loop=1"
    status, headers, _ = request(server, arts[1])
    assert status == 302 and headers["Location"] == "/"
    assert request(server, "/")[0] == 200  # where it points is fine
    status, headers, _ = request(server, arts[2])
    where = urlsplit(headers["Location"])
    assert status == 302 and where.hostname == "localhost" and where.port == server.port
    assert where.path == arts[2]
    # the "other site" answers normally, and the log shows who asked it
    status_line, _, body = split_response(raw_exchange(server, arts[2], host=where.netloc))
    assert status_line.endswith("200 OK") and b"ArticleDetailControl" in body
    entry = server.requests.snapshot()[-1]
    assert entry["host"] == f"localhost:{server.port}" and entry["fault"] is None
    assert [e["fault"] for e in server.requests.snapshot()[:3]] == ["redirect_loop"] * 3


# --- content faults: still the same record -------------------------------------------


class _ContentText(HTMLParser):
    """The text inside div.ArticleContent, found by counting tags rather than building a
    tree: no depth limit (libxml2 stops at 2048 levels, even with huge_tree), and
    unclosed inline tags cannot move text in or out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open divs from div.ArticleContent down; 0 outside it
        self.hidden = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "div" and (self.depth or "ArticleContent" in (dict(attrs).get("class") or "")):
            self.depth += 1
        self.hidden = tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
        self.hidden = False

    def handle_data(self, data):
        if self.depth and not self.hidden:
            self.parts.append(data)


def content_lines(raw: bytes, charset: str = "utf-8") -> str:
    parser = _ContentText()
    parser.feed(raw.decode(charset))
    parser.close()
    return norm(" ".join(parser.parts))


def normal_page(server, path: str) -> bytes:
    """The page the site gives for `path` without faults (it names `server`'s port)."""
    return server.site.respond("GET", path, b"", {}, server.url).body


def sample_articles() -> list[str]:
    """One article per layout and per text mode, and every one with a captioned image."""
    picks: dict[str, str] = {}
    for a in SITE.articles.values():
        picks.setdefault(f"layout:{a.layout}", a.id)
        picks.setdefault(f"text:{a.text}", a.id)
    ids = set(picks.values()) | {
        a.id for a in SITE.articles.values() if unclosed_inline_image(a) is not None
    }
    return sorted(ids)


@pytest.mark.parametrize("kind", PAGE_FAULTS)
def test_content_faults_keep_every_line_of_the_record(server, kind):
    ids = sample_articles()
    paths = [SITE.article_path(SITE.articles[i]) for i in ids]
    plan = faulted(server, FaultPlan(assign=dict.fromkeys(paths, kind))).faults
    for article_id, path in zip(ids, paths):
        record = SITE.expected_record(article_id, server.url)
        status, headers, raw = request(server, path)
        normal = normal_page(server, path)
        assert status == 200 and int(headers["Content-Length"]) == len(raw), path
        assert raw != normal, path
        # (A huge page's 3 MB of comments come after the article: no need to read them.)
        text = content_lines(raw.split(b'id="BinhLuan"', 1)[0])
        for line in record["body"].split("\n"):
            assert line in text, (path, line)
        served = server.requests.snapshot()[-1]["fault"]
        assert served == plan.fault_for("GET", path, site=SITE), path
        if served == "no_end_tags":
            assert b"</body>" not in raw and b"</html>" not in raw, path
            assert b"</body>" in normal and b"</html>" in normal
        elif served == "deep_nesting":
            assert raw.count(b"<div") - normal.count(b"<div") >= NESTING_DEPTH
            assert raw.count(b"</div>") - normal.count(b"</div>") == NESTING_DEPTH
            assert "<div>" * NESTING_DEPTH in raw.decode(), path
            # the nesting is inside the body, after its first paragraph
            inside = raw.decode().split('class="ArticleContent', 1)[1]
            assert inside.index("</p>") < inside.index("<div>" * 100)
        elif served == "unclosed_inline":
            assert raw.count(b"</p>") == normal.count(b"</p>") - 1, path
            assert raw.count(b"<span") == normal.count(b"<span") + 1, path
            assert raw.count(b"</span>") == normal.count(b"</span>"), path
            # the caption stays out of the body lines
            caption = next(i["caption"] for i in record["images"] if i["caption"])
            assert caption not in record["body"] and caption in text
        elif served == "charset_lie":
            assert headers["Content-Type"] == "text/html; charset=windows-1258"
            assert not re.search(rb"<meta[^>]*charset", raw, re.I), path
            assert raw.decode("utf-8")  # the bytes are UTF-8 all the same
        elif served == "huge_page":
            assert len(raw) >= plan.huge_page_bytes > len(normal) * 10
            assert len(raw) < plan.huge_page_bytes + 10_000
            # the article itself is untouched; the padding comes after it
            start = normal.index(b'class="ArticleContent')
            end = normal.index(b"</div>", start)
            assert normal[start:end] in raw
            assert raw.index(b"BinhLuan") > raw.index(normal[start:end])
    assert {e["fault"] for e in server.requests.snapshot()} <= {kind, "no_end_tags"}


def test_listings_take_page_faults_too(server):
    listing = SITE.listing_paths()[0]
    normal = normal_page(server, listing)
    faulted(server, FaultPlan(assign={listing: "huge_page"}))
    status, _, raw = request(server, listing)
    assert status == 200 and len(raw) >= server.faults.huge_page_bytes
    assert normal.split(b"</ul>", 1)[0] in raw  # the article list itself is untouched


def test_a_fault_that_cannot_apply_answers_500_saying_so(server):
    listing = SITE.listing_paths()[0]
    faulted(server, FaultPlan(assign={listing: "deep_nesting"}))
    status, _, body = request(server, listing)
    assert status == 500 and b"deep_nesting" in body


def test_stale_pagination_answers_page_one(server):
    slug = SITE.categories[0].slug
    cat = SITE.category(slug)
    faulted(server, FaultPlan(assign={pagination_key(cat.id, 2): "stale_pagination"}))
    first = post_page(server, slug, 1)
    second = post_page(server, slug, 2)
    third = post_page(server, slug, 3)
    assert first[0] == second[0] == third[0] == 200
    assert second[2] == first[2] and third[2] != first[2]
    faults = [e["fault"] for e in server.requests.snapshot()]
    assert faults == [None, "stale_pagination", None]
    # a whole-endpoint assignment by the bare path
    faulted(server, FaultPlan(assign={LOAD_ARTICLE_PATH: "http_503"}))
    assert post_page(server, slug, 1)[0] == 503
    # drawn: only ever on page 2 and later
    plan = FaultPlan(seed=5, rate=1.0, kinds=("stale_pagination",))
    faulted(server, plan)
    assert post_page(server, slug, 1)[2] == first[2]
    assert post_page(server, slug, 3)[2] == first[2]
    assert [e["fault"] for e in server.requests.snapshot()] == [None, "stale_pagination"]


# --- whole-site faults, switching off --------------------------------------------------


def test_robots_503():
    with ReplicaServer(SITE, faults=FaultPlan(site_faults=("robots_503",))) as srv:
        status, headers, body = request(srv, "/robots.txt")
        assert status == 503 and "text/html" in headers["Content-Type"] and b"<html" in body
        assert request(srv, "/")[0] == 200
        assert request(srv, SITE.article_paths()[0])[0] == 200
        assert srv.requests.snapshot()[0]["fault"] == "robots_503"


def test_all_500_and_all_reset():
    with ReplicaServer(SITE, faults=FaultPlan(site_faults=("all_500",))) as srv:
        for path in ["/", "/robots.txt", SITE.article_paths()[0], "/lien-he"]:
            assert request(srv, path)[0] == 500, path
        assert post_page(srv, SITE.categories[0].slug, 2)[0] == 500
        assert {e["fault"] for e in srv.requests.snapshot()} == {"all_500"}
        srv.faults = FaultPlan(site_faults=("all_reset",))
        for path in ["/", "/robots.txt"]:
            try:
                got = raw_exchange(srv, path)
            except ConnectionResetError:
                got = b""
            assert got == b"", path
        assert srv.requests.snapshot()[-1]["fault"] == "all_reset"


def test_faults_none_restores_normal_pages():
    plan = FaultPlan(seed=7, rate=1.0)
    with ReplicaServer(SITE, conditional=False, faults=plan) as srv:
        path = next(
            p for p in SITE.article_paths() if plan.fault_for("GET", p, site=SITE) == "http_500"
        )
        assert request(srv, path)[0] == 500
        srv.faults = None
        status, _, body = request(srv, path)
        assert status == 200
        assert body == normal_page(srv, path)  # the very bytes of a healthy site
        assert srv.requests.snapshot()[-1]["fault"] is None
    assert ReplicaServer(SITE).faults is None


def test_content_fault_pages_carry_their_own_etag():
    path = next(p for p in article_paths_by(lambda a: a.text == "nfc"))
    with ReplicaServer(SITE) as srv:
        etag = request(srv, path)[1]["ETag"]
        srv.faults = FaultPlan(assign={path: "no_end_tags"})
        status, headers, _ = request(srv, path, headers={"If-None-Match": etag})
        assert status == 200 and headers["ETag"] != etag  # the fault is not hidden by a 304
        assert request(srv, path, headers={"If-None-Match": headers["ETag"]})[0] == 304
        srv.faults = FaultPlan(assign={path: "http_500"})
        assert request(srv, path, headers={"If-None-Match": etag})[0] == 500


# --- hostile text --------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile():
    site = build_site(hostile=True)
    with ReplicaServer(site) as srv:
        records = {r["article_id"]: r for r in site.expected_records(srv.url)}
        pages = {i: request(srv, site.article_path(site.articles[i])) for i in HOSTILE_KINDS}
        listing = request(srv, "/" + site.articles["880001"].category)[2]
        yield site, records, pages, listing


def test_hostile_articles_are_added_first_in_their_listing(hostile):
    site, records, pages, listing = hostile
    assert not set(HOSTILE_KINDS) & set(SITE.articles)
    assert set(site.articles) == set(SITE.articles) | set(HOSTILE_KINDS)
    assert set(HOSTILE_KINDS) <= set(records)
    cat = site.articles["880001"].category
    assert cat in SITE.listing_paths()[0]
    assert {a.id for a in site.listing(cat)[:4]} == set(HOSTILE_KINDS)
    assert all(re.fullmatch(r"\d{6}", i) for i in HOSTILE_KINDS)
    assert {f"hostile:{k}" for k in HOSTILE_KINDS.values()} <= set(site.variants())
    assert not any(v.startswith("hostile:") for v in SITE.variants())
    for status, _, _ in pages.values():
        assert status == 200
    assert listing.count(b'<li class="row">') == site.page_size
    # the other articles' records do not change
    base = "http://127.0.0.1:9"
    plain = {r["article_id"]: r for r in SITE.expected_records(base)}
    with_hostile = {r["article_id"]: r for r in site.expected_records(base)}
    changed = [i for i in plain if plain[i] != with_hostile[i]]
    assert not changed


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def test_hostile_records_follow_the_rule(hostile):
    _, records, _, _ = hostile
    for r in records.values():
        for key in ("title", "summary", "body"):
            assert not CONTROLS.search(r[key]), (r["article_id"], key)
    sql = records["880001"]
    assert "'; DROP TABLE articles; --" in sql["title"]
    assert '<script>alert("x")</script>' in sql["title"]
    assert "'; DROP TABLE articles; --" in sql["body"]
    assert 'Đoạn mã <script>alert("x")</script> được đăng' in sql["body"]
    assert "Lịch tiếp công dân được niêm yết tại trụ sở." in sql["body"].split("\n")
    assert "quangCao" not in sql["body"]
    controls = records["880002"]["body"].split("\n")
    assert controls[0] == "Văn bản gốc có ký tự rỗng ở giữa câu và ký tự chuông ngay sau đó."
    assert "được tiếp nhận" in controls[1]
    assert controls[2] == "Ký tự thay thế \ufffd xuất hiện khi văn bản bị mã hóa sai."
    assert records["880003"]["title"] == (
        "Cảnh báo tin giả về chương trình hỗ trợ vay vốn trên mạng xã hội"
    )
    (long_line,) = [x for x in records["880004"]["body"].split("\n") if len(x) > 1000]
    assert len(long_line) >= LONG_PARAGRAPH_CHARS


def test_hostile_text_reaches_the_page_as_written(hostile):
    site, _, pages, listing = hostile
    sql = pages["880001"][2].decode()
    content = sql.split('class="ArticleContent', 1)[1].split("</div>", 1)[0]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content
    assert re.search(r"<p[^>]*>Lịch tiếp công dân <script>var quangCao", content)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in sql.split("<h1", 1)[1]
    assert "<script>alert" not in sql  # as an element only where meant
    assert "'; DROP TABLE articles; --" in sql
    raw = pages["880002"][2]
    assert b"&#0;" in raw and b"&#7;" in raw and b"&#xD800;" in raw
    assert b"\x00" in raw and b"\x07" in raw and b"\x1b" in raw
    bidi = pages["880003"][2].decode("utf-8")
    for ch in "\u202e\u2066\u2067\u2068\u2069":
        assert ch in bidi.split("<h2", 1)[1].split("</h2>", 1)[0]
    assert "\u202e" in listing.decode()
    long_page = pages["880004"][2].decode()
    longest = max(re.findall(r"<p[^>]*>([^<]*)</p>", long_page), key=len)
    assert len(longest) >= LONG_PARAGRAPH_CHARS
    assert build_site(hostile=True, layout="moved").articles["880004"].layout == "moved"


def test_hostile_pages_survive_faults(hostile):
    site, records, _, _ = hostile
    path = site.article_path(site.articles["880001"])
    with ReplicaServer(site, faults=FaultPlan(assign={path: "deep_nesting"})) as srv:
        status, _, raw = request(srv, path)
        assert status == 200
        text = content_lines(raw)
        assert "Lịch tiếp công dân" in text and "được niêm yết tại trụ sở." in text
