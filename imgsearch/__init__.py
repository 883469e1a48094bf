"""imgsearch: image similarity search and dataset exploration.

One core, every front end calls it: `connect()` gives a client whose collections have the
same verbs in this process or through a running service.

    import imgsearch
    col = imgsearch.open_collection("pets", create=True)
    report = col.index("photos/", labels="labels.csv")
    hits = col.search("query.jpg", k=10, where="label = 'dog'").to_frame()

Nothing heavy is imported here (no torch, no FAISS): `imgsearch --help` stays instant.
"""
from __future__ import annotations

from .config import Config
from .errors import (BadImage, BadQuery, Busy, CollectionNotFound, Conflict, Damaged,
                     ImgsearchError, InvalidArgument, ModelError, ModelMismatch, NotFound,
                     TooLarge)

__version__ = "0.2.0"
__all__ = ["connect", "open_collection", "index_images", "search", "list_collections",
           "Config", "ImgsearchError", "NotFound", "InvalidArgument", "TooLarge", "Conflict",
           "Busy", "ModelMismatch", "Damaged", "ModelError", "BadImage", "BadQuery",
           "CollectionNotFound", "DEFAULT_MODEL"]
DEFAULT_MODEL = "efficientnet-lite0"


def connect(home=None, **kwargs):
    """A client for IMGSEARCH_HOME (see client.py): remote when a service runs, else local."""
    from .client import connect as _connect
    return _connect(home, **kwargs)


def open_collection(name: str, create: bool = False, **config):
    """Open a collection in this process (the caller closes it: `with` works)."""
    from .api.local import Collection
    return Collection.open(name, Config.load(**config), create=create)


def list_collections(**config) -> list[str]:
    from .core.collection import list_collections as _list
    return _list(Config.load(**config).home)


def index_images(source, collection, **options):
    """Index a folder (recursively) or a CSV of paths into a collection, incrementally.
    options: the index parameters (the fields of api.requests.IndexRequest: model, weights,
    labels, index, ...) and settings for Config (home, workers, ...). Returns an IndexReport."""
    from .api.requests import IndexRequest
    asked = {k: options.pop(k) for k in list(options) if k in IndexRequest.model_fields}
    col = collection if not isinstance(collection, str) else open_collection(
        collection, create=True, **options)
    try:
        return col.index(source, **asked)
    finally:
        if isinstance(collection, str):
            col.close()


def search(collection, query, k: int = 10, where: str | None = None, rerank=None, **config):
    """Top-k similar images to an image path / bytes / PIL image, an indexed image_id, or a
    vector. Returns a SearchResult (`.to_frame()` for a DataFrame)."""
    col = collection if not isinstance(collection, str) else open_collection(collection, **config)
    try:
        return col.search(query, k=k, where=where, rerank=rerank)
    finally:
        if isinstance(collection, str):
            col.close()
