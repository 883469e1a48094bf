"""Collection-level post-processing of raw model features.

The parameters are learned on the collection when it is indexed and stored with it (the
manifest names them; the arrays sit in `postprocess.npz`), then applied to every stored
vector and every query, so both always live in the same space. None means raw features.
"""
from __future__ import annotations

import numpy as np


def apply(params: dict | None, x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if not params or params.get("method", "none") == "none":
        return x
    raise NotImplementedError(params.get("method"))
