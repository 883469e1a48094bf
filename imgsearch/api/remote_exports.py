"""The remote collection's exports (mixed into remote.RemoteCollection): the service writes
the Metascatter CSV, the Parquet file or the subset CSV into the response, and it is saved
here where asked (a path, or an open file)."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .verb_requests import MetascatterRequest, ParquetRequest, SubsetRequest, sent


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

    def export_metascatter(self, out, prefix=None, method: str = "umap", where: str | None = None,
                           all_maps: bool = False, ids=None,
                           spelling: str = "documented") -> pd.DataFrame:
        return self._export("metascatter", out, **{**sent(MetascatterRequest, locals()),
                                                   "prefix": _absolute(prefix)})

    def export_parquet(self, out, where: str | None = None) -> pd.DataFrame:
        return self._export("parquet", out, **sent(ParquetRequest, locals()))

    def export_subset(self, out, where: str | None = None, exclude_tag: str | None = "exclude",
                      prefix=None, ids=None) -> pd.DataFrame:
        return self._export("subset", out, **{**sent(SubsetRequest, locals()),
                                              "exclude_tag": exclude_tag or "",
                                              "prefix": _absolute(prefix)})


def _absolute(prefix) -> str | None:
    return str(Path(prefix).resolve()) if prefix else None
