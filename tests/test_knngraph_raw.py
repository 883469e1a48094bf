"""The raw graph's temporary index (core/knnsearch.py) on real collections: 8-bit codes at a
width FAISS compares with SIMD, the collection's own links where its space only centres, the
raw features never read back whole, and its lists spooled to disk while its index is held."""
import numpy as np

import imgsearch
from imgsearch.core import knngraph, knnsearch
from imgsearch.core.spool import ListSpool

from .knn_exact import graph_recall


def test_at_scale_the_raw_graph_index_keeps_codes_and_its_recall(digits_dir, tmp_path, monkeypatch):
    """From RAW_CODES_FROM images the raw graph's own index stores 8-bit codes (a quarter of
    the vectors' memory), of the features padded with zeros to a width FAISS compares with
    SIMD (147 dimensions here): its lists still match exact search and its scores are within
    0.01."""
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "a", model="pixels", size=7, index="hnsw", **kw)
    monkeypatch.setattr(knnsearch, "RAW_CODES_FROM", 0)
    with imgsearch.open_collection("a", **kw) as col:
        ids, vecs = col.raw_vectors()
        col.cache.pop("knn-raw", None)
        knngraph.graph_path(col, "raw").unlink(missing_ok=True)
        import faiss
        made = []
        real = faiss.IndexHNSWSQ
        monkeypatch.setattr(faiss, "IndexHNSWSQ", lambda *a: made.append(a) or real(*a))
        g = knngraph.graph(col, "raw")
    assert made, "the codes index was not used"
    assert vecs.shape[1] == 147 and made[0][0] == 160       # padded to a multiple of 16
    recall, _ = graph_recall(g, ids, vecs)
    assert recall >= 0.97, recall
    x = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    at = {int(i): r for r, i in enumerate(ids)}
    rows = np.array([at[int(i)] for i in g.ids])
    first = np.array([at[int(i)] for i in g.nn[:, 0]])
    exact = (x[rows] * x[first]).sum(1)
    assert np.abs(exact - g.sc[:, 0]).max() < 0.01


def _links(col) -> np.ndarray:
    import faiss
    return faiss.vector_to_array(faiss.downcast_index(col.vectors().index.index).hnsw.neighbors)


def test_the_raw_graph_searches_through_the_collections_own_links(digits_dir, tmp_path,
                                                                  monkeypatch):
    """Over a centred space, an HNSW collection's own links serve the raw graph: its raw
    features are stored beside a copy of them, never linked again (at a million 1,323-d images
    linking took an hour), and the lists still match exact search. A whitened space's links
    were made for another geometry: the raw features get links of their own."""
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    real_add = knnsearch.Hnsw.add
    for method, reused in (("center", True), ("whiten", False)):
        imgsearch.index_images(digits_dir, method, model="pixels", size=16, index="hnsw",
                               postprocess=method, **kw)
        linked = []
        monkeypatch.setattr(knnsearch.Hnsw, "add", lambda self, v, link=True: (
            linked.append(link), real_add(self, v, link)))
        with imgsearch.open_collection(method, **kw) as col:
            ids, vecs = col.raw_vectors()
            links = _links(col)
            col.cache.pop("knn-raw", None)
            knngraph.graph_path(col, "raw").unlink(missing_ok=True)
            g = knngraph.graph(col, "raw")
            assert np.array_equal(_links(col), links)        # the collection's, untouched
        assert linked and set(linked) == {not reused}, (method, linked)
        recall, _ = graph_recall(g, ids, vecs)
        assert recall >= 0.99, (method, recall)


def test_the_raw_graph_is_built_without_a_copy_of_the_raw_features(digits_dir, tmp_path, monkeypatch):
    """Through an approximate index, the raw features go into the graph's own index a chunk
    at a time: the whole raw matrix is never read back (at a million images it would be one
    more copy of every vector), and the graph is as good as one built from it."""
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "a", model="pixels", size=16, index="hnsw", **kw)
    with imgsearch.open_collection("a", **kw) as col:
        ids, vecs = col.raw_vectors()
        col.cache.pop("knn-raw", None)
        knngraph.graph_path(col, "raw").unlink(missing_ok=True)

        def refused(*a, **k):
            raise AssertionError("the raw features were read back whole")
        monkeypatch.setattr(type(col), "raw_vectors", refused)
        g = knngraph.graph(col, "raw")
        monkeypatch.undo()
        assert sorted(g.ids.tolist()) == sorted(ids.tolist())
        recall, _ = graph_recall(g, ids, vecs)
        assert recall >= 0.99, recall


def test_the_raw_graph_lets_its_index_go_before_its_lists_widen_to_ids(digits_dir, tmp_path,
                                                                       monkeypatch):
    """Built afresh, the raw graph's lists are int32 positions, written to disk a block at a
    time while its own index is held; the index is let go before they are read back and
    become int64 ids (at a million images the lists were 240 MB of the duplicates stage's
    peak beside the index). The lists are the same graph: exact-kNN recall."""
    import gc
    import weakref
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "a", model="pixels", size=16, index="hnsw", **kw)
    built, seen, spooled, ticks = [], [], [], []
    real_raw_of = knnsearch.Hnsw.raw_of.__func__
    real_add, real_read = ListSpool.add, ListSpool.read

    def raw_of(cls, col):
        out = real_raw_of(cls, col)
        built.append(weakref.ref(out))
        return out

    def add(self, nn, sc):
        real_add(self, nn, sc)
        spooled.append((nn.dtype, len(nn), self.file is not None and not self.held))

    def read(self, ids):
        gc.collect()
        seen.append(built[0]() is None)
        return real_read(self, ids)
    monkeypatch.setattr(knnsearch.Hnsw, "raw_of", classmethod(raw_of))
    monkeypatch.setattr(knnsearch, "SPOOL_ROWS", 500)
    monkeypatch.setattr(ListSpool, "add", add)
    monkeypatch.setattr(ListSpool, "read", read)
    with imgsearch.open_collection("a", **kw) as col:
        ids, vecs = col.raw_vectors()
        col.cache.pop("knn-raw", None)
        knngraph.graph_path(col, "raw").unlink(missing_ok=True)
        g = knngraph.graph(col, "raw", progress=lambda what, done, total: ticks.append(
            (what, done, total)))
    # the lists went to disk a block at a time while the index was held, none kept in memory
    i32 = np.dtype(np.int32)
    assert spooled == [(i32, 500, True)] * 3 + [(i32, len(ids) - 1500, True)]
    neighbours = [done for what, done, total in ticks if what == "neighbours"]
    assert neighbours == sorted(neighbours) and neighbours[-1] == len(ids)
    assert seen == [True]                     # read back only once the index was gone
    assert g.nn.dtype == np.int64 and set(np.unique(g.nn)) <= set(ids.tolist()) | {-1}
    recall, _ = graph_recall(g, ids, vecs)
    assert recall >= 0.99, recall
