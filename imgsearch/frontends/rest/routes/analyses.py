"""Analyses (GET computes only; POST .../analyses/<name> stores the per-image column): one
route per registered analysis (analysis/registry.py), then the ones with results of their
own shape: confusion, explain, compare, predictions, evaluate (their query parameters are
their request models, api/verb_requests.py).

(No `from __future__ import annotations` here: the routes made per analysis name their
parameters model in annotations FastAPI reads at run time.)"""
import json
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from pydantic import ValidationError

from ....analysis.registry import analyses, get
from ....api.query import read_upload
from ....api.verb_requests import CompareRequest, EvaluateRequest, ExplainRequest, without
from ....errors import InvalidArgument
from ....results import Comparison, Confusion, Evaluation, Explanation, PredictionImport, records
from ..bodies import AnalysisBody, AnalysisParams
from . import collection_of

router = APIRouter(tags=["analyses"])
ExplainQuery = without(ExplainRequest, "image_id")    # the image is in the path
TOP = Query(100, ge=1, le=1_000_000)


def make_router() -> APIRouter:
    """The routes of the analyses registered now, then the others."""
    made = APIRouter(tags=["analyses"])
    for analysis in analyses().values():
        _route(made, analysis)
    made.include_router(router)
    return made


def _route(made: APIRouter, analysis) -> None:
    """GET /collections/{name}/<analysis>: its rows (the first `top` of a ranked one)."""
    params_model = analysis.params

    def rows(request: Request, name: str, params, top=None):
        found = collection_of(request, name).analyse(analysis.name, top=top,
                                                     **params.model_dump()).rows
        return [r.model_dump() for r in found]

    if analysis.ranked:
        def run(request: Request, name: str, params: Annotated[params_model, Query()],
                top: int = TOP):
            return rows(request, name, params, top)
    else:
        def run(request: Request, name: str, params: Annotated[params_model, Query()]):
            # refused as the Python API refuses it, not ignored as an unknown query parameter
            # would be: rows cut at a `top` that was never applied would mislead
            return rows(request, name, params, request.query_params.get("top"))
    made.add_api_route(f"/collections/{{name}}/{analysis.name}", run, methods=["GET"],
                         response_model=list[dict], name=analysis.verb(),
                         description=analysis.help or None)


@router.post("/collections/{name}/analyses/{kind}", response_model=int)
def save_analysis(request: Request, name: str, kind: str, body: AnalysisBody):
    analysis = get(kind) if kind in analyses() else None
    if analysis is None:
        from ....errors import NotFound
        raise NotFound(f"no analysis {kind!r}; choose {', '.join(analyses())}", param="kind")
    params = body.params.model_dump(exclude_none=True)
    allowed = set(analysis.params.model_fields)
    extra = set(params) - allowed
    if extra:
        raise InvalidArgument(f"{kind} takes {', '.join(sorted(allowed))}, not "
                              f"{', '.join(sorted(extra))}", param="params")
    _check_own(analysis, {k: v for k, v in params.items() if k not in AnalysisParams.model_fields})
    return len(collection_of(request, name).analyse(kind, save=True, **params))


def _check_own(analysis, given: dict) -> None:
    """Parameters the shared body does not know, checked against the analysis's own model."""
    try:
        analysis.params.model_validate(given)
    except ValidationError as e:
        for error in e.errors():
            where = str(error["loc"][0]) if error["loc"] else "params"
            if where in given:
                raise InvalidArgument(f"{where}: {error['msg']}", param=where) from None


@router.get("/collections/{name}/confusion", response_model=Confusion)
def confusion(request: Request, name: str):
    return collection_of(request, name).confusion()


@router.get("/collections/{name}/explain/{image_id}", response_model=Explanation)
def explain(request: Request, name: str, image_id: int,
            params: Annotated[ExplainQuery, Query()]):
    return collection_of(request, name).explain(image_id, **dict(params))


@router.get("/collections/{name}/compare/{other}", response_model=Comparison)
def compare(request: Request, name: str, other: str, params: Annotated[CompareRequest, Query()]):
    return collection_of(request, name).compare(collection_of(request, other), **dict(params))


@router.get("/collections/{name}/compare/{other}/maps", response_model=list[dict])
def compare_maps(request: Request, name: str, other: str, method: str = "umap"):
    from ....analysis.compare import aligned_maps
    return records(aligned_maps(collection_of(request, name), collection_of(request, other), method))


# -- the user's labels and predictions: import, and how good the embedding is -------------
@router.post("/collections/{name}/predictions", response_model=PredictionImport)
def import_predictions(request: Request, name: str, file: UploadFile = File(...),
                       classes: str | None = Form(None)):
    """Your predictions per image: a CSV or Parquet upload (by its file name) of path,
    prediction[, confidence][, prob_<class>...]; classes: a JSON list naming the
    entries of a list column of probabilities."""
    data = read_upload(file.file)
    try:
        names = json.loads(classes) if classes else None
    except ValueError:
        names = False
    if names is not None and not (isinstance(names, list) and all(isinstance(c, str) for c in names)):
        raise InvalidArgument("classes must be a JSON list of names", param="classes")
    return collection_of(request, name).import_predictions(data, file.filename or "upload.csv", names)


@router.get("/collections/{name}/evaluate", response_model=Evaluation)
def evaluate(request: Request, name: str, params: Annotated[EvaluateRequest, Query()]):
    return collection_of(request, name).evaluate(**dict(params))
