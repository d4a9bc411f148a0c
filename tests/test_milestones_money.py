"""Amounts of money: yuan converted, foreign currency recognised but not converted."""

from __future__ import annotations

import pytest

from pipelines.money import cn_number, find_money


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("计划总投资9.5亿元", 950_000_000),
        ("由雨润集团投资两亿元", 200_000_000),
        ("总投资约1.5亿元", 150_000_000),
        ("投资3.94亿元", 394_000_000),
        ("总投资1.33万亿元", 1_330_000_000_000),
        ("总投资达128亿元，规划用地460亩", 12_800_000_000),
        ("补助资金6000万元", 60_000_000),
        ("总投资超千亿", 100_000_000_000),
    ],
)
def test_yuan_amounts(text, yuan):
    found = [m.yuan for m in find_money(text)]
    assert found == [yuan]


def test_foreign_currency_is_found_but_not_converted():
    (m,) = find_money("投资2.25亿美元的工业园项目")
    assert m.yuan is None
    assert m.currency == "美元"


def test_quantities_that_are_not_money_are_ignored():
    assert find_money("年产33万吨醋酸乙烯，总建筑面积约19万平方米，新开工项目8个") == []


@pytest.mark.parametrize(
    ("s", "value"),
    [("两", 2), ("十二", 12), ("一百二十", 120), ("三点五", 3.5), ("12.5", 12.5), ("千", 1000)],
)
def test_chinese_numerals(s, value):
    assert cn_number(s) == value


def test_not_a_number():
    assert cn_number("项目") is None
    assert cn_number("") is None
