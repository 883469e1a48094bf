"""Shared helpers for the benchmarks: peak RSS in a fresh process, JSON output, tables."""
from __future__ import annotations

import json
import multiprocessing as mp
import platform
import resource
import time
from pathlib import Path

import numpy as np


def peak_rss_mb() -> float:
    """This process's own peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss across
    fork + exec, so a child of a big parent would report the parent's peak."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _child(fn, args, queue):
    try:
        t = time.perf_counter()
        out = fn(*args) or {}
        out.setdefault("seconds", time.perf_counter() - t)
        out["peak_rss_mb"] = peak_rss_mb()
        queue.put(out)
    except BaseException as e:       # the parent must not wait forever on a failed child
        import traceback
        queue.put({"__error__": f"{type(e).__name__}: {e}\n{traceback.format_exc()}"})


def in_fresh_process(fn, *args) -> dict:
    """Run fn(*args) in a spawned process so its peak RSS is its own."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue))
    proc.start()
    out = queue.get()
    proc.join()
    if "__error__" in out:
        raise RuntimeError(f"{fn.__name__} failed in its process: {out['__error__']}")
    return out


def clustered_vectors(n: int, dim: int, clusters: int = 50, latent: int = 32,
                      seed: int = 0, chunk: int = 100_000) -> np.ndarray:
    """Clusters with a low intrinsic dimension, like CNN features of a dataset with classes.

    Each point is its cluster centre plus a 32-d latent offset mapped into `dim` dimensions,
    plus a little isotropic noise, on the unit sphere. (Isotropic noise alone in 1280-d makes
    all within-cluster distances equal, which no real embedding does, and no ANN can index.)
    """
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim)).astype(np.float32)
    basis = rng.standard_normal((latent, dim)).astype(np.float32) / np.sqrt(latent)
    x = np.empty((n, dim), dtype=np.float32)
    for s in range(0, n, chunk):
        m = min(chunk, n - s)
        z = rng.standard_normal((m, latent)).astype(np.float32)
        x[s:s + m] = (centres[rng.integers(0, clusters, m)] + 1.5 * z @ basis
                      + 0.1 * rng.standard_normal((m, dim)).astype(np.float32))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def write_results(name: str, records, out_dir: str = "bench-results") -> Path:
    path = Path(out_dir) / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"machine": platform.machine(), "python": platform.python_version(),
            "cpus": __import__("os").cpu_count()}
    top = records[0] if len(records) == 1 and isinstance(records[0], dict) else {}
    # one record: its keys at top level too (a single run's figures), and under "results"
    path.write_text(json.dumps({**top, "meta": meta, "results": records}, indent=2))
    return path


def print_table(records: list[dict], columns: list[str]) -> None:
    print(" | ".join(f"{c:>14}" for c in columns))
    for r in records:
        cells = []
        for c in columns:
            v = r.get(c)
            cells.append(f"{v:>14.3f}" if isinstance(v, float) else f"{str(v):>14}")
        print(" | ".join(cells))
