"""`govwatch run`: crawl, check, digest and mail once, then exit (for cron)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from contextlib import ExitStack
from datetime import date

import click

from scheduler.commands._common import (
    check_sources,
    config_option,
    db_option,
    load,
    locked,
    show_digest,
)
from scheduler.db import connect, prepare_db
from scheduler.jobs import WorkContext, crawl_sources_checked, digest_and_deliver
from scheduler.runner import CrawlOutcome, close_stale_runs


def _summary(db_path: str, outcome: CrawlOutcome, levels: dict[int, str]) -> list[str]:
    """Per-run lines, then totals: what this run added and what the database holds."""
    db = connect(db_path)
    try:
        ids = outcome.run_ids or [0]
        marks = ", ".join("?" * len(ids))
        runs = db.execute(
            f"SELECT id, source, status, pages, articles, errors FROM crawl_runs WHERE id IN ({marks}) ORDER BY source",
            ids,
        ).fetchall()
        new_by_type = Counter(
            dict(
                db.execute(
                    f"SELECT type, count(*) FROM milestones WHERE first_run_id IN ({marks}) AND is_new = 1"
                    " GROUP BY type",
                    ids,
                ).fetchall()
            )
        )
        new_articles = sum(r[4] or 0 for r in runs)
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        projects = db.execute("SELECT count(*) FROM projects").fetchone()[0]
        new_projects = db.execute(
            f"SELECT count(*) FROM projects p JOIN articles a ON a.id = p.first_article_id"
            f" WHERE a.run_id IN ({marks})",
            ids,
        ).fetchone()[0]
    finally:
        db.close()
    lines = [
        f"  {source:<16} {status:<8} pages {pages or 0:>4}  new articles {articles or 0:>4}  "
        f"errors {errors or 0:>3}  health {levels.get(run_id, '-')}"
        for run_id, source, status, pages, articles, errors in runs
    ]
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(new_by_type.items())) or "none"
    lines += [
        f"Articles: {new_articles} new ({stored} stored)",
        f"Projects: {new_projects} new ({projects} known)",
        f"New milestones: {sum(new_by_type.values())} ({by_type})",
    ]
    return lines


def _crawl_problems(db_path: str, outcome: CrawlOutcome) -> list[str]:
    """One phrase per source whose run failed, timed out, or whose health check found an
    error (e.g. nothing stored); partial runs with warnings are left to the digest."""
    if outcome.status != "ok" and outcome.reason and not outcome.run_ids:
        return [f"crawl {outcome.status}: {outcome.reason}"]
    db = connect(db_path)
    try:
        marks = ", ".join("?" * len(outcome.run_ids))
        rows = db.execute(
            f"SELECT r.source, r.status, r.error_text, h.level, h.problems FROM crawl_runs r"
            f" LEFT JOIN source_health h ON h.run_id = r.id WHERE r.id IN ({marks})"
            " AND (r.status NOT IN ('ok', 'partial') OR h.level = 'error') ORDER BY r.source",
            outcome.run_ids,
        ).fetchall()
    finally:
        db.close()
    out = []
    for source, status, error, level, problems in rows:
        if status not in ("ok", "partial"):
            first = (error or "").strip().splitlines()
            out.append(f"{source} {status} ({first[0] if first else 'no reason recorded'})")
        elif level == "error":
            messages = [p["message"] for p in json.loads(problems or "[]") if p["level"] == "error"]
            out.append(f"{source}: {messages[0] if messages else 'health check failed'}")
    return out


@click.command()
@click.argument("sources", nargs=-1)
@config_option
@db_option
@click.option(
    "--offline", is_flag=True, help="Crawl through the built-in offline mirror of the five sites."
)
@click.option("--no-alerts", is_flag=True, help="Crawl and check only; leave the digest for later.")
@click.option(
    "--preview",
    type=click.IntRange(min=0),
    default=8,
    show_default=True,
    help="Items per section when the digest is printed, not mailed; 0: all.",
)
def run(
    sources: tuple[str, ...],
    config_path: str | None,
    db_path: str | None,
    offline: bool,
    no_alerts: bool,
    preview: int,
) -> None:
    """Crawl SOURCES (default: every enabled source) once, check each source's health,
    then queue and send the digest of what is new since the last one. For cron:

        */30 * * * *  cd /srv/govwatch && .venv/bin/govwatch run >> run.log 2>&1

    Exits 0 when every crawl finished and every alert went out; otherwise non-zero
    with a one-line reason (undelivered alerts stay queued for the next run). A run
    or daemon already working on the same database makes this one refuse at once.
    With no [smtp] host the digest is printed instead of mailed.
    """
    config = load(config_path, "run")
    db_path = db_path or config.db
    names = check_sources(config, sources, "run")
    with ExitStack() as stack:
        stack.enter_context(locked(config, db_path, "run"))
        prepare_db(db_path)
        sched = config.scheduler
        close_stale_runs(db_path, older_than=sched.crawl_timeout + sched.stop_grace + 60)
        proxy = None
        if offline:
            from crawler.mirror.server import start_mirror

            proxy, stop_mirror = start_mirror()
            stack.callback(stop_mirror)
        ctx = WorkContext(config=config, db_path=db_path, proxy=proxy)
        where = f" through the offline mirror {proxy}" if proxy else ""
        click.echo(
            f"Crawling {len(names)} source{'s' if len(names) != 1 else ''}{where}: {', '.join(names)} ..."
        )
        outcome, levels = crawl_sources_checked(
            ctx,
            names,
            progress=lambda n, secs: click.echo(
                f"  ... {n} article{'s' if n != 1 else ''} saved after {secs:.0f} s"
            ),
        )
        click.echo(f"Crawl {outcome.status} in {outcome.seconds:.1f} s")
        for line in _summary(db_path, outcome, levels):
            click.echo(line)
        problems = _crawl_problems(db_path, outcome)
        if not no_alerts:
            click.echo("")
            result = digest_and_deliver(ctx)
            problems += show_digest(result, max_items=preview or None, day=date.today().isoformat())
        click.echo(f"Browse: govwatch serve --db {db_path}")
    if problems:
        click.echo(f"govwatch run: {'; '.join(problems)}", err=True)
        sys.exit(1)
