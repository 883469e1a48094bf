"""Benchmark the map fitted on a sample against the map fitted on every point: time, peak RSS
and trustworthiness of the same held-out points.

    python scripts/bench_mapfit.py --n 100000 --dim 1280 --samples 10000,25000,50000 [--rounds 1]

Data: N clustered vectors of `dim` dimensions on the unit sphere (the recipe of
_bench.clustered_vectors: a centre per class plus a 32-d latent offset plus a little noise),
with 60 classes of unequal sizes (Zipf-like), written once to a .npy; the class is the label.
A fixed set of held-out points (--heldout, default 5,000) is drawn first and kept out of every
sample.

Each fit runs in a fresh process (its peak RSS, VmHWM, is its own), with the calls
`imgsearch map` makes (analysis/maps.py): `_fit` (PCA to 50-d, then UMAP, cosine, 15
neighbours, seed 0) on every point, or on a sample drawn by analysis/mapsample.draw
(stratified by label) followed by PCA + UMAP `transform` of every other point, a chunk of
vectors at a time (mapsample.chunk_rows). Vectors are read from the .npy a chunk at a time,
as a collection reads them from its index; the collection's own copy of the vectors (its
FAISS index, in RAM either way) is not part of these figures.

Quality: sklearn.manifold.trustworthiness (k=10) of the held-out points' 2-D positions
against their vectors, for the full fit (where they were fitted) and for each sample
(where they were placed by transform). Rounds interleave the full fit and the samples.
The 1M projection: the sample's fit time plus (1M - sample) points at the measured
placement rate.

Writes bench-results/mapfit.json.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from _bench import in_fresh_process, print_table, write_results  # noqa: E402


def write_data(folder: Path, n: int, dim: int, classes: int = 60, latent: int = 32,
               seed: int = 0, chunk: int = 50_000) -> tuple[Path, Path]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((classes, dim)).astype(np.float32)
    basis = rng.standard_normal((latent, dim)).astype(np.float32) / np.sqrt(latent)
    weights = 1.0 / np.arange(1, classes + 1) ** 0.8
    labels = rng.choice(classes, n, p=weights / weights.sum()).astype(np.int32)
    vectors = np.lib.format.open_memmap(folder / "vectors.npy", "w+", np.float32, (n, dim))
    for s in range(0, n, chunk):
        m = min(chunk, n - s)
        z = rng.standard_normal((m, latent)).astype(np.float32)
        x = (centres[labels[s:s + m]] + 1.5 * z @ basis
             + 0.1 * rng.standard_normal((m, dim)).astype(np.float32))
        vectors[s:s + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    vectors.flush()
    del vectors
    np.save(folder / "labels.npy", labels)
    return folder / "vectors.npy", folder / "labels.npy"


def read_rows(path: Path, rows: np.ndarray, step: int) -> np.ndarray:
    """Rows (sorted) of the .npy, a chunk at a time through a mapping dropped after each, so
    the file's pages do not stay in this process's RSS."""
    out = None
    for s in range(0, len(rows), step):
        m = np.load(path, mmap_mode="r")
        part = np.asarray(m[rows[s:s + step]])
        del m
        if out is None:
            out = np.empty((len(rows), part.shape[1]), dtype=np.float32)
        out[s:s + len(part)] = part
    return out


def fit(data: str, labels_path: str, held_path: str, fit_sample: int, out: str) -> dict:
    """One map in this (fresh) process; the held-out points' positions go to `out`."""
    import warnings
    from imgsearch.analysis import mapsample
    from imgsearch.analysis.maps import _fit
    data, held = Path(data), np.load(held_path)
    n, dim = np.load(data, mmap_mode="r").shape
    step = mapsample.chunk_rows(dim)
    every = np.arange(n)
    t0 = time.perf_counter()
    if fit_sample == 0:
        sample = every
    else:
        labels = np.load(labels_path)
        pool = np.setdiff1d(every, held)
        sample = mapsample.draw(pool, labels[pool].astype(str), fit_sample, 0)[0]
    vecs = read_rows(data, sample, step)
    pca, reducer, xy = _fit("umap", vecs, 50, 15, 0.1, 0, False, lambda: None)
    del vecs
    fit_s = time.perf_counter() - t0
    rest = np.setdiff1d(every, sample, assume_unique=True)
    placed = np.empty((len(rest), 2))
    t1 = time.perf_counter()
    for s in range(0, len(rest), step):
        part = read_rows(data, rest[s:s + step], step)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            placed[s:s + len(part)] = reducer.transform(pca.transform(part).astype(np.float32))
    place_s = time.perf_counter() - t1
    if fit_sample == 0:
        np.save(out, xy[held])
    else:
        np.save(out, placed[np.searchsorted(rest, held)])
    return {"fitted": int(len(sample)), "placed": int(len(rest)), "fit_seconds": fit_s,
            "place_seconds": place_s, "seconds": fit_s + place_s,
            "place_per_1k_s": 1000 * place_s / max(len(rest), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--dim", type=int, default=1280)
    ap.add_argument("--samples", default="10000,25000,50000")
    ap.add_argument("--heldout", type=int, default=5_000)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--out", default="mapfit")
    args = ap.parse_args()
    from sklearn.manifold import trustworthiness
    samples = [int(s) for s in args.samples.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-mapfit-") as tmp:
        tmp = Path(tmp)
        data, labels = write_data(tmp, args.n, args.dim)
        held = np.sort(np.random.default_rng(1).choice(args.n, args.heldout, replace=False))
        np.save(tmp / "held.npy", held)
        x_held = read_rows(data, held, 10_000)
        runs: dict[int, list[dict]] = {k: [] for k in [0, *samples]}
        for r in range(args.rounds):
            for k in [0, *samples]:        # the full fit, then each sample, every round
                out = tmp / f"xy-{k}-{r}.npy"
                rec = in_fresh_process(fit, str(data), str(labels), str(tmp / "held.npy"), k, str(out))
                rec["trustworthiness"] = float(trustworthiness(x_held, np.load(out), n_neighbors=10))
                rec["round"] = r
                runs[k].append(rec)
                print(f"round {r} fit_sample {k}: {rec['seconds']:.1f}s, "
                      f"{rec['peak_rss_mb']:.0f} MB, trustworthiness {rec['trustworthiness']:.4f}",
                      flush=True)
    full = runs[0]
    rows = []
    for k, recs in runs.items():
        med = {key: statistics.median(r[key] for r in recs)
               for key in ("seconds", "fit_seconds", "place_seconds", "peak_rss_mb",
                           "trustworthiness", "place_per_1k_s")}
        ratios = [r["seconds"] / f["seconds"] for r, f in zip(recs, full)]
        row = {"fit_sample": k, "fitted": recs[0]["fitted"], "placed": recs[0]["placed"],
               **{f"median_{key}": v for key, v in med.items()},
               "median_time_ratio_to_full": statistics.median(ratios),
               "trustworthiness_minus_full": med["trustworthiness"]
               - statistics.median(f["trustworthiness"] for f in full),
               "runs": recs}
        if k:
            row["projected_1m_seconds"] = med["fit_seconds"] + (1_000_000 - k) * med["place_per_1k_s"] / 1000
        rows.append(row)
    record = {"n": args.n, "dim": args.dim, "heldout": args.heldout, "rounds": args.rounds,
              "classes": 60, "trustworthiness_k": 10, "machine_shared": True,
              "command": "python scripts/bench_mapfit.py " + " ".join(sys.argv[1:]),
              "rows": rows}
    write_results(args.out, [record])
    print_table(rows, ["fit_sample", "median_seconds", "median_fit_seconds",
                       "median_place_seconds", "median_peak_rss_mb", "median_trustworthiness",
                       "trustworthiness_minus_full", "projected_1m_seconds"])


if __name__ == "__main__":
    os.environ.setdefault("IMGSEARCH_PROGRESS", "0")
    main()
