"""The 2-D map: its points (JSON or Arrow), fitting it (a job), placing new images."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ....results import Job, MapPoints, MapReport
from ..bodies import MapBody
from ..limits import unique_columns
from . import collection_of, service_of

router = APIRouter()


@router.get("/collections/{name}/map", tags=["map"], response_model=MapPoints)
def map_points(request: Request, name: str, method: str | None = None,
               columns: list[str] | None = Query(None),
               format: str = Query("json", pattern="^(json|arrow)$")):
    columns = unique_columns(columns)
    if format == "json":
        return collection_of(request, name).map_points(method, columns)
    from ....analysis.maps import map_frame
    df, method, unplaced, total = map_frame(collection_of(request, name), method, columns)
    return Response(_arrow(df), media_type="application/vnd.apache.arrow.stream",
                    headers={"X-Map-Method": method, "X-Unplaced": str(unplaced),
                             "X-Total": str(total)})


@router.post("/collections/{name}/map", response_model=Job, status_code=202, tags=["jobs"])
def build_map(request: Request, name: str, body: MapBody,
              space: str | None = Query(None, max_length=64, description=(
                  "The collection's embedding space to map (default: its own)."))):
    from ....analysis.maps import check_params
    # refused before anything is queued: the map's parameters, and the space (it must exist)
    args = body.model_dump()
    check_params(args["method"], args["pca_dims"], args["neighbors"], args["min_dist"],
                 args["seed"], args["supervised"], args["target_weight"])
    if space:
        collection_of(request, name)
    return service_of(request).submit("map", name, lambda c, progress: c.in_space(space).build_map(
        progress=progress, **args))


@router.post("/collections/{name}/map/place", response_model=MapReport, tags=["map"])
def place(request: Request, name: str, method: str = "umap"):
    return collection_of(request, name).place_new(method)


def _arrow(df) -> bytes:
    import pyarrow as pa
    table = pa.Table.from_pandas(df, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()
