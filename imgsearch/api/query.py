"""A search query, decoded: files, bytes and uploads become an RGB image here, once, with the
configuration's limits, before the core turns it into a vector. Every front end comes through
here (the local verbs, the REST upload route); ids, vectors and text pass unchanged.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import InvalidArgument, TooLarge

MAX_UPLOAD_BYTES = 20 << 20      # an uploaded query image
UPLOAD_PIXELS = 50_000_000       # at most this many pixels decoded for an uploaded query


def decoded(col, query):
    """The query as the core searches it: an id, a vector or a Text as given; an image path,
    bytes or a PIL image as an RGB image, decoded within the collection's limits."""
    from PIL import Image
    from ..core.search import Text
    if isinstance(query, (Text, np.ndarray, list, np.integer, int)) and not isinstance(query, bool):
        return query
    if isinstance(query, (str, Path)):
        from ..beneath import read_file
        if not Path(query).is_file():
            raise InvalidArgument(f"no such image file: {query}", param="image")
        query = read_file(str(query), col.cfg.max_file_bytes)
    if isinstance(query, (bytes, bytearray)):
        from ..pipeline.decode import Limits
        return _decode(bytes(query), Limits.from_config(col.cfg), _draft(col))
    if isinstance(query, Image.Image):
        from ..pipeline.decode import to_rgb
        return to_rgb(query)
    raise InvalidArgument(f"cannot search by {type(query).__name__}", param="query")


def read_upload(stream) -> bytes:
    """An uploaded file's bytes (a file object), at most MAX_UPLOAD_BYTES."""
    data = stream.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise TooLarge(f"the upload is over {MAX_UPLOAD_BYTES >> 20} MB", param="file")
    return data


def uploaded(col, data: bytes):
    """An uploaded query image as an RGB image: at most UPLOAD_PIXELS decoded, and a bounded
    number of uploads decoding at once."""
    from ..pipeline.decode import Limits
    from ..pipeline.thumbnails import decoding_slot
    limits = Limits(min(UPLOAD_PIXELS, col.cfg.max_pixels), col.cfg.max_decode_mb << 20)
    draft = _draft(col)
    with decoding_slot():     # bounded: concurrent uploads cannot decode without limit
        return _decode(data, limits, draft)


def _draft(col):
    from ..pipeline.batches import draft_size
    return draft_size(col.model())     # JPEGs at the reduced scale the model needs


def _decode(data: bytes, limits, draft):
    from ..pipeline.decode import decode, to_rgb
    return to_rgb(decode(data, limits, draft).image)


def vectors_upload(data, paths, name: str | None) -> dict:
    """The multipart files of an import of vectors: the vectors file (a path, or bytes with
    its name) and, for an .npy matrix, its paths (a file, a list, or bytes)."""
    def read(p, param):
        if not Path(p).is_file():
            raise InvalidArgument(f"no such file: {p}", param=param)
        return Path(p).read_bytes()
    if not isinstance(data, (bytes, bytearray)):
        data, name = read(data, "file"), name or Path(data).name
    files = {"file": (name or "vectors.parquet", bytes(data))}
    if paths is not None:
        paths = ("\n".join(map(str, paths)).encode() if isinstance(paths, (list, tuple))
                 else paths if isinstance(paths, (bytes, bytearray)) else read(paths, "paths"))
        files["paths"] = ("paths.txt", bytes(paths))
    return files
