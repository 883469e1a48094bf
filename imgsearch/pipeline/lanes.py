"""Lanes: each worker process reads, decodes and runs the model on batches of its own, with
one thread, and hands back only the features (5 KB an image where the pixels are 150 KB).

Where a model runs on the CPU with ONNX Runtime, this packs the cores better than decode
workers feeding one multi-threaded session in the main process: that session's threads wait
for each other at every operator and lose the core to the decode worker in between (measured
on 2 cores, EfficientNet-Lite0 alone: two single-threaded processes 167-183 img/s, one
two-thread session 135-149), and every image's pixels cross a pipe. Each lane loads the model
from the same spec and must arrive at the same identity (weights, layer, preprocessing);
otherwise, or if a lane dies, the run goes on in the main process with the main model.
"""
from __future__ import annotations

import os

from ..features.base import FeatureModel
from .batches import DecodeJob, decode_batch
from .workers import Unfit

THREADS_ENV = "IMGSEARCH_MODEL_THREADS"   # read by features.runtimes.default_threads
_lane: dict = {}                           # in a lane: its model and decode job


def count(model: FeatureModel, workers: int) -> int:
    """How many lanes run this model: 0 where it runs in the main process (not ONNX Runtime
    on the CPU, a network of the user's own file, no worker processes asked for), else the
    worker processes and the main process's share: workers + 1."""
    if workers <= 0 or model.runtime != "onnx" or not model.device.startswith("cpu"):
        return 0
    if model.spec.name == "onnx":    # the user's file: read and bounded once, in this process
        return 0
    return workers + 1


def threads_each(lanes: int) -> int:
    return max(1, (os.cpu_count() or 1) // lanes)


def start_args(model: FeatureModel, job, lanes: int) -> tuple:
    """lane_start's arguments for this model: plain picklable values."""
    return model.spec, model.identity(), model.classes, job, threads_each(lanes)


def lane_start(spec, identity: dict, classes, job, threads: int) -> None:
    """In a lane: load the model from its spec with `threads` threads. It must be the main
    process's (the same identity and classes), or the lane takes no batch (see embed_batch)."""
    from ..features import load_model
    os.environ[THREADS_ENV] = str(threads)
    try:
        own = load_model(spec, cached=False)
    except Exception as e:  # noqa: BLE001 - said in one line; the main process goes on
        _lane["unfit"] = f"a lane could not load the model ({type(e).__name__}: {str(e)[:160]})"
        return
    if own.identity() != identity or own.classes != classes:
        _lane["unfit"] = "a lane loaded another model than the main process's"
        return
    _lane.update(model=own, job=job)


def embed_batch(items: list[tuple[int, str]]):
    """In a lane: one batch, as decode_and_embed gives it, by the lane's own model."""
    if "unfit" in _lane:
        raise Unfit(_lane["unfit"])
    return decode_and_embed(items, _lane["model"], _lane["job"])


def decode_and_embed(items: list[tuple[int, str]], model: FeatureModel, job: DecodeJob):
    """(meta rows [id, w, h], Batch or None, [(id, reason)]) of one batch: in a lane, or in
    the main process once a lane has died."""
    meta, x, bad = decode_batch(items, job)
    return meta, (model.embed(x) if x is not None else None), bad
