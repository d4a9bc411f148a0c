"""`govwatch serve`: a real Datasette process on 127.0.0.1, asserted through its JSON API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import STORY, make_article, ms, s2t

from pipelines.store import open_db, save_article

pytestmark = pytest.mark.slow
GOVWATCH = [sys.executable, "-c", "from scheduler.cli import main; main()"]

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*GOVWATCH, "serve", "--db", str(path), "--port", str(port)],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"govwatch serve exited: {proc.stderr.read()}")
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # the port opens once uvicorn has started
        yield base + "/govwatch", ids
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _get(url: str, **params: str) -> dict | list:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{url}?{query}", timeout=30) as resp:
        return json.load(resp)


def _rows(base: str, name: str, **params: str) -> list[dict]:
    return _get(f"{base}/{name}.json", _shape="array", **params)  # type: ignore[return-value]


def test_search_for_two_character_word_finds_the_right_articles(server) -> None:
    base, ids = server
    found = {r["id"] for r in _rows(base, "search", q="开工")}
    assert found == {ids["story"], ids["reprint"]}
    assert {r["id"] for r in _rows(base, "search", q="食醋")} == {ids["hengshun"]}
    assert {r["id"] for r in _rows(base, "search", q="竣工")} == {
        ids[k] for k in ("hengshun", "spring", "autumn")
    }


def test_search_box_uses_trigram_full_text_index(server) -> None:
    base, ids = server
    hits = _rows(base, "articles", _search="集中开工活动")
    assert {r["id"] for r in hits} == {ids["story"], ids["reprint"]}
    # the Traditional reprint is found by its Simplified text
    assert {r["id"] for r in _rows(base, "search", q="智能装备产业园")} == {
        ids["story"],
        ids["reprint"],
    }


def test_new_milestones_in_the_last_7_days(server) -> None:
    base, _ = server
    rows = _rows(base, "new_milestones_7d")
    assert sorted((r["project"], r["type"]) for r in rows) == [
        ("恒顺醋业二期项目", "completed"),
        ("恒顺醋业二期项目", "operating"),
        ("金港智能装备产业园项目", "started"),
    ]
    started = next(r for r in rows if r["type"] == "started")
    assert started["reports"] == 2  # the story and its reprint: one milestone


def test_project_timeline(server) -> None:
    base, _ = server
    rows = _rows(base, "project_timeline", project="恒顺醋业")
    assert [(r["type"], r["status"], r["date"]) for r in rows] == [
        ("completed", "done", None),
        ("operating", "done", "2024-11-05"),
    ]
    [housing] = _rows(base, "project_timeline", project="人才公寓")
    assert (housing["status"], housing["date"], housing["original_date"], housing["slips"]) == (
        "planned", "2020-06", "2020-03", 1,
    )  # fmt: skip


def test_milestones_by_city_and_type(server) -> None:
    base, _ = server
    rows = {(r["city"], r["type"]): r for r in _rows(base, "milestones_by_city_type")}
    assert set(rows) == {("镇江市", "started"), ("镇江市", "completed"), ("镇江市", "operating")}
    assert (rows[("镇江市", "completed")]["done"], rows[("镇江市", "completed")]["planned"]) == (
        1,
        1,
    )


def test_overdue_and_slips(server) -> None:
    base, _ = server
    [row] = _rows(base, "overdue")
    assert (row["project"], row["type"], row["due_by"]) == (HOUSING, "completed", "2020-06-30")
    [slip] = _rows(base, "slips")
    assert (slip["project"], slip["from_date"], slip["to_date"]) == (HOUSING, "2020-03", "2020-06")
    assert slip["to_url"] == "http://zj.example/a/autumn.htm"


def test_sites_with_injected_spam(server) -> None:
    base, _ = server
    rows = _rows(base, "spam_sites")
    assert [(r["source"], r["articles"], r["spam_articles"]) for r in rows] == [("jurong", 2, 1)]


def test_metadata_titles_and_facets(server) -> None:
    base, _ = server
    table = _get(f"{base}/articles.json", _size="1")
    assert {"source", "city", "spam"} <= set(table["facet_results"])
    timeline = _get(f"{base}/milestone_timeline.json", _size="1")
    assert {"city", "type", "status"} <= set(timeline["facet_results"])
    meta = _get(base.rsplit("/", 1)[0] + "/-/metadata.json")
    assert meta["databases"]["govwatch"]["tables"]["articles"]["title"] == "文章 / Articles"
