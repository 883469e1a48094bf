"""embed: worker decode + batched model, the device-decode path run on the CPU, and runtime
parity (torch, ONNX Runtime, OpenVINO give the same features)."""
import io

import numpy as np
import pytest
import skimage.data
import torch
from PIL import Image

from imgsearch.features import ModelSpec, load_model
from imgsearch.pipeline import gpu_decode
from imgsearch.pipeline.decode import Limits
from imgsearch.pipeline.embed import embed_items

LIMITS = Limits(max_pixels=10**8)


def _cos(a, b):
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


def _embed(items, model, workers=0):
    return {int(i): f for out in embed_items(items, model, LIMITS, 1 << 30, workers=workers)
            for i, f in zip(out.ids, out.features)}


def test_worker_processes_give_the_same_features_as_inline(photos_dir):
    model = load_model(ModelSpec(runtime="torch"))
    items = list(enumerate(map(str, sorted(photos_dir.glob("photos/*.jpg"))[:12])))
    inline, pooled = _embed(items, model, 0), _embed(items, model, 2)
    assert sorted(inline) == sorted(pooled) == [i for i, _ in items]
    for i in inline:
        assert _cos(inline[i], pooled[i]) >= 0.99999


def test_workers_hand_over_uint8_pixels_and_the_model_gets_the_same_input(photos_dir):
    """A decode worker sends the resized, cropped image as uint8 (a quarter of the bytes of
    the float32 input), normalised in the model's process: the model's input and features
    are exactly what the float path gives, for the bundled model and for an unnormalised one."""
    from imgsearch.pipeline.batches import DecodeJob, decode_batch
    paths = sorted(photos_dir.glob("photos/*.jpg"))[:4]
    for model in (load_model(), load_model(name="pixels", size=8)):
        job = DecodeJob(model.preprocess, LIMITS, 1 << 30, None)
        meta, x, bad = decode_batch([(i, str(p)) for i, p in enumerate(paths)], job)
        assert not bad and x.dtype == np.uint8 and x.shape[-1] == 3 and len(x) == len(paths)
        floats = np.stack([model.preprocess(Image.open(p).convert("RGB")) for p in paths])
        assert np.array_equal(model.preprocess.normalize(x), floats)
        assert np.array_equal(model.embed(x).features, model.embed(floats).features)


def test_bad_files_come_back_with_reasons(tmp_path):
    model = load_model(name="pixels", size=8)
    Image.fromarray(skimage.data.astronaut()).save(tmp_path / "ok.png")
    (tmp_path / "bad.jpg").write_bytes(b"not a jpeg")
    items = [(1, str(tmp_path / "ok.png")), (2, str(tmp_path / "bad.jpg")),
             (3, str(tmp_path / "gone.png"))]
    outs = list(embed_items(items, model, LIMITS, 1 << 30))
    assert [int(i) for o in outs for i in o.ids] == [1]
    bad = dict(b for o in outs for b in o.bad)
    assert "not an image" in bad[2] and "unreadable" in bad[3]


def test_gpu_paths_are_skipped_cleanly_without_cuda():
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    assert load_model(name="pixels", size=8, device="auto").device == "cpu"


def test_device_decode_matches_the_pil_path(photos_dir):
    """nvJPEG's pipeline (decode_jpeg + tensor resize/crop/normalise), run on the CPU here,
    gives the same features as the PIL path: cosine >= 0.999 for every photo."""
    model = load_model(ModelSpec(runtime="torch"))
    items = list(enumerate(map(str, sorted(photos_dir.glob("photos/*.jpg")))))
    cpu = _embed(items, model)
    batch = [gpu_decode._read(it, LIMITS, 1 << 30) for it in items]
    meta, x, bad = gpu_decode.decode_batch_on(batch, "cpu", LIMITS, model.preprocess)
    assert bad == [] and len(meta) == len(items)
    feats = model.embed(x).features
    for (image_id, _, _), f in zip(meta, feats):
        assert _cos(f, cpu[int(image_id)]) >= 0.999


def test_device_decode_falls_back_for_png_cmyk_and_reports_bad(tmp_path):
    model = load_model(ModelSpec(runtime="torch"))
    photo = Image.fromarray(skimage.data.astronaut())
    photo.save(tmp_path / "a.png")
    photo.convert("CMYK").save(tmp_path / "b.jpg")
    good = io.BytesIO()
    photo.save(good, "JPEG")
    (tmp_path / "c.jpg").write_bytes(good.getvalue()[:2000])       # truncated
    (tmp_path / "d.jpg").write_bytes(b"text, not a jpeg")
    items = [(1, str(tmp_path / "a.png")), (2, str(tmp_path / "b.jpg")),
             (3, str(tmp_path / "c.jpg")), (4, str(tmp_path / "d.jpg"))]
    batch = [gpu_decode._read(it, LIMITS, 1 << 30) for it in items]
    meta, x, bad = gpu_decode.decode_batch_on(batch, "cpu", LIMITS, model.preprocess)
    assert sorted(meta[:, 0].tolist()) == [1, 2] and x.shape == (2, 3, 224, 224)
    assert sorted(i for i, _ in bad) == [3, 4]


def test_device_decode_in_batches_covers_every_item(tmp_path, photos_dir):
    """decode_on_gpu (run on the CPU here) reads and decodes in batches of the given size,
    in order; a bad file is reported in its batch."""
    model = load_model(ModelSpec(runtime="torch"))
    items = list(enumerate(map(str, sorted(photos_dir.glob("photos/*.jpg"))[:7])))
    (tmp_path / "bad.jpg").write_bytes(b"text, not a jpeg")
    items.append((7, str(tmp_path / "bad.jpg")))
    batches = list(gpu_decode.decode_on_gpu(items, "cpu", LIMITS, 1 << 30, 3, model.preprocess))
    assert [len(meta) + len(bad) for meta, _, bad in batches] == [3, 3, 2]
    assert [int(i) for meta, _, _ in batches for i in meta[:, 0]] == list(range(7))
    assert [i for _, _, bad in batches for i, _ in bad] == [7]
    assert all(x.shape[0] == len(meta) for meta, x, _ in batches)
