"""Decode an HTML page's bytes when its declared charset may lie.

Chinese sites often declare one charset and serve another: a `gb2312` meta left
in a template that now writes UTF-8, GBK bytes served as UTF-8, Big5 pages
labelled GBK. So the declaration is only a tie-breaker: valid UTF-8 is UTF-8
(multi-byte GBK/Big5 text essentially never forms valid UTF-8 sequences), and
otherwise each Chinese codec is tried and the one whose decoding reads most
like Chinese (most of the very common characters, fewest replacement
characters) wins. This is faster than charset_normalizer on whole pages and
cannot be fooled by the ASCII markup that makes up most of a page's bytes.
"""

from __future__ import annotations

import codecs
import re

# A wrong codec turns GBK or Big5 bytes into rare characters, so the share of common
# characters tells the right decoding from a wrong one (the set the text decoder uses too).
from pipelines.vocab_clean_chars import COMMON_CHARS as _COMMON

# <meta charset=...>, <meta http-equiv content="...; charset=...">, <?xml encoding=...?>
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,30})""", re.I)

# Labels that name a subset of a codec Python knows under a wider name: decoding with the
# wider codec reads the same bytes and never fails on the characters sites add beyond the label.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "big-5": "big5hkscs",
    "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "unicode": "utf-8",
    "utf8": "utf-8",
    "ascii": "utf-8",
}


def codec_name(label: str | None) -> str | None:
    """The Python codec to decode a declared charset label with (its superset), or None when
    the label names no codec. Shared by this module and the crawler's charset middleware."""
    if not label:
        return None
    name = label.strip().lower()
    try:
        canonical = codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        return None
    return _ALIASES.get(canonical, canonical)


def declared_charset(data: bytes) -> str | None:
    """The charset the page's own markup declares (first 4 KB), normalised; None if none."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    return codec_name(m.group(1).decode("ascii", "ignore"))


# ASCII runs: markup, which every candidate decodes alike, so skipped before counting.
_ASCII = re.compile(r"[\x00-\x7f]+")


def _chinese_score(text: str) -> float:
    """How much a decoding reads like Chinese: common characters minus replacement characters."""
    sample = _ASCII.sub("", text[:200000])[:8000]
    common = sum(1 for ch in sample if ch in _COMMON)
    bad = sample.count("\ufffd")
    return common - 4 * bad


def decode_html(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) for page bytes; never raises."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    candidates: list[str] = []
    for enc in (declared, "gb18030", "big5hkscs", "utf-8"):
        if enc and enc not in candidates and enc not in ("utf-16", "utf-32"):
            candidates.append(enc)
    best_text, best_enc, best_score = "", "utf-8", float("-inf")
    for enc in candidates:
        try:
            text = data.decode(enc, errors="replace")
        except LookupError:
            continue
        score = _chinese_score(text)
        if score > best_score:  # ties keep the earlier (declared) codec
            best_text, best_enc, best_score = text, enc, score
    return best_text, best_enc
