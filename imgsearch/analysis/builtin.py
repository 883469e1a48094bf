"""The per-image analyses that ship, declared for the registry (registry.py). Each computes in
its own module (label_quality, explain, curation); here are their names, parameters with the
bounds the API accepts, row types and saved catalog columns."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..results import ClusterAssignment, DuplicateMember, LabelIssue, Outlier
from .registry import Analysis

K = Field(10, ge=1, le=1000, description="Neighbours.")


class LabelIssuesParams(BaseModel):
    k: int = Field(10, ge=1, le=1000, description="Neighbours (method knn).")
    method: Literal["confident", "knn"] | None = Field(None, description=(
        "confident: cleanlab's confident learning on your class probabilities, else on a "
        "cross-validated linear probe of the vectors (the default); knn: the vote of the k "
        "nearest neighbours."))


class LabelIssues(Analysis):
    name, params, row, ranked = "label-issues", LabelIssuesParams, LabelIssue, True
    column, table, title = "label_issue_score", "sig_label_issue", "label issues"
    help = "Mislabel suspects, most suspect first."

    @classmethod
    def compute(cls, col, save: bool = False, top: int | None = None, k: int = 10,
                method: str | None = None):
        from . import explain, label_quality
        if label_quality.check_method(method) == "confident":
            return label_quality.confident_issues(col, save=save, top=top)
        return explain.label_issues(col, k, save=save, top=top)


class DuplicatesParams(BaseModel):
    threshold: float = Field(0.55, gt=0, le=1, description=(
        "Lowest cosine similarity of a candidate pair; candidates are then verified on the images."))
    margin: float = Field(0.05, ge=0, lt=1, description=(
        "A pair must also beat both images' 20th-neighbour similarity by this much (0 = off)."))
    verify: bool = Field(True, description=(
        "Check each candidate pair on the images (local features): another crop of the same "
        "photo is not a copy. Off: the cosine alone decides (fast on large, dense collections)."))


class Duplicates(Analysis):
    name, params, row = "duplicates", DuplicatesParams, DuplicateMember
    column, column_type, table, title = "duplicate_group", "BIGINT", "sig_duplicate", "near-duplicates"
    help = "Exact (sha256) and near-duplicate groups; the first image of each is the one kept."

    @classmethod
    def compute(cls, col, save: bool = False, threshold: float = 0.55, margin: float = 0.05,
                verify: bool = True):
        from . import curation
        return curation.duplicates(col, threshold, margin, save=save, verify=verify)


class OutliersParams(BaseModel):
    k: int = K


class Outliers(Analysis):
    name, params, row, ranked = "outliers", OutliersParams, Outlier, True
    column, table, title = "outlier_score", "sig_outlier", "outliers"
    help = "Images far from their nearest neighbours, highest score first."

    @classmethod
    def compute(cls, col, save: bool = False, top: int | None = None, k: int = 10):
        from . import curation
        return curation.outliers(col, k, save=save, top=top)


class ClustersParams(BaseModel):
    method: str = Field("kmeans", description="kmeans or hdbscan.")
    k: int | None = Field(None, ge=2, le=10000, description=(
        "Number of clusters (kmeans; default from the size)."))
    within_label: bool = Field(False, description="Find sub-groups inside each label.")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Random seed.")


class Clusters(Analysis):
    name, params, row = "clusters", ClustersParams, ClusterAssignment
    column, column_type, table, title = "cluster", "VARCHAR", "sig_cluster", "clusters"
    help = "Cluster the images; saved, the cluster of each image is stored and exported."

    @classmethod
    def compute(cls, col, save: bool = False, method: str = "kmeans", k: int | None = None,
                within_label: bool = False, seed: int = 0):
        from . import curation
        return curation.clusters(col, method, k, within_label, seed, save=save)
