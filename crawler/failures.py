"""What went wrong with a fetch, in a word for ``crawl_errors.kind`` and a sentence for
people.

Scrapy and Twisted report failures as a zoo of exception classes; the archive records a
small, stable vocabulary instead (``http_503``, ``timeout``, ``dns``, ``refused``,
``reset``, ``truncated``, ``too_large``, ``bad_compression``, ``tls``,
``redirect_offsite``, ``redirect_loop``, ``robots_unavailable``; ``not_a_page`` for an
answer that is a file), so that a researcher can count them across years of runs.
Pure: a failure (or an answer's bytes) in, strings out.  The failures the crawl's own middlewares raise
(``RedirectRefused`` and its kinds, ``RobotsUnavailable``) are defined here too.
"""

from __future__ import annotations

import gzip
import zlib
from urllib.parse import urlsplit

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
    UnsupportedURLSchemeError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as neterror
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from archive.extract_sniff import sniff

# The failures the crawl's own middlewares raise (crawler.middlewares), defined here with
# the other kinds so that neither module needs the other's.


class RedirectRefused(IgnoreRequest):
    """A redirect the crawl does not follow; ``kind`` names why, for crawl_errors."""

    kind = "redirect"

    def __init__(self, message: str, target: str):
        super().__init__(message)
        self.target = target


class OffsiteRedirect(RedirectRefused):
    kind = "redirect_offsite"


class RedirectLoop(RedirectRefused):
    kind = "redirect_loop"


class RobotsUnavailable(IgnoreRequest):
    """robots.txt could not be read: everything on that host is disallowed (RFC 9309)."""


class RobotsForbidden(IgnoreRequest):
    """robots.txt disallows the page: Scrapy's own refusal, named, so that a site whose
    every page it refuses is reported with that reason (not "no page answered")."""


# Checked in order; the first class the failure matches names it.
_KINDS = (
    ((RobotsUnavailable,), "robots_unavailable", None),
    ((ResponseDataLossError,), "truncated",
     "the connection closed before the whole page arrived (shorter than its Content-Length, "
     "or a chunked body without its last chunk)"),
    ((DownloadTimeoutError, neterror.TimeoutError, neterror.TCPTimedOutError), "timeout",
     "no answer within the download timeout"),
    ((CannotResolveHostError, neterror.DNSLookupError), "dns",
     "the host name does not resolve (DNS)"),
    ((DownloadConnectionRefusedError, neterror.ConnectionRefusedError), "refused",
     "the connection was refused (nothing listens there)"),
    ((UnsupportedURLSchemeError,), "unsupported_scheme", "the URL's scheme is not http(s)"),
)


def _compression_errors() -> tuple[type[BaseException], ...]:
    """What Scrapy's HttpCompressionMiddleware raises on a body its Content-Encoding does
    not decode (the brotli and zstd decoders only when installed)."""
    errors: list[type[BaseException]] = [gzip.BadGzipFile, zlib.error]
    for module, name in (("brotli", "error"), ("brotlicffi", "error"), ("zstandard", "ZstdError")):
        try:
            errors.append(getattr(__import__(module), name))
        except (ImportError, AttributeError):
            pass
    return tuple(errors)


COMPRESSION_ERRORS = _compression_errors()


def decompressed_too_large(failure) -> bool:
    """Whether Scrapy dropped the answer because its body, decompressed, passed
    DOWNLOAD_MAXSIZE (an IgnoreRequest, as its drops on purpose are: told by its words)."""
    return bool(failure.check(IgnoreRequest)) and "DOWNLOAD_MAXSIZE" in str(failure.value)


# Image files by their first bytes (documents and archives: archive.extract_sniff).
_IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
                (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"))


def not_a_page(body: bytes, content_type: str | None) -> str | None:
    """The sentence for an answer that is a file (a PDF, a Word or Excel file, an
    archive, an image) where a web page was linked, by its first bytes (its Content-Type
    lies too often: Scrapy takes application/pdf for text); None for anything else."""
    kind = sniff(body)
    label = f"{kind.upper()} file" if kind else next(
        (name for magic, name in _IMAGE_MAGIC if body.startswith(magic)), None)
    if label is None:
        return None
    return (f"the answer is not a web page but a file ({label}, sent as "
            f"{content_type or 'no Content-Type'}): kept as fetched, nothing read from it")


# What the browser checks of anti-bot gateways put in the page they answer with instead of
# the site's (a JavaScript challenge no crawler passes): a name for each, told by words
# only such a page carries.
_BROWSER_CHECKS = (
    ((b"/cdn-cgi/challenge-platform/", b"cf_chl_opt", b"<title>Just a moment...</title>"),
     "Cloudflare's browser check"),
    ((b"_Incapsula_Resource", b"Incapsula incident ID"), "Imperva Incapsula's browser check"),
    ((b"sucuri_cloudproxy_js",), "Sucuri's browser check"),
    ((b"ddos-guard.net/", b"__ddg1"), "DDoS-Guard's browser check"),
    ((b"Checking your browser before accessing",), "a browser check"),
)


def gateway_reason(check: str) -> str:
    """What to say of a site that answers with the browser check ``check``."""
    return (f"{check} (a page that needs JavaScript to let a browser through): govnews runs"
            " no JavaScript; ask the site's operators to let the crawler through")


def browser_check(body: bytes) -> str | None:
    """The name of the anti-bot browser check ``body`` is, or None."""
    head = body[:65536]  # such a page is small, its words near the top
    for signs, name in _BROWSER_CHECKS:
        if any(sign in head for sign in signs):
            return name
    return None


def _tls(failure) -> bool:
    try:
        from OpenSSL.SSL import Error as SSLError
    except ImportError:  # pragma: no cover
        return False
    return bool(failure.check(SSLError)) or isinstance(
        getattr(failure.value, "__cause__", None), SSLError)


class _Wrapped:
    """A bare exception seen through the one method of a Twisted Failure used here."""

    def __init__(self, exc: BaseException):
        self.value = exc

    def check(self, *classes):
        return isinstance(self.value, classes)


def exception_kind(exc: BaseException, netloc: str | None = None) -> tuple[str, str]:
    """(kind, message) for an exception raised by a download from ``netloc`` (host and
    port, if known: a sentence may name it)."""
    return failure_kind(_Wrapped(exc), netloc)


# OpenSSL's words when an https:// address is answered in plain HTTP: the server's "HTTP/1.1
# 400" read as a TLS record ("wrong version number"; "unknown protocol" and "packet length
# too long" in other OpenSSL versions; "http request" when a TLS server is sent HTTP).
_PLAIN_HTTP_SIGNS = ("wrong version number", "http request", "unknown protocol",
                     "packet length too long")
PLAIN_HTTP = "the site seems to speak plain HTTP"


def tls_message(detail: str, netloc: str | None = None) -> str:
    """The sentence for a failed TLS handshake whose error reads ``detail``: when it
    says the server speaks plain HTTP, what to pass instead (http://``netloc``)."""
    if any(sign in detail.lower() for sign in _PLAIN_HTTP_SIGNS):
        address = f"http://{netloc}" if netloc else "the address with http://"
        return f"the TLS handshake failed: {PLAIN_HTTP}; pass {address}"
    return f"the TLS handshake failed ({detail})"


def robots_message(exc: BaseException, netloc: str) -> str:
    """The sentence for a robots.txt of ``netloc`` that could not be fetched: that
    means disallow everything (RFC 9309), unless it only asks for http://."""
    kind, message = exception_kind(exc, netloc)
    if kind == "tls" and PLAIN_HTTP in message:
        return f"robots.txt could not be fetched: {message}"
    return (f"robots.txt could not be fetched: {message}"
            "; that means disallow everything (RFC 9309)")


def _https_netloc(failure) -> str | None:
    """The host and port of the https request that failed, if the failure knows it."""
    url = getattr(getattr(failure, "request", None), "url", None)
    parts = urlsplit(url) if isinstance(url, str) else None
    return parts.netloc if parts and parts.scheme == "https" else None


def _causes(exc: BaseException) -> list[str]:
    """The underlying errors of a Twisted/Scrapy wrapper, as short phrases: a
    ResponseFailed carries Failures of its own, a Scrapy error its __cause__."""
    inner = list(getattr(exc, "reasons", None) or [])
    if exc.__cause__ is not None:
        inner.append(exc.__cause__)
    out = []
    for item in inner or [exc]:
        value = getattr(item, "value", item)
        if getattr(value, "reasons", None) and value is not exc:
            out.extend(_causes(value))
            continue
        name = type(value).__name__
        text = str(value).strip()
        if text.startswith("[<") or not text:
            out.append(name)
        else:
            out.append(f"{name}: {text.rstrip('.')}")
    return list(dict.fromkeys(out))


def failure_kind(failure, netloc: str | None = None) -> tuple[str, str]:
    """(kind, message) for a Twisted failure of a Scrapy download (from ``netloc``; by
    default the failed request's, as Scrapy gives errbacks)."""
    if failure.check(HttpError):
        status = failure.value.response.status
        check = browser_check(failure.value.response.body)
        return f"http_{status}", f"HTTP {status}" + (
            f", with {gateway_reason(check)}" if check else "")
    if failure.check(RedirectRefused):
        return failure.value.kind, str(failure.value)
    for classes, kind, message in _KINDS:
        if failure.check(*classes):
            return kind, message or str(failure.value)
    if decompressed_too_large(failure):
        return "too_large", ("the page, decompressed, is larger than DOWNLOAD_MAXSIZE"
                             f" ({failure.value})")
    if failure.check(*COMPRESSION_ERRORS):
        return "bad_compression", (f"the page's body does not decompress as its Content-Encoding"
                                   f" says ({type(failure.value).__name__}: {failure.value})")
    if failure.check(DownloadCancelledError):
        text = str(failure.value)
        if "maxsize" in text.lower() or "size" in text.lower():
            return "too_large", f"the page is larger than DOWNLOAD_MAXSIZE ({text})"
        return "too_large", f"the download was cancelled ({text or 'too large'})"
    netloc = netloc or _https_netloc(failure)
    if _tls(failure):
        return "tls", tls_message(str(failure.value), netloc)
    if failure.check(neterror.ConnectionLost, neterror.ConnectionDone, ResponseFailed,
                     ResponseNeverReceived, DownloadFailedError, neterror.ConnectError):
        causes = _causes(failure.value)
        if any("ssl" in c.lower() or "tls" in c.lower() for c in causes):
            return "tls", tls_message("; ".join(causes), netloc)
        return "reset", ("the connection was closed or reset before an answer"
                         + (f" ({'; '.join(causes)})" if causes else ""))
    name = type(failure.value).__name__
    return name.lower(), f"{name}: {failure.value}"
