"""The REST API: a thin FastAPI adapter over the Service core.

Every route calls the core and returns its typed result; core errors become HTTP statuses
(404 not found, 422 invalid, 413 too large, 409 conflict/busy/mismatch/damaged). Routes are
plain functions (FastAPI runs them in its thread pool; the core is thread-safe). GETs never
write. Who may ask, and how much, is decided before FastAPI sees the request (guard.py): with
IMGSEARCH_API_TOKEN set, every route but /healthz needs `Authorization: Bearer` (or the
service's own secret), and every body is capped. Lists in requests are capped too.
"""
from __future__ import annotations

import io
import json
import os
from typing import Literal

from fastapi import Depends, FastAPI, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from fastapi_offline import FastAPIOffline
from fastapi.security import HTTPBearer

from ... import __version__
from ...core.service import Service
from ...errors import ImgsearchError, InvalidArgument, TooLarge
from ...results import (CollectionInfo, Comparison, Confusion, Explanation,
                        ImageRecord, Job, MapPoints, MapReport, SearchResult, SkippedFile, records)
from . import trust
from .bodies import (AnalysisBody, Health, IdsBody, IndexBody, MapBody, SearchBody, TagBody,
                     TextBody)
from .limits import MAX_IDS, ImageId, checked_filters, env_number, unique_columns
from ...results import Evaluation, PredictionImport

MAX_UPLOAD_BYTES = 20 << 20
UPLOAD_PIXELS = 50_000_000
K = Query(10, ge=1, le=1000)
def create_app(service: Service, token: str | None = None, *, secret: str | None = None,
               max_body: int | None = None, body_caps: dict[str, int] | None = None,
               check_host: bool = False, allow_roots=(), allow_hub_models: bool = False) -> FastAPI:
    """The FastAPI application, with the guard (see guard.py) around everything it does.

    `secret` marks local callers; `max_body` caps every request body (default: the upload cap
    plus room for the form around it, or IMGSEARCH_MAX_BODY_MB), but the paths in `body_caps`
    (path: cap), for routes that take larger files; a body that stalls for
    IMGSEARCH_BODY_TIMEOUT seconds (30) is refused; `check_host` accepts only loopback Host
    names when no token is set (`serve` turns it on). allow_roots: the folders API clients
    that are not local may name paths under; allow_hub_models: whether they may ask for models
    that download from a hub."""
    from .guard import Borrowing, Guard
    token = ((token if token is not None else os.environ.get("IMGSEARCH_API_TOKEN")) or "").strip() or None
    if max_body is None:
        default_mb = (MAX_UPLOAD_BYTES + (1 << 16)) / (1 << 20)
        max_body = int(env_number("MAX_BODY_MB", default_mb) * (1 << 20))

    # Swagger UI and ReDoc from the assets fastapi-offline ships: /docs works without a network
    app = FastAPIOffline(title="imgsearch", version=__version__,
                         description="Image similarity search and dataset exploration.")
    app.state.allow_roots = trust.operator_roots(allow_roots)
    app.state.allow_hub_models = bool(allow_hub_models)
    cfg = service.cfg
    file_cap = min(cfg.max_upload_bytes, max(cfg.max_labels_bytes, cfg.max_weights_bytes))
    body_caps = {"/uploads": file_cap + (1 << 16), **(body_caps or {})}
    # the guard checks the token before FastAPI runs; this declares it in the OpenAPI
    # description (the "Authorize" button of /docs)
    api = Depends(HTTPBearer(auto_error=False))
    # add_middleware puts the last one added outermost: the guard answers first, then each
    # request borrows the collections it uses until its response is sent (service.py)
    app.add_middleware(Borrowing, service=service)
    body_timeout = env_number("BODY_TIMEOUT", 30.0)
    app.add_middleware(Guard, token=token, secret=secret, max_body=max_body,
                       check_host=check_host, body_timeout=body_timeout or None,
                       body_caps=body_caps)

    @app.exception_handler(ImgsearchError)
    def _error(request: Request, exc: ImgsearchError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(status_code=exc.status, headers=headers, content={
            "detail": exc.message, "param": exc.param, "fix": exc.fix, "kind": type(exc).__name__})

    col = service.collection

    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz(challenge: str | None = Header(None, alias="X-Imgsearch-Challenge", max_length=128)):
        from ...client import service_proof
        proof = service_proof(secret, challenge) if secret and challenge else None
        return Health(version=__version__, proof=proof)

    @app.get("/collections", response_model=list[str], dependencies=[api], tags=["collections"])
    def collections():
        return service.collections()

    @app.get("/collections/{name}", response_model=CollectionInfo, dependencies=[api], tags=["collections"])
    def info(name: str):
        return col(name).info()

    @app.delete("/collections/{name}", status_code=204, dependencies=[api], tags=["collections"],
                response_class=Response)
    def delete_collection(name: str):
        service.delete(name)
        return Response(status_code=204)

    @app.get("/collections/{name}/skipped", response_model=list[SkippedFile], dependencies=[api], tags=["collections"])
    def skipped(name: str):
        return col(name).skipped()

    @app.get("/collections/{name}/columns", response_model=dict[str, str], dependencies=[api], tags=["collections"])
    def columns(name: str):
        return col(name).columns()

    @app.get("/collections/{name}/values/{column}", response_model=list, dependencies=[api], tags=["collections"])
    def values(name: str, column: str):
        return col(name).distinct(column)

    @app.get("/collections/{name}/images", response_model=list[dict], dependencies=[api], tags=["images"])
    def table(name: str, where: str | None = Query(None, max_length=4000),
              columns: list[str] | None = Query(None), limit: int = Query(1000, ge=1, le=1_000_000),
              offset: int = Query(0, ge=0)):
        df = col(name).table(where, unique_columns(columns))
        return records(df.iloc[offset: offset + limit])

    @app.get("/collections/{name}/images/{image_id}", response_model=ImageRecord, dependencies=[api], tags=["images"])
    def image(name: str, image_id: int):
        return col(name).image(image_id)

    @app.get("/collections/{name}/images/{image_id}/file", dependencies=[api], tags=["images"],
             response_class=Response)
    def image_file(name: str, image_id: int):
        data, mime = col(name).image_bytes(image_id)
        return Response(data, media_type=mime)

    @app.get("/collections/{name}/images/{image_id}/thumbnail", dependencies=[api], tags=["images"],
             response_class=Response)
    def thumbnail(name: str, image_id: int, size: int = Query(160, ge=16, le=1024)):
        return Response(col(name).thumbnail(image_id, size), media_type="image/jpeg")

    @app.get("/collections/{name}/images/{image_id}/neighbours", response_model=SearchResult,
             response_model_by_alias=True, dependencies=[api], tags=["search"])
    def neighbours(name: str, image_id: int, k: int = K, where: str | None = Query(None, max_length=4000),
                   rerank: str | None = None, exclude_self: bool = False):
        """The image itself first (rank 1), then its neighbours; exclude_self leaves it out."""
        return col(name).search(image_id, k=k, where=where, rerank=rerank,
                                exclude_self=exclude_self)

    @app.post("/collections/{name}/search/image", response_model=SearchResult,
              response_model_by_alias=True, dependencies=[api], tags=["search"])
    def search_image(name: str, file: UploadFile = File(...), k: int = K,
                     where: str | None = Query(None, max_length=4000), rerank: str | None = None,
                     filters: str | None = Form(None)):
        data = file.file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise TooLarge(f"the upload is over {MAX_UPLOAD_BYTES >> 20} MB", param="file")
        from ...pipeline.decode import Limits, decode
        from ...pipeline.embed import draft_size
        from ...pipeline.thumbnails import decoding_slot
        target = col(name)
        draft = draft_size(target.model())   # JPEGs at the reduced scale the model needs
        with decoding_slot():     # bounded: concurrent uploads cannot decode without limit
            image = decode(data, Limits(min(UPLOAD_PIXELS, target.cfg.max_pixels),
                                        target.cfg.max_decode_mb << 20), draft).image
        return target.search(image, k=k, where=where, rerank=rerank,
                             filters=_filters(filters))

    @app.post("/collections/{name}/search/vector", response_model=SearchResult,
              response_model_by_alias=True, dependencies=[api], tags=["search"])
    def search_vector(name: str, body: SearchBody):
        import numpy as np
        if (body.vector is None) == (body.image_id is None):
            from ...errors import InvalidArgument
            raise InvalidArgument("give exactly one of vector or image_id", param="vector")
        query = body.image_id if body.image_id is not None else np.asarray(body.vector, np.float32)
        return col(name).search(query, k=body.k, where=body.where, filters=body.filters,
                                min_score=body.min_score, rerank=body.rerank,
                                exclude_self=body.exclude_self)

    @app.post("/collections/{name}/search/text", response_model=SearchResult,
              response_model_by_alias=True, dependencies=[api], tags=["search"])
    def search_text(name: str, body: TextBody):
        from ...core.collection import Text
        return col(name).search(Text(body.text), k=body.k, where=body.where, filters=body.filters,
                                min_score=body.min_score, rerank=body.rerank)

    @app.get("/collections/{name}/map", dependencies=[api], tags=["map"], response_model=MapPoints)
    def map_points(name: str, method: str | None = None, columns: list[str] | None = Query(None),
                   format: str = Query("json", pattern="^(json|arrow)$")):
        columns = unique_columns(columns)
        if format == "json":
            return col(name).map_points(method, columns)
        from ...analysis.maps import map_frame
        df, method, unplaced, total = map_frame(col(name), method, columns)
        return Response(_arrow(df), media_type="application/vnd.apache.arrow.stream",
                        headers={"X-Map-Method": method, "X-Unplaced": str(unplaced),
                                 "X-Total": str(total)})

    # -- writes: jobs ----------------------------------------------------------------------
    @app.post("/collections/{name}/index", response_model=Job, status_code=202, dependencies=[api], tags=["jobs"])
    def index(name: str, body: IndexBody, request: Request):
        """labels, classes, weights: a server path or upload:<sha256> (POST /uploads). Paths
        only under the service's --allow-root folders unless the caller is local (else 403)."""
        from ...core.collection import check_name
        check_name(name)
        if body.ray_address and body.ray_address != os.environ.get("IMGSEARCH_RAY_ADDRESS"):
            raise InvalidArgument("this service joins only the Ray cluster it was started with",
                                  param="ray_address", fix="start it with IMGSEARCH_RAY_ADDRESS="
                                  "ADDRESS, or leave ray_address out")
        args = trust.checked_index_args(name, body.model_dump(), service, request,
                                        app.state.allow_roots, app.state.allow_hub_models)
        return service.submit("index", name, trust.index_work(
            args, trust.is_local(request), service.home, app.state.allow_roots), create=True)

    @app.post("/uploads", response_model=trust.Upload, status_code=201, dependencies=[api],
              tags=["uploads"])
    def upload(file: UploadFile = File(...), kind: trust.UploadKind = Query(...)):
        """A labels CSV, class names or a checkpoint for an index body to name by `ref`."""
        cap = min(cfg.max_upload_bytes,
                  cfg.max_weights_bytes if kind == "weights" else cfg.max_labels_bytes)
        return trust.save_upload(service.home, file.file, cap, kind)

    @app.post("/collections/{name}/map", response_model=Job, status_code=202, dependencies=[api], tags=["jobs"])
    def build_map(name: str, body: MapBody):
        return service.submit("map", name, lambda c, progress: c.build_map(
            progress=progress, **body.model_dump()))

    @app.post("/collections/{name}/map/place", response_model=MapReport, dependencies=[api], tags=["map"])
    def place(name: str, method: str = "umap"):
        return col(name).place_new(method)

    @app.post("/collections/{name}/fsck", response_model=Job, status_code=202, dependencies=[api], tags=["jobs"])
    def fsck(name: str, repair: bool = False):
        return service.submit("fsck", name, lambda c, progress: c.fsck(repair, progress))

    @app.get("/jobs", response_model=list[Job], dependencies=[api], tags=["jobs"])
    def jobs():
        return service.jobs()

    @app.get("/jobs/{job_id}", response_model=Job, dependencies=[api], tags=["jobs"])
    def job(job_id: str):
        return service.job(job_id)

    @app.post("/jobs/{job_id}/cancel", response_model=Job, dependencies=[api], tags=["jobs"])
    def cancel_job(job_id: str):
        """A queued job never starts; a running one stops at its next safe point (poll the
        job until its state is 'cancelled'). A finished job is returned unchanged."""
        return service.cancel(job_id)

    # -- small writes --------------------------------------------------------------------
    @app.post("/collections/{name}/tags", response_model=int, dependencies=[api], tags=["curation"])
    def tag(name: str, body: TagBody):
        return col(name).tag(body.ids, body.tag)

    @app.post("/collections/{name}/untag", response_model=int, dependencies=[api], tags=["curation"])
    def untag(name: str, body: TagBody):
        return col(name).untag(body.ids, body.tag)

    @app.post("/collections/{name}/remove", response_model=int, dependencies=[api], tags=["curation"])
    def remove(name: str, body: IdsBody):
        return col(name).remove(body.ids)

    # -- analyses (GET computes only; POST .../save stores the per-image column) ------------
    @app.get("/collections/{name}/confusion", response_model=Confusion, dependencies=[api], tags=["analyses"])
    def confusion(name: str):
        return col(name).confusion()

    @app.get("/collections/{name}/explain/{image_id}", response_model=Explanation, dependencies=[api], tags=["analyses"])
    def explain(name: str, image_id: int, k: int = K):
        return col(name).explain(image_id, k)

    @app.get("/collections/{name}/label-issues", response_model=list[dict], dependencies=[api], tags=["analyses"])
    def label_issues(name: str, k: int = K, top: int = Query(100, ge=1, le=1_000_000),
                     method: Literal["confident", "knn"] | None = None):
        return [r.model_dump() for r in col(name).label_issues(k, method=method).rows[:top]]

    @app.get("/collections/{name}/duplicates", response_model=list[dict], dependencies=[api], tags=["analyses"])
    def duplicates(name: str, threshold: float = Query(0.55, gt=0, le=1), margin: float = Query(0.05, ge=0, lt=1)):
        return [r.model_dump() for r in col(name).duplicates(threshold, margin).rows]

    @app.get("/collections/{name}/outliers", response_model=list[dict], dependencies=[api], tags=["analyses"])
    def outliers(name: str, k: int = K, top: int = Query(100, ge=1, le=1_000_000)):
        return [r.model_dump() for r in col(name).outliers(k).rows[:top]]

    @app.get("/collections/{name}/clusters", response_model=list[dict], dependencies=[api], tags=["analyses"])
    def clusters(name: str, method: str = "kmeans", k: int | None = Query(None, ge=2, le=10000),
                 within_label: bool = False, seed: int = Query(0, ge=0, le=2**31 - 1)):
        return [r.model_dump() for r in col(name).clusters(method, k, within_label, seed).rows]

    @app.post("/collections/{name}/analyses/{kind}", response_model=int, dependencies=[api], tags=["analyses"])
    def save_analysis(name: str, kind: str, body: AnalysisBody):
        verbs = {"label-issues": "label_issues", "duplicates": "duplicates",
                 "outliers": "outliers", "clusters": "clusters"}
        if kind not in verbs:
            from ...errors import NotFound
            raise NotFound(f"no analysis {kind!r}; choose {', '.join(verbs)}", param="kind")
        params = body.params.model_dump(exclude_none=True)
        allowed = {"label-issues": {"k", "method"}, "duplicates": {"threshold", "margin"}, "outliers": {"k"},
                   "clusters": {"method", "k", "within_label", "seed"}}[kind]
        extra = set(params) - allowed
        if extra:
            from ...errors import InvalidArgument
            raise InvalidArgument(f"{kind} takes {', '.join(sorted(allowed))}, not "
                                  f"{', '.join(sorted(extra))}", param="params")
        return len(getattr(col(name), verbs[kind])(**params, save=True))

    @app.get("/collections/{name}/compare/{other}", response_model=Comparison, dependencies=[api], tags=["analyses"])
    def compare(name: str, other: str, k: int = K):
        return col(name).compare(col(other), k)

    @app.get("/collections/{name}/compare/{other}/maps", response_model=list[dict], dependencies=[api], tags=["analyses"])
    def compare_maps(name: str, other: str, method: str = "umap"):
        from ...analysis.compare import aligned_maps
        return records(aligned_maps(col(name), col(other), method))

    # -- the user's labels and predictions: import, and how good the embedding is ---------
    @app.post("/collections/{name}/predictions", response_model=PredictionImport, dependencies=[api],
              tags=["analyses"])
    def import_predictions(name: str, file: UploadFile = File(...),
                           classes: str | None = Form(None)):
        """Your predictions per image: a CSV or Parquet upload (by its file name) of path,
        prediction[, confidence][, prob_<class>...]; classes: a JSON list naming the
        entries of a list column of probabilities."""
        data = file.file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise TooLarge(f"the upload is over {MAX_UPLOAD_BYTES >> 20} MB", param="file")
        try:
            names = json.loads(classes) if classes else None
        except ValueError:
            names = False
        if names is not None and not (isinstance(names, list) and all(isinstance(c, str) for c in names)):
            raise InvalidArgument("classes must be a JSON list of names", param="classes")
        return col(name).import_predictions(data, file.filename or "upload.csv", names)

    @app.get("/collections/{name}/evaluate", response_model=Evaluation, dependencies=[api], tags=["analyses"])
    def evaluate(name: str, sample: int = Query(5000, ge=100, le=100_000),
                 seed: int = Query(0, ge=0, le=2**31 - 1)):
        return col(name).evaluate(sample=sample, seed=seed)

    # -- exports -------------------------------------------------------------------------
    @app.get("/collections/{name}/export/{kind}", dependencies=[api], tags=["export"], response_class=Response)
    def export(name: str, kind: str, where: str | None = Query(None, max_length=4000),
               prefix: str | None = None, method: str = "umap", all_maps: bool = False,
               spelling: str = "documented", exclude_tag: str | None = "exclude",
               ids: list[ImageId] | None = Query(None, max_length=MAX_IDS)):
        target = col(name)
        if kind == "parquet":
            buf = io.BytesIO()
            target.export_parquet(buf, where)
            return Response(buf.getvalue(), media_type="application/vnd.apache.parquet")
        buf = io.StringIO()
        if kind == "metascatter":
            target.export_metascatter(buf, prefix, method, where, all_maps, ids, spelling)
        elif kind == "subset":
            target.export_subset(buf, where, exclude_tag or None, prefix, ids)
        else:
            from ...errors import NotFound
            raise NotFound(f"no export {kind!r}; choose metascatter, parquet or subset", param="kind")
        return Response(buf.getvalue(), media_type="text/csv")

    return app


def _filters(text: str | None) -> dict | None:
    if not text:
        return None
    from ...errors import InvalidArgument
    try:
        value = json.loads(text)
    except ValueError:
        raise InvalidArgument("filters must be a JSON object of column: [values]", param="filters") from None
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise InvalidArgument("filters must be a JSON object of column: [values]", param="filters")
    return checked_filters(value)


def _arrow(df) -> bytes:
    import pyarrow as pa
    table = pa.Table.from_pandas(df, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()
