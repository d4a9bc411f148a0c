"""The SQLite store: schema, crawl runs, articles, projects, milestones.

The schema lives in pipelines/store_schema.py as Python dicts, applied by
sqlite-utils when `open_db` finds an older database. Every `save_article` is one
transaction: a crash leaves either the whole article with its clusters,
projects and milestones, or nothing.

Other layers call only: open_db, start_run, finish_run, known_urls, is_known,
save_article / save_articles, and the digest queries at the bottom
(new_milestones, slips_since, overdue).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils

from pipelines.dedup import (
    LshIndex,
    canonical_url,
    is_reprint,
    shingle_hashes,
    similarity,
    sketch,
    text_hash,
)
from pipelines.projects import (
    ProjectName,
    clean_name,
    done_date,
    parent_display,
    parse_name,
    period,
    plan_history,
    resolve,
)
from pipelines.records import MILESTONE_TYPES, Article, Milestone
from pipelines.store_schema import migrate, schema_fingerprint

__all__ = [
    "finish_run",
    "is_known",
    "known_urls",
    "migrate",
    "new_milestones",
    "open_db",
    "overdue",
    "save_article",
    "save_articles",
    "schema_fingerprint",
    "slips_since",
    "start_run",
]

CACHE_KIB = 64 * 1024  # page cache per connection (64 MiB): a save reads back what it just wrote


def now_utc() -> str:
    """Timestamps are UTC in SQLite's own format, so datetime('now', '-7 days') compares."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


# ---------------------------------------------------------------- opening


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating or migrating) the database at `path` in WAL mode.

    WAL lets Datasette and the alert digest read while a crawl writes;
    synchronous=NORMAL is the WAL setting that survives a crash of the process
    (a power cut may lose the last commits, never corrupt the file) without an
    fsync per saved article. Opening an up-to-date database writes nothing, so
    many processes may open it at once.
    """
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    db.execute("PRAGMA foreign_keys = ON")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    if db.execute("PRAGMA user_version").fetchone()[0] != schema_fingerprint():
        migrate(db)
    return db


# ---------------------------------------------------------------- runs


def _ensure_source(db: sqlite_utils.Database, source: str, city: str | None = None) -> None:
    """A `sources` row for every source written to; its city is the first one an article names."""
    db.execute(
        "INSERT INTO sources (name, title, city, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET city = coalesce(sources.city, excluded.city)",
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
    try:
        with db.atomic():
            _ensure_source(db, source, article.city)
            existing = db.execute(
                "SELECT id FROM articles WHERE canonical_url = ?", [key]
            ).fetchone()
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
    except BaseException:
        _forget_index(db)
        raise
    return article_id


def save_articles(
    db: sqlite_utils.Database,
    articles: Iterable[Article],
    *,
    source: str,
    run_id: int | None = None,
    fetched_at: str | None = None,
    batch: int = 500,
) -> list[int]:
    """`save_article` for many articles (a backfill, a re-run), committing every
    `batch` articles instead of each one: the same rows, several times faster."""
    ids: list[int] = []
    pending = iter(articles)
    while chunk := list(islice(pending, batch)):
        with db.atomic():
            ids.extend(
                save_article(db, a, source=source, run_id=run_id, fetched_at=fetched_at)
                for a in chunk
            )
    return ids


# ---------------------------------------------------------------- clusters


def lsh_index(db: sqlite_utils.Database) -> LshIndex:
    """The near-duplicate index of this connection, built on first use."""
    index = getattr(db, "_govwatch_lsh", None)
    if index is None:
        index = LshIndex(db.conn)
        db._govwatch_lsh = index  # type: ignore[attr-defined]
    return index


def _forget_index(db: sqlite_utils.Database) -> None:
    """After a rollback the in-memory buckets may hold articles that were never stored."""
    if hasattr(db, "_govwatch_lsh"):
        del db._govwatch_lsh  # type: ignore[attr-defined]


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
    hashes, sig, keys = sketch(body_simplified)
    if sig is not None:
        index = lsh_index(db)
        if cluster_id is None:
            cluster_id = _near_duplicate_cluster(
                db, body_simplified, hashes, index.candidates(sig, keys, exclude=article_id)
            )
        index.add(article_id, sig, keys)
    if cluster_id is None:
        cluster_id = article_id
    db.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", [cluster_id, article_id])
    _pick_representative(db, cluster_id)
    return cluster_id


def _near_duplicate_cluster(
    db: sqlite_utils.Database, text: str, hashes: np.ndarray, candidates: list[int]
) -> int | None:
    """The cluster of the most similar candidate that passes `is_reprint` on full text."""
    if not candidates:
        return None
    marks = ", ".join("?" for _ in candidates)
    rows = db.execute(
        f"SELECT cluster_id, body_simplified FROM articles WHERE id IN ({marks})"
        " AND cluster_id IS NOT NULL",
        candidates,
    ).fetchall()
    best: tuple[float, int] | None = None
    for other_cluster, other_body in rows:
        other_hashes = shingle_hashes(other_body or "")
        if not is_reprint(text, other_body or "", hashes, other_hashes):
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


def _known_names(db: sqlite_utils.Database, city_key: str) -> list[tuple[int, ProjectName]]:
    """Every (project id, alias) of one city, as parsed names, for `projects.resolve`."""
    rows = db.execute(
        "SELECT a.project_id, a.alias, p.city FROM project_aliases a"
        " JOIN projects p ON p.id = a.project_id WHERE a.city_key = ?",
        [city_key],
    ).fetchall()
    return [(int(pid), parse_name(alias, city)) for pid, alias, city in rows]


def _add_alias(
    db: sqlite_utils.Database, project_id: int, city_key: str, name: ProjectName
) -> None:
    cur = db.execute(
        "INSERT OR IGNORE INTO project_aliases (city_key, alias_key, alias, project_id)"
        " VALUES (?, ?, ?, ?)",
        [city_key, name.key, name.display, project_id],
    )
    if cur.rowcount:
        aliases = [
            r[0]
            for r in db.execute(
                "SELECT alias FROM project_aliases WHERE project_id = ? ORDER BY rowid",
                [project_id],
            )
        ]
        db.execute("UPDATE projects SET aliases = ? WHERE id = ?", [_json(aliases), project_id])


def _resolve_project(
    db: sqlite_utils.Database, raw: str, city: str | None, article_id: int, at: str
) -> int:
    """The project `raw` names in `city`: an alias, a match (projects.resolve), or a new
    project; a phase gets a parent (found the same way, or created)."""
    city_key = city or ""
    name = parse_name(raw, city)
    row = db.execute(
        "SELECT project_id FROM project_aliases WHERE city_key = ? AND alias_key = ?",
        [city_key, name.key],
    ).fetchone()
    if row:
        return int(row[0])
    project_id = resolve(name, _known_names(db, city_key))
    if project_id is None:
        parent_id = None
        if name.phase is not None:
            parent_id = _resolve_project(db, parent_display(name), city, article_id, at)
        cur = db.execute(
            "INSERT INTO projects (name, name_key, city, city_key, phase, parent_id, aliases,"
            " first_reported_at, first_article_id) VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?)",
            [name.display, name.key, city, city_key, name.phase, parent_id, at, article_id],
        )
        project_id = int(cur.lastrowid)
    _add_alias(db, project_id, city_key, name)
    return project_id


def _milestone_id(
    db: sqlite_utils.Database,
    project_id: int,
    m: Milestone,
    article_id: int,
    run_id: int | None,
    at: str,
) -> int:
    """The milestone row for (project, type, status), created (and flagged new) on first report.

    A plan reported after the same milestone was already reported done is old
    news (a late reprint of a forecast): it is stored but not flagged new.
    """
    row = db.execute(
        "SELECT id FROM milestones WHERE project_id = ? AND type = ? AND status = ?",
        [project_id, m.type, m.status],
    ).fetchone()
    if row:
        return int(row[0])
    stale_plan = (
        m.status == "planned"
        and db.execute(
            "SELECT 1 FROM milestones WHERE project_id = ? AND type = ? AND status = 'done'",
            [project_id, m.type],
        ).fetchone()
        is not None
    )
    cur = db.execute(
        "INSERT INTO milestones (project_id, type, status, date, original_date, first_reported_at,"
        " first_article_id, first_run_id, last_reported_at, reports, slips, is_new)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
        [
            project_id,
            m.type,
            m.status,
            m.date,
            m.date,
            at,
            article_id,
            run_id,
            at,
            int(not stale_plan),
        ],
    )
    return int(cur.lastrowid)


def _update_timeline(db: sqlite_utils.Database, milestone_id: int, status: str, at: str) -> None:
    """Re-derive a milestone's date, due date and slips from all its reports, in the
    order their articles were published (crawls meet articles newest first). A new
    slip is stamped `at`, the fetch time of the report that revealed it."""
    reports = db.execute(
        "SELECT r.date, r.article_id, r.reported_at FROM milestone_reports r"
        " JOIN articles a ON a.id = r.article_id WHERE r.milestone_id = ?"
        " ORDER BY coalesce(nullif(a.published, ''), r.reported_at), r.id",
        [milestone_id],
    ).fetchall()
    dates = [r[0] for r in reports]
    last_reported = max(r[2] for r in reports)
    if status == "planned":
        current, original, slips = plan_history(dates)
        due_by = period(current)[1] if current else None
    else:
        current, original, slips, due_by = (
            done_date(dates),
            next((d for d in dates if d), None),
            [],
            None,
        )
    db.execute(
        "UPDATE milestones SET date = ?, original_date = ?, due_by = ?, reports = ?, slips = ?,"
        " last_reported_at = ? WHERE id = ?",
        [current, original, due_by, len(reports), len(slips), last_reported, milestone_id],
    )
    keep = []
    for slip in slips:
        keep.append((slip.from_date, slip.to_date))
        db.execute(
            "INSERT OR IGNORE INTO milestone_slips (milestone_id, from_date, to_date,"
            " from_article_id, to_article_id, detected_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                milestone_id,
                slip.from_date,
                slip.to_date,
                reports[slip.from_report][1],
                reports[slip.to_report][1],
                at,
            ],
        )
    # An article published between two known reports can split one slip into two.
    for from_date, to_date in db.execute(
        "SELECT from_date, to_date FROM milestone_slips WHERE milestone_id = ?", [milestone_id]
    ).fetchall():
        if (from_date, to_date) not in keep:
            db.execute(
                "DELETE FROM milestone_slips WHERE milestone_id = ? AND from_date = ? AND to_date = ?",
                [milestone_id, from_date, to_date],
            )


def _record_milestones(
    db: sqlite_utils.Database, article: Article, article_id: int, run_id: int | None, at: str
) -> None:
    """Projects, milestones and reports of one article; nothing new when it was seen before."""
    for m in article.milestones:
        if not m.project or m.type not in MILESTONE_TYPES or m.status not in ("done", "planned"):
            continue
        project_id = _resolve_project(db, m.project, article.city, article_id, at)
        if m.investment_cny:
            db.execute(
                "UPDATE projects SET investment_cny = ? WHERE id = ? AND investment_cny IS NULL",
                [m.investment_cny, project_id],
            )
        milestone_id = _milestone_id(db, project_id, m, article_id, run_id, at)
        cur = db.execute(
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
        if cur.rowcount:
            _update_timeline(db, milestone_id, m.status, at)


# ---------------------------------------------------------------- digest queries
#
# What the alert digest (scheduler/) reads. Times are UTC "YYYY-MM-DD HH:MM:SS",
# as stored; `since` may be a date or a full timestamp.


def new_milestones(db: sqlite_utils.Database, since: str) -> list[dict[str, Any]]:
    """Milestones reported for the first time at or after `since`, oldest first,
    with project, city, investment and the first article's title and URL."""
    return [
        dict(r)
        for r in db.query(
            "SELECT * FROM milestone_timeline WHERE is_new = 1 AND first_reported_at >= ?"
            " ORDER BY first_reported_at, id",
            [since],
        )
    ]


def slips_since(db: sqlite_utils.Database, since: str) -> list[dict[str, Any]]:
    """Planned dates found to have moved later at or after `since`."""
    return [
        dict(r)
        for r in db.query(
            "SELECT * FROM milestone_slip_history WHERE detected_at >= ? ORDER BY detected_at, id",
            [since],
        )
    ]


def overdue(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Planned milestones whose planned period has ended with no done report (today, UTC)."""
    return [dict(r) for r in db.query("SELECT * FROM overdue_milestones ORDER BY due_by, id")]
