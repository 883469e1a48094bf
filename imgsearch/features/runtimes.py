"""Inference runtimes behind one call: float32 NCHW numpy batch -> (features, logits | None).

  torch     the Backbone itself (channels_last; bf16 autocast on CUDA)
  onnx      ONNX Runtime on the CPU, from an ONNX file exported once per model and layer
  openvino  OpenVINO compiled from the same ONNX file

The ONNX file is cached under IMGSEARCH_CACHE (default ~/.cache/imgsearch) keyed by the model's
identity (its weights' sha256 included), so it is exported once and again only when the
weights change (or when the file no longer matches the sha256 in its signed record).
Measured on this 2-core CPU (EfficientNet-Lite0, model only): torch 46 img/s at batch 4,
ONNX Runtime 176, OpenVINO 145; all three agree at cosine >= 0.9999999.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import warnings
from pathlib import Path

import numpy as np

from ..atomic import atomic_write
from ..errors import ImgsearchError, ModelError

EXPORT_FORMAT = 1          # bump to invalidate every cached export
_export_lock = threading.Lock()
exports_done = []          # paths exported by this process (the tests check the cache with it)


def cache_dir() -> Path:
    return Path(os.environ.get("IMGSEARCH_CACHE") or Path.home() / ".cache" / "imgsearch")


def available(runtime: str) -> bool:
    import importlib.util
    module = {"torch": "torch", "onnx": "onnxruntime", "openvino": "openvino"}[runtime]
    return importlib.util.find_spec(module) is not None


def choose(requested: str, device: str) -> str:
    """auto: the fastest runtime available on this device (ONNX Runtime on the CPU)."""
    if requested not in ("auto", "torch", "onnx", "openvino"):
        raise ModelError(f"unknown runtime {requested!r}; choose auto, torch, onnx or openvino",
                         param="runtime")
    if requested != "auto":
        if not available(requested):
            package = {"onnx": "onnxruntime", "openvino": "openvino"}.get(requested, requested)
            raise ModelError(f"runtime {requested!r} is not installed: pip install {package}",
                             param="runtime")
        if requested != "torch" and device.startswith("cuda"):
            raise ModelError(f"runtime {requested!r} runs on the CPU here; use torch on {device}",
                             param="runtime")
        return requested
    if device.startswith("cuda") or not available("onnx"):
        return "torch"
    return "onnx"


def default_threads() -> int:
    """Threads of one ONNX Runtime or OpenVINO model: every core, unless
    IMGSEARCH_MODEL_THREADS says fewer (a lane of `index` runs its model on one)."""
    asked = os.environ.get("IMGSEARCH_MODEL_THREADS", "")
    return int(asked) if asked.isdigit() and int(asked) > 0 else max(1, os.cpu_count() or 1)


def torch_runner(backbone, device: str):
    import torch
    dev = torch.device(device)
    backbone = backbone.to(dev).eval()
    cuda = dev.type == "cuda"
    backbone = backbone.to(memory_format=torch.channels_last)

    def run(x):
        with torch.inference_mode():
            t = x if isinstance(x, torch.Tensor) else torch.from_numpy(x)
            t = t.to(dev, non_blocking=True).contiguous(memory_format=torch.channels_last)
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=cuda):
                out = backbone(t)
            feats = out[0].float().cpu().numpy()
            logits = out[1].float().cpu().numpy() if len(out) > 1 else None
        return feats, logits
    return run


def export_key(identity: dict, input_size: int) -> str:
    from importlib import metadata
    blob = json.dumps({**identity, "input": input_size, "torch": metadata.version("torch"),
                       "format": EXPORT_FORMAT}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def onnx_path(identity: dict, input_size: int) -> Path:
    return cache_dir() / "onnx" / f"{export_key(identity, input_size)}.onnx"


def onnx_file(backbone, identity: dict, input_size: int) -> bytes:
    """The cached ONNX export of this backbone (its bytes, verified against the signed record
    written beside it), exported now if it is not there yet or does not match its record."""
    path = onnx_path(identity, input_size)
    with _export_lock:
        model = trusted_onnx(path.name)
        if model is not None:
            return model
        import tempfile
        import torch
        outputs = ["features", "logits"] if backbone.has_logits else ["features"]
        # exported in a private folder (0700, in the sticky temp folder): the bytes signed
        # below are the exporter's, not whatever someone with write access to the cache
        # might swap in under a temporary name there
        with tempfile.TemporaryDirectory(prefix="imgsearch-export-") as private:
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(backbone.cpu().eval(), torch.zeros(1, 3, input_size, input_size),
                                  os.path.join(private, "model.onnx"), input_names=["images"],
                                  output_names=outputs,
                                  dynamic_axes={n: {0: "n"} for n in ["images", *outputs]},
                                  opset_version=17, dynamo=False)
            model = read_beneath(Path(private), "model.onnx")
        _write_file(path, model)
        write_record(path.name, model)
        exports_done.append(path)
    return model


# -- what makes a cached file trusted: a record signed with this user's key -----------------
# Whoever can write the cache could otherwise swap the ONNX file (another model would run
# under the collection's identity) or forge a card naming a file anywhere. Each export gets a
# record `<name>.json` with its sha256, signed (imgsearch/signing.py); a file is used only when it
# matches its record, checked on the very bytes handed to the runtime (read once, through a
# descriptor opened without following links inside the cache's onnx folder).
_ONNX_NAME = re.compile(r"[0-9a-f]{32}\.onnx")
MAX_ONNX_BYTES = 8 << 30


def read_beneath(folder: Path, name: str, max_bytes: int = MAX_ONNX_BYTES) -> bytes:
    from ..beneath import open_beneath, read_fd
    return read_fd(open_beneath(str(folder), name, max_bytes), max_bytes)


def _signed(purpose: str, fields: dict) -> str:
    from .. import signing
    return signing.sign(purpose, json.dumps(fields, sort_keys=True).encode())


def write_record(name: str, model: bytes) -> None:
    from ..signing import KeyProblem
    fields = {"onnx": name, "sha256": hashlib.sha256(model).hexdigest()}
    try:
        signature = _signed("imgsearch onnx v1", fields)
    except KeyProblem:
        return                       # no key: nothing is trusted next time, so it is re-exported
    _write_json(cache_dir() / "onnx" / f"{name[:-5]}.json", {**fields, "signature": signature})


def trusted_onnx(name: str, sha256: str | None = None) -> bytes | None:
    """The bytes of a cached ONNX file, if its signed record vouches for exactly these bytes
    (and they have the sha256 a signed card names, when given); else None."""
    import hmac
    if not isinstance(name, str) or not _ONNX_NAME.fullmatch(name):
        return None
    folder = cache_dir() / "onnx"
    try:
        record = json.loads(read_beneath(folder, f"{name[:-5]}.json", 1 << 16))
        fields = {"onnx": record["onnx"], "sha256": record["sha256"]}
        if record["onnx"] != name or not hmac.compare_digest(
                _signed("imgsearch onnx v1", fields), str(record["signature"])):
            return None
        model = read_beneath(folder, name)
    except (OSError, ValueError, KeyError, TypeError, ImgsearchError):
        return None
    digest = hashlib.sha256(model).hexdigest()
    if digest != record["sha256"] or (sha256 is not None and digest != sha256):
        return None
    return model


def _write_json(path: Path, data: dict) -> None:
    _write_file(path, json.dumps(data).encode())


def _write_file(path: Path, data: bytes) -> None:
    """Atomically, never through a symlink or a hard link planted at the temporary name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def onnx_runner(model: bytes, threads: int):
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    # Spinning threads win for a model alone (about 5 % here) but take the cores from the
    # decode workers in `index` (spinning off: +17 % end to end on 2 cores) and from other
    # requests in a service; IMGSEARCH_ORT_SPIN=1 turns it back on.
    if os.environ.get("IMGSEARCH_ORT_SPIN", "0") != "1":
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]

    def run(x):
        out = session.run(names, {"images": x})
        return out[0], (out[1] if len(out) > 1 else None)
    return run


def openvino_runner(model: bytes, threads: int):
    import openvino as ov
    core = ov.Core()
    # f32 on purpose: on CPUs with bf16 units OpenVINO otherwise runs in bf16 (cosine 0.998 to
    # torch instead of 0.99999), and a collection's vectors must not depend on the runtime
    compiled = core.compile_model(core.read_model(model), "CPU", {
        "INFERENCE_NUM_THREADS": threads, "INFERENCE_PRECISION_HINT": "f32"})
    lock = threading.Lock()   # one infer request: serialise callers (cheap next to the model)

    def run(x):
        with lock:
            out = compiled(x)
        values = [np.asarray(out[o]) for o in compiled.outputs]
        return values[0], (values[1] if len(values) > 1 else None)
    return run


def make_runner(runtime: str, backbone, identity: dict, input_size: int, device: str,
                threads: int | None = None):
    """(run callable, runtime actually used, notes). A layer that cannot be exported runs on
    torch, and the note says so."""
    threads = threads or default_threads()
    if runtime == "torch":
        return torch_runner(backbone, device), "torch", []
    try:
        model = onnx_file(backbone, identity, input_size)
        if runtime == "openvino":
            return openvino_runner(model, threads), "openvino", []
        return onnx_runner(model, threads), "onnx", []
    except Exception as e:
        note = (f"layer {identity.get('layer')!r} of {identity.get('model')} could not be exported "
                f"to ONNX ({type(e).__name__}: {str(e).splitlines()[0][:120]}); running on torch")
        return torch_runner(backbone, device), "torch", [note]


# -- model cards: what a load needs to skip torch once the ONNX file exists -----------------
def card_key(spec) -> str | None:
    """A key from the spec alone (no torch): the model, its weights' content, the layer,
    pooling and normalisation, and the torch that traced it."""
    from dataclasses import asdict
    from importlib import metadata
    from .base import LITE_PACKAGES, file_sha256
    args = asdict(spec)
    args.pop("runtime"), args.pop("device"), args.pop("classes")
    if args.get("precision") is None:
        args.pop("precision", None)  # the keys of fp32 cards from before int8 existed
    weights = spec.weights
    if weights is None and spec.name in LITE_PACKAGES:
        import importlib
        package, cls, _ = LITE_PACKAGES[spec.name]
        try:
            weights = getattr(importlib.import_module(package), cls).get_model_file_path()
        except ImportError:
            return None
    if weights not in (None, "random"):
        try:
            args["weights"] = file_sha256(weights)
        except OSError:
            return None
    try:
        args["torch"] = metadata.version("torch")
        args["torchvision"] = metadata.version("torchvision")
    except metadata.PackageNotFoundError:
        return None
    args["format"] = EXPORT_FORMAT
    return hashlib.sha256(json.dumps(args, sort_keys=True).encode()).hexdigest()[:32]


def _card_path(key: str) -> Path:
    return cache_dir() / "cards" / f"{key}.json"


def write_card(key: str, identity: dict, input_size: int, preprocess, classes) -> None:
    """What a load needs to skip torch, with the ONNX file's sha256, signed with this user's
    key: a card planted in the cache (another model under this identity, a file outside the
    cache) is ignored, and the model is built from torch as if there were no card."""
    from dataclasses import asdict
    from ..signing import KeyProblem
    name = onnx_path(identity, input_size).name
    model = trusted_onnx(name)
    if model is None:
        return
    card = {"identity": identity, "input_size": input_size, "preprocess": asdict(preprocess),
            "classes": classes, "onnx": name, "onnx_sha256": hashlib.sha256(model).hexdigest()}
    try:
        card["signature"] = _signed("imgsearch card v1", card)
    except KeyProblem:
        return
    _write_json(_card_path(key), card)


def read_card(key: str, runtime: str) -> dict | None:
    """The card's model ready to run, or None when there is no card this user's imgsearch
    signed, or its ONNX file is not the one it names (the caller then builds from torch)."""
    import hmac
    try:
        card = json.loads(read_beneath(cache_dir() / "cards", f"{key}.json", 1 << 20))
        signature = card.pop("signature")
        if not hmac.compare_digest(_signed("imgsearch card v1", card), str(signature)):
            return None
        model = trusted_onnx(card["onnx"], card["onnx_sha256"])
        if model is None:
            return None
        pre = card["preprocess"]
        pre = {k: tuple(v) if isinstance(v, list) else v for k, v in pre.items()}
        threads = default_threads()
        run = onnx_runner(model, threads) if runtime == "onnx" else openvino_runner(model, threads)
        return {**card, "preprocess": pre, "run": run}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ImgsearchError):
        return None
