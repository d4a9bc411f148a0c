"""Remove pinyin annotations (`鎮(zhèn)江` -> `鎮江`) and nothing else.

Hacked or "accessible" page templates put the tone-marked pinyin of a
character right after it. A real parenthesis holds words (`(以下簡稱“哈汽項目”)`),
capitals or digits (`(PCB)`), addresses (`(m.xomn.cn)`) or bylines, so the
rule is narrow: ASCII or full-width parentheses, right after a CJK character,
holding one lower-case syllable with at least one tone mark.
"""

from __future__ import annotations

import re

# Tone-marked vowels (precomposed), ü, and the rare toned nasals.
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE_CHARS = "a-zü" + TONED + "\u0300-\u036f"

# PINYIN_ANNOTATION: `(zhèn)` / `（zhèn）` after a CJK ideograph; the lookahead
# demands a tone mark (precomposed or combining) so `(de)`, `(PCB)`, `(m.xomn.cn)` stay.
PINYIN_ANNOTATION = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
    r"[(（]"
    rf"(?=[a-zü]*[{TONED}\u0300-\u036f])"
    rf"[{_SYLLABLE_CHARS}]{{1,8}}"
    r"[)）]"
)


def strip_pinyin(text: str) -> str:
    """Drop every pinyin annotation; repeat until stable so the result is idempotent.

    (`中(zhōng)(zhōng)`: once the first goes, the second sits right after 中.)
    """
    if "(" not in text and "（" not in text:
        return text
    while True:
        new = PINYIN_ANNOTATION.sub("", text)
        if new == text:
            return new
        text = new
