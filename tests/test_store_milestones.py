"""New, slipped and overdue milestones, and re-runs that create nothing new."""

from __future__ import annotations

from pathlib import Path

from store_helpers import OTHER_STORY, STORY, TEMPLATE_TWIN, count, fresh_db, make_article, ms

from pipelines.projects import plan_history
from pipelines.store import (
    new_milestones,
    open_db,
    overdue,
    save_article,
    slips_since,
    start_run,
)

PROJECT = "金港智能装备产业园项目"


def _article(i: int, published: str, milestones, paragraphs=None):
    paras = paragraphs or [f"（第{i}次报道）", *OTHER_STORY, f"报道编号{i}。"]
    return make_article(
        paras, url=f"http://a.gov.cn/{i}.htm", published=published, milestones=milestones
    )


def _milestones(db) -> list[dict]:
    return [dict(r) for r in db.query("SELECT * FROM milestone_timeline ORDER BY id")]


def test_first_report_is_new_with_first_reported_at(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    run = start_run(db, "a")
    save_article(db, _article(1, "2024-09-12", [ms(PROJECT, "started", "done", "2024-09-12")]),
                 source="a", run_id=run, fetched_at="2024-09-13 08:00:00")  # fmt: skip
    save_article(db, _article(2, "2024-09-14", [ms(PROJECT, "started", "done", "2024-09-12")]),
                 source="a", run_id=run, fetched_at="2024-09-15 08:00:00")  # fmt: skip
    [m] = _milestones(db)
    assert m["is_new"] == 1
    assert m["first_reported_at"] == "2024-09-13 08:00:00"
    assert m["last_reported_at"] == "2024-09-15 08:00:00"
    assert m["reports"] == 2
    assert [r["id"] for r in new_milestones(db, "2024-09-13")] == [m["id"]]
    assert new_milestones(db, "2024-09-14") == []


def test_planned_then_done_is_a_new_milestone(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    save_article(db, _article(1, "2024-03-01", [ms(PROJECT, "completed", "planned", "2024-12")]),
                 source="a", fetched_at="2024-03-02 00:00:00")  # fmt: skip
    save_article(db, _article(2, "2024-11-20", [ms(PROJECT, "completed", "done", "2024-11-18")]),
                 source="a", fetched_at="2024-11-21 00:00:00")  # fmt: skip
    rows = {m["status"]: m for m in _milestones(db)}
    assert set(rows) == {"planned", "done"}
    assert rows["done"]["is_new"] == 1
    assert [m["status"] for m in new_milestones(db, "2024-11-01")] == ["done"]
    assert overdue(db) == []  # done settles the plan


def test_plan_reported_after_done_is_not_new(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    save_article(
        db, _article(1, "2024-11-20", [ms(PROJECT, "started", "done", "2024-11-18")]), source="a"
    )
    save_article(
        db, _article(2, "2024-03-01", [ms(PROJECT, "started", "planned", "2024-10")]), source="a"
    )
    rows = {m["status"]: m for m in _milestones(db)}
    assert rows["done"]["is_new"] == 1
    assert rows["planned"]["is_new"] == 0


def test_planned_date_moving_later_is_a_slip_in_publication_order(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    # crawled newest first: the later plan (Dec) arrives before the earlier one (Oct)
    save_article(
        db, _article(2, "2024-09-01", [ms(PROJECT, "started", "planned", "2024-12")]), source="a"
    )
    save_article(
        db, _article(1, "2024-05-01", [ms(PROJECT, "started", "planned", "2024-10")]), source="a"
    )
    [m] = _milestones(db)
    assert (m["date"], m["original_date"], m["due_by"], m["slips"]) == (
        "2024-12",
        "2024-10",
        "2024-12-31",
        1,
    )
    [slip] = slips_since(db, "2000-01-01")
    assert (slip["from_date"], slip["to_date"]) == ("2024-10", "2024-12")
    assert slip["to_url"] == "http://a.gov.cn/2.htm"


def test_more_precise_or_earlier_plan_is_not_a_slip() -> None:
    assert plan_history(["2025", "2025-06", "2025-06-30"])[2] == []
    assert plan_history(["2025-06", "2025-03"])[2] == []
    current, original, slips = plan_history(["2025-03", None, "2025-06", "2025-06-15", "2026"])
    assert (current, original) == ("2026", "2025-03")
    assert [(s.from_date, s.to_date) for s in slips] == [
        ("2025-03", "2025-06"),
        ("2025-06-15", "2026"),
    ]


def test_article_between_two_reports_splits_a_slip(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    save_article(
        db, _article(1, "2024-01-10", [ms(PROJECT, "started", "planned", "2024-03")]), source="a"
    )
    save_article(
        db, _article(3, "2024-06-10", [ms(PROJECT, "started", "planned", "2024-09")]), source="a"
    )
    save_article(
        db, _article(2, "2024-03-10", [ms(PROJECT, "started", "planned", "2024-06")]), source="a"
    )
    pairs = [(s["from_date"], s["to_date"]) for s in slips_since(db, "2000-01-01")]
    assert sorted(pairs) == [("2024-03", "2024-06"), ("2024-06", "2024-09")]


def test_overdue_is_a_passed_plan_without_a_done_report(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    save_article(db, _article(1, "2020-01-05", [
        ms("城东人才公寓项目", "completed", "planned", "2020-06"),  # passed, never reported done
        ms("金港智能装备产业园项目", "started", "planned", "2020"),  # passed, but operating later
        ms("瑞达新材料产业园项目", "operating", "planned", "2099-12"),  # not due yet
    ]), source="a")  # fmt: skip
    save_article(db, _article(2, "2021-05-05", [ms("金港智能装备产业园项目", "operating", "done", "2021-05")]),
                 source="a")  # fmt: skip
    rows = overdue(db)
    assert [(r["project"], r["type"], r["due_by"]) for r in rows] == [
        ("城东人才公寓项目", "completed", "2020-06-30")
    ]
    assert rows[0]["days_overdue"] > 365


def test_reprocessing_the_same_articles_creates_nothing_new(tmp_path: Path) -> None:
    path = tmp_path / "govwatch.db"
    articles = [
        _article(1, "2024-05-01", [ms(PROJECT, "started", "planned", "2024-10")], STORY),
        _article(2, "2024-09-01", [ms(PROJECT, "started", "planned", "2024-12")], STORY[:-1]),
        _article(
            3, "2024-09-20", [ms("瑞达新材料产业园", "signed", "done", "2024-09-18")], TEMPLATE_TWIN
        ),
    ]
    db = open_db(path)
    for a in articles:
        save_article(db, a, source="a", run_id=start_run(db, "a"), fetched_at="2024-09-21 00:00:00")
    tables = ("articles", "projects", "project_aliases", "milestones", "milestone_reports",
              "milestone_slips", "article_minhash")  # fmt: skip
    before = {t: count(db, t) for t in tables}
    snapshot = [dict(r) for r in db.query("SELECT * FROM milestones ORDER BY id")]
    clusters = db.execute("SELECT id, cluster_id, is_representative FROM articles").fetchall()
    db.close()

    db = open_db(path)  # a restart, then a re-run over the same pages
    run = start_run(db, "a")
    for a in reversed(articles):
        save_article(db, a, source="a", run_id=run, fetched_at="2024-09-28 00:00:00")
    assert {t: count(db, t) for t in tables} == before
    assert [dict(r) for r in db.query("SELECT * FROM milestones ORDER BY id")] == snapshot
    assert (
        db.execute("SELECT id, cluster_id, is_representative FROM articles").fetchall() == clusters
    )
    assert new_milestones(db, "2024-09-22") == []
    assert slips_since(db, "2024-09-22") == []
