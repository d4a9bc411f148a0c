"""`govwatch crawl`: run the spiders of some or all sources into the database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="-s/--set")
        out[name.strip()] = value
    return out


@click.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    help="SQLite file to write (default: `db` in the config).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file (default: ./govwatch.toml or $GOVWATCH_CONFIG).",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Crawl the built-in mirror of the source sites on 127.0.0.1, not the web.",
)
@click.option(
    "--proxy",
    metavar="URL",
    help="Send every request through this HTTP proxy (e.g. a running `govwatch mirror`).",
)
@click.option(
    "-s",
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting (repeatable).",
)
@click.option(
    "--stats-json",
    type=click.Path(dir_okay=False),
    help="Write each source's crawl statistics to this JSON file.",
)
@click.option("-v", "--verbose", count=True, help="Scrapy's log: -v for INFO, -vv for DEBUG.")
def crawl(
    sources: tuple[str, ...],
    db_path: str | None,
    config_path: str | None,
    offline: bool,
    proxy: str | None,
    overrides: tuple[str, ...],
    stats_json: str | None,
    verbose: int,
) -> None:
    """Crawl SOURCES (the names of [sources.*] tables; all enabled ones when none
    are given) into the database.

    Only articles the database does not hold are downloaded; a progress line
    shows pages, articles and errors. Each source's run is recorded in the
    crawl_runs table, with the URL and reason of every page that failed.

    \b
    Examples:
      govwatch crawl                       # every source, on the web
      govwatch crawl --offline             # every source, from the built-in mirror
      govwatch crawl zhenjiang_jsw --db x.db -s DOWNLOAD_DELAY=0
    """
    from crawler.runner import ProgressLine, crawl_sources, resolve_sources, totals
    from pipelines.config import ConfigError, load_config

    try:
        config = load_config(config_path)
        resolve_sources(config, sources)  # a misspelt name fails here, in one line
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    settings: dict[str, str] = {"LOG_LEVEL": ("WARNING", "INFO", "DEBUG")[min(verbose, 2)]}
    settings.update(_parse_overrides(overrides))
    line = ProgressLine(sys.stderr)
    try:
        stats = crawl_sources(
            sources, db_path, config, offline=offline, proxy=proxy, settings=settings, progress=line
        )
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    grand = [totals(s) for s in stats.values()]
    line.close(*(sum(col) for col in zip(*grand, strict=True)) if grand else (0, 0, 0))
    failed = []
    for name, st in stats.items():
        pages, articles, errors = totals(st)
        reason = st.get("finish_reason", "?")
        click.echo(f"{name}: {pages} pages, {articles} new articles, {errors} errors ({reason})")
        if reason != "finished":
            failed.append(name)
    if stats_json:
        from crawler.extensions import jsonable_stats

        Path(stats_json).write_text(
            json.dumps(
                {k: jsonable_stats(v) for k, v in stats.items()},
                ensure_ascii=False,
                indent=1,
                sort_keys=True,
            ),
            encoding="utf-8",
        )
    if failed:
        raise click.ClickException(f"crawl did not finish for: {', '.join(failed)}")
