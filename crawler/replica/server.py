"""The replica's HTTP server: serves a `Site` on 127.0.0.1 and logs every request.

`ReplicaServer` runs a ThreadingHTTPServer in a daemon thread. It only ever binds the
loopback address. Its `site` may be replaced while it runs (a crawler then sees the
changed site on its next request), and every request is recorded in `requests` (and,
with `log_path`, as one JSON line in that file) so tests can check what a crawler asked
for: robots.txt obeyed, POST fields sent, nothing fetched twice, and so on.

Article pages support conditional GET (`conditional=True`, the default): they carry an
`ETag` (a hash of the page's bytes) and a `Last-Modified` (the article's published or
updated time), and a request whose `If-None-Match` matches, or, without If-None-Match,
whose `If-Modified-Since` is not older than Last-Modified, gets `304 Not Modified` with no
body. An edit that leaves the article's dates alone changes its ETag but not its
Last-Modified, as on the portal. Pages write absolute links to their own server, so an
article has another ETag on another port: swap `site` on one running server between
crawls rather than starting a new one. `delay` makes every answer wait that many
seconds (a crawler can then be stopped mid-crawl). Both can be changed while the server
runs. Log entries carry the request's `if_none_match` and `if_modified_since` (or None).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .render import Response, parse_form
from .site import Site, build_site

if TYPE_CHECKING:
    from typing_extensions import Self

HOST = "127.0.0.1"
MAX_BODY = 1 << 20  # form posts are tiny; refuse anything that is not


class RequestLog(list):
    """A list of request dicts that many handler threads append to at once."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def append(self, item: dict[str, Any]) -> None:
        with self._lock:
            super().append(item)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self)

    def clear(self) -> None:
        with self._lock:
            super().clear()


def etag_of(body: bytes) -> str:
    """A strong validator for a page: a hash of its bytes, quoted."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def http_date(when: datetime) -> str:
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match's weak comparison: any listed tag (W/ or not) equal to ours, or *."""
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


def not_modified(response: Response, headers: dict[str, str]) -> bool:
    """Whether a conditional GET/HEAD may be answered 304 (RFC 9110 section 13.2.2)."""
    lower = {k.lower(): v for k, v in headers.items()}
    if "if-none-match" in lower:  # when present, If-Modified-Since is ignored
        return _etag_matches(lower["if-none-match"], etag_of(response.body))
    since = lower.get("if-modified-since")
    if since is None or response.last_modified is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False  # an unreadable date is ignored
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return response.last_modified.replace(microsecond=0) <= when


class _Handler(BaseHTTPRequestHandler):
    server_version = "Microsoft-IIS/10.0"
    sys_version = ""
    replica: ReplicaServer  # set on the per-server subclass

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        headers = dict(self.headers.items())
        replica = self.replica
        if replica.delay > 0:
            time.sleep(replica.delay)
        site = replica.site  # read once: a swap mid-request must not mix two sites
        try:
            response = site.respond(method, self.path, body, headers, replica.url)
        except Exception as exc:  # noqa: BLE001 - a broken page must show up as a 500 in the log
            response = Response(
                500, f"replica error: {exc!r}\n".encode(), "text/plain; charset=utf-8"
            )
        validators: dict[str, str] = {}
        status = response.status
        if (
            replica.conditional
            and method in ("GET", "HEAD")
            and status == 200
            and response.last_modified is not None
        ):
            validators = {
                "ETag": etag_of(response.body),
                "Last-Modified": http_date(response.last_modified),
            }
            if not_modified(response, headers):
                status = 304
        form = parse_form(body, headers) if method == "POST" else None
        if method == "POST" and form is None:
            form = {"_raw": body.decode("utf-8", "replace")}
        replica._record(
            {
                "time": time.time(),
                "method": method,
                "path": self.path,
                "form": form,
                "status": status,
                "user_agent": self.headers.get("User-Agent"),
                "if_none_match": self.headers.get("If-None-Match"),
                "if_modified_since": self.headers.get("If-Modified-Since"),
            }
        )
        # Logged before answering, so a client that has its answer can see the entry.
        self.send_response(status)
        if status == 304:
            # No body, and no Content-Length/Type describing one.
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in {**response.headers, **validators}.items():
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(response.body)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:
        if self.replica.verbose:
            super().log_message(format, *args)


class ReplicaServer:
    """Serve a replica site on 127.0.0.1.

    >>> with ReplicaServer(port=0) as server:
    ...     server.url  # doctest: +SKIP
    'http://127.0.0.1:54321'
    """

    def __init__(
        self,
        site: Site | None = None,
        *,
        port: int = 0,
        log_path: str | Path | None = None,
        verbose: bool = False,
        conditional: bool = True,
        delay: float = 0.0,
    ) -> None:
        self.site = site if site is not None else build_site()
        # Both read per request, so a test may change them while the server runs.
        self.conditional = conditional
        self.delay = delay
        self.requests = RequestLog()
        self.log_path = Path(log_path) if log_path else None
        self.verbose = verbose
        self._log_lock = threading.Lock()
        handler = type("ReplicaHandler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer((HOST, port), handler)
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> Self:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, name=f"replica-{self.port}", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def serve_forever(self) -> None:
        """Serve in the calling thread (the command-line entry point)."""
        try:
            self._httpd.serve_forever()
        finally:
            self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, entry: dict[str, Any]) -> None:
        self.requests.append(entry)
        if self.log_path is not None:
            line = json.dumps(entry, ensure_ascii=False)
            with self._log_lock, self.log_path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
