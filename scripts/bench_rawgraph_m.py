"""How many links the raw graph's own HNSW needs: recall@10/20/30 of its lists against exact
search, for the collection's stored raw graph (`stored`: built by the code of its day) and for
HNSW-SQ8 indexes built here with each M asked, the way knngraph builds it (8-bit codes trained
on 65,536 rows, efConstruction 80, rows added in a random order in batches of 16,384,
efSearch 128), on 2,000 random rows of an existing collection's raw features.

    python scripts/bench_rawgraph_m.py --home HOME --collection NAME --m 16,24 --out rawgraph-m

Writes bench-results/<--out>.json. Holds the raw features of the whole collection (a
measurement, not a path of the product).
"""
import argparse
import sys
import time
from pathlib import Path

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import imgsearch  # noqa: E402
from _bench import write_results  # noqa: E402
from imgsearch.core import knngraph  # noqa: E402
from imgsearch.core.vectors import normalize  # noqa: E402


def measure(home: str, name: str, ms: list[int], rows: int = 2000) -> dict:
    res = {}
    with imgsearch.open_collection(name, home=home, progress=False) as col:
        g = knngraph.graph(col, "raw")
        _, vecs = col.raw_vectors(g.ids)
    x = normalize(vecs)
    del vecs
    n, rng = len(x), np.random.default_rng(5)
    qr = np.sort(rng.choice(n, min(rows, n), replace=False))
    _, pos = faiss.knn(x[qr], x, 31, metric=faiss.METRIC_INNER_PRODUCT)
    true = np.array([p[p != r][:30] for r, p in zip(qr, pos)])

    def recall(found, k):
        return float(np.mean([len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, true)]))
    at = {int(i): j for j, i in enumerate(g.ids)}
    stored = np.array([[at.get(int(i), -1) for i in row] for row in g.nn[qr]])
    res["stored"] = {"r30": recall(stored, 30), "r20": recall(stored, 20),
                     "r10": recall(stored, 10)}
    for m in ms:
        t = time.time()
        index = faiss.IndexHNSWSQ(x.shape[1], faiss.ScalarQuantizer.QT_8bit, m,
                                  faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction, index.hnsw.efSearch = 80, 128
        index.train(x[np.sort(rng.choice(n, min(n, 65536), replace=False))])
        order = np.random.default_rng(0).permutation(n)
        for s in range(0, n, 16384):
            index.add(x[order[s:s + 16384]])
        build = time.time() - t
        _, p = index.search(x[qr], 31)
        found = [[int(order[j]) for j in row[row >= 0] if order[j] != r][:30]
                 for row, r in zip(p, qr)]
        res[f"M{m}"] = {"r30": recall(found, 30), "r20": recall(found, 20),
                        "r10": recall(found, 10), "build_s": round(build, 1)}
        print(res, flush=True)
    res["n"], res["dim"] = n, int(x.shape[1])
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", required=True, help="the collections' home (IMGSEARCH_HOME)")
    ap.add_argument("--collection", required=True)
    ap.add_argument("--m", default="16,24", help="links per image to build with, comma-separated")
    ap.add_argument("--rows", type=int, default=2000, help="rows checked against exact search")
    ap.add_argument("--out", default="rawgraph-m")
    args = ap.parse_args(argv)
    res = measure(args.home, args.collection, [int(m) for m in args.m.split(",")], args.rows)
    print(f"wrote {write_results(args.out, [res])}")


if __name__ == "__main__":
    main()
