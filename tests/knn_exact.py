"""Exact k nearest neighbours by brute force, and a stored graph's recall against them
(shared by the neighbour graph's tests)."""
import numpy as np


def exact_knn(ids, vecs, k):
    """Every row's k nearest others by brute force: (neighbour ids, scores)."""
    x = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    sims = x @ x.T
    np.fill_diagonal(sims, -np.inf)
    order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return ids[order], np.take_along_axis(sims, order, 1)


def graph_recall(g, ids, vecs):
    """Share of the exact k nearest found in the graph's lists, and the worst score gap."""
    pos = {int(i): r for r, i in enumerate(g.ids)}
    true_nn, true_sc = exact_knn(ids, vecs, g.k)
    rows = [pos[int(i)] for i in ids]
    hit = [len(set(g.nn[r].tolist()) & set(t.tolist())) for r, t in zip(rows, true_nn)]
    # ties at the k-th place may swap ids; the scores must agree all the same
    gap = np.abs(g.sc[rows] - true_sc).max()
    return sum(hit) / true_nn.size, gap
