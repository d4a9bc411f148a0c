"""Regenerate the data modules `vocab_clean_geo.py` and `vocab_clean_chars.py`.

Run by hand (`python -m pipelines.vocab_clean_build`) when the source data
changes; the parser itself never imports this module or jionlp, so parsing
stays fast and offline. Both sources are files jionlp 1.5.31 ships
(Apache-2.0, https://github.com/dongrixinyu/JioNLP):

- `dictionary/china_location.txt`: the administrative tree (province, city,
  county, town) -> prefecture-level cities, their counties/districts and the
  development zones listed at town level.
- jieba 0.42.1's `dict.txt` (MIT): word counts, to keep everyday words
  (解放, 港口) out of the county short names.
- `dictionary/char_distribution.json`: character counts over a large
  Simplified corpus -> the "common characters" set the mojibake detector uses.

cpca 0.5.5 (MIT) was evaluated as well: its `adcodes.csv` has the same
county list but no town-level development zones (no 居巢经济开发区), and
importing it pulls in pandas (~0.5 s per `govwatch parse`), so we only borrow
data, generated once, from jionlp.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jionlp
import opencc

HERE = Path(__file__).parent
COMMON_RANK = 3500  # the most frequent Simplified characters counted as "common"

# Zone names at town level worth keeping: development zones and industrial parks.
_ZONE = re.compile(
    r"(经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|开发区|高新区|经开区|工业园区|产业园区|新区)"
)
# Generic zone words that are not names on their own.
_ZONE_GENERIC = {
    "工业园区",
    "开发区",
    "高新区",
    "经开区",
    "新区",
    "产业园区",
    "经济开发区",
    "经济技术开发区",
}
# A zone's place word must name a place: not a direction, not an industry, not 城市.
_ZONE_PREFIX_GENERIC = re.compile(
    r"^(?:[东西南北中新老]|城[东西南北中]?|[东西南北中]部|城市|县|市|区|主城|世纪|农机|农村|化学|化工|"
    r"工业|经济|高新|临港|临空|空港|滨海|沿江|沿海|国家|省级|综合|现代|科技|物流|保税|医药)"
)
# County names that are everyday words for a kind of district, not one place.
_COUNTY_GENERIC = {
    "矿区",
    "郊区",
    "城区",
    "新城区",
    "老城区",
    "新市区",
    "城中区",
    "市中区",
    "东区",
    "西区",
    "南区",
    "北区",
    "中区",
    "新区",
    "保税区",
    "物流区",
    "林区",
    "特区",
    "牧区",
}
_GENERIC_WORD = re.compile(
    r"(?:保税|园区|产业园|工业园|物流区|化工|医药|新城|新区|开发区|经开区|高新区|示范|港区)"
)


def _dictionary_dir() -> Path:
    return Path(jionlp.__file__).parent / "dictionary"


def _jieba_words() -> dict[str, tuple[int, str]]:
    """word -> (count, part-of-speech tag) from jieba 0.42.1's shipped dict.txt (MIT)."""
    import jieba

    out: dict[str, tuple[int, str]] = {}
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return out


def build_geo() -> str:
    """Return the source of vocab_clean_geo.py."""
    prefectures: dict[str, str] = {}  # full name -> short name
    county_cities: dict[str, set[str]] = {}  # county full name -> prefectures holding one
    county_short: dict[str, set[str]] = {}
    zones: dict[str, set[str]] = {}
    province = city = county = ""
    for raw in (_dictionary_dir() / "china_location.txt").read_text(encoding="utf-8").splitlines():
        depth = len(raw) - len(raw.lstrip("\t"))
        cols = raw.strip("\t").split("\t")
        name = cols[0].strip()
        if not name:
            continue
        if depth == 0:
            province = name
            city = county = ""
        elif depth == 1:
            county = ""
            if name == "省直辖行政区划":
                city = ""
                continue
            city = province if name in {"香港", "澳门"} else name
            short = cols[2] if len(cols) > 2 else name
            prefectures[city] = short
        elif depth == 2:
            county = name
            short = cols[2] if len(cols) > 2 else name
            if not city:  # a county-level city directly under the province: its own "city"
                prefectures[name] = short
                continue
            county_cities.setdefault(name, set()).add(city)
            county_short.setdefault(short, set()).add(city)
        elif (
            depth in (3, 4)
            and city
            and _ZONE.search(name)
            and name not in _ZONE_GENERIC
            and not name.endswith(("社区", "街道", "村", "居委会"))
        ):
            zones.setdefault(name, set()).add(city)
    del county
    county_cities = {
        n: c for n, c in county_cities.items() if "行政区划" not in n and n not in _COUNTY_GENERIC
    }
    counties = {n: next(iter(c)) for n, c in county_cities.items() if len(c) == 1}
    ambiguous = sorted(n for n, c in county_cities.items() if len(c) > 1)
    pref_shorts = set(prefectures.values())
    province_shorts = {"北京", "上海", "天津", "重庆", "香港", "澳门"}
    # County short names: only unique, two characters or more, never a prefecture's,
    # and not an everyday word (解放, 港口, 运河, 灯塔工厂) by jieba's word counts.
    words = _jieba_words()

    def everyday(word: str) -> bool:
        freq, tag = words.get(word, (0, ""))
        return freq >= 300 or (freq >= 100 and tag not in {"ns", "nr", "nz", "nt"})

    shorts = {
        s: next(iter(c))
        for s, c in county_short.items()
        if len(c) == 1
        and len(s) >= 2
        and s not in pref_shorts
        and s not in province_shorts
        and not everyday(s)
        and not _GENERIC_WORD.search(s)
        and s not in _COUNTY_GENERIC
    }
    zone_map: dict[str, str] = {}
    for name, cities in zones.items():
        if len(cities) != 1:
            continue
        c = next(iter(cities))
        for alias in {
            name,
            re.sub(r"管理区$|管委会$", "", name),
            _ZONE.sub(
                lambda m: "经开区" if "经济" in m.group(1) else m.group(1),
                re.sub(r"管理区$|管委会$", "", name),
            ),
            re.sub(
                r"高新技术产业开发区|高新技术开发区", "高新区", re.sub(r"管理区$|管委会$", "", name)
            ),
        }:
            m = _ZONE.search(alias)
            prefix = alias[: m.start()] if m else ""
            if len(alias) >= 4 and len(prefix) >= 2 and not _ZONE_PREFIX_GENERIC.match(prefix):
                zone_map[alias] = c

    lines = [
        '"""Gazetteer generated by `python -m pipelines.vocab_clean_build` (do not edit by hand).',
        "",
        "Source: jionlp 1.5.31 `dictionary/china_location.txt` (Apache-2.0). Keys are Simplified.",
        "PREFECTURES: prefecture-level city (or province-level municipality, or county-level",
        "  city directly under a province) -> its short name.",
        "COUNTIES: county/district/county-level city full name -> its prefecture (unique names).",
        "AMBIGUOUS_COUNTIES: county names several prefectures have (鼓楼区, 朝阳区): no vote.",
        "COUNTY_SHORTS: county short names that are unique nationwide, never a prefecture's",
        "  short name and not an everyday word by jieba 0.42.1's dict.txt counts (weak evidence:",
        "  金山 is also Zhenjiang's nickname).",
        "ZONES: development zones listed at town level, unique nationwide -> prefecture.",
        '"""',
        "",
        f"PREFECTURES: dict[str, str] = {json.dumps(dict(sorted(prefectures.items())), ensure_ascii=False)}",
        f"COUNTIES: dict[str, str] = {json.dumps(dict(sorted(counties.items())), ensure_ascii=False)}",
        f"AMBIGUOUS_COUNTIES: tuple[str, ...] = {tuple(ambiguous)!r}",
        f"COUNTY_SHORTS: dict[str, str] = {json.dumps(dict(sorted(shorts.items())), ensure_ascii=False)}",
        f"ZONES: dict[str, str] = {json.dumps(dict(sorted(zone_map.items())), ensure_ascii=False)}",
        "",
    ]
    return "\n".join(lines)


def build_chars() -> str:
    """Return the source of vocab_clean_chars.py: common characters, both scripts."""
    counts: Counter[str] = Counter()
    with (_dictionary_dir() / "char_distribution.json").open(encoding="utf-8") as fh:
        for line in fh:
            ch, n = json.loads(line)
            if "\u4e00" <= ch <= "\u9fff":
                counts[ch] = n
    common = {c for c, _ in counts.most_common(COMMON_RANK)}
    t2s = opencc.OpenCC("t2s")
    allchars = "".join(chr(cp) for cp in range(0x4E00, 0xA000))
    simplified = t2s.convert(allchars)
    both = set(common)
    if len(simplified) == len(allchars):
        both.update(t for t, s in zip(allchars, simplified, strict=True) if s in common)
    text = "".join(sorted(both))
    return (
        '"""Common CJK characters, generated by `python -m pipelines.vocab_clean_build`.\n\n'
        f"The {COMMON_RANK} most frequent Simplified characters of jionlp 1.5.31's\n"
        "`dictionary/char_distribution.json` (Apache-2.0) plus every Traditional form\n"
        'that OpenCC t2s maps onto one of them. A character outside this set is "rare":\n'
        "a run of rare characters next to `?` is the mark of mojibake (mojibake.py).\n"
        '"""\n\n'
        f"COMMON_CHARS: frozenset[str] = frozenset({json.dumps(text, ensure_ascii=False)})\n"
    )


def main() -> None:
    outputs = [HERE / "vocab_clean_geo.py", HERE / "vocab_clean_chars.py"]
    outputs[0].write_text(build_geo(), encoding="utf-8")
    outputs[1].write_text(build_chars(), encoding="utf-8")
    # Format like the rest of the repo, so a rebuild gives a readable diff.
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    subprocess.run([ruff, "format", *map(str, outputs)], check=False)
    print("wrote", *outputs)


if __name__ == "__main__":
    main()
