"""Confusion and explain read the predictions of the space they are asked in: each space of a
user's checkpoint keeps its own (predictions.parquet), the catalog's columns are the default
space's. Locally, through REST's `?space=` and through the remote client."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import imgsearch
from imgsearch.analysis.predictions import NoPredictions

from .conftest import write_biased_checkpoint, write_dog_checkpoint

ROOT = Path(__file__).resolve().parents[1]


def _cat_checkpoint(folder):
    """The same 3-class resnet18 as the 'dog' checkpoint, its head biased to 'cat'."""
    write_biased_checkpoint(folder / "cat.pt", "cat", seed=1)


@pytest.fixture
def two_heads(tmp_path, digits_dir):
    """Eight digits labelled dog or cat, the catalog's predictions 'horse' (imported with the
    labels), a space whose checkpoint says 'dog' and one whose checkpoint says 'cat', and a
    pixels space without a head."""
    pytest.importorskip("torch")
    write_dog_checkpoint(tmp_path)
    _cat_checkpoint(tmp_path)
    src = tmp_path / "few"
    src.mkdir()
    files = sorted((digits_dir / "digits" / "1").glob("*.png"))[:4] + \
        sorted((digits_dir / "digits" / "7").glob("*.png"))[:4]
    for f in files:
        shutil.copy(f, src / f.name)
    labels = pd.DataFrame({"path": [f.name for f in files],
                           "label": ["dog"] * 3 + ["cat"] * 5,
                           "prediction": ["horse"] * 8})
    labels.to_csv(tmp_path / "labels.csv", index=False)
    home = tmp_path / "h"
    imgsearch.index_images(src, "two", model="pixels", size=8, home=home, workers=0,
                           labels=tmp_path / "labels.csv")
    with imgsearch.open_collection("two", home=home, workers=0) as c:
        for space, weights in (("dogs", "my.pt"), ("cats", "cat.pt")):
            c.index(src, model="resnet18", weights=tmp_path / weights,
                    classes=tmp_path / "classes.txt", runtime="torch", space=space)
        c.index(src, model="pixels", size=4, space="p4")
    return home


def _expected(c, space) -> pd.DataFrame:
    """label x prediction counts straight from the space's own predictions file."""
    from imgsearch.pipeline.spaces import predictions
    own = predictions(c, space)
    labels = c.table(columns=["image_id", "label"]).set_index("image_id")["label"]
    own = own.assign(label=labels.reindex(own["image_id"]).to_numpy())
    return pd.crosstab(own["label"].astype(str), own["prediction"].astype(str))


def test_each_space_has_the_confusion_and_explanations_of_its_own_predictions(two_heads):
    with imgsearch.open_collection("two", home=two_heads, workers=0) as c:
        tables = {s: c.in_space(s).confusion().matrix() for s in ("dogs", "cats")}
        for space, table in tables.items():
            want = _expected(c, space)
            assert list(table.columns) == ["dog" if space == "dogs" else "cat"]
            pd.testing.assert_frame_equal(table, want, check_names=False, check_dtype=False)
        assert tables["dogs"].to_numpy().ravel().tolist() == [5, 3]      # cat, dog rows
        assert c.confusion().matrix().columns.tolist() == ["horse"]      # the catalog's
        pairs = c.in_space("cats").confusion().pairs
        assert [(p.label, p.prediction, p.n) for p in pairs] == [("dog", "cat", 3)]
        i = int(c.ids()[0])
        assert c.explain(i, k=3).prediction == "horse"
        dog, cat = c.in_space("dogs").explain(i, k=3), c.in_space("cats").explain(i, k=3)
        assert (dog.prediction, cat.prediction) == ("dog", "cat")
        assert dog.image.confidence > 0.9 and dog.note is None
        assert {h.prediction for h in cat.neighbours} == {"cat"}
        with pytest.raises(NoPredictions, match="space 'p4' of 'two' has no class predictions"):
            c.in_space("p4").confusion()
        headless = c.in_space("p4").explain(i, k=3)
        assert headless.prediction is None and "space 'p4'" in headless.note
    env = {**os.environ, "PYTHONPATH": str(ROOT), "IMGSEARCH_HOME": str(two_heads)}
    env.pop("IMGSEARCH_SERVICE_URL", None)
    run = subprocess.run([sys.executable, "-m", "imgsearch", "confusion", "-c", "two", "--space",
                          "cats", "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["predictions"] == ["cat"]


def test_the_service_and_the_remote_client_read_the_spaces_predictions(two_heads):
    from fastapi.testclient import TestClient
    from imgsearch.api.remote import RemoteClient
    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.frontends.rest.app import create_app
    svc = Service(Config.load(home=two_heads, workers=0, progress=False))
    try:
        local = svc.collection("two")
        secret = "0123456789abcdef" * 4
        remote = RemoteClient("http://testserver", None, secret=secret)
        remote.http = TestClient(create_app(svc, token="", secret=secret),
                                 headers={"X-Imgsearch-Secret": secret})
        rcol = remote.collection("two")
        i = int(local.ids()[5])
        for space in ("dogs", "cats"):
            assert rcol.in_space(space).confusion() == local.in_space(space).confusion()
            got = remote.http.get("/collections/two/confusion", params={"space": space}).json()
            assert got["predictions"] == [space[:-1]]
            assert rcol.in_space(space).explain(i, k=3).prediction == space[:-1]
        assert rcol.confusion().predictions == ["horse"]
        refused = remote.http.get("/collections/two/confusion", params={"space": "p4"})
        assert refused.status_code == 409 and "no class predictions" in refused.json()["detail"]
    finally:
        svc.close()
