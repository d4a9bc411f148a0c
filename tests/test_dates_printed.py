"""The one reader of dates a page prints about itself (pipelines/dates.find_printed_date),
shared by the text parser's date line and the HTML extractor's bylines and meta tags."""

from __future__ import annotations

import pytest

from pipelines.dates import find_printed_date, format_date, parse_published
from pipelines.document import process_text
from pipelines.records import PageFields


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2024-08-24 10:05 来源:江城日报", "2024-08-24 10:05"),
        ("2019-04-22 09:55:23|来源:北方日报", "2019-04-22 09:55:23"),
        ("2024年09月13日", "2024-09-13"),
        ("2021年3月5日 8:19", "2021-03-05 08:19"),
        ("2023/7/1", "2023-07-01"),
        ("2024.08.04", "2024-08-04"),
        ("13.02.2017  15:04", "2017-02-13 15:04"),
        ("2024-08-24T10:22:00+08:00", "2024-08-24 10:22:00"),
        ("2024-08-24 10时22分", "2024-08-24 10:22"),
        ("2024年08月24日 10時22分", "2024-08-24 10:22"),
    ],
)
def test_printed_date_reads_every_printed_shape(text: str, want: str) -> None:
    found = find_printed_date(text)
    assert found is not None
    assert found[0] == want


def test_printed_date_span_covers_date_and_time() -> None:
    text = "发布时间：2024-08-24 10:05 来源：江城日报"
    value, (start, end) = find_printed_date(text) or ("", (0, 0))
    assert value == "2024-08-24 10:05"
    assert text[start:end].strip() == "2024-08-24 10:05"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a time that is no time keeps the printed day
        ("2024-08-24 24:00", "2024-08-24"),
        ("2024-08-24 10:61", "2024-08-24"),
        # an impossible day is skipped for a later real one on the same line
        ("2024-02-30 更新于 2024-03-01", "2024-03-01"),
        # year-first wins over day-first anywhere in the line
        ("13.02.2017 / 2017-02-14", "2017-02-14"),
    ],
)
def test_printed_date_validates_parts(text: str, want: str) -> None:
    found = find_printed_date(text)
    assert found is not None
    assert found[0] == want


@pytest.mark.parametrize(
    "text",
    [
        "电话 320240824123",  # digits glued to the year: a phone number
        "2024-13-40",
        "2024-02-30",
        "版本 1.13.02.2017",  # a dotted version number, not a day-first date
        "8月24日上午",  # no year: prose dates belong to find_dates
        "",
    ],
)
def test_printed_date_rejects_non_dates(text: str) -> None:
    assert find_printed_date(text) is None


def test_format_date_pads_and_validates() -> None:
    assert format_date(2024, 8, 4, 9, 5) == "2024-08-04 09:05"
    assert format_date(2024, 8, 4, 9, 5, 7) == "2024-08-04 09:05:07"
    assert format_date(2024, 8, 4, 9) == "2024-08-04"  # an hour without minutes is no time
    assert format_date(2023, 2, 29) is None


def test_impossible_spider_date_does_not_break_relative_days() -> None:
    # A spider field the printed-date reader rejects is kept as printed; the milestone
    # step must then treat it as no date rather than count "昨日" back from 2024-02-30.
    body = "江城市某某产业园项目昨日正式开工建设，总投资10亿元。"
    article = process_text(
        "某某项目昨日开工\n\n" + body,
        fields=PageFields(title="某某项目昨日开工", published="2024-02-30", paragraphs=[body]),
    )
    assert article.published == "2024-02-30"
    assert parse_published(article.published) is None
    assert parse_published("2024-02-29 10:05") == (2024, 2, 29)
