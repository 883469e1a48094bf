"""The local runner: plan -> embed -> commit in this process (decode in worker processes).

    report = index_source(col, "photos/", ModelSpec(), labels="labels.csv")

Progress goes to a callback (stage, done, total): the CLI draws it as a bar, the service's
job API reports it.
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from typing import Callable

from ...core.collection import Collection
from ...errors import Damaged
from ...features import ModelSpec, load_model
from ...results import IndexReport, SkippedFile
from ..commit import Committer, ensure_index, place_on_maps
from ..decode import Limits
from ..embed import embed_items
from ..plan import make_plan
from ..sources import (LABELS_FROM_FOLDERS, folder_labels, read_metadata_csv, read_source,
                       sha256_file)

Progress = Callable[[str, int, int], None]


def resolve_model(col: Collection, spec: ModelSpec | None, runtime: str | None = None):
    """The spec given (first run, or checked against the collection's), or the collection's;
    on the runtime asked for (any runtime gives the same features)."""
    if spec is None and col.manifest.model_args:
        return col.model(runtime)
    spec = spec or ModelSpec()
    return load_model(spec.with_(runtime=runtime or col.cfg.runtime, device=col.cfg.device))


def prepare(col: Collection):
    """Every damage but lost vectors stops the run (fsck repairs it); lost vectors are healed
    here by re-embedding their rows."""
    blocking = [p for p in col.problems if getattr(p, "part", None) != "vectors"]
    if blocking:
        raise blocking[0]
    col.problems = []


def index_source(col: Collection, source: str | Path, spec: ModelSpec | None = None,
                 labels: str | Path | None = None, prune: bool = False, index: str | None = None,
                 allow_roots=(), progress: Progress | None = None,
                 postprocess: str | None = None, runtime: str | None = None) -> IndexReport:
    """Bring the collection up to date with a folder or a CSV of paths. Incremental and
    resumable; one run at a time per collection (the next waits)."""
    return run_index(col, source, spec, labels, prune, index, allow_roots, progress,
                     postprocess=postprocess, runtime=runtime)


def run_index(col: Collection, source: str | Path, spec: ModelSpec | None = None,
              labels: str | Path | None = None, prune: bool = False, index: str | None = None,
              allow_roots=(), progress: Progress | None = None, runner: str = "local",
              embed: Callable | None = None, postprocess: str | None = None,
              runtime: str | None = None) -> IndexReport:
    """The stages every runner shares (plan, commit, copies, prune, index choice) around the
    runner's embed step: `embed(col, model, writer, committer, progress, later=...)`, called
    as embed_pending is (runners/ray.py passes its own)."""
    from ...core.writer import IndexWriter
    embed = embed or embed_pending
    t0 = time.perf_counter()
    progress = progress or (lambda stage, done, total: None)
    with col.job():
        prepare(col)
        cfg = col.cfg      # the inputs first: a bad one fails before a model is built
        src = read_source(source, allow_roots, cfg.max_labels_bytes)
        meta, notes = src.metadata, list(src.notes)
        if labels == LABELS_FROM_FOLDERS:
            meta, more = folder_labels(src.files, src.root)
            notes += more
        elif labels is not None:
            meta, more = read_metadata_csv(Path(labels), src.root, cfg.max_labels_bytes)
            notes += more
        model = resolve_model(col, spec, runtime)
        notes += list(model.notes)
        writer = IndexWriter(col)
        writer.adopt_model(model, runner=runner)
        writer.adopt_postprocess(postprocess)
        # the folder is a root before its first row is written: a run cut short at any point
        # leaves its images servable (files and thumbnails are served only under the roots)
        writer.add_root(str(src.root), None)
        healed = writer.heal_missing_vectors()
        if healed:
            notes.append(f"{healed} indexed images had lost their vectors: re-embedded")
        plan = make_plan(src, col.store.files(), lambda p: sha256_file(p, cfg.max_file_bytes),
                         progress=lambda d, t: progress("hashing", d, t))
        new_ids, copied, more = writer.apply_plan(plan, meta)
        notes += more
        committer = Committer(col, writer)
        committer.placed += place_on_maps(col, copied)
        twins = [(int(new_ids[a]), int(new_ids[b])) for a, b in plan.twins_in_run]
        embed(col, model, writer, committer, progress, later=[d for d, _ in twins])
        copied_later = copy_twins(col, writer, committer, twins)
        report = IndexReport(indexed=committer.committed, unchanged=plan.unchanged,
                             relinked=plan.relinked, copied=len(plan.copies) + copied_later,
                             placed=committer.placed, notes=notes,
                             skipped=[SkippedFile(path=s.path, reason=s.reason) for s in plan.skipped]
                             + [SkippedFile(path=p, reason=r) for p, r in committer.skipped])
        if plan.vanished and prune:
            report.pruned = col.remove(plan.vanished)
        else:
            report.vanished = len(plan.vanished)
        writer.add_root(str(src.root), labels if labels in (None, LABELS_FROM_FOLDERS)
                        else str(Path(labels).resolve()))
        progress("index", 0, 1)
        finish(col, index, report.notes)
        progress("index", 1, 1)
    report.seconds = time.perf_counter() - t0
    return report


def finish(col: Collection, index: str | None, notes: list[str]) -> None:
    """After the images are in: refit the space when it is due, then the index its size
    calls for, then the re-ranking graph."""
    from ...core import rerank
    from ...core import refit
    if refit.due(col):
        pp = refit.refit(col, col.manifest.postprocess["method"])
        notes.append(f"post-processing ({pp['method']}) fitted on {pp['fitted_on']} images")
    ensure_index(col, index)
    rerank.prepare(col)


def copy_twins(col: Collection, writer, committer, twins: list[tuple[int, int]]) -> int:
    """Rows whose content another new row of this run had: its vector, or its reason."""
    if not twins:
        return 0
    done = set(col.store.ids().tolist())
    ok = [(d, s) for d, s in twins if s in done]
    writer.copy_vectors(np.array([d for d, _ in ok], np.int64), np.array([s for _, s in ok], np.int64))
    committer.placed += place_on_maps(col, np.array([d for d, _ in ok], np.int64))
    failed = dict(committer.skipped)
    bad = [(d, s) for d, s in twins if s not in done]
    if bad:
        paths = col.store.paths_of([d for d, _ in bad] + [s for _, s in bad])
        reasons = [(paths.get(d, str(d)), failed.get(paths.get(s), "same content as a skipped file"))
                   for d, s in bad]
        with col.write_lock():
            col.store.record_skipped(reasons)
            col.store.delete([d for d, _ in bad])
        committer.skipped += reasons
    return len(ok)


def embed_pending(col: Collection, model=None, writer=None, committer=None,
                  progress: Progress | None = None, later=()) -> int:
    """Embed every pending row (new, changed, resumed after a crash, or lost its vector) but
    those in `later` (copies of a row embedded now), and commit them at checkpoints.
    Returns how many were committed."""
    from ...core.writer import IndexWriter
    progress = progress or (lambda stage, done, total: None)
    model = model or col.model()
    writer = writer or IndexWriter(col)
    committer = committer or Committer(col, writer)
    skip = set(later)
    pending = [p for p in col.store.pending() if p[0] not in skip]
    writer.forget_old_vectors([i for i, _ in pending])
    done = 0

    def advance(n):
        nonlocal done
        done += n
        progress("embedding", done, len(pending))
    cfg = col.cfg
    for batch in embed_items(pending, model, Limits.from_config(cfg), cfg.max_file_bytes,
                             workers=cfg.workers, batch_size=cfg.batch_size or None,
                             progress=advance):
        committer.add(batch)
    committer.checkpoint()
    return committer.committed


__all__ = ["index_source", "run_index", "embed_pending", "Damaged"]
