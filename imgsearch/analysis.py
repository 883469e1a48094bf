"""Analyses over a collection's vectors and labels: confusion, explain, label issues,
near-duplicates, outliers, clusters, and comparing two embeddings of the same images."""
from __future__ import annotations

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .collection import Collection
from .errors import BadQuery, ImgsearchError


# -- shared: every image's k nearest neighbours (self excluded) -----------------------------
def knn(col: Collection, k: int = 10) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ids, neighbour ids (n, k), scores (n, k)) over the indexed images, exact, batched."""
    if k < 1:
        raise BadQuery("k must be >= 1")
    ids, vecs = col.indexed_vectors()
    k = min(k, len(ids) - 1)
    if k < 1:
        raise ImgsearchError("need at least 2 indexed images")
    nn = np.empty((len(ids), k), dtype=np.int64)
    sc = np.empty((len(ids), k), dtype=np.float32)
    subset = None if col.index.ntotal == len(ids) else ids
    step = 2048
    for s in tqdm(range(0, len(ids), step), desc="neighbours", disable=not col.cfg.progress):
        scores, found = col.index.search(vecs[s:s + step], k + 1, subset)
        for row in range(len(found)):
            mine = ids[s + row]
            keep = found[row] != mine
            f, g = found[row][keep][:k], scores[row][keep][:k]
            nn[s + row], sc[s + row] = f, g
    return ids, nn, sc


def labels_for(col: Collection, ids: np.ndarray) -> np.ndarray:
    table = col.store.rows(ids).set_index("image_id")
    return table["label"].reindex(ids).to_numpy(dtype=object)


# -- 1. confusion -------------------------------------------------------------------------
def confusion(col: Collection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(label x prediction count matrix, most-confused pairs ranked by count)."""
    pairs = col.store.con.execute("""
        SELECT label, prediction, count(*) AS n FROM catalog
        WHERE label IS NOT NULL AND prediction IS NOT NULL GROUP BY ALL""").df()
    if pairs.empty:
        raise ImgsearchError("no images have both a label and a prediction "
                             "(import them with `index --labels CSV`)")
    matrix = pairs.pivot_table(index="label", columns="prediction", values="n", fill_value=0,
                               aggfunc="sum")
    totals = pairs.groupby("label")["n"].sum()
    wrong = pairs[pairs["label"] != pairs["prediction"]].copy()
    wrong["rate"] = wrong["n"] / wrong["label"].map(totals)
    wrong = wrong.sort_values(["n", "rate"], ascending=False).reset_index(drop=True)
    return matrix, wrong


# -- 2. explain one image --------------------------------------------------------------------
def explain(col: Collection, image_id: int, k: int = 10) -> dict:
    """Why was this image predicted as it was: neighbours in its true and predicted classes,
    class-centroid similarities, the kNN vote and a one-line verdict."""
    row = col.store.rows([image_id])
    if row.empty:
        raise BadQuery(f"no indexed image with id {image_id} in {col.name!r}")
    row = row.iloc[0]
    label, pred = row["label"], row["prediction"]
    vec = col.index.reconstruct([image_id])
    out = {"image": row.to_dict(), "label": label, "prediction": pred}

    def nearest(filters=None):
        """k nearest others (self dropped), optionally only those matching filters."""
        hits = col.search(vec, k=k + 1, filters=filters)
        return hits[hits["image_id"] != image_id].head(k).reset_index(drop=True)

    def within(value):
        if value is None or pd.isna(value):
            return pd.DataFrame(columns=["image_id", "path", "score", "label", "prediction"])
        return nearest({"label": [value]})

    out["same_class"] = within(label)
    out["predicted_class"] = within(pred) if pred != label else out["same_class"]
    out["centroids"] = class_centroid_similarity(col, vec[0])
    near = nearest()
    out["neighbours"] = near
    vote = near["label"].dropna().value_counts()
    out["vote"] = vote.to_dict()
    out["verdict"] = _verdict(label, pred, vote, out["same_class"], out["predicted_class"])
    return out


def _verdict(label, pred, vote: pd.Series, same: pd.DataFrame, other: pd.DataFrame) -> str:
    if label is None or pd.isna(label):
        return "unlabelled image: no verdict"
    if vote.empty:
        return "no labelled neighbours: no verdict"
    top, share = vote.index[0], vote.iloc[0] / vote.sum()
    if pred is None or pd.isna(pred) or pred == label:
        if top == label:
            return f"correctly predicted, in a '{label}' neighbourhood ({share:.0%} of neighbours)"
        return f"a '{top}' neighbourhood ({share:.0%}) although labelled '{label}': possible label error"
    if top == pred and share >= 0.6:
        return f"a '{pred}' neighbourhood ({share:.0%} of neighbours): possible label error"
    closer = (len(other) and len(same) and other["score"].mean() > same["score"].mean())
    if closer:
        return (f"closer to '{pred}' images than to other '{label}' images: atypical '{label}' "
                f"(neighbour vote: '{top}' {share:.0%})")
    if top == label:
        return (f"a '{label}' neighbourhood ({share:.0%}): the features place it with its class, "
                f"so the classifier's head, not the embedding, confuses it with '{pred}'")
    return f"a mixed neighbourhood (most common '{top}', {share:.0%}): ambiguous image"


def class_centroid_similarity(col: Collection, vector: np.ndarray) -> pd.DataFrame:
    """Cosine similarity of one vector to the normalised mean vector of each label."""
    ids, vecs = col.indexed_vectors()
    labels = labels_for(col, ids)
    mask = pd.notna(labels)
    if not mask.any():
        return pd.DataFrame(columns=["label", "similarity", "n"])
    codes, names = pd.factorize(labels[mask])
    cent = np.zeros((len(names), vecs.shape[1]), dtype=np.float64)
    np.add.at(cent, codes, vecs[mask])
    cent /= np.linalg.norm(cent, axis=1, keepdims=True).clip(1e-12)
    q = vector / max(np.linalg.norm(vector), 1e-12)
    df = pd.DataFrame({"label": names, "similarity": cent @ q, "n": np.bincount(codes)})
    return df.sort_values("similarity", ascending=False).reset_index(drop=True)


# -- 3. label issues ----------------------------------------------------------------------
def label_issues(col: Collection, k: int = 10) -> pd.DataFrame:
    """Per labelled image: similarity-weighted share of its k neighbours with another label.

    1.0 means every neighbour disagrees (a mislabel suspect); stored as label_issue_score.
    """
    ids, nn, sc = knn(col, k)
    labels = labels_for(col, ids)
    pos = pd.Series(np.arange(len(ids)), index=ids)
    nl = labels[pos.reindex(nn.ravel()).to_numpy().astype(np.int64)].reshape(nn.shape)
    has = pd.notna(nl)
    w = np.clip(sc, 0, None) * has
    same = (w * (nl == labels[:, None])).sum(1)
    total = w.sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(pd.notna(labels) & (total > 0), 1.0 - same / total, np.nan)
    vote = [pd.Series(r[h]).mode().iat[0] if h.any() else None for r, h in zip(nl, has)]
    df = pd.DataFrame({"image_id": ids, "label": labels, "knn_label": vote,
                       "label_issue_score": score})
    col.store.write_signal("sig_label_issue", df)
    df = df.dropna(subset=["label_issue_score"]).sort_values("label_issue_score", ascending=False,
                                                             kind="stable")
    paths = col.store.rows(df["image_id"]).set_index("image_id")["path"]
    df.insert(1, "path", df["image_id"].map(paths))
    return df.reset_index(drop=True)


# -- compare two embeddings of the same images ----------------------------------------------
def compare(a: Collection, b: Collection, k: int = 10, sample: int = 3000,
            seed: int = 0) -> dict:
    """Neighbour overlap@k per image and per-class silhouette in each collection.

    Images are matched by content (sha256), so two collections of the same folder under
    two models, layers or checkpoints compare image for image.
    """
    from sklearn.metrics import silhouette_samples
    sides = []
    for col in (a, b):
        ids, vecs = col.indexed_vectors()
        rows = col.store.rows(ids).set_index("image_id")
        sides.append((col, ids, vecs, rows["sha256"].reindex(ids).to_numpy(),
                      rows["label"].reindex(ids).to_numpy(dtype=object)))
    common = np.intersect1d(sides[0][3], sides[1][3])
    if len(common) < k + 2:
        raise ImgsearchError(f"collections {a.name!r} and {b.name!r} share only {len(common)} "
                             "images (matched by content); nothing to compare")
    neigh = []
    for col, ids, vecs, sha, _ in sides:
        order = pd.Series(np.arange(len(sha)), index=sha).drop_duplicates()
        sel = order.reindex(common).to_numpy()
        scores, found = col.index.search(vecs[sel], k + 1, ids[sel])
        sha_of = pd.Series(sha, index=ids)
        neigh.append([set(sha_of.reindex(f[f >= 0]).tolist()) - {common[i]}
                      for i, f in enumerate(found)])
    overlap = np.array([len(x & y) / k for x, y in zip(*neigh)])
    per_image = pd.DataFrame({"sha256": common, "overlap": overlap})
    rng = np.random.default_rng(seed)
    pick = np.sort(rng.choice(len(common), min(sample, len(common)), replace=False))
    classes = {}
    for name, (col, ids, vecs, sha, labels) in zip(("a", "b"), sides):
        order = pd.Series(np.arange(len(sha)), index=sha).drop_duplicates()
        sel = order.reindex(common[pick]).to_numpy()
        lab = labels[sel]
        ok = pd.notna(lab)
        if ok.sum() < 3 or len(set(lab[ok])) < 2:
            classes[name] = pd.Series(dtype=float)
            continue
        sil = silhouette_samples(vecs[sel][ok], lab[ok].astype(str), metric="cosine")
        classes[name] = pd.Series(sil).groupby(lab[ok].astype(str)).mean()
    table = pd.DataFrame({"silhouette_a": classes["a"], "silhouette_b": classes["b"]})
    table["delta"] = table["silhouette_b"] - table["silhouette_a"]
    table["better"] = np.where(table["delta"] > 0, b.name, a.name)
    table = table.sort_values("delta").rename_axis("label").reset_index()
    mean_a, mean_b = table["silhouette_a"].mean(), table["silhouette_b"].mean()
    if table.empty:
        verdict = "no labels: compare neighbour overlap only"
    else:
        best = b.name if mean_b > mean_a else a.name
        verdict = (f"'{best}' separates the classes better (mean silhouette "
                   f"{a.name} {mean_a:.3f} vs {b.name} {mean_b:.3f}); "
                   f"{(table['better'] == b.name).sum()} of {len(table)} classes better in '{b.name}'")
    return {"overlap_mean": float(overlap.mean()), "n_common": int(len(common)), "k": k,
            "per_image": per_image, "per_class": table, "verdict": verdict}
