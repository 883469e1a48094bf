"""Benchmark the maps a user can steer: a supervised map against the plain one, and cam
pooling against average (and GeM) pooling, on the digits and on photos.

    python scripts/bench_steer.py [--photos /work/shared/datasets/gcompris-photos] [--seeds 3]
    python scripts/bench_steer.py --digits -1 --seeds 10 --out steer-photos   # the photos only
    python scripts/bench_steer.py --fitted-head --seeds 10 --out steer-head     # see below

Data: scikit-learn's 1,797 digits (8 x 8), as raw pixels (64-d) and through the offline
EfficientNet-Lite0 with its ImageNet weights (the model imgsearch bundles; no torchvision
weights are available offline), upscaled to the model's input; and a folder of photos with
one folder per class (the gcompris photos: 233 photos, 9 classes), through the same model.
Each model runs as `imgsearch index` runs it (features.load_model, the CPU's default
runtime), then the collection's default post-processing (centre, L2-normalise).

Pooling (features.torch_models.Backbone): avg, gem (Lite0's default) and cam (the last
convolution averaged where the predicted class's activation map is positive).

Maps: the calls `imgsearch map` makes (analysis/maps.py `_fit`: PCA to 50-d, UMAP cosine, 15
neighbours, min_dist 0.1). For a fair measurement of a supervised map, each seed splits the
images (stratified) into a fitted 70 % and a held-out 30 %: the map is fitted on the 70 %
(plain: without labels; supervised: with them as UMAP's target, target_weight 0.5), and the
held-out 30 % are placed with `transform`, as `map` places every image outside its fit sample.
`semi` is what `map --supervised` does on a partly labelled collection: one fit on every
image, the held-out ones given as unlabelled (-1).

Figures, per seed, then the median over seeds:
  knn_features   leave-one-out 10-NN accuracy of the label on the vectors (cosine), all images
  knn_map        10-NN accuracy of the held-out images' labels on the 2-D map, their neighbours
                 drawn from every other image (fitted or held out)
  trust          sklearn.manifold.trustworthiness (k=10, cosine) of the held-out images' 2-D
                 positions against their vectors
  knn_map_all    leave-one-out 10-NN accuracy on the 2-D map over every image (what the user
                 sees; a supervised fit has seen the labels of the fitted 70 %)

--fitted-head (the photos only): cam pooling with a head trained on the collection's own
classes, as a user's fine-tuned checkpoint would have, instead of ImageNet's. Per seed, a
linear head (scikit-learn's multinomial logistic regression on the average-pooled features of
Lite0's last convolution) is fitted on the fitted 70 % only; its weights and its predicted
class weight the same map (features.torch_models.cam_pool). Beside it, avg pooling of the same
map. Both rows' kNN on the features is then measured on the held-out 30 % only
(knn_features_held: neighbours drawn from every other image), since the head saw the 70 %.

Writes bench-results/steer.json.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from _bench import write_results  # noqa: E402

K = 10
PHOTOS = "/work/shared/datasets/gcompris-photos"
SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


def digits() -> tuple[list, np.ndarray, np.ndarray]:
    """(PIL images, 64-d pixel vectors, labels) of scikit-learn's digits."""
    from PIL import Image
    from sklearn.datasets import load_digits
    d = load_digits()
    images = [Image.fromarray((255 - im * 16).clip(0, 255).astype(np.uint8)).convert("RGB")
              for im in d.images]
    return images, d.data.astype(np.float32), d.target.astype(str)


def photos(folder: str) -> tuple[list, np.ndarray]:
    from PIL import Image
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in SUFFIXES)
    images = []
    for p in files:
        with Image.open(p) as im:
            images.append(im.convert("RGB"))
    return images, np.array([p.parent.name for p in files])


def embed(images, pooling: str) -> np.ndarray:
    from imgsearch.features import ModelSpec, load_model
    model = load_model(ModelSpec(pooling=pooling))
    out = [model.embed_images(images[s:s + 64]).features for s in range(0, len(images), 64)]
    return np.concatenate(out).astype(np.float32)


def centre(x: np.ndarray) -> np.ndarray:
    """The collection's default post-processing: unit, minus the mean unit vector, unit."""
    from imgsearch.features.postprocess import unit
    u = unit(x)
    return unit(u - u.mean(0))


def knn_accuracy(x: np.ndarray, y: np.ndarray, metric: str, among=None) -> float:
    """10-NN majority vote of each row's label, itself left out; only rows in `among` (a
    mask) are scored, their neighbours drawn from every row."""
    from sklearn.neighbors import NearestNeighbors
    near = NearestNeighbors(n_neighbors=K + 1, metric=metric).fit(x)
    rows = np.flatnonzero(among if among is not None else np.ones(len(x), bool))
    idx = near.kneighbors(x[rows], return_distance=False)
    right = 0
    for r, row in zip(rows, idx):
        row = [j for j in row if j != r][:K]
        values, counts = np.unique(y[row], return_counts=True)
        right += values[counts.argmax()] == y[r]
    return right / len(rows)


def fit_map(x, target=None, target_weight=0.5, seed=0):
    from imgsearch.analysis import maps
    pca, reducer, xy = maps._fit("umap", x, 50, 15, 0.1, seed, False, lambda: None,
                                 target, target_weight)
    return pca, reducer, xy


def place(pca, reducer, x) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.asarray(reducer.transform(pca.transform(x).astype(np.float32)), np.float64)


def measure_maps(x: np.ndarray, y: np.ndarray, seed: int) -> dict[str, dict]:
    """plain / supervised / semi maps of one split, each measured on the held-out images."""
    from sklearn.manifold import trustworthiness
    from sklearn.model_selection import train_test_split
    idx = np.arange(len(x))
    fit, held = train_test_split(idx, test_size=0.3, stratify=y, random_state=seed)
    names = np.unique(y)
    code = np.searchsorted(names, y)
    out = {}
    for kind in ("plain", "supervised", "semi"):
        t = time.perf_counter()
        xy = np.empty((len(x), 2))
        if kind == "semi":       # one fit on every image, the held-out ones unlabelled
            target = code.copy()
            target[held] = -1
            xy[:] = fit_map(x, target, seed=seed)[2]
        else:
            pca, reducer, xy[fit] = fit_map(x[fit], code[fit] if kind == "supervised" else None,
                                            seed=seed)
            xy[held] = place(pca, reducer, x[held])
        mask = np.zeros(len(x), bool)
        mask[held] = True
        out[kind] = {"knn_map": knn_accuracy(xy, y, "euclidean", mask),
                     "trust": float(trustworthiness(x[held], xy[held], n_neighbors=K, metric="cosine")),
                     "knn_map_all": knn_accuracy(xy, y, "euclidean"),
                     "seconds": time.perf_counter() - t}
    return out


def lite0_maps(images) -> np.ndarray:
    """Lite0's last convolution (the input of its global pooling), N x 1280 x 7 x 7, for the
    whole image at 224 px with its training norm, as `imgsearch index` preprocesses it."""
    import torch
    from imgsearch.features import ModelSpec, preprocessing, torch_models
    net, _, _, size = torch_models.build(ModelSpec(name="efficientnet-lite0"))
    pre = preprocessing(size, "inception", "whole")
    seen = []
    net._avg_pooling.register_forward_pre_hook(lambda mod, args: seen.append(args[0].clone()))
    with torch.inference_mode():
        for s in range(0, len(images), 32):
            net(torch.from_numpy(np.stack([pre(im) for im in images[s:s + 32]])))
    return torch.cat(seen).numpy()


def run_fitted_head(maps: np.ndarray, y: np.ndarray, seeds: int) -> list[dict]:
    """avg vs cam with a head fitted on each seed's 70 % (see the module's docstring)."""
    import torch
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from imgsearch.features.torch_models import cam_pool
    avg = maps.mean(axis=(2, 3))
    per = {"lite0-avg": [], "lite0-cam-fitted-head": []}
    for seed in range(seeds):
        fit, held = train_test_split(np.arange(len(y)), test_size=0.3, stratify=y, random_state=seed)
        head = LogisticRegression(max_iter=2000).fit(avg[fit], y[fit])
        logits = torch.from_numpy(head.decision_function(avg).astype(np.float32))
        cam = cam_pool(torch.from_numpy(maps), logits,
                       torch.from_numpy(head.coef_.astype(np.float32))).numpy()
        mask = np.zeros(len(y), bool)
        mask[held] = True
        for name, x in (("lite0-avg", centre(avg)), ("lite0-cam-fitted-head", centre(cam))):
            result = measure_maps(x, y, seed)       # the same split (same seed, same call)
            for kind in result:
                result[kind]["knn_features_held"] = knn_accuracy(x, y, "cosine", mask)
            per[name].append(result)
    rows = []
    for name, per_seed in per.items():
        for kind in per_seed[0]:
            row = {"dataset": "photos", "features": name, "map": kind, "n": int(len(y)),
                   "classes": int(len(np.unique(y)))}
            for key in ("knn_features_held", "knn_map", "trust", "knn_map_all", "seconds"):
                values = [s[kind][key] for s in per_seed]
                row[key] = statistics.median(values)
                row[f"{key}_per_seed"] = values
            row["knn_features"] = row["knn_features_held"]
            rows.append(row)
            _line(row)
    return rows


def run(dataset: str, features: str, x: np.ndarray, y: np.ndarray, seeds: int) -> list[dict]:
    base = {"dataset": dataset, "features": features, "n": int(len(x)), "dim": int(x.shape[1]),
            "classes": int(len(np.unique(y))), "knn_features": knn_accuracy(x, y, "cosine")}
    per_seed = [measure_maps(x, y, seed) for seed in range(seeds)]
    rows = []
    for kind in per_seed[0]:
        row = {**base, "map": kind}
        for key in ("knn_map", "trust", "knn_map_all", "seconds"):
            values = [s[kind][key] for s in per_seed]
            row[key] = statistics.median(values)
            row[f"{key}_per_seed"] = values
        rows.append(row)
        _line(row)
    return rows


COLUMNS = ["dataset", "features", "map", "knn_features", "knn_map", "trust", "knn_map_all"]


def _line(row: dict) -> None:
    print(" | ".join(f"{row[c]:>14.3f}" if isinstance(row[c], float) else f"{row[c]!s:>14}"
                     for c in COLUMNS), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--photos", default=PHOTOS)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--poolings", default="avg,gem,cam")
    ap.add_argument("--digits", type=int, default=0, help="Use only the first N digits (0: all; "
                    "-1: none).")
    ap.add_argument("--fitted-head", action="store_true", help=(
        "The photos only: cam with a head fitted on the photos' own classes (see above)."))
    ap.add_argument("--out", default="steer")
    args = ap.parse_args()
    poolings = args.poolings.split(",")
    print(" | ".join(f"{c:>14}" for c in COLUMNS))
    rows = []
    if args.fitted_head:
        images, labels = photos(args.photos)
        rows = run_fitted_head(lite0_maps(images), labels, args.seeds)
        print(f"wrote {write_results(args.out, rows)}")
        return
    images, pixels, labels = digits()
    if args.digits > 0:
        images, pixels, labels = images[:args.digits], pixels[:args.digits], labels[:args.digits]
    if args.digits >= 0:
        rows += run("digits", "pixels", centre(pixels), labels, args.seeds)
        for pooling in poolings:
            rows += run("digits", f"lite0-{pooling}", centre(embed(images, pooling)), labels,
                        args.seeds)
    if args.photos and Path(args.photos).is_dir():
        images, labels = photos(args.photos)
        for pooling in poolings:
            rows += run("photos", f"lite0-{pooling}", centre(embed(images, pooling)), labels,
                        args.seeds)
    path = write_results(args.out, rows)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
