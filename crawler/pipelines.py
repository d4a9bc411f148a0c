"""Item pipelines: thin adapters from Scrapy to govwatch's pure core.

ProcessPipeline: page -> Article through pipelines.document.process_html (the
seed-file parsers and the milestone extractor). StorePipeline: Article ->
SQLite through pipelines.store (one crawl_runs row per spider run). Parsing
runs in a worker thread so the reactor keeps downloading meanwhile.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawler.items import PageItem
from pipelines import store
from pipelines.document import process_html
from pipelines.records import Article

log = logging.getLogger(__name__)


def build_article(item: PageItem) -> Article:
    """The pure step: what `govwatch parse` does to a file, done to a fetched page."""
    article = process_html(item.html, url=item.url, fields=item.fields)
    article.url = item.url
    article.encoding = item.encoding
    return article


class ProcessPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProcessPipeline:
        return cls(crawler)

    async def process_item(self, item: PageItem) -> PageItem:
        try:
            item.article = await maybe_deferred_to_future(deferToThread(build_article, item))
        except Exception as exc:  # a parser bug must not end the crawl; it is logged with its URL
            log.exception("parsing %s failed", item.url)
            spider = self.crawler.spider
            if hasattr(spider, "record_failure"):
                spider.record_failure(item.url, f"parse error: {type(exc).__name__}: {exc}")
            raise DropItem(f"{item.url}: parse error") from exc
        return item


class StorePipeline:
    """Save each article and keep the run's row in crawl_runs up to date."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.db: Any = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        pipe = cls(crawler)
        # The run is closed on spider_closed, the first moment its finish reason is known.
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.db = store.open_db(self.crawler.settings.get("GOVWATCH_DB") or "govwatch.db")
        self.run_id = store.start_run(self.db, spider.source.name)
        spider.run_id = self.run_id

    def process_item(self, item: PageItem) -> PageItem:
        if item.article is None:  # ProcessPipeline disabled: nothing to store
            return item
        store.save_article(
            self.db,
            item.article,
            source=item.source,
            run_id=self.run_id,
            fetched_at=item.fetched_at,
        )
        self.crawler.stats.inc_value("govwatch/articles/stored")
        return item

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.db is None or self.run_id is None:
            return
        stats = self.crawler.stats
        pages = stats.get_value("govwatch/pages/list", 0) + stats.get_value(
            "govwatch/pages/article", 0
        )
        articles = stats.get_value("govwatch/articles/stored", 0)
        failures = list(getattr(spider, "failures", []))
        # failed: the site could not be read (a list page failed, or the crawl was cut short);
        # partial: some article pages failed; ok: everything fetched was stored.
        list_failed = stats.get_value("govwatch/errors/list", 0) > 0
        if reason != "finished" or list_failed or (pages == 0 and failures):
            status = "failed"
        else:
            status = "partial" if failures else "ok"
        limit = self.crawler.settings.getint("GOVWATCH_MAX_ERRORS_LOGGED", 20)
        text = "\n".join(failures[:limit]) + (
            f"\n... {len(failures) - limit} more" if len(failures) > limit else ""
        )
        store.finish_run(
            self.db,
            self.run_id,
            status=status,
            pages=pages,
            articles=articles,
            errors=len(failures),
            error_text=text or None,
        )
        self.db.close()
        self.db = None
