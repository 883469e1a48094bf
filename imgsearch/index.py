"""FAISS vectors keyed by image_id, cosine similarity via L2-normalised inner product.

Three kinds, one interface:
  flat   IndexIDMap2(IndexFlatIP): exact; the default below ~200k vectors
  hnsw   IndexIDMap2(IndexHNSWFlat): graph ANN; efSearch tuned for recall; removal = rebuild
  ivfsq  IndexIVFScalarQuantizer (8-bit, 4x smaller than flat): when memory is short
  ivfpq  IndexIVFPQ (16x smaller): when even that does not fit; recall is lower, and measured
The IVF kinds keep native ids with a hashtable direct map (reconstruct and remove work).
"""
from __future__ import annotations

import os
from pathlib import Path

import faiss
import numpy as np

from .errors import ImgsearchError, ModelMismatch

KINDS = ("flat", "hnsw", "ivfsq", "ivfpq")
IVF_KINDS = ("ivfsq", "ivfpq")
EXACT_SUBSET_MAX = 50_000   # filtered ANN search below this many ids is done exactly


def normalize(x: np.ndarray) -> np.ndarray:
    """A float32, C-contiguous, L2-normalised copy (the caller's array is never touched)."""
    x = np.array(x, dtype=np.float32, order="C", copy=True, ndmin=2)
    faiss.normalize_L2(x)
    return x


def _ids(ids) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids,
                                           dtype=np.int64))


class VectorIndex:
    def __init__(self, index: faiss.Index, kind: str = "flat", params: dict | None = None):
        self.index, self.kind, self.params = index, kind, dict(params or {})
        self._id_cache: np.ndarray | None = None

    # -- construction ------------------------------------------------------------------
    @classmethod
    def create(cls, dim: int, kind: str = "flat", train: np.ndarray | None = None,
               hnsw_m: int = 32, nlist: int | None = None, pq_m: int | None = None) -> "VectorIndex":
        if kind == "flat":
            return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), kind)
        if kind == "hnsw":
            inner = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = 80
            return cls(faiss.IndexIDMap2(inner), kind, {"M": hnsw_m, "efSearch": 64})
        if kind in IVF_KINDS:
            if train is None or len(train) < 1000:
                raise ImgsearchError(f"an {kind} index needs at least 1000 vectors to train on")
            nlist = nlist or int(max(16, min(65536, 4 * np.sqrt(len(train)), len(train) // 39)))
            quantizer = faiss.IndexFlatIP(dim)
            params = {"nlist": nlist, "nprobe": 16}
            if kind == "ivfpq":
                params["pq_m"] = pq_m or _pq_m(dim)
                inner = faiss.IndexIVFPQ(quantizer, dim, nlist, params["pq_m"], 8,
                                         faiss.METRIC_INNER_PRODUCT)
            else:
                inner = faiss.IndexIVFScalarQuantizer(quantizer, dim, nlist,
                                                      faiss.ScalarQuantizer.QT_8bit,
                                                      faiss.METRIC_INNER_PRODUCT)
            inner.train(normalize(train[: max(nlist * 39, 20_000)]))
            inner.set_direct_map_type(faiss.DirectMap.Hashtable)
            out = cls(inner, kind, params)
            out._quantizer = quantizer  # keep the Python object alive with the index
            return out
        raise ImgsearchError(f"unknown index type {kind!r}; choose one of {', '.join(KINDS)}")

    @classmethod
    def load(cls, path: str | Path, kind: str = "flat", params: dict | None = None) -> "VectorIndex":
        try:
            return cls(faiss.read_index(str(path)), kind, params)
        except RuntimeError as e:
            raise ImgsearchError(f"cannot read vector index {path}: {str(e).splitlines()[0]}") from None

    def save(self, path: str | Path) -> None:
        """Write to a temp file, fsync, then rename: a crash leaves the old or the new file."""
        path = Path(path)
        tmp = path.with_suffix(path.suffix + ".tmp")
        faiss.write_index(self.index, str(tmp))
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)

    # -- contents ------------------------------------------------------------------------
    @property
    def dim(self) -> int:
        return self.index.d

    @property
    def ntotal(self) -> int:
        return self.index.ntotal

    def memory_bytes(self) -> int:
        """Estimated resident size of the vectors and the structure around them."""
        n, d = self.ntotal, self.dim
        per = {"flat": 4 * d + 8, "hnsw": 4 * d + 8 * self.params.get("M", 32) + 8,
               "ivfsq": d + 16, "ivfpq": self.params.get("pq_m", d // 4) + 16}[self.kind]
        return int(n * per)

    def ids(self) -> np.ndarray:
        if self.kind in IVF_KINDS:
            lists = self.index.invlists
            parts = [faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i)).copy()
                     for i in range(self.index.nlist) if lists.list_size(i)]
            return np.concatenate(parts).astype(np.int64) if parts else np.empty(0, np.int64)
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    def add(self, ids, vectors: np.ndarray) -> None:
        """Add (or replace) vectors; re-adding an id never duplicates it."""
        ids = _ids(ids)
        if ids.size == 0:
            return
        vectors = normalize(vectors)
        if vectors.shape[1] != self.dim:
            raise ModelMismatch(f"vectors have {vectors.shape[1]} dimensions, index has {self.dim}")
        self.remove(ids)
        self.index.add_with_ids(vectors, ids)
        self._id_cache = None

    def remove(self, ids) -> int:
        ids = _ids(ids)
        if ids.size == 0 or self.ntotal == 0:
            return 0
        self._id_cache = None
        if self.kind in IVF_KINDS:
            return int(self.index.remove_ids(faiss.IDSelectorArray(ids)))
        if self.kind == "hnsw":  # HNSW graphs cannot delete: rebuild without those ids
            have = self.ids()
            keep = ~np.isin(have, ids)
            if keep.all():
                return 0
            _, vecs = self.all_vectors()
            fresh = VectorIndex.create(self.dim, "hnsw", hnsw_m=self.params.get("M", 32))
            fresh.params = self.params
            if keep.any():
                fresh.index.add_with_ids(np.ascontiguousarray(vecs[keep]), have[keep])
            self.index = fresh.index
            return int((~keep).sum())
        return int(self.index.remove_ids(faiss.IDSelectorBatch(ids)))

    def reconstruct(self, ids) -> np.ndarray:
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for row, i in enumerate(ids):
            try:
                out[row] = self.index.reconstruct(int(i))
            except RuntimeError:
                raise ImgsearchError(f"image_id {i} has no vector in the index") from None
        return out

    def all_vectors(self, batch: int = 65536) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of everything stored (approximate for the IVF kinds)."""
        ids = self.ids()
        if self.kind in IVF_KINDS:
            return ids, self.reconstruct(ids)
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        inner = faiss.downcast_index(self.index.index)
        for start in range(0, len(ids), batch):
            n = min(batch, len(ids) - start)
            out[start:start + n] = inner.reconstruct_n(start, n)
        return ids, out

    # -- search --------------------------------------------------------------------------
    def search(self, queries: np.ndarray, k: int, subset: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, ids) per query, best first; -1 ids pad when fewer than k exist.

        subset restricts the search to those ids (an IDSelector inside FAISS), so k results
        come back whenever k of them exist. ANN indexes search a small subset exactly:
        a graph or a few probed lists can miss most of a 1% filter.
        """
        q = normalize(queries)
        if q.shape[1] != self.dim:
            raise ModelMismatch(f"query has {q.shape[1]} dimensions, collection has {self.dim}")
        k = max(1, min(int(k), max(self.ntotal, 1)))
        if subset is not None:
            subset = _ids(subset)
            if subset.size == 0:
                return (np.full((len(q), k), -np.inf, dtype=np.float32),
                        np.full((len(q), k), -1, dtype=np.int64))
            if self.kind != "flat" and subset.size <= EXACT_SUBSET_MAX:
                return self._exact_subset(q, k, subset)
        if self.kind == "flat" and subset is None and len(q) < 20:
            return self._flat_blas(q, k)
        params = self._params(subset)
        scores, ids = self.index.search(q, k, params=params)
        return np.clip(scores, -1.0, 1.0), ids

    def _flat_blas(self, q, k):
        """A few queries against a flat index: one BLAS matrix-vector product over FAISS's own
        storage (no copy). Measured 3.7x faster than FAISS's per-query scan at 200k x 2048."""
        inner = faiss.downcast_index(self.index.index)
        xb = faiss.rev_swig_ptr(inner.get_xb(), self.ntotal * self.dim).reshape(self.ntotal, self.dim)
        if self._id_cache is None:
            self._id_cache = faiss.vector_to_array(self.index.id_map).astype(np.int64)
        scores = q @ xb.T
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < self.ntotal else \
            np.tile(np.arange(self.ntotal), (len(q), 1))
        top_scores = np.take_along_axis(scores, top, 1)
        order = np.argsort(-top_scores, axis=1, kind="stable")
        return (np.clip(np.take_along_axis(top_scores, order, 1), -1.0, 1.0),
                self._id_cache[np.take_along_axis(top, order, 1)])

    def _params(self, subset):
        sel = faiss.IDSelectorBatch(subset) if subset is not None else None
        if self.kind == "hnsw":
            return faiss.SearchParametersHNSW(efSearch=int(self.params.get("efSearch", 64)), sel=sel)
        if self.kind in IVF_KINDS:
            return faiss.SearchParametersIVF(nprobe=int(self.params.get("nprobe", 16)), sel=sel)
        return faiss.SearchParameters(sel=sel) if sel is not None else None

    def _exact_subset(self, q, k, subset):
        present = subset[np.isin(subset, self.ids())] if self.kind in IVF_KINDS else subset
        vecs = normalize(self.reconstruct(present))
        scores, pos = faiss.knn(q, vecs, min(k, len(present)), metric=faiss.METRIC_INNER_PRODUCT)
        ids = np.where(pos >= 0, present[np.clip(pos, 0, None)], -1)
        if ids.shape[1] < k:
            pad = k - ids.shape[1]
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
            scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
        return np.clip(scores, -1.0, 1.0), ids


def _pq_m(dim: int) -> int:
    """Largest sub-quantizer count <= dim/4 that divides dim (16x compression at 8 bits)."""
    for m in range(max(1, dim // 4), 0, -1):
        if dim % m == 0:
            return m
    return 1
