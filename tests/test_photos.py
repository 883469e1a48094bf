"""The offline CNN on real photos: augmented near-copies are found next to their originals."""
import pandas as pd
import pytest

import imgsearch


@pytest.fixture(scope="module")
def photos(photos_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    imgsearch.index_images(photos_dir, "photos", home=home, progress=False)
    col = imgsearch.open_collection("photos", home=home)
    yield col
    col.close()


def test_each_photo_finds_itself_first(photos):
    for image_id in photos.ids():
        hits = photos.search(int(image_id), k=1).hits
        assert hits[0].image_id == image_id and hits[0].score >= 0.999


@pytest.mark.parametrize("variant", ["flip", "crop", "blur"])
def test_augmented_copy_ranks_top3_for_its_original(photos, photos_dir, variant):
    fam = pd.read_csv(photos_dir / "families.csv")
    table = photos.table()
    id_of = {p.split(str(photos_dir) + "/")[1]: i for p, i in zip(table["path"], table["image_id"])}
    misses = []
    for _, orig in fam[fam["variant"] == "original"].iterrows():
        copy = f"photos/{orig['family']}__{variant}.jpg"
        hits = photos.search(int(id_of[orig["path"]]), k=4).to_frame()   # itself + top 3
        if id_of[copy] not in hits["image_id"].tolist()[1:]:
            misses.append(orig["family"])
    assert misses == []


def test_query_by_upload_bytes(photos, photos_dir):
    data = (photos_dir / "photos" / "chelsea__flip.jpg").read_bytes()
    hits = photos.search(data, k=3).to_frame()
    names = [p.rsplit("/", 1)[1] for p in hits["path"]]
    assert names[0] == "chelsea__flip.jpg" and "chelsea.jpg" in names
    assert set(hits.columns) >= {"image_id", "path", "score", "label", "prediction", "confidence"}
    # the default model's ImageNet top-1 has its own column; `prediction` is the user's only
    assert hits.loc[0, "imagenet_prediction"] in {"Egyptian cat", "tabby", "tiger cat"}
    assert hits["prediction"].isna().all()


def test_upload_of_an_indexed_large_photo_scores_one(photos, photos_dir):
    """Indexing and querying decode the same way: the same bytes score 1.0 (astronaut is 512 px,
    where JPEG draft decoding, now off, used to shift the features)."""
    for name in ("astronaut.jpg", "retina.jpg", "hubble_deep_field.jpg"):
        hits = photos.search((photos_dir / "photos" / name).read_bytes(), k=1).to_frame()
        assert hits["path"][0].endswith("/" + name) and hits["score"][0] >= 0.9999
