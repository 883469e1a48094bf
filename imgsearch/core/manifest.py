"""The collection's manifest: what built its vectors and how they are indexed.

Typed (pydantic), checked when loaded, saved atomically (temp file, fsync, rename), with a
second copy kept in the catalog so that `fsck --repair` can restore a lost or damaged file.
"""
from __future__ import annotations

import errno
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import Damaged, ImgsearchError
from ..beneath import create_fresh

FORMAT_VERSION = 2


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ModelIdentity(BaseModel):
    """What must match between a collection and a query."""
    model_config = ConfigDict(extra="allow", protected_namespaces=())
    model: str
    weights: str
    layer: str
    dim: int
    preprocessing: str


class Manifest(BaseModel):
    model_config = ConfigDict(extra="allow", protected_namespaces=())
    format: int = FORMAT_VERSION
    model: ModelIdentity | None = None
    model_args: dict | None = None         # how to rebuild the model (a picklable spec)
    runtime: str | None = None             # torch | onnx | openvino: what embedded the vectors
    runner: str | None = None              # local | ray
    postprocess: dict | None = None        # collection-level post-processing (see features.postprocess)
    metric: str = "cosine (L2-normalised inner product)"
    index: dict = {"type": "flat", "requested": "auto"}
    maps: dict = {}
    roots: list[str] = []
    labels_csv: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    versions: dict = {}

    @property
    def dim(self) -> int | None:
        return self.model.dim if self.model else None


def load(path: Path) -> Manifest:
    """The manifest at path; an empty one when there is none yet. A damaged file is a Damaged
    error that names it and the repair."""
    if not path.exists():
        return Manifest()
    fix = "`fsck --repair` restores it from the catalog's copy"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise Damaged(f"{path} is not valid JSON ({type(e).__name__})", fix=fix) from None
    except OSError as e:
        raise Damaged(f"{path} cannot be read ({e.strerror})", fix=fix) from None
    if not isinstance(data, dict):
        raise Damaged(f"{path} is not a JSON object", fix=fix)
    try:
        return Manifest.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Damaged(f"{path} is malformed ({where}: {first['msg']})", fix=fix) from None


def _versions() -> dict:
    import duckdb
    import faiss
    out = {"faiss": faiss.__version__, "duckdb": duckdb.__version__}
    import sys
    for name in ("torch", "torchvision", "onnxruntime"):
        mod = sys.modules.get(name)   # only what this process has loaded: no import cost
        if mod is not None:
            out[name] = getattr(mod, "__version__", "?")
    return out


def save(manifest: Manifest, path: Path) -> None:
    """Atomic write: a crash or a full disk leaves the old file or the new one, never half."""
    manifest.created_at = manifest.created_at or now()
    manifest.updated_at = now()
    manifest.versions = {**manifest.versions, **_versions()}
    atomic_write(path, manifest.model_dump_json(indent=2).encode())


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        with os.fdopen(create_fresh(tmp), "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise disk_error(path, e) from None


def disk_error(path: Path, e: OSError) -> ImgsearchError:
    if e.errno == errno.ENOSPC:
        return ImgsearchError(f"disk full while writing {path}; the previous version is intact "
                              "(free some space and run the command again)")
    return ImgsearchError(f"cannot write {path}: {e.strerror or e}")
