"""Dates in milestone text resolve against the publication date, keeping the precision given."""

from __future__ import annotations

import pytest

from pipelines.dates import explicit_year, find_dates, later, parse_published

PUB = (2024, 10, 24)


def values(text: str, pub=PUB, **kw) -> list[str | None]:
    return [d.value for d in find_dates(text, pub, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("项目于2024年1月26日开工建设", ["2024-01-26"]),
        ("8月23日上午取得施工许可证", ["2024-08-23"]),
        ("计划12月完成主体结构封顶", ["2024-12"]),
        ("项目自去年12月开工建设以来", ["2023-12"]),
        ("计划本月开工建设", ["2024-10"]),
        ("预计下月正式投产", ["2024-11"]),
        ("力争2026年底实现竣工", ["2026"]),
        ("2026年10月建成后将新建教学班", ["2026-10"]),
        ("预计明年6月建成投产", ["2025-06"]),
        ("二〇二三年三月签约", ["2023-03"]),
        ("十二月二十日投产", ["2024-12-20"]),
    ],
)
def test_dates_resolve_against_publication(text, expected):
    assert values(text) == expected


def test_month_and_day_without_any_year_is_unknown():
    assert values("5月25日，项目正式开工", pub=None) == [None]


def test_year_stated_in_the_sentence_stands_in_for_a_missing_publication_date():
    text = "在6月28日上午举行的2021年重大项目集中开工仪式上"
    assert values(text, pub=None, context_year=explicit_year(text))[0] == "2021-06-28"


def test_statistical_spans_are_not_event_dates():
    # "1-9月" and "1至5月份" are reporting periods, not the day something happened
    assert values("1-9月，全区完成投资50亿元") == []
    assert values("1至5月份，全市项目完成投资") == []


def test_quarter_alone_has_no_date():
    assert values("三季度计划再开工一批项目") == []


def test_yesterday_is_the_day_before_publication():
    assert values("昨日上午，项目正式开工") == ["2024-10-23"]


def test_a_paper_named_today_is_not_a_date():
    assert values("今日镇江讯 总投资96亿元的项目") == []


def test_publication_date_parsing_tolerates_times_and_garbage():
    assert parse_published("2024-08-24 10:05") == (2024, 8, 24)
    assert parse_published("2019年04月22日") == (2019, 4, 22)
    assert parse_published("not a date") is None
    assert parse_published(None) is None
    assert parse_published("2024-13-40") is None


def test_later_prefers_the_later_and_more_precise_date():
    assert later("2024-07-17", "2024-08-23") == "2024-08-23"
    assert later(None, "2024-08") == "2024-08"
    assert later("2024", "2024-08") == "2024-08"
    assert later("2024-05", None) == "2024-05"
