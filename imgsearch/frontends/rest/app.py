"""The REST API: a thin FastAPI adapter over the Service (api/service.py).

Every route (routes/, one module per resource) calls a verb and returns its typed result;
errors become HTTP statuses here (404 not found, 422 invalid, 413 too large, 409
conflict/busy/mismatch/damaged). GETs never write. Who may ask, and how much, is decided
before FastAPI sees the request (guard.py): with IMGSEARCH_API_TOKEN set, every route but /healthz needs `Authorization: Bearer` (or the
service's own secret), and every body is capped. Lists in requests are capped too.
"""
from __future__ import annotations

import os

import math

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer
from fastapi_offline import FastAPIOffline

from ... import __version__
from ...api.query import MAX_UPLOAD_BYTES
from ...api.service import Service
from ...errors import ImgsearchError
from . import trust
from .limits import env_number
from .routes import include_all


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

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError):
        # FastAPI's own answer, but JSON can carry no NaN or infinity: an input such as
        # `"target_weight": NaN` is echoed as text instead of failing the response
        return JSONResponse(status_code=422, content={"detail": _finite(jsonable_encoder(
            exc.errors(), custom_encoder={float: repr}))})

    app.state.service, app.state.secret = service, secret
    include_all(app, api)
    return app


def _finite(value):
    """The value with every float that JSON cannot carry (NaN, infinities) as its text."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value
