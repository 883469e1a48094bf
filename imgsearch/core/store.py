"""The DuckDB catalog: one row per image, keyed by the int64 image_id that FAISS also uses.

All SQL of the project lives here: the schema, the connection and the writes in this file,
the reads in store_reads.py, labels and predictions in store_labels.py (both mixins of Store).
Every call takes its own cursor, so threads of one process share the database safely; writes
are serialised by the Collection that owns the store. User filters are compiled from a parsed
tree (filters.py) and bound as parameters, and the connection runs with external access
disabled and its configuration locked: even a filter that got past the parser could read or
write no file.
"""
from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ..errors import Damaged, ImgsearchError
from . import catalog_writes, hit_rows
from .filters import quote_identifier
from .signal_columns import SignalColumns
from .signals import SIGNAL_TYPES, SIGNALS, register_signal  # noqa: F401 (importable from here too)
from .store_labels import (  # noqa: F401 (the column names are importable from here too)
    BUILTIN_COLUMNS, IMAGENET_COLUMNS, KNOWN_COLUMNS, PATH_COLUMN_NAMES, SCHEMA_VERSION, LabelStore)
from .store_reads import CatalogReads

_SCHEMA = """
CREATE SEQUENCE IF NOT EXISTS image_id_seq START 1;
CREATE TABLE IF NOT EXISTS images (
    image_id   BIGINT PRIMARY KEY,
    path       VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL,
    size_bytes BIGINT,
    mtime      DOUBLE,
    width      INTEGER,
    height     INTEGER,
    label      VARCHAR,
    prediction VARCHAR,
    confidence DOUBLE,
    split      VARCHAR,
    state      VARCHAR NOT NULL DEFAULT 'pending',
    added_at   TIMESTAMP DEFAULT current_timestamp,
    imagenet_prediction VARCHAR,
    imagenet_confidence DOUBLE
);
CREATE TABLE IF NOT EXISTS skipped (path VARCHAR, reason VARCHAR, seen_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS tags (image_id BIGINT, tag VARCHAR, PRIMARY KEY (image_id, tag));
CREATE TABLE IF NOT EXISTS metadata (path VARCHAR);
CREATE TABLE IF NOT EXISTS coords (image_id BIGINT, method VARCHAR, x DOUBLE, y DOUBLE,
                                   PRIMARY KEY (image_id, method));
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS sig_cluster (image_id BIGINT, cluster VARCHAR);
CREATE TABLE IF NOT EXISTS sig_outlier (image_id BIGINT, outlier_score DOUBLE);
CREATE TABLE IF NOT EXISTS sig_duplicate (image_id BIGINT, duplicate_group BIGINT);
CREATE TABLE IF NOT EXISTS sig_label_issue (image_id BIGINT, label_issue_score DOUBLE);
CREATE TABLE IF NOT EXISTS probs (image_id BIGINT PRIMARY KEY, probs DOUBLE[]);
"""
# A catalog of schema 2 gains the columns; moving its ImageNet predictions needs the manifest
# (whose head made them), so Collection finishes it with split_imagenet_predictions().
_MIGRATE_2 = """
ALTER TABLE images ADD COLUMN IF NOT EXISTS imagenet_prediction VARCHAR;
ALTER TABLE images ADD COLUMN IF NOT EXISTS imagenet_confidence DOUBLE;
"""


class Store(LabelStore, CatalogReads):
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()          # each thread's own prepared cursor
        self._filled, self._filled_lock = None, threading.Lock()   # see filled_tables
        self._prepared_cursors: list = []
        self._signal_columns = SignalColumns(self.path)   # the search path's analysis values
        self._hit_rows = hit_rows.HitRows(self.path)      # and its catalog rows
        try:
            self._con = duckdb.connect(str(self.path), config={
                "enable_external_access": False, "lock_configuration": True})
            version = self._schema_version()
            # an older catalog that still has predictions to sort out (see the Collection)
            self.legacy_predictions = version is not None and version < SCHEMA_VERSION
            if version != SCHEMA_VERSION:    # nothing is written to open an up-to-date catalog
                self._con.execute(_SCHEMA)   # (so reads work on a full disk)
                self._con.execute(_MIGRATE_2)
                if not self.legacy_predictions:
                    self._con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                                      [str(SCHEMA_VERSION)])
            self._add_signal_tables()
            self.refresh_view()
        except (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException,
                duckdb.CatalogException) as e:
            if getattr(self, "_con", None) is not None:
                self._con.close()    # DuckDB caches an open database per path: let it go
            raise self._damaged(e) from None

    def _add_signal_tables(self) -> None:
        """The tables of registered signals this catalog lacks, and the index on image_id
        each has (nothing written otherwise). A search reads its hits' rows by id: without the
        index every signal table is scanned whole, 9 of a search's 17 ms at a million images."""
        have = {t for (t,) in self._con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        for table in SIGNALS.keys() - have:
            self._con.execute(f"CREATE TABLE IF NOT EXISTS {table} (image_id BIGINT, "
                              f"{SIGNALS[table]} {SIGNAL_TYPES[table]})")
        indexed = {t for (t,) in self._con.execute(
            "SELECT table_name FROM duckdb_indexes()").fetchall()}
        for table in SIGNALS.keys() - indexed:
            try:
                self._con.execute(f"CREATE INDEX IF NOT EXISTS {table}_image_id "
                                  f"ON {table} (image_id)")
            except duckdb.IOException:
                pass     # a full disk: the catalog opens all the same (its reads are slower)

    def _damaged(self, e: Exception) -> Damaged:
        first = str(e).splitlines()[0][:160]
        return Damaged(f"the catalog {self.path} is damaged ({first})",
                       fix="`fsck --repair` moves it aside and rebuilds it from the indexed folders")

    def close(self) -> None:
        self._hit_rows.close()
        for cur in self._prepared_cursors:
            cur.close()
        self._con.close()

    def _schema_version(self) -> int | None:
        has_meta = self._con.execute("SELECT count(*) FROM information_schema.tables "
                                     "WHERE table_name = 'meta'").fetchone()[0]
        if not has_meta:
            return None
        row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else None

    def verify(self) -> None:
        """Read every row of every table (a damaged file can open fine and fail later):
        Damaged names the file when any block cannot be read."""
        try:
            with self._con.cursor() as cur:
                tables = [t for (t,) in cur.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()]
                for table in tables:
                    cur.execute(f"SELECT count(*), sum(hash(x)) FROM {quote_identifier(table)} x").fetchall()
        except duckdb.Error as e:
            raise self._damaged(e) from None

    @contextlib.contextmanager
    def cursor(self):
        """A cursor of its own for one call (a DuckDB connection is not thread-safe)."""
        cur = self._con.cursor()
        try:
            with self._errors():
                yield cur
        finally:
            cur.close()

    @contextlib.contextmanager
    def prepared(self, name: str, sql: str):
        """This thread's own cursor with `sql` prepared as `name` (prepared again when the
        text changes). A search's hit rows are one such query: DuckDB spends more time
        planning it than running it (9 of a search's 13 ms at a million images, 5 once
        prepared). The cursor stays open with its statements until the store closes."""
        local = self._local
        if getattr(local, "cursor", None) is None:
            local.cursor, local.texts = self._con.cursor(), {}
            self._prepared_cursors.append(local.cursor)   # list.append is atomic
        with self._errors():
            if local.texts.get(name) != sql:
                local.cursor.execute(f"PREPARE {name} AS {sql}")
                local.texts[name] = sql
            yield local.cursor

    @contextlib.contextmanager
    def _errors(self):
        """DuckDB's errors as the catalog's: a full disk, a failed write, or damage."""
        try:
            yield
        except (duckdb.IOException, duckdb.TransactionException) as e:
            first = str(e).splitlines()[0][:160]
            if "space" in first.lower():
                raise ImgsearchError(f"disk full while writing the catalog {self.path} ({first}); "
                                     "free some space and run the command again") from None
            if isinstance(e, duckdb.TransactionException):
                raise ImgsearchError(f"cannot write the catalog {self.path} ({first})") from None
            raise self._damaged(e) from None

    @contextlib.contextmanager
    def transaction(self):
        """Every write to the catalog: counted when it ends, so the search path's rows held
        in memory are not used once it has (hit_rows.py)."""
        try:
            with self.snapshot() as cur:
                yield cur
        finally:
            catalog_writes.written(self.path)

    @contextlib.contextmanager
    def snapshot(self):
        """A transaction that only reads: one snapshot of every table."""
        with self.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")

    def _frame(self, sql: str, params=None) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(sql, params or []).df()

    def _ids_of(self, sql: str, params=None) -> np.ndarray:
        with self.cursor() as cur:
            return cur.execute(sql, params or []).fetchnumpy()["image_id"].astype(np.int64)

    def metadata_columns(self) -> list[str]:
        with self.cursor() as cur:
            cols = cur.execute("SELECT column_name FROM information_schema.columns "
                               "WHERE table_name = 'metadata' ORDER BY ordinal_position").fetchall()
        return [c for (c,) in cols if c != "path"]

    def columns(self) -> dict[str, str]:
        """Catalog column -> DuckDB type."""
        with self.cursor() as cur:
            desc = cur.execute("SELECT * FROM catalog LIMIT 0").description
        return {d[0]: str(d[1]) for d in desc}

    # -- manifest copy (the second copy that `fsck --repair` restores from) ----------------
    def put_meta(self, key: str, value) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, json.dumps(value)])

    def get_meta(self, key: str):
        with self.cursor() as cur:
            row = cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except ValueError:
            return row[0]

    # -- writes --------------------------------------------------------------------------
    def insert_pending(self, rows: pd.DataFrame) -> np.ndarray:
        """Insert rows (path, sha256, size_bytes, mtime) as pending; returns their new ids."""
        if rows.empty:
            return np.empty(0, dtype=np.int64)
        with self.transaction() as cur:
            ids = cur.execute("SELECT nextval('image_id_seq') AS id FROM range(?)",
                              [len(rows)]).fetchnumpy()["id"].astype(np.int64)
            cur.register("_new", rows.assign(image_id=ids))
            cur.execute("""INSERT INTO images (image_id, path, sha256, size_bytes, mtime, state)
                           SELECT image_id, path, sha256, size_bytes, mtime, 'pending' FROM _new""")
        return ids

    def mark_indexed(self, done: pd.DataFrame) -> None:
        """done: image_id, width, height, prediction, confidence and optionally
        imagenet_prediction, imagenet_confidence (model outputs may be NULL)."""
        if done.empty:
            return
        done = done.copy()
        for c in ("prediction", "confidence", *IMAGENET_COLUMNS):
            if c not in done.columns:
                done[c] = None
        with self.transaction() as cur:
            cur.register("_done", done)
            cur.execute("""
                UPDATE images SET state = 'indexed', width = d.width, height = d.height,
                       prediction = coalesce(d.prediction, images.prediction),
                       confidence = coalesce(d.confidence, images.confidence),
                       imagenet_prediction = coalesce(d.imagenet_prediction, images.imagenet_prediction),
                       imagenet_confidence = coalesce(d.imagenet_confidence, images.imagenet_confidence)
                FROM _done d WHERE images.image_id = d.image_id""")

    def copy_model_outputs(self) -> None:
        """Rows added as copies of a twin (same sha256) take its size and prediction."""
        with self.transaction() as cur:
            cur.execute("""UPDATE images SET width = t.width, height = t.height,
                               prediction = coalesce(images.prediction, t.prediction),
                               confidence = coalesce(images.confidence, t.confidence),
                               imagenet_prediction = coalesce(images.imagenet_prediction,
                                                              t.imagenet_prediction),
                               imagenet_confidence = coalesce(images.imagenet_confidence,
                                                              t.imagenet_confidence)
                           FROM images t WHERE images.sha256 = t.sha256
                           AND images.width IS NULL AND t.width IS NOT NULL""")

    def update_files(self, rows: pd.DataFrame) -> None:
        """rows: image_id, path, sha256, size_bytes, mtime, pending (bool)."""
        if rows.empty:
            return
        with self.transaction() as cur:
            cur.register("_upd", rows)
            cur.execute("""UPDATE images SET path = u.path, sha256 = u.sha256,
                               size_bytes = u.size_bytes, mtime = u.mtime,
                               state = CASE WHEN u.pending THEN 'pending' ELSE images.state END
                           FROM _upd u WHERE images.image_id = u.image_id""")

    def set_state(self, ids, state: str) -> None:
        assert state in ("pending", "indexed")
        self._with_ids(ids, "UPDATE images SET state = ? WHERE image_id IN (SELECT image_id FROM _ids)",
                       [state])

    def delete(self, ids) -> None:
        ids = np.asarray(list(ids), dtype=np.int64)
        if ids.size == 0:
            return
        with self.transaction() as cur:
            cur.register("_ids", pd.DataFrame({"image_id": ids}))
            for table in ("tags", "coords", "probs", *SIGNALS, "images"):
                cur.execute(f"DELETE FROM {table} WHERE image_id IN (SELECT image_id FROM _ids)")

    def _with_ids(self, ids, sql: str, params=None) -> None:
        ids = np.asarray(list(ids), dtype=np.int64)
        if ids.size == 0:
            return
        with self.transaction() as cur:
            cur.register("_ids", pd.DataFrame({"image_id": ids}))
            cur.execute(sql, params or [])

    def record_skipped(self, items: list[tuple[str, str]]) -> None:
        if not items:
            return
        with self.transaction() as cur:
            cur.register("_sk", pd.DataFrame(items, columns=["path", "reason"]))
            cur.execute("DELETE FROM skipped WHERE path IN (SELECT path FROM _sk)")
            cur.execute("INSERT INTO skipped SELECT path, reason, current_timestamp FROM _sk")

    def clear_skipped(self, paths) -> None:
        paths = list(paths)
        if paths:
            with self.transaction() as cur:
                cur.register("_sk", pd.DataFrame({"path": paths}))
                cur.execute("DELETE FROM skipped WHERE path IN (SELECT path FROM _sk)")

    def write_signal(self, table: str, df: pd.DataFrame) -> None:
        """Replace one analysis result (image_id + its column) atomically."""
        column = SIGNALS[table]
        self.mark_filled(table)
        with self.transaction() as cur:
            cur.register("_sig", df[["image_id", column]])
            cur.execute(f"DELETE FROM {table}")
            # stored in image_id order: a hit's row is then found by the row groups' min/max
            # alone (in an analysis' own order, each lookup scanned the whole table: 2.4 ms at
            # a million images, four tables a search)
            cur.execute(f"INSERT INTO {table} SELECT image_id, {column} FROM _sig ORDER BY image_id")
        catalog_writes.written(self.path, "signals")   # committed: searches read them again

    def write_coords(self, method: str, ids: np.ndarray, xy: np.ndarray, replace: bool) -> None:
        df = pd.DataFrame({"image_id": np.asarray(ids, dtype=np.int64), "method": method,
                           "x": xy[:, 0], "y": xy[:, 1]})
        with self.transaction() as cur:
            if replace:
                cur.execute("DELETE FROM coords WHERE method = ?", [method])
            cur.register("_xy", df)
            cur.execute("INSERT OR REPLACE INTO coords SELECT image_id, method, x, y FROM _xy")

    def add_tags(self, ids, tag: str) -> None:
        self.mark_filled("tags")
        self._with_ids(ids, "INSERT OR IGNORE INTO tags SELECT image_id, ? FROM _ids "
                            "WHERE image_id IN (SELECT image_id FROM images)", [tag])

    def remove_tags(self, ids, tag: str) -> None:
        self._with_ids(ids, "DELETE FROM tags WHERE tag = ? AND image_id IN "
                            "(SELECT image_id FROM _ids)", [tag])
