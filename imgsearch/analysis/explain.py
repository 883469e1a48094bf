"""Why was this horse classified as a dog: the confusion table, one image explained by its
neighbours and the class centroids, and kNN label issues over the whole collection."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.collection import Collection
from ..errors import Conflict, InvalidArgument, NotFound
from ..results import (CentroidSimilarity, ClassProbability, Confusion, ConfusedPair, Explanation, Hit,
                       ImageRecord, LabelIssue, Rows, records)


# -- shared: every image's k nearest neighbours (self excluded) -----------------------------
def knn(col: Collection, k: int = 10, progress=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ids, neighbour ids (n, k), scores (n, k)) over the indexed images, batched."""
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise InvalidArgument("k must be >= 1", param="k")
    from ..core import knngraph         # the stored neighbour graph, when k fits in it
    g = knngraph.graph(col, progress=progress)
    if min(k, len(g.ids) - 1) <= g.k:
        return g.first(min(k, len(g.ids) - 1))
    ids, vecs = col.indexed_vectors()
    with col.read_lock():
        index = col.vectors()
        subset = None if index.ntotal == len(ids) else ids
        return knn_in(index, ids, vecs, k, subset, progress)


def knn_in(index, ids, vecs, k: int, subset=None, progress=None):
    """Every vector's k nearest others in `index` (self excluded)."""
    k = min(k, len(ids) - 1)
    if k < 1:
        raise Conflict("need at least 2 indexed images", param="collection")
    nn = np.empty((len(ids), k), dtype=np.int64)
    sc = np.empty((len(ids), k), dtype=np.float32)
    step = 2048
    for s in range(0, len(ids), step):
        scores, found = index.search(vecs[s:s + step], k + 1, subset)
        for row in range(len(found)):
            keep = found[row] != ids[s + row]
            nn[s + row], sc[s + row] = found[row][keep][:k], scores[row][keep][:k]
        if progress:
            progress("neighbours", min(s + step, len(ids)), len(ids))
    return ids, nn, sc


def labels_for(col: Collection, ids: np.ndarray) -> np.ndarray:
    table = col.store.rows(ids, ["image_id", "label"]).set_index("image_id")
    return table["label"].reindex(ids).to_numpy(dtype=object)


# -- confusion -------------------------------------------------------------------------------
def confusion(col: Collection) -> Confusion:
    """The label x prediction table and the most-confused pairs ranked by count: of the
    catalog's predictions, or in a space's view of its own model's predictions."""
    pairs = _label_prediction_pairs(col)
    if pairs.empty:
        raise Conflict("no images have both a label and a prediction", param="collection",
                       fix="import labels with --labels folder or a labels file when indexing")
    matrix = pairs.pivot_table(index="label", columns="prediction", values="n", fill_value=0,
                               aggfunc="sum")
    matrix = matrix.reindex(index=_natural(matrix.index), columns=_natural(matrix.columns))
    totals = pairs.groupby("label")["n"].sum()
    wrong = pairs[pairs["label"] != pairs["prediction"]].copy()
    # through plain dicts and floats: a string-typed label column keeps its dtype in map()
    wrong["rate"] = (wrong["n"].to_numpy(float)
                     / wrong["label"].astype(object).map(dict(totals.items())).to_numpy(float))
    wrong = wrong.sort_values(["n", "rate", "label", "prediction"],
                              ascending=[False, False, True, True]).reset_index(drop=True)
    return Confusion(labels=[str(x) for x in matrix.index], predictions=[str(x) for x in matrix.columns],
                     counts=matrix.astype(int).to_numpy().tolist(),
                     pairs=[ConfusedPair(**r) for r in records(wrong)])


def _label_prediction_pairs(col: Collection) -> pd.DataFrame:
    """(label, prediction, n) over the images that have both, from the predictions of the
    space `col` is seen through."""
    from .predictions import no_space_predictions, require_predictions, space_predictions
    own = space_predictions(col)
    if own is None:
        require_predictions(col)
        return col.store.confusion_pairs()
    if own.empty:
        raise no_space_predictions(col)
    own = own.assign(label=labels_for(col, own["image_id"].to_numpy()))
    own = own[pd.notna(own["label"]) & pd.notna(own["prediction"])]
    return (own.astype({"label": str, "prediction": str})
            .groupby(["label", "prediction"], as_index=False).size().rename(columns={"size": "n"}))


def _natural(values) -> list:
    """Labels in a human order: numbers by value, then text."""
    def key(v):
        s = str(v)
        return (0, float(s), s) if s.replace(".", "", 1).lstrip("-").isdigit() else (1, 0.0, s.lower())
    return sorted(values, key=key)


# -- explain one image ------------------------------------------------------------------------
def explain(col: Collection, image_id: int, k: int = 10) -> Explanation:
    """Neighbours in its true and predicted classes, class-centroid similarities, the kNN
    vote and a one-line verdict."""
    from .predictions import space_predictions
    own = space_predictions(col)          # None: the default space, the catalog's columns
    own = own.set_index("image_id") if own is not None else None
    image = _with_prediction(col.image(image_id), own)
    label, pred = image.label, image.prediction
    vec = col.indexed_vectors([image_id])[1]

    def nearest(filters=None) -> list[Hit]:
        hits = col.search(vec, k=k + 1, filters=filters, rerank="none").hits
        return [_with_prediction(h, own) for h in hits if h.image_id != image_id][:k]

    same = nearest({"label": [label]}) if label is not None else []
    other = (nearest({"label": [pred]}) if pred is not None and pred != label else same)
    near = nearest()
    vote = pd.Series([h.label for h in near if h.label is not None]).value_counts()
    vote = vote.sort_index(key=lambda s: s.map(str)).sort_values(ascending=False, kind="stable")
    note = _no_prediction_note(col, own) if pred is None else None
    return Explanation(image=image, label=label, prediction=pred,
                       verdict=_verdict(label, pred, vote, same, other),
                       vote={str(a): int(b) for a, b in vote.items()}, neighbours=near,
                       same_class=same, predicted_class=other,
                       centroids=class_centroid_similarity(col, vec[0]),
                       top_classes=top_classes(col, image_id) if own is None else [], note=note)


def _with_prediction(image: ImageRecord, own: pd.DataFrame | None) -> ImageRecord:
    """The image's record with a space's own prediction (`own`: the space's predictions by
    image_id; None: the catalog's, as it is). A
    space keeps only the top class and its confidence, so it has no top classes to list."""
    if own is None:
        return image
    pred, conf = ((own.at[image.image_id, "prediction"], own.at[image.image_id, "confidence"])
                  if image.image_id in own.index else (None, None))
    return image.model_copy(update={"prediction": None if pd.isna(pred) else str(pred),
                                    "confidence": None if pd.isna(conf) else float(conf)})


def _no_prediction_note(col: Collection, own: pd.DataFrame | None) -> str | None:
    from .predictions import HOW_TO_ADD, no_space_predictions
    if own is None:
        return HOW_TO_ADD if col.store.prediction_count() == 0 else None
    return no_space_predictions(col).message if own.empty else None


def top_classes(col: Collection, image_id: int, n: int = 5) -> list[ClassProbability]:
    """The user's most probable classes for one image (none without probabilities)."""
    got = col.store.probabilities([image_id])
    if got is None or np.isnan(got[1][0]).all():
        return []
    classes, probs = got
    order = np.lexsort((np.array(classes, dtype=str), -probs[0]))[:n]
    return [ClassProbability(label=str(classes[j]), probability=float(probs[0, j])) for j in order]


def _mean(hits) -> float:
    return float(np.mean([h.score for h in hits])) if hits else float("nan")


def _verdict(label, pred, vote: pd.Series, same, other) -> str:
    if label is None:
        return "unlabelled image: no verdict"
    if vote.empty:
        return "no labelled neighbours: no verdict"
    top, share = vote.index[0], vote.iloc[0] / vote.sum()
    if pred is None and top == label:
        return f"no prediction; in a '{label}' neighbourhood ({share:.0%} of neighbours)"
    if pred is None or pred == label:
        if top == label:
            return f"correctly predicted: its neighbours are mostly '{label}' ({share:.0%} of them)"
        return (f"its neighbours are mostly '{top}' ({share:.0%} of them) although it is labelled "
                f"'{label}': possible label error")
    if top == pred and share >= 0.6:
        return f"its neighbours are mostly '{pred}' ({share:.0%} of them), as predicted: possible label error"
    if other and same and _mean(other) > _mean(same):
        return (f"closer to '{pred}' images than to other '{label}' images: atypical '{label}' "
                f"(neighbour vote: '{top}' {share:.0%})")
    if top == label:
        return (f"its neighbours are mostly '{label}' ({share:.0%} of them): the features place it with its class, "
                f"so the classifier's head, not the embedding, confuses it with '{pred}'")
    return f"its neighbours are mixed (most common '{top}', {share:.0%} of them): ambiguous image"


def class_centroids(col: Collection) -> tuple[list, np.ndarray, np.ndarray]:
    """(labels, L2-normalised mean vector of each label, counts), computed once per
    collection state and cached (explain is called image after image)."""
    key = ("centroids", col.vector_count(), col.manifest.updated_at)
    cached = col.cache.get("centroids")
    if cached and cached[0] == key:
        return cached[1]
    ids, vecs = col.indexed_vectors()
    labels = labels_for(col, ids)
    mask = pd.notna(labels)
    if not mask.any():
        out = ([], np.zeros((0, vecs.shape[1])), np.zeros(0, int))
    else:
        codes, names = pd.factorize(labels[mask])
        cent = np.zeros((len(names), vecs.shape[1]), dtype=np.float64)
        np.add.at(cent, codes, vecs[mask])
        cent /= np.linalg.norm(cent, axis=1, keepdims=True).clip(1e-12)
        out = (list(names), cent, np.bincount(codes))
    col.cache["centroids"] = (key, out)
    return out


def class_centroid_similarity(col: Collection, vector: np.ndarray) -> list[CentroidSimilarity]:
    names, cent, counts = class_centroids(col)
    q = vector / max(np.linalg.norm(vector), 1e-12)
    sims = cent @ q
    order = np.lexsort((np.array([str(n) for n in names]), -sims)) if len(names) else []
    return [CentroidSimilarity(label=str(names[i]), similarity=float(sims[i]), n=int(counts[i]))
            for i in order]


# -- label issues --------------------------------------------------------------------------
CATALOG_COLUMNS = ["image_id", "path", "label", "prediction", "confidence"]


def ranked_rows(col: Collection, df: pd.DataFrame, row: type, top: int | None = None) -> Rows:
    """The rows of a ranked result (df sorted, most notable first; top: only the first so
    many), each joined with its catalog row. Only those are read and made into objects: a
    million result objects held more memory than the collection's vectors."""
    if top is not None:
        df = df.head(top)
    rows = col.store.rows(df["image_id"], CATALOG_COLUMNS)
    return Rows[row](rows=[row(**r) for r in records(rows.merge(df, on="image_id"))])


def label_issues(col: Collection, k: int = 10, save: bool = False,
                 top: int | None = None) -> Rows[LabelIssue]:
    """Per labelled image: similarity-weighted share of its k neighbours with another label.
    1.0 means every neighbour disagrees (a mislabel suspect). Ties are broken by the mean
    similarity of the disagreeing neighbours (the closer they are, the stronger the case)."""
    ids, nn, sc = knn(col, k)
    labels = labels_for(col, ids)
    if not pd.notna(labels).any():
        raise Conflict("no image has a label", param="collection",
                       fix="import labels with a labels CSV when indexing")
    pos = pd.Series(np.arange(len(ids)), index=ids)
    nl = labels[pos.reindex(nn.ravel()).to_numpy().astype(np.int64)].reshape(nn.shape)
    has = pd.notna(nl)
    w = np.clip(sc, 0, None) * has
    disagree = has & (nl != labels[:, None])
    same = (w * ~disagree).sum(1)
    total = w.sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(pd.notna(labels) & (total > 0), 1.0 - same / total, np.nan)
        strength = np.where(disagree.any(1), (sc * disagree).sum(1) / disagree.sum(1), 0.0)
    vote = [pd.Series(r[h]).mode().sort_values().iat[0] if h.any() else None for r, h in zip(nl, has)]
    df = pd.DataFrame({"image_id": ids, "label_issue_score": score, "knn_label": vote,
                       "disagreeing_similarity": strength})
    if save:
        with col.write_lock():
            col.store.write_signal("sig_label_issue", df)
    df = df.dropna(subset=["label_issue_score"]).sort_values(
        ["label_issue_score", "disagreeing_similarity", "image_id"], ascending=[False, False, True],
        kind="stable")
    return ranked_rows(col, df, LabelIssue, top)


__all__ = ["knn", "confusion", "explain", "label_issues", "NotFound", "ImageRecord"]
