"""Publication dates as an HTML page prints them: byline text, meta tags, scripts, URLs.

Every reader returns "YYYY-MM-DD[ HH:MM[:SS]]" (the time only when the page
gives one), zero-padded, or None. Dates printed as text (bylines, meta tags)
are read by pipelines/dates.py:find_printed_date, the same reader the text
parser uses; here are only the HTML-specific places (URLs, scripts). Which
source to trust is decided in pipelines/html.py; these functions only read.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from pipelines.dates import find_printed_date, format_date

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
            found = find_printed_date(m.group(1))
            if found:
                return found[0]
        u = SCRIPT_UNIX.search(src)
        if u:
            moment = datetime.fromtimestamp(int(u.group(1)), _CHINA)
            return moment.strftime("%Y-%m-%d %H:%M")
    return None
