"""A page's addresses: the ``<base href>`` its links are resolved against; an article's
address as its page gives it, the rel=canonical that names another address of the same
article (a mobile twin, another category's URL), and the form of its own address the page
declares (rel=canonical, og:url)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from ..kernel.text import canonical_url
from .links import article_id_from_url
from .urls import collection_path, is_root


def apply_base_href(doc, url: str) -> None:
    """A page's ``<base href>`` applied to its links (lxml's make_links_absolute), so that
    "../tin-noi-bat/bai-950942" under ``<base href=".../Portal/">`` names the page the
    browser opens; every reader resolves links against the page's own URL after this."""
    head = doc.find("head")
    base = head.find("base") if head is not None else None
    if base is not None and (base.get("href") or "").strip():
        to, here = urlsplit(urljoin(url, base.get("href").strip())), urlsplit(url)
        if to.netloc.removeprefix("www.") != here.netloc.removeprefix("www."):
            # Another site's name (the one it moved from, left in its template): the path
            # is the page's site's.
            to = to._replace(scheme=here.scheme, netloc=here.netloc)
        # (the tag goes first: lxml's rewrite would apply it again whatever it is told)
        base.drop_tree()
        doc.make_links_absolute(to.geturl(), resolve_base_href=False, handle_failures="ignore")


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
