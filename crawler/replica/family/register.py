"""The main portal's register of documents (văn bản), in the portal's own chrome.

vnPortal's register markup is not known publicly (PORTAL.md), so this is one plausible
install, with the variety a crawler must expect:
- list `/van-ban`, GET-paginated `/van-ban?page=2` (PAGE_SIZE a page, newest first): a
  `table.table-vanban` with column headers "STT", "Số ký hiệu", "Ngày ban hành", "Trích
  yếu", "Tải về"; each row links the detail page from the number and the trích yếu, and
  each file from "Tải về" (its extension as the text); pager `ul.pagination` of numbered
  links, with "«" and "»";
- detail `/van-ban/{slug}-{id}` (the trích yếu's slug; ids of 4 digits, unlike the
  articles' 5 and more): the trích yếu as `h1.title` (the register has no separate
  title), then the label/value properties in one of three markups: a
  `<table class="table-thuoc-tinh">` of rows
  `<td>label</td><td>value</td>`, a `<dl>` of `<dt>label</dt><dd>value</dd>`, or
  `<div class="row"><div class="label">label:</div><div class="value">value</div></div>`
  (labels with a trailing colon). Labels: "Số ký hiệu", "Ngày ban hành", "Ngày có hiệu
  lực" (only when the document has one), "Loại văn bản" (missing on some documents: the
  kind then follows from the number's code), "Cơ quan ban hành", "Người ký", "Lĩnh vực",
  "Trích yếu". Dates dd/mm/yyyy. Then "Tệp đính kèm": one link a file, its text the
  file's link text, to `http://datafiles.nghean.gov.vn/nan-ubnd/2930/vanban/{year}/...`.
Detail pages carry Last-Modified (the issue date), so conditional GETs get 304.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from ..chrome import SITE_NAME, html_response, page
from ..response import PORTAL_TZ, Response
from ..site import Site
from ..textutil import attr, esc, slugify
from .documents import PORTAL_DOCUMENTS, Document, dmy, document_record, register_order

REGISTER_PATH = "/van-ban"
REGISTER_NAME = "Văn bản"
PAGE_SIZE = 4
FILES_BASE = "http://datafiles.nghean.gov.vn/nan-ubnd/2930/vanban"


class PortalRegister:
    """The register's pages on `base`, in the chrome of `site` (a `crawler.replica.Site`)."""

    def __init__(self, base: str, docs: list[Document] | None = None) -> None:
        self.base = base
        self.docs = register_order(docs if docs is not None else PORTAL_DOCUMENTS)
        self._by_path = {self.detail_path(d): d for d in self.docs}

    # --- model ----------------------------------------------------------------------
    def detail_path(self, doc: Document) -> str:
        return f"{REGISTER_PATH}/{slugify(doc.summary)}-{doc.id}"

    def file_url(self, doc: Document, name: str) -> str:
        return f"{FILES_BASE}/{doc.issued.year}/{name}"

    def files(self, doc: Document) -> list[tuple[str, str]]:
        """(url, link text) of each file, in page order."""
        return [(self.file_url(doc, f.name), f.text or f.name) for f in doc.files]

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.docs) / PAGE_SIZE))

    def list_path(self, n: int) -> str:
        return REGISTER_PATH if n == 1 else f"{REGISTER_PATH}?page={n}"

    def listing_urls(self) -> list[str]:
        return [self.base + self.list_path(n) for n in range(1, self.pages + 1)]

    def expected_documents(self, host: str) -> list[dict[str, Any]]:
        return [
            document_record(d, url=self.base + self.detail_path(d), site=host, files=self.files(d))
            for d in self.docs
        ]

    # --- pages ----------------------------------------------------------------------
    def crumbs(self, active: str | None) -> str:
        if active is None:
            tail = f'<li class="active">{REGISTER_NAME}</li>'
        else:
            tail = f'<li><a href="{REGISTER_PATH}">{REGISTER_NAME}</a></li><li class="active">{esc(active)}</li>'
        return (
            '<div class="breadcrumb-wrap"><ol class="breadcrumb"><li><a href="/">Trang chủ</a>'
            f"</li>{tail}</ol></div>"
        )

    def pager(self, current: int) -> str:
        items = []
        if current > 1:
            items.append(f'<li><a href="{self.list_path(current - 1)}" title="Trang trước">«</a></li>')
        for n in range(1, self.pages + 1):
            if n == current:
                items.append(f'<li class="active"><span>{n}</span></li>')
            else:
                items.append(f'<li><a href="{self.list_path(n)}">{n}</a></li>')
        if current < self.pages:
            items.append(f'<li><a href="{self.list_path(current + 1)}" title="Trang sau">»</a></li>')
        return f'<div class="paging"><ul class="pagination">{"".join(items)}</ul></div>'

    def list_main(self, current: int) -> str:
        rows = []
        start = (current - 1) * PAGE_SIZE
        for n, d in enumerate(self.docs[start : start + PAGE_SIZE], start + 1):
            href = attr(self.detail_path(d))
            downloads = " ".join(
                f'<a class="download" href="{attr(url)}" target="_blank" title="{attr(text)}">'
                f"{url.rsplit('.', 1)[-1].upper()}</a>"
                for url, text in self.files(d)
            )
            rows.append(
                f'      <tr><td class="stt">{n}</td>'
                f'<td class="so-ky-hieu"><a href="{href}">{esc(d.number)}</a></td>'
                f'<td class="ngay-ban-hanh">{dmy(d.issued)}</td>'
                f'<td class="trich-yeu"><a href="{href}">{esc(d.summary)}</a></td>'
                f'<td class="tai-ve">{downloads}</td></tr>'
            )
        body = "\n".join(rows)
        return f"""{self.crumbs(None)}
<div class="UIVanBan">
  <div class="header-title"><h1>Văn bản chỉ đạo, điều hành</h1></div>
  <table class="table table-bordered table-vanban">
    <thead><tr><th>STT</th><th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Tải về</th></tr></thead>
    <tbody>
{body}
    </tbody>
  </table>
  {self.pager(current)}
</div>"""

    def properties(self, d: Document) -> list[tuple[str, str]]:
        rows = [("Số ký hiệu", d.number), ("Ngày ban hành", dmy(d.issued))]
        if d.effective:
            rows.append(("Ngày có hiệu lực", dmy(d.effective)))
        if d.shows_kind:
            rows.append(("Loại văn bản", d.kind))
        rows += [
            ("Cơ quan ban hành", d.agency),
            ("Người ký", d.signer),
            ("Lĩnh vực", d.field),
            ("Trích yếu", d.summary),
        ]
        return rows

    def properties_html(self, d: Document) -> str:
        props = self.properties(d)
        if d.markup == "dl":
            inner = "\n".join(f"    <dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in props)
            return f'  <dl class="vanban-info">\n{inner}\n  </dl>'
        if d.markup == "rows":
            inner = "\n".join(
                f'    <div class="row"><div class="label">{esc(k)}:</div>'
                f'<div class="value">{esc(v)}</div></div>'
                for k, v in props
            )
            return f'  <div class="vanban-info">\n{inner}\n  </div>'
        inner = "\n".join(f"      <tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in props)
        return (
            '  <table class="table table-bordered table-thuoc-tinh">\n    <tbody>\n'
            f"{inner}\n    </tbody>\n  </table>"
        )

    def detail_main(self, d: Document) -> str:
        files = self.files(d)
        if files:
            links = "\n".join(
                f'      <li><a href="{attr(url)}" target="_blank">{esc(text)}</a></li>'
                for url, text in files
            )
            attached = f'  <div class="vanban-files"><strong>Tệp đính kèm:</strong>\n    <ul>\n{links}\n    </ul>\n  </div>'
        else:
            attached = '  <div class="vanban-files"><strong>Tệp đính kèm:</strong> <em>Văn bản chưa có tệp đính kèm.</em></div>'
        return f"""{self.crumbs(d.number)}
<div class="VanBanDetail">
  <h1 class="title">{esc(d.summary)}</h1>
{self.properties_html(d)}
{attached}
</div>"""

    # --- routing --------------------------------------------------------------------
    def respond(self, site: Site, path: str, query: str) -> Response | None:
        """The register's answer for a GET of `path`, or None for a path it does not own
        (the portal then answers its own 404)."""
        if path == REGISTER_PATH:
            values = parse_qs(query).get("page", ["1"])
            current = int(values[0]) if values[0].isdigit() else 0
            if not 1 <= current <= self.pages:
                return None
            title = f"{REGISTER_NAME} - {SITE_NAME}"
            if current > 1:
                title = f"{REGISTER_NAME} - Trang {current} - {SITE_NAME}"
            return html_response(page(site, self.base, title=title, main=self.list_main(current)))
        doc = self._by_path.get(path)
        if doc is None:
            return None
        resp = html_response(
            page(site, self.base, title=f"{doc.number} - {SITE_NAME}", main=self.detail_main(doc))
        )
        resp.last_modified = datetime(doc.issued.year, doc.issued.month, doc.issued.day,
                                      tzinfo=PORTAL_TZ)
        return resp
