"""Helpers for the scheduler tests: crawl functions a crawl child can be told to run
($GOVWATCH_CRAWL_FUNCTION), config files, a loopback SMTP server, db polling.

The fake crawls write through the real store API, so everything after the crawl
(health, digest, outbox, SMTP) runs on real rows. The final daemon and `run`
tests use the real crawler against the offline mirror instead.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipelines.records import Article, Milestone
from pipelines.store import finish_run, save_article, start_run
from scheduler.db import connect as open_db  # migrated by the parent: see scheduler/db.py

ROOT = Path(__file__).resolve().parents[1]

# Our own sentences, in the style of the sources (not copied from any page).
FAKE_PAGES: dict[str, list[dict[str, Any]]] = {
    "alpha": [
        {
            "url": "http://alpha.example.gov.cn/news/1.html",
            "title": "新能源电池材料项目正式开工",
            "published": "2026-03-02",
            "city": "镇江市",
            "milestones": [
                Milestone(
                    "新能源电池材料项目",
                    "started",
                    "done",
                    "2026-03-02",
                    1_250_000_000,
                    "3月2日，总投资12.5亿元的新能源电池材料项目正式开工。",
                ),
                Milestone(
                    "新能源电池材料项目",
                    "completed",
                    "planned",
                    "2027-10",
                    1_250_000_000,
                    "项目计划于2027年10月竣工。",
                ),
                # planned for a period already over when first read: overdue, not "new"
                Milestone(
                    "新能源电池材料项目",
                    "operating",
                    "planned",
                    "2025-06",
                    1_250_000_000,
                    "项目原计划2025年6月投产。",
                ),
            ],
            "spam_lines": [],
        },
        {
            "url": "http://alpha.example.gov.cn/news/2.html",
            "title": "智能装备产业园签约 <script>alert(1)</script>",
            "published": "2026-03-05",
            "city": "镇江市",
            "milestones": [
                Milestone(
                    "智能装备产业园",
                    "signed",
                    "done",
                    "2026-03-05",
                    300_000_000,
                    "智能装备产业园项目签约仪式举行 <b>x</b> & co",
                ),
            ],
            "spam_lines": ["澳门赌场在线 最新网址"],
        },
    ],
    "beta": [
        {
            "url": "http://beta.example.gov.cn/a/7.html",
            "title": "绵阳电子信息项目主体结构封顶",
            "published": "2026-04-01",
            "city": "绵阳市",
            "milestones": [
                Milestone(
                    "电子信息产业基地",
                    "topped_out",
                    "done",
                    "2026-04-01",
                    80_000_000,
                    "电子信息产业基地主体结构顺利封顶。",
                ),
            ],
            "spam_lines": [],
        },
    ],
}


def _article(page: dict[str, Any]) -> Article:
    body = "\n".join(m.evidence for m in page["milestones"])
    return Article(
        url=page["url"],
        title=page["title"],
        published=page["published"],
        city=page["city"],
        paragraphs=body.split("\n"),
        body=body,
        title_simplified=page["title"],
        body_simplified=body,
        spam=bool(page["spam_lines"]),
        spam_lines=list(page["spam_lines"]),
        milestones=list(page["milestones"]),
    )


def fake_crawl(
    names: list[str], db_path: str, config: Any, offline: bool = False, **_: Any
) -> dict:
    """Save each source's fake pages through the store, like a crawl that found them."""
    db = open_db(db_path)
    for name in names:
        run_id = start_run(db, name)
        pages = FAKE_PAGES.get(name, [])
        new = 0
        for page in pages:
            if not db.execute("SELECT 1 FROM articles WHERE url = ?", [page["url"]]).fetchone():
                new += 1
            save_article(db, _article(page), source=name, run_id=run_id)
        finish_run(db, run_id, status="ok", pages=len(pages) + 1, articles=new, errors=0)
    db.close()
    return {"sources": names}


def hang_crawl(
    names: list[str], db_path: str, config: Any, offline: bool = False, **_: Any
) -> dict:
    """Start a run, save one article, then hang like a crawl stuck on a dead socket.
    Writes its pid to $FAKE_CRAWL_PIDFILE when set, for tests that watch the process."""
    if os.environ.get("FAKE_CRAWL_PIDFILE"):
        Path(os.environ["FAKE_CRAWL_PIDFILE"]).write_text(str(os.getpid()), encoding="utf-8")
    db = open_db(db_path)
    run_id = start_run(db, names[0])
    page = FAKE_PAGES["alpha"][0]
    save_article(db, _article(page), source=names[0], run_id=run_id)
    db.close()
    while True:
        time.sleep(60)


def broken_crawl(
    names: list[str], db_path: str, config: Any, offline: bool = False, **_: Any
) -> dict:
    """Fetch pages but fail to parse every one (a parser bug or a redesigned site)."""
    db = open_db(db_path)
    for name in names:
        run_id = start_run(db, name)
        finish_run(
            db,
            run_id,
            status="partial",
            pages=10,
            articles=0,
            errors=9,
            error_text="http://broken.example.gov.cn/1.html: parse error: KeyError: 'title'",
        )
    db.close()
    return {}


def crash_crawl(
    names: list[str], db_path: str, config: Any, offline: bool = False, **_: Any
) -> dict:
    db = open_db(db_path)
    start_run(db, names[0])
    db.close()
    raise RuntimeError("spider exploded on purpose")


def child_env(crawl_function: str | None = None) -> dict[str, str]:
    """Environment for a govwatch subprocess: our tests importable, a crawl function chosen."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("GOVWATCH_CONFIG", None)
    if crawl_function:
        env["GOVWATCH_CRAWL_FUNCTION"] = crawl_function
    else:
        env.pop("GOVWATCH_CRAWL_FUNCTION", None)
    return env


def write_config(
    path: Path,
    *,
    sources: dict[str, str],
    smtp_port: int | None = None,
    subscriptions: str = "",
    scheduler: str = "",
    extra_sources: str = "",
) -> Path:
    """A govwatch.toml with the given sources (name -> schedule) and loopback SMTP."""
    lines = [
        f'db = "{path.parent / "govwatch.db"}"',
        "",
        "[scheduler]",
        "crawl_timeout = 60.0",
        "misfire_grace = 30.0",
        "stop_grace = 5.0",
        scheduler,
        "",
    ]
    if smtp_port:
        lines += [
            "[smtp]",
            'host = "127.0.0.1"',
            f"port = {smtp_port}",
            'security = "none"',
            'sender = "govwatch@test.invalid"',
            "",
        ]
    for name, schedule in sources.items():
        lines += [
            f"[sources.{name}]",
            f'schedule = "{schedule}"',
            f'start_urls = ["http://{name}.example.gov.cn/"]',
            "",
        ]
    lines.append(extra_sources)
    lines.append(subscriptions)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def process_gone(pid: int) -> bool:
    """True when `pid` has exited (a zombie nobody reaps counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in {"Z", "X"}


def wait_for(
    predicate: Callable[[], Any], *, timeout: float, what: str, interval: float = 0.1
) -> Any:
    """Poll until predicate() is truthy (an event we cannot await directly), or fail naming it."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def query(db_path: Path | str, sql: str, params: tuple = ()) -> list[tuple]:
    """Read with a fresh connection (another process may be writing)."""
    if not Path(db_path).exists():
        return []
    conn = sqlite3.connect(db_path, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return []  # table not created yet
    finally:
        conn.close()


class Inbox:
    """An aiosmtpd handler that keeps every message; `hold` makes DATA wait for the test."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.received = threading.Event()
        self.hold = False
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        self.messages.append(envelope)
        self.received.set()
        while self.hold and not self.release.is_set():
            await asyncio.sleep(0.05)
        return "250 OK"


def govwatch_cmd(*args: str) -> list[str]:
    """The installed console script, from the same environment as the tests."""
    return [str(Path(sys.executable).parent / "govwatch"), *args]


def scripted_crawl(
    names: list[str], db_path: str, config: Any, offline: bool = False, **_: Any
) -> dict:
    """Behave by source name: 'hang*' hangs, 'crash*' raises, anything else crawls fake pages."""
    for name in names:
        if name.startswith("hang"):
            hang_crawl([name], db_path, config)
        elif name.startswith("crash"):
            crash_crawl([name], db_path, config)
        elif name.startswith("broken"):
            broken_crawl([name], db_path, config)
            names = [n for n in names if n != name]
    return fake_crawl(names, db_path, config)


def noop_crawl(
    names: list[str], db_path: str, config: Any, offline: bool = False, **_: Any
) -> dict:
    """A crawl function that exits cleanly without recording anything (a crawler bug)."""
    return {}


def mirror_config(path: Path, *, schedules: dict[str, str], extra: str = "") -> Path:
    """The project's own govwatch.toml (real sources, real selectors) made fast for tests:
    a database in tmp, no politeness delay, the given sources on the given schedules."""
    import re

    text = (ROOT / "govwatch.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^db = .*$", f'db = "{path.parent / "govwatch.db"}"', text, count=1)
    text = re.sub(r"(?m)^download_delay = .*$", "download_delay = 0.0", text)
    text = re.sub(r"(?m)^autothrottle = .*$", "autothrottle = false", text)
    text = re.sub(r"(?m)^stop_grace = .*$", "stop_grace = 10.0", text)
    for name, schedule in schedules.items():
        text = re.sub(
            rf'(?ms)^(\[sources\.{name}\]\n.*?^schedule = )"[^"]*"',
            rf'\g<1>"{schedule}"',
            text,
            count=1,
        )
    path.write_text(text + "\n" + extra, encoding="utf-8")
    return path
