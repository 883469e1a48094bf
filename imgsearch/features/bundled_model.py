"""The default model shipped inside the package, so `pip install imgsearch` runs without torch.

`bundled/` holds EfficientNet-Lite0's ONNX exports with its ImageNet weights, one per pooling
of the last feature map: `gem` (the default) and `avg` (what collections were built with
before GeM became the default, so they still answer queries without torch). Each has the
outputs `features` (1280) and `logits` (1000). `bundled/efficientnet-lite0.json` is their card:
the weights' identity (the sha256 of the PyTorch checkpoint the exports were made from, so a
collection built either way matches), the layer each pooling names, the ImageNet class names
and each file's sha256, checked on the bytes handed to the runtime. The view (whole image or
centre crop) is preprocessing, outside the graph, so both views run on the same export.
`scripts/export_default_model.py` makes them again from the PyTorch weights (the `torch`
extra). The weights are Apache-2.0: `bundled/LICENSE-efficientnet-lite0.txt`.
"""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from ..errors import ModelError
from .base import VIEWS

FOLDER = Path(__file__).resolve().with_name("bundled")
NAME = "efficientnet-lite0"


def card_path() -> Path:
    return FOLDER / f"{NAME}.json"


def onnx_path(pooling: str) -> Path:
    return FOLDER / card()["exports"][pooling]["onnx"]


@functools.lru_cache(maxsize=1)
def card() -> dict:
    return json.loads(card_path().read_text())


def serves(spec, runtime: str, device: str) -> bool:
    """Whether a shipped export is exactly this spec: the default model with its own weights,
    normalisation and layer, a shipped pooling, either view, on a CPU runtime that reads ONNX."""
    return (spec.name == NAME and spec.weights is None and spec.layer is None
            and spec.normalize == "inception" and spec.view in VIEWS
            and runtime in ("onnx", "openvino") and device == "cpu" and card_path().exists()
            and spec.pooling in card()["exports"])


def model_bytes(pooling: str) -> bytes:
    """An export's bytes, checked against the card: the runtime gets these very bytes."""
    data = onnx_path(pooling).read_bytes()
    if hashlib.sha256(data).hexdigest() != card()["exports"][pooling]["onnx_sha256"]:
        raise ModelError(f"{onnx_path(pooling)} does not match its card (the package is damaged)",
                         param="model", fix="reinstall imgsearch")
    return data


def load(spec, runtime: str) -> dict:
    """{identity, preprocess, classes, run} for the shipped model as `spec` asks for it."""
    from . import preprocessing, runtimes
    meta, export = card(), card()["exports"][spec.pooling]
    preprocess = preprocessing(meta["input_size"], spec.normalize, spec.view)
    identity = {"model": NAME, "weights": meta["weights"], "layer": export["layer"],
                "dim": export["dim"], "preprocessing": preprocess.description}
    threads, data = runtimes.default_threads(), model_bytes(spec.pooling)
    run = (runtimes.onnx_runner(data, threads) if runtime == "onnx"
           else runtimes.openvino_runner(data, threads))
    return {"identity": identity, "preprocess": asdict(preprocess), "classes": meta["classes"],
            "run": run}
