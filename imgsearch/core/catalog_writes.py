"""This process's ended writes to each catalog file, counted: what tells the search path's
copies in memory (signal_columns.py, hit_rows.py) that the catalog changed since they were read.

Two counts per file: `any`, every write transaction (Store.transaction counts it when it ends,
committed or rolled back), and `signals`, the writes of a saved analysis' table. Writes of
other processes need no count: DuckDB lets one process open a catalog for writing, and no
other can open it meanwhile, so what another process wrote is in the file before this
process opened it.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

KINDS = ("any", "signals")

_COUNTS: dict[tuple[str, str], tuple[int, float]] = {}   # (file, kind) -> (writes, last ended)
_LOCK = threading.Lock()


def key(path) -> str:
    return str(Path(path).resolve())


def written(path, kind: str = "any") -> None:
    """After a write of `kind` to the catalog at `path` has ended."""
    assert kind in KINDS
    k = (key(path), kind)
    with _LOCK:
        _COUNTS[k] = (_COUNTS.get(k, (0, 0.0))[0] + 1, time.monotonic())


def count(file_key: str, kind: str = "any") -> tuple[int, float]:
    """(writes of `kind` ended so far, time.monotonic() of the last; -inf if none)."""
    return _COUNTS.get((file_key, kind), (0, float("-inf")))
