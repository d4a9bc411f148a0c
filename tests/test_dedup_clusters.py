"""Deduplication in the store: one row per URL, one cluster per story, the best copy chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import (
    OTHER_STORY,
    STORY,
    TEMPLATE_TWIN,
    count,
    fresh_db,
    make_article,
    ms,
    s2t,
)

from pipelines.dedup import LshIndex, is_reprint
from pipelines.store import open_db, save_article

LEAD = "本报讯（记者 陈晓 通讯员 王磊）"
CREDIT = "来源：镇江日报 责任编辑：周敏"


def _cluster(db, article_id: int) -> int:
    return db.execute("SELECT cluster_id FROM articles WHERE id = ?", [article_id]).fetchone()[0]


def test_same_url_in_another_spelling_is_one_article(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    a = save_article(
        db, make_article(STORY, url="http://a.gov.cn/n/1.htm?utm_source=wx#top"), source="a"
    )
    b = save_article(db, make_article(STORY, url="HTTP://A.gov.cn/n/1.htm"), source="a")
    assert a == b
    assert count(db, "articles") == 1


def test_same_text_on_two_sites_is_one_cluster(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    a = save_article(db, make_article(STORY, url="http://a.gov.cn/1.htm"), source="a")
    # the other site lays the text out differently: indents and blank lines
    spaced = ["\u3000\u3000" + p + "\n" for p in STORY]
    b = save_article(db, make_article(spaced, url="http://b.gov.cn/9.htm"), source="b")
    assert a != b
    assert _cluster(db, a) == _cluster(db, b) == a


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param([LEAD + STORY[0], *STORY[1:]], id="added-lead"),
        pytest.param([*STORY, CREDIT], id="added-credit-line"),
        pytest.param(STORY[:-1], id="cut-last-paragraph"),
        pytest.param([s2t(p) for p in STORY], id="traditional-script"),
        pytest.param([s2t(LEAD + STORY[0]), *map(s2t, STORY[1:-1])], id="traditional-lead-and-cut"),
    ],
)
def test_near_duplicate_reprint_joins_the_cluster(tmp_path: Path, variant: list[str]) -> None:
    db = fresh_db(tmp_path)
    a = save_article(db, make_article(STORY, url="http://a.gov.cn/1.htm"), source="a")
    b = save_article(db, make_article(variant, url="http://b.gov.cn/2.htm"), source="b")
    assert _cluster(db, b) == _cluster(db, a) == a


def test_different_stories_stay_apart_even_from_one_template(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    a = save_article(db, make_article(STORY, url="http://a.gov.cn/1.htm"), source="a")
    b = save_article(db, make_article(TEMPLATE_TWIN, url="http://a.gov.cn/2.htm"), source="a")
    c = save_article(db, make_article(OTHER_STORY, url="http://a.gov.cn/3.htm"), source="a")
    assert len({_cluster(db, a), _cluster(db, b), _cluster(db, c)}) == 3


def test_template_guard_is_the_numbers() -> None:
    story, twin = "\n".join(STORY), "\n".join(TEMPLATE_TWIN)
    assert is_reprint(story, "\n".join(STORY[:-1]))
    assert not is_reprint(story, twin)


def test_representative_is_clean_dated_and_longest(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    garbled = save_article(
        db, make_article([*STORY, CREDIT], url="http://a.gov.cn/1.htm", garbled=True), source="a"
    )
    undated = save_article(
        db,
        make_article(
            [LEAD + STORY[0], *STORY[1:], CREDIT], url="http://b.gov.cn/1.htm", published=None
        ),
        source="b",
    )
    short = save_article(db, make_article(STORY[:-1], url="http://c.gov.cn/1.htm"), source="c")
    full = save_article(db, make_article(STORY, url="http://d.gov.cn/1.htm"), source="d")
    cluster = _cluster(db, garbled)
    assert {_cluster(db, i) for i in (undated, short, full)} == {cluster}
    reps = [
        r[0]
        for r in db.execute(
            "SELECT id FROM articles WHERE cluster_id = ? AND is_representative = 1", [cluster]
        )
    ]
    assert reps == [full]  # not garbled, dated, and longer than the cut copy


@pytest.mark.parametrize("merge_at", [LshIndex.MERGE_AT, 8], ids=["pending", "merged-arrays"])
def test_clusters_survive_reopening_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merge_at: int
) -> None:
    monkeypatch.setattr(LshIndex, "MERGE_AT", merge_at)  # 8: every lookup goes through the arrays
    db = fresh_db(tmp_path)
    other = save_article(db, make_article(OTHER_STORY, url="http://c.gov.cn/1.htm"), source="c")
    a = save_article(db, make_article(STORY, url="http://a.gov.cn/1.htm"), source="a")
    db.close()
    db = open_db(tmp_path / "govwatch.db")  # a later run, a new process: buckets rebuilt
    b = save_article(
        db, make_article([s2t(p) for p in STORY[:-1]], url="http://b.gov.cn/2.htm"), source="b"
    )
    c = save_article(db, make_article(OTHER_STORY[:2], url="http://d.gov.cn/2.htm"), source="d")
    assert (_cluster(db, b), _cluster(db, c)) == (a, other)


def test_five_reprints_report_one_milestone_five_times(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    started = [ms("金港智能装备产业园项目", "started", "done", "2024-09-12", evidence="集中开工")]
    variants = [
        STORY,
        [LEAD + STORY[0], *STORY[1:]],
        [*STORY, CREDIT],
        STORY[:-1],
        [s2t(p) for p in STORY],
    ]
    for i, paras in enumerate(variants):
        name = "金港智能裝備產業園" if i == 4 else "金港智能装备产业园项目"
        m = [ms(name, "started", "done", "2024-09-12", evidence="集中开工")] if i == 4 else started
        save_article(
            db, make_article(paras, url=f"http://s{i}.gov.cn/1.htm", milestones=m), source=f"s{i}"
        )
    assert count(db, "articles") == 5
    assert count(db, "projects") == 1
    assert count(db, "milestones") == 1
    assert count(db, "milestone_reports") == 5
    assert db.execute("SELECT reports FROM milestones").fetchone()[0] == 5
    assert len({r[0] for r in db.execute("SELECT cluster_id FROM articles")}) == 1


def test_reprint_stored_by_another_process_is_found(tmp_path: Path) -> None:
    """A daemon's crawl children write the same file: each connection's in-memory
    buckets pick up signatures the others stored."""
    first = fresh_db(tmp_path)
    second = open_db(tmp_path / "govwatch.db")
    other = save_article(second, make_article(OTHER_STORY, url="http://c.gov.cn/1.htm"), source="c")
    a = save_article(first, make_article(STORY, url="http://a.gov.cn/1.htm"), source="a")
    b = save_article(
        second, make_article([LEAD + STORY[0], *STORY[1:]], url="http://b.gov.cn/1.htm"), source="b"
    )
    assert _cluster(second, b) == a
    assert _cluster(second, other) == other


def test_failed_save_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.store as store

    db = fresh_db(tmp_path)

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_record_milestones", crash)
    with pytest.raises(RuntimeError):
        save_article(db, make_article(STORY, url="http://a.gov.cn/1.htm"), source="a")
    assert count(db, "articles") == 0
    assert count(db, "article_minhash") == 0
    monkeypatch.undo()
    # the same page saved again works, and its reprints find it
    a = save_article(db, make_article(STORY, url="http://a.gov.cn/1.htm"), source="a")
    b = save_article(db, make_article(STORY[:-1], url="http://b.gov.cn/1.htm"), source="b")
    c = save_article(db, make_article(OTHER_STORY, url="http://c.gov.cn/1.htm"), source="c")
    assert (_cluster(db, b), _cluster(db, c)) == (a, c)
