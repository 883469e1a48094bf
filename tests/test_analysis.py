"""Maps, analyses and exports on real data with real thresholds."""
import numpy as np
import pandas as pd
import pytest
from sklearn.manifold import trustworthiness

import imgsearch
from imgsearch import BadQuery, ImgsearchError, analysis, curation, export, maps


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


def test_umap_map_is_trustworthy_and_deterministic(digits):
    report = maps.build_map(digits, "umap", seed=0)
    assert report.fitted == 1797
    xy = maps.coordinates(digits, "umap")
    ids, vecs = digits.index.all_vectors()
    order = pd.Series(np.arange(len(ids)), index=ids).reindex(xy["image_id"]).to_numpy()
    tw = trustworthiness(vecs[order], xy[["x", "y"]].to_numpy(), n_neighbors=10)
    assert tw >= 0.90, tw
    maps.build_map(digits, "umap", seed=0, refit=True)
    again = maps.coordinates(digits, "umap")
    np.testing.assert_allclose(again[["x", "y"]].to_numpy(), xy[["x", "y"]].to_numpy())
    assert digits.manifest["maps"]["umap"]["pca_dims"] == 50


def test_new_images_are_placed_without_moving_old_ones(digits_dir, tmp_path):
    root = tmp_path / "grow"
    files = sorted(digits_dir.glob("digits/*/*.png"))
    for f in files[:300]:
        (root / f.parent.name).mkdir(parents=True, exist_ok=True)
        (root / f.parent.name / f.name).write_bytes(f.read_bytes())
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(root, "grow", model="pixels", size=16, **kw)
    for method in ("umap", "pca", "tsne"):
        with imgsearch.open_collection("grow", **kw) as col:
            maps.build_map(col, method)
    with imgsearch.open_collection("grow", **kw) as before:
        old = {m: maps.coordinates(before, m) for m in ("umap", "pca", "tsne")}
    for f in files[1000:1040]:
        (root / f.parent.name).mkdir(parents=True, exist_ok=True)
        (root / f.parent.name / f.name).write_bytes(f.read_bytes())
    imgsearch.index_images(root, "grow", **kw)
    with imgsearch.open_collection("grow", **kw) as col:
        with pytest.raises(ImgsearchError, match="no umap coordinates yet"):
            maps.coordinates(col, "umap")
        for method in ("umap", "pca", "tsne"):
            r = maps.build_map(col, method)
            assert (r.fitted, r.placed) == (0, 40)
            new = maps.coordinates(col, method)
            assert len(new) == 340 and np.isfinite(new[["x", "y"]].to_numpy()).all()
            kept = new.merge(old[method], on="image_id", suffixes=("", "_old"))
            assert len(kept) == 300
            np.testing.assert_array_equal(kept["x"], kept["x_old"])


def test_label_issues_find_flipped_labels(digits, digits_dir):
    labels = pd.read_csv(digits_dir / "labels.csv", dtype={"label": str, "prediction": str})
    rng = np.random.default_rng(0)
    flip = rng.choice(len(labels), size=int(0.05 * len(labels)), replace=False)
    noisy = labels.copy()
    noisy.loc[flip, "label"] = [str((int(v) + rng.integers(1, 10)) % 10) for v in labels.loc[flip, "label"]]
    noisy["path"] = [str(digits_dir / p) for p in noisy["path"]]
    digits.store.import_metadata(noisy)
    try:
        ranked = analysis.label_issues(digits, k=10)
        top = set(ranked["path"].head(int(0.10 * len(ranked))))
        found = np.mean([str(digits_dir / labels.loc[i, "path"]) in top for i in flip])
        assert found >= 0.80, found
    finally:
        labels["path"] = [str(digits_dir / p) for p in labels["path"]]
        digits.store.import_metadata(labels)


def test_confusion_and_explain_a_real_mistake(digits):
    matrix, pairs = analysis.confusion(digits)
    assert matrix.values.sum() == 1797 and (pairs["label"] != pairs["prediction"]).all()
    assert pairs["n"].is_monotonic_decreasing
    wrong = digits.store.table("correct = false")
    checked = 0
    for image_id in wrong["image_id"].head(8):
        out = analysis.explain(digits, int(image_id), k=10)
        assert len(out["same_class"]) == 10 and len(out["predicted_class"]) == 10
        assert (out["same_class"]["label"] == out["label"]).all()
        assert (out["predicted_class"]["label"] == out["prediction"]).all()
        assert image_id not in out["same_class"]["image_id"].tolist()
        top_vote = max(out["vote"], key=out["vote"].get)
        assert f"'{top_vote}'" in out["verdict"], (out["vote"], out["verdict"])
        assert set(out["centroids"]["label"]) == {str(d) for d in range(10)}
        checked += 1
    assert checked == 8


def test_outliers_and_clusters_are_stored(digits):
    out = curation.outliers(digits, k=10)
    assert out["outlier_score"].is_monotonic_decreasing and len(out) == 1797
    cl = curation.clusters(digits, "kmeans", k=10)
    assert cl["cluster"].nunique() == 10
    table = digits.store.table()
    assert table["cluster"].notna().all() and table["outlier_score"].notna().all()
    # k-means on raw digits recovers the classes well: purity over 0.7
    purity = table.groupby("cluster")["label"].agg(lambda s: s.value_counts().iloc[0]).sum() / 1797
    assert purity > 0.7, purity
    within = curation.clusters(digits, "kmeans", within_label=True)
    assert all(name.split("/")[0] == lab for name, lab in
               zip(digits.store.table()["cluster"], digits.store.table()["label"]))
    assert within["cluster"].nunique() > 10
    hd = curation.clusters(digits, "hdbscan")
    assert hd["cluster"].nunique() >= 2


def test_metascatter_and_parquet_exports(digits, digits_dir, tmp_path):
    maps.build_map(digits, "umap")
    maps.build_map(digits, "pca")
    out = tmp_path / "ms.csv"
    export.metascatter(digits, out, prefix=digits_dir, all_maps=True)
    df = pd.read_csv(out)
    assert list(df.columns[:3]) == ["Paths", "X-Coord", "Y-Coord"]
    assert list(df.columns[3:13]) == export.METASCATTER_COLUMNS
    assert len(df) == 1797 and df[["X-Coord", "Y-Coord"]].notna().all().all()
    assert df["Paths"].str.startswith("digits/").all()
    assert set(df["correct"].dropna()) == {"Correct", "Incorrect"}
    assert {"pca_coords_0", "pca_coords_1"} <= set(df.columns)
    assert (digits_dir / df["Paths"][0]).is_file()
    export.metascatter(digits, tmp_path / "abs.csv")
    absolute = pd.read_csv(tmp_path / "abs.csv")
    assert absolute["Paths"].str.startswith("/").all()
    export.parquet(digits, tmp_path / "c.parquet")
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
        with pytest.raises(ImgsearchError, match="run `imgsearch map"):
            export.metascatter(col, tmp_path / "x.csv")


def test_duplicates_group_augmented_photos_with_their_originals(photos_dir, tmp_path):
    kw = dict(home=tmp_path / "h", progress=False)
    imgsearch.index_images(photos_dir, "p", **kw)
    fam = pd.read_csv(photos_dir / "families.csv")
    with imgsearch.open_collection("p", **kw) as col:
        groups = curation.duplicates(col)
        table = col.store.table()
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
        bare = curation.duplicates(col, margin=0.0)
        groups = curation.duplicates(col)
        n = col.store.counts()["indexed"]
    assert len(bare) > 0.9 * n                     # the threshold alone: everything is a "duplicate"
    assert len(groups) < 0.25 * n
    assert (groups.groupby("duplicate_group")["path"]
            .agg(lambda p: p.str.rsplit("/", n=2).str[-2].nunique()) == 1).all()  # never mixes digits


def test_compare_two_embeddings(digits, digits_dir, home):
    imgsearch.index_images(digits_dir, "digits4", model="pixels", size=4,
                           labels=digits_dir / "labels.csv", home=home, workers=0, progress=False)
    with imgsearch.open_collection("digits4", home=home, progress=False) as small:
        out = analysis.compare(small, digits, k=10)
        same = analysis.compare(digits, digits, k=10)
    assert out["n_common"] == 1797 and 0 < out["overlap_mean"] < 0.9
    assert same["overlap_mean"] > 0.99
    assert len(out["per_class"]) == 10 and "separates the classes better" in out["verdict"]


@pytest.mark.parametrize("kwargs,match", [
    ({"method": "mds"}, "unknown map method"), ({"pca_dims": 1}, "--pca-dims"),
    ({"neighbors": 1}, "--neighbors"), ({"min_dist": 2.0}, "--min-dist")])
def test_bad_map_parameters(digits, kwargs, match):
    with pytest.raises(BadQuery, match=match):
        maps.build_map(digits, **kwargs)


def test_bad_analysis_parameters(digits):
    with pytest.raises(BadQuery, match="cluster method"):
        curation.clusters(digits, "spectral")
    with pytest.raises(BadQuery, match="--threshold"):
        curation.duplicates(digits, threshold=0)
    with pytest.raises(BadQuery, match="no indexed image"):
        analysis.explain(digits, 10**9)


def test_map_frame_samples_per_label_above_the_limit(digits):
    maps.build_map(digits, "pca")
    full, sampled = maps.map_frame(digits, "pca")
    assert not sampled and len(full) == 1797
    small, sampled = maps.map_frame(digits, "pca", max_points=200)
    assert sampled and 190 <= len(small) <= 210
    share = small["label"].value_counts(normalize=True)
    assert set(share.index) == {str(d) for d in range(10)} and share.max() < 0.15
