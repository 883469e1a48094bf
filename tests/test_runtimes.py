"""Inference runtimes: ONNX Runtime and OpenVINO give torch's features on real photos, for the
offline default and for a user's checkpoint at a chosen layer; a collection built with one
runtime answers queries made with another; the ONNX export is cached and follows the weights."""
import numpy as np
import pytest
import skimage.data
import torch
import torchvision.models as tvm
from PIL import Image

import imgsearch
from imgsearch.features import ModelSpec, load_model, runtimes

PHOTOS = ("chelsea", "coffee", "astronaut", "rocket", "hubble_deep_field", "retina")


@pytest.fixture(scope="module", autouse=True)
def cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("IMGSEARCH_CACHE", str(tmp_path_factory.mktemp("onnx_cache")))
    yield
    mp.undo()


def _photos():
    return [Image.fromarray(getattr(skimage.data, n)()).convert("RGB") for n in PHOTOS]


def _cos(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(1)


@pytest.mark.parametrize("runtime", ["onnx", "openvino"])
def test_default_model_features_match_torch(runtime):
    imgs = _photos()
    ref = load_model(ModelSpec(runtime="torch")).embed_images(imgs)
    fast = load_model(ModelSpec(runtime=runtime))
    assert fast.runtime == runtime
    out = fast.embed_images(imgs)
    assert _cos(ref.features, out.features).min() >= 0.999
    assert (ref.pred_index == out.pred_index).all()
    assert fast.identity() == load_model(ModelSpec(runtime="torch")).identity()


def test_user_checkpoint_at_a_layer_matches_torch(tmp_path):
    torch.manual_seed(0)
    net = tvm.resnet18(weights=None, num_classes=4)
    torch.save(net.state_dict(), tmp_path / "mine.pt")
    spec = dict(name="resnet18", weights=str(tmp_path / "mine.pt"), layer="layer3")
    ref = load_model(ModelSpec(**spec, runtime="torch"))
    fast = load_model(ModelSpec(**spec, runtime="onnx"))
    assert fast.runtime == "onnx" and fast.dim == ref.dim == 256 and not fast.notes
    imgs = _photos()
    assert _cos(ref.embed_images(imgs).features, fast.embed_images(imgs).features).min() >= 0.999


def test_export_is_cached_and_follows_the_weights(tmp_path):
    torch.manual_seed(1)
    net = tvm.resnet18(weights=None, num_classes=3)
    path = tmp_path / "w.pt"
    torch.save(net.state_dict(), path)
    spec = ModelSpec(name="resnet18", weights=str(path), runtime="onnx")
    before = len(runtimes.exports_done)
    load_model(spec, cached=False)
    assert len(runtimes.exports_done) == before + 1
    load_model(spec, cached=False)                       # second run: no export
    assert len(runtimes.exports_done) == before + 1
    with torch.no_grad():
        net.fc.bias.add_(1.0)                            # new weights, same file name
    torch.save(net.state_dict(), path)
    load_model(spec, cached=False)
    assert len(runtimes.exports_done) == before + 2
    assert len({p.name for p in runtimes.exports_done[before:]}) == 2


def test_a_layer_that_cannot_be_exported_falls_back_to_torch_and_says_so(monkeypatch):
    def refuse(*a, **kw):
        raise RuntimeError("Unsupported: ONNX export of operator foo")
    monkeypatch.setattr(torch.onnx, "export", refuse)
    m = load_model(ModelSpec(name="efficientnet-lite0", layer="_blocks.10", runtime="onnx"),
                   cached=False)
    assert m.runtime == "torch" and "could not be exported" in m.notes[0]
    assert m.embed_images(_photos()[:1]).features.shape[1] == m.dim


def test_collection_built_with_one_runtime_answers_queries_from_another(photos_dir, tmp_path):
    home = tmp_path / "home"
    imgsearch.index_images(photos_dir, "rt", runtime="torch", home=home, progress=False, workers=0)
    with imgsearch.open_collection("rt", home=home, runtime="onnx") as col:
        assert col.info().runtime == "torch"
        assert col.model().runtime == "onnx"
        for name in ("chelsea.jpg", "rocket__flip.jpg"):
            hits = col.search((photos_dir / "photos" / name).read_bytes(), k=1).hits
            assert hits[0].path.endswith("/" + name) and hits[0].score >= 0.999


def test_a_cached_export_loads_without_torch_and_gives_the_same_features(tmp_path):
    """The second start of a worker or the service reads the model card and the ONNX file:
    no torch import (seconds a start), the same identity, the same features. (The default
    model as shipped needs no export at all: checked first; the cache is then exercised with a
    variant of it that is not shipped, max pooling.)"""
    import json
    import os
    import subprocess
    import sys
    probe = ("import sys, json, numpy as np, skimage.data; from PIL import Image;"
             "from imgsearch.features import load_model;"
             "m = load_model(name='efficientnet-lite0', runtime='onnx', pooling=POOLING);"
             "b = m.embed_images([Image.fromarray(skimage.data.chelsea())]);"
             "print(json.dumps({'torch': 'torch' in sys.modules, 'id': m.identity(),"
             "'f': b.features[0, :64].tolist(), 'cls': m.class_names(b.pred_index)}))")
    env = {**os.environ, "IMGSEARCH_CACHE": str(tmp_path / "cache")}

    def run(pooling):
        code = probe.replace("POOLING", repr(pooling))
        return json.loads(subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                         capture_output=True, text=True).stdout.splitlines()[-1])
    shipped = run(None)
    assert not shipped["torch"] and shipped["cls"] == ["Egyptian cat"]   # the whole image
    assert not (tmp_path / "cache").exists()          # nothing exported for the shipped model
    runs = [run("max") for _ in range(2)]
    assert runs[0]["torch"] and not runs[1]["torch"]
    assert runs[0]["id"] == runs[1]["id"]
    assert runs[0]["cls"] == runs[1]["cls"] == ["Egyptian cat"]    # the whole image, squashed
    assert np.allclose(runs[0]["f"], runs[1]["f"], atol=1e-6)
