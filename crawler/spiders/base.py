"""What every govwatch spider shares: its config, polite settings, the known-URL index, errors.

Settings come from govwatch.toml [crawler] and are applied at the "spider"
priority, above crawler/settings.py and below `-s NAME=VALUE` on the command
line, so an operator edits one file and a test can still override anything.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TimeoutError as TxTimeoutError
from twisted.python.failure import Failure

from crawler.incremental import KnownIndex, load_known
from pipelines.config import Config, ConfigError, CrawlerConfig, SourceConfig, load_config

log = logging.getLogger(__name__)


def config_from_settings(settings: BaseSettings) -> Config:
    """The Config a crawl runs with: an object the runner passed, else the file named in settings."""
    cfg = settings.get("GOVWATCH_CONFIG_OBJECT")
    if isinstance(cfg, Config):
        return cfg
    return load_config(settings.get("GOVWATCH_CONFIG"))


def user_agent(crawler: CrawlerConfig) -> str:
    ua = crawler.user_agent.strip() or "govwatch"
    return f"{ua} (contact: {crawler.contact})" if crawler.contact else ua


def crawler_settings(crawler: CrawlerConfig, db: str) -> dict[str, Any]:
    """Scrapy settings from [crawler]: one mapping, so `govwatch crawl` and `scrapy crawl` agree."""
    out: dict[str, Any] = {
        "USER_AGENT": user_agent(crawler),
        "ROBOTSTXT_OBEY": crawler.obey_robots,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawler.concurrency_per_domain,
        "DOWNLOAD_DELAY": crawler.download_delay,
        "AUTOTHROTTLE_ENABLED": crawler.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(crawler.download_delay, 0.1),
        "DOWNLOAD_TIMEOUT": crawler.timeout,
        "RETRY_TIMES": crawler.retries,
        "DOWNLOAD_MAXSIZE": crawler.max_page_bytes,
        "GOVWATCH_BACKOFF_BASE": crawler.backoff,
        "GOVWATCH_DB": db,
    }
    if crawler.proxy:
        out["GOVWATCH_PROXY"] = crawler.proxy
    out.update(crawler.scrapy)
    return out


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


def failure_reason(failure: Failure) -> str:
    """One short phrase for the log and crawl_runs.error_text."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    if isinstance(exc, TxTimeoutError) or "timeout" in type(exc).__name__.lower():
        return "timeout"
    return f"{type(exc).__name__}: {exc}".strip().rstrip(":")


class SourceSpider(scrapy.Spider):
    """Base of the site and generic spiders: one [sources.NAME] each."""

    source_name: str | None = None  # set by crawler.loader for each configured source

    source: SourceConfig
    known: KnownIndex
    failures: list[str]

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        cfg = config_from_settings(settings)
        settings.setdict(crawler_settings(cfg.crawler, cfg.db), priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup(config_from_settings(crawler.settings), kwargs)
        return spider

    def setup(self, cfg: Config, kwargs: dict[str, Any]) -> None:
        name = self.source_name or kwargs.get("source")
        if name and name in cfg.sources:
            self.source = cfg.sources[name]
        elif kwargs.get("start_urls"):  # `scrapy crawl generic -a start_urls=URL,URL`
            urls = [u for u in str(kwargs["start_urls"]).split(",") if u]
            self.source = SourceConfig(name=name or self.name, start_urls=urls, spider=self.name)
        else:
            where = cfg.path or "govwatch.toml"
            raise ConfigError(
                f"{where}: no [sources.{name or self.name}] table (pass -a source=NAME or -a start_urls=URL)"
            )
        if not self.source.start_urls:
            raise ConfigError(f"{cfg.path} [sources.{self.source.name}]: start_urls is empty")
        self.allowed_domains = self.source.allowed_domains or sorted(
            {urlsplit(u).hostname or "" for u in self.source.start_urls}
        )
        self.failures = []
        db_path = self.settings.get("GOVWATCH_DB") or cfg.db
        self.known = (
            load_known(db_path)
            if self.settings.getbool("GOVWATCH_INCREMENTAL", True)
            else KnownIndex()
        )

    # -- shared callbacks -------------------------------------------------------------
    def record_failure(self, url: str, reason: str, *, list_page: bool = False) -> None:
        """Log a page that could not be had, with its URL and reason; the run records it.
        A failed list page fails the run (the site cannot be read), an article page makes it partial."""
        self.failures.append(f"{url}: {reason}")
        self.crawler.stats.inc_value("govwatch/errors")
        if list_page:
            self.crawler.stats.inc_value("govwatch/errors/list")
        self.logger.warning("failed %s: %s", url, reason)

    def on_error(self, failure: Failure) -> None:
        from scrapy.exceptions import IgnoreRequest

        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            self.crawler.stats.inc_value("govwatch/skipped_robots")
            self.logger.info("skipped %s: %s", url, failure.value or "forbidden by robots.txt")
            return
        list_page = request is not None and request.meta.get("govwatch_kind") == "list"
        self.record_failure(url, failure_reason(failure), list_page=list_page)
