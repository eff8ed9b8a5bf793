"""A disk that fills up mid-run: the run says so (exit 1, storage_error), completes no
listing walk, and the run after it, with space again, archives every article exactly once.

The disk is a small tmpfs mounted for the test (root only); elsewhere the test is skipped
with the reason."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from crawler.replica import ReplicaServer, build_site, new_articles
from tests.conftest import govnews, query


def _mount(path: Path, size: str) -> str | None:
    """Mount a tmpfs of ``size`` at ``path``; None, or why it cannot be done here."""
    if os.geteuid() != 0:
        return "mounting a small tmpfs needs root"
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                            capture_output=True, text=True)
    return None if result.returncode == 0 else f"cannot mount a tmpfs: {result.stderr.strip()}"


def _resize(path: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(path)], check=True)


def _used(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir() if f.is_file())


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    disk.mkdir()
    why = _mount(disk, "64m")
    if why:
        pytest.skip(why)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def crawl(url, db, check=True):
    return govnews("crawl", url, "--db", str(db), "--delay", "0", check=check)


def test_disk_full_mid_run_loses_nothing(small_disk):
    db = small_disk / "a.db"
    site = build_site()
    with ReplicaServer(site, port=0) as server:
        crawl(server.url, db)
        categories = [c.slug for c in site.categories]
        grown = build_site(add=new_articles(14, categories))
        server.site = grown
        # Room for the run to start and store a little, not for 14 articles and their pages.
        query(db, "pragma wal_checkpoint(truncate)")
        _resize(small_disk, f"{(_used(small_disk) + 96 * 1024) // 1024}k")
        full = crawl(server.url, db, check=False)
        assert full.returncode == 1, full.stderr
        assert "storage_error" in full.stderr
        assert "Traceback" not in full.stderr
        _resize(small_disk, "64m")
        again = crawl(server.url, db)
        expected = grown.expected_records(server.url)
    assert query(db, "pragma integrity_check") == [("ok",)]
    urls = [r[0] for r in query(db, "select url from articles")]
    assert len(urls) == len(set(urls))
    assert sorted(urls) == sorted(e["url"] for e in expected)
    assert "ok" in again.stderr or again.returncode == 0
