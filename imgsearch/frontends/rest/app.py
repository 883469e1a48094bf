"""The REST API: a thin FastAPI adapter over the Service core.

Every route calls the core and returns its typed result; core errors become HTTP statuses
(404 not found, 422 invalid, 413 too large, 409 conflict/busy/mismatch/damaged). Routes are
plain functions (FastAPI runs them in its thread pool; the core is thread-safe). GETs never
write. With IMGSEARCH_API_TOKEN set, every route but /healthz needs `Authorization: Bearer`.
"""
from __future__ import annotations

import hmac
import io
import json
import os
from typing import Literal

from fastapi import Depends, FastAPI, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ... import __version__
from ...core.service import Service
from ...errors import ImgsearchError, InvalidArgument, TooLarge, Unauthorized
from ...results import (CollectionInfo, Comparison, Confusion, Explanation, FsckReport,
                        ImageRecord, Job, MapPoints, MapReport, SearchResult, SkippedFile, records)

MAX_UPLOAD_BYTES = 20 << 20
UPLOAD_PIXELS = 50_000_000
K = Query(10, ge=1, le=1000)
SEED = Field(0, ge=0, le=2**31 - 1)


class SearchBody(BaseModel):
    vector: list[float] | None = None
    image_id: int | None = None
    k: int = Field(10, ge=1, le=1000)
    where: str | None = None
    filters: dict[str, list[str | int | float | bool]] | None = None
    min_score: float | None = Field(None, ge=-1.0, le=1.0)
    rerank: str | None = None


class TextBody(BaseModel):
    text: str = Field(..., min_length=1, max_length=1000)
    k: int = Field(10, ge=1, le=1000)
    where: str | None = None
    filters: dict[str, list[str | int | float | bool]] | None = None
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
    ids: list[int] = Field(..., max_length=1_000_000)
    tag: str


class IdsBody(BaseModel):
    ids: list[int] = Field(..., max_length=1_000_000)


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
    home_id: str


def create_app(service: Service, token: str | None = None) -> FastAPI:
    from ...client import home_id
    token = ((token if token is not None else os.environ.get("IMGSEARCH_API_TOKEN")) or "").strip() or None

    def auth(authorization: str | None = Header(None)):
        if token is None:
            return
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not authorization or not authorization.startswith("Bearer ") or \
                not hmac.compare_digest(given.encode(), token.encode()):
            raise Unauthorized("missing or wrong API token (Authorization: Bearer <token>)")

    app = FastAPI(title="imgsearch", version=__version__,
                  description="Image similarity search and dataset exploration.")
    api = Depends(auth)

    @app.middleware("http")
    async def bounded_uploads(request: Request, call_next):
        """Refuse an oversized upload by its Content-Length, before it is spooled to disk."""
        size = request.headers.get("content-length")
        if request.method == "POST" and size and size.isdigit() and int(size) > MAX_UPLOAD_BYTES + (1 << 16):
            return JSONResponse(status_code=413, content={
                "detail": f"the upload is over {MAX_UPLOAD_BYTES >> 20} MB", "param": "file",
                "fix": None, "kind": "TooLarge"})
        return await call_next(request)

    @app.exception_handler(ImgsearchError)
    def _error(request: Request, exc: ImgsearchError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(status_code=exc.status, headers=headers, content={
            "detail": exc.message, "param": exc.param, "fix": exc.fix, "kind": type(exc).__name__})

    col = service.collection

    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz():
        return Health(version=__version__, home_id=home_id(service.home))

    @app.get("/collections", response_model=list[str], dependencies=[api], tags=["collections"])
    def collections():
        return service.collections()

    @app.get("/collections/{name}", response_model=CollectionInfo, dependencies=[api], tags=["collections"])
    def info(name: str):
        return col(name).info()

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
        df = col(name).table(where, columns)
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
                   rerank: str | None = None):
        return col(name).search(image_id, k=k, where=where, rerank=rerank)

    @app.post("/collections/{name}/search/image", response_model=SearchResult,
              response_model_by_alias=True, dependencies=[api], tags=["search"])
    def search_image(name: str, file: UploadFile = File(...), k: int = K,
                     where: str | None = Query(None, max_length=4000), rerank: str | None = None,
                     filters: str | None = Form(None)):
        data = file.file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise TooLarge(f"the upload is over {MAX_UPLOAD_BYTES >> 20} MB", param="file")
        from ...pipeline.decode import Limits, decode
        from ...pipeline.thumbnails import decoding_slot
        target = col(name)
        with decoding_slot():     # bounded: concurrent uploads cannot decode without limit
            image = decode(data, Limits(min(UPLOAD_PIXELS, target.cfg.max_pixels),
                                        target.cfg.max_decode_mb << 20)).image
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
                                min_score=body.min_score, rerank=body.rerank)

    @app.post("/collections/{name}/search/text", response_model=SearchResult,
              response_model_by_alias=True, dependencies=[api], tags=["search"])
    def search_text(name: str, body: TextBody):
        from ...core.collection import Text
        return col(name).search(Text(body.text), k=body.k, where=body.where, filters=body.filters,
                                min_score=body.min_score, rerank=body.rerank)

    @app.get("/collections/{name}/map", dependencies=[api], tags=["map"], response_model=MapPoints)
    def map_points(name: str, method: str | None = None, columns: list[str] | None = Query(None),
                   format: str = Query("json", pattern="^(json|arrow)$")):
        if format == "json":
            return col(name).map_points(method, columns)
        from ...analysis.maps import map_frame
        df, method, unplaced, total = map_frame(col(name), method, columns)
        return Response(_arrow(df), media_type="application/vnd.apache.arrow.stream",
                        headers={"X-Map-Method": method, "X-Unplaced": str(unplaced),
                                 "X-Total": str(total)})

    # -- writes: jobs ----------------------------------------------------------------------
    @app.post("/collections/{name}/index", response_model=Job, status_code=202, dependencies=[api], tags=["jobs"])
    def index(name: str, body: IndexBody):
        args = body.model_dump()
        source = args.pop("source")
        if body.ray_address and body.ray_address != os.environ.get("IMGSEARCH_RAY_ADDRESS"):
            raise InvalidArgument("this service joins only the Ray cluster it was started with",
                                  param="ray_address", fix="start it with IMGSEARCH_RAY_ADDRESS="
                                  "ADDRESS, or leave ray_address out")
        return service.submit("index", name, lambda c, progress: c.index(
            source, progress=progress, **args), create=True)

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
    def label_issues(name: str, k: int = K, top: int = Query(100, ge=1, le=1_000_000)):
        return [r.model_dump() for r in col(name).label_issues(k).rows[:top]]

    @app.get("/collections/{name}/duplicates", response_model=list[dict], dependencies=[api], tags=["analyses"])
    def duplicates(name: str, threshold: float = Query(0.76, gt=0, le=1), margin: float = Query(0.05, ge=0, lt=1)):
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
        allowed = {"label-issues": {"k"}, "duplicates": {"threshold", "margin"}, "outliers": {"k"},
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

    # -- exports -------------------------------------------------------------------------
    @app.get("/collections/{name}/export/{kind}", dependencies=[api], tags=["export"], response_class=Response)
    def export(name: str, kind: str, where: str | None = Query(None, max_length=4000),
               prefix: str | None = None, method: str = "umap", all_maps: bool = False,
               spelling: str = "documented", exclude_tag: str | None = "exclude",
               ids: list[int] | None = Query(None)):
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
    return value


def _arrow(df) -> bytes:
    import pyarrow as pa
    table = pa.Table.from_pandas(df, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()
