"""Find mojibake runs in a line, repair those whose bytes survived, cut the rest out.

Two kinds reach us. (1) The textbook one: UTF-8 bytes read as GBK
(`城市` -> `鍩庡競`); every byte is still there, so encoding the run back to
GBK and decoding it as UTF-8 restores it. (2) The seed pages' kind: GBK bytes
that lost a byte somewhere and were re-decoded out of step (`“三?!狈沾夙椖拷ㄔO`,
`綿陽日?qǐng)?bào)`); the lost byte cannot come back, so the run is reported and
removed, and the sentence around it is kept.

A run is found by its marks: characters outside the common set (rare CJK),
`?` glued to CJK text, U+FFFD, bopomofo, enclosed numbers, private-use
characters, stray Latin letters between ideographs, and pinyin fragments
without their opening parenthesis (`?bào)`). One rare character is a name
(邯郸, 韋瑪); a cluster of marks is mojibake.
"""

from __future__ import annotations

import re

from pipelines.pinyin import TONED
from pipelines.vocab_clean_chars import COMMON_CHARS

# Characters that are never in clean Chinese news text.
_ALIEN = re.compile(
    r"[\ufffd\u3100-\u312f\u31a0-\u31bf\u2460-\u24ff\ue000-\uf8ff\u00c0-\u00ff\u0080-\u009f]"
)
# A pinyin fragment that lost its "(" and its character: `?qǐng)`, `?bào)`.
PINYIN_FRAGMENT = re.compile(rf"\?[a-zü{TONED}]{{1,7}}\)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_OR_FULL = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

# Non-CJK characters a repaired run may hold: printable ASCII, CJK and full-width punctuation.
_PLAIN = re.compile(r"[\x20-\x7e\u3000-\u303f\uff01-\uff5e“”‘’—…·]")

GAP = 3  # marks at most this far apart belong to one run
_REPAIR_PAIRS = (("gbk", "utf-8"), ("gb18030", "utf-8"), ("cp1252", "utf-8"), ("latin-1", "utf-8"))


def _rare_class() -> str:
    """A regex character class of the CJK characters outside COMMON_CHARS, as ranges."""
    parts: list[str] = []
    start = None
    for cp in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00), 0x10FFFF]:
        rare = cp != 0x10FFFF and chr(cp) not in COMMON_CHARS
        if rare and start is None:
            start = cp
        elif not rare and start is not None:
            end = cp - 1
            parts.append(chr(start) if start == end else f"{chr(start)}-{chr(end)}")
            start = None
    return "[" + "".join(parts) + "]"


# QUICK_MARK: a rare character, an alien character, or `?` glued to CJK text. A
# line with fewer than two of these holds no mojibake run (fast path).
QUICK_MARK = re.compile(
    _rare_class()
    + r"|[\ufffd\u3100-\u312f\u2460-\u24ff\ue000-\uf8ff\u00c0-\u00ff]"
    + r"|(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\?|\?(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None


def _marks(line: str) -> list[tuple[int, int]]:
    """(position, weight) of every mojibake mark in the line."""
    out: list[tuple[int, int]] = []
    n = len(line)
    for i, ch in enumerate(line):
        if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
            if ch not in COMMON_CHARS:
                out.append((i, 2))
        elif ch == "?":
            prev = line[i - 1] if i else ""
            nxt = line[i + 1] if i + 1 < n else ""
            if (prev and _CJK_OR_FULL.match(prev)) or (nxt and _CJK_OR_FULL.match(nxt)):
                out.append((i, 1))
        elif _ALIEN.match(ch):
            out.append((i, 3))
        elif ch.isascii() and ch.isalpha():
            prev = line[i - 1] if i else ""
            nxt = line[i + 1] if i + 1 < n else ""
            if _is_cjk(prev) and (
                _is_cjk(nxt) or not nxt or not nxt.isascii() or not nxt.isalnum()
            ):
                out.append((i, 1))
    return out


def find_runs(line: str) -> list[tuple[int, int, bool]]:
    """Spans (start, end, certain) of garbled runs in the line.

    `certain` runs are mojibake on their marks alone; the others (two or more
    rare characters, nothing else) only count when their bytes repair cleanly.
    """
    spans: list[tuple[int, int, bool]] = [
        (m.start(), m.end(), True) for m in PINYIN_FRAGMENT.finditer(line)
    ]
    if not spans:
        first = QUICK_MARK.search(line)
        if first is None or QUICK_MARK.search(line, first.end()) is None:
            return []
    marks = _marks(line)
    cluster: list[tuple[int, int]] = []

    def close(cluster: list[tuple[int, int]]) -> None:
        if not cluster:
            return
        weight = sum(w for _, w in cluster)
        strong = sum(1 for _, w in cluster if w >= 2)
        other = sum(1 for _, w in cluster if w != 2)  # anything but a rare character
        if weight >= 4 and strong >= 1:
            # 邯郸 (two rare characters) is a name; three, or rare plus a foreign mark, is not.
            spans.append((cluster[0][0], cluster[-1][0] + 1, other >= 1 or strong >= 3))

    for pos, w in marks:
        if cluster and pos - cluster[-1][0] > GAP:
            close(cluster)
            cluster = []
        cluster.append((pos, w))
    close(cluster)
    if not spans:
        return []
    # Grow each span over neighbouring `?`, `!`, `;` and stray letters, then merge.
    grown: list[tuple[int, int, bool]] = []
    for s, e, certain in sorted(spans):
        while s > 0 and line[s - 1] in "?!;\ufffd":
            s -= 1
        while e < len(line) and (
            line[e] in "?!;\ufffd"
            or (
                line[e].isascii()
                and line[e].isalpha()
                and (e + 1 >= len(line) or not line[e + 1].isascii())
            )
        ):
            e += 1
        if grown and s <= grown[-1][1]:
            grown[-1] = (grown[-1][0], max(e, grown[-1][1]), certain or grown[-1][2])
        else:
            grown.append((s, e, certain))
    return grown


def _plausible(text: str) -> bool:
    """Repaired text must read as Chinese: common characters, digits, punctuation."""
    if not text:
        return False
    good = sum(1 for ch in text if ch in COMMON_CHARS or _PLAIN.match(ch))
    return good / len(text) >= 0.9


def _repair(run: str) -> str | None:
    """The run's original text when its bytes survived (decoding is strict), else None."""
    for wrong, right in _REPAIR_PAIRS:
        try:
            fixed = run.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed and fixed != run and "?" not in fixed and _plausible(fixed):
            return fixed
    return None


def _repair_lossy(run: str) -> str | None:
    """UTF-8 read as GBK with bytes already replaced by U+FFFD: recover what survived.

    The characters whose bytes were lost are dropped; the caller still reports
    the run as garbled.
    """
    try:
        data = b"".join(b"\x00" if ch == "\ufffd" else ch.encode("gbk") for ch in run)
    except UnicodeEncodeError:
        return None
    fixed = data.decode("utf-8", errors="replace")
    lost = fixed.count("\ufffd") + fixed.count("\x00")
    kept = fixed.replace("\ufffd", "").replace("\x00", "")
    if len(kept) >= 2 and lost <= 0.4 * len(fixed) and _plausible(kept):
        return kept
    return None


def _repair_near(line: str, s: int, e: int, wide: bool = True) -> tuple[int, int, str] | None:
    """Try the run and slightly wider/narrower spans: mojibake boundaries are fuzzy."""
    best: tuple[int, int, str] | None = None
    shifts = (0, 1, 2, 3, -1) if wide else (0, 1, -1)
    for ds in shifts:
        for de in shifts:
            a, b = s - ds, e + de
            if a < 0 or b > len(line) or b - a < 2:
                continue
            fixed = _repair(line[a:b])
            if fixed is not None and (best is None or b - a > best[1] - best[0]):
                best = (a, b, fixed)
    return best


def clean_mojibake(line: str) -> tuple[str, list[str], int]:
    """Return (line with runs repaired or removed, unrepaired runs, number repaired)."""
    runs = find_runs(line)
    if not runs:
        return line, [], 0
    out: list[str] = []
    bad: list[str] = []
    repaired = 0
    pos = 0
    for s, e, certain in runs:
        if s < pos:
            continue
        fix = _repair_near(line, max(s, pos), e, wide=certain)
        if fix is not None:
            a, b, text = fix
            out.append(line[pos:a])
            out.append(text)
            pos = b
            repaired += 1
            continue
        if not certain:
            continue  # two rare characters and no proof: a name, leave it
        out.append(line[pos:s])
        lossy = _repair_lossy(line[s:e]) if "\ufffd" in line[s:e] else None
        if lossy is not None:
            out.append(lossy)
        bad.append(line[s:e])
        pos = e
    out.append(line[pos:])
    return "".join(out), bad, repaired
