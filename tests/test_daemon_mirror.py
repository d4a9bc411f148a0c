"""The daemon against the real crawler and the offline mirror: a schedule of seconds,
two runs recorded, a second daemon refused, a clean exit on SIGTERM."""

from __future__ import annotations

import signal
import subprocess

import pytest
from scheduler_helpers import child_env, govwatch_cmd, mirror_config, query, wait_for

SOURCE = "luohe_fgw"
FINISHED = "status IN ('ok', 'partial')"

pytestmark = pytest.mark.slow


def test_daemon_crawls_mirror_on_a_seconds_schedule_and_stops_cleanly(tmp_path):
    cfg = mirror_config(tmp_path / "govwatch.toml", schedules={SOURCE: "*/2 * * * * *"})
    db = tmp_path / "govwatch.db"
    env = child_env()
    log = (tmp_path / "daemon.log").open("w+")
    proc = subprocess.Popen(
        govwatch_cmd("daemon", SOURCE, "--offline", "--config", str(cfg)),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(
            lambda: len(query(db, f"SELECT id FROM crawl_runs WHERE {FINISHED}")) >= 2,
            timeout=60,
            what="two finished crawl runs",
        )
        twin = subprocess.run(
            govwatch_cmd("daemon", SOURCE, "--offline", "--config", str(cfg)),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert twin.returncode != 0
        assert "govwatch daemon: another govwatch run or daemon is working" in twin.stderr
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    log.seek(0)
    output = log.read()
    assert "received SIGTERM: stopping" in output and "Traceback" not in output
    runs = query(
        db,
        f"SELECT pages, articles FROM crawl_runs WHERE source = ? AND {FINISHED} ORDER BY id",
        (SOURCE,),
    )
    assert len(runs) >= 2 and all(pages > 0 for pages, _ in runs)
    stored = query(db, "SELECT count(*) FROM articles WHERE source = ?", (SOURCE,))[0][0]
    assert stored > 0 and runs[0][1] == stored  # the first run stored them all...
    assert all(articles == 0 for _, articles in runs[1:])  # ...later runs found nothing new
    assert query(db, "SELECT count(*) FROM crawl_runs WHERE status = 'running'") == [(0,)]
    # what the first run found was digested (printed: no SMTP host) exactly once
    assert output.count("govwatch digest ") == 1
