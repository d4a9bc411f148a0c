"""What a spider yields: one fetched article page, before and after the parsers.

A dataclass rather than a scrapy.Item so the fields have types; Scrapy handles
dataclass items through itemadapter. The spider fills the page; the item
pipelines (crawler/pipelines.py) add the Article and store it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.records import Article, PageFields


@dataclass
class PageItem:
    source: str  # the [sources.NAME] it was crawled for
    url: str  # canonical URL of the page (after redirects)
    html: str  # the page, decoded (crawler.middlewares.CharsetMiddleware chose the charset)
    encoding: str  # the charset it was decoded with
    fetched_at: str  # UTC "YYYY-MM-DD HH:MM:SS"
    fields: PageFields | None = None  # what the site's selectors found; None: generic extraction
    list_date: str | None = None  # the date the list page showed for it
    article: Article | None = None  # set by ProcessPipeline
