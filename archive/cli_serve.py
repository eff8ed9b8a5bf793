"""``govnews serve``: the web view of an archive (archive.web), read-only, on HOST:PORT."""

from __future__ import annotations

import click

from archive.cli_common import _db_option, _listen_problem, _open_existing


@click.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on.")
def serve(db_path, host, port):
    """Read, compare and search the archive in a browser, at http://HOST:PORT/.

    /article?url=URL reads an article (its history and the page as fetched are linked
    from it), /find?q=... searches articles, files and documents, /charts, /runs and
    /sites show the archive as a whole (README "Web view"); /archive/... is Datasette,
    with SQL, JSON and CSV. Read-only: a crawl can write to the archive meanwhile. Stop
    with Ctrl-C.

        govnews serve --db archive.db --port 8001
    """
    from archive.web import DATABASE, listen_socket
    from archive.web import serve as run_server

    _open_existing(db_path, readonly=True).close()  # a clear error if it cannot be read
    try:
        sock = listen_socket(host, port)
    except OSError as exc:
        raise click.ClickException(_listen_problem(host, port, exc)) from None
    port = sock.getsockname()[1]
    base = f"http://{f'[{host}]' if ':' in host else host}:{port}"
    click.echo(f"serving {db_path} at {base}/ (Ctrl-C stops)", err=True)
    click.echo(f"reading pages: {base}/  ·  search: {base}/find  ·  tables: {base}/{DATABASE}",
               err=True)
    try:
        run_server(db_path, host=host, port=port, sock=sock)
    except SystemExit as exc:  # uvicorn's way of saying it could not start
        if exc.code in (0, None):
            raise
        raise click.ClickException(
            f"the web server could not start on {host}:{port} (is port {port} on {host} "
            "already in use? pass --port); see the message above") from None
