"""The long-running scheduler: the one place APScheduler is built and started.

Each enabled source gets a job on its own schedule from govwatch.toml; every
job is a plain function from scheduler/jobs.py run in a worker thread that
waits on a crawl child process. APScheduler's job defaults give "at most one
run per source at a time" (max_instances=1), one catch-up run after a pause
rather than a burst (coalesce), and a misfire grace from [scheduler].
"""

from __future__ import annotations

import logging
import re
import signal
from datetime import date

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from pipelines.config import ConfigError
from scheduler.jobs import WorkContext, crawl_sources_checked, digest_and_deliver

log = logging.getLogger("govwatch.daemon")

# "every 30s", "every 10m", "every 6h": an interval, handy for tests and quick trials.
_EVERY = re.compile(r"^\s*every\s+(\d+(?:\.\d+)?)\s*([smh])\s*$", re.I)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}
# crontab weekday numbers (0 and 7 = Sunday) as APScheduler 3.x names (its 0 is Monday).
_CRON_DOW = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _crontab_weekdays(field: str) -> str:
    """Translate a crontab day-of-week field to APScheduler's, expanding numbers to names.

    APScheduler 3.x counts Monday as 0 (its docs call this a historical mistake), so
    a crontab "1-5" would otherwise mean Tuesday to Saturday."""
    if not re.search(r"\d", field):
        return field  # "*", "mon-fri": same meaning in both
    days: list[str] = []
    for part in field.split(","):
        rng, _, step_s = part.partition("/")
        step = int(step_s) if step_s else 1
        if rng == "*":
            lo, hi = 0, 6
        elif "-" in rng:
            lo_s, hi_s = rng.split("-", 1)
            lo, hi = int(lo_s), int(hi_s)
        else:
            lo = hi = int(rng)
            if step_s:
                hi = 6
        if not (0 <= lo <= 7 and 0 <= hi <= 7 and lo <= hi):
            raise ValueError(f"day of week {part!r} out of range 0-7")
        days.extend(_CRON_DOW[d] for d in range(lo, hi + 1, step))
    return ",".join(dict.fromkeys(days))


def trigger_for(schedule: str, *, where: str, timezone: object = None) -> BaseTrigger:
    """A trigger from a schedule string: 5-field crontab, 6-field (seconds first), or
    "every N[smh]". A bad string is a ConfigError naming the setting."""
    try:
        if m := _EVERY.match(schedule):
            seconds = float(m.group(1)) * _UNIT_SECONDS[m.group(2).lower()]
            if seconds <= 0:
                raise ValueError("interval must be positive")
            return IntervalTrigger(seconds=seconds, timezone=timezone)
        fields = schedule.split()
        if len(fields) == 5:
            fields = ["0", *fields]
        if len(fields) != 6:
            raise ValueError(f"expected 5 cron fields (6 with seconds), got {len(fields)}")
        second, minute, hour, day, month, dow = fields
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=_crontab_weekdays(dow),
            timezone=timezone,
        )
    except ValueError as exc:
        raise ConfigError(f"{where} = {schedule!r}: {exc}") from None


def crawl_job(ctx: WorkContext, source: str) -> None:
    """One scheduled crawl of one source; with no digest schedule, the digest follows."""
    if ctx.stop.is_set():
        return
    outcome, levels = crawl_sources_checked(ctx, [source])
    log.info(
        "crawl %s: %s in %.1f s (runs %s, health %s)%s",
        source,
        outcome.status,
        outcome.seconds,
        outcome.run_ids,
        ",".join(levels.values()) or "-",
        f": {outcome.reason}" if outcome.reason else "",
    )
    if not ctx.config.scheduler.digest_schedule and not ctx.stop.is_set():
        digest_job(ctx)


def digest_job(ctx: WorkContext) -> None:
    try:
        result = digest_and_deliver(ctx, today=date.today())
    except Exception:  # a bad digest must not stop the crawls; the log has the traceback
        log.exception("digest failed")
        return
    counts = result.digest.counts()
    if result.queued.printed and not result.digest.is_empty():
        ctx.say(result.queued.text)
    d = result.delivery
    if d is not None and (d.sent or d.waiting or d.failed or d.recovered):
        log.info(
            "digest %s: sent %d, waiting %d, failed %d, unknown %d%s",
            counts,
            d.sent,
            d.waiting,
            d.failed,
            d.unknown,
            f" ({d.error})" if d.error else "",
        )


def build_scheduler(ctx: WorkContext, names: list[str] | None = None) -> BackgroundScheduler:
    """Every enabled source (or the named ones) on its schedule, plus the digest when it
    has its own."""
    cfg = ctx.config
    where = str(cfg.path or "config")
    sources = (
        [cfg.sources[n] for n in names] if names else [s for s in cfg.sources.values() if s.enabled]
    )
    if not sources:
        raise ConfigError(f"{where}: no enabled [sources.*] to schedule")
    # One run per job at a time; after a pause (suspend, a long crawl) one catch-up run,
    # not a burst; a run later than misfire_grace is skipped until its next time.
    options = {
        "coalesce": True,
        "max_instances": 1,
        "misfire_grace_time": int(max(1, cfg.scheduler.misfire_grace)),
    }
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(max_workers=len(sources) + 1)},
        job_defaults=options,
    )
    for source in sources:
        trigger = trigger_for(source.schedule, where=f"{where} [sources.{source.name}] schedule")
        scheduler.add_job(
            crawl_job,
            trigger,
            args=[ctx, source.name],
            id=f"crawl:{source.name}",
            name=f"crawl {source.name}",
            **options,
        )
    if cfg.scheduler.digest_schedule:
        trigger = trigger_for(
            cfg.scheduler.digest_schedule, where=f"{where} [scheduler] digest_schedule"
        )
        scheduler.add_job(digest_job, trigger, args=[ctx], id="digest", name="digest", **options)
    return scheduler


def run_until_stopped(ctx: WorkContext, names: list[str] | None = None) -> None:
    """Start the jobs, wait for SIGTERM/SIGINT, then stop: running crawls get stop_grace
    seconds to close their spider (saved articles stay), then are killed and their runs
    recorded as aborted. Returns when every job thread has finished."""
    scheduler = build_scheduler(ctx, names)

    def on_signal(signum: int, _frame: object) -> None:
        log.info("received %s: stopping", signal.Signals(signum).name)
        ctx.stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        scheduler.start()
        for job in scheduler.get_jobs():
            log.info("scheduled %s: next at %s", job.name, job.next_run_time)
        while not ctx.stop.wait(1.0):
            pass
        scheduler.shutdown(wait=True)  # the job threads see ctx.stop and end their children
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("stopped")
