"""`evaluate` at scale: time and peak memory of the leave-one-out kNN report over n synthetic
clustered vectors in a flat index (exact search, the slowest case), with a fifth of them as a
`val` split. The labels are 50 blocks of ids, unrelated to the clusters, so the accuracies sit
at the dummy's: this measures cost, not quality (the digits tests measure quality).

    python scripts/bench_evaluate.py --n 100000 --dim 128

Writes bench-results/evaluate.json.
"""
from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import clustered_vectors, peak_rss_mb, write_results  # noqa: E402


class _Store:
    def __init__(self, labels: pd.Series):
        self.labels = labels

    def rows(self, ids, columns):
        ids = np.asarray(ids)
        return pd.DataFrame({"image_id": ids, "label": self.labels.reindex(ids).to_numpy(),
                             "split": np.where(ids % 5 == 0, "val", "train")})


class _Collection:
    """What evaluate() reads of a collection: its vectors, index, labels and the stored
    neighbour graph (kept in a temporary folder, built by the first call)."""
    class manifest:
        maps: dict = {}
        postprocess = None

    def __init__(self, ids, vecs, index, labels, folder: Path):
        self._ids, self._vecs, self._index, self.store = ids, vecs, index, _Store(labels)
        self.dir, self.vectors_path, self.cache = folder, folder / "vectors.faiss", {}

    def indexed_vectors(self, ids=None):
        if ids is None:
            return self._ids, self._vecs
        return np.asarray(ids), self._vecs[np.searchsorted(self._ids, ids)]

    def vectors(self):
        return self._index

    def vector_count(self):
        return len(self._ids)

    def unmarked(self):
        return []

    def space(self):
        return None

    def read_lock(self):
        return contextlib.nullcontext()


def main() -> None:
    from imgsearch.analysis.evaluate import evaluate
    from imgsearch.core.vectors import create
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--dim", type=int, default=128)
    args = ap.parse_args()
    vecs = clustered_vectors(args.n, args.dim, clusters=50, seed=0)
    ids = np.arange(1, args.n + 1, dtype=np.int64)
    labels = pd.Series(((ids - 1) * 50 // args.n).astype(str), index=ids)
    index = create("flat", args.dim)
    index.add(ids, vecs)
    before = peak_rss_mb()
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        report = evaluate(_Collection(ids, vecs, index, labels, Path(folder)))
    record = {"n": args.n, "dim": args.dim, "seconds": round(time.perf_counter() - t, 1),
              "peak_rss_mb_before": round(before), "peak_rss_mb": round(peak_rss_mb()),
              "knn_accuracy_k1": report.knn_accuracy_k1, "dummy_accuracy": report.dummy_accuracy,
              "val_queries": report.per_split[0].n_queries if report.per_split else 0}
    print(record)
    print(f"wrote {write_results('evaluate', [record])}")


if __name__ == "__main__":
    main()
