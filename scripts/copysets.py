"""The development sets built from a folder of class sub-folders, and their metrics in numpy
with the collection's own ranking code (centring, k-reciprocal re-ranking, near-copies first).

  copies  every photo and one edited copy of it (imgsearch.augment: three edits each, seeded)
  crops   three overlapping crops (left, middle, right halves) of every tenth photo, each with
          one edited copy: distinct images of one scene, the hard case for duplicate groups
  crops8  eight photos (every 30th from the 6th, none in crops), each cut into eight
          overlapping windows (4 across x 2 down, 40 % of the width x 60 % of the height), each
          window with one copy rotated 8 degrees, colour +30 %, JPEG quality 35: eight sets of
          eight pairs, each its own small collection (column `set`)

Copy recall@k: for every (original, copy) pair in both directions, the other one is in the
query's top k (the query itself left out). Class metrics: same-class precision@1/@10 and
mAP@10 with the query left out.
"""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

SEED = 0


def build_sets(data: Path, dest: Path) -> dict[str, pd.DataFrame]:
    """{'copies': table, 'crops': table}: file (absolute), family, variant, edits, label."""
    from imgsearch import augment
    out = {}
    for name, seed in (("copies", SEED), ("crops", SEED + 1), ("crops8", None)):
        csv = dest / f"{name}.csv"
        if not csv.exists():
            images = augment.folder_images(data)
            if name == "copies":
                table = augment.write_copy_set(images, dest / name, seed=seed)
            elif name == "crops8":
                table = write_window_sets({k: images[k] for k in list(images)[5::30]}, dest / name)
            else:
                table = augment.write_crop_set({k: images[k] for k in list(images)[::10]},
                                               dest / name, seed=seed)
            table.to_csv(csv, index=False)
        table = pd.read_csv(csv, keep_default_na=False)
        table["file"] = [str(dest / name / p) for p in table["path"]]
        table["label"] = [p.split("/")[0] for p in table["path"]]
        out[name] = table
    return out


def windows(img, across: int = 4, down: int = 2, width: float = 0.4, height: float = 0.6):
    """across x down overlapping windows of one photo, each width x height of it."""
    w, h = img.size
    cw, ch = round(w * width), round(h * height)
    xs = np.linspace(0, w - cw, across).round().astype(int)
    ys = np.linspace(0, h - ch, down).round().astype(int)
    return [img.crop((int(x), int(y), int(x) + cw, int(y) + ch)) for y in ys for x in xs]


def fixed_copy(img):
    """The copy the held-back crop sets use: rotated 8 degrees (cropped upright to the largest
    rectangle inside), brightness, contrast and saturation x1.3, JPEG quality 35."""
    import io
    from PIL import Image

    class Fixed:                    # the augment edits with their strength fixed
        def uniform(self, lo, hi):
            return 8.0 if hi > 2 else 1.3

        def choice(self, options):
            return 1

        def integers(self, lo, hi):
            return 35
    from imgsearch import augment
    img = augment.edit(img, "rotate", Fixed())
    img = augment.edit(img, "colour", Fixed())
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=35)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def write_window_sets(images: dict, dest: Path) -> pd.DataFrame:
    """Each photo's windows and one fixed copy of each, one set per photo."""
    rows = []
    for k, (name, img) in enumerate(images.items()):
        for j, win in enumerate(windows(img)):
            fam = f"{name}__w{j}"
            for variant, im in (("original", win), ("copy0", fixed_copy(win))):
                rel = f"{fam}.jpg" if variant == "original" else f"{fam}__copy0.jpg"
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                im.convert("RGB").save(dest / rel, quality=92)
                rows.append((rel, fam, variant, "" if variant == "original" else "rotate8+colour1.3+jpeg35",
                             name, k))
    return pd.DataFrame(rows, columns=["path", "family", "variant", "edits", "photo", "set"])


class ArraySpace:
    """What the search reads from a collection, over an array of raw features: the vectors in
    the collection's space, a flat index, the neighbour graph, the raw features; the ranking
    is Collection.search's, step for step, through the same functions. Ids are row numbers.
    near=False leaves out the near-copies-first step (for comparison)."""

    def __init__(self, raw: np.ndarray, postprocess: str = "center", rerank: str = "kreciprocal",
                 near: bool = True):
        from imgsearch.analysis import rerank as rr
        from imgsearch.core.vectors import create
        from imgsearch.features import postprocess as pp
        self.params = pp.fit(raw, postprocess) if postprocess != "none" else None
        self.raw = pp.unit(raw)
        self.vecs = pp.apply(self.params, raw) if self.params else self.raw
        self.ids = np.arange(len(raw))
        self.index = create("flat", raw.shape[1])
        self.index.add(self.ids, self.vecs)
        self.cache = {}
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self._tmp.name)
        self.method, self.near = rerank, near
        if rerank == "kreciprocal":
            rr.prepare(self)

    def space(self):
        return self.params if self.params and self.params["mean"].any() else None

    # what the stored neighbour graph reads (imgsearch.core.knngraph)
    vectors_path = Path("/nonexistent/vectors.faiss")
    manifest = SimpleNamespace(postprocess=None)

    def vectors(self):
        return self.index

    def unmarked(self):
        return []

    def read_lock(self):
        return contextlib.nullcontext()

    def indexed_vectors(self, ids=None):
        return (self.ids, self.vecs) if ids is None else (np.asarray(ids), self.vecs[ids])

    def vector_count(self):
        return len(self.ids)

    def ranked(self, i: int, k: int) -> np.ndarray:
        """Image i's top k others, as Collection.search ranks them."""
        from imgsearch.analysis import rerank as rr
        vec, pool = self.vecs[i:i + 1], max(k + 1, rr.POOL)
        found = rr.kreciprocal(self, vec, pool, None, i, False) if self.method == "kreciprocal" else None
        if found is not None:
            ids, sc = found
        else:           # no graph (below the size the search re-ranks at): as the search does
            sc, ids = self.index.search(vec, pool)
            if self.method == "qe":
                _, ids = self.index.search(rr.expand_query(self.index, vec, sc, ids), pool)
                sc = rr.cosines(self.index, vec, ids)
            order = np.argsort(ids[0] != i, kind="stable")   # itself first (twins tie)
            ids, sc = ids[0][order], sc[0][order]
        if self.near:
            ids, sc = rr.copies_first(self, vec, ids, sc, i)
        return ids[ids != i][:k]


def class_metrics(raw: np.ndarray, labels: np.ndarray, postprocess: str = "center",
                  rerank: str = "kreciprocal", near: bool = True) -> dict:
    space = ArraySpace(raw, postprocess, rerank, near)
    p1, p10, ap = [], [], []
    for i in range(len(labels)):
        rel = labels[space.ranked(i, 10)] == labels[i]
        n_rel = int((labels == labels[i]).sum()) - 1
        p1.append(rel[0])
        p10.append(rel.mean())
        ap.append(average_precision(rel, n_rel))
    return {"p_at_1": float(np.mean(p1)), "p_at_10": float(np.mean(p10)),
            "map_at_10": float(np.mean(ap))}


def copy_metrics(raw: np.ndarray, table: pd.DataFrame, postprocess: str = "center",
                 rerank: str = "kreciprocal", near: bool = True) -> dict:
    space = ArraySpace(raw, postprocess, rerank, near)
    fam = table["family"].to_numpy()
    found = {1: [], 3: []}
    for i in range(len(fam)):
        top = space.ranked(i, 3)
        partners = np.flatnonzero(fam == fam[i])
        partners = partners[partners != i]
        for k in found:
            found[k].append(bool(np.isin(partners, top[:k]).all()))
    return {f"recall_at_{k}": float(np.mean(v)) for k, v in found.items()}


def average_precision(rel, n_relevant: int, k: int = 10) -> float:
    hits, total = 0, 0.0
    for rank, r in enumerate(list(rel)[:k], 1):
        if r:
            hits += 1
            total += hits / rank
    return total / max(1, min(k, n_relevant))
