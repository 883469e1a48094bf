"""fsck: prove that catalog, vectors, manifest and maps agree, and with repair make them agree.

  manifest.json damaged or emptied   restored from the copy the catalog keeps
  vectors.faiss missing or damaged   moved aside; the indexed rows are re-embedded
  vectors without rows (orphans)     removed;  rows without vectors: re-embedded
  catalog.duckdb damaged             moved aside; the indexed folders are indexed again
  stale *.tmp files                  removed when the collection is opened
  a map whose reducer, coordinates   refitted with the manifest's parameters
  and manifest entry disagree        (analysis/mapcheck.py)
  the other embedding spaces         each checked and mended the same way (space_repair.py)

The catalog, vectors and manifest are mended by the core (core/repair.py); re-embedding and
re-indexing run the pipeline; maps are refitted by the analysis that fits them.
"""
from __future__ import annotations

from pathlib import Path

from ..analysis import maps
from ..analysis.mapcheck import check_maps, repair_maps
from ..core import repair as core_repair
from ..errors import Damaged
from ..results import FsckReport
from .runners.local import embed_pending, index_source
from .space_repair import check_spaces


def fsck(col, repair: bool = False, progress=None) -> FsckReport:
    with col.job():
        _verify_files(col)
        catalog_lost = col._store is None
        report = FsckReport(ok=not col.problems, problems=[str(p) for p in col.problems])
        if repair and col.problems:
            _repair_parts(col, report, progress)
            report.repaired = True
        if not core_repair.readable(col):            # what could not be repaired
            report.ok = False
            return report
        core_repair.compare(col, report)
        if repair and not report.ok:
            _repair_vectors(col, report, progress)
            core_repair.compare(col, report)
            report.repaired = True
        _check_maps(col, report, repair)
        check_spaces(col, report, repair, progress, catalog_rebuilt=catalog_lost and repair)
        if report.repaired and report.ok:
            report.problems = []                     # found and mended: said in `actions`
        return report


def _check_maps(col, report: FsckReport, repair: bool) -> None:
    """Maps whose reducer, coordinates and manifest entry disagree: named, and refitted with
    repair (after the vectors agree: a refit reads them)."""
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
    core_repair.verify_catalog(col)
    for method in list(col.manifest.maps):
        try:
            col.cache.pop(f"map:{method}", None)
            maps._fitted(col, method)
        except Damaged as e:
            e.part = f"map:{method}"
            col.problems.append(e)
        except Exception:
            pass


def _repair_parts(col, report: FsckReport, progress) -> None:
    mended = core_repair.repair_parts(col, report)
    if mended is None:
        return
    if mended.catalog_lost:
        _reindex_roots(col, report, progress)
        core_repair.salvage_tags(col, mended.damaged_catalog, report)
    for p in mended.problems:
        method = getattr(p, "part", "") or ""
        if method.startswith("map:"):
            maps.refit_stored(col, method[4:])
            report.actions.append(f"refitted the {method[4:]} map")


def _repair_vectors(col, report: FsckReport, progress) -> None:
    core_repair.repair_vectors(col, report)
    if report.missing_vectors or report.pending_rows:
        done = embed_pending(col, progress=progress)
        report.actions.append(f"re-embedded {done} images")


def _reindex_roots(col, report: FsckReport, progress) -> None:
    labels = col.manifest.labels_csv if col.manifest.labels_csv and Path(col.manifest.labels_csv).is_file() else None
    if col.manifest.labels_csv == "folder":     # labels from the class-per-folder layout
        labels = "folder"
    for root in list(col.manifest.roots):
        if Path(root).is_dir():
            r = index_source(col, root, labels=labels, progress=progress)
            report.actions.append(f"re-indexed {root}: {r.summary()}")
        else:
            report.actions.append(f"cannot re-index {root}: the folder is gone")
