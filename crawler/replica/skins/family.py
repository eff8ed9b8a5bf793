"""A skinned family per seed: the vnPortal main portal on `www.nghean.gov.vn` linking one
subsite of each other kind, every skin drawn from the seed.

Sites, by `engine`: "vnportal" (the main portal), "nukeviet" (a commune), "wordpress" (a
ward), "static" (a hand-made site of a department's unit) and "other" (DotNetNuke or
Joomla, the engine named "dnn" or "joomla" on the site); plus the file host
`datafiles.nghean.gov.vn` for the portal's images. Host names and site names are drawn
too, so two seeds rarely share all of them.

The same seed gives the same family byte for byte: every choice comes from
`random.Random` instances seeded with strings made from the seed (string seeds do not
depend on PYTHONHASHSEED), and the text from one `Corpus` walked in a fixed order.
"""

from __future__ import annotations

import random
from typing import Any

from ..family.family import Family
from ..family.hosts import FileHost
from .corpus import Corpus
from .model import SkinSite
from .nukeviet import NukeVietSkinSite
from .other import DnnSkinSite, JoomlaSkinSite
from .static import StaticSkinSite
from .vnportal import VnPortalSkinSite
from .wordpress import WordPressSkinSite

PORTAL_HOST = "www.nghean.gov.vn"
DATAFILES_HOST = "datafiles.nghean.gov.vn"
ENGINES = ("vnportal", "nukeviet", "wordpress", "static", "other")

COMMUNES = (
    ("quangchau", "xã Quang Châu"),
    ("dienhong", "xã Diễn Hồng"),
    ("nghiaphu", "xã Nghĩa Phú"),
    ("thanhngoc", "xã Thanh Ngọc"),
    ("hunghoa", "xã Hưng Hòa"),
    ("nghiphong", "xã Nghi Phong"),
)
WARDS = (
    ("phuongtruongthi", "phường Trường Thi"),
    ("phuonghungdung", "phường Hưng Dũng"),
    ("phuongbenthuy", "phường Bến Thủy"),
    ("phuongquangtrung", "phường Quang Trung"),
    ("phuonghaclong", "phường Hà Huy Tập"),
)
UNITS = (
    ("ttytthanhchuong", "Trung tâm Y tế huyện Thanh Chương"),
    ("ttytdoluong", "Trung tâm Y tế huyện Đô Lương"),
    ("thuvien", "Thư viện tỉnh Nghệ An"),
    ("puhuong", "Khu Bảo tồn thiên nhiên Pù Huống"),
    ("khuyennong", "Trung tâm Khuyến nông Nghệ An"),
)
DNN_SITES = (("congan", "Công an tỉnh Nghệ An"), ("sotuphap", "Sở Tư pháp tỉnh Nghệ An"))
JOOMLA_SITES = (("thanhdoan", "Tỉnh đoàn Nghệ An"), ("hoinongdan", "Hội Nông dân tỉnh Nghệ An"))


class SkinFamily(Family):
    """A `Family` (so `FamilyProxy` serves it as is) that knows its seed and which
    engine each live site runs."""

    def __init__(self, seed: int, sites: list[SkinSite], others: list) -> None:
        super().__init__([*sites, *others])
        self.seed = seed
        self.engines: dict[str, str] = {}  # host -> engine ("other" sites: "other")
        for engine, site in zip(ENGINES, sites):
            self.engines[site.host] = engine

    def skinned(self) -> list[SkinSite]:
        return [self.sites[h] for h in self.engines]

    def site_of(self, engine: str) -> SkinSite:
        return next(s for s in self.skinned() if self.engines[s.host] == engine)

    def describe(self) -> dict[str, Any]:
        """What the seed drew for each site (for a person reading a failure)."""
        out = {}
        for site in self.skinned():
            skin = getattr(site, "skin", None)
            out[site.host] = {
                "engine": site.engine,
                "skin": {k: v for k, v in vars(skin).items()} if skin is not None else {},
                "articles": len(site.articles),
            }
        return out

    def pages(self) -> dict[str, bytes]:
        """url -> bytes of every page a crawl should meet (articles, listings, home pages
        and the other pages): what a test compares between two renderings."""
        out = {}
        for site in self.skinned():
            paths = [a.path for a in site.articles] + site.non_article_paths()
            for path in dict.fromkeys(paths):
                resp = site.respond("GET", path, b"", {})
                out[site.url(path)] = resp.body
        return out


def build_skinned_family(seed: int) -> SkinFamily:
    pick = random.Random(f"skins:{seed}:hosts")
    corpus = Corpus()

    def rng(name: str) -> random.Random:
        return random.Random(f"skins:{seed}:{name}")

    commune, commune_short = pick.choice(COMMUNES)
    ward, ward_short = pick.choice(WARDS)
    unit, unit_name = pick.choice(UNITS)
    kind = pick.choice(("dnn", "joomla"))
    other, other_name = pick.choice(DNN_SITES if kind == "dnn" else JOOMLA_SITES)

    nukeviet = NukeVietSkinSite(f"{commune}.nghean.gov.vn", f"Cổng thông tin điện tử {commune_short}",
                                commune_short, rng("nukeviet"), corpus)
    wordpress = WordPressSkinSite(f"{ward}.nghean.gov.vn", ward_short[:1].upper() + ward_short[1:],
                                  ward_short, rng("wordpress"), corpus)
    static = StaticSkinSite(f"{unit}.nghean.gov.vn", unit_name, rng("static"), corpus)
    other_cls = DnnSkinSite if kind == "dnn" else JoomlaSkinSite
    other_site = other_cls(f"{other}.nghean.gov.vn", other_name, rng("other"), corpus)
    links = [
        (nukeviet.host, nukeviet.name, "Xã, phường, thị trấn"),
        (wordpress.host, wordpress.name, "Xã, phường, thị trấn"),
        (static.host, static.name, "Đơn vị sự nghiệp"),
        (other_site.host, other_site.name, "Sở, ban, ngành"),
    ]
    pick.shuffle(links)
    portal = VnPortalSkinSite(PORTAL_HOST, "Cổng thông tin điện tử tỉnh Nghệ An", rng("vnportal"), corpus,
                              links=links)
    return SkinFamily(seed, [portal, nukeviet, wordpress, static, other_site], [FileHost(DATAFILES_HOST)])
