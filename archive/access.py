"""Can this archive be read, written, replaced?  If not, why, in one sentence.

SQLite's own errors ("attempt to write a readonly database", "unable to open database
file", "file is not a database", ...) name neither the file nor what to do about it;
``ArchiveError`` carries a sentence that does.  The CLI shows it as is.

- ``archive.store.check_writable(path)`` really tries a small write transaction (rolled back) before a
  crawl starts, so that a read-only archive fails before anything is fetched.
- ``connect_readonly(path)`` opens an archive for reading without writing anything:
  ``mode=ro``, or ``immutable=1`` when a WAL archive sits in a directory where SQLite
  cannot create its ``-shm`` file (a read-only directory, a read-only mount).
- ``open_readonly(path)``: such a connection as a ``sqlite_utils.Database``, refused
  (``ArchiveError``) unless ``schema_problem`` finds nothing wrong.
- ``schema_problem(db, path)`` says whether a read-only handle can serve: an SQLite file
  that holds no archive, or one made by an older govnews (reading opens never migrate).
- ``demo_problem(path)``: ``govnews demo`` replaces only archives it made itself.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import sqlite_utils

# The table check_writable writes to, in a transaction that is always rolled back.
WRITE_CHECK_TABLE = "_govnews_write_check"


class ArchiveError(Exception):
    """A problem with an archive file, as one sentence a person can act on."""


def directory_problem(path: str | os.PathLike) -> str | None:
    """Why an archive cannot be at ``path`` because of its directory, or None."""
    parent = Path(path).parent  # as the user wrote it
    if not parent.exists():
        return f"the directory {parent} does not exist: create it or pass another --db"
    if not parent.is_dir():
        return f"{parent} is not a directory: pass another --db"
    if Path(path).is_dir():
        return f"{path} is a directory, not an archive file: pass another --db"
    return None


def _readonly_reason(path: str, errorname: str | None) -> str:
    parent = Path(path).parent
    if errorname == "SQLITE_READONLY_DIRECTORY" or (
            os.path.exists(path) and os.access(path, os.W_OK)
            and not os.access(parent, os.W_OK)):
        return (f"its directory {parent} does not let this user create files, and SQLite "
                "needs its -journal, -wal and -shm files there")
    try:
        if os.statvfs(parent).f_flag & os.ST_RDONLY:
            return "it is on a read-only file system"
    except OSError:
        pass
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return "the file's permissions do not let this user write to it"
    return "the file or its directory does not let this user write"


def explain(path: str | os.PathLike, exc: sqlite3.Error, writing: bool = False) -> str:
    """One sentence for an sqlite3 error met opening, reading or writing ``path``."""
    path = str(path)
    message = str(exc).lower()
    errorname = getattr(exc, "sqlite_errorname", None)
    verb = "write to" if writing else "read"
    if "not a database" in message or errorname == "SQLITE_NOTADB":
        return f"{path} is not a govnews archive (not an SQLite database)"
    problem = directory_problem(path)
    if problem:
        return problem
    if "readonly" in message or "read-only" in message:
        if not writing:
            return (f"cannot read the archive {path}: SQLite cannot open it read-only "
                    f"({_readonly_reason(path, errorname)})")
        return (f"cannot write to the archive {path}: it is read-only "
                f"({_readonly_reason(path, errorname)})")
    if "unable to open" in message:
        if writing:
            return (f"cannot write to the archive {path}: it is read-only "
                    f"({_readonly_reason(path, errorname)})")
        return (f"cannot open the archive {path}: SQLite is unable to open it (check the "
                "permissions of the file and of its directory)")
    if "disk is full" in message or errorname == "SQLITE_FULL":
        return f"cannot write to the archive {path}: the disk is full; free some space and run again"
    if "locked" in message or "busy" in message:
        return (f"the archive {path} is locked by another process: "
                "try again once it has finished")
    if "malformed" in message or errorname == "SQLITE_CORRUPT":
        return (f"the archive {path} is damaged ({exc}): restore a copy, or pass another --db")
    if "i/o error" in message:
        return f"cannot {verb} the archive {path}: the disk reported an I/O error ({exc})"
    return f"cannot {verb} the archive {path}: {exc}"


def _may_need_immutable(exc: sqlite3.Error) -> bool:
    errorname = getattr(exc, "sqlite_errorname", None) or ""
    if errorname:
        return errorname.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))
    message = str(exc).lower()
    return "readonly" in message or "unable to open" in message


def readonly_uri(path: str | os.PathLike, immutable: bool = False) -> str:
    mode = "immutable=1" if immutable else "mode=ro"
    return f"{Path(os.path.abspath(path)).as_uri()}?{mode}"


def connect_readonly(path: str | os.PathLike) -> sqlite3.Connection:
    """A connection that reads ``path`` and never writes to it or its directory.

    ``mode=ro`` first, so that a crawl may write meanwhile; ``immutable=1`` when that
    cannot work because SQLite may not create the WAL index (``-shm``) next to a WAL
    archive, i.e. the directory is read-only, and so nobody is writing to it either.
    """
    path = str(path)
    if not os.path.exists(path):
        raise ArchiveError(directory_problem(path) or f"no archive at {path}")
    problem = directory_problem(path)
    if problem:
        raise ArchiveError(problem)
    last: sqlite3.Error | None = None
    for immutable in (False, True):
        try:
            conn = sqlite3.connect(readonly_uri(path, immutable), uri=True,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            conn.execute("select count(*) from sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            conn.close()
            last = exc
            if not _may_need_immutable(exc):
                break
    assert last is not None
    raise ArchiveError(explain(path, last)) from None


def needs_immutable(path: str | os.PathLike) -> bool:
    """Whether ``path`` can only be read with ``immutable=1`` (see connect_readonly)."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error:
        return True
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
        return False
    except sqlite3.Error as exc:
        return _may_need_immutable(exc)
    finally:
        conn.close()


def schema_problem(db, path: str | os.PathLike, upgrade: bool = False) -> str | None:
    """Why the sqlite-utils Database ``db`` cannot serve as the archive at ``path``: it
    holds no govnews archive, or (unless ``upgrade``: the caller will migrate it) one
    older than the code, which a read-only handle cannot upgrade."""
    from .schema import migrations

    applied = {m.name for m in migrations.applied(db)}
    if not applied and not db["articles"].exists():
        return (f"{path} holds no govnews archive (an SQLite database without its tables): "
                "pass another --db")
    if not upgrade and migrations.pending(db):
        return (f"the archive {path} was made by an older govnews: run any write command "
                f"once, e.g. `govnews crawl --db {path}`, to upgrade it")
    return None


def open_readonly(path: str | os.PathLike) -> sqlite_utils.Database:
    """The archive at ``path`` opened for reading, writing nothing, neither to the file
    nor to its directory (``connect_readonly``); a file that is no archive, or an
    archive older than the code, raises ArchiveError with a sentence saying so."""
    db = sqlite_utils.Database(connect_readonly(path))
    db.execute("PRAGMA busy_timeout=30000")  # this connection only; writes nothing
    problem = schema_problem(db, path)
    if problem:
        db.close()
        raise ArchiveError(problem)
    return db


def archive_problem(path: str | os.PathLike, upgrade: bool = False) -> str | None:
    """Why ``path`` is not an archive one can open (see schema_problem), read-only."""
    try:
        db = sqlite_utils.Database(connect_readonly(path))
    except ArchiveError as exc:
        return str(exc)
    try:
        return schema_problem(db, path, upgrade=upgrade)
    except sqlite3.Error as exc:
        return explain(path, exc)
    finally:
        db.close()


def schema_outdated(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a govnews archive that some migration has not reached yet."""
    import sqlite_utils

    from .schema import migrations

    try:
        db = sqlite_utils.Database(connect_readonly(path))
    except ArchiveError:
        return False
    try:
        return bool(migrations.applied(db)) and bool(migrations.pending(db))
    except sqlite3.Error:
        return False
    finally:
        db.close()


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return value is True or value == 1


def demo_problem(path: str | os.PathLike) -> str | None:
    """None if ``path`` is absent or an archive ``govnews demo`` made (every crawl_runs
    row with ``GOVNEWS_DEMO`` true in its settings, and at least one row), else why
    the demo must not replace it."""
    path = str(path)
    if not os.path.exists(path):
        return directory_problem(path)
    refuse = (f"{path} exists and is not a demo archive{{why}}: pass another --db "
              "(demo only replaces archives it made)")
    try:
        conn = connect_readonly(path)
    except ArchiveError as exc:
        if "not an SQLite database" in str(exc):
            return refuse.format(why=" (not an SQLite database)")
        return str(exc)
    try:
        try:
            rows = conn.execute("select settings from crawl_runs").fetchall()
        except sqlite3.Error:
            return refuse.format(why=" (it has no crawl_runs table)")
        if not rows:
            return refuse.format(why=" (it records no demo run)")
        for (settings,) in rows:
            try:
                value = json.loads(settings or "{}").get("GOVNEWS_DEMO")
            except (ValueError, AttributeError):
                value = None
            if not _truthy(value):
                return refuse.format(why="")
        return None
    finally:
        conn.close()
