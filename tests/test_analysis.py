"""Maps, analyses and exports on real data with real thresholds."""
import numpy as np
import pandas as pd
import pytest
from sklearn.manifold import trustworthiness

import imgsearch
from imgsearch import ImgsearchError, InvalidArgument, NotFound
from imgsearch.export import METASCATTER_COLUMNS


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("analysis_home")


@pytest.fixture(scope="module")
def digits(digits_dir, home):
    imgsearch.index_images(digits_dir, "digits", model="pixels", size=16,
                           labels=digits_dir / "labels.csv", home=home, workers=0, progress=False)
    col = imgsearch.open_collection("digits", home=home, progress=False)
    yield col
    col.close()


def _xy(col, method):
    df, _, unplaced, total = col.map_frame(method, ["image_id"])
    return df, unplaced, total


def test_umap_map_is_trustworthy_and_deterministic(digits):
    report = digits.build_map("umap", seed=0)
    assert report.fitted == 1797
    xy, _, _ = _xy(digits, "umap")
    ids, vecs = digits.indexed_vectors(xy["image_id"].to_numpy())
    tw = trustworthiness(vecs, xy[["x", "y"]].to_numpy(), n_neighbors=10)
    assert tw >= 0.90, tw
    digits.build_map("umap", seed=0, refit=True)
    again, _, _ = _xy(digits, "umap")
    np.testing.assert_allclose(again[["x", "y"]].to_numpy(), xy[["x", "y"]].to_numpy())
    assert digits.info().model_dump()["maps"] == ["umap"]
    assert digits.manifest.maps["umap"]["pca_dims"] == 50


def test_new_images_are_placed_by_the_index_run_without_moving_old_ones(digits_dir, tmp_path):
    root = tmp_path / "grow"
    files = sorted(digits_dir.glob("digits/*/*.png"))
    for f in files[:300]:
        (root / f.parent.name).mkdir(parents=True, exist_ok=True)
        (root / f.parent.name / f.name).write_bytes(f.read_bytes())
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(root, "grow", model="pixels", size=16, **kw)
    with imgsearch.open_collection("grow", **kw) as col:
        for method in ("umap", "pca", "tsne"):
            col.build_map(method)
        old = {m: _xy(col, m)[0] for m in ("umap", "pca", "tsne")}
    for f in files[1000:1040]:
        (root / f.parent.name).mkdir(parents=True, exist_ok=True)
        (root / f.parent.name / f.name).write_bytes(f.read_bytes())
    report = imgsearch.index_images(root, "grow", **kw)
    assert report.placed == 40
    with imgsearch.open_collection("grow", **kw) as col:
        for method in ("umap", "pca", "tsne"):
            new, unplaced, total = _xy(col, method)
            assert (len(new), unplaced, total) == (340, 0, 340)
            assert np.isfinite(new[["x", "y"]].to_numpy()).all()
            kept = new.merge(old[method], on="image_id", suffixes=("", "_old"))
            assert len(kept) == 300
            np.testing.assert_array_equal(kept["x"], kept["x_old"])


def test_a_map_with_unplaced_images_still_shows_the_others(digits_dir, tmp_path):
    """The map never disappears: images without coordinates are counted, the rest drawn."""
    root = tmp_path / "g"
    root.mkdir()
    for f in sorted(digits_dir.glob("digits/*/*.png"))[:100]:
        (root / f.name).write_bytes(f.read_bytes())
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(root, "g", model="pixels", size=8, **kw)
    with imgsearch.open_collection("g", **kw) as col:
        col.build_map("pca")
        gone = col.ids()[:10].tolist()
        with col.store.cursor() as cur:   # as if placing them had not happened yet
            cur.execute("DELETE FROM coords WHERE list_contains(?, image_id)", [gone])
        frame, _, unplaced, total = col.map_frame("pca")
        assert (len(frame), unplaced, total) == (90, 10, 100)
        assert col.info().unmapped == {"pca": 10}
        assert col.place_new("pca").placed == 10
        assert col.map_frame("pca")[2] == 0


def test_label_issues_find_flipped_labels(digits, digits_dir, tmp_path):
    labels = pd.read_csv(digits_dir / "labels.csv", dtype={"label": str, "prediction": str})
    rng = np.random.default_rng(0)
    flip = rng.choice(len(labels), size=int(0.05 * len(labels)), replace=False)
    noisy = labels.copy()
    noisy.loc[flip, "label"] = [str((int(v) + rng.integers(1, 10)) % 10) for v in labels.loc[flip, "label"]]
    noisy.to_csv(tmp_path / "noisy.csv", index=False)
    digits.index(digits_dir, labels=tmp_path / "noisy.csv")
    try:
        ranked = digits.label_issues(k=10, method="knn").to_frame()
        top = set(ranked["path"].head(int(0.10 * len(ranked))))
        found = np.mean([str(digits_dir / labels.loc[i, "path"]) in top for i in flip])
        assert found >= 0.80, found
        # ties of the score are broken by how close the disagreeing neighbours are
        tied = ranked[ranked["label_issue_score"] == ranked["label_issue_score"].iloc[0]]
        assert len(tied) > 1 and tied["disagreeing_similarity"].is_monotonic_decreasing
        # confident learning, the default method, finds them as well
        ranked = digits.label_issues().to_frame()
        assert set(ranked["method"]) == {"confident"}
        top = set(ranked["path"].head(int(0.10 * len(ranked))))
        found = np.mean([str(digits_dir / labels.loc[i, "path"]) in top for i in flip])
        assert found >= 0.80, found
    finally:
        digits.index(digits_dir, labels=digits_dir / "labels.csv")


def test_label_issues_read_the_vectors_a_chunk_at_a_time(digits, monkeypatch):
    """The probe's input is built a chunk at a time, its PCA fitted on a sample: the whole
    matrix is never read. At a million 768-d vectors the whole read and its copies took 4.8x
    the vectors' memory; this test fails on that code (one read of every vector)."""
    from imgsearch.analysis import label_quality, mapsample
    from imgsearch.core.collection import Collection
    reads, real = [], Collection.indexed_vectors

    def counted(self, ids=None):
        reads.append(None if ids is None else len(ids))
        return real(self, ids)
    monkeypatch.setattr(Collection, "indexed_vectors", counted)
    monkeypatch.setattr(label_quality, "PCA_FIT_ROWS", 600)
    monkeypatch.setattr(mapsample, "CHUNK_BYTES", 1)          # chunks of the least, 1,000 rows
    ranked = digits.label_issues().to_frame()
    assert len(ranked) == 1797 and ranked["is_issue"].any()
    assert None not in reads and reads[0] == 600            # the PCA's sample, then chunks
    assert max(reads) <= 1000 < 1797 and sum(reads[1:]) == 1797, reads
    # a collection whose features pass HOLD_BYTES: each fold reads what it needs, the same
    # features, so the same scores
    reads.clear()
    monkeypatch.setattr(label_quality, "HOLD_BYTES", 0)
    monkeypatch.setattr(label_quality, "PROBE_FIT_ROWS", 500)
    streamed = digits.label_issues().to_frame()
    assert reads[0] == 600 and max(reads[1:]) <= 500 and sum(reads[1:]) == 5 * 500 + 1797, reads
    monkeypatch.setattr(label_quality, "HOLD_BYTES", 1 << 30)
    held = digits.label_issues().to_frame()
    pd.testing.assert_frame_equal(streamed, held)


def test_the_probe_of_a_large_collection_learns_from_a_sample_of_each_fold(monkeypatch):
    """Above PROBE_FIT_ROWS training rows a fold's probe learns from a random sample of them;
    every image is still scored out of fold, by a probe that did not learn it. The features
    are read as each fold needs them: the whole collection's (1 GB at a million images) are
    never held at once."""
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression
    from imgsearch.analysis import label_quality
    x, y = load_digits(return_X_y=True)
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    fits, real = [], LogisticRegression.fit

    def counted(self, X, y, *a, **k):
        fits.append({tuple(r) for r in X.round(6).tolist()})
        return real(self, X, y, *a, **k)
    monkeypatch.setattr(LogisticRegression, "fit", counted)
    monkeypatch.setattr(label_quality, "PROBE_FIT_ROWS", 400)
    asked = []

    def read(rows):      # the features of those rows, as probe_reader gives them from the index
        asked.append(len(rows))
        return x[rows]
    classes, probs = label_quality.probe_probabilities(read, y.astype(str))
    assert len(fits) == 5 and max(len(f) for f in fits) <= 400
    # no read of every row: each fold's sample, then its held-out rows 400 at a time
    assert max(asked) <= 400 and sum(asked) == 5 * 400 + len(x), asked
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-6)
    assert np.mean(np.asarray(classes)[probs.argmax(axis=1)] == y.astype(str)) > 0.9
    # out of fold: each image was left out of at least the fit that scored it
    rows = [tuple(r) for r in x.round(6).tolist()]
    assert all(sum(r in f for f in fits) <= 4 for r in rows)


def test_clusters_and_evaluate_never_read_every_vector(digits, monkeypatch):
    """k-means trains on a sample and assigns a chunk at a time; evaluate reads only its
    samples and the lists it searches again. At a million images reading every vector beside
    the loaded index took them to 2.4x and 2.7x the vectors' memory; this test fails on that
    code (a read of every vector)."""
    from imgsearch.analysis import evaluate, mapsample
    from imgsearch.core.collection import Collection
    reads, real = [], Collection.indexed_vectors

    def counted(self, ids=None):
        reads.append(None if ids is None else len(ids))
        return real(self, ids)
    monkeypatch.setattr(Collection, "indexed_vectors", counted)
    monkeypatch.setattr(mapsample, "CHUNK_BYTES", 1)          # chunks of the least, 1,000 rows
    monkeypatch.setattr(evaluate, "TRUST_SAMPLE", 300)
    found = digits.clusters(k=3).to_frame()
    assert len(found) == 1797 and found["cluster"].nunique() == 3
    assert reads[0] == 3 * 256                                 # k-means' training sample
    report = digits.evaluate(sample=500)
    assert report.n == 1797 and report.knn_accuracy_k10 > 0.9
    assert None not in reads and max(reads) <= 1000 < 1797, reads


def test_evaluate_maps_the_graphs_lists_to_labels_a_block_at_a_time(digits, monkeypatch):
    """The labels of every image's neighbours, read from the stored graph a block of rows at
    a time: the memory it takes is about the (n, k) codes it returns. Mapping the whole (n, K)
    table through pandas took 13x that (a gigabyte at a million images, the stage's peak);
    the codes are the ones a direct lookup gives."""
    import tracemalloc
    from imgsearch.analysis import evaluate, mapsample
    from imgsearch.core import knngraph
    from imgsearch.core.streaming import IndexedRows
    monkeypatch.setattr(evaluate, "BATCH", 100)
    ids = mapsample.indexed_ids(digits)
    y = np.arange(len(ids)) % 7
    g = knngraph.graph(digits)
    tracemalloc.start()
    try:
        codes = evaluate._graph_codes(digits, ids, IndexedRows(digits, ids),
                                      pd.Series(y, index=ids), 10)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert codes.shape == (len(ids), 10) and peak < 4 * codes.nbytes, peak / codes.nbytes
    code = dict(zip(ids.tolist(), y.tolist()))
    row = {int(i): r for r, i in enumerate(g.ids)}
    for i in (0, 17, len(ids) - 1):
        want = [code[int(n)] for n in g.nn[row[int(ids[i])]][:10]]
        assert codes[i].tolist() == want


def test_analyses_do_not_write_unless_asked(digits):
    before = digits.table()[["outlier_score", "cluster", "label_issue_score"]]
    digits.outliers(k=5)
    digits.clusters(k=4)
    digits.label_issues(k=5)
    after = digits.table()[["outlier_score", "cluster", "label_issue_score"]]
    pd.testing.assert_frame_equal(before, after)


def test_confusion_and_explain_a_real_mistake(digits):
    result = digits.confusion()
    matrix = result.matrix()
    assert matrix.values.sum() == 1797 and all(p.label != p.prediction for p in result.pairs)
    assert [p.n for p in result.pairs] == sorted((p.n for p in result.pairs), reverse=True)
    assert list(matrix.index) == [str(d) for d in range(10)]          # natural order
    wrong = digits.table("correct = false")
    checked = 0
    for image_id in wrong["image_id"].head(8):
        out = digits.explain(int(image_id), k=10)
        assert len(out.same_class) == 10 and len(out.predicted_class) == 10
        assert all(h.label == out.label for h in out.same_class)
        assert all(h.label == out.prediction for h in out.predicted_class)
        assert image_id not in [h.image_id for h in out.same_class]
        top_vote = max(out.vote, key=out.vote.get)
        assert f"'{top_vote}'" in out.verdict, (out.vote, out.verdict)
        assert {c.label for c in out.centroids} == {str(d) for d in range(10)}
        sims = [c.similarity for c in out.centroids]
        assert sims == sorted(sims, reverse=True)
        assert out.vote_text().startswith(f"{top_vote}: ")
        checked += 1
    assert checked == 8


def test_outliers_and_clusters_are_stored_when_asked(digits):
    out = digits.outliers(k=10, save=True).to_frame()
    assert out["outlier_score"].is_monotonic_decreasing and len(out) == 1797
    cl = digits.clusters("kmeans", k=10, save=True).to_frame()
    assert cl["cluster"].nunique() == 10
    table = digits.table()
    assert table["cluster"].notna().all() and table["outlier_score"].notna().all()
    # k-means on raw digits recovers the classes well: purity over 0.7
    purity = table.groupby("cluster")["label"].agg(lambda s: s.value_counts().iloc[0]).sum() / 1797
    assert purity > 0.7, purity
    within = digits.clusters("kmeans", within_label=True, save=True).to_frame()
    table = digits.table()
    assert all(name.split("/")[0] == lab for name, lab in zip(table["cluster"], table["label"]))
    assert within["cluster"].nunique() > 10
    assert digits.clusters("hdbscan").to_frame()["cluster"].nunique() >= 2


def test_metascatter_and_parquet_exports(digits, digits_dir, tmp_path):
    digits.build_map("umap")
    digits.build_map("pca")
    out = tmp_path / "ms.csv"
    digits.export_metascatter(out, prefix=digits_dir, all_maps=True)
    df = pd.read_csv(out)
    assert list(df.columns[:3]) == ["Paths", "X-Coord", "Y-Coord"]
    assert list(df.columns[3:13]) == METASCATTER_COLUMNS
    assert len(df) == 1797 and df[["X-Coord", "Y-Coord"]].notna().all().all()
    assert df["Paths"].str.startswith("digits/").all()
    assert set(df["correct"].dropna()) == {"Correct", "Incorrect"}
    assert {"pca_coords_0", "pca_coords_1"} <= set(df.columns)
    assert (digits_dir / df["Paths"][0]).is_file()
    digits.export_metascatter(tmp_path / "abs.csv")
    assert pd.read_csv(tmp_path / "abs.csv")["Paths"].str.startswith("/").all()
    sample = digits.export_metascatter(tmp_path / "s.csv", spelling="sample")
    assert list(sample.columns[:3]) == ["Image_path", "umap_coords_0", "umap_coords_1"]
    assert {"Labels", "Prediction", "Confidence"} <= set(sample.columns)
    digits.export_parquet(tmp_path / "c.parquet")
    pq = pd.read_parquet(tmp_path / "c.parquet")
    assert len(pq) == 1797 and {"umap_x", "umap_y", "pca_x", "label"} <= set(pq.columns)


def test_export_without_map_says_run_map(digits_dir, tmp_path):
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    small = tmp_path / "small"
    small.mkdir()
    for f in sorted(digits_dir.glob("digits/2/*.png"))[:10]:
        (small / f.name).write_bytes(f.read_bytes())
    imgsearch.index_images(small, "nomap", model="pixels", **kw)
    with imgsearch.open_collection("nomap", **kw) as col:
        with pytest.raises(NotFound, match="run `imgsearch map"):
            col.export_metascatter(tmp_path / "x.csv")


def test_duplicates_group_augmented_photos_with_their_originals(photos_dir, tmp_path):
    kw = dict(home=tmp_path / "h", progress=False)
    imgsearch.index_images(photos_dir, "p", **kw)
    fam = pd.read_csv(photos_dir / "families.csv")
    with imgsearch.open_collection("p", **kw) as col:
        groups = col.duplicates(save=True).to_frame()
        table = col.table()
    table["rel"] = [p.split(str(photos_dir) + "/")[1] for p in table["path"]]
    table = table.merge(fam, left_on="rel", right_on="path", suffixes=("", "_f"))
    group = dict(zip(table["family"] + "/" + table["variant"], table["duplicate_group"]))
    copies = fam[fam["variant"] != "original"]
    recall = np.mean([pd.notna(group[f"{f}/{v}"]) and group[f"{f}/{v}"] == group[f"{f}/original"]
                      for f, v in zip(copies["family"], copies["variant"])])
    assert recall >= 0.9, recall
    per_group = table.dropna(subset=["duplicate_group"]).groupby("duplicate_group")["family"].nunique()
    assert (per_group == 1).all()            # unrelated photos are never grouped
    assert groups["kind"].eq("near").all()
    assert groups.groupby("duplicate_group")["kept"].sum().eq(1).all()   # one kept per group
    kept = groups[groups["kept"]]
    assert np.allclose(kept["similarity_to_kept"], 1.0, atol=1e-5)
    assert (groups.loc[~groups["kept"], "similarity_to_kept"] < 1.0).all()


def test_digits_under_the_cnn_are_not_all_duplicates(digits_dir, tmp_path):
    """Digits sit at cosine 0.85-0.95 from each other under an ImageNet CNN: a bare threshold
    groups nearly all of them; the neighbourhood margin keeps only same-digit look-alikes."""
    small = tmp_path / "d"
    for f in sorted(digits_dir.glob("digits/*/*.png"))[::6]:
        (small / f.parent.name).mkdir(parents=True, exist_ok=True)
        (small / f.parent.name / f.name).write_bytes(f.read_bytes())
    kw = dict(home=tmp_path / "h", progress=False)
    imgsearch.index_images(small, "dcnn", **kw)
    with imgsearch.open_collection("dcnn", **kw) as col:
        bare = col.duplicates(margin=0.0).to_frame()
        groups = col.duplicates().to_frame()
        n = col.info().indexed
    assert len(bare) > 0.9 * n                     # the threshold alone: everything is a "duplicate"
    assert len(groups) < 0.25 * n
    assert (groups.groupby("duplicate_group")["path"]
            .agg(lambda p: p.str.rsplit("/", n=2).str[-2].nunique()) == 1).all()  # never mixes digits


def test_compare_two_embeddings(digits, digits_dir, home):
    imgsearch.index_images(digits_dir, "digits4", model="pixels", size=4,
                           labels=digits_dir / "labels.csv", home=home, workers=0, progress=False)
    with imgsearch.open_collection("digits4", home=home, progress=False) as small:
        out = small.compare(digits, k=10)
        same = digits.compare(digits, k=10)
        small.build_map("pca")
        digits.build_map("pca")
        from imgsearch.analysis.compare import aligned_maps
        aligned = aligned_maps(small, digits, "pca")
    assert out.n_common == 1797 and 0 < out.overlap_mean < 0.9
    assert same.overlap_mean > 0.99
    assert len(out.per_class) == 10 and "separates the classes better" in out.verdict
    overlaps = [c.overlap for c in out.changed]
    assert overlaps == sorted(overlaps) and overlaps[0] < out.overlap_mean
    assert len(aligned) == 1797 and {"x_a", "y_a", "x_b", "y_b"} <= set(aligned.columns)


@pytest.mark.parametrize("kwargs,param", [
    ({"method": "mds"}, "method"), ({"pca_dims": 1}, "pca_dims"),
    ({"neighbors": 1}, "neighbors"), ({"min_dist": 2.0}, "min_dist")])
def test_bad_map_parameters(digits, kwargs, param):
    with pytest.raises(InvalidArgument) as e:
        digits.build_map(**kwargs)
    assert e.value.param == param and param in str(e.value)


def test_bad_analysis_parameters(digits):
    with pytest.raises(InvalidArgument, match="cluster method"):
        digits.clusters("spectral")
    with pytest.raises(InvalidArgument, match="threshold"):
        digits.duplicates(threshold=0)
    with pytest.raises(NotFound, match="no indexed image"):
        digits.explain(10**9)
    with pytest.raises(ImgsearchError):
        digits.map_frame("tsne")
