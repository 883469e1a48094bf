"""Near-copies as people make them, seeded: the copy-retrieval sets that measure and test
whether an edited copy of a photo is found beside its original.

Each copy applies EDITS_PER_COPY edits drawn at random from EDITS, in a fixed order
(geometry, then colour, blur, text, size, and JPEG last, as an editor then a website would):

  crop     keep 50-90 % of the area, anywhere in the image
  rotate   3-10 degrees either way, cropped to the largest upright rectangle inside
  colour   brightness, contrast and saturation each scaled by 0.7-1.3
  blur     gaussian, radius 0.4-0.8 % of the short side
  text     a caption drawn over the image (white with a dark outline, 6-9 % of the height)
  resize   half the width and height
  jpeg     re-encoded at quality 30-50

`write_copy_set` writes originals and their copies; `write_crop_set` writes several distinct
crops of each photo, each with one copy: distinct images that overlap, the hard case for
duplicate groups.
"""
from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

EDITS = ("crop", "rotate", "colour", "blur", "text", "resize", "jpeg")
EDITS_PER_COPY = 3
CAPTIONS = ("holiday 2019", "(c) photo club", "best day ever", "IMG_2043", "family album",
            "look at this!", "sample", "www.example.org")


def _crop(img, rng):
    w, h = img.size
    area = rng.uniform(0.5, 0.9)
    aspect = math.exp(rng.uniform(-0.2, 0.2))
    cw = min(w, max(8, round(w * math.sqrt(area * aspect))))
    ch = min(h, max(8, round(h * math.sqrt(area / aspect))))
    x, y = rng.integers(0, w - cw + 1), rng.integers(0, h - ch + 1)
    return img.crop((int(x), int(y), int(x + cw), int(y + ch)))


def _rotate(img, rng):
    angle = rng.uniform(3, 10) * rng.choice([-1, 1])
    w, h = img.size
    out = img.rotate(angle, resample=Image.BILINEAR, expand=False)
    a = math.radians(abs(angle))        # the largest axis-aligned rectangle inside the turn
    long, short = max(w, h), min(w, h)
    if short <= 2 * math.sin(a) * math.cos(a) * long:
        x = 0.5 * short
        wr, hr = (x / math.sin(a), x / math.cos(a)) if w >= h else (x / math.cos(a), x / math.sin(a))
    else:
        cos2 = math.cos(a) ** 2 - math.sin(a) ** 2
        wr, hr = (w * math.cos(a) - h * math.sin(a)) / cos2, (h * math.cos(a) - w * math.sin(a)) / cos2
    left, top = (w - wr) / 2, (h - hr) / 2
    return out.crop((math.ceil(left), math.ceil(top), math.floor(left + wr), math.floor(top + hr)))


def _colour(img, rng):
    for enhancer in (ImageEnhance.Brightness, ImageEnhance.Contrast, ImageEnhance.Color):
        img = enhancer(img).enhance(rng.uniform(0.7, 1.3))
    return img


def _blur(img, rng):
    return img.filter(ImageFilter.GaussianBlur(min(img.size) * rng.uniform(0.004, 0.008)))


def _text(img, rng):
    img = img.copy()
    w, h = img.size
    size = max(8, round(h * rng.uniform(0.06, 0.09)))
    font = ImageFont.load_default(size=size)
    caption = str(rng.choice(CAPTIONS))
    draw = ImageDraw.Draw(img)
    tw = draw.textlength(caption, font=font)
    x = rng.uniform(0.02 * w, max(0.02 * w, w - tw - 0.02 * w))
    y = rng.uniform(0.02 * h, max(0.02 * h, h - 1.3 * size - 0.02 * h))
    draw.text((x, y), caption, font=font, fill=(255, 255, 255),
              stroke_width=max(1, size // 12), stroke_fill=(20, 20, 20))
    return img


def _resize(img, rng):
    w, h = img.size
    return img.resize((max(8, w // 2), max(8, h // 2)), Image.BILINEAR)


def _jpeg(img, rng):
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=int(rng.integers(30, 51)))
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


_APPLY = {"crop": _crop, "rotate": _rotate, "colour": _colour, "blur": _blur, "text": _text,
          "resize": _resize, "jpeg": _jpeg}


def edit(img: Image.Image, kind: str, rng: np.random.Generator) -> Image.Image:
    """One edit of the given kind, its strength drawn from rng."""
    return _APPLY[kind](img.convert("RGB"), rng)


def near_copy(img: Image.Image, rng: np.random.Generator,
              n_edits: int = EDITS_PER_COPY) -> tuple[Image.Image, list[str]]:
    """(the copy, the edits applied in order): n_edits distinct edits drawn from rng."""
    chosen = set(rng.choice(len(EDITS), size=n_edits, replace=False).tolist())
    kinds = [k for i, k in enumerate(EDITS) if i in chosen]
    for kind in kinds:
        img = edit(img, kind, rng)
    return img, kinds


def _save(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.convert("RGB").save(path, quality=92)


def write_copy_set(images: dict[str, Image.Image], dest: Path, seed: int = 0,
                   copies: int = 1) -> pd.DataFrame:
    """Each image (name -> PIL, a name may hold a class folder: 'bird/x') and `copies` edited
    copies of it under dest. Returns path (relative to dest), family, variant, edits."""
    rows = []
    for i, (name, img) in enumerate(images.items()):
        rng = np.random.default_rng([seed, i])
        rel = f"{name}.jpg"
        _save(img, dest / rel)
        rows.append((rel, name, "original", ""))
        for c in range(copies):
            copy, kinds = near_copy(img, rng)
            rel = f"{name}__copy{c}.jpg"
            _save(copy, dest / rel)
            rows.append((rel, name, f"copy{c}", "+".join(kinds)))
    return pd.DataFrame(rows, columns=["path", "family", "variant", "edits"])


def crops(img: Image.Image, n: int = 3, width: float = 0.5) -> list[Image.Image]:
    """n overlapping windows across the long side, each `width` of it (0.5 and n=3: left, middle
    and right halves, each sharing half its area with the next): distinct images of one scene."""
    w, h = img.size
    long = w if w >= h else h
    size = round(long * width)
    starts = np.linspace(0, long - size, n).round().astype(int)
    return [img.crop((s, 0, s + size, h)) if w >= h else img.crop((0, s, w, s + size))
            for s in starts]


def write_crop_set(images: dict[str, Image.Image], dest: Path, seed: int = 0,
                   n: int = 3) -> pd.DataFrame:
    """n distinct crops of each image, each with one edited copy. `family` names the crop (the
    copy's original); `photo` the image the crops share."""
    wide = {}
    for name, img in images.items():
        for j, c in enumerate(crops(img, n)):
            wide[f"{name}__crop{j}"] = c
    table = write_copy_set(wide, dest, seed=seed)
    table["photo"] = table["family"].str.rsplit("__crop", n=1).str[0]
    return table


def folder_images(root: Path, limit: int | None = None) -> dict[str, Image.Image]:
    """The images under root as {'class/stem': PIL RGB}, sorted by path."""
    files = sorted(p for p in Path(root).rglob("*")
                   if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp") and "__copy" not in p.stem)
    files = files[:limit] if limit else files
    return {f"{p.parent.name}/{p.stem}": Image.open(p).convert("RGB") for p in files}
