"""Hand-made static HTML sites in skins drawn from a seed (a health centre, a library, a
forestry board ...): files typed by hand or saved from an editor, no publishing system.

Articles are files in one folder (`/tin/` or `/tin-tuc/`) named by hand after a few
words of the title, some with a year (`/tin/ky-niem-2024.html`); every site has two whose
names end in the same number (`ky-niem-2024.html`, `tong-ket-2024.html`), two articles.
They have no id (the record's `article_id` is null). Links inside the folder are
relative (`ky-niem-2024.html`, `../lien-he.html`).

What the seed picks (`StaticSkin`): a table layout (`table#main td.noidung`) or a div
layout (`div#noidung` in `div.khung`), the title element (`h1.tieude`, `h2.title`, or a
bare `div.tieude`), the date's element and class (`p.ngaydang`, `span.date`,
`div.ngay`), the lead's class (sapo, tomtat, trichdan, chapeau, description, summary) on
a `<p>` or `<div>`, the body's wrapper (`div.chitiet`, `div.content`, `div.noi-dung`,
or none: the paragraphs straight after the lead), the related block ("Tin khác", "Các
tin khác", "Tin liên quan", or none), the listing (a list or a table of dated links,
`index.html` then `trang-2.html`), the home (latest news with dates, a notice box, an
introduction only), and the folder.

Per article: lead as that element, a bold first paragraph, or none; byline as "Tác giả:
X" (`p.tacgia`), a bare `div.tacgia`, a last bold right-aligned paragraph, beside the
date ("Nguyên Minh - 07/03/2026 08:47"), or none; one or two names; "Nguồn: X" last; every
date form of PORTAL.md with "Ngày đăng:" / "Cập nhật:" labels; images as a centred
paragraph with an `<em>` caption below or in a small table with the caption in
`td.chuthich`; text as typed (NFC) or entity-encoded.

Non-article pages: `/gioi-thieu.html`, `/lien-he.html`, `/so-do-trang.html` (heading,
date, paragraphs), and the month archives `/{folder}/thang-MM-YYYY.html` listed in the
side column; robots.txt disallows `/admin/`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from ..response import Response
from ..textutil import slugify
from .corpus import AUTHORS, SOURCES
from .model import (
    Article,
    Category,
    Habits,
    SkinSite,
    assemble_body,
    attr,
    caption_p,
    draft_articles,
    esc,
    html,
    newest_first,
    pages_of,
    paginate,
    show_date,
)

LEAD_CLASSES = ("sapo", "tomtat", "trichdan", "chapeau", "description", "summary")
RELATED_HEADINGS = ("Tin khác", "Các tin khác", "Tin liên quan")


@dataclass
class StaticSkin:
    table: bool
    title_tag: str  # "h1.tieude", "h2.title", "div.tieude"
    date_tag: str  # "p.ngaydang", "span.date", "div.ngay"
    lead_tag: str  # "p" or "div"
    lead_class: str
    body_wrap: str  # "chitiet", "content", "noi-dung", ""
    related: str  # a heading, or "" for none
    list_table: bool
    home: str  # "latest", "notice", "intro"
    folder: str
    folder_name: str
    per_page: int
    charset_meta: str


def draw_skin(rng: random.Random) -> StaticSkin:
    folder, folder_name = rng.choice((("/tin", "Tin tức"), ("/tin-tuc", "Tin tức"), ("/tin", "Tin hoạt động")))
    return StaticSkin(
        table=rng.random() < 0.5,
        title_tag=rng.choice(("h1.tieude", "h2.title", "div.tieude")),
        date_tag=rng.choice(("p.ngaydang", "span.date", "div.ngay")),
        lead_tag=rng.choice(("p", "div")),
        lead_class=rng.choice(LEAD_CLASSES),
        body_wrap=rng.choice(("chitiet", "content", "noi-dung", "")),
        related=rng.choice(RELATED_HEADINGS + ("",)),
        list_table=rng.random() < 0.5,
        home=rng.choice(("latest", "notice", "intro")),
        folder=folder,
        folder_name=folder_name,
        per_page=rng.randint(4, 5),
        charset_meta=rng.choice(('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')),
    )


HABITS = Habits(
    lead_styles={"element": 6, "bold_p": 2, "none": 2},
    bylines={"label": 3, "element": 1.5, "body_p": 2.5, "date": 1.5, "none": 1.5},
    date_forms={f: 1 for f in ("dmy", "dmy_short", "hm_dmy", "dmy_hm", "weekday", "dash_hms", "words")},
    date_labels={"": 5, "Ngày đăng:": 3, "Cập nhật:": 2},
    image_styles={"em_p": 1, "table": 1},
    source_at={"none": 8, "body": 2},
    text_modes={"nfc": 8, "entities": 2},
    tag_rate=0.0,
)


class StaticSkinSite(SkinSite):
    engine = "static"
    layout = "generic"
    server_header = "Apache/2.4.41 (Ubuntu)"

    def __init__(self, host: str, name: str, rng: random.Random, corpus) -> None:
        super().__init__(host, name)
        self.skin = s = draw_skin(rng)
        cat = Category(s.folder.strip("/"), s.folder_name, 0, f"{s.folder}/")
        self.categories = [cat]
        self.articles = draft_articles(
            rng, corpus, count=rng.randint(6, 9), categories=self.categories, habits=HABITS,
            start=datetime(2023, 2, 1), days=1100, authors=AUTHORS, sources=SOURCES,
        )
        self._name_files(rng)
        for a in self.articles:
            for k, img in enumerate(a.images):
                stem = f"{a.slug}-{k + 1}.jpg"
                img.src = f"images/{stem}" if s.table else f"/images/{a.published:%Y}/{stem}"
        if s.related:
            for a in self.articles:
                a.related = [b for b in newest_first(self.articles) if b is not a][:3]

    def _name_files(self, rng: random.Random) -> None:
        """Hand-made names: a few words of the title, some with a year; two share it."""
        used: set[str] = set()
        pair = rng.sample(self.articles, 2)
        number = pair[0].published.year
        for a in self.articles:
            words = slugify(a.title).split("-")
            k = rng.randint(2, 3)
            with_year = a in pair or rng.random() < 0.3
            while True:
                stem = "-".join(words[:k]) + (f"-{number if a in pair else a.published.year}" if with_year else "")
                if stem not in used:
                    break
                k += 1
            used.add(stem)
            a.slug = stem
            a.path = f"{self.skin.folder}/{stem}.html"
            a.article_id = None

    # --- model ----------------------------------------------------------------------
    def months(self) -> dict[str, list[Article]]:
        out: dict[str, list[Article]] = {}
        for a in newest_first(self.articles):
            out.setdefault(f"{self.skin.folder}/thang-{a.published:%m-%Y}.html", []).append(a)
        return out

    def listing_path(self, page: int) -> str:
        return f"{self.skin.folder}/" if page == 1 else f"{self.skin.folder}/trang-{page}.html"

    def disallowed(self) -> list[str]:
        return ["/admin/"]

    def non_article_paths(self) -> list[str]:
        s = self.skin
        pages = pages_of(self.articles, s.per_page)
        return (["/", "/index.html", "/gioi-thieu.html", "/lien-he.html", "/so-do-trang.html"]
                + [self.listing_path(n) for n in range(1, pages + 1)] + list(self.months()))

    def rel(self, a: Article, here: str) -> str:
        """The href a page in `here`'s folder writes for article `a`."""
        folder = self.skin.folder + "/"
        return a.path[len(folder):] if here.startswith(folder) else a.path

    # --- chrome ---------------------------------------------------------------------
    def page(self, title: str, main: str, here: str) -> str:
        s = self.skin
        up = "../" if here.startswith(s.folder + "/") else ""
        nav = (f'<a href="{up}index.html">Trang chủ</a> | <a href="{up}gioi-thieu.html">Giới thiệu</a> | '
               f'<a href="{s.folder}/">{esc(s.folder_name)}</a> | <a href="{up}lien-he.html">Liên hệ</a> | '
               f'<a href="{up}so-do-trang.html">Sơ đồ trang</a>')
        archive = "".join(f'<li><a href="{p}">Tháng {p[-12:-5].replace("-", "/")}</a></li>' for p in self.months())
        side = f'<div class="luutru"><b>Lưu trữ</b><ul>{archive}</ul></div>'
        foot = f"<p>{esc(self.name)} - Điện thoại: 0238.3822.456</p><p>Thiết kế năm 2012. Ghi rõ nguồn khi trích dẫn.</p>"
        if s.table:
            return f"""<html>
<head>
{s.charset_meta}
<title>{esc(title)}</title>
<link rel="stylesheet" href="/css/style.css">
</head>
<body bgcolor="#ffffff">
<table id="main" width="980" align="center" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="2" class="banner"><img src="/images/banner.jpg" width="980" alt="{attr(self.name)}"></td></tr>
<tr><td colspan="2" class="menu">{nav}</td></tr>
<tr><td class="noidung" width="700" valign="top">
{main}
</td><td class="cotphai" width="280" valign="top">{side}</td></tr>
<tr><td colspan="2" class="footer">{foot}</td></tr>
</table>
</body>
</html>
"""
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
{s.charset_meta}
<title>{esc(title)}</title>
<link rel="stylesheet" href="/css/style.css">
</head>
<body>
<div class="khung">
<div class="banner"><img src="/images/banner.jpg" alt="{attr(self.name)}"></div>
<div class="menu">{nav}</div>
<div class="giua">
<div id="noidung">
{main}
</div>
<div class="cotphai">{side}</div>
</div>
<div class="footer">{foot}</div>
</div>
</body>
</html>
"""

    def crumb(self, here: str, *trail: str) -> str:
        up = "../" if here.startswith(self.skin.folder + "/") else ""
        parts = [f'<a href="{up}index.html">Trang chủ</a>']
        for t in trail:
            parts.append(f'<a href="{self.skin.folder}/">{esc(t)}</a>' if t == self.skin.folder_name else esc(t))
        return f'<p class="duongdan">{" &raquo; ".join(parts)}</p>'

    def dated_list(self, posts: list[Article], here: str) -> str:
        if self.skin.list_table:
            rows = "".join(f'<tr><td class="ngay" width="90">{a.published:%d/%m/%Y}</td>'
                           f'<td><a href="{attr(self.rel(a, here))}">{esc(a.title)}</a></td></tr>' for a in posts)
            return f'<table class="dstin" width="100%" cellpadding="4">{rows}</table>'
        rows = "".join(f'<li><a href="{attr(self.rel(a, here))}">{esc(a.title)}</a> <span class="ngay">({a.published:%d/%m/%Y})</span></li>'
                       for a in posts)
        return f'<ul class="dstin">{rows}</ul>'

    # --- pages ----------------------------------------------------------------------
    def home(self) -> Response:
        s = self.skin
        latest = newest_first(self.articles)
        if s.home == "latest":
            main = f'<h3 class="tieude-khoi">Tin mới</h3>{self.dated_list(latest[:5], "/")}'
        elif s.home == "notice":
            top = latest[0]
            main = (f'<div class="tinmoi"><h3><a href="{attr(top.path)}">{esc(top.title)}</a></h3><p>{esc(top.lead or "")}</p></div>'
                    f'<div class="thongbao"><b>Thông báo</b><p>Lịch tiếp công dân: sáng thứ Năm hằng tuần tại phòng tiếp dân.</p></div>')
        else:
            main = (f'<h2>Chào mừng đến với {esc(self.name)}</h2><p>Cập nhật: 02/01/2024</p>'
                    f'<p>Trang thông tin giới thiệu hoạt động, tin tức và các thông báo của đơn vị.</p>')
        return html(self.page(self.name, main, "/"))

    def listing(self, page: int) -> Response | None:
        s = self.skin
        posts = newest_first(self.articles)
        pages = pages_of(posts, s.per_page)
        if not 1 <= page <= pages:
            return None
        here = self.listing_path(page)
        nav = " ".join(f"<b>{n}</b>" if n == page else f'<a href="{"./" if n == 1 else f"trang-{n}.html"}">{n}</a>'
                       for n in range(1, pages + 1))
        if page < pages:
            nav += f' <a href="trang-{page + 1}.html">Trang sau &raquo;</a>'
        main = f'{self.crumb(here, s.folder_name)}<h2 class="tieude-muc">{esc(s.folder_name)}</h2>{self.dated_list(paginate(posts, s.per_page, page), here)}<p class="trang">{nav}</p>'
        return html(self.page(f"{s.folder_name} - {self.name}", main, here))

    def month(self, path: str) -> Response:
        posts = self.months()[path]
        label = path[-12:-5].replace("-", "/")
        main = (f'{self.crumb(path, self.skin.folder_name, "Lưu trữ")}<h2 class="tieude-muc">Tin tháng {label}</h2>'
                f'<p>Các tin đã đăng trong tháng {label}:</p>{self.dated_list(posts, path)}')
        return html(self.page(f"Tin tháng {label} - {self.name}", main, path))

    def image(self, a: Article, n: int) -> str:
        img = a.images[n]
        if img.style == "table" and img.caption:
            return (f'<table class="anh" align="center" cellpadding="3"><tr><td><img src="{attr(img.src)}" width="500" border="0"></td></tr>'
                    f'<tr><td class="chuthich" align="center">{esc(img.caption)}</td></tr></table>')
        out = f'<p align="center"><img src="{attr(img.src)}" width="500" border="0"></p>'
        return out + (caption_p(img.caption) if img.caption else "")

    def article_page(self, a: Article) -> Response:
        s = self.skin
        tag, _, cls = s.title_tag.partition(".")
        title = f'<{tag} class="{cls}">{esc(a.title)}</{tag}>'
        shown = show_date(a.published, a.date_form)
        if a.byline == "date":
            shown = f"{a.author_text} - {shown}"
        elif a.date_label:
            shown = f"{a.date_label} {shown}"
        dtag, _, dcls = s.date_tag.partition(".")
        date = f'<{dtag} class="{dcls}">{esc(shown)}</{dtag}>'
        lead = ""
        if a.lead_style == "element" and a.lead:
            lead = f'<{s.lead_tag} class="{s.lead_class}"><b>{esc(a.lead)}</b></{s.lead_tag}>'
        body = assemble_body(a, image=lambda art, n: self.image(art, n), bold_lead="<p><b>{}</b></p>",
                             byline_p='<p align="right"><b>{}</b></p>')
        if s.body_wrap:
            body = f'<div class="{s.body_wrap}">\n{body}\n</div>'
        credit = ""
        if a.byline == "label":
            credit = f'<p class="tacgia" align="right">Tác giả: {esc(a.author_text)}</p>'
        elif a.byline == "element":
            credit = f'<div class="tacgia">{esc(a.author_text)}</div>'
        related = ""
        if a.related:
            rows = "".join(f'<li><a href="{attr(self.rel(r, a.path))}">{esc(r.title)}</a> ({r.published:%d/%m/%Y})</li>' for r in a.related)
            related = f'<div class="tinkhac"><h3>{esc(s.related)}</h3><ul>{rows}</ul></div>'
        main = f"{self.crumb(a.path, s.folder_name)}\n{title}\n{date}\n{lead}\n{body}\n{credit}\n{related}"
        return self.article_response(a, self.page(f"{a.title} - {self.name}", main, a.path))

    def simple(self, here: str, heading: str, text: str) -> Response:
        main = f"{self.crumb(here, heading)}<h2 class=\"tieude\">{esc(heading)}</h2>{text}"
        return html(self.page(f"{heading} - {self.name}", main, here))

    def route(self, method, path, query, body, headers) -> Response | None:
        if method == "POST":
            return Response(405, b"", headers={"Allow": "GET, HEAD"})
        s = self.skin
        if path in ("/", "/index.html"):
            return self.home()
        if path == "/gioi-thieu.html":
            return self.simple(path, "Giới thiệu", INTRO.format(name=esc(self.name)))
        if path == "/lien-he.html":
            return self.simple(path, "Liên hệ", CONTACT.format(name=esc(self.name)))
        if path == "/so-do-trang.html":
            return self.simple(path, "Sơ đồ trang", SITEMAP.format(folder=s.folder, folder_name=esc(s.folder_name)))
        if path in (s.folder, s.folder + "/index.html"):
            return Response(301, b"", headers={"Location": self.url(s.folder + "/")})
        if path == s.folder + "/":
            return self.listing(1)
        if path.startswith(s.folder + "/trang-") and path.endswith(".html"):
            number = path[len(s.folder) + 7:-5]
            return self.listing(int(number)) if number.isdigit() and int(number) >= 2 else None
        if path in self.months():
            return self.month(path)
        a = self.by_path().get(path)
        return self.article_page(a) if a is not None else None


INTRO = """<p class="ngaydang">Cập nhật: 12/01/2024</p>
<p>{name} là đơn vị sự nghiệp công lập, có chức năng tham mưu và tổ chức thực hiện các nhiệm vụ chuyên môn trên địa bàn.</p>
<p>Đơn vị có 4 phòng chức năng với 56 cán bộ, viên chức; trụ sở đặt tại trung tâm huyện.</p>
<p>Nhiều năm liền, đơn vị đạt danh hiệu tập thể lao động xuất sắc và được UBND tỉnh tặng bằng khen.</p>"""

CONTACT = """<p class="ngaydang">Ngày đăng: 05/01/2024</p>
<p><b>{name}</b></p>
<p>Địa chỉ: khối 3, thị trấn, huyện, tỉnh Nghệ An. Điện thoại: 0238.3822.456.</p>
<p>Thư góp ý xin gửi về hộp thư của đơn vị; chúng tôi sẽ phản hồi trong thời gian sớm nhất.</p>"""

SITEMAP = """<p class="ngaydang">Cập nhật: 20/02/2024</p>
<p>Các mục chính của trang thông tin:</p>
<ul><li><a href="index.html">Trang chủ</a></li><li><a href="gioi-thieu.html">Giới thiệu</a></li>
<li><a href="{folder}/">{folder_name}</a></li><li><a href="lien-he.html">Liên hệ</a></li></ul>"""
