"""What may be a project's name: the rules of the second pass, each with names it rejects
and names it keeps.

The false names these rules keep out were read off text the extractor was not written
on ("到主厂房", "区里提出", "一半生产线", "厂房和公辅工程", "A地与B公司"). Every sentence
here is ours: invented projects in Jiangxi, Guangxi, Shaanxi and Yunnan.
"""

from __future__ import annotations

import pytest
from milestones_helpers import article_from_text

from pipelines.milestones import _is_good_name, extract_milestones, norm_name


def extract(text: str, published: str | None = "2024-11-05") -> list[dict]:
    ms, _ = extract_milestones(article_from_text(text, published))
    return [m.to_dict() for m in ms]


def names(ms: list[dict]) -> set[str]:
    return {m["project"] for m in ms}


def find(ms: list[dict], project: str, type_: str, status: str | None = None) -> dict | None:
    """The milestone of this type whose project is `project` (normalised, exact)."""
    for m in ms:
        if (
            m["type"] == type_
            and (status is None or m["status"] == status)
            and norm_name(m["project"]) == norm_name(project)
        ):
            return m
    return None


# --- the name check on its own ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        # verbs and function words that cannot be inside a name
        "到主厂房",
        "区里提出",
        "县里安排项目",
        "引进冲压",
        "老车间层高不足",
        "承重不够",
        "作为本次",
        "物流港将和赣江铁路一期",
        # a date is a clause's, not a name's
        "6月18日项目",
        # counts and shares of generic things
        "一半生产线",
        "部分涂装生产线",
        "第二条电池舱生产线",
        "其余生产线",
        "6条生产线",
        # measures open a description of what is built
        "10兆瓦屋顶光伏电站",
        # only generic building words
        "数据中心机房",
        "改造工程",
        "二期自建厂房",
        "综合楼",
        # 和/及/与 joining generic things
        "厂房和公辅工程",
        "数据中心和中试厂房",
        "研发办公楼和人才公寓",
        "线及研发中心",
        "风电轴承和工程",
        "冰雪经济和创意设计产业项目",
    ],
)
def test_names_rejected(name):
    assert not _is_good_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "将乐县竹木精深加工产业园项目",  # 将 of a place name
        "赣州京东到家智慧物流中心",  # 到 inside a brand
        "南昌星汉数据中心项目",  # a generic head after a brand
        "赣锋锂电研发中心",
        "柳工装载机智能制造项目及配套工程",  # a name, then its generic works
        "桂林光隆光伏支架及边框项目",  # 及 between two product words of one name
        "10兆瓦屋顶光伏电站项目",  # a measure, but the text made it a project
        "陕汽重卡新能源整车基地项目",
        "宜宾凯翼汽车零部件产业园二期",
    ],
)
def test_names_kept(name):
    assert _is_good_name(name)


# --- the rules in articles --------------------------------------------------------------


def test_signing_pair_gives_the_named_project_never_a_and_b():
    ms = extract(
        "5月9日，赣州经开区与江西锐思新能源科技有限公司签署投资协议，"
        "锐思固态电池项目正式落户赣州经开区。项目总投资12亿元。"
    )
    assert find(ms, "锐思固态电池项目", "signed", "done")
    assert not any("与" in n for n in names(ms)), names(ms)
    assert not any("有限公司" in n for n in names(ms)), names(ms)


def test_signing_pair_without_a_project_gives_the_company():
    ms = extract("6月2日，南宁市江南区与广西桂联食品有限公司签订投资协议。")
    assert names(ms) == {"广西桂联食品有限公司"}
    assert find(ms, "广西桂联食品有限公司", "signed", "done")


def test_a_building_named_with_its_project_keeps_the_rest_on_the_project():
    ms = extract(
        "11月4日，宝鸡钛谷精密锻件项目一期主厂房主体结构封顶。"
        "宝鸡钛谷精密锻件项目总投资18亿元，今年3月签约，7月12日取得施工许可证后开工建设。"
        "项目预计明年9月竣工。"
    )
    assert find(ms, "宝鸡钛谷精密锻件项目一期主厂房", "topped_out", "done")
    for type_ in ("signed", "approved", "started"):
        m = find(ms, "宝鸡钛谷精密锻件项目", type_, "done")
        assert m, type_
        assert m["investment_cny"] == 1_800_000_000
    # "…后开工建设" with a past date happened, dated with the permit
    assert find(ms, "宝鸡钛谷精密锻件项目", "started", "done")["date"] == "2024-07-12"
    assert find(ms, "宝鸡钛谷精密锻件项目", "completed", "planned")["date"] == "2025-09"


def test_a_phase_and_a_generic_building_is_that_phase_of_the_project_in_focus():
    ms = extract(
        "3月24日，弥勒甘蔗精深加工产业园项目全面复工。"
        "该项目去年4月破土动工，一期主厂房去年11月主体结构封顶。"
        "二期功能糖生产线拟于明年开工。",
        published="2025-03-25",
    )
    assert find(ms, "弥勒甘蔗精深加工产业园项目一期", "topped_out", "done")["date"] == "2024-11"
    assert find(ms, "弥勒甘蔗精深加工产业园项目二期", "started", "planned")["date"] == "2026"
    assert not any(n.startswith(("一期", "二期")) for n in names(ms)), names(ms)


def test_quantified_lines_are_not_projects_and_the_project_keeps_the_focus():
    ms = extract(
        "4月21日，玉林华晟铝型材项目投产。"
        "目前已有一半生产线满负荷运行，其余生产线计划6月全部投产。",
        published="2025-04-22",
    )
    assert names(ms) == {"玉林华晟铝型材项目"}
    assert find(ms, "玉林华晟铝型材项目", "operating", "planned")["date"] == "2025-06"


def test_generic_works_before_a_trigger_do_not_take_the_focus():
    ms = extract(
        "8月28日，宝鸡钛谷高端棒材项目进入试生产阶段。"
        "项目建设真空熔炼和精整生产线，产品主要用于航空发动机、医疗器械和海洋工程。"
        "项目于去年4月开工。",
        published="2024-08-29",
    )
    assert names(ms) == {"宝鸡钛谷高端棒材项目"}
    assert find(ms, "宝鸡钛谷高端棒材项目", "started", "done")["date"] == "2023-04"


def test_a_slogan_of_stages_is_no_milestone_but_a_single_start_is():
    ms = extract("今年区里提出“签约即服务、拿地即开工、竣工即投产”。")
    assert ms == []
    ms = extract("9月3日，曲靖麒麟储能电池项目领证即开工。")
    assert find(ms, "曲靖麒麟储能电池项目", "started", "done")


def test_a_list_after_a_verb_of_buying_is_equipment():
    ms = extract("3月14日，九江星河电池结构件项目签约，将引进冲压、激光焊接等自动化生产线24条。")
    assert names(ms) == {"九江星河电池结构件项目"}


def test_places_and_categories_are_not_projects():
    ms = extract(
        "4月23日，弥勒甘蔗精深加工产业园项目破土动工。"
        "这是弥勒市今年开工的投资规模最大的农产品加工项目。"
        "项目正式落户弥勒高新区电子信息产业园。"
        "今年以来全市新签约新能源汽车零部件项目14个。"
        "目前已有26家企业与园区签订了入驻协议。",
        published="2024-04-24",
    )
    assert names(ms) == {"弥勒甘蔗精深加工产业园项目"}, names(ms)


def test_a_head_inside_a_longer_noun_is_no_name():
    ms = extract(
        "10月16日，柳州精工轴承项目竣工投产。"
        "项目主要生产风电主轴轴承、轨道交通轴承和工程机械回转支承。项目于去年6月开工建设。",
        published="2024-10-17",
    )
    assert names(ms) == {"柳州精工轴承项目"}
    assert find(ms, "柳州精工轴承项目", "started", "done")["date"] == "2023-06"


def test_a_role_clause_points_to_the_project_after_it():
    ms = extract(
        "4月17日，汉中二季度重大项目集中开工仪式在汉中航空智造项目现场举行。"
        "作为本次开工的“领头羊”，汉中航空复材构件项目总投资22亿元。",
        published="2024-04-18",
    )
    assert find(ms, "汉中航空复材构件项目", "started", "done")
    assert not any("作为" in n for n in names(ms))


def test_a_building_and_its_project_reported_topped_out_once():
    ms = extract(
        "9月2日，文山恒膜锂电隔膜项目主厂房主体结构顺利封顶。"
        "项目于今年1月开工，目前主厂房已完成封顶，涂覆车间正在进行钢结构吊装。",
        published="2024-09-03",
    )
    tops = [m for m in ms if m["type"] == "topped_out"]
    assert len(tops) == 1, tops
    assert find(ms, "文山恒膜锂电隔膜项目", "started", "done")["date"] == "2024-01"


def test_a_company_taking_permits_acts_for_the_project_it_names_next():
    ms = extract(
        "8月19日，云南滇味坊食品有限公司一次性领取了不动产权证书和施工许可证，"
        "滇味坊预制菜加工项目当天开工建设。",
        published="2024-08-20",
    )
    assert names(ms) == {"滇味坊预制菜加工项目"}
    assert find(ms, "滇味坊预制菜加工项目", "approved", "done")["date"] == "2024-08-19"
    assert find(ms, "滇味坊预制菜加工项目", "started", "done")["date"] == "2024-08-19"


def test_a_pointing_phrase_with_a_modifier_and_a_start_right_after_a_permit():
    ms = extract(
        "3月19日，九江星河电池结构件项目厂房封顶。"
        "这个总投资15亿元的项目去年3月签约，9月26日取得施工许可证后当天开工。",
        published="2025-03-20",
    )
    assert find(ms, "九江星河电池结构件项目", "signed", "done")["date"] == "2024-03"
    assert find(ms, "九江星河电池结构件项目", "started", "done")["date"] == "2024-09-26"


def test_conditions_wishes_and_future_parts_of_the_year_are_not_done():
    ms = extract(
        "近日，平顶山盐穴储能示范项目取得环评批复，为项目下半年开工建设扫清了障碍。"
        "项目全部建成达产后，年发电量约4.2亿千瓦时。"
        "“现在就等新厂投产。”公司负责人说。",
        published="2024-05-28",
    )
    assert not any(m["status"] == "done" and m["type"] != "approved" for m in ms), ms
    assert find(ms, "平顶山盐穴储能示范项目", "started", "planned")
    assert not [m for m in ms if m["type"] in ("completed", "operating")]


def test_a_count_after_the_trigger_does_not_hide_the_project_in_focus():
    ms = extract(
        "11月13日，延安能源材料中试基地项目开工建设。"
        "延安能源材料中试基地由新区投资集团建设，总投资4.6亿元，将建设中试厂房和危化品仓库。"
        "项目计划明年10月完工，建成后可同时承接中试项目20个。",
        published="2024-11-14",
    )
    assert find(ms, "延安能源材料中试基地项目", "completed", "planned")["date"] == "2025-10"
    assert not any(n.startswith("建设") for n in names(ms)), names(ms)


def test_events_listed_after_a_colon_share_the_day():
    ms = extract(
        "11月13日，新区迎来两个项目节点：延安能源材料中试基地项目开工建设，"
        "榆林光电产业园项目主体结构封顶。",
        published="2024-11-14",
    )
    assert find(ms, "延安能源材料中试基地项目", "started", "done")["date"] == "2024-11-13"
    assert find(ms, "榆林光电产业园项目", "topped_out", "done")["date"] == "2024-11-13"


def test_the_place_and_settling_rules_keep_real_names():
    # "从化" is a district, not the preposition 从
    assert _is_good_name("从化温泉康养小镇项目")
    # "新落户A、B等项目": a list of projects after 落户
    ms = extract("今年以来，南宁经开区新落户桂柳重工、凯盛玻璃、南宁华星智造等项目12个。")
    assert {"桂柳重工", "凯盛玻璃", "南宁华星智造"} <= names(ms), names(ms)
    # a long name after "是…的" is still a name
    ms = extract("10月9日开工的是今年全市投资最大的赣州锐思固态电池正极材料一体化项目。")
    assert find(ms, "赣州锐思固态电池正极材料一体化项目", "started", "done")
