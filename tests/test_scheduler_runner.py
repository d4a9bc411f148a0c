"""Crawls in a child process: a hung child is killed at its timeout, a crashed one is
recorded as failed, and what they saved before dying stays saved."""

from __future__ import annotations

import threading
import time

import pytest
from scheduler_helpers import child_env, query, write_config

from pipelines.config import load_config
from scheduler.db import prepare_db
from scheduler.jobs import WorkContext, crawl_sources_checked
from scheduler.runner import crawl_in_child


@pytest.fixture
def config(tmp_path, monkeypatch):
    for key, value in child_env("tests.scheduler_helpers:scripted_crawl").items():
        monkeypatch.setenv(key, value)
    cfg = load_config(
        write_config(
            tmp_path / "govwatch.toml",
            sources={"alpha": "every 1h", "hangs": "every 1h", "crashes": "every 1h"},
        )
    )
    prepare_db(cfg.db)
    return cfg


def test_hung_child_is_killed_at_its_timeout_and_recorded_with_what_it_saved(config):
    started = time.monotonic()
    outcome = crawl_in_child(["hangs"], db_path=config.db, config_path=config.path, timeout=2.0)
    assert outcome.status == "timeout"
    assert time.monotonic() - started < 15  # SIGTERM ignored by nothing here; well under grace
    rows = query(
        config.db,
        "SELECT status, articles, error_text, finished_at FROM crawl_runs WHERE source = 'hangs'",
    )
    assert len(rows) == 1
    status, articles, error_text, finished_at = rows[0]
    assert status == "failed" and finished_at
    assert articles == 1  # the article committed before the hang is kept and counted
    assert error_text.startswith("timeout: killed after 2 s")
    assert query(config.db, "SELECT count(*) FROM articles WHERE source = 'hangs'") == [(1,)]


def test_crashed_child_is_recorded_as_failed_with_its_last_line(config):
    outcome, levels = crawl_sources_checked(
        WorkContext(config=config, db_path=config.db), ["crashes"]
    )
    assert outcome.status == "failed"
    assert "RuntimeError: spider exploded on purpose" in outcome.reason
    assert query(config.db, "SELECT status FROM crawl_runs WHERE source = 'crashes'") == [
        ("failed",)
    ]
    assert list(levels.values()) == ["error"]
    health = query(config.db, "SELECT level, problems FROM source_health WHERE source = 'crashes'")
    assert health[0][0] == "error" and "spider exploded" in health[0][1]


def test_stop_event_aborts_a_running_crawl(config):
    stop = threading.Event()
    timer = threading.Timer(1.0, stop.set)
    timer.start()
    outcome = crawl_in_child(
        ["hangs"], db_path=config.db, config_path=config.path, timeout=60, stop=stop, stop_grace=1.0
    )
    timer.cancel()
    assert outcome.status == "aborted"
    assert query(config.db, "SELECT status FROM crawl_runs WHERE source = 'hangs'") == [
        ("aborted",)
    ]


def test_child_that_exits_without_a_run_gets_a_failed_one(config, monkeypatch):
    monkeypatch.setenv("GOVWATCH_CRAWL_FUNCTION", "tests.scheduler_helpers:noop_crawl")
    outcome = crawl_in_child(["alpha"], db_path=config.db, config_path=config.path, timeout=30)
    assert outcome.status == "failed" and len(outcome.run_ids) == 1
    assert outcome.reason == "crawl process recorded no run"
    assert query(config.db, "SELECT status, error_text FROM crawl_runs") == [
        ("failed", "crawl process recorded no run")
    ]


def test_runs_left_running_by_a_dead_process_are_closed_once_stale(config):
    from scheduler.db import connect
    from scheduler.runner import close_stale_runs

    db = connect(config.db)
    with db.conn:
        db.conn.execute("INSERT OR IGNORE INTO sources (name) VALUES ('alpha')")
        db.conn.execute(
            "INSERT INTO crawl_runs (source, started_at, status) VALUES"
            " ('alpha', datetime('now', '-2 hours'), 'running'),"
            " ('alpha', datetime('now', '-1 minute'), 'running')"
        )
    db.close()
    assert close_stale_runs(config.db, older_than=3600) == 1
    assert query(config.db, "SELECT status, error_text FROM crawl_runs ORDER BY id") == [
        ("failed", "interrupted: the process running this crawl died"),
        ("running", None),  # young enough to be a crawl still going: left alone
    ]
