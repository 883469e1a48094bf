"""Typed results: what every verb returns, in-process and over HTTP alike (pydantic models,
so the REST layer serialises them as they are and the remote client rebuilds them).

Tables of rows have `.to_frame()` for the Python user who wants a DataFrame.
"""
from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

Row = TypeVar("Row", bound=BaseModel)


def plain(value):
    """numpy / pandas scalars, arrays and missing values as plain JSON-able Python values."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def records(df: pd.DataFrame) -> list[dict]:
    return [{k: plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", protected_namespaces=())


class Rows(_Model, Generic[Row]):
    rows: list[Row] = []

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.model_dump() for r in self.rows])

    def __len__(self) -> int:
        return len(self.rows)


class ImageRecord(_Model):
    """One catalog row; imported metadata columns and analysis signals ride along as extras."""
    image_id: int
    path: str
    label: str | None = None
    prediction: str | None = None
    confidence: float | None = None


class Hit(ImageRecord):
    score: float     # cosine similarity to the query, in the collection's space
    rank: int = 0    # 1 = first: the order can be re-ranked, so scores need not decrease


class SearchResult(Rows[Hit]):
    rows: list[Hit] = Field(default=[], alias="hits")
    k: int = 10
    took_ms: float = 0.0
    rerank: str = "none"
    # what `rank` and `score` mean for this result, in one line (the CLI and the app show it)
    ordered_by: str = "cosine similarity"
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    @property
    def hits(self) -> list[Hit]:
        return self.rows

    def to_frame(self) -> pd.DataFrame:
        cols = ["image_id", "path", "score", "label", "prediction", "confidence"]
        df = pd.DataFrame([h.model_dump() for h in self.rows])
        return df[cols + [c for c in df.columns if c not in cols]] if len(df) else pd.DataFrame(columns=cols)


class SkippedFile(_Model):
    path: str
    reason: str


class CollectionInfo(_Model):
    name: str
    path: str
    indexed: int = 0
    pending: int = 0
    skipped: int = 0
    vectors: int = 0
    model: str | None = None
    layer: str | None = None
    dim: int | None = None
    weights: str | None = None
    preprocessing: str | None = None
    runtime: str | None = None
    runner: str | None = None
    postprocess: dict | None = None
    text_search: bool = False
    metric: str | None = None
    index: dict = {}
    maps: list[str] = []
    supervised_maps: list[str] = []    # maps fitted with the labels (UMAP's target)
    unmapped: dict[str, int] = {}
    roots: list[str] = []
    label_counts: dict[str, int] = {}    # indexed images per label, most frequent first
    split_counts: dict[str, int] = {}    # ... per split (train, val, test, ...)
    predictions: int = 0                 # images with a prediction of the user's own
    created_at: str | None = None
    updated_at: str | None = None


class IndexReport(_Model):
    indexed: int = 0        # embedded in this run
    unchanged: int = 0
    relinked: int = 0       # moved files: same content, new path, no re-embedding
    copied: int = 0         # same content at a second path: vector copied, not re-embedded
    pruned: int = 0
    vanished: int = 0       # gone from disk but kept (no prune)
    placed: int = 0         # new images placed on existing maps
    skipped: list[SkippedFile] = []
    notes: list[str] = []
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.indexed / self.seconds if self.seconds else 0.0
        parts = [f"indexed {self.indexed}", f"unchanged {self.unchanged}",
                 f"skipped {len(self.skipped)}"]
        for name in ("relinked", "copied", "pruned", "placed"):
            if getattr(self, name):
                parts.append(f"{name} {getattr(self, name)}")
        if self.vanished:
            parts.append(f"vanished {self.vanished} (kept; prune removes them)")
        return ", ".join(parts) + f" in {self.seconds:.1f}s ({rate:.1f} img/s)"


class FsckReport(_Model):
    ok: bool
    indexed_rows: int = 0
    vectors: int = 0
    missing_vectors: list[int] = []   # indexed rows without a vector
    orphan_vectors: list[int] = []    # vectors without an indexed row
    duplicate_ids: list[int] = []     # ids stored twice in FAISS
    pending_rows: int = 0
    problems: list[str] = []          # damaged or missing files, stale temp files
    repaired: bool = False
    actions: list[str] = []

    def summary(self) -> str:
        if self.ok and not self.problems:
            done = f"repaired ({'; '.join(self.actions)}), now " if self.repaired and self.actions else ""
            return f"{done}ok: {self.indexed_rows} indexed rows, {self.vectors} vectors, in agreement"
        parts = [f"{len(self.missing_vectors)} rows without vectors",
                 f"{len(self.orphan_vectors)} vectors without rows",
                 f"{len(self.duplicate_ids)} duplicated ids", *self.problems]
        state = ("repaired: " + "; ".join(self.actions)) if self.repaired else "run fsck with repair"
        return f"DISAGREE: {', '.join(parts)}; {self.pending_rows} pending rows ({state})"


JobState = Literal["queued", "running", "done", "failed", "cancelled"]


class Job(_Model):
    id: str
    kind: str
    collection: str
    state: JobState = "queued"
    stage: str = ""
    done: int = 0
    total: int = 0
    images_per_s: float = 0.0
    skipped: int = 0
    message: str | None = None
    result: dict | None = None
    created_at: float = 0.0
    started_at: float | None = None
    finished_at: float | None = None


class MapReport(_Model):
    method: str
    fitted: int = 0       # points the reducer was fitted on in this call
    placed: int = 0       # points added with transform
    seconds: float = 0.0
    supervised: bool = False   # the map was fitted with the labels as UMAP's target

    def summary(self) -> str:
        kind = f"{self.method} (supervised by the labels)" if self.supervised else self.method
        return f"{kind}: fitted {self.fitted}, placed {self.placed} new in {self.seconds:.1f}s"


class ConfusedPair(_Model):
    label: str
    prediction: str
    n: int
    rate: float


class Confusion(_Model):
    labels: list[str]
    predictions: list[str]
    counts: list[list[int]]     # counts[i][j]: images labelled labels[i], predicted predictions[j]
    pairs: list[ConfusedPair]

    def matrix(self) -> pd.DataFrame:
        return pd.DataFrame(self.counts, index=pd.Index(self.labels, name="label"),
                            columns=pd.Index(self.predictions, name="prediction"))


class CentroidSimilarity(_Model):
    label: str
    similarity: float
    n: int


class ClassProbability(_Model):
    label: str
    probability: float


class Explanation(_Model):
    image: ImageRecord
    label: str | None
    prediction: str | None
    verdict: str
    vote: dict[str, int]
    neighbours: list[Hit]
    same_class: list[Hit]
    predicted_class: list[Hit]
    centroids: list[CentroidSimilarity]
    top_classes: list[ClassProbability] = []   # the user's class probabilities, highest first
    note: str | None = None                    # e.g. how to add predictions when there are none

    def vote_text(self) -> str:
        return ", ".join(f"{k}: {v}" for k, v in self.vote.items()) or "(no labelled neighbours)"


class LabelIssue(ImageRecord):
    knn_label: str | None = None          # the neighbours' majority label (method knn)
    label_issue_score: float              # higher = more suspect (method knn: weighted share of
                                          # neighbours with another label; confident: 1 - the
                                          # probability of the given label)
    disagreeing_similarity: float = 0.0   # their mean similarity: breaks ties (closer = stronger)
    method: str = "knn"                   # knn | confident
    suggested_label: str | None = None    # the likeliest other label (confident learning)
    is_issue: bool | None = None          # flagged by cleanlab's find_label_issues (confident)


class PredictionImport(_Model):
    rows: int                             # rows in the file
    matched: int                          # images given a prediction
    unmatched: int                        # rows whose path is no indexed image
    unmatched_examples: list[str] = []
    with_probabilities: bool = False
    classes: list[str] = []
    notes: list[str] = []

    def summary(self) -> str:
        probs = f" with probabilities over {len(self.classes)} classes" if self.with_probabilities else ""
        text = f"imported {self.matched} predictions{probs} from {self.rows} rows"
        if self.unmatched:
            text += (f"; {self.unmatched} rows match no indexed image (e.g. "
                     f"{', '.join(self.unmatched_examples[:3])})")
        return text


class ClassScore(_Model):
    label: str
    n: int
    knn_accuracy_k1: float | None = None
    knn_accuracy_k10: float | None = None
    silhouette: float | None = None


class SplitScore(_Model):
    neighbours: str                       # the split searched (train)
    queries: str                          # the split classified (val, test)
    n_neighbours: int
    n_queries: int
    knn_accuracy_k1: float
    knn_accuracy_k10: float
    dummy_accuracy: float                 # the neighbours' most frequent class


class Evaluation(_Model):
    n: int                                # labelled images evaluated
    classes: int
    knn_accuracy_k1: float                # leave-one-out, majority of the k nearest
    knn_accuracy_k10: float
    dummy_accuracy: float                 # always the most frequent class
    silhouette: float | None = None       # mean, cosine, over labels
    silhouette_sample: int = 0            # images it was computed on
    trustworthiness: float | None = None  # of the stored map, k = 10
    map_method: str | None = None
    per_class: list[ClassScore] = []
    per_split: list[SplitScore] = []
    conclusion: str = ""
    seconds: float = 0.0


class DuplicateMember(ImageRecord):
    duplicate_group: int
    kind: str                    # exact | near
    size: int
    kept: bool                   # the image a curator would keep (first indexed)
    similarity_to_kept: float


class Outlier(ImageRecord):
    outlier_score: float


class ClusterAssignment(_Model):
    image_id: int
    cluster: str


class ClassSeparation(_Model):
    label: str
    silhouette_a: float | None
    silhouette_b: float | None
    delta: float | None
    better: str


class ChangedNeighbourhood(_Model):
    sha256: str
    image_id_a: int
    image_id_b: int
    path: str
    label: str | None = None
    overlap: float


class Comparison(_Model):
    a: str
    b: str
    n_common: int
    k: int
    overlap_mean: float
    per_class: list[ClassSeparation]
    changed: list[ChangedNeighbourhood]    # images whose neighbourhoods changed most
    verdict: str


class MapPoints(_Model):
    """Points of a stored map, column-wise (compact: no per-point keys)."""
    method: str
    columns: dict[str, list[Any]]
    unplaced: int = 0            # indexed images not on the map yet
    total: int = 0
    supervised: bool = False     # fitted with the labels: the layout shows them, not only the vectors

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.columns)
