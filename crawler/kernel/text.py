"""Text and URL normalisation: small pure steps every parser chains.

Vietnamese text reaches the portal's pages composed (NFC) and decomposed (NFD), as HTML
entities, with non-breaking and zero-width spaces from CKEditor.  Everything the archive
stores goes through ``clean_text`` so that one article always reads, compares and searches
the same way whichever form the page used.
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Zero-width characters and the BOM carry no text; CKEditor and Word pastes leave them.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Characters no article carries and a crafted page uses to hide or reorder text: C0/C1
# controls other than whitespace (NUL among them), and the bidi embedding, override and
# isolate controls, which make a title display other than it reads.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
# A character reference to a lone surrogate (&#xD800;) names no character: U+FFFD, as
# HTML says.
_SURROGATES = re.compile("[\ud800-\udfff]")
# Any of the three (NFC makes none of them).
_ODD = re.compile("[" + _SURROGATES.pattern[1:-1] + _INVISIBLE.pattern[1:-1]
                  + _CONTROLS.pattern[1:-1] + "]")

# Query parameters that name the same page (vnPortal adds ?pageindex=0 to article links).
NOISE_QUERY_PARAMS = {"pageindex": {"0"}}
# Parameters that say where a visitor came from, whatever their value: campaign tags
# (utm_*) and the click ids social networks add to a shared link (Zalo's zarsrc and
# gidzl, Facebook's fbclid, Google's gclid).  They never name another page.
TRACKING_PARAMS = {"fbclid", "gclid", "zarsrc", "gidzl", "igshid", "mc_cid", "mc_eid"}
# A visitor's session, put in every link by servers that keep it there instead of in a
# cookie (PHP, Java, classic ASP, ColdFusion): a new value on every answer makes each page
# endlessly many addresses.  "sid" counts only with a session's value (a long run of
# letters and digits): a short one names a site or a section ("?sid=12").
SESSION_PARAMS = {"phpsessid", "jsessionid", "sessionid", "session_id", "aspsessionid",
                  "cfid", "cftoken", "sessid"}
_SESSION_VALUE = re.compile(r"[0-9A-Za-z]{16,}")
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
# Liferay's way back to the page a link stood on ("?redirect=<the listing's address>",
# "_101_redirect="), on its friendly addresses (those holding "/-/"): a new value on each
# listing page for the same content.
LIFERAY_BACK = re.compile(r"(?:\w+_)?redirect", re.IGNORECASE)


def clean_text(value: str | None) -> str:
    """Entities decoded, NFC, invisible characters removed, whitespace collapsed."""
    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    if value.isascii():
        value = _CONTROLS.sub("", value)
    elif _ODD.search(value) is None:  # one scan, not three, for text holding none of them
        if not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
    else:
        value = _SURROGATES.sub("\ufffd", value)
        if not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
        value = _INVISIBLE.sub("", value)
        value = _CONTROLS.sub("", value)
    # Whitespace collapsed: str.split() splits on what \s matches in Python's re (NBSP,
    # U+00A0, and the other Unicode spaces among it), at half the cost of a regex.
    return " ".join(value.split())


def clean_or_none(value: str | None) -> str | None:
    text = clean_text(value)
    return text or None


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute URL without fragment and without query parameters that name the same page."""
    if base:
        # Most links name their page whatever page they stand on: an address with a host
        # needs no base, and one from the root ("/tin-tuc/...") only the base's scheme and
        # host (urljoin and _joined read nothing else of it).  Asked so, the memo answers
        # a menu's or a box's link on every page of a site, not once per page.
        if url.startswith(("http://", "https://")) and url.split("//", 1)[1][:1].isalnum():
            base = None
        elif url.startswith("/"):
            base = _origin(base)
    return _canonical_url(url, base)


@lru_cache(maxsize=1024)
def _origin(base: str) -> str:
    """``base``'s scheme and host, when it is an http(s) address with a host; else itself."""
    parts = urlsplit(base)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return base


# Memoised: a page's readers ask for its links again (menus, boxes, the pager), and a
# site's pages share most of theirs; a pure function of its two strings.  A larger cache
# would hold mostly finished pages' own relative links (6 MB of a crawl's peak at 16,384).
@lru_cache(maxsize=2048)
def _canonical_url(url: str, base: str | None = None) -> str:
    url = clean_text(url)
    if base:
        url = _joined(base, url)
    parts = urlsplit(url)
    if not parts.query:
        query = []
    else:
        liferay = "/-/" in parts.path
        query = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if v not in NOISE_QUERY_PARAMS.get(k.lower(), ()) and not _tracking(k)
            and not _session(k, v) and not (liferay and LIFERAY_BACK.fullmatch(k))
        ]
    netloc = parts.netloc.lower()
    scheme = parts.scheme.lower()
    if (scheme, netloc.rsplit(":", 1)[-1]) in (("http", "80"), ("https", "443")):
        netloc = netloc.rsplit(":", 1)[0]
    path = parts.path or "/"
    if ";" in path:
        path = _PATH_SESSION.sub("", path) or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS


def _session(key: str, value: str) -> bool:
    key = key.lower()
    return (key in SESSION_PARAMS or key.startswith("aspsessionid")
            or (key == "sid" and _SESSION_VALUE.fullmatch(value) is not None))


def _joined(base: str, url: str) -> str:
    """What canonical_url makes of ``urljoin(base, url)``, without urljoin's work for the
    two shapes nearly every link has: an absolute http(s) address (urljoin gives it back
    re-assembled, which the split below does anyway) and a path from the root holding no
    "//" or dot segment (urljoin resolves dot segments, and some Python versions collapse
    "//"; otherwise it only puts the base's scheme and host in front).  Hand-written:
    urljoin took a twentieth of a crawled article's parse (its related block links ten
    articles); a test compares the two over 40,000 links and bases."""
    if url.startswith(("http://", "https://")):
        if urlsplit(url).netloc:
            return url
    elif url.startswith("/") and not url.startswith("//"):
        path = url.split("?", 1)[0].split("#", 1)[0]
        if "//" not in path and "/." not in path:
            head = urlsplit(base)
            if head.scheme in ("http", "https") and head.netloc:
                return f"{head.scheme}://{head.netloc}{url}"
    return urljoin(base, url)


def site_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


# What the search index's tokenizer (FTS5's unicode61) takes for one word: a run of letters
# and digits, combining marks staying with their letter.  Everything else, quotes and FTS5
# operators included, separates.  The search and its query language split text with it.
INDEX_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")

# The one letter Unicode cannot fold: đ has no decomposition, so it is mapped by hand.
# The search index's SQL twin (archive.schema.FOLD_SQL) is made from the same table by
# ``fold_d_sql``; a test runs both over every Vietnamese letter and tone.
D_FOLD = {"đ": "d", "Đ": "D"}


def fold_d_sql(expression: str) -> str:
    """``fold_d`` as an SQL expression over ``expression``: nested ``replace()`` calls, one
    per letter of D_FOLD, so SQLite's generated columns fold as Python does."""
    for letter, plain in D_FOLD.items():
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


def fold_d(text: str) -> str:
    """đ/Đ -> d/D and nothing else, every other character where it was."""
    # str.replace per letter: a scan in C, where translate() looks up every character.
    for letter, plain in D_FOLD.items():
        text = text.replace(letter, plain)
    return text


def index_fold(word: str) -> str:
    """What the search index holds of a word before its tokenizer folds case and marks:
    NFC, đ/Đ -> d/D."""
    return fold_d(unicodedata.normalize("NFC", word))


@lru_cache(maxsize=1)
def _marks() -> frozenset[str]:
    """Every combining character (what unicodedata.combining() calls nonzero), built once
    instead of a test per character."""
    return frozenset(chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.combining(chr(cp)))


def strip_marks(text: str) -> str:
    """Every tone and vowel mark dropped ("Nguyễn" -> "Nguyen"); đ stays (see fold_d)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFD", text)
    # str.replace per mark the text holds (a Vietnamese text holds five or six): scans in
    # C, where translate() with a table looks each character up in a dict, at twice the
    # cost on a paragraph.
    for mark in _marks().intersection(text):
        text = text.replace(mark, "")
    return text


def fold(value: str) -> str:
    """Lowercase ASCII skeleton of Vietnamese text ("Nguyễn Đức" -> "nguyen duc")."""
    return strip_marks(fold_d(clean_text(value))).lower()
