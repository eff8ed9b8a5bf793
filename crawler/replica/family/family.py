"""The family: every host the proxy answers for, and what a crawl of them must give.

`build_family()` is deterministic: the same call gives the same sites, pages, records,
documents and file bytes.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

from ..site import Site, build_site
from .base import FamilySite
from .files import file_sentence, hostile_kind
from .hosts import DeadSite, FileHost, MainPortal
from .nukeviet import NukeVietSite
from .vnportal import VnPortalSubsite
from .wordpress import WordPressSite

PORTAL_HOST = "www.nghean.gov.vn"
VHTTDL_HOST = "vhttdl.nghean.gov.vn"
NUKEVIET_HOST = "quangchau.nghean.gov.vn"
WORDPRESS_HOST = "phuongtruongthi.nghean.gov.vn"
DEAD_503_HOST = "dulich.nghean.gov.vn"
DEAD_RESET_HOST = "xanghiahung.nghean.gov.vn"
DATAFILES_HOST = "datafiles.nghean.gov.vn"
STORAGE_HOST = "storage-vnportal.vnpt.vn"  # where the portal's pre-2021 images are

# What the main portal's "Liên kết website" select lists: (host, name, group).
SUBSITE_LINKS = [
    (VHTTDL_HOST, "Sở Văn hóa, Thể thao và Du lịch", "Sở, ban, ngành"),
    (DEAD_503_HOST, "Cổng thông tin Du lịch Nghệ An", "Sở, ban, ngành"),
    (NUKEVIET_HOST, "Xã Quang Châu", "Xã, phường, thị trấn"),
    (WORDPRESS_HOST, "Phường Trường Thi", "Xã, phường, thị trấn"),
    (DEAD_RESET_HOST, "Xã Nghĩa Hưng", "Xã, phường, thị trấn"),
]


class Family:
    """Hosts by name. `sites` maps each host to its `FamilySite`."""

    def __init__(self, sites: list[FamilySite]) -> None:
        self.sites: dict[str, FamilySite] = {}
        for s in sites:
            if s.host in self.sites:
                raise ValueError(f"host twice in the family: {s.host}")
            self.sites[s.host] = s

    def _hosts(self, kind: str) -> list[str]:
        return [h for h, s in self.sites.items() if s.kind == kind]

    @property
    def live_hosts(self) -> list[str]:
        """Hosts that serve news, the main portal first."""
        return self._hosts("live")

    @property
    def dead_hosts(self) -> list[str]:
        return self._hosts("dead")

    @property
    def file_hosts(self) -> list[str]:
        return self._hosts("files")

    @property
    def hosts(self) -> list[str]:
        return list(self.sites)

    @property
    def portal(self) -> MainPortal:
        return next(s for s in self.sites.values() if isinstance(s, MainPortal))

    def site(self, host: str) -> FamilySite:
        return self.sites[host.lower()]

    def subsite_links(self) -> list[str]:
        """Start URLs of every subsite the main portal links (live and dead)."""
        return [f"http://{h}/" for h, _n, _g in self.portal.links]

    def expected_records(self, host: str | None = None) -> list[dict[str, Any]]:
        """Every live site's articles as expected records (or one host's)."""
        hosts = [host.lower()] if host else self.live_hosts
        out: list[dict[str, Any]] = []
        for h in hosts:
            out.extend(self.sites[h].expected_records())
        return out

    def expected_documents(self, host: str | None = None) -> list[dict[str, Any]]:
        """Every register's documents (`documents.DOCUMENT_KEYS`), or one host's."""
        hosts = [host.lower()] if host else self.live_hosts
        return [d for h in hosts for d in self.sites[h].expected_documents()]

    def register_urls(self, host: str) -> list[str]:
        """The pages of the host's register list, page 1 first (none without one)."""
        return self.sites[host.lower()].register_urls()

    def file_urls(self) -> list[str]:
        """Every file a record or a document names, once, in that order: article images and
        attachments (hostile ones included), then document files. Chrome images (logos,
        banners, thumbnails) are not among them."""
        urls = [
            item["url"]
            for rec in self.expected_records()
            for item in rec["images"] + rec["attachments"]
        ]
        urls += [f["url"] for doc in self.expected_documents() for f in doc["files"]]
        return list(dict.fromkeys(urls))

    def expected_files(self) -> dict[str, dict[str, Any]]:
        """url -> {sha256, content_type, bytes, sentence, hostile} of every `file_urls()`
        entry, from the bytes its host serves: `sentence` the one only that PDF or DOCX
        holds (None for images and hostile files), `hostile` None or "truncated",
        "encrypted", "bomb", "huge"."""
        out: dict[str, dict[str, Any]] = {}
        for url in self.file_urls():
            parts = urlsplit(url)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            resp = self.site(parts.netloc).respond("GET", target, b"", {})
            if resp.status != 200:
                raise AssertionError(f"a linked file is not served: {url} ({resp.status})")
            out[url] = {
                "sha256": hashlib.sha256(resp.body).hexdigest(),
                "content_type": resp.content_type,
                "bytes": len(resp.body),
                "sentence": file_sentence(parts.path),
                "hostile": hostile_kind(parts.path),
            }
        return out

    def disallowed(self, host: str) -> list[str]:
        """The Disallow prefixes of the host's robots.txt (none for dead or file hosts)."""
        return self.sites[host.lower()].disallowed()

    def listing_urls(self, host: str) -> list[str]:
        return self.sites[host.lower()].listing_urls()


def build_family(*, portal: Site | None = None) -> Family:
    """The portal family. `portal`: the main portal's `Site` (default `build_site()`),
    e.g. `build_site(add=new_articles(3, slugs))` for a nightly re-crawl."""
    return Family(
        [
            MainPortal(
                portal if portal is not None else build_site(),
                host=PORTAL_HOST,
                links=SUBSITE_LINKS,
            ),
            VnPortalSubsite(VHTTDL_HOST),
            NukeVietSite(NUKEVIET_HOST),
            WordPressSite(WORDPRESS_HOST),
            DeadSite(DEAD_503_HOST, "Cổng thông tin Du lịch Nghệ An", "503"),
            DeadSite(DEAD_RESET_HOST, "Xã Nghĩa Hưng", "reset"),
            FileHost(DATAFILES_HOST),
            FileHost(STORAGE_HOST, server="nginx"),
        ]
    )
