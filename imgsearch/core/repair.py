"""fsck: prove that catalog, vectors and manifest agree, and with repair make them agree.

  manifest.json damaged or emptied   restored from the copy the catalog keeps
  vectors.faiss missing or damaged   moved aside; the indexed rows are re-embedded
  vectors without rows (orphans)     removed;  rows without vectors: re-embedded
  catalog.duckdb damaged             moved aside; the indexed folders are indexed again
  stale *.tmp files                  removed when the collection is opened
  a map whose reducer, coordinates   refitted with the manifest's parameters (mapcheck.py)
  and manifest entry disagree
"""
from __future__ import annotations

import time

import numpy as np

from ..errors import Damaged
from ..results import FsckReport
from . import manifest as manifest_io
from .store import Store
from .vectors import create as create_vectors


def fsck(col, repair: bool = False, progress=None) -> FsckReport:
    with col.job():
        _verify_files(col)
        report = FsckReport(ok=not col.problems, problems=[str(p) for p in col.problems])
        if repair and col.problems:
            _repair_parts(col, report, progress)
            report.repaired = True
        if col._store is None or col.problems:      # what could not be repaired
            report.ok = False
            return report
        _compare(col, report)
        if repair and not report.ok:
            _repair_vectors(col, report, progress)
            _compare(col, report)
            report.repaired = True
        _check_maps(col, report, repair)
        if report.repaired and report.ok:
            report.problems = []                     # found and mended: said in `actions`
        return report


def _check_maps(col, report: FsckReport, repair: bool) -> None:
    """Maps whose reducer, coordinates and manifest entry disagree: named, and refitted with
    repair (after the vectors agree: a refit reads them)."""
    from .mapcheck import check_maps, repair_maps
    findings = check_maps(col)
    if findings and repair and report.ok:
        repair_maps(col, findings, report)
        report.repaired = True
        findings = check_maps(col)
    if findings:
        report.ok = False
        report.problems += [str(d) for d in findings]


def _verify_files(col) -> None:
    """Problems open() cannot see: a catalog that opens but cannot be read to the end, a
    fitted map that no longer loads."""
    if col._store is not None:
        try:
            col._store.verify()
        except Damaged as e:
            col._store.close()
            col._store = None
            col.problems.append(e)
    from ..analysis import maps
    for method in list(col.manifest.maps):
        try:
            col.cache.pop(f"map:{method}", None)
            maps._fitted(col, method)
        except Damaged as e:
            e.part = f"map:{method}"
            col.problems.append(e)
        except Exception:
            pass


def _compare(col, report: FsckReport) -> None:
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


def _repair_parts(col, report: FsckReport, progress) -> None:
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
            return
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
    if catalog_lost:
        _reindex_roots(col, report, progress)
        _salvage_tags(col, damaged_catalog, report)
    for p in problems:
        method = getattr(p, "part", "") or ""
        if method.startswith("map:"):
            from ..analysis import maps
            params = col.manifest.maps.get(method[4:], {})
            maps.build_map(col, method[4:], params.get("pca_dims", 50), params.get("neighbors", 15),
                           params.get("min_dist", 0.1), params.get("seed", 0), refit=True)
            report.actions.append(f"refitted the {method[4:]} map")


def _repair_vectors(col, report: FsckReport, progress) -> None:
    from ..pipeline.runners.local import embed_pending
    with col._write:
        if report.duplicate_ids:  # keep one copy of each
            dup = np.array(report.duplicate_ids, dtype=np.int64)
            with col._rw.write():
                vecs = col._index.reconstruct(dup)
                col._index.remove(dup)
                col._index.add(dup, vecs)
        if report.orphan_vectors:
            with col._rw.write():
                col._index.remove(np.array(report.orphan_vectors, dtype=np.int64))
                col._unmarked.clear()
            report.actions.append(f"removed {len(report.orphan_vectors)} orphan vectors")
        col.save_vectors()
        col._store.set_state(report.missing_vectors, "pending")
    if report.missing_vectors or report.pending_rows:
        done = embed_pending(col, progress=progress)
        report.actions.append(f"re-embedded {done} images")


def _reindex_roots(col, report: FsckReport, progress) -> None:
    from ..pipeline.runners.local import index_source
    from pathlib import Path
    labels = col.manifest.labels_csv if col.manifest.labels_csv and Path(col.manifest.labels_csv).is_file() else None
    if col.manifest.labels_csv == "folder":     # labels from the class-per-folder layout
        labels = "folder"
    for root in list(col.manifest.roots):
        if Path(root).is_dir():
            r = index_source(col, root, labels=labels, progress=progress)
            report.actions.append(f"re-indexed {root}: {r.summary()}")
        else:
            report.actions.append(f"cannot re-index {root}: the folder is gone")


def _salvage_tags(col, damaged, report: FsckReport) -> None:
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
