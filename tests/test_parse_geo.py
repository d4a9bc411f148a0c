"""The prefecture-level city an article is about, from weighted place-name votes."""

from __future__ import annotations

import pytest

from pipelines.geo import find_city
from pipelines.parse import parse_article


@pytest.mark.parametrize(
    ("title", "paragraphs", "city"),
    [
        (None, ["安徽居巢经开区坚持把项目建设作为第一引擎。"], "合肥市"),  # a development zone
        (
            "句容边城镇项目建设忙",
            ["边城镇今年共有10个重点项目。"],
            "镇江市",
        ),  # a county-level city's short name
        (None, ["7月12日，11个项目在舞阳县集中开工。"], "漯河市"),  # a county
        (None, ["飞鹤乳业智慧产业园项目落户双城区。"], "哈尔滨市"),  # a district
        (
            "德阳国际物流港项目封顶",
            ["项目助推成都德阳同城化发展。"],
            "德阳市",
        ),  # the title weighs more
        (
            None,
            ["融入郑州都市圈发展。", "制订《漯河市重点项目建设指南》。"],
            "漯河市",
        ),  # a region anchor weighs less
        (None, ["吉林省长春市新区项目开工。"], "长春市"),  # 吉林省 is the province, not 吉林市
        (
            None,
            ["北京市朝阳区项目签约。"],
            "北京市",
        ),  # 朝阳区 is in several cities: no vote for 朝阳市
        (
            None,
            ["长兴岛经济技术开发区项目投产。", "大连市发改委表示。"],
            "大连市",
        ),  # 长兴岛 is not 长兴县
        (None, ["基地和出海口雏形初现。", "江城项目推进。"], None),  # 出海口 is not 海口
        (None, ["没有地名的一段话。"], None),
    ],
)
def test_city_vote(title: str | None, paragraphs: list[str], city: str | None) -> None:
    assert find_city(title, paragraphs) == city


def test_outlet_name_does_not_vote_for_a_place() -> None:
    # 金山 is also a district of Shanghai; 金山网 is Zhenjiang's news site.
    page = "京口区重点项目完成全年投资\n金山网讯 京口区14个重点项目完成投资44亿元，完成年计划的100.1%。\n"
    assert parse_article(page).city == "镇江市"


def test_traditional_script_city_is_simplified() -> None:
    page = "鎮江經開區重點項目開工\n本報訊 鎮江經開區4個省重大項目已開工建設，總投資32億元。\n"
    assert parse_article(page).city == "镇江市"


def test_province_wide_story_naming_cities_alike_has_no_city() -> None:
    paragraphs = ["河南省第三期重大项目集中开工，郑州、洛阳、南阳等地设立分会场。"]
    assert find_city("河南省重大项目集中开工", paragraphs) is None


def test_everyday_word_inside_a_company_name_is_no_city() -> None:
    # 京东方 holds 东方 (东方市, Hainan); only 东方市 with its 市 votes.
    assert find_city(None, ["绵阳引进京东方等龙头企业。"]) == "绵阳市"
