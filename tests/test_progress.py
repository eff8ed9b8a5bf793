"""Every long step shows progress to a person at a terminal and nothing under cron: the
demo's crawl and its reading of files' text, and an export.  Standard error is a
pseudo-terminal in the first case and a pipe in the second."""

from __future__ import annotations

import pytest

from .conftest import govnews
from .test_cli_edges import _on_a_terminal


@pytest.fixture(scope="module")
def demo_on_a_terminal(tmp_path_factory):
    db = tmp_path_factory.mktemp("progress") / "demo.db"
    code, out, shown = _on_a_terminal("demo", "--db", str(db))
    return db, code, out, shown


def test_the_demo_shows_its_crawl_and_its_file_reading(demo_on_a_terminal):
    db, code, out, shown = demo_on_a_terminal
    assert code == 0, shown
    assert " pages (" in shown and "articles " in shown  # the crawl's progress line
    assert "reading files' text: " in shown and " files read" in shown
    assert "www.nghean.gov.vn" in out  # and then its tables


def test_an_export_shows_progress_on_a_terminal_only(demo_on_a_terminal, tmp_path):
    db = demo_on_a_terminal[0]
    code, out, shown = _on_a_terminal("export", "--db", str(db), "--format", "csv",
                                      "--out", str(tmp_path / "a.csv"))
    assert code == 0, shown
    assert "exporting articles" in shown
    quiet = govnews("export", "--db", db, "--format", "csv", "--out", tmp_path / "b.csv")
    assert quiet.returncode == 0
    assert "exporting" not in quiet.stderr
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
