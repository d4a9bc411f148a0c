"""The SQLite store: schema, crawl runs, articles, projects, milestones.

The schema is written here as Python dicts and applied by sqlite-utils on every
`open_db` (`create(..., transform=True)` adds columns that a newer version
needs), so there is no SQL file to keep in sync and an old database migrates
itself. Every `save_article` is one transaction: a crash leaves either the whole
article with its clusters, projects and milestones, or nothing.

Other layers call only: open_db, start_run, finish_run, known_urls, is_known,
save_article (and the digest queries at the bottom).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils

from pipelines.dedup import (
    band_keys,
    canonical_url,
    is_reprint,
    shingle_hashes,
    signature,
    similarity,
    text_hash,
)
from pipelines.projects import clean_name, name_key
from pipelines.records import Article

SCHEMA_VERSION = 1


def now_utc() -> str:
    """Timestamps are UTC in SQLite's own format, so datetime('now', '-7 days') compares."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


# ---------------------------------------------------------------- schema

# (table, columns, pk, foreign keys, indexes, unique indexes)
TABLES: list[
    tuple[str, dict[str, Any], Any, list[tuple[str, str, str]], list[list[str]], list[list[str]]]
] = [
    (
        "sources",
        {"name": str, "title": str, "city": str, "created_at": str},
        "name",
        [],
        [],
        [],
    ),
    (
        "crawl_runs",
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running | ok | partial | failed
            "pages": int,
            "articles": int,
            "errors": int,
            "error_text": str,
        },
        "id",
        [("source", "sources", "name")],
        [["source", "started_at"]],
        [],
    ),
    (
        "articles",
        {
            "id": int,
            "url": str,
            "canonical_url": str,
            "source": str,
            "run_id": int,
            "fetched_at": str,
            "updated_at": str,
            "title": str,
            "title_simplified": str,
            "published": str,
            "outlet": str,
            "city": str,
            "authors": str,  # JSON list
            "editors": str,  # JSON list
            "body": str,
            "body_simplified": str,
            "body_chars": int,
            "text_hash": str,
            "spam": int,
            "spam_lines": str,  # JSON list
            "garbled": int,
            "garbled_runs": str,  # JSON list
            "encoding": str,
            "milestones": str,  # JSON list of Milestone.to_dict()
            "stats": str,  # JSON list of Stat.to_dict()
            "cluster_id": int,
            "is_representative": int,
        },
        "id",
        [
            ("source", "sources", "name"),
            ("run_id", "crawl_runs", "id"),
            ("cluster_id", "articles", "id"),
        ],
        [["source"], ["text_hash"], ["cluster_id"], ["city"], ["published"], ["fetched_at"]],
        [["canonical_url"]],
    ),
    (
        "article_bands",  # MinHash LSH buckets of each article, so clustering survives restarts
        {"article_id": int, "band": int, "bucket": int},
        ("article_id", "band"),
        [("article_id", "articles", "id")],
        [["bucket"]],
        [],
    ),
    (
        "projects",
        {
            "id": int,
            "name": str,
            "name_key": str,
            "city": str,
            "city_key": str,  # city or "" when unknown: the resolution bucket
            "phase": str,
            "parent_id": int,
            "aliases": str,  # JSON list, mirrored from project_aliases for browsing
            "investment_cny": int,
            "first_reported_at": str,
            "first_article_id": int,
        },
        "id",
        [("parent_id", "projects", "id"), ("first_article_id", "articles", "id")],
        [["city"], ["name_key"], ["parent_id"]],
        [],
    ),
    (
        "project_aliases",
        {"city_key": str, "alias_key": str, "alias": str, "project_id": int},
        ("city_key", "alias_key"),
        [("project_id", "projects", "id")],
        [["project_id"]],
        [],
    ),
    (
        "milestones",
        {
            "id": int,
            "project_id": int,
            "type": str,
            "status": str,
            "date": str,
            "original_date": str,
            "due_by": str,  # planned: last day of the planned period (overdue after it)
            "first_reported_at": str,
            "first_article_id": int,
            "first_run_id": int,
            "last_reported_at": str,
            "reports": int,
            "slips": int,
            "is_new": int,
        },
        "id",
        [
            ("project_id", "projects", "id"),
            ("first_article_id", "articles", "id"),
            ("first_run_id", "crawl_runs", "id"),
        ],
        [["first_reported_at"], ["type", "status"], ["due_by"]],
        [["project_id", "type", "status"]],
    ),
    (
        "milestone_reports",
        {
            "id": int,
            "milestone_id": int,
            "article_id": int,
            "project_name": str,
            "date": str,
            "investment_cny": int,
            "evidence": str,
            "published": str,
            "reported_at": str,
        },
        "id",
        [("milestone_id", "milestones", "id"), ("article_id", "articles", "id")],
        [["article_id"]],
        [["milestone_id", "article_id"]],
    ),
    (
        "milestone_slips",
        {
            "id": int,
            "milestone_id": int,
            "from_date": str,
            "to_date": str,
            "from_article_id": int,
            "to_article_id": int,
            "detected_at": str,
        },
        "id",
        [
            ("milestone_id", "milestones", "id"),
            ("from_article_id", "articles", "id"),
            ("to_article_id", "articles", "id"),
        ],
        [["detected_at"]],
        [["milestone_id", "from_date", "to_date"]],
    ),
]


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating or migrating) the database at `path` in WAL mode.

    WAL lets Datasette and the alert digest read while a crawl writes;
    synchronous=NORMAL is the WAL setting that survives a crash of the process
    (a power cut may lose the last commits, never corrupt the file) without an
    fsync per saved article.
    """
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    migrate(db)
    return db


def migrate(db: sqlite_utils.Database) -> None:
    """Create every core table, index and view, or bring an older database up to date."""
    with db.atomic():
        for name, columns, pk, fks, indexes, uniques in TABLES:
            db[name].create(columns, pk=pk, foreign_keys=fks, transform=True, if_not_exists=False)
            for cols in indexes:
                db[name].create_index(
                    cols,
                    if_not_exists=True,
                    find_unique_name=False,
                    index_name=f"idx_{name}_{'_'.join(cols)}",
                )
            for cols in uniques:
                db[name].create_index(
                    cols, unique=True, if_not_exists=True, index_name=f"uq_{name}_{'_'.join(cols)}"
                )
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# ---------------------------------------------------------------- runs


def _ensure_source(db: sqlite_utils.Database, source: str, city: str | None = None) -> None:
    db.execute(
        "INSERT OR IGNORE INTO sources (name, title, city, created_at) VALUES (?, ?, ?, ?)",
        [source, source, city, now_utc()],
    )


def start_run(db: sqlite_utils.Database, source: str) -> int:
    """Record that a crawl of `source` began; returns the run id to pass to save_article."""
    with db.atomic():
        _ensure_source(db, source)
        cur = db.execute(
            "INSERT INTO crawl_runs (source, started_at, status, pages, articles, errors)"
            " VALUES (?, ?, 'running', 0, 0, 0)",
            [source, now_utc()],
        )
        return int(cur.lastrowid)


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    *,
    status: str,
    pages: int,
    articles: int,
    errors: int,
    error_text: str | None = None,
) -> None:
    """Close a run with its counts; status is e.g. "ok", "partial" or "failed"."""
    with db.atomic():
        db.execute(
            "UPDATE crawl_runs SET finished_at = ?, status = ?, pages = ?, articles = ?,"
            " errors = ?, error_text = ? WHERE id = ?",
            [now_utc(), status, pages, articles, errors, error_text, run_id],
        )


def known_urls(db: sqlite_utils.Database, source: str | None = None) -> set[str]:
    """Canonical URLs already stored (for one source, or all)."""
    if source is None:
        rows = db.execute("SELECT canonical_url FROM articles")
    else:
        rows = db.execute("SELECT canonical_url FROM articles WHERE source = ?", [source])
    return {r[0] for r in rows}


def is_known(db: sqlite_utils.Database, url: str) -> bool:
    """Whether the page at `url` (any spelling) is already stored."""
    row = db.execute(
        "SELECT 1 FROM articles WHERE canonical_url = ? LIMIT 1", [canonical_url(url)]
    ).fetchone()
    return row is not None


# ---------------------------------------------------------------- articles


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def article_row(article: Article) -> dict[str, Any]:
    """The one place an Article becomes a row of `articles` (content columns only)."""
    return {
        "url": article.url,
        "title": article.title,
        "title_simplified": article.title_simplified,
        "published": article.published,
        "outlet": article.outlet,
        "city": article.city,
        "authors": _json(article.authors),
        "editors": _json(article.editors),
        "body": article.body,
        "body_simplified": article.body_simplified,
        "body_chars": len(article.body_simplified or ""),
        "text_hash": text_hash(article.body_simplified),
        "spam": int(bool(article.spam)),
        "spam_lines": _json(article.spam_lines),
        "garbled": int(bool(article.garbled)),
        "garbled_runs": _json(article.garbled_runs),
        "encoding": article.encoding,
        "milestones": _json([m.to_dict() for m in article.milestones]),
        "stats": _json([s.to_dict() for s in article.stats]),
    }


def _article_key(article: Article) -> str:
    """Canonical URL; an article without one (a file on disk) is keyed by its text."""
    if article.url:
        return canonical_url(article.url)
    return f"text:{text_hash(article.body_simplified) or ''}:{article.title or ''}"


def save_article(
    db: sqlite_utils.Database,
    article: Article,
    *,
    source: str,
    run_id: int | None = None,
    fetched_at: str | None = None,
) -> int:
    """Store one article and everything derived from it; returns the article id.

    Idempotent on the canonical URL: saving the same page again updates its
    content but keeps its id, fetch time and run, and creates no new cluster,
    project, milestone or report for what was already known.
    """
    fetched_at = fetched_at or now_utc()
    key = _article_key(article)
    row = article_row(article)
    with db.atomic():
        _ensure_source(db, source, article.city)
        existing = db.execute("SELECT id FROM articles WHERE canonical_url = ?", [key]).fetchone()
        if existing:
            article_id = int(existing[0])
            sets = ", ".join(f"{col} = ?" for col in row)
            db.execute(
                f"UPDATE articles SET {sets}, updated_at = ? WHERE id = ?",
                [*row.values(), now_utc(), article_id],
            )
        else:
            cols = {
                **row,
                "canonical_url": key,
                "source": source,
                "run_id": run_id,
                "fetched_at": fetched_at,
                "updated_at": fetched_at,
                "is_representative": 0,
            }
            cur = db.execute(
                f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                list(cols.values()),
            )
            article_id = int(cur.lastrowid)
        _assign_cluster(db, article_id, row["text_hash"], article.body_simplified)
        _record_milestones(db, article, article_id, run_id, fetched_at)
    return article_id


# ---------------------------------------------------------------- clusters


MAX_CANDIDATES = 20  # near-duplicate candidates verified per article, most shared bands first


def _assign_cluster(
    db: sqlite_utils.Database, article_id: int, thash: str | None, body_simplified: str
) -> int:
    """Put the article into the cluster of an exact copy or a verified near-duplicate,
    or a cluster of its own; index its LSH bands; re-pick the cluster's best copy.

    An article keeps its cluster once assigned, so re-saving it changes nothing.
    """
    current = db.execute("SELECT cluster_id FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    if current is not None:
        _pick_representative(db, current)
        return int(current)
    cluster_id = None
    if thash:
        other = db.execute(
            "SELECT cluster_id FROM articles WHERE text_hash = ? AND id != ?"
            " AND cluster_id IS NOT NULL ORDER BY id LIMIT 1",
            [thash, article_id],
        ).fetchone()
        if other:
            cluster_id = int(other[0])
    hashes = shingle_hashes(body_simplified)
    sig = signature(hashes)
    keys = band_keys(sig) if sig is not None else []
    if cluster_id is None and keys:
        cluster_id = _near_duplicate_cluster(db, article_id, body_simplified, hashes, keys)
    if keys:
        db.conn.executemany(
            "INSERT OR IGNORE INTO article_bands (article_id, band, bucket) VALUES (?, ?, ?)",
            [(article_id, band, key) for band, key in enumerate(keys)],
        )
    if cluster_id is None:
        cluster_id = article_id
    db.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", [cluster_id, article_id])
    _pick_representative(db, cluster_id)
    return cluster_id


def _near_duplicate_cluster(
    db: sqlite_utils.Database, article_id: int, text: str, hashes: np.ndarray, keys: list[int]
) -> int | None:
    """The cluster of the most similar stored article that passes `is_reprint`, if any."""
    marks = ", ".join("?" for _ in keys)
    candidates = db.execute(
        f"SELECT b.article_id, a.cluster_id, a.body_simplified, count(*) AS shared"
        f" FROM article_bands b JOIN articles a ON a.id = b.article_id"
        f" WHERE b.bucket IN ({marks}) AND b.article_id != ?"
        f" GROUP BY b.article_id ORDER BY shared DESC, b.article_id LIMIT {MAX_CANDIDATES}",
        [*keys, article_id],
    ).fetchall()
    best: tuple[float, int] | None = None
    for _other_id, other_cluster, other_body, _shared in candidates:
        other_hashes = shingle_hashes(other_body or "")
        if other_cluster is None or not is_reprint(text, other_body or "", hashes, other_hashes):
            continue
        jac = similarity(hashes, other_hashes)[0]
        if best is None or jac > best[0]:
            best = (jac, int(other_cluster))
    return best[1] if best else None


def _pick_representative(db: sqlite_utils.Database, cluster_id: int) -> None:
    """The best copy: not garbled, has a publication date, longest clean body; then oldest."""
    best = db.execute(
        "SELECT id FROM articles WHERE cluster_id = ?"
        " ORDER BY garbled ASC, (published IS NULL OR published = '') ASC, body_chars DESC, id ASC"
        " LIMIT 1",
        [cluster_id],
    ).fetchone()[0]
    db.execute(
        "UPDATE articles SET is_representative = (id = ?) WHERE cluster_id = ?"
        " AND is_representative IS NOT (id = ?)",
        [best, cluster_id, best],
    )


# ---------------------------------------------------------------- projects and milestones


def _resolve_project(
    db: sqlite_utils.Database, name: str, city: str | None, article_id: int, at: str
) -> int:
    city_key = city or ""
    key = name_key(name)
    row = db.execute(
        "SELECT project_id FROM project_aliases WHERE city_key = ? AND alias_key = ?",
        [city_key, key],
    ).fetchone()
    if row:
        return int(row[0])
    display = clean_name(name)
    cur = db.execute(
        "INSERT INTO projects (name, name_key, city, city_key, aliases, first_reported_at,"
        " first_article_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [display, key, city, city_key, _json([display]), at, article_id],
    )
    project_id = int(cur.lastrowid)
    db.execute(
        "INSERT INTO project_aliases (city_key, alias_key, alias, project_id) VALUES (?, ?, ?, ?)",
        [city_key, key, display, project_id],
    )
    return project_id


def _record_milestones(
    db: sqlite_utils.Database, article: Article, article_id: int, run_id: int | None, at: str
) -> None:
    for m in article.milestones:
        if not m.project:
            continue
        project_id = _resolve_project(db, m.project, article.city, article_id, at)
        if m.investment_cny:
            db.execute(
                "UPDATE projects SET investment_cny = ? WHERE id = ? AND investment_cny IS NULL",
                [m.investment_cny, project_id],
            )
        ms = db.execute(
            "SELECT id FROM milestones WHERE project_id = ? AND type = ? AND status = ?",
            [project_id, m.type, m.status],
        ).fetchone()
        if ms:
            milestone_id = int(ms[0])
        else:
            cur = db.execute(
                "INSERT INTO milestones (project_id, type, status, date, original_date,"
                " first_reported_at, first_article_id, first_run_id, last_reported_at, reports,"
                " slips, is_new) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 1)",
                [project_id, m.type, m.status, m.date, m.date, at, article_id, run_id, at],
            )
            milestone_id = int(cur.lastrowid)
        db.execute(
            "INSERT OR IGNORE INTO milestone_reports (milestone_id, article_id, project_name, date,"
            " investment_cny, evidence, published, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                milestone_id,
                article_id,
                clean_name(m.project),
                m.date,
                m.investment_cny,
                m.evidence,
                article.published,
                at,
            ],
        )
        db.execute(
            "UPDATE milestones SET reports = (SELECT count(*) FROM milestone_reports"
            " WHERE milestone_id = ?) WHERE id = ?",
            [milestone_id, milestone_id],
        )


# ---------------------------------------------------------------- digest queries


def new_milestones(db: sqlite_utils.Database, since: str) -> list[dict[str, Any]]:
    """Milestones first reported at or after `since` ("YYYY-MM-DD[ HH:MM:SS]", UTC)."""
    sql = (
        "SELECT m.*, p.name AS project, p.city AS city, p.investment_cny AS investment_cny"
        " FROM milestones m JOIN projects p ON p.id = m.project_id"
        " WHERE m.is_new = 1 AND m.first_reported_at >= ? ORDER BY m.first_reported_at, m.id"
    )
    return [dict(r) for r in db.query(sql, [since])]
