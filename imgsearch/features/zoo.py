"""Models from the timm and OpenCLIP zoos, for users with a network.

  timm/<name>[.<tag>]       e.g. timm/convnext_small.fb_in22k, timm/vit_small_patch14_dinov2
  openclip/<arch>[:<tag>]   e.g. openclip/ViT-B-32:laion2b_s34b_b79k (text search too)
Plain names work when they are not torchvision's: `convnext_small.fb_in22k`, `ViT-B-32`.
Each brings its own preprocessing from the model's config (size, crop, mean/std, bicubic),
not our ImageNet default. Weights download on the user's machine; `weights="random"` builds
the architecture untrained (how the tests check the plumbing without a download).
"""
from __future__ import annotations

import contextlib
import io
import logging
import os

import torch
from torch import nn

from ..errors import ModelError
from .base import Preprocess


def parse(name: str) -> tuple[str, str] | None:
    """(zoo, model name) when `name` belongs to timm or OpenCLIP, else None."""
    for prefix, zoo in (("timm/", "timm"), ("timm:", "timm"), ("openclip/", "openclip"),
                        ("openclip:", "openclip"), ("open_clip/", "openclip")):
        if name.startswith(prefix):
            return zoo, name[len(prefix):]
    try:
        import timm
        if timm.is_model(name.split(".")[0]) and name.split(".")[0] in timm.list_models():
            return "timm", name
    except ImportError:
        pass
    try:
        import open_clip
        if name.split(":")[0] in open_clip.list_models():
            return "openclip", name
    except ImportError:
        pass
    return None


def _download_error(zoo: str, name: str, e: Exception) -> ModelError:
    return ModelError(f"cannot download the {zoo} weights of {name} ({type(e).__name__}: "
                      f"{str(e).splitlines()[0][:160] if str(e) else ''}). Fix: run once with a "
                      "network (the weights are cached), give the weights of a local checkpoint, "
                      "or use the offline default efficientnet-lite0", param="weights")


class TimmBackbone(nn.Module):
    """x -> (pre-logits features, logits or None), as timm defines them for every model."""

    def __init__(self, net):
        super().__init__()
        self.net, self.has_logits, self.pooling = net, net.num_classes > 0, "model"

    def forward(self, x):
        feats = self.net.forward_head(self.net.forward_features(x), pre_logits=True)
        if self.has_logits:
            return feats, self.net.get_classifier()(feats)
        return (feats,)


class ClipBackbone(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.visual, self.has_logits, self.pooling = model.visual, False, "model"

    def forward(self, x):
        return (self.visual(x),)


def build_timm(name: str, weights: str | None):
    import timm
    pretrained = weights != "random"
    try:
        with torch.random.fork_rng():
            torch.manual_seed(0)
            net = timm.create_model(name, pretrained=pretrained and weights is None)
    except RuntimeError as e:
        if "Unknown model" in str(e):
            raise ModelError(f"unknown timm model {name!r}", param="model") from None
        raise _download_error("timm", name, e) from None
    except Exception as e:       # hub errors: no network, no such tag
        raise _download_error("timm", name, e) from None
    if weights not in (None, "random"):
        from .torch_models import load_checkpoint
        state, sha = load_checkpoint(weights)
        try:
            net.load_state_dict(state)
        except RuntimeError as e:
            raise ModelError(f"{weights} does not fit {name}: {str(e).splitlines()[0]}",
                             param="weights") from None
        weights_id = f"sha256:{sha}"
    else:
        weights_id = "random:seed0" if not pretrained else f"timm:{net.pretrained_cfg.get('hf_hub_id') or name}"
    cfg = timm.data.resolve_data_config({}, model=net)
    size = cfg["input_size"][-1]
    pre = Preprocess(resize=int(size / cfg.get("crop_pct", 1.0)), crop=size, mean=tuple(cfg["mean"]),
                     std=tuple(cfg["std"]), norm_name=_norm_name(cfg["mean"]),
                     interpolation=cfg.get("interpolation", "bilinear"))
    classes = None
    if net.num_classes == 1000:
        from .torch_models import imagenet_classes
        classes = imagenet_classes()
    return TimmBackbone(net.eval()), weights_id, classes, pre


def build_openclip(name: str, weights: str | None):
    import open_clip
    arch, _, tag = name.partition(":")
    pretrained = None if weights == "random" else (weights or tag or _default_tag(arch))
    # a checkpoint file is read here, as a state dict only; OpenCLIP is given no path to load
    state = None
    checkpoint = weights if weights not in (None, "random") else (
        tag if tag and os.path.lexists(tag) else None)     # "arch:/path/to/file.pt"
    if checkpoint is not None:
        from .torch_models import load_checkpoint
        state, _ = load_checkpoint(checkpoint)
    try:
        with torch.random.fork_rng(), contextlib.redirect_stderr(io.StringIO()):
            torch.manual_seed(0)
            logging.getLogger().setLevel(logging.ERROR)
            model, _, _ = open_clip.create_model_and_transforms(
                arch, pretrained=None if state is not None else pretrained)
    except RuntimeError as e:
        if "Model config for" in str(e) or "not found" in str(e):
            raise ModelError(f"unknown OpenCLIP model {arch!r}", param="model") from None
        raise _download_error("OpenCLIP", name, e) from None
    except Exception as e:
        raise _download_error("OpenCLIP", name, e) from None
    if state is not None:
        try:
            model.load_state_dict(state)
        except RuntimeError as e:
            raise ModelError(f"{checkpoint} does not fit {arch}: {str(e).splitlines()[0]}",
                             param="weights") from None
    size = model.visual.image_size
    size = size[0] if isinstance(size, (tuple, list)) else size
    mean = getattr(model.visual, "image_mean", None) or open_clip.OPENAI_DATASET_MEAN
    std = getattr(model.visual, "image_std", None) or open_clip.OPENAI_DATASET_STD
    pre = Preprocess(resize=size, crop=size, mean=tuple(mean), std=tuple(std), norm_name="clip",
                     interpolation="bicubic")
    weights_id = "random:seed0" if pretrained is None else f"openclip:{arch}:{pretrained}"
    tokenizer = open_clip.get_tokenizer(arch)
    model.eval()

    def embed_text(texts: list[str]):
        import numpy as np
        with torch.inference_mode():
            return model.encode_text(tokenizer(texts)).float().numpy().astype(np.float32)
    return ClipBackbone(model), weights_id, None, pre, embed_text


def _default_tag(arch: str) -> str | None:
    import open_clip
    tags = open_clip.list_pretrained_tags_by_model(arch)
    return tags[0] if tags else None


def _norm_name(mean) -> str:
    known = {(0.485, 0.456, 0.406): "imagenet", (0.5, 0.5, 0.5): "half",
             (0.48145466, 0.4578275, 0.40821073): "clip"}
    return known.get(tuple(round(m, 8) for m in mean), "mean" + "-".join(f"{m:.3f}" for m in mean))
