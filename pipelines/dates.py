"""Chinese date expressions in news text, resolved against the page's publication date.

Pure functions, no clock: a page printed on 2024-08-24 that says "8月23日" means
2024-08-23 whenever it is parsed. Precision is kept ("YYYY", "YYYY-MM",
"YYYY-MM-DD") because a plan "计划12月封顶" is a month, not a day.

Why not jionlp.parse_time: it resolves fine but turns every span into a full
timestamp range (a month becomes 01..31), pulls 0.7 s of imports and prints to
stdout on import; we need the precision the text gave and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# Chinese numerals as they appear in dates ("十二月", "二〇二四年").
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip


def cn_small_int(s: str) -> int | None:
    """'12', '十二', '二十三', '二〇二四' -> int; None when it is not a number."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(ch in _CN_DIGITS for ch in s):  # digit by digit: 二〇二四
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_DIGITS.get(head) if head else 1
        ones = _CN_DIGITS.get(tail) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    return None


_NUM = r"(?:\d{1,4}|[〇零一二两三四五六七八九十]{1,4})"

# One date expression. Groups: an explicit 4-digit year or a relative year word,
# a month, a day, and the vague parts (年底/年内/上半年...) that keep only the year.
DATE_RE = re.compile(
    # the lookahead skips, cheaply, every position where no date can start
    r"(?=[\d〇零一二两三四五六七八九十今去明本当同前后这下上年底初内全第])"
    r"(?:(?P<year>(?:19|20)\d{2}|二〇[〇一二三四五六七八九]{2})\s*年"
    r"|(?P<relyear>今年|去年|明年|本年|当年|同年|前年|后年))?"
    r"(?P<rest>"
    r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?"
    r"(?:(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
    r"|(?P<monthrel>本月|当月|这个月|下月|下个月|上月|上个月)"
    r"|(?P<vague>年底|年末|底|年初|初|年内|内|上半年|下半年|年中|全年|一季度|二季度|三季度|四季度|第[一二三四]季度)"
    r")?"
)

# Relative year words and how many years they move from the publication year.
RELATIVE_YEAR = {"今年": 0, "本年": 0, "当年": 0, "同年": 0, "去年": -1, "前年": -2,
                 "明年": 1, "后年": 2}  # fmt: skip
RELATIVE_MONTH = {
    "本月": 0,
    "当月": 0,
    "这个月": 0,
    "下月": 1,
    "下个月": 1,
    "上月": -1,
    "上个月": -1,
}
# Words that name "the same day as the event just reported": resolved by the caller.
SAME_DAY_WORDS = ("当天", "当日", "同日", "同一天")


@dataclass(frozen=True)
class DateMention:
    """A date found in text: where it is and what it resolves to (None: year unknown)."""

    start: int
    end: int
    value: str | None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    precision: str  # "year" | "month" | "day"


def parse_published(published: str | None) -> tuple[int, int, int] | None:
    """'2024-08-24 10:05' -> (2024, 8, 24); anything else -> None."""
    if not published:
        return None
    m = re.match(r"\s*((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})", published)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if format_date(y, mo, d) is None:  # 2024-02-30 from a spider field: no day to count from
        return None
    return y, mo, d


def _fmt(y: int, mo: int | None = None, d: int | None = None) -> str:
    if mo is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{mo:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_dates(
    text: str, pub: tuple[int, int, int] | None, *, context_year: int | None = None
) -> list[DateMention]:
    """Every date expression in `text`, resolved.

    `pub` is the publication date; `context_year` is a year stated elsewhere in
    the same sentence, used only when the page has no publication date.
    A month/day with neither gives value None (SCHEMA: the year cannot be known).
    """
    out: list[DateMention] = relative_days(text, pub) if "日" in text or "天" in text else []
    base_year = pub[0] if pub else context_year
    last_year: int | None = None
    for m in DATE_RE.finditer(text):
        if m.end() == m.start():
            continue
        year_s, rel, rest = m.group("year"), m.group("relyear"), m.group("rest")
        if not year_s and not rel and not rest:
            continue
        if not rest and rel and not year_s:
            # a bare "今年"/"去年": a year statement ("今年以来" is not a date of an event)
            tail = text[m.end() : m.end() + 2]
            if tail.startswith(("以来", "来", "起")):
                continue
        if rest and not year_s and not rel:
            # a bare vague word ("底", "内", "初") is only a date after a year
            if m.group("vague") and m.group("vague") not in {
                "年底", "年末", "年初", "年内", "上半年", "下半年", "年中", "全年",
            }:  # fmt: skip
                continue
            if m.group("vague"):
                # "年内"/"年底" without a year word: the publication year
                pass
            # "1-10月", "1至5月份": a span used for statistics, not an event
            before = text[max(0, m.start() - 2) : m.start()]
            if m.group("month") and re.search(r"[-—~至到]$", before):
                continue
        year: int | None = None
        if year_s:
            year = cn_small_int(year_s)
        elif rel:
            year = base_year + RELATIVE_YEAR[rel] if base_year else None
        month = cn_small_int(m.group("month") or "") if m.group("month") else None
        day = cn_small_int(m.group("day") or "") if m.group("day") else None
        if month is not None and not 1 <= month <= 12:
            continue
        if day is not None and not 1 <= day <= 31:
            day = None
        if m.group("monthrel"):
            if pub is None:
                out.append(DateMention(m.start(), m.end(), None, "month"))
                continue
            y, mo = pub[0], pub[1] + RELATIVE_MONTH[m.group("monthrel")]
            y, mo = (y - 1, 12) if mo < 1 else (y + 1, 1) if mo > 12 else (y, mo)
            out.append(DateMention(m.start(), m.end(), _fmt(y, mo), "month"))
            continue
        if month is None:  # year-only expressions, maybe with a vague part
            if year is None:
                year = base_year if m.group("vague") else None
            out.append(DateMention(m.start(), m.end(), _fmt(year) if year else None, "year"))
            continue
        if year is None:
            # "明年5月竣工，6月投产": a bare month goes on in the year just named
            year = last_year if last_year is not None else base_year
        else:
            last_year = year
        precision = "day" if day is not None else "month"
        value = _fmt(year, month, day) if year else None
        out.append(DateMention(m.start(), m.end(), value, precision))
    out.sort(key=lambda d: d.start)
    return out


# Days named relative to the publication date ("昨日上午", "今天").
# Not "今日镇江讯", "今日头条": a paper's or site's name.
RELATIVE_DAY_RE = re.compile(r"(昨日|昨天|今日|今天|前天|前日)(?![^，,。\s]{0,6}[讯报网]|头条)")
RELATIVE_DAY = {"昨日": -1, "昨天": -1, "今日": 0, "今天": 0, "前天": -2, "前日": -2}


def relative_days(text: str, pub: tuple[int, int, int] | None) -> list[DateMention]:
    """'昨日' in a page of 2024-05-10 -> 2024-05-09; None without a publication date."""
    import datetime as _dt

    out = []
    for m in RELATIVE_DAY_RE.finditer(text):
        value = None
        if pub:
            day = _dt.date(*pub) + _dt.timedelta(days=RELATIVE_DAY[m.group()])
            value = day.isoformat()
        out.append(DateMention(m.start(), m.end(), value, "day"))
    return out


def explicit_year(text: str) -> int | None:
    """A 4-digit year stated in the text ("2021年重大项目集中开工"), for pages without a date."""
    m = re.search(r"((?:19|20)\d{2})\s*年(?![\d一二三四五六七八九十]{1,2}\s*月)", text)
    return int(m.group(1)) if m else None


def later(a: str | None, b: str | None) -> str | None:
    """The later of two dates of possibly different precision; a more precise one wins ties."""
    if not a:
        return b
    if not b:
        return a
    return max(a, b)  # ISO strings: "2024-08" > "2024" and "2024-08-23" > "2024-08"


# ---------------------------------------------------------------------------
# Printed dates: the date line of a page ("2024-08-24 10:05 来源: …"), a byline,
# a meta tag. Unlike DATE_RE above these are full dates the page states about
# itself, never relative: one reader serves the text parser (pipelines/metadata.py)
# and the HTML extractor (pipelines/html.py).

# PRINTED_YMD: 2024-08-24 10:05, 2019-04-22 09:55:23, 2024年09月13日, 2021/3/5 8:19,
# 2024.08.24, 2024-08-24T10:22:00+08:00, 2024-08-24 10时22分 (时 or Traditional 時).
# The year must be 19xx/20xx and not glued to other digits ("320240824" is a phone
# number, not a date).
PRINTED_YMD = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*T?\s*(?P<H>\d{1,2})\s*[:：时時]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
)
# PRINTED_DMY: 13.02.2017  15:04, day first as some CMSes print it. Tried only when no
# year-first date reads; a dot on either side means a longer dotted number, not a date.
PRINTED_DMY = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d.])"
    r"(?:\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
)


def format_date(
    year: int,
    month: int,
    day: int,
    hour: int | None = None,
    minute: int | None = None,
    second: int | None = None,
) -> str | None:
    """Zero-padded ISO text, or None when the parts are not a real date/time (2024-02-30)."""
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


def _printed_value(m: re.Match[str]) -> str | None:
    y, mo, d, h, mi, s = (
        int(g) if g is not None else None for g in m.group("y", "m", "d", "H", "M", "S")
    )
    assert y is not None and mo is not None and d is not None
    # A time that is no time ("24:00", "10:61") still leaves the printed day.
    return format_date(y, mo, d, h, mi, s) or format_date(y, mo, d)


def find_printed_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first real date (with its time when printed) in a line, ISO-formatted, and its span.

    Year-first dates are tried before day-first ones anywhere in the line, so a
    `13.02.2017` never wins over a `2017-02-13` printed later on the same line.
    """
    for pattern in (PRINTED_YMD, PRINTED_DMY):
        for m in pattern.finditer(text):
            value = _printed_value(m)
            if value:
                return value, m.span()
    return None
