"""A collection: DuckDB catalog + FAISS vectors + manifest, kept in agreement."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

from . import images
from .config import Config
from .errors import BadQuery, CollectionNotFound, ImgsearchError, ModelMismatch
from .index import VectorIndex
from .models import FeatureModel, load_model

FORMAT_VERSION = 1
RESULT_COLUMNS = ["image_id", "path", "score", "label", "prediction", "confidence"]
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _versions() -> dict:
    import duckdb, faiss, torch, torchvision  # noqa: E401
    return {"faiss": faiss.__version__, "duckdb": duckdb.__version__,
            "torch": torch.__version__, "torchvision": torchvision.__version__}


@dataclass
class FsckReport:
    ok: bool
    indexed_rows: int
    vectors: int
    missing_vectors: list = field(default_factory=list)   # indexed rows without a vector
    orphan_vectors: list = field(default_factory=list)    # vectors without an indexed row
    duplicate_ids: list = field(default_factory=list)     # ids stored twice in FAISS
    pending_rows: int = 0
    repaired: bool = False

    def summary(self) -> str:
        if self.ok:
            return f"ok: {self.indexed_rows} indexed rows, {self.vectors} vectors, in agreement"
        parts = [f"{len(self.missing_vectors)} rows without vectors",
                 f"{len(self.orphan_vectors)} vectors without rows",
                 f"{len(self.duplicate_ids)} duplicated ids"]
        state = "repaired" if self.repaired else "run `fsck --repair`, then `index` again"
        return f"DISAGREE: {', '.join(parts)}; {self.pending_rows} pending rows ({state})"


class Collection:
    def __init__(self, directory: Path, cfg: Config):
        from .store import Store
        self.dir, self.cfg = directory, cfg
        self.name = directory.name
        self.manifest_path = directory / "manifest.json"
        self.vectors_path = directory / "vectors.faiss"
        self.manifest: dict = (json.loads(self.manifest_path.read_text())
                               if self.manifest_path.exists() else {})
        try:
            self.store = Store(directory / "catalog.duckdb")
        except ImgsearchError as e:
            if "lock" in str(e).lower():
                raise ImgsearchError(f"collection {self.name!r} is in use by another process") from None
            raise
        self.index: VectorIndex | None = None
        if self.vectors_path.exists():
            meta = self.manifest.get("index", {})
            self.index = VectorIndex.load(self.vectors_path, meta.get("type", "flat"),
                                          meta.get("params"))
        self._model: FeatureModel | None = None

    # -- lifecycle ---------------------------------------------------------------------
    @classmethod
    def open(cls, name: str, cfg: Config | None = None, create: bool = False) -> "Collection":
        cfg = cfg or Config.load()
        if not _NAME.match(name or ""):
            raise BadQuery(f"bad collection name {name!r}: use letters, digits, '.', '_' or '-'")
        directory = Path(cfg.home) / name
        if not (directory / "catalog.duckdb").exists():
            if not create:
                existing = list_collections(cfg)
                hint = f" (existing: {', '.join(existing)})" if existing else ""
                raise CollectionNotFound(
                    f"no collection {name!r} under {cfg.home}{hint}; "
                    f"build one with `imgsearch index DIR --collection {name}`")
            directory.mkdir(parents=True, exist_ok=True)
        return cls(directory, cfg)

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def save_manifest(self) -> None:
        self.manifest.setdefault("format", FORMAT_VERSION)
        self.manifest.setdefault("created_at", _now())
        self.manifest["updated_at"] = _now()
        self.manifest["versions"] = _versions()
        tmp = self.manifest_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.manifest, indent=2, default=str))
        os.replace(tmp, self.manifest_path)

    def save_index(self) -> None:
        if self.index is not None:
            self.index.save(self.vectors_path)

    # -- the model ---------------------------------------------------------------------
    def model(self) -> FeatureModel:
        """The collection's own model, rebuilt from the manifest and checked against it."""
        if self._model is None:
            args = self.manifest.get("model_args")
            if not args:
                raise ImgsearchError(f"collection {self.name!r} has no model yet: index some images first")
            self._model = load_model(device=self.cfg.device, **args)
            self.check_identity(self._model.identity())
        return self._model

    def use_model(self, model: FeatureModel, args: dict) -> None:
        """Adopt a model for indexing: the first one sets the collection's, later ones must match."""
        if "model" in self.manifest:
            self.check_identity(model.identity())
        else:
            self.manifest["model"] = model.identity()
            self.manifest["model_args"] = args
            self.manifest["metric"] = "cosine (L2-normalised inner product)"
            self.manifest["index"] = {"type": "flat", "requested": "auto"}
        self._model = model
        if self.index is None:
            self.index = VectorIndex.create(model.dim, "flat")  # ann.ensure_index upgrades it

    def check_identity(self, identity: dict) -> None:
        mine = self.manifest.get("model")
        if mine and identity != mine:
            diff = ", ".join(f"{k}: {mine.get(k)!r} vs {identity.get(k)!r}"
                             for k in identity if identity.get(k) != mine.get(k))
            raise ModelMismatch(
                f"collection {self.name!r} was built with {mine['model']} ({mine['layer']}); "
                f"this query/model differs ({diff}). Use the same model or a new --collection")

    # -- queries -----------------------------------------------------------------------
    def query_vector(self, query) -> np.ndarray:
        """A query as a vector: an image_id, an image path, bytes, a PIL image or a vector."""
        if isinstance(query, (int, np.integer)):
            if self.index is None or not len(self.store.rows([int(query)])):
                raise BadQuery(f"no indexed image with id {query} in {self.name!r}")
            return self.index.reconstruct([int(query)])
        if isinstance(query, np.ndarray):
            vec = np.asarray(query, dtype=np.float32).reshape(1, -1)
            dim = self.manifest.get("model", {}).get("dim")
            if dim and vec.shape[1] != dim:
                raise ModelMismatch(f"vector has {vec.shape[1]} dimensions; collection {self.name!r} "
                                    f"has {dim} ({self.manifest['model']['model']})")
            return vec
        if isinstance(query, (str, Path)):
            if not Path(query).is_file():
                raise BadQuery(f"no such image file: {query}")
            query = images.read_bytes(query)
        if isinstance(query, bytes):
            query = images.decode(query, self.cfg.max_pixels, None).image
        if isinstance(query, Image.Image):
            return self.model().embed_images([images.to_rgb(query)]).features
        raise BadQuery(f"cannot search by {type(query).__name__}")

    def search(self, query, k: int = 10, where: str | None = None,
               filters: dict | None = None, min_score: float | None = None) -> pd.DataFrame:
        """Top-k most similar indexed images, best first, with their catalog rows.

        where: a validated SQL expression; filters: {column: values}, parameterised.
        Both are applied inside FAISS, so k results come back whenever k exist.
        """
        if k < 1:
            raise BadQuery("k must be >= 1")
        if self.index is None or self.index.ntotal == 0:
            return pd.DataFrame(columns=RESULT_COLUMNS)
        vec = self.query_vector(query)
        subset = self.store.filter_ids(where) if where else None
        if filters:
            chosen = self.store.filter_by(filters)
            subset = chosen if subset is None else np.intersect1d(subset, chosen)
        if subset is None and self.index.ntotal != self.store.counts()["indexed"]:
            subset = self.store.ids("indexed")  # after a crash: never return orphan vectors
        scores, ids = self.index.search(vec, k, subset)
        keep = ids[0] >= 0
        rows = self.store.rows(ids[0][keep])
        score_of = dict(zip(ids[0][keep].tolist(), scores[0][keep].tolist()))
        rows.insert(2, "score", rows["image_id"].map(score_of))
        if min_score is not None:
            rows = rows[rows["score"] >= min_score]
        return rows.reset_index(drop=True)

    def indexed_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of every indexed image: what maps and analyses work on. Vectors
        left over by a crash (no indexed row) are not included."""
        if self.index is None or self.index.ntotal == 0:
            raise ImgsearchError(f"collection {self.name!r} is empty: index images first")
        ids, vecs = self.index.all_vectors()
        keep = np.isin(ids, self.store.ids())
        return ids[keep], vecs[keep]

    # -- changes -----------------------------------------------------------------------
    def remove(self, ids) -> int:
        """Remove images by id. Catalog first: a crash leaves orphan vectors, which fsck removes."""
        ids = [int(i) for i in ids]
        known = set(self.store.files()["image_id"].tolist())
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise BadQuery(f"no image with id {', '.join(map(str, unknown))} in {self.name!r}")
        self.store.delete(ids)
        if self.index is not None:
            self.index.remove(np.array(ids, dtype=np.int64))
            self.save_index()
        return len(ids)

    def fsck(self, repair: bool = False) -> FsckReport:
        vec_ids = self.index.ids() if self.index is not None else np.empty(0, np.int64)
        uniq, counts = np.unique(vec_ids, return_counts=True)
        indexed = self.store.ids("indexed")
        report = FsckReport(
            ok=True, indexed_rows=len(indexed), vectors=len(vec_ids),
            missing_vectors=sorted(set(indexed.tolist()) - set(uniq.tolist())),
            orphan_vectors=sorted(set(uniq.tolist()) - set(indexed.tolist())),
            duplicate_ids=uniq[counts > 1].tolist(),
            pending_rows=len(self.store.ids("pending")))
        report.ok = not (report.missing_vectors or report.orphan_vectors or report.duplicate_ids)
        if repair and not report.ok:
            if report.duplicate_ids:  # keep one copy of each
                dup = np.array(report.duplicate_ids, dtype=np.int64)
                vecs = self.index.reconstruct(dup)
                self.index.remove(dup)
                self.index.add(dup, vecs)
            self.index.remove(np.array(report.orphan_vectors, dtype=np.int64))
            self.save_index()
            self.store.set_state(report.missing_vectors, "pending")  # `index` re-embeds them
            report.repaired = True
        return report

    def info(self) -> dict:
        counts = self.store.counts()
        model = self.manifest.get("model", {})
        return {"name": self.name, "path": str(self.dir), **counts,
                "vectors": self.index.ntotal if self.index else 0,
                "model": model.get("model"), "layer": model.get("layer"), "dim": model.get("dim"),
                "weights": model.get("weights"), "preprocessing": model.get("preprocessing"),
                "metric": self.manifest.get("metric"), "index": self.manifest.get("index"),
                "maps": sorted(self.manifest.get("maps", {})),
                "created_at": self.manifest.get("created_at"),
                "updated_at": self.manifest.get("updated_at")}


def list_collections(cfg: Config | None = None) -> list[str]:
    cfg = cfg or Config.load()
    return sorted(p.parent.name for p in Path(cfg.home).glob("*/catalog.duckdb"))
