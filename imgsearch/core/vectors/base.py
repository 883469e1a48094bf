"""FAISS vectors keyed by image_id; cosine similarity as inner product of L2-normalised vectors.

One class per index kind (kinds.py, ondisk.py; named in registry.py) behind this interface.
What differs between kinds lives in the subclass (how to build, search parameters, removal,
listing ids, which FAISS objects it stores); what is the same (normalising, filtered search,
atomic saves) lives here, once. A kind declares what it can do in the class attributes below,
and callers ask those, never the kind's name.
"""
from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from ...atomic import atomic_write
from ...errors import Damaged, ImgsearchError, ModelMismatch
from ..manifest import disk_error

EXACT_SUBSET_MAX = 50_000   # filtered ANN search below this many ids is done exactly


def normalize(x: np.ndarray) -> np.ndarray:
    """A float32, C-contiguous, L2-normalised copy (the caller's array is never touched)."""
    x = np.array(x, dtype=np.float32, order="C", copy=True, ndmin=2)
    faiss.normalize_L2(x)
    return x


def as_ids(ids) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids,
                                           dtype=np.int64))


class VectorIndex:
    kind = "?"                           # its name in the registry (registry.py)
    # -- what the kind can do --------------------------------------------------------------
    exact = False                        # search is exhaustive: no recall to tune, ever
    min_train = 0                        # vectors it must be trained on before use (0: none)
    supports_range_search = False        # range_search() below works (else: a wide k-NN)
    shuffled_build = False               # built from its rows in a random order (a graph built
                                         # in the collection's order, class after class, is poor)
    tuning_knob: str | None = None       # the FAISS parameter tuned for recall (efSearch, nprobe)
    tuning_grid: tuple = ()              # the values the tuner tries, smallest first

    def __init__(self, index: faiss.Index, params: dict | None = None):
        self.index, self.params = index, dict(params or {})
        self._id_cache: np.ndarray | None = None
        self.apply_params()

    # -- what each kind defines --------------------------------------------------------
    @classmethod
    def create(cls, dim: int, train: np.ndarray | None = None, **options) -> "VectorIndex":
        raise NotImplementedError

    @classmethod
    def recognises(cls, index: faiss.Index) -> bool:
        """Whether a FAISS object read from a vectors file is one this kind writes (the
        registry asks every kind, so what one kind accepts no other may)."""
        raise NotImplementedError

    def tuning_values(self) -> list:
        """The values of tuning_knob the tuner may try on this index."""
        return list(self.tuning_grid)

    def search_parameters(self, selector) -> faiss.SearchParameters | None:
        return faiss.SearchParameters(sel=selector) if selector is not None else None

    def ids(self) -> np.ndarray:
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    def _remove(self, ids: np.ndarray) -> int:
        return int(self.index.remove_ids(faiss.IDSelectorBatch(ids)))

    def memory_bytes(self) -> int:
        raise NotImplementedError

    # -- shared ------------------------------------------------------------------------
    def apply_params(self) -> None:
        """Push tuned parameters (efSearch, nprobe) into FAISS through its ParameterSpace."""
        if self.tuning_knob and self.tuning_knob in self.params:
            faiss.ParameterSpace().set_index_parameters(
                self.index, f"{self.tuning_knob}={int(self.params[self.tuning_knob])}")

    def set_param(self, name: str, value) -> None:
        self.params[name] = value
        self.apply_params()

    @classmethod
    def read(cls, path: str | Path, flags: int = 0) -> faiss.Index:
        """The FAISS object in a vectors file, as this kind reads its own files (flags: FAISS's
        IO_FLAG_* for reading it)."""
        path = Path(path)
        try:
            return faiss.read_index(str(path), flags)
        except RuntimeError as e:
            raise Damaged(f"the vector index {path} cannot be read ({str(e).splitlines()[0][:120]})",
                          fix="`fsck --repair` rebuilds it from the stored images") from None

    @classmethod
    def wrap(cls, index: faiss.Index, params: dict | None = None) -> "VectorIndex":
        """This kind around a FAISS object it recognises (read from its file)."""
        return cls(index, params)

    @classmethod
    def load(cls, path: str | Path, params: dict | None = None) -> "VectorIndex":
        return cls.wrap(cls.read(path), params)

    def save(self, path: str | Path) -> None:
        """Write to a temp file, fsync, then rename: a crash leaves the old or the new file,
        and a failure (a full disk) leaves no temp file behind."""
        path = Path(path)
        try:
            atomic_write(path, lambda f: faiss.write_index(self.index,
                                                           faiss.PyCallbackIOWriter(f.write)))
        except RuntimeError as e:          # FAISS reports a failed write as RuntimeError
            raise disk_error(path, OSError(28 if "space" in str(e).lower() else 5, str(e))) from None
        except OSError as e:
            raise disk_error(path, e) from None

    @property
    def dim(self) -> int:
        return self.index.d

    @property
    def ntotal(self) -> int:
        return self.index.ntotal

    def add(self, ids, vectors: np.ndarray) -> None:
        """Add (or replace) vectors; re-adding an id never duplicates it."""
        ids = as_ids(ids)
        if ids.size == 0:
            return
        vectors = self._checked(vectors)
        self.remove(ids)
        self._append(ids, vectors)

    def append(self, ids, vectors: np.ndarray) -> None:
        """Add vectors under ids the index does not hold, without add's look for them: the
        caller has removed them (an index run drops its images' old vectors before the first
        batch). That look is a scan of every stored id on a flat index, once a batch."""
        ids = as_ids(ids)
        if ids.size:
            self._append(ids, self._checked(vectors))

    def _append(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self.index.add_with_ids(vectors, ids)
        self._id_cache = None

    def _checked(self, vectors: np.ndarray) -> np.ndarray:
        vectors = normalize(vectors)
        if vectors.shape[1] != self.dim:
            raise ModelMismatch(f"vectors have {vectors.shape[1]} dimensions, the index has {self.dim}")
        return vectors

    def remove(self, ids) -> int:
        ids = as_ids(ids)
        if ids.size == 0 or self.ntotal == 0:
            return 0
        self._id_cache = None
        return self._remove(ids)

    def reserve(self, more: int) -> None:
        """Room for `more` vectors in the storage of a flat or HNSW index, made now in one
        allocation: grown by doubling as batches arrive, the storage would exist twice at each
        reallocation (the old and the new buffer), a second copy of the collection at the
        moment of the last one. Growing the storage and shrinking it back keeps the capacity
        (a std::vector never gives it back on shrink). Nothing for other kinds, nor for
        storage mapped from a file."""
        if more <= 0 or not isinstance(self.index, faiss.IndexIDMap2):
            return
        inner = faiss.downcast_index(self.index.index)
        if isinstance(inner, faiss.IndexHNSW):
            inner = faiss.downcast_index(inner.storage)
        codes = getattr(inner, "codes", None) if isinstance(inner, faiss.IndexFlat) else None
        if codes is None or not hasattr(codes, "owned_data") or not codes.is_owned:
            return
        size = codes.size()
        codes.resize(size + more * inner.code_size)
        codes.resize(size)

    def reconstruct(self, ids) -> np.ndarray:
        """The stored vectors of ids, in order (one FAISS call; a search's 100 candidates)."""
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        try:
            return self.index.reconstruct_batch(ids)
        except RuntimeError:
            pass
        for i in ids:         # name the id FAISS does not know
            try:
                self.index.reconstruct(int(i))
            except RuntimeError:
                raise ImgsearchError(f"image_id {i} has no vector in the index") from None
        raise ImgsearchError("the index could not return the vectors asked for")

    def all_vectors(self, batch: int = 65536) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of everything stored (approximate for compressed kinds)."""
        ids = self.ids()
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        inner = faiss.downcast_index(self.index.index)
        for start in range(0, len(ids), batch):
            n = min(batch, len(ids) - start)
            out[start:start + n] = inner.reconstruct_n(start, n)
        return ids, out

    def search(self, queries: np.ndarray, k: int, subset: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, ids) per query, best first; -1 ids pad when fewer than k exist.

        subset restricts the search to those ids (an IDSelector inside FAISS), so k results
        come back whenever k of them exist. Approximate kinds search a small subset exactly:
        a graph or a few probed lists can miss most of a 1% filter.
        """
        q = normalize(queries)
        if q.shape[1] != self.dim:
            raise ModelMismatch(f"the query has {q.shape[1]} dimensions, the collection {self.dim}")
        k = max(1, min(int(k), max(self.ntotal, 1)))
        selector = None
        if subset is not None:
            subset = as_ids(subset)
            if subset.size == 0:
                return (np.full((len(q), k), -np.inf, dtype=np.float32),
                        np.full((len(q), k), -1, dtype=np.int64))
            if not self.exact and subset.size <= EXACT_SUBSET_MAX:
                return self._exact_subset(q, k, subset)
            selector = faiss.IDSelectorBatch(subset)
        scores, ids = self._search(q, k, selector)
        return np.clip(scores, -1.0, 1.0), ids

    def _search(self, q, k, selector):
        return self.index.search(q, k, params=self.search_parameters(selector))

    def range_search(self, queries: np.ndarray, radius: float
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every stored vector with similarity above radius, per query, in FAISS's layout:
        (lims, scores, ids), query i's results at lims[i]:lims[i + 1]. Only for kinds that
        declare supports_range_search."""
        if not self.supports_range_search:
            raise NotImplementedError(f"{self.kind} indexes have no range search")
        return self.index.range_search(normalize(queries), float(radius))

    def _exact_subset(self, q, k, subset):
        present = subset[np.isin(subset, self.ids())]
        if not len(present):
            return (np.full((len(q), k), -np.inf, dtype=np.float32),
                    np.full((len(q), k), -1, dtype=np.int64))
        vecs = normalize(self.reconstruct(present))
        scores, pos = faiss.knn(q, vecs, min(k, len(present)), metric=faiss.METRIC_INNER_PRODUCT)
        ids = np.where(pos >= 0, present[np.clip(pos, 0, None)], -1)
        if ids.shape[1] < k:
            pad = k - ids.shape[1]
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
            scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
        return np.clip(scores, -1.0, 1.0), ids
