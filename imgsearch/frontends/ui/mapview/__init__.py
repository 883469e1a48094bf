"""The image-first map: a small custom Streamlit component (WebGL 2 and deck.gl), offline.

Python packs the points into compact binary blobs (x, y as float32, image_id as int32: 12
bytes a point; a colour or hover column as uint16 codes: 2 bytes a point), registers them
here under a content hash (as gzipped byte planes, see register) and passes only their URLs. The app's own HTTP routes (routes.py)
serve them with `immutable` caching, so a warm reload moves almost nothing and a rerun
(a click, a lasso) never resends the points. Thumbnails come from `/thumb/...` (the hover)
and from one sprite sheet of a spatially even sample (drawn on the map when zoomed in).

The browser draws the points with one draw call (their density when more than a budget are
in view) and answers hover, clicks and the lasso from a k-d tree of the points; it keeps the
selection marker and clear. Python receives events and answers (neighbours, tables). The JS
source and its build note are in js/.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import re
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
MISSING = 65535
MAX_CODES = 65534
_component = None

# -- palettes ---------------------------------------------------------------------------
# Paul Tol's "muted" set (colour-blind safe) plus black: for up to 10 categories.
TOL_MUTED = ["#332288", "#CC6677", "#117733", "#DDAA33", "#88CCEE", "#882255", "#44AA99",
             "#999933", "#AA4499", "#000000"]
# For 11-24 categories (no palette that size is colour-blind safe: the legend says so).
MANY = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf", "#393b79", "#e6550d", "#31a354", "#843c39", "#7b4173", "#3182bd",
        "#fd8d3c", "#74c476", "#ad494a", "#a55194", "#6b6ecf", "#bd9e39", "#637939", "#d6616b"]
MISSING_RGB = [190, 190, 190]
CORRECT_RGB = {"correct": [0, 114, 178], "wrong": [213, 94, 0]}   # Okabe-Ito blue / vermillion


def hex_rgb(h: str) -> list[int]:
    h = h.lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)]


def category_palette(n: int) -> tuple[list[list[int]], str | None]:
    if n <= len(TOL_MUTED):
        return [hex_rgb(c) for c in TOL_MUTED[:n]], None
    if n <= len(MANY):
        return [hex_rgb(c) for c in MANY[:n]], f"{n} categories: too many for a colour-blind-safe palette"
    import colorsys
    out = []
    for i in range(n):   # golden-angle hues, three lightness bands: distinct neighbours
        r, g, b = colorsys.hls_to_rgb((i * 0.618034) % 1.0, (0.35, 0.5, 0.65)[i % 3], 0.75)
        out.append([int(r * 255), int(g * 255), int(b * 255)])
    return out, f"{n} categories: colours are hard to tell apart; filter or colour by another column"


def number_palette(steps: int = 256) -> list[list[int]]:
    """Viridis without its palest yellow end, so every value stays visible on white."""
    from plotly.colors import sample_colorscale, sequential
    cols = sample_colorscale(sequential.Viridis, list(np.linspace(0.0, 0.85, steps)),
                             colortype="rgb")
    return [[int(float(v)) for v in re.findall(r"[\d.]+", c)] for c in cols]


def natural_key(v) -> tuple:
    s = str(v)
    try:
        return (0, float(s), s)
    except ValueError:
        return (1, 0.0, s.lower())


# -- blobs served by routes.py ------------------------------------------------------------
# Each blob is an array of fixed-width little-endian numbers, kept as its byte planes (every
# element's first byte, then every second byte, ...) and gzipped once when registered. The
# planes put the slowly-changing high bytes of nearby floats, ids and codes side by side, so
# gzip at its fastest level packs 1M points' geometry into 6.7 MB (8.6 MB unplaned at level 9),
# and once means no request pays for compressing it (at level 9 on every request, as a
# compressing middleware would, that took 0.8 s for 1M points' geometry and 1.2 s per column).
_BLOBS: OrderedDict[str, tuple[bytes, int, str]] = OrderedDict()
_BLOB_LIMIT = 512 << 20
_lock = threading.Lock()


def register(values: np.ndarray, suffix: str = "bin", media: str = "application/octet-stream") -> str:
    """Keep an array under a content hash; returns the URL the browser fetches it from."""
    values = np.ascontiguousarray(values)
    width = values.dtype.itemsize
    planes = values.view(np.uint8).reshape(-1, width).T.tobytes()
    token = hashlib.blake2b(planes + bytes([width]), digest_size=12).hexdigest()
    with _lock:
        if token in _BLOBS:
            _BLOBS.move_to_end(token)
            return f"/mapdata/{token}.{suffix}"
    packed = gzip.compress(planes, compresslevel=1, mtime=0)
    with _lock:
        _BLOBS[token] = (packed, width, media)
        total = sum(len(b) for b, _w, _m in _BLOBS.values())
        while total > _BLOB_LIMIT and len(_BLOBS) > 1:
            _, (old, _w, _m) = _BLOBS.popitem(last=False)
            total -= len(old)
    return f"/mapdata/{token}.{suffix}"


def stored_blob(name: str) -> tuple[bytes, str] | None:
    """What the route sends: the gzipped byte planes and their media type."""
    with _lock:
        found = _BLOBS.get(name.split(".")[0])
    return None if found is None else (found[0], found[2])


def blob(name: str) -> tuple[bytes, str] | None:
    """The array's own bytes (the planes put back together) and its media type."""
    with _lock:
        found = _BLOBS.get(name.split(".")[0])
    if found is None:
        return None
    packed, width, media = found
    planes = np.frombuffer(gzip.decompress(packed), np.uint8)
    return planes.reshape(width, -1).T.tobytes(), media


# thumbnails: collection name -> function(image_id, size) -> JPEG bytes
THUMBS: dict[str, Callable[[int, int], bytes]] = {}
# sprite sheets: token -> (thumbnail function, ids, cell); built on the first request
_SPRITES: dict[str, tuple] = {}
_SHEETS: OrderedDict[str, bytes] = OrderedDict()


def register_thumbnails(name: str, fetch: Callable[[int, int], bytes]) -> str:
    THUMBS[name] = fetch
    return f"/thumb/{name}/{{id}}.jpg"


# -- the geometry of one map --------------------------------------------------------------
@dataclass
class Geometry:
    ids: np.ndarray            # int64, sorted
    x: np.ndarray              # float32
    y: np.ndarray
    url: str = ""
    nbytes: int = 0
    sprites: dict | None = field(default=None)

    @property
    def n(self) -> int:
        return len(self.ids)

    def align(self, ids, values) -> np.ndarray:
        """values given for ids, put in this geometry's order (missing -> NaN/None)."""
        # positional: a Series given as values must not be re-aligned on its own index
        s = pd.Series(np.asarray(values, dtype=object), index=np.asarray(ids, dtype=np.int64))
        s = s[~s.index.duplicated()]
        return s.reindex(self.ids).to_numpy()


def geometry(frame: pd.DataFrame) -> Geometry:
    """From a frame with image_id, x, y: sorted by id, packed, registered."""
    f = frame[["image_id", "x", "y"]].sort_values("image_id", kind="stable")
    ids = f["image_id"].to_numpy(np.int64)
    if len(ids) and (ids.max() > np.iinfo(np.int32).max or ids.min() < np.iinfo(np.int32).min):
        raise ValueError("image ids beyond int32 are not supported by the map transport")
    x, y = f["x"].to_numpy(np.float32), f["y"].to_numpy(np.float32)
    data = np.concatenate([x.astype("<f4").view("<i4"), y.astype("<f4").view("<i4"), ids.astype("<i4")])
    g = Geometry(ids=ids, x=x, y=y)
    g.url, g.nbytes = register(data), data.nbytes
    return g


def encode(values: np.ndarray, name: str, title: str | None = None) -> dict:
    """One column (in geometry order) as uint16 codes + the legend the component draws:
    categories sorted naturally with a colour-blind-safe palette, numbers on a scale that
    stays visible on white, True/False of `correct` as correct (blue) / wrong (orange)."""
    values = np.asarray(values, dtype=object)
    spec = {"name": name, "title": title or name, "missing_colour": MISSING_RGB,
            "missing_label": "(no label)" if name in ("label", "prediction") else "(none)"}
    if name == "tags":
        values = np.array([", ".join(sorted(t)) if t is not None and not _isna(t) and len(t) else None
                           for t in values], dtype=object)
    present = ~pd.isna(values).astype(bool)
    vals = values[present]
    is_bool = len(vals) and all(isinstance(v, (bool, np.bool_)) for v in vals[:1000])
    numeric = (not is_bool and len(vals) and
               all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
                   for v in vals[:1000]) and name not in ("cluster", "duplicate_group", "label",
                                                         "prediction", "split"))
    codes = np.full(len(values), MISSING, dtype="<u2")
    if numeric:
        v = vals.astype(np.float64)
        lo, hi = float(np.min(v)), float(np.max(v))
        scaled = (v - lo) / (hi - lo) if hi > lo else np.zeros_like(v)
        codes[present] = np.round(scaled * MAX_CODES).astype(np.uint16)
        spec.update(kind="number", range=[lo, hi], palette=number_palette())
    else:
        if is_bool and name == "correct":
            texts = np.where(vals.astype(bool), "correct", "wrong")
            cats = [c for c in ("wrong", "correct") if c in set(texts)]
            palette = [CORRECT_RGB[c] for c in cats]
            note = None
        else:
            texts = pd.Series(vals, dtype=object).astype(str).to_numpy(dtype=object)
            cats = sorted(pd.unique(texts).tolist(), key=natural_key)
            if len(cats) > MAX_CODES:
                cats = cats[:MAX_CODES]
            palette, note = category_palette(len(cats))
        found = pd.Categorical(texts, categories=cats).codes
        codes[present] = np.where(found < 0, MISSING, found).astype(np.uint16)
        spec.update(kind="category", labels=cats, palette=palette, note=note)
    spec["url"] = register(codes)
    return spec


def _isna(v) -> bool:
    if v is None:
        return True
    if isinstance(v, (list, tuple, np.ndarray)):
        return False
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# -- sprites -------------------------------------------------------------------------------
def sprite_sample(g: Geometry, grid: int = 48) -> np.ndarray:
    """Positions (indices into g) of one point per cell of a grid x grid raster: the sample
    whose thumbnails are drawn on the map when zoomed in."""
    if not g.n:
        return np.empty(0, dtype=np.int64)
    x, y = g.x.astype(np.float64), g.y.astype(np.float64)
    cx = np.clip(((x - x.min()) / max(np.ptp(x), 1e-9) * grid).astype(int), 0, grid - 1)
    cy = np.clip(((y - y.min()) / max(np.ptp(y), 1e-9) * grid).astype(int), 0, grid - 1)
    cell = cx * grid + cy
    _, first = np.unique(cell, return_index=True)
    return np.sort(first)


def sprite_spec(g: Geometry, collection: str, fetch: Callable[[int, int], bytes], grid: int = 48,
                cell: int = 64) -> dict:
    """The sprite arguments of the component; the sheet itself is built on its first request."""
    pick = sprite_sample(g, grid)
    ids = g.ids[pick]
    token = hashlib.blake2b(ids.astype("<i8").tobytes() + collection.encode() + bytes([cell % 256]),
                            digest_size=12).hexdigest()
    cols = max(1, int(np.ceil(np.sqrt(len(ids)))))
    with _lock:
        _SPRITES[token] = (fetch, ids, cell, cols)
    # every tile fills its cell (centre-cropped to a square)
    rects = [[(j % cols) * cell, (j // cols) * cell, cell, cell] for j in range(len(ids))]
    span = max(float(np.ptp(g.x)) if g.n else 1.0, float(np.ptp(g.y)) if g.n else 1.0, 1e-9)
    return {"url": f"/sprites/{token}.jpg", "points": [int(i) for i in ids], "rects": rects,
            "cell": cell, "size": 0.92 * span / grid, "min_pixels": 22}


def sprite_sheet(token: str) -> bytes | None:
    """Build (once) the JPEG sheet of a registered sample: thumbnails in a cols x rows grid."""
    with _lock:
        if token in _SHEETS:
            return _SHEETS[token]
        entry = _SPRITES.get(token)
    if entry is None:
        return None
    from PIL import Image, ImageOps
    fetch, ids, cell, cols = entry
    rows = max(1, int(np.ceil(len(ids) / cols)))
    sheet = Image.new("RGB", (cols * cell, rows * cell), (255, 255, 255))

    def one(i):
        try:
            im = Image.open(io.BytesIO(fetch(int(i), cell)), formats=["JPEG"])   # our thumbnails
            im.draft("RGB", (cell, cell))
            # square tiles that fill their cell: no margin to cover a neighbour's picture
            return ImageOps.fit(im.convert("RGB"), (cell, cell), Image.BICUBIC)
        except Exception:   # noqa: BLE001 - a missing file leaves a blank cell
            return None
    with ThreadPoolExecutor(4) as pool:
        for j, im in enumerate(pool.map(one, ids)):
            if im is not None:
                sheet.paste(im, ((j % cols) * cell, (j // cols) * cell))
    buf = io.BytesIO()
    sheet.save(buf, "JPEG", quality=80)
    data = buf.getvalue()
    with _lock:
        _SHEETS[token] = data
        while len(_SHEETS) > 8:
            _SHEETS.popitem(last=False)
    return data


# -- the component -------------------------------------------------------------------------
def _declare():
    global _component
    if _component is None:
        import streamlit.components.v1 as components
        _component = components.declare_component("imgsearch_map", path=str(HERE / "frontend"))
    return _component


def deck_map(g: Geometry, *, colour: dict | None, key: str, hover: list[dict] | None = None,
             thumb_url: str | None = None, sprites: dict | None = None, selection: dict | None = None,
             neighbours: list[int] | None = None, height: int = 620, note: str = "",
             point_radius: float | None = None, point_budget: int | None = None):
    """Draw the map; returns the browser's last event (a dict with a unique 'id') or None.
    `point_budget`: above this many points in view the map draws their density instead
    (the component's default, 200,000, suits a browser without a GPU)."""
    return _declare()(geometry=g.url, n=g.n, colour=colour, hover=hover or [], thumb_url=thumb_url,
                      sprites=sprites, selection=selection, neighbours=neighbours, height=height,
                      note=note, point_radius=point_radius, point_budget=point_budget, key=key,
                      default=None)


def lasso_ids(g: Geometry, polygon) -> np.ndarray:
    """Image ids inside a data-space polygon (the same test the browser runs)."""
    poly = np.asarray(polygon, dtype=np.float64)
    if poly.ndim != 2 or len(poly) < 3:
        return np.empty(0, dtype=np.int64)
    x, y = g.x.astype(np.float64), g.y.astype(np.float64)
    box = (x >= poly[:, 0].min()) & (x <= poly[:, 0].max()) & (y >= poly[:, 1].min()) & (y <= poly[:, 1].max())
    xs, ys = x[box], y[box]
    hit = np.zeros(len(xs), bool)
    j = len(poly) - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in range(len(poly)):
            xa, ya, xb, yb = poly[k, 0], poly[k, 1], poly[j, 0], poly[j, 1]
            hit ^= ((ya > ys) != (yb > ys)) & (xs < (xb - xa) * (ys - ya) / (yb - ya) + xa)
            j = k
    return g.ids[np.flatnonzero(box)[hit]]
