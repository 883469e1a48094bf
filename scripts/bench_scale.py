"""Benchmark scaling out: the same N images through the local runner and the Ray runner
(interleaved rounds), Ray's start-up cost, a simulated 2-node cluster, and the on-disk IVF-PQ
searched under a memory cap below its size.

    python scripts/bench_scale.py --n 5000 [--rounds 3] [--model efficientnet-lite0]
                                  [--ondisk-n 2000000 --ondisk-dim 256 --memory-cap 128M]

Runners: each round indexes the N images into a fresh collection with the local runner, then
with the Ray runner (a local Ray with 2 CPUs, started once: its start-up is reported apart),
and reports images/s of each, their median and the median of the per-round ratios. The
cluster phase does the same against `ray.cluster_utils.Cluster` with 2 nodes of 1 CPU each:
the same 2 cores, so it measures the cost of a cluster, not a speed-up.

On-disk IVF: N x dim clustered vectors are written to a .npy; a child process trains IVF-PQ
on a sample (its memory is the sample's, the same for any N: not capped, reported); a second
child encodes the vectors shard by shard and merges the inverted lists on disk
(core/vectors/ondisk.build_from_shards); a third searches the result memory-mapped. The
second and third run in a memory cgroup (v1) whose limit is below the index's size: the
kernel OOM-kills a child that needs more, and page cache counts against the limit. Where no
cgroup can be made the cap is not enforced and the JSON says so. recall@10 is against exact search
(computed here in the parent), p50/p99 over single queries. An uncapped child searches the
same lists loaded into RAM, for comparison.

Writes bench-results/<out>.json (default scale.json).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _bench import peak_rss_mb, print_table, write_results  # noqa: E402
from _scale_ondisk import (bench_ondisk, child_build, child_search,  # noqa: E402
                           child_train, status_kb)


def loadavg() -> list[float]:
    return [round(v, 2) for v in os.getloadavg()]


# -- runners -------------------------------------------------------------------------------
def index_once(runner: str, images: Path, home: Path, name: str, model: str,
               address: str | None = None) -> dict:
    from imgsearch import Config
    from imgsearch.api.local import Collection
    from imgsearch.features import ModelSpec
    from imgsearch.pipeline.runners.local import index_source
    cfg = Config.load(home=home, progress=False)
    first = []
    t0 = time.perf_counter()

    def progress(stage, done, total):
        if stage == "embedding" and done and not first:
            first.append(time.perf_counter() - t0)
    with Collection.open(name, cfg, create=True) as col:
        if runner == "local":
            report = index_source(col, images, ModelSpec(name=model), progress=progress)
        else:
            from imgsearch.pipeline.runners.ray import index_source_ray
            report = index_source_ray(col, images, ModelSpec(name=model), progress=progress,
                                      ray_address=address)
        seconds = time.perf_counter() - t0
        ok = col.fsck().ok
        driver = col.store.get_meta("ray_run") if runner == "ray" else None
    out = {"runner": runner, "indexed": report.indexed, "seconds": round(seconds, 3),
           "images_per_s": round(report.indexed / seconds, 2),
           "first_result_s": round(first[0], 3) if first else None, "fsck_ok": ok}
    if driver:   # the driver's own time: writing shards, and committing them (FAISS + DuckDB)
        out.update(driver_write_s=driver["write_s"], driver_commit_s=driver["commit_s"],
                   driver_ingest_images_per_s=round(
                       report.indexed / max(driver["write_s"] + driver["commit_s"], 1e-9), 1),
                   ray_nodes=len(driver["nodes"].get("embed", {})))
    return out


def interleave(label: str, images: Path, work: Path, model: str, rounds: int,
               address: str | None) -> dict:
    """rounds x (local, ray): per-round figures, medians, median ratio."""
    runs = []
    for r in range(rounds):
        for runner in ("local", "ray"):
            rec = index_once(runner, images, work / f"{label}-{r}", runner, model, address)
            rec["round"] = r
            runs.append(rec)
            print(f"  {label} round {r} {runner}: {rec['images_per_s']} img/s "
                  f"({rec['seconds']} s, first result at {rec['first_result_s']} s)", flush=True)
    local = [x for x in runs if x["runner"] == "local"]
    ray = [x for x in runs if x["runner"] == "ray"]
    return {
        "runs": runs,
        "local_images_per_s": statistics.median(x["images_per_s"] for x in local),
        "ray_images_per_s": statistics.median(x["images_per_s"] for x in ray),
        "median_ratio_ray_over_local": statistics.median(
            b["images_per_s"] / a["images_per_s"] for a, b in zip(local, ray)),
        "ray_extra_start_s": statistics.median(
            (b["first_result_s"] or 0) - (a["first_result_s"] or 0) for a, b in zip(local, ray)),
    }


def bench_runners(args, work: Path) -> dict:
    import ray
    from _extract_images import make_jpegs
    images = work / f"images-{args.n}"
    if not images.exists():
        print(f"writing {args.n} JPEGs to {images}", flush=True)
        make_jpegs(images, args.n)
    out = {"n": args.n, "model": args.model, "rounds": args.rounds}
    # warm the model cache (ONNX export) so no round pays it
    index_once("local", images, work / "warm", "warm", args.model) if args.warm else None
    t = time.perf_counter()
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    out["ray_init_s"] = round(time.perf_counter() - t, 3)
    print(f"ray.init(num_cpus=2): {out['ray_init_s']} s", flush=True)
    out["local_ray"] = interleave("local-ray", images, work, args.model, args.rounds, None)
    ray.shutdown()
    if args.cluster_rounds:
        from ray.cluster_utils import Cluster
        t = time.perf_counter()
        cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
        cluster.add_node(num_cpus=1)
        cluster.wait_for_nodes()
        ray.init(address=cluster.address, log_to_driver=False)
        out["cluster_start_s"] = round(time.perf_counter() - t, 3)
        print(f"2-node cluster up in {out['cluster_start_s']} s", flush=True)
        out["cluster_2x1cpu"] = interleave("cluster", images, work, args.model,
                                           args.cluster_rounds, None)
        ray.shutdown()
        cluster.shutdown()
    return out


# -- what breaks first on one driver: the plan and the hashing ----------------------------
def bench_driver(args) -> dict:
    """The plan holds every catalog row and every source file in memory on the driver, and the
    driver hashes every new file: their cost per row and per MB, to extrapolate."""
    import hashlib
    import pandas as pd
    from imgsearch.pipeline.plan import make_plan
    from imgsearch.pipeline.sources import FileEntry, Source
    n = args.plan_rows
    paths = [f"/data/images/{i // 1000:06d}/img_{i:09d}.jpg" for i in range(n)]
    before = status_kb("VmRSS")
    known = pd.DataFrame({"image_id": np.arange(1, n + 1, dtype=np.int64), "path": paths,
                          "sha256": [f"{i:064x}" for i in range(n)],
                          "size_bytes": np.full(n, 110_000, np.int64),
                          "mtime": np.full(n, 1.7e9), "state": "indexed"})
    source = Source([FileEntry(p, 110_000, 1.7e9) for p in paths], [], Path("/data/images"))
    t = time.perf_counter()
    plan = make_plan(source, known, lambda p: "", threads=1)   # a rerun: every row unchanged
    plan_s = time.perf_counter() - t
    held = (status_kb("VmRSS") - before) * 1024
    assert plan.unchanged == n
    del known, source, plan, paths
    block = np.random.default_rng(0).bytes(64 << 20)
    t = time.perf_counter()
    hashlib.sha256(block).hexdigest()
    sha_s = time.perf_counter() - t
    return {"plan_rows": n, "plan_s": round(plan_s, 2),
            "plan_rows_per_s": round(n / plan_s), "plan_bytes_per_row": round(held / n),
            "sha256_mb_per_s_one_core": round(64 / sha_s, 1)}


# -- the map at scale: fit on a sample, place the rest with transform ----------------------
def bench_map(args) -> dict:
    """UMAP (imgsearch's PCA 50 -> UMAP cosine) fitted on a sample, then `transform` of new
    points: the placement rate bounds how fast a huge collection gets its coordinates."""
    import warnings
    from _bench import clustered_vectors
    from imgsearch.analysis.maps import _fit
    x = clustered_vectors(args.map_fit + args.map_place + 1000, args.map_dim, seed=2)
    t = time.perf_counter()
    pca, reducer, _ = _fit("umap", x[:args.map_fit], 50, 15, 0.1, 0, False, lambda: None)
    fit_s = time.perf_counter() - t

    def place(v):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return reducer.transform(pca.transform(v).astype(np.float32))
    place(x[-1000:])                       # numba compiles transform on the first call
    t = time.perf_counter()
    xy = place(x[args.map_fit:args.map_fit + args.map_place])
    place_s = time.perf_counter() - t
    t = time.perf_counter()
    np.histogram2d(xy[:, 0], xy[:, 1], bins=512)      # a density raster of the placed points
    raster_s = time.perf_counter() - t
    return {"fit_n": args.map_fit, "dim": args.map_dim, "fit_s": round(fit_s, 2),
            "place_n": args.map_place, "place_s": round(place_s, 2),
            "place_points_per_s": round(args.map_place / place_s, 1),
            "density_512x512_s": round(raster_s, 4), "peak_rss_mb": round(peak_rss_mb(), 1)}


# -- main ----------------------------------------------------------------------------------
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="images per run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cluster-rounds", type=int, default=3, help="0 skips the 2-node cluster")
    ap.add_argument("--model", default="efficientnet-lite0")
    ap.add_argument("--no-warm", dest="warm", action="store_false",
                    help="do not index once before the rounds (model export, page cache)")
    ap.add_argument("--skip-runners", action="store_true")
    ap.add_argument("--ondisk-n", type=int, default=2_000_000, help="0 skips the on-disk IVF")
    ap.add_argument("--ondisk-dim", type=int, default=256)
    ap.add_argument("--memory-cap", default="128M,192M",
                    help="cgroup caps: the build runs under the first, a search under each")
    ap.add_argument("--reuse-index", action="store_true",
                    help="search the index a previous run built in --work (same sizes)")
    ap.add_argument("--latency-queries", type=int, default=100)
    ap.add_argument("--nlist", type=int)
    ap.add_argument("--pq-m", type=int)
    ap.add_argument("--train-n", type=int)
    ap.add_argument("--shard-rows", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--nprobes", default="8,16,32,64")
    ap.add_argument("--plan-rows", type=int, default=1_000_000,
                    help="catalog rows for the plan's cost per row; 0 skips it")
    ap.add_argument("--map-fit", type=int, default=20_000, help="UMAP fit sample")
    ap.add_argument("--map-place", type=int, default=100_000, help="points placed; 0 skips the map")
    ap.add_argument("--map-dim", type=int, default=1280)
    ap.add_argument("--work", help="where images, vectors and collections go, kept for the next "
                    "run (default: a temp dir, removed at the end)")
    ap.add_argument("--out", default="scale")
    ap.add_argument("--ondisk-child", choices=["train", "build", "search", "memory"],
                    help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    ap.add_argument("--vectors", help=argparse.SUPPRESS)
    ap.add_argument("--truth", help=argparse.SUPPRESS)
    ap.add_argument("--queries-file", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.ondisk_child:
        args.mode = args.ondisk_child
        result = {"train": child_train, "build": child_build}.get(args.mode, child_search)(args)
        result["peak_rss_mb"] = round(peak_rss_mb(), 1)
        print(json.dumps(result))
        return
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="imgsearch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    record = {"loadavg_start": loadavg(), "work": str(work)}
    try:
        if not args.skip_runners:
            record["runners"] = bench_runners(args, work)
        if args.ondisk_n:
            record["ondisk"] = bench_ondisk(args, work)
        if args.plan_rows:
            record["driver"] = bench_driver(args)
            print(f"driver: {json.dumps(record['driver'])}", flush=True)
        if args.map_place:
            record["map"] = bench_map(args)
            print(f"map: UMAP fit on {args.map_fit} in {record['map']['fit_s']} s; transform "
                  f"{record['map']['place_points_per_s']} points/s", flush=True)
    finally:
        if not args.work:      # a temp dir of images and GBs of vectors: gone (--work keeps them)
            shutil.rmtree(work, ignore_errors=True)
    record["loadavg_end"] = loadavg()
    rows = []
    runners = record.get("runners", {})
    for phase in ("local_ray", "cluster_2x1cpu"):
        if phase in runners:
            p = runners[phase]
            rows.append({"phase": phase, "local_img_s": p["local_images_per_s"],
                         "ray_img_s": p["ray_images_per_s"],
                         "ratio": p["median_ratio_ray_over_local"],
                         "ray_extra_start_s": p["ray_extra_start_s"]})
    if rows:
        print_table(rows, ["phase", "local_img_s", "ray_img_s", "ratio", "ray_extra_start_s"])
    for s in record.get("ondisk", {}).get("search", []):
        for f in s.get("by_nprobe", []):
            print(f"{s['index']:>12} cap {s.get('cap', 'none'):>5} nprobe {f['nprobe']:>4} "
                  f"prefetch {f.get('prefetch_threads', '-')}: "
                  f"recall@10 {f['recall_at_10']:.3f} "
                  f"p50 {f['p50_ms']:.2f} ms p99 {f['p99_ms']:.2f} ms (peak RSS "
                  f"{s.get('peak_rss_mb')} MB)")
    print(f"load average: start {record['loadavg_start']}, end {record['loadavg_end']}")
    print(f"wrote {write_results(args.out, [record])}")


if __name__ == "__main__":
    main()
