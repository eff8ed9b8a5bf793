"""The `laws` module (văn bản) of the NukeViet site, after NukeViet's module-laws
templates (`themes/default/modules/laws/main.tpl`, `list.tpl`, `detail.tpl`), written anew.

- list `/laws/`, paginated `/laws/page-2` (PER_PAGE a page, newest issued first): the
  module title in a hidden `h1`, then `div.flex-table-laws` of `div.table-rows` (the
  first one `.table-head`: "STT", "Số hiệu văn bản", "Ngày ban hành", "Trích yếu", "File
  đính kèm"); each row: `div.c-stt`, `div.c-code` (a hidden `span.label-name`, then the
  number linking the detail page), `div.c-time` (d/m/Y), `div.c-intro` (the title in
  `strong` linking the detail page, then the trích yếu in `div.l-intro`: the module's
  "title + trích yếu" display), `div.c-file` with `ul.laws-download` ("Tải tập tin N");
  pager `ul.pagination` as the news module's;
- detail `/laws/detail/{Alias}-{id}/` (the alias is the title ASCII-folded with its case
  kept, as NukeViet's `change_alias` does): `div.law-detail` with the title as `h1`,
  `ul.nav-tabs` ("Tóm tắt", "Nội dung" when the document has typed text, "Tải về" when it
  has files), tab panes `#doc-basic` (the trích yếu as a `p`, then
  `table.table-properties` of label cells `td.col-header` and value cells, two pairs a
  row, a last lone pair `colspan="3"`; empty properties are left out), `#doc-body`
  (`div.bodytext`) and `#doc-files` (`div.laws-download-file`: each file a link
  "Tải tập tin N: <strong>name</strong>", N only when there are several).
  Property labels are the module's own: "Số hiệu văn bản", "Ngày ban hành", "Ngày bắt đầu
  hiệu lực", "Ngày hết hiệu lực", "Thể loại" (the kind), "Lĩnh vực", "Cơ quan ban hành",
  "Người ký", "Tình trạng" (the effectiveness: "Còn hiệu lực", "Hết hiệu lực").
Files are the site's own `/uploads/laws/{YYYY_MM}/{name}`, linked directly and
root-relative (the module's `?download=1` handler is not modelled).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime
from typing import Any, Protocol

from ..response import PORTAL_TZ, Response
from .base import attr, esc, html
from .documents import LAWS_DOCUMENTS, Document, dmy, document_record, register_order

MODULE_PATH = "/laws"
MODULE_TITLE = "Văn bản"
PER_PAGE = 5
ICONS = {"pdf": "fa fa-file-pdf-o", "docx": "fa fa-file-word-o"}


def nv_alias(text: str) -> str:
    """NukeViet's change_alias: ASCII-folded, runs of other characters as "-", case kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


class LawsHost(Protocol):
    """What the module needs of the site it runs on (`nukeviet.NukeVietSite`): its names,
    base URL, chrome and pager. Named here so that the module does not import the site."""

    host: str
    name: str

    @property
    def base(self) -> str: ...

    def page(self, title: str, main: str, *, trail: list[tuple[str, str]] | None = None,
             canonical: str | None = None) -> str: ...

    def pager(self, prefix: str, page: int, pages: int) -> str: ...


class LawsModule:
    """The laws module of `site` (its chrome, pager and base), holding `docs`."""

    def __init__(self, site: LawsHost, docs: list[Document] | None = None) -> None:
        self.site = site
        self.docs = register_order(docs if docs is not None else LAWS_DOCUMENTS)
        self._by_path = {self.detail_path(d): d for d in self.docs}

    # --- model ----------------------------------------------------------------------
    def detail_path(self, doc: Document) -> str:
        return f"{MODULE_PATH}/detail/{nv_alias(doc.shown_title)}-{doc.id}/"

    def file_path(self, doc: Document, name: str) -> str:
        return f"/uploads/laws/{doc.issued:%Y_%m}/{name}"

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.docs) / PER_PAGE))

    def listing_urls(self) -> list[str]:
        base = self.site.base
        return [f"{base}{MODULE_PATH}/"] + [
            f"{base}{MODULE_PATH}/page-{n}" for n in range(2, self.pages + 1)
        ]

    def expected_documents(self) -> list[dict[str, Any]]:
        base = self.site.base
        return [
            document_record(
                d,
                url=base + self.detail_path(d),
                site=self.site.host,
                files=[(base + self.file_path(d, f.name), f.name) for f in d.files],
            )
            for d in self.docs
        ]

    # --- list -----------------------------------------------------------------------
    def list_html(self, page: int) -> str:
        start = (page - 1) * PER_PAGE
        rows = []
        for n, d in enumerate(self.docs[start : start + PER_PAGE], start + 1):
            href = attr(self.detail_path(d))
            several = len(d.files) > 1
            downloads = "".join(
                f'<li><a rel="dofollow" href="{attr(self.file_path(d, f.name))}" title="{attr(f.name)}">'
                f'<i class="fa fa-download"></i> Tải tập tin {k if several else ""}</a></li>'
                for k, f in enumerate(d.files, 1)
            )
            files = f'<ul class="laws-download list-unstyled">{downloads}</ul>' if d.files else ""
            rows.append(f"""    <div class="table-rows">
        <div class="c-stt a-center">{n}</div>
        <div class="c-code"><span class="label-name">Số hiệu văn bản:</span><a rel="dofollow" href="{href}" title="{attr(d.shown_title)}">{esc(d.number)}</a></div>
        <div class="c-time"><span class="label-name">Ngày ban hành:</span>{dmy(d.issued)}</div>
        <div class="c-intro">
            <a rel="dofollow" href="{href}"><strong>{esc(d.shown_title)}</strong></a>
            <div class="l-intro margin-top-sm">
                {esc(d.summary)}
            </div>
        </div>
        <div class="c-file">
            <span class="label-name">File đính kèm:</span>
            {files}
        </div>
    </div>""")
        head = (
            '    <div class="table-rows table-head">\n'
            '        <div class="c-stt a-center">STT</div>\n'
            '        <div class="c-code">Số hiệu văn bản</div>\n'
            '        <div class="c-time">Ngày ban hành</div>\n'
            '        <div class="c-intro">Trích yếu</div>\n'
            '        <div class="c-file">File đính kèm</div>\n'
            "    </div>"
        )
        table = "\n".join([head, *rows])
        pager = self.site.pager(MODULE_PATH, page, self.pages)
        return (
            f'<h1 class="m-bottom hidden">{MODULE_TITLE}</h1>\n'
            f'<div class="flex-table-laws">\n{table}\n</div>\n{pager}'
        )

    # --- detail ---------------------------------------------------------------------
    def properties(self, d: Document) -> list[tuple[str, str]]:
        rows = [("Số hiệu văn bản", d.number), ("Ngày ban hành", dmy(d.issued))]
        if d.effective:
            rows.append(("Ngày bắt đầu hiệu lực", dmy(d.effective)))
        if d.expires:
            rows.append(("Ngày hết hiệu lực", dmy(d.expires)))
        rows += [
            ("Thể loại", d.kind),
            ("Lĩnh vực", d.field),
            ("Cơ quan ban hành", d.agency),
            ("Người ký", d.signer),
            ("Tình trạng", d.status),
        ]
        return rows

    def properties_html(self, d: Document) -> str:
        props = self.properties(d)
        trs = []
        for at in range(0, len(props), 2):
            pairs = props[at : at + 2]
            span = ' colspan="3"' if len(pairs) == 1 else ""
            tds = "".join(
                f'<td class="col-header fw-bold">{esc(k)}</td><td{span}>{esc(v)}</td>'
                for k, v in pairs
            )
            trs.append(f"                        <tr>{tds}</tr>")
        rows = "\n".join(trs)
        return (
            '                <table class="table table-properties table-bordered mb-0">\n'
            f"                    <tbody>\n{rows}\n                    </tbody>\n"
            "                </table>"
        )

    def files_html(self, d: Document) -> str:
        several = len(d.files) > 1
        items = []
        for k, f in enumerate(d.files, 1):
            down = f"Tải tập tin {k if several else ''}"
            icon = ICONS.get(f.name.rsplit(".", 1)[-1].lower(), "fa fa-file-text-o")
            items.append(
                '                    <div class="list-group-item"><div class="download-item">'
                f'<div class="iicon"><i class="{icon}"></i></div><div class="iname">'
                f'<a rel="nofollow" href="{attr(self.file_path(d, f.name))}" title="{attr(down + f.name)}">'
                f"{esc(down)}: <strong>{esc(f.name)}</strong></a></div></div></div>"
            )
        inner = "\n".join(items)
        return f"""        <div role="tabpanel" class="tab-pane" id="doc-files">
            <div class="panel-body">
                <div class="h2 fw-bold margin-bottom-lg"><i class="fa fa-download"></i> Tải về</div>
                <div class="list-group laws-download-file mb-0">
{inner}
                </div>
            </div>
        </div>"""

    def detail_html(self, d: Document) -> str:
        path = attr(self.detail_path(d))
        tabs = [("doc-basic", "Tóm tắt")]
        if d.body:
            tabs.append(("doc-body", "Nội dung"))
        if d.files:
            tabs.append(("doc-files", "Tải về"))
        active = ' class="active"'
        nav = "\n".join(
            f'        <li role="presentation"{active if n == 0 else ""}>'
            f'<a href="#{tab}" data-location="{path}" aria-controls="{tab}" role="tab" '
            f'data-toggle="tab">{title}</a></li>'
            for n, (tab, title) in enumerate(tabs)
        )
        body = ""
        if d.body:
            paras = "\n".join(f"                    <p>{esc(p)}</p>" for p in d.body)
            body = f"""        <div role="tabpanel" class="tab-pane" id="doc-body">
            <div class="panel-body">
                <div class="bodytext">
{paras}
                </div>
            </div>
        </div>"""
        files = self.files_html(d) if d.files else ""
        return f"""<div class="law-detail enable-responsive">
    <h1 class="margin-bottom-lg">{esc(d.shown_title)}</h1>
    <ul class="nav nav-tabs" role="tablist">
{nav}
    </ul>
    <div class="tab-content tab-content-main">
        <div role="tabpanel" class="tab-pane active" id="doc-basic">
            <div class="panel-body">
                <p>{esc(d.summary)}</p>
{self.properties_html(d)}
            </div>
        </div>
{body}
{files}
    </div>
</div>
<div id="comment"></div>"""

    # --- routing --------------------------------------------------------------------
    def respond(self, path: str) -> Response | None:
        """The module's answer for a GET of `path` (under /laws), or None for a 404."""
        site = self.site
        trail = [(f"{MODULE_PATH}/", MODULE_TITLE)]
        if path == MODULE_PATH:
            return Response(301, b"", headers={"Location": f"{site.base}{MODULE_PATH}/"})
        page = 1 if path == f"{MODULE_PATH}/" else 0
        if path.startswith(f"{MODULE_PATH}/page-"):
            number = path[len(f"{MODULE_PATH}/page-") :]
            page = int(number) if number.isdigit() and int(number) >= 2 else 0
        if 1 <= page <= self.pages:
            title = MODULE_TITLE + (f" - Trang {page}" if page > 1 else "")
            return html(site.page(f"{title} - {site.name}", self.list_html(page), trail=trail))
        doc = self._by_path.get(path)
        if doc is None:
            return None
        canonical = site.base + self.detail_path(doc)
        resp = html(site.page(f"{doc.shown_title} - {MODULE_TITLE} - {site.name}",
                              self.detail_html(doc), trail=trail, canonical=canonical))
        resp.last_modified = datetime(doc.issued.year, doc.issued.month, doc.issued.day,
                                      tzinfo=PORTAL_TZ)
        return resp
