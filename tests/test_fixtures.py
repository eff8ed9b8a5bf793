"""Stored pages against the records they must yield: one parametrized test runs them all.

Each ``tests/fixtures/NAME.html`` is a stored page (bytes exactly as served) and
``NAME.json`` holds the URL it was fetched from, the fetch time and the expected record,
or ``"expected": null`` for a page that is not an article. The expected values were
written by hand from the page text, never produced by a parser. A failing fixture lists
every field that differs (``field: expected ... vs got ...``), so a layout change shows up
field by field instead of as one opaque diff.

The first group of tests checks the fixtures themselves and needs no parser.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from crawler.kernel.record import RECORD_KEYS
from tests.seed import SEED_RELATED_TITLES

FIXTURES = Path(__file__).parent / "fixtures"
SPECS = sorted(FIXTURES.glob("*.json"))
ARTICLE_SPECS = [p for p in SPECS if json.loads(p.read_text(encoding="utf-8"))["expected"]]

# The record keys a fixture pins down; body_html, fetched_at and parser are checked apart.
EXPECTED_KEYS = tuple(k for k in RECORD_KEYS if k not in ("body_html", "fetched_at", "parser"))

SEED = FIXTURES / "seed-article.json"


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def load(spec_path: Path) -> tuple[dict[str, Any], bytes]:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    html = spec_path.with_suffix(".html").read_bytes()
    return spec, html


def parse(html: bytes | str, spec: dict[str, Any]):
    # Imported here so the fixture checks above the parser tests run on their own.
    from crawler.parsers import parse_article

    return parse_article(html, spec["url"], fetched_at=spec["fetched_at"])


def body_lines(body: str | None) -> list[str]:
    """Body as a list of paragraphs, whitespace-normalised, blank lines dropped."""
    if body is None:
        return []
    return [" ".join(line.split()) for line in body.split("\n") if line.strip()]


def strings_in(value: Any):
    """Every string inside a record value (nested lists and dicts included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings_in(v)


def declared_charset(html: bytes) -> str:
    head = html[:4096].decode("ascii", errors="replace")
    m = re.search(r"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", head, re.IGNORECASE)
    return m.group(1).lower() if m else "utf-8"


# --------------------------------------------------------------------------------------
# The fixtures themselves (no parser needed)
# --------------------------------------------------------------------------------------


def test_fixture_files_come_in_pairs():
    pages = {p.stem for p in FIXTURES.glob("*.html")}
    specs = {p.stem for p in SPECS}
    assert pages == specs, f"html without json: {pages - specs}; json without html: {specs - pages}"
    assert len(ARTICLE_SPECS) >= 10 and len(SPECS) > len(ARTICLE_SPECS)


@pytest.mark.parametrize("spec_path", SPECS, ids=_ids(SPECS))
def test_fixture_spec_is_well_formed(spec_path: Path):
    spec, html = load(spec_path)
    assert set(spec) == {"url", "fetched_at", "expected"}
    assert spec["fetched_at"] == "2026-01-01T00:00:00+00:00"
    assert urlsplit(spec["url"]).scheme == "https"
    # The page decodes with the charset it declares (windows-1258 pages included).
    html.decode(declared_charset(html))
    expected = spec["expected"]
    if expected is None:
        return
    assert set(expected) == set(EXPECTED_KEYS)
    assert isinstance(expected["title"], str) and expected["title"]
    assert isinstance(expected["body"], str) and expected["body"]
    assert isinstance(expected["tags"], list)
    for item in expected["related"]:
        assert set(item) == {"url", "title"}
    # A parser never knows a file's sha256, type or size: only the archive does.
    files = {"sha256": None, "content_type": None, "bytes": None}
    for item in expected["images"]:
        assert set(item) == {"url", "caption", *files}
        assert {k: item[k] for k in files} == files
    for item in expected["attachments"]:
        assert set(item) == {"url", "name", *files}
        assert {k: item[k] for k in files} == files
    assert isinstance(expected["cites"], list)


@pytest.mark.parametrize("spec_path", ARTICLE_SPECS, ids=_ids(ARTICLE_SPECS))
def test_fixture_expected_text_is_normalised(spec_path: Path):
    expected = load(spec_path)[0]["expected"]
    for s in strings_in(expected):
        assert unicodedata.is_normalized("NFC", s), f"not NFC: {s!r}"
        assert not re.search(r"[\u00a0\u200b\ufeff\t\r]", s), f"stray space character: {s!r}"
        for line in s.split("\n"):
            assert line == " ".join(line.split()), f"whitespace not collapsed: {line!r}"
            assert line, f"empty line in {s!r}"
        assert not re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", s, re.IGNORECASE), (
            f"undecoded entity: {s!r}"
        )


@pytest.mark.parametrize("spec_path", ARTICLE_SPECS, ids=_ids(ARTICLE_SPECS))
def test_fixture_expected_text_is_on_the_page(spec_path: Path):
    """Guards the hand-written JSON against typos: each expected text occurs on the page."""
    import lxml.html

    spec, html = load(spec_path)
    expected = spec["expected"]
    page = lxml.html.fromstring(html).text_content()
    page = " ".join(unicodedata.normalize("NFC", page).split())
    texts = [expected["title"], expected["summary"], expected["author"], *expected["tags"]]
    texts += body_lines(expected["body"])
    texts += [x["title"] for x in expected["related"]]
    texts += [x["caption"] for x in expected["images"]]
    texts += [x["name"] for x in expected["attachments"]]
    for text in filter(None, texts):
        assert text in page, f"not on the page: {text!r}"


@pytest.mark.parametrize("spec_path", ARTICLE_SPECS, ids=_ids(ARTICLE_SPECS))
def test_fixture_expected_urls_are_canonical(spec_path: Path):
    spec, html = load(spec_path)
    expected = spec["expected"]
    parts = urlsplit(expected["url"])
    assert expected["site"] == parts.netloc
    if spec_path.name.startswith("fallback-"):
        # No module's URL rule: the canonical URL is the identity, never a number that
        # happens to end the slug ("/tin/ky-niem-2024.html").
        assert expected["article_id"] is None
    else:
        assert expected["article_id"] is not None and expected["article_id"].isdigit()
    # The id ends the URL (vnPortal, NukeViet), or the page names it (WordPress's
    # post-ID and ?p=ID shortlink, where the URL carries a date and a slug).
    assert expected["article_id"] is None or (re.search(rf"-{expected['article_id']}(\.html)?$", parts.path)
            or re.search(rf"post-{expected['article_id']}\b|\?p={expected['article_id']}\b",
                         html.decode("utf-8", "replace")))
    urls = [expected["url"]] + [
        x["url"] for key in ("related", "images", "attachments") for x in expected[key]
    ]
    for url in urls:
        p = urlsplit(url)
        assert p.scheme in ("http", "https") and p.netloc, url
        assert p.fragment == "", url
        assert ("pageindex", "0") not in parse_qsl(p.query), url
        assert url == url.strip()
    related = [x["url"] for x in expected["related"]]
    assert len(related) == len(set(related)), "related must be deduplicated"
    assert expected["url"] not in related


# --------------------------------------------------------------------------------------
# Parsing every fixture
# --------------------------------------------------------------------------------------


def _compare(field: str, want: Any, got: Any) -> str | None:
    if field == "body":
        want_lines, got_lines = body_lines(want), body_lines(got)
        if want_lines == got_lines:
            return None
        diff = "\n".join(
            difflib.unified_diff(want_lines, got_lines, "expected", "got", lineterm="", n=0)
        )
        return f"body: expected {len(want_lines)} paragraphs vs got {len(got_lines)}\n{diff}"
    if field == "attachments" and isinstance(got, list):
        # Attachments come from several places (links, a.link-download, iframes); their
        # order is not part of the record's contract, their set is.
        def key(a: dict[str, Any]) -> tuple[str, str]:
            return (a.get("url") or "", a.get("name") or "")

        if sorted(want, key=key) == sorted(got, key=key):
            return None
    elif want == got:
        return None
    return f"{field}: expected {want!r} vs got {got!r}"


@pytest.mark.parametrize("spec_path", SPECS, ids=_ids(SPECS))
def test_fixture(spec_path: Path):
    spec, html = load(spec_path)
    expected = spec["expected"]
    article = parse(html, spec)

    if expected is None:
        assert article is None, f"not an article page, but parsed as {article!r}"
        return
    assert article is not None, "article page not recognised (parse_article returned None)"

    record = article.to_dict()
    assert tuple(record) == RECORD_KEYS

    problems = [
        msg
        for field in EXPECTED_KEYS
        if (msg := _compare(field, expected[field], record[field])) is not None
    ]
    if record["fetched_at"] != spec["fetched_at"]:
        problems.append(
            f"fetched_at: expected {spec['fetched_at']!r} vs got {record['fetched_at']!r}"
        )
    if not isinstance(record["parser"], str) or not record["parser"]:
        problems.append(f"parser: expected a non-empty 'name/version' vs got {record['parser']!r}")
    body_html = record["body_html"]
    if not isinstance(body_html, str) or not body_html.strip():
        problems.append(f"body_html: expected non-empty markup vs got {body_html!r}")
    elif "<script" in body_html.lower():
        problems.append("body_html: expected no <script> vs got markup containing <script")

    assert not problems, f"{spec_path.stem}: {len(problems)} field(s) differ\n" + "\n".join(
        problems
    )


# --------------------------------------------------------------------------------------
# The seed page, checked against the real page's text
# --------------------------------------------------------------------------------------

SEED_TITLE = "Ký kết quy chế phối hợp giữa Ban cán sự đảng UBND với Ban Tuyên giáo Tỉnh ủy"
SEED_SUMMARY = (
    "Chiều 14/8, Ban cán sự đảng UBND với Ban Tuyên giáo Tỉnh ủy tổ chức lễ ký kết quy chế "
    "phối hợp công tác giữa hai bên và chương trình công tác cho giai đoạn 2020 - 2021."
)
# (first words, last words) of each of the five body paragraphs.
SEED_PARAGRAPHS = [
    (
        "Chủ trì lễ ký kết có các đồng chí: Nguyễn Đức Trung, Phó Bí thư Tỉnh ủy,",
        "các đồng chí Phó trưởng Ban Tuyên giáo Tỉnh ủy; lãnh đạo Văn phòng UBND tỉnh.",
    ),
    (
        "Từ năm 2019 đến nay công tác phối hợp giữa Ban cán sự đảng UBND với Ban Tuyên giáo",
        "Phối hợp hiệu quả trong công tác nghiên cứu, nắm bắt và định hướng tư tưởng, dư luận xã hội.",
    ),
    (
        "Phát biểu tại lễ ký kết, đại diện lãnh đạo các sở, ngành đánh giá cao",
        "kiến nghị một số giải pháp trong phối hợp với các ngành trong triển khai các nhiệm vụ.",
    ),
    (
        "Đồng chí Nguyễn Thị Thu Hường, UVBTV, Trưởng ban Tuyên giáo Tỉnh ủy cho rằng: Cảm ơn",
        "đặt yêu cầu cao trong trách nhiệm của người đứng đầu trong trả lời báo chí nêu.",
    ),
    (
        "Kết luận buổi lễ ký kết, đồng chí Nguyễn Đức Trung, Phó Bí thư Tỉnh ủy, Chủ tịch UBND",
        "chia sẻ để cùng nhau triển khai thực hiện tốt các nhiệm vụ.",
    ),
]
# Page furniture that must not leak into any field of the record.
SEED_CHROME = [
    "Banner Tỉnh ủy Nghệ An",
    "Home-latest-1",
    "ĐĂNG NHẬP",
    "Tin cùng chuyên mục",
    "Tin nổi bật",
    "In bài viết",
    "Gửi email",
    "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NGHỆ AN",
    "Trường Thi",
]


@pytest.fixture(scope="module")
def seed_record() -> dict[str, Any]:
    spec, html = load(SEED)
    article = parse(html, spec)
    assert article is not None
    return article.to_dict()


def test_seed_title_summary_author(seed_record):
    assert seed_record["title"] == SEED_TITLE
    assert seed_record["summary"] == SEED_SUMMARY
    assert seed_record["author"] == "Quang Minh"
    # The page shows neither a date nor a breadcrumb; "Chiều 14/8" in the lead is no date.
    assert seed_record["published_at"] is None
    assert seed_record["category"] is None
    assert seed_record["article_id"] == "569138"
    assert seed_record["site"] == "www.nghean.gov.vn"


def test_seed_body_is_the_five_paragraphs(seed_record):
    paragraphs = body_lines(seed_record["body"])
    assert len(paragraphs) == 5, paragraphs
    for text, (start, end) in zip(paragraphs, SEED_PARAGRAPHS):
        assert text.startswith(start), text[:120]
        assert text.endswith(end), text[-120:]
    body = seed_record["body"]
    # CKEditor wrote the body with named entities; they must come out as letters.
    assert "“nóng”" in body and "môi trường, y tế…" in body
    assert not re.search(r"&(#\d+|[a-z]+);", body)
    assert "Phối hợp trong trong triển khai" in body  # the page's own typo, kept as printed
    for not_body in (SEED_TITLE, SEED_SUMMARY, "Quang Minh", *SEED_RELATED_TITLES):
        assert not_body not in body


def test_seed_related_lists_fifteen_articles_once_each(seed_record):
    related = seed_record["related"]
    assert [r["title"] for r in related] == SEED_RELATED_TITLES
    urls = [r["url"] for r in related]
    assert len(set(urls)) == 15
    for url in urls:
        assert re.fullmatch(
            r"https://www\.nghean\.gov\.vn/tin-tuc-su-kien/[a-z0-9-]+-\d{6}", url
        ), url


def test_seed_page_chrome_is_in_no_field(seed_record):
    for key, value in seed_record.items():
        for s in strings_in(value):
            for chrome in SEED_CHROME:
                assert chrome not in s, f"{key} contains page chrome {chrome!r}"


def test_seed_parses_the_same_from_str_and_bytes(seed_record):
    spec, html = load(SEED)
    from_str = parse(html.decode("utf-8"), spec)
    assert from_str is not None
    got = from_str.to_dict()
    for key in EXPECTED_KEYS:
        assert got[key] == seed_record[key], key
