"""The map benchmark's synthetic points (numpy and pandas only: embedding-atlas's venv imports
this too) and its stand-in thumbnails."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd


def frame(n: int, seed: int = 0) -> pd.DataFrame:
    """Clustered synthetic points: 10 labels, a classifier that is right 90% of the time."""
    rng = np.random.default_rng(seed)
    label = rng.integers(0, 10, n)
    centres = np.c_[np.cos(label * 0.63) * 6, np.sin(label * 0.63) * 6]
    xy = centres + rng.normal(0, 0.9, (n, 2))
    pred = np.where(rng.random(n) < 0.9, label, rng.integers(0, 10, n))
    return pd.DataFrame({
        "image_id": np.arange(1, n + 1), "x": xy[:, 0], "y": xy[:, 1],
        "path": [f"/data/datasets/pets/train/class_{c:02d}/image_{i:07d}.jpg" for i, c in enumerate(label)],
        "label": [f"class_{c:02d}" for c in label], "prediction": [f"class_{c:02d}" for c in pred],
        "confidence": rng.random(n)})


def thumb_jpeg(image_id: int, size: int = 64) -> bytes:
    """A stand-in thumbnail (a tinted square with the id), so hover and sprites have pictures."""
    from PIL import Image, ImageDraw
    rng = np.random.default_rng(image_id)
    im = Image.new("RGB", (size, size), tuple(int(v) for v in rng.integers(60, 220, 3)))
    ImageDraw.Draw(im).text((4, size // 2 - 6), str(image_id), fill=(0, 0, 0))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    return buf.getvalue()
