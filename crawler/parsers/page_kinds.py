"""What a page calls itself: its address, its <body> class or its name says it is a
collection (a tag's, a search's, a month's list) or a page that serves the visitor (a
contact page, a site map, a calendar), whatever its markup holds.  Read by ``roles``.

News-please's URL heuristics and WordPress's and Joomla's own <body> classes weigh such
signs; none knows Vietnamese portals' page names, so those are written here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..kernel.text import clean_text, fold
from .page import text_of, xp
from .urls import SERVICE_PREFIXES, collection_path, search_words

# --- what a page calls itself ------------------------------------------------------

# Pages whose name says what they are, by their title (folded, the site's name dropped).
OTHER_TITLES = {fold(x) for x in (
    "Liên hệ", "Thông tin liên hệ", "Liên hệ góp ý", "Góp ý", "Giới thiệu", "Giới thiệu chung",
    "Sơ đồ trang", "Sơ đồ website", "Sơ đồ cổng", "Sơ đồ site", "Bản đồ trang", "Site map",
    "Sitemap", "Tìm kiếm", "Kết quả tìm kiếm", "Tra cứu", "Hỏi đáp", "Hỏi - đáp", "Đăng nhập",
    "Đăng ký", "Contact", "Contact us", "About", "About us", "Search", "Search results",
    "Login", "Log in", "FAQ", "Trang không tồn tại", "Không tìm thấy trang", "Page not found",
    "404", "Lỗi", "Error", "Thư viện ảnh", "Thư viện video", "Video", "Hình ảnh",
    "Sơ đồ tổ chức", "Cơ cấu tổ chức", "Lịch công tác", "Danh bạ", "Danh bạ điện thoại",
    "Videos", "Photos", "Gallery", "Photo gallery", "Media", "Leadership", "Our team",
    "Staff directory", "Lãnh đạo", "Ban lãnh đạo", "Chức năng nhiệm vụ",
    "Chức năng, nhiệm vụ")}
# Titles that open a collection ("Kết quả tìm kiếm: ...", "Tag: ...", "Lưu trữ tháng 2
# 2024", "Month: February 2024"), a calendar or an introduction page.  Short words only
# with their colon: "Thẻ:" is a tag page, "The bus stop ..." an article.
SERVICE_TITLE_PREFIX = re.compile(
    r"^(?:ket qua tim kiem|search results?|results for|lich cong tac|lich lam viec|lich xet xu"
    r"|lich truc|lich su hinh thanh|qua trinh hinh thanh"
    # the citizens' reception calendar; one naming its period ("... tháng 5/2024") is a
    # notice of it, published as news as "Thông báo lịch tiếp công dân ..." is
    r"|lich tiep cong dan(?!.*\d)"
    r"|chuc nang,? nhiem vu|co cau to chuc|dieu kien tu nhien|gioi thieu chung|tieu su"
    r"|can bo chu chot|introduction to\b"
    r"|so do (?:cong|trang|website|site|to chuc)|thong tin lien he"
    r"|lien he(?: gop y| voi chung toi)?$|dang nhap(?: he thong)?$|tim kiem\s*:)\b")
COLLECTION_TITLE_PREFIX = re.compile(
    r"^(?:(?:bai viet cua|posts? by)\b"
    r"|(?:tag|tags|the|tu khoa|luu tru|archives?|chuyen muc|danh muc|category|author"
    r"|tac gia)\s*:"
    r"|(?:luu tru\s+)?(?:thang|month)\s*:?\s*(?:\d{1,2}|[a-z]+(?: [a-z]+)?)[\s/,-]*\d{4}$)")
# WordPress (and themes that copy it) say a page's kind on <body>: a post is "single"
# ("single-post", "postid-12"); the rest are collections or static pages.
# Joomla says it as "view-article" against "view-category", "view-featured" ...
# Drupal names the node's type: "page-node-type-article" (8 and later), "node-type-article"
# (7); a basic page ("node-type-page") is no news, so only news types count.
BODY_POST = re.compile(r"(?:^|\s)(?:single|single-post|postid-\d+|single-format-\w+"
                       r"|view-article|(?:page-)?node-type-(?:article|news|tin[-_]?tuc"
                       r"|bai[-_]?viet|blog(?:[-_]post)?|story|thong[-_]?bao))(?:\s|$)")
# Of those, a static page's (WordPress's "page page-id-12", Joomla's contact form): its one
# <article> is no post.  The others name a list, which a page showing one post is not.
BODY_PAGE = re.compile(r"(?:^|\s)(?:page|page-template\S*|page-id-\d+|attachment|error404"
                       r"|view-(?:contact|login|registration|form))(?:\s|$)")
BODY_OTHER = re.compile(r"(?:^|\s)(?:archive|category|tag|author|date|search|search-results"
                        r"|home|blog|error404|page-template\S*|page-id-\d+|attachment"
                        r"|view-(?:category|categories|featured|archive|tag|tags|search"
                        r"|contact|login|registration|form))(?:\s|$)")
# An events calendar's pages (The Events Calendar, Modern Events Calendar, All-in-One Event
# Calendar): its list of coming events or one event, no news.
BODY_EVENTS = re.compile(r"(?:^|\s)(?:post-type-archive-(?:tribe_events|mec-events|ai1ec_event)"
                         r"|single-(?:tribe_events|mec-events|ai1ec_event)"
                         r"|tribe-events-page-template)(?:\s|$)")

def collection_sign(doc, url: str) -> str | None:
    """Why the page is a collection or a service page whatever its markup, or None."""
    parts = urlsplit(url)
    segment = collection_path(parts.path)
    if segment:
        return f"its address names a collection or a service page ({segment!r})"
    words = search_words(parts.query) if parts.query else None
    if words:
        return f"its address asks the site's search for {words[:40]!r}"
    classes = _body_classes(doc)
    if BODY_EVENTS.search(classes):
        return f"its <body> class says it is an events calendar's ({clean_text(classes)[:80]!r})"
    if (BODY_OTHER.search(classes) and not BODY_POST.search(classes)
            and (BODY_PAGE.search(classes) or not _one_post(doc))):
        return f"its <body> class says it is no post ({clean_text(classes)[:80]!r})"
    name = _page_name(doc)
    if name and (name in OTHER_TITLES or SERVICE_TITLE_PREFIX.match(name)
                 or COLLECTION_TITLE_PREFIX.match(name)):
        return f"its title names a service page or a collection ({name!r})"
    return None


def _body_classes(doc) -> str:
    body = doc.find("body")
    return (body.get("class") or "") if body is not None else ""


def _one_post(doc) -> bool:
    """Whether the page shows one post: one <article> headed by an <h1>, or one article
    body marked as such (itemprop=articleBody), whatever a template's <body> class says (a
    blog's list heads its posts with links and shows their intros)."""
    posts = doc.findall(".//article")
    if len(posts) == 1 and posts[0].find(".//h1") is not None:
        return True
    return len(xp(doc, "//*[@itemprop='articleBody']")) == 1


# Pages that serve the visitor rather than list the news: their path's segment or title.
SERVICE_SEGMENTS = {
    "sitemap", "site-map", "so-do-trang", "so-do-site", "so-do-website", "so-do-cong",
    "lien-he", "lienhe", "contact", "contact-us", "gioi-thieu", "gioithieu", "about",
    "about-us", "login", "dang-nhap", "dangnhap", "register", "dang-ky", "hoi-dap", "faq",
    "gop-y", "wp-login", "wp-admin", "search", "tim-kiem", "timkiem", "ket-qua-tim-kiem",
    "lich-cong-tac", "lich-xet-xu", "lichxetxu", "leadership",
}


def service_page(doc, url: str) -> bool:
    """Whether a collection serves the visitor (a search, a contact page, a calendar)
    rather than lists the news."""
    parts = urlsplit(url)
    if parts.query and search_words(parts.query) or BODY_EVENTS.search(_body_classes(doc)):
        return True
    segment = collection_path(parts.path) or ""
    stem = segment.rsplit(".", 1)[0] if "." in segment else segment
    if stem in SERVICE_SEGMENTS or stem.startswith(SERVICE_PREFIXES):
        return True
    name = _page_name(doc)
    return name in OTHER_TITLES or bool(SERVICE_TITLE_PREFIX.match(name))


# A <title>'s parts: "Tin tức - Sở Y tế", "Trang chủ | UBND xã".
_TITLE_PARTS = re.compile(r"\s+[-|–—:»]\s+|\s\|\s")


def _page_name(doc) -> str:
    """The page's name, folded: its first <h1>, else the first part of its <title>."""
    h1 = doc.find(".//h1")
    text = text_of(h1) if h1 is not None else ""
    if not text:
        title = doc.find(".//title")
        text = _TITLE_PARTS.split(text_of(title))[0] if title is not None else ""
    return fold(text).strip(" .:") if text else ""


# A directory of people (leaders, officials, offices): each card gives an e-mail address
# beside the link to the person's page.  A list of news gives none.
DIRECTORY_SHARE = 0.5


def directory_sign(doc, entries: int) -> str | None:
    """Why a page whose links a list would take is a directory of people, or None."""
    mails = [a for a in xp(doc, "//a[starts-with(normalize-space(@href), 'mailto:')]")
             if not any(anc.tag == "footer" or "footer" in (anc.get("class") or "")
                        for anc in a.iterancestors())]
    if len(mails) < 3 or len(mails) < DIRECTORY_SHARE * entries:
        return None
    return f"a directory: {len(mails)} e-mail addresses beside its {entries} links"


# What a home page's <title> opens with: "Trang chủ - Sở Giáo dục và Đào tạo".
HOME_TITLES = {"trang chu", "trang nhat", "home", "homepage", "home page"}


def home_titled(doc) -> str | None:
    """Why a page at another address is the site's home page (a CMS's fallback when it
    cannot find what was asked: Joomla's default menu item), or None."""
    title = doc.find(".//title")
    parts = _TITLE_PARTS.split(text_of(title)) if title is not None else []
    if len(parts) < 2 or fold(parts[0]).strip(" .") not in HOME_TITLES:
        return None
    return f"its <title> names the site's home page ({clean_text(text_of(title))[:60]!r})"
