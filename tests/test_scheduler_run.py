"""`govwatch run` end to end: the real crawler through the offline mirror, the real
store, a real SMTP server on loopback; then the same again, which finds nothing new."""

from __future__ import annotations

import email
import subprocess
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from conftest import free_port
from scheduler_helpers import Inbox, child_env, govwatch_cmd, mirror_config, query, write_config

from scheduler.lock import hold_lock, lock_path_for

SOURCES = ["hefei_xomn", "luohe_fgw"]


@pytest.fixture
def inbox():
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.mark.slow
def test_run_offline_mails_the_digest_once_and_a_second_run_finds_nothing_new(tmp_path, inbox):
    smtp = (
        f'[smtp]\nhost = "127.0.0.1"\nport = {inbox.port}\nsecurity = "none"\n'
        'sender = "govwatch@test.invalid"\n\n[[subscriptions]]\nemail = "desk@test.invalid"\n'
    )
    cfg = mirror_config(tmp_path / "govwatch.toml", schedules={}, extra="")
    text = cfg.read_text(encoding="utf-8")
    start = text.index("[smtp]")
    end = text.index("\n[", start + 1)
    cfg.write_text(text[:start] + smtp + text[end:], encoding="utf-8")
    db = tmp_path / "govwatch.db"

    first = subprocess.run(
        govwatch_cmd("run", "--offline", "--config", str(cfg), *SOURCES),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stdout + first.stderr
    out = first.stdout
    assert "through the offline mirror http://127.0.0.1:" in out
    stored = query(db, "SELECT count(*) FROM articles")[0][0]
    new_ms = query(db, "SELECT count(*) FROM milestones WHERE is_new = 1")[0][0]
    assert stored > 0 and new_ms > 0
    assert f"Articles: {stored} new ({stored} stored)" in out
    assert f"New milestones: {new_ms} (" in out
    assert "Alerts: 1 sent, 0 waiting for SMTP" in out
    assert f"Browse: govwatch serve --db {db}" in out
    assert len(inbox.messages) == 1
    mail = email.message_from_bytes(inbox.messages[0].original_content, policy=default_policy)
    assert [p.get_content_type() for p in mail.iter_parts()] == ["text/plain", "text/html"]
    assert f"{new_ms} new milestone" in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    some_url = query(
        db, "SELECT a.url FROM milestones m JOIN articles a ON a.id = m.first_article_id LIMIT 1"
    )[0][0]
    assert some_url in body

    second = subprocess.run(
        govwatch_cmd("run", "--offline", "--config", str(cfg), *SOURCES),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Articles: 0 new" in second.stdout and "New milestones: 0 (none)" in second.stdout
    assert "Nothing new since the last digest." in second.stdout
    assert "Alerts: 0 sent" in second.stdout
    assert len(inbox.messages) == 1
    assert query(db, "SELECT status, count(*) FROM alerts GROUP BY status") == [("sent", 1)]


def test_second_run_refuses_while_the_lock_is_held(tmp_path):
    cfg = write_config(tmp_path / "govwatch.toml", sources={"alpha": "every 1h"})
    db = tmp_path / "govwatch.db"
    with hold_lock(lock_path_for("govwatch.lock", str(db)), what="test"):
        busy = subprocess.run(
            govwatch_cmd("run", "--config", str(cfg)),
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert busy.returncode == 1
    assert busy.stderr.startswith(
        "Error: govwatch run: another govwatch run or daemon is working (pid "
    )
    assert len(busy.stderr.strip().splitlines()) == 1
    assert busy.stdout == ""
    assert not db.exists()  # refused before touching anything


def test_unknown_source_is_one_line_naming_the_config(tmp_path):
    cfg = write_config(tmp_path / "govwatch.toml", sources={"alpha": "every 1h"})
    bad = subprocess.run(
        govwatch_cmd("run", "--config", str(cfg), "nosuch"),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert bad.stderr.strip() == f"Error: govwatch run: unknown source nosuch ({cfg} has: alpha)"


def test_bad_schedule_stops_the_daemon_before_it_starts(tmp_path):
    cfg = write_config(tmp_path / "govwatch.toml", sources={"alpha": "every day"})
    bad = subprocess.run(
        govwatch_cmd("daemon", "--config", str(cfg)),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert bad.stderr.strip() == (
        f"Error: govwatch daemon: {cfg} [sources.alpha] schedule = 'every day':"
        " expected 5 cron fields (6 with seconds), got 2"
    )


def test_run_exits_non_zero_naming_a_source_that_stored_nothing(tmp_path):
    cfg = write_config(
        tmp_path / "govwatch.toml", sources={"alpha": "every 1h", "broken": "every 1h"}
    )
    res = subprocess.run(
        govwatch_cmd("run", "--config", str(cfg)),
        env=child_env("tests.scheduler_helpers:scripted_crawl"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 1
    assert res.stderr.strip() == (
        "govwatch run: broken: stored no articles: 9 errors on 10 pages "
        "(first: http://broken.example.gov.cn/1.html: parse error: KeyError: 'title')"
    )
    assert "stored no articles: 9 errors on 10 pages" in res.stdout  # the digest says so too
    assert "Articles: 2 new (2 stored)" in res.stdout  # alpha's work is kept


def test_run_with_smtp_down_exits_non_zero_and_keeps_the_alert(tmp_path):
    port = free_port()  # nothing listens here
    cfg = write_config(
        tmp_path / "govwatch.toml",
        sources={"alpha": "every 1h"},
        smtp_port=port,
        subscriptions='[[subscriptions]]\nemail = "desk@test.invalid"\n',
    )
    res = subprocess.run(
        govwatch_cmd("run", "--config", str(cfg)),
        env=child_env("tests.scheduler_helpers:fake_crawl"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 1
    assert res.stderr.startswith(
        f"govwatch run: alerts kept for the next run: SMTP 127.0.0.1:{port} unavailable ("
    )
    assert len(res.stderr.strip().splitlines()) == 1
    assert "Alerts: 0 sent, 1 waiting for SMTP" in res.stdout
    assert query(tmp_path / "govwatch.db", "SELECT recipient, status, attempts FROM alerts") == [
        ("desk@test.invalid", "pending", 1)
    ]
