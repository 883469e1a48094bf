"""The Ray runner: the local runner's plan and commit, with decoding and embedding on a Ray
cluster (Ray Data) and the results staged as Parquet shards inside the collection.

    imgsearch index photos/ -c big --runner ray [--ray-address auto|ray://head:10001]

  plan     on the driver, exactly as the local runner (runners/local.run_index): hash,
           diff against the catalog, pending rows, copies
  decode   Ray Data CPU tasks: (image_id, path) -> uint8 pixels at the input size (embed.decode_batch,
           the same code and limits as the local runner; a bad file becomes a reason)
  embed    an actor pool, one model per actor rebuilt from the picklable ModelSpec and checked
           against the collection's identity; num_gpus=1 per actor when the cluster has
           GPUs, otherwise the fast CPU runtime (ONNX Runtime) on half the cluster's CPUs
  stage    the driver writes what comes back as Parquet shards (image_id, path, sha256, size,
           mtime, width, height, vector, prediction, confidence, error, nodes), each written
           to a temp file, fsynced and renamed, under <collection>/staging/<run>/
           (ray_staging.py)
  commit   each shard goes into FAISS + DuckDB through the IndexWriter at the Committer's
           checkpoints; after a checkpoint its shards are recorded in the catalog's meta
           table (key "ray_run") and deleted

Crash safety. Killing the driver leaves three kinds of work: rows committed at a checkpoint
(indexed: the next plan does not even read them), shards written but not yet committed (the
next Ray run ingests them without embedding them again, keeping only rows that are still
pending with the same sha256), and batches in flight (lost, so embedded by the next run).
Nothing is embedded twice once it reached a shard, and nothing is lost. (A local run in
between ignores the shards and embeds those rows itself; the next Ray run then drops them.)

The staging folder is written by the driver, so worker nodes need no shared filesystem; they
need imgsearch installed and read access to the image paths (the same paths as the driver).
DuckDB could read the shards natively, but the catalog runs with external access disabled
(store.py), so the driver reads them with pyarrow and hands them over as frames.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ...core.collection import Collection
from ...errors import InvalidArgument, ModelMismatch
from ...features import ModelSpec
from ...results import IndexReport
from ..decode import Limits
from ..batches import DecodeJob, decode_batch, draft_size
from .local import Progress, run_index
from .ray_staging import (META_KEY, SHARD_COLUMNS, Staging, concat_rows, embedded,  # noqa: F401
                          read_shard, write_shard)

INSTALL = "pip install -e '.[ray]'"
SHARD_ROWS = 1024     # images per Parquet shard
DECODE_ROWS = 32      # images per decode task (and per call of a CPU actor)
GPU_ROWS = 256        # images per call of a GPU actor (the model batches them by its own size)


def require_ray():
    """The ray module, or one clear line on how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise InvalidArgument("the Ray runner needs Ray, which is not installed", param="runner",
                              fix=f"{INSTALL}, or use the local runner") from None
    return ray


def connect(address: str | None = None):
    """Join the cluster at address ('auto', 'ray://host:10001', host:port), or start a local
    Ray on this machine's CPUs; a session already started in this process is reused."""
    ray = require_ray()
    if not ray.is_initialized():
        ray.init(address=address or "local", include_dashboard=False, log_to_driver=False,
                 logging_level=logging.WARNING, configure_logging=True)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.enable_operator_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.enable_auto_log_stats = False
    logging.getLogger("ray").setLevel(logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.ERROR)   # "progress bars disabled", ...
    return ray


def index_source_ray(col: Collection, source: str | Path, spec: ModelSpec | None = None,
                     labels: str | Path | None = None, prune: bool = False,
                     index: str | None = None, allow_roots=(), progress: Progress | None = None,
                     ray_address: str | None = None, shard_rows: int = SHARD_ROWS,
                     actors: int | None = None, postprocess: str | None = None,
                     runtime: str | None = None) -> IndexReport:
    """index_source on Ray: the same plan and commit, the embedding on the cluster."""
    require_ray()
    if shard_rows < 1:
        raise InvalidArgument("shard_rows must be at least 1", param="shard_rows")
    notes: list[str] = []

    def embed(col, model, writer, committer, progress, later=()):
        return embed_pending_ray(col, model, writer, committer, progress, later, ray_address,
                                 shard_rows, actors, notes)
    report = run_index(col, source, spec, labels, prune, index, allow_roots, progress,
                       runner="ray", embed=embed, postprocess=postprocess, runtime=runtime)
    report.notes += notes
    return report


# -- the pipeline's two steps (run on the cluster) ----------------------------------------
def _node() -> str:
    import ray
    return ray.get_runtime_context().get_node_id()


def decode_rows(batch: dict, job: DecodeJob, shape: tuple) -> dict:
    """A Ray Data task: decode and preprocess a batch of planned rows (bad files keep their
    row, with zero pixels and the reason in `error`)."""
    ids = batch["image_id"].astype(np.int64)
    n = len(ids)
    meta, x, bad = decode_batch(list(zip(ids.tolist(), [str(p) for p in batch["path"]])), job)
    pixels = np.zeros((n, *shape), np.uint8)
    width, height = np.zeros(n, np.int32), np.zeros(n, np.int32)
    error = np.array([""] * n, dtype=object)
    where = {int(i): k for k, i in enumerate(ids)}
    if x is not None:
        rows = np.array([where[int(i)] for i in meta[:, 0]])
        pixels[rows] = x
        width[rows], height[rows] = meta[:, 1], meta[:, 2]
    for image_id, reason in bad:
        error[where[int(image_id)]] = reason
    return {**{k: batch[k] for k in ("image_id", "path", "sha256", "size", "mtime")},
            "pixels": pixels, "width": width, "height": height, "error": error,
            "decode_node": np.array([_node()] * n, dtype=object)}


class Embedder:
    """A Ray Data actor: one model, rebuilt from the spec, for every batch it is given."""

    def __init__(self, spec: ModelSpec, identity: dict):
        import ray
        from ...features import load_model
        device = "cuda" if ray.get_gpu_ids() else "cpu"
        self.model = load_model(spec.with_(device=device))
        if self.model.identity() != identity:
            raise ModelMismatch(f"the model rebuilt on a Ray worker differs from the driver's "
                                f"({self.model.identity()} vs {identity})", param="model",
                                fix="install the same imgsearch, torch and weights on every node")
        self.node = _node()

    def __call__(self, batch: dict) -> dict:
        model = self.model
        n = len(batch["image_id"])
        ok = np.flatnonzero([not (isinstance(e, str) and e) for e in batch["error"]])
        vectors = np.zeros((n, model.dim), np.float32)
        prediction = np.array([None] * n, dtype=object)
        confidence = np.full(n, np.nan, np.float32)
        for s in range(0, len(ok), model.batch_size):
            rows = ok[s:s + model.batch_size]
            out = model.embed(batch["pixels"][rows])
            vectors[rows] = out.features
            if out.pred_index is not None:
                prediction[rows] = model.class_names(out.pred_index)
                confidence[rows] = out.confidence
        keep = {k: v for k, v in batch.items() if k != "pixels"}
        return {**keep, "vector": vectors, "prediction": prediction, "confidence": confidence,
                "embed_node": np.array([self.node] * n, dtype=object)}


def _pipeline(ray, todo: pd.DataFrame, model, cfg, actors: int | None, record: dict):
    """The Ray Data plan over the rows to embed; yields numpy batches as they finish. The
    nodes the model actors were given go into `record` (actor_nodes)."""
    from PIL import Image
    job = DecodeJob(model.preprocess, Limits.from_config(cfg), cfg.max_file_bytes,
                    draft_size(model))
    shape = tuple(model.preprocess.pixels(Image.new("RGB", (64, 64))).shape)   # uint8 H x W x 3
    resources = ray.cluster_resources()
    gpus = int(resources.get("GPU", 0))
    actors = actors or (gpus if gpus else max(1, int(resources.get("CPU", 2)) // 2))
    # at most DECODE_ROWS per task, and at least ~4 tasks per CPU so small runs spread too
    rows = max(1, min(DECODE_ROWS, -(-len(todo) // (4 * max(1, int(resources.get("CPU", 1)))))))
    blocks = [todo.iloc[s:s + rows] for s in range(0, len(todo), rows)]
    ds = ray.data.from_pandas(blocks)
    # Decode tasks reserve the memory one image may take to decode plus their batch; that
    # also keeps Ray Data from fusing them into the actors (it fuses equal requests), so
    # decoding runs beside the model instead of in turn with it.
    memory = (int(cfg.max_decode_mb) << 20) + rows * int(np.prod(shape))
    ds = ds.map_batches(decode_rows, fn_kwargs={"job": job, "shape": shape},
                        batch_size=rows, batch_format="numpy", num_cpus=1, memory=memory)
    placement = {"num_gpus": 1} if gpus else {"num_cpus": 1}
    slots = None
    if not gpus:
        # CPU actors get their slots first, spread over the nodes: decode tasks start sooner
        # and would otherwise fill one node, leaving every actor on the other. (GPU actors
        # are placed by their GPUs.)
        from ray.util.scheduling_strategies import PlacementGroupSchedulingStrategy
        slots = _spread_slots(ray, actors)
        placement["scheduling_strategy"] = PlacementGroupSchedulingStrategy(slots)
    try:
        if slots is not None:
            record["actor_nodes"] = _slot_nodes(slots)
        ds = ds.map_batches(Embedder, fn_constructor_kwargs={"spec": model.spec,
                                                             "identity": model.identity()},
                            batch_size=GPU_ROWS if gpus else DECODE_ROWS, batch_format="numpy",
                            compute=ray.data.ActorPoolStrategy(size=actors), **placement)
        yield from ds.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=2)
    finally:
        if slots is not None:
            from ray.util.placement_group import remove_placement_group
            remove_placement_group(slots)


def _spread_slots(ray, actors: int):
    """A placement group of one CPU per actor, each on a node of its own where there are as
    many nodes (SPREAD alone is a preference: seen putting both of two on one node), else as
    spread as Ray can; a strict one that cannot be met in a minute falls back to SPREAD."""
    from ray.exceptions import GetTimeoutError
    from ray.util.placement_group import placement_group, remove_placement_group
    nodes = sum(1 for n in ray.nodes() if n["Alive"])
    if actors <= nodes:
        slots = placement_group([{"CPU": 1}] * actors, strategy="STRICT_SPREAD")
        try:
            ray.get(slots.ready(), timeout=60)
            return slots
        except GetTimeoutError:
            remove_placement_group(slots)
    slots = placement_group([{"CPU": 1}] * actors, strategy="SPREAD")
    ray.get(slots.ready())
    return slots


def _slot_nodes(slots) -> list[str]:
    from ray.util.placement_group import placement_group_table
    return sorted(placement_group_table(slots)["bundles_to_node_id"].values())


def embed_pending_ray(col: Collection, model, writer, committer, progress: Progress | None = None,
                      later=(), ray_address: str | None = None, shard_rows: int = SHARD_ROWS,
                      actors: int | None = None, notes: list | None = None) -> int:
    """embed_pending on Ray: every pending row but those in `later`, first from the shards an
    interrupted run left, then on the cluster. Returns how many were committed."""
    progress = progress or (lambda stage, done, total: None)
    notes = notes if notes is not None else []
    skip = set(later)
    files = col.store.files()
    pending = files[(files["state"] == "pending") & ~files["image_id"].isin(skip)]
    pending = pending.sort_values("image_id").reset_index(drop=True)
    writer.forget_old_vectors(pending["image_id"].to_numpy())
    staging = Staging(col, committer)
    resumed = staging.resume(pending)
    if len(resumed):
        notes.append(f"{len(resumed)} images taken from the shards of an interrupted Ray run "
                     f"({len(staging.record['resumed_shards'])} shards), not embedded again")
    todo = pending[~pending["image_id"].isin(resumed)]
    done, total = len(resumed), len(pending)
    progress("embedding", done, total)
    if len(todo):
        progress("starting ray", 0, 1)
        t = time.perf_counter()
        ray = connect(ray_address)
        progress("starting ray", 1, 1)
        staging.record["ray_connect_s"] = round(time.perf_counter() - t, 3)
        rows = todo.rename(columns={"size_bytes": "size"})[
            ["image_id", "path", "sha256", "size", "mtime"]]
        buffer, held = [], 0
        for batch in _pipeline(ray, rows, model, col.cfg, actors, staging.record):
            buffer.append(batch)
            held += len(batch["image_id"])
            done += len(batch["image_id"])
            if held >= shard_rows:
                staging.stage(concat_rows(buffer))
                buffer, held = [], 0
            progress("embedding", done, total)
        if buffer:
            staging.stage(concat_rows(buffer))
        nodes = staging.nodes["embed"]
        if len(nodes) > 1:
            notes.append(f"embedded on {len(nodes)} Ray nodes")
    t = time.perf_counter()
    committer.checkpoint()
    staging.record["commit_s"] = round(staging.record["commit_s"] + time.perf_counter() - t, 3)
    if staging.shards or staging.record["resumed"]:
        col.store.put_meta(META_KEY, staging.record)
    staging.finish()
    return committer.committed


__all__ = ["index_source_ray", "embed_pending_ray", "connect", "require_ray", "read_shard",
           "write_shard", "INSTALL"]
