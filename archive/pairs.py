"""Word pairs: a second search index in which a phrase of common words is rare.

A name is made of common words ("Dương Tiến Hòa": each word is in a tenth of a large
archive), so finding the phrase in the word index means reading every match of each
word, hundreds of milliseconds at a million articles, however few articles hold the
phrase or pass a filter; FTS5 cannot skip to a filter's rows.  ``article_pairs_fts``
indexes each pair of neighbouring words of a column as one token ("dương"+"tiến",
"tiến"+"hòa"), so the phrase becomes a phrase of rare tokens: "dương tiến hòa" is the
pair tokens "dương·tiến tiến·hòa" next to each other, found by reading two short lists.

What the index holds and how it stays in step:

- A contentless FTS5 table (no copy of the text; 2-3 KB per article), one column per
  indexed column of ``articles``, so no pair spans two columns; it keeps its column
  sizes, without which no tool could count or scan its rows.  Its tokenizer is the
  word index's (unicode61, marks removed) over each pair token, so case, accents and
  đ/d fold as they do there.  The pair joins its words with SEP, a private-use
  character: unicode61 keeps it inside a token and no word ever holds it (words are
  runs of letters and digits, ``crawler.kernel.text.INDEX_TOKEN``), so no two pairs
  make the same token.
- Making the tokens takes Python (SQL cannot cut text into words), so the triggers
  (schema m015) only queue what changed: ``article_pairs_queue`` gets an 'add' for an
  article inserted and, for one changed or deleted, a 'drop' with its old text (a
  contentless index deletes a row only given the text it indexed).
  ``archive.store.pairs.sync`` indexes the queue; ``archive.store.Archive`` runs it in
  each write transaction, so the queue is empty at every commit of govnews, and when it
  opens an archive another tool wrote (or one m015 has just queued whole).
- ``ready`` says whether the index can be read: it exists and nothing is queued.  A
  search reads it only then, and otherwise reads the word index as before: the pairs
  speed a search up, they never decide what it finds.
"""

from __future__ import annotations

import sqlite_utils

from crawler.kernel.text import INDEX_TOKEN, index_fold

PAIRS_TABLE = "article_pairs_fts"
QUEUE_TABLE = "article_pairs_queue"
COLUMNS = ("title", "summary", "body", "author", "captions")
# Private use: a token character for unicode61 (category Co), never in a word.
SEP = "\ue000"


def tokens(text: str | None) -> list[str]:
    """The words of ``text`` as the word index cuts them (``INDEX_TOKEN``), folded as a
    query is.  Cut at white space first: a run of letters and digits alone
    (``str.isalnum``, what ``INDEX_TOKEN`` matches) is one word as it is, and only the
    others go through the pattern; the same words, in half the time of the pattern
    over the whole text, which the crawl pays for every article."""
    if not text:
        return []
    out: list[str] = []
    find = INDEX_TOKEN.findall
    for chunk in index_fold(text).split():
        if chunk.isalnum():
            out.append(chunk)
        else:
            out.extend(find(chunk))
    return out


def _pairs(words: list[str]) -> str:
    """The pair tokens of ``words``, space-separated, in order."""
    return " ".join(map(SEP.join, zip(words, words[1:])))


def pair_text(text: str | None) -> str:
    """The pair tokens of ``text``, space-separated, in order."""
    return _pairs(tokens(text))


def ready(db: sqlite_utils.Database) -> bool:
    """Whether the pair index exists and holds every article as it is (nothing queued)."""
    return (exists(db, PAIRS_TABLE)
            and db.execute(f"select 1 from {QUEUE_TABLE} limit 1").fetchone() is None)


def exists(db: sqlite_utils.Database, table: str) -> bool:
    """Whether the archive has ``table`` (schema m015 made the pair index's two)."""
    return db.execute("select 1 from sqlite_master where name = ?", [table]).fetchone() is not None


def match(query: str, *, phrase: bool = True) -> str | None:
    """An FTS5 expression over the pair index that finds exactly what ``query`` (the
    language of ``archive.syntax``) finds in the word index, or None when there is none:
    each part (a phrase found or left out) must have two words or more, for a single
    word has no pair.  Words one by one (``phrase=False``) are single words."""
    from .syntax import either, parts, side

    alternatives = []
    for group in parts(query, words=not phrase):
        finds, leaves = [], []
        for words, negated in group:
            found = [t for w in words for t in tokens(w)]
            if len(found) < 2:
                return None
            (leaves if negated else finds).append(f'"{_pairs(found)}"')
        if not finds:
            return None
        alternatives.append(side(finds, leaves))
    return either(alternatives) if alternatives else None
