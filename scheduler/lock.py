"""One worker at a time: a file lock shared by `govwatch run`, `govwatch daemon` and
`govwatch alerts`.

Why a lock file rather than a pid file: filelock takes an OS-level lock (fcntl on
Linux) that the kernel drops when the holder dies, so a crashed or killed run never
leaves a stale lock behind that an operator must delete by hand.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout


class LockBusy(Exception):
    """Another govwatch run or daemon holds the lock; the message is one line for the user."""


def lock_path_for(lock_file: str, db_path: str) -> Path:
    """A relative lock_file lives beside the database, so two runs on one database meet
    at the same lock whatever their working directory, and two databases never block
    each other."""
    path = Path(lock_file)
    if path.is_absolute():
        return path
    return Path(db_path).resolve().parent / path


@contextmanager
def hold_lock(path: Path, *, what: str) -> Iterator[None]:
    """Take the lock without waiting, or raise LockBusy naming the lock and its holder."""
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        holder = _read_holder(path)
        raise LockBusy(
            f"{what}: another govwatch run or daemon is working ({holder}lock {path}); "
            "try again when it has finished"
        ) from None
    info = path.with_name(path.name + ".pid")
    with suppress(OSError):  # the pid file is only a courtesy for the message above
        info.write_text(f"{os.getpid()}\n", encoding="utf-8")
    try:
        yield
    finally:
        with suppress(OSError):
            info.unlink()
        lock.release()


def _read_holder(path: Path) -> str:
    try:
        pid = path.with_name(path.name + ".pid").read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f"pid {pid}, " if pid.isdigit() else ""
