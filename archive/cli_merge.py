"""``govnews merge``: node archives (each machine's crawl of some sites) merged into one."""

from __future__ import annotations

from pathlib import Path

import click

from archive.cli_common import META_DB, plural


@click.command()
@click.argument("nodes", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
@click.option("--into", "into", required=True, type=click.Path(dir_okay=False),
              help="The archive to merge into (created if it does not exist).")
@click.pass_context
def merge(ctx, nodes, into):
    """Merge node archives into the archive INTO, each in one transaction.

    Every run, fetch, body, article, document and version of each node is kept once; its
    runs are marked with the node's name (its file name without extension).  Merging the
    same node again adds nothing.

        govnews merge node-a.db node-b.db --into archive.db
    """
    from archive.store import Archive, check_writable

    ctx.meta[META_DB] = into
    target = Path(into).resolve()
    if any(Path(n).resolve() == target for n in nodes):
        raise click.UsageError("an archive cannot be merged into itself")
    check_writable(into)
    archive = Archive(into)
    try:
        for node in nodes:
            counts = archive.merge_from(node, Path(node).stem)
            click.echo(f"{node}: {plural(counts['runs'], 'run')},"
                       f" {plural(counts['fetches'], 'fetch', 'fetches')},"
                       f" {plural(counts['articles_new'], 'new article')},"
                       f" {plural(counts['documents_new'], 'new document')},"
                       f" {plural(counts['article_versions'], 'article version')} added")
    finally:
        archive.close()
