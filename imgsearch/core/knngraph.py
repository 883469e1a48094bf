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
         exact, else HNSW, filled a chunk at a time; from RAW_CODES_FROM images it keeps 8-bit
         codes, not a second copy of every vector). A collection without post-processing has
         only the space graph.

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

K = 30                 # neighbours kept per image: >= every analysis' default (20 context, 10)
BATCH = 2048           # queries per search call
REBUILD_SHARE = 0.5    # more than this share of images changed: build afresh
# raw graph's HNSW: 32 links (24: same recall@30 at 300k, 96.4 % vs 99.0 % copies found at 1M)
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 128
RAW_CODES_FROM = 200_000   # images from which the raw graph's own index keeps 8-bit codes
RAW_ADD_BATCH = 16_384     # raw features added to its own index at once
SPOOL_ROWS = 16 * BATCH    # lists found between two writes to the spool
stats = {"built": 0, "searched": 0}   # graphs built, rows searched (read by tests and benches)


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
            searcher = _Hnsw.raw_of(col)
            ids, vecs = searcher.ids, searcher.rows
        elif kind == "space":
            # the space's own vectors are searched through its index, which holds them: read
            # from it a batch at a time (a copy of them all was a third of the peak at 1M)
            ids, vecs = _StoredRows.of(col)
        else:
            ids, vecs = col.raw_vectors()
        fp = fingerprint(vecs) if searcher is None else searcher.fp
        g = _update(col, kind, g, ids, vecs, fp, progress) if update else None
        if g is None:
            if searcher is not None:
                # lists of positions (int32) go to disk while the raw index is held, and come
                # back as ids once it is let go: none of them sits beside the index
                spool = _spooled_rows(searcher, vecs, width, progress, col.dir)
                searcher = vecs = None
                nn, sc = spool.read(ids)
            else:
                nn, sc = search_rows(_searcher(col, kind, ids, vecs), ids, vecs, width, progress)
            g = Graph(ids, nn, sc, fp, "")
            stats["built"] += 1
        g.stamp = stamp
        try:
            save(col, kind, g)
        except OSError:
            pass       # a folder it cannot write to (read-only): used from memory, not stored
        col.cache[f"knn-{kind}"] = g
        return g


def fingerprint(vecs) -> np.ndarray:
    """One number per vector: its projection on a fixed random direction. Two vectors that
    differ in any way get different numbers (almost surely). vecs: an array, or rows read a
    part at a time (_StoredRows)."""
    if isinstance(vecs, _StoredRows):
        step = 4 * BATCH
        return np.concatenate([fingerprint(vecs[s:s + step]) for s in range(0, len(vecs), step)]
                              or [np.empty(0, np.float32)])
    r = np.random.default_rng(0).standard_normal(vecs.shape[1]).astype(np.float32)
    return (np.asarray(vecs, np.float32) @ r).astype(np.float32)


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


# -- searching -------------------------------------------------------------------------
class _Brute:
    """Exact search over an array of vectors (unit rows), for the raw graph and for
    comparing kept images with the added ones."""

    def __init__(self, ids, vecs):
        from .vectors import normalize
        self.ids, self.x = ids, normalize(vecs)

    def __call__(self, q, k):
        import faiss
        from .vectors import normalize
        k = min(k, len(self.ids))
        sc, pos = faiss.knn(normalize(q), self.x, k, metric=faiss.METRIC_INNER_PRODUCT)
        return sc, np.where(pos >= 0, self.ids[np.clip(pos, 0, None)], -1)


class _Hnsw:
    def __init__(self, ids, vecs=None, dim: int | None = None, codes: bool = False):
        """codes: store 8-bit scalar codes (a quarter of the memory; scores off by ~1e-3)
        instead of the vectors (then trained on a sample before anything is added)."""
        import faiss
        self.ids, d = ids, dim or vecs.shape[1]
        self.index = (faiss.IndexHNSWSQ(d, faiss.ScalarQuantizer.QT_8bit, HNSW_M,
                                        faiss.METRIC_INNER_PRODUCT) if codes else
                      faiss.IndexHNSWFlat(d, HNSW_M, faiss.METRIC_INNER_PRODUCT))
        self.index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        self.index.hnsw.efSearch = HNSW_EF_SEARCH
        if vecs is not None:            # in a random order, as raw_of adds them
            order = np.random.default_rng(0).permutation(len(vecs))
            self.ids = ids[order]
            for s in range(0, len(order), RAW_ADD_BATCH):
                self.add(vecs[order[s:s + RAW_ADD_BATCH]])

    def add(self, vecs):
        from .vectors import normalize
        self.index.add(normalize(vecs))

    @classmethod
    def raw_of(cls, col) -> "_Hnsw":
        """An index over the collection's raw features (its indexed images), filled from its
        stored vectors a chunk at a time, each mapped back out of the collection's space; with
        `rows` (the raw features, by position) and `fp` (their fingerprints) beside it. From
        RAW_CODES_FROM images it stores 8-bit codes, and `rows` reads the features back from
        the collection's index when asked: the raw features then cost a quarter of the vectors
        instead of a second copy of them."""
        from . import streaming
        with col.read_lock():
            index = col.vectors()
            pos = streaming.marked_positions(index, col.unmarked())
            # added in a random order: in the collection's own order (class after class) the
            # graph is poor (see vectors/tuning.build); FAISS shuffles only within one add
            pos = pos[np.random.default_rng(0).permutation(len(pos))]
            codes = len(pos) >= RAW_CODES_FROM
            out = cls(index.ids()[pos], dim=index.dim, codes=codes)
        rows = _StoredRows(col, pos, raw=True)
        if codes:
            pick = np.random.default_rng(0).choice(len(pos), min(len(pos), 65536), replace=False)
            out.index.train(rows[np.sort(pick)])
        fps = []
        for s in range(0, len(pos), RAW_ADD_BATCH):
            vecs = rows.read(slice(s, s + RAW_ADD_BATCH), unit=False)
            fps.append(fingerprint(vecs))
            out.add(vecs)
        out.fp = np.concatenate(fps) if fps else np.empty(0, np.float32)
        out.rows = rows if codes else out._storage()
        return out

    def _storage(self) -> np.ndarray:
        """The unit vectors held, in self.ids's order (a view on the index's own memory)."""
        import faiss
        flat = faiss.downcast_index(self.index.storage)
        return faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d)

    def __call__(self, q, k):
        sc, pos = self.by_position(q, k)
        return sc, np.where(pos >= 0, self.ids[np.clip(pos, 0, None)], -1)

    def by_position(self, q, k):
        """(scores, positions in self.ids) of each query's k nearest; -1 pads."""
        from .vectors import normalize
        return self.index.search(normalize(q), min(k, len(self.ids)))


class _StoredRows:
    """The collection's unit vectors at some positions of its index, read a part at a time
    under the read lock: rows[part] (positions in any order, a mask or a slice) returns those
    rows in that order. raw: mapped back out of the collection's space first. Should the index
    change meanwhile, the rows read are fingerprinted as read, and the graph's next read puts
    right the lists they fed."""

    def __init__(self, col, positions: np.ndarray, raw: bool = False):
        self.col, self.pos, self.raw = col, positions, raw
        self.shape = (len(positions), col.vectors().dim)

    @classmethod
    def of(cls, col) -> tuple[np.ndarray, "_StoredRows"]:
        """(ids, rows) of the collection's indexed images, in its index's order."""
        from . import streaming
        with col.read_lock():
            index = col.vectors()
            pos = streaming.marked_positions(index, col.unmarked())
            return index.ids()[pos], cls(col, pos)

    def __len__(self):
        return len(self.pos)

    def __getitem__(self, part) -> np.ndarray:
        return self.read(part)

    def read(self, part, unit: bool = True) -> np.ndarray:
        """rows[part]; unit=False: as stored (raw: as mapped back), not normalised."""
        from . import streaming
        from .vectors import normalize
        want = self.pos[part]
        if not len(want):
            return np.empty((0, self.shape[1]), np.float32)
        order = np.argsort(want, kind="stable")
        with self.col.read_lock():
            _, vecs = next(streaming.chunks(self.col.vectors(), want, batch=len(want)))
        if self.raw:
            vecs = streaming.invert_in_place(self.col.space(), vecs)
        out = np.empty_like(vecs)
        out[order] = vecs                  # chunks() reads sorted positions
        return normalize(out) if unit else out


def _searcher(col, kind, ids, vecs):
    """search(queries, k) -> (scores, ids) over the graph's images."""
    index = col.vectors()
    if kind == "raw":
        return _Brute(ids, vecs) if index.exact else _Hnsw(ids, vecs)
    subset = None if index.ntotal == len(ids) else ids
    if index.tuning_knob == "efSearch":
        # the index is tuned for 10 results at a target latency; lists of K want a wider
        # beam. A copy of the wrapper with its own parameters: the FAISS object is shared
        # and left as it is (HNSW takes efSearch per call)
        import copy
        index = copy.copy(index)
        index.params = {**index.params,
                        "efSearch": max(HNSW_EF_SEARCH, int(index.params.get("efSearch", 0)))}

    def search(q, k):
        with col.read_lock():
            return index.search(q, k, subset)
    return search


def search_rows(search, ids, vecs, k, progress=None, rows=None, dtype=np.int64):
    """Each row's k nearest others (self excluded), BATCH queries at a time. ids: what search
    returns for each row (image ids, or positions with a dtype of int32)."""
    rows = np.arange(len(ids)) if rows is None else rows
    nn = np.full((len(rows), k), -1, dtype=dtype)
    sc = np.full((len(rows), k), -np.inf, dtype=np.float32)
    for s in range(0, len(rows), BATCH):
        part = rows[s:s + BATCH]
        scores, found = search(vecs[part], k + 1)
        keep = (found != ids[part][:, None]) & (found >= 0)
        order = np.argsort(~keep, axis=1, kind="stable")[:, :k]    # kept ones first, in order
        got, ok = np.take_along_axis(found, order, 1), np.take_along_axis(keep, order, 1)
        w = got.shape[1]
        nn[s:s + len(part), :w] = np.where(ok, got, -1)
        sc[s:s + len(part), :w] = np.where(ok, np.take_along_axis(scores, order, 1), -np.inf)
        stats["searched"] += len(part)
        if progress:
            progress("neighbours", min(s + BATCH, len(rows)), len(rows))
    return nn, sc


def _spooled_rows(searcher, vecs, k, progress, folder):
    """search_rows over every row of the raw index, SPOOL_ROWS at a time, each block of lists
    (positions, int32) handed to a spool.ListSpool."""
    from .spool import ListSpool
    n, spool, at = len(vecs), ListSpool(folder, k), np.arange(len(vecs))
    for s in range(0, n, SPOOL_ROWS):
        tick = progress and (lambda what, done, _, s=s: progress(what, s + done, n))
        spool.add(*search_rows(searcher.by_position, at, vecs, k, tick,
                               rows=at[s:s + SPOOL_ROWS], dtype=np.int32))
    return spool


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
        brute = _Brute(ids[added], vecs[added])
        keep_rows = np.flatnonzero(same & ~lost)
        for s in range(0, len(keep_rows), 8 * BATCH):
            part = keep_rows[s:s + 8 * BATCH]
            s2, i2 = brute(vecs[part], min(k, added.size))
            nn[part], sc[part] = _merge(nn[part], sc[part], i2, s2, ids[part], k)
    redo = np.concatenate([added, np.flatnonzero(lost)])
    if redo.size:
        search = (_searcher(col, kind, ids, vecs) if kind == "space" or redo.size > 2 * BATCH
                  else _Brute(ids, vecs))
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
