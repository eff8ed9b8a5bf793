"""Stopping a crawl with SIGINT or SIGTERM (crawler/stopping.py), recorded honestly.

Each test runs `govnews crawl` (or `govnews demo`) as a child process against the family
replica on 127.0.0.1 and sends the signal at a moment drawn from a seed: while it fetches
(after N requests), while it stores (just after the K-th article was answered, one article a
batch), and while it reads files' text after the crawl (once a reader's child process is
running).  The first signal is acknowledged with one line and the crawl finishes what is
in flight; a second stops at once.  Either way the run is recorded `interrupted`, exit 6,
the archive is whole, and the next ordinary run completes what was left.

The seed is new each run and named in every assertion message;
`GOVNEWS_SIGNAL_SEED=1234 pytest tests/test_signals.py` replays it.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from archive.files import unread
from crawler.replica.family import NUKEVIET_HOST, VHTTDL_HOST, FamilyProxy, build_family
from crawler.stopping import ACKNOWLEDGEMENT
from tests.conftest import ROOT, family_crawl, query

SEED = int(os.environ.get("GOVNEWS_SIGNAL_SEED") or random.SystemRandom().randrange(1 << 31))
CRAWL_ARGS = ("--delay", "0", "-s", "RETRY_TIMES=3", "-s", "GOVNEWS_RETRY_BACKOFF_BASE=0")
# Requests a first signal may still see answered: those the downloader holds at most
# (CONCURRENT_REQUESTS), each perhaps after its host's robots.txt.
MAX_IN_FLIGHT = 2 * 8
HANG = 120  # seconds: only so that a broken stop fails instead of hanging the suite


def rng_for(name: str) -> random.Random:
    return random.Random(f"{SEED}:{name}")


def seeded(message: str) -> str:
    return f"{message} (seed {SEED}: GOVNEWS_SIGNAL_SEED={SEED} replays it)"


class Child:
    """A govnews command in a child process, its output read as it comes."""

    def __init__(self, args, env: dict[str, str]):
        self.proc = subprocess.Popen([sys.executable, "-m", "archive.cli", *args], cwd=ROOT,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        self.out: list[str] = []
        self.err: list[str] = []
        self.threads = [threading.Thread(target=self._drain, args=(s, to), daemon=True)
                        for s, to in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))]
        for thread in self.threads:
            thread.start()

    @staticmethod
    def _drain(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    def send(self, signum: int) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signum)

    def wait_for(self, ready, what: str) -> None:
        deadline = time.monotonic() + HANG
        while not ready():
            assert self.proc.poll() is None, seeded(
                f"the command ended before {what}:\n" + "\n".join(self.err[-30:]))
            assert time.monotonic() < deadline, seeded(f"never saw {what}")
            time.sleep(0.01)

    def wait(self) -> int:
        code = self.proc.wait(timeout=HANG)
        for thread in self.threads:
            thread.join(timeout=10)
        return code

    @property
    def stderr(self) -> str:
        return "\n".join(self.err)


def crawl_env(proxy) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8",
                http_proxy=proxy.url, HTTP_PROXY=proxy.url, no_proxy="", NO_PROXY="")


def start_crawl(proxy, db: Path, host: str, *extra: str) -> Child:
    return Child(["crawl", f"http://{host}", "--db", str(db), *CRAWL_ARGS, *extra],
                 crawl_env(proxy))


def signals_for(rng: random.Random, count: int) -> list[int]:
    return [rng.choice((signal.SIGINT, signal.SIGTERM)) for _ in range(count)]


def send_signals(child: Child, signums: list[int], rng: random.Random) -> None:
    """The first signal; the second, if any, once the first is acknowledged."""
    child.send(signums[0])
    if len(signums) > 1:
        child.wait_for(lambda: ACKNOWLEDGEMENT in child.err, "the acknowledgement")
        time.sleep(rng.uniform(0, 0.2))
        child.send(signums[1])


def assert_interrupted(child: Child, db: Path, code: int) -> None:
    """Exit 6, one acknowledgement, the run recorded interrupted, the archive whole."""
    err = child.stderr
    assert code == 6, seeded(f"exit {code}, not 6:\n{err[-3000:]}")
    assert child.err.count(ACKNOWLEDGEMENT) == 1, seeded(f"acknowledged how?\n{err[-3000:]}")
    assert "could not record" not in err and "Traceback" not in err, seeded(err[-3000:])
    runs = query(db, "select status, exit_code from crawl_runs order by id")
    assert runs[-1] == ("interrupted", 6), seeded(f"runs: {runs}\n{err[-3000:]}")
    assert_whole(db)


def assert_whole(db: Path) -> None:
    assert query(db, "pragma integrity_check") == [("ok",)], seeded("integrity_check")
    assert query(db, "pragma foreign_key_check") == [], seeded("foreign_key_check")
    orphans = query(db, "select url from articles a where not exists"
                        " (select 1 from fetches f where f.id = a.snapshot_id)")
    assert orphans == [], seeded(f"articles without their stored page: {orphans}")
    assert query(db, "select count(*) from crawl_errors where kind = 'storage'") == [(0,)], \
        seeded("a storage error was recorded")


def assert_next_run_completes(proxy, db: Path, family, host: str, *extra: str) -> None:
    """An ordinary crawl of the same archive ends ok, with everything the interrupted run
    left: every article, every file archived and read, nothing pending."""
    again = family_crawl(proxy, db, f"http://{host}", *extra)
    assert again.returncode == 0, seeded(f"the next run: {again.stderr[-3000:]}")
    assert query(db, "select status from crawl_runs order by id desc limit 1") == [("ok",)]
    urls = {url for (url,) in query(db, "select url from articles")}
    assert urls == {r["url"] for r in family.expected_records(host)}, seeded("articles")
    assert query(db, "select state from files where state != 'archived'") == [], seeded("files")
    assert query(db, "select url from pending") == [], seeded("pending")
    with sqlite3.connect(db) as con:
        assert unread(con) == [], seeded("files' text left unread")
    assert_whole(db)


def hold(family, host: str, when):
    """Wrap ``host``'s answers: ``when(path)`` is called with each path as it is asked
    (and may block it)."""
    site = family.sites[host]
    original = site.respond

    def respond(method, target, body, headers):
        when(target.split("?", 1)[0])
        return original(method, target, body, headers)

    site.respond = respond


@pytest.mark.parametrize("count", [1, 2], ids=["first", "second"])
def test_a_signal_while_fetching(tmp_path, count):
    """The first signal: nothing new is asked once what is in flight is answered.  A
    second, while the replica holds the requests in flight, ends the crawl without them."""
    rng = rng_for(f"fetching-{count}")
    family, db = build_family(), tmp_path / "a.db"
    moment = rng.randint(3, 20)
    release, held = threading.Event(), []

    def when(path: str) -> None:
        if count == 2 and len(proxy.requests) >= moment and not release.is_set():
            held.append(path)
            release.wait(HANG)

    hold(family, VHTTDL_HOST, when)
    with FamilyProxy(family, port=0, delay=0.05) as proxy:
        try:
            # A long download timeout: only the second signal can end a held request.
            crawl = start_crawl(proxy, db, VHTTDL_HOST, "--quiet", "-s", "DOWNLOAD_TIMEOUT=60")
            crawl.wait_for(lambda: len(proxy.requests) >= moment and (count == 1 or held),
                           f"{moment} requests")
            before = len(proxy.requests)
            send_signals(crawl, signals_for(rng, count), rng)
            code = crawl.wait()
            if count == 2:  # it ended while the replica still held what it had asked
                assert not release.is_set() and held, seeded("held requests")
            assert len(proxy.requests) - before <= MAX_IN_FLIGHT, seeded("asked for more")
        finally:
            release.set()
        assert_interrupted(crawl, db, code)
        assert_next_run_completes(proxy, db, family, VHTTDL_HOST)


@pytest.mark.parametrize("count", [1, 2], ids=["first", "second"])
def test_a_signal_while_storing(tmp_path, count):
    """One article a batch: the signal comes as the K-th article has just been answered,
    while the crawl parses and stores it."""
    rng = rng_for(f"storing-{count}")
    family, db = build_family(), tmp_path / "a.db"
    articles = set(family.sites[VHTTDL_HOST].article_urls())
    moment, answered = rng.randint(2, 12), []
    hit = threading.Event()

    def when(path: str) -> None:
        if f"http://{VHTTDL_HOST}{path}" in articles:
            answered.append(path)
            if len(answered) == moment:
                threading.Timer(rng.uniform(0, 0.03), hit.set).start()

    hold(family, VHTTDL_HOST, when)
    with FamilyProxy(family, port=0, delay=0.02) as proxy:
        crawl = start_crawl(proxy, db, VHTTDL_HOST, "-s", "GOVNEWS_BATCH_SIZE=1")
        crawl.wait_for(hit.is_set, f"article {moment} answered")
        send_signals(crawl, signals_for(rng, count), rng)
        assert_interrupted(crawl, db, crawl.wait())
        assert_next_run_completes(proxy, db, family, VHTTDL_HOST)


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def readers_of(pid: int) -> set[int]:
    """The file readers: children of the crawl's forkserver, itself the crawl's child."""
    return {g for child in children_of(pid) for g in children_of(child)}


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("count", [1, 2], ids=["first", "second"])
def test_a_signal_while_reading_files(tmp_path, count):
    """After the crawl, files' text is read, each in a child process (the commune site's
    register holds a 10,000-page PDF).  The signal ends the reader at work and leaves that
    file and the rest unread, for the next run."""
    rng = rng_for(f"reading-{count}")
    family, db = build_family(), tmp_path / "a.db"
    with FamilyProxy(family, port=0) as proxy:
        crawl = start_crawl(proxy, db, NUKEVIET_HOST)
        readers: set[int] = set()
        crawl.wait_for(lambda: readers.update(readers_of(crawl.proc.pid)) or readers,
                       "a file's reader")
        time.sleep(rng.uniform(0, 1.0))
        readers |= readers_of(crawl.proc.pid)
        send_signals(crawl, signals_for(rng, count), rng)
        code = crawl.wait()
        assert not [r for r in readers if running(r)], seeded("a reader outlived the crawl")
        assert_interrupted(crawl, db, code)
        with sqlite3.connect(db) as con:
            assert unread(con), seeded("no file was left unread")
        stopped = query(db, "select reason from file_texts where status in ('timeout', 'failed')"
                            " and reason like '%without an answer%'")
        assert stopped == [], seeded(f"a stopped reader's file was recorded: {stopped}")
        # The next run reads them all (the big PDF to 100 pages, to keep the test short).
        assert_next_run_completes(proxy, db, family, NUKEVIET_HOST,
                                  "-s", "GOVNEWS_EXTRACT_MAX_PAGES=100")


@pytest.mark.parametrize("count", [1, 2], ids=["first", "second"])
def test_an_interrupted_demo_exits_6_without_its_tables(tmp_path, count):
    rng = rng_for(f"demo-{count}")
    db = tmp_path / "demo.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    demo = Child(["demo", "--db", str(db)], env)

    def crawling() -> bool:  # its run is recorded: the crawl is under way
        return db.exists() and bool(_rows(db, "select id from crawl_runs"))

    demo.wait_for(crawling, "the demo's crawl")
    # (within its first second: the demo's whole crawl can take under three on a quiet
    # machine, and a signal after its end interrupts nothing)
    time.sleep(rng.uniform(0, 1.0))
    send_signals(demo, signals_for(rng, count), rng)
    code = demo.wait()
    assert demo.out == [], seeded(f"the demo printed its tables: {demo.out[:5]}")
    assert any(line.startswith("demo interrupted") for line in demo.err), seeded(demo.stderr)
    assert_interrupted(demo, db, code)


def _rows(db: Path, sql: str) -> list[tuple]:
    try:
        return query(db, sql)
    except sqlite3.Error:  # not made yet
        return []


def test_a_reader_asked_to_stop_gives_the_file_up():
    """archive.extract.extract with ``stop``: the child reading a slow file is ended as
    soon as ``stop()`` is true, and no result is made up for the file."""
    from archive.extract import ReadingStopped, extract
    from crawler.replica.family.files import hostile_bytes

    started = time.monotonic()
    with pytest.raises(ReadingStopped):
        extract(hostile_bytes("huge"), "huge.pdf", stop=lambda: time.monotonic() > started + 0.5)
