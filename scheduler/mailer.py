"""Send one alert e-mail over SMTP, telling the outbox how far it got.

The outbox needs to know one thing about a failure: could the server already
have accepted the message? Everything before the DATA command (connect, TLS,
login, MAIL FROM, RCPT TO) cannot deliver anything, so such a failure is safe to
retry. Once DATA has begun, a lost connection or timeout leaves the outcome
unknown, and at-most-once delivery means we must not retry blindly. So sending
is split into `open_connection` + `send` with that distinction in the exception.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate

from pipelines.config import SmtpConfig

CONNECT_TIMEOUT = 30.0
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class SmtpUnavailable(Exception):
    """Nothing was handed to the server: safe to retry on the next run."""


class SmtpRejected(Exception):
    """The server refused this message for good (5xx on MAIL/RCPT/DATA): retrying will not help."""


class SmtpOutcomeUnknown(Exception):
    """The connection broke during or after DATA: the message may have been delivered."""


class SmtpConfigError(Exception):
    """A mistake in [smtp]: the message names the setting."""


@dataclass(frozen=True)
class Mail:
    message_id: str  # "<...@...>", kept by the outbox so a resend carries the same identity
    sender: str
    recipient: str
    subject: str
    text: str
    html: str


def build_message(mail: Mail) -> EmailMessage:
    """multipart/alternative: plain text first, HTML second (clients show the last they can)."""
    msg = EmailMessage()
    msg["From"] = mail.sender
    msg["To"] = mail.recipient
    msg["Subject"] = mail.subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = mail.message_id
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies
    # base64 keeps Chinese text 7-bit clean for servers without 8BITMIME.
    msg.set_content(mail.text, subtype="plain", charset="utf-8", cte="base64")
    msg.add_alternative(mail.html, subtype="html", charset="utf-8", cte="base64")
    return msg


def open_connection(cfg: SmtpConfig, *, timeout: float = CONNECT_TIMEOUT) -> smtplib.SMTP:
    """Connect, secure and log in, or raise SmtpUnavailable / SmtpConfigError."""
    if not cfg.host:
        raise SmtpConfigError("[smtp] host is not set")
    security = (cfg.security or "starttls").lower()
    if security not in {"starttls", "ssl", "none"}:
        raise SmtpConfigError(
            f'[smtp] security = "{cfg.security}": use "starttls", "ssl" or "none"'
        )
    password = cfg.password
    if cfg.username and not password:
        raise SmtpConfigError(
            f"[smtp] username is set but the environment variable {cfg.password_env} is empty"
        )
    if security == "none" and cfg.username and cfg.host not in LOOPBACK:
        raise SmtpConfigError(
            f'[smtp] security = "none" would send the password in clear to {cfg.host}: '
            'use "starttls" or "ssl"'
        )
    try:
        context = ssl.create_default_context(cafile=cfg.ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise SmtpConfigError(f"[smtp] ca_file = {cfg.ca_file!r}: cannot load ({exc})") from None
    conn: smtplib.SMTP | None = None
    try:
        if security == "ssl":
            conn = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=timeout, context=context)
        else:
            conn = smtplib.SMTP(cfg.host, cfg.port, timeout=timeout)
        conn.ehlo()
        if security == "starttls":
            conn.starttls(context=context)
            conn.ehlo()
        if cfg.username:
            conn.login(cfg.username, password or "")
    except smtplib.SMTPAuthenticationError as exc:
        _drop(conn)
        raise SmtpConfigError(
            f"[smtp] login as {cfg.username} on {cfg.host}:{cfg.port} refused ({exc.smtp_code})"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        _drop(conn)
        raise SmtpUnavailable(f"SMTP {cfg.host}:{cfg.port} unavailable ({exc})") from None
    return conn


def send(conn: smtplib.SMTP, mail: Mail, *, before_data: object = None) -> None:
    """Hand one message to the server. `before_data`, when callable, runs right before DATA:
    the outbox uses it to commit the 'sending' state at the last safe moment."""
    payload = build_message(mail).as_bytes(policy=SMTP_POLICY)
    try:
        code, resp = conn.mail(mail.sender)
        if code != 250:
            _reset(conn)
            _refuse_or_retry(code, f"MAIL FROM {mail.sender}: {code} {resp!r}")
        code, resp = conn.rcpt(mail.recipient)
        if code not in (250, 251):
            _reset(conn)
            _refuse_or_retry(code, f"RCPT TO {mail.recipient}: {code} {resp!r}")
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        raise SmtpUnavailable(f"SMTP connection lost before DATA ({exc})") from None
    if callable(before_data):
        before_data()
    try:
        code, resp = conn.data(payload)
    except smtplib.SMTPDataError as exc:
        if 400 <= exc.smtp_code < 500:  # the server said "not now" and has not taken it
            raise SmtpUnavailable(f"DATA deferred: {exc.smtp_code} {exc.smtp_error!r}") from None
        raise SmtpRejected(f"DATA refused: {exc.smtp_code} {exc.smtp_error!r}") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpOutcomeUnknown(f"connection lost during DATA ({exc})") from None
    if code != 250:  # the final reply after the message: 4xx "try later", 5xx "never"
        _refuse_or_retry(code, f"DATA answered {code} {resp!r}")


def _refuse_or_retry(code: int, what: str) -> None:
    if 400 <= code < 500:
        raise SmtpUnavailable(what)
    raise SmtpRejected(what)


def _reset(conn: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):
        conn.rset()


def _drop(conn: smtplib.SMTP | None) -> None:
    """Close a half-opened connection without talking to the server."""
    if conn is not None:
        with contextlib.suppress(OSError):
            conn.close()


def close(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        conn.close()
