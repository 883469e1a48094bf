"""Files to batches of pixels at the model's input size, as a worker makes them (PIL and
numpy only): bad files come back as reasons, never raised."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..beneath import read_file
from ..errors import BadImage
from .decode import Limits, decode

if TYPE_CHECKING:
    from ..features.base import FeatureModel, Preprocess


@dataclass(frozen=True)
class DecodeJob:
    """Everything a worker needs, as plain picklable values."""
    preprocess: Preprocess
    limits: Limits
    max_file_bytes: int
    draft: int | None


def decode_one(path: str, job: DecodeJob) -> tuple[np.ndarray, int, int]:
    """(uint8 H x W x 3 pixels at the model's input size, width, height): normalised where
    the model runs, so a decode worker hands over a quarter of the bytes of float32."""
    dec = decode(read_file(path, job.max_file_bytes), job.limits, job.draft)
    return job.preprocess.pixels(dec.image), dec.width, dec.height


def decode_batch(items: list[tuple[int, str]], job: DecodeJob):
    """In a worker: (meta rows [id, w, h], stacked arrays or None, [(id, reason)])."""
    arrays, meta, bad = [], [], []
    for image_id, path in items:
        try:
            x, w, h = decode_one(path, job)
            arrays.append(x)
            meta.append((image_id, w, h))
        except BadImage as e:
            bad.append((image_id, str(e)))
        except Exception as e:  # a decoder bug must not end a 200k-image run
            bad.append((image_id, f"decode failed: {type(e).__name__}: {str(e)[:120]}"))
    x = np.stack(arrays) if arrays else None
    return np.array(meta, dtype=np.int64).reshape(-1, 3), x, bad


def draft_size(model: FeatureModel) -> int | None:
    """Decode JPEGs at a DCT scale that leaves at least twice the model's resize."""
    resize = model.preprocess.resize
    return 2 * (resize if isinstance(resize, int) else max(resize))
