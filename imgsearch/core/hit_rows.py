"""The indexed images' catalog rows held in memory for the search path.

A search returns its hits with their catalog rows. DuckDB reads each of ten rows scattered over
a million-row table from its compressed column segments, column by column: about 2.6 ms a
search for the images table's columns, more than half of what the vector index takes. Here
the rows of the indexed images are read once, as one Arrow table (about 180 MB at a million
images), and a search's hits are taken from it by position (0.14 ms).

Used only while fresh. Every write to the catalog goes through Store.transaction, which counts
it when it ends (catalog_writes.py, where the reason other processes' writes need no count is
given). The table is used only while the count is the one taken before it was read; otherwise
the hits' rows come from DuckDB, as they would without this table. A stale table is read
again in a thread of its own once the catalog has been quiet for QUIET_S: a run that writes
every batch is not slowed by reading the table after each, and no search waits for a read.
"""
from __future__ import annotations

import threading
import time
from typing import NamedTuple

import duckdb
import numpy as np
import pyarrow as pa

from ..errors import ImgsearchError
from . import catalog_writes

QUIET_S = 1.0            # a catalog written more recently than this is not read whole yet
MAX_ROWS = 2_000_000     # beyond this many images the rows stay in DuckDB (memory)
BATCH_ROWS = 100_000     # rows read between two looks at whether the store is closing


class _Held(NamedTuple):
    count: int                   # the catalog's write count taken before the read
    table: pa.Table | None       # the rows; None: not held (too many images, or none)
    ids: np.ndarray | None       # the table's image ids, sorted
    rows: np.ndarray | None      # the table row of each sorted id


class HitRows:
    def __init__(self, path):
        self._key = catalog_writes.key(path)
        self._state: _Held | None = None
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None
        self._cursor = None
        self._closed = False
        self._stale_asks = 0          # lookups that found the table stale (not exact under threads)

    def lookup(self, store, ids: list[int]) -> tuple[list[str], list[tuple]] | None:
        """(column names, the rows of those ids that are indexed, in the order given), or None
        while the table is not fresh: then the caller reads DuckDB, and a read is started if
        the catalog is quiet and this is not the process's first search."""
        held, (count, last) = self._state, catalog_writes.count(self._key)
        if held is not None and held.count == count:
            return self._take(held, ids)
        if time.monotonic() - last >= QUIET_S:
            self._stale_asks += 1          # a process that searches once never reads the table
            if self._stale_asks > 1:
                self._start(store)
        return None

    @staticmethod
    def _take(held: _Held, ids) -> tuple[list[str], list[tuple]] | None:
        if held.table is None:
            return None
        ids = np.asarray(ids, dtype=np.int64)
        if not len(held.ids):
            return held.table.column_names, []
        pos = np.minimum(np.searchsorted(held.ids, ids), len(held.ids) - 1)
        taken = held.table.take(pa.array(held.rows[pos[held.ids[pos] == ids]]))
        return held.table.column_names, list(zip(*(c.to_pylist() for c in taken.columns)))

    def _start(self, store) -> None:
        with self._lock:
            if self._closed or (self._reader is not None and self._reader.is_alive()):
                return
            self._reader = threading.Thread(target=self._read, args=(store,), daemon=True,
                                            name="imgsearch-hit-rows")
            self._reader.start()

    def _read(self, store) -> None:
        # taken before the read: a write that ends meanwhile counts again, and the table is
        # read again later
        count = catalog_writes.count(self._key)[0]
        try:
            with store.cursor() as cur:
                with self._lock:
                    if self._closed:
                        return
                    self._cursor = cur
                try:
                    table = self._read_table(cur, store)
                finally:
                    with self._lock:
                        self._cursor = None
        except (duckdb.Error, ImgsearchError, OSError):
            return      # interrupted by close, or the catalog unreadable: DuckDB serves the rows
        if table is None:
            if not self._closed:
                self._state = _Held(count, None, None, None)
            return
        have = table.column("image_id").to_numpy()
        rows = np.argsort(have, kind="stable")
        self._state = _Held(count, table, have[rows], rows)

    def _read_table(self, cur, store) -> pa.Table | None:
        [(n,)] = cur.execute("SELECT count(*) FROM images WHERE state = 'indexed'").fetchall()
        if n > MAX_ROWS:
            return None
        batches = []
        for batch in cur.sql(store.catalog_select(signals=False)).to_arrow_reader(BATCH_ROWS):
            if self._closed:
                return None
            batches.append(batch)
        return pa.Table.from_batches(batches).combine_chunks() if batches else None

    def wait(self, timeout: float | None = None) -> bool:
        """Until a read in progress ends; True if the table is fresh now."""
        reader = self._reader
        if reader is not None:
            reader.join(timeout)
        held = self._state
        return (held is not None and held.table is not None
                and held.count == catalog_writes.count(self._key)[0])

    def close(self) -> None:
        """Stop a read in progress (before the store's connection closes)."""
        with self._lock:
            self._closed = True
            reader, cursor = self._reader, self._cursor
        if cursor is not None:
            try:
                cursor.interrupt()
            except duckdb.Error:
                pass
        if reader is not None:
            reader.join()
