"""Indexing memory grows with the vectors, not with copies of them.

Two real `imgsearch index` processes (the CLI, decode workers and all), of 5,000 and 20,000
generated tiny PNGs under `pixels --size 21` (1,323-d: 5.3 KB a vector), each into a fresh
collection; each process reports its own peak RSS (VmHWM). The peak may grow between them
by at most 1.5 x the 15,000 added vectors' bytes (79 MB) plus a fixed allowance for what
grows with the catalog rather than the vectors (DuckDB's rows, paths, the re-ranking graph's
lists: ~2.5 KB an image here). Measured: +146 MB; before the whole-collection steps streamed
(reading every vector back to refit the space, the re-ranking graph's copies, the flat
index's doubling) it was +401 MB, five copies of the vectors, and this test failed.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from bench_memory import index_peak, vector_bytes, write_images  # noqa: E402

SMALL, LARGE = 5_000, 20_000
ALLOWANCE_MB = 64          # catalog-side growth over 15,000 images, with room for noise
GROWTH = 1.5               # the peak's growth per added vector's bytes


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    return {n: write_images(root / f"img{n}", n) for n in (SMALL, LARGE)}


def test_the_index_runs_peak_grows_by_the_vectors_not_by_copies_of_them(images, tmp_path):
    small = index_peak(images[SMALL], tmp_path / "home", timeout=600)
    large = index_peak(images[LARGE], tmp_path / "home", timeout=600)
    assert (small["indexed"], large["indexed"]) == (SMALL, LARGE)
    added = vector_bytes(LARGE - SMALL) / 2 ** 20
    grew = large["peak_mb"] - small["peak_mb"]
    bound = GROWTH * added + ALLOWANCE_MB
    assert grew <= bound, (
        f"peak RSS grew {grew:.0f} MB from {SMALL:,} to {LARGE:,} images ({small['peak_mb']:.0f} "
        f"-> {large['peak_mb']:.0f} MB): more than {GROWTH} x the {added:.0f} MB of added "
        f"vectors + {ALLOWANCE_MB} MB ({bound:.0f} MB); {grew / added:.1f} copies of each vector")
    # and it did hold them once: a run that grew by less than the vectors lost some
    assert grew >= 0.8 * added
