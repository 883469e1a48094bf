"""Commands for the user's own predictions and the embedding report: import-predictions,
evaluate."""
from __future__ import annotations

from pathlib import Path

import click

from ...api.verb_requests import EvaluateRequest, PredictionsRequest
from .base import collection, collection_option, main, print_json, print_table, space_option
from .options import request_args, request_options


@main.command("import-predictions")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@collection_option
@click.option("--classes", "classes", type=click.Path(exists=True, dir_okay=False),
              help="Class names, one per line, naming the entries of a list column of "
              "probabilities (prob_<class> columns name themselves).")
@request_options(PredictionsRequest, by_hand=("classes",), absent=("name",))
@click.option("--json", "as_json", is_flag=True)
def import_predictions(file, collection, as_json, **options):
    """Your model's predictions per image, from FILE.csv or FILE.parquet: columns path
    (absolute, or relative to the indexed folder), prediction, and optionally confidence and
    class probabilities (prob_<class> columns, or one list column `probs`). confusion,
    explain and label-issues use them; the default model's ImageNet guesses never are."""
    args = request_args(PredictionsRequest, options)
    if args["classes"]:      # the file of names, read here
        args["classes"] = [ln.strip() for ln in Path(args["classes"]).read_text().splitlines()
                           if ln.strip()]
    report = collection(collection).import_predictions(file, **{**args, "name": file.name})
    if as_json:
        print_json(report.model_dump())
        return
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(report.summary())


@main.command()
@collection_option
@space_option
@click.option("--sample", type=click.IntRange(min=100), default=5000, show_default=True,
              help="Images the silhouette is computed on (it compares every pair).")
@request_options(EvaluateRequest, by_hand=("sample",))
@click.option("--json", "as_json", is_flag=True)
def evaluate(collection, as_json, **options):
    """How good is the embedding for your labels: leave-one-out kNN accuracy (k = 1, 10)
    beside always guessing the most frequent label, overall, per class and per split (train
    as neighbours, val/test as queries); the labels' silhouette; the map's trustworthiness."""
    import pandas as pd
    out = _col(collection).evaluate(**request_args(EvaluateRequest, options))
    if as_json:
        print_json(out.model_dump())
        return
    click.echo(f"{out.n} labelled images, {out.classes} labels")
    click.echo(f"kNN accuracy (leave-one-out): k=1 {out.knn_accuracy_k1:.3f}, "
               f"k=10 {out.knn_accuracy_k10:.3f}; most frequent label {out.dummy_accuracy:.3f}")
    if out.silhouette is not None:
        click.echo(f"silhouette (cosine, {out.silhouette_sample} images): {out.silhouette:.3f}")
    if out.trustworthiness is not None:
        click.echo(f"trustworthiness of the {out.map_method} map (k=10): {out.trustworthiness:.3f}")
    else:
        click.echo("trustworthiness: no map yet (`imgsearch map`)")
    for s in out.per_split:
        click.echo(f"split {s.queries} ({s.n_queries}) against {s.neighbours} ({s.n_neighbours}): "
                   f"k=1 {s.knn_accuracy_k1:.3f}, k=10 {s.knn_accuracy_k10:.3f}, "
                   f"most frequent {s.dummy_accuracy:.3f}")
    click.echo("\nper class:")
    print_table(pd.DataFrame([c.model_dump() for c in out.per_class]), False)
    click.echo(f"\n{out.conclusion}")


def _col(name):
    return collection(name)
