"""Decode page bytes whose charset is unknown or lies (UTF-8, GB18030/GBK, Big5).

Chinese government sites still serve GBK and Big5, often with a wrong or
missing charset. Statistical detectors (charset-normalizer) are unsure on
short Chinese texts and confuse GBK with Big5, so the order is: a BOM; strict
UTF-8; the caller's hint; then strict GB18030 and Big5 side by side, keeping
the one whose characters are common Chinese (a wrong guess decodes into rare
characters); the detector only when neither decodes; and never an exception.
"""

from __future__ import annotations

import codecs
import re

from pipelines.vocab_clean_chars import COMMON_CHARS

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SAMPLE = 65536


def _common_share(text: str) -> float:
    """Share of CJK characters that are common ones; 0.0 when there is no CJK at all."""
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    return sum(1 for ch in cjk if ch in COMMON_CHARS) / len(cjk)


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). Never raises: undecodable bytes become U+FFFD."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    if hint:
        text = _strict(data, hint)
        if text is not None:
            return text, hint.lower()
    candidates = []
    for enc in ("gb18030", "big5hkscs"):
        text = _strict(data, enc)
        if text is not None:
            candidates.append((_common_share(text[:_SAMPLE]), enc == "gb18030", enc, text))
    if candidates:
        _, _, enc, text = max(candidates)
        return text, "big5" if enc == "big5hkscs" else enc
    # Damaged bytes: decode leniently in the most plausible of the three.
    best: tuple[float, str, str] | None = None
    for enc in ("utf-8", "gb18030", "big5hkscs"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd") / max(1, len(text))
        score = _common_share(text[:_SAMPLE]) - 5 * bad
        if best is None or score > best[0]:
            best = (score, "big5" if enc == "big5hkscs" else enc, text)
    if best is not None and best[0] > 0.5:
        return best[2], best[1]
    try:
        import charset_normalizer  # only for bytes no Chinese codec reads cleanly

        guess = charset_normalizer.from_bytes(data[:_SAMPLE]).best()
        if guess is not None:
            return data.decode(guess.encoding, errors="replace"), guess.encoding
    except (LookupError, ValueError):
        pass
    return data.decode("gb18030", errors="replace"), "gb18030"
