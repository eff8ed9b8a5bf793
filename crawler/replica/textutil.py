"""Text helpers of the replica: slugs, the portal's ways of writing Vietnamese, plain text.

The replica writes the same Vietnamese text the way the real portal's pages do (composed,
decomposed, or as HTML entities) and computes the expected records from its own source
data, so this module owns both directions: encoding text into a page, and reducing a
hand-written HTML fragment of the source data to the plain text a record holds.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.entities import codepoint2name
from html.parser import HTMLParser

SLUG_MAX = 96  # vnPortal cuts title slugs at 96 characters


def slugify(title: str, max_length: int = SLUG_MAX) -> str:
    """ASCII-fold a Vietnamese title into a vnPortal URL slug.

    đ/Đ have no decomposition in Unicode, so they are mapped by hand before the marks are
    dropped.
    """
    text = title.lower().replace("đ", "d").replace("Đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].rstrip("-")


def collapse(text: str) -> str:
    """NFC and whitespace collapsed (non-breaking spaces count as whitespace)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def entity_encode(page: str) -> str:
    """Write every non-ASCII character as an HTML entity, named where HTML has a name.

    Old CKEditor configurations did this (`entities: true`), giving `&agrave;` for à and
    `&#7897;` for ộ on the same page. Markup is ASCII, so the whole page can go through.
    """
    out = []
    for ch in page:
        code = ord(ch)
        if code < 128:
            out.append(ch)
        elif code in codepoint2name:
            out.append(f"&{codepoint2name[code]};")
        else:
            out.append(f"&#{code};")
    return "".join(out)


def encode_text(fragment: str, mode: str | None) -> str:
    """Apply a page's text mode: None/"nfc" as is, "nfd" decomposed, "entities"."""
    if not mode or mode == "nfc":
        return fragment
    if mode in ("nfd", "nfd_body"):
        return unicodedata.normalize("NFD", fragment)
    if mode == "entities":
        return entity_encode(fragment)
    raise ValueError(f"unknown text mode {mode!r}")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of a trusted, hand-written inline HTML fragment, NFC and collapsed."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return collapse("".join(collector.parts))


def esc(text: str) -> str:
    """Escape text for an element body (quotes left alone, as CKEditor leaves them)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted attribute value."""
    return html.escape(text, quote=True)
