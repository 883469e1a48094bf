"""Spaces through every door: the command line in real processes, the service and its remote
client, fsck's checks and repairs, a space's own maps and analyses, changed files, the
timeline over spaces, and a user's checkpoint with its predictions."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import imgsearch
from imgsearch import InvalidArgument, ModelMismatch, NotFound
from imgsearch.errors import Conflict

from .conftest import write_dog_checkpoint

ROOT = Path(__file__).resolve().parents[1]


def _cli(home: Path, *args, ok: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "IMGSEARCH_HOME": str(home),
           "IMGSEARCH_PROGRESS": "0"}
    env.pop("IMGSEARCH_SERVICE_URL", None)
    out = subprocess.run([sys.executable, "-m", "imgsearch", *map(str, args)], env=env,
                         capture_output=True, text=True, timeout=300)
    assert (out.returncode == 0) == ok, out.stderr
    return out


def test_the_command_line_adds_lists_searches_imports_and_removes_spaces(tmp_path, digits_dir):
    home, src = tmp_path / "home", digits_dir / "digits" / "7"
    _cli(home, "index", src, "-c", "c", "--model", "pixels", "--size", "8", "--workers", "0")
    added = _cli(home, "index", src, "-c", "c", "--space", "p4", "--model", "pixels", "--size",
                 "4", "--workers", "0")
    assert "no file was hashed or catalogued again" in added.stderr
    listed = _cli(home, "spaces", "-c", "c", "--json")
    import json
    spaces = {s["name"]: s for s in json.loads(listed.stdout)}
    assert (spaces["default"]["dim"], spaces["p4"]["dim"]) == (192, 48)
    assert spaces["p4"]["vectors"] == spaces["default"]["vectors"] > 100
    with imgsearch.open_collection("c", home=home) as c:
        ids, vecs = c.in_space("p4").raw_vectors()
        paths = c.table(columns=["image_id", "path"]).set_index("image_id").loc[ids, "path"]
    hits = json.loads(_cli(home, "search", "--id", ids[3], "-c", "c", "--space", "p4", "-k", "3",
                           "--json").stdout)
    assert hits[0]["image_id"] == ids[3] and len(hits) == 3
    np.save(tmp_path / "v.npy", vecs)
    (tmp_path / "paths.txt").write_text("\n".join(os.path.relpath(p, src) for p in paths)
                                        + "\nnot/there.png\n")
    np.save(tmp_path / "w.npy", np.vstack([vecs, vecs[:1]]))
    imported = _cli(home, "import-vectors", tmp_path / "w.npy", "-c", "c", "--space", "mine",
                    "--paths", tmp_path / "paths.txt")
    assert f"imported {len(ids)} vectors (48-d) of {len(ids) + 1} rows; 1 rows matched" in imported.stdout
    assert "unmatched: not/there.png" in imported.stderr
    refused = _cli(home, "search", next(src.glob("*.png")), "-c", "c", "--space", "mine", ok=False)
    assert refused.stderr.count("\n") == 1 and "search it by image id or by vector" in refused.stderr
    wrong = _cli(home, "search", "--id", ids[0], "-c", "c", "--space", "nope", ok=False)
    assert "no space 'nope'" in wrong.stderr and "Traceback" not in wrong.stderr
    _cli(home, "map", "-c", "c", "--space", "p4", "--method", "pca")
    maps = {s["name"]: s["maps"] for s in json.loads(_cli(home, "spaces", "-c", "c", "--json").stdout)}
    assert maps == {"default": [], "p4": ["pca"], "mine": []}
    rows = json.loads(_cli(home, "outliers", "-c", "c", "--space", "p4", "--no-save", "--json",
                           "--top", "5").stdout)
    assert len(rows) == 5
    refused = _cli(home, "outliers", "-c", "c", "--space", "p4", "--save", ok=False)
    assert "not saved" in refused.stderr and refused.stderr.count("\n") == 1
    _cli(home, "spaces", "-c", "c", "--remove", "p4")
    table = _cli(home, "spaces", "-c", "c").stdout
    assert "mine" in table and "p4" not in table
    assert not (home / "c" / "spaces" / "p4").exists()
    assert "spaces: ['default', 'mine']" in _cli(home, "info", "-c", "c").stdout


def test_spaces_through_the_service_agree_with_local(home, digits_dir, tmp_path):
    """The REST routes and the remote client: index a space as a job, list, search by id, by
    vector and by upload, import vectors by upload, remove."""
    from fastapi.testclient import TestClient
    from imgsearch.api.remote import RemoteClient
    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.frontends.rest.app import create_app
    src = digits_dir / "digits" / "4"
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        local = svc.collection("r", create=True)
        local.index(src, model="pixels", size=8)
        secret = "0123456789abcdef" * 4      # the service's own user, as the CLI proves it
        remote = RemoteClient("http://testserver", None, secret=secret)
        remote.http = TestClient(create_app(svc, token="", secret=secret),
                                 headers={"X-Imgsearch-Secret": secret})
        rcol = remote.collection("r")
        report = rcol.index(str(src), model="pixels", size=4, space="p4")
        assert report.indexed == len(local.ids())
        assert [s.model_dump() for s in rcol.spaces()] == [s.model_dump() for s in local.spaces()]
        i = int(local.ids()[2])
        assert ([h.image_id for h in rcol.search(i, k=5, space="p4").hits]
                == [h.image_id for h in local.search(i, k=5, space="p4").hits])
        ids, vecs = local.in_space("p4").raw_vectors()
        assert rcol.search(vecs[0], k=1, space="p4").hits[0].image_id == ids[0]
        with pytest.raises(ModelMismatch, match="as space 'p4' has; space 'default'"):
            rcol.search(vecs[0], k=1)
        image = next(src.glob("*.png"))
        assert (rcol.search(str(image), k=3, space="p4").hits[0].path
                == local.search(str(image), k=3, space="p4").hits[0].path)
        paths = local.table(columns=["image_id", "path"]).set_index("image_id").loc[ids, "path"]
        pd.DataFrame({"path": list(paths), "vector": [v.tolist() for v in vecs]}).to_parquet(
            tmp_path / "v.parquet")
        done = rcol.import_vectors(tmp_path / "v.parquet", space="up")
        assert (done.matched, done.unmatched, done.space) == (len(ids), 0, "up")
        with pytest.raises(Conflict, match="by image id or by vector"):
            rcol.search(str(image), k=3, space="up")
        rspace = rcol.in_space("p4")
        rspace.build_map("pca")
        assert rspace.maps() == local.in_space("p4").maps() == ["pca"] and rcol.maps() == []
        pd.testing.assert_frame_equal(rspace.map_frame("pca")[0][["image_id", "x", "y"]],
                                      local.in_space("p4").map_frame("pca")[0][["image_id", "x", "y"]])
        assert rspace.search(i, k=5).hits == rcol.search(i, k=5, space="p4").hits
        assert (rcol.timeline(["default", "p4"], k=5).model_dump()
                == local.timeline(["default", "p4"], k=5).model_dump())
        http = remote.http
        assert len(http.get("/collections/r/outliers", params={"space": "p4", "top": 3}).json()) == 3
        bad = http.get("/collections/r/outliers", params={"space": "../etc"})
        assert bad.status_code == 422 and "bad space name" in bad.json()["detail"]
        assert http.get("/collections/r/map", params={"space": "nope"}).status_code == 404
        rcol.remove_space("p4")
        assert [s.name for s in local.spaces()] == ["default", "up"]
        with pytest.raises(InvalidArgument, match="default space"):
            rcol.remove_space("default")
    finally:
        svc.close()


def test_fsck_checks_and_repairs_every_space(cfg, digits_dir):
    src = digits_dir / "digits" / "6"
    imgsearch.index_images(src, "f", model="pixels", size=8, home=cfg.home, workers=0)
    with imgsearch.open_collection("f", home=cfg.home, workers=0) as c:
        c.index(src, model="pixels", size=4, space="p4")
        n = len(c.ids())
        report = c.fsck()
        assert report.ok and report.spaces == {"p4": f"{n} vectors"}
        space = c.in_space("p4")
        with c.write_lock():                 # a vector whose row is gone: an orphan
            space._index.add([10**9], space._index.reconstruct(space._index.ids()[:1]))
            space.save_vectors()
    folder = cfg.home / "f" / "spaces" / "p4"
    (folder / "manifest.json").write_text("{ not json")
    with imgsearch.open_collection("f", home=cfg.home, workers=0) as c:
        found = c.fsck()
        assert not found.ok and any("space 'p4'" in p and "manifest.json" in p for p in found.problems)
        fixed = c.fsck(repair=True)
        assert fixed.ok, fixed.problems
        assert any("restored manifest.json" in a for a in fixed.actions)
        assert any("removed 1 orphan vectors" in a for a in fixed.actions)
        assert {s.name: s.vectors for s in c.spaces()} == {"default": n, "p4": n}
    (folder / "vectors.faiss").unlink()
    with imgsearch.open_collection("f", home=cfg.home, workers=0) as c:
        assert "have no vector" in c.fsck().spaces["p4"]
        fixed = c.fsck(repair=True)
        assert fixed.ok and any(f"embedded {n} images" in a for a in fixed.actions)
        i = int(c.ids()[4])
        assert c.search(i, k=1, space="p4").hits[0].image_id == i


def test_a_space_has_its_own_maps_and_analyses_over_the_shared_labels(cfg, digits_dir):
    src = digits_dir / "digits"
    imgsearch.index_images(digits_dir, "m", model="pixels", size=16, home=cfg.home, workers=0,
                           labels=digits_dir / "labels.csv")
    with imgsearch.open_collection("m", home=cfg.home, workers=0) as c:
        c.build_map("pca")
        before = c.map_frame("pca")[0][["image_id", "x", "y"]]
        c.index(src, model="pixels", size=4, space="p4")
        space = c.in_space("p4")
        space.build_map("pca")
        mine = space.map_frame("pca")[0][["image_id", "x", "y"]]
        pd.testing.assert_frame_equal(c.map_frame("pca")[0][["image_id", "x", "y"]], before)
        assert not np.allclose(mine[["x", "y"]].to_numpy(), before[["x", "y"]].to_numpy())
        assert (space.dir / "maps" / "pca.joblib").is_file()
        assert {s.name: s.maps for s in c.spaces()} == {"default": ["pca"], "p4": ["pca"]}
        # the labels are the collection's; 4x4 pixels separate digits worse than 16x16
        small, full = space.evaluate(), c.evaluate()
        assert small.n == full.n == 1797
        assert small.knn_accuracy_k10 < full.knn_accuracy_k10
        assert len(space.outliers()) == 1797
        with pytest.raises(Conflict, match="not saved"):
            space.outliers(save=True)
        c.remove_space("p4")
        assert c.store.coord_methods() == ["pca"]


def test_a_changed_file_leaves_every_space_until_embedded_again(cfg, digits_dir, tmp_path):
    from PIL import Image
    src = tmp_path / "few"
    shutil.copytree(digits_dir / "digits" / "8", src)
    imgsearch.index_images(src, "chg", model="pixels", size=8, home=cfg.home, workers=0)
    with imgsearch.open_collection("chg", home=cfg.home, workers=0) as c:
        c.index(src, model="pixels", size=4, space="p4")
        target = sorted(src.glob("*.png"))[0]
        i = int(c.ids(f"path = '{target}'")[0])
        old = c.in_space("p4").raw_vectors([i])[1][0]
        Image.open(target).transpose(Image.Transpose.ROTATE_90).save(target)
        os.utime(target, (1, 1))
        c.index(src)
        assert {s.name: s.missing for s in c.spaces()} == {"default": 0, "p4": 1}
        with pytest.raises(NotFound, match=f"image {i} has no vector in space 'p4'"):
            c.search(i, space="p4")
        assert c.index(src, space="p4").indexed == 1
        new = c.in_space("p4").raw_vectors([i])[1][0]
        assert float(old @ new) < 0.999


def test_a_timeline_over_spaces_shows_the_neighbourhoods_forming(cfg, digits_dir, tmp_path):
    """Digits seen at 2, 4 and 16 pixels a side, as three spaces (a stand-in for checkpoints):
    the timeline's kNN accuracy rises with the detail the spaces keep, the neighbourhoods move
    between consecutive spaces, and the command line prints the same."""
    imgsearch.index_images(digits_dir, "t", model="pixels", size=2, home=cfg.home, workers=0,
                           labels=digits_dir / "labels.csv")
    with imgsearch.open_collection("t", home=cfg.home, workers=0) as c:
        for size in (4, 16):
            c.index(digits_dir, model="pixels", size=size, space=f"px{size}")
        out = c.timeline(["default", "px4", "px16"], k=10)
        acc = [s.knn_accuracy for s in out.steps]
        assert out.n == out.labelled == 1797 and [s.space for s in out.steps] == ["default", "px4", "px16"]
        assert acc[0] < acc[1] < acc[2] and acc[2] > 0.9, acc
        assert out.steps[0].overlap_previous is None
        assert all(0 < s.overlap_previous < 1 for s in out.steps[1:])
        assert out.steps[2].silhouette > out.steps[0].silhouette
        assert {(m.before, m.after) for m in out.changed} == {("default", "px4"), ("px4", "px16")}
        assert "kNN accuracy rises" in out.summary()
        with pytest.raises(InvalidArgument, match="two different spaces"):
            c.timeline(["px4", "px4"])
    import json
    env_out = _cli(cfg.home, "compare", "-c", "t", "--space", "default", "--space", "px16",
                   "--json").stdout
    steps = json.loads(env_out)["steps"]
    assert [round(s["knn_accuracy"], 6) for s in steps] == [round(acc[0], 6), round(acc[2], 6)]


def test_a_space_with_the_users_checkpoint_keeps_its_predictions_apart(photos_dir, tmp_path):
    pytest.importorskip("torch")
    from imgsearch.pipeline.spaces import predictions
    write_dog_checkpoint(tmp_path)
    src = tmp_path / "pets"
    src.mkdir()
    for p in sorted((photos_dir / "photos").glob("*.jpg"))[:6]:
        shutil.copy(p, src / p.name)
    home = tmp_path / "h"
    imgsearch.index_images(src, "pets", model="pixels", size=8, home=home, workers=0)
    with imgsearch.open_collection("pets", home=home, workers=0) as c:
        c.index(src, model="resnet18", weights=tmp_path / "my.pt", classes=tmp_path / "classes.txt",
                runtime="torch", space="mine")
        mine = predictions(c, "mine")
        assert len(mine) == 6 and (mine["prediction"] == "dog").all()
        assert c.table(columns=["prediction"])["prediction"].isna().all()   # the catalog's: pixels has no head
        listed = {s.name: s for s in c.spaces()}
        assert (listed["mine"].predictions, listed["default"].predictions) == (6, 0)
        assert (listed["mine"].model, listed["mine"].dim) == ("resnet18", 512)
        assert (c.space_dir("mine") / "predictions.parquet").is_file()
