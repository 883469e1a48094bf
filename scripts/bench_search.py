"""Benchmark search: flat, hnsw, ivfsq, ivfpq and auto against numpy brute force and a bare
faiss IndexFlatIP, in the same run, on clustered vectors (plus a real collection's if given).

    python scripts/bench_search.py --n 100000,1000000 --dim 1280 [--collection demo]

Reports build time, recall@10 against exact search, p50/p99 single-query latency, batch QPS
and peak RSS (each index type in a fresh process). Writes bench-results/search.json.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import clustered_vectors, in_fresh_process, print_table, write_results  # noqa: E402

N_QUERIES = 200


def _data(n, dim, collection):
    if collection:
        import imgsearch
        with imgsearch.open_collection(collection) as col:
            ids, x = col.indexed_vectors()
        return np.ascontiguousarray(x[:n]), ids[:n]
    return clustered_vectors(n, dim), np.arange(n, dtype=np.int64)


def _timed(search, queries, k=10):
    times = []
    for q in queries[:100]:
        t = time.perf_counter()
        search(q[None], k)
        times.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    search(queries, k)
    qps = len(queries) / (time.perf_counter() - t)
    return float(np.percentile(times, 50)), float(np.percentile(times, 99)), qps


def run_one(kind, n, dim, collection, flat_threshold):
    import faiss
    from imgsearch.core.vectors import build_and_tune, choose_kind, normalize
    from imgsearch.core.vectors.tuning import recall_at_k
    x, ids = _data(n, dim, collection)
    rng = np.random.default_rng(1)
    queries = normalize(x[rng.choice(len(x), N_QUERIES, replace=False)]
                        + 0.05 * rng.standard_normal((N_QUERIES, x.shape[1])).astype(np.float32))
    truth_index = faiss.IndexFlatIP(x.shape[1])
    truth_index.add(x)
    _, truth_pos = truth_index.search(queries, 10)
    truth = ids[truth_pos]
    if kind == "numpy":
        def search(q, k):
            s = q @ x.T
            top = np.argpartition(-s, k, axis=1)[:, :k]
            return np.take_along_axis(s, top, 1), ids[top]
        build_s, found, chosen = 0.0, search(queries, 10)[1], "numpy"
        tuned = {}
    elif kind == "faiss-bare":
        build_s, chosen = 0.0, "IndexFlatIP"
        search = lambda q, k: truth_index.search(q, k)  # noqa: E731
        found, tuned = truth, {}
    else:
        del truth_index
        chosen = choose_kind(n, x.shape[1], flat_threshold=flat_threshold) if kind == "auto" else kind
        t = time.perf_counter()
        index, report = build_and_tune(ids, x, chosen, target_latency_ms=None)
        build_s = time.perf_counter() - t
        search = index.search
        found = index.search(queries, 10)[1]
        tuned = {k: report.get(k) for k in ("recall_at_10", "verified_recall_at_10", "met_recall")}
    p50, p99, qps = _timed(search, queries)
    return {"index": kind, "chosen": chosen, "n": n, "dim": x.shape[1],
            "recall_at_10": recall_at_k(found, truth),
            "p50_ms": p50, "p99_ms": p99, "qps": qps, "build_s": build_s,
            **{f"tuning_{k}": v for k, v in tuned.items()}}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="100000")
    ap.add_argument("--dim", type=int, default=1280)
    ap.add_argument("--kinds", default="numpy,faiss-bare,flat,hnsw,ivfsq,ivfpq,auto")
    ap.add_argument("--collection", help="Use a real collection's vectors (up to n).")
    ap.add_argument("--flat-threshold", type=int, default=200_000)
    ap.add_argument("--out", default="search")
    args = ap.parse_args(argv)
    records = []
    for n in [int(v) for v in args.n.split(",")]:
        for kind in args.kinds.split(","):
            rec = in_fresh_process(run_one, kind, n, args.dim, args.collection, args.flat_threshold)
            rec.pop("seconds", None)
            records.append(rec)
            print_table([rec], ["index", "chosen", "n", "dim", "recall_at_10", "p50_ms", "p99_ms",
                                "qps", "build_s", "peak_rss_mb"])
        bare = next((r for r in records if r["index"] == "faiss-bare" and r["n"] == n), None)
        flat = next((r for r in records if r["index"] == "flat" and r["n"] == n), None)
        if bare and flat:
            print(f"n={n}: imgsearch flat p50 / bare IndexFlatIP p50 = {flat['p50_ms'] / bare['p50_ms']:.2f}")
    print(f"wrote {write_results(args.out, records)}")


if __name__ == "__main__":
    main()
