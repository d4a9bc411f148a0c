"""The alert outbox: every e-mail is written to `alerts` before it is sent.

States of an alert row::

    pending --(commit just before SMTP DATA)--> sending --(server said 250)--> sent
       |  ^                                        |
       |  +-- server unreachable / 4xx before DATA |-- connection lost during DATA,
       |      (nothing handed over: retried next  |   or the process died here --> unknown
       |       run, attempts += 1)                 |
       +-- 5xx refusal --> failed                  +-- 5xx after DATA --> failed
    printed: no SMTP host configured; the digest went to standard output.

At-most-once, and its bound: an alert is only ever handed to SMTP from
'pending', and it leaves 'pending' (committed) before DATA begins. If the
process dies, or the connection breaks, between that commit and our recording
of the server's answer, the row stays 'sending'/'unknown' and is NOT sent again
automatically: the server may or may not have it. `govwatch alerts` reports such
rows, and `govwatch alerts --resend-unknown` re-queues them with the SAME
Message-ID, so a receiving client that dedups on Message-ID shows one copy. So:
never a duplicate without an operator's say-so; at worst one digest per recipient
per crash lands in 'unknown' (possibly not delivered), and the operator is told.

Which items have gone into a digest is recorded in `digest_items` (a stable key
per milestone, slip, overdue milestone, spam page, health finding), in the same
transaction that queues the alerts: a digest covers exactly what no earlier
digest covered.

This module also creates the scheduler's own tables (`alerts`, `digests`,
`digest_items`, `source_health`) beside the store's, without touching
pipelines/store.py.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlite_utils

from pipelines.config import Config, SmtpConfig
from scheduler import mailer
from scheduler.alerts import Digest, filter_for, render_html, render_text, subject_line

STDOUT = "(stdout)"  # recipient of digests printed because no SMTP host is configured


def utcnow() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Create the scheduler's tables if missing (idempotent; called by every entry point)."""
    db.execute("PRAGMA busy_timeout = 30000")  # crawl children write while we read
    db["digests"].create(
        {
            "id": int,
            "created_at": str,
            "delivery": str,  # "mail" | "printed"
            "milestones": int,
            "slips": int,
            "overdue": int,
            "spam": int,
            "trouble": int,
            "text": str,  # the full, unfiltered digest as printed
        },
        pk="id",
        if_not_exists=True,
    )
    db["digest_items"].create(
        {"key": str, "digest_id": int, "created_at": str},
        pk="key",
        foreign_keys=[("digest_id", "digests", "id")],
        if_not_exists=True,
    )
    db["alerts"].create(
        {
            "id": int,
            "digest_id": int,
            "recipient": str,
            "subject": str,
            "body_text": str,
            "body_html": str,
            "message_id": str,
            "status": str,
            "attempts": int,
            "created_at": str,
            "sending_at": str,
            "sent_at": str,
            "last_error": str,
        },
        pk="id",
        foreign_keys=[("digest_id", "digests", "id")],
        defaults={"status": "pending", "attempts": 0},
        not_null={"recipient", "message_id", "status"},
        if_not_exists=True,
    )
    db["alerts"].create_index(["message_id"], unique=True, if_not_exists=True)
    db["alerts"].create_index(["status"], if_not_exists=True)
    db["source_health"].create(
        {
            "id": int,
            "source": str,
            "run_id": int,
            "checked_at": str,
            "level": str,  # "ok" | "warning" | "error"
            "problems": str,  # JSON list of {"check", "level", "message"}
            "pages": int,
            "articles": int,
            "errors": int,
            "with_title": int,
            "with_date": int,
            "notify": int,  # 1: new or changed trouble, worth a digest line (see health.py)
        },
        pk="id",
        if_not_exists=True,
    )
    if "notify" not in db["source_health"].columns_dict:  # a database from before the column
        db["source_health"].add_column("notify", int)
    db["source_health"].create_index(["source", "run_id"], if_not_exists=True)


def digested_keys(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT key FROM digest_items").fetchall()}


def _message_id(sender: str) -> str:
    domain = sender.rpartition("@")[2] or "localhost"
    return f"<govwatch.{datetime.now(UTC):%Y%m%d%H%M%S}.{secrets.token_hex(8)}@{domain}>"


@dataclass
class Queued:
    digest_id: int | None
    text: str  # the full digest (what gets printed when nothing is mailed)
    alert_ids: list[int] = field(default_factory=list)
    printed: bool = False


def queue_digest(db: sqlite_utils.Database, config: Config, digest: Digest, *, day: str) -> Queued:
    """Record `digest` as sent-or-to-send, in one transaction: the digest row, its item keys
    and one pending alert per subscriber whose filters leave something. With no SMTP host
    (or no subscriber) the digest is recorded as printed for the caller to print."""
    text = render_text(digest, day=day)
    if digest.is_empty():
        return Queued(digest_id=None, text=text)
    now = utcnow()
    mailing = bool(config.smtp.host and config.subscriptions)
    counts = digest.counts()
    with db.conn:
        cur = db.conn.execute(
            "INSERT INTO digests (created_at, delivery, milestones, slips, overdue, spam, trouble, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now,
                "mail" if mailing else "printed",
                counts["milestones"],
                counts["slips"],
                counts["overdue"],
                counts["spam"],
                counts["trouble"],
                text,
            ),
        )
        digest_id = cur.lastrowid
        db.conn.executemany(
            "INSERT OR IGNORE INTO digest_items (key, digest_id, created_at) VALUES (?, ?, ?)",
            [(key, digest_id, now) for key in digest.item_keys()],
        )
        ids: list[int] = []
        if mailing:
            for sub in config.subscriptions:
                mine = filter_for(digest, sub)
                if mine.is_empty():
                    continue
                cur = db.conn.execute(
                    "INSERT INTO alerts (digest_id, recipient, subject, body_text, body_html, message_id,"
                    " status, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?)",
                    (
                        digest_id,
                        sub.email,
                        subject_line(mine, day),
                        render_text(mine, day=day),
                        render_html(mine, day=day),
                        _message_id(config.smtp.sender),
                        now,
                    ),
                )
                ids.append(cur.lastrowid)
        else:
            cur = db.conn.execute(
                "INSERT INTO alerts (digest_id, recipient, subject, body_text, body_html, message_id,"
                " status, attempts, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, 'printed', 0, ?, ?)",
                (
                    digest_id,
                    STDOUT,
                    subject_line(digest, day),
                    text,
                    render_html(digest, day=day),
                    _message_id(config.smtp.sender),
                    now,
                    now,
                ),
            )
            ids.append(cur.lastrowid)
    return Queued(digest_id=digest_id, text=text, alert_ids=ids, printed=not mailing)


def recover_interrupted(db: sqlite_utils.Database) -> int:
    """Alerts left in 'sending' by a process that died mid-send become 'unknown', never resent
    on their own (see the module docstring). Call only while holding the run lock."""
    with db.conn:
        cur = db.conn.execute(
            "UPDATE alerts SET status = 'unknown', last_error = ? WHERE status = 'sending'",
            (
                "interrupted during SMTP DATA: may have been delivered; not resent "
                "(govwatch alerts --resend-unknown resends with the same Message-ID)",
            ),
        )
    return cur.rowcount


def resend_unknown(db: sqlite_utils.Database) -> int:
    """The operator's decision: queue 'unknown' alerts again, keeping their Message-ID."""
    with db.conn:
        cur = db.conn.execute("UPDATE alerts SET status = 'pending' WHERE status = 'unknown'")
    return cur.rowcount


@dataclass
class Delivery:
    sent: int = 0
    waiting: int = 0  # still pending (SMTP unavailable): retried next run
    failed: int = 0
    unknown: int = 0
    recovered: int = 0  # rows found in 'sending' from an earlier crash, now 'unknown'
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed


def _set(db: sqlite_utils.Database, alert_id: int, **values: object) -> None:
    cols = ", ".join(f"{k} = ?" for k in values)
    with db.conn:
        db.conn.execute(f"UPDATE alerts SET {cols} WHERE id = ?", (*values.values(), alert_id))


def deliver(db: sqlite_utils.Database, smtp: SmtpConfig) -> Delivery:
    """Send every pending alert once, over one SMTP connection."""
    report = Delivery(recovered=recover_interrupted(db))
    rows = db.execute(
        "SELECT id, recipient, subject, body_text, body_html, message_id FROM alerts"
        " WHERE status = 'pending' ORDER BY id"
    ).fetchall()
    (report.unknown,) = db.execute(
        "SELECT count(*) FROM alerts WHERE status = 'unknown'"
    ).fetchone()
    if not rows:
        return report
    try:
        conn = mailer.open_connection(smtp)
    except (mailer.SmtpUnavailable, mailer.SmtpConfigError) as exc:
        with db.conn:
            db.conn.execute(
                "UPDATE alerts SET attempts = attempts + 1, last_error = ? WHERE status = 'pending'",
                (str(exc),),
            )
        report.waiting = len(rows)
        report.error = str(exc)
        return report
    try:
        for index, (alert_id, recipient, subject, text, html, message_id) in enumerate(rows):
            mail = mailer.Mail(message_id, smtp.sender, recipient, subject, text, html)

            def mark_sending(alert_id: int = alert_id) -> None:
                with db.conn:
                    db.conn.execute(
                        "UPDATE alerts SET status = 'sending', sending_at = ?, attempts = attempts + 1"
                        " WHERE id = ?",
                        (utcnow(), alert_id),
                    )

            try:
                mailer.send(conn, mail, before_data=mark_sending)
            except mailer.SmtpUnavailable as exc:
                _set(db, alert_id, status="pending", last_error=str(exc))
                report.waiting += len(rows) - index
                report.error = str(exc)
                break
            except mailer.SmtpRejected as exc:
                _set(db, alert_id, status="failed", last_error=str(exc))
                report.failed += 1
                continue
            except mailer.SmtpOutcomeUnknown as exc:
                _set(db, alert_id, status="unknown", last_error=str(exc))
                report.unknown += 1
                report.waiting += len(rows) - index - 1
                report.error = str(exc)
                break
            _set(db, alert_id, status="sent", sent_at=utcnow(), last_error=None)
            report.sent += 1
    finally:
        mailer.close(conn)
    return report


def pending_alerts(db: sqlite_utils.Database) -> list[dict]:
    return list(
        db.query(
            "SELECT id, recipient, subject, status, attempts, last_error, message_id FROM alerts"
            " WHERE status IN ('pending', 'sending', 'unknown') ORDER BY id"
        )
    )
