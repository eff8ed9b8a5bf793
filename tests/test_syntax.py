"""The search language (archive.syntax): compiled expressions run against a real FTS5
table folded as the archive folds its index, and accent-blind filter values."""

from __future__ import annotations

import random
import sqlite3
import unicodedata

import pytest

from archive.syntax import (
    ONLY_NEGATIVE,
    SIDE_NEGATIVE,
    SYNTAX_HELP,
    QueryError,
    compile_query,
    matching_values,
    positive_words,
)

ROWS = {
    1: ("Bão số 3 gây lũ lớn ở Hà Tĩnh", "Mưa lớn kéo dài, bão lũ làm ngập nhiều xã."),
    2: ("Công trình thủy lợi Bản Mồng", "Công trình thuỷ lợi lớn nhất Nghệ An."),
    3: ("Thủy lợi Hà Tĩnh chống hạn", "Hồ chứa ở Hà Tĩnh được kiểm tra."),
    4: ("Chủ tịch Nguyễn Đức Trung tiếp đoàn", "Đồng chí Nguyễn Đức Trung phát biểu."),
    5: ("Bí thư Lê Hồng Vinh thăm huyện", "Ông Lê Hồng Vinh làm việc với xã."),
    6: ("Tiêm vắc xin covid-19", "Dịch bệnh covid được kiểm soát."),
    7: ("Dịch bệnh trên gia súc", "Phòng chống dịch bệnh lở mồm long móng."),
    8: ("Ghi chú kỹ thuật", 'Cú pháp AND OR ( và title: x, NEAR(a b), dấu "ngoặc kép", a* ^a.'),
    9: ("Tourism or not", "To be or not to be: the question."),
    10: ("Lũ quét sau bão", "Nước lũ dâng cao."),
    11: ("Đoàn công tác tỉnh Thanh Hoá", "Đoàn đến Nghệ An."),
    12: ("Từ Hà Nội đến Tĩnh Gia", "Đường ven biển."),
    13: ("Dịch bệnh trên cây trồng", "Sâu bệnh hại lúa."),
}


def folded(text: str) -> str:
    """As the archive indexes text: đ/Đ -> d/D (the tokenizer does the rest)."""
    return text.replace("đ", "d").replace("Đ", "D")


@pytest.fixture(scope="module")
def db():
    con = sqlite3.connect(":memory:")
    con.execute("create virtual table t using fts5(title, body,"
                " tokenize='unicode61 remove_diacritics 2')")
    con.executemany("insert into t(rowid, title, body) values (?, ?, ?)",
                    [(n, folded(t), folded(b)) for n, (t, b) in ROWS.items()])
    yield con
    con.close()


def everything(db) -> set[int]:
    return {r for (r,) in db.execute("select rowid from t")}


def run(db, expr: str) -> set[int]:
    return {r for (r,) in db.execute("select rowid from t where t match ?", [expr])}


@pytest.fixture
def find(db):
    def find(query: str, **kw) -> set[int]:
        expr = compile_query(query, **kw)
        assert expr is not None, query
        return run(db, expr)
    return find


# --- plain words, phrases, folding -------------------------------------------------------

def test_plain_words_are_a_phrase_by_default(find):
    assert find("bão lũ") == {1}
    assert find("lũ bão") == set()


def test_words_mode_finds_each_word_anywhere(find):
    assert find("bão lũ", words=True) == {1, 10}
    assert find("lũ bão", words=True) == {1, 10}


def test_accents_d_and_case_do_not_matter(find):
    assert find("nguyen duc trung") == {4}
    assert find("NGUYỄN ĐỨC TRUNG") == {4}
    assert find("thuy loi") == {2, 3}
    assert find("Thủy lợi") == find("thuỷ lợi") == {2, 3}
    assert find("Thanh Hóa") == {11}
    assert find("doan cong tac") == {11}


def test_decomposed_input_is_read_as_composed(find):
    assert find(unicodedata.normalize("NFD", "Nguyễn Đức Trung")) == {4}


def test_punctuation_inside_a_word_keeps_its_pieces_together(find):
    assert find("covid-19") == {6}
    assert find("covid-19", words=True) == {6}
    assert compile_query("covid-19", words=True) == '"covid 19"'


# --- quotes -------------------------------------------------------------------------------

def test_quoted_is_a_phrase_even_in_words_mode(find):
    assert find("Hà Tĩnh", words=True) == {1, 3, 12}
    assert find('"Hà Tĩnh"', words=True) == {1, 3}


def test_quoted_phrase_next_to_plain_words_must_also_match(find):
    assert find('thủy lợi "Hà Tĩnh"') == {3}
    assert find('"Hà Tĩnh" thủy lợi') == {3}


def test_unclosed_quote_runs_to_the_end(find):
    assert find('"thủy lợi') == {2, 3}
    assert find('bão "lũ lớn') == {1}
    assert compile_query('bão "lũ lớn') == '"bão" AND "lũ lớn"'


# --- OR -----------------------------------------------------------------------------------

def test_or_between_names(find):
    assert find('"Nguyễn Đức Trung" OR "Lê Hồng Vinh"') == {4, 5}
    assert find("Nguyễn Đức Trung OR Lê Hồng Vinh") == {4, 5}
    assert find("Trung OR Vinh OR covid") == {4, 5, 6}


def test_or_is_lowest(find):
    # Trung OR (Vinh xã), not (Trung OR Vinh) xã, which would leave out article 4
    assert find("Trung OR Vinh xã", words=True) == {4, 5}
    assert find("xã Vinh OR Trung", words=True) == {4, 5}
    # a b OR c d is (a b) OR (c d): each side a phrase
    assert find("bão lũ OR thủy lợi") == {1, 2, 3}
    assert compile_query("bão lũ OR thủy lợi") == '("bão lũ") OR ("thủy lợi")'


def test_lower_case_or_and_not_are_words(find):
    assert find("or not") == {9}
    assert find("be or not to be") == {9}
    assert find("covid or Vinh") == set()
    assert find("covid OR Vinh") == {5, 6}
    assert find("tourism not", words=True) == {9}


def test_or_without_two_sides_is_a_word(find):
    assert compile_query("OR") == '"OR"'
    assert compile_query("bão OR") == '"bão OR"'
    assert compile_query("OR bão") == '"OR bão"'
    assert find("be OR") == {9}  # "To be or not to be"
    assert find("or", words=True) == find("OR") == {8, 9}


# --- NOT and minus ------------------------------------------------------------------------

def test_not_leaves_out(find):
    assert find('thủy lợi NOT "Hà Tĩnh"') == {2}
    assert find("dịch bệnh NOT covid") == {7, 13}
    assert find("dịch bệnh -covid") == {7, 13}
    assert find('dịch bệnh -covid -"gia súc"') == {13}
    assert find("dịch -covid bệnh", words=True) == {7, 13}


def test_not_takes_the_run_of_plain_words_after_it_in_phrase_mode(find):
    assert find("thủy lợi NOT Hà Tĩnh") == {2}
    assert compile_query("thủy lợi NOT Hà Tĩnh") == '("thủy lợi") NOT ("Hà Tĩnh")'
    # with words=True it takes one word: thủy lợi Tĩnh, without Hà
    assert compile_query("thủy lợi NOT Hà Tĩnh", words=True) == \
        '("thủy" AND "lợi" AND "Tĩnh") NOT ("Hà")'
    assert find("thủy lợi NOT Hà Tĩnh", words=True) == set()


def test_minus_takes_only_its_own_word(find):
    assert compile_query("-Hà Tĩnh") == '("Tĩnh") NOT ("Hà")'
    assert find('Hà Tĩnh -"thủy lợi"') == {1}


def test_not_binds_tighter_than_or(find):
    assert find("Hà Tĩnh NOT bão OR covid") == {3, 6}
    assert find("covid OR Hà Tĩnh NOT bão") == {3, 6}


def test_a_query_that_only_leaves_out_raises(find):
    for query in ("-covid", "NOT covid", 'NOT "Hà Tĩnh"', '-a -"b c"', "NOT Hà Tĩnh"):
        with pytest.raises(QueryError) as caught:
            compile_query(query)
        assert str(caught.value) == ONLY_NEGATIVE
    assert ONLY_NEGATIVE.startswith("a query cannot only leave things out")
    assert isinstance(QueryError(""), ValueError)


def test_a_side_of_or_that_only_leaves_out_raises(find):
    with pytest.raises(QueryError) as caught:
        compile_query("bão OR -lũ")
    assert str(caught.value) == SIDE_NEGATIVE
    with pytest.raises(QueryError):
        compile_query("bão OR NOT lũ", words=True)


def test_not_without_a_part_after_it_is_a_word(find):
    assert compile_query("bão NOT") == '"bão NOT"'
    assert compile_query("NOT") == '"NOT"'
    assert find("tourism NOT", words=True) == {9}


# --- input that looks like FTS5 syntax ------------------------------------------------------

def test_fts5_syntax_typed_by_a_person_is_text(find):
    assert find("AND OR (") == {8}
    assert find("title:x") == {8}  # article 8's title has neither word: no column filter
    assert find("NEAR(a b)") == {8}
    assert find("^a") == {8}
    assert find("a*") == {8}
    assert find('"ngoặc kép"') == {8}
    assert find("{title}: Vinh") == set()
    assert find("title Vinh", words=True) == set()


HOSTILE = ['"', '""', '"""', "AND OR (", "title:x", "NEAR(a b)", "*", "^a", "a*", ")(",
           "{title body}: x", "x:", "-", "--", "- -", "NOT", "OR", "AND", '"AND" OR "NOT"',
           "a OR", "OR a", "NOT NOT", "NOT OR", "OR NOT a", "a OR OR b", "a NOT NOT b", "'",
           ";--", '\\"', "\x00", "a\x00b", "\u200b", "-\"\"", 'a -" b', "NEAR", "+a", "a:b:c"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_never_makes_a_malformed_expression(db, query):
    for words in (False, True):
        for text, columns in ((query, None), ("bão " + query, ("title", "body"))):
            try:
                expr = compile_query(text, words=words, columns=columns)
            except QueryError:
                continue
            if expr is not None:
                # sqlite3.OperationalError here is the malformed expression this guards
                # against; a well-formed one matches only rows of the table
                assert run(db, expr) <= everything(db), expr


def test_random_input_never_makes_a_malformed_expression(db):
    pieces = ['"', "-", "OR", "NOT", "AND", "(", ")", "*", "^", ":", "{", "}", "+", "bão",
              "Hà", "Tĩnh", "đ", "x", "NEAR", " ", " ", "\t", "'", ",", "-\"", "or"]
    rng = random.Random(20240814)
    for _ in range(2000):
        query = "".join(rng.choice(pieces) + rng.choice(["", " "])
                        for _ in range(rng.randint(1, 9)))
        for words in (False, True):
            try:
                expr = compile_query(query, words=words)
            except QueryError:
                assert "-" in query or "NOT" in query, query
                continue
            if expr is not None:
                try:
                    run(db, expr)
                except sqlite3.Error as exc:  # pragma: no cover - the failure being tested
                    pytest.fail(f"{query!r} -> {expr!r}: {exc}")


def test_nothing_to_search_is_none():
    for query in ("", "   ", '"', '""', "*^()", "- -", ":", "\u200b", "--"):
        assert compile_query(query) is None, query
        assert compile_query(query, words=True) is None, query


# --- columns and folding --------------------------------------------------------------------

def test_columns_filter_the_whole_expression(db):
    assert run(db, compile_query("lớn", columns=("title",))) == {1}
    assert run(db, compile_query("lớn", columns=("body",))) == {1, 2}
    assert run(db, compile_query("lớn", columns=("title", "body"))) == {1, 2}
    expr = compile_query("Vinh OR Trung NOT tịch", columns=("body",))
    assert expr.startswith("{body} : (")
    assert run(db, expr) == {4, 5}  # "tịch" is in article 4's title only
    with pytest.raises(ValueError):
        compile_query("x", columns=("title}: x OR {body",))
    with pytest.raises(ValueError):
        compile_query("x", columns=())


def test_fold_is_applied_to_every_word(db):
    assert compile_query("Đà Nẵng") == '"Dà Nẵng"'
    assert compile_query("Đà Nẵng", fold=str.upper) == '"ĐÀ NẴNG"'
    assert compile_query("Đà Nẵng", fold=lambda w: "") is None
    # whatever a fold returns, only letters and digits reach FTS5
    expr = compile_query("bão", fold=lambda w: w + '" OR title:* NEAR(')
    assert expr == '"bão OR title NEAR"'
    run(db, expr)


# --- highlighting -------------------------------------------------------------------------

def test_positive_words():
    assert positive_words('thủy lợi NOT "Hà Tĩnh" -covid') == ["thủy", "lợi"]
    assert positive_words("Nguyễn Đức Trung OR Lê Hồng Vinh") == \
        ["Nguyễn", "Đức", "Trung", "Lê", "Hồng", "Vinh"]
    assert positive_words("bão bão OR bão") == ["bão"]
    assert positive_words("-Hà Tĩnh") == ["Tĩnh"]
    assert positive_words("thủy lợi NOT Hà Tĩnh") == ["thủy", "lợi"]
    assert positive_words("thủy lợi NOT Hà Tĩnh", words=True) == ["thủy", "lợi", "Tĩnh"]
    assert positive_words("AND OR (") == ["AND", "OR"]
    assert positive_words(unicodedata.normalize("NFD", "Hoà")) == ["Hoà"]
    assert positive_words("") == []


def test_syntax_help_shows_the_examples():
    for example in ("bão lũ", '"Nguyễn Đức Trung" OR "Lê Hồng Vinh"',
                    'thủy lợi NOT "Hà Tĩnh"', "-covid"):
        assert example in SYNTAX_HELP
    assert len(SYNTAX_HELP.splitlines()) <= 8
    # every example line compiles
    for line in SYNTAX_HELP.splitlines()[:4]:
        assert compile_query(line.split("  ")[0]) is not None


# --- accent-blind filter values -----------------------------------------------------------

VALUES = ["Chỉ đạo điều hành", "Chỉ Đạo Điều Hành", "Tin tức - Sự kiện", "Chỉ đạo", None,
          "Kinh tế", "Chỉ  đạo\u00a0điều hành "]


def test_matching_values():
    assert matching_values("chi dao dieu hanh", VALUES) == \
        ["Chỉ đạo điều hành", "Chỉ Đạo Điều Hành", "Chỉ  đạo\u00a0điều hành "]
    assert matching_values("  CHỈ   ĐẠO điều  hành ", VALUES) == matching_values(
        "chi dao dieu hanh", VALUES)
    assert matching_values(unicodedata.normalize("NFD", "Chỉ đạo"), VALUES) == ["Chỉ đạo"]
    assert matching_values("tin tuc - su kien", VALUES) == ["Tin tức - Sự kiện"]
    assert matching_values("chi dao dieu", VALUES) == []
    assert matching_values("", VALUES) == []
    assert matching_values("   ", VALUES) == []
    assert matching_values("kinh te", iter(VALUES)) == ["Kinh tế"]
