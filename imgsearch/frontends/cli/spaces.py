"""Embedding spaces: `spaces` lists (or removes) a collection's spaces, `import-vectors` brings
vectors made elsewhere into one. Adding a space by embedding is `index DIR --space NAME`."""
from __future__ import annotations

from pathlib import Path

import click

from ...api.verb_requests import VectorsRequest
from .base import collection as open_collection, collection_option, main, print_json, print_table
from .options import request_args, request_options

COLUMNS = ["name", "model", "layer", "dim", "vectors", "missing", "postprocess", "index", "maps",
           "imported"]


@main.command()
@collection_option
@click.option("--remove", "remove", metavar="SPACE", help="Remove this space's files (vectors, "
              "manifest, maps, predictions); the catalog and the other spaces stay.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def spaces(collection, remove, as_json):
    """List a collection's embedding spaces: model, dimension, vectors, maps."""
    import pandas as pd
    col = open_collection(collection)
    if remove:
        col.remove_space(remove)
        click.echo(f"removed space {remove!r} of {collection!r}")
        return
    found = [s.model_dump() for s in col.spaces()]
    if as_json:
        print_json(found)
        return
    for row in found:
        row["maps"] = ", ".join(f"{m} (supervised)" if m in row.get("supervised_maps", []) else m
                                for m in row["maps"]) or None
        info = row["imported"]
        row["imported"] = f"{info.get('file')} ({info.get('at')})" if info else None
    print_table(pd.DataFrame(found, columns=COLUMNS), False, COLUMNS)


@main.command("import-vectors")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@collection_option
@click.option("--space", required=True, help="The space to hold the vectors (created; "
              "importing into it again replaces them).")
@click.option("--paths", "paths", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With an .npy matrix: the images' paths, one a line, in the rows' order.")
@click.option("--postprocess", type=click.Choice(["center", "whiten", "none"]),
              help="Post-processing fitted on the imported vectors (default center).")
@request_options(VectorsRequest, by_hand=("space", "paths", "postprocess"), absent=("name",))
def import_vectors(file, collection, **options):
    """Import vectors made elsewhere: a Parquet FILE with `path` and `vector` (a list of
    floats) columns, or an .npy matrix with --paths. Rows are matched to catalogued images by
    path, absolute or relative to the indexed folder. The space has no model: search it by
    --id (or by vector from Python or REST)."""
    report = open_collection(collection).import_vectors(file, **request_args(VectorsRequest, options))
    for example in report.unmatched_examples:
        click.echo(f"unmatched: {example}", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(report.summary())
