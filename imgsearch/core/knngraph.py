"""Every image's K nearest neighbours, computed once and kept on disk beside the vectors.

Duplicates, outliers, kNN label issues, the kNN evaluation and k-reciprocal re-ranking all
start from the same question, "which images are nearest to each image", and answering it
afresh each time costs a search of every image against the collection. The answer is kept
here instead, as a graph: for each indexed image its K nearest others (self excluded), best
first, with their cosine similarities.

Two graphs per collection, each in its own file (graph_path):
  space  the collection's own vectors (after post-processing), found through its vector index
         in batches: exact with a flat index, as good as the index's recall otherwise;
  raw    the model's raw features (the post-processing undone), which duplicates judge on;
         found through a temporary index over them (flat where the collection's index is
         exact, else HNSW through the collection's own links where its space only centres,
         filled a chunk at a time; from RAW_CODES_FROM images it keeps 8-bit codes, not a
         second copy of every vector; knnsearch.py). A collection without post-processing
         has only the space graph.

Kept in step with the collection, incrementally: each read compares a stamp (the vectors
file's identity, the vector count, the fitted space) with the graph's; when it differs, a
fingerprint per image (its vector's projection on a fixed random direction) tells which
images came, went or changed. A removed image leaves every list, and the lists that held it
are searched again; an added one gets its own list, and enters the others' when it beats
their K-th neighbour (every kept image is compared with the added ones exactly, so no list
misses one). More than half of the collection changed: the graph is built again.

Written with atomic_write: a process killed mid-update leaves the old graph or the new one.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..atomic import atomic_write
from .knnsearch import (BATCH, Brute, Hnsw, StoredRows, fingerprint, index_search,  # noqa: F401
                        search_rows, spooled_rows, stats)

K = 30                 # neighbours kept per image: >= every analysis' default (20 context, 10)
REBUILD_SHARE = 0.5    # more than this share of images changed: build afresh


def graph_path(col, kind: str = "space") -> Path:
    """Where a collection's graph is stored (kind: space or raw)."""
    return col.dir / f"knn-{kind}.npz"


@dataclass
class Graph:
    ids: np.ndarray        # (n,) image ids; row i is ids[i]'s list
    nn: np.ndarray         # (n, k) neighbour ids, best first; -1 pads where fewer were found
    sc: np.ndarray         # (n, k) their cosine similarities; -inf pads
    fp: np.ndarray         # (n,) fingerprints of the vectors the lists were computed from
    stamp: str             # the collection's state the graph was last checked against

    @property
    def k(self) -> int:
        return self.nn.shape[1]

    def first(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, neighbour ids (n, k), scores (n, k)), the first k of every list."""
        return self.ids, self.nn[:, :k], self.sc[:, :k]


# -- reading ----------------------------------------------------------------------------
def has_raw(col) -> bool:
    """Whether raw features differ from the collection's vectors (a fitted space)."""
    return col.space() is not None


def graph(col, kind: str = "space", progress=None, vectors=None) -> Graph:
    """The collection's graph, brought up to date (and saved) if images came, went or changed
    since it was stored; built on first use. kind "raw" falls back to "space" where the
    collection has no post-processing. `vectors`: the collection's (ids, vectors) of that kind
    where the caller has them already (e.g. a view of the index's storage), so that none is
    read back as a copy."""
    if kind == "raw" and not has_raw(col):
        kind = "space"
    lock = col.cache.setdefault("knn-lock", threading.Lock())
    with lock:
        g = col.cache.get(f"knn-{kind}") or _load(col, kind)
        stamp = _stamp(col, kind)
        if g is not None and g.stamp == stamp:
            col.cache[f"knn-{kind}"] = g
            return g
        n = len(vectors[0]) if vectors is not None else col.vector_count()
        width = min(K, n - 1)
        if width < 1:
            from ..errors import Conflict
            raise Conflict("need at least 2 indexed images", param="collection")
        update = g is not None and g.k == width and g.ids.size
        searcher = None
        if vectors is not None:
            ids, vecs = vectors
        elif kind == "raw" and not update and not col.vectors().exact:
            # built afresh: the raw features go straight into the index that finds their
            # neighbours, a chunk at a time, and are read back from its storage (no copy)
            searcher = Hnsw.raw_of(col)
            ids, vecs = searcher.ids, searcher.rows
        elif kind == "space":
            # the space's own vectors are searched through its index, which holds them: read
            # from it a batch at a time (a copy of them all was a third of the peak at 1M)
            ids, vecs = StoredRows.of(col)
        else:
            ids, vecs = col.raw_vectors()
        fp = fingerprint(vecs) if searcher is None else searcher.fp
        g = _update(col, kind, g, ids, vecs, fp, progress) if update else None
        if g is None:
            if searcher is not None:
                # lists of positions (int32) go to disk while the raw index is held, and come
                # back as ids once it is let go: none of them sits beside the index
                spool = spooled_rows(searcher, vecs, width, progress, col.dir)
                searcher = vecs = None
                nn, sc = spool.read(ids)
            else:
                nn, sc = search_rows(index_search(col, kind, ids, vecs), ids, vecs, width, progress)
            g = Graph(ids, nn, sc, fp, "")
            stats["built"] += 1
        g.stamp = stamp
        try:
            save(col, kind, g)
        except OSError:
            pass       # a folder it cannot write to (read-only): used from memory, not stored
        col.cache[f"knn-{kind}"] = g
        return g


def _stamp(col, kind: str) -> str:
    """The collection's state as far as the graph cares: the vectors file (replaced on every
    save), the vectors counted as indexed, and the fitted space."""
    try:
        st = col.vectors_path.stat()
        file = f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        file = "-"
    space = (col.manifest.postprocess or {}).get("file") or ""
    return f"{kind}|{file}|{col.vector_count()}|{len(col.unmarked())}|{space}"


def _load(col, kind: str) -> Graph | None:
    path = graph_path(col, kind)
    try:
        with np.load(path, allow_pickle=False) as z:
            return Graph(z["ids"], z["nn"], z["sc"], z["fp"], str(z["stamp"]))
    except (OSError, ValueError, KeyError):
        return None            # none yet, or unreadable (a foreign file): built afresh


def save(col, kind: str, g: Graph) -> None:
    atomic_write(graph_path(col, kind), lambda f: np.savez(
        f, ids=g.ids, nn=g.nn, sc=g.sc, fp=g.fp, stamp=np.array(g.stamp)))


# -- keeping it up to date ---------------------------------------------------------------
def _update(col, kind, g: Graph, ids, vecs, fp, progress) -> Graph | None:
    """g brought to (ids, vecs): incremental, or None when a rebuild is cheaper."""
    old = dict(zip(g.ids.tolist(), range(len(g.ids))))
    at_old = np.array([old.get(i, -1) for i in ids.tolist()], dtype=np.int64)
    same = at_old >= 0
    same[same] = np.abs(g.fp[at_old[same]] - fp[same]) <= 1e-4
    kept_old = at_old[same]
    changed = len(ids) - int(same.sum()) + (len(g.ids) - len(kept_old))
    if changed == 0:
        return Graph(ids, g.nn[at_old], g.sc[at_old], fp, "")
    if changed > REBUILD_SHARE * max(len(ids), 1):
        return None
    k = g.k
    nn = np.full((len(ids), k), -1, dtype=np.int64)
    sc = np.full((len(ids), k), -np.inf, dtype=np.float32)
    nn[same], sc[same] = g.nn[kept_old], g.sc[kept_old]
    # neighbours that left (removed, or changed and so new) leave every list
    gone = np.setdiff1d(g.ids, ids[same])
    left = np.isin(nn, gone) & same[:, None]
    nn[left], sc[left] = -1, -np.inf
    lost = same & left.any(axis=1)               # lists that lost a neighbour: searched again
    added = np.flatnonzero(~same)
    if added.size:
        # every kept list against the added images, exactly, so none misses one that beats it
        brute = Brute(ids[added], vecs[added])
        keep_rows = np.flatnonzero(same & ~lost)
        for s in range(0, len(keep_rows), 8 * BATCH):
            part = keep_rows[s:s + 8 * BATCH]
            s2, i2 = brute(vecs[part], min(k, added.size))
            nn[part], sc[part] = _merge(nn[part], sc[part], i2, s2, ids[part], k)
    redo = np.concatenate([added, np.flatnonzero(lost)])
    if redo.size:
        search = (index_search(col, kind, ids, vecs) if kind == "space" or redo.size > 2 * BATCH
                  else Brute(ids, vecs))
        nn[redo], sc[redo] = search_rows(search, ids, vecs, k, progress, rows=redo)
    return Graph(ids, nn, sc, fp, "")


def _merge(nn, sc, nn2, sc2, own, k):
    """The best k of two candidate lists per row (self and repeats dropped)."""
    ids = np.concatenate([nn, nn2], axis=1)
    s = np.concatenate([sc, sc2], axis=1).astype(np.float32)
    s[(ids == own[:, None]) | (ids < 0)] = -np.inf
    order = np.argsort(-s, axis=1, kind="stable")
    ids, s = np.take_along_axis(ids, order, 1), np.take_along_axis(s, order, 1)
    ids[~np.isfinite(s)] = -1
    return ids[:, :k], s[:, :k]
