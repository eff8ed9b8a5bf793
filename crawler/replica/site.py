"""The replica's site model: categories and articles loaded from `data/`, and what follows.

Owns the source data's shape (see `data/README.md`), its validation, the URL of every
page, listing order, related lists, and the helpers tests use to know what the site holds
(`article_paths`, `non_article_paths`, `disallowed_paths`, `variants`), and the articles
added later (`new_articles`) or on purpose hostile (`hostile_articles`). Rendering lives in
`render.py`, the expected records in `expected.py`, serving in `server.py`.

`build_site(**options)` is the one way to make a `Site`. A server serves whichever `Site`
it is given and the site can be swapped while it runs, so a changed site (articles added,
edited or removed, another template) is just another `build_site(...)` call.
"""

from __future__ import annotations

import copy
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
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


def _parse_when(value: str, where: str) -> tuple[datetime, bool]:
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


def _article_from_dict(raw: dict[str, Any]) -> ArticleSource:
    where = f"article {raw.get('id')!r}"
    known = set(ArticleSource.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    data = dict(raw)
    published, has_time = _parse_when(data.pop("published"), where)
    fmt = data.get("date_format", "dmy")
    if fmt not in DATE_FORMATS:
        raise ValueError(f"{where}: unknown date_format {fmt!r}")
    if DATE_FORMATS[fmt] and not has_time:
        raise ValueError(f"{where}: date_format {fmt!r} shows a time but 'published' has none")
    data["date_format"] = fmt
    if data.get("updated"):
        data["updated"] = _parse_when(data["updated"], where)[0]
    data["images"] = [ImageSpec(**x) for x in data.get("images", [])]
    data["attachments"] = [AttachmentSpec(**x) for x in data.get("attachments", [])]
    if "related" in data:
        data["related"] = None if data["related"] is None else RelatedSpec(**data["related"])
    return ArticleSource(published=published, **data)


class Site:
    """Everything the replica serves, built from source data; immutable once built."""

    def __init__(
        self,
        categories: list[Category],
        articles: list[ArticleSource],
        *,
        site_id: int = 2930,
        page_size: int = 10,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.site_id = site_id
        self.page_size = page_size
        self.options = dict(options or {})
        self.categories = list(categories)
        self._categories = {c.slug: c for c in self.categories}
        self.articles = {a.id: a for a in articles}
        if len(self.articles) != len(articles):
            counts = Counter(a.id for a in articles)
            twice = sorted(i for i, k in counts.items() if k > 1)
            raise ValueError(f"replica source data: article ids used twice: {twice}")
        self._validate()
        self._by_path = {self.article_path(a): a for a in self.articles.values()}

    # --- lookup ---------------------------------------------------------------------
    def category(self, slug: str) -> Category:
        return self._categories[slug]

    def category_by_id(self, category_id: int) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def article_path(self, article: ArticleSource) -> str:
        return f"/{article.category}/{article.slug}-{article.id}"

    def article_at(self, path: str) -> ArticleSource | None:
        return self._by_path.get(path)

    def listing(self, slug: str) -> list[ArticleSource]:
        """A category's articles, newest first (ties: higher id first), as the portal lists."""
        items = [a for a in self.articles.values() if a.category == slug or slug in a.also_in]
        return sorted(items, key=lambda a: (a.published, a.id), reverse=True)

    def max_page(self, slug: str) -> int:
        return max(1, math.ceil(len(self.listing(slug)) / self.page_size))

    def listing_page(self, slug: str, page: int) -> list[ArticleSource]:
        start = (page - 1) * self.page_size
        return self.listing(slug)[start : start + self.page_size]

    def related_of(self, article: ArticleSource) -> list[ArticleSource]:
        spec = article.related
        if spec is None:
            return []
        if spec.ids is not None:
            # An id whose article was removed from the site drops out of the list, as
            # the portal rebuilds the list from what it still has.
            ids = dict.fromkeys(i for i in spec.ids if i in self.articles)
            return [self.articles[i] for i in ids]
        same = self.listing(article.category)
        pos = same.index(article)
        # The nearest older articles first, then newer ones when the older run out.
        ordered = same[pos + 1 :] + list(reversed(same[:pos]))
        return ordered[:RELATED_DEFAULT_COUNT]

    def image_src(self, article: ArticleSource, n: int) -> str:
        """The image's src as the page writes it (absolute, or root-relative)."""
        img = article.images[n]
        if img.src:
            return img.src
        when = article.published if article.shows_time else article.published.replace(hour=12)
        # The file name ends in the .NET tick count of the upload, a little before the
        # article went out; the id makes the sub-second digits differ between articles.
        seconds = int((when - datetime(1, 1, 1)).total_seconds()) - (30 - n) * 60
        ticks = seconds * 10**7 + int(article.id) % 10**7
        name = f"anh{n + 1}{ticks}.jpg"
        if when < datetime(2021, 1, 1):
            url = f"https://storage-vnportal.vnpt.vn/nan-ubnd/1/quantritintuc/{name}"
        elif when < datetime(2023, 7, 1):
            url = f"https://datafiles.nghean.gov.vn/nan-ubnd/{self.site_id}/quantritintuc/{name}"
        else:
            folder = f"quantritintuc{when.year}{when.month}"  # month not zero-padded
            url = f"https://datafiles.nghean.gov.vn/nan-ubnd/{self.site_id}/{folder}/{name}"
        if img.relative:
            return "/" + url.split("/", 3)[3]
        return url

    def thumbnail(self, article: ArticleSource) -> str:
        if article.images:
            src = self.image_src(article, 0)
            if not src.startswith("/"):
                return src
        return f"https://datafiles.nghean.gov.vn/nan-ubnd/{self.site_id}/quantritintuc/no-image.png"

    def featured(self) -> list[ArticleSource]:
        items = [a for a in self.articles.values() if a.featured]
        return sorted(items, key=lambda a: (a.published, a.id), reverse=True)

    def latest(self, count: int) -> list[ArticleSource]:
        items = sorted(self.articles.values(), key=lambda a: (a.published, a.id), reverse=True)
        return items[:count]

    # --- what tests need to know ----------------------------------------------------
    def article_paths(self) -> list[str]:
        return [self.article_path(a) for a in self.articles.values()]

    def listing_paths(self) -> list[str]:
        return [c.path for c in self.categories]

    def static_paths(self) -> list[str]:
        from .render import STATIC_PAGES

        return list(STATIC_PAGES)

    def non_article_paths(self) -> list[str]:
        """Allowed pages that are not articles: home and other static pages, then listings."""
        return self.static_paths() + self.listing_paths()

    def disallowed_paths(self) -> list[str]:
        """Path prefixes robots.txt disallows; the site links to a page under each."""
        return list(DISALLOWED_PREFIXES)

    def expected_records(self, base_url: str) -> list[dict[str, Any]]:
        from .expected import expected_records

        return expected_records(self, base_url)

    def expected_record(self, article_id: str, base_url: str) -> dict[str, Any]:
        from .expected import expected_record

        return expected_record(self, self.articles[article_id], base_url)

    def variants(self) -> dict[str, list[str]]:
        """Variant name -> article paths carrying it (e.g. "date:weekday", "text:nfd")."""
        out: dict[str, list[str]] = {}

        def add(name: str, a: ArticleSource) -> None:
            out.setdefault(name, []).append(self.article_path(a))

        for a in self.articles.values():
            add(f"layout:{a.layout}", a)
            add(f"date:{a.date_format}", a)
            if a.date_label:
                add(f"date_label:{a.date_label}", a)
            if a.updated:
                add("date_label:both", a)
            add(f"byline:{a.byline or 'none'}", a)
            add(f"text:{a.text}", a)
            add(f"links:{a.links}", a)
            for img in a.images:
                add(f"image:{img.style}", a)
                if img.caption is None:
                    add("image:no_caption", a)
                if img.relative or (img.src or "").startswith("/"):
                    add("image:relative_src", a)
            for att in a.attachments:
                add(f"attachment:{att.kind}", a)
            if a.related is None:
                add("related:none", a)
            else:
                add(f"related_heading:{a.related.heading}", a)
                add(f"related_style:{a.related.style}", a)
            if a.also_in:
                add("category:listed_twice", a)
            if a.tags:
                add("tags", a)
            if a.slug != slugify(a.title, max_length=10_000):
                add("slug:cut", a)
            if a.id in HOSTILE_KINDS:
                add(f"hostile:{HOSTILE_KINDS[a.id]}", a)
        for paths in out.values():
            paths[:] = list(dict.fromkeys(paths))
        return dict(sorted(out.items()))

    # --- serving --------------------------------------------------------------------
    def respond(
        self, method: str, target: str, body: bytes, headers: dict[str, str], base_url: str
    ):
        from .render import respond

        return respond(self, method, target, body, headers, base_url)

    # --- checks ---------------------------------------------------------------------
    def _validate(self) -> None:
        errors: list[str] = []
        for a in self.articles.values():
            where = f"article {a.id}"
            if not (a.id.isdigit() and len(a.id) == 6):
                errors.append(f"{where}: id must be a 6-digit number")
            for slug in [a.category, *a.also_in]:
                if slug not in self._categories:
                    errors.append(f"{where}: unknown category {slug!r}")
            if a.byline is not None and a.byline not in BYLINES:
                errors.append(f"{where}: unknown byline {a.byline!r}")
            if (a.byline is None) != (a.author is None):
                errors.append(f"{where}: author and byline go together")
            if a.text not in TEXT_MODES:
                errors.append(f"{where}: unknown text mode {a.text!r}")
            if a.links not in LINK_STYLES:
                errors.append(f"{where}: unknown link style {a.links!r}")
            if a.layout not in LAYOUTS:
                errors.append(f"{where}: unknown layout {a.layout!r}")
            for img in a.images:
                if img.style not in IMAGE_STYLES or not 0 <= img.after <= len(a.body):
                    errors.append(f"{where}: bad image {img}")
            for n, att in enumerate(a.attachments):
                if att.kind not in ATTACHMENT_KINDS:
                    errors.append(f"{where}: unknown attachment kind {att.kind!r}")
                placed = sum(attachment_marker(n) in p for p in a.body)
                if (att.kind == "inline") != (placed == 1):
                    errors.append(f"{where}: an inline attachment is placed once, others never")
            if a.related is not None:
                if a.related.style not in RELATED_STYLES:
                    errors.append(f"{where}: unknown related style {a.related.style!r}")
                for rid in a.related.ids or []:
                    if rid not in self.articles:
                        errors.append(f"{where}: related id {rid} is not an article")
        paths = [self.article_path(a) for a in self.articles.values()]
        if len(set(paths)) != len(paths):
            errors.append("two articles share a URL")
        if errors:
            raise ValueError("replica source data:\n  " + "\n  ".join(errors))


def load_source(data_dir: Path | str | None = None) -> dict[str, Any]:
    """The raw source data: `site.json` plus every `articles/*.json`, in file order."""
    root = Path(data_dir) if data_dir else DATA_DIR
    meta = json.loads((root / "site.json").read_text(encoding="utf-8"))
    articles: list[dict[str, Any]] = []
    for path in sorted((root / "articles").glob("*.json")):
        articles.extend(json.loads(path.read_text(encoding="utf-8")))
    meta["articles"] = articles
    return meta


def build_site(
    *,
    data_dir: Path | str | None = None,
    add: Iterable[dict[str, Any]] = (),
    edit: dict[str, dict[str, Any]] | None = None,
    remove: Iterable[str] = (),
    layout: str | None = None,
    hostile: bool = False,
) -> Site:
    """Build the replica's site from its source data, optionally changed.

    - ``add``: more articles, as dicts in the source-data shape (see data/README.md);
    - ``edit``: ``{article_id: {field: new value}}``, e.g. a new title or body;
    - ``remove``: article ids that are gone (their pages answer 404, listings drop them);
    - ``layout``: render every article with this layout key;
    - ``hostile``: add the articles of `hostile_articles()` (SQL and script text, control
      characters, bidi controls, a lone surrogate, a 1 MB paragraph) to the first
      category, published just after the source data so they head its listing.
    """
    source = copy.deepcopy(load_source(data_dir))
    added = [copy.deepcopy(dict(x)) for x in add]
    extra: list[dict[str, Any]] = []
    if hostile:
        newest = max(
            _when(t, f"article {x['id']}")
            for x in source["articles"]
            for t in (x["published"], x.get("updated"))
            if t
        )
        extra = hostile_articles(source["categories"][0]["slug"], published_after=newest)
    raw_articles = source["articles"] + extra + added
    removed = set(remove)
    edits = edit or {}
    known_ids = {x["id"] for x in raw_articles}
    missing = (set(edits) | removed) - known_ids
    if missing:
        raise ValueError(f"no such article ids: {sorted(missing)}")
    articles = []
    for raw in raw_articles:
        if raw["id"] in removed:
            continue
        raw = {**raw, **edits.get(raw["id"], {})}
        if layout is not None:
            raw["layout"] = layout
        articles.append(_article_from_dict(raw))
    # Related lists that name a removed article simply lose it (see Site.related_of).
    present = {a.id for a in articles}
    for a in articles:
        if a.related is not None and a.related.ids is not None:
            a.related.ids = [i for i in a.related.ids if i in present]
    categories = [Category(**c) for c in source["categories"]]
    options = {
        "add": added,
        "edit": edits,
        "remove": sorted(removed),
        "layout": layout,
        "hostile": hostile,
    }
    return Site(
        categories,
        articles,
        site_id=source.get("site_id", 2930),
        page_size=source.get("page_size", 10),
        options=options,
    )


# --- articles that appear later -------------------------------------------------------

NEW_ARTICLE_START_ID = 900001  # above every id of the source data

_PLACES = (
    "huyện Quỳnh Lưu",
    "huyện Diễn Châu",
    "huyện Yên Thành",
    "huyện Đô Lương",
    "huyện Thanh Chương",
    "huyện Nam Đàn",
    "huyện Nghi Lộc",
    "huyện Con Cuông",
    "huyện Tương Dương",
    "huyện Kỳ Sơn",
    "huyện Quế Phong",
    "huyện Anh Sơn",
    "thị xã Hoàng Mai",
    "thị xã Thái Hòa",
    "thành phố Vinh",
)
_AUTHORS = ("Thành Duy", "Mai Hoa", "Hữu Vinh", "Thu Huyền", "Phạm Bằng", "Quang Minh")
_BYLINE_CYCLE = ("div", "div_label", "p_right_strong", None)
_TIMED_FORMATS = ("dmy_hm", "hm_dmy", "weekday", "dash_hms")
# (title, lead, body paragraphs); {place}, {day}, {month} and {n} are filled in per article.
_TOPICS = (
    (
        "Chủ tịch UBND tỉnh kiểm tra tiến độ xây dựng nông thôn mới tại {place}",
        "Ngày {day}/{month}, đồng chí Chủ tịch UBND tỉnh dẫn đầu đoàn công tác kiểm tra tiến độ "
        "xây dựng nông thôn mới tại {place}.",
        (
            "Theo báo cáo, đến nay {place} có {n} xã đạt chuẩn nông thôn mới, trong đó nhiều xã "
            "đạt chuẩn nông thôn mới nâng cao; thu nhập bình quân đầu người tăng khá so với cùng kỳ.",
            "Đoàn đã khảo sát thực tế hệ thống giao thông nội đồng, trường học và nhà văn hóa "
            "tại một số xã đang hoàn thiện các tiêu chí còn lại.",
            "Phát biểu kết luận, Chủ tịch UBND tỉnh đề nghị địa phương <strong>tập trung nguồn "
            "lực</strong>, huy động sự vào cuộc của cả hệ thống chính trị để hoàn thành mục tiêu "
            "đề ra trong năm.",
        ),
    ),
    (
        "Hội nghị triển khai nhiệm vụ cải cách hành chính tại {place}",
        "Sáng {day}/{month}, {place} tổ chức hội nghị triển khai nhiệm vụ cải cách hành chính, "
        "nâng cao chỉ số hài lòng của người dân và doanh nghiệp.",
        (
            "Năm qua, tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn đạt trên {n}%; "
            "việc tiếp nhận hồ sơ trực tuyến được mở rộng tới tất cả các xã, phường, thị trấn.",
            "Tại hội nghị, các đại biểu đã thảo luận những khó khăn trong việc số hóa hồ sơ, "
            "kết quả giải quyết thủ tục hành chính và đề xuất giải pháp tháo gỡ.",
            "Lãnh đạo địa phương yêu cầu các phòng, ban chuyên môn nâng cao tinh thần trách "
            "nhiệm, không để xảy ra tình trạng hồ sơ trễ hẹn, gây phiền hà cho người dân.",
        ),
    ),
    (
        "Sở Nông nghiệp và Phát triển nông thôn hướng dẫn phòng, chống dịch bệnh gia súc tại {place}",
        "Trước diễn biến phức tạp của dịch bệnh trên đàn gia súc, ngày {day}/{month}, Sở Nông "
        "nghiệp và Phát triển nông thôn đã làm việc với {place} về công tác phòng, chống dịch.",
        (
            "Hiện trên địa bàn {place} có khoảng {n} nghìn con gia súc; công tác tiêm phòng đợt "
            "đầu năm đã cơ bản hoàn thành theo kế hoạch.",
            "Đoàn công tác đề nghị địa phương tăng cường kiểm soát việc vận chuyển, buôn bán gia "
            "súc, thực hiện nghiêm việc khai báo khi phát hiện vật nuôi có dấu hiệu mắc bệnh.",
            "Người chăn nuôi được khuyến cáo vệ sinh chuồng trại, phun thuốc khử trùng định kỳ và "
            "<em>không giấu dịch</em>.",
        ),
    ),
    (
        "Khánh thành công trình trường học mới tại {place}",
        "Ngày {day}/{month}, {place} tổ chức lễ khánh thành và đưa vào sử dụng công trình nhà "
        "học ba tầng với tổng mức đầu tư hơn {n} tỷ đồng.",
        (
            "Công trình gồm 12 phòng học và các phòng chức năng, được xây dựng từ nguồn ngân sách "
            "tỉnh và nguồn xã hội hóa, đáp ứng nhu cầu học tập của gần 500 học sinh.",
            "Phát biểu tại buổi lễ, đại diện Sở Giáo dục và Đào tạo ghi nhận sự quan tâm của cấp "
            "ủy, chính quyền địa phương đối với sự nghiệp giáo dục.",
            "Dịp này, nhà trường đã trao tặng học bổng cho các em học sinh có hoàn cảnh khó khăn "
            "vươn lên trong học tập.",
        ),
    ),
    (
        "Thường trực HĐND tỉnh giám sát việc thực hiện chính sách hỗ trợ người có công tại {place}",
        "Ngày {day}/{month}, Thường trực HĐND tỉnh tổ chức đoàn giám sát việc thực hiện các "
        "chính sách hỗ trợ người có công với cách mạng tại {place}.",
        (
            "Qua giám sát, {place} đã chi trả đầy đủ, kịp thời trợ cấp ưu đãi cho hơn {n} trăm "
            "đối tượng người có công; việc hỗ trợ cải thiện nhà ở được thực hiện công khai.",
            "Đoàn giám sát đề nghị địa phương rà soát, giải quyết dứt điểm các hồ sơ tồn đọng, "
            "quan tâm chăm lo đời sống vật chất và tinh thần của gia đình chính sách.",
        ),
    ),
    (
        "Ra quân hưởng ứng Tháng hành động vì môi trường tại {place}",
        "Sáng {day}/{month}, hàng nghìn đoàn viên, thanh niên và người dân {place} tham gia lễ "
        "ra quân hưởng ứng Tháng hành động vì môi trường.",
        (
            "Các lực lượng đã ra quân thu gom rác thải, khơi thông cống rãnh và trồng mới khoảng "
            "{n} trăm cây xanh trên các tuyến đường, khu dân cư.",
            "Ban tổ chức kêu gọi người dân hạn chế sử dụng túi ni lông, phân loại rác thải tại "
            "nguồn, chung tay xây dựng môi trường sống xanh, sạch, đẹp.",
            "Hoạt động sẽ được duy trì thường xuyên vào ngày chủ nhật hằng tuần tại các thôn, "
            "xóm, khối phố.",
        ),
    ),
    (
        "Đối thoại với doanh nghiệp, tháo gỡ khó khăn trong sản xuất kinh doanh tại {place}",
        "Chiều {day}/{month}, lãnh đạo {place} tổ chức hội nghị đối thoại với các doanh nghiệp, "
        "hợp tác xã trên địa bàn.",
        (
            "Tại hội nghị, đại diện {n} doanh nghiệp đã nêu các kiến nghị về thủ tục đất đai, "
            "tiếp cận vốn vay, mặt bằng sản xuất và đào tạo nguồn nhân lực.",
            "Các kiến nghị đã được lãnh đạo các phòng, ban chuyên môn giải đáp trực tiếp; những "
            "nội dung vượt thẩm quyền sẽ được tổng hợp, báo cáo UBND tỉnh.",
            "Địa phương cam kết luôn đồng hành, tạo môi trường đầu tư thuận lợi để doanh nghiệp "
            "yên tâm sản xuất, kinh doanh.",
        ),
    ),
    (
        "Tổ chức Ngày hội văn hóa, thể thao các dân tộc thiểu số tại {place}",
        "Trong hai ngày {day} và {day2}/{month}, {place} tổ chức Ngày hội văn hóa, thể thao các "
        "dân tộc thiểu số với sự tham gia của hơn {n} trăm vận động viên, diễn viên.",
        (
            "Ngày hội gồm các nội dung thi trình diễn trang phục truyền thống, hát dân ca, thi "
            "đẩy gậy, kéo co, bắn nỏ và giới thiệu ẩm thực đặc trưng của đồng bào.",
            "Đây là dịp để bảo tồn, phát huy giá trị văn hóa truyền thống, tăng cường khối đại "
            "đoàn kết các dân tộc trên địa bàn.",
        ),
    ),
)
_CAPTIONS = (
    "Quang cảnh buổi làm việc tại {place}",
    "Đoàn công tác kiểm tra thực tế tại {place}",
    "Các đại biểu tham dự chương trình tại {place}",
)


def _when(value: datetime | str, where: str) -> datetime:
    return value if isinstance(value, datetime) else _parse_when(value, where)[0]


def newest_source_time(data_dir: Path | str | None = None) -> datetime:
    """The latest published or updated time in the source data."""
    times = []
    for raw in load_source(data_dir)["articles"]:
        times.append(_when(raw["published"], f"article {raw['id']}"))
        if raw.get("updated"):
            times.append(_when(raw["updated"], f"article {raw['id']}"))
    return max(times)


def new_articles(
    n: int,
    categories: Iterable[str],
    *,
    start_id: int = NEW_ARTICLE_START_ID,
    published_after: datetime | str | None = None,
) -> list[dict[str, Any]]:
    """`n` new articles in the source-data shape, for ``build_site(add=...)``.

    Ids run from `start_id` up (by default above every id of the source data); the
    articles are spread over `categories` (slugs) in turn. Each is published after
    `published_after` (default: the newest published or updated time in the source data):
    from 07:00 the next day on, 47 minutes apart in id order, twelve a day. So they come
    first in their listings, the highest id on top.

    The text is Vietnamese news prose built from a few topics and the districts of Nghệ
    An; titles are unique among ids from NEW_ARTICLE_START_ID up (a suffix "(đợt N)" past
    the 120 topic-district pairs). Bylines, date forms and templates vary as on the rest
    of the site. Deterministic: the same arguments give the same articles.

    For a second batch (the next night), pass ``start_id`` past the first batch and
    ``published_after`` = the first batch's last ``published``.
    """
    slugs = list(categories)
    if n < 0:
        raise ValueError("n must be 0 or more")
    if n and not slugs:
        raise ValueError("new_articles needs at least one category")
    if not 100000 <= start_id <= 999999 - max(n - 1, 0):
        raise ValueError("ids must stay 6-digit numbers")
    after = (
        newest_source_time()
        if published_after is None
        else _when(published_after, "published_after")
    )
    # Office hours from the next morning on: twelve articles a day, 47 minutes apart.
    first_day = datetime.combine(after.date() + timedelta(days=1), time(7, 0))
    combos = len(_TOPICS) * len(_PLACES)
    out: list[dict[str, Any]] = []
    for i in range(n):
        published = first_day + timedelta(days=i // 12, minutes=47 * (i % 12))
        # Content follows the id, so a later batch (a higher start_id) goes on where the
        # earlier one stopped instead of repeating its titles.
        j = max(start_id - NEW_ARTICLE_START_ID, 0) + i
        topic = _TOPICS[j % len(_TOPICS)]
        # Places at another stride than the topics: each (topic, place) pair comes once
        # before any repeats, and neighbours are in different districts.
        place = _PLACES[(j // len(_TOPICS) + 2 * j) % len(_PLACES)]
        number = 5 + (j * 7) % 40
        fill = {
            "place": place,
            "day": published.day,
            "day2": (published + timedelta(days=1)).day,
            "month": published.month,
            "n": number,
        }
        title = topic[0].format(**fill)
        if j >= combos:
            title += f" (đợt {j // combos + 1})"
        body = [p.format(**fill) for p in topic[2]]
        byline = _BYLINE_CYCLE[j % len(_BYLINE_CYCLE)]
        item: dict[str, Any] = {
            "id": f"{start_id + i:06d}",
            "category": slugs[i % len(slugs)],
            "title": title,
            "published": published.strftime("%Y-%m-%d %H:%M"),
            "date_format": _TIMED_FORMATS[j % len(_TIMED_FORMATS)],
            "lead": topic[1].format(**fill),
            "body": body,
            "layout": ("a", "b", "c")[j % 3],
        }
        if j % 2 == 0:
            caption = _CAPTIONS[j % len(_CAPTIONS)].format(place=place)
            item["images"] = [{"after": 1, "caption": caption}]
        if byline is not None:
            item["author"] = _AUTHORS[j % len(_AUTHORS)]
            item["byline"] = byline
        out.append(item)
    return out


# --- hostile text ---------------------------------------------------------------------

# Ids of `hostile_articles()` -> what each one carries (the "hostile:..." variants).
HOSTILE_KINDS = {
    "880001": "sql_script",  # SQL and <script> as text, and a real <script> in the body
    "880002": "controls",  # NUL, BEL, ESC raw and as &#0; &#7;, and &#xD800;
    "880003": "bidi",  # U+202E and U+2066..U+2069 in the title (and the body)
    "880004": "long_paragraph",  # one paragraph of more than a million characters
}
LONG_PARAGRAPH_CHARS = 1_000_000

_REPORT_SENTENCES = (
    "Trong năm, tổng sản phẩm trên địa bàn tỉnh tiếp tục tăng trưởng khá, thu ngân sách "
    "vượt dự toán được giao.",
    "Công tác cải cách hành chính được đẩy mạnh, tỷ lệ hồ sơ giải quyết đúng hạn đạt cao.",
    "Các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời, đời sống nhân dân "
    "từng bước được cải thiện.",
    "Quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm.",
    "Hệ thống kết cấu hạ tầng giao thông, thủy lợi, đô thị tiếp tục được đầu tư đồng bộ.",
)


def _long_paragraph(min_chars: int = LONG_PARAGRAPH_CHARS) -> str:
    """Vietnamese report prose, numbered item by item, of at least `min_chars` characters."""
    parts: list[str] = []
    size, n = 0, 0
    while size < min_chars:
        sentence = f"Mục {n + 1}: {_REPORT_SENTENCES[n % len(_REPORT_SENTENCES)]}"
        parts.append(sentence)
        size += len(sentence) + 1
        n += 1
    return " ".join(parts)


def hostile_articles(category: str, *, published_after: datetime | str) -> list[dict[str, Any]]:
    """The articles of ``build_site(hostile=True)``, in the source-data shape.

    Their text is what a careless crawler or archive breaks on; what their records hold
    follows the rule in expected.py's docstring (controls and bidi controls removed, a
    lone surrogate reference as U+FFFD, <script> elements never text). Body paragraphs
    are HTML fragments, so `&lt;script&gt;` there is text and `<script>` an element; a
    title is plain text, so its `<script>` is text (the page escapes it).
    Published 06:00 the day after `published_after`, ten minutes apart (ids in order).
    """
    after = _when(published_after, "published_after")
    first = datetime.combine(after.date() + timedelta(days=1), time(6, 0))
    raw = [
        {
            "title": "Thông báo '; DROP TABLE articles; -- lịch tiếp công dân "
            '<script>alert("x")</script> tháng này',
            "lead": "Ban Tiếp công dân tỉnh thông báo lịch tiếp công dân; nội dung có các ký tự "
            "' \" < > & được giữ nguyên.",
            "body": [
                "Người dân gửi phản ánh với nội dung: '; DROP TABLE articles; -- và đề nghị "
                "cơ quan chức năng xem xét.",
                "Đoạn mã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; được đăng dưới dạng "
                "văn bản, không phải mã chạy.",
                # A real script element inside a paragraph: its text is not the article's.
                'Lịch tiếp công dân <script>var quangCao = "<b>Không phải nội dung bài viết</b>"; '
                "document.title += quangCao.length;</script> được niêm yết tại trụ sở.",
                "Mọi ý kiến xin gửi về hộp thư: admin' OR '1'='1'; SELECT * FROM users; --",
            ],
            "layout": "a",
        },
        {
            "title": "Lưu ý về ký tự điều khiển trong văn bản điện tử gửi cơ quan nhà nước",
            "lead": "Một số văn bản điện tử gửi đến cơ quan nhà nước còn lẫn các ký tự điều "
            "khiển do phần mềm soạn thảo cũ tạo ra.",
            "body": [
                "Văn bản gốc có ký tự rỗng&#0; ở giữa câu và ký tự chuông&#7; ngay sau đó.",
                "Bản sao chép từ phần mềm cũ còn ký tự\x00 rỗng, ký tự\x07 chuông và ký "
                "tự\x1b thoát; hồ sơ vẫn được tiế\x07p nhận bình thường.",
                "Ký tự thay thế &#xD800; xuất hiện khi văn bản bị mã hóa sai.",
            ],
            "layout": "b",
        },
        {
            "title": "Cảnh báo \u202etin giả\u202c về \u2066chương trình\u2069 hỗ trợ "
            "\u2067vay vốn\u2069 \u2068trên mạng xã hội\u2069",
            "lead": "Công an tỉnh cảnh báo người dân về các trang mạng giả mạo chương trình "
            "hỗ trợ vay vốn ưu đãi.",
            "body": [
                "Các đối tượng gửi đường dẫn có tên tệp \u202egpj.exe\u202c để đánh lừa người "
                "nhận rằng đó là một tấm ảnh.",
                "Người dân tuyệt đối không cung cấp mã OTP, \u202bsố tài khoản\u202c hay "
                "mật khẩu cho bất kỳ ai.",
            ],
            "layout": "c",
        },
        {
            "title": "Toàn văn báo cáo tổng kết tình hình kinh tế - xã hội năm của UBND tỉnh",
            "lead": "Cổng thông tin điện tử tỉnh đăng toàn văn báo cáo tổng kết tình hình kinh "
            "tế - xã hội năm để nhân dân theo dõi.",
            "body": [
                "Dưới đây là toàn văn báo cáo.",
                _long_paragraph(),
                "Báo cáo được đăng tải để nhân dân theo dõi, góp ý.",
            ],
            "layout": "a",
        },
    ]
    out = []
    for i, (article_id, item) in enumerate(zip(HOSTILE_KINDS, raw)):
        published = first + timedelta(minutes=10 * i)
        out.append(
            {
                "id": article_id,
                "category": category,
                "published": published.strftime("%Y-%m-%d %H:%M"),
                "date_format": "dmy_hm",
                **item,
            }
        )
    return out
