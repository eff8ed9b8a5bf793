"""Citing what the archive holds: the Highwire ``citation_*`` tags Zotero reads, APA and
Chicago lines, BibTeX and RIS files (also as downloads from the web view), CSL-JSON
exports checked against the CSL schema; WARC exports plain or gzipped by their name; the
archive's Datasette pages refuse a POST with 405; ``serve`` names the reading pages.

tests/data/csl-data.schema.json is ``schemas/input/csl-data.json`` of
github.com/citation-style-language/schema (commit e3ce254a72c4, after v1.0.2), MIT licence.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.plugins import pm
from datasette.utils.asgi import Request
from warcio.archiveiterator import ArchiveIterator

from archive import citation
from archive.cli import cli
from archive.store import Archive
from archive.web import make_datasette
from crawler.kernel.record import Article, Document, Snapshot

SCHEMA = Path(__file__).parent / "data" / "csl-data.schema.json"
WWW, VH = "www.nghean.gov.vn", "vhttdl.nghean.gov.vn"
TITLE = "Chủ tịch UBND tỉnh Nguyễn Đức Trung làm việc với huyện Anh Sơn"
URL = f"https://{WWW}/tin-tuc/bai-viet-1"
ARCHIVED = "https://archive.example.org/article?url=" + urllib.parse.quote(URL, safe="")
DOC_URL = f"https://{WWW}/van-ban/1205"

TWO_AUTHORS = Article(url=URL, site=WWW, article_id="1", title=TITLE, author="Thu Hà, Minh Châu",
                      published_at="2024-05-02T08:00:00+07:00", category="Tin tức - Sự kiện",
                      summary="Buổi làm việc bàn về tiến độ các dự án.",
                      body="Nội dung.", fetched_at="2024-05-03T02:00:00+00:00")
SPECIAL = Article(url=f"https://{VH}/tin-tuc/bai-viet-2", site=VH, article_id="2",
                  title="Giải ngân 50% vốn & dự án #3_a {mới} ~ 10$ ^ \\ xong",
                  published_at="2024-06", body="Nội dung.", fetched_at="2024-06-05T02:00:00+00:00")
UNDATED = Article(url=f"https://{WWW}/thong-bao/lich-tiep-cong-dan", site=WWW,
                  title="Thông báo lịch tiếp công dân?", body="Lịch tiếp.",
                  fetched_at="2024-07-01T02:00:00+00:00")
DECISION = Document(url=DOC_URL, site=WWW, number="1205/QĐ-UBND", title="Phê duyệt Đề án du lịch",
                    kind="Quyết định", agency="UBND tỉnh Nghệ An", issued="2024-04-12",
                    fetched_at="2024-05-02T02:00:00+00:00")
PLAN = Document(url=f"https://{WWW}/van-ban/45", site=WWW, number="45/KH-UBND", title=None,
                kind="Kế hoạch", agency=None, issued=None)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cite") / "a.db"
    archive = Archive(path)
    try:
        archive.store_batch(
            articles=[TWO_AUTHORS, SPECIAL, UNDATED], documents=[DECISION, PLAN],
            snapshots=[Snapshot(url=URL, method="GET", status=200, body=b"<html>bai</html>",
                                fetched_at="2024-05-03T02:00:00+00:00",
                                headers=[("Content-Type", "text/html; charset=utf-8")]),
                       Snapshot(url=SPECIAL.url, method="GET", status=200, body=b"<html>2</html>",
                                fetched_at="2024-06-05T02:00:00+00:00")])
    finally:
        archive.close()
    return str(path)


@pytest.fixture(scope="module")
def ds(db_path):
    return make_datasette(db_path)


def work_of(article: Article, archive_url: str | None = ARCHIVED) -> citation.Work:
    return citation.work(article.to_dict(), archive_url)


# --- the page's head ------------------------------------------------------------------------
def test_meta_tags_name_each_author_the_date_and_both_addresses():
    assert citation.meta_tags(work_of(TWO_AUTHORS)) == [
        ("citation_title", TITLE),
        ("citation_author", "Thu Hà"),
        ("citation_author", "Minh Châu"),
        ("citation_publication_date", "2024/05/02"),
        ("citation_date", "2024/05/02"),
        ("citation_publisher", WWW),
        ("citation_public_url", URL),
        ("citation_fulltext_html_url", ARCHIVED),
        ("citation_language", "vi"),
        ("citation_abstract", "Buổi làm việc bàn về tiến độ các dự án."),
        ("DC.type", "webpage"),
        ("og:site_name", WWW),
    ]


def test_a_documents_tags_keep_its_agency_and_number():
    tags = citation.meta_tags(citation.work(DECISION.to_dict()))
    assert ("citation_technical_report_institution", "UBND tỉnh Nghệ An") in tags
    assert ("citation_technical_report_number", "1205/QĐ-UBND") in tags
    assert ("citation_publication_date", "2024/04/12") in tags
    assert not any(name == "citation_author" for name, _ in tags)


# --- reference lines, written by hand from the styles' rules --------------------------------
def test_apa_line():
    assert citation.apa(work_of(TWO_AUTHORS)) == (
        "Thu Hà, & Minh Châu. (2024, May 2). Chủ tịch UBND tỉnh Nguyễn Đức Trung làm việc "
        f"với huyện Anh Sơn. www.nghean.gov.vn. {URL} (archived at {ARCHIVED})")
    # no author: the title first; no date: n.d. and when it was retrieved
    assert citation.apa(work_of(UNDATED, None)) == (
        "Thông báo lịch tiếp công dân? (n.d.). www.nghean.gov.vn. Retrieved July 1, 2024, "
        f"from {UNDATED.url}")
    assert citation.apa(citation.work(DECISION.to_dict())) == (
        "UBND tỉnh Nghệ An. (2024, April 12). Phê duyệt Đề án du lịch (Quyết định số "
        f"1205/QĐ-UBND). www.nghean.gov.vn. {DOC_URL}")


def test_chicago_line():
    assert citation.chicago(work_of(TWO_AUTHORS)) == (
        "Thu Hà and Minh Châu. “Chủ tịch UBND tỉnh Nguyễn Đức Trung làm việc với huyện Anh "
        f"Sơn.” www.nghean.gov.vn, May 2, 2024. {URL}. Archived at {ARCHIVED}.")
    assert citation.chicago(work_of(UNDATED, None)) == (
        "“Thông báo lịch tiếp công dân?” www.nghean.gov.vn. Accessed July 1, 2024. "
        f"{UNDATED.url}.")
    assert citation.chicago(work_of(SPECIAL, None)).endswith(
        f"{VH}, June 2024. {SPECIAL.url}.")


# --- BibTeX and RIS ---------------------------------------------------------------------------
ENTRY = re.compile(r"@(?P<type>[a-z]+)\{(?P<key>[A-Za-z0-9:_-]+),\n(?P<fields>(?:  [a-z]+ = \{.*\},\n)+)\}\n\Z")
FIELD = re.compile(r"  ([a-z]+) = \{(.*)\},\n")


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """One entry, read strictly: its type, key and fields, every field's braces balanced
    and every special character escaped."""
    match = ENTRY.match(text)
    assert match, text
    fields = dict(FIELD.findall(match["fields"]))
    assert "".join(f"  {k} = {{{v}}},\n" for k, v in fields.items()) == match["fields"]
    for name, value in fields.items():
        depth = 0
        for i, char in enumerate(value):
            escaped = i and value[i - 1] == "\\"
            if char in "{}" and not escaped:
                depth += 1 if char == "{" else -1
                assert depth >= 0, (name, value)
            if char in "&%$#_" and name not in ("url", "note"):  # verbatim, and \url{}
                assert escaped, (name, value)
        assert depth == 0, (name, value)
    return match["type"], match["key"], fields


def test_bibtex_escapes_special_characters_and_keeps_vietnamese_letters():
    kind, key, fields = parse_bibtex(citation.bibtex(work_of(SPECIAL, ARCHIVED)))
    assert (kind, key) == ("online", "vhttdl-2024-2")
    assert fields["title"] == (r"{Giải ngân 50\% vốn \& dự án \#3\_a \{mới\} "
                               r"\textasciitilde{} 10\$ \textasciicircum{} \textbackslash{} xong}")
    assert fields["date"] == "2024-06" and fields["urldate"] == "2024-06-05"
    assert fields["url"] == SPECIAL.url and fields["language"] == "vietnamese"
    assert fields["note"] == "Archived at \\url{" + ARCHIVED.replace("%", "\\%") + "}"

    kind, key, fields = parse_bibtex(citation.bibtex(work_of(TWO_AUTHORS)))
    assert fields["author"] == "{Thu Hà} and {Minh Châu}"
    kind, key, fields = parse_bibtex(citation.bibtex(citation.work(DECISION.to_dict())))
    assert (kind, key) == ("report", "nghean-2024-1205-qd-ubnd")
    assert fields["number"] == "1205/QĐ-UBND" and fields["type"] == "Quyết định"
    assert fields["institution"] == "UBND tỉnh Nghệ An"


def check_ris(text: str) -> list[tuple[str, str]]:
    assert text.endswith("ER  - \r\n")
    lines = text.split("\r\n")[:-1]
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    assert lines[0] in ("TY  - ELEC", "TY  - GOVDOC") and lines[-1] == "ER  - "
    return [(line[:2], line[6:]) for line in lines]


def test_ris_structure():
    fields = check_ris(citation.ris(work_of(TWO_AUTHORS)))
    assert ("TI", TITLE) in fields and ("UR", URL) in fields and ("LA", "vi") in fields
    assert [v for k, v in fields if k == "AU"] == ["Thu Hà", "Minh Châu"]
    assert ("PY", "2024") in fields and ("DA", "2024/05/02") in fields
    assert ("PB", WWW) in fields and ("N1", f"Archived at {ARCHIVED}") in fields
    fields = check_ris(citation.ris(citation.work(DECISION.to_dict())))
    assert fields[0] == ("TY", "GOVDOC") and ("AU", "UBND tỉnh Nghệ An") in fields


# --- CSL-JSON ---------------------------------------------------------------------------------
def validate_csl(items) -> None:
    from jsonschema import Draft7Validator

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    errors = sorted(Draft7Validator(schema).iter_errors(items), key=str)
    assert not errors, [e.message for e in errors]


def export(db_path, *args) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["export", "--db", db_path, *args])
    return result.exit_code, result.stdout, result.stderr


def test_csl_json_export_of_articles_and_documents_is_valid_csl(db_path, tmp_path):
    code, out, err = export(db_path, "--format", "csl-json")
    assert code == 0, err
    items = json.loads(out)
    validate_csl(items)
    by_url = {i["URL"]: i for i in items}
    assert set(by_url) == {TWO_AUTHORS.url, SPECIAL.url, UNDATED.url}
    item = by_url[URL]
    assert item["type"] == "webpage" and item["title"] == TITLE and item["language"] == "vi"
    assert item["author"] == [{"literal": "Thu Hà"}, {"literal": "Minh Châu"}]
    assert item["issued"] == {"date-parts": [[2024, 5, 2]]}
    assert item["accessed"] == {"date-parts": [[2024, 5, 3]]}
    assert item["publisher"] == WWW
    assert "issued" not in by_url[UNDATED.url]
    assert len({i["id"] for i in items}) == len(items)

    out_file = tmp_path / "docs.json"
    code, _, err = export(db_path, "--format", "csl-json", "--kind", "documents",
                          "--out", str(out_file))
    assert code == 0 and "2 documents written" in err
    docs = json.loads(out_file.read_text(encoding="utf-8"))
    validate_csl(docs)
    decision = next(d for d in docs if d["URL"] == DOC_URL)
    assert decision["type"] == "legislation" and decision["number"] == "1205/QĐ-UBND"
    assert decision["author"] == [{"literal": "UBND tỉnh Nghệ An"}]
    plan = next(d for d in docs if d["URL"] != DOC_URL)
    assert plan["type"] == "document" and plan["title"] == "45/KH-UBND"


def test_csl_json_export_takes_the_filters(db_path):
    code, out, _ = export(db_path, "--format", "csl-json", "--site", VH)
    assert code == 0 and [i["URL"] for i in json.loads(out)] == [SPECIAL.url]
    code, out, _ = export(db_path, "--format", "csl-json", "--query", "không có từ này")
    assert code == 0 and json.loads(out) == []


# --- WARC: the name decides ---------------------------------------------------------------------
@pytest.mark.parametrize("name,gzipped", [("a.warc", False), ("a.warc.gz", True),
                                           ("a.bin", True)])
def test_warc_is_plain_or_gzipped_by_its_name(db_path, tmp_path, name, gzipped):
    out = tmp_path / name
    code, _, err = export(db_path, "--format", "warc", "--out", str(out))
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"\x1f\x8b") == gzipped
    if not gzipped:
        assert data.startswith(b"WARC/1.1\r\n")
    records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
               for r in ArchiveIterator(io.BytesIO(data))]
    assert records[0][0] == "warcinfo"
    assert {uri for kind, uri in records if kind == "response"} == {URL, SPECIAL.url}


# --- the web view ----------------------------------------------------------------------------------
def get(ds, path: str, **params):
    return asyncio.run(ds.client.get(path + "?" + urllib.parse.urlencode(params)))


@pytest.mark.parametrize("path,fmt,content_type", [
    ("/article", "bib", "application/x-bibtex"),
    ("/article", "ris", "application/x-research-info-systems"),
    ("/document", "bib", "application/x-bibtex"),
    ("/document", "ris", "application/x-research-info-systems"),
])
def test_bibtex_and_ris_downloads(ds, path, fmt, content_type):
    url = URL if path == "/article" else DOC_URL
    response = get(ds, f"{path}/cite.{fmt}", url=url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == content_type
    key = "nghean-2024-1" if path == "/article" else "nghean-2024-1205-qd-ubnd"
    assert response.headers["content-disposition"] == f'attachment; filename="{key}.{fmt}"'
    page = "http://localhost" + path + "?url=" + urllib.parse.quote(url, safe="")
    if fmt == "bib":
        _, _, fields = parse_bibtex(response.text)
        assert fields["url"] == url
        assert fields["note"] == "Archived at \\url{" + page.replace("%", "\\%") + "}"
    else:
        fields = check_ris(response.text)
        assert ("UR", url) in fields and ("N1", f"Archived at {page}") in fields


def test_downloads_of_what_is_not_there(ds):
    assert get(ds, "/article/cite.bib", url="https://x.example/none").status_code == 404
    assert asyncio.run(ds.client.get("/document/cite.ris")).status_code == 400


def test_article_and_document_pages_get_their_citation(ds):
    async def context(template: str, path: str) -> dict:
        request = Request.fake(path)
        values = {}
        for hook in pm.hook.extra_template_vars(
                template=template, database=None, table=None, columns=None, view_name=None,
                request=request, datasette=ds):
            hook = hook() if callable(hook) else hook
            values.update(await hook if asyncio.iscoroutine(hook) else hook or {})
        return values

    path = "/article?" + urllib.parse.urlencode({"url": URL})
    values = asyncio.run(context("govnews_article.html", path))
    page = "http://localhost/article?url=" + urllib.parse.quote(URL, safe="")
    assert ("citation_fulltext_html_url", page) in values["citation_meta"]
    assert ("citation_public_url", URL) in values["citation_meta"]
    assert values["cite"]["apa"].endswith(f"{URL} (archived at {page})")
    assert values["cite"]["chicago"].startswith("Thu Hà and Minh Châu. “Chủ tịch")
    assert values["cite"]["bibtex_url"] == "/article/cite.bib?" + urllib.parse.urlencode(
        {"url": URL})
    assert values["cite"]["ris_url"] == "/article/cite.ris?" + urllib.parse.urlencode(
        {"url": URL})
    values = asyncio.run(context("govnews_document.html",
                                 "/document?" + urllib.parse.urlencode({"url": DOC_URL})))
    assert ("citation_technical_report_number", "1205/QĐ-UBND") in values["citation_meta"]
    assert values["cite"]["ris_url"].startswith("/document/cite.ris?")
    assert asyncio.run(context("govnews_find.html", "/find?q=x")) == {}
    assert asyncio.run(context("govnews_article.html", "/article?url=https://x/none")) == {}


@pytest.mark.parametrize("method,path", [
    ("post", "/archive/articles"), ("post", "/archive/articles.json"),
    ("post", "/archive/search"), ("post", "/archive"), ("put", "/archive/articles"),
    ("delete", "/archive/articles/1"), ("patch", "/archive/documents.json"),
])
def test_writing_to_the_archives_pages_is_not_allowed(ds, method, path):
    response = asyncio.run(getattr(ds.client, method)(path))
    assert response.status_code == 405, response.text[:300]
    assert response.headers["allow"] == "GET, HEAD"
    assert asyncio.run(ds.client.get(path)).status_code in (200, 404)


def test_serve_names_the_reading_pages(db_path, monkeypatch):
    import archive.web

    served = []
    def serve(db, host, port, sock):
        served.append(port)
        sock.close()

    monkeypatch.setattr(archive.web, "serve", serve)
    result = CliRunner().invoke(cli, ["serve", "--db", db_path, "--port", "0"])
    assert result.exit_code == 0, result.output
    base = f"http://127.0.0.1:{served[0]}"
    lines = result.stderr.splitlines()
    assert lines[0] == f"serving {db_path} at {base}/ (Ctrl-C stops)"
    assert lines[1] == f"reading pages: {base}/  ·  search: {base}/find  ·  tables: {base}/archive"
    assert "/archive/articles" not in result.stderr
