"""One crawl at a time per database.

An advisory lock (flock) on ``DB.lock``: the kernel releases it when its process dies, even
by ``kill -9``, so a stale lock is simply one nobody holds; the file still names the dead
holder, which the next crawl reports as it takes over.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime, timezone


class CrawlRunning(Exception):
    def __init__(self, path: str, holder: dict):
        self.path = path
        self.holder = holder
        super().__init__(
            f"another crawl is running on this database: pid {holder.get('pid', '?')}, "
            f"started {holder.get('started_at', '?')} (lock {path})")


class CrawlLock:
    def __init__(self, db_path: str):
        self.path = f"{db_path}.lock"
        self.fd: int | None = None
        self.stale: dict | None = None

    def _read(self, fd: int) -> dict:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 4096)
        try:
            return json.loads(raw.decode("utf-8")) if raw.strip() else {}
        except ValueError:
            return {}

    def acquire(self) -> CrawlLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._read(fd)
            os.close(fd)
            raise CrawlRunning(self.path, holder) from None
        previous = self._read(fd)
        self.stale = previous or None  # a holder that died without releasing
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps({
            "pid": os.getpid(),
            "started_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        }).encode("utf-8"))
        os.fsync(fd)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        os.ftruncate(self.fd, 0)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> CrawlLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
