"""The search language people type, compiled to an FTS5 MATCH expression.

The language is small on purpose::

    bão lũ                  words next to each other: one phrase ("bão lũ", in this order)
                            or, with ``words=True``, each word anywhere in the article
    "Nguyễn Đức Trung"      a quoted phrase is always a phrase; an unclosed quote runs to
                            the end of the query
    a OR b                  either; OR in capitals, as a word on its own
    a NOT b, a -b           leave out what has b; NOT in capitals, as a word on its own,
                            or a minus stuck to the front of a word or a quoted phrase

Precedence, highest first:

1. ``NOT`` applies to the part right after it: a quoted phrase; in phrase mode the
   whole run of plain words after it (``NOT Hà Tĩnh`` leaves out the phrase "Hà Tĩnh");
   with ``words=True`` one word.  ``-`` applies only to the word or quoted phrase it is
   stuck to (``-Hà Tĩnh`` leaves out "Hà" and looks for "Tĩnh").
2. Parts side by side must all match (AND).
3. ``OR`` is lowest: ``a b OR c d`` is ``(a b) OR (c d)``; no parentheses in the
   language, so there is nothing else to learn.

A word with punctuation inside and no space (``covid-19``, ``1205/QĐ-UBND``,
``title:x``) stays one part: its pieces form a phrase, whatever the mode.  An ``OR``
without a part on both sides, or a ``NOT`` without a part after it, is an ordinary word,
as are lower-case ``or`` and ``not`` (English quoted in articles).  Any other character
that is not a letter or digit separates words, so parentheses, ``*``, ``^``, ``:``,
``NEAR`` and ``AND`` typed by a person are text, never FTS5 syntax: every word reaches
FTS5 inside a double-quoted string, and the expression is parenthesized by this module
alone, so it cannot be malformed.

FTS5's NOT is binary (``a NOT b``): something must be found before anything can be left
out, so a query (or a side of an OR) made only of left-out parts raises ``QueryError``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crawler.kernel.text import INDEX_TOKEN, index_fold
from crawler.kernel.text import fold as fold_text

SYNTAX_HELP = """\
bão lũ                                the words next to each other, in this order
"Nguyễn Đức Trung" OR "Lê Hồng Vinh"  either name (OR in capitals)
thủy lợi NOT "Hà Tĩnh"                leave out what mentions Hà Tĩnh (NOT in capitals)
dịch bệnh -covid                      leave out a word: a minus stuck to its front
Accents, đ/d and case do not matter; other punctuation is ignored."""

_COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SPACE = re.compile(r"\s")

OR, NOT = "OR", "NOT"

ONLY_NEGATIVE = ("a query cannot only leave things out: add a word to find,"
                 " e.g. bão NOT Hà Tĩnh")
SIDE_NEGATIVE = ("each side of OR needs a word to find, not only words to leave out:"
                 " e.g. bão OR lũ NOT Hà Tĩnh")


class QueryError(ValueError):
    """A query that cannot run; its message is one sentence a person can act on."""


@dataclass
class _Part:
    words: list[str]
    quoted: bool = False
    negated: bool = False


def _lex(text: str) -> list[_Part | str]:
    """Parts (with their words as typed, NFC) and the operator names ``OR``/``NOT``.

    Chunks are cut at white space and double quotes; a chunk without letters or digits
    is only a separator and yields nothing.
    """
    text = unicodedata.normalize("NFC", text)
    out: list[_Part | str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if _SPACE.match(ch):
            i += 1
            continue
        negated = False
        if ch == "-" and i + 1 < n and text[i + 1] == '"':
            negated, i = True, i + 1
            ch = '"'
        if ch == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            words = INDEX_TOKEN.findall(text[i + 1:end])
            if words:
                out.append(_Part(words, quoted=True, negated=negated))
            i = end + 1
            continue
        start = i
        while i < n and text[i] != '"' and not _SPACE.match(text[i]):
            i += 1
        chunk = text[start:i]
        if chunk in (OR, NOT):
            out.append(chunk)
            continue
        if chunk.startswith("-"):
            negated, chunk = True, chunk[1:]
        words = INDEX_TOKEN.findall(chunk)
        if words:
            out.append(_Part(words, negated=negated))
    return out


def _parse(text: str, words: bool) -> list[list[_Part]]:
    """The alternatives (split at OR) of ``text``, each a list of parts, NOT applied.

    A NOT is an operator only before a part, an OR only between a part and a part (or an
    operator NOT); otherwise each is an ordinary word.  In phrase mode a run of plain
    parts (neither quoted nor with a minus) side by side is one part, with or without a
    NOT in front of it.
    """
    items = _lex(text)
    resolved: list[_Part | str] = []
    for i, item in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        if item == NOT and not isinstance(nxt, _Part):
            item = _Part([NOT])
        elif item == OR:
            before = resolved[-1] if resolved else None
            after_ok = isinstance(nxt, _Part) or (
                nxt == NOT and i + 2 < len(items) and isinstance(items[i + 2], _Part))
            if not (isinstance(before, _Part) and after_ok):
                item = _Part([OR])
        resolved.append(item)
    groups: list[list[_Part]] = [[]]
    negate_next = False
    open_run = False  # whether the last part takes in the next plain part (phrase mode)
    for item in resolved:
        if item == OR:
            groups.append([])
            open_run = False
        elif item == NOT:
            negate_next = True
            open_run = False
        else:
            assert isinstance(item, _Part)
            plain = not item.quoted and not item.negated
            if plain and open_run and not negate_next:
                groups[-1][-1].words.extend(item.words)
                continue
            part = _Part(list(item.words), item.quoted, item.negated or negate_next)
            groups[-1].append(part)
            open_run = plain and not words
            negate_next = False
    return [g for g in groups if g]


def _phrase(words: list[str], fold: Callable[[str], str]) -> str | None:
    """A double-quoted FTS5 string of the folded words, or None if none is left.

    The folded text is split again, so whatever ``fold`` returns, only letters and
    digits end up inside the quotes.
    """
    tokens = [t for w in words for t in INDEX_TOKEN.findall(fold(w))]
    return '"' + " ".join(tokens) + '"' if tokens else None


def side(finds: list[str], leaves: list[str]) -> str:
    """One side of OR as FTS5 reads it: every phrase of ``finds`` (FTS5 strings, at least
    one), none of ``leaves``."""
    expr = " AND ".join(finds)
    return f"({expr}) NOT ({' OR '.join(leaves)})" if leaves else expr


def either(alternatives: list[str]) -> str:
    """The sides of OR (``side``'s, at least one) as one FTS5 expression."""
    if len(alternatives) == 1:
        return alternatives[0]
    return " OR ".join(f"({a})" for a in alternatives)


def compile_query(text: str, *, words: bool = False, fold: Callable[[str], str] | None = None,
                  columns: tuple[str, ...] | None = None) -> str | None:
    """An FTS5 MATCH expression for ``text`` in the language above, or None when it has
    nothing to search (no letters or digits).

    ``words``: plain words side by side are each looked for anywhere (AND) instead of as
    one phrase.  ``fold``: applied to every word (default: NFC, đ/Đ -> d/D, as the
    archive's index is folded).  ``columns``: FTS column names the whole expression is
    restricted to.  Raises ``QueryError`` for a query that only leaves things out.
    """
    fold = fold or index_fold
    if columns is not None:
        bad = [c for c in columns if not _COLUMN.match(c)]
        if bad or not columns:
            raise ValueError(f"not FTS column names: {columns!r}")
    alternatives: list[str] = []
    only_negative = 0
    for group in _parse(text, words):
        finds, leaves = [], []
        for part in group:
            phrase = _phrase(part.words, fold)
            if phrase is not None:
                (leaves if part.negated else finds).append(phrase)
        if not finds:
            only_negative += bool(leaves)
            continue
        alternatives.append(side(finds, leaves))
    if only_negative:
        raise QueryError(SIDE_NEGATIVE if alternatives else ONLY_NEGATIVE)
    if not alternatives:
        return None
    expr = either(alternatives)
    if columns:
        expr = "{" + " ".join(columns) + "} : (" + expr + ")"
    return expr


def searchable(text: str) -> bool:
    """Whether ``text`` has something to search for: a word (letters or digits) that is
    not only an operator.  ``""``, ``*``, ``()``, ``-`` and ``NOT`` or ``OR`` alone have
    not (``compile_query`` would look for the word "NOT"; ``"NOT"`` in quotes does)."""
    return any(isinstance(item, _Part) for item in _lex(text))


def positive_words(text: str, *, words: bool = False) -> list[str]:
    """The words of ``text`` to highlight in snippets: those of parts not left out,
    as typed (NFC), once each, operators excluded.  ``words`` as for ``compile_query``
    (it decides how far a NOT reaches)."""
    seen: dict[str, None] = {}
    for group in _parse(text, words):
        for part in group:
            if not part.negated:
                seen.update((w, None) for w in part.words)
    return list(seen)


def parts(text: str, *, words: bool = False) -> list[list[tuple[list[str], bool]]]:
    """Every part of each side of OR in ``text``: its words (as typed, NFC) and whether
    it is left out; ``words`` as for ``compile_query``."""
    return [[(list(part.words), part.negated) for part in group]
            for group in _parse(text, words)]


def alternatives(text: str, *, words: bool = False) -> list[list[list[str]]]:
    """The parts that find, of each side of OR in ``text``: for each alternative, the
    words (as typed, NFC) of each part not left out; ``words`` as for ``compile_query``.
    A record matches an alternative only if it has every word of its parts."""
    return [[list(part.words) for part in group if not part.negated]
            for group in _parse(text, words)]


def _key(value: str) -> str:
    return " ".join(fold_text(value).casefold().split())


def matching_values(wanted: str, values: Iterable[str]) -> list[str]:
    """The ``values`` equal to ``wanted`` once both are folded (accents, đ/d, case and
    white space ignored), in their order: "chi dao dieu hanh" matches "Chỉ đạo điều
    hành" and "Chỉ Đạo Điều Hành"."""
    key = _key(wanted or "")
    if not key:
        return []
    return [v for v in values if v is not None and _key(v) == key]
