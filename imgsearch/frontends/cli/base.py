"""The click group and what every command shares: one client per invocation (local, or the
running service's), errors as one line, progress bars that stay tidy when not on a terminal."""
from __future__ import annotations

import json
import os
import sys
import time

import click

from ... import __version__
from ...errors import ImgsearchError

# core parameter names -> this CLI's flags, so a message can name what to change
FLAGS = {"where": "--where", "k": "-k", "collection": "--collection", "model": "--model",
         "weights": "--weights", "layer": "--layer", "classes": "--classes", "size": "--size",
         "runtime": "--runtime", "index": "--index", "memory_budget": "--memory-budget",
         "target_latency": "--target-latency", "image_id": "--id", "tag": "--tag",
         "method": "--method", "threshold": "--threshold", "margin": "--margin",
         "labels": "--labels", "source": "SOURCE", "image": "IMAGE", "rerank": "--rerank",
         "pca_dims": "--pca-dims", "neighbors": "--neighbors", "min_dist": "--min-dist",
         "host": "--host", "port": "--port", "device": "--device", "allow_roots": "--allow-root"}


def flag_of(param: str | None) -> str | None:
    """This CLI's flag for a parameter: FLAGS, else the option made from an index request field."""
    if not param:
        return None
    if param in FLAGS:
        return FLAGS[param]
    from ...api.requests import IndexRequest
    return "--" + param.replace("_", "-") if param in IndexRequest.model_fields else None


def describe(e: ImgsearchError, collection: str | None = None) -> str:
    flag = flag_of(e.param)
    text = e.message if not flag else f"{flag}: {e.message}"
    if e.fix:
        command = f"`imgsearch fsck --collection {collection or 'NAME'} --repair`"
        text += f" ({e.fix.replace('`fsck --repair`', command).replace('`index` again', '`imgsearch index` again')})"
    return " ".join(text.split())


class Group(click.Group):
    """Every user-facing error becomes one clean line and exit code 2, never a traceback.
    `more`, when set, gives commands made on demand ({name: command}, given the names of the
    commands declared): looked up only for a name not declared, so that listing the commands
    (--help) stays light."""
    more = None

    def get_command(self, ctx, name):
        found = super().get_command(ctx, name)
        if found is None and self.more:
            found = self.more(self.commands).get(name)
        return found

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ImgsearchError as e:
            name = ctx.meta.get("imgsearch.collection")
            click.echo(f"Error: {describe(e, name)}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:     # `imgsearch ... | head`: the reader left; so do we
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as e:
            if os.environ.get("IMGSEARCH_DEBUG"):
                raise
            first = str(e).splitlines()[0][:300] if str(e) else ""
            click.echo(f"Error: internal error ({type(e).__name__}: {first}); run with "
                       "IMGSEARCH_DEBUG=1 for the traceback, and please report it", err=True)
            sys.exit(1)


@click.group(cls=Group)
@click.version_option(__version__, prog_name="imgsearch")
def main():
    """imgsearch: find similar images, explore and curate image datasets.

    Collections live under $IMGSEARCH_HOME (default ./indexes). When `imgsearch serve` or
    `imgsearch ui` runs for that home, every command talks to it instead of opening the
    collection itself.
    """


def collection_option(f):
    return click.option("--collection", "-c", required=True,
                        help="Collection name under IMGSEARCH_HOME.")(f)


def client(**config):
    """The client for this invocation, closed when the command ends."""
    from ...client import connect
    ctx = click.get_current_context()
    obj = ctx.find_root().meta.get("imgsearch.client")
    if obj is None:
        obj = connect(**{k: v for k, v in config.items() if v is not None})
        ctx.find_root().meta["imgsearch.client"] = obj
        ctx.find_root().call_on_close(obj.close)
    return obj


def collection(name: str, create: bool = False, **config):
    root = click.get_current_context().find_root()
    root.meta["imgsearch.collection"] = name  # for messages
    col = client(**config).collection(name, create=create)
    space = root.meta.get("imgsearch.space")
    return col.in_space(space) if space else col


def space_option(f):
    """--space: the command reads (and maps) that embedding space's vectors."""
    def remember(ctx, param, value):
        if value:
            ctx.find_root().meta["imgsearch.space"] = value
        return value
    return click.option("--space", callback=remember, expose_value=False, is_eager=True,
                        help="The collection's embedding space to use (default: its own; "
                             "`imgsearch spaces` lists them).")(f)


def print_table(df, as_json: bool, columns: list[str] | None = None) -> None:
    import pandas as pd
    from ...results import records
    if columns is not None and len(df):
        df = df[[c for c in columns if c in df.columns]]
    if as_json:
        click.echo(json.dumps(records(df), indent=2, default=str))
    elif df.empty:
        click.echo("(no results)")
    else:
        with pd.option_context("display.max_colwidth", 80, "display.width", 200):
            click.echo(df.to_string(index=False))


def print_json(obj) -> None:
    click.echo(json.dumps(obj, indent=2, default=str))


class Progress:
    """A progress callback (stage, done, total): one tqdm bar per stage on a terminal; on a
    pipe or a log file, one line per stage and at most one update every 10 s."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and os.environ.get("IMGSEARCH_PROGRESS", "1") not in ("0", "false")
        self.tty = sys.stderr.isatty()
        self.stage, self.bar, self.last = None, None, 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            if self.tty:
                from tqdm import tqdm
                self.bar = tqdm(total=total, desc=stage, unit="img" if stage == "embedding" else "",
                                dynamic_ncols=True, leave=False)
            else:
                click.echo(f"{stage}: {total} to do", err=True)
        if self.bar is not None:
            self.bar.total = total
            self.bar.n = done
            self.bar.refresh()
        elif time.monotonic() - self.last > 10 and total:
            self.last = time.monotonic()
            click.echo(f"{stage}: {done}/{total}", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
