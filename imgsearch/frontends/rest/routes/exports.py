"""Exports: Metascatter CSV, Parquet, or a curated subset, as the response body."""
from __future__ import annotations

import io

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ....errors import NotFound
from ..limits import MAX_IDS, ImageId
from . import WHERE, collection_of

router = APIRouter(tags=["export"])


@router.get("/collections/{name}/export/{kind}", response_class=Response)
def export(request: Request, name: str, kind: str, where: str | None = WHERE,
           prefix: str | None = None, method: str = "umap", all_maps: bool = False,
           spelling: str = "documented", exclude_tag: str | None = "exclude",
           ids: list[ImageId] | None = Query(None, max_length=MAX_IDS)):
    target = collection_of(request, name)
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
        raise NotFound(f"no export {kind!r}; choose metascatter, parquet or subset", param="kind")
    return Response(buf.getvalue(), media_type="text/csv")
