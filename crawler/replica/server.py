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

`faults` (a `faults.FaultPlan`, or None for a healthy site; settable while running) breaks
chosen requests deterministically: error pages, redirects and reshaped pages are answers
like any other; a reset, a hang and a body cut short are done here on the socket. Log
entries carry `fault` (the kind served, or None) and `host` (the Host header: a crawler
that followed a `redirect_offsite` shows up as a request for `localhost:port`).
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from dataclasses import replace
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import faults
from .faults import FaultPlan
from .response import Response, parse_form
from .site import Site, build_site

if TYPE_CHECKING:
    from typing_extensions import Self

HOST = "127.0.0.1"
MAX_BODY = 1 << 20  # form posts are tiny; refuse anything that is not


class LoopbackHTTPServer(ThreadingHTTPServer):
    """A threading server whose listen queue holds a crawler's bursts: the default of 5
    makes the kernel reset connections when a dozen arrive at once, which would test
    the replica rather than the crawler."""

    request_queue_size = 128
    daemon_threads = True


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


class LoopbackServer:
    """What the replica's servers share: a LoopbackHTTPServer on 127.0.0.1 served from a
    daemon thread, a request log (in memory, and as JSON lines in ``log_path``), and the
    context-manager protocol.  Subclasses give the handler class and a thread name."""

    _thread_name = "replica"

    def __init__(self, handler: type, port: int, log_path: str | Path | None,
                 verbose: bool) -> None:
        self.requests = RequestLog()
        self.log_path = Path(log_path) if log_path else None
        self.verbose = verbose
        self._log_lock = threading.Lock()
        # Set on stop(): a `timeout` fault's hang ends with the server, not after it.
        self._stopping = threading.Event()
        self._httpd = LoopbackHTTPServer((HOST, port), handler)
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
                target=self._httpd.serve_forever, name=f"{self._thread_name}-{self.port}",
                daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def serve_forever(self) -> None:
        """Serve in the calling thread (the command-line entry points)."""
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
            line = json.dumps(entry, ensure_ascii=False, default=str)
            with self._log_lock, self.log_path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")


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


class AnsweringHandler(BaseHTTPRequestHandler):
    """How the replica's servers put an answer on the wire (the site replica and the
    family proxy alike): one request per connection, said out loud, so that a client
    never reuses a connection the server is closing (that would test the replica, not
    the client); no body and no Content-Length for a 304; a client that hangs up is not
    the replica's error; and a reset that really is one."""

    def _send(
        self, method: str, status: int, response: Response, validators: dict[str, str]
    ) -> None:
        self.send_response(status)
        self.send_header("Connection", "close")
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
            self._write(response.body)

    def _write(self, data: bytes) -> bool:
        """Write in pieces; a client that hangs up (as one does on an oversize page) is
        not an error of the replica's."""
        view = memoryview(data)
        try:
            for at in range(0, len(view), 1 << 16):
                self.wfile.write(view[at : at + (1 << 16)])
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            return False
        return True

    def _reset(self) -> None:
        """Close with SO_LINGER on and 0 seconds: the kernel sends RST, not FIN."""
        self.close_connection = True
        conn = self.connection
        try:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        # rfile is a makefile() of the socket and keeps it open; close it first so that
        # close() closes the descriptor now (the server's own shutdown() then finds it
        # closed, and would otherwise send a FIN first).
        self.rfile.close()
        conn.close()


class _Handler(AnsweringHandler):
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
        plan = replica.faults  # read once, like the site: a change applies to the next request
        if replica.delay > 0:
            time.sleep(replica.delay)
        site = replica.site  # read once: a swap mid-request must not mix two sites
        form = parse_form(body, headers) if method == "POST" else None
        entry = self._entry(method, body, form)
        fault, response = self._choose_fault(plan, method, form, site)
        entry["fault"] = fault
        if fault in (faults.ALL_RESET, faults.RESET, faults.TIMEOUT):
            replica._record(entry)  # status None: no answer at all
            if fault == faults.TIMEOUT:
                self._hang(plan.hang_seconds)
            else:
                self._reset()
            return
        if response is None:
            response = self._fault_answer(fault)
        if response is not None:  # an answer of the fault's own, never a 304
            entry["status"] = response.status
            replica._record(entry)
            self._send(method, response.status, response, {})
            return
        response = self._page(method, body, headers, site, fault, form, plan)
        entry["status"] = response.status
        if fault in (faults.TRUNCATED_LENGTH, faults.TRUNCATED_CHUNKED, faults.TRUNCATED_CLOSE,
                     faults.OVERSIZE):
            replica._record(entry)
            self._send_broken(method, fault, response, plan)
            return
        self._send_page(method, response, headers, entry)

    def _entry(self, method: str, body: bytes, form: dict[str, str] | None) -> dict[str, Any]:
        """The request's log entry; `status` and `fault` are filled in as it is answered."""
        logged_form = form
        if method == "POST" and form is None:
            logged_form = {"_raw": body.decode("utf-8", "replace")}
        return {
            "time": time.time(),
            "method": method,
            "path": self.path,
            "form": logged_form,
            "status": None,  # filled in below; stays None when no answer is sent
            "user_agent": self.headers.get("User-Agent"),
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "host": self.headers.get("Host"),
            "fault": None,
        }

    def _choose_fault(
        self, plan: FaultPlan | None, method: str, form: dict[str, str] | None, site: Site
    ) -> tuple[str | None, Response | None]:
        """The fault this request gets (None: none), and the 500 of a plan that cannot apply."""
        fault = None
        response: Response | None = None
        if plan is not None:
            fault = plan.site_fault_for(method, self.path)
            if fault is None and self._own_host():
                try:
                    fault = plan.fault_for(method, self.path, form=form, site=site)
                except ValueError as exc:  # a plan that cannot apply: show it, as a 500
                    response = _replica_error(exc)
        return fault, response

    def _fault_answer(self, fault: str | None) -> Response | None:
        """The answer of a fault that is an answer of its own (errors, redirects), or None."""
        if fault == faults.ALL_500 or fault == faults.HTTP_500:
            return faults.error_response(500)
        if fault == faults.ROBOTS_503:
            return faults.error_response(503)
        if fault == faults.HTTP_503:
            return faults.error_response(503, retry_after=True)
        if fault in faults.REDIRECTS:
            return faults.redirect_response(fault, self.path, self.replica.port)
        return None

    def _page(
        self,
        method: str,
        body: bytes,
        headers: dict[str, str],
        site: Site,
        fault: str | None,
        form: dict[str, str] | None,
        plan: FaultPlan | None,
    ) -> Response:
        """The site's answer, reshaped by a content fault; a page that breaks is a 500."""
        replica = self.replica
        try:
            response = site.respond(method, self.path, body, headers, replica.url)
            if fault in faults.CONTENT_FAULTS:
                response = faults.apply_content_fault(
                    fault,
                    response,
                    site=site,
                    target=self.path,
                    form=form,
                    headers=headers,
                    base=replica.url,
                    plan=plan,
                )
        except Exception as exc:  # noqa: BLE001 - a broken page must show up as a 500 in the log
            response = _replica_error(exc)
        return response

    def _send_broken(
        self, method: str, fault: str, response: Response, plan: FaultPlan
    ) -> None:
        """Send `response` oversize or cut short, as the transport fault says."""
        if fault == faults.OVERSIZE:
            body_out = faults.oversize_body(response.body, plan.oversize_bytes)
            self._send(method, response.status, replace(response, body=body_out), {})
        elif fault == faults.TRUNCATED_LENGTH:
            self._send_truncated_length(response)
        elif fault == faults.TRUNCATED_CLOSE:
            self._send_truncated_close(response)
        else:
            self._send_truncated_chunked(response)

    def _send_page(
        self, method: str, response: Response, headers: dict[str, str], entry: dict[str, Any]
    ) -> None:
        """Send a page with its validators, or 304 to a conditional request that matches."""
        replica = self.replica
        validators: dict[str, str] = {}
        status = response.status
        if (
            replica.conditional
            and method in ("GET", "HEAD")
            and status == 200
            and response.last_modified is not None
        ):
            # A content fault's page is another page: its ETag is its own bytes' hash.
            validators = {
                "ETag": etag_of(response.body),
                "Last-Modified": http_date(response.last_modified),
            }
            if not_modified(response, headers):
                status = 304
        entry["status"] = status
        # Logged before answering, so a client that has its answer can see the entry.
        replica._record(entry)
        self._send(method, status, response, validators)

    def _own_host(self) -> bool:
        """Whether the request names the replica by its own address. Another name for
        loopback (`localhost`, where redirect_offsite points) is "another site": it is
        served as is, never faulted per URL."""
        host = self.headers.get("Host")
        if not host:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name == HOST

    # --- transport faults: the socket itself ------------------------------------------
    def _hang(self, seconds: float) -> None:
        """Send nothing for `seconds` (cut short when the server stops), then close."""
        self.close_connection = True
        self.replica._stopping.wait(seconds)

    def _send_truncated_length(self, response: Response) -> None:
        """The whole body's Content-Length, half the body, then the connection closes."""
        self.close_connection = True
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self._write(response.body[: len(response.body) // 2])

    def _send_truncated_close(self, response: Response) -> None:
        """No Content-Length, half the body, then the connection closes: to the client a
        complete HTTP/1.0 answer."""
        self.close_connection = True
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        self._write(response.body[: len(response.body) // 2])

    def _send_truncated_chunked(self, response: Response) -> None:
        """Chunked, half the body, and no final 0-size chunk before the close."""
        self.close_connection = True
        # Chunked encoding is HTTP/1.1; the handler speaks HTTP/1.0 otherwise.
        self.protocol_version = "HTTP/1.1"
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        half = response.body[: len(response.body) // 2]
        chunks = [half[at : at + 8192] for at in range(0, len(half), 8192)]
        self._write(b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks))

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:
        if self.replica.verbose:
            super().log_message(format, *args)


def _replica_error(exc: Exception) -> Response:
    return Response(500, f"replica error: {exc!r}\n".encode(), "text/plain; charset=utf-8")


class ReplicaServer(LoopbackServer):
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
        faults: FaultPlan | None = None,
    ) -> None:
        self.site = site if site is not None else build_site()
        # All three read per request, so a test may change them while the server runs.
        self.conditional = conditional
        self.delay = delay
        self.faults = faults
        handler = type("ReplicaHandler", (_Handler,), {"replica": self})
        super().__init__(handler, port, log_path, verbose)

