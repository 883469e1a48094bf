"""A CLI command for every registered analysis (analysis/registry.py) that has no command of
its own in explore.py: its parameters as options (options.py), --top for a ranked one,
--save/--no-save and --json; the rows printed as a table. `imgsearch analyses` lists them
all (the registry is loaded only then, or when such a command runs)."""
from __future__ import annotations

import click

from . import base
from .base import collection_option, main, print_table
from .options import request_options

SAVE = click.option("--save/--no-save", default=True, show_default=True,
                    help="Store the result per image (a --where column, a map colour, an export column).")


def command_for(analysis) -> click.Command:
    def run(collection, save, as_json, top=None, **params):
        rows = base.collection(collection).analyse(analysis.name, save=save, top=top, **params)
        print_table(rows.to_frame(), as_json)

    cmd = click.option("--json", "as_json", is_flag=True)(run)
    cmd = SAVE(cmd)
    if analysis.ranked:
        cmd = click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)(cmd)
    cmd = request_options(analysis.params)(cmd)
    cmd = base.space_option(collection_option(cmd))
    return click.command(analysis.name, help=analysis.help or None)(cmd)


def analysis_commands(existing) -> dict[str, click.Command]:
    """Commands for the registered analyses not among `existing` command names."""
    from ...analysis.registry import analyses
    return {name: command_for(a) for name, a in analyses().items() if name not in existing}


@main.command("analyses")
def list_analyses():
    """List the analyses: each is a command (imgsearch NAME --help) and a REST route."""
    from ...analysis.registry import analyses
    for name, analysis in analyses().items():
        saved = f" (saves {analysis.column})" if analysis.column else ""
        click.echo(f"{name:16} {analysis.help}{saved}")
