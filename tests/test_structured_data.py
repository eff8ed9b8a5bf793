"""Malformed structured data never stops a page: the fallback and every layout read the
page's fields from its markup past JSON-LD of any shape, and ``structured_data_problems``
says, block by block, what was wrong.

The pages are stored fixtures whose every field is printed in the markup; their own JSON-LD
is taken out and malformed blocks put in, and the record each must still give is the
fixture's own hand-written JSON.  Where a malformed block names something (a category, an
author), it names something else than the page prints, so that a field read from it would
show.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from crawler.parsers import generic, nukeviet, parse_article, vnportal, vnportal_v2, wordpress
from crawler.parsers.bylines import site_names
from crawler.parsers.jsonld import jsonld_article, jsonld_breadcrumb, structured_data_problems
from crawler.parsers.page import load

FIXTURES = Path(__file__).parent / "fixtures"
# (fixture, the parser that reads it)
PAGES = [
    ("fallback-provincial-paper-site-author", generic),
    ("fallback-ministry-coauthors", generic),
    ("fallback-court-byline-date", generic),
    ("vnportal-og-jsonld", vnportal),
    ("vnportal.v2-later-template", vnportal_v2),
    ("nukeviet-hcc-article", nukeviet),
    ("nukeviet-site-author-signed-body", nukeviet),
    ("wordpress-ward-post", wordpress),
    ("wordpress-site-author-bold-lead", wordpress),
]
COMPARED = ("title", "published_at", "author", "source", "summary", "body", "category", "tags",
            "related", "images", "attachments")
LD_SCRIPT = re.compile(r"<script[^>]*application/ld\+json[^>]*>.*?</script>", re.S | re.I)


def ld(*blocks: str) -> str:
    return "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)


def article(**fields) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return json.dumps(data, ensure_ascii=False)


def crumbs(items) -> str:
    return json.dumps({"@context": "https://schema.org", "@type": "BreadcrumbList",
                       "itemListElement": items}, ensure_ascii=False)


ITEM_1 = {"@type": "ListItem", "position": 1, "name": "Trang chủ"}
WRONG = {"@type": "ListItem", "position": 2, "name": "Chuyên mục sai"}

# (case, the JSON-LD put in the page, what the problems must say: one sentence per block)
MALFORMED = [
    ("breadcrumb-lists-in-list", ld(crumbs([[ITEM_1], [WRONG]])),
     ["JSON-LD block 1: BreadcrumbList's itemListElement holds lists, not items"]),
    ("author-string", ld(article(author="Trần Văn Bình")),
     ["JSON-LD block 1: NewsArticle's author is a plain string, not a Person or Organization"]),
    ("author-strings-and-objects", ld(article(author=["Trần Văn Bình", {"@type": "Person", "name": "Lê Thị Cúc"}])),
     ["JSON-LD block 1: NewsArticle's author list holds strings, not only Person or Organization objects"]),
    ("publisher-string", ld(article(publisher="Báo Điện tử Sai Tên")),
     ["JSON-LD block 1: NewsArticle's publisher is a plain string, not an Organization"]),
    ("type-with-a-number", ld(article(**{"@type": ["NewsArticle", 3]})),
     ["JSON-LD block 1: NewsArticle's @type holds a number (3), not a type name"]),
    ("item-list-a-string", ld(crumbs("Trang chủ > Chuyên mục sai")),
     ["JSON-LD block 1: BreadcrumbList's itemListElement is a string ('Trang chủ > Chuyên mục sai'), "
      "not a list of items"]),
    ("positions-strings-and-numbers", ld(crumbs([{**WRONG, "position": "2"}, ITEM_1])),
     ["JSON-LD block 1: BreadcrumbList's item positions mix numbers and strings ('2')"]),
    ("graph-an-object", ld(json.dumps({"@context": "https://schema.org",
                                       "@graph": {"@type": "WebPage", "name": "Trang sai"}})),
     ["JSON-LD block 1: @graph is a single object, not a list"]),
    ("invalid-json", ld('{"@type": "NewsArticle", "headline": "Tiêu đề sai",}'),
     ["JSON-LD block 1 is not valid JSON (Expecting property name enclosed in double quotes at "
      "line 1, column 52)"]),
    ("html-comment", ld("<!-- " + crumbs([ITEM_1]) + " -->"),
     ["JSON-LD block 1 is wrapped in an HTML comment"]),
    ("cdata", ld("//<![CDATA[\n" + crumbs([ITEM_1]) + "\n//]]>"),
     ["JSON-LD block 1 is wrapped in CDATA markers"]),
    ("several-blocks", ld(json.dumps({"@context": "https://schema.org", "@type": "WebSite",
                                      "name": "Trang chủ"}),
                          '{"@type": "NewsArticle" "headline": "Tiêu đề sai"}',
                          crumbs([[ITEM_1], [WRONG]])),
     ["JSON-LD block 2 is not valid JSON (Expecting ',' delimiter at line 1, column 25)",
      "JSON-LD block 3: BreadcrumbList's itemListElement holds lists, not items"]),
    ("empty", ld("  "), ["JSON-LD block 1 is empty"]),
    ("a-bare-string", ld('"NewsArticle"'), ["JSON-LD block 1 holds a string ('NewsArticle'), not an object"]),
    ("null", ld("null"), ["JSON-LD block 1 holds null, not an object"]),
    ("headline-an-object", ld(article(headline={"@list": []})),
     ["JSON-LD block 1: NewsArticle's headline is an object, not text"]),
    ("date-no-date", ld(article(datePublished="hôm qua")),
     ["JSON-LD block 1: NewsArticle's datePublished 'hôm qua' is not a date"]),
    ("line-break-in-a-string", ld('{"@type": "WebPage", "name": "một\nhai"}'),
     ["JSON-LD block 1 has raw control characters (line breaks, tabs) inside its strings"]),
    ("two-objects-pasted", ld('{"@type": "WebPage", "name": "a"}{"@type": "WebPage", "name": "b"}'),
     ["JSON-LD block 1 holds several JSON texts one after another"]),
    ("nested-too-deep", ld("[" * 5000 + "]" * 5000),
     ["JSON-LD block 1 is not valid JSON (nested too deep to read)"]),
    ("html-escaped", ld("{&quot;@type&quot;: &quot;WebPage&quot;}"),
     ["JSON-LD block 1 is escaped as HTML (&quot; for quotes)"]),
]
# Blocks as schema.org asks, naming nothing the page prints otherwise.
WELL_FORMED = ld(json.dumps({"@context": "https://schema.org", "@type": "WebSite", "name": "Trang chủ",
                             "url": "https://example.org/"}),
                 crumbs([ITEM_1]))


def load_page(name: str) -> tuple[dict, str]:
    spec = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return spec, LD_SCRIPT.sub("", (FIXTURES / f"{name}.html").read_text(encoding="utf-8"))


def with_blocks(html: str, blocks: str) -> str:
    return html.replace("</head>", blocks + "</head>", 1)


def assert_from_markup(record: dict, expected: dict) -> None:
    wrong = [f"{k}: expected {expected[k]!r} vs got {record[k]!r}" for k in COMPARED
             if record[k] != expected[k]]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("case,blocks,problems", MALFORMED, ids=[c[0] for c in MALFORMED])
@pytest.mark.parametrize("name,parser", PAGES, ids=[p[0] for p in PAGES])
def test_malformed_json_ld_leaves_the_markup_to_answer(name, parser, case, blocks, problems):
    spec, html = load_page(name)
    doc = load(with_blocks(html, blocks))
    article = parser.parse(doc, spec["url"], spec["fetched_at"])
    assert article is not None, "the page was not read"
    assert_from_markup(article.to_dict(), spec["expected"])
    assert structured_data_problems(doc) == problems


@pytest.mark.parametrize("name,parser", PAGES, ids=[p[0] for p in PAGES])
def test_well_formed_json_ld_is_no_problem(name, parser):
    spec, html = load_page(name)
    doc = load(with_blocks(html, WELL_FORMED))
    assert structured_data_problems(doc) == []
    assert_from_markup(parser.parse(doc, spec["url"], spec["fetched_at"]).to_dict(),
                       spec["expected"])


def test_the_whole_parse_reads_past_malformed_json_ld():
    spec, html = load_page("fallback-court-byline-date")
    blocks = "".join(b for _, b, _ in MALFORMED)
    article = parse_article(with_blocks(html, blocks), spec["url"], spec["fetched_at"])
    assert article is not None
    assert_from_markup(article.to_dict(), spec["expected"])


# Each stored page with its own JSON-LD: the problems the crawl will record for it.
STORED_PROBLEMS = {
    "fallback-court-byline-date":
        ["JSON-LD block 1: BreadcrumbList's itemListElement holds lists, not items"],
    "fallback-provincial-paper-site-author":
        ["JSON-LD block 1: NewsArticle's publisher is a plain string, not an Organization",
         "JSON-LD block 2: BreadcrumbList's itemListElement holds lists, not items"],
    "fallback-ministry-coauthors":
        ["JSON-LD block 1: @graph is a single object, not a list; NewsArticle's author list "
         "holds strings, not only Person or Organization objects",
         "JSON-LD block 2 is not valid JSON (Expecting property name enclosed in double quotes "
         "at line 2, column 112)"],
    "fallback-health-dept-credit-date":
        ["JSON-LD block 1 is wrapped in an HTML comment; BreadcrumbList's item positions mix "
         "numbers and strings ('2')",
         "JSON-LD block 2 is wrapped in CDATA markers"],
    "fallback-english-paper-malformed-jsonld":
        ["JSON-LD block 1: NewsArticle's @type holds a number (3), not a type name; "
         "NewsArticle's headline is a list, not text; NewsArticle's author holds lists inside "
         "its list, not Person or Organization objects",
         "JSON-LD block 2: BreadcrumbList's itemListElement is a string ('Home > Society'), not "
         "a list of items"],
    "vnportal-trichdan-byline-date":
        ["JSON-LD block 1: BreadcrumbList's itemListElement holds lists, not items; "
         "BreadcrumbList's item positions mix numbers and strings ('2')"],
    "nukeviet-site-author-signed-body":
        ["JSON-LD block 1: NewsArticle's author is a plain string, not a Person or Organization; "
         "NewsArticle's publisher is a plain string, not an Organization"],
    "wordpress-site-author-bold-lead":
        ["JSON-LD block 1: BreadcrumbList's item positions are strings ('1'), not numbers"],
}
STORED = sorted(FIXTURES.glob("*.html"))


@pytest.mark.parametrize("path", STORED, ids=[p.stem for p in STORED])
def test_stored_pages_problems(path):
    doc = load(path.read_bytes())
    assert structured_data_problems(doc) == STORED_PROBLEMS.get(path.stem, [])


# --- any shape at all -------------------------------------------------------------------
# hypothesis is not installed here: a seeded generator of JSON values over the vocabulary
# JSON-LD templates use, nested any way, some of them broken as text.

KEYS = ("@type", "@graph", "@id", "author", "publisher", "itemListElement", "position", "name",
        "item", "headline", "datePublished", "description", "articleSection", "@value")
WORDS = ("NewsArticle", "BreadcrumbList", "ListItem", "Person", "Organization", "WebSite",
         "2", "Hồ Phương", "", "2024-13-45", "2026-03-07T08:47:00+07:00", "https://x.vn/")


def random_value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth > 5 or roll < 0.35:
        return rng.choice([rng.choice(WORDS), rng.randint(-3, 10), 1.5, None, True, False])
    if roll < 0.6:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(KEYS): random_value(rng, depth + 1) for _ in range(rng.randint(0, 6))}


def random_block(rng: random.Random) -> str:
    text = json.dumps(random_value(rng), ensure_ascii=False)
    broken = rng.random()
    if broken < 0.1:
        return text[: len(text) // 2]
    if broken < 0.15:
        return "<!-- " + text + " -->"
    if broken < 0.2:
        return text + ","
    return text


@pytest.mark.parametrize("name,parser", PAGES, ids=[p[0] for p in PAGES])
def test_json_ld_of_any_shape_never_stops_a_parser(name, parser):
    spec, html = load_page(name)
    rng = random.Random(name)
    for _ in range(60):
        blocks = ld(*(random_block(rng) for _ in range(rng.randint(1, 3))))
        doc = load(with_blocks(html, blocks))
        problems = structured_data_problems(doc)
        assert all(isinstance(p, str) and p.startswith("JSON-LD block ") for p in problems)
        article = parser.parse(doc, spec["url"], spec["fetched_at"])
        assert article is not None and article.body == spec["expected"]["body"], blocks
        jsonld_breadcrumb(doc)
        site_names(doc, spec["url"], jsonld_article(doc))
