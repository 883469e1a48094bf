"""Feature sources behind one registry: a ModelSpec in, a FeatureModel out.

  efficientnet-lite0   offline ImageNet EfficientNet-Lite0 (the default; no download)
  efficientnet-lite2   offline EfficientNet-Lite2 (260 px; about twice Lite0's cost)
  <torchvision name>   resnet50, mobilenet_v3_large, convnext_tiny, ... with torchvision
                       weights or the user's own checkpoint, any layer
  pixels               raw intensities resized to size x size, for when there is no model
  onnx                 the user's own network exported to ONNX (weights: the .onnx file)
"""
from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np

from ..errors import ModelError
from .base import (DEFAULT_MODEL, IMAGENET_MEAN, IMAGENET_STD, LITE_PACKAGES, NORMALIZATIONS,
                   PRECISIONS, RUNTIMES, VIEWS, Batch, FeatureModel, ModelSpec, Preprocess)

__all__ = ["DEFAULT_MODEL", "PRECISIONS", "RUNTIMES", "Batch", "FeatureModel", "ModelSpec", "Preprocess",
           "available_models", "load_model", "resolve_device", "IMAGENET_MEAN", "IMAGENET_STD"]

# measured on this 2-core CPU: small batches run fastest there (batch 16 is 3x slower than 4
# for torch); a GPU wants large ones
BATCH_SIZES = {"torch": 4, "onnx": 4, "openvino": 8, "cuda": 64, "pixels": 256}
_cache: dict = {}
_cache_lock = threading.Lock()


def available_models(zoos: bool = False) -> list[str]:
    """Our offline models and torchvision's; with zoos, timm's and OpenCLIP's names too.
    Without torch: the models that run without it."""
    try:
        from .torch_models import torchvision_names
    except ImportError:
        return [DEFAULT_MODEL, "pixels"]
    names = [*LITE_PACKAGES, "pixels", "onnx", *torchvision_names()]
    if zoos:
        try:
            import timm
            names += [f"timm/{n}" for n in timm.list_models(pretrained=True)]
        except ImportError:
            pass
        try:
            import open_clip
            names += [f"openclip/{a}:{t}" for a, t in open_clip.list_pretrained()]
        except ImportError:
            pass
    return names


def resolve_device(device: str = "auto") -> str:
    import os
    if device in ("auto", "cpu") and not os.path.exists("/dev/nvidiactl"):
        return "cpu"                  # no NVIDIA driver: no need to import torch to know
    try:
        import torch
    except ImportError:               # the lean install: everything runs on the CPU
        if device in ("auto", "cpu"):
            return "cpu"
        raise ModelError(f"device {device!r} needs torch, which is not installed", param="device",
                         fix="pip install 'imgsearch[torch]'") from None
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    try:
        dev = torch.device(device)
    except RuntimeError as e:
        raise ModelError(f"unknown device {device!r}: {e}", param="device") from None
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ModelError(f"device {device!r} requested but CUDA is not available; use cpu",
                         param="device")
    return str(dev)


def load_model(spec: ModelSpec | None = None, cached: bool = True, **kwargs) -> FeatureModel:
    """Build (or reuse: models are immutable and thread-safe) the FeatureModel for a spec.
    Raises ModelError with the cause and the fix."""
    spec = spec or ModelSpec(**{k: v for k, v in kwargs.items() if v is not None})
    if not cached:
        return _build(spec)
    with _cache_lock:
        if spec not in _cache:
            _cache[spec] = _build(spec)
        return _cache[spec]


def _build(spec: ModelSpec) -> FeatureModel:
    classes = _read_classes(spec.classes)
    if spec.precision not in (None, *PRECISIONS):
        raise ModelError(f"unknown precision {spec.precision!r}; choose {', '.join(PRECISIONS)}",
                         param="precision")
    if spec.precision == "fp32":
        spec = replace(spec, precision=None)             # one spec (and cache entry) for fp32
    if spec.name == "pixels" and spec.pooling == "cam":
        raise ModelError("cam pooling weights a convolution map by a linear head's weights: the "
                         "pixels model has neither", param="pooling")
    if spec.name == "pixels" and spec.precision:
        raise ModelError("the pixels model has no precision to choose", param="precision")
    if spec.name == "pixels":
        return _pixels(spec)
    if spec.name == "onnx":           # the user's own network, exported (features/onnx_model.py)
        from . import onnx_model, runtimes
        return onnx_model.load(spec, classes, runtimes.default_threads())
    from . import bundled_model, runtimes
    device = resolve_device(spec.device)
    runtime = runtimes.choose(spec.runtime, device)
    lite = spec.name in LITE_PACKAGES
    if spec.view is not None and spec.view not in VIEWS:
        raise ModelError(f"unknown view {spec.view!r}; choose {', '.join(VIEWS)}", param="view")
    if lite:   # the measured defaults (README, Retrieval quality)
        spec = spec.with_(pooling=spec.pooling or "gem", normalize=spec.normalize or "inception",
                          view=spec.view or "whole")
    if spec.precision and not bundled_model.serves(spec, runtime, device):
        raise ModelError(
            f"precision {spec.precision} is shipped for {DEFAULT_MODEL} only (its own weights, "
            f"layer and normalisation, pooling {' or '.join(bundled_model.offered(spec.precision))}), "
            f"on the CPU with ONNX Runtime or OpenVINO; asked: {spec.name}, runtime {runtime}, "
            f"device {device}", param="precision", fix="leave precision at fp32 for this model")
    if bundled_model.serves(spec, runtime, device):      # shipped in the package: no torch
        known = bundled_model.load(spec, runtime)
    else:
        card = runtimes.card_key(spec) if lite and runtime != "torch" and device == "cpu" else None
        known = runtimes.read_card(card, runtime) if card else None
    if known is not None:             # exported before: no torch at all (seconds saved a start)
        return FeatureModel(spec, known["run"], Preprocess(**known["preprocess"]),
                            dim=known["identity"]["dim"], classes=classes or known["classes"],
                            layer=known["identity"]["layer"], weights_id=known["identity"]["weights"],
                            runtime=runtime, device=device, batch_size=BATCH_SIZES[runtime])
    _need_torch(spec.name)
    from . import torch_models, zoo
    in_zoo = zoo.parse(spec.name) if spec.name not in torch_models.torchvision_names() else None
    if in_zoo and spec.view is not None:
        raise ModelError(f"{spec.name} has its own preprocessing; view is for the "
                         "EfficientNet-Lite and torchvision models", param="view")
    if in_zoo:
        return _zoo_model(spec, in_zoo, device, runtime, classes)
    spec, backbone, identity, preprocess, default_classes, size, has_head = torch_parts(spec)
    run, used, notes = runtimes.make_runner(runtime, backbone, identity, size, device)
    key = runtimes.card_key(spec) if lite and device == "cpu" and used == runtime != "torch" else None
    if key:
        runtimes.write_card(key, identity, size, preprocess, default_classes if has_head else None)
    return FeatureModel(spec, run, preprocess, dim=identity["dim"],
                        classes=(classes or default_classes) if has_head else None,
                        layer=identity["layer"], weights_id=identity["weights"], runtime=used,
                        notes=notes, device=device,
                        batch_size=BATCH_SIZES["cuda" if device.startswith("cuda") else used])


def torch_parts(spec: ModelSpec):
    """A torchvision or EfficientNet-Lite spec as (spec with its defaults, backbone, identity,
    preprocessing, the head's class names, input size, whether it has a head)."""
    from . import torch_models
    spec = spec.with_(pooling=spec.pooling or "avg", normalize=spec.normalize or "imagenet",
                      view=spec.view or "crop")
    if spec.normalize not in NORMALIZATIONS:
        raise ModelError(f"unknown normalisation {spec.normalize!r}; choose "
                         f"{', '.join(NORMALIZATIONS)}", param="normalize")
    net, weights_id, default_classes, size = torch_models.build(spec)
    backbone, layer = torch_models.backbone(net, spec.layer, spec.name, spec.pooling)
    preprocess = preprocessing(size, spec.normalize, spec.view)
    probe = _probe(backbone, size)
    identity = {"model": spec.name, "weights": weights_id, "layer": layer,
                "dim": int(probe[0].shape[1]), "preprocessing": preprocess.description}
    return spec, backbone, identity, preprocess, default_classes, size, len(probe) > 1


def preprocessing(size: int, normalize: str, view: str) -> Preprocess:
    """What a CNN of this input size sees: the whole image resized to size x size, or the
    centre crop after resizing the short side (torchvision's evaluation transform)."""
    mean, std = NORMALIZATIONS[normalize]
    if view == "whole":
        return Preprocess(resize=(size, size), crop=None, mean=mean, std=std, norm_name=normalize)
    return Preprocess(resize=int(round(size * 256 / 224)), crop=size, mean=mean, std=std,
                      norm_name=normalize)


def _need_torch(name: str) -> None:
    import importlib.util
    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("torchvision") is None:
        raise ModelError(f"model {name!r} needs torch, which is not installed "
                         "(only the default model and pixels run without it)", param="model",
                         fix="pip install 'imgsearch[torch]'")


def _zoo_model(spec: ModelSpec, in_zoo, device: str, runtime: str, classes) -> FeatureModel:
    from . import runtimes, sources, zoo
    kind, name = in_zoo
    if spec.layer is not None:
        raise ModelError(f"choosing a layer is not supported for {kind} models (yet)", param="layer")
    if spec.pooling == "cam":
        raise ModelError(f"cam pooling is for torchvision and EfficientNet-Lite models; {kind} "
                         "models pool as they were trained", param="pooling")
    embed_text = None
    if kind == "timm":
        backbone, weights_id, default_classes, pre = zoo.build_timm(name, spec.weights)
    else:
        backbone, weights_id, default_classes, pre, embed_text = zoo.build_openclip(name, spec.weights)
    layer = sources.SOURCES[kind].layer
    probe = _probe(backbone, pre.crop)
    identity = {"model": spec.name, "weights": weights_id, "layer": layer,
                "dim": int(probe[0].shape[1]), "preprocessing": pre.description}
    run, used, notes = runtimes.make_runner(runtime, backbone, identity, pre.crop, device)
    return FeatureModel(spec, run, pre, dim=identity["dim"],
                        classes=(classes or default_classes) if len(probe) > 1 else None,
                        layer=layer, weights_id=weights_id, runtime=used, notes=notes,
                        device=device, embed_text=embed_text,
                        batch_size=BATCH_SIZES["cuda" if device.startswith("cuda") else used])


def _probe(backbone, size: int):
    import torch
    with torch.inference_mode():
        return backbone(torch.zeros(1, 3, size, size))


def _pixels(spec: ModelSpec) -> FeatureModel:
    if not 1 <= spec.size <= 512:
        raise ModelError("size for the pixels model must be between 1 and 512", param="size")
    pre = Preprocess(resize=(spec.size, spec.size), crop=None, mean=None, std=None)

    def run(x: np.ndarray):
        return x.reshape(len(x), -1), None
    return FeatureModel(spec, run, pre, dim=3 * spec.size ** 2, layer="pixels",
                        runtime="numpy", batch_size=BATCH_SIZES["pixels"])


def _read_classes(classes) -> list[str] | None:
    """Class names, one a line, from a regular file under the labels size cap."""
    if classes is None or isinstance(classes, list):
        return classes
    from ..config import Config
    from ..beneath import read_input
    data = read_input(classes, Config.load().max_labels_bytes, "classes", "class names")
    names = [ln.strip() for ln in data.decode("utf-8", "replace").splitlines() if ln.strip()]
    if not names:
        raise ModelError(f"the class names file {classes} is empty", param="classes")
    return names
