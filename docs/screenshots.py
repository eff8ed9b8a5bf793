"""Screenshots of the archive's web pages, as headless Chromium shows them.

Serves DB with ``govnews serve`` on 127.0.0.1, opens each PATH in Debian's Chromium
(tests/browser.py: nothing is asked of any other machine) and writes OUT/screenshot-NAME.png,
1280 pixels wide, the whole page:

    .venv/bin/python docs/screenshots.py --db archive.db articles=/archive/articles \\
        'search=/archive/articles?_search=nguyen+duc+trung'

Exits non-zero, saying why, if a page did not answer 200 or asked for anything off this
machine (the screenshot is written all the same).
"""

from __future__ import annotations

import argparse
import re
import sys
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


def page_pair(text: str) -> tuple[str, str]:
    name, sep, path = text.partition("=")
    if not sep or not NAME.match(name) or not path.startswith("/"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not NAME=PATH (NAME of letters, digits, - or _; PATH from /, "
            "e.g. articles=/archive/articles)")
    return name, path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, type=Path, help="the archive to serve")
    parser.add_argument("pages", nargs="+", type=page_pair, metavar="NAME=PATH",
                        help="a page of the served archive, e.g. articles=/archive/articles")
    parser.add_argument("--out", type=Path, default=ROOT / "docs",
                        help="directory for screenshot-NAME.png (default: docs/)")
    parser.add_argument("--width", type=int, default=1280, help="page width in pixels")
    parser.add_argument("--height", type=int, default=900,
                        help="window height in pixels (the whole page is shot)")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no archive at {args.db}")

    problems = []
    try:
        with served_archive(args.db) as base, \
                Browser(width=args.width, height=args.height) as browser:
            for name, path in args.pages:
                browser.clear()
                page = browser.open(base + path)
                out = screenshot(page, args.out / f"screenshot-{name}.png")
                print(f"{out}: {page.title()}")
                shown = [r.status for r in browser.requests
                         if r.navigation and r.url == page.url]  # after any redirect
                if not shown or shown[-1] != 200:
                    problems.append(f"{path} answered {shown[-1] if shown else 'nothing'}")
                problems += [f"{path} asked for {r.url}" for r in outside(browser.requests)]
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
