"""The archive's metadata for Datasette: a title and a description for every table, a
note on every column, the facets and sorts its page opens with, and the ranked "search"
query (``metadata(database)``).  Text only: ``archive.web`` hands it to Datasette and
registers the SQL functions the query calls."""

from __future__ import annotations

from .fts import FTS_TABLE
from .search import ELLIPSIS, HIGHLIGHT, SNIPPET_TOKENS, WEIGHTS

DATABASE = "archive"
# SQL function (registered on the archive's connections) folding user text into a MATCH
# expression the way the index was folded; used by the "search" query.
MATCH_FUNCTION = "govnews_fts_query"
# ... and one giving a snippet of a folded column in the original text (đ kept).
UNFOLD_FUNCTION = "govnews_unfold"

SEARCH_SQL = f"""select
  a.url,
  a.title,
  a.published_at,
  a.category,
  a.author,
  {UNFOLD_FUNCTION}(snippet({FTS_TABLE}, -1, '{HIGHLIGHT[0]}', '{HIGHLIGHT[1]}', '{ELLIPSIS}', {SNIPPET_TOKENS}),
    a.title, a.summary, a.body, a.author, a.captions) as snippet,
  bm25({FTS_TABLE}, {', '.join(str(w) for w in WEIGHTS)}) as score
from {FTS_TABLE}
  join articles a on a.rowid = {FTS_TABLE}.rowid
where {FTS_TABLE} match {MATCH_FUNCTION}(:q)
order by score
limit 100"""


URL_OF_ARTICLE = "the article's canonical URL (articles.url)"

TABLES = {
    "articles": {
        "title": "Articles",
        "description": (
            "One row per article, newest first. The search box finds the words as a "
            "phrase in the title, lead, body or byline, whatever their case, accents or "
            "tone marks: \"nguyen duc trung\" finds \"Nguyễn Đức Trung\", \"Hòa Bình\" "
            "finds \"Hoà Bình\". The markup (body_html) is left out of this page; each "
            "article's own page, the JSON and the CSV have it."),
        "sort_desc": "published_at",
        "size": 50,
        "label_column": "title",
        # Counted from article_tallies over the whole table (archive.web.TallyFacet).
        "facets": [{"tally": "category"}, {"tally": "site"}, {"month": "published_at"}],
        "columns": dict(
            url="Canonical URL: no ?pageindex=0, no fragment. One row per URL.",
            site="Host the article was found on, e.g. www.nghean.gov.vn.",
            article_id="The portal's numeric id, from the URL.",
            title="Title, as the page gives it (NFC, whitespace collapsed).",
            published_at="Publication date: ISO 8601 in local time "
                         "(2020-08-14T16:30:00+07:00), or a date alone when the page gives "
                         "no time.",
            author="Byline as printed, without labels such as \"Tác giả:\"; empty when none.",
            summary="The lead (sapo); not repeated in the body.",
            body="Article text, paragraphs separated by new lines.",
            captions="The captions of its images, one per line: searched with the text.",
            body_html="The cleaned body markup, links absolute (hidden on this page).",
            category="Category from the breadcrumb, else from the listing that showed it.",
            tags="Tags, as a JSON list.",
            fetched_at="When this copy was fetched (UTC).",
            parser="Parser and version that made the record, e.g. vnportal/1.",
            content_hash="SHA-256 of the normalised fields: changes when the article does.",
            first_seen_at="When the archive first stored the article (UTC).",
            last_seen_at="When a crawl last saw the article (UTC).",
            last_changed_at="When the stored record last changed (UTC).",
            snapshot_id="The fetch (fetches.id) the record was parsed from.",
            gone_at="When the page stopped answering (404/410, or a redirect home); "
                    "empty while it answers.",
            gone_reason="Why the article is considered gone.",
        ),
    },
    "related_links": {
        "title": "Related news links",
        "description": "The related-news block of each article, in page order.",
        "columns": dict(article_url=URL_OF_ARTICLE, position="Order on the page, from 0.",
                            url="Linked article's URL.", title="Link text."),
    },
    "images": {
        "title": "Images",
        "description": "Body images of each article with their captions, in page order.",
        "columns": dict(article_url=URL_OF_ARTICLE, position="Order on the page, from 0.",
                            url="Image URL.", caption="Caption, when the page gives one."),
    },
    "attachments": {
        "title": "Attachments",
        "description": "Documents attached to each article, in page order.",
        "columns": dict(article_url=URL_OF_ARTICLE, position="Order on the page, from 0.",
                            url="Document URL.", name="Document name as linked."),
    },
    "article_listings": {
        "title": "Listings",
        "description": "Every category listing page an article appeared on: an article in "
                       "two categories is one article row and two rows here.",
        "facets": ["category"],
        "columns": dict(article_url=URL_OF_ARTICLE,
                            listing_url="The listing (category) page.",
                            category="The listing's category.",
                            first_seen_at="When the article was first seen there (UTC)."),
    },
    "crawl_runs": {
        "title": "Crawl runs",
        "description": "One row per crawl, newest first.",
        "sort_desc": "id",
        "label_column": "started_at",
        "facets": ["status"],
        "columns": dict(
            id="Run number.", started_at="Start (UTC).", finished_at="End (UTC).",
            status="ok, degraded, fetch_errors, interrupted, storage_error, running or crashed.",
            sites="Start URLs (JSON list).", mode="incremental or full.",
            exit_code="What `govnews crawl` exited with (README: Exit codes).",
            health="Parser health: per site, the share of pages with each field, the archive's "
                   "share, and the fields found degraded (JSON).",
            articles_not_modified="Archived articles that answered 304 Not Modified.",
            pid="Process id of the crawl.", requests="Requests sent.",
            responses="Responses received.", articles_new="Articles stored for the first time.",
            articles_updated="Archived articles whose content changed.",
            articles_unchanged="Archived articles fetched again, unchanged.",
            articles_gone="Archived articles that stopped answering.",
            snapshots="Raw fetches stored.", errors="Problems recorded in crawl_errors.",
            errors_by_kind="Problems counted by kind (JSON).",
            settings="Options the run was started with (JSON)."),
    },
    "pages": {
        "title": "Other pages",
        "description": "Pages found to be listings or neither listing nor article; incremental "
                       "runs do not fetch the latter again.",
        "facets": ["kind"],
        "columns": dict(url="The page.", kind="listing or other.",
                        first_seen_at="First fetched (UTC).", last_fetched_at="Last fetched (UTC)."),
    },
    "listing_walks": {
        "title": "Listing walks",
        "description": "Listings walked to their end by a run that finished: only these may "
                       "stop early on archived articles in incremental runs.",
        "columns": dict(listing_url="The listing.", site="Its host.",
                        completed_at="When (UTC).", pages="Pages walked.",
                        run_id="The run (crawl_runs.id)."),
    },
    "crawl_errors": {
        "title": "Crawl errors",
        "description": "One row per problem met during a crawl, newest first.",
        "sort_desc": "id",
        "facets": ["kind", "run_id"],
        "columns": dict(
            id="Problem number.", run_id="The crawl (crawl_runs.id).", at="When (UTC).",
            url="The page concerned.",
            kind="http_500, timeout, pagination, parse_incomplete, not_an_article, …",
            message="What happened."),
    },
    "fetches": {
        "title": "Fetches",
        "description": "Every response kept raw, as it came over the wire; the body is "
                       "stored once per SHA-256 in bodies.",
        "sort_desc": "id",
        "facets": ["status", "method"],
        "columns": dict(
            id="Fetch number.", run_id="The crawl (crawl_runs.id).",
            url="The URL that answered (after redirects).",
            request_url="The URL asked for.", method="GET or POST.",
            request_headers="Headers sent (JSON pairs).",
            request_body="The POST form, as sent.", status="HTTP status.",
            headers="Response headers (JSON pairs).", fetched_at="When (UTC).",
            body_sha256="The body (bodies.sha256)."),
    },
    "bodies": {
        "title": "Response bodies",
        "description": "Raw response bodies, zlib-compressed, one per SHA-256. The data "
                       "column is left out of this page; a row's page offers it for "
                       "download.",
        "columns": dict(sha256="SHA-256 of the uncompressed body.",
                            size="Uncompressed size in bytes.",
                            compression="How data is compressed (zlib).",
                            data="The compressed body (hidden on this page)."),
    },
    "article_versions": {
        "title": "Article versions",
        "description": "Superseded records: before an article's stored record is replaced, "
                       "the old one is copied here.",
        "sort_desc": "id",
        "facets": ["replaced_because"],
        "columns": dict(
            id="Version row number.", url=URL_OF_ARTICLE,
            version="1 = the first record ever stored for this URL.",
            content_hash="content_hash of that record.",
            record="The full record as JSON, as govnews export writes it.",
            parser="Parser that made it.", snapshot_id="Fetch it was parsed from.",
            valid_from="When it became the current record (UTC).",
            replaced_at="When it was replaced (UTC).",
            replaced_because="site (a new fetch differed) or reparse."),
    },
    "documents": {
        "title": "Documents (văn bản)",
        "description": (
            "The registers' documents: decisions, plans, official letters, one row per "
            "document page, newest first, with facets by issuing agency, kind and year. "
            "The search box finds words of the number, title, summary, agency, signer or "
            "text, whatever their accents."),
        "sort_desc": "issued",
        "size": 50,
        "label_column": "title",
        "facets": ["agency", "kind", "year"],
        "columns": dict(
            url="The document's page in the register.", site="Host of the register.",
            number="Số ký hiệu as printed, e.g. 1205/QĐ-UBND.",
            number_key="The number as every spelling of it folds (1205/QD-UBND): "
                       "citations meet documents on it.",
            title="Title, or the summary when the page gives none.",
            kind="Loại văn bản (Quyết định, Kế hoạch, Công văn …), from the page or else "
                 "from the number's code.",
            agency="Cơ quan ban hành.", issued="Ngày ban hành (YYYY-MM-DD).",
            effective="Ngày có hiệu lực (YYYY-MM-DD), when given.", year="Year of issue.",
            signer="Người ký.", summary="Trích yếu.",
            text="The document's text where its page shows it.",
        ),
    },
    "document_files": {
        "title": "Documents' files",
        "description": "The files each document page links, in page order.",
        "columns": dict(document_url="The document (documents.url).",
                        position="Order on the page, from 0.", url="File URL.",
                        name="Link text."),
    },
    "files": {
        "title": "Files",
        "description": (
            "Every file an article or document links (images, attachments, documents' "
            "files), once per URL: archived (its bytes in bodies, by sha256), pending, "
            "failed (tried again by later runs), too_large or gave_up."),
        "facets": ["state", "host", "content_type"],
        "columns": dict(url="File URL.", host="Its host.", state="archived, pending, failed, "
                        "too_large or gave_up.", sha256="SHA-256 of its bytes (bodies.sha256).",
                        content_type="Content-Type the server gave.", bytes="Size.",
                        fetch_id="The fetch that brought it (fetches.id).",
                        reason="Kind of the last failure.", message="What happened."),
    },
    "file_texts": {
        "title": "Text of files",
        "description": (
            "Text read from each archived file, once per content (sha256): ok, "
            "no_text_layer (a scanned PDF), encrypted, unsupported, failed, timeout or "
            "too_large, with the reason."),
        "facets": ["kind", "status"],
        "columns": dict(sha256="The file's bytes (files.sha256).", kind="pdf, docx, xlsx …",
                        status="What reading it gave.", reason="Why not, or what was left out.",
                        pages="Pages (PDF).", text="The text."),
    },
    "citations": {
        "title": "Citations",
        "description": "Document numbers each article's text names; article_citations "
                       "joins them to the archived documents.",
        "columns": dict(article_url=URL_OF_ARTICLE, position="Order in the text, from 0.",
                        number="The number as canonical (1205/QĐ-UBND).",
                        number_key="As documents.number_key."),
    },
    "document_versions": {
        "title": "Document versions",
        "description": "Superseded document records, copied here before being replaced.",
        "sort_desc": "id",
    },
    "article_pairs_queue": {
        "title": "Word pairs to index",
        "description": (
            "Articles changed since the word-pair search index last read them, with the "
            "text it holds of them; govnews empties it in the same transaction as it "
            "writes, so rows here mean another program wrote the articles (the search "
            "reads the word index alone until govnews next opens the archive to write)."),
    },
    "_sqlite_migrations": {"hidden": True},
}


def metadata(database: str = DATABASE) -> dict:
    """Datasette metadata for an archive served under the name ``database``."""
    return {
        "title": "govnews: Vietnamese government news archive",
        "description_html": (
            "Articles crawled from the Nghệ An provincial portal and its department, "
            "district and commune subsites, one clean record per article. "
            '<a href="/find">Search</a> articles, files and documents, see the archive in '
            '<a href="/charts">charts</a>, its <a href="/runs">runs</a> and '
            '<a href="/sites">sites</a>, or start with the <a href="/archive/articles">'
            "articles table</a> (search box, facets by category, site and month); each "
            "article's title links to its own page, with its history and the page as it "
            "was fetched."),
        "source": "www.nghean.gov.vn and subsites",
        "source_url": "https://www.nghean.gov.vn",
        "databases": {
            database: {
                "description": "The govnews archive, read-only here.",
                "tables": TABLES,
                "queries": {
                    "search": {
                        "title": "Search articles, best matches first",
                        "description": (
                            "Up to 100 articles whose title, lead, body or byline has the "
                            "words of q next to each other and in order, whatever their "
                            "case, accents or tone-mark style, ranked by bm25 (lower "
                            "score: better; a word in the title counts most), with the "
                            "words highlighted in a snippet."),
                        "sql": SEARCH_SQL,
                    },
                },
            },
        },
    }
