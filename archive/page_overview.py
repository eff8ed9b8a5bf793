"""The data of the web view's pages of the archive as a whole: charts of its articles, its
growth, its runs and its parser health (``/charts``, ``/charts/NAME.svg``), the runs
(``/runs``, ``/runs/N``) and the sites (``/sites``, ``/sites/HOST``).  Each function
reads through ``archive.query`` and ``archive.queries_web`` on the connection
``archive.pages`` hands it, and returns the context of the page's template (None: not in
the archive)."""

from __future__ import annotations

import json
import re
from collections import defaultdict

from markupsafe import Markup

from . import charts
from .i18n import N_, WORDS, vndate
from .links import inline_sql, sql_link
from .queries_web import (
    GROWTH_SQL,
    LATEST_HEALTH_SQL,
    RUNS_SQL,
    all_runs,
    article_sites,
    articles_first_seen_by_day,
    articles_gone_between,
    articles_new_between,
    articles_per_month,
    articles_per_month_sql,
    recent_health,
    recent_runs,
    run_problems,
    run_row,
    run_sites,
    site_document_count,
    site_failures,
    site_months,
    site_pending,
    site_recent_articles,
    site_run_history,
    versions_replaced_between,
)
from .query import sites


def charts_data(db, by: str, site: str | None, category: str | None, database: str,
                t) -> dict:
    """The /charts page; ``t``: the reader's translator (archive.i18n)."""
    month_sql, params = articles_per_month_sql(by, site, category)
    inline = inline_sql(month_sql, params)
    run_rows = recent_runs(db)[::-1]
    growth = _growth(db)
    stacks = ["new", "updated", "errors"]
    growth_note, runs_note = _growth_note(t, growth, len(run_rows)), _runs_note(t, run_rows)
    return {
        "by": by, "site": site, "category": category,
        "site_options": article_sites(db),
        **_months(db, by, site, category, t),
        "months_sql": sql_link(database, inline), "months_csv": sql_link(database, inline, "csv"),
        "growth_svg": Markup(charts.line(
            t.plain(N_("Articles in the archive, by the day first seen")), growth,
            note=growth_note, shown=vndate)),
        "growth_note": growth_note,
        "growth_sql": sql_link(database, GROWTH_SQL),
        "growth_csv": sql_link(database, GROWTH_SQL, "csv"),
        "runs_svg": Markup(charts.stacked_bars(
            t.plain(N_("Each run: articles new and updated, errors")),
            [str(r["id"]) for r in run_rows], stacks, _run_values(run_rows), kind="run",
            legend={s: t.plain(WORDS[s]) for s in stacks}, note=runs_note)),
        "runs_note": runs_note,
        "runs": run_rows, "runs_sql": sql_link(database, RUNS_SQL),
        "runs_csv": sql_link(database, RUNS_SQL, "csv"),
        "health": _health(db),
        "health_sql": sql_link(database, LATEST_HEALTH_SQL),
    }


def _growth_note(t, growth: list[tuple[str, int]], runs: int) -> str | None:
    """What the growth chart says instead of a line, when it has fewer than two days."""
    if not growth:
        return t.plain(N_("Nothing archived yet."))
    if len(growth) > 1:
        return None
    (day, n), = growth
    if runs <= 1:
        return t.nplain("One run so far: %(n)s article, archived on %(date)s.",
                        "One run so far: %(n)s articles, archived on %(date)s.", n,
                        date=vndate(day))
    return t.nplain("The only article so far was first archived on %(date)s.",
                    "All %(n)s articles so far were first archived on one day, %(date)s.", n,
                    date=vndate(day))


def _runs_note(t, run_rows: list[dict]) -> str | None:
    """What the runs chart says instead of bars, when there are fewer than two runs."""
    if not run_rows:
        return t.plain(N_("No run yet."))
    if len(run_rows) > 1:
        return None
    run = run_rows[0]
    return t.plain(N_("One run so far: new %(new)s, updated %(updated)s, errors %(errors)s."),
                   new=run["articles_new"] or 0, updated=run["articles_updated"] or 0,
                   errors=run["errors"] or 0)


def _months(db, by: str, site: str | None, category: str | None, t) -> dict:
    """The articles-per-month chart: its SVG, its table and its stacks (the biggest
    sites or categories, the rest as one)."""
    rows = articles_per_month(db, by, site, category)
    totals: dict[str, int] = defaultdict(int)
    for _m, key, n in rows:
        totals[key] += n
    stacks = charts.top_stacks(totals)
    values: dict[tuple[str, str], int] = defaultdict(int)
    for month, key, n in rows:
        values[(month, key if key in stacks else charts.OTHER)] += n
    months = _month_range([m for m, _k, _n in rows])
    title = (N_("Articles per month, by site") if by == "site"
             else N_("Articles per month, by category"))
    return {
        "months_svg": Markup(charts.stacked_bars(
            t.plain(title), months, stacks, values, shown=vndate,
            legend={charts.OTHER: t.plain(WORDS["other"])})),
        "months_table": [(m, [(s, values.get((m, s), 0)) for s in stacks]) for m in months],
        "stacks": stacks,
    }


def _growth(db) -> list[tuple[str, int]]:
    """(day, articles in the archive by the end of it), one point a day something came."""
    growth, total = [], 0
    for day, n in articles_first_seen_by_day(db):
        total += n
        growth.append((day, total))
    return growth


def _run_values(run_rows: list[dict]) -> dict[tuple[str, str], int]:
    values = {}
    for r in run_rows:
        values[(str(r["id"]), "new")] = r["articles_new"] or 0
        values[(str(r["id"]), "updated")] = r["articles_updated"] or 0
        values[(str(r["id"]), "errors")] = r["errors"] or 0
    return values


def _month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last, the empty ones too."""
    if not months:
        return []
    valid = sorted(m for m in set(months) if re.fullmatch(r"\d{4}-\d{2}", m))
    if not valid:
        return []
    out = []
    y, m = map(int, valid[0].split("-"))
    ey, em = map(int, valid[-1].split("-"))
    while (y, m) <= (ey, em) and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _health(db) -> list[dict]:
    """Per site, from the newest run that judged it: each field's share this run and in
    the archive, and the verdict."""
    seen: dict[str, dict] = {}
    for run_id, started, health in recent_health(db):
        try:
            data = json.loads(health)
        except (TypeError, ValueError):
            continue
        for site in data.get("sites", []):
            name = site.get("site")
            if name and name not in seen:
                seen[name] = dict(site, run_id=run_id, started_at=started)
    return [seen[k] for k in sorted(seen)]


def runs_data(db) -> dict:
    return {"runs": all_runs(db)}


def run_data(db, run_id: int) -> dict | None:
    run = run_row(db, run_id)
    if run is None:
        return None
    errors = defaultdict(list)
    for kind, url, message in run_problems(db, run_id):
        errors[kind].append((url, message))
    start, end = run["started_at"], run["finished_at"] or "9999"
    health = json.loads(run["health"]) if run.get("health") else None
    return {"run": run, "errors": sorted(errors.items()),
            "new": articles_new_between(db, start, end),
            "changed": versions_replaced_between(db, start, end),
            "gone": articles_gone_between(db, start, end), "health": health,
            "site_rows": run_sites(db, run_id),
            "failed_sites": json.loads(run.get("failed_sites") or "[]"),
            "run_sites": _json_list(run.get("sites"))}


def _json_list(text: str | None) -> list:
    """A JSON list stored in a column, or the text as one item if it is not one."""
    try:
        found = json.loads(text or "[]")
    except ValueError:
        return [text]
    return found if isinstance(found, list) else [text]


def sites_data(db) -> dict:
    return {"sites": sites(db)}


def site_data(db, host: str, t) -> dict | None:
    """The /sites/HOST page; ``t``: the reader's translator (archive.i18n)."""
    row = next((s for s in sites(db) if s["site"] == host), None)
    if row is None:
        return None
    months = site_months(db, host)
    labels = _month_range(list(months))
    svg = charts.stacked_bars(t.plain(N_("Articles of %(site)s per month"), site=host),
                              labels, [host], {(m, host): months.get(m, 0) for m in labels},
                              shown=vndate)
    return {"title": host, "site": row, "recent": site_recent_articles(db, host),
            "runs": site_run_history(db, host), "failures": site_failures(db, host),
            "months_svg": Markup(svg), "documents": site_document_count(db, host),
            "pending": site_pending(db, host)}
