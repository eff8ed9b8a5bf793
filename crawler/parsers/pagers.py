"""A list's other pages as its pager shows them, whatever the system: same-site links,
written as a pager writes them (a number, "Trang 2", "»", "Trang sau", "Các tin cũ
hơn"), to the list's own address with a page number in its query or at the end of its
path; and the pages a jump menu (<select>) or a "load more" button names.

Used where no layout's rule knows the pager: a register's list, a listing of a skin or a
system no module reads.  Each page found is still fetched and judged on its own."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from ..kernel.text import canonical_url, fold
from .page import text_of

# A pager's links say a page number, "next", "last", "older" or an arrow.
_PAGER_TEXT = re.compile(r"^(?:\d{1,4}|sau|tiep|trang sau|trang tiep|tiep theo|next|cuoi"
                         r"|trang cuoi|last|truoc|trang truoc|dau|trang dau|first|prev|previous"
                         r"|(?:cac )?tin cu hon|cu hon|older|older posts|newer|)$")
_ARROWS = re.compile(r"[»«›‹<>\s]+")
# "Trang2" (a screen reader's word before the number), "Page 3"
_PAGE_WORD = re.compile(r"^(?:trang|page)\s*(?=\d)")
# WordPress's query-loop block numbers its own pager ("?query-2-page=2").
# Liferay's asset publisher numbers its pages "_101_INSTANCE_Xy12_cur=2".
_PAGER_QUERY = re.compile(r"(?:^|&)(?:page|trang|p|pg|pageindex|pagenumber|page_no|pageno"
                          r"|pagefirstrow"  # SharePoint's list view
                          r"|currentpage|start|offset|query-\d+-page|\w+_cur)=\d+",
                          re.IGNORECASE)
# /page/2/, /trang-2; EasyDNN News' /PgrID/1089/PageID/2, DNN's query written in the path
# (/currentpage/2); a WordPress page's posts widget pages its own address
# (/tin-hoat-dong/2/); a static site's index2.htm or trang2.htm; a hand-made site's
# /chinh-sach/2.html.
_PAGER_PATH = re.compile(r"/(?:page|trang|currentpage|pageindex)[-/]?\d+(?:\.html?)?/?$"
                         r"|/PgrID/\d+/PageID/\d+/?$|/\d{1,3}/?$"
                         r"|/index_?\d+\.s?html?/?$|/\d{1,3}\.html?/?$", re.IGNORECASE)
_INDEX = re.compile(r"/index\.s?html?$", re.IGNORECASE)
# A "load more" button's next page (Elementor's "e-load-more-anchor").
_NEXT_PAGE = etree.XPath("//@data-next-page", smart_strings=False)


def _says_pager(text: str) -> bool:
    said = _PAGE_WORD.sub("", _ARROWS.sub(" ", fold(text)).strip())
    return bool(_PAGER_TEXT.match(said)) and (bool(said) or bool(text.strip()))


def _base(path: str) -> str:
    """A path without its page number, and without a static site's index file name."""
    path = _INDEX.sub("/", path)
    return _PAGER_PATH.sub("", path.rstrip("/") + "/").rstrip("/")


# SharePoint's list view pages by script: onclick="RefreshPageTo(event, "\u002ftin-tuc...")".
_REFRESH_PAGE = re.compile(r"""RefreshPageTo\(\s*event\s*,\s*["']([^"']+)["']""")
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _named(doc):
    """(href, its text) of every link (or the page its script goes to), jump-menu option and
    "load more" anchor."""
    for a in doc.iter("a"):
        href, script = a.get("href"), _REFRESH_PAGE.search(a.get("onclick") or "")
        if script:
            href = _JS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), script.group(1))
        yield href, (text_of(a) or a.get("title") or a.get("aria-label")
                     or next((i.get("alt") for i in a.iter("img") if i.get("alt")), ""))
    for option in doc.iter("option"):
        if option.get("selected") is None:  # the page shown
            yield option.get("value"), text_of(option)
    for href in _NEXT_PAGE(doc):
        yield href, "next"


def pager_links(doc, url: str) -> list[str]:
    """The other pages of the list at ``url``, from its pager (see the module)."""
    here = urlsplit(url)
    here_base = _base(here.path)
    found: dict[str, None] = {}
    for href, text in _named(doc):
        href = (href or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        link = canonical_url(href, url)
        parts = urlsplit(link)
        if parts.netloc != here.netloc or link == url or not _says_pager(text):
            continue
        same_path = parts.path.rstrip("/") == here.path.rstrip("/")
        if (same_path and _PAGER_QUERY.search(parts.query)) or (
                _PAGER_PATH.search(parts.path) and _base(parts.path) == here_base):
            found[link] = None
    return list(found)
