"""Recall on phrasing the extractor was not written on: the rules of the third pass.

Each rule was read off text written by someone else (tests/files/articles_unseen) and is
tested here on a sentence of our own: invented projects in Guangxi, Sichuan and Gansu.
"""

from __future__ import annotations

from milestones_helpers import article_from_text

from pipelines.milestones import extract_milestones, norm_name


def extract(text: str, published: str | None = "2025-11-20") -> list[dict]:
    ms, _ = extract_milestones(article_from_text(text, published))
    return [m.to_dict() for m in ms]


def find(ms: list[dict], project: str, type_: str, status: str) -> dict | None:
    for m in ms:
        if m["type"] == type_ and m["status"] == status and norm_name(m["project"]) == norm_name(project):
            return m
    return None


def test_main_structure_already_finished_is_topped_out():
    ms = extract("宜宾临港精密铸件项目于2025年11月开工，目前主体已完工，计划年底前投产。")
    assert find(ms, "宜宾临港精密铸件项目", "started", "done")["date"] == "2025-11"
    assert find(ms, "宜宾临港精密铸件项目", "topped_out", "done")
    assert not find(ms, "宜宾临港精密铸件项目", "completed", "done")
    assert find(ms, "宜宾临港精密铸件项目", "operating", "planned")


def test_name_opening_with_annual_output_and_a_phase_is_kept():
    ms = extract("公司位于钦州港区的年产10万吨锂电材料二期项目已于10月8日正式投产。")
    m = find(ms, "年产10万吨锂电材料二期项目", "operating", "done")
    assert m and m["date"] == "2025-10-08"


def test_long_approver_before_the_reply_is_an_approval():
    ms = extract("同一天，南宁国际会展中心三期项目获得自治区发展改革委可行性研究报告批复。")
    assert find(ms, "南宁国际会展中心三期项目", "approved", "done")


def test_opening_to_the_public_next_month_is_planned_operation():
    ms = extract("青秀山植物园二期工程已完成绿化种植，下月将向市民开放。")
    assert find(ms, "青秀山植物园二期工程", "operating", "planned")


def test_ceremony_being_prepared_is_a_planned_start():
    ms = extract("百色芒果深加工产业园项目的开工仪式正在筹备中，具体时间待定。")
    assert find(ms, "百色芒果深加工产业园项目", "started", "planned")
    assert not find(ms, "百色芒果深加工产业园项目", "started", "done")


def test_approval_still_required_is_no_milestone():
    ms = extract("桂平生物质发电项目已于9月开工。该项目实施尚需办理立项、环评等审批手续。")
    assert find(ms, "桂平生物质发电项目", "started", "done")
    assert not [m for m in ms if m["type"] == "approved"]


def test_signing_then_money_to_build_names_the_deal_project():
    ms = extract(
        "11月19日，公司与桂林高新区管委会签署《投资协议书》，拟投资45亿元在高新区建设"
        "漓江光电研发总部项目，计划2027年上半年开工。"
    )
    signed = find(ms, "漓江光电研发总部项目", "signed", "done")
    assert signed and signed["date"] == "2025-11-19"
    assert signed["investment_cny"] == 4_500_000_000
    assert find(ms, "漓江光电研发总部项目", "started", "planned")["date"] == "2027"


def test_district_followed_by_a_company_starting_with_chang_is_not_a_title():
    ms = extract("屯溪区长兴光伏玻璃项目2025年7月签约，预计2027年6月建成，项目总投资22亿元。")
    signed = find(ms, "屯溪区长兴光伏玻璃项目", "signed", "done")
    assert signed and signed["investment_cny"] == 2_200_000_000
    assert find(ms, "屯溪区长兴光伏玻璃项目", "completed", "planned")["date"] == "2027-06"


def test_an_official_title_still_keeps_a_fragment_out():
    ms = extract("副区长王明调研陇南花椒产业园项目，该项目已于8月开工。")
    assert all("区长" not in m["project"] for m in ms)


def test_byline_before_the_first_name_is_cut():
    ms = extract("本报讯（记者 李华 通讯员 周强）绵竹高新区精工齿轮项目于2025年10月开工，目前主体已完工。")
    assert find(ms, "绵竹高新区精工齿轮项目", "started", "done")
    assert all("记者" not in m["project"] for m in ms)


def test_hospital_named_after_a_goal_word_with_a_date_right_after():
    ms = extract("力争柳州东站人民医院6月底前投入使用。", published="2026-01-10")
    m = find(ms, "柳州东站人民医院", "operating", "planned")
    assert m and m["date"] == "2026-06"


def test_building_head_with_a_count_after_is_still_not_a_name():
    ms = extract("梧州陶瓷产业园项目二期于9月开工，首批6栋厂房力争年底封顶。")
    assert all(not m["project"].endswith("厂房") for m in ms)


def test_park_named_before_construction_work_owns_its_phase():
    ms = extract("加快推进北海铁山港新材料产业园建设，确保2027年实现一期投产。")
    m = find(ms, "北海铁山港新材料产业园", "operating", "planned")
    assert m and m["date"] == "2027"


def test_pipeline_and_resort_heads_are_project_names():
    ms = extract("酒泉至张掖天然气输送管道已于9月建成。敦煌月牙泉旅游度假区二期计划11月开业。")
    assert find(ms, "酒泉至张掖天然气输送管道", "completed", "done")["date"] == "2025-09"
    assert find(ms, "敦煌月牙泉旅游度假区二期", "operating", "planned")["date"] == "2025-11"


def test_quoted_motto_named_as_a_mechanism_reports_nothing():
    ms = extract("南宁五象新区医院项目已开工。深化“一月一签约、一季一开工”机制，全年新招引项目120个以上。")
    assert find(ms, "南宁五象新区医院项目", "started", "done")
    assert not [m for m in ms if m["type"] == "signed"]
    assert len([m for m in ms if m["type"] == "started"]) == 1


def test_project_under_construction_in_a_caption_becomes_the_topic():
    ms = extract(
        "11月18日，位于科技城的海口深海研发中心项目主体结构顺利封顶。"
        "图为正在建设中的海口国际免税城三期项目。该项目去年11月开工，预计2027年开业。"
    )
    assert find(ms, "海口国际免税城三期项目", "started", "done")["date"] == "2024-11"
    assert find(ms, "海口国际免税城三期项目", "operating", "planned")["date"] == "2027"
    assert not find(ms, "海口深海研发中心项目", "started", "done")


def test_goals_in_a_work_report_each_keep_their_own_project():
    ms = extract(
        "确保桂林港铁山港区三期工程3月开工，推动南宁市域铁路S2线一期年内建成通车，"
        "力争柳州东站人民医院6月底前投入使用。",
        published="2026-01-28",
    )
    assert find(ms, "桂林港铁山港区三期工程", "started", "planned")["date"] == "2026-03"
    assert find(ms, "南宁市域铁路S2线一期", "completed", "planned")
    assert find(ms, "南宁市域铁路S2线一期", "operating", "planned")
    assert find(ms, "柳州东站人民医院", "operating", "planned")["date"] == "2026-06"
    assert not find(ms, "桂林港铁山港区三期工程", "operating", "planned")


def test_permit_still_being_processed_is_no_approval():
    ms = extract("在贵阳经开区，黔南光伏组件二期项目已于10月20日封顶，黔南光伏组件三期项目正在办理施工许可，尚未动工。")
    assert find(ms, "黔南光伏组件二期项目", "topped_out", "done")["date"] == "2025-10-20"
    assert not [m for m in ms if m["type"] in ("approved", "started")]


def test_start_that_was_only_the_old_plan_is_no_milestone():
    ms = extract("白云区跨境电商产业园项目于今年3月签约，原定7月开工，但因企业调整投资计划，项目已暂缓实施。")
    assert find(ms, "白云区跨境电商产业园项目", "signed", "done")["date"] == "2025-03"
    assert not [m for m in ms if m["type"] == "started"]


def test_firms_counted_signing_into_a_park_are_not_the_parks_deal():
    ms = extract("去年12月30日，天水高新区电工产业园二期竣工，新增标准化厂房12万平方米，已有15家电工企业签约入驻。")
    assert find(ms, "天水高新区电工产业园二期", "completed", "done")["date"] == "2024-12-30"
    assert not [m for m in ms if m["type"] == "signed"]


def test_span_from_one_stage_to_another_is_said_of_projects_in_general():
    ms = extract("梧州电子产业园项目于今年3月签约。一位企业人士说，从签约到真正动工，中间要办的手续有二三十项。")
    assert find(ms, "梧州电子产业园项目", "signed", "done")["date"] == "2025-03"
    assert not [m for m in ms if m["type"] == "started"]


def test_highway_section_named_for_a_city_is_a_project():
    ms = extract("加快推进钦州港新材料产业园建设。全力做好贵阳至南宁高速复线柳州段前期工作，争取年内取得工可批复。")
    assert find(ms, "贵阳至南宁高速复线柳州段", "approved", "planned")
    assert not find(ms, "钦州港新材料产业园", "approved", "planned")
