"""`govwatch parse` driven through click's CliRunner: records out, one-line errors, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import cli

PAGE = (
    "滨江新城综合管廊工程开工\n"
    "2025-04-02 08:30 来源：滨江日报\n"
    "本报讯 4月1日，滨江新城综合管廊工程正式开工，项目总投资12亿元，计划2027年建成。\n"
)

PAGE_TRADITIONAL = (
    "臨江新城綜合管廊工程開工\n"
    "2025-04-02 08:30 來源：臨江日報\n"
    "本報訊 4月1日，臨江新城綜合管廊工程正式開工，項目總投資12億元，計劃2027年建成。\n"
)


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ["parse", *args], input=stdin)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_parse_prints_one_json_record(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = run(str(page), "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["title"], record["published"], record["outlet"]) == (
        "滨江新城综合管廊工程开工",
        "2025-04-02 08:30",
        "滨江日报",
    )
    assert record["encoding"] == "utf-8"


def test_bad_files_get_one_line_each_and_the_others_are_still_parsed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    missing = tmp_path / "missing.txt"
    result = run(str(empty), str(binary), str(missing), str(good), "--json")
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert str(empty) in errors[0] and "empty" in errors[0]
    assert str(binary) in errors[1] and "binary" in errors[1]
    assert str(missing) in errors[2] and "cannot read" in errors[2]
    assert "Traceback" not in result.output
    assert [r["title"] for r in records(result.stdout)] == ["滨江新城综合管廊工程开工"]


def test_stdin_dash_is_read(tmp_path: Path) -> None:
    result = run("-", "--json", stdin=PAGE.encode("gbk"))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["outlet"], record["encoding"]) == ("滨江日报", "gb18030")


def test_directory_means_each_text_file_in_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(PAGE_TRADITIONAL.encode("big5"))
    (tmp_path / "notes.md").write_text("not a page", encoding="utf-8")
    result = run(str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    assert [r["outlet"] for r in records(result.stdout)] == ["滨江日报", "临江日报"]


def test_summary_mode_prints_a_line_per_file(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = run(str(page))
    assert result.exit_code == 0
    assert result.stdout.startswith(
        f"{page}: 滨江新城综合管廊工程开工 | 2025-04-02 08:30 | 滨江日报"
    )
