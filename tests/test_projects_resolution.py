"""Entity resolution: which project names are one project (merges and non-merges)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import STORY, count, fresh_db, make_article, ms

from pipelines.projects import parse_name, resolve, same_project
from pipelines.store import save_article


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("金港智能装备产业园项目", "金港智能装备产业园", id="with-and-without-项目"),
        pytest.param(
            "寶鋼金屬大交通輕量化一期", "宝钢金属大交通轻量化一期项目", id="traditional-simplified"
        ),
        pytest.param(
            "“金港智能装备产业园”项目", "金港智能装备产业园 工程", id="quotes-spaces-工程"
        ),
        pytest.param("哈汽重燃基地", "哈汽重燃及核电装备生产制造基地", id="abbreviation"),
        pytest.param("宝钢金属大交通轻量化", "宝钢金属大交通轻量化生产基地", id="truncation"),
        pytest.param("润州区金港智能装备产业园", "金港智能装备产业园", id="place-in-front"),
        pytest.param("镇江市金港智能装备产业园", "金港智能装备产业园", id="own-city-in-front"),
        pytest.param("恒顺醋业第二期", "恒顺醋业二期工程", id="phase-spellings"),
    ],
)
def test_names_of_one_project_merge(a: str, b: str) -> None:
    assert same_project(parse_name(a, "镇江市"), parse_name(b, "镇江市"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("恒顺醋业一期", "恒顺醋业二期", id="two-phases"),
        pytest.param("恒顺醋业一期", "恒顺醋业", id="phase-vs-whole"),
        pytest.param("金港智能装备产业园", "金港智能装备产业园配套道路", id="sub-project"),
        pytest.param("新能源汽车产业园", "比亚迪新能源汽车产业园", id="generic-short-name"),
        pytest.param("华晟光伏组件生产基地", "华晟储能电池生产基地", id="same-company-other-plant"),
        pytest.param("恒顺醋业", "恒顺醋业扩建", id="expansion-is-its-own-project"),
    ],
)
def test_different_projects_do_not_merge(a: str, b: str) -> None:
    assert not same_project(parse_name(a, "镇江市"), parse_name(b, "镇江市"))


def test_phase_is_parsed_from_chinese_and_digits() -> None:
    assert parse_name("宝钢金属大交通轻量化一期项目").phase == 1
    assert parse_name("某某产业园第十二期").phase == 12
    assert parse_name("某某产业园3期工程").phase == 3
    assert parse_name("某某产业园首期").phase == 1
    assert parse_name("某某产业园项目").phase is None


def test_ambiguous_name_matching_two_projects_resolves_to_none() -> None:
    known = [
        (1, parse_name("金港智能装备产业园北区")),
        (2, parse_name("金港智能装备产业园南区")),
    ]
    assert resolve(parse_name("金港智能装备产业园"), known) is None
    assert resolve(parse_name("金港智能装备产业园北区项目"), known) == 1


def _project_ids(db) -> dict[str, int]:
    return {r[0]: r[1] for r in db.execute("SELECT alias, project_id FROM project_aliases")}


def _save(db, i: int, name: str, city: str | None = "镇江市", type_: str = "started") -> None:
    art = make_article(
        [f"第{i}篇。", *STORY], url=f"http://a.gov.cn/{i}.htm", city=city,
        milestones=[ms(name, type_, "done", "2024-09-12")],
    )  # fmt: skip
    save_article(db, art, source="a")


def test_store_merges_spellings_and_keeps_every_alias(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    _save(db, 1, "哈汽重燃及核电装备生产制造基地项目")
    _save(db, 2, "哈汽重燃及核電裝備生產製造基地", type_="approved")
    _save(db, 3, "哈汽重燃基地", type_="topped_out")
    ids = _project_ids(db)
    assert len(set(ids.values())) == 1
    assert count(db, "projects") == 1
    assert count(db, "milestones") == 3
    aliases = db.execute("SELECT aliases FROM projects").fetchone()[0]
    assert "哈汽重燃基地" in aliases


def test_store_keeps_cities_apart(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    _save(db, 1, "人才公寓项目", city="镇江市")
    _save(db, 2, "人才公寓项目", city="绵阳市")
    _save(db, 3, "人才公寓项目", city=None)
    assert count(db, "projects") == 3


def test_store_links_a_phase_to_its_parent(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    _save(db, 1, "宝钢金属大交通轻量化项目", type_="signed")
    _save(db, 2, "宝钢金属大交通轻量化一期项目")
    _save(db, 3, "宝钢金属大交通轻量化二期项目", type_="signed")
    rows = {r["name"]: r for r in db.query("SELECT id, name, phase, parent_id FROM projects")}
    whole = rows["宝钢金属大交通轻量化项目"]
    assert rows["宝钢金属大交通轻量化一期项目"]["parent_id"] == whole["id"]
    assert rows["宝钢金属大交通轻量化二期项目"]["parent_id"] == whole["id"]
    assert rows["宝钢金属大交通轻量化二期项目"]["phase"] == 2
    assert whole["parent_id"] is None
    assert count(db, "projects") == 3


def test_store_creates_the_parent_of_a_phase_seen_first(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    _save(db, 1, "恒顺醋业一期项目")
    _save(db, 2, "恒顺醋业项目", type_="signed")
    rows = {r["name"]: r for r in db.query("SELECT id, name, parent_id FROM projects")}
    assert set(rows) == {"恒顺醋业一期项目", "恒顺醋业项目"}
    assert rows["恒顺醋业一期项目"]["parent_id"] == rows["恒顺醋业项目"]["id"]
    # the whole project's own milestone went to the parent created for the phase
    assert count(db, "milestones", "project_id = ?", [rows["恒顺醋业项目"]["id"]]) == 1


def test_store_keeps_an_ambiguous_name_apart(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    _save(db, 1, "金港智能装备产业园北区")
    _save(db, 2, "金港智能装备产业园南区")
    _save(db, 3, "金港智能装备产业园")
    assert count(db, "projects") == 3
