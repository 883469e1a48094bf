"""Search: by an indexed image, an uploaded image, a vector, or words. The bodies are the
search request (api/verb_requests.py); the GET and the upload take the parts of it that fit
a query string."""
from __future__ import annotations

from fastapi import APIRouter, File, Form, Query, Request, UploadFile

from ....api.query import read_upload, uploaded
from ....api.verb_requests import SearchRequest, sent
from ....core.search import Text
from ....errors import InvalidArgument
from ....results import SearchResult
from ..bodies import SearchBody, TextBody
from . import K, WHERE, collection_of, filters_form

router = APIRouter(tags=["search"])
SPACE = Query(None, max_length=64, description="The collection's embedding space to search "
                                                "(default: its own).")


@router.get("/collections/{name}/images/{image_id}/neighbours", response_model=SearchResult,
            response_model_by_alias=True)
def neighbours(request: Request, name: str, image_id: int, k: int = K, where: str | None = WHERE,
               rerank: str | None = None, exclude_self: bool = False, space: str | None = SPACE):
    """The image itself first (rank 1), then its neighbours; exclude_self leaves it out."""
    return collection_of(request, name).search(image_id, k=k, where=where, rerank=rerank,
                                            exclude_self=exclude_self, space=space)


@router.post("/collections/{name}/search/image", response_model=SearchResult,
             response_model_by_alias=True)
def search_image(request: Request, name: str, file: UploadFile = File(...), k: int = K,
                 where: str | None = WHERE, rerank: str | None = None,
                 filters: str | None = Form(None), space: str | None = SPACE):
    data = read_upload(file.file)
    target = collection_of(request, name)
    image = uploaded(target.in_space(space), data)
    return target.search(image, k=k, where=where, rerank=rerank, filters=filters_form(filters),
                         space=space)


@router.post("/collections/{name}/search/vector", response_model=SearchResult,
             response_model_by_alias=True)
def search_vector(request: Request, name: str, body: SearchBody):
    import numpy as np
    if (body.vector is None) == (body.image_id is None):
        raise InvalidArgument("give exactly one of vector or image_id", param="vector")
    query = body.image_id if body.image_id is not None else np.asarray(body.vector, np.float32)
    return collection_of(request, name).search(query, **sent(SearchRequest, dict(body)))


@router.post("/collections/{name}/search/text", response_model=SearchResult,
             response_model_by_alias=True)
def search_text(request: Request, name: str, body: TextBody):
    return collection_of(request, name).search(Text(body.text), **sent(SearchRequest, dict(body)))
