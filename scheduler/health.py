"""Source health after each crawl, Spidermon-style: checks say what is wrong, nothing more.

`check_run` is pure (facts of this run and the previous runs in, problems out);
`record_health` reads the facts from the store and writes one `source_health`
row per run; the digest (scheduler/findings.py) is the action that tells people.

Thresholds are deliberately coarse: a source is "in trouble" when a person
should look, not when one page timed out.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import sqlite_utils

from scheduler.outbox import utcnow

ERROR_RATE_WARN = 0.2  # more than 1 in 5 requests failing
ERROR_RATE_FAIL = 0.5
MIN_ERRORS = 3  # fewer failures than this are noise, whatever the rate
FIELD_SHARE_DROP = 0.5  # share of pages with a title/date falls below half of its usual value
MIN_ARTICLES_FOR_FIELDS = 3  # too few pages to judge a redesign
HISTORY_RUNS = 3  # "suddenly": compare with this many earlier finished runs


@dataclass(frozen=True)
class RunFacts:
    run_id: int
    source: str
    status: str  # as in crawl_runs: ok | partial | failed | aborted | running
    pages: int = 0
    articles: int = 0
    errors: int = 0
    with_title: int = 0
    with_date: int = 0
    error_text: str | None = None


@dataclass(frozen=True)
class Problem:
    check: str
    level: str  # "warning" | "error"
    message: str


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def check_run(run: RunFacts, history: list[RunFacts]) -> list[Problem]:
    """Problems with `run` of one source, given its earlier runs (newest first)."""
    problems: list[Problem] = []
    if run.status == "aborted":
        return problems  # stopped by the operator (daemon shutdown): not the site's fault
    if run.status == "failed":
        reason = (run.error_text or run.status).splitlines()[0][:200]
        problems.append(Problem("crawl_failed", "error", f"crawl {run.status}: {reason}"))
    if run.errors >= MIN_ERRORS:
        rate = _share(run.errors, run.pages + run.errors)
        if rate > ERROR_RATE_FAIL:
            problems.append(
                Problem(
                    "error_rate",
                    "error",
                    f"{run.errors} of {run.pages + run.errors} requests failed",
                )
            )
        elif rate > ERROR_RATE_WARN:
            problems.append(
                Problem(
                    "error_rate",
                    "warning",
                    f"{run.errors} of {run.pages + run.errors} requests failed",
                )
            )
    if (
        run.status in {"ok", "partial"}
        and run.articles == 0
        and run.errors >= max(MIN_ERRORS, run.pages / 2)
    ):
        # Every page failing the same way (a parser bug, a changed page) stores nothing.
        first = (run.error_text or "").strip().splitlines()
        problems.append(
            Problem(
                "nothing_stored",
                "error",
                f"stored no articles: {run.errors} errors on {run.pages} pages"
                + (f" (first: {first[0][:200]})" if first else ""),
            )
        )
    earlier = [h for h in history if h.status in {"ok", "partial"}][:HISTORY_RUNS]
    if run.status in {"ok", "partial"}:
        if run.pages == 0:
            problems.append(
                Problem(
                    "no_pages", "error", "fetched no pages at all (site down, blocked or moved?)"
                )
            )
        elif (
            run.articles == 0
            and len(earlier) >= HISTORY_RUNS
            and all(h.articles > 0 for h in earlier)
        ):
            usual = min(h.articles for h in earlier)
            problems.append(
                Problem(
                    "no_items",
                    "warning",
                    f"found no articles; each of the last {len(earlier)} runs found at least {usual}",
                )
            )
    if run.articles >= MIN_ARTICLES_FOR_FIELDS:
        for name, have in (("title", run.with_title), ("date", run.with_date)):
            share = _share(have, run.articles)
            usual_runs = [h for h in earlier if h.articles >= MIN_ARTICLES_FOR_FIELDS]
            usual = (
                sum(_share(getattr(h, f"with_{name}"), h.articles) for h in usual_runs)
                / len(usual_runs)
                if usual_runs
                else 1.0  # with no history, expect every page to have one
            )
            if share < usual * FIELD_SHARE_DROP:
                problems.append(
                    Problem(
                        f"lost_{name}s",
                        "warning",
                        f"only {have} of {run.articles} pages had a {name} (usually {usual:.0%}): "
                        "page layout changed?",
                    )
                )
    return problems


def level_of(problems: list[Problem]) -> str:
    if any(p.level == "error" for p in problems):
        return "error"
    return "warning" if problems else "ok"


_RUN_FACTS = """
SELECT r.id, r.source, r.status, coalesce(r.pages, 0), coalesce(r.articles, 0),
       coalesce(r.errors, 0),
       (SELECT count(*) FROM articles a WHERE a.run_id = r.id AND coalesce(a.title, '') != ''),
       (SELECT count(*) FROM articles a WHERE a.run_id = r.id AND coalesce(a.published, '') != ''),
       r.error_text
FROM crawl_runs r
"""


def run_facts(db: sqlite_utils.Database, run_id: int) -> RunFacts | None:
    row = db.execute(_RUN_FACTS + " WHERE r.id = ?", [run_id]).fetchone()
    return RunFacts(*row) if row else None


def history_of(db: sqlite_utils.Database, source: str, before_run: int) -> list[RunFacts]:
    rows = db.execute(
        _RUN_FACTS + " WHERE r.source = ? AND r.id < ? ORDER BY r.id DESC LIMIT 10",
        [source, before_run],
    ).fetchall()
    return [RunFacts(*row) for row in rows]


def should_notify(problems: list[Problem], previous: list[Problem] | None) -> bool:
    """The action's rule: tell people when trouble starts or changes, not on every run of a
    source that stays broken (a 15-minute schedule would otherwise mail all night)."""
    if not problems:
        return False
    if previous is None:
        return True
    return {(p.check, p.level) for p in problems} != {(p.check, p.level) for p in previous}


def _previous_problems(db: sqlite_utils.Database, source: str, run_id: int) -> list[Problem] | None:
    row = db.execute(
        "SELECT problems FROM source_health WHERE source = ? AND run_id < ? ORDER BY run_id DESC LIMIT 1",
        [source, run_id],
    ).fetchone()
    if row is None:
        return None
    return [Problem(**p) for p in json.loads(row[0] or "[]")]


def record_health(db: sqlite_utils.Database, run_id: int) -> tuple[str, list[Problem]]:
    """Check one finished run and store the result (once per run)."""
    facts = run_facts(db, run_id)
    if facts is None:
        return "ok", []
    problems = check_run(facts, history_of(db, facts.source, run_id))
    level = level_of(problems)
    notify = should_notify(problems, _previous_problems(db, facts.source, run_id))
    with db.conn:
        if db.execute("SELECT 1 FROM source_health WHERE run_id = ?", [run_id]).fetchone():
            return level, problems
        db.conn.execute(
            "INSERT INTO source_health (source, run_id, checked_at, level, problems, pages, articles,"
            " errors, with_title, with_date, notify) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                facts.source,
                run_id,
                utcnow(),
                level,
                json.dumps([asdict(p) for p in problems], ensure_ascii=False),
                facts.pages,
                facts.articles,
                facts.errors,
                facts.with_title,
                facts.with_date,
                int(notify),
            ),
        )
    return level, problems
