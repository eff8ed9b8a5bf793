"""Reached by a link that looked like an article's, a page is still taken for an article
only when it is one.

Two corpora, both stored pages, parsed in-process:

* ``bench/pages/other/NAME.html`` with ``NAME.url`` and ``NAME.kind``: home pages, section
  and archive pages, tag, search, contact, introduction, form, login, error and register
  pages of vnPortal, NukeViet, WordPress, Joomla, Drupal, DotNetNuke, Blogger and
  hand-made sites.  Each carries what makes a page look like an article to a careless
  reader (a heading, a date, paragraphs of prose); none is one.  The ``"article": false``
  pages of ``bench/pages`` are held to the same rule.
* ``bench/pages/NAME.json`` (with ``.html`` and ``.txt``): news pages of many systems,
  the held-out ones included; every one is an article.

A failure names the page, its kind and the classifier's evidence, so that a wrong call can
be traced to the sentence that made it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.parsers import classify

PAGES = Path(__file__).resolve().parent.parent / "bench" / "pages"
OTHER = PAGES / "other"
KINDS = {"home", "section", "archive-month", "archive-author", "tag", "sitemap", "contact",
         "introduction", "search", "form", "attribute-table", "login", "error-404",
         "document-list", "gallery", "video-list", "calendar", "org-chart", "faq"}
MIN_OTHER_PAGES = 40


@dataclass(frozen=True)
class Page:
    name: str
    kind: str
    url: str
    path: Path

    @property
    def html(self) -> bytes:
        return self.path.read_bytes()


def other_pages() -> list[Page]:
    pages = [Page(p.stem, p.with_suffix(".kind").read_text(encoding="utf-8").strip(),
                  p.with_suffix(".url").read_text(encoding="utf-8").strip(), p)
             for p in sorted(OTHER.glob("*.html"))]
    # The older corpus marks its few non-articles in their .json instead.
    for meta_path in sorted(PAGES.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("article") is False:
            pages.append(Page(meta_path.stem, "not an article (bench/pages .json)", meta["url"],
                              meta_path.with_suffix(".html")))
    return pages


def news_pages() -> list[Page]:
    pages = []
    for meta_path in sorted(PAGES.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("article") is not False:
            kind = "held-out news" if meta_path.name.startswith("heldout-") else "news"
            pages.append(Page(meta_path.stem, kind, meta["url"], meta_path.with_suffix(".html")))
    return pages


OTHERS = other_pages()
NEWS = news_pages()


def explain(page: Page, role) -> str:
    evidence = "\n".join(f"  - {line}" for line in (role.evidence or ["(none given)"]))
    layout = getattr(role.layout, "key", role.layout)
    where = page.path.relative_to(PAGES.parent.parent)
    return (f"{where} ({page.kind}, {page.url}) classified as {role.role!r} "
            f"by {layout!r}; evidence:\n{evidence}")


def test_the_corpus_of_other_pages_covers_every_kind():
    stored = [p for p in OTHERS if p.path.parent == OTHER]
    assert len(stored) >= MIN_OTHER_PAGES
    unknown = {p.name: p.kind for p in stored if p.kind not in KINDS}
    assert not unknown, f"kinds outside the list: {unknown}"
    missing = KINDS - {p.kind for p in stored}
    assert not missing, f"no stored page of kind {sorted(missing)}"
    assert {p.suffix for p in OTHER.iterdir()} <= {".html", ".url", ".kind"}


def test_every_news_page_has_its_expected_record():
    for page in NEWS:
        assert page.path.exists() and page.path.with_suffix(".txt").exists(), page.name
    assert sum(p.kind == "held-out news" for p in NEWS) >= 15


@pytest.mark.parametrize("page", OTHERS, ids=[p.name for p in OTHERS])
def test_a_page_that_is_no_article_is_not_taken_for_one(page: Page):
    role = classify(page.html, page.url, reached_as="article")
    assert role.role != "article", explain(page, role)


@pytest.mark.parametrize("page", NEWS, ids=[p.name for p in NEWS])
def test_a_news_page_is_an_article(page: Page):
    role = classify(page.html, page.url, reached_as="article")
    assert role.role == "article", explain(page, role)
    assert role.record is not None, explain(page, role)
