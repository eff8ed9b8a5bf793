"""WARC 1.1 export of the raw snapshots, through warcio.

Each stored fetch becomes a request record (method, URL, headers, the POST form) and a
response record (status line, headers, body), concurrent with each other, dated by the
fetch time: the file replays in pywb and passes ``warcio check``.  Bodies were stored as the
crawler received them, after HTTP decompression, so Content-Encoding and Transfer-Encoding
are dropped from the recorded headers and Content-Length is set to the stored body.
"""

from __future__ import annotations

from http import HTTPStatus
from io import BytesIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .query import fetches

DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def _warc_date(iso: str) -> str:
    # WARC-Date is UTC with a Z (WARC 1.1 allows fractions; whole seconds suffice).
    return iso.replace("+00:00", "Z") if iso.endswith("+00:00") else iso


def write_warc(db, stream, where: str = "", params=(), gzip: bool = True) -> int:
    """Write every stored fetch (optionally filtered) to ``stream``, each record gzipped
    (``.warc.gz``) unless ``gzip`` is false (a plain ``.warc``); return the count."""
    writer = WARCWriter(stream, gzip=gzip, warc_version="WARC/1.1")
    writer.write_record(writer.create_warcinfo_record(
        "govnews-export.warc" + (".gz" if gzip else ""),
        {"software": "govnews", "format": "WARC File Format 1.1",
         "description": "raw snapshots from a govnews archive"}))
    count = 0
    for fetch in fetches(db, where, params):
        url = fetch["url"]
        date = _warc_date(fetch["fetched_at"])
        try:
            reason = HTTPStatus(fetch["status"]).phrase
        except ValueError:
            reason = "Unknown"
        headers = [(k, v) for k, v in fetch["headers"] if k.lower() not in DROPPED_HEADERS]
        headers.append(("Content-Length", str(len(fetch["body"]))))
        response = writer.create_warc_record(
            url, "response",
            payload=BytesIO(fetch["body"]),
            length=len(fetch["body"]),
            http_headers=StatusAndHeaders(f"{fetch['status']} {reason}", headers,
                                          protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(response)

        parts = urlsplit(fetch["request_url"] or url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_body = fetch["request_body"] or b""
        request_headers = [(k, v) for k, v in fetch["request_headers"]
                           if k.lower() not in DROPPED_HEADERS]
        if not any(k.lower() == "host" for k, _ in request_headers):
            request_headers.insert(0, ("Host", parts.netloc))
        if request_body:
            request_headers.append(("Content-Length", str(len(request_body))))
        request = writer.create_warc_record(
            fetch["request_url"] or url, "request",
            payload=BytesIO(request_body),
            length=len(request_body),
            http_headers=StatusAndHeaders(f"{fetch['method']} {target} HTTP/1.1",
                                          request_headers, is_http_request=True),
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        writer.write_record(request)
        count += 1
    return count
