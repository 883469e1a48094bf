"""The user's dataset and labels: class-per-folder layouts, their own predictions kept apart
from ImageNet's, confident learning, and the embedding report, on real digits and photos."""
import json
import shutil
import tarfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from sklearn.metrics import confusion_matrix

import imgsearch
from imgsearch import Conflict
from imgsearch.frontends.cli import main

from .conftest import write_dog_checkpoint

DATA = Path(__file__).parent / "data"


def _copy(files, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, dest / f.name)


@pytest.fixture(scope="module")
def tree(digits_dir, tmp_path_factory):
    """A class-per-folder tree under train/, val/ and Valid/, with nested folders, files
    directly in a split and in the root; returns (root, {relative path: (label, split)})."""
    root = tmp_path_factory.mktemp("tree") / "data"
    expected = {}
    for digit in "0123":
        files = sorted((digits_dir / "digits" / digit).glob("*.png"))[:24]
        places = [("train", digit), ("train", f"{digit}/nested/deeper"), ("val", digit),
                  ("Valid", f"{digit}/x")]
        for i, (split, sub) in enumerate(places):
            chunk = files[i * 6:(i + 1) * 6]
            _copy(chunk, root / split / sub)
            for f in chunk:
                expected[f"{split}/{sub}/{f.name}"] = (digit, "val" if split == "Valid" else split)
    loose = sorted((digits_dir / "digits" / "9").glob("*.png"))[:4]
    _copy(loose[:2], root / "train")           # in a split, in no class folder
    _copy(loose[2:], root)                     # in neither
    expected.update({f"train/{f.name}": (None, "train") for f in loose[:2]})
    expected.update({f.name: (None, None) for f in loose[2:]})
    return root, expected


def test_class_per_folder_gives_exact_labels_and_splits(tree, tmp_path):
    root, expected = tree
    home = tmp_path / "h"
    report = imgsearch.index_images(root, "tree", model="pixels", size=8, labels="folder",
                                    home=home, workers=0, progress=False)
    assert report.indexed == len(expected)
    with imgsearch.open_collection("tree", home=home) as col:
        table = col.table(columns=["path", "label", "split"])
        got = {str(Path(p).relative_to(root)): (lab, split) for p, lab, split in
               zip(table["path"], table["label"].astype(object).where(table["label"].notna(), None),
                   table["split"].astype(object).where(table["split"].notna(), None))}
        assert got == expected
        info = col.info()
        assert info.label_counts == {d: 24 for d in "0123"}
        assert info.split_counts == {"train": 50, "val": 48}
        ev = col.evaluate()     # splits exist: train as neighbours, val as queries
        assert [(s.neighbours, s.queries, s.n_neighbours, s.n_queries) for s in ev.per_split] == \
            [("train", "val", 48, 48)]   # labelled images only
    # the CLI says the same, and a later run with the folder layout changes nothing
    r = cli(home, "info", "-c", "tree", "--json")
    assert r.exit_code == 0 and json.loads(r.output)["split_counts"] == {"train": 50, "val": 48}
    r = cli(home, "index", root, "-c", "tree", "--labels", "folder", "--no-progress")
    assert r.exit_code == 0 and "unchanged 100" in r.output, r.output


def test_parquet_labels_file(digits_dir, tmp_path):
    src = tmp_path / "flat"
    files = sorted(digits_dir.glob("digits/[57]/*.png"))[:30]
    _copy(files, src)
    pd.DataFrame({"path": [f.name for f in files], "label": [f.parent.name for f in files],
                  "split": ["train"] * 20 + ["test"] * 10}).to_parquet(tmp_path / "labels.parquet")
    imgsearch.index_images(src, "pq", model="pixels", size=8, labels=tmp_path / "labels.parquet",
                           home=tmp_path / "h", workers=0, progress=False)
    with imgsearch.open_collection("pq", home=tmp_path / "h") as col:
        table = col.table(columns=["path", "label", "split"])
        assert dict(zip(table["path"], table["label"])) == {str(src / f.name): f.parent.name for f in files}
        assert col.info().split_counts == {"train": 20, "test": 10}


# -- the user's predictions --------------------------------------------------------------
@pytest.fixture(scope="module")
def plain_home(digits_dir, tmp_path_factory):
    """Digits labelled by their folders, under pixels: labels, no predictions."""
    home = tmp_path_factory.mktemp("plain_home")
    imgsearch.index_images(digits_dir / "digits", "plain", model="pixels", size=16, labels="folder",
                           home=home, workers=0, progress=False)
    return home


@pytest.fixture
def plain(plain_home):
    """Open for one test (the CLI, in this same process, opens it again between tests)."""
    with imgsearch.open_collection("plain", home=plain_home) as col:
        yield col


def cli(home, *args):
    return CliRunner().invoke(main, [str(a) for a in args], env={"IMGSEARCH_HOME": str(home)})


def test_without_predictions_confusion_explains_and_label_analyses_run(plain_home):
    r = cli(plain_home, "confusion", "-c", "plain")
    assert r.exit_code == 0 and len(r.output.strip().splitlines()) == 1
    assert "import-predictions -c plain" in r.output
    r = cli(plain_home, "label-issues", "-c", "plain", "--method", "knn", "--no-save", "--json")
    assert r.exit_code == 0 and len(json.loads(r.output)) == 20
    with imgsearch.open_collection("plain", home=plain_home) as plain:
        _without_predictions(plain)


def _without_predictions(plain):
    assert plain.info().predictions == 0
    with pytest.raises(Conflict, match="import-predictions"):
        plain.confusion()
    out = plain.explain(5)
    assert out.prediction is None and "import-predictions" in out.note and out.top_classes == []
    assert "predicted" not in out.verdict
    knn = plain.label_issues(method="knn")
    assert len(knn) == 1797 and knn.rows[0].label_issue_score >= knn.rows[-1].label_issue_score


def test_imported_predictions_give_sklearns_confusion_matrix(plain, digits_dir, tmp_path):
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    table = plain.table(columns=["image_id", "path", "label"])
    rel = [str(Path(p).relative_to(digits_dir / "digits")) for p in table["path"]]
    d = load_digits()
    index = {f"{y}/{i:04d}.png": i for i, y in enumerate(d.target)}
    proba = cross_val_predict(LogisticRegression(max_iter=200), d.data / 16, d.target, cv=3,
                              method="predict_proba")[[index[r] for r in rel]]
    pred = proba.argmax(1).astype(str)
    pred[:40] = "7"                      # a few more mistakes, and a column the labels lack
    preds = pd.DataFrame({"path": rel, "prediction": pred})
    for j in range(10):
        preds[f"prob_{j}"] = proba[:, j]
    extra = pd.DataFrame({"path": ["nowhere/1.png", "9/none.png"], "prediction": ["1", "9"]})
    pd.concat([preds, extra]).to_csv(tmp_path / "preds.csv", index=False)
    report = plain.import_predictions(tmp_path / "preds.csv")
    assert (report.rows, report.matched, report.unmatched) == (1799, 1797, 2)
    assert report.with_probabilities and report.classes == [str(j) for j in range(10)]
    assert "2 rows match no indexed image" in report.summary()
    got = plain.confusion().matrix()
    classes = sorted(set(table["label"]) | set(pred))
    want = confusion_matrix(table["label"].astype(str), pred, labels=classes)
    np.testing.assert_array_equal(got.reindex(index=classes, columns=classes, fill_value=0).to_numpy(), want)
    # explain shows the top classes of the user's probabilities
    i = int(np.argmax(proba.max(1) < 0.9))
    out = plain.explain(int(table["image_id"].iloc[i]))
    assert out.prediction == pred[i] and out.note is None
    assert out.top_classes[0].label == str(proba[i].argmax())
    np.testing.assert_allclose([c.probability for c in out.top_classes],
                               np.sort(proba[i])[::-1][:5], rtol=1e-9)
    # a list column over the same classes (Parquet), by absolute path, is read the same way
    lists = pd.DataFrame({"path": table["path"], "prediction": pred, "probs": list(proba)})
    lists.to_parquet(tmp_path / "preds.parquet")
    again = plain.import_predictions(tmp_path / "preds.parquet", classes=[str(j) for j in range(10)])
    assert (again.matched, again.unmatched) == (1797, 0)
    np.testing.assert_array_equal(plain.confusion().matrix().to_numpy(), got.to_numpy())
    # confident learning now runs on the user's probabilities
    issues = plain.label_issues()
    assert issues.rows[0].method == "confident"
    worst = table.set_index("image_id").loc[issues.rows[0].image_id]
    k = rel.index(str(Path(worst["path"]).relative_to(digits_dir / "digits")))
    assert issues.rows[0].label_issue_score == pytest.approx(1 - proba[k, int(worst["label"])])


def test_predictions_file_errors_are_one_line(plain, tmp_path):
    (tmp_path / "p.csv").write_text("file,guess\na.png,1\n")
    with pytest.raises(imgsearch.InvalidArgument, match="prediction column"):
        plain.import_predictions(tmp_path / "p.csv")
    (tmp_path / "q.csv").write_text("path,prediction\nnowhere.png,1\n")
    with pytest.raises(Conflict, match="none of the 1 rows"):
        plain.import_predictions(tmp_path / "q.csv")
    (tmp_path / "r.txt").write_text("path,prediction\n")
    with pytest.raises(imgsearch.InvalidArgument, match=".csv or .parquet"):
        plain.import_predictions(tmp_path / "r.txt")


# -- evaluate --------------------------------------------------------------------------
def test_evaluate_equals_sklearns_leave_one_out_knn(digits_dir, tmp_path):
    from sklearn.model_selection import LeaveOneOut, cross_val_predict
    from sklearn.neighbors import KNeighborsClassifier
    src = tmp_path / "some"
    for d in "0123456789":
        _copy(sorted((digits_dir / "digits" / d).glob("*.png"))[:40], src / d)
    imgsearch.index_images(src, "some", model="pixels", size=16, labels="folder",
                           home=tmp_path / "h", workers=0, progress=False)
    with imgsearch.open_collection("some", home=tmp_path / "h") as col:
        report = col.evaluate()
        ids, vecs = col.indexed_vectors()
        labels = col.table(columns=["image_id", "label"]).set_index("image_id").loc[ids, "label"]
    for k, got in ((1, report.knn_accuracy_k1), (10, report.knn_accuracy_k10)):
        pred = cross_val_predict(KNeighborsClassifier(n_neighbors=k, algorithm="brute"), vecs,
                                 labels.to_numpy(str), cv=LeaveOneOut())
        assert got == pytest.approx(np.mean(pred == labels.to_numpy(str)), abs=1e-12), k
    assert report.n == 400 and report.dummy_accuracy == pytest.approx(0.1)


def test_evaluate_on_the_digits_beats_the_dummy_widely(plain_home):
    with imgsearch.open_collection("plain", home=plain_home) as plain:
        plain.build_map("pca")
        report = plain.evaluate()
    assert report.knn_accuracy_k10 >= report.dummy_accuracy + 0.7
    assert report.knn_accuracy_k1 >= 0.9 and report.dummy_accuracy < 0.11
    assert 0 < report.silhouette < 1 and report.silhouette_sample == 1797
    assert report.map_method == "pca" and 0.5 < report.trustworthiness <= 1
    assert sorted(c.label for c in report.per_class) == [str(d) for d in range(10)]
    assert all(c.knn_accuracy_k10 > 0.8 for c in report.per_class)
    assert "against 10%" in report.conclusion and "well" in report.conclusion
    data = json.loads(cli(plain_home, "evaluate", "-c", "plain", "--json").output)
    for field in ("knn_accuracy_k1", "knn_accuracy_k10", "dummy_accuracy", "silhouette",
                  "trustworthiness", "per_class"):
        assert field in data
    assert data["knn_accuracy_k10"] == pytest.approx(report.knn_accuracy_k10)


# -- the default CNN: ImageNet never in `prediction`; confident learning finds the flips --
def flip(labels: pd.Series, share: float, seed: int) -> tuple[pd.Series, np.ndarray]:
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(labels), size=int(round(share * len(labels))), replace=False)
    noisy = labels.copy()
    for i in chosen:
        others = [c for c in sorted(labels.unique()) if c != labels.iloc[i]]
        noisy.iloc[i] = others[rng.integers(len(others))]
    return noisy, chosen


@pytest.fixture(scope="module")
def cnn(digits_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("cnn_home")
    imgsearch.index_images(digits_dir / "digits", "cnn", labels="folder", home=home, progress=False)
    col = imgsearch.open_collection("cnn", home=home)
    yield col
    col.close()


def test_imagenet_guesses_are_never_the_users_prediction(cnn):
    table = cnn.table(columns=["prediction", "confidence", "imagenet_prediction", "imagenet_confidence"])
    assert table["prediction"].isna().all() and table["confidence"].isna().all()
    assert table["imagenet_prediction"].notna().all() and (table["imagenet_confidence"] > 0).all()
    with pytest.raises(Conflict, match="import-predictions"):
        cnn.confusion()
    out = cnn.explain(3)
    assert out.prediction is None and out.predicted_class == out.same_class
    imagenet = set(table["imagenet_prediction"])
    assert not any(h.prediction in imagenet for h in out.neighbours)
    issues = cnn.label_issues()
    assert all(r.prediction is None for r in issues.rows)
    assert not {r.suggested_label for r in issues.rows} & imagenet


def test_confident_learning_ranks_the_flips_under_the_cnn(cnn, tmp_path):
    table = cnn.table(columns=["path", "label"])
    noisy, chosen = flip(table["label"].astype(str), 0.05, seed=0)
    assert len(chosen) == 90
    pd.DataFrame({"path": table["path"], "label": noisy}).to_csv(tmp_path / "noisy.csv", index=False)
    root = Path(table["path"].iloc[0]).parents[1]
    cnn.index(root, labels=tmp_path / "noisy.csv")
    ranked = cnn.label_issues().to_frame()     # the default method
    assert ranked["method"].iloc[0] == "confident"
    top = set(ranked["path"].head(90))
    found = sum(table["path"].iloc[i] in top for i in chosen)
    assert found >= 70, found


# -- collections written before the split are migrated on open ----------------------------
def test_a_collection_of_the_previous_release_is_migrated(tmp_path):
    with tarfile.open(DATA / "legacy_v2.tar.gz") as tar:
        tar.extractall(tmp_path)
    with imgsearch.open_collection("legacy", home=tmp_path) as col:
        table = col.table(columns=["path", "label", "prediction", "confidence",
                                   "imagenet_prediction", "imagenet_confidence"]).set_index("path")
        names = {Path(p).name: r for p, r in table.iterrows()}
        # rows the labels CSV gave a prediction keep it (the user's); no confidence came with it
        assert names["chelsea.jpg"]["prediction"] == "cat" and names["coffee.jpg"]["prediction"] == "thing"
        assert pd.isna(names["chelsea.jpg"]["confidence"])
        # the others' ImageNet top-1 moved to its own columns
        for name in ("astronaut.jpg", "rocket.jpg", "horse.jpg", "camera.jpg"):
            assert pd.isna(names[name]["prediction"]) and isinstance(names[name]["imagenet_prediction"], str)
            assert 0 < names[name]["imagenet_confidence"] <= 1
        assert col.store.get_meta("schema_version") == 3
        assert col.info().predictions == 2
        assert col.search(1, k=3).hits[0].image_id == 1
    with imgsearch.open_collection("legacy", home=tmp_path) as col:    # once only
        assert col.table(columns=["prediction"])["prediction"].notna().sum() == 2


# -- the same over REST and the remote client ----------------------------------------------
def test_folder_labels_predictions_and_evaluate_over_rest(tree, tmp_path):
    import time
    from imgsearch import Config
    from imgsearch.api.service import Service
    from .test_rest import local_client
    from imgsearch.frontends.rest.client import RemoteClient
    root, expected = tree
    svc = Service(Config.load(home=tmp_path / "h", workers=0, progress=False))
    api = local_client(svc)        # a caller on this machine proves it as the CLI does
    try:
        job = api.post("/collections/t/index", json={"source": str(root), "labels": "folder",
                                                     "model": "pixels", "size": 8}).json()
        for _ in range(600):
            job = api.get(f"/jobs/{job['id']}").json()
            if job["state"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert job["state"] == "done", job
        info = api.get("/collections/t").json()
        assert info["label_counts"] == {d: 24 for d in "0123"} and info["predictions"] == 0
        r = api.get("/collections/t/confusion")
        assert r.status_code == 409 and "import-predictions" in r.json()["detail"]
        rel = [p for p, (lab, _) in expected.items() if lab is not None]
        csv = "path,prediction,confidence\n" + "".join(f"{p},{expected[p][0]},0.9\n" for p in rel[:-5])
        assert {expected[p][0] for p in rel[-5:]} == {"3"}
        csv += "".join(f"{p},0,0.6\n" for p in rel[-5:]) + "missing.png,1,0.5\n"
        r = api.post("/collections/t/predictions", files={"file": ("preds.csv", csv.encode())})
        assert r.status_code == 200 and (r.json()["matched"], r.json()["unmatched"]) == (len(rel), 1)
        conf = api.get("/collections/t/confusion").json()
        assert sum(map(sum, conf["counts"])) == len(rel)
        assert [(p["label"], p["prediction"], p["n"]) for p in conf["pairs"]] == [("3", "0", 5)]
        ev = api.get("/collections/t/evaluate").json()
        assert ev["knn_accuracy_k1"] > ev["dummy_accuracy"] and ev["per_split"][0]["queries"] == "val"
        assert api.get("/collections/t/label-issues", params={"method": "knn"}).status_code == 200
        assert api.get("/collections/t/label-issues", params={"method": "nope"}).status_code == 422
        # the remote client rebuilds the same typed results
        remote = RemoteClient("http://testserver", None)
        remote.http = api
        col = remote.collection("t")
        assert col.evaluate().knn_accuracy_k1 == pytest.approx(ev["knn_accuracy_k1"])
        assert col.index(root, labels="folder").unchanged == len(expected)   # "folder" stays a word
        again = col.import_predictions(pd.DataFrame({"path": rel, "prediction": "0"}))
        assert again.matched == len(rel)
        assert col.confusion().matrix().columns.tolist() == ["0"]
    finally:
        svc.close()


def test_investigate_page_without_predictions_reports_the_embedding(digits_dir, tmp_path, monkeypatch):
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest
    src = tmp_path / "small"
    for d in "0123456789":
        _copy(sorted((digits_dir / "digits" / d).glob("*.png"))[:20], src / "train" / d)
        _copy(sorted((digits_dir / "digits" / d).glob("*.png"))[20:30], src / "val" / d)
    imgsearch.index_images(src, "small", model="pixels", size=8, labels="folder",
                           home=tmp_path / "h", workers=0, progress=False)
    monkeypatch.setenv("IMGSEARCH_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("IMGSEARCH_COLLECTION", "small")
    page = Path(imgsearch.__file__).resolve().parent / "frontends" / "ui" / "views" / "investigate.py"
    at = AppTest.from_file(str(page), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert any("import-predictions -c small" in i.value for i in at.info)
    assert not at.get("plotly_chart")           # no confusion matrix of ImageNet classes
    at.toggle(key="evaluate").set_value(True).run()
    assert not at.exception, at.exception
    labels = {m.label: m.value for m in at.metric}
    assert float(labels["kNN accuracy, k = 10"]) > float(labels["most frequent label"]) + 0.5
    assert any("against 10%" in m.value for m in at.markdown)
    from imgsearch.frontends.ui import common
    common.client.clear()


def test_the_users_checkpoint_gives_prediction_and_class_probabilities(photos_dir, tmp_path):
    pytest.importorskip("torch")
    write_dog_checkpoint(tmp_path)
    src = tmp_path / "pets"
    photos = sorted((photos_dir / "photos").glob("*.jpg"))
    _copy([p for p in photos if "__" not in p.name][:4], src / "dog")
    _copy([p for p in photos if "__" not in p.name][4:8], src / "cat")
    imgsearch.index_images(src, "mine", model="resnet18", weights=tmp_path / "my.pt",
                           classes=tmp_path / "classes.txt", labels="folder", runtime="torch",
                           home=tmp_path / "h", workers=0, progress=False)
    with imgsearch.open_collection("mine", home=tmp_path / "h") as col:
        table = col.table(columns=["image_id", "label", "prediction", "confidence", "imagenet_prediction"])
        assert (table["prediction"] == "dog").all() and (table["confidence"] > 0.9).all()
        assert table["imagenet_prediction"].isna().all()
        out = col.explain(int(table["image_id"].iloc[0]))
        assert [c.label for c in out.top_classes][0] == "dog" and len(out.top_classes) == 3
        assert sum(c.probability for c in out.top_classes) == pytest.approx(1, abs=1e-5)
        conf = col.confusion().matrix()
        assert conf.loc["cat", "dog"] == 4 and conf.loc["dog", "dog"] == 4
        issues = col.label_issues().to_frame()     # on the head's probabilities: every cat
        assert set(issues.head(4)["label"]) == {"cat"}
