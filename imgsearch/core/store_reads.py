"""The catalog's reads: the `catalog` view, rows and ids by state, by id list, by a user filter
or by column values, coordinates, counts and the distinct values of a column.

A mixin of Store (store.py): the same connection and cursors; the user filters are compiled
by filters.py and bound as parameters.
"""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from ..errors import InvalidArgument
from .filters import compile_filter, echo, quote_identifier
from .signals import SIGNAL_TYPES, SIGNALS

FEW_IDS = 64     # up to this many ids, each table's scan checks a list (see catalog_select)


class CatalogReads:
    # -- the view every reader uses ------------------------------------------------------
    def refresh_view(self) -> None:
        self._metadata_known = None       # the metadata table may have new columns
        sql = "\n            CREATE OR REPLACE VIEW catalog AS" + self.catalog_select()
        with self.cursor() as cur:
            known = cur.execute("SELECT value FROM meta WHERE key = 'catalog_view'").fetchone()
        if known is None or known[0] != sql:      # write only when it changes
            with self.transaction() as cur:
                cur.execute(sql)
                cur.execute("INSERT OR REPLACE INTO meta VALUES ('catalog_view', ?)", [sql])

    def catalog_select(self, of_ids: bool = False, few: bool = False, signals: bool = True) -> str:
        """The catalog's SELECT (the view's text, unchanged); with of_ids, the same rows for
        the ids bound as $1 only, every joined table read for those ids alone. Through the
        view DuckDB hashes every joined table whole: 180 ms a search at a million images.
        few: a handful of ids, matched in each table's scan (a semi-join costs more to set up
        than it saves; for thousands of ids the scan's list check would cost more).
        signals=False: without the saved analyses' columns (the search path reads them from
        memory: signal_columns.py)."""
        pick = ("list_contains($1::BIGINT[], image_id)" if few else
                "image_id IN (SELECT unnest($1::BIGINT[]))")
        images, metadata, tags, sig = "images", "metadata", "tags", "{t}"
        extra = self._metadata_columns_known()
        if of_ids:
            images = f"(SELECT * FROM images WHERE {pick})"
            metadata = f"(SELECT * FROM metadata WHERE path IN (SELECT path FROM {images}))"
            tags = f"tags WHERE {pick}"
            sig = f"(SELECT * FROM {{t}} WHERE {pick}) {{t}}"
        extra_sql = "".join(f", m.{quote_identifier(c)}" for c in extra)
        # the view keeps its text; rows by id skip a join with nothing to read: no metadata
        # column, or a table that holds no row (a new collection has no signal or tag yet)
        meta_join = f"LEFT JOIN {metadata} m ON m.path = i.path" if extra or not of_ids else ""
        read = (lambda t: True) if not of_ids else self.filled_tables().__contains__
        shown = SIGNALS if signals else {}
        signal_sql = "".join(f", {t}.{c}" if read(t) else f", NULL::{SIGNAL_TYPES[t]} AS {c}"
                             for t, c in shown.items())
        signal_joins = " ".join(f"LEFT JOIN {sig.format(t=t)} ON {t}.image_id = i.image_id"
                                for t in shown if read(t))
        tags_sql = "coalesce(t.tags, []::VARCHAR[])" if read("tags") else "[]::VARCHAR[]"
        tags_join = (f"""LEFT JOIN (SELECT image_id, list(tag ORDER BY tag) AS tags FROM {tags}
                       GROUP BY image_id) t ON t.image_id = i.image_id""" if read("tags") else "")
        return f"""
            SELECT i.image_id, i.path, i.sha256, i.size_bytes, i.width, i.height, i.label,
                   i.prediction, i.confidence,
                   CASE WHEN i.label IS NULL OR i.prediction IS NULL THEN NULL
                        ELSE i.label = i.prediction END AS correct,
                   i.split, i.imagenet_prediction, i.imagenet_confidence, i.added_at,
                   {tags_sql} AS tags
                   {signal_sql}
                   {extra_sql}
            FROM {images} i {meta_join}
            {tags_join}
            {signal_joins}
            WHERE i.state = 'indexed'"""

    def filled_tables(self) -> set[str]:
        """Which of `tags` and the signal tables hold rows: asked of DuckDB once, then kept
        (a write marks its table before it writes, so a table never read as empty has rows;
        one emptied since is still read, which is merely slower)."""
        with self._filled_lock:
            if self._filled is None:
                with self.cursor() as cur:
                    self._filled = {t for (t,) in cur.execute(" UNION ALL ".join(
                        f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM {t})"
                        for t in ("tags", *SIGNALS))).fetchall()}
            return self._filled

    def mark_filled(self, table: str) -> None:
        """Before a write to `table`: from now on its rows are read (the set is made first, so
        a reader who asks while the write runs cannot cache the table as empty)."""
        self.filled_tables()
        with self._filled_lock:
            self._filled.add(table)

    def _metadata_columns_known(self) -> list[str]:
        """metadata_columns(), read again only after refresh_view: only import_metadata
        changes them, and it refreshes the view (one process writes a catalog). Asking DuckDB
        on every search cost 1.4 ms of it."""
        known = getattr(self, "_metadata_known", None)
        if known is None:
            known = self._metadata_known = self.metadata_columns()
        return known

    # -- reads ---------------------------------------------------------------------------
    def files(self) -> pd.DataFrame:
        """Every row (any state): image_id, path, sha256, size_bytes, mtime, state."""
        return self._frame("SELECT image_id, path, sha256, size_bytes, mtime, state FROM images")

    def pending(self) -> list[tuple[int, str]]:
        with self.cursor() as cur:
            return cur.execute("SELECT image_id, path FROM images WHERE state = 'pending' "
                               "ORDER BY image_id").fetchall()

    def paths_of(self, ids) -> dict[int, str]:
        ids = np.asarray(list(ids), dtype=np.int64)
        with self.cursor() as cur:
            cur.register("_ids", pd.DataFrame({"image_id": ids}))
            return dict(cur.execute("SELECT image_id, path FROM images JOIN _ids USING (image_id)")
                        .fetchall())

    def ids(self, state: str | None = "indexed") -> np.ndarray:
        if state:
            return self._ids_of("SELECT image_id FROM images WHERE state = ?", [state])
        return self._ids_of("SELECT image_id FROM images")

    def rows(self, ids, columns: list[str] | None = None) -> pd.DataFrame:
        """Catalog rows for ids, in the order given (ids with no indexed row are dropped)."""
        ids = np.asarray(list(ids), dtype=np.int64)
        select = "*" if columns is None else ", ".join(quote_identifier(c) for c in columns)
        with self.cursor() as cur:
            df = cur.execute(f"SELECT {select} FROM ({self.catalog_select(of_ids=True)})",
                             [ids.tolist()]).df()
        if "image_id" not in df.columns or df.empty:
            return df
        order = pd.Series(np.arange(len(ids)), index=ids)
        order = order[~order.index.duplicated()]
        return (df.assign(_ord=df["image_id"].map(order)).sort_values("_ord")
                  .drop(columns="_ord").reset_index(drop=True))

    def records(self, ids) -> list[dict]:
        """Catalog rows for ids as dicts, in the order given: the search path (no DataFrame).
        The rows come from memory while no write has ended since they were read (hit_rows.py),
        else from DuckDB; the saved analyses' columns from memory, read again after a write of
        them (signal_columns.py)."""
        ids = [int(i) for i in ids]
        fits = [i for i in ids if -2 ** 63 <= i < 2 ** 63]    # no image has an id beyond int64
        names, got = self._hit_rows.lookup(self, fits) or self._hit_rows_of(fits)
        if not got:
            return []
        cut = names.index("tags") + 1              # the analyses' columns follow the tags
        head, tail = names[:cut], names[cut:]
        signals = self._signal_columns.lookup(self, [row[0] for row in got])
        by_id = {row[0]: {**dict(zip(head, row[:cut])), **found, **dict(zip(tail, row[cut:]))}
                 for row, found in zip(got, signals)}
        return [by_id[i] for i in ids if i in by_id]

    def _hit_rows_of(self, ids: list[int]) -> tuple[list[str], list[tuple]]:
        """The rows of `records` from DuckDB (while the ones in memory are not fresh)."""
        few = len(ids) <= FEW_IDS
        name = "hit_rows_few" if few else "hit_rows"
        sql = self.catalog_select(of_ids=True, few=few, signals=False)
        with self.prepared(name, sql) as cur:
            result = cur.execute(f"EXECUTE {name}([{','.join(map(str, ids))}]::BIGINT[])")
            return [d[0] for d in result.description], result.fetchall()

    def shared_contents(self) -> pd.DataFrame:
        """image_id, sha256 of the indexed images whose file content another indexed image
        has too (exact copies): the few rows exact-duplicate grouping needs, not every one."""
        return self._frame("SELECT image_id, sha256 FROM images WHERE state = 'indexed' AND "
                           "sha256 IN (SELECT sha256 FROM images WHERE state = 'indexed' "
                           "GROUP BY sha256 HAVING count(*) > 1)")

    def indexed_among(self, ids) -> set[int]:
        """Which of these ids are indexed images (cheap: no catalog view)."""
        with self.cursor() as cur:
            rows = cur.execute("SELECT image_id FROM images WHERE state = 'indexed' AND "
                               "list_contains(?, image_id)", [[int(i) for i in ids]]).fetchall()
        return {r[0] for r in rows}

    def where_sql(self, where: str | None) -> tuple[str, list]:
        if not where:
            return "", []
        sql, params = compile_filter(where, self.columns())
        return f" WHERE {sql}", params

    def _run_filtered(self, sql: str, where: str | None, tail: str = "", ids: bool = False):
        clause, params = self.where_sql(where)
        try:
            if ids:
                return self._ids_of(sql + clause + tail, params)
            return self._frame(sql + clause + tail, params)
        except duckdb.Error as e:
            raise InvalidArgument(f"filter {echo(where)} cannot run: "
                                  f"{str(e).splitlines()[0][:160]}", param="where") from None

    def check_columns(self, columns) -> list[str]:
        known = self.columns()
        for c in columns:
            if c not in known:
                raise InvalidArgument(f"unknown column {str(c)[:60]!r}", param="columns")
        return list(columns)

    def table(self, where: str | None = None, columns: list[str] | None = None) -> pd.DataFrame:
        select = "*" if columns is None else ", ".join(quote_identifier(c)
                                                       for c in self.check_columns(columns))
        return self._run_filtered(f"SELECT {select} FROM catalog", where, " ORDER BY image_id")

    def filter_ids(self, where: str) -> np.ndarray:
        return self._run_filtered("SELECT image_id FROM catalog", where, ids=True)

    def filter_by(self, filters: dict) -> np.ndarray:
        """Indexed ids matching {column: value or list of values} (parameterised; 'tags'
        matches any of the given tags)."""
        clauses, params = [], []
        known = self.columns()
        for column, values in filters.items():
            if column not in known:
                raise InvalidArgument(f"unknown column {column!r}", param="filters")
            values = list(values) if isinstance(values, (list, tuple, set)) else [values]
            if not values:
                continue
            marks = ", ".join("?" for _ in values)
            if column == "tags":
                clauses.append(f"list_has_any(tags, [{marks}])")
            else:
                clauses.append(f"{quote_identifier(column)} IN ({marks})")
            params += values
        sql = "SELECT image_id FROM catalog" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        try:
            return self._ids_of(sql, params)
        except duckdb.Error as e:     # a value of the wrong type for its column
            raise InvalidArgument(f"filters cannot run: {str(e).splitlines()[0][:160]}",
                                  param="filters") from None

    def confusion_pairs(self) -> pd.DataFrame:
        return self._frame("""SELECT label, prediction, count(*) AS n FROM catalog
                              WHERE label IS NOT NULL AND prediction IS NOT NULL GROUP BY ALL""")

    def coords(self, method: str) -> pd.DataFrame:
        """image_id, x, y of the indexed images that have coordinates for method."""
        return self._frame("SELECT c.image_id, c.x, c.y FROM coords c JOIN images i "
                           "USING (image_id) WHERE c.method = ? AND i.state = 'indexed' "
                           "ORDER BY c.image_id", [method])

    def coord_methods(self) -> list[str]:
        with self.cursor() as cur:
            return [m for (m,) in cur.execute("SELECT DISTINCT method FROM coords ORDER BY 1").fetchall()]

    def counts(self) -> dict:
        with self.cursor() as cur:
            by_state = dict(cur.execute("SELECT state, count(*) FROM images GROUP BY state").fetchall())
            skipped = cur.execute("SELECT count(*) FROM skipped").fetchone()[0]
        return {"indexed": by_state.get("indexed", 0), "pending": by_state.get("pending", 0),
                "skipped": skipped}

    def skipped(self) -> pd.DataFrame:
        return self._frame("SELECT path, reason FROM skipped ORDER BY path")

    def tag_names(self) -> list[str]:
        with self.cursor() as cur:
            return [t for (t,) in cur.execute("SELECT DISTINCT tag FROM tags ORDER BY 1").fetchall()]

    def distinct(self, column: str, limit: int = 1000) -> list:
        if column not in self.columns():
            raise InvalidArgument(f"unknown column {column!r}", param="column")
        with self.cursor() as cur:
            return [v for (v,) in cur.execute(
                f"SELECT DISTINCT {quote_identifier(column)} FROM catalog WHERE "
                f"{quote_identifier(column)} IS NOT NULL ORDER BY 1 LIMIT ?", [limit]).fetchall()]
