"""Read what the store knows into digest records (scheduler/alerts.py renders them).

This is the only scheduler module that knows the store's tables. Each finding
gets a stable key ("milestone:12", "slip:3", "overdue:40", "spam:981",
"health:7"); the outbox remembers which keys went out, so a digest holds what
no earlier digest held, whatever the clock said.
"""

from __future__ import annotations

import json
from datetime import date

import sqlite_utils

from scheduler.alerts import Digest, NewMilestone, Overdue, Slip, SourceTrouble, SpamPage
from scheduler.outbox import digested_keys

# The first report of a milestone: its evidence, investment and article.
_NEW_MILESTONES = """
SELECT m.id, p.name AS project, p.city AS city, m.type, m.status, m.date,
       coalesce(r.investment_cny, p.investment_cny) AS investment_cny,
       r.evidence, a.url, a.title
FROM milestones m
JOIN projects p ON p.id = m.project_id
LEFT JOIN milestone_reports r ON r.milestone_id = m.id AND r.article_id = m.first_article_id
LEFT JOIN articles a ON a.id = m.first_article_id
WHERE m.is_new = 1
ORDER BY m.id
"""

_SLIPS = """
SELECT s.id, p.name AS project, p.city AS city, m.type, s.from_date, s.to_date,
       p.investment_cny, r.evidence, a.url
FROM milestone_slips s
JOIN milestones m ON m.id = s.milestone_id
JOIN projects p ON p.id = m.project_id
LEFT JOIN milestone_reports r ON r.milestone_id = m.id AND r.article_id = s.to_article_id
LEFT JOIN articles a ON a.id = s.to_article_id
ORDER BY s.id
"""

# Overdue is the store's definition (view overdue_milestones: planned, period over, no
# done report of it or of a later stage); here it only gains its evidence and link.
_OVERDUE = """
SELECT o.id, o.project, o.city, o.type, o.planned_date AS date, p.investment_cny,
       r.evidence, a.url
FROM overdue_milestones o
JOIN milestones m ON m.id = o.id
JOIN projects p ON p.id = m.project_id
LEFT JOIN milestone_reports r ON r.milestone_id = m.id AND r.article_id = m.first_article_id
LEFT JOIN articles a ON a.id = m.first_article_id
ORDER BY o.id
"""

_SPAM = """
SELECT a.id, a.source, a.url, a.city, a.spam_lines FROM articles a WHERE a.spam = 1 ORDER BY a.id
"""

_TROUBLE = """
SELECT h.id, h.source, h.level, h.problems, h.checked_at, s.city
FROM source_health h LEFT JOIN sources s ON s.name = h.source
WHERE h.level != 'ok' AND h.notify = 1 ORDER BY h.id
"""


def _rows(db: sqlite_utils.Database, sql: str, params: list | None = None) -> list[dict]:
    return [dict(r) for r in db.query(sql, params or [])]


def _lines(raw: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def collect(db: sqlite_utils.Database, *, today: date) -> Digest:
    """Everything the store flags, digested before or not. (`today` is kept for callers;
    overdue is judged by the store's view against SQLite's clock.)"""
    digest = Digest()
    for r in _rows(db, _NEW_MILESTONES):
        digest.milestones.append(
            NewMilestone(
                key=f"milestone:{r['id']}",
                project=r["project"],
                type=r["type"],
                status=r["status"],
                city=r["city"],
                date=r["date"],
                investment_cny=r["investment_cny"],
                evidence=r["evidence"] or "",
                url=r["url"],
                title=r["title"],
            )
        )
    for r in _rows(db, _SLIPS):
        digest.slips.append(
            Slip(
                key=f"slip:{r['id']}",
                project=r["project"],
                type=r["type"],
                old_date=r["from_date"],
                new_date=r["to_date"],
                city=r["city"],
                investment_cny=r["investment_cny"],
                evidence=r["evidence"] or "",
                url=r["url"],
            )
        )
    for r in _rows(db, _OVERDUE):
        digest.overdue.append(
            Overdue(
                key=f"overdue:{r['id']}",
                project=r["project"],
                type=r["type"],
                date=r["date"],
                city=r["city"],
                investment_cny=r["investment_cny"],
                evidence=r["evidence"] or "",
                url=r["url"],
            )
        )
    for r in _rows(db, _SPAM):
        digest.spam.append(
            SpamPage(
                key=f"spam:{r['id']}",
                source=r["source"],
                url=r["url"],
                city=r["city"],
                lines=_lines(r["spam_lines"]),
            )
        )
    for r in _rows(db, _TROUBLE):
        problems = json.loads(r["problems"] or "[]")
        message = "; ".join(p.get("message", "") for p in problems) or r["level"]
        digest.trouble.append(
            SourceTrouble(
                key=f"health:{r['id']}",
                source=r["source"],
                level=r["level"],
                message=message,
                city=r["city"],
                checked_at=r["checked_at"],
            )
        )
    return digest


def pending_digest(db: sqlite_utils.Database, *, today: date) -> Digest:
    """What the next digest would hold: today's findings minus every key already digested."""
    return collect(db, today=today).without(digested_keys(db))
