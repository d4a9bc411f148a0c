"""Publication dates as an HTML page prints them: byline text, meta tags, scripts, URLs.

Every reader returns "YYYY-MM-DD[ HH:MM[:SS]]" (the time only when the page
gives one), zero-padded, or None. Which source to trust is decided in
pipelines/html.py; these functions only read.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# A full date with an optional time of day, as bylines and meta tags print it:
# 2024-08-24, 2024/8/24, 2024.08.24, 2024年8月24日, 2024-08-24T10:22:00+08:00,
# 2024年08月24日 10:22, 2024-08-24 10时22分. The year must be 19xx/20xx and not
# glued to other digits (so "320240824" or a phone number is no date).
DATE_TEXT = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时時]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)

# Day-first dates some portals print: 13.02.2017 15:04. Tried only when no year-first date is found.
DATE_DMY = re.compile(
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?![\d.])(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)

# A date in a URL path: /2024-08/24/, /202408/24/, /20240824/, /2024/08/24/,
# t20241213_123.html (TRS government CMS), content_2024-08-24. Digits around
# it must not continue (an article id "/202408241234567.html" is no date).
DATE_URL = re.compile(
    r"(?<![0-9])(20\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?![0-9])"
)

# Dates that scripts set on WeChat-like pages, where the visible element is
# empty until JavaScript runs: `var ct = "1724467200"` (Unix seconds),
# `publish_time = "2024-08-24"`, `createTime = '2024-08-24 10:00'`,
# JSON-LD "datePublished": "...".
SCRIPT_UNIX = re.compile(
    r"""\b(?:var\s+)?(?:ct|create_time|publish_time|pubtime)\s*[=:]\s*["']?(1\d{9})["']?"""
)
SCRIPT_TEXT = re.compile(
    r"""\b(?:publish_time|publishTime|createTime|create_time|pubDate|pubtime|datePublished|publish_date)"""
    r"""["']?\s*[=:]\s*["']((?:19|20)\d{2}[-/.年][^"']{3,30})["']"""
)

_CHINA = timezone(timedelta(hours=8))


def format_date(
    year: int,
    month: int,
    day: int,
    hour: int | None = None,
    minute: int | None = None,
    second: int | None = None,
) -> str | None:
    """Zero-padded ISO text, or None when the parts are not a real date/time."""
    try:
        datetime(year, month, day, hour or 0, minute or 0, second or 0)
    except ValueError:
        return None
    out = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is not None and minute is not None:
        out += f" {hour:02d}:{minute:02d}"
        if second is not None:
            out += f":{second:02d}"
    return out


def _from_match(m: re.Match[str]) -> str | None:
    parts = [int(g) if g is not None else None for g in m.groups()]
    y, mo, d, h, mi, s = parts
    assert y is not None and mo is not None and d is not None
    # A time that is no time ("24:00", "10:61") still leaves the printed day.
    return format_date(y, mo, d, h, mi, s) or format_date(y, mo, d)


def date_in_text(text: str) -> tuple[str, re.Match[str]] | None:
    """The first valid date (with its time if printed) in a line, and its match."""
    for m in DATE_TEXT.finditer(text):
        value = _from_match(m)
        if value:
            return value, m
    for m in DATE_DMY.finditer(text):
        d, mo, y, h, mi, s = (int(g) if g is not None else None for g in m.groups())
        assert d is not None and mo is not None and y is not None
        value = format_date(y, mo, d, h, mi, s) or format_date(y, mo, d)
        if value:
            return value, m
    return None


def date_in_url(url: str | None) -> str | None:
    """The date a URL path carries, or None. The host is skipped (digits there are no date)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.I)
    for m in DATE_URL.finditer(path):
        value = format_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if value:
            return value
    return None


def date_in_scripts(scripts: list[str]) -> str | None:
    """A publication date that page scripts set (WeChat `var ct`, `publish_time`), or None."""
    for src in scripts:
        m = SCRIPT_TEXT.search(src)
        if m:
            found = date_in_text(m.group(1))
            if found:
                return found[0]
        u = SCRIPT_UNIX.search(src)
        if u:
            moment = datetime.fromtimestamp(int(u.group(1)), _CHINA)
            return moment.strftime("%Y-%m-%d %H:%M")
    return None
