"""2-D maps: PCA to ~50 dimensions, then UMAP (cosine), t-SNE or plain PCA.

Coordinates go to DuckDB (table coords, one row per image and method); the fitted reducers are
saved beside the collection so images added later are placed with `transform`, not a refit.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .collection import Collection
from .errors import BadQuery, ImgsearchError

METHODS = ("umap", "tsne", "pca")


@dataclass
class MapReport:
    method: str
    fitted: int = 0       # points the reducer was fitted on in this call
    placed: int = 0       # points added with transform
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.method}: fitted {self.fitted}, placed {self.placed} new "
                f"in {self.seconds:.1f}s")


def check_params(method: str, pca_dims: int, neighbors: int, min_dist: float) -> None:
    if method not in METHODS:
        raise BadQuery(f"unknown map method {method!r}; choose one of {', '.join(METHODS)}")
    if pca_dims < 2:
        raise BadQuery("--pca-dims must be >= 2")
    if neighbors < 2:
        raise BadQuery("--neighbors must be >= 2")
    if not 0.0 <= min_dist <= 1.0:
        raise BadQuery("--min-dist must be between 0 and 1")


def _model_path(col: Collection, method: str) -> Path:
    return col.dir / "maps" / f"{method}.joblib"


def build_map(col: Collection, method: str = "umap", pca_dims: int = 50, neighbors: int = 15,
              min_dist: float = 0.1, seed: int = 0, refit: bool = False) -> MapReport:
    """Fit a map (first time, or with refit) or place the images that have no coordinates yet."""
    check_params(method, pca_dims, neighbors, min_dist)
    t0 = time.perf_counter()
    report = MapReport(method)
    ids, vectors = col.indexed_vectors()
    if len(ids) < 3:
        raise ImgsearchError("a map needs at least 3 indexed images")
    progress = col.cfg.progress
    if refit or not _model_path(col, method).exists():
        with tqdm(total=2, desc=f"{method} fit", disable=not progress) as bar:
            pca, reducer, xy = _fit(method, vectors, pca_dims, neighbors, min_dist, seed, progress, bar)
        col.store.con.execute("DELETE FROM coords WHERE method = ?", [method])
        _store(col, method, ids, xy)
        _model_path(col, method).parent.mkdir(exist_ok=True)
        joblib.dump({"pca": pca, "reducer": reducer, "ids": ids, "xy": xy}, _model_path(col, method))
        col.manifest.setdefault("maps", {})[method] = {
            "pca_dims": int(pca.n_components_), "neighbors": neighbors, "min_dist": min_dist,
            "seed": seed, "fitted_on": int(len(ids)), "metric": "cosine",
            "fitted_at": pd.Timestamp.now(tz="UTC").isoformat()}
        col.save_manifest()
        report.fitted = len(ids)
    else:
        have = set(col.store.con.execute("SELECT image_id FROM coords WHERE method = ?",
                                         [method]).fetchnumpy()["image_id"].tolist())
        new = np.fromiter((i not in have for i in ids), bool, len(ids))
        if new.any():
            xy = place(col, method, vectors[new])
            _store(col, method, ids[new], xy)
            report.placed = int(new.sum())
    report.seconds = time.perf_counter() - t0
    return report


def _fit(method, vectors, pca_dims, neighbors, min_dist, seed, progress, bar):
    from sklearn.decomposition import PCA
    n, d = vectors.shape
    dims = 2 if method == "pca" else min(pca_dims, d, n - 1)
    pca = PCA(n_components=dims, svd_solver="randomized" if dims < min(n, d) // 2 else "full",
              random_state=seed)
    reduced = pca.fit_transform(vectors).astype(np.float32)
    bar.update(1)
    reducer = None
    if method == "pca":
        xy = reduced[:, :2]
    elif method == "umap":
        import umap
        reducer = umap.UMAP(n_neighbors=min(neighbors, n - 1), min_dist=min_dist, metric="cosine",
                            random_state=seed, n_components=2, verbose=False,
                            tqdm_kwds={"disable": not progress, "desc": "umap epochs"})
        with warnings.catch_warnings():  # "n_jobs overridden by random_state": we want the seed
            warnings.simplefilter("ignore", UserWarning)
            xy = reducer.fit_transform(reduced)
    else:
        from sklearn.manifold import TSNE
        xy = TSNE(n_components=2, perplexity=min(30.0, (n - 1) / 3.0), init="pca",
                  metric="cosine", random_state=seed).fit_transform(reduced)
    bar.update(1)
    return pca, reducer, np.asarray(xy, dtype=np.float64)


def place(col: Collection, method: str, vectors: np.ndarray) -> np.ndarray:
    """2-D positions for new vectors in an existing map, without moving any stored point."""
    path = _model_path(col, method)
    if not path.exists():
        raise ImgsearchError(f"no {method} map for {col.name!r}: run `imgsearch map "
                             f"--collection {col.name} --method {method}` first")
    fitted = joblib.load(path)
    reduced = fitted["pca"].transform(vectors).astype(np.float32)
    if method == "pca":
        return reduced[:, :2].astype(np.float64)
    if method == "umap":
        return np.asarray(fitted["reducer"].transform(reduced), dtype=np.float64)
    # t-SNE has no transform: similarity-weighted mean of the 5 nearest fitted points.
    base = fitted["pca"].transform(col.index.reconstruct(fitted["ids"]))
    sims = _cos(reduced, base)
    top = np.argsort(-sims, axis=1)[:, :5]
    w = np.clip(np.take_along_axis(sims, top, 1), 1e-6, None)
    return (fitted["xy"][top] * w[..., None]).sum(1) / w.sum(1, keepdims=True)


def _cos(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True).clip(1e-12)
    b = b / np.linalg.norm(b, axis=1, keepdims=True).clip(1e-12)
    return a @ b.T


def _store(col: Collection, method: str, ids: np.ndarray, xy: np.ndarray) -> None:
    df = pd.DataFrame({"image_id": ids.astype(np.int64), "method": method,
                       "x": xy[:, 0], "y": xy[:, 1]})
    con = col.store.con
    con.register("_xy", df)
    con.execute("INSERT OR REPLACE INTO coords SELECT image_id, method, x, y FROM _xy")
    con.unregister("_xy")


def coordinates(col: Collection, method: str = "umap") -> pd.DataFrame:
    """image_id, x, y of every indexed image for a stored map; error when there is none."""
    df = col.store.con.execute(
        "SELECT c.image_id, c.x, c.y FROM coords c JOIN images i USING (image_id) "
        "WHERE c.method = ? AND i.state = 'indexed' ORDER BY c.image_id", [method]).df()
    if df.empty:
        raise ImgsearchError(f"collection {col.name!r} has no {method} map: run "
                             f"`imgsearch map --collection {col.name} --method {method}` first")
    missing = col.store.counts()["indexed"] - len(df)
    if missing > 0:
        raise ImgsearchError(f"{missing} images have no {method} coordinates yet: run "
                             f"`imgsearch map --collection {col.name} --method {method}` to place them")
    return df


def map_frame(col: Collection, method: str = "umap", max_points: int = 100_000,
              seed: int = 0) -> tuple[pd.DataFrame, bool]:
    """Catalog rows with x, y for plotting; above max_points, a per-label sample.

    Returns (frame, sampled). Sampling keeps every label represented in proportion, so a
    browser never receives more points than it can draw.
    """
    xy = coordinates(col, method)
    df = col.store.table().merge(xy, on="image_id")
    if len(df) <= max_points:
        return df, False
    frac = max_points / len(df)
    key = df["label"].fillna("(none)")
    sample = df.groupby(key, dropna=False).sample(frac=frac, random_state=seed)
    return sample.reset_index(drop=True), True
