"""Real bundled data, no download: sklearn digits with real classifier predictions (so real
misclassifications exist), and scikit-image / sklearn photos with augmented near-copies."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image, ImageFilter, ImageOps

PHOTO_NAMES = ("astronaut", "brick", "camera", "chelsea", "clock", "coffee", "coins", "colorwheel",
               "grass", "gravel", "horse", "hubble_deep_field", "immunohistochemistry", "logo",
               "microaneurysms", "moon", "page", "retina", "rocket", "text", "cell")
AUGMENTATIONS = ("flip", "crop", "blur")


def photos() -> dict[str, Image.Image]:
    """About two dozen real photos shipped inside scikit-image and scikit-learn, as RGB."""
    import skimage.data
    from sklearn.datasets import load_sample_images
    out = {}
    for name in PHOTO_NAMES:
        arr = np.asarray(getattr(skimage.data, name)())
        if arr.dtype == bool:
            arr = (~arr * 255).astype(np.uint8) if name == "horse" else arr.astype(np.uint8) * 255
        img = Image.fromarray(arr)
        out[name] = img.convert("RGB") if img.mode != "RGBA" else _on_white(img)
    for fname, arr in zip(load_sample_images().filenames, load_sample_images().images):
        out[Path(fname).stem] = Image.fromarray(arr)
    return out


def _on_white(img: Image.Image) -> Image.Image:
    bg = Image.new("RGBA", img.size, (255, 255, 255, 255))
    return Image.alpha_composite(bg, img).convert("RGB")


def augment(img: Image.Image, kind: str) -> Image.Image:
    """Near-duplicate variants with a known truth: mirror, 90% centre crop, gaussian blur."""
    if kind == "flip":
        return ImageOps.mirror(img)
    if kind == "crop":
        w, h = img.size
        return img.crop((w // 20, h // 20, w - w // 20, h - h // 20))
    if kind == "blur":
        return img.filter(ImageFilter.GaussianBlur(2))
    raise ValueError(f"unknown augmentation {kind!r}")


def write_photos(dest: Path, augmentations=AUGMENTATIONS) -> pd.DataFrame:
    """Write each photo and its variants; return path (relative to dest), family, variant."""
    dest.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, img in photos().items():
        variants = [("original", img)] + [(a, augment(img, a)) for a in augmentations]
        for variant, im in variants:
            rel = f"photos/{name}.jpg" if variant == "original" else f"photos/{name}__{variant}.jpg"
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            im.save(dest / rel, quality=92)
            rows.append((rel, name, variant))
    return pd.DataFrame(rows, columns=["path", "family", "variant"])


def write_digits(dest: Path, n: int | None = None, size: int = 32, seed: int = 0) -> pd.DataFrame:
    """sklearn digits as PNGs with labels and out-of-fold predictions of a real classifier."""
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    digits = load_digits()
    X, y = digits.data, digits.target
    proba = cross_val_predict(LogisticRegression(max_iter=3000), X / 16.0, y, cv=5,
                              method="predict_proba")
    rng = np.random.default_rng(seed)
    split = np.where(rng.random(len(y)) < 0.8, "train", "test")
    idx = np.arange(len(y)) if n is None else np.arange(min(n, len(y)))
    rows = []
    for i in idx:
        rel = f"digits/{y[i]}/{i:04d}.png"
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        pixels = (digits.images[i] * (255.0 / 16.0)).astype(np.uint8)
        Image.fromarray(pixels).resize((size, size), Image.NEAREST).save(dest / rel)
        rows.append((rel, str(y[i]), str(int(proba[i].argmax())), float(proba[i].max()), split[i]))
    return pd.DataFrame(rows, columns=["path", "label", "prediction", "confidence", "split"])


def make_demo_data(dest: str | Path, n_digits: int | None = None) -> Path:
    """Write the demo images and labels.csv under dest; returns the CSV path."""
    dest = Path(dest)
    digits = write_digits(dest, n_digits)
    photo_rows = write_photos(dest)
    photo_rows = photo_rows.assign(split="photos")   # no label: ImageNet predictions stay
    table = pd.concat([digits, photo_rows], ignore_index=True)
    csv = dest / "labels.csv"
    table.to_csv(csv, index=False)
    return csv
