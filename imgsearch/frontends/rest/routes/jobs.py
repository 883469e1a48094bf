"""Jobs: indexing (with the uploads an index request names) and repair, queued one at a time
per collection; their progress; cancelling them."""
from __future__ import annotations

import os
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile

from ....api.verb_requests import FsckRequest
from ....core.collection import check_name
from ....errors import InvalidArgument
from ....results import Job
from .. import trust
from ..bodies import IndexBody
from . import service_of

router = APIRouter()


@router.post("/collections/{name}/index", response_model=Job, status_code=202, tags=["jobs"])
def index(request: Request, name: str, body: IndexBody):
    """labels, classes, weights: a server path or upload:<sha256> (POST /uploads). Paths
    only under the service's --allow-root folders unless the caller is local (else 403)."""
    check_name(name)
    state = request.app.state
    if body.ray_address and body.ray_address != os.environ.get("IMGSEARCH_RAY_ADDRESS"):
        raise InvalidArgument("this service joins only the Ray cluster it was started with",
                              param="ray_address", fix="start it with IMGSEARCH_RAY_ADDRESS="
                              "ADDRESS, or leave ray_address out")
    svc = service_of(request)
    args = trust.checked_index_args(name, body.model_dump(), svc, request,
                                    state.allow_roots, state.allow_hub_models)
    return svc.submit("index", name, trust.index_work(
        args, trust.is_local(request), svc.home, state.allow_roots), create=True)


@router.post("/uploads", response_model=trust.Upload, status_code=201, tags=["uploads"])
def upload(request: Request, file: UploadFile = File(...), kind: trust.UploadKind = Query(...)):
    """A labels CSV, class names or a checkpoint for an index body to name by `ref`."""
    svc = service_of(request)
    cfg = svc.cfg
    cap = min(cfg.max_upload_bytes,
              cfg.max_weights_bytes if kind == "weights" else cfg.max_labels_bytes)
    return trust.save_upload(svc.home, file.file, cap, kind)


@router.post("/collections/{name}/fsck", response_model=Job, status_code=202, tags=["jobs"])
def fsck(request: Request, name: str, params: Annotated[FsckRequest, Query()]):
    args = dict(params)
    return service_of(request).submit("fsck", name, lambda c, progress: c.fsck(
        progress=progress, **args))


@router.get("/jobs", response_model=list[Job], tags=["jobs"])
def jobs(request: Request):
    return service_of(request).jobs()


@router.get("/jobs/{job_id}", response_model=Job, tags=["jobs"])
def job(request: Request, job_id: str):
    return service_of(request).job(job_id)


@router.post("/jobs/{job_id}/cancel", response_model=Job, tags=["jobs"])
def cancel_job(request: Request, job_id: str):
    """A queued job never starts; a running one stops at its next safe point (poll the
    job until its state is 'cancelled'). A finished job is returned unchanged."""
    return service_of(request).cancel(job_id)
