"""An ASP.NET WebForms site whose list pages only by posting its form back
(``javascript:__doPostBack(...)``): every page is asked once, with the view state, and the
articles only its later pages show are archived."""

from __future__ import annotations

import http.server
import threading
from urllib.parse import parse_qs

from tests.conftest import govnews, query

ITEMS = {1: [1234, 1229, 1221, 1217], 2: [1208, 1199, 1187, 1176], 3: [1163, 1150]}
TITLES = {n: f"Sở Tài nguyên và Môi trường triển khai nhiệm vụ số {n}" for p in ITEMS.values()
          for n in p}
PARA = ("Đoạn {} của bài {}, đủ chữ để là một đoạn văn thật của một bài tin trên cổng thông tin "
        "điện tử của sở, với các số liệu và hoạt động trong tháng.")


def listing(page: int) -> str:
    rows = "".join(f'<tr><td><a href="tin-tuc/chi-tiet.aspx?id={n}">{TITLES[n]}</a> '
                   f"(1{page}/12/2018)</td></tr>" for n in ITEMS[page])
    pager = "".join(
        f"<a href=\"javascript:__doPostBack('ctl00$Main$rptPager$ctl0{p}$lnkPage','')\">{p}</a> "
        for p in ITEMS)
    return ('<html><head><meta charset="utf-8"><title>Tin tức</title></head><body>'
            '<form name="aspnetForm" method="post" action="tin-tuc.aspx" id="aspnetForm">'
            '<input type="hidden" name="__EVENTTARGET" value="" />'
            '<input type="hidden" name="__EVENTARGUMENT" value="" />'
            f'<input type="hidden" name="__VIEWSTATE" value="state{page}" />'
            f"<h1>Tin tức</h1><table>{rows}</table><div>Trang: {pager}</div>"
            '<input type="hidden" name="__EVENTVALIDATION" value="valid" /></form>'
            "<p>Sở Tài nguyên và Môi trường. Địa chỉ: tổ 12, phường Đồng Tâm.</p></body></html>")


def article(n: int) -> str:
    paras = "".join(f"<p>{PARA.format(i, n)}</p>" for i in (1, 2, 3))
    return (f'<html><head><meta charset="utf-8"><title>{TITLES[n]}</title></head><body>'
            f'<a href="/tin-tuc.aspx">Tin tức</a><h1>{TITLES[n]}</h1>'
            f"<p>Ngày 12/12/2018 08:30</p>{paras}</body></html>")


class _WebForms(http.server.BaseHTTPRequestHandler):
    posts: list = []

    def _send(self, body: str | None, status: int = 200):
        data = (body or "<html><body>404</body></html>").encode("utf-8")
        self.send_response(status if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802
        path, _, q = self.path.partition("?")
        if path == "/robots.txt":
            return self._send("User-agent: *\nAllow: /\n")
        if path == "/":
            return self._send('<html><body><a href="/tin-tuc.aspx">Tin tức</a></body></html>')
        if path == "/tin-tuc.aspx":
            return self._send(listing(1))
        if path == "/tin-tuc/chi-tiet.aspx":
            n = int(parse_qs(q).get("id", ["0"])[0])
            return self._send(article(n) if n in TITLES else None)
        return self._send(None)

    def do_POST(self):  # noqa: N802
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        target = form.get("__EVENTTARGET", [""])[0]
        self.posts.append(target)
        if self.path != "/tin-tuc.aspx" or form.get("__EVENTVALIDATION") != ["valid"] or not (
                form.get("__VIEWSTATE", [""])[0].startswith("state")):
            return self._send("<html><body>Server Error in '/' Application.</body></html>", 500)
        page = int(target.split("$ctl0")[1][0]) if "$ctl0" in target else 1
        return self._send(listing(page))

    def log_message(self, *args):
        pass


def test_a_list_paged_only_by_posting_its_form_back_is_walked_to_its_end(tmp_path):
    handler = type("Handler", (_WebForms,), {"posts": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = govnews("crawl", url, "--db", str(tmp_path / "a.db"), "--delay", "0",
                         check=False)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    stored = {u for (u,) in query(tmp_path / "a.db", "select url from articles")}
    assert stored == {f"{url}/tin-tuc/chi-tiet.aspx?id={n}" for n in TITLES}
    # each later page asked once, page 1 never posted for
    assert sorted(handler.posts) == ["ctl00$Main$rptPager$ctl02$lnkPage",
                                     "ctl00$Main$rptPager$ctl03$lnkPage"]
