"""The saved analyses' columns (SIGNALS) held in memory for the search path.

A search's hits each carry their cluster, outlier score, duplicate group and label-issue
score. Found by id in DuckDB, each of those tables cost about 0.8 ms a search at a million
images (the index lookup and the fetch of ten rows scattered over the table), four tables a
search: more than the vector index itself. Here each table is read whole once, as a sorted id
array and its values (16 bytes a row: 64 MB for four tables at a million images), and hits
are looked up with a binary search.

Never stale: each write of a signal table (Store.write_signal) sets a new `signals_stamp` in
the catalog's meta table in the same transaction, a search reads the stamp in the same
statement as its hits' rows, and the columns are read again (one thread reads, the others wait
for it) when the stamp they were read at is not that one. The stamp lives in the catalog, not
in this process, so a write through any connection is seen. Removing images needs no new
stamp: the hits' rows come from the images table, and image ids are never used again.
"""
from __future__ import annotations

import threading
import uuid

import numpy as np
import pandas as pd

from .signals import SIGNALS

STAMP_KEY = "signals_stamp"
STAMP_SQL = f"(SELECT value FROM meta WHERE key = '{STAMP_KEY}')"
_UNREAD = object()


def new_stamp(cur) -> None:
    """Inside a transaction that writes a signal table: readers must read the columns again."""
    cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [STAMP_KEY, uuid.uuid4().hex])


class SignalColumns:
    def __init__(self):
        self._lock = threading.Lock()
        self._state = (_UNREAD, {})      # (stamp, {table: (sorted ids, values, uniques)})

    def lookup(self, store, stamp, ids: list[int]) -> list[dict]:
        """Each id's signal values ({column: value or None}), read at `stamp` or later."""
        columns = self._current(store, stamp)
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

    def _current(self, store, stamp) -> dict:
        seen, columns = self._state
        if seen == stamp:
            return columns
        with self._lock:                 # one thread reads; the others wait and use it
            seen, columns = self._state
            if seen != stamp:
                seen, columns = self._state = self._read(store)
        return columns

    @staticmethod
    def _read(store) -> tuple:
        """Every signal table, with the stamp, in one snapshot."""
        columns = {}
        with store.transaction() as cur:
            row = cur.execute(f"SELECT {STAMP_SQL}").fetchone()
            for table, column in SIGNALS.items():
                got = cur.execute(f"SELECT image_id, {column} FROM {table} WHERE {column} IS NOT NULL "
                                  "ORDER BY image_id").fetchnumpy()
                have, values = np.asarray(got["image_id"], dtype=np.int64), got[column]
                uniques = None
                if values.dtype == object:         # text: codes and the distinct values
                    codes, uniques = pd.factorize(values)
                    values, uniques = codes.astype(np.int32), list(uniques)
                columns[table] = (have, np.asarray(values), uniques)
        return row[0] if row else None, columns
