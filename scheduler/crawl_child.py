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
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from pipelines.config import ConfigError, load_config

CRAWL_FUNCTION_ENV = "GOVWATCH_CRAWL_FUNCTION"
DEFAULT_CRAWL_FUNCTION = "crawler.runner:crawl_sources"


def resolve(spec: str) -> Callable[..., Any]:
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


ORPHAN_CHECK_SECONDS = 2.0
ORPHAN_GRACE_SECONDS = 30.0


def watch_parent(parent_pid: int) -> threading.Thread:
    """End this crawl if the parent dies (SIGKILL, OOM): the child runs in its own session,
    so nothing else would stop an orphaned, perhaps hung, crawl. SIGTERM first, so
    Scrapy closes its spider and its run; a hard exit if that does not end it."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(ORPHAN_GRACE_SECONDS)
        os._exit(3)

    thread = threading.Thread(target=watch, name="govwatch-orphan-watch", daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scheduler.crawl_child")
    ap.add_argument("--db", required=True)
    ap.add_argument("--config", default=None)
    ap.add_argument(
        "--proxy", default=None, help="the parent's offline mirror: crawl through it, without politeness delays"
    )
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"crawl child: {exc}", file=sys.stderr)
        return 2
    config.db = args.db
    watch_parent(os.getppid())
    crawl = resolve(os.environ.get(CRAWL_FUNCTION_ENV) or DEFAULT_CRAWL_FUNCTION)
    if args.proxy:
        # The parent's offline mirror is already running: reuse it, and skip the politeness
        # delays that only make sense against a real site (25 s -> 4 s for `make run`).
        crawl(list(args.sources), args.db, config, offline=True, proxy=args.proxy)
    else:
        crawl(list(args.sources), args.db, config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
