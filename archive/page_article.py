"""The data of the web view's pages of one record: an article (``/article``), its versions
and their word-level diff (``/article/history``), and a register's document
(``/document``).  Each function reads through ``archive.query`` and
``archive.queries_web`` on the connection ``archive.pages`` hands it, and returns the
context of the page's template (None: not in the archive).

The citation data of an article's or a document's page (``citation_of``, ``cite_context``:
the ``<meta>`` tags reference managers read, the APA and Chicago lines, the BibTeX and RIS
addresses) needs the public address of the page, which only the request knows:
``archive.web`` adds it to the page's context as the page is rendered."""

from __future__ import annotations

import difflib
import json
import re

from markupsafe import Markup, escape

from .citation import Work, apa, chicago, meta_tags, work
from .links import link
from .queries_web import (
    archived_article_urls,
    archived_files,
    article_lifecycle,
    article_status,
    article_titles,
    article_versions,
    cited_document,
    current_version,
    version_count,
)
from .query import documents, records
from .records import CONTENT_FIELDS, page_view


def article_data(db, url: str) -> dict | None:
    rec = next(records(db, "url = ?", [url]), None)
    if rec is None:
        return None
    row = article_lifecycle(db, url)
    versions = version_count(db, url)
    archived = archived_article_urls(db, [r["url"] for r in rec["related"]])
    cited = {}
    for number in rec["cites"]:
        cited[number] = cited_document(db, number)
    files = archived_files(db, [i["url"] for i in rec["images"] + rec["attachments"]])
    return {"title": rec["title"], "rec": rec, "row": row, "versions": versions + 1,
            "paragraphs": [p for p in (rec["body"] or "").split("\n") if p.strip()],
            "archived_related": archived, "cited": cited, "files": files,
            "citation": citation(rec, row)}


def citation(rec: dict, row: dict) -> str:
    """A line to cite the article by: title, site, date, URL, when it was archived."""
    date = (rec["published_at"] or "undated")[:10]
    archived = (row["first_seen_at"] or "")[:10]
    return (f"{rec['title']}. {rec['site']}, {date}. {rec['url']} "
            f"(archived {archived}; govnews)")


def _versions(db, url: str) -> list[dict]:
    """Every version of an article, oldest first, the current record last."""
    out = []
    for row in article_versions(db, url):
        out.append({"version": row["version"], "record": json.loads(row["record"]),
                    "from": row["valid_from"], "until": row["replaced_at"],
                    "because": row["replaced_because"], "parser": row["parser"]})
    current = next(records(db, "url = ?", [url]), None)
    if current is None:
        return []
    row = current_version(db, url)
    out.append({"version": len(out) + 1, "record": current, "from": row["last_changed_at"],
                "until": None, "because": None, "parser": row["parser"], "current": True})
    for before, after in zip(out, out[1:]):
        after["changed"] = [k for k in CONTENT_FIELDS
                            if page_view(before["record"]).get(k) != page_view(after["record"]).get(k)]
        # why the record changed: the reason stored with the version it replaced
        after["why"] = before["because"]
    return out


def history_data(db, url: str, start: str | None, end: str | None) -> dict | None:
    versions = _versions(db, url)
    if not versions:
        return None
    by_number = {v["version"]: v for v in versions}
    try:
        to = by_number[int(end[:18])] if end else versions[-1]
        frm = by_number[int(start[:18])] if start else (versions[-2] if len(versions) > 1
                                                        else None)
    except (KeyError, ValueError):
        frm = to = None
    diff = None
    if frm is not None and to is not None:
        diff = {"from": frm["version"], "to": to["version"],
                "fields": [(k, word_diff(_text(frm["record"].get(k)), _text(to["record"].get(k))))
                           for k in ("title", "summary", "body")
                           if frm["record"].get(k) != to["record"].get(k)],
                "other": [k for k in CONTENT_FIELDS if k not in ("title", "summary", "body")
                          and page_view(frm["record"]).get(k) != page_view(to["record"]).get(k)]}
    row = article_status(db, url)
    return {"title": row["title"], "url": url, "versions": versions[::-1], "diff": diff,
            "gone": row if row["gone_at"] else None, "bad_range": frm is None and bool(end or start)}


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(a: str, b: str) -> Markup:
    """``b`` against ``a``, word by word: removed words in <del>, added ones in <ins>."""
    ta, tb = _WORDS.findall(a), _WORDS.findall(b)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(ta[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>{}</del>").format("".join(ta[i1:i2])))
        if j2 > j1:
            out.append(Markup("<ins>{}</ins>").format("".join(tb[j1:j2])))
    return Markup("").join(out)


def document_data(db, url: str) -> dict | None:
    doc = next(documents(db, "url = ?", [url]), None)
    if doc is None:
        return None
    cited_by = article_titles(db, doc["cited_by"])
    files = archived_files(db, [f["url"] for f in doc["files"]])
    return {"title": doc["title"] or doc["number"], "doc": doc, "cited_by": cited_by,
            "files": files}


def citation_of(db, kind: str, url: str, archive_url: str) -> Work | None:
    """What citing the article (``kind`` "article") or document at ``url`` needs, its page
    in the archive being ``archive_url``; None when the archive has no such record."""
    read = records if kind == "article" else documents
    rec = next(read(db, "url = ?", [url]), None)
    return work(rec, archive_url) if rec is not None else None


def cite_context(w: Work) -> dict:
    """The citation values of a page's template: ``citation_meta``, (name, content) pairs
    for ``<meta>`` tags in its head, and ``cite``: the APA and Chicago lines and the
    addresses of the BibTeX and RIS downloads."""
    return {"citation_meta": meta_tags(w),
            "cite": {"apa": apa(w), "chicago": chicago(w),
                     "bibtex_url": link(f"/{w.kind}/cite.bib", url=w.url),
                     "ris_url": link(f"/{w.kind}/cite.ris", url=w.url)}}
