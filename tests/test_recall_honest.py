"""The recall the tuner reports (and `info` shows) is the recall new queries get: measured on
fresh vectors from the same generator, it agrees within 0.02, for the graph (HNSW) and the
compressed (IVF-PQ) index; queries that are stored vectors would overstate it."""
import sys
from pathlib import Path

import numpy as np
import pytest

from imgsearch.core.vectors import build_and_tune
from imgsearch.core.vectors.tuning import exact_knn, recall_per_query, verified_recall_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from _bench import clustered_vectors  # noqa: E402

N, DIM, FRESH = 24_000, 64, 4000


@pytest.fixture(scope="module")
def data():
    # the benchmark's generator; its first N rows are the collection, the next FRESH rows are
    # new images drawn the same way (one chunk, so the rows after N are new draws)
    x = clustered_vectors(N + FRESH, DIM, chunk=N + FRESH, seed=3)
    return np.arange(N, dtype=np.int64), x[:N], x[N:]


@pytest.mark.parametrize("kind", ["hnsw", "ivfpq"])
def test_reported_recall_is_fresh_query_recall(data, kind):
    ids, x, fresh = data
    index, report = build_and_tune(ids, x, kind, target_latency_ms=None)
    assert report["holdout"] == [1000, 1200] and report["verified_on"]["queries"] == 1200
    assert report["verified_on"]["vectors"] == N - 2200      # measured without the hold-outs
    assert index.ntotal == N                                  # which are searchable afterwards
    per_query = recall_per_query(index.search(fresh, 10)[1], exact_knn(ids, x, fresh, 10))
    fresh_recall = float(per_query.mean())
    assert abs(report["verified_recall_at_10"] - fresh_recall) <= 0.02, (report, fresh_recall)
    # the margin info shows covers the difference the estimate's own noise allows
    assert 0 < report["verified_recall_se"] < 0.01
    assert verified_recall_text(report).startswith(f"{report['verified_recall_at_10']:.3f} +-")
    # stored vectors as queries (what a tuner must not measure on) find themselves: their
    # recall is higher than new data's
    stored = x[np.random.default_rng(5).choice(N, FRESH, replace=False)]
    stored_recall = recall_per_query(index.search(stored, 10)[1],
                                     exact_knn(ids, x, stored, 10)).mean()
    assert stored_recall > fresh_recall, (stored_recall, fresh_recall)


def test_bench_recall_smoke(tmp_path):
    """The benchmark behind the README's figures runs (figures not asserted: noisy)."""
    import json
    import subprocess
    script = Path(__file__).resolve().parent.parent / "scripts" / "bench_recall.py"
    done = subprocess.run([sys.executable, str(script), "--n", "6000", "--dim", "32", "--fresh", "500",
                           "--kinds", "hnsw", "--out", "smoke"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    rec = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())["results"][0]
    assert rec["kind"] == "hnsw" and rec["fresh_queries"] == 500 and rec["reported_on"]["queries"] == 300
    assert 0 < rec["fresh_recall_at_10"] <= 1 and rec["p50_ms"] > 0 and rec["peak_rss_mb"] > 0
