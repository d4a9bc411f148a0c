"""Run one crawl in a child process with a deadline, and make crawl_runs tell the truth.

The child (scheduler/crawl_child.py) records its own runs through the store
(start_run ... save_article per page ... finish_run). What it cannot record is
its own death: when the child is killed at its timeout, stopped with the daemon,
or crashes, its runs are left 'running'. Here the parent closes them as 'failed'
(crash, or timeout: error_text says which) or 'aborted' (stopped with the daemon,
not the site's fault); articles saved before that stay, because the
store commits each article on its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pipelines.store import finish_run, start_run
from scheduler.db import connect

POLL_SECONDS = 0.2
KILL_GRACE = 5.0  # after SIGTERM, seconds a child gets to close its spider before SIGKILL
LOG_TAIL = 2000  # characters of the child's output kept as error_text


@dataclass
class CrawlOutcome:
    sources: list[str]
    status: str  # "ok" | "failed" | "timeout" | "aborted"
    returncode: int | None
    seconds: float
    run_ids: list[int] = field(default_factory=list)
    reason: str | None = None  # one line, when status != "ok"


def _articles_since(db_path: str, before: int) -> int:
    """Articles saved so far by runs newer than `before` (each is committed as it comes)."""
    db = connect(db_path)
    try:
        return int(
            db.execute("SELECT count(*) FROM articles WHERE run_id > ?", [before]).fetchone()[0]
        )
    finally:
        db.close()


def close_stale_runs(db_path: str, *, older_than: float) -> int:
    """Runs still 'running' long after any crawl could have ended: their process died with
    its parent (a daemon killed with SIGKILL, a power cut). Close them as failed so health
    and Datasette do not show a crawl that never ends. Call while holding the run lock."""
    db = connect(db_path)
    try:
        with db.conn:
            cur = db.conn.execute(
                "UPDATE crawl_runs SET status = 'failed', finished_at = datetime('now'),"
                " error_text = 'interrupted: the process running this crawl died'"
                " WHERE status = 'running' AND started_at < datetime('now', ?)",
                (f"-{int(older_than)} seconds",),
            )
        return cur.rowcount
    finally:
        db.close()


def _max_run_id(db_path: str) -> int:
    db = connect(db_path)
    try:
        return db.execute("SELECT coalesce(max(id), 0) FROM crawl_runs").fetchone()[0]
    finally:
        db.close()


def _stop_group(proc: subprocess.Popen, grace: float) -> None:
    """SIGTERM the child's process group (Scrapy closes its spider cleanly), then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _tail(log) -> str:
    log.seek(0, os.SEEK_END)
    size = log.tell()
    log.seek(max(0, size - LOG_TAIL * 4))
    return log.read().decode("utf-8", "replace")[-LOG_TAIL:].strip()


def _last_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""


def crawl_in_child(
    sources: list[str],
    *,
    db_path: str,
    config_path: str | os.PathLike[str] | None,
    timeout: float,
    proxy: str | None = None,
    stop: threading.Event | None = None,
    stop_grace: float = KILL_GRACE,
    log_dir: str | os.PathLike[str] | None = None,
    progress: Callable[[int, float], None] | None = None,
    progress_every: float = 5.0,
) -> CrawlOutcome:
    """Crawl `sources` in a child; kill it after `timeout` seconds or when `stop` is set.
    `progress(articles_saved, seconds)` is called every `progress_every` seconds."""
    before = _max_run_id(db_path)
    cmd = [sys.executable, "-m", "scheduler.crawl_child", "--db", str(db_path)]
    if config_path:
        cmd += ["--config", str(config_path)]
    if proxy:
        cmd += ["--proxy", proxy]
    cmd += sources
    started = time.monotonic()
    status, reason = "ok", None
    with tempfile.TemporaryFile(dir=log_dir) as log:
        # Own session: the timeout kills the child and anything it started, nothing else.
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        last_progress = started
        while True:
            if progress is not None and time.monotonic() - last_progress >= progress_every:
                last_progress = time.monotonic()
                progress(_articles_since(db_path, before), last_progress - started)
            try:
                proc.wait(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                pass
            if stop is not None and stop.is_set():
                _stop_group(proc, stop_grace)
                status, reason = "aborted", "stopped with the daemon"
                break
            if time.monotonic() - started > timeout:
                _stop_group(proc, KILL_GRACE)
                status, reason = "timeout", f"timeout: killed after {timeout:g} s without finishing"
                break
        if status == "ok" and proc.returncode != 0:
            status = "failed"
            reason = _last_line(_tail(log)) or f"crawl process exited with status {proc.returncode}"
        output = _tail(log) if status != "ok" else ""
    outcome = CrawlOutcome(
        sources, status, proc.returncode, time.monotonic() - started, reason=reason
    )
    outcome.run_ids = _close_runs(db_path, sources, before, outcome, output)
    return outcome


def _close_runs(
    db_path: str, sources: list[str], before: int, outcome: CrawlOutcome, output: str
) -> list[int]:
    """Close the runs the child left open; give a source with no run at all a failed one.

    A child that exited 0 yet left a run open or recorded none is a crawler bug: the
    outcome becomes 'failed' so it shows up in health and the exit status."""
    db = connect(db_path)
    try:
        marks = ", ".join("?" * len(sources))
        rows = db.execute(
            f"SELECT id, source, status FROM crawl_runs WHERE id > ? AND source IN ({marks})"
            " ORDER BY id",
            [before, *sources],
        ).fetchall()
        open_runs = [r[0] for r in rows if r[2] == "running"]
        missing = [s for s in sources if s not in {r[1] for r in rows}]
        if outcome.status == "ok" and (open_runs or missing):
            outcome.status = "failed"
            outcome.reason = (
                "crawl process recorded no run"
                if missing
                else "crawl process exited without closing its run"
            )
        error_text = f"{outcome.reason}\n{output}".strip() if outcome.reason else None
        row_status = "aborted" if outcome.status == "aborted" else "failed"
        for run_id in open_runs:
            finish_run(
                db,
                run_id,
                status=row_status,
                pages=_count(db, run_id, "pages"),
                articles=_articles(db, run_id),
                errors=_count(db, run_id, "errors"),
                error_text=error_text,
            )
        run_ids = [r[0] for r in rows]
        for source in missing:
            run_id = start_run(db, source)
            finish_run(
                db,
                run_id,
                status=row_status,
                pages=0,
                articles=0,
                errors=0,
                error_text=error_text,
            )
            run_ids.append(run_id)
        return run_ids
    finally:
        db.close()


def _count(db, run_id: int, column: str) -> int:
    row = db.execute(
        f"SELECT coalesce({column}, 0) FROM crawl_runs WHERE id = ?", [run_id]
    ).fetchone()
    return int(row[0]) if row else 0


def _articles(db, run_id: int) -> int:
    """Articles the killed run did save (each was committed as it came)."""
    return int(db.execute("SELECT count(*) FROM articles WHERE run_id = ?", [run_id]).fetchone()[0])
