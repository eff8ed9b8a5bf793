"""What archiving files costs: the family replica crawled with ``--subsites`` twice in one
run, into fresh archives, once with ``--no-files`` (the anchor: pages only) and once with
files archived and read; the archive's size per article (and per article or document),
the bytes of files fetched against the bytes they take in the archive, the crawl's
wall-clock time and how long reading the files' text took.

The replica is served as an HTTP proxy on 127.0.0.1 (nothing is asked of any other
address); its files are small generated images and documents plus the hostile ones (a
1 MB zip bomb, a 3 MB PDF of 10,000 pages), so the per-article figure is the replica's,
not the portal's, whose photos run to 100-500 KB each.

    .venv/bin/python bench/bench_files.py
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.replica.family import FamilyProxy, build_family  # noqa: E402


def crawl(proxy, db: Path, *extra: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT), http_proxy=proxy.url, HTTP_PROXY=proxy.url,
               no_proxy="", NO_PROXY="")
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "archive.cli", "crawl", "http://www.nghean.gov.vn",
         "--subsites", "--db", str(db), "--delay", "0", "--quiet", "-s", "RETRY_TIMES=1",
         "-s", "GOVNEWS_RETRY_BACKOFF_BASE=0", "-s", "DOWNLOAD_TIMEOUT=5",
         "--log-file", str(db.with_suffix(".log")), *extra],
        capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode not in (0, 4):
        sys.exit(f"crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return time.perf_counter() - start


def size(db: Path) -> int:
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db.stat().st_size


def counts(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0] or 0  # noqa: E731
        return {
            "articles": one("select count(*) from articles"),
            "documents": one("select count(*) from documents"),
            "files": one("select count(*) from files where state = 'archived'"),
            "file_bytes": one("select sum(bytes) from files where state = 'archived'"),
            "stored_file_bytes": one(
                "select sum(length(b.data)) from bodies b where b.sha256 in"
                " (select sha256 from files where state = 'archived')"),
            "texts": one("select count(*) from file_texts where status = 'ok'"),
        }
    finally:
        con.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, FamilyProxy(build_family(), port=0) as proxy:
        tmp = Path(tmp)
        bare, full = tmp / "pages.db", tmp / "files.db"
        t_bare = crawl(proxy, bare, "--no-files")
        t_full = crawl(proxy, full)
        start = time.perf_counter()
        # reading the files' text again, alone, for its own figure
        subprocess.run([sys.executable, "-m", "archive.cli", "reparse", "--db", str(full),
                        "--files"], capture_output=True, env=dict(os.environ,
                                                                  PYTHONPATH=str(ROOT)),
                       cwd=ROOT, check=True)
        t_read = time.perf_counter() - start
        a, b = counts(bare), counts(full)
        s_bare, s_full = size(bare), size(full)
    pages = b["articles"] + b["documents"]
    print(f"{'':28}{'pages only':>14}{'with files':>14}{'ratio':>8}")
    print(f"{'crawl, seconds':28}{t_bare:>14.1f}{t_full:>14.1f}{t_full / t_bare:>7.2f}x")
    print(f"{'archive size, bytes':28}{s_bare:>14,}{s_full:>14,}{s_full / s_bare:>7.2f}x")
    print(f"{'articles / documents':28}{a['articles']:>9} / {a['documents']:<3}"
          f"{b['articles']:>9} / {b['documents']:<3}")
    print(f"{'bytes per article':28}{s_bare / a['articles']:>14,.0f}"
          f"{s_full / b['articles']:>14,.0f}")
    print(f"{'bytes per article+document':28}{s_bare / pages:>14,.0f}{s_full / pages:>14,.0f}")
    print(f"files archived: {b['files']}, {b['file_bytes']:,} bytes fetched, "
          f"{b['stored_file_bytes']:,} bytes stored (zlib), {b['texts']} texts read")
    print(f"reading every file's text again (reparse --files): {t_read:.1f} s, "
          f"{t_read / max(b['file_bytes'] / 1e6, 1e-9):.2f} s per MB fetched")


if __name__ == "__main__":
    main()
