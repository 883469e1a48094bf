"""Re-ranking at query time (optional, `rerank=`): the first search's neighbours improve the
ranking of the second.

  qe           average query expansion (alpha-QE, Radenovic et al. 2018): the query plus its
               top-n neighbours weighted by similarity^alpha, searched again
  kreciprocal  k-reciprocal re-ranking (Zhong et al. 2017, simplified): candidates that also
               have the query among their own nearest neighbours move up
The caller holds the collection's read lock.
"""
from __future__ import annotations

import numpy as np

from ..core.vectors import normalize
from ..errors import InvalidArgument

METHODS = ("none", "qe", "kreciprocal")
QE_N, QE_ALPHA = 5, 3.0
KR_CANDIDATES, KR_K = 50, 10


def check(method: str | None) -> str:
    method = method or "none"
    if method not in METHODS:
        raise InvalidArgument(f"unknown rerank {method!r}; choose {', '.join(METHODS)}",
                              param="rerank")
    return method


def candidates(method: str, k: int) -> int:
    return max(k, KR_CANDIDATES) if method == "kreciprocal" else k


def rerank(method: str, col, query: np.ndarray, scores: np.ndarray, ids: np.ndarray, subset):
    index = col._vectors()
    if method == "qe":
        return _qe(index, query, scores, ids, subset)
    return _kreciprocal(index, query, scores, ids, subset)


def _qe(index, query, scores, ids, subset):
    k = ids.shape[1]
    top = ids[0][: QE_N][ids[0][: QE_N] >= 0]
    if not len(top):
        return scores, ids
    w = np.clip(scores[0][: len(top)], 0, None) ** QE_ALPHA
    expanded = normalize(query)[0] + (w[:, None] * normalize(index.reconstruct(top))).sum(0)
    new_scores, new_ids = index.search(expanded[None], k, subset)
    # report each hit's similarity to the query itself, in the expanded order
    sims = normalize(index.reconstruct(new_ids[0][new_ids[0] >= 0])) @ normalize(query)[0]
    out = np.full_like(new_scores, -np.inf)
    out[0][: len(sims)] = sims
    return out, new_ids


def _kreciprocal(index, query, scores, ids, subset):
    cand = ids[0][ids[0] >= 0]
    if len(cand) < 3:
        return scores, ids
    vecs = normalize(index.reconstruct(cand))
    q = normalize(query)[0]
    # each candidate's own top-KR_K among the candidates and the query
    pool = np.vstack([q[None], vecs])
    sims = pool @ pool.T
    kk = min(KR_K, len(pool) - 1)
    nearest = np.argsort(-sims, axis=1)[:, 1: kk + 1]
    reciprocal = np.array([0 in nearest[i + 1] and (i + 1) in nearest[0] for i in range(len(cand))])
    # Jaccard of the k-reciprocal sets, mixed with the original similarity (lambda = 0.3)
    sets = [set(row) for row in nearest]
    jaccard = np.array([len(sets[0] & sets[i + 1]) / max(1, len(sets[0] | sets[i + 1]))
                        for i in range(len(cand))])
    final = 0.7 * (vecs @ q) + 0.3 * jaccard + 0.05 * reciprocal
    order = np.argsort(-final, kind="stable")
    out_ids = np.full_like(ids, -1)
    out_scores = np.full_like(scores, -np.inf)
    out_ids[0][: len(order)] = cand[order]
    out_scores[0][: len(order)] = (vecs @ q)[order]
    return out_scores, out_ids
