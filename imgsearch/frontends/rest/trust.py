"""Who may name what over REST: server paths, uploads, and models from hubs.

- A *local* caller (one that proved it runs as the service's own user: `request.state.local`
  is True) may name any path, as the CLI and the app on this machine always could.
- Any other caller may name a server path (`source`, `labels`, `classes`, `weights`,
  `allow_roots`) only when its realpath lies under one of the operator's roots
  (`imgsearch serve --allow-root DIR`; none by default), else 403.
- Files wanted by their content (a labels CSV, a class list, a checkpoint) are uploaded to
  `POST /uploads`: stored content-addressed under `<home>/.uploads/<sha256>`, and named in the
  index body as `upload:<sha256>`.
- A model that downloads from a hub (timm, OpenCLIP, torchvision weights not yet cached) is
  the operator's choice (`--allow-hub-models`), or a local caller's.
Everything here runs before a job is queued or a collection is created: a refused request
leaves nothing behind.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from ...atomic import AtomicFile
from ...errors import Forbidden, InvalidArgument, ModelError, TooLarge
from ...pipeline.sources import LABELS_FROM_FOLDERS, check_source

UPLOAD_PREFIX = "upload:"
UPLOADS_DIR = ".uploads"           # under the home; never a collection (names start alnum)
_SHA256 = re.compile(r"[0-9a-f]{64}")
UploadKind = Literal["labels", "classes", "weights"]
PATH_FIX = ("start the service with `--allow-root DIR` for a folder that holds it, or upload "
            "the file (POST /uploads) and name it as upload:<sha256>")


class Upload(BaseModel):
    ref: str          # what an index body names instead of a path: upload:<sha256>
    sha256: str
    size: int
    kind: UploadKind


def operator_roots(paths) -> tuple[Path, ...]:
    return tuple(Path(os.path.realpath(p)) for p in paths or ())


def is_local(request) -> bool:
    return getattr(request.state, "local", False) is True


# -- paths -----------------------------------------------------------------------------
def check_path(value: str, param: str, roots: tuple[Path, ...], local: bool) -> str:
    """The path as given for a local caller; for any other, only when its realpath lies under
    one of the roots (else Forbidden). Checked against what the path resolves to now, links
    included, so a link under a root that points out of it is refused too."""
    if "\0" in value:
        raise InvalidArgument(f"{param}: invalid path (a NUL byte)", param=param)
    if local:
        return value
    if not os.path.isabs(value):
        raise InvalidArgument(f"{param} must be an absolute path on the server", param=param)
    real = Path(os.path.realpath(value))
    if not any(real == r or real.is_relative_to(r) for r in roots):
        where = ("this service allows no server paths" if not roots else
                 "it lies outside the folders this service allows")
        raise Forbidden(f"the {param} path {value[:200]} may not be named by an API client: {where}",
                        param=param, fix=PATH_FIX if param != "source" else
                        "start the service with `--allow-root DIR` for a folder that holds it")
    return value


# -- uploads ---------------------------------------------------------------------------
def uploads_dir(home: Path) -> Path:
    return Path(home) / UPLOADS_DIR


def save_upload(home: Path, stream, max_bytes: int, kind: str) -> Upload:
    """Copy an uploaded file into the home's upload store, hashing as it goes; refused past
    max_bytes (nothing kept). The same content always lands at the same name."""
    folder = uploads_dir(home)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for stale in folder.glob(".part-*"):       # left by a service killed mid-upload
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > 86400:
                stale.unlink()
    digest, size = hashlib.sha256(), 0
    with AtomicFile(folder / ".part-upload", 0o600) as part:     # named by its hash when whole
        for block in iter(lambda: stream.read(1 << 20), b""):
            size += len(block)
            if size > max_bytes:
                raise TooLarge(f"the {kind} upload is over {max_bytes >> 20} MB", param="file",
                               fix=f"raise IMGSEARCH_MAX_{'WEIGHTS' if kind == 'weights' else 'LABELS'}"
                                   "_BYTES or IMGSEARCH_MAX_UPLOAD_BYTES on the service")
            digest.update(block)
            part.file.write(block)
        sha = digest.hexdigest()
        part.commit(folder / sha)
    return Upload(ref=UPLOAD_PREFIX + sha, sha256=sha, size=size, kind=kind)


def resolve_upload(home: Path, ref: str, param: str) -> str:
    """The stored file an `upload:<sha256>` reference names."""
    sha = ref[len(UPLOAD_PREFIX):].strip().lower()
    if not _SHA256.fullmatch(sha):
        raise InvalidArgument(f"{param}: {ref[:80]!r} is not upload:<sha256>", param=param)
    path = uploads_dir(home) / sha
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise InvalidArgument(f"{param}: no upload {sha[:12]}... on this service", param=param,
                              fix="send the file to POST /uploads first") from None
    if not stat.S_ISREG(mode):
        raise InvalidArgument(f"{param}: upload {sha[:12]}... is not a regular file", param=param)
    return os.path.abspath(path)


# -- models ----------------------------------------------------------------------------
def check_model(name: str | None, weights: str | None, allow_hub: bool) -> None:
    """An unknown model is refused (422); a model that would download from a hub needs the
    operator's --allow-hub-models (403) unless allow_hub (the operator's flag, or a local
    caller)."""
    from ...features.base import LITE_PACKAGES
    if name is None or name in LITE_PACKAGES or name in ("pixels", "onnx"):
        return                    # onnx: the network is the uploaded weights file itself
    from ...features import torch_models, zoo
    hub_fix = "start the service with `--allow-hub-models`, or upload a checkpoint as weights"
    if name in torch_models.torchvision_names():
        if weights is None and not allow_hub and not torch_models.torchvision_weights_cached(name):
            raise Forbidden(f"model {name}: its torchvision weights would be downloaded, and this "
                            "service does not download models for API clients", param="model",
                            fix=hub_fix)
        return
    if zoo.parse(name) is None:
        import difflib
        from ...features import available_models
        near = difflib.get_close_matches(name, available_models(), n=3)
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        raise ModelError(f"unknown model {name[:100]!r}{hint}; `imgsearch models` lists them",
                         param="model")
    # hf-hub: and local-dir: names fetch a config (or more) by name, whatever the weights
    named_source = any(p in name for p in ("hf-hub:", "hf_hub:", "local-dir:"))
    if (weights is None or named_source) and not allow_hub:
        raise Forbidden(f"model {name[:100]}: models from timm's or OpenCLIP's hubs are "
                        "downloaded only when the operator allows it", param="model", fix=hub_fix)


def check_choices(index: str | None, runtime: str | None) -> None:
    from ...core.vectors.registry import KINDS
    from ...features.base import RUNTIMES
    if index is not None and index != "auto" and index not in KINDS:
        raise InvalidArgument(f"unknown index type {index[:40]!r}; choose auto or one of "
                              f"{', '.join(KINDS)}", param="index")
    if runtime is not None and runtime not in RUNTIMES:
        raise InvalidArgument(f"unknown runtime {runtime[:40]!r}; choose "
                              f"{', '.join(RUNTIMES)}", param="runtime")


# -- the index request -------------------------------------------------------------------
def checked_index_args(name: str, args: dict, service, request, roots: tuple[Path, ...],
                       allow_hub_models: bool) -> dict:
    """The index body's arguments, every path checked (and upload references resolved), the
    files opened once to see they are regular and within their caps, the choices checked:
    before anything is queued or created."""
    from ...beneath import open_input
    local = is_local(request)
    home, cfg = service.home, service.cfg
    out = dict(args)
    source = out["source"]
    if source.startswith(UPLOAD_PREFIX):
        raise InvalidArgument("source must be a folder or a CSV file on the server; uploads are "
                              "for labels, classes and weights", param="source")
    check_path(source, "source", roots, local)
    check_source(source)
    out["allow_roots"] = [check_path(r, "allow_roots", roots, local) for r in out["allow_roots"]]
    caps = {"labels": cfg.max_labels_bytes, "classes": cfg.max_labels_bytes,
            "weights": cfg.max_weights_bytes}
    what = {"labels": "labels CSV", "classes": "class names", "weights": "checkpoint"}
    for param, cap in caps.items():
        value = out.get(param)
        if value is None or (param == "weights" and value == "random") or \
                (param == "labels" and value == LABELS_FROM_FOLDERS):
            continue
        if value.startswith(UPLOAD_PREFIX):
            value = resolve_upload(home, value, param)
        else:
            check_path(value, param, roots, local)
            if not os.path.lexists(value):
                raise InvalidArgument(f"{param}: no such file: {value[:200]}", param=param)
        os.close(open_input(value, cap, param, what[param]))   # a FIFO or a device: refused now
        out[param] = value
    check_choices(out.get("index"), out.get("runtime"))
    check_model(out.get("model"), out.get("weights"),
                allow_hub_models or local or _already_built_with(service, name, out))
    return out


def index_work(args: dict, local: bool, home: Path, roots: tuple[Path, ...]):
    """The job for checked index arguments: for a remote caller, its paths are checked again
    when the job starts (it may have waited in line)."""
    args = dict(args)
    source = args.pop("source")

    def work(col, progress):
        if not local:
            recheck(source, args, home, roots)
        return col.index(source, progress=progress, **args)
    return work


def recheck(source: str, args: dict, home: Path, roots: tuple[Path, ...]) -> None:
    """Check a remote caller's paths again when its job starts: a job may wait in line, and
    a folder under a root may have become a link out of it meanwhile."""
    store = uploads_dir(home).resolve()
    check_path(source, "source", roots, False)
    for root in args.get("allow_roots") or ():
        check_path(root, "allow_roots", roots, False)
    for param in ("labels", "classes", "weights"):
        value = args.get(param)
        if value not in (None, "random", LABELS_FROM_FOLDERS) and Path(os.path.realpath(value)).parent != store:
            check_path(value, param, roots, False)


def _already_built_with(service, name: str, args: dict) -> bool:
    """Whether the collection exists and was built with this very model and weights: its
    weights are on this machine already, so asking for it again downloads nothing."""
    if args.get("model") is None or name not in service.collections():
        return False
    built = service.collection(name).manifest.model_args or {}
    return built.get("name") == args["model"] and built.get("weights") == args.get("weights")
