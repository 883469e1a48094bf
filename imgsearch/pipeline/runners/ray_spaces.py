"""The Ray runner for a space: `imgsearch index DIR -c NAME --space S --runner ray`.

A space embeds images the collection has already catalogued, so there is no plan to make and
no catalog row to write: the rows to embed go through the Ray runner's own pipeline (decode
tasks, an actor pool of the space's model: runners/ray.py) and come back as the local runner's
batches (embed.Embedded), which pipeline/spaces.py adds to the space at its checkpoints as it
does for the local runner. A run cut short keeps the vectors saved at the last checkpoint; the
next run embeds the rest (batches in flight are embedded again, nothing is staged).
"""
from __future__ import annotations

from typing import Iterator

import numpy as np
import pandas as pd

from ..embed import Embedded


def embed_items_ray(items: list[tuple[int, str]], model, cfg, ray_address: str | None = None,
                    actors: int | None = None) -> Iterator[Embedded]:
    """Yield one Embedded per batch the cluster returns (in the order they finish)."""
    from .ray import _pipeline, connect
    if not items:
        return
    ray = connect(ray_address)
    ids, paths = zip(*items)
    n = len(items)
    # decode_rows carries the catalog's file columns through; a space has no use for them
    rows = pd.DataFrame({"image_id": np.asarray(ids, np.int64), "path": list(paths),
                         "sha256": [""] * n, "size": np.zeros(n, np.int64),
                         "mtime": np.zeros(n, np.float64)})
    for batch in _pipeline(ray, rows, model, cfg, actors, {}):
        got = batch["image_id"].astype(np.int64)
        errors = [e if isinstance(e, str) else "" for e in batch["error"]]
        ok = np.array([not e for e in errors], dtype=bool)
        predictions = None
        if model.classes is not None and any(p is not None for p in batch["prediction"][ok]):
            predictions = [str(p) for p in batch["prediction"][ok]]
        yield Embedded(ids=got[ok], features=np.asarray(batch["vector"][ok], np.float32),
                       widths=batch["width"][ok], heights=batch["height"][ok],
                       predictions=predictions,
                       confidences=np.asarray(batch["confidence"][ok], np.float32),
                       bad=[(int(i), e) for i, e in zip(got, errors) if e])
