"""A list's name as its page prints it: its <h1> unless that names the site (a theme's
banner), else its <title> without the site's name; without what the name is printed
with ("Chuyên mục:", WordPress' "Archives", "Trang 2 trên 3")."""

from __future__ import annotations

import re

from .bylines import is_org

_TITLE_PARTS = re.compile(r"\s+[-|–—]\s+")
# What a list's name is printed with: its kind before it ("Chuyên mục: Tin tức"), WordPress'
# "Archives" and the page's number after it ("... Archives - Trang 2 trên 3").
_NAME_LABEL = re.compile(r"^(?:chuyên mục|danh mục|category|lưu trữ)\s*:\s*", re.IGNORECASE)
_NAME_TAIL = re.compile(r"(?:\s+(?:archives|lưu trữ))?(?:\s+[-|–]\s+(?:trang|page)\s+\d+.*)?$",
                        re.IGNORECASE)


def page_name(title: str) -> str:
    """The page's own name in its <title>: without the site's after it (an office, a
    portal: "Sở Y tế tỉnh Hà Tĩnh", "Cổng TTĐT tỉnh"), and whole when it holds a dash
    itself ("Tin tức - Sự kiện", "Văn hóa - Xã hội", whose first part names another list)."""
    parts = _TITLE_PARTS.split(title)
    while len(parts) > 1 and is_org(parts[-1]) and len(parts[-1].split()) >= 3:
        parts.pop()
    return list_name(" - ".join(parts))


def list_name(text: str) -> str:
    """A list's name without what it is printed with (_NAME_LABEL, _NAME_TAIL)."""
    return _NAME_TAIL.sub("", _NAME_LABEL.sub("", text)).strip() or text


# A page's banner: where a theme sets the site's name in an <h1> of its own.
_BANNER = re.compile(r"site-?(?:title|name)|logo|brand|banner|masthead|(?:^|\s)header", re.IGNORECASE)


def site_heading(h1) -> bool:
    """An <h1> that names the site (in the page's header or banner, or its logo), not the
    page."""
    return any(a.tag == "header" or _BANNER.search(f"{a.get('class') or ''} {a.get('id') or ''}")
               for a in (h1, *h1.iterancestors()) if a.tag not in ("body", "html"))
