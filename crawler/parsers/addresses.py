"""An article's address as its page gives it: the rel=canonical that names another
address of the same article (a mobile twin, another category's URL), and the form of its
own address the page declares (rel=canonical, og:url)."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..kernel.text import canonical_url
from .links import article_id_from_url
from .urls import collection_path, is_root


def canonical_elsewhere(doc, url: str) -> str | None:
    """The address the page's ``<link rel="canonical">`` gives, when it is another address
    of the same article: its last path segment (slug and id) or its id the same.  A
    canonical naming the home page, a section, or another article (a template's mistake,
    common enough) is no evidence and is ignored."""
    href = _head_address(doc)
    if not href:
        return None
    there = canonical_url(href)
    if _plain(there) == _plain(url) or is_root(there) or collection_path(urlsplit(there).path):
        return None  # itself (over https, with or without www.), or no article's
    mine, theirs = urlsplit(url).path.rstrip("/"), urlsplit(there).path.rstrip("/")
    same_id = article_id_from_url(url) and article_id_from_url(url) == article_id_from_url(there)
    if same_id or (mine.rsplit("/", 1)[-1] == theirs.rsplit("/", 1)[-1] and len(mine) > 1):
        return there
    return None


def _head_address(doc, og_url: bool = False) -> str | None:
    """The absolute address the page's ``<head>`` declares its own: its first
    ``<link rel="canonical">``, else (``og_url``) its og:url.  Its head only: no scan of
    the whole page, on every article."""
    head = doc.find("head")
    if head is None:
        return None
    shared = None
    for el in head.iterchildren("link", "meta"):
        if el.tag == "link" and (el.get("rel") or "").strip().lower() == "canonical":
            href = (el.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
        elif og_url and shared is None and el.get("property") == "og:url":
            content = (el.get("content") or "").strip()
            shared = content if content.startswith(("http://", "https://")) else None
    return shared


def declared_address(doc, url: str) -> str | None:
    """The page's own address as it declares it (rel=canonical, else og:url) where that is
    ``url`` itself but for a trailing slash: the form to keep.  A site's related lists may
    link "/slug-723585/" where its own lists and the page itself say "/slug-723585"."""
    declared = _head_address(doc, og_url=True)
    if not declared:
        return None
    there, here = urlsplit(canonical_url(declared)), urlsplit(url)
    if (there[:2] == here[:2] and there.query == here.query and there.path != here.path
            and there.path.rstrip("/") == here.path.rstrip("/")):
        return there.geturl()
    return None


def _plain(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.removeprefix("www.") + parts.path.rstrip("/") + "?" + parts.query
