"""Image ids to positions (or to any value per id) for whole arrays of ids at once.

A pandas Series indexed by id, reindexed with a (n, K) table of neighbour ids, builds a hash
table and several float64 copies of that table: at a million images and 30 neighbours, most
of a gigabyte. A sorted copy of the keys, searched with numpy, costs the keys and the result.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def lookup(keys: np.ndarray, values: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """f(x): values[i] where keys[i] == x, elementwise over an int array x of any shape;
    -1 where x is not a key (and so for the -1 that pads a neighbour list)."""
    keys = np.asarray(keys, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_values = keys[order], np.asarray(values, dtype=np.int64)[order]

    def f(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.int64)
        if not len(sorted_keys):
            return np.full(x.shape, -1, dtype=np.int64)
        at = np.clip(np.searchsorted(sorted_keys, x), 0, len(sorted_keys) - 1)
        return np.where(sorted_keys[at] == x, sorted_values[at], -1)
    return f


def position_of(ids: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """f(x): the position of each id of x in ids (-1 where absent)."""
    return lookup(ids, np.arange(len(ids)))
