"""Exports: the Metascatter CSV, Parquet, and a curated subset.

Metascatter's documented minimum is `Paths, X-Coord, Y-Coord` (every other column is metadata;
paths relative to a prefix typed in when loading). Its own sample script spells them
`Image_path, Labels, Prediction, Confidence, <method>_coords_0/1`: `spelling="sample"`.

CSV cells are data, never formulas: a text cell (label, prediction, split, tags, imported
metadata, and their headers) that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
is written with a leading `'`, as OWASP's CSV-injection guidance says, so a spreadsheet shows
`=HYPERLINK(...)` instead of running it. Paths are written as they are (Metascatter opens
them), and so are numbers (a numeric column, or a text cell that is a plain signed number).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .core.collection import Collection
from .errors import InvalidArgument, NotFound

METASCATTER_COLUMNS = ["label", "prediction", "confidence", "correct", "split", "cluster",
                       "outlier_score", "duplicate_group", "label_issue_score", "tags"]
_BUILTIN = {"image_id", "path", "sha256", "size_bytes", "width", "height", "added_at",
            *METASCATTER_COLUMNS}
SPELLINGS = ("documented", "sample")
PATH_COLUMNS = ("Paths", "Image_path", "path")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def coordinates(col: Collection, method: str) -> pd.DataFrame:
    if method not in col.manifest.maps:
        raise NotFound(f"collection {col.name!r} has no {method} map", param="method",
                       fix=f"run `imgsearch map --collection {col.name} --method {method}` first")
    return col.store.coords(method)


def metascatter(col: Collection, out, prefix=None, method: str = "umap", where: str | None = None,
                all_maps: bool = False, ids=None, spelling: str = "documented") -> pd.DataFrame:
    """Write the Metascatter CSV (to a path or a text buffer) and return it. `correct` is
    written Correct/Incorrect as in Metascatter's own example; tags as 'a;b'."""
    if spelling not in SPELLINGS:
        raise InvalidArgument(f"spelling must be one of {', '.join(SPELLINGS)}", param="spelling")
    xy = coordinates(col, method)
    table = _select(col.table(where), ids)
    df = table.merge(xy, on="image_id", how="inner")
    paths = _paths(df["path"], prefix)
    if spelling == "documented":
        out_df = pd.DataFrame({"Paths": paths, "X-Coord": df["x"], "Y-Coord": df["y"]})
    else:
        out_df = pd.DataFrame({"Image_path": paths, f"{method}_coords_0": df["x"],
                               f"{method}_coords_1": df["y"]})
    for c in METASCATTER_COLUMNS:
        out_df[c] = df[c]
    out_df["correct"] = df["correct"].map({True: "Correct", False: "Incorrect"})
    out_df["tags"] = df["tags"].map(lambda t: ";".join(t) if t is not None else "")
    if spelling == "sample":
        out_df = out_df.rename(columns={"label": "Labels", "prediction": "Prediction",
                                        "confidence": "Confidence"})
    for c in table.columns:
        if c not in _BUILTIN and c not in out_df:
            out_df[c] = df[c]
    if all_maps:  # every other stored map as another coordinate group
        for other in sorted(col.manifest.maps):
            if other != method:
                o = col.store.coords(other).set_index("image_id")
                out_df[f"{other}_coords_0"] = df["image_id"].map(o["x"]).to_numpy()
                out_df[f"{other}_coords_1"] = df["image_id"].map(o["y"]).to_numpy()
    out_df = neutralise(out_df)
    _write_csv(out_df, out)
    return out_df


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and headers cannot start a spreadsheet formula (paths and
    numbers untouched)."""
    out = df.rename(columns={c: _cell(c) for c in df.columns if c not in PATH_COLUMNS})
    for c in out.columns:
        if c not in PATH_COLUMNS and not pd.api.types.is_numeric_dtype(out[c]):
            out[c] = out[c].map(_cell)
    return out


def _cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _paths(paths: pd.Series, prefix) -> list[str]:
    """Relative to prefix when one is given, else absolute as stored."""
    if prefix and "\0" in str(prefix):
        raise InvalidArgument("prefix has a NUL byte", param="prefix")
    base = Path(prefix).resolve() if prefix else None
    return [os.path.relpath(p, base) if base else p for p in paths]


def _select(table: pd.DataFrame, ids) -> pd.DataFrame:
    if ids is None:
        return table
    try:
        wanted = np.asarray(list(ids), dtype=np.int64)
    except (OverflowError, ValueError, TypeError):
        raise InvalidArgument("ids must be image ids (64-bit integers)", param="ids") from None
    return table[table["image_id"].isin(wanted)]


def _write_csv(df: pd.DataFrame, out) -> None:
    """out may be a path or a text buffer (the app downloads without touching disk). Rows end
    in CRLF (RFC 4180), which also makes the writer quote a cell holding a lone carriage
    return: with "\n" endings it wrote it bare, and readers split the row there."""
    _write(out, lambda target: df.to_csv(target, index=False, lineterminator="\r\n"))


def _write(out, write) -> None:
    if not isinstance(out, (str, Path)):
        write(out)
        return
    try:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        write(out)
    except OSError as e:
        from .core.manifest import disk_error
        raise disk_error(Path(out), e) from None


def parquet(col: Collection, out, where: str | None = None) -> pd.DataFrame:
    """Every catalog column plus x/y for each stored map (columns <method>_x, <method>_y)."""
    df = col.table(where)
    for method in sorted(col.manifest.maps):
        xy = col.store.coords(method).set_index("image_id")
        df[f"{method}_x"] = df["image_id"].map(xy["x"])
        df[f"{method}_y"] = df["image_id"].map(xy["y"])
    _write(out, lambda target: df.to_parquet(target, index=False))
    return df


def subset_csv(col: Collection, out, where: str | None = None,
               exclude_tag: str | None = "exclude", prefix=None, ids=None) -> pd.DataFrame:
    """A curated subset: path + label (+ split), leaving out images tagged exclude_tag."""
    df = _select(col.table(where), ids)
    if exclude_tag:
        df = df[~df["tags"].map(lambda t: exclude_tag in list(t if t is not None else []))]
    out_df = neutralise(pd.DataFrame({"path": _paths(df["path"], prefix), "label": df["label"],
                                      "split": df["split"]}))
    _write_csv(out_df, out)
    return out_df
