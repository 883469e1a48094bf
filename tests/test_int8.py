"""int8: the shipped quantised default model keeps fp32's neighbours, a collection records its
precision, and one precision's model is refused by the other's collection."""
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import imgsearch
from imgsearch.errors import ModelError, ModelMismatch
from imgsearch.features import ModelSpec, bundled_model, load_model

ROOT = Path(__file__).resolve().parent.parent


def overlap_at_10(a: np.ndarray, b: np.ndarray) -> float:
    def knn(f):
        f = f / np.linalg.norm(f, axis=1, keepdims=True)
        s = f @ f.T
        np.fill_diagonal(s, -np.inf)
        return np.argsort(-s, axis=1)[:, :10]
    return float(np.mean([len(set(x) & set(y)) / 10 for x, y in zip(knn(a), knn(b))]))


def test_the_int8_card_vouches_for_its_files_and_the_fp32_weights():
    card = bundled_model.card("int8")
    assert card["precision"] == "int8" and set(card["exports"]) == {"gem", "avg"}
    for pooling, e in card["exports"].items():
        data = bundled_model.model_bytes(pooling, "int8")
        assert hashlib.sha256(data).hexdigest() == e["onnx_sha256"]
        assert len(data) < 0.4 * len(bundled_model.model_bytes(pooling))     # int8 weights
        assert e["from_onnx_sha256"] == bundled_model.card()["exports"][pooling]["onnx_sha256"]
        assert e["overlap_at_10"] >= 0.95


@pytest.mark.parametrize("view", ["whole", "crop"])
def test_int8_and_fp32_features_of_the_same_photos_have_the_same_neighbours(photos_dir, view):
    images = [Image.open(p).convert("RGB") for p in sorted((photos_dir / "photos").glob("*.jpg"))]
    assert len(images) >= 80
    fp32 = load_model(ModelSpec(view=view)).embed_images(images)
    int8 = load_model(ModelSpec(view=view, precision="int8")).embed_images(images)
    assert int8.features.shape == fp32.features.shape == (len(images), 1280)
    assert overlap_at_10(fp32.features, int8.features) >= 0.95
    cos = np.sum(fp32.features * int8.features, 1) / (
        np.linalg.norm(fp32.features, axis=1) * np.linalg.norm(int8.features, axis=1))
    assert cos.min() > 0.95 and cos.min() < 0.9999     # close, and really quantised
    assert np.mean(fp32.pred_index == int8.pred_index) >= 0.85   # the head too


def test_a_collection_records_its_precision_and_refuses_the_other(photos_dir, tmp_path):
    home = tmp_path / "home"
    imgsearch.index_images(photos_dir, "q8", precision="int8", home=home, progress=False,
                           workers=0)
    with imgsearch.open_collection("q8", home=home) as col:
        assert col.manifest.model_args["precision"] == "int8"
        assert col.manifest.model.model_dump()["precision"] == "int8"
        assert col.model().precision == "int8"                   # queries embed in int8
        hits = col.search(photos_dir / "photos" / "chelsea__flip.jpg", k=1).hits
        assert hits[0].path.endswith("/chelsea__flip.jpg") and hits[0].score >= 0.999
        # the rule: a query vector embedded in fp32 is accepted, and finds the same photo
        fp32 = load_model(ModelSpec())
        query = Image.open(photos_dir / "photos" / "rocket__blur.jpg").convert("RGB")
        hits = col.search(fp32.embed_images([query]).features[0], k=1).hits
        assert hits[0].path.endswith("/rocket__blur.jpg") and hits[0].score > 0.95
        # but an fp32 model is not this collection's model
        with pytest.raises(ModelMismatch, match="holds int8 vectors.*this model is fp32") as e:
            col.check_identity(fp32.identity())
        assert "\n" not in str(e.value)
    # adding images in fp32 to it is refused too, and nothing is written
    with pytest.raises(ModelMismatch, match="int8.*fp32"):
        imgsearch.index_images(photos_dir, "q8", precision="fp32", home=home, progress=False)
    # and the other way round: an fp32 collection (whose manifest has no precision, as before
    # int8 existed) refuses int8
    imgsearch.index_images(photos_dir, "f32", home=home, progress=False, workers=0)
    with imgsearch.open_collection("f32", home=home) as col:
        assert "precision" not in col.manifest.model_args
        assert "precision" not in col.manifest.model.model_dump()
    with pytest.raises(ModelMismatch, match="holds fp32 vectors.*this model is int8"):
        imgsearch.index_images(photos_dir, "f32", precision="int8", home=home, progress=False)


def test_int8_is_offered_for_the_shipped_model_only():
    with pytest.raises(ModelError, match="precision int8 is shipped for efficientnet-lite0"):
        load_model(ModelSpec(precision="int8", pooling="max"))
    with pytest.raises(ModelError, match="unknown precision"):
        load_model(ModelSpec(precision="int4"))
    with pytest.raises(ModelError, match="pixels"):
        load_model(ModelSpec(name="pixels", precision="int8"))


def test_the_cli_indexes_in_int8(photos_dir, tmp_path):
    done = subprocess.run([sys.executable, "-m", "imgsearch", "index", str(photos_dir / "photos"),
                           "-c", "c", "--precision", "int8", "--workers", "0", "--no-progress"],
                          capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "IMGSEARCH_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    manifest = json.loads((tmp_path / "c" / "manifest.json").read_text())
    assert manifest["model_args"]["precision"] == "int8"


def test_a_damaged_int8_file_is_refused(tmp_path, monkeypatch):
    import shutil
    folder = tmp_path / "bundled"
    shutil.copytree(bundled_model.FOLDER, folder)
    with open(folder / "efficientnet-lite0-gem-int8.onnx", "r+b") as f:
        f.seek(5000)
        f.write(b"\0" * 64)
    monkeypatch.setattr(bundled_model, "FOLDER", folder)
    bundled_model.card.cache_clear()
    try:
        with pytest.raises(ModelError, match="does not match its card"):
            load_model(ModelSpec(precision="int8"), cached=False)
        load_model(ModelSpec(), cached=False)              # fp32 is intact and still loads
    finally:
        bundled_model.card.cache_clear()


def test_the_extraction_benchmark_reports_int8_the_packing_limit_and_12_megapixels(tmp_path, digits_dir):
    """The benchmark at tiny n with the default model: every new key is a number, and the
    12-megapixel JPEGs are decoded at a reduced DCT scale (PIL's draft)."""
    from .test_benchmarks import EXTRACT_KEYS
    classes = tmp_path / "classes"                 # 3 classes of 40 real digits
    for d in ("1", "4", "7"):
        (classes / d).mkdir(parents=True)
        for f in sorted(digits_dir.glob(f"digits/{d}/*.png"))[:40]:
            (classes / d / f.name).write_bytes(f.read_bytes())
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_extract.py"), "--n", "16",
                           "--n12", "2", "--sample", "8", "--sample12", "1", "--rounds", "1",
                           "--runtimes", "onnx", "--seconds", "0.2", "--quality-data",
                           str(classes), "--out", "tiny"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads((tmp_path / "bench-results" / "tiny.json").read_text())
    assert all(result[k] is not None for k in EXTRACT_KEYS), {k: result.get(k) for k in EXTRACT_KEYS}
    assert result["quality_images"] == 120 and 0 <= result["int8_overlap_at_10"] <= 1
    assert max(result["decoded_size_12mp"]) <= 1000 < 4000     # 1/4 DCT scale, not 4000 x 3000


def test_the_rest_body_carries_the_precision(photos_dir, tmp_path):
    import time
    from imgsearch import Config
    from imgsearch.api.service import Service
    from .test_rest import local_client
    service = Service(Config.load(home=tmp_path / "home", workers=0, progress=False))
    try:
        api = local_client(service)
        job = api.post("/collections/q8/index", json={"source": str(photos_dir / "photos"),
                                                      "precision": "int8"}).json()
        for _ in range(1200):
            job = api.get(f"/jobs/{job['id']}").json()
            if job["state"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert job["state"] == "done", job
        manifest = json.loads((tmp_path / "home" / "q8" / "manifest.json").read_text())
        assert manifest["model_args"]["precision"] == "int8"
        bad = api.post("/collections/q8/index", json={"source": str(photos_dir / "photos"),
                                                      "precision": "int4"})
        assert bad.status_code == 422
    finally:
        service.close()
