"""The data of the web view's pages of what was fetched: a stored page (``/article/raw``
and the page itself, made safe to show), the WARC of a page's fetches (``/article/warc``)
and an archived file (``/file``).  Each function reads through ``archive.query`` and
``archive.queries_web`` on the connection ``archive.pages`` hands it; None: not in the
archive."""

from __future__ import annotations

import html
import io

from lxml import etree

from crawler.kernel.text import canonical_url
from crawler.parsers.page import decode_page, load

from .files import body
from .links import link
from .queries_web import (
    archived_file,
    archived_files,
    fetch_of,
    fetches_of,
    has_page_fetches,
    page_fetches,
    page_title,
    parsed_fetch,
)
from .query import snapshot

# Elements and attributes that make a browser fetch something.
FETCHING = {"img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",),
            "link": ("href",), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
            "object": ("data",), "video": ("src", "poster"), "audio": ("src",),
            "track": ("src",), "input": ("src",), "image": ("href",), "use": ("href",)}


def stored_fetch(db, url: str, fetch_id: str | None) -> dict | None:
    """The stored fetch of ``url`` asked for, else the one its record was parsed from,
    else its latest answer."""
    if fetch_id and fetch_id.isdigit() and len(fetch_id) < 18:
        found = fetch_of(db, url, int(fetch_id))
    else:
        found = parsed_fetch(db, url)
    return snapshot(db, found) if found else None


def raw_data(db, url: str, fetch_id: str | None) -> dict | None:
    fetch = stored_fetch(db, url, fetch_id)
    if fetch is None:
        return None
    return {"title": page_title(db, url) or url, "url": url, "fetch": fetch,
            "fetches": fetches_of(db, url), "size": len(fetch["body"])}


def sandboxed_html(db, fetch: dict) -> str:
    """The stored page, with every image pointing at the archive's copy (or at nothing,
    when the archive has none) and every other thing that would fetch from the network
    (scripts, style sheets, frames, a <base>, a meta refresh) left out."""
    decoded = decode_page(fetch["body"], _header(fetch["headers"], "content-type"))
    try:
        doc = load(fetch["body"], decoded=decoded)
    except ValueError as exc:  # an empty answer, or only comments: nothing to lay out
        return ("<!DOCTYPE html><html><body><p>The stored answer is no page a browser could"
                f" show ({html.escape(str(exc))}). Its text, {len(decoded.text)} characters:"
                f"</p><pre>{html.escape(decoded.text)}</pre></body></html>")
    base = fetch["url"]
    wanted = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname.lower()
        for attr in FETCHING.get(tag, ()):
            if el.get(attr):
                wanted.append((el, tag, attr, el.get(attr)))
        if tag == "base" or (tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh"):
            el.getparent().remove(el)
    images = {canonical_url(v.split()[0], base) for _el, tag, _a, v in wanted
              if tag in ("img", "source", "input") and v.split()}
    archived = archived_files(db, images)
    for el, tag, attr, value in wanted:
        if tag in ("img", "source", "input") and value.split():
            target = canonical_url(value.split()[0], base)
            el.set("data-govnews-original", target)
            if target in archived and attr == "src":
                el.set(attr, link("/file", url=target))
                continue
        el.attrib.pop(attr, None)
    return etree.tostring(doc, method="html", encoding="unicode", doctype="<!DOCTYPE html>")


def _header(pairs, name: str) -> str | None:
    return next((v for k, v in pairs if k.lower() == name), None)


def warc_bytes(db, url: str) -> bytes | None:
    """The fetches of the page at ``url`` and of the files it links, as a WARC file."""
    from .warc import write_warc

    if not has_page_fetches(db, url):
        return None
    stream = io.BytesIO()
    write_warc(db, stream, *page_fetches(url))
    return stream.getvalue()


def file_bytes(db, url: str):
    row = archived_file(db, url)
    data = body(db, row["sha256"]) if row else None
    if data is None:
        return None
    content_type = (row["content_type"] or "application/octet-stream").split(";")[0].strip()
    return data, content_type

