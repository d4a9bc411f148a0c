"""`govwatch alerts`: show (--dry-run) or send the pending digest and the outbox."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from scheduler import findings, outbox
from scheduler.alerts import filter_for, render_text
from scheduler.commands._common import config_option, db_option, load, locked, show_digest
from scheduler.db import connect, prepare_db
from scheduler.jobs import WorkContext, digest_and_deliver


@click.command()
@config_option
@db_option
@click.option(
    "--dry-run", is_flag=True, help="Print the pending digest and outbox; send and record nothing."
)
@click.option(
    "--resend-unknown",
    is_flag=True,
    help="Re-queue alerts whose delivery is unknown (a crash mid-send), same Message-ID.",
)
def alerts(
    config_path: str | None, db_path: str | None, dry_run: bool, resend_unknown: bool
) -> None:
    """Build the digest of what is new since the last one and mail it to each subscriber
    (filtered by their cities, types, keywords and minimum investment), then send any
    alert still queued from an earlier run. With no [smtp] host the digest is printed.

    An alert interrupted while being handed to the SMTP server is marked 'unknown' and
    never resent on its own (it may have arrived); --resend-unknown sends it again
    with the same Message-ID, so mail clients that dedup show it once.
    """
    config = load(config_path, "alerts")
    db_path = db_path or config.db
    today = date.today()
    if dry_run:
        if not Path(db_path).exists():
            raise click.ClickException(
                f"govwatch alerts: no database at {db_path} (run govwatch run first)"
            )
        db = connect(db_path)
        try:
            outbox.ensure_tables(db)
            digest = findings.pending_digest(db, today=today)
            waiting = outbox.pending_alerts(db)
        finally:
            db.close()
        click.echo(render_text(digest, day=today.isoformat()), nl=False)
        if config.smtp.host:
            for sub in config.subscriptions:
                counts = filter_for(digest, sub).counts()
                click.echo(f"-> {sub.email}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        else:
            click.echo("(no [smtp] host configured: `govwatch alerts` would print this digest)")
        for a in waiting:
            click.echo(
                f"queued alert #{a['id']} to {a['recipient']}: {a['status']}, "
                f"{a['attempts']} attempt(s){'; ' + a['last_error'] if a['last_error'] else ''}"
            )
        return
    with locked(config, db_path, "alerts"):
        prepare_db(db_path)
        if resend_unknown:
            db = connect(db_path)
            try:
                click.echo(f"Re-queued {outbox.resend_unknown(db)} alert(s) of unknown outcome")
            finally:
                db.close()
        result = digest_and_deliver(WorkContext(config=config, db_path=db_path), today=today)
    problems = show_digest(result)
    if problems:
        click.echo(f"govwatch alerts: {'; '.join(problems)}", err=True)
        sys.exit(1)
