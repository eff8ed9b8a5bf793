"""``govnews``: a thin click layer over the crawler and the archive.

Each command's docstring is its ``--help``; errors are ClickExceptions with a sentence a
person can act on (exit 1; usage errors exit 2), never a traceback: what the commands do
not foresee, the group's safety net (``GovnewsGroup``) still says in one sentence.

This module is the entry point (``govnews = "archive.cli:cli"``, ``python -m
archive.cli``): the group and its safety net.  The commands live by kind in
``archive.cli_crawl`` (crawl, probe), ``archive.cli_read`` (parse, reparse, sites, stats,
search), ``archive.cli_export``, ``archive.cli_serve`` and ``archive.cli_demo``, which
take what they share from ``archive.cli_common``; this module registers them.
"""

from __future__ import annotations

import errno
import sqlite3
import sys

import click

from archive.access import ArchiveError
from archive.cli_common import META_DB, _os_reason
from archive.cli_crawl import crawl, probe
from archive.cli_demo import demo
from archive.cli_export import export
from archive.cli_merge import merge
from archive.cli_read import parse, reparse, search_command, sites, stats
from archive.cli_schedule import schedule
from archive.cli_serve import serve


class GovnewsGroup(click.Group):
    """The safety net: an error no command turned into a sentence (an ArchiveError, an
    sqlite3 or operating-system error) becomes one, exit 1, instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            from archive.access import explain

            db_path = ctx.meta.get(META_DB)
            if db_path:
                raise click.ClickException(explain(db_path, exc)) from None
            raise click.ClickException(f"an SQLite error stopped govnews: {exc}") from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # click's own handling: the reader went away, exit quietly
            filename = getattr(exc, "filename", None)
            if filename:
                raise click.ClickException(
                    f"cannot use {filename}: {_os_reason(exc)}") from None
            raise click.ClickException(
                f"the system refused an operation: {_os_reason(exc)}") from None


@click.group(cls=GovnewsGroup)
@click.version_option(package_name="govnews")
def cli():
    """govnews: crawl Vietnamese government news portals into a SQLite archive."""


for _command in (crawl, probe, parse, export, reparse, sites, stats, search_command, serve,
                 demo):
    cli.add_command(_command)
cli.add_command(merge)
cli.add_command(schedule)


def main():  # pragma: no cover - console entry point
    cli(prog_name="govnews")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
