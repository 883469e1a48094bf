"""The write side of a collection, as the indexing pipeline uses it.

Crash safety: rows are inserted 'pending'; vectors are added and the FAISS file is
replaced atomically; only then are the rows marked 'indexed'. The manifest (which model) is
written before the first vector. Between adding and marking, the new vectors are 'unmarked':
searches skip them, so a reader never sees a row that is not committed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ModelMismatch
from . import spaces
from .collection import Collection
from .manifest import ModelIdentity
from .vectors import create as create_vectors


class IndexWriter:
    def __init__(self, col: Collection):
        self.col = col
        self._buffer: list[tuple] = []        # (ids, widths, heights, predictions, confidences)
        self._probs: list[tuple[np.ndarray, np.ndarray]] = []   # the user's head: (ids, probs)
        self._bad: list[tuple[int, str]] = []

    # -- before embedding ----------------------------------------------------------------
    def adopt_model(self, model, runner: str = "local") -> None:
        """The first model sets the collection's (manifest written before any vector);
        later ones must match it."""
        col, m = self.col, self.col.manifest
        with col.write_lock():
            if m.model is not None:
                col.check_identity(model.identity())
            else:
                m.model = ModelIdentity(**model.identity())
                m.model_args = model.spec.args()
            m.runtime, m.runner = model.runtime, runner
            if col._index is None:
                col._index = create_vectors("flat", model.dim)
            elif col._index.dim != model.dim:
                raise ModelMismatch(f"{col.vectors_path} holds {col._index.dim}-d vectors, the model "
                                    f"gives {model.dim}", fix="`fsck --repair` rebuilds the vectors")
            col.save_manifest()
            col._model = model

    def adopt_postprocess(self, method: str | None) -> None:
        """The first run fixes the collection's post-processing (default: center); a later run
        asking for another is refused. Collections from before it existed stay raw."""
        from ..errors import ModelMismatch
        from ..features import postprocess
        col, m = self.col, self.col.manifest
        if m.postprocess is None:
            legacy = m.model is not None and col.vector_count() > 0
            clip = getattr(col._model, "text", False)   # text and images share CLIP's space: keep it
            chosen = ("none" if (legacy or clip) and method is None else postprocess.check(method))
            with col.write_lock():
                m.postprocess = {"method": chosen, "fitted_on": 0}
                col.save_manifest()
        elif method is not None and postprocess.check(method) != m.postprocess["method"]:
            raise ModelMismatch(f"collection {col.name!r} uses postprocess "
                                f"{m.postprocess['method']!r}, not {method!r}", param="postprocess",
                                fix="index into a new collection to use another")

    def heal_missing_vectors(self) -> int:
        """Indexed rows whose vectors are gone (a deleted vectors file) go back to pending, so
        this run re-embeds them instead of calling them unchanged."""
        col = self.col
        with col.write_lock():
            have = col._index.ids() if col._index is not None else np.empty(0, np.int64)
            missing = np.setdiff1d(col.store.ids(), have)
            col.store.set_state(missing, "pending")
        return len(missing)

    def apply_plan(self, plan, metadata: pd.DataFrame | None):
        """Write what the plan found: imported labels, updated rows, new pending rows, skipped
        files, and vectors copied for copies of indexed images.
        Returns (ids of the new rows, ids given a copied vector, notes)."""
        col, store = self.col, self.col.store
        notes = []
        with col.write_lock():
            if metadata is not None:
                notes += store.import_metadata(metadata)
            store.update_files(plan.updates)
            new_ids = store.insert_pending(plan.new_rows)
            store.clear_skipped(plan.seen)
            store.record_skipped([(s.path, s.reason) for s in plan.skipped])
            store.apply_metadata()
            dst = np.array([new_ids[i] for i, _ in plan.copies], dtype=np.int64)
            self.copy_vectors(dst, np.array([t for _, t in plan.copies], dtype=np.int64))
        return new_ids, dst, notes

    def copy_vectors(self, dst: np.ndarray, src: np.ndarray) -> None:
        """Rows with the same content as an indexed row take its vector and outputs, and are
        committed at once (no embedding)."""
        if not len(dst):
            return
        col = self.col
        with col.write_lock():
            with col.vectors_lock():
                col._index.add(dst, col._index.reconstruct(src))
                col._unmarked.update(dst.tolist())
            col.save_vectors()
            self._mark(pd.DataFrame({"image_id": dst, "width": None, "height": None,
                                     "prediction": None, "confidence": None}))
            col.store.copy_model_outputs()

    def forget_old_vectors(self, ids) -> None:
        """Changed or resumed files: their old vectors go in one call (per batch, an HNSW
        index would be rebuilt once for every batch); room is made for their new ones. The
        other spaces' vectors of these images go too: they were made from the old content
        (`index --space` embeds them anew)."""
        ids = np.asarray(ids, dtype=np.int64)
        with self.col.write_lock(), self.col.vectors_lock():
            self.col._index.remove(ids)
            self.col._index.reserve(len(ids))
        if self.col.space_name != spaces.DEFAULT or not len(ids):
            return
        for view in spaces.others(self.col):
            if view._index is not None and np.isin(ids, view._index.ids()).any():
                with self.col.write_lock():
                    with view.vectors_lock():
                        view._index.remove(ids)
                    view.save_vectors()

    # -- while embedding -----------------------------------------------------------------
    def add(self, out) -> None:
        """One embedded batch: vectors into the index (unmarked until the checkpoint). Its
        images hold no vector there: forget_old_vectors removed them before the first batch."""
        col = self.col
        if len(out.ids):
            vecs = col.postprocess(out.features)
            with col.write_lock(), col.vectors_lock():
                col._index.append(out.ids, vecs)
                col._unmarked.update(out.ids.tolist())
            self._buffer.append((out.ids, out.widths, out.heights, out.predictions,
                                 out.confidences))
            if getattr(out, "probs", None) is not None and not self._imagenet_head():
                self._probs.append((np.asarray(out.ids, np.int64), np.asarray(out.probs)))
        self._bad += out.bad

    def _imagenet_head(self) -> bool:
        from .collection import pretrained_head
        return pretrained_head(self.col.manifest.model_args)

    def _rows(self) -> pd.DataFrame | None:
        """The buffered batches' catalog rows as one frame (a frame a batch took 1 ms of the
        main process for every 4 images)."""
        if not self._buffer:
            return None
        # a pretrained head's guesses are ImageNet's, never the user's `prediction`
        pre = "imagenet_" if self._imagenet_head() else ""

        def column(i):      # a batch without predictions gives None for each of its images
            return [v for b in self._buffer
                    for v in (b[i] if b[i] is not None else [None] * len(b[0]))]
        ids, widths, heights = (np.concatenate([b[i] for b in self._buffer]) for i in range(3))
        return pd.DataFrame({"image_id": ids, "width": widths, "height": heights,
                             f"{pre}prediction": column(3), f"{pre}confidence": column(4)})

    def checkpoint(self) -> tuple[np.ndarray, list[tuple[str, str]]]:
        """Save the vectors, then mark their rows indexed; drop the rows of bad files.
        Returns (ids committed, [(path, reason)] of files skipped)."""
        col, store = self.col, self.col.store
        with col.write_lock():
            col.save_vectors()
            done = self._rows()
            if done is not None:
                self._mark(done)
            if self._probs and getattr(col._model, "classes", None):
                store.set_probabilities(np.concatenate([i for i, _ in self._probs]),
                                        np.concatenate([p for _, p in self._probs]),
                                        col._model.classes)
            skipped = []
            if self._bad:
                paths = store.paths_of([i for i, _ in self._bad])
                skipped = [(paths.get(i, f"image {i}"), reason) for i, reason in self._bad]
                store.record_skipped(skipped)
                store.delete([i for i, _ in self._bad])
            store.apply_metadata()
            col.save_manifest()
        self._buffer.clear()
        self._probs.clear()
        self._bad.clear()
        committed = done["image_id"].to_numpy() if done is not None else np.empty(0, np.int64)
        return committed, skipped

    def _mark(self, done: pd.DataFrame) -> None:
        self.col.store.mark_indexed(done)
        with self.col.vectors_lock():
            self.col._unmarked.difference_update(done["image_id"].tolist())

    # -- after embedding -----------------------------------------------------------------
    def add_root(self, root: str, labels_csv: str | None) -> None:
        m = self.col.manifest
        with self.col.write_lock():
            if root not in m.roots:
                m.roots.append(root)
            if labels_csv:
                m.labels_csv = labels_csv
            self.col.save_manifest()

    def replace_index(self, index, meta: dict) -> None:
        """Swap in a rebuilt vector index (a new kind, or re-tuned)."""
        col = self.col
        with col.write_lock():
            with col.vectors_lock():
                col._index = index
            col.manifest.index = meta
            col.save_vectors()
            col.save_manifest()
