"""The local implementation of the verbs (protocol.py): a collection opened in this process.

`Collection` is the core's collection (data, locks, vector search) with the verbs that run the
stages above it: indexing and repair (pipeline/), maps and analyses (analysis/), exports
(export.py). Each verb is a thin door to its stage module; the stages take the core collection
and use only its public methods. A verb with a request model (requests.py, verb_requests.py)
takes the model's fields (`with_signature`, `takes`) and hands them on to its stage by name. Analyses compute without writing unless asked (save=True):
a page view or an HTTP GET never writes.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.collection import Collection as CoreCollection
from ..analysis.timeline import Timeline
from ..core.spaces import SpaceInfo, VectorImport
from ..core.search import MAX_K
from ..errors import InvalidArgument
from ..results import (Comparison, Confusion, Evaluation, Explanation, FsckReport, IndexReport,
                       MapPoints, MapReport, PredictionImport, Rows, SearchResult)
from . import query as queries
from .protocol import CollectionAPI
from .named import NamedAnalyses
from . import verb_requests as vr
from .requests import IndexRequest, python_args, spec_fields, with_signature
from .verb_requests import takes


def checked(verb):
    """A verb on a damaged collection answers with the damage (and its repair) first."""
    @functools.wraps(verb)
    def run(self, *args, **kwargs):
        self.check()
        return verb(self, *args, **kwargs)
    return run


class Collection(NamedAnalyses, CoreCollection):
    def __init__(self, directory, cfg):
        from ..analysis.registry import analyses
        analyses()      # every analysis's saved column is known before the catalog opens
        super().__init__(directory, cfg)

    # -- search: files and bytes decoded here, the vectors searched by the core -------------
    @takes(vr.SearchRequest, first=("query",))
    def search(self, query, space=None, **args) -> SearchResult:
        """Top-k most similar indexed images, best first: by an image path, bytes or a PIL
        image, an indexed image_id, a vector or a Text. `where` (a filter over catalog
        columns) and `filters` ({column: values}) apply inside FAISS. An id query's image
        comes first (rank 1, score 1.0); exclude_self leaves it out and returns k others.
        `space`: which of the collection's embedding spaces to search (default: its own)."""
        target, k = (self if space is None else self.in_space(space)), args["k"]
        if target.vector_count() and isinstance(k, (int, np.integer)) and 1 <= k <= MAX_K:
            query = queries.decoded(target, query)
        return CoreCollection.search(target, query, **args)

    # -- embedding spaces ------------------------------------------------------------------
    def in_space(self, space: str | None = None) -> CollectionAPI:
        """The collection seen through one of its spaces (None or 'default': itself): every
        verb that reads vectors (search, maps, analyses, evaluate) reads that space's."""
        return super().in_space(space)

    def spaces(self) -> list[SpaceInfo]:
        """The collection's embedding spaces: model, dimension, vectors, maps."""
        from ..core import spaces
        self.check()
        return spaces.listing(self)

    @checked
    @takes(vr.TimelineRequest)
    def timeline(self, spaces, **args) -> Timeline:
        """Spaces in order (checkpoints, layers): per space, leave-one-out kNN accuracy, mean
        per-class silhouette and neighbour overlap@k with the one before; the images whose
        neighbourhoods changed most."""
        from ..analysis.timeline import timeline
        return timeline(self.root, list(spaces), **args)

    def remove_space(self, space: str) -> None:
        """Remove one space's files (vectors, manifest, maps, predictions); the catalog and
        the other spaces stay. The default space is the collection's own and stays."""
        from ..core import spaces
        self.check()
        spaces.remove_space(self, space)

    @checked
    @takes(vr.VectorsRequest, first=("data",))
    def import_vectors(self, data, **args) -> VectorImport:
        """Vectors made elsewhere into a space of their own: a Parquet file (path, vector) or
        an .npy matrix with `paths` (a text file, one path a line), as a path or bytes (with
        `name`). Rows are matched to catalogued images by path (absolute, or relative to an
        indexed folder)."""
        from ..pipeline.import_vectors import import_vectors
        return import_vectors(self, data, **args)

    # -- indexing and repair ---------------------------------------------------------------
    @with_signature(IndexRequest, first=("source",), last=(("progress", None),))
    def index(self, source, progress=None, **options) -> IndexReport:
        """Index a folder (recursively) or a CSV of paths (options: the fields of
        api.requests.IndexRequest). The first run fixes the model; later runs reuse it and
        refuse another. Re-running resumes an interrupted run. runner: local (default) or ray
        (decode and embed on a Ray cluster: ray_address, or IMGSEARCH_RAY_ADDRESS, or a local
        Ray)."""
        from ..features import ModelSpec
        args = python_args(IndexRequest, "index", options, skip=("source",))
        if args["weights"] not in (None, "random"):
            args["weights"] = _abs(args["weights"])
        args["classes"] = _abs(args["classes"])
        asked = {spec: args.pop(name) for name, spec in spec_fields(IndexRequest).items()}
        spec = ModelSpec().with_(**asked) if any(v is not None for v in asked.values()) else None
        blank, self.discard = self.is_blank(), False
        try:
            space = args.pop("space") or self.space_name   # a space's view indexes into it
            if space != "default":
                return self._index_space(source, space, spec, progress, **args)
            return self._run_index(source, spec, progress=progress, **args)
        except BaseException:
            self.discard = blank and not self.has_rows()   # removed when it closes
            raise

    def _index_space(self, source, space, spec, progress, labels, prune, allow_roots, runner,
                     ray_address, postprocess, index, runtime):
        """The catalogued images under `source` embedded into another space (no hashing, no
        catalog row written): labels, folders and pruning are the collection's own run's."""
        for given, what in ((labels, "labels"), (prune, "prune"), (allow_roots, "allow_roots")):
            if given:
                raise InvalidArgument(f"{what} belongs to the collection's own index run, not to "
                                      f"a space's", param=what, fix="index without --space first")
        if runner not in (None, "local", "ray"):
            raise InvalidArgument(f"unknown runner {str(runner)[:40]!r}: choose local or ray",
                                  param="runner")
        if ray_address and runner != "ray":
            raise InvalidArgument("a Ray address needs the ray runner", param="ray_address")
        from ..pipeline.spaces import index_space
        return index_space(self, source, space, spec, postprocess, index, runtime, progress,
                           runner, ray_address or os.environ.get("IMGSEARCH_RAY_ADDRESS") or None)

    def _run_index(self, source, spec, runner, ray_address, **kw):
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

    @takes(vr.FsckRequest, last=(("progress", None),))
    def fsck(self, progress=None, **args) -> FsckReport:
        """Check that catalog, vectors and manifest agree; with repair, make them agree
        (restore the manifest, re-embed lost vectors, drop orphans, rebuild the catalog)."""
        from ..pipeline.repair import fsck
        return fsck(self.root, progress=progress, **args)

    # -- maps ----------------------------------------------------------------------------
    @checked
    def build_map(self, method: str = "umap", pca_dims: int = 50, neighbors: int = 15,
                  min_dist: float = 0.1, seed: int = 0, refit: bool = False,
                  fit_sample: int = 50_000, supervised: bool = False,
                  target_weight: float = 0.5, progress=None) -> MapReport:
        from ..analysis import maps
        with self.job():
            return maps.build_map(self, method, pca_dims, neighbors, min_dist, seed, refit,
                                  fit_sample, progress, supervised, target_weight)

    @checked
    def place_new(self, method: str = "umap") -> MapReport:
        """Place images indexed since the map was fitted (transform; no point moves)."""
        import time
        from ..analysis import maps
        t0 = time.perf_counter()
        with self.job():
            placed = maps.place_new(self, method)
        return MapReport(method=method, placed=placed, seconds=time.perf_counter() - t0)

    @checked
    def predictions(self) -> pd.DataFrame:
        """This space's own class predictions: image_id, prediction, confidence."""
        from ..analysis.timeline import space_predictions
        return space_predictions(self)

    @checked
    def map_points(self, method: str | None = None, columns: list[str] | None = None) -> MapPoints:
        """The stored map's points with their catalog columns; images not placed yet are
        counted (`unplaced`), never a reason to hide the rest."""
        from ..analysis import maps
        return maps.map_points(self, method, columns)

    @checked
    def map_frame(self, method: str | None = None,
                  columns: list[str] | None = None) -> tuple[pd.DataFrame, str, int, int]:
        """(points as a DataFrame, method, unplaced, total): map_points for Python callers."""
        from ..analysis import maps
        return maps.map_frame(self, method, columns)

    @checked
    def maps(self) -> list[str]:
        return sorted(self.manifest.maps)

    # -- analyses --------------------------------------------------------------------------
    @checked
    def confusion(self) -> Confusion:
        from ..analysis import explain
        return explain.confusion(self)

    @checked
    @takes(vr.ExplainRequest)
    def explain(self, image_id, **args) -> Explanation:
        from ..analysis import explain
        return explain.explain(self, int(image_id), **args)

    @checked
    def analyse(self, name: str, save: bool = False, top: int | None = None, **params) -> Rows:
        """Run a registered analysis (analysis/registry.py) by name: its rows (of a ranked
        one, the first `top`; all: None); with save, its column is stored in the catalog."""
        from ..analysis.registry import get
        return get(name).run(self, save=save, top=top, **params)

    @checked
    @takes(vr.PredictionsRequest, first=("data",))
    def import_predictions(self, data, **args) -> PredictionImport:
        """Your model's predictions per image from a CSV or Parquet file (a path, its bytes
        with its name, or a DataFrame): path, prediction[, confidence][, prob_<class>...]."""
        from ..analysis import predictions
        return predictions.import_predictions(self, data, **args)

    @checked
    @takes(vr.EvaluateRequest)
    def evaluate(self, **args) -> Evaluation:
        """How good is the embedding for the labels: leave-one-out kNN accuracy (k = 1, 10)
        beside the most-frequent-class baseline, silhouette, the map's trustworthiness."""
        from ..analysis import evaluate
        return evaluate.evaluate(self, **args)

    @checked
    @takes(vr.CompareRequest, first=("other",))
    def compare(self, other, **args) -> Comparison:
        """Neighbour overlap and class separation of the same images under another collection."""
        from ..analysis import compare
        return compare.compare(self, other, **args)

    # -- exports ---------------------------------------------------------------------------
    @checked
    @takes(vr.MetascatterRequest, first=("out",))
    def export_metascatter(self, out, **args) -> pd.DataFrame:
        from .. import export
        return export.metascatter(self, out, **args)

    @checked
    @takes(vr.ParquetRequest, first=("out",))
    def export_parquet(self, out, **args) -> pd.DataFrame:
        from .. import export
        return export.parquet(self, out, **args)

    @checked
    @takes(vr.SubsetRequest, first=("out",))
    def export_subset(self, out, **args) -> pd.DataFrame:
        from .. import export
        return export.subset_csv(self, out, **args)

    # -- curation: the core's writes, under the request models' signatures ------------------
    @takes(vr.TagRequest)
    def tag(self, **args) -> int:
        return CoreCollection.tag(self, **args)

    @takes(vr.TagRequest)
    def untag(self, **args) -> int:
        return CoreCollection.untag(self, **args)

    @takes(vr.IdsRequest)
    def remove(self, **args) -> int:
        return CoreCollection.remove(self, **args)

    # -- image bytes (served only from under the indexed folders) -------------------------
    @checked
    def image_bytes(self, image_id: int) -> tuple[bytes, str]:
        import mimetypes
        from ..beneath import read_fd
        fd, _, path = self.open_file(image_id)
        data = read_fd(fd, self.cfg.max_file_bytes)
        return data, mimetypes.guess_type(path)[0] or "application/octet-stream"

    @checked
    def thumbnail(self, image_id: int, size: int = 160) -> bytes:
        from ..pipeline import thumbnails
        return thumbnails.thumbnail(self, int(image_id), size)


def _abs(path) -> str | None:
    return str(Path(path).resolve()) if path is not None else None
