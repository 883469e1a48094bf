"""Inference runtimes behind one call: float32 NCHW numpy batch -> (features, logits | None).

  torch     the Backbone itself (channels_last; bf16 autocast on CUDA)
  onnx      ONNX Runtime on the CPU, from an ONNX file exported once per model and layer
  openvino  OpenVINO compiled from the same ONNX file

The ONNX file is cached under IMGSEARCH_CACHE (default ~/.cache/imgsearch) keyed by the model's
identity (its weights' sha256 included), so it is exported once and again only when the
weights change. Measured on this 2-core CPU (EfficientNet-Lite0, model only): torch 46 img/s
at batch 4, ONNX Runtime 176, OpenVINO 145; all three agree at cosine >= 0.9999999.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
import warnings
from pathlib import Path

import numpy as np

from ..errors import ModelError

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
    return max(1, os.cpu_count() or 1)


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


def onnx_file(backbone, identity: dict, input_size: int) -> Path:
    """The cached ONNX export of this backbone, exported now if it is not there yet."""
    path = onnx_path(identity, input_size)
    with _export_lock:
        if path.exists():
            return path
        import torch
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        outputs = ["features", "logits"] if backbone.has_logits else ["features"]
        try:
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(backbone.cpu().eval(), torch.zeros(1, 3, input_size, input_size),
                                  str(tmp), input_names=["images"], output_names=outputs,
                                  dynamic_axes={n: {0: "n"} for n in ["images", *outputs]},
                                  opset_version=17, dynamo=False)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        exports_done.append(path)
    return path


def onnx_runner(path: Path, threads: int):
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
    session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]

    def run(x):
        out = session.run(names, {"images": x})
        return out[0], (out[1] if len(out) > 1 else None)
    return run


def openvino_runner(path: Path, threads: int):
    import openvino as ov
    core = ov.Core()
    # f32: on CPUs with bf16 units OpenVINO otherwise computes in bf16, and the features drift
    # from torch's (cosine 0.998 with GeM pooling, whose cube amplifies the error)
    compiled = core.compile_model(str(path), "CPU", {"INFERENCE_NUM_THREADS": threads,
                                                     "INFERENCE_PRECISION_HINT": "f32"})
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
        path = onnx_file(backbone, identity, input_size)
    except Exception as e:
        note = (f"layer {identity.get('layer')!r} of {identity.get('model')} could not be exported "
                f"to ONNX ({type(e).__name__}: {str(e).splitlines()[0][:120]}); running on torch")
        return torch_runner(backbone, device), "torch", [note]
    if runtime == "openvino":
        return openvino_runner(path, threads), "openvino", []
    return onnx_runner(path, threads), "onnx", []


# -- model cards: what a load needs to skip torch once the ONNX file exists -----------------
def card_key(spec) -> str | None:
    """A key from the spec alone (no torch): the model, its weights' content, the layer,
    pooling and normalisation, and the torch that traced it."""
    from dataclasses import asdict
    from importlib import metadata
    from .base import LITE_PACKAGES, file_sha256
    args = asdict(spec)
    args.pop("runtime"), args.pop("device"), args.pop("classes")
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
    from dataclasses import asdict
    path = _card_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    card = {"identity": identity, "input_size": input_size, "preprocess": asdict(preprocess),
            "classes": classes, "onnx": onnx_path(identity, input_size).name}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(card))
    os.replace(tmp, path)


def read_card(key: str, runtime: str) -> dict | None:
    try:
        card = json.loads(_card_path(key).read_text())
        onnx = cache_dir() / "onnx" / card["onnx"]
        if not onnx.exists():
            return None
        pre = card["preprocess"]
        pre = {k: tuple(v) if isinstance(v, list) else v for k, v in pre.items()}
        threads = default_threads()
        run = onnx_runner(onnx, threads) if runtime == "onnx" else openvino_runner(onnx, threads)
        return {**card, "preprocess": pre, "run": run}
    except (OSError, ValueError, KeyError, TypeError):
        return None
