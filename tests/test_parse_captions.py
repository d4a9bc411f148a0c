"""Photo captions: prose captions keep their news, label captions and credits go;
a headline glued to its date line is split back into title and date line.

Every page here is our own text, written in the shape of photo-news pages.
"""

from __future__ import annotations

import pytest

from pipelines.boilerplate import is_chrome, split_caption
from pipelines.metadata import headline_meta_cut
from pipelines.parse import parse_article
from pipelines.records import PageFields

PHOTO_PAGE = """江城新闻网 > 图片新闻

【图片新闻】江城港区项目建设忙

2025-06-12 08:30  来源：江城日报

[图1] 6月10日，位于江城港区的智能冷链物流中心项目主体结构顺利封顶。该项目总投资8.6亿元，建成后年周转能力达50万吨。本报记者 周明远 摄

图2：图为正在施工的江城大桥北接线工程。该工程去年3月开工，计划明年6月建成通车。记者 吴静 摄

【图】港区新能源电池材料项目车间内，工人正在调试生产线，项目已于5月底投产，年产正极材料2万吨。（通讯员 刘洋 摄）

资料图

顶图：项目集中开工现场

[图4] 开工仪式现场

工地一角。王磊摄

今年以来，江城港区38个重点项目累计完成投资96亿元，完成年度计划的52%。

【打印】 【关闭窗口】
"""


def test_prose_captions_keep_their_sentences() -> None:
    art = parse_article(PHOTO_PAGE)
    body = art.body_simplified
    assert "智能冷链物流中心项目主体结构顺利封顶。该项目总投资8.6亿元" in body
    assert "图为正在施工的江城大桥北接线工程。该工程去年3月开工，计划明年6月建成通车。" in body
    assert "项目已于5月底投产，年产正极材料2万吨。" in body
    assert "累计完成投资96亿元" in body


def test_caption_markers_and_credits_leave_the_body() -> None:
    art = parse_article(PHOTO_PAGE)
    for junk in ("[图1]", "图2：", "【图】", "摄", "周明远", "吴静", "刘洋", "通讯员"):
        assert junk not in art.body_simplified, junk
    assert art.paragraphs[0].startswith("6月10日，位于江城港区")


def test_label_captions_stay_dropped() -> None:
    art = parse_article(PHOTO_PAGE)
    for label in ("资料图", "项目集中开工现场", "开工仪式现场", "工地一角", "王磊"):
        assert label not in art.body_simplified, label


def test_photographers_become_authors() -> None:
    art = parse_article(PHOTO_PAGE)
    assert {"周明远", "吴静", "刘洋"} <= set(art.authors)


def test_photo_page_head_is_read() -> None:
    art = parse_article(PHOTO_PAGE)
    assert art.title == "【图片新闻】江城港区项目建设忙"
    assert art.published == "2025-06-12 08:30"
    assert art.outlet == "江城日报"


def test_traditional_caption_keeps_its_script() -> None:
    page = PHOTO_PAGE.replace(
        "[图1] 6月10日，位于江城港区的智能冷链物流中心项目主体结构顺利封顶。",
        "[圖1] 6月10日，位於江城港區的智能冷鏈物流中心項目主體結構順利封頂。",
    ).replace("本报记者 周明远 摄", "本報記者 周明遠 攝")
    art = parse_article(page)
    assert art.paragraphs[0].startswith(
        "6月10日，位於江城港區的智能冷鏈物流中心項目主體結構順利封頂。"
    )
    assert "攝" not in art.body
    assert "周明远" in art.authors


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        (
            "[图3] 5月8日，城东污水处理厂三期工程正式通水运行，日处理能力提升至20万吨。本报记者 陈立 摄",
            "5月8日，城东污水处理厂三期工程正式通水运行，日处理能力提升至20万吨。",
        ),
        (
            "图为新建成的市民文化中心，该中心将于下月向市民免费开放，可容纳三千人。（新华社记者 张伟 摄）",
            "图为新建成的市民文化中心，该中心将于下月向市民免费开放，可容纳三千人。",
        ),
        (
            "航拍的高铁新城片区，区内12个项目已全部开工建设，总投资超过百亿元。 李华/摄",
            "航拍的高铁新城片区，区内12个项目已全部开工建设，总投资超过百亿元。",
        ),
        (
            "开发区第二批重点项目集中签约，签约总额达到45亿元，涉及新材料等产业。摄影：赵宏",
            "开发区第二批重点项目集中签约，签约总额达到45亿元，涉及新材料等产业。",
        ),
        (
            "【组图】滨江公园改造工程进入收尾阶段，园内步道和照明设施已基本建成。图片来源：江城发布",
            "滨江公园改造工程进入收尾阶段，园内步道和照明设施已基本建成。",
        ),
    ],
)
def test_split_caption_keeps_prose(line: str, prose: str) -> None:
    found = split_caption(line)
    assert found is not None
    assert found[0] == prose


@pytest.mark.parametrize(
    "line",
    ["项目开工现场。记者王海摄", "[图2] 签约仪式现场", "（张丽 摄）", "图1：奠基仪式"],
)
def test_split_caption_without_prose_is_a_label(line: str) -> None:
    found = split_caption(line)
    assert found is not None
    assert found[0] == ""


@pytest.mark.parametrize(
    "line",
    [
        "项目建成后，将有效缓解城区交通拥堵，方便市民出行。",
        "图书馆新馆项目于今年3月开工，计划2026年底竣工。",
        "该项目由市城投集团负责建设和拍摄基地运营管理。",
    ],
)
def test_ordinary_paragraphs_are_no_captions(line: str) -> None:
    assert split_caption(line) is None


def test_short_numbered_caption_is_chrome() -> None:
    page = "港区项目建设快讯\n2025-06-12 来源：江城日报\n[图1] 签约仪式现场\n项目于6月10日开工建设，总投资3亿元，计划明年建成投产运营。\n"
    art = parse_article(page)
    assert "签约仪式现场" not in art.body
    assert "项目于6月10日开工建设" in art.body


@pytest.mark.parametrize(
    "line",
    ["江城新闻网 > 图片新闻", "江城市人民政府门户网站 » 政务动态", "首页 > 要闻"],
)
def test_one_step_breadcrumb_is_chrome(line: str) -> None:
    assert is_chrome(line)


def test_headline_with_arrow_is_not_a_breadcrumb() -> None:
    assert not is_chrome("港区吞吐量>300万吨 新码头投用")


# --- a headline glued to its date line ------------------------------------------

TAIL = (
    "6月10日，江城港区智能冷链物流中心项目主体结构顺利封顶，该项目总投资8.6亿元。\n"
    "今年以来，江城港区38个重点项目累计完成投资96亿元，完成年度计划的52%。\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "江城新闻网 > 图片新闻\n【图片新闻】江城港区项目建设忙 2025-06-12 08:30  来源：江城日报\n",
        "【图片新闻】江城港区项目建设忙 2025-06-12 08:30\n来源：江城日报\n",
        "【图片新闻】江城港区项目建设忙 发布时间：2025-06-12 08:30 来源：江城日报\n",
    ],
)
def test_headline_glued_to_date_line_is_split(head: str) -> None:
    art = parse_article(head + TAIL)
    assert art.title == "【图片新闻】江城港区项目建设忙"
    assert art.published == "2025-06-12 08:30"
    assert art.outlet == "江城日报"
    assert "2025-06-12" not in art.body
    assert art.paragraphs[0].startswith("6月10日")


def test_long_headline_glued_to_date_line_stays_out_of_body() -> None:
    title = "江城港区智能冷链物流中心等多个重大项目建设正酣工地一派繁忙"
    art = parse_article(f"{title} 2025-06-12 08:30 来源：江城日报\n" + TAIL)
    assert art.title == title
    assert art.published == "2025-06-12 08:30"
    assert title not in art.body


def test_spider_paragraph_repeating_headline_and_date_is_meta() -> None:
    title = "江城港区智能冷链物流中心等多个重大项目建设正酣工地一派繁忙"
    fields = PageFields(
        title=title,
        paragraphs=[f"{title} 2025-06-12 08:30 来源：江城日报", *TAIL.splitlines()],
    )
    art = parse_article("", fields=fields)
    assert art.published == "2025-06-12 08:30"
    assert art.outlet == "江城日报"
    assert title not in art.body


def test_department_before_date_under_a_headline_is_not_a_title() -> None:
    page = "港区冷链物流中心封顶\n江城港区管委会办公室 2025-06-12\n" + TAIL
    art = parse_article(page)
    assert art.title == "港区冷链物流中心封顶"
    assert art.published == "2025-06-12"


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        ("【图片新闻】江城港区项目建设忙 2025-06-12 08:30", True),
        ("江城日报 2025-06-12", False),
        ("发布时间：2025-06-12 来源：江城日报", False),
        ("6月10日，项目开工。2025-06-12", False),
    ],
)
def test_headline_meta_cut(line: str, cut: bool) -> None:
    assert (headline_meta_cut(line) is not None) is cut
