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


def charts_data(db, by: str, site: str | None, category: str | None, database: str) -> dict:
    month_sql, params = articles_per_month_sql(by, site, category)
    inline = inline_sql(month_sql, params)
    run_rows = recent_runs(db)[::-1]
    return {
        "title": "Charts", "by": by, "site": site, "category": category,
        "site_options": article_sites(db),
        **_months(db, by, site, category),
        "months_sql": sql_link(database, inline), "months_csv": sql_link(database, inline, "csv"),
        "growth_svg": Markup(charts.line("Articles in the archive, by the day first seen",
                                         _growth(db))),
        "growth_sql": sql_link(database, GROWTH_SQL),
        "growth_csv": sql_link(database, GROWTH_SQL, "csv"),
        "runs_svg": Markup(charts.stacked_bars(
            "Each run: articles new and updated, errors", [str(r["id"]) for r in run_rows],
            ["new", "updated", "errors"], _run_values(run_rows), kind="run")),
        "runs": run_rows, "runs_sql": sql_link(database, RUNS_SQL),
        "runs_csv": sql_link(database, RUNS_SQL, "csv"),
        "health": _health(db),
        "health_sql": sql_link(database, LATEST_HEALTH_SQL),
    }


def _months(db, by: str, site: str | None, category: str | None) -> dict:
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
    return {
        "months_svg": Markup(charts.stacked_bars(
            f"Articles per month, by {by}", months, stacks, values)),
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
    return {"title": "Runs", "runs": all_runs(db)}


def run_data(db, run_id: int) -> dict | None:
    run = run_row(db, run_id)
    if run is None:
        return None
    errors = defaultdict(list)
    for kind, url, message in run_problems(db, run_id):
        errors[kind].append((url, message))
    start, end = run["started_at"], run["finished_at"] or "9999"
    health = json.loads(run["health"]) if run.get("health") else None
    return {"title": f"Run {run_id}", "run": run, "errors": sorted(errors.items()),
            "new": articles_new_between(db, start, end),
            "changed": versions_replaced_between(db, start, end),
            "gone": articles_gone_between(db, start, end), "health": health,
            "site_rows": run_sites(db, run_id),
            "failed_sites": json.loads(run.get("failed_sites") or "[]")}


def sites_data(db) -> dict:
    return {"title": "Sites", "sites": sites(db)}


def site_data(db, host: str) -> dict | None:
    row = next((s for s in sites(db) if s["site"] == host), None)
    if row is None:
        return None
    months = site_months(db, host)
    labels = _month_range(list(months))
    svg = charts.stacked_bars(f"Articles of {host} per month", labels, [host],
                              {(m, host): months.get(m, 0) for m in labels})
    return {"title": host, "site": row, "recent": site_recent_articles(db, host),
            "runs": site_run_history(db, host), "failures": site_failures(db, host),
            "months_svg": Markup(svg), "documents": site_document_count(db, host),
            "pending": site_pending(db, host)}
