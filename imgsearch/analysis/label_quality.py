"""Label issues by confident learning (cleanlab), beside the neighbour vote of explain.py.

Each labelled image needs a probability for every class, from a model that did not learn
its own label:
- the user's class probabilities (imported, or their checkpoint's head) where every labelled
  image has them over every label;
- else out-of-fold probabilities of a linear probe: a logistic regression on the collection's
  vectors (their first 256 principal components when wider), cross-validated (5 folds,
  stratified), so no image is scored by a model that learned its label.
cleanlab's `find_label_issues` flags the issues; every image is ranked by its label quality
(the probability of its given label, cleanlab's self-confidence), lowest first.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.collection import Collection
from ..errors import Conflict, InvalidArgument
from ..results import LabelIssue, Rows
from . import mapsample
from .explain import labels_for, ranked_rows

METHODS = ("confident", "knn")
# chosen by the measurement in scripts/bench_labels.py (README, "Your labels and predictions"):
# the better mean recall of planted flips over digits under pixels and the CNN and the photos
# (0.88 against 0.87 with today's CNN; 0.85 against 0.81 when chosen), 10 more of 90 flips
# under the CNN; the neighbour vote is ahead on pixels
DEFAULT_METHOD = "confident"
FOLDS = 5
PROBE_MAX_DIM = 256      # vectors wider than this are reduced by PCA before the probe
PCA_FIT_ROWS = 50_000    # the PCA is fitted on at most this many of them (drawn at random)
PROBE_FIT_ROWS = 100_000  # each fold's probe learns from at most this many images
PROBE_C = 10.0
# features up to this size are read once and held; beyond it each fold reads what it needs
# (its training sample, then its held-out rows), a chunk at a time
HOLD_BYTES = 256 << 20


def check_method(method: str | None) -> str:
    method = method or DEFAULT_METHOD
    if method not in METHODS:
        raise InvalidArgument(f"unknown label-issue method {str(method)[:30]!r}; choose "
                              f"{', '.join(METHODS)}", param="method")
    return method


def user_probabilities(col: Collection, ids: np.ndarray, labels: np.ndarray):
    """(classes, probabilities) from the user when every labelled image has them over every
    label; else None."""
    got = col.store.probabilities(ids)
    if got is None:
        return None
    classes, probs = got
    if np.isnan(probs).any() or not set(pd.unique(labels)) <= set(classes):
        return None
    return classes, probs


def probe_reader(col: Collection, ids: np.ndarray, seed: int = 0):
    """The probe's input for rows of `ids` (positions in, float32 out), read from the index a
    chunk at a time when asked: the vectors themselves up to PROBE_MAX_DIM wide, else their
    first PROBE_MAX_DIM principal components. The PCA sees no label, so it is fitted once, on
    at most PCA_FIT_ROWS vectors, not inside each fold. Up to HOLD_BYTES of features are held
    (every vector read once); a larger collection's are read again by each fold, so memory
    does not grow with it: at a million 768-d vectors the array alone was 1 GB."""
    from sklearn.decomposition import PCA
    with col.read_lock():
        dim = col.vectors().dim
    step, pca = mapsample.chunk_rows(dim), None
    if dim > PROBE_MAX_DIM and len(ids) > PROBE_MAX_DIM:
        rng = np.random.default_rng(seed)
        fit = np.sort(rng.choice(ids, min(len(ids), PCA_FIT_ROWS), replace=False))
        pca = PCA(PROBE_MAX_DIM, svd_solver="randomized", random_state=seed)
        pca.fit(col.indexed_vectors(fit)[1])

    def read(rows: np.ndarray) -> np.ndarray:
        out = np.empty((len(rows), PROBE_MAX_DIM if pca else dim), np.float32)
        for start in range(0, len(rows), step):
            part = col.indexed_vectors(ids[rows[start:start + step]])[1]
            out[start:start + len(part)] = pca.transform(part) if pca else part
        return out
    if len(ids) * (PROBE_MAX_DIM if pca else dim) * 4 <= HOLD_BYTES:
        held = read(np.arange(len(ids)))
        return lambda rows: held[rows]
    return read


def probe_probabilities(read, labels: np.ndarray, seed: int = 0):
    """(classes, out-of-fold probabilities) of a logistic regression on the probe's features;
    read(rows) gives the features of those rows (positions in labels), so each fold reads its
    training sample, then scores its held-out rows a chunk at a time."""
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    classes, y = np.unique(labels.astype(str), return_inverse=True)
    folds = int(min(FOLDS, np.bincount(y).min()))
    if folds < 2:
        raise Conflict("every label needs at least 2 images for the cross-validated probe",
                       param="collection")
    # no rescaling: the vectors are unit length and centred already, and scaling every PCA
    # component to unit variance blows up the noisy ones (measured: 54 of 90 flips found on
    # digits under pixels instead of 82)
    # C = 10: unit vectors have small coordinates, so the default C = 1 regularises hard; 10
    # found more flips on all three sets measured (scripts/bench_labels.py, seeds 0-2: CNN
    # digits 79.3 of 90 against 74.7, the photos 9.3 of 12 against 6.7, pixel digits 84.3
    # against 83.7; 100 was no better)
    probe = LogisticRegression(C=PROBE_C, max_iter=2000)
    # one BLAS thread: these matrices are small, and on shared cores two threads waiting on
    # each other made it ten times slower (measured: 14 s against 1.3 s for the same products)
    from threadpoolctl import threadpool_limits
    cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
    rng, probs = np.random.default_rng(seed), np.zeros((len(y), len(classes)))
    with threadpool_limits(1):
        for train, held in cv.split(np.zeros((len(y), 1)), y):
            # a large collection: each fold's probe learns from a random PROBE_FIT_ROWS of
            # the other folds (a linear probe of 256 inputs has long stopped improving by
            # then), so the time grows with the images scored, not with those learned from
            if len(train) > PROBE_FIT_ROWS:
                train = np.sort(rng.choice(train, PROBE_FIT_ROWS, replace=False))
            fitted = clone(probe).fit(read(train), y[train])
            for start in range(0, len(held), PROBE_FIT_ROWS):
                part = held[start:start + PROBE_FIT_ROWS]
                probs[np.ix_(part, fitted.classes_)] = fitted.predict_proba(read(part))
    return list(classes), probs


def confident_issues(col: Collection, save: bool = False, source: str = "auto",
                     top: int | None = None) -> Rows[LabelIssue]:
    """Every labelled image with its label quality, the most suspect first (top: the first
    so many). source: auto (the user's probabilities where complete, else the probe), user,
    or probe."""
    from cleanlab.filter import find_label_issues
    from cleanlab.rank import get_label_quality_scores
    ids = mapsample.indexed_ids(col)       # the vectors are read later, only if the probe runs
    labels = labels_for(col, ids)
    has = pd.notna(labels)
    if not has.any():
        raise Conflict("no image has a label", param="collection",
                       fix="import labels with --labels folder or a labels file when indexing")
    ids, labels = ids[has], labels[has].astype(str)
    counts = pd.Series(labels).value_counts()
    rare = counts[counts < 2].index
    keep = ~np.isin(labels, rare)      # a class of one image has nothing to learn it from
    ids, labels = ids[keep], labels[keep]
    if len(counts) - len(rare) < 2:
        raise Conflict("confident learning needs at least 2 labels with 2 images each",
                       param="collection")
    given = user_probabilities(col, ids, labels) if source in ("auto", "user") else None
    if given is None and source == "user":
        raise Conflict("not every labelled image has class probabilities of yours",
                       param="source", fix="import them with `imgsearch import-predictions`")
    classes, probs = (given if given is not None
                      else probe_probabilities(probe_reader(col, ids), labels))
    index = {c: j for j, c in enumerate(classes)}
    y = np.array([index[v] for v in labels])
    present = np.unique(y)
    if len(present) < len(classes):     # cleanlab wants every class to occur
        probs, y = probs[:, present], np.searchsorted(present, y)
        classes = [classes[j] for j in present]
    probs = probs / probs.sum(axis=1, keepdims=True).clip(1e-12)
    flagged = find_label_issues(y, probs, filter_by="prune_by_noise_rate")
    quality = get_label_quality_scores(y, probs, method="self_confidence")
    others = probs.copy()
    others[np.arange(len(y)), y] = -1.0
    suggested = np.asarray(classes, dtype=object)[others.argmax(axis=1)]
    df = pd.DataFrame({"image_id": ids, "label_issue_score": 1.0 - quality,
                       "suggested_label": suggested, "is_issue": flagged,
                       "method": "confident"})
    if save:
        with col.write_lock():
            col.store.write_signal("sig_label_issue", df)
    # ranked by label quality alone: measured, it puts as many or more flips on top than
    # listing find_label_issues' flags first (digits under pixels: 82 of 90 against 79)
    df = df.sort_values(["label_issue_score", "image_id"], ascending=[False, True], kind="stable")
    return ranked_rows(col, df, LabelIssue, top)
