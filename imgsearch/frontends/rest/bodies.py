"""The bodies of the REST API's requests (pydantic): what a client may send, with its bounds.
A verb's request model (api/requests.py) is its body here; the remote client (api/remote.py)
sends the same fields."""
from __future__ import annotations

from pydantic import BaseModel, Field

from ...api.requests import IndexRequest, MapRequest
from .limits import MAX_IDS, Filters, ImageId


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
    space: str | None = Field(None, max_length=64, description="The collection's embedding space to search (default: its own).")


class TextBody(BaseModel):
    text: str = Field(..., min_length=1, max_length=1000)
    k: int = Field(10, ge=1, le=1000)
    where: str | None = None
    filters: Filters = None
    min_score: float | None = Field(None, ge=-1.0, le=1.0)
    rerank: str | None = None
    space: str | None = Field(None, max_length=64, description="The collection's embedding space to search (default: its own).")


class IndexBody(IndexRequest):
    """The index request (api/requests.py), under the name the OpenAPI schema gives it."""


class MapBody(MapRequest):
    """The map request (api/requests.py), under the name the OpenAPI schema gives it."""


class TagBody(BaseModel):
    ids: list[ImageId] = Field(..., max_length=MAX_IDS)
    tag: str


class IdsBody(BaseModel):
    ids: list[ImageId] = Field(..., max_length=MAX_IDS)


class AnalysisParams(BaseModel):
    """The parameters of the shipped analyses, with their bounds; another registered
    analysis's own parameters pass as extra fields, checked against its params model."""
    model_config = {"extra": "allow"}
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
