"""Named embedding spaces over one catalog: a space added without hashing, searched by name,
imported from Parquet or .npy, refused across spaces, removed alone; a collection written
before spaces existed opens and searches with its files untouched."""
import hashlib
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

ROOT = Path(__file__).resolve().parents[1]


def snapshot(folder: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under folder (the lock file aside)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture
def col(digits_dir, cfg):
    """Digits in a collection of the `pixels` model (16 px): the default space."""
    imgsearch.index_images(digits_dir, "d", model="pixels", size=16,
                           labels=digits_dir / "labels.csv", home=cfg.home, workers=0)
    c = imgsearch.open_collection("d", home=cfg.home, workers=0)
    yield c
    c.close()


def counting_hashes(monkeypatch) -> list:
    """Count every file hashed from here on (the indexing pipeline's one hashing function)."""
    from imgsearch.pipeline import sources
    from imgsearch.pipeline.runners import local
    calls = []
    real = sources.sha256_file

    def counted(*a, **kw):
        calls.append(a[0])
        return real(*a, **kw)
    monkeypatch.setattr(sources, "sha256_file", counted)
    monkeypatch.setattr(local, "sha256_file", counted)
    return calls


def test_a_space_is_added_without_hashing_and_shares_the_catalog(col, digits_dir, monkeypatch):
    hashed = counting_hashes(monkeypatch)
    before = col.table(columns=["image_id", "path", "sha256", "label"]).sort_values("image_id")
    default_files = snapshot(col.dir)
    del default_files["catalog.duckdb"]          # the space's manifest copy goes in its meta
    first = col.ids()[:20].tolist()
    col.tag(first, "keep")

    report = col.index(digits_dir, model="pixels", size=8, space="p8")

    assert hashed == []
    assert report.indexed == 1797 and report.unchanged == 0
    after = col.table(columns=["image_id", "path", "sha256", "label"]).sort_values("image_id")
    pd.testing.assert_frame_equal(before.reset_index(drop=True), after.reset_index(drop=True))
    assert {k: v for k, v in snapshot(col.dir).items() if k in default_files} == default_files
    assert (col.space_dir("p8") / "vectors.faiss").is_file()
    assert col.space_dir("p8") == col.dir / "spaces" / "p8" and col.space_dir() == col.dir
    listed = {s.name: s for s in col.spaces()}
    assert list(listed) == ["default", "p8"]
    assert (listed["default"].dim, listed["p8"].dim) == (768, 192)
    assert listed["p8"].vectors == 1797 and listed["p8"].missing == 0

    # a second run embeds nothing again; the model is the space's own
    again = col.index(digits_dir, space="p8")
    assert again.indexed == 0 and again.unchanged == 1797 and hashed == []
    with pytest.raises(ModelMismatch, match="space 'p8' of 'd'"):
        col.index(digits_dir, model="pixels", size=4, space="p8")

    # tags, labels and filters are the collection's: shared by every space
    space = col.in_space("p8")
    assert space.tags() == col.tags() == ["keep"]
    hits = col.search(first[0], k=10, space="p8", where="list_contains(tags, 'keep')").hits
    assert hits and {h.image_id for h in hits} <= set(first)
    label = col.image(first[1]).label
    hits = col.search(first[1], k=15, space="p8", filters={"label": [label]}).hits
    assert len(hits) == 15 and {h.label for h in hits} == {label}
    # the two spaces rank differently: they are different vectors, not one index twice
    a = [h.image_id for h in col.search(first[2], k=30).hits]
    b = [h.image_id for h in col.search(first[2], k=30, space="p8").hits]
    assert a[0] == b[0] == first[2] and a != b

    # a space's view indexes into that space, never into the catalog
    assert space.index(digits_dir).unchanged == 1797 and hashed == []
    # a first run that fails before the space's manifest leaves no space behind
    from imgsearch.errors import ModelError
    with pytest.raises(ModelError):
        col.index(digits_dir, model="no-such-model", space="bad")
    assert [s.name for s in col.spaces()] == ["default", "p8"]
    assert not (col.dir / "spaces" / "bad").exists()
    with pytest.raises(NotFound, match="no space 'bad'"):
        col.search(1, space="bad")


def test_imported_vectors_search_like_the_same_vectors_indexed(col, digits_dir, tmp_path):
    col.index(digits_dir, model="pixels", size=8, space="p8")
    ids, raw = col.in_space("p8").raw_vectors()
    paths = col.table(columns=["image_id", "path"]).set_index("image_id").loc[ids, "path"]
    rel = [os.path.relpath(p, digits_dir) for p in paths]        # relative to the indexed folder
    frame = pd.DataFrame({"path": rel + ["nowhere/else.png", "ghost.png"],
                          "vector": [v.tolist() for v in raw] + [raw[0].tolist()] * 2})
    frame.to_parquet(tmp_path / "v.parquet")

    report = col.import_vectors(tmp_path / "v.parquet", space="imp")

    assert (report.rows, report.matched, report.unmatched, report.dim) == (1799, 1797, 2, 192)
    assert report.unmatched_examples == ["nowhere/else.png", "ghost.png"]
    assert "2 rows matched no catalogued image" in report.summary()
    for i in ids[::97]:
        same = [h.image_id for h in col.search(int(i), k=10, space="p8", rerank="none").hits]
        imported = [h.image_id for h in col.search(int(i), k=10, space="imp", rerank="none").hits]
        assert same == imported, i
    info = {s.name: s for s in col.spaces()}["imp"]
    assert info.imported["file"] == "v.parquet" and info.model == "imported"

    # no model: an image query is refused in one line that says what works
    image = next(digits_dir.rglob("*.png"))
    with pytest.raises(Conflict, match="imported from v.parquet.*by image id or by vector"):
        col.search(str(image), k=3, space="imp")
    # a query vector of one space is refused by another, both spaces named
    default_vec = col.raw_vectors(ids[:1])[1][0]
    with pytest.raises(ModelMismatch) as refused:
        col.search(default_vec, k=3, space="imp")
    assert "as space 'default' has" in str(refused.value) and "space 'imp'" in str(refused.value)
    with pytest.raises(ModelMismatch, match="as spaces 'imp', 'p8' have; space 'default'"):
        col.search(raw[0], k=3)
    assert col.search(raw[0], k=1, space="imp").hits[0].image_id == ids[0]

    # an .npy matrix with a paths file: absolute paths; importing again replaces the vectors
    np.save(tmp_path / "v.npy", raw[:100])
    (tmp_path / "paths.txt").write_text("\n".join(paths.iloc[:100]) + "\n")
    again = col.import_vectors(tmp_path / "v.npy", space="imp", paths=tmp_path / "paths.txt")
    assert (again.matched, again.unmatched) == (100, 0)
    assert {s.name: s.vectors for s in col.spaces()}["imp"] == 100
    with pytest.raises(InvalidArgument, match="paths file"):
        col.import_vectors(tmp_path / "v.npy", space="imp")
    with pytest.raises(Conflict, match="embedded by pixels"):
        col.import_vectors(tmp_path / "v.parquet", space="p8")


def test_removing_a_space_leaves_the_others_and_fsck_clean(col, digits_dir, tmp_path):
    col.index(digits_dir, model="pixels", size=8, space="p8")
    col.index(digits_dir, model="pixels", size=4, space="p4")
    default_files = snapshot(col.dir / "spaces" / "p4")
    with pytest.raises(InvalidArgument, match="default space"):
        col.remove_space("default")
    with pytest.raises(NotFound, match="no space 'p9'.*default, p4, p8"):
        col.remove_space("p9")

    col.remove_space("p8")

    assert [s.name for s in col.spaces()] == ["default", "p4"]
    assert not (col.dir / "spaces" / "p8").exists()
    assert snapshot(col.dir / "spaces" / "p4") == default_files
    assert col.fsck().ok
    with pytest.raises(NotFound, match="no space 'p8'"):
        col.search(1, space="p8")
    # removing images reaches every space; reopening finds the spaces as they were left
    gone = col.ids()[:3].tolist()
    col.remove(gone)
    assert {s.name: s.vectors for s in col.spaces()} == {"default": 1794, "p4": 1794}
    home = col.cfg.home
    col.close()
    with imgsearch.open_collection("d", home=home) as again:
        assert [s.name for s in again.spaces()] == ["default", "p4"]
        hits = again.search(int(again.ids()[5]), k=5, space="p4").hits
        assert len(hits) == 5 and not {h.image_id for h in hits} & set(gone)


def test_images_added_later_are_missing_from_a_space_until_indexed_into_it(cfg, digits_dir,
                                                                           tmp_path):
    src = tmp_path / "some"
    shutil.copytree(digits_dir / "digits" / "1", src / "1")
    imgsearch.index_images(src, "grow", model="pixels", size=8, home=cfg.home, workers=0)
    with imgsearch.open_collection("grow", home=cfg.home, workers=0) as c:
        c.index(src, model="pixels", size=4, space="small")
        shutil.copytree(digits_dir / "digits" / "2", src / "2")
        c.index(src)
        new = int(c.ids("path LIKE '%/2/%'")[0])
        assert {s.name: s.missing for s in c.spaces()} == {"default": 0, "small": len(c.ids("path LIKE '%/2/%'"))}
        with pytest.raises(NotFound, match=f"image {new} has no vector in space 'small'"):
            c.search(new, space="small")
        report = c.index(src, space="small")
        assert report.indexed == len(c.ids("path LIKE '%/2/%'")) and report.unchanged > 0
        assert c.search(new, k=1, space="small").hits[0].image_id == new
        with pytest.raises(InvalidArgument, match="no image of collection 'grow' lies under"):
            c.index(digits_dir / "digits" / "5", space="small")


def test_a_space_needs_a_catalogued_collection(cfg, digits_dir):
    with imgsearch.open_collection("empty", create=True, home=cfg.home) as c:
        with pytest.raises(Conflict, match="no indexed images yet"):
            c.index(digits_dir, model="pixels", space="p")
    with pytest.raises(InvalidArgument, match="bad space name"):
        imgsearch.open_collection("x", create=True, home=cfg.home).search(1, space="../up")


def _index_then_snapshot(home: Path, digits_dir: Path, code: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code), "IMGSEARCH_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "imgsearch", "index", str(digits_dir / "digits" / "3"),
                    "-c", "old", "--model", "pixels", "--size", "8", "--no-progress",
                    "--workers", "0"], env=env, check=True, capture_output=True, timeout=300)
    return snapshot(home / "old")


def _opened_and_searched(home: Path) -> None:
    with imgsearch.open_collection("old", home=home) as c:
        ids = c.ids()
        assert [s.name for s in c.spaces()] == ["default"]
        assert c.search(int(ids[0]), k=3).hits[0].image_id == ids[0]
        vec = c.raw_vectors(ids[:1])[1][0]
        assert c.search(vec, k=1).hits[0].image_id == ids[0]
        with pytest.raises(ModelMismatch, match="collection 'old' has 192"):
            c.search(np.ones(10, np.float32))
        info = c.info()
        assert "spaces" not in info.model_dump() and c.fsck().ok


def test_a_collection_without_spaces_opens_and_searches_unchanged_on_disk(tmp_path, digits_dir):
    """Written by the command line as it stands (the default space's code path), then opened,
    searched, listed and checked: not one byte of its files changes."""
    home = tmp_path / "home"
    before = _index_then_snapshot(home, digits_dir, ROOT)
    _opened_and_searched(home)
    assert snapshot(home / "old") == before
    assert not (home / "old" / "spaces").exists()


def test_a_collection_written_before_spaces_existed_opens_unchanged(tmp_path, digits_dir):
    """The same with the code of the commit before spaces, where the history is there."""
    parent = subprocess.run(["git", "-C", str(ROOT), "log", "--diff-filter=A", "--format=%H", "-1", "--",
                             "imgsearch/core/spaces.py"], capture_output=True, text=True)
    if parent.returncode or not parent.stdout.strip():
        pytest.skip("no git history here")
    old = tmp_path / "old-code"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", f"{parent.stdout.strip()}~1",
                              "imgsearch"], capture_output=True)
    if archive.returncode:
        pytest.skip("the commit before spaces is not in this history")
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    assert not (old / "imgsearch" / "core" / "spaces.py").exists()
    home = tmp_path / "home"
    before = _index_then_snapshot(home, digits_dir, old)
    _opened_and_searched(home)
    assert snapshot(home / "old") == before


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
    torch = pytest.importorskip("torch")
    import torchvision.models as tvm
    from imgsearch.pipeline.spaces import predictions
    torch.manual_seed(0)
    net = tvm.resnet18(weights=None, num_classes=3)
    with torch.no_grad():      # the checkpoint's own head decides: 'dog', by a wide margin
        net.fc.weight.mul_(0.01)
        net.fc.bias.copy_(torch.tensor([0.0, 8.0, 0.0]))
    torch.save(net.state_dict(), tmp_path / "my.pt")
    (tmp_path / "classes.txt").write_text("horse\ndog\ncat\n")
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
