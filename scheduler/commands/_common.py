"""What run, daemon and alerts share: config, database path, lock, one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from pipelines.config import Config, ConfigError, load_config
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
