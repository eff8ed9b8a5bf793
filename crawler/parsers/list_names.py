"""Names: the category a trail or a menu names for an article's page (breadcrumb_category,
parent_link_name); a list's name as its page prints it, its <h1> unless that names the site
(a theme's banner), else its <title> without the site's name, without what the name is
printed with ("Chuyên mục:", WordPress' "Archives", "Trang 2 trên 3")."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..kernel.text import canonical_url, clean_text, fold
from .bylines import is_org
from .page import text_of

# --- a trail's names: the category an article's page names ------------------------------

HOME_LABELS = {fold(x) for x in ("trang chủ", "home", "trang chu", "")}


def parent_link_name(doc, url: str) -> str | None:
    """The name the page links the address above the article's by ("/news/Thong-bao/" for
    "/news/Thong-bao/Lich-tiep-dan-122/"): its category's, in a menu or a trail."""
    parts = urlsplit(canonical_url(url))
    parent = parts.path.rstrip("/").rsplit("/", 1)[0]
    if parent.count("/") < 2:  # the site's root, or a module at its top: no category
        return None
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if href and urlsplit(canonical_url(href, url)).path.rstrip("/") == parent:
            name = text_of(a) or clean_text(a.get("title"))
            if name and len(name) <= 80 and fold(name) not in HOME_LABELS:
                return name
    return None


def breadcrumb_category(items, title: str | None) -> str | None:
    """The trail's last item that is neither home nor the page's own title (whole, or cut
    short: "Hội nghị triển khai…")."""
    names = [clean_text(x).strip(" >»›/|").strip() for x in items]
    # (a name as long as a headline is one)
    names = [n for n in names if n and fold(n) not in HOME_LABELS and len(n) <= 80
             and not n.endswith(":")]  # (a label before the trail: Joomla's "Bạn đang ở:")
    if title:
        names = [n for n in names if n != title and not _cut_title(n, title)]
    return names[-1] if names else None


def _cut_title(name: str, title: str) -> bool:
    stem = name.rstrip(".… ")
    return stem != name and len(stem) >= 10 and title.startswith(stem)


# --- a list's own name -----------------------------------------------------------------

# What a list's name is printed with: its kind before it ("Chuyên mục: Tin tức"), WordPress'
# "Archives" and the page's number after it ("... Archives - Trang 2 trên 3").
_NAME_LABEL = re.compile(r"^(?:(?:chuyên mục|danh mục|category|lưu trữ|loại văn bản|thể loại)\s*:\s*"
                         r"|lưu trữ\s+(?=\S))",
                         re.IGNORECASE)
_NAME_TAIL = re.compile(r"(?:\s+(?:archives|lưu trữ))?(?:\s+[-|–]\s+(?:trang|page)\s+\d+.*)?$",
                        re.IGNORECASE)


def page_name(title: str) -> str:
    """The page's own name in its <title>: without the site's after or before it (an
    office, a portal: "Sở Y tế tỉnh Hà Tĩnh", "Cổng TTĐT tỉnh"), and whole when it holds a dash
    itself ("Tin tức - Sự kiện", "Văn hóa - Xã hội", whose first part names another list)."""
    # (split keeping each separator as printed: WordPress prints " - " as " – ")
    pieces = re.split(r"(\s+[-|–—]\s+)", title)
    parts, seps = pieces[::2], pieces[1::2]
    while len(parts) > 1 and is_org(parts[-1]) and len(parts[-1].split()) >= 3:
        parts.pop()
        seps.pop()
    # ... or before it ("Trung tâm Y tế dự phòng tỉnh Nghệ An - Phòng chống dịch bệnh").
    rest = " - ".join(parts[1:])
    if rest and names_an_office(parts[0]) and not names_an_office(rest) and not all(
            w[:1].isupper() for w in rest.replace(" - ", " ").split()):  # nor a place's name
        parts.pop(0)
        seps.pop(0)
    return list_name(parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:])))


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


def listing_name(doc) -> str | None:
    """A list page's name: its first <h1> not naming the site, else its trail's last item,
    else its <title>'s page name, unless that is an office's."""
    heading = next((h for h in doc.iter("h1") if not site_heading(h)), None)
    if heading is not None and list_name(text_of(heading)):
        return list_name(text_of(heading))
    trail = _trail_end(doc)
    if trail:
        return trail
    title = doc.find(".//title")
    name = page_name(clean_text(title.text_content())) if title is not None else None
    # A <title> naming only an office is the site's name (its home page's), not a list's.
    return None if not name or names_an_office(name) else name


# An office's name ends with its place: "... tỉnh Nghệ An", "UBND xã Kim Liên", "... TP Vinh"
# (written without marks too).
_PLACE_END = re.compile(r"\b(?:tinh|huyen|xa|phuong|thi xa|thi tran|thanh pho|tp\.?|quan)"
                        r"(?:\s+\S+){1,3}$")


def names_an_office(name: str) -> bool:
    """Whether ``name`` is an office's or a site's name ("Sở Khoa học và Công nghệ tỉnh
    Nghệ An", "Trường THPT Quỳnh Lưu 1"), not a headline that opens with one ("Bộ Y tế
    hướng dẫn ...")."""
    words = name.replace(" - ", " ").split()
    if not is_org(name) or len(words) < 2:
        return False
    tail = [w for w in words[-3:] if not w.isdigit()][-2:]
    if tail and all(w[:1].isupper() for w in tail):  # a place's name last: "... Nghệ An"
        return True
    return bool(_PLACE_END.search(fold(name)) and tail and tail[-1][:1].isupper()) or all(
        w[:1].isupper() or w.isdigit() for w in words)


_TRAIL = re.compile(r"\s*[>»›]\s*")


def _trail_end(doc) -> str | None:
    """The last item of the page's trail (<div class="breadcrumb">: its <li>, or its text's
    parts between "»" or ">") that is no home page's."""
    for el in doc.iter("div", "ol", "ul", "nav", "p"):
        if "breadcrumb" in (el.get("class") or "").lower():
            items = [text_of(li) for li in el.iter("li")] or _TRAIL.split(text_of(el))
            return breadcrumb_category(items, None) if len(items) >= 2 else None
    return None
