"""Maps fitted on a sample of the collection, the rest placed with the fitted reducer."""
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import imgsearch
from imgsearch import InvalidArgument
from imgsearch.analysis import mapcheck, mapfile, maps, mapsample
from imgsearch.api.requests import MapRequest
from imgsearch.frontends.cli import main


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("map_sample_home")


@pytest.fixture(scope="module")
def digits(digits_dir, home, tmp_path_factory):
    """The 1,797 digits, with two labels much rarer than the rest: 'seven-a' on 3 images and
    'seven-b' on one (a stratified draw of a small sample rounds their share to nothing)."""
    labels = pd.read_csv(digits_dir / "labels.csv", dtype={"label": str})
    sevens = labels.index[labels["label"].astype(str) == "7"][:4]
    labels.loc[sevens[:3], "label"] = "seven-a"
    labels.loc[sevens[3:], "label"] = "seven-b"
    csv = tmp_path_factory.mktemp("labels") / "labels.csv"
    labels.to_csv(csv, index=False)
    imgsearch.index_images(digits_dir, "digits", model="pixels", size=16, labels=csv,
                           home=home, workers=0, progress=False)
    col = imgsearch.open_collection("digits", home=home, progress=False)
    yield col
    col.close()


def _coords(col, method="umap") -> pd.DataFrame:
    return col.store.coords(method).set_index("image_id").sort_index()


def test_a_sampled_map_places_a_training_point_near_its_fitted_position(digits):
    seen = []
    report = digits.build_map("umap", fit_sample=400, refit=True,
                              progress=lambda stage, done, total: seen.append((stage, done, total)))
    fitted = maps._fitted(digits, "umap")
    ids = fitted["ids"]
    # the reducer records the sample: its size and which points it was fitted on
    assert 400 <= len(ids) <= 402 and report.fitted == len(ids)
    assert report.placed == 1797 - len(ids)
    assert fitted["params"]["fit_sample"] == 400 and fitted["params"]["fitted_on"] == len(ids)
    assert fitted["params"]["stratified"] is True
    assert digits.manifest.maps["umap"]["fit_sample"] == 400
    assert fitted["reducer"].embedding_.shape == (len(ids), 2)
    # every indexed image has a position; the fitted ones at their fitted positions
    coords = _coords(digits)
    assert len(coords) == 1797
    np.testing.assert_allclose(coords.loc[ids, ["x", "y"]].to_numpy(), fitted["xy"])
    # the rest were placed in chunks, with progress up to the last one
    placing = [s for s in seen if s[0] == "umap placing"]
    assert placing and placing[-1][1:] == (report.placed, report.placed)
    # transform puts a training point close to where the fit put it: within 2 % of the map's
    # extent for most, 5 % for nearly all (another point's position is ~27 % away)
    xy = fitted["xy"]
    extent = np.linalg.norm(xy.max(0) - xy.min(0))
    again = maps.place(digits, "umap", digits.indexed_vectors(ids)[1])
    off = np.linalg.norm(again - xy, axis=1) / extent
    assert np.median(off) < 0.02 and np.quantile(off, 0.95) < 0.05, (np.median(off), np.quantile(off, 0.95))
    # and the map is still a map: points placed by transform sit among their own label
    labels = digits.table(columns=["image_id", "label"]).set_index("image_id")["label"]
    placed = coords.drop(index=ids)
    centre = {lab: coords.loc[labels.index[labels == lab], ["x", "y"]].mean().to_numpy()
              for lab in [str(d) for d in range(10)]}
    nearest = [min(centre, key=lambda lab: np.linalg.norm(centre[lab] - p))
               for p in placed[["x", "y"]].to_numpy()]
    agree = np.mean(np.array(nearest) == labels.loc[placed.index].astype(str).to_numpy())
    assert agree > 0.8, agree
    # fsck finds the sampled map in agreement with its manifest entry and coordinates
    assert mapcheck.check_maps(digits) == []


def test_stratification_keeps_every_label(digits):
    every = mapsample.indexed_ids(digits)
    sample, stratified = mapsample.choose(digits, every, 100, seed=0)
    assert stratified and len(set(sample)) == len(sample)
    labels = digits.table(columns=["image_id", "label"]).set_index("image_id")["label"].astype(str)
    assert set(labels.loc[sample]) == set(labels.loc[every])           # 'seven-a', 'seven-b' too
    counts = labels.loc[sample].value_counts()
    share = labels.loc[every].value_counts() * 100 / len(every)
    for lab in [str(d) for d in range(10)]:                              # each keeps its share
        assert abs(counts[lab] - share[lab]) <= 1, (lab, counts[lab], share[lab])
    assert len(sample) == 100 + 2        # the two rare labels joined with one image each
    # the draw follows the seed
    assert np.array_equal(sample, mapsample.choose(digits, every, 100, seed=0)[0])
    assert not np.array_equal(sample, mapsample.choose(digits, every, 100, seed=1)[0])


def test_fit_sample_zero_fits_every_image(digits):
    report = digits.build_map("pca", fit_sample=0, refit=True)
    assert report.fitted == 1797 and report.placed == 0
    fitted = maps._fitted(digits, "pca")
    assert len(fitted["ids"]) == 1797 and fitted["params"]["fit_sample"] == 0
    assert fitted["params"]["stratified"] is False
    # a sample larger than the collection is every image too
    assert digits.build_map("pca", fit_sample=5000, refit=True).fitted == 1797


@pytest.mark.parametrize("bad", [-1, 1, 99, 2.5, "many", True])
def test_a_bad_fit_sample_is_a_one_line_error(digits, bad):
    with pytest.raises(InvalidArgument) as e:
        digits.build_map("pca", fit_sample=bad, refit=True)
    assert e.value.param == "fit_sample" and "\n" not in str(e.value)
    assert "fit_sample must be 0" in str(e.value)


def test_a_map_file_from_before_sampling_still_loads(digits):
    """A map written before `fit_sample` existed: fitted on every image, its parameters and
    manifest entry without `fit_sample` or `stratified`."""
    digits.build_map("pca", fit_sample=0, refit=True)
    path = maps.model_path(digits, "pca")
    fitted = mapfile.load(path, "pca")
    for key in ("fit_sample", "stratified"):
        del fitted["params"][key]
        del digits.manifest.maps["pca"][key]
    digits.save_manifest()
    mapfile.save(fitted, path, "pca")
    digits.cache.pop("map:pca", None)
    assert mapcheck.check_maps(digits) == []
    assert digits.fsck().ok
    assert digits.place_new("pca").placed == 0
    placed = maps.place(digits, "pca", digits.indexed_vectors(fitted["ids"][:5])[1])
    np.testing.assert_allclose(placed, fitted["xy"][:5], atol=1e-4)
    # its repair refits it as it was made: on every image
    report = maps.refit_stored(digits, "pca")
    assert report.fitted == 1797 and digits.manifest.maps["pca"]["fit_sample"] == 0


def test_the_cli_option_is_made_from_the_request_field(digits, home, monkeypatch):
    monkeypatch.setenv("IMGSEARCH_HOME", str(home))
    monkeypatch.setenv("IMGSEARCH_PROGRESS", "0")
    digits.close()          # the CLI opens the collection itself (the last test of the module)
    option = next(p for p in main.commands["map"].params if p.name == "fit_sample")
    assert option.default == MapRequest.model_fields["fit_sample"].default == mapsample.DEFAULT
    r = CliRunner().invoke(main, ["map", "-c", "digits", "--fit-sample", "-5"])
    assert r.exit_code == 2 and "fit-sample" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["map", "-c", "digits", "--fit-sample", "50", "--method", "pca", "--refit"])
    assert r.exit_code != 0 and "fit_sample must be 0" in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) <= 2


def test_the_benchmark_runs_at_tiny_n(tmp_path):
    """scripts/bench_mapfit.py at tiny n, so it does not rot (its figures are not asserted,
    only its shape: the sample fit places the rest, the full fit places nothing)."""
    import json
    import subprocess
    import sys
    from pathlib import Path
    script = Path(__file__).resolve().parent.parent / "scripts" / "bench_mapfit.py"
    done = subprocess.run([sys.executable, str(script), "--n", "1500", "--dim", "64", "--samples",
                           "400", "--heldout", "200", "--out", "smoke"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())["rows"]
    full, sample = rows
    assert (full["fit_sample"], full["fitted"], full["placed"]) == (0, 1500, 0)
    assert sample["fit_sample"] == 400 and sample["fitted"] + sample["placed"] == 1500
    assert 400 <= sample["fitted"] <= 460 and sample["projected_1m_seconds"] > 0
    assert all(0 < r["median_trustworthiness"] <= 1 and r["median_peak_rss_mb"] > 0 for r in rows)


def test_fit_sample_over_rest(tmp_path):
    """The field reaches the verb through REST: bounds answered 422, a sample fitted in a job."""
    import time
    from fastapi.testclient import TestClient
    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.demo import write_digits
    from imgsearch.frontends.rest.app import create_app
    write_digits(tmp_path / "img", n=300, size=8).to_csv(tmp_path / "labels.csv", index=False)
    home = tmp_path / "home"
    imgsearch.index_images(tmp_path / "img", "small", model="pixels", size=8,
                           labels=tmp_path / "labels.csv", home=home, workers=0, progress=False)
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        api = TestClient(create_app(svc, token=""), raise_server_exceptions=False)
        bad = api.post("/collections/small/map", json={"method": "pca", "fit_sample": -1})
        assert bad.status_code == 422 and "fit_sample" in bad.text

        def run(body):
            job = api.post("/collections/small/map", json=body).json()
            for _ in range(600):
                job = api.get(f"/jobs/{job['id']}").json()
                if job["state"] in ("done", "failed"):
                    return job
                time.sleep(0.1)
            return job
        done = run({"method": "pca", "refit": True, "fit_sample": 100})
        assert done["state"] == "done", done
        assert 100 <= done["result"]["fitted"] <= 110 and done["result"]["placed"] == 300 - done["result"]["fitted"]
        failed = run({"method": "pca", "refit": True, "fit_sample": 50})
        assert failed["state"] == "failed" and "fit_sample must be 0" in str(failed), failed
    finally:
        svc.close()
