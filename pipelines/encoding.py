"""Decode page bytes whose charset is unknown or lies (UTF-8, GB18030/GBK, Big5)."""

from __future__ import annotations

import charset_normalizer


def decode_bytes(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). Never raises: undecodable bytes become U+FFFD."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in filter(None, [hint]):
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            pass
    best = charset_normalizer.from_bytes(data[:65536]).best()
    enc = best.encoding if best else "gb18030"
    try:
        return data.decode(enc, errors="replace"), enc
    except LookupError:
        return data.decode("gb18030", errors="replace"), "gb18030"
