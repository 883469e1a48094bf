"""Collection-level post-processing of model features.

Learned on the collection when it is indexed, stored with it (`postprocess.npz`, named in the
manifest), and applied to every stored vector and every query, so both live in one space:

  none     raw features, L2-normalised
  center   subtract the collection's mean unit feature, then L2-normalise (the default)
  whiten   centre, then a mild PCA whitening (eigenvalues^-0.15, Ledoit-Wolf shrinkage toward
           their mean), then L2-normalise

Both transforms are an invertible affine map followed by L2 normalisation, so the raw unit
feature of any stored vector is recovered exactly (`invert`) without keeping a second copy:
that is how the fit is refreshed when the collection grows, how duplicates are judged on raw
features, and how maps place new points in the space they were fitted in.
Measured on the 233 gcompris photos (precision@10, Lite0 with GeM and inception norm): none
0.747, center 0.774, center + k-reciprocal re-ranking 0.812 (see README, bench_quality.py).
"""
from __future__ import annotations

import numpy as np

from ..errors import InvalidArgument

METHODS = ("none", "center", "whiten")
MIN_FIT = 16            # below this many images the mean is noise: nothing is fitted (measured on
                        # random subsets of 16-160 photos: from 16 on, centring with re-ranking
                        # is the best or within the noise of the best; README)
MAX_FIT = 20_000        # fit on a sample of at most this many vectors
WHITEN_POWER = 0.15
REFIT_GROWTH = 1.2      # refit when the collection has grown by 20 % since the last fit


def check(method: str | None) -> str:
    method = method or "center"
    if method not in METHODS:
        raise InvalidArgument(f"unknown postprocess {method!r}; choose {', '.join(METHODS)}",
                              param="postprocess")
    return method


def unit(x) -> np.ndarray:
    x = np.atleast_2d(np.asarray(x, dtype=np.float32))
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def ledoit_wolf(xc: np.ndarray) -> float:
    """Ledoit-Wolf shrinkage intensity for centred rows (sklearn's formula, assume_centered):
    near 1 when n << d, falling as n grows."""
    n, d = xc.shape
    gram = xc @ xc.T if n <= d else xc.T @ xc
    sq = (xc ** 2).sum(1)
    mu = sq.sum() / (n * d)
    delta_ = (gram ** 2).sum() / n ** 2
    beta = ((sq ** 2).sum() / n - delta_) / (d * n)
    delta = (delta_ - d * mu ** 2) / d
    return float(min(beta, delta) / delta) if delta > 0 else 1.0


def fit(vectors: np.ndarray, method: str, seed: int = 0) -> dict:
    """Parameters of the transform, fitted on raw features (n x d): {"mean", "matrix"} with
    matrix None for centring. Fewer than MIN_FIT vectors give the identity (mean 0)."""
    x = unit(vectors).astype(np.float64)
    n, d = x.shape
    if method == "none" or n < MIN_FIT:
        return {"mean": np.zeros(d, np.float32), "matrix": None}
    if n > MAX_FIT:
        x = x[np.random.default_rng(seed).choice(n, MAX_FIT, replace=False)]
        n = MAX_FIT
    mean = x.mean(0)
    if method == "center":
        return {"mean": mean.astype(np.float32), "matrix": None}
    xc = x - mean
    lam, vecs = np.linalg.eigh(xc.T @ xc / n)         # d x d: full rank, so invertible
    lam = np.clip(lam, 0, None)
    rho = ledoit_wolf(xc)
    shrunk = (1 - rho) * lam + rho * lam.sum() / d
    shrunk = np.maximum(shrunk, shrunk.max() * 1e-6)
    return {"mean": mean.astype(np.float32),
            "matrix": (vecs * shrunk ** -WHITEN_POWER).astype(np.float32)}


def apply(params: dict | None, x) -> np.ndarray:
    """Raw features (n x d) into the collection's space: L2, centre, (whiten), L2."""
    if not params:
        return np.asarray(np.atleast_2d(x), dtype=np.float32)
    y = unit(x) - params["mean"]
    if params.get("matrix") is not None:
        y = y @ params["matrix"]
    return unit(y)


def invert(params: dict | None, y) -> np.ndarray:
    """Stored vectors (in the collection's space) back to raw unit features. y is a unit
    vector along A^T (x - m) with |x| = 1, so x = m + s A^-T y for the s > 0 that makes
    |x| = 1 (a quadratic)."""
    y = np.atleast_2d(np.asarray(y, dtype=np.float64))
    if not params:
        return y.astype(np.float32)
    m = params["mean"].astype(np.float64)
    u = y if params.get("matrix") is None else y @ _inverse(params)
    s = _scale((u * u).sum(1), u @ m, m @ m)
    return unit(m + s[:, None] * u)


def _scale(uu, mu, mm) -> np.ndarray:
    """The s > 0 with |m + s u| = 1, from |u|^2, u . m and |m|^2 (the discriminant clipped at 0)."""
    return (-mu + np.sqrt(np.maximum(mu ** 2 - uu * (mm - 1.0), 0))) / np.maximum(uu, 1e-30)


def raw_cosines(params: dict | None, y, raw_q) -> np.ndarray:
    """Cosines of the raw features of stored vectors y (n x d) to a raw unit feature raw_q:
    invert(params, y) @ raw_q. For centring (no matrix) without building the n raw rows: with
    x = m + s y and |x| = 1, x . q = m . q + s (y . q), from two dot products a row (a
    search's 100 candidates: 0.08 ms against 0.33 ms through invert)."""
    if not params or params.get("matrix") is not None:
        return invert(params, y) @ np.asarray(raw_q, dtype=np.float32)
    y = np.atleast_2d(np.asarray(y, dtype=np.float32))
    m = params["mean"].astype(np.float64)
    dots = (y @ np.stack([raw_q, params["mean"]]).astype(np.float32).T).astype(np.float64)
    yq, ym = dots[:, 0], dots[:, 1]
    yy = np.einsum("ij,ij->i", y, y).astype(np.float64)
    mm = m @ m
    s = _scale(yy, ym, mm)
    norm = np.sqrt(np.maximum(mm + 2 * s * ym + s * s * yy, 1e-30))   # 1 unless clipped
    return ((m @ np.asarray(raw_q, np.float64) + s * yq) / norm).astype(np.float32)


def _inverse(params: dict) -> np.ndarray:
    """A^-1, computed once per fitted space and kept in its parameters: solving the d x d
    system on every call cost 130-220 ms at 768-1,280 dimensions, twice a search."""
    inverse = params.get("_inverse")
    if inverse is None:
        inverse = params["_inverse"] = np.linalg.inv(params["matrix"].astype(np.float64))
    return inverse


def save(params: dict, path) -> None:
    from ..atomic import atomic_write
    atomic_write(path, lambda f: np.savez(f, mean=params["mean"], **(
        {"matrix": params["matrix"]} if params.get("matrix") is not None else {})))


def load(path) -> dict:
    with np.load(path) as data:
        return {"mean": data["mean"], "matrix": data["matrix"] if "matrix" in data else None}
