import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image, ImageOps

import imgsearch
from imgsearch import BadQuery, ModelMismatch


@pytest.fixture
def digits(digits_dir, cfg):
    imgsearch.index_images(digits_dir, "digits", model="pixels", size=16,
                           labels=digits_dir / "labels.csv", home=cfg.home, workers=0)
    col = imgsearch.open_collection("digits", home=cfg.home)
    yield col
    col.close()


def _all(col):
    ids = col.store.ids()
    return ids, col.index.reconstruct(ids)


def test_every_image_finds_itself_first(digits):
    ids, vecs = _all(digits)
    assert len(ids) == 1797 and digits.index.ntotal == 1797
    scores, found = digits.index.search(vecs, 2)
    sha = dict(zip(digits.store.files()["image_id"], digits.store.files()["sha256"]))
    # A pixel-identical twin ties at 1.0; otherwise the top-1 neighbour is the image itself.
    assert all(f == i or sha[f] == sha[i] for f, i in zip(found[:, 0], ids))
    assert (scores[:, 0] >= 0.999).all()


def test_knn_label_agreement_on_digits(digits):
    ids, vecs = _all(digits)
    labels = digits.store.rows(ids).set_index("image_id")["label"]
    _, nn = digits.index.search(vecs, 11)
    votes = [pd.Series(labels.loc[row[1:]].values).mode()[0] for row in nn]
    agreement = np.mean(np.array(votes) == labels.loc[ids].values)
    assert agreement >= 0.95, agreement


def test_labels_csv_is_imported(digits):
    row = digits.store.table("label = '3'").iloc[0]
    assert row["path"].endswith(".png") and "/3/" in row["path"]
    assert row["split"] in ("train", "test") and row["prediction"] is not None
    wrong = digits.store.table("correct = false")
    assert 0 < len(wrong) < 200  # a real classifier makes some real mistakes


def test_filtered_search_returns_k_when_k_exist(digits):
    hits = digits.search(int(digits.store.ids()[0]), k=10, where="label = '7'")
    assert len(hits) == 10 and (hits["label"] == "7").all()
    assert hits["score"].is_monotonic_decreasing
    rare = digits.store.filter_ids("label = '7' AND split = 'test' AND image_id % 10 = 0")
    assert 0 < len(rare) < 18  # well under 1% of 1797
    hits = digits.search(int(digits.store.ids()[0]), k=len(rare), where=
                         "label = '7' AND split = 'test' AND image_id % 10 = 0")
    assert sorted(hits["image_id"]) == sorted(rare.tolist())


@pytest.mark.parametrize("where", ["label = '1'; DROP TABLE images", "label IN (SELECT 1)",
                                   "nosuchcolumn = 1", "label = '1' -- comment",
                                   "read_csv('/etc/passwd') IS NOT NULL", "label = "])
def test_bad_where_is_refused(digits, where):
    with pytest.raises(BadQuery):
        digits.search(1, k=3, where=where)
    assert digits.store.counts()["indexed"] == 1797


def test_vector_and_model_mismatch(digits, digits_dir):
    with pytest.raises(ModelMismatch, match="dimensions"):
        digits.search(np.ones(1280, dtype=np.float32))
    hits = digits.search(np.ones(768, dtype=np.float32), k=3)
    assert len(hits) == 3
    with pytest.raises(ModelMismatch, match="built with pixels"):
        imgsearch.index_images(digits_dir, digits, model="pixels", size=8)


def _copy_tree(src: Path, dst: Path, n: int) -> list[Path]:
    files = sorted(src.glob("digits/*/*.png"))[:n]
    for f in files:
        (dst / f.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dst / f.parent.name / f.name)
    return sorted(dst.rglob("*.png"))


def test_incremental_changed_moved_copied_pruned(tmp_path, digits_dir, cfg):
    root = tmp_path / "imgs"
    files = _copy_tree(digits_dir, root, 30)
    kw = dict(home=cfg.home, workers=0)
    r = imgsearch.index_images(root, "inc", model="pixels", size=16, **kw)
    assert (r.indexed, r.unchanged, len(r.skipped)) == (30, 0, 0)
    r = imgsearch.index_images(root, "inc", **kw)
    assert (r.indexed, r.unchanged) == (0, 30)

    with imgsearch.open_collection("inc", **kw) as col:
        before = col.store.files().set_index("path")
    changed = files[0]
    ImageOps.mirror(Image.open(changed)).save(changed)            # same path, new content
    moved = root / "moved.png"
    files[1].rename(moved)                                        # same content, new path
    shutil.copy(files[2], root / "copy_of_2.png")                 # same content, second path
    files[3].unlink()                                             # gone
    r = imgsearch.index_images(root, "inc", **kw)
    assert (r.indexed, r.relinked, r.copied, r.vanished) == (1, 1, 1, 1)
    with imgsearch.open_collection("inc", **kw) as col:
        after = col.store.files().set_index("path")
        assert after.loc[str(changed), "image_id"] == before.loc[str(changed), "image_id"]
        assert after.loc[str(changed), "sha256"] != before.loc[str(changed), "sha256"]
        assert after.loc[str(moved), "image_id"] == before.loc[str(files[1]), "image_id"]
        twin = col.search(int(after.loc[str(root / "copy_of_2.png"), "image_id"]), k=2)
        assert twin["score"].min() >= 0.999
        assert col.fsck().ok
    r = imgsearch.index_images(root, "inc", prune=True, **kw)
    assert r.pruned == 1
    with imgsearch.open_collection("inc", **kw) as col:
        assert col.store.counts()["indexed"] == 30 and col.index.ntotal == 30
        assert col.fsck().ok


def test_remove_keeps_store_and_index_equal(digits):
    ids = digits.store.ids()[:5]
    digits.remove(ids)
    assert digits.index.ntotal == 1792 and digits.store.counts()["indexed"] == 1792
    assert digits.fsck().ok
    with pytest.raises(BadQuery, match="no image with id"):
        digits.remove([10**9])


def test_missing_collection_names_the_fix(home):
    with pytest.raises(imgsearch.CollectionNotFound, match="imgsearch index DIR"):
        imgsearch.open_collection("nope", home=home)
