"""How the neighbour graph's lists are found (knngraph.py keeps, stores and updates them):
exact search over an array, the collection's own index read a batch at a time, and a
temporary HNSW over the raw features (the post-processing undone) for the raw graph.
"""
from __future__ import annotations

import numpy as np

BATCH = 2048           # queries per search call
# raw graph's HNSW: 32 links (24: same recall@30 at 300k, 96.4 % vs 99.0 % copies found at 1M)
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 128
RAW_CODES_FROM = 200_000   # images from which the raw graph's own index keeps 8-bit codes
RAW_ADD_BATCH = 16_384     # raw features added to its own index at once
CODE_WIDTH = 16            # codes are compared with SIMD at multiples of this many dimensions
SPOOL_ROWS = 16 * BATCH    # lists found between two writes to the spool
stats = {"built": 0, "searched": 0}   # graphs built, rows searched (read by tests and benches)


def fingerprint(vecs) -> np.ndarray:
    """One number per vector: its projection on a fixed random direction. Two vectors that
    differ in any way get different numbers (almost surely). vecs: an array, or rows read a
    part at a time (StoredRows)."""
    if isinstance(vecs, StoredRows):
        step = 4 * BATCH
        return np.concatenate([fingerprint(vecs[s:s + step]) for s in range(0, len(vecs), step)]
                              or [np.empty(0, np.float32)])
    r = np.random.default_rng(0).standard_normal(vecs.shape[1]).astype(np.float32)
    return (np.asarray(vecs, np.float32) @ r).astype(np.float32)


class Brute:
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


class Hnsw:
    def __init__(self, ids, vecs=None, dim: int | None = None, codes: bool = False):
        """codes: store 8-bit scalar codes (a quarter of the memory; scores off by ~1e-3)
        instead of the vectors (then trained on a sample before anything is added). The codes
        are of the vectors padded with zeros to a multiple of CODE_WIDTH dimensions (inner
        products unchanged): FAISS compares codes with SIMD only at such widths, and at 1,323
        dimensions a search was 6.2x slower without (`bench-results/rawgraph-links.json`)."""
        import faiss
        self.ids, d = ids, dim or vecs.shape[1]
        self.pad = -d % CODE_WIDTH if codes else 0
        self.index = (faiss.IndexHNSWSQ(d + self.pad, faiss.ScalarQuantizer.QT_8bit, HNSW_M,
                                        faiss.METRIC_INNER_PRODUCT) if codes else
                      faiss.IndexHNSWFlat(d, HNSW_M, faiss.METRIC_INNER_PRODUCT))
        self.index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        self.index.hnsw.efSearch = HNSW_EF_SEARCH
        if vecs is not None:            # in a random order, as raw_of adds them
            if codes:
                self.train_on_sample(vecs)
            order = np.random.default_rng(0).permutation(len(vecs))
            self.ids = ids[order]
            for s in range(0, len(order), RAW_ADD_BATCH):
                self.add(vecs[order[s:s + RAW_ADD_BATCH]])

    def add(self, vecs, link: bool = True):
        """link=False: into the storage only (the links come from elsewhere)."""
        (self.index.add if link else self.index.storage.add)(self._unit(vecs))

    def train_on_sample(self, rows):
        """The codes trained on up to 65,536 of rows (an array, or StoredRows), chosen at random."""
        pick = np.random.default_rng(0).choice(len(rows), min(len(rows), 65536), replace=False)
        self.index.train(self._unit(rows[np.sort(pick)]))

    def _unit(self, vecs) -> np.ndarray:
        """Rows as the index holds them: unit length, padded (see __init__)."""
        from .vectors import normalize
        x = normalize(vecs)
        return np.pad(x, ((0, 0), (0, self.pad))) if self.pad else x

    @classmethod
    def raw_of(cls, col) -> "Hnsw":
        """An index over the collection's raw features (its indexed images), filled from its
        stored vectors a chunk at a time, each mapped back out of the collection's space; with
        `rows` (the raw features, by position) and `fp` (their fingerprints) beside it. From
        RAW_CODES_FROM images it stores 8-bit codes, and `rows` reads the features back from
        the collection's index when asked: the raw features then cost a quarter of the vectors
        instead of a second copy of them. Where the collection's HNSW links can serve (see
        _links_to_reuse), they are copied instead of built: at a million 1,323-d images
        building them took an hour, filling the codes a few minutes."""
        from . import streaming
        with col.read_lock():
            index = col.vectors()
            links = _links_to_reuse(col, index)
            if links is not None:       # the links name the index's positions: all, in order
                pos = np.arange(index.ntotal)
            else:
                pos = streaming.marked_positions(index, col.unmarked())
                # added in a random order: in the collection's own order (class after class)
                # the graph is poor (see vectors/tuning.build); FAISS shuffles only within one add
                pos = pos[np.random.default_rng(0).permutation(len(pos))]
            codes = len(pos) >= RAW_CODES_FROM
            out = cls(index.ids()[pos], dim=index.dim, codes=codes)
            if links is not None:
                out.index.hnsw = links          # a copy, made while no one adds to the index
        rows = StoredRows(col, pos, raw=True)
        if codes:
            out.train_on_sample(rows)
        fps = []
        for s in range(0, len(pos), RAW_ADD_BATCH):
            vecs = rows.read(slice(s, s + RAW_ADD_BATCH), unit=False)
            fps.append(fingerprint(vecs))
            out.add(vecs, links is None)
        if links is not None:           # searched as the space graph searches these links
            out.index.ntotal = len(pos)
            out.index.hnsw.efSearch = ef_search(index)
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
        return self.index.search(self._unit(q), min(k, len(self.ids)))


def _links_to_reuse(col, index):
    """The collection's HNSW links, where the raw graph can search through them: an HNSW index
    with no vector left unmarked (every position is an indexed image), over a space that only
    centres. Centring moves every unit raw feature by the same mean, which keeps the distances
    between them (up to each vector's own rescaling to unit length), so the links stay a
    navigable graph for the raw features; whitening stretches some directions, and its links
    were built for another geometry. On 100,000 1,323-d images, recall@30 of the
    lists against exact search at efSearch 128: 0.944 through these links, 0.968 through links
    built for the raw features (`bench-results/rawgraph-links.json`)."""
    import faiss
    space = col.space()
    if index.tuning_knob != "efSearch" or col.unmarked() or (
            space is not None and space.get("matrix") is not None):
        return None
    inner = faiss.downcast_index(index.index.index)
    return inner.hnsw if isinstance(inner, faiss.IndexHNSW) else None


class StoredRows:
    """The collection's unit vectors at some positions of its index, read a part at a time
    under the read lock: rows[part] (positions in any order, a mask or a slice) returns those
    rows in that order. raw: mapped back out of the collection's space first. Should the index
    change meanwhile, the rows read are fingerprinted as read, and the graph's next read puts
    right the lists they fed."""

    def __init__(self, col, positions: np.ndarray, raw: bool = False):
        self.col, self.pos, self.raw = col, positions, raw
        self.shape = (len(positions), col.vectors().dim)

    @classmethod
    def of(cls, col) -> tuple[np.ndarray, "StoredRows"]:
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


def ef_search(index) -> int:
    """The beam a graph's lists are searched with through the collection's HNSW links: the
    index's tuned efSearch (for 10 results at the recall asked) where wider, else 128."""
    return max(HNSW_EF_SEARCH, int(index.params.get("efSearch", 0)))


def index_search(col, kind, ids, vecs):
    """search(queries, k) -> (scores, ids) over the graph's images."""
    index = col.vectors()
    if kind == "raw":
        return Brute(ids, vecs) if index.exact else Hnsw(ids, vecs)
    subset = None if index.ntotal == len(ids) else ids
    if index.tuning_knob == "efSearch":
        # the index is tuned for 10 results at a target latency; lists of K want a wider
        # beam. A copy of the wrapper with its own parameters: the FAISS object is shared
        # and left as it is (HNSW takes efSearch per call)
        import copy
        index = copy.copy(index)
        index.params = {**index.params, "efSearch": ef_search(index)}

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


def spooled_rows(searcher, vecs, k, progress, folder):
    """search_rows over every row of the raw index, SPOOL_ROWS at a time, each block of lists
    (positions, int32) handed to a spool.ListSpool."""
    from .spool import ListSpool
    n, spool, at = len(vecs), ListSpool(folder, k), np.arange(len(vecs))
    for s in range(0, n, SPOOL_ROWS):
        tick = progress and (lambda what, done, _, s=s: progress(what, s + done, n))
        spool.add(*search_rows(searcher.by_position, at, vecs, k, tick,
                               rows=at[s:s + SPOOL_ROWS], dtype=np.int32))
    return spool
