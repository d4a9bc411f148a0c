"""The outbox against a real SMTP server on loopback (aiosmtpd): one digest with both
MIME parts, nothing twice, nothing lost while SMTP is down, and no duplicate after
a process is killed between handing a message over and recording it."""

from __future__ import annotations

import email
import os
import signal
import subprocess
from datetime import date
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from conftest import free_port
from scheduler_helpers import Inbox, child_env, fake_crawl, govwatch_cmd, query, write_config

from pipelines.config import load_config
from scheduler.db import prepare_db
from scheduler.jobs import WorkContext, digest_and_deliver

TODAY = date(2026, 11, 23)
SUBSCRIPTIONS = """
[[subscriptions]]
email = "all@test.invalid"

[[subscriptions]]
email = "mianyang@test.invalid"
cities = ["绵阳市"]

[[subscriptions]]
email = "harbin@test.invalid"
cities = ["哈尔滨市"]
"""


def _smtp(inbox: Inbox, port: int) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def inbox(smtp_port):
    box = Inbox()
    controller = _smtp(box, smtp_port)
    yield box
    controller.stop()


@pytest.fixture
def setup(tmp_path, smtp_port):
    """A database with crawled rows (three projects, two cities, one spam page) and a config."""
    cfg_path = write_config(
        tmp_path / "govwatch.toml",
        sources={"alpha": "every 1h", "beta": "every 1h"},
        smtp_port=smtp_port,
        subscriptions=SUBSCRIPTIONS,
    )
    config = load_config(cfg_path)
    prepare_db(config.db)
    fake_crawl(["alpha", "beta"], config.db, config)
    return config


def _parse(envelope) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.original_content, policy=default_policy)


def _statuses(db: str) -> list[tuple]:
    return query(db, "SELECT recipient, status, attempts FROM alerts ORDER BY id")


def test_digest_is_mailed_once_per_subscriber_with_text_and_html(setup, inbox):
    result = digest_and_deliver(WorkContext(config=setup, db_path=setup.db), today=TODAY)
    assert result.delivery.sent == 2 and result.delivery.error is None
    # the Harbin subscriber's filter leaves nothing: no mail at all
    assert sorted(e.rcpt_tos[0] for e in inbox.messages) == [
        "all@test.invalid",
        "mianyang@test.invalid",
    ]
    full = next(_parse(e) for e in inbox.messages if e.rcpt_tos == ["all@test.invalid"])
    assert full.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in full.iter_parts()] == ["text/plain", "text/html"]
    # the 2025-06 plan was first reported now: a new milestone, and already overdue
    assert full["Subject"] == "govwatch digest 2026-11-23: 5 new milestones, 1 overdue, 1 spam page"
    text = full.get_body(("plain",)).get_content()
    html = full.get_body(("html",)).get_content()
    for expected in (
        "-- 镇江市",
        "新能源电池材料项目",
        "started 开工 | 已完成 | 2026-03-02 | 投资12.5亿元",
        "「3月2日，总投资12.5亿元的新能源电池材料项目正式开工。」",
        "http://alpha.example.gov.cn/news/1.html",
        "Pages carrying injected spam",
    ):
        assert expected in text
    assert "&lt;b&gt;x&lt;/b&gt; &amp; co" in html and "<b>x</b>" not in html
    assert '<a href="http://alpha.example.gov.cn/news/1.html">' in html
    mianyang = next(_parse(e) for e in inbox.messages if e.rcpt_tos == ["mianyang@test.invalid"])
    mtext = mianyang.get_body(("plain",)).get_content()
    assert "电子信息产业基地" in mtext and "镇江市" not in mtext
    # the Message-ID sent is the one the outbox recorded
    ids = {r[0] for r in query(setup.db, "SELECT message_id FROM alerts")}
    assert {_parse(e)["Message-ID"] for e in inbox.messages} == ids
    assert _statuses(setup.db) == [
        ("all@test.invalid", "sent", 1),
        ("mianyang@test.invalid", "sent", 1),
    ]

    again = digest_and_deliver(WorkContext(config=setup, db_path=setup.db), today=TODAY)
    assert again.digest.is_empty() and again.delivery.sent == 0
    assert len(inbox.messages) == 2


def test_smtp_down_keeps_the_alert_and_sends_it_exactly_once_when_back(setup, smtp_port):
    ctx = WorkContext(config=setup, db_path=setup.db)
    down = digest_and_deliver(ctx, today=TODAY)  # nothing listens on smtp_port yet
    assert down.delivery.sent == 0 and down.delivery.waiting == 2
    assert "unavailable" in down.delivery.error
    assert [s[1:] for s in _statuses(setup.db)] == [("pending", 1), ("pending", 1)]

    still_down = digest_and_deliver(ctx, today=TODAY)
    assert still_down.digest.is_empty()  # the items were queued once; they are not re-queued
    assert [s[1:] for s in _statuses(setup.db)] == [("pending", 2), ("pending", 2)]

    box = Inbox()
    controller = _smtp(box, smtp_port)
    try:
        back = digest_and_deliver(ctx, today=TODAY)
        assert back.delivery.sent == 2 and back.delivery.error is None
        after = digest_and_deliver(ctx, today=TODAY)
        assert after.delivery.sent == 0
    finally:
        controller.stop()
    assert sorted(e.rcpt_tos[0] for e in box.messages) == [
        "all@test.invalid",
        "mianyang@test.invalid",
    ]
    assert [s[1] for s in _statuses(setup.db)] == ["sent", "sent"]


def test_process_killed_between_send_and_mark_does_not_send_twice(setup, inbox):
    """The server has the message; the sender dies before recording it. The next run must
    not resend (at-most-once); the operator may resend with the same Message-ID."""
    inbox.hold = True  # keep the 250 reply back until the sender is dead
    cfg = str(setup.path)
    proc = subprocess.Popen(
        govwatch_cmd("alerts", "--config", cfg),
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert inbox.received.wait(30), "the alert never reached the SMTP server"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        inbox.release.set()
        if proc.poll() is None:
            proc.kill()
    assert len(inbox.messages) == 1
    assert query(setup.db, "SELECT status FROM alerts ORDER BY id") == [("sending",), ("pending",)]
    inbox.hold = False

    rerun = subprocess.run(
        govwatch_cmd("alerts", "--config", cfg),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "interrupted mid-send" in rerun.stdout
    # the second subscriber's alert, never handed over, goes out; the first is not repeated
    assert [e.rcpt_tos[0] for e in inbox.messages] == ["all@test.invalid", "mianyang@test.invalid"]
    assert query(setup.db, "SELECT status FROM alerts ORDER BY id") == [("unknown",), ("sent",)]

    quiet = subprocess.run(
        govwatch_cmd("alerts", "--config", cfg),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert quiet.returncode == 0 and len(inbox.messages) == 2

    # The bound, shown: only the operator's --resend-unknown sends it again, same Message-ID.
    resend = subprocess.run(
        govwatch_cmd("alerts", "--config", cfg, "--resend-unknown"),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resend.returncode == 0, resend.stderr
    assert [e.rcpt_tos[0] for e in inbox.messages][-1] == "all@test.invalid"
    first, resent = _parse(inbox.messages[0]), _parse(inbox.messages[-1])
    assert first["Message-ID"] == resent["Message-ID"]


def test_dry_run_prints_pending_digest_and_changes_nothing(setup, tmp_path):
    out = subprocess.run(
        govwatch_cmd("alerts", "--dry-run", "--config", str(setup.path)),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "5 new milestones, 1 overdue" in out.stdout and "新能源电池材料项目" in out.stdout
    assert "-> mianyang@test.invalid: milestones 1" in out.stdout
    assert query(setup.db, "SELECT count(*) FROM alerts") == [(0,)]
    assert query(setup.db, "SELECT count(*) FROM digest_items") == [(0,)]


def test_password_comes_from_the_environment_only(setup, monkeypatch):
    from scheduler import mailer

    setup.smtp.username = "govwatch"
    monkeypatch.delenv(setup.smtp.password_env, raising=False)
    with pytest.raises(mailer.SmtpConfigError, match="GOVWATCH_SMTP_PASSWORD is empty"):
        mailer.open_connection(setup.smtp)
