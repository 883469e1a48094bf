"""Compare two embeddings of the same images (two models, layers or checkpoints): neighbour
overlap@k per image, per-class silhouette in each, the images whose neighbourhoods changed
most, and both maps aligned (Procrustes) so they can be drawn side by side."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.collection import Collection
from ..errors import Conflict
from ..results import ChangedNeighbourhood, ClassSeparation, Comparison, records


def _side(col: Collection):
    ids, vecs = col.indexed_vectors()
    rows = col.store.rows(ids, ["image_id", "sha256", "label", "path"]).set_index("image_id")
    return (ids, vecs, rows["sha256"].reindex(ids).to_numpy(),
            rows["label"].reindex(ids).to_numpy(dtype=object), rows["path"].reindex(ids).to_numpy())


def common_images(a: Collection, b: Collection):
    """The images both hold, matched by content: (shas, positions in a, positions in b, sides)."""
    sa, sb = _side(a), _side(b)
    common = np.intersect1d(sa[2], sb[2])
    pos = [pd.Series(np.arange(len(s[2])), index=s[2]).groupby(level=0).first().reindex(common)
           .to_numpy() for s in (sa, sb)]
    return common, pos[0], pos[1], sa, sb


def compare(a: Collection, b: Collection, k: int = 10, sample: int = 3000, seed: int = 0,
            top_changed: int = 50) -> Comparison:
    from sklearn.metrics import silhouette_samples
    common, pa, pb, sa, sb = common_images(a, b)
    if len(common) < k + 2:
        raise Conflict(f"collections {a.name!r} and {b.name!r} share only {len(common)} images "
                       "(matched by content); nothing to compare", param="other")
    neigh = []
    for col, side, pos in ((a, sa, pa), (b, sb, pb)):
        ids, vecs, sha = side[0], side[1], side[2]
        hits = []
        with col.read_lock():
            scores, found = col.vectors().search(vecs[pos], k + 1, ids[pos])
        sha_of = pd.Series(sha, index=ids)
        for i, f in enumerate(found):
            hits.append(set(sha_of.reindex(f[f >= 0]).tolist()) - {common[i]})
        neigh.append(hits)
    overlap = np.array([len(x & y) / k for x, y in zip(*neigh)])
    rng = np.random.default_rng(seed)
    pick = np.sort(rng.choice(len(common), min(sample, len(common)), replace=False))
    classes = {}
    for name, side, pos in (("a", sa, pa), ("b", sb, pb)):
        sel = pos[pick]
        lab = side[3][sel]
        ok = pd.notna(lab)
        if ok.sum() < 3 or len(set(lab[ok])) < 2:
            classes[name] = pd.Series(dtype=float)
            continue
        sil = silhouette_samples(side[1][sel][ok], lab[ok].astype(str), metric="cosine")
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
                   f"{int((table['better'] == b.name).sum())} of {len(table)} classes better in '{b.name}'")
    order = np.lexsort((common, overlap))[:top_changed]
    changed = [ChangedNeighbourhood(sha256=str(common[i]), image_id_a=int(sa[0][pa[i]]),
                                    image_id_b=int(sb[0][pb[i]]), path=str(sb[4][pb[i]]),
                                    label=sb[3][pb[i]] if pd.notna(sb[3][pb[i]]) else None,
                                    overlap=float(overlap[i])) for i in order]
    return Comparison(a=a.name, b=b.name, n_common=int(len(common)), k=k,
                      overlap_mean=float(overlap.mean()),
                      per_class=[ClassSeparation(**r) for r in records(table)],
                      changed=changed, verdict=verdict)


def aligned_maps(a: Collection, b: Collection, method: str = "umap") -> pd.DataFrame:
    """Both maps of the common images, b rotated, scaled and shifted onto a (orthogonal
    Procrustes), so that the same image sits in about the same place in both views."""
    from scipy.linalg import orthogonal_procrustes
    common, pa, pb, sa, sb = common_images(a, b)
    frames = []
    for col, side, pos in ((a, sa, pa), (b, sb, pb)):
        xy = col.store.coords(method).set_index("image_id").reindex(side[0][pos])
        frames.append(xy[["x", "y"]].to_numpy())
    ok = ~(np.isnan(frames[0]).any(1) | np.isnan(frames[1]).any(1))
    if ok.sum() < 3:
        raise Conflict(f"both collections need a {method} map of at least 3 common images",
                       param="method")
    A, B = frames[0][ok], frames[1][ok]
    ma, mb = A.mean(0), B.mean(0)
    sa_, sb_ = np.linalg.norm(A - ma), np.linalg.norm(B - mb)
    R, _ = orthogonal_procrustes((B - mb) / sb_, (A - ma) / sa_)
    B2 = ((B - mb) / sb_) @ R * sa_ + ma
    return pd.DataFrame({"sha256": common[ok], "image_id_a": sa[0][pa[ok]], "image_id_b": sb[0][pb[ok]],
                         "path": sb[4][pb[ok]], "label": sb[3][pb[ok]],
                         "x_a": A[:, 0], "y_a": A[:, 1], "x_b": B2[:, 0], "y_b": B2[:, 1]})
