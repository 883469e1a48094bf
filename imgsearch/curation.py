"""Curation signals: near-duplicate groups, outliers and clusters (stored per image)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from tqdm.auto import tqdm

from .analysis import knn, labels_for
from .collection import Collection
from .errors import BadQuery, ImgsearchError
from .index import normalize

CLUSTER_METHODS = ("kmeans", "hdbscan")


def duplicates(col: Collection, threshold: float = 0.80, margin: float = 0.05,
               context_k: int = 20) -> pd.DataFrame:
    """Groups of exact (same sha256) and near duplicates, as connected components.

    A pair is a near duplicate when its cosine similarity is >= threshold AND stands out from
    both images' neighbourhoods: it beats each image's context_k-th neighbour by `margin`.
    The second rule is what keeps an absolute threshold honest: in a dense region (digits
    under an ImageNet CNN sit at 0.95+ from each other) similar-but-distinct images are not
    duplicates, while in a sparse one (photos) a blurred copy at 0.8 is. Identical vectors
    (>= 0.995) always count. Stores duplicate_group per image.
    """
    if not 0.0 < threshold <= 1.0:
        raise BadQuery("--threshold must be in (0, 1]")
    if not 0.0 <= margin < 1.0:
        raise BadQuery("--margin must be in [0, 1)")
    ids, vecs = col.indexed_vectors()
    pos = pd.Series(np.arange(len(ids)), index=ids)
    context = np.full(len(ids), -1.0, dtype=np.float32)
    if margin > 0 and len(ids) > 2:
        kid, _, ksc = knn(col, context_k)
        context[pos.reindex(kid).to_numpy()] = ksc[:, -1]
    rows, cols_ = [], []
    step = 2048
    for s in tqdm(range(0, len(ids), step), desc="range search", disable=not col.cfg.progress):
        src, sims, found = _pairs_above(col.index, vecs[s:s + step], threshold)
        src = src + s
        dst = pos.reindex(found).to_numpy()
        ok = ~np.isnan(dst)
        src, dst, sims = src[ok], dst[ok].astype(np.int64), sims[ok]
        stands_out = (sims >= context[src] + margin) & (sims >= context[dst] + margin)
        keep = stands_out | (sims >= 0.995)
        rows.append(src[keep])
        cols_.append(dst[keep])
    files = col.store.rows(ids).set_index("image_id")
    sha = files["sha256"].reindex(ids).to_numpy()
    same = pd.Series(np.arange(len(ids))).groupby(sha).transform("first").to_numpy()
    r = np.concatenate(rows + [np.arange(len(ids))])
    c = np.concatenate(cols_ + [same])
    graph = coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(len(ids),) * 2)
    _, comp = connected_components(graph, directed=False)
    size = np.bincount(comp)
    df = pd.DataFrame({"image_id": ids, "duplicate_group": comp, "size": size[comp],
                       "sha256": sha})
    stored = df.assign(duplicate_group=np.where(df["size"] > 1, df["duplicate_group"], None))
    col.store.write_signal("sig_duplicate", stored.astype({"duplicate_group": "Int64"}))
    df = df[df["size"] > 1].copy()
    df["kind"] = df.groupby("duplicate_group")["sha256"].transform(
        lambda s: "exact" if s.nunique() == 1 else "near")
    df["path"] = df["image_id"].map(files["path"])
    df["label"] = df["image_id"].map(files["label"])
    return (df.sort_values(["size", "duplicate_group", "image_id"], ascending=[False, True, True])
              [["duplicate_group", "kind", "size", "image_id", "path", "label"]]
              .reset_index(drop=True))


def _pairs_above(index, vecs, threshold):
    """(query row, similarity, id) of every stored vector within the threshold of each query:
    FAISS range search where the index has it, else a wide k-NN (HNSW has no range search)."""
    if index.kind != "hnsw":
        lims, sims, found = index.index.range_search(normalize(vecs), float(threshold) - 1e-6)
        return np.repeat(np.arange(len(vecs)), np.diff(lims).astype(np.int64)), sims, found
    sims, found = index.search(vecs, 64)
    keep = (sims >= threshold) & (found >= 0)
    return np.nonzero(keep)[0], sims[keep], found[keep]


def outliers(col: Collection, k: int = 10) -> pd.DataFrame:
    """Mean cosine distance to the k nearest neighbours, highest first (stored as outlier_score)."""
    ids, _, sc = knn(col, k)
    df = pd.DataFrame({"image_id": ids, "outlier_score": (1.0 - sc).mean(axis=1)})
    col.store.write_signal("sig_outlier", df)
    df = df.sort_values("outlier_score", ascending=False, kind="stable").reset_index(drop=True)
    rows = col.store.rows(df["image_id"]).set_index("image_id")
    for c in ("path", "label"):
        df[c] = df["image_id"].map(rows[c])
    return df


def clusters(col: Collection, method: str = "kmeans", k: int | None = None,
             within_label: bool = False, seed: int = 0) -> pd.DataFrame:
    """Cluster the vectors (optionally separately inside each label); stores cluster per image.

    within_label finds sub-groups of one class, e.g. planes on the ground versus in the sky.
    """
    if method not in CLUSTER_METHODS:
        raise BadQuery(f"unknown cluster method {method!r}; choose {', '.join(CLUSTER_METHODS)}")
    if k is not None and k < 2:
        raise BadQuery("--k must be >= 2")
    ids, vecs = col.indexed_vectors()
    if within_label:
        labels = labels_for(col, ids)
        if not pd.notna(labels).any():
            raise ImgsearchError("--within-label needs labels (import them with `index --labels`)")
        names = np.full(len(ids), None, dtype=object)
        for lab in pd.unique(labels[pd.notna(labels)]):
            sel = np.flatnonzero(labels == lab)
            kk = k or max(2, min(10, round(np.sqrt(len(sel) / 2))))
            sub = _cluster(vecs[sel], method, kk, seed) if len(sel) > kk else np.zeros(len(sel), int)
            names[sel] = [f"{lab}/{c}" if c >= 0 else f"{lab}/noise" for c in sub]
    else:
        kk = k or max(2, min(50, round(np.sqrt(len(ids) / 2))))
        if len(ids) <= kk:
            raise ImgsearchError(f"{len(ids)} images cannot make {kk} clusters")
        names = np.array([str(c) if c >= 0 else "noise" for c in _cluster(vecs, method, kk, seed)],
                         dtype=object)
    df = pd.DataFrame({"image_id": ids, "cluster": names})
    col.store.write_signal("sig_cluster", df)
    return df


def _cluster(vecs: np.ndarray, method: str, k: int, seed: int) -> np.ndarray:
    if method == "kmeans":
        import faiss
        km = faiss.Kmeans(vecs.shape[1], k, niter=25, seed=seed, spherical=True, verbose=False)
        km.train(np.ascontiguousarray(vecs))
        return km.index.search(np.ascontiguousarray(vecs), 1)[1][:, 0]
    from sklearn.cluster import HDBSCAN
    from sklearn.decomposition import PCA
    reduced = PCA(n_components=min(50, vecs.shape[1], len(vecs) - 1), random_state=seed).fit_transform(vecs)
    return HDBSCAN(min_cluster_size=max(5, len(vecs) // 100), copy=True).fit_predict(reduced)
