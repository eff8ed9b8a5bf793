"""``govnews``: a thin click layer over the crawler and the archive.

Each command's docstring is its ``--help``; errors are ClickExceptions with a sentence a
person can act on (exit 1; usage errors exit 2), never a traceback: what the commands do
not foresee, the group's safety net (``GovnewsGroup``) still says in one sentence.

This module is the entry point (``govnews = "archive.cli:cli"``, ``python -m
archive.cli``): the group and its safety net.  The commands live by kind in
``archive.cli_crawl`` (crawl, probe), ``archive.cli_read`` (parse, reparse, sites, stats,
search), ``archive.cli_export``, ``archive.cli_serve`` and ``archive.cli_demo``, which
take what they share from ``archive.cli_common``; this module names them, and a command's
module is imported when the command runs (or ``--help`` lists them all): a nightly crawl
does not hold the web view's, the export's or the scheduler's code for hours.
"""

from __future__ import annotations

import errno
import sqlite3
import sys

import click

from archive.access import ArchiveError
from archive.cli_common import META_DB, _os_reason

# Each command: the module that defines it, and its name there.  click's documented
# pattern for lazily loaded subcommands (a Group whose get_command imports the command).
COMMANDS = {
    "crawl": ("archive.cli_crawl", "crawl"), "probe": ("archive.cli_crawl", "probe"),
    "parse": ("archive.cli_read", "parse"), "export": ("archive.cli_export", "export"),
    "reparse": ("archive.cli_read", "reparse"), "sites": ("archive.cli_read", "sites"),
    "stats": ("archive.cli_read", "stats"), "search": ("archive.cli_read", "search_command"),
    "serve": ("archive.cli_serve", "serve"), "demo": ("archive.cli_demo", "demo"),
    "merge": ("archive.cli_merge", "merge"), "schedule": ("archive.cli_schedule", "schedule"),
}


class GovnewsGroup(click.Group):
    """The safety net: an error no command turned into a sentence (an ArchiveError, an
    sqlite3 or operating-system error) becomes one, exit 1, instead of a traceback.
    Its commands are COMMANDS, each imported when asked for."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, cmd_name):
        if cmd_name not in COMMANDS:
            return None
        from importlib import import_module

        module, name = COMMANDS[cmd_name]
        return getattr(import_module(module), name)

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



def main():  # pragma: no cover - console entry point
    cli(prog_name="govnews")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
