"""What the store already holds, so a crawl downloads only what is new.

The rule: an article URL already stored is not downloaded again, unless its
list entry shows a date later than the stored publication date (a re-issued or
corrected article). Pagination stops after `lookback_pages` list pages that
held nothing to fetch (see crawler/spiders/site.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines import store
from pipelines.dedup import canonical_url


@dataclass
class KnownIndex:
    published: dict[str, str | None] = field(default_factory=dict)  # canonical URL -> stored date

    def wants(self, url: str, list_date: str | None = None) -> bool:
        key = canonical_url(url)
        if key not in self.published:
            return True
        stored = (self.published[key] or "")[:10]
        return bool(list_date and stored and list_date > stored)

    def is_known(self, url: str) -> bool:
        return canonical_url(url) in self.published


def load_known(db_path: str) -> KnownIndex:
    """Every stored article (all sources: a URL is one article wherever it was linked)."""
    db = store.open_db(db_path)
    try:
        urls = store.known_urls(db)
        # The store API gives the URL set; the stored dates are read from its articles
        # table (columns canonical_url, published) for the "newer on the list" refetch.
        dates = dict(db.execute("SELECT canonical_url, published FROM articles").fetchall())
        return KnownIndex({u: dates.get(u) for u in urls})
    finally:
        db.close()
