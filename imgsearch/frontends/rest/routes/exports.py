"""Exports: Metascatter CSV, Parquet, or a curated subset, as the response body. The query
parameters are the export requests' fields (api/verb_requests.py), all three together.

(No `from __future__ import annotations` here: FastAPI reads the query model from the
annotation at run time.)"""
import io
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ....api.verb_requests import (MetascatterRequest, ParquetRequest, SubsetRequest, merged,
                                   sent)
from ....errors import NotFound
from . import collection_of

router = APIRouter(tags=["export"])
ExportQuery = merged("ExportQuery", MetascatterRequest, ParquetRequest, SubsetRequest)


@router.get("/collections/{name}/export/{kind}", response_class=Response)
def export(request: Request, name: str, kind: str, params: Annotated[ExportQuery, Query()]):
    target, given = collection_of(request, name), dict(params)
    if kind == "parquet":
        buf = io.BytesIO()
        target.export_parquet(buf, **sent(ParquetRequest, given))
        return Response(buf.getvalue(), media_type="application/vnd.apache.parquet")
    buf = io.StringIO()
    if kind == "metascatter":
        target.export_metascatter(buf, **sent(MetascatterRequest, given))
    elif kind == "subset":
        target.export_subset(buf, **{**sent(SubsetRequest, given),
                                     "exclude_tag": given["exclude_tag"] or None})
    else:
        raise NotFound(f"no export {kind!r}; choose metascatter, parquet or subset", param="kind")
    return Response(buf.getvalue(), media_type="text/csv")
