"""Articles we write ourselves for the store, dedup, projects and Datasette tests.

The texts are ours, in the style of local-government news. An Article is built
the way the parsers hand it to the store: `body_simplified` is the OpenCC
Traditional->Simplified conversion of the body (pipelines.script).
"""

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
from contextlib import contextmanager
from pathlib import Path

import opencc
import sqlite_utils

from pipelines.records import Article, Milestone
from pipelines.script import to_simplified
from pipelines.store import open_db

# A story of five paragraphs; the reprint tests cut, extend and convert it.
STORY = [
    "9月12日上午，润州区举行第三季度重大项目集中开工活动，金港智能装备产业园等9个项目集中开工，总投资48.6亿元。",
    "金港智能装备产业园项目由金港重工投资建设，总投资12亿元，占地约260亩，主要建设智能起重设备生产线和研发中心，"
    "建成后预计年产值30亿元，新增就业岗位800个。",
    "活动现场，区委主要负责同志宣布项目开工。他表示，要坚持项目为王，对重点项目实行专班推进，"
    "全力保障用地、用能等要素，推动项目早建成、早投产、早见效。",
    "据了解，今年以来润州区新签约亿元以上项目31个，其中10亿元以上项目6个，完成工业投资同比增长14.2%。",
    "下一步，润州区将围绕高端装备、新材料等主导产业，强化精准招商，确保全年新开工亿元以上项目40个以上。",
]

# A different story built from many of the same stock phrases (the template guard).
TEMPLATE_TWIN = [
    "10月20日上午，润州区举行第四季度重大项目集中开工活动，瑞达新材料产业园等7个项目集中开工，总投资35.2亿元。",
    "瑞达新材料产业园项目由瑞达集团投资建设，总投资8亿元，占地约150亩，主要建设高性能复合材料生产线和研发中心，"
    "建成后预计年产值18亿元，新增就业岗位500个。",
    "活动现场，区委主要负责同志宣布项目开工。他表示，要坚持项目为王，对重点项目实行专班推进，"
    "全力保障用地、用能等要素，推动项目早建成、早投产、早见效。",
    "据了解，今年以来润州区新签约亿元以上项目35个，其中10亿元以上项目7个，完成工业投资同比增长15.1%。",
    "下一步，润州区将围绕高端装备、新材料等主导产业，强化精准招商，确保全年新开工亿元以上项目40个以上。",
]

OTHER_STORY = [
    "记者从市住建局获悉，今年全市保障性住房建设进展顺利，前三季度新开工保障性租赁住房5200套。",
    "其中，城东片区人才公寓项目已完成主体结构，预计明年上半年交付使用。",
    "市住建局有关负责人介绍，下一步将加强工程质量安全监管，确保按期交付。",
]


def s2t(text: str) -> str:
    return opencc.OpenCC("s2t").convert(text)


def make_article(
    paragraphs: list[str],
    *,
    url: str,
    title: str = "润州区重大项目集中开工",
    published: str | None = "2024-09-12",
    city: str | None = "镇江市",
    garbled: bool = False,
    spam: bool = False,
    spam_lines: list[str] | None = None,
    milestones: list[Milestone] | None = None,
) -> Article:
    """An Article as the parsers produce it (Simplified fields from OpenCC)."""
    body = "\n".join(paragraphs)
    return Article(
        url=url,
        title=title,
        title_simplified=to_simplified(title),
        published=published,
        city=city,
        paragraphs=list(paragraphs),
        body=body,
        body_simplified=to_simplified(body),
        garbled=garbled,
        spam=spam,
        spam_lines=list(spam_lines or []),
        milestones=list(milestones or []),
    )


def ms(project: str, type_: str, status: str = "done", date: str | None = None, **kw) -> Milestone:
    return Milestone(project=project, type=type_, status=status, date=date, **kw)


def fresh_db(tmp_path: Path, name: str = "govwatch.db") -> sqlite_utils.Database:
    return open_db(tmp_path / name)


def count(
    db: sqlite_utils.Database, table: str, where: str = "", params: list | None = None
) -> int:
    sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
    return db.execute(sql, params or []).fetchone()[0]


GOVWATCH = [sys.executable, "-c", "from scheduler.cli import main; main()"]
ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_datasette(path: Path) -> Iterator[str]:
    """`govwatch serve --db PATH` in a child process on a free 127.0.0.1 port; yields the
    database's base URL once Datasette answers, and stops the process afterwards."""
    port = _free_port()
    proc = subprocess.Popen(
        [*GOVWATCH, "serve", "--db", str(path), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
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
        yield f"{base}/{path.stem}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def get_json(url: str, **params: str) -> dict | list:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{url}?{query}", timeout=30) as resp:
        return json.load(resp)


def rows_of(base: str, name: str, **params: str) -> list[dict]:
    """All rows of a table, view or canned query, through Datasette's JSON API."""
    return get_json(f"{base}/{name}.json", _shape="array", _size="max", **params)  # type: ignore[return-value]
