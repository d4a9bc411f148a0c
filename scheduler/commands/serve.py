"""`govwatch serve`: browse the database in Datasette."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import click

METADATA = Path(__file__).resolve().parents[2] / "pipelines" / "datasette" / "metadata.json"
METADATA_DB_KEY = "govwatch"  # the database name metadata.json is written for


def load_metadata(db_path: Path, path: Path = METADATA) -> dict[str, Any]:
    """metadata.json with its database section renamed to the file's stem, since
    Datasette names a database after its file (govwatch.db -> "govwatch")."""
    meta = json.loads(path.read_text(encoding="utf-8"))
    databases = meta.get("databases", {})
    if METADATA_DB_KEY in databases and db_path.stem != METADATA_DB_KEY:
        databases[db_path.stem] = databases.pop(METADATA_DB_KEY)
    return meta


def _check_port(host: str, port: int) -> None:
    """A taken port is a one-line error, not uvicorn's log of an OSError."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise click.ClickException(
                f"govwatch serve: cannot listen on {host}:{port} ({exc.strerror}); pass --port"
            ) from None


@click.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="SQLite database (default: `db` in the config).")  # fmt: skip
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: $GOVWATCH_CONFIG, else ./govwatch.toml).")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the data to the network.")  # fmt: skip
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False, exists=True),
              default=None, help="Datasette metadata (default: pipelines/datasette/metadata.json).")  # fmt: skip
def serve(
    db_path: str | None, config_path: str | None, host: str, port: int, metadata_path: str | None
) -> None:
    """Browse the database in Datasette: articles (with full-text search),
    projects, milestone timelines, facets by city, type, status and source, and
    canned queries (new milestones in the last 7 days, a project's timeline,
    milestones by city and type, overdue plans, slips, sites with injected spam,
    and `search`, which also finds one- and two-character words like 开工).

    The database is migrated first, so a database written by an older govwatch
    gains new tables and views. Stop with Ctrl-C.
    """
    from pipelines.config import ConfigError, load_config

    if db_path is None:
        try:
            db_path = load_config(config_path).db
        except ConfigError as exc:
            raise click.ClickException(f"govwatch serve: {exc}") from None
    path = Path(db_path)
    if not path.is_file():
        raise click.ClickException(
            f"govwatch serve: {path}: no such database (run `govwatch run` first, or pass --db)"
        )

    _check_port(host, port)

    import asyncio

    import uvicorn
    from datasette.app import Datasette

    from pipelines.store import open_db

    open_db(path).close()  # create or migrate tables, views and the search index
    try:
        metadata = load_metadata(path, Path(metadata_path) if metadata_path else METADATA)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"govwatch serve: {metadata_path or METADATA}: {exc}") from None
    ds = Datasette(
        [str(path)],
        metadata=metadata,
        settings={"sql_time_limit_ms": 5000, "facet_time_limit_ms": 500},
    )
    asyncio.run(ds.invoke_startup())
    click.echo(f"govwatch serve: http://{host}:{port}/{path.stem}  (Ctrl-C to stop)", err=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
