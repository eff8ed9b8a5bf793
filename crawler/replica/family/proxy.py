"""`FamilyProxy`: an HTTP proxy on 127.0.0.1 that answers for every host of the family.

A client configured with `http_proxy=proxy.url` (Scrapy's HttpProxyMiddleware reads the
environment variable) sends `GET http://vhttdl.nghean.gov.vn/path HTTP/1.1`; the proxy
never connects anywhere: it looks the host up in the family and answers from it.

- a live site or file host: its answer (conditional GET on article pages as the
  replica's own server does: ETag from the bytes, Last-Modified from the article, 304);
- a dead host: "503" sites answer 503, "reset" sites get the connection reset (TCP RST)
  without an answer (status None in the log);
- any other host, or a port other than 80: 502 with "replica proxy: unknown host";
- `CONNECT` (https through the proxy): 405, logged;
- a request in origin form (`GET /path`, as to a plain server) answers 400, whatever its
  Host header says: the proxy is only ever used as a proxy.

Every request is logged in `requests` (and, with `log_path`, as a JSON line): `time`,
`method`, `url`, `host`, `path` (path and query), `status`, `form` (form-encoded POST
fields) or `json` (a JSON POST body), `dead`, `kind` ("site", "files", "dead",
"unknown", "connect", "bad"), `user_agent`, `referer`, `if_none_match`,
`if_modified_since`. `family`, `delay` and `conditional` may be changed while it runs.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..response import Response, parse_form
from ..server import AnsweringHandler, LoopbackServer, etag_of, http_date, not_modified
from .family import Family, build_family

HOST = "127.0.0.1"
MAX_BODY = 1 << 20
UNKNOWN_HOST_BODY = b"replica proxy: unknown host\n"


def split_hostport(netloc: str) -> tuple[str, int | None]:
    """("host", port or None) of a URL's netloc or a Host header, lower case."""
    netloc = netloc.rsplit("@", 1)[-1].strip().lower()
    if netloc.startswith("["):
        host, _, rest = netloc[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port = netloc.partition(":")
    host = host.rstrip(".")
    if port:
        return host, int(port) if port.isdigit() else -1
    return host, None


def _plain(status: int, text: str, headers: dict[str, str] | None = None) -> Response:
    return Response(status, text.encode("utf-8"), "text/plain; charset=utf-8", dict(headers or {}))


class _ProxyHandler(AnsweringHandler):
    server_version = "replica-proxy"
    sys_version = ""
    proxy: FamilyProxy  # set on the per-proxy subclass
    _server_header: str | None = None

    def version_string(self) -> str:
        return self._server_header or self.server_version

    # --- dispatch -------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - BaseHTTPRequestHandler's names
        self._serve("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._serve("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._serve("DELETE")

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._serve("OPTIONS")

    def do_CONNECT(self) -> None:  # noqa: N802
        host, _port = split_hostport(self.path)
        entry = self._entry("CONNECT", url=None, host=host, path=self.path, kind="connect")
        response = _plain(
            405,
            "replica proxy: CONNECT is not supported; fetch http:// URLs through the proxy\n",
            {"Allow": "GET, HEAD, POST"},
        )
        entry["status"] = 405
        self.proxy._record(entry)
        self._send("CONNECT", 405, response, {})

    # --- the work -------------------------------------------------------------------
    def _entry(self, method: str, *, url, host, path, kind) -> dict[str, Any]:
        return {
            "time": time.time(),
            "method": method,
            "url": url,
            "host": host,
            "path": path,
            "status": None,
            "form": None,
            "json": None,
            "dead": False,
            "kind": kind,
            "user_agent": self.headers.get("User-Agent"),
            "referer": self.headers.get("Referer"),
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
        }

    def _target(self) -> tuple[str, str, int | None, str, bool]:
        """(scheme, host, port, path-and-query, absolute-form?) of the request."""
        raw = self.path
        if raw.lower().startswith(("http://", "https://")):
            parts = urlsplit(raw)
            host, port = split_hostport(parts.netloc)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            return parts.scheme.lower(), host, port, path, True
        host, port = split_hostport(self.headers.get("Host", ""))
        return "http", host, port, raw, False

    def _serve(self, method: str) -> None:
        proxy = self.proxy
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.send_error(400, "bad Content-Length")
            return
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        headers = dict(self.headers.items())
        family = proxy.family  # read once: a swap mid-request must not mix two families
        scheme, host, port, path, absolute = self._target()
        shown = host if port in (None, 80) else f"{host}:{port}"
        entry = self._entry(
            method, url=f"{scheme}://{shown}{path}", host=host, path=path, kind="site"
        )
        if method == "POST":
            self._log_body(entry, body, headers)
        if proxy.delay > 0:
            time.sleep(proxy.delay)

        site = family.sites.get(host) if port in (None, 80) else None
        if not absolute:
            entry["kind"] = "bad"
            response = _plain(
                400, "replica proxy: send absolute-form requests (use me as an HTTP proxy)\n"
            )
            return self._finish(method, entry, response)
        if scheme != "http":
            entry["kind"] = "bad"
            return self._finish(
                method, entry, _plain(400, "replica proxy: only http:// is served\n")
            )
        if site is None:
            entry["kind"] = "unknown"
            return self._finish(
                method, entry, Response(502, UNKNOWN_HOST_BODY, "text/plain; charset=utf-8")
            )
        entry["kind"] = {"live": "site"}.get(site.kind, site.kind)
        entry["dead"] = site.kind == "dead"
        if site.kind == "dead" and getattr(site, "mode", None) == "reset":
            proxy._record(entry)  # status None: no answer at all
            self._reset()
            return
        try:
            response = site.respond(method, path, body, headers)
        except Exception as exc:  # noqa: BLE001 - a broken page must show up as a 500
            response = _plain(500, f"replica error: {exc!r}\n")
        self._server_header = site.server_header
        self._finish(method, entry, response)

    def _log_body(self, entry: dict[str, Any], body: bytes, headers: dict[str, str]) -> None:
        ctype = {k.lower(): v for k, v in headers.items()}.get("content-type", "").lower()
        if ctype.startswith("application/json"):
            try:
                entry["json"] = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                entry["json"] = {"_raw": body.decode("utf-8", "replace")}
            return
        form = parse_form(body, headers)
        entry["form"] = form if form is not None else {"_raw": body.decode("utf-8", "replace")}

    def _finish(self, method: str, entry: dict[str, Any], response: Response) -> None:
        validators: dict[str, str] = {}
        status = response.status
        if (
            self.proxy.conditional
            and method in ("GET", "HEAD")
            and status == 200
            and response.last_modified is not None
        ):
            validators = {
                "ETag": etag_of(response.body),
                "Last-Modified": http_date(response.last_modified),
            }
            if not_modified(response, dict(self.headers.items())):
                status = 304
        entry["status"] = status
        self.proxy._record(entry)  # logged before answering
        self._send(method, status, response, validators)

    def log_message(self, format: str, *args: Any) -> None:
        if self.proxy.verbose:
            super().log_message(format, *args)


class FamilyProxy(LoopbackServer):
    """Serve the family as an HTTP proxy on 127.0.0.1.

    >>> with FamilyProxy(build_family(), port=0) as proxy:
    ...     proxy.url  # doctest: +SKIP
    'http://127.0.0.1:54321'
    """

    _thread_name = "family-proxy"

    def __init__(
        self,
        family: Family | None = None,
        *,
        port: int = 0,
        log_path: str | Path | None = None,
        verbose: bool = False,
        conditional: bool = True,
        delay: float = 0.0,
    ) -> None:
        self.family = family if family is not None else build_family()
        self.conditional = conditional
        self.delay = delay
        handler = type("FamilyProxyHandler", (_ProxyHandler,), {"proxy": self})
        super().__init__(handler, port, log_path, verbose)

    def requests_for(self, host: str) -> list[dict[str, Any]]:
        return [e for e in self.requests.snapshot() if e["host"] == host.lower()]

    def unknown_requests(self) -> list[dict[str, Any]]:
        """Requests for hosts outside the family (a crawler should make none)."""
        return [e for e in self.requests.snapshot() if e["kind"] == "unknown"]

