"""Batched JPEG decoding on the GPU (nvJPEG through torchvision.io.decode_jpeg), with the same
resize / crop / normalise as the CPU path. Non-JPEG files and anything nvJPEG refuses (CMYK,
corrupt data) fall back to the CPU decoder, file by file.

Everything here also runs with device="cpu", which is how CI tests it without a GPU.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..errors import BadImage
from .decode import Limits, check_size, decode
from .formats import open_image
from .sources import read_file


def _read(item, limits: Limits, max_file_bytes: int):
    """In a thread: the bytes and a header check; (id, kind, payload, w, h, reason)."""
    image_id, path = item
    try:
        data = read_file(path, max_file_bytes)
        if not data:
            raise BadImage("empty file (0 bytes)")
        try:
            head = open_image(data, limits.max_jpeg_scans)   # accepted formats, bounded scans
        except BadImage:
            raise
        except Exception:
            raise BadImage("not an image (unrecognised format)") from None
        check_size(head, limits)
        if head.format == "JPEG" and head.mode in ("RGB", "L"):
            return image_id, "jpeg", data, head.width, head.height, None
        return image_id, "bytes", data, head.width, head.height, None
    except BadImage as e:
        return image_id, None, None, 0, 0, str(e)


def preprocess_frames(frames, preprocess, device):
    """uint8 CHW frames (any size, on any device) -> normalised N x 3 x crop x crop float."""
    import torch
    from torchvision.transforms.v2 import functional as F
    out = []
    for f in frames:
        if f.shape[0] == 1:
            f = f.expand(3, -1, -1)
        if isinstance(preprocess.resize, tuple):     # the whole image to the input square
            out.append(F.resize(f, list(preprocess.resize)[::-1], antialias=True))
            continue
        f = F.resize(f, preprocess.resize, antialias=True)
        out.append(F.center_crop(f, [preprocess.crop, preprocess.crop]))
    x = torch.stack(out).float().div_(255.0)
    mean = torch.tensor(preprocess.mean, device=x.device).view(1, 3, 1, 1)
    std = torch.tensor(preprocess.std, device=x.device).view(1, 3, 1, 1)
    return (x - mean) / std


def decode_batch_on(batch, device, limits: Limits, preprocess):
    """Decode a batch's JPEGs together on device; returns (meta rows, tensor or None, bad)."""
    import torch
    import torchvision.io as tvio
    bad = [(b[0], b[5]) for b in batch if b[1] is None]
    jpegs = [b for b in batch if b[1] == "jpeg"]
    others = [b for b in batch if b[1] == "bytes"]
    decoded = []
    if jpegs:
        tensors = [torch.frombuffer(bytearray(b[2]), dtype=torch.uint8) for b in jpegs]
        try:
            decoded = list(zip(jpegs, tvio.decode_jpeg(tensors, device=device,
                                                       apply_exif_orientation=True)))
        except RuntimeError:  # one bad file fails the batch call: decode one by one
            for b, t in zip(jpegs, tensors):
                try:
                    decoded.append((b, tvio.decode_jpeg(t, device=device, apply_exif_orientation=True)))
                except RuntimeError:
                    others.append(b)   # the CPU decoder may still manage, or give the reason
    ready, meta = [], []
    for b in others:
        try:
            dec = decode(b[2], limits)
            ready.append(torch.from_numpy(preprocess(dec.image)))
            meta.append((b[0], dec.width, dec.height))
        except BadImage as e:
            bad.append((b[0], str(e)))
    parts = []
    if decoded:
        parts.append(preprocess_frames([f for _, f in decoded], preprocess, device))
        meta = [(b[0], b[3], b[4]) for b, _ in decoded] + meta
    if ready:
        parts.append(torch.stack(ready).to(device))
    x = torch.cat(parts) if parts else None
    return np.array(meta, dtype=np.int64).reshape(-1, 3), x, bad


def decode_on_gpu(items, device, limits: Limits, max_file_bytes: int, batch_size: int, preprocess):
    """The items in batches of batch_size, each as decode_batch_on returns it; the files are
    read by 8 threads while the GPU decodes."""
    chunks = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    with ThreadPoolExecutor(max_workers=8) as readers:
        for chunk in chunks:
            batch = list(readers.map(lambda it: _read(it, limits, max_file_bytes), chunk))
            yield decode_batch_on(batch, device, limits, preprocess)
