"""Which images a map is fitted on, when it is fitted on a sample.

Fitting UMAP costs time and memory that grow with the points it is fitted on; placing a point
with the fitted reducer's `transform` costs a fixed amount per point. So a large collection's
map is fitted on a sample (`fit_sample` images), and every other image is then placed by
`transform`, in chunks. The sample is drawn at random, stratified by label when the collection
has labels (each label keeps its share), and every label present in the collection has at
least one image in it, so no class is left to be placed only relative to others.
"""
from __future__ import annotations

import numpy as np

from ..errors import InvalidArgument

# The default of `fit_sample` (api/requests.py MapRequest repeats it; a test keeps them equal).
# Chosen by scripts/bench_mapfit.py: see bench-results/mapfit.json and the README's
# "Maps of large collections".
DEFAULT = 50_000
# A sample below this is not a map of the collection; 0 means "fit on every image".
MIN_SAMPLE = 100
# Raw vectors read per chunk while the rest are placed (e.g. 13,107 vectors of 1,280-d).
CHUNK_BYTES = 64 << 20


def check(fit_sample) -> int:
    """fit_sample as an int, or a one-line InvalidArgument."""
    if isinstance(fit_sample, bool) or not isinstance(fit_sample, (int, np.integer)) \
            or fit_sample < 0 or 0 < fit_sample < MIN_SAMPLE:
        raise InvalidArgument(
            f"fit_sample must be 0 (fit on every image) or a whole number of at least "
            f"{MIN_SAMPLE}, not {str(fit_sample)[:40]!r}", param="fit_sample",
            fix=f"e.g. --fit-sample {DEFAULT}, or --fit-sample 0 to fit on all")
    return int(fit_sample)


def indexed_ids(col) -> np.ndarray:
    """Ids of every indexed image that has a vector, without reading the vectors."""
    with col.read_lock():
        ids = col.vectors().ids()
        unmarked = col.unmarked()
    return np.sort(ids[~np.isin(ids, unmarked)] if unmarked else ids)


def choose(col, ids: np.ndarray, fit_sample: int, seed: int) -> tuple[np.ndarray, bool]:
    """(sorted ids to fit on, whether the draw was stratified by label). All of `ids` when
    fit_sample is 0 or not smaller than the collection."""
    if fit_sample == 0 or fit_sample >= len(ids):
        return ids, False
    return draw(ids, labels_of(col, ids), fit_sample, seed)


def draw(ids: np.ndarray, labels: np.ndarray | None, fit_sample: int,
         seed: int) -> tuple[np.ndarray, bool]:
    """(sorted ids of a sample of fit_sample of `ids`, stratified by `labels` if given and
    not all equal; every label keeps at least one image), and whether it was stratified."""
    from sklearn.model_selection import train_test_split
    stratified = labels is not None and len(np.unique(labels)) > 1
    if not stratified:
        sample = train_test_split(ids, train_size=fit_sample, random_state=seed)[0]
        return np.sort(sample), False
    # a label of a single image cannot be split (scikit-learn refuses it): it joins below
    values, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    splittable = counts[inverse] > 1
    try:
        sample = train_test_split(ids[splittable], train_size=fit_sample,
                                  stratify=labels[splittable], random_state=seed)[0]
    except ValueError:   # more labels than the sample (or the rest) has room for
        sample = train_test_split(ids, train_size=fit_sample, random_state=seed)[0]
    # every label keeps at least one image: one drawn at random for each label the share
    # of which rounded to nothing
    missing = np.setdiff1d(values, labels[np.isin(ids, sample)])
    if len(missing):
        order = np.random.default_rng(seed).permutation(len(ids))
        shuffled, where = np.unique(labels[order], return_index=True)
        first = dict(zip(shuffled.tolist(), ids[order][where].tolist()))
        sample = np.concatenate([sample, [first[v] for v in missing.tolist()]])
    return np.sort(sample.astype(np.int64)), True


def labels_of(col, ids: np.ndarray) -> np.ndarray | None:
    """The label of each id as a string ('' for an image without one), or None when no image
    has a label."""
    if "label" not in col.columns():
        return None
    table = col.table(columns=["image_id", "label"])
    known = table["label"].notna()
    if not known.any():
        return None
    by_id = dict(zip(table["image_id"][known].tolist(), table["label"][known].astype(str).tolist()))
    return np.array([by_id.get(int(i), "") for i in ids], dtype=object).astype(str)


def chunk_rows(dim: int) -> int:
    """How many vectors of `dim` dimensions to read at once while placing the rest."""
    return max(1_000, CHUNK_BYTES // (4 * max(dim, 1)))
