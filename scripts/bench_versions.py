"""`imgsearch index` end to end from two source trees (or two settings), interleaved.

    python scripts/bench_versions.py --trees OLD_TREE,NEW_TREE --n 1000 --rounds 5 --out NAME
    python scripts/bench_versions.py --trees TREE,TREE --args "" "--batch-size 2" --out NAME

Each round runs every variant once, in a fresh process and in turn (the order alternates
between rounds), on the same `--n` distinct 500x375 JPEGs: wall time, and CPU time of the
run and its decode workers (`getrusage` of the reaped children). Reports each variant's
median images/s and core-ms an image, and the median of the per-round ratios of the later
variants to the first. A shared machine moves both sides of a round alike; the ratio is the
figure to read. Writes bench-results/<--out>.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import write_results  # noqa: E402
from _extract_images import make_jpegs  # noqa: E402


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def one_run(tree: str, extra: list[str], folder: Path, n: int) -> dict:
    home = tempfile.mkdtemp(prefix="bench-versions-")
    env = {**os.environ, "PYTHONPATH": tree, "IMGSEARCH_HOME": home, "IMGSEARCH_PROGRESS": "0"}
    t, c = time.perf_counter(), children_cpu()
    # run from the empty home: `python -m` puts the working folder first on the path, so
    # from a source tree every variant would import that tree, whatever PYTHONPATH says
    done = subprocess.run([sys.executable, "-m", "imgsearch", "index", str(folder), "-c", "b",
                           *extra], env=env, capture_output=True, text=True, cwd=home)
    seconds, cpu = time.perf_counter() - t, children_cpu() - c
    if done.returncode != 0:
        raise SystemExit(f"index failed in {tree}: {done.stderr.strip()[-300:]}")
    subprocess.run(["rm", "-rf", home])
    return {"seconds": seconds, "images_per_s": n / seconds, "core_ms": 1000 * cpu / n}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trees", required=True, help="comma-separated source trees (PYTHONPATH)")
    ap.add_argument("--args", nargs="*", default=None,
                    help="extra `imgsearch index` arguments per variant (one string each)")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--out", default="versions")
    args = ap.parse_args(argv)
    trees = [str(Path(t).resolve()) for t in args.trees.split(",")]
    extras = [shlex.split(a) for a in (args.args or [""] * len(trees))]
    if len(extras) != len(trees):
        raise SystemExit("give one --args string per tree")
    folder = Path(tempfile.mkdtemp(prefix="bench-versions-img-"))
    make_jpegs(folder, args.n)
    runs = [[] for _ in trees]
    for r in range(args.rounds):
        order = list(range(len(trees)))[:: 1 if r % 2 == 0 else -1]
        for v in order:
            runs[v].append(one_run(trees[v], extras[v], folder, args.n))
        print(f"round {r + 1}: " + ", ".join(f"{runs[v][-1]['images_per_s']:.1f} img/s"
                                             for v in range(len(trees))), flush=True)
    variants = []
    for v, tree in enumerate(trees):
        speed = [x["images_per_s"] for x in runs[v]]
        variants.append({
            "tree": tree, "args": extras[v], "images_per_s": float(np.median(speed)),
            "core_ms": float(np.median([x["core_ms"] for x in runs[v]])),
            "speed_ratio_to_first": float(np.median([a["images_per_s"] / b["images_per_s"]
                                                     for a, b in zip(runs[v], runs[0])])),
            "core_ms_ratio_to_first": float(np.median([a["core_ms"] / b["core_ms"]
                                                       for a, b in zip(runs[v], runs[0])])),
            "runs": runs[v]})
    record = {"n": args.n, "rounds": args.rounds, "cpus": os.cpu_count(),
              "loadavg_end": os.getloadavg(), "variants": variants}
    print(json.dumps([{k: v for k, v in x.items() if k != "runs"} for x in variants], indent=1))
    print(f"wrote {write_results(args.out, [record])}")


if __name__ == "__main__":
    main()
