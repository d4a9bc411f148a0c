"""Title, date, outlet and bylines read from the head of a page (text we wrote)."""

from __future__ import annotations

import pytest

from pipelines.dates import find_printed_date
from pipelines.metadata import lead_outlet
from pipelines.parse import parse_article


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024-08-24 10:05 来源:江城日报", "2024-08-24 10:05"),
        ("发稿时间:2024-10-24 09:03", "2024-10-24 09:03"),
        ("2019-04-22 09:55:23|来源:北方日报", "2019-04-22 09:55:23"),
        ("13.02.2017  15:04", "2017-02-13 15:04"),
        ("2024年09月13日", "2024-09-13"),
        ("2021年3月5日 8:19", "2021-03-05 08:19"),
        ("发表于 2023-10-27 08:10:55 | 显示全部楼层", "2023-10-27 08:10:55"),
        ("2023/7/1", "2023-07-01"),
    ],
)
def test_date_is_read_as_printed(line: str, expected: str) -> None:
    found = find_printed_date(line)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("金山网讯 8月23日上午，", "金山网"),
        ("【江城网讯】（记者 李明）5月8日上午，", "江城网"),
        ("北方晚报5月25日讯 今日，", "北方晚报"),
        ("河西日报讯：7月12日上午，", "河西日报"),
        ("今日临江讯（王一 李二）总投资", "今日临江"),
        ("江城商报、江城财经网(m.example.cn)、掌上江城讯 今年以来", "江城商报"),
        ("新华社南宁5月25日电 记者", "新华社"),
        ("中新网兰州3月2日电（记者 李四）", "中新网"),
    ],
)
def test_lead_names_the_outlet(lead: str, outlet: str) -> None:
    assert lead_outlet(lead)[0] == outlet


@pytest.mark.parametrize("text", ["本报讯 记者", "科技资讯 今天", "通讯员 张三"])
def test_lead_without_an_outlet_name(text: str) -> None:
    assert lead_outlet(text)[0] is None


def test_source_label_beats_the_lead() -> None:
    page = (
        "港区码头扩建工程开工\n"
        "2025-05-06 09:00 来源：江城日报\n"
        "临江网讯 5月5日，港区码头扩建工程开工，总投资9亿元，计划2027年建成投运。\n"
    )
    assert parse_article(page).outlet == "江城日报"


def test_outlet_from_a_date_line_word() -> None:
    page = (
        "分享\n"
        "园区二期厂房封顶\n"
        "江城日报  2022-07-15 09:03:26\n"
        "园区二期厂房昨日封顶，项目总投资6亿元，预计明年投产，达产后年产值10亿元。\n"
    )
    a = parse_article(page)
    assert (a.title, a.published, a.outlet) == (
        "园区二期厂房封顶",
        "2022-07-15 09:03:26",
        "江城日报",
    )


def test_no_date_on_the_page_means_no_published_even_with_dates_in_the_text() -> None:
    page = (
        "新区重大项目签约\n"
        "8月31日，新区举办重大项目签约活动，现场签约30个项目，总投资256亿元。2025年9月起陆续开工。\n"
    )
    a = parse_article(page)
    assert a.published is None
    assert a.title == "新区重大项目签约"


def test_page_without_a_headline_has_no_title() -> None:
    page = (
        "近日，记者从市发改委获悉，全市86个省重点项目完成年度计划投资的64.4%，提前实现“双过半”。\n"
    )
    a = parse_article(page)
    assert a.title is None
    assert a.paragraphs == [page.strip()]


def test_newspaper_page_prints_the_date_above_the_headline() -> None:
    page = (
        "第二版：要闻\n"
        "2024年09月13日\n"
        "物流港一期仓库全面封顶\n"
        "江城经济报讯（记者 王海）9月12日，物流港一期仓库迎来全面封顶，为年底完工打下基础。\n"
    )
    a = parse_article(page)
    assert (a.title, a.published, a.outlet, a.authors) == (
        "物流港一期仓库全面封顶",
        "2024-09-13",
        "江城经济报",
        ["王海"],
    )


def test_kicker_above_the_headline_is_not_the_title() -> None:
    page = (
        "我的位置：首页 > 产业\n"
        "“开门红”系列报道——\n"
        "高新区三个产业园同日开工\n"
        "来源：江城发布 2026-02-02 17:41:46 作者：吴一 编辑：赵二 责任编辑：高三\n"
        "开局关乎全局。新年伊始，高新区三个产业园同日开工，总投资52亿元，预计2027年投用。\n"
    )
    a = parse_article(page)
    assert a.title == "高新区三个产业园同日开工"
    assert a.outlet == "江城发布"
    assert a.editors == ["赵二", "高三"]
    assert "开门红" not in a.body


def test_forum_category_tag_is_stripped_from_the_title() -> None:
    page = (
        "找回密码\n"
        "[政务动态] 冲刺四季度 | 滨江镇：项目建设忙\n"
        "[复制链接]\n"
        "发表于 2023-10-27 08:10:55 | 显示全部楼层 |阅读模式\n"
        "今日滨江讯（王一 李二）总投资96亿元的抽水蓄能电站项目超额完成年度投资任务，预计年底投运。\n"
    )
    a = parse_article(page)
    assert a.title == "冲刺四季度 | 滨江镇：项目建设忙"
    assert a.published == "2023-10-27 08:10:55"
    assert a.outlet == "今日滨江"
    assert a.authors == ["王一", "李二"]


def test_site_and_channel_names_glued_to_the_headline_are_dropped() -> None:
    page = (
        "江城市人民政府门户网站\n"
        "江城港区码头开工_江城要闻_江城市人民政府门户网站\n"
        "发布时间：2024-03-05 10:12 信息来源：江城日报 作者：李华\n"
        "3月4日，总投资36亿元的港区码头开工建设，项目建成后年吞吐能力将达到500万吨。\n"
    )
    a = parse_article(page)
    assert (a.title, a.outlet, a.authors) == ("江城港区码头开工", "江城日报", ["李华"])


def test_credit_at_the_end_of_the_article_names_the_outlet() -> None:
    page = (
        "近日，位于新区的智能制造产业园项目竣工投产，项目总投资18亿元，达产后年产值30亿元。\n"
        "该项目由某科技公司投资建设。（来源：江城日报）\n"
    )
    assert parse_article(page).outlet == "江城日报"


def test_reported_by_opening_names_the_outlet() -> None:
    page = "据江城日报报道，近日，新区智能制造产业园项目竣工投产，项目总投资18亿元。\n"
    assert parse_article(page).outlet == "江城日报"


def test_byline_only_line_becomes_authors() -> None:
    page = (
        "新区产业园竣工\n"
        "本报讯 新区产业园项目近日竣工，总投资18亿元，达产后年产值30亿元，带动就业两千人。\n"
        "（记者 王海 实习生 李雪 文/图）\n"
        "【纠错】 【责任编辑：周明】\n"
    )
    a = parse_article(page)
    assert a.authors == ["王海", "李雪"]
    assert a.editors == ["周明"]
    assert a.paragraphs == [
        "本报讯 新区产业园项目近日竣工，总投资18亿元，达产后年产值30亿元，带动就业两千人。"
    ]


def test_date_printed_under_the_article_is_the_published_date() -> None:
    page = (
        "新区数字经济产业园签约\n"
        "管委会与某科技集团签署协议，总投资30亿元的数字经济产业园项目正式落户新区。\n"
        "2023年08月15日\n"
    )
    assert parse_article(page).published == "2023-08-15"


def test_site_banner_above_the_headline_is_skipped_without_a_date_line() -> None:
    page = (
        "大宗商品涨跌榜-生意社\n"
        "本社首页 > 商品动态 > 正文\n"
        "江城重大项目提前集中开工\n"
        "3月18日，江城市重大项目春季集中开工仪式举行，此次集中开复工项目332个，总投资超2300亿元。\n"
    )
    a = parse_article(page)
    assert a.title == "江城重大项目提前集中开工"
    assert len(a.paragraphs) == 1


def test_subtitle_between_headline_and_date_line_is_skipped() -> None:
    page = (
        "奋力冲刺四季度\n"
        "——江城市重点项目建设综述\n"
        "2024-10-08 来源：江城日报\n"
        "今年以来，江城市重点项目建设持续提速，前三季度完成投资612亿元，占年度计划的78.5%。\n"
    )
    a = parse_article(page)
    assert (a.title, a.published, a.outlet) == ("奋力冲刺四季度", "2024-10-08", "江城日报")


def test_infographic_labels_are_not_a_headline() -> None:
    page = (
        "量\n"
        "1-10月全市新签约招商项目252个\n"
        "江城新闻网讯 投资106亿元的增程器研发及生产基地项目今年8月正式签约落户，一期规划20万台。\n"
    )
    a = parse_article(page)
    assert a.title is None
    assert a.outlet == "江城新闻网"
