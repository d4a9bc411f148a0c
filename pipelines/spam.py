"""Injected SEO / porn / gambling junk: find it, cut it out, keep it as evidence.

Hacked government pages carry two kinds of injection: whole keyword-salad
lines (`四虎www在线影院,亚洲精品国产…`, `男人的天堂亚洲av无码_欧美亚洲…`) and a
gambling brand phrase glued onto real text (`…全面封顶-皇冠手机娱乐游戏平台`,
`仅提供技术皇冠手机娱乐游戏平台的服务支持`). The vocabulary lives in
vocab_clean.py; the heuristics here decide what to drop:

- a line is cut into segments at salad separators (`,` `_` `|` `-` spaces);
  a segment is spam with one STRONG word, a brand phrase, or three WEAK words;
- a non-sentence line whose segments are all spam is dropped whole; spam
  segments of a line that also holds clean text are cut away;
- a real sentence (it has 。！？) is never dropped for its words (news about a
  gambling crackdown says 赌场); only brand phrases are cut out of it.
"""

from __future__ import annotations

import re

from pipelines.vocab_clean import (
    SPAM_BRANDS,
    SPAM_STRONG,
    SPAM_SUFFIXES,
    SPAM_SUFFIXES_STRONG,
    SPAM_WEAK,
)

# Vocabulary is matched on the lower-cased Simplified line (no re.I: it is slow on alternations).
_STRONG = re.compile(
    "|".join(map(re.escape, sorted((w.lower() for w in SPAM_STRONG), key=len, reverse=True)))
)
_WEAK = re.compile(
    "|".join(map(re.escape, sorted((w.lower() for w in SPAM_WEAK), key=len, reverse=True)))
)
# BRAND_PHRASE: a gambling brand followed by one to five SEO suffix words
# (皇冠 + 手机 + 娱乐 + 游戏 + 平台); must hold a strong suffix, checked in code.
_SUFFIX = "|".join(map(re.escape, sorted(SPAM_SUFFIXES, key=len, reverse=True)))
BRAND_PHRASE = re.compile(
    "(?:"
    + "|".join(map(re.escape, sorted(SPAM_BRANDS, key=len, reverse=True)))
    + f")(?:{_SUFFIX}){{1,5}}"
)
# SALAD_SEPARATOR: what keyword salad is joined with.
SALAD_SEPARATOR = re.compile(r"([,，_|｜]+|\s+-\s+|-|—+|\s{1,})")
SENTENCE_END = re.compile(r"[。！？!?]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _brand_phrases(text: str) -> list[tuple[int, int]]:
    out = []
    for m in BRAND_PHRASE.finditer(text):
        if any(s in m.group(0) for s in SPAM_SUFFIXES_STRONG):
            out.append(m.span())
    return out


def has_spam_words(text: str) -> bool:
    """Any strong word or brand phrase in the (Simplified) text: a whole page is checked
    once, and only a page that has one is cut line by line."""
    low = text.lower()
    return bool(_STRONG.search(low) or _brand_phrases(low))


def split_spam(line: str, simplified: str) -> tuple[str | None, str | None]:
    """Return (clean remainder or None when the whole line is junk, removed junk or None).

    `simplified` is the line in Simplified script (same length as `line`
    for OpenCC t2s character conversion); spans found in it are cut from `line`.
    """
    simplified = simplified.lower()
    if not (
        _STRONG.search(simplified) or _WEAK.search(simplified) or BRAND_PHRASE.search(simplified)
    ):
        return line, None
    same_length = len(simplified) == len(line)
    if SENTENCE_END.search(simplified) and len(_CJK.findall(simplified)) >= 10:
        spans = _brand_phrases(simplified) if same_length else []
        if not spans:
            return line, None
        return _cut(line, spans)
    pieces = SALAD_SEPARATOR.split(simplified)
    segs = pieces[0::2]
    strong = [bool(_STRONG.search(s) or _brand_phrases(s)) for s in segs]
    weak_counts = [len(_WEAK.findall(s)) for s in segs]
    # Weak words (亚洲 在线 视频) make spam only as salad: two beside a strong
    # segment (亚洲AV_国产精品), or three in each of two segments of their own.
    weak3 = sum(n >= 3 for n in weak_counts)
    flags = [
        a or (any(strong) and n >= 2) or (n >= 3 and weak3 >= 2)
        for a, n in zip(strong, weak_counts, strict=True)
    ]
    if not any(flags):
        spans = _brand_phrases(simplified) if same_length else []
        return _cut(line, spans) if spans else (line, None)
    clean_text = "".join(s for s, f in zip(segs, flags, strict=True) if not f)
    clean_cjk = len(_CJK.findall(clean_text))
    # Junk glued after a headline keeps the headline; a link list of junk with a
    # stray clean word in the middle goes whole.
    real = [f for s, f in zip(segs, flags, strict=True) if s.strip()]
    clean_prefix = not real[0] and all(real[real.index(True) :])
    mostly_spam = sum(flags) >= 2 and sum(flags) * 2 >= len(real) and not clean_prefix
    if clean_cjk < 6 or (mostly_spam and clean_cjk < 12) or not same_length:
        return None, line.strip()
    # Keep the clean segments (and the separators between clean ones) from the original line.
    kept: list[str] = []
    junk: list[str] = []
    pos = 0
    for i, piece in enumerate(pieces):
        orig = line[pos : pos + len(piece)]
        pos += len(piece)
        if i % 2:  # a separator
            kept.append(orig)
        elif flags[i // 2]:
            junk.append(orig)
            if kept and SALAD_SEPARATOR.fullmatch(kept[-1]):
                kept.pop()  # the separator before a dropped segment goes with it
        else:
            kept.append(orig)
    while kept and SALAD_SEPARATOR.fullmatch(kept[-1]):
        kept.pop()
    while kept and SALAD_SEPARATOR.fullmatch(kept[0]):
        kept.pop(0)
    return "".join(kept).strip(), " ".join(j.strip() for j in junk if j.strip())


def _cut(line: str, spans: list[tuple[int, int]]) -> tuple[str, str]:
    out, junk, pos = [], [], 0
    for s, e in spans:
        out.append(line[pos:s])
        junk.append(line[s:e])
        pos = e
    out.append(line[pos:])
    return "".join(out), " ".join(junk)
