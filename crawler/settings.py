"""Scrapy settings for govwatch's crawler (`scrapy crawl NAME` from the repo root reads these).

These are the polite defaults. The operator's values come from govwatch.toml
[crawler] (user agent, contact, delays, timeouts, retries, proxy) and are
applied per spider by crawler.spiders.base.SourceSpider.update_settings, so
the TOML file is the one place a user edits; `-s NAME=VALUE` beats both.
"""

from __future__ import annotations

# --- Project ---------------------------------------------------------------------------
BOT_NAME = "govwatch"  # names the crawler in logs and stats
SPIDER_MODULES = ["crawler.spiders"]  # where `scrapy list` finds spider classes
NEWSPIDER_MODULE = "crawler.spiders"  # where `scrapy genspider` would put a new one
SPIDER_LOADER_CLASS = "crawler.loader.SourceSpiderLoader"  # a spider per [sources.NAME]

# --- govwatch ------------------------------------------------------------------------
GOVWATCH_CONFIG = None  # config path (None: $GOVWATCH_CONFIG, ./govwatch.toml, the project's)
GOVWATCH_DB = None  # SQLite file articles go to (None: `db` in govwatch.toml)
GOVWATCH_PROXY = None  # HTTP proxy every request goes through, e.g. the offline mirror
GOVWATCH_INCREMENTAL = True  # skip articles the database holds (False: fetch everything again)
GOVWATCH_STATS_FILE = None  # write each spider's Scrapy stats as JSON here when it closes
GOVWATCH_BACKOFF_BASE = 2.0  # seconds before the first retry; doubled for each further retry
GOVWATCH_BACKOFF_MAX = 60.0  # ceiling of the retry back-off, in seconds
GOVWATCH_MAX_ERRORS_LOGGED = 20  # failed URLs (with reason) kept in crawl_runs.error_text

# --- Politeness -------------------------------------------------------------------------
USER_AGENT = "govwatch/0.1 (+https://github.com/govwatch/govwatch)"  # [crawler] user_agent
ROBOTSTXT_OBEY = True  # fetch and obey each site's robots.txt
CONCURRENT_REQUESTS = 16  # across all sites in one crawl
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # a government web server is small: two at a time at most
DOWNLOAD_DELAY = 1.0  # seconds between requests to one site (AutoThrottle adapts from here)
DOWNLOAD_DELAY_JITTER = 0.5  # ±50% random variation, so requests do not come in lockstep
AUTOTHROTTLE_ENABLED = True  # slow down when a site answers slowly
AUTOTHROTTLE_START_DELAY = 1.0  # first delay AutoThrottle uses
AUTOTHROTTLE_MAX_DELAY = 30.0  # never wait longer than this between requests to one site
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0  # aim at one request in flight per site
COOKIES_ENABLED = False  # news pages need no session; fewer tracking cookies kept
TELNETCONSOLE_ENABLED = False  # no listening socket besides what we ask for

# --- Timeouts, sizes, retries -----------------------------------------------------------
DOWNLOAD_TIMEOUT = 30  # seconds before a request is abandoned (then retried)
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # larger responses are dropped (no article is 10 MB)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024  # log responses above this size
RETRY_ENABLED = True  # retry timeouts, connection errors and the codes below
RETRY_TIMES = 3  # retries after the first attempt
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]  # transient server answers
REDIRECT_ENABLED = True  # follow 301/302 (a moved article is stored under its new URL)
REDIRECT_MAX_TIMES = 5  # a longer chain is a loop

# --- Downloader and spider middlewares ------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # Every request through the configured proxy (the offline mirror), before Scrapy's own.
    "crawler.middlewares.ProxyMiddleware": 740,
    # Retries wait an exponentially growing back-off instead of coming straight back.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # Re-decode a page whose declared charset is wrong (header, <meta>, source hint, detection).
    "crawler.middlewares.CharsetMiddleware": 560,
}
SPIDER_MIDDLEWARES: dict[str, int] = {}  # Scrapy's defaults (offsite, referer, depth) suffice

# --- Item pipelines -------------------------------------------------------------------
ITEM_PIPELINES = {
    "crawler.pipelines.ProcessPipeline": 300,  # page -> Article (parsers + milestones)
    "crawler.pipelines.StorePipeline": 800,  # Article -> SQLite (store.save_article)
}

# --- Extensions -----------------------------------------------------------------------
EXTENSIONS = {
    "crawler.extensions.StatsFile": 500,  # GOVWATCH_STATS_FILE: stats as JSON per spider
}

# --- Engine -----------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"  # Scrapy's default
FEED_EXPORT_ENCODING = "utf-8"  # `scrapy crawl -o x.json` writes Chinese, not \u escapes
LOG_LEVEL = "INFO"  # `govwatch crawl` lowers this to WARNING unless -v
HTTPCACHE_ENABLED = False  # incremental crawling comes from the store, not a cache
