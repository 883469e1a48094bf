"""The image sets of bench_extract.py (and bench_scale.py): distinct 500x375 JPEGs cut from the
bundled real photos, 12-megapixel camera-sized ones, and large real photos for the fidelity
check."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def make_jpegs(dest: Path, n: int, seed: int = 0) -> list[Path]:
    """n distinct 500x375 JPEGs: random crops and mirrors of the bundled real photos."""
    from PIL import ImageOps
    from imgsearch.demo import photos
    rng = np.random.default_rng(seed)
    sources = [im.resize((max(im.width, 640), max(im.height, 480))) for im in photos().values()]
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        im = sources[i % len(sources)]
        x, y = rng.integers(0, im.width - 500 + 1), rng.integers(0, im.height - 375 + 1)
        crop = im.crop((x, y, x + 500, y + 375))
        if rng.random() < 0.5:
            crop = ImageOps.mirror(crop)
        p = dest / f"{i // 1000:03d}" / f"img_{i:06d}.jpg"
        p.parent.mkdir(exist_ok=True)
        crop.save(p, quality=90)
        paths.append(p)
    return paths


def big_jpegs(dest: Path, n: int, seed: int = 1) -> list[Path]:
    """n distinct 4000x3000 camera-sized JPEGs: random crops and mirrors of the bundled real
    photos upscaled to cover 4400x3300."""
    from PIL import Image, ImageOps
    from imgsearch.demo import photos
    rng = np.random.default_rng(seed)
    dest.mkdir(parents=True, exist_ok=True)
    sources = list(photos().values())[:8]
    paths = []
    for i in range(n):
        im = sources[i % len(sources)]
        scale = max(4400 / im.width, 3300 / im.height)
        big = im.resize((int(im.width * scale) + 1, int(im.height * scale) + 1), Image.BILINEAR)
        x, y = rng.integers(0, big.width - 4000 + 1), rng.integers(0, big.height - 3000 + 1)
        crop = big.crop((x, y, x + 4000, y + 3000))
        if rng.random() < 0.5:
            crop = ImageOps.mirror(crop)
        p = dest / f"big_{i:04d}.jpg"
        crop.save(p, quality=90)
        paths.append(p)
    return paths


def big_photos(dest: Path) -> list[Path]:
    """Large real photos (bundled ones upscaled to 2000 px, plus retina at 1411 px), where
    reduced-scale JPEG decoding applies."""
    from imgsearch.demo import photos
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for name, im in list(photos().items())[:8]:
        scale = 2000 / min(im.size)
        p = dest / f"{name}.jpg"
        im.resize((int(im.width * scale), int(im.height * scale))).save(p, quality=92)
        out.append(p)
    return out


def start_size(n: int) -> int:
    """The images of the short run that bench_extract.steady() subtracts: a tenth, at least 5
    (all of them, and no steady rate, in a run of 5 or fewer)."""
    return min(n, max(5, n // 10))
