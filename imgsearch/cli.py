"""Command line: each command parses, calls the public API, and prints. Errors become one line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pandas as pd

import imgsearch as api
from .config import Config
from .errors import ImgsearchError


class _Group(click.Group):
    """Turn every user-facing error into one clean line and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ImgsearchError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(2)
        except ValueError as e:  # bad configuration values (IMGSEARCH_* variables)
            click.echo(f"Error: {e}", err=True)
            sys.exit(2)


def _collection_option(f):
    return click.option("--collection", "-c", required=True, help="Collection name under IMGSEARCH_HOME.")(f)


def _cfg(**kw) -> dict:
    return {k: v for k, v in kw.items() if v is not None}


def _print_table(df: pd.DataFrame, as_json: bool, columns: list[str] | None = None) -> None:
    df = df[columns] if columns else df
    if as_json:
        click.echo(json.dumps(json.loads(df.to_json(orient="records", date_format="iso")), indent=2))
    elif df.empty:
        click.echo("(no results)")
    else:
        with pd.option_context("display.max_colwidth", 80, "display.width", 200):
            click.echo(df.to_string(index=False))


@click.group(cls=_Group)
@click.version_option(api.__version__, prog_name="imgsearch")
def main():
    """imgsearch: find similar images, explore and curate image datasets.

    Collections live under $IMGSEARCH_HOME (default ./indexes).
    """


@main.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@_collection_option
@click.option("--model", "-m", help="efficientnet-lite0 (default, offline), a torchvision name, or pixels.")
@click.option("--weights", type=click.Path(exists=True, dir_okay=False), help="Your checkpoint (state dict).")
@click.option("--layer", help="Graph node to take features from (default: the input of the head).")
@click.option("--classes", type=click.Path(exists=True, dir_okay=False), help="Class names, one per line.")
@click.option("--size", type=int, help="Side length for --model pixels (default 32).")
@click.option("--labels", type=click.Path(exists=True, dir_okay=False), help="CSV of path,label,... to import.")
@click.option("--prune", is_flag=True, help="Remove images whose files have vanished.")
@click.option("--batch-size", type=click.IntRange(min=1), help="Images per model call.")
@click.option("--device", help="auto, cpu, cuda or cuda:N.")
@click.option("--workers", type=click.IntRange(min=0), help="Decode worker processes.")
@click.option("--index", "index_kind", type=click.Choice(["auto", "flat", "hnsw", "ivfsq", "ivfpq"]),
              help="Vector index (auto: flat below 200k, then HNSW; IVF-SQ8/IVF-PQ if memory is short).")
@click.option("--memory-budget", help="For --index auto, e.g. 8G.")
@click.option("--target-latency", help="ANN tuning target per query, e.g. 10ms.")
@click.option("--no-progress", is_flag=True, help="Hide progress bars.")
def index(source, collection, model, weights, layer, classes, size, labels, prune, batch_size,
          device, workers, index_kind, memory_budget, target_latency, no_progress):
    """Index a folder of images (recursively) or a CSV of paths. Incremental and resumable."""
    from .ann import parse_latency_ms
    report = api.index_images(source, collection, model=model, weights=weights, layer=layer,
                              classes=classes, size=size, labels=labels, prune=prune,
                              index=index_kind,
                              **_cfg(batch_size=batch_size, device=device, workers=workers,
                                     memory_budget=memory_budget,
                                     target_latency_ms=parse_latency_ms(target_latency),
                                     progress=False if no_progress else None))
    for path, reason in report.skipped[:20]:
        click.echo(f"skipped {path}: {reason}", err=True)
    if len(report.skipped) > 20:
        click.echo(f"... and {len(report.skipped) - 20} more (see `imgsearch info --skipped`)", err=True)
    click.echo(report.summary())


@main.command()
@click.argument("image", required=False, type=click.Path(dir_okay=False))
@_collection_option
@click.option("--id", "image_id", type=int, help="Search by an indexed image id instead of a file.")
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--where", help="SQL filter on catalog columns, e.g. \"label = 'dog'\".")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--device", help="auto, cpu, cuda or cuda:N.")
def search(image, collection, image_id, k, where, as_json, device):
    """Find the images most similar to IMAGE (or --id ID), best first."""
    if (image is None) == (image_id is None):
        raise click.UsageError("give exactly one of IMAGE or --id")
    query = image_id if image_id is not None else image
    hits = api.search(collection, query, k=k, where=where, **_cfg(device=device))
    _print_table(hits, as_json, [c for c in api.collection.RESULT_COLUMNS if c in hits.columns])


@main.command()
@_collection_option
@click.option("--json", "as_json", is_flag=True)
@click.option("--skipped", is_flag=True, help="List skipped files and reasons.")
def info(collection, as_json, skipped):
    """Counts, model, dimensions and index type of a collection."""
    with api.open_collection(collection) as col:
        data = col.info()
        sk = col.store.skipped()
    if skipped:
        _print_table(sk, as_json)
    elif as_json:
        click.echo(json.dumps(data, indent=2, default=str))
    else:
        for key, value in data.items():
            click.echo(f"{key:>14}: {value}")


@main.command()
@_collection_option
@click.option("--id", "ids", type=int, multiple=True, required=True, help="Image id (repeatable).")
def remove(collection, ids):
    """Remove images from the collection (catalog and vectors)."""
    with api.open_collection(collection) as col:
        n = col.remove(ids)
    click.echo(f"removed {n}")


@main.command()
@_collection_option
@click.option("--repair", is_flag=True, help="Make catalog and vectors agree.")
@click.option("--json", "as_json", is_flag=True)
def fsck(collection, repair, as_json):
    """Check that DuckDB rows and FAISS vectors agree (exit 1 when they do not)."""
    with api.open_collection(collection) as col:
        report = col.fsck(repair=repair)
    if as_json:
        click.echo(json.dumps(report.__dict__, indent=2))
    else:
        click.echo(report.summary())
    if not report.ok and not report.repaired:
        sys.exit(1)


@main.command()
def models():
    """List the model names --model accepts."""
    for name in api.available_models():
        click.echo(name)


@main.command()
def collections():
    """List collections under IMGSEARCH_HOME."""
    for name in api.list_collections(Config.load()):
        click.echo(name)


@main.command()
@click.option("--collection", "-c", default="demo", show_default=True)
@click.option("--digits", type=click.IntRange(min=10), help="Use only the first N digits.")
@click.option("--no-progress", is_flag=True)
def demo(collection, digits, no_progress):
    """Build a demo collection offline (digits + photos, real predictions) and query it."""
    from .demo import make_demo_data
    cfg = Config.load(progress=False if no_progress else None)
    data_dir = cfg.home / f"{collection}-data"
    click.echo(f"writing demo images to {data_dir} ...")
    csv = make_demo_data(data_dir, n_digits=digits)
    report = api.index_images(data_dir, collection, labels=csv, **_cfg(progress=cfg.progress))
    click.echo(report.summary())
    query = data_dir / "photos" / "chelsea__flip.jpg"
    click.echo(f"\nimgsearch search {query} --collection {collection} -k 5")
    hits = api.search(collection, str(query), k=5)
    _print_table(hits, False, ["image_id", "path", "score", "label", "prediction", "confidence"])


from . import cli_explore  # noqa: E402,F401  (registers map, export, analyses, tag)

