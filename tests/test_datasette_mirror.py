"""Datasette over a database built by crawling the offline mirror of the five sites.

The expected rows are computed here from the stored tables by other means
(Python over the articles, plain SQL over the base tables), then compared
with what the running Datasette returns for the search and canned queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from crawl_helpers import run_crawl
from store_helpers import rows_of, serve_datasette

from crawler.mirror.server import MirrorServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, sqlite3.Connection]]:
    db = tmp_path_factory.mktemp("mirror-serve") / "govwatch.db"
    with MirrorServer() as server:
        proc, _ = run_crawl(server.url, db)
        assert proc.returncode == 0, proc.stderr[-3000:]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    with serve_datasette(db) as base:
        yield base, conn
    conn.close()


def test_search_for_kaigong_finds_every_article_that_says_it(crawled) -> None:
    base, conn = crawled
    expected = {
        r["id"]
        for r in conn.execute("SELECT id, title_simplified, body_simplified FROM articles")
        if "开工" in (r["title_simplified"] or "") + (r["body_simplified"] or "")
    }
    assert expected  # the mirror's sites report construction starts
    assert {r["id"] for r in rows_of(base, "search", q="开工")} == expected


def test_new_milestones_are_every_milestone_of_a_first_crawl(crawled) -> None:
    base, conn = crawled
    expected = {r[0] for r in conn.execute("SELECT id FROM milestones WHERE is_new = 1")}
    assert expected
    assert {r["id"] for r in rows_of(base, "new_milestones_7d")} == expected


def test_milestones_by_city_and_type_add_up(crawled) -> None:
    base, conn = crawled
    expected = {
        (r[0], r[1]): r[2]
        for r in conn.execute(
            "SELECT p.city, m.type, count(*) FROM milestones m JOIN projects p ON p.id = m.project_id"
            " GROUP BY p.city, m.type"
        )
    }
    got = {
        (r["city"], r["type"]): r["milestones"] for r in rows_of(base, "milestones_by_city_type")
    }
    assert got == expected


def test_project_timeline_lists_a_reported_project(crawled) -> None:
    base, conn = crawled
    project_id, name = conn.execute(
        "SELECT p.id, p.name FROM projects p JOIN milestones m ON m.project_id = p.id"
        " GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1"
    ).fetchone()
    expected = {
        (r[0], r[1]) for r in conn.execute(
            "SELECT type, status FROM milestones WHERE project_id = ?", [project_id]
        )
    }  # fmt: skip
    got = {(r["type"], r["status"]) for r in rows_of(base, "project_timeline", project=name)
           if r["project"] == name}  # fmt: skip
    assert got == expected


def test_overdue_slips_and_spam_sites(crawled) -> None:
    base, conn = crawled
    overdue = {
        r[0] for r in conn.execute(
            "SELECT m.id FROM milestones m WHERE m.status = 'planned' AND m.due_by < date('now')"
            " AND NOT EXISTS (SELECT 1 FROM milestones d JOIN milestone_types dt ON dt.type = d.type"
            " JOIN milestone_types mt ON mt.type = m.type WHERE d.project_id = m.project_id"
            " AND d.status = 'done' AND dt.stage >= mt.stage)"
        )
    }  # fmt: skip
    assert {r["id"] for r in rows_of(base, "overdue")} == overdue
    slips = conn.execute("SELECT count(*) FROM milestone_slips").fetchone()[0]
    assert len(rows_of(base, "slips")) == slips
    spam = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT source, sum(spam) FROM articles GROUP BY source HAVING sum(spam) > 0"
        )
    }
    assert spam  # the mirror carries the seeds' injected SEO junk
    assert {r["source"]: r["spam_articles"] for r in rows_of(base, "spam_sites")} == spam
