"""Project names and timelines: which mentions are one project, and how its plan moved.

Entity resolution (pure functions; the store applies them to its tables):

- A name is reduced to a *key*: Traditional folded to Simplified, punctuation,
  quotes and spaces removed, a trailing 项目/工程/建设项目 dropped, the city's
  own name dropped from the front ("镇江市XX" in 镇江市 is "XX").
- A phase ("一期", "第二期", "首期", "三期工程") is split off: a phase is its own
  project, linked to its parent (the name without the phase), because the
  phases of one park start and finish years apart and each has its own
  milestones. Phase-less names never merge into a phase, and vice versa.
- Two names in the same city (an unknown city is its own bucket) are one
  project when their keys are equal, or when the shorter is a truncation
  ("宝钢金属大交通轻量化" of "...生产基地"), an abbreviation keeping the order
  and the first two characters ("哈汽重燃基地" of "哈汽重燃及核电装备生产制造
  基地"), or the longer only adds a place in front ("新区恒顺醋业扩建").
  The shorter must have 4+ characters, 2+ of them outside generic words, and
  the longer must not add a word naming a different thing (配套道路, 安置房,
  学校, 标段 ...). A name that would match two different projects is
  ambiguous and becomes a project of its own rather than merge wrongly.

Timelines: a planned date that moves to a later period between reports (in
the order the articles were published) is a slip; a more precise date inside
the same period ("2025年" -> "2025年6月") is not.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipelines.script import to_simplified

# Punctuation, brackets, quotes and spaces of both widths: they vary between
# reprints of one name (“”「」《》, full- and half-width parentheses).
_PUNCT = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】〔〕·•・,，、.。:：;；!！?？\-—–_/]+")

# Generic tails that do not change which project a name means: "XX项目" is "XX".
# Must not include words that name a different thing (厂房, 基地, 园 are kept).
_GENERIC_TAIL = re.compile(r"(?:建设项目|项目|工程)$")

# A phase at the end of a name: 一期, 第二期, 3期, 首期. (标段 "contract lot" is a
# piece of a construction contract, not a project phase: not matched.)
_PHASE = re.compile(r"(?:第?(?P<num>[一二三四五六七八九十\d]{1,3})|(?P<first>首))期$")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Words that, added to a name, make it a different project (a road for a park
# is not the park). From the kinds of sub-projects local news lists beside a
# main one; must not include words a full name adds to an abbreviation (生产,
# 制造, 基地, 产业园).
SUB_PROJECT_WORDS: tuple[str, ...] = (
    "配套",
    "道路",
    "管网",
    "安置",
    "学校",
    "医院",
    "标段",
    "地块",
    "宿舍",
    "公寓",
    "停车",
    "污水",
    "变电站",
    "改造",
    "扩建",
    "技改",
)

# Words too generic to identify a project on their own: a name left with fewer
# than MIN_SPECIFIC characters after removing them ("新能源汽车产业园" -> "") is
# only matched exactly; "金港智能装备产业园" keeps "金港" and may be matched.
GENERIC_WORDS: tuple[str, ...] = (
    "新能源",
    "汽车",
    "零部件",
    "产业园",
    "产业",
    "基地",
    "生产",
    "制造",
    "项目",
    "工程",
    "中心",
    "园区",
    "厂房",
    "智能",
    "科技",
    "研发",
    "高端",
    "装备",
    "新材料",
    "年产",
)
MIN_SPECIFIC = 2
MIN_CHARS = 4  # and a shorter name matched by containment has at least this many characters
# An added place in front ("镇江新区" + name) is at most this long.
MAX_PLACE_PREFIX = 6
_PLACE_END = re.compile(r"(?:市|区|县|镇|乡|街道|园区|开发区|新城|片区)$")


def _cn_number(text: str) -> int:
    """一..九十九 or digits -> int (phases are small numbers)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(text, 0)


@dataclass(frozen=True)
class ProjectName:
    display: str  # as written, Simplified, spaces removed
    base: str  # key without the phase
    phase: int | None  # 1 for 一期/首期, ...

    @property
    def key(self) -> str:
        """The alias key: the base, plus '#n' for phase n."""
        return self.base if self.phase is None else f"{self.base}#{self.phase}"


def clean_name(name: str) -> str:
    """The display form: Simplified, trimmed, inner spaces removed."""
    return re.sub(r"\s+", "", to_simplified(name or "").strip())


def _strip_tail(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _GENERIC_TAIL.sub("", text)
    return text


def parse_name(name: str, city: str | None = None) -> ProjectName:
    """Split a project name into its matching base and its phase (see module docstring)."""
    display = clean_name(name)
    text = _PUNCT.sub("", unicodedata.normalize("NFKC", display))
    text = _strip_tail(text)
    phase = None
    m = _PHASE.search(text)
    if m and m.start() > 0:
        phase = 1 if m.group("first") else _cn_number(m.group("num"))
        text = _strip_tail(text[: m.start()])
    if city:
        short = city.removesuffix("市")
        for prefix in (city, short):
            if len(short) >= 2 and text.startswith(prefix) and len(text) > len(prefix) + 1:
                text = text[len(prefix) :]
                break
    return ProjectName(display=display, base=text, phase=phase)


def name_key(name: str, city: str | None = None) -> str:
    """The alias key of a name (base plus phase)."""
    return parse_name(name, city).key


def parent_display(name: ProjectName) -> str:
    """The whole project's name for a phase: the display with the phase words removed."""
    text = _strip_tail(name.display)
    m = _PHASE.search(text)
    text = text[: m.start()] if m else text
    return _strip_tail(text) + "项目"


def _specific_len(text: str) -> int:
    for word in GENERIC_WORDS:
        text = text.replace(word, "")
    return len(text)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def same_project(a: ProjectName, b: ProjectName) -> bool:
    """Whether two names (already known to be in the same city) are one project."""
    if a.phase != b.phase:
        return False
    if a.base == b.base:
        return True
    short, long = sorted((a.base, b.base), key=len)
    if len(short) < MIN_CHARS or _specific_len(short) < MIN_SPECIFIC:
        return False
    if long.startswith(short):
        added = long[len(short) :]
    elif long.endswith(short):
        added = long[: -len(short)]
        # only a place in front: "新区" + name, not a company or another project
        if len(added) > MAX_PLACE_PREFIX or not _PLACE_END.search(added):
            return False
    elif short[:2] == long[:2] and _is_subsequence(short, long) and len(short) * 5 >= len(long) * 2:
        added = "".join(ch for ch in long if ch not in short)
    else:
        return False
    return not any(word in added for word in SUB_PROJECT_WORDS)


def resolve(name: ProjectName, known: Iterable[tuple[int, ProjectName]]) -> int | None:
    """The id of the one known project `name` is, or None (no match, or ambiguous).

    `known` holds (project id, one of its names) pairs of the same city; a
    project may appear with several names (its aliases).
    """
    exact = {pid for pid, other in known if other.key == name.key}
    if len(exact) == 1:
        return exact.pop()
    if exact:
        return None
    matches = {pid for pid, other in known if same_project(name, other)}
    return matches.pop() if len(matches) == 1 else None


# ---------------------------------------------------------------- timelines


def period(date: str) -> tuple[str, str]:
    """First and last day of a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date."""
    parts = date.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    day = f"{year:04d}-{month:02d}-{int(parts[2]):02d}"
    return day, day


def precision(date: str) -> int:
    return len(date.split("-"))


@dataclass(frozen=True)
class Slip:
    from_date: str
    to_date: str
    from_report: int  # index into the reports given to plan_history
    to_report: int


def plan_history(dates: Sequence[str | None]) -> tuple[str | None, str | None, list[Slip]]:
    """(current date, original date, slips) of a planned milestone from its reports'
    dates in publication order. The current plan is the latest report's date;
    a report whose period starts after the end of the current plan's is a slip;
    an earlier or more precise date replaces the plan without being a slip."""
    current: str | None = None
    current_at = -1
    original: str | None = None
    slips: list[Slip] = []
    for i, date in enumerate(dates):
        if not date:
            continue
        if original is None:
            original = date
        if current is not None and period(date)[0] > period(current)[1]:
            slips.append(Slip(current, date, current_at, i))
        current, current_at = date, i
    return current, original, slips


def done_date(dates: Sequence[str | None]) -> str | None:
    """The date of a done milestone: the most precise reported date (the first of those)."""
    known = [d for d in dates if d]
    if not known:
        return None
    best = max(precision(d) for d in known)
    return next(d for d in known if precision(d) == best)
