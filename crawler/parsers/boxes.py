"""The boxes around an article's text and a list's items: the related block's labels,
the side boxes a label heads ("Tin xem nhiều", "Các tin khác"), and the boxes of related
links an editor sets inside the text.  Read by ``links`` (a list's own items, related
articles), ``body`` (the text without them) and ``documents`` (a register's own rows).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from ..kernel.text import fold
from .page import text_of, xp
from .sieve import tree_root

RELATED_LABELS = ("tin cùng chuyên mục", "tin liên quan", "tin khác", "các tin khác",
                  "bài liên quan", "tin bài liên quan", "các tin liên quan", "tin đã đưa",
                  "các tin đã đưa", "bài viết liên quan", "tin tức liên quan",
                  "tin cùng loại", "tin cùng chủ đề", "các bài viết khác", "bài viết khác",
                  # a photo story's, a bulletin's ("Bản tin dự báo thời tiết")
                  "tin ảnh khác", "bản tin liên quan", "các bản tin khác",
                  # Liferay's asset links ("Related Assets" in its Vietnamese edition)
                  "nội dung liên quan",
                  "bài viết cùng chuyên mục", "các bài viết cùng chuyên mục",
                  "các tin cùng chuyên mục", "tin bài cùng chuyên mục", "bài cùng chuyên mục",
                  # NukeViet's detail page: the newer and the older items of its category
                  "những tin mới hơn", "những tin cũ hơn", "tin mới hơn", "tin cũ hơn",
                  # the English editions of ministries' and provinces' sites
                  "related news", "related articles", "related stories", "related posts",
                  "related content", "more on this story")
# Side boxes that sit next to the related block and are not related news.
OTHER_BOX_LABELS = ("tin nổi bật", "tin mới", "tin mới nhất", "tin xem nhiều", "xem nhiều nhất",
                    "tin đọc nhiều", "đọc nhiều nhất", "liên kết website", "thông báo", "video",
                    "thư viện ảnh", "album khác", "video khác", "tin tiêu điểm", "tin nóng",
                    "sự kiện nổi bật", "tiêu điểm",
                    "văn bản mới", "lịch công tác", "thăm dò ý kiến", "thống kê truy cập")
_FOLDED_RELATED = {fold(x) for x in RELATED_LABELS}
_FOLDED_OTHER = {fold(x) for x in OTHER_BOX_LABELS}
# A side box is headed by either: a list page's "Tin khác" box is none of its list.
_FOLDED_BOXES = _FOLDED_OTHER | _FOLDED_RELATED
_POINTERS = {fold(x) for x in ("xem thêm", "đọc thêm", "mời xem thêm")}  # "Xem thêm: <a>…</a>"


@lru_cache(maxsize=2048)  # a site's boxes repeat their labels on every page
def _label_key(text: str) -> str:
    return fold(text).strip(" :»>-–|").strip()


def inline_related_boxes(body_el) -> list:
    """Boxes of related links an editor set inside the text (a floated table, a paragraph
    headed "Tin liên quan" over a few links, a "Xem thêm:" pointer): each the outermost
    block around its label that holds links and, besides their titles, no more than a
    label's words."""
    boxes: list = []
    for el in body_el.iter(etree.Element):
        label = (el.text or "").strip()
        if (el is body_el or not label or len(label) > 40
                or _label_key(label) not in _FOLDED_RELATED | _POINTERS
                or any(b is el or b in el.iterancestors() for b in boxes)):
            continue
        box = el
        while box is not body_el and not any(True for a in box.iter("a") if a.get("href")):
            box = box.getparent()
        links = [a for a in box.iter("a") if a.get("href")]
        if box is body_el or len(text_of(box)) - sum(len(text_of(a)) for a in links) > 60:
            continue
        while box.getparent() is not body_el and text_of(box.getparent()) == text_of(box):
            box = box.getparent()
        boxes.append(box)
    return boxes


def side_boxes(doc, page_url: str) -> list:
    """The boxes a side box's label heads ("Tin xem nhiều", "TIN MỚI"), unless the label
    is the page's own name (the "Tin nổi bật" category: its first <h1>, its <title>, its
    address's last part): each the smallest element around its label that holds a link
    besides it."""
    # (the first <h1>: Liferay heads each portlet with one, its side boxes' too)
    own = {fold(text_of(h)) for h in xp(doc, "//h1")[:1]}
    slug = urlsplit(page_url).path.rstrip("/").rsplit("/", 1)[-1]
    own.add(fold(re.sub(r"[-_]+", " ", re.sub(r"(?:-\d+)?(?:\.\w+)?$", "", slug))))
    title_el = doc.find(".//title")
    if title_el is not None:
        own.update(fold(p) for p in re.split(r"\s+[-|–—:»]\s+", text_of(title_el)))
    boxes = []
    for el in tree_root(doc).iter(etree.Element):
        text = el.text
        if not text or len(text) > 60 or not text.strip() or el.tag == "option":
            continue  # (a menu's choice that names a box's kind heads none)
        key = _label_key(text)
        if key not in _FOLDED_BOXES or key in own or _label_key(el.text_content()) != key:
            continue
        box = el.getparent()
        while box is not None and box.tag not in ("body", "html"):
            if any(not (a is el or el in a.iterancestors()) for a in box.iter("a")
                   if a.get("href")):
                boxes.append(_box_after(el, box))
                break
            box = box.getparent()
    return boxes


def _box_after(label, box):
    """The box ``label`` heads inside ``box``: ``box``, unless links come before the label
    in it (a list's own items over "Các tin khác" in one column): then what follows the
    label, the links it heads."""
    for node in box.iter():
        if node is label:
            return box
        if node.tag == "a" and node.get("href"):
            break
    after = [s for s in label.itersiblings() if isinstance(s.tag, str) and s.find(".//a") is not None]
    return after[0] if after else box
