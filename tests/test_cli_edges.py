"""The edges a person meets: every mistake at the command line ends in one sentence that
says what to do, with an honest exit code (2: usage), and nothing runs on a mistake.

- ``-s NAME=VALUE`` is checked before the archive is opened, the lock taken or the log
  file made: a value its setting cannot take, an unknown ``GOVNEWS_*`` name;
- a bare host answered in plain HTTP says to pass ``http://``;
- a query with nothing to search for is the same usage error in ``search`` and
  ``export --query``; long input is cut in messages; counts agree with their nouns;
- ``parse --url`` and ``--fetched-at`` are checked; ``reparse`` shows its progress on a
  terminal and nothing otherwise.

No test talks to anything but 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import cli
from archive.store import Archive
from crawler.kernel.record import Snapshot
from crawler.parsers import parse_article
from crawler.replica import ReplicaServer

from .conftest import ROOT
from .test_cli_errors import NOWHERE, assert_error, govnews, make_archive

FIXTURES = Path(__file__).parent / "fixtures"
SEED_URL = json.loads((FIXTURES / "seed-article.json").read_text(encoding="utf-8"))["url"]
LONG = "x" * 10_000


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def error_line(result) -> str:
    """The one "Error:" line of a CliRunner result, checked to be the only one."""
    assert "Traceback" not in result.output, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.output
    return errors[0]


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory):
    """An archive of three articles about Nguyễn Đức Trung and one crawl_runs row."""
    return make_archive(tmp_path_factory.mktemp("edges") / "a.db")


@pytest.fixture
def replica():
    with ReplicaServer(port=0) as server:
        yield server


# --- 1. -s NAME=VALUE, checked before anything runs ---------------------------------------

@pytest.mark.parametrize("pair, sentence", [
    ("CONCURRENT_REQUESTS=abc", "CONCURRENT_REQUESTS takes a whole number"),
    ("DOWNLOAD_DELAY=soon", "DOWNLOAD_DELAY takes a number"),
    ("ROBOTSTXT_OBEY=maybe", "ROBOTSTXT_OBEY takes True or False (or 1 or 0)"),
    ("ITEM_PIPELINES=nope", 'ITEM_PIPELINES takes a JSON object ({"name": value, ...})'),
    ("GOVNEWS_MAX_LISTING_PAGES=all", "GOVNEWS_MAX_LISTING_PAGES takes a whole number"),
    ("GOVNEWS_SUBSITE_DOMAINS=[\"gov.vn\"", "GOVNEWS_SUBSITE_DOMAINS takes a list"),
    ("GOVNEWS_REFRESH=soon", "GOVNEWS_REFRESH takes all or a number of days"),
    ("GOVNEWS_PROBE_PAGES=many", "GOVNEWS_PROBE_PAGES takes a whole number"),
    ("GOVNEWS_BOGUS=1", "unknown setting GOVNEWS_BOGUS (did you mean GOVNEWS_"),
    ("GOVNEWS_FILE_HOST=x", "unknown setting GOVNEWS_FILE_HOST (did you mean GOVNEWS_FILE_HOSTS?)"),
])
def test_a_setting_it_cannot_take_is_refused_before_anything_runs(tmp_path, pair, sentence):
    db, log = tmp_path / "new" / "a.db", tmp_path / "logs" / "crawl.log"
    (tmp_path / "new").mkdir()
    result = invoke("crawl", NOWHERE, "--db", db, "--log-file", log, "-s", pair)
    assert result.exit_code == 2, result.output
    assert error_line(result).startswith(f"Error: -s {pair}: {sentence}")
    assert "no archive" not in result.output and "run " not in result.output
    assert not db.exists() and not log.parent.exists()
    assert not Path(f"{db}.lock").exists()


@pytest.mark.parametrize("pair, sentence", [
    ("DOWNLOAD_DELAY=inf", "DOWNLOAD_DELAY takes a number, not inf"),  # would wait for good
    ("DOWNLOAD_TIMEOUT=nan", "DOWNLOAD_TIMEOUT takes a number, not nan"),
    ("DOWNLOAD_TIMEOUT=0", "DOWNLOAD_TIMEOUT takes a number above 0"),
    ("CONCURRENT_REQUESTS=0", "CONCURRENT_REQUESTS takes a number of 1 or more"),
    ("RETRY_TIMES=-1", "RETRY_TIMES takes a number of 0 or more"),
    ("GOVNEWS_REFRESH=inf", "GOVNEWS_REFRESH takes all or a number of days"),
    # the lock and the checks are the --db file's: another archive would escape both
    ("GOVNEWS_DB=/dev/null", "the archive is named by --db"),
])
def test_a_setting_that_would_stall_or_misdirect_the_crawl_is_refused(tmp_path, pair, sentence):
    test_a_setting_it_cannot_take_is_refused_before_anything_runs(tmp_path, pair, sentence)


@pytest.mark.parametrize("command", [["crawl", NOWHERE], ["schedule", "--node", NOWHERE]])
@pytest.mark.parametrize("delay", ["nan", "inf", "1e400"])
def test_a_delay_is_a_finite_number(tmp_path, command, delay):
    result = invoke(*command, "--delay", delay, "--db", tmp_path / "a.db")
    assert result.exit_code == 2
    assert error_line(result) == (f"Error: Invalid value for '--delay': {delay!r} is not a "
                                  "finite number")
    assert not (tmp_path / "a.db").exists()


@pytest.mark.parametrize("command", [["crawl", NOWHERE, "--no-files"], ["probe", NOWHERE]])
@pytest.mark.parametrize("pair, reason", [
    ('DOWNLOADER_MIDDLEWARES={"no_such_package.Middleware": 1}',
     "ModuleNotFoundError: No module named 'no_such_package'"),
    ("JOBDIR=/proc/no/such/dir", "FileNotFoundError: [Errno 2] No such file or directory"),
])
def test_a_crawl_that_cannot_start_says_why_in_a_sentence(tmp_path, command, pair, reason):
    """A setting Scrapy fails on only while it starts: one sentence, no Twisted
    "Unhandled error in Deferred" and its traceback."""
    if command[0] == "crawl":
        command = [*command, "--db", tmp_path / "a.db"]
    proc = govnews(*command, "-s", pair)
    line = assert_error(proc, 1)
    assert line.startswith(f"Error: the {command[0]} did not start: {reason}"), line
    assert "Unhandled error" not in proc.stderr


def test_a_bad_setting_never_prints_the_previous_runs_summary(tmp_path):
    db = make_archive(tmp_path / "a.db")  # its last run: run 1, ok
    proc = govnews("crawl", NOWHERE, "--db", db, "-s", "CONCURRENT_REQUESTS=abc")
    line = assert_error(proc, 2)
    assert line == "Error: -s CONCURRENT_REQUESTS=abc: CONCURRENT_REQUESTS takes a whole number"
    assert "run 1" not in proc.stderr and "Twisted" not in proc.stderr


def test_probe_checks_its_settings_too(replica):
    result = invoke("probe", replica.url, "-s", "CONCURRENT_REQUESTS=abc")
    assert result.exit_code == 2
    assert error_line(result) == ("Error: -s CONCURRENT_REQUESTS=abc: "
                                  "CONCURRENT_REQUESTS takes a whole number")
    result = invoke("probe", replica.url, "-s", "GOVNEWS_BOGUS=1")
    assert result.exit_code == 2
    assert "unknown setting GOVNEWS_BOGUS (did you mean" in error_line(result)
    assert replica.requests == []


@pytest.mark.parametrize("name, value, expected", [
    ("CONCURRENT_REQUESTS", "4", "4"),
    ("DOWNLOAD_TIMEOUT", "2.5", "2.5"),  # an int default that Scrapy reads with getfloat
    ("RETRY_ENABLED", "False", "False"),
    ("RETRY_ENABLED", "0", "0"),
    ("ROBOTSTXT_OBEY", "true", "true"),
    ("ITEM_PIPELINES", '{"crawler.probe.ProbePipeline": 300}',
     '{"crawler.probe.ProbePipeline": 300}'),
    ("GOVNEWS_SUBSITE_DOMAINS", "gov.vn,nghean.vn", "gov.vn,nghean.vn"),
    ("GOVNEWS_SUBSITE_DOMAINS", '["gov.vn", "nghean.vn"]', ["gov.vn", "nghean.vn"]),
    ("GOVNEWS_REFRESH", "all", "all"),
    ("GOVNEWS_REFRESH", "7.5", "7.5"),
    ("GOVNEWS_PAGINATION_ENCODING", "json", "json"),
    ("GOVNEWS_DB", "anything at all", "anything at all"),
    ("TWISTED_DNS_RESOLVER", "crawler.replica.dns.LoopbackResolver",
     "crawler.replica.dns.LoopbackResolver"),
    ("MY_EXTENSION_SETTING", "whatever", "whatever"),  # a person's own extension's
])
def test_a_setting_it_can_take_passes(name, value, expected):
    from crawler.settings_check import checked

    assert checked(name, value) == expected


def test_the_overrides_reach_the_settings():
    from scrapy.settings import Settings

    from archive.cli_crawl import _apply_overrides

    s = Settings()
    _apply_overrides(s, ["CONCURRENT_REQUESTS=3", 'GOVNEWS_SUBSITE_DOMAINS=["gov.vn"]',
                         "MY_OWN=1"])
    assert s.getint("CONCURRENT_REQUESTS") == 3
    assert s.getlist("GOVNEWS_SUBSITE_DOMAINS") == ["gov.vn"]
    assert s.get("MY_OWN") == "1"


def test_every_govnews_setting_the_code_reads_is_known():
    from crawler.settings_check import known_govnews

    read = set()
    for path in [*(ROOT / "crawler").rglob("*.py"), *(ROOT / "archive").rglob("*.py")]:
        read |= set(re.findall(r"\.get(?:bool|int|float|list|dict)?\(\s*\"(GOVNEWS_[A-Z_]+)\"",
                               path.read_text(encoding="utf-8")))
    assert len(read) > 20
    assert read <= set(known_govnews()), read - set(known_govnews())


# --- 2. a bare host that speaks plain HTTP ------------------------------------------------

def _ssl_error(reason: str):
    from OpenSSL.SSL import Error

    return Error([("SSL routines", "", reason)])


def _failure(exc, url: str):
    from twisted.python.failure import Failure

    failure = Failure(exc)
    failure.request = type("Request", (), {"url": url})()
    return failure


HINT = ("the TLS handshake failed: the site seems to speak plain HTTP; "
        "pass http://127.0.0.1:8000")


@pytest.mark.parametrize("reason", ["wrong version number", "http request",
                                    "packet length too long"])
def test_a_tls_failure_from_a_plain_http_site_says_to_pass_http(reason):
    from twisted.python.failure import Failure
    from twisted.web._newclient import ResponseNeverReceived

    from crawler.failures import exception_kind, failure_kind, robots_message

    url = "https://127.0.0.1:8000/"
    # as OpenSSL raises it, and as Twisted wraps it when no response came
    assert failure_kind(_failure(_ssl_error(reason), url)) == ("tls", HINT)
    wrapped = ResponseNeverReceived([Failure(_ssl_error(reason))])
    assert failure_kind(_failure(wrapped, url)) == ("tls", HINT)
    assert exception_kind(_ssl_error(reason), "127.0.0.1:8000") == ("tls", HINT)
    assert robots_message(_ssl_error(reason), "127.0.0.1:8000") == \
        f"robots.txt could not be fetched: {HINT}"


def test_other_tls_failures_keep_their_reason():
    from crawler.failures import failure_kind, robots_message

    kind, message = failure_kind(_failure(_ssl_error("certificate verify failed"),
                                          "https://127.0.0.1:8000/"))
    assert kind == "tls" and "certificate verify failed" in message
    assert "plain HTTP" not in message
    assert robots_message(_ssl_error("certificate verify failed"), "127.0.0.1:8000").endswith(
        "; that means disallow everything (RFC 9309)")


def test_a_bare_host_that_speaks_http_is_told_to_pass_http(tmp_path, replica):
    host = f"127.0.0.1:{replica.port}"
    proc = govnews("crawl", host, "--db", tmp_path / "a.db", "--delay", "0", "--max-pages",
                   "1", "-s", "RETRY_ENABLED=False")
    assert proc.returncode == 4, proc.stderr[-3000:]
    # the run's summary: the failed site, in one sentence ending in what to do
    assert (f"  could not fetch any page of https://{host}/: robots.txt could not be fetched: "
            f"the TLS handshake failed: the site seems to speak plain HTTP; pass http://{host}"
            in proc.stderr.splitlines())


# --- 3. a query with nothing to search for ------------------------------------------------

@pytest.mark.parametrize("query", ["", "*", "()", "NOT", "-", "OR", "  ", "- * -"])
def test_a_query_with_nothing_to_search_is_a_usage_error_everywhere(archive_db, query):
    sentence = f"{query!r} has nothing to search for: give a word"
    result = invoke("search", "--db", archive_db, "--", query)
    assert result.exit_code == 2
    assert error_line(result) == f"Error: Invalid value for QUERY: {sentence}"
    result = invoke("export", "--db", archive_db, "--query", query)
    assert result.exit_code == 2
    assert error_line(result) == f"Error: Invalid value for --query: {sentence}"


def test_a_query_is_checked_before_the_archive_is_opened(tmp_path):
    result = invoke("search", "*", "--db", tmp_path / "none.db")
    assert result.exit_code == 2
    assert "has nothing to search for" in error_line(result)
    result = invoke("search", "NOT nguyen", "--db", tmp_path / "none.db")
    assert result.exit_code == 2
    assert error_line(result) == ("Error: Invalid value for QUERY: a query cannot only leave "
                                  "things out: add a word to find, e.g. bão NOT Hà Tĩnh")


def test_operators_in_quotes_are_words(archive_db):
    result = invoke("search", '"NOT"', "--db", archive_db)
    assert result.exit_code == 0, result.output
    assert "nothing matches '\"NOT\"'" in result.output


# --- 4. long input is cut in messages -----------------------------------------------------

def _cut(text: str) -> str:
    return repr(text[:79] + "…")


def test_a_long_query_is_cut_in_messages(archive_db):
    result = invoke("search", LONG, "--db", archive_db)
    assert result.exit_code == 0
    assert result.output.strip() == f"nothing matches {_cut(LONG)}"
    result = invoke("search", "-" + LONG, "--db", archive_db)  # only leaves things out
    assert result.exit_code == 2 and LONG not in result.output


@pytest.mark.parametrize("args, option", [
    (["search", "trung", "--category", LONG], "--category"),
    (["search", "trung", "--since", LONG], "--since"),
    (["export", "--site", LONG], "--site"),
    (["export", "--until", LONG], "--until"),
])
def test_a_long_filter_is_cut_in_messages(archive_db, args, option):
    result = invoke(*args, "--db", archive_db)
    assert result.exit_code == 2
    line = error_line(result)
    assert option in line and _cut(LONG) in line and len(line) < 200


@pytest.mark.parametrize("args", [
    ["crawl", "https://" + LONG + ".gov.vn/ x"],  # a space: one site per argument
    ["crawl", "-s", "CONCURRENT_REQUESTS=" + LONG, NOWHERE],
    ["crawl", "-s", "NOEQUALS" + LONG, NOWHERE],
    ["parse", FIXTURES / "seed-article.html", "--url", "not a url " + LONG],
    ["parse", FIXTURES / "seed-article.html", "--fetched-at", LONG],
])
def test_long_arguments_are_cut_in_messages(tmp_path, args):
    result = invoke(*args, "--db", tmp_path / "a.db") if args[0] == "crawl" else invoke(*args)
    assert result.exit_code == 2, result.output
    line = error_line(result)
    assert "…" in line and LONG not in line and len(line) < 300


# --- 5. singular and plural agree ---------------------------------------------------------

def test_the_best_matches_shown_agree_with_their_number(archive_db):
    result = invoke("search", "Nguyễn Đức Trung", "--db", archive_db, "--limit", "1")
    assert result.exit_code == 0
    assert "the 1 best match shown; there may be more: raise --limit" in result.output
    result = invoke("search", "Nguyễn Đức Trung", "--db", archive_db, "--limit", "2")
    assert "the 2 best matches shown; there may be more: raise --limit" in result.output


def test_stats_counts_agree_with_their_nouns(tmp_path, archive_db):
    one = make_archive(tmp_path / "one.db", articles=1)
    assert invoke("stats", "--db", one).output.splitlines()[0] == "1 article"
    assert invoke("stats", "--db", archive_db).output.splitlines()[0] == "3 articles"


def test_plural():
    from archive.cli_common import plural

    assert [plural(n, "article") for n in (0, 1, 2)] == ["0 articles", "1 article",
                                                        "2 articles"]
    assert plural(1, "best match", "best matches") == "1 best match"
    assert plural(5, "best match", "best matches") == "5 best matches"


# --- 6. parse: --url and --fetched-at -----------------------------------------------------

@pytest.mark.parametrize("url", ["not a url", "/tin-tuc/abc-569138", "ftp://a.gov.vn/x",
                                 "https://", "www.nghean.gov.vn/tin-tuc/abc-569138",
                                 "http://[::1/x", "https://[::1]:99999/x"])
def test_parse_takes_only_an_absolute_http_url(url):
    result = invoke("parse", FIXTURES / "seed-article.html", "--url", url)
    assert result.exit_code == 2
    assert error_line(result) == (
        f"Error: Invalid value for '--url': {url!r} is not an absolute http(s) address: "
        "pass the page's address, e.g. https://www.nghean.gov.vn/tin-tuc/abc-569138")


@pytest.mark.parametrize("value", ["notadate", "2024-13-01", "01/05/2024", "yesterday"])
def test_parse_takes_only_an_iso_fetch_time(value):
    result = invoke("parse", FIXTURES / "seed-article.html", "--url", SEED_URL,
                    "--fetched-at", value)
    assert result.exit_code == 2
    assert error_line(result) == (
        f"Error: Invalid value for '--fetched-at': {value!r} is not an ISO 8601 date or "
        "time: pass e.g. 2024-05-01 or 2024-05-01T08:30:00+07:00")


@pytest.mark.parametrize("value", ["2024-05-01", "2024-05-01T08:30:00+07:00",
                                   "2024-05-01T01:30:00Z"])
def test_parse_copies_an_iso_fetch_time(value):
    result = invoke("parse", FIXTURES / "seed-article.html", "--url", SEED_URL,
                    "--fetched-at", value)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["fetched_at"]


# --- 7. reparse: progress on a terminal, quiet otherwise ----------------------------------

@pytest.fixture
def stored_page(tmp_path):
    """An archive holding one article and the page it was parsed from."""
    body = (FIXTURES / "seed-article.html").read_bytes()
    fetched = "2024-05-01T00:00:00+00:00"
    archive = Archive(tmp_path / "a.db")
    try:
        archive.store_batch(
            articles=[parse_article(body, SEED_URL, fetched_at=fetched)],
            snapshots=[Snapshot(url=SEED_URL, method="GET", status=200, body=body,
                                fetched_at=fetched,
                                headers=[("content-type", "text/html; charset=utf-8")])])
    finally:
        archive.close()
    return tmp_path / "a.db"


def _on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run the CLI with its standard error on a pseudo-terminal: (exit code, standard
    output, what the terminal showed)."""
    main, child = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "archive.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=child)
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    out = proc.stdout.read().decode()
    proc.stdout.close()
    return proc.wait(timeout=120), out, shown.decode("utf-8", "replace")


@pytest.mark.parametrize("files", [False, True])
def test_reparse_shows_progress_on_a_terminal(stored_page, files):
    args = ["reparse", "--db", str(stored_page)] + (["--files"] if files else [])
    code, out, shown = _on_a_terminal(*args)
    assert code == 0, shown
    assert "re-parsing stored pages" in shown and "1/1" in shown
    assert "reading archived files" in shown  # files never read are read in any case
    assert out.startswith("1 article re-parsed: 1 unchanged, 0 changed, 0 failed")


def test_reparse_is_quiet_when_no_one_watches(stored_page):
    proc = govnews("reparse", "--db", stored_page, "--files")
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert proc.stdout.startswith("1 article re-parsed: 1 unchanged, 0 changed, 0 failed")


def test_reparse_tells_its_progress_callback(stored_page):
    from archive.reparse import reparse

    told = []
    archive = Archive(stored_page)
    try:
        report = reparse(archive, dry_run=True, progress=lambda done, total: told.append(
            (done, total)))
    finally:
        archive.close()
    assert report.total == 1 and told == [(1, 1)]


def test_a_crawl_that_records_no_run_never_shows_an_earlier_runs_summary(tmp_path):
    """A setting of the right type that Scrapy still cannot use (a middleware that does not
    exist) stops the crawl before it records a run: the command says the crawl did not
    start, exit 1, and never prints the archive's earlier run as if it were this one."""
    db = tmp_path / "a.db"
    archive = Archive(db)
    earlier = archive.start_run(["http://127.0.0.1:9/"])
    archive.finish_run(earlier, "ok")
    archive.close()
    proc = govnews("crawl", "http://127.0.0.1:9/", "--db", db, "--delay", "0",
                   "-s", 'DOWNLOADER_MIDDLEWARES={"nope.Nope": 1}')
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "the crawl did not start" in proc.stderr
    assert f"run {earlier} (" not in proc.stderr + proc.stdout


# --- schedule: --node ------------------------------------------------------------------

@pytest.mark.parametrize("node", ["", "not a url", "ftp://127.0.0.1:6800", "http://[::1",
                                  "http://127.0.0.1:99999", "http://", "127.0.0.1:6800 x"])
def test_schedule_takes_only_an_http_node_address(node):
    result = invoke("schedule", "--node", node, "--status")
    assert result.exit_code == 2, result.output
    assert error_line(result) == (
        f"Error: Invalid value for '--node': {node!r} is not a Scrapyd node's http address: "
        "pass e.g. http://node1:6800")


def test_a_bare_node_gets_http():
    from archive.cli_schedule import NodeURL

    assert NodeURL().convert("127.0.0.1:6800", None, None) == "http://127.0.0.1:6800"
    assert NodeURL().convert("https://127.0.0.1/scrapyd/", None, None) == (
        "https://127.0.0.1/scrapyd/")
