"""The remote implementation of the verbs (protocol.py): a collection owned by a running
service, over its REST API. Errors come back as the same error classes; request bodies are
the request models' fields (requests.py)."""
from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import httpx
import numpy as np
import pandas as pd

from .. import errors
from ..results import (CollectionInfo, Comparison, Confusion, Evaluation, Explanation,
                       FsckReport, ImageRecord, IndexReport, Job, MapPoints, MapReport,
                       PredictionImport, Rows, SearchResult, SkippedFile)
from .protocol import CollectionAPI
from .named import NamedAnalyses
from .remote_exports import RemoteExports
from .remote_spaces import RemoteSpaces
from .requests import IndexRequest, MapRequest, python_args, with_signature
from . import verb_requests as vr
from .verb_requests import sent, takes

_KINDS = {c.__name__: c for c in (errors.NotFound, errors.InvalidArgument, errors.TooLarge,
                                  errors.Conflict, errors.Busy, errors.ModelMismatch,
                                  errors.Damaged, errors.Unauthorized, errors.ModelError,
                                  errors.BadImage, errors.Forbidden, errors.Cancelled)}


def _raise(r: httpx.Response) -> httpx.Response:
    if r.status_code < 400:
        return r
    try:
        body = r.json()
    except ValueError:
        body = {"detail": r.text[:300]}
    detail = body.get("detail")
    if isinstance(detail, list):   # FastAPI's own validation errors
        first = detail[0] if detail else {}
        where = ".".join(str(p) for p in first.get("loc", [])[1:])
        raise errors.InvalidArgument(f"{where}: {first.get('msg', 'invalid')}", param=where)
    kind = _KINDS.get(body.get("kind"), {404: errors.NotFound, 401: errors.Unauthorized,
                                         403: errors.Forbidden,
                                         409: errors.Conflict, 413: errors.TooLarge}.get(
        r.status_code, errors.ImgsearchError))
    raise kind(str(detail), param=body.get("param"), fix=body.get("fix"))


class RemoteClient:
    """A client of a running service. With the service's secret (`secret=`, read from its
    announcement once the service proved it knows it), the client is a *local* caller
    (`local` is True): it sends `X-Imgsearch-Secret` and may name files on this machine."""
    remote = True

    def __init__(self, url: str, token: str | None, cfg=None, *, secret: str | None = None):
        self.url, self.cfg = url.rstrip("/"), cfg
        if token and not token.isascii():
            raise errors.InvalidArgument("IMGSEARCH_API_TOKEN must be ASCII", param="token")
        headers = {"Authorization": f"Bearer {token.strip()}"} if token and token.strip() else {}
        self.local = bool(secret)
        if secret:
            headers["X-Imgsearch-Secret"] = secret
        # with the secret, never through a proxy named in the environment
        self.http = httpx.Client(base_url=self.url, headers=headers, timeout=600.0,
                                 trust_env=not secret)

    def request(self, method: str, path: str, **kw):
        """One request; its error status raised as the error class, a service that does not
        answer as one line."""
        try:
            return _raise(self.http.request(method, path, **kw))
        except httpx.TransportError as e:
            raise errors.ImgsearchError(f"the imgsearch service at {self.url} did not answer ({e})") from None

    def get(self, path: str, **params):
        return self.request("GET", path, params={k: v for k, v in params.items() if v is not None})

    def post(self, path: str, json_body=None, **kw):
        return self.request("POST", path, json=json_body, **kw)

    def upload(self, path, kind: str) -> str | None:
        """Send a local file (labels CSV, class names, checkpoint) to the service's upload
        store; returns the `upload:<sha256>` reference an index request names it by."""
        from ..beneath import open_input
        if path is None or str(path).startswith("upload:"):
            return None if path is None else str(path)
        param = {"labels": "labels", "classes": "classes", "weights": "weights"}[kind]
        fd = open_input(path, 1 << 62, param, kind)   # a FIFO or a device: refused here too
        with os.fdopen(fd, "rb") as f:
            r = self.post("/uploads", None, params={"kind": kind},
                          files={"file": (Path(path).name, f, "application/octet-stream")})
        return r.json()["ref"]

    def collection(self, name: str, create: bool = False) -> CollectionAPI:
        from ..core.collection import check_name
        check_name(name)
        if not create:
            self.get(f"/collections/{name}")   # NotFound now, as a local open would
        return RemoteCollection(self, name)

    def collections(self) -> list[str]:
        return self.get("/collections").json()

    def delete_collection(self, name: str) -> None:
        from ..core.collection import check_name
        self.request("DELETE", f"/collections/{check_name(name)}")

    def compare(self, a: str, b: str, k: int = 10) -> Comparison:
        return Comparison(**self.get(f"/collections/{a}/compare/{b}", **sent(vr.CompareRequest, locals())).json())

    def aligned_maps(self, a: str, b: str, method: str = "umap") -> pd.DataFrame:
        return pd.DataFrame(self.get(f"/collections/{a}/compare/{b}/maps", method=method).json())

    def wait(self, job: Job, progress=None, poll: float = 0.25) -> Job:
        """Follow a job to its end, reporting (stage, done, total) as it goes."""
        while job.state in ("queued", "running"):
            time.sleep(poll)
            job = Job(**self.get(f"/jobs/{job.id}").json())
            if progress and job.stage:
                progress(job.stage, job.done, job.total)
        if job.state == "failed":
            raise errors.ImgsearchError(job.message or "the job failed")
        if job.state == "cancelled":
            raise errors.Cancelled(job.message or "the job was cancelled")
        return job

    def cancel(self, job_id: str) -> Job:
        """Ask the service to stop a job (a queued one never starts, a running one stops at
        its next safe point); returns the job as it is now."""
        return Job(**self.post(f"/jobs/{job_id}/cancel").json())

    def close(self) -> None:
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class RemoteCollection(RemoteSpaces, RemoteExports, NamedAnalyses):
    """A collection of a running service. Its spaces' verbs are in remote_spaces.py, its
    exports in remote_exports.py."""

    def __init__(self, client: RemoteClient, name: str):
        self.client, self.name = client, name
        self._base = f"/collections/{name}"
        self._space: str | None = None        # in_space(): every request names the space

    def close(self) -> None:   # the service keeps it open
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def _get(self, path="", **params):
        return self.client.get(self._base + path, **{"space": self._space, **params})

    def _post(self, path, body=None, **kw):
        if self._space:
            kw["params"] = {"space": self._space, **(kw.get("params") or {})}
        return self.client.post(self._base + path, body, **kw)

    # -- reads -----------------------------------------------------------------------
    def info(self) -> CollectionInfo:
        return CollectionInfo(**self._get().json())

    def skipped(self) -> list[SkippedFile]:
        return [SkippedFile(**r) for r in self._get("/skipped").json()]

    def columns(self) -> dict[str, str]:
        return self._get("/columns").json()

    def distinct(self, column: str) -> list:
        return self._get(f"/values/{column}").json()

    def tags(self) -> list[str]:
        return self._get("/tags").json()

    def table(self, where: str | None = None, columns: list[str] | None = None) -> pd.DataFrame:
        rows = self._get("/images", where=where, columns=columns, limit=1_000_000).json()
        return pd.DataFrame(rows, columns=columns) if columns and not rows else pd.DataFrame(rows)

    def ids(self, where: str | None = None, filters: dict | None = None) -> np.ndarray:
        found = self._get("/ids", where=where, filters=json.dumps(filters) if filters else None)
        return np.asarray(found.json(), dtype=np.int64)

    def image(self, image_id: int) -> ImageRecord:
        return ImageRecord(**self._get(f"/images/{int(image_id)}").json())

    def image_bytes(self, image_id: int) -> tuple[bytes, str]:
        r = self._get(f"/images/{int(image_id)}/file")
        return r.content, r.headers.get("content-type", "application/octet-stream")

    def thumbnail(self, image_id: int, size: int = 160) -> bytes:
        return self._get(f"/images/{int(image_id)}/thumbnail", size=size).content

    @takes(vr.SearchRequest, first=("query",))
    def search(self, query, **args) -> SearchResult:
        from PIL import Image
        from ..core.collection import Text
        filters, exclude_self = args["filters"], args["exclude_self"]
        args["space"] = args["space"] if args["space"] is not None else self._space
        if isinstance(query, Text):
            return SearchResult(**self._post("/search/text", {"text": str(query), **args}).json())
        if isinstance(query, (int, np.integer)) and not isinstance(query, bool):
            body = {"image_id": int(query), **args, "exclude_self": bool(exclude_self)}
        elif isinstance(query, (np.ndarray, list)):
            body = {"vector": np.asarray(query, dtype=np.float32).ravel().tolist(), **args}
        else:
            if isinstance(query, (str, Path)):
                if not Path(query).is_file():
                    raise errors.InvalidArgument(f"no such image file: {query}", param="image")
                data = Path(query).read_bytes()
            elif isinstance(query, Image.Image):
                buf = io.BytesIO()
                query.convert("RGB").save(buf, "PNG")
                data = buf.getvalue()
            else:
                data = bytes(query)
            # the upload's query parameters (min_score and exclude_self are not among them)
            params = {n: args[n] for n in ("k", "where", "rerank", "space")}
            form = {"filters": json.dumps(filters)} if filters else None
            r = self.client.post(self._base + "/search/image", None,
                                 params={a: b for a, b in params.items() if b is not None},
                                 files={"file": ("query", data)}, data=form)
            return SearchResult(**r.json())
        return SearchResult(**self._post("/search/vector", body).json())

    def map_points(self, method: str | None = None, columns: list[str] | None = None) -> MapPoints:
        return MapPoints(**self._get("/map", method=method, columns=columns).json())

    def map_frame(self, method: str | None = None,
                  columns: list[str] | None = None) -> tuple[pd.DataFrame, str, int, int]:
        """(DataFrame, method, unplaced, total) through the compact Arrow transport."""
        import pyarrow as pa
        r = self._get("/map", method=method, columns=columns, format="arrow")
        df = pa.ipc.open_stream(r.content).read_all().to_pandas()
        return df, r.headers["X-Map-Method"], int(r.headers["X-Unplaced"]), int(r.headers["X-Total"])

    def maps(self) -> list[str]:
        return self.info().maps

    # -- writes ----------------------------------------------------------------------
    def _job(self, path, body=None, progress=None, **params) -> Job:
        params = {"space": self._space, **params} if self._space else params
        job = Job(**self.client.post(self._base + path, body, params=params).json())
        return self.client.wait(job, progress)

    @with_signature(IndexRequest, first=("source",), last=(("progress", None),))
    def index(self, source, progress=None, **options) -> IndexReport:
        """Submit an index job (options: the fields of api.requests.IndexRequest) and follow
        it. Paths are sent as absolute paths of this machine; without the service's secret,
        labels, classes and weights are uploaded by their content (the source stays a server
        path, under the service's roots)."""
        args = python_args(IndexRequest, "index", options, skip=("source",))

        def absolute(p):
            return str(Path(p).resolve()) if p is not None else None

        labels, classes, weights = args["labels"], args["classes"], args["weights"]
        if getattr(self.client, "local", False):   # the service's own user: paths as they are
            labels = labels if labels == "folder" else absolute(labels)
            classes = absolute(classes)
            weights = weights if weights in (None, "random") else absolute(weights)
        else:            # files by their content; the source stays a server path (its roots)
            labels = labels if labels == "folder" else self.client.upload(labels, "labels")
            classes = self.client.upload(classes, "classes")
            weights = weights if weights == "random" else self.client.upload(weights, "weights")
        body = {**args, "source": absolute(source), "labels": labels, "classes": classes,
                "weights": weights, "allow_roots": [absolute(r) for r in args["allow_roots"]],
                "runner": args["runner"] or "local"}
        return IndexReport(**self._job("/index", body, progress).result)

    def build_map(self, method: str = "umap", pca_dims: int = 50, neighbors: int = 15,
                  min_dist: float = 0.1, seed: int = 0, refit: bool = False,
                  fit_sample: int = 50_000, supervised: bool = False,
                  target_weight: float = 0.5, progress=None) -> MapReport:
        body = MapRequest.model_construct(method=method, pca_dims=pca_dims, neighbors=neighbors,
                                          min_dist=min_dist, seed=seed, refit=refit,
                                          fit_sample=fit_sample, supervised=supervised,
                                          target_weight=target_weight)
        return MapReport(**self._job("/map", body.model_dump(), progress).result)

    def place_new(self, method: str = "umap") -> MapReport:
        return MapReport(**self._post("/map/place", params={"method": method}).json())

    @takes(vr.FsckRequest, last=(("progress", None),))
    def fsck(self, progress=None, **args) -> FsckReport:
        return FsckReport(**self._job("/fsck", None, progress, **args).result)

    @takes(vr.TagRequest)
    def tag(self, **args) -> int:
        return self._post("/tags", _ids(args)).json()

    @takes(vr.TagRequest)
    def untag(self, **args) -> int:
        return self._post("/untag", _ids(args)).json()

    @takes(vr.IdsRequest)
    def remove(self, **args) -> int:
        return self._post("/remove", _ids(args)).json()

    # -- analyses --------------------------------------------------------------------
    def confusion(self) -> Confusion:
        return Confusion(**self._get("/confusion").json())

    @takes(vr.ExplainRequest)
    def explain(self, image_id, **query) -> Explanation:
        return Explanation(**self._get(f"/explain/{int(image_id)}", **query).json())

    def analyse(self, name: str, save: bool = False, top: int | None = None, **params) -> Rows:
        """A registered analysis by name: saved first when asked (POST), then its rows (GET;
        of a ranked one, the first `top`)."""
        from ..analysis.registry import get
        analysis = get(name)
        params = {k: v for k, v in params.items() if v is not None}
        if save:
            self._post(f"/analyses/{analysis.name}", {"params": params})
        # every row unless top is given; the service checks top, as the local API does
        top = 1_000_000 if top is None and analysis.ranked else top
        query = params if top is None else {**params, "top": top}
        rows = self._get(f"/{analysis.name}", **query).json()
        return Rows[analysis.row](rows=[analysis.row(**r) for r in rows])

    @takes(vr.CompareRequest, first=("other",))
    def compare(self, other, **args) -> Comparison:
        name = other if isinstance(other, str) else other.name
        return self.client.compare(self.name, name, **args)

    # -- the user's predictions, and the embedding report ----------------------------
    @takes(vr.PredictionsRequest, first=("data",))
    def import_predictions(self, data, name, classes) -> PredictionImport:
        """Upload a CSV or Parquet file of predictions (a path, bytes with a name, or a
        DataFrame) to the service."""
        if isinstance(data, pd.DataFrame):
            buf = io.BytesIO()
            data.to_parquet(buf, index=False)
            data, name = buf.getvalue(), "predictions.parquet"
        elif not isinstance(data, (bytes, bytearray)):
            if not Path(data).is_file():
                raise errors.InvalidArgument(f"no such file: {data}", param="file")
            data, name = Path(data).read_bytes(), name or Path(data).name
        form = {"classes": json.dumps(list(classes))} if classes is not None else None
        r = self.client.post(self._base + "/predictions", None,
                             files={"file": (name or "predictions.csv", bytes(data))}, data=form)
        return PredictionImport(**r.json())

    @takes(vr.EvaluateRequest)
    def evaluate(self, **args) -> Evaluation:
        return Evaluation(**self._get("/evaluate", **args).json())


def _ids(args: dict) -> dict:
    """A request's fields with its image ids as plain ints (numpy's do not go into JSON)."""
    return {**args, "ids": [int(i) for i in args["ids"]]}
