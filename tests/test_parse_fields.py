"""PageFields from a spider or the HTML extractor are trusted over guesses, and still cleaned."""

from __future__ import annotations

from pipelines.parse import parse_article
from pipelines.records import PageFields


def test_page_fields_win_but_are_cleaned() -> None:
    fields = PageFields(
        title="鎮(zhèn)江港區碼頭開港運營-皇冠手機娛樂遊戲平台",
        published="2024年09月13日 08:30",
        outlet="來源：鎮江日報",
        authors=["王海"],
        editors=["周明"],
        paragraphs=[
            "鎮(zhèn)江港區三期碼頭昨日開港運營，首年吞吐量目標三百萬噸。",
            "項目總投資18億元，帶動就業兩千人。",
            "返回頂部",
        ],
    )
    a = parse_article("", fields=fields)
    assert a.title == "鎮江港區碼頭開港運營"
    assert a.title_simplified == "镇江港区码头开港运营"
    assert a.published == "2024-09-13 08:30"
    assert a.outlet == "镇江日报"
    assert (a.authors, a.editors) == (["王海"], ["周明"])
    # The first paragraph is not mistaken for a headline; chrome still goes.
    assert a.paragraphs == [
        "鎮江港區三期碼頭昨日開港運營，首年吞吐量目標三百萬噸。",
        "項目總投資18億元，帶動就業兩千人。",
    ]
    assert a.city == "镇江市"


def test_page_fields_without_title_fall_back_to_the_text() -> None:
    fields = PageFields(
        paragraphs=["临江码头开港", "本报讯 临江港区三期码头昨日开港运营，总投资18亿元。"]
    )
    a = parse_article("", fields=fields)
    assert a.title == "临江码头开港"
    assert a.paragraphs == ["本报讯 临江港区三期码头昨日开港运营，总投资18亿元。"]


def test_spam_injected_into_a_spider_title_is_flagged() -> None:
    fields = PageFields(
        title="港区码头开港运营_澳门新葡京官网",
        paragraphs=["港区三期码头昨日开港运营，总投资18亿元。"],
    )
    a = parse_article("", fields=fields)
    assert a.title == "港区码头开港运营"
    assert a.spam is True
    assert a.spam_lines == ["澳门新葡京官网"]
