"""Benchmark the 2-D map: imgsearch's PCA(50) -> UMAP(cosine) against umap-learn's default
call on the raw vectors, in the same run, on clustered 1280-d vectors.

    python scripts/bench_map.py --n 10000,50000,100000 [--baseline-max-n 20000]

Writes bench-results/map.json. Targets (2-core machine): 100k points < 120 s, < 12 GB.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import clustered_vectors, in_fresh_process, print_table, write_results  # noqa: E402


def ours(n: int, dim: int) -> dict:
    import time
    import numpy as np
    from sklearn.manifold import trustworthiness
    from imgsearch.analysis.maps import _fit
    x = clustered_vectors(n, dim)
    t = time.perf_counter()
    _, _, xy = _fit("umap", x, 50, 15, 0.1, 0, False, lambda: None)
    seconds = time.perf_counter() - t
    sample = np.random.default_rng(0).choice(n, min(n, 2000), replace=False)
    return {"seconds": seconds,
            "trustworthiness": float(trustworthiness(x[sample], xy[sample], n_neighbors=10))}


def baseline(n: int, dim: int) -> dict:
    import time
    import numpy as np
    import umap
    from sklearn.manifold import trustworthiness
    x = clustered_vectors(n, dim)
    t = time.perf_counter()
    xy = umap.UMAP().fit_transform(x)
    seconds = time.perf_counter() - t
    sample = np.random.default_rng(0).choice(n, min(n, 2000), replace=False)
    return {"seconds": seconds,
            "trustworthiness": float(trustworthiness(x[sample], xy[sample], n_neighbors=10))}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="10000,50000,100000")
    ap.add_argument("--dim", type=int, default=1280)
    ap.add_argument("--out", default="map", help="Results go to bench-results/OUT.json.")
    ap.add_argument("--baseline-max-n", type=int, default=20000,
                    help="Run the default-UMAP baseline only up to this n (it is slow).")
    args = ap.parse_args(argv)
    records = []
    for n in [int(v) for v in args.n.split(",")]:
        mine = in_fresh_process(ours, n, args.dim)
        rec = {"n": n, "dim": args.dim, "seconds": mine["seconds"],
               "peak_rss_mb": mine["peak_rss_mb"], "trustworthiness": mine["trustworthiness"]}
        if n <= args.baseline_max_n:
            base = in_fresh_process(baseline, n, args.dim)
            rec.update(baseline_seconds=base["seconds"], baseline_peak_rss_mb=base["peak_rss_mb"],
                       baseline_trustworthiness=base["trustworthiness"],
                       speedup_vs_baseline=base["seconds"] / mine["seconds"])
        records.append(rec)
        print_table([rec], list(rec))
    path = write_results(args.out, records)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
