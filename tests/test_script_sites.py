"""Sites older than any module the crawler knows, crawled end to end through the family
replica's proxy: a classic ASP commune site whose categories are addresses of one script
("tintuc.asp?MaCM=5"), whose later list pages are named only by a jump menu, and whose
writers sign under the text; and a static site of .htm files whose articles are named by a
word and a number ("/tintuc/2023/tin_1214.htm") and whose older items are behind "Các tin
cũ hơn >>".  Every article of each is stored once, with its writer."""

from __future__ import annotations

from crawler.replica.family import FamilyProxy, build_family
from crawler.replica.family.base import FamilySite
from crawler.replica.response import Response
from tests.conftest import family_crawl, query

ASP_HOST = "xakyphong.nghean.gov.vn"
LIFERAY_HOST = "sokhdt.nghean.gov.vn"
STATIC_HOST = "dienchau.nghean.gov.vn"
WRITERS = ["Hải Yến", "Ngọc Lan", "Quang Minh", "Thu Trang", "Đức Anh"]
TOPICS = ["phòng, chống lụt bão", "xây dựng nông thôn mới", "tuyên truyền pháp luật",
          "tiêm chủng mở rộng", "chuyển đổi số", "an toàn thực phẩm", "giảm nghèo bền vững"]


def _prose(topic: str) -> str:
    return (f"<p>Sáng nay, Ủy ban nhân dân xã tổ chức hội nghị triển khai công tác {topic} "
            "với sự tham dự của lãnh đạo các ban, ngành, đoàn thể và trưởng các thôn.</p>"
            f"<p>Hội nghị đánh giá kết quả thực hiện công tác {topic} trong năm qua, chỉ ra "
            "những tồn tại, hạn chế và thống nhất nhiệm vụ, giải pháp trong thời gian tới.</p>")


def _page(title: str, body: str) -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}'
            "</body></html>").encode()


def _story(title: str, menu: str, head: str, topic: str) -> Response:
    """An article page: the menu, ``head`` (its headline's markup, "{}" the title, and its
    date), the text on ``topic``."""
    return Response(200, _page(title, menu + head.format(title) + _prose(topic)))


class _AspSite(FamilySite):
    """tintuc.asp?MaCM=5: four items a page over two pages, page 2 named only by the jump
    menu; chitiet.asp?ID=N: the article, its writer in a right-aligned paragraph under the
    text's <div>."""

    host = ASP_HOST
    ids = [1545, 1543, 1541, 1539, 1536, 1533]

    def _menu(self) -> str:
        return ('<table><tr><td class="menubar"><a href="default.asp">TRANG CHỦ</a> | '
                '<a href="tintuc.asp?MaCM=5">TIN TỨC - SỰ KIỆN</a> | '
                '<a href="lienhe.asp">LIÊN HỆ</a></td></tr></table>')

    def respond(self, method, target, body, headers):
        if target in ("/", "/default.asp"):
            return Response(200, _page("Trang chủ", self._menu() + "<p>UBND xã Kỳ Phong</p>"))
        if target.startswith("/tintuc.asp?MaCM=5"):
            page = 2 if target.endswith("&page=2") else 1
            items = "".join(
                f'<tr><td><a href="chitiet.asp?ID={i}&amp;MaCM=5"><b>Hội nghị triển khai công '
                f"tác {TOPICS[n]}</b></a> <span class=\"ngay\">({18 - n}/9/2023)</span></td></tr>"
                for n, i in enumerate(self.ids) if (n < 4) == (page == 1))
            jump = ('Chuyển đến: <select onchange="location=this.value">'
                    + "".join(f'<option value="tintuc.asp?MaCM=5&amp;page={p}"'
                              f'{" selected" if p == page else ""}>Trang {p}</option>'
                              for p in (1, 2)) + "</select>")
            return Response(200, _page("Tin tức - Sự kiện", self._menu()
                                       + f"<table>{items}</table>{jump}"))
        if target.startswith("/chitiet.asp?ID="):
            n = self.ids.index(int(target.split("=")[1].split("&")[0]))
            return Response(200, _page(
                f"Hội nghị triển khai công tác {TOPICS[n]}", self._menu()
                + f'<span class="tieudetin">Hội nghị triển khai công tác {TOPICS[n]}</span><br>'
                f'<span class="ngaydang">Ngày đăng: {18 - n}/09/2023 07:06</span>'
                f'<div class="noidung">{_prose(TOPICS[n])}</div>'
                f'<p align="right"><b>{WRITERS[n % len(WRITERS)]}</b></p>'
                '<p><a href="javascript:window.print()">[In trang]</a></p>'))
        if target == "/lienhe.asp":
            return Response(200, _page("Liên hệ", self._menu() + "<p>Điện thoại: 0238.3.</p>"))
        return Response(404, b"not found")

    def article_urls(self) -> list[str]:
        return [f"{self.base}/chitiet.asp?ID={i}&MaCM=5" for i in self.ids]


class _StaticSite(FamilySite):
    """/tintuc/index.htm with the three newest items, index2.htm the next three, reached
    only by "Các tin cũ hơn >>"; /tintuc/2023/tin_N.htm: the articles."""

    host = STATIC_HOST
    ids = [1214, 1213, 1210, 1207, 1205, 1201]

    def respond(self, method, target, body, headers):
        menu = '<p><a href="/index.htm">Trang chủ</a> <a href="/tintuc/index.htm">Tin tức</a></p>'
        if target in ("/", "/index.htm"):
            return Response(200, _page("Huyện Diễn Châu", menu))
        if target in ("/tintuc/index.htm", "/tintuc/index2.htm"):
            first = target.endswith("index.htm")
            shown = self.ids[:3] if first else self.ids[3:]
            items = "".join(f'<p><a href="2023/tin_{i}.htm">Huyện triển khai công tác '
                            f"{TOPICS[self.ids.index(i)]}</a> ({20 - self.ids.index(i)}/10/2023)</p>"
                            for i in shown)
            older = '<p><a href="index2.htm">Các tin cũ hơn &gt;&gt;</a></p>' if first else ""
            return Response(200, _page("Tin tức", menu + items + older))
        if target.startswith("/tintuc/2023/tin_"):
            n = self.ids.index(int(target.rsplit("_", 1)[1].split(".")[0]))
            return _story(f"Huyện triển khai công tác {TOPICS[n]}", menu,
                          "<h2>{}</h2>" f"<p><i>Ngày {20 - n}/10/2023</i></p>", TOPICS[n])
        return Response(404, b"not found")

    def article_urls(self) -> list[str]:
        return [f"{self.base}/tintuc/2023/tin_{i}.htm" for i in self.ids]


class _LiferaySite(FamilySite):
    """Liferay 7: /tin-hoat-dong lists five dated abstracts a page, its page 2 (one item)
    linked from the pager as "?<portlet>_cur=2"; the articles are /w/<slug>, no id."""

    host = LIFERAY_HOST
    slugs = [f"so-trien-khai-cong-tac-dot-{n}" for n in ("mot", "hai", "ba", "bon", "nam", "sau")]
    portlet = "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_Kq7X"

    def respond(self, method, target, body, headers):
        menu = '<nav><a href="/">Trang chủ</a> <a href="/tin-hoat-dong">Tin hoạt động</a></nav>'
        if target == "/":
            return Response(200, _page("Sở Kế hoạch và Đầu tư", menu))
        if target.startswith("/tin-hoat-dong"):
            page = 2 if target.endswith("_cur=2") else 1
            shown = self.slugs[:5] if page == 1 else self.slugs[5:]
            items = "".join(
                f'<div class="asset-abstract"><h3 class="asset-title"><a href="/w/{slug}">Sở '
                f"triển khai công tác {TOPICS[self.slugs.index(slug)]}</a></h3><span class="
                f'"metadata-publish-date">{20 - self.slugs.index(slug)}/09/24</span></div>'
                for slug in shown)
            pager = "".join(f'<a href="/tin-hoat-dong?p_p_id={self.portlet}&amp;_{self.portlet}'
                            f'_cur={p}">{p}</a> ' for p in (1, 2))
            return Response(200, _page("Tin hoạt động", menu + f'<section class="portlet">'
                                       f'<div class="asset-publisher">{items}</div>{pager}</section>'))
        if target.startswith("/w/"):
            n = self.slugs.index(target[3:])
            return _story(f"Sở triển khai công tác {TOPICS[n]}", menu, '<div class="news-detail">'
                          "<h1>{}</h1>" f'<p class="date">{20 - n}/09/2024 08:30</p>', TOPICS[n])
        return Response(404, b"not found")

    def article_urls(self) -> list[str]:
        return [f"{self.base}/w/{slug}" for slug in self.slugs]


class _ScriptHomeSite(_StaticSite):
    """The static site behind a home page that is only a script sending the browser to
    /index.htm: no link, no meta refresh, no Location header."""

    host = "congan.nghean.gov.vn"

    def respond(self, method, target, body, headers):
        if target == "/":
            return Response(200, b'<html><head><meta charset="utf-8"><title>C\xc3\xb4ng an '
                                 b't\xe1\xbb\x89nh</title></head><body><script type="text/javascript">'
                                 b' window.location.href = "/index.htm"; </script></body></html>')
        return super().respond(method, target, body, headers)


class _HomelessSite(_StaticSite):
    """A district site whose home page answers 404 while its articles answer; the static
    site's home links two of them."""

    host = "quynhluu.nghean.gov.vn"

    def respond(self, method, target, body, headers):
        if target in ("/", "/index.htm"):
            return Response(404, _page("Không tìm thấy", "<p>Trang không tồn tại</p>"))
        return super().respond(method, target, body, headers)


class _LinkingStaticSite(_StaticSite):
    def respond(self, method, target, body, headers):
        answer = super().respond(method, target, body, headers)
        if target in ("/", "/index.htm"):
            links = "".join(f'<a href="http://{_HomelessSite.host}/tintuc/2023/tin_{i}.htm">'
                            f"Tin huyện {i}</a> " for i in _HomelessSite.ids[:2])
            answer = Response(200, answer.body.replace(b"</body>", links.encode() + b"</body>"))
        return answer


def _family():
    family = build_family()
    family.sites[_HomelessSite.host] = _HomelessSite()
    family.sites[_ScriptHomeSite.host] = _ScriptHomeSite()
    family.sites[LIFERAY_HOST] = _LiferaySite()
    family.sites[ASP_HOST] = _AspSite()
    family.sites[STATIC_HOST] = _StaticSite()
    return family


def test_a_script_run_site_and_a_static_site_are_archived_whole(tmp_path):
    db = tmp_path / "a.db"
    with FamilyProxy(_family(), port=0) as proxy:
        run = family_crawl(proxy, db, f"http://{ASP_HOST}/", f"http://{STATIC_HOST}/")
        asp, static = proxy.family.sites[ASP_HOST], proxy.family.sites[STATIC_HOST]
    assert run.returncode == 0, run.stderr[-3000:]
    stored = dict(query(db, "select url, author from articles"))
    assert sorted(stored) == sorted(asp.article_urls() + static.article_urls())
    assert [stored[u] for u in asp.article_urls()] == [
        WRITERS[n % len(WRITERS)] for n in range(len(asp.ids))]
    statuses = dict(query(db, "select site, status from site_runs"))
    assert statuses == {ASP_HOST: "ok", STATIC_HOST: "ok"}


def test_a_start_address_keeps_its_query(tmp_path):
    """A list given as the start page ("tintuc.asp?MaCM=5") is asked as given: without its
    query it is another page, here a 404."""
    _archived_whole(tmp_path, f"http://{ASP_HOST}/tintuc.asp?MaCM=5", ASP_HOST)


def _archived_whole(tmp_path, start: str, host: str):
    """The archive of a crawl from ``start``, holding every article of ``host``'s site."""
    db = tmp_path / "a.db"
    with FamilyProxy(_family(), port=0) as proxy:
        run = family_crawl(proxy, db, start)
        site = proxy.family.sites[host]
    assert run.returncode == 0, run.stderr[-3000:]
    assert sorted(u for (u,) in query(db, "select url from articles")) == sorted(site.article_urls())
    return db


def test_a_lists_last_page_of_one_item_is_walked_from_its_pager(tmp_path):
    """Page 2 of a list whose articles' addresses have no id holds one item: reached from
    the list's pager it is read as the list's page, and that article is archived."""
    _archived_whole(tmp_path, f"http://{LIFERAY_HOST}/", LIFERAY_HOST)


def test_a_home_page_that_only_runs_a_redirecting_script_is_followed(tmp_path):
    db = _archived_whole(tmp_path, f"http://{_ScriptHomeSite.host}/", _ScriptHomeSite.host)
    assert query(db, "select status from site_runs") == [("ok",)]


def test_only_a_page_that_is_nothing_but_a_redirecting_script_is_one():
    from crawler.middlewares import script_redirect

    alone = b"<html><body><script>location.replace('/trang-chu');</script></body></html>"
    assert script_redirect(alone) == "/trang-chu"
    # a page with links or words of its own is a page, whatever its scripts do
    linked = alone.replace(b"<body>", b'<body><a href="/tin-tuc">Tin tuc</a>')
    worded = alone.replace(b"<body>", b"<body><p>" + b" ".join([b"chu"] * 40) + b"</p>")
    button = b"<html><body><button onclick=\"location.href='/tim-kiem'\">Tim</button></body></html>"
    assert [script_redirect(p) for p in (linked, worded, button)] == [None, None, None]


def test_a_site_whose_home_page_is_lost_is_degraded_with_what_it_did_give(tmp_path):
    """Its articles linked from elsewhere are archived; its lists, found from its home page,
    were not read: degraded, not ok, and not failing."""
    db = tmp_path / "a.db"
    family = _family()
    family.sites[STATIC_HOST] = _LinkingStaticSite()
    with FamilyProxy(family, port=0) as proxy:
        run = family_crawl(proxy, db, f"http://{STATIC_HOST}/", f"http://{_HomelessSite.host}/")
    assert "Traceback" not in run.stderr
    homeless = f"http://{_HomelessSite.host}/tintuc/2023/tin_%"
    assert len(query(db, "select url from articles where url like ?", homeless)) == 2
    statuses = dict(query(db, "select site, status from site_runs"))
    assert statuses == {STATIC_HOST: "ok", _HomelessSite.host: "degraded"}
