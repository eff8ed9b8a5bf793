"""The reading commands: ``parse`` (one stored page to its record), ``reparse`` (today's
parsers over the stored pages), ``sites``, ``stats`` and ``search``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from archive.cli_common import IsoTime, PageURL, _db_option, _open_existing, plural, progress_bar


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", type=PageURL(),
              help="The page's URL, absolute (default: its canonical link or og:url).")
@click.option("--fetched-at", type=IsoTime(),
              help="When the page was fetched (ISO 8601 date or date and time), copied to the "
                   "record.")
def parse(file, url, fetched_at):
    """Parse one stored page and print its record as JSON.

        govnews parse page.html --url https://www.nghean.gov.vn/tin-tuc/abc-569138
    """
    from crawler.parsers import classify, load

    data = file.read_bytes()
    try:
        doc = load(data)
    except ValueError as exc:
        raise click.ClickException(f"{file}: cannot read it as HTML ({exc})") from None
    if not url:
        found = doc.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content')
        if not found or "://" not in found[0]:
            raise click.ClickException(
                f"{file} names no canonical URL; pass the page's address with --url")
        url = found[0].strip()
    role = classify(doc, url, reached_as="article", fetched_at=fetched_at)
    for kind, message in role.problems:
        click.echo(f"warning: {kind}: {message}", err=True)
    if role.role != "article":
        raise click.ClickException(
            f"{file} is not an article page: read as {role.role} by {role.layout_key} "
            f"({role.evidence[-1]}); `govnews probe` shows why, page by page")
    click.echo(json.dumps(role.record.to_dict(), ensure_ascii=False, indent=2))


@click.command()
@_db_option
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--files", "files", is_flag=True,
              help="Also read the text of every archived file again (after a reader fix).")
def reparse(db_path, dry_run, files):
    """Run today's parsers over the stored raw pages and update the records (articles
    and documents), with no network. Changed records keep their old version in
    article_versions (document_versions). Files whose text was never read are read.

        govnews reparse --db archive.db --dry-run
        govnews reparse --db archive.db --files
    """
    from archive.files import read_archived
    from archive.reparse import reparse as run_reparse

    archive = _open_existing(db_path, readonly=dry_run)
    read = Counter()
    try:
        with progress_bar("re-parsing stored pages") as progress:
            report = run_reparse(archive, dry_run=dry_run, progress=progress)
        if not dry_run:
            with progress_bar("reading archived files") as progress:
                for _sha, _url, got in read_archived(archive, again=files):
                    read[got.status] += 1
                    if progress:
                        progress(read.total(), None)
    finally:
        archive.close()
    verb = "would change" if dry_run else "changed"
    click.echo(f"{plural(report.total, 'article')} re-parsed: {report.unchanged} unchanged, "
               f"{report.changed} {verb}, {len(report.failed)} failed")
    if report.documents:
        click.echo(f"{plural(report.documents, 'document')} re-parsed: "
                   f"{report.documents_changed} {verb}")
    if read:
        click.echo("files read: " + ", ".join(f"{n} {status}" for status, n in
                                               sorted(read.items())))
    for name, n in report.fields.most_common():
        click.echo(f"  {name}: {plural(n, 'record')} (e.g. {report.examples[name]})")
    for url, why in report.failed[:20]:
        click.echo(f"  failed: {url} ({why})")


@click.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def sites(db_path, fmt):
    """Every site the archive knows: host, layout and version, articles, newest article
    date, last crawl and its status (ok, degraded or failing with the reason, never
    reached).

        govnews sites --db archive.db
        govnews sites --db archive.db --format json
    """
    from archive.query import sites as get_sites

    archive = _open_existing(db_path, readonly=True)
    try:
        rows = get_sites(archive.db)
    finally:
        archive.close()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no site yet: run `govnews crawl` first", err=True)
        return
    width = max(len(r["site"]) for r in rows)
    click.echo(f"{'site':<{width}}  {'layout':<12}  {'articles':>8}  {'newest':<10}  "
               f"{'last crawl':<20}  status")
    for r in rows:
        status = r["status"] + (f": {r['reason']}" if r["reason"] else "")
        click.echo(f"{r['site']:<{width}}  {r['layout'] or '-':<12}  {r['articles']:>8}  "
                   f"{(r['newest'] or '-')[:10]:<10}  {(r['last_crawl'] or '-')[:19]:<20}  "
                   f"{status}")


@click.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def stats(db_path, fmt):
    """Counts of archived articles per site, per category and per month, of documents
    per kind, and of files per state.

        govnews stats --db archive.db
    """
    from archive.query import stats as get_stats

    archive = _open_existing(db_path, readonly=True)
    try:
        data = get_stats(archive.db)
    finally:
        archive.close()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(plural(data["articles"], "article"))
    for title, key, rows in (("site", "site", data["by_site"]),
                             ("category", "category", data["by_category"]),
                             ("month", "month", data["by_month"])):
        click.echo(f"\nby {title}:")
        for row in rows:
            click.echo(f"  {row['articles']:>7}  {row[key]}")
    if data["documents_by_kind"]:
        total = sum(r["documents"] for r in data["documents_by_kind"])
        click.echo(f"\n{plural(total, 'document')}, by kind:")
        for row in data["documents_by_kind"]:
            click.echo(f"  {row['documents']:>7}  {row['kind']}")
    if data["files_by_state"]:
        click.echo("\nfiles:")
        for row in data["files_by_state"]:
            size = f" ({row['bytes'] / 1e6:.1f} MB)" if row["bytes"] else ""
            click.echo(f"  {row['files']:>7}  {row['state']}{size}")
        for row in data["file_texts_by_status"]:
            click.echo(f"  {row['files']:>7}  text {row['status']}")
    run = data["last_run"]
    if run:
        click.echo(f"\nlast run {run['id']}: {run['status']}, started {run['started_at']}, "
                   f"{run['articles_new']} new, {plural(run['errors'] or 0, 'error')}")


@click.command("search")
@click.argument("query")
@_db_option
@click.option("--since", metavar="DATE",
              help="Only articles published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", metavar="DATE",
              help="Only articles published on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY: "
                   "--until 2020 takes in all of 2020).")
@click.option("--category", metavar="NAME",
              help="Only articles in this category, as `govnews stats` lists it; accents and "
                   "case do not matter.")
@click.option("--site", metavar="HOST", help="Only what this site published.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many results to show, best first.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True,
              help="table: to read; json: the full records; csv: url, title, published_at, "
                   "category, author, snippet.")
@click.option("--exact", is_flag=True,
              help="Match accents as typed (Hoà then finds Hoà, not Hòa); case is still ignored.")
@click.option("--words", is_flag=True,
              help="Find the words anywhere in a title, lead, body, byline or caption, in any order "
                   "(default: next to each other, in order, as a phrase).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["article", "file", "document"]),
              help="Only results of this kind (repeatable; default: all three).")
def search_command(query, db_path, since, until, category, site, limit, fmt, exact, words,
                   kinds):
    """Search articles, the text of their files and the register's documents for QUERY,
    best matches first.

    Case, accents and tone-mark style do not matter: "nguyen duc trung", "Nguyễn Đức
    Trung" and "NGUYEN ĐUC TRUNG" find the same articles, "Hòa Bình" finds "Hoà Bình".
    Several words are searched as a phrase; "quoted words" too; OR (in capitals) finds
    either side, NOT (in capitals) or a leading minus leaves out what has the words
    after it; other punctuation is read as text.
    A document number finds the same documents however it is written ("1205/QĐ-UBND",
    "1205/qd-ubnd", "1205 QĐ-UBND"), and the articles that cite it. Each result says
    what matched: an article, a file (with the page that links it) or a document.

    \b
        govnews search "Nguyễn Đức Trung" --db archive.db --since 2023 --limit 5
        govnews search "thủy lợi" --category "Kinh tế" --format csv > thuy-loi.csv
        govnews search "1205/QĐ-UBND" --kind document
    """
    from archive.filters import FilterError, check_dates, resolve, shorten
    from archive.search import search_all
    from archive.syntax import QueryError

    _check_query(query, words)
    try:
        check_dates(since, until)
    except FilterError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.hint) from None
    archive = _open_existing(db_path, readonly=True)
    try:
        try:
            categories = resolve(archive.db, "category", "articles", category, "category")
            sites = resolve(archive.db, "site", "articles", site, "site")
        except FilterError as exc:
            raise click.BadParameter(str(exc), param_hint=exc.hint) from None
        try:
            hits = search_all(archive.db, query,
                              kinds=kinds or ("article", "file", "document"), exact=exact,
                              since=since, until=until, category=categories, site=sites,
                              limit=limit, phrase=not words)
        except QueryError as exc:
            raise click.BadParameter(str(exc), param_hint="QUERY") from None
        if fmt == "json":
            _show_json(archive.db, hits)
        elif fmt == "csv":
            _show_csv(hits)
        else:
            _show_table(hits)
        if not hits:
            click.echo(f"nothing matches {shorten(query)!r}", err=True)
        elif len(hits) == limit:
            click.echo(f"the {plural(limit, 'best match', 'best matches')} shown; there may "
                       "be more: raise --limit", err=True)
    finally:
        archive.close()


def _check_query(query: str, words: bool) -> None:
    """A usage error (QUERY) for a query that cannot run: nothing to search for, or only
    words to leave out; before the archive is opened."""
    from archive.filters import nothing_to_search
    from archive.fts import fts_query
    from archive.syntax import QueryError

    problem = nothing_to_search(query)
    if not problem:
        try:
            fts_query(query, phrase=not words)
        except QueryError as exc:
            problem = str(exc)
    if problem:
        raise click.BadParameter(problem, param_hint="QUERY")


def _show_json(db, hits) -> None:
    """The hits as a JSON list, each with the full record it found."""
    from archive.reads import hit_record

    out = [{**hit, "record": hit_record(db, hit["kind"], hit["url"])} for hit in hits]
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))


def _show_csv(hits) -> None:
    """The hits as CSV: kind, url, title, published_at, category, author, snippet and the
    page that links a file (article_url, document_url)."""
    import csv
    import io

    fields = ("kind", "url", "title", "published_at", "category", "author", "snippet",
              "article_url", "document_url")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(hits)
    click.echo(buffer.getvalue(), nl=False)


def _show_table(hits) -> None:
    """The hits numbered, to read: title, date, category, byline, snippet, address."""
    import textwrap

    for n, hit in enumerate(hits, 1):
        label = {"article": "", "file": "[file] ", "document": "[document] "}[hit["kind"]]
        meta = "  ".join(x for x in ((hit["published_at"] or "undated")[:10],
                                     hit["category"], hit["author"]) if x)
        click.echo(f"{n:>3}. {label}{hit['title']}\n     {meta}")
        click.echo(textwrap.fill(hit["snippet"], width=96, initial_indent="     ",
                                 subsequent_indent="     "))
        click.echo(f"     {hit['url']}")
        page = hit.get("article_url") or hit.get("document_url")
        if page:
            click.echo(f"     linked from {page}")
        click.echo("")
