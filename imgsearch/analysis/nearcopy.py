"""Geometric verification of near-copy candidates: is one image an edited copy of the other?

A global embedding cannot tell "an edited copy of this crop" from "another crop of the same
photo": both share much of their content and sit at the same cosine. Local features can. An
edited copy (cropped, rotated, rescaled, recoloured, blurred, captioned, recompressed, mirrored)
is the other image, or a part of it, seen through one similarity transform: its ORB keypoints
match the other image's, RANSAC finds that transform, and the copy's whole frame maps inside
the other image. A different crop of the same scene matches too, but only over the part the two
share: the transform maps half of its frame outside the other image.

    verdict(a, b)  inliers  the matches consistent with one similarity transform (the better of
                            b as it is and b mirrored)
                   contained  the share of the smaller-looking image's frame that the transform
                            maps inside the other one (sampled on a grid of cell centres)

A pair is a verified copy when inliers >= MIN_INLIERS and contained >= MIN_CONTAINED; a pair
whose images cannot be verified (missing or unreadable files, images under MIN_SIDE pixels,
fewer than MIN_KEYPOINTS keypoints: digits, flat graphics) is left to the caller's cosine rule.
The bounds are calibrated on the development copy set (scripts/bench_quality.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIDE = 320              # images are matched with their long side resized to this
KEYPOINTS = 800         # ORB keypoints per image
MIN_SIDE = 32           # smaller images (icons, digits) carry too little structure
MIN_KEYPOINTS = 40      # fewer keypoints than this: cannot verify
MIN_INLIERS = 12        # matches one similarity transform must explain
MIN_CONTAINED = 0.8     # share of one image's frame that must map inside the other
FAST = 0.01             # FAST corner threshold: low, so blurred copies keep corners
RESIDUAL = 3.0          # RANSAC inlier distance, pixels at SIDE
COSINE_ONLY = 0.76      # pairs that cannot be verified: the cosine-only bound
GRID = 16               # containment sampled on GRID x GRID cell centres
TOLERANCE = 0.03        # a point this far outside the other frame (share of its size) is inside


@dataclass
class Local:
    """An image's keypoints (x, y), ORB descriptors and size; its mirror image's, made when
    first asked for (only pairs with too few matches as they are need it)."""
    xy: np.ndarray
    desc: np.ndarray
    size: tuple[int, int]
    gray: np.ndarray | None = None
    _mirrored: "Local | None" = None

    @property
    def mirrored(self) -> "Local | None":
        if self.gray is not None:
            found = _orb(self.gray[:, ::-1].astype(np.float32) / 255.0)
            self._mirrored = Local(*found, self.size) if found is not None else None
            self.gray = None
        return self._mirrored


@dataclass
class Verdict:
    inliers: int
    contained: float

    @property
    def copy(self) -> bool:
        return self.inliers >= MIN_INLIERS and self.contained >= MIN_CONTAINED


def _orb(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    from skimage.feature import ORB
    orb = ORB(n_keypoints=KEYPOINTS, fast_threshold=FAST)
    try:
        orb.detect_and_extract(gray)
    except (RuntimeError, ValueError, IndexError):     # no corners at all
        return None
    if len(orb.keypoints) < MIN_KEYPOINTS:
        return None
    return orb.keypoints[:, ::-1].astype(np.float64), orb.descriptors


def local_features(path: str) -> Local | None:
    """The image's local features, or None when it cannot be verified."""
    from PIL import Image, ImageOps
    try:
        with Image.open(path) as im:
            im = ImageOps.exif_transpose(im).convert("L")
            if min(im.size) < MIN_SIDE:
                return None
            scale = SIDE / max(im.size)      # one scale for all: a half-size copy matches
            im = im.resize((max(1, round(im.size[0] * scale)), max(1, round(im.size[1] * scale))),
                           Image.BILINEAR)
            gray = np.asarray(im, dtype=np.uint8)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    seen = _orb(gray.astype(np.float32) / 255.0)
    if seen is None:
        return None
    return Local(*seen, (gray.shape[1], gray.shape[0]), gray)


def _contained(model, size_a, size_b) -> float:
    """Share of a's frame that the transform a -> b maps inside b's frame."""
    (wa, ha), (wb, hb) = size_a, size_b
    c = (np.arange(GRID) + 0.5) / GRID
    gx, gy = np.meshgrid(c * wa, c * ha)
    p = model(np.c_[gx.ravel(), gy.ravel()])
    tx, ty = TOLERANCE * wb, TOLERANCE * hb
    return float(((p[:, 0] >= -tx) & (p[:, 0] <= wb + tx) & (p[:, 1] >= -ty) & (p[:, 1] <= hb + ty)).mean())


def _match(a: Local, b: Local) -> Verdict:
    from skimage.feature import match_descriptors
    from skimage.measure import ransac
    from skimage.transform import SimilarityTransform
    m = match_descriptors(a.desc, b.desc, cross_check=True, max_ratio=0.8)
    if len(m) < MIN_INLIERS:
        return Verdict(len(m), 0.0)
    model, inl = ransac((a.xy[m[:, 0]], b.xy[m[:, 1]]), SimilarityTransform, min_samples=2,
                        residual_threshold=RESIDUAL, max_trials=300,
                        stop_probability=0.99, rng=0)
    if model is None or inl is None:
        return Verdict(0, 0.0)
    ok = int(inl.sum())
    if ok < MIN_INLIERS:
        return Verdict(ok, 0.0)
    try:
        back = SimilarityTransform(np.linalg.inv(model.params))
    except np.linalg.LinAlgError:
        return Verdict(ok, 0.0)
    return Verdict(ok, max(_contained(model, a.size, b.size), _contained(back, b.size, a.size)))


def verdict(a: Local, b: Local) -> Verdict:
    """Whether b is an edited copy of a (or the reverse): b as it is, or b mirrored when b as
    it is matches too little (an overlapping crop that matches well is not a mirror image)."""
    best = _match(a, b)
    if best.inliers < MIN_INLIERS and b.mirrored is not None:
        flip = _match(a, b.mirrored)
        if flip.copy or flip.inliers > best.inliers:
            best = flip
    return best


def verify_pairs(paths, rows: np.ndarray, cols: np.ndarray):
    """(copy, checked) boolean arrays over the pairs (rows[i], cols[i]) of positions in paths:
    checked is False where either image cannot be verified (the caller decides those)."""
    cache: dict[int, Local | None] = {}
    uses = np.bincount(np.concatenate([rows, cols]).astype(np.int64)) if len(rows) else []

    def feats(i):
        if i not in cache:
            cache[i] = local_features(paths[i]) if paths[i] else None
        return cache[i]

    copy = np.zeros(len(rows), bool)
    checked = np.zeros(len(rows), bool)
    for k in np.lexsort((cols, rows)):          # by first image: features freed once used up
        i, j = int(rows[k]), int(cols[k])
        a, b = feats(i), feats(j)
        if a is not None and b is not None:
            checked[k] = True
            copy[k] = verdict(a, b).copy
        for m in (i, j):
            uses[m] -= 1
            if uses[m] == 0:
                cache.pop(m, None)
    return copy, checked


def linked(paths, rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
           cosine_only: float = COSINE_ONLY) -> np.ndarray:
    """Which candidate pairs are near copies: verified geometrically where both images can be
    verified; otherwise (digits, icons, missing files) by cosine >= cosine_only alone.
    Identical features (>= 0.995) always are."""
    copy, checked = verify_pairs(paths, rows, cols)
    return np.where(checked, copy, sims >= cosine_only) | (sims >= 0.995)
