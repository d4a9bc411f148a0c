"""Properties: the parser never raises; pinyin removal is idempotent and never eats a character."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.parse import parse_article
from pipelines.pinyin import strip_pinyin

# Text made of the pieces page dumps are made of, so the parser's branches get exercised.
PIECES = st.sampled_from(
    [
        "鎮",
        "江",
        "项",
        "目",
        "开工",
        "(zhèn)",
        "（xiàng）",
        "(PCB)",
        "(",
        ")",
        "（",
        "）",
        "?",
        "。",
        "，",
        "\n",
        " ",
        "来源:",
        "2024-08-24 10:05",
        "金山网讯 ",
        "记者 ",
        "责任编辑:",
        "首页 > ",
        "|",
        "_",
        "无码",
        "皇冠手机娱乐平台",
        "狈沾夙椖",
        "?qǐng)",
        "\ufffd",
        "版权所有",
        "【",
        "】",
        "a",
        "1",
    ]
)
PAGE_TEXT = st.lists(PIECES, max_size=60).map("".join)
CJK = re.compile(r"[\u3400-\u9fff]")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), PAGE_TEXT))
def test_parser_never_raises_on_arbitrary_text(text: str) -> None:
    a = parse_article(text)
    assert a.body == "\n".join(a.paragraphs)
    assert isinstance(a.spam, bool) and isinstance(a.garbled, bool)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), PAGE_TEXT))
def test_pinyin_removal_is_idempotent(text: str) -> None:
    once = strip_pinyin(text)
    assert strip_pinyin(once) == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), PAGE_TEXT))
def test_pinyin_removal_never_removes_a_cjk_character(text: str) -> None:
    assert CJK.findall(strip_pinyin(text)) == CJK.findall(text)
