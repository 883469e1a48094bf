"""Feature variants from the same offline models, measured on the class set and on the copy
sets: horizontal-flip averaging, multi-scale, the whole image uncropped, GeM, regional pooling
(R-MAC: max over regions at three scales; regional GeM), Lite2 and Lite0+Lite2 concatenated.

Every image is embedded once per forward pass and cached (.npz under --cache); variants are
combinations of the cached passes, compared in numpy with the collection's centring. The cost
of each variant is the model time of its passes (images/s, one image at a time, passes
interleaved image by image so that a loaded machine weighs on all of them alike).

    python scripts/bench_features.py --data ../shared/datasets/gcompris-photos

Writes bench-results/features.json.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import print_table, write_results  # noqa: E402
from copysets import build_sets, class_metrics, copy_metrics  # noqa: E402

# pass name -> (model, short side resized to, centre crop or None for the whole image, flip)
PASSES = {
    "lite0": ("efficientnet-lite0", 256, 224, False),
    "lite0-flip": ("efficientnet-lite0", 256, 224, True),
    "lite0-320": ("efficientnet-lite0", 366, 320, False),
    "lite0-whole": ("efficientnet-lite0", 224, None, False),
    "lite0-squash": ("efficientnet-lite0", (224, 224), None, False),
    "lite0-squash-flip": ("efficientnet-lite0", (224, 224), None, True),
    "lite2": ("efficientnet-lite2", 297, 260, False),
}
# variant -> [(pass, pooling)], the parts' unit features averaged (or concatenated: "+")
VARIANTS = {
    "lite0 crop, avg (the previous default)": [("lite0", "avg")],
    "lite0 crop, GeM": [("lite0", "gem")],
    "lite0 crop, R-MAC": [("lite0", "rmac")],
    "lite0 crop, regional GeM": [("lite0", "rgem")],
    "lite0 crop + flip": [("lite0", "avg"), ("lite0-flip", "avg")],
    "lite0 crop, multi-scale 224+320": [("lite0", "avg"), ("lite0-320", "avg")],
    "lite0 whole image, aspect kept (unbatchable)": [("lite0-whole", "avg")],
    "lite0 whole image squashed, avg": [("lite0-squash", "avg")],
    "lite0 whole image squashed, GeM (the default)": [("lite0-squash", "gem")],
    "lite0 whole squashed, GeM + flip": [("lite0-squash", "gem"), ("lite0-squash-flip", "gem")],
    "lite0 whole squashed, regional GeM": [("lite0-squash", "rgem")],
    "lite2 crop, avg": [("lite2", "avg")],
    "lite0 + lite2 concatenated": "concat",
}


def _pools(fmap: np.ndarray) -> dict:
    """avg, GeM (p=3), R-MAC and regional GeM of one C x H x W map."""
    c, h, w = fmap.shape
    pos = np.clip(fmap, 1e-6, None)
    out = {"avg": fmap.mean((1, 2)), "gem": (pos ** 3).mean((1, 2)) ** (1 / 3)}
    regions = []
    for level in (1, 2, 3):                # Tolias et al.'s square regions, 40 % overlap
        size = max(1, int(round(2 * min(h, w) / (level + 1))))
        ys = np.linspace(0, h - size, level + (h > w)).round().astype(int) if h - size else [0]
        xs = np.linspace(0, w - size, level + (w > h)).round().astype(int) if w - size else [0]
        regions += [(y, x, size) for y in sorted(set(ys)) for x in sorted(set(xs))]
    for name, pool in (("rmac", lambda r: r.max((1, 2))),
                       ("rgem", lambda r: (np.clip(r, 1e-6, None) ** 3).mean((1, 2)) ** (1 / 3))):
        acc = np.zeros(c, np.float64)
        for y, x, s in regions:
            v = pool(fmap[:, y:y + s, x:x + s])
            acc += v / max(np.linalg.norm(v), 1e-12)
        out[name] = acc.astype(np.float32)
    return out


def embed_all(paths: list[Path], cache: Path) -> tuple[dict, dict]:
    """{pass: {pooling: n x d}} for every image, and seconds per image of each pass; each
    pass cached in its own file (passes missing from the cache are run together, interleaved
    image by image)."""
    feats, seconds = {}, {}
    for name in PASSES:
        file = cache / f"pass-{name}.npz"
        if file.exists():
            with np.load(file, allow_pickle=True) as z:
                if list(z["paths"]) == [str(p) for p in paths]:
                    feats[name] = z["feats"].item()
                    seconds[name] = float(z["seconds"])
    todo = [p for p in PASSES if p not in feats]
    if not todo:
        return feats, seconds
    import torch
    from PIL import Image
    from imgsearch.features import torch_models
    from imgsearch.features.base import INCEPTION_MEAN, INCEPTION_STD, Preprocess
    nets = {m: torch_models.build(torch_models.ModelSpec(name=m))[0]
            for m in {PASSES[p][0] for p in todo}}
    new = {p: {k: [] for k in ("avg", "gem", "rmac", "rgem")} for p in todo}
    spent = dict.fromkeys(todo, 0.0)
    for i, path in enumerate(paths):
        img = Image.open(path).convert("RGB")
        for name in todo:
            model, resize, crop, flip = PASSES[name]
            t = time.perf_counter()
            pre = Preprocess(resize=resize, crop=crop, mean=INCEPTION_MEAN, std=INCEPTION_STD)
            x = pre(img.transpose(Image.FLIP_LEFT_RIGHT) if flip else img)
            with torch.inference_mode():
                fmap = nets[model].extract_features(torch.from_numpy(x[None]))[0].numpy()
            pooled = _pools(fmap)
            spent[name] += time.perf_counter() - t
            for k, v in pooled.items():
                new[name][k].append(v)
        if i % 100 == 0:
            print(f"embedded {i}/{len(paths)}", flush=True)
    for name in todo:
        feats[name] = {k: np.stack(v) for k, v in new[name].items()}
        seconds[name] = spent[name] / len(paths)
        np.savez(cache / f"pass-{name}.npz", paths=np.array([str(p) for p in paths]),
                 feats=np.array(feats[name], dtype=object), seconds=np.float64(seconds[name]))
    return feats, seconds


def time_passes(paths: list[Path], rounds: int = 3) -> dict:
    """Seconds per image of each pass (model and preprocessing, one image at a time), the
    passes interleaved image by image, the median of rounds."""
    import torch
    from PIL import Image
    from imgsearch.features import torch_models
    from imgsearch.features.base import INCEPTION_MEAN, INCEPTION_STD, Preprocess
    nets = {m: torch_models.build(torch_models.ModelSpec(name=m))[0]
            for m in {p[0] for p in PASSES.values()}}
    images = [Image.open(p).convert("RGB") for p in paths]
    per = {p: [] for p in PASSES}
    for _ in range(rounds):
        spent = dict.fromkeys(PASSES, 0.0)
        for img in images:
            for name, (model, resize, crop, flip) in PASSES.items():
                t = time.perf_counter()
                pre = Preprocess(resize=resize, crop=crop, mean=INCEPTION_MEAN, std=INCEPTION_STD)
                x = pre(img.transpose(Image.FLIP_LEFT_RIGHT) if flip else img)
                with torch.inference_mode():
                    nets[model].extract_features(torch.from_numpy(x[None]))
                spent[name] += time.perf_counter() - t
        for name in PASSES:
            per[name].append(spent[name] / len(images))
    return {name: float(np.median(v)) for name, v in per.items()}


def _unit(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def variant(feats: dict, parts) -> np.ndarray:
    if parts == "concat":
        return np.hstack([_unit(feats["lite0"]["avg"]), _unit(feats["lite2"]["avg"])])
    return sum(_unit(feats[p][pool]) for p, pool in parts)


def cost(seconds: dict, parts) -> float:
    used = {"lite0", "lite2"} if parts == "concat" else {p for p, _ in parts}
    return 1.0 / sum(seconds[p] for p in used)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="One sub-folder of images per class.")
    ap.add_argument("--cache", default="/tmp/imgsearch-bench-features")
    ap.add_argument("--out", default="features")
    ap.add_argument("--time-sample", type=int, default=40, help="Images timed per round.")
    args = ap.parse_args(argv)
    cache = Path(args.cache)
    sets = build_sets(Path(args.data).resolve(), cache / "sets")
    table = pd.concat([sets["copies"].assign(set="copies"), sets["crops"].assign(set="crops")])
    feats, _ = embed_all([Path(p) for p in table["file"]], cache)
    seconds = time_passes([Path(p) for p in table["file"]][: args.time_sample])
    print("seconds per image:", seconds)
    records = []
    for name, parts in VARIANTS.items():
        x = variant(feats, parts)
        rec = {"features": name, "images_per_s": cost(seconds, parts),
               "cost_vs_lite0_crop": 1.0 / cost(seconds, parts) / seconds["lite0"]}
        for which in ("copies", "crops"):
            sel = (table["set"] == which).to_numpy()
            for rr in ("none", "kreciprocal"):
                rec.update({f"{which}_{rr}_{k}": v for k, v in
                            copy_metrics(x[sel], table[sel], rerank=rr).items()})
        orig = ((table["set"] == "copies") & (table["variant"] == "original")).to_numpy()
        for rr in ("none", "kreciprocal"):
            rec.update({f"class_{rr}_{k}": v for k, v in
                        class_metrics(x[orig], table[orig]["label"].to_numpy(), rerank=rr).items()})
        records.append(rec)
        print_table([rec], ["features", "cost_vs_lite0_crop", "copies_kreciprocal_recall_at_1",
                            "copies_kreciprocal_recall_at_3", "crops_kreciprocal_recall_at_3",
                            "class_none_p_at_10", "class_kreciprocal_p_at_10"])
    print(f"wrote {write_results(args.out, records)}")


if __name__ == "__main__":
    main()
