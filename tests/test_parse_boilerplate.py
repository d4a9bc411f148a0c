"""Page chrome, captions, editor lines and footers leave the body; the article stays."""

from __future__ import annotations

import pytest

from pipelines.boilerplate import is_chrome
from pipelines.parse import parse_article
from pipelines.script import to_simplified


@pytest.mark.parametrize(
    "line",
    [
        "您现在的位置：首页 > 新闻中心 > 县区动态",
        "首頁 新聞中心 本地新聞 - 要聞",
        "網站首頁 | 關於我們 | 聯繫方式 | 網站地圖",
        "【打印本页】【关闭窗口】",
        "返回顶部",
        "上一篇：新区举办人才招聘会 下一篇：港区码头改造启动",
        "浏览次数：2381",
        "_DSC0012_副本",
        "IMG_2031.jpg",
        "项目开工现场。记者王海摄",
        "新建厂房已封顶（李明 摄）",
        "顶图：开工仪式现场",
        "第三版：经济",
        "查看: 1203|回复: 7",
        "1536",
    ],
)
def test_chrome_lines_are_recognised(line: str) -> None:
    assert is_chrome(to_simplified(line))


@pytest.mark.parametrize(
    "line",
    [
        "港区三期码头开港运营 首年吞吐量目标300万吨",
        "项目摄影展在市文化馆开幕。",
        "开局即决战 | 新区：项目建设酣",
        "量",
    ],
)
def test_article_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(to_simplified(line))


PAGE = """首页 > 新闻中心 > 本地要闻
滨海新区重点项目集中开工
发布时间：2025-03-18 10:20  来源：滨海日报  作者：周明
【字体：大 中 小】
本报讯（记者 周明 通讯员 陈立）3月17日，滨海新区12个重点项目集中开工，总投资86亿元。
开工现场。记者周明摄
据介绍，此次开工的项目涵盖新材料、装备制造和城市更新等领域，预计年底前有5个项目竣工。
（责任编辑：刘洋）
版权所有：滨海日报社 未经授权不得转载
联系电话：0000-12345678
网站首页 | 关于我们 | 联系我们
"""


def test_page_furniture_leaves_the_body_and_metadata_is_read() -> None:
    a = parse_article(PAGE)
    assert a.title == "滨海新区重点项目集中开工"
    assert a.published == "2025-03-18 10:20"
    assert a.outlet == "滨海日报"
    assert a.paragraphs == [
        "本报讯（记者 周明 通讯员 陈立）3月17日，滨海新区12个重点项目集中开工，总投资86亿元。",
        "据介绍，此次开工的项目涵盖新材料、装备制造和城市更新等领域，预计年底前有5个项目竣工。",
    ]
    assert a.authors == ["周明", "陈立"]
    assert a.editors == ["刘洋"]


def test_disclaimer_block_is_cut_with_everything_after_it() -> None:
    page = (
        "新区签约8个项目\n"
        "本报讯 新区昨日签约8个项目，协议投资总额42亿元，涉及智能制造和现代物流。\n"
        "免责声明：本网转载自其它媒体的文章，目的在于传递更多信息。\n"
        "推荐阅读\n"
        "园区规划调整公示\n"
    )
    a = parse_article(page)
    assert a.paragraphs == [
        "本报讯 新区昨日签约8个项目，协议投资总额42亿元，涉及智能制造和现代物流。"
    ]


def test_summary_that_repeats_the_lead_is_dropped() -> None:
    page = (
        "园区污水厂投运\n"
        "摘要：近日，园区污水处理厂正式投运，日处理能力5万吨。\n"
        "近日，园区污水处理厂正式投运，日处理能力5万吨，总投资3.2亿元。\n"
    )
    assert parse_article(page).paragraphs == [
        "近日，园区污水处理厂正式投运，日处理能力5万吨，总投资3.2亿元。"
    ]
