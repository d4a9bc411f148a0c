"""The records that flow through govwatch.

Every stage speaks these dataclasses rather than loose dicts, so a field's name
and meaning are written down once. `to_dict()` gives the JSON shape that
`govwatch parse --json` prints and that `../shared/eval/score.py` reads; the
store converts records to rows in one place (pipelines/store.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MilestoneType = Literal["signed", "approved", "started", "topped_out", "completed", "operating"]
MilestoneStatus = Literal["done", "planned"]
MILESTONE_TYPES: tuple[str, ...] = (
    "signed",
    "approved",
    "started",
    "topped_out",
    "completed",
    "operating",
)


@dataclass
class Milestone:
    """One milestone of one named project, as SCHEMA.md defines it."""

    project: str
    type: str  # one of MILESTONE_TYPES
    status: str  # "done" | "planned"
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    investment_cny: int | None = None  # the project's own total investment, in yuan
    evidence: str = ""  # the sentence or clause it was read from (Simplified)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Stat:
    """An aggregate figure ("12个新建项目全部开工", "开工率100%"): not a milestone, kept for users."""

    kind: str  # e.g. "projects_started", "start_rate", "investment_completed"
    value: float
    unit: str  # "个", "%", "元"
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PageFields:
    """What a page's structure says before any text cleaning.

    A site spider with selectors, or the generic HTML extractor, fills what it
    knows; `parse_article` trusts these over its own guesses from the text but
    still cleans them (pinyin, mojibake, script).
    """

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    encoding: str | None = None  # how the page's bytes were decoded (extractor input was bytes)


@dataclass
class Article:
    """A cleaned news article: the output of the seed-file parsers plus milestones."""

    url: str | None = None
    title: str | None = None  # original script, cleaned
    published: str | None = None  # "YYYY-MM-DD[ HH:MM[:SS]]" as printed; never the crawl time
    outlet: str | None = None  # Simplified ("镇江日报")
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    city: str | None = None  # prefecture-level city with 市, Simplified
    paragraphs: list[str] = field(default_factory=list)  # original script, cleaned
    body: str = ""  # "\n".join(paragraphs)
    title_simplified: str | None = None
    body_simplified: str = ""  # OpenCC t2s of body: used for matching, extraction, dedup, search
    spam: bool = False
    spam_lines: list[str] = field(default_factory=list)  # injected junk that was dropped
    garbled: bool = False
    garbled_runs: list[str] = field(default_factory=list)  # mojibake that could not be repaired
    encoding: str | None = None  # how the input bytes were decoded, when they were bytes
    milestones: list[Milestone] = field(default_factory=list)
    stats: list[Stat] = field(default_factory=list)

    @property
    def paragraphs_simplified(self) -> list[str]:
        return self.body_simplified.split("\n") if self.body_simplified else []

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
