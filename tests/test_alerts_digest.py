"""The digest as pure functions: subscription filters and escaped rendering."""

from __future__ import annotations

from pipelines.config import Subscription
from scheduler.alerts import (
    Digest,
    NewMilestone,
    Overdue,
    Slip,
    SourceTrouble,
    SpamPage,
    filter_for,
    format_cny,
    render_html,
    render_text,
    subject_line,
)


def _digest() -> Digest:
    return Digest(
        milestones=[
            NewMilestone(
                "milestone:1",
                "新能源电池材料项目",
                "started",
                "done",
                city="镇江市",
                date="2026-03-02",
                investment_cny=1_250_000_000,
                evidence="总投资12.5亿元的新能源电池材料项目正式开工。",
                url="http://zj.example.gov.cn/1.html",
                title="电池项目开工",
            ),
            NewMilestone(
                "milestone:2",
                "新能源电池材料项目",
                "completed",
                "planned",
                city="镇江市",
                date="2026-10",
                investment_cny=1_250_000_000,
                evidence="计划10月竣工",
            ),
            NewMilestone(
                "milestone:3",
                "电子信息产业基地",
                "topped_out",
                "done",
                city="绵阳市",
                investment_cny=80_000_000,
                evidence="主体结构封顶 <img src=x onerror=alert(1)>",
                url="javascript:alert(1)",
            ),
            NewMilestone("milestone:4", "无名仓储项目", "signed", "done", city=None),
        ],
        slips=[Slip("slip:1", "智能装备产业园", "completed", "2026-06", "2026-12", city="镇江市")],
        overdue=[Overdue("overdue:9", "物流中心", "operating", "2025-12", city="绵阳市")],
        spam=[
            SpamPage(
                "spam:5",
                "zhenjiang",
                "http://zj.example.gov.cn/5.html",
                city="镇江市",
                lines=("澳门赌场<在线>",),
            )
        ],
        trouble=[
            SourceTrouble("health:2", "luohe", "error", "fetched no pages at all", city="漯河市")
        ],
    )


def test_filter_by_city_keeps_site_findings_of_that_city_only():
    mine = filter_for(_digest(), Subscription(email="a@x", cities=["镇江市"]))
    assert [m.key for m in mine.milestones] == ["milestone:1", "milestone:2"]
    assert [s.key for s in mine.slips] == ["slip:1"]
    assert mine.overdue == [] and mine.trouble == []
    assert [s.key for s in mine.spam] == ["spam:5"]


def test_filter_by_type_keyword_and_minimum_investment():
    d = _digest()
    assert [
        m.key for m in filter_for(d, Subscription(email="a@x", types=["topped_out"])).milestones
    ] == ["milestone:3"]
    assert [
        m.key for m in filter_for(d, Subscription(email="a@x", keywords=["新能源"])).milestones
    ] == ["milestone:1", "milestone:2"]
    big = filter_for(d, Subscription(email="a@x", min_investment_cny=100_000_000))
    # unknown investment is excluded when a minimum is asked for
    assert [m.key for m in big.milestones] == ["milestone:1", "milestone:2"]
    assert filter_for(d, Subscription(email="a@x", cities=["哈尔滨市"])).is_empty()


def test_text_groups_by_city_then_project_with_evidence_and_link():
    text = render_text(_digest(), day="2026-11-23")
    assert text.splitlines()[0] == subject_line(_digest(), "2026-11-23")
    zj, my, unknown = text.index("-- 镇江市"), text.index("-- 绵阳市"), text.index("-- (城市未知)")
    assert my < zj < unknown  # every city is a group; the unknown city comes last
    block = text[zj:unknown]
    assert block.count("\n   新能源电池材料项目\n") == 1  # one heading, two milestones under it
    assert "started 开工 | 已完成 | 2026-03-02 | 投资12.5亿元" in block
    assert "completed 竣工 | 计划 | 2026-10" in block
    assert "「总投资12.5亿元的新能源电池材料项目正式开工。」" in block
    assert "http://zj.example.gov.cn/1.html" in block
    assert "智能装备产业园: completed 2026-06 -> 2026-12" in text
    assert "物流中心: operating planned for 2025-12" in text
    # the spam page is named, its junk is not quoted (it would get the digest filtered)
    assert "[zhenjiang] http://zj.example.gov.cn/5.html (1 injected line dropped)" in text
    assert "澳门赌场" not in text
    assert "[luohe] error: fetched no pages at all" in text


def test_html_escapes_every_scraped_string_and_links_only_http():
    page = render_html(_digest(), day="2026-11-23")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "澳门赌场" not in page
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page
    assert '<a href="http://zj.example.gov.cn/1.html">电池项目开工</a>' in page


def test_empty_digest_says_nothing_new():
    assert Digest().is_empty()
    assert "Nothing new since the last digest." in render_text(Digest(), day="2026-11-23")
    assert subject_line(Digest(), "2026-11-23") == "govwatch digest 2026-11-23: 0 new milestones"


def test_without_drops_keys_already_digested():
    rest = _digest().without({"milestone:1", "slip:1", "health:2"})
    assert [m.key for m in rest.milestones] == ["milestone:2", "milestone:3", "milestone:4"]
    assert rest.slips == [] and rest.trouble == [] and len(rest.spam) == 1


def test_format_cny_uses_yi_and_wan():
    assert format_cny(1_250_000_000) == "12.5亿元"
    assert format_cny(3_000_000) == "300万元"
    assert format_cny(None) == ""
