"""The default model shipped inside the package, so `pip install imgsearch` runs without torch.

`bundled/efficientnet-lite0.onnx` is the ONNX export (opset 17, outputs `features` 1280 and
`logits` 1000) of EfficientNet-Lite0 with its ImageNet weights, average-pooled, and
`bundled/efficientnet-lite0.json` its card: the identity a collection records (the weights'
sha256 is the sha256 of the PyTorch checkpoint the export was made from, so collections built
before the model was shipped keep matching), the preprocessing, the ImageNet class names and
the ONNX file's own sha256, checked on the bytes handed to the runtime.
`scripts/export_default_model.py` makes both again from the PyTorch weights (the `torch` extra).
The weights are Apache-2.0: `bundled/LICENSE-efficientnet-lite0.txt`.
"""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from ..errors import ModelError

FOLDER = Path(__file__).resolve().with_name("bundled")
NAME = "efficientnet-lite0"


def card_path() -> Path:
    return FOLDER / f"{NAME}.json"


def onnx_path() -> Path:
    return FOLDER / f"{NAME}.onnx"


def serves(spec, runtime: str, device: str) -> bool:
    """Whether this spec is exactly the shipped export: the default model, its own weights,
    pooling and normalisation, its default layer, on a CPU runtime that reads ONNX."""
    return (spec.name == NAME and spec.weights is None and spec.layer is None
            and spec.pooling == "avg" and spec.normalize == "inception"
            and runtime in ("onnx", "openvino") and device == "cpu" and card_path().exists())


@functools.lru_cache(maxsize=1)
def card() -> dict:
    meta = json.loads(card_path().read_text())
    pre = {k: tuple(v) if isinstance(v, list) else v for k, v in meta["preprocess"].items()}
    return {**meta, "preprocess": pre}


def model_bytes() -> bytes:
    """The ONNX file's bytes, checked against the card: the runtime gets these very bytes."""
    data = onnx_path().read_bytes()
    if hashlib.sha256(data).hexdigest() != card()["onnx_sha256"]:
        raise ModelError(f"{onnx_path()} does not match its card (the package is damaged)",
                         param="model", fix="reinstall imgsearch")
    return data


def load(runtime: str) -> dict:
    """{identity, preprocess, classes, input_size, run} for the shipped model on `runtime`."""
    from . import runtimes
    threads, data = runtimes.default_threads(), model_bytes()
    run = (runtimes.onnx_runner(data, threads) if runtime == "onnx"
           else runtimes.openvino_runner(data, threads))
    return {**card(), "run": run}
