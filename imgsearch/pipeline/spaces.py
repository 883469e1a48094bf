"""Filling a collection's other embedding spaces (core/spaces.py): embedding the images the
collection has already catalogued with another model, or importing vectors made elsewhere.

Neither reads a file's hash nor touches a catalog row: the catalog (paths, hashes, labels,
tags) belongs to the collection, and a space only adds vectors for the images it holds.
Vectors go in at checkpoints (the FAISS file replaced atomically, the manifest written before
the first one), so a run cut short keeps what it had saved and the next run embeds the rest.
"""
from __future__ import annotations

import os
import time
from typing import Callable

import numpy as np
import pandas as pd

from ..core import spaces
from ..errors import Conflict, InvalidArgument
from ..results import IndexReport, SkippedFile
from .decode import Limits
from .embed import embed_items

CHECKPOINT = 2048          # vectors between two saves of a space's FAISS file


def _catalogued(col) -> pd.DataFrame:
    """The collection's indexed images (image_id, path); refused when there are none yet."""
    if col.manifest.model is None or not col.store.counts().get("indexed", 0):
        raise Conflict(f"collection {col.name!r} has no indexed images yet: a space embeds the "
                       "images the collection has catalogued", param="space",
                       fix=f"index the folder into it first (`imgsearch index DIR -c {col.name}`)")
    files = col.store.files()
    return files[files["state"] == "indexed"][["image_id", "path"]].sort_values("image_id")


def _under(paths: pd.Series, source) -> np.ndarray:
    root = os.path.realpath(source)
    return np.array([p == root or p.startswith(root.rstrip(os.sep) + os.sep) for p in paths],
                    dtype=bool)


def index_space(col, source, space: str, spec=None, postprocess: str | None = None,
                index: str | None = None, runtime: str | None = None,
                progress: Callable | None = None, runner: str | None = None,
                ray_address: str | None = None) -> IndexReport:
    """Embed the catalogued images under `source` into `space` (created on first use), with
    the space's model; images the space already has are left as they are. runner: local
    (this process) or ray (decode and embed on a Ray cluster, runners/ray_spaces.py)."""
    t0 = time.perf_counter()
    progress = progress or (lambda stage, done, total: None)
    root = col.root
    if runner == "ray":
        from .runners.ray import require_ray
        require_ray()
    try:
        return _index_space(root, source, space, spec, postprocess, index, runtime, progress, t0,
                            runner, ray_address)
    except BaseException:
        spaces.forget_unwritten(root, spaces.check_space(space))
        raise


def _index_space(root, source, space, spec, postprocess, index, runtime, progress, t0,
                 runner=None, ray_address=None):
    from ..core.writer import IndexWriter
    from .runners.local import finish, resolve_model
    with root.job():
        root.check()
        rows = _catalogued(root)
        rows = rows[_under(rows["path"], source)]
        if not len(rows):
            raise InvalidArgument(f"no image of collection {root.name!r} lies under {source}",
                                  param="source", fix=f"index it into the collection first "
                                                      f"(`imgsearch index {source} -c {root.name}`)")
        view = spaces.open_space(root, space, create=True)
        if spaces.imported(view):
            raise Conflict(f"space {view.space_name!r} of {root.name!r} holds imported vectors",
                           param="space", fix="import them again with `imgsearch import-vectors`, "
                                              "or index into a new space")
        view.check()
        model = resolve_model(view, spec, runtime)
        writer = IndexWriter(view)
        writer.adopt_model(model)             # the space's manifest, before its first vector
        writer.adopt_postprocess(postprocess)
        have = view._index.ids() if view._index is not None else np.empty(0, np.int64)
        todo = rows[~rows["image_id"].isin(have)]
        items = list(zip(todo["image_id"].astype(int).tolist(), todo["path"].tolist()))
        done, skipped, preds = 0, [], []
        since_save = 0
        cfg = root.cfg

        def advance(n):
            progress("embedding", done + n, len(items))
        if runner == "ray":
            from .runners.ray_spaces import embed_items_ray
            batches = embed_items_ray(items, model, cfg, ray_address)
        else:
            batches = embed_items(items, model, Limits.from_config(cfg), cfg.max_file_bytes,
                                  workers=cfg.workers, batch_size=cfg.batch_size or None,
                                  progress=advance)
        for out in batches:
            if len(out.ids):
                vecs = view.postprocess(out.features)
                with root.write_lock(), view.vectors_lock():
                    view._index.add(out.ids, vecs)
                if out.predictions is not None:
                    preds.append(pd.DataFrame({"image_id": out.ids, "prediction": out.predictions,
                                               "confidence": out.confidences}))
            done += len(out.ids) + len(out.bad)
            since_save += len(out.ids)
            skipped += out.bad
            if since_save >= CHECKPOINT:
                with root.write_lock():
                    view.save_vectors()
                since_save = 0
            progress("embedding", done, len(items))
        with root.write_lock():
            view.save_vectors()
            _save_predictions(view, preds)
            view.save_manifest()
        notes = [f"space {view.space_name!r}: {len(items) - len(skipped)} images embedded with "
                 f"{model.name}{' on Ray' if runner == 'ray' else ''}, "
                 f"{len(rows) - len(items)} already there; no file was hashed "
                 "or catalogued again"]
        finish(view, index, notes)
        paths = dict(zip(todo["image_id"].astype(int), todo["path"]))
        report = IndexReport(indexed=len(items) - len(skipped), unchanged=len(rows) - len(items),
                             notes=notes, skipped=[SkippedFile(path=paths.get(i, str(i)), reason=r)
                                                   for i, r in skipped])
    report.seconds = time.perf_counter() - t0
    return report


def _save_predictions(view, frames: list[pd.DataFrame]) -> None:
    """A space's class predictions go to its own file (the catalog's prediction columns are
    the default space's)."""
    if not frames:
        return
    from ..atomic import atomic_write
    path = view.dir / spaces.PREDICTIONS
    new = pd.concat(frames, ignore_index=True)
    if path.exists():
        old = pd.read_parquet(path)
        new = pd.concat([old[~old["image_id"].isin(new["image_id"])], new], ignore_index=True)
    atomic_write(path, lambda f: new.to_parquet(f, index=False))


def predictions(col, space: str | None) -> pd.DataFrame:
    """A non-default space's predictions (image_id, prediction, confidence), or an empty frame."""
    path = col.space_dir(space) / spaces.PREDICTIONS
    if spaces.check_space(space) == spaces.DEFAULT or not path.exists():
        return pd.DataFrame(columns=["image_id", "prediction", "confidence"])
    return pd.read_parquet(path)
