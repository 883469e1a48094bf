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


def index_images(source, collection, model=None, weights=None, layer=None, classes=None,
                 size=None, runtime=None, labels=None, prune=False, index=None, allow_roots=(),
                 postprocess=None, pooling=None, view=None, runner=None, **config):
    """Index a folder (recursively) or a CSV of paths into a collection, incrementally.
    Returns an IndexReport."""
    col = collection if not isinstance(collection, str) else open_collection(
        collection, create=True, **config)
    try:
        return col.index(source, model=model, weights=weights, layer=layer, classes=classes,
                         size=size, runtime=runtime, labels=labels, prune=prune, index=index,
                         allow_roots=allow_roots, postprocess=postprocess, pooling=pooling,
                         view=view, runner=runner)
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
