"""Line-level cleaning shared by the parser: spaces, pinyin, mojibake, injected spam, captions.

A page dump is cleaned line by line; each `CleanLine` keeps the text in its
original script and its Simplified twin (what every vocabulary is matched on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from pipelines.boilerplate import is_chrome, split_caption
from pipelines.metadata import is_editor_line, is_meta_line
from pipelines.mojibake import clean_mojibake
from pipelines.pinyin import TONED, strip_pinyin
from pipelines.script import to_simplified
from pipelines.spam import has_spam_words, split_spam
from pipelines.vocab_clean import OUTLET_PINYIN_TAIL

# Spaces of every width (ideographic, no-break, zero-width) collapse to one ASCII space.
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\ufeff]+")
# Control characters that never belong in text (NUL from binary junk, form feeds...).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A line never opens with a question mark: `?金山網訊?` is a lost full-width space.
_LEADING_QMARKS = re.compile(r"^[?？]+\s*")
# The pinyin tail of a garbled run (`?qǐng)?bào)` ends in `bào)`).
_RUN_TAIL = re.compile(rf"\?(?P<py>[a-zü{TONED}]{{1,7}})\)$")


@dataclass
class CleanLine:
    text: str  # original script, cleaned
    simp: str  # Simplified
    garbled: list[str] = field(default_factory=list)  # runs cut out of this line
    tail_hint: str = ""  # character a garbled run at the line's end stood for (报 of 日报)
    caption: bool = False  # a photo caption without prose: chrome
    credits: list[str] = field(default_factory=list)  # photographers named by a caption

    # Each test runs once per line, however often the parser asks.
    @cached_property
    def meta(self) -> bool:
        return is_meta_line(self.simp)

    @cached_property
    def chrome(self) -> bool:
        return self.caption or is_chrome(self.simp)

    @cached_property
    def editor(self) -> bool:
        return is_editor_line(self.simp)


def normalise(line: str) -> str:
    return _SPACES.sub(" ", _CONTROL.sub("", line)).strip()


def clean_text(line: str) -> tuple[str, list[str], str]:
    """Pinyin, mojibake and spaces of one line -> (text, unrepaired runs, tail hint)."""
    line = strip_pinyin(normalise(line))
    line, runs, _ = clean_mojibake(line)
    hint = ""
    if runs:
        m = _RUN_TAIL.search(runs[-1])
        if m and m["py"] in OUTLET_PINYIN_TAIL:
            hint = OUTLET_PINYIN_TAIL[m["py"]]
        line = strip_pinyin(line)
    return _LEADING_QMARKS.sub("", normalise(line)), runs, hint


def clean_lines(lines: list[str]) -> tuple[list[CleanLine], list[str], list[str]]:
    """Clean every line; return (kept lines, dropped spam, unrepaired garbled runs)."""
    out: list[CleanLine] = []
    spam: list[str] = []
    garbled: list[str] = []
    cleaned = []
    for raw in lines:
        text, runs, hint = clean_text(raw)
        garbled.extend(runs)
        if text:
            cleaned.append((text, runs, hint))
    simps = to_simplified("\n".join(t for t, _, _ in cleaned)).split("\n")
    if len(simps) != len(cleaned):  # a conversion never joins lines, but be sure
        simps = [to_simplified(t) for t, _, _ in cleaned]
    check_spam = has_spam_words("\n".join(simps))
    for (text, runs, hint), simp in zip(cleaned, simps, strict=True):
        if check_spam:
            kept, junk = split_spam(text, simp)
            if junk:
                spam.append(junk)
            if kept is None or not kept.strip():
                continue
            if kept != text:
                text = normalise(kept).strip(" -_|—")
                simp = to_simplified(text)
        out.append(_caption_line(CleanLine(text, simp, runs, hint)))
    return out, spam, garbled


def _caption_line(line: CleanLine) -> CleanLine:
    """A photo caption keeps its prose without marker and credit; without prose it is chrome."""
    found = split_caption(line.text)
    if found is None:
        return line
    prose, names = found[0], [to_simplified(n) for n in found[1]]
    if not prose:
        line.caption = True
        line.credits = names
        return line
    return CleanLine(prose, to_simplified(prose), line.garbled, line.tail_hint, credits=names)


def clean_field(value: str | None, spam: list[str] | None = None) -> str | None:
    """A single metadata value (title, outlet) from a spider: same cleaning, no spam left.

    Injected junk cut from it is appended to `spam` when a list is given.
    """
    if not value:
        return None
    text, _, _ = clean_text(value)
    if not text:
        return None
    kept, junk = split_spam(text, to_simplified(text))
    if junk and spam is not None:
        spam.append(junk)
    return normalise(kept).strip(" -_|—") if kept else None
