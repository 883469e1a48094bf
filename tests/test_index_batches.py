"""How an index run commits its batches: each batch is appended to the vector index without
looking for its ids (the run removed them all first; on a flat index that look scans every
stored id, once a batch), and the catalog rows of the batches between two checkpoints are
written from one frame, each image's own size and prediction."""
import numpy as np
from PIL import Image

import imgsearch
from imgsearch.core.vectors.base import VectorIndex


def test_batches_are_appended_and_changed_files_replaced(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    rng = np.random.default_rng(0)
    for i in range(40):
        Image.fromarray((rng.random((20 + i, 30, 3)) * 255).astype("uint8")).save(src / f"{i}.png")
    removes = []
    real = VectorIndex.remove
    monkeypatch.setattr(VectorIndex, "remove", lambda self, ids: removes.append(len(ids)) or
                        real(self, ids))
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(src, "b", model="pixels", size=8, batch_size=4, **kw)
    assert len(removes) <= 1            # the run's one removal up front, none a batch (10)
    with imgsearch.open_collection("b", **kw) as col:
        rows = {r["path"]: r for r in col.table(columns=["path", "width", "height"]).to_dict("records")}
        assert col.info().indexed == 40 and col.vectors().ntotal == 40
    assert all(rows[str(src / f"{i}.png")]["height"] == 20 + i for i in range(40))
    Image.fromarray(np.zeros((9, 9, 3), np.uint8)).save(src / "3.png")      # changed
    removes.clear()
    imgsearch.index_images(src, "b", model="pixels", size=8, batch_size=4, **kw)
    with imgsearch.open_collection("b", **kw) as col:
        ids = col.vectors().ids()
        assert col.vectors().ntotal == 40 and len(np.unique(ids)) == 40
        hit = col.search(src / "3.png", k=1, rerank="none").hits[0]
        assert hit.path == str(src / "3.png") and hit.score > 0.999 and hit.height == 9


def test_the_predictions_of_every_batch_reach_their_rows(photos_dir, tmp_path):
    from imgsearch.features import load_model
    paths = sorted(photos_dir.glob("photos/*.jpg"))[:10]
    model = load_model()
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(photos_dir / "photos", "p", batch_size=3, **kw)
    with imgsearch.open_collection("p", **kw) as col:
        table = col.table(columns=["path", "width", "height", "imagenet_prediction",
                                   "imagenet_confidence"]).set_index("path")
    for p in paths:
        with Image.open(p) as im:
            size = im.size
        want = model.embed_images([Image.open(p).convert("RGB")])
        row = table.loc[str(p)]
        assert (row["width"], row["height"]) == size
        assert row["imagenet_prediction"] == model.class_names(want.pred_index)[0]
        assert abs(row["imagenet_confidence"] - float(want.confidence[0])) < 1e-3
