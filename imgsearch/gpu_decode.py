"""Batched JPEG decoding on the device (nvJPEG through torchvision.io.decode_jpeg), with the
same resize / crop / normalise as the CPU path. Non-JPEG files and anything nvJPEG refuses
(CMYK, progressive oddities, corrupt data) fall back to the CPU decoder, file by file.

Everything here also runs on the CPU (device="cpu"), which is how CI tests it without a GPU.
"""
from __future__ import annotations

import io

import numpy as np
import torch
import torchvision.io as tvio
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms.v2 import functional as F

from . import images
from .errors import BadImage
from .models import IMAGENET_MEAN, IMAGENET_STD, FeatureModel


def available() -> bool:
    return torch.cuda.is_available()


class JpegBytes(Dataset):
    """Workers only read bytes and check headers; JPEGs are decoded later, batched, on the device."""

    def __init__(self, items, model: FeatureModel, max_pixels: int):
        self.items, self.model, self.max_pixels = items, model, max_pixels

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        image_id, path = self.items[i]
        try:
            data = images.read_bytes(path)
            if not data:
                raise BadImage("empty file (0 bytes)")
            try:
                head = Image.open(io.BytesIO(data))
                w, h, fmt, mode = head.width, head.height, head.format, head.mode
            except Exception:
                raise BadImage("not an image (unrecognised format)") from None
            if w * h > self.max_pixels:
                raise BadImage(f"too many pixels ({w}x{h} > limit {self.max_pixels})")
            if fmt == "JPEG" and mode in ("RGB", "L"):
                return image_id, "jpeg", torch.frombuffer(bytearray(data), dtype=torch.uint8), w, h, None
            dec = images.decode(data, self.max_pixels, self.model.draft_size)
            return image_id, "tensor", self.model.preprocess(dec.image), dec.width, dec.height, None
        except BadImage as e:
            return image_id, None, None, 0, 0, str(e)


def collate(batch):
    return batch  # mixed payloads: handled by to_batch


def preprocess_decoded(frames: list[torch.Tensor]) -> torch.Tensor:
    """uint8 CHW frames (any size, on any device) -> normalised N x 3 x 224 x 224 float."""
    out = []
    for f in frames:
        if f.shape[0] == 1:
            f = f.expand(3, -1, -1)
        f = F.resize(f, 256, antialias=True)
        out.append(F.center_crop(f, [224, 224]))
    x = torch.stack(out).float().div_(255.0)
    mean = torch.tensor(IMAGENET_MEAN, device=x.device).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD, device=x.device).view(1, 3, 1, 1)
    return (x - mean) / std


def to_batch(batch, device: torch.device, max_pixels: int, draft_size: int, preprocess):
    """Decode a batch's JPEGs together on device; returns (meta rows, tensor, bad list)."""
    bad = [(b[0], b[5]) for b in batch if b[1] is None]
    jpegs = [b for b in batch if b[1] == "jpeg"]
    ready = [b for b in batch if b[1] == "tensor"]
    decoded = []
    if jpegs:
        try:
            frames = tvio.decode_jpeg([b[2] for b in jpegs], device=device,
                                      apply_exif_orientation=True)
            decoded = list(zip(jpegs, frames))
        except RuntimeError:  # one bad file fails the batch call: decode one by one
            for b in jpegs:
                try:
                    decoded.append((b, tvio.decode_jpeg(b[2], device=device,
                                                        apply_exif_orientation=True)))
                except RuntimeError:
                    try:   # the CPU decoder may still manage (or give the precise reason)
                        dec = images.decode(b[2].numpy().tobytes(), max_pixels, draft_size)
                        ready.append((b[0], "tensor", preprocess(dec.image), dec.width, dec.height, None))
                    except BadImage as e:
                        bad.append((b[0], str(e)))
    parts, meta = [], []
    if decoded:
        parts.append(preprocess_decoded([f for _, f in decoded]))
        meta += [(b[0], b[3], b[4]) for b, _ in decoded]
    if ready:
        parts.append(torch.stack([b[2] for b in ready]).to(device))
        meta += [(b[0], b[3], b[4]) for b in ready]
    x = torch.cat(parts) if parts else None
    return np.array(meta, dtype=np.int64).reshape(-1, 3), x, bad
