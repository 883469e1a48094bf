"""Rebuilding the index of a collection reads the old index from its file in place
(core/vectors/mapped.py, core/streaming.rebuild_source): the rows come back exact, their pages
do not stay in the process, searches go on during the rebuild, and a failed rebuild puts the
old index back in memory."""
from __future__ import annotations

import numpy as np
import pytest

import imgsearch
from imgsearch.core import streaming
from imgsearch.core.vectors import create, tuning
from imgsearch.core.vectors.mapped import MappedRows
from imgsearch.core.vectors.registry import load
from imgsearch.pipeline import commit


def _rss_file_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("RssFile:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no RssFile in /proc/self/status")


@pytest.fixture
def saved(tmp_path):
    """A flat index of 24,000 unit vectors of 512-d (47 MB) saved to a file, and its vectors."""
    n, d = 24_000, 512
    x = np.random.default_rng(0).standard_normal((n, d)).astype(np.float32)
    index = create("flat", d)
    index.add(np.arange(n) * 7 + 3, x)
    index.save(tmp_path / "v.faiss")
    return tmp_path / "v.faiss", index.ids(), streaming.storage(index).copy()


def test_rows_read_from_the_mapped_file_are_exact_and_leave_no_pages_behind(saved):
    path, ids, stored = saved
    mapped = load(path, "flat", mapped=True)
    assert np.array_equal(mapped.ids(), ids)
    xb = streaming.storage(mapped)
    rows = MappedRows(xb)
    before = _rss_file_mb()
    step = 3000
    for s in range(0, len(rows), step):                          # slices, in order
        assert np.array_equal(rows[s:s + step], stored[s:s + step])
    every = np.arange(len(rows))
    for s in range(0, len(rows), step):                          # sorted positions
        assert np.array_equal(rows[every[s:s + step]], stored[s:s + step])
    scattered = np.random.default_rng(1).permutation(len(rows))[:5000]
    assert np.array_equal(rows[scattered], stored[scattered])   # random positions
    mask = np.zeros(len(rows), bool)
    mask[::5] = True
    assert np.array_equal(rows[mask], stored[mask])
    left = _rss_file_mb() - before
    assert left < 8, f"{left:.1f} MB of the 47 MB file stayed mapped after reading it"
    # the measure sees a mapped read: the same rows read from the array itself stay resident
    assert np.array_equal(xb.copy(), stored)
    assert _rss_file_mb() - before > 0.8 * stored.nbytes / 2 ** 20


@pytest.fixture
def digits_col(digits_dir, tmp_path):
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "d", model="pixels", size=8, **kw)
    col = imgsearch.open_collection("d", **kw)
    yield col
    col.close()


def _owned(col) -> bool:
    inner = streaming.storage(col.vectors())
    return inner is not None and inner.flags.owndata is False and _codes_owned(col)


def _codes_owned(col) -> bool:
    import faiss
    inner = faiss.downcast_index(col.vectors().index.index)
    if isinstance(inner, faiss.IndexHNSW):
        inner = faiss.downcast_index(inner.storage)
    return bool(inner.codes.is_owned)


def test_searches_go_on_from_the_file_while_the_index_is_rebuilt(digits_col, monkeypatch):
    col = digits_col
    assert col.info().index["type"] == "flat" and _codes_owned(col)
    queries = [3, 100, 1500]
    expected = {q: [h.image_id for h in col.search(q, k=10).hits] for q in queries}
    seen = {}
    real = commit.build_and_tune

    def watched(ids, vecs, kind, *a, **kw):
        seen["owned"] = _codes_owned(col)            # the old index, during the rebuild
        seen["rows"] = type(vecs).__name__
        seen["hits"] = {q: [h.image_id for h in col.search(q, k=10).hits] for q in queries}
        return real(ids, vecs, kind, *a, **kw)

    monkeypatch.setattr(commit, "build_and_tune", watched)
    with col.job():
        meta = commit.ensure_index(col, "hnsw")
    assert seen == {"owned": False, "rows": "MappedRows", "hits": expected}
    assert meta["type"] == "hnsw" and col.info().index["type"] == "hnsw"
    assert _codes_owned(col)                           # the new index lives in memory
    for q in queries:                                  # and finds what the flat one found
        got = [h.image_id for h in col.search(q, k=10).hits]
        assert got[0] == q and len(set(got) & set(expected[q])) >= 8


def test_a_failed_rebuild_puts_the_old_index_back_in_memory(digits_col, monkeypatch, digits_dir):
    col = digits_col
    before = [h.image_id for h in col.search(42, k=10).hits]

    def fails(*a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(commit, "build_and_tune", fails)
    with col.job(), pytest.raises(OSError):
        commit.ensure_index(col, "hnsw")
    assert col.info().index["type"] == "flat" and _codes_owned(col)
    assert [h.image_id for h in col.search(42, k=10).hits] == before
    col.remove([42])                                   # writable again: it is not the mapping
    assert col.vector_count() == 1796 and col.fsck().ok


def test_a_rebuild_from_a_file_older_than_memory_saves_memory_first(digits_col, monkeypatch):
    """The file must hold what memory holds before the old index is swapped for it; where
    something changed the vectors in memory only, they are saved first, not lost."""
    col = digits_col
    index = col.vectors()
    with col.vectors_lock():
        streaming.storage(index)[5] = streaming.storage(index)[6]   # memory only
    changed, victim = streaming.storage(index)[5].copy(), int(index.ids()[5])
    del index
    with col.job():
        commit.ensure_index(col, "hnsw")
    vec = col.indexed_vectors([victim])[1][0]
    assert np.allclose(vec / np.linalg.norm(vec), changed, atol=1e-5)
