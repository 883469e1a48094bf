"""embed: planned (image_id, path) items -> feature batches, with bad files reported, never raised.

Reading, decoding and preprocessing run in worker processes (PIL + numpy only; a service's
threads are never forked); the model runs in the calling thread on
batches sized for its runtime. At most a few batches are in flight, so memory stays flat
however many images a run has. On CUDA, JPEGs are decoded in batches on the GPU instead.
"""
from __future__ import annotations

import multiprocessing as mp
import sys
import threading
import warnings
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Callable, Iterator

import numpy as np

from ..errors import BadImage
from ..features.base import FeatureModel, Preprocess
from .decode import Limits, decode
from .sources import read_file


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


@dataclass(frozen=True)
class DecodeJob:
    """Everything a worker needs, as plain picklable values."""
    preprocess: Preprocess
    limits: Limits
    max_file_bytes: int
    draft: int | None


def decode_one(path: str, job: DecodeJob) -> tuple[np.ndarray, int, int]:
    """(uint8 H x W x 3 pixels at the model's input size, width, height): normalised in the
    model's process, so a worker pickles a quarter of the bytes (about 1 core-ms an image of
    handing 600 KB of float32 over)."""
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


def _pool(workers: int) -> ProcessPoolExecutor:
    """fork while this process has one thread and no torch (safe, and no re-import of the
    caller's script); forkserver otherwise (a service: never fork its threads' locks; torch's
    native thread pools are not fork-safe either: a worker forked beside a loaded OpenCLIP
    model died in the test suite). Either way every helper process dies with this one
    (see orphans.py)."""
    if threading.active_count() == 1 and "torch" not in sys.modules:
        return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"),
                                   initializer=_worker_start)
    from .orphans import start_forkserver
    return ProcessPoolExecutor(max_workers=workers, mp_context=start_forkserver(),
                               initializer=_worker_start)


def _worker_start() -> None:
    """A decode worker dies with its parent (kill -9 included) and never keeps its locks."""
    from ..core.locks import forget_inherited_locks
    from .orphans import die_with_parent
    forget_inherited_locks()
    die_with_parent()


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
    workers = min(workers, len(chunks) - 1) if len(chunks) > 1 else 0
    if workers <= 0:
        decoded = (decode_batch(c, job) for c in chunks)
        yield from _run_model(decoded, model, progress)
        return
    with _pool(workers) as pool:
        pending: deque = deque()                 # (future, its chunk), in order
        todo = iter(chunks)
        for chunk in todo:                       # keep 2 batches per worker in flight
            pending.append((pool.submit(decode_batch, chunk, job), chunk))
            if len(pending) >= 2 * workers + 1:
                break

        def results():
            while pending:
                future, chunk = pending.popleft()
                try:
                    out = future.result()
                except BrokenProcessPool:
                    # a worker was killed (the OOM killer, an operator): the run goes on
                    # in this process rather than end with a traceback
                    warnings.warn("a decode worker died; decoding the rest in the main process")
                    yield decode_batch(chunk, job)
                    for _, left in pending:
                        yield decode_batch(left, job)
                    for left in todo:
                        yield decode_batch(left, job)
                    return
                nxt = next(todo, None)
                if nxt is not None:
                    pending.append((pool.submit(decode_batch, nxt, job), nxt))
                yield out
        yield from _run_model(results(), model, progress)


def _run_model(decoded, model: FeatureModel, progress) -> Iterator[Embedded]:
    for meta, x, bad in decoded:
        out = Embedded(meta[:, 0], np.empty((0, model.dim), np.float32), meta[:, 1], meta[:, 2],
                       bad=bad)
        if x is not None:
            b = model.embed(x)
            out.features = b.features
            if b.pred_index is not None:
                out.predictions = model.class_names(b.pred_index)
                out.confidences = b.confidence
                if model.spec.weights not in (None, "random"):   # the user's checkpoint
                    out.probs = b.probs
        if progress:
            progress(len(meta) + len(bad))
        yield out
