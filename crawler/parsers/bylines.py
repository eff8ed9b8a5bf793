"""Who wrote an article, as its page prints it: a byline line's label ("Tác giả:") or a credit
("Nguồn: Báo Nghệ An"), people's names told from organisations, CMS accounts and the site's own
names (site_names), several writers joined in page order, the date printed beside a byline
(byline_date), the signature that ends a body (read_signature) and a layout's byline elements
(layout_byline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..kernel.dates import MONTH_NAMES, english_date, parse_date
from ..kernel.text import clean_text, fold
from .jsonld import jsonld_site_names
from .page import _within, block_lines, is_all_bold, is_all_italic, is_right_aligned, text_of, xp

# --- a byline line: its label, or a credit ----------------------------------------------

BYLINE_LABELS = ("tác giả", "tác giả bài viết", "người viết", "bài và ảnh", "bài, ảnh",
                 "bài - ảnh", "bài ảnh", "tin và ảnh", "tin, ảnh", "tin - ảnh", "tin ảnh",
                 "tin", "bài", "người đăng", "ảnh, bài", "ảnh - bài", "ảnh và bài", "tin, video",
                 "tin - video", "tin và video", "bài, video", "bài và video", "video",
                 "biên tập", "phóng viên", "pv", "theo", "thực hiện", "nhóm thực hiện",
                 "dự báo viên", "phóng sự ảnh")  # a bulletin's forecaster, a photo story's
_BYLINE_LABEL_RE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(x) for x in sorted(BYLINE_LABELS, key=len, reverse=True)) + r")\s*[:：]\s*",
    re.IGNORECASE,
)
MAX_BYLINE_CHARS = 80


def strip_byline_label(text: str | None) -> str | None:
    text = clean_text(text)
    text = _BYLINE_LABEL_RE.sub("", text, count=1)
    text = text.strip(" -–—|").strip()
    if len(text) > 2 and text[0] + text[-1] in ("()", "[]"):
        text = text[1:-1].strip()
    return text or None


# A credit to an organisation or another paper, not a person: "Nguồn: Sở Văn hóa, Thể thao
# và Du lịch", "Nguồn tin: Báo Nghệ An", "Theo baonghean.vn".
_CREDIT_RE = re.compile(
    r"^\s*[(\[]?\s*(?:nguồn(?:\s+tin|\s+bài|\s+ảnh)?\s*[:：]|source\s*[:：]|theo\s*[:：]?)"
    r"\s*(?P<source>.+?)[)\]]?\s*$",
    re.IGNORECASE)
MAX_CREDIT_CHARS = 120
# A writer's address printed beside the name ("Minh Đức (minhduc@haiphong.gov.vn)", "Email:
# ..."): contact, not part of the byline (and its domain is no organisation's name).
_EMAIL = re.compile(r"[\s,;|(\[-]*(?:e-?mail\s*[:：]?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[\s)\]]*",
                    re.IGNORECASE)


# Cloudflare's stand-in for an address it hides from robots: "[email protected]".
_HIDDEN_EMAIL = re.compile(r"[\s,;|(-]*(?:e-?mail\s*[:：]?\s*)?\[?email\s+protected\]?[\s)]*",
                           re.IGNORECASE)


def without_email(text: str) -> str:
    if "protected" in text:
        text = _HIDDEN_EMAIL.sub(" ", text).strip()
    return _EMAIL.sub(" ", text).strip() if "@" in text else text


def credit_of(text: str | None) -> str | None:
    """The credited source if ``text`` (a byline line) is a credit, else None."""
    text = clean_text(text)
    if not text or len(text) > MAX_CREDIT_CHARS:
        return None
    match = _CREDIT_RE.match(text)
    if not match:
        return None
    source = match.group("source").strip(" .-–—|")
    # "Theo kế hoạch, ..." opens a sentence; a credit names its source with a capital
    # letter or a domain ("Theo Báo Nghệ An", "Theo baonghean.vn").
    if text.lower().lstrip("([ ").startswith("theo") and not (
            source[:1].isupper() or re.search(r"\.[a-z]{2,}\b", source)):
        return None
    return source or None


def split_byline(text: str | None) -> tuple[str | None, str | None]:
    """(author, source) of one byline line: a credit is a source, anything else a
    person's byline with its label ("Tác giả:") stripped."""
    credit = credit_of(text)
    if credit:
        return None, credit
    # Writers, then their credit in brackets: "Mai Hoa - Công Kiên (Theo Báo Nghệ An)".
    # Or a wire agency's or a paper's name alone: "Văn Tý - Bích Huệ (TTXVN)".
    bracketed = _BRACKETED_END.match(text or "")
    if bracketed and credit_of(bracketed.group(2)):
        return strip_byline_label(bracketed.group(1)), credit_of(bracketed.group(2))
    if bracketed and _BRACKETED_CREDIT.search(clean_text(bracketed.group(2)).lower()):
        return strip_byline_label(bracketed.group(1)), clean_text(bracketed.group(2))
    return strip_byline_label(text), None


_BRACKETED_END = re.compile(r"^(.*?\S)\s*\(([^()]+)\)\s*$")
# A wire agency or a paper in brackets after the writers credits them; a station or an
# office there is where the writer works ("Trần Văn Thắng (Đài Truyền thanh huyện)").
_BRACKETED_CREDIT = re.compile(r"^(?:ttxvn|vna|vov|vtv|báo |tạp chí |thông tấn)|\.(?:vn|com|net|org)\b")


def looks_like_byline(el) -> bool:
    """A short, right-aligned or wholly bold paragraph: how CKEditor users sign an article."""
    text = text_of(el)
    if not text or len(text) > MAX_BYLINE_CHARS or len(text.split()) > 12:
        return False
    if text.endswith((":", ";", ",")) or xp(el, ".//img | .//a[contains(@href,'.pdf')]"):
        return False
    if _BYLINE_LABEL_RE.match(text):
        return True
    # After " - " or "(" comes the writer's office, in ordinary case.
    name = re.split(r"\s[-–(]|\(", text)[0]
    right = is_right_aligned(el)
    if right and (is_all_bold(el) or is_all_italic(el) or len(name.split()) <= 6):
        return True
    # Not aligned, but a short, wholly bold line of capitalised words with no sentence
    # punctuation at the very end of the body is a name ("Quang Minh", "Thu Hà - PV").
    words = [w for w in re.split(r"[\s/,&]+", name) if w]
    return (0 < len(words) <= 5 and not text.endswith((".", "!", "?", "…", ":"))
            and is_all_bold(el)
            and all(w[0].isupper() or w.lower() in ("và", "tin", "ảnh", "bài") for w in words))


# --- who wrote it: people, organisations, the site's own name ---------------------------

# Labels before a byline that strip_byline_label does not know ("Viết bởi", "Posted by").
# The label alone ("Bởi", whose link holds an account or an organisation) leaves nothing.
AUTHOR_LABEL = re.compile(r"^\s*(?:(?:được )?(?:viết|đăng|gửi) bởi|người đăng|bởi|posted by"
                          r"|written by|by)\s*[:：]?(?:\s+|$)", re.IGNORECASE)
# The photographer after the writer: "Hồ Phương - Ảnh: Thành Cường".
PHOTO_CREDIT = re.compile(r"\s*[-–—,;|]?\s*\(?\s*(?:ảnh|photo|video|đồ họa)\s*[:：].*$",
                          re.IGNORECASE)
# CMS accounts, not people ("admin", "Quản trị viên", "bientap.pbgdpl"; not "N.H").
ACCOUNT = re.compile(r"^(?:admin\w*|administrator|quản trị(?: viên)?|super user|webmaster"
                     r"|biên tập(?: viên)?|editor|root|btv|user\d*"
                     r"|(?-i:[a-z0-9]{3,}[._][a-z0-9._]{2,})"
                     # a login written in lower case, as no name is printed: "bientap"
                     r"|(?-i:[a-z][a-z0-9_]{2,}))$", re.IGNORECASE)
# A byline that names an organisation or a paper: not an author.
ORG_WORDS = ("báo ", "tạp chí", "cổng thông tin", "cổng ttđt", "trang thông tin", "công an ",
             "sở ", "ủy ban", "uỷ ban", "ubnd", "ban ", "phòng ", "trung tâm", "đài ",
             "văn phòng", "hội ", "đoàn thanh niên", "tỉnh đoàn", "huyện đoàn", "huyện ủy",
             "tỉnh ủy", "thành ủy", "bộ ", "cục ", "chi cục", "viện ", "trường ", "bệnh viện",
             "tòa án", "toà án", "viện kiểm sát", "xã ", "phường ", "thị trấn ", "tổ ",
             "khoa ",
             "ttxvn", "vov", "vtv", "công ty", "tập đoàn", "hợp tác xã", "department",
             "ministry", "office of", "council", "agency", "the ")
ORG_SUFFIX = re.compile(r"\b(?:inc|ltd|llc|corp|co|plc|gmbh|jsc|company|group|corporation)\.?$",
                        re.IGNORECASE)
# A reporter's role after the name, not a second name: "Thu Hà - PV", "Jane Doe, Staff
# Writer".
ROLE_WORDS = {"pv", "ctv", "btv", "ptv", "ktv", "nhóm pv", "phóng viên", "cộng tác viên",
              "biên tập viên", "thông tấn viên", "reporter", "correspondent", "editor", "staff",
              "writer", "contributor", "columnist", "photographer", "staff writer"}
_FOLDED_ROLES = {fold(x) for x in ROLE_WORDS}
# Particles inside Western names ("Ursula von der Leyen").
_NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "del", "dos", "la",
                   "le", "bin", "al", "y"}
# "N.H", "Q.M.", "T.L": the initials some papers sign with.
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.){1,3}[A-ZĐ]?\.?$")
# Between two writers' names: "Hồ Phương - Lê Minh", "Hồ Phương, Lê Minh", "Hồ Phương và
# Lê Minh", "Jane Doe and John Roe".
_AUTHOR_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[,;&]\s*|\s+(?:và|and)\s+", re.IGNORECASE)


# Words an office's name begins with that begin other phrases too: "Phòng chống dịch
# bệnh" (prevention), "Hội nghị" (a meeting), "Ban hành" (issuing), "Bộ máy" (a body).
NOT_ORG = ("phòng chống", "phòng, chống", "phòng ngừa", "phòng cháy", "hội nghị", "hội thảo",
           "hội thi", "hội diễn", "hội chợ", "hội khỏe", "hội khoẻ", "ban hành", "bộ máy",
           "bộ chỉ số", "bộ tiêu chí", "bộ thủ tục", "trường hợp", "đài tưởng niệm")


def is_org(text: str | None) -> bool:
    low = clean_text(text).lower() + " "
    return ((low.startswith(ORG_WORDS) and not low.startswith(NOT_ORG))
            or bool(re.search(r"\.(?:vn|com|net|org)\b", low))
            or bool(ORG_SUFFIX.search(low.strip())))


# Organisations that publish (papers, broadcasters, portals, a web address): signing a
# text they are its credit, where an office signing it is its writer.
OUTLET_WORDS = ("báo ", "tạp chí", "cổng thông tin", "cổng ttđt", "trang thông tin", "đài ",
                "ttxvn", "vov", "vtv", "truyền hình", "thông tấn", "the ")


# A commune's or a district's loudspeaker station (Đài Truyền thanh xã) is the office that
# writes the site's news, no outlet that a text credits.
LOCAL_STATION = ("đài truyền thanh", "đài tt ")


def is_outlet(text: str | None) -> bool:
    low = clean_text(text).lower() + " "
    if low.startswith(LOCAL_STATION):
        return False
    return (low.startswith(OUTLET_WORDS) or bool(re.search(r"\.(?:vn|com|net|org)\b", low))
            or bool(ORG_SUFFIX.search(low.strip())))


def is_person_name(text: str) -> bool:
    """A person's name as bylines print it: one to five capitalised words ("Hồ Phương",
    "HỒ PHƯƠNG", "N.H", "Ursula von der Leyen"), no digits, no role, no organisation."""
    text = clean_text(text)
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 40 or re.search(r"[\d():/@|\"“”]", text):
        return False
    if fold(text) in _FOLDED_ROLES or any(fold(w) in _FOLDED_ROLES for w in words):
        return False
    if is_org(text) or ACCOUNT.match(text):
        return False
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 3 and "." not in words[0]:
        return False  # an acronym: TTXVN, TTKSBT
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES or _INITIALS.match(w)
               for w in words)


def _one_name(text: str) -> bool:
    return is_person_name(text) and (len(text.split()) >= 2 or bool(_INITIALS.match(text)))


def split_authors(text: str) -> list[str]:
    """The writers of a byline that names several ("Hồ Phương - Lê Minh"), or the byline
    whole when any part of it is no person's name ("Thu Hà - Văn phòng UBND tỉnh",
    "Thu Hà - PV")."""
    parts = [p.strip() for p in _AUTHOR_SEPARATOR.split(text) if p.strip()]
    if len(parts) > 1 and all(_one_name(p) for p in parts):
        return parts
    return [text]


def join_authors(names) -> str | None:
    """Writers in page order, each once, joined with ", "."""
    seen, out = set(), []
    for name in names:
        key = fold(name) if name else ""
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return ", ".join(out) or None


_SITE_PREFIXES = ("baodientu", "bao", "tapchi", "congthongtindientu", "congthongtin", "congttdt",
                  "trangthongtindientu", "trangtindientu", "trangthongtin", "www")
_SITE_SUFFIXES = ("online", "dientu", "govvn", "comvn", "vn", "com", "net", "org", "news")
# Host labels that name no site: public suffixes and the "www" in front.
_HOST_NOISE = {"www", "vn", "com", "net", "org", "gov", "edu", "info", "biz", "io", "co", "uk",
               "us", "int", "ac"}
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright|bản quyền(?: thuộc về)?)\s*[:：]?\s*(?:\d{4}\s*[-–]?\s*"
                        r"(?:\d{4})?\s*)?(?:by\s+)?", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—:»]\s+|\s*::\s*")
_SITE_METAS = {"og:site_name", "application-name", "apple-mobile-web-app-title", "publisher",
               "dc.publisher", "copyright", "twitter:site"}


# Memoised, as pure functions of a name: every page of a site names the site alike, so a
# crawl folds its names once per site rather than once per page.
@lru_cache(maxsize=1024)
def _name_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


@lru_cache(maxsize=1024)
def _key_variants(key: str, prefixes: bool = True) -> frozenset[str]:
    """A name's key with and without the words that come and go in a site's name ("Báo
    Nghệ An", "Nghệ An Online", "baonghean.vn").  Without ``prefixes`` only its tail is
    let go: "Báo Nghệ An" is a paper, not the province's portal nghean.gov.vn."""
    out = {key}
    for prefix in _SITE_PREFIXES if prefixes else ():
        if key.startswith(prefix):
            out.add(key[len(prefix):])
    for k in list(out):
        for suffix in _SITE_SUFFIXES:
            if k.endswith(suffix):
                out.add(k[:-len(suffix)])
    return frozenset(k for k in out if len(k) >= 4)


@dataclass(frozen=True)
class SiteNames:
    """The names a page gives its site, and its host's: none of them is an author."""

    names: tuple[str, ...] = ()
    keys: frozenset[str] = frozenset()

    def named(self, text: str | None) -> bool:
        """``text`` is the site's own name, however spelt ("Báo Nghệ An", "baonghean.vn",
        "BAONGHEAN" on baonghean.vn)."""
        key = _name_key(text or "")
        return bool(key) and bool(_key_variants(key, prefixes=False) & self.keys)


def site_names(doc, url: str | None = None, ld=None) -> SiteNames:
    """The site's names: og:site_name and its kin, the publisher in the page's JSON-LD,
    the last part of <title> ("... - Báo Nghệ An"), and the host's name."""
    names = []
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in _SITE_METAS:
            value = _COPYRIGHT.sub("", clean_text(el.get("content")).lstrip("@")).strip(" .")
            if 2 <= len(value) <= 80:
                names.append(value)
    names.extend(jsonld_site_names(doc, ld))
    title = doc.find(".//title")
    parts = _TITLE_SEPARATOR.split(text_of(title)) if title is not None else []
    if len(parts) >= 2 and 2 <= len(parts[-1].strip()) <= 60:
        names.append(parts[-1].strip())
    keys: set[str] = set()
    for name in names:
        keys |= _key_variants(_name_key(name))
    if url:
        host = (urlsplit(url).hostname or "").lower()
        labels = [x for x in host.split(".") if x and x not in _HOST_NOISE]
        keys |= _key_variants(_name_key(host))
        for label in labels + ["".join(labels)]:
            keys |= _key_variants(_name_key(label))
    return SiteNames(tuple(dict.fromkeys(names)), frozenset(keys))


# A writer's part in brackets after the name: a contributor (CTV), the interviewer
# ("thực hiện"), who compiled or translated it.
ROLE_MARK = re.compile(r"\s*\((?:ctv|cộng tác viên|thực hiện|tổng hợp|lược dịch|biên dịch|pv|btv)\)",
                       re.IGNORECASE)


def clean_author(text: str | None, site: SiteNames | None = None,
                 organisations: bool = False) -> str | None:
    """A byline as printed, without its labels, its date and the photographer, several
    writers joined with ", "; None for an account name, a credit or the site's own name,
    and for an organisation unless ``organisations`` (the page's author element or its
    "Tác giả:" line names it: "Phòng Kinh tế và Hạ tầng" signs as its writer)."""
    text = without_email(clean_text(text))
    if not text or text.startswith(("http://", "https://", "www.")):
        return None
    dated = byline_date(text)
    if dated:
        text = dated[0]
    text = AUTHOR_LABEL.sub("", text)
    text = strip_byline_label(text) or ""
    text = ROLE_MARK.sub("", PHOTO_CREDIT.sub("", text)).strip(" -–—|,")
    if not text or len(text) > 80 or len(text.split()) > 12 or re.search(r"\d\d|\d[/.:]\d", text):
        return None  # not a name: a date, a time, a count
    if (ACCOUNT.match(text) or (is_org(text) and not organisations) or credit_of(text)
            or (site and site.named(text))):
        return None
    names = [n for n in split_authors(text) if not (site and site.named(n))]
    return join_authors(names)


# --- a date printed beside the byline ---------------------------------------------------

# A date as bylines carry it, with its weekday, label and time around it:
# "Thứ Bảy, 07/03/2026 - 08:47", "Cập nhật: 08:47 07/03/2026", "2026-03-07 08:47",
# "7 tháng 3 năm 2026", "March 7, 2026".
_TIME_RE = r"\d{1,2}\s*(?::|h|giờ)\s*\d{2}(?::\d{2})?(?:\s*(?:am|pm|sa|ch)\b)?"
_DATE_RE = (r"(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"
            r"|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
            r"|\d{1,2}\s+tháng\s+\d{1,2}\s*(?:năm|,)?\s*\d{4}"
            rf"|(?:{MONTH_NAMES})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTH_NAMES})\.?,?\s+\d{{4}})")
_DATE_EXPR = re.compile(
    r"(?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|t[2-7]|cn|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)\s*[,-]?\s*)?"
    r"(?:(?:ngày\s*đăng|đăng\s*ngày|ngày\s*xuất\s*bản|xuất\s*bản|cập\s*nhật|đăng\s*lúc|đăng"
    r"|ngày|published(?:\s+on)?|updated(?:\s+on)?|posted(?:\s+on)?)\s*[:：]?\s*)?"
    rf"(?:{_TIME_RE}\s*[,|-]?\s*(?:ngày\s*)?)?"
    + _DATE_RE +
    rf"(?:\s*[,|-]?\s*(?:lúc\s*)?{_TIME_RE})?"
    r"(?:\s*\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?)?",
    re.IGNORECASE)
# Bits of a meta line that are neither the byline nor the date.
_META_BITS = re.compile(r"(?:lượt xem|số lượt xem|views?|bình luận|comments?)\s*[:：]?\s*[\d.,]*",
                        re.IGNORECASE)
_NOT_A_BYLINE = re.compile(r"^(?:cập nhật|ngày đăng|đăng lúc|được|ngày|lúc|published|updated|posted"
                           r"|last updated|thời gian|date)\b", re.IGNORECASE)


def any_date(text: str | None) -> str | None:
    """A Vietnamese or numeric date (dates.parse_date), or an English one."""
    return parse_date(text) or english_date(text)


@lru_cache(maxsize=2048)  # a pure function of the line, asked of the same lines again
def byline_date(text: str | None) -> tuple[str, str] | None:
    """(byline, date) of a line that prints a byline beside its date: "Nguyên Minh -
    07/03/2026 08:47", "Nguyên Minh | 07/03/2026", "Theo Báo Nghệ An - 07/03/2026 08:47",
    "07/03/2026 | Tác giả: Nguyên Minh".  None when the line is something else: a date
    alone, a place and a date, words on both sides of the date.  The byline part is
    returned as printed; the caller judges whether it names a person or a credit."""
    text = clean_text(text)
    if not text or len(text) > 160:
        return None
    match = _DATE_EXPR.search(text)
    if not match:
        return None
    when = any_date(match.group(0))
    if not when:
        return None
    head = _META_BITS.sub(" ", text[:match.start()]).rstrip(" -–—|•·/").strip()
    tail = _META_BITS.sub(" ", text[match.end():]).lstrip(" -–—|•·/").strip()
    if head and re.search(r"\w", tail):
        return None
    if head.endswith(",") and not (AUTHOR_LABEL.match(head) or _BYLINE_LABEL_RE.match(head)):
        return None  # "Nghệ An, ngày 7/3/2026": a place, not a byline ("By X, 3 June": one)
    who = (head or tail).strip(" -–—|•·/,:").strip()
    if not who or re.search(r"\d", who) or len(who) > 80 or _NOT_A_BYLINE.match(who):
        return None
    return who, when


# --- the signature under the body -------------------------------------------------------

@dataclass
class Signature:
    author: str | None = None
    source: str | None = None
    published_at: str | None = None


# The newsroom signing for its writers: "PV" (phóng viên), "Nhóm PV", "BBT" (the board).
COLLECTIVE = {fold(x) for x in ("PV", "Nhóm PV", "Nhóm phóng viên", "Phóng viên", "BBT", "CTV")}


def names_people(line: str) -> bool:
    """The line (a byline, its label stripped) names only people ("Hồ Phương - Lê Minh"),
    or the newsroom signing for them ("PV")."""
    name = clean_author(line)
    return bool(name) and all(is_person_name(n) or fold(n) in COLLECTIVE for n in name.split(", "))


# An official text's signature block: "T/M UBND XÃ" / "CHỦ TỊCH" / "(Đã ký)" / the name.
# (A signer's titles, as the registers print them too.)
SIGNER_TITLES = (r"(?:(?:KT|TM|TL|Q|TUQ|T/M)\.?\s*)?(?:Phó\s+)?(?:Chủ\s+tịch|Giám\s+đốc"
                 r"|Bộ\s+trưởng|Thứ\s+trưởng|Chánh\s+(?:án|văn\s+phòng|thanh\s+tra)"
                 r"|Viện\s+trưởng|Trưởng\s+(?:ban|phòng)|Bí\s+thư|Cục\s+trưởng"
                 r"|Chi\s+cục\s+trưởng|Hiệu\s+trưởng)")
_SIGNING_LINE = re.compile(rf"^(?:(?:T/M|TM|KT|TL|TUQ|Q)\.?\s+\S|{SIGNER_TITLES}$|\(?đã ký\)?$)",
                           re.IGNORECASE)


# A signer's title printed before the name in the signer's cell ("Phó Chủ tịch - Trần Minh
# Quang", "KT. Chủ tịch: Lê Hồng Vinh"): the register's field is the person.
SIGNER_TITLE_LINE = re.compile(rf"^{SIGNER_TITLES}\b", re.IGNORECASE)
_SIGNER_TITLE = re.compile(rf"^{SIGNER_TITLES}\b[^-–:]{{0,40}}?\s*[-–:]\s*(?=\S)"
                           rf"|(?<=\S)\s*[-–(]\s*{SIGNER_TITLES}\b[^-–()]{{0,40}}\)?$", re.IGNORECASE)


# A police or army officer's rank before the name ("Đại tá Trương Quốc Bình").
_SIGNER_RANK = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+(?=\S)",
                          re.IGNORECASE)


# Words of an office that may stand capitalised right before the name ("Giám đốc Sở ...").
_OFFICE_WORDS = {"sở", "ban", "phòng", "ubnd", "hđnd", "tỉnh", "huyện", "xã", "phường", "viện",
                 "cục", "đài"}


def signer_name(value: str | None) -> str | None:
    """A register's signer field as the person: without the title printed beside the
    name, several signers joined as writers are."""
    if not value:
        return value
    if ";" in value:  # a joint document's signers, one per office: joined as writers are
        return ", ".join(filter(None, (signer_name(part.strip()) for part in value.split(";"))))
    value = _SIGNER_RANK.sub("", _SIGNER_TITLE.sub("", value, count=1), count=1)
    if not SIGNER_TITLE_LINE.match(value):
        return value
    # The title run into the name, no mark between ("Phó Chủ tịch UBND tỉnh Đặng Thị Lan",
    # "KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC Nguyễn Hữu Tài"): the name is the last words written as a
    # name's are.
    words = value.split()
    name: list[str] = []
    for word in reversed(words):
        if not (word[:1].isupper() and (len(word) == 1 or word[1:].islower())) \
                or word.lower() in _OFFICE_WORDS or len(name) == 4:
            break
        name.insert(0, word)
    return " ".join(name) if 2 <= len(name) < len(words) else value


def signed_by(el) -> str | None:
    """The person an official text's signature block (``el``, the body's last block: a
    layout table's cell, lines under <br>) names on its last line, after the office and
    title it signs for ("T/M UBND XÃ" / "CHỦ TỊCH" / "(Đã ký)" / "Nguyễn Văn Hùng")."""
    lines = [line for line in block_lines(el) if line]
    if not 2 <= len(lines) <= 8 or not any(_SIGNING_LINE.match(x) for x in lines[:-1]):
        return None
    name = lines[-1]
    return clean_author(name) if names_people(name) and len(name.split()) <= 5 else None


def read_signature(el, *, find_byline: bool = True, site: SiteNames | None = None):
    """What a line that ends the body signs: a person's byline, a credit ("Theo Báo Nghệ
    An"), either with its date ("Nguyên Minh - 07/03/2026 08:47"); None when the line is
    text.  An organisation signing is the source; the site's own name or an account
    signing is nobody, but the line is still no text."""
    text = without_email(text_of(el))
    dated = byline_date(text)
    line, when = dated if dated else (text, None)
    credit = credit_of(line)
    if credit:
        return Signature(None, credit, when)
    if not find_byline or line.rstrip().endswith(("!", "?")):
        return None  # (an interview's last words: "PV: Xin cảm ơn ông!")
    labelled = bool(AUTHOR_LABEL.match(line) or _BYLINE_LABEL_RE.match(line))
    if not (looks_like_byline(el) or ((dated or labelled) and names_people(line))
            or (dated and is_org(line))):
        return None
    author, source = split_byline(line)
    name = clean_author(author, site) if author else None
    if name:
        return Signature(name, source, when)
    plain = strip_byline_label(author) or ""
    if site and site.named(plain) or ACCOUNT.match(plain):
        return Signature(None, source, when)
    if is_org(plain) and not is_outlet(plain):
        # An office signing the text ("Văn phòng UBND xã", "Phòng Báo chí và Xuất bản")
        # is its byline as printed; a paper's or a portal's name there is a credit.
        office = clean_author(author, site, organisations=True)
        if office:
            return Signature(office, source, when)
    if is_org(plain):
        return Signature(None, source or plain, when)
    return None


def bylines_together(found: list) -> list:
    """The byline elements that make one byline with the first: the first, and those set
    beside it (<span class=author>A</span>, <span class=author>B</span>); not one nested in
    another, nor a byline elsewhere on the page (a teaser's, an author box's)."""
    found = [el for el in found if not any(o is not el and _within(el, o) for o in found)]
    if not found:
        return []
    first_up = list(found[0].iterancestors())[:BYLINE_SPREAD]
    together = [found[0]]
    for el in found[1:]:
        common = next((a for a in list(el.iterancestors())[:BYLINE_SPREAD]
                       if any(a is b for b in first_up)), None)
        if el.getprevious() is together[-1] or (
                common is not None and len(text_of(common)) <= MAX_BYLINE_LINE):
            together.append(el)
    return together


# The writers of one byline sit next to each other, or in one short line: under a common
# container this many levels up at most, holding this much text at most.
BYLINE_SPREAD = 2
MAX_BYLINE_LINE = 200


def layout_byline(scope, selectors, site: SiteNames | None = None) -> tuple[str | None, str | None,
                                                                            str | None]:
    """(author, source, date) from a layout's byline elements: the matches of the first
    selector that has any, set together (bylines_together), every writer they name in
    page order, a credit or an organisation as the source, and the date printed beside
    the byline.  The site's own name and accounts sign nothing."""
    found = []
    for sel in selectors:
        found = sel(scope)
        if found:
            break
    found = bylines_together(found)
    writers: list[str] = []
    source = when = None
    for el in found:
        text = text_of(el)
        dated = byline_date(text)
        if dated:
            text, when = dated[0], when or dated[1]
        author, credit = split_byline(text)
        name = clean_author(author, site, organisations=True) if author else None
        if name:
            writers.extend(name.split(", "))
        source = source or credit
    return join_authors(writers), source, when


def signed_date(value: str | None, sources: dict) -> str | None:
    """The date printed beside the byline, when the page prints it nowhere else."""
    if value:
        sources["published_at"] = "byline"
    return value


# A caption that credits the text as well as the picture: "(Ảnh và bài: Trần Quang Vinh)".
_CAPTION_WRITER = re.compile(r"[(\[]\s*(?:ảnh\s*(?:và|,|-)\s*bài|bài\s*(?:và|,|-)\s*ảnh)\s*[:：]"
                             r"\s*([^()\[\]]+?)\s*[)\]]", re.IGNORECASE)


def caption_writer(captions) -> str | None:
    """The writer a picture's caption names with the text's ("Ảnh và bài: X"), where the
    page signs the text nowhere else; a photographer alone ("Ảnh: X") wrote nothing."""
    for caption in captions:
        found = _CAPTION_WRITER.search(caption or "")
        name = clean_author(found.group(1)) if found else None
        if name:
            return name
    return None
