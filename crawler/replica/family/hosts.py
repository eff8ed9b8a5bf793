"""The family's other hosts: the main portal (the existing replica site, by its real name),
the dead subsites and the file hosts.

`MainPortal` serves a `crawler.replica.Site` as `http://www.nghean.gov.vn`: the replica's
own pages rendered on that base, with two changes made here (render.py is left alone):
- file links go out over plain http (`https://datafiles.nghean.gov.vn/` and
  `https://storage-vnportal.vnpt.vn/` become `http://...`, on every page and in the
  expected records alike), so each image a page links can be fetched through the proxy;
- the home page links the subsites: a "Liên kết website" `<select>` in the side column
  whose `<option value="http://HOST/">` entries list every subsite (live and dead), a
  menu entry, and a line of footer links;
- the register of documents (`register.py`) answers `/van-ban` and `/van-ban/...`, and
  the menu of the home page and of the register's pages links it ("Văn bản");
- records carry `cites` (`documents.PORTAL_CITES`).
Files linked root-relative (`/Uploads/...pdf`, an image's `/nan-ubnd/...jpg`) are served
as small valid files, as the portal serves them on its own name too.

`DeadSite`: "503" answers every request 503 with HTTP.sys's "Service Unavailable" page;
"reset" makes the proxy reset the connection without an answer (the handler does that).
`FileHost`: GET/HEAD of `/nan-ubnd/...` with a known file extension answers the bytes of
`files.py`; anything else 404. Never linked as a site, only as image and file URLs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..response import Response
from ..site import Site
from .base import FamilySite, method_not_allowed, split_target, text_response
from .documents import PORTAL_CITES
from .files import CONTENT_TYPES, extension, file_response
from .register import REGISTER_NAME, REGISTER_PATH, PortalRegister

HTTPS_FILE_HOSTS = ("datafiles.nghean.gov.vn", "storage-vnportal.vnpt.vn")


def plain_http(url: str) -> str:
    """A file host's https URL as the family serves it (http), other URLs unchanged."""
    for host in HTTPS_FILE_HOSTS:
        prefix = f"https://{host}/"
        if url.startswith(prefix):
            return f"http://{host}/" + url[len(prefix) :]
    return url


def _plain_http_bytes(body: bytes) -> bytes:
    for host in HTTPS_FILE_HOSTS:
        body = body.replace(f"https://{host}/".encode(), f"http://{host}/".encode())
    return body


class MainPortal(FamilySite):
    layout = "vnportal"
    server_header = "Microsoft-IIS/10.0"
    # Where the home page's additions go (each occurs once on the home page).
    SIDE_ANCHOR = '    <div class="box box-stats">'
    FOOTER_ANCHOR = '      <p class="copyright">'
    MENU_ANCHOR = '        <li class="menu-item"><a href="/lien-he">Liên hệ</a></li>'

    def __init__(
        self,
        site: Site,
        *,
        host: str = "www.nghean.gov.vn",
        links: list[tuple[str, str, str]] = (),
    ) -> None:
        self.site = site
        self.host = host
        self.name = "Cổng thông tin điện tử tỉnh Nghệ An"
        # (host, display name, group) of every subsite the home page links.
        self.links = list(links)
        self.register = PortalRegister(self.base)

    def disallowed(self) -> list[str]:
        return self.site.disallowed_paths()

    def listing_urls(self) -> list[str]:
        return [self.base + p for p in self.site.listing_paths()]

    def register_urls(self) -> list[str]:
        return self.register.listing_urls()

    def expected_documents(self) -> list[dict[str, Any]]:
        return self.register.expected_documents(self.host)

    def expected_records(self) -> list[dict[str, Any]]:
        out = []
        for rec in self.site.expected_records(self.base):
            rec = dict(rec)
            rec["images"] = [{**i, "url": plain_http(i["url"])} for i in rec["images"]]
            rec["attachments"] = [{**a, "url": plain_http(a["url"])} for a in rec["attachments"]]
            rec["source"] = None  # the portal's bylines are all people's names
            rec["layout"] = self.layout
            rec["cites"] = list(PORTAL_CITES.get(rec["article_id"], []))
            out.append(rec)
        return out

    # --- the home page's links to the subsites --------------------------------------
    def weblinks_box(self) -> str:
        groups: dict[str, list[str]] = {}
        for host, name, group in self.links:
            groups.setdefault(group, []).append(
                f'          <option value="http://{host}/">{name}</option>'
            )
        body = "\n".join(
            f'        <optgroup label="{group}">\n' + "\n".join(options) + "\n        </optgroup>"
            for group, options in groups.items()
        )
        return (
            '    <div class="box box-weblinks">\n'
            '      <div class="box-title"><span>Liên kết website</span></div>\n'
            '      <select class="form-control" id="ddlWebLink" name="ddlWebLink" '
            "onchange=\"if (this.value != '') window.open(this.value, '_blank');\">\n"
            '        <option value="">-- Chọn website --</option>\n'
            f"{body}\n"
            "      </select>\n"
            "    </div>\n"
        )

    def footer_links(self) -> str:
        anchors = " | ".join(
            f'<a href="http://{host}/" target="_blank">{name}</a>'
            for host, name, _g in self.links[:2]
        )
        return f'      <p class="footer-links">Website thành viên: {anchors}</p>\n'

    def menu_item(self) -> str:
        host, name, _group = self.links[0]
        return f'        <li class="menu-item"><a href="http://{host}/" target="_blank">{name}</a></li>\n'

    def with_register_menu(self, markup: str) -> str:
        """The page with the menu's "Văn bản" entry (the home page and the register's)."""
        if markup.count(self.MENU_ANCHOR) != 1:
            raise ValueError(f"page: expected one {self.MENU_ANCHOR.strip()!r}")
        item = f'        <li class="menu-item"><a href="{REGISTER_PATH}">{REGISTER_NAME}</a></li>\n'
        return markup.replace(self.MENU_ANCHOR, item + self.MENU_ANCHOR)

    def decorate_home(self, markup: str) -> str:
        markup = self.with_register_menu(markup)
        if not self.links:
            return markup
        for anchor in (self.SIDE_ANCHOR, self.FOOTER_ANCHOR, self.MENU_ANCHOR):
            if markup.count(anchor) != 1:
                raise ValueError(f"home page: expected one {anchor.strip()!r}")
        markup = markup.replace(self.SIDE_ANCHOR, self.weblinks_box() + self.SIDE_ANCHOR)
        markup = markup.replace(self.FOOTER_ANCHOR, self.footer_links() + self.FOOTER_ANCHOR)
        return markup.replace(self.MENU_ANCHOR, self.menu_item() + self.MENU_ANCHOR)

    def respond(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Response:
        path, query = split_target(target)
        reading = method in ("GET", "HEAD")
        if (
            reading
            and path.startswith(("/Uploads/", "/nan-ubnd/"))
            and extension(path) in CONTENT_TYPES
        ):
            return file_response(path)
        decorate = None
        resp = None
        if reading and (path == REGISTER_PATH or path.startswith(REGISTER_PATH + "/")):
            resp = self.register.respond(self.site, path, query)
            decorate = self.with_register_menu
        if resp is None:
            resp = self.site.respond(method, target, body, headers, self.base)
        resp = replace(resp, body=_plain_http_bytes(resp.body), headers=dict(resp.headers))
        if path == "/" and reading and resp.status == 200:
            decorate = self.decorate_home
        if decorate is not None and resp.status == 200:
            resp = replace(resp, body=decorate(resp.body.decode("utf-8")).encode("utf-8"))
        resp.headers.setdefault("X-Powered-By", "ASP.NET")
        return resp


IIS_503 = (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n'
    "<HTML><HEAD><TITLE>Service Unavailable</TITLE>\r\n"
    '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n'
    "<BODY><h2>Service Unavailable</h2>\r\n"
    "<hr><p>HTTP Error 503. The service is unavailable.</p>\r\n"
    "</BODY></HTML>\r\n"
)


class DeadSite(FamilySite):
    """A subsite that is down: "503" (every answer 503) or "reset" (no answer at all)."""

    kind = "dead"

    def __init__(self, host: str, name: str, mode: str) -> None:
        if mode not in ("503", "reset"):
            raise ValueError(f"unknown dead mode {mode!r}")
        self.host = host
        self.name = name
        self.mode = mode
        self.server_header = "Microsoft-HTTPAPI/2.0"

    def respond(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Response:
        if self.mode == "reset":
            raise RuntimeError("a reset site has no answer; the proxy resets the connection")
        return Response(503, IIS_503.encode("ascii"), "text/html; charset=us-ascii")


NOT_FOUND_FILE = (
    "<!DOCTYPE html>\n<html><head><title>404 - File or directory not found.</title></head>\n"
    "<body><h2>404 - File or directory not found.</h2>\n"
    "<h3>The resource you are looking for might have been removed, had its name changed, "
    "or is temporarily unavailable.</h3></body></html>\n"
)


class FileHost(FamilySite):
    kind = "files"

    def __init__(
        self, host: str, *, prefix: str = "/nan-ubnd/", server: str = "Microsoft-IIS/10.0"
    ):
        self.host = host
        self.name = host
        self.prefix = prefix
        self.server_header = server

    def respond(self, method: str, target: str, body: bytes, headers: dict[str, str]) -> Response:
        path, _query = split_target(target)
        if method not in ("GET", "HEAD"):
            return method_not_allowed()
        if path == "/robots.txt":
            return text_response(self.robots_txt())
        if path.startswith(self.prefix):
            resp = file_response(path)
            if resp is not None:
                return resp
        return Response(404, NOT_FOUND_FILE.encode("ascii"), "text/html")
