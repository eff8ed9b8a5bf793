"""Shared test helpers: running the real CLI in a subprocess against the local replica.

Whole crawls run in a subprocess because a Twisted reactor cannot be restarted inside one
test process; parser tests stay pure and in-process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def interruptible() -> None:
    """For ``preexec_fn``: Ctrl-C (SIGINT) back to its default in the child.  A process
    started in the background by a non-interactive shell ignores it, its children too,
    and Python then never raises KeyboardInterrupt: a test that interrupts a server
    would wait for nothing wherever the suite itself was started that way."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def govnews(*args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``govnews`` CLI exactly as a user would, in a child process.

    A crawl of a replica on 127.0.0.1 runs with ``--no-files`` unless the test says
    ``--files``: its pages link images on the portal's real file hosts, which only the
    family replica's proxy answers for, and nothing may be asked of the real ones."""
    if args and args[0] == "crawl" and "--files" not in args:
        args = (*args, "--no-files")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "archive.cli", *args],
        capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"govnews {' '.join(args)} exited {proc.returncode}\n"
            f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-5000:]}")
    return proc


def family_crawl(proxy, db, *args: str) -> subprocess.CompletedProcess:
    """``govnews crawl ARGS`` through the family replica's proxy (so every host is asked
    by its real name and nothing is resolved), with files archived, no politeness delay
    and quick retries."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8",
               http_proxy=proxy.url, HTTP_PROXY=proxy.url, no_proxy="", NO_PROXY="")
    return subprocess.run(
        [sys.executable, "-m", "archive.cli", "crawl", *args, "--db", str(db),
         "--delay", "0", "-s", "RETRY_TIMES=3", "-s", "GOVNEWS_RETRY_BACKOFF_BASE=0",
         "-s", "DOWNLOAD_TIMEOUT=5"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


def query(db, sql: str, *params) -> list[tuple]:
    """Rows of one SQL query on a test's archive, read with plain sqlite3."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def copy_db(src, dst) -> Path:
    """A consistent copy of an archive (SQLite's backup API, WAL included)."""
    import sqlite3

    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return Path(dst)


FILE_FIELDS = ("sha256", "content_type", "bytes")


def export_records(db: Path, files: bool = False) -> list[dict]:
    """The archive's records as ``govnews export`` writes them.  Their images and
    attachments carry what the archive knows of each file (sha256, type, size); a page's
    expected record knows only what the page says, so without ``files`` those are left
    out here, to compare the two."""
    out = govnews("export", "--db", str(db), "--format", "jsonl").stdout
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    return records if files else [without_file_fields(rec) for rec in records]


def without_file_fields(record: dict) -> dict:
    """A record's images and attachments as the page gives them (url and caption or name)."""
    for key in ("images", "attachments"):
        record[key] = [{k: v for k, v in item.items() if k not in FILE_FIELDS}
                       for item in record.get(key) or []]
    return record


@pytest.fixture
def run_govnews():
    return govnews


@pytest.fixture(scope="module")
def browser():
    """A headless Debian Chromium (``tests/browser.py``), launched once per test module.
    Without Chromium the tests using it are skipped with one line naming the Debian package
    to install, so the README's test command passes on a fresh machine; ``.ci/run`` installs
    it and sets GOVNEWS_REQUIRE_BROWSER=1, under which a missing Chromium fails instead.
    After the module, Chromium's NetLog must show nothing that left this machine."""
    from .browser import Browser, ChromiumMissing, chromium_executable

    try:
        chromium_executable()
        missing = None
    except ChromiumMissing as exc:
        missing = str(exc)
    if missing and os.environ.get("GOVNEWS_REQUIRE_BROWSER") == "1":
        pytest.fail(missing, pytrace=False)
    if missing:
        pytest.skip(missing)
    with Browser() as chromium:
        yield chromium
    left = chromium.off_machine()
    assert left == [], f"Chromium reached beyond this machine: {left}"
