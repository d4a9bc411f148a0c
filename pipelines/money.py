"""Amounts of money in Chinese news text ("9.5亿元", "两亿元", "1.33万亿", "2.25亿美元").

Pure functions. Only yuan is converted to `investment_cny`; a foreign-currency
amount is recognised (so it is not mistaken for yuan) but gives None, because
an exchange rate would be a guess that changes with the page's date.

Why not jionlp.parse_money: it parses the same cases, but importing jionlp
costs ~0.7 s and prints a banner on stdout (which would corrupt
`govwatch parse --json`); the grammar we need is one regex plus cn2an-style
numerals, written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_NUM = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}

# An amount: a number (Arabic with decimals, or Chinese numerals), an optional
# magnitude (万/亿/万亿), then a currency. "元" may be left out after 亿/万 in
# headlines ("总投资超千亿"), so the currency is optional when a magnitude is there.
MONEY_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
    r"\s*(?P<mag>万亿|亿|万|千万|百万)?"
    r"(?P<cur>元人民币|元|块|美元|美金|欧元|日元|港元|港币|英镑)?"
)

FOREIGN = {"美元", "美金", "欧元", "日元", "港元", "港币", "英镑"}
_MAGNITUDE = {"万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4}


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    yuan: int | None  # None: a foreign currency
    currency: str  # "CNY" or the currency word


def cn_number(s: str) -> float | None:
    """'两' -> 2, '十二' -> 12, '一百二十' -> 120, '三点五' -> 3.5, '12.5' -> 12.5."""
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    whole, _, frac = s.partition("点")
    total, current = 0, 0
    for ch in whole:
        if ch in _CN_NUM:
            current = _CN_NUM[ch]
        elif ch in _CN_UNIT:
            total += (current or 1) * _CN_UNIT[ch]
            current = 0
        else:
            return None
    value = float(total + current)
    if frac:
        digits = "".join(str(_CN_NUM.get(ch, "")) for ch in frac)
        if digits:
            value += float("0." + digits)
    return value


def find_money(text: str) -> list[Money]:
    """Every amount of money in `text` (with a currency, or with a 万/亿 magnitude)."""
    out: list[Money] = []
    for m in MONEY_RE.finditer(text):
        mag, cur = m.group("mag"), m.group("cur")
        if not cur and not mag:
            continue
        if not cur and mag:
            # "项目8个" style counts are excluded by requiring 亿/万亿 here (万 is too often
            # "万吨", "万平方米", "万只"), and the next char must not be a measure word.
            nxt = text[m.end() : m.end() + 1]
            if mag not in ("亿", "万亿") or (
                nxt and re.match(r"[\u4e00-\u9fff]", nxt) and nxt not in "的以，,、。；;元人"
            ):
                continue
        value = cn_number(m.group("num"))
        if value is None:
            continue
        if cur in FOREIGN:
            out.append(Money(m.start(), m.end(), None, cur))
            continue
        yuan = round(value * _MAGNITUDE.get(mag or "", 1))
        out.append(Money(m.start(), m.end(), yuan, "CNY"))
    return out
