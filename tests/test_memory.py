"""Indexing memory grows with the vectors, not with copies of them.

Two real `imgsearch index` processes (the CLI, decode workers and all), of 5,000 and 20,000
generated tiny PNGs under `pixels --size 21` (1,323-d: 5.3 KB a vector), each into a fresh
collection; each process reports its own peak RSS (VmHWM). The peak may grow between them
by at most 1.5 x the 15,000 added vectors' bytes (76 MiB) plus a fixed allowance for what
grows with the catalog rather than the vectors (DuckDB's rows, paths, the re-ranking graph's
lists: ~2.5 KB an image here). Measured: about +150 MB (and with --index hnsw, too); before the whole-collection steps
streamed (reading every vector back to refit the space, the re-ranking graph's copies, the
flat index's doubling) it was +411 to +424 MB, five copies of the vectors, and this test
failed. The two runs take ~30 s of CPU (about 3 minutes of wall time at a load of 11 on 2
cores).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from bench_memory import index_peak, vector_bytes, write_images  # noqa: E402

SMALL, LARGE = 5_000, 20_000
ALLOWANCE_MB = 64          # catalog-side growth over 15,000 images, with room for noise
GROWTH = 1.5               # the peak's growth per added vector's bytes


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    return {n: write_images(root / f"img{n}", n) for n in (SMALL, LARGE)}


@pytest.mark.parametrize("kind", [None, "hnsw"])
def test_the_index_runs_peak_grows_by_the_vectors_not_by_copies_of_them(kind, images, tmp_path):
    """kind None: the flat index the size calls for. hnsw: the run ends by rebuilding its flat
    index as HNSW; while it does, the old index is read from its file in place (it grew
    4.2 x the added vectors when both indexes and the tuner's chunks were held)."""
    small = index_peak(images[SMALL], tmp_path / "home", timeout=600, index=kind)
    large = index_peak(images[LARGE], tmp_path / "home", timeout=600, index=kind)
    assert (small["indexed"], large["indexed"]) == (SMALL, LARGE)
    added = vector_bytes(LARGE - SMALL) / 2 ** 20
    grew = large["peak_mb"] - small["peak_mb"]
    bound = GROWTH * added + ALLOWANCE_MB
    assert grew <= bound, (
        f"peak RSS grew {grew:.0f} MB from {SMALL:,} to {LARGE:,} images ({small['peak_mb']:.0f} "
        f"-> {large['peak_mb']:.0f} MB): more than {GROWTH} x the {added:.0f} MB of added "
        f"vectors + {ALLOWANCE_MB} MB ({bound:.0f} MB); {grew / added:.1f} copies of each vector")
    # and it did hold them once: a run that grew by less than the vectors lost some
    assert grew >= 0.8 * added


# -- the streamed steps give what the whole-array ones gave ---------------------------------
def _flat(x):
    from imgsearch.core.vectors import create
    index = create("flat", x.shape[1])
    index.add(np.arange(len(x)) * 3 + 1, x)
    return index


@pytest.mark.parametrize("method", ["center", "whiten"])
def test_the_space_fitted_chunk_by_chunk_is_the_one_fitted_on_the_whole_array(method, monkeypatch):
    from imgsearch.core import streaming
    from imgsearch.features import postprocess
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1500, 24)).astype(np.float32) + rng.normal(size=24).astype(np.float32)
    monkeypatch.setattr(postprocess, "MAX_FIT", 700)          # the sampled path
    monkeypatch.setattr(streaming, "CHUNK_BYTES", 4 * 24 * 100)   # 100 rows a chunk: 7 chunks
    whole = postprocess.fit(postprocess.unit(x), method)
    chunked = streaming.fit_space(_flat(x), set(), None, method)
    np.testing.assert_allclose(chunked["mean"], whole["mean"], atol=1e-6)
    if method == "whiten":
        np.testing.assert_allclose(np.abs(chunked["matrix"]), np.abs(whole["matrix"]), atol=1e-4)
    # from vectors stored in another space: the raw features are recovered first
    old = postprocess.fit(x, "whiten")
    again = streaming.fit_space(_flat(postprocess.apply(old, x)), set(), old, method)
    np.testing.assert_allclose(again["mean"], whole["mean"], atol=1e-5)


def test_vectors_moved_in_place_are_the_vectors_moved_by_a_copy(monkeypatch):
    from imgsearch.core import streaming
    from imgsearch.features import postprocess
    rng = np.random.default_rng(1)
    x = rng.normal(size=(1000, 16)).astype(np.float32) + 0.5
    monkeypatch.setattr(streaming, "CHUNK_BYTES", 4 * 16 * 64)
    old = postprocess.fit(x, "center")
    index = _flat(postprocess.apply(old, x))
    view = streaming.storage(index)
    new = postprocess.fit(x, "whiten")
    assert streaming.move_in_place(index, old, new)
    assert streaming.storage(index) is not None and np.shares_memory(view, streaming.storage(index))
    ids, moved = index.all_vectors()
    np.testing.assert_allclose(moved, postprocess.apply(new, x)[(ids - 1) // 3], atol=1e-5)
    scores, found = index.search(postprocess.apply(new, x[:5]), 1)
    assert found[:, 0].tolist() == [1, 4, 7, 10, 13]


def test_a_reserved_flat_index_never_moves_its_storage():
    from imgsearch.core import streaming
    from imgsearch.core.vectors import create
    index = create("flat", 32)
    index.add([0], np.ones((1, 32), np.float32))
    index.reserve(5000)
    before = streaming.storage(index).__array_interface__["data"][0]
    for s in range(1, 5001, 250):
        index.add(np.arange(s, s + 250), np.random.default_rng(s).normal(size=(250, 32)))
    assert index.ntotal == 5001
    assert streaming.storage(index).__array_interface__["data"][0] == before


@pytest.mark.parametrize("kind", ["hnsw", "ivfsq"])
def test_other_kinds_are_rebuilt_in_the_new_space(kind, monkeypatch):
    from imgsearch.core import streaming
    from imgsearch.core.vectors import create
    from imgsearch.features import postprocess
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2000, 16)).astype(np.float32) + 0.5
    monkeypatch.setattr(streaming, "CHUNK_BYTES", 4 * 16 * 300)
    old, new = postprocess.fit(x, "center"), postprocess.fit(x, "whiten")
    stored = postprocess.apply(old, x)
    index = create(kind, 16, train=stored if kind != "hnsw" else None)
    index.add(np.arange(2000) + 10, stored)
    index.reserve(100)            # a no-op for kinds without flat storage
    rebuilt = streaming.rebuilt_in_space(index, old, new)
    assert rebuilt.kind == kind and rebuilt.ntotal == 2000
    ids, moved = rebuilt.all_vectors()
    assert sorted(ids.tolist()) == list(range(10, 2010))
    tol = 1e-5 if kind == "hnsw" else 0.05     # IVF-SQ8 stores 8-bit codes
    np.testing.assert_allclose(moved, postprocess.apply(new, x)[ids - 10], atol=tol)


class _Takes(np.ndarray):
    """A matrix that records the most rows any one read of it took."""
    most = 0

    def __getitem__(self, key):
        out = super().__getitem__(key)
        if isinstance(out, np.ndarray) and out.ndim == 2:
            _Takes.most = max(_Takes.most, len(out))
        return out


def test_building_an_ann_index_reads_its_vectors_a_batch_at_a_time(monkeypatch):
    """Switching a collection to an approximate index builds it from the old index's storage:
    the vectors it is built on (all but the tuning hold-outs) are added and searched a batch at
    a time, never copied out whole (at a million 768-d vectors that copy was 3 GB on top of
    the two indexes)."""
    from imgsearch.core.vectors import tuning
    monkeypatch.setattr(tuning, "BATCH_BYTES", 2048 * 4 * 8)      # 2,048 rows of 8-d
    n = 20_000
    v = np.random.default_rng(0).standard_normal((n, 8)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    _Takes.most = 0
    index, report = tuning.build_and_tune(np.arange(n, dtype=np.int64), v.view(_Takes), "hnsw")
    assert index.ntotal == n
    assert _Takes.most <= 2048, _Takes.most
