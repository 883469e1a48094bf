"""Find image files and decode them safely: every bad file becomes a reason, never a crash."""
from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from .errors import BadImage

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp"})

# A truncated file must fail loudly, not decode as grey padding.
ImageFile.LOAD_TRUNCATED_IMAGES = False


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class Decoded:
    image: Image.Image   # RGB, EXIF orientation applied
    width: int           # original size, before any draft downscale
    height: int


def is_image_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS


def scan(root: str | Path) -> tuple[list[Path], list[Skipped]]:
    """All image files under root (recursive, sorted), and the ones refused outright.

    Symlinks are followed only when their target stays inside root.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise BadImage(f"not a directory: {root}")
    found: list[Path] = []
    skipped: list[Skipped] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not is_image_name(name):
                continue
            path = Path(dirpath) / name
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    skipped.append(Skipped(str(path), f"symlink leaves the root (-> {target})"))
                    continue
                if not target.is_file():
                    skipped.append(Skipped(str(path), "broken symlink"))
                    continue
            found.append(path)
    return found, skipped


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: str | Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise BadImage(f"unreadable: {e.strerror or e}") from None


def decode(data: bytes, max_pixels: int, draft_size: int | None = None) -> Decoded:
    """Decode bytes to an RGB image or raise BadImage with a short reason."""
    if not data:
        raise BadImage("empty file (0 bytes)")
    if Image.MAX_IMAGE_PIXELS is not None and max_pixels > Image.MAX_IMAGE_PIXELS:
        Image.MAX_IMAGE_PIXELS = max_pixels  # our own limit is the one that applies
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            width, height = img.size
            if width * height > max_pixels:
                raise BadImage(f"too many pixels ({width}x{height} > limit {max_pixels})")
            if draft_size and img.format == "JPEG":
                img.draft("RGB", (draft_size, draft_size))  # DCT-domain downscale: much faster
            img.load()
            img = ImageOps.exif_transpose(img)
            return Decoded(to_rgb(img), width, height)
    except BadImage:
        raise
    except UnidentifiedImageError:
        raise BadImage("not an image (unrecognised format)") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BadImage(f"too many pixels (limit {max_pixels})") from None
    except (OSError, SyntaxError, ValueError, EOFError) as e:
        raise BadImage(f"truncated or corrupt: {e}") from None


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
    """Scale 16-bit, 32-bit int and float grey images to 0..255 instead of clipping."""
    arr = arr.astype(np.float64)
    if mode == "F":
        top = 1.0 if arr.size and np.nanmax(arr) <= 1.0 else 255.0
    elif mode.startswith("I;16") or (arr.size and arr.max() > 255):
        top = 65535.0
    else:
        top = 255.0
    return np.clip(np.nan_to_num(arr) * (255.0 / top), 0, 255).round().astype(np.uint8)


def load(path: str | Path, max_pixels: int = 89_478_485, draft_size: int | None = None) -> Decoded:
    """Read and decode one file (convenience for queries and tests)."""
    return decode(read_bytes(path), max_pixels, draft_size)
