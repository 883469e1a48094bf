"""The Ray runner (a local Ray, and a simulated 2-node cluster) against the local runner, a
driver killed mid-run, and the on-disk IVF.

Ray takes 10-30 s to start on these 2 cores, so each group shares one session (class-scoped).
The photos go through the pixels model except where the CNN matters (the local-Ray equality
test). The on-disk IVF tests need no Ray and run without it.
"""
from __future__ import annotations

import importlib.util
import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import faiss
import numpy as np
import pytest
from click.testing import CliRunner

from imgsearch import Config
from imgsearch.api.local import Collection
from imgsearch.errors import InvalidArgument
from imgsearch.features import ModelSpec
from imgsearch.pipeline.runners.local import index_source

from .conftest import write_bad_files

HAVE_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(not HAVE_RAY, reason="ray is not installed (pip install -e '.[ray]')")
PIXELS = ModelSpec(name="pixels", size=16)


def _config(home: Path, **kw) -> Config:
    return Config.load(home=home, workers=0, progress=False, **kw)


def _vectors(col) -> dict[str, np.ndarray]:
    table = col.table(columns=["image_id", "path"])
    _, vecs = col.indexed_vectors(table["image_id"].to_numpy())
    return dict(zip(table["path"], vecs))


def assert_same_collection(local, ray_col):
    """Same images, per-image cosine >= 0.999, same counts and skipped files, fsck clean."""
    a, b = _vectors(local), _vectors(ray_col)
    assert set(a) == set(b) and len(a) > 0
    cos = [float(a[p] @ b[p] / (np.linalg.norm(a[p]) * np.linalg.norm(b[p]))) for p in a]
    assert min(cos) >= 0.999, min(cos)
    ia, ib = local.info(), ray_col.info()
    assert (ia.indexed, ia.pending, ia.skipped, ia.vectors) == (ib.indexed, ib.pending, ib.skipped,
                                                                  ib.vectors)
    assert [(s.path, s.reason) for s in local.skipped()] == [(s.path, s.reason) for s in ray_col.skipped()]
    report = ray_col.fsck()
    assert report.ok and not report.duplicate_ids, report
    assert ia.runner == "local" and ib.runner == "ray"
    assert not (ray_col.dir / "staging").exists()


# -- without Ray ---------------------------------------------------------------------------
def test_without_ray_the_runner_says_how_to_install(monkeypatch, home, photos_dir):
    from imgsearch.frontends.cli import main
    from imgsearch.pipeline.runners.ray import index_source_ray
    monkeypatch.setitem(sys.modules, "ray", None)     # `import ray` now fails
    with Collection.open("x", _config(home), create=True) as col:
        with pytest.raises(InvalidArgument, match=r"pip install -e '\.\[ray\]'"):
            index_source_ray(col, photos_dir, PIXELS)
    result = CliRunner().invoke(main, ["index", str(photos_dir), "-c", "y", "--model", "pixels",
                                       "--runner", "ray", "--no-progress"])
    assert result.exit_code != 0
    assert "pip install -e '.[ray]'" in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_ray_address_needs_the_ray_runner(home, photos_dir):
    with Collection.open("x", _config(home), create=True) as col:
        with pytest.raises(InvalidArgument, match="ray runner"):
            col.index(photos_dir, model="pixels", ray_address="auto")
        with pytest.raises(InvalidArgument, match="unknown runner"):
            col.index(photos_dir, model="pixels", runner="spark")


def test_rest_joins_only_the_configured_ray_cluster(home, photos_dir, monkeypatch):
    from fastapi.testclient import TestClient
    from imgsearch.api.service import Service
    from imgsearch.frontends.rest.app import create_app
    monkeypatch.delenv("IMGSEARCH_RAY_ADDRESS", raising=False)
    api = TestClient(create_app(Service(_config(home)), token=""), raise_server_exceptions=False)
    r = api.post("/collections/r/index", json={"source": str(photos_dir), "runner": "ray",
                                               "ray_address": "ray://attacker:10001"})
    assert r.status_code == 422 and "IMGSEARCH_RAY_ADDRESS" in r.text
    r = api.post("/collections/r/index", json={"source": str(photos_dir), "runner": "spark"})
    assert r.status_code == 422


# -- a local Ray ---------------------------------------------------------------------------
@pytest.fixture(scope="class")
def local_ray():
    import ray
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="class")
def cluster():
    import ray
    from ray.cluster_utils import Cluster
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 2})
    cluster.add_node(num_cpus=2)
    ray.init(address=cluster.address, log_to_driver=False)
    cluster.wait_for_nodes()
    yield cluster
    ray.shutdown()
    cluster.shutdown()


@needs_ray
@pytest.mark.usefixtures("local_ray")
class TestLocalRay:

    def test_same_vectors_as_local_with_the_cnn(self, tmp_path, photos_dir):
        from imgsearch.pipeline.runners.ray import index_source_ray
        cfg = _config(tmp_path)
        stages = []
        with Collection.open("local", cfg, create=True) as local, \
                Collection.open("ray", cfg, create=True) as ray_col:
            index_source(local, photos_dir)
            report = index_source_ray(ray_col, photos_dir, shard_rows=32,
                                      progress=lambda s, d, t: stages.append((s, d, t)))
            assert report.indexed == local.info().indexed == len(list(photos_dir.rglob("*.jpg")))
            assert_same_collection(local, ray_col)
            assert ("embedding", report.indexed, report.indexed) in stages
            run = ray_col.store.get_meta("ray_run")
            assert run["embedded"] == report.indexed and run["resumed"] == 0
            assert run["committed_shards"] and not list(ray_col.dir.glob("staging/*/*"))
            # the same predictions (ImageNet head) on both sides
            pl = dict(zip(*local.table(columns=["path", "imagenet_prediction"]).T.values))
            pr = dict(zip(*ray_col.table(columns=["path", "imagenet_prediction"]).T.values))
            assert pl == pr
            again = index_source_ray(ray_col, photos_dir)
            assert again.indexed == 0 and again.unchanged == report.indexed

    def test_bad_files_are_skipped_and_reported_the_same(self, tmp_path):
        from imgsearch.pipeline.runners.ray import index_source_ray
        bad = write_bad_files(tmp_path / "bad")
        cfg = _config(tmp_path / "home", max_pixels=4_000_000)   # the limit reaches the workers
        with Collection.open("local", cfg, create=True) as local, \
                Collection.open("ray", cfg, create=True) as ray_col:
            a = index_source(local, tmp_path / "bad", PIXELS)
            b = index_source_ray(ray_col, tmp_path / "bad", PIXELS)
            assert a.indexed == b.indexed > 0
            assert sorted((s.path, s.reason) for s in a.skipped) == \
                sorted((s.path, s.reason) for s in b.skipped)
            for name, reason in bad.items():
                assert any(s.path.endswith(name) and reason in s.reason for s in b.skipped), name
            assert_same_collection(local, ray_col)


# -- a simulated 2-node cluster ------------------------------------------------------------
DRIVER = textwrap.dedent("""
    import sys, time
    from imgsearch import Config
    from imgsearch.api.local import Collection
    from imgsearch.features import ModelSpec
    from imgsearch.pipeline.runners.ray import index_source_ray
    home, source, address = sys.argv[1:4]
    cfg = Config.load(home=home, workers=0, progress=False, checkpoint_seconds=3)

    def progress(stage, done, total):
        if stage == "embedding" and done:
            print("embedded", done, flush=True)
            time.sleep(0.5)      # a slow driver, so the test can kill it mid-run
    with Collection.open("crash", cfg, create=True) as col:
        index_source_ray(col, source, ModelSpec(name="pixels", size=16), progress=progress,
                         ray_address=address, shard_rows=8)
    print("finished", flush=True)
""")


@needs_ray
class TestCluster:
    def test_two_nodes_same_vectors_and_both_nodes_worked(self, tmp_path, photos_dir, cluster):
        import ray
        from imgsearch.pipeline.runners.ray import index_source_ray
        nodes = {n["NodeID"] for n in ray.nodes() if n["Alive"]}
        assert len(nodes) == 2
        cfg = _config(tmp_path)
        with Collection.open("local", cfg, create=True) as local, \
                Collection.open("ray", cfg, create=True) as ray_col:
            index_source(local, photos_dir, PIXELS)
            index_source_ray(ray_col, photos_dir, PIXELS, shard_rows=16)
            assert_same_collection(local, ray_col)
            run = ray_col.store.get_meta("ray_run")
            # one model actor on each node, so each node has an embedder and a free CPU to
            # decode on; which node Ray then hands each batch is Ray's choice
            assert sorted(run["actor_nodes"]) == sorted(nodes), run
            used = run["nodes"]
            assert (sum(used["decode"].values()) == sum(used["embed"].values())
                == ray_col.info().indexed), used
            assert set(used["decode"]) | set(used["embed"]) <= nodes, used

    def test_driver_killed_mid_run_then_rerun(self, tmp_path, photos_dir, cluster):
        from imgsearch.pipeline.runners.ray import index_source_ray
        home = tmp_path / "home"
        total = len(list(photos_dir.rglob("*.jpg")))
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(home), str(photos_dir),
                                 cluster.address], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stdout], daemon=True).start()
        staging = home / "crash" / "staging"
        killed, deadline = False, time.monotonic() + 150
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            shards = sorted(p.name for p in staging.glob("*/shard-*.parquet"))
            # a shard committed (and deleted) and a later one written but not committed yet
            if shards and shards[0] != "shard-00000.parquet" and line.startswith("embedded"):
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
        proc.wait(timeout=30)
        assert killed, f"the driver finished before it could be killed: {proc.stderr.read()[-2000:]}"

        cfg = _config(home)
        with Collection.open("crash", cfg) as col:
            before = col.store.counts()
            staged = list(staging.glob("*/shard-*.parquet"))
            assert 0 < before["indexed"] < total and staged
            report = index_source_ray(col, photos_dir, shard_rows=8)
            run = col.store.get_meta("ray_run")
            assert run["resumed"] > 0 and any("interrupted Ray run" in n for n in report.notes)
            # nothing embedded twice: the rerun embedded exactly what was neither committed
            # nor staged
            assert run["embedded"] == total - before["indexed"] - run["resumed"]
            counts = col.store.counts()
            assert counts["indexed"] == total and counts["pending"] == 0
            assert col.vector_count() == total and len(col._index.ids()) == total
            fsck = col.fsck()
            assert fsck.ok and not fsck.duplicate_ids and not fsck.orphan_vectors, fsck
            assert not staging.exists()
        with Collection.open("local", cfg, create=True) as local:
            index_source(local, photos_dir, PIXELS)
            with Collection.open("crash", cfg) as col:
                a, b = _vectors(local), _vectors(col)
                assert set(a) == set(b)
                assert min(float(a[p] @ b[p] / np.linalg.norm(a[p]) / np.linalg.norm(b[p]))
                           for p in a) >= 0.999


# -- the on-disk IVF (no Ray needed) -------------------------------------------------------
def _clustered(n, dim, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((40, dim)).astype(np.float32)
    basis = rng.standard_normal((16, dim)).astype(np.float32) / 4
    x = (centres[rng.integers(0, 40, n)] + rng.standard_normal((n, 16)).astype(np.float32) @ basis
         + 0.1 * rng.standard_normal((n, dim)).astype(np.float32))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_ondisk_merge_matches_in_memory_ivf(tmp_path):
    from imgsearch.core.vectors import load, normalize
    from imgsearch.core.vectors.ondisk import OnDiskIvfPqIndex, build_from_shards, data_files
    n, dim = 50_000, 64
    x = _clustered(n, dim)
    ids = np.arange(n, dtype=np.int64) * 7 + 3
    trained = OnDiskIvfPqIndex.create(dim, train=x[:10_000], nlist=128, pq_m=16)
    memory = faiss.clone_index(trained.index)          # the same training, lists in RAM
    memory.add_with_ids(normalize(x), ids)
    memory.nprobe = 16
    shards = ((ids[s:s + 12_000], x[s:s + 12_000]) for s in range(0, n, 12_000))
    disk = build_from_shards(tmp_path / "v.faiss", None, shards, trained=trained,
                             workdir=tmp_path / "work")
    assert isinstance(faiss.downcast_InvertedLists(disk.base.invlists), faiss.OnDiskInvertedLists)
    assert disk.ntotal == n and len(data_files(tmp_path / "v.faiss")) == 1
    assert not (tmp_path / "work").exists()
    q = _clustered(200, dim, seed=1)
    d_mem, i_mem = memory.search(normalize(q), 10)
    d_disk, i_disk = disk.search(q, 10)
    assert (i_mem == i_disk).all()
    assert np.allclose(np.clip(d_mem, -1, 1), d_disk, atol=1e-5)
    # reconstruct: the same approximate vectors FAISS decodes in memory
    memory.set_direct_map_type(faiss.DirectMap.Hashtable)
    pick = ids[::997]
    want = np.stack([memory.reconstruct(int(i)) for i in pick])
    assert np.allclose(disk.reconstruct(pick), want, atol=1e-5)
    # filters: a small subset (exact), a large one (IDSelector inside FAISS)
    small = ids[::50]
    assert np.isin(disk.search(q, 10, subset=small)[1], small).all()
    large = ids[: n - 1000]     # above base.EXACT_SUBSET_MAX this goes to FAISS as a selector
    i_sel = disk._search(normalize(q), 10, faiss.IDSelectorBatch(large))[1]
    memory_sel = memory.search(normalize(q), 10, params=faiss.SearchParametersIVF(
        nprobe=16, sel=faiss.IDSelectorBatch(large)))[1]
    assert (i_sel == memory_sel).all()
    # removal: tombstones now, gone from the file at the next save; a removed id added again
    gone = i_disk[:, 0][:20]
    disk.remove(gone)
    assert not np.isin(disk.search(q, 10)[1], gone).any() and disk.ntotal == n - len(np.unique(gone))
    disk.add(gone[:1], x[np.searchsorted(ids, gone[:1])])
    assert disk.search(q[:1], 1)[1][0, 0] == gone[0]
    before = disk.search(q, 10)
    disk.save(tmp_path / "v.faiss")
    assert len(data_files(tmp_path / "v.faiss")) == 1
    again = load(tmp_path / "v.faiss", "ivfpq-ondisk", disk.params)
    after = again.search(q, 10)
    assert (after[1] == before[1]).all() and again.ntotal == disk.ntotal
    assert len(np.unique(again.ids())) == again.ntotal
    with pytest.raises(Exception, match="no vector"):
        again.reconstruct(gone[1:2])


def test_collection_with_an_ondisk_index(tmp_path, digits_dir):
    cfg = _config(tmp_path)
    spec = ModelSpec(name="pixels", size=8)
    with Collection.open("d", cfg, create=True) as col:
        index_source(col, digits_dir, spec, labels=digits_dir / "labels.csv", index="ivfpq-ondisk")
        info = col.info()
        assert info.index["type"] == "ivfpq-ondisk" and info.index["tuning"]["verified_recall_at_10"] > 0
        assert list(col.dir.glob("vectors.faiss.*.ivfdata"))
        first = col.table()["image_id"].iloc[0]
        hits = col.search(int(first), k=5)
        assert hits.hits[0].image_id == first
        col.remove([int(first)])
        assert all(h.image_id != first for h in col.search(int(col.table()["image_id"].iloc[0]), k=50).hits)
        assert col.fsck().ok
    with Collection.open("d", cfg) as col:     # reopened: memory-mapped from disk
        assert col.info().vectors == 1796 and col.fsck().ok
        assert len(col.search(int(col.table()["image_id"].iloc[3]), k=5, where="label = '3'").hits) == 5
