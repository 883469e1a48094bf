"""The catalog's SQL for labels and predictions: an imported metadata file (its label,
prediction, confidence and split copied onto the images), the user's predictions and class
probabilities, the ImageNet predictions kept apart from them, label and split counts, and the
move of older catalogs' ImageNet predictions to their own columns.

A mixin of Store (store.py): the same connection, cursors and transactions.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .signals import SIGNALS


# 3: the user's predictions apart from a pretrained head's (imagenet_prediction); a catalog
# of an older version is brought up to date when it is opened
SCHEMA_VERSION = 3

KNOWN_COLUMNS = ("label", "prediction", "confidence", "split")
# `prediction` / `confidence` are the user's own (their checkpoint's head, a labels file, or
# import-predictions); a pretrained ImageNet head's top-1 is kept apart in these two.
IMAGENET_COLUMNS = ("imagenet_prediction", "imagenet_confidence")
PATH_COLUMN_NAMES = ("path", "paths", "filepath", "file", "filename", "image", "image_path")
# Columns of the catalog view; an imported CSV column with one of these names is renamed.
BUILTIN_COLUMNS = ("image_id", "path", "sha256", "size_bytes", "width", "height", "label",
                   "prediction", "confidence", "correct", "split", *IMAGENET_COLUMNS, "added_at", "tags",
                   *SIGNALS.values(), "state", "mtime", "x", "y", "score")


def safe_metadata_names(names) -> tuple[list[str], list[str]]:
    """CSV headers as catalog column names: stripped, built-ins renamed to csv_<name>, and
    case-insensitive repeats numbered (DuckDB matches identifiers without case).
    Returns (names, notes about each rename)."""
    out, notes, seen = [], [], set()
    for raw in names:
        name = str(raw).strip() or "column"
        if name.lower() in BUILTIN_COLUMNS:
            notes.append(f"CSV column {name!r} renamed to 'csv_{name}' (a built-in column has that name)")
            name = f"csv_{name}"
        base, n = name, 2
        while name.lower() in seen:
            name, n = f"{base}_{n}", n + 1
        seen.add(name.lower())
        out.append(name)
    return out, notes


class LabelStore:
    # -- an imported metadata file --------------------------------------------------------
    def import_metadata(self, df: pd.DataFrame) -> list[str]:
        """Replace the imported metadata (keyed by absolute path) and copy label, prediction,
        confidence and split onto matching rows. Header names are data: they are quoted as
        identifiers and renamed where they collide with built-in columns. Returns the notes."""
        known = [c for c in KNOWN_COLUMNS if c in df.columns]
        extras = [c for c in df.columns if c not in KNOWN_COLUMNS and c != "path"]
        names, notes = safe_metadata_names(extras)
        meta = pd.DataFrame({"path": df["path"].astype("string")})
        for src, name in zip(extras, names):
            meta[name] = df[src].to_numpy()
        labels = pd.DataFrame({"path": df["path"].astype("string")})
        for c in known:
            labels[c] = (pd.to_numeric(df[c], errors="coerce") if c == "confidence"
                         else df[c].astype("string"))
        with self.transaction() as cur:
            cur.register("_meta", meta)
            cur.register("_labels", labels)
            cur.execute("CREATE OR REPLACE TABLE metadata AS SELECT * FROM _meta")
            cur.execute("CREATE OR REPLACE TABLE labels_import AS SELECT * FROM _labels")
        self.refresh_view()
        self.apply_metadata()
        return notes

    def apply_metadata(self) -> int:
        """Copy label/prediction/confidence/split from the last import onto matching rows."""
        with self.transaction() as cur:
            have = cur.execute("SELECT count(*) FROM information_schema.tables "
                               "WHERE table_name = 'labels_import'").fetchone()[0]
            if not have:
                return 0
            cols = {c for (c,) in cur.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'labels_import'").fetchall()}
            sets = [f"{c} = coalesce(m.{c}, images.{c})" for c in KNOWN_COLUMNS if c in cols]
            if sets:
                cur.execute(f"UPDATE images SET {', '.join(sets)} FROM labels_import m "
                            "WHERE images.path = m.path")
            return cur.execute("SELECT count(*) FROM images i JOIN labels_import m "
                               "ON m.path = i.path").fetchone()[0]

    # -- the user's predictions ------------------------------------------------------------
    def prediction_count(self) -> int:
        """Indexed images that carry a prediction of the user's own."""
        with self.cursor() as cur:
            return cur.execute("SELECT count(*) FROM images WHERE state = 'indexed' "
                               "AND prediction IS NOT NULL").fetchall()[0][0]

    def set_predictions(self, df: pd.DataFrame, classes: list[str] | None) -> None:
        """df: image_id, prediction, confidence (may be NULL), and `probs` (a list per row)
        when classes are given. Rows not in df keep what they had; class probabilities of
        another class list than the stored one replace them all."""
        with self.transaction() as cur:
            cur.register("_pred", df[["image_id", "prediction", "confidence"]])
            cur.execute("""UPDATE images SET prediction = p.prediction, confidence = p.confidence
                           FROM _pred p WHERE images.image_id = p.image_id""")
            if classes is not None:
                given = df[[p is not None for p in df["probs"]]]
                self._write_probs(cur, given["image_id"].to_numpy(), list(given["probs"]), classes)

    def set_probabilities(self, ids, probs, classes: list[str]) -> None:
        """Class probabilities of the user's own head, one row per image."""
        with self.transaction() as cur:
            self._write_probs(cur, np.asarray(ids, np.int64), list(probs), classes)

    @staticmethod
    def _write_probs(cur, ids, probs, classes) -> None:
        import json
        rows = cur.execute("SELECT value FROM meta WHERE key = 'prob_classes'").fetchall()
        if not rows or json.loads(rows[0][0]) != list(classes):
            cur.execute("DELETE FROM probs")
            cur.execute("INSERT OR REPLACE INTO meta VALUES ('prob_classes', ?)",
                        [json.dumps(list(classes))])
        cur.register("_probs", pd.DataFrame({"image_id": ids,
                                             "probs": [[float(v) for v in p] for p in probs]}))
        cur.execute("INSERT OR REPLACE INTO probs SELECT image_id, "
                    "CAST(probs AS DOUBLE[]) FROM _probs")

    def prob_classes(self) -> list[str] | None:
        import json
        with self.cursor() as cur:
            row = cur.execute("SELECT value FROM meta WHERE key = 'prob_classes'").fetchone()
        return json.loads(row[0]) if row else None

    def probabilities(self, ids) -> tuple[list[str], np.ndarray] | None:
        """(classes, (len(ids), n classes) probabilities) of the indexed images given, NaN rows
        where an image has none; None when no probabilities are stored."""
        classes = self.prob_classes()
        if not classes:
            return None
        ids = np.asarray(ids, dtype=np.int64)
        with self.cursor() as cur:
            cur.register("_ids", pd.DataFrame({"image_id": ids}))
            rows = cur.execute("SELECT p.image_id, p.probs FROM probs p JOIN _ids USING (image_id)"
                               ).fetchall()
        if not rows:
            return None
        out = np.full((len(ids), len(classes)), np.nan)
        pos = pd.Series(np.arange(len(ids)), index=ids)
        pos = pos[~pos.index.duplicated()]
        for image_id, probs in rows:
            if probs is not None and len(probs) == len(classes):
                out[pos[image_id]] = probs
        return classes, out

    # -- counts for `info` ---------------------------------------------------------------
    def value_counts(self, column: str) -> dict[str, int]:
        """Indexed images per value of label or split (most frequent first)."""
        assert column in ("label", "split")
        with self.cursor() as cur:
            rows = cur.execute(f"SELECT {column}, count(*) AS n FROM images WHERE state = 'indexed' "
                               f"AND {column} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1").fetchall()
        return {str(v): int(n) for v, n in rows}

    # -- migration -----------------------------------------------------------------------
    def split_imagenet_predictions(self, pretrained_head: bool) -> int:
        """Finish opening a catalog of schema 2, where `prediction` held whatever the model's
        head said. When that head was a pretrained (ImageNet) one, its predictions move to
        imagenet_prediction / imagenet_confidence; those imported from a labels file (the
        user's) stay. Returns how many rows moved."""
        moved = 0
        with self.transaction() as cur:
            if pretrained_head:
                has_import = cur.execute(
                    "SELECT count(*) FROM information_schema.columns WHERE table_name = "
                    "'labels_import' AND column_name = 'prediction'").fetchall()[0][0]
                users = ("SELECT path FROM labels_import WHERE prediction IS NOT NULL"
                         if has_import else "SELECT NULL::VARCHAR AS path WHERE false")
                moved = cur.execute(f"""SELECT count(*) FROM images WHERE prediction IS NOT NULL
                                        AND path NOT IN ({users})""").fetchall()[0][0]
                cur.execute(f"""UPDATE images SET imagenet_prediction = prediction,
                                       imagenet_confidence = confidence,
                                       prediction = NULL, confidence = NULL
                                WHERE prediction IS NOT NULL AND path NOT IN ({users})""")
                if has_import:    # a file's prediction without its confidence took the head's
                    has_conf = cur.execute(
                        "SELECT count(*) FROM information_schema.columns WHERE table_name = "
                        "'labels_import' AND column_name = 'confidence'").fetchall()[0][0]
                    given = "m.confidence" if has_conf else "NULL::DOUBLE"
                    cur.execute(f"""UPDATE images SET confidence = {given}
                                    FROM labels_import m WHERE m.path = images.path
                                    AND m.prediction IS NOT NULL AND {given} IS NULL""")
            cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                        [str(SCHEMA_VERSION)])
        self.legacy_predictions = False
        return moved
