"""Decode image bytes safely: every bad or hostile file becomes a reason, never a crash, a
hang or a memory blow-up.

Bounded before any pixel is decoded: only the accepted formats are opened and a JPEG's scans
are counted (formats.py), then the pixel count (IMGSEARCH_MAX_PIXELS) and the memory that
decoding and converting this mode needs (IMGSEARCH_MAX_DECODE_MB) are checked, so a 630 KB
float TIFF or a 257 KB 88-megapixel PNG is refused instead of taking gigabytes. Large JPEGs are
decoded at a reduced DCT scale that still leaves twice the model's input size (features stay
within cosine 0.999 of a full decode; tested). PIL and numpy only: no torch in workers.
"""
from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from ..errors import BadImage, TooLarge
from .formats import MAX_JPEG_SCANS, open_image

# A truncated file must fail loudly, not decode as grey padding.
ImageFile.LOAD_TRUNCATED_IMAGES = False
Image.MAX_IMAGE_PIXELS = None   # our own limits apply, checked before decoding

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp"})
# bytes per pixel while decoding a mode and converting it to 8-bit RGB (the mode itself,
# float32 scaling for deep modes, RGBA copies to composite transparency on white, and the RGB
# result); RGBA measured: a 46 MP image peaks at 1.1 GB, 24 bytes a pixel
_WORK_BYTES = {"1": 4, "L": 4, "P": 16, "LA": 17, "PA": 17, "RGB": 3, "RGBA": 24, "CMYK": 7,
               "YCbCr": 6, "LAB": 6, "HSV": 6, "I;16": 10, "I;16B": 10, "I;16L": 10, "I;16N": 10,
               "I": 12, "F": 12}


@dataclass(frozen=True)
class Limits:
    max_pixels: int = 89_478_485          # PIL's own default
    max_decode_bytes: int = 512 << 20     # decoding + conversion of one image
    max_jpeg_scans: int = MAX_JPEG_SCANS  # decoding time grows with a progressive JPEG's scans

    @classmethod
    def from_config(cls, cfg) -> "Limits":
        return cls(cfg.max_pixels, int(cfg.max_decode_mb) << 20)


@dataclass
class Decoded:
    image: Image.Image   # RGB, EXIF orientation applied (possibly DCT-reduced, see draft)
    width: int           # original size
    height: int


def check_size(img: Image.Image, limits: Limits) -> None:
    w, h = img.size
    if w * h > limits.max_pixels:
        raise TooLarge(f"too many pixels ({w}x{h} > limit {limits.max_pixels})")
    need = w * h * _WORK_BYTES.get(img.mode, 12)
    if img.format == "JPEG":
        need //= 2   # decoded at a reduced scale when large (see draft below)
    if need > limits.max_decode_bytes:
        raise TooLarge(f"too large to decode: {w}x{h} {img.mode} needs about {need >> 20} MB "
                       f"(limit {limits.max_decode_bytes >> 20} MB)")


def decode(data: bytes, limits: Limits = Limits(), draft_short_side: int | None = None) -> Decoded:
    """Bytes to an RGB image, or BadImage with a short reason.

    draft_short_side: decode JPEGs at the smallest DCT scale whose short side is still at
    least this many pixels (2x the model's resize keeps features within cosine 0.999)."""
    if not data:
        raise BadImage("empty file (0 bytes)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = open_image(data, limits.max_jpeg_scans)
            width, height = img.size
            check_size(img, limits)
            if draft_short_side and img.format == "JPEG" and min(width, height) > 2 * draft_short_side:
                scale = draft_short_side / min(width, height)
                img.draft("RGB", (int(np.ceil(width * scale)), int(np.ceil(height * scale))))
            img.load()
            img = ImageOps.exif_transpose(img)
            return Decoded(to_rgb(img), width, height)
    except BadImage:
        raise
    except UnidentifiedImageError:
        raise BadImage("not an image (unrecognised format)") from None
    except Image.DecompressionBombError:
        raise TooLarge("too many pixels") from None
    except MemoryError:
        raise TooLarge("out of memory while decoding") from None
    except (OSError, SyntaxError, ValueError, EOFError, TypeError, IndexError, KeyError,
            struct.error) as e:   # what PIL's decoders raise on broken data
        raise BadImage(f"truncated or corrupt: {str(e)[:160]}") from None


def to_rgb(img: Image.Image) -> Image.Image:
    """Any PIL mode to 8-bit RGB; transparency is composited on white."""
    mode = img.mode
    if mode == "RGB":
        return img
    if mode.startswith("I") or mode == "F":
        return Image.fromarray(_to_uint8(np.asarray(img), mode)).convert("RGB")
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return img.convert("RGB")  # L, 1, P, CMYK, YCbCr, LAB, HSV


def _to_uint8(arr: np.ndarray, mode: str) -> np.ndarray:
    """Scale 16-bit, 32-bit int and float grey images to 0..255 instead of clipping, in
    float32 and in place (a float64 copy of a large TIFF would take 8 bytes a pixel)."""
    x = arr.astype(np.float32)
    np.nan_to_num(x, copy=False)
    if mode == "F":
        top = 1.0 if x.size and float(x.max()) <= 1.0 else 255.0
    elif mode.startswith("I;16") or (x.size and float(x.max()) > 255):
        top = 65535.0
    else:
        top = 255.0
    x *= 255.0 / top
    np.clip(x, 0, 255, out=x)
    np.round(x, out=x)
    return x.astype(np.uint8)
