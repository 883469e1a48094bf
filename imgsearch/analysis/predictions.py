"""The user's own predictions, brought in from a file their training pipeline wrote.

    imgsearch import-predictions -c pets preds.csv      # or .parquet

One row per image, keyed by `path` (absolute, or relative to an indexed folder), with
`prediction`, an optional `confidence`, and optional class probabilities: either one
`prob_<class>` column per class, or one list column (`probs` / `probabilities`, in the order
of `classes`, or else of the sorted class names the file's predictions and the collection's
labels use). Without `confidence`, the probability of the predicted class is taken; without
`prediction`, the most probable class. Rows that match no indexed image are counted and the
first few are named.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Conflict, InvalidArgument
from ..results import PredictionImport

LIST_COLUMNS = ("probs", "probabilities", "pred_probs", "prob")
HOW_TO_ADD = ("no predictions of yours in this collection (the default model's ImageNet guesses "
              "are in imagenet_prediction, not used here): add them with `imgsearch "
              "import-predictions -c NAME preds.csv` (path, prediction[, confidence, prob_<class>]) "
              "or index with your checkpoint (--weights W --classes C)")


class NoPredictions(Conflict):
    """The analysis needs the user's predictions and the collection has none."""


def require_predictions(col) -> None:
    if col.store.prediction_count() == 0:
        raise NoPredictions(HOW_TO_ADD, param="collection")


def space_predictions(col) -> pd.DataFrame | None:
    """The class predictions of the space `col` is seen through: None for the default space
    (its predictions are the catalog's columns), else the space's own file (image_id,
    prediction, confidence; empty when its model has no head over the user's classes), kept
    to the images the catalog still indexes."""
    from ..core import spaces
    if col.space_name == spaces.DEFAULT:
        return None
    path = col.dir / spaces.PREDICTIONS
    if not path.exists():
        return pd.DataFrame({"image_id": pd.Series(dtype="int64"),
                             "prediction": pd.Series(dtype="string"),
                             "confidence": pd.Series(dtype="float64")})
    own = pd.read_parquet(path, columns=["image_id", "prediction", "confidence"])
    return own[own["image_id"].isin(col.store.ids())].reset_index(drop=True)


def no_space_predictions(col) -> NoPredictions:
    return NoPredictions(f"space {col.space_name!r} of {col.name!r} has no class predictions of "
                         "its own (its model has no head over your classes)", param="space",
                         fix=f"index the space with your checkpoint and its classes (`imgsearch "
                             f"index DIR -c {col.name} --space {col.space_name} --weights W "
                             "--classes C`), or leave out --space for the collection's own")


def read_table(data, name: str) -> pd.DataFrame:
    """A CSV or Parquet file (a path, or bytes with its file name) as a DataFrame."""
    suffix = Path(name).suffix.lower()
    source = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    try:
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(source)
        if suffix == ".csv":
            return pd.read_csv(source, encoding_errors="replace")
    except Exception as e:   # readers raise many kinds for a damaged file
        raise InvalidArgument(f"cannot read {Path(name).name}: {str(e)[:160]}", param="file") from None
    raise InvalidArgument(f"{Path(name).name}: give a .csv or .parquet file", param="file")


def _class_probabilities(df: pd.DataFrame, classes, known) -> tuple[list[str] | None, np.ndarray | None]:
    prob_cols = [c for c in df.columns if str(c).startswith("prob_")]
    list_col = next((c for c in df.columns if str(c).lower() in LIST_COLUMNS), None)
    if prob_cols:
        names = [str(c)[len("prob_"):] for c in prob_cols]
        probs = df[prob_cols].apply(pd.to_numeric, errors="coerce").to_numpy(np.float64)
    elif list_col is not None:
        rows = [np.asarray(v, dtype=np.float64) if isinstance(v, (list, tuple, np.ndarray))
                else np.asarray(_parse_list(v), dtype=np.float64) for v in df[list_col]]
        width = {len(r) for r in rows}
        if len(width) != 1:
            raise InvalidArgument(f"column {list_col!r} has lists of {sorted(width)[:5]} lengths: "
                                  "every row needs one probability per class", param="file")
        probs = np.vstack(rows) if rows else np.zeros((0, 0))
        names = list(classes) if classes is not None else sorted(known, key=str)
        if len(names) != probs.shape[1]:
            raise InvalidArgument(f"column {list_col!r} has {probs.shape[1]} probabilities per row "
                                  f"but {len(names)} classes are known", param="classes",
                                  fix="give the class names in their order (classes=[...], "
                                      "--classes FILE), or use prob_<class> columns")
    else:
        return None, None
    return names, probs


def _parse_list(text) -> list:
    import json
    try:
        return json.loads(str(text))
    except ValueError:
        raise InvalidArgument(f"cannot read {str(text)[:40]!r} as a list of probabilities",
                              param="file") from None


def _match_paths(col, paths: pd.Series) -> np.ndarray:
    """image_id per row (-1 where none): absolute paths as they are, relative ones under each
    indexed folder (the first that has the image)."""
    files = col.store.files()
    files = files[files["state"] == "indexed"]
    by_path = dict(zip(files["path"], files["image_id"]))
    roots = [str(r) for r in col.manifest.roots]
    out = np.full(len(paths), -1, dtype=np.int64)
    for i, p in enumerate(paths.astype(str)):
        candidates = [p] if os.path.isabs(p) else [os.path.normpath(os.path.join(r, p)) for r in roots]
        for c in candidates:
            if c in by_path:
                out[i] = by_path[c]
                break
    return out


def import_predictions(col, data, name: str | None = None, classes=None) -> PredictionImport:
    """Set the user's predictions (and class probabilities) from a table, a file path, or
    the bytes of a file called `name`."""
    from ..core.store import PATH_COLUMN_NAMES
    if isinstance(data, pd.DataFrame):
        df = data.copy()
    else:
        name = name or str(data)
        df = read_table(data, name)
    df.columns = [str(c).strip() for c in df.columns]
    by_lower = {c.lower(): c for c in df.columns}
    path_col = next((by_lower[n] for n in PATH_COLUMN_NAMES if n in by_lower), None)
    if path_col is None:
        raise InvalidArgument(f"the predictions need a path column (one of: "
                              f"{', '.join(PATH_COLUMN_NAMES)})", param="file")
    df = df[df[path_col].notna()].reset_index(drop=True)
    pred_col, conf_col = by_lower.get("prediction"), by_lower.get("confidence")
    labels = col.store.value_counts("label")
    known = set(labels) | (set(df[pred_col].dropna().astype(str)) if pred_col else set())
    names, probs = _class_probabilities(df, classes, known)
    if pred_col is None and probs is None:
        raise InvalidArgument("the predictions need a prediction column (or class "
                              "probabilities: prob_<class> columns)", param="file")
    ids = _match_paths(col, df[path_col])
    matched = ids >= 0
    if probs is not None:
        given = ~np.isnan(probs).all(axis=1)      # a row may come without probabilities
        bad = matched & given & (~np.isfinite(probs).all(axis=1) | (probs < 0).any(axis=1))
        if bad.any():
            raise InvalidArgument(f"class probabilities must be numbers >= 0 (row "
                                  f"{int(np.argmax(bad)) + 2}: {str(df[path_col][bad].iloc[0])[:80]})",
                                  param="file")
        sums = probs.sum(axis=1, keepdims=True)
        probs = np.divide(probs, sums, out=np.full_like(probs, np.nan), where=sums > 0)
    prediction = (df[pred_col].astype("string") if pred_col is not None else pd.Series(
        [names[int(np.argmax(p))] if np.isfinite(p).all() else None for p in probs], dtype="string"))
    if conf_col is not None:
        confidence = pd.to_numeric(df[conf_col], errors="coerce").astype(float)
    elif probs is not None:
        index = {n: j for j, n in enumerate(names)}
        confidence = pd.Series([probs[i, index[p]] if p in index else np.nan
                                for i, p in enumerate(prediction.fillna("").astype(str))])
    else:
        confidence = pd.Series(np.nan, index=df.index)
    repeated = pd.Series(ids[matched]).duplicated(keep="last").to_numpy()
    table = pd.DataFrame({"image_id": ids[matched], "prediction": prediction[matched].to_numpy(),
                          "confidence": confidence[matched].to_numpy()})
    if probs is not None:
        table["probs"] = [p if np.isfinite(p).all() else None for p in probs[matched]]
    table = table[~repeated]
    if table.empty:
        raise Conflict(f"none of the {len(df)} rows matches an indexed image (first: "
                       f"{str(df[path_col].iloc[0])[:120] if len(df) else '-'})", param="file",
                       fix="paths must be absolute or relative to an indexed folder: "
                           + ", ".join(str(r) for r in col.manifest.roots[:3]))
    with col.write_lock():
        col.store.set_predictions(table, names)
    unmatched = df[path_col][~matched].astype(str)
    notes = []
    if repeated.any():
        notes.append(f"{int(repeated.sum())} repeated paths: the last row wins")
    if names is not None and set(labels) - set(names):
        missing = sorted(set(labels) - set(names))
        notes.append(f"{len(missing)} labels have no probability column "
                     f"({', '.join(missing[:5])}): confident learning uses the linear probe")
    return PredictionImport(rows=len(df), matched=len(table), unmatched=int((~matched).sum()),
                            unmatched_examples=unmatched.head(5).tolist(),
                            with_probabilities=names is not None, classes=names or [],
                            notes=notes)
