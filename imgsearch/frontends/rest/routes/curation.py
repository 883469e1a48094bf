"""Curation: tag, untag and remove images; the tags in use."""
from __future__ import annotations

from fastapi import APIRouter, Request

from ..bodies import IdsBody, TagBody
from . import collection_of

router = APIRouter(tags=["curation"])


@router.post("/collections/{name}/tags", response_model=int)
def tag(request: Request, name: str, body: TagBody):
    return collection_of(request, name).tag(body.ids, body.tag)


@router.get("/collections/{name}/tags", response_model=list[str])
def tag_names(request: Request, name: str):
    return collection_of(request, name).tags()


@router.post("/collections/{name}/untag", response_model=int)
def untag(request: Request, name: str, body: TagBody):
    return collection_of(request, name).untag(body.ids, body.tag)


@router.post("/collections/{name}/remove", response_model=int)
def remove(request: Request, name: str, body: IdsBody):
    return collection_of(request, name).remove(body.ids)
