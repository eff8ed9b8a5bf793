"""The crawl at the floor: `govnews crawl` against a bare Scrapy spider making the same
requests, CPU and peak memory, over a replica enlarged to 20,000 articles.

The replica (``crawler.replica``, enlarged with ``bench_crawl.synthetic`` articles) is
served on 127.0.0.1 from a process of its own, so that its CPU is nobody's.  Each round,
at each size, runs (a) ``govnews crawl URL --db X --delay 0 --quiet`` into a new archive
and (b) a bare Scrapy spider (below) that sends exactly the requests the replica logged
for (a): the same methods, URLs and bodies, in the same order, with the same concurrency
(8 in all, 2 per host, no delay).  It parses nothing: the list says what comes next.  A
second round runs them the other way round (b first), and so on; figures are medians.

Both crawls get the replica's loopback resolver (``crawler.replica.dns``): the file
hosts the replica's pages name (datafiles.nghean.gov.vn) fail at once as DNS failures,
and no packet leaves the machine.

Each crawl's CPU (user + sys) and peak RSS come from ``os.wait4`` on its process; its
RSS is also sampled while it runs, against the share of its requests answered, to show
whether memory grows with the crawl.  The growth per 1,000 articles is the slope of the
peak RSS over the sizes.  ``--incremental`` also crawls the site again on each archive
(the nightly case: a few requests, the archive's state read first), to show the memory of
what earlier runs left against the archive's size.  ``--tuned-bare`` gives the bare
spider the two Scrapy settings the crawl sets to spare CPU (``crawler/settings.py``),
for the comparison with the same settings rather than Scrapy's defaults.

``--profile N`` runs one more crawl at N articles under a sampling profiler (SIGPROF
every 5 ms of CPU) and says where the CPU goes: each sample belongs to the innermost
frame of the project's code on the stack (the parsers, the spider, the pipeline, the
store, the middlewares ...; the kernel's helpers count for their caller, the CLI and
``crawler.stopping``, which only start the crawl, for nobody), to Scrapy/Twisted/Python
when there is none, and to the start-up when a module is being imported.  Pages per
second are the replica's: requests over the time from the first to the last it logged
(a crawl's retries of the unresolvable file hosts wait at its end, asking nothing).

    python bench/bench_crawl_floor.py [--sizes 5000,10000,20000] [--rounds 2] [--profile 5000]
                                      [--incremental] [--tuned-bare] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from bench_crawl import synthetic  # noqa: E402

RESOLVER = "TWISTED_DNS_RESOLVER=crawler.replica.dns.LoopbackResolver"
TUNED_BARE = False  # --tuned-bare
INCREMENTAL = False  # --incremental
CATEGORIES = (  # innermost project frame -> where its CPU goes
    ("crawler/parsers/", "parsers"),
    ("crawler/spiders/", "spider"),
    ("crawler/pipelines.py", "pipeline"),
    ("archive/store/", "store"),
    ("archive/records.py", "store"),
    ("crawler/middlewares.py", "middlewares/extensions"),
    ("crawler/extensions.py", "middlewares/extensions"),
    ("archive/", "archive (reads, health)"),
)


# --- the replica, in a process of its own ------------------------------------------------

def _serve(conn, extra: int) -> None:
    """The replica with ``extra`` synthetic articles, until told to stop; answers commands
    on ``conn``: ("size", n) rebuilds it, ("count",) / ("span",) / ("log",) / ("clear",)
    read or clear the request log (the span: seconds from its first request to its last)."""
    from crawler.replica import ReplicaServer, build_site

    def site_of(n: int):
        base = build_site()
        return build_site(add=synthetic(n, [c.slug for c in base.categories]))

    with ReplicaServer(site_of(extra), port=0) as server:
        conn.send(server.url)
        while True:
            command, *args = conn.recv()
            if command == "size":
                server.site = site_of(args[0])
                conn.send(len(server.site.articles))
            elif command == "count":
                conn.send(len(server.requests))
            elif command == "span":
                times = [r["time"] for r in server.requests.snapshot()]
                conn.send(max(times) - min(times) if len(times) > 1 else 0.0)
            elif command == "log":
                conn.send([(r["method"], r["path"], r["form"], r["host"])
                           for r in server.requests.snapshot()])
            elif command == "clear":
                server.requests.clear()
                conn.send(True)
            else:
                conn.send(True)
                return


class Replica:
    """The replica process, and what it is asked."""

    def __init__(self, extra: int):
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, extra), daemon=True)
        self.process.start()
        self.url = self.conn.recv()
        self.articles = 0

    def ask(self, *command):
        self.conn.send(command)
        return self.conn.recv()

    def resize(self, extra: int) -> None:
        self.articles = self.ask("size", extra)

    def stop(self) -> None:
        self.ask("stop")
        self.process.join(10)


# --- one measured process ------------------------------------------------------------------

def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measured(cmd: list[str], replica: Replica, expected: int | None = None) -> dict:
    """Run ``cmd``; its CPU seconds and peak RSS (os.wait4), wall time, and its RSS sampled
    every half second against the replica's request count (share of ``expected``)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = replica.ask("count")
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    samples = []
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        samples.append((replica.ask("count") - before, _rss_kb(process.pid)))
        time.sleep(0.5)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    done = replica.ask("count") - before
    span = replica.ask("span")  # from its first request to its last (the log is its own)
    curve = {}
    for quarter in (25, 50, 75, 100):
        reached = [rss for count, rss in samples
                   if rss and count <= (expected or done) * quarter / 100]
        curve[quarter] = round(max(reached) / 1024, 1) if reached else None
    return {"cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime,
            "sys": usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, "wall": wall,
            "pages_per_s": done / span if span else 0.0,
            "requests": done, "exit": process.returncode, "rss_by_share": curve,
            "stderr": stderr[-2000:]}


def govnews_cmd(url: str, db: Path, wrapper: list[str] = ()) -> list[str]:
    return [sys.executable, *wrapper, "-m", "archive.cli", "crawl", url, "--db", str(db),
            "--delay", "0", "--quiet", "-s", RESOLVER]


def requests_of(log, url: str) -> list[dict]:
    """The replica's log as requests to send again: method, URL, body and its type."""
    out = []
    for method, path, form, _host in log:
        request = {"method": method, "url": url + path}
        if method == "POST":
            if form is not None and "_raw" in form:
                request["body"] = form["_raw"]
                request["type"] = "application/json; charset=UTF-8"
            else:
                request["body"] = urlencode(form or {})
                request["type"] = "application/x-www-form-urlencoded"
        out.append(request)
    return out


# --- the bare spider -------------------------------------------------------------------------

def bare_crawl(requests_path: str, tuned: bool = False) -> None:
    """A bare Scrapy spider sending the listed requests, ``window`` in the queue at a time
    (a response or a failure lets the next one in), with the crawl's concurrency; with
    ``tuned``, also with the Scrapy settings the crawl sets to spare CPU."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    listed = json.loads(Path(requests_path).read_text(encoding="utf-8"))
    window = 64

    class BareSpider(scrapy.Spider):
        name = "bare"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.todo = iter(listed)
            self.sent: set[tuple] = set()

        async def start(self):  # noqa: V105 - Scrapy's entry point
            for _ in range(window):
                request = self.next_request()
                if request is None:
                    return
                yield request

        def next_request(self):
            item = next(self.todo, None)
            if item is None:
                return None
            key = (item["method"], item["url"], item.get("body"))
            again = key in self.sent
            self.sent.add(key)
            headers = {"Content-Type": item["type"]} if "type" in item else None
            return scrapy.Request(item["url"], method=item["method"], body=item.get("body"),
                                  headers=headers, dont_filter=again, callback=self.answered,
                                  errback=self.failed)

        def answered(self, response):
            request = self.next_request()
            if request is not None:
                yield request

        def failed(self, failure):
            yield from self.answered(None)

    settings = {
        "CONCURRENT_REQUESTS": 8, "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": False, "REDIRECT_ENABLED": False,
        "HTTPERROR_ALLOW_ALL": True, "RETRY_ENABLED": False, "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING", "USER_AGENT": "bare",
        "TWISTED_DNS_RESOLVER": "crawler.replica.dns.LoopbackResolver"}
    if tuned:
        from crawler import settings as crawl_settings

        settings.update(CONCURRENT_ITEMS=crawl_settings.CONCURRENT_ITEMS,
                        WARN_ON_GENERATOR_RETURN_VALUE=False)
    process = CrawlerProcess(settings)
    process.crawl(BareSpider)
    process.start()


# --- the profile ----------------------------------------------------------------------------

def category(frame) -> tuple[str, str]:
    """Where a sample's CPU goes: the innermost frame of the project's code (the kernel's
    helpers count for their caller), and that frame's name."""
    root = str(ROOT) + "/"
    while frame is not None:
        path = frame.f_code.co_filename
        if frame.f_code.co_name == "<module>" and frame.f_back is not None:
            return "imports (start-up)", "-"
        if path.startswith(root):
            rel = path[len(root):]
            if not rel.startswith(("crawler/kernel/", "crawler/items.py", "bench/",
                                   "crawler/stopping.py", "archive/cli")):
                for prefix, name in CATEGORIES:
                    if rel.startswith(prefix):
                        return name, f"{rel}:{frame.f_code.co_name}"
        frame = frame.f_back
    return "scrapy/twisted/python", "-"


def _library_frame(frame) -> str:
    """The innermost frame of Scrapy's code on the stack (else the innermost frame): which
    part of Scrapy a sample of its own work belongs to."""
    inner = frame
    while frame is not None:
        path = frame.f_code.co_filename
        if "/scrapy/" in path:
            return f"{path.split('/scrapy/', 1)[1]}:{frame.f_code.co_name}"
        frame = frame.f_back
    return f"{Path(inner.f_code.co_filename).name}:{inner.f_code.co_name}"


def sampled_crawl(out: str, args: list[str]) -> None:
    """`govnews ARGS` in this process, sampled every 5 ms of CPU; the counts go to ``out``."""
    from archive.cli import cli

    where: Counter = Counter()
    functions: Counter = Counter()
    innermost: Counter = Counter()
    scrapy_parts: Counter = Counter()

    def sample(_signum, frame):
        name, function = category(frame)
        where[name] += 1
        functions[function] += 1
        code = frame.f_code
        innermost[f"{Path(code.co_filename).name}:{code.co_name}"] += 1
        if name == "scrapy/twisted/python":
            scrapy_parts[_library_frame(frame)] += 1

    signal.signal(signal.SIGPROF, sample)
    signal.setitimer(signal.ITIMER_PROF, 0.005, 0.005)
    try:
        cli.main(args=args, prog_name="govnews", standalone_mode=False)
    except SystemExit:
        pass
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        Path(out).write_text(json.dumps({
            "where": where, "functions": functions.most_common(30),
            "innermost": innermost.most_common(30),
            "scrapy": scrapy_parts.most_common(30)}), encoding="utf-8")


def profile(replica: Replica, tmp: Path) -> dict:
    db, out = tmp / "profiled.db", tmp / "profile.json"
    cmd = govnews_cmd(replica.url, db)
    cmd[1:4] = [str(Path(__file__).resolve()), "--sampled", str(out), "--", "crawl"]
    replica.ask("clear")
    run = measured(cmd, replica)
    got = json.loads(out.read_text(encoding="utf-8"))
    total = sum(got["where"].values()) or 1
    return {"articles": replica.articles, "requests": run["requests"],
            "cpu_seconds": round(run["cpu"], 1),
            "share_percent": {k: round(100 * v / total, 1)
                              for k, v in sorted(got["where"].items(), key=lambda kv: -kv[1])},
            "top_project_functions_percent": [(f, round(100 * n / total, 1))
                                              for f, n in got["functions"][:20]],
            "top_innermost_percent": [(f, round(100 * n / total, 1))
                                      for f, n in got["innermost"][:20]],
            "scrapy_own_work_percent": [(f, round(100 * n / total, 1))
                                        for f, n in got["scrapy"][:20]]}


# --- the comparison --------------------------------------------------------------------------

def one_pair(replica: Replica, tmp: Path, extra: int, lists: dict, bare_first: bool) -> dict:
    """govnews and the bare spider at one size, in the order asked."""
    replica.resize(extra)
    runs = {}
    order = ("bare", "govnews") if bare_first and extra in lists else ("govnews", "bare")
    for who in order:
        replica.ask("clear")
        if who == "govnews":
            db = tmp / f"crawl-{extra}-{time.monotonic_ns()}.db"
            runs[who] = measured(govnews_cmd(replica.url, db), replica,
                                 len(lists.get(extra, ())) or None)
            lists[extra] = requests_of(replica.ask("log"), replica.url)
            if INCREMENTAL:  # the nightly case: the same site again, on its archive
                replica.ask("clear")
                runs["incremental"] = measured(govnews_cmd(replica.url, db), replica)
            for path in tmp.glob(db.name + "*"):
                path.unlink()
        else:
            path = tmp / f"requests-{extra}.json"
            path.write_text(json.dumps(lists[extra]), encoding="utf-8")
            runs[who] = measured([sys.executable, str(Path(__file__).resolve()),
                                  "--bare-tuned" if TUNED_BARE else "--bare", str(path)],
                                 replica, len(lists[extra]))
    return {"articles": replica.articles, **runs}


def summary(pairs: list[dict]) -> dict:
    """Medians per size: CPU, peak RSS, pages/s, ratios; the growth per 1,000 articles."""
    sizes: dict[int, dict] = {}
    for pair in pairs:
        row = sizes.setdefault(pair["articles"], {})
        for who in ("govnews", "bare", "incremental"):
            if who in pair:
                row.setdefault(who, []).append(pair[who])
    table = {}
    for articles, row in sorted(sizes.items()):
        med = {}
        for who, runs in row.items():
            med[who] = {
                "cpu_s": round(statistics.median(r["cpu"] for r in runs), 2),
                "peak_mb": round(statistics.median(r["peak_mb"] for r in runs), 1),
                "pages_per_s": round(statistics.median(r["pages_per_s"] for r in runs), 1),
                "requests": runs[-1]["requests"],
                "rss_by_share_mb": runs[-1]["rss_by_share"],
                "exit_codes": sorted({r["exit"] for r in runs}),
            }
        med["cpu_ratio"] = round(med["govnews"]["cpu_s"] / med["bare"]["cpu_s"], 2)
        med["peak_ratio"] = round(med["govnews"]["peak_mb"] / med["bare"]["peak_mb"], 2)
        med["cpu_ratios_each_round"] = [round(g["cpu"] / b["cpu"], 2)
                                        for g, b in zip(row["govnews"], row["bare"])]
        table[articles] = med
    growth = {}
    if len(table) > 1:
        xs = list(table)
        for who in table[xs[0]]:
            if isinstance(table[xs[0]][who], dict):
                ys = [table[x][who]["peak_mb"] for x in xs]
                growth[who] = round(1000 * _slope(xs, ys), 2)
    return {"by_articles": table, "peak_mb_growth_per_1000_articles": growth}


def _slope(xs, ys) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5000,10000,20000",
                        help="synthetic articles added to the replica, one size per run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile one crawl of the replica with N synthetic articles")
    parser.add_argument("--out", help="write the results here too (JSON)")
    parser.add_argument("--incremental", action="store_true",
                        help="after each govnews crawl, crawl the same site again on its "
                             "archive (the nightly case) and measure that too")
    parser.add_argument("--tuned-bare", action="store_true",
                        help="give the bare spider the Scrapy settings the crawl sets to "
                             "spare CPU (CONCURRENT_ITEMS, WARN_ON_GENERATOR_RETURN_VALUE)")
    args = parser.parse_args()
    global TUNED_BARE, INCREMENTAL
    TUNED_BARE, INCREMENTAL = args.tuned_bare, args.incremental
    sizes = [int(s) for s in args.sizes.split(",") if s]
    replica = Replica(sizes[0] if sizes else args.profile)
    results: dict = {"replica": replica.url}
    pairs: list[dict] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            lists: dict = {}
            for round_no in range(args.rounds):
                for extra in (sizes if round_no % 2 == 0 else sizes[::-1]):
                    pair = one_pair(replica, Path(tmp), extra, lists, bare_first=round_no % 2 == 1)
                    pairs.append(pair)
                    print(json.dumps({"round": round_no, "articles": pair["articles"], **{
                        who: {k: (round(v, 2) if isinstance(v, float) else v)
                              for k, v in pair[who].items() if k != "stderr"}
                        for who in ("govnews", "bare")}}), file=sys.stderr, flush=True)
            if pairs:
                results.update(summary(pairs))
            if args.profile:
                replica.resize(args.profile)
                results["profile"] = profile(replica, Path(tmp))
    finally:
        replica.stop()
    print(json.dumps(results, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps({"results": results, "pairs": pairs}, indent=1),
                                  encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] in (["--bare"], ["--bare-tuned"]):
        bare_crawl(sys.argv[2], tuned=sys.argv[1] == "--bare-tuned")
    elif sys.argv[1:2] == ["--sampled"]:
        sampled_crawl(sys.argv[2], sys.argv[4:])
    else:
        main()
