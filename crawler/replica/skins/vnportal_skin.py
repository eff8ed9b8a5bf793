"""What a seed draws for a vnPortal site of the skinned family: its skin and its habits.

`draw_skin` picks a `VnSkin` (article template and wrappers, listing markup and
pagination encoding, link style, related block, home page components, side boxes,
introduction path, minified chrome, summary and author markup, page size, site id) from
one `random.Random`, in a fixed order of draws; `habits_for` gives the per-article
`model.Habits` the template goes with; `CATEGORY_POOL` is what its categories are drawn
from. `vnportal.py` renders the site they describe.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .model import Habits, weighted

CATEGORY_POOL = (
    ("tin-tuc-su-kien", "Tin tức - Sự kiện"),
    ("chi-dao-dieu-hanh", "Chỉ đạo điều hành"),
    ("van-hoa-xa-hoi", "Văn hóa - Xã hội"),
    ("kinh-te", "Kinh tế"),
    ("tin-noi-bat", "Tin nổi bật"),
    ("quoc-phong-an-ninh", "Quốc phòng - An ninh"),
)
RELATED_HEADINGS = ("Tin cùng chuyên mục", "Tin liên quan", "Tin khác", "Các tin khác")
INTRO_PATHS = ("/gioi-thieu", "/qua-trinh-hinh-thanh-va-phat-trien-62242")


@dataclass
class VnSkin:
    template: str
    wrappers: list[str]
    listing: str  # "articlelist" or "listnews"
    encoding: str  # "form" or "json"
    links: str  # "plain", "pageindex", "absolute", "mixed"
    related_heading: str
    related_style: str  # "double_ul", "ul_single", "divs"
    related_count: int
    home: list[str]  # components in order; [] = the menu only
    block_order: list[int]
    side_boxes: list[str]
    intro_path: str
    minified: bool
    summary_wrap: str  # "", "strong", "p"
    author_class: str  # "author", "author text-right"
    page_size: int
    site_id: int
    extra: dict[str, Any] = field(default_factory=dict)


def draw_skin(rng: random.Random) -> VnSkin:
    template = weighted(rng, {"a": 3, "b": 2, "c": 2, "v2": 2})
    wrappers = rng.sample(
        ["news-detail-wrap", "box-detail", "container-detail", "col-main-inner", "detail-page"],
        rng.randint(0, 2),
    )
    kind = rng.choice(("menu_only", "featured_only", "dated_boxes", "blocks", "mixed"))
    if kind == "menu_only":
        home = []
    elif kind == "featured_only":
        home = ["featured"]
    elif kind == "dated_boxes":
        home = rng.sample(["latest", "docs"], rng.randint(1, 2))
    elif kind == "blocks":
        home = ["blocks"]
    else:
        home = rng.sample(["featured", "latest", "docs", "blocks"], rng.randint(2, 4))
    return VnSkin(
        template=template,
        wrappers=wrappers,
        listing=rng.choice(("articlelist", "listnews")),
        encoding=rng.choice(("form", "json")),
        links=rng.choice(("plain", "pageindex", "absolute", "mixed")),
        related_heading=rng.choice(RELATED_HEADINGS),
        related_style=rng.choice(("double_ul", "ul_single", "divs")),
        related_count=rng.randint(3, 5),
        home=home,
        side_boxes=[b for b in ("hot", "links", "poll") if rng.random() < 0.6],
        block_order=rng.sample(range(3), 3),
        intro_path=rng.choice(INTRO_PATHS),
        minified=rng.random() < 0.25,
        summary_wrap=rng.choice(("", "strong", "p")),
        author_class=rng.choice(("author", "author text-right")),
        page_size=rng.randint(3, 4),
        site_id=rng.randint(2900, 3100),
    )


def habits_for(skin: VnSkin) -> Habits:
    if skin.template == "v2":
        return Habits(
            lead_styles={"element": 6, "bold_p": 2, "none": 2},
            bylines={"element": 5, "body_p": 3, "none": 2},
            date_forms={"dmy_hms": 7, "dmy": 3},
            image_styles={"figure_em": 1, "figcaption": 1, "p_img": 1},
            source_at={"none": 8, "body": 2},
            text_modes={"nfc": 8, "nfd_body": 1, "entities": 1},
        )
    return Habits(
        lead_styles={"element": 7, "bold_p": 2, "none": 1.5},
        bylines={"element": 2, "label": 1.5, "body_p": 2.5, "date": 1, "none": 1.5},
        date_forms={f: 1 for f in ("dmy", "dmy_short", "hm_dmy", "dmy_hm", "weekday", "dash_hms", "words")},
        date_labels={"": 6, "Ngày đăng:": 2.5, "Cập nhật:": 1.5},
        updated_rate=0.15,
        image_styles={"figure_em": 1, "figcaption": 1, "p_img": 1, "figure_strong": 1},
        source_at={"none": 8, "body": 2},
        text_modes={"nfc": 7, "nfd": 1, "entities": 1, "nfd_body": 1},
    )
