"""The portal family: the Nghệ An portal and its subsites, served by their real host names
through an HTTP proxy on 127.0.0.1 (nothing here ever connects anywhere else).

    from crawler.replica.family import FamilyProxy, build_family

    family = build_family()
    with FamilyProxy(family, port=0) as proxy:
        ...crawl http://www.nghean.gov.vn/ with http_proxy=proxy.url...
        proxy.requests            # every request: host, path, status, form/json, dead, kind
        proxy.unknown_requests()  # requests for hosts outside the family (should be none)
    family.expected_records()     # what the crawl must have stored, every live site
    family.expected_documents()   # the documents of both registers
    family.expected_files()       # every linked image/attachment/document file: its sha256
    family.disallowed(host)       # the host's robots.txt Disallow prefixes

Hosts (`family.sites`, by kind in `live_hosts`, `dead_hosts`, `file_hosts`):
- `www.nghean.gov.vn`: the replica's vnPortal site (`build_site()`, or the `portal` given
  to `build_family`), its home page linking every subsite ("Liên kết website" select,
  menu, footer) and its register of documents `/van-ban` (`register`); see
  `hosts.MainPortal`;
- `vhttdl.nghean.gov.vn`: vnPortal in another skin, JSON-only LoadArticle (`vnportal`);
- `quangchau.nghean.gov.vn`: NukeViet 4.5 (`nukeviet`), with the `laws` module's
  register of documents at `/laws/` (`laws`);
- `phuongtruongthi.nghean.gov.vn`: WordPress 6.4 (`wordpress`);
- `dulich.nghean.gov.vn` answers 503 to everything, `xanghiahung.nghean.gov.vn` resets
  every connection (`hosts.DeadSite`);
- `datafiles.nghean.gov.vn`, `storage-vnportal.vnpt.vn`: file hosts for the images and
  documents vnPortal pages link (`hosts.FileHost`, bytes from `files`).
Any other host answers 502 "replica proxy: unknown host", logged.

`python -m crawler.replica.family --port 8001` serves the proxy until Ctrl-C.

Records (`family.expected_records()`) have the keys of `crawler.replica.EXPECTED_KEYS`
plus `source`, `layout` and `cites` (`RECORD_KEYS`); `base` states the rules beyond
expected.py's (author vs source, dates), `documents` those of `cites` (the document
numbers an article's title, summary and body name, canonical, in order, each once).

Documents (`family.expected_documents()`) have the keys of `DOCUMENT_KEYS` (url, site,
number, title, kind, agency, issued, effective, signer, summary, files); the rules are in
`documents`. Files (`family.expected_files()`): url -> {sha256, content_type, bytes,
sentence, hostile} for every image and attachment a record names and every file a
document links; `files` says how they are made, which are hostile and how. Every file
answers with an ETag and a Last-Modified, and 304 to a matching conditional GET.

The source data of the new sites is `content.py` and `content_communes.py`, of the
registers `documents.py`. Like the rest of the replica, nothing here imports the
crawler's parsers, spiders or the archive.
"""

from ..expected import EXPECTED_KEYS
from .base import FamilySite, Img, Post
from .documents import DOCUMENT_KEYS
from .family import (
    DATAFILES_HOST,
    DEAD_503_HOST,
    DEAD_RESET_HOST,
    NUKEVIET_HOST,
    PORTAL_HOST,
    STORAGE_HOST,
    VHTTDL_HOST,
    WORDPRESS_HOST,
    Family,
    build_family,
)
from .proxy import FamilyProxy

# The single-site replica's keys (written out there, apart from the crawler's), and the
# family's own.
RECORD_KEYS = (*EXPECTED_KEYS, "source", "layout", "cites")

__all__ = [
    "DATAFILES_HOST",
    "DEAD_503_HOST",
    "DEAD_RESET_HOST",
    "DOCUMENT_KEYS",
    "NUKEVIET_HOST",
    "PORTAL_HOST",
    "RECORD_KEYS",
    "STORAGE_HOST",
    "VHTTDL_HOST",
    "WORDPRESS_HOST",
    "Family",
    "FamilyProxy",
    "FamilySite",
    "Img",
    "Post",
    "build_family",
]
