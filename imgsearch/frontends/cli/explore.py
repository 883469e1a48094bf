"""Commands for maps, analyses, curation and export."""
from __future__ import annotations

import click

from ...api.requests import MapRequest
from ...api.verb_requests import (CompareRequest, ExplainRequest, MetascatterRequest,
                                  ParquetRequest, SubsetRequest, TagRequest, TimelineRequest)
from .base import (Progress, client, collection, collection_option, main, print_json,
                   print_table, space_option)
from .options import request_args, request_options

METHODS = ("umap", "tsne", "pca")
SAVE = click.option("--save/--no-save", default=True, show_default=True,
                    help="Store the result per image (a --where column, a map colour, an export column).")


@main.command("map")
@collection_option
@space_option
@click.option("--method", type=click.Choice(METHODS), default="umap", show_default=True)
@click.option("--pca-dims", type=int, default=50, show_default=True)
@click.option("--neighbors", type=int, default=15, show_default=True)
@click.option("--min-dist", type=float, default=0.1, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--refit", is_flag=True, help="Fit again instead of placing only new images.")
@request_options(MapRequest, by_hand=("method", "pca_dims", "neighbors", "min_dist", "seed", "refit"))
def map_(collection, method, pca_dims, neighbors, min_dist, seed, refit, fit_sample, supervised,
         target_weight):
    """Compute (or extend) the 2-D map: PCA then UMAP (cosine), t-SNE or PCA."""
    progress = Progress(True)
    try:
        report = _col(collection).build_map(method, pca_dims, neighbors, min_dist, seed, refit,
                                            fit_sample=fit_sample, supervised=supervised,
                                            target_weight=target_weight, progress=progress)
    finally:
        progress.close()
    click.echo(report.summary())


def _col(name):
    return collection(name)


@main.group("export")
def export_():
    """Export the collection: Metascatter CSV, Parquet, or a curated subset."""


@export_.command("metascatter")
@click.argument("out", type=click.Path(dir_okay=False))
@collection_option
@space_option
@click.option("--prefix", type=click.Path(file_okay=False), help="Make Paths relative to this folder.")
@click.option("--method", type=click.Choice(METHODS), default="umap", show_default=True)
@click.option("--where", help="Filter on catalog columns.")
@click.option("--all-maps", is_flag=True, help="Add every other stored map as <method>_coords_0/1.")
@click.option("--spelling", type=click.Choice(["documented", "sample"]), default="documented",
              show_default=True, help="Paths/X-Coord/Y-Coord, or the sample script's Image_path/<method>_coords_0.")
@request_options(MetascatterRequest, by_hand=("prefix", "method", "where", "all_maps", "spelling"),
                 absent=("ids",))
def export_metascatter(out, collection, **options):
    """Metascatter CSV: Paths, X-Coord, Y-Coord, then metadata columns."""
    df = _col(collection).export_metascatter(out, **request_args(MetascatterRequest, options))
    click.echo(f"wrote {len(df)} rows to {out}")


@export_.command("parquet")
@click.argument("out", type=click.Path(dir_okay=False))
@collection_option
@click.option("--where", help="Filter on catalog columns.")
@request_options(ParquetRequest, by_hand=("where",))
def export_parquet(out, collection, **options):
    """Every catalog column plus all stored map coordinates, as Parquet."""
    df = _col(collection).export_parquet(out, **request_args(ParquetRequest, options))
    click.echo(f"wrote {len(df)} rows to {out}")


@export_.command("subset")
@click.argument("out", type=click.Path(dir_okay=False))
@collection_option
@click.option("--where", help="Filter on catalog columns.")
@click.option("--exclude-tag", default="exclude", show_default=True)
@click.option("--prefix", type=click.Path(file_okay=False))
@request_options(SubsetRequest, by_hand=("where", "exclude_tag", "prefix"), absent=("ids",))
def export_subset(out, collection, **options):
    """A curated subset as a CSV of path,label,split (images tagged --exclude-tag left out)."""
    df = _col(collection).export_subset(out, **request_args(SubsetRequest, options))
    click.echo(f"wrote {len(df)} rows to {out}")


@main.command()
@collection_option
@space_option
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="Pairs to list.")
@click.option("--json", "as_json", is_flag=True)
def confusion(collection, top, as_json):
    """The label x your prediction table and the most-confused pairs."""
    from ...analysis.predictions import HOW_TO_ADD
    from ...errors import Conflict
    try:
        result = _col(collection).confusion()
    except Conflict as e:     # no predictions of the user's: say how to add them, not an error
        if not e.message.startswith(HOW_TO_ADD[:40]):
            raise
        click.echo(HOW_TO_ADD.replace("NAME", collection or "NAME"))
        return
    if as_json:
        print_json({**result.model_dump(), "pairs": [p.model_dump() for p in result.pairs[:top]]})
        return
    click.echo(result.matrix().to_string())
    click.echo("\nmost confused (label -> prediction):")
    import pandas as pd
    print_table(pd.DataFrame([p.model_dump() for p in result.pairs[:top]]), False)


@main.command()
@collection_option
@space_option
@click.option("--id", "image_id", type=int, required=True)
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True)
@request_options(ExplainRequest, by_hand=("image_id", "k"))
@click.option("--json", "as_json", is_flag=True)
def explain(collection, as_json, **options):
    """Why was this image predicted as it was: neighbours in its true and predicted class."""
    import pandas as pd
    image_id = options["image_id"]
    out = _col(collection).explain(**request_args(ExplainRequest, options))
    if as_json:
        print_json(out.model_dump())
        return
    cols = ["image_id", "path", "score", "label", "prediction"]

    def table(hits):
        print_table(pd.DataFrame([h.model_dump() for h in hits]), False, cols)
    click.echo(f"image {image_id}: label {out.label!r}, prediction {out.prediction!r}")
    if out.note:
        click.echo(f"note: {out.note}")
    if out.top_classes:
        click.echo("top classes: " + ", ".join(f"{c.label} {c.probability:.2f}" for c in out.top_classes))
    click.echo(f"verdict: {out.verdict}\nneighbour vote: {out.vote_text()}")
    click.echo(f"\nnearest within its label {out.label!r}:")
    table(out.same_class)
    if out.prediction is not None and out.prediction != out.label:
        click.echo(f"\nnearest within its prediction {out.prediction!r}:")
        table(out.predicted_class)
    click.echo("\nsimilarity to class centroids:")
    print_table(pd.DataFrame([c.model_dump() for c in out.centroids[:5]]), False)


@main.command("label-issues")
@collection_option
@space_option
@click.option("--method", type=click.Choice(["confident", "knn"]), default="confident",
              show_default=True, help="confident: cleanlab's confident learning on your class "
              "probabilities, else on a cross-validated linear probe of the vectors; knn: the "
              "vote of the k nearest neighbours.")
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True,
              help="Neighbours (method knn).")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@SAVE
@click.option("--json", "as_json", is_flag=True)
def label_issues(collection, method, k, top, save, as_json):
    """Mislabel suspects, most suspect first."""
    df = _col(collection).label_issues(k, save=save, method=method, top=top).to_frame()
    drop = ["knn_label", "disagreeing_similarity"] if method == "confident" else \
        ["suggested_label", "is_issue"]
    print_table(df.drop(columns=[c for c in drop if c in df.columns]), as_json)


@main.command()
@collection_option
@space_option
@click.option("--threshold", type=float, default=0.55, show_default=True,
              help="Lowest cosine similarity of a candidate pair (then verified on the images).")
@click.option("--margin", type=float, default=0.05, show_default=True,
              help="A pair must also beat both images' 20th-neighbour similarity by this much (0 = off).")
@click.option("--verify/--no-verify", default=True, show_default=True,
              help="Check each candidate pair on the images; --no-verify: the cosine alone.")
@SAVE
@click.option("--json", "as_json", is_flag=True)
def duplicates(collection, threshold, margin, verify, save, as_json):
    """Exact (sha256) and near-duplicate groups; the first image of each is the one kept."""
    df = _col(collection).duplicates(threshold, margin, save=save, verify=verify).to_frame()
    print_table(df, as_json, ["duplicate_group", "kind", "size", "kept", "similarity_to_kept",
                              "image_id", "path", "label"])
    if not as_json:
        click.echo(f"{df['duplicate_group'].nunique() if len(df) else 0} groups, {len(df)} images")


@main.command()
@collection_option
@space_option
@click.option("-k", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@SAVE
@click.option("--json", "as_json", is_flag=True)
def outliers(collection, k, top, save, as_json):
    """Images far from their nearest neighbours, highest score first."""
    print_table(_col(collection).outliers(k, save=save, top=top).to_frame(), as_json)


@main.command()
@collection_option
@space_option
@click.option("--method", type=click.Choice(["kmeans", "hdbscan"]), default="kmeans", show_default=True)
@click.option("--k", "k", type=int, help="Number of clusters (kmeans; default from the size).")
@click.option("--within-label", is_flag=True, help="Find sub-groups inside each label.")
@click.option("--seed", type=int, default=0, show_default=True)
@SAVE
@click.option("--json", "as_json", is_flag=True)
def clusters(collection, method, k, within_label, seed, save, as_json):
    """Cluster the images; with --save the cluster of each image is stored and exported."""
    df = _col(collection).clusters(method, k, within_label, seed, save=save).to_frame()
    sizes = df["cluster"].value_counts().rename_axis("cluster").reset_index(name="n")
    print_table(sizes, as_json)


@main.command()
@click.option("--collection", "-c", "names", multiple=True, required=True,
              help="Give exactly two: the same images under two models, layers or checkpoints "
                   "(or one, with --space at least twice).")
@click.option("--space", "spaces", multiple=True, help="Spaces of the one collection, in order "
              "(checkpoints, layers): a timeline (repeatable, at least two).")
@click.option("-k", type=click.IntRange(min=1, max=100), default=10, show_default=True)
@request_options(CompareRequest, by_hand=("k",))
@request_options(TimelineRequest, by_hand=("spaces", "k"))
@click.option("--json", "as_json", is_flag=True)
def compare(names, as_json, **options):
    """Which embedding is better: neighbour overlap@k and per-class silhouette; with
    --space, a timeline over one collection's spaces."""
    import pandas as pd
    if options["spaces"]:
        return _timeline(names, {n: options[n] for n in TimelineRequest.model_fields}, as_json)
    if len(names) != 2:
        raise click.UsageError("give --collection exactly twice")
    args = {n: options[n] for n in CompareRequest.model_fields}
    out, k = client().compare(names[0], names[1], **args), args["k"]
    if as_json:
        print_json(out.model_dump())
        return
    click.echo(f"{out.n_common} images in common; mean neighbour overlap@{k}: {out.overlap_mean:.3f}")
    print_table(pd.DataFrame([c.model_dump() for c in out.per_class]), False)
    click.echo(out.verdict)


def _timeline(names, args, as_json):
    import pandas as pd
    if len(names) != 1 or len(args["spaces"]) < 2:
        raise click.UsageError("a timeline is one --collection and --space at least twice")
    args, k = {**args, "spaces": list(args["spaces"])}, args["k"]
    out = collection(names[0]).timeline(**args)
    if as_json:
        print_json(out.model_dump())
        return
    print_table(pd.DataFrame([s.model_dump() for s in out.steps]), False)
    moved = pd.DataFrame([c.model_dump() for c in out.changed])
    if len(moved):
        click.echo("\nmoved most (neighbour overlap@%d with the space before):" % k)
        print_table(moved.groupby("after").head(5), False,
                    ["before", "after", "image_id", "label", "overlap", "path"])
    click.echo(out.summary())


@main.command()
@collection_option
@click.option("--id", "ids", type=int, multiple=True, required=True)
@click.option("--tag", required=True)
@click.option("--remove", is_flag=True, help="Untag instead.")
@request_options(TagRequest, by_hand=("ids", "tag"))
def tag(collection, remove, **options):
    """Tag (or untag) images, e.g. exclude or relabel:dog."""
    col, tag = _col(collection), options["tag"]
    args = request_args(TagRequest, options)
    n = col.untag(**args) if remove else col.tag(**args)
    click.echo(f"{'untagged' if remove else 'tagged'} {n} images {tag!r}")
