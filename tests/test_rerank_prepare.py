"""The index-time k-reciprocal sets, computed for every image at once, are the ones the rules
give row by row (Zhong et al.: reciprocal sets, their expansion by half-sets, the weights, the
mean over the K2 nearest), on real features with exact neighbours."""
import numpy as np
import pytest
from sklearn.datasets import load_digits

from imgsearch.core import rerank
from imgsearch.features.postprocess import unit


def row_by_row(x, gidx, gsim, k1):
    """The sets as the query path builds them for one row, for every row."""
    n, half = len(x), max(1, int(round(k1 / 2)))
    kth, kth_half = gsim[:, k1], gsim[:, half]
    halves = [rerank._recip(gidx[i, :half + 1], gsim[i, :half + 1], kth_half[gidx[i, :half + 1]])
              for i in range(n)]
    raw = []
    for i in range(n):
        r = rerank._recip(gidx[i, :k1 + 1], gsim[i, :k1 + 1], kth[gidx[i, :k1 + 1]])
        m = rerank._expand(r, lambda c: halves[c])
        raw.append(rerank._weights(m, x[m] @ x[i]))
    rows = [rerank._mean_rows([raw[j] for j in gidx[i, :rerank.K2]]) for i in range(n)]
    return halves, rows


def exact_graph(x, k):
    s = x @ x.T
    np.fill_diagonal(s, -np.inf)
    nn = np.argsort(-s, axis=1, kind="stable")[:, :k]
    rows = np.arange(len(x))
    return (np.column_stack([rows, nn]),
            np.column_stack([np.ones(len(x)), np.take_along_axis(s, nn, 1)]).astype(np.float32))


@pytest.mark.parametrize("n, block", [(1797, 2048), (700, 64), (16, 2048)])
def test_all_rows_at_once_equal_row_by_row(n, block, monkeypatch):
    monkeypatch.setattr(rerank, "BLOCK", block)          # rows split over blocks, or one
    monkeypatch.setattr(rerank, "PAIRS", 1000)
    x = unit(load_digits().data[:n].astype(np.float32) + np.random.default_rng(0).normal(
        0, 0.5, (n, 64)).astype(np.float32))
    k = min(rerank.K1, n - 1)
    gidx, gsim = exact_graph(x, k)
    got = rerank._prepare(x, gidx, gsim, k)
    halves, rows = row_by_row(x, gidx, gsim, k)
    assert got["half_indptr"].tolist() == np.cumsum([0] + [len(h) for h in halves]).tolist()
    assert got["half_indices"].tolist() == np.concatenate(halves).tolist()
    assert got["indptr"].tolist() == np.cumsum([0] + [len(r[0]) for r in rows]).tolist()
    assert got["indices"].tolist() == np.concatenate([r[0] for r in rows]).tolist()
    np.testing.assert_allclose(got["data"], np.concatenate([r[1] for r in rows]), rtol=1e-5)
    assert got["data"].dtype == np.float32 and got["indices"].dtype == np.int64
    np.testing.assert_array_equal(got["kth"], gsim[:, k])
    if n < 100:
        return          # (with 16 images every set holds them all)
    # the sets are not trivial: expansion added members, and rows differ in size
    sizes = np.diff(got["indptr"])
    assert sizes.min() >= 1 and sizes.max() > sizes.min()
    assert sum(len(np.setdiff1d(r[0], gidx[i, :k + 1])) for i, r in enumerate(rows[:50])) > 0
