"""Vector search over one collection: the query as a vector, the FAISS search inside the
catalog filter, re-ranking (rerank.py), near-copies first, and the hits with their rows.

The query arrives decoded: an image_id, a vector, an RGB image or a Text (files and uploads
are decoded above the core, in api/query.py).
"""
from __future__ import annotations

import time

import numpy as np

from ..errors import InvalidArgument
from ..results import Hit, SearchResult, plain
from . import rerank as reranking
from .spaces import check_query_vector, names

MAX_K = 10_000


class Text(str):
    """A text query (search by words, for collections built with a CLIP model)."""


def search(col, query, k: int = 10, where: str | None = None, filters: dict | None = None,
           min_score: float | None = None, rerank: str | None = None,
           exclude_self: bool = False) -> SearchResult:
    """Top-k most similar indexed images, best first. `where` (a filter over catalog
    columns) and `filters` ({column: values}) apply inside FAISS, so k results come back
    whenever k exist. One rule for an id query everywhere: the image itself comes first
    (rank 1, score 1.0); exclude_self leaves it out and returns k others."""
    t0 = time.perf_counter()
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= MAX_K:
        raise InvalidArgument(f"k must be between 1 and {MAX_K}", param="k")
    if col.vector_count() == 0:
        col.check()
        return SearchResult(hits=[], k=k)
    vec = query_vector(col, query) if not isinstance(query, Text) else text_vector(col, query)
    subset = col.store.filter_ids(where) if where else None
    if filters:
        chosen = col.store.filter_by(filters)
        subset = chosen if subset is None else np.intersect1d(subset, chosen)
    method = reranking.check(rerank)
    self_id = int(query) if isinstance(query, (int, np.integer)) else None
    pool = max(k, reranking.POOL)        # the near-copy rule looks beyond k
    found = None
    if method in ("auto", "kreciprocal"):
        with col.read_lock():
            found = reranking.kreciprocal(col, vec, pool, subset, self_id, method == "kreciprocal")
        method = "kreciprocal" if found is not None else "none"
    if found is not None:
        found, score_of = found
    else:
        with col.read_lock():
            unmarked = col.unmarked()
            want = pool + (len(unmarked) if subset is None else 0)
            index = col.vectors()
            scores, ids = index.search(vec, want, subset)
            if method == "qe":   # a second search; the scores stay the query's cosines
                _, ids = index.search(reranking.expand_query(index, vec, scores, ids), want, subset)
                scores = reranking.cosines(index, vec, ids)
                if self_id is not None and (ids[0] == self_id).any():   # itself stays first
                    order = np.argsort(ids[0] != self_id, kind="stable")
                    ids, scores = ids[:, order], scores[:, order]
        keep = (ids[0] >= 0) & ~np.isin(ids[0], unmarked)
        found, score_of = ids[0][keep], scores[0][keep]
    if not isinstance(query, Text):      # near-copies of the query first, whatever the method
        found, score_of = reranking.copies_first(col, vec, found, score_of, self_id)
    if exclude_self and self_id is not None:
        keep = found != self_id
        found, score_of = found[keep], score_of[keep]
    found, score_of = found[:k], score_of[:k]
    score = dict(zip(found.tolist(), score_of.tolist()))
    rank = {int(i): n for n, i in enumerate(found.tolist(), 1)}
    hits = sorted((Hit(**{k_: plain(v) for k_, v in r.items()}, score=score[r["image_id"]],
                       rank=rank[int(r["image_id"])]) for r in col.store.records(found)),
                  key=lambda h: h.rank)
    if min_score is not None:
        hits = [h for h in hits if h.score >= min_score]
    return SearchResult(hits=hits, k=k, rerank=method, ordered_by=reranking.ordering(method, isinstance(query, Text)),
                        took_ms=round((time.perf_counter() - t0) * 1000, 2))


def query_vector(col, query) -> np.ndarray:
    """A query as a vector in the collection's space: an image_id, a decoded RGB PIL image
    or a raw feature vector (files and bytes are decoded above, in api/query.py)."""
    from PIL import Image
    if isinstance(query, (int, np.integer)) and not isinstance(query, bool):
        return col.indexed_vectors(col._known_ids([int(query)]))[1]
    if isinstance(query, (np.ndarray, list)):
        vec = np.asarray(query, dtype=np.float32).reshape(1, -1)
        dim = col.manifest.dim
        if dim and vec.shape[1] != dim and col.space_name == "default" and len(names(col)) == 1:
            from ..errors import ModelMismatch
            raise ModelMismatch(f"the vector has {vec.shape[1]} dimensions; collection "
                                f"{col.name!r} has {dim} ({col.manifest.model.model})",
                                param="vector")
        check_query_vector(col, vec)      # of another space: refused, both spaces named
        if not np.isfinite(vec).all():
            raise InvalidArgument("the vector has NaN or infinite values", param="vector")
        return col.postprocess(vec)
    if isinstance(query, Image.Image):
        return col.postprocess(col.model().embed_images([query]).features)
    raise InvalidArgument(f"cannot search by {type(query).__name__}", param="query")


def text_vector(col, text: Text) -> np.ndarray:
    """A text query as a vector, when the collection's model has a text encoder (CLIP)."""
    model = col.model()
    if not model.text:
        raise InvalidArgument(f"collection {col.name!r} was built with {model.name}, which "
                              "has no text encoder: text search needs a CLIP model "
                              "(e.g. openclip/ViT-B-32)", param="text")
    if not text.strip() or len(text) > 1000:
        raise InvalidArgument("the text must be 1 to 1000 characters", param="text")
    return col.postprocess(model.embed_text([str(text)]))
