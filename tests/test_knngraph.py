"""The stored neighbour graph (core/knngraph.py) on real collections: it equals exact kNN,
stays exact as images come and go through real index runs, survives a writer killed mid-save,
and the analyses read it instead of searching again (the raw graph's own index:
test_knngraph_raw.py)."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import imgsearch
from imgsearch.analysis.curation import star_groups
from imgsearch.core import knngraph, knnsearch

from .knn_exact import exact_knn, graph_recall


def _copy(files, root):
    for f in files:
        (root / f.parent.name).mkdir(parents=True, exist_ok=True)
        (root / f.parent.name / f.name).write_bytes(f.read_bytes())


@pytest.fixture(scope="module")
def digits(digits_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("knn_home")
    imgsearch.index_images(digits_dir, "d", model="pixels", size=16,
                           labels=digits_dir / "labels.csv", home=home, workers=0, progress=False)
    col = imgsearch.open_collection("d", home=home, progress=False)
    yield col
    col.close()



def test_the_stored_graph_equals_exact_knn(digits):
    g = knngraph.graph(digits)
    ids, vecs = digits.indexed_vectors()
    assert g.k == knngraph.K and len(g.ids) == len(ids) == 1797
    recall, gap = graph_recall(g, ids, vecs)
    assert recall >= 0.99 and gap < 1e-4, (recall, gap)
    # the raw features (post-processing undone) have a graph of their own, exact as well
    raw = knngraph.graph(digits, "raw")
    rids, rvecs = digits.raw_vectors()
    recall, gap = graph_recall(raw, rids, rvecs)
    assert recall >= 0.99 and gap < 1e-4, (recall, gap)
    assert knngraph.graph_path(digits, "raw").is_file()
    assert knngraph.graph_path(digits, "space").is_file()


def test_the_space_graph_reads_the_vectors_a_batch_at_a_time(digits_dir, tmp_path, monkeypatch):
    """Built or brought up to date, the space graph reads the vectors it searches for from
    the index a batch at a time, never all of them (at a million images that copy beside the
    loaded index took the outliers stage to 2.2x the vectors); its lists are the exact ones."""
    from imgsearch.core import streaming
    from imgsearch.core.collection import Collection
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "s", model="pixels", size=8, **kw)
    reads, whole = [], []
    real_chunks, real_read = streaming.chunks, Collection.indexed_vectors

    def chunks(index, positions=None, batch=None):
        reads.append(len(index.ids()) if positions is None else len(positions))
        return real_chunks(index, positions, batch)

    def read(self, ids=None):
        whole.append(ids is None)
        return real_read(self, ids)
    monkeypatch.setattr(knnsearch, "BATCH", 100)
    monkeypatch.setattr(streaming, "chunks", chunks)
    monkeypatch.setattr(Collection, "indexed_vectors", read)
    with imgsearch.open_collection("s", **kw) as col:
        knngraph.graph_path(col).unlink()          # the index run built it: built again here
        col.cache.pop("knn-space", None)
        g = knngraph.graph(col)
        assert knngraph.stats["built"] and reads, reads
        assert max(reads) <= 4 * 100 < 1797 and not any(whole), (max(reads), whole)
        monkeypatch.setattr(Collection, "indexed_vectors", real_read)
        ids, vecs = col.indexed_vectors()
        recall, gap = graph_recall(g, ids, vecs)
        assert recall >= 0.99 and gap < 1e-4, (recall, gap)
        monkeypatch.setattr(Collection, "indexed_vectors", read)
        col.remove(ids[:40])                       # an update: lists that lost one are redone
        reads.clear()
        g2 = knngraph.graph(col)
        assert len(g2.ids) == 1757 and not np.isin(g2.nn, ids[:40]).any()
        assert reads and max(reads) <= 4 * 100 and not any(whole)


def test_through_an_approximate_index_the_graph_keeps_its_recall(digits_dir, tmp_path):
    """HNSW, tuned for 10 results at a target latency: the graph searches with a wider beam
    (the index's own parameters untouched); the raw graph searches a temporary HNSW of its
    own features."""
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "a", model="pixels", size=16, index="hnsw", **kw)
    with imgsearch.open_collection("a", **kw) as col:
        assert not col.vectors().exact
        params = dict(col.vectors().params)
        for kind, (ids, vecs) in (("space", col.indexed_vectors()), ("raw", col.raw_vectors())):
            recall, _ = graph_recall(knngraph.graph(col, kind), ids, vecs)
            assert recall >= 0.99, (kind, recall)
        assert col.vectors().params == params


def test_the_graph_stays_exact_as_images_come_change_and_go(digits_dir, tmp_path):
    files = sorted(digits_dir.glob("digits/*/*.png"))
    root = tmp_path / "grow"
    _copy(files[:400], root)
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(root, "g", model="pixels", size=16, **kw)
    with imgsearch.open_collection("g", **kw) as col:
        first = knngraph.graph(col)             # built by the index run (re-ranking needs it)
        knngraph.graph(col, "raw")
        assert len(first.ids) == 400
    built = knngraph.stats["built"]
    # 70 new images: fewer than would refit the space (which moves every vector, and so
    # builds the space graph afresh)
    _copy(files[400:470], root)
    changed = root / files[3].parent.name / files[3].name
    changed.write_bytes(files[900].read_bytes())   # one image edited: another vector, same file
    imgsearch.index_images(root, "g", **kw)
    with imgsearch.open_collection("g", **kw) as api:
        g = knngraph.graph(api)
        ids, vecs = api.indexed_vectors()
        assert len(g.ids) == 470 and set(g.ids.tolist()) == set(ids.tolist())
        recall, gap = graph_recall(g, ids, vecs)
        assert recall >= 0.99 and gap < 1e-4, (recall, gap)
        # new images entered older images' lists
        old_rows = np.isin(g.ids, first.ids)
        assert np.isin(g.nn[old_rows], np.setdiff1d(g.ids, first.ids)).any()
        gone = ids[::7][:40]
        api.remove(gone.tolist())
        g = knngraph.graph(api)
        ids, vecs = api.indexed_vectors()
        assert not np.isin(g.nn, gone).any() and not np.isin(g.ids, gone).any()
        recall, gap = graph_recall(g, ids, vecs)
        assert recall >= 0.99 and gap < 1e-4, (recall, gap)
        raw = knngraph.graph(api, "raw")
        assert not np.isin(raw.nn, gone).any()
        recall, gap = graph_recall(raw, *api.raw_vectors())
        assert recall >= 0.99 and gap < 1e-4, (recall, gap)
    assert knngraph.stats["built"] == built, "an update rebuilt the graph instead"
    # reopened, the graph on disk is current: read, not searched again
    searched = knngraph.stats["searched"]
    with imgsearch.open_collection("g", **kw) as api:
        g = knngraph.graph(api)
        assert len(g.ids) == 430
    assert knngraph.stats["searched"] == searched


_WRITER = """
import sys
from pathlib import Path
from types import SimpleNamespace
import numpy as np
from imgsearch.core import knngraph, knnsearch
from imgsearch.core.spool import ListSpool
col = SimpleNamespace(dir=Path(sys.argv[1]))
graphs = [knngraph.Graph(**{k: z[k] for k in ("ids", "nn", "sc", "fp")}, stamp=str(z["stamp"]))
          for z in (np.load(p) for p in sys.argv[2:4])]
print("ready", flush=True)
n = 0
while True:
    knngraph.save(col, "space", graphs[n % 2])
    n += 1
"""


def test_a_writer_killed_mid_save_leaves_the_old_graph_or_the_new_one(digits, tmp_path):
    col = digits
    g = knngraph.graph(col)
    other = knngraph.Graph(g.ids[::-1].copy(), g.nn[::-1].copy(), g.sc[::-1].copy(),
                           g.fp[::-1].copy(), "other")
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    for path, graph in ((a, g), (b, other)):
        np.savez(path, ids=graph.ids, nn=graph.nn, sc=graph.sc, fp=graph.fp,
                 stamp=np.array(graph.stamp))
    target = tmp_path / "col"
    target.mkdir()
    from types import SimpleNamespace
    fake = SimpleNamespace(dir=target)
    rng = np.random.default_rng(0)
    seen = set()
    env = dict(os.environ, PYTHONPATH=str(Path(imgsearch.__file__).parents[1]))
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(a), str(b)],
                                stdout=subprocess.PIPE, env=env)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(float(rng.uniform(0.05, 0.4)))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        got = knngraph._load(fake, "space")
        assert got is not None, "a torn graph file"
        which = [x for x in (g, other) if np.array_equal(got.ids, x.ids)
                 and np.array_equal(got.nn, x.nn) and np.array_equal(got.sc, x.sc)]
        assert len(which) == 1 and got.stamp == which[0].stamp
        seen.add(got.stamp)
    # killed at random, the writer was caught with either graph in place (and mid-write:
    # temporary files left behind, which the graph never reads)
    assert len(seen) == 2
    assert list(target.glob("*.tmp")), "never killed mid-write: the test proved nothing"


def test_analyses_read_the_graph_and_do_not_search_again(digits):
    col = digits
    digits.duplicates(verify=False)
    digits.outliers()
    digits.label_issues(method="knn")
    digits.evaluate()
    searched, built = knngraph.stats["searched"], knngraph.stats["built"]
    t0 = time.perf_counter()
    again = digits.duplicates(verify=False).to_frame()
    col.cache.pop("knn-space", None)          # from the file on disk, as a new process would
    col.cache.pop("knn-raw", None)
    out = digits.outliers().to_frame()
    digits.label_issues(method="knn")
    digits.evaluate()
    assert knngraph.stats["searched"] == searched and knngraph.stats["built"] == built
    assert len(again) and len(out) == 1797 and time.perf_counter() - t0 < 60
    # outliers from the graph are those of an exact search
    ids, vecs = digits.indexed_vectors()
    _, sc = exact_knn(ids, vecs, 10)
    want = dict(zip(ids.tolist(), (1 - sc).mean(1)))
    got = dict(zip(out["image_id"], out["outlier_score"]))
    assert max(abs(got[i] - want[i]) for i in want) < 1e-4


def test_duplicate_groups_are_stars_and_match_exact_pairs(digits):
    """Pixels of digits at 0.9 with no margin: many images have more than K neighbours above
    the threshold (the graph alone would miss pairs) and linked pairs chain."""
    threshold = 0.9
    groups = digits.duplicates(threshold=threshold, margin=0.0, verify=False).to_frame()
    ids, raw = digits.raw_vectors()
    x = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    sims = x @ x.T
    assert ((sims >= threshold).sum(1) - 1 > knngraph.K).any(), "no list overflows: weak test"
    # stars: every member within the threshold of its kept image
    assert len(groups) and groups.groupby("duplicate_group")["kept"].sum().eq(1).all()
    assert (groups["similarity_to_kept"] >= threshold - 1e-5).all()
    pos = {int(i): r for r, i in enumerate(ids)}
    kept = groups[groups["kept"]].set_index("duplicate_group")["image_id"]
    for gid, member in zip(groups["duplicate_group"], groups["image_id"]):
        assert sims[pos[member], pos[int(kept[gid])]] >= threshold - 1e-5
    # the same groups as star_groups over every pair above the threshold, found exhaustively
    r, c = np.nonzero(np.triu(sims >= threshold, 1))
    sha = digits.table(columns=["image_id", "sha256"]).set_index("image_id")["sha256"]
    first = {}
    same = np.array([first.setdefault(sha[int(i)], p) for p, i in enumerate(ids)])
    comp = star_groups(len(ids), np.concatenate([r, np.arange(len(ids))]),
                       np.concatenate([c, same]))
    size = np.bincount(comp[comp >= 0], minlength=len(ids))
    grouped = np.flatnonzero((comp >= 0) & (size[np.clip(comp, 0, None)] > 1))
    want = {(int(ids[p]), int(ids[comp[p]])) for p in grouped}
    got = {(int(m), int(kept[g])) for m, g in zip(groups["image_id"], groups["duplicate_group"])}
    assert got == want
    # and the links chain: connected components would put members below the threshold
    from scipy.sparse.csgraph import connected_components
    _, cc = connected_components(sims >= threshold, directed=False)
    assert any((sims[np.ix_(cc == k, cc == k)] < threshold).any() for k in np.unique(cc))
