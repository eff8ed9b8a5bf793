"""A page that says its article is not there: the portal's answer to a withdrawn or
mistyped article address, served with status 200 in the article's own template ("Bài
viết không tồn tại hoặc đã bị gỡ bỏ.").  Read from the page's short lines of text outside
its menus, side boxes and footer, folded (no marks, lower case)."""

from __future__ import annotations

import re

from lxml import etree

from ..kernel.text import clean_text, fold
from .page import chrome_names

# What such a page says, at the start of a short line: the thing asked for, then that it
# is gone or was never there; or a plain "not found".
MISSING = re.compile(
    r"^(?:(?:rat tiec|xin loi)[,!.:]?\s*)?(?:"
    r"(?:bai viet|tin bai|ban tin|tin tuc|tin|trang|noi dung|duong dan|lien ket)"
    r"(?: ban (?:tim|dang tim|yeu cau|truy cap|muon xem))?(?: nay)?\s+"
    r"(?:khong ton tai|da bi (?:xoa|go|an)|khong con ton tai|khong tim thay|khong duoc tim thay)"
    r"|khong tim thay (?:trang|bai viet|tin bai|noi dung)"
    r"|(?:loi |error )?404(?:\s*[-:.!]?\s*(?:not found|page not found|khong tim thay[^.]*))?[.!]?$"
    r"|page not found|the page you requested|not found$)")
# How a page's evidence says so.
SAYS_MISSING = "the page says its article is missing"
# A line longer than this is prose, which may well say such words in passing.
MAX_LINE = 160
# The words any such line holds, in the cases a template writes them, looked for by
# libxml2 before any line is read in Python: most pages hold none.
_WORDS = ("tồn tại", "Tồn tại", "TỒN TẠI", "tìm thấy", "TÌM THẤY", "bị xóa", "bị xoá", "BỊ XÓA",
          "bị gỡ", "BỊ GỠ", "bị ẩn", "404", "ot found", "OT FOUND", "ot Found", "you requested")
_LINES = etree.XPath(
    "//body//text()[" + " or ".join(f"contains(., '{w}')" for w in _WORDS) + "]"
    "[not(ancestor::script or ancestor::style or ancestor::footer or ancestor::nav"
    " or ancestor::aside or ancestor::noscript)]")
_CHROME_NAMES = ("footer", "sidebar", "widget", "menu")


def says_missing(doc) -> str | None:
    """The line by which the page says its article is missing, or None."""
    for node in _LINES(doc):
        line = clean_text(str(node))
        if len(line) > MAX_LINE or not MISSING.match(fold(line)):
            continue
        parent = node.getparent()
        if parent is not None and not _in_named_chrome(parent):
            return line
    return None


def _in_named_chrome(el) -> bool:
    for anc in (el, *el.iterancestors()):
        names = chrome_names(anc)
        if any(n in names for n in _CHROME_NAMES):
            return True
    return False


def footer_share(el) -> float:
    """How much of ``el``'s text is the page's footer (``el`` itself may be one)."""
    total = len(clean_text(el.text_content()))
    if not total:
        return 0.0
    if _is_footer(el) or any(_is_footer(anc) for anc in el.iterancestors()):
        return 1.0
    inside = 0
    for sub in el.iterdescendants():
        if _is_footer(sub) and not any(_is_footer(a) for a in sub.iterancestors()):
            inside += len(clean_text(sub.text_content()))
    return inside / total


def _is_footer(el) -> bool:
    return el.tag == "footer" or "footer" in chrome_names(el)
