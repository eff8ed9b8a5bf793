"""What the replica's pages answer with, whoever renders them: `Response`, the portal's
time zone, and the reading of a form-encoded POST body.

The single site (`render.py`), the family's hosts and the skinned sites all return a
`Response` (status, body, content type, extra headers, and the article's last change,
from which the servers make Last-Modified and answer conditional requests); it lives
here, below all of them, so that none needs another's rendering to answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

PORTAL_TZ = timezone(timedelta(hours=7))  # the portal's local time (Asia/Ho_Chi_Minh)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # Set on article pages: when the article last changed (aware). The server turns it
    # into Last-Modified and answers conditional requests from it and the body's hash.
    last_modified: datetime | None = None


def parse_form(body: bytes, headers: dict[str, str]) -> dict[str, str] | None:
    """Form fields of a POST body, or None when it is not form-encoded."""
    ctype = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    if not ctype.lower().startswith("application/x-www-form-urlencoded"):
        return None
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[-1] for k, v in fields.items()}
