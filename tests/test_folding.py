"""One folding, and its SQL twin agrees with it on every Vietnamese letter and tone.

The search index holds text as ``archive.schema.FOLD_SQL`` folds it (in SQL, in generated
columns); queries are folded in Python by ``crawler.kernel.text.index_fold``.  Every
Vietnamese letter with every tone, in both cases, composed and decomposed, alone and in a
word, gives the same key both ways, and FTS5 finds the one with the other."""

from __future__ import annotations

import sqlite3
import unicodedata
from itertools import product

from archive.schema import FOLD_SQL
from crawler.kernel.text import D_FOLD, fold, index_fold, strip_marks

VOWELS = "aăâeêioôơuưy"
# no mark, sắc, huyền, hỏi, ngã, nặng
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
CONSONANTS = "bcdđghklmnpqrstvx"


def letters() -> list[str]:
    out = []
    for vowel, tone in product(VOWELS, TONES):
        composed = unicodedata.normalize("NFC", vowel + tone)
        out += [composed, composed.upper()]
    out += list(CONSONANTS) + list(CONSONANTS.upper())
    return out


def forms(text: str) -> list[str]:
    return [unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)]


def sql_fold(con, text: str) -> str:
    return con.execute(f"select {FOLD_SQL.format(c='?')}", [text]).fetchone()[0]


def test_every_letter_and_tone_folds_the_same_in_python_and_in_sql():
    con = sqlite3.connect(":memory:")
    cases = 0
    for letter in letters():
        for text in forms(letter) + forms(f"Đức {letter}đ"):
            assert unicodedata.normalize("NFC", sql_fold(con, text)) == index_fold(text), text
            cases += 1
    assert cases == (len(VOWELS) * len(TONES) * 2 + len(CONSONANTS) * 2) * 4


def test_the_index_finds_each_letter_written_either_way():
    con = sqlite3.connect(":memory:")
    con.execute("create virtual table t using fts5(x, tokenize='unicode61 remove_diacritics 2')")
    rows = {}
    for letter in letters():
        word = f"q{letter}z"
        for text in forms(word):
            rowid = con.execute("insert into t(x) values (" + FOLD_SQL.format(c="?") + ")",
                                [text]).lastrowid
            rows.setdefault(strip_marks(index_fold(word)).lower(), set()).add(rowid)
    for letter in letters():
        word = f"q{letter}z"
        found = {r for (r,) in con.execute("select rowid from t where t match ?",
                                           [f'"{index_fold(word)}"'])}
        # every spelling of the same skeleton, and nothing else
        assert found == rows[strip_marks(index_fold(word)).lower()], word


def test_the_skeleton_is_the_index_fold_without_marks_or_case():
    for letter in letters():
        for text in forms(letter + "Đđ"):
            assert fold(text) == strip_marks(index_fold(text)).lower()
    assert fold("NGUYỄN ĐỨC TRUNG") == fold("nguyen duc trung") == "nguyen duc trung"
    assert set(D_FOLD) == {"đ", "Đ"}


def test_strip_marks_drops_exactly_the_combining_characters():
    import random

    rng = random.Random(7)
    samples = ["Nguyễn Đức Trung", "NGHỆ AN – “Quyết định”", "hoà hòa", "a\u0301\u0323 e\u0302\u0301",
               "한국어 ελληνικά ﬁ ǅ", "\u0f73\u0344 \u1e94a", ""]
    pool = [chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000]
    samples += ["".join(rng.choice(pool) for _ in range(400)) for _ in range(50)]
    for text in samples:
        one_by_one = "".join(c for c in unicodedata.normalize("NFD", text)
                             if not unicodedata.combining(c))
        assert strip_marks(text) == one_by_one
