"""Batched feature extraction: decode in DataLoader workers, model in the main process."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset
from tqdm.auto import tqdm

from . import gpu_decode as gpu_decode_mod
from . import images
from .config import Config
from .errors import BadImage
from .models import FeatureModel


@dataclass
class Extracted:
    ids: np.ndarray                       # int64 ids of the images that decoded
    features: np.ndarray                  # (n, dim) float32
    widths: np.ndarray
    heights: np.ndarray
    predictions: list | None = None       # class names, or None when the model has no head
    confidences: np.ndarray | None = None
    bad: list[tuple[int, str]] = field(default_factory=list)  # (image_id, reason)


class _Files(Dataset):
    def __init__(self, items: list[tuple[int, str]], model: FeatureModel, max_pixels: int):
        self.items, self.preprocess = items, model.preprocess
        self.max_pixels, self.draft = max_pixels, model.draft_size

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i):
        image_id, path = self.items[i]
        try:
            dec = images.load(path, self.max_pixels, self.draft)
            return image_id, self.preprocess(dec.image), dec.width, dec.height, None
        except BadImage as e:
            return image_id, None, 0, 0, str(e)
        except Exception as e:  # a decoder bug must not end a 200k-image run
            return image_id, None, 0, 0, f"decode failed: {type(e).__name__}: {e}"


def _collate(batch):
    good = [b for b in batch if b[1] is not None]
    bad = [(b[0], b[4]) for b in batch if b[1] is None]
    x = torch.stack([b[1] for b in good]) if good else None
    meta = np.array([(b[0], b[2], b[3]) for b in good], dtype=np.int64).reshape(-1, 3)
    return meta, x, bad


def _worker_init(_):
    torch.set_num_threads(1)  # decode workers must not fight the model for cores


def extract(items: list[tuple[int, str]], model: FeatureModel, cfg: Config,
            desc: str = "embedding", gpu_decode: bool = True) -> Iterator[Extracted]:
    """Yield one Extracted per batch, in order. Bad files come back in .bad, never raise.

    On CUDA, JPEGs are decoded in batches on the GPU (nvJPEG); elsewhere PIL decodes them
    in DataLoader workers while the model runs in this process.
    """
    if not items:
        return
    batch_size = cfg.batch_size or model.default_batch_size()
    workers = min(cfg.workers, max(0, len(items) // batch_size))
    on_device = gpu_decode and model.device.type == "cuda" and model.net is not None
    dataset = (gpu_decode_mod.JpegBytes(items, model, cfg.max_pixels) if on_device
               else _Files(items, model, cfg.max_pixels))
    loader = DataLoader(dataset, batch_size=batch_size, num_workers=workers,
                        collate_fn=gpu_decode_mod.collate if on_device else _collate,
                        worker_init_fn=_worker_init, pin_memory=model.device.type == "cuda",
                        prefetch_factor=4 if workers else None)
    with tqdm(total=len(items), desc=desc, unit="img", disable=not cfg.progress,
              dynamic_ncols=True) as bar:
        for batch in loader:
            meta, x, bad = (gpu_decode_mod.to_batch(batch, model.device, cfg.max_pixels,
                                                    model.draft_size, model.preprocess)
                            if on_device else batch)
            out = Extracted(meta[:, 0], np.empty((0, model.dim), np.float32), meta[:, 1],
                            meta[:, 2], bad=bad)
            if x is not None:
                b = model.embed(x)
                out.features = b.features
                if b.pred_index is not None:
                    out.predictions = model.class_names(b.pred_index)
                    out.confidences = b.confidence
            bar.update(len(meta) + len(bad))
            yield out
