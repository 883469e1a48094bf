"""Duplicates and outliers at 20,000-100,000 images: through the stored neighbour graph
(core/knngraph.py) against a search of every image (the code of a baseline commit).

Each collection holds n synthetic clustered vectors (scripts/_bench.py) in a flat index, 1 %
of them planted near-copies of others, with catalog rows but no image files (so duplicates
run with verify=False: the cosine stage, the one that grows with n). Every measurement runs
in a fresh process (time of the call alone, and the process's peak RSS):
  before      the baseline tree's duplicates() / outliers()
  graph-cold  this tree with no stored graph: the graph is built, stored, then read
  graph-warm  this tree with the graph on disk (a second call, in a new process)
  update      this tree after 1 % more images were added: the graph is brought up to date
Rounds interleave the variants; the figures are medians.

    python scripts/bench_knn.py --sizes 20000 100000 --dim 256 --rounds 3 --baseline c6272e6

--baseline names a commit whose imgsearch/ is extracted (git archive) to run the "before"
figures; without it only this tree is measured. Writes bench-results/knn.json (each size as it is done; other sizes already there are kept).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from _bench import clustered_vectors, write_results  # noqa: E402

CHILD = """
import json, sys, time
import numpy as np
from _bench import peak_rss_mb
import imgsearch
home, name, what = sys.argv[1:4]
col = imgsearch.open_collection(name, home=home, progress=False)
t = time.perf_counter()
if what == "duplicates":
    n = len(col.duplicates(verify=False))
elif what == "outliers":
    n = len(col.outliers())
else:                                   # update: add 1 % more vectors, then bring the graph up
    extra = np.load(home + "/extra.npy")
    sys.path.insert(0, sys.argv[4])
    from bench_knn import add_vectors
    add_vectors(col, extra)
    from imgsearch.core import knngraph
    t = time.perf_counter()
    n = len(knngraph.graph(col).ids)
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rows": n, "peak_rss_mb": peak_rss_mb()}))
"""


def add_vectors(col, vecs: np.ndarray) -> np.ndarray:
    """Catalog rows and vectors for `vecs`, as an index run would commit them (no files)."""
    import pandas as pd
    from imgsearch.core.vectors import create
    start = int(col.store.counts().get("indexed", 0))
    rows = pd.DataFrame({"path": [f"/generated/{start + i}.png" for i in range(len(vecs))],
                         "sha256": [f"{start + i:064x}" for i in range(len(vecs))],
                         "size_bytes": 1, "mtime": 0.0})
    with col.write_lock():
        ids = col.store.insert_pending(rows)
        if col._index is None:
            col._index = create("flat", vecs.shape[1])
        with col.vectors_lock():
            col._index.add(ids, vecs)
        col.save_vectors()
        col.store.mark_indexed(pd.DataFrame({"image_id": ids, "width": 8, "height": 8}))
        if col.manifest.model is None:
            from imgsearch.core.manifest import ModelIdentity
            col.manifest.model = ModelIdentity(model="generated", weights="none", layer="none",
                                               dim=vecs.shape[1], preprocessing="none")
            col.manifest.postprocess = {"method": "none", "fitted_on": 0}
        col.save_manifest()
    return ids


def build(home: Path, n: int, dim: int, seed: int = 0) -> None:
    from imgsearch import Config
    from imgsearch.core.collection import Collection
    x = clustered_vectors(int(n * 1.01), dim, seed=seed)
    rng = np.random.default_rng(seed)
    copies = rng.choice(n, size=n // 100, replace=False)
    noisy = x[copies] + 0.02 * rng.standard_normal((len(copies), dim)).astype(np.float32)
    x[rng.choice(n, size=len(copies), replace=False)] = noisy / np.linalg.norm(noisy, axis=1,
                                                                                keepdims=True)
    col = Collection.open("c", Config.load(home=home, progress=False), create=True)
    try:
        add_vectors(col, x[:n])
    finally:
        col.close()
    np.save(home / "extra.npy", x[n:])


def run(tree: Path, home: Path, what: str) -> dict:
    env = dict(os.environ, PYTHONPATH=f"{tree}{os.pathsep}{HERE}", IMGSEARCH_PROGRESS="0")
    out = subprocess.run([sys.executable, "-c", CHILD, str(home), "c", what, str(HERE)],
                         env=env, cwd=home, capture_output=True, text=True, timeout=7200)
    if out.returncode:
        raise RuntimeError(f"{what} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def forget_graph(home: Path) -> None:
    for p in (home / "c").glob("knn-*.npz"):
        p.unlink()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    ap.add_argument("--dim", type=int, default=256)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", help="a commit to measure 'before' on (git archive)")
    ap.add_argument("--out", default=str(ROOT / "bench-results"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-knn-"))
    base = None
    if args.baseline:
        base = work / "baseline"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline, "imgsearch"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
    records = []
    try:
        for n in args.sizes:
            home = work / f"n{n}"
            build(home, n, args.dim)
            times: dict[str, list[dict]] = {}
            for r in range(args.rounds):
                for what in ("duplicates", "outliers"):
                    if base is not None:
                        times.setdefault(f"{what}/before", []).append(run(base, home, what))
                    forget_graph(home)
                    times.setdefault(f"{what}/graph-cold", []).append(run(ROOT, home, what))
                    times.setdefault(f"{what}/graph-warm", []).append(run(ROOT, home, what))
                print(f"n={n} round {r + 1}: " + ", ".join(
                    f"{k} {v[-1]['seconds']:.2f}s" for k, v in times.items()), flush=True)
            upd = home.parent / f"n{n}-update"
            shutil.copytree(home, upd)
            times["graph/update-1pct"] = [run(ROOT, upd, "update")]
            shutil.rmtree(upd)
            rec = {"n": n, "dim": args.dim, "rounds": args.rounds, "baseline": args.baseline}
            for key, runs in times.items():
                rec[f"{key}/seconds"] = float(np.median([t["seconds"] for t in runs]))
                rec[f"{key}/peak_rss_mb"] = float(np.median([t["peak_rss_mb"] for t in runs]))
            if base is not None:
                for what in ("duplicates", "outliers"):
                    b = rec[f"{what}/before/seconds"]
                    rec[f"{what}/speedup_cold"] = b / rec[f"{what}/graph-cold/seconds"]
                    rec[f"{what}/speedup_warm"] = b / rec[f"{what}/graph-warm/seconds"]
            records.append(rec)
            print(json.dumps(rec, indent=1), flush=True)
            print(write_results("knn", _with_earlier(records, args.out), args.out), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _with_earlier(records: list[dict], out: str) -> list[dict]:
    """These records and those of other sizes already in the results file (sizes are
    measured in separate runs when the large ones take long)."""
    path = Path(out) / "knn.json"
    sizes = {r["n"] for r in records}
    try:
        earlier = [r for r in json.loads(path.read_text())["results"] if r.get("n") not in sizes]
    except (OSError, ValueError, KeyError):
        earlier = []
    return sorted(earlier + records, key=lambda r: r["n"])


if __name__ == "__main__":
    main()
