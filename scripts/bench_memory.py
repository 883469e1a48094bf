"""Peak memory of `imgsearch index` as the collection grows: N generated tiny PNGs indexed
with `--model pixels --size 21` (1,323-d, 5,292 bytes a vector) into a fresh collection, in a
fresh process per N, whose own peak RSS (VmHWM) is read when the command has finished.

    python scripts/bench_memory.py --n 5000,20000,100000 --label after
    python scripts/bench_memory.py --n 20000 --label before --src /path/to/older/checkout

Per N: the peak, the seconds, and the vectors' bytes; per step between two Ns, how much the
peak grew per image and as a multiple of the added vectors' bytes (1.0: the vectors alone).
--src runs another checkout's imgsearch (a baseline); --rounds repeats each N, interleaving
the Ns, and keeps the median. Results are merged into bench-results/<out>.json under
--label, so a baseline and a candidate land side by side. The images are generated once
per N under --data (default: a temporary folder, removed at the end).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SIZE = 21          # pixels --size 21: 21 x 21 x 3 = 1,323 dimensions

# Run in the child: the CLI in this process, then this process's own peak RSS. VmHWM, not
# ru_maxrss: Linux carries ru_maxrss across fork + exec, so a child of a big parent (pytest)
# would report its parent's peak.
_CHILD = r"""
import sys, time
t = time.perf_counter()
from imgsearch.frontends.cli import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code or 0
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print("PEAK_KB", hwm, "SECONDS", round(time.perf_counter() - t, 2), "CODE", code, file=sys.stderr)
"""


def write_images(root: Path, n: int, seed: int = 0, classes: int = 10, side: int = 24) -> Path:
    """n tiny PNGs (side x side, RGB) in class folders: each a class's pattern plus noise,
    so neighbours mean something. Written once: a folder holding n of them is reused."""
    root = Path(root)
    done = root / ".complete"
    if done.exists() and done.read_text() == str(n):
        return root
    from PIL import Image
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 256, (classes, side, side, 3))
    for c in range(classes):
        (root / f"c{c}").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        c = i % classes
        img = np.clip(base[c] + rng.normal(0, 40, base[c].shape), 0, 255).astype(np.uint8)
        Image.fromarray(img).save(root / f"c{c}" / f"{i:07d}.png")
    done.write_text(str(n))
    return root


def index_peak(images: Path, home: Path, src: Path | None = None, timeout: float = 3600,
               index: str | None = None) -> dict:
    """`imgsearch index images --model pixels --size 21` into a fresh collection under home,
    in a fresh process: {"peak_mb", "seconds", "indexed"}."""
    env = dict(os.environ, IMGSEARCH_HOME=str(home), IMGSEARCH_PROGRESS="0",
               PYTHONPATH=str(src or ROOT))
    shutil.rmtree(home, ignore_errors=True)
    r = subprocess.run([sys.executable, "-c", _CHILD, "index", str(images), "-c", "m",
                        "--model", "pixels", "--size", str(SIZE),
                        *(["--index", index] if index else [])],
                       env=env, capture_output=True, text=True, timeout=timeout,
                       cwd=str(src or ROOT))
    last = [ln for ln in r.stderr.splitlines() if ln.startswith("PEAK_KB")]
    if r.returncode or not last or not last[0].endswith("CODE 0"):
        raise RuntimeError(f"index failed ({r.returncode}): {(r.stdout + r.stderr)[-2000:]}")
    words = last[0].split()
    indexed = re.search(r"^indexed (\d+),", r.stdout + r.stderr, re.M)
    shutil.rmtree(home, ignore_errors=True)
    return {"peak_mb": round(int(words[1]) / 1024, 1), "seconds": float(words[3]),
            "indexed": int(indexed.group(1)) if indexed else None}


def vector_bytes(n: int) -> int:
    return n * 3 * SIZE * SIZE * 4


def growth(small: dict, large: dict) -> dict:
    """How the peak grew from one N to the next, per image and against the added vectors."""
    added = large["n"] - small["n"]
    grew = (large["peak_mb"] - small["peak_mb"]) * 2 ** 20
    return {"from": small["n"], "to": large["n"],
            "peak_growth_mb": round(grew / 2 ** 20, 1),
            "growth_per_image_kb": round(grew / added / 1024, 2),
            "added_vector_mb": round(vector_bytes(added) / 2 ** 20, 1),
            "growth_over_added_vectors": round(grew / vector_bytes(added), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", default="5000,20000", help="comma-separated image counts")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--label", default="current", help="key in the JSON: before, after, ...")
    ap.add_argument("--src", type=Path, help="checkout whose imgsearch runs (default: this one)")
    ap.add_argument("--data", type=Path, help="folder for the generated images (kept)")
    ap.add_argument("--out", default="memory")
    ap.add_argument("--index", help="the index kind asked of `imgsearch index` (default: auto)")
    ap.add_argument("--baseline", type=Path, help="another checkout run in the same rounds, "
                    "interleaved, its figures stored under LABEL-baseline")
    args = ap.parse_args()
    ns = sorted(int(x) for x in args.n.split(","))
    data = args.data or Path(tempfile.mkdtemp(prefix="imgsearch-mem-"))
    try:
        folders = {n: write_images(data / f"img{n}", n) for n in ns}
        sides = {args.label: args.src}
        if args.baseline:
            sides[f"{args.label}-baseline"] = args.baseline
        runs = {side: {n: [] for n in ns} for side in sides}
        for _ in range(args.rounds):
            for n in ns:
                for side, src in sides.items():
                    one = index_peak(folders[n], data / "home", src, index=args.index)
                    print(f"{side} n={n}: peak {one['peak_mb']} MB in {one['seconds']} s",
                          flush=True)
                    runs[side][n].append(one)
    finally:
        if args.data is None:
            shutil.rmtree(data, ignore_errors=True)
    for side, src in sides.items():
        record(args, ns, runs[side], side, src)


def record(args, ns: list[int], runs: dict[int, list[dict]], label: str, src) -> None:
    """One side's figures merged into bench-results/<out>.json under label."""
    rows = [{"n": n, "peak_mb": statistics.median(r["peak_mb"] for r in runs[n]),
             "seconds": statistics.median(r["seconds"] for r in runs[n]),
             "peaks_mb": [r["peak_mb"] for r in runs[n]],
             "vector_mb": round(vector_bytes(n) / 2 ** 20, 1)} for n in ns]
    result = {"command": " ".join(["python", "scripts/bench_memory.py", *sys.argv[1:]]),
              "model": f"pixels --size {SIZE} ({3 * SIZE * SIZE}-d float32)",
              "src": str(src or ROOT), "rounds": args.rounds, "index": args.index or "auto",
              "loadavg": [round(v, 2) for v in os.getloadavg()],
              "cpus": os.cpu_count(), "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
              "runs": rows, "growth": [growth(a, b) for a, b in zip(rows, rows[1:])]}
    path = ROOT / "bench-results" / f"{args.out}.json"
    path.parent.mkdir(exist_ok=True)
    merged = json.loads(path.read_text()) if path.exists() else {}
    merged[label] = result
    path.write_text(json.dumps(merged, indent=2) + "\n")
    for g in result["growth"]:
        print(f"{g['from']} -> {g['to']}: peak +{g['peak_growth_mb']} MB, "
              f"{g['growth_per_image_kb']} KB/image, {g['growth_over_added_vectors']}x the added vectors")
    print(f"wrote {path} ({label})")


if __name__ == "__main__":
    main()
