"""DuckDB catalog: one row per image keyed by the int64 image_id that FAISS also uses."""
from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from .errors import BadQuery, ImgsearchError

SCHEMA_VERSION = 1
KNOWN_COLUMNS = ("label", "prediction", "confidence", "split")
PATH_COLUMN_NAMES = ("path", "paths", "filepath", "file", "filename", "image", "image_path")

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
    added_at   TIMESTAMP DEFAULT current_timestamp
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
"""

# Per-image results of analyses: table -> column, joined into the catalog view.
SIGNALS = {"sig_cluster": "cluster", "sig_outlier": "outlier_score",
           "sig_duplicate": "duplicate_group", "sig_label_issue": "label_issue_score"}

# Words a --where filter may use besides column names: no statements, no subqueries.
_ALLOWED_WORDS = frozenset("""
and or not in is null like ilike between true false case when then else end cast as
varchar double integer bigint boolean date timestamp
lower upper length coalesce abs round list_contains contains starts_with ends_with
regexp_matches len array_length
""".split())


class Store:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as e:
            raise ImgsearchError(f"cannot open catalog {self.path}: {e}") from None
        if not read_only:
            self.con.execute(_SCHEMA)
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                             [str(SCHEMA_VERSION)])
        self._refresh_view()

    def close(self) -> None:
        self.con.close()

    # -- the view every reader uses ------------------------------------------------
    def _refresh_view(self) -> None:
        extra = [c for c in self.metadata_columns()]
        extra_sql = "".join(f', m."{c}"' for c in extra)
        signal_sql = ", ".join(f"{t}.{c}" for t, c in SIGNALS.items())
        signal_joins = " ".join(f"LEFT JOIN {t} USING (image_id)" for t in SIGNALS)
        self.con.execute(f"""
            CREATE OR REPLACE TEMP VIEW catalog AS
            SELECT i.image_id, i.path, i.sha256, i.size_bytes, i.width, i.height, i.label,
                   i.prediction, i.confidence,
                   CASE WHEN i.label IS NULL OR i.prediction IS NULL THEN NULL
                        ELSE i.label = i.prediction END AS correct,
                   i.split, i.added_at,
                   coalesce((SELECT list(t.tag ORDER BY t.tag) FROM tags t
                             WHERE t.image_id = i.image_id), []::VARCHAR[]) AS tags,
                   {signal_sql}
                   {extra_sql}
            FROM images i LEFT JOIN metadata m ON m.path = i.path
            {signal_joins}
            WHERE i.state = 'indexed'""")

    def metadata_columns(self) -> list[str]:
        cols = self.con.execute("SELECT column_name FROM information_schema.columns "
                                "WHERE table_name = 'metadata' ORDER BY ordinal_position").fetchall()
        return [c for (c,) in cols if c != "path"]

    def columns(self) -> list[str]:
        return [d[0] for d in self.con.execute("SELECT * FROM catalog LIMIT 0").description]

    # -- writes ------------------------------------------------------------------------
    def insert_pending(self, rows: pd.DataFrame) -> np.ndarray:
        """Insert rows (path, sha256, size_bytes, mtime) as pending; returns their new ids."""
        if rows.empty:
            return np.empty(0, dtype=np.int64)
        ids = self.con.execute("SELECT nextval('image_id_seq') FROM range(?)",
                               [len(rows)]).fetchnumpy()["nextval('image_id_seq')"]
        df = rows.assign(image_id=ids.astype(np.int64))
        self.con.register("_new", df)
        self.con.execute("""INSERT INTO images (image_id, path, sha256, size_bytes, mtime, state)
                            SELECT image_id, path, sha256, size_bytes, mtime, 'pending' FROM _new""")
        self.con.unregister("_new")
        return df["image_id"].to_numpy()

    def mark_indexed(self, done: pd.DataFrame) -> None:
        """done: image_id, width, height, prediction, confidence (model outputs may be NULL)."""
        if done.empty:
            return
        self.con.register("_done", done)
        self.con.execute("""
            UPDATE images SET state = 'indexed', width = d.width, height = d.height,
                   prediction = coalesce(d.prediction, images.prediction),
                   confidence = coalesce(d.confidence, images.confidence)
            FROM _done d WHERE images.image_id = d.image_id""")
        self.con.unregister("_done")

    def update_file(self, image_id: int, path: str, sha256: str, size: int, mtime: float,
                    pending: bool) -> None:
        self.con.execute("""UPDATE images SET path = ?, sha256 = ?, size_bytes = ?, mtime = ?,
                            state = CASE WHEN ? THEN 'pending' ELSE state END
                            WHERE image_id = ?""", [path, sha256, size, mtime, pending, image_id])

    def set_state(self, ids, state: str) -> None:
        self._with_ids(ids, f"UPDATE images SET state = '{state}' WHERE image_id IN "
                            "(SELECT image_id FROM _ids)")

    def delete(self, ids) -> None:
        self._with_ids(ids, "DELETE FROM tags WHERE image_id IN (SELECT image_id FROM _ids)")
        self._with_ids(ids, "DELETE FROM coords WHERE image_id IN (SELECT image_id FROM _ids)")
        self._with_ids(ids, "DELETE FROM images WHERE image_id IN (SELECT image_id FROM _ids)")

    def _with_ids(self, ids, sql: str) -> None:
        ids = np.asarray(list(ids), dtype=np.int64)
        if ids.size == 0:
            return
        self.con.register("_ids", pd.DataFrame({"image_id": ids}))
        self.con.execute(sql)
        self.con.unregister("_ids")

    def record_skipped(self, items: list[tuple[str, str]]) -> None:
        if not items:
            return
        df = pd.DataFrame(items, columns=["path", "reason"])
        self.con.register("_sk", df)
        self.con.execute("DELETE FROM skipped WHERE path IN (SELECT path FROM _sk)")
        self.con.execute("INSERT INTO skipped SELECT path, reason, current_timestamp FROM _sk")
        self.con.unregister("_sk")

    def clear_skipped(self, paths: list[str]) -> None:
        if paths:
            self.con.register("_sk", pd.DataFrame({"path": paths}))
            self.con.execute("DELETE FROM skipped WHERE path IN (SELECT path FROM _sk)")
            self.con.unregister("_sk")

    def import_metadata(self, df: pd.DataFrame) -> int:
        """Replace the imported metadata (keyed by absolute path); copy known columns over."""
        df = df.copy()
        df.columns = [str(c).strip() for c in df.columns]
        known = [c for c in KNOWN_COLUMNS if c in df.columns]
        if "confidence" in known:
            df["confidence"] = pd.to_numeric(df["confidence"], errors="coerce")
        for c in known:
            if c != "confidence":
                df[c] = df[c].astype("string")
        self.con.register("_meta", df)
        self.con.execute("CREATE OR REPLACE TABLE labels_import AS SELECT * FROM _meta")
        extras = ", ".join(f'"{c}"' for c in df.columns if c not in KNOWN_COLUMNS)
        self.con.execute(f"CREATE OR REPLACE TABLE metadata AS SELECT {extras} FROM _meta")
        self.con.unregister("_meta")
        self._refresh_view()
        return self.apply_metadata()

    def apply_metadata(self) -> int:
        """Copy label/prediction/confidence/split from the last import onto matching rows."""
        have = self.con.execute("SELECT count(*) FROM information_schema.tables "
                                "WHERE table_name = 'labels_import'").fetchall()[0][0]
        if not have:
            return 0
        cols = {c for (c,) in self.con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'labels_import'").fetchall()}
        sets = [f"{c} = coalesce(m.{c}, images.{c})" for c in KNOWN_COLUMNS if c in cols]
        if not sets:
            return self.con.execute("SELECT count(*) FROM images i JOIN labels_import m "
                                    "ON m.path = i.path").fetchall()[0][0]
        self.con.execute(f"UPDATE images SET {', '.join(sets)} FROM labels_import m "
                         "WHERE images.path = m.path")
        return self.con.execute("SELECT count(*) FROM images i JOIN labels_import m "
                                "ON m.path = i.path").fetchall()[0][0]

    # -- reads ------------------------------------------------------------------------
    def files(self) -> pd.DataFrame:
        """Every row (any state): image_id, path, sha256, size_bytes, mtime, state."""
        return self.con.execute("SELECT image_id, path, sha256, size_bytes, mtime, state "
                                "FROM images").df()

    def ids(self, state: str | None = "indexed") -> np.ndarray:
        sql = "SELECT image_id FROM images" + (" WHERE state = ?" if state else "")
        return self.con.execute(sql, [state] if state else []).fetchnumpy()["image_id"].astype(np.int64)

    def rows(self, ids) -> pd.DataFrame:
        """Catalog rows for ids, in the order given (ids with no indexed row are dropped)."""
        ids = np.asarray(list(ids), dtype=np.int64)
        self.con.register("_ids", pd.DataFrame({"image_id": ids, "_ord": np.arange(len(ids))}))
        df = self.con.execute("SELECT c.* FROM _ids JOIN catalog c USING (image_id) "
                              "ORDER BY _ids._ord").df()
        self.con.unregister("_ids")
        return df

    def table(self, where: str | None = None) -> pd.DataFrame:
        sql = "SELECT * FROM catalog"
        if where:
            sql += f" WHERE ({self.validate_where(where)})"
        try:
            return self.con.execute(sql + " ORDER BY image_id").df()
        except duckdb.Error as e:
            raise BadQuery(f"bad --where {where!r}: {str(e).splitlines()[0]}") from None

    def filter_ids(self, where: str) -> np.ndarray:
        sql = f"SELECT image_id FROM catalog WHERE ({self.validate_where(where)})"
        try:
            return self.con.execute(sql).fetchnumpy()["image_id"].astype(np.int64)
        except duckdb.Error as e:
            raise BadQuery(f"bad --where {where!r}: {str(e).splitlines()[0]}") from None

    def validate_where(self, where: str) -> str:
        """Allow only a boolean expression over catalog columns (no statements, no subqueries)."""
        try:
            tokens = duckdb.tokenize(where)
        except Exception as e:
            raise BadQuery(f"bad --where {where!r}: {e}") from None
        if not tokens:
            raise BadQuery("empty --where filter")
        columns = {c.lower() for c in self.columns()}
        ends = [pos for pos, _ in tokens[1:]] + [len(where)]
        for (pos, kind), end in zip(tokens, ends):
            text = where[pos:end].strip()
            if kind == duckdb.token_type.comment:
                raise BadQuery("--where may not contain comments")
            if kind == duckdb.token_type.operator and ";" in text:
                raise BadQuery("--where must be one expression (no ';')")
            if kind in (duckdb.token_type.keyword, duckdb.token_type.identifier):
                word = text.strip('"').lower()
                if word not in columns and word not in _ALLOWED_WORDS:
                    raise BadQuery(f"--where: unknown column or word {text!r}; "
                                   f"columns are: {', '.join(sorted(columns))}")
        return where

    def write_signal(self, table: str, df: pd.DataFrame) -> None:
        """Replace one analysis result (image_id + its column) atomically."""
        column = SIGNALS[table]
        self.con.register("_sig", df[["image_id", column]])
        self.con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _sig")
        self.con.unregister("_sig")
        self._refresh_view()

    def filter_by(self, filters: dict) -> np.ndarray:
        """Indexed ids matching {column: value or list of values} (parameterised; 'tags' matches
        any of the given tags)."""
        clauses, params = [], []
        known = set(self.columns())
        for column, values in filters.items():
            if column not in known:
                raise BadQuery(f"unknown column {column!r}")
            values = list(values) if isinstance(values, (list, tuple, set)) else [values]
            if not values:
                continue
            marks = ", ".join("?" for _ in values)
            if column == "tags":
                clauses.append(f"len(list_intersect(tags, [{marks}])) > 0")
            else:
                clauses.append(f'"{column}" IN ({marks})')
            params += values
        sql = "SELECT image_id FROM catalog" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        return self.con.execute(sql, params).fetchnumpy()["image_id"].astype(np.int64)

    def add_tags(self, ids, tag: str) -> None:
        self._with_ids(ids, "INSERT OR IGNORE INTO tags SELECT image_id, '%s' FROM _ids"
                       % self._tag(tag))

    def remove_tags(self, ids, tag: str) -> None:
        self._with_ids(ids, "DELETE FROM tags WHERE tag = '%s' AND image_id IN "
                            "(SELECT image_id FROM _ids)" % self._tag(tag))

    @staticmethod
    def _tag(tag: str) -> str:
        import re
        if not re.fullmatch(r"[A-Za-z0-9_.:\-]{1,64}", tag or ""):
            raise BadQuery(f"bad tag {tag!r}: use letters, digits and _ . : - (at most 64)")
        return tag

    def counts(self) -> dict:
        by_state = dict(self.con.execute("SELECT state, count(*) FROM images GROUP BY state").fetchall())
        skipped = self.con.execute("SELECT count(*) FROM skipped").fetchall()[0][0]
        return {"indexed": by_state.get("indexed", 0), "pending": by_state.get("pending", 0),
                "skipped": skipped}

    def skipped(self) -> pd.DataFrame:
        return self.con.execute("SELECT path, reason FROM skipped ORDER BY path").df()
