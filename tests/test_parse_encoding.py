"""Bytes of unknown charset: UTF-8, GB18030/GBK or Big5, detected, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.document import process_bytes
from pipelines.encoding import decode_bytes

SIMPLIFIED = "临江港区三期码头开港运营，首年吞吐量目标三百万吨，带动就业两千人。"
TRADITIONAL = "臨江港區三期碼頭開港運營，首年吞吐量目標三百萬噸，帶動就業兩千人。"


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "gbk", "gb18030"),  # GB18030 is a superset of GBK
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "gbk", "gb18030"),  # Traditional characters in a GBK page
        (TRADITIONAL, "utf-8", "utf-8"),
    ],
)
def test_charset_is_detected(text: str, encoding: str, expected: str) -> None:
    assert decode_bytes(text.encode(encoding)) == (text, expected)


def test_byte_order_mark_wins() -> None:
    assert decode_bytes("\ufeff".encode() + SIMPLIFIED.encode()) == (SIMPLIFIED, "utf-8-sig")
    assert decode_bytes(SIMPLIFIED.encode("utf-16"))[0] == SIMPLIFIED


def test_truncated_gbk_page_still_decodes() -> None:
    data = SIMPLIFIED.encode("gbk")[:-1]  # cut in the middle of a character
    text, encoding = decode_bytes(data)
    assert encoding == "gb18030"
    assert text.startswith("临江港区三期码头")


def test_gbk_page_is_parsed_with_its_metadata() -> None:
    page = "港区码头开港运营\n2025-06-01 09:12 来源：临江日报\n" + SIMPLIFIED + "\n"
    a = process_bytes(page.encode("gbk"))
    assert (a.encoding, a.title, a.outlet) == ("gb18030", "港区码头开港运营", "临江日报")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_raises(data: bytes) -> None:
    text, encoding = decode_bytes(data)
    assert isinstance(text, str) and encoding
