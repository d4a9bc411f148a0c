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

import hashlib
import json
import sqlite3
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

SCHEMA_VERSION = 1
CACHE_KIB = 64 * 1024  # page cache per connection: the LSH bucket index is written at random places


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
        {"bucket": int, "article_id": int},
        None,
        [("article_id", "articles", "id")],
        [["bucket", "article_id"]],
        [],
    ),
    (
        "article_minhash",  # each article's MinHash signature: verifies LSH candidates cheaply
        {"article_id": int, "signature": bytes},
        "article_id",
        [("article_id", "articles", "id")],
        [],
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
            "phase": int,
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
        "milestone_types",  # the six types, their order and labels (see MILESTONE_TYPE_ROWS)
        {"type": str, "stage": int, "label_zh": str, "label_en": str},
        "type",
        [],
        [],
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
            ("type", "milestone_types", "type"),
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


def schema_fingerprint() -> int:
    """A number that changes whenever the schema written in this module changes; kept in
    PRAGMA user_version so an up-to-date database is recognised without any write."""
    text = repr((SCHEMA_VERSION, TABLES, VIEWS, MILESTONE_TYPE_ROWS, FTS_SQL, FTS_TRIGGERS))
    return int(hashlib.sha1(text.encode()).hexdigest()[:7], 16)


def migrate(db: sqlite_utils.Database) -> None:
    """Create every core table, index, view and the search index, or bring an older
    database up to date, in one transaction.

    BEGIN IMMEDIATE takes the write lock first, so two processes migrating at
    once queue on the busy timeout instead of failing to upgrade a read lock.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] == schema_fingerprint():
            db.execute("COMMIT")  # another process migrated while we waited
            return
        for name, columns, pk, fks, indexes, uniques in TABLES:
            db[name].create(columns, pk=pk, foreign_keys=fks, transform=True)
            for cols in indexes:
                db[name].create_index(
                    cols, if_not_exists=True, index_name=f"idx_{name}_{'_'.join(cols)}"
                )
            for cols in uniques:
                db[name].create_index(
                    cols, unique=True, if_not_exists=True, index_name=f"uq_{name}_{'_'.join(cols)}"
                )
        db["milestone_types"].upsert_all(MILESTONE_TYPE_ROWS, pk="type")
        for view, sql in VIEWS.items():
            db.execute(f"DROP VIEW IF EXISTS {view}")
            db.execute(f"CREATE VIEW {view} AS {sql}")
        _enable_search(db)
        db.execute(f"PRAGMA user_version = {schema_fingerprint()}")
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise


def fts_tokenizer() -> str:
    """'trigram' where SQLite has it (3.34+), else FTS5's default 'unicode61'.

    unicode61 treats a run of Chinese characters between punctuation as one
    word, so on an older SQLite the search box only finds whole clauses; the
    `search` canned query (LIKE for short words) still finds 开工 and the like.
    """
    return "trigram" if sqlite3.sqlite_version_info >= (3, 34, 0) else "unicode61"


# FTS5 over the Simplified title and body, as an external-content index of
# `articles` (no second copy of the text). Datasette's search box finds it
# (content="articles" is what it looks for; metadata also names it). The
# trigram tokenizer indexes every 3-character substring, so any word of 3+
# characters is found without a Chinese word segmenter; words of 1-2
# characters (开工, 投产) produce no trigram and match nothing, hence the
# `search` canned query. Written here rather than with sqlite-utils'
# enable_fts: its update trigger re-indexes the body on every UPDATE (each
# cluster or representative change), and it runs executescript, which
# commits in the middle of a migration.
FTS_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
    'title_simplified, body_simplified, content="articles", content_rowid="id",'
    " tokenize='{tokenizer}')"
)
FTS_TRIGGERS = {
    "articles_fts_ai": "AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts (rowid, title_simplified, body_simplified)"
    " VALUES (new.id, new.title_simplified, new.body_simplified); END",
    "articles_fts_ad": "AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts (articles_fts, rowid, title_simplified, body_simplified)"
    " VALUES ('delete', old.id, old.title_simplified, old.body_simplified); END",
    "articles_fts_au": "AFTER UPDATE OF title_simplified, body_simplified ON articles BEGIN"
    " INSERT INTO articles_fts (articles_fts, rowid, title_simplified, body_simplified)"
    " VALUES ('delete', old.id, old.title_simplified, old.body_simplified);"
    " INSERT INTO articles_fts (rowid, title_simplified, body_simplified)"
    " VALUES (new.id, new.title_simplified, new.body_simplified); END",
}


def _enable_search(db: sqlite_utils.Database) -> None:
    existed = db["articles_fts"].exists()
    db.execute(FTS_SQL.format(tokenizer=fts_tokenizer()))
    for name, body in FTS_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    if not existed:  # index what was stored before search existed
        db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


# Stage order lets a later stage reported done settle an earlier plan (a plant
# reported operating has been completed, whatever the plan said).
MILESTONE_TYPE_ROWS: list[dict[str, Any]] = [
    {"type": "signed", "stage": 1, "label_zh": "签约", "label_en": "signed"},
    {"type": "approved", "stage": 2, "label_zh": "审批/许可", "label_en": "approved"},
    {"type": "started", "stage": 3, "label_zh": "开工", "label_en": "construction started"},
    {"type": "topped_out", "stage": 4, "label_zh": "封顶", "label_en": "topped out"},
    {"type": "completed", "stage": 5, "label_zh": "竣工", "label_en": "completed"},
    {"type": "operating", "stage": 6, "label_zh": "投产/运营", "label_en": "operating"},
]

VIEWS: dict[str, str] = {
    # One row per milestone, readable: what Datasette's facets and the digest use.
    "milestone_timeline": """
SELECT m.id, m.project_id, p.name AS project, p.city, p.parent_id, m.type, t.label_zh AS type_zh,
       t.stage, m.status, m.date, m.original_date, m.due_by, m.slips, m.reports, m.is_new,
       m.first_reported_at, m.last_reported_at, m.first_article_id, a.title AS first_title,
       a.url AS first_url, a.source AS first_source, p.investment_cny
FROM milestones m
JOIN projects p ON p.id = m.project_id
JOIN milestone_types t ON t.type = m.type
LEFT JOIN articles a ON a.id = m.first_article_id""",
    # A planned milestone whose planned period has ended with no done report of it
    # (or of a later stage) for the same project.
    "overdue_milestones": """
SELECT m.id, p.name AS project, p.city, m.type, t.label_zh AS type_zh, m.date AS planned_date,
       m.due_by, m.original_date, m.slips, m.reports, m.first_reported_at, m.last_reported_at,
       CAST(julianday('now') - julianday(m.due_by) AS INTEGER) AS days_overdue
FROM milestones m
JOIN projects p ON p.id = m.project_id
JOIN milestone_types t ON t.type = m.type
WHERE m.status = 'planned' AND m.due_by IS NOT NULL AND m.due_by < date('now')
  AND NOT EXISTS (
    SELECT 1 FROM milestones d JOIN milestone_types dt ON dt.type = d.type
    WHERE d.project_id = m.project_id AND d.status = 'done' AND dt.stage >= t.stage)""",
    "milestone_slip_history": """
SELECT s.id, s.milestone_id, p.name AS project, p.city, m.type, t.label_zh AS type_zh,
       s.from_date, s.to_date,
       s.detected_at, fa.url AS from_url, ta.url AS to_url, ta.title AS to_title
FROM milestone_slips s
JOIN milestones m ON m.id = s.milestone_id
JOIN projects p ON p.id = m.project_id
JOIN milestone_types t ON t.type = m.type
LEFT JOIN articles fa ON fa.id = s.from_article_id
LEFT JOIN articles ta ON ta.id = s.to_article_id""",
    # Per source: how many stored pages carried injected spam (SEO junk the parsers dropped).
    "source_spam": """
SELECT source, count(*) AS articles, sum(spam) AS spam_articles,
       round(100.0 * sum(spam) / count(*), 1) AS spam_percent,
       max(CASE WHEN spam THEN fetched_at END) AS last_spam_at
FROM articles GROUP BY source""",
}


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
        index = LshIndex(db.conn)
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


def _update_timeline(db: sqlite_utils.Database, milestone_id: int, status: str) -> None:
    """Re-derive a milestone's date, due date and slips from all its reports, in the
    order their articles were published (crawls meet articles newest first)."""
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
                now_utc(),
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
            _update_timeline(db, milestone_id, m.status)


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
