"""The saved analyses' columns (SIGNALS) held in memory for the search path.

A search's hits each carry their cluster, outlier score, duplicate group and label-issue
score. Found by id in DuckDB, each of those tables cost about 0.8 ms a search at a million
images (the index lookup and the fetch of ten rows scattered over the table), four tables a
search: more than the vector index itself. Here each table is read whole once, as a sorted id
array and its values (16 bytes a row: 64 MB for four tables at a million images), and hits
are looked up with a binary search.

Never stale: a catalog is written by one process at a time (DuckDB opens a database file for
writing in one process only, and no other can open it meanwhile), so a write another process
made is in the file before this store opened it, and a write this process makes goes through
Store.write_signal, which counts it once it has committed (catalog_writes.py). The columns are
read again when the count differs from the one they were read at (one thread reads, the
others wait for it): a write through any connection of this process shows in the next search.
Removing images needs no count: the hits' rows come from the images table, and image ids are
never used again.
"""
from __future__ import annotations

import threading

import numpy as np
import pandas as pd

from . import catalog_writes
from .signals import SIGNALS


class SignalColumns:
    def __init__(self, path):
        self._path = catalog_writes.key(path)
        self._lock = threading.Lock()
        self._state = (None, {})      # (writes counted when read, {table: (ids, values, uniques)})

    def lookup(self, store, ids: list[int]) -> list[dict]:
        """Each id's signal values ({column: value or None}), as committed before this call."""
        columns = self._current(store)
        ids = np.asarray(ids, dtype=np.int64)
        out = [dict.fromkeys(SIGNALS.values()) for _ in range(len(ids))]
        for table, (have, values, uniques) in columns.items():
            pos = np.minimum(np.searchsorted(have, ids), max(len(have) - 1, 0))
            found = (have[pos] == ids) if len(have) else np.zeros(len(ids), bool)
            column = SIGNALS[table]
            for n in np.flatnonzero(found):
                v = values[pos[n]]
                out[n][column] = uniques[v] if uniques is not None else v.item()
        return out

    def _current(self, store) -> dict:
        seen, columns = self._state
        if seen == catalog_writes.count(self._path, "signals")[0]:
            return columns
        with self._lock:                 # one thread reads; the others wait and use it
            seen, columns = self._state
            # taken before the read: a write that commits meanwhile counts again, so the
            # columns are read next time
            now = catalog_writes.count(self._path, "signals")[0]
            if seen != now:
                columns = self._read(store)
                self._state = (now, columns)
        return columns

    @staticmethod
    def _read(store) -> dict:
        """Every signal table, in one snapshot."""
        columns = {}
        with store.snapshot() as cur:
            for table, column in SIGNALS.items():
                got = cur.execute(f"SELECT image_id, {column} FROM {table} WHERE {column} IS NOT NULL "
                                  "ORDER BY image_id").fetchnumpy()
                have, values = np.asarray(got["image_id"], dtype=np.int64), got[column]
                uniques = None
                if values.dtype == object:         # text: codes and the distinct values
                    codes, uniques = pd.factorize(values)
                    values, uniques = codes.astype(np.int32), list(uniques)
                columns[table] = (have, np.asarray(values), uniques)
        return columns
