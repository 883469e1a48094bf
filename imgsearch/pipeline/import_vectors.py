"""Vectors made elsewhere (a training pipeline's embeddings) brought into a space of their own.

Two formats: a Parquet file with a `path` column and a `vector` column (a list of floats per
row), or an `.npy` matrix whose rows go with the lines of a paths file. Each row is matched to
a catalogued image by its path, absolute or relative to one of the collection's indexed
folders; rows that match none are counted and a few named, never guessed at. The space records
that its vectors were imported: it has no model, so it is searched by image id or by vector.
Importing into the same space again replaces its vectors.
"""
from __future__ import annotations

import io
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import spaces
from ..core.manifest import Manifest, ModelIdentity, now
from ..errors import Conflict, InvalidArgument

MAX_EXAMPLES = 5


def _read(data, name: str | None, paths) -> tuple[list[str], np.ndarray, str]:
    """(paths, vectors as float32 (n, d), the file's name) from the file given."""
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        if not path.is_file():
            raise InvalidArgument(f"no such file: {path}", param="file")
        name, raw = path.name, path.read_bytes()
    elif isinstance(data, (bytes, bytearray)):
        raw = bytes(data)
        name = name or "vectors.parquet"
    else:
        raise InvalidArgument(f"cannot import vectors from {type(data).__name__}", param="file")
    if name.lower().endswith(".npy"):
        return (*_read_npy(raw, name, paths), name)
    try:
        frame = pd.read_parquet(io.BytesIO(raw))
    except Exception as e:      # pyarrow's errors have many classes; the user needs one line
        raise InvalidArgument(f"{name} is not a Parquet file ({type(e).__name__}); give a Parquet "
                              "file with path and vector columns, or an .npy with --paths",
                              param="file") from None
    missing = [c for c in ("path", "vector") if c not in frame.columns]
    if missing:
        raise InvalidArgument(f"{name} has no {' or '.join(missing)} column (it has: "
                              f"{', '.join(map(str, frame.columns[:10]))})", param="file")
    try:
        vectors = np.stack([np.asarray(v, dtype=np.float32) for v in frame["vector"]])
    except (ValueError, TypeError):
        raise InvalidArgument(f"{name}: every vector must be a list of numbers of one length",
                              param="file") from None
    return frame["path"].astype(str).tolist(), vectors, name


def _read_npy(raw: bytes, name: str, paths) -> tuple[list[str], np.ndarray]:
    try:
        vectors = np.load(io.BytesIO(raw), allow_pickle=False)
    except (ValueError, OSError) as e:
        raise InvalidArgument(f"{name} is not a .npy matrix ({e})", param="file") from None
    if paths is None:
        raise InvalidArgument(f"{name} holds vectors without paths", param="paths",
                              fix="give the paths file (one path a line, in the rows' order)")
    if isinstance(paths, (str, os.PathLike)):
        if not Path(paths).is_file():
            raise InvalidArgument(f"no such paths file: {paths}", param="paths")
        paths = Path(paths).read_text(encoding="utf-8")
    if isinstance(paths, (bytes, bytearray)):
        paths = bytes(paths).decode("utf-8")
    if isinstance(paths, str):
        paths = [p for p in paths.splitlines() if p.strip()]
    paths = [str(p) for p in paths]
    if vectors.ndim != 2 or not np.issubdtype(vectors.dtype, np.number):
        raise InvalidArgument(f"{name} must be a 2-d numeric matrix (it is {vectors.ndim}-d "
                              f"{vectors.dtype})", param="file")
    if len(paths) != len(vectors):
        raise InvalidArgument(f"{name} has {len(vectors)} rows but the paths file {len(paths)} "
                              "lines", param="paths")
    return paths, vectors.astype(np.float32)


def _match(col, paths: list[str]) -> np.ndarray:
    """The image id of each path (-1: none), absolute or relative to an indexed folder."""
    files = col.store.files()
    files = files[files["state"] == "indexed"]
    by_path = dict(zip(files["path"], files["image_id"].astype(np.int64)))
    roots = list(col.manifest.roots)
    out = np.full(len(paths), -1, dtype=np.int64)
    for n, p in enumerate(paths):
        tries = ([p, os.path.realpath(p)] if os.path.isabs(p)
                 else [os.path.normpath(os.path.join(r, p)) for r in roots])
        for t in tries:
            found = by_path.get(os.path.normpath(t))
            if found is not None:
                out[n] = found
                break
    return out


def import_vectors(col, data, space: str, paths=None, postprocess: str | None = None,
                   name: str | None = None) -> spaces.VectorImport:
    from ..features import postprocess as pp
    from .runners.local import finish
    t0 = time.perf_counter()
    root = col.root
    space = spaces.check_space(space)
    if space == spaces.DEFAULT:
        raise InvalidArgument("vectors are imported into a space of their own, not the default "
                              "one", param="space", fix="name one with --space")
    method = pp.check(postprocess) if postprocess else "center"
    given, vectors, name = _read(data, name, paths)
    if not len(vectors) or vectors.shape[1] < 2:
        raise InvalidArgument(f"{name} holds no vectors of at least 2 dimensions", param="file")
    if not np.isfinite(vectors).all():
        bad = int(np.flatnonzero(~np.isfinite(vectors).all(axis=1))[0])
        raise InvalidArgument(f"{name}: row {bad} ({given[bad]}) has NaN or infinite values",
                              param="file")
    with root.job():
        root.check()
        if not root.store.counts().get("indexed", 0):
            raise Conflict(f"collection {root.name!r} has no indexed images to match the rows to",
                           param="collection", fix=f"index the folder first (`imgsearch index "
                                                   f"DIR -c {root.name}`)")
        ids = _match(root, given)
        keep = ids >= 0
        unique, first = np.unique(ids[keep], return_index=True)
        rows = np.flatnonzero(keep)[first]
        report = spaces.VectorImport(
            space=space, rows=len(given), matched=len(unique), unmatched=int((~keep).sum()),
            duplicates=int(keep.sum() - len(unique)), dim=int(vectors.shape[1]),
            unmatched_examples=[given[i] for i in np.flatnonzero(~keep)[:MAX_EXAMPLES]])
        if not len(unique):
            raise InvalidArgument(f"none of the {len(given)} rows of {name} names a catalogued "
                                  f"image of {root.name!r} (e.g. {given[0]!r})", param="file",
                                  fix="give absolute paths, or paths relative to an indexed "
                                      f"folder ({', '.join(root.manifest.roots[:3])})")
        existing = space in spaces.names(root)
        try:
            view = _fill(root, space, existing, name, unique, vectors[rows], method, report)
        except BaseException:
            spaces.forget_unwritten(root, space)
            raise
        finish(view, None, report.notes)
    report.notes.append(f"took {time.perf_counter() - t0:.1f} s")
    return report


def _fill(root, space, existing, name, unique, vectors, method, report):
    """The space's manifest and vectors, replacing what an earlier import left."""
    from ..core.vectors import create as create_vectors
    view = spaces.open_space(root, space, create=True)
    if existing and not spaces.imported(view) and view.manifest.model is not None:
        raise Conflict(f"space {space!r} of {root.name!r} holds vectors embedded by "
                       f"{view.manifest.model.model}", param="space",
                       fix="import into a new space")
    with root.write_lock():
        index = create_vectors("flat", int(vectors.shape[1]))
        index.add(unique, vectors)
        for old in view.dir.glob("postprocess-*.npz"):
            old.unlink()
        (view.dir / "rerank.npz").unlink(missing_ok=True)
        m = view.manifest = Manifest(roots=root.manifest.roots)
        m.model = ModelIdentity(model="imported", weights=name, layer="-",
                                dim=int(vectors.shape[1]), preprocessing="-")
        m.postprocess = {"method": method, "fitted_on": 0}
        m.imported = {"file": name, "rows": report.rows, "matched": report.matched,
                      "at": now()}
        view.cache.clear()
        view.save_manifest()
        with view.vectors_lock():
            view._index, view._model = index, None
            view._unmarked = set()
        view.save_vectors()
    return view
