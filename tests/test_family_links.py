"""How a family's subsites are found and told apart, with --subsites, through the family
replica's proxy: a subsite the home page does not link but the portal's other pages do
(the "Hệ thống cổng thành phần" page, the chrome of a section), a subsite linked by its old
name that answers as its new one, a twin site whose pages name the other as theirs, and a
file host linked from the home page, which is no site."""

from __future__ import annotations

from crawler.replica.family import FamilyProxy, build_family
from crawler.replica.family.base import FamilySite
from crawler.replica.family.family import NUKEVIET_HOST, VHTTDL_HOST
from crawler.replica.response import Response
from tests.conftest import family_crawl, query

MAIN = "http://www.nghean.gov.vn"
OLD_NAME = "sovanhoa.nghean.gov.vn"
LINKS_PAGE = "/he-thong-cong-thanh-phan"


class _OldName(FamilySite):
    """A subsite's old host name: every address answers 301 to the same one on the new."""

    kind = "live"

    def __init__(self, host: str, new: str) -> None:
        self.host, self.new = host, new

    def respond(self, method, target, body, headers):
        return Response(301, b"", "text/html", {"Location": f"http://{self.new}{target}"})


class _Portal:
    """The main portal whose home page links the old name of one subsite, links another
    only through the pages of the portal it shares its chrome with, and links a file on the
    file host; its links page lists the family."""

    def __init__(self, portal) -> None:
        self._portal = portal

    def __getattr__(self, name):
        return getattr(self._portal, name)

    def respond(self, method, target, body, headers):
        if target == LINKS_PAGE:
            return Response(200, (
                '<html><head><meta charset="utf-8"><title>Hệ thống cổng thành phần</title></head>'
                f'<body><table><tr><td><a href="http://{NUKEVIET_HOST}/">Xã Quang Châu</a></td>'
                "</tr></table></body></html>").encode())
        answer = self._portal.respond(method, target, body, headers)
        if target == "/" and method == "GET":
            page = answer.body.replace(VHTTDL_HOST.encode(), OLD_NAME.encode())
            page = page.replace(f"http://{NUKEVIET_HOST}/".encode(), LINKS_PAGE.encode())
            page = page.replace(NUKEVIET_HOST.encode(), b"www.nghean.gov.vn")
            page = page.replace(b"</body>", b'<a href="http://datafiles.nghean.gov.vn/'
                                b'lich-cong-tac.pdf">Lich</a></body>')
            answer.body = page
        return answer


def test_subsites_linked_beyond_the_home_page_or_by_an_old_name_are_found_once(tmp_path):
    family = build_family()
    family.sites["www.nghean.gov.vn"] = _Portal(family.sites["www.nghean.gov.vn"])
    family.sites[OLD_NAME] = _OldName(OLD_NAME, VHTTDL_HOST)
    db = tmp_path / "a.db"
    with FamilyProxy(family, port=0) as proxy:
        home = proxy.family.sites["www.nghean.gov.vn"].respond("GET", "/", b"", {}).body
        assert NUKEVIET_HOST.encode() not in home and VHTTDL_HOST.encode() not in home
        run = family_crawl(proxy, db, MAIN, "--subsites")
    assert run.returncode == 0, run.stderr[-3000:]
    sites = dict(query(db, "select site, status from site_runs"))
    assert sites.get(NUKEVIET_HOST) == "ok", sites
    assert sites.get(VHTTDL_HOST) == "ok", sites
    assert OLD_NAME not in sites and "datafiles.nghean.gov.vn" not in sites, sites
    stored = {s: n for s, n in query(db, "select site, count(*) from articles group by site")}
    for host in (NUKEVIET_HOST, VHTTDL_HOST):
        assert stored.get(host) == len(family.sites[host].expected_records()), stored


def test_file_mail_and_sign_in_hosts_of_another_province_are_no_sites(tmp_path):
    from scrapy.utils.test import get_crawler

    from crawler.spiders.portal import PortalSpider

    crawler = get_crawler(PortalSpider, {"GOVNEWS_DB": str(tmp_path / "none.db")})
    spider = PortalSpider.from_crawler(crawler, site="http://www.kontum.gov.vn")
    assert spider._family_site("sotnmt.kontum.gov.vn")
    for host in ("datafiles.kontum.gov.vn", "mail.kontum.gov.vn", "static.kontum.gov.vn",
                 "sotp-kontum.gov.vn", "kontum.dcs.vn"):
        assert not spider._family_site(host), host


def test_a_subsite_the_portal_stops_linking_is_still_crawled(tmp_path):
    """A ward's site dropped from the portal's lists goes on publishing: a subsite earlier
    runs crawled is crawled still, with its new articles, and reported."""
    from crawler.replica.family.family import WORDPRESS_HOST

    db = tmp_path / "a.db"
    family = build_family()
    with FamilyProxy(family, port=0) as proxy:
        first = family_crawl(proxy, db, "http://www.nghean.gov.vn", "--subsites")
        family.portal.links = [link for link in family.portal.links if link[0] != WORDPRESS_HOST]
        asked = len(proxy.requests)
        second = family_crawl(proxy, db, "http://www.nghean.gov.vn", "--subsites")
        later = list(proxy.requests)[asked:]
    assert "Traceback" not in first.stderr + second.stderr
    assert any(WORDPRESS_HOST in str(r) for r in later), "the dropped subsite was not asked"
    assert query(db, "select status from site_runs where run_id = 2 and site = ?",
                 WORDPRESS_HOST) == [("ok",)]
