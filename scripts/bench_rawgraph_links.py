"""The raw graph's temporary index, the ways knnsearch.Hnsw can make it, on an existing HNSW
collection: through the collection's own links (reused; filled with codes, nothing linked) or
through links built for the raw features (random order, efConstruction 80); 8-bit codes at
the features' own width or padded with zeros to a multiple of 16 (where FAISS compares codes
with SIMD). For each: the time to make it, the search time a row (2 threads, over --queries
rows, interleaved over --rounds), and recall@30 of its lists against exact search of --rows
random rows.

    python scripts/bench_rawgraph_links.py --home HOME --collection NAME --out rawgraph-links

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
from imgsearch.core import knnsearch  # noqa: E402
from imgsearch.core.vectors import normalize  # noqa: E402

VARIANTS = {  # name: (the collection's links, codes padded)
    "reused_native_width": (True, False), "reused_padded": (True, True),
    "built_padded": (False, True)}


def make(col, ids, x, reused: bool, padded: bool):
    """The product's own Hnsw, with codes, made the way asked; (index, seconds)."""
    knnsearch.RAW_CODES_FROM, knnsearch.CODE_WIDTH = 0, 16 if padded else 1
    t = time.perf_counter()
    if reused:
        if knnsearch._links_to_reuse(col, col.vectors()) is None:
            raise SystemExit("this collection's links cannot serve (see _links_to_reuse)")
        h = knnsearch.Hnsw.raw_of(col)
    else:                 # links of its own: trained on a sample, rows in a random order
        h = knnsearch.Hnsw(ids, x, codes=True)
    return h, time.perf_counter() - t


def measure(home: str, name: str, rows: int, queries: int, rounds: int) -> dict:
    faiss.omp_set_num_threads(2)
    with imgsearch.open_collection(name, home=home, progress=False) as col:
        ids, raw = col.raw_vectors(col.vectors().ids())
        x = normalize(raw)
        del raw
        rng = np.random.default_rng(5)
        qr = np.sort(rng.choice(len(x), min(rows, len(x)), replace=False))
        qs = rng.choice(len(x), min(queries, len(x)), replace=False)
        _, pos = faiss.knn(x[qr], x, 31, metric=faiss.METRIC_INNER_PRODUCT)
        true = [set(ids[p[p != r][:30]].tolist()) for r, p in zip(qr, pos)]
        made = {v: make(col, ids, x, *VARIANTS[v]) for v in VARIANTS}
    res = {"n": len(x), "dim": int(x.shape[1])}
    for v, (h, seconds) in made.items():
        _, found = h(x[qr], 31)
        r30 = np.mean([len(set(f[f != ids[r]][:30].tolist()) & t) / 30
                       for r, f, t in zip(qr, found, true)])
        res[v] = {"make_s": round(seconds, 2), "efSearch": int(h.index.hnsw.efSearch),
                  "code_dim": int(h.index.d), "r30": round(float(r30), 4), "ms_per_row": []}
    for _ in range(rounds):
        for v, (h, _) in made.items():
            t = time.perf_counter()
            h.by_position(x[qs], 31)
            res[v]["ms_per_row"].append(round((time.perf_counter() - t) / len(qs) * 1000, 4))
    for v in made:
        res[v]["ms_per_row_median"] = float(np.median(res[v]["ms_per_row"]))
    base = res["reused_native_width"]["ms_per_row_median"]
    res["padded_speedup"] = round(base / res["reused_padded"]["ms_per_row_median"], 2)
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", required=True, help="the collections' home (IMGSEARCH_HOME)")
    ap.add_argument("--collection", required=True)
    ap.add_argument("--rows", type=int, default=2000, help="rows checked against exact search")
    ap.add_argument("--queries", type=int, default=4000, help="rows searched for the timing")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default="rawgraph-links")
    args = ap.parse_args(argv)
    res = measure(args.home, args.collection, args.rows, args.queries, args.rounds)
    print(res)
    print(f"wrote {write_results(args.out, [res])}")


if __name__ == "__main__":
    main()
