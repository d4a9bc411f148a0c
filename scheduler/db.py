"""Connections for the scheduler's own reads and writes on an already-migrated database.

`pipelines.store.open_db` checks and migrates the schema on every open, under a
write lock. The scheduler opens the database many times a day from job threads
while crawl children write, so it migrates once (`prepare_db`, at start, before
any child exists) and then connects here without touching the schema or taking
a write lock it does not need.
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
