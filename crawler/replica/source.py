"""The replica's source data: its shape, how it is read, and the few facts it fixes.

`data/` holds `site.json` (categories, site id, page size) and `articles/*.json` (see
`data/README.md`); this module owns their shape as dataclasses (`Category`,
`ArticleSource` and the specs of its images, attachments and related list), the
variants a field may take (date forms, bylines, text modes, link, image and related
styles, layouts), the paths robots.txt disallows, and the readers: `load_source` for the
raw data, `article_from_dict` for one validated-on-read article, `parse_when` and
`to_datetime` for its dates. It imports nothing of the replica but `textutil`, so the
site model, the pages and the expected records can all build on it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .textutil import slugify

DATA_DIR = Path(__file__).parent / "data"

# Display forms of PORTAL.md "Dates"; True where the form shows a time of day.
DATE_FORMATS = {
    "dmy": False,  # 15/09/2023
    "dmy_short": False,  # 14/8/2020
    "hm_dmy": True,  # 22:57 15/09/2023
    "dmy_hm": True,  # 15/09/2023 22:57
    "weekday": True,  # Thứ Sáu, 14/08/2020 - 16:30
    "dash_hms": True,  # 14-08-2020 16:30:00
    "words": False,  # Ngày 14 tháng 8 năm 2020
}
BYLINES = ("div", "div_label", "p_right_strong", "p_align_b")
TEXT_MODES = ("nfc", "nfd", "nfd_body", "entities")
LINK_STYLES = ("plain", "pageindex", "absolute", "mixed")
IMAGE_STYLES = ("figure", "figure_strong", "p_img", "figcaption")
ATTACHMENT_KINDS = ("link-download", "docx", "iframe", "inline")
RELATED_STYLES = ("double_ul", "divs_double", "ul_single", "divs_single")
# "a", "b", "c": the skins the portal has shown over the years; "moved": its later
# template, where the date and the byline sit in elements of other names (see render.py).
LAYOUTS = ("a", "b", "c", "moved")
RELATED_DEFAULT_COUNT = 5

# Paths robots.txt disallows. The chrome links to each, so a crawler that ignores
# robots.txt is caught asking for them.
DISALLOWED_PREFIXES = ("/Admin/", "/tim-kiem", "/Viewer")


def attachment_marker(n: int) -> str:
    """Where an inline attachment link sits in a body paragraph of the source data."""
    return f"{{attachment:{n}}}"


@dataclass
class Category:
    slug: str
    name: str
    id: int
    # How this category's listing writes its links (listings differ between modules).
    links: str = "plain"

    @property
    def path(self) -> str:
        return "/" + self.slug


@dataclass
class ImageSpec:
    after: int  # number of body paragraphs before the image
    caption: str | None = None
    style: str = "figure"
    src: str | None = None  # explicit URL or root-relative path; computed when missing
    relative: bool = False  # computed URL written root-relative instead of absolute


@dataclass
class AttachmentSpec:
    kind: str
    href: str
    name: str | None = None


@dataclass
class RelatedSpec:
    heading: str = "Tin cùng chuyên mục"
    style: str = "double_ul"
    ids: list[str] | None = None  # None: the nearest articles of the same listing


@dataclass
class ArticleSource:
    id: str
    category: str
    title: str
    published: datetime
    date_format: str
    lead: str
    body: list[str]
    also_in: list[str] = field(default_factory=list)
    date_label: str | None = None
    updated: datetime | None = None
    images: list[ImageSpec] = field(default_factory=list)
    author: str | None = None
    byline: str | None = None
    attachments: list[AttachmentSpec] = field(default_factory=list)
    related: RelatedSpec | None = field(default_factory=RelatedSpec)
    text: str = "nfc"
    layout: str = "a"
    links: str = "plain"
    tags: list[str] = field(default_factory=list)
    featured: bool = False

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def shows_time(self) -> bool:
        return DATE_FORMATS[self.date_format]

    @property
    def modified(self) -> datetime:
        """When the article last changed, as the portal knows it: published, or updated."""
        return max(self.published, self.updated or self.published)


def parse_when(value: str, where: str) -> tuple[datetime, bool]:
    for fmt, has_time in (
        ("%Y-%m-%d %H:%M:%S", True),
        ("%Y-%m-%d %H:%M", True),
        ("%Y-%m-%d", False),
    ):
        try:
            return datetime.strptime(value, fmt), has_time
        except ValueError:
            continue
    raise ValueError(f"{where}: bad date {value!r} (want YYYY-MM-DD[ HH:MM[:SS]])")


def article_from_dict(raw: dict[str, Any]) -> ArticleSource:
    where = f"article {raw.get('id')!r}"
    known = set(ArticleSource.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    data = dict(raw)
    published, has_time = parse_when(data.pop("published"), where)
    fmt = data.get("date_format", "dmy")
    if fmt not in DATE_FORMATS:
        raise ValueError(f"{where}: unknown date_format {fmt!r}")
    if DATE_FORMATS[fmt] and not has_time:
        raise ValueError(f"{where}: date_format {fmt!r} shows a time but 'published' has none")
    data["date_format"] = fmt
    if data.get("updated"):
        data["updated"] = parse_when(data["updated"], where)[0]
    data["images"] = [ImageSpec(**x) for x in data.get("images", [])]
    data["attachments"] = [AttachmentSpec(**x) for x in data.get("attachments", [])]
    if "related" in data:
        data["related"] = None if data["related"] is None else RelatedSpec(**data["related"])
    return ArticleSource(published=published, **data)


def load_source(data_dir: Path | str | None = None) -> dict[str, Any]:
    """The raw source data: `site.json` plus every `articles/*.json`, in file order."""
    root = Path(data_dir) if data_dir else DATA_DIR
    meta = json.loads((root / "site.json").read_text(encoding="utf-8"))
    articles: list[dict[str, Any]] = []
    for path in sorted((root / "articles").glob("*.json")):
        articles.extend(json.loads(path.read_text(encoding="utf-8")))
    meta["articles"] = articles
    return meta


def to_datetime(value: datetime | str, where: str) -> datetime:
    """A datetime as given, or read from the source data's date form."""
    return value if isinstance(value, datetime) else parse_when(value, where)[0]


def newest_source_time(data_dir: Path | str | None = None) -> datetime:
    """The latest published or updated time in the source data."""
    times = []
    for raw in load_source(data_dir)["articles"]:
        times.append(to_datetime(raw["published"], f"article {raw['id']}"))
        if raw.get("updated"):
            times.append(to_datetime(raw["updated"], f"article {raw['id']}"))
    return max(times)
