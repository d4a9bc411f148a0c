"""What run, daemon and alerts share: config, database path, lock, one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from pipelines.config import Config, ConfigError, load_config
from scheduler.alerts import render_text
from scheduler.jobs import DigestResult
from scheduler.lock import LockBusy, hold_lock, lock_path_for

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Config file (default: $GOVWATCH_CONFIG, else ./govwatch.toml).",
)
db_option = click.option(
    "--db", "db_path", default=None, help="SQLite database (default: `db` in the config)."
)


def load(config_path: str | None, command: str) -> Config:
    try:
        return load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(f"govwatch {command}: {exc}") from None


def check_sources(config: Config, names: tuple[str, ...], command: str) -> list[str]:
    """The named sources (all enabled ones when none are named), or a one-line error."""
    if not names:
        chosen = [s.name for s in config.sources.values() if s.enabled]
        if not chosen:
            raise click.ClickException(f"govwatch {command}: {config.path}: no enabled [sources.*]")
        return chosen
    unknown = [n for n in names if n not in config.sources]
    if unknown:
        raise click.ClickException(
            f"govwatch {command}: unknown source {', '.join(unknown)} "
            f"({config.path} has: {', '.join(config.sources) or 'none'})"
        )
    return list(names)


@contextmanager
def locked(config: Config, db_path: str, command: str) -> Iterator[None]:
    """The run lock, or a one-line refusal (exit 1) when another run or daemon holds it."""
    path = lock_path_for(config.scheduler.lock_file, db_path)
    try:
        with hold_lock(path, what=f"govwatch {command}"):
            yield
    except LockBusy as exc:
        raise click.ClickException(str(exc)) from None


def show_digest(result: DigestResult, *, max_items: int | None = None, day: str = "") -> list[str]:
    """Print the digest when it was not mailed (each section cut to `max_items` for a
    terminal), and the outbox's delivery; return problems."""
    if result.queued.printed or result.digest.is_empty():
        if result.queued.printed:
            click.echo("Digest (no [smtp] host or no [[subscriptions]]: printed, not mailed):")
        text = result.queued.text
        if max_items is not None and result.queued.printed:
            preview = render_text(result.digest, day=day, max_items=max_items)
            if preview != text:
                text = preview + (
                    f"(the whole digest is row {result.queued.digest_id} of the digests table)\n"
                )
        click.echo(text, nl=False)
    d = result.delivery
    problems: list[str] = []
    if d is None:
        return problems
    click.echo(
        f"Alerts: {d.sent} sent, {d.waiting} waiting for SMTP, {d.failed} refused, "
        f"{d.unknown} of unknown outcome"
    )
    if d.recovered:
        click.echo(
            f"{d.recovered} alert(s) were interrupted mid-send by an earlier crash: marked unknown, "
            "not resent (govwatch alerts --resend-unknown to send them again)"
        )
    if d.error:
        problems.append(f"alerts kept for the next run: {d.error}")
    if d.failed:
        problems.append(f"{d.failed} alert(s) refused by the SMTP server (see the alerts table)")
    return problems
