"""A person's profile: a leader's page ("Lãnh đạo tỉnh"), an official's biography, set in
the article template by many installs, with a date ("Cập nhật: 02/01/2025") and running
text (the career).  It is no news: what tells it is a profile's fields, each a label with
its value beside it (a table's rows, a definition list, "Ngày sinh: 14/02/1972"), not a
list of people whose fields head one row's columns (a list of candidates is news)."""

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


def _field(text: str) -> str | None:
    key = fold(text).strip(" :.-")
    return key if len(key) <= 25 and key in PERSONAL | OFFICE else None


def profile_sign(doc) -> str | None:
    """Why the page is a person's profile (the fields it sets as labels), or None."""
    labels: list[str] = []
    for row in doc.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        if len(cells) >= 2 and len(cells[0].text_content()) < 40 and _field(text_of(cells[0])):
            labels.append(text_of(cells[0]).strip(" :"))
    for el in doc.iter("dt", "strong", "b"):
        raw = el.text_content()  # (a label is short, and ends with its colon)
        if len(raw) < 40 and (el.tag == "dt" or raw.rstrip().endswith(":")) and _field(raw):
            labels.append(text_of(el).strip(" :"))
    keys = {fold(label) for label in labels}
    if len(keys) < MIN_FIELDS or len(keys & PERSONAL) < MIN_PERSONAL:
        return None
    return f"a person's profile: its fields {', '.join(dict.fromkeys(labels))}"
