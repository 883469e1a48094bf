"""2-D maps: PCA to ~50 dimensions, then UMAP (cosine), t-SNE or plain PCA.

Coordinates go to the catalog (one row per image and method); the fitted reducers are saved
beside the collection, so images added later are placed with `transform` (by the index job
at each checkpoint, or `place`) without moving any stored point.
"""
from __future__ import annotations

import threading
import time
import warnings
from pathlib import Path

import numpy as np

from ..core.collection import Collection
from ..errors import Conflict, Damaged, InvalidArgument, NotFound
from ..results import MapPoints, MapReport
from . import mapfile, mapsample

METHODS = ("umap", "tsne", "pca")
MAP_COLUMNS = ["image_id", "x", "y", "path", "label", "prediction", "confidence", "correct",
               "split", "tags"]
_place_lock = threading.Lock()


def check_params(method: str, pca_dims: int, neighbors: int, min_dist: float, seed: int = 0,
                 supervised: bool = False, target_weight: float = 0.5) -> None:
    if not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**31:
        raise InvalidArgument("seed must be an integer between 0 and 2^31-1", param="seed")
    if method not in METHODS:
        raise InvalidArgument(f"unknown map method {method!r}; choose one of {', '.join(METHODS)}",
                              param="method")
    if pca_dims < 2:
        raise InvalidArgument("pca_dims must be >= 2", param="pca_dims")
    if neighbors < 2:
        raise InvalidArgument("neighbors must be >= 2", param="neighbors")
    if not 0.0 <= min_dist <= 1.0:
        raise InvalidArgument("min_dist must be between 0 and 1", param="min_dist")
    if supervised and method != "umap":
        raise InvalidArgument(f"a supervised map is a UMAP map; {method} does not take labels",
                              param="supervised", fix="use --method umap with --supervised")
    if isinstance(target_weight, bool) or not isinstance(target_weight, (int, float, np.number)) \
            or not 0.0 <= target_weight <= 1.0:
        raise InvalidArgument("target_weight must be between 0 (the vectors only) and 1 (the "
                              "labels only)", param="target_weight")


def check_method(method) -> str:
    """Only the known map names ever reach a file path (a fitted map is a signed pickle)."""
    if method not in METHODS:
        raise InvalidArgument(f"unknown map method {str(method)[:40]!r}; choose one of "
                              f"{', '.join(METHODS)}", param="method")
    return method


def model_path(col: Collection, method: str) -> Path:
    return col.dir / "maps" / f"{check_method(method)}.joblib"


def _fitted(col: Collection, method: str) -> dict:
    """The fitted reducer of a map, loaded once per process."""
    key = f"map:{check_method(method)}"
    cached = col.cache.get(key)
    if cached is None:
        path = model_path(col, method)
        if not path.exists():
            raise NotFound(f"collection {col.name!r} has no {method} map", param="method",
                           fix=f"build it with `imgsearch map --collection {col.name} --method {method}`")
        try:
            cached = col.cache[key] = mapfile.load(path, method)
        except mapfile.Refused as e:   # planted, or from before maps were signed: never unpickled
            raise Damaged(f"{path} was not loaded: {e}",
                          fix=f"`fsck --repair` refits it from its stored parameters, as does "
                              f"`imgsearch map --collection {col.name} --method {method} --refit`") from None
        except Exception as e:   # a truncated or foreign file: say which, and how to rebuild it
            raise Damaged(f"{path} cannot be read ({type(e).__name__})",
                          fix=f"rebuild it with `imgsearch map --collection {col.name} --method "
                              f"{method} --refit`") from None
    return cached


def build_map(col: Collection, method: str = "umap", pca_dims: int = 50, neighbors: int = 15,
              min_dist: float = 0.1, seed: int = 0, refit: bool = False,
              fit_sample: int = mapsample.DEFAULT, progress=None, supervised: bool = False,
              target_weight: float = 0.5) -> MapReport:
    """Fit a map (first time, or with refit) or place the images that have no coordinates yet.
    The fit uses `fit_sample` images (0: all; see mapsample.py) and places every other one
    with the fitted reducer, reading their vectors in chunks. A supervised map (UMAP only) is
    fitted with the sample's labels as UMAP's target (an unlabelled image is -1, which UMAP
    treats as unknown), `target_weight` trading the vectors' neighbourhoods (0) against the
    labels (1); the rest are placed by `transform`, from their vectors alone. The caller holds
    the collection's job lock."""
    check_params(method, pca_dims, neighbors, min_dist, seed, supervised, target_weight)
    fit_sample = mapsample.check(fit_sample)
    t0 = time.perf_counter()
    progress = progress or (lambda stage, done, total: None)
    report = MapReport(method=method, supervised=bool(supervised))
    # asking for a supervised map where a plain one is stored fits it again; a call without
    # --supervised places new images on whichever map is stored (--refit makes it plain)
    refit = refit or (supervised and not is_supervised(col, method))
    if refit or not model_path(col, method).exists():
        every = mapsample.indexed_ids(col)
        if len(every) < 3:
            raise Conflict("a map needs at least 3 indexed images", param="collection")
        ids, stratified = mapsample.choose(col, every, fit_sample, seed)
        target = _target(col, ids) if supervised else None
        progress(f"{method} fit", 0, 2)
        pca, reducer, xy = _fit(method, col.indexed_vectors(ids)[1], pca_dims, neighbors,
                                min_dist, seed, col.cfg.progress,
                                lambda: progress(f"{method} fit", 1, 2), target, target_weight)
        progress(f"{method} fit", 2, 2)
        entry = {"pca_dims": int(pca.n_components_), "neighbors": neighbors, "min_dist": min_dist,
                 "seed": seed, "fitted_on": int(len(ids)), "metric": "cosine",
                 "fit_sample": fit_sample, "stratified": stratified,
                 "fitted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        if supervised:   # a plain map's entry stays as it was before supervised maps existed
            entry.update(supervised=True, target_weight=float(target_weight),
                         labelled=int((target >= 0).sum()))
        # `ids` are the images the reducer was fitted on (the sample), `xy` their positions
        fitted = {"pca": pca, "reducer": reducer, "ids": ids, "xy": xy, "params": entry,
                  "space": col.space(), "space_file": (col.manifest.postprocess or {}).get("file")}
        rest = np.setdiff1d(every, ids, assume_unique=True)
        rest_xy = _place_chunked(col, fitted, method, rest, progress)
        # the last safe point: a cancelled job stops at any progress call above, before
        # anything is written
        path = model_path(col, method)
        # All three parts under the write lock (refused once the collection is closed), in
        # this order: reducer (atomic rename), coordinates (one transaction), manifest entry.
        # The reducer records the entry it was fitted with, so fsck can tell a map whose
        # writes were cut short and refit it.
        with col.write_lock():
            path.parent.mkdir(exist_ok=True)
            mapfile.save(fitted, path, method)       # signed, atomic, never through a link
            col.store.write_coords(method, np.concatenate([ids, rest]),
                                   np.concatenate([xy, rest_xy]), replace=True)
            col.cache[f"map:{method}"] = fitted
            col.manifest.maps[method] = dict(entry)
            col.save_manifest()
        report.fitted = len(ids)
        report.placed = len(rest)
    else:
        report.placed = place_new(col, method)
        report.supervised = is_supervised(col, method)
    report.seconds = time.perf_counter() - t0
    return report


def refit_stored(col: Collection, method: str) -> MapReport:
    """Fit a map again with the parameters its manifest entry records (fsck's repair). A map
    from before sampling was fitted on every image, and is again."""
    params = col.manifest.maps.get(method, {})
    return build_map(col, method, params.get("pca_dims", 50), params.get("neighbors", 15),
                     params.get("min_dist", 0.1), params.get("seed", 0), refit=True,
                     fit_sample=params.get("fit_sample", 0),
                     supervised=bool(params.get("supervised", False)),
                     target_weight=params.get("target_weight", 0.5))


def is_supervised(col: Collection, method: str) -> bool:
    """Whether a stored map was fitted with the labels (so its layout shows them, not only the
    vectors: the app and `info` say so wherever the map is shown)."""
    return bool((col.manifest.maps.get(method) or {}).get("supervised", False))


def _target(col: Collection, ids: np.ndarray) -> np.ndarray:
    """UMAP's target for a supervised fit: each image's label as a class number, -1 for an
    unlabelled one. A collection without labels is refused in one line."""
    labels = mapsample.labels_of(col, ids)
    if labels is None or not (labels != "").any():
        raise Conflict(f"a supervised map needs labels and no image of {col.name!r} has one",
                       param="supervised",
                       fix=f"index with labels (`imgsearch index DIR -c {col.name} --labels "
                           f"folder` or a CSV), or leave out --supervised")
    names = np.unique(labels[labels != ""])
    return np.where(labels == "", -1, np.searchsorted(names, labels)).astype(np.int64)


def _place_chunked(col: Collection, fitted: dict, method: str, ids: np.ndarray,
                   progress) -> np.ndarray:
    """Positions of `ids` on a just-fitted map, their vectors read a chunk at a time (so the
    whole collection is never in memory, raw or reduced), with progress per chunk."""
    out = np.empty((len(ids), 2), dtype=np.float64)
    if not len(ids):
        return out
    with col.read_lock():
        step = mapsample.chunk_rows(col.vectors().dim)
    stage = f"{method} placing"
    progress(stage, 0, len(ids))
    for start in range(0, len(ids), step):
        part = ids[start:start + step]
        out[start:start + len(part)] = _transform(col, fitted, method, col.indexed_vectors(part)[1])
        progress(stage, start + len(part), len(ids))
    return out


def _fit(method, vectors, pca_dims, neighbors, min_dist, seed, show_progress, halfway,
         target=None, target_weight=0.5):
    from sklearn.decomposition import PCA
    n, d = vectors.shape
    dims = 2 if method == "pca" else min(pca_dims, d, n - 1)
    pca = PCA(n_components=dims, svd_solver="randomized" if dims < min(n, d) // 2 else "full",
              random_state=seed)
    reduced = pca.fit_transform(vectors).astype(np.float32)
    halfway()
    reducer = None
    if method == "pca":
        xy = reduced[:, :2]
    elif method == "umap":
        import umap
        supervised = {} if target is None else {"target_metric": "categorical",
                                                 "target_weight": float(target_weight)}
        reducer = umap.UMAP(n_neighbors=min(neighbors, n - 1), min_dist=min_dist, metric="cosine",
                            random_state=seed, n_components=2, verbose=False,
                            tqdm_kwds={"disable": not show_progress, "desc": "umap epochs"},
                            **supervised)
        with warnings.catch_warnings():  # "n_jobs overridden by random_state": we want the seed
            warnings.simplefilter("ignore", UserWarning)
            xy = reducer.fit_transform(reduced, y=target)
    else:
        from sklearn.manifold import TSNE
        xy = TSNE(n_components=2, perplexity=min(30.0, (n - 1) / 3.0), init="pca",
                  metric="cosine", random_state=seed).fit_transform(reduced)
    return pca, reducer, np.asarray(xy, dtype=np.float64)


def place(col: Collection, method: str, vectors: np.ndarray) -> np.ndarray:
    """2-D positions for new vectors in an existing map, without moving any stored point."""
    return _transform(col, _fitted(col, method), method, vectors)


def _transform(col: Collection, fitted: dict, method: str, vectors: np.ndarray) -> np.ndarray:
    vectors = _in_map_space(col, fitted, vectors)
    reduced = fitted["pca"].transform(vectors).astype(np.float32)
    if method == "pca":
        return reduced[:, :2].astype(np.float64)
    if method == "umap":
        with _place_lock, warnings.catch_warnings():   # umap's transform is not re-entrant
            warnings.simplefilter("ignore")
            return np.asarray(fitted["reducer"].transform(reduced), dtype=np.float64)
    # t-SNE has no transform: similarity-weighted mean of the 5 nearest fitted points.
    keep = np.isin(fitted["ids"], col.ids())
    base = fitted["pca"].transform(_in_map_space(col, fitted, col.indexed_vectors(fitted["ids"][keep])[1]))
    out = np.empty((len(reduced), 2), dtype=np.float64)
    step = max(1, 20_000_000 // max(len(base), 1))     # at most ~160 MB of similarities
    for start in range(0, len(reduced), step):
        sims = _cos(reduced[start:start + step], base)
        top = np.argsort(-sims, axis=1)[:, :5]
        w = np.clip(np.take_along_axis(sims, top, 1), 1e-6, None)
        out[start:start + step] = (fitted["xy"][keep][top] * w[..., None]).sum(1) / w.sum(1, keepdims=True)
    return out


def _in_map_space(col: Collection, fitted: dict, vectors: np.ndarray) -> np.ndarray:
    """Vectors of the collection's current space, moved into the space the map was fitted in
    (they differ once the post-processing is refitted as the collection grows)."""
    current = (col.manifest.postprocess or {}).get("file")
    if current == fitted.get("space_file", current):
        return vectors
    from ..features import postprocess
    return postprocess.apply(fitted.get("space"), postprocess.invert(col.space(), vectors))


def _cos(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True).clip(1e-12)
    b = b / np.linalg.norm(b, axis=1, keepdims=True).clip(1e-12)
    return a @ b.T


def place_ids(col: Collection, method: str, ids) -> int:
    """Place these indexed images on a stored map (the index job calls this per checkpoint)."""
    ids = np.asarray(ids, dtype=np.int64)
    if not len(ids):
        return 0
    xy = place(col, method, col.indexed_vectors(ids)[1])
    with col.write_lock():
        col.store.write_coords(method, ids, xy, replace=False)
    return len(ids)


def place_new(col: Collection, method: str) -> int:
    """Place every indexed image that has no coordinates on this map yet."""
    have = col.store.coords(method)["image_id"].to_numpy()
    new = np.setdiff1d(col.ids(), have)
    return place_ids(col, method, new)


def map_frame(col: Collection, method: str | None = None, columns: list[str] | None = None):
    """(points with x, y and catalog columns as a DataFrame, method, unplaced, total).
    Images without coordinates yet are counted in `unplaced`: the caller draws the rest
    and says how many wait, instead of hiding the map."""
    stored = sorted(col.manifest.maps)
    if not stored:
        raise NotFound(f"collection {col.name!r} has no map yet", param="method",
                       fix=f"build one with `imgsearch map --collection {col.name}`")
    method = method or ("umap" if "umap" in stored else stored[0])
    if method not in stored:
        raise NotFound(f"collection {col.name!r} has no {method} map (it has {', '.join(stored)})",
                       param="method")
    wanted = [c for c in (columns or MAP_COLUMNS) if c not in ("x", "y")]
    known = col.columns()
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise InvalidArgument(f"unknown column {unknown[0]!r}", param="columns")
    table = col.table(columns=["image_id"] + [c for c in wanted if c != "image_id"])
    df = table.merge(col.store.coords(method), on="image_id", how="inner")
    order = ["image_id", "x", "y"] + [c for c in wanted if c != "image_id"]
    return df[order], method, len(table) - len(df), len(table)


def map_points(col: Collection, method: str | None = None, columns: list[str] | None = None) -> MapPoints:
    """The same, column-wise for JSON (no per-point keys)."""
    from ..results import records
    df, method, unplaced, total = map_frame(col, method, columns)
    rows = records(df)
    cols = {c: [r[c] for r in rows] for c in df.columns}
    return MapPoints(method=method, columns=cols, unplaced=unplaced, total=total,
                     supervised=is_supervised(col, method))
