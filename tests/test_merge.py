"""`govnews merge`: node archives, each a crawl of some of the family's sites, merged into
one archive equal to a one-machine crawl of them all.

The family replica (crawler/replica/family) is crawled through its proxy on 127.0.0.1
three times: once whole (the one-machine archive), and split by host into two nodes:
node-a is the main portal with its subsites but one (GOVNEWS_SUBSITE_EXCLUDE), node-b that
one subsite, given as its start site."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.replica.family import FamilyProxy, build_family
from tests.conftest import copy_db, family_crawl, govnews, query

MAIN = "http://www.nghean.gov.vn"
FETCH_TIMES = ("fetched_at", "first_seen_at", "last_seen_at")


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("merge")
    family = build_family()
    split = [h for h in family.live_hosts if h != "www.nghean.gov.vn"][:1]
    with FamilyProxy(family, port=0) as proxy:
        runs = [
            family_crawl(proxy, tmp / "one.db", MAIN, "--subsites"),
            family_crawl(proxy, tmp / "node-a.db", MAIN, "--subsites",
                         "-s", "GOVNEWS_SUBSITE_EXCLUDE=" + ",".join(split)),
            family_crawl(proxy, tmp / "node-b.db", *[f"http://{h}" for h in split]),
        ]
    for proc in runs:
        assert proc.returncode == 0, proc.stderr[-3000:]
    merged = tmp / "merged.db"
    govnews("merge", str(tmp / "node-a.db"), str(tmp / "node-b.db"), "--into", str(merged))
    return {"tmp": tmp, "split": split, "merged": merged, "a": tmp / "node-a.db",
            "b": tmp / "node-b.db", "one": tmp / "one.db"}


def exported(db, kind="articles") -> dict:
    out = govnews("export", "--db", str(db), "--format", "jsonl", "--kind", kind).stdout
    records = (json.loads(line) for line in out.splitlines() if line.strip())
    return {r["url"]: {k: v for k, v in r.items() if k not in FETCH_TIMES} for r in records}


def dump(db) -> dict:
    """Every table's rows (search indexes left out: they are made from the tables)."""
    con = sqlite3.connect(db)
    try:
        tables = [t for (t,) in con.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
            " and name not like '%_fts%'")]
        return {t: sorted(map(repr, con.execute(f"select * from [{t}]"))) for t in tables}
    finally:
        con.close()


def test_the_merged_archive_has_the_one_machine_archive_s_articles_and_documents(nodes):
    assert set(exported(nodes["a"])).isdisjoint(exported(nodes["b"]))
    merged, one = exported(nodes["merged"]), exported(nodes["one"])
    assert len(merged) == len(one) > 0
    assert merged == one
    documents = exported(nodes["merged"], "documents")
    assert documents and documents == exported(nodes["one"], "documents")


def test_every_run_fetch_and_error_is_there_with_its_node(nodes):
    merged = nodes["merged"]
    runs = query(merged, "select node, node_run_id from crawl_runs order by id")
    assert runs == [("node-a", 1), ("node-b", 1)]
    for name in ("a", "b"):
        node = nodes[name]
        for table, cols in (("fetches", "t.url, t.fetched_at, t.body_sha256"),
                            ("crawl_errors", "t.url, t.kind, t.message"),
                            ("site_runs", "t.site, t.status, t.pages, t.articles")):
            sql = f"select {cols} from {table} t"
            mine = query(merged, f"{sql} join crawl_runs r on r.id = t.run_id"
                                 " where r.node = ?", f"node-{name}")
            assert sorted(mine) == sorted(query(node, sql)), table
    bodies = {s for db in (nodes["a"], nodes["b"]) for (s,) in query(db, "select sha256 from bodies")}
    assert {s for (s,) in query(merged, "select sha256 from bodies")} == bodies
    # every article's snapshot is a fetch of its own URL, in the merged archive's ids
    wrong = query(merged, "select a.url from articles a join fetches f on f.id = a.snapshot_id"
                          " where f.url != a.url and f.request_url != a.url")
    assert wrong == []
    assert query(merged, "select count(*) from articles where snapshot_id is null") == [(0,)]


def test_merging_again_changes_nothing(nodes):
    merged = copy_db(nodes["merged"], nodes["tmp"] / "again.db")
    before = dump(merged)
    out = govnews("merge", str(nodes["a"]), str(nodes["b"]), "--into", str(merged)).stdout
    assert "0 runs, 0 fetches, 0 new articles" in out
    assert dump(merged) == before


def with_the_same_url(nodes) -> tuple[str, str]:
    """A copy of node-b holding, besides its own, an article of node-a seen later there
    with another title; its URL and the copy's path."""
    copy = copy_db(nodes["b"], nodes["tmp"] / "node-c.db")
    url, = query(nodes["a"], "select url from articles order by url limit 1")[0]
    con = sqlite3.connect(nodes["a"])
    row = con.execute("select * from articles where url = ?", [url]).fetchone()
    names = [r[1] for r in con.execute("pragma table_info(articles)")]
    con.close()
    values = dict(zip(names, row), title="Tiêu đề đã sửa", content_hash="changed",
                  snapshot_id=None, last_seen_at="2999-01-01T00:00:00Z",
                  last_changed_at="2999-01-01T00:00:00Z")
    con = sqlite3.connect(copy)
    with con:
        con.execute(f"insert into articles ({', '.join(values)}) values"
                    f" ({', '.join('?' * len(values))})", list(values.values()))
    con.close()
    return url, str(copy)


@pytest.mark.parametrize("order", ["a-first", "c-first"])
def test_a_url_in_both_nodes_keeps_both_records(nodes, order):
    url, node_c = with_the_same_url(nodes)
    target = nodes["tmp"] / f"both-{order}.db"
    pair = [str(nodes["a"]), node_c]
    govnews("merge", *(pair if order == "a-first" else pair[::-1]), "--into", str(target))
    before = dump(target)
    assert query(target, "select title from articles where url = ?", url) == [
        ("Tiêu đề đã sửa",)]
    original, = query(nodes["a"], "select title from articles where url = ?", url)[0]
    versions = query(target, "select version, record from article_versions where url = ?", url)
    assert [(v, json.loads(r)["title"]) for v, r in versions] == [(1, original)]
    assert query(target, "select count(*) from articles where url = ?", url) == [(1,)]
    govnews("merge", *pair, "--into", str(target))
    assert dump(target) == before


def test_a_node_cannot_be_merged_into_itself(nodes):
    proc = govnews("merge", str(nodes["a"]), "--into", str(nodes["a"]), check=False)
    assert proc.returncode == 2
    assert "itself" in proc.stderr


def test_another_archive_under_a_merged_node_s_name_is_refused(nodes):
    target = copy_db(nodes["merged"], nodes["tmp"] / "named.db")
    (nodes["tmp"] / "elsewhere").mkdir()
    impostor = copy_db(nodes["one"], nodes["tmp"] / "elsewhere" / "node-b.db")
    before = dump(target)
    proc = govnews("merge", str(impostor), "--into", str(target), check=False)
    assert proc.returncode == 1
    assert "another archive was merged under the name node-b" in proc.stderr
    assert dump(target) == before
