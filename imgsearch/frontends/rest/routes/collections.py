"""Collections: list, describe, delete; what was skipped; their columns and values."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ....results import CollectionInfo, SkippedFile
from . import collection_of, service_of

router = APIRouter(tags=["collections"])


@router.get("/collections", response_model=list[str])
def collections(request: Request):
    return service_of(request).collections()


@router.get("/collections/{name}", response_model=CollectionInfo)
def info(request: Request, name: str):
    return collection_of(request, name).info()


@router.delete("/collections/{name}", status_code=204, response_class=Response)
def delete_collection(request: Request, name: str):
    service_of(request).delete(name)
    return Response(status_code=204)


@router.get("/collections/{name}/skipped", response_model=list[SkippedFile])
def skipped(request: Request, name: str):
    return collection_of(request, name).skipped()


@router.get("/collections/{name}/columns", response_model=dict[str, str])
def columns(request: Request, name: str):
    return collection_of(request, name).columns()


@router.get("/collections/{name}/values/{column}", response_model=list)
def values(request: Request, name: str, column: str):
    return collection_of(request, name).distinct(column)
