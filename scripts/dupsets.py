"""Duplicate groups measured on the copy sets (bench_quality.py), and the calibration of the
near-copy bounds.

  copy recall                 the share of copies grouped with their original
  distinct lost per 100 kept  keep each group's kept image, drop the rest: how many distinct
                              images (an original and its copy count as one) are left with no
                              member at all, per 100 images left

Pairs follow imgsearch.analysis.curation.duplicates on raw features (cosine >= threshold and
beating both images' 20th neighbour by the margin, or >= 0.995); groups are its star groups,
or connected components for comparison; `verified` (the default) keeps only the pairs that
imgsearch.analysis.nearcopy verifies on the images (or, where it cannot, cosine >= 0.76), then
makes star groups. `crops8` is eight small sets, each measured alone and the counts pooled.
imagededup's perceptual hashes run on the same folders in their own environment, when one is
given.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd

THRESHOLDS = (0.55, 0.6, 0.65, 0.7, 0.75, 0.76, 0.8, 0.85)
SETS = ("copies", "crops", "crops8")


def pairs(raw: np.ndarray, threshold: float, margin: float = 0.05, context_k: int = 20):
    x = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    sims = x @ x.T
    np.fill_diagonal(sims, -1)
    k = min(context_k, len(x) - 1)
    context = -np.sort(-sims, axis=1)[:, k - 1] if margin > 0 and len(x) > 2 else np.full(len(x), -1.0)
    ok = (sims >= threshold) & (sims >= context[:, None] + margin) & (sims >= context[None, :] + margin)
    ok |= sims >= 0.995
    return np.nonzero(np.triu(ok, 1))


def groups(n: int, r, c, how: str = "star") -> np.ndarray:
    """Group of each image (the kept image's position; -1 alone)."""
    if how == "star":
        from imgsearch.analysis.curation import star_groups
        return star_groups(n, np.asarray(r), np.asarray(c))
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    g = coo_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    _, comp = connected_components(g, directed=False)
    size = np.bincount(comp)
    first = pd.Series(np.arange(n)).groupby(comp).transform("first").to_numpy()
    return np.where(size[comp] > 1, first, -1)


def metrics(group: np.ndarray, table: pd.DataFrame) -> dict:
    fam = table["family"].to_numpy()
    var = table["variant"].to_numpy()
    orig = {f: i for i, (f, v) in enumerate(zip(fam, var)) if v == "original"}
    copies = np.flatnonzero(var != "original")
    together = [group[i] >= 0 and group[i] == group[orig[fam[i]]] for i in copies]
    left = (group < 0) | (group == np.arange(len(group)))
    return {"copy_recall": float(np.mean(together)), **_lost(fam, left),
            "in_groups": int((group >= 0).sum())}


def _lost(fam: np.ndarray, left: np.ndarray) -> dict:
    lost = len(set(fam)) - len(set(fam[left]))
    return {"distinct_lost": lost, "lost_per_100_kept": 100.0 * lost / int(left.sum()),
            "kept": int(left.sum())}


def imagededup(python: str, folder: Path, table: pd.DataFrame) -> list[dict]:
    """imagededup's hashes (default Hamming thresholds) run in their own environment: each
    method's duplicate map turned into groups kept by the first file, as its
    find_duplicates_to_remove keeps them."""
    if not Path(python).exists():
        return []
    code = ("import json,sys,logging; logging.disable(logging.WARNING)\n"
            "from imagededup.methods import PHash, DHash, WHash, AHash\n"
            "out={}\n"
            "for m in (PHash, DHash, WHash, AHash):\n"
            "    h=m(verbose=False); enc=h.encode_images(image_dir=sys.argv[1], recursive=True)\n"
            "    out[m.__name__]=h.find_duplicates_to_remove(encoding_map=enc)\n"
            "print(json.dumps(out))")
    try:
        res = subprocess.run([python, "-c", code, str(folder)], capture_output=True, text=True,
                             timeout=1200, check=True)
    except (subprocess.SubprocessError, OSError) as e:
        print(f"imagededup failed: {e}")
        return []
    out = []
    rel = [str(Path(p).relative_to(folder)) for p in table["file"]]
    pos = {r: i for i, r in enumerate(rel)}
    fam = table["family"].to_numpy()
    var = table["variant"].to_numpy()
    for method, removed in json.loads(res.stdout.strip().splitlines()[-1]).items():
        gone = np.zeros(len(rel), bool)
        gone[[pos[r] for r in removed if r in pos]] = True
        # a copy counts as found when it is removed while its original stays, or the reverse
        found = [gone[i] != gone[np.flatnonzero((fam == fam[i]) & (var == "original"))[0]]
                 for i in np.flatnonzero(var != "original")]
        out.append({"method": f"imagededup {method}", "copy_recall": float(np.mean(found)),
                    "removed": int(gone.sum()), **_lost(fam, ~gone)})
    return out


def _parts(raw: np.ndarray, table: pd.DataFrame):
    """(raw, table) of each collection in a set: the set itself, or each `set` of crops8."""
    if "set" not in table:
        return [(raw, table.reset_index(drop=True))]
    return [(raw[(table["set"] == k).to_numpy()], table[table["set"] == k].reset_index(drop=True))
            for k in sorted(table["set"].unique())]


def _pooled(recs: list[dict]) -> dict:
    """Counts summed over the parts of a set; recall over all its copies."""
    lost, left = sum(r["distinct_lost"] for r in recs), sum(r["kept"] for r in recs)
    copies = sum(r["_copies"] for r in recs)
    return {"copy_recall": sum(r["copy_recall"] * r["_copies"] for r in recs) / copies,
            "distinct_lost": lost, "lost_per_100_kept": 100.0 * lost / left,
            "kept": left, "in_groups": sum(r["in_groups"] for r in recs),
            "worst_lost_per_100_kept": max(r["lost_per_100_kept"] for r in recs)}


def verified(raw: np.ndarray, table: pd.DataFrame, threshold: float, verdicts: dict):
    """Candidate pairs at threshold kept by nearcopy.linked (verdicts cached by pair)."""
    from imgsearch.analysis.nearcopy import linked
    r, c = pairs(raw, threshold)
    x = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    todo = [k for k, p in enumerate(zip(r.tolist(), c.tolist())) if p not in verdicts]
    if todo:
        sims = np.einsum("ij,ij->i", x[r[todo]], x[c[todo]])
        ok = linked(list(table["file"]), r[todo], c[todo], sims)
        verdicts.update(zip(zip(r[todo].tolist(), c[todo].tolist()), ok.tolist()))
    keep = np.array([verdicts[p] for p in zip(r.tolist(), c.tolist())], bool)
    return r[keep], c[keep]


def report(raw: dict, tables: dict, folders: dict, python: str) -> list[dict]:
    import time
    out = []
    for s in SETS:
        parts = _parts(raw[s], tables[s])
        verdicts = [{} for _ in parts]
        for how in ("verified", "star", "components"):
            for t in sorted(THRESHOLDS):
                recs, spent, cpu = [], time.perf_counter(), time.process_time()
                for (x, tab), cache in zip(parts, verdicts):
                    if how == "verified":
                        r, c = verified(x, tab, t, cache)
                    else:
                        r, c = pairs(x, t)
                    m = metrics(groups(len(x), r, c, "star" if how == "verified" else how), tab)
                    recs.append({**m, "_copies": int((tab["variant"] != "original").sum())})
                rec = {"section": "dups", "set": s, "grouping": how, "threshold": t, **_pooled(recs)}
                if how == "verified":      # verification cost (cached verdicts reused upwards)
                    rec["verified_pairs"] = sum(len(v) for v in verdicts)
                    rec["seconds_new"] = time.perf_counter() - spent
                    rec["cpu_seconds_new"] = time.process_time() - cpu
                out.append(rec)
                print(rec)
        for rec in (imagededup(python, folders[s], tables[s]) if s in folders else []):
            out.append({"section": "dups", "set": s, **rec})
            print(out[-1])
    out += calibration(raw, tables)
    return out


def calibration(raw: dict, tables: dict) -> list[dict]:
    """Raw cosines of copy pairs against each photo's nearest distinct photo: where a bound
    separates them."""
    x = raw["class"] / np.linalg.norm(raw["class"], axis=1, keepdims=True)
    s = x @ x.T
    np.fill_diagonal(s, -1)
    nearest = s.max(1)
    out = []
    for name in ("copies", "crops"):
        t = tables[name]
        y = raw[name] / np.linalg.norm(raw[name], axis=1, keepdims=True)
        fam, var = t["family"].to_numpy(), t["variant"].to_numpy()
        orig = {f: i for i, (f, v) in enumerate(zip(fam, var)) if v == "original"}
        pair = np.array([y[i] @ y[orig[fam[i]]] for i in np.flatnonzero(var != "original")])
        out.append({"section": "calibration", "set": name,
                    "copy_pair_quantiles": {q: float(np.quantile(pair, q)) for q in (0.01, 0.05, 0.1, 0.5)}})
    out.append({"section": "calibration", "set": "class",
                "nearest_distinct_quantiles": {q: float(np.quantile(nearest, q))
                                               for q in (0.5, 0.9, 0.95, 0.99, 1.0)}})
    for rec in out:
        print(rec)
    return out


def from_collection(col, ids: np.ndarray) -> np.ndarray:
    """The groups Collection.duplicates makes with its defaults, as positions in ids."""
    frame = col.duplicates().to_frame()
    pos = {int(i): r for r, i in enumerate(ids)}
    group = np.full(len(ids), -1, dtype=np.int64)
    kept = frame[frame["kept"]].set_index("duplicate_group")["image_id"]
    for image_id, g in zip(frame["image_id"], frame["duplicate_group"]):
        group[pos[int(image_id)]] = pos[int(kept[g])]
    return group
