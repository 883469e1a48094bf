"""One stage of bench_million in its own process, reporting that process's own peak RSS.

    python scripts/_million_stage.py HWM_FILE cli ARGS...       # the imgsearch CLI, as typed
    python scripts/_million_stage.py HWM_FILE search NAME QUERY_FOLDER OUT_JSON
    python scripts/_million_stage.py HWM_FILE map-payload NAME OUT_JSON

At exit the process writes its VmHWM (peak resident set, in kB, from /proc/self/status) to
HWM_FILE: the figure of this process alone, whatever its parent held.
"""
from __future__ import annotations

import atexit
import json
import runpy
import sys
import time
from pathlib import Path

import numpy as np


def vm_hwm_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def exact_top10(index, q: np.ndarray) -> np.ndarray:
    """The true 10 nearest ids of each query, by exact search of every stored vector, a chunk
    at a time (the stage's memory stays that of the collection, not a second copy of it)."""
    import faiss
    from imgsearch.core.streaming import chunks
    from imgsearch.core.vectors import normalize
    best_s = np.full((len(q), 10), -np.inf, np.float32)
    best_i = np.full((len(q), 10), -1, np.int64)
    for ids, vecs in chunks(index, batch=65536):
        s, pos = faiss.knn(q, normalize(vecs), min(10, len(ids)),
                           metric=faiss.METRIC_INNER_PRODUCT)
        s2 = np.concatenate([best_s, s], axis=1)
        i2 = np.concatenate([best_i, ids[pos]], axis=1)
        order = np.argsort(-s2, axis=1, kind="stable")[:, :10]
        best_s, best_i = np.take_along_axis(s2, order, 1), np.take_along_axis(i2, order, 1)
    return best_i


def search(name: str, folder: str, out: str) -> None:
    """Fresh query images (drawn as the collection's were, never indexed) searched through
    the local collection as a user would (file -> decode -> embed -> index; plain cosine
    order, no re-ranking), after two searches untimed as in a service that has searched
    before: p50/p99 latency, and recall@10 against exact search of every vector with the
    same query vector. Also the vector index alone (the query already a vector): its
    p50/p99 and recall@10."""
    from PIL import Image
    from imgsearch import Config
    from imgsearch.api.local import Collection
    from imgsearch.core.search import query_vector
    from imgsearch.core.vectors import normalize
    paths = sorted(Path(folder).glob("*.png"))
    with Collection.open(name, Config.load(progress=False)) as col:
        q = normalize(np.vstack([query_vector(col, Image.open(p).convert("RGB")) for p in paths]))
        index = col.vectors()
        truth = exact_top10(index, q)
        for path in paths[:2]:            # as in a service that has searched before: the
            col.search(path, k=10, rerank="none")   # hits' rows read into memory once
        held = getattr(col.store, "_hit_rows", None)
        if held is not None:
            held.wait()
        times, found = [], []
        for path in paths:
            t = time.perf_counter()
            res = col.search(path, k=10, rerank="none")
            times.append((time.perf_counter() - t) * 1000)
            found.append([h.image_id for h in res.hits])
        recall = float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)]))
        vtimes, vfound = [], []
        for row in q:
            t = time.perf_counter()
            _, got = index.search(row[None, :], 10)
            vtimes.append((time.perf_counter() - t) * 1000)
            vfound.append(got[0].tolist())
        vrecall = float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(vfound, truth)]))
        kind = (col.manifest.index or {}).get("type", "flat")
    Path(out).write_text(json.dumps({
        "queries": len(paths), "recall_at_10": recall, "index": kind,
        "p50_ms": float(np.percentile(times, 50)), "p99_ms": float(np.percentile(times, 99)),
        "index_only_recall_at_10": vrecall,
        "index_only_p50_ms": float(np.percentile(vtimes, 50)),
        "index_only_p99_ms": float(np.percentile(vtimes, 99))}))


def map_payload(name: str, out: str) -> None:
    """What the app sends for its map page: the packed geometry and the label colour codes."""
    from imgsearch import Config
    from imgsearch.api.local import Collection
    from imgsearch.frontends.ui.mapview import encode, geometry
    with Collection.open(name, Config.load(progress=False)) as col:
        frame, method, unplaced, total = col.map_frame(None, ["image_id"])
        g = geometry(frame)
        attrs = col.map_frame(method, ["image_id", "label"])[0]
        spec = encode(g.align(attrs["image_id"].to_numpy(), attrs["label"].to_numpy(dtype=object)),
                      "label")
    Path(out).write_text(json.dumps({
        "method": method, "points": g.n, "unplaced": unplaced, "total": total,
        "geometry_bytes": g.nbytes, "label_bytes": 2 * g.n, "label_categories": len(spec["labels"])}))


def main() -> None:
    hwm_file, what, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    atexit.register(lambda: Path(hwm_file).write_text(str(vm_hwm_kb())))
    if what == "cli":
        sys.argv = ["imgsearch", *args]
        runpy.run_module("imgsearch", run_name="__main__", alter_sys=True)
    elif what == "search":
        search(args[0], args[1], args[2])
    elif what == "map-payload":
        map_payload(args[0], args[1])
    else:
        raise SystemExit(f"unknown stage {what!r}")


if __name__ == "__main__":
    main()
