"""Embedding spaces of a collection: list them, remove one, import vectors into one."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from ....analysis.timeline import Timeline
from ....api.verb_requests import TimelineRequest
from ....core.spaces import SpaceInfo, VectorImport
from ....errors import TooLarge
from ....results import records
from . import collection_of

router = APIRouter(tags=["spaces"])
MAX_VECTORS_BYTES = 1 << 30      # an uploaded vectors file (about 500,000 vectors of 512 floats)


def _read(upload: UploadFile, limit: int) -> bytes:
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"the upload {upload.filename} is over {limit >> 20} MB", param="file")
    return data


@router.get("/collections/{name}/spaces", response_model=list[SpaceInfo])
def spaces(request: Request, name: str):
    return collection_of(request, name).spaces()


@router.get("/collections/{name}/timeline", response_model=Timeline)
def timeline(request: Request, name: str, params: Annotated[TimelineRequest, Query()]):
    """Spaces in order: per space, kNN accuracy, silhouette, overlap with the one before."""
    return collection_of(request, name).timeline(**dict(params))


@router.get("/collections/{name}/predictions", response_model=list[dict])
def predictions(request: Request, name: str):
    """The class predictions of the space named (image_id, prediction, confidence)."""
    return records(collection_of(request, name).predictions())


@router.delete("/collections/{name}/spaces/{space}", status_code=204, response_class=Response)
def remove_space(request: Request, name: str, space: str):
    collection_of(request, name).remove_space(space)
    return Response(status_code=204)


@router.post("/collections/{name}/spaces/import", response_model=VectorImport)
def import_vectors(request: Request, name: str, file: UploadFile = File(...),
                   space: str = Form(..., max_length=64), paths: UploadFile | None = File(None),
                   postprocess: str | None = Form(None)):
    """Vectors made elsewhere into a space: a Parquet upload (path, vector), or an .npy upload
    with a paths file (one path a line); rows matched to catalogued images by path."""
    data = _read(file, MAX_VECTORS_BYTES)
    listed = _read(paths, 64 << 20) if paths is not None else None
    return collection_of(request, name).import_vectors(
        data, space, listed, postprocess, file.filename or "vectors.parquet")
