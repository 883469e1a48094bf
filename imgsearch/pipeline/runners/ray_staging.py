"""The Ray runner's staging: what comes back from the cluster is written as Parquet shards
under <collection>/staging/<run>/ (each one atomically, see imgsearch/atomic.py) before its
rows go to the committer, and a shard is deleted once a checkpoint has committed its rows
(recorded in the catalog's meta table under META_KEY). A run that was killed leaves shards
that the next run reads back instead of embedding their images again (Staging.resume).
"""
from __future__ import annotations

import time
import uuid
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...atomic import atomic_write
from ..embed import Embedded

if TYPE_CHECKING:
    from ...core.collection import Collection

META_KEY = "ray_run"
SHARD_COLUMNS = ["image_id", "path", "sha256", "size", "mtime", "width", "height", "vector",
                 "prediction", "confidence", "error", "decode_node", "embed_node"]


def write_shard(path: Path, cols: dict) -> None:
    """One shard, atomically: temp file, fsync, rename, fsync of the folder."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    vectors = np.ascontiguousarray(cols["vector"], dtype=np.float32)

    def text(values):   # Ray hands an all-None column back as NaN floats
        return pa.array([v if isinstance(v, str) and v else None for v in values], pa.string())
    confidence = np.asarray(cols["confidence"], np.float32)
    table = pa.table({
        "image_id": pa.array(np.asarray(cols["image_id"], np.int64)),
        "path": text(cols["path"]), "sha256": text(cols["sha256"]),
        "size": pa.array(np.asarray(cols["size"], np.int64)),
        "mtime": pa.array(np.asarray(cols["mtime"], np.float64)),
        "width": pa.array(np.asarray(cols["width"], np.int32)),
        "height": pa.array(np.asarray(cols["height"], np.int32)),
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.ravel()), vectors.shape[1]),
        "prediction": text(cols["prediction"]),
        "confidence": pa.array(confidence, mask=np.isnan(confidence)),
        "error": text(cols["error"]),
        "decode_node": text(cols["decode_node"]), "embed_node": text(cols["embed_node"])})
    atomic_write(path, lambda f: pq.write_table(table, f))


def read_shard(path: Path) -> dict:
    import pyarrow.parquet as pq
    table = pq.read_table(path)
    vec = table["vector"].combine_chunks()
    out = {c: table[c].to_numpy(zero_copy_only=False) for c in table.column_names if c != "vector"}
    out["vector"] = vec.flatten().to_numpy().reshape(len(table), vec.type.list_size)
    out["error"] = np.array([e if isinstance(e, str) else "" for e in out["error"]], dtype=object)
    out["confidence"] = np.asarray(out["confidence"], np.float32)
    return out


def embedded(cols: dict) -> Embedded:
    """Shard rows -> what the IndexWriter takes (bad files as (image_id, reason))."""
    ids = np.asarray(cols["image_id"], np.int64)
    good = np.asarray([not (isinstance(e, str) and e) for e in cols["error"]], bool)
    preds = [p if isinstance(p, str) else None
             for p in np.asarray(cols["prediction"], dtype=object)[good]]
    has_pred = any(p is not None for p in preds)
    return Embedded(ids[good], np.asarray(cols["vector"], np.float32)[good],
                    np.asarray(cols["width"])[good], np.asarray(cols["height"])[good],
                    preds if has_pred else None,
                    np.asarray(cols["confidence"], np.float32)[good] if has_pred else None,
                    bad=[(int(i), str(e)) for i, e, g in zip(ids, cols["error"], good) if not g])


def take_rows(cols: dict, mask: np.ndarray) -> dict:
    return {k: np.asarray(v)[mask] for k, v in cols.items()}


def concat_rows(parts: list[dict]) -> dict:
    return {k: np.concatenate([np.asarray(p[k]) for p in parts]) for k in parts[0]}


class Staging:
    """The shards of one run, and what happens to them at each checkpoint."""

    def __init__(self, col: Collection, committer):
        self.col = col
        self.root = col.dir / "staging"
        self.run = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        self.dir = self.root / self.run
        self.shards = 0
        self.uncommitted: list[Path] = []
        self.nodes = {"decode": Counter(), "embed": Counter()}
        self.record = {"run": self.run, "committed_shards": [], "resumed_shards": [],
                       "embedded": 0, "resumed": 0, "nodes": {},
                       "write_s": 0.0, "commit_s": 0.0}    # the driver's own time per stage
        original = committer.checkpoint

        def checkpoint():    # a checkpoint also settles the shards it made durable
            original()
            self.committed()
        committer.checkpoint = checkpoint
        self.committer = committer

    def resume(self, pending: pd.DataFrame) -> np.ndarray:
        """Ingest the shards an interrupted run left (rows still pending, same sha256); drop
        the rest. Returns the ids taken from them."""
        want = dict(zip(pending["image_id"].tolist(), pending["sha256"].tolist()))
        taken: set[int] = set()
        for tmp in self.root.glob("*/*.tmp"):
            tmp.unlink(missing_ok=True)
        for shard in sorted(self.root.glob("*/shard-*.parquet")):
            try:
                cols = read_shard(shard)
            except Exception:          # unreadable: its rows are simply embedded again
                shard.unlink(missing_ok=True)
                continue
            ids = np.asarray(cols["image_id"], np.int64)
            keep = np.array([want.get(int(i)) == s and int(i) not in taken
                             for i, s in zip(ids, cols["sha256"])], bool)
            if keep.any():
                rows = take_rows(cols, keep)
                taken.update(rows["image_id"].tolist())
                self.uncommitted.append(shard)
                self.record["resumed_shards"].append(f"{shard.parent.name}/{shard.name}")
                self.committer.add(embedded(rows))
            else:
                shard.unlink(missing_ok=True)
        self.record["resumed"] = len(taken)
        return np.array(sorted(taken), np.int64)

    def stage(self, cols: dict) -> None:
        """Write one shard, then hand its rows to the committer (not yet committed)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.dir / f"shard-{self.shards:05d}.parquet"
        self.shards += 1
        t = time.perf_counter()
        write_shard(path, cols)
        self.record["write_s"] += time.perf_counter() - t
        self.uncommitted.append(path)
        self.record["embedded"] += len(cols["image_id"])
        self.nodes["decode"].update(str(n) for n in cols["decode_node"])
        self.nodes["embed"].update(str(n) for n in cols["embed_node"])
        t = time.perf_counter()
        self.committer.add(embedded(cols))
        self.record["commit_s"] += time.perf_counter() - t

    def committed(self) -> None:
        if not self.uncommitted and not self.shards:
            return
        self.record["committed_shards"] += [f"{p.parent.name}/{p.name}" for p in self.uncommitted]
        self.record["nodes"] = {k: dict(v) for k, v in self.nodes.items()}
        self.record["write_s"] = round(self.record["write_s"], 3)
        self.record["commit_s"] = round(self.record["commit_s"], 3)
        self.col.store.put_meta(META_KEY, self.record)     # after the rows, before the files go
        for p in self.uncommitted:
            p.unlink(missing_ok=True)
        self.uncommitted.clear()

    def finish(self) -> None:
        for folder in [self.dir, *self.root.glob("*")] if self.root.exists() else []:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        if self.root.exists() and not any(self.root.iterdir()):
            self.root.rmdir()
