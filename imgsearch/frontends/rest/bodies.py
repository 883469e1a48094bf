"""The bodies of the REST API's requests (pydantic): what a client may send, with its bounds.
The routes (app.py) take these; the remote client (client.py) sends the same fields."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .limits import MAX_IDS, Filters, ImageId

SEED = Field(0, ge=0, le=2**31 - 1)

class SearchBody(BaseModel):
    vector: list[float] | None = Field(None, max_length=65_536)
    image_id: ImageId | None = None
    k: int = Field(10, ge=1, le=1000)
    where: str | None = None
    filters: Filters = None
    min_score: float | None = Field(None, ge=-1.0, le=1.0)
    rerank: str | None = None
    # an image_id query: leave the image itself out (by default it comes first, rank 1)
    exclude_self: bool = False


class TextBody(BaseModel):
    text: str = Field(..., min_length=1, max_length=1000)
    k: int = Field(10, ge=1, le=1000)
    where: str | None = None
    filters: Filters = None
    min_score: float | None = Field(None, ge=-1.0, le=1.0)
    rerank: str | None = None


class IndexBody(BaseModel):
    source: str
    labels: str | None = None
    model: str | None = None
    weights: str | None = None
    layer: str | None = None
    classes: str | None = None
    size: int | None = Field(None, ge=1, le=512)
    runtime: str | None = None
    postprocess: Literal["center", "whiten", "none"] | None = None
    pooling: Literal["avg", "gem", "max"] | None = None
    view: Literal["crop", "whole"] | None = None
    precision: Literal["fp32", "int8"] | None = None
    prune: bool = False
    index: str | None = None
    allow_roots: list[str] = []
    runner: Literal["local", "ray"] = "local"
    # only the cluster the service was started with (IMGSEARCH_RAY_ADDRESS): joining a Ray
    # cluster means exchanging pickled code with it
    ray_address: str | None = Field(None, max_length=300)


class MapBody(BaseModel):
    method: str = "umap"
    pca_dims: int = Field(50, ge=2, le=1024)
    neighbors: int = Field(15, ge=2, le=1000)
    min_dist: float = Field(0.1, ge=0.0, le=1.0)
    seed: int = SEED
    refit: bool = False


class TagBody(BaseModel):
    ids: list[ImageId] = Field(..., max_length=MAX_IDS)
    tag: str


class IdsBody(BaseModel):
    ids: list[ImageId] = Field(..., max_length=MAX_IDS)


class AnalysisParams(BaseModel):
    model_config = {"extra": "forbid"}
    k: int | None = Field(None, ge=1, le=10_000)
    threshold: float | None = Field(None, gt=0, le=1)
    margin: float | None = Field(None, ge=0, lt=1)
    method: str | None = Field(None, max_length=20)
    within_label: bool | None = None
    seed: int | None = Field(None, ge=0, le=2**31 - 1)


class AnalysisBody(BaseModel):
    params: AnalysisParams = AnalysisParams()


class Health(BaseModel):
    ok: bool = True
    version: str
    # HMAC-SHA256(secret, X-Imgsearch-Challenge): proves this is the service that wrote the
    # announcement, without giving anything away (present only when a challenge was sent)
    proof: str | None = None
