"""Every error a user can reach is one sentence naming the file, option or port, with an
honest exit code (1 setup, 2 usage), and never a traceback.

Most cases run the real CLI in a child process, as a user would.  Read-only archives need
a process that file permissions bind: tests running as root (which ignores permission
bits) run the CLI as ``nobody`` or, when ``nobody`` cannot run this interpreter (it lives
under a private home, say), as root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH,
whichever a probe shows to respect a read-only file; without either they are skipped,
with the reasons.  No test talks to anything but 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import cli
from archive.store import Archive
from crawler.kernel.record import Article
from crawler.replica import ReplicaServer

from .conftest import ROOT, query

NOBODY = 65534
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
WWW = "www.nghean.gov.vn"
# Where a crawl would go if validation let it through: nothing listens on port 9 here.
NOWHERE = "http://127.0.0.1:9"


# --- helpers ----------------------------------------------------------------------------

def govnews(*args: str, preexec=None, timeout: float = 120, cwd=ROOT):
    if args and args[0] == "crawl":
        args = (*args, "--no-files")  # see tests.conftest.govnews
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "archive.cli", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=timeout,
                          cwd=cwd, preexec_fn=preexec)


def assert_error(proc, code: int, *names) -> str:
    """Exit ``code``, one "Error:" sentence naming each of ``names``, no traceback."""
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out[-3000:]
    assert proc.returncode == code, (proc.returncode, out[-3000:])
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, proc.stderr
    for name in names:
        assert str(name) in errors[0], (name, errors[0])
    return errors[0]


def assert_ok(proc) -> None:
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Traceback" not in out


def _article(n: int, **fields) -> Article:
    fields.setdefault("title", f"Bài viết số {n} về Nguyễn Đức Trung")
    fields.setdefault("body", "Nội dung bài viết rất dài. " * 200)
    fields.setdefault("published_at", f"2024-05-{n:02d}")
    fields.setdefault("category", "Tin tức - Sự kiện")
    return Article(url=f"https://{WWW}/tin-tuc/bai-viet-{n}", site=WWW, article_id=str(n),
                   **fields)


def make_archive(path, runs=(False,), articles: int = 3) -> Path:
    """An archive with a few articles and one crawl_runs row per entry of ``runs``
    (its GOVNEWS_DEMO setting, as the pipeline records it)."""
    archive = Archive(path)
    try:
        archive.store_articles([_article(n) for n in range(1, articles + 1)])
        for demo in runs:
            archive.db.execute(
                "insert into crawl_runs (started_at, status, settings) values (?, ?, ?)",
                ["2024-05-01T00:00:00+00:00", "ok", json.dumps({"GOVNEWS_DEMO": demo})])
        archive.db.conn.commit()
    finally:
        archive.close()
    return Path(path)


def foreign_sqlite(path) -> Path:
    con = sqlite3.connect(path)
    con.execute("create table notes (text)")
    con.execute("insert into notes values ('mine')")
    con.commit()
    con.close()
    return Path(path)


def text_file(path) -> Path:
    Path(path).write_text("not a database, just notes\n", encoding="utf-8")
    return Path(path)


def _as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def _without_dac_override():
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _public_tmpdir() -> Path:
    """A directory under /tmp that every user may read and enter (not write)."""
    path = Path(tempfile.mkdtemp(prefix="govnews-ro-", dir="/tmp"))
    path.chmod(0o755)
    return path


def _remove_tree(path: Path) -> None:
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                os.chmod(p, 0o700)
    shutil.rmtree(path, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def _unprivileged():
    """(preexec_fn, how) that makes the CLI respect file permissions, or (False, why)."""
    if os.geteuid() != 0:
        strategies = [("this user", None)]
    else:
        strategies = [("nobody (uid 65534)", _as_nobody),
                      ("root without CAP_DAC_OVERRIDE", _without_dac_override)]
    tmp = _public_tmpdir()
    probe = tmp / "probe"
    probe.write_text("x")
    probe.chmod(0o444)
    failures = []
    try:
        for how, preexec in strategies:
            code = "import sys, archive.cli; open(sys.argv[1], 'a')"
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            try:
                proc = subprocess.run([sys.executable, "-c", code, str(probe)], cwd=ROOT,
                                      env=env, capture_output=True, text=True, timeout=60,
                                      preexec_fn=preexec)
            except (OSError, subprocess.SubprocessError) as exc:
                failures.append(f"as {how}: {exc}")
                continue
            if proc.returncode != 0 and "PermissionError" in proc.stderr:
                return preexec, how
            failures.append(f"as {how}: " + (
                "writing a 0o444 file succeeded" if proc.returncode == 0
                else (proc.stderr.strip().splitlines() or ["no output"])[-1]))
    finally:
        _remove_tree(tmp)
    return False, "; ".join(failures)


@pytest.fixture
def unprivileged():
    preexec, how = _unprivileged()
    if preexec is False:
        pytest.skip(f"no way to run the CLI bound by file permissions: {how}")
    return preexec


@pytest.fixture
def public_tmp():
    """A tmp directory the unprivileged CLI can enter (pytest's own is root-only)."""
    path = _public_tmpdir()
    yield path
    _remove_tree(path)


@pytest.fixture
def replica():
    with ReplicaServer(port=0) as server:
        yield server


def _listening_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def _snapshot(directory: Path) -> dict:
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}


# --- 1. crawl: options and site arguments -----------------------------------------------

@pytest.mark.parametrize("option, value", [
    ("--concurrency", "0"), ("--delay", "-1"), ("--max-pages", "-3")])
def test_crawl_refuses_out_of_range_numbers(tmp_path, option, value):
    proc = govnews("crawl", NOWHERE, "--db", tmp_path / "a.db", option, value, timeout=60)
    assert_error(proc, 2, option)
    assert not (tmp_path / "a.db").exists()


@pytest.mark.parametrize("site", [
    "ftp://127.0.0.1:9", "http://", "javascript:alert(1)",
    "http://127.0.0.1:9 http://127.0.0.1:7",  # one site per argument, never split
    "http://127.0.0.1:9,http://127.0.0.1:7",
    "http://[::1", "[x", "https://[::1]:99999/",  # an unclosed IPv6 host, a port past 65535
])
def test_crawl_refuses_what_is_not_one_http_site(tmp_path, site):
    proc = govnews("crawl", site, "--db", tmp_path / "a.db", timeout=60)
    assert_error(proc, 2, "SITE_URL", repr(site))
    assert not (tmp_path / "a.db").exists()


def test_a_bare_host_gets_https_and_says_so(capsys):
    from archive.cli_common import SiteURL

    assert SiteURL().convert(WWW, None, None) == f"https://{WWW}"
    assert (f"no scheme given for {WWW}: using https://{WWW}"
            in capsys.readouterr().err)
    for given in ("http://127.0.0.1:8000", "https://yte.nghean.gov.vn/tin-tuc",
                  "localhost:8000"):
        expected = given if "://" in given else f"https://{given}"
        assert SiteURL().convert(given, None, None) == expected


def test_a_bare_host_is_crawled_over_https(tmp_path, replica):
    host = f"127.0.0.1:{replica.port}"  # the replica speaks http: https fails, politely
    proc = govnews("crawl", host, "--db", tmp_path / "a.db", "--delay", "0", "--max-pages",
                   "1", "-s", "RETRY_ENABLED=False")
    assert f"no scheme given for {host}: using https://{host}" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.returncode not in (1, 2), proc.stderr[-3000:]
    assert query(tmp_path / "a.db", "select sites from crawl_runs") == [
        (json.dumps([f"https://{host}/"]),)]


def test_an_http_site_stays_http_and_the_log_directories_are_made(tmp_path, replica):
    log = tmp_path / "logs" / "nightly" / "crawl.log"
    proc = govnews("crawl", replica.url, "--db", tmp_path / "a.db", "--delay", "0",
                   "--max-pages", "1", "--log-file", log)
    assert_ok(proc)
    assert query(tmp_path / "a.db", "select sites from crawl_runs") == [
        (json.dumps([replica.url + "/"]),)]
    assert log.stat().st_size > 0
    assert len(replica.requests) > 0


def test_a_malformed_setting_is_a_usage_error(tmp_path):
    proc = govnews("crawl", NOWHERE, "--db", tmp_path / "a.db", "-s", "NOEQUALS")
    assert_error(proc, 2, "-s", "NAME=VALUE")


# --- 2. the log file --------------------------------------------------------------------

def test_a_log_file_under_a_regular_file_is_refused(tmp_path, replica):
    (tmp_path / "afile").write_text("x")
    log = tmp_path / "afile" / "crawl.log"
    proc = govnews("crawl", replica.url, "--db", tmp_path / "a.db", "--log-file", log)
    assert_error(proc, 1, "log file", log, "not a directory")
    assert replica.requests == []


def test_a_log_file_in_a_read_only_directory_is_refused(public_tmp, replica, unprivileged):
    logs = public_tmp / "logs"
    logs.mkdir(mode=0o555)
    logs.chmod(0o555)
    db = public_tmp / "db"
    db.mkdir()
    db.chmod(0o777)
    proc = govnews("crawl", replica.url, "--db", db / "a.db", "--log-file",
                   logs / "crawl.log", preexec=unprivileged)
    assert_error(proc, 1, "log file", logs / "crawl.log", "permission denied")
    assert replica.requests == []


# --- 3. --db in a directory that does not exist -----------------------------------------

@pytest.mark.parametrize("command", [
    ["crawl", NOWHERE], ["demo"], ["search", "trung"], ["stats"], ["export"], ["reparse"],
    ["serve"]])
def test_db_in_a_missing_directory(tmp_path, command):
    missing = tmp_path / "no" / "such"
    proc = govnews(*command, "--db", missing / "a.db", timeout=60)
    assert_error(proc, 1, f"the directory {missing} does not exist", "--db")
    assert not (tmp_path / "no").exists()


# --- 4. --db that is not an archive -----------------------------------------------------

@pytest.mark.parametrize("command", [
    ["crawl", NOWHERE], ["search", "trung"], ["stats"], ["export"], ["export", "--format",
    "warc", "--out", "x.warc.gz"], ["reparse"], ["reparse", "--dry-run"], ["serve"]])
def test_db_that_is_not_sqlite(tmp_path, command):
    db = text_file(tmp_path / "notes.db")
    proc = govnews(*command, "--db", db, timeout=60, cwd=tmp_path)
    assert_error(proc, 1, f"{db} is not a govnews archive (not an SQLite database)")
    assert db.read_text(encoding="utf-8") == "not a database, just notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


@pytest.mark.parametrize("command", [
    ["search", "trung"], ["stats"], ["export"], ["reparse"], ["serve"]])
def test_sqlite_file_without_an_archive(tmp_path, command):
    db = foreign_sqlite(tmp_path / "other.db")
    proc = govnews(*command, "--db", db, timeout=60)
    assert_error(proc, 1, f"{db} holds no govnews archive")
    assert query(db, "select name from sqlite_master where type = 'table'") == [("notes",)]


def test_crawl_makes_an_archive_in_a_foreign_sqlite_file(tmp_path, replica):
    db = foreign_sqlite(tmp_path / "other.db")
    proc = govnews("crawl", replica.url, "--db", db, "--delay", "0", "--max-pages", "1")
    assert_ok(proc)
    assert query(db, "select text from notes") == [("mine",)]
    assert query(db, "select count(*) from articles")[0][0] > 0


def _older_archive(path):
    import sqlite_utils

    from archive import schema

    old = sqlite3.connect(path)
    schema.migrations.apply(sqlite_utils.Database(old), stop_before="m005_nightly")
    old.close()
    return path


def test_an_older_archive_is_upgraded_by_the_first_read(tmp_path):
    from archive import schema

    db = _older_archive(tmp_path / "old.db")
    for command in (["stats"], ["search", "trung"], ["export"]):
        proc = govnews(*command, "--db", db)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
    import sqlite_utils

    assert not schema.migrations.pending(sqlite_utils.Database(db))


def test_an_older_read_only_archive_says_how_to_upgrade(public_tmp, unprivileged):
    db = _older_archive(public_tmp / "old.db")
    db.chmod(0o444)
    public_tmp.chmod(0o555)
    try:
        for command in (["stats"], ["search", "trung"], ["export"]):
            proc = govnews(*command, "--db", db, preexec=unprivileged)
            assert_error(proc, 1, f"the archive {db} was made by an older govnews",
                         "govnews crawl")
    finally:
        public_tmp.chmod(0o755)


# --- 5. crawl into an archive that cannot be written ------------------------------------

def test_crawl_into_a_read_only_file(public_tmp, replica, unprivileged):
    db = make_archive(public_tmp / "a.db")
    public_tmp.chmod(0o777)  # the directory is writable: only the file is read-only
    db.chmod(0o444)
    before = db.read_bytes()
    proc = govnews("crawl", replica.url, "--db", db, "--delay", "0", preexec=unprivileged)
    assert_error(proc, 1, f"cannot write to the archive {db}: it is read-only")
    assert replica.requests == []  # refused before fetching anything
    assert db.read_bytes() == before


def test_crawl_into_a_read_only_directory(public_tmp, replica, unprivileged):
    ro = public_tmp / "ro"
    ro.mkdir()
    db = make_archive(ro / "a.db")
    db.chmod(0o666)  # the file is writable: only the directory is read-only
    ro.chmod(0o555)
    before = _snapshot(ro)
    proc = govnews("crawl", replica.url, "--db", db, "--delay", "0", preexec=unprivileged)
    assert_error(proc, 1, f"cannot write to the archive {db}: it is read-only", str(ro))
    assert replica.requests == []
    assert _snapshot(ro) == before  # no lock file, no journal


def test_check_writable_translates_sqlite_errors(tmp_path):
    from archive.access import ArchiveError
    from archive.store import check_writable

    with pytest.raises(ArchiveError, match="not a govnews archive"):
        check_writable(text_file(tmp_path / "t.db"))
    with pytest.raises(ArchiveError, match="does not exist: create it or pass another --db"):
        check_writable(tmp_path / "missing" / "a.db")
    check_writable(tmp_path / "new.db")  # creatable: fine, and nothing is left behind
    assert not (tmp_path / "new.db").exists()
    db = make_archive(tmp_path / "a.db")
    check_writable(db)
    assert query(db, "select count(*) from sqlite_master where name like '%write_check%'") == [
        (0,)]


# --- 6. reading commands on a read-only archive -----------------------------------------

@pytest.fixture
def read_only_archive(public_tmp):
    """A WAL archive, read-only, in a read-only directory (no -shm can be made there)."""
    ro = public_tmp / "ro"
    ro.mkdir()
    db = make_archive(ro / "a.db")
    assert query(db, "pragma journal_mode") == [("wal",)]
    db.chmod(0o444)
    ro.chmod(0o555)
    return db


def test_reading_commands_work_on_a_read_only_archive(read_only_archive, unprivileged):
    db = read_only_archive
    before = _snapshot(db.parent)
    proc = govnews("search", "nguyen duc trung", "--db", db, preexec=unprivileged)
    assert_ok(proc)
    assert "bai-viet-1" in proc.stdout
    proc = govnews("stats", "--db", db, preexec=unprivileged)
    assert_ok(proc)
    assert proc.stdout.startswith("3 articles")
    proc = govnews("export", "--db", db, "--format", "jsonl", preexec=unprivileged)
    assert_ok(proc)
    assert len(proc.stdout.splitlines()) == 3
    proc = govnews("reparse", "--db", db, "--dry-run", preexec=unprivileged)
    assert_ok(proc)
    assert _snapshot(db.parent) == before  # nothing written, no -wal or -shm made


def test_reparse_on_a_read_only_archive_says_so(read_only_archive, unprivileged):
    proc = govnews("reparse", "--db", read_only_archive, preexec=unprivileged)
    assert_error(proc, 1, f"cannot write to the archive {read_only_archive}: it is read-only")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _served(db, preexec=None):
    """``govnews serve`` of ``db`` on a free port: its address, once it answers; after,
    ``served["err"]`` holds what it wrote to stderr."""
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=preexec)
    base = f"http://127.0.0.1:{port}"
    served = {"base": base}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield served
    finally:
        proc.terminate()
        try:
            _, served["err"] = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, served["err"] = proc.communicate()


def test_serve_works_on_a_read_only_archive(read_only_archive, unprivileged):
    with _served(read_only_archive, unprivileged) as served:
        url = served["base"] + "/archive/articles.json?_search=nguyen+duc+trung&_shape=array"
        with urllib.request.urlopen(url, timeout=5) as response:
            rows = json.load(response)
        assert len(rows) == 3
    assert "Traceback" not in served["err"]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_readers_mistyped_address_is_a_4xx_and_no_traceback(tmp_path):
    """A page that is not there, a record the archive lacks, a table sorted by a column
    it lacks: each a 4xx page, and nothing on the terminal that serves them."""
    db = make_archive(tmp_path / "a.db")
    with _served(db) as served:
        base = served["base"]
        assert _status(base + "/no-such-page") == 404
        assert _status(base + "/article?url=https://www.nghean.gov.vn/none-1") == 404
        assert _status(base + "/archive/articles?_sort=no_such_column") == 400
        assert _status(base + "/archive/articles?_sort=title&_sort_desc=title") == 400
        assert _status(base + "/archive/articles?_sort=title") == 200
    assert "Traceback" not in served["err"] and "\u256d" not in served["err"], served["err"][:2000]


# --- 7. export --out that cannot be written ---------------------------------------------

def test_export_into_a_missing_directory(tmp_path):
    db = make_archive(tmp_path / "a.db")
    out = tmp_path / "missing" / "out.jsonl"
    proc = govnews("export", "--db", db, "--out", out)
    assert_error(proc, 1, f"cannot write {out}", "does not exist")
    assert not out.parent.exists()


def test_export_into_a_read_only_directory(public_tmp, unprivileged):
    db = make_archive(public_tmp / "a.db")
    ro = public_tmp / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    out = ro / "out.csv"
    proc = govnews("export", "--db", db, "--format", "csv", "--out", out,
                   preexec=unprivileged)
    assert_error(proc, 1, f"cannot write {out}", "permission denied")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "warc"])
def test_export_to_a_full_disk(tmp_path, fmt):
    from archive.store import Archive
    from crawler.kernel.record import Snapshot

    db = make_archive(tmp_path / "a.db")
    archive = Archive(db)
    archive.store_batch(snapshots=[Snapshot(
        url=_article(1).url, method="GET", status=200, body=b"<html>" + b"x" * 50000,
        fetched_at="2024-05-02T02:00:00+00:00")])
    archive.close()
    proc = govnews("export", "--db", db, "--format", fmt, "--out", "/dev/full")
    assert_error(proc, 1, "cannot write /dev/full", "no space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # a device is never removed


def _file_size_limit(limit: int):
    def preexec():
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_partial_export_is_removed(tmp_path, fmt):
    db = make_archive(tmp_path / "a.db", articles=25)  # about 150 KiB of records
    out = tmp_path / f"out.{fmt}"
    # The disk "fills" at 64 KiB (above SQLite's 32 KiB WAL index, which reading maps).
    proc = govnews("export", "--db", db, "--format", fmt, "--out", out,
                   preexec=_file_size_limit(64 * 1024))
    assert_error(proc, 1, f"cannot write {out}", f"the partial {out} was removed")
    assert not out.exists()


# --- 8. a port already in use -----------------------------------------------------------

def test_serve_on_a_port_in_use(tmp_path):
    db = make_archive(tmp_path / "a.db")
    with _listening_socket() as taken:
        port = taken.getsockname()[1]
        proc = govnews("serve", "--db", db, "--port", port, timeout=60)
    assert_error(proc, 1, f"port {port} on 127.0.0.1 is already in use", "--port")


def test_demo_on_a_port_in_use(tmp_path):
    with _listening_socket() as taken:
        port = taken.getsockname()[1]
        proc = govnews("demo", "--db", tmp_path / "demo.db", "--port", port, timeout=60)
    assert_error(proc, 1, f"port {port} on 127.0.0.1 is already in use", "--port")
    assert not (tmp_path / "demo.db").exists()


def test_serve_when_the_server_itself_fails(tmp_path, monkeypatch):
    import archive.web

    def fail(*args, **kwargs):
        raise SystemExit(1)  # what uvicorn does when it cannot bind

    monkeypatch.setattr(archive.web, "serve", fail)
    db = make_archive(tmp_path / "a.db")
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "0"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert "could not start on 127.0.0.1" in result.output
    assert "--port" in result.output
    assert "Traceback" not in result.output


# --- 9. demo replaces only what it made -------------------------------------------------

@pytest.mark.parametrize("kind", ["archive", "no runs", "mixed runs", "sqlite", "text"])
def test_demo_refuses_to_replace_what_it_did_not_make(tmp_path, kind):
    db = tmp_path / "mine.db"
    if kind == "archive":
        make_archive(db, runs=(False,))
    elif kind == "no runs":
        make_archive(db, runs=())
    elif kind == "mixed runs":
        make_archive(db, runs=("True", False))
    elif kind == "sqlite":
        foreign_sqlite(db)
    else:
        text_file(db)
    before = db.read_bytes()
    proc = govnews("demo", "--db", db, timeout=60)
    assert_error(proc, 1, f"{db} exists and is not a demo archive", "pass another --db",
                 "demo only replaces archives it made")
    assert db.read_bytes() == before


def test_demo_replaces_its_own_archive(tmp_path):
    db = tmp_path / "demo.db"
    assert_ok(govnews("demo", "--db", db))
    ((settings,),) = query(db, "select settings from crawl_runs")
    assert json.loads(settings)["GOVNEWS_DEMO"] in (True, "True")
    assert_ok(govnews("demo", "--db", db))
    assert query(db, "select count(*) from crawl_runs") == [(1,)]  # replaced, not added to


def test_demo_archive_setting_may_be_a_boolean_or_its_string(tmp_path):
    from archive.access import demo_problem

    assert demo_problem(make_archive(tmp_path / "a.db", runs=(True, "True"))) is None
    assert demo_problem(make_archive(tmp_path / "b.db", runs=("False",))) is not None
    assert demo_problem(tmp_path / "absent.db") is None


# --- 10. the safety net -----------------------------------------------------------------

@pytest.mark.parametrize("error", [
    sqlite3.OperationalError("disk I/O error"),
    OSError(errno.EIO, "Input/output error", "/srv/govnews/archive.db-wal"),
])
def test_unforeseen_errors_are_one_sentence(tmp_path, monkeypatch, error):
    import archive.query

    def broken(db):
        raise error

    monkeypatch.setattr(archive.query, "stats", broken)
    db = make_archive(tmp_path / "a.db")
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.output
    assert (str(db) if isinstance(error, sqlite3.Error) else error.filename) in lines[0]
    assert "Traceback" not in result.output


def test_a_run_that_could_not_record_its_end_is_not_a_success(tmp_path, monkeypatch):
    import archive.cli_crawl

    def ended_unrecorded(*args, **kwargs):  # the disk filled before the run's end was stored
        return {"id": 7, "status": "running", "mode": "incremental", "requests": 3,
                "articles_new": 0, "articles_updated": 0, "articles_unchanged": 0,
                "errors": 0, "exit_code": None, "error_list": []}

    monkeypatch.setattr(archive.cli_crawl, "run_crawl", ended_unrecorded)
    db = tmp_path / "a.db"
    result = CliRunner().invoke(cli, ["crawl", NOWHERE, "--db", str(db)],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert f"run 7 could not record its end in the archive {db}" in result.output
    assert "storage_error" in result.output
