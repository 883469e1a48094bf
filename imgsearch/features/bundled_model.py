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

`bundled/efficientnet-lite0-int8.json` is the card of the int8 variants (`--precision int8`):
ONNX Runtime's static quantisation of each fp32 export (QDQ, per-channel int8 weights, uint8
activations calibrated on real photos), the same weights and licence, made by
`scripts/export_int8_model.py`, which writes a variant only when its neighbours agree with
fp32's (overlap@10 >= 0.95, recorded in the card). Their sha256 is checked the same way.
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


def card_path(precision: str = "fp32") -> Path:
    return FOLDER / (f"{NAME}.json" if precision == "fp32" else f"{NAME}-{precision}.json")


def onnx_path(pooling: str, precision: str = "fp32") -> Path:
    return FOLDER / card(precision)["exports"][pooling]["onnx"]


@functools.lru_cache(maxsize=2)
def card(precision: str = "fp32") -> dict:
    return json.loads(card_path(precision).read_text())


def offered(precision: str) -> list[str]:
    """The poolings shipped in this precision."""
    return list(card(precision)["exports"]) if card_path(precision).exists() else []


def serves(spec, runtime: str, device: str) -> bool:
    """Whether a shipped export is exactly this spec: the default model with its own weights,
    normalisation and layer, a shipped pooling, either view, on a CPU runtime that reads ONNX."""
    return (spec.name == NAME and spec.weights is None and spec.layer is None
            and spec.normalize == "inception" and spec.view in VIEWS
            and runtime in ("onnx", "openvino") and device == "cpu"
            and spec.pooling in offered(spec.precision or "fp32"))


def model_bytes(pooling: str, precision: str = "fp32") -> bytes:
    """An export's bytes, checked against the card: the runtime gets these very bytes."""
    path = onnx_path(pooling, precision)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != card(precision)["exports"][pooling]["onnx_sha256"]:
        raise ModelError(f"{path} does not match its card (the package is damaged)",
                         param="model", fix="reinstall imgsearch")
    return data


def load(spec, runtime: str) -> dict:
    """{identity, preprocess, classes, run} for the shipped model as `spec` asks for it."""
    from . import preprocessing, runtimes
    meta, export = card(), card()["exports"][spec.pooling]
    preprocess = preprocessing(meta["input_size"], spec.normalize, spec.view)
    identity = {"model": NAME, "weights": meta["weights"], "layer": export["layer"],
                "dim": export["dim"], "preprocessing": preprocess.description}
    threads, data = runtimes.default_threads(), model_bytes(spec.pooling, spec.precision or "fp32")
    run = (runtimes.onnx_runner(data, threads) if runtime == "onnx"
           else runtimes.openvino_runner(data, threads))
    return {"identity": identity, "preprocess": asdict(preprocess), "classes": meta["classes"],
            "run": run}
