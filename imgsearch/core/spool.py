"""Neighbour lists written to disk as they are found, read back once the index that found them
is let go.

Built afresh, the raw graph holds its own index (a million images: 1 GB of codes and links)
while it searches every image; the lists it finds (int32 positions and float32 scores, 240 B an
image at 30 neighbours) would sit beside that index at the stage's peak. Here each block of
lists goes to an unlinked temporary file in the collection's folder (nothing is left behind,
even by kill -9), and the whole is read back, widened to ids, once the index is gone. Where
the folder cannot take them (full, read-only), the blocks are kept in memory instead: the
graph is the same, only the peak is higher.
"""
from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import numpy as np


class ListSpool:
    def __init__(self, folder: Path, k: int):
        self.k, self.sizes, self.held = k, [], []
        try:
            self.file = tempfile.TemporaryFile(dir=folder, prefix=".knn-spool-")
        except OSError:
            self.file = None

    def add(self, nn: np.ndarray, sc: np.ndarray) -> None:
        """One block of lists: nn (rows, k) int32 positions, sc (rows, k) float32 scores."""
        nn = np.ascontiguousarray(nn, np.int32)
        sc = np.ascontiguousarray(sc, np.float32)
        if self.file is not None:
            try:
                self.file.write(memoryview(nn).cast("B"))
                self.file.write(memoryview(sc).cast("B"))
                self.file.flush()
                self.sizes.append(len(nn))
                return
            except OSError:               # the disk filled: what is spooled comes back here
                self.held = list(self._blocks())
                self._close()
        self.held.append((nn, sc))

    def read(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(nn, sc) of every block, in the order added, the positions in nn widened to ids
        (int64; -1 stays) a block at a time; the file is closed (and so gone)."""
        n = sum(self.sizes) + sum(len(b[0]) for b in self.held)
        nn = np.empty((n, self.k), np.int64)
        sc = np.empty((n, self.k), np.float32)
        at = 0
        for a, b in itertools.chain(self._blocks(), self.held):   # a block at a time
            nn[at:at + len(a)] = np.where(a >= 0, ids[np.clip(a, 0, None)], -1)
            sc[at:at + len(a)] = b
            at += len(a)
        self.held = []
        self._close()
        return nn, sc

    def _blocks(self):
        """The spooled blocks, one at a time, from the file."""
        if self.file is None:
            return
        self.file.seek(0)
        for rows in self.sizes:
            a = np.empty((rows, self.k), np.int32)
            b = np.empty((rows, self.k), np.float32)
            for out in (a, b):
                if self.file.readinto(memoryview(out).cast("B")) != out.nbytes:
                    raise OSError("the neighbour lists' temporary file was cut short")
            yield a, b

    def _close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file, self.sizes = None, []
