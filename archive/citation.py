"""Citing a record of the archive: an article (``crawler.kernel.record.RECORD_KEYS``) or a
register's document (``DOCUMENT_KEYS``), with the address of its reading page in the
archive when there is one.

``work(record, archive_url)`` reads a record once into a ``Work``; the rest write it out:

- ``meta_tags``: the Highwire Press ``citation_*`` tags (and two more) that Zotero's
  "Embedded Metadata" translator reads from a page's head.  It maps ``citation_public_url``
  to the item's URL, so that is the original address; ``citation_fulltext_html_url`` (read
  only when no URL was given) carries the archived copy for Google Scholar and the like.
  An article is a web page: ``citation_title`` alone makes Zotero guess a journal article,
  so ``DC.type`` names Zotero's type and ``og:site_name`` the website.  A document is a
  report of its agency (``citation_technical_report_institution``) under its number
  (``citation_technical_report_number``), which is how Zotero keeps both.
- ``apa`` (7th edition) and ``chicago`` (17th, notes and bibliography: the bibliography
  entry of a web page): plain text lines, the Vietnamese title as it is, the site as the
  website, the original URL and the archived copy after it.
- ``bibtex`` (biblatex ``@online``; ``@report`` for a document) and ``ris`` (``ELEC``;
  ``GOVDOC``): files to download, UTF-8.
- ``csl_item``: one CSL-JSON item (CSL 1.0.2 input schema).

Names are kept as written: a Vietnamese name puts the family name first, and a byline may
be a pen name or a desk ("PV"), so nothing here splits a name into family and given names
(CSL ``literal``; a BibTeX name in braces).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from crawler.kernel.text import clean_text, fold

LANGUAGE = "vi"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# The kinds of document that are legal acts (văn bản quy phạm pháp luật and the decisions
# and directives issued like them): CSL "legislation"; any other kind is a "document".
LEGAL_KINDS = ("hiến pháp", "bộ luật", "luật", "pháp lệnh", "lệnh", "nghị quyết", "nghị định",
               "quyết định", "thông tư", "chỉ thị")
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                "^": r"\textasciicircum{}"}


@dataclass
class Work:
    """What a citation needs of a record, read once.  Dates are (year, month, day) tuples
    cut to what is known: (2024,), (2024, 5) or (2024, 5, 2)."""

    kind: str  # "article" or "document"
    key: str
    title: str
    url: str
    publisher: str  # the site's name, or its host
    authors: list[str] = field(default_factory=list)
    date: tuple[int, ...] = ()
    accessed: tuple[int, ...] = ()
    archive_url: str | None = None
    abstract: str | None = None
    number: str | None = None  # a document's number ("1205/QĐ-UBND")
    genre: str | None = None  # its kind ("Quyết định")
    agency: str | None = None


def authors(value: str | None) -> list[str]:
    """The names of a byline: "A, B" is two authors."""
    return [name for name in (clean_text(part) for part in (value or "").split(", ")) if name]


def parse_date(value: str | None) -> tuple[int, ...]:
    """(year, month, day) of an ISO date or time, as far as it goes; () when none."""
    match = _DATE.match((value or "").strip())
    if not match:
        return ()
    parts = tuple(int(p) for p in match.groups() if p)
    if len(parts) > 1 and not 1 <= parts[1] <= 12 or len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:1]
    return parts


def work(record: dict, archive_url: str | None = None, site_name: str | None = None) -> Work:
    """The Work of an article's or a document's record; ``archive_url``: the public address
    of its reading page in the archive; ``site_name``: the site's name, when known (else
    its host is the publisher)."""
    site = record.get("site") or ""
    common = dict(url=record["url"], publisher=clean_text(site_name) or site,
                  archive_url=archive_url, accessed=parse_date(record.get("fetched_at")))
    if "number" in record and "article_id" not in record:
        number = clean_text(record.get("number")) or None
        title = clean_text(record.get("title")) or number or record["url"]
        summary = clean_text(record.get("summary")) or None
        date = parse_date(record.get("issued"))
        return Work(kind="document", key=_key(site, date, number, record["url"]), title=title,
                    date=date, abstract=summary if summary != title else None, number=number,
                    genre=clean_text(record.get("kind")) or None,
                    agency=clean_text(record.get("agency")) or None, **common)
    date = parse_date(record.get("published_at"))
    return Work(kind="article", key=_key(site, date, record.get("article_id"), record["url"]),
                title=clean_text(record.get("title")) or record["url"],
                authors=authors(record.get("author")), date=date,
                abstract=clean_text(record.get("summary")) or None, **common)


def _key(site: str, date: tuple[int, ...], ident: str | None, url: str) -> str:
    """An ASCII citation key: the site's first name, the year, the record's id or number
    (or a digest of its URL): ``nghean-2024-123456``."""
    labels = [label for label in site.lower().split(".") if label and label != "www"]
    label = _slug(labels[0] if labels else "govnews")
    ident = _slug(ident or "") or hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{label}-{date[0] if date else 'nd'}-{ident}"[:80]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def legal(w: Work) -> bool:
    genre = fold(w.genre or "")
    return any(genre == fold(kind) or genre.startswith(fold(kind) + " ") for kind in LEGAL_KINDS)


# --- the page's head ----------------------------------------------------------------------
def meta_tags(w: Work) -> list[tuple[str, str]]:
    """(name, content) of each ``<meta>`` a reference manager reads from the page."""
    tags = [("citation_title", w.title)]
    tags += [("citation_author", name) for name in w.authors]
    if w.date:
        tags += [("citation_publication_date", _slashed(w.date)), ("citation_date", _slashed(w.date))]
    if w.kind == "document":
        # institution and publisher are one field to Zotero: the agency, else the site
        tags.append(("citation_technical_report_institution", _publisher(w)))
        if w.number:
            tags.append(("citation_technical_report_number", w.number))
    else:
        tags.append(("citation_publisher", w.publisher))
    tags.append(("citation_public_url", w.url))
    if w.archive_url:
        tags.append(("citation_fulltext_html_url", w.archive_url))
    tags.append(("citation_language", LANGUAGE))
    if w.abstract:
        tags.append(("citation_abstract", w.abstract))
    if w.kind == "article":
        tags += [("DC.type", "webpage"), ("og:site_name", w.publisher)]
    return tags


def _publisher(w: Work) -> str:
    """Who published it: a document's agency (else its site), an article's site."""
    return (w.agency if w.kind == "document" else None) or w.publisher


def _creators(w: Work) -> list[str]:
    """The authors, or a document's agency as its author."""
    return w.authors or ([w.agency] if w.kind == "document" and w.agency else [])


def _slashed(date: tuple[int, ...]) -> str:
    """Highwire's date: YYYY/MM/DD (or as much of it as is known)."""
    return "/".join([f"{date[0]:04d}", *(f"{p:02d}" for p in date[1:])])


# --- reference lines ------------------------------------------------------------------------
def _end(text: str) -> str:
    """``text`` closed with a full stop, unless it ends with one (or ? or !)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _numbered_title(w: Work) -> str:
    """A document's title with its kind and number: "Title (Quyết định số 1205/QĐ-UBND)"."""
    label = _number_label(w)
    return f"{w.title} ({label})" if label and label != w.title else w.title


def _number_label(w: Work) -> str | None:
    if not w.number:
        return None
    return f"{w.genre} số {w.number}" if w.genre else w.number


def _long_date(date: tuple[int, ...], apa: bool = False) -> str:
    """"2024, May 2" (APA) or "May 2, 2024" (Chicago), as far as the date goes."""
    year = str(date[0])
    if len(date) == 1:
        return year
    month = MONTHS[date[1] - 1]
    if len(date) == 2:
        return f"{year}, {month}" if apa else f"{month} {year}"
    return f"{year}, {month} {date[2]}" if apa else f"{month} {date[2]}, {year}"


def _apa_names(names: list[str]) -> str:
    """APA's list of authors (up to 20): "A", "A, & B", "A, B, & C"."""
    if len(names) > 20:
        names = [*names[:19], "…", names[-1]]
        return ", ".join(names[:-1]) + " " + names[-1]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa(w: Work) -> str:
    """The APA 7 reference: Author. (Date). Title. Site. URL, then the archived copy.
    No author: the title takes the author's place.  No date: (n.d.) and the date the
    archive retrieved the page."""
    creators = _creators(w)
    title = _numbered_title(w) if w.kind == "document" else w.title
    date = f"({_long_date(w.date, apa=True)})." if w.date else "(n.d.)."
    parts = [_end(_apa_names(creators)), date, _end(title)] if creators else \
        [_end(title), date]
    if w.publisher not in creators:
        parts.append(_end(w.publisher))
    if not w.date and w.accessed:
        parts.append(f"Retrieved {_long_date(w.accessed)}, from {w.url}")
    else:
        parts.append(w.url)
    line = " ".join(parts)
    return f"{line} (archived at {w.archive_url})" if w.archive_url else line


def _chicago_names(names: list[str]) -> str:
    """Chicago's authors in a bibliography, Vietnamese names not inverted: "A", "A and
    B", "A, B, and C" (more than ten: the first seven, et al.)."""
    if len(names) > 10:
        return ", ".join(names[:7]) + ", et al"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def chicago(w: Work) -> str:
    """The Chicago (17th, notes and bibliography) entry of a web page: Author. "Title."
    Site, Date. URL. An undated page gives the date the archive accessed it."""
    creators = _creators(w)
    parts = [_end(_chicago_names(creators))] if creators else []
    title = _end(w.title)
    parts.append(f"“{title}”")
    label = _number_label(w) if w.kind == "document" else None
    if label:
        parts.append(_end(label))
    if w.date:
        parts.append(f"{w.publisher}, {_long_date(w.date)}.")
    else:
        parts.append(_end(w.publisher))
        if w.accessed:
            parts.append(f"Accessed {_long_date(w.accessed)}.")
    parts.append(_end(w.url))
    if w.archive_url:
        parts.append(f"Archived at {_end(w.archive_url)}")
    return " ".join(parts)


# --- files ------------------------------------------------------------------------------------
def bib_escape(text: str) -> str:
    """``text`` for a BibTeX field: its special characters escaped, letters left as they
    are (UTF-8: biber and modern BibTeX read Vietnamese letters)."""
    return "".join(_BIB_SPECIAL.get(c, c) for c in clean_text(text))


def _bib_url(url: str) -> str:
    """A URL for BibTeX's verbatim ``url`` field: what could unbalance it percent-encoded."""
    return re.sub(r"[{}\\\s]", lambda m: f"%{ord(m.group()):02X}", url)


def _iso(date: tuple[int, ...]) -> str:
    return "-".join([f"{date[0]:04d}", *(f"{p:02d}" for p in date[1:])])


def bibtex(w: Work) -> str:
    """A biblatex entry: ``@online`` for an article, ``@report`` for a document."""
    fields = [("title", "{" + bib_escape(w.title) + "}")]
    creators = _creators(w)
    if creators:
        fields.append(("author", " and ".join("{" + bib_escape(n) + "}" for n in creators)))
    if w.date:
        fields += [("date", _iso(w.date)), ("year", str(w.date[0]))]
    if w.kind == "document":
        fields.append(("type", bib_escape(w.genre or "Văn bản")))
        if w.number:
            fields.append(("number", bib_escape(w.number)))
        fields.append(("institution", bib_escape(_publisher(w))))
    else:
        fields.append(("organization", bib_escape(w.publisher)))
    fields.append(("url", _bib_url(w.url)))
    if w.accessed:
        fields.append(("urldate", _iso(w.accessed)))
    fields += [("language", "vietnamese"), ("langid", "vietnamese")]
    if w.archive_url:
        # \url inside another field's text needs % and # escaped (url.sty, hyperref)
        archived = re.sub(r"([%#])", r"\\\1", _bib_url(w.archive_url))
        fields.append(("note", "Archived at \\url{" + archived + "}"))
    entry = "online" if w.kind == "article" else "report"
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@{entry}{{{w.key},\n{body}}}\n"


def _ris_value(text: str) -> str:
    return clean_text(text)  # one line: RIS ends a field at the line's end


def ris(w: Work) -> str:
    """An RIS record (``TY  - ELEC`` for an article, ``GOVDOC`` for a document), each line
    ``XX  - value`` ended with CR LF, closed by ``ER  - ``."""
    lines = [("TY", "ELEC" if w.kind == "article" else "GOVDOC"), ("TI", w.title)]
    creators = _creators(w)
    lines += [("AU", name) for name in creators]
    if w.date:
        lines += [("PY", f"{w.date[0]:04d}"), ("DA", _slashed(w.date))]
    if w.kind == "document" and w.number:
        lines.append(("M1", w.number))
    if w.genre:
        lines.append(("M3", w.genre))
    lines += [("PB", _publisher(w)), ("UR", w.url)]
    if w.accessed:
        lines.append(("Y2", _slashed(w.accessed)))
    lines.append(("LA", LANGUAGE))
    if w.abstract:
        lines.append(("AB", w.abstract))
    if w.archive_url:
        lines.append(("N1", f"Archived at {w.archive_url}"))
    lines.append(("ID", w.key))
    return "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines) + "ER  - \r\n"


def csl_item(w: Work) -> dict:
    """The CSL-JSON item: "webpage" for an article, "legislation" or "document" for a
    document; names as ``literal``."""
    item = {"id": w.key, "citation-key": w.key,
            "type": "webpage" if w.kind == "article" else
            ("legislation" if legal(w) else "document"),
            "title": w.title}
    creators = _creators(w)
    if creators:
        item["author"] = [{"literal": name} for name in creators]
    if w.date:
        item["issued"] = {"date-parts": [list(w.date)]}
    if w.kind == "document":
        item.update({k: v for k, v in (("number", w.number), ("genre", w.genre),
                                       ("authority", w.agency)) if v})
    else:
        item["container-title"] = w.publisher  # the website
    item.update({"publisher": _publisher(w), "URL": w.url, "language": LANGUAGE})
    if w.accessed:
        item["accessed"] = {"date-parts": [list(w.accessed)]}
    if w.abstract:
        item["abstract"] = w.abstract
    if w.archive_url:
        item["note"] = f"Archived at {w.archive_url}"
    return item
