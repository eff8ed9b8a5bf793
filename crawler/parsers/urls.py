"""The shape of a URL: a site's root, a collection or a service page, an article's address
on a site no module knows.  Pure string functions, asked for every link of every page.

News-please judges links the same way (a slug, a date path, an id); the page names
Vietnamese portals use for their service pages are written here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

# A site's root under another name: "/index.html", "/Default.aspx", "/trang-chu", "/vi/".
ROOT_PATH = re.compile(r"^/(?:(?:index|default|home|trang-?chu|portal)(?:\.\w{2,5})?|vi|en|vn)/?$",
                       re.IGNORECASE)
# Path segments that name a collection or a service page, never one article.  Matched on a
# whole segment (its extension dropped).
COLLECTION_SEGMENTS = {
    "tag", "tags", "the", "tu-khoa", "tukhoa", "keyword", "keywords", "author", "authors",
    "tac-gia", "category", "categories", "chuyen-muc", "danh-muc", "search", "tim-kiem",
    "timkiem", "ket-qua-tim-kiem", "sitemap", "site-map", "so-do-trang", "so-do-site",
    "so-do-website", "so-do-cong", "lien-he", "lienhe", "contact", "contact-us", "gioi-thieu",
    "gioithieu", "about", "about-us", "login", "dang-nhap", "dangnhap", "register",
    "dang-ky", "feed", "rss", "archive", "archives", "luu-tru", "page", "trang", "hoi-dap",
    "faq", "gop-y", "wp-login", "wp-admin", "lich-cong-tac", "lich-xet-xu", "lichxetxu",
    "videos", "video-clip", "gallery", "thu-vien-anh", "thu-vien-video", "leadership",
    "taxonomy",  # Drupal's term pages: "/taxonomy/term/5"
}
# An article's print view ("/print/tin-tuc/{alias}-{id}.html", NukeViet's "/news/print/..."):
# the same article again under another address, so no link to one is followed as an
# article's (reached, it is still read as the article it prints).
PRINT_SEGMENTS = {"print", "printpreview", "print-preview", "ban-in", "in-bai-viet"}
PRINT_VIEW = re.compile(r"/(?:" + "|".join(map(re.escape, PRINT_SEGMENTS)) + r")/",
                        re.IGNORECASE)
# Service pages named at more length: "/so-do-cong-thong-tin", "/lien-he-gop-y".
SERVICE_PREFIXES = ("so-do-", "lien-he-", "sitemap", "site-map", "ket-qua-tim-kiem",
                    "dang-nhap", "thong-tin-lien-he", "hoi-dap-")
# An article's address on a site no module knows: a slug ending in an id
# ("/tin/hop-ban-123"), a page with an extension ("/tin-tuc/ky-niem-2024.html"), a date
# path with a slug ("/2024/03/12/hop-ban/"), or a script with an id ("tin.asp?id=12").
_SLUG = r"[^/]*[a-z0-9][^/]*-[^/]*[a-z0-9]"
SLUG_ID = re.compile(rf"/{_SLUG}-\d+(?:\.\w{{2,5}})?/?$", re.IGNORECASE)
SLUG_PAGE = re.compile(rf"/{_SLUG}\.(?:html?|aspx?|php|jsp|shtml)$", re.IGNORECASE)
DATE_SLUG = re.compile(r"/(?:19|20)\d{2}/\d{1,2}/(?:\d{1,2}/)?[^/]*[a-z][^/]*/?$", re.IGNORECASE)
ID_QUERY = {"id", "newsid", "news_id", "articleid", "article_id", "itemid", "postid", "tinid", "matin",
            "idtin", "nid", "cid", "p"}
# Any other parameter naming a number this long names an item, whatever the site calls it
# (Thừa Thiên Huế's "/?gd=1&cn=28&tc=12345"); a pager's or a year's number is no item.
ITEM_DIGITS = 5
PAGER_KEYS = {"page", "paged", "trang", "start", "limitstart", "pageindex", "year", "nam"}
# Joomla without friendly addresses: "?option=com_content&view=article&id=904:slug" is an
# article (its id, a colon, its alias), "view=category&id=12" a list of them.
JOOMLA_ID = re.compile(r"^\d+:[\w-]+$")
LIST_VIEWS = {"category", "categories", "archive", "featured", "frontpage", "section",
              "search", "tag", "tags"}
# A query that asks for a file, whatever else it names.
DOWNLOAD_KEYS = {"download", "dl", "attachment", "file", "fileid",
                 "wpdmdl"}  # WordPress Download Manager's package file
# DotNetNuke and its kind write the query into the path: ".../tabid/85/ArticleID/15541/
# Default.aspx"; the tab is a page, the ArticleID one article.
PATH_ID = re.compile(r"/(?:articleid|newsid|news_id|itemid|postid|tinid|idtin|nid)/\d+(?:/|$)",
                     re.IGNORECASE)


# Joomla's search-engine-friendly address: the id before the alias, under a category
# ("/index.php/tin-tuc/78-ubnd-tinh-hop-ban", K2's "/tin-tuc/item/405-mo-hinh"); one
# segment alone ("/index.php/12-tin-tuc") is a category's, and a file name ("38-2024-DS-
# PT.pdf") none.
ID_SLUG = re.compile(r"/[^/]+/\d+-[^/.]*[a-z][^/.]*-[^/.]*[a-z0-9][^/.]*(?:\.html?)?/?$",
                     re.IGNORECASE)


def _id_slug(path: str) -> bool:
    return bool(ID_SLUG.search(path)) and len([s for s in path.split("/")
                                               if s and s.lower() != "index.php"]) >= 2


# An item's number after a word that names one: "/chi-tiet/12345", "/news/detail/123",
# "/bai-viet/4521".
ITEM_NUMBER = re.compile(r"/(?:chi-?tiet|detail|details|view|xem|news|tin|tin-?tuc|bai-?viet"
                         r"|article|articles|post|posts|story|item)/(?!(?:19|20)\d\d/?$)\d{2,}/?$",
                         re.IGNORECASE)  # not "/news/2024": a year's archive
# A static site's page named by a word and its number: "/tintuc/2023/tin_1214.htm",
# "/news/bai1187.html"; not a list's later page ("index2.htm", "page3.html", "trang4.htm").
NUMBERED_PAGE = re.compile(r"/(?!index|default|page|trang|home)[a-z]+[_-]?\d{3,}\.s?html?$",
                           re.IGNORECASE)


# Liferay's web content shown by an asset publisher: /-/asset_publisher/{id}/content/{slug}.
LIFERAY_CONTENT = re.compile(r"/-/asset_publisher/\w+/content/[^/]+/?$")


@lru_cache(maxsize=8192)  # a page links many articles, a site's pages the same ones
def article_shaped(url: str) -> bool:
    """A link shaped like an article's on a site no module knows (news-please judges links
    the same way): a slug with an id (after it, or before it as Joomla writes it), a date
    path with a slug, an ``.html`` slug, or a script asked for one item by id; never a
    collection or a service page."""
    parts = urlsplit(url)
    path = parts.path
    if parts.query and _names_an_item(parts.query) and not collection_path(path):
        return True  # "/Default.aspx?tabid=120&ID=4567", "/index.php?...&id=12"
    if not path or path == "/" or ROOT_PATH.match(path) or collection_path(path):
        return False
    if PRINT_VIEW.search(path):
        return False
    if parts.query:
        return False
    return bool(SLUG_ID.search(path) or LIFERAY_CONTENT.search(path) or SLUG_PAGE.search(path) or DATE_SLUG.search(path)
                or PATH_ID.search(path) or ITEM_NUMBER.search(path) or _id_slug(path)
                or NUMBERED_PAGE.search(path))


def titled_slug(url: str, words: int) -> bool:
    """Whether ``url`` ends in a title's slug of ``words`` words or more and names no
    collection ("/tin-tuc/ra-quan-tong-ve-sinh-moi-truong/"): under a related block's
    label, an article at an address with no shape of its own (WordPress "/%postname%/",
    Drupal and Liferay titles)."""
    path = urlsplit(url).path
    last = path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return len(last.split("-")) >= words and collection_path(path) is None


def collection_path(path: str) -> str | None:
    """The segment that names the path a collection or a service page, or None."""
    segments = [s for s in path.lower().split("/") if s]
    for seg in segments:
        stem = seg.rsplit(".", 1)[0] if "." in seg else seg
        if stem in COLLECTION_SEGMENTS or stem.startswith(SERVICE_PREFIXES):
            return seg
    if segments and all(s.isdigit() for s in segments) and len(segments[0]) == 4:
        return "/".join(segments)  # "/2024/02/": an archive by year, month or day
    return None


def is_root(url: str) -> bool:
    """The site's root, under any name, unless its query asks for one item (ASP.NET and
    PHP sites serve every article from "/Default.aspx?...&ID=4567", "/index.php?id=12")."""
    parts = urlsplit(url)
    return ((parts.path in ("", "/") or bool(ROOT_PATH.match(parts.path)))
            and not (parts.query and (_names_an_item(parts.query) or _names_a_list(parts.query)
                                      or search_words(parts.query))))


# What a site's search box sends its words as: WordPress "?s=", Joomla "?searchword=", others
# "?keyword=", "?tukhoa=".  Drupal without clean addresses asks for pages as "?q=node/12".
SEARCH_KEYS = ("s", "searchword", "keyword", "keywords", "tukhoa", "tu-khoa", "tu_khoa",
               "txtkeyword", "search", "q")


def search_words(query: str) -> str | None:
    """The words a query asks the site's search for, or None."""
    asked = {k.lower(): v for k, v in parse_qs(query).items()}
    for key in SEARCH_KEYS:
        words = asked.get(key, [""])[0].strip()
        if words and not (key == "q" and "/" in words):
            return words
    return None


# A root script's query that names a category or a module: WordPress's "?cat=4", an ASP
# site's "default.asp?cat=12", a PHP site's "index.php?mod=news&cat=5", NukeViet's "nv=".
LIST_KEYS = {"cat", "catid", "cateid", "cid", "category", "categoryid", "cm", "macm", "loai",
             "chuyenmuc", "danhmuc", "mod", "module", "nv"}


def _names_a_list(query: str) -> bool:
    """Whether a root script's query asks for one of its lists (Joomla's
    "index.php?option=com_content&view=category&id=12", "?cat=4"), or one of its modules'
    pages (NukeViet without rewriting: "index.php?language=vi&nv=news&op=Tin-tuc/slug-126"),
    not for its front page."""
    asked = {k.lower(): v for k, v in parse_qs(query).items()}
    view = asked.get("view", [""])[0].lower()
    return (view in LIST_VIEWS and view not in ("featured", "frontpage")) or any(
        asked.get(key, [""])[0].strip() for key in LIST_KEYS)


def _names_an_item(query: str) -> bool:
    """Whether a query asks for one item by its number (``ID_QUERY``), not for a file
    ("...-311.html?download=1&id=0": NukeViet's attached file number 0)."""
    asked = {k.lower(): v for k, v in parse_qs(query).items()}
    if DOWNLOAD_KEYS & asked.keys() or asked.get("view", [""])[0].lower() in LIST_VIEWS:
        return False
    # "?p=123" is WordPress's post; beside a category's key ("?act=list&cat=2&p=2"), a page
    listed = bool(LIST_KEYS & asked.keys())
    return any(
        v and (v[0].isdigit() or k in ID_QUERY and JOOMLA_ID.match(v[0]))
        and (k in ID_QUERY and not (k == "p" and listed)
             or (len(v[0]) >= ITEM_DIGITS and k not in PAGER_KEYS))
        for k, v in asked.items())


# What a query asks of a page besides which page: an order, a view to print, a day of a
# calendar, a search, a language, a sign-in's return address.  Endless or doubling.
_TRAP_KEYS = {"sort", "order", "orderby", "dir", "print", "font", "fontsize", "lang",
              "language", "date", "ngay", "day", "month", "year", "thang", "nam", "q",
              "keyword", "keywords", "search", "s", "tag", "returnurl", "redirect", "ctl",
              "format", "tmpl", "output", "share", "replytocom"}
_DATE_VALUE = re.compile(r"\d{1,4}[-/.]\d{1,2}")


def menu_query(query: str, known: bool = False) -> bool:
    """Whether a query names one of a site's pages, as a script-run site addresses its
    categories ("tintuc.asp?MaCM=5", Joomla's "index.php?option=com_content&view=category
    &id=12&Itemid=134"), rather than asking a page for an order, a day or a search.  On a
    site whose layout is ``known``, only NukeViet's without URL rewriting ("index.php?
    language=vi&nv=news&op=kinh-te": a module and its category, in the site's language)."""
    asked = {k.lower(): v for k, v in parse_qs(query, keep_blank_values=True).items()}
    if "nv" in asked:
        asked.pop("language", None)
    elif known:
        return False
    return (0 < len(asked) <= 4 and not _TRAP_KEYS & asked.keys()
            and not any(_DATE_VALUE.search(v) for vs in asked.values() for v in vs))


def asks_for_a_file(query: str) -> bool:
    """Whether a query asks for a file ("download=1", "attachment=2")."""
    return bool(DOWNLOAD_KEYS & {k.lower() for k in parse_qs(query)})


