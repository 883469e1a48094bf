"""The analysis registry: the catalog's saved columns, the REST routes, the CLI commands, the
remote client and the app's colour list all come from it; a new analysis is one class."""
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

import imgsearch
from imgsearch.analysis import registry
from imgsearch.analysis.registry import Analysis, analyses
from imgsearch.api.remote import RemoteClient
from imgsearch.api.service import Service
from imgsearch.config import Config
from imgsearch.core.store import SIGNALS
from imgsearch.frontends.cli import main
from imgsearch.frontends.rest.app import create_app
from imgsearch.results import ImageRecord, Rows


def test_the_shipped_analyses_are_registered_with_their_columns():
    found = analyses()
    assert list(found)[:4] == ["label-issues", "duplicates", "outliers", "clusters"]
    saved = {a.signal_table(): a.column for a in found.values() if a.column}
    assert saved == SIGNALS
    from imgsearch.frontends.ui import common
    assert set(common.ANALYSIS_COLUMNS) == {a.column for a in found.values() if a.column}
    assert common.ANALYSIS_COLUMNS["duplicate_group"] == "near-duplicates"


def test_every_analysis_has_a_cli_command_and_a_route(tmp_path):
    svc = Service(Config.load(home=tmp_path))
    try:
        paths = create_app(svc, token="").openapi()["paths"]
    finally:
        svc.close()
    ctx = main.make_context("imgsearch", ["--help"], resilient_parsing=True)
    for name, analysis in analyses().items():
        command = main.get_command(ctx, name)
        assert command is not None, name
        assert set(analysis.params.model_fields) <= {p.name for p in command.params}, name
        assert f"/collections/{{name}}/{name}" in paths
        query = {p["name"] for p in paths[f"/collections/{{name}}/{name}"]["get"]["parameters"]}
        assert set(analysis.params.model_fields) <= query


class BrightnessParams(BaseModel):
    scale: float = Field(1.0, gt=0, le=10)


class Brightness(Analysis):
    """A test analysis: each image's vector norm times `scale`, saved as a catalog column."""
    name, params, row, ranked = "norm-test", BrightnessParams, ImageRecord, True
    column, title = "norm_test_score", "norm (test)"

    @classmethod
    def compute(cls, col, save: bool = False, scale: float = 1.0):
        ids, vecs = col.indexed_vectors()
        score = np.linalg.norm(vecs, axis=1) * scale + ids * 1e-6
        df = pd.DataFrame({"image_id": ids, cls.column: score}).sort_values(cls.column, ascending=False)
        if save:
            with col.write_lock():
                col.store.write_signal(cls.signal_table(), df)
        rows = col.store.records(df["image_id"].to_numpy())
        return Rows[ImageRecord](rows=[ImageRecord(**r) for r in rows])


@pytest.fixture
def brightness():
    registry.register(Brightness)
    yield Brightness
    registry.unregister(Brightness.name)


def test_a_new_analysis_is_one_class(brightness, home, digits_dir):
    """Registered, it has a catalog column, a verb, a REST route and a save route, a remote
    call and a CLI command, with nothing else written."""
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        col = svc.collection("n", create=True)
        col.index(digits_dir, model="pixels", size=8)
        assert "norm_test_score" in col.columns()
        assert col.table(columns=["norm_test_score"])["norm_test_score"].isna().all()
        rows = col.analyse("norm-test", scale=2.0)
        assert len(rows) == col.info().indexed
        assert col.table(columns=["norm_test_score"])["norm_test_score"].isna().all()   # not saved
        api = TestClient(create_app(svc, token=""))
        r = api.get("/collections/n/norm-test", params={"scale": 2.0, "top": 5})
        assert r.status_code == 200 and [x["image_id"] for x in r.json()] == [h.image_id for h in rows.rows[:5]]
        assert api.get("/collections/n/norm-test", params={"scale": 11}).status_code == 422
        assert api.post("/collections/n/analyses/norm-test", json={"params": {"k": 3}}).status_code == 422
        assert api.post("/collections/n/analyses/norm-test", json={"params": {"scale": 0}}).status_code == 422
        remote = RemoteClient("http://testserver", None)
        remote.http = api
        saved = remote.collection("n").analyse("norm-test", save=True, scale=2.0)
        assert [h.image_id for h in saved.rows] == [h.image_id for h in rows.rows]
        stored = col.table(columns=["image_id", "norm_test_score"]).dropna()
        assert len(stored) == len(rows)
        assert len(col.ids("norm_test_score > 0")) == len(rows)
    finally:
        svc.close()
    r = CliRunner().invoke(main, ["norm-test", "-c", "n", "--scale", "3", "--top", "4", "--no-save",
                                  "--json"], env={"IMGSEARCH_HOME": str(home)})
    assert r.exit_code == 0, r.output
    assert len(__import__("json").loads(r.output)) == 4
    with imgsearch.open_collection("n", home=home) as col:
        assert "norm_test_score" in col.columns()


def test_top_means_the_same_over_rest_and_the_remote_client(digits_dir, home):
    """Through the service, top is checked as the Python API checks it: refused on an
    analysis whose rows are not ranked (not ignored as an unknown query parameter, which
    would return every row to a caller who asked for 10), and below 1 refused by the remote
    client too (0 once read as 'no top' and returned every row)."""
    from imgsearch.errors import InvalidArgument
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        col = svc.collection("n", create=True)
        col.index(digits_dir, model="pixels", size=8)
        api = TestClient(create_app(svc, token=""))
        for route in ("duplicates", "clusters"):
            r = api.get(f"/collections/n/{route}", params={"top": 10})
            assert r.status_code == 422 and r.json()["param"] == "top", r.text
        assert len(api.get("/collections/n/outliers", params={"top": 10}).json()) == 10
        remote = RemoteClient("http://testserver", None)
        remote.http = api
        rc = remote.collection("n")
        for bad in (0, -3, 2.5):
            with pytest.raises(InvalidArgument, match="top"):
                rc.outliers(top=bad)
        with pytest.raises(InvalidArgument, match="top"):
            rc.analyse("duplicates", top=3)
        assert len(rc.outliers(top=4).rows) == 4
        assert len(rc.outliers().rows) == col.info().indexed
    finally:
        svc.close()


def test_a_ranked_analysis_builds_only_its_top_rows_and_saves_every_image(digits_dir, home,
                                                                         monkeypatch):
    """top reaches compute(): label issues and outliers join and build only that many rows
    (at a million images, building every row was the peak of the stage), the first rows of
    the whole ranking; saving still stores every image's score. An analysis whose compute()
    takes no top has its rows cut; one whose rows are not ranked refuses top."""
    from imgsearch.analysis import explain
    from imgsearch.errors import InvalidArgument
    imgsearch.index_images(digits_dir, "d", model="pixels", size=8, home=home, workers=0,
                           labels=digits_dir / "labels.csv", progress=False)
    built = []
    real = explain.records
    monkeypatch.setattr(explain, "records", lambda df: built.append(len(df)) or real(df))
    with imgsearch.open_collection("d", home=home, progress=False) as col:
        n = col.info().indexed
        for verb, column in (("outliers", "outlier_score"), ("label_issues", "label_issue_score")):
            whole = getattr(col, verb)().to_frame()
            assert built[-1] == n == len(whole)
            first = getattr(col, verb)(top=7, save=True).to_frame()
            assert built[-1] == 7
            assert first["image_id"].tolist() == whole["image_id"].head(7).tolist()
            assert np.allclose(first[column], whole[column].head(7))
            assert col.table(columns=[column])[column].notna().sum() == len(whole)
        with pytest.raises(InvalidArgument, match="top"):
            col.analyse("duplicates", top=3)
        for bad in (0, -1, True, 2.5):
            with pytest.raises(InvalidArgument, match="top"):
                col.outliers(top=bad)
