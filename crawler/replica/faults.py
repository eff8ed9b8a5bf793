"""A deterministic fault mode for the replica: which request fails, and how.

Owns the fault kinds, `FaultPlan` (which requests a run breaks, drawn from a seed so two
runs with the same plan break the same URLs the same way) and everything a fault puts on
the wire that is not plain socket work: the error and redirect pages, and the content
faults, which are the real rendered page reshaped (string surgery on render.py's output)
so that its correct record is still exactly `site.expected_record(...)`. The socket-level
faults (a reset, a hang, a body cut short) are carried out by the handler in server.py.

    plan = FaultPlan(seed=7, rate=0.3, kinds=FAULTS)
    with ReplicaServer(site, faults=plan) as server:
        ...crawl server.url: some pages fail, the same way on every retry...
        server.faults = None          # the next crawl sees the healthy site
        ...crawl again, check nothing was lost...

What a fault can hit (`request_kind`):
- "article": a GET of an article page (`site.article_paths()`, any query string);
- "listing": a GET of a category listing (`site.listing_paths()`);
- "pagination": the LoadArticle POST (`render.LOAD_ARTICLE_PATH`). All its requests share
  one path, so for it the fault is drawn per category and page: the key is
  `pagination_key(article_category_id, page)` (the bare path when the body is not a form).
Nothing else is ever hit per URL: not the home page, not robots.txt, not static pages,
not a 404, not a HEAD, and not a request whose Host is another name than 127.0.0.1 (the
"other site" a `redirect_offsite` points at answers normally, so a test can see from the
log whether a crawler followed it). `site_faults` break the whole site instead.

Kinds that only make sense for some requests are only drawn for those (`APPLIES_TO`):
`redirect_home`, `deep_nesting` and `unclosed_inline` for articles, `stale_pagination` for
the POST of page 2 and later, the other redirects, `no_end_tags` and `huge_page` for GET
pages (articles and listings); the rest (errors, reset, timeout, truncations, oversize,
`charset_lie`) for all three.
`unclosed_inline` needs an image with a caption after a paragraph (that is where it leaves
a `</p>` out); on an article without one, `fault_for` (given the site) and the server
fall back to `no_end_tags`, and the log names the fault actually served.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from .render import LOAD_ARTICLE_PATH, STATIC_PAGES
from .response import Response
from .site import Site
from .source import DISALLOWED_PREFIXES, ArticleSource
from .textutil import attr, encode_text

# --- the kinds ------------------------------------------------------------------------

# Transport faults: the answer itself is broken (or missing).
HTTP_500 = "http_500"  # a short HTML error page
HTTP_503 = "http_503"  # the same, with Retry-After: 1
RESET = "reset"  # the connection is reset (TCP RST), no answer
TIMEOUT = "timeout"  # nothing for plan.hang_seconds, then the connection closes
TRUNCATED_LENGTH = "truncated_length"  # the full Content-Length, half the body
TRUNCATED_CHUNKED = "truncated_chunked"  # chunked, half the body, no final 0-chunk
# No Content-Length, half the body, then the close: HTTP/1.0's own way to end a body, so
# nothing on the wire says it was cut.
TRUNCATED_CLOSE = "truncated_close"
OVERSIZE = "oversize"  # a 200 page padded to plan.oversize_bytes
REDIRECT_LOOP = "redirect_loop"  # 302 to ?loop=1, which 302s back
REDIRECT_HOME = "redirect_home"  # 302 to / (how the portal answers a withdrawn article)
REDIRECT_OFFSITE = "redirect_offsite"  # 302 to the same path on http://localhost:port

# Content faults: a complete, correct page that is harder to read.
NO_END_TAGS = "no_end_tags"  # no </body>, no </html>
DEEP_NESTING = "deep_nesting"  # the body after its first paragraph inside 10,000 divs
UNCLOSED_INLINE = "unclosed_inline"  # an unclosed <span>, a </p> missing before an image
CHARSET_LIE = "charset_lie"  # UTF-8 sent as windows-1258, the <meta> charset removed
HUGE_PAGE = "huge_page"  # a ~3 MB comment block after the article
STALE_PAGINATION = "stale_pagination"  # LoadArticle page >= 2 answers page 1's items

TRANSPORT_FAULTS = (
    HTTP_500,
    HTTP_503,
    RESET,
    TIMEOUT,
    TRUNCATED_LENGTH,
    TRUNCATED_CHUNKED,
    TRUNCATED_CLOSE,
    OVERSIZE,
    REDIRECT_LOOP,
    REDIRECT_HOME,
    REDIRECT_OFFSITE,
)
CONTENT_FAULTS = (
    NO_END_TAGS,
    DEEP_NESTING,
    UNCLOSED_INLINE,
    CHARSET_LIE,
    HUGE_PAGE,
    STALE_PAGINATION,
)
FAULTS = TRANSPORT_FAULTS + CONTENT_FAULTS  # every per-URL kind

# Whole-site faults (FaultPlan.site_faults), checked before any per-URL fault.
ROBOTS_503 = "robots_503"  # robots.txt answers 503 with an HTML body
ALL_500 = "all_500"  # every request, home and robots.txt included, answers 500
ALL_RESET = "all_reset"  # every connection is reset
SITE_FAULTS = (ROBOTS_503, ALL_500, ALL_RESET)

REDIRECTS = (REDIRECT_LOOP, REDIRECT_HOME, REDIRECT_OFFSITE)

# Request kinds (see request_kind); "pagination_later" is the POST of page 2 or later.
ARTICLE = "article"
LISTING = "listing"
PAGINATION = "pagination"
PAGINATION_LATER = "pagination_later"
_EVERY = frozenset({ARTICLE, LISTING, PAGINATION})
_PAGES = frozenset({ARTICLE, LISTING})
APPLIES_TO: dict[str, frozenset[str]] = {
    HTTP_500: _EVERY,
    HTTP_503: _EVERY,
    RESET: _EVERY,
    TIMEOUT: _EVERY,
    TRUNCATED_LENGTH: _EVERY,
    TRUNCATED_CHUNKED: _EVERY,
    TRUNCATED_CLOSE: _PAGES,
    OVERSIZE: _EVERY,
    # A redirected POST turns into a GET in every client; it would test nothing.
    REDIRECT_LOOP: _PAGES,
    REDIRECT_HOME: frozenset({ARTICLE}),
    REDIRECT_OFFSITE: _PAGES,
    NO_END_TAGS: _PAGES,  # the LoadArticle fragment has no </body> to leave out
    DEEP_NESTING: frozenset({ARTICLE}),
    UNCLOSED_INLINE: frozenset({ARTICLE}),
    CHARSET_LIE: _EVERY,
    HUGE_PAGE: _PAGES,
    STALE_PAGINATION: frozenset({PAGINATION_LATER}),
}

NESTING_DEPTH = 10_000  # far past libxml2's default limit of 256
DEFAULT_HANG_SECONDS = 5.0
DEFAULT_OVERSIZE_BYTES = 25 * 1024 * 1024  # above the crawler's 20 MB DOWNLOAD_MAXSIZE
DEFAULT_HUGE_PAGE_BYTES = 3 * 1024 * 1024
LIED_CHARSET = "windows-1258"  # Vietnamese, and wrong for UTF-8 bytes

_ARTICLE_SHAPE = re.compile(r"/[^/]+/[^/]+-\d{6}")
_LISTING_SHAPE = re.compile(r"/[^/]+")


def pagination_key(category_id: int | str, page: int | str) -> str:
    """The key a LoadArticle POST is drawn (and `assign`ed) by: its category and page."""
    return f"{LOAD_ARTICLE_PATH}?article_category_id={category_id}&page={page}"


def _path_of(target: str) -> str:
    return target.split("?", 1)[0].split("#", 1)[0]


def request_kind(method: str, target: str, site: Site | None = None) -> str | None:
    """What a request is to the fault mode: "article", "listing", "pagination", or None
    (never faulted per URL).

    With `site`, exact: a path the site has an article or listing at. Without it, by the
    shape of the path (`/category/slug-123456`, `/category`), for plans used on their own.
    """
    path = _path_of(target)
    if method == "POST":
        return PAGINATION if path == LOAD_ARTICLE_PATH else None
    if method != "GET" or path in STATIC_PAGES or path == "/robots.txt":
        return None
    if site is not None:
        if site.article_at(path) is not None:
            return ARTICLE
        if path in site.listing_paths():
            return LISTING
        return None
    if any(path.startswith(p) for p in DISALLOWED_PREFIXES):
        return None
    if _ARTICLE_SHAPE.fullmatch(path):
        return ARTICLE
    if _LISTING_SHAPE.fullmatch(path):
        return LISTING
    return None


def _page_of(form: Mapping[str, str] | None) -> int | None:
    try:
        return int((form or {}).get("page", ""))
    except ValueError:
        return None


def unclosed_inline_image(article: ArticleSource) -> int | None:
    """The image `unclosed_inline` works on: the first with a caption after a paragraph."""
    for n, img in enumerate(article.images):
        if img.caption and img.after >= 1:
            return n
    return None


@dataclass
class FaultPlan:
    """Which requests of a run fail, and how; deterministic from `seed`.

    - `rate`: the share of faultable requests (see the module docstring) that get a
      fault, drawn per URL; default 0, so a plan with only `assign` breaks only those.
    - `kinds`: the per-URL kinds drawn from (a request draws among those that apply).
    - `assign`: `{path or pagination_key: kind or None}`, overriding the draw (None: never
      faulted). The kind must apply to the request (else the request answers 500 saying
      so); it need not be in `kinds`.
    - `site_faults`: whole-site faults, from SITE_FAULTS.
    - `hang_seconds` (timeout), `oversize_bytes`, `huge_page_bytes`: settable any time.
    """

    seed: int | str = 0
    rate: float = 0.0
    kinds: Iterable[str] = FAULTS
    assign: Mapping[str, str | None] = field(default_factory=dict)
    site_faults: Iterable[str] = ()
    hang_seconds: float = DEFAULT_HANG_SECONDS
    oversize_bytes: int = DEFAULT_OVERSIZE_BYTES
    huge_page_bytes: int = DEFAULT_HUGE_PAGE_BYTES

    def __post_init__(self) -> None:
        self.kinds = tuple(self.kinds)
        self.site_faults = tuple(self.site_faults)
        self.assign = dict(self.assign)
        unknown = [k for k in self.kinds if k not in FAULTS]
        if unknown:
            hint = (
                " (whole-site faults go in site_faults)" if set(unknown) & set(SITE_FAULTS) else ""
            )
            raise ValueError(f"unknown fault kinds {unknown}{hint}")
        bad_site = [k for k in self.site_faults if k not in SITE_FAULTS]
        if bad_site:
            raise ValueError(f"unknown site faults {bad_site}; known: {list(SITE_FAULTS)}")
        for key, kind in self.assign.items():
            if kind is not None and kind not in FAULTS:
                raise ValueError(f"assign[{key!r}]: unknown fault kind {kind!r}")
            if _path_of(key) in ("/", "/robots.txt"):
                raise ValueError(
                    f"assign[{key!r}]: the home page and robots.txt are only "
                    "broken through site_faults"
                )
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")

    # --- choosing ---------------------------------------------------------------------
    def site_fault_for(self, method: str, target: str) -> str | None:
        """The whole-site fault this request gets, if any (all_reset before all_500)."""
        for kind in (ALL_RESET, ALL_500):
            if kind in self.site_faults:
                return kind
        if ROBOTS_503 in self.site_faults and _path_of(target) == "/robots.txt":
            return ROBOTS_503
        return None

    def key_for(self, method: str, target: str, form: Mapping[str, str] | None = None) -> str:
        """What the draw hashes besides seed and method: the path, or the POST's page."""
        path = _path_of(target)
        if method == "POST" and path == LOAD_ARTICLE_PATH and form is not None:
            return pagination_key(form.get("article_category_id", ""), form.get("page", ""))
        return path

    def fault_for(
        self,
        method: str,
        target: str,
        *,
        form: Mapping[str, str] | None = None,
        site: Site | None = None,
    ) -> str | None:
        """The per-URL fault of one request, or None; the same for every retry.

        sha256(seed, method, key) decides: its first 8 bytes whether the request is hit
        (with probability `rate`), the next 8 which of the applicable `kinds` it gets.
        `form` is the POST's fields (its category and page choose the key); `site` makes
        the request kind exact and lets `unclosed_inline` fall back to `no_end_tags`.
        """
        kind_of_request = request_kind(method, target, site)
        if kind_of_request is None:
            return None
        page = _page_of(form)
        targets = {kind_of_request}
        if kind_of_request == PAGINATION and page is not None and page >= 2:
            targets.add(PAGINATION_LATER)
        key = self.key_for(method, target, form)
        path = _path_of(target)
        if key in self.assign or path in self.assign:
            kind = self.assign[key] if key in self.assign else self.assign[path]
            if kind is not None and not APPLIES_TO[kind] & targets:
                raise ValueError(f"assign: {kind!r} cannot hit {method} {key}")
        else:
            digest = hashlib.sha256(f"{self.seed}\x00{method}\x00{key}".encode()).digest()
            if int.from_bytes(digest[:8], "big") / 2**64 >= self.rate:
                return None
            candidates = [k for k in self.kinds if APPLIES_TO[k] & targets]
            if not candidates:
                return None
            kind = candidates[int.from_bytes(digest[8:16], "big") % len(candidates)]
        if kind == UNCLOSED_INLINE and site is not None:
            article = site.article_at(path)
            if article is None or unclosed_inline_image(article) is None:
                kind = NO_END_TAGS  # nowhere to leave the </p> out (see module docstring)
        return kind

    def assignments(self, site: Site) -> dict[str, str]:
        """Every key of `site` this plan breaks -> its kind: article and listing paths,
        and pagination keys for pages 1 to max_page of each category."""
        out: dict[str, str] = {}
        for path in [*site.article_paths(), *site.listing_paths()]:
            kind = self.fault_for("GET", path, site=site)
            if kind is not None:
                out[path] = kind
        for cat in site.categories:
            for page in range(1, site.max_page(cat.slug) + 1):
                form = {"article_category_id": str(cat.id), "page": str(page)}
                kind = self.fault_for("POST", LOAD_ARTICLE_PATH, form=form, site=site)
                if kind is not None:
                    out[pagination_key(cat.id, page)] = kind
        return out


# --- what the faults send ---------------------------------------------------------------

_ERROR_PAGES = {
    # IIS's own error pages, shortened: what the portal's front end sends when ASP.NET
    # behind it fails or the application pool is recycling.
    500: (
        "<!DOCTYPE html>\n<html><head><title>500 - Internal server error.</title></head>\n"
        '<body><div id="header"><h1>Server Error</h1></div>\n<div id="content">'
        "<h2>500 - Internal server error.</h2>\n<h3>There is a problem with the resource "
        "you are looking for, and it cannot be displayed.</h3></div></body></html>\n"
    ),
    503: (
        "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head>\n"
        "<body><h2>Service Unavailable</h2>\n<hr><p>HTTP Error 503. The service is "
        "unavailable.</p></body></html>\n"
    ),
}


def error_response(status: int, *, retry_after: bool = False) -> Response:
    headers = {"Retry-After": "1"} if retry_after else {}
    return Response(status, _ERROR_PAGES[status].encode("ascii"), headers=headers)


def redirect_location(kind: str, target: str, port: int) -> str:
    """Where a redirect fault sends `target` (the request's path and query)."""
    path = _path_of(target)
    if kind == REDIRECT_HOME:
        return "/"
    if kind == REDIRECT_OFFSITE:
        # Still loopback, but another host name: a different site to a crawler.
        return f"http://localhost:{port}{target}"
    if kind == REDIRECT_LOOP:
        query = parse_qs(target.split("?", 1)[1]) if "?" in target else {}
        return path if query.get("loop") == ["1"] else path + "?loop=1"
    raise ValueError(kind)


def redirect_response(kind: str, target: str, port: int) -> Response:
    location = redirect_location(kind, target, port)
    # ASP.NET's Response.Redirect body.
    body = (
        "<html><head><title>Object moved</title></head><body>\n"
        f'<h2>Object moved to <a href="{attr(location)}">here</a>.</h2>\n</body></html>\n'
    )
    return Response(302, body.encode("utf-8"), headers={"Location": location})


def oversize_body(body: bytes, size: int) -> bytes:
    """`body` padded with an HTML comment after its end to at least `size` bytes."""
    head, tail = b"\n<!-- ", b" -->\n"
    missing = size - len(body) - len(head) - len(tail)
    if missing <= 0:
        return body
    return body + head + b"x" * missing + tail


# --- content faults ---------------------------------------------------------------------

_CONTENT_OPEN = re.compile(r'<div class="ArticleContent[^"]*"[^>]*>')
_P_OPEN = re.compile(r"<p[\s>]")
_FIGURE_OPEN = re.compile(r"<figure[\s>]")
_META_CHARSET = re.compile(
    r"[ \t]*<meta\s+(?:charset=[^>]*|http-equiv=[\"']?content-type[\"']?[^>]*)>(?:\r?\n)?",
    re.IGNORECASE,
)


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    last = -1
    for m in pattern.finditer(text, start, end):
        last = m.start()
    return last


def _content_span(page: str) -> tuple[int, int]:
    """Start and end of div.ArticleContent's inside. The editor's content has no <div> of
    its own (article.article_content), so the first </div> after it closes it."""
    m = _CONTENT_OPEN.search(page)
    if m is None:
        raise ValueError("no div.ArticleContent on the page")
    end = page.find("</div>", m.end())
    return m.end(), end


def no_end_tags(page: str) -> str:
    """Both end tags are optional in HTML: a parser must not need them."""
    for tag in ("</html>", "</body>"):
        at = page.rfind(tag)
        if at >= 0:
            page = page[:at] + page[at + len(tag) :]
    return page


def deep_nesting(page: str, depth: int = NESTING_DEPTH) -> str:
    """Everything in the body after its first paragraph, inside `depth` nested divs."""
    start, end = _content_span(page)
    first = page.find("</p>", start, end)
    cut = first + len("</p>") if first >= 0 else start
    return page[:cut] + "<div>" * depth + page[cut:end] + "</div>" * depth + page[end:]


def unclosed_inline(page: str, site: Site, article: ArticleSource) -> str:
    """An unclosed <span> opened in the paragraph before a captioned image, and that
    paragraph's </p> left out. HTML's parsing closes both where the image's <figure> (or
    <p>) starts, so the paragraph's text, and the caption's being outside it, stand."""
    n = unclosed_inline_image(article)
    if n is None:
        raise ValueError(f"article {article.id} has no captioned image after a paragraph")
    start, end = _content_span(page)
    src_at = page.find(f'src="{attr(site.image_src(article, n))}"', start, end)
    if src_at < 0:
        raise ValueError(f"article {article.id}: image {n} not found in its body")
    block = max(
        _last_match(_FIGURE_OPEN, page, start, src_at), _last_match(_P_OPEN, page, start, src_at)
    )
    before = page[start:block].rstrip()
    if not before.endswith("</p>"):
        raise ValueError(f"article {article.id}: no paragraph right before image {n}")
    close_at = start + len(before) - len("</p>")
    p_open = _last_match(_P_OPEN, page, start, close_at)
    inside = page.index(">", p_open) + 1
    return (
        page[:inside]
        + '<span style="font-family: Arial, sans-serif;">'
        + page[inside:close_at]
        + page[close_at + len("</p>") :]
    )


def charset_lie(response: Response, page: str) -> Response:
    """The page's own charset declarations removed; the header alone names one, wrongly."""
    body = _META_CHARSET.sub("", page).encode("utf-8")
    return Response(
        response.status,
        body,
        f"text/html; charset={LIED_CHARSET}",
        dict(response.headers),
        response.last_modified,
    )


_COMMENT_NAMES = ("Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Đức", "Phạm Thu Hà", "Hồ Sỹ Nam")
_COMMENT_TEXTS = (
    "Bài viết rất hay, cảm ơn Ban biên tập đã cung cấp thông tin kịp thời cho bà con.",
    "Mong các cấp chính quyền tiếp tục quan tâm hơn nữa đến đời sống người dân vùng sâu.",
    "Đề nghị công khai tiến độ và kinh phí thực hiện để nhân dân cùng giám sát.",
    "Địa phương tôi cũng đang triển khai, mong có thêm hướng dẫn cụ thể về thủ tục.",
)


def huge_page(page: str, size: int, mode: str | None = None) -> str:
    """A readers' comment block after the article, before </body>, until the page has
    about `size` bytes. Written in the page's text mode and line ends, as the portal's
    comment module would."""
    nl = "\r\n" if "\r\n" in page else "\n"
    need = size - len(page.encode("utf-8"))
    parts = [
        f'<div class="box box-comments" id="BinhLuan">{nl}<div class="box-title"><span>Bình luận</span></div>'
    ]
    have, n = 0, 0
    while have < need:
        item = encode_text(
            f'<div class="comment-item"><div class="comment-author">{_COMMENT_NAMES[n % 5]}'
            f'</div><p class="comment-text">{_COMMENT_TEXTS[n % 4]} (ý kiến số {n + 1})</p></div>',
            mode,
        )
        parts.append(item)
        have += len(item.encode("utf-8")) + len(nl)
        n += 1
    parts.append("</div>")
    block = nl.join(parts) + nl
    at = page.rfind("</body>")
    at = len(page) if at < 0 else at
    return page[:at] + block + page[at:]


def stale_pagination(
    site: Site, target: str, form: Mapping[str, str], headers: dict[str, str], base: str
) -> Response:
    """Page 1's answer, as a stale cache in front of LoadArticle gives for any page."""
    body = urlencode({**form, "page": "1"}).encode("utf-8")
    return site.respond("POST", target, body, headers, base)


def apply_content_fault(
    kind: str,
    response: Response,
    *,
    site: Site,
    target: str,
    form: Mapping[str, str] | None,
    headers: dict[str, str],
    base: str,
    plan: FaultPlan,
) -> Response:
    """The faulted form of a page the site answered 200 (other answers pass unchanged)."""
    if response.status != 200:
        return response
    if kind == STALE_PAGINATION:
        if form is None:
            return response
        return stale_pagination(site, target, form, headers, base)
    page = response.body.decode("utf-8")  # every replica page is UTF-8
    if kind == CHARSET_LIE:
        return charset_lie(response, page)
    article = site.article_at(_path_of(target))
    if kind == NO_END_TAGS:
        page = no_end_tags(page)
    elif kind == DEEP_NESTING:
        page = deep_nesting(page)
    elif kind == UNCLOSED_INLINE:
        if article is None:
            raise ValueError(f"{kind} needs an article page")
        page = unclosed_inline(page, site, article)
    elif kind == HUGE_PAGE:
        mode = article.text if article is not None and article.text in ("nfd", "entities") else None
        page = huge_page(page, plan.huge_page_bytes, mode)
    else:
        raise ValueError(f"not a content fault: {kind!r}")
    return Response(
        response.status,
        page.encode("utf-8"),
        response.content_type,
        dict(response.headers),
        response.last_modified,
    )
