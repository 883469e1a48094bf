"""The remote collection's exports (mixed into remote.RemoteCollection): the service writes
the Metascatter CSV, the Parquet file or the subset CSV into the response, and it is saved
here where asked (a path, or an open file)."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from . import verb_requests as vr
from .verb_requests import takes


class RemoteExports:
    """Needs `_get` (remote.RemoteCollection)."""

    def _export(self, kind, out, **params):
        content = self._get(f"/export/{kind}", **params).content
        if isinstance(out, (str, Path)):
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_bytes(content)
        elif isinstance(out, io.TextIOBase):
            out.write(content.decode())
        else:
            out.write(content)
        if kind == "parquet":
            return pd.read_parquet(io.BytesIO(content))
        return pd.read_csv(io.BytesIO(content)) if content.strip() else pd.DataFrame()

    @takes(vr.MetascatterRequest, first=("out",))
    def export_metascatter(self, out, **args) -> pd.DataFrame:
        return self._export("metascatter", out, **{**args, "prefix": _absolute(args["prefix"])})

    @takes(vr.ParquetRequest, first=("out",))
    def export_parquet(self, out, **args) -> pd.DataFrame:
        return self._export("parquet", out, **args)

    @takes(vr.SubsetRequest, first=("out",))
    def export_subset(self, out, **args) -> pd.DataFrame:
        return self._export("subset", out, **{**args, "exclude_tag": args["exclude_tag"] or "",
                                              "prefix": _absolute(args["prefix"])})


def _absolute(prefix) -> str | None:
    return str(Path(prefix).resolve()) if prefix else None
