"""Addresses in the web view: a page of ``archive.pages`` with its parameters, and a query
of the archive shown (or downloaded as CSV) by Datasette.  Makes strings; reads nothing."""

from __future__ import annotations

from urllib.parse import urlencode


def link(path: str, **params) -> str:
    """``path`` with the parameters given a value, as a query string."""
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(params) if params else "")


def sql_link(database: str, sql: str, fmt: str = "") -> str:
    """Datasette's page for ``sql`` run on ``database`` (``fmt="csv"``: its CSV)."""
    return f"/{database}{'.' + fmt if fmt else ''}?" + urlencode({"sql": sql})


def inline_sql(sql: str, params) -> str:
    """``sql`` with each ``?`` replaced by its parameter as an SQL string literal, to be
    run as it reads."""
    for p in params:
        sql = sql.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
    return sql
