"""What opening a collection reads: its catalog, manifest and vectors, each checked, and the
damage found recorded in `col.problems` (fsck repairs it) rather than raised: a damaged
collection still opens, so that it can be examined and repaired."""
from __future__ import annotations

import numpy as np

from ..errors import Damaged
from . import manifest as manifest_io
from .store import Store
from .vectors import load as load_vectors


def pretrained_head(model_args: dict | None) -> bool:
    """Whether a model's class predictions are a pretrained (ImageNet) head's rather than the
    user's: only the user's own checkpoint (`weights`, a file) has the user's head."""
    weights = (model_args or {}).get("weights")
    return weights in (None, "random")


def load_parts(col) -> None:
    """Read the parts of the collection `col` (its lock held), recording their damage."""
    for stale in [*col.dir.glob("*.tmp"), *col.dir.glob("maps/*.tmp")]:   # a crash's leftovers: we hold the lock
        stale.unlink(missing_ok=True)
    from .refit import recover
    recover(col)                                # finish or undo an interrupted refit
    try:
        col._store = Store(col.catalog_path)
    except Damaged as e:
        col.problems.append(e)
    try:
        col.manifest = manifest_io.load(col.manifest_path)
    except Damaged as e:
        col.problems.append(e)
        col.manifest = manifest_io.Manifest()
    indexed = col._store.counts()["indexed"] if col._store else 0
    if col.manifest.model is None and indexed:
        col.problems.append(Damaged(f"{col.manifest_path} names no model although {indexed} "
                                     "images are indexed",
                                     fix="`fsck --repair` restores it from the catalog's copy"))
    load_index(col)
    if not col.vectors_path.exists() and indexed:
        lost = Damaged(f"{col.vectors_path} is missing ({indexed} images are indexed)",
                       fix="`fsck --repair` (or `index` again) re-embeds them")
        lost.part = "vectors"    # the one damage an index run heals by itself
        col.problems.append(lost)
    if col._store is not None and col._store.legacy_predictions and not col.problems:
        # written before ImageNet's predictions had columns of their own: move them there
        col._store.split_imagenet_predictions(pretrained_head(col.manifest.model_args))
    if col._index is not None and col._store is not None:
        col._unmarked = set(np.setdiff1d(col._index.ids(), col._store.ids()).tolist())


def load_index(col) -> None:
    """Read a collection's (or a space view's) vectors file where there is one, recording a
    damaged file, or one of another dimension than its manifest, in its problems."""
    if col.vectors_path.exists():
        try:
            meta = col.manifest.index
            col._index = load_vectors(col.vectors_path, meta.get("type", "flat"), meta.get("params"))
        except Damaged as e:
            col.problems.append(e)
    if col._index is not None and col.manifest.dim and col._index.dim != col.manifest.dim:
        col.problems.append(Damaged(f"{col.vectors_path} holds {col._index.dim}-d vectors but "
                                     f"{col.manifest_path} says {col.manifest.dim}",
                                     fix="`fsck --repair` rebuilds the vectors"))


def load_space_parts(view) -> None:
    """Read one non-default space's manifest and vectors (the catalog is the collection's,
    already open), recording their damage in the view's problems."""
    from .refit import recover
    for stale in [*view.dir.glob("*.tmp"), *view.dir.glob("maps/*.tmp")]:
        stale.unlink(missing_ok=True)
    if view.manifest_path.exists():
        recover(view)
    try:
        view.manifest = manifest_io.load(view.manifest_path)
    except Damaged as e:
        view.problems.append(e)
        view.manifest = manifest_io.Manifest()
    load_index(view)
    if view._index is not None and view._store is not None:
        view._unmarked = set(np.setdiff1d(view._index.ids(), view._store.ids()).tolist())
