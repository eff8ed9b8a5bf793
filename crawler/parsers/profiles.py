"""Records set in the article template that are no news: a person's profile and an
administrative procedure's record.

A profile is a leader's page ("Lãnh đạo tỉnh"), an official's biography, with a date
("Cập nhật: 02/01/2025") and running text (the career).  A procedure's record (thủ tục
hành chính: its code, steps, papers, time limit, fee and legal basis) is reference data a
portal keeps beside the news, often in the same template.  What tells either is its fields,
each a label with its value beside it (a table's rows, a definition list, "Ngày sinh:
14/02/1972", a heading over each part), not a list of people whose fields head one row's
columns (a list of candidates is news), nor a news item that names a procedure in its
text."""

from __future__ import annotations

from ..kernel.text import fold
from .page import text_of

# A person's own fields, and the fields of an office held.
PERSONAL = {"ngay sinh", "nam sinh", "que quan", "dan toc", "ton giao", "noi sinh",
            "ngay vao dang", "gioi tinh"}
OFFICE = {"ho va ten", "ho ten", "chuc vu", "chuc vu hien nay", "trinh do chuyen mon",
          "trinh do", "ly luan chinh tri", "hoc ham", "hoc vi", "linh vuc phu trach",
          "don vi cong tac", "qua trinh cong tac"}
# At least this many of a profile's fields, as many of them a person's own.
MIN_FIELDS, MIN_PERSONAL = 3, 2
# A procedure's parts as the national procedure database and the portals print them; its
# record sets this many of them as labels, one of them a step, a paper or a time limit.
PROCEDURE = {"ma thu tuc", "ma so thu tuc", "trinh tu thuc hien", "cach thuc thuc hien",
             "thanh phan ho so", "thanh phan, so luong ho so", "so luong ho so",
             "thoi han giai quyet", "doi tuong thuc hien", "co quan thuc hien",
             "co quan giai quyet", "ket qua thuc hien", "phi, le phi", "le phi",
             "can cu phap ly", "yeu cau, dieu kien thuc hien", "yeu cau, dieu kien",
             "cap thuc hien", "ten thu tuc"}
PROCEDURE_CORE = {"trinh tu thuc hien", "thanh phan ho so", "thanh phan, so luong ho so",
                  "thoi han giai quyet"}
MIN_PROCEDURE = 4
_KNOWN = PERSONAL | OFFICE | PROCEDURE


def _field(text: str) -> str | None:
    key = fold(text).strip(" :.-")
    return key if len(key) <= 32 and key in _KNOWN else None


def profile_sign(doc) -> str | None:
    """Why the page is a person's profile or a procedure's record (the fields it sets as
    labels), or None."""
    labels: list[str] = []
    for row in doc.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        if len(cells) >= 2 and len(cells[0].text_content()) < 40 and _field(text_of(cells[0])):
            labels.append(text_of(cells[0]).strip(" :"))
    for el in doc.iter("dt", "strong", "b", "h3", "h4", "h5"):
        raw = el.text_content()  # (a label is short, and ends with its colon or heads a part)
        if len(raw) < 40 and (el.tag in ("dt", "h3", "h4", "h5") or raw.rstrip().endswith(":")) \
                and _field(raw):
            labels.append(text_of(el).strip(" :"))
    keys = {fold(label).strip(" :.-") for label in labels}
    named = ", ".join(dict.fromkeys(labels))
    if len(keys & PROCEDURE) >= MIN_PROCEDURE and keys & PROCEDURE_CORE:
        return f"an administrative procedure's record: its fields {named}"
    if len(keys - PROCEDURE) < MIN_FIELDS or len(keys & PERSONAL) < MIN_PERSONAL:
        return None
    return f"a person's profile: its fields {named}"
