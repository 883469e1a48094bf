"""Refit the collection's space (post-processing) and move every stored vector into it.

Two files change together (the vectors and the parameters), so the switch is journaled:
  1. the new parameters go to a new file, postprocess-<n>.npz
  2. the new vectors are written to vectors.faiss.refit
  3. refit.json names both (written atomically): from here the refit is decided
  4. vectors.faiss.refit replaces vectors.faiss; 5. the manifest names the new parameters
  6. refit.json and the old parameters go
`recover()` runs when a collection is opened: before step 3 nothing happened (leftovers are
removed); after it, steps 4-6 are finished. A crash never leaves vectors in one space and
parameters of another.
"""
from __future__ import annotations

import contextlib
import json
import os
import time

from . import manifest as manifest_io

JOURNAL = "refit.json"


def recover(col) -> None:
    journal = col.dir / JOURNAL
    pending = col.dir / "vectors.faiss.refit"
    if not journal.exists():
        pending.unlink(missing_ok=True)
        return
    plan = json.loads(journal.read_text())
    if pending.exists():
        os.replace(pending, col.vectors_path)
    data = json.loads(col.manifest_path.read_text())
    data["postprocess"] = plan["postprocess"]
    data["index"] = plan["index"]
    manifest_io.atomic_write(col.manifest_path, json.dumps(data, indent=2).encode())
    _forget_old(col, plan["postprocess"].get("file"))
    journal.unlink()


def _forget_old(col, keep: str | None) -> None:
    for old in col.dir.glob("postprocess-*.npz"):
        if old.name != keep:
            old.unlink(missing_ok=True)


def refit(col, method: str) -> dict:
    """Fit `method` on the raw features of the indexed images, move every stored vector into
    the new space and save them (same kind; re-tuned by ensure_index later). The caller holds
    the collection's job lock.

    Memory (core/streaming.py): the fit reads a sample chunk by chunk. A flat index is moved
    in place, so the vectors exist once; searches wait meanwhile (the vectors lock is held
    from the first moved chunk to the switch), and a failure before the journal reloads the
    vectors from their file, which still holds the old space. Other kinds are rebuilt beside
    the old index, as searches go on (streaming.rebuilt_in_space)."""
    from ..features import postprocess
    from . import streaming
    from .vectors import load
    with col.write_lock():
        old_space, index = col.space(), col.vectors()
        params = streaming.fit_space(index, col.unmarked(), old_space, method)
        name = f"postprocess-{int(time.time() * 1000)}.npz"
        new_pp = {"method": method, "fitted_on": int(col.vector_count()), "file": name,
                  "fitted_at": manifest_io.now()}
        in_place = streaming.storage(index) is not None and index.exact
        if not in_place:
            rebuilt = streaming.rebuilt_in_space(index, old_space, params)
            rebuilt.params.update({k: v for k, v in index.params.items()
                                   if k not in ("nlist", "pq_m")})
            rebuilt.apply_params()
            index = rebuilt

        def switch():            # the vectors lock is held: searches see old or new, whole
            os.replace(col.dir / "vectors.faiss.refit", col.vectors_path)
            col._index = index
            col.manifest.postprocess, col.manifest.index = new_pp, meta
            col.cache.pop("space", None)
        # in place, searches wait from the first moved chunk to the switch; a rebuilt index
        # is saved while they go on with the old one
        with col.vectors_lock() if in_place else contextlib.nullcontext():
            try:
                if in_place:
                    streaming.move_in_place(index, old_space, params)
                postprocess.save(params, col.dir / name)
                index.save(col.dir / "vectors.faiss.refit")
                meta = {**col.manifest.index, "params": index.params}
                manifest_io.atomic_write(col.dir / JOURNAL, json.dumps(
                    {"postprocess": new_pp, "index": meta}).encode())
            except BaseException:
                if in_place:   # half moved in memory: the file still holds the old space
                    col._index = load(col.vectors_path, index.kind, index.params)
                (col.dir / name).unlink(missing_ok=True)
                (col.dir / "vectors.faiss.refit").unlink(missing_ok=True)
                raise
            if in_place:
                switch()
        if not in_place:
            with col.vectors_lock():
                switch()
        col.save_manifest()
        _forget_old(col, name)
        (col.dir / JOURNAL).unlink()
    return new_pp


def due(col) -> bool:
    """Whether the space should be (re)fitted now: first at MIN_FIT images, then whenever the
    collection has grown by REFIT_GROWTH since the last fit."""
    from ..features import postprocess
    pp = col.manifest.postprocess or {}
    if pp.get("method", "none") == "none":
        return False
    n = col.vector_count()
    fitted = pp.get("fitted_on", 0)
    return n >= postprocess.MIN_FIT and (not fitted or n >= postprocess.REFIT_GROWTH * fitted)

