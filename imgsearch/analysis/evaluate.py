"""How good is an embedding for these labels: a nearest-neighbour classifier beside a dummy.

- kNN accuracy, leave-one-out: each labelled image is classified by the majority label of its
  k nearest other labelled images (k = 1 and 10; a tie goes to the first label in sorted
  order, as scikit-learn's KNeighborsClassifier does), read from the collection's stored
  neighbour graph (core/knngraph.py, built through its vector index in batches): no n x n
  matrix, so it runs at 100,000 images and more;
- the dummy baseline: always the most frequent label;
- the mean silhouette of the labels (cosine), on a sample of at most `sample` images;
- the stored map's trustworthiness (k = 10), on a sample of at most 2,000 of its points;
- per split, when the collection has a train split and a val or test one: train images are
  the neighbours, the others the queries.
"""
from __future__ import annotations

import time

import numpy as np
import pandas as pd

from ..core.collection import Collection
from ..core.streaming import IndexedRows
from ..errors import Conflict
from ..results import ClassScore, Evaluation, SplitScore
from . import mapsample
from .explain import knn_in
from .positions import lookup, position_of

KS = (1, 10)
BATCH = 2048
TRUST_SAMPLE = 2000


def majority(codes: np.ndarray, k: int, n_classes: int) -> np.ndarray:
    """The most common code among the first k of each row (-1 = no neighbour); ties go to the
    smallest code."""
    out = np.empty(len(codes), dtype=np.int64)
    for s in range(0, len(codes), BATCH):
        block = codes[s:s + BATCH, :k]
        counts = np.zeros((len(block), n_classes + 1), dtype=np.int32)
        np.add.at(counts, (np.repeat(np.arange(len(block)), block.shape[1]), block.ravel() + 1), 1)
        out[s:s + BATCH] = counts[:, 1:].argmax(axis=1)
    return out


def _neighbour_codes(index, ids, vecs, code_of: pd.Series, k: int, subset, exclude_self: bool):
    """(n, k) label codes of each vector's k nearest among subset (-1 where fewer)."""
    if exclude_self:
        _, nn, _ = knn_in(index, ids, vecs, k, subset)
    else:
        nn = np.empty((len(vecs), k), dtype=np.int64)
        for s in range(0, len(vecs), BATCH):
            nn[s:s + BATCH] = index.search(vecs[s:s + BATCH], k, subset)[1]
    return code_of.reindex(nn.ravel()).fillna(-1).to_numpy(np.int64).reshape(nn.shape)


def _graph_codes(col, ids, vecs, code_of: pd.Series, k: int) -> np.ndarray:
    """(n, k) label codes of each labelled image's k nearest other labelled images (-1 where
    fewer), read from the stored neighbour graph: its lists filtered to labelled images, a
    block of rows at a time (the whole (n, K) table of codes, and pandas' copies of it while
    mapping ids to codes, was the stage's peak at a million images). A list with fewer than
    k labelled images in it (and other images past its end) is searched among the labelled
    images instead."""
    from ..core import knngraph
    g = knngraph.graph(col)
    row_of = position_of(g.ids)
    code_at = lookup(code_of.index.to_numpy(np.int64), code_of.to_numpy(np.int64))
    rows = row_of(ids)
    codes = np.full((len(ids), k), -1, dtype=np.int64)
    for s in range(0, len(ids), BATCH):
        part = rows[s:s + BATCH]
        block = np.where(part[:, None] >= 0, code_at(g.nn[part]), -1)   # -1: not in the graph
        block = np.take_along_axis(block, np.argsort(block < 0, axis=1, kind="stable"), 1)
        w = min(k, block.shape[1])
        codes[s:s + BATCH, :w] = block[:, :w]
    k = min(k, len(ids) - 1)
    redo = (np.flatnonzero(codes[:, k - 1] < 0) if g.k < len(g.ids) - 1
            else np.empty(0, np.int64))
    if len(redo):
        index = col.vectors()
        subset = None if index.ntotal == len(ids) else ids

        def search(q, kk):
            with col.read_lock():
                return index.search(q, kk, subset)
        nn, _ = knngraph.search_rows(search, ids, vecs, k, rows=redo)
        codes[redo, :k] = code_at(nn)
    return codes


def evaluate(col: Collection, sample: int = 5000, seed: int = 0) -> Evaluation:
    t0 = time.perf_counter()
    ids = mapsample.indexed_ids(col)
    table = col.store.rows(ids, ["image_id", "label", "split"]).set_index("image_id").reindex(ids)
    labels = table["label"].to_numpy(dtype=object)
    has = pd.notna(labels)
    ids = ids[has]
    # every use of the vectors below is of a sample or a subset: read as needed, never all
    vecs = IndexedRows(col, ids)
    labels, splits = labels[has].astype(str), table["split"].to_numpy(dtype=object)[has]
    classes, y = np.unique(labels, return_inverse=True)
    if len(ids) < 3 or len(classes) < 2:
        raise Conflict("evaluating an embedding needs labelled images of at least 2 labels",
                       param="collection",
                       fix="import labels with --labels folder or a labels file when indexing")
    code_of = pd.Series(y, index=ids)
    codes = _graph_codes(col, ids, vecs, code_of, max(KS))
    with col.read_lock():
        index = col.vectors()
        per_split = _per_split(index, ids, vecs, y, splits, code_of, len(classes))
    correct = {k: majority(codes, k, len(classes)) == y for k in KS}
    counts = np.bincount(y, minlength=len(classes))
    sil, sil_n, sil_class = _silhouette(vecs, y, sample, seed)
    trust, method = _trustworthiness(col, ids, vecs, seed)
    per_class = [ClassScore(label=str(c), n=int(counts[j]),
                            knn_accuracy_k1=float(correct[1][y == j].mean()),
                            knn_accuracy_k10=float(correct[10][y == j].mean()),
                            silhouette=sil_class.get(j))
                 for j, c in enumerate(classes)]
    report = Evaluation(n=len(ids), classes=len(classes),
                        knn_accuracy_k1=float(correct[1].mean()),
                        knn_accuracy_k10=float(correct[10].mean()),
                        dummy_accuracy=float(counts.max() / counts.sum()),
                        silhouette=sil, silhouette_sample=sil_n, trustworthiness=trust,
                        map_method=method, per_class=per_class, per_split=per_split)
    report.conclusion = conclusion(report, str(classes[counts.argmax()]))
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def _per_split(index, ids, vecs, y, splits, code_of, n_classes) -> list[SplitScore]:
    names = {str(s) for s in pd.unique(splits) if s is not None and not pd.isna(s)}
    if "train" not in names:
        return []
    train = splits == "train"
    out = []
    for query in sorted(names - {"train"}, key=lambda s: (s not in ("val", "test"), s)):
        sel = splits == query
        codes = _neighbour_codes(index, ids[sel], vecs[sel], code_of, max(KS), ids[train],
                                 exclude_self=False)
        counts = np.bincount(y[train], minlength=n_classes)
        acc = {k: float((majority(codes, k, n_classes) == y[sel]).mean()) for k in KS}
        out.append(SplitScore(neighbours="train", queries=query, n_neighbours=int(train.sum()),
                              n_queries=int(sel.sum()), knn_accuracy_k1=acc[1],
                              knn_accuracy_k10=acc[10],
                              dummy_accuracy=float((y[sel] == counts.argmax()).mean())))
    return out


def _silhouette(vecs, y, sample: int, seed: int):
    from sklearn.metrics import silhouette_samples
    rng = np.random.default_rng(seed)
    pick = np.sort(rng.choice(len(y), size=min(sample, len(y)), replace=False))
    if len(np.unique(y[pick])) < 2:
        return None, 0, {}
    values = silhouette_samples(vecs[pick], y[pick], metric="cosine")
    by_class = pd.Series(values).groupby(y[pick]).mean()
    return float(values.mean()), int(len(pick)), {int(j): float(v) for j, v in by_class.items()}


def _trustworthiness(col: Collection, ids, vecs, seed: int):
    from sklearn.manifold import trustworthiness
    maps = sorted(col.manifest.maps)
    if not maps:
        return None, None
    method = "umap" if "umap" in maps else maps[0]
    xy = col.store.coords(method)
    pos = pd.Series(np.arange(len(ids)), index=ids)
    xy = xy[xy["image_id"].isin(ids)]
    if len(xy) < 12:
        return None, method
    rng = np.random.default_rng(seed)
    xy = xy.iloc[np.sort(rng.choice(len(xy), size=min(TRUST_SAMPLE, len(xy)), replace=False))]
    high = vecs[pos[xy["image_id"]].to_numpy()]
    return float(trustworthiness(high, xy[["x", "y"]].to_numpy(), n_neighbors=10)), method


def conclusion(r: Evaluation, most_frequent: str) -> str:
    best_k = 10 if r.knn_accuracy_k10 >= r.knn_accuracy_k1 else 1
    acc = max(r.knn_accuracy_k1, r.knn_accuracy_k10)
    lift = (acc - r.dummy_accuracy) / max(1e-9, 1 - r.dummy_accuracy)
    weakest = min(r.per_class, key=lambda c: (c.knn_accuracy_k10, c.label))
    if lift >= 0.8:
        verdict = "the embedding separates these classes well"
    elif lift >= 0.5:
        verdict = (f"the embedding separates most classes; the weakest is '{weakest.label}' "
                   f"({weakest.knn_accuracy_k10:.0%} at k = 10)")
    elif lift >= 0.2:
        verdict = "the embedding separates the classes only partly: try another layer or model"
    else:
        verdict = "hardly better than guessing: this embedding does not capture these labels"
    return (f"kNN accuracy {acc:.0%} (k = {best_k}) against {r.dummy_accuracy:.0%} for always "
            f"'{most_frequent}': {verdict}")
