"""The bodies of the REST API's requests (pydantic): what a client may send, with its bounds.
A verb's request model (api/requests.py, api/verb_requests.py) is its body here; the remote
client (api/remote.py) sends the same fields."""
from __future__ import annotations

from pydantic import BaseModel, Field

from ...api.bounds import ImageId
from ...api.requests import IndexRequest, MapRequest
from ...api.verb_requests import IdsRequest, SearchRequest, TagRequest


class SearchBody(SearchRequest):
    """A search by a vector or an indexed image (exactly one), with the search request's fields."""
    vector: list[float] | None = Field(None, max_length=65_536)
    image_id: ImageId | None = None


class TextBody(SearchRequest):
    """A search by words, with the search request's fields."""
    text: str = Field(..., min_length=1, max_length=1000)


class IndexBody(IndexRequest):
    """The index request (api/requests.py), under the name the OpenAPI schema gives it."""


class MapBody(MapRequest):
    """The map request (api/requests.py), under the name the OpenAPI schema gives it."""


class TagBody(TagRequest):
    """The tag request (api/verb_requests.py), under the name the OpenAPI schema gives it."""


class IdsBody(IdsRequest):
    """The ids of a removal (api/verb_requests.py), under the name the OpenAPI schema gives it."""


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
