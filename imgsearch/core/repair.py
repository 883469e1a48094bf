"""The core's half of fsck (pipeline/repair.py runs the whole): what the catalog, vectors and
manifest can prove and mend by themselves, with no model and no map.

  catalog.duckdb damaged             moved aside and started again (the pipeline re-indexes)
  manifest.json damaged or emptied   restored from the copy the catalog keeps
  vectors.faiss missing or damaged   moved aside; an empty index takes its place
  vectors without rows (orphans)     removed; duplicate vector ids keep one copy
  rows without vectors               marked pending (the pipeline re-embeds them)
  tags of a damaged catalog          copied to the new one, matched by path
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from ..errors import Damaged
from ..results import FsckReport
from . import manifest as manifest_io
from .store import Store
from .vectors import create as create_vectors


def verify_catalog(col) -> None:
    """A catalog that opens but cannot be read to the end is a problem open() cannot see."""
    if col._store is not None:
        try:
            col._store.verify()
        except Damaged as e:
            col._store.close()
            col._store = None
            col.problems.append(e)


def readable(col) -> bool:
    """Whether there is a catalog to compare against, and no damage left."""
    return col._store is not None and not col.problems


def compare(col, report: FsckReport) -> None:
    vec_ids = col._index.ids() if col._index is not None else np.empty(0, np.int64)
    uniq, counts = np.unique(vec_ids, return_counts=True)
    indexed = col._store.ids("indexed")
    report.indexed_rows, report.vectors = len(indexed), len(vec_ids)
    report.missing_vectors = np.setdiff1d(indexed, uniq).tolist()
    report.orphan_vectors = np.setdiff1d(uniq, indexed).tolist()
    report.duplicate_ids = uniq[counts > 1].tolist()
    report.pending_rows = len(col._store.ids("pending"))
    report.ok = not (report.missing_vectors or report.orphan_vectors or report.duplicate_ids)


def _aside(path) -> str:
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    path.replace(target)
    return target.name


class Mended:
    """What repair_parts did, for the rest of the repair: the problems it took over, and the
    damaged catalog moved aside (None when the catalog was readable)."""
    def __init__(self, problems: list, damaged_catalog: Path | None, catalog_lost: bool):
        self.problems, self.damaged_catalog, self.catalog_lost = problems, damaged_catalog, catalog_lost


def repair_parts(col, report: FsckReport) -> Mended | None:
    """Start a lost catalog again, restore the manifest, replace damaged vectors with an empty
    index. None when the manifest cannot be restored (a problem says so)."""
    problems, col.problems = col.problems, []
    catalog_lost = col._store is None
    damaged_catalog = None
    if catalog_lost:   # nothing maps ids to files any more: start the catalog and vectors again
        for part in (col.catalog_path, col.catalog_path.with_name(col.catalog_path.name + ".wal"),
                     col.vectors_path):
            if part.exists():
                aside = _aside(part)
                damaged_catalog = damaged_catalog or (col.dir / aside if part == col.catalog_path else None)
                report.actions.append(f"moved {part.name} aside as {aside}")
        col._store, col._index = Store(col.catalog_path), None
    copy = col._store.get_meta("manifest")
    manifest_bad = any(str(col.manifest_path) in str(p) for p in problems)
    if manifest_bad or col.manifest.model is None and copy:
        if copy:
            col.manifest = manifest_io.Manifest.model_validate(copy)
            report.actions.append("restored manifest.json from the catalog's copy")
        elif col._index is not None or col._store.counts()["indexed"]:
            col.problems.append(Damaged(
                f"{col.manifest_path} cannot be restored: the catalog holds no copy of it",
                fix="index the folders again into a new collection"))
            return None
        else:
            col.manifest = manifest_io.Manifest()
        col.save_manifest()
    vectors_bad = any(str(col.vectors_path) in str(p) for p in problems)
    if vectors_bad and col._index is not None:
        col._index = None
    if vectors_bad and col.vectors_path.exists():
        report.actions.append(f"moved {col.vectors_path.name} aside as {_aside(col.vectors_path)}")
    if col._index is None and col.manifest.model is not None:
        col._index = create_vectors("flat", col.manifest.model.dim)
        col.manifest.index = {"type": "flat", "requested": col.manifest.index.get("requested", "auto")}
        col.save_vectors()
        col.save_manifest()
    return Mended(problems, damaged_catalog, catalog_lost)


def repair_vectors(col, report: FsckReport) -> None:
    """Keep one copy of each duplicated vector, remove orphans, mark rows without a vector
    pending (for the pipeline to embed)."""
    with col.write_lock():
        if report.duplicate_ids:  # keep one copy of each
            dup = np.array(report.duplicate_ids, dtype=np.int64)
            with col.vectors_lock():
                vecs = col._index.reconstruct(dup)
                col._index.remove(dup)
                col._index.add(dup, vecs)
        if report.orphan_vectors:
            with col.vectors_lock():
                col._index.remove(np.array(report.orphan_vectors, dtype=np.int64))
                col._unmarked.clear()
            report.actions.append(f"removed {len(report.orphan_vectors)} orphan vectors")
        col.save_vectors()
        col._store.set_state(report.missing_vectors, "pending")


def salvage_tags(col, damaged, report: FsckReport) -> None:
    """Tags live only in the catalog: copy over what the damaged one still lets us read
    (matched by path, since image ids are new), and say what could not be saved."""
    import duckdb
    if damaged is None:
        return
    try:
        con = duckdb.connect(str(damaged), read_only=True)
        try:
            rows = con.execute("SELECT i.path, t.tag FROM tags t JOIN images i USING (image_id)").fetchall()
        finally:
            con.close()
    except duckdb.Error:
        report.actions.append("tags, labels edits and stored analysis results were in the damaged "
                              "catalog and could not be recovered")
        return
    by_path = dict(zip(col._store.table(columns=["path", "image_id"])["path"],
                       col._store.table(columns=["path", "image_id"])["image_id"]))
    restored = 0
    for path, tag in rows:
        if path in by_path:
            col._store.add_tags([int(by_path[path])], tag)
            restored += 1
    report.actions.append(f"restored {restored} of {len(rows)} tags from the damaged catalog; "
                          "stored analysis results must be computed again")
