"""The `govwatch` command. Each subcommand lives in scheduler/commands/<name>.py.

Subcommands are imported only when invoked, so `govwatch parse` (run once per
file by the scorer) does not pay for Scrapy, Datasette or APScheduler imports.
"""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute" of a click.Command
COMMANDS: dict[str, str] = {
    "parse": "scheduler.commands.parse:parse",
    "crawl": "scheduler.commands.crawl:crawl",
    "serve": "scheduler.commands.serve:serve",
    "run": "scheduler.commands.run:run",
    "daemon": "scheduler.commands.daemon:daemon",
    "alerts": "scheduler.commands.alerts:alerts",
    "mirror": "scheduler.commands.mirror:mirror",
}

SHORT_HELP: dict[str, str] = {
    "parse": "Parse page dumps or HTML pages into clean records with milestones.",
    "crawl": "Crawl sources (all, or the named ones) into the database.",
    "serve": "Browse the database in Datasette.",
    "run": "Crawl, process and send alerts once (for cron).",
    "daemon": "Run every source on its schedule until stopped.",
    "alerts": "Show or send the pending alert digest.",
    "mirror": "Serve the offline mirror of the source sites on 127.0.0.1.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Listing help must not import every subcommand's dependencies.
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govwatch")
def cli() -> None:
    """govwatch: crawl Chinese local-government news, extract project milestones
    (signed, approved, started, topped out, completed, operating) and flag the
    ones reported for the first time.

    Configuration is read from ./govwatch.toml, or the file named by
    $GOVWATCH_CONFIG, or --config where a command takes it.
    """


def main() -> None:
    cli()
