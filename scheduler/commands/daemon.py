"""`govwatch daemon`: every source on its own schedule until SIGTERM/SIGINT."""

from __future__ import annotations

import logging
from contextlib import ExitStack

import click

from pipelines.config import ConfigError
from scheduler.commands._common import check_sources, config_option, db_option, load, locked
from scheduler.db import prepare_db
from scheduler.jobs import WorkContext
from scheduler.runner import close_stale_runs


@click.command()
@click.argument("sources", nargs=-1)
@config_option
@db_option
@click.option("--offline", is_flag=True, help="Crawl through the built-in offline mirror.")
@click.option("-v", "--verbose", is_flag=True, help="Log APScheduler's own messages too.")
def daemon(
    sources: tuple[str, ...],
    config_path: str | None,
    db_path: str | None,
    offline: bool,
    verbose: bool,
) -> None:
    """Run every enabled source (or only SOURCES) on its `schedule` from the config until
    stopped.

    Each crawl runs in a child process, killed after [scheduler] crawl_timeout
    and recorded as failed; one run per source at a time. The digest follows each
    crawl, or runs on [scheduler] digest_schedule. SIGTERM or Ctrl-C stops
    cleanly: a running crawl gets [scheduler] stop_grace seconds, then is killed;
    saved articles stay. Holds the run lock, so a cron `govwatch run` on the same
    database refuses while the daemon lives. A systemd unit:

    \b
        [Service]
        WorkingDirectory=/srv/govwatch
        ExecStart=/srv/govwatch/.venv/bin/govwatch daemon
        # holds GOVWATCH_SMTP_PASSWORD=...
        EnvironmentFile=/etc/govwatch/secrets
        # SIGTERM to the daemon only; it stops its crawls itself
        KillMode=mixed
        # more than [scheduler] stop_grace
        TimeoutStopSec=60
        Restart=on-failure
    """
    from scheduler.daemon import build_scheduler, run_until_stopped

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not verbose:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    config = load(config_path, "daemon")
    db_path = db_path or config.db
    names = check_sources(config, sources, "daemon") if sources else None
    with ExitStack() as stack:
        ctx = WorkContext(config=config, db_path=db_path, say=lambda text: click.echo(text))
        try:
            build_scheduler(ctx, names)  # a bad schedule is reported before anything starts
        except ConfigError as exc:
            raise click.ClickException(f"govwatch daemon: {exc}") from None
        stack.enter_context(locked(config, db_path, "daemon"))
        prepare_db(db_path)
        sched = config.scheduler
        close_stale_runs(db_path, older_than=sched.crawl_timeout + sched.stop_grace + 60)
        if offline:
            from crawler.mirror.server import start_mirror

            ctx.proxy, stop_mirror = start_mirror()
            stack.callback(stop_mirror)
        logging.getLogger("govwatch.daemon").info(
            "govwatch daemon started: database %s%s",
            db_path,
            f", offline mirror {ctx.proxy}" if ctx.proxy else "",
        )
        run_until_stopped(ctx, names)
