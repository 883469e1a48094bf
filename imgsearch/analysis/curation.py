"""Curation signals: near-duplicate groups, outliers and clusters (stored per image only when
asked, save=True)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.collection import Collection
from ..core.streaming import IndexedRows
from ..core.vectors import normalize
from ..errors import Conflict, InvalidArgument
from ..results import ClusterAssignment, DuplicateMember, Outlier, Rows, records
from . import mapsample
from .explain import knn, knn_in, labels_for, ranked_rows
from .positions import position_of

PAIR_BLOCK = 65_536       # neighbour lists turned into candidate pairs at once
SIMILARITY_BLOCK = 8_192  # grouped images whose similarity to their kept one is read at once
CLUSTER_METHODS = ("kmeans", "hdbscan")


def duplicates(col: Collection, threshold: float = 0.55, margin: float = 0.05,
               context_k: int = 20, save: bool = False, verify: bool = True) -> Rows[DuplicateMember]:
    """Groups of exact (same sha256) and near duplicates, each a kept image and its copies.

    A pair is a near duplicate when its cosine similarity is >= threshold AND stands out from
    both images' neighbourhoods: it beats each image's context_k-th neighbour by `margin`.
    The second rule keeps an absolute threshold honest: in a dense region (digits under an
    ImageNet CNN sit at 0.95+ from each other) similar-but-distinct images are not
    duplicates, while in a sparse one (photos) a blurred copy at 0.8 is. Identical vectors
    (>= 0.995) always count. With verify (the default) each such pair is then checked on the
    images themselves (analysis.nearcopy): one must map inside the other by one similarity
    transform of matched local features, which tells an edited copy from another crop of the
    same photo; pairs that cannot be checked (tiny images, missing files) need cosine >=
    nearcopy.COSINE_ONLY (0.76) instead. The threshold is then only the floor for candidates
    (it bounds the cost): the default is below every copy pair of the development copy set
    (the lowest at 0.63; bench_quality.py), with room for harder edits. Every member of a
    group is linked to the group's kept image itself (star_groups: no chaining through other
    members); the kept image is the one with the most copies (ties: the first indexed), and
    every member carries its similarity to it. The candidates come from the collection's
    stored neighbour graph of raw features (core/knngraph.py), not a search of every image.
    """
    if not 0.0 < threshold <= 1.0:
        raise InvalidArgument("threshold must be in (0, 1]", param="threshold")
    if not 0.0 <= margin < 1.0:
        raise InvalidArgument("margin must be in [0, 1)", param="margin")
    ids, rows, cols_, sims_ = _candidate_pairs(col, threshold, margin, context_k)
    # catalog rows are read for the images that need them only (the candidates' paths, the
    # exact copies' contents, the grouped images' rows): all of them, with their paths and
    # hashes as Python strings, were a fifth of the stage's peak at a million images
    if verify and rows:
        from .nearcopy import linked
        r, c, s = (np.concatenate(a) for a in (rows, cols_, sims_))
        _, once = np.unique(np.stack([r, c], 1), axis=0, return_index=True)   # found twice
        r, c, s = r[once], c[once], s[once]
        ok = linked(_paths_at(col, ids, np.concatenate([r, c])), r, c, s)
        rows, cols_ = [r[ok]], [c[ok]]
    same = _same_content(col, ids)
    r = np.concatenate(rows + [np.arange(len(ids))])
    c = np.concatenate(cols_ + [same])
    comp = star_groups(len(ids), r, c)
    size = np.bincount(comp[comp >= 0], minlength=len(ids))
    comp_or_0 = np.where(comp >= 0, comp, 0)
    if save:
        stored = pd.DataFrame({"image_id": ids, "duplicate_group": comp})
        stored["duplicate_group"] = stored["duplicate_group"].astype("Int64").where(
            stored["duplicate_group"] >= 0)
        with col.write_lock():
            col.store.write_signal("sig_duplicate", stored)
    size = np.where(comp >= 0, size[comp_or_0], 1)
    comp = comp_or_0
    grouped = np.flatnonzero(size > 1)
    files = col.store.rows(ids[grouped], ["image_id", "sha256", "path", "label", "prediction",
                                          "confidence"]).set_index("image_id").reindex(ids[grouped])
    df = pd.DataFrame({"image_id": ids[grouped], "duplicate_group": comp[grouped],
                       "size": size[grouped], "sha256": files["sha256"].to_numpy(),
                       "_pos": grouped, "_kept": comp[grouped] == grouped})
    df = df.sort_values(["size", "duplicate_group", "_kept", "image_id"],
                        ascending=[False, True, False, True])
    kept_pos = df["duplicate_group"].to_numpy()
    df["similarity_to_kept"] = _similarity_to_kept(col, ids, df["_pos"].to_numpy(), kept_pos)
    df["kept"] = df["_pos"].to_numpy() == kept_pos
    files_in_group = df.groupby("duplicate_group")["sha256"].transform("nunique").to_numpy()
    df["kind"] = np.where(files_in_group == 1, "exact", "near")
    out = df.drop(columns=["_pos", "_kept", "sha256"]).merge(
        files.drop(columns="sha256").reset_index(), on="image_id", how="left")
    return Rows[DuplicateMember](rows=[DuplicateMember(**r) for r in records(out)])


def _similarity_to_kept(col, ids: np.ndarray, members: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """Cosine of each grouped image's raw features (ids[members]) to its kept image's
    (ids[kept]), SIMILARITY_BLOCK members at a time: read whole, the grouped images' features
    with their normalised and gathered copies were the duplicates stage's peak at a million
    images (113,000 grouped: 0.7 GB)."""
    sim = np.empty(len(members), np.float32)
    for s in range(0, len(members), SIMILARITY_BLOCK):
        a = normalize(col.raw_vectors(ids[members[s:s + SIMILARITY_BLOCK]])[1])
        b = normalize(col.raw_vectors(ids[kept[s:s + SIMILARITY_BLOCK]])[1])
        sim[s:s + len(a)] = np.einsum("ij,ij->i", a, b)
    return sim


def star_groups(n: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Each image's group (the position of the group's kept image), or -1 alone, from the
    linked pairs (rows[i], cols[i]). Every member is linked to the kept image itself: no
    chaining through others (connected components put a whole street of different buildings
    in one group when each looks like the next). Greedy: the image with the most links to
    images not yet grouped keeps its group and takes those images; ties go to the first
    indexed; repeat."""
    import heapq
    pairs = np.unique(np.concatenate([np.stack([rows, cols], 1), np.stack([cols, rows], 1)]), axis=0)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]       # sorted by the first column
    indptr = np.searchsorted(pairs[:, 0], np.arange(n + 1))
    links = pairs[:, 1]
    group = np.full(n, -1, dtype=np.int64)
    free = np.diff(indptr)                           # links to images not yet grouped
    heap = [(-int(free[i]), int(i)) for i in np.flatnonzero(free)]
    heapq.heapify(heap)
    while heap:                                      # free counts only fall: a lazy max-heap
        neg, leader = heapq.heappop(heap)
        if group[leader] >= 0 or free[leader] == 0:
            continue
        if -neg != free[leader]:
            heapq.heappush(heap, (-int(free[leader]), leader))
            continue
        near = links[indptr[leader]:indptr[leader + 1]]
        members = np.concatenate([[leader], near[group[near] < 0]])
        group[members] = leader
        for m in members:
            np.subtract.at(free, links[indptr[m]:indptr[m + 1]], 1)
    return group


def _paths_at(col, ids: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """An array over ids of the files' paths at those positions ("" elsewhere, and for a
    path the catalog does not have)."""
    paths = np.full(len(ids), "", dtype=object)
    at = np.unique(positions)
    found = col.store.paths_of(ids[at])
    paths[at] = [found.get(int(i), "") for i in ids[at]]
    return paths


def _same_content(col, ids: np.ndarray) -> np.ndarray:
    """For each position in ids, the first position whose file has the same content (sha256):
    itself, but for exact copies."""
    same = np.arange(len(ids))
    twins = col.store.shared_contents()
    pos = position_of(ids)(twins["image_id"].to_numpy(np.int64))
    known = pos >= 0
    if known.any():
        pos, sha = pos[known], twins["sha256"].to_numpy()[known]
        same[pos] = pd.Series(pos).groupby(sha).transform("min").to_numpy()
    return same


def _candidate_pairs(col, threshold: float, margin: float, context_k: int):
    """(ids, rows, cols, sims): the pairs (as positions in ids, lower first) that are near
    duplicates by cosine, read from the stored neighbour graph of the raw features.

    The graph holds every pair that can stand out: a pair beating an image's context_k-th
    neighbour by a margin is among its first context_k. What the graph cannot hold are pairs
    past its K-th neighbour that count all the same (identical vectors, >= 0.995; or any pair
    above the threshold when margin is 0): the images whose whole list is above that floor
    are searched again, exactly, for everything above the threshold."""
    from ..core import knngraph
    if col.vector_count() < 2:
        return col.indexed_vectors()[0], [], [], []
    g = knngraph.graph(col, "raw")
    ids, n = g.ids, len(g.ids)
    position = position_of(ids)
    context = np.full(n, -1.0, dtype=np.float32)
    if margin > 0 and n > 2:
        ck = min(context_k, n - 1)
        if ck <= g.k:
            context = g.sc[:, ck - 1]
        else:
            ids2, vecs = col.raw_vectors(ids)
            with col.read_lock():
                kid, _, ksc = knn_in(_raw_index(ids2, vecs), ids2, vecs, ck)
            context[position(kid)] = ksc[:, -1]
    pairs = []
    for s in range(0, n, PAIR_BLOCK):   # a block of lists at a time: in a dense collection
        nn, sc = g.nn[s:s + PAIR_BLOCK], g.sc[s:s + PAIR_BLOCK]   # most pairs pass the floor
        src = np.repeat(np.arange(s, s + len(nn)), g.k)
        found, sims = nn.ravel(), sc.ravel()
        above = (sims >= threshold) & (found >= 0)
        pairs.append(_standing_out(src[above], position(found[above]), sims[above], context,
                                   margin))
    floor = max(threshold, 0.995) if margin > 0 else threshold
    full = np.flatnonzero(g.sc[:, -1] >= floor) if g.k < n - 1 else np.empty(0, np.int64)
    if len(full):
        # only pairs at the floor can still count for these images: their context neighbour
        # is itself >= floor, so nothing below it stands out by the margin (at the threshold,
        # a dense class of a million images returned most of the class)
        r, si, fo = _pairs_at_floor(col, ids, full, floor)
        pairs.append(_standing_out(r, position(fo), si, context, margin))
    src, dst, sims = (np.concatenate(part) for part in zip(*pairs))
    return ids, [np.minimum(src, dst)], [np.maximum(src, dst)], [sims]


def _standing_out(src, dst, sims, context, margin):
    """The pairs (positions; dst -1 where the neighbour is not indexed) that stand out from
    both images' context by the margin, or are identical, self-pairs left out."""
    ok = dst >= 0
    src, dst, sims = src[ok], dst[ok], sims[ok]
    stands_out = (sims >= context[src] + margin) & (sims >= context[dst] + margin)
    keep = (stands_out | (sims >= 0.995)) & (src != dst)
    return src[keep], dst[keep], sims[keep]


def _pairs_at_floor(col, ids, rows, floor):
    """(position in ids, similarity, id) of every image at or above `floor` to the images at
    `rows`, exact: the raw features are searched a chunk at a time, each chunk in its own
    flat index (a flat index of them all held a second copy of every vector: 4.3x the
    vectors' memory at a million)."""
    _, queries = col.raw_vectors(ids[rows])
    step, got = mapsample.chunk_rows(queries.shape[1]), ([], [], [])
    for c in range(0, len(ids), step):
        index = _raw_index(*col.raw_vectors(ids[c:c + step]))
        for s in range(0, len(rows), 2048):
            r, si, fo = _pairs_above(index, queries[s:s + 2048], floor)
            got[0].append(rows[s:s + 2048][r]), got[1].append(si), got[2].append(fo)
    return tuple(np.concatenate(g) for g in got)


def _raw_index(ids, vecs):
    """An exact index over the raw features given."""
    from ..core.vectors import create
    index = create("flat", vecs.shape[1])
    index.add(ids, vecs)
    return index


def _pairs_above(index, vecs, threshold):
    """(query row, similarity, id) of every stored vector within the threshold of each query:
    FAISS range search where the index has it, else a wide k-NN (HNSW has no range search)."""
    if index.supports_range_search:
        lims, sims, found = index.range_search(vecs, float(threshold) - 1e-6)
        return np.repeat(np.arange(len(vecs)), np.diff(lims).astype(np.int64)), sims, found
    sims, found = index.search(vecs, 64)
    keep = (sims >= threshold) & (found >= 0)
    return np.nonzero(keep)[0], sims[keep], found[keep]


def outliers(col: Collection, k: int = 10, save: bool = False,
             top: int | None = None) -> Rows[Outlier]:
    """Mean cosine distance to the k nearest neighbours, highest first (top: the first so
    many)."""
    ids, _, sc = knn(col, k)
    df = pd.DataFrame({"image_id": ids, "outlier_score": (1.0 - sc).mean(axis=1)})
    if save:
        with col.write_lock():
            col.store.write_signal("sig_outlier", df)
    df = df.sort_values(["outlier_score", "image_id"], ascending=[False, True], kind="stable")
    return ranked_rows(col, df, Outlier, top)


def clusters(col: Collection, method: str = "kmeans", k: int | None = None,
             within_label: bool = False, seed: int = 0, save: bool = False) -> Rows[ClusterAssignment]:
    """Cluster the vectors (optionally separately inside each label).

    within_label finds sub-groups of one class, e.g. planes on the ground versus in the sky.
    """
    if method not in CLUSTER_METHODS:
        raise InvalidArgument(f"unknown cluster method {method!r}; choose "
                              f"{', '.join(CLUSTER_METHODS)}", param="method")
    if k is not None and (not isinstance(k, (int, np.integer)) or k < 2):
        raise InvalidArgument("k must be an integer >= 2", param="k")
    if not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**31:
        raise InvalidArgument("seed must be an integer between 0 and 2^31-1", param="seed")
    ids = mapsample.indexed_ids(col)
    vecs = IndexedRows(col, ids)      # read as needed: k-means reads a sample, then chunks
    if within_label:
        labels = labels_for(col, ids)
        if not pd.notna(labels).any():
            raise Conflict("clustering within labels needs labels", param="within_label",
                           fix="import labels with a labels CSV when indexing")
        names = np.full(len(ids), None, dtype=object)
        for lab in pd.unique(labels[pd.notna(labels)]):
            sel = np.flatnonzero(labels == lab)
            kk = k or max(2, min(10, round(np.sqrt(len(sel) / 2))))
            sub = _cluster(vecs[sel], method, kk, seed) if len(sel) > kk else np.zeros(len(sel), int)
            names[sel] = [f"{lab}/{c}" if c >= 0 else f"{lab}/noise" for c in sub]
    else:
        kk = k or max(2, min(50, round(np.sqrt(len(ids) / 2))))
        if len(ids) <= kk:
            raise Conflict(f"{len(ids)} images cannot make {kk} clusters", param="k")
        names = np.array([str(c) if c >= 0 else "noise" for c in _cluster(vecs, method, kk, seed)],
                         dtype=object)
    df = pd.DataFrame({"image_id": ids, "cluster": names})
    if save:
        with col.write_lock():
            col.store.write_signal("sig_cluster", df)
    return Rows[ClusterAssignment](rows=[ClusterAssignment(**r) for r in records(df)])


def _cluster(rows, method: str, k: int, seed: int) -> np.ndarray:
    """Cluster numbers of rows (an array, or IndexedRows read a part at a time)."""
    if method == "kmeans":
        import faiss
        # FAISS trains on at most 256 points a centroid anyway: drawn here, so that only
        # they and then one chunk at a time are read (never every vector)
        n, most = len(rows), 256 * k
        train = rows[np.sort(np.random.default_rng(seed).choice(n, most, replace=False))
                     if n > most else np.arange(n)]
        km = faiss.Kmeans(train.shape[1], k, niter=25, seed=seed, spherical=True, verbose=False)
        km.train(np.ascontiguousarray(train))
        out, step = np.empty(n, np.int64), mapsample.chunk_rows(train.shape[1])
        for s in range(0, n, step):
            out[s:s + step] = km.index.search(np.ascontiguousarray(rows[s:s + step]), 1)[1][:, 0]
        return out
    vecs = rows[np.arange(len(rows))]
    from sklearn.cluster import HDBSCAN
    from sklearn.decomposition import PCA
    reduced = PCA(n_components=min(50, vecs.shape[1], len(vecs) - 1), random_state=seed).fit_transform(vecs)
    return HDBSCAN(min_cluster_size=max(5, len(vecs) // 100), copy=True).fit_predict(reduced)
