"""Choose the index by size and memory (autofaiss-style), build it, and tune it for recall.

  n < flat_threshold (200k)           -> flat (exact, and fast enough there)
  the HNSW graph fits the budget      -> hnsw, efSearch tuned for recall@10 >= 0.95
  8-bit IVF fits                      -> ivfsq (4x compressed), nprobe tuned
  otherwise                           -> ivfpq (16x compressed), nprobe tuned; lower recall

Tuning measures recall the way new uploads meet the index. A query that is a stored vector
finds itself and the graph neighbours it was linked to while the index was built, so its
recall overstates what a new image gets (0.990 against 0.976 on HNSW at 200k x 512).
Two random hold-outs of the collection's own vectors are therefore kept out of the build, and
out of the IVF/PQ training, and are searched as the new data they then are: the first picks
the smallest efSearch / nprobe whose recall's 95% lower confidence bound reaches the target;
the second, up to 2,000 queries (standard error about 0.003), measures that choice (moving up
the grid when it falls short). Its figure and standard error are what the manifest records
and `info` shows. Both hold-outs are added to the index afterwards, so every image is
searchable. (Leaving one query's own node out of a built graph is no substitute: its
neighbours were linked through it. Queries synthesised from a model of the data measure the
model, not the collection.)
"""
from __future__ import annotations

import re
import time

import faiss
import numpy as np

from ...errors import InvalidArgument
from .base import VectorIndex, normalize
from .registry import KINDS, create, index_class


def parse_size(text: str | int | None) -> int | None:
    """Readable sizes to bytes.

    >>> parse_size("8G"), parse_size("512M"), parse_size("1.5k"), parse_size(None)
    (8589934592, 536870912, 1536, None)
    """
    if text is None or text == "" or text == 0:
        return None
    if isinstance(text, int):
        return text
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([kKmMgGtT]?)[bB]?\s*", str(text))
    if not m:
        raise InvalidArgument(f"bad size {str(text)[:40]!r}: use e.g. 8G, 512M", param="memory_budget")
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
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(ms|s)?\s*", str(text))
    if not m:
        raise InvalidArgument(f"bad latency {str(text)[:40]!r}: use e.g. 10ms", param="target_latency")
    return float(m.group(1)) * (1000.0 if m.group(2) == "s" else 1.0)


def choose_kind(n: int, dim: int, requested: str = "auto", memory_budget: int | None = None,
                flat_threshold: int = 200_000, hnsw_m: int = 32) -> str:
    if requested != "auto":
        if requested not in KINDS:
            raise InvalidArgument(f"unknown index {requested!r}; choose auto, {', '.join(KINDS)}",
                                  param="index")
        return requested
    if n < flat_threshold:
        return "flat"
    hnsw_bytes = n * (dim * 4 + hnsw_m * 2 * 4 + 16)
    if memory_budget is None or hnsw_bytes <= memory_budget:
        return "hnsw"
    # PQ needs ~10k vectors to train its 256-centroid codebooks
    return "ivfsq" if n * (dim + 16) <= memory_budget or n < 10_000 else "ivfpq"


BATCH_BYTES = 32 << 20   # float32 bytes read at once while an index is built or searched
                         # exactly: a chunk is copied and normalised, so a few of these live


def batch_rows(dim: int) -> int:
    """Rows per chunk: 6,553 of 1,280-d; never fewer than 256."""
    return max(256, BATCH_BYTES // (4 * max(1, dim)))


def exact_knn(ids: np.ndarray, vectors: np.ndarray, queries: np.ndarray, k: int,
              chunk: int | None = None, rows: np.ndarray | None = None) -> np.ndarray:
    """Exact top-k ids for queries against (ids, vectors), or against those rows of them, a
    chunk of vectors at a time (rows: positions, so that no copy of the rows is made)."""
    q, chunk = normalize(queries), chunk or batch_rows(vectors.shape[1])
    rows = np.arange(len(ids)) if rows is None else np.asarray(rows)
    best_s = np.full((len(q), 0), -np.inf, dtype=np.float32)
    best_i = np.full((len(q), 0), -1, dtype=np.int64)
    for s in range(0, len(rows), chunk):
        p = rows[s:s + chunk]
        # rows by an index array: a fresh array (never a view), normalised in place, so one
        # chunk is held, not two
        part = np.ascontiguousarray(vectors[p], dtype=np.float32)
        faiss.normalize_L2(part)
        sc, pos = faiss.knn(q, part, min(k, len(p)), metric=faiss.METRIC_INNER_PRODUCT)
        del part
        best_s = np.hstack([best_s, sc])
        best_i = np.hstack([best_i, ids[p][pos]])
        order = np.argsort(-best_s, axis=1)[:, :k]
        best_s = np.take_along_axis(best_s, order, 1)
        best_i = np.take_along_axis(best_i, order, 1)
    return best_i


def recall_per_query(found: np.ndarray, truth: np.ndarray) -> np.ndarray:
    k = truth.shape[1]
    return np.array([len(set(f[:k]) & set(t)) / k for f, t in zip(found, truth)])


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    return float(recall_per_query(found, truth).mean())


def _standard_error(per_query: np.ndarray) -> float:
    return float(per_query.std(ddof=1) / np.sqrt(len(per_query))) if len(per_query) > 1 else 1.0


def _lower_bound(per_query: np.ndarray) -> float:
    """95% lower confidence bound of the mean recall (normal approximation)."""
    if len(per_query) < 2:
        return float(per_query.mean()) if len(per_query) else 0.0
    return float(per_query.mean() - 1.96 * _standard_error(per_query))


def latency(index: VectorIndex, queries: np.ndarray, k: int, n: int = 50) -> dict:
    times = []
    for q in queries[:n]:
        t = time.perf_counter()
        index.search(q[None], k)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": float(np.percentile(times, 50)), "p99_ms": float(np.percentile(times, 99))}


def tune(index: VectorIndex, tuning: tuple, verify: tuple, target_recall: float = 0.95,
         target_latency_ms: float | None = 10.0, k: int = 10) -> dict:
    """tuning, verify: (queries, their exact top-k ids). Sets the chosen value on index.

    The tuning queries choose; the verify queries only measure, at the chosen value (and at
    the next ones while the measure falls short of the target), so the recall reported is
    not the one the choice was made on."""
    if index.exact or not index.tuning_knob:
        return {"recall_at_10": 1.0, "verified_recall_at_10": 1.0, "verified_recall_se": 0.0,
                "met_recall": True, **latency(index, tuning[0], k)}
    knob = index.tuning_knob
    grid = index.tuning_values()
    trials, chosen = [], None
    for value in grid:
        index.set_param(knob, value)
        per_query = recall_per_query(index.search(tuning[0], k)[1], tuning[1])
        trial = {knob: value, "recall_at_10": float(per_query.mean()),
                 "recall_lower_95": _lower_bound(per_query), **latency(index, tuning[0], k)}
        trials.append(trial)
        if trial["recall_lower_95"] < target_recall:
            continue
        _verify(index, verify, k, trial)
        if trial["verified_recall_at_10"] >= target_recall:   # recall first; latency is reported
            chosen = trial
            break
    if chosen is None:
        chosen = trials[-1]
        if "verified_recall_at_10" not in chosen:
            _verify(index, verify, k, chosen)
    index.set_param(knob, chosen[knob])
    return {**chosen, "target_recall": target_recall, "target_latency_ms": target_latency_ms,
            "holdout": [len(tuning[0]), len(verify[0])],
            "met_recall": chosen["verified_recall_at_10"] >= target_recall,
            "met_latency": target_latency_ms is None or chosen["p50_ms"] <= target_latency_ms}


def verified_recall_text(report: dict) -> str | float:
    """The verified recall as `info` shows it: with its 95% margin and what it was measured
    on, e.g. '0.975 +-0.006 (2000 held-out queries, 197,000 vectors)'.

    >>> verified_recall_text({"verified_recall_at_10": 0.9751, "verified_recall_se": 0.003,
    ...                       "verified_on": {"queries": 2000, "vectors": 197000}})
    '0.975 +-0.006 (2000 held-out queries, 197,000 vectors)'
    >>> verified_recall_text({"verified_recall_at_10": 0.96})
    0.96
    """
    value = round(float(report["verified_recall_at_10"]), 3)
    on = report.get("verified_on")
    if not on or report.get("verified_recall_se") is None:   # recorded before the margin was
        return value
    which = "stored" if on.get("stored") else "held-out"
    return (f"{value:.3f} +-{1.96 * report['verified_recall_se']:.3f} "
            f"({on['queries']} {which} queries, {on['vectors']:,} vectors)")


def _verify(index: VectorIndex, verify: tuple, k: int, trial: dict) -> None:
    per_query = recall_per_query(index.search(verify[0], k)[1], verify[1])
    trial["verified_recall_at_10"] = float(per_query.mean())
    trial["verified_recall_se"] = _standard_error(per_query)
    trial["verified_on"] = {"queries": len(per_query), "vectors": int(index.ntotal)}


def build(ids: np.ndarray, vectors: np.ndarray, kind: str, add_batch: int | None = None,
          trained: VectorIndex | None = None, rows: np.ndarray | None = None,
          room: int | None = None) -> VectorIndex:
    """An index of kind holding (ids, vectors), or those rows of them (positions: added a
    batch at a time, never copied whole), trained on them where the kind needs training; or
    trained: an empty index of that kind already trained, filled in place. Its storage is
    made once for `room` vectors (default: the rows), not grown by doubling."""
    rows = np.arange(len(ids)) if rows is None else np.asarray(rows)
    add_batch = add_batch or batch_rows(vectors.shape[1])
    if trained is None:
        index = create(kind, vectors.shape[1],
                       train=vectors[rows] if index_class(kind).min_train else None)
    elif trained.kind != kind or trained.ntotal:
        raise InvalidArgument(f"the trained index must be an empty {kind} index", param="trained")
    else:
        index = trained
    index.reserve(max(len(rows), room or 0))
    if index.shuffled_build:
        # FAISS shuffles the vectors of one add call ("to get rid of dataset order bias"); in
        # batches, the collection's own order (folder after folder, so class after class)
        # would come back: at a million generated images, recall@10 0.936 at efSearch 1024
        rows = rows[np.random.default_rng(0).permutation(len(rows))]
    for s in range(0, len(rows), add_batch):
        p = rows[s:s + add_batch]
        if index.shuffled_build:
            p = np.sort(p)               # read in file order; FAISS shuffles within the call
        index.index.add_with_ids(normalize(vectors[p]), ids[p])
    return index


def holdout_size(n: int, most: int = 1000) -> int:
    """Queries per hold-out: `most` at scale (1000: a recall estimate within about +-0.006),
    fewer on small collections so that most vectors still build the index."""
    return int(min(most, max(20, n // 20)))


VERIFY_MOST = 2000      # the verifying hold-out at scale: standard error ~0.003 at recall 0.95


def build_and_tune(ids: np.ndarray, vectors: np.ndarray, kind: str,
                   target_latency_ms: float | None = 10.0, target_recall: float = 0.95,
                   seed: int = 0, trained: VectorIndex | None = None) -> tuple[VectorIndex, dict]:
    """Build on all but two hold-outs, tune on the first, verify on the second, then add both.
    trained: see build (its training should not have seen the hold-outs)."""
    h, hv = holdout_size(len(ids)), holdout_size(len(ids), VERIFY_MOST)
    if index_class(kind).exact or len(ids) < 4 * h:
        index = build(ids, vectors, kind, trained=trained)
        pick = np.random.default_rng(seed).choice(len(ids), min(h, len(ids)), replace=False)
        if index.exact:
            return index, tune(index, (vectors[pick], None), None)
        return index, _tune_in_place(index, ids, vectors, pick, target_recall, target_latency_ms)
    order = np.random.default_rng(seed).permutation(len(ids))
    a, b, rest = order[:h], order[h:h + hv], np.sort(order[h + hv:])
    index = build(ids, vectors, kind, trained=trained, rows=rest, room=len(ids))
    both = exact_knn(ids, vectors, vectors[np.concatenate([a, b])], 10, rows=rest)  # one pass
    truth = [both[:len(a)], both[len(a):]]
    report = tune(index, (vectors[a], truth[0]), (vectors[b], truth[1]), target_recall,
                  target_latency_ms)
    held = np.concatenate([a, b])
    index.index.add_with_ids(normalize(vectors[held]), ids[held])
    return index, report


def _tune_in_place(index, ids, vectors, pick, target_recall, target_latency_ms):
    """Too few vectors to hold any out: tune on stored ones (recall is then optimistic)."""
    truth = exact_knn(ids, vectors, vectors[pick], 10)
    report = tune(index, (vectors[pick], truth), (vectors[pick], truth), target_recall,
                  target_latency_ms)
    report["note"] = "tuned on stored vectors (collection too small for a hold-out)"
    report["verified_on"]["stored"] = True
    return report
