"""embed: planned (image_id, path) items -> feature batches, with bad files reported, never raised.

Reading, decoding and preprocessing run in worker processes (workers.py); the model runs either
in the calling thread on batches sized for its runtime or, on the CPU with ONNX Runtime, in
the workers too, one thread each (lanes.py). At most a few batches are in flight, so memory
stays flat however many images a run has. On CUDA, JPEGs are decoded in batches on the GPU
instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Iterator

import numpy as np

from ..features.base import Batch, FeatureModel
from . import lanes
from .batches import DecodeJob, decode_batch, draft_size
from .decode import Limits
from .workers import in_order, pool


@dataclass
class Embedded:
    ids: np.ndarray                       # int64 ids of the images that decoded
    features: np.ndarray                  # (n, dim) float32
    widths: np.ndarray
    heights: np.ndarray
    predictions: list | None = None       # class names, or None when the model has no head
    confidences: np.ndarray | None = None
    probs: np.ndarray | None = None       # (n, classes): the user's own head only
    bad: list[tuple[int, str]] = field(default_factory=list)  # (image_id, reason)


def embed_items(items: list[tuple[int, str]], model: FeatureModel, limits: Limits,
                max_file_bytes: int, workers: int = 1, batch_size: int | None = None,
                progress: Callable[[int], None] | None = None) -> Iterator[Embedded]:
    """Yield one Embedded per batch, in order."""
    if not items:
        return
    batch_size = batch_size or model.batch_size
    if model.device.startswith("cuda"):
        from .gpu_decode import decode_on_gpu
        yield from _run_model(decode_on_gpu(items, model.device, limits, max_file_bytes,
                                            batch_size, model.preprocess), model, progress)
        return
    job = DecodeJob(model.preprocess, limits, max_file_bytes, draft_size(model))
    chunks = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    n = min(lanes.count(model, workers), len(chunks))
    if n > 1:
        with pool(n, lanes.lane_start, lanes.start_args(model, job, n)) as ws:
            here = partial(lanes.decode_and_embed, model=model, job=job)
            for meta, batch, bad in in_order(ws, n, lanes.embed_batch, chunks, here):
                yield _embedded(model, meta, batch, bad, progress)
        return
    workers = min(workers, len(chunks) - 1) if len(chunks) > 1 else 0
    decode_chunk = partial(decode_batch, job=job)
    if workers <= 0:
        yield from _run_model(map(decode_chunk, chunks), model, progress)
        return
    with pool(workers) as ws:
        decoded = in_order(ws, workers, decode_chunk, chunks, decode_chunk)
        yield from _run_model(decoded, model, progress)


def _run_model(decoded, model: FeatureModel, progress) -> Iterator[Embedded]:
    for meta, x, bad in decoded:
        yield _embedded(model, meta, model.embed(x) if x is not None else None, bad, progress)


def _embedded(model: FeatureModel, meta: np.ndarray, b: Batch | None, bad: list,
              progress) -> Embedded:
    out = Embedded(meta[:, 0], np.empty((0, model.dim), np.float32), meta[:, 1], meta[:, 2],
                   bad=bad)
    if b is not None:
        out.features = b.features
        if b.pred_index is not None:
            out.predictions = model.class_names(b.pred_index)
            out.confidences = b.confidence
            if model.spec.weights not in (None, "random"):   # the user's checkpoint
                out.probs = b.probs
    if progress:
        progress(len(meta) + len(bad))
    return out
