"""The timm and OpenCLIP zoos: their architectures with random weights (nothing downloads),
their own preprocessing, their identity in a collection, and text search through CLIP."""
import json

import pytest
import skimage.data
from click.testing import CliRunner
from PIL import Image

import imgsearch
from imgsearch.errors import ModelError
from imgsearch.features import ModelSpec, load_model, sources

pytest.importorskip("timm")
pytest.importorskip("open_clip")


@pytest.mark.parametrize("name,dim,size,interp", [
    ("timm/resnet18.a1_in1k", 512, 224, "bicubic"),
    ("convnext_small.fb_in22k", 768, 224, "bicubic"),
    ("timm/vit_small_patch14_dinov2", 384, 518, "bicubic"),
    ("openclip/ViT-B-32", 512, 224, "bicubic"),
])
def test_zoo_models_bring_their_own_preprocessing(name, dim, size, interp):
    m = load_model(ModelSpec(name=name, weights="random", runtime="torch"))
    out = m.embed_images([Image.fromarray(skimage.data.chelsea())])
    assert out.features.shape == (1, dim) and m.dim == dim
    assert m.preprocess.crop == size and m.preprocess.interpolation == interp
    assert m.identity()["weights"] == "random:seed0"
    assert m.identity()["preprocessing"].startswith(f"resize{m.preprocess.resize}-{interp}")
    assert m.text == name.startswith("openclip/")
    assert sources.supports_text(m.identity()) == m.text    # known without loading the model


def test_a_failed_download_names_the_fix(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match="cannot download the timm weights.*efficientnet-lite0") as e:
        load_model(ModelSpec(name="timm/resnet18.a1_in1k"), cached=False)
    assert e.value.param == "weights"
    with pytest.raises(ModelError, match="unknown"):
        load_model(ModelSpec(name="timm/no_such_net_v9", weights="random"), cached=False)


def test_text_search_through_a_clip_collection(photos_dir, tmp_path, monkeypatch):
    """The plumbing, with a randomly initialised OpenCLIP model (real CLIP weights are what
    make the answers meaningful)."""
    home = tmp_path / "h"
    r = imgsearch.index_images(photos_dir, "clip", model="openclip/ViT-B-32", weights="random",
                               home=home, progress=False)
    assert r.indexed == 92
    with imgsearch.open_collection("clip", home=home) as col:
        info = col.info()
        assert info.text_search and info.postprocess["method"] == "none"
        assert info.model == "openclip/ViT-B-32" and info.weights == "random:seed0"
    monkeypatch.setenv("IMGSEARCH_HOME", str(home))
    from imgsearch.frontends.cli import main
    out = CliRunner().invoke(main, ["search", "--text", "a horse on grass", "-c", "clip", "-k", "4", "--json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.output)) == 4
    imgsearch.index_images(photos_dir, "cnn", model="pixels", size=8, home=home, progress=False)
    out = CliRunner().invoke(main, ["search", "--text", "a horse", "-c", "cnn"])
    assert out.exit_code == 2 and "no text encoder" in out.output
