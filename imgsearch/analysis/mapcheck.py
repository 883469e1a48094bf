"""fsck for the 2-D maps: a fitted map is three things written one after the other (the fitted
reducer in maps/<method>.joblib, the coordinates in the catalog, the manifest's entry), so
an interruption between them, or a hand edit, can leave them disagreeing. Each map is checked:

  the reducer file exists, and a manifest entry names it      (else: refit / file removed)
  the reducer's method and parameters equal the manifest's    (neighbors, seed, min_dist,
                                                               PCA dims, point count)
  the coordinates the reducer was fitted to equal the stored ones (within a tolerance)

A disagreement is one finding naming the map; the repair refits it with the manifest's
parameters (or, for a reducer no manifest entry names, removes the file).
"""
from __future__ import annotations

import numpy as np

from ..errors import Damaged

ATOL = 1e-3          # coordinates are stored as float64; anything beyond rounding disagrees
FIT_KEYS = ("pca_dims", "neighbors", "min_dist", "seed", "fitted_on", "metric", "fit_sample",
            "supervised", "target_weight")


def check_maps(col, skip=()) -> list[Damaged]:
    """One Damaged per map whose reducer, manifest entry and coordinates disagree (`part` is
    'map:<method>'; `orphan` is True for a reducer file no entry names)."""
    from . import maps
    found = []
    on_disk = {p.stem for p in (col.dir / "maps").glob("*.joblib") if p.stem in maps.METHODS}
    for method in sorted(on_disk - set(col.manifest.maps) - set(skip)):
        found.append(_finding(col, method, f"maps/{method}.joblib is not named in the manifest",
                              "`fsck --repair` removes it", orphan=True))
    for method, entry in sorted(col.manifest.maps.items()):
        if method in skip or method not in maps.METHODS:
            continue
        if method not in on_disk:
            found.append(_finding(col, method, f"its reducer maps/{method}.joblib is missing",
                                  "`fsck --repair` refits it"))
            continue
        try:
            col.cache.pop(f"map:{method}", None)
            fitted = maps._fitted(col, method)
            why = _disagreement(col, method, entry, fitted)
        except Damaged:
            continue                      # an unreadable file: reported by the caller already
        except Exception as e:            # a reducer of an unknown shape disagrees too
            why = f"its reducer cannot be checked ({type(e).__name__})"
        if why:
            found.append(_finding(col, method, why, "`fsck --repair` refits it"))
    return found


def _finding(col, method: str, why: str, fix: str, orphan: bool = False) -> Damaged:
    d = Damaged(f"the {method} map of {col.name!r} disagrees: {why}", fix=fix)
    d.part, d.orphan = f"map:{method}", orphan
    return d


def _disagreement(col, method: str, entry: dict, fitted: dict) -> str | None:
    if not isinstance(fitted, dict) or not {"pca", "ids", "xy"} <= set(fitted):
        return "its reducer file is not a fitted map"
    ids, xy = np.asarray(fitted["ids"], np.int64), np.asarray(fitted["xy"], np.float64)
    if xy.shape != (len(ids), 2):
        return f"its reducer holds {len(ids)} ids but {xy.shape[0]} positions"
    stored = fitted.get("params")
    if stored is not None:               # maps fitted since the reducer records its entry
        for key in FIT_KEYS:
            if stored.get(key) != entry.get(key):
                return f"{key} {entry.get(key)!r} in the manifest, {stored.get(key)!r} in the reducer"
    if entry.get("fitted_on") is not None and int(entry["fitted_on"]) != len(ids):
        return f"the manifest says it was fitted on {entry['fitted_on']} points, the reducer on {len(ids)}"
    want = entry.get("pca_dims")
    have = getattr(fitted["pca"], "n_components_", None)
    if want is not None and have is not None and int(want) != int(have):
        return f"pca_dims {want} in the manifest, {have} in the reducer"
    reducer = fitted.get("reducer")
    if (method == "umap") != (reducer is not None and type(reducer).__name__ == "UMAP"):
        return f"the reducer is not a {method} reducer"
    if method == "umap":
        n = len(ids)
        for key, attr, expect in (("neighbors", "n_neighbors", lambda v: min(int(v), n - 1)),
                                  ("seed", "random_state", int), ("min_dist", "min_dist", float)):
            if entry.get(key) is not None and getattr(reducer, attr, None) != expect(entry[key]):
                return f"{key} {entry[key]!r} in the manifest, {getattr(reducer, attr, None)!r} in the reducer"
        emb = getattr(reducer, "embedding_", None)
        if emb is not None and (emb.shape != xy.shape or not np.allclose(emb, xy, atol=ATOL)):
            return "the reducer's embedding differs from the positions it stored"
    coords = col.store.coords(method)
    indexed = np.isin(ids, col.store.ids("indexed"))
    pos = dict(zip(coords["image_id"].tolist(), zip(coords["x"].tolist(), coords["y"].tolist())))
    missing = [int(i) for i in ids[indexed] if int(i) not in pos]
    if missing:
        return f"{len(missing)} fitted images have no stored coordinates (first: id {missing[0]})"
    if indexed.any():
        got = np.array([pos[int(i)] for i in ids[indexed]], np.float64)
        diff = np.abs(got - xy[indexed]).max()
        if diff > ATOL:
            return f"the stored coordinates differ from the fitted ones by up to {diff:.3g}"
    return None


def repair_maps(col, findings: list[Damaged], report) -> None:
    """Refit each disagreeing map with its manifest entry's parameters; remove a reducer file
    that no manifest entry names."""
    from . import maps
    for d in findings:
        method = d.part[4:]
        if getattr(d, "orphan", False):
            with col.write_lock():
                maps.model_path(col, method).unlink(missing_ok=True)
                col.cache.pop(f"map:{method}", None)
            report.actions.append(f"removed maps/{method}.joblib (no manifest entry names it)")
            continue
        maps.refit_stored(col, method)
        report.actions.append(f"refitted the {method} map")
