"""Start a crawl from code: `crawl_sources(names, db_path, config)` runs Scrapy in this process.

Twisted's reactor cannot be restarted, so this runs once per process: the
scheduler calls it in a child process, `govwatch crawl` is its own process,
and the tests run `govwatch crawl` as a subprocess.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from pipelines.config import Config, ConfigError, load_config

# Stats keys summed for the progress line and the summary.
PAGES = ("govwatch/pages/list", "govwatch/pages/article")
ARTICLES = "govwatch/articles/stored"
ERRORS = "govwatch/errors"
# Defaults when crawl_sources starts its own mirror (`--offline`): it is ours, on loopback.
OFFLINE_SETTINGS: dict[str, Any] = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}


def totals(stats: dict[str, Any]) -> tuple[int, int, int]:
    """(pages, articles, errors) of one spider's stats."""
    return (
        sum(int(stats.get(k, 0)) for k in PAGES),
        int(stats.get(ARTICLES, 0)),
        int(stats.get(ERRORS, 0)),
    )


def check_source(config: Config, name: str) -> None:
    """Fail before crawling, in one line naming the file and setting, on a source that cannot work."""
    import re

    from parsel import Selector

    src = config.sources[name]
    where = f"{config.path or 'config'} [sources.{name}]"
    if not src.start_urls:
        raise ConfigError(f"{where}: start_urls is empty")
    for key in ("list_link_pattern", "article_link_pattern"):
        try:
            re.compile(getattr(src, key) or "")
        except re.error as exc:
            raise ConfigError(f"{where}: {key} is not a valid regex ({exc})") from None
    for key, pattern in src.patterns.items():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}: patterns.{key} is not a valid regex ({exc})") from None
    probe = Selector(text="<html><body></body></html>")
    for key, expr in src.selectors.items():
        try:
            probe.xpath(expr) if expr.lstrip().startswith(("/", "(", "./")) else probe.css(expr)
        except Exception as exc:  # cssselect and lxml raise several types for bad syntax
            raise ConfigError(f"{where}: selectors.{key} = {expr!r} is not valid ({exc})") from None


def resolve_sources(config: Config, names: Iterable[str]) -> list[str]:
    """The sources to crawl (all enabled ones when none are named), each checked."""
    names = list(names)
    if not names:
        names = [n for n, s in config.sources.items() if s.enabled]
    unknown = [n for n in names if n not in config.sources]
    if unknown:
        known = ", ".join(config.sources) or "none"
        raise ConfigError(
            f"{config.path or 'config'}: no source named {', '.join(unknown)} (configured: {known})"
        )
    for name in names:
        check_source(config, name)
    return names


def scrapy_settings(
    config: Config, db_path: str | os.PathLike[str] | None, overrides: dict[str, Any] | None = None
) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("GOVWATCH_CONFIG_OBJECT", config, priority="cmdline")
    if config.path:
        settings.set("GOVWATCH_CONFIG", str(config.path), priority="cmdline")
    settings.set("GOVWATCH_DB", str(db_path or config.db), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl_sources(
    names: Iterable[str],
    db_path: str | os.PathLike[str] | None,
    config: Config | str | os.PathLike[str] | None = None,
    offline: bool = False,
    *,
    proxy: str | None = None,
    settings: dict[str, Any] | None = None,
    progress: Callable[[int, int, int], None] | None = None,
    progress_every: float = 1.0,
) -> dict[str, dict[str, Any]]:
    """Crawl the named sources (all enabled ones when empty) into the SQLite file `db_path`.

    offline=True crawls the built-in mirror without politeness delays
    (OFFLINE_SETTINGS): the one at `proxy` when given (a mirror the caller
    started with crawler.mirror.server.start_mirror), else one started here on
    127.0.0.1 for the duration. Without offline, `proxy` is any HTTP proxy and
    the politeness settings apply. `settings` are Scrapy settings with the
    highest priority.
    `progress(pages, articles, errors)` is called every `progress_every` seconds
    and once at the end. Returns each spider's Scrapy stats by source name
    (custom counters under "govwatch/..."). Call once per process.
    """
    from scrapy.crawler import CrawlerProcess
    from twisted.internet import task

    cfg = config if isinstance(config, Config) else load_config(config)
    chosen = resolve_sources(cfg, names)
    overrides = dict(settings or {})
    stop_mirror: Callable[[], None] | None = None
    if offline:
        # Our own mirror on loopback needs no politeness delay (the caller may still set one).
        overrides = {**OFFLINE_SETTINGS, **overrides}
        if not proxy:
            from crawler.mirror.server import start_mirror

            proxy, stop_mirror = start_mirror()
    if proxy:
        overrides["GOVWATCH_PROXY"] = proxy
    process = CrawlerProcess(scrapy_settings(cfg, db_path, overrides))
    crawlers = []
    for name in chosen:
        crawler = process.create_crawler(name)
        crawlers.append(crawler)
        process.crawl(crawler)

    def report() -> None:
        if progress is not None:
            sums = [totals(c.stats.get_stats()) for c in crawlers]
            progress(*(sum(col) for col in zip(*sums, strict=True)) if sums else (0, 0, 0))

    loop = task.LoopingCall(report)
    if progress is not None:
        loop.start(progress_every, now=False)
    try:
        process.start()
    finally:
        if loop.running:
            loop.stop()
        if stop_mirror is not None:
            stop_mirror()
    report()
    return {
        c.spider.name if c.spider else name: c.stats.get_stats()
        for c, name in zip(crawlers, chosen, strict=True)
    }


class ProgressLine:
    """`crawl: 12 pages, 8 articles, 1 error` rewritten in place on a terminal, a line every
    few seconds otherwise (logs)."""

    def __init__(self, stream: Any = None, every: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.every = every
        self.last = 0.0
        self.shown: tuple[int, int, int] | None = None

    def __call__(self, pages: int, articles: int, errors: int) -> None:
        now = time.monotonic()
        state = (pages, articles, errors)
        if state == self.shown or (not self.tty and now - self.last < self.every):
            return
        self.last, self.shown = now, state
        line = (
            f"crawl: {pages} pages, {articles} articles, {errors} error{'s' if errors != 1 else ''}"
        )
        self.stream.write(f"\r{line}" if self.tty else f"{line}\n")
        self.stream.flush()

    def close(self, pages: int, articles: int, errors: int) -> None:
        """The final figures, always printed."""
        self.last, self.shown = 0.0, None
        self(pages, articles, errors)
        if self.tty:
            self.stream.write("\n")
