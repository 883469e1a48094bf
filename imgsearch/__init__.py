"""imgsearch: image similarity search and dataset exploration.

The public verbs; every front end (CLI, Streamlit, REST) calls only these.

    col = open_collection("pets")
    report = index_images("photos/", "pets", labels="labels.csv")
    hits = search("pets", "query.jpg", k=10, where="label = 'dog'")
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .collection import Collection, FsckReport, list_collections
from .config import Config
from .errors import (BadImage, BadQuery, CollectionNotFound, ImgsearchError, ModelError,
                     ModelMismatch)
from .indexer import IndexReport
from .models import DEFAULT_MODEL, available_models, load_model
from . import analysis, curation, export, maps  # noqa: E402  (the map, analysis and export stages)

__all__ = ["analysis", "curation", "export", "maps", "open_collection", "index_images", "search", "list_collections", "load_model",
           "available_models", "Collection", "Config", "IndexReport", "FsckReport",
           "ImgsearchError", "BadImage", "BadQuery", "CollectionNotFound", "ModelError",
           "ModelMismatch", "DEFAULT_MODEL"]
__version__ = "0.1.0"


def open_collection(name: str, create: bool = False, **config) -> Collection:
    """Open a collection under IMGSEARCH_HOME (default ./indexes)."""
    return Collection.open(name, Config.load(**config), create=create)


def index_images(source: str | Path, collection: str | Collection, model: str | None = None,
                 weights: str | None = None, layer: str | None = None,
                 classes: str | None = None, size: int | None = None,
                 labels: str | Path | None = None, prune: bool = False,
                 index: str | None = None, **config) -> IndexReport:
    """Index a folder (recursively) or a CSV of paths into a collection, incrementally.

    The first run fixes the collection's model; later runs reuse it, and a different
    model is refused. Re-running resumes an interrupted run. index: auto (default: flat
    below config.flat_threshold vectors, then HNSW, or IVF-PQ when memory_budget is short),
    flat, hnsw or ivfpq.
    """
    from .ann import ensure_index
    from .indexer import index_source
    col = collection if isinstance(collection, Collection) else open_collection(
        collection, create=True, **config)
    try:
        requested = any(v is not None for v in (model, weights, layer, classes, size))
        if requested or not col.manifest.get("model_args"):
            args = {"name": model or DEFAULT_MODEL, "weights": _abs(weights), "layer": layer,
                    "classes": _abs(classes), "size": size or 32}
            col.use_model(load_model(device=col.cfg.device, **args), args)
        else:
            col.use_model(col.model(), col.manifest["model_args"])
        report = index_source(col, source, labels=labels, prune=prune)
        ensure_index(col, index)
        return report
    finally:
        if not isinstance(collection, Collection):
            col.close()


def search(collection: str | Collection, query, k: int = 10, where: str | None = None,
           **config) -> pd.DataFrame:
    """Top-k similar images to an image path/bytes/PIL image, an indexed image_id, or a vector."""
    col = collection if isinstance(collection, Collection) else open_collection(collection, **config)
    try:
        return col.search(query, k=k, where=where)
    finally:
        if not isinstance(collection, Collection):
            col.close()


def _abs(path: str | None) -> str | None:
    return str(Path(path).resolve()) if path is not None else None
