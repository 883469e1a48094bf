"""Extraction paths: the CPU DataLoader path, and the device-decode path run on the CPU."""
import io

import numpy as np
import pytest
import skimage.data
import torch
from PIL import Image

from imgsearch import Config, gpu_decode
from imgsearch.extract import extract
from imgsearch.models import load_model


def test_gpu_paths_are_skipped_cleanly_without_cuda():
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    assert gpu_decode.available() is False
    model = load_model("pixels", size=8, device="auto")
    assert model.device.type == "cpu"


def test_device_decode_matches_the_pil_path(photos_dir):
    """nvJPEG's pipeline (decode_jpeg + tensor resize/crop/normalise), run on the CPU here,
    gives the same features as the PIL path: cosine >= 0.999 for every photo."""
    model = load_model()
    files = sorted(photos_dir.glob("photos/*.jpg"))
    items = list(enumerate(map(str, files)))
    cpu = {i: f for o in extract(items, model, Config.load(workers=0, progress=False))
           for i, f in zip(o.ids, o.features)}
    batch = [gpu_decode.JpegBytes(items, model, 10**8)[i] for i in range(len(items))]
    meta, x, bad = gpu_decode.to_batch(batch, torch.device("cpu"), 10**8, 256, model.preprocess)
    assert bad == [] and len(meta) == len(items)
    feats = model.embed(x).features
    for (image_id, _, _), f in zip(meta, feats):
        a, b = f / np.linalg.norm(f), cpu[image_id] / np.linalg.norm(cpu[image_id])
        assert float(a @ b) >= 0.999


def test_device_decode_falls_back_for_png_cmyk_and_reports_bad(tmp_path):
    model = load_model()
    photo = Image.fromarray(skimage.data.astronaut())
    photo.save(tmp_path / "a.png")
    photo.convert("CMYK").save(tmp_path / "b.jpg")
    good = io.BytesIO()
    photo.save(good, "JPEG")
    (tmp_path / "c.jpg").write_bytes(good.getvalue()[:2000])       # truncated
    (tmp_path / "d.jpg").write_bytes(b"text, not a jpeg")
    items = [(1, str(tmp_path / "a.png")), (2, str(tmp_path / "b.jpg")),
             (3, str(tmp_path / "c.jpg")), (4, str(tmp_path / "d.jpg"))]
    batch = [gpu_decode.JpegBytes(items, model, 10**8)[i] for i in range(4)]
    meta, x, bad = gpu_decode.to_batch(batch, torch.device("cpu"), 10**8, 256, model.preprocess)
    assert sorted(meta[:, 0].tolist()) == [1, 2] and x.shape == (2, 3, 224, 224)
    assert sorted(i for i, _ in bad) == [3, 4]
