"""Named embedding spaces of one collection: several sets of vectors over the same catalogued
images (one per model, checkpoint, layer or pooling, or vectors imported from a file).

What a space owns: its manifest (model, post-processing, index kind, maps), its FAISS index,
its post-processing parameters, its re-ranking graph, its map files and its predictions. What
every space shares: the catalog (paths, hashes, labels, splits, tags, imported metadata), the
locks and the indexed folders.

The space named `default` is the collection as it always was: its files are the collection's
own (`col.dir`), so a collection written before spaces existed opens as one space, unchanged
on disk. Every other space lives in `<collection>/spaces/<name>/` (`space_dir()`, the one
place that mapping is written). A space is opened as a view of the collection
(`col.in_space(name)`): a Collection object whose vector files, manifest, model and caches are
the space's, and whose catalog, locks and indexed folders are the collection's, so every stage
that takes a collection (search, maps, refit, index choice, re-ranking) works on a space as
it is.
"""
from __future__ import annotations

import copy
import re
import shutil
import threading
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from ..errors import Conflict, Damaged, InvalidArgument, ModelMismatch, NotFound
from . import manifest as manifest_io
from .locks import RWLock

DEFAULT = "default"
FOLDER = "spaces"
PREDICTIONS = "predictions.parquet"     # a non-default space's own class predictions
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_OPENING = threading.Lock()      # one view per space, however many threads open it at once


class SpaceInfo(BaseModel):
    """One space of a collection, as `imgsearch spaces` lists it."""
    name: str
    model: str | None = None
    layer: str | None = None
    weights: str | None = None
    dim: int | None = None
    vectors: int = 0
    missing: int = 0                 # indexed images without a vector in this space
    postprocess: str | None = None
    index: str | None = None
    maps: list[str] = []
    supervised_maps: list[str] = []  # maps fitted with the labels (UMAP's target)
    imported: dict | None = None     # where imported vectors came from (no model to embed with)
    predictions: int = 0             # images with a class prediction of this space's own head
    path: str = ""


class VectorImport(BaseModel):
    """What `import-vectors` did: rows read, matched to catalogued images, and not."""
    space: str
    rows: int = 0
    matched: int = 0
    unmatched: int = 0
    duplicates: int = 0              # rows naming an image an earlier row already gave
    dim: int = 0
    unmatched_examples: list[str] = []
    notes: list[str] = []

    def summary(self) -> str:
        out = (f"space {self.space!r}: imported {self.matched} vectors ({self.dim}-d) of "
               f"{self.rows} rows; {self.unmatched} rows matched no catalogued image")
        if self.duplicates:
            out += f"; {self.duplicates} rows repeated an image (the first kept)"
        return out


def check_space(name) -> str:
    """A space name (None: the default space)."""
    if name is None:
        return DEFAULT
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InvalidArgument(f"bad space name {str(name)[:60]!r}: use letters, digits, '.', "
                              "'_' or '-' (at most 64)", param="space")
    return name


def space_dir(col, name: str | None) -> Path:
    """Where a space's files live: the collection's own folder for `default`, else
    `<collection>/spaces/<name>/`."""
    name = check_space(name)
    root = col.root
    return root.dir if name == DEFAULT else root.dir / FOLDER / name


def names(col) -> list[str]:
    """Every space of the collection: `default` first, then the others by name."""
    folder = col.root.dir / FOLDER
    found = sorted(p.parent.name for p in folder.glob("*/manifest.json")
                   if _NAME.fullmatch(p.parent.name) and p.parent.name != DEFAULT)
    return [DEFAULT, *found]


def meta_key(name: str) -> str:
    """The catalog's key for a space's manifest copy (fsck restores a lost manifest from it)."""
    return "manifest" if name == DEFAULT else f"manifest.space.{name}"


def open_space(col, name: str | None, create: bool = False):
    """The collection seen through one of its spaces (cached: one view per space, so that a
    space's index is loaded once and its writes are seen by its searches)."""
    root = col.root
    name = check_space(name)
    if name == DEFAULT:
        return root
    with _OPENING:
        view = root._spaces.get(name)
        if view is not None:
            return view
        folder = space_dir(root, name)
        if not (folder / "manifest.json").exists():
            if not create:
                raise NotFound(f"collection {root.name!r} has no space {name!r} (spaces: "
                               f"{', '.join(names(root))})", param="space",
                               fix=f"add it with `imgsearch index DIR -c {root.name} --space "
                                   f"{name} --model ...` or `imgsearch import-vectors`")
            folder.mkdir(parents=True, exist_ok=True)
        view = root._spaces[name] = _view(root, name, folder)
        return view


class SpaceStore:
    """The catalog as a non-default space sees it: the same rows, labels and tags, but map
    coordinates of its own (kept under `<space>:<method>` in the shared coords table), and no
    write to the per-image columns that hold the default space's results."""

    def __init__(self, store, space: str):
        self._inner, self._prefix = store, f"{space}:"

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def coords(self, method: str):
        return self._inner.coords(self._prefix + method)

    def write_coords(self, method: str, ids, xy, replace: bool) -> None:
        self._inner.write_coords(self._prefix + method, ids, xy, replace)

    def coord_methods(self) -> list[str]:
        return [m[len(self._prefix):] for m in self._inner.coord_methods()
                if m.startswith(self._prefix)]

    def write_signal(self, table: str, df) -> None:
        raise Conflict(f"an analysis of space {self._prefix[:-1]!r} is not saved: the catalog's "
                       "columns hold the default space's results", param="save",
                       fix="compute it without saving, or in the default space")


def forget_unwritten(col, name: str) -> None:
    """A space whose first run failed before its manifest was written leaves nothing."""
    root = col.root
    if not (space_dir(root, name) / "manifest.json").exists():
        root._spaces.pop(name, None)
        shutil.rmtree(space_dir(root, name), ignore_errors=True)


def _view(root, name: str, folder: Path):
    from .opening import load_space_parts
    view = copy.copy(root)             # shares the catalog, the locks and the lock file
    view.space_name, view.dir = name, folder
    view.manifest_path, view.vectors_path = folder / "manifest.json", folder / "vectors.faiss"
    view._rw, view._model_lock = RWLock(), threading.Lock()
    view._model, view._index, view._unmarked = None, None, set()
    view.cache, view.discard = {}, False
    view.problems = list(root.problems)
    if root._store is not None:
        view._store = SpaceStore(root._store, name)
    load_space_parts(view)
    view.manifest.roots = root.manifest.roots   # the indexed folders are the collection's
    return view


def create_manifest(view, identity: dict, model_args: dict | None) -> None:
    """A new space's first manifest (written before its first vector)."""
    m = view.manifest
    m.model = manifest_io.ModelIdentity(**identity)
    m.model_args = model_args
    view.save_manifest()


def imported(col) -> dict | None:
    """Where a space's vectors were imported from, or None (embedded by its model)."""
    return getattr(col.manifest, "imported", None)


def refuse_embedding(col) -> None:
    """A space of imported vectors has no model to embed a query or an image with."""
    info = imported(col)
    if info:
        raise Conflict(f"space {col.space_name!r} of {col.name!r} holds vectors imported from "
                       f"{info.get('file')}: there is no model to embed an image with",
                       param="space", fix="search it by image id or by vector")


def check_query_vector(col, vec: np.ndarray) -> None:
    """A query vector must have this space's dimension; one of another space's is refused with
    both spaces named."""
    dim = col.manifest.dim
    if not dim or vec.shape[1] == dim:
        return
    others = [n for n in names(col) if n != col.space_name
              and _dim_of(col, n) == vec.shape[1]]
    mine = f"space {col.space_name!r} of {col.name!r} has {dim} ({col.manifest.model.model})"
    if others:
        which = (f"space {others[0]!r} has" if len(others) == 1 else
                 f"spaces {', '.join(map(repr, others))} have")
        raise ModelMismatch(f"the vector has {vec.shape[1]} dimensions, as {which}; {mine}",
                            param="vector", fix=f"search it in space {others[0]!r}"
                                                + (" or another of those" if len(others) > 1 else ""))
    raise ModelMismatch(f"the vector has {vec.shape[1]} dimensions; {mine}", param="vector")


def _dim_of(col, name: str) -> int | None:
    try:
        return open_space(col, name).manifest.dim
    except (Damaged, NotFound):
        return None


def present(col, ids) -> None:
    """Refuse ids that have no vector in this space (images indexed after the space was
    made, or whose file this space's model could not read)."""
    if col.space_name == DEFAULT or col._index is None:
        return
    have = col._index.ids()
    missing = np.setdiff1d(np.asarray(ids, dtype=np.int64), have)
    if len(missing):
        raise NotFound(f"image {int(missing[0])} has no vector in space {col.space_name!r}",
                       param="image_id", fix=f"run `imgsearch index DIR -c {col.name} "
                                             f"--space {col.space_name}` to embed the new images")


def info(col) -> SpaceInfo:
    m = col.manifest
    ident = m.model.model_dump() if m.model else {}
    indexed = col._store.counts().get("indexed", 0) if col._store is not None else 0
    count = col.vector_count()
    return SpaceInfo(name=col.space_name, model=ident.get("model"), layer=ident.get("layer"),
                     weights=ident.get("weights"), dim=ident.get("dim"), vectors=count,
                     missing=max(0, indexed - count),
                     postprocess=(m.postprocess or {}).get("method"),
                     index=(m.index or {}).get("type"), maps=sorted(m.maps),
                     supervised_maps=sorted(k for k, e in m.maps.items() if (e or {}).get("supervised")),
                     imported=imported(col), predictions=_prediction_count(col),
                     path=str(col.dir))


def _prediction_count(col) -> int:
    """The default space's predictions are the catalog's; another space's are its file's."""
    if col.space_name == DEFAULT:
        return col._store.prediction_count() if col._store is not None else 0
    path = col.dir / PREDICTIONS
    if not path.exists():
        return 0
    import pyarrow.parquet as pq
    return pq.ParquetFile(path).metadata.num_rows


def listing(col) -> list[SpaceInfo]:
    return [info(open_space(col, n)) for n in names(col)]


def remove_space(col, name: str) -> None:
    """Remove one space's files (its vectors, manifest, maps, predictions); the catalog and
    every other space stay. The default space is the collection's own files: it is not
    removed (delete the collection instead)."""
    root = col.root
    name = check_space(name)
    if name == DEFAULT:
        raise InvalidArgument(f"the default space of {root.name!r} holds the collection's own "
                              "files and is not removed", param="space",
                              fix="remove the other spaces by name, or delete the collection")
    if name not in names(root):
        open_space(root, name)         # NotFound, naming the spaces there are
    with root.job(), root.write_lock():
        view = root._spaces.pop(name, None)
        if view is not None:
            with view.vectors_lock():
                view._index = None
        shutil.rmtree(space_dir(root, name))
        if root._store is not None:
            with root._store.transaction() as cur:
                cur.execute("DELETE FROM meta WHERE key = ?", [meta_key(name)])
                cur.execute("DELETE FROM coords WHERE starts_with(method, ?)", [f"{name}:"])


def others(col) -> list:
    """Views of every space but the default (opened), for writes that reach all spaces."""
    out = []
    for n in names(col)[1:]:
        try:
            out.append(open_space(col, n))
        except Damaged:
            continue
    return out
