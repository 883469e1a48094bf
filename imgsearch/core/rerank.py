"""Re-ranking at query time: the collection's own neighbourhoods improve the first ranking.

  auto         k-reciprocal when the collection has its neighbour graph (built at the end of
               each index run, up to MAX_PREPARED images), else none
  kreciprocal  k-reciprocal re-ranking (Zhong et al., CVPR 2017; k1=20, k2=6, lambda=0.3):
               candidates whose own neighbourhoods share the query's move up
  qe           average query expansion (alpha-QE, n=5, alpha=1): one more search
  none         the plain cosine ranking
Measured on 233 natural photos (bench_quality.py): precision@10 0.774 -> 0.812 with
k-reciprocal, 0.792 with QE; the cost per query is in the README. Scores stay cosines (the
order changes, not what a score means).

Whatever the method, copies_first then moves the query's near-copies (candidates that stand
out on raw features) to the front: re-ranking favours class-level neighbours and would push an
edited copy of the query down.
"""
from __future__ import annotations


import numpy as np

from ..atomic import atomic_write
from ..errors import Conflict, InvalidArgument
from ..features.postprocess import unit as _unit   # L2-normalised float32 rows

METHODS = ("auto", "none", "qe", "kreciprocal")
MAX_PREPARED = 50_000
MIN_PREPARED = 16       # below this, neighbourhoods are noise (measured on random subsets of
                        # 16-160 photos: from 16 on, centring with re-ranking is the best or
                        # within the noise of the best; README)
K1, K2, LAMBDA, SHORTLIST = 20, 6, 0.3, 100
QE_N, QE_ALPHA = 5, 1.0
# raw neighbours that stand out go first (copies_first), calibrated on augmented copies
NEAR_GAP, CONTEXT_K = 0.15, 20
POOL = 100              # candidates copies_first looks at
FILE = "rerank.npz"


def check(method: str | None) -> str:
    method = method or "auto"
    if method not in METHODS:
        raise InvalidArgument(f"unknown rerank {method!r}; choose {', '.join(METHODS)}",
                              param="rerank")
    return method




# -- index time --------------------------------------------------------------------------
def prepare(col) -> None:
    """Every image's k-reciprocal set (after local expansion), for collections up to
    MAX_PREPARED images; saved beside the collection. The neighbour lists it starts from are
    the collection's stored graph (core/knngraph.py), brought up to date here as well (where
    it exists, whatever the size): one graph serves re-ranking and the analyses. The caller
    holds the job lock."""
    from . import knngraph
    path = col.dir / FILE
    col.cache.pop("rerank", None)
    from .streaming import indexed_unit_vectors
    n = col.vector_count()
    if not MIN_PREPARED <= n <= MAX_PREPARED:
        path.unlink(missing_ok=True)
        if n >= 2 and knngraph.graph_path(col).exists():
            knngraph.graph(col, vectors=indexed_unit_vectors(col))
        return
    stored, x = indexed_unit_vectors(col)     # the index's own storage where it can: no copy
    g = knngraph.graph(col, vectors=(stored, x))
    ids = g.ids
    if not np.array_equal(stored, ids):
        x = _unit(col.indexed_vectors(ids)[1])
    k = min(K1, len(ids) - 1)
    rows = np.arange(len(ids))
    order = np.argsort(ids, kind="stable")
    nn = g.nn[:, :k]
    at = order[np.clip(np.searchsorted(ids, nn, sorter=order), 0, len(ids) - 1)]
    found = (nn >= 0) & (ids[at] == nn)
    # the image itself first (as an exact search of it finds it), then its k neighbours
    idx = np.column_stack([rows, np.where(found, at, rows[:, None])])
    sims = np.column_stack([np.ones(len(ids), np.float32), np.where(found, g.sc[:, :k], -1.0)])
    prep = _prepare(x, idx, sims.astype(np.float32), k)
    atomic_write(path, lambda f: np.savez(f, ids=ids, count=np.int64(col.vector_count()), **prep))


def _recip(cand, s_cand, kth_of_cand):
    return cand[s_cand >= kth_of_cand]


def _weights(members, s_members):
    w = np.exp(-(2.0 - 2.0 * s_members))           # exp(-squared distance) of unit vectors
    return members, (w / w.sum()).astype(np.float32)


def _expand(r, half_set):
    """R* = R plus R(c, k1/2) for each c in R whose half-set overlaps R by more than 2/3."""
    out, rset = [r], set(r.tolist())
    for c in r:
        h = half_set(c)
        if len(h) and len(rset.intersection(h.tolist())) > 2 / 3 * len(h):
            out.append(h)
    return np.unique(np.concatenate(out))


def _mean_rows(rows):
    idx = np.concatenate([r[0] for r in rows])
    w = np.concatenate([r[1] for r in rows])
    u, inv = np.unique(idx, return_inverse=True)
    return u, (np.bincount(inv, weights=w) / len(rows)).astype(np.float32)


# Index time works on every image at once, a block of rows at a time (the query's own sets
# above are the same rules for one row): a loop over the images in Python cost 1.1 s at
# 10,000 images, two fifths of an index run's end.
BLOCK = 2048              # rows a block: the temporaries stay a few MB at any collection size
PAIRS = 4096              # (image, member) dot products gathered at once: 2 x 20 MB at 1,280-d


def _reciprocal(gidx, gsim, kth) -> np.ndarray:
    """Every row's k-reciprocal set as a padded (n, width) array, -1 where there is none:
    the candidates whose own k-th neighbour is no closer than the row is to them."""
    keep = gsim >= kth[gidx]
    return np.where(keep, gidx, -1)


def _ragged(padded) -> tuple[np.ndarray, np.ndarray]:
    """(indptr, indices) of a padded array's rows, in their order, without the -1s."""
    keep = padded >= 0
    return (np.concatenate([[0], np.cumsum(keep.sum(1))]).astype(np.int64),
            padded[keep].astype(np.int64))


def _expanded_block(r, half_pad, half_len) -> np.ndarray:
    """R* of a block of rows (what _expand gives each), padded with -1, each row sorted."""
    h = np.sort(half_pad[np.maximum(r, 0)], axis=-1)        # (rows, members, its half-set)
    distinct = h >= 0
    distinct[..., 1:] &= h[..., 1:] != h[..., :-1]
    # |R ∩ H_c|: each row's R sorted, the rows apart by n + 1, found by one binary search
    n, apart = len(half_pad), np.arange(len(r))[:, None] * (len(half_pad) + 1)
    rk = (np.sort(np.where(r >= 0, r, n), axis=1) + apart).ravel()
    hk = h + apart[:, :, None]
    inside = rk[np.minimum(np.searchsorted(rk, hk), len(rk) - 1)] == hk
    shared = (inside & distinct).sum(-1)
    size = half_len[np.maximum(r, 0)]
    grows = (r >= 0) & (size > 0) & (shared > 2 / 3 * size)
    out = np.concatenate([r, np.where(grows[..., None], h, -1).reshape(len(r), -1)], axis=1)
    out.sort(axis=1)
    repeat = np.zeros(out.shape, bool)
    repeat[:, 1:] = out[:, 1:] == out[:, :-1]
    out[repeat] = -1
    out.sort(axis=1)                                  # the -1s first: cut to the widest row
    return out[:, out.shape[1] - max(int((out >= 0).sum(1).max(initial=0)), 1):]


def _block_weights(x, rows, members, gidx, gsim) -> np.ndarray:
    """_weights of a block's padded, sorted member rows: exp(-squared distance) of each row to
    its members, normalised over the row (0 where there is no member). Nearly every member is
    one of the row's own graph neighbours (97 % on 10,000 photos), whose similarity the graph
    has; the others are read from the vectors."""
    match = members[:, :, None] == gidx[:, None, :]                   # (rows, members, k1 + 1)
    known = match.any(-1)
    s = np.where(known, np.take_along_axis(gsim, match.argmax(-1), 1), 0).astype(np.float32)
    todo = np.argwhere(~known & (members >= 0))
    for a in range(0, len(todo), PAIRS):
        r, c = todo[a:a + PAIRS, 0], todo[a:a + PAIRS, 1]
        s[r, c] = np.einsum("ij,ij->i", x[rows[r]], x[members[r, c]])
    w = np.where(members >= 0, np.exp(-(2.0 - 2.0 * s)), np.float32(0))
    return w / w.sum(1, keepdims=True)


def _mean_block(rows, gidx, ptr, idx, w, n) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """_mean_rows over each row's K2 nearest (itself first, a repeat counted twice) for a
    block of rows: (members per row, members sorted within a row, their mean weights)."""
    near = gidx[rows, :K2].ravel()
    lens = ptr[near + 1] - ptr[near]
    pos = np.repeat(ptr[near] - (np.cumsum(lens) - lens), lens) + np.arange(lens.sum())
    owner = np.repeat(np.arange(len(rows)), K2).repeat(lens)
    keys, inv = np.unique(owner * n + idx[pos], return_inverse=True)
    mean = np.bincount(inv.ravel(), weights=w[pos]) / K2
    return np.bincount(keys // n, minlength=len(rows)), keys % n, mean.astype(np.float32)


def _prepare(x, gidx, gsim, k1):
    n = len(x)
    half = max(1, int(round(k1 / 2)))
    kth, kth_half = gsim[:, k1], gsim[:, half]
    half_pad = _reciprocal(gidx[:, :half + 1], gsim[:, :half + 1], kth_half)
    half_ptr, half_idx = _ragged(half_pad)
    half_len = np.diff(half_ptr)
    recip = _reciprocal(gidx[:, :k1 + 1], gsim[:, :k1 + 1], kth)
    blocks = [np.arange(a, min(a + BLOCK, n)) for a in range(0, n, BLOCK)]
    lens, members, weights = [], [], []
    for rows in blocks:
        m = _expanded_block(recip[rows], half_pad, half_len)
        w = _block_weights(x, rows, m, gidx[rows, :k1 + 1], gsim[rows, :k1 + 1])
        keep = m >= 0
        lens.append(keep.sum(1))
        members.append(m[keep])
        weights.append(w[keep])
    ptr = np.concatenate([[0], np.cumsum(np.concatenate(lens))]).astype(np.int64)
    idx, w = np.concatenate(members).astype(np.int64), np.concatenate(weights)
    means = [_mean_block(rows, gidx, ptr, idx, w, n) for rows in blocks]
    return {"indptr": np.concatenate([[0], np.cumsum(np.concatenate([c for c, _, _ in means]))]
                                     ).astype(np.int64),
            "indices": np.concatenate([m for _, m, _ in means]).astype(np.int64),
            "data": np.concatenate([d for _, _, d in means]),
            "half_indptr": half_ptr, "half_indices": half_idx,
            "kth": kth.astype(np.float32), "k1": np.int64(k1)}


# -- query time ----------------------------------------------------------------------------
def _loaded(col):
    """(ids, unit vectors, prepared arrays) while the graph matches the collection, else None."""
    path = col.dir / FILE
    cached = col.cache.get("rerank")
    if cached is None:
        if not path.exists():
            return None
        with np.load(path) as data:
            prep = {k: data[k] for k in data.files}
        if int(prep["count"]) != col.vector_count():
            return None
        ids = prep.pop("ids")
        cached = col.cache["rerank"] = (ids, _unit(col.indexed_vectors(ids)[1]), prep)
    if int(cached[2]["count"]) != col.vector_count():
        return None                                  # images came or went since: stale
    return cached


def _row(p, i, name=""):
    a, b = p[name + "indptr"][i], p[name + "indptr"][i + 1]
    return p[name + "indices"][a:b], (p["data"][a:b] if name == "" else None)


def kreciprocal(col, query: np.ndarray, k: int, subset, self_id: int | None, strict: bool):
    """(ids, cosine scores) re-ranked, or None when the graph is missing or stale (an error
    instead when k-reciprocal was asked for by name)."""
    loaded = _loaded(col)
    if loaded is None:
        if strict:
            raise Conflict("k-reciprocal re-ranking needs the collection's neighbour graph, built "
                           f"at the end of each index run for collections up to {MAX_PREPARED:,} "
                           "images; this one has none or an out-of-date one", param="rerank",
                           fix="run the index command again, or use rerank qe")
        return None
    ids, x, p = loaded
    q = _unit(query)[0]
    s = x @ q
    d0 = 2.0 - 2.0 * s
    d0 = d0 / max(float(d0.max()), 1e-12)
    pos = {int(i): r for r, i in enumerate(ids)}
    me = pos.get(self_id) if self_id is not None else None
    if me is None and s.max() >= 0.9999:     # an upload of an indexed image: that image is "self"
        me = int(np.argmax(s))
    allowed = np.ones(len(ids), bool) if subset is None else np.isin(ids, subset)
    first = me is not None and allowed[me]     # the image itself leads, if the filter keeps it
    vq = np.zeros(len(ids), np.float32)
    if me is not None:
        ii, ww = _row(p, me)
    else:
        k1 = int(p["k1"])
        top = np.argsort(-s, kind="stable")[: max(k1, K2)]
        r = _recip(top[:k1], s[top[:k1]], p["kth"][top[:k1]])
        m = _expand(r, lambda c: _row(p, c, "half_")[0]) if len(r) else r
        own = _weights(m, s[m]) if len(m) else (m, np.zeros(0, np.float32))
        ii, ww = _mean_rows([own] + [_row(p, j) for j in top[: K2 - 1]])
    vq[ii] = ww
    if me is not None:
        allowed[me] = False
    order = np.flatnonzero(allowed)[np.argsort(-s[allowed], kind="stable")]
    short, rest = order[:SHORTLIST], order[SHORTLIST: max(SHORTLIST, k)]
    sq = vq.sum()
    jd = np.empty(len(short), np.float32)
    for t, g in enumerate(short):
        gi, gw = _row(p, g)
        mn = np.minimum(vq[gi], gw).sum()
        jd[t] = 1.0 - mn / max(sq + gw.sum() - mn, 1e-12)
    dist = (1 - LAMBDA) * jd + LAMBDA * d0[short]
    ranked = np.concatenate([short[np.argsort(dist, kind="stable")], rest])
    if first:
        ranked = np.concatenate([[me], ranked])
    ranked = ranked[:k]
    return ids[ranked], np.clip(s[ranked], -1.0, 1.0)


def expand_query(index, query: np.ndarray, scores: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """alpha-QE: the query plus its top-n results weighted by similarity^alpha."""
    top = ids[0][: QE_N]
    keep = top >= 0
    if not keep.any():
        return query
    w = np.clip(scores[0][: QE_N][keep], 0, None) ** QE_ALPHA
    return _unit(_unit(query)[0] + w @ _unit(index.reconstruct(top[keep])))


def cosines(index, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The query's cosine to each of ids (1 x k; -inf where an id is -1)."""
    out = np.full(ids.shape, -np.inf, dtype=np.float32)
    ok = ids[0] >= 0
    if ok.any():
        out[0][ok] = _unit(index.reconstruct(ids[0][ok])) @ _unit(query)[0]
    return out


# -- near-copies first -----------------------------------------------------------------------
def copies_first(col, query: np.ndarray, ids: np.ndarray, scores: np.ndarray,
                 self_id: int | None) -> tuple[np.ndarray, np.ndarray]:
    """The ranked (ids, scores) with the candidates that stand out on raw features moved to
    the front: the raw and the re-ranked lists fused.

    Post-processing and re-ranking favour class-level neighbours, and they push an edited copy
    of the query (cropped, rotated, recoloured, recompressed, captioned) down: on the
    development copy set, copy recall@3 fell from 0.99 with raw cosines to 0.92. On the model's
    raw features (the collection's post-processing undone) a copy stands out from the query's
    neighbourhood: a candidate goes first when its raw cosine beats the query's CONTEXT_K-th
    raw neighbour among the candidates by NEAR_GAP (calibrated: 99 % of the development copies
    beat it by that much). Those go first in raw order, the rest keep the order they had; the
    image itself, when it is the query, stays first. With fewer than 2 x CONTEXT_K candidates
    (a small collection, a narrow filter), the context is the middle candidate."""
    from ..features import postprocess
    others = ids != (self_id if self_id is not None else -1)
    if others.sum() < 4:
        return ids, scores
    space = col.space()
    raw_q = postprocess.invert(space, query)[0]
    r = postprocess.raw_cosines(space, col.indexed_vectors(ids)[1], raw_q)
    ctx = np.sort(r[others])[::-1][min(CONTEXT_K, int(others.sum()) // 2) - 1]
    near = others & (r >= ctx + NEAR_GAP)
    if not near.any():
        return ids, scores
    copies = np.flatnonzero(near)[np.argsort(-r[near], kind="stable")]
    order = np.concatenate([np.flatnonzero(~others), copies, np.flatnonzero(others & ~near)])
    return ids[order], scores[order]


def ordering(method: str, text: bool) -> str:
    """What a search result's rank and score mean, in one line, for the method that ranked it."""
    order = {"kreciprocal": "k-reciprocal re-ranking", "qe": "query expansion"}.get(method)
    if text:
        return "cosine similarity to the text" + (f"; ranked by {order}" if order else "")
    near = "near-copies of the query first (raw cosine), then "
    if order is None:
        return near + "cosine similarity; score: cosine similarity"
    return near + f"{order}; score: cosine similarity, so scores need not decrease"
