"""Full-text search over the archive, for Vietnamese as people type it.

A query matches whatever its case, its diacritics (đ/d included) and its tone-mark style
("Hòa"/"Hoà", "thủy"/"thuỷ"): the index (``articles_fts``, made by
``archive.schema.folded_fts``) holds text folded by the unicode61 tokenizer plus đ -> d,
and a query is folded the same way (``archive.fts``).  Results are ranked by bm25 with the
title weighted above the body, and each carries a snippet of the original accented text
with the match highlighted; dates, categories and sites narrow them
(``archive.filters.Filter``).  Never writes (``Archive.rebuild_index`` re-makes the index).

A query made only of common words (each in more than ``fts.COMMON`` records, on each side
of OR: "tỉnh", "Nguyễn Văn Hùng", "chuyển đổi số" in an archive of a million articles)
lists its matches newest first instead, with rank None.  FTS5's bm25 cannot rank a part of
the matches alone: it counts every record that has each phrase (for the phrase's weight)
before it scores one, so ranking such a query reads most of the index twice, seconds in
a large archive; the newest matches are read from the end of the index and the reading
stops at the limit.  A search that has a rarer word ranks exactly as bm25 over every
match always did.

Such a query with phrases of two words or more (a name: "Nguyễn Văn Hùng") is read from
the pair index (``archive.pairs``), where each pair of neighbouring words is one token:
every word of a name is common, its pairs are rare, so its newest matches are found
without reading every match of each word, with or without a filter.  The pair index
finds the same articles; it is read only when it is in step with the articles.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from urllib.parse import urlsplit

import sqlite_utils

from crawler.kernel.text import INDEX_TOKEN, fold_d

from .filters import Filter
from .fts import (
    COLUMNS,
    DOCUMENT_COLUMNS,
    DOCUMENT_FOLDED,
    FOLDED,
    FTS_TABLE,
    TOKENIZE,
    fts_query,
    plain_query,
    rare_words,
)
from .pairs import PAIRS_TABLE
from .pairs import match as pairs_match
from .pairs import ready as pairs_ready

# bm25 weights, in the index's column order (the originals, then their twins): a word in
# the title says more about what an article is about than the same word deep in the body;
# a name in the byline is nearly as telling.  The originals weigh nothing: a folded query
# finds in them only what it finds, at the same place, in their twins (fts.plain_query).
WEIGHTS = (0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 4.0, 1.0, 5.0, 1.0)
HIGHLIGHT = ("**", "**")
ELLIPSIS = "…"
SNIPPET_TOKENS = 16
# A filter that keeps at most this many articles of a search made only of common words
# is applied from its side: its articles, newest first, are each looked up in the index,
# instead of reading the index's matches until enough pass (see _candidates).
FEW_MATCHES = 50

_SPACES = re.compile(r"\s+")


def query_words(query: str) -> list[str]:
    """The words of a query as the index sees them: NFC, split on anything that is not a
    letter or digit."""
    return INDEX_TOKEN.findall(unicodedata.normalize("NFC", query))


def has_index(db: sqlite_utils.Database) -> bool:
    return db[FTS_TABLE].exists()


def _conditions(keep: Filter, alias: str = "k", only=("site", "category", "dates")
                ) -> tuple[str, dict]:
    """SQL conditions on the table ``alias`` (by default ``k``, the article's row of
    ``article_facets``: its site, category and published_at in a narrow table, schema
    m014) for the filters of ``only``, each after " and ", and their parameters."""
    conds, params = [], {}
    for name, values in (("site", keep.sites), ("category", keep.categories)):
        if values is not None and name in only:
            marks = ", ".join(f":{name}{i}" for i in range(len(values)))
            conds.append(f"{alias}.{name} in ({marks})")
            params.update({f"{name}{i}": v for i, v in enumerate(values)})
    for name, op, bound in (("since", ">=", keep.since), ("until", "<", keep.until)):
        if bound and "dates" in only:
            conds.append(f"{alias}.published_at {op} :{name}")
            params[name] = bound
    return "".join(f" and {c}" for c in conds), params


def _best(db: sqlite_utils.Database, table: str, query: str, phrase: bool, weights,
          limit: int | None, join: str = "", where: str = "", params: dict | None = None,
          ranked: bool | None = None) -> Iterator[tuple[int, float | None]]:
    """(rowid, bm25 or None) of the records of ``table`` (an index) matching ``query``, in
    the order of the results, read lazily; at most ``limit``.  ``join``/``where``/``params``
    add a table (alias ``k``) and conditions on it, tested match by match.

    Ranked by bm25 (``weights``, in the index's column order) when each side of OR of the
    query has a word that is not common (``fts.rare_words``): its matches are then a few
    thousand at most.  Otherwise newest first (the latest stored first): bm25 would count
    and score every record that has the words, up to the whole archive.  ``ranked``:
    whether it is known already.
    """
    params = dict(params or {}, match=plain_query(query, phrase=phrase),
                  limit=-1 if limit is None else limit)
    if rare_words(db, table, query, phrase=phrase) if ranked is None else ranked:
        score = f"bm25({table}, {', '.join(str(w) for w in weights)})"
        order = "score"
    else:
        score, order = "null", "f.rowid desc"
    yield from db.execute(f"select f.rowid, {score} as score from {table} f{join}"
                          f" where {table} match :match{where} order by {order} limit :limit",
                          params)


def _candidates(db: sqlite_utils.Database, query: str, phrase: bool, keep: Filter,
                limit: int | None) -> tuple[bool, Iterator[tuple[int, float | None]]]:
    """The articles of ``_best`` that ``keep`` keeps, and whether they may lie scattered
    over the whole index (see ``_rows``).

    A filter is tested match by match on ``article_facets`` (schema m014), joined after
    the index (CROSS JOIN keeps that order) so that the LIMIT counts only what passes,
    and the index is read only over the span of rowids ``article_tallies`` gives for the
    filter.  A filter that keeps at most FEW_MATCHES articles (by the tallies) of a
    search of common words starts from its articles instead: reading the index's
    matches until enough of them pass could read most of it.  Any other search of
    common words made of phrases reads the pair index (``archive.pairs``) when it is in
    step, the same way.
    """
    where, params = _conditions(keep)
    ranked = rare_words(db, FTS_TABLE, query, phrase=phrase)
    few = False
    if where:
        from .query import tallied_articles

        count, first, last = tallied_articles(db, keep.since, keep.until, keep.sites,
                                              keep.categories)
        if not count:  # no article passes the filters
            return False, iter(())
        # FTS5 reads the index only over the rowids the filter's articles can have: a
        # date range archived long ago skips what came since without reading it
        where += " and f.rowid between :first and :last"
        params.update(first=first, last=last)
        few = count <= FEW_MATCHES
    if few and not ranked:
        params.update(match=plain_query(query, phrase=phrase),
                      limit=-1 if limit is None else limit)
        # the articles listed by an index of theirs: the sites' (site, published_at), else
        # the dates', else the categories'; the other filters tested on article_facets
        first = ("site", "dates") if keep.sites is not None else (
            ("dates",) if keep.since or keep.until else ("category",))
        indexed = _conditions(keep, "a", first)[0][len(" and "):]
        return True, db.execute(
            f"select a.rowid, null from articles a cross join article_facets k on"
            f" k.article_rowid = a.rowid cross join {FTS_TABLE} f on f.rowid = a.rowid"
            f" where {indexed}{where} and {FTS_TABLE} match :match"
            " order by a.rowid desc limit :limit", params)
    join = " cross join article_facets k on k.article_rowid = f.rowid" if where else ""
    pairs = None if ranked or not pairs_ready(db) else pairs_match(query, phrase=phrase)
    if pairs is not None:
        # phrases of common words, found as phrases of their rare word pairs; the hits
        # lie anywhere in the word index (see _rows)
        params.update(match=pairs, limit=-1 if limit is None else limit)
        return True, db.execute(
            f"select f.rowid, null from {PAIRS_TABLE} f{join} where {PAIRS_TABLE} match"
            f" :match{where} order by f.rowid desc limit :limit", params)
    # bm25's best lie anywhere in the index; the newest matches of common words together
    return ranked, _best(db, FTS_TABLE, query, phrase, WEIGHTS, limit, join, where, params,
                        ranked)


def search(db: sqlite_utils.Database, query: str, *, exact: bool = False,
           since: str | dt.date | None = None, until: str | dt.date | None = None,
           category=None, limit: int = 20, phrase: bool = True, site=None) -> list[dict]:
    """Articles matching ``query``, best first, at most ``limit``.

    Each result: url, title, published_at, category, author, rank (bm25: lower is a
    better match) and snippet (the original text around the match, the match between
    ``**``).  ``phrase``: the words must be adjacent and in order (default) or may be
    anywhere in the article.  ``exact``: accents must be as typed (case still ignored).
    ``since``/``until``: published_at on or after / on or before the date (YYYY-MM-DD,
    YYYY-MM or YYYY); articles without a date are then left out.  ``category``,
    ``site``: the article's, as stored (one value or several).  The query may use the
    language of ``archive.syntax`` (OR, NOT, "phrase", -word).

    "Best first" is bm25's order when the query has a word that is not common (in at
    most ``fts.COMMON`` articles, on each side of OR); a query made only of common words
    ("tỉnh", "Nguyễn Văn Hùng" in a large archive) lists its matches newest first (the
    latest archived first), with rank None: see ``_candidates``.
    """
    if limit < 1:
        return []
    if not has_index(db):
        raise LookupError("the archive has no search index; open it once with "
                          "archive.store.Archive (or any govnews command) to add it")
    match = fts_query(query, phrase=phrase, columns=FOLDED)
    if match is None:
        return []
    keep = Filter.of(since, until, category, site)
    scattered, candidates = _candidates(db, query, phrase, keep, None if exact else limit)
    if not exact:
        return _rows(db, list(candidates), match, scattered)
    from .syntax import positive_words

    words = [w.lower() for w in query_words(" ".join(positive_words(query, words=not phrase)))]
    hits, snippets = [], {}
    # Accents as typed are checked on the original text of candidates that matched the
    # folded query, in order, until enough pass; the cursor is read lazily.
    for rowid, score in candidates:
        row = db.execute(f"select url, {', '.join(COLUMNS)} from articles where rowid = ?",
                         [rowid]).fetchone()
        if row is None:
            continue
        found = _exact_snippet(dict(zip(COLUMNS, row[1:])), words, phrase)
        if found is not None:
            hits.append((rowid, score))
            snippets[row[0]] = found
            if len(hits) == limit:
                break
    return [dict(row, snippet=snippets[row["url"]]) for row in _rows(db, hits)]


def _rows(db: sqlite_utils.Database, hits: list[tuple[int, float | None]],
          match: str | None = None, scattered: bool = False) -> list[dict]:
    """The result rows of ``hits``, in their order; with ``match``, with FTS5 snippets.

    Snippets are made for the chosen hits only: each one re-reads and re-tokenizes its
    article, too slow to make for every match.  Hits that lie together (the newest
    matches of common words) are read from the index once over the range of rowids they
    span, the hits picked out of it (the unary + keeps SQLite from handing FTS5 one
    rowid at a time: each would open the index afresh, a costly seek per hit in a large
    index); that range holds what finding them read already.  ``scattered`` hits (ranked
    by bm25, a filter's own articles, or what the pair index found: anywhere in the
    index) get their snippets from their own small index instead
    (``_snippets_apart``).
    """
    cols = "a.url, a.title, a.published_at, a.category, a.author"
    if match is not None and scattered:
        found = _snippets_apart(db, sorted(rowid for rowid, _ in hits), match, cols)
        if found is not None:
            return _results(hits, found)
    if match is None:
        sql = f"select a.rowid, {cols}, null, null, null, null from articles a where a.rowid in"
        params: list = []
    else:
        sql = (f"select f.rowid, {cols}, a.summary, a.body, a.captions,"
               f" snippet({FTS_TABLE}, -1, ?, ?, ?, {SNIPPET_TOKENS})"
               f" from {FTS_TABLE} f join articles a on a.rowid = f.rowid"
               f" where {FTS_TABLE} match ? and "
               + ("f.rowid in" if scattered else "f.rowid between ? and ? and +f.rowid in"))
        params = [*HIGHLIGHT, ELLIPSIS, match]
    found = {}
    rowids = sorted(rowid for rowid, _ in hits)
    for i in range(0, len(rowids), 500):  # within SQLite's limit on bound parameters
        chunk = rowids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        span = [chunk[0], chunk[-1]] if match is not None and not scattered else []
        found.update((row[0], row[1:]) for row in db.execute(f"{sql} ({marks})",
                                                             params + span + chunk))
    return _results(hits, found)


# The scattered hits' own index, on the connection alone (its temp schema, in memory).
APART = "govnews_snippets"


def _snippets_apart(db: sqlite_utils.Database, rowids: list[int], match: str, cols: str
                    ) -> dict[int, tuple] | None:
    """The rows ``_rows`` makes, of hits that lie anywhere in the word index, with
    their snippets from a temporary index of these articles alone, or None when the
    connection cannot make one (its rows are then looked up in the word index).

    In the word index each hit would be looked up alone, every word of the query
    sought in its list for each (10 to 40 ms for 20 hits of a phrase of common words
    in an archive of a million).  A snippet depends only on its row's text and the
    query's places in it, so indexing the hits' folded columns (the only ones a
    folded query matches) with the same tokenizer gives the same snippets; the
    temporary index also checks each hit against the query, as the word index would.
    """
    folded = ", ".join(FOLDED)
    table = f"temp.{APART}"
    try:
        db.execute("pragma temp_store = memory")
        db.execute(f"drop table if exists {table}")
        db.execute(f"create virtual table {table} using fts5({folded},"
                   f" tokenize='{TOKENIZE}')")  # as the word index's
    except sqlite3.Error:  # a connection that may not make temporary tables
        return None
    try:
        for i in range(0, len(rowids), 500):  # within SQLite's limit on bound parameters
            chunk = rowids[i:i + 500]
            db.execute(f"insert into temp.{APART}(rowid, {folded}) select rowid, {folded} from"
                       f" articles where rowid in ({','.join('?' * len(chunk))})", chunk)
        return {row[0]: row[1:] for row in db.execute(
            f"select s.rowid, {cols}, a.summary, a.body, a.captions, snippet({APART}, -1, ?, ?, ?,"
            f" {SNIPPET_TOKENS}) from {table} s join articles a on a.rowid = s.rowid"
            f" where {APART} match ?", [*HIGHLIGHT, ELLIPSIS, match])}
    finally:
        db.execute(f"drop table {table}")


def _results(hits: list[tuple[int, float | None]], found: dict[int, tuple]) -> list[dict]:
    keys = ("url", "title", "published_at", "category", "author")
    out = []
    for rowid, score in hits:
        if rowid in found:  # an index entry whose article is gone: see Archive.rebuild_index
            *values, summary, body, captions, snippet = found[rowid]
            texts = (values[1], summary, body, values[4], captions)  # as fts.COLUMNS
            out.append(dict(zip(keys, values), rank=score,
                            snippet=_tidy(unfold_snippet(snippet or "", texts))))
    return out


def unfold_snippet(snippet: str, originals) -> str:
    """An FTS5 snippet of a folded twin column, in the original text: the twin differs
    from its column only in đ/Đ -> d/D, one character for one, so the snippet's text is
    found in the folded column and read back, character by character, from the original.
    Left as it is when it is found in none (a row changed meanwhile)."""
    start, stop = HIGHLIGHT
    pieces = re.split(f"({re.escape(start)}|{re.escape(stop)})", snippet)
    plain = "".join(p for p in pieces if p not in (start, stop))
    lead = ELLIPSIS if plain.startswith(ELLIPSIS) else ""
    tail = ELLIPSIS if plain.endswith(ELLIPSIS) and len(plain) > len(lead) else ""
    core = plain[len(lead):len(plain) - len(tail)]
    if not core:
        return snippet
    for text in originals:
        if not text:
            continue
        at = fold_d(text).find(core)
        if at < 0:
            continue
        source = iter(lead + text[at:at + len(core)] + tail)
        return "".join(p if p in (start, stop) else "".join(next(source) for _ in p)
                       for p in pieces)
    return snippet


def _exact_snippet(texts: dict[str, str | None], words: list[str],
                   phrase: bool) -> str | None:
    """A snippet where the words occur with accents as typed, or None if they do not.

    Compared case-insensitively on NFC text, word by word, as the index compares: the
    phrase within one column, or (not ``phrase``) each word in some column.
    """
    wanted = set(words)
    seen: set[str] = set()
    best: tuple[int, str, list[re.Match], list[int]] | None = None
    for column in COLUMNS:
        text = texts.get(column)
        if not text:
            continue
        lowered = text.lower()
        if not (all if phrase else any)(w in lowered for w in wanted):
            continue
        tokens = list(INDEX_TOKEN.finditer(text))
        values = [t[0].lower() for t in tokens]
        if phrase:
            n = len(words)
            for i in range(len(values) - n + 1):
                if values[i:i + n] == words:
                    return _cut(text, tokens, list(range(i, i + n)))
            continue
        hit = [i for i, v in enumerate(values) if v in wanted]
        found = {values[i] for i in hit}
        seen |= found
        if hit and (best is None or len(found) > best[0]):
            best = (len(found), text, tokens, hit)
    if best is not None and seen == wanted:
        return _cut(*best[1:])
    return None


def _cut(text: str, tokens: list[re.Match], hit: list[int]) -> str:
    """About SNIPPET_TOKENS tokens of ``text`` from just before the first hit, the hits
    among them highlighted."""
    run = 1  # a phrase's tokens, all of which are shown
    while run < len(hit) and hit[run] == hit[0] + run:
        run += 1
    first = max(0, min(hit[0] - SNIPPET_TOKENS // 4, len(tokens) - SNIPPET_TOKENS))
    last = min(len(tokens), max(first + SNIPPET_TOKENS, hit[0] + run))
    start, stop = HIGHLIGHT
    marked = set(hit)
    out = [ELLIPSIS] if first > 0 else []
    pos = tokens[first].start()
    for i in range(first, last):
        tok = tokens[i]
        out.append(text[pos:tok.start()])
        out.append(f"{start}{tok[0]}{stop}" if i in marked else tok[0])
        pos = tok.end()
    snippet = "".join(out) + (ELLIPSIS if last < len(tokens) else text[pos:])
    return _tidy(snippet)


def _tidy(snippet: str) -> str:
    """One line; highlighted words in a row read as one: "**Hoà** **Bình**" -> "**Hoà Bình**"."""
    start, stop = HIGHLIGHT
    return _SPACES.sub(" ", snippet).strip().replace(f"{stop} {start}", " ")


# --- articles, files and documents together ---------------------------------------------

KINDS = ("article", "file", "document")
# bm25 weights, the originals (never matched by a folded query) then their twins.
DOCUMENT_WEIGHTS = (0.0,) * 6 + (10.0, 10.0, 4.0, 2.0, 2.0, 1.0)


def search_all(db: sqlite_utils.Database, query: str, *, kinds=KINDS, exact: bool = False,
               since: str | dt.date | None = None, until: str | dt.date | None = None,
               category=None, limit: int = 20, phrase: bool = True, site=None
               ) -> list[dict]:
    """Matches in articles, in the text of their files and in the register's documents,
    best first, at most ``limit``.

    Every result has ``kind`` ("article", "file" or "document"), ``url`` (the article's,
    the file's or the document's), title, published_at (a document's: its issue date),
    rank and snippet; a file's result also names the pages that link it
    (``article_url`` or ``document_url``, and ``linked_from``: all of them).  A query that
    is a document number ("1205/QĐ-UBND", "1205/qd-ubnd", "1205 QĐ-UBND") also finds the
    documents with that number, first, and the articles that cite it.  ``since`` and
    ``until`` hold articles to their date, documents to their issue date and files to
    the date of what links them; ``category`` keeps articles of that category (and
    their files) only.  Text is folded as ``search`` folds it; ``exact`` applies to
    articles.
    """
    from crawler.kernel.numbers import number_key

    if limit < 1:
        return []
    out: list[dict] = []
    key = number_key(query)
    if "article" in kinds:
        out += [dict(hit, kind="article") for hit in search(
            db, query, exact=exact, since=since, until=until, category=category,
            limit=limit, phrase=phrase, site=site)]
    keep = Filter.of(since, until, category, site)
    bounds = (keep.since, keep.until)
    categories = None if keep.categories is None else set(keep.categories)
    sites = None if keep.sites is None else set(keep.sites)
    if "document" in kinds and category is None and db["documents_fts"].exists():
        out += [h for h in _documents(db, query, phrase, key, bounds, limit)
                if sites is None or urlsplit(h["url"]).netloc in sites]
    match = fts_query(query, phrase=phrase, columns=("text_f",))
    if "file" in kinds and match and db["file_texts_fts"].exists():
        out += _files(db, query, phrase, match, bounds, categories, sites, limit)
    if key and "article" in kinds:
        seen = {h["url"] for h in out if h["kind"] == "article"}
        out += [h for h in _citing(db, key, bounds, categories, sites) if h["url"] not in seen]
    # ranked hits by rank; those listed newest first (rank None) after them, in their order
    out.sort(key=lambda h: (h["rank"] is None, h["rank"] or 0.0))
    return out[:limit]


def _in_bounds(day: str | None, bounds) -> bool:
    since, until = bounds
    if not since and not until:
        return True
    if not day:
        return False
    return (not since or day >= since) and (not until or day < until)


def _documents(db, query, phrase, key, bounds, limit) -> list[dict]:
    hits: dict[str, dict] = {}
    cols = "d.url, d.number, d.title, d.issued, d.kind, d.agency"
    if key:
        for row in db.execute(f"select {cols} from documents d where d.number_key = ?", [key]):
            if _in_bounds(row[3], bounds):
                hits[row[0]] = _document_hit(row, f"{row[1]}: {row[2] or ''}".strip(), -1e9)
    match = fts_query(query, phrase=phrase, columns=DOCUMENT_FOLDED)
    if match:
        best = _best(db, "documents_fts", query, phrase, DOCUMENT_WEIGHTS, limit * 4)
        originals = ", ".join(f"d.{c}" for c in DOCUMENT_COLUMNS)
        for _rowid, score, row in _with_snippets(db, "documents_fts", match, best, limit,
                                                SNIPPET_TOKENS, f"{cols}, {originals}",
                                                "documents d on d.rowid = f.rowid"):
            if row[1] not in hits and _in_bounds(row[4], bounds):
                hits[row[1]] = _document_hit(row[1:], _tidy(unfold_snippet(row[0] or "",
                                                                           row[7:])), score)
                if len(hits) >= limit:
                    break
    return list(hits.values())[:limit]


def _with_snippets(db, table: str, match: str, best, batch: int, tokens: int, columns: str,
                   join: str) -> Iterator[tuple[int, float | None, tuple]]:
    """(rowid, score, (snippet, *columns)) of the records ``best`` yields (rowid, score),
    in its order, read ``batch`` at a time: a caller that has enough stops reading (no
    snippet is made for what it does not show).  ``match`` is over the folded columns;
    ``join`` gives the table of ``columns``.  The index is read as ``_rows`` reads it:
    once over the span of each batch's rowids."""
    best = iter(best)
    while chunk := [hit for _, hit in zip(range(batch), best)]:
        rowids = sorted(rowid for rowid, _ in chunk)
        sql = (f"select f.rowid, snippet({table}, -1, ?, ?, ?, {tokens}), {columns}"
               f" from {table} f join {join} where {table} match ? and f.rowid between ?"
               f" and ? and +f.rowid in ({','.join('?' * len(rowids))})")
        rows = {row[0]: row[1:] for row in db.execute(
            sql, [*HIGHLIGHT, ELLIPSIS, match, rowids[0], rowids[-1], *rowids])}
        yield from ((rowid, score, rows[rowid]) for rowid, score in chunk if rowid in rows)


def _document_hit(row, snippet: str, rank: float) -> dict:
    url, number, title, issued, kind, agency = row[:6]
    return {"kind": "document", "url": url, "number": number, "title": title,
            "published_at": issued, "category": kind, "author": agency, "rank": rank,
            "snippet": snippet}


def _files(db, query, phrase, match, bounds, categories, sites, limit) -> list[dict]:
    best = _best(db, "file_texts_fts", query, phrase, (0.0, 1.0), limit * 4)
    out: list[dict] = []
    for _rowid, score, (snippet, sha256, text) in _with_snippets(
            db, "file_texts_fts", match, best, limit, SNIPPET_TOKENS * 2, "t.sha256, t.text",
            "file_texts t on t.rowid = f.rowid"):
        if len(out) >= limit:  # the merged results keep at most limit of them
            break
        snippet = unfold_snippet(snippet or "", (text,))
        links = _file_links(db, sha256)
        kept = [link for link in links
                if _in_bounds(link["published_at"], bounds)
                and (categories is None or link.get("category") in categories)
                and (sites is None or urlsplit(link["page_url"]).netloc in sites)]
        if not kept:
            continue
        first = kept[0]
        hit = {"kind": "file", "url": first["file_url"], "title": first["name"] or
               first["file_url"].rsplit("/", 1)[-1], "published_at": first["published_at"],
               "category": first.get("category"), "author": None, "rank": score,
               "snippet": _tidy(snippet or ""), "linked_from": [k["page_url"] for k in kept],
               "sha256": sha256}
        hit["document_url" if first["page_kind"] == "document" else "article_url"] = \
            first["page_url"]
        out.append(hit)
    return out


def _file_links(db, sha256: str) -> list[dict]:
    """Every page that links a file with these bytes, newest first."""
    rows = db.execute(
        "select fl.url, l.name, a.url, a.published_at, a.category, 'article' from files fl"
        " join (select article_url, url, name from attachments union all"
        "       select article_url, url, caption from images) l on l.url = fl.url"
        " join articles a on a.url = l.article_url where fl.sha256 = ?"
        " union all select fl.url, df.name, d.url, d.issued, null, 'document' from files fl"
        " join document_files df on df.url = fl.url join documents d on d.url = df.document_url"
        " where fl.sha256 = ? order by 4 desc", [sha256, sha256]).fetchall()
    return [{"file_url": r[0], "name": r[1], "page_url": r[2], "published_at": r[3],
             "category": r[4], "page_kind": r[5]} for r in rows]


def _citing(db, key, bounds, categories, sites) -> list[dict]:
    """Articles that cite the document number ``key``, newest first, ranked just after
    the document itself."""
    rows = db.execute(
        "select distinct a.url, a.title, a.published_at, a.category, a.author, c.number"
        " from citations c join articles a on a.url = c.article_url where c.number_key = ?"
        " order by a.published_at desc", [key]).fetchall()
    return [{"kind": "article", "url": r[0], "title": r[1], "published_at": r[2],
             "category": r[3], "author": r[4], "rank": -1e6 + i,
             "snippet": f"cites {r[5]}"}
            for i, r in enumerate(rows)
            if _in_bounds(r[2], bounds) and (categories is None or r[3] in categories)
            and (sites is None or urlsplit(r[0]).netloc in sites)]
