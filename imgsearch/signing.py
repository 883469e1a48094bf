"""A per-user secret key that vouches for files imgsearch wrote itself and will later trust:
a fitted map (a pickle: loading it can run code) and an ONNX export's card (which says what
model a file is). Whoever can write a collection home or the cache cannot forge a signature
without this key, so a planted file is refused instead of run or believed.

The key lives outside every home and cache: $IMGSEARCH_KEY_FILE when set, else
$XDG_CONFIG_HOME/imgsearch/signing.key (~/.config/imgsearch/signing.key). It is created on
first use (32 random bytes, mode 0600, folder 0700) and must stay a regular file owned by
this user and unreadable by others; anything else is refused with the fix.
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
import threading
from pathlib import Path

from .atomic import atomic_write
from .errors import ImgsearchError

KEY_BYTES = 32
_keys: dict[str, bytes] = {}
_lock = threading.Lock()


class KeyProblem(ImgsearchError):
    """The signing key cannot be created or is not private to this user."""


def key_path() -> Path:
    named = os.environ.get("IMGSEARCH_KEY_FILE")
    if named:
        return Path(named)
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "imgsearch" / "signing.key"


def key() -> bytes:
    """This user's key, read once per process (and created the first time ever)."""
    path = key_path()
    with _lock:
        if str(path) not in _keys:
            if not os.path.lexists(path):
                _create(path)
            _keys[str(path)] = _read(path)
        return _keys[str(path)]


def _create(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):      # the first writer wins
            atomic_write(path, secrets.token_bytes(KEY_BYTES), mode=0o600, overwrite=False)
    except OSError as e:
        raise KeyProblem(f"cannot create the signing key {path} ({e.strerror})",
                         fix="set IMGSEARCH_KEY_FILE to a file in a private, writable folder") from None


def _read(path: Path) -> bytes:
    fix = f"remove {path} (a new key is made; maps are then refitted by `imgsearch fsck --repair`)"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as e:
        raise KeyProblem(f"cannot open the signing key {path} ({e.strerror})", fix=fix) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            raise KeyProblem(f"the signing key {path} is not a regular file of this user", fix=fix)
        if st.st_mode & 0o077:
            raise KeyProblem(f"the signing key {path} is open to other users "
                             f"(mode {stat.S_IMODE(st.st_mode):o})", fix=f"chmod 600 {path}, or {fix}")
        data = f.read(4096)
    if len(data) < KEY_BYTES:
        raise KeyProblem(f"the signing key {path} is too short ({len(data)} bytes)", fix=fix)
    return data


def signer(purpose: str):
    """An HMAC-SHA256 to feed with the signed bytes; `purpose` keeps one kind of file from
    being passed off as another."""
    mac = hmac.new(key(), digestmod=hashlib.sha256)
    mac.update(purpose.encode() + b"\0")
    return mac


def sign(purpose: str, data: bytes) -> str:
    mac = signer(purpose)
    mac.update(data)
    return mac.hexdigest()


def verify(purpose: str, data: bytes, signature) -> bool:
    return isinstance(signature, str) and hmac.compare_digest(sign(purpose, data), signature)
