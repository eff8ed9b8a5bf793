"""What the ``govnews`` commands share: the --db option, opening an existing archive (or a
sentence saying why not), an operating-system error as the end of a sentence, the SITE_URL
type, a failure to listen as one sentence, and the filters search and export take
(category and site named accent-blind, dates, a query in the search language).

The command modules (``archive.cli_*``) take what they share from here, never from
``archive.cli``, which imports them to register their commands on the ``govnews`` group.
"""

from __future__ import annotations

import errno
import math
import os
import re
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import click

from archive.access import ArchiveError
from archive.filters import shorten

DEFAULT_DB = "archive.db"
# ctx.meta key: the --db of the running command, for the safety net's sentence.
META_DB = "govnews.db"
LOCALHOST = "127.0.0.1"


def _remember_db(ctx, param, value):
    ctx.meta[META_DB] = value
    return value


def _db_option(f):
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                        type=click.Path(dir_okay=False), callback=_remember_db,
                        help="The archive database (SQLite).")(f)


def _os_reason(exc: OSError, subject: str | None = None) -> str:
    """What went wrong, as the end of a sentence about ``subject``."""
    if exc.errno == errno.ENOENT and subject:
        parent = Path(subject).parent
        if not parent.exists():
            return f"the directory {parent} does not exist"
    reason = exc.strerror or str(exc)
    reason = reason[:1].lower() + reason[1:]
    filename = getattr(exc, "filename", None)
    if filename and subject and os.path.abspath(str(filename)) != os.path.abspath(subject):
        reason = f"{reason} ({filename})"
    return reason


def _upgrading(db_path: str) -> None:
    """Say that an archive is being upgraded: a migration may re-index every article,
    minutes for a large archive, and a silent wait looks like a hang."""
    click.echo(f"Bringing the archive {db_path} up to date for this version of govnews"
               " (minutes for a large archive) …", err=True)


def _open_existing(db_path: str, readonly: bool = False):
    """The archive at ``db_path``, or a ClickException saying why not.  ``readonly``: for
    the reading commands, writing nothing (a read-only file or directory is fine); else
    the archive must be writable and is brought up to date."""
    from archive.access import (
        archive_problem,
        directory_problem,
        explain,
        schema_outdated,
    )
    from archive.store import Archive, check_writable

    problem = directory_problem(db_path)
    if problem:
        raise click.ClickException(problem)
    if not Path(db_path).exists():
        raise click.ClickException(
            f"no archive at {db_path}: run `govnews crawl --db {db_path}` first, or pass --db")
    try:
        outdated = schema_outdated(db_path)
        if not readonly:
            problem = archive_problem(db_path, upgrade=True)
            if problem:
                raise click.ClickException(problem)
            check_writable(db_path)
            if outdated:
                _upgrading(db_path)
        elif outdated:
            # An archive made by an older govnews, read for the first time since the
            # upgrade: brought up to date when it can be written, else said so.
            try:
                check_writable(db_path)
            except ArchiveError:
                pass
            else:
                _upgrading(db_path)
                Archive(db_path).close()
        return Archive(db_path, readonly=readonly)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error as exc:
        raise click.ClickException(explain(db_path, exc, writing=not readonly)) from None


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d+(?:[/?#]|$))")
_HOST = re.compile(r"[\w.-]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")


class SiteURL(click.ParamType):
    """One site to crawl: an http(s) address with a host; a bare host gets https://."""

    name = "SITE_URL"

    def convert(self, value, param, ctx):
        text = str(value).strip()
        shown = shorten(value)
        example = "e.g. https://www.nghean.gov.vn"
        if not text:
            self.fail("an empty site address: pass e.g. https://www.nghean.gov.vn", param, ctx)
        if any(c.isspace() for c in text):
            self.fail(f"{shown!r} contains a space: give one site per argument "
                      "(govnews crawl https://a.gov.vn https://b.gov.vn)", param, ctx)
        bare = "://" not in text and not _SCHEME.match(text)
        url = f"https://{text}" if bare else text
        try:
            parts = urlsplit(url)
        except ValueError:  # an unclosed "[" of an IPv6 host
            self.fail(f"{shown!r} has an invalid host name: pass {example}", param, ctx)
        if parts.scheme.lower() not in ("http", "https"):
            self.fail(f"{shown!r} is not an http or https address: pass {example}", param, ctx)
        try:
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            self.fail(f"{shown!r} has an invalid port: pass {example}", param, ctx)
        if not parts.hostname:
            self.fail(f"{shown!r} names no host: pass {example}", param, ctx)
        if "," in parts.netloc:
            self.fail(f"{shown!r} holds a comma: give one site per argument "
                      "(govnews crawl https://a.gov.vn https://b.gov.vn)", param, ctx)
        if not _HOST.fullmatch(parts.hostname):
            self.fail(f"{shown!r} has an invalid host name {shorten(parts.hostname)!r}: "
                      f"pass {example}", param, ctx)
        if bare:
            click.echo(f"no scheme given for {shorten(text)}: using {shorten(url)}", err=True)
        return url


class PageURL(click.ParamType):
    """The address of one page: an absolute http(s) URL with a host."""

    name = "URL"

    def convert(self, value, param, ctx):
        text = str(value).strip()
        if not absolute_http(text):
            self.fail(f"{shorten(value)!r} is not an absolute http(s) address: pass the "
                      "page's address, e.g. https://www.nghean.gov.vn/tin-tuc/abc-569138",
                      param, ctx)
        return text


def absolute_http(text: str) -> bool:
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:  # that, or an unclosed "[" of an IPv6 host
        return False
    return (parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
            and not any(c.isspace() for c in text) and bool(_HOST.fullmatch(parts.hostname)))


class FiniteFloat(click.FloatRange):
    """click's FloatRange without nan and inf, which it lets through (nan compares false
    with any bound): a delay of inf seconds would stall a crawl for good."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{shorten(value)!r} is not a finite number", param, ctx)
        return number


class IsoTime(click.ParamType):
    """A date, or a date and time, in ISO 8601 (2024-05-01, 2024-05-01T08:30:00+07:00,
    2024-05-01T01:30:00Z), kept as typed."""

    name = "DATETIME"

    def convert(self, value, param, ctx):
        import datetime as dt

        text = str(value).strip()
        utc = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text  # Python 3.10
        try:
            dt.datetime.fromisoformat(utc)
        except ValueError:
            self.fail(f"{shorten(value)!r} is not an ISO 8601 date or time: pass e.g. "
                      "2024-05-01 or 2024-05-01T08:30:00+07:00", param, ctx)
        return text


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, singular or plural as ``n`` asks: "1 article", "2 articles",
    "0 articles"; ``many``: the plural when it is not ``word`` + "s"."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def _listen_problem(host: str, port: int, exc: OSError) -> str:
    """One sentence for a failure to listen on ``host:port``."""
    import socket

    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use: pass --port with another port"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"this user may not listen on port {port} on {host}: "
                "pass --port with a port above 1023")
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return (f"cannot listen on {host}: it is not an address of this machine "
                f"({_os_reason(exc)}): pass --host, e.g. 127.0.0.1")
    return f"cannot listen on {host} port {port}: {_os_reason(exc)}: pass --host or --port"


@contextmanager
def progress_bar(label: str):
    """A progress bar on standard error while the block runs, when a person watches (it
    is a terminal), else nothing (cron): yields a callback (done, total or None), or
    None.  The bar is gone when the block ends, leaving the summary alone.  Used by every
    long step a person may watch: reparse, reading files' text, export."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(file=sys.stderr),
                  transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
