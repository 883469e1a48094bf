"""IVF-PQ whose inverted lists live on disk, memory-mapped: an index larger than RAM.

  kind "ivfpq-ondisk"   (`--index ivfpq-ondisk`)

What stays in RAM is the coarse quantizer (nlist x dim floats) and the PQ codebooks; the
codes and ids of every list are in `<vectors file>.<generation>.ivfdata`, read through the
page cache (FAISS `OnDiskInvertedLists`, as autofaiss builds its 200M-vector indexes), so a
process whose memory is capped below the index size still searches it: the kernel keeps the
lists it touches and drops the rest.

Two ways in:
- `build_from_shards(path, train, shards)`: train on a sample, encode each shard of vectors
  into a small IVF file of its own, then merge the inverted lists on disk
  (`faiss.contrib.ondisk.merge_ondisk`). Peak memory is one shard plus the quantizer, however
  many vectors there are. This is how a billion-image index is built (docs/scaling.md).
- through a collection (`ensure_index` with `--index ivfpq-ondisk`): the tuner builds the
  index in memory from the collection's vectors (they are in memory there anyway), and the
  first save spills it to disk.

Changes after that: the on-disk generation is never written again. New vectors go to a small
in-memory IVF with the same training (the "delta"); removed ids of the on-disk part become
tombstones, excluded from every search by an IDSelector (so filters and removal keep working
inside FAISS). `save` writes a new generation: the on-disk lists and the delta merged into a
new file (`OnDiskInvertedLists.merge_from_multiple`, list by list, never all in RAM), the
tombstones removed from it, then the small index file written and renamed over the old one;
the old generation is deleted only after that rename, so a crash leaves the old or the new
index, each with its data file. Like every kind, a save costs a pass over the whole index.

Where FAISS cannot help: `reconstruct` and `remove` need to know where an id is. There is no
direct map on disk (a hashtable would put ~40 bytes per vector back in RAM), so the first
call reads the id column of every list (8 bytes per vector, through the mmap) and keeps a
sorted copy with each id's (list, offset): 16 bytes per vector in RAM from then on. Plain
searches never load it.
"""
from __future__ import annotations

import contextlib
import threading
import uuid
from pathlib import Path

import faiss
import numpy as np

from ...errors import Damaged, ImgsearchError, InvalidArgument
from ..manifest import disk_error
from ...atomic import atomic_write
from .base import VectorIndex, as_ids, normalize
from .kinds import IvfIndex, IvfPqIndex, on_disk_lists
from .ondisk_lists import (append_lists, data_files, decode, empty_like, fsync_file, list_codes,
                           list_ids, merge_ranges, quiet_stdout)

FIX = "`fsck --repair` rebuilds it from the stored images"


class OnDiskIvfPqIndex(VectorIndex):
    kind = "ivfpq-ondisk"
    tuning_knob = "nprobe"
    tuning_grid = IvfIndex.tuning_grid
    tuning_values = IvfIndex.tuning_values
    min_train = IvfIndex.min_train
    supports_range_search = True

    def __init__(self, index, params=None, base=None, data_path: Path | None = None):
        # self.index: the in-memory delta (new vectors since the last save); base: the
        # memory-mapped generation (or None before the first save)
        self.base, self.data_path = base, data_path
        self.tombstones = np.empty(0, np.int64)        # sorted ids removed from base
        self._located: tuple[np.ndarray, np.ndarray] | None = None   # base ids -> (list, offset)
        self._locate_lock = threading.Lock()
        self._swap = threading.Lock()     # a search takes (base, delta, tombstones) together
        self._dirty = base is None
        super().__init__(index, params)

    # -- building --------------------------------------------------------------------------
    @classmethod
    def create(cls, dim, train=None, nlist: int | None = None, pq_m: int | None = None,
               **options) -> "OnDiskIvfPqIndex":
        return cls.from_trained(IvfPqIndex.create(dim, train=train, nlist=nlist, pq_m=pq_m))

    @classmethod
    def from_trained(cls, trained: IvfPqIndex) -> "OnDiskIvfPqIndex":
        """An empty index with the training (quantizer and codebooks, copied) and params of an
        in-memory IVF-PQ, whatever that one holds: a switch between the two trains nothing."""
        inner = empty_like(trained.index)
        inner.set_direct_map_type(faiss.DirectMap.NoMap)
        return cls(inner, trained.params)

    @classmethod
    def recognises(cls, index) -> bool:
        return isinstance(index, faiss.IndexIVFPQ) and on_disk_lists(index)

    def apply_params(self) -> None:
        """nprobe on both parts; prefetch_threads: FAISS starts that many threads per search
        to read the probed lists ahead (32 by default). Measured here on a warm page cache it
        costs 1.2 ms a query against 0.06 ms without, so it is off unless asked for (it may
        pay on a cold, high-latency disk: bench_scale.py measures both)."""
        super().apply_params()
        if self.base is not None:
            if "nprobe" in self.params:
                faiss.ParameterSpace().set_index_parameters(
                    self.base, f"nprobe={int(self.params['nprobe'])}")
            lists = faiss.downcast_InvertedLists(self.base.invlists)
            if isinstance(lists, faiss.OnDiskInvertedLists):
                lists.prefetch_nthread = int(self.params.get("prefetch_threads", 0))

    # -- sizes -----------------------------------------------------------------------------
    @property
    def ntotal(self) -> int:
        base = self.base.ntotal if self.base is not None else 0
        return int(base - len(self.tombstones) + self.index.ntotal)

    def memory_bytes(self) -> int:
        """RAM it needs: quantizer, codebooks, the unsaved delta, tombstones (the id locator,
        16 bytes per vector, only once reconstruct or remove ran)."""
        ivf = self.index
        fixed = ivf.nlist * self.dim * 4 + ivf.pq.M * ivf.pq.ksub * ivf.pq.dsub * 4
        located = 0 if self._located is None else 16 * len(self._located[0])
        return int(fixed + ivf.ntotal * (ivf.code_size + 8) + 8 * len(self.tombstones) + located)

    def disk_bytes(self) -> int:
        return self.data_path.stat().st_size if self.data_path and self.data_path.exists() else 0

    # -- where ids are ---------------------------------------------------------------------
    def _locate_base(self) -> tuple[np.ndarray, np.ndarray]:
        """(sorted ids of base, their list << 32 | offset), read once from the lists."""
        with self._locate_lock:
            if self._located is None:
                lists = self.base.invlists
                ids, locs = [], []
                for l in range(self.base.nlist):
                    part = list_ids(lists, l)
                    if len(part):
                        ids.append(part)
                        locs.append((np.int64(l) << 32) | np.arange(len(part), dtype=np.int64))
                ids = np.concatenate(ids) if ids else np.empty(0, np.int64)
                locs = np.concatenate(locs) if locs else np.empty(0, np.int64)
                order = np.argsort(ids, kind="stable")
                self._located = (ids[order], locs[order])
            return self._located

    def _in_base(self, ids: np.ndarray) -> np.ndarray:
        """Mask: which ids are live in the on-disk part."""
        if self.base is None or self.base.ntotal == 0:
            return np.zeros(len(ids), bool)
        sorted_ids, _ = self._locate_base()
        pos = np.clip(np.searchsorted(sorted_ids, ids), 0, max(len(sorted_ids) - 1, 0))
        found = sorted_ids[pos] == ids if len(sorted_ids) else np.zeros(len(ids), bool)
        return found & ~np.isin(ids, self.tombstones)

    def ids(self) -> np.ndarray:
        parts = [list_ids(self.index.invlists, l) for l in range(self.index.nlist)]
        delta = np.concatenate(parts) if parts else np.empty(0, np.int64)
        if self.base is None:
            return delta
        base, _ = self._locate_base()
        if len(self.tombstones):
            base = base[~np.isin(base, self.tombstones)]
        return np.concatenate([base, delta])

    # -- changes ---------------------------------------------------------------------------
    def _append(self, ids, vectors) -> None:
        super()._append(ids, vectors)
        self._dirty = True

    def _remove(self, ids: np.ndarray) -> int:
        removed = int(self.index.remove_ids(faiss.IDSelectorBatch(ids)))
        gone = np.unique(ids[self._in_base(ids)])
        if len(gone):
            self.tombstones = np.union1d(self.tombstones, gone)
        if removed or len(gone):
            self._dirty = True
        return removed + len(gone)

    # -- reading vectors back --------------------------------------------------------------
    def reconstruct(self, ids) -> np.ndarray:
        ids = as_ids(ids)
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        todo = np.ones(len(ids), bool)
        code_size = self.index.code_size
        if self.index.ntotal:
            for l in range(self.index.nlist):
                have = list_ids(self.index.invlists, l)
                if not len(have):
                    continue
                hit = np.isin(ids, have) & todo
                if hit.any():
                    where = {int(v): i for i, v in enumerate(have)}
                    offs = np.array([where[int(v)] for v in ids[hit]])
                    out[hit] = decode(self.index, l, list_codes(self.index.invlists, l, code_size)[offs])
                    todo &= ~hit
        if todo.any():
            live = self._in_base(ids) & todo
            if (todo & ~live).any():
                missing = ids[todo & ~live][0]
                raise ImgsearchError(f"image_id {missing} has no vector in the index")
            sorted_ids, locs = self._locate_base()
            loc = locs[np.searchsorted(sorted_ids, ids[live])]
            lists, offsets = loc >> 32, loc & 0xFFFFFFFF
            rows = np.flatnonzero(live)
            for l in np.unique(lists):
                sel = lists == l
                codes = list_codes(self.base.invlists, int(l), code_size)[offsets[sel]]
                out[rows[sel]] = decode(self.base, int(l), codes)
        return out

    def all_vectors(self, batch: int = 65536):
        ids = self.ids()
        return ids, self.reconstruct(ids)

    # -- search ----------------------------------------------------------------------------
    def search_parameters(self, selector):
        return faiss.SearchParametersIVF(nprobe=int(self.params.get("nprobe", 16)), sel=selector)

    def _parts(self, selector):
        """[(FAISS index, search parameters)] for the delta and the on-disk part, taken
        together (a save swaps them); the on-disk part's filter also drops its tombstones.
        The second item keeps FAISS's selector objects alive while the parameters are used."""
        with self._swap:
            base, delta, tombstones = self.base, self.index, self.tombstones
        parts, keep = [], []
        if delta.ntotal:
            parts.append((delta, self.search_parameters(selector)))
        if base is not None and base.ntotal:
            sel = selector
            if len(tombstones):
                dead = faiss.IDSelectorBatch(tombstones)
                alive = faiss.IDSelectorNot(dead)
                keep = [dead, alive]
                sel = alive if selector is None else faiss.IDSelectorAnd(selector, alive)
            parts.append((base, self.search_parameters(sel)))
        return parts, keep

    def _search(self, q, k, selector):
        """Both parts, each searched with the same nprobe and filter, merged by score."""
        parts, keep = self._parts(selector)
        found = [index.search(q, k, params=params) for index, params in parts]
        del keep
        if not found:
            return (np.full((len(q), k), -np.inf, np.float32), np.full((len(q), k), -1, np.int64))
        if len(found) == 1:
            return found[0]
        scores = np.hstack([p[0] for p in found])
        ids = np.hstack([p[1] for p in found])
        scores = np.where(ids >= 0, scores, -np.inf).astype(np.float32)
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(scores, order, 1), np.take_along_axis(ids, order, 1)

    def range_search(self, queries, radius):
        """Both parts' range searches, each query's results together."""
        q = normalize(queries)
        parts, keep = self._parts(None)
        found = [index.range_search(q, float(radius), params=params) for index, params in parts]
        del keep
        return merge_ranges(found, len(q))

    # -- persistence -----------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """A new generation when anything changed (or the target moved); otherwise nothing
        to write."""
        path = Path(path).resolve()
        if (not self._dirty and self.data_path is not None and path.exists()
                and self.data_path.parent == path.parent
                and self.data_path.name.startswith(path.name + ".")):
            return
        data = path.with_name(f"{path.name}.{uuid.uuid4().hex[:12]}.ivfdata")
        try:
            fresh = empty_like(self.index)
            lists = faiss.OnDiskInvertedLists(fresh.nlist, fresh.code_size, str(data))
            # the old generation (or, the first time, the delta) is merged list by list;
            # tombstones go; then the delta's entries are appended (a removed id may have
            # been added again: its new vector is in the delta)
            first = self.base if self.base is not None else self.index
            sources = faiss.InvertedListsPtrVector()
            sources.push_back(first.invlists)
            with quiet_stdout():
                total = lists.merge_from_multiple(sources.data(), sources.size(), False)
                fresh.replace_invlists(lists, True)
                lists.this.disown()
                fresh.ntotal = total
                if len(self.tombstones):
                    fresh.remove_ids(faiss.IDSelectorBatch(self.tombstones))
                if first is not self.index and self.index.ntotal:
                    append_lists(fresh, self.index)
            fsync_file(data)                 # the lists first: the index names their file
            atomic_write(path, _writer(fresh))
        except RuntimeError as e:
            data.unlink(missing_ok=True)
            raise disk_error(path, OSError(28 if "space" in str(e).lower() else 5, str(e))) from None
        except OSError as e:
            data.unlink(missing_ok=True)
            raise disk_error(path, e) from None
        # the new generation is in place: serve from it with a fresh delta, drop old files.
        # Objects are replaced, never changed in place: a search running meanwhile (the
        # collection saves under its read lock) finishes on the ones it took.
        delta = empty_like(self.index)
        delta.set_direct_map_type(faiss.DirectMap.NoMap)
        with self._swap:
            self.base, self.index, self.data_path = fresh, delta, data
            self.tombstones = np.empty(0, np.int64)
            self._located, self._dirty = None, False
        self._id_cache = None
        self.apply_params()
        for old in data_files(path):
            if old != data:
                old.unlink(missing_ok=True)

    @classmethod
    def read(cls, path: str | Path) -> faiss.Index:
        """The memory-mapped generation, read-only (it is never written again)."""
        path = Path(path)
        try:
            try:
                return faiss.read_index(str(path), faiss.IO_FLAG_READ_ONLY)
            except RuntimeError:
                # the stored data path is absolute: a moved collection finds it next to the file
                with quiet_stdout():
                    return faiss.read_index(str(path), faiss.IO_FLAG_READ_ONLY
                                            | faiss.IO_FLAG_ONDISK_SAME_DIR)
        except RuntimeError as e:
            found = ", ".join(p.name for p in data_files(path)) or "none"
            raise Damaged(f"the on-disk vector index {path} or its data file cannot be read "
                          f"({str(e).splitlines()[0][:120]}; data files there: {found})",
                          fix=FIX) from None

    @classmethod
    def wrap(cls, base, params=None) -> "OnDiskIvfPqIndex":
        """Serve a read generation, with an empty delta for what is added next."""
        if not isinstance(base, faiss.IndexIVFPQ):
            raise Damaged(f"the vector index is not an IVF-PQ index ({type(base).__name__})",
                          fix=FIX)
        lists = faiss.downcast_InvertedLists(base.invlists)
        data = Path(lists.filename) if isinstance(lists, faiss.OnDiskInvertedLists) else None
        delta = empty_like(base)
        delta.set_direct_map_type(faiss.DirectMap.NoMap)
        return cls(delta, params, base=base, data_path=data)


def build_from_shards(path: str | Path, train: np.ndarray | None, shards, nlist: int | None = None,
                      pq_m: int | None = None, workdir: str | Path | None = None,
                      progress=None, trained: OnDiskIvfPqIndex | None = None) -> OnDiskIvfPqIndex:
    """Build an on-disk IVF-PQ at path with bounded memory.

    train: a sample of the vectors (at least 39 per list; 1000 minimum), or trained: an empty
    index already trained (OnDiskIvfPqIndex.create). shards: an iterable of (ids, vectors)
    chunks, e.g. the Parquet shards of a Ray run or slices of a memory-mapped array; each is
    encoded into its own small IVF file, then all are merged on disk.
    progress(stage, done, total) with stage "train", "encode" or "merge"."""
    from faiss.contrib.ondisk import merge_ondisk
    path = Path(path).resolve()
    progress = progress or (lambda stage, done, total: None)
    if trained is None:
        train = np.asarray(train, dtype=np.float32)
        if train.ndim != 2:
            raise InvalidArgument("train must be a 2-d array of vectors", param="train")
        progress("train", 0, 1)
        trained = OnDiskIvfPqIndex.create(train.shape[1], train, nlist=nlist, pq_m=pq_m)
        progress("train", 1, 1)
    elif trained.ntotal:
        raise InvalidArgument("the trained index must be empty", param="trained")
    work = Path(workdir) if workdir else path.with_name(path.name + ".shards")
    work.mkdir(parents=True, exist_ok=True)
    names = []
    try:
        for i, (ids, vectors) in enumerate(shards):
            part = faiss.clone_index(trained.index)
            part.add_with_ids(normalize(vectors), as_ids(ids))
            name = work / f"shard-{i:05d}.index"
            faiss.write_index(part, str(name))
            names.append(str(name))
            del part
            progress("encode", i + 1, 0)
        progress("merge", 0, 1)
        data = path.with_name(f"{path.name}.{uuid.uuid4().hex[:12]}.ivfdata")
        merged = faiss.clone_index(trained.index)
        with quiet_stdout():
            merge_ondisk(merged, names, str(data))
        fsync_file(data)
        atomic_write(path, _writer(merged))
        del merged
        for old in data_files(path):
            if old != data:
                old.unlink(missing_ok=True)
        progress("merge", 1, 1)
    finally:
        for name in names:
            Path(name).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            work.rmdir()
    return OnDiskIvfPqIndex.load(path, trained.params)


def _writer(index):
    """FAISS writes through a callback into the atomic file's descriptor, never by path."""
    return lambda f: faiss.write_index(index, faiss.PyCallbackIOWriter(f.write))
