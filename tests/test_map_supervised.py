"""Supervised maps: UMAP fitted with the labels as its target (unlabelled images as -1), marked
as such wherever the map is read, and reachable from Python, the CLI and REST alike."""
import time

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import imgsearch
from imgsearch import InvalidArgument
from imgsearch.analysis import mapcheck, maps
from imgsearch.demo import write_digits
from imgsearch.errors import Conflict
from imgsearch.frontends.cli import main

from .ui_app import app, ui_home  # noqa: F401  (the Map page's fixtures)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("supervised_home")


@pytest.fixture(scope="module")
def digits(tmp_path_factory, home):
    """The 1,797 digits as 4 x 4 pixels (classes overlap there: a plain map's 10-NN accuracy is
    ~0.8), two thirds of them labelled; `truth` holds every image's digit, the held-out third's
    too."""
    root = tmp_path_factory.mktemp("digits4")
    truth = write_digits(root, size=4)
    held = np.random.default_rng(0).random(len(truth)) < 1 / 3
    labels = truth.copy()
    labels.loc[held, "label"] = None
    labels.to_csv(root / "labels.csv", index=False)
    imgsearch.index_images(root, "digits", model="pixels", size=4, labels=root / "labels.csv",
                           home=home, workers=0, progress=False)
    col = imgsearch.open_collection("digits", home=home, progress=False)
    paths = col.table(columns=["image_id", "path"])
    by_path = {str(root / p): str(lab) for p, lab in zip(truth["path"], truth["label"])}
    col.truth = pd.Series([by_path[p] for p in paths["path"]], index=paths["image_id"])
    yield col
    col.close()


def _knn_accuracy(col) -> tuple[float, float]:
    """Leave-one-out 10-NN accuracy of the true digit on the 2-D map: over every image, and over
    the held-out (unlabelled) ones only."""
    from sklearn.neighbors import NearestNeighbors
    frame, *_ = col.map_frame("umap", ["image_id", "label"])
    xy, truth = frame[["x", "y"]].to_numpy(), col.truth.loc[frame["image_id"]].to_numpy()
    near = NearestNeighbors(n_neighbors=11).fit(xy).kneighbors(xy, return_distance=False)[:, 1:]
    votes = np.array([pd.Series(truth[row]).value_counts().index[0] for row in near])
    right = votes == truth
    return right.mean(), right[frame["label"].isna().to_numpy()].mean()


def test_a_supervised_map_separates_the_classes_and_says_so(digits):
    plain = digits.build_map("umap", refit=True)
    assert not plain.supervised and "supervised" not in digits.manifest.maps["umap"]
    assert digits.info().supervised_maps == [] and not digits.map_points("umap").supervised
    plain_all, plain_held = _knn_accuracy(digits)

    report = digits.build_map("umap", supervised=True, target_weight=0.5)   # refits by itself
    assert report.supervised and report.fitted == 1797 and "supervised" in report.summary()
    entry = digits.manifest.maps["umap"]
    assert entry["supervised"] is True and entry["target_weight"] == 0.5
    assert entry["labelled"] == int(digits.truth.size - digits.table(columns=["label"])["label"].isna().sum())
    fitted = maps._fitted(digits, "umap")
    assert fitted["reducer"].target_weight == 0.5 and fitted["params"]["supervised"] is True
    sup_all, sup_held = _knn_accuracy(digits)
    # the labels pull the classes apart: clearly better over all images, and the unlabelled
    # third (placed by the same fit, never given its label) is no worse off than on the plain map
    assert sup_all > plain_all + 0.03, (plain_all, sup_all)
    assert sup_held >= plain_held - 0.01, (plain_held, sup_held)
    # marked wherever the map is read
    assert digits.info().supervised_maps == ["umap"]
    assert digits.map_points("umap").supervised
    assert [s.supervised_maps for s in digits.spaces()] == [["umap"]]
    # a plain `map` call places new images on the stored map and keeps it supervised
    again = digits.build_map("umap")
    assert again.supervised and again.fitted == 0
    # fsck agrees with it, and its repair refits it supervised, with the same weight
    assert mapcheck.check_maps(digits) == []
    maps.refit_stored(digits, "umap")
    assert digits.manifest.maps["umap"]["supervised"] is True
    assert maps._fitted(digits, "umap")["reducer"].target_weight == 0.5


def test_a_supervised_map_fitted_on_a_sample_places_the_rest(digits):
    report = digits.build_map("umap", refit=True, supervised=True, target_weight=0.8, fit_sample=600)
    assert report.supervised and 600 <= report.fitted <= 610 and report.placed == 1797 - report.fitted
    fitted = maps._fitted(digits, "umap")
    assert fitted["params"]["stratified"] is True and fitted["reducer"].target_weight == 0.8
    assert len(digits.store.coords("umap")) == 1797
    assert mapcheck.check_maps(digits) == []


def test_refusals_are_one_line(digits, tmp_path):
    with pytest.raises(InvalidArgument, match="supervised map is a UMAP map"):
        digits.build_map("tsne", supervised=True)
    with pytest.raises(InvalidArgument, match="target_weight must be between 0"):
        digits.build_map("umap", supervised=True, target_weight=1.5)
    write_digits(tmp_path / "img", n=150, size=4)
    imgsearch.index_images(tmp_path / "img", "bare", model="pixels", size=4,
                           home=tmp_path / "h", workers=0, progress=False)
    with imgsearch.open_collection("bare", home=tmp_path / "h", progress=False) as bare:
        with pytest.raises(Conflict, match="supervised map needs labels") as e:
            bare.build_map("umap", supervised=True)
        assert e.value.param == "supervised" and "\n" not in str(e.value)
        assert bare.manifest.maps == {}            # nothing was written
    r = CliRunner().invoke(main, ["map", "-c", "bare", "--supervised"],
                           env={"IMGSEARCH_HOME": str(tmp_path / "h")})
    assert r.exit_code != 0 and "supervised map needs labels" in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) <= 2, r.output


def test_the_flag_round_trips_through_cli_rest_and_python(tmp_path):
    from fastapi.testclient import TestClient
    from imgsearch.api.remote import RemoteClient
    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.frontends.rest.app import create_app
    write_digits(tmp_path / "img", n=300, size=8).to_csv(tmp_path / "labels.csv", index=False)
    home = tmp_path / "home"
    imgsearch.index_images(tmp_path / "img", "small", model="pixels", size=8,
                           labels=tmp_path / "labels.csv", home=home, workers=0, progress=False)
    # the CLI: --supervised and --target-weight, and `info` names the supervised map
    env = {"IMGSEARCH_HOME": str(home)}
    r = CliRunner().invoke(main, ["map", "-c", "small", "--supervised", "--target-weight", "0.7"],
                           env=env)
    assert r.exit_code == 0 and "supervised" in r.output, r.output
    with imgsearch.open_collection("small", home=home, progress=False) as col:
        assert col.manifest.maps["umap"]["target_weight"] == 0.7
    r = CliRunner().invoke(main, ["info", "-c", "small"], env=env)
    assert "supervised_maps: ['umap']" in r.output, r.output
    r = CliRunner().invoke(main, ["spaces", "-c", "small"], env=env)
    assert "umap (supervised)" in r.output, r.output

    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        api = TestClient(create_app(svc, token=""), raise_server_exceptions=False)
        bad = api.post("/collections/small/map", json={"supervised": True, "target_weight": 2})
        assert bad.status_code == 422 and "target_weight" in bad.text

        def run(body):
            job = api.post("/collections/small/map", json=body).json()
            for _ in range(1200):
                job = api.get(f"/jobs/{job['id']}").json()
                if job["state"] in ("done", "failed"):
                    return job
                time.sleep(0.1)
            return job
        # REST: a plain refit, then a supervised one with its weight
        assert run({"refit": True})["result"]["supervised"] is False
        done = run({"supervised": True, "target_weight": 0.25})
        assert done["state"] == "done" and done["result"]["supervised"] is True, done
        assert api.get("/collections/small").json()["supervised_maps"] == ["umap"]
        assert api.get("/collections/small/map").json()["supervised"] is True
        # Python through the remote client: the same keywords, the same marks
        remote = RemoteClient("http://testserver", None)
        remote.http = api
        rcol = remote.collection("small")
        assert svc.collection("small").manifest.maps["umap"]["target_weight"] == 0.25
        report = rcol.build_map("umap", refit=True, supervised=True, target_weight=0.6)
        assert report.supervised and report.fitted == 300
        assert rcol.info().supervised_maps == ["umap"] and rcol.map_points("umap").supervised
        assert svc.collection("small").manifest.maps["umap"]["target_weight"] == 0.6
    finally:
        svc.close()


def test_bench_steer_runs_at_tiny_size(tmp_path):
    """scripts/bench_steer.py on 200 digits without photos, so it does not rot (its figures
    are not asserted, only its shape)."""
    import json
    import subprocess
    import sys
    from pathlib import Path
    script = Path(__file__).resolve().parent.parent / "scripts" / "bench_steer.py"
    done = subprocess.run([sys.executable, str(script), "--digits", "200", "--seeds", "1",
                           "--photos", "", "--poolings", "avg", "--out", "smoke"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())["results"]
    assert [(r["features"], r["map"]) for r in rows] == [
        (f, m) for f in ("pixels", "lite0-avg") for m in ("plain", "supervised", "semi")]
    assert all(0 < r[k] <= 1 for r in rows for k in ("knn_features", "knn_map", "trust", "knn_map_all"))
    # --fitted-head on a folder of class folders (150 digits here, for the photos)
    write_digits(tmp_path / "img", n=150, size=32)
    done = subprocess.run([sys.executable, str(script), "--fitted-head", "--seeds", "1", "--photos",
                           str(tmp_path / "img" / "digits"), "--out", "head"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads((tmp_path / "bench-results" / "head.json").read_text())["results"]
    assert [(r["features"], r["map"]) for r in rows] == [
        (f, m) for f in ("lite0-avg", "lite0-cam-fitted-head") for m in ("plain", "supervised", "semi")]
    assert all(0 < r["knn_features_held"] <= 1 and r["n"] == 150 for r in rows)


def test_the_map_page_marks_a_supervised_map(app, ui_home):
    with imgsearch.open_collection("uidigits", home=ui_home, progress=False) as col:
        col.build_map("umap", supervised=True, target_weight=0.5)
    at = app("map.py")
    assert at.selectbox[0].value == "umap"
    assert "umap (supervised)" in at.selectbox[0].options and "pca" in at.selectbox[0].options
    assert any("Supervised map" in c.value for c in at.caption)
    at.selectbox[0].set_value("pca").run()          # the plain map carries no such mark
    assert not at.exception and not any("Supervised map" in c.value for c in at.caption)
