"""Pinyin annotations go; every real parenthesis stays."""

from __future__ import annotations

import pytest

from pipelines.pinyin import strip_pinyin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("鎮(zhèn)江新區(qū)", "鎮江新區"),
        ("項（xiàng）目", "項目"),  # full-width parentheses
        ("創(chuàng)新", "創新"),
        ("綠(lu\u0300)色", "綠色"),  # a combining grave accent instead of a precomposed one
        ("女(nǚ)工", "女工"),
    ],
)
def test_pinyin_annotation_after_a_character_is_removed(text: str, expected: str) -> None:
    assert strip_pinyin(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "哈汽重燃基地(以下簡稱“哈汽項目”)",
        "高精密印刷電路板(PCB)項目",
        "安徽財經網(m.xomn.cn)",
        "(記者 謝曉龍 通訊員 丁泉洋)日前",
        "戴爾樂(征地)、中機五建",
        "的(de)",  # no tone mark: could be an abbreviation, so it stays
        "2024 (zhèn)",  # not after a CJK character
        "Model(xā)",
    ],
)
def test_pinyin_annotation_keeps_real_parentheses(text: str) -> None:
    assert strip_pinyin(text) == text


def test_pinyin_removal_runs_until_nothing_is_left() -> None:
    # After the first annotation goes, the second one sits right after 中.
    assert strip_pinyin("中(zhōng)(zhōng)心") == "中心"
