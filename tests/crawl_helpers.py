"""Helpers for the crawler and mirror tests: a mirror on loopback, `govwatch crawl` in a child
process (Twisted's reactor cannot restart), and reading back what the crawl stored."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SITES = ("zhenjiang_jsw", "mianyang_myrb", "hefei_xomn", "harbin_cri_big5", "luohe_fgw")

# Test speed, not politeness: the mirror is on loopback. Retries still happen, with a tiny back-off.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "GOVWATCH_BACKOFF_BASE": "0.05",
    "DOWNLOAD_TIMEOUT": "2",
    "RETRY_TIMES": "2",
}


def run_crawl(
    proxy: str,
    db: Path,
    *sources: str,
    config: Path | None = None,
    settings: dict[str, str] | None = None,
    tmp: Path | None = None,
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """`govwatch crawl SOURCES --proxy MIRROR --db DB` in a child process; returns it and its stats."""
    stats_file = (tmp or db.parent) / f"stats-{len(list(db.parent.glob('stats-*.json')))}.json"
    args = [str(a) for a in sources] + [
        "--db",
        str(db),
        "--proxy",
        proxy,
        "--stats-json",
        str(stats_file),
    ]
    if config is not None:
        args += ["--config", str(config)]
    for key, value in {**FAST, **(settings or {})}.items():
        args += ["-s", f"{key}={value}"]
    cmd = [sys.executable, "-c", "from scheduler.cli import main; main()", "crawl", *args]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)
    stats = json.loads(stats_file.read_text(encoding="utf-8")) if stats_file.exists() else {}
    return proc, stats


def stored(db: Path, source: str | None = None) -> dict[str, dict[str, Any]]:
    """Stored articles by URL (all sources, or one)."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        sql = "SELECT * FROM articles" + (" WHERE source = ?" if source else "")
        return {r["url"]: dict(r) for r in con.execute(sql, [source] if source else [])}
    finally:
        con.close()


def runs(db: Path) -> list[dict[str, Any]]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM crawl_runs ORDER BY id")]
    finally:
        con.close()


def article_hits(mirror: Any, since: int = 0) -> list[str]:
    """URLs of article pages (normal or fault) the mirror served after hit number `since`."""
    return [h.url for h in mirror.request_log()[since:] if h.kind in ("article", "fault")]
