"""The reading pages in Vietnamese (by default) and English (archive/i18n.py), without a
browser: the catalogues hold every label the templates and the code use, each page speaks
one language only, ``?lang=`` is remembered, dates read dd/mm/yyyy and times are Vietnam's,
a chart of one run says so, and a failure is named in plain words.  How the pages look
at 360 and 1,280 pixels is tests/test_browser_i18n.py's."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import urllib.parse

import pytest
from babel.messages.pofile import read_po
from lxml import html as lxml_html

from archive import i18n
from archive.store import Archive
from archive.web import make_datasette
from crawler.kernel.record import Article, Document, FileFetched, Gone, Image, Link, Snapshot

from .test_pages import PNG

WWW = "www.nghean.gov.vn"
URL = f"https://{WWW}/tin-tuc/chu-tich-lam-viec-123456"
GONE_URL = f"https://{WWW}/tin-tuc/bai-da-go-123457"
IMG = "https://datafiles.nghean.gov.vn/nan-ubnd/anh-1.png"
DOC_URL = f"https://{WWW}/van-ban/phe-duyet-1234"
FETCHED = "2026-12-06T04:44:35+00:00"
CONNECTION_LOST = ("the connection was closed or reset before an answer (ConnectionLost: "
                   "Connection to the other side was lost in a non-clean fashion)")
# Sites that could not be reached, with the reason the crawl stored, and what the sites
# page says of each, in Vietnamese and in English.
DEAD_SITES = {
    "xanghiahung.nghean.gov.vn": (CONNECTION_LOST, "máy chủ đóng kết nối",
                                  "the server closed the connection"),
    "chamchap.nghean.gov.vn": ("no answer within the download timeout", "hết thời gian chờ",
                               "timed out"),
    "khongco.nghean.gov.vn": ("the host name does not resolve (DNS)",
                              "không tìm thấy tên miền", "DNS lookup failed"),
    "tls.nghean.gov.vn": ("the TLS handshake failed (SSL routines: wrong version number)",
                          "lỗi bắt tay TLS", "TLS handshake failed"),
    "dulich.nghean.gov.vn": ("robots.txt answered HTTP 503; that means disallow everything "
                             "until it answers (RFC 9309)",
                             "không đọc được robots.txt: máy chủ báo lỗi 503",
                             "robots.txt could not be read: the server reported error 503"),
}
# Words a page may show in either language: names, formats, units.
NAMES = {"APA", "Chicago", "BibTeX", "RIS", "WARC", "JSON", "SQL", "CSV", "SVG", "HTTP",
         "GMT+7", "Datasette", "govnews", "OR", "NOT"}


def article(**fields) -> Article:
    base = dict(
        url=URL, site=WWW, article_id="123456", title="Chủ tịch Nguyễn Đức Trung làm việc",
        body="Sáng nay, Chủ tịch làm việc về Quyết định số 1205/QĐ-UBND.\nĐoạn thứ hai.",
        summary="Lãnh đạo tỉnh làm việc với huyện.", author="Thu Hà",
        published_at="2020-08-14T16:30:00+07:00", category="Chỉ đạo điều hành",
        images=[Image(IMG, "Quang cảnh buổi làm việc")],
        related=[Link(GONE_URL, "Bài đã gỡ")], cites=["1205/QĐ-UBND"],
        fetched_at=FETCHED, parser="vnportal/1", source="Văn phòng UBND tỉnh")
    base.update(fields)
    return Article(**base)


def health(degraded: bool) -> str:
    site = {"site": WWW, "pages": 2, "shares": {"title": 1.0, "author": 0.5},
            "baseline": {"title": 1.0, "author": 0.9},
            "degraded_fields": ["author"] if degraded else []}
    return json.dumps({"degraded": degraded, "sites": [site]})


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    """Two runs: the first stores an article (with an archived image), a document and a
    gone article, meets a 503 and a dropped connection, and finds five sites dead; the
    second edits the article and finds the other one gone."""
    path = tmp_path_factory.mktemp("i18n") / "a.db"
    archive = Archive(path)
    run = archive.start_run([f"https://{WWW}"])
    gone = Article(url=GONE_URL, site=WWW, article_id="123457", title="Bài đã gỡ",
                   body="Nội dung cũ.", published_at="2020-03-01", category="Tin tức")
    archive.store_batch(
        [article(), gone],
        [Snapshot(url=URL, method="GET", status=200, body=b"<html><body>Trang</body></html>",
                  fetched_at=FETCHED, headers=[("Content-Type", "text/html")]),
         Snapshot(url=IMG, request_url=IMG, method="GET", status=200, body=PNG,
                  fetched_at=FETCHED, headers=[("Content-Type", "image/png")])],
        run_id=run,
        documents=[Document(url=DOC_URL, site=WWW, number="1205/QĐ-UBND",
                            title="Phê duyệt Đề án du lịch", kind="Quyết định",
                            agency="UBND tỉnh Nghệ An", issued="2020-04-12")],
        files=[FileFetched(url=IMG, status=200, sha256=hashlib.sha256(PNG).hexdigest(),
                           content_type="image/png", bytes=len(PNG))])
    archive.record_error(run, f"https://{WWW}/tin-tuc/loi-1", "http_503", "GET: HTTP 503")
    archive.record_error(run, f"https://{WWW}/tin-tuc/loi-2", "reset",
                         f"GET: {CONNECTION_LOST}")
    archive.record_site_runs(run, [{"site": WWW, "start": True, "layout": "vnportal/1",
                                    "pages": 3, "articles": 2, "status": "ok"}] + [
        {"site": site, "start": False, "status": "failing", "reason": reason}
        for site, (reason, _vi, _en) in DEAD_SITES.items()])
    archive.finish_run(run, "fetch_errors", health=health(False), failed_sites=json.dumps(
        [{"site": f"http://{site}", "reason": reason, "kind": "unreachable"}
         for site, (reason, _vi, _en) in DEAD_SITES.items()]))
    run2 = archive.start_run([f"https://{WWW}"])
    archive.store_batch([article(title="Chủ tịch Nguyễn Đức Trung làm việc tại Vinh")],
                        gone=[Gone(GONE_URL, "http_404", "2026-12-06T18:05:00+00:00")],
                        run_id=run2)
    archive.finish_run(run2, "degraded", health=health(True))
    archive.close()
    return path


@pytest.fixture(scope="module")
def ds(db_path):
    return make_datasette(db_path)


def get(ds, path, cookies=None, **params):
    if params:
        path += ("&" if "?" in path else "?") + urllib.parse.urlencode(params)
    client = ds.client
    return asyncio.run(client.get(path, cookies=cookies) if cookies else client.get(path))


def q(url: str) -> str:
    return urllib.parse.quote(url, safe="")


PAGES = {
    "article": f"/article?url={q(URL)}", "gone article": f"/article?url={q(GONE_URL)}",
    "history": f"/article/history?url={q(URL)}", "raw": f"/article/raw?url={q(URL)}",
    "document": f"/document?url={q(DOC_URL)}", "find": "/find",
    "find hits": "/find?q=nguyen+duc+trung", "find error": "/find?q=-trung",
    "sites": "/sites", "site": f"/sites/{WWW}", "dead site": "/sites/xanghiahung.nghean.gov.vn",
    "runs": "/runs", "run": "/runs/1", "run 2": "/runs/2", "charts": "/charts",
    "missing": "/runs/99",
}


def shown_text(html: str, drop_vietnamese: bool = False) -> str:
    """What a reader sees of a page: its title, its text and the labels of its fields,
    without addresses, the technical text shown on demand (``<code>``, a failure's title)
    and, with ``drop_vietnamese``, without the archived content (marked ``lang="vi"``,
    and the citation lines, which quote it)."""
    doc = lxml_html.fromstring(html)
    drop = "//script | //style | //code"
    if drop_vietnamese:  # and the page's title and citation lines, naming an article
        drop += (" | //*[@lang='vi'][not(contains(@class, 'govnews'))] | //head/title"
                 " | //dl[@class='cite-styles']/dd")
    for el in doc.xpath(drop):
        el.drop_tree()
    attributes = [v for el in doc.iter() if isinstance(el.tag, str)
                  for k, v in el.attrib.items()
                  if k in ("placeholder", "aria-label", "alt", "data-label")
                  or (k == "title" and "failure" not in (el.get("class") or ""))]
    text = " ".join(" ".join(x.split()) for x in [doc.text_content(), *attributes])
    return re.sub(r"\w+://\S+", " ", text)  # addresses


def label_pattern(text: str) -> re.Pattern:
    """A label as it may appear on a page, its %(name)s values being anything."""
    parts = [re.escape(p) for p in re.split(r"%\(\w+\)s", text)]
    return re.compile(r"(?<!\w)" + r".+?".join(p for p in parts).strip() + r"(?!\w)")


def catalogue(lang: str) -> dict:
    with open(i18n.po_path(lang), "rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id}


def forms(msgid, string) -> list[tuple[str, str]]:
    """(English, translation) for each form of a message, plural ones apart."""
    ids = msgid if isinstance(msgid, tuple) else (msgid,)
    strings = string if isinstance(string, tuple) else (string,)
    return [(ids[i], strings[min(i, len(strings) - 1)]) for i in range(len(ids))]


def different_labels(own: bool) -> list[str]:
    """The English labels (``own`` False) or the Vietnamese ones (True) whose translation
    differs from the English, names aside."""
    found = []
    for msgid, string in catalogue("vi").items():
        for english, vietnamese in forms(msgid, string):
            if english != vietnamese and english not in NAMES:
                found.append(vietnamese if own else english)
    return found


# --- the catalogues -------------------------------------------------------------------

TEMPLATE_CALL = re.compile(r"""\b_\(\s*"([^"]+)"|\bngettext\(\s*"([^"]+)",\s*"([^"]+)\"""")


def template_msgids() -> set:
    found = set()
    for path in (i18n.LOCALE.parent / "templates").glob("*.html"):
        for single, singular, plural in TEMPLATE_CALL.findall(path.read_text("utf-8")):
            found.add(single or (singular, plural))
    return found


def test_every_label_used_is_in_both_catalogues_and_translated():
    used = {m.id for m in i18n.extract() if m.id}
    assert template_msgids() <= used
    assert len(used) > 200
    with open(i18n.LOCALE / "messages.pot", "rb") as pot:
        assert {m.id for m in read_po(pot) if m.id} == used
    for lang in i18n.LANGUAGES:
        messages = catalogue(lang)
        assert set(messages) == used, lang
        empty = [m for m, s in messages.items()
                 if not (all(s) if isinstance(s, tuple) else s)]
        assert empty == [], lang
    for msgid, string in catalogue("vi").items():  # the values of the (plural) English
        english, vietnamese = forms(msgid, string)[-1]
        assert set(re.findall(r"%\(\w+\)s", english)) == set(
            re.findall(r"%\(\w+\)s", vietnamese)), english


def test_the_english_catalogue_is_the_english_text():
    for msgid, string in catalogue("en").items():
        assert (string if isinstance(string, str) else tuple(string)) == msgid


def test_the_vietnamese_catalogue_is_written_with_its_diacritics():
    vi = catalogue("vi")
    assert vi["Images"] == "Ảnh" and vi["Related news"] == "Tin liên quan"
    assert vi["First seen"] == "Lần đầu lưu" and vi["Cite"] == "Trích dẫn"
    assert vi["Search"] == "Tìm kiếm" and vi["Site"] == "Trang web"
    assert vi["Run %(id)s"] == "Lần chạy %(id)s"
    marked = [s for s in vi.values() if isinstance(s, str)
              and re.search(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
                            s, re.IGNORECASE)]
    assert len(marked) > 0.8 * len(vi)


def test_templates_write_no_label_outside_the_catalogue():
    for path in (i18n.LOCALE.parent / "templates").glob("*.html"):
        source = path.read_text("utf-8")
        for name in ("placeholder", "title", "aria-label", "alt", "data-label"):
            literal = re.findall(rf'\b{name}="([^"{{]+)"', source)
            assert literal == [], (path.name, name, literal)
        # what is left once Jinja and the markup are gone, query examples (<code>) aside
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", source, flags=re.DOTALL)
        text = re.sub(r"<code\b.*?</code>|<[^>]*>", " ", text, flags=re.DOTALL)
        text = re.sub(r"[\w-]+(\.[\w-]+)+", " ", text)  # host names
        words = set(re.findall(r"[^\W\d_]+", text)) - NAMES
        assert words == set(), (path.name, words)


# --- each page in one language --------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_in_vietnamese_shows_no_english_label(ds, name):
    response = get(ds, PAGES[name])
    assert response.status_code in (200, 400, 404) and "Traceback" not in response.text
    assert response.headers["content-language"] == "vi"
    text = shown_text(response.text)
    left = [label for label in different_labels(own=False) if label_pattern(label).search(text)]
    assert left == [], (name, left)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_in_english_shows_no_vietnamese_label(ds, name):
    response = get(ds, PAGES[name], lang="en")
    assert response.headers["content-language"] == "en"
    text = shown_text(response.text, drop_vietnamese=True)
    left = [label for label in different_labels(own=True) if label_pattern(label).search(text)]
    assert left == [], (name, left)


def test_the_article_page_in_each_language(ds):
    vi = shown_text(get(ds, PAGES["article"]).text)
    for label in ("Ảnh", "Tin liên quan", "Lần đầu lưu", "Trích dẫn", "Văn bản được dẫn",
                  "Trong kho lưu trữ", "Nguồn"):
        assert label in vi
    en = shown_text(get(ds, PAGES["article"], lang="en").text)
    for label in ("Images", "Related news", "First seen", "Cite", "Documents cited"):
        assert label in en


def test_the_language_is_remembered_in_a_cookie(ds):
    switched = get(ds, "/runs", lang="en")
    cookie = switched.headers["set-cookie"]
    assert cookie.startswith(f"{i18n.COOKIE}=en;") and "Max-Age=" in cookie
    later = get(ds, "/sites", cookies={i18n.COOKIE: "en"})
    assert "set-cookie" not in later.headers
    assert lxml_html.fromstring(later.text).cssselect("h1")[0].text_content() == "Sites"
    assert lxml_html.fromstring(later.text).cssselect("title")[0].text_content() == (
        "Sites · govnews")
    back = get(ds, "/sites", cookies={i18n.COOKIE: "en"}, lang="vi")
    assert back.headers["set-cookie"].startswith(f"{i18n.COOKIE}=vi;")
    assert lxml_html.fromstring(back.text).cssselect("h1")[0].text_content() == "Các trang web"
    assert lxml_html.fromstring(back.text).cssselect("title")[0].text_content() == (
        "Các trang web · govnews")
    default = get(ds, "/sites", cookies={i18n.COOKIE: "xx"})
    assert default.headers["content-language"] == "vi"


def test_every_page_has_a_visible_switch_to_the_other_language(ds):
    for name, path in PAGES.items():
        for lang, other, text in (("vi", "en", "English"), ("en", "vi", "Tiếng Việt")):
            doc = lxml_html.fromstring(get(ds, path, lang=lang).text)
            [switch] = doc.cssselect("header .lang-switch a")
            assert switch.text_content() == text, name
            assert urllib.parse.parse_qs(urllib.parse.urlsplit(switch.get("href")).query)[
                "lang"] == [other]


# --- dates and times ----------------------------------------------------------------------

@pytest.mark.parametrize("value,date,time", [
    ("2026-12-06T04:44:35+00:00", "06/12/2026", "06/12/2026 11:44 (GMT+7)"),
    ("2026-12-06T18:05:00+00:00", "07/12/2026", "07/12/2026 01:05 (GMT+7)"),
    ("2020-08-14T16:30:00+07:00", "14/08/2020", "14/08/2020 16:30 (GMT+7)"),
    ("2020-08-14T16:30:00Z", "14/08/2020", "14/08/2020 23:30 (GMT+7)"),
    ("2020-08-14 16:30", "14/08/2020", "14/08/2020 16:30 (GMT+7)"),
    ("2021-02-02", "02/02/2021", "02/02/2021"),
    ("2024-05", "05/2024", "05/2024"),
    ("", "", ""), (None, "", ""), ("not a date", "not a date", "not a date"),
])
def test_dates_read_day_first_and_times_are_vietnams(value, date, time):
    assert i18n.vndate(value) == date
    assert i18n.vntime(value) == time


def test_the_pages_show_dates_day_first_and_times_in_vietnam(ds):
    text = shown_text(get(ds, PAGES["article"]).text)
    assert "14/08/2020 16:30 (GMT+7)" in text  # published
    assert "06/12/2026 11:44 (GMT+7)" in text  # fetched: 04:44 UTC
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text.replace(URL, "").replace(IMG, ""))
    doc = lxml_html.fromstring(get(ds, PAGES["document"]).text)
    assert "12/04/2020" in doc.cssselect("dl.properties")[0].text_content()
    gone = shown_text(get(ds, f"/article/history?url={q(GONE_URL)}", lang="en").text)
    assert "Gone since 07/12/2026 01:05 (GMT+7)" in gone
    assert "no such page (404)" in gone
    for path in ("/runs", "/sites", "/runs/1", "/charts", f"/sites/{WWW}"):
        text = shown_text(get(ds, path).text)
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), path
        assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d \(GMT\+7\)", text), path


def test_the_english_pages_keep_dates_day_first(ds):
    text = shown_text(get(ds, PAGES["article"], lang="en").text)
    assert "14/08/2020 16:30 (GMT+7)" in text and "06/12/2026 11:44 (GMT+7)" in text


# --- a chart of one run -------------------------------------------------------------------

@pytest.fixture(scope="module")
def one_run(tmp_path_factory):
    path = tmp_path_factory.mktemp("one") / "a.db"
    archive = Archive(path)
    run = archive.start_run([f"https://{WWW}"])
    archive.store_batch([article()], run_id=run)
    archive.finish_run(run, "ok")
    archive.close()
    return make_datasette(path)


def test_a_chart_of_one_run_says_so_instead_of_a_dot(one_run):
    doc = lxml_html.fromstring(get(one_run, "/charts").text)
    notes = [" ".join(p.text_content().split()) for p in doc.cssselect(".chart-note")]
    assert notes[0].startswith("Mới có một lần chạy: 1 bài viết, lưu ngày ")
    assert notes[1] == "Mới có một lần chạy: 1 bài mới, 0 bài cập nhật, 0 lỗi."
    assert not doc.cssselect("#growth svg circle") and not doc.cssselect("#runs svg rect.bar")
    en = lxml_html.fromstring(get(one_run, "/charts", lang="en").text)
    assert en.cssselect(".chart-note")[0].text_content().startswith(
        "One run so far: 1 article, archived on ")
    assert en.cssselect(".chart-note")[1].text_content() == (
        "One run so far: new 1, updated 0, errors 0.")
    svg = get(one_run, "/charts/growth.svg", cookies={i18n.COOKIE: "en"}).text
    assert "One run so far" in svg and "<circle" not in svg
    assert "Mới có một lần chạy" in get(one_run, "/charts/runs.svg").text


def test_a_chart_of_two_runs_draws_them(ds):
    doc = lxml_html.fromstring(get(ds, "/charts").text)
    assert len(doc.cssselect("#runs svg rect.bar")) >= 2
    assert not doc.cssselect("#runs .chart-note")


# --- failures in plain words ----------------------------------------------------------------

@pytest.mark.parametrize("message,kind,plain", [
    (CONNECTION_LOST, None, "the server closed the connection"),
    ("ConnectionDone: Connection was closed cleanly", None, "the server closed the connection"),
    ("ResponseNeverReceived", None, "the server closed the connection"),
    ("no answer within the download timeout", "timeout", "timed out"),
    ("the host name does not resolve (DNS)", "dns", "DNS lookup failed"),
    ("the TLS handshake failed (x)", "tls", "TLS handshake failed"),
    ("GET: HTTP 503", "http_503", "the server reported error 503"),
    (None, "http_404", "the server refused or has no such page (404)"),
    ("the connection was refused (nothing listens there)", "refused",
     "the connection was refused"),
    ("robots.txt could not be fetched: " + CONNECTION_LOST + "; that means disallow "
     "everything (RFC 9309)", "robots_unavailable",
     "robots.txt could not be read: the server closed the connection"),
    (None, "redirect_home", "redirected to the home page"),
    (None, "says_missing", "the page says the article was removed"),
    ("vnportal read 14 of its 14 archived articles but none of this run's 5 pages (generic "
     "5): the site changed its layout; run `govnews probe http://x.gov.vn/`", None,
     "the site changed its layout"),
])
def test_plain_words_for_a_failure(message, kind, plain):
    msgid, values = i18n.plain_failure(message, kind)
    t = i18n.translator("en")
    if "cause" in values:
        values = dict(values, cause=t(values["cause"][0], **values["cause"][1]))
    assert str(t(msgid, **values)) == plain
    assert i18n.plain_failure("SomethingNew: odd", "somethingnew") is None


def test_the_sites_page_names_why_a_site_is_dead_and_keeps_the_technical_text(ds):
    for lang, column in (("vi", 1), ("en", 2)):
        doc = lxml_html.fromstring(get(ds, "/sites", lang=lang).text)
        rows = {r.cssselect("td")[0].text_content(): r for r in doc.cssselect("table tbody tr")}
        for site, reasons in DEAD_SITES.items():
            [details] = rows[site].cssselect("details.failure")
            assert " ".join(details.cssselect("summary")[0].text_content().split()) == \
                reasons[column], (lang, site)
            assert details.cssselect("code")[0].text_content() == reasons[0]
    assert "non-clean" not in shown_text(get(ds, "/sites").text)


def test_the_run_pages_name_failures_in_plain_words(ds):
    vi = lxml_html.fromstring(get(ds, "/runs/1").text)
    summaries = [" ".join(s.text_content().split()) for s in vi.cssselect("details.errors summary")]
    assert "máy chủ báo lỗi 503 http_503: 1" in summaries
    assert "máy chủ đóng kết nối reset: 1" in summaries
    failed = " ".join(vi.cssselect("ul.failures")[0].text_content().split())
    assert "máy chủ đóng kết nối" in failed and "hết thời gian chờ" in failed
    en = shown_text(get(ds, f"/sites/{WWW}", lang="en").text)
    assert "the server reported error 503" in en and "the server closed the connection" in en
