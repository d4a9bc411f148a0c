"""The alert digest as pure functions: rows in, filtered digest and its text/HTML out.

Nothing here touches SQLite or SMTP (scheduler/findings.py reads the store,
scheduler/outbox.py queues and delivers), so what a subscriber receives can be
tested from hand-made rows. Every string that reaches the HTML part passes
through html.escape: article text is scraped from sites that carry injected
spam, so it is untrusted input.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from pipelines.config import Subscription

# Chinese labels next to the schema's type names, so a reader of either language follows.
TYPE_LABELS: dict[str, str] = {
    "signed": "签约",
    "approved": "审批/开工许可",
    "started": "开工",
    "topped_out": "封顶",
    "completed": "竣工",
    "operating": "投产/运营",
}
STATUS_LABELS: dict[str, str] = {"done": "已完成", "planned": "计划"}
UNKNOWN_CITY = "(城市未知)"


@dataclass(frozen=True)
class NewMilestone:
    key: str  # stable identity in digest_items, e.g. "milestone:12"
    project: str
    type: str
    status: str
    city: str | None = None
    date: str | None = None
    investment_cny: int | None = None
    evidence: str = ""
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Slip:
    """A milestone whose date moved later between two reports."""

    key: str
    project: str
    type: str
    old_date: str | None
    new_date: str | None
    city: str | None = None
    investment_cny: int | None = None
    evidence: str = ""
    url: str | None = None


@dataclass(frozen=True)
class Overdue:
    """A planned milestone whose date has passed with no report of it being done."""

    key: str
    project: str
    type: str
    date: str | None
    city: str | None = None
    investment_cny: int | None = None
    evidence: str = ""
    url: str | None = None


@dataclass(frozen=True)
class SpamPage:
    """A crawled page that carried injected porn/gambling SEO lines (dropped by the parser)."""

    key: str
    source: str
    url: str | None
    city: str | None = None
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceTrouble:
    """A source health finding (scheduler/health.py) worth telling someone about."""

    key: str
    source: str
    level: str  # "warning" | "error"
    message: str
    city: str | None = None
    checked_at: str | None = None


@dataclass
class Digest:
    milestones: list[NewMilestone] = field(default_factory=list)
    slips: list[Slip] = field(default_factory=list)
    overdue: list[Overdue] = field(default_factory=list)
    spam: list[SpamPage] = field(default_factory=list)
    trouble: list[SourceTrouble] = field(default_factory=list)

    def items(self) -> list[NewMilestone | Slip | Overdue | SpamPage | SourceTrouble]:
        return [*self.milestones, *self.slips, *self.overdue, *self.spam, *self.trouble]

    def item_keys(self) -> list[str]:
        return [item.key for item in self.items()]

    def is_empty(self) -> bool:
        return not self.items()

    def counts(self) -> dict[str, int]:
        return {
            "milestones": len(self.milestones),
            "slips": len(self.slips),
            "overdue": len(self.overdue),
            "spam": len(self.spam),
            "trouble": len(self.trouble),
        }

    def without(self, seen: set[str]) -> Digest:
        """The part not yet sent in an earlier digest."""
        return Digest(
            milestones=[m for m in self.milestones if m.key not in seen],
            slips=[s for s in self.slips if s.key not in seen],
            overdue=[o for o in self.overdue if o.key not in seen],
            spam=[s for s in self.spam if s.key not in seen],
            trouble=[t for t in self.trouble if t.key not in seen],
        )


# ---------------------------------------------------------------- subscription filters


def _city_ok(city: str | None, sub: Subscription) -> bool:
    return not sub.cities or (city is not None and city in sub.cities)


def _type_ok(type_: str, sub: Subscription) -> bool:
    return not sub.types or type_ in sub.types


def _keywords_ok(texts: Iterable[str | None], sub: Subscription) -> bool:
    if not sub.keywords:
        return True
    joined = "\n".join(t for t in texts if t)
    return any(k in joined for k in sub.keywords)


def _investment_ok(amount: int | None, sub: Subscription) -> bool:
    """A minimum excludes projects of unknown size: the subscriber asked for big ones only."""
    return sub.min_investment_cny is None or (
        amount is not None and amount >= sub.min_investment_cny
    )


def filter_for(digest: Digest, sub: Subscription) -> Digest:
    """What one subscriber asked for. Spam pages and source trouble follow the city filter
    only: they are about sites, not projects."""

    def project_ok(item: NewMilestone | Slip | Overdue) -> bool:
        return (
            _city_ok(item.city, sub)
            and _type_ok(item.type, sub)
            and _investment_ok(item.investment_cny, sub)
            and _keywords_ok([item.project, item.evidence, getattr(item, "title", None)], sub)
        )

    return Digest(
        milestones=[m for m in digest.milestones if project_ok(m)],
        slips=[s for s in digest.slips if project_ok(s)],
        overdue=[o for o in digest.overdue if project_ok(o)],
        spam=[s for s in digest.spam if _city_ok(s.city, sub)],
        trouble=[t for t in digest.trouble if _city_ok(t.city, sub)],
    )


# ---------------------------------------------------------------- rendering


def format_cny(amount: int | None) -> str:
    """亿/万 as Chinese readers write investment sums: 1250000000 -> '12.5亿元'."""
    if amount is None:
        return ""
    if amount >= 100_000_000:
        return f"{amount / 100_000_000:g}亿元"
    if amount >= 10_000:
        return f"{amount / 10_000:g}万元"
    return f"{amount}元"


def subject_line(digest: Digest, day: str) -> str:
    c = digest.counts()
    parts = [f"{c['milestones']} new milestone{'s' if c['milestones'] != 1 else ''}"]
    if c["slips"]:
        parts.append(f"{c['slips']} slipped")
    if c["overdue"]:
        parts.append(f"{c['overdue']} overdue")
    if c["spam"]:
        parts.append(f"{c['spam']} spam page{'s' if c['spam'] != 1 else ''}")
    if c["trouble"]:
        parts.append(f"{c['trouble']} source problem{'s' if c['trouble'] != 1 else ''}")
    return f"govwatch digest {day}: " + ", ".join(parts)


def _place_key(item: Slip | Overdue) -> tuple[bool, str, str]:
    """Slips and overdue plans, in the text and the HTML part alike: known cities first
    (in code-point order, stable between digests), unknown last, then by project."""
    return (item.city is None, item.city or "", item.project)


def _by_city_project(
    items: list[NewMilestone],
) -> list[tuple[str, list[tuple[str, list[NewMilestone]]]]]:
    def city_of(m: NewMilestone) -> str:
        return m.city or UNKNOWN_CITY

    # Known cities first (in code-point order, stable between digests), unknown last.
    ordered = sorted(
        items, key=lambda m: (m.city is None, city_of(m), m.project, m.date or "", m.type)
    )
    out = []
    for city, in_city in groupby(ordered, key=city_of):
        projects = [(p, list(ms)) for p, ms in groupby(in_city, key=lambda m: m.project)]
        out.append((city, projects))
    return out


def _milestone_line(m: NewMilestone) -> str:
    bits = [
        f"{m.type} {TYPE_LABELS.get(m.type, '')}".strip(),
        STATUS_LABELS.get(m.status, m.status),
    ]
    if m.date:
        bits.append(m.date)
    if m.investment_cny:
        bits.append(f"投资{format_cny(m.investment_cny)}")
    return " | ".join(bits)


def _cap(items: list, limit: int | None) -> tuple[list, int]:
    """The first `limit` items and how many were left out (a preview, not the mail)."""
    if limit is None or len(items) <= limit:
        return items, 0
    return items[:limit], len(items) - limit


def _spam_note(page: SpamPage) -> str:
    """How many junk lines, never the junk itself: quoting porn/gambling SEO text in our own
    mail would get the digest filtered as spam. The lines are in the articles table."""
    n = len(page.lines)
    return f" ({n} injected line{'s' if n != 1 else ''} dropped)" if n else ""


def render_text(digest: Digest, *, day: str, max_items: int | None = None) -> str:
    """The plain-text part (also what `govwatch run` prints when no SMTP host is set).
    `max_items` shortens each section to a preview for a terminal; mail is never cut."""
    lines = [subject_line(digest, day), ""]

    def more(hidden: int) -> None:
        if hidden:
            lines.append(f"   ... and {hidden} more")

    if digest.milestones:
        lines.append(f"== New milestones ({len(digest.milestones)})")
        ordered = [
            m
            for _, projects in _by_city_project(digest.milestones)
            for _, ms in projects
            for m in ms
        ]
        shown, hidden = _cap(ordered, max_items)
        for city, projects in _by_city_project(shown):
            lines.append(f"-- {city}")
            for project, ms in projects:
                lines.append(f"   {project}")
                for m in ms:
                    lines.append(f"     * {_milestone_line(m)}")
                    if m.evidence:
                        lines.append(f"       「{m.evidence}」")
                    if m.url:
                        lines.append(f"       {m.url}")
        more(hidden)
        lines.append("")
    if digest.slips:
        lines.append(f"== Slipped dates ({len(digest.slips)})")
        shown, hidden = _cap(sorted(digest.slips, key=_place_key), max_items)
        for s in shown:
            lines.append(
                f"   {s.city or UNKNOWN_CITY} {s.project}: {s.type} {s.old_date or '?'} -> {s.new_date or '?'}"
            )
            if s.evidence:
                lines.append(f"       「{s.evidence}」")
            if s.url:
                lines.append(f"       {s.url}")
        more(hidden)
        lines.append("")
    if digest.overdue:
        lines.append(f"== Overdue planned milestones ({len(digest.overdue)})")
        shown, hidden = _cap(
            sorted(digest.overdue, key=_place_key),
            max_items,
        )
        for o in shown:
            lines.append(
                f"   {o.city or UNKNOWN_CITY} {o.project}: {o.type} planned for {o.date or '?'}, not reported done"
            )
            if o.url:
                lines.append(f"       {o.url}")
        more(hidden)
        lines.append("")
    if digest.spam:
        lines.append(f"== Pages carrying injected spam ({len(digest.spam)})")
        shown, hidden = _cap(sorted(digest.spam, key=lambda s: (s.source, s.url or "")), max_items)
        for sp in shown:
            lines.append(f"   [{sp.source}] {sp.url or '?'}{_spam_note(sp)}")
        more(hidden)
        lines.append("")
    if digest.trouble:
        lines.append(f"== Sources in trouble ({len(digest.trouble)})")
        shown, hidden = _cap(sorted(digest.trouble, key=lambda t: (t.source, t.key)), max_items)
        for t in shown:
            lines.append(f"   [{t.source}] {t.level}: {t.message}")
        more(hidden)
        lines.append("")
    if digest.is_empty():
        lines.append("Nothing new since the last digest.")
    return "\n".join(lines).rstrip() + "\n"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(url: str | None, label: str | None = None) -> str:
    """Only http(s) URLs become links: a javascript: or data: URL from a page stays text."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}">{_e(label or url)}</a>'
    return _e(url)


def render_html(digest: Digest, *, day: str) -> str:
    """The HTML part: same content as render_text, every text escaped."""
    out = [
        '<!DOCTYPE html><html><head><meta charset="utf-8">',
        f"<title>{_e(subject_line(digest, day))}</title></head><body>",
        f"<h1>{_e(subject_line(digest, day))}</h1>",
    ]
    if digest.milestones:
        out.append(f"<h2>New milestones ({len(digest.milestones)})</h2>")
        for city, projects in _by_city_project(digest.milestones):
            out.append(f"<h3>{_e(city)}</h3>")
            for project, ms in projects:
                out.append(f"<h4>{_e(project)}</h4><ul>")
                for m in ms:
                    out.append(f"<li><b>{_e(_milestone_line(m))}</b>")
                    if m.evidence:
                        out.append(f"<br><q>{_e(m.evidence)}</q>")
                    if m.url:
                        out.append(f"<br>{_link(m.url, m.title)}")
                    out.append("</li>")
                out.append("</ul>")
    if digest.slips:
        out.append(f"<h2>Slipped dates ({len(digest.slips)})</h2><ul>")
        for s in sorted(digest.slips, key=_place_key):
            out.append(
                f"<li>{_e(s.city or UNKNOWN_CITY)} <b>{_e(s.project)}</b>: {_e(s.type)} "
                f"{_e(s.old_date or '?')} &rarr; {_e(s.new_date or '?')}"
            )
            if s.evidence:
                out.append(f"<br><q>{_e(s.evidence)}</q>")
            if s.url:
                out.append(f"<br>{_link(s.url)}")
            out.append("</li>")
        out.append("</ul>")
    if digest.overdue:
        out.append(f"<h2>Overdue planned milestones ({len(digest.overdue)})</h2><ul>")
        for o in sorted(digest.overdue, key=_place_key):
            out.append(
                f"<li>{_e(o.city or UNKNOWN_CITY)} <b>{_e(o.project)}</b>: {_e(o.type)} planned for "
                f"{_e(o.date or '?')}, not reported done"
            )
            if o.url:
                out.append(f"<br>{_link(o.url)}")
            out.append("</li>")
        out.append("</ul>")
    if digest.spam:
        out.append(f"<h2>Pages carrying injected spam ({len(digest.spam)})</h2><ul>")
        for sp in sorted(digest.spam, key=lambda s: (s.source, s.url or "")):
            out.append(f"<li>[{_e(sp.source)}] {_link(sp.url)}{_e(_spam_note(sp))}</li>")
        out.append("</ul>")
    if digest.trouble:
        out.append(f"<h2>Sources in trouble ({len(digest.trouble)})</h2><ul>")
        for t in sorted(digest.trouble, key=lambda t: (t.source, t.key)):
            out.append(f"<li>[{_e(t.source)}] {_e(t.level)}: {_e(t.message)}</li>")
        out.append("</ul>")
    if digest.is_empty():
        out.append("<p>Nothing new since the last digest.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
