"""``govnews export``: the archive's articles or documents as JSON lines, CSV, an Excel
workbook or CSL-JSON (for reference managers and pandoc), or the raw fetches of their pages
as WARC, selected by the filters search takes; and the writing of its output (a
half-written file removed, standard output left open).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from contextlib import contextmanager
from functools import partial

import click

from archive.cli_common import _db_option, _open_existing, _os_reason, progress_bar
from crawler.kernel.record import RECORD_KEYS


def _filter_options(f):
    f = click.option("--site", metavar="HOST",
                     help="Only this site (e.g. vhttdl.nghean.gov.vn).")(f)
    f = click.option("--query", "text", metavar="QUERY",
                     help="Only records matching QUERY, as `govnews search` reads it.")(f)
    f = click.option("--category", metavar="NAME",
                     help="Only this category; accents and case do not matter "
                          "(\"chi dao dieu hanh\" is \"Chỉ đạo điều hành\").")(f)
    f = click.option("--until", metavar="DATE",
                     help="Published on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY).")(f)
    f = click.option("--since", metavar="DATE",
                     help="Published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")(f)
    return f


CSV_LIST_SEPARATOR = " | "


def _is_regular_file(stream) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, AttributeError, ValueError):
        return False


@contextmanager
def _writing(out: str, open_stream, finish=lambda stream: stream.close()):
    """The stream ``open_stream()`` makes for writing ``out`` ("-": standard output),
    closed (or flushed: ``finish``) at the end.  An OSError opening, writing or closing
    it becomes "cannot write OUT: reason"; a regular file left half-written is removed,
    a device (/dev/full) or standard output never is."""
    name = "standard output" if out == "-" else out
    try:
        stream = open_stream()
    except OSError as exc:
        raise click.ClickException(f"cannot write {name}: {_os_reason(exc, out)}") from None
    regular = out != "-" and _is_regular_file(stream)
    try:
        yield stream
        finish(stream)
    except OSError as exc:
        try:
            finish(stream)
        except (OSError, ValueError):
            pass
        if exc.errno == errno.EPIPE and out == "-":
            raise  # the reader went away (| head): click exits quietly
        partial = ""
        if regular:
            try:
                os.remove(out)
                partial = f"; the partial {out} was removed"
            except OSError:
                partial = f"; a partial {out} is left: delete it"
        raise click.ClickException(
            f"cannot write {name}: {_os_reason(exc, out)}{partial}") from None
    except BaseException:
        try:
            finish(stream)
        except (OSError, ValueError):
            pass
        raise


@click.command()
@_db_option
@click.option("--format", "fmt",
              type=click.Choice(["jsonl", "csv", "xlsx", "csl-json", "warc"]),
              default="jsonl", show_default=True,
              help="jsonl: full records; csv: one row per article, lists joined, UTF-8 with BOM; "
                   "xlsx: a workbook (dates as dates, multi-line bodies); csl-json: a CSL-JSON "
                   "array of citations (Zotero, pandoc); warc: the raw fetches as WARC 1.1.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Output file (default: standard output; for warc: archive.warc.gz).  A WARC "
                   "named *.warc is written uncompressed, any other name gzipped.")
@click.option("--kind", type=click.Choice(["articles", "documents"]), default="articles",
              show_default=True,
              help="articles, or the register's documents (văn bản; --since/--until then "
                   "select by issue date and --category by kind, e.g. \"Quyết định\").")
@_filter_options
def export(db_path, fmt, out, kind, since, until, category, text, site):
    """Export the archive: records as JSON lines, CSV, a workbook or CSL-JSON, or raw
    pages as WARC.

    The WARC holds every fetch of the selected records' pages and of the files they link.

    \b
        govnews export --db archive.db --format jsonl --out articles.jsonl
        govnews export --format csv --since 2023 --category "Tin tức - Sự kiện" --out a.csv
        govnews export --format warc --out archive.warc.gz
        govnews export --format jsonl --kind documents --out documents.jsonl
        govnews export --format csl-json --since 2024 --out references.json
    """
    from archive.filters import FilterError, build_filter
    from archive.query import documents, records

    table, read, keys = "articles", records, RECORD_KEYS
    if kind == "documents":
        from crawler.kernel.record import DOCUMENT_KEYS

        table, read, keys = "documents", documents, (*DOCUMENT_KEYS, "cited_by")
    archive = _open_existing(db_path, readonly=True)
    try:
        try:
            where, params = build_filter(archive.db, since, until, category, site, text,
                                         table).where()
        except FilterError as exc:
            raise click.BadParameter(str(exc), param_hint=exc.hint) from None
        if fmt == "warc":
            _export_warc(archive.db, out or "archive.warc.gz", table, where, params)
            return
        out = out or "-"
        with progress_bar(f"exporting {kind}") as progress:
            rows = partial(_counted, partial(read, archive.db, where, params), progress)
            if fmt == "xlsx":
                count = _write_xlsx(out, rows, keys, kind)
            elif fmt == "csl-json":
                count = _write_csl(out, rows)
            elif fmt == "jsonl":
                count = _write_jsonl(out, rows, keys)
            else:
                count = _write_csv(out, rows, keys)
        if out != "-":
            click.echo(f"{count} {kind} written to {out}", err=True)
    finally:
        archive.close()



def _counted(rows, progress):
    """The records of ``rows()``, telling ``progress`` (if any) how many have gone by."""
    for done, row in enumerate(rows(), 1):
        if progress and done % 100 == 0:
            progress(done, None)
        yield row


def _export_warc(db, out: str, table: str, where: str, params: list) -> None:
    """Write to ``out`` the fetches of the selected records' pages and of the files they
    link, as WARC."""
    from archive.reads import warc_fetches
    from archive.warc import write_warc

    fetch_where, fetch_params = warc_fetches(table, where, params)
    with _writing(out, lambda: click.open_file(out, "wb"),
                  finish=_flush if out == "-" else _close) as stream:
        count = write_warc(db, stream, fetch_where, fetch_params, gzip=_warc_gzipped(out))
    click.echo(f"{count} fetches written to {out}", err=True)


def _warc_gzipped(out: str) -> bool:
    """Whether a WARC written to ``out`` is gzipped: a name ending ``.warc`` is plain,
    any other (``.warc.gz``, standard output) gzipped."""
    return not out.lower().endswith(".warc")


def _write_csl(out: str, rows) -> int:
    """The records ``rows()`` yields as a CSL-JSON array at ``out``, an item a line; how
    many.  Items whose citation keys clash get -2, -3, ... so every id is unique."""
    from archive.citation import csl_item, work

    count, seen = 0, set()
    with _writing(out, lambda: click.open_file(out, "w", encoding="utf-8"),
                  finish=_flush if out == "-" else _close) as stream:
        stream.write("[")
        for rec in rows():
            item = csl_item(work(rec))
            key, n = item["id"], 1
            while item["id"] in seen:
                n += 1
                item["id"] = item["citation-key"] = f"{key}-{n}"
            seen.add(item["id"])
            stream.write(("\n" if not count else ",\n") + json.dumps(item, ensure_ascii=False))
            count += 1
        stream.write("\n]\n" if count else "]\n")
    return count


def _write_xlsx(out: str, rows, keys, kind: str) -> int:
    """The records ``rows()`` yields as a workbook at ``out``; how many."""
    from archive.xlsx import write_xlsx

    if out == "-" and sys.stdout.isatty():
        raise click.UsageError("a workbook is binary: pass --out FILE.xlsx")
    columns = [k for k in keys if k != "body_html"]
    with _writing(out, lambda: click.open_file(out, "wb"),
                  finish=_flush if out == "-" else _close) as stream:
        return write_xlsx(rows(), columns, stream, sheet=kind)


def _write_jsonl(out: str, rows, keys) -> int:
    """The records ``rows()`` yields as JSON lines at ``out``; how many."""
    count = 0
    with _writing(out, lambda: click.open_file(out, "w", encoding="utf-8"),
                  finish=_flush if out == "-" else _close) as stream:
        for rec in rows():
            stream.write(json.dumps({k: rec[k] for k in keys}, ensure_ascii=False))
            stream.write("\n")
            count += 1
    return count


def _write_csv(out: str, rows, keys) -> int:
    """The records ``rows()`` yields as CSV (UTF-8 with BOM) at ``out``; how many."""
    import csv
    import io

    count = 0
    columns = [k for k in keys if k != "body_html"]
    # csv writes its own \r\n, so the stream must not translate newlines.
    if out == "-":
        def open_stream():
            return io.TextIOWrapper(sys.stdout.buffer,
                                    encoding="utf-8-sig", newline="")

        def finish(stream):
            try:
                stream.flush()
            finally:
                stream.detach()  # leave standard output open
    else:
        def open_stream():
            return open(out, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115

        finish = _close
    with _writing(out, open_stream, finish) as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        for rec in rows():
            writer.writerow([_csv_cell(rec[k]) for k in columns])
            count += 1
    return count


def _flush(stream) -> None:
    stream.flush()


def _close(stream) -> None:
    stream.close()


def _csv_cell(value):
    """Lists joined so that one article stays one spreadsheet row."""
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                text, url = item.get("title") or item.get("caption") or item.get("name"), item["url"]
                parts.append(f"{text} <{url}>" if text else url)
            else:
                parts.append(str(item))
        return CSV_LIST_SEPARATOR.join(parts)
    return "" if value is None else value
