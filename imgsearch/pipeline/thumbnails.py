"""Thumbnails of indexed images as JPEG bytes, decoded under the same limits as indexing and
kept in a bounded in-memory cache (a map's hover and galleries ask for the same ones often)."""
from __future__ import annotations

import io
import os
import threading
from collections import OrderedDict

from ..errors import InvalidArgument
from .decode import Limits, decode
from ..beneath import read_fd

MAX_SIZE = 1024
_CACHE: OrderedDict = OrderedDict()
_CACHE_BYTES = [0]
_LIMIT_BYTES = 64 << 20
_lock = threading.Lock()
_decoding = threading.BoundedSemaphore(4)   # concurrent decodes (uploads and thumbnails)


def thumbnail(col, image_id: int, size: int = 160) -> bytes:
    if not 16 <= int(size) <= MAX_SIZE:
        raise InvalidArgument(f"size must be between 16 and {MAX_SIZE}", param="size")
    fd, st, path = col.open_file(image_id)        # opened once: the bytes come from fd
    key = (path, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size, int(size))
    with _lock:
        if key in _CACHE:
            os.close(fd)
            _CACHE.move_to_end(key)
            return _CACHE[key]
    data = make(read_fd(fd, col.cfg.max_file_bytes), Limits.from_config(col.cfg), size)
    with _lock:
        _CACHE[key] = data
        _CACHE_BYTES[0] += len(data)
        while _CACHE_BYTES[0] > _LIMIT_BYTES and _CACHE:
            _, old = _CACHE.popitem(last=False)
            _CACHE_BYTES[0] -= len(old)
    return data


def make(data: bytes, limits: Limits, size: int = 160) -> bytes:
    with _decoding:
        img = decode(data, limits, draft_short_side=size).image
        img.thumbnail((size, size))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def decoding_slot():
    """The semaphore that bounds concurrent decodes (uploads use it too)."""
    return _decoding
