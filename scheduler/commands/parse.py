"""`govwatch parse`: page dumps or HTML pages in, one JSON record each out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipelines.document import process_bytes


def _inputs(paths: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out.extend(
                str(f)
                for f in sorted(path.iterdir())
                if f.suffix.lower() in {".txt", ".html", ".htm"}
            )
        else:
            out.append(p)
    return out


def _read(name: str) -> bytes:
    """Read one input or raise click.ClickException with a one-line reason."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"{name}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise click.ClickException(f"{name}: empty file")
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise click.ClickException(f"{name}: binary file, not a text dump or HTML page")
    return data


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON record per file (else a summary)."
)
@click.option("--url", default=None, help="The page's address, when a single file is given.")
def parse(files: tuple[str, ...], as_json: bool, url: str | None) -> None:
    """Parse FILES (page dumps or HTML pages) into clean article records.

    Each FILE may be a path, a directory (each .txt/.html in it), or - for
    standard input. Bytes may be UTF-8, GB18030/GBK or Big5. With --json, one
    JSON object per file is printed (one line each when several files are
    given). A file that cannot be read, is empty or is binary gives a one-line
    error on stderr naming it; the others are still parsed and the exit
    status is 2.
    """
    names = _inputs(files)
    failed = False
    for name in names:
        try:
            data = _read(name)
        except click.ClickException as exc:
            click.echo(f"govwatch parse: {exc.message}", err=True)
            failed = True
            continue
        article = process_bytes(data, url=url if len(names) == 1 else None)
        record = article.to_dict()
        if as_json:
            indent = 1 if len(names) == 1 else None
            click.echo(json.dumps(record, ensure_ascii=False, indent=indent))
        else:
            click.echo(
                f"{name}: {article.title or '(no title)'} | {article.published or '-'} | "
                f"{article.outlet or '-'} | {article.city or '-'} | "
                f"{len(article.milestones)} milestones"
            )
            for m in article.milestones:
                click.echo(f"  {m.type}/{m.status} {m.project} {m.date or ''}")
    if failed:
        sys.exit(2)
