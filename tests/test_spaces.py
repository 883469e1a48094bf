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
