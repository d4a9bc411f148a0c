"""Connections for the scheduler's own reads and writes on an already-migrated database.

`pipelines.store.open_db` migrates the schema on every open inside a deferred
transaction; several processes doing that at once (a daemon's jobs beside its
crawl children) can meet SQLite's "database is locked" without the busy timeout
being honoured. So the scheduler migrates once (`prepare_db`, at start) and then
connects here without touching the schema.
"""

from __future__ import annotations

import sqlite_utils

from pipelines.store import open_db
from scheduler.outbox import ensure_tables


def prepare_db(db_path: str) -> None:
    """Create or migrate the store's tables and ours, once, before any child starts."""
    db = open_db(db_path)
    try:
        ensure_tables(db)
    finally:
        db.close()


def connect(db_path: str) -> sqlite_utils.Database:
    db = sqlite_utils.Database(db_path)
    db.execute("PRAGMA busy_timeout = 30000")
    db.execute("PRAGMA foreign_keys = ON")
    return db
