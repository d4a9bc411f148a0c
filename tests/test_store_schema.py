"""The schema is created and migrated by code; runs and known URLs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_helpers import STORY, count, fresh_db, make_article

from pipelines.store import (
    finish_run,
    is_known,
    known_urls,
    open_db,
    save_article,
    schema_fingerprint,
    start_run,
)

CORE = {
    "sources", "crawl_runs", "articles", "article_minhash", "projects",
    "project_aliases", "milestone_types", "milestones", "milestone_reports", "milestone_slips",
}  # fmt: skip
VIEWS = {"milestone_timeline", "overdue_milestones", "milestone_slip_history", "source_spam"}


def test_open_db_creates_tables_views_keys_and_wal(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    assert set(db.table_names()) >= CORE
    assert set(db.view_names()) >= VIEWS
    assert "alerts" not in db.table_names()  # the scheduler's own tables are not ours
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db["articles"].pks == ["id"]
    fks = {(fk.column, fk.other_table) for fk in db["milestones"].foreign_keys}
    assert {("project_id", "projects"), ("first_article_id", "articles")} <= fks
    assert any(ix.unique and ix.columns == ["canonical_url"] for ix in db["articles"].indexes)
    assert any(
        ix.unique and ix.columns == ["project_id", "type", "status"]
        for ix in db["milestones"].indexes
    )
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO milestones (project_id, type, status) VALUES (999, 'started', 'done')"
        )


def test_older_database_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)  # what an early version wrote: fewer columns, no views
    conn.execute("CREATE TABLE sources (name TEXT PRIMARY KEY, title TEXT)")
    conn.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, url TEXT, canonical_url TEXT, source TEXT,"
        " title TEXT, body_simplified TEXT)"
    )
    conn.execute("INSERT INTO sources VALUES ('a', 'A')")
    conn.execute(
        "INSERT INTO articles VALUES (1, 'http://a.gov.cn/1.htm', 'http://a.gov.cn/1.htm', 'a',"
        " '旧文章', '项目开工建设')"
    )
    conn.commit()
    conn.close()
    db = open_db(path)
    assert {"cluster_id", "fetched_at", "spam"} <= set(db["articles"].columns_dict)
    assert db.execute("SELECT title FROM articles WHERE id = 1").fetchone()[0] == "旧文章"
    # the search index covers rows stored before it existed
    hits = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '开工建'").fetchall()
    assert hits == [(1,)]
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema_fingerprint()


def test_opening_an_up_to_date_database_writes_nothing(tmp_path: Path) -> None:
    fresh_db(tmp_path).close()
    path = tmp_path / "govwatch.db"
    conn = sqlite3.connect(path)
    conn.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        db = open_db(path)  # must not need it
        assert "articles" in db.table_names()
    finally:
        conn.rollback()
        conn.close()


def test_runs_record_counts_and_status(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    run = start_run(db, "zhenjiang")
    row = db["crawl_runs"].get(run)
    assert (row["source"], row["status"], row["finished_at"]) == ("zhenjiang", "running", None)
    finish_run(db, run, status="partial", pages=12, articles=9, errors=3, error_text="HTTP 500 x3")
    row = db["crawl_runs"].get(run)
    assert (row["status"], row["pages"], row["articles"], row["errors"]) == ("partial", 12, 9, 3)
    assert row["finished_at"] >= row["started_at"]
    assert db["sources"].get("zhenjiang")["name"] == "zhenjiang"


def test_known_urls_are_canonical_and_per_source(tmp_path: Path) -> None:
    db = fresh_db(tmp_path)
    save_article(db, make_article(STORY, url="http://a.gov.cn/1.htm?utm_source=x"), source="a")
    save_article(db, make_article(STORY[:2], url="http://b.gov.cn/2.htm"), source="b")
    assert known_urls(db) == {"http://a.gov.cn/1.htm", "http://b.gov.cn/2.htm"}
    assert known_urls(db, "b") == {"http://b.gov.cn/2.htm"}
    assert is_known(db, "http://A.gov.cn/1.htm#top")
    assert not is_known(db, "http://a.gov.cn/3.htm")
    assert count(db, "articles") == 2
