"""Does the recall the tuner reports (what `info` shows) hold for new queries?

    python scripts/bench_recall.py --n 200000 --dim 512 [--kinds hnsw,ivfpq] [--fresh 5000]

Vectors from the search benchmark's generator (_bench.clustered_vectors): the first n build
the index through build_and_tune (as `imgsearch index` does), the next `fresh` rows are new
vectors drawn the same way, never indexed. Per kind, in a fresh process: the verified recall
the tuner reported (and its standard error), recall@10 of the fresh queries against exact
search (and its standard error), recall@10 of stored vectors as queries (what a tuner that
measured on stored vectors would have reported), p50/p99 single-query latency of the fresh
queries, build+tune time and peak RSS. Writes bench-results/<out>.json (default recall.json).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import clustered_vectors, in_fresh_process, print_table, write_results  # noqa: E402


def run_one(kind: str, n: int, dim: int, fresh: int, seed: int) -> dict:
    from imgsearch.core.vectors import build_and_tune
    from imgsearch.core.vectors.tuning import exact_knn, recall_per_query
    x = clustered_vectors(n + fresh, dim, seed=seed)
    ids, queries, x = np.arange(n, dtype=np.int64), x[n:], x[:n]
    t = time.perf_counter()
    index, report = build_and_tune(ids, x, kind, target_latency_ms=None)
    build_s = time.perf_counter() - t
    per_query = recall_per_query(index.search(queries, 10)[1], exact_knn(ids, x, queries, 10))
    stored = x[np.random.default_rng(seed + 1).choice(n, min(fresh, n), replace=False)]
    stored_recall = recall_per_query(index.search(stored, 10)[1], exact_knn(ids, x, stored, 10))
    times = []
    for q in queries[:1000]:
        t = time.perf_counter()
        index.search(q[None], 10)
        times.append((time.perf_counter() - t) * 1000)
    fresh_recall = float(per_query.mean())
    return {"kind": kind, "n": n, "dim": dim, "seed": seed, "knob": {index.tuning_knob: index.params.get(index.tuning_knob)},
            "reported_recall_at_10": report["verified_recall_at_10"],
            "reported_se": report.get("verified_recall_se"), "reported_on": report.get("verified_on"),
            "fresh_queries": len(queries), "fresh_recall_at_10": fresh_recall,
            "fresh_se": float(per_query.std(ddof=1) / np.sqrt(len(per_query))),
            "reported_minus_fresh": report["verified_recall_at_10"] - fresh_recall,
            "stored_recall_at_10": float(stored_recall.mean()),
            "p50_ms": float(np.percentile(times, 50)), "p99_ms": float(np.percentile(times, 99)),
            "build_and_tune_s": build_s, "met_recall": report["met_recall"]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--dim", type=int, default=512)
    ap.add_argument("--kinds", default="hnsw,ivfpq")
    ap.add_argument("--fresh", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="recall")
    args = ap.parse_args(argv)
    records = []
    for kind in args.kinds.split(","):
        rec = in_fresh_process(run_one, kind, args.n, args.dim, args.fresh, args.seed)
        records.append(rec)
        print_table([rec], ["kind", "n", "dim", "reported_recall_at_10", "fresh_recall_at_10",
                            "reported_minus_fresh", "stored_recall_at_10", "p50_ms",
                            "build_and_tune_s", "peak_rss_mb"])
    print(f"wrote {write_results(args.out, records)}")


if __name__ == "__main__":
    main()
