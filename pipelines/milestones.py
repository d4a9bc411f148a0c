"""Milestone extraction (PLACEHOLDER, replaced by the milestone work)."""

from __future__ import annotations

from pipelines.records import Article, Milestone, Stat


def extract_milestones(article: Article) -> tuple[list[Milestone], list[Stat]]:
    return [], []
