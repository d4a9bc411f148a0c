"""Milestone extraction, one phenomenon per test, on text written for these tests.

The sentences are ours (invented projects in provinces outside the dev set);
each test names the behaviour it pins down.
"""

from __future__ import annotations

import os

import pytest
from milestones_helpers import article_from_text

from pipelines.milestones import extract_milestones, norm_name
from pipelines.records import Article


def extract(text: str, published: str | None = "2024-10-24") -> list[dict]:
    ms, _ = extract_milestones(article_from_text(text, published))
    return [m.to_dict() for m in ms]


def find(ms: list[dict], project: str, type_: str, status: str | None = None) -> dict | None:
    """The milestone whose project names `project` (normalised containment), of this type."""
    key = norm_name(project)
    for m in ms:
        if m["type"] == type_ and (status is None or m["status"] == status):
            n = norm_name(m["project"])
            if key == n or (key in n and len(key) >= 0.5 * len(n)) or (n in key and len(n) >= 3):
                return m
    return None


def kinds(ms: list[dict]) -> set[tuple[str, str, str]]:
    return {(norm_name(m["project"]), m["type"], m["status"]) for m in ms}


# --- lists ---------------------------------------------------------------------------


def test_list_gives_one_milestone_per_named_item():
    ms = extract(
        "今年以来，株洲高新区新开工华锐轴承、湘江电机、联诚精密等高端装备制造项目6个，"
        "另有3个项目正在办理前期手续。"
    )
    for name in ("华锐轴承", "湘江电机", "联诚精密"):
        assert find(ms, name, "started", "done"), name
    assert len(ms) == 3  # the count "6个" and the 3 pending projects add nothing


def test_list_with_compound_trigger_gives_completed_and_operating():
    ms = extract("1—9月，推动宏达新材、金鹰纺织、瑞丰食品等5个项目竣工投产。")
    for name in ("宏达新材", "金鹰纺织", "瑞丰食品"):
        assert find(ms, name, "completed", "done")
        assert find(ms, name, "operating", "done")


def test_list_announced_in_the_clause_before():
    ms = extract(
        "9月12日，岭南新区重点项目集中签约活动举行。签约项目包括：珠江智慧物流港、"
        "南粤生物医药产业园、湾区新材料研发中心等。",
        "2024-09-13",
    )
    for name in ("珠江智慧物流港", "南粤生物医药产业园", "湾区新材料研发中心"):
        m = find(ms, name, "signed", "done")
        assert m and m["date"] == "2024-09-12"


def test_list_item_after_qi_zhong_continues_the_sentence_before():
    ms = extract(
        "当天集中开工的32个项目中，产业项目占七成；其中，北港储能电池基地项目、"
        "西江港口物流园项目等一批项目投资规模较大。",
        "2024-04-18",
    )
    assert find(ms, "北港储能电池基地项目", "started", "done")
    assert find(ms, "西江港口物流园项目", "started", "done")


def test_two_projects_joined_by_he_share_the_predicate():
    ms = extract("总投资20亿元的东湖光电产业园项目和投资6亿元的西岭冷链中心项目将于下月开工。")
    a = find(ms, "东湖光电产业园项目", "started", "planned")
    b = find(ms, "西岭冷链中心项目", "started", "planned")
    assert a and b
    assert a["investment_cny"] == 2_000_000_000
    assert b["investment_cny"] == 600_000_000
    assert a["date"] == "2024-11"


def test_enumeration_of_chores_is_not_a_list_of_projects():
    ms = extract("工作人员完成资料收集、系统录入、现场踏勘等工作，使项目快速取得施工许可证。")
    assert ms == []


# --- names ---------------------------------------------------------------------------


def test_abbreviation_defined_in_the_text_resolves_to_the_full_name():
    ms = extract(
        "记者获悉，滇中新区锂电池隔膜生产基地项目（以下简称“隔膜项目”）已取得施工许可证。"
        "目前，隔膜项目已完成桩基施工，预计12月主体结构封顶。"
    )
    assert find(ms, "滇中新区锂电池隔膜生产基地项目", "approved", "done")
    m = find(ms, "滇中新区锂电池隔膜生产基地项目", "topped_out", "planned")
    assert m and m["date"] == "2024-12"
    assert all(m["project"] != "隔膜项目" for m in ms)


def test_name_boundary_stops_at_the_verb_and_the_modifier():
    ms = extract(
        "6月18日，总投资25亿元的宁远新能源电池基地项目在临沂经开区开工奠基。", "2024-06-20"
    )
    (m,) = ms
    assert m["project"] == "宁远新能源电池基地项目"
    assert (m["type"], m["status"], m["date"]) == ("started", "done", "2024-06-18")
    assert m["investment_cny"] == 2_500_000_000


def test_relative_clause_project_after_the_trigger():
    ms = extract("即将进场施工的民生重点项目银川第二人民医院新院区项目，计划总投资9亿元。")
    m = find(ms, "银川第二人民医院新院区项目", "started", "planned")
    assert m and m["investment_cny"] == 900_000_000


def test_named_phase_is_a_project_of_its_own():
    ms = extract(
        "开工建设的汉江半导体封测产业园项目，总投资40亿元，一期建设预计2026年实现满产，"
        "二期建设预计2028年实现满产。"
    )
    one = find(ms, "汉江半导体封测产业园项目一期", "operating", "planned")
    two = find(ms, "汉江半导体封测产业园项目二期", "operating", "planned")
    assert one and one["date"] == "2026"
    assert two and two["date"] == "2028"
    assert one["investment_cny"] == 4_000_000_000  # a phase takes its project's total


def test_what_a_project_builds_is_not_a_project():
    ms = extract("该项目总投资15亿元，规划建设电机、电控两条生产线，计划明年5月投产。")
    assert all("生产线" not in m["project"] for m in ms)


def test_anaphora_resolves_to_the_project_in_focus():
    ms = extract(
        "在南宁五象新区，东盟跨境电商产业园项目现场塔吊林立。项目于今年3月开工建设，"
        "目前主体结构已完成六成，计划年底全面竣工。"
    )
    started = find(ms, "东盟跨境电商产业园项目", "started", "done")
    assert started and started["date"] == "2024-03"
    assert find(ms, "东盟跨境电商产业园项目", "completed", "planned")


def test_quote_attributed_afterwards_belongs_to_the_speakers_project():
    ms = extract("“审批服务很高效，使项目快速取得施工许可证。”柳州汽车轻量化零部件项目负责人说。")
    assert find(ms, "柳州汽车轻量化零部件项目", "approved", "done")


# --- status and dates -------------------------------------------------------------------


def test_planned_and_done_in_one_sentence():
    ms = extract("哈东智能装备产业园项目已经竣工，预计12月投产。")
    done = find(ms, "哈东智能装备产业园项目", "completed", "done")
    plan = find(ms, "哈东智能装备产业园项目", "operating", "planned")
    assert done and plan and plan["date"] == "2024-12"


def test_condition_is_not_a_milestone_but_a_dated_plan_is():
    assert extract("项目建成后，将成为西北最大的冷链物流基地。") == []
    ms = extract("遵义职教城二期项目总投资12亿元，2026年9月建成后可容纳学生1万人。")
    m = find(ms, "遵义职教城二期项目", "completed", "planned")
    assert m and m["date"] == "2026-09"


def test_same_type_reported_twice_keeps_the_latest_date():
    ms = extract(
        "7月17日，瓯江口新材料产业园项目获得土地批文；8月23日，瓯江口新材料产业园项目"
        "取得施工许可证。",
        "2024-08-24",
    )
    approved = [m for m in ms if m["type"] == "approved"]
    assert len(approved) == 1
    assert approved[0]["date"] == "2024-08-23"


def test_same_day_words_take_the_event_date():
    ms = extract(
        "3月18日，太原市春季重大项目集中开工仪式举行。当天开工的晋阳湖数字经济产业园、"
        "龙城氢能装备基地等项目，总投资超百亿元。",
        "2024-03-19",
    )
    m = find(ms, "晋阳湖数字经济产业园", "started", "done")
    assert m and m["date"] == "2024-03-18"


def test_last_year_is_relative_to_publication():
    ms = extract("贵安大数据中心一期工程于去年10月建成投用。", "2024-05-10")
    m = find(ms, "贵安大数据中心一期工程", "operating", "done")
    assert m and m["date"] == "2023-10"


def test_without_a_publication_date_a_bare_month_has_no_year():
    ms = extract("东江物流园项目计划于8月底投产。", None)
    m = find(ms, "东江物流园项目", "operating", "planned")
    assert m and m["date"] is None


# --- aggregates and investment ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "截至7月份，全市12个新建项目全部开工，开工率100%。",
        "1-10月，全市新签约招商项目252个，签约金额1409亿元。",
        "今年以来，全区重点项目完成投资378.7亿元，新开工项目45个。",
        "目前，与央企合作项目已开工23个，项目总投资453亿元。",
    ],
)
def test_aggregates_are_not_milestones(text):
    ms, stats = extract_milestones(article_from_text(text, "2024-08-01"))
    assert ms == []
    assert stats  # users like those numbers: they come back as Stat records


def test_district_total_is_not_a_project_investment():
    ms = extract(
        "此次集中开工项目56个，总投资218亿元。其中，总投资12亿元的赣江智能家居产业园项目正式开工。",
        "2024-05-09",
    )
    (m,) = ms
    assert m["investment_cny"] == 1_200_000_000


def test_investment_stated_after_the_name_and_through_anaphora():
    ms = extract(
        "昆明滇池会展中心二期工程昨日正式开工。该项目总投资36亿元，建设周期3年。", "2024-03-02"
    )
    m = find(ms, "昆明滇池会展中心二期工程", "started", "done")
    assert m and m["investment_cny"] == 3_600_000_000
    assert m["date"] == "2024-03-01"


def test_foreign_currency_investment_is_left_empty():
    ms = extract("12月14日，投资2.25亿美元的洛河食品工业园项目正式签约。", "2024-12-15")
    m = find(ms, "洛河食品工业园项目", "signed", "done")
    assert m and m["investment_cny"] is None


# --- scripts and bad input ------------------------------------------------------------------


def test_traditional_script_input_gives_simplified_names():
    ms = extract("總投資12億元的蘇州納米新材料產業園項目昨日正式開工建設，計劃2026年底建成投產。")
    assert find(ms, "苏州纳米新材料产业园项目", "started", "done")
    assert find(ms, "苏州纳米新材料产业园项目", "operating", "planned")
    assert all("產" not in m["project"] for m in ms)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   \n \n",
        "今天天气很好，市民纷纷出门踏青。",
        "\x00\x01\x02\ufffd\ufffd" * 2000,
        "开工" * 150_000,
        "项目、" * 100_000,
        "某某科技产业园项目正式开工，" * 40_000,
    ],
)
def test_bad_input_never_raises(body):
    ms, stats = extract_milestones(Article(body_simplified=body, published="2024-01-01"))
    assert isinstance(ms, list) and isinstance(stats, list)


def test_binary_junk_gives_nothing():
    junk = os.urandom(200_000).decode("latin-1")
    ms, _ = extract_milestones(Article(body_simplified=junk))
    assert ms == []


def test_no_body_gives_nothing():
    assert extract_milestones(Article()) == ([], [])


# --- generic talk about projects ---------------------------------------------------------

FOCUS = "近日，总投资10亿元的沈阳浑南智能制造产业园项目正式开工。"


@pytest.mark.parametrize(
    "talk",
    [
        "要加快推进项目建设，确保重点项目按期开工、按时投产。",
        "各地要抢抓施工黄金期，推动项目早开工、早竣工、早投产。",
        "全省计划新开工项目1000个，确保全年投资增长10%。",
        "该区将持续优化营商环境，为项目落地、开工、投产提供全方位服务。",
        "与此同时，一批新项目相继落地，为高质量发展注入动能。",
        "据统计，今年全市已有35个项目竣工投产，新增产值120亿元。",
        "对目前已开工但建设进度偏慢的项目，逐一分析问题、找准对策。",
    ],
)
def test_calls_to_action_and_totals_add_no_milestone_to_the_project_in_focus(talk):
    ms = extract(FOCUS + talk, "2024-05-05")
    assert kinds(ms) == {(norm_name("沈阳浑南智能制造产业园项目"), "started", "done")}


def test_subject_named_after_a_from_to_clause():
    ms = extract(
        "3月25日，总投资60亿元的楚雄硅材料产业园项目（以下简称“硅材料项目”）开工建设。"
        "从签约到开工，硅材料项目只用了103天。",
        "2024-03-26",
    )
    assert find(ms, "楚雄硅材料产业园项目", "signed", "done")
    m = find(ms, "楚雄硅材料产业园项目", "started", "done")
    assert m and m["date"] == "2024-03-25"


def test_list_after_qi_zhong_bao_kuo_in_the_same_sentence():
    ms = extract(
        "此次集中签约的项目共有18个，其中包括福州临空产业园、闽台冷链物流中心等。", "2024-06-06"
    )
    assert find(ms, "福州临空产业园", "signed", "done")
    assert find(ms, "闽台冷链物流中心", "signed", "done")


def test_money_spent_so_far_is_not_the_total_investment():
    ms = extract(
        "在山推智能装备产业园项目现场，工人们正在安装钢结构。项目去年9月开工，目前已完成投资"
        "12亿元，预计今年12月底全面竣工。项目总投资25亿元。",
        "2024-09-12",
    )
    m = find(ms, "山推智能装备产业园项目", "started", "done")
    assert m and m["investment_cny"] == 2_500_000_000 and m["date"] == "2023-09"


def test_a_month_after_a_dated_plan_keeps_its_year_and_its_status():
    ms = extract("“项目计划明年5月竣工，6月正式投入运营。”项目负责人说。", "2023-11-21")
    # no project named: nothing; with one in focus, the second date is 2024-06 and planned
    assert ms == []
    ms = extract(
        "荆州南岸物流枢纽项目主体封顶。项目计划明年5月竣工，6月正式投入运营。", "2023-11-21"
    )
    m = find(ms, "荆州南岸物流枢纽项目", "operating")
    assert m and m["status"] == "planned" and m["date"] == "2024-06"


def test_numbered_items_after_an_intro_take_its_trigger_and_event_date():
    ms = extract(
        "4月18日，嵩山新区重点项目集中签约活动举行。签约项目如下：\n"
        "1.郑州智能传感器产业园项目，总投资20亿元；\n"
        "2.中原冷链物流枢纽项目，总投资8亿元；\n"
        "3.嵩阳文旅小镇，总投资15亿元。\n"
        "另外，会上还发布了投资机会清单。",
        "2024-04-19",
    )
    got = {(m["project"], m["date"], m["investment_cny"]) for m in ms if m["type"] == "signed"}
    assert got == {
        ("郑州智能传感器产业园项目", "2024-04-18", 2_000_000_000),
        ("中原冷链物流枢纽项目", "2024-04-18", 800_000_000),
        ("嵩阳文旅小镇", "2024-04-18", 1_500_000_000),
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("京东华东运营中心项目正式开工。", "京东华东运营中心项目"),
        ("顺丰华中运营总部基地项目已竣工投产。", "顺丰华中运营总部基地项目"),
    ],
)
def test_a_trigger_word_inside_a_name_stays_in_the_name(text, name):
    ms = extract(text)
    assert ms and all(m["project"] == name for m in ms)


def test_deal_signed_by_parties_names_its_project_in_the_next_clause():
    ms = extract("宁德时代与洛阳市签署合作协议，宁德时代洛阳基地项目总投资140亿元。")
    (m,) = ms
    assert (m["project"], m["type"], m["investment_cny"]) == (
        "宁德时代洛阳基地项目",
        "signed",
        14_000_000_000,
    )


def test_list_items_with_their_amounts_in_brackets():
    ms = extract(
        "6月6日，集中开工的项目包括年产10万吨锂电材料项目（总投资12亿元）、"
        "智能装备产业园（总投资8亿元）等。",
        "2024-06-07",
    )
    got = {(m["project"], m["investment_cny"], m["date"]) for m in ms}
    assert got == {
        ("年产10万吨锂电材料项目", 1_200_000_000, "2024-06-06"),
        ("智能装备产业园", 800_000_000, "2024-06-06"),
    }


def test_items_cut_at_semicolons_after_a_colon_share_the_trigger():
    ms = extract(
        "当天开工的有：宜宾锂电池隔膜项目，总投资30亿元；泸州白酒产业园二期，总投资15亿元；"
        "内江冷链物流中心项目，总投资5亿元。",
        "2024-06-07",
    )
    assert {(m["project"], m["type"], m["investment_cny"]) for m in ms} == {
        ("宜宾锂电池隔膜项目", "started", 3_000_000_000),
        ("泸州白酒产业园二期", "started", 1_500_000_000),
        ("内江冷链物流中心项目", "started", 500_000_000),
    }


def test_companies_signing_are_not_named_projects():
    assert extract("活动现场，比亚迪、宁德时代、隆基绿能等30余家企业与我市签约。") == []
    ms = extract(
        "其中，投资12亿元的中聚合臣液晶取向膜、投资100亿元的大连亿达智慧科技城等企业落户肥东。"
    )
    assert {m["project"] for m in ms} == {"中聚合臣液晶取向膜", "大连亿达智慧科技城"}
