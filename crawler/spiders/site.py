"""The config-driven spider: a source's list pages, pagination and article selectors from govwatch.toml.

Walks list pages newest first, fetches the articles the store does not hold,
and stops paginating after `lookback_pages` pages with nothing new, so a
scheduled crawl costs a few requests when a site has not changed.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse
from scrapy.utils.url import url_is_from_any_domain

from crawler.items import PageItem
from crawler.selectors import ListEntry, list_entries, next_page, page_fields
from crawler.spiders.base import SourceSpider, utc_now
from pipelines.config import Config
from pipelines.dedup import canonical_url
from pipelines.records import PageFields


class SiteSpider(SourceSpider):
    name = "site"  # `scrapy crawl site -a source=NAME`; the loader names one subclass per source

    def setup(self, cfg: Config, kwargs: dict[str, Any]) -> None:
        super().setup(cfg, kwargs)
        src = self.source
        self.article_re = re.compile(src.article_link_pattern) if src.article_link_pattern else None
        self.list_re = re.compile(src.list_link_pattern) if src.list_link_pattern else None

    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.start_urls:
            yield self.list_request(url, stale=0)

    def list_request(self, url: str, *, stale: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_list,
            errback=self.on_error,
            meta={"govwatch_kind": "list", "stale": stale},
        )

    # -- list pages -----------------------------------------------------------------
    def entries(self, response: TextResponse) -> list[ListEntry]:
        return list_entries(response.selector, response.url, self.source.selectors, self.article_re)

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        stats.inc_value("govwatch/pages/list")
        if not isinstance(response, TextResponse):
            self.record_failure(
                response.url,
                f"list page is not text ({response.headers.get('Content-Type', b'?').decode()})",
                list_page=True,
            )
            return
        entries = self.entries(response)
        if not entries:  # a redesigned site, or selectors that never matched: say so
            self.record_failure(
                response.url,
                "no article links on this list page (check list_item / article_link_pattern)",
                list_page=True,
            )
            return
        fresh = 0
        for entry in entries:
            if not url_is_from_any_domain(entry.url, self.allowed_domains):
                continue  # off-site: never followed (OffsiteMiddleware would drop it anyway)
            url = canonical_url(entry.url)
            if not self.known.wants(url, entry.date):
                stats.inc_value("govwatch/articles/known")
                continue
            if self.known.is_known(url):
                stats.inc_value("govwatch/articles/refetched")
            fresh += 1
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.on_error,
                meta={"govwatch_kind": "article", "list_date": entry.date},
            )
        stale = 0 if fresh else response.meta.get("stale", 0) + 1
        if stale >= max(1, self.source.lookback_pages):
            stats.inc_value("govwatch/pagination_stopped")
            self.logger.info(
                "%s: nothing new on the last %d list page(s); not paginating further",
                response.url,
                stale,
            )
            return
        nxt = next_page(response.selector, response.url, self.source.selectors, self.list_re)
        if nxt:
            yield self.list_request(nxt, stale=stale)

    # -- article pages --------------------------------------------------------------
    def fields(self, selector: Selector) -> PageFields | None:
        return page_fields(selector, self.source.selectors, self.source.patterns)

    def parse_article(self, response: Response) -> Iterator[PageItem | scrapy.Request]:
        self.crawler.stats.inc_value("govwatch/pages/article")
        if not response.body.strip():  # still empty after BackoffRetryMiddleware's retries
            self.record_failure(response.url, "empty body")
            return
        if not isinstance(response, TextResponse):
            self.record_failure(
                response.url,
                f"not a text page ({response.headers.get('Content-Type', b'?').decode()})",
            )
            return
        yield PageItem(
            source=self.source.name,
            url=canonical_url(response.url),
            html=response.text,
            encoding=response.encoding,
            fetched_at=utc_now(),
            fields=self.fields(response.selector),
            list_date=response.meta.get("list_date"),
        )
