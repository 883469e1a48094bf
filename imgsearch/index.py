"""FAISS vectors keyed by image_id (IndexIDMap2), cosine similarity via normalised inner product."""
from __future__ import annotations

import os
from pathlib import Path

import faiss
import numpy as np

from .errors import ImgsearchError, ModelMismatch


def normalize(x: np.ndarray) -> np.ndarray:
    """A float32, C-contiguous, L2-normalised copy (the caller's array is never touched)."""
    x = np.array(x, dtype=np.float32, order="C", copy=True, ndmin=2)
    faiss.normalize_L2(x)
    return x


class VectorIndex:
    def __init__(self, index: faiss.Index, kind: str = "flat"):
        self.index = index
        self.kind = kind

    @classmethod
    def create(cls, dim: int, kind: str = "flat") -> "VectorIndex":
        if kind != "flat":
            raise ImgsearchError(f"unknown index type {kind!r}")
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), kind)

    @classmethod
    def load(cls, path: str | Path, kind: str = "flat") -> "VectorIndex":
        try:
            return cls(faiss.read_index(str(path)), kind)
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

    @property
    def dim(self) -> int:
        return self.index.d

    @property
    def ntotal(self) -> int:
        return self.index.ntotal

    def ids(self) -> np.ndarray:
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add (or replace) vectors; re-adding an id never duplicates it."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if ids.size == 0:
            return
        vectors = normalize(vectors)
        if vectors.shape[1] != self.dim:
            raise ModelMismatch(f"vectors have {vectors.shape[1]} dimensions, index has {self.dim}")
        self.remove(ids)
        self.index.add_with_ids(vectors, ids)

    def remove(self, ids) -> int:
        ids = np.ascontiguousarray(list(ids) if not isinstance(ids, np.ndarray) else ids,
                                   dtype=np.int64)
        if ids.size == 0 or self.ntotal == 0:
            return 0
        return int(self.index.remove_ids(faiss.IDSelectorBatch(ids)))

    def reconstruct(self, ids) -> np.ndarray:
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for row, i in enumerate(ids):
            try:
                out[row] = self.index.reconstruct(int(i))
            except RuntimeError:
                raise ImgsearchError(f"image_id {i} has no vector in the index") from None
        return out

    def search(self, queries: np.ndarray, k: int, subset: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, ids) per query, best first; -1 ids pad when fewer than k exist.

        subset restricts the search to those ids inside FAISS (IDSelector), so k results
        come back whenever k of them exist.
        """
        q = normalize(queries)
        if q.shape[1] != self.dim:
            raise ModelMismatch(f"query has {q.shape[1]} dimensions, collection has {self.dim}")
        k = max(1, min(int(k), max(self.ntotal, 1)))
        params = None
        if subset is not None:
            subset = np.ascontiguousarray(subset, dtype=np.int64)
            if subset.size == 0:
                return (np.full((len(q), k), -np.inf, dtype=np.float32),
                        np.full((len(q), k), -1, dtype=np.int64))
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(subset))
        scores, ids = self.index.search(q, k, params=params)
        return np.clip(scores, -1.0, 1.0), ids

    def all_vectors(self, batch: int = 65536) -> tuple[np.ndarray, np.ndarray]:
        """(ids, normalised vectors) of everything stored, in storage order."""
        ids = self.ids()
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        inner = self.index.index if hasattr(self.index, "id_map") else self.index
        for start in range(0, len(ids), batch):
            n = min(batch, len(ids) - start)
            out[start:start + n] = inner.reconstruct_n(start, n)
        return ids, out
