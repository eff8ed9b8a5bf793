"""Selectors that skip a page lacking the classes and ids they name (crawler.parsers.sieve),
and the <meta> values read once per page: the same answers as the plain selector and the
plain XPath, on every stored page and on pages made to trip them."""

from __future__ import annotations

import copy
import importlib
import pkgutil
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from lxml.cssselect import CSSSelector

import crawler.parsers as parsers
from crawler.parsers import load
from crawler.parsers.page import css, meta_content
from crawler.parsers.sieve import Sieved

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(ROOT.glob("tests/fixtures/**/*.html")) + sorted(ROOT.glob("bench/pages/**/*.html"))


def layout_selectors() -> list[Sieved]:
    """Every selector the parsers' modules hold, alone or in a tuple."""
    found: dict[str, Sieved] = {}
    for info in pkgutil.iter_modules(parsers.__path__):
        module = importlib.import_module(f"crawler.parsers.{info.name}")
        for value in vars(module).values():
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, Sieved):
                    found[item.selector_text] = item
    return list(found.values())


def same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def test_the_parsers_hold_sieved_selectors_that_can_skip():
    selectors = layout_selectors()
    assert len(selectors) > 40
    assert sum(1 for s in selectors if s.needs is not None) > 30


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_selector_answers_as_the_plain_one_on_every_stored_page(path):
    doc = load(path.read_bytes())
    body = doc.find("body")
    for sel in layout_selectors():
        plain = CSSSelector(sel.selector_text, translator="html")
        for el in (doc, body) if body is not None else (doc,):
            assert same(sel(el), plain(el)), (sel.selector_text, el.tag)


PAGE = """<html><head><title>t</title></head><body>
<div class="a  b&#9;c" id="Main"><p class="x">one</p><h1>Head</h1></div>
<div class="tags"><a href="/t">tag</a></div>
<section class="n"><section class="n"><p>inner</p></section><p>outer</p></section>
<section class="n" id="Other"><span>late</span></section>
<footer><span itemprop="headline name">H</span><b itemprop="headline">B</b></footer>
</body></html>"""


@pytest.mark.parametrize("selector,expected", [
    (".a p", ["one"]),
    (".c .x", ["one"]),                  # a tab between class names splits them too
    (".a .missing", []),
    (".missing, h1", ["Head"]),          # an alternative naming nothing is always tried
    ("div:not(.missing) > p", ["one"]),  # a negated class is not needed
    ("#Main p", ["one"]),
    ("#main p", []),                     # ids and classes are matched case by case
    (".A p", []),
    (".tags a, .keyword a", ["tag"]),
    ("div.a + div.tags a", ["tag"]),
    (".n p", ["inner", "outer"]),        # nested matches: each paragraph once, in page order
    (".n .n p", ["inner"]),
    ("section.n#Other span", ["late"]),
    ("div.n span", []),
    ("section.n#Other p", []),
    ("[itemprop=headline]", ["B"]),      # itemprops: the whole value, read from the index
    ("[itemprop~=headline]", ["H", "B"]),
    ("footer [itemprop=name]", []),
    ("[itemprop=missing], b", ["B"]),
    ("[itemprop=missing] b", []),
    ("[itemprop~=name]", ["H"]),
    ("[itemprop~=head]", []),
    ("[id=Main] p", ["one"]),
    ("[id=main] p", []),
    ("#Other.n span", ["late"]),
    (".n#Main p", []),                   # the class and the id on one element
    ("div.a.c p", ["one"]),
    ("div.a.n p", []),
])
def test_answers_on_a_made_page(selector, expected):
    doc = load(PAGE)
    sel = css(selector)
    assert [e.text_content() for e in sel(doc)] == expected
    assert same(sel(doc), CSSSelector(selector, translator="html")(doc))


def test_a_tree_read_once_then_changed_within_itself_or_copied():
    # A tree load() did not build: parsers change such trees (deep copies of a page's
    # parts), so the selector reads them, not an index.
    doc = lxml.html.document_fromstring(PAGE)
    sel = css(".x")
    assert len(sel(doc)) == 1
    # An element made from one of the page's (its attributes copied) and a deep copy of
    # a part: both still found.
    p = doc.find(".//p")
    twin = p.makeelement(p.tag, dict(p.attrib))
    doc.find("body").append(twin)
    assert len(sel(doc)) == 2
    part = copy.deepcopy(doc.find("body"))
    assert len(sel(part)) == 2
    # An element taken out of the page is a tree of its own, and so is what it holds.
    p.append(p.makeelement("span", {"class": "inner"}))
    p.getparent().remove(p)
    assert sel(p) == [p]
    assert len(sel(doc)) == 1
    span = p.find("span")
    assert css(".inner")(span) == [span]
    assert css(".x span")(p) == [span]


def test_a_whole_tree_is_asked_as_its_root():
    doc = load(META_PAGE)
    tree = doc.getroottree()
    assert same(css("p")(tree), CSSSelector("p", translator="html")(tree))
    assert css(".missing p")(tree) == []
    assert meta_content(tree, "description") == plain_meta(doc, "description") == "Mô tả"


def test_a_selector_that_names_no_class_needs_nothing():
    assert css("h1").needs is None
    assert css("[itemtype*=BreadcrumbList] [itemprop=name]").needs is None
    assert css(".a, .b").needs == [frozenset({"a"}), frozenset({"b"})]
    # a loaded page's index holds its itemprops: such a selector needs one there
    assert css("[itemtype*=BreadcrumbList] [itemprop=name]").index_needs == [
        frozenset({("itemprop", "name")})]
    assert css("[itemprop~=name]").index_needs == [frozenset({("itemprop~", "name")})]
    assert css("[itemprop*=name]").index_needs is None
    assert css("[id=breadcrumb] a").needs == [frozenset({("#", "breadcrumb")})]


META_PAGE = """<html><head>
<meta name="x" property="x" content="  ">
<meta itemprop="x" content="second">
<meta property="og:title" content="OG">
<meta name="description" content="Mô tả">
<meta property="X" content="upper">
</head><body><p>b</p></body></html>"""

_PLAIN_META = etree.XPath("//meta[@property=$n or @name=$n or @itemprop=$n]")


def plain_meta(doc, *names):
    for name in names:
        for el in _PLAIN_META(doc, n=name):
            value = " ".join((el.get("content") or "").split())
            if value:
                return value
    return None


@pytest.mark.parametrize("names", [("x",), ("X",), ("og:title", "x"), ("missing", "description"),
                                   ("missing",), ("description", "og:title")])
def test_meta_values_as_the_plain_xpath_finds_them(names):
    doc = load(META_PAGE)
    assert meta_content(doc, *names) == plain_meta(doc, *names)
    # asked of an element inside the page: the page's <meta>, as //meta reads them
    assert meta_content(doc.find("body"), *names) == plain_meta(doc, *names)


def test_meta_values_of_two_pages_are_their_own():
    one = load(META_PAGE)
    two = lxml.html.fromstring(META_PAGE.replace("Mô tả", "Khác"))
    assert meta_content(one, "description") == "Mô tả"
    assert meta_content(two, "description") == "Khác"


def _replica_articles(count: int):
    from crawler.replica import build_site
    from crawler.replica.article import article_page

    base = "https://www.nghean.gov.vn"
    site = build_site()
    for a in list(site.articles.values())[:count]:
        yield article_page(site, a, base).body, base + site.article_path(a)


def test_every_call_the_parsers_make_answers_as_the_plain_selector(monkeypatch):
    """Each selector the parsers call while reading every stored page and replica
    articles, in every role, on the elements they pass: the answer (from the page's index
    where it applies) is the plain selector's."""
    from crawler.parsers import classify
    from crawler.parsers.roles import REACHED
    from crawler.parsers.sieve import page_memo

    real = Sieved.__call__
    indexed = []

    def checked(self, el, **kwargs):
        got = real(self, el, **kwargs)
        assert same(got, CSSSelector.__call__(self, el, **kwargs)), (self.selector_text, el.tag)
        indexed.append(self.chain is not None and page_memo(el, "loaded", lambda root: False)
                       and el.tag != "html")
        return got

    monkeypatch.setattr(Sieved, "__call__", checked)
    pages = [(p.read_bytes(), "https://www.nghean.gov.vn/" + p.stem + "-123456.html") for p in PAGES]
    for raw, url in pages + list(_replica_articles(60)):
        for reached in REACHED:
            classify(load(raw), url, reached_as=reached)
    # answered from the index, on elements inside a page rather than the page itself
    assert sum(indexed) > 500


# Pages whose layout tests and structured date a loaded page answers from its index or a
# walk of its elements, and any other tree by XPath: both must agree.
SIGN_PAGES = [
    '<html><head><link rel=stylesheet href="/wp-content/themes/x.css"></head><body><p>a</p></body></html>',
    '<html><head><script src="https://x.vn/wp-includes/js/a.js"></script></head><body>b</body></html>',
    '<html><head><script>var u="/wp-content/"</script><link href="/css/a.css"></head><body>c</body></html>',
    '<html><body><a href="/wp-content/uploads/a.pdf">file</a></body></html>',
    '<html><body><div id="news-bodyhtml" class="bodytext"><p>x</p></div></body></html>',
    '<html><body><span id="news-bodyhtml">x</span></body></html>',
    '<html><head><meta itemprop="datePublished" content="2024-03-05T08:00:00+07:00"></head>'
    '<body><time itemprop="datePublished" datetime="2024-03-04">4/3</time></body></html>',
    '<html><body><span itemprop="datePublished">05/03/2024 08:15</span>'
    '<span itemprop="datePublished">06/03/2024</span></body></html>',
    '<html><head><meta name="generator" content="NukeViet v4.5"></head><body>d</body></html>',
    '<html><head><meta property="article:published_time" content="2024-03-05">'
    '<meta itemprop="datePublished" content="2024-03-06T09:00:00+07:00"></head><body>e</body></html>',
    # class names spelt like an id or an itemprop are neither
    '<html><body><div class="#news-bodyhtml @itemprop=datePublished itemprop">05/03/2024 08:15'
    '</div><p class="Main">f</p></body></html>',
]


@pytest.mark.parametrize("html", SIGN_PAGES)
def test_layout_signs_and_dates_read_alike_from_a_loaded_page_and_any_tree(html):
    from crawler.parsers import nukeviet, wordpress
    from crawler.parsers.published import structured_date

    loaded, plain = load(html), lxml.html.document_fromstring(html)
    for ask in (wordpress.recognise, nukeviet.is_nukeviet, lambda d: structured_date(d, None),
                lambda d: meta_content(d, "generator", "datePublished")):
        assert ask(loaded) == ask(plain)


def test_the_signs_are_told_apart():
    from crawler.parsers import nukeviet, wordpress
    from crawler.parsers.published import structured_date

    assert [wordpress.recognise(load(h)) for h in SIGN_PAGES[:4]] == [True, True, False, False]
    assert [nukeviet.is_nukeviet(load(h)) for h in SIGN_PAGES[4:6]] == [True, False]
    assert structured_date(load(SIGN_PAGES[6]), None) == ("2024-03-05T08:00:00+07:00", "meta")
    assert structured_date(load(SIGN_PAGES[7]), None)[1] == "microdata"
    # a <meta> with an itemprop is a meta tag, not microdata
    assert structured_date(load(SIGN_PAGES[9]), None) == ("2024-03-05", "meta")
    crafted = load(SIGN_PAGES[10])
    assert not nukeviet.is_nukeviet(crafted)
    assert structured_date(crafted, None) == (None, None)
    assert css("#news-bodyhtml")(crafted) == css("#Main")(crafted) == []


LD_TYPES = ["application/ld+json", " APPLICATION/LD+JSON ", "application/ld+json; charset=utf-8",
            "\napplication/ld+json", "application/ld+jso", "text/javascript", "",
            "appl\u0130cation/ld+json", "\xa0application/ld+json", "Application/LD+Json"]


def test_json_ld_scripts_read_alike_from_a_loaded_page_and_any_tree():
    from crawler.parsers.jsonld import jsonld_blocks

    scripts = "".join(f'<script type="{t}">{{"n": {i}}}</script>' for i, t in enumerate(LD_TYPES))
    html = f"<html><head>{scripts}</head><body><script type='application/ld+json'>[1]</script></body></html>"

    def read(doc):
        return [(b.number, b.values) for b in jsonld_blocks(doc)]

    assert read(load(html)) == read(lxml.html.document_fromstring(html))
    assert [v for _, v in read(load(html))] == [[{"n": 0}], [{"n": 1}], [{"n": 2}], [{"n": 3}],
                                               [{"n": 9}], [[1]]]


def test_a_loaded_page_is_not_kept_alive_by_its_index():
    """The index is kept per page while the page lives: a page whose root element bears a
    class, an id and an itemprop (so that the root is in its own index) is freed as soon
    as nobody holds it, and a selector naming the root still finds it."""
    import gc
    import weakref

    from crawler.parsers import sieve
    from crawler.parsers.published import structured_date

    doc = load("<html class='x' id='r' itemprop='datePublished' content='2024-05-06'>"
               "<body><div class='x'>t</div></body></html>")
    assert same(css(".x")(doc), [doc, doc.find(".//div")])
    assert same(css("#r div")(doc), [doc.find(".//div")])
    assert structured_date(doc, None) == ("2024-05-06", "microdata")
    before = len(sieve._MEMO)
    alive = weakref.ref(doc)
    del doc
    gc.collect()
    assert alive() is None
    assert len(sieve._MEMO) == before - 1
