"""What a crawl knows before it fetches anything: what earlier runs left in the archive
(``CrawlMemory``), read through ``archive.crawl_reads``.

A subsite found during the run adds its own memory to the run's (``CrawlMemory.merge``).
What there is of each archived page and file stays on disk
(``archive.crawl_reads.EarlierRuns``), and so do the URLs the run has asked for; each is
asked a URL at a time, so a crawl's memory grows neither with the archive nor with the run.
Nothing here writes to the archive.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archive.crawl_reads import EarlierRuns, UrlSet


class ArchivedPages(Mapping):
    """url -> when it was fetched: the live articles and documents the archive holds."""

    def __init__(self, runs: EarlierRuns):
        self.runs = runs

    def __getitem__(self, url: str) -> str | None:
        found, fetched_at = self.runs.fetched_at(url)
        if not found:
            raise KeyError(url)
        return fetched_at

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self.runs.fetched_at(url)[0]

    def __iter__(self) -> Iterator[str]:
        return (url for url, _ in self.runs.pages())

    def __len__(self) -> int:
        return self.runs.count()


class ShownTitles(Mapping):
    """url -> (title,) as archived, to notice an edit a listing shows."""

    def __init__(self, runs: EarlierRuns):
        self.runs = runs

    def __getitem__(self, url: str) -> tuple:
        found, title = self.runs.title(url)
        if not found:
            raise KeyError(url)
        return (title,)

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self.runs.title(url)[0]

    def __iter__(self) -> Iterator[str]:
        return (url for url, _ in self.runs.pages() if self.runs.title(url)[0])

    def __len__(self) -> int:
        return sum(1 for _ in self)


class CrawlMemory:
    """What earlier runs know of the sites being crawled; files are ``FileFetcher``'s."""

    def __init__(self) -> None:
        self.runs = EarlierRuns()
        self.archived = ArchivedPages(self.runs)
        self.shown = ShownTitles(self.runs)
        # Marked gone lately: fetched again each run (archive.query.GONE_RECHECK_DAYS).
        self.gone: set[str] = set()
        # Pages once found to be neither listings nor articles.
        self.other_pages: set[str] = set()
        # Listings once walked to their end (an incremental walk may stop early on them),
        # with the layout that read each.
        self.walked_listings: dict[str, str | None] = {}
        # site -> its newest archived articles, re-fetched to judge the parser's health.
        self.canaries: dict[str, list[str]] = {}
        # Articles earlier runs saw listed but could not store.
        self.pending: list[dict] = []
        # The hosts earlier runs crawled as subsites (with --subsites).
        self.subsites: set[str] = set()
        # What this run asked for (articles, files), kept on disk with the rest.
        self.requested = UrlSet(self.runs, "article")
        self.requested_files = UrlSet(self.runs, "file")
        # Pages met first as plain links and read as no article: asked again as articles
        # when a listing lists them (a page's role must not hang on which link came first).
        self.read_as_pages = UrlSet(self.runs, "page")

    def merge(self, db_path: str | None, hosts: set[str]) -> dict:
        """Add what earlier runs left for more hosts; what is read of their files (for
        ``FileFetcher.merge``)."""
        state = self.runs.read(db_path, hosts)
        if state is None:  # a new archive
            return {}
        self.gone |= state["gone"]
        self.other_pages |= state["other_pages"]
        self.walked_listings |= state["walked_listings"]
        self.canaries.update(state["canaries"])
        self.pending.extend(state["pending"])
        self.subsites |= state["subsites"]
        return state

    def unrequested(self) -> list[str]:
        """The live archived pages this run has not asked for, in the order of their URLs."""
        return self.runs.unasked_pages("article")

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of the archived article's last answer, for a conditional GET."""
        return self.runs.validators(url)

    def listing_members(self, listing_url: str) -> list[tuple[str, str | None]]:
        """[(article url, day published)] the listing showed before."""
        return self.runs.members(listing_url)

    def close(self) -> None:
        self.runs.close()
