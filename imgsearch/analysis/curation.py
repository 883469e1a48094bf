"""Curation signals: near-duplicate groups, outliers and clusters (stored per image only when
asked, save=True)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ..core.collection import Collection
from ..core.vectors import normalize
from ..errors import Conflict, InvalidArgument
from ..results import ClusterAssignment, DuplicateMember, Outlier, Rows, records
from .explain import knn, knn_in, labels_for

CLUSTER_METHODS = ("kmeans", "hdbscan")


def duplicates(col: Collection, threshold: float = 0.80, margin: float = 0.05,
               context_k: int = 20, save: bool = False) -> Rows[DuplicateMember]:
    """Groups of exact (same sha256) and near duplicates, as connected components.

    A pair is a near duplicate when its cosine similarity is >= threshold AND stands out from
    both images' neighbourhoods: it beats each image's context_k-th neighbour by `margin`.
    The second rule keeps an absolute threshold honest: in a dense region (digits under an
    ImageNet CNN sit at 0.95+ from each other) similar-but-distinct images are not
    duplicates, while in a sparse one (photos) a blurred copy at 0.8 is. Identical vectors
    (>= 0.995) always count. In each group the first indexed image is the one kept; every
    member carries its similarity to it.
    """
    if not 0.0 < threshold <= 1.0:
        raise InvalidArgument("threshold must be in (0, 1]", param="threshold")
    if not 0.0 <= margin < 1.0:
        raise InvalidArgument("margin must be in [0, 1)", param="margin")
    with col._rw.read():
        ids, vecs, index = _raw_space(col)
        pos = pd.Series(np.arange(len(ids)), index=ids)
        context = np.full(len(ids), -1.0, dtype=np.float32)
        if margin > 0 and len(ids) > 2:
            kid, _, ksc = knn_in(index, ids, vecs, context_k)
            context[pos.reindex(kid).to_numpy()] = ksc[:, -1]
        rows, cols_ = [], []
        for s in range(0, len(ids), 2048):
            src, sims, found = _pairs_above(index, vecs[s:s + 2048], threshold)
            src = src + s
            dst = pos.reindex(found).to_numpy()
            ok = ~np.isnan(dst)
            src, dst, sims = src[ok], dst[ok].astype(np.int64), sims[ok]
            stands_out = (sims >= context[src] + margin) & (sims >= context[dst] + margin)
            keep = stands_out | (sims >= 0.995)
            rows.append(src[keep])
            cols_.append(dst[keep])
    files = col.store.rows(ids, ["image_id", "sha256", "path", "label", "prediction",
                                 "confidence"]).set_index("image_id").reindex(ids)
    sha = files["sha256"].to_numpy()
    same = pd.Series(np.arange(len(ids))).groupby(sha).transform("first").to_numpy()
    r = np.concatenate(rows + [np.arange(len(ids))])
    c = np.concatenate(cols_ + [same])
    graph = coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(len(ids),) * 2)
    _, comp = connected_components(graph, directed=False)
    size = np.bincount(comp)
    if save:
        stored = pd.DataFrame({"image_id": ids, "duplicate_group": np.where(size[comp] > 1, comp, -1)})
        stored["duplicate_group"] = stored["duplicate_group"].astype("Int64").where(
            stored["duplicate_group"] >= 0)
        with col._write:
            col.store.write_signal("sig_duplicate", stored)
    grouped = np.flatnonzero(size[comp] > 1)
    df = pd.DataFrame({"image_id": ids[grouped], "duplicate_group": comp[grouped],
                       "size": size[comp[grouped]], "sha256": sha[grouped], "_pos": grouped})
    df = df.sort_values(["size", "duplicate_group", "image_id"], ascending=[False, True, True])
    kept_pos = df.groupby("duplicate_group")["_pos"].transform("first").to_numpy()
    unit = normalize(vecs)
    df["similarity_to_kept"] = np.einsum("ij,ij->i", unit[df["_pos"].to_numpy()], unit[kept_pos])
    df["kept"] = df["_pos"].to_numpy() == kept_pos
    df["kind"] = df.groupby("duplicate_group")["sha256"].transform(
        lambda s: "exact" if s.nunique() == 1 else "near")
    out = df.drop(columns=["_pos", "sha256"]).merge(
        files.drop(columns="sha256").reset_index(), on="image_id", how="left")
    return Rows[DuplicateMember](rows=[DuplicateMember(**r) for r in records(out)])


def _raw_space(col):
    """(ids, raw unit features, an index over them). Duplicates are judged on the model's raw
    features: the collection's post-processing (centring) spreads copies apart on purpose."""
    if col.space() is None:
        ids, vecs = col.indexed_vectors()
        return ids, vecs, col._vectors()
    from ..core.vectors import create
    ids, vecs = col.raw_vectors()
    index = create("flat", vecs.shape[1])
    index.add(ids, vecs)
    return ids, vecs, index


def _pairs_above(index, vecs, threshold):
    """(query row, similarity, id) of every stored vector within the threshold of each query:
    FAISS range search where the index has it, else a wide k-NN (HNSW has no range search)."""
    if index.kind != "hnsw":
        lims, sims, found = index.index.range_search(normalize(vecs), float(threshold) - 1e-6)
        return np.repeat(np.arange(len(vecs)), np.diff(lims).astype(np.int64)), sims, found
    sims, found = index.search(vecs, 64)
    keep = (sims >= threshold) & (found >= 0)
    return np.nonzero(keep)[0], sims[keep], found[keep]


def outliers(col: Collection, k: int = 10, save: bool = False) -> Rows[Outlier]:
    """Mean cosine distance to the k nearest neighbours, highest first."""
    ids, _, sc = knn(col, k)
    df = pd.DataFrame({"image_id": ids, "outlier_score": (1.0 - sc).mean(axis=1)})
    if save:
        with col._write:
            col.store.write_signal("sig_outlier", df)
    df = df.sort_values(["outlier_score", "image_id"], ascending=[False, True], kind="stable")
    rows = col.store.rows(df["image_id"], ["image_id", "path", "label", "prediction", "confidence"])
    return Rows[Outlier](rows=[Outlier(**r) for r in records(rows.merge(df, on="image_id"))])


def clusters(col: Collection, method: str = "kmeans", k: int | None = None,
             within_label: bool = False, seed: int = 0, save: bool = False) -> Rows[ClusterAssignment]:
    """Cluster the vectors (optionally separately inside each label).

    within_label finds sub-groups of one class, e.g. planes on the ground versus in the sky.
    """
    if method not in CLUSTER_METHODS:
        raise InvalidArgument(f"unknown cluster method {method!r}; choose "
                              f"{', '.join(CLUSTER_METHODS)}", param="method")
    if k is not None and (not isinstance(k, (int, np.integer)) or k < 2):
        raise InvalidArgument("k must be an integer >= 2", param="k")
    if not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**31:
        raise InvalidArgument("seed must be an integer between 0 and 2^31-1", param="seed")
    ids, vecs = col.indexed_vectors()
    if within_label:
        labels = labels_for(col, ids)
        if not pd.notna(labels).any():
            raise Conflict("clustering within labels needs labels", param="within_label",
                           fix="import labels with a labels CSV when indexing")
        names = np.full(len(ids), None, dtype=object)
        for lab in pd.unique(labels[pd.notna(labels)]):
            sel = np.flatnonzero(labels == lab)
            kk = k or max(2, min(10, round(np.sqrt(len(sel) / 2))))
            sub = _cluster(vecs[sel], method, kk, seed) if len(sel) > kk else np.zeros(len(sel), int)
            names[sel] = [f"{lab}/{c}" if c >= 0 else f"{lab}/noise" for c in sub]
    else:
        kk = k or max(2, min(50, round(np.sqrt(len(ids) / 2))))
        if len(ids) <= kk:
            raise Conflict(f"{len(ids)} images cannot make {kk} clusters", param="k")
        names = np.array([str(c) if c >= 0 else "noise" for c in _cluster(vecs, method, kk, seed)],
                         dtype=object)
    df = pd.DataFrame({"image_id": ids, "cluster": names})
    if save:
        with col._write:
            col.store.write_signal("sig_cluster", df)
    return Rows[ClusterAssignment](rows=[ClusterAssignment(**r) for r in records(df)])


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
