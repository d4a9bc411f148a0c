"""`govwatch serve`: a real Datasette process on 127.0.0.1, asserted through its JSON API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import STORY, get_json, make_article, ms, rows_of, s2t, serve_datasette

from pipelines.store import open_db, save_article

pytestmark = pytest.mark.slow

JINGANG = "金港智能装备产业园项目"
HENGSHUN = "恒顺醋业二期项目"
HOUSING = "城东人才公寓项目"
SPAM_LINE = "澳门赌场在线注册送彩金"

HENGSHUN_TEXT = [
    "记者从市发展改革委获悉，恒顺醋业二期项目日前通过竣工验收，并于11月5日正式投产。",
    "该项目总投资6.5亿元，新增食醋产能10万吨。",
]
HOUSING_SPRING = ["城东人才公寓项目进展顺利，计划于2020年3月竣工交付，可提供房源1200套。"]
HOUSING_AUTUMN = ["受雨季影响，城东人才公寓项目竣工时间调整为2020年6月，目前正进行内部装修。"]


def _build(path: Path) -> dict[str, int]:
    """A database from articles we wrote: a story and its Traditional reprint, a
    spammed page, and an old plan that slipped and is now overdue."""
    db = open_db(path)
    ids = {}
    started = [ms(JINGANG, "started", "done", "2024-09-12", evidence="集中开工")]
    ids["story"] = save_article(
        db,
        make_article(STORY, url="http://zj.example/a/1.htm", milestones=started),
        source="zhenjiang",
    )
    ids["reprint"] = save_article(
        db,
        make_article([s2t(p) for p in STORY], url="http://jr.example/b/7.htm", milestones=started),
        source="jurong",
    )
    ids["hengshun"] = save_article(
        db,
        make_article(
            HENGSHUN_TEXT, url="http://jr.example/b/8.htm", title="恒顺醋业二期项目投产",
            spam=True, spam_lines=[SPAM_LINE],
            milestones=[ms(HENGSHUN, "completed", "done", None), ms(HENGSHUN, "operating", "done", "2024-11-05")],
        ),
        source="jurong",
    )  # fmt: skip
    for key, text, published, date in (
        ("spring", HOUSING_SPRING, "2019-05-10", "2020-03"),
        ("autumn", HOUSING_AUTUMN, "2019-11-02", "2020-06"),
    ):
        ids[key] = save_article(
            db,
            make_article(text, url=f"http://zj.example/a/{key}.htm", title="城东人才公寓建设",
                         published=published, milestones=[ms(HOUSING, "completed", "planned", date)]),
            source="zhenjiang",
            fetched_at=f"{published} 09:00:00",
        )  # fmt: skip
    db.close()
    return ids


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    path = tmp_path_factory.mktemp("serve") / "govwatch.db"
    ids = _build(path)
    with serve_datasette(path) as base:
        yield base, ids


def test_search_for_two_character_word_finds_the_right_articles(server) -> None:
    base, ids = server
    found = {r["id"] for r in rows_of(base, "search", q="开工")}
    assert found == {ids["story"], ids["reprint"]}
    assert {r["id"] for r in rows_of(base, "search", q="食醋")} == {ids["hengshun"]}
    assert {r["id"] for r in rows_of(base, "search", q="竣工")} == {
        ids[k] for k in ("hengshun", "spring", "autumn")
    }


def test_search_box_uses_trigram_full_text_index(server) -> None:
    base, ids = server
    hits = rows_of(base, "articles", _search="集中开工活动")
    assert {r["id"] for r in hits} == {ids["story"], ids["reprint"]}
    # the Traditional reprint is found by its Simplified text
    assert {r["id"] for r in rows_of(base, "search", q="智能装备产业园")} == {
        ids["story"],
        ids["reprint"],
    }


def test_new_milestones_in_the_last_7_days(server) -> None:
    base, _ = server
    rows = rows_of(base, "new_milestones_7d")
    assert sorted((r["project"], r["type"]) for r in rows) == [
        ("恒顺醋业二期项目", "completed"),
        ("恒顺醋业二期项目", "operating"),
        ("金港智能装备产业园项目", "started"),
    ]
    started = next(r for r in rows if r["type"] == "started")
    assert started["reports"] == 2  # the story and its reprint: one milestone


def test_project_timeline(server) -> None:
    base, _ = server
    rows = rows_of(base, "project_timeline", project="恒顺醋业")
    assert [(r["type"], r["status"], r["date"]) for r in rows] == [
        ("completed", "done", None),
        ("operating", "done", "2024-11-05"),
    ]
    [housing] = rows_of(base, "project_timeline", project="人才公寓")
    assert (housing["status"], housing["date"], housing["original_date"], housing["slips"]) == (
        "planned", "2020-06", "2020-03", 1,
    )  # fmt: skip


def test_milestones_by_city_and_type(server) -> None:
    base, _ = server
    rows = {(r["city"], r["type"]): r for r in rows_of(base, "milestones_by_city_type")}
    assert set(rows) == {("镇江市", "started"), ("镇江市", "completed"), ("镇江市", "operating")}
    assert (rows[("镇江市", "completed")]["done"], rows[("镇江市", "completed")]["planned"]) == (
        1,
        1,
    )


def test_overdue_and_slips(server) -> None:
    base, _ = server
    [row] = rows_of(base, "overdue")
    assert (row["project"], row["type"], row["due_by"]) == (HOUSING, "completed", "2020-06-30")
    [slip] = rows_of(base, "slips")
    assert (slip["project"], slip["from_date"], slip["to_date"]) == (HOUSING, "2020-03", "2020-06")
    assert slip["to_url"] == "http://zj.example/a/autumn.htm"


def test_sites_with_injected_spam(server) -> None:
    base, _ = server
    rows = rows_of(base, "spam_sites")
    assert [(r["source"], r["articles"], r["spam_articles"]) for r in rows] == [("jurong", 2, 1)]


def test_metadata_titles_and_facets(server) -> None:
    base, _ = server
    table = get_json(f"{base}/articles.json", _size="1")
    assert {"source", "city", "spam"} <= set(table["facet_results"])
    timeline = get_json(f"{base}/milestone_timeline.json", _size="1")
    assert {"city", "type", "status"} <= set(timeline["facet_results"])
    meta = get_json(base.rsplit("/", 1)[0] + "/-/metadata.json")
    assert meta["databases"]["govwatch"]["tables"]["articles"]["title"] == "文章 / Articles"
