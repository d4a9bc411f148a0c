"""Load govwatch.toml: the one documented configuration file.

Every layer reads its section from here (crawler: [crawler] and [sources.*];
scheduler: [scheduler], [smtp], [[subscriptions]]; store: [store]), so a
setting has one name and one default. Secrets never live in the file: the SMTP
password is read from the environment variable the file names.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path("govwatch.toml")
ENV_VAR = "GOVWATCH_CONFIG"
PROJECT_CONFIG = Path(__file__).resolve().parents[1] / "govwatch.toml"


class ConfigError(Exception):
    """A user mistake in the configuration: the message names the file and setting."""


@dataclass
class SourceConfig:
    """One source site. See govwatch.toml for what each key means."""

    name: str
    title: str = ""
    city: str | None = None
    allowed_domains: list[str] = field(default_factory=list)
    start_urls: list[str] = field(default_factory=list)
    list_link_pattern: str | None = None  # regex: pagination links to follow
    article_link_pattern: str | None = None  # regex: article links to fetch
    selectors: dict[str, str] = field(default_factory=dict)  # title/published/outlet/body/... (CSS or XPath)
    patterns: dict[str, str] = field(default_factory=dict)  # regex per selector key: its group 1 is the value
    charset: str | None = None  # a hint when the site's declared charset is unreliable
    schedule: str = "0 */6 * * *"  # cron expression (minute hour day month weekday)
    lookback_pages: int = 1  # list pages of only-known articles before pagination stops
    spider: str = "site"  # "site" (config-driven), "generic", or a dedicated spider's name
    enabled: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class CrawlerConfig:
    user_agent: str = "govwatch/0.1 (+https://github.com/govwatch/govwatch)"
    contact: str = ""  # an address site operators can write to; appended to the User-Agent
    obey_robots: bool = True
    concurrency_per_domain: int = 2
    download_delay: float = 1.0
    timeout: float = 30.0
    retries: int = 3
    max_page_bytes: int = 10 * 1024 * 1024
    proxy: str | None = None  # e.g. the offline mirror: http://127.0.0.1:8931
    autothrottle: bool = True  # adapt the delay to each site's response times
    backoff: float = 2.0  # seconds before the first retry, doubled for each further one
    scrapy: dict[str, Any] = field(default_factory=dict)  # raw Scrapy settings ([crawler.scrapy])
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class SmtpConfig:
    host: str | None = None  # no host: digests are printed instead of mailed
    port: int = 587
    security: str = "starttls"  # "starttls" | "ssl" | "none"
    username: str | None = None
    password_env: str = "GOVWATCH_SMTP_PASSWORD"  # name of the environment variable holding it
    sender: str = "govwatch@localhost"
    ca_file: str | None = None  # PEM bundle to verify the server with, instead of the system CAs

    @property
    def password(self) -> str | None:
        return os.environ.get(self.password_env)


@dataclass
class Subscription:
    email: str
    cities: list[str] = field(default_factory=list)  # empty: all
    types: list[str] = field(default_factory=list)  # milestone types; empty: all
    keywords: list[str] = field(default_factory=list)  # any in project/evidence; empty: all
    min_investment_cny: int | None = None


@dataclass
class SchedulerConfig:
    crawl_timeout: float = 1800.0  # seconds before a crawl child is killed
    misfire_grace: float = 600.0
    lock_file: str = "govwatch.lock"
    digest_schedule: str = ""  # daemon: cron/"every N[smh]" for the digest; empty: after each crawl
    stop_grace: float = 30.0  # on SIGTERM, seconds a running crawl gets to close before it is killed
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    path: Path | None
    db: str = "govwatch.db"
    crawler: CrawlerConfig = field(default_factory=CrawlerConfig)
    sources: dict[str, SourceConfig] = field(default_factory=dict)
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    subscriptions: list[Subscription] = field(default_factory=list)


def _build(cls: type, data: dict[str, Any], where: str) -> Any:
    """Instantiate a dataclass from a TOML table; unknown keys go to `extra` or are an error."""
    known = set(cls.__dataclass_fields__)
    kwargs = {k: v for k, v in data.items() if k in known}
    unknown = {k: v for k, v in data.items() if k not in known}
    if unknown:
        if "extra" not in known:
            raise ConfigError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}")
        kwargs["extra"] = {**kwargs.get("extra", {}), **unknown}
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    where = str(path or "config")
    cfg = Config(path=path, db=data.get("db", "govwatch.db"))
    cfg.crawler = _build(CrawlerConfig, data.get("crawler", {}), f"{where} [crawler]")
    cfg.scheduler = _build(SchedulerConfig, data.get("scheduler", {}), f"{where} [scheduler]")
    cfg.smtp = _build(SmtpConfig, data.get("smtp", {}), f"{where} [smtp]")
    for name, table in data.get("sources", {}).items():
        cfg.sources[name] = _build(SourceConfig, {"name": name, **table}, f"{where} [sources.{name}]")
    cfg.subscriptions = [
        _build(Subscription, sub, f"{where} [[subscriptions]] #{i + 1}")
        for i, sub in enumerate(data.get("subscriptions", []))
    ]
    return cfg


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read the config: explicit path, else $GOVWATCH_CONFIG, else ./govwatch.toml, else the
    project's own govwatch.toml beside the packages (so govwatch runs from any directory)."""
    candidates = [path, os.environ.get(ENV_VAR)]
    chosen = next((Path(p) for p in candidates if p), None)
    if chosen is None:
        chosen = DEFAULT_PATH if DEFAULT_PATH.exists() else PROJECT_CONFIG
    try:
        raw = chosen.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{chosen}: cannot read config ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{chosen}: not valid TOML ({exc})") from None
    return parse_config(data, chosen)
