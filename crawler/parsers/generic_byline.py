"""The fallback parser's byline, credit, category and tags (parsers.generic): the writers
that JSON-LD, the article's byline elements or its meta lines name (never an account, a
paper or the site's own name; an office only in a byline's element), the meta lines
between the title and the text, a credit printed in a field of its own, the category from
a breadcrumb trail, and the tags.
"""

from __future__ import annotations

import re

from lxml import etree

from ..kernel.text import clean_text, fold
from . import bylines
from .bylines import (
    SiteNames,
    byline_date,
    bylines_together,
    credit_of,
    is_outlet,
    join_authors,
    names_people,
)
from .generic_fields import meta
from .generic_index import (
    AUTHOR_SEL,
    BREADCRUMB_SEL,
    CATEGORY_LINK_SEL,
    MENU_CATEGORY_SEL,
    SOURCE_SEL,
    TAGS_SEL,
    Page,
    _attr_text,
    _is_leaf,
    first_prose,
)
from .generic_patterns import ACCOUNT_SELECTORS, BLOCKS, INLINE, LABELLED_AUTHOR, OTHERS_ATTR
from .jsonld import jsonld_breadcrumb, jsonld_people
from .list_names import HOME_LABELS, breadcrumb_category
from .page import text_of, xp

# --- byline, credit, category, tags -----------------------------------------------------

def clean_author(text: str | None, names: SiteNames | None = None) -> str | None:
    """A byline as printed, without its labels, date and photographer, several writers
    joined with ", "; None for an account, an organisation or the site's own name."""
    return bylines.clean_author(text, names)


def _jsonld_authors(ld, names, well_formed: bool) -> str | None:
    """The people JSON-LD names as the article's authors.  ``well_formed``: only when
    written as schema.org asks (an object, or a list of objects, with names); else only
    when not (a bare string, a list mixing strings and objects): such a template is
    trusted less than the byline the page prints, and asked after it."""
    value = ld.get("author") if ld else None
    formed = isinstance(value, dict) or (isinstance(value, list) and bool(value)
                                         and all(isinstance(x, dict) for x in value))
    if value is None or formed != well_formed:
        return None
    writers = []
    for person in jsonld_people(value):
        if not person.organisation:
            writers.extend((clean_author(person.name, names) or "").split(", "))
    return join_authors(w for w in writers if w)


def _someone_elses(el) -> bool:
    return any(anc.tag in ("aside", "nav") or OTHERS_ATTR.search(_attr_text(anc))
               for anc in (el, *el.iterancestors()) if anc.tag not in ("body", "html"))


def author(page: Page, ld, meta_map, region, names: SiteNames, meta_lines: list[str],
           sources) -> str | None:
    """JSON-LD's people, then the article's byline elements (all the writers they name,
    each once), then a "Tác giả:" or a byline printed beside the date in the lines around
    the title; never an account ("admin"), an organisation or the site's own name.  The
    byline under the body comes next, then late_author."""
    name = _jsonld_authors(ld, names, well_formed=True)
    if name:
        sources["author"] = "jsonld"
        return name
    for at, sel in enumerate(AUTHOR_SEL):
        # An office in a byline's element ("Phòng Quản lý khoa học" in Drupal's "Tác giả"
        # field) is the byline as printed; in a posting account's, no one.
        offices = at < len(AUTHOR_SEL) - ACCOUNT_SELECTORS

        def named(el, offices=offices):
            # (without the credit the line gives in brackets: "Ngọc Mai (Theo Báo X)")
            text = bylines.split_byline(page.text(el))[0] or ""
            return bylines.clean_author(text, names, organisations=offices and not is_outlet(text))

        # Anchored on the first that names someone: an "admin" box may come first.
        found = bylines_together([el for el in page.select(region, sel)
                                  if not _someone_elses(el) and named(el)])
        name = join_authors(w for el in found for w in named(el).split(", "))
        if name:
            sources["author"] = "layout"
            return name
    for text in meta_lines:
        match = LABELLED_AUTHOR.search(text)
        name = clean_author(match.group(1), names) if match else None
        if name:
            sources["author"] = "layout"
            return name
    for text in meta_lines:
        dated = byline_date(text)
        if dated and names_people(dated[0]):
            name = clean_author(dated[0], names)
            if name:
                sources["author"] = "layout"
                return name
    name = _after_person_icon(page, region, names)
    if name:
        sources["author"] = "layout"
    return name


# A person's icon before the writer's name in a meta line: Bootstrap Icons' "bi-person",
# Font Awesome's "fa-user", a theme's "icon-user" ("<i class="bi bi-person"></i> Hồng Hạnh").
_PERSON_ICON = etree.XPath(".//i[contains(concat(' ', @class, ' '), ' bi-person ') or contains("
                           "concat(' ', @class, ' '), ' fa-user ') or contains(concat(' ', @class,"
                           " ' '), ' icon-user ') or contains(@class, 'glyphicon-user')]")


def _after_person_icon(page: Page, region, names: SiteNames) -> str | None:
    for icon in _PERSON_ICON(region):
        text = clean_text(icon.tail)
        if text and names_people(text) and not _someone_elses(icon):
            return clean_author(text, names)
    return None


def late_author(ld, meta_map, names: SiteNames, sources) -> str | None:
    """When neither the head of the article nor its end prints a byline: JSON-LD's author
    written as a bare string, then <meta name="author"> (which many sites fill with their
    own name: never taken then)."""
    name = _jsonld_authors(ld, names, well_formed=False)
    if name:
        sources["author"] = "jsonld"
        return name
    name = clean_author(meta(meta_map, "author", "article:author", "dc.creator"), names)
    if name:
        sources["author"] = "meta"
        return name
    return None


def _line_of_its_own(el) -> bool:
    """An inline element set straight in a block, as a line of its own (<span
    class="date">Hồ Phương - 30/06/2024</span> between the title and the text)."""
    parent = el.getparent()
    return (el.tag in INLINE and el.tag != "a" and parent is not None
            and parent.tag not in INLINE and not any(
                isinstance(c.tag, str) and c.tag in BLOCKS for c in el.iter()))


def meta_lines(page: Page, region, title_el, body_el) -> list[str]:
    """The short lines between the title and the body ("Đăng ngày: ... | Tác giả: ..."),
    then those just after the body ("Về tác giả: ..." in an author box)."""
    start = page.order.get(title_el, page.order.get(region, 0))
    body_start = first_prose(page, body_el)
    body_end = page.end.get(body_el, body_start)
    before, after = [], []
    order = page.order
    for el in region.iter():
        i = order.get(el)  # None for a comment or an element the walk did not see
        # Outside both stretches first: the cheap test, before the shape of the element.
        if i is None or not (start < i < body_start or i > body_end) or not (
                _is_leaf(el) or _line_of_its_own(el)):
            continue
        if start < i < body_start and not page.in_noise(el) and len(page.text(el)) <= 200:
            before.append(page.text(el))
        elif i > body_end and len(after) < 12 and len(page.text(el)) <= 80 \
                and not _someone_elses(el):
            after.append(page.text(el))
    page.head_lines = before
    return before + after


def source_field(page: Page, region) -> str | None:
    """A credit printed in a field of its own ("Nguồn: Báo Nghệ An"), or beside the date
    under the title ("Theo Báo Nghệ An - 07/03/2026 08:47")."""
    for el in page.select_all(region, SOURCE_SEL):
        text = re.sub(r"^\s*(?:nguồn(?:\s+tin)?|source|via)\s*[:：]?\s*", "", page.text(el),
                      flags=re.I)
        if text:
            return text
    for line in page.head_lines:
        dated = byline_date(line)
        credit = credit_of(dated[0]) if dated else None
        if credit:
            return credit
    return None


def category(page: Page, title_text: str) -> str | None:
    """The last breadcrumb item that is neither home nor the title: class-named trails
    first, then JSON-LD's, then a run of links after "Trang chủ" joined by » > / ›, then
    a JSON-LD list written wrong."""
    name = _field_category(page)  # Drupal's taxonomy field, which its path trail knows not
    if name:
        return name
    for sel in BREADCRUMB_SEL:
        name = breadcrumb_category([el.text_content() for el in page.select(page.root, sel)
                                    if not _menu_path(el)], title_text)
        if name:
            return name
    name = breadcrumb_category(jsonld_breadcrumb(page.doc, well_formed=True), title_text)
    if name:
        return name
    for sel in CATEGORY_LINK_SEL:  # the meta line's "Chuyên mục: <a>Kinh tế</a>"
        found = [text_of(el) for el in page.select(page.root, sel)]
        if found and found[0]:
            return found[0]
    name = _labelled_field(page)
    if name:
        return name
    name = _trail_category(page, title_text) or _text_trail(page, title_text)
    if name:
        return name
    for sel in MENU_CATEGORY_SEL:
        name = breadcrumb_category([text_of(el) for el in page.select(page.root, sel)][:1],
                                   title_text)
        if name:
            return name
    # A template's list written wrong (lists in lists, positions as text) still names the
    # category when the page shows no trail.
    return breadcrumb_category(jsonld_breadcrumb(page.doc, well_formed=False),
                                    title_text)


# A Drupal field labelled as the category, whatever its machine name ("field-tags"):
# <div class="field-label">Chuyên mục:</div><div class="field-items"><a>…</a> (7), the
# label "field__label" (8 and later).
_FIELD_LABELS = etree.XPath("//*[contains(@class, 'field-label') or contains(@class, 'field__label')]")


# The meta line's label before the category: "Chuyên mục: <a>An ninh trật tự</a>", or as
# text "Ngày đăng: 02/12/2024 14:35 | Chuyên mục: Văn hóa".
_CATEGORY_LABEL = re.compile(r"(?:^|[|•·]\s*)(?:chuyên mục|danh mục)\s*[:：]\s*([^|•·]{0,60}?)\s*(?=[|•·]|$)",
                             re.IGNORECASE)


def _field_category(page: Page) -> str | None:
    for label in _FIELD_LABELS(page.root):
        if fold(text_of(label)).rstrip(": ") in ("chuyen muc", "danh muc"):
            items = label.getnext()
            link = items.find(".//a") if items is not None else None
            if link is not None and text_of(link):
                return text_of(link)
    return None


def _labelled_field(page: Page) -> str | None:
    for el in page.root.iter("span", "dd", "div", "p", "li", "td"):
        own = el.text or ""
        if ":" not in own or len(own) > 200 or not ("mục" in own.lower() or "muc" in fold(own)):
            continue
        text = clean_text(own)
        found = _CATEGORY_LABEL.search(text)
        if found is None or el not in page.order:
            continue
        if found.group(1):
            return found.group(1)
        link = el.find("a")  # the label's own link, right after it
        if link is not None and not (own.strip().endswith(tuple("|•·"))) and text_of(link):
            return text_of(link)
    return None


_TRAIL_TEXT = re.compile(r"^\s*(?:trang chủ|home)\s*[>»›]\s*(.{2,100}?)\s*$", re.IGNORECASE)


def _text_trail(page: Page, title_text: str) -> str | None:
    """A trail written as text, no link in it: "Trang chủ > Tin hoạt động" (a hand-made
    site's line above the article)."""
    for el in page.root.iter("font", "span", "div", "p", "td"):
        text = (el.text or "").strip()
        if (len(el) or text[:1] not in "TtHh" or not fold(text[:12]).startswith(("trang chu", "home"))
                or el not in page.order):
            continue  # (a legacy page's text is not composed: folded, it is)
        trail = _TRAIL_TEXT.match(page.text(el))
        if trail:
            return breadcrumb_category(re.split(r"\s*[>»›]\s*", trail.group(1)), title_text)
    return None


def _menu_path(el) -> bool:
    """Inside a menu's item that DNN marks as on the current page's path (<li class="item
    selected breadcrumb">, holding its submenu), or a menu inside what a skin names a
    breadcrumb (SharePoint's top navigation, <div class="ms-breadcrumb-top">): no trail."""
    for a in el.iterancestors():
        names = f"{a.get('class') or ''} {a.get('id') or ''}"
        if a.tag == "li" and "breadcrumb" in names.split():
            return True
        if "breadcrumb" in names.lower():
            return False
        if "menu" in names.lower():
            return True
    return False


def _trail_category(page: Page, title_text: str) -> str | None:
    for a in page.root.iter("a"):
        label = (a.text or "").strip()
        if not label or len(label) > 12 or fold(label) not in HOME_LABELS or a not in page.order:
            continue
        trail = a.getparent()
        for _ in range(3):
            if trail is None or trail.tag in INLINE - {"span"}:
                break
            links = trail.findall(".//a")
            text = page.text(trail)
            if 2 <= len(links) <= 5 and len(text) <= 150 and re.search(r"[»›>/]", text) \
                    and "|" not in text:
                return breadcrumb_category([text_of(x) for x in links], title_text)
            if len(links) > 5:
                break
            trail = trail.getparent()
    return None


def tags(page: Page, region) -> list[str]:
    for scope in (region, page.root):
        for sel in TAGS_SEL:
            found = [t for t in dict.fromkeys(page.text(a) for a in page.select(scope, sel)) if t]
            found = [t for t in found if fold(t).rstrip(": ") not in ("tags", "tag", "nhan",
                                                                    "tu khoa")]
            if found:
                return found
    return [clean_text(x) for x in dict.fromkeys(
        el.get("content") for el in xp(page.doc, '//meta[@property="article:tag"]')) if x]
