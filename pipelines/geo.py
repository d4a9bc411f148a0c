"""Which prefecture-level city an article is about.

Every place name in the Simplified text votes for its prefecture: a city's
own name (镇江, 镇江市), a county or district (句容市, 京口区, 舞阳县 -> 镇江市 /
漯河市), a development zone (居巢经开区 -> 合肥市) and, with half a vote, a
county's short name (肥东, 句容). Votes in the title count three times and in
the lead twice, so an article about 德阳 that mentions 成都 gives 德阳市.

The gazetteer is generated from jionlp's shipped location tree
(vocab_clean_geo.py, see vocab_clean_build.py): no pandas, no network, and
matching is one left-to-right scan with dictionary look-ups.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from pipelines.vocab_clean_geo import (
    AMBIGUOUS_COUNTIES,
    COUNTIES,
    COUNTY_SHORTS,
    PREFECTURES,
    ZONES,
)

# City short names that are also everyday words or other places' names: they
# count only with their 市 (中山路, 黄山风景区, 白银 the metal, 阿里 the company,
# 安康 "well-being", 海南/吉林 the provinces, 大庆 "grand celebration", 日照
# "sunshine", 来宾 "guests", 东方 "the East" (东方市, 京东方), 仙桃 "fairy peach").
# Compounds such as 出海口 and 长治久安 are NOT_PLACES.
AMBIGUOUS_SHORTS: frozenset[str] = frozenset(
    {
        "中山",
        "黄山",
        "白银",
        "阿里",
        "红河",
        "普洱",
        "安康",
        "海南",
        "海北",
        "海东",
        "海西",
        "山南",
        "玉树",
        "白山",
        "果洛",
        "黄南",
        "文山",
        "兴安",
        "吉林",
        "三沙",
        "来宾",
        "香港",
        "澳门",
        "大庆",
        "日照",
        "北海",
        "开封",
        "东方",
        "白沙",
        "双河",
        "新星",
        "白杨",
        "仙桃",
    }
)
# Words that hold a city's short name without meaning the city; blanked before counting.
NOT_PLACES = re.compile(
    "出海口|入海口|中山路|中山大道|中山公园|中山装|中山大学|中山陵|长治久安|大理石|哈密瓜|和田玉"
)

TITLE_WEIGHT = 3.0
# The winner must lead the runner-up by this factor, else the city is unclear (null).
CLEAR_MARGIN = 1.25
# A city named in full (漯河市重点项目) is the article's own authority more often
# than a short name in passing (融入郑州都市圈).
FULL_NAME_BONUS = 1.5
# A county short name followed by these names an island, a street, a river...
FEATURE_WORDS: tuple[str, ...] = (
    "岛",
    "路",
    "街",
    "大道",
    "巷",
    "桥",
    "湖",
    "山",
    "河",
    "江",
    "港",
    "村",
    "站",
)
# A name followed by these is a region it anchors, not the place of the news.
REGION_WORDS: tuple[str, ...] = ("都市圈", "经济圈", "城市群", "一体化", "方向", "以外")
LEAD_WEIGHT = 2.0


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[str, float]], dict[str, tuple[int, ...]], re.Pattern[str]]:
    """name -> (prefecture, vote weight); first two characters -> name lengths, longest first.

    A county name shared by several prefectures (鼓楼区, 朝阳区) maps to "" and
    votes for nobody, but still stops a shorter name inside it (朝阳) from voting.
    """
    names: dict[str, tuple[str, float]] = {}
    for short, city in COUNTY_SHORTS.items():
        names[short] = (city, 0.5)
    for county, city in COUNTIES.items():
        names[county] = (city, 1.0)
    for zone, city in ZONES.items():
        names[zone] = (city, 1.0)
    for county in AMBIGUOUS_COUNTIES:
        names[county] = ("", 0.0)
    for city, short in PREFECTURES.items():
        names[city] = (city, 1.0)
        if len(short) >= 2 and short not in AMBIGUOUS_SHORTS:
            names[short] = (city, 1.0)
    lengths: dict[str, set[int]] = defaultdict(set)
    for name in names:
        lengths[name[:2]].add(len(name))
    firsts = "".join(sorted({n[0] for n in names}))
    starts = re.compile("[" + re.escape(firsts) + "]")
    return names, {bg: tuple(sorted(ls, reverse=True)) for bg, ls in lengths.items()}, starts


def _votes(
    text: str, weight: float, score: dict[str, float], first: dict[str, int], offset: int
) -> None:
    """Scan left to right, longest name first at each position (镇江市 before 镇江)."""
    names, lengths, starts = _index()
    skip_to = 0
    for m in starts.finditer(text):  # only positions whose character can start a name
        i = m.start()
        if i < skip_to:
            continue
        lens = lengths.get(text[i : i + 2])
        if lens is None:
            continue
        for ln in lens:
            hit = names.get(text[i : i + ln])
            if hit is None:
                continue
            after = text[i + ln : i + ln + 3]
            city, w = hit
            if w < 1.0 and after.startswith(FEATURE_WORDS):
                city = ""  # 长兴岛 is not 长兴县, 解放路 is a street
            if city and not after.startswith("省"):  # 吉林省, 海南省: a province
                if ln == len(city) and text.startswith(city, i):
                    w *= FULL_NAME_BONUS
                if after.startswith(REGION_WORDS):
                    w *= 0.3
                score[city] += w * weight
                first.setdefault(city, offset + i)
            skip_to = i + ln
            break


def find_city(title: str | None, paragraphs: list[str], skip: tuple[str, ...] = ()) -> str | None:
    """The prefecture-level city with the most weighted mentions (Simplified input).

    `skip` holds strings to blank out first (an outlet's name such as 金山网 is
    not a place the article is about).
    """
    score: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}

    def blank(s: str) -> str:
        s = NOT_PLACES.sub(lambda m: " " * len(m.group(0)), s)
        for k in skip:
            if k:
                s = s.replace(k, " " * len(k))
        return s

    offset = 0
    if title:
        _votes(blank(title), TITLE_WEIGHT, score, first, offset)
        offset += len(title)
    for i, para in enumerate(paragraphs):
        _votes(blank(para), LEAD_WEIGHT if i == 0 else 1.0, score, first, offset)
        offset += len(para)
    if not score:
        return None
    ranked = sorted(score, key=lambda c: (-score[c], first[c]))
    if len(ranked) > 1 and score[ranked[0]] < CLEAR_MARGIN * score[ranked[1]]:
        return None  # 郑州、洛阳、南阳 named alike: a province-wide story, no one city
    return ranked[0]
