"""`govwatch serve` user mistakes get one line, and the metadata file fits any database name."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.commands.serve import METADATA, load_metadata


def test_missing_database_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.output
    assert "no such database" in result.output
    assert "Traceback" not in result.output
    assert not missing.exists()  # a typo must not leave an empty database behind


def test_metadata_follows_the_database_file_name(tmp_path: Path) -> None:
    meta = load_metadata(tmp_path / "zhenjiang-2024.db")
    assert set(meta["databases"]) == {"zhenjiang-2024"}
    queries = meta["databases"]["zhenjiang-2024"]["queries"]
    assert {"search", "new_milestones_7d", "project_timeline", "milestones_by_city_type",
            "overdue", "slips", "spam_sites"} <= set(queries)  # fmt: skip


def test_metadata_labels_columns_in_chinese_and_english() -> None:
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    tables = meta["databases"]["govwatch"]["tables"]
    for table in ("articles", "projects", "milestones", "milestone_reports"):
        for label in tables[table]["columns"].values():
            zh, _, en = label.partition(" / ")
            assert zh and en, f"{table}: {label!r} needs both languages"
    assert meta["license"] and meta["source"]


def test_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    import socket

    from pipelines.store import open_db

    open_db(tmp_path / "govwatch.db").close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli, ["serve", "--db", str(tmp_path / "govwatch.db"), "--port", str(port)]
        )
    assert result.exit_code == 1
    assert f"127.0.0.1:{port}" in result.output and "--port" in result.output
