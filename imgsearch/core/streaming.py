"""Passes over every stored vector a chunk at a time, so that a whole-collection step (fitting
the space, moving the vectors into it, building the re-ranking graph) costs the vectors once
plus a chunk, never a second copy of the collection.

  chunks(index)              (ids, vectors) a chunk at a time, in the index's own order
  storage(index)             the vectors an exact index holds, as a writable numpy view
  invert_in_place(space, v)  stored vectors back to raw features, a chunk at a time
  fit_space(...)             the space's parameters from a sample of the stored vectors,
                             accumulated chunk by chunk (the same result as postprocess.fit)
  move_in_place(...)         every stored vector into a new space, inside a flat index
  rebuilt_in_space(...)      the same for other kinds: a new index, filled chunk by chunk
  rebuild_source(col)        the vectors a new index is built from, read from the old
                             index's file in place while the old index answers from it

Where the memory of an index run goes, measured with `pixels --size 21` (1,323-d, 5.3 KB a
vector) at 20,000 images, peak RSS above the run's start: refitting the space held five
copies of the vectors (all vectors read back, their raw features in float64, the moved copy
and the rebuilt index), the re-ranking graph two more, and the flat index, grown by doubling,
one more while it was reallocated. README, "Memory while indexing", has the figures.
"""
from __future__ import annotations

import contextlib
from typing import Iterator

import faiss
import numpy as np

from ..features import postprocess

CHUNK_BYTES = 4 << 20   # float32 bytes per chunk: 800 rows of 1,280-d. Moving a chunk
                        # between spaces makes a few float64 copies of it (~30 MB in all)


def rows_per_chunk(dim: int) -> int:
    return max(64, CHUNK_BYTES // (4 * max(1, dim)))


def invert_in_place(space: dict | None, vecs: np.ndarray) -> np.ndarray:
    """vecs (a fresh float32 array, the caller's own) mapped back to raw unit features, a chunk
    at a time: inverting works in float64, and the whole matrix at once would take several
    times the vectors' memory."""
    step = rows_per_chunk(vecs.shape[1])
    for s in range(0, len(vecs), step):
        vecs[s:s + step] = postprocess.invert(space, vecs[s:s + step])
    return vecs


def storage(index) -> np.ndarray | None:
    """The (ntotal, dim) float32 array an uncompressed index stores (flat, and HNSW's
    storage), as a view on FAISS's own memory, in the order of index.ids(); None for kinds
    that compress their vectors. Writing to it changes the index: callers hold the
    collection's vectors lock while they do."""
    inner = getattr(index.index, "index", None)
    if inner is None or not isinstance(index.index, faiss.IndexIDMap2):
        return None
    inner = faiss.downcast_index(inner)
    if isinstance(inner, faiss.IndexHNSW):
        inner = faiss.downcast_index(inner.storage)
    if not isinstance(inner, faiss.IndexFlat) or inner.ntotal == 0:
        return None
    n, d = inner.ntotal, inner.d
    return faiss.rev_swig_ptr(inner.get_xb(), n * d).reshape(n, d)


def chunks(index, positions: np.ndarray | None = None, batch: int | None = None
           ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(ids, vectors) of the stored vectors (or of those positions in index.ids()'s order),
    batch rows at a time; each chunk is a copy the caller may keep or change."""
    batch = batch or rows_per_chunk(index.dim)
    ids = index.ids()
    pos = np.arange(len(ids)) if positions is None else np.sort(np.asarray(positions, np.int64))
    xb = storage(index)
    for s in range(0, len(pos), batch):
        p = pos[s:s + batch]
        if xb is not None:
            vecs = xb[p[0]:p[-1] + 1].copy() if positions is None else xb[p]
        else:
            vecs = index.reconstruct(ids[p])
        yield ids[p], vecs


def marked_positions(index, unmarked) -> np.ndarray:
    """Positions (in index.ids()'s order) of the vectors whose rows are indexed."""
    ids = index.ids()
    if not unmarked:
        return np.arange(len(ids))
    return np.flatnonzero(~np.isin(ids, np.fromiter(unmarked, np.int64)))


def fit_space(index, unmarked, space: dict | None, method: str, seed: int = 0) -> dict:
    """postprocess.fit on the raw features of the indexed images (the stored vectors mapped
    back out of `space`), the same sample of at most MAX_FIT rows, read a chunk at a time:
    the mean, then for whitening the centred scatter matrix (dim x dim) and the row norms
    Ledoit-Wolf needs. Memory: the dim x dim matrix and a chunk, whatever the collection."""
    pos = marked_positions(index, unmarked)
    n, d = len(pos), index.dim
    if method == "none" or n < postprocess.MIN_FIT:
        return {"mean": np.zeros(d, np.float32), "matrix": None}
    if n > postprocess.MAX_FIT:      # the rows postprocess.fit samples
        pos = pos[np.random.default_rng(seed).choice(n, postprocess.MAX_FIT, replace=False)]
        n = len(pos)

    def raw():
        for _, vecs in chunks(index, pos):
            yield postprocess.unit(postprocess.invert(space, vecs)).astype(np.float64)
    mean = sum(x.sum(0) for x in raw()) / n
    if method == "center":
        return {"mean": mean.astype(np.float32), "matrix": None}
    scatter, sq = np.zeros((d, d)), []
    for x in raw():
        xc = x - mean
        scatter += xc.T @ xc
        sq.append((xc ** 2).sum(1))
    lam, vecs = np.linalg.eigh(scatter / n)
    lam = np.clip(lam, 0, None)
    rho = _ledoit_wolf(scatter, np.concatenate(sq), n, d)
    shrunk = (1 - rho) * lam + rho * lam.sum() / d
    shrunk = np.maximum(shrunk, shrunk.max() * 1e-6)
    return {"mean": mean.astype(np.float32),
            "matrix": (vecs * shrunk ** -postprocess.WHITEN_POWER).astype(np.float32)}


def _ledoit_wolf(scatter: np.ndarray, sq: np.ndarray, n: int, d: int) -> float:
    """postprocess.ledoit_wolf from the scatter matrix Xc'Xc and the squared row norms: the
    Gram matrix it squares, Xc'Xc or XcXc', has the same Frobenius norm either way."""
    mu = sq.sum() / (n * d)
    delta_ = (scatter ** 2).sum() / n ** 2
    beta = ((sq ** 2).sum() / n - delta_) / (d * n)
    delta = (delta_ - d * mu ** 2) / d
    return float(min(beta, delta) / delta) if delta > 0 else 1.0


def _moved(old: dict | None, new: dict, vecs: np.ndarray) -> np.ndarray:
    """Stored vectors of one space into another, normalised as VectorIndex.add stores them."""
    out = np.ascontiguousarray(postprocess.apply(new, postprocess.invert(old, vecs)),
                               dtype=np.float32)
    faiss.normalize_L2(out)
    return out


def move_in_place(index, old: dict | None, new: dict) -> bool:
    """Every vector of an exact index into the new space, chunk by chunk inside FAISS's own
    storage (no copy of the collection). False (and nothing changed) for other kinds. The
    caller holds the vectors lock, and on failure reloads the index from its file."""
    xb = storage(index)
    if xb is None or not index.exact:
        return False
    batch = rows_per_chunk(index.dim)
    for s in range(0, len(xb), batch):
        xb[s:s + batch] = _moved(old, new, xb[s:s + batch])
    return True


def rebuilt_in_space(index, old: dict | None, new: dict):
    """A new index of the same kind holding every stored vector moved into the new space, for
    kinds that cannot be moved in place. Kinds that need no training (HNSW) are filled a
    chunk at a time: the old and the new index, nothing more. Trained kinds (IVF) are built
    from one moved copy, which they train on."""
    from .vectors import create
    from .vectors.tuning import build
    if not index.min_train:
        fresh = create(index.kind, index.dim)
        for ids, vecs in chunks(index):
            fresh.index.add_with_ids(_moved(old, new, vecs), ids)
        return fresh
    ids = index.ids()
    moved = np.empty((len(ids), index.dim), np.float32)
    at = 0
    for _, vecs in chunks(index):
        moved[at:at + len(vecs)] = _moved(old, new, vecs)
        at += len(vecs)
    return build(ids, moved, index.kind)


def indexed_unit_vectors(col) -> tuple[np.ndarray, np.ndarray]:
    """(ids, unit vectors) of the indexed images: where the index stores them uncompressed
    and every stored vector is indexed, FAISS's own storage (already normalised by
    VectorIndex.add), not a copy; else a normalised copy. A view is read-only by contract and
    valid until the index changes (the caller holds the job lock)."""
    index = col.vectors()
    xb = storage(index)
    if xb is not None and not col.unmarked():
        xb = xb.view()
        xb.flags.writeable = False
        return index.ids(), xb
    ids, vecs = col.indexed_vectors()
    faiss.normalize_L2(vecs)          # in place: the copy read back is the only one
    return ids, vecs


@contextlib.contextmanager
def rebuild_source(col):
    """(ids, unit vectors) to build a new index from, for the length of the with-block.

    Where the old index stores its vectors uncompressed and its file holds what memory holds,
    the old index is swapped for the same file mapped in place (searches go on, answered from
    the file) and the vectors come as vectors.mapped.MappedRows, a chunk read at a time: the
    rebuild then holds the new index and a chunk instead of both indexes. Should the rebuild
    fail, the old index is read back into memory. Elsewhere: indexed_unit_vectors. The caller
    holds the write lock and swaps the new index in after the block."""
    from .vectors.mapped import MappedRows
    from .vectors.registry import load
    index = col.vectors()
    if storage(index) is None or col.unmarked() or not col.vectors_path.exists():
        yield indexed_unit_vectors(col)
        return
    kind, params = index.kind, dict(index.params)
    mapped = load(col.vectors_path, kind, params, mapped=True)
    if not _same_vectors(index, mapped):     # memory is newer than the file: save it first
        col.save_vectors()
        mapped = load(col.vectors_path, kind, params, mapped=True)
    with col.vectors_lock():
        col._index = mapped
    del index                                # the in-memory copy goes now, not after the build
    try:
        yield mapped.ids(), MappedRows(storage(mapped))
    except BaseException:
        with col.vectors_lock():
            if col._index is mapped:
                col._index = load(col.vectors_path, kind, params)
        raise


def _same_vectors(index, mapped) -> bool:
    """Same ids in the same order and the same rows, compared a chunk at a time (at a million
    768-d vectors, a second or two read from the page cache against a rebuild of minutes)."""
    from .vectors.mapped import MappedRows
    ids = index.ids()
    if not np.array_equal(ids, mapped.ids()):
        return False
    held, rows = storage(index), MappedRows(storage(mapped))
    step = rows_per_chunk(index.dim) * 8
    return all(np.array_equal(held[s:s + step], rows[s:s + step])
               for s in range(0, len(ids), step))


class IndexedRows:
    """The indexed vectors of `ids`, read on demand: rows[part] (an index array, a mask or a
    slice) reads those vectors only. For steps that use a sample or a subset of the vectors
    and would otherwise hold every one (3 GB at a million 768-d vectors)."""

    def __init__(self, col, ids: np.ndarray):
        self.col, self.ids = col, ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, part) -> np.ndarray:
        return self.col.indexed_vectors(self.ids[part])[1]

