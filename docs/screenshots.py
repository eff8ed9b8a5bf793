"""Screenshots of the archive's web pages, as headless Chromium shows them.

Serves DB with ``govnews serve`` on 127.0.0.1, opens each PATH in Debian's Chromium
(tests/browser.py: nothing is asked of any other machine) and writes OUT/screenshot-NAME.png,
1280 pixels wide, the whole page:

    .venv/bin/python docs/screenshots.py --db archive.db articles=/archive/articles \\
        'search=/archive/articles?_search=nguyen+duc+trung'

``--reading`` adds the reading pages (article, history, raw, document, find, sites, site,
runs, run, charts), picked from the archive: the article richest in images, files and
links (and the history of the one whose title changed last), the document most cited,
the site with most articles, the last run.  ``--langs
vi,en`` shoots each page in each language (``?lang=``) and ``--widths 360,1280`` at each
width, as OUT/screenshot-NAME-LANG-WIDTH.png; a page longer than ``--max-height`` pixels
is cut there, to keep the files small.  ``--replica`` first makes DB from the replica of
the portal family: crawled with its subsites, then again after one article was edited
and another removed, so that a history has words to compare.  The README's screenshots:

    .venv/bin/python docs/screenshots.py --replica --db /tmp/shots.db --reading \\
        --langs vi,en --widths 360,1280

Exits non-zero, saying why, if a page did not answer 200 or asked for anything off this
machine (the screenshot is written all the same).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import (  # noqa: E402
    Browser,
    ChromiumMissing,
    outside,
    screenshot,
    served_archive,
)

NAME = re.compile(r"^[A-Za-z0-9_-]+$")
# The replica's article edited before the second crawl (--replica), its new title, and
# the one removed.
EDITED, REMOVED = "669820", "598830"
NEW_TITLE = "Công điện khẩn của Chủ tịch UBND tỉnh về ứng phó với bão số 4 (Noru)"
# An article's richness: its archived images, its files, its related news, its citations.
RICHEST_ARTICLE = """
select a.url from articles a order by
  (select count(*) from images i join files f on f.url = i.url and f.state = 'archived'
    where i.article_url = a.url) * 3
  + (select count(*) from attachments t where t.article_url = a.url)
  + (select count(*) from related_links r where r.article_url = a.url)
  + (select count(*) from citations c where c.article_url = a.url)
  + (select count(*) from article_versions v where v.url = a.url) * 5 desc, a.url limit 1"""
# The article whose title changed last (its history has words to compare), if any.
RETITLED_ARTICLE = """
select v.url from article_versions v join articles a on a.url = v.url
where json_extract(v.record, '$.title') != a.title order by v.replaced_at desc, v.url limit 1"""
MOST_CITED_DOCUMENT = """
select d.url from documents d order by
  (select count(*) from citations c where c.number_key = d.number_key) desc, d.url limit 1"""


def page_pair(text: str) -> tuple[str, str]:
    name, sep, path = text.partition("=")
    if not sep or not NAME.match(name) or not path.startswith("/"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not NAME=PATH (NAME of letters, digits, - or _; PATH from /, "
            "e.g. articles=/archive/articles)")
    return name, path


def reading_pages(db: Path) -> list[tuple[str, str]]:
    """(name, path) of each reading page, the records shown picked from the archive."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        article = con.execute(RICHEST_ARTICLE).fetchone()
        retitled = con.execute(RETITLED_ARTICLE).fetchone() or article
        document = con.execute(MOST_CITED_DOCUMENT).fetchone()
        site = con.execute("select site from articles group by site order by count(*) desc"
                           " limit 1").fetchone()
        run = con.execute("select max(id) from crawl_runs").fetchone()
    finally:
        con.close()

    def q(url: str) -> str:
        return urllib.parse.quote(url, safe="")

    pages = []
    if article:
        pages += [("article", f"/article?url={q(article[0])}"),
                  ("history", f"/article/history?url={q(retitled[0])}"),
                  ("raw", f"/article/raw?url={q(article[0])}")]
    if document:
        pages.append(("document", f"/document?url={q(document[0])}"))
    pages += [("find", "/find?q=nguyen+duc+trung"), ("sites", "/sites")]
    if site:
        pages.append(("site", f"/sites/{site[0]}"))
    pages.append(("runs", "/runs"))
    if run and run[0]:
        pages.append(("run", f"/runs/{run[0]}"))
    return pages + [("charts", "/charts")]


def crawl_replica(db: Path) -> None:
    """DB made from the replica: a crawl with the subsites, then another after an edit
    and a removal (tests/test_browser_view.py does the same)."""
    from crawler.replica import build_site
    from crawler.replica.family import PORTAL_HOST, FamilyProxy, build_family
    from tests.conftest import family_crawl

    if db.exists():
        raise SystemExit(f"{db} exists: --replica makes a new archive")
    main = f"http://{PORTAL_HOST}"
    with FamilyProxy(build_family(), port=0) as proxy:
        runs = [family_crawl(proxy, db, main, "--subsites")]
        proxy.family = build_family(portal=build_site(
            edit={EDITED: {"title": NEW_TITLE}}, remove=[REMOVED]))
        runs.append(family_crawl(proxy, db, main, "--subsites", "--full", "--refresh"))
    for run in runs:
        print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "crawled",
              file=sys.stderr)


def shots(pages, langs, widths) -> list[tuple[str, str, int]]:
    """(file name, path, width) of each screenshot asked for."""
    out = []
    for width in widths:
        for name, path in pages:
            if not langs:
                suffix = "" if len(widths) == 1 else f"-{width}"
                out.append((f"screenshot-{name}{suffix}.png", path, width))
                continue
            for lang in langs:
                sep = "&" if "?" in path else "?"
                out.append((f"screenshot-{name}-{lang}-{width}.png", f"{path}{sep}lang={lang}",
                            width))
    return out


def shoot(page, path: Path, max_height: int) -> Path:
    """The page, whole or its first ``max_height`` pixels, as a PNG at ``path``."""
    height = page.evaluate("() => document.documentElement.scrollHeight")
    if height <= max_height:
        return screenshot(page, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(path), full_page=True, type="png", animations="disabled",
                    clip={"x": 0, "y": 0, "width": width, "height": max_height})
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, type=Path, help="the archive to serve")
    parser.add_argument("pages", nargs="*", type=page_pair, metavar="NAME=PATH",
                        help="a page of the served archive, e.g. articles=/archive/articles")
    parser.add_argument("--replica", action="store_true",
                        help="first make DB (a new file) from the replica, crawled twice")
    parser.add_argument("--reading", action="store_true",
                        help="the reading pages too, their records picked from the archive")
    parser.add_argument("--langs", default="",
                        help="languages to shoot each page in, e.g. vi,en (?lang=)")
    parser.add_argument("--widths", default="",
                        help="page widths in pixels, e.g. 360,1280 (instead of --width)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs",
                        help="directory for screenshot-NAME.png (default: docs/)")
    parser.add_argument("--width", type=int, default=1280, help="page width in pixels")
    parser.add_argument("--height", type=int, default=900,
                        help="window height in pixels (the whole page is shot)")
    parser.add_argument("--max-height", type=int, default=1400,
                        help="cut a longer page at this many pixels")
    args = parser.parse_args(argv)
    if args.replica:
        crawl_replica(args.db)
    if not args.db.is_file():
        parser.error(f"no archive at {args.db}")
    pages = list(args.pages) + (reading_pages(args.db) if args.reading else [])
    if not pages:
        parser.error("name a page (NAME=PATH) or ask for --reading")
    langs = [x for x in args.langs.split(",") if x]
    widths = [int(x) for x in args.widths.split(",") if x] or [args.width]

    plan = shots(pages, langs, widths)
    problems = []
    try:
        with served_archive(args.db) as base:
            for width in widths:
                with Browser(width=width, height=args.height) as browser:
                    for filename, path in [(f, p) for f, p, w in plan if w == width]:
                        browser.clear()
                        page = browser.open(base + path)
                        out = shoot(page, args.out / filename, args.max_height)
                        print(f"{out}: {page.title()}")
                        shown = [r.status for r in browser.requests
                                 if r.navigation and r.url == page.url]  # after any redirect
                        if not shown or shown[-1] != 200:
                            problems.append(
                                f"{path} answered {shown[-1] if shown else 'nothing'}")
                        problems += [f"{path} asked for {r.url}"
                                     for r in outside(browser.requests)]
                        page.context.close()
                problems += browser.off_machine()
    except ChromiumMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    for problem in problems:
        print(f"screenshots: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
