"""A list of articles told by its layout rather than by its links' shape.

On a site no module knows, an article's link is recognised by its shape (an id, a date,
an ``.html`` slug: ``urls.article_shaped``).  Some systems give their articles bare slugs
("/tin-tuc/hoi-nghi-tong-ket-cong-tac-y-te", Drupal's path aliases, many hand-made CMSs),
and then no link has a shape.  Their lists still look like lists: a run of sibling
elements of one tag and class, each a titled link to one page of the site with a date of
its own (Drupal's ``div.views-row``, a theme's ``li.item``).  That is what this module
finds; what it finds is said in the page's evidence, and each page it names is still
judged on its own when fetched.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..kernel.text import canonical_url
from .links import _in_chrome, _item_date
from .page import text_of
from .urls import collection_path, is_root

# A run of fewer items is a box, not a list (news-please and trafilatura's link
# heuristics also ask for a few alike); most items must be alike in full.
MIN_ITEMS = 3
ALIKE_SHARE = 0.8
# A title's words: "Xem thêm", "Chi tiết", "Trang 2" are not titles.
MIN_TITLE_WORDS = 4
_FILE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|jpe?g|png|gif|mp[34])$", re.I)


# Class names that say where an item stands, not what it is: Drupal's "views-row-3
# views-row-odd views-row-first", a theme's "item-2 last", "col-md-4".
_PLACE = re.compile(r"\d|(?:^|[-_])(?:first|last|odd|even|active|current|clearfix)$")


# An alternate row's style: ASP.NET's "dnnGridAltItem" beside "dnnGridItem",
# "AlternatingRow", "row-alt".
_ALTERNATE = re.compile(r"Alt(?:ernating)?(?=[A-Z])|(?:^|[-_])alt(?:ernating)?(?=[-_]|$)")


def _kind(cls: str | None) -> str:
    """An item's class names without those that number or place it (and with an alternate
    row's style as its row's), so that the rows of one list, each told apart by its place,
    are alike."""
    return " ".join(_ALTERNATE.sub("", c) for c in (cls or "").split() if not _PLACE.search(c))


def _target(item, page_url: str, host: str) -> tuple[str, str] | None:
    """The one page of the site the item links to with a title (its longest link text),
    or None when it links to none or to several.  Links to the site's collections (a category, a
    tag, the home page) and to files are the item's labels, not what it names."""
    targets: dict[str, str] = {}
    for a in item.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = canonical_url(href, page_url)
        parts = urlsplit(url)
        if (parts.netloc != host or url == page_url or is_root(url)
                or collection_path(parts.path) or _FILE.search(parts.path)):
            continue
        text = text_of(a) or (a.get("title") or "").strip()
        if len(text) >= len(targets.get(url, "")):
            targets[url] = text
    # the one titled: a byline's link to its writer ("bientap") or a "Xem thêm" is a label
    titled = [(url, title) for url, title in targets.items()
              if len(title.split()) >= MIN_TITLE_WORDS]
    return titled[0] if len(titled) == 1 else None


def repeated_items(doc, page_url: str, least: int | None = None) -> tuple[str, list] | None:
    """The page's longest run of alike items, each a titled, dated link to one page of the
    site: (what the items are, e.g. "div.views-row", [ListingEntry]), or None.  ``least``:
    fewer items will do (a list's last page may hold two)."""
    least = least or MIN_ITEMS
    from ..kernel.record import ListingEntry

    page_url = canonical_url(page_url)
    host = urlsplit(page_url).netloc
    body = doc.find("body")
    best: tuple[str, list] | None = None
    lone = None  # the element of a best run of one: a run of one inside it is the item
    for parent in (body if body is not None else doc).iter():
        groups: dict[tuple[str, str], list] = {}
        for child in parent:
            if isinstance(child.tag, str):
                groups.setdefault((child.tag, _kind(child.get("class"))), []).append(child)
        for (tag, cls), members in groups.items():
            inner = lone is not None and len(members) == 1 and lone in members[0].iterancestors()
            if len(members) < least or (best and len(members) <= len(best[1]) and not inner):
                continue
            if len(members) == 1 and not cls:  # a lone item is one only by its class's name
                continue
            entries = []
            for member in members:
                target = _target(member, page_url, host)
                date = _item_date(member) if target else None
                if target and date:
                    entries.append(ListingEntry(url=target[0], title=target[1],
                                                published_at=date))
            urls = {e.url for e in entries}
            if (len(urls) >= least and len(urls) == len(entries)
                    and len(entries) >= ALIKE_SHARE * len(members)
                    and not _in_chrome(members[0])):
                name = tag + "".join("." + c for c in cls.split()[:2])
                best, lone = (name, entries), members[0] if len(members) == 1 else None
    return best
