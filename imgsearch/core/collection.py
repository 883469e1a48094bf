"""A collection open in this process: catalog + vectors + manifest + model, kept in agreement.

This is the one object that owns a collection's data. It is safe to share between threads:
- the catalog gives every call its own DuckDB cursor;
- the in-memory vector index is guarded by a readers-writer lock (searches share it, adding
  or removing vectors takes it alone, briefly);
- every change to vectors, manifest or catalog state goes through one write lock, and one
  writing job (index, map, repair) runs at a time; the next waits in line;
- across processes, an flock on `.lock` names the holder (see locks.py).
Above it, imgsearch/api/ adds the verbs (index, maps, analyses, exports) and front ends call
those; analyses and the pipeline use the public methods here, never the attributes behind them.
"""
from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..config import Config
from ..errors import Conflict, Damaged, ImgsearchError, InvalidArgument, NotFound
from ..results import CollectionInfo, ImageRecord, SearchResult, SkippedFile, plain, records
from . import manifest as manifest_io
from . import spaces as spaces_io
from .locks import ProcessLock, RWLock, WriteLock, wait_in_line
from .opening import load_parts, pretrained_head  # noqa: F401 (a name of this module)
from .search import Text, search as run_search  # noqa: F401 (Text: a name of this module)
from .store import Store
from .vectors import VectorIndex

if TYPE_CHECKING:
    import pandas as pd

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


def check_name(name) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InvalidArgument(f"bad collection name {str(name)[:60]!r}: use letters, digits, "
                              "'.', '_' or '-' (at most 100)", param="collection")
    return name


def list_collections(home: Path) -> list[str]:
    return sorted(p.parent.name for p in Path(home).glob("*/catalog.duckdb")
                  if _NAME.fullmatch(p.parent.name))


class Collection:
    def __init__(self, directory: Path, cfg: Config):
        self.dir, self.cfg, self.name = Path(directory), cfg, Path(directory).name
        self.catalog_path = self.dir / "catalog.duckdb"
        self.manifest_path = self.dir / "manifest.json"
        self.vectors_path = self.dir / "vectors.faiss"
        self._rw, self._job = RWLock(), threading.RLock()
        self._write = WriteLock(f"collection {self.name!r}")
        self._model_lock = threading.Lock()
        self._model = None
        self._index: VectorIndex | None = None
        self._store: Store | None = None
        self._unmarked: set[int] = set()     # vectors stored whose rows are not indexed (yet)
        self.problems: list[Damaged] = []    # damaged parts found on open: fsck repairs them
        self.cache: dict = {}                # fitted map reducers, class centroids: loaded once
        self.discard = False                 # set by a first index run that failed with no row
        self.root, self.space_name = self, spaces_io.DEFAULT   # a space's view: see spaces.py
        self._spaces: dict = {}              # the other spaces' views, opened on first use
        self._lock = ProcessLock(self.dir / ".lock", f"collection {self.name!r}")
        self._lock.acquire()
        try:
            load_parts(self)
        except BaseException:
            self._lock.release()
            raise

    # -- lifecycle ---------------------------------------------------------------------
    @classmethod
    def open(cls, name: str, cfg: Config | None = None, create: bool = False) -> "Collection":
        cfg = cfg or Config.load()
        directory = Path(cfg.home) / check_name(name)
        if not (directory / "catalog.duckdb").exists():
            if not create:
                existing = list_collections(cfg.home)
                hint = f" (existing: {', '.join(existing)})" if existing else ""
                raise NotFound(f"no collection {name!r} under {cfg.home}{hint}",
                               param="collection", fix=f"build one with `imgsearch index DIR "
                                                       f"--collection {name}`")
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise InvalidArgument(f"cannot create {directory} ({e.strerror}): check "
                                      "IMGSEARCH_HOME", param="home") from None
        return cls(directory, cfg)

    def has_rows(self) -> bool:
        """Whether the catalog holds any row: indexed, pending or skipped."""
        return self._store is None or any(self._store.counts().values())

    def is_blank(self) -> bool:
        """Nothing was ever written here: no row and no model."""
        return self.manifest.model is None and not self.has_rows()

    def close(self) -> None:
        """Close after the write in progress; from then on every write is refused (a job
        still running in another thread fails instead of writing), then the lock goes."""
        if self._write.closed or self.root is not self:   # a space's view closes with its collection
            return
        self._write.close()
        if self._store is not None:
            self._store.close()
        try:
            if self.discard:       # a first run failed before writing a row: leave nothing
                shutil.rmtree(self.dir, ignore_errors=True)
        finally:
            self._lock.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def check(self) -> None:
        """Raise the first damage found on open (every verb but fsck starts here)."""
        if self.problems:
            raise self.problems[0]

    @property
    def store(self) -> Store:
        self.check()
        return self._store

    def job(self, stop: threading.Event | None = None):
        """One writing job at a time per collection; the next one waits in line. With `stop`,
        a job still waiting when it is set never starts (Cancelled)."""
        return wait_in_line(self._job, stop)

    def write_lock(self) -> WriteLock:
        """Held around every change to vectors, manifest or catalog state (`with
        col.write_lock():`); refused once the collection is closed."""
        return self._write

    def read_lock(self):
        """Shared with every search while held (`with col.read_lock():`): the vector index
        does not change under it."""
        return self._rw.read()

    def vectors_lock(self):
        """Held alone, briefly, while the in-memory vector index changes."""
        return self._rw.write()

    # -- the model ---------------------------------------------------------------------
    def model(self, runtime: str | None = None):
        """The collection's own model, rebuilt from the manifest and checked against it."""
        from ..features import DEFAULT_MODEL, ModelSpec, load_model
        from ..features.base import LITE_PACKAGES
        self.check()
        spaces_io.refuse_embedding(self)
        with self._model_lock:
            runtime = None if runtime == "auto" else runtime
            if self._model is None or (runtime and self._model.runtime != runtime):
                if not self.manifest.model_args:
                    raise Conflict(f"collection {self.name!r} has no model yet: index some images "
                                   "first", param="collection")
                # collections from before pooling, normalisation and view were recorded used these
                args = {"pooling": "avg", "normalize": "imagenet", **self.manifest.model_args}
                if "view" not in args and args.get("name", DEFAULT_MODEL) in LITE_PACKAGES:
                    args["view"] = "crop"      # Lite models cropped before whole became theirs
                spec = ModelSpec(**args, runtime=runtime or self.cfg.runtime, device=self.cfg.device)
                model = load_model(spec)
                self.check_identity(model.identity())
                self._model = model
            return self._model

    def check_identity(self, identity: dict) -> None:
        """Refuse a model whose identity differs from the one that built these vectors."""
        from .identity import check_identity
        check_identity(self, identity)

    # -- the vectors -------------------------------------------------------------------
    def vectors(self) -> VectorIndex:
        """The vector index (callers hold read_lock() while they use it)."""
        self.check()
        if self._index is None:
            raise Conflict(f"collection {self.name!r} is empty: index some images first",
                           param="collection")
        return self._index

    def indexed_vectors(self, ids=None) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of indexed images (all, or those given): what maps and analyses use."""
        with self._rw.read():
            index = self.vectors()
            if ids is None:
                have, vecs = index.all_vectors()
                keep = ~np.isin(have, list(self._unmarked)) if self._unmarked else slice(None)
                return have[keep], vecs[keep]
            ids = np.asarray(ids, dtype=np.int64)
            spaces_io.present(self, ids)
            return ids, index.reconstruct(ids)

    def unmarked(self) -> list[int]:
        """Ids of vectors stored whose catalog rows are not indexed (yet): searches skip them."""
        return list(self._unmarked)

    def vector_count(self) -> int:
        with self._rw.read():
            return 0 if self._index is None else self._index.ntotal - len(self._unmarked)

    # -- queries -----------------------------------------------------------------------
    def space(self) -> dict | None:
        """The fitted post-processing parameters, or None (raw features), loaded once."""
        pp = self.manifest.postprocess or {}
        name = pp.get("file")
        if not name:
            return None
        cached = self.cache.get("space")
        if cached is None or cached[0] != name:
            from ..features import postprocess
            try:
                cached = self.cache["space"] = (name, postprocess.load(self.dir / name))
            except (OSError, ValueError, KeyError) as e:
                raise Damaged(f"{self.dir / name} cannot be read ({type(e).__name__})",
                              fix="`fsck --repair` re-embeds the images") from None
        return cached[1]

    def postprocess(self, vectors: np.ndarray) -> np.ndarray:
        """Raw model features -> the collection's space (see features.postprocess)."""
        from ..features import postprocess
        return postprocess.apply(self.space(), vectors)

    def raw_vectors(self, ids=None) -> tuple[np.ndarray, np.ndarray]:
        """(ids, raw unit features): the stored vectors mapped back out of the collection's
        space (exact: the transforms are invertible). Duplicates are judged on these."""
        from .streaming import invert_in_place
        ids, vecs = self.indexed_vectors(ids)
        return ids, invert_in_place(self.space(), vecs)

    def _known_ids(self, ids) -> list[int]:
        """ids, checked to be indexed images (NotFound names the first that is not)."""
        found = self.store.indexed_among(ids)
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound(f"no indexed image with id {missing[0]} in {self.name!r}",
                           param="image_id")
        return list(ids)

    def search(self, query, k: int = 10, where: str | None = None, filters: dict | None = None,
               min_score: float | None = None, rerank: str | None = None,
               exclude_self: bool = False, space: str | None = None) -> SearchResult:
        """Top-k most similar indexed images, best first (see search.py), in one of the
        collection's spaces (default: `default`)."""
        target = self if space is None else self.in_space(space)
        return run_search(target, query, k, where, filters, min_score, rerank, exclude_self)

    # -- embedding spaces (spaces.py) ----------------------------------------------------
    def in_space(self, space: str | None = None) -> "Collection":
        """The collection seen through one of its spaces (None or 'default': itself): every
        verb that reads vectors (search, maps, analyses) reads that space's."""
        return spaces_io.open_space(self, space)

    def space_dir(self, space: str | None = None) -> Path:
        """Where a space's files live (the collection's folder for the default space)."""
        return spaces_io.space_dir(self, space)

    # -- catalog reads -----------------------------------------------------------------
    def image(self, image_id: int) -> ImageRecord:
        rows = self.store.records([int(image_id)])
        if not rows:
            raise NotFound(f"no indexed image with id {image_id} in {self.name!r}", param="image_id")
        return ImageRecord(**{k: plain(v) for k, v in rows[0].items()})

    def table(self, where: str | None = None, columns: list[str] | None = None) -> pd.DataFrame:
        """Catalog rows as a DataFrame (all, or those matching a filter)."""
        return self.store.table(where, columns)

    def ids(self, where: str | None = None, filters: dict | None = None) -> np.ndarray:
        out = self.store.filter_ids(where) if where else self.store.ids()
        if filters:
            out = np.intersect1d(out, self.store.filter_by(filters))
        return out

    def columns(self) -> dict[str, str]:
        return self.store.columns()

    def distinct(self, column: str) -> list:
        return self.store.distinct(column)

    def tags(self) -> list[str]:
        return self.store.tag_names()

    def skipped(self) -> list[SkippedFile]:
        return [SkippedFile(**r) for r in records(self.store.skipped())]

    def file_path(self, image_id: int) -> Path:
        """Where an indexed image's file resolves to, if under one of the indexed roots. A name
        to show, never to open: open_file() opens it without following links."""
        from ..beneath import locate
        found = locate(self.image(image_id).path, self.manifest.roots)
        if found is None:
            raise NotFound(f"image {image_id}'s file is outside the indexed folders", param="image_id")
        return Path(found[0]) / found[1]

    def open_file(self, image_id: int) -> tuple[int, os.stat_result, str]:
        """(descriptor, fstat, stored path) of an indexed image's file, opened once beneath
        its root with no symlink followed (see imgsearch/beneath.py). The caller closes it."""
        from ..beneath import open_indexed
        path = self.image(image_id).path
        fd, st = open_indexed(path, self.manifest.roots, self.cfg.max_file_bytes, f"image {image_id}")
        return fd, st, path

    def info(self) -> CollectionInfo:
        from ..features.sources import supports_text
        m = self.manifest
        ident = m.model.model_dump() if m.model else {}
        counts = self._store.counts() if self._store else {}
        maps = sorted(m.maps)
        unmapped = {}
        if self._store is not None:
            for method in maps:
                unmapped[method] = max(0, counts.get("indexed", 0) - len(self._store.coords(method)))
        return CollectionInfo(
            name=self.name, path=str(self.dir), **counts, vectors=self.vector_count(),
            model=ident.get("model"), layer=ident.get("layer"), dim=ident.get("dim"),
            weights=ident.get("weights"), preprocessing=ident.get("preprocessing"),
            runtime=m.runtime, runner=m.runner, postprocess=m.postprocess, metric=m.metric,
            text_search=supports_text(ident),
            index=m.index, maps=maps, unmapped=unmapped, roots=m.roots,
            supervised_maps=sorted(k for k, e in m.maps.items() if (e or {}).get("supervised")),
            **(self._label_info() if self._store is not None else {}),
            created_at=m.created_at, updated_at=m.updated_at,
            problems=[str(p) for p in self.problems], **self._space_info())

    def _space_info(self) -> dict:
        """The spaces, shown once a collection has more than its default one."""
        found = spaces_io.names(self)
        mine = {"space": self.space_name} if self.space_name != spaces_io.DEFAULT else {}
        return {**mine, "spaces": found} if len(found) > 1 else mine

    def _label_info(self) -> dict:
        return {"label_counts": self._store.value_counts("label"),
                "split_counts": self._store.value_counts("split"),
                "predictions": self._store.prediction_count()}

    # -- small writes ------------------------------------------------------------------
    def tag(self, ids, tag: str) -> int:
        with self._write:
            ids = self._known_ids([int(i) for i in ids])
            self.store.add_tags(ids, check_tag(tag))
        return len(ids)

    def untag(self, ids, tag: str) -> int:
        ids = [int(i) for i in ids]
        with self._write:
            self.store.remove_tags(ids, check_tag(tag))
        return len(ids)

    def remove(self, ids) -> int:
        """Remove images by id. Catalog first: a crash leaves orphan vectors, which the next
        open ignores and fsck removes."""
        ids = [int(i) for i in ids]
        with self._write:
            known = set(self.store.files()["image_id"].tolist())
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise NotFound(f"no image with id {', '.join(map(str, unknown[:10]))} in "
                               f"{self.name!r}", param="image_id")
            self.store.delete(ids)
            for col in [self.root, *spaces_io.others(self)]:
                (col.dir / "rerank.npz").unlink(missing_ok=True)
                col.cache.pop("rerank", None)
                if col._index is not None:
                    with col._rw.write():
                        col._index.remove(np.array(ids, dtype=np.int64))
                    col.save_vectors()
        return len(ids)

    # -- persistence (callers hold the write lock) ---------------------------------------
    def save_vectors(self) -> None:
        with self._rw.read():   # saving only reads the index; searches go on meanwhile
            if self._index is not None:
                self._index.save(self.vectors_path)

    def save_manifest(self) -> None:
        manifest_io.save(self.manifest, self.manifest_path)
        if self._store is not None:
            self._store.put_meta(spaces_io.meta_key(self.space_name),
                                 self.manifest.model_dump(mode="json"))


def check_tag(tag: str) -> str:
    if not isinstance(tag, str) or not re.fullmatch(r"[A-Za-z0-9_.:\-]{1,64}", tag):
        raise InvalidArgument(f"bad tag {str(tag)[:70]!r}: use letters, digits and _ . : - "
                              "(at most 64)", param="tag")
    return tag


__all__ = ["Collection", "check_name", "list_collections", "ImgsearchError"]
