"""Feature sources: the offline default, torchvision backbones with the user's own checkpoint
and layer, raw pixels; their preprocessing; and their identity."""
import urllib.error

import numpy as np
import pytest
import skimage.data
import torch
import torchvision.models as tvm
import torchvision.transforms as T
from PIL import Image

from imgsearch.errors import ModelError
from imgsearch.features import ModelSpec, Preprocess, load_model


def test_offline_default_labels_chelsea_as_a_cat():
    m = load_model(ModelSpec(runtime="torch"))
    out = m.embed_images([Image.fromarray(skimage.data.chelsea())])
    assert out.features.shape == (1, 1280) and m.dim == 1280
    assert m.class_names(out.pred_index)[0] in {"Egyptian cat", "tabby", "tiger cat"}
    assert 0 < out.confidence[0] <= 1
    assert m.identity()["weights"].startswith("sha256:")
    # its training norm, the whole image, GeM pooling: the measured defaults
    assert m.identity()["preprocessing"] == "resize224x224-inception-norm"
    assert m.identity()["layer"] == "gem3 of the input of _avg_pooling"
    cropped = load_model(ModelSpec(runtime="torch", view="crop", pooling="avg"))
    assert cropped.identity()["preprocessing"] == "resize256-centercrop224-inception-norm"
    out = cropped.embed_images([Image.fromarray(skimage.data.chelsea())])
    assert cropped.class_names(out.pred_index)[0] in {"Egyptian cat", "tabby", "tiger cat"}
    with pytest.raises(ModelError, match="view"):
        load_model(ModelSpec(view="square"))


def test_preprocess_matches_torchvision_exactly():
    """The numpy preprocessing (no torch in decode workers) is torchvision's, value for value."""
    reference = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(),
                           T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
    for img in (skimage.data.chelsea(), skimage.data.astronaut(), skimage.data.rocket()):
        pil = Image.fromarray(img)
        ours = Preprocess()(pil)
        np.testing.assert_allclose(ours, reference(pil).numpy(), atol=1e-5)


def test_extreme_aspect_ratio_is_cut_before_resizing():
    """A 1 x 100000 strip would be resized to 256 x 25.6M (6 GB): the central window is cut
    first, and the result is the model's input size."""
    x = Preprocess()(Image.new("RGB", (100_000, 1), (200, 10, 10)))
    assert x.shape == (3, 224, 224)


def test_pixels_model_has_no_head():
    m = load_model(name="pixels", size=8)
    out = m.embed_images([Image.fromarray(skimage.data.astronaut())])
    assert out.features.shape == (1, 192) and out.pred_index is None
    with pytest.raises(ModelError, match="size"):
        load_model(name="pixels", size=0)


@pytest.mark.parametrize("name,dim", [("resnet18", 512), ("resnet50", 2048),
                                      ("mobilenet_v3_large", 1280), ("efficientnet_b0", 1280),
                                      ("convnext_tiny", 768)])
def test_user_checkpoint_default_layer_is_the_input_of_the_head(tmp_path, name, dim):
    torch.manual_seed(0)
    net = tvm.get_model(name, weights=None, num_classes=3)
    head = [mod for mod in net.modules() if isinstance(mod, torch.nn.Linear)][-1]
    with torch.no_grad():  # make the checkpoint's own head decide: 'dog' by a wide margin
        head.weight.mul_(0.01)
        head.bias.copy_(torch.tensor([0.0, 8.0, 0.0]))
    torch.save(net.state_dict(), tmp_path / "my.pt")
    (tmp_path / "classes.txt").write_text("horse\ndog\ncat\n")
    m = load_model(name=name, weights=str(tmp_path / "my.pt"), classes=str(tmp_path / "classes.txt"),
                   runtime="torch")
    out = m.embed_images([Image.fromarray(skimage.data.chelsea())])
    assert m.dim == dim and out.features.shape == (1, dim)
    assert m.class_names(out.pred_index)[0] == "dog" and out.confidence[0] > 0.9


def test_user_checkpoint_chosen_layer_is_pooled(tmp_path):
    net = tvm.resnet18(weights=None, num_classes=5)
    torch.save({"state_dict": {f"module.{k}": v for k, v in net.state_dict().items()}},
               tmp_path / "wrapped.pth")
    m = load_model(name="resnet18", weights=str(tmp_path / "wrapped.pth"), layer="layer3",
                   runtime="torch")
    assert m.dim == 256 and m.layer == "layer3"
    out = m.embed_images([Image.fromarray(skimage.data.coffee())])
    assert out.features.shape == (1, 256) and out.pred_index is not None
    with pytest.raises(ModelError, match="close matches"):
        load_model(name="resnet18", weights=str(tmp_path / "wrapped.pth"), layer="layer33")


def test_one_model_serves_many_threads(tmp_path):
    """No shared capture state: the same model embeds in 4 threads at once and every thread
    gets its own image's features."""
    from concurrent.futures import ThreadPoolExecutor
    m = load_model(ModelSpec(runtime="torch"))
    imgs = [Image.fromarray(getattr(skimage.data, n)()) for n in ("chelsea", "coffee", "astronaut", "rocket")]
    alone = [m.embed_images([im]).features[0] for im in imgs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda im: m.embed_images([im]).features[0], imgs * 3))
    for i, f in enumerate(together):
        assert np.allclose(f, alone[i % 4], atol=1e-4)


def test_wrong_checkpoint_and_unknown_model(tmp_path):
    torch.save(tvm.resnet18(weights=None).state_dict(), tmp_path / "r18.pt")
    with pytest.raises(ModelError, match="does not fit resnet50"):
        load_model(name="resnet50", weights=str(tmp_path / "r18.pt"))
    with pytest.raises(ModelError, match="unknown model 'resnet5'.*resnet50"):
        load_model(name="resnet5")
    with pytest.raises(ModelError, match="not found"):
        load_model(name="resnet18", weights=str(tmp_path / "missing.pt"))


def test_failed_download_names_cause_and_fix(monkeypatch):
    def offline(*a, **kw):
        raise urllib.error.URLError("no network")
    monkeypatch.setattr("torchvision.models._api.load_state_dict_from_url", offline)
    with pytest.raises(ModelError, match=r"cannot download.*local checkpoint.*efficientnet-lite0") as e:
        load_model(name="resnet18")
    assert e.value.param == "weights"


def test_cuda_request_without_cuda_is_a_clear_error():
    if torch.cuda.is_available():
        pytest.skip("has CUDA")
    with pytest.raises(ModelError, match="CUDA is not available"):
        load_model(name="resnet18", device="cuda", cached=False)
    assert load_model(name="pixels", device="auto").device == "cpu"


def test_random_weights_for_the_default_model(digits_dir, tmp_path):
    """`--weights random` builds the default architecture untrained (it was taken for a path)."""
    import os
    import subprocess
    import sys
    env = {**os.environ, "IMGSEARCH_HOME": str(tmp_path / "h"), "IMGSEARCH_PROGRESS": "0",
           "IMGSEARCH_CACHE": str(tmp_path / "cache")}
    files = sorted(digits_dir.glob("**/*.png"))[:12]
    src = tmp_path / "few"
    src.mkdir()
    for f in files:
        (src / f.name).write_bytes(f.read_bytes())
    done = subprocess.run([sys.executable, "-m", "imgsearch", "index", src, "-c", "r",
                           "--weights", "random"], env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    import imgsearch
    with imgsearch.open_collection("r", home=tmp_path / "h") as col:
        assert col.manifest.model.weights == "random:seed0"
        assert col.info().indexed == 12
    a = load_model(name="efficientnet-lite0", weights="random", runtime="torch", cached=False)
    b = load_model(name="efficientnet-lite0", weights="random", runtime="torch", cached=False)
    x = np.random.default_rng(0).random((2, 3, 224, 224), dtype=np.float32)
    assert np.allclose(a.embed(x).features, b.embed(x).features)   # seeded: the same network
