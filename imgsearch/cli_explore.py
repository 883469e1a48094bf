"""CLI commands for maps, analyses, curation and export (registered on imgsearch.cli.main)."""
from __future__ import annotations

import json

import click
import numpy as np
import pandas as pd

import imgsearch as api
from . import analysis, curation, export, maps
from .cli import _collection_option, _print_table, main


def _json(obj) -> str:
    def default(o):
        if isinstance(o, pd.DataFrame):
            return json.loads(o.to_json(orient="records", date_format="iso"))
        if isinstance(o, (np.integer, np.floating)):
            return o.item()
        return str(o)
    return json.dumps(obj, indent=2, default=default)


def _top(df: pd.DataFrame, top: int | None) -> pd.DataFrame:
    return df.head(top) if top else df


@main.command("map")
@_collection_option
@click.option("--method", type=click.Choice(maps.METHODS), default="umap", show_default=True)
@click.option("--pca-dims", type=int, default=50, show_default=True)
@click.option("--neighbors", type=int, default=15, show_default=True)
@click.option("--min-dist", type=float, default=0.1, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--refit", is_flag=True, help="Fit again instead of placing only new images.")
def map_(collection, method, pca_dims, neighbors, min_dist, seed, refit):
    """Compute (or extend) the 2-D map: PCA then UMAP (cosine), t-SNE or PCA."""
    with api.open_collection(collection) as col:
        report = maps.build_map(col, method, pca_dims, neighbors, min_dist, seed, refit)
    click.echo(report.summary())


@main.group("export")
def export_():
    """Export the collection: Metascatter CSV, Parquet, or a curated subset."""


@export_.command("metascatter")
@click.argument("out", type=click.Path(dir_okay=False))
@_collection_option
@click.option("--prefix", type=click.Path(file_okay=False), help="Make Paths relative to this folder.")
@click.option("--method", type=click.Choice(maps.METHODS), default="umap", show_default=True)
@click.option("--where", help="SQL filter on catalog columns.")
@click.option("--all-maps", is_flag=True, help="Add every other stored map as <method>_coords_0/1.")
def export_metascatter(out, collection, prefix, method, where, all_maps):
    """Metascatter CSV: Paths, X-Coord, Y-Coord, then metadata columns."""
    with api.open_collection(collection) as col:
        df = export.metascatter(col, out, prefix, method, where, all_maps)
    click.echo(f"wrote {len(df)} rows to {out}")


@export_.command("parquet")
@click.argument("out", type=click.Path(dir_okay=False))
@_collection_option
@click.option("--where", help="SQL filter on catalog columns.")
def export_parquet(out, collection, where):
    """Every catalog column plus all stored map coordinates, as Parquet."""
    with api.open_collection(collection) as col:
        df = export.parquet(col, out, where)
    click.echo(f"wrote {len(df)} rows to {out}")


@export_.command("subset")
@click.argument("out", type=click.Path(dir_okay=False))
@_collection_option
@click.option("--where", help="SQL filter on catalog columns.")
@click.option("--exclude-tag", default="exclude", show_default=True)
@click.option("--prefix", type=click.Path(file_okay=False))
def export_subset(out, collection, where, exclude_tag, prefix):
    """A curated subset as a CSV of path,label,split (images tagged --exclude-tag left out)."""
    with api.open_collection(collection) as col:
        df = export.subset_csv(col, out, where, exclude_tag, prefix)
    click.echo(f"wrote {len(df)} rows to {out}")


@main.command()
@_collection_option
@click.option("--top", type=int, default=20, show_default=True, help="Pairs to list.")
@click.option("--json", "as_json", is_flag=True)
def confusion(collection, top, as_json):
    """The label x prediction table and the most-confused pairs."""
    with api.open_collection(collection) as col:
        matrix, pairs = analysis.confusion(col)
    if as_json:
        click.echo(_json({"matrix": matrix.reset_index(), "pairs": pairs.head(top)}))
        return
    click.echo(matrix.to_string())
    click.echo("\nmost confused (label -> prediction):")
    _print_table(pairs.head(top), False)


@main.command()
@_collection_option
@click.option("--id", "image_id", type=int, required=True)
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def explain(collection, image_id, k, as_json):
    """Why was this image predicted as it was: neighbours in its true and predicted class."""
    with api.open_collection(collection) as col:
        out = analysis.explain(col, image_id, k)
    if as_json:
        click.echo(_json(out))
        return
    cols = ["image_id", "path", "score", "label", "prediction"]
    click.echo(f"image {image_id}: label {out['label']!r}, prediction {out['prediction']!r}")
    click.echo(f"verdict: {out['verdict']}\nneighbour vote: {out['vote']}")
    click.echo(f"\nnearest within its label {out['label']!r}:")
    _print_table(out["same_class"], False, cols)
    if out["prediction"] != out["label"]:
        click.echo(f"\nnearest within its prediction {out['prediction']!r}:")
        _print_table(out["predicted_class"], False, cols)
    click.echo("\nsimilarity to class centroids:")
    _print_table(out["centroids"].head(5), False)


@main.command("label-issues")
@_collection_option
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--top", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def label_issues(collection, k, top, as_json):
    """Mislabel suspects: kNN label disagreement per image, highest first."""
    with api.open_collection(collection) as col:
        df = analysis.label_issues(col, k)
    _print_table(_top(df, top), as_json)


@main.command()
@_collection_option
@click.option("--threshold", type=float, default=0.80, show_default=True,
              help="Lowest cosine similarity of a near-duplicate pair.")
@click.option("--margin", type=float, default=0.05, show_default=True,
              help="A pair must also beat both images' 20th-neighbour similarity by this much (0 = off).")
@click.option("--json", "as_json", is_flag=True)
def duplicates(collection, threshold, margin, as_json):
    """Exact (sha256) and near-duplicate groups."""
    with api.open_collection(collection) as col:
        df = curation.duplicates(col, threshold, margin)
    _print_table(df, as_json)
    if not as_json:
        click.echo(f"{df['duplicate_group'].nunique()} groups, {len(df)} images")


@main.command()
@_collection_option
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--top", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def outliers(collection, k, top, as_json):
    """Images far from their nearest neighbours, highest score first."""
    with api.open_collection(collection) as col:
        df = curation.outliers(col, k)
    _print_table(_top(df, top), as_json)


@main.command()
@_collection_option
@click.option("--method", type=click.Choice(curation.CLUSTER_METHODS), default="kmeans", show_default=True)
@click.option("--k", "k", type=int, help="Number of clusters (kmeans; default from the size).")
@click.option("--within-label", is_flag=True, help="Find sub-groups inside each label.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def clusters(collection, method, k, within_label, seed, as_json):
    """Cluster the images; the cluster of each image is stored and exported."""
    with api.open_collection(collection) as col:
        df = curation.clusters(col, method, k, within_label, seed)
    sizes = df["cluster"].value_counts().rename_axis("cluster").reset_index(name="n")
    _print_table(sizes, as_json)


@main.command()
@click.option("--collection", "-c", "names", multiple=True, required=True,
              help="Give exactly two: the same images under two models, layers or checkpoints.")
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def compare(names, k, as_json):
    """Which embedding is better: neighbour overlap@k and per-class silhouette."""
    if len(names) != 2:
        raise click.UsageError("give --collection exactly twice")
    with api.open_collection(names[0]) as a, api.open_collection(names[1]) as b:
        out = analysis.compare(a, b, k)
    if as_json:
        click.echo(_json({k_: v for k_, v in out.items() if k_ != "per_image"}))
        return
    click.echo(f"{out['n_common']} images in common; mean neighbour overlap@{k}: "
               f"{out['overlap_mean']:.3f}")
    _print_table(out["per_class"], False)
    click.echo(out["verdict"])


@main.command()
@_collection_option
@click.option("--id", "ids", type=int, multiple=True, required=True)
@click.option("--tag", required=True)
@click.option("--remove", is_flag=True, help="Untag instead.")
def tag(collection, ids, tag, remove):
    """Tag (or untag) images, e.g. exclude or relabel:dog."""
    with api.open_collection(collection) as col:
        (col.store.remove_tags if remove else col.store.add_tags)(ids, tag)
    click.echo(f"{'untagged' if remove else 'tagged'} {len(ids)} images {tag!r}")


@main.command()
@click.option("--collection", "-c", help="Collection to open (otherwise pick one in the app).")
@click.option("--port", type=int, default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True)
def ui(collection, port, address):
    """Start the Streamlit app (map, search, investigate, curate)."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    app = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    if not app.exists():
        raise click.ClickException(f"the app is not installed here ({app}); run from a checkout")
    if collection:
        api.open_collection(collection).close()  # fail fast, with the usual message
    env = {**os.environ, "IMGSEARCH_COLLECTION": collection or ""}
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
           "--server.address", address, "--server.headless", "true",
           "--server.maxUploadSize", "20", "--browser.gatherUsageStats", "false"]
    raise SystemExit(subprocess.call(cmd, env=env))
