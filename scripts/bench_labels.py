"""Benchmark the two label-issue methods on planted label flips: how many of the flipped
images each ranks in its top 5 % (as many rows as flips).

- knn: the similarity-weighted vote of the 10 nearest neighbours (explain.label_issues);
- confident: cleanlab's confident learning on out-of-fold probabilities of a logistic
  regression on the collection's vectors (label_quality.confident_issues).

Data: sklearn digits (1797, 5 % = 90 flips) under `pixels` (16 x 16) and the default CNN,
and a class-per-folder photo set (default /work/shared/datasets/gcompris-photos, 5 % flips),
each with several flip seeds (5 by default). Each flip moves a label to a random other class.

    python scripts/bench_labels.py                       # everything (CNN: a few minutes)
    python scripts/bench_labels.py --only digits-pixels --seeds 1

Writes bench-results/labels.json.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import print_table, write_results  # noqa: E402

PHOTOS = "/work/shared/datasets/gcompris-photos"


def datasets(tmp: Path, photos: str) -> dict:
    """name -> (folder, labels table with relative paths, index arguments)."""
    from imgsearch.demo import write_digits
    digits = tmp / "digits"
    table = write_digits(digits, size=16)[["path", "label"]]
    out = {"digits-pixels": (digits, table, dict(model="pixels", size=16)),
           "digits-cnn": (digits, table, {})}
    if Path(photos).is_dir():
        files = sorted(p for p in Path(photos).rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
        rows = [(str(p.relative_to(photos)), p.relative_to(photos).parts[0]) for p in files]
        out["photos-cnn"] = (Path(photos), pd.DataFrame(rows, columns=["path", "label"]), {})
    return out


def flip(table: pd.DataFrame, seed: int, share: float = 0.05):
    rng = np.random.default_rng(seed)
    n = int(round(share * len(table)))
    chosen = rng.choice(len(table), size=n, replace=False)
    classes = sorted(table["label"].unique())
    noisy = table.copy()
    for i in chosen:
        others = [c for c in classes if c != table.loc[i, "label"]]
        noisy.loc[i, "label"] = others[rng.integers(len(others))]
    return noisy, set(table.loc[chosen, "path"])


def run(name, folder, table, kwargs, seeds, home) -> list[dict]:
    import imgsearch
    records = []
    col = imgsearch.open_collection(name, create=True, home=home, progress=False)
    try:
        t = time.perf_counter()
        col.index(folder, **kwargs)
        embed_s = time.perf_counter() - t
        for seed in seeds:
            noisy, flipped = flip(table, seed)
            csv = Path(home) / f"{name}-{seed}.csv"
            noisy.to_csv(csv, index=False)
            col.index(folder, labels=csv)
            flipped_abs = {str(Path(folder).resolve() / p) for p in flipped}
            for method in ("knn", "confident"):
                t = time.perf_counter()
                ranked = col.label_issues(k=10, method=method).to_frame()
                seconds = time.perf_counter() - t
                top = set(ranked["path"].head(len(flipped)))
                found = len(top & flipped_abs)
                records.append({"data": name, "method": method, "seed": seed, "n": len(table),
                                "flips": len(flipped), "found_in_top": found,
                                "recall": found / len(flipped), "seconds": round(seconds, 2),
                                "embed_seconds": round(embed_s, 1)})
                print(f"{name} seed {seed} {method}: {found}/{len(flipped)} in the top "
                      f"{len(flipped)} ({seconds:.1f}s)", flush=True)
    finally:
        col.close()
    return records


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", default=PHOTOS)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--only", help="comma-separated: digits-pixels, digits-cnn, photos-cnn")
    args = ap.parse_args()
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        data = datasets(Path(tmp), args.photos)
        wanted = args.only.split(",") if args.only else list(data)
        for name in wanted:
            folder, table, kwargs = data[name]
            records += run(name, folder, table, kwargs, range(args.seeds), Path(tmp) / "home")
    df = pd.DataFrame(records)
    summary = (df.groupby(["data", "method"], sort=False)
                 .agg(flips=("flips", "first"), seeds=("seed", "count"),
                      mean_found=("found_in_top", "mean"), min_found=("found_in_top", "min"),
                      mean_recall=("recall", "mean"), seconds=("seconds", "mean"))
                 .reset_index())
    print_table(summary.to_dict("records"), list(summary.columns))
    path = write_results("labels", [{"summary": summary.to_dict("records"), "runs": records}])
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
