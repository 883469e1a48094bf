"""A timeline of embedding spaces of one collection (checkpoints of a training run, layers of a
network): per space, how well its neighbourhoods follow the labels, and how much they moved
since the space before it.

Every figure is computed on the images all the spaces hold (one catalog, so the same image
ids): leave-one-out kNN accuracy (the majority label of the k nearest others), the mean over
classes of the per-class silhouette (cosine, on a sample), and neighbour overlap@k with the
previous space (the share of an image's k nearest others that both spaces agree on). The
images whose neighbourhoods changed most between two consecutive spaces are listed, and the kNN
accuracy of each class across the spaces (which classes come apart first).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import BaseModel

from ..core import spaces as spaces_io
from ..errors import Conflict, InvalidArgument


class TimelineStep(BaseModel):
    space: str
    model: str | None = None
    weights: str | None = None
    knn_accuracy: float | None = None     # leave-one-out, k nearest others, majority label
    silhouette: float | None = None       # mean over classes of the per-class silhouette
    overlap_previous: float | None = None  # mean neighbour overlap@k with the space before


class MovedImage(BaseModel):
    image_id: int
    path: str
    label: str | None = None
    before: str                           # the space before
    after: str
    overlap: float                        # neighbour overlap@k between the two


class ClassCurve(BaseModel):
    label: str
    n: int                                # labelled images of this class every space holds
    knn_accuracy: list[float | None]      # one per space, in the timeline's order


class Timeline(BaseModel):
    collection: str
    n: int                                # images every space holds
    labelled: int
    k: int
    steps: list[TimelineStep]
    changed: list[MovedImage]             # per consecutive pair, the images that moved most
    per_class: list[ClassCurve] = []      # each label's kNN accuracy across the spaces

    def summary(self) -> str:
        acc = [s.knn_accuracy for s in self.steps]
        if any(a is None for a in acc):
            return f"{self.n} images in every space; no labels: neighbour overlap only"
        trend = ("rises" if acc[-1] > acc[0] else "falls" if acc[-1] < acc[0] else "stays")
        return (f"{self.n} images in every space ({self.labelled} labelled); kNN accuracy "
                f"{trend} from {acc[0]:.3f} ({self.steps[0].space}) to {acc[-1]:.3f} "
                f"({self.steps[-1].space})")


def _neighbours(vecs: np.ndarray, k: int) -> np.ndarray:
    """The k nearest others of every row (cosine), itself left out."""
    import faiss
    x = np.ascontiguousarray(vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12),
                             dtype=np.float32)
    _, found = faiss.knn(x, x, k + 1, metric=faiss.METRIC_INNER_PRODUCT)
    out = np.empty((len(x), k), dtype=np.int64)
    for i, row in enumerate(found):
        row = row[(row != i) & (row >= 0)][:k]
        out[i, :len(row)] = row
        out[i, len(row):] = -1
    return out


def _knn_right(neigh: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per image: 1.0 where the majority label of its k nearest labelled others is its own,
    0.0 where it is not, NaN where it has no label or no labelled neighbour (or fewer than
    three images are labelled)."""
    ok = pd.notna(labels)
    right = np.full(len(labels), np.nan)
    if ok.sum() < 3:
        return right
    for i in np.flatnonzero(ok):
        votes = [labels[j] for j in neigh[i] if j >= 0 and ok[j]]
        if votes:
            right[i] = float(pd.Series(votes).mode().iloc[0] == labels[i])
    return right


def _mean(values: np.ndarray) -> float | None:
    values = values[~np.isnan(values)]
    return float(values.mean()) if len(values) else None


def _per_class(labels: np.ndarray, rights: list[np.ndarray]) -> list[ClassCurve]:
    """Each label's leave-one-out kNN accuracy in every space (labels in natural order)."""
    ok = pd.notna(labels)
    names = labels[ok].astype(str)
    out = []
    for name in sorted(set(names), key=_natural):
        mine = np.flatnonzero(ok)[names == name]
        out.append(ClassCurve(label=name, n=len(mine),
                              knn_accuracy=[_mean(r[mine]) for r in rights]))
    return out


def _natural(v: str) -> tuple:
    try:
        return (0, float(v), v)
    except ValueError:
        return (1, 0.0, v.lower())


def _silhouette(vecs: np.ndarray, labels: np.ndarray, pick: np.ndarray) -> float | None:
    from sklearn.metrics import silhouette_samples
    sel = pick[pd.notna(labels[pick])]
    lab = labels[sel].astype(str)
    if len(sel) < 3 or len(set(lab)) < 2:
        return None
    sil = silhouette_samples(vecs[sel], lab, metric="cosine")
    return float(pd.Series(sil).groupby(lab).mean().mean())


def timeline(col, names: list[str], k: int = 10, sample: int = 3000, seed: int = 0,
             top_changed: int = 20) -> Timeline:
    names = [spaces_io.check_space(n) for n in names]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InvalidArgument(f"space {twice[0]!r} is named twice: a timeline needs at least "
                              "two different spaces, each named once", param="spaces")
    if len(names) < 2:
        raise InvalidArgument("a timeline needs at least two different spaces", param="spaces")
    views = [spaces_io.open_space(col, n) for n in names]
    held = [v.indexed_vectors() for v in views]
    common = held[0][0]
    for ids, _ in held[1:]:
        common = np.intersect1d(common, ids)
    if len(common) < k + 2:
        raise Conflict(f"spaces {', '.join(names)} of {col.name!r} hold only {len(common)} "
                       "images in common", param="spaces",
                       fix="index the same folder into every space (`index --space`)")
    rows = col.store.rows(common, ["image_id", "label", "path"]).set_index("image_id").reindex(common)
    labels, paths = rows["label"].to_numpy(dtype=object), rows["path"].to_numpy(dtype=object)
    pick = np.sort(np.random.default_rng(seed).choice(len(common), min(sample, len(common)),
                                                      replace=False))
    steps, changed, rights, before = [], [], [], None
    for name, view, (ids, vecs) in zip(names, views, held):
        vecs = vecs[pd.Series(np.arange(len(ids)), index=ids).reindex(common).to_numpy()]
        neigh = _neighbours(vecs, k)
        ident = view.manifest.model
        rights.append(_knn_right(neigh, labels))
        step = TimelineStep(space=name, model=ident.model if ident else None,
                            weights=ident.weights if ident else None,
                            knn_accuracy=_mean(rights[-1]),
                            silhouette=_silhouette(vecs, labels, pick))
        if before is not None:
            overlap = np.array([len(set(a[a >= 0]) & set(b[b >= 0])) / k
                                for a, b in zip(before[1], neigh)])
            step.overlap_previous = float(overlap.mean())
            for i in np.lexsort((common, overlap))[:top_changed]:
                changed.append(MovedImage(image_id=int(common[i]), path=str(paths[i]),
                                          label=None if pd.isna(labels[i]) else str(labels[i]),
                                          before=before[0], after=name,
                                          overlap=float(overlap[i])))
        steps.append(step)
        before = (name, neigh)
    return Timeline(collection=col.name, n=int(len(common)), labelled=int(pd.notna(labels).sum()),
                    k=k, steps=steps, changed=changed, per_class=_per_class(labels, rights))


def space_predictions(col) -> pd.DataFrame:
    """The class predictions of the space a handle reads (image_id, prediction, confidence):
    the default space's are the catalog's, another space's those its model's head gave when
    it was indexed (empty when it has none), so that a timeline colours every space by its own."""
    from .predictions import space_predictions as own_predictions
    own = own_predictions(col)                 # None: the default space's, the catalog's
    frame = col.table(columns=["image_id", "prediction", "confidence"]) if own is None else own
    frame = frame[["image_id", "prediction", "confidence"]]
    return frame[frame["prediction"].notna()].reset_index(drop=True)
