"""How quickly `govnews crawl` answers SIGINT: from the signal to its acknowledgement line
("stopping: ...") on standard error, and to the process's exit, for the first signal and
for a second one, while it fetches and while it reads files' text after the crawl.

Every crawl runs against the family replica's proxy on 127.0.0.1 (crawler.replica.family):

- fetching: a vnPortal subsite, the proxy answering each request after 50 ms; SIGINT after
  10 requests.  For the second signal the proxy holds every request from then on (and the
  download timeout is 60 s), so only the second signal can end the crawl: SIGINT, then,
  as soon as it is acknowledged, SIGINT again;
- reading files: the NukeViet commune site, whose register holds a 10,000-page PDF; SIGINT
  half a second after the first reader's child process appears (then again, as above).

    python bench/signal_latency.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.replica.family import NUKEVIET_HOST, VHTTDL_HOST, FamilyProxy, build_family  # noqa: E402
from crawler.stopping import ACKNOWLEDGEMENT  # noqa: E402


class Crawl:
    """`govnews crawl` in a child process; each stderr line kept with when it came."""

    def __init__(self, proxy, host: str, db: Path, *extra: str):
        env = dict(os.environ, PYTHONPATH=str(ROOT), http_proxy=proxy.url,
                   HTTP_PROXY=proxy.url, no_proxy="", NO_PROXY="")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "archive.cli", "crawl", f"http://{host}", "--db", str(db),
             "--delay", "0", "--quiet", *extra], cwd=ROOT, env=env, text=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.lines: list[tuple[float, str]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def until(self, ready) -> None:
        while not ready():
            if self.proc.poll() is not None:
                raise SystemExit("the crawl ended before the moment to signal it")
            time.sleep(0.005)

    def acknowledged(self) -> float | None:
        return next((t for t, line in self.lines if line == ACKNOWLEDGEMENT), None)


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass
    return found


def reading(pid: int) -> bool:
    """A file's reader runs: a child of the crawl's forkserver, itself the crawl's child."""
    return any(children_of(child) for child in children_of(pid))


def one_run(phase: str, second: bool, workdir: Path, n: int) -> tuple[float, float, float]:
    """(signal to acknowledgement, first signal to exit, second signal to exit) in seconds
    (the last is nan for a first signal alone)."""
    family, release = build_family(), threading.Event()
    host = VHTTDL_HOST if phase == "fetching" else NUKEVIET_HOST
    site = family.sites[host]
    original = site.respond

    def respond(method, target, body, headers):
        if second and phase == "fetching" and len(proxy.requests) >= 10:
            release.wait(120)
        return original(method, target, body, headers)

    site.respond = respond
    db = workdir / f"{phase}-{int(second)}-{n}.db"
    with FamilyProxy(family, port=0, delay=0.05 if phase == "fetching" else 0) as proxy:
        try:
            crawl = Crawl(proxy, host, db, "-s", "DOWNLOAD_TIMEOUT=60")
            if phase == "fetching":
                crawl.until(lambda: len(proxy.requests) >= 10)
            else:
                crawl.until(lambda: reading(crawl.proc.pid))
                time.sleep(0.5)
            sent = time.monotonic()
            crawl.proc.send_signal(signal.SIGINT)
            crawl.until(lambda: crawl.acknowledged() is not None)
            again = float("nan")
            if second:
                again = time.monotonic()
                crawl.proc.send_signal(signal.SIGINT)
            code = crawl.proc.wait(timeout=120)
            ended = time.monotonic()
        finally:
            release.set()
    crawl.reader.join(10)
    if code != 6:
        raise SystemExit(f"{phase}: exit {code}, not 6")
    return crawl.acknowledged() - sent, ended - sent, ended - again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'phase':<14} {'signal':<7} {'to acknowledgement':>24} {'first signal to exit':>24}"
          f" {'second signal to exit':>24}")
    print(f"{'':<14} {'':<7}" + f" {'median / max (s)':>24}" * 3)
    with tempfile.TemporaryDirectory() as tmp:
        for phase in ("fetching", "reading files"):
            for second in (False, True):
                runs = [one_run(phase.split()[0], second, Path(tmp), n) for n in range(args.runs)]
                cells = []
                for column in zip(*runs):
                    cells.append("-" if any(v != v for v in column) else
                                 f"{statistics.median(column):.3f} / {max(column):.3f}")
                print(f"{phase:<14} {'second' if second else 'first':<7}"
                      + "".join(f" {c:>24}" for c in cells), flush=True)
    print(f"{args.runs} runs each; SIGINT; Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
