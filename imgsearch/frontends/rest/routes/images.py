"""Images: the catalog's rows, one image's record, its file and thumbnail, ids by filter."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ....results import ImageRecord, records
from ..limits import unique_columns
from . import WHERE, collection_of, filters_form

router = APIRouter(tags=["images"])


@router.get("/collections/{name}/images", response_model=list[dict])
def table(request: Request, name: str, where: str | None = WHERE,
          columns: list[str] | None = Query(None), limit: int = Query(1000, ge=1, le=1_000_000),
          offset: int = Query(0, ge=0)):
    df = collection_of(request, name).table(where, unique_columns(columns))
    return records(df.iloc[offset: offset + limit])


@router.get("/collections/{name}/ids", response_model=list[int])
def ids(request: Request, name: str, where: str | None = WHERE,
        filters: str | None = Query(None, max_length=100_000)):
    """The ids of the images matching a filter (where) and {column: [values]} (filters, JSON)."""
    return collection_of(request, name).ids(where, filters_form(filters)).tolist()


@router.get("/collections/{name}/images/{image_id}", response_model=ImageRecord)
def image(request: Request, name: str, image_id: int):
    return collection_of(request, name).image(image_id)


@router.get("/collections/{name}/images/{image_id}/file", response_class=Response)
def image_file(request: Request, name: str, image_id: int):
    data, mime = collection_of(request, name).image_bytes(image_id)
    return Response(data, media_type=mime)


@router.get("/collections/{name}/images/{image_id}/thumbnail", response_class=Response)
def thumbnail(request: Request, name: str, image_id: int, size: int = Query(160, ge=16, le=1024)):
    return Response(collection_of(request, name).thumbnail(image_id, size), media_type="image/jpeg")
