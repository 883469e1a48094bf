"""The verbs of a collection beyond search: index, repair, maps, analyses, exports.

Each is a thin door to its stage module (pipeline/, analysis/, export.py), so the Collection
stays one object with one set of locks while each stage keeps its own file. Analyses compute
without writing unless asked (save=True): a page view or an HTTP GET never writes.
"""
from __future__ import annotations

import functools
from pathlib import Path


def checked(verb):
    """A verb on a damaged collection answers with the damage (and its repair) first."""
    @functools.wraps(verb)
    def run(self, *args, **kwargs):
        self.check()
        return verb(self, *args, **kwargs)
    return run


class Verbs:
    # -- indexing and repair ---------------------------------------------------------------
    def index(self, source, model=None, weights=None, layer=None, classes=None, size=None,
              runtime=None, labels=None, prune=False, index=None, allow_roots=(), progress=None,
              runner=None, ray_address=None, postprocess=None, pooling=None, view=None,
              precision=None):
        """Index a folder (recursively) or a CSV of paths. The first run fixes the model;
        later runs reuse it and refuse another. Re-running resumes an interrupted run.
        runner: local (default) or ray (decode and embed on a Ray cluster: ray_address, or
        IMGSEARCH_RAY_ADDRESS, or a local Ray)."""
        import os
        from ..errors import InvalidArgument
        from ..features import ModelSpec
        asked = {"name": model, "weights": weights if weights == "random" else _abs(weights), "layer": layer,
                 "classes": _abs(classes), "size": size, "pooling": pooling, "view": view,
                 "precision": precision}
        spec = ModelSpec().with_(**asked) if any(v is not None for v in asked.values()) else None
        blank, self.discard = self.is_blank(), False
        try:
            return self._run_index(source, spec, runner, ray_address, labels=labels, prune=prune,
                               index=index, allow_roots=allow_roots, progress=progress,
                               postprocess=postprocess, runtime=runtime)
        except BaseException:
            self.discard = blank and not self.has_rows()   # removed when it closes
            raise

    def _run_index(self, source, spec, runner, ray_address, **kw):
        import os
        from ..errors import InvalidArgument
        runner = runner or "local"
        if runner not in ("local", "ray"):
            raise InvalidArgument(f"unknown runner {str(runner)[:40]!r}: choose local or ray",
                                  param="runner")
        if runner == "local":
            if ray_address:
                raise InvalidArgument("a Ray address needs the ray runner", param="ray_address")
            from ..pipeline.runners.local import index_source
            return index_source(self, source, spec, **kw)
        from ..pipeline.runners.ray import index_source_ray
        return index_source_ray(self, source, spec, **kw, ray_address=ray_address or
                                os.environ.get("IMGSEARCH_RAY_ADDRESS") or None)

    def fsck(self, repair: bool = False, progress=None):
        """Check that catalog, vectors and manifest agree; with repair, make them agree
        (restore the manifest, re-embed lost vectors, drop orphans, rebuild the catalog)."""
        from .repair import fsck
        return fsck(self, repair=repair, progress=progress)

    # -- maps ----------------------------------------------------------------------------
    @checked
    def build_map(self, method: str = "umap", pca_dims: int = 50, neighbors: int = 15,
                  min_dist: float = 0.1, seed: int = 0, refit: bool = False, progress=None):
        from ..analysis import maps
        with self.job():
            return maps.build_map(self, method, pca_dims, neighbors, min_dist, seed, refit, progress)

    @checked
    def place_new(self, method: str = "umap"):
        """Place images indexed since the map was fitted (transform; no point moves)."""
        import time
        from ..analysis import maps
        from ..results import MapReport
        t0 = time.perf_counter()
        with self.job():
            placed = maps.place_new(self, method)
        return MapReport(method=method, placed=placed, seconds=time.perf_counter() - t0)

    @checked
    def map_points(self, method: str | None = None, columns: list[str] | None = None):
        """The stored map's points with their catalog columns; images not placed yet are
        counted (`unplaced`), never a reason to hide the rest."""
        from ..analysis import maps
        return maps.map_points(self, method, columns)

    @checked
    def map_frame(self, method: str | None = None, columns: list[str] | None = None):
        """(points as a DataFrame, method, unplaced, total): map_points for Python callers."""
        from ..analysis import maps
        return maps.map_frame(self, method, columns)

    @checked
    def maps(self) -> list[str]:
        return sorted(self.manifest.maps)

    # -- analyses --------------------------------------------------------------------------
    @checked
    def confusion(self):
        from ..analysis import explain
        return explain.confusion(self)

    @checked
    def explain(self, image_id: int, k: int = 10):
        from ..analysis import explain
        return explain.explain(self, int(image_id), k)

    @checked
    def label_issues(self, k: int = 10, save: bool = False, method: str | None = None):
        """Mislabel suspects, most suspect first. method: confident (cleanlab's confident
        learning on your class probabilities, else on a cross-validated linear probe; the
        default) or knn (the similarity-weighted vote of the k nearest neighbours)."""
        from ..analysis import explain, label_quality
        if label_quality.check_method(method) == "confident":
            return label_quality.confident_issues(self, save=save)
        return explain.label_issues(self, k, save=save)

    @checked
    def import_predictions(self, data, name: str | None = None, classes=None):
        """Your model's predictions per image from a CSV or Parquet file (a path, its bytes
        with its name, or a DataFrame): path, prediction[, confidence][, prob_<class>...]."""
        from ..analysis import predictions
        return predictions.import_predictions(self, data, name, classes)

    @checked
    def evaluate(self, sample: int = 5000, seed: int = 0):
        """How good is the embedding for the labels: leave-one-out kNN accuracy (k = 1, 10)
        beside the most-frequent-class baseline, silhouette, the map's trustworthiness."""
        from ..analysis import evaluate
        return evaluate.evaluate(self, sample=sample, seed=seed)

    @checked
    def duplicates(self, threshold: float = 0.55, margin: float = 0.05, save: bool = False):
        from ..analysis import curation
        return curation.duplicates(self, threshold, margin, save=save)

    @checked
    def outliers(self, k: int = 10, save: bool = False):
        from ..analysis import curation
        return curation.outliers(self, k, save=save)

    @checked
    def clusters(self, method: str = "kmeans", k: int | None = None, within_label: bool = False,
                 seed: int = 0, save: bool = False):
        from ..analysis import curation
        return curation.clusters(self, method, k, within_label, seed, save=save)

    @checked
    def compare(self, other, k: int = 10):
        """Neighbour overlap and class separation of the same images under another collection."""
        from ..analysis import compare
        return compare.compare(self, other, k)

    # -- exports ---------------------------------------------------------------------------
    @checked
    def export_metascatter(self, out, prefix=None, method: str = "umap", where=None,
                           all_maps: bool = False, ids=None, spelling: str = "documented"):
        from .. import export
        return export.metascatter(self, out, prefix, method, where, all_maps, ids, spelling)

    @checked
    def export_parquet(self, out, where=None):
        from .. import export
        return export.parquet(self, out, where)

    @checked
    def export_subset(self, out, where=None, exclude_tag: str | None = "exclude", prefix=None,
                      ids=None):
        from .. import export
        return export.subset_csv(self, out, where, exclude_tag, prefix, ids)

    # -- image bytes (served only from under the indexed folders) -------------------------
    @checked
    def image_bytes(self, image_id: int) -> tuple[bytes, str]:
        import mimetypes
        from ..pipeline.beneath import read_fd
        fd, _, path = self.open_file(image_id)
        data = read_fd(fd, self.cfg.max_file_bytes)
        return data, mimetypes.guess_type(path)[0] or "application/octet-stream"

    @checked
    def thumbnail(self, image_id: int, size: int = 160) -> bytes:
        from ..pipeline import thumbnails
        return thumbnails.thumbnail(self, int(image_id), size)


def _abs(path) -> str | None:
    return str(Path(path).resolve()) if path is not None else None
