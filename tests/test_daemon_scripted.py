"""The daemon process with crawl functions that hang or succeed on purpose: a hung crawl
is killed at its timeout and recorded, the daemon keeps going, one run per source at
a time, a second daemon refuses, SIGTERM stops it cleanly."""

from __future__ import annotations

import itertools
import signal
import subprocess

from scheduler_helpers import child_env, govwatch_cmd, process_gone, query, wait_for, write_config


def test_daemon_kills_hung_crawl_keeps_going_refuses_twin_and_stops_on_sigterm(tmp_path):
    cfg = write_config(
        tmp_path / "govwatch.toml",
        sources={"alpha": "*/1 * * * * *", "hangs": "every 1s"},
        scheduler="crawl_timeout = 2.0",
    )
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace("crawl_timeout = 60.0\n", ""), encoding="utf-8"
    )
    db = tmp_path / "govwatch.db"
    env = child_env("tests.scheduler_helpers:scripted_crawl")
    log = (tmp_path / "daemon.log").open("w+")
    proc = subprocess.Popen(
        govwatch_cmd("daemon", "--config", str(cfg)), env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_for(
            lambda: query(
                db,
                "SELECT id, finished_at FROM crawl_runs WHERE source = 'hangs'"
                " AND status = 'failed' AND error_text LIKE 'timeout:%'",
            ),
            timeout=30,
            what="a hung crawl killed",
        )
        timed_out_at = query(
            db, "SELECT min(finished_at) FROM crawl_runs WHERE error_text LIKE 'timeout:%'"
        )[0][0]
        # the daemon survives: alpha keeps running after the kill
        wait_for(
            lambda: query(
                db,
                "SELECT 1 FROM crawl_runs WHERE source = 'alpha' AND status = 'ok'"
                " AND started_at > ?",
                (timed_out_at,),
            ),
            timeout=30,
            what="an alpha run after the hung crawl was killed",
        )
        assert (
            len(query(db, "SELECT 1 FROM crawl_runs WHERE source = 'alpha' AND status = 'ok'")) >= 2
        )

        twin = subprocess.run(
            govwatch_cmd("daemon", "--config", str(cfg)),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert twin.returncode != 0
        assert "another govwatch run or daemon is working" in twin.stderr
        assert len(twin.stderr.strip().splitlines()) == 1, twin.stderr
        cron = subprocess.run(
            govwatch_cmd("run", "--config", str(cfg)),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert cron.returncode != 0 and "govwatch run: another govwatch" in cron.stderr

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    log.seek(0)
    output = log.read()
    assert "received SIGTERM: stopping" in output and "govwatch.daemon INFO stopped" in output
    assert "Traceback" not in output
    assert query(db, "SELECT count(*) FROM crawl_runs WHERE status = 'running'") == [(0,)]
    # max one run per source: runs of the hanging source never overlap
    spans = query(
        db, "SELECT started_at, finished_at FROM crawl_runs WHERE source = 'hangs' ORDER BY id"
    )
    assert all(nxt[0] >= cur[1] for cur, nxt in itertools.pairwise(spans))
    # the fake pages' milestones were digested (printed: no SMTP host) exactly once
    assert output.count("== New milestones (4)") == 1
    assert query(db, "SELECT count(*) FROM crawl_runs WHERE error_text LIKE 'timeout:%'")[0][0] >= 1


def test_crawl_child_ends_itself_when_the_daemon_is_killed(tmp_path):
    """SIGKILL gives the daemon no chance to stop its children (they run in their own
    session); each child notices it is orphaned and ends its crawl."""
    cfg = write_config(tmp_path / "govwatch.toml", sources={"hangs": "every 1s"})
    pidfile = tmp_path / "child.pid"
    env = child_env("tests.scheduler_helpers:scripted_crawl")
    env["FAKE_CRAWL_PIDFILE"] = str(pidfile)
    proc = subprocess.Popen(
        govwatch_cmd("daemon", "--config", str(cfg)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(pidfile.exists, timeout=30, what="the crawl child to start")
        child = int(pidfile.read_text(encoding="utf-8"))
        assert not process_gone(child)
        proc.kill()
        proc.wait(timeout=10)
        wait_for(lambda: process_gone(child), timeout=15, what="the orphaned child to end")
    finally:
        if proc.poll() is None:
            proc.kill()
