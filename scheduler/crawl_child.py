"""`python -m scheduler.crawl_child`: one crawl in its own process.

Why a child process: Scrapy runs on Twisted's reactor, which cannot be
restarted inside one process, and a hung crawl must be killable without taking
the daemon down. The parent (scheduler/runner.py) owns timeouts and records
what the child could not (a killed child never closes its run).

Which function crawls: crawler.runner.crawl_sources, or the "module:function"
named by $GOVWATCH_CRAWL_FUNCTION (same signature), which lets tests run a crawl
that hangs or crashes on purpose.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from typing import Any

from pipelines.config import ConfigError, load_config

CRAWL_FUNCTION_ENV = "GOVWATCH_CRAWL_FUNCTION"
DEFAULT_CRAWL_FUNCTION = "crawler.runner:crawl_sources"


def resolve(spec: str) -> Callable[..., Any]:
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scheduler.crawl_child")
    ap.add_argument("--db", required=True)
    ap.add_argument("--config", default=None)
    ap.add_argument(
        "--proxy", default=None, help="route every request through this URL (offline mirror)"
    )
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"crawl child: {exc}", file=sys.stderr)
        return 2
    config.db = args.db
    crawl = resolve(os.environ.get(CRAWL_FUNCTION_ENV) or DEFAULT_CRAWL_FUNCTION)
    if args.proxy:  # the parent's mirror (or proxy) is already running: reuse it
        crawl(list(args.sources), args.db, config, proxy=args.proxy)
    else:
        crawl(list(args.sources), args.db, config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
