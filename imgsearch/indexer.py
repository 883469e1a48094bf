"""An index run: scan a folder or CSV, decide what is new, changed, moved or gone, embed, checkpoint.

Crash safety (DESIGN.md): rows are inserted 'pending'; vectors are added and the FAISS file is
replaced atomically; only then are the rows marked 'indexed'. A re-run resumes the pending rows,
and re-adding an id replaces its vector, so nothing is ever indexed twice.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from . import images
from .collection import Collection
from .errors import BadImage, ImgsearchError
from .extract import extract
from .store import PATH_COLUMN_NAMES


@dataclass
class IndexReport:
    indexed: int = 0        # embedded in this run
    unchanged: int = 0
    relinked: int = 0       # moved files: same content, new path, no re-embedding
    copied: int = 0         # same content at a second path: vector copied, not re-embedded
    pruned: int = 0
    vanished: int = 0       # gone from disk but kept (no --prune)
    skipped: list = field(default_factory=list)   # (path, reason)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.indexed / self.seconds if self.seconds else 0.0
        parts = [f"indexed {self.indexed}", f"unchanged {self.unchanged}",
                 f"skipped {len(self.skipped)}"]
        for name in ("relinked", "copied", "pruned"):
            if getattr(self, name):
                parts.append(f"{name} {getattr(self, name)}")
        if self.vanished:
            parts.append(f"vanished {self.vanished} (kept; use --prune)")
        return ", ".join(parts) + f" in {self.seconds:.1f}s ({rate:.1f} img/s)"


def read_source(source: Path) -> tuple[list[Path], list[images.Skipped], pd.DataFrame | None, Path]:
    """Files to index, files refused, metadata from a CSV source, and the root paths are under."""
    if source.is_dir():
        found, skipped = images.scan(source)
        return found, skipped, None, source.resolve()
    if source.suffix.lower() == ".csv" and source.is_file():
        meta = read_metadata_csv(source, source.parent.resolve())
        found, skipped = [], []
        for p in meta["path"]:
            (found if Path(p).is_file() else skipped).append(
                Path(p) if Path(p).is_file() else images.Skipped(p, "missing file (listed in CSV)"))
        return found, skipped, meta, source.parent.resolve()
    raise BadImage(f"not a folder or a .csv file: {source}")


def read_metadata_csv(csv: Path, root: Path) -> pd.DataFrame:
    """A labels CSV with absolute paths in column `path` (relative paths are under root)."""
    try:
        df = pd.read_csv(csv, dtype_backend="numpy_nullable")
    except (OSError, ValueError, pd.errors.ParserError) as e:
        raise ImgsearchError(f"cannot read CSV {csv}: {e}") from None
    by_lower = {str(c).strip().lower(): c for c in df.columns}
    path_col = next((by_lower[n] for n in PATH_COLUMN_NAMES if n in by_lower), None)
    if path_col is None:
        raise ImgsearchError(f"{csv} needs a path column (one of: {', '.join(PATH_COLUMN_NAMES)})")
    df = df.rename(columns={path_col: "path"})
    df = df.rename(columns={c: c.lower() for c in df.columns
                            if str(c).lower() in ("label", "prediction", "confidence", "split")})
    df["path"] = [str((root / str(p)).resolve()) if not os.path.isabs(str(p)) else str(Path(p).resolve())
                  for p in df["path"]]
    return df.drop_duplicates("path", keep="last")


def _stat(path: Path) -> tuple[int, float]:
    st = path.stat()
    return st.st_size, st.st_mtime


def _sha(path: Path) -> str | None:
    try:
        return images.sha256_bytes(images.read_bytes(path))
    except BadImage:
        return None


def index_source(col: Collection, source: str | Path, labels: str | Path | None = None,
                 prune: bool = False) -> IndexReport:
    """Bring the collection up to date with source (folder or CSV). Model set by col.use_model."""
    t0 = time.perf_counter()
    cfg, store = col.cfg, col.store
    source = Path(source)
    report = IndexReport()
    found, refused, meta, root = read_source(source)
    if labels is not None:
        meta = read_metadata_csv(Path(labels), root)
    if meta is not None:
        store.import_metadata(meta)
    report.skipped += [(s.path, s.reason) for s in refused]

    # -- plan: compare the files on disk with the catalog -------------------------------
    known = store.files()
    by_path = {r.path: r for r in known.itertuples(index=False)}
    stats, to_hash = {}, []
    for p in found:
        key = str(p.resolve()) if p.is_symlink() else str(p.absolute())
        try:
            stats[key] = _stat(p)
        except OSError as e:
            report.skipped.append((key, f"unreadable: {e.strerror}"))
            continue
        row = by_path.get(key)
        if row is not None and row.state == "indexed" and (row.size_bytes, row.mtime) == stats[key]:
            report.unchanged += 1
        else:
            to_hash.append(key)
    with ThreadPoolExecutor(max_workers=4) as pool:  # hashlib releases the GIL
        hashes = list(tqdm(pool.map(lambda k: _sha(Path(k)), to_hash), total=len(to_hash),
                           desc="hashing", unit="file", disable=not cfg.progress or not to_hash))
    indexed_by_sha = {r.sha256: r for r in known.itertuples(index=False) if r.state == "indexed"}
    new_rows, copies = [], []
    for key, sha in zip(to_hash, hashes):
        if sha is None:
            report.skipped.append((key, "unreadable"))
            continue
        size, mtime = stats[key]
        row = by_path.get(key)
        if row is not None:          # known path: touched, changed, or left pending by a crash
            store.update_file(row.image_id, key, sha, size, mtime,
                              pending=row.sha256 != sha or row.state != "indexed")
            if row.sha256 == sha and row.state == "indexed":
                report.unchanged += 1
            continue
        twin = indexed_by_sha.get(sha)
        if twin is not None and twin.path not in stats and not os.path.exists(twin.path):
            store.update_file(twin.image_id, key, sha, size, mtime, pending=False)  # moved
            report.relinked += 1
            stats[twin.path] = None  # the old path is accounted for
        elif twin is not None:
            new_rows.append((key, sha, size, mtime))
            copies.append((len(new_rows) - 1, twin.image_id))
        else:
            new_rows.append((key, sha, size, mtime))
    new_ids = store.insert_pending(pd.DataFrame(new_rows, columns=["path", "sha256", "size_bytes", "mtime"]))
    store.clear_skipped([k for k in stats])
    store.record_skipped(report.skipped)
    if meta is not None:
        store.apply_metadata()

    # -- vectors for exact copies come from their twins ---------------------------------
    if copies:
        dst = np.array([new_ids[i] for i, _ in copies], dtype=np.int64)
        col.index.add(dst, col.index.reconstruct([src for _, src in copies]))
        col.save_index()
        store.mark_indexed(pd.DataFrame({"image_id": dst, "width": None, "height": None,
                                         "prediction": None, "confidence": None}))
        store.con.execute("""UPDATE images SET width = t.width, height = t.height,
                                prediction = t.prediction, confidence = t.confidence
                             FROM images t WHERE images.sha256 = t.sha256
                             AND images.width IS NULL AND t.width IS NOT NULL""")
        report.copied = len(copies)

    # -- embed everything pending (this run's new and changed files, and any resumed) ----
    pending = store.con.execute("SELECT image_id, path FROM images WHERE state = 'pending' "
                                "ORDER BY image_id").fetchall()
    report.indexed = _embed_pending(col, pending, report)

    # -- files that disappeared ----------------------------------------------------------
    if source.is_dir():
        gone = [r.image_id for r in known.itertuples(index=False)
                if r.path.startswith(str(root) + os.sep) and r.path not in stats
                and not os.path.exists(r.path)]
        if prune and gone:
            report.pruned = col.remove(gone)
        else:
            report.vanished = len(gone)
    roots = col.manifest.setdefault("roots", [])
    if str(root) not in roots:
        roots.append(str(root))
    col.save_manifest()
    report.seconds = time.perf_counter() - t0
    return report


def _embed_pending(col: Collection, pending: list[tuple[int, str]], report: IndexReport) -> int:
    """Extract features batch by batch; checkpoint (save FAISS, then mark rows) every so often."""
    store, model = col.store, col.model()
    # Old vectors of changed or resumed files go in one call: per batch, an HNSW index would
    # be rebuilt once for every batch that holds such a file.
    col.index.remove(np.array([i for i, _ in pending], dtype=np.int64))
    buffer: list[pd.DataFrame] = []
    bad: list[tuple[int, str]] = []
    done = 0
    last_save, save_cost = time.monotonic(), 0.0

    def checkpoint():
        nonlocal last_save, save_cost, done
        t = time.monotonic()
        col.save_index()
        save_cost = time.monotonic() - t
        if buffer:
            marked = pd.concat(buffer, ignore_index=True)
            store.mark_indexed(marked)
            done += len(marked)
        if bad:
            paths = dict(store.con.execute("SELECT image_id, path FROM images").fetchall())
            store.record_skipped([(paths[i], reason) for i, reason in bad])
            report.skipped += [(paths[i], reason) for i, reason in bad]
            col.index.remove(np.array([i for i, _ in bad], dtype=np.int64))
            col.save_index()
            store.delete([i for i, _ in bad])
        store.apply_metadata()
        buffer.clear()
        bad.clear()
        last_save = time.monotonic()

    for out in extract(pending, model, col.cfg):
        if len(out.ids):
            col.index.add(out.ids, out.features)
            buffer.append(pd.DataFrame({
                "image_id": out.ids, "width": out.widths, "height": out.heights,
                "prediction": out.predictions if out.predictions is not None else None,
                "confidence": out.confidences if out.confidences is not None else None}))
        bad += out.bad
        # Save at most every checkpoint_seconds, and never spend more than ~20% of the time saving.
        if time.monotonic() - last_save >= max(col.cfg.checkpoint_seconds, 5 * save_cost):
            checkpoint()
    checkpoint()
    return done
