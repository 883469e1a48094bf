"""A fitted map on disk: the joblib pickle of its reducers, signed with this user's key.

A UMAP reducer cannot be rebuilt from plain arrays (its transform needs the fitted
nearest-neighbour search index and graph), so it stays a pickle; a pickle runs code when it
is loaded. So every map file carries, after the pickle, a trailer line with an HMAC-SHA256
of everything before it (see core/signing.py), and a file is unpickled only when the trailer
verifies. A map planted by whoever can write the collection's folder, or written by an
imgsearch from before maps were signed, is refused like a map that no longer loads:
`imgsearch fsck --repair` (or `map --refit`) fits it again from its stored parameters.

The file is opened once, without following a symlink, and must be a regular file of this
user that nobody else may write: it is verified and unpickled from the same descriptor, so
it cannot change in between.
"""
from __future__ import annotations

import hmac
import os
import stat
from pathlib import Path

import joblib

from .. import signing
from ..atomic import atomic_write

_MARK = b"\n#imgsearch-map hmac-sha256 "
_TRAILER = len(_MARK) + 64 + 1


class Refused(ValueError):
    """The file is not a map this user's imgsearch wrote; the message says why."""


def _purpose(method: str) -> str:
    return f"imgsearch map {method} v1"


def save(fitted: dict, path: Path, method: str) -> None:
    """Write atomically (see imgsearch/atomic.py), 0600, never through a symlink."""
    def write(f):
        joblib.dump(fitted, f)
        f.flush()
        f.seek(0)
        mac = signing.signer(_purpose(method))
        for block in iter(lambda: f.read(1 << 20), b""):
            mac.update(block)
        f.write(_MARK + mac.hexdigest().encode() + b"\n")
    atomic_write(path, write, mode=0o600)


def load(path: Path, method: str):
    """The fitted map, only if its signature verifies; else Refused (or OSError)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as e:
        if os.path.islink(path):
            raise Refused("it is a symlink") from None
        raise
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise Refused("it is not a regular file")
        if st.st_uid != os.geteuid() or st.st_mode & 0o022:
            raise Refused("it is not a file of this user that only this user may write")
        size = st.st_size - _TRAILER
        if size <= 0:
            raise Refused("it carries no signature (written by an older imgsearch, or not by imgsearch)")
        f.seek(size)
        trailer = f.read(_TRAILER)
        if not (trailer.startswith(_MARK) and trailer.endswith(b"\n")):
            raise Refused("it carries no signature (written by an older imgsearch, or not by imgsearch)")
        mac = signing.signer(_purpose(method))
        f.seek(0)
        left = size
        while left:
            block = f.read(min(left, 1 << 20))
            if not block:
                raise Refused("it changed while it was read")
            mac.update(block)
            left -= len(block)
        if not hmac.compare_digest(mac.hexdigest().encode(), trailer[len(_MARK):-1]):
            raise Refused("its signature does not match this user's key (changed, or planted)")
        f.seek(0)
        return joblib.load(f)
