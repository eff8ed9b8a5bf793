"""A real headless Chromium against ``govnews serve`` on 127.0.0.1, for tests that check
what a person sees on a page and that the browser asks nothing of any other machine.

    with served_archive(db) as base, Browser() as browser:
        page = browser.open(base + "/archive/articles")
        assert outside(browser.requests) == []

The browser is Debian's ``chromium`` package (``apt-get install chromium``), driven with
Playwright's sync API; Playwright's own browser downloads are not used.  Every request of
every page (frames, images, CSS, scripts, fetches) is recorded with its status or failure,
and so are console errors and uncaught page errors.  A proxy that nothing answers (a port
held bound but never listened on) takes every request not for loopback, and host names are
never looked up, so nothing can leave the machine even when a page asks for it; such a
request is still recorded, failed.

Chromium fetches a page's favicon itself, outside the page, and makes requests of its own
(update checks, account lookups: all stopped by the proxy); neither reaches the page's
request events.  Chromium's NetLog records them: ``Browser.net_requests()`` lists every
request its network stack started, and ``Browser.off_machine()`` says what, by that log
(every address it connected to), left the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium; GOVNEWS_CHROMIUM names another path (tests of a machine without it).
CHROMIUM = os.environ.get("GOVNEWS_CHROMIUM", "/usr/bin/chromium")
INSTALL_CHROMIUM = ("Chromium is not installed: install Debian's package with "
                    "`sudo apt-get install chromium` (the browser tests drive "
                    "/usr/bin/chromium, not a browser downloaded by Playwright).")

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Schemes whose URLs name something inside the page or the browser, never another machine.
INLINE_SCHEMES = frozenset({"data", "blob"})
LOCAL_SCHEMES = INLINE_SCHEMES | {"about", "chrome-error", "javascript"}

# Chromium keeps only the last --disable-features it is given, and Playwright passes its own
# list first: the one passed here repeats Playwright's (1.65) so that none of it is lost, the
# features that would reach Google's servers at startup among them.  Without
# AutofillServerCommunication Chromium asks content-autofill.googleapis.com about every page
# with a form (the search box).
DISABLED_FEATURES = (
    "Translate", "OptimizationHints", "MediaRouter", "AutofillServerCommunication",
    "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
    "HttpsUpgrades", "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect",
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose",
)
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
    "--disable-default-apps",
    "--metrics-recording-only",
    # No name is ever looked up (a proxied request's host is the proxy's business), and
    # the loopback names resolve as always.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE ::1",
)
# Playwright's Chromium proxies loopback too unless the bypass list names a loopback host
# (it then adds no "<-loopback>" rule, which would send 127.0.0.1 to the proxy as well).
LOOPBACK_BYPASS = "127.0.0.1,localhost,[::1]"


class ChromiumMissing(RuntimeError):
    """No Chromium on this machine; the message says how to install it."""


def chromium_executable() -> str:
    """The path of Debian's Chromium, or ChromiumMissing."""
    for path in (shutil.which("chromium"), CHROMIUM):
        if path and os.access(path, os.X_OK):
            return path
    raise ChromiumMissing(INSTALL_CHROMIUM)


@dataclass
class Request:
    """One request a page made: its URL, Playwright's resource type ("document",
    "stylesheet", "image", "script", "fetch", ...), the URL of the document that asked for
    it (an iframe's navigation: its parent's; a page's own navigation: the page's URL
    before it, about:blank for a new page; None for a service worker's), the HTTP status
    of its response (None if it had none) and its failure (e.g.
    "net::ERR_PROXY_CONNECTION_FAILED"), if it failed."""

    url: str
    resource_type: str
    frame_url: str | None
    method: str = "GET"
    navigation: bool = False
    status: int | None = None
    failure: str | None = None

    @property
    def host(self) -> str | None:
        return urllib.parse.urlsplit(self.url).hostname


@dataclass
class NetRequest:
    """One request Chromium's network stack started (from its NetLog), the page's or
    Chromium's own: its URL, method, initiator (the requesting page's origin, or "not an
    origin" for Chromium's own), whether its request headers were sent on a connection,
    and its error ("net::ERR_..."), if it failed.  A redirect starts another."""

    url: str
    method: str = "GET"
    initiator: str | None = None
    sent: bool = False
    error: str | None = None


def is_local(url: str) -> bool:
    """Whether asking for ``url`` stays on this machine: a loopback host (127.0.0.1,
    localhost, ::1), or a URL naming something inside the browser (data:, blob:, about:)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "").lower() in LOOPBACK_HOSTS


def is_loopback_address(address: str) -> bool:
    """Whether "HOST:PORT" (an IPv6 host in brackets) is a loopback address."""
    import ipaddress

    host = address.rsplit(":", 1)[0].strip("[]")
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def outside(requests: Iterable) -> list:
    """The requests (``Request`` or ``NetRequest``) for anything not on this machine (see
    ``is_local``)."""
    return [r for r in requests if not is_local(r.url)]


def inline(requests: Iterable[Request]) -> list[Request]:
    """The data: and blob: requests (content the page carries or made itself)."""
    return [r for r in requests
            if urllib.parse.urlsplit(r.url).scheme.lower() in INLINE_SCHEMES]


def read_netlog(path: str | os.PathLike) -> tuple[list[NetRequest], list[str]]:
    """The requests and the connected-to addresses ("127.0.0.1:8001", "[::1]:8001") in a
    Chromium NetLog (``--log-net-log``), read as far as it is written: Chromium writes one
    event a line, in batches, and ends the file when it exits."""
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            constants = json.loads(log.readline().rstrip().rstrip(",") + "}")["constants"]
            events = []
            for line in log:
                try:
                    event = json.loads(line.strip().rstrip(","))
                except ValueError:  # the list's opening and end, or a line half written
                    continue
                if isinstance(event, dict) and "type" in event:
                    events.append(event)
    except (OSError, ValueError, KeyError):
        return [], []
    types = {number: name for name, number in constants["logEventTypes"].items()}
    begin = constants["logEventPhase"]["PHASE_BEGIN"]
    end = constants["logEventPhase"]["PHASE_END"]
    errors = {number: name for name, number in constants.get("netError", {}).items()}
    requests: list[NetRequest] = []
    current: dict[int, NetRequest] = {}  # the job running, by source (one URL request)
    alive: dict[int, str] = {}
    udp: dict[int, str] = {}
    addresses: list[str] = []
    for event in events:
        kind, phase = types.get(event["type"], ""), event.get("phase")
        params = event.get("params") or {}
        source = event.get("source", {}).get("id")
        if kind == "REQUEST_ALIVE" and phase == begin:
            alive[source] = params.get("url", "")
        elif kind == "URL_REQUEST_START_JOB" and phase == begin:
            request = NetRequest(url=params.get("url") or alive.get(source, ""),
                                 method=params.get("method", "GET"),
                                 initiator=params.get("initiator"))
            current[source] = request
            requests.append(request)
        elif (kind.startswith("HTTP_TRANSACTION") and kind.endswith("SEND_REQUEST_HEADERS")
              and source in current):
            current[source].sent = True
        elif kind in ("URL_REQUEST_START_JOB", "REQUEST_ALIVE") and phase == end:
            code = params.get("net_error")
            if code and source in current and current[source].error is None:
                current[source].error = "net::" + errors.get(code, str(code))
        elif kind == "TCP_CONNECT_ATTEMPT" and "address" in params:
            addresses.append(params["address"])
        elif kind == "UDP_CONNECT" and "address" in params:
            udp[source] = params["address"]  # a UDP connect() sends nothing by itself
        elif kind == "UDP_BYTES_SENT" and source in udp:
            addresses.append(udp.pop(source))
    return requests, addresses


class Browser:
    """A headless Chromium launched once, whose pages record every request they make.

    ``open(url)`` gives a page in a fresh context (no cookies or cache from an earlier
    page, so every page's requests are all recorded) once it has settled.  Recorded,
    over every page opened, until ``clear()``: ``requests`` (``Request``),
    ``console_errors`` and ``page_errors`` (strings)."""

    def __init__(self, *, width: int = 1280, height: int = 800, timeout: float = 15,
                 executable: str | None = None):
        self.width, self.height, self.timeout = width, height, timeout
        self.executable = executable
        self.requests: list[Request] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self._records: dict[object, Request] = {}
        self._in_flight: set = set()
        self._last_activity = time.monotonic()
        self._contexts: list = []
        self._stack = contextlib.ExitStack()
        self._browser = None
        self._netlog: Path | None = None
        self._final: tuple[list[NetRequest], list[str]] | None = None

    def __enter__(self) -> Browser:
        executable = self.executable or chromium_executable()
        from playwright.sync_api import sync_playwright

        try:
            scratch = self._stack.enter_context(tempfile.TemporaryDirectory(prefix="chromium-"))
            self._netlog = Path(scratch) / "netlog.json"
            self._stack.callback(self._keep_netlog)
            playwright = self._stack.enter_context(sync_playwright())
            # An address nobody listens on: held bound, so no other process can take it.
            sink = self._stack.enter_context(socket.socket())
            sink.bind(("127.0.0.1", 0))
            self.proxy = {"server": f"http://127.0.0.1:{sink.getsockname()[1]}",
                          "bypass": LOOPBACK_BYPASS}
            self._browser = playwright.chromium.launch(
                executable_path=executable, headless=True,
                args=[*CHROMIUM_ARGS, f"--log-net-log={self._netlog}"],
                proxy=self.proxy, timeout=self.timeout * 4000)
            self._stack.callback(self._browser.close)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        for context in self._contexts:
            with contextlib.suppress(Exception):
                context.close()
        self._contexts.clear()
        self._stack.close()

    @property
    def version(self) -> str:
        return self._browser.version

    def _keep_netlog(self) -> None:  # once Chromium has exited and ended its NetLog
        self._final = read_netlog(self._netlog)

    def _read_netlog(self) -> tuple[list[NetRequest], list[str]]:
        if self._final is not None:
            return self._final
        return read_netlog(self._netlog) if self._netlog else ([], [])

    def net_requests(self) -> list[NetRequest]:
        """Every request Chromium's network stack started since launch, by its NetLog: the
        pages' (as in ``requests``), the favicons it fetched for them and its own.  While
        the browser runs the last events may still be unwritten; after it closed, all."""
        return self._read_netlog()[0]

    def off_machine(self) -> list[str]:
        """What left this machine, by Chromium's NetLog: connections to addresses not on
        loopback, and requests sent (not merely asked for) for URLs not on this machine.
        Empty when nothing did."""
        requests, addresses = self._read_netlog()
        return ([f"connection to {a}" for a in addresses if not is_loopback_address(a)]
                + [f"request sent for {r.url}" for r in outside(requests) if r.sent])

    def open(self, url: str, *, wait: str = "settled"):
        """A new page showing ``url``, once it is ``wait``: "settled" (loaded, then no
        request in flight for a moment: see ``settle``), or one of Playwright's load states
        ("load", "domcontentloaded", "networkidle").  A navigation that fails raises
        Playwright's Error."""
        context = self._browser.new_context(
            viewport={"width": self.width, "height": self.height},
            service_workers="block", locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.set_default_timeout(self.timeout * 1000)
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        context.on("requestfinished", self._on_finished)
        context.on("requestfailed", self._on_failed)
        context.on("console", self._on_console)
        context.on("weberror", self._on_weberror)
        self._contexts.append(context)
        page = context.new_page()
        page.goto(url, wait_until="load" if wait == "settled" else wait)
        if wait == "settled":
            self.settle(page)
        return page

    def settle(self, page, quiet: float = 0.2) -> None:
        """Wait until ``page`` has loaded and no request of any page has been in flight for
        ``quiet`` seconds (Playwright's "networkidle" waits half a second), or at most the
        timeout.  After a click or a submit, before looking at what was requested."""
        page.wait_for_load_state("load")
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if not self._in_flight and time.monotonic() - self._last_activity >= quiet:
                return
            page.wait_for_timeout(25)  # Playwright delivers events while it waits

    def clear(self) -> None:
        """Forget the requests and errors recorded so far."""
        self.requests.clear()
        self.console_errors.clear()
        self.page_errors.clear()
        self._records = {r: rec for r, rec in self._records.items() if r in self._in_flight}

    def _on_request(self, request) -> None:
        try:
            frame = request.frame
            # A frame's navigation is asked for by its parent's document.
            parent = frame.parent_frame if request.is_navigation_request() else None
            frame_url = (parent or frame).url
        except Exception:  # a service worker's request has no frame
            frame_url = None
        record = Request(url=request.url, resource_type=request.resource_type,
                         frame_url=frame_url, method=request.method,
                         navigation=request.is_navigation_request())
        self._records[request] = record
        self.requests.append(record)
        self._in_flight.add(request)
        self._last_activity = time.monotonic()

    def _on_response(self, response) -> None:
        record = self._records.get(response.request)
        if record is not None:
            record.status = response.status

    def _on_finished(self, request) -> None:
        self._in_flight.discard(request)
        self._last_activity = time.monotonic()

    def _on_failed(self, request) -> None:
        self._on_finished(request)
        record = self._records.get(request)
        if record is not None:
            record.failure = request.failure or "failed"

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = (message.location or {}).get("url")
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def _on_weberror(self, error) -> None:
        self.page_errors.append(str(error.error))


def screenshot(page, path: str | os.PathLike) -> Path:
    """The whole page (not only the viewport) as a PNG at ``path``; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True, type="png", animations="disabled")
    return path


SERVING = re.compile(r"serving .* at (http://[^/\s]+)/")


@contextlib.contextmanager
def served_archive(db_path: str | os.PathLike, *, timeout: float = 60) -> Iterator[str]:
    """``govnews serve --db DB_PATH --host 127.0.0.1 --port 0`` in a child process; yields
    its base URL (``http://127.0.0.1:PORT``, no trailing slash) once it answers, and stops
    it after.  Raises RuntimeError with the server's output if it does not come up."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive.cli", "serve", "--db", str(db_path),
         "--host", "127.0.0.1", "--port", "0"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []

    def drain() -> None:  # read stderr to the end, so the server never blocks on it
        for line in proc.stderr:
            output.append(line)
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()

    def failure(why: str) -> RuntimeError:
        return RuntimeError(f"govnews serve {why}; its output:\n{''.join(output)[-3000:]}")

    try:
        deadline = time.monotonic() + timeout
        base = None
        while base is None:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise failure(f"said nothing of where it serves within {timeout:g} s") from None
            if line is None:
                raise failure(f"exited {proc.wait()} before serving")
            match = SERVING.search(line)
            if match:
                base = match.group(1)
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=5) as response:
                    response.read()
                break
            except (urllib.error.URLError, OSError):
                if proc.poll() is not None:
                    raise failure(f"exited {proc.returncode}") from None
                if time.monotonic() > deadline:
                    raise failure(f"did not answer at {base} within {timeout:g} s") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(timeout=5)
