"""commit: embedded batches into the collection, at checkpoints; then the index its size
calls for.

A checkpoint saves the vectors and marks their rows indexed (core/writer.py), at most every
IMGSEARCH_CHECKPOINT_SECONDS and never spending more than ~20% of the run saving, so kill -9
loses at most one checkpoint of work. After each checkpoint the new images are placed on the
collection's maps, so a running app sees them appear.
"""
from __future__ import annotations

import time

import numpy as np

from ..core.collection import Collection
from ..core.streaming import rebuild_source
from ..core.vectors import build_and_tune, choose_kind, index_class, parse_size
from ..core.writer import IndexWriter


class Committer:
    def __init__(self, col: Collection, writer: IndexWriter, on_skip=None):
        self.col, self.writer, self.on_skip = col, writer, on_skip
        self.committed = 0
        self.placed = 0
        self.skipped: list[tuple[str, str]] = []
        self._last, self._cost = time.monotonic(), 0.0

    def add(self, batch) -> None:
        self.writer.add(batch)
        if time.monotonic() - self._last >= max(self.col.cfg.checkpoint_seconds, 5 * self._cost):
            self.checkpoint()

    def checkpoint(self) -> None:
        t = time.monotonic()
        ids, skipped = self.writer.checkpoint()
        self._cost = time.monotonic() - t
        self._last = time.monotonic()
        self.committed += len(ids)
        self.skipped += skipped
        if skipped and self.on_skip:
            self.on_skip(len(skipped))
        if len(ids):
            self.placed += place_on_maps(self.col, ids)


def place_on_maps(col: Collection, ids: np.ndarray) -> int:
    """Give newly committed images coordinates on every stored map (transform, no refit)."""
    from ..analysis import maps
    placed = 0
    for method in list(col.manifest.maps):
        try:
            placed = max(placed, maps.place_ids(col, method, ids))
        except Exception as e:  # a map that cannot place must not fail an index run
            col.manifest.maps[method]["place_error"] = f"{type(e).__name__}: {str(e)[:200]}"
    return placed


def ensure_index(col: Collection, requested: str | None = None) -> dict:
    """Switch the collection to the index its size calls for, and tune it; the decision and
    the verified recall go to the manifest (and `info`)."""
    meta = dict(col.manifest.index or {"type": "flat", "requested": "auto"})
    requested = requested or meta.get("requested", "auto")
    cfg = col.cfg
    index = col.vectors()
    n, dim = index.ntotal, index.dim
    kind = choose_kind(n, dim, requested, parse_size(cfg.memory_budget), cfg.flat_threshold)
    if n < index_class(kind).min_train:
        kind = "flat"  # too few vectors to train it on yet
    grown = n >= 2 * max(1, meta.get("n_at_tune", 0))
    if kind == index.kind and (index.exact or not grown) and meta.get("requested") == requested:
        return meta
    del index
    with col.write_lock():   # a removal during the rebuild would otherwise come back with it
        # a new kind, or twice the size: rebuild and re-tune from the old index's vectors,
        # read from its file in place while it answers searches from there (no second copy)
        with rebuild_source(col) as (ids, vecs):
            rebuilt, report = build_and_tune(ids, vecs, kind, cfg.target_latency_ms)
            del ids, vecs
        new_meta = {"type": kind, "requested": requested, "params": rebuilt.params,
                    "n_at_tune": n, "tuning": report, "memory_bytes": rebuilt.memory_bytes()}
        IndexWriter(col).replace_index(rebuilt, new_meta)
    return new_meta
