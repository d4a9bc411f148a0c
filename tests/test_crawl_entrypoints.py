"""The ways a crawl starts: `govwatch crawl --offline` (its own mirror) and `scrapy crawl NAME`
from the repo root (scrapy.cfg), both storing real URLs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from crawl_helpers import FAST, ROOT, stored

from crawler.mirror.server import Mirror, MirrorServer

pytestmark = pytest.mark.slow


def test_offline_crawl_starts_its_own_mirror(tmp_path):
    db = tmp_path / "gw.db"
    args = ["luohe_fgw", "--offline", "--db", str(db)]
    for key, value in FAST.items():
        args += ["-s", f"{key}={value}"]
    proc = subprocess.run(
        [sys.executable, "-c", "from scheduler.cli import main; main()", "crawl", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert set(stored(db)) == Mirror().article_urls("luohe_fgw")
    assert "luohe_fgw: " in proc.stdout


def test_scrapy_crawl_works_from_the_repo_root(tmp_path):
    db = tmp_path / "gw.db"
    with MirrorServer() as server:
        cmd = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "hefei_xomn",
            "-s",
            f"GOVWATCH_DB={db}",
            "-s",
            f"GOVWATCH_PROXY={server.url}",
            "-s",
            f"GOVWATCH_STATS_FILE={tmp_path / 'stats.json'}",
            "-s",
            "LOG_LEVEL=WARNING",
        ]
        for key, value in FAST.items():
            cmd += ["-s", f"{key}={value}"]
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert set(stored(db)) == server.mirror.article_urls("hefei_xomn")
    stats = json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))["hefei_xomn"]
    assert stats["govwatch/articles/stored"] == len(server.mirror.article_urls("hefei_xomn"))
    assert stats["finish_reason"] == "finished"
