"""The store's schema, written as Python dicts and applied by sqlite-utils.

No SQL file to keep in sync: `migrate` creates every table, index, view and
the full-text index, and brings an older database up to date
(`create(..., transform=True)` adds the columns a newer version needs). A
fingerprint of this module's schema is kept in PRAGMA user_version, so
`pipelines.store.open_db` migrates only when the schema changed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Any

import sqlite_utils

SCHEMA_VERSION = 1


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
        "article_minhash",  # each article's MinHash signature: the LSH index is rebuilt from these
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
        db.execute("DROP TABLE IF EXISTS article_bands")  # buckets of early versions: now in memory
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
