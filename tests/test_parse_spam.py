"""Injected SEO/porn/gambling junk is found by vocabulary and shape, not by literal lines."""

from __future__ import annotations

import pytest

from pipelines.parse import parse_article
from pipelines.script import to_simplified
from pipelines.spam import split_spam


def split(line: str) -> tuple[str | None, str | None]:
    return split_spam(line, to_simplified(line))


@pytest.mark.parametrize(
    "line",
    [
        "澳门新葡京官网_真人百家乐开户_体育投注app下载",
        "日本一本道高清无码,国产精品自拍偷拍,免费在线观看",
        "太陽城集團線上娛樂|時時彩平台|註冊送彩金",  # Traditional script
        "欧美日韩在线观看视频_亚洲国产高清免费视频_午夜福利影院",
        "【澳门葡京】官方网站 www.example.com 注册即送88元",
        "bet365体育在线投注 | 皇冠足球比分 | 北京赛车pk10",  # a clean word amid junk goes too
    ],
)
def test_spam_salad_line_is_dropped_whole(line: str) -> None:
    kept, junk = split(line)
    assert kept is None
    assert junk == line


def test_spam_brand_phrase_is_cut_from_a_headline() -> None:
    kept, junk = split("鹽城港區煤炭碼頭二期工程順利完工_威尼斯人線上娛樂平台")
    assert kept == "鹽城港區煤炭碼頭二期工程順利完工"
    assert junk == "威尼斯人線上娛樂平台"


def test_weak_words_beside_a_strong_segment_are_cut_from_a_headline() -> None:
    assert split("江城项目开工-亚洲AV_国产精品") == ("江城项目开工", "亚洲AV 国产精品")


def test_spam_brand_phrase_is_cut_from_inside_a_sentence() -> None:
    kept, junk = split("本站僅提供技術皇冠線上娛樂平台的服務支持，文字版權歸屬發布媒體。")
    assert kept == "本站僅提供技術的服務支持，文字版權歸屬發布媒體。"
    assert junk == "皇冠線上娛樂平台"


@pytest.mark.parametrize(
    "line",
    [
        "警方捣毁一个跨境赌博团伙，查获赌场设备一批，涉案百家乐赌资达数百万元。",
        "亚洲最大的在线视频平台落户合肥",
        "市文化馆打造免费在线观看的高清视频平台。",
        "皇冠假日酒店项目主体结构封顶",
        "金沙江白鹤滩水电站全面投产发电",
        "首页 新闻中心 要闻",
    ],
)
def test_spam_detector_leaves_normal_news_alone(line: str) -> None:
    assert split(line) == (line, None)


def test_spam_in_a_page_sets_the_flag_and_keeps_the_evidence() -> None:
    page = (
        "久久精品国产,人妻无码专区,AV在线观看\n"
        "滨江新城综合管廊工程开工\n"
        "2025-04-02 08:30 来源:滨江日报\n"
        "本报讯 4月1日，滨江新城综合管廊工程正式开工，项目总投资12亿元，计划2027年建成。\n"
    )
    a = parse_article(page)
    assert a.spam is True
    assert a.spam_lines == ["久久精品国产,人妻无码专区,AV在线观看"]
    assert a.title == "滨江新城综合管廊工程开工"
    assert "无码" not in a.body


def test_clean_page_is_not_flagged() -> None:
    a = parse_article(
        "开发区重点项目集中签约\n本报讯 昨日，开发区8个重点项目集中签约，总投资56亿元。\n"
    )
    assert a.spam is False
    assert a.spam_lines == []
