"""What a crawl knows before it fetches anything: what earlier runs left in the archive
(``CrawlMemory``), read through ``archive.crawl_reads``.

A subsite found during the run adds its own memory to the run's (``CrawlMemory.merge``).
Nothing here writes to the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def load_state(db_path: str | None, hosts: set[str], validators: bool = False) -> dict:
    """The archive's memory of earlier runs (empty for a new archive)."""
    from archive.crawl_reads import earlier_runs

    state = earlier_runs(db_path, hosts, validators=validators)
    if state is None:
        return {"archived": {}, "gone": set(), "validators": {}, "other_pages": set(),
                "walked_listings": set(), "canaries": {}, "shown": {}, "listing_members": {},
                "files": {}, "files_due": [], "documents": set()}
    return state


@dataclass
class CrawlMemory:
    """What earlier runs know of the sites being crawled; files are ``FileFetcher``'s."""

    # url -> when it was fetched: the live articles and documents the archive holds.
    archived: dict[str, str | None] = field(default_factory=dict)
    # Marked gone lately: fetched again each run (archive.query.GONE_RECHECK_DAYS).
    gone: set[str] = field(default_factory=set)
    # url -> (ETag, Last-Modified) of its last answer, for a conditional GET.
    validators: dict[str, tuple] = field(default_factory=dict)
    # Pages once found to be neither listings nor articles.
    other_pages: set[str] = field(default_factory=set)
    # Listings once walked to their end: an incremental walk may stop early on them.
    walked_listings: set[str] = field(default_factory=set)
    # site -> its newest archived articles, re-fetched to judge the parser's health.
    canaries: dict[str, list[str]] = field(default_factory=dict)
    # url -> (title,) as archived, to notice an edit a listing shows.
    shown: dict[str, tuple] = field(default_factory=dict)
    # listing url -> [(article url, day published)] the listing showed before.
    listing_members: dict[str, list] = field(default_factory=dict)
    # Articles earlier runs saw listed but could not store.
    pending: list[dict] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)

    def merge(self, state: dict) -> None:
        """Add what ``load_state`` read for more hosts."""
        self.archived.update(state["archived"])
        self.gone |= state.get("gone", set())
        self.validators.update(state["validators"])
        self.other_pages |= state["other_pages"]
        self.walked_listings |= state["walked_listings"]
        self.canaries.update(state["canaries"])
        self.shown.update(state["shown"])
        self.listing_members.update(state["listing_members"])
        self.pending.extend(state.get("pending", []))
        self.documents |= state.get("documents", set())
