"""The reading pages as a person sees them in a real headless Chromium, 360 and 1,280
pixels wide, on the archive of tests/test_i18n.py (five dead sites with their reasons, two
runs, an article with its citation): nothing on /find and /sites overlaps anything else,
with every failure's technical text opened too; no date or time wraps; every placeholder
fits its box; nothing is wider than the screen; and the article page speaks Vietnamese,
with its ``citation_*`` meta tags in its head."""

from __future__ import annotations

import urllib.parse

import pytest

from .browser import outside, served_archive
from .test_i18n import URL, db_path  # noqa: F401 - the archive, a fixture

WIDTHS = (360, 1280)
# Leaves a reader sees and could find on top of one another: form controls and their
# labels, table cells, links, dates, headings, definition lists, failures' summaries and
# technical text.  Pairs where one holds the other are not compared; an inline element
# that wraps is compared line by line (its client rects).
LAYOUT = """() => {
  const selector = [".govnews input", ".govnews select", ".govnews button",
    ".govnews label > span", ".govnews th", ".govnews td", ".govnews time", ".govnews a",
    ".govnews summary", ".govnews code", ".govnews h1", ".govnews h2", ".govnews dt",
    ".govnews dd", "header a", "footer a"].join(", ");
  const visible = el => el.checkVisibility({visibilityProperty: true,
                                            contentVisibilityAuto: true})
                        && el.getClientRects().length > 0;
  const name = el => el.tagName.toLowerCase() + (el.className ? "." + el.className : "")
    + " «" + (el.textContent || el.placeholder || "").trim().slice(0, 40) + "»";
  const boxes = [];
  for (const el of [...document.querySelectorAll(selector)].filter(visible))
    for (const r of el.getClientRects())
      if (r.width > 0.5 && r.height > 0.5) boxes.push([el, r]);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a === b || a.contains(b) || b.contains(a)) continue;
    const dx = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const dy = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (dx > 1 && dy > 1) overlaps.push(name(a) + " over " + name(b));
  }
  const lineHeight = el => {
    const style = getComputedStyle(el);
    return parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
  };
  const dates = [...document.querySelectorAll(".govnews time, .govnews td.date")]
    .filter(visible);
  const wrapped = dates.filter(el => el.tagName === "TIME"
      ? el.getClientRects().length !== 1 || el.getBoundingClientRect().height > 1.5 * lineHeight(el)
      : [...el.querySelectorAll("time")].some(t => t.getClientRects().length !== 1))
    .map(name);
  const cut = [...document.querySelectorAll(".govnews input[placeholder]")].filter(visible)
    .filter(input => {
      const typed = input.value;
      input.value = input.placeholder;
      const over = input.scrollWidth > input.clientWidth + 1;
      input.value = typed;
      return over; })
    .map(name);
  return {overlaps, wrapped, cut, dates: dates.length,
          wider: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.fixture(scope="module")
def base(db_path):  # noqa: F811 - the fixture imported above
    with served_archive(db_path) as url:
        yield url


@pytest.fixture(autouse=True)
def _fresh(browser):
    browser.clear()


def layout_at(browser, url: str, width: int) -> list[dict]:
    """The layout checks of the page at ``url``, ``width`` pixels wide, as it opens and
    with every <details> opened."""
    page = browser.open(url)
    page.set_viewport_size({"width": width, "height": 900})
    first = page.evaluate(LAYOUT)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    opened = page.evaluate(LAYOUT)
    page.context.close()
    return [first, opened]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [
    "/find", "/find?lang=en",
    "/find?q=nguyen+duc+trung&site=www.nghean.gov.vn&category=chi+dao&since=01/01/2020"
    "&until=31/12/2024&kind=article",
    "/sites", "/sites?lang=en"])
def test_find_and_sites_hold_their_layout(browser, base, path, width):
    for checks in layout_at(browser, base + path, width):
        assert checks["overlaps"] == [], (path, width)
        assert checks["wrapped"] == [], (path, width)
        assert checks["cut"] == [], (path, width)
        assert checks["wider"] <= 0, (path, width)
    assert outside(browser.requests) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_sites_table_shows_every_date_on_one_line(browser, base, width):
    page = browser.open(base + "/sites")
    page.set_viewport_size({"width": width, "height": 900})
    checks = page.evaluate(LAYOUT)
    assert checks["dates"] >= 6 and checks["wrapped"] == []
    if width == 1280:  # the table uses the width
        share = page.evaluate("() => document.querySelector('.govnews table')"
                              ".getBoundingClientRect().width / window.innerWidth")
        assert share > 0.9
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/runs", "/runs/1", "/charts", "/sites/www.nghean.gov.vn",
                                  f"/article?url={urllib.parse.quote(URL, safe='')}"])
def test_the_other_reading_pages_hold_their_layout(browser, base, path, width):
    for checks in layout_at(browser, base + path, width):
        assert checks["overlaps"] == [] and checks["wrapped"] == [], (path, width)
        assert checks["wider"] <= 0, (path, width)


def test_the_article_page_speaks_vietnamese_and_carries_its_citation(browser, base):
    page = browser.open(f"{base}/article?url={urllib.parse.quote(URL, safe='')}")
    headings = page.locator(".govnews h2").all_inner_texts()
    assert {"Ảnh", "Tin liên quan", "Trong kho lưu trữ", "Trích dẫn"} <= set(headings)
    record = page.locator("aside.record > dl").inner_text()
    assert "Lần đầu lưu" in record and "06/12/2026 11:44 (GMT+7)" in record
    assert page.locator("header .lang-switch a").inner_text() == "English"
    meta = dict(page.evaluate(
        "() => [...document.querySelectorAll('meta[name^=citation_]')]"
        ".map(m => [m.name, m.content])"))
    assert meta.get("citation_title") == "Chủ tịch Nguyễn Đức Trung làm việc tại Vinh"
    assert "citation_publication_date" in meta or "citation_date" in meta
    assert page.locator(".cite .cite-apa").inner_text()
    assert page.locator(".cite a[download]").count() == 2
    with page.expect_navigation():
        page.locator("header .lang-switch a").click()
    browser.settle(page)
    assert "Images" in page.locator(".govnews h2").all_inner_texts()
    page.goto(f"{base}/sites")  # the cookie remembers English
    assert page.locator("h1").inner_text() == "Sites"
    assert outside(browser.requests) == []
