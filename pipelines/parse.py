"""Seed-file parser: one page dump in, one clean Article out (PLACEHOLDER, replaced by the parser work)."""

from __future__ import annotations

from pipelines.records import Article, PageFields
from pipelines.script import to_simplified


def parse_article(text: str, *, url: str | None = None, fields: PageFields | None = None) -> Article:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    fields = fields or PageFields()
    body = "\n".join(lines)
    return Article(
        url=url,
        title=fields.title or (lines[0] if lines else None),
        published=fields.published,
        outlet=fields.outlet,
        paragraphs=lines,
        body=body,
        body_simplified=to_simplified(body),
    )
