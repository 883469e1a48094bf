"""A vectors file read in place: FAISS maps the vectors a flat or HNSW index stores straight
from the file (IO_FLAG_MMAP_IFC) instead of copying them into memory.

While an index is rebuilt, the old one answers searches from its file and the new one is
filled from it a chunk at a time (MappedRows). Pages a read touched are handed back at once,
so reading every row never leaves the file resident in this process: the rebuild holds the
new index and a chunk, not two copies of the collection (6.4 GB at a million 768-d vectors).
"""
from __future__ import annotations

import ctypes
import mmap
import os
from pathlib import Path

import faiss
import numpy as np

from .base import VectorIndex

MADV_DONTNEED = getattr(mmap, "MADV_DONTNEED", 4)
SCATTERED = 32         # scattered rows read between two releases


def read_mapped(path: str | Path) -> faiss.Index:
    """The FAISS object in a vectors file, its stored vectors mapped from the file (read-only:
    an add or a write to them fails, and nothing here makes one)."""
    return VectorIndex.read(path, faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)


def _madvise():
    try:
        fn = ctypes.CDLL(None, use_errno=True).madvise
    except (OSError, AttributeError):      # no libc madvise: pages stay until the kernel evicts
        return None
    fn.argtypes, fn.restype = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int], ctypes.c_int
    return fn


_MADVISE = _madvise()
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class MappedRows:
    """Rows of a mapped (n, d) float32 array, read as copies: rows[part] (a slice, positions
    or a mask) returns its own array, and the file pages of the span it read are released
    from this process (they stay in the page cache; a later read faults them back)."""

    def __init__(self, xb: np.ndarray):
        self._xb = xb
        self.shape, self.dtype = xb.shape, xb.dtype
        self._last = (0, 0)                # the span released by the read before

    def __len__(self) -> int:
        return len(self._xb)

    def __getitem__(self, part) -> np.ndarray:
        if isinstance(part, slice) or np.ndim(part) == 0:
            out = np.array(self._xb[part], dtype=np.float32, copy=True, ndmin=2)
            self.release(*_span(part, len(self._xb)))
            return out
        # scattered rows a piece at a time: each fault maps the pages around it too (fault-
        # around), so thousands at once would map much of the file. The span released grows
        # with the pieces: a fault maps back pages of the piece before, released just before
        p = np.flatnonzero(part) if np.asarray(part).dtype == bool else np.asarray(part)
        out = np.empty((len(p), self.shape[1]), dtype=np.float32)
        lo, hi = len(self._xb), 0
        for s in range(0, len(p), SCATTERED):
            q = p[s:s + SCATTERED]
            out[s:s + len(q)] = self._xb[q]
            a, b = _span(q, len(self._xb))
            lo, hi = min(lo, a), max(hi, b)
            self._drop(lo, hi)
        self.release(lo, hi)
        return out

    def release(self, lo: int, hi: int) -> None:
        """Hand back the pages of rows lo:hi, and again those of the read before: the first
        fault of this read may have mapped the pages around it, some of them that read's."""
        self._drop(*self._last)
        self._drop(lo, hi)
        self._last = (lo, hi)

    def _drop(self, lo: int, hi: int) -> None:
        """madvise(DONTNEED) rows lo:hi (a whole page either side may go with them: harmless,
        it is read again from the page cache when next used)."""
        if _MADVISE is None or hi <= lo:
            return
        row = self._xb.strides[0]
        start = self._xb.ctypes.data + lo * row
        aligned = start - start % _PAGE
        _MADVISE(aligned, start + (hi - lo) * row - aligned, MADV_DONTNEED)


def _span(part, n: int) -> tuple[int, int]:
    """The first row and one past the last that `part` reads."""
    if isinstance(part, slice):
        lo, hi, _ = part.indices(n)
        return lo, max(lo, hi)
    if isinstance(part, (int, np.integer)):
        return int(part) % n, int(part) % n + 1
    p = np.asarray(part)
    if p.dtype == bool:
        p = np.flatnonzero(p)
    if not p.size:
        return 0, 0
    p = p % n
    return int(p.min()), int(p.max()) + 1
