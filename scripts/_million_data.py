"""bench_million's images: tiny generated PNGs in class folders, with planted near-copies and
label flips, and the truth about both (truth.json), so the analyses can be checked.

Each class has a smooth colour pattern of its own; an image is its class's pattern blended
with a smooth pattern of its own and a little pixel noise, so images of a class are alike
but not copies. A planted near-copy is an image written again with a small change (pixel
noise, brightness +3 %); a flipped image is drawn from one class and filed under another.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image


def _smooth(rng, m: int, side: int, grid: int = 4) -> np.ndarray:
    """m smooth random RGB fields (side x side, values ~N(0,1)): a grid x grid random field
    interpolated bilinearly."""
    coarse = rng.standard_normal((m, grid, grid, 3)).astype(np.float32)
    t = np.linspace(0, grid - 1, side)
    lo = np.minimum(np.floor(t).astype(int), grid - 2)
    w = (t - lo).astype(np.float32)
    up = np.zeros((side, grid), np.float32)           # side x grid interpolation matrix
    up[np.arange(side), lo] = 1 - w
    up[np.arange(side), lo + 1] = w
    return np.einsum("ia,mabc,jb->mijc", up, coarse, up)


def _to_pixels(field: np.ndarray) -> np.ndarray:
    return np.clip(128 + 40 * field, 0, 255).astype(np.uint8)


def _protos(seed: int, classes: int, side: int) -> np.ndarray:
    return _smooth(np.random.default_rng([seed, 0]), classes, side)


def _draw(rng, protos: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """m images' classes and float fields: the class pattern, the image's own, pixel noise."""
    cls = rng.integers(0, len(protos), m)
    own = _smooth(rng, m, protos.shape[1])
    return cls, 0.75 * protos[cls] + 0.65 * own + 0.15 * rng.standard_normal(own.shape).astype(np.float32)


def write_queries(folder: Path, q: int, classes: int = 10, side: int = 24, seed: int = 0) -> list[Path]:
    """q fresh images drawn as the collection's were (same classes), never indexed."""
    folder.mkdir(parents=True, exist_ok=True)
    _, img = _draw(np.random.default_rng([seed, 2]), _protos(seed, classes, side), q)
    paths = [folder / f"query_{i:05d}.png" for i in range(q)]
    for path, field in zip(paths, img):
        Image.fromarray(_to_pixels(field)).save(path)
    return paths


def write_images(root: Path, n: int, classes: int = 10, side: int = 24, copy_share: float = 0.01,
                 flip_share: float = 0.02, seed: int = 0, batch: int = 20_000) -> dict:
    """n PNG files under root/<class>/ (copies included); returns and writes the truth:
    copies as [original path, copy path] pairs, flipped paths, relative to root."""
    rng = np.random.default_rng([seed, 1])
    root.mkdir(parents=True, exist_ok=True)
    names = [f"class_{c:02d}" for c in range(classes)]
    for name in names:
        (root / name).mkdir(exist_ok=True)
    protos = _protos(seed, classes, side)
    n_copies = int(round(n * copy_share))
    n_orig = n - n_copies
    copy_of = set(rng.choice(n_orig, n_copies, replace=False).tolist())
    flipped_set = set(rng.choice(n_orig, int(round(n_orig * flip_share)), replace=False).tolist())
    flipped_set -= copy_of                      # a copied image keeps its own class
    pairs, flipped = [], []
    for s in range(0, n_orig, batch):
        m = min(batch, n_orig - s)
        cls, img = _draw(rng, protos, m)
        for j in range(m):
            i = s + j
            folder = int(cls[j])
            if i in flipped_set:
                folder = int((cls[j] + rng.integers(1, classes)) % classes)
            rel = f"{names[folder]}/img_{i:07d}.png"
            pixels = _to_pixels(img[j])
            Image.fromarray(pixels).save(root / rel)
            if folder != cls[j]:
                flipped.append(rel)
            if i in copy_of:
                edit = pixels.astype(np.float32) * 1.03 + rng.normal(0, 3, pixels.shape)
                copy_rel = f"{names[folder]}/img_{i:07d}_copy.png"
                Image.fromarray(np.clip(edit, 0, 255).astype(np.uint8)).save(root / copy_rel)
                pairs.append([rel, copy_rel])
    truth = {"n": n, "classes": classes, "side": side, "copies": pairs, "flipped": flipped}
    (root / "truth.json").write_text(json.dumps(truth))
    return truth
