"""The pieces of FAISS's inverted lists that the on-disk index (ondisk.py) works with
directly: one list's ids and codes, an empty trained copy of an IVF index, the generations'
data files, and silencing the lists' own printing.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import faiss
import numpy as np

_stdout_lock = threading.Lock()


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def quiet_stdout():
    """FAISS's on-disk lists printf to stdout ("resizing ...", "IO_FLAG_ONDISK_SAME_DIR: ...")
    with no switch to turn it off; a CLI printing JSON must not get those lines. fd 1 goes to
    /dev/null for the call (C's buffer flushed on both sides). Another thread's output to fd 1
    in that window is lost: the price of a library that prints."""
    import ctypes
    import sys
    with _stdout_lock:
        libc = ctypes.CDLL(None)
        try:
            sys.stdout.flush()
        except (AttributeError, ValueError):
            pass
        libc.fflush(None)
        saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        try:
            yield
        finally:
            libc.fflush(None)
            os.dup2(saved, 1)
            os.close(saved)
            os.close(null)


def list_ids(invlists, list_no: int) -> np.ndarray:
    n = invlists.list_size(list_no)
    if not n:
        return np.empty(0, np.int64)
    return faiss.rev_swig_ptr(invlists.get_ids(list_no), n).astype(np.int64, copy=True)


def list_codes(invlists, list_no: int, code_size: int) -> np.ndarray:
    n = invlists.list_size(list_no)
    return faiss.rev_swig_ptr(invlists.get_codes(list_no), n * code_size).reshape(n, code_size)


def empty_like(ivf) -> faiss.Index:
    """A trained, empty copy of an IVF index (same quantizer and codebooks), with in-memory
    lists. FAISS cannot clone on-disk lists, so they are swapped out for the copy."""
    lists, owned = ivf.invlists, ivf.own_invlists
    ivf.own_invlists = False
    placeholder = faiss.ArrayInvertedLists(ivf.nlist, ivf.code_size)   # Python owns it
    ivf.replace_invlists(placeholder, False)
    try:
        out = faiss.clone_index(ivf)
    finally:
        ivf.replace_invlists(lists, owned)
    out.reset()
    return out


def data_files(path: Path) -> list[Path]:
    """Every generation's data file next to an index file (one is current)."""
    path = Path(path)
    return sorted(path.parent.glob(f"{path.name}.*.ivfdata"))


def decode(ivf, list_no: int, codes: np.ndarray) -> np.ndarray:
    """Codes of one list back to (approximate) vectors: PQ decode + the list's centroid."""
    x = ivf.pq.decode(np.ascontiguousarray(codes))
    if ivf.by_residual:
        x += ivf.quantizer.reconstruct(int(list_no))
    return x


def append_lists(dst, src) -> None:
    """src's entries added to dst's (on-disk) lists, list by list."""
    code_size = src.code_size
    for l in range(src.nlist):
        n = src.invlists.list_size(l)
        if n:
            ids = list_ids(src.invlists, l)
            codes = np.ascontiguousarray(list_codes(src.invlists, l, code_size))
            dst.invlists.add_entries(l, n, faiss.swig_ptr(ids), faiss.swig_ptr(codes))
    dst.ntotal += src.ntotal


def merge_ranges(found: list, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Several range searches of the same n queries, as (lims, scores, ids) each, merged into
    one in the same layout."""
    if not found:
        return np.zeros(n + 1, np.int64), np.empty(0, np.float32), np.empty(0, np.int64)
    query = np.concatenate([np.repeat(np.arange(n), np.diff(lims).astype(np.int64)) for lims, _, _ in found])
    order = np.argsort(query, kind="stable")
    lims = np.concatenate([[0], np.cumsum(np.bincount(query, minlength=n))]).astype(np.int64)
    return (lims, np.concatenate([f[1] for f in found])[order],
            np.concatenate([f[2] for f in found])[order])
