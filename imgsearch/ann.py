"""Choose the index by size and memory (autofaiss-style), build it, and tune it for recall.

  n < flat_threshold (200k)           -> flat (exact, and fast enough there)
  the HNSW graph fits the budget      -> hnsw, efSearch tuned for recall@10 >= 0.95
  8-bit IVF fits                      -> ivfsq (4x compressed), nprobe tuned
  otherwise                           -> ivfpq (16x compressed), nprobe tuned; lower recall
"""
from __future__ import annotations

import re
import time

import faiss
import numpy as np

from .errors import BadQuery
from .index import KINDS, VectorIndex, normalize

HNSW_EF = (16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
IVF_NPROBE = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)


def parse_size(text: str | int | None) -> int | None:
    """Readable sizes to bytes.

    >>> parse_size("8G"), parse_size("512M"), parse_size("1.5k"), parse_size(None)
    (8589934592, 536870912, 1536, None)
    """
    if text is None or text == "" or text == 0:
        return None
    if isinstance(text, int):
        return text
    m = re.fullmatch(r"\s*([0-9.]+)\s*([kKmMgGtT]?)[bB]?\s*", str(text))
    if not m:
        raise BadQuery(f"bad size {text!r}: use e.g. 8G, 512M")
    return int(float(m.group(1)) * 1024 ** " kmgt".index((m.group(2) or " ").lower()))


def parse_latency_ms(text: str | float | None) -> float | None:
    """
    >>> parse_latency_ms("10ms"), parse_latency_ms("0.5s"), parse_latency_ms(3)
    (10.0, 500.0, 3.0)
    """
    if text is None or text == "":
        return None
    if isinstance(text, (int, float)):
        return float(text)
    m = re.fullmatch(r"\s*([0-9.]+)\s*(ms|s)?\s*", str(text))
    if not m:
        raise BadQuery(f"bad latency {text!r}: use e.g. 10ms")
    return float(m.group(1)) * (1000.0 if m.group(2) == "s" else 1.0)


def choose_kind(n: int, dim: int, requested: str = "auto", memory_budget: int | None = None,
                flat_threshold: int = 200_000, hnsw_m: int = 32) -> str:
    if requested != "auto":
        if requested not in KINDS:
            raise BadQuery(f"unknown --index {requested!r}; choose auto, {', '.join(KINDS)}")
        return requested
    if n < flat_threshold:
        return "flat"
    hnsw_bytes = n * (dim * 4 + hnsw_m * 2 * 4 + 16)
    if memory_budget is None or hnsw_bytes <= memory_budget:
        return "hnsw"
    # PQ needs ~10k vectors to train its 256-centroid codebooks
    return "ivfsq" if n * (dim + 16) <= memory_budget or n < 10_000 else "ivfpq"


def exact_knn(index: VectorIndex, queries: np.ndarray, k: int, chunk: int = 200_000) -> np.ndarray:
    """Exact top-k ids for queries against everything stored, a chunk of vectors at a time."""
    q = normalize(queries)
    ids, vecs = index.all_vectors()
    best_s = np.full((len(q), 0), -np.inf, dtype=np.float32)
    best_i = np.full((len(q), 0), -1, dtype=np.int64)
    for s in range(0, len(ids), chunk):
        sc, pos = faiss.knn(q, normalize(vecs[s:s + chunk]), min(k, len(ids[s:s + chunk])),
                            metric=faiss.METRIC_INNER_PRODUCT)
        best_s = np.hstack([best_s, sc])
        best_i = np.hstack([best_i, ids[s:s + chunk][pos]])
        order = np.argsort(-best_s, axis=1)[:, :k]
        best_s = np.take_along_axis(best_s, order, 1)
        best_i = np.take_along_axis(best_i, order, 1)
    return best_i


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    k = truth.shape[1]
    return float(np.mean([len(set(f[:k]) & set(t)) / k for f, t in zip(found, truth)]))



def tune(index: VectorIndex, queries: np.ndarray, target_recall: float = 0.95,
         target_latency_ms: float | None = 10.0, k: int = 10, margin: float = 0.01) -> dict:
    """Pick the smallest efSearch / nprobe reaching target recall@k (and latency if possible).

    Queries should be vectors the index does not hold (see build_and_tune): a stored vector
    finds its own graph neighbourhood far more easily than a new upload does, and tuning on
    stored ones overstated HNSW recall by 0.1 in bench_search. The truth is exact search.
    The tuner aims `margin` above the target, since 200 queries measure recall to about +-0.01.
    """
    if index.kind == "flat":
        return {"recall_at_10": 1.0, **_latency(index, queries, k)}
    truth = exact_knn(index, queries, k)
    name, grid = (("efSearch", HNSW_EF) if index.kind == "hnsw"
                  else ("nprobe", [p for p in IVF_NPROBE if p <= index.params["nlist"]]))
    trials = []
    for value in grid:
        index.params[name] = value
        _, found = index.search(queries, k)
        trial = {name: value, "recall_at_10": recall_at_k(found, truth), **_latency(index, queries, k)}
        trials.append(trial)
        if trial["recall_at_10"] >= target_recall + margin and (
                target_latency_ms is None or trial["p50_ms"] <= target_latency_ms):
            break
    good = [t for t in trials if t["recall_at_10"] >= target_recall + margin]
    chosen = good[0] if good else trials[-1]
    index.params[name] = chosen[name]
    return {**chosen, "target_recall": target_recall, "target_latency_ms": target_latency_ms,
            "met_recall": bool(good), "met_latency": bool(good) and (
                target_latency_ms is None or chosen["p50_ms"] <= target_latency_ms)}


def _latency(index: VectorIndex, queries: np.ndarray, k: int, n: int = 50) -> dict:
    times = []
    for q in queries[:n]:
        t = time.perf_counter()
        index.search(q[None], k)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": float(np.percentile(times, 50)), "p99_ms": float(np.percentile(times, 99))}


def build(ids: np.ndarray, vectors: np.ndarray, kind: str, add_batch: int = 65536) -> VectorIndex:
    index = VectorIndex.create(vectors.shape[1], kind,
                              train=vectors if kind.startswith("ivf") else None)
    for s in range(0, len(ids), add_batch):
        index.index.add_with_ids(normalize(vectors[s:s + add_batch]), ids[s:s + add_batch])
    return index


def build_and_tune(ids: np.ndarray, vectors: np.ndarray, kind: str,
                   target_latency_ms: float | None = 10.0, holdout: int = 200,
                   seed: int = 0) -> tuple[VectorIndex, dict]:
    """Build on all but a random hold-out of the vectors, tune with the hold-out as queries,
    then add the hold-out too: recall is measured the way new queries will meet the index."""
    if kind == "flat" or len(ids) < 10 * holdout:
        index = build(ids, vectors, kind)
        return index, tune(index, held_out_queries(vectors, holdout, seed), target_latency_ms)
    out = np.zeros(len(ids), dtype=bool)
    out[np.random.default_rng(seed).choice(len(ids), holdout, replace=False)] = True
    index = build(ids[~out], vectors[~out], kind)
    report = tune(index, vectors[out], target_latency_ms=target_latency_ms)
    index.index.add_with_ids(normalize(vectors[out]), ids[out])
    return index, report


def held_out_queries(vectors: np.ndarray, n: int = 200, seed: int = 0) -> np.ndarray:
    pick = np.random.default_rng(seed).choice(len(vectors), min(n, len(vectors)), replace=False)
    return vectors[pick]


def ensure_index(col, requested: str | None = None) -> dict:
    """After an index run: switch the collection to the index its size calls for, and tune it.

    The decision and the measured recall go to the manifest (and `imgsearch info`).
    """
    meta = col.manifest.setdefault("index", {"type": "flat", "requested": "auto"})
    requested = requested or meta.get("requested", "auto")
    cfg = col.cfg
    n, dim = col.index.ntotal, col.index.dim
    kind = choose_kind(n, dim, requested, parse_size(cfg.memory_budget), cfg.flat_threshold)
    if kind.startswith("ivf") and n < 1000:
        kind = "flat"  # nothing to train a quantizer on yet
    grown = n >= 2 * max(1, meta.get("n_at_tune", 0))
    if kind == col.index.kind and (kind == "flat" or not grown) and meta.get("requested") == requested:
        return meta
    ids, vecs = col.index.all_vectors()   # a new kind, or twice the size: rebuild and re-tune
    col.index, report = build_and_tune(ids, vecs, kind, cfg.target_latency_ms)
    col.manifest["index"] = {"type": kind, "requested": requested, "params": col.index.params,
                             "n_at_tune": n, "tuning": report,
                             "memory_bytes": col.index.memory_bytes()}
    col.save_index()
    col.save_manifest()
    return col.manifest["index"]
