"""The work itself, as plain functions: crawl a source and check its health; build, queue
and deliver the digest. `govwatch run` calls them once, the daemon on a schedule;
neither knows about APScheduler.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from pipelines.config import Config
from scheduler import findings, health, outbox
from scheduler.alerts import Digest
from scheduler.db import connect
from scheduler.runner import CrawlOutcome, crawl_in_child


@dataclass
class WorkContext:
    """What every job needs, built once by `govwatch run` or the daemon."""

    config: Config
    db_path: str
    proxy: str | None = None  # offline mirror URL, when crawling through it
    stop: threading.Event = field(default_factory=threading.Event)
    say: Callable[[str], None] = print  # progress lines
    digest_lock: threading.Lock = field(default_factory=threading.Lock)


def crawl_sources_checked(
    ctx: WorkContext,
    sources: list[str],
    progress: Callable[[int, float], None] | None = None,
) -> tuple[CrawlOutcome, dict[int, str]]:
    """Crawl in a child process, then check each resulting run's health."""
    cfg = ctx.config
    outcome = crawl_in_child(
        sources,
        db_path=ctx.db_path,
        config_path=cfg.path,
        timeout=cfg.scheduler.crawl_timeout,
        proxy=ctx.proxy,
        stop=ctx.stop,
        stop_grace=cfg.scheduler.stop_grace,
        progress=progress,
    )
    levels: dict[int, str] = {}
    db = connect(ctx.db_path)
    try:
        for run_id in outcome.run_ids:
            levels[run_id], _ = health.record_health(db, run_id)
    finally:
        db.close()
    return outcome, levels


@dataclass
class DigestResult:
    digest: Digest
    queued: outbox.Queued
    delivery: outbox.Delivery | None  # None when the digest was printed, not mailed


def digest_and_deliver(ctx: WorkContext, *, today: date | None = None) -> DigestResult:
    """Queue what no digest has covered yet, then send everything pending in the outbox.

    One digest at a time in this process (the daemon's crawl jobs may finish together);
    other processes are kept out by the run lock.
    """
    today = today or date.today()
    with ctx.digest_lock:
        db = connect(ctx.db_path)
        try:
            digest = findings.pending_digest(db, today=today)
            queued = outbox.queue_digest(db, ctx.config, digest, day=today.isoformat())
            delivery = None
            if ctx.config.smtp.host:  # also sends alerts left queued by an earlier run
                delivery = outbox.deliver(db, ctx.config.smtp)
            return DigestResult(digest, queued, delivery)
        finally:
            db.close()
