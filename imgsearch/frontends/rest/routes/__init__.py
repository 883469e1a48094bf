"""The REST routes, one module per resource, each an APIRouter over the Service that
create_app (app.py) keeps in `app.state.service`. Routes are plain functions (FastAPI runs them
in its thread pool; the core is thread-safe); GETs never write. A new route goes in its
resource's module; a new resource is a module here, named in ROUTERS."""
from __future__ import annotations

import json

from fastapi import Query, Request

from ....errors import InvalidArgument
from ..limits import checked_filters

K = Query(10, ge=1, le=1000)
WHERE = Query(None, max_length=4000)
# (module, whether its routes need the token): included in this order
ROUTERS = (("health", False), ("collections", True), ("images", True), ("search", True),
           ("maps", True), ("jobs", True), ("curation", True), ("analyses", True),
           ("exports", True), ("spaces", True))


def service_of(request: Request):
    return request.app.state.service


def collection_of(request: Request, name: str):
    """The collection a route names, seen through the space its `space` query parameter
    names (every route that reads vectors then reads that space's)."""
    col = request.app.state.service.collection(name)
    space = request.query_params.get("space")
    return col.in_space(space) if space else col


def filters_form(text: str | None) -> dict | None:
    """{column: [values]} sent as a JSON text (a form field or a query parameter)."""
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        raise InvalidArgument("filters must be a JSON object of column: [values]", param="filters") from None
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise InvalidArgument("filters must be a JSON object of column: [values]", param="filters")
    return checked_filters(value)


def include_all(app, auth) -> None:
    """Every router, those that need the token with the `auth` dependency."""
    import importlib
    for name, needs_token in ROUTERS:
        module = importlib.import_module(f"{__name__}.{name}")
        router = module.make_router() if hasattr(module, "make_router") else module.router
        app.include_router(router, dependencies=[auth] if needs_token else [])
