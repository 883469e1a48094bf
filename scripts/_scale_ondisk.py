"""bench_scale.py's on-disk IVF phase: N x dim clustered vectors written to a .npy, IVF-PQ
trained, encoded shard by shard, merged on disk and searched memory-mapped, each step in a
child process (bench_scale.py --ondisk-child ...) that runs, where a memory cgroup (v1) can
be made, under a memory cap below the index's size. bench_scale.py's docstring has the
details; bench_ondisk() is the phase, the child_* functions what each child does.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

SCRIPT = Path(__file__).resolve().parent / "bench_scale.py"    # the children's entry point


def write_vectors(path: Path, n: int, dim: int, seed: int = 0, chunk: int = 100_000) -> None:
    """_bench.clustered_vectors, written chunk by chunk into a .npy (never all in RAM)."""
    rng = np.random.default_rng(seed)
    clusters, latent = 50, 32
    centres = rng.standard_normal((clusters, dim)).astype(np.float32)
    basis = rng.standard_normal((latent, dim)).astype(np.float32) / np.sqrt(latent)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, dim))
    for s in range(0, n, chunk):
        m = min(chunk, n - s)
        z = rng.standard_normal((m, latent)).astype(np.float32)
        x = (centres[rng.integers(0, clusters, m)] + 1.5 * z @ basis
             + 0.1 * rng.standard_normal((m, dim)).astype(np.float32))
        out[s:s + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    out.flush()
    del out


def exact_top10(vectors: np.ndarray, queries: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    import faiss
    best_s = np.full((len(queries), 0), -np.inf, np.float32)
    best_i = np.full((len(queries), 0), -1, np.int64)
    for s in range(0, len(vectors), chunk):
        block = np.ascontiguousarray(vectors[s:s + chunk])
        sc, pos = faiss.knn(queries, block, 10, metric=faiss.METRIC_INNER_PRODUCT)
        best_s, best_i = np.hstack([best_s, sc]), np.hstack([best_i, pos + s])
        order = np.argsort(-best_s, axis=1)[:, :10]
        best_s, best_i = np.take_along_axis(best_s, order, 1), np.take_along_axis(best_i, order, 1)
    return best_i


def status_kb(field: str) -> int:
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class NpyRows:
    """Rows of a 2-d float32 .npy read with plain reads, not a memory map: under a memory
    cgroup, pages of a mapped file are hard to reclaim, and the point is to hold one shard."""

    def __init__(self, path):
        self.f = open(path, "rb")
        major, _ = np.lib.format.read_magic(self.f)
        read_header = (np.lib.format.read_array_header_1_0 if major == 1
                       else np.lib.format.read_array_header_2_0)
        (self.n, self.dim), _, _ = read_header(self.f)
        self.offset = self.f.tell()

    def read(self, start: int, count: int) -> np.ndarray:
        count = min(count, self.n - start)
        self.f.seek(self.offset + 4 * self.dim * start)
        return np.fromfile(self.f, dtype=np.float32, count=count * self.dim).reshape(count, self.dim)

    def sample(self, k: int, seed: int = 0) -> np.ndarray:
        rows = np.sort(np.random.default_rng(seed).choice(self.n, k, replace=False))
        out = np.empty((k, self.dim), np.float32)
        for i, r in enumerate(rows):
            self.f.seek(self.offset + 4 * self.dim * int(r))
            self.f.readinto(memoryview(out[i]).cast("B"))
        return out


def child_train(a) -> dict:
    """Train the quantizer and codebooks on a sample; write the empty trained index."""
    import faiss
    from imgsearch.core.vectors.ondisk import OnDiskIvfPqIndex
    t = time.perf_counter()
    train = NpyRows(a.vectors).sample(a.train_n)
    trained = OnDiskIvfPqIndex.create(train.shape[1], train, nlist=a.nlist, pq_m=a.pq_m)
    faiss.write_index(trained.index, str(Path(a.workdir) / "trained.faiss"))
    return {"train_s": round(time.perf_counter() - t, 2), "params": trained.params}


def child_build(a) -> dict:
    """Encode the vectors shard by shard (plain reads) and merge the lists on disk."""
    import faiss
    from imgsearch.core.vectors.ondisk import OnDiskIvfPqIndex, build_from_shards
    x = NpyRows(a.vectors)
    n = x.n
    trained_path = Path(a.workdir) / "trained.faiss"
    trained = OnDiskIvfPqIndex(faiss.read_index(str(trained_path)),
                               {"nlist": a.nlist, "pq_m": a.pq_m, "nprobe": 16})
    t = time.perf_counter()
    shards = ((np.arange(s, min(s + a.shard_rows, n), dtype=np.int64), x.read(s, a.shard_rows))
              for s in range(0, n, a.shard_rows))
    index = build_from_shards(Path(a.workdir) / "vectors.faiss", None, shards, trained=trained)
    trained_path.unlink()
    return {"encode_and_merge_s": round(time.perf_counter() - t, 2), "ntotal": index.ntotal,
            "ivfdata_bytes": index.disk_bytes(), "index_ram_bytes": index.memory_bytes(),
            "params": index.params}


def _search_figures(search, queries, truth, nprobes, set_nprobe, latency_queries) -> list[dict]:
    """recall@10 over all queries (one batch), p50/p99 over single queries."""
    out = []
    for nprobe in nprobes:
        set_nprobe(nprobe)
        found = search(queries, 10)
        recall = float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)]))
        times = []
        for q in queries[:latency_queries]:
            t = time.perf_counter()
            search(q[None], 10)
            times.append((time.perf_counter() - t) * 1000)
        out.append({"nprobe": nprobe, "recall_at_10": round(recall, 4),
                    "p50_ms": round(float(np.percentile(times, 50)), 3),
                    "p99_ms": round(float(np.percentile(times, 99)), 3)})
    return out


def child_search(a) -> dict:
    import faiss
    from imgsearch.core.vectors import load
    from imgsearch.core.vectors.ondisk import OnDiskIvfPqIndex
    queries, truth = np.load(a.queries_file), np.load(a.truth)
    t = time.perf_counter()
    index = load(Path(a.workdir) / "vectors.faiss", "ivfpq-ondisk", {"nprobe": 16})
    load_s = time.perf_counter() - t
    nprobes = [int(v) for v in a.nprobes.split(",")]
    lat = a.latency_queries
    if a.mode == "search":
        figures = [{**f, "prefetch_threads": 0} for f in _search_figures(
            lambda q, k: index.search(q, k)[1], queries, truth, nprobes,
            lambda p: index.set_param("nprobe", p), lat)]
        index.set_param("prefetch_threads", 32)   # FAISS's list prefetch (ondisk.py: off)
        figures += [{**f, "prefetch_threads": 32} for f in _search_figures(
            lambda q, k: index.search(q, k)[1], queries, truth, nprobes[:2],
            lambda p: index.set_param("nprobe", p), lat)]
        kind = "ondisk-mmap"
    else:   # the same lists copied into RAM, searched the same way
        memory = faiss.clone_index(index.index)
        OnDiskIvfPqIndex._append(memory, index.base)
        del index

        def search(q, k):
            return memory.search(q, k, params=faiss.SearchParametersIVF(nprobe=state["nprobe"]))[1]
        state = {"nprobe": 16}
        figures = _search_figures(search, queries, truth, nprobes,
                                  lambda p: state.__setitem__("nprobe", p), lat)
        kind = "in-memory"
    return {"index": kind, "load_s": round(load_s, 3), "by_nprobe": figures,
            "rss_anon_mb_end": round(status_kb("RssAnon") / 1024, 1),
            "rss_file_mb_end": round(status_kb("RssFile") / 1024, 1)}


def evict_from_page_cache(folder: Path) -> bool:
    """Drop the cached pages of the index files (posix_fadvise DONTNEED: these files only)."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.glob("vectors.faiss*"):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fdatasync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
    return True


def _memory_cgroup() -> Path | None:
    """The memory cgroup (v1) this process is in, if it can hold a child group."""
    try:
        for line in open("/proc/self/cgroup"):
            _, controllers, path = line.strip().split(":", 2)
            if "memory" in controllers.split(","):
                base = Path("/sys/fs/cgroup/memory") / path.lstrip("/")
                return base if os.access(base, os.W_OK) else None
    except OSError:
        return None
    return None


def run_child(args_list: list[str], cap: int | None) -> dict:
    """Run this script as a child (in a capped cgroup when cap is given and one can be made).
    Returns its JSON, plus how the cap was enforced and what it measured."""
    group, enforced = None, "none"
    parent = _memory_cgroup() if cap else None
    if parent is not None:
        group = parent / f"imgsearch-bench-{os.getpid()}-{int(time.time() * 1000) % 10**6}"
        try:
            group.mkdir()
            (group / "memory.limit_in_bytes").write_text(str(cap))
            enforced = f"cgroup v1 memory.limit_in_bytes={cap} ({group.name})"
        except OSError as e:
            group, enforced = None, f"none (cannot make a cgroup: {e.strerror})"
    elif cap:
        enforced = "none (no writable memory cgroup here)"

    def enter():
        if group is not None:
            (group / "cgroup.procs").write_text(str(os.getpid()))
    t = time.perf_counter()
    done = subprocess.run([sys.executable, str(SCRIPT), *args_list],
                          capture_output=True, text=True, preexec_fn=enter)
    out = {"child_s": round(time.perf_counter() - t, 2), "cap_bytes": cap, "cap_enforced": enforced,
           "returncode": done.returncode}
    if group is not None:
        for name in ("max_usage_in_bytes", "failcnt"):
            try:
                out[f"cgroup_{name}"] = int((group / f"memory.{name}").read_text())
            except OSError:
                pass
        try:
            out["cgroup_oom_kills"] = int(dict(line.split() for line in
                                               (group / "memory.oom_control").read_text().splitlines())
                                          .get("oom_kill", 0))
        except (OSError, ValueError):
            pass
        for _ in range(50):
            try:
                group.rmdir()
                break
            except OSError:
                time.sleep(0.1)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        out["error"] = (done.stderr or done.stdout)[-1500:]
        return out
    out.update(json.loads(lines[-1]))
    return out


def bench_ondisk(args, work: Path) -> dict:
    from imgsearch.core.vectors.tuning import parse_size
    n, dim = args.ondisk_n, args.ondisk_dim
    pq_m = args.pq_m or dim // 4
    nlist = args.nlist or int(min(65536, max(16, 2 ** round(np.log2(np.sqrt(n))))))
    train_n = min(n, max(39 * nlist, 256 * 39, args.train_n or 0))
    caps = [(c.strip(), parse_size(c)) for c in args.memory_cap.split(",")]   # build: the first
    folder = work / f"ondisk-{n}x{dim}"
    folder.mkdir(parents=True, exist_ok=True)
    vectors = folder / "vectors.npy"
    if not vectors.exists():
        print(f"writing {n} x {dim} vectors to {vectors}", flush=True)
        write_vectors(vectors, n, dim)
    x = np.load(vectors, mmap_mode="r")
    rng = np.random.default_rng(1)
    nq = args.queries
    queries = np.ascontiguousarray(x[np.sort(rng.choice(n, nq, replace=False))]
                                   + 0.05 * rng.standard_normal((nq, dim)).astype(np.float32))
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    t = time.perf_counter()
    truth = exact_top10(x, queries)
    exact_s = time.perf_counter() - t
    np.save(folder / "queries.npy", queries)
    np.save(folder / "truth.npy", truth)
    del x
    index_dir = folder / f"index-nlist{nlist}-pq{pq_m}"
    index_dir.mkdir(exist_ok=True)
    built = index_dir / "built.json"
    common = ["--workdir", str(index_dir), "--vectors", str(vectors)]
    sizes = ["--nlist", str(nlist), "--pq-m", str(pq_m), "--train-n", str(train_n),
             "--shard-rows", str(args.shard_rows)]
    if args.reuse_index and built.exists():
        train, build = json.loads(built.read_text())
        print(f"reusing the index built in {index_dir}", flush=True)
    else:
        for old in index_dir.iterdir():
            old.unlink()
        print(f"training IVF-PQ (nlist {nlist}, pq_m {pq_m}) on {train_n} vectors (no cap: its "
              f"memory is the sample's, whatever N is)", flush=True)
        train = run_child(["--ondisk-child", "train", *common, *sizes], None)
        print(f"  train: {json.dumps({k: v for k, v in train.items() if k != 'error'})}", flush=True)
        print(f"encoding {n} vectors shard by shard and merging on disk under cap "
              f"{caps[0][0]}", flush=True)
        build = run_child(["--ondisk-child", "build", *common, *sizes], caps[0][1]) \
            if "error" not in train else {"error": train["error"]}
        if "error" not in build:
            built.write_text(json.dumps([train, build]))
    print(f"  build: {json.dumps({k: v for k, v in build.items() if k != 'error'})}", flush=True)
    if "error" in build:
        print(build["error"], file=sys.stderr)
    index_bytes = build.get("ivfdata_bytes", n * (pq_m + 8))
    searches = []
    if "error" not in build:
        search_args = [*common, "--queries-file", str(folder / "queries.npy"), "--truth",
                       str(folder / "truth.npy"), "--nprobes", args.nprobes,
                       "--latency-queries", str(args.latency_queries)]
        for label, cap_bytes in caps:
            # Pages already cached stay charged to whoever read them first: without this the
            # capped child would search an index held in memory on someone else's account.
            evicted = evict_from_page_cache(index_dir)
            found = run_child(["--ondisk-child", "search", *search_args], cap_bytes)
            found.update(cap=label, cap_below_index_size=cap_bytes < index_bytes,
                         page_cache_dropped_before=evicted)
            searches.append(found)
        searches.append(run_child(["--ondisk-child", "memory", *search_args], None))
        # the same lists held in RAM under the first cap: expected to be OOM-killed
        evict_from_page_cache(index_dir)
        inside = run_child(["--ondisk-child", "memory", *search_args], caps[0][1])
        inside.pop("error", None)
        searches.append({**inside, "index": "in-memory", "cap": caps[0][0],
                         "oom_killed": inside.get("returncode") == -9})
        for s in searches:
            print(f"  {s.get('index')} cap {s.get('cap')}: " + json.dumps(
                {k: v for k, v in s.items() if k not in ('error',)}), flush=True)
    return {"n": n, "dim": dim, "nlist": nlist, "pq_m": pq_m, "train_n": train_n,
            "raw_vectors_bytes": n * dim * 4, "index_bytes_on_disk": index_bytes,
            "build_cap_bytes": caps[0][1], "build_cap_below_index_size": caps[0][1] < index_bytes,
            "exact_search_s_in_parent": round(exact_s, 2), "queries": nq,
            "train": train, "build": build, "search": searches}
